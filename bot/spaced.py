"""Spaced practice: each (learner, case, Point) is a card in the FSRS scheduler.

A rebuttal's coverage is the review's rating, so a Point answered poorly comes
back soon and one answered fully comes back later and later. The `fsrs`
package does the scheduling; this module only maps scores to ratings and
keeps cards serialisable for storage.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler

# Debate practice is a daily habit, not a flashcard drill: the first steps are
# hours apart rather than FSRS's default minutes. No fuzzing, so the schedule is
# reproducible (and testable).
SCHEDULER = Scheduler(
    learning_steps=(timedelta(hours=1), timedelta(hours=12)),
    relearning_steps=(timedelta(hours=1),),
    enable_fuzzing=False,
)


def rating_for(score: int) -> Rating:
    """Coverage as a review rating: under a third is Again, under two thirds Hard, all of it Easy."""
    if score < 34:
        return Rating.Again
    if score < 67:
        return Rating.Hard
    if score < 100:
        return Rating.Good
    return Rating.Easy


def review(card_json: str | None, score: int, when: float) -> tuple[str, float]:
    """The card after a review with this score at ``when`` (Unix seconds): (serialised card, due)."""
    # An explicit id: without one, fsrs sleeps a millisecond (blocking the event loop) to keep ids unique.
    card = Card.from_dict(json.loads(card_json)) if card_json else Card(card_id=int(when * 1000))
    moment = datetime.fromtimestamp(when, tz=UTC)
    card, _ = SCHEDULER.review_card(card, rating_for(score), moment)
    return json.dumps(card.to_dict()), card.due.timestamp()
