"""The tournament state machine on a real database, with a clock the tests move."""

from __future__ import annotations

import csv
import io

import pytest
from support import A2_A5, A5, B2, BOTH_ENGINES

from bot.cases import CaseLibrary
from bot.config import SHIPPED_CASES_DIR
from bot.practice import PracticeService
from bot.storage import Storage
from bot.tournament import TournamentError, TournamentService, point_order

pytestmark = BOTH_ENGINES


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def service(db):
    storage = await Storage.open(db)
    cases = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
    clock = Clock()
    yield TournamentService(storage, cases, PracticeService(cases, storage), clock=clock)
    await storage.close()


async def started(service, *, players=("ann", "ben", "cat"), **options):
    t = await service.create(1, 10, "Club night", created_by=99, minutes=5, **options)
    for number, name in enumerate(players, start=1):
        await service.join(t, number, name)
    opened = await service.start(await service.in_channel(10))
    return opened.tournament, opened


async def test_a_full_tournament(service):
    t, opened = await started(service)
    assert opened.round.number == 1 and opened.point.number == 1
    assert opened.round.deadline == service.clock.now + 300

    first = await service.submit(t, 1, "ann", A5)
    assert first.coverage is None and not first.replaced  # scores withheld by default
    assert (await service.submit(t, 1, "ann", A2_A5)).replaced
    await service.submit(t, 2, "ben", A5)

    service.clock.now += 301  # a second late
    with pytest.raises(TournamentError, match="deadline for round 1 has passed"):
        await service.submit(t, 3, "cat", A5)
    result = await service.close_if_due(t.id, 1)
    assert [(p.name, p.score) for p in result.placings] == [("ann", 33), ("ben", 17)]

    t = await service.in_channel(10)
    result, opened = await service.advance(t)
    assert result is None and opened.round.number == 2  # round 1 was already closed
    t = opened.tournament
    await service.submit(t, 3, "cat", B2)
    await service.adjust(t, 2, 1, 40, "strong delivery", moderator_id=99)
    result, nothing = await service.advance(t)
    assert nothing is None and [p.name for p in result.placings] == ["cat"]

    standings = await service.standings(await service.storage.tournaments.get(t.id))
    assert [(s.name, s.total) for s in standings] == [("ben", 40), ("ann", 33), ("cat", 17)]
    rounds_csv, final_csv = await service.export(t)
    rows = list(csv.DictReader(io.StringIO(rounds_csv)))
    ben = next(r for r in rows if r["name"] == "ben")
    assert (ben["score"], ben["original_score"], ben["adjustment"]) == ("40", "17", "40 by 99: strong delivery")
    assert list(csv.DictReader(io.StringIO(final_csv)))[0]["name"] == "ben"
    assert (await service.storage.tournaments.get(t.id)).state == "finished"


async def test_one_open_tournament_per_channel(service):
    await service.create(1, 10, "First", created_by=99)
    with pytest.raises(TournamentError, match="already has an open tournament \\(First\\)"):
        await service.create(1, 10, "Second", created_by=99)
    assert (await service.create(1, 11, "Elsewhere", created_by=99)).name == "Elsewhere"


async def test_starting_with_nobody_is_refused(service):
    t = await service.create(1, 10, "Empty", created_by=99)
    with pytest.raises(TournamentError, match="at least one participant"):
        await service.start(t)
    assert (await service.in_channel(10)).state == "registration"


async def test_two_starts_racing_leave_one_round_open(service):
    import asyncio

    t = await service.create(1, 10, "Race", created_by=99)
    await service.join(t, 1, "ann")
    outcomes = await asyncio.gather(service.start(t), service.start(t), return_exceptions=True)
    assert sum(not isinstance(o, Exception) for o in outcomes) == 1
    assert "already started" in str(next(o for o in outcomes if isinstance(o, Exception)))
    assert [r.number for r in await service.storage.tournaments.rounds(t.id)] == [1]


async def test_late_joiners_are_refused_unless_allowed(service):
    t, _ = await started(service)
    with pytest.raises(TournamentError, match="does not take late entries"):
        await service.join(t, 7, "late")
    await service.cancel(t)
    t2, _ = await started(service, late_join=True)
    assert await service.join(t2, 7, "late") == 4


async def test_non_participants_and_bad_input_are_refused(service):
    t, _ = await started(service)
    with pytest.raises(TournamentError, match="not registered"):
        await service.submit(t, 42, "stranger", A5)
    with pytest.raises(TournamentError, match="between 0 and 100"):
        await service.adjust(t, 1, 1, 140, "typo", moderator_id=99)
    with pytest.raises(TournamentError, match="has no round 5"):
        await service.results(t, 5)
    with pytest.raises(TournamentError, match="Rounds must be between"):
        await service.create(1, 12, "Too long", created_by=99, rounds=50)


async def test_shuffled_order_is_reproducible_from_its_seed(service):
    case = service.catalog.shipped.default
    assert point_order(case, 4, None) == (1, 2, 1, 2)
    assert point_order(case, 6, 1234) == point_order(case, 6, 1234)
    t = await service.create(1, 10, "Shuffled", created_by=99, rounds=6, shuffle=True, seed=1234)
    assert t.shuffle_seed == 1234 and t.point_order == point_order(case, 6, 1234)


async def test_scores_shown_at_once_when_chosen(service):
    t, _ = await started(service, show_scores=True)
    receipt = await service.submit(t, 1, "ann", A5)
    assert receipt.coverage.score == 17


async def test_recovery_closes_rounds_that_ran_out_while_down(service):
    t, _ = await started(service)
    await service.submit(t, 1, "ann", A5)
    service.clock.now += 10_000
    recovery = await service.recover()
    assert [r.round.number for r in recovery.closed] == [1] and not recovery.still_open
    assert [p.name for p in recovery.closed[0].placings] == ["ann"]


async def test_concurrent_submissions_are_each_stored_once_and_a_racing_close_refuses_the_rest(service):
    import asyncio

    players = tuple(f"p{n}" for n in range(40))
    t, _ = await started(service, players=players)
    first = await asyncio.gather(*(service.submit(t, n, name, A5) for n, name in enumerate(players, start=1)))
    assert all(not r.replaced for r in first)
    again = await asyncio.gather(*(service.submit(t, n, name, B2) for n, name in enumerate(players[:10], start=1)))
    assert all(r.replaced for r in again)
    stored = await service.storage.tournaments.submissions(t.id, 1)
    assert len(stored) == 40 and sorted(s.versions for s in stored) == [1] * 30 + [2] * 10

    late = [service.submit(t, n, name, A5) for n, name in enumerate(players[:5], start=1)]
    outcomes = await asyncio.gather(service.close_round(t, 1), *late, return_exceptions=True)
    refused = [o for o in outcomes[1:] if isinstance(o, TournamentError)]
    accepted = [o for o in outcomes[1:] if not isinstance(o, Exception)]
    assert len(refused) + len(accepted) == 5
    final = {s.user_id: s.versions for s in await service.storage.tournaments.submissions(t.id, 1)}
    assert sum(v - (2 if uid <= 10 else 1) for uid, v in final.items()) == len(accepted)  # no ghost writes
