"""A flyer that states only the facts, each bulleted with its verb in capitals ("Raw milk DOES NOT kill
dangerous pathogens by itself."), on a page naming them myths (articles-39's raw-milk flyer): each claim is
its correction turned back round, and the correction is the first reason."""

from __future__ import annotations

from drafting import layout_of, sources_by_point

from bot.importer import import_article

FLUORIDE_FLYER = """# source: https://health.example.org/flyers/fluoride
Fluoride in Tap Water: Debunking the Myths
Some residents still believe that fluoride in tap water is a health risk.
Here are some common myths and the facts about community water fluoridation:
\u2022 Fluoridated water DOES NOT cause cancer. Studies following millions of people for decades find no link with
any cancer.
\u2022 Bottled water IS NOT always free of fluoride.
\u2022 You CANNOT get the same protection from toothpaste alone.
\u2022 Fluoridation DOES save families money on dental bills.
"""

SALE_FLYER = """# source: https://shop.example.org/flyers/sale
Spring Sale at the Hardware Store
Everything must go before the new stock arrives.
\u2022 Garden tools ARE half price until Sunday.
\u2022 Paint DOES NOT count towards the offer.
\u2022 Delivery IS free over fifty pounds.
"""


def test_corrections_in_capitals_are_points_whose_claim_is_each_turned_back_round():
    assert layout_of(FLUORIDE_FLYER) == "capitalised corrections"
    _, case = import_article(FLUORIDE_FLYER, "fluoride")
    assert [p.claim for p in case.points] == [
        "Fluoridated water causes cancer.",
        "Bottled water is always free of fluoride.",
        "You can get the same protection from toothpaste alone.",
        "Fluoridation does not save families money on dental bills.",
    ]
    first = sources_by_point(case)[0]
    assert first[0] == "Fluoridated water DOES NOT cause cancer."
    assert first[1] == "Studies following millions of people for decades find no link with any cancer."


def test_a_flyer_that_names_no_myths_is_not_read_as_corrections():
    assert layout_of(SALE_FLYER) != "capitalised corrections"
