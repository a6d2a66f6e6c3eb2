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
* A window that says the opposite of a counterargument (a word its references
  negate, stated plainly, or the reverse: "will back down" against "will not
  back down") earns nothing for it, however many other words it shares.
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from .cases import Case, Point
from .coverage import FLAG_COPIED, FLAG_EMPTY, FLAG_STUFFING, FLAG_TOO_SHORT, CachingScorer, Coverage, Match
from .negation import MARKS, NEGATED, agreeing, bare, conflicting, polarity
from .text import (
    STOP_WORDS,
    Analysis,
    Lexicon,
    SynonymMap,
    acronyms_in,
    analyze,
    normalize,
    split_sentences,
    stem,
    words,
)

#: Weighted share of a reference's terms a window must contain to cover it.
COVERAGE_THRESHOLD = 0.42
#: Fewer words than this is flagged too short.
MIN_WORDS = 6
#: A sentence this long with almost no function words is a keyword list.
STUFFING_MIN_WORDS = 8
STUFFING_MAX_STOP_RATIO = 0.1
#: Copy detection: word n-grams shared with the article, and the share of a
#: sentence's words they must cover.
COPY_NGRAM = 6
COPY_MIN_WORDS = 10
COPY_SHARE = 0.75
#: A shorter sentence is a copy only where it is a whole sentence of the article, word for word, this long.
COPY_WHOLE_MIN_WORDS = 6
#: Typo correction: words at least this long are matched to the case's vocabulary.
SPELL_MIN_LENGTH = 5
SPELL_MIN_SIMILARITY = 80
SPELL_LENGTH_SLACK = 2
#: A near copy of a reference (:meth:`CaseIndex.turned_shares`) has at least this share of its own stems in it.
NEAR_COPY_COVER = 0.5


@dataclass(frozen=True)
class _Owner:
    """Something a window can be closest to: a counterargument, or a Point's own claim."""

    point: int
    counterargument_id: str | None  # None: the hawkish claim and context


@dataclass(frozen=True)
class _Sentence:
    text: str
    analysis: Analysis
    term_ids: frozenset[int]  # the index's ids of its terms (unknown terms cannot match)
    copied: bool
    stuffing: bool


@dataclass(frozen=True)
class _PointColumns:
    """Where a Point's counterarguments sit among the owners, and where its rivals do."""

    argument_ids: tuple[str, ...]
    mine: np.ndarray  # owner columns of the Point's counterarguments, in case order
    rivals: np.ndarray  # owner columns of everything else


def is_keyword_list(text: str) -> bool:
    """Whether ``text`` is a list of keywords, not a sentence: at least :data:`STUFFING_MIN_WORDS`
    words and almost no function words among them. Words are counted as written, so a compound
    ("native-like") or a number ("17,000") is one word, not a content word and a function word."""
    written = [parts for parts in (words(token) for token in text.split()) if parts]
    function_words = sum(all(part in STOP_WORDS for part in parts) for parts in written)
    return len(written) >= STUFFING_MIN_WORDS and function_words / len(written) < STUFFING_MAX_STOP_RATIO


class CaseIndex:
    """A case prepared for scoring: built once, then :meth:`score` is cheap.

    The references' terms form a matrix (term x reference) of signed IDF
    weights: a term's row holds +weight for each reference containing it and
    -weight for each containing it with the opposite polarity. A window's
    weighted overlap with every reference is then the sum of its terms' rows,
    one numpy operation for all references at once.
    """

    def __init__(self, case: Case, *, claim_is_rival: bool = True, background: Iterable[str] = ()):
        """``claim_is_rival=False`` leaves the Points' claims out of the contrast; for
        benchmarks (ArgKP) whose "claim" is a neutral topic, not a side to avoid.
        ``background`` texts count towards document frequencies only: more text of the
        same kind makes the IDF weights of a small case less noisy."""
        self.case = case
        article_sentences: list[str] = []
        owner_texts: list[tuple[_Owner, list[str]]] = []
        for point in case.points:
            claim_texts = [point.claim, *split_sentences(normalize(point.context))]
            if claim_is_rival:
                owner_texts.append((_Owner(point.number, None), claim_texts))
            article_sentences.extend(claim_texts)
            for arg in point.counterarguments:
                sources = [s for text in arg.source for s in split_sentences(normalize(text))]
                article_sentences.extend(sources)
                owner_texts.append((_Owner(point.number, arg.id), [*sources, *arg.phrasings, arg.summary]))

        case_texts = [t for _, texts in owner_texts for t in texts] + [m for group in case.synonyms for m in group]
        self._acronyms = acronyms_in(" ".join(case_texts))
        self._vocabulary = sorted({w for t in case_texts for w in words(normalize(t))})
        self._vocabulary_stems = {stem(w) for w in self._vocabulary}
        # Typo candidates by length: a slip adds, drops or swaps a letter or two.
        self._vocabulary_by_length: dict[int, list[str]] = defaultdict(list)
        for word in self._vocabulary:
            for length in range(len(word) - SPELL_LENGTH_SLACK, len(word) + SPELL_LENGTH_SLACK + 1):
                self._vocabulary_by_length[length].append(word)
        self._term_cache: dict[str, str] = {}
        self._lexicon = Lexicon(self._acronyms, self._term)
        self._synonyms = SynonymMap(case.synonyms, self._lexicon)

        analysed = [(owner, [set(self._analyze(normalize(t)).terms) for t in texts]) for owner, texts in owner_texts]
        documents = [{bare(term) for terms in refs for term in terms} for _, refs in analysed]
        documents += [{bare(t) for t in self._analyze(normalize(text)).terms} for text in background]
        idf = _inverse_document_frequency(documents)

        self._owners = [owner for owner, _ in analysed]
        references = [(index, terms) for index, (_, refs) in enumerate(analysed) for terms in refs if terms]
        owners_with_refs = sorted({index for index, _ in references})
        if owners_with_refs != list(range(len(self._owners))):
            raise ValueError("every counterargument needs at least one reference with content words")
        # References are grouped by owner, so an owner's best share is one reduceat.
        self._owner_starts = np.array(
            [next(i for i, (owner, _) in enumerate(references) if owner == o) for o in range(len(self._owners))]
        )
        self._build_matrices(references, idf)
        self._columns: dict[int, _PointColumns] = {}
        for point in case.points:
            ids = {
                i: o.counterargument_id
                for i, o in enumerate(self._owners)
                if o.point == point.number and o.counterargument_id
            }
            mine = list(ids)
            rivals = [i for i in range(len(self._owners)) if i not in mine]
            self._columns[point.number] = _PointColumns(
                tuple(ids.values()),
                np.array(mine, dtype=int),
                np.array(rivals, dtype=int),
            )
        # Tokenised as rebuttals are (acronyms expanded), so "U.S." in one and "US" in the other still meet.
        article_words = [tuple(self._analyze(normalize(sentence)).words) for sentence in article_sentences]
        self._article_ngrams = {gram for words in article_words for gram in _ngrams(list(words), COPY_NGRAM)}
        self._article_sentences = {words for words in article_words if len(words) >= COPY_WHOLE_MIN_WORDS}

    def _build_matrices(self, references: list[tuple[int, set[str]]], idf: dict[str, float]) -> None:
        """The term x reference weights and the term x owner conflicts.

        Every stem of the references gets a row per polarity mark, so a rebuttal's
        term finds its row by a dictionary lookup. A row weighs a reference by the
        stem's IDF when the marks agree (see :func:`agreeing`); a row *conflicts*
        with an owner whose references say the stem with the opposite polarity and
        never with this one.
        """
        ref_marks: list[dict[str, set[str]]] = []
        owner_marks: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for owner, terms in references:
            marks: dict[str, set[str]] = defaultdict(set)
            for term in terms:
                mark, stem_ = polarity(term)
                marks[stem_].add(mark)
                owner_marks[owner][stem_].add(mark)
            ref_marks.append(marks)
        stems = sorted({stem_ for marks in ref_marks for stem_ in marks})
        self._term_ids = {
            mark + stem_: i for i, (stem_, mark) in enumerate((stem_, mark) for stem_ in stems for mark in MARKS)
        }
        weights = np.zeros((len(self._term_ids), len(references)))
        conflicts = np.zeros((len(self._term_ids), len(self._owners)))
        for ref_index, marks in enumerate(ref_marks):
            for stem_, found in marks.items():
                for mark in MARKS:
                    if any(agreeing(mark, other) for other in found):
                        weights[self._term_ids[mark + stem_], ref_index] = idf[stem_]
        for owner, marks in owner_marks.items():
            for stem_, found in marks.items():
                for mark in ("", NEGATED):
                    if mark not in found and any(conflicting(mark, other) for other in found):
                        conflicts[self._term_ids[mark + stem_], owner] = 1.0
        # fsum: exact, so the total does not hang on the order a set hands its terms out in (which
        # changes with PYTHONHASHSEED); a claim and its reversal tie exactly, and must, every run.
        ref_totals = np.array([math.fsum(idf[stem_] for stem_ in marks) for marks in ref_marks])
        # Shares and conflicts in one product: each reference's column pre-divided by its total
        # weight, then one column per owner that a term contradicts.
        self._reference_count = len(references)
        self._shares_and_conflicts = np.hstack([weights / ref_totals, conflicts])

    # --- scoring ---------------------------------------------------------------

    def score(self, point_number: int, text: str) -> Coverage:
        """Score ``text`` as a rebuttal of Point ``point_number``."""
        point = self.case.point(point_number)
        targets = [arg.id for arg in point.counterarguments]
        sentences = [self.read_sentence(s) for s in split_sentences(normalize(text))]
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

        windows = list(_windows([s for s in sentences if not (s.copied or s.stuffing)]))
        best: dict[str, Match] = {}
        if windows:
            mine, rival = self._shares(point.number, windows)
            credited = (mine >= COVERAGE_THRESHOLD) & (mine > rival[:, None])
            # Among credited windows the most similar wins; on a tie the shorter, so the excerpt is tight.
            lengths = np.array([len(w) for w in windows])
            ranked = np.where(credited, mine.round(6) - lengths[:, None] * 1e-7, -np.inf)
            best_rows = ranked.argmax(axis=0)
            argument_ids = self._columns[point.number].argument_ids
            for column in np.flatnonzero(credited.any(axis=0)).tolist():
                row = int(best_rows[column])
                arg_id = argument_ids[column]
                best[arg_id] = Match(arg_id, " ".join(s.text for s in windows[row]), float(mine[row, column]))

        covered = tuple(best[a] for a in targets if a in best)
        missed = tuple(a for a in targets if a not in best)
        score = round(100 * len(covered) / len(targets))
        return Coverage(score, covered, missed, frozenset(flags))

    def similarities(self, point_number: int, text: str) -> dict[str, float]:
        """Each counterargument's best similarity (0..1) to any window of ``text``, before the
        coverage threshold: for ranking (the ArgKP benchmark), not for verdicts.

        A window closer to something other than the counterargument (the claim, another
        Point) contributes nothing to it.
        """
        self.case.point(point_number)
        columns = self._columns[point_number]
        sentences = [self.read_sentence(s) for s in split_sentences(normalize(text))]
        windows = list(_windows([s for s in sentences if not s.stuffing]))
        if not windows:
            return {arg_id: 0.0 for arg_id in columns.argument_ids}
        mine, rival = self._shares(point_number, windows)
        best = np.where(mine > rival[:, None], mine, 0.0).max(axis=0)
        return {arg_id: float(value) for arg_id, value in zip(columns.argument_ids, best, strict=True)}

    def turned_shares(self, point_number: int, sentence: str) -> dict[str, float]:
        """For each of the Point's counterarguments that ``sentence`` says one of the terms of the other way
        round: the share of its nearest reference's weighted terms the sentence has, polarity aside (a
        reversal keeps most of its reason's words and turns one), counting only references that hold at
        least :data:`NEAR_COPY_COVER` of the sentence's own stems (near both ways: a sentence that takes in
        a reference's words among as many of its own says more than the reference, and its term turned
        round may belong to its other clause). At ``Rule.near_copy`` a near copy turned round, which the
        judged scorer never credits; below it, a reading for the credit model (:class:`bot.credit.Reading`).
        Counterarguments with no such term are left out."""
        read = self.read_sentence(sentence)
        term_ids = sorted(read.term_ids)
        if not term_ids:
            return {}
        conflicted = self._shares_and_conflicts[term_ids, self._reference_count :].sum(axis=0) > 0
        # Polarity aside: each stem weighs a reference by whichever of its marks the reference says.
        stems = {bare(term) for term in read.analysis.terms}
        rows = [
            self._shares_and_conflicts[
                [self._term_ids[m + s] for m in MARKS if m + s in self._term_ids], : self._reference_count
            ].max(axis=0)
            for s in stems
            if s in self._term_ids
        ]
        if not rows:
            return {}
        weights = np.array(rows)  # stem x reference
        covers = (weights > 0).sum(axis=0) >= NEAR_COPY_COVER * len(stems)
        shares = np.maximum.reduceat(np.where(covers, np.minimum(weights.sum(axis=0), 1.0), 0.0), self._owner_starts)
        columns = self._columns[point_number]
        return {
            arg_id: float(share)
            for arg_id, share, turned in zip(
                columns.argument_ids, shares[columns.mine], conflicted[columns.mine], strict=True
            )
            if turned
        }

    def restated(self, point_number: int, sentence: str, least_terms: int) -> frozenset[str]:
        """The Point's counterarguments ``sentence`` says in their own words and the same way
        round: each of its terms (at least ``least_terms``) is in one reference, with the same
        polarity. Such a sentence cannot argue the reason's opposite, whatever a model reads:
        a reversal needs a word the reference does not have, or one of its words turned round."""
        terms = self.read_sentence(sentence).analysis.terms
        if len(set(terms)) < least_terms or any(t not in self._term_ids for t in terms):
            return frozenset()
        ids = sorted({self._term_ids[t] for t in terms})
        every_term = (self._shares_and_conflicts[ids, : self._reference_count] > 0).all(axis=0)
        by_owner = np.maximum.reduceat(every_term.astype(int), self._owner_starts) > 0
        columns = self._columns[point_number]
        return frozenset(a for a, hit in zip(columns.argument_ids, by_owner[columns.mine], strict=True) if hit)

    def terms(self, text: str) -> frozenset[str]:
        """The terms of ``text`` as this index reads them (lemmas, synonyms, typos), without polarity."""
        return frozenset(bare(t) for t in self._analyze(normalize(text)).terms)

    def _shares(self, point_number: int, windows: list[list[_Sentence]]) -> tuple[np.ndarray, np.ndarray]:
        """Per window: its share of each of the Point's counterarguments (windows x arguments),
        and its best share of anything else: the claim, other Points' counterarguments."""
        window_ids = [window[0].term_ids.union(*(s.term_ids for s in window[1:])) for window in windows]
        term_ids = [term_id for ids in window_ids for term_id in ids]
        if term_ids:
            # One product for all windows: (windows x terms present) @ (terms present x references).
            present = np.array(sorted(set(term_ids)))
            rows = np.repeat(np.arange(len(windows)), [len(ids) for ids in window_ids])
            incidence = np.zeros((len(windows), len(present)))
            incidence[rows, np.searchsorted(present, term_ids)] = 1.0
            product = incidence @ self._shares_and_conflicts[present]
        else:
            product = np.zeros((len(windows), self._shares_and_conflicts.shape[1]))
        references = self._reference_count
        conflicted = product[:, references:] > 0
        # A window with a stem both plain and in scope counts it twice: never past the whole reference.
        shares = np.minimum(product[:, :references], 1.0)
        by_owner = np.maximum.reduceat(shares, self._owner_starts, axis=1)
        by_owner[conflicted] = 0.0
        columns = self._columns[point_number]
        rival = by_owner[:, columns.rivals].max(axis=1) if len(columns.rivals) else np.zeros(len(windows))
        return by_owner[:, columns.mine], rival

    def read_sentence(self, text: str) -> _Sentence:
        """One sentence as this index reads it: its terms, and whether it is copied or a keyword list."""
        analysis = self._analyze(text)
        tokens = analysis.words
        copied = (len(tokens) >= COPY_MIN_WORDS and _share_in(tokens, self._article_ngrams) >= COPY_SHARE) or (
            tuple(tokens) in self._article_sentences
        )
        term_ids = frozenset(self._term_ids[t] for t in analysis.terms if t in self._term_ids)
        return _Sentence(text, analysis, term_ids, copied, is_keyword_list(text))

    def _analyze(self, text: str) -> Analysis:
        analysis = analyze(text, self._lexicon)
        if self._synonyms:
            analysis = Analysis(self._synonyms.apply(analysis.terms), analysis.words)
        return analysis

    def _term(self, word: str) -> str:
        """A content word's stem, after mapping a likely typo onto the case's vocabulary."""
        cached = self._term_cache.get(word)
        if cached is not None:
            return cached
        result = word
        if len(word) >= SPELL_MIN_LENGTH and word.isalpha() and stem(word) not in self._vocabulary_stems:
            found = process.extractOne(
                word,
                self._vocabulary_by_length.get(len(word), ()),
                scorer=fuzz.ratio,
                score_cutoff=SPELL_MIN_SIMILARITY,
            )
            if found is not None:
                result = found[0]
        if len(self._term_cache) > 50_000:  # bounded: hostile input cannot grow it forever
            self._term_cache.clear()
        self._term_cache[word] = stem(result)
        return self._term_cache[word]


class Scorer(CachingScorer[CaseIndex]):
    """The lexical matcher, for any number of cases."""

    name = "lexical"

    def _build(self, case: Case) -> CaseIndex:
        return CaseIndex(case)

    def score_many(self, rebuttals: Iterable[tuple[Case, Point | int, str]]) -> list[Coverage]:
        return [self.score(case, point, text) for case, point, text in rebuttals]


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


def _share_in(tokens: Sequence[str], ngrams: set[tuple[str, ...]]) -> float:
    """Share of ``tokens`` inside some n-gram that also occurs in ``ngrams``."""
    inside = [False] * len(tokens)
    for i in range(len(tokens) - COPY_NGRAM + 1):
        if tuple(tokens[i : i + COPY_NGRAM]) in ngrams:
            for j in range(i, i + COPY_NGRAM):
                inside[j] = True
    return sum(inside) / len(tokens) if tokens else 0.0
