"""Language tools for the scorer: sentences, tokens, stems, stop words, synonyms.

Everything here is general English processing; nothing names a case. The
scorer compares *terms*: Snowball stems of content words, each marked with
its polarity (see :mod:`bot.negation`), so that "will not back down" and "will
back down" share the stem but not the meaning.
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

from .negation import (
    ADJECTIVE,
    ATTRIBUTED,
    BELIEF_VERBS,
    BREAKER,
    CONTENT_KINDS,
    MARKS,
    NEGATOR,
    NEGATORS,
    NOMINAL,
    PHRASAL_NEGATOR_STARTS,
    PREVENTERS,
    SCOPE_BREAKERS,
    STOP,
    VERBAL,
    NegationReader,
    attributed_positions,
    bare,
    is_negative_question,
    polarity,
)

_STEMMER = Stemmer.Stemmer("english")

STOP_WORDS: frozenset[str] = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "resources" / "stopwords_en.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

_CONTRACTIONS = {
    "won't": "will not",
    "can't": "can not",
    "cannot": "can not",
    "shan't": "shall not",
    "ain't": "is not",
    "wont": "will not",
    "cant": "can not",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "shouldnt": "should not",
    "hasnt": "has not",
    "havent": "have not",
    "hadnt": "had not",
}

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": " - "})
_INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\x00]")
#: "U.S." and "U.K." become "US" and "UK" so they neither split sentences nor vanish.
_DOTTED_ACRONYM = re.compile(r"\b((?:[A-Z]\.){2,})(?=\s|$)")
#: A sentence ends at its end mark, not at "e.g." or "i.e." inside it.
#: A full stop after a title ("Mr. Walker", "Dr. Rupp") ends no sentence.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!(?i:\be\.g\.))(?<!(?i:\bi\.e\.))(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bDrs\.)"
    r"(?<!\bProf\.)(?<!\bvs\.)[\"')\]]*\s+|\n+"
)
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+")
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


def normalize(text: str) -> str:
    """Unicode-normalize, straighten quotes, drop invisible characters, fold dotted acronyms."""
    if not text.isascii() or "\x00" in text:  # plain ASCII has nothing to fold, straighten or drop
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
        text = _INVISIBLE.sub("", text)
    return _DOTTED_ACRONYM.sub(lambda m: m.group(1).replace(".", ""), text)


#: How a sentence ends when the text was not cut off in it ("... the fact my minor was p" was).
_FINISHED = re.compile(r"[.!?:;)\"'\u201d\u2019\u2026]\s*$")


def is_finished(sentence: str) -> bool:
    """Whether ``sentence`` ends as a sentence does, not where a page was cut off mid-word."""
    return bool(_FINISHED.search(sentence))


def split_sentences(text: str) -> list[str]:
    """Sentences and bullet lines of normalized text, stripped, without empty ones."""
    parts = []
    for chunk in _SENTENCE_END.split(text):
        chunk = _BULLET.sub("", chunk).strip()
        if chunk:
            parts.append(chunk)
    return parts


def as_lines(paragraphs: Iterable[str]) -> list[str]:
    """``paragraphs`` as a text's lines, a blank line after each: what :func:`paragraphs_of` reads back."""
    return [line for paragraph in paragraphs for line in (paragraph, "")]


def paragraphs_of(lines: list[str]) -> list[str]:
    """The paragraphs of a text's lines: runs of non-blank lines, each joined into one line."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return [" ".join(p) for p in paragraphs if p]


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


def has_negation(text: str) -> bool:
    """Whether ``text`` has a negation word ("not", "never", "without", "rather than", ...). "Stop" and
    "prevent" are left out: as often nouns and plain verbs ("near new stops") as negations."""
    return any((word in NEGATORS and word not in PREVENTERS) or word in PHRASAL_NEGATOR_STARTS for word in words(text))


@lru_cache(maxsize=131072)
def _token_kinds(token: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A lowercase token's words and, for each, whether it is content, stop, negator or breaker."""
    parts = _expand_token(token)
    kinds = []
    for word in parts:
        if word in NEGATORS:
            kinds.append(NEGATOR)
        elif word in SCOPE_BREAKERS:
            kinds.append(BREAKER)
        elif word in STOP_WORDS or len(word) < 2:
            kinds.append(STOP)
        elif word.isdigit():  # a number: content, never a predicate
            kinds.append(NOMINAL)
        else:
            lemmas = getAllLemmas(word)
            if not lemmas or "VERB" in lemmas:
                kinds.append(VERBAL)
            else:
                kinds.append(ADJECTIVE if "ADJ" in lemmas else NOMINAL)
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
    reports: bool  # a verb of belief: what follows may be reported, not asserted

    def with_particle(self, particle: str) -> LexiconEntry:
        """The same words with the last verb joined to its particle: "back" + "down"."""
        word, kind, term = self.triples[-1]
        joined = f"{term}_{particle}"
        triples = (*self.triples[:-1], (word, kind, joined))
        return LexiconEntry(triples, self.words, (*self.terms[:-1], joined), self.negates, self.reports)

    def without_negation(self) -> LexiconEntry:
        """The same words with the negation dropped ("Hasn't" opening a question)."""
        triples = tuple((word, STOP if kind == NEGATOR else kind, term) for word, kind, term in self.triples)
        return LexiconEntry(triples, self.words, self.terms, negates=False, reports=self.reports)


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
            parts, kinds = acronym, (NOMINAL,) * len(acronym)
        else:
            parts, kinds = _token_kinds(raw.lower())
            if raw[:1].isupper():  # a capitalised word no dictionary knows is a name, not a misspelt verb
                kinds = tuple(
                    NOMINAL if kind == VERBAL and not getAllLemmas(word) else kind
                    for word, kind in zip(parts, kinds, strict=True)
                )
        triples = tuple(
            (word, kind, self._to_stem(word) if kind in CONTENT_KINDS else "")
            for word, kind in zip(parts, kinds, strict=True)
        )
        return LexiconEntry(
            triples,
            words=tuple(parts),
            terms=tuple(term for _, kind, term in triples if kind in CONTENT_KINDS),
            negates=any(kind == NEGATOR or word in PHRASAL_NEGATOR_STARTS for word, kind, _ in triples),
            reports=parts[-1] in BELIEF_VERBS if parts else False,
        )


_PLAIN_LEXICON = Lexicon()
#: Words, and the punctuation that ends a clause, in one pass.
#: Quotation marks are not among them: a quote sits inside its clause ('will not allow
#: adversaries to "escalate their way out"').
_WORD_OR_CLAUSE_END = re.compile(r"([A-Za-z0-9]+(?:'[A-Za-z]+)?)|([,;:()\[\]]| - )")


#: Particles that turn a verb into another one: "back down" is not "push back", "scared off"
#: is not "scared". ("up" mostly intensifies, "build up" is "build"; "out of" is a preposition.)
_PARTICLES = frozenset({"down", "off", "out"})


def _join_particles(stream: list[LexiconEntry | str]) -> list[LexiconEntry | str]:
    joined = list(stream)
    for i in range(1, len(joined)):
        item, before = joined[i], joined[i - 1]
        if isinstance(item, str) or isinstance(before, str) or item.words[0] not in _PARTICLES or len(item.words) > 1:
            continue
        after = joined[i + 1] if i + 1 < len(joined) else ""
        if not isinstance(after, str) and after.words[:1] == ("of",):
            continue
        if before.triples and before.triples[-1][1] == VERBAL:
            joined[i - 1] = before.with_particle(item.words[0])
    return joined


def analyze(text: str, lexicon: Lexicon = _PLAIN_LEXICON) -> Analysis:
    """Content terms of normalized ``text``, polarity-marked (see the module docstring), in order."""
    # The hot loop of scoring: cached entries are fetched without a call, and a sentence
    # that negates nothing (most) is finished from the entries' digests.
    cached = lexicon.entries.get
    stream: list[LexiconEntry | str] = []  # a str: the punctuation that ends a clause
    words: list[str] = []
    terms: list[str] = []
    first_negation = None  # (position in stream, words before, terms before)
    reports = False
    question_asserts = is_negative_question(text)
    for raw, clause_end in _WORD_OR_CLAUSE_END.findall(text):
        if raw:
            entry = cached(raw) or lexicon(raw)
            if question_asserts and not words:
                entry = entry.without_negation()
            if entry.negates and first_negation is None:
                first_negation = (len(stream), len(words), len(terms))
            stream.append(entry)
            words.extend(entry.words)
            terms.extend(entry.terms)
            reports = reports or entry.reports
        else:
            stream.append(clause_end)
    if not _PARTICLES.isdisjoint(words):
        stream = _join_particles(stream)
        terms = [term for item in stream if not isinstance(item, str) for term in item.terms]
    if first_negation is not None:
        # Words before the first negation are plain; read the rest for what each negation governs.
        position, words_before, terms_before = first_negation
        rest = [part for item in stream[position:] for part in ((item,) if isinstance(item, str) else item.triples)]
        terms[terms_before:] = NegationReader(rest, at_sentence_start=words_before == 0).marked_terms()
    if reports:
        for index in attributed_positions(stream):
            terms[index] = ATTRIBUTED + bare(terms[index])
    return Analysis(tuple(terms), tuple(words))


class SynonymMap:
    """Rewrites the terms of synonymous phrases to one shared term.

    Each group is analysed like any text, so "United States" and "US" (an
    acronym, expanded) and "America" all become the group's one term, with
    the polarity of the phrase kept.
    """

    def __init__(self, groups: Iterable[Sequence[str]], lexicon: Lexicon):
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
        self._starts = frozenset(mark + first for first in self._by_first for mark in MARKS)

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


_ACRONYM_PHRASE = re.compile(r"\b(?:[A-Z][a-z]+\s+){1,3}[A-Z][a-z]+\b")
_LEADING_FUNCTION_WORDS = {"The", "In", "On", "At", "And", "But", "If", "A", "An"}


def has_content(text: str) -> bool:
    """Whether ``text`` has a word that is not a stop word ("You wouldn't." has none): the
    scorers match on those words, so a claim or reason without one cannot be matched."""
    return bool(analyze(normalize(text)).terms)


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
