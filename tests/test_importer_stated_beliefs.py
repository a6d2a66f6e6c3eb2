"""A page listing what people believe as plain one-sentence lines, each answered by the paragraphs under
it, with no label, number or quotation marks (articles-29's running-shoe page, scraped with a paragraph on
each line and a "show more content" fold), and an article whose occasional one-sentence paragraphs are
only its prose."""

from __future__ import annotations

from drafting import layout_of, sources_by_point

from bot.importer import draft_toml, import_article

BIKE_BELIEFS = """# source: https://essays.example.com/essay/Bicycle-Helmets-Research-Paper-9AF31C07D2.html
My old helmet is still fine.
The foam inside a helmet hardens with age and sunlight, so it absorbs less of a blow. Makers advise a new one every five years, and at once after any crash.
All helmets protect the same.
Helmets are tested to different standards. A road helmet passes a lighter impact test than one certified for downhill riding. \u2026show more content\u2026
I only ride short trips, so I don't need one.
Most crashes on short trips happen close to home, at junctions on familiar routes. A short trip is no safer than a long one per mile ridden.
"""

NEWS_REPORT = """# source: https://news.example.com/town/new-library
Town Opens Its New Library

The new library on Church Street opened on Saturday after two years of building work and a long argument about its cost.

It was busy.

More than two thousand people came through the doors on the first day, the council said. Staff handed out four hundred library cards before lunch.

The old building will be sold.

Its buyer is expected to cover a third of the new library's cost. The rest is paid from a lottery grant and the council's reserves.

The price took two years to agree.

Two of them voted against the project to the end. They said the reserves should have gone to roads.

Opening hours are longer than before, with late evenings on Tuesdays and Thursdays. The caf\u00e9 on the ground floor opens next month.
"""


def test_beliefs_stated_on_lines_of_their_own_are_points_answered_by_what_follows():
    assert layout_of(BIKE_BELIEFS) == "stated beliefs"
    _, case = import_article(BIKE_BELIEFS, "helmets")
    assert [p.claim for p in case.points] == [
        "My old helmet is still fine.",
        "All helmets protect the same.",
        "I only ride short trips, so I don't need one.",
    ]
    sources = sources_by_point(case)
    assert sources[2][0] == "Most crashes on short trips happen close to home, at junctions on familiar routes."
    assert not [s for s in sources[1] if "show more" in s]  # the scraper's fold is no reason
    # no line of the page is a title: the address's words are, without the page's id and file type
    assert 'title = "Bicycle helmets research paper"' in draft_toml(BIKE_BELIEFS)


def test_an_articles_one_sentence_paragraphs_are_not_read_as_beliefs():
    assert layout_of(NEWS_REPORT) != "stated beliefs"
