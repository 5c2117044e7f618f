"""The ingest service: extract an article, store what it reports, tell the features that listen."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence

from briefings import metrics
from briefings.clock import Clock
from briefings.extract import extract
from briefings.model import Article, Extraction
from briefings.store.api import EventStore, IngestResult

log = logging.getLogger(__name__)

IngestListener = Callable[[IngestResult], Awaitable[object]]
Extractor = Callable[[Article], Extraction]


class BriefingService:
    """Extract + store, then hand the result to every listener (posting, reminders)."""

    def __init__(
        self,
        store: EventStore,
        clock: Clock,
        *,
        listeners: Iterable[IngestListener] = (),
        extractor: Extractor = extract,
    ) -> None:
        self.store = store
        self.clock = clock
        self.listeners: list[IngestListener] = list(listeners)
        self._extract = extractor

    def on_ingested(self, listener: IngestListener) -> IngestListener:
        """Subscribe a listener (usable as a decorator); it is awaited after each stored article."""
        self.listeners.append(listener)
        return listener

    async def extract(self, article: Article) -> Extraction:
        """Run the (CPU-bound) extractor off the event loop, so adapters stay responsive."""
        return await asyncio.to_thread(self._extract, article)

    async def ingest_article(self, article: Article, channels: Sequence[str] = ()) -> IngestResult:
        """Extract and store one article, then notify listeners; a duplicate notifies no one.

        ``channels`` narrows where listeners post about it (a feed's own target channels).
        """
        extraction = await self.extract(article)
        result = await self.store.add_article(article, extraction, self.clock.now())
        if channels:
            result = dataclasses.replace(result, channels=tuple(channels))
        metrics.ARTICLES_INGESTED.labels(result="duplicate" if result.duplicate else "new").inc()
        if not result.duplicate:
            metrics.EVENTS_EXTRACTED.inc(len(extraction.events))
            await self._notify(result)
        return result

    async def _notify(self, result: IngestResult) -> None:
        for listener in list(self.listeners):
            try:
                await listener(result)
            except Exception:
                # one failing feature (a post that bounced) must not undo or block the others
                log.exception("ingest listener %r failed for article %s", listener, result.article_id)
