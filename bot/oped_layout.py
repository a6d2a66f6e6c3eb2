"""The plain op-ed layout: the other side's claims stated in prose, answered in the paragraphs after.

No headings and no labels: a claim is a sentence that reports what the other
side says ("Critics say ...", "Some argue that ...", "It is often claimed
that ...", "Opponents point to ...", or a quotation followed by "says
<source>"), and its answer runs from the first sentence that turns against it
("But", "In fact", "That ignores ...") to the next reported claim. A claim denied in the sentence that
states it ("It is a false assumption that ...", "It is a myth that ...") is answered from the next sentence;
a letter's "Your report that <claim> fails to consider <reason>" from that sentence itself.

A retold conversation (the writer's own words reported: "I said", "I answered") also reports the other
side as "She said (that) <claim>." without quotation marks, and may put a claim as a question that asserts
it: 'A friend asked, "Don't you think <claim>?"'.

Where one paragraph reports several claims (a list of alarming headlines), each
answer sentence goes to the claim whose source it names ("That New York Times
article ..."); a sentence naming none stays with the claim before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import STOP_WORDS, split_sentences, stem

#: What may come before the reporting words: a short leading clause ("When the plan was announced, ...")
#: or a connective ("But", "Of course,").
_OPENER = (
    r"^(?:(?:[^,.;:\"\u201c]|:(?=\d)){3,60},\s+){0,2}"
    r"(?:(?:but|yet|and|now|still|of course|true|sure|granted|admittedly|meanwhile|too often)\s*,?\s+)?"
)
_WHO = (
    # "they" only as the other side speaks now ("They complain X"): "They said X" tells a story
    r"(?:you|they(?=\s+(?:\w+ly\s+)?(?:say|claim|complain|argue|insist|contend|maintain|believe|assert|worry|"
    r"fear|object|suggest)\b)|critics|sceptics|skeptics|opponents|detractors|naysayers|doubters|cynics|some(?:\s+(?:people|observers|"
    r"commentators|economists|politicians|parents|experts|critics))?|many(?:\s+people)?|others|people|those who "
    r"[\w\s]{2,40}?|(?:the\s+)?(?:opponents|critics|proponents|supporters|defenders) of [\w\s\-]{2,40}?|"
    # people by what they do: "councillors argued", "many economists warn", "local shopkeepers say"
    r"(?:(?:some|many|most|the|local|other)\s+)?(?!numbers\b)[a-z]+(?:ers|ors|ists|ians|ents|ants))"
)
_ADVERB = r"(?:(?:\w+ly|often|always|sometimes|still|also|now|even)\s+)?"
_VERB = (
    r"(?:say|says|said|argue|argues|argued|claim|claims|claimed|contend|contends|insist|insists|warn|warns|"
    r"maintain|maintains|believe|believe|assert|asserts|complain|complain|worry|fear|object|suggest|point out|"
    r"will (?:tell you|say|argue|claim)|like to say|often say|sometimes say)"
)
#: "Critics say that X", "Some argue X", "Opponents point to X": the reported claim is X.
_REPORTED = re.compile(
    _OPENER + r"(?P<who>" + _WHO + r")\s+" + _ADVERB + _VERB + r"\s+(?:that\s+)?(?P<claim>.{12,})", re.I
)
_POINT_TO = re.compile(_OPENER + _WHO + r"\s+" + _ADVERB + r"(?:point|points) to\s+(?P<claim>.{8,})", re.I)
#: "It is often claimed that X", "The argument goes that X", "We're told that X", "You'll hear that X".
_IMPERSONAL = re.compile(
    _OPENER + r"(?:it(?:'s| is| has been)\s+" + _ADVERB + r"(?:claimed|said|argued|suggested|asserted|alleged|"
    r"believed|thought|assumed)|the (?:argument|story|thinking|objection|complaint) (?:goes|is)|"
    r"you(?:'ll| will| may| might)? " + _ADVERB + r"hear(?: it said)?|we(?:'re| are) " + _ADVERB + r"told)"
    r"\s+(?:that\s+)?"
    r"(?P<claim>.{12,})",
    re.I,
)
#: A claim stated and denied in one sentence: "It is a false assumption that X", "It is a myth that X"; what
#: follows answers it at once. "Your report that X fails to consider Y": the sentence answers it too.
_FOLDED = re.compile(
    _OPENER
    + r"(?:it(?:'s| is)\s+(?:a\s+)?(?:(?:false|mistaken|wrong|misguided)\s+(?:assumption|belief|idea|notion|claim)|"
    r"myth|fallacy|misconception)\s+that\s+(?P<claim>.{12,})"
    # an editorial's opening verdict: "Concerns that X are unwarranted", "The fear that X is overblown"
    r"|(?:the\s+)?(?:concerns?|fears?|worry|worries|claims?|complaints?|charges?|notion|idea)\s+that\s+"
    r"(?P<verdicted>.{12,}?)\s+(?:are|is|were|was)\s+(?:\w+\s+)?(?:unwarranted|unfounded|overblown|misplaced|"
    r"baseless|groundless|exaggerated|overstated|mistaken|wrong|false|untrue|nonsense)\b)",
    re.I,
)
#: A reader's comment quoted whole, in sentences: 'A citizen wrote... "We will not ... homes. We have ..."'.
_QUOTED_COMMENT = re.compile(
    r"^(?P<source>[A-Z][^\"]{2,80}?)\s+(?:wrote|writes|commented|comments|posted|said|says|complained)\b"
    r"[\s.:,\u2026-]*\"(?P<quote>[^\"]{24,})\"?\s*$"
)
_WHOLLY_QUOTED = re.compile(r'^\s*"[^"]{12,}"\s*$')
#: A sentence that announces a quotation ("comments like the following"): no reason of its own.
_ANNOUNCES = re.compile(r"\bthe following\b|:\s*$", re.I)
_YOURS_FAILS = re.compile(
    _OPENER + r"your (?:report|article|story|piece|editorial|leader|column|correspondent's \w+)\s+that\s+"
    r"(?P<claim>.{12,}?)\s+(?:fails to|ignores|overlooks|neglects|misses|forgets)\b",
    re.I,
)
_QUOTE = r"[\"\u201c](?P<quote>[^\"\u201c\u201d]{12,240}?)[,.!?]?[\"\u201d]"
#: '"Screens damage the brain," says Psychology Today.' and 'Psychology Today says "..."'.
_QUOTED_BEFORE = re.compile(
    _QUOTE + r",?\s+(?P<verb>says|said|announces|announced|adds|added|argues|argued|claims|claimed|warns|warned|"
    r"declares|declared|insists|insisted|writes|wrote|proclaims|reports)\s+(?P<source>[^.;]{3,80})"
)
_QUOTED_AFTER = re.compile(
    r"(?P<source>[A-Z][^.;\"\u201c]{2,160}?)\b(?P<verb>says|said|saying|announces|announced|ran|runs|argues|claims|"
    r"warns|declares|writes|wrote|headlined|titled|asked)\b[^\"\u201c]{0,60}?" + _QUOTE
)
#: '"But I love my desktop computer!" you say.': the other side quoted, then named as speaking.
_QUOTED_THEN_SAID = re.compile(
    _QUOTE + r",?\s+(?P<source>you|they|critics|sceptics|skeptics|opponents|detractors|some people|people)\s+"
    r"(?:say|said|cry|object|protest|complain|insist|argue)\b",
    re.I,
)
#: A quotation of fewer words than this is a term the writer puts in quotation marks ('a piece about "hot
#: desking"'), not a claim.
MIN_QUOTED_CLAIM_WORDS = 4
#: A question that asserts its claim: "Don't you think X?", "Isn't it true that X?" -> X.
_ASSERTING_QUESTION = re.compile(
    r"^(?:(?:do|would|does)(?:n['\u2019]t| not))\s+(?:you|everyone|anyone)\s+(?:think|agree|believe|feel)"
    r"\s+(?:that\s+)?(?P<claim>.{12,})"
    r"|^(?:is(?:n['\u2019]t| not)|wasn['\u2019]t)\s+it\s+(?:true|obvious|clear)\s+that\s+(?P<fact>.{12,})",
    re.I,
)
#: The writer's own words reported: the text retells a conversation.
_WRITER_SPEAKS = re.compile(r"\bI (?:said|answered|replied|told (?:him|her|them))\b")
#: In a retold conversation, the other side reported without quotation marks: "She said printing is too slow."
_PRONOUN_REPORTED = re.compile(
    r"^(?:she|he)\s+(?:said|argued|insisted|claimed|maintained)\s+(?:that\s+)?(?P<claim>[^\"\u201c,].{11,})", re.I
)
#: A bare denial: "That is false.", "This, sir, was a lie.", "Again, this is a myth." It turns against
#: the claim but gives no reason, so it starts the answer without being part of it.
_DENIAL = (
    r"(?:(?:again|once again|sadly|frankly|alas),?\s+)?(?:this|that|it)(?:,?\s+\w+,)?\s+(?:is|was|'s)\s+"
    r"(?:simply\s+|just\s+)?(?:a lie|false|untrue|wrong|nonsense|a myth|not true|not so)\b"
)
_BARE_DENIAL = re.compile(_DENIAL + r"\W*$", re.I)
#: The first sentence that turns against the reported claim starts the answer ("That's why ..." and "That's
#: because ..." go on reporting it: "It's said that goldfish forget. That's why they live in bowls.").
_TURN = re.compile(
    r"^(?:" + _DENIAL + r"|(?:but|yet|however|in fact|actually|in reality|the truth is|the evidence|the reality|"
    r"not so|wrong|nonsense|this (?:is|ignores|misses|overlooks|gets)|"
    r"that(?:(?:'s| is)(?!\s+(?:why|because)\b)| ignores| misses| overlooks)|"
    r"they(?:'re| are) wrong|as is often the case|on the contrary|quite the opposite|far from|studies|research|"
    r"the data|the numbers|consider|look at)\b)",
    re.I,
)
#: A paragraph that sums up ends the answers: it speaks for the whole article, not to one claim.
_CONCLUSION = re.compile(
    r"^(?:in short|in sum|in conclusion|to sum up|to conclude|ultimately|in the end|all told|all in all|"
    r"the bottom line|taken together)\b",
    re.I,
)
_NAME = re.compile(r"\b[A-Z][a-z]+\b")
#: An answer sentence names the claim it answers near its start ("That New York Times article ...").
NAMED_WITHIN_WORDS = 8


@dataclass
class _Claim:
    text: str
    source_names: set[str]
    context: list[str] = field(default_factory=list)
    answer: list[list[str]] = field(default_factory=list)  # paragraphs of sentences
    comment: bool = False  # a reader's comment quoted whole: the editorial may answer an earlier claim after it


#: A reported claim longer than this is a run-on paragraph, not a claim to rebut.
MAX_CLAIM_WORDS = 60


def reported_claims(sentence: str, conversation: bool = False) -> list[tuple[str, set[str]]]:
    """The other side's claims a sentence reports, each with the names of whoever voiced it. In a retold
    `conversation`, "She said X." reports X too."""
    found = _reported(sentence)
    if not found and conversation and (match := _PRONOUN_REPORTED.match(sentence)):
        found = [(as_sentence(match.group("claim")), set())]
    return [(claim, names) for claim, names in found if len(claim.split()) <= MAX_CLAIM_WORDS]


def _reported(sentence: str) -> list[tuple[str, set[str]]]:
    quoted = [(m.group("quote"), m.group("source")) for m in _QUOTED_BEFORE.finditer(sentence)]
    quoted += [(_without_connective(m.group("quote")), "") for m in _QUOTED_THEN_SAID.finditer(sentence)]
    for m in _QUOTED_AFTER.finditer(sentence):
        asserted = _ASSERTING_QUESTION.match(m.group("quote"))
        if asserted:
            quoted.append((asserted.group("claim") or asserted.group("fact"), m.group("source")))
        elif m.group("verb") != "asked":  # an open question asks; it claims nothing
            quoted.append((m.group("quote"), m.group("source")))
    quoted = [(quote, source) for quote, source in quoted if len(quote.split()) >= MIN_QUOTED_CLAIM_WORDS]
    if quoted:
        seen: set[str] = set()
        out = []
        for quote, source in quoted:
            if quote not in seen:
                seen.add(quote)
                out.append((as_sentence(quote), _names(source)))
        return out
    for pattern in (_REPORTED, _POINT_TO, _IMPERSONAL, _FOLDED, _YOURS_FAILS):
        match = pattern.match(sentence)
        if match:
            claim = (match.groupdict().get("verdicted") or match.group("claim")).strip()
            if pattern is _REPORTED and claim.lower().startswith("to "):
                # "You claim to grant me an hour of daylight": what they claim is that they do it.
                # Whoever is reported is "you" or a group ("critics"): "to be" is "are".
                rest = re.sub(r"^be\b", "are", claim[3:])
                claim = f"{match.group('who')} {rest}"
            return [(as_sentence(claim) if pattern is not _POINT_TO else sentence.strip(), set())]
    return []


def _without_connective(quote: str) -> str:
    """'But I love my desktop computer' -> 'I love my desktop computer': the objector's "but" answers the writer."""
    return re.sub(r"^(?:but|and|well|oh|yes|no),?\s+", "", quote, flags=re.I)


def _rejoined(sentences: list[str]) -> list[str]:
    """A quotation ending in "!" or "?" and what follows it in lower case ('"But I love my desktop computer!"
    you say.'), which the sentence splitter cuts in two, as the one sentence they are."""
    out: list[str] = []
    for sentence in sentences:
        if out and sentence[:1].islower() and out[-1][-1:] in "!?" and out[-1].count('"') % 2:
            out[-1] += '" ' + sentence  # the sentence splitter took the closing quotation mark
        else:
            out.append(sentence)
    return out


def as_sentence(text: str) -> str:
    """A claim cut out of a longer sentence as a sentence of its own: a capital to open it, an end mark to close it."""
    text = text.strip().strip(",;: ")
    text = text[:1].upper() + text[1:]
    return text if text[-1:] in ".!?" else text + "."


def _names(text: str) -> set[str]:
    return {n for n in _NAME.findall(text) if n.lower() not in STOP_WORDS}


def lines_as_paragraphs(lines: list[str]) -> list[str]:
    """The lines with a blank line after each where the text has no blank line between them: a page
    retrieved with none has a paragraph on each line, not one paragraph in all."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled or any(not line.strip() for line in lines[filled[0] : filled[-1]]):
        return lines
    return [part for line in lines for part in (line, "")]


def read_oped(paragraphs: list[str]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(claim, context, answer paragraphs) for each claim the text reports and then answers."""
    claims: list[_Claim] = []
    batch: list[_Claim] = []  # the claims of the last paragraph that reported any
    conversation = any(_WRITER_SPEAKS.search(p) for p in paragraphs)
    explained = False  # a quoted comment's paragraph is over: the next, unless it turns, says what it refers to
    for index, paragraph in enumerate(paragraphs):
        if claims and _CONCLUSION.match(paragraph):
            break
        sentences = _rejoined(split_sentences(paragraph))
        found = [(i, c) for i, s in enumerate(sentences) if (c := reported_claims(s, conversation))]
        comment = None if found else _QUOTED_COMMENT.match(paragraph)
        if explained and not found and not comment and sentences and not _TURN.match(sentences[0]):
            batch[-1].context += sentences
            sentences = []
        explained = False
        if comment:  # its first sentence is the claim, the rest of the comment is the context
            said = split_sentences(comment.group("quote").strip())
            batch = [_Claim(as_sentence(said[0]), _names(comment.group("source")), said[1:], comment=True)]
            claims += batch
            sentences, explained = [], True
        elif found:
            batch = [_Claim(text, names) for _, reported in found for text, names in reported]
            claims += batch
            last = sentences[found[-1][0]]
            answers_itself = bool(_YOURS_FAILS.match(last))  # "Your report that X fails to consider Y"
            rest = ([last] if answers_itself else []) + sentences[found[-1][0] + 1 :]
            folded = answers_itself or _FOLDED.match(last)  # denied as it is stated: no turn to wait for
            turn = 0 if folded else next((i for i, s in enumerate(rest) if _TURN.match(s)), len(rest))
            batch[-1].context = rest[:turn]
            sentences = rest[turn + 1 :] if turn < len(rest) and _BARE_DENIAL.match(rest[turn]) else rest[turn:]
        sentences = [s for s in sentences if not _ANNOUNCES.search(s)]
        if sentences and paragraphs[index + 1 : index + 2] and _WHOLLY_QUOTED.match(paragraphs[index + 1]):
            sentences = sentences[:-1]  # "Another comment sums it up well." before the comment: it announces it
        if batch and sentences and not found and not comment and all(c.comment for c in batch):
            target = _answered_earlier(claims, batch, paragraph)
            if target is not None:
                target.answer.append(sentences)
                continue
        if batch and sentences:
            _assign(batch, sentences)
    for claim in claims:
        if not claim.answer and claim.context:
            # Nothing turned against it ("This, sir, was a lie." is no "But"), and no later paragraph
            # answered it: what followed the claim in its own paragraph is the answer.
            claim.answer, claim.context = [claim.context], []
    return [(c.text, " ".join(c.context), tuple(" ".join(p) for p in c.answer if p)) for c in claims if c.answer]


def _answered_earlier(claims: list[_Claim], batch: list[_Claim], paragraph: str) -> _Claim | None:
    """An earlier claim a paragraph of answers names more of than the current comment's (after a neighbour's
    comment on noise, "instead of reducing all skateboarders to ..." answers the opening's "skateboarders
    will vandalize ..."); None where the current claims are named as much or the paragraph names none."""
    own = _terms(paragraph)
    earlier = [c for c in claims if c not in batch and c.answer]
    if not earlier or not own:
        return None
    best = max(earlier, key=lambda c: len(own & _terms(c.text)))
    named = len(own & _terms(best.text))
    return best if named and named > max(len(own & _terms(" ".join([c.text, *c.context]))) for c in batch) else None


def _terms(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP_WORDS and len(w) > 2}


def _assign(batch: list[_Claim], sentences: list[str]) -> None:
    """A paragraph's sentences to the claims they answer. With one claim, all to it; with several,
    each to the claim whose source it names near its start, else to the one the sentence before
    went to (sentences before any is named answer them all at once, generically, and are left out)."""
    current = next((c for c in reversed(batch) if c.answer), batch[0] if len(batch) == 1 else None)
    touched: set[int] = set()
    for sentence in sentences:
        if len(batch) > 1:
            opening = _names(" ".join(sentence.split()[:NAMED_WITHIN_WORDS]))
            best = max(batch, key=lambda c: len(c.source_names & opening))  # the first of equals
            if best.source_names & opening:
                current = best
        if current is None:
            continue
        if id(current) not in touched:
            current.answer.append([])
            touched.add(id(current))
        current.answer[-1].append(sentence)
