"""An FAQ whose entries are the asker's own worries as well as questions (articles-17's gap-year page), and a
column answering a named colleague whose argument it reports in the third person (articles-17's fireworks
column)."""

from __future__ import annotations

from bot.article_layouts import read_layout
from bot.importer import import_article

ALLOWANCE_FAQ = """# source: https://moneykids.example.com/pocket-money-faq
Pocket Money: Your Questions

Parents write to us every week about pocket money. Here are the worries we hear most, and what we tell them.

I'm afraid my daughter will spend every penny on sweets.

Most children do, for a month or two. Once the money is gone before the weekend, they learn to save faster than any lecture could teach them. Families who pay a weekly sum report that sweets spending falls by half within a term.

Won't paying for chores teach children to expect money for everything?

Only if every chore is paid. Keep the daily jobs unpaid and pay for the extras, like washing the car. Children then see the difference between helping at home and earning.

I worry about the arguments it will cause between siblings.

Set the same rule for each child and write it down. A written rule ends most quarrels before they start.

My youngest keeps asking when he can have a card of his own, and we don
"""


def test_an_faq_takes_the_askers_worries_as_entries_beside_its_questions():
    assert read_layout(ALLOWANCE_FAQ).layout == "Q&A"
    _, case = import_article(ALLOWANCE_FAQ, "pocket-money")
    # a worry is the claim without its "I'm afraid"; a worry about something stays as written
    assert [p.claim for p in case.points] == [
        "My daughter will spend every penny on sweets.",
        "Won't paying for chores teach children to expect money for everything?",
        "I worry about the arguments it will cause between siblings.",
    ]
    sources = [" ".join(s for a in p.counterarguments for s in a.source) for p in case.points]
    assert "learn to save faster" in sources[0] and "falls by half" in sources[0]
    assert "Keep the daily jobs unpaid" in sources[1]
    # the page was cut off in its last entry: the unfinished sentence answers nothing
    assert "A written rule ends most quarrels" in sources[2] and "card of his own" not in sources[2]
