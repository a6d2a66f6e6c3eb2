"""Turning articles into cases, and telling authors what to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from drafting import sources_by_point
from support import counterpoint

from bot.article import NO_SUMMARY, reading_of
from bot.article_text import read_article_text
from bot.case_quality import quality_warnings
from bot.cases import CaseError, load_case_file, parse_case
from bot.config import SHIPPED_CASES_DIR
from bot.importer import ImportError_, import_article, import_file
from bot.unlabelled_layouts import undo_denial
from bot.verdict_layout import verdict
from cogs.embeds import point_embed

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"
SHIPPED = SHIPPED_CASES_DIR / "north-korea.toml"

REBUTTAL_ARTICLE = """Why the Four-Day Week Works

Point #1: Shorter weeks cut output

It is true that some tasks need people present every day.

Output per hour rises when people are rested. Trials in several countries kept output level. This held across sectors.

Sick days fall sharply, which protects output over a year.

Point #2: Customers will suffer

Some customers did notice slower replies at first. However, staggered rotas kept every service open five days a week, and satisfaction scores stayed the same.
"""


def test_a_rebuttal_article_becomes_a_valid_draft():
    draft, case = import_article(REBUTTAL_ARTICLE)
    assert case.id == "why-the-four-day-week-works" and case.title == "Why the Four-Day Week Works"
    first, second = case.points
    assert first.claim == "Shorter weeks cut output."
    assert first.context == "It is true that some tasks need people present every day."
    assert [a.source for a in first.counterarguments] == [  # one per claim; "This held..." continues its claim
        ("Output per hour rises when people are rested.",),
        ("Trials in several countries kept output level.", "This held across sectors."),
        ("Sick days fall sharply, which protects output over a year.",),
    ]
    assert second.context == "Some customers did notice slower replies at first."
    assert second.counterarguments[0].source[0].startswith("However, staggered rotas")
    assert parse_case(draft).id == case.id  # the text written out is the same valid case


@pytest.mark.parametrize(
    ("article", "claims"),
    [
        (
            "Title\n\nMyth: Vaccines cause autism\nFact: Large studies of millions of children found no link.\n\n"
            "Myth: Natural immunity is better\nFact: It comes at the price of the disease itself.\n",
            ["Vaccines cause autism.", "Natural immunity is better."],
        ),
        (
            "Title\n\nClaim: Cities should ban cars\nResponse: Buses need roads too. Deliveries need vans.\n",
            ["Cities should ban cars."],
        ),
        (  # a heading in Title Case is written as the sentence a coach would write
            "Title\n\nMyth 1: Community Gardens Are Only for Experienced Gardeners\n\n"
            "- Fact: Beginners learn from the gardeners beside them.\n\n"
            "Myth 2: Gardens Cost Too Much to Run\n\n- Fact: Shared tools keep each plot's costs low.\n",
            ["Community gardens are only for experienced gardeners.", "Gardens cost too much to run."],
        ),
        (
            "Title\n\n1. Nuclear power is unsafe\n\nModern reactors shut down passively.\n\n"
            "2. Nuclear waste is unmanageable\n\nFinland already stores it deep underground.\n",
            ["Nuclear power is unsafe.", "Nuclear waste is unmanageable."],
        ),
        (  # "The Myth:" / "The Truth:" (articles-64's carbon-frame page), one myth only
            "Title\n\nThe Myth: One small crack and your carbon frame is scrap.\n"
            "The Truth: Carbon is eminently repairable. Specialists mend thousands of frames.\n",
            ["One small crack and your carbon frame is scrap."],
        ),
        (  # a myth's name as a heading straight above "The Claim:" (articles-6's houseplant page)
            "Title\n\nMyth #1: Plants Purify the Air\n\nThe Claim: Houseplants act as natural air purifiers.\n"
            "The Truth: The effect in a home is minimal.\n\nMyth #2: Plants Are Safe for Pets\n\n"
            "The Claim: Houseplants pose no threat to cats.\nThe Truth: Many are toxic if eaten.\n",
            ["Houseplants act as natural air purifiers.", "Houseplants pose no threat to cats."],
        ),
        (  # a long heading in Title Case is no sentence whose capitals name things (articles-55's phone page)
            "Title\n\n1. They Have Viruses\n\nA reset wipes them.\n\n"
            "2. They Won't Hold New Contacts, Pictures, Etc.\n\nThe storage is emptied like new.\n",
            ["They have viruses.", "They won't hold new contacts, pictures, etc."],
        ),
        (  # a question keeps its words
            "Title\n\n1. Don't You Need Carbs for Energy?\n\nFat and ketones fuel the body well.\n\n"
            "2. Won't It Hurt Your Heart?\n\nTrials found cholesterol levels improved.\n",
            ["Don't You Need Carbs for Energy?", "Won't It Hurt Your Heart?"],
        ),
    ],
)
def test_other_structures_are_recognised(article, claims):
    _, case = import_article(article, "demo")
    assert [p.claim for p in case.points] == claims


def test_an_article_without_structure_is_refused_with_the_structures_expected():
    with pytest.raises(ImportError_, match="No recognisable structure") as caught:
        import_article("Just an opinion.\n\nWith two paragraphs of it.\n")
    assert "Point #1:" in str(caught.value) and "Myth:" in str(caught.value)


def test_a_bad_id_is_refused():
    with pytest.raises(ImportError_, match="not a valid case id"):
        import_article(REBUTTAL_ARTICLE, "my case/../x")


def test_the_seed_article_reimports_close_to_the_hand_made_case():
    if not SEED.exists():
        pytest.skip(f"optional file outside the repository not found: {SEED} (the seed article)")
    _, case = import_article(SEED.read_text("utf-8"), "north-korea")
    assert [p.number for p in case.points] == [1, 2]
    assert case.points[1].context.startswith("The failure to roll back")
    assert 6 <= len(case.points[0].counterarguments) <= 10 and 5 <= len(case.points[1].counterarguments) <= 7


def test_warnings_name_what_would_hurt_learners():
    text = SHIPPED.read_text("utf-8")
    # A summary that quotes the article, and a phrasing that also makes another counterargument.
    text = text.replace(
        'summary = "Despite their frustration, the allies have not lost faith in the US or distanced themselves from it."',
        'summary = "At no point have regional allies begun to lose faith in the United States."',
    )
    text = text.replace(
        '"Every North Korean provocation unites the alliance.",',
        '"Every North Korean provocation unites the alliance.",\n    "The allies keep asking for stronger security guarantees and closer alliance ties with the US.",',
    )
    warnings = quality_warnings(parse_case(text))
    assert any("'allies-keep-faith' summary quotes the article" in w for w in warnings)
    assert any(
        "'provocations-unite-allies' phrasing" in w and "also covers 'allies-seek-closer-alliance'" in w
        for w in warnings
    )
    # The shipped case's only notes are two short article sentences the scorer does not match alone.
    assert [w for w in quality_warnings(load_case_file(SHIPPED)) if "fragment" not in w] == []


def test_a_counterargument_holding_several_reasons_is_named():
    text = SHIPPED.read_text("utf-8").replace(
        '"It brings them closer together.",',
        '"It brings them closer together.",\n'
        + ",\n".join(f'"Reason number {n} is another sentence the allies could give."' for n in range(5))
        + ",",
    )
    warnings = quality_warnings(parse_case(text))
    assert any("'provocations-unite-allies' source is long" in w and "several reasons" in w for w in warnings)


def test_a_fragment_reference_is_named_so_the_author_can_write_it_whole():
    text = SHIPPED.read_text("utf-8").replace(
        '"Every North Korean provocation unites the alliance.",',
        '"Every North Korean provocation unites the alliance.",\n    "What unity?",',
    )
    warnings = quality_warnings(parse_case(text))
    assert any("'provocations-unite-allies' has a fragment, \"What unity?\"" in w for w in warnings)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t + "\n# " + "x" * 300_000, "the limit is 256 KB"),
        (lambda t: t.replace("Think about how", "Ask <@123456789> about how"), "contains '<@123456789>'"),
        (lambda t: t.replace("Think about how", "```py Think about how"), "contains '```'"),
        (
            lambda t: (
                t
                + "".join(
                    f'\n[[points]]\nnumber = {n}\nclaim = "c"\ncontext = "x"\n[[points.counterarguments]]\nid = "a{n}"\n'
                    f'summary = "s"\nhint = "h"\nsource = ["s"]\n'
                    for n in range(3, 51)
                )
            ),
            "has 50 Points; the limit is 20",
        ),
    ],
)
def test_hostile_or_oversized_case_files_are_refused(edit, expected):
    with pytest.raises(CaseError, match=expected.replace("(", "\\(")):
        parse_case(edit(SHIPPED.read_text("utf-8")), source="upload.toml")


def test_import_validate_score_and_check_from_the_terminal(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(REBUTTAL_ARTICLE, "utf-8")
    draft = tmp_path / "draft.toml"
    run = counterpoint("cases", "import", str(article), "--id", "four-day", "-o", str(draft))
    assert run.returncode == 0, run.stderr
    assert "Imported 'four-day': 2 Points" in run.stderr

    run = counterpoint("cases", "validate", str(draft))
    assert run.returncode == 0 and "OK: case 'four-day'" in run.stdout and "still says TODO" in run.stdout

    scored = counterpoint(
        "score",
        "--case-file",
        str(draft),
        "--point",
        "1",
        stdin="When people are rested their output per hour rises, and trials kept output level.",
    )
    assert json.loads(scored.stdout)["covered"][0] == "p1-c1"

    rebuttals = tmp_path / "r.jsonl"
    rebuttals.write_text(
        json.dumps({"id": "r1", "point": 2, "text": "Staggered rotas kept every service open."}), "utf-8"
    )
    run = counterpoint("cases", "check", str(draft), "--rebuttals", str(rebuttals))
    assert "r1\tPoint 2" in run.stdout and "Point 2 p2-c1: 1/1" in run.stdout


# --- every common layout (issue 12) ---------------------------------------------------

MYTH_NOT_TRUE = """# source: https://example.org/wind-facts
Wind Power: Four Myths Put Straight

By Jane Doe
Posted on March 4, 2021

Wind now supplies a growing share of the grid in many countries. Yet old objections keep coming back.

Myth: Wind turbines kill huge numbers of birds.
NOT TRUE: Cats and glass buildings kill far more birds every year than turbines do. Careful siting away from migration routes cuts the remaining risk further.

Myth: Wind power is too expensive to compete.
Reality: The cost of onshore wind has fallen by more than half over the last decade. New wind farms now undercut new coal plants in most markets.

Myth: Turbines never pay back the energy used to build them.
The truth: A modern turbine repays the energy of its manufacture within about a year of operation.

Myth: Nobody wants a wind farm nearby.
Fact: Surveys of people living near wind farms find that most support them.

Find more info here: https://example.org/more
Share this
"""

CLAIM_RESPONSE = """Should Schools Ban Phones?

Claim: Phones in class distract students from learning.
Response: Teachers already manage many distractions without outright bans. Phones give students quick access to dictionaries, calculators and research tools.

Claim: A ban protects children from cyberbullying.
Response: Most cyberbullying happens outside school hours, so a daytime ban leaves it untouched.
"""

OBJECTION_REPLY = """Answering the Critics of a Four-Day School Week

Objection: Parents cannot find childcare on the fifth day.
Reply: Districts that switched offered supervised activities on the free day at low cost. Working parents in those districts reported fewer childcare problems than expected.

Objection: Students forget more over a long weekend.
Reply: Test scores in rural districts that moved to four days stayed level after three years.
"""

QUOTED = """Wind Energy Objections, Answered

Critics of wind power repeat a handful of lines. Here is how the evidence answers them.

\u201cWind is unreliable.\u201d

Grid operators forecast wind output days ahead, and they balance it with storage and imports from neighbouring regions.

Spreading turbines over a wide area smooths out the lulls at any one site.

\u201cWind farms ruin the countryside.\u201d

A turbine occupies a small footprint, and the land around it stays in use for farming and grazing.

Read more
"""

RULED = """Replies to the Four-Day Week's Critics

A reader sent us the usual objections. Our answers follow.

----------------------------------

A shorter week just means the same work crammed into fewer days.

Trials in Iceland kept output level while hours fell, because meetings shrank and staff wasted less time.

----------------------------------

Customers will be left without service on the fifth day.

....Staggered rotas kept every service open five days a week in the trials.
...

----------------------------------
"""

MARKED_FALSE = """Rain Barrels: Misconceptions

Before you skip the rain barrel, here are the doubts we hear most.

Rain barrels breed mosquitoes – FALSE

A fitted lid and a fine mesh screen over the inlet keep mosquitoes from laying eggs in the water.

Rain barrels hold too little water to matter! - Myth

One summer storm on an average roof fills a standard barrel, and it refills every time it rains.
"""

QANDA = """Nuclear Power: Your Questions Answered

Isn't nuclear power dangerous?

Per unit of electricity produced, nuclear power has caused fewer deaths than coal, oil or gas, including the accidents at Chernobyl and Fukushima.

What about the waste?

Finland is already burying spent fuel in a deep geological repository designed to hold it safely for a hundred thousand years.
"""


@pytest.mark.parametrize(
    ("article", "claims", "first_source"),
    [
        (
            MYTH_NOT_TRUE,
            [
                "Wind turbines kill huge numbers of birds.",
                "Wind power is too expensive to compete.",
                "Turbines never pay back the energy used to build them.",
                "Nobody wants a wind farm nearby.",
            ],
            "Cats and glass buildings kill far more birds every year than turbines do.",
        ),
        (
            CLAIM_RESPONSE,
            ["Phones in class distract students from learning.", "A ban protects children from cyberbullying."],
            "Teachers already manage many distractions without outright bans.",
        ),
        (
            OBJECTION_REPLY,
            ["Parents cannot find childcare on the fifth day.", "Students forget more over a long weekend."],
            "Districts that switched offered supervised activities on the free day at low cost.",
        ),
        (
            QUOTED,
            ["Wind is unreliable.", "Wind farms ruin the countryside."],
            "Grid operators forecast wind output days ahead, and they balance it with storage and imports from "
            "neighbouring regions.",
        ),
        (
            RULED,
            [
                "A shorter week just means the same work crammed into fewer days.",
                "Customers will be left without service on the fifth day.",
            ],
            "Trials in Iceland kept output level while hours fell, because meetings shrank and staff wasted less time.",
        ),
        (
            MARKED_FALSE,
            ["Rain barrels breed mosquitoes.", "Rain barrels hold too little water to matter."],
            "A fitted lid and a fine mesh screen over the inlet keep mosquitoes from laying eggs in the water.",
        ),
        (
            QANDA,
            ["Isn't nuclear power dangerous?", "What about the waste?"],
            "Per unit of electricity produced, nuclear power has caused fewer deaths than coal, oil or gas, including "
            "the accidents at Chernobyl and Fukushima.",
        ),
    ],
)
def test_every_common_layout_imports(article, claims, first_source):
    draft, case = import_article(article, "demo")
    assert [p.claim for p in case.points] == claims
    assert case.points[0].counterarguments[0].source[0] == first_source
    for point in case.points:
        assert point.context != point.claim
        for arg in point.counterarguments:
            assert "TODO" not in arg.hint and arg.hint.endswith("?")
            assert not any(s in arg.hint for s in arg.source)  # points, never states


def test_objections_between_rules_keep_their_answers_whole_in_markdown_too():
    draft, case = import_article(RULED.replace("A reader", "A **reader**"), "demo", filename="critics.md")
    second = case.points[1].counterarguments
    assert [s for a in second for s in a.source] == [
        "Staggered rotas kept every service open five days a week in the trials."
    ]  # the cut quotation's dots gone, and a line of dots is no reason


def test_the_answer_label_never_becomes_part_of_the_answer():
    _, case = import_article(MYTH_NOT_TRUE, "wind")
    sources = [s for p in case.points for a in p.counterarguments for s in a.source]
    assert not any(s.upper().startswith(("NOT TRUE", "REALITY", "THE TRUTH", "FACT")) for s in sources)
    assert case.points[2].counterarguments[0].source == (
        "A modern turbine repays the energy of its manufacture within about a year of operation.",
    )


def test_the_draft_has_no_boilerplate_and_takes_the_real_title_and_source():
    _, case = import_article(MYTH_NOT_TRUE, "wind")
    assert case.title == "Wind Power: Four Myths Put Straight"
    assert case.attribution == "Jane Doe, March 4, 2021, https://example.org/wind-facts"
    sources = [s for p in case.points for a in p.counterarguments for s in a.source]
    assert not any(word in s for s in sources for word in ("Find more", "Share", "http", "Jane Doe", "Posted"))
    assert all(len(s.split()) >= 4 for s in sources)
    # not the intro: it argues the article's side, and the scorer counts the context on the claim's side
    assert not any("Wind now supplies" in p.context for p in case.points)
    _, quoted = import_article(QUOTED, "wind")
    assert not any("Read more" in s for p in quoted.points for a in p.counterarguments for s in a.source)


def test_a_short_lead_in_is_not_a_counterargument():
    article = (
        "Wind Myths\n\n1. Wind energy is unpredictable.\n\nNot really. New batteries store wind power "
        "for later use.\n\n2. Wind turbines are noisy.\n\nNope. Turbines stand at least 300 meters from homes.\n"
    )
    _, case = import_article(article, "wind")
    assert [a.source for a in case.points[0].counterarguments] == [("New batteries store wind power for later use.",)]


def test_a_draft_labels_each_counterargument_from_its_key_words():
    draft, case = import_article(REBUTTAL_ARTICLE)
    labels = [arg.label for point in case.points for arg in point.counterarguments]
    assert labels[0] == "Output per hour rises" and all(0 < len(label) <= 40 for label in labels)
    assert draft.count("\nlabel = ") == len(labels)  # written in the draft, for the author to edit


def test_hints_point_at_the_key_nouns_and_differ_within_a_point():
    _, case = import_article(QUOTED, "wind")
    hints = [a.hint for a in case.points[0].counterarguments]
    assert hints[0].startswith("What does the article say about ") and len(set(hints)) == len(hints)
    assert "forecast wind output days ahead" not in hints[0]


COACH_WORDING = """Three Myths About Heat Pumps

Myth: Heat pumps are too noisy for a terraced street.
Fact: At two metres, the hum that the outdoor fans produce is quieter than a fridge. Unlike boilers, modern units have no burner to roar when they start.

Myth: Heat pumps fail in cold weather.
Fact: There are ways to keep a home warm when the frost is hard. Owners will also still be billed for backup electricity in a freeze.
"""


def test_hints_ask_about_a_noun_phrase_and_labels_name_the_reason_in_a_few_words():
    _, case = import_article(COACH_WORDING, "heat")
    noisy, cold = case.points
    # a noun phrase, never a run of words that ends on a verb ("... about outdoor fans produce?")
    assert noisy.counterarguments[0].hint == "What does the article say about outdoor fans?"
    labels = [a.label for p in case.points for a in p.counterarguments]
    # the reason's own clause, after a fronted "Unlike boilers," or "There are", cut before a trailing phrase
    assert labels[1:] == ["Modern units have no burner", "Ways to keep a home warm", "Owners will be billed"]
    for point in case.points:
        for arg in point.counterarguments:
            assert 2 <= len(arg.label.split()) <= 6 and not arg.label.endswith("\u2026"), arg.label
            assert "TODO" not in arg.hint and arg.hint.endswith("?")


def test_a_text_with_no_argument_names_every_layout_looked_for():
    with pytest.raises(ImportError_) as caught:
        import_article("A Day Out\n\nWe went to the beach. The weather was fine.\n\nThen we went home.\n")
    message = str(caught.value)
    for layout in (
        "Point #1:",
        "Myth:",
        "Myth #1: <claim>. <the rest",
        "NOT TRUE:",
        "Claim:",
        "Objection:",
        "1. <claim>",
        "quoted objection",
        "objections between rules",
        "Q: A question",
        "Critics say <claim>",
        "Some argue that",
        "- <a claim, as a bulleted item>",
        "<A Bare Heading Stating a Claim>",
        "... <claim>. UNTRUE. <the answer>",
        "[Rejecting P1] <the answer to P1>",
        '"A SLOGAN IN CAPITALS." <its credit',
        "<a thesis rejecting a proposal",
        "-<a reason, a paragraph led by a dash>",
        "He says: <the other side's turn>",
    ):
        assert layout in message, layout


LONG_ANSWER = """Four-Day Week: Myths and Facts

Myth: A four-day week means less work gets done.
Fact: Output per hour rises when staff are rested, and the trials in Iceland kept output level across offices. Meetings shrink when time is short, so less of the week is lost to them. Staff take fewer sick days over a year, which protects output across the seasons. Recruiting gets easier because applicants want the schedule, and teams lose fewer experienced people to rivals.

Myth: Customers will be left without service.
Fact: Staggered rotas kept every service open five days a week in the trials.
"""


def validated_draft(tmp_path, article: str, case_id: str) -> tuple[list[str], list[str]]:
    """The draft's lines, and what `counterpoint cases validate` says of it (it must load)."""
    draft = tmp_path / "draft.toml"
    draft.write_text(import_article(article, case_id)[0], "utf-8")
    run = counterpoint("cases", "validate", str(draft))
    assert run.returncode == 0, run.stderr
    return draft.read_text("utf-8").splitlines(), run.stdout.splitlines()


def test_validate_names_the_lines_to_review_where_the_import_is_unsure(tmp_path):
    lines, warnings = validated_draft(tmp_path, LONG_ANSWER, "four-day")
    long = next(w for w in warnings if "from one long paragraph" in w)
    line = int(long.split(":")[1])
    assert lines[line - 1].startswith("# review:") and "'p1-c1'" in long
    assert lines[line + 6].strip().startswith('"Output per hour rises')
    single = next(w for w in warnings if "Point 2: only one counterargument" in w)
    line = int(single.split(":")[1])
    assert lines[line - 1] == "number = 2" and lines[line - 2] == "[[points]]"


# --- the plain op-ed, Markdown and HTML (issue 12) -------------------------------------

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


def test_an_op_ed_that_answers_claims_in_prose_becomes_one_point_per_claim():
    _, case = import_article((ARTICLES / "oped-congestion-charge.txt").read_text("utf-8"), "charge")
    assert [p.claim for p in case.points] == [
        "The charge will drive shoppers away and kill the high street.",
        "The charge is a tax on the poor.",
        "Opponents point to the cost of the cameras and the administration.",
    ]
    assert case.attribution == "Maria Lopez, June 12, 2024"
    shoppers, poor, cost = case.points
    assert shoppers.context == "It is an understandable fear."  # the concession, not the answer
    assert [a.source for a in shoppers.counterarguments] == [  # one counterargument per reason
        (
            "But footfall in Stockholm's centre rose after its charge began, because people who arrive on foot, "
            "by bike or by bus visit more often than drivers do.",
        ),
        ("Shops also gain from quieter streets, where customers linger longer and spend more per visit.",),
    ]
    assert [len(p.counterarguments) for p in (poor, cost)] == [2, 2]
    assert not any("Share" in s for p in case.points for a in p.counterarguments for s in a.source)


def test_quoted_headlines_are_claims_and_each_answer_goes_to_the_headline_it_names():
    article = (
        "Are Video Games Really So Bad?\n\n"
        "\u201cVideo games make children violent,\u201d warns the Daily Courier. "
        "\u201cGaming is ruining a generation\u2019s eyesight,\u201d says Health Weekly.\n\n"
        "As usual, the alarm outruns the evidence. The Daily Courier piece cites a single laboratory study of "
        "twenty students. Long-term studies of thousands of teenagers find no rise in real-world violence among "
        "players.\n\n"
        "Health Weekly quotes no optometrist at all. Eye specialists blame close work of every kind, reading "
        "included, and time spent indoors, not games as such.\n"
    )
    _, case = import_article(article, "games")
    violent, eyesight = case.points
    assert violent.claim == "Video games make children violent."
    assert eyesight.claim == "Gaming is ruining a generation's eyesight."
    assert violent.counterarguments[0].source[0].startswith("The Daily Courier piece cites")
    assert all("Eye specialists" not in s for a in violent.counterarguments for s in a.source)
    assert eyesight.counterarguments[0].source[0] == "Health Weekly quotes no optometrist at all."
    assert not any("alarm outruns" in s for p in case.points for a in p.counterarguments for s in a.source)


@pytest.mark.parametrize(
    "opening",
    [
        "Some argue that homework teaches discipline.",
        "It is often claimed that homework teaches discipline.",
        "Critics say homework teaches discipline.",
    ],
)
def test_the_usual_ways_of_reporting_the_other_side_are_recognised(opening):
    article = (
        f"Homework Helps Less Than We Think\n\n{opening} But discipline grows from tasks children "
        "choose for themselves, as studies of sport and music show.\n"
    )
    _, case = import_article(article, "homework")
    assert case.points[0].claim == "Homework teaches discipline."


MARKDOWN = """# Four-Day Week: **Three** Myths

1. **A shorter week means less gets done.**

   Output per hour rises when staff are rested, as [the Iceland trials](https://example.org/iceland) showed.

2. *Customers* will be left without service.

   Staggered rotas kept every service open five days a week in the trials.
"""


@pytest.mark.parametrize("filename", ["week.md", ""])  # by extension, or by the Markdown in it
def test_a_markdown_article_imports_without_its_markup(filename):
    _, case = import_article(MARKDOWN, "week", filename=filename)
    assert case.title == "Four-Day Week: Three Myths"
    assert [p.claim for p in case.points] == [
        "A shorter week means less gets done.",
        "Customers will be left without service.",
    ]
    assert case.points[0].counterarguments[0].source == (
        "Output per hour rises when staff are rested, as the Iceland trials showed.",
    )


@pytest.mark.parametrize("filename", ["fines.html", "fines.txt"])  # by extension, or by the markup in it
def test_an_html_page_imports_its_article_with_title_author_date_and_url(filename):
    page = (ARTICLES / "library-fines.html").read_text("utf-8")
    _, case = import_article(page, "fines", filename=filename)
    assert case.title == "Going Fine Free: Your Questions Answered"
    assert case.attribution == "Dana Whitfield, 2023-09-14, https://riverside-library.example.org/news/going-fine-free"
    assert [p.claim for p in case.points] == [
        "If there are no fines, why would anyone bring books back on time?",
        "Won't the library lose money it needs?",
    ]
    sources = " ".join(s for p in case.points for a in p.counterarguments for s in a.source)
    for chrome in ("Catalogue", "Donate", "Facebook", "All rights reserved", "Find out more", "<"):
        assert chrome not in sources


def test_an_html_page_imports_from_the_terminal(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes((ARTICLES / "library-fines.html").read_bytes())
    run = counterpoint("cases", "import", str(page), "-o", str(tmp_path / "fines.toml"))
    assert run.returncode == 0, run.stderr
    assert load_case_file(tmp_path / "fines.toml").title == "Going Fine Free: Your Questions Answered"


def test_a_layout_heading_or_a_byline_is_never_the_title():
    headless = (
        "# source: https://example.org/news/myths-about-school-meals/?utm_source=feed\n"
        "A long preface that runs well past twenty words, about why school meals matter to families, "
        "to teachers and to the children who eat them every day of the week.\n\n"
        "MYTH: Free school meals are wasted on families who can pay.\n\n"
        "NOT TRUE: Most eligible families earn under the median wage, and take-up is highest where need is.\n\n"
        "MYTH: Children throw the food away.\n\n"
        "NOT TRUE: Plate-waste audits in three counties found most children finish their main course.\n"
    )
    _, case = import_article(headless, "meals")
    assert case.title == "Myths about school meals"  # from the page's address, not the first MYTH line
    assert case.attribution == "https://example.org/news/myths-about-school-meals/"
    _, case = import_article("Words by Sam Lee\n\nBike Lane Myths\n\n" + MARKDOWN.split("\n", 1)[1], "bikes")
    assert case.title == "Bike Lane Myths" and case.attribution == "Sam Lee"


def test_a_caption_or_a_short_sentence_of_the_opening_is_never_the_title():
    """A photo's caption (no capital) and a one-line retort ending in a full stop are no titles: with
    no title line, the page's address names the article."""
    article = (
        "# source: https://example.org/blog/meal-myths-busted\n"
        "chef holding a tray\n\n"
        "What a load of nonsense.\n\n"
        "MYTH: Free school meals are wasted on families who can pay.\n\n"
        "NOT TRUE: Most eligible families earn under the median wage, and take-up is highest where need is.\n\n"
        "MYTH: Children throw the food away.\n\n"
        "NOT TRUE: Plate-waste audits in three counties found most children finish their main course.\n"
    )
    _, case = import_article(article, "meals")
    assert case.title == "Meal myths busted"


MEALS_MYTHS = (
    "MYTH: Free school meals are wasted on families who can pay.\n\n"
    "NOT TRUE: Most eligible families earn under the median wage, and take-up is highest where need is.\n\n"
    "MYTH: Children throw the food away.\n\n"
    "NOT TRUE: Plate-waste audits in three counties found most children finish their main course.\n"
)


def test_a_sections_name_before_the_headline_is_not_the_title_but_a_banner_is_no_headline():
    _, case = import_article("The Buzz\n\nThe Case for Free School Meals\n\n" + MEALS_MYTHS, "meals")
    assert case.title == "The Case for Free School Meals"  # "The Buzz" names the blog, not the piece
    _, case = import_article("No Excuses!\nDON'T WASTE FOOD AT YOUR SCHOOL!!!\n\n" + MEALS_MYTHS, "meals")
    assert case.title == "No Excuses!"
    _, case = import_article("Meal Myths\nWhy families should sign up today\n\n" + MEALS_MYTHS, "meals")
    assert case.title == "Meal Myths"  # the line after is a sentence in lower case, not a headline


def test_a_paragraph_setting_out_the_claim_before_the_answer_turns_is_its_context():
    article = (
        "Cycle Lane Myths\n\n1. Cycle lanes increase congestion\n\n"
        "This is the most common myth: take road space from cars and the jams must get worse.\n\n"
        "But traffic is not water in a pipe, and fewer lanes mean fewer car trips over time.\n\n"
        "2. Nobody uses them\n\nCounters on new lanes show riders arriving within months.\n"
    )
    _, case = import_article(article, "lanes")
    congestion = case.points[0]
    assert congestion.context.startswith("This is the most common myth")
    assert [a.source[0][:9] for a in congestion.counterarguments] == ["But traff"]


def test_an_op_ed_claim_may_follow_a_leading_clause_and_a_summing_up_answers_no_claim():
    article = (
        "The Library Should Stay Open on Sundays\n\n"
        "When the budget was first discussed, councillors argued that Sunday opening costs too much. "
        "But the Sunday staff are volunteers for half the day, and heating the building costs the same either way.\n\n"
        "We're often told that nobody reads on Sundays. In fact, Sunday loans are the highest of the week, "
        "because families have time together.\n\n"
        "In short, the council should keep the doors open and count the visitors before it decides anything.\n"
    )
    _, case = import_article(article, "library")
    assert [p.claim for p in case.points] == ["Sunday opening costs too much.", "Nobody reads on Sundays."]
    sources = [s for p in case.points for a in p.counterarguments for s in a.source]
    assert not any("In short" in s for s in sources)


def test_what_goes_on_reporting_a_claim_is_its_context_until_the_text_turns_against_it():
    article = (
        "Houseplant Folklore\n\n"
        "We're often told that plants in the bedroom steal your oxygen at night. "
        "That's why grandmothers carried them out before bed. That's because plants breathe too, people say.\n\n"
        "That's not true. A bedroom plant takes in less oxygen overnight than a sleeping cat, "
        "and the room's air changes several times an hour.\n"
    )
    _, case = import_article(article, "plants")
    assert case.points[0].claim == "Plants in the bedroom steal your oxygen at night."
    assert "That's why grandmothers carried them out" in case.points[0].context  # the report, not an answer
    assert not any("grandmothers" in s or "people say" in s for s in sources_by_point(case)[0])
    assert any("less oxygen overnight than a sleeping cat" in s for s in sources_by_point(case)[0])


def test_an_op_ed_draft_asks_for_review_where_its_claims_were_found_in_prose(tmp_path):
    draft = tmp_path / "charge.toml"
    draft.write_text(import_article((ARTICLES / "oped-congestion-charge.txt").read_text("utf-8"), "charge")[0])
    run = counterpoint("cases", "validate", str(draft))
    assert run.returncode == 0, run.stderr
    assert "the claims were found in prose" in run.stdout
    assert "found in prose" not in import_article(MYTH_NOT_TRUE, "wind")[0]  # under headings: nothing to say


def test_an_html_page_with_no_article_is_refused_clearly():
    with pytest.raises(ImportError_, match="No article text found in this HTML page"):
        import_article("<html><body><script>x()</script></body></html>", "x", filename="empty.html")
    with pytest.raises(ImportError_, match="No recognisable structure"):  # a menu is text, but no argument
        import_article("<html><body><nav><a href='/'>Home</a></nav></body></html>", "x", filename="menu.html")


# --- a draft as a coach would write it (issue 12) --------------------------------------

NUMBERED_OBJECTIONS = """Common objections to car-free streets

1. Objection: "Shops will lose their customers."

Response: Most shoppers on high streets arrive on foot or by bus. Footfall rose on streets that closed to cars.

2. Objection: "Deliveries will become impossible."

Response: Loading windows in the early morning keep deliveries moving. Cargo bikes now carry most small parcels.
"""


def test_a_numbered_objection_and_response_list_imports_without_its_labels():
    _, case = import_article(NUMBERED_OBJECTIONS, "streets")
    assert [p.claim for p in case.points] == [
        '"Shops will lose their customers."',
        '"Deliveries will become impossible."',
    ]
    sources = [s for p in case.points for a in p.counterarguments for s in a.source]
    assert sources[0] == "Most shoppers on high streets arrive on foot or by bus."
    assert not any(s.startswith(("Response", "Objection")) for s in sources)


GRANTS_OR_NOT = """Cycle Lane Myths

Myth: Cycle lanes cause traffic jams.
Yes, traffic has worsened on some streets with new lanes, but delivery vans account for most of the growth. Roads that lost a lane to bikes carried as many people as before.

Myth: Nobody uses cycle lanes.
Counts on the river route found four thousand riders a day. Empty lanes in photos are lanes between waves of riders.
"""


def test_context_is_what_the_answer_grants_and_empty_where_it_grants_nothing():
    imported = import_file(GRANTS_OR_NOT.encode(), "myths.txt", "lanes")
    jams, nobody = imported.case.points
    assert jams.context == "Traffic has worsened on some streets with new lanes."
    assert jams.counterarguments[0].source[0].startswith("Yes, traffic has worsened")  # the turn's reason stays
    # no placeholder the article does not hold: empty, and validate names the line to write it on
    assert nobody.context == ""
    lines = imported.toml.splitlines()
    [(line, message)] = [(n, m) for n, m in imported.warnings if "Point 2: the article grants" in m]
    assert lines[line - 1].startswith("# review:") and lines[line] == 'context = ""'
    # and the Point is presented without a "From the article" field
    assert [f.name for f in point_embed(imported.case, jams).fields] == ["From the article"]
    assert point_embed(imported.case, nobody).fields == []
    # `article` (no text shipped) shows each Point's context, and for this one where to read the answer
    sections = reading_of(imported.case).sections
    assert sections[0].text == jams.context and sections[1].text == NO_SUMMARY


def test_an_example_or_a_fronted_pronoun_stays_with_the_reason_it_supports():
    article = (
        "Heat Pump Myths\n\nMyth: Heat pumps are loud.\n"
        "Fact: Outdoor units hum more quietly than traffic. At ten metres, it fades below birdsong. "
        "Councils have approved thousands of units beside bedrooms. For example, Leeds approved four hundred "
        "last year without a single noise complaint.\n"
    )
    _, case = import_article(article, "heat")
    assert [a.source for a in case.points[0].counterarguments] == [
        ("Outdoor units hum more quietly than traffic.", "At ten metres, it fades below birdsong."),
        (
            "Councils have approved thousands of units beside bedrooms.",
            "For example, Leeds approved four hundred last year without a single noise complaint.",
        ),
    ]


def test_a_sentence_about_some_of_what_the_reason_named_stays_with_it_and_a_further_reason_does_not():
    article = (
        "Electric Car Myths\n\nMyth: Electric cars cannot go far.\n"
        "Fact: Ranges vary a great deal by model. Some cover 150 miles; others pass 400. "
        "Public chargers now line every motorway in the country.\n\n"
        "Myth: Bats are useless pests.\n"
        "Fact: Bats eat tonnes of crop pests every summer. Also, they pollinate bananas, mangoes and agave.\n"
    )
    _, case = import_article(article, "myths")
    assert [a.source for a in case.points[0].counterarguments] == [
        ("Ranges vary a great deal by model.", "Some cover 150 miles; others pass 400."),
        ("Public chargers now line every motorway in the country.",),
    ]
    assert [a.source for a in case.points[1].counterarguments] == [
        ("Bats eat tonnes of crop pests every summer.",),
        ("Also, they pollinate bananas, mangoes and agave.",),
    ]


def test_a_rhetorical_question_stays_with_the_reason_it_drives_home():
    article = (
        "Diet Myths\n\nMyth: Vegans harm animals too.\n"
        "Fact: No one can farm without harming some animals, that's true. But shouldn't we cause the least harm "
        "we can? Grain for people needs far fewer acres than grain for cattle.\n"
    )
    _, case = import_article(article, "diet")
    point = case.points[0]
    assert point.context == "No one can farm without harming some animals."
    assert [len(a.source) for a in point.counterarguments] == [2, 1]


def test_validate_names_the_line_of_a_question_claim_and_of_an_answer_cut_off_mid_sentence(tmp_path):
    article = (
        "Diet Questions\n\nObjection: What about plants? Don't they suffer, too?\n"
        "Reply: Plants have no nervous system, so nothing in them can feel pain.\n\n"
        "Objection: Humans have always eaten meat.\n"
        "Reply: Long habit does not make a practice right. Should we not aim for a more peacef"
    )
    lines, warnings = validated_draft(tmp_path, article, "diet")
    question = next(w for w in warnings if "the claim is a question" in w)
    assert lines[int(question.split(":")[1])].startswith('claim = "What about plants?')
    cut = next(w for w in warnings if "ends mid-sentence" in w)
    assert "a more peacef" in cut and "'p2-c" in cut
    assert lines[int(cut.split(":")[1]) - 2].strip() == "]"  # right below the source it is about


OPEN_LETTER = """Dear Leaf Blower,

I must ask you to stop your false advertising.

Last Saturday, at 7:00 AM, you claimed to save me an hour of raking. This, sir, was a lie. I spent that hour chasing the leaves you scattered into my neighbour's hedge, and raking them back took longer than raking them once.

Second, you claim to be good for the lawn. Again, this is false. Your blast strips the mulch that feeds the soil, and it drives the insects that birds need out of the grass.
"""


def test_an_open_letter_that_tells_the_other_side_what_it_claims_imports_without_its_bare_denials():
    _, case = import_article(OPEN_LETTER, "blower")
    assert [p.claim for p in case.points] == ["You save me an hour of raking.", "You are good for the lawn."]
    sources = [s for p in case.points for a in p.counterarguments for s in a.source]
    assert sources[0].startswith("I spent that hour chasing the leaves")
    assert not any("lie" in s or "false" in s for s in sources)  # "This, sir, was a lie." gives no reason


# --- claims with no label: a bulleted list, bare headings under a title naming myths (issue 12) ---

BULLETED_FLATTENED = """Recycling Excuses, Answered

Heard these at your door?

- It all goes to landfill anyway
Councils sell sorted paper and metal to mills, and the contracts are public. Landfill costs a council more per tonne than recycling does. - I have no room for another bin
A folding bag under the sink holds a week of cans and paper. - One household makes no difference
A family recycles about a tonne a year, the weight of a small car.
"""

BULLETED_MARKDOWN = """# Recycling Excuses, Answered

- It all goes to landfill anyway

Councils sell sorted paper and metal to mills, and the contracts are public.

- I have no room for another bin

A folding bag under the sink holds a week of cans and paper.
"""


def test_a_list_of_excuses_each_answered_under_it_imports_even_when_the_page_ran_them_together():
    draft, case = import_article(BULLETED_FLATTENED, "recycling")
    assert [p.claim for p in case.points] == [
        "It all goes to landfill anyway.",
        "I have no room for another bin.",
        "One household makes no difference.",
    ]
    landfill = case.points[0].counterarguments
    assert [a.source[0] for a in landfill] == [
        "Councils sell sorted paper and metal to mills, and the contracts are public.",
        "Landfill costs a council more per tonne than recycling does.",  # not "... - I have no room"
    ]
    sources = [s for p in case.points for a in p.counterarguments for s in a.source]
    assert not any(" - " in s for s in sources)
    assert "found as bulleted items with no label" in draft  # `cases validate` asks to check the claims
    # the same list as a Markdown page writes it, each answer a paragraph of its own
    _, case = import_article(BULLETED_MARKDOWN, "recycling", filename="excuses.md")
    assert [p.claim for p in case.points] == ["It all goes to landfill anyway.", "I have no room for another bin."]
    # an item cut short to no word of content is nothing to rebut: left out, and the draft's warnings still come
    cut = BULLETED_FLATTENED.replace("- One household makes no difference", "- Not me")
    imported = import_file(cut.encode(), "excuses.txt", "recycling")
    assert [p.claim for p in imported.case.points] == [
        "It all goes to landfill anyway.",
        "I have no room for another bin.",
    ]
    assert imported.warnings
    # a list inside a story, its items unanswered, is no list of claims
    with pytest.raises(ImportError_, match="No recognisable structure"):
        import_article("Our Camping Trip\n\nWe packed:\n- a tent\n- a stove\n- a map\nThen we drove north all day.\n")


NAMED_HEADINGS = """Four Myths About Electric Cars

Electric cars sell faster every year, yet the same doubts keep buyers away. Here is what the myths get wrong.

Batteries Wear Out In A Few Years

Photo: a twelve-year-old hatchback at a charger

Most packs keep over eighty percent of their range after ten years of driving. Makers guarantee them for eight years, longer than many drivers keep a car.

Winters In Norway Kill The Range

Even in Norway, where winters are long, more than four in five new cars sold are electric. A heat pump keeps most of the range on cold days.

Call us on 0800 123 456 to ask about winter tyres.

Conclusion

Book a test drive before you decide.
"""


def test_bare_headings_under_a_title_that_names_them_myths_are_the_claims():
    draft, case = import_article(NAMED_HEADINGS, "cars")
    assert [p.claim for p in case.points] == [  # in sentence case; a name keeps its capital
        "Batteries wear out in a few years.",
        "Winters in Norway kill the range.",
    ]
    assert case.points[0].counterarguments[0].source == (
        "Most packs keep over eighty percent of their range after ten years of driving.",
    )
    sources = [s for p in case.points for a in p.counterarguments for s in a.source]
    assert not any("test drive" in s for s in sources)  # the closing heading ends the myths
    assert not any("Call us" in s for s in sources)  # a call to action is no reason
    assert "found as headings with no label" in draft
    # with nothing naming them, short lines alone are any article's subheadings: no claims
    unnamed = NAMED_HEADINGS.replace("Four Myths About", "A Year With")
    for opening in ("we learned", "the old myth gets"):  # one myth in passing names no list of them
        with pytest.raises(ImportError_, match="No recognisable structure"):
            import_article(unnamed.replace("the myths get", opening), "cars")


#: A wiki's list of misconceptions as copied from its source: MediaWiki headings, each entry a correction.
CORRECTIONS = """= List of common misconceptions about houseplants =

Houseplants are the subject of several misconceptions. Each entry on this list is worded as a correction; the misconceptions themselves are implied rather than stated.

== Air ==
=== Houseplants do not noticeably clean the air of a home ===
A room would need hundreds of plants to match what an open window does in an hour. Chamber studies sealed a single plant in a tiny box for days.

== Care ==
=== Most houseplants are not killed by too little water ===
Overwatering rots the roots of far more plants than drought ever harms. A pot without a drainage hole keeps the roots wet for days.

=== Plants grow towards light ===
This entry states no claim the article denies.
"""


def test_a_wiki_list_worded_as_corrections_gives_the_claims_the_corrections_deny():
    _, case = import_article(CORRECTIONS, "houseplants")
    assert [p.claim for p in case.points] == [
        "Houseplants noticeably clean the air of a home.",
        "Most houseplants are killed by too little water.",
    ]
    assert case.points[0].counterarguments[0].source == (
        "A room would need hundreds of plants to match what an open window does in an hour.",
    )
    assert not any("Air" in p.claim or "Care" in p.claim for p in case.points)  # section headings answer nothing
    # a rule of equals signs is no heading
    assert read_article_text("=====\n== Air ==\n", "notes.txt").text == "=====\n## Air\n"


@pytest.mark.parametrize(
    "correction, claim",
    [
        ("Children do not learn their first language effortlessly", "Children learn their first language effortlessly"),
        ("Intelligence does not strongly predict success", "Intelligence strongly predicts success"),
        ("Accents are not permanent", "Accents are permanent"),
        ("Adults cannot learn a language", "Adults can learn a language"),
        ("Immersion alone didn't help", "Immersion alone helped"),
        ("Older learners are faster", None),
    ],
)
def test_a_correction_is_turned_back_into_the_claim_it_denies(correction, claim):
    assert undo_denial(correction) == claim


def test_a_claim_or_a_reason_with_no_word_of_content_is_left_out_in_any_layout():
    article = (
        "Solar Myths\n\nMyth: It is what it is.\nFact: Panels on a north roof still make a third of their best output.\n\n"
        "Myth: Panels stop working in winter.\nFact: Cold panels are more efficient, and snow slides off tilted ones.\n\n"
        "It is what it is.\n"
    )
    imported = import_file(article.encode(), "solar.txt", "solar")
    assert [p.claim for p in imported.case.points] == ["Panels stop working in winter."]
    assert [len(a.source) for a in imported.case.points[0].counterarguments] == [1]  # nor a reason with none
    assert imported.warnings  # the scorer's index, which the warnings need, is built


# --- run-in "Myth #N:" leads and numbered remarks jammed against their number (articles-9) ---

RUN_IN_MYTHS = """Home Gym Myths, From Someone Who Owns Three Treadmills

Before you buy that treadmill, a confession: all three of mine hold laundry now.

Myth #1: A home gym saves money. The machine cost more than two years of membership at the leisure centre, and the leisure centre never needed a repairman.
Myth #2: You will exercise more at home. My neighbour bought a rowing machine in January. By March it was a shelf for her plants, and she was back at her Tuesday class.
Then again, her plants have never looked fitter.
Myth #3: Home workouts are easier to fit in. Every evening the sofa is four steps closer than the rowing machine. And it has a remote cont
"""


def test_run_in_myth_leads_are_claims_and_the_rest_of_their_paragraphs_answer_them():
    draft, case = import_article(RUN_IN_MYTHS, "gym")
    assert [p.claim for p in case.points] == [
        "A home gym saves money.",
        "You will exercise more at home.",
        "Home workouts are easier to fit in.",
    ]
    assert case.title == "Home Gym Myths, From Someone Who Owns Three Treadmills"
    sources = sources_by_point(case)
    assert sources[0] == [
        "The machine cost more than two years of membership at the leisure centre, and the leisure centre never "
        "needed a repairman."
    ]
    assert "Then again, her plants have never looked fitter." in sources[1]  # the next line answers the same myth
    # the page was cut off mid-word: the unfinished sentence is no reason, the finished one before it stays
    assert sources[2] == ["Every evening the sofa is four steps closer than the rowing machine."]
    assert "remote cont" not in draft and "ends mid-sentence" not in draft
    assert not any(s.startswith("Myth") for ss in sources for s in ss)
    # a single run-in lead among headings is no run-in article: "Myth: <claim>" alone on its line stays Myth/Fact
    _, case = import_article(GRANTS_OR_NOT, "lanes")
    assert [p.claim for p in case.points] == ["Cycle lanes cause traffic jams.", "Nobody uses cycle lanes."]


QUOTED_REMARKS = """# source: https://example.org/things-people-say-to-cyclists
1."Isn't cycling in traffic dangerous?"
Per mile, a cyclist in a city is less likely to be hurt than a pedestrian. Protected lanes cut injuries by half where they were built, and drivers soon get used to sharing the road.
2.\u201cDon't you arrive all sweaty?\u201d
An office shower takes five minutes, and an electric bike keeps you cool on the hills. On most commutes under five miles, a steady pace hardly raises a sweat.
3.\u201cWhy not just take the bus?"
I
"""


def test_numbered_remarks_in_quotes_jammed_against_the_number_are_claims_and_a_cut_off_one_is_left_out():
    draft, case = import_article(QUOTED_REMARKS, "cycling")
    # the quotation marks, curly or straight, go; the question stays, for the author to restate
    assert [p.claim for p in case.points] == ["Isn't cycling in traffic dangerous?", "Don't you arrive all sweaty?"]
    assert case.title == "Things people say to cyclists"  # a numbered remark is never the title
    assert case.points[0].counterarguments[0].source == (
        "Per mile, a cyclist in a city is less likely to be hurt than a pedestrian.",
    )
    assert len(case.points[1].counterarguments) == 2
    assert "bus" not in draft  # the last item's answer is cut off after a letter: no Point
    assert "the claim is a question" in draft


# --- inline verdicts: "... <claim>. FALSE. <answer>", hard-wrapped, items between "|" lines (articles-10) ---

VERDICT_MYTHS = """# source: https://example.net/fish/myths.html
... goldfish remember things for only three seconds. FALSE. Goldfish have been trained to
push levers for food and remember the trick months later.
|
... a goldfish grows only as big as its bowl. HMMM. Crowded fish do grow less, but that is
stunting from poor water, and stunted fish often die young.
|
... goldfish are happy in a small bowl. NOPE. A bowl holds too little water to dilute their
waste, so ammonia builds up within days. Most keepers now recommend a filtered tank of
at least forty litres.
|
... and here is one our readers keep sending us. A goldfish once lived for forty-three years
in an English pond, or so its owners told the newspapers.
|
"""


def test_claims_each_followed_by_a_verdict_in_capitals_are_points_and_a_hedge_or_an_aside_is_none(tmp_path):
    draft, case = import_article(VERDICT_MYTHS, "goldfish")
    # no ellipsis and no verdict word in the claims; "HMMM" hedges, so its myth is no Point
    assert [p.claim for p in case.points] == [
        "Goldfish remember things for only three seconds.",
        "Goldfish are happy in a small bowl.",
    ]
    sources = sources_by_point(case)
    # the hard-wrapped lines are joined: each reason is a whole sentence
    assert sources[0] == ["Goldfish have been trained to push levers for food and remember the trick months later."]
    assert "A bowl holds too little water to dilute their waste, so ammonia builds up within days." in sources[1]
    assert "Most keepers now recommend a filtered tank of at least forty litres." in sources[1]
    # the item with no verdict is an aside: it answers no claim, and a "|" line ends the answer before it
    for left_out in ("forty-three", "readers", "Crowded", "HMMM", "NOPE", "FALSE", "|", "..."):
        assert left_out not in "\n".join(line for line in draft.splitlines() if not line.startswith("#")), left_out
    assert case.title == "example.net"  # the page has no title: its site names it
    _, warnings = validated_draft(tmp_path, VERDICT_MYTHS, "goldfish")
    assert not any("TODO" in line for line in draft.splitlines() if line.startswith("hint"))


VERDICTS_IN_PARAGRAPHS = """Space Myths Our Visitors Ask About

You can see the Great Wall of China from space. WRONG. From low orbit the wall is
narrower than a motorway and much the colour of the hills around it.

Astronauts who looked for it from the station could not pick it out without a zoom lens.

There is no gravity on the space station. NOT TRUE! At that height gravity still pulls
with about nine tenths of its strength on the ground; the crew float because the station
is falling around the Earth all the time.

The Moon has a dark side. SORT OF. One side never faces the Earth, but it gets as much
sunlight as the side we see.
"""


def test_an_answer_after_a_verdict_runs_on_across_paragraphs_to_the_next_verdict():
    _, case = import_article(VERDICTS_IN_PARAGRAPHS, "space")
    assert [p.claim for p in case.points] == [
        "You can see the Great Wall of China from space.",
        "There is no gravity on the space station.",
    ]
    first = [s for a in case.points[0].counterarguments for s in a.source]
    assert first[0] == (
        "From low orbit the wall is narrower than a motorway and much the colour of the hills around it."
    )
    assert "Astronauts who looked for it from the station could not pick it out without a zoom lens." in first
    assert not any("gravity" in s for s in first)
    # a hedged verdict ends the answer before it, and its own item is no Point: the page does not deny it
    second = [s for a in case.points[1].counterarguments for s in a.source]
    assert second and not any("Moon" in s or "sunlight" in s for s in second)


NUMBERED_BRACKETED_VERDICTS = """Kitchen Myths Your Grandmother Told You

Plenty of kitchen lore gets passed down. Which of it holds up?

1. Searing meat seals in the juices. [False! Seared steaks lose as much moisture as unseared ones. The crust adds flavour, not juiciness.]

2. Adding oil to pasta water stops the pasta sticking. [Wrong again! The oil floats on top and never touches the pasta. Stirring in the first two minutes is what keeps it apart.]

3. Alcohol all burns off in cooking. [False! A stew simmered for an hour still keeps about a quarter of its alcohol.]
"""


def test_numbered_myths_answered_in_brackets_after_an_exclaimed_verdict_are_points():
    _, case = import_article(NUMBERED_BRACKETED_VERDICTS, "kitchen")
    assert [p.claim for p in case.points] == [
        "Searing meat seals in the juices.",
        "Adding oil to pasta water stops the pasta sticking.",
        "Alcohol all burns off in cooking.",
    ]
    sources = sources_by_point(case)
    assert sources[0] == [
        "Seared steaks lose as much moisture as unseared ones.",
        "The crust adds flavour, not juiciness.",
    ]
    assert sources[2] == ["A stew simmered for an hour still keeps about a quarter of its alcohol."]
    # neither the verdict, its brackets nor the next item's number is part of any answer
    every = " ".join(s for found in sources for s in found)
    assert not any(mark in every for mark in ("[", "]", "False", "Wrong", "2.", "3."))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("UNTRUE.", "deny"), ("NOT TRUE!", "deny"), ("NOPE.", "deny"), ("HMMM.", "other"), ("TRUE.", "other")]
    + [("False!", "deny"), ("[Wrong again!", "deny"), ("True!", "other")]
    + [("NASA.", ""), ("Untrue.", ""), ("False.", ""), ("No.", ""), ("Hello!", ""), ("Bats are blind.", "")],
)
def test_a_verdict_is_a_word_or_two_in_capitals_or_an_exclamation_that_denies_hedges_or_grants(sentence, expected):
    assert verdict(sentence) == expected


def test_hard_wrapped_plain_text_is_joined_but_a_comment_or_a_short_line_is_not():
    wrapped = "A line long enough to have been wrapped by the editor, cut in the\nmiddle of its sentence.\n"
    assert read_article_text(wrapped, "a.txt").text == wrapped.replace("the\nmiddle", "the middle")
    kept = "Myth: Goldfish forget\nthings fast, they say.\n# source: https://example.net/fish/a-long-address-for-a-myths-page\nfish\n"
    assert read_article_text(kept, "a.txt").text == kept


PREMISE_PAGE = """# source: https://example.org/a/zoos-should-close
Should zoos exist?
Zoos should be closed for good

Zoos draw millions of visitors a year. Their critics say the animals pay for it.
The Argument

Zoos should be closed for good. Keeping wild animals in enclosures is cruel, and most of them never return to the wild.[1]

Counter arguments

Zoos fund the protection of wild habitats. A share of every ticket goes to reserves in Africa and Asia.[2]

Breeding programmes have brought species back from the edge of extinction.



[P1] Animals suffer in captivity. [P2] Zoos are businesses. [P3] Zoo animals never go back to the wild.

Rejecting the premises

[Rejecting P1] Modern enclosures are designed with vets to meet each species' needs.
Keepers track stress hormones and change the enclosure when they rise. [Rejecting P3] The Arabian oryx was
bred in zoos and released into Oman after it had died out in the wild.

This page was last edited on Monday, 3 May 2021 at 10:12 UTC
"""


def test_a_premise_page_makes_its_title_and_each_rejected_premise_a_point(tmp_path):
    draft, case = import_article(PREMISE_PAGE, "zoos")
    validated_draft(tmp_path, PREMISE_PAGE, "zoos")
    assert case.title == "Zoos should be closed for good"  # the page's claim, not the question above it
    assert [p.claim for p in case.points] == [
        "Zoos should be closed for good.",  # answered by the counter arguments
        "Animals suffer in captivity.",
        "Zoo animals never go back to the wild.",  # P2 is rejected nowhere: no Point
    ]
    sources = sources_by_point(case)
    assert "Zoos fund the protection of wild habitats." in sources[0]
    assert "A share of every ticket goes to reserves in Africa and Asia." in sources[0]  # no footnote marker
    assert "Breeding programmes have brought species back from the edge of extinction." in sources[0]
    # each answer goes to the premise its label names, running on across the line to the next label
    assert sources[1] == [
        "Modern enclosures are designed with vets to meet each species' needs.",
        "Keepers track stress hormones and change the enclosure when they rise.",
    ]
    assert sources[2] == ["The Arabian oryx was bred in zoos and released into Oman after it had died out in the wild."]
    # The Argument, less its restatement of the claim, is the claim's context
    assert case.points[0].context == (
        "Keeping wild animals in enclosures is cruel, and most of them never return to the wild."
    )
    for left_out in ("[P", "Rejecting", "[1]", "[2]", "last edited", "millions of visitors", "The Argument"):
        assert left_out not in "\n".join(line for line in draft.splitlines() if not line.startswith("#")), left_out


PREMISES_ACCEPTED_AND_REJECTED_TOGETHER = """Should homework be abolished?
Homework should be abolished

The Argument

Homework should be abolished. Children already spend six hours a day in class.

[P1] Children spend six hours a day in class.
[P2] Homework takes time from play.
[P3] Play matters more than homework.

Rejecting the premises

[Accepting P1] School days are long in most countries.
[Rejecting P2 and P3] Short homework tasks take twenty minutes and leave the evening free for play.
[Rejecting P3]: Reading at home builds the vocabulary that every later subject depends on.

Further reading
"""


def test_premises_rejected_together_make_one_point_and_an_accepted_premise_none():
    _, case = import_article(PREMISES_ACCEPTED_AND_REJECTED_TOGETHER, "homework")
    assert [p.claim for p in case.points] == [
        "Homework takes time from play. Play matters more than homework.",
        "Play matters more than homework.",
    ]
    sources = sources_by_point(case)
    assert sources == [
        ["Short homework tasks take twenty minutes and leave the evening free for play."],
        ["Reading at home builds the vocabulary that every later subject depends on."],
    ]
    assert not any("School days" in s for p in sources for s in p)  # what the page accepts answers nothing


FOLDING_LETTER = """Letter: Night buses are worth keeping

Sir: I read your report on the council's transport budget ('Buses cut to save millions', 4 March) with dismay.

It is a false assumption that night buses carry only a handful of passengers. The council's own counts found forty
riders on an average night route after midnight. Most of them are shift workers with no other way home.

Your report that cutting the routes will save two million pounds a year ignores the fact that the council would
still pay for the depots and the drivers' contracts. Where, then, would the savings come from?
"""


def test_a_letter_that_states_each_claim_inside_the_sentence_rejecting_it_imports_one_point_per_claim():
    draft, case = import_article(FOLDING_LETTER, "night-buses")
    assert [p.claim for p in case.points] == [
        "Night buses carry only a handful of passengers.",
        "Cutting the routes will save two million pounds a year.",
    ]
    sources = sources_by_point(case)
    # a claim denied as it is stated is answered by what follows at once: nothing is its context
    assert "The council's own counts found forty riders on an average night route after midnight." in sources[0]
    assert case.points[0].context == ""
    # "Your report that X ignores Y": the sentence is the first of the answer, Y being its reason
    assert sources[1][0].startswith("Your report that cutting the routes")
    assert "Where, then, would the savings come from?" in sources[1]
    assert not any("dismay" in s for p in sources for s in p)
    assert "# review:" in draft  # claims found in prose: the draft asks to check them


@pytest.mark.parametrize(
    "sentence",
    [
        "It is a false assumption that homework teaches discipline.",
        "It is a myth that homework teaches discipline.",
        "Your article that homework teaches discipline overlooks the children who never finish it.",
    ],
)
def test_a_claim_denied_as_it_is_stated_is_the_claim(sentence):
    article = f"Homework Helps Less Than We Think\n\n{sentence} Discipline grows from tasks children choose.\n"
    _, case = import_article(article, "homework")
    assert case.points[0].claim == "Homework teaches discipline."


RETOLD_CONVERSATION = """The Bus or the Bike

My neighbour asked, "Don't you think it's foolish to cycle to work in the winter?"

I answered, "No, I think a good coat and mudguards are all a rider needs; the roads are gritted by seven."

She said the bus is quicker anyway. I showed her my watch the next morning: I was at the office ten minutes before
her bus reached the stop.

She said, "But cycling in traffic is dangerous."

I said, "The new lane runs the whole way and no car crosses it."
"""


def test_a_retold_conversation_makes_points_of_an_asserting_question_and_of_reported_speech():
    _, case = import_article(RETOLD_CONVERSATION, "cycling")
    assert [p.claim for p in case.points] == [
        "It's foolish to cycle to work in the winter.",  # "Don't you think X?" asserts X
        "The bus is quicker anyway.",  # "She said X", unquoted, in a conversation the writer retells
        "But cycling in traffic is dangerous.",
    ]
    sources = sources_by_point(case)
    assert sources[0][0].startswith('I answered, "No, I think a good coat')
    assert any("ten minutes before" in s for s in sources[1])
    assert sources[2] == ['I said, "The new lane runs the whole way and no car crosses it."']


def test_an_open_question_is_no_claim_and_she_said_reports_one_only_where_the_writer_retells_a_conversation():
    asked = RETOLD_CONVERSATION.replace("Don't you think it's foolish", "Why would anyone choose")
    _, case = import_article(asked, "cycling")
    assert [p.claim for p in case.points] == ["The bus is quicker anyway.", "But cycling in traffic is dangerous."]
    told = RETOLD_CONVERSATION.replace("I answered,", "My answer:").replace('I said, "', 'My reply: "')
    _, case = import_article(told, "cycling")
    assert "The bus is quicker anyway." not in [p.claim for p in case.points]
