"""Hostile input: property-based tests (hypothesis) over the scorer, the case loader, the
article importer and storage, and hostile strings through every Discord command argument.

Nothing may crash, ping, or change what it should not.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support import dm_channel, member, say

from bot.cases import CaseError, load_case_file, parse_case
from bot.config import SHIPPED_CASES_DIR
from bot.coverage import FLAG_MEANINGS
from bot.importer import ImportError_, import_article
from bot.scoring import CaseIndex

EXAMPLES = 300  # per property; docs/benchmarks.md reports the total

INDEX = CaseIndex(load_case_file(SHIPPED_CASES_DIR / "north-korea.toml"))
SHIPPED_TOML = (SHIPPED_CASES_DIR / "north-korea.toml").read_text("utf-8")

#: The characters that break naive text handling: zero-width and direction marks,
#: combining marks, emoji, NUL, mention and markdown syntax, SQL metacharacters.
NASTY = st.sampled_from(
    [
        "\u200b",
        "\u200d",
        "\u202e",
        "\u2066",
        "\u0301",
        "\u0336",
        "\U0001f600",
        "\U0001f1fa\U0001f1f8",
        "\x00",
        "@everyone",
        "@here",
        "<@123456789012345678>",
        "<@&1>",
        "<#1>",
        "**",
        "__",
        "`",
        "```",
        "> ",
        "||",
        "'",
        '"',
        ";",
        "--",
        "/*",
        "' OR 1=1 --",
        "\\",
        "%",
        "\n",
        "\r\n",
        "\t",
        "U.S.",
        "won't",
        "n't",
    ]
)
HOSTILE_TEXT = st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=30).map("".join)
POINTS = st.sampled_from([1, 2])


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=HOSTILE_TEXT, point=POINTS)
def test_the_scorer_takes_anything_and_answers_sensibly(text, point):
    result = INDEX.score(point, text)
    assert 0 <= result.score <= 100
    ids = {a.id for a in INDEX.case.point(point).counterarguments}
    assert set(result.covered_ids) | set(result.missed) == ids
    assert not set(result.covered_ids) & set(result.missed)
    assert result.flags <= set(FLAG_MEANINGS)
    json.dumps(result.to_dict())  # always serialisable


def test_the_scorer_takes_a_100kb_rebuttal():
    claim = "North Korea has no strategic depth, so the US can manage it. "
    text = (claim * 1500 + "\u200b@everyone " * 1000)[:100_000]
    result = INDEX.score(1, text)
    assert result.covered_ids == ("north-korea-is-manageable",)  # one claim, however often, is one claim


@settings(max_examples=EXAMPLES, deadline=None)
@given(raw=st.binary(max_size=2000))
def test_the_case_loader_takes_any_bytes(raw):
    try:
        parse_case(raw, source="fuzz.toml")
    except CaseError as error:
        assert str(error).startswith("fuzz.toml")


#: What Discord turns into a ping (its message formatting reference): @everyone, @here, and user
#: and role mentions, which need digits: "<@" alone, or "<@name>", is plain text. A code fence
#: would break the embed the text is shown in.
PINGS_OR_FENCES = re.compile(r"@everyone|@here|<@[!&]?[0-9]+>|```")


def shown_texts(case):
    """Every text of a case that the bot shows in Discord."""
    yield case.title
    yield case.attribution
    for point in case.points:
        yield point.claim
        yield point.context
        for arg in point.counterarguments:
            yield arg.summary
            yield arg.hint


@settings(max_examples=EXAMPLES, deadline=None)
@given(value=HOSTILE_TEXT, field=st.sampled_from(["title", "attribution", "claim", "summary", "hint"]))
@example(value="<@", field="summary")  # found by Hypothesis: not a mention, so it may load
@example(value="<@", field="attribution")
@example(value="ask <@!> or <@&>", field="hint")
@example(value="<@123456789012345678>", field="summary")  # a mention: refused
@example(value="<@&1>", field="title")
@example(value="@everyone", field="claim")
def test_hostile_field_values_load_cleanly_or_are_refused(value, field):
    escaped = json.dumps(value)  # a valid TOML basic string for any text
    # Replace the first value of the field with the hostile one.
    prefix = f'\n{field} = "'
    start = SHIPPED_TOML.index(prefix) + 1
    end = SHIPPED_TOML.index("\n", start)
    text = SHIPPED_TOML[:start] + f"{field} = {escaped}" + SHIPPED_TOML[end:]
    try:
        case = parse_case(text, source="fuzz.toml")
    except CaseError:
        return
    for shown in shown_texts(case):
        assert not PINGS_OR_FENCES.search(shown), shown


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=HOSTILE_TEXT)
def test_the_importer_takes_any_article(text):
    try:
        draft, case = import_article(text)
    except (ImportError_, CaseError):
        return
    assert parse_case(draft).id == case.id


def test_an_article_full_of_markup_and_mentions_is_refused_or_cleaned():
    article = "Title\n\nPoint #1: @everyone will lose\n\nConcession.\n\n```rm -rf``` <@1> answers.\n"
    with pytest.raises(CaseError, match="would ping people or break a Discord message"):
        import_article(article)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE_TEXT.filter(lambda t: t.strip()))
async def test_storage_keeps_any_text_exactly(tmp_path, text):
    from bot.cases import CaseLibrary
    from bot.models import Learner, Place
    from bot.practice import InvalidRebuttalError, PracticeService
    from bot.storage import Storage

    storage = await Storage.open(tmp_path / "fuzz.db")
    try:
        service = PracticeService(CaseLibrary.from_directory(SHIPPED_CASES_DIR), storage)
        learner = Learner.terminal("x'); DROP TABLE attempts; --")
        await service.start(learner, Place(), "north-korea", 1)
        try:
            result = await service.submit(learner, Place(), text)
        except InvalidRebuttalError:
            return
        [stored] = await storage.attempts.of(learner.id, None, limit=1)
        assert stored.text == result.attempt.text == text.strip()
    finally:
        await storage.close()


HOSTILE_ARGUMENTS = [  # mentions of real ids are added in the test (dpytest resolves mentions it sends)
    "@everyone",
    "@here",
    "**bold** __u__ ||spoiler||",
    "```code```",
    "' OR 1=1; DROP TABLE attempts; --",
    "\u202eevil\u202c",
    "\u200b",
    "\x00",
    "\U0001f600" * 50,
    "x" * 5000,
    "../../etc/passwd",
    "-1",
    "99999999999999999999",
    "north-korea 0",
    "1.5",
]
COMMANDS = [
    "practice",
    "rebut",
    "hint",
    "answer",
    "skip",
    "history",
    "feedback",
    "leaderboard",
    "privacy",
    "progress",
    "due",
    "case show",
    "tournament results",
    "tournament submit",
    "settings channels",
]


async def test_hostile_arguments_to_every_command_never_crash_or_ping(start_bot, sent_payloads, caplog):
    import discord.ext.test as dpytest
    from discord.ext import commands

    await start_bot(rebut_rate=(10_000, 1.0), practice_rate=(10_000, 1.0))  # this test floods on purpose

    from support import guild_channel

    guild = guild_channel().guild
    arguments = [*HOSTILE_ARGUMENTS, f"<@{member(1).id}>", f"<@&{guild.default_role.id}>", f"<#{guild_channel().id}>"]
    tried = 0
    for command in COMMANDS:
        for argument in arguments:
            for channel in (None, await dm_channel()):
                try:
                    await dpytest.message(
                        f"!{command} {argument}", channel=channel if channel is not None else 0, member=member(0)
                    )
                except commands.CommandError:
                    pass  # a refusal: the handler has answered
                tried += 1
                while not dpytest.sent_queue.empty():
                    dpytest.get_message()
    assert tried == len(COMMANDS) * len(arguments) * 2
    assert sent_payloads and all(p["allowed_mentions"] == {"parse": []} for p in sent_payloads)
    for payload in sent_payloads:
        assert "Traceback" not in json.dumps(payload) and "Sorry, something went wrong" not in json.dumps(payload)
    assert "failed" not in caplog.text  # no command hit an unexpected error
    # and the bot still serves
    reply = await say("!practice north-korea 1")
    assert reply.embeds[0].title == "Point 1: rebut this"


def test_the_lexicon_stays_bounded_under_endless_new_words(monkeypatch):
    from bot.text import Lexicon, analyze

    monkeypatch.setattr(Lexicon, "MAX_ENTRIES", 100)
    lexicon = Lexicon()
    for n in range(1_000):
        analyze(f"Qwv{n} will not xkcd{n} the allies", lexicon)
    assert len(lexicon.entries) <= 100
    # Still reads correctly after being emptied many times.
    assert analyze("Washington will not back down", lexicon).terms == ("washington", "~back_down")
