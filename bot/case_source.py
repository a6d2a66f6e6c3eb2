"""Where a case comes from: the article's title, author, publication, date, link and license,
and its text where the license lets it be shipped.

A case file's optional ``[source]`` table holds these (see docs/cases.md). Every field is
optional, but what is there is checked: the URL must be a well-formed web address, the date an
ISO date, and shipped ``text`` needs a ``license`` saying why it may be shipped. A mistake is a
:class:`bot.cases.CaseError` naming the file, the line of ``[source]`` and the field.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

#: The short fields of ``[source]``; ``text`` and ``date`` are checked on their own.
SHORT_FIELDS = ("title", "author", "publication", "url", "license")
FIELDS = (*SHORT_FIELDS, "date", "text")
#: A short field longer than this is a mistake (the article pasted into ``title``, say).
MAX_SHORT = 300


@dataclass(frozen=True)
class ArticleSource:
    """The article a case was made from; "" (or None) wherever the case does not say."""

    title: str = ""
    author: str = ""
    publication: str = ""
    date: datetime.date | None = None
    url: str = ""
    license: str = ""
    #: The article itself, paragraphs separated by empty lines; "" when it is not shipped.
    text: str = ""

    @property
    def details(self) -> tuple[str, ...]:
        """One line each for what is known: author, publication, date, license."""
        lines = []
        if self.author:
            lines.append(f"By {self.author}")
        if self.publication:
            lines.append(self.publication)
        if self.date is not None:
            lines.append(f"Published {self.date.isoformat()}")
        if self.license:
            lines.append(f"License: {self.license}")
        return tuple(lines)


#: Raises the loader's error for a field of ``[source]``: ``fail(problem, field)``.
Fail = Callable[[str, str], Exception]


def read_source_table(raw: Any, fail: Fail, check_content: Callable[[str, str], None]) -> ArticleSource:
    """The ``[source]`` table as an :class:`ArticleSource` (an empty one when absent), or ``fail``'s error."""
    if raw is None:
        return ArticleSource()
    if not isinstance(raw, dict):
        raise fail("must be a table: [source] with title, author, publication, date, url, license, text", "source")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise fail(f"has no field '{unknown[0]}'; its fields are {', '.join(FIELDS)}", f"source.{unknown[0]}")
    values: dict[str, Any] = {}
    for key in (*SHORT_FIELDS, "text"):
        if key not in raw:
            continue
        value = raw[key]
        if not isinstance(value, str) or not value.strip():
            raise fail("must be non-empty text (leave it out when the article does not say)", f"source.{key}")
        if key != "text" and len(value) > MAX_SHORT:
            raise fail(f"is {len(value)} characters; the limit is {MAX_SHORT}", f"source.{key}")
        check_content(value, f"source.{key}")
        values[key] = value.strip()
    if "url" in values:
        values["url"] = _checked_url(values["url"], fail)
    if "date" in raw:
        values["date"] = _checked_date(raw["date"], fail)
    if "text" in values and "license" not in values:
        raise fail(
            "needs source.license beside it: ship an article's text only where its license allows it",
            "source.text",
        )
    return ArticleSource(**values)


def _checked_url(url: str, fail: Fail) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", url):
        raise fail(f"'{url}' is not a web address (https://...)", "source.url")
    return url


def _checked_date(value: Any, fail: Fail) -> datetime.date:
    """A TOML date (``date = 2017-07-10``) or an ISO date in quotes."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise fail(f"{value!r} is not an ISO date (YYYY-MM-DD)", "source.date")
