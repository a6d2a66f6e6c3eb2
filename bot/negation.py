"""Negation: which words a negation governs, and how polarity marks compare.

Polarity has three values. A negation governs its predicate: the first word
after it that can be a verb or an adjective outside a noun phrase (and the
first after each "or"/"and" that coordinates with it). That word is *negated*:
"~back"; in "won't let an enemy escalate", "~escal", not "~enemi". The rest of
the negation's clause is *in scope* ("^crisi"): whether "in an escalating
crisis" is itself negated is a matter of reading, so such a word matches a
negated one and is never held to contradict a plain one. The rest is plain.

Without a parser these are heuristics over lemminflect's parts of speech; they
only need to read a rebuttal and a reference the same way. Nothing here names a
case.
"""

from __future__ import annotations

import re

#: Prefix of a term a negation governs ("not deterred" -> "~deter").
NEGATED = "~"
#: Prefix of a term later in a negation's clause ("not deterred in a crisis" -> "^crisi").
IN_SCOPE = "^"
#: Every polarity mark; plain is the empty one.
MARKS = ("", NEGATED, IN_SCOPE)
#: Prefix of a term in a belief the writer reports ("Kim thinks the US will fold"): it is
#: no claim of the writer's, so it neither matches nor contradicts anything.
ATTRIBUTED = "'"
#: Verbs of belief whose clause is reported, not asserted: "Kim is wrong if he thinks ...",
#: "Kim is betting that Washington will blink, but ...". ("says" is not among them: "the
#: QDR says ..." is usually cited in support.)
BELIEF_VERBS = frozenset(
    {
        "think",
        "thinks",
        "thought",
        "thinking",
        "believe",
        "believes",
        "believed",
        "believing",
        "assume",
        "assumes",
        "assumed",
        "assuming",
        "expect",
        "expects",
        "expected",
        "expecting",
        "bet",
        "bets",
        "betting",
        "hope",
        "hopes",
        "hoped",
        "hoping",
        "imagine",
        "imagines",
        "imagined",
        "suppose",
        "supposes",
        "supposed",
    }
)
#: Words that end a reported belief: the writer speaks again.
BELIEF_ENDS = frozenset({"but", "yet", "however", "although", "though", "whereas", "because"})
#: "I think ...", "we really believe ...": the writer's own belief is a claim.
_FIRST_PERSON = frozenset({"i", "we"})

#: Negators that take "from": "stop adversaries from escalating" governs "escalating", and
#: one that comes while an earlier negation waits for its predicate cancels it ("nothing to
#: stop them from escalating", "never stopped trusting": they escalate, they trust).
PREVENTERS = frozenset({"stop", "stops", "stopped", "stopping", "prevent", "prevents", "prevented", "preventing"})
#: Words that negate what follows them in their clause.
NEGATORS = PREVENTERS | frozenset(
    {
        "not",
        "no",
        "never",
        "nor",
        "neither",
        "nothing",
        "none",
        "nobody",
        "without",
        "lack",
        "lacks",
        "lacking",
        "lacked",
        # "ceased to believe": what follows no longer holds
        "cease",
        "ceases",
        "ceased",
        # "denies any adversary an escape": the escape does not happen
        "deny",
        "denies",
        "denied",
        "denying",
    }
)
#: A negation's scope runs from the negator to the end of its clause ("will not
#: be deterred from pushing back"); punctuation and these words start a new clause.
SCOPE_BREAKERS = frozenset(
    {
        "but",
        "yet",
        "although",
        "though",
        "because",
        "while",
        "whereas",
        "so",
        "if",
        "unless",
        "when",
        "since",
        "as",
        "which",
        "who",
        "that",
        # "not deterred from pushing back": what one is not deterred from still happens.
        "from",
    }
)

#: Coordinators that give a negation another governed word: "not lost faith or distanced".
COORDINATORS = frozenset({"or", "and"})
#: Words that open a noun phrase: no negation governs the words inside it ("no regional ally").
DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "some",
        "any",
        "every",
        "each",
        "no",
        "such",
        "all",
        "both",
        "many",
        "much",
        "several",
        "few",
        "whose",
        "neither",
        "either",
    }
)
#: Two-word negators: "strengthen rather than reverse", "instead of splitting them".
PHRASAL_NEGATORS = {("rather", "than"), ("instead", "of")}
PHRASAL_NEGATOR_STARTS = frozenset(first for first, _ in PHRASAL_NEGATORS)
#: After "and", one of these starts a clause of its own: "will not be deterred and will back down".
AUXILIARIES = frozenset(
    {
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "is",
        "are",
        "was",
        "were",
        "be",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
    }
)

# What a word does in a clause; the tokenizer (bot.text) decides it once per distinct token.
# Content words come in three kinds, by the parts of speech lemminflect knows for them:
# VERBAL can be a verb (or is unknown: likely a misspelt one), ADJECTIVE only an
# adjective, NOMINAL neither (a noun, an adverb, a name).
VERBAL, STOP, NEGATOR, BREAKER, NOMINAL, ADJECTIVE = 0, 1, 2, 3, 4, 5
CONTENT_KINDS = frozenset({VERBAL, NOMINAL, ADJECTIVE})


#: "Hasn't the US deterred Russia for decades?": a question opened by a negated auxiliary
#: expects the answer yes, so it asserts what it seems to deny.
_NEGATIVE_QUESTION = re.compile(r"^\W*[A-Za-z]+(?:n't|nt)\b.*\?\W*$", re.DOTALL)


def is_negative_question(sentence: str) -> bool:
    """Whether ``sentence`` is a question opened by a negated auxiliary ("Isn't it...?")."""
    return bool(_NEGATIVE_QUESTION.match(sentence))


def attributed_positions(stream: list) -> set[int]:
    """Indexes (among the content terms of ``stream``) of the terms inside a reported belief.

    ``stream`` holds entries with ``words`` and ``terms`` and clause-ending punctuation
    as strings; a belief runs from its verb to the end of the clause or a word of
    :data:`BELIEF_ENDS`.
    """
    positions: set[int] = set()
    reporting = False
    index = 0
    recent: list[str] = []  # the last few words, for who holds the belief
    for item in stream:
        if isinstance(item, str):
            reporting = False
            continue
        if reporting and item.words[0] in BELIEF_ENDS:
            reporting = False
        if reporting:
            positions.update(range(index, index + len(item.terms)))
        index += len(item.terms)
        if item.words[-1] in BELIEF_VERBS and not _FIRST_PERSON.intersection(recent[-2:]):
            reporting = True
        recent.extend(item.words)
    return positions


class NegationReader:
    """Marks the terms of a stream of ``(word, kind, term)`` triples and clause-ending
    punctuation, from a sentence's first negation on ("no regional ally has lost faith"
    governs "lost")."""

    def __init__(self, stream: list[tuple[str, int, str] | str], *, at_sentence_start: bool):
        self.stream = stream
        self.at_sentence_start = at_sentence_start
        self.terms: list[str] = []
        self.words: list[str] = []
        self.in_scope = False  # inside a negation's clause
        self.awaiting = False  # the negation has yet to govern a predicate
        self.inverted = False  # fronted ("At no point, have allies begun..."): the subject comes first
        self.in_noun_phrase = False
        self.after_and = False
        self.preventing = False  # a negation by "stop"/"prevent": its "from" governs again

    def marked_terms(self) -> list[str]:
        for position, item in enumerate(self.stream):
            if isinstance(item, str):
                self._end_clause(item)
            else:
                self._read(position, *item)
        return self.terms

    def _end_clause(self, punctuation: str) -> None:
        if self.in_scope and self.awaiting and self.at_sentence_start and len(self.words) == 1:
            self.in_scope = False  # "No, ..." opening a sentence is an interjection, not a negation
        elif self.in_scope and self.awaiting and punctuation == ",":
            # "At no point, however, have allies begun...": a negation that has governed
            # nothing yet carries past a comma (not past "it will not: America keeps...").
            self.inverted = True
        else:
            self.in_scope = False
        self.in_noun_phrase = self.after_and = False

    def _read(self, position: int, word: str, kind: int, term: str) -> None:
        previous = self.words[-1] if self.words else ""
        self.words.append(word)
        if self.after_and and word in AUXILIARIES:
            self.in_scope = self.awaiting = False
        self.after_and = False
        if kind in CONTENT_KINDS:
            self.terms.append(self._mark(position, kind) + term)
            return
        if word in PREVENTERS and self.in_scope and self.awaiting:
            self.in_scope = self.awaiting = self.preventing = False  # two negations make a yes
        elif kind == NEGATOR or (previous, word) in PHRASAL_NEGATORS:
            self.in_scope = self.awaiting = True
            self.inverted = False
            self.preventing = word in PREVENTERS
        elif word == "from" and self.in_scope and self.preventing:
            self.awaiting = True
        elif kind == BREAKER:
            self.in_scope = self.awaiting = False
        elif self.in_scope and word in COORDINATORS:
            self.awaiting = True
            self.after_and = word == "and"
        self.in_noun_phrase = word in DETERMINERS

    def _mark(self, position: int, kind: int) -> str:
        following = self._kind_at(position + 1)
        inside_noun_phrase = self.in_noun_phrase or (kind == ADJECTIVE and following in CONTENT_KINDS)
        # A phrase goes on through adjectives and nouns ("a failed conventional attack"),
        # not into a verb ("no ally doubts").
        self.in_noun_phrase = inside_noun_phrase and (kind == ADJECTIVE or following in (NOMINAL, ADJECTIVE))
        if not self.in_scope:
            return ""
        if not self.awaiting or inside_noun_phrase or kind == NOMINAL:
            return IN_SCOPE
        if self.inverted:  # this is the inverted subject; the verb comes next
            self.inverted = False
            return IN_SCOPE
        self.awaiting = False
        return NEGATED

    def _kind_at(self, position: int) -> int | None:
        item = self.stream[position] if position < len(self.stream) else ""
        return None if isinstance(item, str) else item[1]


def polarity(term: str) -> tuple[str, str]:
    """``(mark, stem)``: the mark is ``NEGATED``, ``IN_SCOPE``, ``ATTRIBUTED`` or "" (plain)."""
    if term[:1] in (NEGATED, IN_SCOPE, ATTRIBUTED):
        return term[0], term[1:]
    return "", term


def bare(term: str) -> str:
    """The stem without its polarity mark."""
    return polarity(term)[1]


def agreeing(mark_a: str, mark_b: str) -> bool:
    """Whether two marks of one stem say the same thing: equal, or both under a negation.

    Plain against in-scope neither agrees nor conflicts: "drive the allies apart"
    shares no meaning with "do not pull the allies apart" through "allies".
    """
    return mark_a == mark_b or {mark_a, mark_b} == {NEGATED, IN_SCOPE}


def conflicting(mark_a: str, mark_b: str) -> bool:
    """Whether two marks of one stem say opposite things: governed by a negation against plain."""
    return {mark_a, mark_b} == {NEGATED, ""}


_NEGATED_CONTRACTION = re.compile(r"\b(\w+)n[\'\u2019]t\b", re.IGNORECASE)
_WHOLE_NEGATIONS = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}  # the stem before "n't"


def spell_out_negations(text: str) -> str:
    """``text`` with negated contractions written out ("can't" -> "can not", "haven't" -> "have not").

    The judge's word pieces split "can't" into "can", "'", "t", and the "t" is easy to
    miss; "not" is not.
    """

    def spelled(match: re.Match[str]) -> str:
        stem = _WHOLE_NEGATIONS.get(match.group(1).lower(), match.group(1))
        return "cannot" if stem == "can" else f"{stem} not"

    return _NEGATED_CONTRACTION.sub(spelled, text)
