"""A myths page scraped with each subheading run into its paragraph and each claim run into its answer,
no full stop between (articles-34's handwashing page: "Temperature facts Myth: Hot water is necessary Many
believe that ..."), cut off mid-word at its end; and a Myth/Fact page whose lines were run together after
its first myth (articles-48's thrift-shop page: "... like any other business. MYTH #2: ... THE FACTS: ..."), or
with each answer on its myth's line (articles-49's wood-stove page: "MYTH: ... environment REALITY: When ..."),
or with a claim's label alone on its line (articles-50's bottled-water page: "False Claim No. 2:" / the claim)."""

from __future__ import annotations

from drafting import layout_of, sources_by_point

from bot.importer import draft_toml, import_article

KETTLE_MYTHS = """# source: https://news.example.com/lifestyle/kettle-myths/story
 date 2025-11-02 The kettle is the most used appliance in most kitchens. Here are four common kettle myths, debunked.

Energy facts Myth: Reboiling water wastes a lot of power Many believe that a second boil doubles the cost of a cup of tea. However, water that has just boiled is still hot, so the second boil takes seconds. Filling only what you need saves far more.

Taste test Myth: Reboiled water ruins tea Another common myth is that reboiled water makes tea taste flat. Blind tastings find no difference after one reboil. Only water left standing for hours loses its oxygen.

Scale tips Myth: Limescale in a kettle is harmful to drink Limescale is calcium and magnesium, the same minerals as in hard tap water. It spoils the kettle's element, not your health, and a rinse with vinegar removes i
"""


def test_myths_run_into_their_paragraphs_and_answers_are_points_with_the_claim_cut_where_the_answer_begins():
    assert layout_of(KETTLE_MYTHS) == "run-together myths"
    _, case = import_article(KETTLE_MYTHS, "kettles")
    assert [p.claim for p in case.points] == [
        "Reboiling water wastes a lot of power.",
        "Reboiled water ruins tea.",
        "Limescale in a kettle is harmful to drink.",
    ]
    # the claim said again at second hand sets it out; the answer starts after it
    assert case.points[0].context == "Many believe that a second boil doubles the cost of a cup of tea."
    sources = sources_by_point(case)
    assert sources[0][0] == "However, water that has just boiled is still hot, so the second boil takes seconds."
    assert not [s for s in sources[2] if s.endswith("removes i")]  # the page was cut off mid-word
    assert "check where it ends" in draft_toml(KETTLE_MYTHS)  # the claim's end was guessed


def test_one_paragraph_with_a_myth_label_a_few_words_in_is_no_list_of_myths():
    one = KETTLE_MYTHS.replace("Taste test Myth: ", "Taste test ").replace("Scale tips Myth: ", "Scale tips ")
    assert layout_of(one) != "run-together myths"


LIBRARY_MYTHS = """# source: https://library.example.org/blog/library-myths
MYTH #1: Libraries are only for books.
THE FACTS: Most branches lend laptops, tools and museum passes. Many also run job clinics and homework clubs. MYTH #2: Nobody uses the library any more. THE FACTS: Visits rose by a tenth last year, and children's events are booked out weeks ahead. MYTH #3: Library cards cost money. THE FACTS: A card is free to anyone who lives, works or studies in the county.
"""


def test_myths_run_together_after_the_first_are_points_and_their_answer_label_is_no_reason():
    assert layout_of(LIBRARY_MYTHS) == "Myth/Fact"
    _, case = import_article(LIBRARY_MYTHS, "library")
    assert [p.claim for p in case.points] == [
        "Libraries are only for books.",
        "Nobody uses the library any more.",
        "Library cards cost money.",
    ]
    sources = sources_by_point(case)
    assert sources[0] == [
        "Most branches lend laptops, tools and museum passes.",
        "Many also run job clinics and homework clubs.",
    ]
    assert sources[2] == ["A card is free to anyone who lives, works or studies in the county."]
    assert not [s for p in sources for s in p if "MYTH" in s or "FACTS" in s]
    assert [p.context for p in case.points] == ["", "", ""]  # "THE FACTS:" is one label, not "THE" before one


SAME_LINE_MYTHS = """# source: https://stoves.example.com/heat-pump-myth-vs-fact
MYTH: Heat pumps don't work in cold weather REALITY: Modern units keep heating well below freezing. Norway, the coldest market in Europe, has the most heat pumps per home.
MYTH: A heat pump needs a huge garden. REALITY: An air-source unit is the size of a suitcase and fits on a wall bracket.
MYTH: Running costs are higher than gas. Reality: On most tariffs a well-fitted pump costs less to run than a new gas boiler.
"""


def test_an_answer_label_on_its_myths_line_starts_the_answer_with_or_without_a_full_stop_before_it():
    assert layout_of(SAME_LINE_MYTHS) == "Myth/Fact"
    _, case = import_article(SAME_LINE_MYTHS, "heat-pumps")
    assert [p.claim for p in case.points] == [
        "Heat pumps don't work in cold weather.",
        "A heat pump needs a huge garden.",
        "Running costs are higher than gas.",
    ]
    sources = sources_by_point(case)
    assert sources[0][0] == "Modern units keep heating well below freezing."
    assert sources[2] == ["On most tariffs a well-fitted pump costs less to run than a new gas boiler."]


FALSE_CLAIMS = """# source: https://water.example.org/setting-the-record-straight
Setting the Record Straight About Tap Water

False Claim No. 1: Tap water is full of chemicals.
Fact: Treated water is tested daily, and the limits for every substance are set far below any level that harms health.

False Claim No. 2:
Filters make tap water safe.
Most jug filters only improve taste. The water was safe before it reached the filter.
"""


def test_a_claims_label_alone_on_its_line_takes_the_claim_on_the_next():
    assert layout_of(FALSE_CLAIMS) == "Myth/Fact"
    _, case = import_article(FALSE_CLAIMS, "tap-water")
    assert [p.claim for p in case.points] == ["Tap water is full of chemicals.", "Filters make tap water safe."]
    assert sources_by_point(case)[1] == [
        "Most jug filters only improve taste.",
        "The water was safe before it reached the filter.",
    ]
