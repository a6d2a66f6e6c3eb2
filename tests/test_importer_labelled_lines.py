"""Two layouts of campaign pages (articles-13): talking points as runs of labelled lines, the claim given only as
the other side's phrasings; and "Argument N)" labels answered by bullets ending in citation numbers."""

from __future__ import annotations

from bot.article_layouts import read_layout
from bot.importer import import_article

# --- runs of labelled lines: "You'll also hear it as:", "Where it comes from:", "What's actually true:" --------

TALKING_POINTS = """# source: https://fairroads.example.org/talking-points
Every argument against the congestion charge is one of five talking points. They come from the same few lobby groups.
See the complete list of talking points →
You'll also hear it as: "it will kill the high street" · "shoppers will drive to the out-of-town mall" · "maybe in London, but not in a small northern city."
Where it comes from: retail federation press releases, car park operators, and a survey of forty shop owners.
What's actually true: Footfall on charged streets rose in Stockholm and Gothenburg within two years of the charge. Shoppers who arrive on foot or by bus spend more each month than drivers, because they come back more often.
Small-city scale? Durham has charged drivers since 2002, and its market place lost no shops to the charge.
The tell: If the charge emptied high streets, retailers would publish their takings. They never do.
You'll also hear it as: "it is a tax on the poor" · "nurses and carers will pay the most."
Where it comes from: Motoring clubs and a few councillors who drive to work.
What's actually true: The poorest fifth of households do not own a car at all, and the charge pays for their buses.
You'll also hear it as: "drivers will just pay and nothing changes"
Where it comes from: Cab drivers, increasingly backed by
"""


def test_labelled_lines_make_a_point_of_each_run_of_phrasings_answered_after_its_answer_label():
    draft, case = import_article(TALKING_POINTS, "congestion-charge")
    # a call to action ending in a link's arrow is never the title (the page has none: its address names it)
    assert case.title == "Talking points"
    # the claim is the phrasings, one after another; one answered alone by a paragraph opening with a short
    # question naming it ("Small-city scale?") is a Point of its own; a run with no answer (cut off) is none
    assert [p.claim for p in case.points] == [
        "It will kill the high street; shoppers will drive to the out-of-town mall.",
        "Maybe in London, but not in a small northern city.",
        "It is a tax on the poor; nurses and carers will pay the most.",
    ]
    sources = [[a.source for a in p.counterarguments] for p in case.points]
    # the answer: each reason after the label, and the closing "The tell:" without its label
    assert sources[0] == [
        ("Footfall on charged streets rose in Stockholm and Gothenburg within two years of the charge.",),
        (
            "Shoppers who arrive on foot or by bus spend more each month than drivers, because they come back more "
            "often.",
        ),
        ("If the charge emptied high streets, retailers would publish their takings.", "They never do."),
    ]
    assert sources[1] == [("Durham has charged drivers since 2002, and its market place lost no shops to the charge.",)]
    # who makes the claim is no answer to it; nor are the labels, the lead question or the call to action
    body = "\n".join(line for line in draft.splitlines() if not line.startswith("#"))
    for left_out in (
        "comes from",
        "retail federation",
        "Motoring clubs",
        "actually true",
        "The tell",
        "scale?",
        "list",
    ):
        assert left_out not in body, left_out
    # the phrasings with no answer label after them are no talking point answered
    unanswered = TALKING_POINTS.replace("What's actually true: ", "")
    try:
        layout = read_layout(unanswered).layout
    except ValueError:
        layout = ""
    assert layout != "labelled lines"


# --- "Argument N)" labels, each answered by bullets, with citation numbers ------------------------------------

ARGUMENTS = """# source: http://saferstreets.example.org/arguments-against-20mph/
What Are the Arguments Against 20 mph Speed Limits?

Motoring groups keep making the same arguments against lower limits in towns.

Here is how to answer them.

Argument 1)  Journeys will take much longer.
  • First, this argument assumes that drivers travel at the limit for most of a town trip.  In reality, junctions and traffic lights set the pace, and trips in Bristol took under a minute longer after the change.  (3)
  • Slower traffic flows more smoothly, because drivers brake less often and the queues at junctions shrink.
  • Wales found that "average journey times barely moved at all"5.
Argument 2)  Nobody sticks to the limit anyway.
  • Yes, some drivers speed, but average speeds still fell by 3 mph on the streets that changed.  (2)\u0020\u0020
  • Not only that, but every mile an hour less cuts collisions by about six per cent.
Argument 3)  Buses will run late and lose passen
"""


def test_argument_labels_answered_by_bullets_make_a_reason_of_each_bullet_without_its_citation():
    draft, case = import_article(ARGUMENTS, "twenty-mph")
    assert case.title == "What Are the Arguments Against 20 mph Speed Limits?"
    # the argument cut off mid-word has no answer and makes no Point
    assert [p.claim for p in case.points] == ["Journeys will take much longer.", "Nobody sticks to the limit anyway."]
    sources = [[a.source for a in p.counterarguments] for p in case.points]
    # each bullet of a list of bullets is one reason: its lead and the sentence explaining it stay together
    assert sources[0] == [
        (
            "First, this argument assumes that drivers travel at the limit for most of a town trip.",
            "In reality, junctions and traffic lights set the pace, and trips in Bristol took under a minute longer "
            "after the change.",
        ),
        ("Slower traffic flows more smoothly, because drivers brake less often and the queues at junctions shrink.",),
        ('Wales found that "average journey times barely moved at all".',),  # the glued footnote digit goes
    ]
    assert sources[1] == [
        ("Yes, some drivers speed, but average speeds still fell by 3 mph on the streets that changed.",),
        ("Not only that, but every mile an hour less cuts collisions by about six per cent.",),
    ]
    assert "(3)" not in draft and "(2)" not in draft and "passen" not in draft
    # "Argument" says nothing of whose argument it is: on a page that does not name them the other side's
    # (its own arguments, for lower limits), the labels are no claims
    own = ARGUMENTS.replace("the Arguments Against", "the Arguments For").replace(
        "Motoring groups keep making the same arguments against lower limits in towns.", "We support lower limits."
    )
    try:
        layout = read_layout(own).layout
    except ValueError:
        layout = ""
    assert layout != "Myth/Fact"
