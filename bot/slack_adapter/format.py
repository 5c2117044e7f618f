"""Card -> Slack Block Kit: header, section fields, lines, context with sources, plain-text fallback.

Everything on a card may come from an article, so every string is escaped for mrkdwn
(``&``, ``<``, ``>``): an article can neither mention anyone (``<!channel>``, ``<!here>``,
``<@U123>``) nor forge a link. Slack's limits are enforced here, by truncating, never by
letting ``chat.postMessage`` fail with ``invalid_blocks``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from briefings.cards import Card, CardField, CardKind

# Block Kit limits (https://api.slack.com/reference/block-kit/blocks)
HEADER_MAX = 150
SECTION_TEXT_MAX = 3000
FIELD_TEXT_MAX = 2000
FIELDS_PER_SECTION = 10
CONTEXT_ELEMENTS_MAX = 10
CONTEXT_TEXT_MAX = 3000
BLOCKS_MAX = 50
TEXT_FALLBACK_MAX = 3000

_ELLIPSIS = "…"
# broadcast words: escaping <> already stops <!here>; a zero-width space also keeps a plain
# "@here" inert should a client or link_names ever parse it
_BROADCAST = re.compile(r"@(here|channel|everyone)\b", re.IGNORECASE)


def escape(text: str) -> str:
    """Escape text for Slack mrkdwn: ``&``, ``<``, ``>``, and defuse ``@here``-style words."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub("@\u200b\\1", out)


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, never inside an ``&amp;``-style entity."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + _ELLIPSIS


def date_token(moment: dt.datetime) -> str:
    """Slack's reader-local date token, with a UTC fallback for clients that cannot render it."""
    utc = moment.astimezone(dt.UTC) if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    fallback = utc.strftime("%a %d %b %Y %H:%M UTC")
    return f"<!date^{int(utc.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def _safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) link that cannot break out of ``<url|label>``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if any(ch in url for ch in "<>| \n\t\"'"):
        return None
    return url


def _field_text(f: CardField) -> str:
    label = f"*{escape(truncate(f.label, 100))}*"
    local = f"\n_Your time:_ {date_token(f.at)}" if f.at is not None else ""
    room = FIELD_TEXT_MAX - len(label) - len(local) - 1
    return f"{label}\n{truncate(escape(f.value), room)}{local}"


def _header_text(card: Card) -> str:
    title = card.title.strip() or "briefbot"
    if card.kind == CardKind.ERROR:
        title = f"⚠️ {title}"
    return truncate(title, HEADER_MAX)


def card_blocks(card: Card) -> list[dict[str, Any]]:
    """The card as Block Kit blocks, within Slack's limits."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _header_text(card), "emoji": True}}
    ]
    fields = [_field_text(f) for f in card.fields]
    for start in range(0, len(fields), FIELDS_PER_SECTION):
        chunk = fields[start : start + FIELDS_PER_SECTION]
        blocks.append({"type": "section", "fields": [{"type": "mrkdwn", "text": t} for t in chunk]})
    if card.lines:
        text = ""
        for line in card.lines:
            item = f"• {escape(line)}" if len(card.lines) > 1 else escape(line)
            if text and len(text) + 1 + len(item) > SECTION_TEXT_MAX:
                blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text}})
                text = ""
            text = f"{text}\n{item}" if text else truncate(item, SECTION_TEXT_MAX)
        if text:
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text}})
    context: list[dict[str, Any]] = []
    if card.sources:
        sources = "; ".join(escape(s) for s in card.sources)
        context.append({"type": "mrkdwn", "text": truncate(f"Sources: {sources}", CONTEXT_TEXT_MAX)})
    if card.link:
        url = _safe_url(card.link)
        link = f"<{url}|Full briefing>" if url else escape(card.link)
        context.append({"type": "mrkdwn", "text": truncate(link, CONTEXT_TEXT_MAX)})
    if context:
        blocks.append({"type": "context", "elements": context[:CONTEXT_ELEMENTS_MAX]})
    if len(blocks) > BLOCKS_MAX:
        # keep the header, as many body blocks as fit, and the sources
        tail = blocks[-1:] if blocks[-1]["type"] == "context" else []
        blocks = blocks[: BLOCKS_MAX - len(tail)] + tail
    return blocks


def card_text(card: Card) -> str:
    """The plain ``text`` fallback (notifications, screen readers), escaped like the blocks."""
    return truncate(escape(card.plain_text()), TEXT_FALLBACK_MAX)


def card_message(card: Card) -> dict[str, Any]:
    """``text`` and ``blocks`` for ``chat.postMessage``/``chat.update``."""
    return {"text": card_text(card), "blocks": card_blocks(card)}


def slash_response(card: Card, *, public: bool = False) -> dict[str, Any]:
    """The body of a slash-command answer: ephemeral unless ``public``."""
    return {"response_type": "in_channel" if public else "ephemeral", **card_message(card)}
