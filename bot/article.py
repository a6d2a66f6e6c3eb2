"""Reading a case's article: its text where the case ships it, else its link and each Point's summary.

:func:`reading_of` decides what a learner may read; :func:`paginate` cuts it into pages for a
front door that shows one page at a time (Discord), on paragraph boundaries where it can. The
terminal shows the whole and leaves paging to the system's pager.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from .case_source import ArticleSource
from .cases import Case
from .models import Learner, Place
from .practice import NoSessionError, PracticeError, PracticeService

#: Shown in place of a Point's summary while a tournament round is on that Point.
HIDDEN = "Hidden while a round of {tournament} is on this Point."
#: A Point with neither a summary nor a context (both optional) still gets a section body.
NO_SUMMARY = "The article answers this claim; the link has its words."


class ArticleWithheldError(PracticeError):
    """The article's text would give away the answers of a tournament round that is open."""

    def __init__(self, tournament: str):
        super().__init__(
            f"The article answers the Point that {tournament}'s open round is on: it can be read once the round closes."
        )


@dataclass(frozen=True)
class ArticleSection:
    """A part of what is read: a paragraph of the article (no heading), or a Point with its summary."""

    heading: str
    text: str


@dataclass(frozen=True)
class ArticleReading:
    """What `article` shows for one case."""

    case: Case
    title: str
    details: tuple[str, ...]
    url: str
    #: True: ``sections`` are the article's own paragraphs; False: each Point and its summary.
    shipped: bool
    sections: tuple[ArticleSection, ...]

    @property
    def note(self) -> str:
        """Why the Points' summaries stand in for the text, and where the text is; "" when it is shipped."""
        if self.shipped:
            return ""
        where = f"Read it at {self.url}" if self.url else "The case gives no link; look it up by its title"
        return f"The article's text is not shipped with this case. {where}. Here is its argument, Point by Point."


def reading_of(case: Case, hidden: Mapping[int, str] | None = None) -> ArticleReading:
    """The article of ``case`` for a learner; ``hidden`` maps a Point an open tournament round is on to
    the tournament's name: its summary is hidden, and a shipped text is withheld altogether."""
    hidden = hidden or {}
    source = case.source
    title = source.title or case.title
    details = source.details or (case.attribution,)
    if source.text:
        if hidden:
            raise ArticleWithheldError(next(iter(hidden.values())))
        sections = tuple(ArticleSection("", paragraph) for paragraph in paragraphs(source.text))
        return ArticleReading(case, title, details, source.url, True, sections)
    sections = tuple(
        ArticleSection(
            f"Point {point.number}: {point.claim}",
            HIDDEN.format(tournament=hidden[point.number])
            if point.number in hidden
            else point.summary or point.context or NO_SUMMARY,
        )
        for point in case.points
    )
    return ArticleReading(case, title, details, source.url, False, sections)


async def case_to_read(service: PracticeService, learner: Learner, place: Place, case_id: str | None) -> Case:
    """The case named, else the one of the learner's current Point here, else the place's default case."""
    if case_id:
        return await service.catalog.get(case_id, place.guild_id)
    try:
        return (await service.current(learner, place)).case
    except NoSessionError:
        return await service.catalog.default_for(place.guild_id)


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs: blocks between empty lines, each with its inner line breaks kept."""
    return [block.strip() for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]


def paginate(blocks: list[str], limit: int) -> list[str]:
    """``blocks`` joined into pages of at most ``limit`` characters, an empty line between blocks;
    a block longer than a page is cut between words."""
    pages: list[str] = []
    current = ""
    for block in blocks:
        pieces = [block] if len(block) <= limit else textwrap.wrap(block, limit, break_on_hyphens=False)
        for piece in pieces:
            joined = f"{current}\n\n{piece}" if current else piece
            if len(joined) <= limit:
                current = joined
            else:
                pages.append(current)
                current = piece
    if current or not pages:
        pages.append(current)
    return pages


__all__ = [
    "ArticleReading",
    "ArticleSection",
    "ArticleSource",
    "ArticleWithheldError",
    "case_to_read",
    "paginate",
    "reading_of",
]
