"""Embeds read as English and as Discord shows them: no Markdown in footers, counts in the right number."""

from __future__ import annotations

from support import A5, say


async def test_no_footer_shows_literal_backticks(bot, sent_payloads):
    """Discord does not render Markdown in footers, so a backtick would show as a backtick."""
    await say("!practice north-korea 1")
    await say(f"!rebut {A5}")
    await say("!due")
    await say("!case show north-korea")
    await say("!cases")
    await say("!leaderboard")
    footers = [e["footer"]["text"] for p in sent_payloads for e in p.get("embeds", []) if "footer" in e]
    assert len(footers) >= 3
    assert not [f for f in footers if "`" in f]


async def test_the_leaderboard_shows_its_scale_and_counts_in_english(bot):
    await say("!practice north-korea 1")
    await say(f"!rebut {A5}")
    board = (await say("!leaderboard")).embeds[0].description
    assert board.endswith("17 of 200 (1 attempt)")  # two Points in the server's cases: 200 at most


async def test_a_one_day_streak_reads_one_day(bot, sent_payloads):
    await say("!practice north-korea 1")
    await say(f"!rebut {A5}")
    await say("!progress")
    [streak] = [f for f in sent_payloads[-1]["embeds"][0]["fields"] if f["name"] == "Streak"]
    assert streak["value"] == "1 day \u00b7 longest 1 day"
