"""Helpers for the importer's tests: what layout a text is read as, and what each Point's reasons say."""

from __future__ import annotations

from bot.article_layouts import read_layout
from bot.cases import Case


def layout_of(text: str) -> str:
    """The layout the importer reads ``text`` as; "" where it finds none."""
    try:
        return read_layout(text).layout
    except ValueError:
        return ""


def sources_by_point(case: Case) -> list[list[str]]:
    """Per Point of ``case``, the article sentences of all its counterarguments, in order."""
    return [[s for a in p.counterarguments for s in a.source] for p in case.points]
