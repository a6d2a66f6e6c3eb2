"""Progress: what a learner has done, how it is going, and what to practise next.

:class:`ProgressService` serves the Discord cogs and the terminal alike. In a
server, a learner's progress means their practice in that server; in private
(DMs, the terminal) it means all of it. Nobody sees another learner's private
practice.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from .cases import CaseLibrary, Point, UnknownCaseError, UnknownPointError
from .catalog import CaseCatalog
from .coverage import Coverage
from .feedback import plural
from .models import Attempt, LeaderboardRow
from .practice import PracticeError
from .storage import Storage

DAY = 86_400.0
#: Leaderboard periods and how far back each reaches (None: the whole current season).
PERIODS: dict[str, float | None] = {"week": 7 * DAY, "month": 30 * DAY, "all": None}
TREND_WINDOW = 10


class UnknownPeriodError(PracticeError):
    def __init__(self, period: str):
        super().__init__(f"There is no period '{period}'. Choose one of: {', '.join(PERIODS)}.")


class AttemptNotFoundError(PracticeError):
    def __init__(self, attempt_id: int):
        super().__init__(f"There is no attempt #{attempt_id} that you can see here.")


@dataclass(frozen=True)
class PointProgress:
    case_id: str
    point: int
    attempts: int
    best: int
    latest: int


@dataclass(frozen=True)
class HitRate:
    """How often the learner's rebuttals to a Point made one of its counterarguments."""

    case_id: str
    point: int
    counterargument_id: str
    summary: str
    hits: int
    attempts: int

    @property
    def rate(self) -> float:
        return self.hits / self.attempts if self.attempts else 0.0


@dataclass(frozen=True)
class ScorePoint:
    """One attempt on the chart."""

    created_at: float
    case_id: str
    point: int
    score: int


@dataclass(frozen=True)
class ProgressReport:
    learner_name: str
    everywhere: bool  # True: all practice; False: this server's
    attempts: int
    points: tuple[PointProgress, ...]
    recent_average: float  # the last TREND_WINDOW attempts
    previous_average: float | None  # the TREND_WINDOW before those; None if there were none
    hit_rates: tuple[HitRate, ...]  # weakest first
    current_streak: int  # days in a row, up to today (or yesterday)
    longest_streak: int
    series: tuple[ScorePoint, ...]  # oldest first

    @property
    def trend(self) -> float | None:
        return None if self.previous_average is None else self.recent_average - self.previous_average


@dataclass(frozen=True)
class Leaderboard:
    period: str
    since: float
    rows: tuple[LeaderboardRow, ...]
    #: The most a member can score: 100 for each Point of the server's cases.
    possible: int = 0


@dataclass(frozen=True)
class ScheduledPoint:
    case_id: str
    case_title: str
    point: int
    claim: str
    due: float


class ProgressService:
    def __init__(self, storage: Storage, cases: CaseLibrary | CaseCatalog):
        self.storage = storage
        self.catalog = CaseCatalog.of(cases)

    async def report(self, learner_id: str, guild_id: int | None, *, now: float | None = None) -> ProgressReport | None:
        """The learner's progress in this server (or everywhere, for ``guild_id`` None); None: no practice yet."""
        attempts = await self.storage.attempts.of(learner_id, guild_id)
        if not attempts:
            return None
        now = time.time() if now is None else now
        oldest_first = list(reversed(attempts))
        recent = attempts[:TREND_WINDOW]
        previous = attempts[TREND_WINDOW : 2 * TREND_WINDOW]
        current, longest = streaks({_day(a.created_at) for a in attempts}, _day(now))
        return ProgressReport(
            learner_name=attempts[0].learner_name,
            everywhere=guild_id is None,
            attempts=len(attempts),
            points=_per_point(oldest_first),
            recent_average=_average(recent),
            previous_average=_average(previous) if previous else None,
            hit_rates=await self._hit_rates(oldest_first),
            current_streak=current,
            longest_streak=longest,
            series=tuple(ScorePoint(a.created_at, a.case_id, a.point, a.score) for a in oldest_first),
        )

    async def _hit_rates(self, attempts: list[Attempt]) -> tuple[HitRate, ...]:
        rates = []
        guild_of = {(a.case_id, a.point): a.guild_id for a in attempts}  # where the case was practised
        for case_id, number in dict.fromkeys((a.case_id, a.point) for a in attempts):
            point = await self._point(case_id, number, guild_of[(case_id, number)])
            if point is None:
                continue  # the case was removed since; its numbers still count above
            tries = [a for a in attempts if (a.case_id, a.point) == (case_id, number)]
            for arg in point.counterarguments:
                hits = sum(arg.id in a.covered for a in tries)
                rates.append(HitRate(case_id, number, arg.id, arg.summary, hits, len(tries)))
        return tuple(sorted(rates, key=lambda r: (r.rate, r.case_id, r.point)))

    async def _point(self, case_id: str, number: int, guild_id: int | None) -> Point | None:
        try:
            return (await self.catalog.get(case_id, guild_id)).point(number)
        except (UnknownCaseError, UnknownPointError):
            return None

    async def history(self, learner_id: str, guild_id: int | None, count: int = 10) -> list[Attempt]:
        """The learner's latest attempts here (everywhere, for ``guild_id`` None), newest first."""
        return await self.storage.attempts.of(learner_id, guild_id, limit=max(1, min(count, 25)))

    async def feedback(self, attempt_id: int, viewer_id: str, guild_id: int | None) -> tuple[Attempt, Point, Coverage]:
        """One attempt's full feedback, if the viewer may see it: their own anywhere, or another
        member's made in this server. Private practice stays private."""
        attempt = await self.storage.attempts.get(attempt_id)
        visible = attempt is not None and (
            attempt.learner_id == viewer_id or (guild_id is not None and attempt.guild_id == guild_id)
        )
        point = (
            await self._point(attempt.case_id, attempt.point, attempt.guild_id)
            if attempt is not None and visible
            else None
        )
        if attempt is None or point is None:
            raise AttemptNotFoundError(attempt_id)
        return attempt, point, attempt.coverage(point)

    async def leaderboard(self, guild_id: int, period: str = "all", *, now: float | None = None) -> Leaderboard:
        if period not in PERIODS:
            raise UnknownPeriodError(period)
        now = time.time() if now is None else now
        since = await self.storage.leaderboards.season_start(guild_id)
        reach = PERIODS[period]
        if reach is not None:
            since = max(since, now - reach)
        possible = 100 * sum(len(case.points) for case in await self.catalog.library_for(guild_id))
        return Leaderboard(period, since, tuple(await self.storage.leaderboards.ranking(guild_id, since)), possible)

    async def reset_leaderboard(self, guild_id: int, moderator_id: int) -> int:
        """Start a new season; the old one is archived, no attempt is deleted. Returns the new season's number."""
        return await self.storage.leaderboards.start_new_season(guild_id, moderator_id)

    async def schedule(self, learner_id: str) -> list[ScheduledPoint]:
        """The learner's Points by when they are due, soonest first."""
        scheduled = []
        for due in await self.storage.attempts.schedule_of(learner_id):
            # Schedules are kept per learner, not per server: shipped cases resolve here.
            point = await self._point(due.case_id, due.point, None)
            if point is not None:
                title = (await self.catalog.get(due.case_id, None)).title
                scheduled.append(ScheduledPoint(due.case_id, title, due.point, point.claim, due.due))
        return scheduled

    async def shares_private(self, learner_id: str) -> bool:
        return await self.storage.privacy.shares_private(learner_id)

    async def set_shares_private(self, learner_id: str, share: bool) -> None:
        await self.storage.privacy.set_shares_private(learner_id, share)

    async def export(self, learner_id: str) -> dict:
        """Everything Counterpoint keeps about the learner, as plain data (for `export-me`)."""
        attempts = await self.storage.attempts.of(learner_id, None)
        return {
            "learner_id": learner_id,
            "shares_private_practice": await self.storage.privacy.shares_private(learner_id),
            "attempts": [
                {
                    "id": a.id,
                    "created_at": a.created_at,
                    "guild_id": a.guild_id,
                    "channel_id": a.channel_id,
                    "case_id": a.case_id,
                    "case_version": a.case_version,
                    "point": a.point,
                    "text": a.text,
                    "score": a.score,
                    "covered": list(a.covered),
                    "flags": list(a.flags),
                }
                for a in reversed(attempts)
            ],
            "schedule": [
                {"case_id": d.case_id, "point": d.point, "due": d.due}
                for d in await self.storage.attempts.schedule_of(learner_id)
            ],
            **(await self._member_records(int(learner_id)) if learner_id.isdigit() else {}),
        }

    async def _member_records(self, user_id: int) -> dict[str, list[dict]]:
        return {
            **await self.storage.privacy.member_records(user_id),
            **await self.storage.disputes.member_records(user_id),
        }

    async def forget(self, learner_id: str) -> int:
        """Delete all of the learner's data; returns how many records went."""
        return await self.storage.privacy.forget(learner_id)


def _day(timestamp: float) -> int:
    """The UTC calendar day of a timestamp, as a day number."""
    return datetime.fromtimestamp(timestamp, tz=UTC).date().toordinal()


def streaks(days: set[int], today: int) -> tuple[int, int]:
    """(current, longest) runs of consecutive practice days. The current run may end
    yesterday: today is not over yet."""
    longest = run = 0
    previous = None
    for day in sorted(days):
        run = run + 1 if previous is not None and day == previous + 1 else 1
        longest = max(longest, run)
        previous = day
    current = 0
    day = today if today in days else today - 1
    while day in days:
        current += 1
        day -= 1
    return current, longest


def _average(attempts: list[Attempt]) -> float:
    return sum(a.score for a in attempts) / len(attempts) if attempts else 0.0


def _per_point(oldest_first: list[Attempt]) -> tuple[PointProgress, ...]:
    by_point: dict[tuple[str, int], list[Attempt]] = {}
    for attempt in oldest_first:
        by_point.setdefault((attempt.case_id, attempt.point), []).append(attempt)
    return tuple(
        PointProgress(case_id, point, len(tries), max(a.score for a in tries), tries[-1].score)
        for (case_id, point), tries in sorted(by_point.items())
    )


def due_label(due: float, now: float) -> str:
    """'due now' or how long until it is due, for the terminal."""
    if due <= now:
        return "due now"
    hours = (due - now) / 3600
    return f"due in {hours:.0f} h" if hours < 48 else f"due in {hours / 24:.0f} days"


def report_as_dict(report: ProgressReport, schedule: list[ScheduledPoint]) -> dict:
    """The report as JSON-ready data (`counterpoint progress --json`)."""
    return {
        "learner": report.learner_name,
        "attempts": report.attempts,
        "points": [p.__dict__ for p in report.points],
        "recent_average": round(report.recent_average, 1),
        "previous_average": None if report.previous_average is None else round(report.previous_average, 1),
        "trend": None if report.trend is None else round(report.trend, 1),
        "hit_rates": [
            {
                "case_id": r.case_id,
                "point": r.point,
                "id": r.counterargument_id,
                "hits": r.hits,
                "attempts": r.attempts,
                "rate": round(r.rate, 3),
            }
            for r in report.hit_rates
        ],
        "current_streak": report.current_streak,
        "longest_streak": report.longest_streak,
        "schedule": [{"case_id": s.case_id, "point": s.point, "due": s.due} for s in schedule],
    }


def report_as_text(report: ProgressReport, schedule: list[ScheduledPoint], now: float) -> str:
    """The report as terminal text."""
    lines = [
        f"{report.learner_name}: {plural(report.attempts, 'attempt')}, {plural(len(report.points), 'Point')} practised",
        f"Streak: {plural(report.current_streak, 'day')}, longest {report.longest_streak}",
        f"Average coverage, last {min(report.attempts, 10)}: {report.recent_average:.0f}%"
        + ("" if report.trend is None else f" ({report.trend:+.0f} vs the 10 before)"),
    ]
    for p in report.points:
        lines.append(
            f"  {p.case_id} Point {p.point}: best {p.best}%, latest {p.latest}% ({plural(p.attempts, 'try', 'tries')})"
        )
    weakest = [r for r in report.hit_rates if r.rate < 1][:3]
    if weakest:
        lines.append("You keep missing:")
        lines.extend(f"  {r.rate:.0%}  {r.summary}" for r in weakest)
    if schedule:
        lines.append("Schedule:")
        lines.extend(f"  {s.case_id} Point {s.point}: {due_label(s.due, now)}" for s in schedule)
    return "\n".join(lines)
