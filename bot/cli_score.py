"""`counterpoint score` and `counterpoint eval`: the scorer without a database, one rebuttal or
many, and measured against hand-graded sets (or the ArgKP-2021 benchmark)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .cases import Case, CaseLibrary, load_case_file
from .cli_common import (
    BYTES_PER_CHAR,
    EXIT_FAILURE,
    EXIT_OK,
    JSON_BYTES_PER_CHAR,
    SLACK_BYTES,
    CliError,
    LineReader,
    UsageError,
    describe_os_error,
    error_line,
    output_path,
    read_input,
)
from .config import Settings
from .feedback import plural
from .practice import USER_ERRORS, check_rebuttal, rebuttal_too_long
from .scorers import make_scorer

# --- scoring without storage --------------------------------------------------------------


def cmd_score(args: argparse.Namespace, settings: Settings) -> int:
    if not args.jsonl and args.point is None:
        raise UsageError("score needs --point N (or --jsonl, with a point on each line)")
    case = _case_for(args, settings)
    limit = settings.max_rebuttal_chars
    if not args.jsonl:
        case.point(args.point)
        text = _read_rebuttal(sys.stdin.buffer, limit)
        print(json.dumps(make_scorer(settings.scorer).index(case).score(args.point, text).to_dict()))
        return EXIT_OK
    index = make_scorer(settings.scorer).index(case)
    out = sys.stdout
    seen = failed = 0
    for number, raw, cut in _numbered_lines(sys.stdin.buffer, limit * JSON_BYTES_PER_CHAR + SLACK_BYTES):
        if not cut and not raw.strip():
            continue
        seen += 1
        try:
            result = {"id": None, "error": f"line {number}: it is not a JSON object"}
            if cut:
                raise rebuttal_too_long(None, limit)
            item = json.loads(raw.decode("utf-8"))
            if not isinstance(item, dict):
                raise ValueError(f'expected an object {{"id", "point", "text"}}, not {type(item).__name__}')
            result["id"] = item.get("id")
            point = int(item.get("point", args.point))
            text = check_rebuttal(_text_of(item), limit)
            result = {"id": item.get("id"), **index.score(point, text).to_dict()}
        except UnicodeDecodeError:
            result["error"] = f"line {number}: not UTF-8 text"
        except json.JSONDecodeError as error:
            result["error"] = f"line {number}: not JSON ({error.msg} at column {error.colno})"
        except (ValueError, KeyError, TypeError, LookupError, *USER_ERRORS) as error:
            result["error"] = f"line {number}: {error}"
        failed += "error" in result
        out.write(json.dumps(result) + "\n")
    if not seen:
        raise CliError('no rebuttals on stdin: --jsonl reads {"id", "point", "text"} objects, one a line')
    if failed:
        error_line(f'{failed} of {plural(seen, "line")} could not be scored; see the "error" of each in the output')
        return EXIT_FAILURE
    return EXIT_OK


def _text_of(item: dict) -> str:
    if "text" not in item:
        raise KeyError("'text' is missing")
    if not isinstance(item["text"], str):
        raise TypeError(f"'text' must be a string, not {type(item['text']).__name__}")
    return item["text"]


def _numbered_lines(stream: BinaryIO, cap: int) -> Iterator[tuple[int, bytes, bool]]:
    """``(number, line, cut)`` for each line of ``stream``; a line over ``cap`` bytes comes cut and flagged."""
    reader = LineReader(stream, cap)
    number = 0
    while (read := reader.read()) is not None:
        number += 1
        yield number, *read


def _read_rebuttal(stream: BinaryIO, limit: int) -> str:
    """One rebuttal from ``stream``, refused like the bot refuses one (too long, empty) before scoring."""
    cap = limit * BYTES_PER_CHAR + SLACK_BYTES
    raw = stream.read(cap)
    if len(raw) >= cap and stream.read(1):
        raise rebuttal_too_long(None, limit)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CliError("the rebuttal on stdin is not UTF-8 text") from None
    return check_rebuttal(text, limit)


def _case_for(args: argparse.Namespace, settings: Settings) -> Case:
    if args.case_file:
        return load_case_file(Path(args.case_file))
    library = CaseLibrary.from_directory(settings.cases_dir)
    return library.get(args.case) if args.case else library.default


# --- evaluation -----------------------------------------------------------------------------


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    if args.graded[0] == "argkp":
        return _eval_argkp(args, settings)
    from .evaluation import evaluate, parse_graded, render_report

    items = []
    cases = CaseLibrary.from_directory(settings.cases_dir)
    for path in args.graded:
        try:
            items += parse_graded(read_input(path, "graded set"), path, settings.max_rebuttal_chars)
        except ValueError as error:
            raise CliError(str(error)) from None
        cases = cases.with_cases_beside(Path(path))
    if not items:
        raise CliError(f"{', '.join(args.graded)} has no graded rebuttals: nothing to measure")
    report = evaluate(items, cases, make_scorer(settings.scorer, settings.scorer_threads))
    print(f"scorer                {settings.scorer}")
    for line in render_report(report, verbose=args.verbose):
        print(line)
    return EXIT_OK


def _eval_argkp(args: argparse.Namespace, settings: Settings) -> int:
    from .argkp import load_split, mean_average_precision, predict, predict_judged, render_result, write_predictions

    args.directory = args.graded[1] if len(args.graded) > 1 else None
    if len(args.graded) > 2:
        raise UsageError("eval argkp takes one folder")
    if not args.directory:
        raise UsageError("eval argkp needs the ArgKP-2021 folder, e.g. `counterpoint eval argkp ../shared/argkp`")
    if not Path(args.directory).is_dir():
        raise CliError(f"{args.directory}: no such folder (eval argkp needs the ArgKP-2021 folder)")
    if args.predictions:
        output_path(args.predictions, "predictions file")
    try:
        data = load_split(Path(args.directory), args.split)
    except UnicodeDecodeError:
        raise CliError(
            f"{args.directory}: a {args.split} file is not UTF-8 text; is this the ArgKP-2021 folder?"
        ) from None
    except (OSError, ValueError, KeyError, TypeError, csv.Error) as error:
        reason = describe_os_error(error) if isinstance(error, OSError) else f"{type(error).__name__}: {error}"
        raise CliError(f"{args.directory}: not a readable ArgKP-2021 {args.split} split ({reason})") from None
    if not data.arguments:
        raise CliError(f"{args.directory}: the {args.split} split has no arguments: nothing to measure")
    predictions = predict(data) if settings.scorer == "lexical" else predict_judged(data, settings.scorer_threads)
    print(f"scorer      {settings.scorer}")
    if args.predictions:
        write_predictions(predictions, Path(args.predictions))
    for line in render_result(args.split, mean_average_precision(data, predictions)):
        print(line)
    return EXIT_OK
