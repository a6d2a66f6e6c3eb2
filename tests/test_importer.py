"""Turning articles into cases, and telling authors what to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.case_quality import quality_warnings
from bot.cases import CaseError, load_case_file, parse_case
from bot.config import SHIPPED_CASES_DIR
from bot.importer import ImportError_, import_article
from support import counterpoint

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
    assert first.claim == "Shorter weeks cut output"
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
        ("Title\n\nMyth: Vaccines cause autism\nFact: Large studies of millions of children found no link.\n\n"
         "Myth: Natural immunity is better\nFact: It comes at the price of the disease itself.\n",
         ["Vaccines cause autism", "Natural immunity is better"]),
        ("Title\n\nClaim: Cities should ban cars\nResponse: Buses need roads too. Deliveries need vans.\n",
         ["Cities should ban cars"]),
        ("Title\n\n1. Nuclear power is unsafe\n\nModern reactors shut down passively.\n\n"
         "2. Nuclear waste is unmanageable\n\nFinland already stores it deep underground.\n",
         ["Nuclear power is unsafe", "Nuclear waste is unmanageable"]),
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
    assert any("'provocations-unite-allies' phrasing" in w and "also covers 'allies-seek-closer-alliance'" in w
               for w in warnings)
    # The shipped case's only notes are two short article sentences the scorer does not match alone.
    assert [w for w in quality_warnings(load_case_file(SHIPPED)) if "fragment" not in w] == []


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
        (lambda t: t + "".join(
            f'\n[[points]]\nnumber = {n}\nclaim = "c"\ncontext = "x"\n[[points.counterarguments]]\nid = "a{n}"\n'
            f'summary = "s"\nhint = "h"\nsource = ["s"]\n' for n in range(3, 51)), "has 50 Points; the limit is 20"),
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

    scored = counterpoint("score", "--case-file", str(draft), "--point", "1",
                          stdin="When people are rested their output per hour rises, and trials kept output level.")
    assert json.loads(scored.stdout)["covered"][0] == "p1-c1"

    rebuttals = tmp_path / "r.jsonl"
    rebuttals.write_text(json.dumps({"id": "r1", "point": 2, "text": "Staggered rotas kept every service open."}), "utf-8")
    run = counterpoint("cases", "check", str(draft), "--rebuttals", str(rebuttals))
    assert "r1\tPoint 2" in run.stdout and "Point 2 p2-c1: 1/1" in run.stdout
