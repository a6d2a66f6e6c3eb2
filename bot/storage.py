"""All SQL lives here: one aiosqlite connection, WAL mode, forward migrations.

The schema version is SQLite's ``PRAGMA user_version``; :data:`MIGRATIONS`
lists the scripts that take the database from one version to the next, and
:meth:`Storage.open` applies those not yet applied, in one transaction. Our
files carry :data:`APPLICATION_ID`; a file without it is opened only if it is
empty or one of ours from before the mark, and anything else is left untouched.
Times are Unix seconds (UTC) as REAL, so ordering and range queries are plain
comparisons and Discord timestamps are one ``int()`` away.

The module is longer than most on purpose: every SQL statement of the project
is here, so moving to a server database (PostgreSQL) later is one new module
with the same methods, not a hunt through the code.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from .models import (
    Adjustment,
    Attempt,
    CardUpdate,
    DuePoint,
    GuildSettings,
    LeaderboardRow,
    NewAttempt,
    Participant,
    Place,
    PracticeSession,
    Submission,
    Tournament,
    TournamentRound,
)
from .scoring import Coverage, Match

log = logging.getLogger("counterpoint.storage")
CACHE_ENTRIES = 100_000

MIGRATIONS: tuple[str, ...] = (
    # 1: attempts and current practice sessions
    """
    CREATE TABLE attempts (
        id            INTEGER PRIMARY KEY,
        learner_id    TEXT    NOT NULL,
        learner_name  TEXT    NOT NULL,
        guild_id      INTEGER,            -- NULL: a DM or the terminal
        channel_id    INTEGER,
        case_id       TEXT    NOT NULL,
        case_version  TEXT    NOT NULL,
        point         INTEGER NOT NULL,
        text          TEXT    NOT NULL,
        score         INTEGER NOT NULL,
        covered       TEXT    NOT NULL,   -- JSON list of counterargument ids
        flags         TEXT    NOT NULL,   -- JSON list of flags
        created_at    REAL    NOT NULL
    );
    CREATE INDEX attempts_by_learner ON attempts (learner_id, created_at);
    CREATE INDEX attempts_by_guild ON attempts (guild_id, created_at);

    CREATE TABLE sessions (
        learner_id  TEXT    NOT NULL,
        scope       TEXT    NOT NULL,     -- 'private' or 'guild:<id>'
        guild_id    INTEGER,
        channel_id  INTEGER,
        case_id     TEXT    NOT NULL,
        point       INTEGER NOT NULL,
        hints_used  INTEGER NOT NULL DEFAULT 0,
        started_at  REAL    NOT NULL,
        PRIMARY KEY (learner_id, scope)
    );
    """,
    # 2: progress: kept feedback, spaced-repetition cards, privacy, leaderboard seasons
    """
    ALTER TABLE attempts ADD COLUMN details TEXT;  -- JSON list of matches: id, excerpt, similarity

    -- Covers the leaderboard query: no table lookups, no full scan.
    DROP INDEX attempts_by_guild;
    CREATE INDEX attempts_by_guild ON attempts (guild_id, created_at, learner_id, case_id, point, score);

    CREATE TABLE schedule (
        learner_id  TEXT    NOT NULL,
        case_id     TEXT    NOT NULL,
        point       INTEGER NOT NULL,
        card        TEXT    NOT NULL,     -- the fsrs card, as JSON
        due         REAL    NOT NULL,
        PRIMARY KEY (learner_id, case_id, point)
    );

    CREATE TABLE learner_settings (
        learner_id     TEXT    PRIMARY KEY,
        share_private  INTEGER NOT NULL DEFAULT 0   -- 1: DM practice counts on server leaderboards
    );

    CREATE TABLE seasons (
        guild_id    INTEGER NOT NULL,
        number      INTEGER NOT NULL,
        started_at  REAL    NOT NULL,
        ended_at    REAL,                 -- NULL: the current season
        ended_by    INTEGER,
        PRIMARY KEY (guild_id, number)
    );
    """,
    # 3: server settings and tournaments
    """
    CREATE TABLE guild_settings (
        guild_id            INTEGER PRIMARY KEY,
        moderator_role_id   INTEGER,
        default_case        TEXT,
        tournament_rounds   INTEGER,
        tournament_minutes  REAL
    );

    CREATE TABLE tournaments (
        id            INTEGER PRIMARY KEY,
        guild_id      INTEGER NOT NULL,
        channel_id    INTEGER NOT NULL,
        name          TEXT    NOT NULL,
        case_id       TEXT    NOT NULL,
        rounds        INTEGER NOT NULL,
        minutes       REAL    NOT NULL,
        state         TEXT    NOT NULL,   -- registration, running, finished, cancelled
        current_round INTEGER NOT NULL DEFAULT 0,
        point_order   TEXT    NOT NULL,   -- JSON list: the Point of each round
        shuffle_seed  INTEGER,            -- NULL: Points in the case's order
        show_scores   INTEGER NOT NULL,   -- 1: a submission's score is shown at once
        late_join     INTEGER NOT NULL,   -- 1: joining after start is allowed
        created_by    INTEGER NOT NULL,
        created_at    REAL    NOT NULL
    );
    -- One open tournament per channel, enforced by the database itself.
    CREATE UNIQUE INDEX tournaments_open_per_channel ON tournaments (channel_id)
        WHERE state IN ('registration', 'running');

    CREATE TABLE tournament_participants (
        tournament_id  INTEGER NOT NULL REFERENCES tournaments (id),
        user_id        INTEGER NOT NULL,
        name           TEXT    NOT NULL,
        joined_at      REAL    NOT NULL,
        PRIMARY KEY (tournament_id, user_id)
    );

    CREATE TABLE tournament_rounds (
        tournament_id  INTEGER NOT NULL REFERENCES tournaments (id),
        number         INTEGER NOT NULL,
        point          INTEGER NOT NULL,
        opened_at      REAL    NOT NULL,
        deadline       REAL    NOT NULL,
        closed_at      REAL,
        PRIMARY KEY (tournament_id, number)
    );

    CREATE TABLE tournament_submissions (
        tournament_id  INTEGER NOT NULL REFERENCES tournaments (id),
        round          INTEGER NOT NULL,
        user_id        INTEGER NOT NULL,
        name           TEXT    NOT NULL,
        text           TEXT    NOT NULL,
        score          INTEGER NOT NULL,
        covered        TEXT    NOT NULL,
        flags          TEXT    NOT NULL,
        details        TEXT    NOT NULL,
        submitted_at   REAL    NOT NULL,
        versions       INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (tournament_id, round, user_id)
    );

    CREATE TABLE score_adjustments (
        id             INTEGER PRIMARY KEY,
        tournament_id  INTEGER NOT NULL REFERENCES tournaments (id),
        round          INTEGER NOT NULL,
        user_id        INTEGER NOT NULL,
        score          INTEGER NOT NULL,
        reason         TEXT    NOT NULL,
        moderator_id   INTEGER NOT NULL,
        created_at     REAL    NOT NULL
    );
    CREATE INDEX score_adjustments_by_tournament ON score_adjustments (tournament_id, round, user_id);
    """,
    # 4: per-server case libraries and more server settings
    """
    CREATE TABLE guild_cases (
        guild_id     INTEGER NOT NULL,
        case_id      TEXT    NOT NULL,
        version      TEXT    NOT NULL,
        toml         TEXT    NOT NULL,
        uploaded_by  INTEGER NOT NULL,
        uploaded_at  REAL    NOT NULL,
        current      INTEGER NOT NULL,   -- 1: the version in use; older ones stay for old attempts
        PRIMARY KEY (guild_id, case_id, version)
    );
    CREATE INDEX guild_cases_current ON guild_cases (guild_id, current);

    ALTER TABLE guild_settings ADD COLUMN practice_channels TEXT;     -- JSON list of channel ids; NULL: anywhere
    ALTER TABLE guild_settings ADD COLUMN tournament_show_scores INTEGER;
    ALTER TABLE guild_settings ADD COLUMN leaderboard_enabled INTEGER;
    """,
    # 5: disputes of practice scores (their SQL is in bot/dispute_store.py), and where each
    # server's moderators read them
    """
    CREATE TABLE disputes (
        id               INTEGER PRIMARY KEY,
        attempt_id       INTEGER NOT NULL UNIQUE REFERENCES attempts (id) ON DELETE CASCADE,
        guild_id         INTEGER NOT NULL,
        user_id          INTEGER NOT NULL,   -- the member disputing (the attempt's learner)
        reason           TEXT    NOT NULL,
        created_at       REAL    NOT NULL,
        channel_id       INTEGER,            -- the moderators' message, once posted
        message_id       INTEGER,
        resolved_by      INTEGER,            -- NULL while open; 0 once that moderator was forgotten
        resolved_at      REAL,
        confirmed        INTEGER,            -- 1: the score stands; 0: corrected
        claims           TEXT,               -- JSON list of the counterargument ids really made
        corrected_score  INTEGER,
        out_of           INTEGER             -- how many counterarguments the Point had
    );
    CREATE INDEX disputes_by_user ON disputes (user_id);
    CREATE INDEX disputes_by_moderator ON disputes (resolved_by);
    CREATE TABLE dispute_channels (
        guild_id    INTEGER PRIMARY KEY,
        channel_id  INTEGER NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

#: ``PRAGMA application_id`` of every Counterpoint database ("CPnt" in ASCII), set when it is
#: created: SQLite files of other programs are told apart by it, and never changed.
APPLICATION_ID = 0x43506E74


#: Members ranked by the sum over Points of their best score since :since, ties by
#: attempts; the server's practice, plus the DM practice of members who practise
#: here and opted in to sharing it. A constant so tests can check its query plan.
LEADERBOARD_SQL = """
WITH members AS (
    SELECT DISTINCT learner_id FROM attempts WHERE guild_id = :guild AND created_at >= :since
),
sharing AS (
    SELECT learner_id FROM learner_settings
    WHERE share_private = 1 AND learner_id IN (SELECT learner_id FROM members)
),
counted AS (
    SELECT learner_id, case_id, point, score FROM attempts
    WHERE guild_id = :guild AND created_at >= :since
    UNION ALL
    SELECT a.learner_id, a.case_id, a.point, a.score FROM attempts AS a JOIN sharing USING (learner_id)
    WHERE a.guild_id IS NULL AND a.created_at >= :since
),
per_point AS (
    SELECT learner_id, MAX(score) AS best, COUNT(*) AS tries FROM counted
    GROUP BY learner_id, case_id, point
)
SELECT learner_id, SUM(best) AS total, SUM(tries) AS attempts,
       (SELECT learner_name FROM attempts AS n WHERE n.learner_id = per_point.learner_id
        ORDER BY n.created_at DESC LIMIT 1) AS learner_name
FROM per_point GROUP BY learner_id
ORDER BY total DESC, attempts DESC, learner_id
"""


#: Insert or replace a tournament submission, only while its round is open and
#: before its deadline; returns the row's version, or nothing if refused.
_STORE_SUBMISSION_SQL = """
INSERT INTO tournament_submissions (tournament_id, round, user_id, name, text, score, covered, flags, details,
                                    submitted_at)
SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM tournament_rounds
WHERE tournament_id = ? AND number = ? AND closed_at IS NULL AND deadline >= ?
ON CONFLICT (tournament_id, round, user_id) DO UPDATE SET
    name = excluded.name, text = excluded.text, score = excluded.score, covered = excluded.covered,
    flags = excluded.flags, details = excluded.details, submitted_at = excluded.submitted_at,
    versions = versions + 1
RETURNING versions
"""


#: What forgetting a member does beyond the learner_id tables. Their own rows go: tournament
#: entries, submissions, and adjustments of their scores. What they did for a server as its
#: moderator stays for the others' sake, with the author unnamed (0): tournaments created,
#: other members' adjustments, season resets, uploaded cases.
_FORGET_MEMBER_SQL = (
    "DELETE FROM tournament_submissions WHERE user_id = :id",
    "DELETE FROM tournament_participants WHERE user_id = :id",
    "DELETE FROM score_adjustments WHERE user_id = :id",
    "UPDATE score_adjustments SET moderator_id = 0 WHERE moderator_id = :id",
    "UPDATE tournaments SET created_by = 0 WHERE created_by = :id",
    "UPDATE seasons SET ended_by = NULL WHERE ended_by = :id",
    "UPDATE guild_cases SET uploaded_by = 0 WHERE uploaded_by = :id",
)

#: The tournament rows naming a member, for `export-me` (others' ids left out).
_MEMBER_RECORDS_SQL = {
    "tournaments_entered": """
        SELECT p.tournament_id, t.name AS tournament, t.guild_id, p.name AS your_name, p.joined_at
        FROM tournament_participants AS p JOIN tournaments AS t ON t.id = p.tournament_id
        WHERE p.user_id = :id ORDER BY p.joined_at""",
    "tournament_submissions": """
        SELECT tournament_id, round, name AS your_name, text, score, covered, flags, submitted_at, versions
        FROM tournament_submissions WHERE user_id = :id ORDER BY submitted_at""",
    "score_adjustments_of_yours": """
        SELECT tournament_id, round, score, reason, created_at FROM score_adjustments
        WHERE user_id = :id ORDER BY created_at""",
    "tournaments_created": "SELECT id, guild_id, name, created_at FROM tournaments WHERE created_by = :id",
    "score_adjustments_made": """
        SELECT tournament_id, round, score, reason, created_at FROM score_adjustments
        WHERE moderator_id = :id ORDER BY created_at""",
    "seasons_ended": "SELECT guild_id, number, ended_at FROM seasons WHERE ended_by = :id",
    "cases_uploaded": "SELECT guild_id, case_id, version, uploaded_at FROM guild_cases WHERE uploaded_by = :id",
}


#: The database assigns the id (``attempts.id`` is the rowid): several processes may write at once.
_INSERT_ATTEMPT_SQL = """
INSERT INTO attempts (learner_id, learner_name, guild_id, channel_id, case_id, case_version, point, text, score,
                      covered, flags, created_at, details)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
"""
_UPSERT_SCHEDULE_SQL = """
INSERT INTO schedule (learner_id, case_id, point, card, due) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (learner_id, case_id, point) DO UPDATE SET card = excluded.card, due = excluded.due
"""


class StorageError(RuntimeError):
    """The database cannot be used; the message says why and what to do."""


class StorageUnavailableError(StorageError):
    """A write could not be made now (the database is locked by another program, or the disk
    is full); nothing was written. The message is for the user; the cause is logged."""


def _unavailable(error: sqlite3.OperationalError) -> Exception:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        log.warning("Database busy: %s", error)
        return StorageUnavailableError(
            "The database is busy right now; nothing was saved. Please try again in a moment."
        )
    if "full" in text:
        log.error("Database cannot grow: %s", error)
        return StorageUnavailableError(
            "Counterpoint cannot save anything right now (its disk is full); nothing was "
            "saved. The bot's operator has been told in the log."
        )
    if "readonly" in text or "disk i/o error" in text:
        log.error("Database cannot be written: %s", error)
        return StorageUnavailableError(
            "Counterpoint cannot save anything right now (its database file cannot be "
            "written); nothing was saved. The bot's operator has been told in the log."
        )
    return error


def backup_database(source: Path, destination: Path) -> None:
    """Copy a live database consistently (SQLite's online backup; safe while the bot runs)."""
    if not source.exists():
        raise StorageError(f"There is no database at {source}.")
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(destination) as dst:
        src.backup(dst)


def check_database(path: Path) -> list[str]:
    """Problems found in the database file (empty: it is sound): integrity, whether it is a
    Counterpoint database at all, and the schema version."""
    if not path.exists():
        return [f"There is no database at {path}."]
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
            version, _ = _identify(conn, path)
    except StorageError as error:
        return [str(error)]
    except sqlite3.DatabaseError as error:
        return [f"{path} is not a readable SQLite database ({error})."]
    if version < SCHEMA_VERSION:
        problems.append(f"schema version {version}: it will be migrated to {SCHEMA_VERSION} at the next start")
    return problems


@functools.cache
def _our_tables(version: int) -> dict[str, tuple[str, ...]]:
    """The tables (and their columns) of a Counterpoint database at schema ``version``."""
    with sqlite3.connect(":memory:") as conn:
        for script in MIGRATIONS[:version]:
            for statement in _statements(script):
                conn.execute(statement)
        return _tables(conn)


def _tables(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
    ]
    return {
        name: tuple(row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))) for name in names
    }


def _identify(conn: sqlite3.Connection, path: Path) -> tuple[int, bool]:
    """Whether the open file is ours, by reading it only: its schema version, and whether it
    carries our mark. Raises :class:`StorageError` for another program's file or a newer schema.

    Ours: a file with our mark; a new or empty one (no schema at all); or one of ours from
    before the mark (no mark, our schema version, exactly our tables of that version)."""
    (application_id,) = conn.execute("PRAGMA application_id").fetchone()
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if application_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"{path} has schema version {version}, newer than this Counterpoint "
                f"understands ({SCHEMA_VERSION}). Upgrade Counterpoint."
            )
        return version, True
    if application_id != 0:
        raise _not_ours(path, f"it is marked as another program's (application_id {application_id:#010x})")
    (objects,) = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    if objects == 0 and version == 0:
        return 0, False
    tables = _tables(conn)
    if 1 <= version <= SCHEMA_VERSION and tables == _our_tables(version):
        return version, False
    strangers = sorted(set(tables) - set(_our_tables(SCHEMA_VERSION)))
    if strangers:
        shown = ", ".join(repr(name) for name in strangers[:5]) + (", ..." if len(strangers) > 5 else "")
        raise _not_ours(path, f"it holds tables Counterpoint never creates ({shown})")
    raise _not_ours(path, f"it has no Counterpoint mark, and its schema (version {version}) is not one of ours")


def _not_ours(path: Path, reason: str) -> StorageError:
    return StorageError(
        f"{path} is not a Counterpoint database: {reason}. Nothing was changed; point COUNTERPOINT_DB "
        "(or --db) at a Counterpoint database or at a new file."
    )


def _open_error(path: Path, error: sqlite3.Error) -> StorageError:
    """What is wrong, for the user, when a database file cannot be opened or prepared."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_READONLY"):
        return StorageError(
            f"{path} is read-only here: Counterpoint must be able to write to the file and to its folder "
            "(SQLite keeps its journal beside the file). Nothing was changed; check their permissions, "
            "or point COUNTERPOINT_DB elsewhere."
        )
    if name == "SQLITE_FULL":
        return StorageError(
            f"Cannot write to {path}: the disk is full. Nothing was changed; free some space and start again."
        )
    if name.startswith("SQLITE_IOERR"):
        return StorageError(
            f"Cannot write to {path}: the disk refused the write ({error}); it may be full or failing. "
            "Nothing was changed; free some space or check the disk, and start again."
        )
    if name.startswith("SQLITE_CANTOPEN"):
        if path.exists():
            return StorageError(
                f"Cannot open {path}: this user may not read and write it (check its permissions "
                "and its folder's). Nothing was changed."
            )
        return StorageError(
            f"Cannot create {path}: this user may not write to its folder {path.parent} "
            "(check its permissions), or point COUNTERPOINT_DB elsewhere."
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StorageError(
            f"{path} is locked by another program ({error}). Nothing was changed; try again when it is done."
        )
    return StorageError(
        f"{path} is not a usable Counterpoint database ({error}). "
        "Nothing was changed; move the file aside or point COUNTERPOINT_DB elsewhere."
    )


def _connect_file(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    """A plain connection for preparing the file (a seam for tests that make the disk "full")."""
    return sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_ms / 1000)


def _prepare_file(path: Path, busy_timeout_ms: int) -> None:
    """Make ``path`` a current Counterpoint database, or refuse it untouched.

    It is read first: a file that is not ours is refused before anything is written. Then,
    under the write lock (another process may be creating it at this very moment), it is
    read again, marked if it is not yet, and migrated, all in one transaction: a full disk
    or a crash leaves it as it was. Last, it is switched to WAL."""
    try:
        conn = _connect_file(path, busy_timeout_ms)
    except sqlite3.Error as error:
        raise _open_error(path, error) from error
    try:
        _identify(conn, path)
        conn.execute("BEGIN IMMEDIATE")
        try:
            version, _ = _identify(conn, path)
            # Marks it if it is not yet; written always, so that a file this user may not
            # write is found out here (SQLite opens it read-only without saying so).
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for number in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    conn.execute(statement)
            if version != SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite has rolled back by itself after some errors (a full disk)
                conn.execute("ROLLBACK")
            raise
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as error:
        raise _open_error(path, error) from error
    finally:
        conn.close()


class Storage:
    """The project's one door to SQLite. Open with :meth:`open`, close with :meth:`close`."""

    def __init__(self, connection: aiosqlite.Connection, path: Path, busy_timeout_ms: int = 5000):
        self._db = connection
        self.path = path
        self._busy_timeout_ms = busy_timeout_ms
        # One connection is shared by every coroutine: a transaction holds this
        # lock so no other coroutine's statement lands inside it.
        self._write_lock = asyncio.Lock()
        self._pending_statements: list[tuple[str, tuple, asyncio.Future]] = []
        self._pending_attempts: list[tuple[tuple, tuple | None, asyncio.Future]] = []
        self._attempt_writer: asyncio.Task | None = None
        # Write-through caches of what every rebuttal reads: current sessions and cards.
        # All writes to them go through this class, and one bot writes a member's rows
        # (see README), so they cannot go stale.
        self._sessions: dict[tuple[str, str], PracticeSession | None] = {}
        self._cards: dict[tuple[str, str, int], str | None] = {}
        self._batch_writer: asyncio.Task | None = None

    @staticmethod
    def _remember(cache: dict, key, value) -> None:
        if len(cache) >= CACHE_ENTRIES:
            cache.clear()  # crude but bounded; a miss only costs a query
        cache[key] = value

    async def _first(self, query: str, params: tuple | list | dict = ()) -> sqlite3.Row | None:
        """The first row of a query, in one trip to the database thread."""
        rows = await _fetch(self._db, query, params)
        return rows[0] if rows else None

    async def _one(self, query: str, params: tuple | list | dict = ()) -> sqlite3.Row:
        """The row of a query that always yields one (an aggregate, a pragma)."""
        row = await self._first(query, params)
        assert row is not None, query
        return row

    async def _all(self, query: str, params: tuple | list | dict = ()) -> list[sqlite3.Row]:
        """All rows of a query, in one trip to the database thread (a cursor costs three)."""
        return await _fetch(self._db, query, params)

    async def _write(self, statement: str, params: tuple | dict = ()) -> None:
        """One write outside a transaction; it waits for any open transaction to finish."""
        async with self._write_lock:
            try:
                await self._db.execute(statement, params)
            except sqlite3.OperationalError as error:
                raise _unavailable(error) from error

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[None]:
        """One transaction; a busy or full database becomes :class:`StorageUnavailableError`
        and the transaction leaves nothing behind."""
        async with self._write_lock:
            try:
                await self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise _unavailable(error) from error
            try:
                yield
                await self._db.execute("COMMIT")
            except BaseException as error:
                await self._rollback()
                if isinstance(error, sqlite3.OperationalError):
                    raise _unavailable(error) from error
                raise

    async def _rollback(self) -> None:
        try:
            await self._db.execute("ROLLBACK")
        except sqlite3.OperationalError:
            pass  # SQLite already rolled back (it does on a full disk)

    @classmethod
    async def open(cls, path: Path | str, *, busy_timeout_ms: int = 5000) -> Storage:
        """Open (creating if needed) the database at ``path`` and bring its schema up to date.

        A file that is not a Counterpoint database, or cannot be written, is refused with a
        :class:`StorageError` saying why, and left as it was. A write waits up to
        ``busy_timeout_ms`` for another program's lock before it is refused."""
        path = Path(path)
        if path.parent and not path.parent.exists():
            raise StorageError(f"The folder for the database does not exist: {path.parent}")
        if path.exists() and not path.is_file():
            raise StorageError(f"{path} is not a file. Point COUNTERPOINT_DB (or --db) at a database file.")
        await asyncio.to_thread(_prepare_file, path, busy_timeout_ms)
        try:
            connection = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise _open_error(path, exc) from exc
        connection.row_factory = sqlite3.Row
        storage = cls(connection, path, busy_timeout_ms)
        try:
            await connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            await connection.execute("PRAGMA synchronous = NORMAL")
            await connection.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            await connection.close()
            raise _open_error(path, exc) from exc
        except BaseException:
            await connection.close()
            raise
        return storage

    async def close(self) -> None:
        """Finish the writes in flight, then close the database cleanly."""
        for writer in (self._batch_writer, self._attempt_writer):
            if writer is not None and not writer.done():
                await asyncio.shield(writer)
        await self._db.close()

    async def schema_version(self) -> int:
        (version,) = await self._one("PRAGMA user_version")
        return version

    # --- practice sessions ---------------------------------------------------------

    async def get_session(self, learner_id: str, scope: str) -> PracticeSession | None:
        key = (learner_id, scope)
        if key in self._sessions:
            return self._sessions[key]
        row = await self._first("SELECT * FROM sessions WHERE learner_id = ? AND scope = ?", (learner_id, scope))
        session = _session(row) if row else None
        self._remember(self._sessions, key, session)
        return session

    async def save_session(self, learner_id: str, place: Place, case_id: str, point: int) -> PracticeSession:
        """Make ``point`` the learner's current Point in the place's scope (replacing any)."""
        started = time.time()
        await self._write(
            """
            INSERT INTO sessions (learner_id, scope, guild_id, channel_id, case_id, point, hints_used, started_at)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?)
            ON CONFLICT (learner_id, scope) DO UPDATE SET
                guild_id = excluded.guild_id, channel_id = excluded.channel_id,
                case_id = excluded.case_id, point = excluded.point,
                hints_used = 0, started_at = excluded.started_at
            """,
            (learner_id, place.scope, place.guild_id, place.channel_id, case_id, point, started),
        )
        session = PracticeSession(learner_id, place.scope, place.guild_id, place.channel_id, case_id, point, 0, started)
        self._remember(self._sessions, (learner_id, place.scope), session)
        return session

    async def count_hint(self, learner_id: str, scope: str) -> None:
        await self._write(
            "UPDATE sessions SET hints_used = hints_used + 1 WHERE learner_id = ? AND scope = ?",
            (learner_id, scope),
        )
        self._sessions.pop((learner_id, scope), None)  # read afresh next time

    async def clear_session(self, learner_id: str, scope: str) -> None:
        await self._write("DELETE FROM sessions WHERE learner_id = ? AND scope = ?", (learner_id, scope))
        self._sessions[(learner_id, scope)] = None

    # --- attempts ---------------------------------------------------------------------

    async def record_attempt(self, new: NewAttempt, card: CardUpdate | None = None) -> Attempt:
        """Store a scored attempt and, in the same transaction, the Point's new schedule (group-committed;
        returns once committed)."""
        created = time.time()
        coverage = new.coverage
        covered = coverage.covered_ids
        flags = tuple(sorted(coverage.flags))
        details = _matches_json(coverage.covered)

        row = (
            new.learner_id,
            new.learner_name,
            new.place.guild_id,
            new.place.channel_id,
            new.case_id,
            new.case_version,
            new.point,
            new.text,
            coverage.score,
            json.dumps(list(covered)),
            json.dumps(list(flags)),
            created,
            details,
        )
        schedule = (new.learner_id, card.case_id, card.point, card.card, card.due) if card is not None else None
        done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._pending_attempts.append((row, schedule, done))
        if self._attempt_writer is None or self._attempt_writer.done():
            self._attempt_writer = asyncio.create_task(self._write_attempts())
        attempt_id = await done  # the id the database gave it
        if card is not None:
            self._remember(self._cards, (new.learner_id, card.case_id, card.point), card.card)
        return Attempt(
            attempt_id,
            new.learner_id,
            new.learner_name,
            new.place.guild_id,
            new.place.channel_id,
            new.case_id,
            new.case_version,
            new.point,
            new.text,
            coverage.score,
            covered,
            flags,
            created,
            coverage.covered,
        )

    async def attempt(self, attempt_id: int) -> Attempt | None:
        row = await self._first("SELECT * FROM attempts WHERE id = ?", (attempt_id,))
        return _attempt(row) if row else None

    async def attempts_of(self, learner_id: str, guild_id: int | None, *, limit: int | None = None) -> list[Attempt]:
        """A learner's attempts, newest first: in one server, or (``guild_id`` None) everywhere."""
        query = "SELECT * FROM attempts WHERE learner_id = ?"
        params: list = [learner_id]
        if guild_id is not None:
            query += " AND guild_id = ?"
            params.append(guild_id)
        query += " ORDER BY created_at DESC, id DESC"
        if limit is not None:
            query += " LIMIT ?"
            params.append(limit)
        return [_attempt(row) for row in await self._all(query, params)]

    # --- spaced repetition ------------------------------------------------------------

    async def card(self, learner_id: str, case_id: str, point: int) -> str | None:
        key = (learner_id, case_id, point)
        if key in self._cards:
            return self._cards[key]
        stored = await self._card(learner_id, case_id, point)
        self._remember(self._cards, key, stored)
        return stored

    async def _card(self, learner_id: str, case_id: str, point: int) -> str | None:
        row = await self._first(
            "SELECT card FROM schedule WHERE learner_id = ? AND case_id = ? AND point = ?",
            (learner_id, case_id, point),
        )
        return row["card"] if row else None

    async def schedule_of(self, learner_id: str, case_id: str | None = None) -> list[DuePoint]:
        """The learner's scheduled Points, soonest due first."""
        query, params = "SELECT case_id, point, due FROM schedule WHERE learner_id = ?", [learner_id]
        if case_id is not None:
            query += " AND case_id = ?"
            params.append(case_id)
        return [DuePoint(r["case_id"], r["point"], r["due"]) for r in await self._all(query + " ORDER BY due", params)]

    # --- leaderboards, seasons, privacy ---------------------------------------------

    async def leaderboard(self, guild_id: int, since: float) -> list[LeaderboardRow]:
        """Members ranked by the sum over Points of their best score since ``since``, ties by attempts.

        Counts the server's practice, and the DM practice of members who practise
        in this server and opted in to sharing it.
        """
        rows = await self._all(
            LEADERBOARD_SQL,
            {"guild": guild_id, "since": since},
        )
        return [
            LeaderboardRow(rank, r["learner_id"], r["learner_name"], r["total"], r["attempts"])
            for rank, r in enumerate(rows, start=1)
        ]

    async def season_start(self, guild_id: int) -> float:
        """When the server's current leaderboard season started (0: it never was reset)."""
        row = await self._first("SELECT started_at FROM seasons WHERE guild_id = ? AND ended_at IS NULL", (guild_id,))
        return row["started_at"] if row else 0.0

    async def start_new_season(self, guild_id: int, moderator_id: int) -> int:
        """Archive the current season (its attempts stay) and start the next; returns the new number."""
        now = time.time()
        async with self._transaction():
            last = (
                await self._one("SELECT COALESCE(MAX(number), 0) AS last FROM seasons WHERE guild_id = ?", (guild_id,))
            )["last"]
            if last == 0:  # the first season ran from the beginning
                await self._db.execute(
                    "INSERT INTO seasons (guild_id, number, started_at) VALUES (?, 1, 0)", (guild_id,)
                )
                last = 1
            await self._db.execute(
                "UPDATE seasons SET ended_at = ?, ended_by = ? WHERE guild_id = ? AND ended_at IS NULL",
                (now, moderator_id, guild_id),
            )
            await self._db.execute(
                "INSERT INTO seasons (guild_id, number, started_at) VALUES (?, ?, ?)", (guild_id, last + 1, now)
            )
        return last + 1

    async def shares_private(self, learner_id: str) -> bool:
        row = await self._first("SELECT share_private FROM learner_settings WHERE learner_id = ?", (learner_id,))
        return bool(row and row["share_private"])

    async def set_shares_private(self, learner_id: str, share: bool) -> None:
        await self._write(
            """
            INSERT INTO learner_settings (learner_id, share_private) VALUES (?, ?)
            ON CONFLICT (learner_id) DO UPDATE SET share_private = excluded.share_private
            """,
            (learner_id, int(share)),
        )

    async def forget_learner(self, learner_id: str) -> int:
        """Delete every row of this learner's, everywhere (and what is cached of them); returns how many rows went."""
        for key in [k for k in self._sessions if k[0] == learner_id]:
            del self._sessions[key]
        for card in [k for k in self._cards if k[0] == learner_id]:
            del self._cards[card]
        removed = 0
        async with self._transaction():
            for table in ("attempts", "sessions", "schedule", "learner_settings"):
                cursor = await self._db.execute(f"DELETE FROM {table} WHERE learner_id = ?", (learner_id,))
                removed += cursor.rowcount
                await cursor.close()
            if learner_id.isdigit():  # a Discord member: tournaments know them by their numeric id
                for statement in _FORGET_MEMBER_SQL:
                    cursor = await self._db.execute(statement, {"id": int(learner_id)})
                    removed += cursor.rowcount if statement.startswith("DELETE") else 0
                    await cursor.close()
        return removed

    async def member_records(self, user_id: int) -> dict[str, list[dict]]:
        """Every tournament row that names this member, as plain data (for `export-me`)."""
        records = {
            name: [dict(row) for row in await self._all(query, {"id": user_id})]
            for name, query in _MEMBER_RECORDS_SQL.items()
        }
        for row in records["tournament_submissions"]:
            row["covered"], row["flags"] = json.loads(row["covered"]), json.loads(row["flags"])
        return records

    async def explain(self, query: str, params: dict | tuple) -> list[str]:
        """SQLite's query plan for ``query`` (for tests that guard against full scans)."""
        return [row["detail"] for row in await self._all("EXPLAIN QUERY PLAN " + query, params)]

    async def count_attempts(self, learner_id: str | None = None) -> int:
        query: str
        params: tuple[str, ...]
        if learner_id is None:
            query, params = "SELECT COUNT(*) FROM attempts", ()
        else:
            query, params = "SELECT COUNT(*) FROM attempts WHERE learner_id = ?", (learner_id,)
        (count,) = await self._one(query, params)
        return count

    # --- server settings ---------------------------------------------------------------

    async def guild_settings(self, guild_id: int) -> GuildSettings:
        row = await self._first("SELECT * FROM guild_settings WHERE guild_id = ?", (guild_id,))
        if row is None:
            return GuildSettings(guild_id)
        return GuildSettings(
            guild_id,
            row["moderator_role_id"],
            row["default_case"],
            row["tournament_rounds"],
            row["tournament_minutes"],
            tuple(json.loads(row["practice_channels"])) if row["practice_channels"] else (),
            bool(row["tournament_show_scores"]),
            row["leaderboard_enabled"] != 0,
        )

    async def save_guild_settings(self, settings: GuildSettings) -> None:
        await self._write(
            """
            INSERT INTO guild_settings (guild_id, moderator_role_id, default_case, tournament_rounds,
                                        tournament_minutes, practice_channels, tournament_show_scores,
                                        leaderboard_enabled)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (guild_id) DO UPDATE SET
                moderator_role_id = excluded.moderator_role_id, default_case = excluded.default_case,
                tournament_rounds = excluded.tournament_rounds, tournament_minutes = excluded.tournament_minutes,
                practice_channels = excluded.practice_channels,
                tournament_show_scores = excluded.tournament_show_scores,
                leaderboard_enabled = excluded.leaderboard_enabled
            """,
            (
                settings.guild_id,
                settings.moderator_role_id,
                settings.default_case,
                settings.tournament_rounds,
                settings.tournament_minutes,
                json.dumps(list(settings.practice_channels)) if settings.practice_channels else None,
                int(settings.tournament_show_scores),
                int(settings.leaderboard_enabled),
            ),
        )

    # --- per-server cases ----------------------------------------------------------------

    async def save_guild_case(self, guild_id: int, case_id: str, version: str, toml: str, uploaded_by: int) -> None:
        """Store an uploaded case as the current version of its id in this server (older ones are kept)."""
        async with self._transaction():
            await self._db.execute(
                "UPDATE guild_cases SET current = 0 WHERE guild_id = ? AND case_id = ?", (guild_id, case_id)
            )
            await self._db.execute(
                """
                INSERT INTO guild_cases (guild_id, case_id, version, toml, uploaded_by, uploaded_at, current)
                VALUES (?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT (guild_id, case_id, version) DO UPDATE SET current = 1, uploaded_at = excluded.uploaded_at
                """,
                (guild_id, case_id, version, toml, uploaded_by, time.time()),
            )

    async def guild_cases(self, guild_id: int) -> list[str]:
        """The TOML of the server's current cases."""
        return [
            row["toml"]
            for row in await self._all(
                "SELECT toml FROM guild_cases WHERE guild_id = ? AND current = 1 ORDER BY case_id", (guild_id,)
            )
        ]

    async def retire_guild_case(self, guild_id: int, case_id: str) -> bool:
        """Take a case out of use (its versions stay, for the attempts scored against them)."""
        async with self._write_lock:
            cursor = await self._db.execute(
                "UPDATE guild_cases SET current = 0 WHERE guild_id = ? AND case_id = ? AND current = 1",
                (guild_id, case_id),
            )
            retired = cursor.rowcount > 0
            await cursor.close()
        return retired

    # --- tournaments -------------------------------------------------------------------

    async def create_tournament(
        self,
        *,
        guild_id: int,
        channel_id: int,
        name: str,
        case_id: str,
        rounds: int,
        minutes: float,
        point_order: tuple[int, ...],
        shuffle_seed: int | None,
        show_scores: bool,
        late_join: bool,
        created_by: int,
    ) -> Tournament | None:
        """A new tournament in registration; None if the channel already has an open one."""
        now = time.time()
        try:
            async with self._transaction():
                cursor = await self._db.execute(
                    """
                    INSERT INTO tournaments (guild_id, channel_id, name, case_id, rounds, minutes, state, point_order,
                                             shuffle_seed, show_scores, late_join, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'registration', ?, ?, ?, ?, ?, ?)
                    """,
                    (
                        guild_id,
                        channel_id,
                        name,
                        case_id,
                        rounds,
                        minutes,
                        json.dumps(list(point_order)),
                        shuffle_seed,
                        int(show_scores),
                        int(late_join),
                        created_by,
                        now,
                    ),
                )
                tournament_id = cursor.lastrowid
                await cursor.close()
                assert tournament_id is not None  # an INSERT just ran on this cursor
        except sqlite3.IntegrityError:
            return None
        return await self.tournament(tournament_id)

    async def tournament(self, tournament_id: int) -> Tournament | None:
        row = await self._first("SELECT * FROM tournaments WHERE id = ?", (tournament_id,))
        return _tournament(row) if row else None

    async def open_tournament_in(self, channel_id: int) -> Tournament | None:
        row = await self._first(
            "SELECT * FROM tournaments WHERE channel_id = ? AND state IN ('registration', 'running')", (channel_id,)
        )
        return _tournament(row) if row else None

    async def latest_tournament_in(self, channel_id: int) -> Tournament | None:
        row = await self._first(
            "SELECT * FROM tournaments WHERE channel_id = ? ORDER BY created_at DESC, id DESC LIMIT 1", (channel_id,)
        )
        return _tournament(row) if row else None

    async def running_tournaments(self) -> list[Tournament]:
        return [_tournament(row) for row in await self._all("SELECT * FROM tournaments WHERE state = 'running'")]

    async def tournaments_with_open_round_for(self, user_id: int) -> list[Tournament]:
        """Running tournaments whose current round is open and which the user takes part in."""
        return [
            _tournament(row)
            for row in await self._all(
                """
            SELECT t.* FROM tournaments AS t
            JOIN tournament_participants AS p ON p.tournament_id = t.id AND p.user_id = ?
            JOIN tournament_rounds AS r ON r.tournament_id = t.id AND r.number = t.current_round
            WHERE t.state = 'running' AND r.closed_at IS NULL
            """,
                (user_id,),
            )
        ]

    async def set_tournament_state(self, tournament_id: int, state: str, *, expected: str | None = None) -> bool:
        """Move to ``state`` (only from ``expected``, if given); False if the tournament was not in it."""
        async with self._write_lock:
            query, params = "UPDATE tournaments SET state = ? WHERE id = ?", [state, tournament_id]
            if expected is not None:
                query += " AND state = ?"
                params.append(expected)
            cursor = await self._db.execute(query, params)
            changed = cursor.rowcount == 1
            await cursor.close()
        return changed

    async def add_participant(self, tournament_id: int, user_id: int, name: str) -> bool:
        """False if already registered."""
        try:
            await self._write(
                "INSERT INTO tournament_participants (tournament_id, user_id, name, joined_at) VALUES (?, ?, ?, ?)",
                (tournament_id, user_id, name, time.time()),
            )
        except sqlite3.IntegrityError:
            return False
        return True

    async def remove_participant(self, tournament_id: int, user_id: int) -> bool:
        async with self._write_lock:
            cursor = await self._db.execute(
                "DELETE FROM tournament_participants WHERE tournament_id = ? AND user_id = ?", (tournament_id, user_id)
            )
            removed = cursor.rowcount == 1
            await cursor.close()
        return removed

    async def participants(self, tournament_id: int) -> list[Participant]:
        return [
            Participant(r["user_id"], r["name"], r["joined_at"])
            for r in await self._all(
                "SELECT user_id, name, joined_at FROM tournament_participants "
                "WHERE tournament_id = ? ORDER BY joined_at",
                (tournament_id,),
            )
        ]

    async def open_round(
        self, tournament_id: int, number: int, point: int, opened_at: float, deadline: float, *, from_state: str
    ) -> bool:
        """Open round ``number`` (and the tournament's state to running) in one transaction,
        only if the tournament is in ``from_state`` at ``number - 1``; False otherwise (a race lost)."""
        async with self._transaction():
            cursor = await self._db.execute(
                "UPDATE tournaments SET state = 'running', current_round = ? "
                "WHERE id = ? AND state = ? AND current_round = ?",
                (number, tournament_id, from_state, number - 1),
            )
            moved = cursor.rowcount == 1
            await cursor.close()
            if moved:
                await self._db.execute(
                    "INSERT INTO tournament_rounds (tournament_id, number, point, opened_at, deadline) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (tournament_id, number, point, opened_at, deadline),
                )
        return moved

    async def close_round(self, tournament_id: int, number: int, closed_at: float) -> bool:
        """Close an open round; False if it was closed already."""
        async with self._write_lock:
            cursor = await self._db.execute(
                "UPDATE tournament_rounds SET closed_at = ? "
                "WHERE tournament_id = ? AND number = ? AND closed_at IS NULL",
                (closed_at, tournament_id, number),
            )
            closed = cursor.rowcount == 1
            await cursor.close()
        return closed

    async def round(self, tournament_id: int, number: int) -> TournamentRound | None:
        row = await self._first(
            "SELECT * FROM tournament_rounds WHERE tournament_id = ? AND number = ?", (tournament_id, number)
        )
        return _round(row) if row else None

    async def rounds(self, tournament_id: int) -> list[TournamentRound]:
        return [
            _round(row)
            for row in await self._all(
                "SELECT * FROM tournament_rounds WHERE tournament_id = ? ORDER BY number", (tournament_id,)
            )
        ]

    async def store_submission(
        self,
        tournament_id: int,
        number: int,
        user_id: int,
        name: str,
        text: str,
        coverage: Coverage,
        submitted_at: float,
    ) -> int | None:
        """Store (or replace) a submission if its round is open and ``submitted_at`` is not past
        its deadline; returns its version (1, 2, ...), or None if the round had closed."""
        params = (
            tournament_id,
            number,
            user_id,
            name,
            text,
            coverage.score,
            json.dumps(list(coverage.covered_ids)),
            json.dumps(sorted(coverage.flags)),
            _matches_json(coverage.covered),
            submitted_at,
            tournament_id,
            number,
            submitted_at,
        )

        rows = await self._batched(_STORE_SUBMISSION_SQL, params)
        return rows[0]["versions"] if rows else None

    async def _write_attempts(self) -> None:
        """Group commit for attempts: a whole batch is one transaction, and each attempt's id is
        the one the database gave it (INSERT ... RETURNING), so other processes writing to the
        same file cannot collide with it. If the batch fails, each attempt is retried alone, so
        a bad one fails by itself and the others are still stored."""
        while self._pending_attempts:
            batch, self._pending_attempts = self._pending_attempts, []
            outcomes: list[int | Exception]
            try:
                outcomes = list(await self._insert_attempts(batch))
            except StorageUnavailableError as error:
                outcomes = [error] * len(batch)
            except Exception:
                outcomes = [await self._insert_one_attempt(item) for item in batch]
            _settle([done for _, _, done in batch], outcomes)

    async def _insert_one_attempt(self, item: tuple) -> int | Exception:
        """One attempt alone: its stored id, or the error that refused it."""
        try:
            [attempt_id] = await self._insert_attempts([item])
        except Exception as error:
            return error
        return attempt_id

    async def _insert_attempts(self, batch: list) -> list[int]:
        """Insert a batch of attempts (and their schedules) in one transaction; their ids, in order."""
        ids = []
        async with self._transaction():
            for row, _, _ in batch:
                [(attempt_id,)] = await self._db.execute_fetchall(_INSERT_ATTEMPT_SQL, row)
                ids.append(attempt_id)
            schedules = [schedule for _, schedule, _ in batch if schedule is not None]
            if schedules:
                await self._db.executemany(_UPSERT_SCHEDULE_SQL, schedules)
        return ids

    async def _batched(self, statement: str, params: tuple) -> list[sqlite3.Row]:
        """Run one statement in the next group commit; its rows once that has committed.

        Statements arriving together share one transaction: a burst costs a few commits,
        not one each. A statement that fails is undone alone (SQLite undoes a failed
        statement by itself) and only its caller sees the error; nobody is told "stored"
        before the commit.
        """
        done: asyncio.Future[list[sqlite3.Row]] = asyncio.get_running_loop().create_future()
        self._pending_statements.append((statement, params, done))
        if self._batch_writer is None or self._batch_writer.done():
            self._batch_writer = asyncio.create_task(self._write_batches())
        return await done

    async def _write_batches(self) -> None:
        while self._pending_statements:
            batch, self._pending_statements = self._pending_statements, []
            outcomes: list[list[sqlite3.Row] | Exception] = []
            try:
                async with self._transaction():
                    for statement, params, _ in batch:
                        try:
                            outcomes.append(list(await self._db.execute_fetchall(statement, params)))
                        except sqlite3.OperationalError:
                            raise  # busy or full: the whole batch fails, below
                        except Exception as error:
                            outcomes.append(error)
            except Exception as error:  # the transaction rolled back: nobody's write was stored
                outcomes = [error] * len(batch)
            _settle([done for _, _, done in batch], outcomes)

    async def round_for_submission(
        self, tournament_id: int, number: int, user_id: int
    ) -> tuple[TournamentRound | None, bool]:
        """The round, and whether the user takes part, in one query (submissions are the hot path)."""
        row = await self._first(
            """
            SELECT r.*, EXISTS (SELECT 1 FROM tournament_participants AS p
                                WHERE p.tournament_id = r.tournament_id AND p.user_id = ?) AS registered
            FROM tournament_rounds AS r WHERE r.tournament_id = ? AND r.number = ?
            """,
            (user_id, tournament_id, number),
        )
        if row is None:
            return None, await self._is_participant(tournament_id, user_id)
        return _round(row), bool(row["registered"])

    async def _is_participant(self, tournament_id: int, user_id: int) -> bool:
        return (
            await self._first(
                "SELECT 1 FROM tournament_participants WHERE tournament_id = ? AND user_id = ?",
                (tournament_id, user_id),
            )
            is not None
        )

    async def submissions(self, tournament_id: int, number: int | None = None) -> list[Submission]:
        query, params = "SELECT * FROM tournament_submissions WHERE tournament_id = ?", [tournament_id]
        if number is not None:
            query += " AND round = ?"
            params.append(number)
        return [_submission(row) for row in await self._all(query + " ORDER BY round, submitted_at", params)]

    async def add_adjustment(self, adjustment: Adjustment) -> None:
        await self._write(
            """
            INSERT INTO score_adjustments (tournament_id, round, user_id, score, reason, moderator_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            (
                adjustment.tournament_id,
                adjustment.round,
                adjustment.user_id,
                adjustment.score,
                adjustment.reason,
                adjustment.moderator_id,
                adjustment.created_at,
            ),
        )

    async def adjustments(self, tournament_id: int) -> list[Adjustment]:
        return [
            Adjustment(
                r["tournament_id"],
                r["round"],
                r["user_id"],
                r["score"],
                r["reason"],
                r["moderator_id"],
                r["created_at"],
            )
            for r in await self._all(
                "SELECT * FROM score_adjustments WHERE tournament_id = ? ORDER BY created_at, id", (tournament_id,)
            )
        ]


def _settle(waiting: list[asyncio.Future], outcomes: list) -> None:
    """Give each caller of a group commit its outcome: a result, or the exception that refused it."""
    for done, outcome in zip(waiting, outcomes, strict=True):
        if done.done():
            continue
        if isinstance(outcome, Exception):
            done.set_exception(outcome)
        else:
            done.set_result(outcome)


async def _fetch(db: aiosqlite.Connection, query: str, params: tuple | list | dict = ()) -> list[sqlite3.Row]:
    return list(await db.execute_fetchall(query, params))


def _statements(script: str) -> list[str]:
    """Split a migration script into statements: comments dropped, then split at semicolons
    (our DDL has no string literals holding either)."""
    code = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    return [statement.strip() for statement in code.split(";") if statement.strip()]


def _session(row: sqlite3.Row) -> PracticeSession:
    return PracticeSession(
        row["learner_id"],
        row["scope"],
        row["guild_id"],
        row["channel_id"],
        row["case_id"],
        row["point"],
        row["hints_used"],
        row["started_at"],
    )


def _attempt(row: sqlite3.Row) -> Attempt:
    return Attempt(
        row["id"],
        row["learner_id"],
        row["learner_name"],
        row["guild_id"],
        row["channel_id"],
        row["case_id"],
        row["case_version"],
        row["point"],
        row["text"],
        row["score"],
        tuple(json.loads(row["covered"])),
        tuple(json.loads(row["flags"])),
        row["created_at"],
        _matches(row["details"]),
    )


def _matches_json(matches: tuple[Match, ...]) -> str:
    return json.dumps([{"id": m.counterargument_id, "excerpt": m.excerpt, "similarity": m.similarity} for m in matches])


def _matches(details: str | None) -> tuple[Match, ...]:
    return tuple(Match(d["id"], d["excerpt"], d["similarity"]) for d in json.loads(details or "[]"))


def _tournament(row: sqlite3.Row) -> Tournament:
    return Tournament(
        row["id"],
        row["guild_id"],
        row["channel_id"],
        row["name"],
        row["case_id"],
        row["rounds"],
        row["minutes"],
        row["state"],
        row["current_round"],
        tuple(json.loads(row["point_order"])),
        row["shuffle_seed"],
        bool(row["show_scores"]),
        bool(row["late_join"]),
        row["created_by"],
        row["created_at"],
    )


def _round(row: sqlite3.Row) -> TournamentRound:
    return TournamentRound(
        row["tournament_id"], row["number"], row["point"], row["opened_at"], row["deadline"], row["closed_at"]
    )


def _submission(row: sqlite3.Row) -> Submission:
    return Submission(
        row["tournament_id"],
        row["round"],
        row["user_id"],
        row["name"],
        row["text"],
        row["score"],
        tuple(json.loads(row["covered"])),
        tuple(json.loads(row["flags"])),
        _matches(row["details"]),
        row["submitted_at"],
        row["versions"],
    )
