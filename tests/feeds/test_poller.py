"""The poller against a real local feed server and a real SQLite store; ingestion is a recording port."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest

from briefings.cards import Card, CardKind
from briefings.clock import FixedClock
from briefings.feeds import FeedPoller, PollerConfig, backoff_delay, canonical_link, health_line
from briefings.feeds_config import FeedSpec
from briefings.model import Article
from briefings.store.feed_tables import FeedRepository

from .conftest import FeedServer, Item, atom, make_items, rss

T0 = dt.datetime(2025, 5, 2, 8, 0, tzinfo=dt.UTC)


class Recorder:
    """Stands in for the briefing service: records what the poller hands over."""

    def __init__(self) -> None:
        self.articles: list[tuple[Article, tuple[str, ...]]] = []
        self.notices: list[tuple[str, Card]] = []

    async def ingest(self, article: Article, channels: tuple[str, ...]) -> None:
        self.articles.append((article, channels))

    async def notify(self, channel: str, card: Card) -> None:
        self.notices.append((channel, card))


class NoJitter(random.Random):
    """An injected random source that always picks the middle of the jitter range."""

    def uniform(self, a: float, b: float) -> float:
        return (a + b) / 2


def make_poller(repo: FeedRepository, rec: Recorder, clock: FixedClock, **kw: object) -> FeedPoller:
    config = PollerConfig(timeout=kw.pop("timeout", 5.0), **kw)  # type: ignore[arg-type]
    return FeedPoller(repo, rec.ingest, clock, config, notify=rec.notify, rng=NoJitter())


async def add(repo: FeedRepository, server: FeedServer, path: str, name: str, **kw: object) -> None:
    await repo.add(FeedSpec(url=server.url(path), name=name, **kw), T0)  # type: ignore[arg-type]


async def test_first_poll_of_50_items_posts_only_the_newest(repo: FeedRepository, feed_server: FeedServer) -> None:
    """A new RSS feed with 50 items: one poll ingested exactly one (the newest), and all 50 count as seen."""
    items = make_items(50)
    feed_server.set("/wire.rss", rss(list(reversed(items))))  # listed oldest first: the poller sorts by date
    await add(repo, feed_server, "/wire.rss", "Wire")
    rec, clock = Recorder(), FixedClock(T0)
    async with make_poller(repo, rec, clock) as poller:
        reports = await poller.run_due()
    assert [(r.status, r.ingested, r.skipped) for r in reports] == [("ok", 1, 49)]
    assert [a.headline for a, _ in rec.articles] == ["item headline 0"]
    art = rec.articles[0][0]
    assert art.outlet == "Wire" and art.url == "http://news.example/item/0" and art.published == dt.date(2025, 5, 1)
    (state,) = await repo.all()
    assert state.items_seen == 50 and state.items_ingested == 1 and state.primed


async def test_backfill_setting_and_zero(repo: FeedRepository, feed_server: FeedServer) -> None:
    """With backfill 3 the first poll ingested the 3 newest; with backfill 0 it ingested none."""
    feed_server.set("/a.rss", rss(make_items(10, "a")))
    feed_server.set("/b.rss", rss(make_items(10, "b")))
    await add(repo, feed_server, "/a.rss", "A")
    rec, clock = Recorder(), FixedClock(T0)
    async with make_poller(repo, rec, clock, backfill=3) as poller:
        await poller.run_due()
    assert [a.headline for a, _ in rec.articles] == ["a headline 2", "a headline 1", "a headline 0"]
    await add(repo, feed_server, "/b.rss", "B")
    rec2 = Recorder()
    async with make_poller(repo, rec2, clock, backfill=0) as poller:
        await poller.run_due()
    assert rec2.articles == []


async def test_etag_304_is_honoured_and_new_item_posts_once(repo: FeedRepository, feed_server: FeedServer) -> None:
    """An Atom feed: the second poll sent If-None-Match and got 304; a new item was ingested once, not again."""
    items = make_items(5)
    route = feed_server.set("/atom.xml", atom(items), content_type="application/atom+xml")
    await add(repo, feed_server, "/atom.xml", "Atom")
    rec, clock = Recorder(), FixedClock(T0)
    async with make_poller(repo, rec, clock) as poller:
        await poller.run_due()
        clock.advance(dt.timedelta(minutes=6))
        (r2,) = await poller.run_due()
        assert r2.status == "not-modified" and route.not_modified == 1
        assert route.headers_seen[-1]["If-None-Match"].startswith('"')
        new = Item(
            "fresh-1",
            "Talks set for Friday",
            "http://news.example/fresh/1",
            "Delegations will meet in Istanbul on Friday for a new round of talks.",
            T0,
        )
        feed_server.set("/atom.xml", atom([new, *items]), content_type="application/atom+xml")
        clock.advance(dt.timedelta(minutes=6))
        (r3,) = await poller.run_due()
        clock.advance(dt.timedelta(minutes=6))
        (r4,) = await poller.run_due()
    assert (r3.status, r3.ingested) == ("ok", 1)
    assert r4.status == "not-modified"
    assert [a.headline for a, _ in rec.articles] == ["item headline 0", "Talks set for Friday"]


async def test_edited_items_post_nothing_new(repo: FeedRepository, feed_server: FeedServer) -> None:
    """Edited title and date (same GUID), a new GUID on the same link, and a new GUID and link with the same
    text: none of them was ingested again."""
    items = make_items(3)
    feed_server.set("/wire.rss", rss(items))
    await add(repo, feed_server, "/wire.rss", "Wire")
    rec, clock = Recorder(), FixedClock(T0)
    edited = [
        replace(items[0], title="UPDATED: item headline 0", published=T0),
        replace(items[1], guid="new-guid-1", title="retitled", link=items[1].link + "?utm_source=rss#top"),
        replace(items[2], guid="new-guid-2", link="http://news.example/moved/2", title="moved"),
    ]
    async with make_poller(repo, rec, clock) as poller:
        await poller.run_due()
        feed_server.set("/wire.rss", rss(edited))
        clock.advance(dt.timedelta(minutes=10))
        (report,) = await poller.run_due()
    assert (report.status, report.ingested) == ("ok", 0)
    assert len(rec.articles) == 1


async def test_gzip_and_duplicate_across_feeds(repo: FeedRepository, feed_server: FeedServer) -> None:
    """A gzip-compressed feed was read; the same story in a second feed (same link) was not ingested twice."""
    item = make_items(1, "shared")
    feed_server.set("/one.rss", rss(item), mode="gzip")
    await add(repo, feed_server, "/one.rss", "One")
    rec, clock = Recorder(), FixedClock(T0)
    async with make_poller(repo, rec, clock) as poller:
        await poller.run_due()
        assert feed_server.routes["/one.rss"].headers_seen[0]["Accept-Encoding"].startswith("gzip")
        feed_server.set("/two.rss", rss([replace(item[0], guid="other", title="other title")]))
        await add(
            repo,
            feed_server,
            "/two.rss",
            "Two",
        )
        await poller.run_due()
    assert [a.outlet for a, _ in rec.articles] == ["One"]


async def test_failing_feeds_leave_the_others_running(repo: FeedRepository, feed_server: FeedServer) -> None:
    """Malformed XML, a 500, a server that never answers (0.5 s timeout) and a 100 MB streamed body, polled
    together with a good feed: the good one was ingested, each bad one shows why in its health line,
    and the 100 MB body was cut at the cap rather than read."""
    feed_server.set("/good.rss", rss(make_items(2, "good")))
    feed_server.set("/bad.xml", "<?xml version='1.0'?><rss><channel><title>x</ti<<<&&&")
    feed_server.set("/err.rss", mode="status", status=500)
    feed_server.set("/hang.rss", mode="hang")
    feed_server.set("/huge.rss", mode="huge")
    for path, name in [
        ("/good.rss", "Good"),
        ("/bad.xml", "Bad"),
        ("/err.rss", "Err"),
        ("/hang.rss", "Hang"),
        ("/huge.rss", "Huge"),
    ]:
        await add(repo, feed_server, path, name)
    rec, clock = Recorder(), FixedClock(T0)
    async with make_poller(repo, rec, clock, timeout=0.5, max_bytes=1_000_000) as poller:
        reports = {r.feed: r for r in await poller.run_due()}
    assert reports["Good"].status == "ok" and [a.outlet for a, _ in rec.articles] == ["Good"]
    assert {n for n, r in reports.items() if r.status == "error"} == {"Bad", "Err", "Hang", "Huge"}
    health = {f.name: health_line(f, clock.now()) for f in await repo.all()}
    assert "HTTP 500" in health["Err"]
    assert "timed out" in health["Hang"]
    assert "cap" in health["Huge"]
    assert "feed" in health["Bad"].split("last error", 1)[1]
    assert "ok" in health["Good"] and "last error" not in health["Good"]
    assert feed_server.huge_bytes_sent < 50 * (1 << 20)


async def test_backoff_doubles_then_disables_with_notice_and_retry(
    repo: FeedRepository, feed_server: FeedServer
) -> None:
    """A feed answering 500: next polls at +5, +10 min (doubling), disabled after 3 failures with a notice card
    to the admin channel and the reason in health; not polled while disabled; retry re-enabled it."""
    feed_server.set("/err.rss", mode="status", status=500)
    await add(repo, feed_server, "/err.rss", "Flaky")
    rec, clock = Recorder(), FixedClock(T0)
    async with make_poller(repo, rec, clock, max_failures=3, admin_channel="#ops") as poller:
        await poller.run_due()
        (f,) = await repo.all()
        assert f.failures == 1 and f.next_poll == T0 + dt.timedelta(minutes=5)
        clock.set(f.next_poll)
        await poller.run_due()
        (f,) = await repo.all()
        assert f.failures == 2 and f.next_poll == clock.now() + dt.timedelta(minutes=10)
        clock.set(f.next_poll)
        (r,) = await poller.run_due()
        assert r.status == "disabled"
        (f,) = await repo.all()
        assert not f.enabled and "3 consecutive failures" in (f.disabled_reason or "")
        assert "DISABLED: 3 consecutive failures, last: HTTP 500" in health_line(f, clock.now())
        assert [(c, card.kind) for c, card in rec.notices] == [("#ops", CardKind.ERROR)]
        assert "retry Flaky" in rec.notices[0][1].plain_text()
        clock.advance(dt.timedelta(days=3))
        assert await poller.run_due() == []
        assert feed_server.routes["/err.rss"].hits == 3
        feed_server.set("/err.rss", rss(make_items(2)))
        assert await repo.retry("flaky", clock.now()) is not None
        (r,) = await poller.run_due()
        assert r.status == "ok"
    (f,) = await repo.all()
    assert f.enabled and f.failures == 0 and f.last_success == clock.now()


def test_backoff_is_capped_at_a_day() -> None:
    """Backoff: 5 min, 10, 20, ... and never more than a day, however many failures."""
    assert [backoff_delay(n) for n in (1, 2, 3)] == [300, 600, 1200]
    assert backoff_delay(9) == 76800 and backoff_delay(10) == 86400 and backoff_delay(500) == 86400


async def test_interval_is_jittered_and_at_least_a_minute(repo: FeedRepository, feed_server: FeedServer) -> None:
    """With an injected random at the top of the range, the next poll came 10% after the 5 min interval."""

    class Top(random.Random):
        def uniform(self, a: float, b: float) -> float:
            return b

    feed_server.set("/w.rss", rss(make_items(1)))
    await add(repo, feed_server, "/w.rss", "W")
    clock = FixedClock(T0)
    async with FeedPoller(repo, Recorder().ingest, clock, PollerConfig(), rng=Top()) as poller:
        await poller.run_due()
    (f,) = await repo.all()
    assert f.next_poll == T0 + dt.timedelta(seconds=330)


async def test_keywords_per_feed_and_per_channel(repo: FeedRepository, feed_server: FeedServer) -> None:
    """Feed keywords kept only matching items; channel keywords picked which channels each item went to;
    'talks' did not match 'stalks'."""
    t = T0
    items = [
        Item("1", "Peace talks in Istanbul", "http://n/1", "Ceasefire on the agenda for the delegations.", t),
        Item("2", "Markets rally", "http://n/2", "Stocks rose sharply as investors cheered the data.", t),
        Item("3", "Trade talks resume", "http://n/3", "Tariffs top the agenda of the trade negotiators.", t),
        Item("4", "Heron stalks fish", "http://n/4", "A bird was seen near the river bank in the morning.", t),
    ]
    feed_server.set("/k.rss", rss(make_items(1, "old")))
    await add(repo, feed_server, "/k.rss", "K", keywords=("talks",), channels=("#peace", "#trade"))
    rec, clock = Recorder(), FixedClock(T0)
    config_kw = {"channel_keywords": {"#peace": ("ceasefire",), "#trade": ("tariffs", "trade talks")}}
    async with make_poller(repo, rec, clock, backfill=0, **config_kw) as poller:
        await poller.run_due()
        feed_server.set("/k.rss", rss(items))
        clock.advance(dt.timedelta(minutes=6))
        await poller.run_due()
    assert sorted((a.headline, ch) for a, ch in rec.articles) == [
        ("Peace talks in Istanbul", ("#peace",)),
        ("Trade talks resume", ("#trade",)),
    ]


async def test_summary_only_item_gets_full_text(repo: FeedRepository, feed_server: FeedServer) -> None:
    """An item with only a one-line summary: the poller fetched the linked page and ingested its full text;
    an item whose page fails kept its summary."""
    body = " ".join(["Russian and Ukrainian delegations will meet at Dolmabahce Palace on Friday."] * 8)
    page = (
        f"<html><head><title>T</title></head><body><nav>menu</nav><article><h1>Talks</h1><p>{body}</p>"
        f"<p>{body}</p></article></body></html>"
    )
    feed_server.set("/story.html", page, content_type="text/html")
    items = [
        Item("a", "Talks Friday", feed_server.url("/story.html"), "Talks on Friday.", T0),
        Item("b", "Gone", feed_server.url("/missing.html"), "The page is gone.", T0 - dt.timedelta(hours=1)),
    ]
    feed_server.set("/s.rss", rss(items))
    await add(repo, feed_server, "/s.rss", "S")
    rec, clock = Recorder(), FixedClock(T0)
    async with make_poller(repo, rec, clock, backfill=2) as poller:
        await poller.run_due()
    texts = {a.headline: a.text for a, _ in rec.articles}
    assert "Dolmabahce Palace" in texts["Talks Friday"] and "menu" not in texts["Talks Friday"]
    assert texts["Gone"] == "The page is gone."


async def test_ingest_failure_leaves_item_unseen(repo: FeedRepository, feed_server: FeedServer) -> None:
    """Ingestion raising (store down) left the item unseen, so the next poll ingested it."""
    feed_server.set("/w.rss", rss(make_items(1)))
    await add(repo, feed_server, "/w.rss", "W")
    calls: list[str] = []

    async def flaky(article: Article, channels: tuple[str, ...]) -> None:
        calls.append(article.source)
        if len(calls) == 1:
            raise RuntimeError("database is locked")

    clock = FixedClock(T0)
    async with FeedPoller(repo, flaky, clock, rng=NoJitter()) as poller:
        await poller.run_due()
        feed_server.set("/w.rss", rss(make_items(1)) + "\n")  # new ETag
        clock.advance(dt.timedelta(minutes=6))
        await poller.run_due()
        clock.advance(dt.timedelta(minutes=6))
        feed_server.set("/w.rss", rss(make_items(1)) + "\n\n")
        await poller.run_due()
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("url", "canon"),
    [
        ("https://www.Example.com/a/b/?utm_source=x&id=3#frag", "//example.com/a/b?id=3"),
        ("http://example.com/a/b", "//example.com/a/b"),
        ("", None),
    ],
)
def test_canonical_link(url: str, canon: str | None) -> None:
    """Scheme, www, fragments, tracking parameters and trailing slashes do not make a link new."""
    assert canonical_link(url) == canon


async def test_feeds_file_sync_and_restart_do_not_flood(repo: FeedRepository, feed_server: FeedServer) -> None:
    """Feeds synced from the file were polled once; syncing the same file again (a restart) kept their state,
    so a new poller posted nothing old; a feed dropped from the file was removed, a command-added one kept."""
    feed_server.set("/f.rss", rss(make_items(20, "f")))
    spec = FeedSpec(url=feed_server.url("/f.rss"), name="F")
    await repo.sync([spec], T0)
    await add(repo, feed_server, "/c.rss", "ByCommand")
    feed_server.set("/c.rss", rss(make_items(1, "c")))
    rec, clock = Recorder(), FixedClock(T0)
    async with make_poller(repo, rec, clock) as poller:
        await poller.run_due()
    assert sorted(a.outlet or "" for a, _ in rec.articles) == ["ByCommand", "F"]
    await repo.sync([spec], clock.now())  # restart with the same file
    feed_server.set("/f.rss", rss(make_items(20, "f")) + " ")  # new ETag, same items
    clock.advance(dt.timedelta(minutes=6))
    rec2 = Recorder()
    async with make_poller(repo, rec2, clock) as poller:
        await poller.run_due()
    assert rec2.articles == []
    await repo.sync([], clock.now())
    assert [f.name for f in await repo.all()] == ["ByCommand"]


async def test_same_story_in_two_feeds_polled_at_once_is_taken_once(
    repo: FeedRepository, feed_server: FeedServer
) -> None:
    """Two feeds carrying the same items, polled in the same pass: the newest item was ingested once, not twice."""
    feed_server.set("/x.rss", rss(make_items(5, "same")))
    feed_server.set("/y.rss", rss(make_items(5, "same")))
    await add(repo, feed_server, "/x.rss", "X")
    await add(repo, feed_server, "/y.rss", "Y")
    rec, clock = Recorder(), FixedClock(T0)
    async with make_poller(repo, rec, clock) as poller:
        await poller.run_due()
    assert [a.headline for a, _ in rec.articles] == ["same headline 0"]
