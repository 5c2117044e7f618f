"""The reminder timer with a real AsyncIOScheduler on a fast simulated clock, over a real SQLite store."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from collections.abc import AsyncIterator

import pytest

from bot.scheduler import ReminderScheduler
from briefings.clock import SimulatedClock
from briefings.lease import LeaderLease
from briefings.reminder_service import ReminderService
from briefings.reminders import State, Target
from briefings.store.repository import SqlEventStore
from tests.reminder_support import START, Recorder, moved, report, talks

M = dt.timedelta(minutes=1)
SPEED = 2400.0  # 40 simulated minutes per real second
SLACK = Target("slack", "C1")


@pytest.fixture
async def store(db_url: str) -> AsyncIterator[SqlEventStore]:
    async with SqlEventStore(db_url) as st:
        yield st


async def wait_for(cond, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    """Poll until ``cond()`` holds (a generous cap, not a speed assertion)."""
    async with asyncio.timeout(timeout):
        while not cond():
            await asyncio.sleep(0.01)


def service(store: SqlEventStore, clock: SimulatedClock, pub: Recorder, name: str, lease: bool) -> ReminderService:
    ls = LeaderLease(store.engine, name, clock, ttl=600) if lease else None
    return ReminderService(
        store.engine, store, {"slack": pub}, [SLACK], (60 * M, 15 * M), clock, instance=name, lease=ls
    )


async def test_scheduler_wakes_at_due_times_and_follows_a_move(store: SqlEventStore) -> None:
    """Timer armed from the ledger: both reminders arrive, then a move re-arms it for the new time's reminders."""
    clock = SimulatedClock(START - 62 * M, speed=SPEED)
    pub = Recorder()
    svc = service(store, clock, pub, "a", lease=False)
    await svc.on_ingest(await report(store, clock.now(), talks()))
    async with ReminderScheduler(svc, clock, speed=SPEED, tick_seconds=3600) as sched:
        await wait_for(lambda: len(pub.posts) == 2)
        assert [r.offset for r in await svc.reminders(states=[State.SENT])] == [60 * M, 15 * M]
        new_start = clock.now() + 70 * M
        await svc.on_ingest(await moved(store, clock.now(), new_start))
        await wait_for(lambda: len(pub.posts) == 5)
        assert sched.running
    titles = [c.title for _, c in pub.posts]
    assert titles[2].startswith("Rescheduled") and all(t.startswith("Reminder") for t in titles[3:])
    rows = await svc.reminders(states=[State.SENT])
    assert [(r.start, r.offset) for r in rows if r.kind == "reminder"][2:] == [(new_start, 60 * M), (new_start, 15 * M)]
    assert all(r.sent_at is not None and r.sent_at >= r.due for r in rows)


async def test_two_schedulers_one_database_post_each_reminder_once(store: SqlEventStore) -> None:
    """Two instances with leases on one database, three events: each reminder posted once; a takeover continues."""
    clock_a = SimulatedClock(START - 62 * M, speed=SPEED)
    clock_b = SimulatedClock(START - 62 * M, speed=SPEED)
    pa, pb = Recorder(), Recorder()
    a = service(store, clock_a, pa, "a", lease=True)
    b = service(store, clock_b, pb, "b", lease=True)
    sessions = [("Turkey", "United States", "Ukraine"), ("Russia", "Ukraine", "Turkey"), ("Armenia", "Azerbaijan")]
    for i, parties in enumerate(sessions):
        event = talks(title=f"Session {i}", start_utc=START + 10 * i * M, parties=parties, participants=())
        await a.on_ingest(await report(store, clock_a.now(), event))
    assert len(await store.events()) == 3
    sa = ReminderScheduler(a, clock_a, lease=a.lease, speed=SPEED, tick_seconds=0.2)
    sb = ReminderScheduler(b, clock_b, lease=b.lease, speed=SPEED, tick_seconds=0.2)
    await sa.start()
    await sb.start()
    try:
        await wait_for(lambda: len(pa.posts) + len(pb.posts) >= 2)
        # the leader stops without releasing its lease (as if it hung); the other takes over when it expires
        leader, standby = (sa, sb) if sa.leader else (sb, sa)
        assert not standby.leader
        assert leader._sched is not None
        await leader.stop(release=False)
        await standby.wait_leader()
        await wait_for(lambda: len(pa.posts) + len(pb.posts) == 6)
    finally:
        await sa.stop()
        await sb.stop()
    rows = await a.reminders()
    assert len(rows) == 6 and {r.state for r in rows} == {State.SENT}
    assert Counter(c.event_id for _, c in pa.posts + pb.posts) == Counter({r.event_id: 2 for r in rows})
    assert pa.posts and pb.posts
