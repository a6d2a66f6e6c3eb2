"""Turning an article into a draft case.

:mod:`bot.article_layouts` finds the article's layout, title, source and the
claims it answers; this module groups each answer's sentences into candidate
counterarguments and writes the draft.

Counterargument paragraphs are split into claims, not sentences: a sentence
that continues its neighbour (it opens with "This", "It", "Therefore"... or
shares most of its key terms) stays with it; a short lead-in ("Not really.")
is dropped, and no reference is under four words. Each counterargument gets a
hint and a label (:mod:`bot.draft_wording`); its summary is left ``TODO`` for
the author to write in their own words.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from .answer_lines import is_bulleted_list
from .article_layouts import is_boilerplate, read_layout
from .article_text import read_article_text
from .case_quality import REVIEW_MARK, located_warnings
from .cases import ID_PATTERN, Case, parse_case
from .draft_wording import GENERIC_HINT, hint, label
from .expected_layouts import EXPECTED_STRUCTURES
from .negation import bare
from .text import analyze, has_content, is_finished, split_sentences

__all__ = [
    "EXPECTED_STRUCTURES",
    "ImportError_",
    "ImportedDraft",
    "draft_toml",
    "import_article",
    "import_file",
    "read_article",
    "slug",
]

TODO_SUMMARY = "TODO: one line saying what this counterargument claims, in your own words"

_CONTINUES = re.compile(
    r"^(this|that|these|those|it|its|they|such|therefore|thus|hence|so|which|in other words|"
    r"the latter|the former|as a result|this is)\b",
    re.IGNORECASE,
)
#: "It is much better to ...": an "it" that stands for what follows it, not for the sentence before; advice of its own.
_ANTICIPATORY_IT = re.compile(
    r"^it(?:'s| is| would be)\s+(?:\w+\s+)?(?:better|best|wiser|safer|smarter)\s+to\b",
    re.IGNORECASE,
)
#: Two sentences sharing this share of the smaller one's key terms make one claim.
SAME_CLAIM_OVERLAP = 0.5
#: A sentence this short ("This is fantasy.") is a coda to the claim before it.
CODA_WORDS = 6
#: No reference is shorter than this: a shorter lead-in ("Not really.") carries no reason.
MIN_REFERENCE_WORDS = 4
#: An answer paragraph longer than this may hold several reasons, or one reason cut in parts.
LONG_PARAGRAPH_WORDS = 60
_LINKING_EARLY = re.compile(r"^(?:\S+\s+){0,4}\S*\b(therefore|thus|hence|consequently)\b", re.IGNORECASE)


class ImportError_(ValueError):
    """The article could not be turned into a case; the message says why and what is expected."""


@dataclass(frozen=True)
class DraftPoint:
    number: int
    claim: str
    context: str
    claims: tuple[tuple[str, ...], ...]  # each candidate counterargument: its source sentences
    long_from: frozenset[int] = frozenset()  # indices of claims that open a long paragraph
    review: str = ""  # why the claim needs the coach's eye, where the layout only guessed it


@dataclass(frozen=True)
class DraftArticle:
    title: str
    attribution: str
    points: tuple[DraftPoint, ...]
    layout: str = ""


def read_article(raw: str, filename: str = "") -> DraftArticle:
    """The article's title, attribution and Points, each with its candidate counterarguments.
    ``raw`` is plain text, Markdown or an HTML page (told by ``filename``'s extension, else by content)."""
    try:
        page = read_article_text(raw, filename)
        article = read_layout(page.text)
    except ValueError as error:
        raise ImportError_(str(error)) from None
    title = page.title or article.title
    found = ", ".join(part for part in (page.author, page.date, page.url) if part)
    attribution = found or article.attribution
    points = []
    for found_point in article.points:
        if not has_content(found_point.claim):
            continue  # "Not me.", a heading cut short: nothing to rebut, and the scorer cannot index it
        claims: list[tuple[str, ...]] = []
        long_from: set[int] = set()
        # A premise's answers name the page's claim too ("space"), whatever their reason: its terms are shared.
        topic = f"{found_point.claim} {article.title}" if article.layout == "premises" else found_point.claim
        lead_opens = article.layout in _LEADS_OPEN_REASONS or is_bulleted_list(found_point.paragraphs)
        for paragraph in found_point.paragraphs:
            if len(paragraph.split()) > LONG_PARAGRAPH_WORDS:
                long_from.add(len(claims))
            claims += _claims([paragraph], topic, lead_opens=lead_opens)
        if claims:
            own = _conceded(found_point.paragraphs) or found_point.context
            number, claim, review = found_point.number, found_point.claim, found_point.review
            points.append(DraftPoint(number, claim, _context(claim, own), tuple(claims), frozenset(long_from), review))
    if not points:
        raise ImportError_("No recognisable structure in this article.\n\n" + EXPECTED_STRUCTURES)
    return DraftArticle(title, attribution, tuple(points), article.layout)


def _context(claim: str, own: str) -> str:
    """What the article concedes or sets out around the claim, never the claim itself; "" where it has
    none. Not the article's intro: an intro argues the article's side, and the scorer counts the context
    on the claim's side (measured over the articles of benchmarks/import_quality.py: drafts with the
    intro as context ranked graded rebuttals at Spearman 0.545 on average, without it 0.590). Not a
    placeholder sentence either: over the nine articles it scored exactly as an empty context does, and
    shown to a student as "From the article" it was text the article does not hold."""
    if own.strip() and " ".join(_words(claim)) not in " ".join(_words(own)):
        return own.strip()
    return ""


#: "Yes, X, but ...", "It is true that X, but ...", "Granted, X; however ...": the answer opens by conceding X.
_CONCEDES_THEN_TURNS = re.compile(
    r"^(?:yes|true|sure|granted|admittedly|of course|it(?:'s|\u2019s| is) true(?: that)?|"
    r"it(?:'s|\u2019s| is) (?:correct|fair to say|undeniable) that)\s*[,:]?\s+(?P<conceded>.{12,}?)\s*[,;]\s*"
    r"(?:but|however|yet)\b",
    re.IGNORECASE,
)
#: "X, that's true." followed by "But ...".
_CONCEDED_TAG = re.compile(r"^(?P<conceded>.{12,}?),\s*(?:that|it)(?:'s|\u2019s| is) (?:true|so|fair)\s*[.!]?$", re.I)


def _conceded(paragraphs: tuple[str, ...]) -> str:
    """What the answer grants before it turns ("Yes, traffic jams have worsened in some cities, but ..."):
    what a coach writes as the Point's context, preferred to a paragraph that only sets the claim out
    (measured: bike lanes 0.669 -> 0.726, the other articles within 0.01). The sentence stays in the
    answer, which is where the turn's reason is."""
    for paragraph in paragraphs:
        sentences = split_sentences(paragraph)
        for index, sentence in enumerate(sentences):
            match = _CONCEDES_THEN_TURNS.match(sentence)
            if (
                not match
                and index + 1 < len(sentences)
                and re.match(r"^(?:but|however|yet)\b", sentences[index + 1], re.I)
            ):
                match = _CONCEDED_TAG.match(sentence)  # "X, that's true. But ..."
            if match:
                conceded = match.group("conceded").strip(" ,;")
                return conceded[:1].upper() + conceded[1:].rstrip(".") + "."
    return ""


#: Dots or an ellipsis opening a sentence: where a quotation was cut, not part of the reason.
_ELIDED = re.compile(r"^(?:\.{2,}|\u2026)\s*")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


#: Layouts whose answer paragraphs each open by stating a reason that the sentences after it explain: a reply's
#: own case, its reasons in sequence ("First of all, ..."), too (fireworks-asinine: 12 -> 10 counterarguments for
#: the hand case's 6, all 6 still matched; draft Spearman 0.601 -> 0.606).
_LEADS_OPEN_REASONS = frozenset({"rejected proposal", "reply to a named opponent"})


def _claims(paragraphs: list[str], topic: str = "", lead_opens: bool = False) -> tuple[tuple[str, ...], ...]:
    """Sentences grouped into claims: a new paragraph starts one, and so does a sentence
    that neither opens as a continuation nor shares most key terms with the claim so far.
    Where a paragraph's first sentence is its reason's lead (`lead_opens`), the sentence after it
    explains it: they are one claim ("Bans do not work." and the town where one failed).
    Boilerplate sentences and short lead-ins are left out; no claim is under four words."""
    claims: list[list[str]] = []
    for paragraph in paragraphs:
        current: list[str] = []
        lead = lead_opens
        for sentence in split_sentences(paragraph):
            sentence = _ELIDED.sub("", sentence)  # "....The world is changing": a quotation's cut
            if (
                not _words(sentence)
                or is_boilerplate(sentence)
                or _REMARK_ON_THE_CLAIM.match(sentence)
                or _CITATION.match(sentence)
            ):
                continue
            if not current and len(sentence.split()) < MIN_REFERENCE_WORDS:
                continue
            if current and ((lead and len(current) == 1) or _continues(current[-1], sentence, topic)):
                current.append(sentence)
            else:
                if current:
                    claims.append(current)
                    lead = False
                current = [sentence]
        if current:
            claims.append(current)
    return tuple(
        tuple(c)
        for c in claims
        if sum(len(s.split()) for s in c) >= MIN_REFERENCE_WORDS and has_content(" ".join(c))  # "It is what it is."
    )


#: "This is possibly the most commonly heard rejection of hearing aids.", "This is a common and potentially very
#: dangerous misconception.": the writer's remark on the claim, no reason against it (one that goes on to give
#: its reason, "... misconception because ...", is kept).
_REMARK_ON_THE_CLAIM = re.compile(
    r"^(?:this|that|it)(?:'s|\u2019s| is)\s+(?:(?:possibly|probably|perhaps|by far|easily|surely)\s+)?"
    r"(?:one of\s+)?(?:the|a|an)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:myths?|misconceptions?|excuses?|rejections?|objections?|beliefs?|complaints?|misunderstandings?|claims?)"
    r"(?:\s+(?:of|about|for|against|among|people|we|you)\b[^,;:]*)?[.!]$",
    re.IGNORECASE,
)
#: "(Obesity Code, 245)", "(Smith 2019, p. 12)": where the sentence before came from, not a reason.
_CITATION = re.compile(r"^\([^()]{2,80}?,?\s+(?:p+\.\s*)?\d[\d\u2013-]*\)\.?$")
#: "For example, ...", "Such as ...": evidence for the claim before it, not a reason of its own.
_EXAMPLE = re.compile(r"^(?:for (?:example|instance)|e\.g\.|such as)\b", re.IGNORECASE)
#: "At 500 meters, it drops to 38 decibels.": a fronted phrase, then a pronoun for what the sentence before named.
_FRONTED_PRONOUN = re.compile(r"^[^,]{2,40},\s+(?:it|they|this|these|that|those)\b", re.IGNORECASE)
#: "Some are mobile ...", "Others eat pollen ...", "Most utensils ...": a part of what the sentence before named.
_QUANTIFIED = re.compile(r"^(?:some|others|most|many|few|several|one)\b(?!.*\b(?:also|too)\b)", re.IGNORECASE)
#: "Also, ...", "In addition, ...", "Plus, ...": the article marks a further reason.
_FURTHER = re.compile(
    r"^(?:also|additionally|in addition|plus|furthermore|moreover|besides|what(?:'|\u2019)?s more|another|"
    r"secondly|thirdly|lastly|finally)\b",
    re.IGNORECASE,
)


def _continues(previous: str, sentence: str, topic: str = "") -> bool:
    """Whether ``sentence`` carries on the claim of ``previous`` rather than making a new one. An example,
    a fronted pronoun or a rhetorical question continues (measured over the nine articles of
    benchmarks/import_quality.py: precision 0.691 -> 0.714, recall 0.844 kept, mean draft Spearman
    0.533 -> 0.534; "In fact ..." and joining a short sentence to the next were tried and lowered one
    or the other). So does a sentence about some of what the one before named ("Some ...", "Others ...",
    "Most ..."), while one that marks a further reason ("Also, ...", "In addition, ...") never does, whatever
    its pronoun or terms (over the twenty-seven articles: precision 0.58 -> 0.60, recall 0.80 -> 0.81, mean
    draft Spearman 0.512 -> 0.514; a paragraph's short opening sentence joined to the next, and advice
    such as "Remember, ..." joined to the sentence before, matched the coaches' grouping more often but
    lowered the mean Spearman from 0.514 to 0.511 and to 0.512)."""
    if _FURTHER.match(sentence):
        return False
    return bool(
        (_CONTINUES.match(sentence) and not _ANTICIPATORY_IT.match(sentence))
        or _QUANTIFIED.match(sentence)
        or _LINKING_EARLY.match(sentence)
        or _EXAMPLE.match(sentence)
        or _FRONTED_PRONOUN.match(sentence)
        or sentence.rstrip(' "\u201d').endswith(
            "?"
        )  # "But shouldn't we cause the least harm?" asks the reader to agree
        or len(sentence.split()) <= CODA_WORDS
        or _overlap(previous, sentence, topic) >= SAME_CLAIM_OVERLAP
    )


def _overlap(a: str, b: str, topic: str = "") -> float:
    """The share of the smaller sentence's key terms the other shares, the claim's own terms left out:
    every answer to "the minimum wage will cost jobs" names the minimum wage, whatever its reason."""
    shared = {bare(t) for t in analyze(topic).terms} if topic else set()
    terms_a = {bare(t) for t in analyze(a).terms} - shared
    terms_b = {bare(t) for t in analyze(b).terms} - shared
    smaller = min(len(terms_a), len(terms_b))
    return len(terms_a & terms_b) / smaller if smaller else 0.0


def slug(text: str, fallback: str = "case") -> str:
    """A valid case id from free text."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    candidate = "-".join(words)[:64].strip("-")
    return candidate if ID_PATTERN.match(candidate or "-") else fallback


#: Where the claims of a layout that marks nothing as the other side's were found, for the review note.
_UNMARKED_CLAIMS = {
    "op-ed": 'in prose ("Critics say ..."), not under headings',
    "reply to a named opponent": 'in prose, as what one person named in the opening argues ("X, who argues that ...")',
    "bulleted claims": "as bulleted items with no label",
    "headings named as myths": "as headings with no label, under a title or opening naming them myths or the like",
    "reported headings": 'as headings with no label, each reported ("You may read that ...") and rejected under it',
    "rejected proposal": "in no sentence: the Point is the proposal the article's thesis rejects, stated positively",
    "quoted passage": "as sentences of a quoted passage, each paired with the reply paragraphs naming most of it",
    "discredited report": 'as what a "report" in scare quotes found, and the thesis stated the other way round',
    "they say, you say": 'as the other side\'s turns of a conversation ("He says: ..."), said rather than claimed: '
    "a turn may be a plea or a question",
    "last resort": "by the last resort, no layout fitting: each block (a heading's paragraphs, else a paragraph) a "
    'Point, its claim a reported myth ("The myth says ..."), a heading, or a first sentence, its denial undone',
}


def draft_toml(text: str, case_id: str | None = None, filename: str = "") -> str:
    """A draft case file for the article (plain text, Markdown or HTML); it validates as it is."""
    article = read_article(text, filename)
    case_id = case_id or slug(article.title)
    if not ID_PATTERN.match(case_id):
        raise ImportError_(f"'{case_id}' is not a valid case id: lowercase letters, digits and dashes, at most 64.")
    out = [
        "# Draft made by `counterpoint cases import`. Write the TODO summaries, check the hints, add",
        "# phrasings, then check it with `counterpoint cases validate` and `counterpoint cases check`.",
        f"id = {_quote(case_id)}",
        f"title = {_quote(article.title)}",
        f"attribution = {_quote(article.attribution or 'TODO: author, publication, date')}",
        'side = "the side the article rebuts"',
    ]
    if article.layout in _UNMARKED_CLAIMS:  # nothing marks the claims as the other side's: the least certain
        out += [
            "",
            f"{REVIEW_MARK} the claims were found {_UNMARKED_CLAIMS[article.layout]}; check that "
            "each Point's claim is what the other side says and that its counterarguments answer it",
        ]
    for point in article.points:
        out += _point_lines(point)
    return "\n".join(out) + "\n"


def _point_lines(point: DraftPoint) -> list[str]:
    """One Point of the draft, with a review comment wherever the importer is unsure, which
    `cases validate` repeats with its line."""
    review = f"{REVIEW_MARK} Point {point.number}:"
    out = ["", "[[points]]", f"number = {point.number}"]
    if point.review:
        out.append(f"{review} {point.review}")
    if point.claim.rstrip(' "\u201d').endswith("?") or len(split_sentences(point.claim)) > 1:
        out.append(
            f"{review} the claim is a question or several sentences; write it as the one statement the other side makes"
        )
    out.append(f"claim = {_quote(point.claim)}")
    if not point.context:
        out.append(
            f"{review} the article grants or sets out nothing before answering; "
            "write the context (what it concedes), or leave it empty"
        )
    out.append(f"context = {_quote(point.context)}")
    used: set[str] = set()
    labels: set[str] = set()
    for index, sentences in enumerate(point.claims, start=1):
        arg_id = f"p{point.number}-c{index}"
        if index - 1 in point.long_from:
            out += [
                "",
                f"{review} '{arg_id}' and the ones after it come from one long paragraph; "
                "check each holds one whole reason (merge halves, split pairs)",
            ]
        out += ["", "[[points.counterarguments]]", f"id = {_quote(arg_id)}", f"summary = {_quote(TODO_SUMMARY)}"]
        arg_hint = hint(sentences, point.claim, used)
        if arg_hint == GENERIC_HINT:
            out.append(
                f"{review} '{arg_id}' names nothing the claim does not, so its hint is generic; "
                "write one that points at the reason"
            )
        out += [f"hint = {_quote(arg_hint)}", "source = [", *(f"    {_quote(s)}," for s in sentences), "]"]
        if not is_finished(sentences[-1]):
            out.append(
                f"{review} '{arg_id}' ends mid-sentence (\"...{sentences[-1][-30:]}\"): the article's text may be "
                "cut off here; finish the reason from the article or drop it"
            )
        out.append("phrasings = []")
        arg_label = label(sentences, point.claim, labels)
        if arg_label.endswith("\u2026"):
            out.append(f"{review} '{arg_id}' label is the start of a sentence, cut; name the reason in a few words")
        out.append(f"label = {_quote(arg_label)}")
    return out


def import_article(
    text: str, case_id: str | None = None, *, source: str = "<import>", filename: str = ""
) -> tuple[str, Case]:
    """The draft TOML and the case it parses to (proof that it validates). ``filename``'s extension,
    where given, says whether ``text`` is plain text, Markdown or HTML; else its content does."""
    draft = draft_toml(text, case_id, filename)
    return draft, parse_case(draft, source=source)


#: The largest article file read: an HTML page with its markup fits; a book does not.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class ImportedDraft:
    toml: str
    case: Case
    warnings: list[tuple[int | None, str]]  # `cases validate`'s warnings, each with the draft's line


def import_file(raw: bytes, filename: str, case_id: str | None = None) -> ImportedDraft:
    """An article file's bytes (.txt, .md or .html) as a draft with its warnings;
    :class:`ImportError_` saying what is wrong with a file too big, binary or not UTF-8."""
    kinds = "UTF-8 text: .txt, .md or .html"
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ImportError_(
            f"{filename} is {len(raw) / 2**20:.1f} MB; an article may be at most {MAX_ARTICLE_BYTES // 2**20} MB."
        )
    if b"\x00" in raw:
        raise ImportError_(f"{filename} is a binary file, not an article (expected {kinds}).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportError_(
            f"{filename} is not UTF-8 text (byte {error.start + 1} cannot be read); save it as {kinds}."
        ) from None
    draft, case = import_article(text, case_id, source=filename, filename=filename)
    return ImportedDraft(draft, case, located_warnings(case, draft))


def _quote(value: str) -> str:
    """A TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    tomllib.loads(f'x = "{escaped}"')  # fails loudly if anything slipped through
    return f'"{escaped}"'
