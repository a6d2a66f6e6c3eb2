"""`counterpoint article [CASE]`, and `/article` in terminal practice: the case's article to read.

In a terminal the text goes through the system's pager (``$PAGER``, else ``less``: pages of the
terminal's height); piped or redirected, it is printed whole.
"""

from __future__ import annotations

import argparse
import pydoc
import sys
import textwrap
from pathlib import Path
from typing import TextIO

from .article import ArticleReading, reading_of
from .cases import CaseLibrary, load_case_file
from .cli_common import EXIT_OK
from .config import Settings


def render_reading(reading: ArticleReading, width: int) -> str:
    """The article as terminal text wrapped to ``width``: title, what is known of it, then the text or,
    where it is not shipped, the note and each Point's summary."""
    fill = textwrap.TextWrapper(width=width, break_on_hyphens=False)
    indented = textwrap.TextWrapper(width=width, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False)
    lines = [fill.fill(reading.title), *(fill.fill(detail) for detail in reading.details)]
    if reading.url:
        lines.append(reading.url)  # whole, so a terminal can open it
    if reading.note:
        lines += ["", fill.fill(reading.note)]
    for section in reading.sections:
        lines.append("")
        if section.heading:
            lines += [fill.fill(section.heading), indented.fill(section.text)]
        else:
            lines += [fill.fill(line) for line in section.text.splitlines()]
    return "\n".join(lines) + "\n"


def show_text(text: str, out: TextIO) -> None:
    """Page ``text`` when ``out`` is the terminal (and input is too, for the pager's keys); else write it whole."""
    if out is sys.stdout and out.isatty() and sys.stdin.isatty():
        pydoc.pager(text)
    else:
        out.write(text)
        out.flush()


def cmd_article(args: argparse.Namespace, settings: Settings) -> int:
    from .cli_common import terminal_width

    if args.case_file:
        case = load_case_file(Path(args.case_file))
    else:
        library = CaseLibrary.from_directory(settings.cases_dir)
        case = library.get(args.case) if args.case else library.default
    show_text(render_reading(reading_of(case), terminal_width()), sys.stdout)
    return EXIT_OK


def add_command(sub: argparse._SubParsersAction) -> None:
    article = sub.add_parser(
        "article",
        help="read a case's article (or, where its text is not shipped, its link and each Point's summary)",
    )
    which = article.add_mutually_exclusive_group()
    which.add_argument("case", nargs="?", help="case id (default: the first case)")
    which.add_argument("--case-file", help="a case file, e.g. a draft, instead of a shipped case")
    article.set_defaults(func=cmd_article)
