"""An FAQ whose entries are the asker's own worries as well as questions (articles-17's gap-year page), an FAQ
laid out as a one-column table and copied as text (articles-47's dog-park page), and a column answering a
named colleague whose argument it reports in the third person (articles-17's fireworks column); and a page of one
question, asked in its title and answered by a numbered list of reasons (articles-53's refill-shop FAQ)."""

from __future__ import annotations

from drafting import layout_of

from bot.article_layouts import read_layout
from bot.article_text import read_article_text, without_cell_edges
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


TABLE_FAQ = """# source: https://skatepark.example.org/faq.htm
 | Won't the skatepark attract crowds of teenagers at night?
The park is lit until nine and locked at ten, like the tennis courts beside it.
Parks run this way report fewer late gatherings than before they opened, because the gates give a clear closing time. |
 | Is the noise going to keep neighbours awake?
Concrete bowls are quieter than wooden ramps, and the nearest house is two hundred metres away. |
 | Will the town be sued when someone gets hurt?
Signs at the gate say that skaters ride at their own risk, which is how every park in the county handles it. |
"""


def test_an_faq_laid_out_as_a_table_and_copied_as_text_reads_as_one():
    """Each cell's pipe, before a question and after an answer, once kept the questions from being read
    as the entries they are: the page drafted as one Point titled with its first question."""
    assert read_layout(read_article_text(TABLE_FAQ).text).layout == "Q&A"
    _, case = import_article(TABLE_FAQ, "skatepark")
    assert [p.claim for p in case.points] == [
        "Won't the skatepark attract crowds of teenagers at night?",
        "Is the noise going to keep neighbours awake?",
        "Will the town be sued when someone gets hurt?",
    ]
    sources = [" ".join(s for a in p.counterarguments for s in a.source) for p in case.points]
    assert "locked at ten" in sources[0] and "clear closing time." in sources[0]
    assert "|" not in " ".join(sources)


def test_only_a_lines_edge_pipes_are_cell_edges():
    assert without_cell_edges(" | A question?\nIts answer. |") == "\nA question?\nIts answer.\n"
    # a row of several cells, a pipe between words and a pipe alone stay as they are
    for line in ("| Year | Fines |", "cats | dogs", "|"):
        assert without_cell_edges(line) == line


PARKING_REPLY = """# source: https://campus.example.edu/opinion/keep-the-parking-lot
With respect to my fellow columnist, Dana Whitfield, who argues that the campus parking lot should be turned into a park, I have to say her plan is a fantasy.
Whitfield cites the heat that the asphalt soaks up every summer. She says the lot "turns the quad into an oven."
I suppose that would matter if anyone spent August on campus. Nobody does: the semester starts after the worst heat is over.
Even if the heat were a real problem, the cost of losing the lot would be far greater.
First of all, commuters need somewhere to leave their cars. Half of our students drive in from towns with no bus service, and they would simply stop coming.
The main advantage of the lot, though, is the farmers' market it hosts every Saturday. The market brings the town onto campus and pays for two scholarships a year.
In conclusion, the lot stays. A park is pretty, but a campus that nobody can reach is no campus at all.
"""


def test_a_reply_to_a_named_colleague_makes_points_of_what_is_reported_of_them():
    assert read_layout(PARKING_REPLY).layout == "reply to a named opponent"
    _, case = import_article(PARKING_REPLY, "parking-lot")
    # the colleague's thesis, from the opening's "who argues that", then what they say of the heat; what
    # they cite sets the claim out, and the quotation marks go
    assert [p.claim for p in case.points] == [
        "The campus parking lot should be turned into a park.",
        "The lot turns the quad into an oven.",
    ]
    assert case.points[1].context == "Whitfield cites the heat that the asphalt soaks up every summer."
    sources = [[" ".join(a.source) for a in p.counterarguments] for p in case.points]
    # the sentences after a report answer it, up to the writer's own case ...
    assert any("Nobody does" in s for s in sources[1]) and any("cost of losing the lot" in s for s in sources[1])
    # ... whose reasons in sequence, each leading its paragraph, answer the thesis, the conclusion too
    assert sources[0] == [
        "First of all, commuters need somewhere to leave their cars. Half of our students drive in from towns "
        "with no bus service, and they would simply stop coming.",
        "The main advantage of the lot, though, is the farmers' market it hosts every Saturday. The market brings "
        "the town onto campus and pays for two scholarships a year.",
        "In conclusion, the lot stays. A park is pretty, but a campus that nobody can reach is no campus at all.",
    ]
    # the opening's verdict on the colleague's plan gives no reason
    assert not any("fantasy" in s for p in sources for s in p)


def test_a_text_that_also_reports_critics_at_large_is_read_as_an_op_ed():
    # the writer answers a side, not one colleague: "Critics say ..." makes it an op-ed
    article = PARKING_REPLY.replace(
        "Even if the heat were", "Critics say the lot is an eyesore that no visitor forgets. But even if the heat were"
    )
    assert read_layout(article).layout == "op-ed"


ONE_QUESTION = """# source: https://shop.example.com/blog/faq-4
FAQ 4: Why do I have to bring my own bags, even when I only buy one thing?
1. To cut waste. A single bag used once still ends up in landfill for decades, and the ones that blow away end up in hedges, rivers and the sea, where they break into pieces that never go away.
2. To keep prices down. Bags we hand out cost us money every week, and whatever we spend on them ends up on the price of everything on our shelves, so everybody pays for them in the end.
3. To keep the counter moving. Packing into your own bag is quicker than waiting for one of ours to be found, opened and filled, and the queue behind you moves faster for everyone.
In my next post, I'll share our favourite folding bags.
"""


def test_a_question_in_the_title_answered_by_numbered_reasons_is_one_point():
    article = read_layout(ONE_QUESTION)
    assert article.layout == "one question, numbered reasons"
    ((point),) = article.points
    assert point.claim == "Why do I have to bring my own bags, even when I only buy one thing?"
    assert [p.split(".")[0] for p in point.paragraphs] == [
        "To cut waste",
        "To keep prices down",
        "To keep the counter moving",
    ]  # the closing line run on after the last reason is none


def test_a_numbered_list_under_a_title_that_asks_nothing_is_not_one_question():
    statement = ONE_QUESTION.replace("Why do I have to bring my own bags, even when I only buy one thing?", "Our bags")
    assert layout_of(statement) != "one question, numbered reasons"


RUN_IN_FAQ = """# source: https://www.harbourtown.example.gov/parking-meters-faq
1. Will meters drive shoppers away from the high street? No. Towns that priced their kerbside spaces kept their footfall, because a space is now free when a shopper arrives. Turnover rises when nobody can park all day for nothing.

2. Are meters just a way to raise money? Every penny the meters take goes to the town's road repair fund. The council publishes the meter accounts each spring, so anyone can check where the money goes.

3. What about residents who park outside their own homes? Residents get a permit for their own street at no cost.
"""


def test_an_faq_scraped_with_each_answer_run_on_after_its_numbered_question():
    """articles-70's roundabout page: each numbered question runs on into its answer in one paragraph, and the
    page was refused as having no recognisable structure."""
    assert read_layout(RUN_IN_FAQ).layout == "Q&A"
    _, case = import_article(RUN_IN_FAQ, "parking-meters")
    assert [p.claim for p in case.points] == [
        "Will meters drive shoppers away from the high street?",
        "Are meters just a way to raise money?",
        "What about residents who park outside their own homes?",
    ]
    sources = [" ".join(s for a in p.counterarguments for s in a.source) for p in case.points]
    assert "kept their footfall" in sources[0] and "drive shoppers" not in sources[0]
    assert "road repair fund" in sources[1] and "1." not in " ".join(p.claim for p in case.points)


def test_a_blogs_rhetorical_questions_running_on_are_no_faq():
    """Unnumbered, a paragraph opening with a question and running on is a blogger asking, not an FAQ entry."""
    blog = "\n\n".join(line.split(". ", 1)[1] for line in RUN_IN_FAQ.split("\n\n")[0:3] if ". " in line)
    assert read_layout(RUN_IN_FAQ).layout == "Q&A"
    try:
        layout = read_layout("# source: https://blog.example.com/meters\n" + blog).layout
    except ValueError:
        layout = "refused"
    assert layout != "Q&A"
