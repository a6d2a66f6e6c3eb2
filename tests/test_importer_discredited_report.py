"""A post that argues for doing away with something and discredits the report its defenders cite
(articles-2's penny post): what the scare-quoted "report" found is a Point, and so is the post's thesis
stated the other way round."""

from __future__ import annotations

from bot.article_layouts import read_layout
from bot.importer import import_article

NIGHT_BUS_POST = """# source: https://townnews.example.com/2021/09/night-bus-lobby
Bus firm behind the campaign to save the night bus

Costly to run and nearly empty after midnight, the council should scrap the night bus. Each journey costs \
the town more than a taxi ride would.

The campaign to keep it is run from the offices of the company that operates the route. Its contract pays \
by the mile, full or empty.

A "survey" released by the Night Owl Club found that most residents rely on the night bus. It asked forty \
people, all of them members of the club. The club's chairman sits on the board of the bus company.

In few reports is it noted that the leaflet's authors drive the buses. The "new study" was a page of quotes \
from riders. Its web page is gone, and nobody would share the data, which, according to the club, showed that \
fares would double without the subsidy. That is the figure the local papers repeated.
"""


def test_a_scare_quoted_reports_findings_and_the_thesis_the_other_way_round_are_the_claims():
    assert read_layout(NIGHT_BUS_POST).layout == "discredited report"
    draft, case = import_article(NIGHT_BUS_POST, "night-bus")
    assert [p.claim for p in case.points] == [
        "The council should keep the night bus.",
        "Most residents rely on the night bus.",
        "Fares would double without the subsidy.",
    ]
    sources = [[" ".join(a.source) for a in p.counterarguments] for p in case.points]
    # the thesis sentence is a reason where it gives one before the thesis; the paragraphs up to the
    # first finding answer the thesis
    assert any(s.startswith("Costly to run") for s in sources[0])
    assert any("pays by the mile" in s for s in sources[0])
    # a finding stated first is discredited by the sentences after it; naming the report is no reason
    assert any("forty people" in s for s in sources[1]) and any("chairman" in s for s in sources[1])
    assert not any("released by" in s for p in sources for s in p)
    # a finding reported last is discredited by the sentences before it, its own sentence too where it
    # says more ("Its web page is gone"); what follows it says how far it spread: the context
    assert any("drive the buses" in s for s in sources[2]) and any("web page is gone" in s for s in sources[2])
    assert case.points[2].context == "That is the figure the local papers repeated."
    assert 'a "report" in scare quotes' in draft  # the claims carry no label: the draft asks to check them
