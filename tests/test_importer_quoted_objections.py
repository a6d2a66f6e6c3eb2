"""Objections quoted on lines of their own and answered in paragraphs (articles-46's hearing-aid page), the
quotation in Title Case: each claim is written as a coach would, in sentence case with its full stop; and the
writer's remark on an objection ("This is possibly the most commonly heard rejection ...") is no reason."""

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
