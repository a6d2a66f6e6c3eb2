"""Helpers for driving the bot through dpytest like a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext import commands

# --- rebuttals to the shipped case ------------------------------------------------------
# Each makes exactly the counterargument(s) its name says (north-korea.toml's A5, A2, B2).

A5 = "North Korea will never match the forces of Russia or China and has no strategic depth."
#: Two reasons of Point 1 in one rebuttal.
A2_A5 = (
    A5
    + " The 2014 Quadrennial Defense Review says no adversary may escalate its way out of failed conventional aggression."
)
B2 = "The allies keep asking Washington for stronger security guarantees and tighter alliance ties."


# --- interactions ------------------------------------------------------------------
# dpytest has no interactions. These stand in for Discord's side of one (who
# pressed, where, and the response channel back); what they drive is real.


@dataclass
class RecordedResponse:
    sent: list[dict] = field(default_factory=list)
    modal: discord.ui.Modal | None = None

    edited: dict | None = None

    def is_done(self) -> bool:
        return bool(self.sent) or self.modal is not None or self.edited is not None

    async def send_message(self, content=None, **kwargs):
        self.sent.append({"content": content, **kwargs})

    async def edit_message(self, **kwargs):
        self.edited = kwargs

    async def send_modal(self, modal):
        self.modal = modal


@dataclass
class PressedBy:
    """What discord.py hands a component callback: the presser, the place, the client."""

    client: discord.Client
    user: discord.abc.User
    guild: discord.Guild | None
    channel: discord.abc.Messageable
    response: RecordedResponse = field(default_factory=RecordedResponse)
    id: int = 1
    data: dict = field(default_factory=dict)


#: Mark a module or test to run once on each engine: ``pytestmark = BOTH_ENGINES``. Each test
#: of it that reaches the database (the ``db`` fixture, or the bot) runs on SQLite and on PostgreSQL.
BOTH_ENGINES = pytest.mark.both_engines


def query(database, sql: str) -> list[tuple]:
    """Rows of ``sql`` read straight from the database (a SQLite file or a PostgreSQL URL), as a
    second program would: what is stored, not what the bot says."""
    if isinstance(database, str):
        import psycopg

        with psycopg.connect(database) as conn:
            return [tuple(row) for row in conn.execute(sql).fetchall()]
    import sqlite3

    with sqlite3.connect(database) as conn:
        return conn.execute(sql).fetchall()


def every_table(database) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table of the database, found from the engine's catalogue (so a table added later
    is included without anyone listing it): its columns and its rows."""
    if isinstance(database, str):
        names = [
            r[0]
            for r in query(
                database,
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            )
        ]
    else:
        names = [r[0] for r in query(database, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    found = {}
    for name in names:
        if isinstance(database, str):
            import psycopg

            with psycopg.connect(database) as conn:
                cursor = conn.execute(f'SELECT * FROM "{name}"')
                found[name] = ([d.name for d in cursor.description], [tuple(r) for r in cursor.fetchall()])
        else:
            import sqlite3

            with sqlite3.connect(database) as conn:
                cursor = conn.execute(f'SELECT * FROM "{name}"')
                found[name] = ([d[0] for d in cursor.description], cursor.fetchall())
    return found


def member(index: int) -> discord.Member:
    return dpytest.get_config().members[index]


def guild_channel() -> discord.TextChannel:
    return dpytest.get_config().channels[0]


async def dm_channel(index: int = 0) -> discord.DMChannel:
    return await member(index).create_dm()


async def say(content: str, *, channel=None, author: int = 0) -> discord.Message | None:
    """``author`` sends ``content``; returns the bot's reply (None if it said nothing)."""
    await dpytest.message(content, channel=channel if channel is not None else 0, member=member(author))
    return _next_reply()


async def say_expecting_refusal(content: str, *, channel=None, author: int = 0) -> discord.Message:
    """Like :func:`say`, for a command that fails with a user error.

    dpytest re-raises every command error after the bot's handler has run, so
    the error is expected here and the handler's reply returned.
    """
    with pytest.raises(commands.CommandError):
        await dpytest.message(content, channel=channel if channel is not None else 0, member=member(author))
    reply = _next_reply()
    assert reply is not None, f"the bot did not answer {content!r}"
    return reply


def _next_reply() -> discord.Message | None:
    if dpytest.sent_queue.empty():
        return None
    return dpytest.get_message()


def counterpoint(
    *args: str, stdin: str = "", env: dict | None = None, cwd=None, preexec_fn=None
) -> subprocess.CompletedProcess:
    """Run the ``counterpoint`` command in a real process, as a user would, without their token or DB
    (``preexec_fn`` runs in the child before the command, e.g. to drop capabilities)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "COUNTERPOINT_DB")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=60,
        preexec_fn=preexec_fn,
    )


def drawn_figures(monkeypatch) -> list:
    """Every matplotlib figure saved from now on (a chart is drawn, then saved to PNG), to look at."""
    from matplotlib.figure import Figure

    drawn: list[Figure] = []
    save = Figure.savefig

    def keep(self, *args, **kwargs):
        drawn.append(self)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", keep)
    return drawn


async def make_moderator(index: int = 0, guild: discord.Guild | None = None) -> discord.Role:
    """Give member ``index`` a "Staff" role with Manage Server in ``guild`` (the test server):
    a moderator, as the bot's check sees one."""
    guild = guild or guild_channel().guild
    staff = dpytest.backend.make_role("Staff", guild, permissions=discord.Permissions(manage_guild=True).value)
    await dpytest.add_role(member(index), staff)
    return staff


# --- tournaments ----------------------------------------------------------------------


class Clock:
    """A tournament service's clock that a test sets by hand."""

    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def tournament_cog(bot):
    return bot.get_cog("Tournaments")


async def delivered(bot) -> tuple[list[discord.Message], list[discord.Message]]:
    """Waits for the feedback DMs of the rounds closed so far; returns what the bot sent meanwhile,
    in the server and in DMs (the DMs go out in a task of their own, beside the channel's messages)."""
    await tournament_cog(bot).deliveries.wait()
    sent = []
    while not dpytest.sent_queue.empty():
        sent.append(dpytest.get_message())
    return [m for m in sent if m.guild is not None], [m for m in sent if m.guild is None]
