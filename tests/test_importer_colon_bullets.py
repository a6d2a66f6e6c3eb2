"""Myths as bullets, each answered after a colon on its own line ("- Fasting breaks down muscle: breakdown of
muscle tissue happens only at ..."), under a title naming them (articles-63's fasting page)."""

from __future__ import annotations

from drafting import layout_of, sources_by_point

from bot.importer import import_article

MYTHS = """# source: https://gym.example.com/blog/running-myths
What are some myths about running?
- Running ruins your knees: studies of long-time runners find less knee arthritis than in people who don't run. Cartilage gets stronger with regular loading.
- You need expensive shoes to start: any comfortable trainers will do for the first months, and a shop can fit you properly once you know you'll keep going.
"""


def test_each_bullet_is_a_myth_answered_after_its_colon():
    assert layout_of(MYTHS) == "bullets led by a claim and a colon"
    _, case = import_article(MYTHS, "running")
    assert [p.claim for p in case.points] == ["Running ruins your knees.", "You need expensive shoes to start."]
    assert sources_by_point(case)[0][0].startswith("Studies of long-time runners find less knee arthritis")


def test_colon_led_bullets_are_no_myths_where_the_page_does_not_name_any():
    plain = MYTHS.replace("What are some myths about running?", "Running: a starter's kit list")
    assert layout_of(plain) != "bullets led by a claim and a colon"


def test_a_citation_after_an_answer_is_no_part_of_its_reason():
    cited = MYTHS.replace(
        "Cartilage gets stronger with regular loading.",
        "Cartilage gets stronger with regular loading. (Running Science, 112)",
    )
    _, case = import_article(cited, "running")
    assert not [s for sources in sources_by_point(case) for s in sources if "Running Science" in s]
