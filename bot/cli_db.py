"""`counterpoint db ...`: back up and check the database (a SQLite file or PostgreSQL), and copy
a SQLite database over to PostgreSQL."""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from .cli_common import EXIT_FAILURE, EXIT_OK, CliError, error_line, output_path
from .config import Settings, database_location
from .feedback import plural
from .storage import StorageError, backup_database, check_database, is_postgres_url

_DB_HELP = "the database: a file or a postgresql:// URL (default: COUNTERPOINT_DB or counterpoint.db)"


def _only_migrations(problems: list[str]) -> bool:
    return all("will be migrated" in p or "will be created" in p for p in problems)


def _existing_database(path: Path) -> Path:
    """``path`` if it is a file that could be a database; :class:`CliError` saying why not otherwise."""
    if not path.exists():
        raise CliError(f"there is no database at {path}")
    if path.is_dir():
        raise CliError(f"{path} is a folder, not a database file")
    if path.stat().st_size == 0:
        raise CliError(f"{path} is an empty file, not a Counterpoint database")
    return path


def _location(args: argparse.Namespace, settings: Settings) -> Path | str:
    return database_location(args.db or settings.db_path)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    location = _location(args, settings)
    if isinstance(location, str):
        return _backup_postgres(location, args.to)
    source = _existing_database(location)
    destination = output_path(args.to or f"{source.stem}-{_stamp()}.db", "backup")
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


def _backup_postgres(url: str, to: str | None) -> int:
    from .storage.postgres import backup_postgres, check_postgres, safe_name

    problems = asyncio.run(check_postgres(url))
    if problems and not _only_migrations(problems):
        raise CliError(f"{safe_name(url)} cannot be backed up: {'; '.join(problems)}")
    destination = output_path(to or f"counterpoint-{_stamp()}.dump", "backup")
    if destination.exists():
        raise CliError(f"{destination} exists; choose another name.")
    try:
        backup_postgres(url, destination)
    except StorageError as error:
        raise CliError(f"the backup of {safe_name(url)} failed: {error}; no copy was left") from None
    print(f"Backed up {safe_name(url)} to {destination} (pg_dump custom format; restore with pg_restore).")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    location = _location(args, settings)
    if isinstance(location, str):
        from .storage.postgres import check_postgres, safe_name

        name, problems = safe_name(location), asyncio.run(check_postgres(location))
    else:
        path = _existing_database(location)
        name, problems = str(path), check_database(path)
    if not problems:
        print(f"{name}: OK")
        return EXIT_OK
    for problem in problems:
        print(f"{name}: {problem}")
    if _only_migrations(problems):
        return EXIT_OK
    error_line(f"{name} does not check out ({plural(len(problems), 'problem')}, above)")
    return EXIT_FAILURE


def cmd_migrate_to(args: argparse.Namespace, settings: Settings) -> int:
    """Copy the SQLite database over to an empty PostgreSQL database."""
    if not is_postgres_url(args.url):
        raise CliError(f"migrate-to needs a postgresql:// URL, not {args.url!r}")
    location = _location(args, settings)
    if isinstance(location, str):
        raise CliError("migrate-to copies a SQLite database file; --db (or COUNTERPOINT_DB) names a server")
    source = _existing_database(location)
    problems = check_database(source)
    if problems and not _only_migrations(problems):
        raise CliError(f"{source} cannot be copied: {'; '.join(problems)}")
    from .storage.migrate import copy_sqlite_to_postgres
    from .storage.postgres import safe_name

    copied = asyncio.run(copy_sqlite_to_postgres(source, args.url))
    print(f"Copied {source} to {safe_name(args.url)}:")
    for table, rows in copied.items():
        print(f"  {table}: {plural(rows, 'row')}")
    print(f"Set COUNTERPOINT_DB={safe_name(args.url)} (with its password) to use it; {source} is unchanged.")
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="back up, check or move the database")
    actions = db.add_subparsers(dest="action", required=True)
    backup = actions.add_parser("backup", help="a consistent copy of the database, safe while the bot runs")
    backup.add_argument(
        "to", nargs="?", help="the copy's file (default: NAME-YYYYmmdd-HHMMSS.db here; .dump for PostgreSQL)"
    )
    backup.add_argument("--db", help=_DB_HELP)
    backup.set_defaults(func=cmd_backup)
    check = actions.add_parser("check", help="integrity and schema version")
    check.add_argument("--db", help=_DB_HELP)
    check.set_defaults(func=cmd_check)
    migrate = actions.add_parser("migrate-to", help="copy a SQLite database into an empty PostgreSQL database")
    migrate.add_argument("url", help="the PostgreSQL database, postgresql://USER:PASSWORD@HOST:PORT/NAME")
    migrate.add_argument("--db", help="the SQLite file to copy (default: COUNTERPOINT_DB or counterpoint.db)")
    migrate.set_defaults(func=cmd_migrate_to)
