"""The default scorer on an article nobody tuned it on: meaning counts, reversals do not.

The case below was written for these tests (a city council's tram plan and its
critics), in the shape a club's own case has: no synonym groups, plain
phrasings. Every test runs the real models from ``bot/resources``.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bot.cases import load_case_file
from bot.config import SHIPPED_CASES_DIR, ConfigError, Settings
from bot.judged_draft import clauses_of
from bot.judging import JudgedScorer, Rule
from bot.neural import Encoder, ModelUnavailable
from bot.scorers import ScoringWorker, make_scorer
from bot.scoring import Scorer

TRAM_CASE = """
id = "tram-plan"
title = "Why the tram plan is worth it"
attribution = "A council briefing, written for the tests"
side = "tram sceptics"

[[points]]
number = 1
claim = "The tram will cost far more than it brings in."
context = "Building the line is expensive."

[[points.counterarguments]]
id = "fares-cover-running-costs"
summary = "Ticket income is expected to pay for the day-to-day running of the line."
hint = "Who pays for running it once it is built?"
source = ["Fares are forecast to cover the tram's operating costs from its third year."]
phrasings = ["Passenger fares will pay for running the trams.", "Ticket sales cover the operating costs."]

[[points.counterarguments]]
id = "property-values-rise"
summary = "Homes and shops near the stops gain value, and the council's tax take grows with them."
hint = "What happens to land near a new stop?"
source = ["Property values near new stops typically rise by a tenth, and business rates rise with them."]
phrasings = ["Land near the stations becomes more valuable.", "House prices go up around tram stops."]

[[points.counterarguments]]
id = "what-strategy"
summary = "The plan is part of the city's transport strategy, not a one-off."
hint = "Is the tram a project on its own?"
source = ["What strategy?"]
phrasings = ["The tram is one piece of a wider transport strategy for the city."]

[[points]]
number = 2
claim = "Trams make traffic worse for everyone else."
context = "Roadworks will disrupt the centre."

[[points.counterarguments]]
id = "fewer-cars"
summary = "Each full tram takes many cars off the road."
hint = "Where do tram passengers come from?"
source = ["A single tram carries as many people as 150 cars."]
phrasings = ["One tram replaces over a hundred cars.", "Trams take cars off the roads."]

[[points.counterarguments]]
id = "junctions-redesigned"
summary = "Junctions along the route are being redesigned to keep general traffic moving."
hint = "What changes at the crossings?"
source = ["Every junction on the route gets new signals that give way to cars between trams."]
phrasings = ["Traffic lights on the route are being reworked so cars keep flowing."]
"""


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    path = tmp_path_factory.mktemp("cases") / "tram-plan.toml"
    path.write_text(TRAM_CASE, encoding="utf-8")
    return load_case_file(path)


@pytest.fixture(scope="module")
def scorer() -> JudgedScorer:
    return JudgedScorer()


@pytest.fixture(scope="module")
def north_korea():
    return load_case_file(SHIPPED_CASES_DIR / "north-korea.toml")


def test_an_answer_in_fresh_words_earns_credit_and_shows_the_words_that_earned_it(scorer, case):
    result = scorer.score(case, 1, "Once it's running, the money from tickets pays the operating bills.")
    assert result.covered_ids == ("fares-cover-running-costs",)
    assert result.score == 33
    assert "tickets" in result.covered[0].excerpt


def test_the_rule_travels_with_the_scorer(case):
    """A scorer built with another rule scores by it: one that never takes a second look
    lets a reversal through that the default rule names."""
    reversal = "Passenger fares will never pay for running the trams."
    default = JudgedScorer().score(case, 1, reversal)
    assert default.score == 0 and [o.counterargument_id for o in default.opposed] == ["fares-cover-running-costs"]
    never_looks = JudgedScorer(rule=Rule(second_look=1.01, near_copy=2.0)).score(case, 1, reversal)
    assert never_looks.opposed == ()


def test_two_reasons_in_one_answer_both_count(scorer, case):
    result = scorer.score(
        case,
        2,
        "Every packed tram means a lot fewer cars on the road. "
        "The crossings are getting new signals so that car traffic keeps moving.",
    )
    assert set(result.covered_ids) == {"fewer-cars", "junctions-redesigned"} and result.score == 100


def test_one_sentence_listing_two_reasons_earns_both(scorer, case):
    """The sentence is nearest one reason; its second clause finds the other (docs/scoring.md, session 17).
    Without clauses (``clause_words=0``) it earned only the first."""
    sentence = (
        "Once it's running the ticket money pays the operating bills, and homes near the stops get more valuable."
    )
    result = scorer.score(case, 1, sentence)
    assert result.covered_ids == ("fares-cover-running-costs", "property-values-rise") and result.score == 67
    assert "homes near the stops" in result.covered[1].excerpt
    assert JudgedScorer(rule=Rule(clause_words=0)).score(case, 1, sentence).covered_ids == (
        "fares-cover-running-costs",
    )


def test_a_sentence_is_cut_into_clauses_only_where_two_parts_have_words_enough():
    assert clauses_of("Fares pay the running costs, and homes near the stops gain value.", 4) == [
        "Fares pay the running costs",
        "and homes near the stops gain value.",
    ]
    assert clauses_of("Fares pay, mostly.", 4) == []  # one part of four words: one clause
    assert clauses_of("Fares pay the running costs; homes near the stops gain value.", 0) == []  # 0: never


@pytest.mark.parametrize(
    "reversal",
    [
        "Fares will not cover the tram's operating costs, not even from its third year.",
        "Passenger fares will never pay for running the trams.",
        "Ticket income will fall far short of the day-to-day running costs of the line.",
    ],
)
def test_a_reversal_in_other_words_earns_nothing_and_is_named(scorer, case, reversal):
    result = scorer.score(case, 1, reversal)
    assert result.score == 0
    assert [o.counterargument_id for o in result.opposed] == ["fares-cover-running-costs"]


@pytest.mark.xfail(
    strict=True,
    reason="known weakness of the shipped judge: beside the reason's nearest reference it reads "
    "this reversal as making it (0.73), so no second look (docs/scoring.md) is taken",
)
def test_a_long_winded_reversal_earns_nothing(scorer, case):
    result = scorer.score(
        case, 1, "Ticket sales will never come close to paying for the day-to-day running of the line."
    )
    assert "fares-cover-running-costs" not in result.covered_ids


@pytest.mark.xfail(
    strict=True,
    reason="known weakness of the shipped judge (bot/resources/MODELS.md): it reads "
    "'values fall, rates drop' as making 'values rise, rates rise'; strict, so a better judge shows here",
)
def test_a_reversal_without_a_negation_word_earns_nothing_and_is_named(scorer, case):
    result = scorer.score(
        case, 1, "Property values near the new stops usually fall, and business rates drop with them."
    )
    assert result.score == 0
    assert [o.counterargument_id for o in result.opposed] == ["property-values-rise"]


@pytest.mark.parametrize(
    "two_reversals",
    [
        # the second shares its reason's words ("property values near new stops ... by a tenth")
        "Ticket income will fall far short of the day-to-day running costs of the line, "
        "and property values near new stops typically fall by a tenth.",
        # the judge reads the whole sentence as making the second's reason (0.94)
        "Ticket sales will fall far short of the operating costs, "
        "and property values near new stops stay where they were.",
    ],
)
def test_a_sentence_arguing_the_points_side_earns_no_other_reason(scorer, case, two_reversals):
    """Two reversals in one sentence: once the judge names the first, the sentence argues the
    Point's side, and neither its shared words nor the judge's reading earn it the second."""
    result = scorer.score(case, 1, two_reversals)
    assert result.score == 0
    assert [o.counterargument_id for o in result.opposed] == ["fares-cover-running-costs"]


#: Sentences nearest the Point's own claim whose last clause, read alone, the judge reads as making a reason.
CLAUSE_COST = pytest.mark.xfail(
    strict=True,
    reason="the cost of clauses (docs/scoring.md, session 17): the sentence is nearest the Point's claim, but its "
    "clause ('since one tram only replaces a couple of cars'), read alone, is read as making its reason (0.94); "
    "barring the clauses of sentences nearest the claim measured lower (leave one batch out 0.782 -> 0.779, "
    "external 0.904 -> 0.890)",
)


@pytest.mark.parametrize(
    "leaning",
    [
        pytest.param("Trams make traffic worse, since one tram only replaces a couple of cars.", marks=CLAUSE_COST),
        pytest.param(
            "Traffic gets worse for everyone because the new signals hold cars up at every junction.",
            marks=CLAUSE_COST,
        ),
    ],
)
def test_a_sentence_as_near_the_points_claim_as_a_reason_earns_it_nothing(scorer, case, leaning):
    """Reversals with no negation word that the judge reads as making their reason: each is as near
    the Point's own claim as the reason, so it argues the Point's side; a rule that never asks
    (``claim_lean`` below -1) credits them."""
    assert scorer.score(case, 2, leaning).score == 0
    assert JudgedScorer(rule=Rule(claim_lean=-2.0)).score(case, 2, leaning).score == 50


def test_an_answer_that_opens_by_turning_the_claim_round_earns_its_reason(scorer, case):
    """A strict xfail from session 12 to 16 (the sentence is as near the claim as the reason, so Rule.claim_lean
    refused it); since session 17 its clause "fares pay for running it" earns the reason on its own."""
    result = scorer.score(case, 1, "The tram brings in more than it costs: fares pay for running it.")
    assert result.covered_ids == ("fares-cover-running-costs",)


@pytest.mark.xfail(
    strict=True,
    reason="the cost of the credit model (docs/scoring.md, session 13): the judge reads these honest answers "
    "as neither or the opposite of the reason's summary, and the model, a second opinion, withholds their credit",
)
@pytest.mark.parametrize(
    "answer",
    [
        "A tram stop nearby makes a flat easier to sell.",
        "Homes near the line will be worth more, since people want to live by a stop.",
    ],
)
def test_an_answer_the_judge_misreads_beside_the_summary_earns_its_reason(scorer, case, answer):
    assert scorer.score(case, 1, answer).covered_ids == ("property-values-rise",)


@pytest.mark.xfail(
    strict=True,
    reason="the cost of the credit model (docs/scoring.md, sessions 15-16): the answer takes up the Point's own "
    "words ('its homeland is at risk'), the judge is unsure (0.58 makes), and the model withholds it; the "
    "session-16 refits put it at 0.51, just over the threshold of 0.50 and under the 0.55 chosen at the end",
)
def test_an_honest_answer_that_repeats_the_points_words_earns_its_reason(scorer, north_korea):
    result = scorer.score(north_korea, 1, "The US will not back down in a crisis even if its homeland is at risk.")
    assert result.covered_ids == ("us-will-not-back-down",)


def test_a_sentence_beside_a_misread_negation_earns_both_its_reasons(scorer, north_korea):
    """A strict xfail in session 16: the judge reads 'The allies have not lost faith in the US.' as the opposite
    of its reason (its words restate it, so it earns it), which marks the sentence beside it as written by
    someone arguing the Point's side, and the model withheld that sentence's second reason. Since session 17
    its second clause ("the ICBM test will strengthen that trend") is read on its own and earns it."""
    rebuttal = (
        "They keep asking Washington for stronger security guarantees and tighter alliance ties, and the ICBM "
        "test will strengthen that trend rather than reverse it. The allies have not lost faith in the US."
    )
    assert scorer.score(north_korea, 2, rebuttal).covered_ids == (
        "allies-keep-faith",
        "allies-seek-closer-alliance",
        "icbm-reinforces-trend",
    )


def test_a_reason_restated_beside_a_denial_of_something_else_earns_it(scorer, case):
    """A reason's words in a longer sentence whose other clause denies something ("no one ...
    doubts") are no near copy turned round: the sentence says more than the reference."""
    result = scorer.score(
        case,
        1,
        "Passenger fares will pay for running the trams, and no one on the council doubts "
        "the building costs will be repaid within thirty years.",
    )
    assert result.covered_ids == ("fares-cover-running-costs",) and result.opposed == ()


def test_a_reason_that_denies_something_said_in_its_own_words_earns_it(scorer, north_korea):
    """The shipped judge reads "The allies have not lost faith in the US." as the opposite of
    "... the allies have not lost faith in the US ..." (0.92); made only of the reason's words,
    the same way round, it cannot be."""
    result = scorer.score(north_korea, 2, "The allies have not lost faith in the US.")
    assert result.covered_ids == ("allies-keep-faith",) and result.opposed == ()


def test_agreeing_with_the_point_earns_nothing(scorer, case):
    result = scorer.score(case, 1, "This tram will never make back what it costs; it is a money pit.")
    assert result.score == 0 and result.agrees


def test_an_answer_to_the_other_point_earns_nothing_here_and_says_which(scorer, case):
    result = scorer.score(case, 1, "A single packed tram takes well over a hundred cars off the streets.")
    assert result.score == 0 and result.answers_points == (2,)


def test_a_one_word_fragment_of_the_article_hands_out_no_credit(scorer, case):
    assert "what-strategy" not in scorer.score(case, 1, "What is the strategy here? I see none.").covered_ids


def test_off_topic_text_earns_nothing(scorer, case):
    result = scorer.score(case, 2, "My favourite band released a new album last week and the drums are great.")
    assert result.score == 0 and not result.opposed


def test_scoring_together_gives_what_scoring_alone_gives(scorer, case):
    texts = [
        (1, "Fares will cover running the trams."),
        (2, "Trams take cars off the road."),
        (1, "House prices climb around the stops."),
        (2, ""),
    ]
    together = scorer.score_many([(case, point, text) for point, text in texts])
    alone = [scorer.score(case, point, text) for point, text in texts]
    assert [c.covered_ids for c in together] == [c.covered_ids for c in alone]
    assert [c.score for c in together] == [c.score for c in alone]


# --- running it in the bot -----------------------------------------------------------------


class CountingScorer(JudgedScorer):
    """The real scorer, counting how often the models are called."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[int] = []

    def score_many(self, rebuttals):
        self.batches.append(len(rebuttals))
        time.sleep(0.05)  # a slow machine: the next rebuttals arrive while this batch runs
        return super().score_many(rebuttals)


async def test_rebuttals_arriving_together_are_scored_together_off_the_event_loop(case):
    worker = ScoringWorker(CountingScorer())
    beats = 0

    async def heartbeat():
        nonlocal beats
        for _ in range(20):
            await asyncio.sleep(0.005)
            beats += 1

    texts = [f"Ticket income pays for running the line, forecast number {n}." for n in range(12)]
    results, _ = await asyncio.gather(asyncio.gather(*(worker.score(case, 1, t) for t in texts)), heartbeat())
    await worker.close()
    assert all(r.covered_ids == ("fares-cover-running-costs",) for r in results)
    assert len(worker.scorer.batches) < len(texts)  # some were batched
    assert sum(worker.scorer.batches) == len(texts)
    assert beats == 20  # the loop kept running while the models worked


async def test_a_failing_batch_fails_its_rebuttals_and_the_worker_keeps_serving(case):
    class Flaky(JudgedScorer):
        calls = 0

        def score_many(self, rebuttals):
            Flaky.calls += 1
            if Flaky.calls == 1:
                raise RuntimeError("model crashed")
            return super().score_many(rebuttals)

    worker = ScoringWorker(Flaky())
    with pytest.raises(RuntimeError):
        await worker.score(case, 1, "Fares pay for running it.")
    assert (await worker.score(case, 1, "Fares pay for running it.")).score == 33
    await worker.close()


def test_the_scorer_is_chosen_by_the_scorer_setting():
    assert Settings.from_env({}, dotenv=False).scorer == "judge"
    assert Settings.from_env({"SCORER": "lexical"}, dotenv=False).scorer == "lexical"
    assert isinstance(make_scorer("lexical"), Scorer)
    with pytest.raises(ConfigError, match="SCORER must be"):
        Settings.from_env({"SCORER": "magic"}, dotenv=False)
    with pytest.raises(ConfigError, match="SCORER_THREADS"):
        Settings.from_env({"SCORER_THREADS": "0"}, dotenv=False)


def test_a_missing_model_file_is_named(tmp_path: Path):
    with pytest.raises(ModelUnavailable, match="encoder.onnx is missing"):
        Encoder(tmp_path)


def test_a_reading_does_not_depend_on_what_else_is_read_with_it():
    """A tournament deadline scores many rebuttals together: each must read as it reads alone."""
    from bot.neural import shared_models

    encoder, judge = shared_models()
    pair = ("Fares pay for running the trams.", "Ticket income is expected to pay for the day-to-day running.")
    others = [
        (
            "A much longer sentence about the roadworks in the city centre and the noise they make at night "
            "for everyone living nearby, month after month.",
            "Trams take cars off the roads.",
        )
    ] * 5
    assert (judge.probabilities([pair]) == judge.probabilities([*others, pair])[-1:]).all()
    assert (encoder.embed([pair[0]]) == encoder.embed([*(o[0] for o in others), pair[0]])[-1:]).all()
