"""Feed pipeline throughput: N local feeds x M entries, poll -> parse -> dedupe -> extract -> stored events.

    .venv/bin/python bench/feeds.py [--feeds 200] [--entries 50] [--db PATH]

A local aiohttp server (its own process, so its memory is not counted) serves every feed with
full content (no article fetches). The poller ingests all entries (backfill = entries) through the
real BriefingService into a fresh SQLite file. Printed: items/s, total seconds, peak RSS of this
process, and, in the same run, the time feedparser alone takes to parse the same documents
(default options, as the bare library), so the ratio can be read off. Target: pipeline within
3x of feedparser's parse time, peak RSS under 300 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIDES = [
    ("Russian", "Ukrainian", "Istanbul", "Dolmabahce Palace"),
    ("Israeli", "Hamas", "Doha", "the Emiri Diwan"),
    ("US", "Chinese", "Geneva", "the Intercontinental hotel"),
    ("Armenian", "Azerbaijani", "Abu Dhabi", "the presidential palace"),
    ("Indian", "Pakistani", "Riyadh", "the Ritz-Carlton"),
    ("Serbian", "Kosovo", "Brussels", "the EU Council building"),
    ("Ethiopian", "Eritrean", "Nairobi", "State House"),
    ("Sudanese army", "RSF", "Jeddah", "the Saudi foreign ministry"),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _article(feed: int, entry: int) -> tuple[str, str]:
    a, b, city, venue = SIDES[(feed + entry) % len(SIDES)]
    day = DAYS[entry % len(DAYS)]
    hour = 8 + (feed * 7 + entry) % 9
    title = f"{a} and {b} delegations to meet in {city} on {day} (wire {feed}-{entry})"
    paras = [
        f"{city}, May 1 (Wire) - {a} and {b} delegations will meet in {city} on {day} for a new round of talks, "
        f"officials from both sides said on Thursday, in the first direct contact in weeks.",
        f"The talks are due to start at {hour:02d}00 GMT at {venue}, a foreign ministry spokesman told "
        f"reporters. The {a} delegation will be led by its foreign minister; the {b} side by its chief negotiator.",
        "Diplomats said they expected discussions on a ceasefire, prisoner exchanges and humanitarian access, "
        "but warned that a comprehensive agreement was unlikely at this stage.",
        f"Reference {feed}-{entry}: analysts said the outcome would depend on whether both sides were ready "
        "to make concessions on the most contentious issues, including the status of disputed territories.",
    ]
    return title, "".join(f"<p>{p}</p>" for p in paras)


def make_feed(feed: int, entries: int) -> str:
    """One RSS 2.0 document with full content per item, newest first."""
    t0 = dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>',
        f"<title>Wire {feed}</title><link>http://wire{feed}.example/</link><description>bench</description>",
    ]
    for e in range(entries):
        title, html = _article(feed, e)
        out.append(
            f"<item><title>{escape(title)}</title><link>http://wire{feed}.example/story/{e}</link>"
            f'<guid isPermaLink="false">wire-{feed}-{e}</guid>'
            f"<pubDate>{format_datetime(t0 - dt.timedelta(minutes=e))}</pubDate>"
            f"<description>{escape(title)}</description>"
            f"<content:encoded><![CDATA[{html}]]></content:encoded></item>"
        )
    out.append("</channel></rss>")
    return "\n".join(out)


def _serve(docs: list[bytes], port_q: mp.Queue) -> None:  # type: ignore[type-arg]
    from aiohttp import web

    async def handle(request: web.Request) -> web.Response:
        i = int(request.match_info["n"])
        return web.Response(body=docs[i], content_type="application/rss+xml", headers={"ETag": f'"{i}"'})

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/feed/{n}.xml", handle)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port_q.put(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        await asyncio.Event().wait()

    asyncio.run(main())


async def run_pipeline(
    base: str, n_feeds: int, entries: int, db: Path, *, null: bool = False
) -> tuple[float, int, int]:
    from briefings.clock import SystemClock
    from briefings.feeds import FeedPoller, PollerConfig
    from briefings.feeds_config import FeedSpec
    from briefings.model import Article
    from briefings.service import BriefingService
    from briefings.store.feed_tables import FeedRepository
    from briefings.store.repository import SqlEventStore

    clock = SystemClock()
    async with SqlEventStore(f"sqlite+aiosqlite:///{db}") as store:
        repo = FeedRepository(store.engine)
        for i in range(n_feeds):
            await repo.add(FeedSpec(url=f"{base}/feed/{i}.xml", name=f"Wire {i}"), clock.now())
        service = BriefingService(store, clock)

        async def ingest(article: Article, channels: tuple[str, ...]) -> object:
            if null:  # the poller's own share: fetch, parse, dedupe, mark seen; no extraction or store
                return None
            return await service.ingest_article(article)

        async def ingest_many(articles: Sequence[Article], channels: tuple[str, ...]) -> Sequence[object]:
            # what the bot wires (bot.cli_feeds.start_poller): a poll's new items in one store transaction
            if null:
                return [None] * len(articles)
            return await service.ingest_articles(articles, channels)

        config = PollerConfig(backfill=entries, timeout=120, max_bytes=20_000_000, per_host=4, max_concurrent=16)
        t0 = time.perf_counter()
        async with FeedPoller(repo, ingest, clock, config, ingest_many=ingest_many) as poller:
            reports = await poller.run_due()
        elapsed = time.perf_counter() - t0
        events = len(await store.events())
    bad = [r for r in reports if r.status != "ok"]
    if bad:
        print(f"WARNING: {len(bad)} feeds failed, e.g. {bad[0]}")
    return elapsed, sum(r.ingested for r in reports), events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (default: a temporary one)")
    args = parser.parse_args()

    docs = [make_feed(i, args.entries).encode() for i in range(args.feeds)]
    total_mb = sum(len(d) for d in docs) / 1e6
    ctx = mp.get_context("spawn")
    port_q = ctx.Queue()
    server = ctx.Process(target=_serve, args=(docs, port_q), daemon=True)
    server.start()
    port = port_q.get(timeout=30)
    base = f"http://127.0.0.1:{port}"
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = args.db or Path(tmp) / "bench.db"
            elapsed, ingested, events = asyncio.run(run_pipeline(base, args.feeds, args.entries, db))
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            poller_only, _, _ = asyncio.run(
                run_pipeline(base, args.feeds, args.entries, Path(tmp) / "null.db", null=True)
            )
    finally:
        server.terminate()
        server.join()

    import feedparser

    t0 = time.perf_counter()
    n = sum(len(feedparser.parse(d).entries) for d in docs)
    fp_default = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in docs:
        feedparser.parse(d, sanitize_html=False, resolve_relative_uris=False)
    fp_fast = time.perf_counter() - t0

    items = args.feeds * args.entries
    print(f"feeds: {args.feeds} x {args.entries} entries = {items} items ({total_mb:.1f} MB of XML)")
    print(f"pipeline (poll -> parse -> dedupe -> extract -> store): {elapsed:.2f} s, {items / elapsed:.0f} items/s")
    print(f"  ingested {ingested} articles, {events} stored events")
    print(f"poller alone (fetch, parse, dedupe, mark seen; ingest a no-op): {poller_only:.2f} s")
    print(f"peak RSS: {peak:.0f} MB (at start {rss0:.0f} MB)")
    print(f"feedparser alone, default options: {fp_default:.2f} s ({n} entries, {n / fp_default:.0f} entries/s)")
    print(f"feedparser alone, as the poller calls it (no sanitising): {fp_fast:.2f} s")
    ratio = elapsed / fp_default
    print(f"pipeline / feedparser(default) = {ratio:.2f}x (target <= 3x); RSS target < 300 MB")
    print(f"poller alone / feedparser(default) = {poller_only / fp_default:.2f}x")
    ok = ratio <= 3 and peak < 300
    print("TARGETS MET" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
