"""Every embed the bot builds stays inside Discord's limits, built here at its largest.

The limits are restated here from Discord's documentation rather than imported, so a wrong
constant in the code cannot make its own test pass. A builder added later without a case
here fails :func:`test_every_embed_builder_is_measured_here`.
"""

from __future__ import annotations

import importlib
import inspect

import discord
import pytest
from support import say

from bot.cases import Case, CaseLibrary, Counterargument, Point
from bot.coverage import FLAG_MEANINGS, Coverage, Match
from bot.feedback import CoveredItem, Feedback
from bot.models import Attempt, GuildSettings, LeaderboardRow, Tournament, TournamentRound
from bot.progress import HitRate, Leaderboard, PointProgress, ProgressReport, ScheduledPoint
from bot.tournament import OpenedRound
from bot.tournament_results import Placing, RoundResult, Standing

LIMITS = {
    "title": 256,
    "description": 4096,
    "field_name": 256,
    "field_value": 1024,
    "footer": 2048,
    "author": 256,
    "fields": 25,
    "total": 6000,
    "embeds": 10,
}
BUILDER_MODULES = (
    "cogs.embeds",
    "cogs.progress",
    "cogs.cases",
    "cogs.settings",
    "cogs.tournament_embeds",
    "cogs.article",
)


def words(length: int, seed: str = "word") -> str:
    """``length`` characters of text with spaces, as a case or a learner would write."""
    return ((seed + " ") * (length // (len(seed) + 1) + 1))[:length].strip().ljust(length, "x")


def check(*embeds: discord.Embed) -> int:
    """Assert Discord's limits on the embeds of one message (from their wire form); returns the total."""
    assert len(embeds) <= LIMITS["embeds"]
    total = 0
    for embed in embeds:
        data = embed.to_dict()
        fields = data.get("fields", [])
        assert len(fields) <= LIMITS["fields"]
        assert len(data.get("title", "")) <= LIMITS["title"]
        assert len(data.get("description", "")) <= LIMITS["description"]
        assert len(data.get("footer", {}).get("text", "")) <= LIMITS["footer"]
        assert len(data.get("author", {}).get("name", "")) <= LIMITS["author"]
        for f in fields:
            assert 0 < len(f["name"]) <= LIMITS["field_name"] and 0 < len(f["value"]) <= LIMITS["field_value"]
        total += (
            len(data.get("title", ""))
            + len(data.get("description", ""))
            + len(data.get("footer", {}).get("text", ""))
            + len(data.get("author", {}).get("name", ""))
            + sum(len(f["name"]) + len(f["value"]) for f in fields)
        )
    assert total <= LIMITS["total"]
    return total


# --- the largest inputs each builder can be given ------------------------------------------------

NAME = words(32, "Name")  # Discord display names: at most 32
ARGUMENT = Counterargument(
    "a-" + "x" * 60,
    words(1000, "summary"),
    words(1000, "hint"),
    tuple(words(1000, "source") for _ in range(5)),
    (words(1000, "phrase"),),
)
POINT = Point(
    1000,
    words(1000, "claim"),
    words(1000, "context"),
    tuple(
        Counterargument(f"arg-{i}", *[getattr(ARGUMENT, a) for a in ("summary", "hint", "source", "phrasings")])
        for i in range(20)
    ),
)
CASE = Case(
    "c" * 64,
    words(1000, "title"),
    words(1000, "attribution"),
    words(1000, "side"),
    tuple(Point(n, POINT.claim, POINT.context, POINT.counterarguments) for n in range(1, 21)),
    "v" * 64,
)
REBUTTAL = words(4000, "rebuttal")
FEEDBACK = Feedback(
    100,
    20,
    tuple(CoveredItem(ARGUMENT.summary, REBUTTAL, 1.0) for _ in range(25)),
    tuple(ARGUMENT.hint for _ in range(20)),
    tuple(FLAG_MEANINGS.values()),
)
TOURNAMENT = Tournament(
    1, 2, 3, words(80, "cup"), CASE.id, 10, 1440.0, "running", 10, tuple(range(1, 11)), None, False, False, 4, 0.0
)
ROUND = TournamentRound(1, 10, 1000, 0.0, 86_400.0, None)
REPORT = ProgressReport(
    NAME,
    True,
    10**6,
    tuple(PointProgress(CASE.id, n, 10**6, 100, 100) for n in range(400)),
    100.0,
    0.0,
    tuple(HitRate(CASE.id, n, f"arg-{n}", ARGUMENT.summary, 1, 10**6) for n in range(400)),
    10**4,
    10**4,
    (),
)
ATTEMPTS = [
    Attempt(10**12 + i, "1", NAME, None, None, CASE.id, CASE.version, 1000, REBUTTAL, 100, (), (), 1e9 + i)
    for i in range(25)
]


def largest() -> dict[str, list[discord.Embed]]:
    """Each builder (by name) and the embeds of its largest message."""
    from bot.article import reading_of
    from bot.case_source import ArticleSource
    from cogs.article import article_embed, article_pages
    from cogs.cases import case_summary_embed
    from cogs.embed_limits import pack_embeds
    from cogs.embeds import answer_embed, cases_embed, feedback_embed, point_embed
    from cogs.progress import history_embed, leaderboard_embed, progress_embed, schedule_embed
    from cogs.settings import settings_embed
    from cogs.tournament_embeds import registration_embed, results_embed, round_embed, standings_embed

    source = ArticleSource(
        *(words(300, field) for field in ("title", "author", "publication")),
        None,
        "https://example.org/" + "x" * 280,
        words(300, "license"),
        words(200_000, "text"),
    )
    shipped = reading_of(
        Case(*[getattr(CASE, f) for f in ("id", "title", "attribution", "side", "points", "version")], source=source)
    )
    summarised = reading_of(CASE)
    placings = tuple(Placing(i, i, NAME, 100, 20, 1.0, True) for i in range(1, 1001))
    standings = [Standing(i, i, NAME, 1000, 200, 1.0, 10) for i in range(1, 1001)]
    board = Leaderboard("all", 0.0, tuple(LeaderboardRow(i, str(i), NAME, 10**8, 10**8) for i in range(1, 1001)))
    case_list = [
        Case(f"c{i}-" + "x" * 60, CASE.title, CASE.attribution, CASE.side, CASE.points, CASE.version) for i in range(40)
    ]
    return {
        "point_embed": [point_embed(CASE, POINT)],
        "feedback_embed": [feedback_embed(POINT, FEEDBACK, NAME)],
        # the moderators' `case show`: every Point's answers, packed into messages
        "answer_embed": [
            embed for message in pack_embeds([answer_embed(CASE, p) for p in CASE.points]) for embed in message
        ][:1],
        "cases_embed": [cases_embed(CaseLibrary(case_list))],
        "case_summary_embed": [case_summary_embed(CASE)],
        "progress_embed": [progress_embed(REPORT)],
        "leaderboard_embed": [leaderboard_embed(board, 99)],
        "history_embed": [history_embed(NAME, ATTEMPTS)],
        "schedule_embed": [
            schedule_embed([ScheduledPoint(CASE.id, CASE.title, n, POINT.claim, 2e9) for n in range(400)], 1e9)
        ],
        "settings_embed": [
            settings_embed(
                GuildSettings(2, 10**18, CASE.id, 10, 1440.0, tuple(10**18 + i for i in range(500)), True, True),
                CASE.id,
            )
        ],
        "registration_embed": [registration_embed(TOURNAMENT.name, CASE.title, 10, 1440.0, 10**6)],
        "round_embed": [round_embed(OpenedRound(TOURNAMENT, ROUND, CASE, POINT), 10**6)],
        "results_embed": [results_embed(RoundResult(TOURNAMENT, ROUND, POINT, placings))],
        "standings_embed": [standings_embed(TOURNAMENT.name, standings, final=True)],
        # the article: the longest page of a 200,000-character text; of twenty Points' summaries
        "article_embed": [
            article_embed(reading, pages, max(range(len(pages)), key=lambda i: len(pages[i])))
            for reading in (shipped, summarised)
            for pages in [article_pages(reading)]
        ],
    }


def test_every_embed_builder_is_measured_here():
    builders = {
        name
        for module in BUILDER_MODULES
        for name, value in vars(importlib.import_module(module)).items()
        if name.endswith("_embed") and inspect.isfunction(value) and value.__module__ == module
    }
    assert builders == set(largest())


@pytest.mark.parametrize("builder", sorted(largest()))
def test_the_largest_embed_of_each_kind_is_inside_discords_limits(builder):
    for embed in largest()[builder]:
        check(embed)


def test_feedback_on_the_longest_rebuttal_keeps_what_matters():
    from cogs.embeds import feedback_embed

    embed = feedback_embed(POINT, FEEDBACK, NAME)
    assert check(embed) > 5000  # cut to fit, not emptied
    assert embed.description.startswith("`") and all(f.value.strip() for f in embed.fields)


def test_the_moderators_full_case_goes_out_in_messages_inside_the_limits():
    from cogs.embed_limits import pack_embeds
    from cogs.embeds import answer_embed

    messages = pack_embeds([answer_embed(CASE, p) for p in CASE.points])
    assert sum(len(m) for m in messages) == 20  # every Point, none dropped
    for message in messages:
        check(*message)


def test_fitting_leaves_an_embed_inside_the_limits_unchanged():
    from cogs.embed_limits import fit_embed

    embed = discord.Embed(title="  two  spaces ", description="line one\n\n  line two")
    embed.add_field(name="n", value="v  v")
    before = embed.to_dict()
    assert fit_embed(embed).to_dict() == before


def test_fitting_an_absurd_embed():
    from cogs.embed_limits import fit_embed

    embed = discord.Embed(title=words(400), description=words(9000))
    for _ in range(40):
        embed.add_field(name=words(600), value=words(3000))
    embed.set_footer(text=words(5000))
    embed.set_author(name=words(500))
    check(fit_embed(embed))


# --- through the bot: the longest rebuttal, covering everything ------------------------------------


async def test_feedback_on_a_4000_character_rebuttal_fits_one_message(bot, sent_payloads, monkeypatch):
    """The scorer is made to credit every counterargument with the whole rebuttal as "your words",
    the largest feedback any scorer could produce; the embed on the wire stays inside the limits,
    and compact: the rebuttal is quoted once, cut to about 120 characters."""

    def everything(rebuttals):
        return [
            Coverage(
                100,
                tuple(Match(a.id, text, 1.0) for a in case.point(getattr(point, "number", point)).counterarguments),
                (),
                frozenset(FLAG_MEANINGS),
            )
            for case, point, text in rebuttals
        ]

    monkeypatch.setattr(bot.practice.scorer, "score_many", everything)
    await say("!practice north-korea 1")
    reply = await say("!rebut " + words(3996, "rebuttal"))
    assert len(reply.embeds[0].fields) >= 6
    total = check(discord.Embed.from_dict(sent_payloads[-1]["embeds"][0]))
    assert total < 2000
