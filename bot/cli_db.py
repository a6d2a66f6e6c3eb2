"""`counterpoint db ...`: back up and check the database."""

from __future__ import annotations

import argparse
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from .cli_common import EXIT_FAILURE, EXIT_OK, CliError, error_line, output_path
from .config import Settings
from .feedback import plural
from .storage import backup_database, check_database


def _only_migrations(problems: list[str]) -> bool:
    return all("will be migrated" in p for p in problems)


def _existing_database(path: Path) -> Path:
    """``path`` if it is a file that could be a database; :class:`CliError` saying why not otherwise."""
    if not path.exists():
        raise CliError(f"there is no database at {path}")
    if path.is_dir():
        raise CliError(f"{path} is a folder, not a database file")
    if path.stat().st_size == 0:
        raise CliError(f"{path} is an empty file, not a Counterpoint database")
    return path


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    source = _existing_database(Path(args.db or settings.db_path))
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    destination = output_path(args.to or f"{source.stem}-{stamp}.db", "backup")
    if destination.exists():
        raise CliError(f"{destination} exists; choose another name.")
    # Checked first: a backup of a broken or foreign file would only look like one.
    problems = check_database(source)
    if problems and not _only_migrations(problems):
        raise CliError(f"{source} cannot be backed up: {'; '.join(problems)}")
    try:
        backup_database(source, destination)
    except sqlite3.Error as error:
        destination.unlink(missing_ok=True)  # no half-made copy left behind to be mistaken for a backup
        raise CliError(f"the backup of {source} to {destination} failed ({error}); no copy was left") from None
    problems = check_database(destination)
    if problems and not _only_migrations(problems):
        raise CliError(f"the backup {destination} does not check out: {'; '.join(problems)}")
    print(f"Backed up {source} to {destination}.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    path = _existing_database(Path(args.db or settings.db_path))
    problems = check_database(path)
    if not problems:
        print(f"{path}: OK")
        return EXIT_OK
    for problem in problems:
        print(f"{path}: {problem}")
    if _only_migrations(problems):
        return EXIT_OK
    error_line(f"{path} does not check out ({plural(len(problems), 'problem')}, above)")
    return EXIT_FAILURE


def add_commands(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="back up or check the database")
    actions = db.add_subparsers(dest="action", required=True)
    backup = actions.add_parser("backup", help="a consistent copy of the database, safe while the bot runs")
    backup.add_argument("to", nargs="?", help="the copy's file (default: NAME-YYYYmmdd-HHMMSS.db here)")
    backup.add_argument("--db", type=Path, help="the database (default: COUNTERPOINT_DB or counterpoint.db)")
    backup.set_defaults(func=cmd_backup)
    check = actions.add_parser("check", help="integrity and schema version")
    check.add_argument("--db", type=Path, help="the database (default: COUNTERPOINT_DB or counterpoint.db)")
    check.set_defaults(func=cmd_check)
