"""What every ``counterpoint`` command shares: exit codes, user errors, reading input and
checking where output goes, so that bad input gets one clear line, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

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
