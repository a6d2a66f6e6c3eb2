"""Other people's words quoted one by one and answered: posts under their handles, critics with a speech tag.

Two layouts of a column or blog post that quotes its opponents verbatim:

* quoted posts: each opposing post stands as a paragraph of its own, the poster's handle and the post in
  quotation marks (``@handle: "<post>"``, the colon optional), answered in the paragraphs after it. A
  heading (a short line with no end punctuation, "The Verdict") closes the answer: what runs under it up
  to the next post is the writer's own aside, not an answer to the post. Handles, bylines and dates are
  never reasons.
* critics quoted with a speech tag: a paragraph opens with the other side's words in quotation marks and a
  tag naming them (``"Lawns waste water," say the critics.``, ``"..." sneer the critics, "..."``), the
  quotation going on after the tag; the rest of the paragraph and the paragraphs up to the next such
  quotation answer it. The writer's own quoted retort (``"Hey," I reply, "..."``) answers: its tag and
  quotation marks go. An opening that reports the critics' view before the first quotation ("To these
  critics, <claim>.", "Critics say ...") is a claim too, answered the same way, and a paragraph that is a
  bare exclamation of disbelief ("What a load of nonsense.") gives no reason.

Both need two quotations answered, so a page quoting one remark in passing is not read as either. A last
sentence cut off mid-word (a page retrieved short) is left out.
"""

from __future__ import annotations

import re

from .oped_layout import reported_claims
from .text import is_finished, paragraphs_of, split_sentences

#: "@handle: "post"" alone on a line.
_POST = re.compile(r'^\s*@(?P<handle>\w{1,30})\s*[:\-]?\s*"(?P<post>[^"]{8,400})"?\s*$')
#: A heading inside the post: a short line with no end punctuation.
_HEADING = re.compile(r"^[A-Z][\w'&-]*(?:\s+[\w'&-]+){0,5}$")
_SPEECH = (
    r"(?:say|says|said|insist|insists|insisted|sneer|sneers|sneered|scoff|scoffs|scoffed|complain|complains|"
    r"complained|claim|claims|claimed|argue|argues|argued|declare|declares|declared|cry|cries|cried|whine|"
    r"whines|whined|moan|moans|moaned|grumble|grumble|grumbled|protest|protests|protested|object|objects|"
    r"shout|shouts|shouted|warn|warns|warned|huff|huffs|huffed|sniff|sniffs|sniffed|tut|tuts|tutted|"
    r"proclaim|proclaims|proclaimed|lament|laments|lamented|decree|decrees|decreed)"
)
#: Who speaks: anyone but the writer ("I", "we").
_WHO = r"(?!(?:I|we|We)\b)(?:[Tt]he\s+|[Tt]hese\s+|[Tt]hose\s+|[Ss]ome\s+|[Mm]any\s+|[Mm]y\s+)?[\w'-]+(?:\s+[\w'-]+)?"
_OPENING_QUOTE = r'^"(?P<first>[^"]{2,300}?)(?P<mark>[,.!?]?)"\s*'
#: '"X," say the critics. "Y."', '"X," sneer the critics, "Y."', '"X," the critics insist.'
_CRITIC = re.compile(
    _OPENING_QUOTE + r"(?:" + _SPEECH + r"\s+(?P<who>" + _WHO + r")|(?P<who_first>" + _WHO + r")\s+" + _SPEECH + r")"
    r'\s*(?:,\s*"(?P<on>[^"]{6,400})"|[.!]\s*(?:"(?P<next>[^"]{6,400})"?)?)?\s*(?P<rest>.*)$'
)
#: The writer's own retort: '"Hey," I reply, "ever ..."', '"You know what?" I counter. "..."'.
_RETORT = re.compile(
    _OPENING_QUOTE + r"(?:I|we)\s+(?:\w+ly\s+)?(?:reply|replied|counter|countered|say|said|answer|answered|"
    r"respond|responded|retort|retorted|point out|pointed out|ask|asked|shoot back|shot back)"
    r'\s*(?:,\s*"(?P<on>[^"]*)"?|[.!]\s*(?:"(?P<next>[^"]*)"?)?)?\s*(?P<rest>.*)$'
)
#: "To these critics, X.": the view reported before the first quotation.
_VIEW_OF = re.compile(
    r"^(?:To|For)\s+(?:these|those|such|many|some|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:[\w-]+(?:ers|ors|ists|ians|ics|ents|ants|ites)|people|folks|critics|experts)\s*,\s+(?P<claim>.{12,})$"
)
#: A parenthetical tag inside a sentence: "Only by X, they decree, can we ...": the critics' words go on.
_TAGGED_ASIDE = re.compile(r",\s+(?:they|the\s+[\w-]+)\s+" + _SPEECH + r",\s", re.IGNORECASE)
#: "What a load of nonsense.": disbelief with no reason.
_EXCLAMATION = re.compile(r"^what an?\s+[^,;]{3,50}[.!]$", re.IGNORECASE)
#: Two quotations answered at least.
MIN_QUOTED = 2


def quoted_posts(lines: list[str]) -> list[tuple[str, str, list[str]]]:
    """(claim, context, answer lines) for each post quoted under its handle and answered after it."""
    found: list[tuple[str, list[str]]] = []
    answering = False
    for paragraph in paragraphs_of(lines):
        post = _POST.match(paragraph)
        if post:
            found.append((_as_claim(post.group("post")), []))
            answering = True
        elif _HEADING.match(paragraph) and len(paragraph.split()) <= 6:
            answering = False  # "The Verdict": the writer's own section, not an answer to the post
        elif found and answering:
            found[-1][1].append(paragraph)
    return _answered(found)


def quoted_critics(lines: list[str]) -> list[tuple[str, str, list[str]]]:
    """(claim, context, answer lines) for each critics' quotation with its speech tag, and the critics'
    view reported before the first, each answered in the text after it."""
    paragraphs = paragraphs_of(lines)
    quotations = [p for p in paragraphs if _critic(p)]
    if len(quotations) < MIN_QUOTED:
        return []
    if not any(_RETORT.match(p) for p in paragraphs) and all(
        reported_claims(split_sentences(p)[0]) for p in quotations
    ):
        return []  # each a quotation with its source ('"X," says the report.'), no dialogue: the op-ed reads it
    found: list[tuple[str, list[str], list[str]]] = []  # claim, context sentences, answer paragraphs
    quoted = False
    for paragraph in paragraphs:
        critic = _critic(paragraph)
        if critic:
            found.append((_as_claim(_unquoted(critic)), [], _kept(critic.group("rest"))))
            quoted = True
            continue
        retort = _RETORT.match(paragraph)
        if retort:
            paragraph = " ".join(part for part in (_unquoted(retort), retort.group("rest").strip()) if part)
        elif not quoted:
            view = _reported_view(paragraph)
            if view:
                found.append((view[0], view[1], []))
                continue
        if found and not _EXCLAMATION.match(paragraph):
            found[-1][2].append(paragraph)
    return _answered([(claim, answers) for claim, _, answers in found], [" ".join(c) for _, c, _ in found])


def _critic(paragraph: str) -> re.Match[str] | None:
    """The critics' quotation opening a paragraph, with its tag; not a word or two ("Hey," they said)."""
    match = _CRITIC.match(paragraph)
    return match if match and len(match.group("first").split()) >= 3 else None


def _reported_view(paragraph: str) -> tuple[str, list[str]] | None:
    """The critics' view a paragraph reports ("To these critics, X."), with the sentences after it that
    go on reporting it ("..., they decree, ..."), as the claim and its context."""
    sentences = split_sentences(paragraph)
    if not sentences:
        return None
    view = _VIEW_OF.match(sentences[0])
    claim = _as_claim(view.group("claim")) if view else next(iter(reported_claims(sentences[0])), ("",))[0]
    if not claim:
        return None
    context = [s for s in sentences[1:] if _TAGGED_ASIDE.search(s)]
    return claim, context


def _answered(
    found: list[tuple[str, list[str]]], contexts: list[str] | None = None
) -> list[tuple[str, str, list[str]]]:
    """The quotations with an answer, each answer's paragraphs as lines, a last sentence cut off left out."""
    out: list[tuple[str, str, list[str]]] = []
    for index, (claim, answers) in enumerate(found):
        answers = [a for a in answers if a.strip()]
        if index == len(found) - 1 and answers:
            answers[-1] = _without_cut_end(answers[-1])
            answers = [a for a in answers if a]
        if answers:
            out.append((claim, (contexts or [""] * len(found))[index], [line for a in answers for line in (a, "")]))
    return out if len(out) >= MIN_QUOTED else []


def _without_cut_end(paragraph: str) -> str:
    sentences = split_sentences(paragraph)
    if sentences and not is_finished(sentences[-1]):
        sentences.pop()
        while sentences and sentences[-1].endswith("..."):  # "... doing nothing... the": one sentence, cut
            sentences.pop()
    return " ".join(sentences)


def _kept(text: str) -> list[str]:
    return [text.strip()] if text.strip() else []


def _as_claim(words: str) -> str:
    """The quoted words as a claim: a leading "But" goes, a question keeps its mark, the rest ends in a stop."""
    text = re.sub(r"^(?:but|and|so|well|oh)\b[,\s]*", "", words.strip(), flags=re.IGNORECASE).strip(" ,;:")
    text = text[:1].upper() + text[1:]
    if text[-1:] in ".!?":
        return text
    last = split_sentences(text)[-1]
    asks = re.match(
        r"^(?:why|how|what|who|where|when|is|are|do|does|did|can|should|would|will|isn't|aren't)\b", last, re.I
    )
    return text + ("?" if asks else ".")


def _unquoted(match: re.Match[str]) -> str:
    """The quoted words without their tag: the quotation going on after a comma continues its sentence."""
    first, mark = match.group("first").strip(), match.group("mark")
    if match.group("on"):
        return f"{first}, {match.group('on').strip()}"
    ended = first + (mark if mark in ("?", "!", ".") else ".")
    return f"{ended} {match.group('next').strip()}" if match.group("next") else ended
