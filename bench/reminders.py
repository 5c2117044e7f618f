"""Reminder delivery benchmark: 1,000 events x 2 offsets x 3 channels falling due within one minute.

    .venv/bin/python bench/reminders.py [--events 1000] [--window 60]

Events go into a real SQLite store (a temporary file); the real reminder service, lease and
APScheduler timer run on the real clock and post to a recording publisher that notes the wall
time of each post. Prints lateness against the due time (p50/p99/max), reminders per second,
peak RSS, and whether any reminder was missed or doubled. Targets: p99 < 1 s, max < 2 s, none
missed or doubled.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bot.scheduler import ReminderScheduler
from briefings.cards import Card
from briefings.clock import SystemClock
from briefings.lease import LeaderLease
from briefings.model import Article, ExtractedEvent, Extraction
from briefings.reminder_service import ReminderService
from briefings.reminders import Target
from briefings.store.repository import SqlEventStore

CHANNELS = ("C1", "C2", "C3")
OFFSETS = (dt.timedelta(minutes=60), dt.timedelta(minutes=59, seconds=30))


class Recording:
    """A publisher that only remembers what it posted and when (wall time)."""

    platform = "slack"

    def __init__(self) -> None:
        self.posts: list[tuple[str, int | None, float]] = []

    async def post(self, channel: str, card: Card) -> str:
        self.posts.append((channel, card.event_id, time.time()))
        return str(len(self.posts))

    async def edit(self, channel: str, ref: str, card: Card) -> None:
        raise NotImplementedError

    async def reply(self, channel: str, ref: str, card: Card) -> str:
        raise NotImplementedError


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


async def main(n: int, window: float) -> int:
    clock = SystemClock()
    with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        async with SqlEventStore(url) as store:
            t_seed = time.perf_counter()
            # seeding (~0.1 s an event on SQLite) and planning happen before the window opens
            base = clock.now() + dt.timedelta(seconds=30 + 0.12 * n)
            half = window / 2
            for i in range(n):
                # the 60m reminders fall in the window's first half, the 59m30s ones in its second
                start = base + OFFSETS[0] + dt.timedelta(seconds=half * i / n)
                ev = ExtractedEvent(
                    title=f"Session {i}",
                    kind="talks",
                    date=start.date(),
                    start_utc=start,
                    city=f"City {i}",
                    parties=(f"Country {i}", f"Country {i + n}"),
                    evidence="bench",
                )
                art = Article(f"bench article {i}", f"bench-{i}", published=start.date())
                await store.add_article(art, Extraction(start.date(), None, (ev,)), clock.now())
            seeded = time.perf_counter() - t_seed
            pub = Recording()
            lease = LeaderLease(store.engine, "bench", clock, ttl=30)
            svc = ReminderService(
                store.engine, store, {"slack": pub}, [Target("slack", c) for c in CHANNELS], OFFSETS, clock, lease=lease
            )
            t_plan = time.perf_counter()
            await svc.replan_all()
            planned = time.perf_counter() - t_plan
            rows = await svc.reminders()
            due = {(r.target.channel, r.event_id, r.offset): r.due.timestamp() for r in rows}
            first_due, last_due = min(due.values()), max(due.values())
            print(f"seeded {n} events in {seeded:.1f} s, planned {len(rows)} reminders in {planned:.1f} s")
            print(f"due from {first_due - time.time():.1f} s to {last_due - time.time():.1f} s from now")
            if first_due < time.time():
                print("seeding took longer than the lead time; rerun with fewer events", file=sys.stderr)
                return 1
            sched = ReminderScheduler(svc, clock, lease=lease, tick_seconds=5)
            await sched.start()
            try:
                while len(pub.posts) < len(due) and time.time() < last_due + 30:  # noqa: ASYNC110 - polling a counter
                    await asyncio.sleep(0.2)
                await asyncio.sleep(1.0)  # anything doubled would show up now
            finally:
                await sched.stop()
            sent = await svc.reminders()
    # match posts to rows: per (channel, event), posts in order are the 60m then the 59m30s reminder
    per: dict[tuple[str, int | None], list[float]] = {}
    for ch, eid, at in pub.posts:
        per.setdefault((ch, eid), []).append(at)
    lateness: list[float] = []
    for (ch, eid), times in per.items():
        for offset, at in zip(OFFSETS, sorted(times), strict=False):
            lateness.append(at - due[(ch, eid, offset)])  # type: ignore[index]
    counts = Counter((ch, eid) for ch, eid, _ in pub.posts)
    doubled = sum(c - 2 for c in counts.values() if c > 2)
    missed = len(due) - len(pub.posts) + doubled
    span = max(t for *_, t in pub.posts) - min(t for *_, t in pub.posts)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reminders due: {len(due)}, posted: {len(pub.posts)}, missed: {missed}, doubled: {doubled}")
    print(f"ledger states: {dict(Counter(r.state.value for r in sent))}")
    print(
        f"lateness vs due time: p50 {pct(lateness, 50) * 1000:.0f} ms, p99 {pct(lateness, 99) * 1000:.0f} ms, "
        f"max {max(lateness) * 1000:.0f} ms"
    )
    print(f"throughput: {len(pub.posts) / span:.0f} reminders/s over the {span:.1f} s they fell due in")
    print(f"peak RSS: {rss_mb:.0f} MB")
    ok = pct(lateness, 99) < 1.0 and max(lateness) < 2.0 and missed == 0 and doubled == 0
    print("targets (p99 < 1 s, max < 2 s, none missed or doubled):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1000)
    ap.add_argument("--window", type=float, default=60.0, help="seconds the reminders fall due within")
    a = ap.parse_args()
    sys.exit(asyncio.run(main(a.events, a.window)))
