"""The scorer: pure, explainable, and hard to fool."""

from __future__ import annotations

import pytest

from bot.cases import load_case_file
from bot.config import SHIPPED_CASES_DIR
from bot.coverage import FLAG_COPIED, FLAG_EMPTY, FLAG_STUFFING, FLAG_TOO_SHORT
from bot.scoring import CaseIndex


@pytest.fixture(scope="module")
def index() -> CaseIndex:
    return CaseIndex(load_case_file(SHIPPED_CASES_DIR / "north-korea.toml"))


def test_a_paraphrase_covers_its_counterargument_and_says_which_words(index):
    result = index.score(1, "North Korea doesn't have the forces of Russia or China, nor their strategic depth.")
    assert result.covered_ids == ("north-korea-is-manageable",)
    assert result.score == 17
    assert "strategic depth" in result.covered[0].excerpt
    assert 0.5 <= result.covered[0].similarity <= 1.0
    assert len(result.missed) == 5


def test_a_full_rebuttal_covers_everything(index):
    text = (
        "Allies have not lost faith in Washington or distanced themselves from it. "
        "They have sought stronger security guarantees and tighter alliance relationships. "
        "The US and its allies deployed new military capabilities and set up dialogue on deterrence and assurance. "
        "The ICBM will not reverse that trend; it will reinforce it. "
        "After the test, US bombers flew with South Korean and Japanese fighter jets as a show of force and unity. "
        "Pyongyang's provocations bring the allies closer together."
    )
    result = index.score(2, text)
    assert result.score == 100 and not result.missed


def test_typos_still_count(index):
    result = index.score(
        1, "The 2014 Quadrenial Defence Reveiw says no adversary may escalate out of failed conventinal agression."
    )
    assert "declared-escalation-policy" in result.covered_ids


def test_a_reversed_claim_earns_nothing(index):
    assert (
        index.score(1, "Washington will be deterred and will back down in a crisis if its homeland is at stake.").score
        == 0
    )


@pytest.mark.parametrize(
    "point, text",
    [
        (1, "Washington has not worked with Seoul or Tokyo on their military capabilities."),
        (1, "North Korea will match the forces of Russia and China and has plenty of strategic depth."),
        (
            1,
            "The 2014 Quadrennial Defense Review allows adversaries to escalate their way out of failed conventional aggression.",
        ),
        (2, "No new military capabilities were deployed and there has been no dialogue on deterrence or assurance."),
        (2, "After the ICBM test, no US bombers flew with South Korean or Japanese fighter jets."),
        (2, "The ICBM will reverse the trend rather than reinforce it."),
        (2, "The allies have not sought stronger security guarantees or tighter alliance relationships."),
        # "back" is also in the counterargument's "pushing back": only "back down" says the opposite.
        (1, "Washington will back down in a crisis once its own cities are at risk."),
        (1, "Kim is right to expect that the United States will back down in an escalating crisis."),
    ],
)
def test_denying_a_counterargument_in_its_own_words_earns_nothing(index, point, text):
    assert index.score(point, text).covered == ()


def test_agreeing_with_the_point_earns_nothing(index):
    text = "With ICBMs Kim can threaten American cities, so he will be more aggressive and Washington will be deterred from intervening."
    assert index.score(1, text).score == 0


def test_rebutting_the_other_point_earns_nothing(index):
    text = "North Korea lacks strategic depth and cannot match the forces of Russia or China, so the US can manage it."
    assert index.score(2, text).score == 0
    assert index.score(1, text).score > 0


def test_a_keyword_list_is_flagged_and_earns_nothing(index):
    result = index.score(
        2, "faith distance guarantees alliance capabilities dialogue assurance reinforce bombers unity"
    )
    assert FLAG_STUFFING in result.flags and result.score == 0


def test_a_keyword_list_with_a_compound_or_a_number_in_it_is_still_a_keyword_list(index):
    """ "native-like" is one written word, not "native" and the function word "like"."""
    result = index.score(
        1, "Pyongyang ICBM 2014 QDR escalation homeland-at-stake Soviets 10,000 warheads deterrence credibility-like"
    )
    assert FLAG_STUFFING in result.flags and result.score == 0


def test_a_bullet_list_of_real_claims_is_not_stuffing(index):
    text = "- NK has no strategic depth and can't match Russia or China\n- the QDR says nobody escalates out of failed conventional aggression"
    result = index.score(1, text)
    assert FLAG_STUFFING not in result.flags
    assert set(result.covered_ids) == {"north-korea-is-manageable", "declared-escalation-policy"}


def test_pasted_article_text_is_flagged_copied(index):
    pasted = (
        "Significantly, in response to last week's ICBM test, two U.S. bombers flew to the Korean Peninsula "
        "to join fighter jets from South Korea and Japan for a practice bombing run."
    )
    result = index.score(2, pasted)
    assert FLAG_COPIED in result.flags
    assert result.score == 0  # copied sentences earn no credit


def test_a_short_article_sentence_copied_word_for_word_is_flagged_and_one_in_own_words_is_not(index):
    copied = index.score(
        2, "Pyongyang's actions do not pull allies apart."
    )  # eight words: under the ten of a long copy
    assert FLAG_COPIED in copied.flags
    assert copied.score == 0
    # the same reason in a student's own words, as short, earns it
    own = index.score(2, "What Pyongyang does won't split the allies up.")
    assert FLAG_COPIED not in own.flags


def test_the_share_of_a_reason_said_the_other_way_round_is_read_only_where_a_word_is_turned(index):
    turned = index.turned_shares(2, "The ICBM will reverse the trend of closer alliances.")
    assert turned["icbm-reinforces-trend"] > 0.5
    assert index.turned_shares(2, "North Korea's ICBM will not reverse the trend.") == {}  # said its own way round


def test_polite_padding_neither_helps_nor_hurts(index):
    claim = "America will not back down in an escalating crisis, even if its homeland is at risk."
    padded = f"Thank you, chair. I respect my opponent and I understand the worry. {claim} Thank you for listening."
    assert index.score(1, padded).covered_ids == index.score(1, claim).covered_ids


def test_empty_and_tiny_rebuttals_are_flagged(index):
    assert index.score(1, "  \n ").flags == {FLAG_EMPTY}
    assert FLAG_TOO_SHORT in index.score(1, "hmm").flags


def test_nonsense_and_off_topic_text_earn_nothing(index):
    for text in ["jfkdls fjdksl qqq zzz", "The best pizza in Seoul is near Hongdae.", "\U0001f600\U0001f44d\U0001f525"]:
        assert index.score(1, text).score == 0
        assert index.score(2, text).score == 0


def test_the_json_shape(index):
    data = index.score(1, "North Korea has no strategic depth, so the US can manage it.").to_dict()
    assert set(data) == {"score", "covered", "missed", "matches", "flags", "opposed", "answers_points", "agrees"}
    assert data["covered"] == ["north-korea-is-manageable"]
    assert data["matches"][0]["id"] == "north-korea-is-manageable"


# --- the language handling behind it ------------------------------------------------


def test_irregular_verb_forms_meet(index):
    # "lost" and "lose" share no stem; lemmatising first joins them.
    result = index.score(2, "Neither Seoul nor Tokyo has lost faith in Washington or distanced itself from it.")
    assert "allies-keep-faith" in result.covered_ids


def test_declared_synonyms_count_as_the_same_name(index):
    with_names = index.score(
        1,
        "For years the US has helped Seoul and Tokyo build their military capabilities and coordinate responses to provocations.",
    )
    with_synonyms = index.score(
        1,
        "For years America has helped South Korea and Japan build their military capabilities and coordinate responses to provocations.",
    )
    assert with_names.covered_ids == with_synonyms.covered_ids == ("allied-capabilities-built",)


def test_acronyms_of_the_cases_names_are_understood(index):
    result = index.score(1, "The QDR says no adversary may escalate its way out of failed conventional aggression.")
    assert result.covered_ids == ("declared-escalation-policy",)


def test_what_one_is_not_deterred_from_still_happens():
    from bot.text import analyze, normalize

    assert analyze(normalize("The US will not be deterred from pushing back.")).terms == ("~deter", "push", "back")


def test_a_sentence_opening_no_comma_is_not_a_negation():
    from bot.text import analyze, normalize

    assert analyze(normalize("No, the allies trust Washington.")).terms == ("alli", "trust", "washington")
    assert analyze(normalize("No ally doubts Washington.")).terms == ("^alli", "~doubt", "^washington")


def test_a_negation_carries_past_a_short_opening_clause():
    from bot.text import analyze, normalize

    terms = analyze(normalize("At no point, however, have allies begun to lose faith.")).terms
    # Fronted, so subject and verb swap: the negation governs "begun", and the rest is in its scope.
    assert terms == ("^point", "^alli", "~begin", "^lose", "^faith")


def test_a_negation_governs_the_predicate_not_the_noun_before_it():
    from bot.text import analyze, normalize

    assert analyze(normalize("It won't let an enemy escalate.")).terms == ("^enemi", "~escal")
    assert analyze(normalize("No regional ally has lost faith.")).terms == ("^region", "^alli", "~lose", "^faith")
    assert analyze(normalize("They strengthen rather than reverse it.")).terms == ("strengthen", "~revers")


def test_stopping_something_from_happening_negates_it_and_two_negations_make_a_yes():
    from bot.text import analyze, normalize

    assert "~use" in analyze(normalize("Washington stops an enemy from using escalation.")).terms
    assert analyze(normalize("Allies never stopped trusting Washington.")).terms == ("alli", "trust", "washington")
    assert "escal" in analyze(normalize("The QDR does nothing to stop adversaries from escalating.")).terms


def test_a_belief_the_writer_reports_is_no_claim_of_theirs():
    from bot.text import analyze, normalize

    # Kim's belief neither earns nor forfeits anything; the writer's reply does.
    terms = analyze(normalize("Kim is betting that Washington will blink, but America keeps pushing back.")).terms
    assert terms == ("kim", "bet", "'washington", "'blink", "america", "keep", "push", "back")
    # The writer's own belief is a claim.
    assert analyze(normalize("I think the allies trust Washington.")).terms == ("alli", "trust", "washington")


def test_a_particle_makes_another_verb():
    from bot.text import analyze, normalize

    assert analyze(normalize("They will not back down.")).terms == ("~back_down",)
    assert analyze(normalize("They keep pushing back.")).terms == ("keep", "push", "back")
    assert analyze(normalize("They escalate out of trouble and build up forces.")).terms == (
        "escal",
        "troubl",
        "build",
        "forc",
    )


def test_a_negative_question_asserts_and_a_quote_stays_in_its_clause():
    from bot.text import analyze, normalize

    assert analyze(normalize("Hasn't Washington deterred Russia for decades?")).terms == (
        "washington",
        "deter",
        "russia",
        "decad",
    )
    assert "~escal" in analyze(normalize('It will not let adversaries "escalate their way out".')).terms


def test_a_negation_stops_at_a_colon_and_at_and_with_a_new_verb():
    from bot.text import analyze, normalize

    assert analyze(normalize("It will not: America keeps pushing back.")).terms == ("america", "keep", "push", "back")
    terms = analyze(normalize("The US will not be deterred and will back down.")).terms
    assert "~deter" in terms and "back_down" in terms


def test_words_after_the_predicate_match_whatever_the_punctuation(index):
    # The article puts a comma before "even if its homeland is at stake"; a rebuttal need not.
    result = index.score(
        1, "Kim would miscalculate: the US will not back down in an escalating crisis even with its homeland at stake."
    )
    assert "us-will-not-back-down" in result.covered_ids


def test_saying_the_opposite_of_one_phrasing_forfeits_the_counterargument(index):
    # "worked" is in one of the counterargument's phrasings only; denying it still counts against all.
    result = index.score(
        1, "Extended deterrence has never worked against Russia or China, which can strike the US homeland."
    )
    assert "extended-deterrence-history" not in result.covered_ids
    assert (
        "extended-deterrence-history"
        in index.score(
            1, "Extended deterrence has worked against Russia and China, which can strike the US homeland."
        ).covered_ids
    )


def test_the_scorer_names_no_case():
    """Nothing the scorer executes special-cases the shipped article (docstrings may use it as an example)."""
    import ast
    from pathlib import Path

    import bot.negation
    import bot.scoring
    import bot.text

    for module in (bot.negation, bot.scoring, bot.text):
        tree = ast.parse(Path(module.__file__).read_text("utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node)
        }
        code_text = " ".join(
            str(node.value).lower()
            if isinstance(node, ast.Constant)
            else getattr(node, "id", getattr(node, "attr", ""))
            for node in ast.walk(tree)
            if id(node) not in docstrings and isinstance(node, (ast.Constant, ast.Name, ast.Attribute))
        )
        for name in ("korea", "pyongyang", "washington", "quadrennial", "seoul"):
            assert name not in code_text, f"{module.__name__} names {name}"


def test_shortening_keeps_line_breaks_and_marks_the_cut():
    from bot.feedback import shorten

    assert shorten("a  b\n\u2022 c   d", 100) == "a b\n\u2022 c d"
    assert shorten("x" * 10, 5) == "xxxx\u2026"


def test_the_scorer_keeps_a_bounded_number_of_case_versions():
    from dataclasses import replace

    from bot.scoring import Scorer

    case = load_case_file(SHIPPED_CASES_DIR / "north-korea.toml")
    scorer = Scorer(capacity=2)
    first = scorer.index(case)
    scorer.index(replace(case, version="v2"))
    assert scorer.index(case) is first  # used again: kept
    scorer.index(replace(case, version="v3"))  # evicts v2, the least recently used
    assert scorer.index(case) is first and len(scorer._indexes) == 2


# --- what the words alone can tell the judged scorer about near copies -------------------------


@pytest.mark.parametrize(
    "point, text, reason",
    [
        (1, "The US will be deterred and will back down in a crisis.", "us-will-not-back-down"),
        (2, "Despite their frustration, the allies have lost faith in the US.", "allies-keep-faith"),
    ],
)
def test_a_near_copy_with_one_word_turned_round_is_found_contradicting(index, point, text, reason):
    assert index.turned_shares(point, text).get(reason, 0.0) >= 0.8  # Rule.near_copy


def test_a_near_copy_said_the_same_way_round_contradicts_nothing(index):
    turned = index.turned_shares(2, "Despite their frustration, the allies have not lost faith in the US.")
    assert not [reason for reason, share in turned.items() if share >= 0.8]


def test_a_reason_restated_in_its_own_words_is_found_even_where_it_denies_something(index):
    assert index.restated(2, "The allies have not lost faith in the US.", least_terms=3) == {"allies-keep-faith"}
    assert index.restated(2, "The allies have lost faith in the US.", least_terms=3) == frozenset()
    # A word the reason does not have could be the one that turns it round: not a restatement.
    assert (
        index.restated(2, "The allies have not lost faith in the US, and they mock Beijing daily.", least_terms=3)
        == frozenset()
    )


def test_a_rebuttal_scores_the_same_in_every_process():
    """Python orders a set of strings differently in each process (PYTHONHASHSEED); a score must
    not follow that order. A claim and a counterargument that reverses it share every term, so
    their weights tie exactly; summed in another order they tied or not by the last bit, and the
    same rebuttal earned the reason after one restart and not after another."""
    import os
    import subprocess
    import sys

    program = (
        "from bot.cases import load_case_file\n"
        "from bot.config import SHIPPED_CASES_DIR\n"
        "from bot.scoring import CaseIndex\n"
        "index = CaseIndex(load_case_file(SHIPPED_CASES_DIR / 'north-korea.toml'))\n"
        "for point, text in ((1, 'The US will not back down, and the allies keep building deterrence together.'),\n"
        "                    (2, 'Seoul and Tokyo still trust Washington and want closer alliances.')):\n"
        "    print(sorted(index.similarities(point, text).items()))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in range(1, 7)
    }
    assert len(outputs) == 1, outputs
