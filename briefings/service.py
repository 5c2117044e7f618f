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
        # one batch extracts or stores at a time: extraction in a thread beside a store batch only fights it
        # for the GIL (each database round trip then waits out a thread switch), and both are CPU-bound
        self._batch_lock = asyncio.Lock()

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

    async def ingest_articles(
        self, articles: Sequence[Article], channels: Sequence[str] = ()
    ) -> list[IngestResult | Exception]:
        """Extract and store many articles with the outcome of ``ingest_article`` on each in turn, but in one
        store transaction; listeners hear of each new article in order once the batch is stored.

        Each place in the returned list holds that article's result or the exception it failed with (a bad
        article fails alone).
        """
        if not articles:
            return []
        async with self._batch_lock:
            extracted = await asyncio.to_thread(self._extract_each, articles)
            todo = [(a, e) for a, e in zip(articles, extracted, strict=True) if not isinstance(e, Exception)]
            stored = iter(await self.store.add_articles(todo, self.clock.now))
        out: list[IngestResult | Exception] = []
        for extraction in extracted:
            result = extraction if isinstance(extraction, Exception) else next(stored)
            if isinstance(result, IngestResult):
                if channels:
                    result = dataclasses.replace(result, channels=tuple(channels))
                metrics.ARTICLES_INGESTED.labels(result="duplicate" if result.duplicate else "new").inc()
                if not result.duplicate:
                    assert result.extraction is not None
                    metrics.EVENTS_EXTRACTED.inc(len(result.extraction.events))
                    await self._notify(result)
            out.append(result)
        return out

    def _extract_each(self, articles: Sequence[Article]) -> list[Extraction | Exception]:
        out: list[Extraction | Exception] = []
        for article in articles:
            try:
                out.append(self._extract(article))
            except Exception as exc:  # an extractor bug on one article must not cost the others
                out.append(exc)
        return out

    async def _notify(self, result: IngestResult) -> None:
        for listener in list(self.listeners):
            try:
                await listener(result)
            except Exception:
                # one failing feature (a post that bounced) must not undo or block the others
                log.exception("ingest listener %r failed for article %s", listener, result.article_id)
