"""Runtime settings, read once from the environment (and `.env`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import load_dotenv

from .ratelimit import parse_rate
from .shards import ShardPlan

#: Where the shipped cases live: `data/cases` beside the packages.
SHIPPED_CASES_DIR = Path(__file__).resolve().parent.parent / "data" / "cases"

_TRUE = {"1", "true", "yes", "on"}


def database_location(value: str | Path) -> Path | str:
    """COUNTERPOINT_DB (or ``--db``) as given: a PostgreSQL URL stays a string, anything else is a file path."""
    text = str(value).strip()
    return text if text.startswith(("postgresql://", "postgres://")) else Path(text)


class ConfigError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot and the terminal need to start.

    The token is kept out of ``repr`` so that logging a ``Settings`` never leaks it.
    """

    token: str | None = field(default=None, repr=False)
    #: A SQLite file (the default), or a ``postgresql://`` URL for several processes on one database.
    db_path: Path | str = Path("counterpoint.db")
    command_prefix: str = "!"
    cases_dir: Path = SHIPPED_CASES_DIR
    message_content_intent: bool = False
    owner_ids: frozenset[int] = frozenset()
    max_rebuttal_chars: int = 4000
    log_level: str = "INFO"
    #: Per-user limits (uses, seconds) on rebuttals and on new Points.
    rebut_rate: tuple[int, float] = (6, 60.0)
    practice_rate: tuple[int, float] = (12, 60.0)
    #: "judge" (the neural scorer) or "lexical" (the term matcher, faster, for the shipped case).
    scorer: str = "judge"
    #: CPU threads each model may use per call.
    scorer_threads: int = 1
    #: The shards this process runs (SHARD_IDS of SHARD_COUNT); None: all of them, as Discord decides.
    shards: ShardPlan | None = None

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, *, dotenv: bool = True) -> Settings:
        """Build settings from ``env`` (default: ``os.environ`` after loading ``.env``)."""
        if env is None:
            if dotenv:
                load_dotenv(override=False)
            env = dict(os.environ)
        try:
            owner_ids = frozenset(int(part) for part in env.get("OWNER_IDS", "").replace(" ", "").split(",") if part)
        except ValueError:
            raise ConfigError("OWNER_IDS must be a comma-separated list of Discord user ids") from None
        try:
            max_chars = int(env.get("MAX_REBUTTAL_CHARS", cls.max_rebuttal_chars))
        except ValueError:
            raise ConfigError("MAX_REBUTTAL_CHARS must be a whole number") from None
        try:
            rebut_rate = parse_rate(env.get("REBUT_RATE") or "6/60")
            practice_rate = parse_rate(env.get("PRACTICE_RATE") or "12/60")
        except ValueError as error:
            raise ConfigError(f"REBUT_RATE / PRACTICE_RATE: {error}") from None
        scorer = (env.get("SCORER") or cls.scorer).strip().lower()
        if scorer not in ("judge", "lexical"):
            raise ConfigError(f"SCORER must be 'judge' or 'lexical', not '{scorer}'")
        try:
            scorer_threads = int(env.get("SCORER_THREADS") or cls.scorer_threads)
            if not 1 <= scorer_threads <= 64:
                raise ValueError
        except ValueError:
            raise ConfigError("SCORER_THREADS must be a whole number from 1 to 64") from None
        try:
            shards = ShardPlan.parse(env.get("SHARD_COUNT"), env.get("SHARD_IDS"))
        except ValueError as error:
            raise ConfigError(str(error)) from None
        return cls(
            token=(env.get("DISCORD_TOKEN") or "").strip() or None,
            db_path=database_location(env.get("COUNTERPOINT_DB") or cls.db_path),
            command_prefix=env.get("COMMAND_PREFIX") or cls.command_prefix,
            cases_dir=Path(env.get("COUNTERPOINT_CASES") or SHIPPED_CASES_DIR),
            message_content_intent=env.get("MESSAGE_CONTENT_INTENT", "").strip().lower() in _TRUE,
            owner_ids=owner_ids,
            max_rebuttal_chars=max_chars,
            log_level=(env.get("LOG_LEVEL") or cls.log_level).upper(),
            rebut_rate=rebut_rate,
            practice_rate=practice_rate,
            scorer=scorer,
            scorer_threads=scorer_threads,
            shards=shards,
        )
