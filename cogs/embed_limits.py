"""Discord's embed limits, in one place, and :func:`fit_embed`, which brings any embed inside them.

Every embed builder ends with ``return fit_embed(embed)``: each part is cut to its own limit, and
if the whole is still over 6,000 characters the longest parts are shortened first (a long
rebuttal's excerpt before a short hint), each cut marked with an ellipsis. Messages carrying
several embeds share the 6,000 characters: :func:`pack_embeds` groups them into messages.
See https://discord.com/developers/docs/resources/message#embed-object-embed-limits.
"""

from __future__ import annotations

import discord

from bot.feedback import shorten

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
MAX_FIELDS = 25
TOTAL_LIMIT = 6000  # all of the above together, for all the embeds of one message
MAX_EMBEDS = 10  # per message


def embed_size(embed: discord.Embed) -> int:
    """The characters Discord counts against :data:`TOTAL_LIMIT`."""
    return (
        len(embed.title or "")
        + len(embed.description or "")
        + len(embed.footer.text or "")
        + len(embed.author.name or "")
        + sum(len(f.name or "") + len(f.value or "") for f in embed.fields)
    )


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """``embed``, changed in place so that it is inside every one of Discord's limits."""
    if embed.title:
        embed.title = _cut(embed.title, TITLE_LIMIT)
    if embed.description:
        embed.description = _cut(embed.description, DESCRIPTION_LIMIT)
    if embed.author.name:
        embed.set_author(
            name=_cut(embed.author.name, AUTHOR_LIMIT), url=embed.author.url, icon_url=embed.author.icon_url
        )
    while len(embed.fields) > MAX_FIELDS:
        embed.remove_field(MAX_FIELDS)
    for index, f in enumerate(embed.fields):
        embed.set_field_at(
            index,
            name=_cut(f.name or "\u200b", FIELD_NAME_LIMIT),
            value=_cut(f.value or "\u200b", FIELD_VALUE_LIMIT),
            inline=f.inline,
        )
    if embed.footer.text:
        embed.set_footer(text=_cut(embed.footer.text, FOOTER_LIMIT), icon_url=embed.footer.icon_url)
    if embed_size(embed) > TOTAL_LIMIT:
        _level(embed)
    return embed


def _level(embed: discord.Embed) -> None:
    """Cut the longest parts to one common length, the largest that brings the whole within
    :data:`TOTAL_LIMIT` (a long rebuttal's excerpt gives way before a short hint does)."""
    budget = TOTAL_LIMIT - len(embed.title or "") - len(embed.author.name or "")
    while 2 * len(embed.fields) + 2 > budget:  # not even a character each: fewer fields
        embed.remove_field(len(embed.fields) - 1)
    lengths = [len(embed.description or ""), len(embed.footer.text or "")]
    lengths += [len(part or "") for f in embed.fields for part in (f.name, f.value)]
    low, high = 1, max(lengths)  # the largest cap whose total fits: low fits, high + 1 does not
    while low < high:
        cap = (low + high + 1) // 2
        if sum(min(n, cap) for n in lengths) <= budget:
            low = cap
        else:
            high = cap - 1
    if embed.description:
        embed.description = _cut(embed.description, low)
    if embed.footer.text:
        embed.set_footer(text=_cut(embed.footer.text, low), icon_url=embed.footer.icon_url)
    for index, f in enumerate(embed.fields):
        embed.set_field_at(index, name=_cut(f.name or "", low), value=_cut(f.value or "", low), inline=f.inline)


def _cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters; unchanged (spacing and all) when it already fits."""
    return text if len(text) <= limit else shorten(text, limit)


def pack_embeds(embeds: list[discord.Embed]) -> list[list[discord.Embed]]:
    """Group fitted embeds into messages of at most :data:`MAX_EMBEDS` and :data:`TOTAL_LIMIT` characters."""
    messages: list[list[discord.Embed]] = []
    size = 0
    for embed in (fit_embed(e) for e in embeds):
        if not messages or len(messages[-1]) >= MAX_EMBEDS or size + embed_size(embed) > TOTAL_LIMIT:
            messages.append([])
            size = 0
        messages[-1].append(embed)
        size += embed_size(embed)
    return messages
