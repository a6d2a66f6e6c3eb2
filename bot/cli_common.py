"""What every ``counterpoint`` command shares: exit codes, user errors, reading input and
checking where output goes (so that bad input gets one clear line, never a traceback), the
database and the terminal's learner, and the terminal's width.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import shutil
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import BinaryIO

from .cases import CaseLibrary
from .config import Settings, database_location
from .models import Learner
from .storage import Storage

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

#: What ``counterpoint score`` and practice read of one rebuttal before refusing it, per allowed
#: character: UTF-8 takes up to 4 bytes a character, JSON escapes up to 12; the rest is slack.
BYTES_PER_CHAR, JSON_BYTES_PER_CHAR, SLACK_BYTES = 4, 12, 4096

#: The most a command reads from one input file (graded sets, sample rebuttals): far above any real one.
MAX_INPUT_BYTES = 16 * 1024 * 1024


class CliError(Exception):
    """Something the user can fix; ``str()`` is the whole message. Exits 1."""

    exit_code = EXIT_FAILURE


class UsageError(CliError):
    """The command line itself is wrong (a missing option, a bad combination). Exits 2."""

    exit_code = EXIT_USAGE


def describe_os_error(error: OSError) -> str:
    """``FILE: No such file or directory`` and the like, from an OSError."""
    reason = error.strerror or str(error) or type(error).__name__
    return f"{error.filename}: {reason}" if error.filename else reason


def read_input(path: str | Path, what: str = "file", *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """A UTF-8 text file's content, or :class:`CliError` saying in one line what is wrong with it."""
    path = Path(path)
    if not path.exists():
        raise CliError(f"{path}: no such {what}")
    if path.is_dir():
        raise CliError(f"{path} is a folder, not a {what}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CliError(f"{path} is {size / 2**20:.1f} MB; the limit for a {what} is {max_bytes // 2**20} MB")
        raw = path.read_bytes()
    except OSError as error:
        raise CliError(f"cannot read {path}: {error.strerror or error}") from None
    if b"\x00" in raw:
        raise CliError(f"{path} is a binary file, not a {what} (expected UTF-8 text)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CliError(f"{path} is not UTF-8 text (byte {error.start + 1} cannot be read); save it as UTF-8") from None


def output_path(path: str | Path, what: str = "file") -> Path:
    """``path`` if a file can be written there: its folder exists and it is not itself a folder."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise CliError(f"cannot write the {what} {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise CliError(f"cannot write the {what} {path}: it is a folder")
    if not os.access(folder, os.W_OK):
        raise CliError(f"cannot write the {what} {path}: the folder {folder} is not writable")
    return path


def write_output(path: str | Path, data: bytes | str, what: str = "file") -> None:
    """Write ``data`` to ``path`` (checked with :func:`output_path`), reporting failures as :class:`CliError`."""
    target = output_path(path, what)
    try:
        if isinstance(data, str):
            target.write_text(data, "utf-8")
        else:
            target.write_bytes(data)
    except OSError as error:
        raise CliError(f"cannot write the {what} {target}: {error.strerror or error}") from None


def error_line(message: str) -> None:
    """Print ``Error: message`` on stderr."""
    print(f"Error: {str(message).strip()}", file=sys.stderr)


def terminal_width() -> int:
    """The terminal's width in columns (80 when it cannot be told, e.g. output to a file), at most 100."""
    return max(40, min(100, shutil.get_terminal_size((80, 24)).columns))


def database_path(args: argparse.Namespace | None, settings: Settings) -> Path | str:
    """The database to use, refused with a clear message when it cannot be one (a folder, a missing folder)."""
    location = database_location(getattr(args, "db", None) or settings.db_path)
    if isinstance(location, str):  # a PostgreSQL URL
        return location
    path = location
    if path.is_dir():
        raise CliError(f"the database {path} is a folder; give a file, e.g. {path / 'counterpoint.db'}")
    if not path.parent.is_dir():
        raise CliError(f"cannot open the database {path}: the folder {path.parent} does not exist")
    return path


def with_storage(
    args: argparse.Namespace,
    settings: Settings,
    action: Callable[[Storage, CaseLibrary, Learner], Awaitable[int]],
) -> int:
    """Run ``action`` for the terminal's learner on the database, closing it however it ends."""
    cases = CaseLibrary.from_directory(settings.cases_dir)
    learner = Learner.terminal(args.user or default_user())
    path = database_path(args, settings)

    async def main() -> int:
        storage = await Storage.open(path)
        try:
            return await action(storage, cases, learner)
        finally:
            await storage.close()

    return asyncio.run(main())


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user database entry (some containers)
        return "me"


class LineReader:
    """Lines of bytes from ``stream``, each at most ``cap`` bytes (a longer line is drained and flagged)."""

    def __init__(self, stream: BinaryIO, cap: int):
        self.stream, self.cap = stream, cap

    def read(self) -> tuple[bytes, bool] | None:
        """``(line, cut)``: the line without its newline and whether it was longer than ``cap``; None at end."""
        line = self.stream.readline(self.cap)
        if not line:
            return None
        cut = not line.endswith(b"\n") and len(line) >= self.cap
        while cut:  # drop the rest of the oversized line, keeping memory bounded
            rest = self.stream.readline(self.cap)
            if not rest or rest.endswith(b"\n"):
                break
        return line.rstrip(b"\r\n"), cut
