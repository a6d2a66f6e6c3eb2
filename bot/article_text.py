"""An article as plain text, from plain text, Markdown or an HTML page.

An HTML page goes through trafilatura, which finds the article among the
page's menus, footers and ads and reads its title, author, date and URL; the
article comes back as Markdown. Markdown (from a page or a file) is read as
CommonMark by markdown-it-py and written out as the plain text the layouts
read: headings stay on a line of their own (with their ``#`` marks), list items
keep their numbers, emphasis and link markup go and the link text stays.
Plain text hard-wrapped at a fixed width has its sentences joined first
(:func:`unwrapped`), so that a layout reading lines reads whole sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from markdown_it import MarkdownIt
from markdown_it.token import Token

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown"})
#: Extensions an article may have, for messages: what the importer reads.
ARTICLE_SUFFIXES = (".txt", ".md", ".html")

_HTML_SNIFF = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<(?:p|div|article|h[1-6])[\s>][\s\S]*</", re.I)
#: Markup only Markdown has: a link, strong emphasis, a heading (not a "# source:" comment), a bullet.
_MARKDOWN_SNIFF = re.compile(
    r"\]\([^)\s]+\)|\*\*\S|__\S|^#{1,6} (?!\s*[\w -]{1,20}:\s*\S)|^#{2,6} |^\s*[-*+] \S", re.MULTILINE
)


class ArticleTextError(ValueError):
    """The input holds no article text; the message says why."""


@dataclass(frozen=True)
class ArticleText:
    text: str  # plain text: paragraphs separated by blank lines, headings on a line of their own
    kind: str  # "text", "markdown" or "html"
    title: str = ""
    author: str = ""
    date: str = ""
    url: str = ""


def article_kind(raw: str, filename: str = "") -> str:
    """ "html", "markdown" or "text": by the file's extension where it says, else by the content."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    head = raw[:20_000]
    if _HTML_SNIFF.search(head):
        return "html"
    if _MARKDOWN_SNIFF.search(head):
        return "markdown"
    return "text"


def read_article_text(raw: str, filename: str = "") -> ArticleText:
    """The article in ``raw`` as plain text, with what the page says of its source."""
    kind = article_kind(raw, filename)
    if kind == "html":
        return _from_html(raw)
    if kind == "markdown":
        return ArticleText(markdown_to_text(raw), "markdown")
    return ArticleText(unwrapped(_WIKI_HEADING.sub(_as_markdown_heading, without_cell_edges(raw))), "text")


def without_cell_edges(text: str) -> str:
    """Plain text with the cells of a table flattened into it read as paragraphs: a page laid out as a
    one-column table, copied as text, leaves a " | " where a cell opens before a question and where
    it closes after its answer (" | Won't my dog be attacked?"), and no layout reads a question or an
    answer there. A line whose pipes are all at its edges loses them, with a blank line where a
    cell opened or closed; a row of several cells ("| a | b |") and a line of a pipe alone stay."""
    out: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        inside = stripped.strip("|").strip()
        if not inside or stripped == inside or "|" in inside or stripped.count("|") > 2:
            out.append(line)
            continue
        opens, closes = stripped.startswith("|"), stripped.endswith("|")
        out.extend([*([""] if opens else []), inside, *([""] if closes else [])])
    return "\n".join(out)


#: A line this long may be hard-wrapped: a shorter one is a heading, a list item or a short line of its own.
WRAPPED_LINE_CHARS = 50
#: A line cut mid-sentence: it ends with no full stop, question or exclamation mark, or colon.
_ENDS_OPEN = re.compile(r"[^.!?:\s\"')\]][\"')\]]*\s*$")
#: The next line carries the sentence on: it opens in lowercase.
_CARRIES_ON = re.compile(r"^\s*[a-z]")


def unwrapped(text: str) -> str:
    """Plain text with its hard-wrapped sentences joined: a long line that stops mid-sentence and a line
    that carries on in lowercase are one line ("... for purposes" / "of navigation ..."). A heading, a
    comment and a short line stay as they are; so does a line after one that ends a sentence."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        if (
            _CARRIES_ON.match(line)
            and len(previous.strip()) >= WRAPPED_LINE_CHARS
            and _ENDS_OPEN.search(previous)
            and not previous.lstrip().startswith(("#", "//", "<!--"))
        ):
            out[-1] = previous.rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


#: A MediaWiki heading ("== Second-language acquisition =="), as text copied from a wiki's source has them.
_WIKI_HEADING = re.compile(r"^(={1,6})[ \t]*([^=\s][^\n]*?)[ \t]*\1[ \t]*$", re.MULTILINE)  # "=====" is a rule


def _as_markdown_heading(match: re.Match[str]) -> str:
    """The heading as the layouts read every heading: ``#`` marks, one per level."""
    return "#" * len(match.group(1)) + " " + match.group(2)


def _from_html(page: str) -> ArticleText:
    import trafilatura  # imported here: a second or so, paid only by an HTML import

    markdown = trafilatura.extract(
        page,
        output_format="markdown",
        include_formatting=True,
        include_links=False,
        include_comments=False,
        include_images=False,
        favor_recall=True,
    )
    if not markdown or not markdown.strip():
        raise ArticleTextError("No article text found in this HTML page (only menus, scripts or markup).")
    meta = trafilatura.extract_metadata(page)
    title = (meta.title or "") if meta else ""
    body = markdown_to_text(markdown)
    if title and not body.lstrip().lstrip("# ").startswith(title):
        body = f"{title}\n\n{body}"  # the layouts read the title from the text's first lines
    return ArticleText(
        body,
        "html",
        title=title,
        author=(meta.author or "") if meta else "",
        date=(meta.date or "") if meta else "",
        url=(meta.url or "") if meta else "",
    )


_MARKDOWN = MarkdownIt("commonmark")


def markdown_to_text(markdown: str) -> str:
    """Markdown as the plain text the layouts read."""
    blocks: list[str] = []
    lists: list[list[int]] = []  # per open list: [is ordered, next number]
    prefix = ""
    tokens = _MARKDOWN.parse(markdown)
    for i, token in enumerate(tokens):
        if token.type == "ordered_list_open":
            lists.append([1, int(str(token.attrs.get("start", 1)))])
        elif token.type == "bullet_list_open":
            lists.append([0, 0])
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            lists.pop()
        elif token.type == "list_item_open" and lists:
            ordered, number = lists[-1]
            prefix = f"{number}. " if ordered else "- "
            lists[-1][1] += 1
        elif token.type == "heading_open":
            prefix = "#" * int(token.tag[1]) + " "
        elif token.type == "inline":
            text = _inline_text(token)
            if text.strip():
                blocks.append(prefix + text.strip())
            prefix = ""
        elif token.type == "hr":
            blocks.append("---")  # a rule can be the layout: objections between rules
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(token.content.strip())
        elif token.type == "html_block" and tokens[i].content.strip():
            continue  # raw HTML inside Markdown: markup, not article text
    return "\n\n".join(blocks) + "\n"


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append("\n")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)
