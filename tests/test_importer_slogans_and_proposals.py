"""Two layouts whose claims are no sentence of the article's own: quoted slogans in capitals, and a
proposal a column rejects before giving its reasons, each led by a dash (articles-12)."""

from __future__ import annotations

import pytest

from bot.article_layouts import read_layout
from bot.importer import ImportError_, import_article

# --- quoted slogans in capitals, each answered on its line and the lines after it ----------------

SLOGANS = """# source: https://slides.example.com/d/sugar-tax-q7
Why a Sugar Tax Is the Wrong Fix
"A SUGAR TAX WILL MAKE CHILDREN HEALTHIER." www.healthdebate.org In my view, children get most of their sugar from sweets bought at school tuck shops, which a tax on fizzy drinks does not touch.
Mexico taxed soft drinks in 2014, and obesity among its children kept rising for years afterwards.
"IT WILL RAISE MONEY FOR THE NHS!" (healthdebate.org) The money raised is small beside the NHS budget, and ministers can spend it on anything they like.
"WHY SHOULD I PAY FOR OTHER PEOPLE'S BAD HABITS?" Source: www.taxwatch.net
A tax on food falls hardest on poor families, who spend the largest share of their income on it.
Nobody asks smokers to stop eating sugar eith
"""


def test_quoted_slogans_in_capitals_are_claims_answered_on_their_line_without_their_credit():
    draft, case = import_article(SLOGANS, "sugar-tax")
    assert case.title == "Why a Sugar Tax Is the Wrong Fix"
    # each slogan a sentence: lowercase but for "I" and the acronym the answers spell in capitals
    assert [p.claim for p in case.points] == [
        "A sugar tax will make children healthier.",
        "It will raise money for the NHS.",
        "Why should I pay for other people's bad habits?",
    ]
    sources = [[a.source for a in p.counterarguments] for p in case.points]
    # the answer runs on after the slogan's credit; a slide's next line is a reason of its own
    assert sources[0] == [
        (
            "In my view, children get most of their sugar from sweets bought at school tuck shops, which a tax on "
            "fizzy drinks does not touch.",
        ),
        ("Mexico taxed soft drinks in 2014, and obesity among its children kept rising for years afterwards.",),
    ]
    assert sources[1][0][0].startswith("The money raised is small")
    # an answer may start on the line after its slogan; the text cut off mid-word ends with no reason
    assert sources[2] == [
        ("A tax on food falls hardest on poor families, who spend the largest share of their income on it.",)
    ]
    for left_out in ("healthdebate", "taxwatch", "Source:", "eith", "HEALTHIER"):
        assert left_out not in "\n".join(line for line in draft.splitlines() if not line.startswith("#")), left_out
    # one quoted line in capitals is a quotation, not a slide deck
    with pytest.raises(ImportError_):
        import_article(SLOGANS.split('"IT WILL')[0], "sugar-tax")


# --- a proposal rejected by the thesis, then the reasons, each led by a dash ------------------------

THESIS = (
    "I believe the parking rules for scooters may need to be tightened, but a ban on rental e-scooters is not "
    "justified. Here's why:"
)
PROPOSAL = """Should Millbrook Ban E-Scooters?

Last month the Millbrook council debated banning rental e-scooters from the town centre after two pedestrians were hurt on the high street.

My view;

I believe the parking rules for scooters may need to be tightened, but a ban on rental e-scooters is not justified. Here's why:

-Most riders are careful. The operator's figures show two complaints for every ten thousand rides last year.

\u2013 Who would enforce a ban? The council has four wardens for the whole town. They already cannot keep up with illegal parking.

\u2013 Bans push riders onto private scooters, which are faster and carry no insurance. Paris voted out its rental fleet in 2023, and sales of private scooters in the city rose within months.

\u2013 What about the shops? Traders on the high street take deliveries by cargo scoot
"""


def test_a_rejected_proposal_is_the_point_and_each_dash_led_paragraph_its_reasons():
    draft, case = import_article(PROPOSAL, "scooters")
    # the other side's claim is never stated: the Point is the proposal the thesis rejects, stated positively
    assert [p.claim for p in case.points] == ["A ban on rental e-scooters is justified."]
    assert case.title == "Should Millbrook Ban E-Scooters?"
    sources = [a.source for a in case.points[0].counterarguments]
    # the thesis says more than its rejection (tighten the parking rules): it is a reason too, the first
    assert sources[0] == (
        "I believe the parking rules for scooters may need to be tightened, but a ban on rental e-scooters is not "
        "justified.",
    )
    # a reason's lead states it and the sentence after it explains it: one counterargument, its dash gone
    assert sources[1] == (
        "Most riders are careful.",
        "The operator's figures show two complaints for every ten thousand rides last year.",
    )
    assert sources[2] == (
        "Who would enforce a ban?",
        "The council has four wardens for the whole town.",
        "They already cannot keep up with illegal parking.",
    )
    assert sources[3][0] == "Bans push riders onto private scooters, which are faster and carry no insurance."
    # the last reason was cut off mid-word: its unfinished sentence is no reason, and nothing is left of it
    assert len(sources) == 4 and "cargo" not in draft and "shops" not in draft
    assert not any(s.startswith(("-", "\u2013")) for ss in sources for s in ss)
    assert "the proposal the article's thesis rejects" in draft  # the draft asks to check the claim it wrote
    # dash-led paragraphs after a thesis that rejects nothing, or announces no reasons, are no rejected proposal
    for thesis in ("I support a ban on rental e-scooters, for several reasons:", THESIS.replace(" Here's why:", "")):
        try:
            layout = read_layout(PROPOSAL.replace(THESIS, thesis)).layout
        except ValueError:
            layout = ""
        assert layout != "rejected proposal", thesis


def test_a_summing_up_paragraph_ends_the_reasons():
    summed_up = PROPOSAL.split("\u2013 What about")[0] + "In short, fix the parking rules before reaching for a ban.\n"
    _, case = import_article(summed_up, "scooters")
    sources = [s for a in case.points[0].counterarguments for s in a.source]
    assert not any("In short" in s for s in sources)
    assert (
        sources[-1]
        == "Paris voted out its rental fleet in 2023, and sales of private scooters in the city rose within months."
    )


@pytest.mark.parametrize(
    ("thesis", "claim"),
    [
        (
            "A ban on rental e-scooters would be unnecessary, for three reasons:",
            "A ban on rental e-scooters would be necessary.",
        ),
        (
            "We oppose the council's ban on rental e-scooters for the following reasons:",
            "The council's ban on rental e-scooters should go ahead.",
        ),
        (
            "I have read the report. A curfew for scooters does not make the streets safer. I came to this view for several reasons:",
            "A curfew for scooters makes the streets safer.",
        ),
    ],
)
def test_the_proposal_is_the_rejection_undone(thesis, claim):
    _, case = import_article(PROPOSAL.replace(THESIS, thesis), "scooters")
    assert [p.claim for p in case.points] == [claim]
    # a thesis that only rejects is no reason of its own
    assert case.points[0].counterarguments[0].source[0] == "Most riders are careful."
