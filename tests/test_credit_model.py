"""The credit model: a second opinion that withholds credit the hand-set rule would give falsely.

The rebuttals below are graded items of this repository's own article batches (``data/eval``),
which the shipped model was fitted on; the hand-set rule (``Rule(credit=None)``) credits each of
them with a reason it does not make, and the model puts each well below its threshold (0.15-0.24),
so a refit does not flip them. Every test runs the real models from ``bot/resources``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.cases import Case, load_case_file
from bot.config import SHIPPED_CASES_DIR
from bot.credit import DEFAULT_CREDIT_FILE, FEATURES, CreditModel
from bot.evaluation import read_graded
from bot.judging import JudgedIndex, JudgedScorer, Rule
from bot.neural import Encoder, Judge, ModelUnavailable

EVAL = Path(__file__).resolve().parent.parent / "data" / "eval"


def eval_case(folder: str, case_id: str) -> Case:
    return load_case_file(EVAL / folder / f"{case_id}.toml")


@pytest.fixture(scope="module")
def scorer() -> JudgedScorer:
    return JudgedScorer()


@pytest.fixture(scope="module")
def by_hand() -> JudgedScorer:
    return JudgedScorer(rule=Rule(credit=None))


@pytest.mark.parametrize(
    "folder, case_id, point, reason, rebuttal",
    [
        # agrees with "I can buy running shoes in the same size as my everyday street shoes."
        (
            "articles-29",
            "running-shoe-beliefs",
            2,
            "half-size-up-and-wide",
            "Yeah, your size is your size. I've always bought the same size for everything and never had a problem.",
        ),
        # a reason the article does not give, credited by hand to "the effect in a home is minimal"
        (
            "articles-6",
            "houseplant-truths",
            1,
            "effect-minimal-at-home",
            "Plants can actually make the air worse: damp potting soil grows mould, and the spores and pollen "
            "they release set off allergies.",
        ),
        # reverses "the penny is worthless clutter" with no negation word
        (
            "articles-2",
            "penny-zinc-lobby",
            1,
            "worthless-clutter",
            "People value every cent they get, and it's the general public, unprompted by any industry, that "
            "keeps the penny in circulation.",
        ),
    ],
)
def test_a_reason_the_hand_rule_credits_falsely_is_not_earned(
    scorer, by_hand, folder, case_id, point, reason, rebuttal
):
    case = eval_case(folder, case_id)
    assert reason in by_hand.score(case, point, rebuttal).covered_ids
    assert reason not in scorer.score(case, point, rebuttal).covered_ids


def test_a_reversal_in_the_reasons_own_words_is_weighed_by_its_turned_word(scorer, by_hand):
    """The shipped case's dev set: "the ICBM will reverse the trend" keeps most of the words of "North
    Korea's ICBM will not reverse that trend" and turns one. The judge reads it as making the reason, and
    so did the credit model while it saw only the models' readings (0.51); the share of the reason's
    words it turns round (``turned``) and keeps (``kept``) put it at 0.22."""
    north_korea = load_case_file(SHIPPED_CASES_DIR / "north-korea.toml")
    rebuttal = (
        "The allies have lost faith in the United States and are distancing themselves from it; "
        "the ICBM will reverse the trend of closer alliances."
    )
    assert "icbm-reinforces-trend" in by_hand.score(north_korea, 2, rebuttal).covered_ids
    assert scorer.score(north_korea, 2, rebuttal).covered_ids == ()
    # the sentence's own reading (its clauses are read too, since session 17)
    ((reason, reading),) = [(r, x) for r, x in scorer.index(north_korea).readings(2, rebuttal) if not x.clause]
    assert reason == "icbm-reinforces-trend" and reading.turned > 0.5 and reading.kept == 0.0


def test_a_reversal_without_the_reasons_negation_is_weighed_by_it(scorer, by_hand):
    """articles-34: "Sanitizer wipes out every kind of germ there is" reverses "they don't eliminate all
    types of germs" without a negation word, and the judge reads it as making it. The model before
    session 15 credited it (0.51); that its reference denies and the sentence does not
    (``negation_differs``) puts it at 0.39."""
    case = eval_case("articles-34", "handwashing-myth-kickers")
    rebuttal = "Sanitizer wipes out every kind of germ there is, so it's the first choice even right beside a sink."
    assert "misses-some-germs" in by_hand.score(case, 2, rebuttal).covered_ids
    assert scorer.score(case, 2, rebuttal).covered_ids == ()
    ((reason, reading),) = [(r, x) for r, x in scorer.index(case).readings(2, rebuttal) if not x.clause]
    assert reason == "misses-some-germs" and reading.reference_negation and not reading.negation


def test_a_sentence_beside_a_reversal_is_weighed_by_it(scorer, by_hand):
    """articles-50: a rebuttal that argues the Point's side sentence by sentence. Its first sentence is
    found arguing the opposite of one reason; its second, "they don't pay water rates", the judge reads as
    making another. The model before session 16 credited that (0.62); that another sentence of the same
    rebuttal was found reversed (``others_reversed``) puts it at 0.11."""
    case = eval_case("articles-50", "bottled-water-false-claims")
    rebuttal = (
        "The bottled water industry doesn't support public water systems. No bottling company uses tap water "
        "as a source, and they don't pay water rates, so they don't care if the systems fall apart."
    )
    assert "bottlers-pay-rates" in by_hand.score(case, 2, rebuttal).covered_ids
    assert "bottlers-pay-rates" not in scorer.score(case, 2, rebuttal).covered_ids
    readings = dict(scorer.index(case).readings(2, rebuttal))
    assert readings["bottlers-pay-rates"].others_reversed


def test_an_honest_answer_still_earns_what_it_makes(scorer):
    case = eval_case("articles-29", "microwave-myth-reality")
    result = scorer.score(case, 1, "Radio waves are everywhere anyway, and the oven's metal box keeps them inside.")
    assert set(result.covered_ids) == {"everyday-radio-waves", "contained-in-unit"}


def test_the_model_only_ever_withholds_credit(scorer):
    """Over every sentence of a batch's rebuttals the words leave open, the model credits nothing
    the hand-set rule would refuse: it is a second opinion, never a first."""
    case = eval_case("articles-29", "microwave-myth-reality")
    index = scorer.index(case)
    items = read_graded(EVAL / "articles-29" / "microwave-myth-reality.jsonl")
    readings = [reading for item in items for _, reading in index.readings(item.point, item.text)]
    assert readings
    withheld = [r for r in readings if Rule(credit=None).earns(r) and not index.rule.earns(r)]
    assert withheld, "the model should doubt something in thirty graded rebuttals"
    assert not [r for r in readings if index.rule.earns(r) and not Rule(credit=None).earns(r)]


def test_the_shipped_model_reads_only_what_the_scorer_gives_it():
    model = CreditModel.load(DEFAULT_CREDIT_FILE)
    assert set(model.names) <= set(FEATURES) and model.names
    assert 0 < model.threshold < 1


@pytest.mark.parametrize(
    "content, problem",
    [
        (None, "missing"),
        ("{not json", "malformed"),
        (
            '{"names": ["shoe size"], "intercept": 0, "weights": [1], "mean": [0], "scale": [1], "threshold": 0.5}',
            "shoe size",
        ),
        (
            '{"names": ["lean"], "intercept": 0, "weights": [1, 2], "mean": [0], "scale": [1], "threshold": 0.5}',
            "one weight",
        ),
    ],
)
def test_a_missing_or_malformed_credit_file_is_named(tmp_path, content, problem):
    path = tmp_path / "credit.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelUnavailable, match=problem) as error:
        CreditModel.load(path)
    assert str(path) in str(error.value)


class RecordingJudge(Judge):
    """The real judge, remembering what it was asked to read."""

    def __init__(self) -> None:
        super().__init__()
        self.read: list[tuple[str, str]] = []

    def probabilities(self, pairs):
        self.read += pairs
        return super().probabilities(pairs)


def test_an_imported_drafts_placeholder_summaries_are_never_read():
    """A draft's summaries are "TODO: ..." until the coach writes them; the model's reading beside
    the reason's summary falls back to the reason's first article sentence."""
    draft = load_case_file(EVAL / "articles-29" / "microwave-myth-reality.toml")
    draft = replace(
        draft,
        points=tuple(
            replace(
                point,
                counterarguments=tuple(
                    replace(arg, summary="TODO: one line saying what this counterargument claims, in your own words")
                    for arg in point.counterarguments
                ),
            )
            for point in draft.points
        ),
    )
    judge = RecordingJudge()
    index = JudgedIndex(draft, Encoder(), judge)
    result = index.score(1, "Radio waves are everywhere anyway, and the oven's metal box keeps them inside.")
    assert judge.read and not [pair for pair in judge.read if "TODO" in pair[1]]
    assert "everyday-radio-waves" in result.covered_ids
