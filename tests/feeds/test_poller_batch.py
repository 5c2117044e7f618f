"""The poller handing a poll's new items to a batch ingest (what the bot wires)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from briefings.clock import FixedClock
from briefings.errors import ArticleError
from briefings.feeds import FeedPoller, PollerConfig
from briefings.model import Article
from briefings.store.feed_tables import FeedRepository

from .conftest import FeedServer, make_items, rss
from .test_poller import T0, NoJitter, add


async def test_batch_ingest_keeps_order_and_leaves_only_failed_items_unseen(
    repo: FeedRepository, feed_server: FeedServer
) -> None:
    """Five new items went to one batch call, oldest first; the one that failed for a passing reason was
    offered again on the next poll, the unreadable one was counted seen, the others were not offered again."""
    feed_server.set("/b.rss", rss(make_items(5)))
    await add(repo, feed_server, "/b.rss", "B")
    calls: list[list[str]] = []

    async def ingest_one(article: Article, channels: tuple[str, ...]) -> None:
        raise AssertionError("the batch path is wired")

    async def ingest_many(articles: Sequence[Article], channels: tuple[str, ...]) -> list[object]:
        calls.append([a.headline or "" for a in articles])
        out: list[object] = []
        for a in articles:
            if a.headline == calls[0][1] and len(calls) == 1:
                out.append(RuntimeError("database is locked"))
            elif a.headline == calls[0][2]:
                out.append(ArticleError(a.source, "empty article"))
            else:
                out.append(None)
        return out

    clock = FixedClock(T0)
    config = PollerConfig(backfill=5, timeout=5.0)
    async with FeedPoller(repo, ingest_one, clock, config, rng=NoJitter(), ingest_many=ingest_many) as poller:
        [report] = await poller.run_due()
        assert (report.ingested, report.skipped) == (3, 1)
        feed_server.set("/b.rss", rss(make_items(5)) + "\n")  # new ETag, same items
        clock.advance(dt.timedelta(minutes=6))
        await poller.run_due()
    assert calls[0] == [f"item headline {i}" for i in (4, 3, 2, 1, 0)]  # oldest first
    assert calls[1:] == [["item headline 3"]]
