"""Finding an article's layout: its title, source details and the claims it answers.

Recognised layouts (each heading on a line of its own, optionally a Markdown heading):

* premises and their rejections (:mod:`bot.premise_layout`), a Parlia page: ``[P1] <premise> [P2] ...``,
  then ``[Rejecting P1] <its answer>``; the page's title is a Point, answered by its "Counter arguments";
* ``Point #1: <claim>`` (or ``Point 1:``): the first paragraph after it concedes (the context), the next answer;
* ``Myth: <claim>`` followed by the answer, labelled or not: ``Fact:``, ``NOT TRUE:``, ``Reality:``, ``Truth:``;
* the claim with its verdict after it, on a line of its own (``Composting just smells! – FALSE``), then its answer;
* ``Claim: <claim>`` followed by ``Response: <text>``, and ``Objection:`` followed by ``Reply:`` or ``Answer:``;
* ``Argument 1)  <claim>``, where the opening names them the other side's; bullets answer (:mod:`bot.answer_lines`);
* talking points as runs of labelled lines (:mod:`bot.labelled_lines_layout`): ``You'll also hear it as: "..."``;
* run-in leads, ``Myth #1: <claim>. <answer>`` (:mod:`bot.run_in_layout`); ``<claim>. UNTRUE. <answer>`` inline;
  ``Temperature facts Myth: <claim> <Answer>``, a scraped page's subheading, claim and answer run together;
  on a page that names its claims, ``1. <claim>. <answer>`` and ``Excuse 1: <claim>`` (any one numbered label);
  ``1. They complain <claim>. <answer>`` where half the numbered leads report the other side;
* numbered headings, ``1. <claim>`` or ``## 1. <claim>``, then its paragraphs (``1."Won't it hurt?"``: quotes go);
* quoted one-line objections (``"Wind is unreliable."`` alone on a line), each followed by its answer (a single
  one, answered by two paragraphs or more, is one Point, read just before the op-ed);
* quoted slogans in capitals (:mod:`bot.slogan_layout`): ``"SCOOTERS CUT TRAFFIC." <credit> <its answer>``;
* quoted remarks leading their paragraph's answer, on a page naming them (:func:`bot.run_in_layout.quoted_leads`);
* questions and answers (:mod:`bot.faq_layout`): a question (``Q: Isn't wind too costly?``) or worry, then its answer;
* a rejected proposal (:mod:`bot.proposal_layout`): a thesis rejecting it, then reasons led by dashes; one Point;
* claims with no label (:mod:`bot.unlabelled_layouts`): bulleted, or bare headings under a title naming them myths;
  bulleted corrections with their verb in capitals (``Raw milk DOES NOT kill ...``), turned back round;
* bare headings whose paragraph reports the claim at second hand and rejects it (:mod:`bot.reported_headings_layout`);
* opponents quoted one by one (:mod:`bot.quoted_voices_layout`): ``@handle: "<post>"``, ``"<X>," sneer the critics``;
* a reply to a named opponent reported in the third person (:mod:`bot.named_opponent_layout`);
* one passage of a named piece quoted ("Here's a taste:") and answered (:mod:`bot.quoted_passage_layout`);
* a plain op-ed: claims reported in prose and answered after them (:mod:`bot.oped_layout`); after it, a
  post discrediting the report its opponents cite, its thesis reversed a Point (:mod:`bot.discredited_report_layout`),
  and beliefs stated as one-sentence lines of their own, each answered by what follows (:mod:`bot.unlabelled_layouts`);
* last, any text that argues: each block (a heading's text, else a paragraph) a Point (:mod:`bot.last_resort_layout`).

Lines not part of the argument (calls to action, links, bylines, share lines, captions) are left out of the answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .answer_lines import bullets_apart
from .article_details import COMMENT, DATE, attribution_of, intro_of, is_boilerplate, title_of
from .dialogue_layout import dialogue_turns
from .discredited_report_layout import discredited_report
from .expected_layouts import EXPECTED_STRUCTURES
from .faq_layout import faq_entries, question_answered_by_numbered_reasons
from .labelled_lines_layout import labelled_talking_points
from .last_resort_layout import headline_denial, last_resort
from .named_opponent_layout import named_opponent_reply
from .oped_layout import lines_as_paragraphs, read_oped, reported_claims
from .premise_layout import premise_page
from .proposal_layout import rejected_proposal
from .quoted_passage_layout import quoted_passage
from .quoted_voices_layout import quoted_critics, quoted_posts
from .reported_headings_layout import reported_headings
from .run_in_layout import quoted_leads, run_in_leads, run_together_leads
from .slogan_layout import quoted_slogans
from .text import as_lines, has_content, normalize, paragraphs_of, split_sentences
from .unlabelled_layouts import (
    TURNS_AGAINST,
    as_claim,
    bulleted_claims,
    capitalised_corrections,
    colon_led_bullets,
    named_headings,
    names_the_claims,
    stated_beliefs,
)
from .verdict_layout import verdict_items

_HEADING = r"^\s*(?:#{1,6}\s*)?(?:\*\*)?"
_POINT = re.compile(_HEADING + r"Point\s*#?\s*(\d+)\s*[:.\-]\s*(.+?)(?:\*\*)?\s*$", re.IGNORECASE)
#: "Argument 1)  <claim>" too, where the opening names the arguments as the other side's ("Arguments Against ...").
_MYTH = re.compile(
    _HEADING + r"(?:\d{1,2}[.)]\s+)?(?:False\s+|The\s+)?(?P<label>Myth|Claim|Objection|Argument)"
    r"\s*(?:(?:#|No\.?)?\s*\d+)?\s*"
    r"(?:[:.\-]|(?<=\d)\))"
    r"\s*(?:\*\*)?\s*(?P<claim>.+?)(?:\*\*)?\s*$",
    re.IGNORECASE,
)
#: "Bullshit 1: We only pay for the food", "Excuse #2 - ...": any one-word label with a number, read as
#: the other side's claims only on a page that names them so, and only where every heading has the same label.
_NUMBERED_LABEL = re.compile(
    _HEADING
    + r"(?P<label>[A-Z][A-Za-z]+)\s*#?\s*\d{1,2}\s*[:.)\-\u2013\u2014]\s*(?:\*\*)?\s*(?P<claim>\S.+?)(?:\*\*)?\s*$"
)
#: Labels that number a text's parts or its own advice, never the other side's claims.
_STRUCTURAL_LABELS = frozenset(
    {"step", "part", "chapter", "section", "tip", "day", "week", "lesson", "figure", "table", "page", "update"}
    | {"episode", "round", "level", "stage", "phase", "note", "question", "fact", "reason", "way", "rule"}
)
_ANSWER = re.compile(
    _HEADING
    + r"(?:Fact|Facts|The facts|Response|Reality|Reply|Answer|Truth|The truth|Not true|False)\s*(?:#?\s*\d+)?\s*"
    r"[:.\-!]\s*(?:\*\*)?\s*(.*)$",
    re.IGNORECASE,
)
#: "Composting just smells! – FALSE", "Wind is unreliable (myth)": the claim, then the verdict on it.
_VERDICT_AFTER = re.compile(
    _HEADING + r"(?P<claim>[^\W_].{6,200}?)[\s*_]*(?:[-\u2013\u2014:]|\()\s*(?:\*\*)?"
    r"(?:false|myth|not true|untrue|wrong|fiction|busted|debunked)(?:\*\*)?\s*\)?[.!]?(?:\*\*)?\s*$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(_HEADING + r"(\d{1,2})[.)](?:\s+|(?=\"))(.+?)(?:\*\*)?\s*$")  # '1."Did it hurt?"' too
#: A remark quoted whole (quotation marks are straight once the text is normalized).
_WHOLLY_QUOTED = re.compile(r'^"([^"]+)"$')
_QUOTED = re.compile(r'^\s*(?:#{1,6}\s*|>\s*)?["\u201c](.{8,220}?)["\u201d]\s*$')
#: A quoted heading that lost one of its quotation marks to the page's markup ('Books are cheap"').
_HALF_QUOTED = re.compile(r'^\s*(?:"[^"]{8,220}|[^"#>\s][^"]{7,219}")\s*$')
#: A horizontal rule: a line of three or more dashes, stars, underscores, equals signs or tildes.
_RULE = re.compile(r"^\s*(?:[-_*=~]\s*){3,}$")
_ANSWER_PREFIX = re.compile(r"^\s*A(?:nswer)?\s*[:.]\s*", re.IGNORECASE)
HEADING_WORDS = 30  # a line this long is a paragraph, not a heading
#: A single quoted objection is the article's claim only where at least this many paragraphs answer it.
MIN_ANSWER_PARAGRAPHS = 2
#: Where a numbered page's other leads report the other side, a lead that reports nothing is the writer's
#: sentence about the claim, not the claim itself.
_UNREPORTED_LEAD = "the lead sentence stands as the claim; write it as the other side would say it"


@dataclass(frozen=True)
class RawPoint:
    number: int
    claim: str
    context: str  # what the article concedes or sets out; "" when it has nothing of its own
    paragraphs: tuple[str, ...]  # the answer, boilerplate removed
    review: str = ""  # why the claim needs the coach's eye, where the reader only guessed it


@dataclass(frozen=True)
class Article:
    title: str
    attribution: str  # author, date, URL as far as the text has them; "" when it has none
    intro: str  # the article's first paragraph of prose, for a Point's context
    layout: str
    points: tuple[RawPoint, ...]


def read_layout(text: str) -> Article:
    """The article's title, source, intro and Points; :class:`ValueError` naming the layouts looked for."""
    lines = normalize(text).replace("\r", "").splitlines()
    readers: tuple[tuple[str, Callable[[list[str]], list[RawPoint]]], ...] = (
        ("premises", lambda lines: _with_context(premise_page(lines)[1])),
        ("Point #", _read_points),
        ("run-in myths", _read_run_in),
        ("run-together myths", lambda lines: _with_context(run_together_leads(lines))),
        ("Myth/Fact", _read_labelled),
        ("labelled lines", lambda lines: _as_points(labelled_talking_points(lines))),
        ("they say, you say", lambda lines: _as_points(dialogue_turns(lines))),
        ("claims marked false", _read_marked_false),
        ("inline verdicts", lambda lines: _as_points(verdict_items(lines))),
        ("numbered run-in myths", _read_numbered_run_in),
        ("numbered labels", _read_numbered_labels),
        ("numbered", _read_numbered),
        ("quoted objections", _read_quoted_objections),
        ("quoted slogans", lambda lines: _as_points(quoted_slogans(lines))),
        ("quoted leads", lambda lines: _as_points(quoted_leads(lines)) if names_the_claims(lines) else []),
        ("Q&A", lambda lines: _unlabelled(faq_entries(lines))),
        ("objections between rules", _read_ruled),
        ("rejected proposal", lambda lines: _as_points(rejected_proposal(_without_noise(lines)))),
        ("capitalised corrections", lambda lines: _as_points(capitalised_corrections(_without_noise(lines)))),
        ("bulleted claims", lambda lines: _unlabelled(bulleted_claims(_without_noise(lines)))),
        ("bullets led by a claim and a colon", lambda lines: _as_points(colon_led_bullets(_without_noise(lines)))),
        ("headings named as myths", lambda lines: _unlabelled(named_headings(_without_noise(lines)))),
        ("reported headings", lambda lines: _with_context(reported_headings(_without_noise(lines)))),
        ("quoted posts", lambda lines: _with_context(quoted_posts(_without_noise(lines)))),
        ("quoted critics", lambda lines: _with_context(quoted_critics(_without_noise(lines)))),
        ("reply to a named opponent", lambda lines: _with_context(named_opponent_reply(_prose(lines)))),
        ("quoted passage", lambda lines: _with_context(quoted_passage(_without_noise(lines)))),
        ("one quoted objection", _read_one_quoted),
        ("op-ed", _read_oped),
        ("discredited report", lambda lines: _with_context(discredited_report(_without_noise(lines)))),
        ("stated beliefs", _read_stated_beliefs),
        ("one question, numbered reasons", lambda lines: _as_points(question_answered_by_numbered_reasons(lines))),
        ("last resort", lambda lines: _with_context(last_resort(_without_noise(lines), _title(lines)))),
        ("denying headline", lambda lines: _with_context(headline_denial(_without_noise(lines), _title(lines)))),
    )
    for layout, reader in readers:
        points = [p for p in reader(lines) if p.paragraphs]
        if points:
            title = (layout == "premises" and premise_page(lines)[0]) or _title(lines)  # a premise page: its claim
            return Article(title, attribution_of(lines), intro_of(lines), layout, tuple(points))
    raise ValueError("No recognisable structure in this article.\n\n" + EXPECTED_STRUCTURES)


def _title(lines: list[str]) -> str:
    """The article's title: never one of the layouts' headings (a "MYTH: ..." line is a claim)."""
    return title_of(lines, (_POINT, _MYTH, _ANSWER, _NUMBERED, _VERDICT_AFTER))


def answer_paragraphs(lines: list[str]) -> tuple[str, ...]:
    """The paragraphs of an answer, without boilerplate lines or citation numbers; a bullet starts a paragraph."""
    lines = bullets_apart(lines)
    kept = [line if line.strip() and not is_boilerplate(line.strip()) else "" for line in lines]
    kept = [_ANSWER_PREFIX.sub("", line) for line in kept]
    return tuple(p for p in paragraphs_of(kept) if not is_boilerplate(p))


def _is_heading(line: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    match = pattern.match(line)
    return match if match and len(line.split()) <= HEADING_WORDS else None


def _sections(lines: list[str], heading: re.Pattern[str]) -> list[tuple[re.Match[str], list[str]]]:
    sections: list[tuple[re.Match[str], list[str]]] = []
    for line in lines:
        match = _is_heading(line, heading)
        if match:
            sections.append((match, []))
        elif sections:
            sections[-1][1].append(line)
    return sections


def _read_points(lines: list[str]) -> list[RawPoint]:
    points = []
    for match, body in _sections(lines, _POINT):
        paragraphs = answer_paragraphs(body)
        if paragraphs:
            context, answers = _concession_and_answers(list(paragraphs))
            claim = _as_statement(match.group(2).strip(), lines)
            points.append(RawPoint(int(match.group(1)), claim, context, tuple(answers)))
    return points


def _as_statement(heading: str, lines: list[str]) -> str:
    """A heading stating a claim, as the sentence a coach would write (:func:`as_claim`); a question stays
    as it is asked ("Don't You Need Carbs?" keeps its words)."""
    return heading if heading.endswith("?") else as_claim(heading, lines)


def _concession_and_answers(paragraphs: list[str]) -> tuple[str, list[str]]:
    """The first paragraph concedes; with a single paragraph, the sentences before the
    first contrast ("however", "but") do."""
    if len(paragraphs) > 1:
        return paragraphs[0], paragraphs[1:]
    sentences = split_sentences(paragraphs[0])
    turn = next(
        (i for i, s in enumerate(sentences) if i and re.search(r"\b(however|but|yet|nevertheless)\b", s, re.I)), 1
    )
    return " ".join(sentences[:turn]), [" ".join(sentences[turn:])] if sentences[turn:] else []


def _read_numbered_labels(lines: list[str]) -> list[RawPoint]:
    """Claims under a numbered label of the page's own ("Bullshit 1:", "Excuse #2 -"), on a page that
    names its claims: read as Myth/Fact, with the label's word the same on every heading."""
    if not names_the_claims(lines):
        return []
    sections = _sections(lines, _NUMBERED_LABEL)
    labels = {match.group("label").lower() for match, _ in sections}
    if len(sections) < 2 or len(labels) != 1 or labels & _STRUCTURAL_LABELS:
        return []
    return _read_labelled(lines, _NUMBERED_LABEL)


#: Where a page's lines were run together, a myth's label after the end of a sentence: "... like any other
#: business. MYTH #2: Thrift stores only sell ... THE FACTS: ...".
_MYTH_RUN_ON = re.compile(r"(?<=[^\d\s][.!?])\s+(?=(?:MYTH|Myth)\s*(?:#\s*)?\d{0,2}\s*:\s*\S)")
#: ... and, on a myth's line, its answer's label: in capitals wherever it comes ("MYTH: Burning wood is bad
#: for the environment REALITY: When a tree ..."), else after the end of the claim ("... zone. Reality: ...").
_ANSWER_RUN_ON = re.compile(
    r"(?<!THE)\s+(?=(?:THE FACTS?|FACTS?|REALITY|THE TRUTH|TRUTH)\s*:\s*\S)"
    r"|(?<=[^\d\s][.!?])\s+(?=(?:Facts?|The facts?|Reality|The truth|Truth)\s*:\s*\S)"
)


#: A claim's label with the claim on the line after it: "False Claim No. 2:" / "Bottled water means ...".
_BARE_CLAIM_LABEL = re.compile(
    r"^\s*(?:\*\*)?(?:False\s+)?(?:Myth|Claim)\s*(?:(?:#|No\.?)\s*\d{1,2})?\s*:\s*(?:\*\*)?\s*$", re.I
)


def _labels_on_lines_of_their_own(lines: list[str], heading: re.Pattern[str]) -> list[str]:
    """The lines with each myth run on after another's answer, and each myth's answer label, on a line of
    its own; a line that neither opens with a myth's label nor has one after a sentence's end stays as it is.
    A label standing alone ("False Claim No. 2:") is joined to the claim on the line after it."""
    out: list[str] = []
    for line in _bare_labels_joined(lines):
        if not (_MYTH_RUN_ON.search(line) or heading.match(line)):
            out.append(line)
            continue
        for part in _MYTH_RUN_ON.split(line):
            out.extend(_ANSWER_RUN_ON.split(part) if heading.match(part) else [part])
    return out


def _bare_labels_joined(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and _BARE_CLAIM_LABEL.match(out[-1]) and line.strip():
            out[-1] = f"{out[-1].strip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _read_labelled(lines: list[str], heading: re.Pattern[str] = _MYTH) -> list[RawPoint]:
    """Myth/Fact, Claim/Response, Objection/Reply: the answer label is optional."""
    points: list[RawPoint] = []
    lines = _labels_on_lines_of_their_own(lines, heading)
    named = names_the_claims(lines)  # an "Argument" label is the other side's only where the opening says so
    for match, body in _sections(lines, heading):
        if match.group("label").lower() == "argument" and not named:
            continue
        if not any(line.strip() for line in body):
            continue  # "Myth #1: <its name>" straight above "The Claim: <the claim>": the claim is below
        answer: list[str] = []
        before: list[str] = []
        labelled = False
        for line in body:
            label = _ANSWER.match(line)
            if label and not labelled:
                labelled, before = True, answer
                answer = [label.group(1)]
            else:
                answer.append(line)
        context = " ".join(answer_paragraphs(before)) if labelled else ""
        claim = _as_statement(match.group("claim").strip(), lines)
        points.append(RawPoint(len(points) + 1, claim, context, answer_paragraphs(answer)))
    return points


def _setting_out(paragraphs: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """A first paragraph that sets out the claim before the answer turns on it ("This is the most
    common myth ..." then "But ..."): the context, not an answer."""
    if len(paragraphs) >= 2 and TURNS_AGAINST.match(paragraphs[1]) and not TURNS_AGAINST.match(paragraphs[0]):
        return paragraphs[0], paragraphs[1:]
    return "", paragraphs


def _read_numbered(lines: list[str]) -> list[RawPoint]:
    points = [
        RawPoint(
            int(m.group(1)),
            _as_statement(_WHOLLY_QUOTED.sub(r"\1", m.group(2).strip()), lines),
            *_setting_out(answer_paragraphs(body)),
        )
        for m, body in _sections(lines, _NUMBERED)
    ]
    return points if len(points) >= 2 else []


def _read_run_in(lines: list[str]) -> list[RawPoint]:
    """Run-in leads, where no answer label (on a line of its own, or after a myth on its line) says the
    article is Myth/Fact with its claims as headings."""
    if any(_ANSWER.match(line) for line in _labels_on_lines_of_their_own(lines, _MYTH)):
        return []
    return _as_points(run_in_leads(lines))


def _read_numbered_run_in(lines: list[str]) -> list[RawPoint]:
    """Numbered myths run on into their answers, on a page that names its claims (after inline
    verdicts, which number their myths too: "1. <claim> [False! ...]"), or where at least half the
    numbered paragraphs open by reporting the other side ("1. They complain we have sacrificed X. This
    ignores ..."): the claim is what they report, and a lead that reports nothing is flagged for review."""
    if any(_ANSWER.match(line) for line in lines):
        return []
    leads = run_in_leads(lines, numbers_lead=True)
    if names_the_claims(lines):
        return _as_points(leads)
    reported = [reported_claims(claim) for claim, _ in leads]
    if not leads or 2 * sum(map(bool, reported)) < len(leads):
        return []
    return [
        RawPoint(n, found[0][0], "", answer_paragraphs(body))
        if found
        else RawPoint(n, claim, "", answer_paragraphs(body), _UNREPORTED_LEAD)
        for n, ((claim, body), found) in enumerate(zip(leads, reported, strict=True), 1)
    ]


def _with_context(found: Sequence[tuple[str, str, list[str]] | tuple[str, str, list[str], str]]) -> list[RawPoint]:
    """A layout's (claim, context, answer lines[, review note]) as Points: premises', reported headings'."""
    return [
        RawPoint(n, f[0], f[1], answer_paragraphs(f[2]), f[3] if len(f) > 3 else "") for n, f in enumerate(found, 1)
    ]


def _as_points(found: list[tuple[str, list[str]]]) -> list[RawPoint]:
    """A layout's (claim, answer lines) as Points, with no context: the answer follows the claim at once."""
    return [RawPoint(n, claim, "", answer_paragraphs(body)) for n, (claim, body) in enumerate(found, 1)]


def _read_one_quoted(lines: list[str]) -> list[RawPoint]:
    """A single quoted objection standing alone ("Cracking your knuckles causes arthritis."), the rest of
    the text answering it: one Point, where at least two paragraphs follow it and no other line stands
    quoted alone (one of several would be a quoted-objections page, read before)."""
    points = _read_standalone(lines, _QUOTED, least=1)
    if len(points) != 1 or len(points[0].paragraphs) < MIN_ANSWER_PARAGRAPHS:
        return []
    return points


def _read_standalone(lines: list[str], heading: re.Pattern[str], least: int = 2) -> list[RawPoint]:
    """Headings that stand as a paragraph of their own: a blank line (or the start) before them; nothing
    where fewer than ``least`` of them are answered."""
    sections: list[tuple[str, list[str]]] = []
    for i, line in enumerate(lines):
        match = _is_heading(line, heading) if i == 0 or not lines[i - 1].strip() else None
        if match:
            sections.append((match.group(1).strip(), []))
        elif sections:
            sections[-1][1].append(line)
    points = [
        RawPoint(n, claim, *_setting_out(answer_paragraphs(body))) for n, (claim, body) in enumerate(sections, start=1)
    ]
    return points if sum(1 for p in points if p.paragraphs) >= least else []


def _read_quoted_objections(lines: list[str]) -> list[RawPoint]:
    """Objections quoted on lines of their own, each claim written as a coach would (a quoted heading in
    Title Case, "It's Not Bad Enough Yet", in sentence case with its full stop). On a page with two or more,
    a heading that lost one quotation mark to the page's markup ('Books are cheap"') is one of them too."""
    points = _read_standalone(lines, _QUOTED)
    if len(points) >= 2:
        points = _read_standalone([_mended_quote(line) for line in lines], _QUOTED)
    return [replace(p, claim=_as_statement(p.claim, lines)) for p in points]


def _mended_quote(line: str) -> str:
    """A half-quoted line with its missing quotation mark (a long one still reads as no heading)."""
    if not _HALF_QUOTED.match(line):
        return line
    text = line.strip()
    return f'"{text}' if text.endswith('"') else f'{text}"'


def _read_marked_false(lines: list[str]) -> list[RawPoint]:
    points = _read_standalone(lines, _VERDICT_AFTER)
    # The heading's own exclamation ("Composting just smells!") is the other side's tone, not the claim.
    return [replace(p, claim=p.claim.rstrip(" !.") + ".") if not p.claim.endswith("?") else p for p in points]


def _without_noise(lines: list[str]) -> list[str]:
    """Boilerplate and date lines blanked: a caption or a dateline alone on a line is no claim's heading."""
    return [
        "" if is_boilerplate(line.strip()) or (DATE.search(line) and len(line.split()) <= 6) else line for line in lines
    ]


def _unlabelled(sections: list[tuple[str, list[str]]]) -> list[RawPoint]:
    """Claims found with no label; an item cut short to words with no content ("Not me.") is none."""
    points = [
        RawPoint(n, claim, *_setting_out(answer_paragraphs(body)))
        for n, (claim, body) in enumerate(((c, b) for c, b in sections if has_content(c)), start=1)
    ]
    return points if sum(1 for p in points if p.paragraphs) >= 2 else []


def _prose(lines: list[str]) -> list[str]:
    """The paragraphs of a text with no headings (one a line where it has no blank lines), comments left out."""
    return [p for p in answer_paragraphs(lines_as_paragraphs(lines)) if not COMMENT.match(p)]


def _read_stated_beliefs(lines: list[str]) -> list[RawPoint]:
    """Beliefs standing as one-sentence paragraphs, each answered by the paragraphs after it."""
    found = stated_beliefs(_prose(lines))
    return _unlabelled([(claim, as_lines(answer)) for claim, answer in found])


def _read_oped(lines: list[str]) -> list[RawPoint]:
    """One claim answered by all the rest is too coarse a reading where two blocks answer claims of their own."""
    found = [RawPoint(n, *found) for n, found in enumerate(read_oped(_prose(lines)), 1)]
    return [] if len(found) == 1 and last_resort(_without_noise(lines), _title(lines)) else found


def _read_ruled(lines: list[str]) -> list[RawPoint]:
    """Sections between horizontal rules, each opening with the other side's claim in a
    paragraph of its own and answered in the paragraphs after it (a list of objections
    quoted without quotation marks or labels). What comes before the first rule is the intro."""
    sections: list[list[str]] = []
    for line in lines:
        if _RULE.match(line):
            sections.append([])
        elif sections:
            sections[-1].append(line)
    points: list[RawPoint] = []
    for body in sections:
        paragraphs = answer_paragraphs(body)
        if len(paragraphs) >= 2 and len(paragraphs[0].split()) <= HEADING_WORDS:
            points.append(RawPoint(len(points) + 1, paragraphs[0], *_setting_out(paragraphs[1:])))
    return points if len(points) >= 2 else []
