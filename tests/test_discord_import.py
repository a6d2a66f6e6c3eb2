"""A moderator turns an article into a draft case through Discord, on the real bot."""

from __future__ import annotations

import discord
import discord.ext.test as dpytest
import pytest
from support import dm_channel, member

from bot.cases import parse_case

DATA = __import__("pathlib").Path(__file__).resolve().parent / "data" / "articles"

MARKDOWN_ARTICLE = """# School Uniforms: Three Myths

*By the Parents' Council*

## Myth: Uniforms **cost families** more than ordinary clothes.

**Fact:** A full uniform set costs less than a term of branded [casual wear](https://example.org/prices), and it lasts the whole year.

## Myth: Uniforms stop children from expressing themselves.

**Fact:** Pupils still choose their own bags, hairstyles and after-school clubs, which is where most self-expression happens.
"""


@pytest.fixture(autouse=True)
def files_in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


async def import_command(path, author: int = 0) -> list[discord.Message]:
    await dpytest.message("!case import", member=member(author), attachments=[str(path)])
    return [dpytest.get_message() for _ in range(dpytest.sent_queue.qsize())]


async def refused(path, author: int = 0) -> str:
    with pytest.raises(discord.ext.commands.CommandError):
        await dpytest.message("!case import", member=member(author), attachments=[str(path)])
    return dpytest.get_message().content


@pytest.mark.parametrize("name", ["oped-congestion-charge.txt", "uniforms.md", "library-fines.html"])
async def test_a_moderator_gets_the_draft_of_an_article_privately(moderated, tmp_path, sent_payloads, name):
    article = tmp_path / name
    if name.endswith(".md"):
        article.write_text(MARKDOWN_ARTICLE, "utf-8")
    else:
        article.write_bytes((DATA / name).read_bytes())
    replies = await import_command(article)
    private = [m for m in replies if m.channel.id == (await dm_channel(0)).id]
    assert [m.content for m in replies if m not in private] == ["Sent to you privately."]  # nothing in the channel
    (reply,) = private
    (payload,) = [p for p in sent_payloads if p.get("attachments")]  # dpytest drops a file's message text
    text = payload["content"]
    assert "Draft case `" in text and "case upload" in text
    assert payload["allowed_mentions"]["parse"] == []  # the article's words go out with mentions off
    (attachment,) = reply.attachments
    assert attachment.filename.endswith(".toml")
    draft = parse_case(await attachment.read())  # the file sent back is a valid case
    assert len(draft.points) >= 2
    sources = " ".join(s for p in draft.points for a in p.counterarguments for s in a.source)
    assert "**" not in sources and "](" not in sources and "<p>" not in sources and "Share" not in sources
    assert "still says TODO" in text and "line " in text  # validate's warnings, each with its line


async def test_a_member_who_is_not_a_moderator_is_refused(moderated):
    assert "Only moderators" in await refused(DATA / "oped-congestion-charge.txt", author=1)


async def test_unreadable_files_get_a_clear_message(moderated, tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00 not text")
    assert "binary file, not an article" in await refused(binary)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 culture: myths\n\nMyth: x".encode("latin-1"))
    assert "not UTF-8 text" in await refused(latin)
    big = tmp_path / "book.txt"
    big.write_bytes(b"Words words words.\n" * 200_000)
    assert "an article may be at most 2 MB" in await refused(big)
    no_argument = tmp_path / "diary.txt"
    no_argument.write_text("A Day Out\n\nWe went to the beach. The weather was fine.\n", "utf-8")
    message = await refused(no_argument)
    assert "No recognisable structure" in message and "Critics say" in message


async def test_the_command_needs_an_attachment(moderated):
    with pytest.raises(discord.ext.commands.CommandError):
        await dpytest.message("!case import", member=member(0))
    assert "Attach the article" in dpytest.get_message().content
