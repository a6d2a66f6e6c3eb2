"""`counterpoint cases ...`: list, show, validate, import an article, check a draft against rebuttals,
export a case's resolved disputes as a graded set."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import Counter
from pathlib import Path

from .case_quality import located_warnings
from .cases import CaseLibrary, load_case_file
from .cli_common import EXIT_FAILURE, EXIT_OK, CliError, error_line, output_path, read_input, write_output
from .config import Settings
from .feedback import plural
from .importer import ImportError_, import_article
from .practice import InvalidRebuttalError, check_rebuttal
from .scorers import make_scorer


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
    print(f"{args.file}: OK: case '{case.id}', {plural(len(case.points), 'Point')}, {plural(count, 'counterargument')}")
    warnings = located_warnings(case, Path(args.file).read_text("utf-8"))
    for line, warning in warnings:
        print(f"{args.file}{'' if line is None else f':{line}'}: warning: {warning}")
    if warnings:
        print(f"{plural(len(warnings), 'warning')}: the case loads, but fix these before students use it.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    if args.output:
        output_path(args.output, "draft")  # before the work: a wrong folder is told at once
    text = read_input(args.article, "article")
    try:
        draft, case = import_article(text, args.id, source=args.output or "<draft>", filename=args.article)
    except ImportError_ as error:
        raise CliError(f"{args.article}: {error}") from None
    if args.output:
        write_output(args.output, draft, "draft")
    else:
        sys.stdout.write(draft)
    arguments = sum(len(p.counterarguments) for p in case.points)
    print(
        f"Imported '{case.id}': {plural(len(case.points), 'Point')}, "
        f"{plural(arguments, 'candidate counterargument')}"
        + (f", written to {args.output}" if args.output else "")
        + ". Next: write the TODO summaries, check the hints and the lines marked review, add phrasings, "
        "then `counterpoint cases validate`.",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    case = load_case_file(Path(args.file))
    rebuttals = read_input(args.rebuttals, "rebuttals file")
    index = make_scorer(settings.scorer).index(case)
    hits: Counter[str] = Counter()
    tried: Counter[int] = Counter()
    seen = skipped = 0
    for number, line in enumerate(rebuttals.splitlines(), start=1):
        if not line.strip():
            continue
        seen += 1
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise TypeError(f'expected an object {{"id", "point", "text"}}, not {type(item).__name__}')
            point = int(item["point"])
            result = index.score(point, check_rebuttal(str(item["text"]), settings.max_rebuttal_chars))
        except (ValueError, KeyError, TypeError, LookupError, InvalidRebuttalError) as error:
            print(f"{args.rebuttals}:{number}: skipped: {error}")
            skipped += 1
            continue
        tried[point] += 1
        hits.update(result.covered_ids)
        flags = f" [{', '.join(sorted(result.flags))}]" if result.flags else ""
        print(
            f"{item.get('id', number)}\tPoint {point}\t{result.score:3d}%\t{' '.join(result.covered_ids) or '-'}{flags}"
        )
    if not seen:
        raise CliError(
            f'{args.rebuttals} has no rebuttals: it should hold {{"id", "point", "text"}} objects, one a line'
        )
    print("\nHow often each counterargument was hit:")
    for case_point in case.points:
        for arg in case_point.counterarguments:
            print(f"  Point {case_point.number} {arg.id}: {hits[arg.id]}/{tried[case_point.number]}")
    if skipped:
        error_line(
            f"{skipped} of {plural(seen, 'line')} in {args.rebuttals} could not be scored; see the skipped lines above"
        )
        return EXIT_FAILURE
    return EXIT_OK


def cmd_disputes_export(args: argparse.Namespace, settings: Settings) -> int:
    from .catalog import CaseCatalog
    from .cli_common import database_path
    from .disputes import DisputeService
    from .storage import Storage

    if args.output:
        output_path(args.output, "graded set")  # before the work: a wrong folder is told at once
    path = database_path(args, settings)
    if isinstance(path, Path) and not path.exists():
        raise CliError(f"no database at {path}: give the bot's database with --db or COUNTERPOINT_DB")

    async def graded() -> list[dict]:
        storage = await Storage.open(path)
        try:
            service = DisputeService(storage, CaseCatalog(CaseLibrary.from_directory(settings.cases_dir), storage))
            return await service.graded_lines(args.case_id)
        finally:
            await storage.close()

    lines = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in asyncio.run(graded()))
    if args.output:
        write_output(args.output, lines, "graded set")
    else:
        sys.stdout.write(lines)
    count = lines.count("\n")
    print(
        f"{plural(count, 'resolved dispute')} of '{args.case_id}'"
        + (f", written to {args.output}" if args.output else "")
        + (". Measure the scorer with `counterpoint eval FILE`." if count else ": nothing to measure yet."),
        file=sys.stderr,
    )
    return EXIT_OK


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
    disputes = actions.add_parser("disputes", help="members' disputes of scores, as moderators answered them")
    dispute_actions = disputes.add_subparsers(dest="dispute_action", required=True)
    export = dispute_actions.add_parser(
        "export", help="a case's resolved disputes as a graded set (JSON lines) for `counterpoint eval`"
    )
    export.add_argument("case_id")
    export.add_argument("-o", "--output", help="write the graded set here (default: print it)")
    export.add_argument("--db", help="database file or postgresql:// URL (default: COUNTERPOINT_DB or counterpoint.db)")
    export.set_defaults(func=cmd_disputes_export)
