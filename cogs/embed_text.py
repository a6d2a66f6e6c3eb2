"""An embed as plain text, as a player reads it: for the README's samples (``docs/samples.py``).
Not an extension.

Discord's markup is rendered the way the client shows it: bold and italics dropped, a
mention as ``@name``, a timestamp as a time and "in N minutes"."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import discord

_MENTION = re.compile(r"<@!?(\d+)>")
_TIMESTAMP = re.compile(r"<t:(\d+):([tR])>")
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def embed_as_text(
    embed: discord.Embed,
    *,
    names: Callable[[int], str] = str,
    now: float = 0.0,
    buttons: tuple[str, ...] = (),
) -> str:
    """``names`` turns a user id into the name shown for a mention; ``now`` is when it is read
    (for relative timestamps); ``buttons`` are the labels of the buttons under it."""

    def plain(text: str) -> str:
        text = _MENTION.sub(lambda m: "@" + names(int(m[1])), text)
        text = _TIMESTAMP.sub(lambda m: _when(int(m[1]), m[2], now), text)
        return _EMPHASIS.sub(lambda m: m[1] or m[2], text)

    lines = [plain(embed.title or "")]
    if embed.description:
        lines.append(plain(embed.description))
    for field in embed.fields:
        lines += [plain(field.name or ""), plain(field.value or "")]
    if embed.footer and embed.footer.text:
        lines.append(embed.footer.text)
    if buttons:
        lines.append("  ".join(f"[{label}]" for label in buttons))
    return "\n".join(lines)


def _when(timestamp: int, style: str, now: float) -> str:
    if style == "t":
        return datetime.fromtimestamp(timestamp, tz=UTC).strftime("%H:%M")
    minutes = round((timestamp - now) / 60)
    return f"in {minutes} minutes" if minutes >= 0 else f"{-minutes} minutes ago"
