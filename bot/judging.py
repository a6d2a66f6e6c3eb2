"""The default scorer: which counterarguments a rebuttal makes, in any words, on any article.

Pure and synchronous like :mod:`bot.scoring` (no I/O, no Discord); the neural
models of :mod:`bot.neural` do the reading. A :class:`JudgedIndex` is built once
per case and scores any number of rebuttals.

How a rebuttal is scored, and why:

* The rebuttal is cut into sentences, as the lexical scorer cuts it; copied
  sentences and keyword lists earn nothing, as there (same flags).
* **Which reason is a sentence about?** The encoder embeds each sentence and
  every reference of the case (each counterargument's summary, phrasings and
  article sentences; each Point's claim and context). A sentence is *about* the
  one owner, across the whole case, whose reference is nearest. Competition
  across the case is what keeps credit honest: a sentence nearest to the Point's
  own claim argues for it; one nearest to another Point's counterargument
  answers that Point; one nearest to a sibling counterargument credits the
  sibling, not this one. References of a single content word never stand
  alone, so a one-word heading cannot hand out credit.
* **A sentence listing several reasons** is nearest only one of them; so its clauses (cut at
  ";", ":", dashes, commas, and before "and", "but", "because", "so"; four words or more) are
  embedded too, and a clause nearest another reason of the Point is a candidate for it, read by the
  judge as it stands. The sentence keeps its own reading, and a clause of a sentence found arguing
  the other side earns nothing.
* **Does it make it, or say the opposite?** The judge reads the sentence beside
  its nearest reference. Where it reads it as the reverse ("turbine prices
  climbed" against "turbine prices fell"), it takes a second look, because one
  reading is too noisy to take a reason away on: the sentence argues the
  opposite only if most of the reason's references read it so, each well above
  how the judge reads the case's own paraphrases of that reference, and if the
  judge reads it as the opposite of its nearest reference more than as the
  opposite of *itself* (for some wordings, many with a negation, it reads even
  a sentence beside itself as its opposite). Such a sentence earns nothing and
  is reported as arguing the opposite.
* The lexical matcher's matches (exact terms, the case's synonyms, negation
  scope) are candidates too, read the same way: they catch what a curated case
  spells out and the encoder misses.
* A sentence found arguing the opposite of one reason, with no negation word
  the judge could have misread, argues the Point's side: it earns no other
  reason, whatever words it shares with one or however the judge reads it.
* A sentence as near the Point's own claim as to the reason (within a small margin of cosine
  similarity) leans to the Point's side: it earns the reason only by restating it in the reason's
  own words. Reversals the judge reads as *making* their reason ("Goldfish cannot be trained to
  press levers" beside a summary of lever training) mostly lean so; honest answers mostly do not.
* A sentence credited so far gets a second opinion from a credit model (:mod:`bot.credit`), a
  logistic regression fitted on graded rebuttals over everything both models read in it; where the
  model doubts it (false credit to reversals, agreement, new reasons), it earns nothing.
* Where the words settle it, they overrule the judge: a sentence made only of
  one reference's terms, each the same way round, makes that reason (the
  judge misreads some negations: "the allies have not lost faith" read as the
  opposite of itself); and, where the rule asks for it, a near copy of a
  reference with one term turned round argues its opposite.
* Score = the share of the Point's counterarguments covered, 0-100.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from .case_references import CaseReferences, Owner
from .cases import Case, Point
from .coverage import FLAG_EMPTY, FLAG_TOO_SHORT, CachingScorer, Coverage, Match, Opposition, point_number
from .credit import DEFAULT_RULE, Reading, Rule
from .fragments import without_fragments
from .judged_draft import NOT_READ, Candidate, Draft, WordReading, clauses_of, sentences_arguing_the_other_side, three
from .negation import spell_out_negations
from .neural import OPPOSITE, Encoder, Judge, shared_models
from .scoring import CaseIndex
from .text import has_negation, normalize, split_sentences, words


class JudgedIndex:
    """A case prepared for scoring: references embedded once, then :meth:`score` per rebuttal."""

    def __init__(self, case: Case, encoder: Encoder, judge: Judge, rule: Rule = DEFAULT_RULE):
        self.case = case
        self.rule = rule
        # The lexical matcher, like the encoder, never matches a fragment alone.
        self.lexical = CaseIndex(without_fragments(case))
        self._encoder = encoder
        self._judge = judge
        self.references = CaseReferences(case, encoder)
        self._self_opposite = self._read_own_phrasings()
        self._reference_negation = [has_negation(text) for text in self.references.texts]

    def _read_own_phrasings(self) -> np.ndarray:
        """Per reference: how far the judge reads its owner's references (itself included)
        as the opposite of it (their mean probability of OPPOSITE).

        They all say the same thing, so this is the judge's own bias on that reference;
        some wordings (a reason that itself denies something: "allies have not lost
        faith") draw OPPOSITE from it for any paraphrase. A rebuttal's sentence counts as
        the opposite of a reference only by a wide margin above this.
        """
        texts = self.references.texts
        pairs, targets = [], []
        for start, end in self.references.reason_spans():
            for i in range(start, end):
                for j in range(start, end):  # itself too: a reference alone still has a reading
                    pairs.append((texts[j], texts[i]))
                    targets.append(i)
        total = np.zeros(len(texts))
        count = np.zeros(len(texts))
        if pairs:
            np.add.at(total, targets, np.array(self._read_pairs(pairs))[:, OPPOSITE])
            np.add.at(count, targets, 1)
        return np.divide(total, count, out=np.zeros_like(total), where=count > 0)

    def score(self, point_number: int, text: str) -> Coverage:
        """Score ``text`` as a rebuttal of Point ``point_number``."""
        return self.score_many([(point_number, text)])[0]

    def score_many(self, rebuttals: Sequence[tuple[int, str]]) -> list[Coverage]:
        """Score several rebuttals (Point number, text) with one call of each model: rebuttals
        that arrive together (a tournament's deadline) cost less than one by one."""
        return [self._verdict(draft) for draft in self._judge_all(rebuttals)]

    def readings(self, point_number: int, text: str) -> list[tuple[str, Reading]]:
        """Each sentence the words leave open, as the credit model sees it: (the reason it is a
        candidate for, its :class:`~bot.credit.Reading`). What ``training/fit_credit.py`` fits on."""
        (draft,) = self._judge_all([(point_number, text)], every_reading=True)
        decided: list[tuple[str, Reading]] = []
        self._verdict(draft, decided)
        return decided

    def _judge_all(self, rebuttals: Sequence[tuple[int, str]], every_reading: bool = False) -> list[Draft]:
        """The rebuttals read by both models, up to the second look: all but the verdict. The judge reads a
        candidate beside the Point's claim and the reason's summary only where the credit model will be
        asked about it (or, ``every_reading``, for each candidate: what the model is fitted on)."""
        drafts = [self._read(point, text) for point, text in rebuttals]
        texts = [
            t
            for d in drafts
            for t in (*d.windows, *(m.excerpt for m in d.lexical.covered), *(clause for _, clause in d.clauses))
        ]
        vectors = iter(self._encoder.embed(texts) if texts else [])
        pairs: list[tuple[str, str]] = []
        for draft in drafts:
            draft.vectors = np.array([next(vectors) for _ in draft.windows])
            lexical_vectors = [next(vectors) for _ in draft.lexical.covered]
            draft.clause_vectors = np.array([next(vectors) for _ in draft.clauses])
            self._find_candidates(draft)
            self._find_clause_candidates(draft)
            for match, vector in zip(draft.lexical.covered, lexical_vectors, strict=True):
                point, arg_id = draft.point.number, match.counterargument_id
                reference = self.references.closest(vector, Owner(point, arg_id))
                closeness = self.references.closeness(vector, point, arg_id)
                draft.candidates.append(
                    Candidate(match.excerpt, arg_id, reference, match.similarity, lexical=True, closeness=closeness)
                )
            pairs += [(c.window, self.references.texts[c.reference]) for c in draft.candidates]
        verdicts = iter(self._read_pairs(pairs))
        for draft in drafts:
            draft.verdicts = [next(verdicts) for _ in draft.candidates]
            draft.claim_readings = [NOT_READ] * len(draft.candidates)
            draft.summary_readings = [NOT_READ] * len(draft.candidates)
        self._second_look(drafts)
        self._read_for_second_opinion(drafts, every_reading)
        return drafts

    def _read_for_second_opinion(self, drafts: list[Draft], every: bool) -> None:
        """The judge beside the Point's claim and the reason's summary, in one call, for each candidate the
        rule would credit by hand (the credit model is asked about no other); :data:`NOT_READ` elsewhere."""
        wanted: list[tuple[Draft, int]] = []
        for draft in drafts:
            wanted += [
                (draft, k)
                for k in range(len(draft.candidates))
                if every or (self.rule.credit is not None and self._earns(draft, k, k in draft.cleared, False))
            ]
        pairs: list[tuple[str, str]] = []
        for draft, k in wanted:
            c = draft.candidates[k]
            summary = self.references.of(Owner(draft.point.number, c.counterargument_id))[0]
            pairs += [(c.window, draft.point.claim), (c.window, summary)]
        readings = iter(self._read_pairs(pairs))
        for draft, k in wanted:
            draft.claim_readings[k], draft.summary_readings[k] = next(readings), next(readings)

    def _second_look(self, drafts: list[Draft]) -> None:
        """Each sentence read as the opposite of its nearest reference is read beside itself
        and, if it reads more the opposite of that reference than of itself, beside the other
        references of its reason until most of them have spoken; ``draft.reversed`` gets the
        candidates that still read as the opposite, ``draft.cleared`` the others.

        Only where it can matter: a reason another sentence of the same rebuttal earns is
        not looked at again (its doubtful sentences just earn nothing). Each (sentence,
        reference) pair is read once, however many candidates share it. Whether credit hangs
        on a sentence is the hand-set rule's call, not the credit model's: the model's doubt
        must not make a sentence a reversal, which would bar it from every other reason.
        """
        looks: dict[tuple[str, int], list[tuple[Draft, int]]] = {}
        nearest_reading: dict[tuple[str, int], np.ndarray] = {}
        would_earn: set[tuple[str, int]] = set()
        for draft in drafts:
            read = list(zip(draft.candidates, draft.verdicts, strict=True))
            earned = {  # a reason a clause earns does not spare its sentence's own reading (it may reverse it)
                c.counterargument_id
                for k, (c, v) in enumerate(read)
                if k not in draft.clause_of and not self._doubtful(v) and self._earns(draft, k, second_opinion=False)
            }
            for k, (candidate, verdict) in enumerate(read):
                if self._doubtful(verdict) and candidate.counterargument_id not in earned:
                    key = (candidate.window, candidate.reference)
                    looks.setdefault(key, []).append((draft, k))
                    nearest_reading[key] = verdict
                    if self._earns(draft, k, cleared=True, second_opinion=False):
                        would_earn.add(key)
        itself = self._read_pairs([(window, window) for window, _ in looks])
        # (b) first, as it needs one reading: a sentence the judge reads as the opposite of itself
        # at least as much as of the reference tells nothing about the reason.
        still = [key for key, own in zip(looks, itself, strict=True) if nearest_reading[key][OPPOSITE] > own[OPPOSITE]]
        # (a) only where credit hangs on it: a sentence that would earn nothing anyway is told it
        # argues the opposite on (b) alone (feedback, not score).
        reversed_keys = {
            key
            for key in still
            if key not in would_earn or self._most_read_opposite(key[0], key[1], nearest_reading[key])
        }
        for key, shared in looks.items():
            for draft, k in shared:
                (draft.reversed if key in reversed_keys else draft.cleared).add(k)

    def _most_read_opposite(self, window: str, nearest: int, nearest_reading: np.ndarray) -> bool:
        """(a): whether most references of the reason ``nearest`` belongs to read ``window`` as
        their opposite. Read one at a time, and only until the majority is settled."""
        start, end = self.references.span_around(nearest)
        needed = (end - start) // 2 + 1
        votes = int(self._reads_opposite(nearest_reading, nearest))
        left = end - start - 1
        for i in (i for i in range(start, end) if i != nearest):
            if votes >= needed or votes + left < needed:
                break
            votes += self._reads_opposite(self._read_pairs([(window, self.references.texts[i])])[0], i)
            left -= 1
        return votes >= needed

    def _read_pairs(self, pairs: list[tuple[str, str]]) -> list[np.ndarray]:
        """The judge's readings of (sentence, reference) pairs, negations spelled out as it was trained."""
        if not pairs:
            return []
        return list(self._judge.probabilities([(spell_out_negations(a), spell_out_negations(b)) for a, b in pairs]))

    def _read(self, point_number: int, text: str) -> Draft:
        point = self.case.point(point_number)
        lexical = self.lexical.score(point_number, text)
        sentences = [self.lexical.read_sentence(s) for s in split_sentences(normalize(text))]
        windows = [] if FLAG_EMPTY in lexical.flags else [s.text for s in sentences if not (s.copied or s.stuffing)]
        clauses = [(w, c) for w in windows for c in clauses_of(w, self.rule.clause_words)]
        return Draft(point, lexical, windows, clauses=clauses)

    def _find_candidates(self, draft: Draft) -> None:
        """Each sentence's nearest owner in the case: a counterargument of this Point is a
        candidate for the judge; the Point's claim or another Point says why not."""
        if not draft.windows or draft.vectors is None:
            return
        nearest = self.references.nearest(draft.vectors)
        for window, vector, (owner, reference, strength) in zip(draft.windows, draft.vectors, nearest, strict=True):
            if strength < self.rule.about:
                continue
            if owner.point != draft.point.number:
                draft.answers_points.add(owner.point)
            elif owner.counterargument_id is None:
                draft.agrees = True
            else:
                arg_id = owner.counterargument_id
                closeness = self.references.closeness(vector, owner.point, arg_id)
                draft.candidates.append(
                    Candidate(window, arg_id, reference, strength, lexical=False, closeness=closeness)
                )

    def _find_clause_candidates(self, draft: Draft) -> None:
        """Each clause's nearest owner: where it is a reason of this Point that its sentence is not already a
        candidate for, the clause is one (a sentence listing two or three reasons is nearest only one of them).
        The judge reads the clause, as it is what found the reason; the sentence's own reading still decides
        whether it argues the other side (:meth:`_verdict`)."""
        if not draft.clauses or draft.clause_vectors is None:
            return
        have = {(c.window, c.counterargument_id) for c in draft.candidates}
        nearest = self.references.nearest(draft.clause_vectors)
        for (sentence, clause), vector, (owner, reference, strength) in zip(
            draft.clauses, draft.clause_vectors, nearest, strict=True
        ):
            arg_id = owner.counterargument_id
            if strength < self.rule.about or owner.point != draft.point.number or arg_id is None:
                continue
            if (sentence, arg_id) in have:
                continue
            have.add((sentence, arg_id))
            draft.clause_of[len(draft.candidates)] = sentence
            closeness = self.references.closeness(vector, owner.point, arg_id)
            draft.candidates.append(Candidate(clause, arg_id, reference, strength, lexical=False, closeness=closeness))

    def nearest(self, vectors: np.ndarray) -> list[tuple[Owner, int, float]]:
        """Per sentence (its embedding): the owner of its nearest reference in the whole case,
        that reference's index and their cosine similarity."""
        return self.references.nearest(vectors)

    def references_of(self, owner: Owner) -> list[str]:
        """The texts the judge reads a sentence about ``owner`` against."""
        return self.references.of(owner)

    def _verdict(self, draft: Draft, decided: list[tuple[str, Reading]] | None = None) -> Coverage:
        """The rebuttal's coverage; ``decided`` collects the readings the credit decision was made on."""
        if FLAG_EMPTY in draft.lexical.flags:
            return draft.lexical
        credited: dict[str, Match] = {}
        opposed: dict[str, Opposition] = {}
        arguing_the_other_side = sentences_arguing_the_other_side(draft)
        for k, (candidate, verdict) in enumerate(zip(draft.candidates, draft.verdicts, strict=True)):
            arg_id = candidate.counterargument_id
            said = self._what_the_words_say(draft, candidate.window)
            if arg_id in said.restated:
                pass  # the reason's own words, the same way round: the judge may misread a negation
            elif k in draft.reversed or said.turned.get(arg_id, 0.0) >= self.rule.near_copy:
                opposed.setdefault(arg_id, Opposition(arg_id, candidate.window))
                continue
            elif draft.clause_of.get(k) in arguing_the_other_side or any(
                sentence in candidate.window and arg_id not in reversed_ids
                for sentence, reversed_ids in arguing_the_other_side.items()
            ):
                continue  # a sentence that argues the Point's side makes none of its reasons, nor do its clauses
            elif self._doubtful(verdict) and k not in draft.cleared:
                continue  # not looked at again: another sentence earned its reason
            else:
                reading = self._reading(draft, k, cleared=k in draft.cleared)
                if decided is not None:
                    decided.append((arg_id, reading))
                if not self.rule.earns(reading):
                    continue
            if arg_id not in credited or candidate.strength > credited[arg_id].similarity:
                credited[arg_id] = Match(arg_id, candidate.window, candidate.strength)
        targets = [arg.id for arg in draft.point.counterarguments]
        covered = tuple(credited[a] for a in targets if a in credited)
        flags = set(draft.lexical.flags)
        if covered:
            flags.discard(FLAG_TOO_SHORT)  # short and right is right
        return Coverage(
            round(100 * len(covered) / len(targets)),
            covered,
            tuple(a for a in targets if a not in credited),
            frozenset(flags),
            opposed=tuple(o for a, o in opposed.items() if a not in credited),
            answers_points=tuple(sorted(draft.answers_points)),
            agrees=draft.agrees and not covered,
        )

    def _what_the_words_say(self, draft: Draft, window: str) -> WordReading:
        """What ``window``'s words say of the Point's reasons: those it restates in their own words, the same
        way round (:data:`Rule.restated`); for each reason one of its sentences turns a term of, the share
        that sentence has of it, polarity aside (at :data:`Rule.near_copy` a near copy turned round, which
        the lexical matcher never credits and a judge can miss; sentence by sentence, as a lexical window
        may span two); and each reason's share it keeps the same way round. The last two are also readings
        for the credit model. Read once per window: several candidates can share one."""
        if window not in draft.word_readings:
            point = draft.point.number
            restated = self.lexical.restated(point, window, self.rule.restated) if self.rule.restated else frozenset()
            turned: dict[str, float] = {}
            for sentence in split_sentences(window):
                for arg_id, share in self.lexical.turned_shares(point, sentence).items():
                    turned[arg_id] = max(turned.get(arg_id, 0.0), share)
            draft.word_readings[window] = WordReading(restated, turned, self.lexical.similarities(point, window))
        return draft.word_readings[window]

    def _reads_opposite(self, reading: np.ndarray, reference: int) -> bool:
        """The judge's reading of a sentence beside ``reference`` is the opposite: first, and
        by a wide margin over its reading of the case's own paraphrases of that reference."""
        return bool(
            reading.argmax() == OPPOSITE
            and reading[OPPOSITE] > self._self_opposite[reference] + self.rule.opposite_margin
        )

    def _doubtful(self, verdict: np.ndarray) -> bool:
        """Read as the opposite of its nearest reference: it earns only if a second look clears it."""
        return bool(verdict[OPPOSITE] >= self.rule.second_look)

    def _earns(self, draft: Draft, k: int, cleared: bool = False, second_opinion: bool = True) -> bool:
        """Whether candidate ``k`` earns its reason, as far as the words left it open."""
        return self.rule.earns(self._reading(draft, k, cleared), second_opinion)

    def _reading(self, draft: Draft, k: int, cleared: bool) -> Reading:
        candidate, closeness = draft.candidates[k], draft.candidates[k].closeness
        said = self._what_the_words_say(draft, candidate.window)
        return Reading(
            lexical=candidate.lexical,
            share=candidate.strength if candidate.lexical else 0.0,
            nearest=three(draft.verdicts[k]),
            cleared=cleared,
            to_reason=closeness.to_reason,
            to_claim=closeness.to_claim,
            to_sibling=closeness.to_sibling,
            to_other_point=closeness.to_other_point,
            negation=has_negation(candidate.window),
            words=len(words(candidate.window)),
            self_opposite=float(self._self_opposite[candidate.reference]),
            claim=three(draft.claim_readings[k]),
            summary=three(draft.summary_readings[k]),
            kept=said.kept.get(candidate.counterargument_id, 0.0),
            turned=said.turned.get(candidate.counterargument_id, 0.0),
            reference_negation=self._reference_negation[candidate.reference],
            others_reversed=any(draft.candidates[j].window != candidate.window for j in draft.reversed),
            clause=k in draft.clause_of,
        )


class JudgedScorer(CachingScorer[JudgedIndex]):
    """Scores rebuttals for any number of cases with the neural models."""

    name = "judge"
    #: Prepared cases, shared by every scorer of the process (they depend only on the case
    #: and the models, which are shared too): a restart of the bot in the same process, or
    #: the next test, does not embed the same references again.
    _shared_indexes: OrderedDict[tuple, JudgedIndex] = OrderedDict()

    def __init__(self, capacity: int = 256, threads: int = 1, rule: Rule = DEFAULT_RULE):
        super().__init__(capacity, JudgedScorer._shared_indexes)
        self.threads = threads
        self.rule = rule
        self.encoder, self.judge = shared_models(threads)

    def _key(self, case: Case) -> tuple:
        return (case.id, case.version, self.threads, self.rule)

    def _build(self, case: Case) -> JudgedIndex:
        return JudgedIndex(case, self.encoder, self.judge, self.rule)

    def score_many(self, rebuttals: Sequence[tuple[Case, Point | int, str]]) -> list[Coverage]:
        """Several rebuttals, each model called once per case among them."""
        results: list[Coverage | None] = [None] * len(rebuttals)
        by_case: dict[tuple[str, str], list[int]] = {}
        for i, (case, _, _) in enumerate(rebuttals):
            by_case.setdefault((case.id, case.version), []).append(i)
        for positions in by_case.values():
            index = self.index(rebuttals[positions[0]][0])
            wanted = [rebuttals[i] for i in positions]
            scored = index.score_many([(point_number(p), text) for _, p, text in wanted])
            for i, coverage in zip(positions, scored, strict=True):
                results[i] = coverage
        return [r for r in results if r is not None]
