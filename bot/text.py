"""Language tools for the scorer: sentences, tokens, stems, stop words and negation.

Everything here is general English processing; nothing names a case. The
scorer compares *terms*: Snowball stems of content words, each marked with
the polarity of its clause, so that "will not back down" and "will back down"
share the stem but not the meaning.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer

#: Prefix of a term whose clause negates it ("not deterred" -> "~deter").
NEGATED = "~"

_STEMMER = snowballstemmer.stemmer("english")

STOP_WORDS: frozenset[str] = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "resources" / "stopwords_en.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

#: Words that negate what follows them in their clause.
NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "nothing", "none", "nobody", "without", "lack", "lacks", "lacking"})
#: A negation's scope runs from the negator to the end of its clause ("will not
#: be deterred from pushing back"); punctuation and these words start a new clause.
_SCOPE_BREAKERS = frozenset({
    "but", "yet", "although", "though", "because", "while", "whereas", "so",
    "if", "unless", "when", "since", "as", "which", "who", "that",
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
_DOTTED_ACRONYM = re.compile(r"\b((?:[A-Z]\.){2,})")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+")
_CLAUSE = re.compile(r"[,;:()\[\]\"]| - ")
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


def normalize(text: str) -> str:
    """Unicode-normalize, straighten quotes, drop invisible characters, fold dotted acronyms."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _INVISIBLE.sub("", text)
    return _DOTTED_ACRONYM.sub(lambda m: m.group(1).replace(".", "") + " ", text)


def split_sentences(text: str) -> list[str]:
    """Sentences and bullet lines of normalized text, stripped, without empty ones."""
    parts = []
    for chunk in _SENTENCE_END.split(text):
        chunk = _BULLET.sub("", chunk).strip()
        if chunk:
            parts.append(chunk)
    return parts


def words(text: str) -> list[str]:
    """Lowercase word tokens with contractions expanded ("won't" -> "will", "not")."""
    out: list[str] = []
    for raw in _WORD.findall(text):
        word = raw.lower()
        expanded = _CONTRACTIONS.get(word)
        if expanded:
            out.extend(expanded.split())
        elif word.endswith("n't"):
            out.extend((word[:-3], "not"))
        elif "'" in word:
            out.append(word.split("'", 1)[0])  # "kim's" -> "kim", "they're" -> "they"
        else:
            out.append(word)
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter2) stem of a lowercase word."""
    return _STEMMER.stemWord(word)


@dataclass(frozen=True)
class Analysis:
    """The terms of a span of text and the counts the scorer's checks need."""

    terms: tuple[str, ...]
    word_count: int
    stop_word_count: int


def analyze(
    text: str,
    expand: dict[str, tuple[str, ...]] | None = None,
    spell: Callable[[str], str] | None = None,
) -> Analysis:
    """Content terms of normalized ``text``, polarity-marked, in order.

    ``expand`` maps an upper-case acronym as written ("NK") to the words it
    stands for; expansion happens before lower-casing so "US" (the country)
    and "us" (the pronoun) stay apart. ``spell`` may replace a content word
    (a typo) with a known one before it is stemmed.
    """
    terms: list[str] = []
    word_count = stop_count = 0
    carry = False
    for clause in _CLAUSE.split(text):
        # "At no point, however, have allies lost faith": a negation whose clause
        # ended before it could take an object carries into the next clause.
        negated, carry, after_negator = carry, False, 0
        for raw in _WORD.findall(clause):
            tokens = expand.get(raw) if expand and raw.isupper() else None
            for word in tokens or words(raw):
                word_count += 1
                if word in NEGATORS:
                    # A sentence opening "No," is an interjection, not a negation.
                    negated, after_negator = word_count > 1, 0
                    stop_count += 1
                    continue
                if word in _SCOPE_BREAKERS:
                    negated = False
                if word in STOP_WORDS or len(word) < 2:
                    stop_count += 1
                    continue
                if spell is not None:
                    word = spell(word)
                if negated:
                    terms.append(NEGATED + stem(word))
                    after_negator += 1
                else:
                    terms.append(stem(word))
        carry = negated and after_negator <= 1
    return Analysis(tuple(terms), word_count, stop_count)


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
