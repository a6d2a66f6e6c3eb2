"""Language tools for the scorer: sentences, tokens, stems, stop words and negation.

Everything here is general English processing; nothing names a case. The
scorer compares *terms*: Snowball stems of content words, each marked with
the polarity of its clause, so that "will not back down" and "will back down"
share the stem but not the meaning.
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

#: Prefix of a term whose clause negates it ("not deterred" -> "~deter").
NEGATED = "~"

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
_CONTENT, _STOP, _NEGATOR, _BREAKER = 0, 1, 2, 3


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
        else:
            kinds.append(_CONTENT)
    return parts, tuple(kinds)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The term of a lowercase word: the Snowball (Porter2) stem of its lemma.

    Lemmatising first joins what stemming alone cannot: irregular forms
    ("lost"/"lose", "sought"/"seek", "flew"/"fly").
    """
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


class Lexicon:
    """Turns a raw token into ``(word, kind, term)`` triples, once per distinct token.

    ``expand`` maps an upper-case acronym as written ("NK") to the words it
    stands for; expansion happens before lower-casing so "US" (the country)
    and "us" (the pronoun) stay apart. ``to_stem`` turns a content word into
    its term (a scorer passes one that also corrects typos).
    """

    MAX_ENTRIES = 100_000  # bounded, so hostile input cannot grow it without end

    def __init__(self, expand: dict[str, tuple[str, ...]] | None = None, to_stem: Callable[[str], str] = stem):
        self._expand = expand or {}
        self._to_stem = to_stem
        self._cache: dict[str, tuple[tuple[str, int, str], ...]] = {}

    def __call__(self, raw: str) -> tuple[tuple[str, int, str], ...]:
        entry = self._cache.get(raw)
        if entry is None:
            acronym = self._expand.get(raw) if raw.isupper() else None
            if acronym:
                parts, kinds = acronym, (_CONTENT,) * len(acronym)
            else:
                parts, kinds = _token_kinds(raw.lower())
            entry = tuple(
                (word, kind, self._to_stem(word) if kind == _CONTENT else "") for word, kind in zip(parts, kinds)
            )
            if len(self._cache) >= self.MAX_ENTRIES:
                self._cache.clear()
            self._cache[raw] = entry
        return entry


_PLAIN_LEXICON = Lexicon()
#: Words, and the punctuation that ends a clause, in one pass.
_WORD_OR_CLAUSE_END = re.compile(r"([A-Za-z0-9]+(?:'[A-Za-z]+)?)|[,;:()\[\]\"]| - ")


def analyze(text: str, lexicon: Lexicon = _PLAIN_LEXICON) -> Analysis:
    """Content terms of normalized ``text``, polarity-marked, in order."""
    terms: list[str] = []
    all_words: list[str] = []
    stop_count = 0
    negated = False
    after_negator = 0
    for raw in _WORD_OR_CLAUSE_END.findall(text):
        if not raw:  # a clause ends
            if negated and after_negator == 0 and len(all_words) == 1:
                negated = False  # "No, ..." opening a sentence is an interjection, not a negation
            else:
                # "At no point, however, have allies lost faith": a negation whose clause
                # ended before it could take an object carries into the next clause.
                negated = negated and after_negator <= 1
            after_negator = 0
            continue
        for word, kind, term in lexicon(raw):
            all_words.append(word)
            if kind == _CONTENT:
                if negated:
                    terms.append(NEGATED + term)
                    after_negator += 1
                else:
                    terms.append(term)
                continue
            stop_count += 1
            if kind == _NEGATOR:
                negated, after_negator = True, 0
            elif kind == _BREAKER:
                negated = False
    return Analysis(tuple(terms), tuple(all_words), stop_count)


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

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def apply(self, terms: Sequence[str]) -> tuple[str, ...]:
        out: list[str] = []
        i, n = 0, len(terms)
        while i < n:
            term = terms[i]
            negated = term.startswith(NEGATED)
            candidates = self._by_first.get(term[1:] if negated else term)
            if candidates:
                for phrase, shared in candidates:
                    end = i + len(phrase)
                    if end <= n and all(bare(terms[j]) == phrase[j - i] for j in range(i + 1, end)):
                        out.append(NEGATED + shared if negated else shared)
                        i = end
                        break
                else:
                    out.append(term)
                    i += 1
            else:
                out.append(term)
                i += 1
        return tuple(out)


def flip(term: str) -> str:
    """The same stem with the opposite polarity."""
    return term[1:] if term.startswith(NEGATED) else NEGATED + term


def bare(term: str) -> str:
    """The stem without its polarity mark."""
    return term[1:] if term.startswith(NEGATED) else term


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
