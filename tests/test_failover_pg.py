"""Failover on PostgreSQL: two instances share the database, the leader is SIGKILLed while reminders fall due.

Each instance is a real process (``tests/failover_worker.py``): leader lease + reminder service,
posting to a fsynced ledger file. Time runs 60x faster for both (one test minute a real second),
with the same mapping in every process, so the lease TTL and due times mean the same to all.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from briefings.lease import LeaderLease
from briefings.reminder_service import ReminderService
from briefings.reminders import State, Target
from briefings.store.reminder_tables import ReminderRow
from briefings.store.repository import SqlEventStore
from tests.conftest import ROOT
from tests.failover_worker import SharedClock
from tests.reminder_support import read_ledger, report, talks

pytestmark = pytest.mark.slow

SPEED = 60.0  # test seconds per real second
TTL = 120.0  # lease, in test seconds (2 real seconds)
OFFSETS = "10,2"  # minutes before each event
T0 = dt.datetime(2025, 5, 16, 6, 0, tzinfo=dt.UTC)
PLACES = [
    ("Istanbul", "Turkey", ("Russia", "Ukraine")),
    ("Doha", "Qatar", ("Israel", "Hamas")),
    ("Geneva", "Switzerland", ("United States", "Iran")),
    ("Riyadh", "Saudi Arabia", ("United States", "Russia")),
    ("Cairo", "Egypt", ("Sudan", "Chad")),
    ("Baku", "Azerbaijan", ("Armenia", "Azerbaijan")),
]


def _spawn(args: list[str], out: Path) -> subprocess.Popen[bytes]:
    with out.open("wb") as fh:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.failover_worker", *args], cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT
        )


async def _wait_for(what: str, check: object, timeout: float = 30.0) -> None:
    """Poll ``check()`` until it is true; fail naming ``what`` after ``timeout`` real seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()  # type: ignore[operator]
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        await asyncio.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


@pytest.mark.parametrize("checkable", [True, False], ids=["checkable-exactly-once", "plain-at-most-once-more"])
async def test_leader_killed_while_reminders_fall_due(pg_url: str, tmp_path: Path, checkable: bool) -> None:
    """Six events, reminders 10 and 2 min before each (12 rows, due over ~15 real seconds). Instance A leads;
    B waits. After A sent three reminders it was SIGKILLed. B took the lease no earlier than A's last expiry
    and within the lease time after it, and sent the rest. Every row ended sent, none skipped or lost; the
    ledger holds each reminder once (with a checkable publisher) or at most once more for rows A had in
    flight when it died (with a plain one)."""
    wall0 = time.time() + 1.0  # T0 a second from now: planning happens before anything is due
    clock = SharedClock(T0, wall0, SPEED)
    ledger = tmp_path / "ledger.jsonl"
    offsets = [dt.timedelta(minutes=int(m)) for m in OFFSETS.split(",")]
    async with SqlEventStore(pg_url) as store:
        planner = ReminderService(store.engine, store, {}, [Target("slack", "C1")], offsets, clock)
        for i, (city, country, parties) in enumerate(PLACES):
            start = T0 + dt.timedelta(minutes=12 + i)
            event = talks(
                title=f"{' - '.join(parties)} talks",
                start_utc=start,
                date=start.date(),
                city=city,
                country=country,
                venue=None,
                parties=parties,
                participants=(),
            )
            await planner.on_ingest(await report(store, T0 - dt.timedelta(hours=1), event))
        rows = await planner.reminders()
        assert len(rows) == 2 * len(PLACES), "each event should have two planned reminders"

        common = [pg_url, str(ledger)]
        timing = [T0.isoformat(), repr(wall0), str(SPEED), str(TTL), "1" if checkable else "0", OFFSETS]
        a = _spawn([*common, "A", *timing], tmp_path / "a.log")
        b: subprocess.Popen[bytes] | None = None
        try:
            await _wait_for("A to lead", lambda: "leader A" in (tmp_path / "a.log").read_text())
            b = _spawn([*common, "B", *timing], tmp_path / "b.log")
            await _wait_for("B to start", lambda: "ready B" in (tmp_path / "b.log").read_text())
            await _wait_for("A to send three reminders", lambda: len(read_ledger(ledger)) >= 3)
            os.kill(a.pid, signal.SIGKILL)
            a.wait(timeout=10)
            killed_at = clock.now()
            lease = LeaderLease(store.engine, "observer", clock, ttl=TTL)
            before = await lease.info()
            assert before is not None and before.holder == "A"
            async with store.engine.connect() as conn:
                in_flight = (await conn.execute(select(ReminderRow.id).where(ReminderRow.state == State.SENDING))).all()

            async def b_leads() -> bool:
                info = await lease.info()
                return info is not None and info.holder == "B"

            await _wait_for("B to take over", b_leads)
            after = await lease.info()
            assert after is not None

            async def all_done() -> bool:
                states = {r.state for r in await planner.reminders()}
                return states <= {State.SENT, State.SKIPPED, State.CANCELLED}

            await _wait_for("every reminder to be settled", all_done, timeout=60)
        finally:
            for proc in (a, b):
                if proc is not None and proc.poll() is None:
                    proc.kill()
                    proc.wait(timeout=10)
        final = await planner.reminders()

    logs = {n: (tmp_path / f"{n}.log").read_text() for n in ("a", "b")}
    # B took over no earlier than A's lease expired, and within the lease time of A's last renewal
    assert after.acquired_at >= before.expires_at, logs
    assert after.acquired_at - before.expires_at <= dt.timedelta(seconds=TTL), logs
    assert before.expires_at - killed_at <= dt.timedelta(seconds=TTL)
    assert after.term == before.term + 1
    # none lost: every row sent (each event's start was still ahead when B took over)
    assert Counter(r.state for r in final) == {State.SENT: 2 * len(PLACES)}, logs
    posts = read_ledger(ledger)
    whos = Counter(p["who"] for p in posts)
    assert whos["A"] >= 3 and whos["B"] >= 1, whos
    if checkable:
        assert Counter(p["key"] for p in posts) == Counter({f"briefbot-reminder-{r.id}": 1 for r in final})
    else:
        # a crash between the post and its "sent" mark may resend that one reminder, never more
        assert 2 * len(PLACES) <= len(posts) <= 2 * len(PLACES) + len(in_flight)
    per_event = Counter(p["event"] for p in posts)
    assert set(per_event) == {r.event_id for r in final}
    assert all(2 <= n <= 2 + len(in_flight) for n in per_event.values()), per_event
