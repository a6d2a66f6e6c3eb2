"""Language tools for the scorer: sentences, tokens, stems, stop words and negation.

Everything here is general English processing; nothing names a case. The
scorer compares *terms*: Snowball stems of content words, each marked with
its polarity, so that "will not back down" and "will back down" share the stem
but not the meaning.

Polarity has three values. A negation governs its predicate: the first word
after it that can be a verb or an adjective outside a noun phrase (and the
first after each "or"/"and" that coordinates with it). That word is *negated*:
"~back"; in "won't let an enemy escalate", "~escal", not "~enemi". The rest of
the negation's clause is *in scope* ("^crisi"): whether "in an escalating
crisis" is itself negated is a matter of reading, so such a word matches a
negated one and is never held to contradict a plain one. The rest is plain.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import Stemmer  # PyStemmer: the Snowball algorithms, compiled
from lemminflect import getAllLemmas

#: Prefix of a term a negation governs ("not deterred" -> "~deter").
NEGATED = "~"
#: Prefix of a term later in a negation's clause ("not deterred in a crisis" -> "^crisi").
IN_SCOPE = "^"

_STEMMER = Stemmer.Stemmer("english")

STOP_WORDS: frozenset[str] = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "resources" / "stopwords_en.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

#: Words that negate what follows them in their clause.
NEGATORS = frozenset({
    "not", "no", "never", "nor", "neither", "nothing", "none", "nobody", "without",
    "lack", "lacks", "lacking", "lacked",
    # "stop trusting", "ceased to believe": what follows no longer holds
    "stop", "stops", "stopped", "cease", "ceases", "ceased",
})
#: A negation's scope runs from the negator to the end of its clause ("will not
#: be deterred from pushing back"); punctuation and these words start a new clause.
_SCOPE_BREAKERS = frozenset({
    "but", "yet", "although", "though", "because", "while", "whereas", "so",
    "if", "unless", "when", "since", "as", "which", "who", "that",
    # "not deterred from pushing back": what one is not deterred from still happens.
    "from",
})

#: Coordinators that give a negation another governed word: "not lost faith or distanced".
_COORDINATORS = frozenset({"or", "and"})
#: Words that open a noun phrase: no negation governs the words inside it ("no regional ally").
_DETERMINERS = frozenset({
    "the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our", "my", "your",
    "some", "any", "every", "each", "no", "such", "all", "both", "many", "much", "several", "few", "whose",
    "neither", "either",
})
#: Two-word negators: "strengthen rather than reverse", "instead of splitting them".
_PHRASAL_NEGATORS = {("rather", "than"), ("instead", "of")}
_PHRASAL_NEGATOR_STARTS = frozenset(first for first, _ in _PHRASAL_NEGATORS)
#: After "and", one of these starts a clause of its own: "will not be deterred and will back down".
_AUXILIARIES = frozenset({
    "will", "would", "shall", "should", "can", "could", "may", "might", "must",
    "is", "are", "was", "were", "be", "has", "have", "had", "do", "does", "did",
})

_CONTRACTIONS = {
    "won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not",
    "ain't": "is not", "wont": "will not", "cant": "can not", "dont": "do not",
    "doesnt": "does not", "didnt": "did not", "isnt": "is not", "arent": "are not",
    "wasnt": "was not", "werent": "were not", "wouldnt": "would not", "couldnt": "could not",
    "shouldnt": "should not", "hasnt": "has not", "havent": "have not", "hadnt": "had not",
}

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": " - "})
_INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\x00]")
#: "U.S." and "U.K." become "US" and "UK" so they neither split sentences nor vanish.
_DOTTED_ACRONYM = re.compile(r"\b((?:[A-Z]\.){2,})(?=\s|$)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+")
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


def normalize(text: str) -> str:
    """Unicode-normalize, straighten quotes, drop invisible characters, fold dotted acronyms."""
    if not text.isascii() or "\x00" in text:  # plain ASCII has nothing to fold, straighten or drop
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
        text = _INVISIBLE.sub("", text)
    return _DOTTED_ACRONYM.sub(lambda m: m.group(1).replace(".", ""), text)


def split_sentences(text: str) -> list[str]:
    """Sentences and bullet lines of normalized text, stripped, without empty ones."""
    parts = []
    for chunk in _SENTENCE_END.split(text):
        chunk = _BULLET.sub("", chunk).strip()
        if chunk:
            parts.append(chunk)
    return parts


def _expand_token(word: str) -> tuple[str, ...]:
    """One lowercase token as words, contractions expanded ("won't" -> "will", "not")."""
    expanded = _CONTRACTIONS.get(word)
    if expanded:
        return tuple(expanded.split())
    if word.endswith("n't"):
        return (word[:-3], "not")
    if "'" in word:
        return (word.split("'", 1)[0],)  # "kim's" -> "kim", "they're" -> "they"
    return (word,)


def words(text: str) -> list[str]:
    """Lowercase word tokens with contractions expanded."""
    return [w for raw in _WORD.findall(text) for w in _token_kinds(raw.lower())[0]]


# What a word does in a clause; decided once per distinct token (see _token_kinds).
# Content words come in three kinds, by the parts of speech lemminflect knows for them:
# _VERBAL can be a verb (or is unknown: likely a misspelt one), _ADJECTIVE only an
# adjective, _NOMINAL neither (a noun, an adverb, a name).
_VERBAL, _STOP, _NEGATOR, _BREAKER, _NOMINAL, _ADJECTIVE = 0, 1, 2, 3, 4, 5
_CONTENT_KINDS = frozenset({_VERBAL, _NOMINAL, _ADJECTIVE})


@lru_cache(maxsize=131072)
def _token_kinds(token: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A lowercase token's words and, for each, whether it is content, stop, negator or breaker."""
    parts = _expand_token(token)
    kinds = []
    for word in parts:
        if word in NEGATORS:
            kinds.append(_NEGATOR)
        elif word in _SCOPE_BREAKERS:
            kinds.append(_BREAKER)
        elif word in STOP_WORDS or len(word) < 2:
            kinds.append(_STOP)
        elif word.isdigit():  # a number: content, never a predicate
            kinds.append(_NOMINAL)
        else:
            lemmas = getAllLemmas(word)
            if not lemmas or "VERB" in lemmas:
                kinds.append(_VERBAL)
            else:
                kinds.append(_ADJECTIVE if "ADJ" in lemmas else _NOMINAL)
    return parts, tuple(kinds)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The term of a lowercase word: the Snowball (Porter2) stem of its lemma.

    Lemmatising first joins what stemming alone cannot: irregular forms
    ("lost"/"lose", "sought"/"seek", "flew"/"fly").
    """
    if word.isdigit():
        return word
    lemmas = getAllLemmas(word)
    for part_of_speech in _LEMMA_PREFERENCE:
        if part_of_speech in lemmas:
            word = lemmas[part_of_speech][0]
            break
    return _STEMMER.stemWord(word)


_LEMMA_PREFERENCE = ("VERB", "NOUN", "ADJ", "ADV")


@dataclass(frozen=True)
class Analysis:
    """The terms of a span of text and what the scorer's checks need to know of it."""

    terms: tuple[str, ...]
    words: tuple[str, ...]  # every word, lowercase, stop words included
    stop_word_count: int

    @property
    def word_count(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class LexiconEntry:
    """What one raw token is: its words as ``(word, kind, term)`` triples, and digests of them."""

    triples: tuple[tuple[str, int, str], ...]
    words: tuple[str, ...]
    terms: tuple[str, ...]  # the content words' terms, plain
    negates: bool  # starts a negation: the sentence needs scoping


class Lexicon:
    """Reads each distinct raw token once into a :class:`LexiconEntry`.

    ``expand`` maps an upper-case acronym as written ("NK") to the words it
    stands for; expansion happens before lower-casing so "US" (the country)
    and "us" (the pronoun) stay apart. ``to_stem`` turns a content word into
    its term (a scorer passes one that also corrects typos).
    """

    MAX_ENTRIES = 100_000  # bounded, so hostile input cannot grow it without end

    def __init__(self, expand: dict[str, tuple[str, ...]] | None = None, to_stem: Callable[[str], str] = stem):
        self._expand = expand or {}
        self._to_stem = to_stem
        self.entries: dict[str, LexiconEntry] = {}

    def __call__(self, raw: str) -> LexiconEntry:
        entry = self.entries.get(raw)
        if entry is None:
            entry = self._read(raw)
            if len(self.entries) >= self.MAX_ENTRIES:
                self.entries.clear()
            self.entries[raw] = entry
        return entry

    def _read(self, raw: str) -> LexiconEntry:
        acronym = self._expand.get(raw) if raw.isupper() else None
        if acronym:
            parts, kinds = acronym, (_NOMINAL,) * len(acronym)
        else:
            parts, kinds = _token_kinds(raw.lower())
            if raw[:1].isupper():  # a capitalised word no dictionary knows is a name, not a misspelt verb
                kinds = tuple(
                    _NOMINAL if kind == _VERBAL and not getAllLemmas(word) else kind for word, kind in zip(parts, kinds)
                )
        triples = tuple(
            (word, kind, self._to_stem(word) if kind in _CONTENT_KINDS else "") for word, kind in zip(parts, kinds)
        )
        return LexiconEntry(
            triples,
            words=tuple(parts),
            terms=tuple(term for _, kind, term in triples if kind in _CONTENT_KINDS),
            negates=any(kind == _NEGATOR or word in _PHRASAL_NEGATOR_STARTS for word, kind, _ in triples),
        )


_PLAIN_LEXICON = Lexicon()
#: Words, and the punctuation that ends a clause, in one pass.
_WORD_OR_CLAUSE_END = re.compile(r"([A-Za-z0-9]+(?:'[A-Za-z]+)?)|([,;:()\[\]\"]| - )")


def analyze(text: str, lexicon: Lexicon = _PLAIN_LEXICON) -> Analysis:
    """Content terms of normalized ``text``, polarity-marked (see the module docstring), in order."""
    # The hot loop of scoring: cached entries are fetched without a call, and a sentence
    # that negates nothing (most) is finished from the entries' digests.
    cached = lexicon.entries.get
    stream: list[LexiconEntry | str] = []  # a str: the punctuation that ends a clause
    words: list[str] = []
    terms: list[str] = []
    first_negation = None  # (position in stream, words before, terms before)
    for raw, clause_end in _WORD_OR_CLAUSE_END.findall(text):
        if raw:
            entry = cached(raw) or lexicon(raw)
            if entry.negates and first_negation is None:
                first_negation = (len(stream), len(words), len(terms))
            stream.append(entry)
            words.extend(entry.words)
            terms.extend(entry.terms)
        else:
            stream.append(clause_end)
    if first_negation is not None:
        # Words before the first negation are plain; read the rest for what each negation governs.
        position, words_before, terms_before = first_negation
        rest = [part for item in stream[position:] for part in ((item,) if isinstance(item, str) else item.triples)]
        terms[terms_before:] = _Negations(rest, at_sentence_start=words_before == 0).marked_terms()
    return Analysis(tuple(terms), tuple(words), len(words) - len(terms))


class _Negations:
    """One reading of a text, tracking which words each negation governs.

    A negation governs the next predicate: a word that can be a verb, or an
    adjective used as one ("not credible"), outside a noun phrase ("no regional
    ally has lost faith" governs "lost"). Without a parser these are heuristics
    over lemminflect's parts of speech; they only need to read a rebuttal and a
    reference the same way.
    """

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
        if self.after_and and word in _AUXILIARIES:
            self.in_scope = self.awaiting = False
        self.after_and = False
        if kind in _CONTENT_KINDS:
            self.terms.append(self._mark(position, kind) + term)
            return
        if kind == _NEGATOR or (previous, word) in _PHRASAL_NEGATORS:
            self.in_scope = self.awaiting = True
            self.inverted = False
        elif kind == _BREAKER:
            self.in_scope = self.awaiting = False
        elif self.in_scope and word in _COORDINATORS:
            self.awaiting = True
            self.after_and = word == "and"
        self.in_noun_phrase = word in _DETERMINERS

    def _mark(self, position: int, kind: int) -> str:
        following = self._kind_at(position + 1)
        inside_noun_phrase = self.in_noun_phrase or (kind == _ADJECTIVE and following in _CONTENT_KINDS)
        # A phrase goes on through adjectives and nouns ("a failed conventional attack"),
        # not into a verb ("no ally doubts").
        self.in_noun_phrase = inside_noun_phrase and (kind == _ADJECTIVE or following in (_NOMINAL, _ADJECTIVE))
        if not self.in_scope:
            return ""
        if not self.awaiting or inside_noun_phrase or kind == _NOMINAL:
            return IN_SCOPE
        if self.inverted:  # this is the inverted subject; the verb comes next
            self.inverted = False
            return IN_SCOPE
        self.awaiting = False
        return NEGATED

    def _kind_at(self, position: int) -> int | None:
        item = self.stream[position] if position < len(self.stream) else ""
        return None if isinstance(item, str) else item[1]


class SynonymMap:
    """Rewrites the terms of synonymous phrases to one shared term.

    Each group is analysed like any text, so "United States" and "US" (an
    acronym, expanded) and "America" all become the group's one term, with
    the polarity of the phrase kept.
    """

    def __init__(self, groups: Iterable[Sequence[str]], lexicon: "Lexicon"):
        phrases: dict[tuple[str, ...], str] = {}
        for number, group in enumerate(groups):
            shared = f"={number}"
            for member in group:
                phrase = tuple(bare(t) for t in analyze(normalize(member), lexicon).terms)
                if phrase:
                    phrases.setdefault(phrase, shared)
        # By first term, longest phrase first: most terms start no phrase and cost one lookup.
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, shared in sorted(phrases.items(), key=lambda item: -len(item[0])):
            self._by_first.setdefault(phrase[0], []).append((phrase, shared))
        self._starts = frozenset(mark + first for first in self._by_first for mark in ("", NEGATED, IN_SCOPE))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def apply(self, terms: Sequence[str]) -> tuple[str, ...]:
        starts = self._starts
        if starts.isdisjoint(terms):  # most sentences name nothing a group holds
            return tuple(terms)
        out: list[str] = []
        i, n = 0, len(terms)
        while i < n:
            term = terms[i]
            i += 1
            if term in starts:
                mark, first = polarity(term)
                for phrase, shared in self._by_first[first]:
                    end = i - 1 + len(phrase)
                    if end <= n and all(bare(terms[j]) == phrase[j - i + 1] for j in range(i, end)):
                        term, i = mark + shared, end
                        break
            out.append(term)
        return tuple(out)


def polarity(term: str) -> tuple[str, str]:
    """``(mark, stem)``: the mark is ``NEGATED``, ``IN_SCOPE`` or "" (plain)."""
    if term[:1] in (NEGATED, IN_SCOPE):
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


_ACRONYM_PHRASE = re.compile(r"\b(?:[A-Z][a-z]+\s+){1,3}[A-Z][a-z]+\b")
_LEADING_FUNCTION_WORDS = {"The", "In", "On", "At", "And", "But", "If", "A", "An"}


def acronyms_in(text: str) -> dict[str, tuple[str, ...]]:
    """Acronyms a reader may use for the capitalised phrases of ``text``.

    "North Korea" -> "NK", "Quadrennial Defense Review" -> "QDR": learned from
    the case itself, so any case gets its own abbreviations for free.
    """
    found: dict[str, tuple[str, ...]] = {}
    for match in _ACRONYM_PHRASE.finditer(normalize(text)):
        parts = match.group(0).split()
        while parts and parts[0] in _LEADING_FUNCTION_WORDS:
            parts = parts[1:]
        if len(parts) < 2:
            continue
        acronym = "".join(p[0] for p in parts).upper()
        found.setdefault(acronym, tuple(p.lower() for p in parts))
    return found
