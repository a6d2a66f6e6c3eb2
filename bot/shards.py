"""Which shard a server belongs to, and whether this process runs it.

A bot in many servers splits its gateway connection into shards; several processes
can share the work, each running some of the shards (``SHARD_IDS`` of ``SHARD_COUNT``)
on one database. Discord sends a server's events to shard ``(guild_id >> 22) %
shard_count`` and every DM to shard 0, so work that no event starts (a tournament's
deadline timer, recovery at start-up) must be done by the process that runs that
shard, and by no other. No Discord here: the formula is Discord's, the arithmetic ours.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Discord delivers direct messages to shard 0 only.
DM_SHARD = 0


def shard_of(guild_id: int | None, shard_count: int) -> int:
    """The shard that receives a server's events (``None``, a DM: shard 0)."""
    if guild_id is None:
        return DM_SHARD
    return (guild_id >> 22) % shard_count


@dataclass(frozen=True)
class ShardPlan:
    """The shards this process runs: ``ids`` out of ``count``."""

    count: int
    ids: tuple[int, ...]

    def __post_init__(self) -> None:
        if self.count < 1:
            raise ValueError(f"SHARD_COUNT must be at least 1, not {self.count}")
        if not self.ids:
            raise ValueError("SHARD_IDS must name at least one shard")
        outside = [i for i in self.ids if not 0 <= i < self.count]
        if outside:
            raise ValueError(
                f"SHARD_IDS {', '.join(map(str, outside))} out of range: with SHARD_COUNT={self.count}, "
                f"shard ids run from 0 to {self.count - 1}"
            )
        if len(set(self.ids)) != len(self.ids):
            raise ValueError("SHARD_IDS lists a shard twice")

    @classmethod
    def parse(cls, count: str | None, ids: str | None) -> ShardPlan | None:
        """The plan the settings describe; None when neither is set (one process, Discord decides).

        ``count`` alone runs every shard in this process. Raises ValueError with a message
        for the operator on garbage, a count below 1 or an id out of range."""
        count, ids = (count or "").strip(), (ids or "").replace(" ", "")
        if not count:
            if ids:
                raise ValueError("SHARD_IDS needs SHARD_COUNT (how many shards all processes run together)")
            return None
        try:
            total = int(count)
        except ValueError:
            raise ValueError(f"SHARD_COUNT must be a whole number, not '{count}'") from None
        if total < 1:
            raise ValueError(f"SHARD_COUNT must be at least 1, not {total}")
        if not ids:
            return cls(total, tuple(range(total)))
        try:
            chosen = tuple(int(part) for part in ids.split(","))
        except ValueError:
            raise ValueError(f"SHARD_IDS must be comma-separated shard numbers, like 0,1, not '{ids}'") from None
        return cls(total, chosen)

    def owns(self, guild_id: int | None) -> bool:
        """Whether this process receives the events of that server (``None``: of DMs)."""
        return shard_of(guild_id, self.count) in self.ids


def runs_here(plan: ShardPlan | None, guild_id: int | None) -> bool:
    """Whether this process is the one to do a server's (or, for ``None``, DMs') own work.
    Without a plan there is one process, and it does everything."""
    return plan is None or plan.owns(guild_id)
