"""The matcher: how much of a Point's counterargument a rebuttal makes.

Pure and synchronous: no I/O, no Discord. A :class:`CaseIndex` is built once per
case (terms, weights, postings, the article's word n-grams) and then scores any
number of rebuttals.

How a rebuttal is scored, and why:

* The rebuttal is cut into sentences (and bullet lines); each sentence and
  each pair of neighbouring sentences is a *window*, so a claim spread over
  two sentences still counts.
* Every counterargument has *references*: the article's own sentences, the
  curated phrasings and the summary. A window covers a reference by the
  IDF-weighted share of the reference's terms it contains (asymmetric: extra
  words in the rebuttal neither help nor hurt, so padding is neutral). Terms are
  Snowball stems, typos are mapped to the case's vocabulary with rapidfuzz,
  and acronyms of the case's names ("QDR") are expanded.
* A term found with the opposite polarity ("will back down" against "will not
  back down") counts *against* the reference, so reversed claims lose credit.
* Contrast: a window earns credit for a counterargument only if it is closer
  to it than to the hawkish claim itself or to another Point's
  counterarguments, so agreeing with the Point or rebutting the wrong one
  earns nothing.
* Sentences lifted from the article are flagged ``copied`` and earn no credit;
  a bare list of keywords is flagged ``stuffing`` and earns no credit.
* The score is the share of counterarguments covered, 0-100: the same unit a
  human grader uses ("how many of the article's counterarguments it makes").
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .cases import Case, Point
from .text import Analysis, acronyms_in, analyze, bare, flip, normalize, split_sentences, stem, words

FLAG_EMPTY = "empty"
FLAG_TOO_SHORT = "too_short"
FLAG_COPIED = "copied"
FLAG_STUFFING = "stuffing"

#: What each flag means, in the words shown to the user.
FLAG_MEANINGS = {
    FLAG_EMPTY: "The rebuttal is empty.",
    FLAG_TOO_SHORT: "The rebuttal is very short: make a full argument.",
    FLAG_COPIED: "Parts were copied from the article; copied sentences earn no credit. Put it in your own words.",
    FLAG_STUFFING: "This reads like a list of keywords, not an argument; keyword lists earn no credit.",
}

#: Weighted share of a reference's terms a window must contain to cover it.
COVERAGE_THRESHOLD = 0.5
#: Fewer words than this is flagged too short.
MIN_WORDS = 6
#: A sentence this long with almost no function words is a keyword list.
STUFFING_MIN_WORDS = 8
STUFFING_MAX_STOP_RATIO = 0.1
#: Copy detection: word n-grams shared with the article, and the share of a
#: sentence's words they must cover.
COPY_NGRAM = 5
COPY_MIN_WORDS = 8
COPY_SHARE = 0.6
#: Typo correction: words at least this long are matched to the case's vocabulary.
SPELL_MIN_LENGTH = 5
SPELL_MIN_SIMILARITY = 80


@dataclass(frozen=True)
class Match:
    """A covered counterargument and the rebuttal's words that earned it."""

    counterargument_id: str
    excerpt: str
    similarity: float  # 0..1: weighted share of the best reference's terms found


@dataclass(frozen=True)
class Coverage:
    """The verdict on one rebuttal to one Point."""

    score: int  # 0..100
    covered: tuple[Match, ...]
    missed: tuple[str, ...]
    flags: frozenset[str] = field(default_factory=frozenset)

    @property
    def covered_ids(self) -> tuple[str, ...]:
        return tuple(m.counterargument_id for m in self.covered)

    def to_dict(self) -> dict:
        """The JSON shape printed by ``counterpoint score``."""
        return {
            "score": self.score,
            "covered": list(self.covered_ids),
            "missed": list(self.missed),
            "matches": [
                {"id": m.counterargument_id, "excerpt": m.excerpt, "similarity": round(m.similarity, 3)}
                for m in self.covered
            ],
            "flags": sorted(self.flags),
        }


@dataclass(frozen=True)
class _Reference:
    owner: int  # index into CaseIndex._owners
    total_weight: float


@dataclass(frozen=True)
class _Owner:
    """Something a window can be closest to: a counterargument, or a Point's own claim."""

    point: int
    counterargument_id: str | None  # None: the hawkish claim and context


@dataclass(frozen=True)
class _Sentence:
    text: str
    analysis: Analysis
    copied: bool
    stuffing: bool


class CaseIndex:
    """A case prepared for scoring: built once, then :meth:`score` is cheap."""

    def __init__(self, case: Case):
        self.case = case
        article_sentences: list[str] = []
        owner_texts: list[tuple[_Owner, list[str]]] = []
        for point in case.points:
            claim_texts = [point.claim, *split_sentences(normalize(point.context))]
            owner_texts.append((_Owner(point.number, None), claim_texts))
            article_sentences.extend(claim_texts)
            for arg in point.counterarguments:
                sources = [s for text in arg.source for s in split_sentences(normalize(text))]
                article_sentences.extend(sources)
                owner_texts.append((_Owner(point.number, arg.id), [*sources, *arg.phrasings, arg.summary]))

        self._acronyms = acronyms_in(" ".join(t for _, texts in owner_texts for t in texts))
        self._vocabulary = sorted({w for _, texts in owner_texts for t in texts for w in words(normalize(t))})
        self._vocabulary_stems = {stem(w) for w in self._vocabulary}
        self._spell_cache: dict[str, str] = {}

        analysed = [
            (owner, [analyze(normalize(t), self._acronyms).terms for t in texts]) for owner, texts in owner_texts
        ]
        self._idf = _inverse_document_frequency(
            {bare(term) for terms in refs for term in terms} for _, refs in analysed
        )
        self._owners: list[_Owner] = []
        self._references: list[_Reference] = []
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for owner, refs in analysed:
            owner_index = len(self._owners)
            self._owners.append(owner)
            for terms in refs:
                unique = set(terms)
                if not unique:
                    continue
                ref_index = len(self._references)
                total = 0.0
                for term in unique:
                    weight = self._idf[bare(term)]
                    postings[term].append((ref_index, weight))
                    total += weight
                self._references.append(_Reference(owner_index, total))
        self._postings = dict(postings)
        self._article_ngrams = {
            gram for sentence in article_sentences for gram in _ngrams(words(normalize(sentence)), COPY_NGRAM)
        }

    # --- scoring ---------------------------------------------------------------

    def score(self, point_number: int, text: str) -> Coverage:
        """Score ``text`` as a rebuttal of Point ``point_number``."""
        point = self.case.point(point_number)
        targets = [arg.id for arg in point.counterarguments]
        sentences = [self._read_sentence(s) for s in split_sentences(normalize(text))]
        word_count = sum(s.analysis.word_count for s in sentences)
        flags: set[str] = set()
        if word_count == 0:
            return Coverage(0, (), tuple(targets), frozenset({FLAG_EMPTY}))
        if word_count < MIN_WORDS:
            flags.add(FLAG_TOO_SHORT)
        if any(s.copied for s in sentences):
            flags.add(FLAG_COPIED)
        if any(s.stuffing for s in sentences):
            flags.add(FLAG_STUFFING)

        best: dict[str, tuple[tuple[float, int], Match]] = {}
        for window in _windows([s for s in sentences if not (s.copied or s.stuffing)]):
            for arg_id, similarity in self._credit(point.number, window).items():
                # The most similar window wins; on a tie the shorter, so the excerpt is tight.
                rank = (round(similarity, 6), -len(window))
                if arg_id not in best or rank > best[arg_id][0]:
                    best[arg_id] = (rank, Match(arg_id, " ".join(s.text for s in window), similarity))

        covered = tuple(best[a][1] for a in targets if a in best)
        missed = tuple(a for a in targets if a not in best)
        score = round(100 * len(covered) / len(targets))
        return Coverage(score, covered, missed, frozenset(flags))

    def similarities(self, point_number: int, text: str) -> dict[str, float]:
        """Each counterargument's best similarity (0..1) to any window of ``text``, before the
        coverage threshold: for ranking (the ArgKP benchmark), not for verdicts.

        A window closer to something other than the counterargument (the claim, another
        Point) contributes only the margin by which it is closer to the counterargument.
        """
        point = self.case.point(point_number)
        best = {arg.id: 0.0 for arg in point.counterarguments}
        sentences = [self._read_sentence(s) for s in split_sentences(normalize(text))]
        for window in _windows([s for s in sentences if not s.stuffing]):
            mine, rival = self._shares(point_number, window)
            for arg_id, share in mine.items():
                best[arg_id] = max(best[arg_id], share if share > rival else 0.0)
        return best

    def _credit(self, point_number: int, window: list[_Sentence]) -> dict[str, float]:
        """Counterarguments of the Point this window covers, with their similarity."""
        mine, rival = self._shares(point_number, window)
        return {arg: share for arg, share in mine.items() if share >= COVERAGE_THRESHOLD and share > rival}

    def _shares(self, point_number: int, window: list[_Sentence]) -> tuple[dict[str, float], float]:
        """The window's share of each of the Point's counterarguments, and its best share of
        anything else (the hawkish claim, other Points' counterarguments)."""
        terms = {t for s in window for t in s.analysis.terms}
        matched: dict[int, float] = defaultdict(float)
        for term in terms:
            for ref, weight in self._postings.get(term, ()):
                matched[ref] += weight
            for ref, weight in self._postings.get(flip(term), ()):
                matched[ref] -= weight
        by_owner: dict[int, float] = {}
        for ref, weight in matched.items():
            reference = self._references[ref]
            share = weight / reference.total_weight
            if share > by_owner.get(reference.owner, 0.0):
                by_owner[reference.owner] = share

        rival = 0.0
        mine: dict[str, float] = {}
        for owner_index, share in by_owner.items():
            owner = self._owners[owner_index]
            if owner.point == point_number and owner.counterargument_id is not None:
                mine[owner.counterargument_id] = share
            else:
                rival = max(rival, share)
        return mine, rival

    def _read_sentence(self, text: str) -> _Sentence:
        analysis = analyze(text, self._acronyms, self._spell)
        tokens = words(text)
        copied = len(tokens) >= COPY_MIN_WORDS and _share_in(tokens, self._article_ngrams) >= COPY_SHARE
        stuffing = (
            analysis.word_count >= STUFFING_MIN_WORDS
            and analysis.stop_word_count / analysis.word_count < STUFFING_MAX_STOP_RATIO
        )
        return _Sentence(text, analysis, copied, stuffing)

    def _spell(self, word: str) -> str:
        """A content word, or the case word it is most likely a typo of."""
        cached = self._spell_cache.get(word)
        if cached is not None:
            return cached
        result = word
        if len(word) >= SPELL_MIN_LENGTH and stem(word) not in self._vocabulary_stems:
            found = process.extractOne(
                word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=SPELL_MIN_SIMILARITY
            )
            if found is not None:
                result = found[0]
        if len(self._spell_cache) > 50_000:  # bounded: hostile input cannot grow it forever
            self._spell_cache.clear()
        self._spell_cache[word] = result
        return result


class Scorer:
    """Scores rebuttals for any number of cases, preparing each case once."""

    def __init__(self) -> None:
        self._indexes: dict[tuple[str, str], CaseIndex] = {}

    def index(self, case: Case) -> CaseIndex:
        key = (case.id, case.version)
        index = self._indexes.get(key)
        if index is None:
            index = self._indexes[key] = CaseIndex(case)
        return index

    def score(self, case: Case, point: Point | int, text: str) -> Coverage:
        number = point.number if isinstance(point, Point) else point
        return self.index(case).score(number, text)


# --- helpers ----------------------------------------------------------------------


def _inverse_document_frequency(documents: Iterable[set[str]]) -> dict[str, float]:
    docs = list(documents)
    frequency: dict[str, int] = defaultdict(int)
    for doc in docs:
        for term in doc:
            frequency[term] += 1
    n = len(docs)
    return {term: math.log(1 + n / df) for term, df in frequency.items()}


def _windows(sentences: list[_Sentence]) -> Iterable[list[_Sentence]]:
    for i, sentence in enumerate(sentences):
        yield [sentence]
        if i + 1 < len(sentences):
            yield [sentence, sentences[i + 1]]


def _ngrams(tokens: list[str], n: int) -> Iterable[tuple[str, ...]]:
    return (tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _share_in(tokens: list[str], ngrams: set[tuple[str, ...]]) -> float:
    """Share of ``tokens`` inside some n-gram that also occurs in ``ngrams``."""
    inside = [False] * len(tokens)
    for i in range(len(tokens) - COPY_NGRAM + 1):
        if tuple(tokens[i : i + COPY_NGRAM]) in ngrams:
            for j in range(i, i + COPY_NGRAM):
                inside[j] = True
    return sum(inside) / len(tokens) if tokens else 0.0
