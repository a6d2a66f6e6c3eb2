"""Practice sessions: present a Point, take a rebuttal, score it, store it.

:class:`PracticeService` is what every front door calls: the Discord cogs and
the terminal alike. It raises :class:`PracticeError` subclasses for anything a
user did wrong; their messages are written to be shown as they are.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from .cases import Case, CaseError, CaseLibrary, Point, UnknownCaseError, UnknownPointError
from .catalog import CaseCatalog, CatalogError
from .models import AttemptResult, CardUpdate, Learner, NewAttempt, Place, PracticeSession
from .ratelimit import Limiter, limiter_for
from .scorers import RebuttalScorer, ScoringWorker, make_scorer
from .spaced import review
from .storage import Storage, StorageUnavailableError
from .text import normalize

#: How many of a learner's latest attempts ``hint`` looks through for what they have made.
HINT_LOOKBACK = 50


class PracticeError(Exception):
    """Something the user can fix; ``str()`` is the message to show them."""


class NoSessionError(PracticeError):
    def __init__(self) -> None:
        super().__init__("You have no Point to answer yet. Start with `practice`.")


class SlowDownError(PracticeError):
    def __init__(self, retry_after: float):
        self.retry_after = retry_after
        super().__init__(f"Slow down a little: you can do that again in {max(1, round(retry_after))}s.")


class RoundInProgressError(PracticeError):
    """The Point is the one a tournament round of the learner's is on: no practice, hints or answers for it
    until the round closes."""

    def __init__(self, tournament: str, point: int):
        super().__init__(
            f"You are in {tournament}, whose open round is on Point {point}: practice, hints and answers "
            "for that Point wait until the round closes."
        )


class InvalidRebuttalError(PracticeError):
    """The rebuttal was refused before scoring: empty or too long. Nothing is stored."""


# Unknown cases and Points, malformed uploads and refused library changes are user
# errors too; front doors catch them alongside PracticeError.
USER_ERRORS = (PracticeError, UnknownCaseError, UnknownPointError, CaseError, CatalogError, StorageUnavailableError)


def check_rebuttal(text: str, max_chars: int) -> str:
    """The rebuttal, stripped, or :class:`InvalidRebuttalError` saying what is wrong.

    Every door that scores a rebuttal (the bot, terminal practice, ``counterpoint
    score``) applies this one rule. The length is checked first, so an oversized
    text is refused before any work is done on it.
    """
    stripped = (text or "").strip()
    if len(stripped) > max_chars:
        raise rebuttal_too_long(len(stripped), max_chars)
    if not normalize(stripped).strip():  # zero-width characters alone are empty too
        raise InvalidRebuttalError("Your rebuttal is empty. Write your answer to the Point.")
    return stripped


def rebuttal_too_long(length: int | None, max_chars: int) -> InvalidRebuttalError:
    """The refusal of an oversized rebuttal; ``length`` None when it was not read to the end."""
    if length is None:
        size = f"is over the limit of {max_chars:,} characters"
    else:
        size = f"is {length:,} characters; the limit is {max_chars:,}"
    return InvalidRebuttalError(f"Your rebuttal {size}. Make your strongest points more briefly.")


@dataclass(frozen=True)
class PointPrompt:
    """A Point as presented to a learner."""

    case: Case
    point: Point
    session: PracticeSession


class PracticeService:
    """The practice loop, independent of how the learner reaches it."""

    def __init__(
        self,
        cases: CaseLibrary | CaseCatalog,
        storage: Storage,
        scorer: RebuttalScorer | None = None,
        *,
        max_rebuttal_chars: int = 4000,
        rng: random.Random | None = None,
        rebut_rate: tuple[int, float] | None = None,
        practice_rate: tuple[int, float] | None = None,
    ):
        self.catalog = CaseCatalog.of(cases)
        self.storage = storage
        self.scorer = scorer or make_scorer()
        self.scoring = ScoringWorker(self.scorer)
        self.max_rebuttal_chars = max_rebuttal_chars
        self._rng = rng or random.Random()
        # None: unlimited (the terminal); the bot passes its configured rates.
        self._rebut_limit = limiter_for(storage, "rebut", rebut_rate)
        self._practice_limit = limiter_for(storage, "practice", practice_rate)

    async def _throttle(self, limiter: Limiter | None, learner: Learner) -> None:
        if limiter is not None:
            wait = await limiter.take(learner.id)
            if wait:
                raise SlowDownError(wait)

    async def start(
        self, learner: Learner, place: Place, case_id: str | None = None, point: int | None = None
    ) -> PointPrompt:
        """Give the learner a Point (chosen, or the next due) and remember it as their current one."""
        await self._throttle(self._practice_limit, learner)
        if case_id:
            case = await self.catalog.get(case_id, place.guild_id)
        else:
            case = await self.catalog.default_for(place.guild_id)
        locked = await self.locked_points(learner, case.id)
        if point is not None and point in locked:
            raise RoundInProgressError(locked[point], point)
        chosen = case.point(point) if point is not None else await self._next_point(learner, case, locked=locked)
        session = await self.storage.sessions.save(learner.id, place, case.id, chosen.number)
        return PointPrompt(case, chosen, session)

    async def _next_point(
        self, learner: Learner, case: Case, *, avoid: int | None = None, locked: dict[int, str] | None = None
    ) -> Point:
        """Spaced practice: a Point never tried first, else the one due soonest (overdue ones first);
        never one a tournament round of the learner's is on (``locked``)."""
        locked = locked or {}
        open_points = [p for p in case.points if p.number not in locked]
        if not open_points:
            number, tournament = next(iter(locked.items()))
            raise RoundInProgressError(tournament, number)
        candidates = [p for p in open_points if p.number != avoid] or open_points
        scheduled = {d.point: d.due for d in await self.storage.attempts.schedule_of(learner.id, case.id)}
        fresh = [p for p in candidates if p.number not in scheduled]
        if fresh:
            return self._rng.choice(fresh)
        return min(candidates, key=lambda p: scheduled[p.number])

    async def current(self, learner: Learner, place: Place) -> PointPrompt:
        """The learner's current Point in this place, or :class:`NoSessionError`."""
        session = await self.storage.sessions.get(learner.id, place.scope)
        if session is None:
            raise NoSessionError()
        try:
            case = await self.catalog.get(session.case_id, place.guild_id)
            point = case.point(session.point)
        except (UnknownCaseError, UnknownPointError):
            # The case was removed or changed since; the session cannot be answered.
            await self.storage.sessions.clear(learner.id, place.scope)
            raise NoSessionError() from None
        return PointPrompt(case, point, session)

    async def focus(self, learner: Learner, place: Place, case_id: str, point: int) -> PointPrompt:
        """Make this Point the learner's current one, keeping the session (and its hints) if it already is."""
        session = await self.storage.sessions.get(learner.id, place.scope)
        if session is not None and (session.case_id, session.point) == (case_id, point):
            return await self.current(learner, place)
        return await self.start(learner, place, case_id, point)

    async def has_session(self, learner: Learner, place: Place) -> bool:
        return await self.storage.sessions.get(learner.id, place.scope) is not None

    async def locked_points(self, learner: Learner, case_id: str | None = None) -> dict:
        """The Points that an open tournament round of the learner's is on, with the tournament's
        name: while the round runs, practising them would show its answers. By Point number for
        one case; by (case id, Point number) with ``case_id`` None."""
        if not learner.id.isdigit():
            return {}  # the terminal: not a Discord member, in no tournament
        rounds = [
            (t.case_id, t.point_order[t.current_round - 1], t.name)
            for t in await self.storage.tournaments.with_open_round_for(int(learner.id))
        ]
        if case_id is None:
            return {(case, point): name for case, point, name in rounds}
        return {point: name for case, point, name in rounds if case == case_id}

    async def _unlocked(self, learner: Learner, prompt: PointPrompt) -> PointPrompt:
        """``prompt``, unless its Point is locked by an open tournament round (:class:`RoundInProgressError`)."""
        await self.ensure_unlocked(learner, prompt.case.id, prompt.point.number)
        return prompt

    async def ensure_unlocked(self, learner: Learner, case_id: str, point: int) -> None:
        """:class:`RoundInProgressError` if an open tournament round of the learner's is on this Point
        (for anything that would show its counterarguments: past feedback, a case's summaries)."""
        locked = await self.locked_points(learner, case_id)
        if point in locked:
            raise RoundInProgressError(locked[point], point)

    def check_rebuttal(self, text: str) -> str:
        """The rebuttal, stripped, or :class:`InvalidRebuttalError` saying what is wrong."""
        return check_rebuttal(text, self.max_rebuttal_chars)

    async def submit(self, learner: Learner, place: Place, text: str) -> AttemptResult:
        """Score a rebuttal to the learner's current Point and store the attempt.

        The session stays open, so the learner may try the same Point again.
        """
        await self._throttle(self._rebut_limit, learner)  # first: a refused flood costs next to nothing
        rebuttal = self.check_rebuttal(text)
        prompt = await self._unlocked(learner, await self.current(learner, place))
        coverage = await self.scoring.score(prompt.case, prompt.point, rebuttal)
        new = NewAttempt(
            learner.id,
            learner.name,
            place,
            prompt.case.id,
            prompt.case.version,
            prompt.point.number,
            rebuttal,
            coverage,
        )
        card, due = review(
            await self.storage.attempts.card(learner.id, prompt.case.id, prompt.point.number),
            coverage.score,
            time.time(),
        )
        attempt = await self.storage.attempts.record(new, CardUpdate(prompt.case.id, prompt.point.number, card, due))
        return AttemptResult(attempt, prompt.point, coverage)

    async def hint(self, learner: Learner, place: Place) -> str:
        """A hint towards a counterargument not yet made on this Point, cycling through those one per call.

        "Made" means covered by a rebuttal to this Point since it became the current
        one, in this place. When every one has been made, the hint says so.
        """
        return (await self.numbered_hint(learner, place))[0]

    async def numbered_hint(self, learner: Learner, place: Place) -> tuple[str, str]:
        """:meth:`hint`, with a label saying which Point and which hint of those left ("Point 1 · hint 2/3")."""
        prompt = await self._unlocked(learner, await self.current(learner, place))
        made = await self.made_so_far(learner, place, prompt)
        arguments = [arg for arg in prompt.point.counterarguments if arg.id not in made]
        if not arguments:
            text = "You have made every counterargument to this Point. Compare with `answer`, or `skip` to another."
            return text, f"Point {prompt.point.number}"
        index = prompt.session.hints_used % len(arguments)
        await self.storage.sessions.count_hint(learner.id, place.scope)
        return arguments[index].hint, f"Point {prompt.point.number} \u00b7 hint {index + 1}/{len(arguments)}"

    async def made_so_far(self, learner: Learner, place: Place, prompt: PointPrompt) -> set[str]:
        """The counterarguments the learner's rebuttals have covered since this Point became current."""
        session = prompt.session
        made: set[str] = set()
        for attempt in await self.storage.attempts.of(learner.id, place.guild_id, limit=HINT_LOOKBACK):
            if attempt.created_at < session.started_at:
                break  # newest first: the rest came before this session
            if (attempt.guild_id, attempt.case_id, attempt.point) == (place.guild_id, session.case_id, session.point):
                made.update(attempt.covered)
        return made

    async def answer(self, learner: Learner, place: Place) -> PointPrompt:
        """The current Point, for showing the article's full counterarguments."""
        return await self._unlocked(learner, await self.current(learner, place))

    async def skip(self, learner: Learner, place: Place) -> PointPrompt:
        """Move on to a different Point of the same case (or the only one again), the next due first."""
        current = await self.current(learner, place)
        return await self.next_after(learner, place, current.case.id, current.point.number)

    async def next_after(self, learner: Learner, place: Place, case_id: str, point: int) -> PointPrompt:
        """Move on from Point ``point`` of a case to a different one (the next due first), as :meth:`skip`."""
        case = await self.catalog.get(case_id, place.guild_id)
        chosen = await self._next_point(learner, case, avoid=point, locked=await self.locked_points(learner, case.id))
        return await self.start(learner, place, case.id, chosen.number)
