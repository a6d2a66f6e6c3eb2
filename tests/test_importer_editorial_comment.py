"""An editorial answering a reader's comment quoted whole: an opening verdict on the other side's fears,
the comment, then short paragraphs each answering one fear, on a page with no blank lines (articles-14's
skate park editorial)."""

from __future__ import annotations

from bot.article_layouts import read_layout
from bot.importer import import_article

DOG_PARK = """# source: https://news.example.com/2024/05/02/dog-park-fears
Fears that dogs will foul the playground and frighten children are overblown.
Riverside has had a fenced dog run beside its playground for six years, and the playground is as busy as ever. Isn't it unfair to shut out a whole group of residents because they own a pet?
We were sorry to read comments like the following on our Facebook page about the plan for a dog park at Elm Green.
One resident wrote... "We will not accept barking dogs next to our gardens. We have put up with roadworks and lorries all spring..."
They mean the corner of Elm Green nearest Cedar Road, where the council has proposed the run.
But instead of treating every owner as careless about the playground, give them a place of their own. Surveys show most owners clean up after their dogs when bins are nearby.
A fenced run keeps barking to one corner. A line of hedging cuts the sound to that of ordinary traffic.
We think another reader summed the question up far more kindly than that.
"A dog park gives owners a place to meet and gives the dogs exercise they cannot get on a lead."
"""


def test_an_opening_verdict_and_a_quoted_comment_are_the_claims_each_answered_by_its_own_paragraphs():
    assert read_layout(DOG_PARK).layout == "op-ed"
    draft, case = import_article(DOG_PARK, "dog-park")
    # "Fears that X are overblown" states X and denies it; the comment's first sentence is its claim
    assert [p.claim for p in case.points] == [
        "Dogs will foul the playground and frighten children.",
        "We will not accept barking dogs next to our gardens.",
    ]
    # the rest of the comment, and the line saying what it refers to, set it out: no reasons
    assert case.points[1].context == (
        "We have put up with roadworks and lorries all spring... They mean the corner of Elm Green nearest "
        "Cedar Road, where the council has proposed the run."
    )
    sources = [[" ".join(a.source) for a in p.counterarguments] for p in case.points]
    # each line of the page is a paragraph of its own; the paragraph after the comment that answers the
    # opening's fear (the playground) goes back to it; the lines announcing a quotation are no reasons
    assert sources[0] == [
        "Riverside has had a fenced dog run beside its playground for six years, and the playground is as busy "
        "as ever. Isn't it unfair to shut out a whole group of residents because they own a pet?",
        "But instead of treating every owner as careless about the playground, give them a place of their own.",
        "Surveys show most owners clean up after their dogs when bins are nearby.",
    ]
    assert sources[1] == [
        "A fenced run keeps barking to one corner.",
        "A line of hedging cuts the sound to that of ordinary traffic.",
        '"A dog park gives owners a place to meet and gives the dogs exercise they cannot get on a lead."',
    ]
    assert "the following" not in draft and "summed the question up" not in draft
