"""What an article says about itself, apart from its argument: its title, author, date and address, its
opening paragraph, and the lines a coach would never take as a reason (calls to action, links, bylines,
share lines, captions). Every layout of :mod:`bot.article_layouts` reads its answers without these lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .labelled_lines_layout import is_label_line
from .text import paragraphs_of, split_sentences

#: A first line of this many words or fewer, with a headline after it, names the site or its section.
SECTION_NAME_WORDS = 3
#: At least this share of a headline's longer words open with a capital.
TITLE_CASE_SHARE = 0.6

# --- boilerplate: lines a coach would never take as a reason ---
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^\s*(?:"
    r"(?:find|learn|read|get|discover|see)\b.{0,30}\b(?:more|here)\b"
    r"|for more (?:info|information|details)\b"
    r"|(?:click|tap) here\b|share (?:this|on|via)\b|share\s*$|subscribe\b|sign up\b|follow us\b|like us\b"
    r"|(?:\W*)show (?:more|less)(?: content)?\W*$"  # a scraped page's "...show more content..." fold
    r"|(?:call|contact|email|e-mail|phone|text) us\b"
    r"|by\s+(?:dr\.?\s+|drs\.?\s+)?[A-Z][\w.'\-]+(?:\s+(?:[A-Z][\w.'\-]+|and|&))*\s*$"
    r"|posted (?:on|by|in)\b|published (?:on|by)\b|(?:last )?updated\b|tags?:|related:|advertisement\s*$"
    r"|(?:photo|image|illustration|graphic)\b|\u00a9|copyright\b|all rights reserved\b"
    r"|.*[\u2192\u00bb\u203a\u279c\u2794]\s*$"  # "Read all 21 myths \u2192": a link's arrow ends a call to action
    r")",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"\((?:[^()]*/[^()]*|photo[^()]*|image[^()]*)\)\s*$", re.IGNORECASE)
_BYLINE = re.compile(r"\b[Bb]y\s+((?:Drs?\.?\s+)?[A-Z][\w.'\-]+(?:\s+(?:[A-Z][\w.'\-]+|and|&))*)\s*$")
DATE = re.compile(
    r"\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2})\b"
)
#: A page's id in its address ("97522", "15FE4B75B062FCD4"): digits, and four characters or more.
_ID = re.compile(r"^(?=\w*\d)\w{4,}$")
#: A line this long is prose: a title comes before the first one (a short line after it is a heading).
PROSE_WORDS = 25
#: "# source: URL": a lowercase key, unlike a Markdown heading ("# Wind Power: Four Myths").
COMMENT = re.compile(r"^\s*(?:#|//|<!--)\s*[a-z][\w-]{0,19}:\s*\S")


def is_boilerplate(text: str) -> bool:
    """A call to action, link, byline, date line, share line or caption: never a reason."""
    return bool(_URL.search(text) or _BOILERPLATE.match(text) or _CAPTION.search(text))


def title_of(lines: list[str], headings: Sequence[re.Pattern[str]] = ()) -> str:
    """The first short line that is neither a comment, boilerplate, a date, a sentence, a caption nor one of
    ``headings`` (a layout's: a "MYTH: ..." line is a claim, not the title); else the page's URL, in words.
    A name of two or three words with a longer headline in title case right after it ("The Buzz", then
    "The Case Against Attacking North Korea") is the site's or its section's: the headline is the title."""
    opening = next((i for i, line in enumerate(lines) if len(line.split()) >= PROSE_WORDS), len(lines))
    found = [(i, text) for i, line in enumerate(lines[:opening]) if (text := _as_title(line, headings))]
    if found:
        (i, text), following = found[0], found[1:2]
        if following and len(text.split()) <= SECTION_NAME_WORDS and _headline_after(lines, i, following[0]):
            return following[0][1]
        return text
    url = next((m.group(0) for line in lines if (m := _URL.search(line))), "")
    slug = [part for part in re.split(r"[/?#]", url.split("://")[-1])[1:] if re.search(r"[a-z]{3,}-[a-z]", part, re.I)]
    if slug:  # "...-digital-age.html": the page's file type is no part of its title, nor an id at either end
        words = re.sub(r"\.(?:s?html?|php|aspx?|jsp|cfm)$", "", slug[-1]).split("-")
        while len(words) > 2 and _ID.match(words[-1]):
            words.pop()
        while len(words) > 2 and _ID.match(words[0]):
            words.pop(0)
        return " ".join(words).capitalize()
    host = re.sub(r"^www\.", "", url.split("://")[-1].split("/")[0])  # "ocbats.com/id3.html": the site names it
    return host or next((line.strip() for line in lines if line.strip()), "")


def _as_title(line: str, headings: Sequence[re.Pattern[str]]) -> str:
    """``line`` as a title ("" where it cannot be one)."""
    text = re.sub(r"^#{1,6}\s*", "", line.strip()).strip("*_ ").strip()
    if (
        len(text.split()) >= 2
        and not COMMENT.match(line)
        and not is_boilerplate(text)
        and not DATE.search(text)
        and len(text.split()) <= 20
        and not any(heading.match(line) for heading in headings)
        and not is_label_line(line)
        and not (_BYLINE.search(text) and len(text.split()) <= 6)  # "Words by Steve Ranger"
        and not text.rstrip("\"'").endswith(".")  # a sentence of the opening ("What a load of nonsense.")
        and not text[:1].islower()  # a caption or a broken navigation line ("limousine driver and suit")
    ):
        return text
    return ""


def _headline_after(lines: list[str], i: int, candidate: tuple[int, str]) -> bool:
    """Whether ``candidate`` is the next line with words after line ``i``, longer than it and in title case."""
    j, text = candidate
    if any(line.strip() for line in lines[i + 1 : j]) or len(text.split()) <= len(lines[i].split()):
        return False
    if text.isupper() or text.endswith("!"):  # "DON'T LET THIS HAPPEN AT YOUR POST!!!": a banner, not a headline
        return False
    long_words = [w for w in re.findall(r"[A-Za-z']+", text) if len(w) >= 4]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= TITLE_CASE_SHARE * len(long_words)


def attribution_of(lines: list[str]) -> str:
    head = [line.strip() for line in lines[:40] if line.strip()]
    author = next((m.group(1) for line in head if (m := _BYLINE.search(line)) and len(line.split()) <= 14), "")
    date = next((m.group(1) for line in head if len(line.split()) <= 14 and (m := DATE.search(line))), "")
    url = next((m.group(0).rstrip(".,)") for line in lines if (m := _URL.search(line))), "")
    url = re.sub(r"[?&]utm_[^#]*", "", url)  # a feed's tracking parameters are no part of the address
    return ", ".join(part for part in (author, date, url) if part)


def intro_of(lines: list[str]) -> str:
    for paragraph in paragraphs_of(lines):
        if (
            len(split_sentences(paragraph)) >= 2
            and not is_boilerplate(paragraph)
            and not COMMENT.match(paragraph)
            and not DATE.search(paragraph)
            and not _BYLINE.search(paragraph)
        ):
            return paragraph
    return ""
