"""Card -> ``discord.Embed``: title, description, inline fields, footer with sources.

Everything on a card may come from an article, so every string is escaped for Discord
markdown and mentions are defused (a zero-width space after ``@``); posts also go out with
``AllowedMentions.none()``, so even a missed case cannot ping anyone. Discord's embed limits
are enforced here by truncating, never by letting the API answer 400.

A field whose :attr:`CardField.at` marks a moment gets Discord's ``<t:UNIX:F>`` and
``<t:UNIX:R>`` tokens: every reader sees the time in their own zone and a countdown, beside
the UTC and venue-local times the card's text already carries.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import discord

from briefings.cards import Card, CardField, CardKind

# https://discord.com/developers/docs/resources/message#embed-object-embed-limits
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
TOTAL_MAX = 6000
URL_MAX = 2048

_ELLIPSIS = "…"
_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)(\d+)>", re.IGNORECASE)

COLOURS: dict[CardKind, int] = {
    CardKind.BRIEFING: 0x3B82F6,
    CardKind.ANSWER: 0x64748B,
    CardKind.HELP: 0x10B981,
    CardKind.REMINDER: 0xF59E0B,
    CardKind.UPDATE: 0x8B5CF6,
    CardKind.ERROR: 0xEF4444,
}


def defuse_mentions(text: str) -> str:
    """Break ``@everyone``, ``@here``, ``<@id>``, ``<@&id>`` and ``<#id>`` with a zero-width space."""

    def _sub(m: re.Match[str]) -> str:
        if m.group(1):
            return "@\u200b" + m.group(1)
        return "<\u200b" + m.group(2) + m.group(3) + ">"

    return _MENTION.sub(_sub, text)


def escape(text: str) -> str:
    """Escape article text for an embed: markdown characters, then mentions."""
    return defuse_mentions(discord.utils.escape_markdown(text, as_needed=False))


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, never ending on a lone escaping backslash."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)]
    # a trailing odd run of backslashes would escape the ellipsis (or half of a pair)
    trailing = len(cut) - len(cut.rstrip("\\"))
    if trailing % 2:
        cut = cut[:-1]
    return cut + _ELLIPSIS


def timestamp_tokens(moment: dt.datetime) -> str:
    """Discord's reader-local full date-time and relative countdown: ``<t:UNIX:F> (<t:UNIX:R>)``."""
    if moment.tzinfo is None:
        raise ValueError("timestamp_tokens needs an aware datetime")
    unix = int(moment.timestamp())
    return f"<t:{unix}:F> (<t:{unix}:R>)"


def _safe_url(url: str | None) -> str | None:
    if not url or len(url) > URL_MAX:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in url):
        return None
    return url


def _field_value(f: CardField) -> str:
    tokens = f"\n{timestamp_tokens(f.at)}" if f.at is not None else ""
    text = escape(f.value.strip()) or "\u2014"
    return truncate(text, FIELD_VALUE_MAX - len(tokens)) + tokens


def _embed_size(title: str, description: str, fields: list[tuple[str, str]], footer: str) -> int:
    return len(title) + len(description) + sum(len(n) + len(v) for n, v in fields) + len(footer)


def card_to_embed(card: Card) -> discord.Embed:
    """Render a card as one embed within every Discord limit (fields over 25 fold into the description)."""
    title = truncate(escape(card.title.strip()) or "briefbot", TITLE_MAX)
    fields = [(truncate(escape(f.label.strip()) or "\u200b", FIELD_NAME_MAX), _field_value(f)) for f in card.fields]
    lines = [escape(line) for line in card.lines]
    if len(fields) > FIELDS_MAX:
        # more fields than Discord allows: the overflow reads on as description lines
        lines += [f"**{n}**: {v}" for n, v in fields[FIELDS_MAX:]]
        fields = fields[:FIELDS_MAX]
    description = truncate("\n".join(lines), DESCRIPTION_MAX)
    footer = truncate("Sources: " + "; ".join(card.sources), FOOTER_MAX) if card.sources else ""

    # the 6000-character total: shorten the description first, then drop trailing fields, then the footer
    over = _embed_size(title, description, fields, footer) - TOTAL_MAX
    if over > 0 and description:
        description = truncate(description, max(0, len(description) - over)) if len(description) > over else ""
        over = _embed_size(title, description, fields, footer) - TOTAL_MAX
    while over > 0 and fields:
        fields.pop()
        over = _embed_size(title, description, fields, footer) - TOTAL_MAX
    if over > 0:
        footer = truncate(footer, max(0, len(footer) - over))

    embed = discord.Embed(
        title=title,
        description=description or None,
        colour=COLOURS.get(card.kind, COLOURS[CardKind.ANSWER]),
        url=_safe_url(card.link),
    )
    for name, value in fields:
        # short values sit side by side; long ones (participant lists) take the full width
        embed.add_field(name=name, value=value, inline=len(value) <= 60 and "\n" not in value)
    if footer:
        embed.set_footer(text=footer)
    return embed


def embed_size(embed: discord.Embed) -> int:
    """The characters Discord counts toward its 6000 total."""
    return len(embed)


__all__ = [
    "DESCRIPTION_MAX",
    "FIELDS_MAX",
    "FIELD_VALUE_MAX",
    "TITLE_MAX",
    "TOTAL_MAX",
    "card_to_embed",
    "defuse_mentions",
    "embed_size",
    "escape",
    "timestamp_tokens",
    "truncate",
]
