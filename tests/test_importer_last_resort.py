"""The last resort: an article that argues in a layout no reader knows still gets a draft, each block a Point,
with a review line wherever the claim had to be left for the coach; a text that argues nothing is still refused."""

from __future__ import annotations

import pytest

from bot.article_layouts import read_layout
from bot.importer import ImportError_, import_article, import_file

# Corrections opening plain paragraphs; the myths they correct are never stated.
MOVING_MYTHS = """# source: https://example.org/blog/moving-myths
Moving House: Myths Busted!

This post was written by Harbour Removals, on March 3, 2022

boxes stacked in a hallway

Every spring we hear the same worries from families about to move. Here are some common myths and misconceptions about moving house.

You do not have to hire a removal firm for a small flat. A rented van and two friends can move a one-bedroom flat in an afternoon. Many councils also lend trolleys and blankets for free.

Packing does not need to take weeks. Most households pack a room a day once they start with the things they never use. Labelled boxes matter far more than early boxes.

Moving in winter can be cheaper than moving in summer. Firms are quieter from November to February and often cut their rates by a fifth. Schools are in session, so roads near them are busy only twice a day.

Most sofas fit through a standard door with the feet off. Removal crews take legs and cushions off as a matter of course, and a sofa that sticks can go in through a window.
"""


def test_paragraphs_opening_with_corrections_draft_each_a_point_with_the_denial_undone():
    article = read_layout(MOVING_MYTHS)
    assert article.layout == "last resort"
    imported = import_file(MOVING_MYTHS.encode(), "moving.txt", "moving")
    case = imported.case
    # the byline, the caption and the opening that announces the myths are no Point
    assert [p.claim for p in case.points] == [
        "You have to hire a removal firm for a small flat.",
        "Packing needs to take weeks.",
        "Moving in winter cannot be cheaper than moving in summer.",  # an affirmation with "can": denied
        "Most sofas fit through a standard door with the feet off.",
    ]
    # the correction is the first reason: it stays in the answer
    assert case.points[0].counterarguments[0].source[0] == "You do not have to hire a removal firm for a small flat."
    assert all(
        "written by" not in s and "boxes stacked" not in s
        for p in case.points
        for a in p.counterarguments
        for s in a.source
    )
    # no rule can name what "Most sofas fit ..." corrects (no "not" to undo, no auxiliary to deny): the coach is told
    lines = imported.toml.splitlines()
    note = next(n for n, line in enumerate(lines, 1) if line.startswith("# review: Point 4: no rule could name"))
    assert lines[note].startswith('claim = "Most sofas fit')  # the note stands above the claim
    assert any(
        line == note and "Point 4: no rule could name the claim" in message for line, message in imported.warnings
    )
    assert sum("no rule could name" in message for _, message in imported.warnings) == 1  # only that Point's


# Topic headings (numbered, bare), each over a bulleted paragraph that reports the myth and answers it.
CYCLING_HEADINGS = """Cycling to Work: What the Myths Get Wrong

1. Sweat

  \u2022 The myth says you arrive at work soaked and smelly. Most commutes under five miles are ridden at an easy pace that barely raises a sweat. A spare shirt in a drawer covers the hottest days.

Danger

  \u2022 It's an old myth that city cycling is more dangerous than driving. Per hour of travel, injury rates for commuting cyclists are close to those of drivers. The exercise adds years of healthy life that outweigh the risk many times over.

Weather

  \u2022 Many people think it rains too often to ride. In most cities it rains on fewer than one commute in ten. Mudguards and a light jacket deal with the rest.
"""


def test_topic_headings_over_reported_myths_take_each_reported_myth_as_the_claim():
    article = read_layout(CYCLING_HEADINGS)
    assert article.layout == "last resort"
    draft, case = import_article(CYCLING_HEADINGS, "cycling")
    assert case.title == "Cycling to Work: What the Myths Get Wrong"
    assert [p.claim for p in case.points] == [
        "You arrive at work soaked and smelly.",
        "City cycling is more dangerous than driving.",
        "It rains too often to ride.",
    ]
    # the report is the claim, not a reason; what follows it answers
    assert [a.source for a in case.points[2].counterarguments] == [
        ("In most cities it rains on fewer than one commute in ten.",),
        ("Mudguards and a light jacket deal with the rest.",),
    ]
    assert "# review: the claims were found by the last resort" in draft
    assert "no rule could name" not in draft  # every claim was found by a rule


@pytest.mark.parametrize(
    "text",
    [
        # a recipe: headings, orders with "not", no one else's claim
        "Banana Bread\n\nIngredients\n\nThree ripe bananas, two cups of flour and a cup of sugar.\n\nMethod\n\n"
        "Do not overmix the batter. Fold the flour in gently until no streaks remain.\n\n"
        "Bake for an hour. The loaf is done when a skewer comes out clean.\n",
        # a story told in the first person
        "Our Trip North\n\nWe did not expect snow in May. The car slid twice on the pass and we stopped at an inn.\n\n"
        "I did not sleep much that night. In the morning the road was clear and we drove on to the lake.\n",
        # a list of links
        "Useful Links\n\nhttps://example.org/maps\n\nhttps://example.org/timetables\n\nSee more here.\n",
    ],
)
def test_a_recipe_a_story_or_a_list_of_links_is_still_refused_naming_the_layouts(text):
    with pytest.raises(ImportError_, match="No recognisable structure") as caught:
        import_article(text, "none")
    assert "last resort" in str(caught.value)


def test_an_op_ed_reading_of_one_claim_yields_where_the_blocks_after_it_answer_claims_of_their_own():
    # the opening reports a claim in prose, as an op-ed does; the op-ed would take all the rest as its answer
    opening = (
        "Cycling to Work: What the Myths Get Wrong\n\n"
        "Most of what drivers believe about commuting by bike is hearsay. For example, it's a myth that bikes "
        "slow down traffic. In fact, a bike lane moves five times as many people per hour as a car lane.\n"
    )
    text = CYCLING_HEADINGS.replace("Cycling to Work: What the Myths Get Wrong\n", opening)
    assert read_layout(text).layout == "last resort"
    _, case = import_article(text, "cycling")
    assert [p.claim for p in case.points] == [
        "Bikes slow down traffic.",
        "You arrive at work soaked and smelly.",
        "City cycling is more dangerous than driving.",
        "It rains too often to ride.",
    ]
    assert case.points[0].context == "Most of what drivers believe about commuting by bike is hearsay."


# A seller's page answering buyers' fears, each paragraph opening by naming the fear (articles-45's
# composting-toilet page): "The most common fear is of smell." names the Point; it does not deny one.
HEAT_PUMP_FEARS = """# source: https://example.org/heat-pumps/fears
Dealing with your fears

Heat pumps are new to most households, and buying one takes some trust. Here I answer the most common fears.

The most common fear is of noise. A modern unit runs at about forty decibels, quieter than a fridge, and it sits outside the house.

Cold winters are another concern. Our units keep heating at minus fifteen degrees, and we have fitted them in the Highlands for ten years.

Another biggie is the cost. A grant pays most of the price, and running costs are close to a new gas boiler's.
"""


def test_a_paragraph_naming_the_fear_it_answers_is_a_point_for_the_coach_to_word():
    from bot.importer import draft_toml

    _, case = import_article(HEAT_PUMP_FEARS, "heat-pumps")
    claims = [p.claim for p in case.points]
    assert "The most common fear is of noise." in claims and "Cold winters are another concern." in claims
    assert "The most common fear is not of noise." not in claims  # naming a fear denies nothing
    noise = case.points[claims.index("The most common fear is of noise.")]
    assert [s for a in noise.counterarguments for s in a.source][0].startswith("A modern unit runs at about forty")
    assert draft_toml(HEAT_PUMP_FEARS).count("names the worry it answers") == 3
