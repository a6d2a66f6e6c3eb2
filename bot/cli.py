"""The ``counterpoint`` command: run the bot, practise in a terminal, score, manage cases.

The terminal front door calls the same services as the cogs, on the same
database, which is what proves the engine has no Discord in it.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import signal
import sys
import textwrap
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TextIO

from . import cli_cases, cli_db
from .cases import Case, CaseError, CaseLibrary, load_case_file
from .config import ConfigError, Settings
from .feedback import explain, render_text
from .models import Learner, Place
from .practice import USER_ERRORS, PointPrompt, PracticeService
from .scoring import Scorer
from .storage import Storage, StorageError

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

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
    import discord  # imported only for the commands that need it

    from .client import create_bot

    configure_logging(settings)
    bot = create_bot(settings)  # a malformed case file stops us here, before connecting
    asyncio.run(_check_database(settings))  # so does an unusable database: no silent fresh start

    async def serve() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, stop.set)
        async with bot:
            running = asyncio.create_task(bot.start(settings.token))
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
    return EXIT_OK


async def _check_database(settings: Settings) -> None:
    if not Path(settings.db_path).exists():
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
    from .client import create_bot

    configure_logging(settings)

    async def sync() -> int:
        bot = create_bot(settings)
        async with bot:
            await bot.login(settings.token)  # runs setup_hook: the cogs' commands join the tree
            synced = await bot.tree.sync()
        print(f"Synced {len(synced)} slash command(s) globally; they may take up to an hour to appear.")
        return EXIT_OK

    return asyncio.run(sync())


# --- terminal practice -----------------------------------------------------------------

TERMINAL_HELP = """Type your rebuttal on one line and press Enter. Commands (the slash is optional):
  /hint    a hint towards a counterargument you have not made
  /answer  the article's own counterarguments
  /skip    another Point
  /quit    stop (/exit and end of input do too)"""
#: A line that is only one of these words is a command, slash or not: no rebuttal is one word.
TERMINAL_COMMANDS = frozenset({"quit", "exit", "help", "hint", "answer", "skip"})


def _print_point(prompt: PointPrompt, out: TextIO) -> None:
    wrap = textwrap.TextWrapper(width=78, initial_indent="  ", subsequent_indent="  ")
    out.write(f"\n{prompt.case.title}: Point {prompt.point.number}\n")
    out.write(wrap.fill(prompt.point.claim) + "\n")
    out.write(f"({len(prompt.point.counterarguments)} counterarguments to find; /hint, /answer, /skip, /quit)\n")
    out.flush()


def _print_answer(prompt: PointPrompt, out: TextIO) -> None:
    for number, arg in enumerate(prompt.point.counterarguments, start=1):
        out.write(f"  {number}. {arg.summary}\n")


async def practice_loop(
    service: PracticeService, learner: Learner, case_id: str | None, point: int | None,
    lines: TextIO, out: TextIO, interactive: bool,
) -> int:
    """Present a Point, score each line as a rebuttal to it, until /quit or end of input."""
    place = Place()
    prompt = await service.start(learner, place, case_id, point)
    _print_point(prompt, out)
    if interactive:
        out.write("Type your rebuttal on one line and press Enter (/help for commands).\n")
    while True:
        if interactive:
            out.write("> ")
            out.flush()
        line = lines.readline()
        if not line:
            break
        line = line.strip()
        if not line:
            continue
        command = line.lower().removeprefix("/")
        if command not in TERMINAL_COMMANDS:
            command = ""
        try:
            if command in ("quit", "exit"):
                break
            elif command == "help":
                out.write(TERMINAL_HELP + "\n")
            elif command == "hint":
                out.write(f"Hint: {await service.hint(learner, place)}\n")
            elif command == "answer":
                _print_answer(await service.answer(learner, place), out)
            elif command == "skip":
                prompt = await service.skip(learner, place)
                _print_point(prompt, out)
            else:
                result = await service.submit(learner, place, line)
                out.write(render_text(explain(result.point, result.coverage)) + "\n")
        except USER_ERRORS as error:
            out.write(f"{error}\n")
        out.flush()
    return EXIT_OK


def with_storage(
    args: argparse.Namespace, settings: Settings,
    action: Callable[[Storage, CaseLibrary, Learner], Awaitable[int]],
) -> int:
    """Run ``action`` for the terminal's learner on the database, closing it however it ends."""
    cases = CaseLibrary.from_directory(settings.cases_dir)
    learner = Learner.terminal(args.user or _default_user())

    async def main() -> int:
        storage = await Storage.open(args.db or settings.db_path)
        try:
            return await action(storage, cases, learner)
        finally:
            await storage.close()

    return asyncio.run(main())


def cmd_practice(args: argparse.Namespace, settings: Settings) -> int:
    async def practise(storage: Storage, cases: CaseLibrary, learner: Learner) -> int:
        service = PracticeService(cases, storage, max_rebuttal_chars=settings.max_rebuttal_chars)
        return await practice_loop(service, learner, args.case, args.point, sys.stdin, sys.stdout, sys.stdin.isatty())

    return with_storage(args, settings, practise)


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user database entry (some containers)
        return "me"


# --- progress --------------------------------------------------------------------------------


def cmd_progress(args: argparse.Namespace, settings: Settings) -> int:
    from .progress import ProgressService, report_as_dict, report_as_text

    async def show(storage: Storage, cases: CaseLibrary, learner: Learner) -> int:
        service = ProgressService(storage, cases)
        report = await service.report(learner.id, None)
        schedule = await service.schedule(learner.id)
        if report is None:
            print(f"No practice yet for '{learner.name}'. Start with `counterpoint practice --user {learner.name}`.")
            return EXIT_OK
        if args.chart:
            from .chart import render_progress_chart

            Path(args.chart).write_bytes(render_progress_chart(report))
        if args.json:
            print(json.dumps(report_as_dict(report, schedule), indent=2))
        else:
            print(report_as_text(report, schedule, time.time()))
            if args.chart:
                print(f"Chart written to {args.chart}")
        return EXIT_OK

    return with_storage(args, settings, show)


# --- scoring without storage --------------------------------------------------------------


def cmd_score(args: argparse.Namespace, settings: Settings) -> int:
    case = _case_for(args, settings)
    scorer = Scorer()
    index = scorer.index(case)
    if not args.jsonl:
        if args.point is None:
            raise CaseError(case.id, "--point is required unless --jsonl gives a point per line")
        case.point(args.point)
        print(json.dumps(index.score(args.point, sys.stdin.read()).to_dict()))
        return EXIT_OK
    status = EXIT_OK
    out = sys.stdout
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            point = int(item.get("point", args.point))
            result = {"id": item.get("id"), **index.score(point, str(item["text"])).to_dict()}
        except (ValueError, KeyError, TypeError, LookupError) as error:
            result = {"id": item.get("id") if isinstance(item, dict) else None, "error": f"line {number}: {error}"}
            status = EXIT_FAILURE
        out.write(json.dumps(result) + "\n")
    return status


def _case_for(args: argparse.Namespace, settings: Settings) -> Case:
    if args.case_file:
        return load_case_file(Path(args.case_file))
    library = CaseLibrary.from_directory(settings.cases_dir)
    return library.get(args.case) if args.case else library.default


# --- evaluation -----------------------------------------------------------------------------


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    if args.graded == "argkp":
        return _eval_argkp(args)
    from .evaluation import evaluate, read_graded, render_report

    try:
        items = read_graded(Path(args.graded))
    except OSError as error:
        print(f"Error: cannot read {args.graded}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILURE
    except ValueError as error:
        print(f"Error: {error}", file=sys.stderr)
        return EXIT_FAILURE
    report = evaluate(items, CaseLibrary.from_directory(settings.cases_dir))
    for line in render_report(report, verbose=args.verbose):
        print(line)
    return EXIT_OK


def _eval_argkp(args: argparse.Namespace) -> int:
    from .argkp import load_split, mean_average_precision, predict, render_result, write_predictions

    if not args.directory:
        print("eval argkp needs the ArgKP-2021 folder, e.g. `counterpoint eval argkp ../shared/argkp`", file=sys.stderr)
        return EXIT_USAGE
    try:
        data = load_split(Path(args.directory), args.split)
    except (OSError, ValueError, KeyError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return EXIT_FAILURE
    predictions = predict(data)
    if args.predictions:
        write_predictions(predictions, Path(args.predictions))
    for line in render_result(args.split, mean_average_precision(data, predictions)):
        print(line)
    return EXIT_OK


# --- entry point ------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="counterpoint", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)").set_defaults(func=cmd_run)
    sub.add_parser("sync", help="publish the slash commands to Discord").set_defaults(func=cmd_sync)

    practice = sub.add_parser("practice", help="practise in the terminal (no Discord needed)")
    practice.add_argument("--case", help="case id (default: the first case)")
    practice.add_argument("--point", type=int, help="Point number (default: random)")
    practice.add_argument("--user", help="your name for progress tracking (default: your login)")
    practice.add_argument("--db", type=Path, help="database file (default: COUNTERPOINT_DB or counterpoint.db)")
    practice.set_defaults(func=cmd_practice)

    progress = sub.add_parser("progress", help="your progress: scores, trend, streaks, what is due")
    progress.add_argument("--user", help="whose progress (default: your login)")
    progress.add_argument("--json", action="store_true", help="print JSON")
    progress.add_argument("--chart", help="also write the progress chart as a PNG here")
    progress.add_argument("--db", type=Path, help="database file (default: COUNTERPOINT_DB or counterpoint.db)")
    progress.set_defaults(func=cmd_progress)

    score = sub.add_parser("score", help="score rebuttals from stdin and print JSON")
    which = score.add_mutually_exclusive_group()
    which.add_argument("--case", help="case id (default: the first case)")
    which.add_argument("--case-file", help="a case file, e.g. a draft, instead of a shipped case")
    score.add_argument("--point", type=int, help="Point number (with --jsonl: the default for lines without one)")
    score.add_argument("--jsonl", action="store_true", help='read {"id", "point", "text"} objects, one a line')
    score.set_defaults(func=cmd_score)

    evaluation = sub.add_parser("eval", help="measure the scorer against hand-graded rebuttals")
    evaluation.add_argument(
        "graded", help="graded rebuttals, JSON lines (see shared/eval/README.md), or `argkp` for the ArgKP-2021 benchmark"
    )
    evaluation.add_argument("directory", nargs="?", help="with `argkp`: the ArgKP-2021 folder")
    evaluation.add_argument("--split", choices=["train", "dev", "test"], default="dev", help="with `argkp`: which split")
    evaluation.add_argument("--predictions", help="with `argkp`: also write predictions here (the shared task's JSON)")
    evaluation.add_argument("--verbose", "-v", action="store_true", help="a line per item")
    evaluation.set_defaults(func=cmd_eval)

    cli_cases.add_commands(sub)
    cli_db.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return args.func(args, settings)
    except ConfigError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (CaseError, StorageError, *USER_ERRORS) as error:
        print(f"Error: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
