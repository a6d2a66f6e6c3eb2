"""The ArgKP-2021 benchmark: the metric matches the shared task's, on data made here."""

from __future__ import annotations

import csv

import pytest
from support import counterpoint

from bot.argkp import average_precision, load_split, mean_average_precision, predict


def test_average_precision_groups_tied_scores_like_scikit_learn():
    # scikit-learn: average_precision_score([1, 0, 1, 0], [0.9, 0.8, 0.8, 0.1]) == 0.8333...
    assert average_precision([1, 0, 1, 0], [0.9, 0.8, 0.8, 0.1]) == pytest.approx(5 / 6)
    assert average_precision([1, 1, 0], [0.3, 0.2, 0.1]) == pytest.approx(1.0)
    assert average_precision([0, 0], [0.3, 0.2]) == 0.0


def write_split(directory, split, arguments, key_points, labels):
    def write(name, header, rows):
        with (directory / f"{name}_{split}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)

    write("arguments", ["arg_id", "argument", "topic", "stance"], arguments)
    write("key_points", ["key_point_id", "key_point", "topic", "stance"], key_points)
    write("labels", ["arg_id", "key_point_id", "label"], labels)


@pytest.fixture
def tiny_argkp(tmp_path):
    topic = "We should ban cars from city centres"
    write_split(
        tmp_path,
        "dev",
        arguments=[
            ["a1", "Cars pollute the air that city residents breathe.", topic, 1],
            ["a2", "Traffic accidents kill pedestrians in crowded streets.", topic, 1],
            ["a3", "Air pollution from car exhausts harms health.", topic, 1],
            ["a4", "Streets full of cars are dangerous for people walking.", topic, 1],
        ],
        key_points=[
            ["k1", "Cars cause air pollution", topic, 1],
            ["k2", "Cars make streets dangerous for pedestrians", topic, 1],
        ],
        labels=[["a1", "k1", 1], ["a2", "k2", 1], ["a3", "k1", 1], ["a4", "k2", 1], ["a1", "k2", 0]],
    )
    return tmp_path


def test_the_matcher_finds_the_right_key_points(tiny_argkp):
    data = load_split(tiny_argkp, "dev")
    predictions = predict(data)
    best = {arg: max(kps, key=kps.get) for arg, kps in predictions.items()}
    assert best == {"a1": "k1", "a2": "k2", "a3": "k1", "a4": "k2"}
    assert mean_average_precision(data, predictions).map_strict == pytest.approx(1.0)


def test_wrong_predictions_score_low_and_missing_ones_count_as_wrong(tiny_argkp):
    data = load_split(tiny_argkp, "dev")
    swapped = {"a1": {"k2": 0.9}, "a2": {"k1": 0.8}}  # a3, a4: no prediction (dummy)
    result = mean_average_precision(data, swapped)
    assert result.map_strict == 0.0  # a1->k2 is labelled 0; a2->k1 is unlabelled
    assert result.map_relaxed == pytest.approx(0.5)  # unlabelled counts as right when relaxed


def test_eval_argkp_command_prints_map_and_writes_predictions(tiny_argkp, tmp_path):
    out = tmp_path / "predictions.json"
    run = counterpoint("eval", "argkp", str(tiny_argkp), "--split", "dev", "--predictions", str(out))
    assert run.returncode == 0, run.stderr
    assert "mAP strict  1.000" in run.stdout
    assert '"a1"' in out.read_text()


def test_eval_argkp_on_a_folder_without_the_data_says_so(tmp_path):
    run = counterpoint("eval", "argkp", str(tmp_path), "--split", "test")
    assert run.returncode == 1 and "arguments_test.csv is missing" in run.stderr
