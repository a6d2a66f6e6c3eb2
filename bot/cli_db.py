"""`counterpoint db ...`: back up and check the database."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from .config import Settings
from .storage import backup_database, check_database

EXIT_OK, EXIT_FAILURE = 0, 1


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    source = Path(args.db or settings.db_path)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    destination = Path(args.to or f"{source.stem}-{stamp}.db")
    if destination.exists():
        print(f"Error: {destination} exists; choose another name.", file=sys.stderr)
        return EXIT_FAILURE
    backup_database(source, destination)
    problems = check_database(destination)
    if problems and not all("will be migrated" in p for p in problems):
        print(f"Error: the backup {destination} does not check out: {'; '.join(problems)}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"Backed up {source} to {destination}.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.db or settings.db_path)
    problems = check_database(path)
    if not problems:
        print(f"{path}: OK")
        return EXIT_OK
    for problem in problems:
        print(f"{path}: {problem}")
    return EXIT_OK if all("will be migrated" in p for p in problems) else EXIT_FAILURE


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
