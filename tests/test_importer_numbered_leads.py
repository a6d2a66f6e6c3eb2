"""Numbered claims with no Myth label: myths that run on into their answers under a bare list number
(articles-21's bird-feeding page), and claims under a numbered label of the page's own ("Bullshit 1:",
articles-21's tipping page). Both are read only where the title or the opening names the claims
(articles-31's zoo page calls them "generalizations"), or, for the bare numbers, where half the
numbered paragraphs report the other side ("1. They complain ...", articles-38's vinyl post)."""

from __future__ import annotations

from drafting import layout_of, sources_by_point

from bot.article_layouts import read_layout
from bot.importer import draft_toml, import_article
from bot.text import split_sentences

COMPOST_MYTHS = """# source: https://example.org/garden/compost-myths
Home > Garden > Five Compost Myths

Composting is easy, but a few compost myths keep people from starting a heap. Let's look at them.

  1. Compost heaps attract rats. A heap of leaves, grass and vegetable peelings gives rats nothing to eat; it is cooked food, meat and bread that draws them. Keep those out and turn the heap now and then, and rats find nowhere to nest.
  2. Composting takes years. A well-mixed heap that is turned every few weeks gives crumbly compost in three to four months. Only a heap left alone, all of one material, takes a year or more (e.g. a pile of autumn leaves).
  3. You need a large garden for it. A bin the size of a dustbin fits on a balcony, and a wormery fits under a sink.
"""

GARDEN_TIPS = """# source: https://example.org/garden/tips
Three Tips for a Better Vegetable Patch

Here is what I have learned from ten years of growing my own food.

  1. Water in the morning. Leaves that dry before night grow less mould, and less water evaporates.
  2. Rotate your crops. Growing the same family in the same bed every year builds up its pests in the soil.
"""


def test_numbered_myths_that_run_on_into_their_answers_are_points_on_a_page_that_names_them():
    assert read_layout(COMPOST_MYTHS).layout == "numbered run-in myths"
    _, case = import_article(COMPOST_MYTHS, "compost")
    assert [p.claim for p in case.points] == [
        "Compost heaps attract rats.",
        "Composting takes years.",
        "You need a large garden for it.",
    ]
    sources = sources_by_point(case)
    assert sources[0][0].startswith("A heap of leaves, grass and vegetable peelings gives rats nothing to eat")
    assert sources[2] == ["A bin the size of a dustbin fits on a balcony, and a wormery fits under a sink."]
    # "e.g." ends no sentence: the example stays with its reason
    assert (
        "Only a heap left alone, all of one material, takes a year or more (e.g. a pile of autumn leaves)."
        in (sources[1])
    )


def test_a_numbered_list_of_the_writers_own_advice_is_not_read_as_claims():
    assert layout_of(GARDEN_TIPS) != "numbered run-in myths"


TAXI_EXCUSES = """# source: https://example.net/blog/why-your-reasons-for-surge-pricing-are-wrong
Why Your Reasons for Surge Pricing are Wrong

Drivers keep defending surge pricing with the same illogical reasons. Here is a rebuttal of the most common ones.

Nonsense 1: Surge Pricing Brings More Drivers Out

Most drivers are already on the road when the price jumps. A study of one city's rides found the number of cars
rose by less than a tenth during surges, while fares doubled.

Nonsense 2: Riders Can Always Wait It Out

Not at two in the morning in the rain. The people who pay the surge are the ones with no bus to take instead.
"""

COURSE_PARTS = """# source: https://example.net/course
Why Your Reasons for Skipping Breakfast are Wrong

Part 1: The Science

Breakfast raises blood sugar after the night's fast, which helps attention in the morning.

Part 2: The Habits

People who eat breakfast snack less before lunch.
"""


def test_claims_under_a_numbered_label_of_the_pages_own_are_points_where_the_page_names_them():
    assert read_layout(TAXI_EXCUSES).layout == "numbered labels"
    _, case = import_article(TAXI_EXCUSES, "surge")
    assert [p.claim for p in case.points] == [
        "Surge pricing brings more drivers out.",
        "Riders can always wait it out.",
    ]
    first = [s for a in case.points[0].counterarguments for s in a.source]
    assert "Most drivers are already on the road when the price jumps." in first


def test_a_numbered_label_that_names_the_texts_parts_makes_no_claims():
    assert layout_of(COURSE_PARTS) != "numbered labels"


def test_e_g_and_i_e_end_no_sentence():
    assert split_sentences("They move on (i.e. they find other food). Next, e.g. seeds. E.g. this.") == [
        "They move on (i.e. they find other food).",
        "Next, e.g. seeds.",
        "E.g. this.",
    ]


PRACTICE_EXCUSES = """# source: https://example.org/blog/my-piano-excuses
My Piano Excuses, Answered

I skip practice more than I admit. Here are my excuses, and what I should tell myself.

"I don't have time today." Ten minutes counts, and ten minutes every day beats an hour on Sunday.

"My fingers are too stiff in the morning!" Warm them under the tap, then play scales slowly for two minutes.

"Nobody is listening anyway" Practice is for my own hands, not for an audience.

"Why bother if I'll never be good?" Because the playing itself is the point, not being good at it.

Anyway, back to the piano. Who else has excuses like these?
"""

A_STORY = """# source: https://example.org/stories/the-lesson
The Lesson

"You're late again," she said, and put the metronome on the piano.

"The bus was slow." I sat down and opened the book at the page we had left.
"""


def test_quoted_excuses_each_answered_in_the_rest_of_their_paragraph_are_points():
    assert layout_of(PRACTICE_EXCUSES) == "quoted leads"
    _, case = import_article(PRACTICE_EXCUSES, "piano")
    assert [p.claim for p in case.points] == [
        "I don't have time today.",
        "My fingers are too stiff in the morning.",  # the exclamation is the speaker's tone
        "Nobody is listening anyway.",
        "Why bother if I'll never be good?",  # a question keeps its mark
    ]
    sources = sources_by_point(case)
    assert sources[0] == ["Ten minutes counts, and ten minutes every day beats an hour on Sunday."]
    # the sign-off after the last excuse answers nothing
    assert not any("Anyway" in s or "Who else" in s for found in sources for s in found)


def test_dialogue_in_a_story_is_not_read_as_quoted_excuses():
    assert layout_of(A_STORY) != "quoted leads"


ONE_QUOTED_CLICHE = """# source: https://example.org/blog/health-cliches
A health cliche that bugs me

Write it down, then take it back: that was today's prompt.

"Reading in dim light ruins your eyes."

Nope. Dim light tires the eyes for a while, and the strain is gone after a night's sleep.

Eye doctors say no study has found lasting harm from reading in poor light. What does damage eyesight is age and, for some, the family they were born into.
"""


def test_a_single_quoted_objection_answered_by_the_rest_of_the_text_is_one_point():
    assert layout_of(ONE_QUOTED_CLICHE) == "one quoted objection"
    _, case = import_article(ONE_QUOTED_CLICHE, "eyes")
    assert [p.claim for p in case.points] == ["Reading in dim light ruins your eyes."]
    assert "Eye doctors say no study has found lasting harm from reading in poor light." in sources_by_point(case)[0]
    # one paragraph after the quotation is too little to call the text an answer to it
    assert layout_of(ONE_QUOTED_CLICHE.rsplit("\n\n", 1)[0]) != "one quoted objection"


SAUNA_GENERALIZATIONS = """# source: https://example.org/blog/sauna-haters
I have run a public sauna for nine years.

These are the broad generalizations of anti-sauna people that I see repeated on forums over and over.

1. Saunas are unhygienic. To the sauna hater this means every bench is crawling with germs. Our benches are scrubbed twice a day, and the heat itself kills most bacteria within minutes.

2. Saunas dehydrate you dangerously. A fifteen-minute session costs about half a litre of sweat, which one glass of water puts back.
"""

RECORDS_REPLY = """# source: https://example.org/blog/2014/07/a-reply-to-the-streaming-critics.html
1. They complain we have given up sound quality for convenience. This ignores that we now hear music everywhere, and far more of it than we once did, because of that convenience.
2. They describe the cassette era as a golden age. But tapes hissed, stretched and jammed after a few dozen plays.
3. Critics say streaming pays artists nothing. Streaming now brings the labels more money than CD sales did at their peak.
"""

SHOP_HISTORY = """# source: https://example.org/blog/our-shop
1. We opened in 1998 in a garage. Three of us repaired radios there for two years before we found the shop on Mill Street.
2. In 2005 we began selling turntables. They sold out in the first week, so we ordered twice as many.
3. Some customers say we should open on Sundays. We tried it in 2010, and hardly anyone came.
"""


def test_numbered_claims_run_on_into_answers_on_a_page_calling_them_generalizations():
    assert read_layout(SAUNA_GENERALIZATIONS).layout == "numbered run-in myths"
    _, case = import_article(SAUNA_GENERALIZATIONS, "sauna")
    assert [p.claim for p in case.points] == ["Saunas are unhygienic.", "Saunas dehydrate you dangerously."]


def test_numbered_paragraphs_reporting_the_other_side_are_points_with_what_they_report_as_the_claim():
    assert read_layout(RECORDS_REPLY).layout == "numbered run-in myths"
    _, case = import_article(RECORDS_REPLY, "records")
    assert [p.claim for p in case.points] == [
        "We have given up sound quality for convenience.",
        "They describe the cassette era as a golden age.",
        "Streaming pays artists nothing.",
    ]
    assert sources_by_point(case)[1] == ["But tapes hissed, stretched and jammed after a few dozen plays."]
    draft = draft_toml(RECORDS_REPLY)
    assert draft.count("write it as the other side would say it") == 1  # the lead that reports nothing
    assert 'title = "A reply to the streaming critics"' in draft  # the address's words, not its ".html"


def test_a_numbered_history_with_one_reported_remark_is_not_read_as_claims():
    assert read_layout(SHOP_HISTORY).layout != "numbered run-in myths"
