"""`DisputeService`: a member disputes a practice score; a moderator confirms or corrects it.

A resolved dispute is a graded example: the counterarguments a moderator says were
really made, as a share of the Point's. :meth:`DisputeService.graded_lines` writes
them in the graded-set format of ``data/eval/holdout.jsonl``, so a club's own
corrections can measure the scorer on its cases. The attempt's stored score is never
changed: progress, leaderboards and schedules stay what the scorer said.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .cases import Point
from .catalog import CaseCatalog
from .models import Attempt, Dispute
from .practice import PracticeError
from .storage import Storage

#: A dispute's reason is one line.
MAX_REASON_CHARS = 200


class DisputeError(PracticeError):
    """A dispute that cannot be made or resolved; ``str()`` says why, for the user."""


class NoDisputeChannelError(DisputeError):
    def __init__(self) -> None:
        super().__init__(
            "This server has no disputes channel yet, so there is no one to send your dispute to. "
            "Ask a moderator to set one with `settings disputes #channel`."
        )


@dataclass(frozen=True)
class DisputeCase:
    """A dispute with the Point its attempt answered (for what the moderators see)."""

    dispute: Dispute
    point: Point

    def labels(self, ids: Iterable[str]) -> list[str]:
        """The labels of these counterargument ids, in the Point's order."""
        wanted = set(ids)
        return [arg.label for arg in self.point.counterarguments if arg.id in wanted]


class DisputeService:
    """Opening, resolving and exporting disputes. No Discord here: the cogs pass ids."""

    def __init__(self, storage: Storage, catalog: CaseCatalog):
        self.storage = storage
        self.store = storage.disputes
        self.catalog = catalog

    # --- the moderators' channel ------------------------------------------------------------

    async def channel(self, guild_id: int) -> int | None:
        return await self.store.channel(guild_id)

    async def set_channel(self, guild_id: int, channel_id: int | None) -> None:
        await self.store.set_channel(guild_id, channel_id)

    # --- the member's side ------------------------------------------------------------------

    async def check_can_dispute(self, attempt_id: int, user_id: int, guild_id: int | None) -> int:
        """The channel a dispute of this attempt would go to, or :class:`DisputeError` saying why none can."""
        if guild_id is None:
            raise DisputeError("Disputes go to a server's moderators; practice in a server to dispute a score.")
        attempt = await self.storage.attempts.get(attempt_id)
        if attempt is None or attempt.learner_id != str(user_id) or attempt.guild_id != guild_id:
            raise DisputeError("You can dispute only your own scores, in the server where they were given.")
        channel = await self.store.channel(guild_id)
        if channel is None:
            raise NoDisputeChannelError()
        existing = await self.store.of_attempt(attempt_id)
        if existing is not None:
            raise DisputeError(_already(existing))
        return channel

    async def open(self, attempt_id: int, user_id: int, guild_id: int | None, reason: str) -> tuple[DisputeCase, int]:
        """Store a dispute; returns it and the channel to post it to. Nothing is stored when it is refused."""
        reason = " ".join(reason.split())
        if not reason:
            raise DisputeError("Say in a line why the score is wrong.")
        if len(reason) > MAX_REASON_CHARS:
            raise DisputeError(f"Keep the reason to one line of at most {MAX_REASON_CHARS} characters.")
        channel = await self.check_can_dispute(attempt_id, user_id, guild_id)
        assert guild_id is not None  # checked above
        dispute_id = await self.store.open(attempt_id, guild_id, user_id, reason)
        if dispute_id is None:  # disputed meanwhile (a double submit)
            existing = await self.store.of_attempt(attempt_id)
            raise DisputeError(_already(existing) if existing else "This score is already disputed.")
        return await self.get(dispute_id), channel

    async def posted(self, dispute_id: int, channel_id: int, message_id: int) -> None:
        await self.store.set_message(dispute_id, channel_id, message_id)

    async def withdraw(self, dispute_id: int) -> None:
        """Remove a dispute the moderators never received (their channel could not be posted to)."""
        await self.store.withdraw(dispute_id)

    # --- the moderators' side ------------------------------------------------------------------

    async def get(self, dispute_id: int) -> DisputeCase:
        dispute = await self.store.get(dispute_id)
        if dispute is None:
            raise DisputeError("That dispute is gone (the member asked Counterpoint to forget them).")
        return DisputeCase(dispute, await self._point(dispute.attempt))

    async def confirm(self, dispute_id: int, moderator_id: int) -> DisputeCase:
        """The score stands: what was credited is what was made."""
        case = await self.open_case(dispute_id)
        attempt = case.dispute.attempt
        return await self._resolve(case, moderator_id, confirmed=True, claims=attempt.covered, score=attempt.score)

    async def correct(self, dispute_id: int, moderator_id: int, made: Iterable[str]) -> DisputeCase:
        """These counterargument ids were really made; the score they earn is recorded beside the scorer's."""
        case = await self.open_case(dispute_id)
        known = [arg.id for arg in case.point.counterarguments]
        chosen = set(made)
        if unknown := chosen - set(known):
            raise DisputeError(f"Point {case.point.number} has no counterargument {', '.join(sorted(unknown))}.")
        claims = tuple(arg_id for arg_id in known if arg_id in chosen)
        if chosen == set(case.dispute.attempt.covered):  # the credited set, unchanged: a confirmation
            return await self.confirm(dispute_id, moderator_id)
        score = round(100 * len(claims) / len(known))
        return await self._resolve(case, moderator_id, confirmed=False, claims=claims, score=score)

    async def open_case(self, dispute_id: int) -> DisputeCase:
        """The dispute, if it still waits for an answer; else :class:`DisputeError` saying how it was answered."""
        case = await self.get(dispute_id)
        if not case.dispute.is_open:
            raise DisputeError(_already(case.dispute))
        return case

    async def _resolve(
        self, case: DisputeCase, moderator_id: int, *, confirmed: bool, claims: tuple[str, ...], score: int
    ) -> DisputeCase:
        out_of = len(case.point.counterarguments)
        stored = await self.store.resolve(
            case.dispute.id, moderator_id, confirmed=confirmed, claims=claims, score=score, out_of=out_of
        )
        if not stored:  # another moderator answered first
            raise DisputeError(_already(await self._current(case.dispute.id)))
        return await self.get(case.dispute.id)

    async def _current(self, dispute_id: int) -> Dispute:
        return (await self.get(dispute_id)).dispute

    async def _point(self, attempt: Attempt) -> Point:
        case = await self.catalog.get(attempt.case_id, attempt.guild_id)
        return case.point(attempt.point)

    # --- measuring the scorer ---------------------------------------------------------------

    async def graded_lines(self, case_id: str) -> list[dict]:
        """The resolved disputes of ``case_id`` as graded rebuttals (``shared/eval`` format): the
        grade is the share of the Point's counterarguments really made, ``claims`` their ids."""
        return [
            {
                "id": f"dispute-{d.id}",
                "case": d.attempt.case_id,
                "point": d.attempt.point,
                "text": d.attempt.text,
                "grade": round(len(d.claims or ()) / d.out_of, 2) if d.out_of else 0.0,
                "kind": "dispute",
                "claims": list(d.claims or ()),
            }
            for d in await self.store.resolved_of_case(case_id)
        ]


def _already(dispute: Dispute) -> str:
    if dispute.is_open:
        return "This score is already disputed; the moderators have it."
    outcome = "confirmed the score" if dispute.confirmed else f"corrected it to {dispute.corrected_score}%"
    return f"This score's dispute has already been answered: a moderator {outcome}."
