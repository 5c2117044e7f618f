"""Failover on PostgreSQL: two instances share the database, the leader is SIGKILLed while reminders fall due.

Each instance is a real process (``python -m tests.reminder_worker``, the reminders' crash-test
worker: leader lease, reminder service and the real scheduler), posting to a fsynced ledger file.
Time runs 60x faster for both (one test minute a real second), anchored to the same wall moment in
every process, so the lease TTL and due times mean the same to all.
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

from briefings.clock import SimulatedClock
from briefings.lease import LeaderLease
from briefings.reminder_service import ReminderService
from briefings.reminders import State, Target
from briefings.store.reminder_tables import ReminderRow
from briefings.store.repository import SqlEventStore
from tests.conftest import ROOT
from tests.reminder_support import read_ledger, report, talks
from tests.reminder_worker import CHANNELS

pytestmark = pytest.mark.slow

SPEED = 60.0  # test seconds per real second
TTL = 120.0  # lease, in test seconds (2 real seconds)
OFFSETS = "10m,2m"  # before each event
T0 = dt.datetime(2025, 5, 16, 6, 0, tzinfo=dt.UTC)
UNTIL = T0 + dt.timedelta(minutes=20)  # the last event starts at T0 + 17 min
PLACES = [
    ("Istanbul", "Turkey", ("Russia", "Ukraine")),
    ("Doha", "Qatar", ("Israel", "Hamas")),
    ("Geneva", "Switzerland", ("United States", "Iran")),
    ("Riyadh", "Saudi Arabia", ("United States", "Russia")),
    ("Cairo", "Egypt", ("Sudan", "Chad")),
    ("Baku", "Azerbaijan", ("Armenia", "Azerbaijan")),
]


def _spawn(instance: str, url: str, ledger: Path, anchor: float, checkable: bool, out: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "tests.reminder_worker", "--db", url, "--ledger", str(ledger)]
    cmd += ["--t0", T0.isoformat(), "--anchor", repr(anchor), "--speed", str(SPEED), "--until", UNTIL.isoformat()]
    cmd += ["--instance", instance, "--offsets", OFFSETS, "--lease", str(TTL), "--ready", str(out)]
    if checkable:
        cmd.append("--checkable")
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=out.with_suffix(".err").open("wb"))


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
    """Six events, reminders 10 and 2 min before each in two channels (24 rows, due over ~15 real seconds).
    Instance A leads; B waits. After A sent three reminders it was SIGKILLed. B took the lease no earlier
    than A's last expiry and within the lease time after it, and sent the rest. Every row ended sent, none
    skipped or lost; the ledger holds each reminder once (checkable publisher) or at most once more for
    rows A had in flight when it died (plain publisher)."""
    anchor = time.time() + 1.0  # T0 a second from now: planning happens before anything is due
    clock = SimulatedClock(T0 + dt.timedelta(seconds=(time.time() - anchor) * SPEED), speed=SPEED)
    ledger = tmp_path / "ledger.jsonl"
    offsets = [dt.timedelta(minutes=int(m.rstrip("m"))) for m in OFFSETS.split(",")]
    rows_expected = len(PLACES) * len(offsets) * len(CHANNELS)
    async with SqlEventStore(pg_url) as store:
        targets = [Target("slack", c) for c in CHANNELS]
        planner = ReminderService(store.engine, store, {}, targets, offsets, clock)
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
        assert len(await planner.reminders()) == rows_expected, "events merged or reminders missing"

        lease = LeaderLease(store.engine, "observer", clock, ttl=TTL)

        async def holder_is(name: str) -> bool:
            info = await lease.info()
            return info is not None and info.holder == name

        a = _spawn("A", pg_url, ledger, anchor, checkable, tmp_path / "a.ready")
        b: subprocess.Popen[bytes] | None = None
        try:
            await _wait_for("A to lead", lambda: holder_is("A"))
            b = _spawn("B", pg_url, ledger, anchor, checkable, tmp_path / "b.ready")
            await _wait_for("B to start", lambda: (tmp_path / "b.ready").exists())
            await _wait_for("A to send three reminders", lambda: len(read_ledger(ledger)) >= 3)
            os.kill(a.pid, signal.SIGKILL)
            a.wait(timeout=10)
            before = await lease.info()
            assert before is not None and before.holder == "A"
            async with store.engine.connect() as conn:
                in_flight = (await conn.execute(select(ReminderRow.id).where(ReminderRow.state == State.SENDING))).all()
            await _wait_for("B to take over", lambda: holder_is("B"))
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

    logs = {n: (tmp_path / f"{n}.err").read_text() for n in ("a", "b")}
    # B took over no earlier than A's lease expired, and within the lease time of A's last renewal
    assert after.acquired_at >= before.expires_at, logs
    assert after.acquired_at - before.expires_at <= dt.timedelta(seconds=TTL), logs
    assert after.term == before.term + 1
    # none lost: every row sent (each event's start was still ahead when B took over)
    assert Counter(r.state for r in final) == {State.SENT: rows_expected}, logs
    posts = read_ledger(ledger)
    whos = Counter(p["who"] for p in posts)
    assert whos["A"] >= 3 and whos["B"] >= 1, whos
    if checkable:
        assert Counter(p["key"] for p in posts) == Counter({f"briefbot-reminder-{r.id}": 1 for r in final})
    else:
        # a crash between the post and its "sent" mark may resend that one reminder, never more
        assert rows_expected <= len(posts) <= rows_expected + len(in_flight)
    per_target = Counter((p["event"], p["channel"]) for p in posts)
    assert set(per_target) == {(r.event_id, r.target.channel) for r in final}
    assert all(len(offsets) <= n <= len(offsets) + len(in_flight) for n in per_target.values()), per_target
