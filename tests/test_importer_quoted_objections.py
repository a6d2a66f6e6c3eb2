"""Objections quoted on lines of their own and answered in paragraphs (articles-46's hearing-aid page), the
quotation in Title Case: each claim is written as a coach would, in sentence case with its full stop; and the
writer's remark on an objection ("This is possibly the most commonly heard rejection ...") is no reason; and
a heading that lost a quotation mark to the page's markup (articles-54's library page: 'Books are cheap"')
is one of the objections."""

from __future__ import annotations

from drafting import layout_of, sources_by_point

from bot.importer import import_article

EXCUSES = """# source: https://clinic.example.com/blog/excuses-for-skipping-physio/
Common Excuses for Skipping Physiotherapy

Most of us know someone who stopped going to physio after two sessions. Here is what they tell us, and what we say back.

\u201cMy Back Feels Fine Now\u201d

Pain fading is the first stage of healing, not the last. Stopping when it fades is how most strains come back within a year.

\u201cThe Exercises Take Too Long\u201d

The routine we give takes twelve minutes a day. Patients who keep it up return to sport weeks sooner.
"""


def test_quoted_objections_in_title_case_become_claims_in_sentence_case():
    assert layout_of(EXCUSES) == "quoted objections"
    _, case = import_article(EXCUSES, "physio")
    assert [p.claim for p in case.points] == ["My back feels fine now.", "The exercises take too long."]


def test_the_writers_remark_on_an_objection_is_no_counterargument():
    remarked = EXCUSES.replace(
        "Pain fading is the first stage",
        "This is possibly the most common excuse we hear. Pain fading is the first stage",
    )
    _, case = import_article(remarked, "physio")
    sources = sources_by_point(case)[0]
    assert sources[0].startswith("Pain fading is the first stage of healing")
    assert not [s for s in sources if "most common excuse" in s]


def test_a_quoted_heading_that_lost_a_quotation_mark_is_an_objection_too():
    mangled = EXCUSES.replace("\u201cMy Back Feels Fine Now\u201d", "My Back Feels Fine Now\u201d") + (
        "\n\u201cIt Costs Too Much\u201d\n\nMost health plans cover a course of physio. A missed session costs more later.\n"
    )
    assert layout_of(mangled) == "quoted objections"
    _, case = import_article(mangled, "physio")
    assert [p.claim for p in case.points] == [
        "My back feels fine now.",
        "The exercises take too long.",
        "It costs too much.",
    ]


def test_a_line_ending_in_a_quotation_mark_is_no_objection_where_none_is_quoted_whole():
    one = EXCUSES.replace("\u201cMy Back Feels Fine Now\u201d", "My Back Feels Fine Now\u201d")
    _, case = import_article(one, "physio")
    assert "My back feels fine now." not in [p.claim for p in case.points]
