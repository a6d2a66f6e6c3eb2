"""`counterpoint cases ...`: list, show, validate, import an article, check a draft against rebuttals."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from .case_quality import quality_warnings
from .cases import CaseLibrary, load_case_file
from .config import Settings
from .importer import ImportError_, import_article
from .scoring import Scorer

EXIT_OK, EXIT_FAILURE = 0, 1


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    for case in CaseLibrary.from_directory(settings.cases_dir):
        print(f"{case.id}\t{case.title}\t{len(case.points)} Points")
    return EXIT_OK


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    case = CaseLibrary.from_directory(settings.cases_dir).get(args.case_id)
    print(f"{case.title} ({case.id}, version {case.version})\n{case.attribution}")
    for point in case.points:
        print(f"\nPoint {point.number}: {point.claim}")
        for arg in point.counterarguments:
            print(f"  - {arg.id}: {arg.summary}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    case = load_case_file(Path(args.file))  # errors: CaseError, reported by main()
    count = sum(len(p.counterarguments) for p in case.points)
    print(f"{args.file}: OK: case '{case.id}', {len(case.points)} Points, {count} counterarguments")
    warnings = quality_warnings(case)
    for warning in warnings:
        print(f"{args.file}: warning: {warning}")
    if warnings:
        print(f"{len(warnings)} warning(s): the case loads, but fix these before students use it.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    try:
        text = Path(args.article).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"Error: cannot read {args.article}: {error}", file=sys.stderr)
        return EXIT_FAILURE
    try:
        draft, case = import_article(text, args.id, source=args.output or "<draft>")
    except ImportError_ as error:
        print(f"Error: {args.article}: {error}", file=sys.stderr)
        return EXIT_FAILURE
    if args.output:
        Path(args.output).write_text(draft, "utf-8")
    else:
        sys.stdout.write(draft)
    arguments = sum(len(p.counterarguments) for p in case.points)
    print(
        f"Imported '{case.id}': {len(case.points)} Points, {arguments} candidate counterarguments"
        + (f", written to {args.output}" if args.output else "")
        + ". Next: write the TODO summaries and hints, add phrasings, then `counterpoint cases validate`.",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    case = load_case_file(Path(args.file))
    index = Scorer().index(case)
    hits: Counter[str] = Counter()
    tried: Counter[int] = Counter()
    status = EXIT_OK
    for number, line in enumerate(Path(args.rebuttals).read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            point = int(item["point"])
            result = index.score(point, str(item["text"]))
        except (ValueError, KeyError, TypeError, LookupError) as error:
            print(f"{args.rebuttals}:{number}: skipped: {error}")
            status = EXIT_FAILURE
            continue
        tried[point] += 1
        hits.update(result.covered_ids)
        flags = f" [{', '.join(sorted(result.flags))}]" if result.flags else ""
        print(f"{item.get('id', number)}\tPoint {point}\t{result.score:3d}%\t{' '.join(result.covered_ids) or '-'}{flags}")
    print("\nHow often each counterargument was hit:")
    for point in case.points:
        for arg in point.counterarguments:
            print(f"  Point {point.number} {arg.id}: {hits[arg.id]}/{tried[point.number]}")
    return status


def add_commands(sub: argparse._SubParsersAction) -> None:
    cases = sub.add_parser("cases", help="list, show, validate, import or check cases")
    actions = cases.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="the available cases").set_defaults(func=cmd_list)
    show = actions.add_parser("show", help="one case's Points and counterarguments")
    show.add_argument("case_id")
    show.set_defaults(func=cmd_show)
    validate = actions.add_parser("validate", help="check a case file: errors, then quality warnings")
    validate.add_argument("file")
    validate.set_defaults(func=cmd_validate)
    draft = actions.add_parser("import", help="turn an article into a draft case file")
    draft.add_argument("article")
    draft.add_argument("--id", help="the case id (default: from the title)")
    draft.add_argument("-o", "--output", help="write the draft here (default: print it)")
    draft.set_defaults(func=cmd_import)
    check = actions.add_parser("check", help="score sample rebuttals against a case file")
    check.add_argument("file")
    check.add_argument("--rebuttals", required=True, help='JSON lines: {"id", "point", "text"}')
    check.set_defaults(func=cmd_check)
