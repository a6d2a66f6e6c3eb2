"""A letter to the editor answering a newspaper and two officials, each quoted by name in the prose, the
second quoted "saying" what they proposed (articles-40's municipal-pool letter): each quotation is a
Point, and a title before a name ("Mr. Walker") ends no sentence."""

from __future__ import annotations

from drafting import sources_by_point

from bot.article_layouts import read_layout
from bot.importer import import_article
from bot.text import split_sentences

LIBRARY_LETTER = """# source: https://letters.example.com/2011
Reading the Gazette's report on the branch libraries ("Time to close the reading rooms," Mar. 3), I had to wonder what a library is for.
Reporting on the council's budget review, J. Marsh wrote "The branches lose money every year and the city cannot go on covering their costs from the rates."
Which is exactly the point.
Libraries are a public service like parks and street lighting; nobody expects a park to turn a profit, and we should not expect a library to.
Mr. Marsh quotes Councillor Dan Reed saying, "A bookshop chain could always run the branches for us."
One would assume the city's residents also value their parks. Would it be a good idea to have a burger chain run the parks?
A bookshop sells books; a library lends them to everyone, whatever they can pay, and that is what the branches are for.
"""


def test_each_official_quoted_in_a_letter_is_a_point_and_mr_ends_no_sentence():
    assert split_sentences("Mr. Marsh quotes Dr. Reed. He agrees.") == ["Mr. Marsh quotes Dr. Reed.", "He agrees."]
    article = read_layout(LIBRARY_LETTER)
    assert article.layout == "op-ed"
    _, case = import_article(LIBRARY_LETTER, "libraries")
    assert [p.claim for p in case.points] == [
        "The branches lose money every year and the city cannot go on covering their costs from the rates.",
        "A bookshop chain could always run the branches for us.",
    ]
    answer = sources_by_point(case)[1]
    assert "Would it be a good idea to have a burger chain run the parks?" in answer
