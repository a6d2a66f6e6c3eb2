"""The ``counterpoint`` command: run the bot, practise in a terminal, score, manage cases.

The terminal front door calls the same services as the cogs, on the same
database, which is what proves the engine has no Discord in it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import cli_article, cli_cases, cli_db
from .cases import CaseError, CaseLibrary
from .cli_common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    database_path,
    describe_os_error,
    error_line,
    output_path,
    with_storage,
    write_output,
)
from .cli_practice import cmd_practice
from .cli_score import cmd_eval, cmd_score
from .config import ConfigError, Settings
from .feedback import plural
from .models import Learner
from .neural import ModelUnavailable
from .practice import USER_ERRORS
from .storage import Storage, StorageError, is_postgres_url

NO_TOKEN = (
    "DISCORD_TOKEN is not set. Put it in the environment or in a .env file "
    "(copy .env.example to .env and fill it in). To practise without Discord, "
    "run `counterpoint practice`."
)


class RedactToken(logging.Filter):
    """Replaces the bot token wherever it would appear in a log record."""

    def __init__(self, token: str | None):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token:
            message = record.getMessage()
            if self.token in message:
                record.msg, record.args = message.replace(self.token, "[token]"), None
        return True


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    handler.addFilter(RedactToken(settings.token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level if settings.log_level in logging.getLevelNamesMapping() else "INFO")


# --- run and sync (need Discord) ---------------------------------------------------------


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.token:
        print(NO_TOKEN, file=sys.stderr)
        return EXIT_USAGE
    token = settings.token
    import discord  # imported only for the commands that need it

    from .client import create_bot

    database_path(None, settings)
    configure_logging(settings)
    bot = create_bot(settings)  # a malformed case file stops us here, before connecting
    asyncio.run(_check_database(settings))  # so does an unusable database: no silent fresh start

    async def serve() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, stop.set)
        async with bot:
            running = asyncio.create_task(bot.start(token))
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if stop.is_set():
                logging.getLogger("counterpoint").info("Stopping: finishing work in flight, closing the database")
                await bot.close()
            stopping.cancel()
            await running

    try:
        asyncio.run(serve())
    except discord.LoginFailure:
        print("Discord rejected DISCORD_TOKEN. Check it in the developer portal (Bot > Reset Token).", file=sys.stderr)
        return EXIT_USAGE
    except (TimeoutError, OSError, discord.HTTPException, discord.GatewayNotFound) as error:
        raise _unreachable(error) from None
    return EXIT_OK


def _unreachable(error: BaseException) -> CliError:
    """Discord could not be reached (no network, DNS, a firewall, an outage): say so in one line."""
    reason = " ".join(str(error).split()) or type(error).__name__
    return CliError(
        f"cannot reach Discord ({reason}). Check the network connection and try again; nothing was changed."
    )


async def _check_database(settings: Settings) -> None:
    if not is_postgres_url(settings.db_path) and not Path(settings.db_path).exists():
        # Not silent: a wrong COUNTERPOINT_DB would otherwise look like everyone's progress vanished.
        logging.getLogger("counterpoint").warning(
            "No database at %s: starting a new, empty one", Path(settings.db_path).resolve()
        )
    storage = await Storage.open(settings.db_path)
    await storage.close()


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.token:
        print(NO_TOKEN, file=sys.stderr)
        return EXIT_USAGE
    token = settings.token
    import discord

    from .client import create_bot

    database_path(None, settings)
    configure_logging(settings)

    async def sync() -> int:
        bot = create_bot(settings)
        async with bot:
            await bot.login(token)  # runs setup_hook: the cogs' commands join the tree
            synced = await bot.tree.sync()
        print(f"Synced {plural(len(synced), 'slash command')} globally; they may take up to an hour to appear.")
        return EXIT_OK

    try:
        return asyncio.run(sync())
    except discord.LoginFailure:
        print("Discord rejected DISCORD_TOKEN. Check it in the developer portal (Bot > Reset Token).", file=sys.stderr)
        return EXIT_USAGE
    except (TimeoutError, OSError, discord.HTTPException, discord.GatewayNotFound) as error:
        raise _unreachable(error) from None


# --- progress --------------------------------------------------------------------------------


def cmd_progress(args: argparse.Namespace, settings: Settings) -> int:
    from .progress import ProgressService, report_as_dict, report_as_text

    if args.chart:
        output_path(args.chart, "chart")  # before any work: a wrong folder is told at once

    async def show(storage: Storage, cases: CaseLibrary, learner: Learner) -> int:
        service = ProgressService(storage, cases)
        report = await service.report(learner.id, None)
        schedule = await service.schedule(learner.id)
        if report is None:
            print(f"No practice yet for '{learner.name}'. Start with `counterpoint practice --user {learner.name}`.")
            return EXIT_OK
        if args.chart:
            from .chart import render_progress_chart

            write_output(args.chart, render_progress_chart(report), "chart")
        if args.json:
            print(json.dumps(report_as_dict(report, schedule), indent=2))
        else:
            print(report_as_text(report, schedule, time.time()))
            if args.chart:
                print(f"Chart written to {args.chart}")
        return EXIT_OK

    return with_storage(args, settings, show)


# --- entry point ------------------------------------------------------------------------------

PRACTICE_DESCRIPTION = """Practise in the terminal: a Point is shown and each rebuttal you send is scored
against the article's own counterarguments, and stored for `counterpoint progress`.

A rebuttal may take several lines: an empty line (or the end of input) sends it,
and a pasted block is taken whole. Piped input works the same way: rebuttals
separated by empty lines. A line that is only hint, answer, article, skip, help or quit
(the slash is optional) is a command; Ctrl-C quits at once."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="counterpoint", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)").set_defaults(func=cmd_run)
    sub.add_parser("sync", help="publish the slash commands to Discord").set_defaults(func=cmd_sync)

    practice = sub.add_parser(
        "practice",
        help="practise in the terminal (no Discord needed)",
        description=PRACTICE_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    practice.add_argument("--case", help="case id (default: the first case)")
    practice.add_argument(
        "--point",
        type=int,
        help="Point number (default: one you have never tried, else the one due first in your review schedule)",
    )
    practice.add_argument("--user", help="your name for progress tracking (default: your login)")
    practice.add_argument(
        "--db", help="database file or postgresql:// URL (default: COUNTERPOINT_DB or counterpoint.db)"
    )
    practice.set_defaults(func=cmd_practice)

    progress = sub.add_parser("progress", help="your progress: scores, trend, streaks, what is due")
    progress.add_argument("--user", help="whose progress (default: your login)")
    progress.add_argument("--json", action="store_true", help="print JSON")
    progress.add_argument("--chart", help="also write the progress chart as a PNG here")
    progress.add_argument(
        "--db", help="database file or postgresql:// URL (default: COUNTERPOINT_DB or counterpoint.db)"
    )
    progress.set_defaults(func=cmd_progress)

    score = sub.add_parser(
        "score",
        help="score rebuttals from stdin and print JSON",
        description="Score rebuttals read from stdin and print JSON. A rebuttal over MAX_REBUTTAL_CHARS "
        "(4,000 by default) or empty is refused, as the bot refuses it.",
    )
    which = score.add_mutually_exclusive_group()
    which.add_argument("--case", help="case id (default: the first case)")
    which.add_argument("--case-file", help="a case file, e.g. a draft, instead of a shipped case")
    score.add_argument("--point", type=int, help="Point number (with --jsonl: the default for lines without one)")
    score.add_argument("--jsonl", action="store_true", help='read {"id", "point", "text"} objects, one a line')
    score.set_defaults(func=cmd_score)

    evaluation = sub.add_parser("eval", help="measure the scorer against hand-graded rebuttals")
    evaluation.add_argument(
        "graded",
        nargs="+",
        help="graded rebuttals, JSON lines (see docs/scoring.md; several files are pooled, and case files "
        "beside them are loaded), or `argkp FOLDER` for the ArgKP-2021 benchmark",
    )
    evaluation.add_argument(
        "--split", choices=["train", "dev", "test"], default="dev", help="with `argkp`: which split"
    )
    evaluation.add_argument("--predictions", help="with `argkp`: also write predictions here (the shared task's JSON)")
    evaluation.add_argument("--verbose", "-v", action="store_true", help="a line per item")
    evaluation.set_defaults(func=cmd_eval)

    cli_cases.add_commands(sub)
    cli_article.add_command(sub)
    cli_db.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; whatever the input, the user gets a message, never a traceback.

    Exit codes: 0 fine, 1 an error the message explains, 2 a usage or configuration error,
    130 interrupted (Ctrl-C). ``COUNTERPOINT_DEBUG=1`` shows the traceback of an unexpected error.
    """
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return args.func(args, settings)
    except ConfigError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except CliError as error:
        error_line(str(error))
        return error.exit_code
    except (CaseError, StorageError, ModelUnavailable, *USER_ERRORS) as error:
        error_line(str(error))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `counterpoint cases show x | head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:
        if os.environ.get("COUNTERPOINT_DEBUG"):
            raise
        error_line(_unexpected(error))
        return EXIT_FAILURE


def _unexpected(error: Exception) -> str:
    """One line for an error no command foresaw, still naming what went wrong."""
    if isinstance(error, OSError):
        return describe_os_error(error)
    if isinstance(error, sqlite3.DatabaseError):
        return f"the database cannot be used ({error})"
    if isinstance(error, RecursionError):
        return "the input is nested too deeply to read"
    if isinstance(error, MemoryError):
        return "the input is too large to hold in memory"
    return (
        f"unexpected {type(error).__name__}: {error}. This is a bug in Counterpoint; "
        "run again with COUNTERPOINT_DEBUG=1 for the details and report them."
    )


if __name__ == "__main__":
    sys.exit(main())
