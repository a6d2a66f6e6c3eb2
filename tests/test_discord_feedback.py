"""Feedback that coaches: short evidence, a reason for a 0%, a colour that follows the score.

Through the real bot (dpytest, the default judged scorer, a real database), and
``bot.feedback`` directly where the signal (a reversal) is hard to provoke.
"""

from __future__ import annotations

import textwrap

import discord
from support import say

from bot.cases import Counterargument, Point
from bot.coverage import Coverage, Match, Opposition
from bot.feedback import QUOTE_LIMIT, explain, render_text

#: One long sentence that earns three counterarguments of Point 1, two of them by its clauses.
LONG_SENTENCE = (
    "Kim would be miscalculating: the US will not be deterred and will keep pushing back against Pyongyang, "
    "and it would not back down in an escalating crisis, because the 2014 QDR says no adversary may escape "
    "by escalating a failed conventional attack and extended deterrence worked against the Soviets."
)
#: Two of Point 1's six counterarguments, the second in the sentence's last clause.
A_THIRD = (
    "Kim would be miscalculating: the US will not be deterred and will keep pushing back against Pyongyang, "
    "and the 2014 QDR says no adversary may escape by escalating a failed conventional attack."
)
#: Two sentences; the first earns two counterarguments of Point 2.
TWO_SENTENCES = (
    "They keep asking Washington for stronger security guarantees and tighter alliance ties, and the ICBM test "
    "will strengthen that trend rather than reverse it. The allies still trust the US."
)
ANSWERS_POINT_2 = "The allies keep asking Washington for stronger security guarantees and tighter alliance ties."
AGREES = (
    "North Korea will surely become more aggressive with its neighbours and deter US intervention "
    "now that it has nuclear ICBMs."
)


#: A good rebuttal of Point 1: four of its six counterarguments, one sentence each.
GOOD = (
    "Kim would be miscalculating: the US will not back down in a crisis even with its cities at risk. "
    "The 2014 Quadrennial Defense Review says no adversary may escalate its way out of failed conventional "
    "aggression. Extended deterrence already worked against the Soviet Union and still works against Russia and "
    "China. North Korea will never match their forces and has no strategic depth, so it can be managed."
)
ONE_REASON = (
    "The 2014 Quadrennial Defense Review says no adversary may escalate its way out of failed conventional aggression."
)
#: A phone in portrait shows about this many characters of an embed on a line, and this many lines.
PHONE_WIDTH, PHONE_LINES = 40, 30


def phone_lines(embed: discord.Embed) -> int:
    """How many lines the embed takes on a phone: every text wrapped at :data:`PHONE_WIDTH`."""
    texts = [embed.title or "", embed.description or "", *(t for f in embed.fields for t in (f.name, f.value))]
    return sum(len(textwrap.wrap(line, PHONE_WIDTH)) or 1 for text in texts for line in text.splitlines())


def covered_fields(embed: discord.Embed) -> list[discord.embeds._EmbedFieldProxy]:
    return [f for f in embed.fields if f.name.startswith("\u2705")]


async def test_one_long_sentence_is_quoted_short_and_each_clause_for_the_reason_it_earned(bot):
    await say("!practice north-korea 1")
    embed = (await say(f"!rebut {LONG_SENTENCE}")).embeds[0]

    first, *others = covered_fields(embed)
    quote = first.value.strip("\u201c\u201d")
    assert len(quote) <= QUOTE_LIMIT and quote.endswith("\u2026")
    assert LONG_SENTENCE.startswith(quote[:-1]) and LONG_SENTENCE[len(quote) - 1] in " ,"  # cut between words
    # the reasons its clauses earned show those clauses, not the sentence again (docs/scoring.md, session 17)
    clauses = [field.value.strip("\u201c\u201d") for field in others]
    assert clauses and all(clause in LONG_SENTENCE and len(clause) < len(LONG_SENTENCE) for clause in clauses)
    assert any("2014 QDR" in clause for clause in clauses)


async def test_each_counterargument_quotes_its_own_sentence_never_the_same_twice(bot):
    await say("!practice north-korea 2")
    embed = (await say(f"!rebut {TWO_SENTENCES}")).embeds[0]

    values = [f.value for f in covered_fields(embed)]
    assert values == [
        "\u201cThe allies still trust the US.\u201d",
        "\u201cThey keep asking Washington for stronger security guarantees and tighter alliance ties, and the "
        "ICBM test will\u2026\u201d",
        "the same sentence",
    ]
    assert len(embed.description) + sum(len(f.name) + len(f.value) for f in embed.fields) < 1000  # one phone screen


async def test_a_good_result_names_each_counterargument_by_its_label_and_fits_a_phone_screen(bot):
    await say("!practice north-korea 1")
    embed = (await say(f"!rebut {GOOD}")).embeds[0]

    assert [f.name for f in covered_fields(embed)] == [
        "\u2705 US will not back down",
        "\u2705 Declared policy (2014 QDR)",
        "\u2705 Deterred the USSR, Russia and China",
        "\u2705 North Korea is manageable",
    ]
    missing = next(f for f in embed.fields if f.name.startswith("\u274c"))
    assert missing.name == "\u274c Still missing (2): hints"
    assert phone_lines(embed) <= PHONE_LINES


async def test_a_weak_result_lists_two_hints_and_leaves_the_rest_to_the_hint_button(bot):
    await say("!practice north-korea 1")
    embed = (await say(f"!rebut {ONE_REASON}")).embeds[0]

    missing = next(f for f in embed.fields if f.name.startswith("\u274c"))
    assert missing.name == "\u274c Still missing (5): hints"
    assert missing.value.count("\u2022") == 2 and missing.value.endswith("\u2026and 3 more: press **Hint**.")
    assert phone_lines(embed) <= PHONE_LINES


async def test_a_zero_for_answering_another_point_says_so_beside_the_claim(bot):
    await say("!practice north-korea 1")
    embed = (await say(f"!rebut {ANSWERS_POINT_2}")).embeds[0]

    assert "0%" in embed.description
    assert "Why 0%: This reads like an answer to Point 2, not to Point 1." in embed.description.replace("**", "")
    assert "deter U.S. intervention" in embed.description  # the claim being rebutted
    assert embed.colour == discord.Colour.red()


async def test_a_zero_for_agreeing_or_for_too_few_words_says_so(bot):
    await say("!practice north-korea 1")
    agreeing = (await say(f"!rebut {AGREES}")).embeds[0]
    assert "This argues for the Point rather than against it." in agreeing.description

    short = (await say("!rebut No.")).embeds[0]
    assert "Too short to judge" in short.description


async def test_a_third_is_orange_not_the_red_of_nothing(bot):
    await say("!practice north-korea 1")
    embed = (await say(f"!rebut {A_THIRD}")).embeds[0]
    assert "33%" in embed.description and embed.colour == discord.Colour.orange()
    assert "Why" not in embed.description  # a reason is for a 0% only


# --- bot.feedback, pure -------------------------------------------------------------

POINT = Point(
    number=1,
    claim="Trams cost more than they bring in.",
    context="",
    counterarguments=(
        Counterargument("fares", "Fares pay for running the line.", "Who pays?", ("Fares cover costs.",), ()),
        Counterargument("land", "Land near stops gains value.", "Land?", ("Values rise.",), ()),
    ),
)


def test_a_zero_for_a_reversal_names_the_counterargument_reversed():
    coverage = Coverage(0, (), ("fares", "land"), opposed=(Opposition("fares", "Fares will never pay for it."),))
    feedback = explain(POINT, coverage)
    assert feedback.reason == "This argues the opposite of: Fares pay for running the line."
    assert "This argues the opposite of" in render_text(feedback)


def test_a_score_above_zero_has_no_reason_and_a_repeat_is_said_once():
    same = "Fares cover the running costs and land near the stops rises in value."
    coverage = Coverage(100, (Match("fares", same, 0.9), Match("land", same, 0.8)), ())
    feedback = explain(POINT, coverage)
    assert feedback.reason == ""
    assert [item.quote for item in feedback.covered] == [f"\u201c{same}\u201d", "the same sentence"]
    assert render_text(feedback).count(same) == 1
