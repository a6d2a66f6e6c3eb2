"""`counterpoint practice`: a Point in the terminal, each rebuttal scored and stored, until /quit.

The same PracticeService and database as the Discord cogs; a rebuttal is a paragraph (an empty
line sends it), and a pasted block is taken whole.
"""

from __future__ import annotations

import argparse
import select
import signal
import sys
import textwrap
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from . import cli_article
from .article import reading_of
from .cases import CaseLibrary
from .cli_common import BYTES_PER_CHAR, EXIT_OK, SLACK_BYTES, LineReader, terminal_width, with_storage
from .config import Settings
from .feedback import explain, plural, render_text
from .models import Learner, Place
from .practice import USER_ERRORS, PointPrompt, PracticeService, rebuttal_too_long
from .scorers import make_scorer
from .storage import Storage

TERMINAL_HELP = """Write your rebuttal: one line or several, typed or pasted. An empty line sends it
(so does end of input); a pasted block is taken whole, empty lines inside it included.
A line that is only a command sends what you wrote so far, then runs it (the slash is optional):
  /hint    a hint towards a counterargument you have not made yet
  /answer  the article's own counterarguments
  /article the article (or, where its text is not shipped, its link and each Point's summary)
  /skip    another Point (the one due first)
  /help    this help
  /quit    stop, with a summary of the session (/exit, Ctrl-C and end of input do too)"""
#: A line that is only one of these words is a command, slash or not: no rebuttal is one word.
TERMINAL_COMMANDS = frozenset({"quit", "exit", "help", "hint", "answer", "article", "skip"})
#: How long input must already be waiting after an empty line for it to count as part of a paste.
PASTE_GAP_S = 0.05


def _say(out: TextIO, text: str, width: int) -> None:
    """Write ``text`` wrapped to ``width``, each line of it on its own, continuation lines indented."""
    for line in text.splitlines() or [""]:
        out.write(textwrap.fill(line, width=width, subsequent_indent="  ", break_on_hyphens=False) + "\n")


def _print_point(prompt: PointPrompt, out: TextIO, width: int) -> None:
    wrap = textwrap.TextWrapper(width=width - 2, initial_indent="  ", subsequent_indent="  ")
    total = plural(len(prompt.point.counterarguments), "counterargument")
    out.write(f"\n{prompt.case.title}: Point {prompt.point.number}\n")
    out.write(wrap.fill(prompt.point.claim) + "\n")
    if prompt.point.context:
        context = textwrap.TextWrapper(width=width - 2, initial_indent="  ", subsequent_indent="    ")
        out.write(context.fill(f"Context: {prompt.point.context}") + "\n")
    _say(out, f"({total} to find; /hint, /answer, /article, /skip, /quit)", width)
    out.flush()


def _print_answer(prompt: PointPrompt, out: TextIO, width: int) -> None:
    for number, arg in enumerate(prompt.point.counterarguments, start=1):
        marker = f"  {number}. "
        wrap = textwrap.TextWrapper(width=width - 2, initial_indent=marker, subsequent_indent=" " * len(marker))
        out.write(wrap.fill(arg.summary) + "\n")


@dataclass
class SessionTally:
    """What one terminal session did, for the goodbye line."""

    attempts: int = 0
    points: set[tuple[str, int]] = field(default_factory=set)
    best: int | None = None

    def add(self, case_id: str, point: int, score: int) -> None:
        self.attempts += 1
        self.points.add((case_id, point))
        self.best = score if self.best is None else max(self.best, score)

    def goodbye(self) -> str:
        if not self.attempts:
            return "Goodbye: no rebuttals this time."
        return (
            f"Goodbye: {plural(self.attempts, 'rebuttal')} on {plural(len(self.points), 'Point')}, "
            f"best score {self.best}%."
        )


@dataclass
class _Draft:
    """The rebuttal being written: its lines, and whether it can still be sent as it is."""

    lines: list[str] = field(default_factory=list)
    chars: int = 0
    undecodable: bool = False
    overflow: bool = False

    def __bool__(self) -> bool:
        return bool(self.lines) or self.undecodable or self.overflow


def _input_waiting(stream: BinaryIO) -> bool:
    """Whether more input is already there (the rest of a paste), waiting at most :data:`PASTE_GAP_S`."""
    try:
        ready, _, _ = select.select([stream], [], [], PASTE_GAP_S)
    except (OSError, ValueError, TypeError):  # no select on this stream (e.g. Windows consoles)
        return False
    return bool(ready)


async def practice_loop(
    service: PracticeService,
    learner: Learner,
    case_id: str | None,
    point: int | None,
    stream: BinaryIO,
    out: TextIO,
    interactive: bool,
    width: int = 80,
) -> int:
    """Present a Point and score each rebuttal to it, until /quit, Ctrl-C or end of input.

    A rebuttal is a paragraph: the lines up to an empty line (or to the end, or to a
    command). In a terminal, an empty line with more input already waiting behind it is
    part of a paste, so a pasted block is one rebuttal, empty lines and all.
    """
    place = Place()
    prompt = await service.start(learner, place, case_id, point)
    _print_point(prompt, out, width)
    tally = SessionTally()
    reader = LineReader(stream, service.max_rebuttal_chars * BYTES_PER_CHAR + SLACK_BYTES)
    draft = _Draft()

    async def send() -> None:
        nonlocal draft
        written, draft = draft, _Draft()
        if not written:
            return
        if written.undecodable:
            _say(out, "That rebuttal is not UTF-8 text, so it was not scored. Check your terminal's encoding.", width)
            return
        try:
            if written.overflow or written.chars > service.max_rebuttal_chars * 2:
                raise rebuttal_too_long(None, service.max_rebuttal_chars)
            result = await service.submit(learner, place, "\n".join(written.lines))
        except USER_ERRORS as error:
            _say(out, str(error), width)
            return
        tally.add(result.attempt.case_id, result.point.number, result.coverage.score)
        out.write(render_text(explain(result.point, result.coverage), width) + "\n")

    if interactive:
        _say(out, "Write your rebuttal and send it with an empty line (/help for commands).", width)
    try:
        while True:
            if interactive:
                out.write("... " if draft else "> ")
                out.flush()
            read = reader.read()
            if read is None:
                await send()
                break
            raw, cut = read
            if cut:
                draft.overflow = True
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                draft.undecodable = True
                continue
            if not line.strip():
                if draft and interactive and _input_waiting(stream):
                    draft.lines.append("")  # an empty line inside a paste
                    continue
                await send()
                continue
            command = line.strip().lower().removeprefix("/")
            if command not in TERMINAL_COMMANDS:
                draft.lines.append(line)
                draft.chars += len(line) + 1
                continue
            await send()
            if command in ("quit", "exit"):
                break
            try:
                if command == "help":
                    out.write(TERMINAL_HELP + "\n")
                elif command == "hint":
                    _say(out, f"Hint: {await service.hint(learner, place)}", width)
                elif command == "answer":
                    _print_answer(await service.answer(learner, place), out, width)
                elif command == "article":
                    case = (await service.current(learner, place)).case
                    cli_article.show_text(cli_article.render_reading(reading_of(case), width), out)
                elif command == "skip":
                    _print_point(await service.skip(learner, place), out, width)
            except USER_ERRORS as error:
                _say(out, str(error), width)
            out.flush()
    except KeyboardInterrupt:  # Ctrl-C: leave at once, what was stored stays stored
        out.write("\n")
    _say(out, tally.goodbye(), width)
    out.flush()
    return EXIT_OK


def cmd_practice(args: argparse.Namespace, settings: Settings) -> int:
    async def practise(storage: Storage, cases: CaseLibrary, learner: Learner) -> int:
        # asyncio's own Ctrl-C handler only cancels the task, which a blocking read does
        # not notice: with Python's, Ctrl-C interrupts the read at once.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        service = PracticeService(
            cases,
            storage,
            make_scorer(settings.scorer, settings.scorer_threads),
            max_rebuttal_chars=settings.max_rebuttal_chars,
        )
        return await practice_loop(
            service,
            learner,
            args.case,
            args.point,
            sys.stdin.buffer,
            sys.stdout,
            sys.stdin.isatty(),
            terminal_width(),
        )

    return with_storage(args, settings, practise)
