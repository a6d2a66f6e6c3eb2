"""The last-resort reader: tried after every other layout, it drafts any article that argues.

The text is cut into blocks: a heading (a Markdown or numbered heading, ``1. Eyesight``, a line labelled
``Myth:`` or ``Point #2:``, or a short capitalised line standing alone with no end punctuation) heads a block
of the paragraphs under it where the article has two or more; otherwise each paragraph is a block, one that
turns ("But ...") joining the one before. Titles, bylines ("This article was written by ..."), captions,
date lines and an opening that only announces the myths are left out. Each block is a Point, its claim
found by the first rule that applies:

1. a sentence reports the claim: "Myth #1: X", "The myth says X", "It's a Hollywood myth that X", "People think X",
   "I fear X", or any report the op-ed layout knows ("Critics say X"); the sentences after it answer. Under
   a heading the report opens the block or a paragraph; in a paragraph it may stand anywhere, each report
   starting a Point;
2. a label's text ("Myth: X"), or a heading that states a claim (three words or more, with a verb, or any
   such heading where the article names what it answers: myths, misconceptions, excuses...);
3. a question the block answers ("Won't they return books late?");
4. where the article names what it answers, a first sentence that denies ("It is not required by law to
   embalm a body.") with its denial undone, or that affirms with an auxiliary ("You can have a viewing and
   still be cremated.") denied; the sentence stays in the answer, where it is the first reason;
   A first sentence that only names the worry the paragraph answers ("The most common fear is of smell.",
   "Flies are another concern.") denies nothing: it stands as the claim, with a note asking the coach to word
   it, and the rest of the paragraph answers;
5. else the claim is left for the coach: the first sentence stands in, with a note saying so.

A text with no argument (a recipe, a story, a list of links) is refused: at least two blocks must answer
something by rules 1-4 (headings and first sentences only where the article names its claims; a question
only where it asserts, "Don't fines teach responsibility?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lemminflect import getAllLemmas

from .oped_layout import as_sentence, lines_as_paragraphs, reported_claims
from .text import as_lines, split_sentences
from .unlabelled_layouts import DENIAL, TURNS_AGAINST, as_claim, names_the_claims, undo_denial

#: A line this short, alone, capitalised and with no end punctuation, heads a block.
MAX_HEADING_WORDS = 12
#: A line labelled as a claim ("Myth: ...") this long is a paragraph, not a heading.
MAX_LABELLED_WORDS = 30
#: A first sentence longer than this is prose, not a correction a rule can undo.
MAX_CORRECTION_WORDS = 25
#: A block with no claim a rule finds is a Point only with this many words: less is a caption or a link.
MIN_BLOCK_WORDS = 20
#: A claim is looked for in this many of a block's first sentences.
REPORT_WITHIN = 3

_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.+?)\s*$")
_NUMBERED_HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?\d{1,2}[.)]\s+(?P<text>.+?)\s*$")
_BULLET_MARK = re.compile(r"^\s*[-*\u2022\u2013]\s+")
_BYLINE = re.compile(
    r"^(?:this (?:article|post|piece|story|page) (?:was )?(?:written|posted|published|updated|reviewed) by|"
    r"(?:written|words|text|reviewed) by)\b",
    re.IGNORECASE,
)
_MYTH_WORD = r"(?:myth|misconception|misunderstanding|fallacy|falsehood|belief|idea|notion|assumption|story|claim)"
#: "The myth says X", "The common belief is that X", "It's a Hollywood myth that X".
_MYTH_REPORT = re.compile(
    r"^(?:[^,]{3,40},\s+)?(?:(?:the|a|one|another)\s+(?:[\w-]+\s+){0,2}" + _MYTH_WORD + r"\s+(?:says|goes|is|holds)"
    r"|it(?:'s| is)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}" + _MYTH_WORD + r"\s+that)\s+(?:that\s+)?(?P<claim>.{12,})",
    re.IGNORECASE,
)
#: "People think X", "Many families assume X".
_PEOPLE_THINK = re.compile(
    r"^(?:[^,]{3,40},\s+)?(?:many|most|some|a lot of)?\s*(?:people|folks|families|parents|we|you)\s+"
    r"(?:often\s+|still\s+|wrongly\s+|mistakenly\s+|may\s+|might\s+)?(?:think|believe|assume|imagine|suppose)\s+"
    r"(?:that\s+)?(?P<claim>.{12,})",
    re.IGNORECASE,
)
#: A label that marks a line as the other side's claim: "Myth: X", "Objection 2: X".
_CLAIM_LABEL = re.compile(
    r"^(?:myth|misconception|claim|objection|excuse|argument|point)\s*#?\s*\d*\s*[:.\-\u2013]\s*(?P<claim>\S.{6,})$",
    re.I,
)
#: A label opening the answer: "Fact: ...", "The truth: ...".
_ANSWER_LABEL = re.compile(
    r"^(?:facts?|reality|(?:the )?truth|not true|false|response|reply|answer|a)\s*[:.\-\u2013!]\s+", re.I
)
#: A question that asserts its answer ("Don't fines teach responsibility?", "Why would anyone return it?").
_ASSERTING_QUESTION = re.compile(
    r"^(?:[^,?]{3,60},\s+)?(?:(?:do|does|did|is|are|was|were|can|could|will|would|should|has|have|wo)n['\u2019]t|"
    r"why (?:would|should|do|does|is|are|can|not))\b",
    re.IGNORECASE,
)
#: "I fear X", "We worry that X": the asker's worry.
_WORRY = re.compile(
    r"^(?:i|we)(?:'m| am|'re| are)?\s+(?:fear|worry|afraid|worried|concerned)\s+(?:that\s+)?(?P<claim>.{12,})", re.I
)
#: A paragraph that opens by naming the worry it answers: "The most common fear is of smell.", "Flies are another
#: concern.", "Another biggie is sight." The claim is the coach's to write; the rest of the paragraph answers it.
_NAMES_A_WORRY = re.compile(r"\b(?:fears?|concerns?|worry|worries|biggie|gripes?|complaints?|objections?)\b", re.I)
#: "Contrary to (popular) myth, X": X is the correction.
_CONTRARY = re.compile(r"^contrary to (?:[\w-]+\s+){0,2}(?:myth|belief|opinion|wisdom)s?,\s+(?P<correction>.+)$", re.I)
#: A paragraph that sums up speaks for the whole article: the blocks end there.
_SUMS_UP = re.compile(r"^(?:in short|in sum|in conclusion|to sum up|to conclude|all in all|the bottom line)\b", re.I)
#: A question word opens a topic, not a claim ("Why Sharks Bite").
_QUESTION_WORD = re.compile(r"^(?:why|how|what|when|where|who|which)\b", re.IGNORECASE)
#: A hedge a denial carries that its claim does not: "not necessarily better" -> "better".
_HEDGE = re.compile(r"\b(?:necessarily|really|actually)\s+", re.IGNORECASE)
#: "You can have X", "Bodies are Y": a subject of up to four words, an auxiliary "not" can follow, the rest.
_AFFIRMING = re.compile(
    r"^(?P<subject>(?:[\w'-]+\s+){0,3}?[\w'-]+)\s+(?P<aux>can|could|is|are|was|were|will|would|may)\s+"
    r"(?!not\b|never\b)(?P<rest>.+)$",
    re.IGNORECASE,
)
#: A denial by the writer, a story's character or an order ("Do not overmix"): no one else's claim.
_OWN_SUBJECT = re.compile(r"^(?:i|he|she|we)$", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class FoundPoint:
    claim: str
    context: str
    answer: tuple[str, ...]  # paragraphs
    review: str = ""  # why the coach must write the claim; "" where a rule found it
    answers: bool = True  # a rule that marks an argument found the claim


def last_resort(lines: list[str], title: str) -> list[tuple[str, str, list[str], str]]:
    """(claim, context, answer lines, review note) for each block that argues; nothing where fewer than two
    blocks answer something a rule can name."""
    named = names_the_claims(lines)
    found: list[FoundPoint] = []
    for block in blocks(lines, title):
        points = _read_block(block, named, lines)
        if found and not found[-1].answer and (not points or points[0].review):
            found[-1] = replace(found[-1], answer=block.paragraphs)  # a claim reported at a paragraph's end
            continue
        found += points
    found = [p for p in found if p.answer]
    if sum(p.answers for p in found) < 2:
        return []
    return [(p.claim, p.context, as_lines(p.answer), p.review) for p in found]


#: A headline that answers before it denies: "No, E-Scooters Are Not the Worst Thing ...".
_ANSWERING_WORD = re.compile(r"^(?:no|nope|sorry|actually)\s*[,:;.!\u2013\u2014-]+\s*", re.IGNORECASE)


#: A title voting against a proposal: "NO on Sidewalk Trees", "Vote No on Measure B", "Say No to the Bypass".
_VOTING_NO = re.compile(r"^\s*(?:(?:just\s+)?say|vote)?\s*no\s+(?:on|to)\s+(?P<proposal>\S.*?)\s*[.!]*\s*$", re.I)


def headline_denial(lines: list[str], title: str) -> list[tuple[str, str, list[str], str]]:
    """A text whose title denies a claim and whose body argues in prose, in no layout a rule reads: one Point,
    the claim the title denies ("No, E-Scooters Are Not the Worst Thing That Ever Happened to Cities" ->
    "E-Scooters Are the Worst Thing That Ever Happened to Cities.") or the proposal it votes against ("NO on
    Sidewalk Trees" -> "We should say yes to sidewalk trees."), answered by all of the body; nothing where
    the title denies nothing or fewer than two paragraphs argue."""
    claim = _corrected(_ANSWERING_WORD.sub("", title)) if title else None
    review = (
        "the claim is the one the title denies, answered by the whole text; where the text answers several "
        "claims, split it into a Point each"
    )
    if claim is None and (voting := _VOTING_NO.match(title or "")):
        claim = as_claim(f"We Should Say Yes To {voting.group('proposal')}", lines)
        review = (
            "the claim is the proposal the title votes against, in the importer's words, answered by the whole "
            "text; word it as its side would, and where the text answers several claims, split it into a Point each"
        )
    paragraphs = [p for block in blocks(lines, title) for p in block.paragraphs if _is_prose(p)]
    if claim is None or len(paragraphs) < 2:
        return []
    return [(claim, "", as_lines(paragraphs), review)]


def blocks(lines: list[str], title: str) -> list[Block]:
    """The article's blocks: headed where it has two headings or more, else one a paragraph."""
    lines = lines_as_paragraphs(lines)
    items: list[tuple[str, str]] = []  # ("heading" | "paragraph", text)
    current: list[str] = []
    seen_title = False
    for i, line in enumerate(lines + [""]):
        text = _BULLET_MARK.sub("", line.strip()).strip()
        heading = _heading(lines, i) if i < len(lines) else None
        if not seen_title and title and _bare(text) == _bare(title):
            seen_title = True  # the title heads no block
            text, heading = "", None
        if heading is not None or not text:
            if current:
                items.append(("paragraph", " ".join(current)))
                current = []
            if heading is not None:
                items.append(("heading", heading))
        else:
            current.append(text)
    items = [(kind, text) for kind, text in items if kind == "heading" or _is_prose(text)]
    headed = sum(kind == "heading" for kind, _ in items) >= 2
    out: list[Block] = []
    for kind, text in items:
        if _SUMS_UP.match(text):
            break
        if kind == "heading":
            if headed:
                out.append(Block(text, ()))
        elif headed and out:
            out[-1] = Block(out[-1].heading, (*out[-1].paragraphs, text))
        elif out and not out[-1].heading and TURNS_AGAINST.match(text):
            out[-1] = Block("", (*out[-1].paragraphs, text))  # "But ...": the answer to the paragraph before
        else:
            out.append(Block("", (text,)))
    return [b for b in out if b.paragraphs]


def _bare(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _heading(lines: list[str], i: int) -> str | None:
    """The heading's text where line ``i`` is one: a Markdown or numbered heading, or a short capitalised
    line standing alone with no end punctuation."""
    line = lines[i]
    marked = _MARKDOWN_HEADING.match(line) or _NUMBERED_HEADING.match(line)
    text = _BULLET_MARK.sub("", marked.group("text") if marked else line).strip(" *_#")
    if not text or len(text.split()) > (MAX_LABELLED_WORDS if _CLAIM_LABEL.match(text) else MAX_HEADING_WORDS):
        return None
    if _BYLINE.match(text):
        return None
    if marked or _CLAIM_LABEL.match(text):
        return text
    alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 >= len(lines) or not lines[i + 1].strip())
    unended = not text.endswith((".", ",", ";", ":", "!"))
    return text if alone and unended and text[:1].isupper() else None


def _is_prose(paragraph: str) -> bool:
    """A paragraph of sentences: not a caption, a link line or a byline."""
    return bool(re.search(r"[.!?\"\u201d]\s*$|[.!?]\s", paragraph)) and not _BYLINE.match(paragraph)


def _read_block(block: Block, named: bool, lines: list[str]) -> list[FoundPoint]:
    """The block's Points: one per claim a sentence of a paragraph reports, else the one its heading, its first
    sentence or the coach must name; nothing for a caption, an aside or the opening announcing the myths."""
    paragraphs = [split_sentences(_ANSWER_LABEL.sub("", p)) for p in block.paragraphs]
    sentences = [(index, s) for index, p in enumerate(paragraphs) for s in p]
    within = len(sentences) if not block.heading else min(REPORT_WITHIN, len(paragraphs[0]))
    # Under a heading, a report opens the block's text or one of its paragraphs; in prose, anywhere.
    opening = {k for k, (index, _) in enumerate(sentences) if k < within or sentences[k - 1][0] != index}
    reports = [
        (k, c) for k, (_, s) in enumerate(sentences) if (k in opening or not block.heading) and (c := reported_claim(s))
    ]
    if reports:
        ends = [k for k, _ in reports[1:]] + [len(sentences)]
        return [
            FoundPoint(claim, " ".join(s for _, s in sentences[:k]) if n == 0 else "", _rejoin(sentences[k + 1 : end]))
            for n, ((k, claim), end) in enumerate(zip(reports, ends, strict=False))
        ]
    labelled = _CLAIM_LABEL.match(block.heading)
    if labelled:
        return [FoundPoint(as_sentence(labelled.group("claim")), "", block.paragraphs)]
    if block.heading and (named and len(block.heading.split()) >= 3 or _states_claim(block.heading)):
        return [FoundPoint(as_claim(block.heading, lines), "", block.paragraphs, answers=named)]
    first = paragraphs[0][0] if paragraphs[0] else ""
    if first.endswith("?") and len(sentences) >= 2:  # a question, answered: the objection it puts
        answer = _rejoin(sentences[1:])
        return [FoundPoint(first, "", answer, answers=bool(_ASSERTING_QUESTION.match(first)))]
    words = sum(len(p.split()) for p in block.paragraphs)
    names_one = _NAMES_A_WORRY.search(first) and len(first.split()) <= MAX_HEADING_WORDS and not _names_them(block)
    if named and names_one and len(sentences) >= 2:
        review = f'the paragraph names the worry it answers ("{first}"); write it as the claim the other side makes'
        return [FoundPoint(first, "", _rejoin(sentences[1:]), review)]
    corrected = (_corrected(first) or _negated(first)) if named and len(sentences) >= 2 else None
    if corrected:
        return [FoundPoint(corrected, "", block.paragraphs)]
    if words < MIN_BLOCK_WORDS or len(sentences) < 2 or _names_them(block):
        return []
    where = f'the heading "{block.heading}"' if block.heading else "its paragraph"
    review = (
        f"no rule could name the claim {where} answers, so the claim is its first sentence, the article's own "
        "statement; write the claim the other side makes that this answers"
    )
    return [FoundPoint(paragraphs[0][0], "", block.paragraphs, review, answers=False)]


def _rejoin(sentences: list[tuple[int, str]]) -> tuple[str, ...]:
    """Numbered sentences joined again into their paragraphs."""
    joined: dict[int, list[str]] = {}
    for index, sentence in sentences:
        joined.setdefault(index, []).append(sentence)
    return tuple(" ".join(p) for p in joined.values())


def reported_claim(sentence: str) -> str:
    """The claim a sentence reports ("The myth says X", "Critics say X"), or the one it corrects where it opens
    "Contrary to myth, <a denial>"; "" where it reports none."""
    match = _MYTH_REPORT.match(sentence) or _PEOPLE_THINK.match(sentence) or _WORRY.match(sentence)
    match = match or _CLAIM_LABEL.match(sentence)  # "Myth #1: <claim>." opening a paragraph
    if match:
        return as_sentence(match.group("claim"))
    contrary = _CONTRARY.match(sentence)
    if contrary:
        return _corrected(contrary.group("correction")) or ""
    found = reported_claims(sentence)
    return found[0][0] if found else ""


def _corrected(sentence: str) -> str | None:
    """The claim a short denial corrects, its denial undone ("It is not required by law to embalm a body." ->
    "It is required by law to embalm a body."); None where it denies nothing, or is the writer's or an order."""
    denial = DENIAL.search(sentence)
    if denial is None or len(sentence.split()) > MAX_CORRECTION_WORDS:
        return None
    subject = sentence[: denial.start()].split()
    if not subject or _OWN_SUBJECT.match(subject[-1]) or "," in sentence[: denial.start()]:
        return None
    claim = undo_denial(sentence[: denial.end()] + _HEDGE.sub("", sentence[denial.end() :], count=1))
    return as_sentence(claim) if claim else None


def _negated(sentence: str) -> str | None:
    """The claim a short affirmation corrects, where it asserts with an auxiliary that "not" can follow ("You can
    have a viewing and still be cremated." -> "You cannot have a viewing and be cremated."); None otherwise."""
    match = _AFFIRMING.match(sentence)
    if match is None or len(sentence.split()) > MAX_CORRECTION_WORDS or _OWN_SUBJECT.match(match.group("subject")):
        return None
    aux = match.group("aux")
    denied = "cannot" if aux.lower() == "can" else f"{aux} not"
    rest = re.sub(r"\b(?:still|also|even|actually|really)\s+", "", match.group("rest"))
    return as_sentence(f"{match.group('subject')} {denied} {rest}")


def _states_claim(heading: str) -> bool:
    """A heading of three words or more, not a question's topic, with a verb after its first word."""
    words = [w.lower() for w in re.findall(r"[A-Za-z']+", heading)]
    return len(words) >= 3 and not _QUESTION_WORD.match(heading) and any(_verb(words, i) for i in range(1, len(words)))


def _verb(words: list[str], i: int) -> bool:
    """An auxiliary, a word that can only be a verb, or one that can be after a plural ("Turbines Kill")."""
    readings, before = getAllLemmas(words[i]), getAllLemmas(words[i - 1])
    plural_before = "NOUN" in before and words[i - 1] not in before["NOUN"]
    return "AUX" in readings or ("VERB" in readings and ("NOUN" not in readings or plural_before))


def _names_them(block: Block) -> bool:
    return names_the_claims([block.heading, *block.paragraphs])
