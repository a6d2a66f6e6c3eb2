"""The schema, as forward migrations: one list per engine, kept in step by number.

Migration ``n`` takes a database from version ``n - 1`` to ``n`` on either engine, so a
version number means the same tables and columns on both (``migrate-to`` relies on it).
SQLite keeps the version in ``PRAGMA user_version``; PostgreSQL in the one-row table
``counterpoint_schema``. Times are Unix seconds (UTC) as floating point, so ordering and
range queries are plain comparisons and Discord timestamps are one ``int()`` away; Discord
ids are 64-bit integers (BIGINT on PostgreSQL); flags are 0/1 integers on both, so the
same SQL reads them.
"""

from __future__ import annotations

SQLITE_MIGRATIONS: tuple[str, ...] = (
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
    # 5: rate-limit uses shared by several processes (used on PostgreSQL; one SQLite process counts in memory)
    """
    CREATE TABLE rate_limit_uses (
        action      TEXT    NOT NULL,     -- 'rebut', 'practice', 'submit'
        learner_id  TEXT    NOT NULL,
        at          REAL    NOT NULL
    );
    CREATE INDEX rate_limit_uses_by_learner ON rate_limit_uses (action, learner_id, at);
    """,
    # 6: disputes of practice scores (their SQL is in disputes.py), and where each server's
    # moderators read them
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


POSTGRES_MIGRATIONS: tuple[str, ...] = (
    # 1: attempts and current practice sessions
    """
    CREATE TABLE counterpoint_schema (version INTEGER NOT NULL);
    INSERT INTO counterpoint_schema (version) VALUES (0);

    CREATE TABLE attempts (
        id            BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        learner_id    TEXT    NOT NULL,
        learner_name  TEXT    NOT NULL,
        guild_id      BIGINT,
        channel_id    BIGINT,
        case_id       TEXT    NOT NULL,
        case_version  TEXT    NOT NULL,
        point         INTEGER NOT NULL,
        text          TEXT    NOT NULL,
        score         INTEGER NOT NULL,
        covered       TEXT    NOT NULL,
        flags         TEXT    NOT NULL,
        created_at    DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX attempts_by_learner ON attempts (learner_id, created_at);
    CREATE INDEX attempts_by_guild ON attempts (guild_id, created_at);

    CREATE TABLE sessions (
        learner_id  TEXT    NOT NULL,
        scope       TEXT    NOT NULL,
        guild_id    BIGINT,
        channel_id  BIGINT,
        case_id     TEXT    NOT NULL,
        point       INTEGER NOT NULL,
        hints_used  INTEGER NOT NULL DEFAULT 0,
        started_at  DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (learner_id, scope)
    );
    """,
    # 2: progress: kept feedback, spaced-repetition cards, privacy, leaderboard seasons
    """
    ALTER TABLE attempts ADD COLUMN details TEXT;

    DROP INDEX attempts_by_guild;
    CREATE INDEX attempts_by_guild ON attempts (guild_id, created_at, learner_id, case_id, point, score);

    CREATE TABLE schedule (
        learner_id  TEXT    NOT NULL,
        case_id     TEXT    NOT NULL,
        point       INTEGER NOT NULL,
        card        TEXT    NOT NULL,
        due         DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (learner_id, case_id, point)
    );

    CREATE TABLE learner_settings (
        learner_id     TEXT    PRIMARY KEY,
        share_private  INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE seasons (
        guild_id    BIGINT  NOT NULL,
        number      INTEGER NOT NULL,
        started_at  DOUBLE PRECISION NOT NULL,
        ended_at    DOUBLE PRECISION,
        ended_by    BIGINT,
        PRIMARY KEY (guild_id, number)
    );
    """,
    # 3: server settings and tournaments
    """
    CREATE TABLE guild_settings (
        guild_id            BIGINT  PRIMARY KEY,
        moderator_role_id   BIGINT,
        default_case        TEXT,
        tournament_rounds   INTEGER,
        tournament_minutes  DOUBLE PRECISION
    );

    CREATE TABLE tournaments (
        id            BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        guild_id      BIGINT  NOT NULL,
        channel_id    BIGINT  NOT NULL,
        name          TEXT    NOT NULL,
        case_id       TEXT    NOT NULL,
        rounds        INTEGER NOT NULL,
        minutes       DOUBLE PRECISION NOT NULL,
        state         TEXT    NOT NULL,
        current_round INTEGER NOT NULL DEFAULT 0,
        point_order   TEXT    NOT NULL,
        shuffle_seed  BIGINT,
        show_scores   INTEGER NOT NULL,
        late_join     INTEGER NOT NULL,
        created_by    BIGINT  NOT NULL,
        created_at    DOUBLE PRECISION NOT NULL
    );
    CREATE UNIQUE INDEX tournaments_open_per_channel ON tournaments (channel_id)
        WHERE state IN ('registration', 'running');

    CREATE TABLE tournament_participants (
        tournament_id  BIGINT  NOT NULL REFERENCES tournaments (id),
        user_id        BIGINT  NOT NULL,
        name           TEXT    NOT NULL,
        joined_at      DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (tournament_id, user_id)
    );

    CREATE TABLE tournament_rounds (
        tournament_id  BIGINT  NOT NULL REFERENCES tournaments (id),
        number         INTEGER NOT NULL,
        point          INTEGER NOT NULL,
        opened_at      DOUBLE PRECISION NOT NULL,
        deadline       DOUBLE PRECISION NOT NULL,
        closed_at      DOUBLE PRECISION,
        PRIMARY KEY (tournament_id, number)
    );

    CREATE TABLE tournament_submissions (
        tournament_id  BIGINT  NOT NULL REFERENCES tournaments (id),
        round          INTEGER NOT NULL,
        user_id        BIGINT  NOT NULL,
        name           TEXT    NOT NULL,
        text           TEXT    NOT NULL,
        score          INTEGER NOT NULL,
        covered        TEXT    NOT NULL,
        flags          TEXT    NOT NULL,
        details        TEXT    NOT NULL,
        submitted_at   DOUBLE PRECISION NOT NULL,
        versions       INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (tournament_id, round, user_id)
    );

    CREATE TABLE score_adjustments (
        id             BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        tournament_id  BIGINT  NOT NULL REFERENCES tournaments (id),
        round          INTEGER NOT NULL,
        user_id        BIGINT  NOT NULL,
        score          INTEGER NOT NULL,
        reason         TEXT    NOT NULL,
        moderator_id   BIGINT  NOT NULL,
        created_at     DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX score_adjustments_by_tournament ON score_adjustments (tournament_id, round, user_id);
    """,
    # 4: per-server case libraries and more server settings
    """
    CREATE TABLE guild_cases (
        guild_id     BIGINT  NOT NULL,
        case_id      TEXT    NOT NULL,
        version      TEXT    NOT NULL,
        toml         TEXT    NOT NULL,
        uploaded_by  BIGINT  NOT NULL,
        uploaded_at  DOUBLE PRECISION NOT NULL,
        current      INTEGER NOT NULL,
        PRIMARY KEY (guild_id, case_id, version)
    );
    CREATE INDEX guild_cases_current ON guild_cases (guild_id, current);

    ALTER TABLE guild_settings ADD COLUMN practice_channels TEXT;
    ALTER TABLE guild_settings ADD COLUMN tournament_show_scores INTEGER;
    ALTER TABLE guild_settings ADD COLUMN leaderboard_enabled INTEGER;
    """,
    # 5: rate-limit uses shared by several processes
    """
    CREATE TABLE rate_limit_uses (
        action      TEXT    NOT NULL,
        learner_id  TEXT    NOT NULL,
        at          DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX rate_limit_uses_by_learner ON rate_limit_uses (action, learner_id, at);
    """,
    # 6: disputes of practice scores (their SQL is in disputes.py), and where each server's
    # moderators read them
    """
    CREATE TABLE disputes (
        id               BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        attempt_id       BIGINT NOT NULL UNIQUE REFERENCES attempts (id) ON DELETE CASCADE,
        guild_id         BIGINT NOT NULL,
        user_id          BIGINT NOT NULL,   -- the member disputing (the attempt's learner)
        reason           TEXT   NOT NULL,
        created_at       DOUBLE PRECISION NOT NULL,
        channel_id       BIGINT,            -- the moderators' message, once posted
        message_id       BIGINT,
        resolved_by      BIGINT,            -- NULL while open; 0 once that moderator was forgotten
        resolved_at      DOUBLE PRECISION,
        confirmed        INTEGER,           -- 1: the score stands; 0: corrected
        claims           TEXT,              -- JSON list of the counterargument ids really made
        corrected_score  INTEGER,
        out_of           INTEGER            -- how many counterarguments the Point had
    );
    CREATE INDEX disputes_by_user ON disputes (user_id);
    CREATE INDEX disputes_by_moderator ON disputes (resolved_by);
    CREATE TABLE dispute_channels (
        guild_id    BIGINT PRIMARY KEY,
        channel_id  BIGINT NOT NULL
    );
    """,
)

assert len(SQLITE_MIGRATIONS) == len(POSTGRES_MIGRATIONS), "the two engines' schemas are kept in step"
SCHEMA_VERSION = len(SQLITE_MIGRATIONS)

#: The tables of the current schema in an order that satisfies their foreign keys (copying follows
#: it); rate_limit_uses is left out: its rows only matter for a minute.
TABLES: tuple[str, ...] = (
    "attempts",
    "sessions",
    "schedule",
    "learner_settings",
    "seasons",
    "guild_settings",
    "tournaments",
    "tournament_participants",
    "tournament_rounds",
    "tournament_submissions",
    "score_adjustments",
    "guild_cases",
    "disputes",
    "dispute_channels",
)


def statements(script: str) -> list[str]:
    """Split a migration script into statements: comments dropped, then split at semicolons
    (our DDL has no string literals holding either)."""
    code = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    return [statement.strip() for statement in code.split(";") if statement.strip()]
