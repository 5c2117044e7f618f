"""Feed polls and failures are counted in the metrics (real local feed server, real store)."""

from __future__ import annotations

from briefings import metrics
from briefings.clock import FixedClock
from briefings.store.feed_tables import FeedRepository

from .conftest import FeedServer, make_items, rss
from .test_poller import T0, Recorder, add, make_poller


async def test_polls_and_failures_counted(repo: FeedRepository, feed_server: FeedServer) -> None:
    """Polled a good feed and one answering 500: polls +2, failures +1."""
    feed_server.set("/good.rss", rss(make_items(1, "good")))
    feed_server.set("/err.rss", mode="status", status=500)
    await add(repo, feed_server, "/good.rss", "Good")
    await add(repo, feed_server, "/err.rss", "Err")
    polls = metrics.sample("briefbot_feed_polls_total")
    failures = metrics.sample("briefbot_feed_failures_total")
    async with make_poller(repo, Recorder(), FixedClock(T0)) as poller:
        await poller.run_due()
    assert metrics.sample("briefbot_feed_polls_total") == polls + 2
    assert metrics.sample("briefbot_feed_failures_total") == failures + 1
