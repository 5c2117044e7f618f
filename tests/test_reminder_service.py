"""The reminder service on a real SQLite file with an injected clock and a recording publisher."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import update

from briefings.cards import Card, CardKind
from briefings.clock import FixedClock
from briefings.errors import DeliveryError
from briefings.lease import LeaderLease
from briefings.reminder_service import ReminderService
from briefings.reminders import Kind, State, Target
from briefings.store.reminder_tables import ReminderRow
from briefings.store.repository import SqlEventStore
from tests.reminder_support import START, LedgerPublisher, Recorder, cancelled, moved, read_ledger, report, talks

M = dt.timedelta(minutes=1)
SLACK = Target("slack", "C1")
DISCORD = Target("discord", "42")
OFFSETS = (60 * M, 15 * M)


@pytest.fixture
async def store(db_url: str) -> AsyncIterator[SqlEventStore]:
    async with SqlEventStore(db_url) as st:
        yield st


def make(store: SqlEventStore, clock: FixedClock, *pubs: Recorder, **kw: object) -> ReminderService:
    publishers = {p.platform: p for p in pubs}
    targets = [t for t in (SLACK, DISCORD) if t.platform in publishers]
    return ReminderService(store.engine, store, publishers, targets, OFFSETS, clock, **kw)  # type: ignore[arg-type]


async def run_until(service: ReminderService, clock: FixedClock, until: dt.datetime, step: dt.timedelta = M) -> None:
    """Walk the clock forward minute by minute, sending what falls due."""
    while clock.now() < until:
        clock.advance(step)
        await service.send_due()


def keys(pub: Recorder) -> Counter[tuple[str, int | None, str]]:
    return Counter((ch, c.event_id, c.title.split(" — ")[-1]) for ch, c in pub.posts)


async def test_each_reminder_fires_once(store: SqlEventStore) -> None:
    """Two channels, 60m and 15m, clock walked past the start with repeated sends: four posts, each once, on time."""
    clock = FixedClock(START - 3 * dt.timedelta(hours=1))
    slack, discord = Recorder("slack"), Recorder("discord")
    svc = make(store, clock, slack, discord)
    await svc.on_ingest(await report(store, clock.now(), talks()))
    await svc.on_ingest(await report(store, clock.now(), talks()))  # a second source changes nothing
    await run_until(svc, clock, START + 10 * M)
    await svc.send_due()
    for pub in (slack, discord):
        assert [c.title.split(" — ")[-1] for _, c in pub.posts] == ["in 1 h", "in 15 min"]
        assert all(c.kind is CardKind.REMINDER for _, c in pub.posts)
    rows = await svc.reminders()
    assert len(rows) == 4 and all(r.state is State.SENT and r.attempts == 1 for r in rows)
    assert all(r.sent_at is not None and r.sent_at - r.due < 2 * M for r in rows)


async def test_time_change_moves_reminders_and_posts_one_notice(store: SqlEventStore) -> None:
    """Moved 09:30 -> 11:30 after the 60m reminder: old 15m cancelled, one Rescheduled notice, new 60m and 15m sent."""
    clock = FixedClock(START - 2 * dt.timedelta(hours=1))
    pub = Recorder()
    svc = make(store, clock, pub)
    await svc.on_ingest(await report(store, clock.now(), talks()))
    await run_until(svc, clock, START - 40 * M)
    assert [c.title.split(" — ")[-1] for _, c in pub.posts] == ["in 1 h"]
    new_start = START + 2 * dt.timedelta(hours=1)
    result = await moved(store, clock.now(), new_start)
    await svc.on_ingest(result)
    await svc.on_ingest(result)  # told twice: still one notice
    await run_until(svc, clock, new_start + 5 * M)
    titles = [c.title for _, c in pub.posts]
    assert [t for t in titles if t.startswith("Rescheduled")] == ["Rescheduled: Russia-Ukraine peace talks"]
    assert [t.split(" — ")[-1] for t in titles if t.startswith("Reminder")] == ["in 1 h", "in 1 h", "in 15 min"]
    notice = next(c for _, c in pub.posts if c.kind is CardKind.UPDATE)
    assert "09:30 UTC" in notice.plain_text() and "11:30 UTC" in notice.plain_text()
    rows = await svc.reminders(event_id=result.changed[0][0].id)
    old = [r for r in rows if r.kind is Kind.REMINDER and r.start == START]
    assert sorted(r.state for r in old) == [State.CANCELLED, State.SENT]
    new = [r for r in rows if r.kind is Kind.REMINDER and r.start == new_start]
    assert [r.state for r in new] == [State.SENT, State.SENT]


async def test_cancellation_cancels_reminders_and_posts_a_notice(store: SqlEventStore) -> None:
    """Cancelled two hours ahead: both reminders cancelled, one Cancelled notice, nothing else ever posted."""
    clock = FixedClock(START - 2 * dt.timedelta(hours=1))
    pub = Recorder()
    svc = make(store, clock, pub)
    await svc.on_ingest(await report(store, clock.now(), talks()))
    await svc.on_ingest(await cancelled(store, clock.now() + M))
    await run_until(svc, clock, START + 10 * M)
    assert [c.title for _, c in pub.posts] == ["Cancelled: Russia-Ukraine peace talks"]
    states = Counter(r.state for r in await svc.reminders() if r.kind is Kind.REMINDER)
    assert states == Counter({State.CANCELLED: 2})


async def test_due_while_down_sent_late_before_start(store: SqlEventStore) -> None:
    """Down from 08:00 to 09:25: the 60m reminder is superseded, the 15m one goes out late, 'in 5 min'."""
    clock = FixedClock(START - 2 * dt.timedelta(hours=1))
    pub = Recorder()
    svc = make(store, clock, pub)
    await svc.on_ingest(await report(store, clock.now(), talks()))
    await svc.send_due()
    clock.set(START - 5 * M)  # the process was down meanwhile; a new one starts
    svc2 = make(store, clock, pub)
    await svc2.recover()
    await svc2.replan_all()
    report_ = await svc2.send_due()
    assert [c.title.split(" — ")[-1] for _, c in pub.posts] == ["in 5 min"]
    assert report_.skipped == 1 and report_.late == 1
    skipped = [r for r in await svc2.reminders() if r.state is State.SKIPPED]
    assert [r.offset for r in skipped] == [60 * M]


async def test_due_while_down_skipped_after_start(store: SqlEventStore) -> None:
    """Down until after the start: nothing is sent, both reminders are recorded as skipped."""
    clock = FixedClock(START - 2 * dt.timedelta(hours=1))
    pub = Recorder()
    svc = make(store, clock, pub)
    await svc.on_ingest(await report(store, clock.now(), talks()))
    clock.set(START + M)
    svc2 = make(store, clock, pub)
    await svc2.replan_all()
    await svc2.send_due()
    assert pub.posts == []
    assert {r.state for r in await svc2.reminders()} == {State.SKIPPED}


async def test_stale_row_is_replanned_not_sent(store: SqlEventStore) -> None:
    """The event moved while no listener ran: the due old-time reminder is cancelled at send time, not posted."""
    clock = FixedClock(START - 2 * dt.timedelta(hours=1))
    pub = Recorder()
    svc = make(store, clock, pub)
    await svc.on_ingest(await report(store, clock.now(), talks()))
    await moved(store, clock.now(), START + 3 * dt.timedelta(hours=1))  # nobody told the service
    clock.set(START - 59 * M)
    await svc.send_due()
    assert [c.title.split(":")[0] for _, c in pub.posts] == ["Rescheduled"]


async def test_crash_inside_send_is_resent_once(store: SqlEventStore, tmp_path: Path) -> None:
    """A row left in sending by a dead process: resent once; left there again after the resend, not sent again."""
    clock = FixedClock(START - 2 * dt.timedelta(hours=1))
    pub = Recorder()
    svc = make(store, clock, pub)
    await svc.on_ingest(await report(store, clock.now(), talks(), expectations=("low",)))
    async with store.engine.begin() as conn:  # what a SIGKILL between claim and mark leaves behind
        await conn.execute(
            update(ReminderRow)
            .where(ReminderRow.offset_s == 3600)
            .values(state="sending", attempts=1, claimed_by="dead#1", claimed_at=clock.now())
        )
    clock.set(START - 60 * M)
    svc2 = make(store, clock, pub)
    assert await svc2.recover() == 1
    await svc2.send_due()
    assert len(pub.posts) == 1
    row = next(r for r in await svc2.reminders() if r.offset == 60 * M)
    assert (row.state, row.recoveries, row.attempts) == (State.SENT, 1, 2)
    async with store.engine.begin() as conn:
        await conn.execute(update(ReminderRow).where(ReminderRow.id == row.id).values(state="sending"))
    svc3 = make(store, clock, pub)
    assert await svc3.recover() == 1
    await svc3.send_due()
    assert len(pub.posts) == 1
    assert next(r for r in await svc3.reminders() if r.id == row.id).state is State.SENT


async def test_crash_recovery_checks_the_platform(store: SqlEventStore, tmp_path: Path) -> None:
    """With a publisher that can look posts up: a post that went out is confirmed, one that did not is sent."""
    clock = FixedClock(START - 2 * dt.timedelta(hours=1))
    ledger = tmp_path / "ledger.jsonl"
    pub = LedgerPublisher(ledger, checkable=True)
    svc = ReminderService(store.engine, store, {"slack": pub}, [SLACK], OFFSETS, clock)
    await svc.on_ingest(await report(store, clock.now(), talks()))
    rows = await svc.reminders()
    # the first reminder reached the platform before the crash; the second did not
    await pub.post_keyed("C1", Card("Reminder", event_id=rows[0].event_id), f"briefbot-reminder-{rows[0].id}")
    async with store.engine.begin() as conn:
        await conn.execute(
            update(ReminderRow).values(state="sending", attempts=1, claimed_by="dead#1", claimed_at=clock.now())
        )
    clock.set(START - 14 * M)
    svc2 = ReminderService(store.engine, store, {"slack": pub}, [SLACK], OFFSETS, clock)
    assert await svc2.recover() == 2
    await svc2.send_due()
    lines = read_ledger(ledger)
    assert len(lines) == 2 and len({line["key"] for line in lines}) == 2
    assert {r.state for r in await svc2.reminders()} == {State.SENT}


async def test_transient_failure_is_retried_permanent_is_skipped(store: SqlEventStore) -> None:
    """A 429 puts the reminder back with retry_after and it goes out next pass; a permanent error skips it."""
    clock = FixedClock(START - 61 * M)
    pub = Recorder()
    pub.fail_next = [DeliveryError("rate limited", retry_after=30)]
    svc = make(store, clock, pub)
    await svc.on_ingest(await report(store, clock.now(), talks()))
    clock.advance(M)
    first = await svc.send_due()
    assert first.failed == 1 and pub.posts == []
    clock.advance(dt.timedelta(seconds=31))
    await svc.send_due()
    assert len(pub.posts) == 1
    pub.fail_next = [DeliveryError("not in channel", permanent=True)]
    clock.set(START - 15 * M)
    await svc.send_due()
    assert len(pub.posts) == 1
    assert Counter(r.state for r in await svc.reminders()) == Counter({State.SENT: 1, State.SKIPPED: 1})


async def test_lease_gates_claims(store: SqlEventStore) -> None:
    """Two services share the database; only the lease holder's claims succeed, each reminder posted once."""
    clock = FixedClock(START - 2 * dt.timedelta(hours=1))
    pa, pb = Recorder(), Recorder()
    la = LeaderLease(store.engine, "a", clock, ttl=30)
    lb = LeaderLease(store.engine, "b", clock, ttl=30)
    a = make(store, clock, pa, lease=la, instance="a")
    b = make(store, clock, pb, lease=lb, instance="b")
    await a.on_ingest(await report(store, clock.now(), talks()))
    assert await la.acquire() and not await lb.acquire()
    clock.set(START - 60 * M)
    assert await la.renew() and not await lb.acquire()
    await b.send_due()
    await a.send_due()
    assert (len(pa.posts), len(pb.posts)) == (1, 0)
    # a dies (stops renewing); b takes over once the lease expires
    clock.set(START - 15 * M)
    assert not la.held
    assert await lb.acquire()
    await a.send_due()
    await b.send_due()
    assert (len(pa.posts), len(pb.posts)) == (1, 1)


async def test_channel_offsets_and_upcoming(store: SqlEventStore) -> None:
    """A channel set to 30m,5m: its upcoming list shows the new offsets; the other channel keeps 60m,15m."""
    clock = FixedClock(START - 2 * dt.timedelta(hours=1))
    slack, discord = Recorder("slack"), Recorder("discord")
    svc = make(store, clock, slack, discord)
    await svc.on_ingest(await report(store, clock.now(), talks()))
    await svc.set_channel_offsets(SLACK, (30 * M, 5 * M), by="admin")
    assert [r.offset for r in await svc.upcoming(SLACK)] == [30 * M, 5 * M]
    assert [r.offset for r in await svc.upcoming(DISCORD)] == [60 * M, 15 * M]
    assert await svc.channel_offsets(SLACK) == (30 * M, 5 * M)
    await svc.set_channel_offsets(SLACK, None)
    assert [r.offset for r in await svc.upcoming(SLACK)] == [60 * M, 15 * M]


async def test_reminder_commands(store: SqlEventStore) -> None:
    """/talks reminders lists this channel's next reminders; /talks remind is admin-only and re-plans the channel."""
    from briefings.commands import build_registry
    from briefings.commands_reminders import register_reminder_commands

    clock = FixedClock(START - 2 * dt.timedelta(hours=1))
    svc = make(store, clock, Recorder("slack"))
    await svc.on_ingest(await report(store, clock.now(), talks()))
    reg = build_registry()
    register_reminder_commands(reg, svc)
    ask = {"store": store, "clock": clock, "channel": "C1", "platform": "slack"}
    listing = (await reg.run_text("/talks reminders", **ask)).plain_text()  # type: ignore[arg-type]
    assert "08:30 UTC" in listing and "09:15 UTC" in listing and "60m,15m" in listing
    refused = await reg.run_text("/talks remind 30m,5m", **ask)  # type: ignore[arg-type]
    assert refused.kind is CardKind.ERROR and await svc.channel_offsets(SLACK) == OFFSETS
    done = await reg.run_text("/talks remind 30m,5m", is_admin=True, **ask)  # type: ignore[arg-type]
    assert "30m,5m" in done.plain_text()
    listing = (await reg.run_text("/talks reminders", **ask)).plain_text()  # type: ignore[arg-type]
    assert "09:00 UTC" in listing and "09:25 UTC" in listing and "08:30 UTC" not in listing
    bad = await reg.run_text("/talks remind soon", is_admin=True, **ask)  # type: ignore[arg-type]
    assert bad.kind is CardKind.ERROR
