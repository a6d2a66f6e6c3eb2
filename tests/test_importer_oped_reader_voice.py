"""A plain op-ed that puts an objection in the reader's mouth ('"But I love my desktop computer!" you say.',
articles-57's hot-desking column) and names its topic in quotation marks ('a piece about "hot desking"'): the
objection is a claim of its own, answered by what follows it; the quoted term is no claim."""

from __future__ import annotations

from drafting import layout_of, sources_by_point

from bot.importer import import_article
from bot.oped_layout import reported_claims

COLUMN = """# source: https://news.example.com/in-defense-of-shared-allotments
In defense of shared allotments

Yesterday, the Gazette's Ann Lee wrote a piece about "shared allotment plots," a scheme in which two households split one allotment.

Critics of shared plots say they are just a way for councils to squeeze more tenants onto the same land.

But the sharers are right. A full plot is more than most beginners can keep weeded, and half a plot is a season's work they can finish.

"But I want my own shed!" you say. Well, the sites that share plots also share sheds. Every sharer gets a key and a shelf of their own.
"""


def test_an_objection_put_in_the_readers_mouth_is_a_claim_answered_by_what_follows():
    assert layout_of(COLUMN) == "op-ed"
    _, case = import_article(COLUMN, "allotments")
    assert [p.claim for p in case.points] == [
        "They are just a way for councils to squeeze more tenants onto the same land.",
        "I want my own shed.",
    ]
    assert sources_by_point(case)[1] == [
        "Well, the sites that share plots also share sheds.",
        "Every sharer gets a key and a shelf of their own.",
    ]


def test_a_term_in_quotation_marks_is_no_claim_and_a_quoted_claim_is():
    term = 'Yesterday, the Gazette\'s Ann Lee wrote a piece about "shared allotment plots," a scheme we tried.'
    claim = 'Yesterday, the Gazette\'s Ann Lee wrote a piece about "shared plots ruin good soil," a claim we tested.'
    assert reported_claims(term) == []
    assert [c for c, _ in reported_claims(claim)] == ["Shared plots ruin good soil."]
