"""Opponents quoted one by one and answered: a blog post answering posts quoted under their @handles
(articles-16's esports post), and a comic column answering critics quoted with a mocking speech tag
(articles-16's lawn column)."""

from __future__ import annotations

from bot.article_layouts import read_layout
from bot.importer import import_article

CHESS_POSTS = """# source: https://boardblog.example.com/chess-on-tv
Chess belongs on television, and the scoffers can queue up. When a sports channel showed the final, the replies poured in.

Priya Nandakumar

3/4/22 9:15am

The Reaction Online

@KnightRiderGus: "Why is a sports channel showing two people staring at a board"

Because millions of people want to watch them stare. The final drew more viewers online than most football friendlies, and a channel follows its audience.

Grandmasters also train like athletes. They run, swim and watch their diet to last through six-hour games.

What I Think

Why does it bother anyone? Let people enjoy their hobby in peace.

@CouchCoachJen "Is this a sport now? Sitting still for hours will make kids even lazier"

Sitting still is not what makes kids lazy. Children who play chess at school also join more clubs, not fewer. Hell, the last tournament I went to had a queue for the
"""

CAT_COLUMN = """# source: https://papers.example.com/columns/in-defence-of-the-house-cat
Enough is enough. For years the bird lobby has called for the house cat to be locked indoors.

photo: Whiskers keeps watch over the garden.

To these self-appointed guardians, the cat is a furry menace that empties gardens of songbirds. Only by keeping every cat indoors, they insist, can the robins be saved.

What a heap of feathered nonsense.

Songbird numbers rose in towns where cats roam freely, according to the county survey. Cats mostly catch mice, which eat the eggs of nesting birds.

"But cats are not wild animals," sniff the bird-lovers. "They kill for fun, not for food." Most cats I know can barely be bothered to chase a leaf. A well-fed cat sleeps sixteen hours a day.

"Cats spread disease," tut the bird-lovers, "through every garden they cross."

"Funny," I reply, "my vet says indoor cats see her more often than outdoor ones do."
"""


def test_posts_quoted_under_their_handles_are_the_claims_and_a_heading_ends_an_answer():
    assert read_layout(CHESS_POSTS).layout == "quoted posts"
    draft, case = import_article(CHESS_POSTS, "chess-on-tv")
    # the post's words are the claim: a question keeps its mark, a statement ends in a full stop
    assert [p.claim for p in case.points] == [
        "Why is a sports channel showing two people staring at a board?",
        "Is this a sport now? Sitting still for hours will make kids even lazier.",
    ]
    sources = [[" ".join(a.source) for a in p.counterarguments] for p in case.points]
    # the paragraphs under "What I Think" answer neither post; the sentence the page cut off is left out
    assert sources[1] == [
        "Sitting still is not what makes kids lazy.",
        "Children who play chess at school also join more clubs, not fewer.",
    ]
    assert any("millions of people want to watch" in s for s in sources[0])
    assert any("train like athletes" in s for s in sources[0])
    for line in ("@KnightRiderGus", "Priya Nandakumar", "3/4/22", "The Reaction Online", "bother anyone", "queue"):
        assert not any(line in s for p in sources for s in p)


def test_critics_quoted_with_a_speech_tag_are_the_claims_and_the_writers_retort_answers():
    assert read_layout(CAT_COLUMN).layout == "quoted critics"
    draft, case = import_article(CAT_COLUMN, "house-cat")
    # the view reported before the first quotation ("To these ..., X") is a claim too; the quotation goes
    # on after its tag, and a leading "But" is the critics' connective, not their claim
    assert [p.claim for p in case.points] == [
        "The cat is a furry menace that empties gardens of songbirds.",
        "Cats are not wild animals. They kill for fun, not for food.",
        "Cats spread disease, through every garden they cross.",
    ]
    assert case.points[0].context == "Only by keeping every cat indoors, they insist, can the robins be saved."
    sources = [[" ".join(a.source) for a in p.counterarguments] for p in case.points]
    # the bare exclamation gives no reason; the caption is no reason either
    assert not any("nonsense" in s or "Whiskers" in s for p in sources for s in p)
    assert sources[0][0].startswith("Songbird numbers rose")
    assert any("sixteen hours" in s for s in sources[1])
    # the writer's quoted retort answers, without its tag or quotation marks
    assert sources[2] == ["Funny, my vet says indoor cats see her more often than outdoor ones do."]


SCREENS_OPED = """# source: https://example.com/screens
Parents are told to fear every minute of screen time.

"Screens damage the developing brain," says Psychology Today. But the studies it cites measured hours, not minutes. \
Children who watch an hour a day test the same as those who watch none.

"Tablets make toddlers anxious," warns the parenting site. In fact, anxiety rose fastest before tablets existed. \
Families with tablets report the same sleep as families without.
"""


def test_quotations_each_with_its_source_and_no_dialogue_stay_an_op_ed():
    # '"X," says <source>.' is the op-ed's reported claim; with no retort of the writer's, no dialogue is staged
    article = read_layout(SCREENS_OPED)
    assert article.layout == "op-ed"
    assert [p.claim for p in article.points] == [
        "Screens damage the developing brain.",
        "Tablets make toddlers anxious.",
    ]
