"""Store at scale: 10,000 articles and their events on SQLite and on PostgreSQL.

    .venv/bin/python bench/store.py [--articles 10000] [--queries 500] [--backend sqlite|postgres|both]

Prints, per backend: ingest rate (articles/s through ``SqlEventStore.add_article``, one
transaction each, as the bot does), ``/talks who`` latency p50/p99 at that size (the store's
``story_events`` alone and the whole ``who`` handler: story pick, load, card), and the size of
the database. Target: ``/talks who`` p99 under 10 ms on both.

The corpus is synthetic but shaped like wire copy: 400 stories (distinct pairs of countries
meeting in a city), each reported by ~25 articles over weeks, with moves, new sessions,
participants and expectations; articles of different stories interleave. PostgreSQL is the
machine's server on 127.0.0.1:5432 (a scratch database is created and dropped).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
from sqlalchemy import text  # noqa: E402

from briefings.clock import FixedClock  # noqa: E402
from briefings.commands import CommandContext, build_registry  # noqa: E402
from briefings.model import Article, EventStatus, ExtractedEvent, Extraction, Participant  # noqa: E402
from briefings.store.repository import SqlEventStore  # noqa: E402

COUNTRIES = [
    "Russia", "Ukraine", "Turkey", "United States", "China", "India", "Brazil", "France", "Germany", "Japan",
    "South Korea", "Israel", "Qatar", "Egypt", "Iran", "Saudi Arabia", "United Kingdom", "Italy", "Spain",
    "Poland", "Canada", "Mexico", "Argentina", "South Africa", "Nigeria", "Kenya", "Ethiopia", "Indonesia",
    "Vietnam", "Thailand", "Pakistan", "Australia", "Norway", "Sweden", "Finland", "Greece", "Serbia",
    "Armenia", "Azerbaijan", "Georgia",
]  # fmt: skip
CITIES = [
    ("Istanbul", "Turkey", "Europe/Istanbul"), ("Geneva", "Switzerland", "Europe/Zurich"),
    ("Doha", "Qatar", "Asia/Qatar"), ("Vienna", "Austria", "Europe/Vienna"), ("Oslo", "Norway", "Europe/Oslo"),
    ("Riyadh", "Saudi Arabia", "Asia/Riyadh"), ("Cairo", "Egypt", "Africa/Cairo"), ("Paris", "France", "Europe/Paris"),
    ("Beijing", "China", "Asia/Shanghai"), ("New Delhi", "India", "Asia/Kolkata"), ("Brasilia", "Brazil",
    "America/Sao_Paulo"), ("Washington", "United States", "America/New_York"), ("Tokyo", "Japan", "Asia/Tokyo"),
    ("Nairobi", "Kenya", "Africa/Nairobi"), ("Jakarta", "Indonesia", "Asia/Jakarta"), ("Helsinki", "Finland",
    "Europe/Helsinki"), ("Abu Dhabi", "United Arab Emirates", "Asia/Dubai"), ("Singapore", "Singapore",
    "Asia/Singapore"), ("Baku", "Azerbaijan", "Asia/Baku"), ("Rome", "Italy", "Europe/Rome"),
]  # fmt: skip
FIRST = ["Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Kofi", "Lena"]
LAST = ["Umerov", "Medinsky", "Fidan", "Rubio", "Wang", "Jaishankar", "Vieira", "Barrot", "Wadephul", "Iwaya"]
KINDS = ["talks", "summit", "meeting", "visit", "call"]
ROLES = ["Foreign Minister", "Defence Minister", "President", "Prime Minister", "envoy", "aide"]
START = dt.datetime(2025, 1, 6, 8, 0, tzinfo=dt.UTC)


class Corpus:
    """Deterministic synthetic wire copy: ``n`` articles over ``stories`` stories."""

    def __init__(self, n: int, stories: int = 400, seed: int = 7) -> None:
        rnd = random.Random(seed)  # reproducible fake data
        pairs = [(a, b) for i, a in enumerate(COUNTRIES) for b in COUNTRIES[i + 1 :]]
        rnd.shuffle(pairs)
        self.stories = []
        for s in range(stories):
            a, b = pairs[s]
            city, country, tz = CITIES[s % len(CITIES)]
            people = tuple(
                Participant(f"{rnd.choice(FIRST)} {LAST[(s + k) % len(LAST)]}{s}", rnd.choice(ROLES), side, head=k < 2)
                for k, side in enumerate((a, b, a, b))
            )
            first = START + dt.timedelta(days=rnd.randrange(0, 300), hours=rnd.randrange(0, 10))
            self.stories.append((a, b, city, country, tz, rnd.choice(KINDS), people, first))
        self.n = n
        self.rnd = rnd

    def article(self, i: int) -> tuple[Article, Extraction, dt.datetime]:
        """Article ``i``: story ``i % stories``, its k-th report (the talks may move or get a second session)."""
        s, k = i % len(self.stories), i // len(self.stories)
        a, b, city, country, tz, kind, people, first = self.stories[s]
        published = (first - dt.timedelta(days=10) + dt.timedelta(hours=6 * k)).date()
        start = first + (dt.timedelta(hours=2) if k >= 10 else dt.timedelta(0))  # moved after the 10th report
        status = EventStatus.POSTPONED if k == 10 else EventStatus.SCHEDULED
        events = [
            ExtractedEvent(
                title=f"{a}-{b} {kind}",
                kind=kind,
                status=status,
                date=start.date(),
                start_utc=start if k >= 2 else None,
                timezone=tz,
                venue=f"{city} Palace" if k % 3 else None,
                city=city,
                country=country,
                parties=(a, b),
                participants=people[: 2 + (k % 3)],
                evidence=f"{a} and {b} will meet in {city}",
                new_start_utc=start if k == 10 else None,
            )
        ]
        if k >= 15:  # a second session a week later
            nxt = first + dt.timedelta(days=7)
            events.append(
                ExtractedEvent(
                    title=f"second round of {a}-{b} {kind}",
                    kind=kind,
                    date=nxt.date(),
                    start_utc=nxt,
                    timezone=tz,
                    city=city,
                    country=country,
                    parties=(a, b),
                    participants=people[:2],
                    evidence="a second round next week",
                )
            )
        body = f"{a} and {b} officials will hold {kind} in {city}. Report {i} {uuid.UUID(int=i)}. " * 8
        article = Article(
            text=body,
            source=f"bench-{i}",
            headline=f"{a}, {b} {kind} in {city} ({i})",
            published=published,
            url=f"https://wire.example/{s}/{i}",
            outlet="Bench Wire",
        )
        expectations = (f"{a} expects progress on a ceasefire",) if k % 4 == 0 else ()
        extraction = Extraction(published, article.headline, tuple(events), expectations)
        now = dt.datetime.combine(published, dt.time(12), tzinfo=dt.UTC)
        return article, extraction, now

    def topics(self, count: int) -> list[str | None]:
        """Topics a user might type: a city, a party, a person's surname, or nothing (the latest story)."""
        out: list[str | None] = []
        for q in range(count):
            a, b, city, _, _, _, people, _ = self.stories[self.rnd.randrange(len(self.stories))]
            name = people[0].name or a
            out.append([city.lower(), f"{a} {b}".lower(), name.split()[-1].lower(), None][q % 4])
        return out


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def _time(fn: Callable[[], Awaitable[object]], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        await fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


async def run_backend(
    name: str, url: str, size: Callable[[], Awaitable[int]], n: int, queries: int
) -> dict[str, float]:
    """Ingest ``n`` articles into a fresh database at ``url`` and time the who query."""
    corpus = Corpus(n)
    store = await SqlEventStore(url).open()
    try:
        t0 = time.perf_counter()
        for i in range(n):
            article, extraction, now = corpus.article(i)
            await store.add_article(article, extraction, now)
            if (i + 1) % 2000 == 0:
                print(f"  {name}: {i + 1} articles, {(i + 1) / (time.perf_counter() - t0):.0f}/s", flush=True)
        ingest_s = time.perf_counter() - t0
        events = len(await store.events())
        stories = len(await store.stories())
        now = START + dt.timedelta(days=120)
        registry = build_registry()
        clock = FixedClock(now)
        topics = corpus.topics(queries)
        # warm up caches and connections, as a running bot would be
        for t in topics[:20]:
            await store.story_events(t, now)
        it = iter(topics * 2)

        async def story_events() -> object:
            return await store.story_events(next(it), now)

        store_ms = await _time(story_events, queries)
        it2 = iter(topics)

        async def who() -> object:
            t = next(it2)
            ctx = CommandContext(store=store, clock=clock, args=tuple(t.split()) if t else (), platform="bench")
            return await registry.dispatch("who", ctx)

        who_ms = await _time(who, queries)
        db_bytes = await size()
    finally:
        await store.close()
    return {
        "articles": n,
        "stories": stories,
        "events": events,
        "ingest_per_s": n / ingest_s,
        "store_p50": statistics.median(store_ms),
        "store_p99": _pct(store_ms, 99),
        "who_p50": statistics.median(who_ms),
        "who_p99": _pct(who_ms, 99),
        "db_mb": db_bytes / 1e6,
    }


def _dir_bytes(path: str) -> int:
    return sum(p.stat().st_size for p in Path(path).iterdir())


async def sqlite(n: int, queries: int) -> dict[str, float]:
    """The benchmark on a SQLite file in a temporary directory."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"

        async def size() -> int:
            store = await SqlEventStore(f"sqlite+aiosqlite:///{path}").open()
            try:
                async with store.engine.connect() as conn:
                    await conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            finally:
                await store.close()
            return _dir_bytes(tmp)

        return await run_backend("sqlite", f"sqlite+aiosqlite:///{path}", size, n, queries)


async def postgres(n: int, queries: int) -> dict[str, float]:
    """The benchmark on a scratch database on the local PostgreSQL server."""
    user = os.environ.get("BENCH_PG_USER", "postgres")
    name = f"briefbot_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(host="127.0.0.1", port=5432, user=user, database="postgres")
    await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    try:

        async def size() -> int:
            return int(await admin.fetchval("SELECT pg_database_size($1)", name))

        return await run_backend("postgres", f"postgresql+asyncpg://{user}@127.0.0.1:5432/{name}", size, n, queries)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def main() -> int:
    """Run the benchmark and print one table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    args = ap.parse_args()
    rows = {}
    if args.backend in ("sqlite", "both"):
        rows["sqlite"] = asyncio.run(sqlite(args.articles, args.queries))
        print("  sqlite:", {k: round(v, 2) for k, v in rows["sqlite"].items()}, flush=True)
    if args.backend in ("postgres", "both"):
        rows["postgres"] = asyncio.run(postgres(args.articles, args.queries))
    print()
    print(f"{'backend':10} {'articles':>8} {'stories':>7} {'events':>6} {'ingest/s':>9} "
          f"{'store p50':>9} {'store p99':>9} {'who p50':>8} {'who p99':>8} {'db MB':>7}")  # fmt: skip
    ok = True
    for name, r in rows.items():
        print(
            f"{name:10} {r['articles']:8.0f} {r['stories']:7.0f} {r['events']:6.0f} {r['ingest_per_s']:9.0f} "
            f"{r['store_p50']:7.2f}ms {r['store_p99']:7.2f}ms {r['who_p50']:6.2f}ms {r['who_p99']:6.2f}ms "
            f"{r['db_mb']:7.1f}"
        )
        ok = ok and r["who_p99"] < 10.0
    print(f"\n/talks who p99 < 10 ms on every backend: {'yes' if ok else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
