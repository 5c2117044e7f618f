"""Ingest benchmark: 2,000 articles from files and from a local feed server, then story-query latency.

    .venv/bin/python bench/ingest.py [--articles 2000] [--queries 500]

Prints articles/s (extract + store, the real pipeline), database size, peak RSS, and the latency of
``store.story_events(topic, now)`` (what ``/talks who istanbul`` runs) at that size, p50/p99.
Targets: >= 100 articles/s, query p99 < 10 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cli_store import ingest_sources
from briefings.clock import SystemClock
from briefings.ingest import IngestOptions
from briefings.service import BriefingService
from briefings.store.repository import SqlEventStore

PAIRS = [
    ("Russian", "Ukrainian", "Istanbul", "Turkish"),
    ("US", "Iranian", "Geneva", "Swiss"),
    ("Israeli", "Hamas", "Doha", "Qatari"),
    ("Armenian", "Azerbaijani", "Washington", "US"),
    ("Serbian", "Kosovo", "Brussels", "EU"),
    ("Chinese", "US", "Stockholm", "Swedish"),
    ("Indian", "Pakistani", "Riyadh", "Saudi"),
    ("Japanese", "South Korean", "Tokyo", "Japanese"),
    ("US", "Russian", "Riyadh", "Saudi"),
    ("Egyptian", "Israeli", "Cairo", "Egyptian"),
]
PEOPLE = ["Medinsky", "Umerov", "Witkoff", "Araqchi", "Rubio", "Lavrov", "Kurti", "Vucic", "Aliyev", "Pashinyan"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_article(i: int, rng: random.Random) -> tuple[str, str, str]:
    """(date, headline, body) of one synthetic wire story; 10 pairs x a few rounds make ~100 stories."""
    a, b, city, host = PAIRS[i % len(PAIRS)]
    rnd = (i // 200) % 10
    pub = dt.date(2025, 1, 6) + dt.timedelta(days=7 * rnd + i % 5)
    hour = rng.choice([7, 8, 9, 10, 11, 13, 14])
    p1, p2 = rng.sample(PEOPLE, 2)
    head = f"{a} and {b} delegations to meet in {city} (report {i})"
    body = (
        f"{city.upper()} (Wire) - {a} and {b} delegations will meet in {city} on {rng.choice(DAYS)} "
        f"at {hour:02d}30 GMT, {host} officials said, in round {rnd + 1} of talks. "
        f"The {a} side is led by envoy {p1}, while {p2} heads the {b} team. "
        f"Expectations of a breakthrough are low, diplomats said. Report number {i} adds detail "
        f"on security arrangements and the agenda, which includes prisoner exchanges and a ceasefire."
    )
    return pub.isoformat(), head, body


async def serve_feeds(items: list[tuple[str, str, str]], per_feed: int) -> tuple[web.AppRunner, list[str]]:
    """A local server with the items split over RSS feeds; returns the runner and the feed URLs."""
    feeds: list[bytes] = []
    for k in range(0, len(items), per_feed):
        entries = []
        for j, (pub, head, body) in enumerate(items[k : k + per_feed]):
            day = dt.date.fromisoformat(pub)
            stamp = dt.datetime(day.year, day.month, day.day, 8, tzinfo=dt.UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
            entries.append(
                f"<item><title>{escape(head)}</title><link>https://wire.example/{k}/{j}</link>"
                f"<pubDate>{stamp}</pubDate><description>{escape(body)}</description></item>"
            )
        feeds.append(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire {k}</title>{"".join(entries)}'
            "</channel></rss>".encode()
        )
    app = web.Application()
    for n, body in enumerate(feeds):
        app.router.add_get(f"/feed{n}.xml", lambda _r, b=body: web.Response(body=b, content_type="application/rss+xml"))
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, [f"http://127.0.0.1:{port}/feed{n}.xml" for n in range(len(feeds))]


async def run(n_articles: int, n_queries: int) -> None:
    rng = random.Random(7)
    items = [make_article(i, rng) for i in range(n_articles)]
    half = n_articles // 2
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = []
        for i, (pub, head, body) in enumerate(items[:half]):
            path = root / f"a{i:05d}.txt"
            path.write_text(f"date {pub} {head}\n{body}\n")
            files.append(str(path))
        runner, feeds = await serve_feeds(items[half:], per_feed=100)
        db = root / "bench.db"
        async with SqlEventStore(f"sqlite+aiosqlite:///{db}") as store:
            service = BriefingService(store, SystemClock())
            opts = IngestOptions(max_bytes=5_000_000, timeout=30)
            t0 = time.perf_counter()
            tally_f = await ingest_sources(files, service, opts)
            t1 = time.perf_counter()
            tally_r = await ingest_sources(feeds, service, opts)
            t2 = time.perf_counter()
            await runner.cleanup()
            n_f, n_r = tally_f.articles, tally_r.articles
            stories = await store.stories()
            events = sum(len(s.event_ids) for s in stories)
            topics = ["istanbul", "geneva", "doha", "brussels", "medinsky", "kosovo", "iran", "riyadh", None]
            now = dt.datetime(2025, 2, 1, tzinfo=dt.UTC)
            for t in topics:  # warm-up
                await store.story_events(t, now)
            lat = []
            for _ in range(n_queries):
                topic = rng.choice(topics)
                q0 = time.perf_counter()
                await store.story_events(topic, now)
                lat.append((time.perf_counter() - q0) * 1000)
        size = db.stat().st_size + sum(p.stat().st_size for p in root.glob("bench.db-*"))  # noqa: ASYNC240
    lat.sort()
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"files:  {n_f} articles in {t1 - t0:.2f}s = {n_f / (t1 - t0):.0f} articles/s ({len(tally_f.failures)} failed)"
    )
    print(
        f"feeds:  {n_r} articles in {t2 - t1:.2f}s = {n_r / (t2 - t1):.0f} articles/s ({len(tally_r.failures)} failed)"
    )
    print(f"total:  {n_f + n_r} articles in {t2 - t0:.2f}s = {(n_f + n_r) / (t2 - t0):.0f} articles/s (target >= 100)")
    print(f"store:  {len(stories)} stories, {events} events, database {size / 1e6:.1f} MB, peak RSS {rss_mb:.0f} MB")
    print(
        f"query:  story_events p50 {statistics.median(lat):.2f} ms, p99 {p99:.2f} ms over {len(lat)} calls "
        "(target p99 < 10 ms)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--queries", type=int, default=500)
    args = ap.parse_args()
    asyncio.run(run(args.articles, args.queries))


if __name__ == "__main__":
    main()
