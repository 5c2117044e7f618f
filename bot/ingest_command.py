"""``/talks ingest URL`` for every platform: fetch a page or feed, ingest each article, sum it up.

Slack and Discord both register this one command on the shared registry; whichever adapter starts
first registers it and the other finds it there.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack

from briefings import briefing
from briefings.cards import Card, CardKind
from briefings.commands import CommandContext, CommandRegistry
from briefings.ingest import IngestOptions, SourceReader
from briefings.service import BriefingService
from config.settings import Settings

IngestFn = Callable[[str], Awaitable[Card]]
"""Fetch and ingest one URL; answer with a card saying what was stored."""


def url_ingester(service: BriefingService, settings: Settings, stack: AsyncExitStack) -> IngestFn:
    """An :data:`IngestFn` over the ingest service, with the configured size cap and timeout."""
    options = IngestOptions(
        max_bytes=settings.max_article_bytes, timeout=settings.fetch_timeout, user_agent=settings.user_agent
    )
    reader = SourceReader(options)
    stack.push_async_callback(reader.close)

    async def ingest(url: str) -> Card:
        articles = await reader.read(url)
        created = changed = duplicates = 0
        for article in articles:
            result = await service.ingest_article(article)
            duplicates += int(result.duplicate)
            created += len(result.created)
            changed += len(result.changed)
        return briefing.message_card(
            f"Ingested {len(articles)} article{'s' if len(articles) != 1 else ''}",
            f"{created} new event(s), {changed} changed, {duplicates} already known.",
            f"Source: {url}",
        )

    return ingest


def register_ingest(registry: CommandRegistry, ingest: IngestFn) -> None:
    """Add the admin-only ``/talks ingest URL`` subcommand, unless another adapter already did."""
    if "ingest" in registry:
        return

    async def ingest_handler(ctx: CommandContext) -> Card:
        """``/talks ingest URL``: fetch, extract and store one article or feed."""
        urls = [a for a in ctx.args if a.strip()]
        if len(urls) != 1:
            return briefing.message_card(
                "Usage: /talks ingest URL", "Give one article or feed URL.", kind=CardKind.ERROR
            )
        # Slack wraps links as <https://...> or <https://...|label>
        url = urls[0].strip("<>").split("|", 1)[0]
        return await ingest(url)

    registry.register(
        "ingest", ingest_handler, help="fetch and ingest an article or feed URL", admin=True, usage="ingest URL"
    )
