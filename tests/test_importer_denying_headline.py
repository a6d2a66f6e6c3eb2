"""An op-ed whose headline denies the claim and whose body argues in plain prose, with no "Critics
say ..." for the op-ed reader to find (articles-30's scooter column): the claim the headline denies
is its one Point, answered by the body, and the draft says the coach should check it; and one whose
headline votes against a proposal (articles-51's "NO on Sidewalk Trees")."""

from __future__ import annotations

from drafting import layout_of, sources_by_point

from bot.importer import draft_toml, import_article

TRAM_COLUMN = """# source: https://example.org/opinion/no-trams-are-not-a-waste-of-money
No, Trams Are Not a Waste of Money

Photo: a tram at Market Square / City Archive

A council report on the new tram line came out last week, and the local paper called it a white elephant.

The line cost 300 million pounds to build. That sounds like a lot until you set it against the road scheme it replaced, which was costed at 420 million and would have carried fewer people.

Fares already cover the running costs, three years ahead of the forecast. Every passenger who takes the tram instead of a car saves the council money on road repairs.

Shops along the route report more customers since the line opened, and business rates have risen with them.
"""

WEEKEND_DIARY = """# source: https://example.org/diary/a-weekend-by-the-sea
A Weekend by the Sea

We drove down on Friday night and found the cottage just as the photos promised.

On Saturday it rained, so we walked the pier anyway and ate chips under the shelter.

Sunday was bright. The children built a castle and the tide took it by lunch.
"""


def test_a_headline_that_denies_a_claim_over_plain_prose_is_the_point_the_body_answers():
    assert layout_of(TRAM_COLUMN) == "denying headline"
    _, case = import_article(TRAM_COLUMN, "trams")
    assert [p.claim for p in case.points] == ["Trams Are a Waste of Money."]
    sources = sources_by_point(case)[0]
    assert "Fares already cover the running costs, three years ahead of the forecast." in sources
    assert not [s for s in sources if s.startswith("Photo:")]  # a caption is no reason
    assert "the claim is the one the title denies" in draft_toml(TRAM_COLUMN)


def test_prose_under_a_headline_that_denies_nothing_is_still_refused():
    assert layout_of(WEEKEND_DIARY) == ""


BYPASS_COLUMN = """# source: https://example.org/opinion/no-on-the-bypass
Vote No on the Riverside Bypass

The council says the bypass will take lorries out of the town centre. Its own traffic model says otherwise.

The route ends two miles short of the ring road, so lorries bound for the industrial estate will still cross the bridge. The model counts them as diverted anyway.

The bypass also runs through the water meadows, which flood most winters. The council's budget has nothing for raising the road, so it will close when we need it most.
"""


def test_a_headline_voting_against_a_proposal_makes_the_proposal_the_point():
    assert layout_of(BYPASS_COLUMN) == "denying headline"
    draft, case = import_article(BYPASS_COLUMN, "bypass")
    assert [p.claim for p in case.points] == ["We should say yes to the riverside bypass."]
    assert "The route ends two miles short of the ring road" in " ".join(sources_by_point(case)[0])
    assert "the proposal the title votes against" in draft
