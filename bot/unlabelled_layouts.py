"""Four layouts whose claims carry no label, each claim a line of its own with its answer after it.

* A bulleted list of claims (``- I'm too busy to vote``), each followed by
  the lines that answer it. A page's list flattened by a scraper often runs
  each answer straight on into the next item on the same line ("... takes ten
  minutes. - My vote won't count"): what follows the last sentence's end and a
  bullet mark, to the end of the line, is the next item.
* Bare headings that state the other side's claim (``Heat Pumps Are Noisy``)
  with nothing on them that marks them wrong, each followed by the
  paragraphs that answer it, in an article whose title or opening names what
  they are (myths, misconceptions, excuses, mistakes...). Without that naming
  a short line alone is any article's subheading, so nothing is read. Where
  the opening says its entries are *worded as corrections* (Wikipedia's lists
  of misconceptions do), each heading denies the claim ("Children do not
  learn their first language effortlessly"), and the claim is the heading
  with its denial undone; a heading that denies nothing is left out.

* Beliefs stated as lines of their own (``My shoes feel fine.``), each one
  short sentence with its full stop, followed by the longer paragraphs that
  answer it: a page listing what people think with no label or quotation
  marks. A one-sentence paragraph here and there is any article's prose, so
  they are read only where at least three are answered and they make at
  least a third of the paragraphs from the first one on.

* Corrections with their verb in capitals (``Raw milk DOES NOT kill dangerous
  pathogens by itself.``, ``Pasteurization DOES save lives.``), bulleted on a
  page that names what it answers as myths: a flyer that states only the
  facts. Each claim is its correction turned back round ("Raw milk kills
  dangerous pathogens by itself.", "Pasteurization does not save lives."),
  and the correction with the lines after it is the answer.

Each gives (claim, the lines of its answer); :mod:`bot.article_layouts` turns
the lines into answer paragraphs as it does for every layout.
"""

from __future__ import annotations

import re

from lemminflect import getInflection

from .text import STOP_WORDS, split_sentences, stem, words

#: A bullet mark, then the item: it opens with a letter, a digit or a quotation mark ("* * *" is a rule).
_BULLET = re.compile(r"^\s*[-*\u2022\u2013]\s+(?P<item>[\w\"\u201c\u2018'].*?)\s*$")
#: A sentence's end, a bullet mark, then the next item: a list item run on into the line before it.
_RUN_ON = re.compile(r"(?<=[.!?\u2026\"\u201d\u2019)])\s+[-*\u2022\u2013]\s+(?=[\w\"\u201c\u2018'])")
#: An item or a heading longer than this is a paragraph, not a claim.
MAX_CLAIM_WORDS = 25
#: A belief standing as a paragraph of its own is one short sentence ...
MAX_BELIEF_WORDS = 15
#: ... and a page lists at least this many, each answered, to be read as listing beliefs.
MIN_BELIEFS = 3
#: What an article calls the claims it answers, in its title or opening: a plural, the set of them
#: ("these heat pump myths"), not one ("it's a myth that ...").
_NAMES_THEM = re.compile(
    r"\b(?:myths|misconceptions|misperceptions|misunderstandings|misbeliefs|excuses|mistakes|fallacies|"
    r"falsehoods|untruths|half-truths|lies|objections|complaints|criticisms|arguments against|reasons not to|"
    r"(?:broad |sweeping |lazy )?generali[sz]ations|stereotypes|clich(?:e|\u00e9)s|fears|worries|concerns|"
    r"rebuttals? (?:of|to)|(?:bad|bogus|flawed|illogical|lame|weak|wrong) (?:reasons|claims|arguments)|"
    r"(?:reasons|claims|arguments)\b.{0,40}\b(?:are|is) (?:wrong|false|bogus|flawed|nonsense|illogical))\b",
    re.IGNORECASE,
)
#: A paragraph or sentence that turns against what came before it ("But ...", "In fact ...", "Not so").
TURNS_AGAINST = re.compile(r"^(?:but|however|yet|in fact|actually|in reality|the truth is|not so)\b", re.IGNORECASE)
#: The opening says each heading is the correction of a claim, not the claim.
_WORDED_AS_CORRECTIONS = re.compile(r"\b(?:worded|phrased|stated|written) as (?:a )?corrections?\b", re.IGNORECASE)
#: A denial a claim is undone from (a heading's correction, a thesis rejecting a proposal): an auxiliary and "not",
#: or its contraction; "cannot"; "won't".
DENIAL = re.compile(
    r"\b(?P<aux>do|does|did|is|are|was|were|can|could|will|would|should|must|has|have|had|may|might)"
    r"(?:\s+not\b|n['\u2019]t\b)|\b(?P<cannot>can)not\b|\b(?P<wont>wo)n['\u2019]t\b",
    re.IGNORECASE,
)
#: A correction's verb set in capitals: denied ("DOES NOT cause", "IS NOT safe", "CANNOT") or insisted on ("DOES kill").
_EMPHASIS = re.compile(
    r"\b(?P<aux>DOES|DO|IS|ARE|CAN|WILL|SHOULD)(?P<denied>\s+NOT\b|N['\u2019]T\b)?(?=\s)|\bCAN(?P<cannot>NOT)\b"
)
#: The naming is in the title or the opening: one of the first paragraphs.
OPENING_PARAGRAPHS = 4
#: A heading of the article's own that ends the list of claims: what follows answers none of them.
_CLOSING = re.compile(
    r"^(?:#{1,6}\s*)?(?:(?:in )?conclusions?|summary|final (?:thoughts|words)|(?:the )?bottom line|wrapping up|"
    r"to sum up|(?:key )?takeaways?|contact us|get in touch|about (?:us|the author)|sources|references|"
    r"related (?:posts|articles|reading)|share this(?: \w+)?|(?:book|call|contact|schedule|request)\b.{0,40}"
    r"\b(?:today|now))\s*(?:[:\u2013\u2014!.-].*)?$",
    re.IGNORECASE,
)
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or over than the to with".split())


def bulleted_claims(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(claim, answer lines) for each bullet item followed by lines answering it. Nothing where fewer than
    two items have an answer, or where half the items or more have none: a list inside the prose, not claims."""
    sections: list[tuple[str, list[str]]] = []
    lines = _unflattened(lines)
    for line in lines:
        bullet = _BULLET.match(line)
        if bullet and len(bullet.group("item").split()) <= MAX_CLAIM_WORDS:
            sections.append((bullet.group("item"), []))
        elif sections:
            sections[-1][1].append(line)
    answered = [s for s in sections if any(line.strip() for line in s[1])]
    if len(answered) < 2 or 2 * len(answered) <= len(sections):
        return []
    return [(as_claim(claim, lines), body) for claim, body in answered]


_COLON_LED = re.compile(r"^(?P<claim>[^:.!?]{8,200}):\s+(?P<answer>\S.{20,})$")


def colon_led_bullets(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(claim, answer lines) for each bullet that states a claim and answers it after a colon on the same line
    ("- Fasting breaks down muscle: breakdown of muscle tissue happens only at ..."), on a page that names its
    claims; nothing where fewer than two bullets are so."""
    if not names_the_claims(lines):
        return []
    found = []
    for line in lines:
        bullet = _BULLET.match(line)
        led = _COLON_LED.match(bullet.group("item")) if bullet else None
        if led and len(led.group("claim").split()) <= MAX_CLAIM_WORDS:
            answer = led.group("answer")
            found.append((as_claim(led.group("claim"), lines), [answer[:1].upper() + answer[1:]]))
    return found if len(found) >= 2 else []


def stated_beliefs(paragraphs: list[str]) -> list[tuple[str, list[str]]]:
    """(claim, answer paragraphs) for each belief standing as a paragraph of one short sentence, answered by
    the longer paragraphs after it; nothing unless at least :data:`MIN_BELIEFS` are answered and they make a
    third or more of the paragraphs from the first belief on."""
    beliefs = [i for i, p in enumerate(paragraphs) if _states_a_belief(p, paragraphs[i + 1 : i + 2])]
    if len(beliefs) < MIN_BELIEFS or 3 * len(beliefs) < len(paragraphs) - beliefs[0]:
        return []
    ends = [*beliefs[1:], len(paragraphs)]
    return [(paragraphs[i].strip(), paragraphs[i + 1 : end]) for i, end in zip(beliefs, ends, strict=True)]


def _states_a_belief(paragraph: str, after: list[str]) -> bool:
    """One sentence of 3 to :data:`MAX_BELIEF_WORDS` words ending in a full stop or exclamation (a subheading
    has neither), not turning against anything, followed by a paragraph of two sentences or more whose first
    takes up one of its words ("All running shoes are alike." / "Running shoes are not all made the same.");
    a story's short paragraph ("It was busy.") is followed by the next thing that happened."""
    text = paragraph.strip()
    answer = split_sentences(after[0]) if after else []
    return (
        "\n" not in text
        and 3 <= len(text.split()) <= MAX_BELIEF_WORDS
        and text.rstrip("\"'\u201d").endswith((".", "!"))
        and len(split_sentences(text)) == 1
        and not TURNS_AGAINST.match(text)
        and not _BULLET.match(text)
        and len(answer) >= 2
        and bool(_content_stems(text) & _content_stems(answer[0]))
    )


def _content_stems(text: str) -> set[str]:
    return {stem(word) for word in words(text) if word not in STOP_WORDS}


def capitalised_corrections(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(claim, answer lines) for each bulleted correction whose verb is in capitals, on a page naming its myths;
    nothing where fewer than two are."""
    if not names_the_claims(lines):
        return []
    found: list[tuple[str, list[str]]] = []
    for line in lines:
        bullet = _BULLET.match(line)
        if bullet:
            correction = split_sentences(bullet.group("item"))[0]
            claim = _turned_back(correction) if _EMPHASIS.search(correction) else None
            found.append((claim or "", [bullet.group("item")] if claim else []))
        elif found and found[-1][0]:
            found[-1][1].append(line)
    found = [(claim, body) for claim, body in found if claim]
    return found if len(found) >= 2 else []


def _turned_back(correction: str) -> str | None:
    """The claim a correction in capitals answers: "X DOES NOT Y" -> "X Y", "X DOES Y" -> "X does not Y"."""
    emphasis = _EMPHASIS.search(correction)
    if emphasis is None:
        return None
    if emphasis.group("denied") or emphasis.group("cannot"):
        undone = undo_denial(correction)
        return undone and re.sub(r"\b[A-Z]{2,}\b", lambda m: m.group(0).lower(), undone, count=1)
    aux = emphasis.group("aux").lower()
    return f"{correction[: emphasis.start()]}{aux} not{correction[emphasis.end() :]}"


def _unflattened(lines: list[str]) -> list[str]:
    """The lines from the first bullet on, each item that ran on into the answer before it on a line of its own."""
    start = next((i for i, line in enumerate(lines) if _BULLET.match(line)), len(lines))
    out: list[str] = []
    for line in lines[start:]:
        runs = list(_RUN_ON.finditer(line)) if not _BULLET.match(line) else []
        tail = line[runs[-1].end() :] if runs else ""
        if runs and len(tail.split()) <= MAX_CLAIM_WORDS and len(split_sentences(tail)) == 1:
            out += [line[: runs[-1].start()], "- " + tail]
        else:
            out.append(line)
    return out


def named_headings(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(claim, answer lines) for each bare heading after the title or opening paragraph that names the
    claims (myths, excuses...); nothing where no such paragraph opens the article or fewer than two
    headings have an answer."""
    start = _after_naming(lines)
    if start is None:
        return []
    sections: list[tuple[str, list[str]]] = []
    opening_ends = len(lines)  # the opening: everything before the first heading
    for i in range(start, len(lines)):
        line = lines[i]
        if _stands_alone(lines, i) and _CLOSING.match(line.strip()):
            break  # "Conclusion", even in one word
        if _is_bare_heading(lines, i):
            opening_ends = min(opening_ends, i)
            sections.append((_HEADING_MARK.sub("", line).strip(" *_#"), []))
        elif sections:
            sections[-1][1].append(line)
    answered = [(claim, body) for claim, body in sections if any(s.strip() for s in body)]
    if any(_WORDED_AS_CORRECTIONS.search(line) for line in lines[:opening_ends]):
        undone = [(undo_denial(claim), body) for claim, body in answered]
        answered = [(claim, body) for claim, body in undone if claim is not None]
    answered = [(as_claim(claim, lines), body) for claim, body in answered]
    return answered if len(answered) >= 2 else []


def undo_denial(correction: str) -> str | None:
    """The claim a correction denies: its first "not" undone ("Children do not learn X" -> "Children learn
    X", "Intelligence does not predict X" -> "Intelligence predicts X", "X is not Y" -> "X is Y"); None where
    it denies nothing this way ("Older learners are faster")."""
    denial = DENIAL.search(correction)
    if denial is None:
        return None
    before, after = correction[: denial.start()], correction[denial.end() :]
    if denial.group("cannot"):
        return f"{before}{denial.group('cannot')}{after}"
    if denial.group("wont"):
        return f"{before}will{after}"
    aux = denial.group("aux")
    if aux.lower() not in ("do", "does", "did"):
        return f"{before}{aux}{after}"
    # "do" only carries the tense: it goes to the verb after it, past any adverb ("does not strongly predict").
    verb = re.match(r"(?P<adverbs>(?:\s+\w+ly)*)\s+(?P<verb>\w+)", after)
    if verb is None:
        return None
    tag = {"do": "VB", "does": "VBZ", "did": "VBD"}[aux.lower()]
    inflected = getInflection(verb.group("verb"), tag) if tag != "VB" else ()
    words = [*verb.group("adverbs").split(), (*inflected, verb.group("verb"))[0]]
    return f"{before.rstrip()} {' '.join(words)}{after[verb.end() :]}".strip()


def names_the_claims(lines: list[str]) -> bool:
    """Whether the title or the opening names what follows as the other side's myths, objections, arguments..."""
    return _after_naming(lines) is not None


def _after_naming(lines: list[str]) -> int | None:
    """The line after the first paragraph of the opening that names the claims; None where none does."""
    paragraphs = 0
    for i, line in enumerate(lines):
        if not line.strip() or re.match(r"^\s*(?:#|//|<!--)\s*[a-z][\w-]{0,19}:\s*\S", line):
            continue  # a blank line or a "# source: URL" comment
        if i == 0 or not lines[i - 1].strip():
            paragraphs += 1
            if paragraphs > OPENING_PARAGRAPHS:
                return None
        if _NAMES_THEM.search(line):
            return next((j for j in range(i, len(lines)) if not lines[j].strip()), len(lines))
    return None


def _stands_alone(lines: list[str], i: int) -> bool:
    """A Markdown heading, or a line with a blank line (or the start) before it and a blank line after it."""
    alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 >= len(lines) or not lines[i + 1].strip())
    return alone or bool(_HEADING_MARK.match(lines[i]))


def _is_bare_heading(lines: list[str], i: int) -> bool:
    """A short line standing alone, not a bullet, with no full stop, lead-in colon or exclamation at its end
    unless it is a Markdown heading ("Think again!" alone is a retort)."""
    text = lines[i].strip()
    unended = not text.rstrip("*_ ").endswith((".", ",", ";", ":", "!"))
    return (
        _stands_alone(lines, i)
        and (unended or bool(_HEADING_MARK.match(text)))
        and 2 <= len(_HEADING_MARK.sub("", text).split()) <= MAX_CLAIM_WORDS
        and not _BULLET.match(text)
    )


def as_claim(heading: str, lines: list[str]) -> str:
    """The heading as the sentence a coach would write: Title Case in sentence case (a word the article
    capitalises inside its sentences, a name, keeps its capital), ending with a full stop."""
    claim = heading.strip()
    words = claim.split()
    if _title_case(claim):
        names = _names(lines)
        claim = " ".join(
            [words[0]]
            + [
                w if (w.isupper() and len(w) > 1) or _is_i(w) or w.strip("\"'\u201c\u201d.,!?") in names else w.lower()
                for w in words[1:]
            ]
        )
    return claim if claim[-1:] in '.!?"\u201d' else claim + "."


def _title_case(line: str) -> bool:
    """A heading in Title Case ("3. They Won't Hold New Contacts, Pictures, Etc."), however long."""
    later = [w for w in line.split()[1:] if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    return len(later) >= 2 and all(w[:1].isupper() for w in later)


def _is_i(word: str) -> bool:
    return bool(re.match(r"^I(?:['\u2019]\w+)?$", word))


def _names(lines: list[str]) -> set[str]:
    """Words the article capitalises inside its sentences (not first in one): names. Only lines of prose
    count: a heading in Title Case capitalises every word."""
    names: set[str] = set()
    for line in lines:
        if _BULLET.match(line) or len(line.split()) < 8 or not re.search(r"[.!?]", line) or _title_case(line):
            continue
        for sentence in split_sentences(line):
            names.update(w.strip("\"'\u201c\u201d.,;:!?()") for w in sentence.split()[1:] if w[:1].isupper())
    return names
