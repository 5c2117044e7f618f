"""The metrics other modules count: ingest, commands, posts and reminders move the right counters."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from briefings import metrics
from briefings.clock import FixedClock
from briefings.commands import CommandContext, build_registry
from briefings.errors import DeliveryError
from briefings.model import Extraction
from briefings.outbox import Outbox, RetryPolicy
from briefings.reminder_service import ReminderService
from briefings.reminders import Target
from briefings.service import BriefingService
from briefings.store.repository import SqlEventStore
from tests.reminder_support import START, Recorder, report, talks
from tests.store.helpers import article

M = dt.timedelta(minutes=1)


@pytest.fixture
async def store(db_url: str) -> AsyncIterator[SqlEventStore]:
    async with SqlEventStore(db_url) as st:
        yield st


async def test_ingest_counts_articles_and_events(store: SqlEventStore) -> None:
    """Ingested one article with one event, then the same article again: new+1, duplicate+1, events+1."""
    clock = FixedClock(START - dt.timedelta(days=1))

    def fake_extract(_: object) -> Extraction:
        return Extraction(START.date(), "talks", (talks(),))

    service = BriefingService(store, clock, extractor=fake_extract)
    new = metrics.sample("briefbot_articles_ingested_total", {"result": "new"})
    dup = metrics.sample("briefbot_articles_ingested_total", {"result": "duplicate"})
    events = metrics.sample("briefbot_events_extracted_total")
    a = article("metrics-1", START.date())
    await service.ingest_article(a)
    await service.ingest_article(a)
    assert metrics.sample("briefbot_articles_ingested_total", {"result": "new"}) == new + 1
    assert metrics.sample("briefbot_articles_ingested_total", {"result": "duplicate"}) == dup + 1
    assert metrics.sample("briefbot_events_extracted_total") == events + 1


async def test_commands_are_timed(store: SqlEventStore) -> None:
    """Dispatched /talks who twice: the latency histogram for 'who' counted two observations."""
    labels = {"command": "who"}
    before = metrics.sample("briefbot_command_latency_seconds_count", labels)
    registry = build_registry()
    ctx = CommandContext(store=store, clock=FixedClock(START))
    await registry.dispatch("who", ctx)
    await registry.dispatch("who", ctx)
    assert metrics.sample("briefbot_command_latency_seconds_count", labels) == before + 2


async def test_outbox_counts_sent_and_failed(store: SqlEventStore) -> None:
    """A briefing to a channel whose first attempt fails: failed+1 then sent+1 for that platform."""
    clock = FixedClock(START - dt.timedelta(days=1))
    pub = Recorder("slack", fail_next=[DeliveryError("busy", retry_after=0)])
    outbox = Outbox(store.engine, clock=clock, store=store, policy=RetryPolicy())
    await outbox.ensure_schema()
    outbox.register(pub, ["C1"])
    labels = {"platform": "slack"}
    sent, failed = (metrics.sample(f"briefbot_posts_{k}_total", labels) for k in ("sent", "failed"))
    await outbox.on_ingested(await report(store, clock.now(), talks()))
    for _ in range(5):
        await outbox.flush()
        if pub.posts:
            break
    assert len(pub.posts) == 1
    assert metrics.sample("briefbot_posts_failed_total", labels) == failed + 1
    assert metrics.sample("briefbot_posts_sent_total", labels) == sent + 1


async def test_reminders_count_sent_and_late(store: SqlEventStore) -> None:
    """Clock jumps to 10 min before the start (as after downtime): one reminder sent, counted sent and late."""
    clock = FixedClock(START - dt.timedelta(hours=3))
    pub = Recorder("slack")
    svc = ReminderService(store.engine, store, {"slack": pub}, [Target("slack", "C1")], (60 * M, 15 * M), clock)
    await svc.on_ingest(await report(store, clock.now(), talks()))
    sent = metrics.sample("briefbot_reminders_sent_total")
    late = metrics.sample("briefbot_reminders_late_total")
    skipped = metrics.sample("briefbot_reminders_skipped_total")
    clock.set(START - 10 * M)
    await svc.send_due()
    assert len(pub.posts) == 1
    assert metrics.sample("briefbot_reminders_sent_total") == sent + 1
    assert metrics.sample("briefbot_reminders_late_total") == late + 1
    assert metrics.sample("briefbot_reminders_skipped_total") == skipped + 1  # the 60 min one, superseded


async def test_leader_gauge_follows_the_lease(store: SqlEventStore) -> None:
    """Started a scheduler with a lease: the leader gauge read 1 once it led, 0 after it stopped and released."""
    from bot.scheduler import ReminderScheduler
    from briefings.clock import SimulatedClock
    from briefings.lease import LeaderLease

    clock = SimulatedClock(START - 3 * dt.timedelta(hours=1), speed=60.0)
    lease = LeaderLease(store.engine, "metrics", clock, ttl=600)
    svc = ReminderService(store.engine, store, {}, [], (60 * M,), clock, instance="metrics", lease=lease)
    sched = ReminderScheduler(svc, clock, lease=lease, speed=60.0, tick_seconds=0.2)
    await sched.start()
    try:
        await sched.wait_leader()
        assert metrics.sample("briefbot_leader") == 1.0
    finally:
        await sched.stop()
    assert metrics.sample("briefbot_leader") == 0.0
