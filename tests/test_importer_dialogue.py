"""A "they say, you say" script: the other side's turns under one speaker label, the reader's answers under
another (articles-49's flight-offset page: "He says: ... / You say: ...")."""

from __future__ import annotations

from drafting import layout_of, sources_by_point

from bot.importer import import_article

SCOOTER_SCRIPT = """# source: https://streets.example.org/talking-to-your-neighbour
Talking to Your Neighbour About the Scooter Scheme

They say: The scooters will be dumped all over the pavement.

You say: Every scooter has to be parked in a marked bay before the ride ends, and riders are charged until it is.

In the trial streets, complaints about blocked pavements fell by half within a month.

They say: But they're dangerous. Someone will get killed.

You say: Injury rates per trip were lower than for cycling in the trial, and the scooters are limited to 15 mph.

They say: Well, I still don't like it.

You say: That's fair, and the council is holding a drop-in at the library on Tuesday where you can say so.

They say: I suppose I'll go and have a look.

Share this page
"""


def test_each_answered_turn_of_the_other_side_is_a_point_answered_by_the_readers_turn():
    assert layout_of(SCOOTER_SCRIPT) == "they say, you say"
    draft, case = import_article(SCOOTER_SCRIPT, "scooters")
    # the closing turn has no answer and "Well, I still don't like it." nothing to rebut: no Point either;
    # each claim is the turn as said, for the coach to word
    assert [p.claim for p in case.points] == [
        "The scooters will be dumped all over the pavement.",
        "But they're dangerous. Someone will get killed.",
    ]
    assert "said rather than claimed" in draft
    sources = sources_by_point(case)
    assert sources[0][0].startswith("Every scooter has to be parked in a marked bay")  # no "You say:" label
    assert "complaints about blocked pavements fell by half within a month." in sources[0][-1]
    assert not [s for p in sources for s in p if "Share this" in s or "They say" in s]


def test_one_answered_turn_is_no_script():
    one = SCOOTER_SCRIPT.split("They say: But they're dangerous.")[0]
    assert layout_of(one) != "they say, you say"
