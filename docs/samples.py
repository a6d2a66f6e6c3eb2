"""Print the README's Discord samples from the real code: a practice result and a tournament
round, as a player sees them.

    .venv/bin/python docs/samples.py

The services run on a throwaway database with the shipped case and the default scorer; the
embeds are the cogs' own, rendered as text by :func:`cogs.embed_text.embed_as_text`.
``tests/test_docs.py`` checks that the README shows what this prints.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from anywhere, as the checkout's code

from bot.cases import CaseLibrary  # noqa: E402
from bot.config import SHIPPED_CASES_DIR  # noqa: E402
from bot.models import Learner, Place  # noqa: E402
from bot.practice import PracticeService  # noqa: E402
from bot.storage import Storage  # noqa: E402
from bot.tournament import TournamentService  # noqa: E402

REBUTTAL = (
    "Kim would be miscalculating: the US will not back down in a crisis even with its cities at risk. "
    "North Korea will never match the forces of Russia or China and has no strategic depth."
)
PLAYERS = {1: "bob", 2: "cleo", 3: "dev"}
OPENED_AT = 1_900_000_000.0  # 2030-03-17 17:46 UTC


async def samples() -> tuple[str, str]:
    """The practice result and the tournament round, as text."""
    from cogs.embed_text import embed_as_text
    from cogs.practice import result_embed
    from cogs.result_views import result_view
    from cogs.tournament_embeds import round_embed

    cases = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
    with tempfile.TemporaryDirectory() as folder:
        storage = await Storage.open(Path(folder) / "samples.db")
        practice = PracticeService(cases, storage)
        try:
            bob, server = Learner.discord(1, "bob"), Place(10, 20)
            await practice.start(bob, server, "north-korea", 1)
            result = await practice.submit(bob, server, REBUTTAL)
            labels = tuple(item.item.label for item in result_view(result, 1).children)
            result_text = embed_as_text(result_embed(result, "bob"), buttons=labels)

            tournaments = TournamentService(storage, cases, practice, clock=lambda: OPENED_AT)
            t = await tournaments.create(10, 20, "Club night", 99, rounds=2, minutes=10)
            for user_id, name in PLAYERS.items():
                await tournaments.join(t, user_id, name)
            opened = await tournaments.start(t)
            round_text = embed_as_text(round_embed(opened, len(PLAYERS)), now=OPENED_AT, buttons=("Submit rebuttal",))
        finally:
            await practice.scoring.close()
            await storage.close()
    return result_text, round_text


def main() -> None:
    for text in asyncio.run(samples()):
        print(f"```text\n{text}\n```\n")


if __name__ == "__main__":
    main()
