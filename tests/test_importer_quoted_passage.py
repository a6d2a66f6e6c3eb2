"""A blog reply to one quoted passage of a named piece (articles-10's crossword post): the passage's claims
are the Points, and each reply paragraph answers the one it names most of those left."""

from __future__ import annotations

from bot.article_layouts import read_layout
from bot.importer import import_article

KNITTING_REPLY = """# source: https://yarnandreason.example.com/2015/03/in-defence-of-knitting.html
Tuesday, March 3, 2015

In Defence of Knitting

Here's a column in the Daily Courier that will fill my inbox: Needles Out, Brains Off by Martin Hale.

Here's a taste:

Knitters like to think their hobby makes them calmer and wiser than the rest of us. Surely the hours spent \
clicking needles - endlessly looping the same yarn round and round - could go to something that exercises the \
mind? It's called learning a language.

Most knitters I know also read, garden and play music, and plenty of them spend their spare hours learning \
languages too. Counting stitches takes the same concentration as conjugating verbs.

Complex patterns are nothing like looping yarn endlessly. Following a cable chart means reading symbols, holding \
a sequence in your head and spotting a mistake ten rows later. Fixing a dropped stitch is a lesson in patience.

Anyway, I'm off to buy more wool for the
"""


def test_the_claims_of_a_quoted_passage_are_answered_by_the_reply_paragraphs_that_name_them():
    assert read_layout(KNITTING_REPLY).layout == "quoted passage"
    draft, case = import_article(KNITTING_REPLY, "knitting")
    assert case.title == "In Defence of Knitting"
    # a short sentence goes on with the one before; a dash-set aside is a claim of its own; the claim the
    # reply names nowhere (knitters think themselves wiser) is no Point
    assert [p.claim for p in case.points] == [
        "Surely the hours spent clicking needles could go to something that exercises the mind? "
        "It's called learning a language.",
        "Endlessly looping the same yarn round and round.",
    ]
    sources = [[" ".join(a.source) for a in p.counterarguments] for p in case.points]
    assert any("spend their spare hours learning languages" in s for s in sources[0])
    assert any("cable chart" in s for s in sources[1]) and not any("cable chart" in s for s in sources[0])
    # the opening, the announcement, the passage itself and the sentence the page cut off are no reasons
    for words in ("Daily Courier", "taste", "calmer and wiser", "more wool"):
        assert not any(words in s for p in sources for s in p)
    assert "paired with the reply paragraphs" in draft  # which claim each paragraph answers is a guess
    # "Here's a taste:" after an opening that names no article, column or post: a quotation in passing
    # and "Here's why:" announces the writer's own reasons, not a quotation
    unnamed = KNITTING_REPLY.replace("Here's a column in the Daily Courier", "Here's something")
    for text in (unnamed, KNITTING_REPLY.replace("Here's a taste:", "Here's why:")):
        try:
            layout = read_layout(text).layout
        except ValueError:
            layout = "refused"
        assert layout != "quoted passage"
