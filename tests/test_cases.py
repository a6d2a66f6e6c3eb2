"""The case file format: the shipped case loads, and every malformed file says where it is wrong."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from bot.cases import (
    CaseError,
    CaseLibrary,
    UnknownCaseError,
    UnknownPointError,
    label_from,
    load_case_file,
    parse_case,
)
from bot.config import SHIPPED_CASES_DIR
from bot.text import normalize

SHIPPED = SHIPPED_CASES_DIR / "north-korea.toml"


def shipped_toml() -> str:
    return SHIPPED.read_text("utf-8")


def test_the_shipped_case_has_two_points_of_six_counterarguments():
    case = load_case_file(SHIPPED)
    assert case.id == "north-korea"
    assert [p.number for p in case.points] == [1, 2]
    assert [len(p.counterarguments) for p in case.points] == [6, 6]
    for point in case.points:
        for arg in point.counterarguments:
            assert arg.source and arg.summary and arg.hint


def test_the_shipped_sources_are_the_articles_own_sentences():
    article = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"
    if not article.exists():
        pytest.skip(f"optional file outside the repository not found: {article} (the seed article)")
    text = " ".join(normalize(article.read_text("utf-8")).split())
    for point in load_case_file(SHIPPED).points:
        for arg in point.counterarguments:
            for sentence in arg.source:
                assert " ".join(normalize(sentence).split()) in text, sentence


def test_the_version_changes_with_the_content():
    original = parse_case(shipped_toml())
    edited = parse_case(shipped_toml().replace("Think about how", "Consider how"))
    assert original.version != edited.version


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t.replace('title = "The Case Against Attacking North Korea"\n', ""), "field 'title': is missing"),
        (
            lambda t: t.replace('id = "declared-escalation-policy"', 'id = "us-will-not-back-down"'),
            "Point 1: field 'counterarguments[2].id': duplicate counterargument id 'us-will-not-back-down'",
        ),
        (
            lambda t: t.replace('summary = "Despite their frustration', 'sumary = "Despite their frustration'),
            "Point 2: field 'counterarguments[1].summary': is missing",
        ),
        (lambda t: t.replace("number = 2", "number = 1"), "Point 1: field 'number': duplicate Point number"),
        (
            lambda t: t.replace('id = "north-korea"', 'id = "North Korea!"'),
            "field 'id': 'North Korea!' is not a valid id",
        ),
        (
            lambda t: t + '\n[[points]]\nnumber = 3\nclaim = "Strikes work."\ncontext = "y"\n',
            "Point 3: field 'counterarguments': has no counterarguments",
        ),
        (
            lambda t: t.replace("phrasings = [", "phrasings = [3, ", 1),
            "Point 1: field 'counterarguments[1].phrasings': must be a list of non-empty texts",
        ),
        (lambda t: t.replace("[[points]]", "[[points", 1), "not valid TOML"),
        (
            lambda t: t.replace('["Japan", "Japanese", "Tokyo"]', '["Japan"]'),
            "field 'synonyms': must be a list of groups, each a list of two or more texts",
        ),
        (
            lambda t: t.replace('label = "Declared policy (2014 QDR)"', 'label = "' + "a very long label " * 3 + '"'),
            "Point 1: field 'counterarguments[2].label': is 53 characters; a label names the counterargument in at most 40",
        ),
        (
            lambda t: t.replace('label = "Declared policy (2014 QDR)"', 'label = " "'),
            "Point 1: field 'counterarguments[2].label': must be non-empty text",
        ),
    ],
)
def test_a_malformed_case_names_file_point_and_field(edit, expected):
    with pytest.raises(CaseError) as caught:
        parse_case(edit(shipped_toml()), source="club.toml")
    assert str(caught.value).startswith("club.toml")
    assert expected in str(caught.value)


def test_a_case_file_that_is_not_utf8_is_refused():
    with pytest.raises(CaseError, match="not UTF-8"):
        parse_case(b"\xff\xfe id = 1", source="bad.toml")


def test_the_library_lists_what_exists_when_asked_for_something_else():
    library = CaseLibrary.from_directory(SHIPPED_CASES_DIR)
    with pytest.raises(UnknownCaseError, match="Available: north-korea"):
        library.get("atlantis")
    with pytest.raises(UnknownPointError, match="Its Points are: 1, 2"):
        library.get("north-korea").point(9)


def test_one_bad_file_in_a_cases_folder_stops_the_load(tmp_path):
    (tmp_path / "good.toml").write_text(shipped_toml(), "utf-8")
    (tmp_path / "broken.toml").write_text("id = ", "utf-8")
    with pytest.raises(CaseError, match="broken.toml"):
        CaseLibrary.from_directory(tmp_path)
    assert tomllib.loads(shipped_toml())["id"] == "north-korea"


def test_every_shipped_counterargument_has_a_short_label_of_its_own():
    labels = [arg.label for point in load_case_file(SHIPPED).points for arg in point.counterarguments]
    assert "Declared policy (2014 QDR)" in labels
    assert len(set(labels)) == len(labels) == 12 and all(len(label) <= 40 for label in labels)
    assert all('label = "' + label + '"' in shipped_toml() for label in labels)  # written by hand, not derived


def test_without_a_label_the_summary_gives_a_short_one():
    case = parse_case(shipped_toml().replace('label = "Declared policy (2014 QDR)"\n', ""))
    by_id = {arg.id: arg for point in case.points for arg in point.counterarguments}
    assert by_id["declared-escalation-policy"].label == "Declared US policy"  # the summary up to its bracket
    assert label_from("Evidence: right after the ICBM test, US bombers flew with allied jets.") == (
        "Evidence: right after the ICBM test\u2026"  # a first clause too short to name it: the summary, cut at a word
    )


def test_a_claim_of_stop_words_alone_is_refused_with_its_point_and_field():
    """A heading cut short ("You wouldn't") gives the scorers nothing to match: the case
    file is refused by name, not with an error from deep inside the scorer."""
    text = shipped_toml()
    first_claim = tomllib.loads(text)["points"][0]["claim"]
    edited = text.replace(f'claim = "{first_claim}"', 'claim = "You wouldn\'t."', 1)
    edited = re.sub(r'\ncontext = ("""[\s\S]*?"""|"[^"\n]*")', "", edited, count=1)
    with pytest.raises(CaseError) as caught:
        parse_case(edited, source="club.toml")
    assert "Point 1: field 'claim'" in str(caught.value)
    assert "no content words" in str(caught.value)
