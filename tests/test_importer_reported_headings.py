"""Bare headings that report other people's claims, each answered by a paragraph that reports the claim at
second hand and then rejects it (articles-15's page answering hiking myth-busters)."""

from __future__ import annotations

from bot.article_layouts import read_layout
from bot.importer import import_article

# A page with no blank lines: every line a heading or a paragraph.
RUNNING_ADVICE = """# source: https://example.org/running/advice-i-ignore
Advice I Ignore
Before my own tips, a word on some of the running advice that goes around online:
Stretching before a run prevents injuries
You may read that a long static stretch before every run keeps you from getting hurt. In my view this is wishful thinking. Trials with thousands of army recruits found no fewer injuries among those who stretched before training. It is much better to warm up with five minutes of easy jogging, which readies the muscles you will actually use. See: Warming Up
Expensive shoes are a waste of money
Many forums will say that any cheap pair of trainers will do. That may be true for a light runner doing a few miles a week, but heavier runners and those training for a marathon need the cushioning that a good shoe keeps for hundreds of miles. Also, a shop that watches you run can spot overpronation before it turns into shin splints. See: Choosing Shoes
Rest days matter
I don't disagree with this, but most articles mean lying on the sofa. A gentle walk or swim on a rest day speeds recovery. See: Recovery
Now for Some Real Mistakes
Running every run fast
Slow down. Most of your miles should be easy enough to hold a conversation.
"""


def test_headings_reported_and_rejected_are_claims_answered_from_the_rejection_on():
    article = read_layout(RUNNING_ADVICE)
    assert article.layout == "reported headings"
    draft, case = import_article(RUNNING_ADVICE, "running-advice")
    assert case.title == "Advice I Ignore"
    # the heading the page agrees with ("I don't disagree") and the page's own myths after its subheading are out
    assert [p.claim for p in case.points] == [
        "Stretching before a run prevents injuries.",
        "Expensive shoes are a waste of money.",
    ]
    # the report sets the claim out: it is the context, not a reason
    assert case.points[0].context == (
        "You may read that a long static stretch before every run keeps you from getting hurt."
    )
    sources = [[a.source for a in p.counterarguments] for p in case.points]
    # the rejection is a reason of its own; "It is much better to ..." is advice of its own, not a continuation;
    # the "See: ..." link line goes
    assert sources[0] == [
        ("In my view this is wishful thinking.",),
        ("Trials with thousands of army recruits found no fewer injuries among those who stretched before training.",),
        (
            "It is much better to warm up with five minutes of easy jogging, which readies the muscles you will actually use.",
        ),
    ]
    assert sources[1] == [
        (
            "That may be true for a light runner doing a few miles a week, but heavier runners and those training for "
            "a marathon need the cushioning that a good shoe keeps for hundreds of miles.",
        ),
        ("Also, a shop that watches you run can spot overpronation before it turns into shin splints.",),
    ]
    assert "See:" not in draft


# Markdown headings with blank lines, other report and rejection words.
GARDEN_HEARSAY = """# Garden Hearsay

A few things I keep hearing from other gardeners.

## Tomatoes need watering every day

Some people say tomatoes must be watered daily or they split. Not so. Deep watering twice a week sends the roots down, where the soil stays moist in a heat wave.

Daily sprinkling keeps the roots near the surface, where they dry out first.

## Coffee grounds make soil acidic

You'll hear that coffee grounds turn any bed acidic. That is a myth. Used grounds are close to neutral, because brewing washes most of the acid out.
"""


def test_markdown_headings_with_hearsay_and_a_denial_are_read_with_every_answer_paragraph():
    draft, case = import_article(GARDEN_HEARSAY, "garden-hearsay")
    assert read_layout(GARDEN_HEARSAY).layout == "reported headings"
    assert [p.claim for p in case.points] == ["Tomatoes need watering every day.", "Coffee grounds make soil acidic."]
    reasons = [" ".join(a.source) for a in case.points[0].counterarguments]
    # "Not so." is a lead-in under four words: no reason of its own; the next paragraph still answers
    assert reasons == [
        "Deep watering twice a week sends the roots down, where the soil stays moist in a heat wave.",
        "Daily sprinkling keeps the roots near the surface, where they dry out first.",
    ]


# Bare headings over prose that reports nothing: an article's own subheadings, not claims it answers.
OWN_SUBHEADINGS = """Planning a Vegetable Plot
Here is how I lay out a new plot each spring:
Start with the sun
Watch where the shade falls for a day before you dig. Beds need six hours of sun.
Many gardeners say raised beds are worth it. But I dig straight into the ground.
Mind the paths
Leave paths wide enough for a wheelbarrow. Narrow paths get trampled into the beds.
"""


def test_headings_whose_paragraphs_report_and_reject_nothing_are_not_this_layout():
    # one paragraph reports and turns ("Many gardeners say ... But ..."), but one is not a list of claims answered
    try:
        layout = read_layout(OWN_SUBHEADINGS).layout
    except ValueError:
        layout = "none"
    assert layout != "reported headings"
