"""Real processes killed with SIGKILL while reminders fall due: after restarts, none lost, none doubled
beyond the documented rule; and two processes on one database post each reminder once.

Each scenario seeds events into a SQLite file, then runs ``python -m tests.reminder_worker`` (the real
service, lease and APScheduler timer) on a simulated clock anchored to wall time, so restarts resume
the same morning. A seeded RNG picks when to SIGKILL it; it is restarted until it exits by itself.
The ledger file (one fsynced line per post) is the ground truth.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from briefings.reminders import State
from briefings.store.db import make_engine
from briefings.store.repository import SqlEventStore
from tests.conftest import ROOT
from tests.reminder_support import read_ledger, report, talks

pytestmark = pytest.mark.slow

M = dt.timedelta(minutes=1)
SPEED = 400.0  # simulated seconds per real second: a restart (~1.5 s) costs ~10 simulated minutes
OFFSETS = "60m,30m"  # 30m: longer than any downtime, so no reminder falls due *and* expires while down
CHANNELS = ("C1", "C2")
T0 = dt.datetime(2025, 5, 16, 6, 0, tzinfo=dt.UTC)
STARTUP = 10.0  # wall seconds the two-process test leaves the workers to start before its morning begins
COUNTRIES = ["Russia", "Ukraine", "Turkey", "United States", "France", "Germany", "Poland", "Armenia"]
COUNTRIES += ["Azerbaijan", "Serbia", "Kosovo", "Israel", "Egypt", "Qatar", "Iran", "China"]


async def seed(db_url: str, n: int, gap: dt.timedelta) -> list[tuple[int, dt.datetime]]:
    """``n`` distinct events starting 62 minutes after T0 and every ``gap`` after that."""
    async with SqlEventStore(db_url) as store:
        for i in range(n):
            a, b = COUNTRIES[i % 16], COUNTRIES[(i + 5) % 16]
            ev = talks(
                title=f"Session {i}: {a}-{b}",
                start_utc=T0 + 62 * M + i * gap,
                parties=(a, b),
                participants=(),
                city=f"City {i}",
                venue=f"Venue {i}",
            )
            await report(store, T0, ev)
        events = await store.events()
    assert len(events) == n, "seeded events merged"
    return [(e.id, e.start_utc) for e in events if e.start_utc is not None]


def spawn(
    db_url: str,
    ledger: Path,
    until: dt.datetime,
    instance: str,
    checkable: bool,
    *,
    t0: dt.datetime = T0,
    anchor: float | None = None,
    ready: Path | None = None,
) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "tests.reminder_worker", "--db", db_url, "--ledger", str(ledger)]
    cmd += ["--t0", t0.isoformat(), "--speed", str(SPEED), "--until", until.isoformat()]
    cmd += ["--instance", instance, "--offsets", OFFSETS, "--lease", "60"]
    if anchor is not None:
        cmd += ["--anchor", repr(anchor)]
    if ready is not None:
        cmd += ["--ready", str(ready)]
    if checkable:
        cmd.append("--checkable")
    return subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)


def started(ready: Path, pid: int) -> tuple[float, dt.datetime] | None:
    """When process ``pid`` said it was ready (wall time) and its simulated start, if it did."""
    if not ready.exists():
        return None
    for line in ready.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == str(pid):
            return float(parts[1]), dt.datetime.fromisoformat(parts[2])
    return None


def tally(ledger: Path) -> Counter[tuple[int, str, str]]:
    """Posts per (event, channel, offset); the offset is told apart by how long before the start it went out."""
    counts: Counter[tuple[int, str, str]] = Counter()
    for line in read_ledger(ledger):
        assert line["kind"] == "reminder", line
        counts[(line["event"], line["channel"], "60m" if line["before_s"] > 30 * 60 + 1 else "30m")] += 1
    return counts


def expected(events: list[tuple[int, dt.datetime]]) -> set[tuple[int, str, str]]:
    return {(eid, ch, off) for eid, _ in events for ch in CHANNELS for off in ("60m", "30m")}


async def ledger_states(db_url: str) -> Counter[str]:
    from sqlalchemy import text

    engine = make_engine(db_url)
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT state, COUNT(*) FROM reminders GROUP BY state"))).all()
    finally:
        await engine.dispose()
    return Counter({state: n for state, n in rows})


def run_with_kills(
    db_url: str, ledger: Path, until: dt.datetime, kills: int, rng: random.Random, checkable: bool
) -> int:
    """Run the worker, SIGKILL it ``kills`` times at random moments, restart until it finishes; returns kills made.

    Each restart resumes the simulated clock where the killed process stopped.
    """
    ready = ledger.with_suffix(".ready")
    t0 = T0
    made = 0
    deadline = time.monotonic() + 100
    while time.monotonic() < deadline:
        proc = spawn(db_url, ledger, until, "solo", checkable, t0=t0, ready=ready)
        if made < kills:
            # kill at a random moment after start-up: during recovery, re-planning, claims or posts
            while started(ready, proc.pid) is None and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            try:
                proc.wait(timeout=rng.uniform(0.0, 1.0))
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                killed_at = time.time()
                proc.wait()
                made += 1
                info = started(ready, proc.pid)
                if info is not None:
                    t0 = info[1] + dt.timedelta(seconds=(killed_at - info[0]) * SPEED)
                continue
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()[-3000:]
        return made
    raise AssertionError("the worker never finished")


@pytest.mark.parametrize(("checkable", "seed_no"), [(False, 1), (True, 2)], ids=["plain", "checkable"])
def test_sigkill_restarts_lose_nothing(tmp_path: Path, db_url: str, checkable: bool, seed_no: int) -> None:
    """15 SIGKILLs per publisher kind (30 in all), restarted until done: every reminder is in the ledger; a
    plain publisher shows at most one extra copy per crash inside a send, a checkable one exactly one copy."""
    events = asyncio.run(seed(db_url, 13, 3 * M))
    ledger = tmp_path / "ledger.jsonl"
    until = max(s for _, s in events) - 25 * M
    made = run_with_kills(db_url, ledger, until, 15, random.Random(seed_no), checkable)
    assert made == 15
    counts = tally(ledger)
    assert set(counts) == expected(events), "a reminder was lost"
    assert max(counts.values()) <= (1 if checkable else 2)
    assert sum(counts.values()) - len(counts) <= made  # a duplicate needs a crash inside a send
    states = asyncio.run(ledger_states(db_url))
    assert states == Counter({State.SENT.value: len(counts)})


def test_two_processes_one_database_post_each_reminder_once(tmp_path: Path, db_url: str) -> None:
    """Two workers (different instances) on one SQLite file through the whole morning: each reminder posted once."""
    events = asyncio.run(seed(db_url, 6, 5 * M))
    ledger = tmp_path / "ledger.jsonl"
    until = max(s for _, s in events) - 25 * M
    # the shared clock reads T0 only STARTUP seconds from now: both processes are up before the first reminder
    # falls due even on a loaded machine (a start of a few seconds is tens of simulated minutes at this speed)
    anchor = time.time() + STARTUP
    procs = [spawn(db_url, ledger, until, name, False, anchor=anchor) for name in ("one", "two")]
    for proc in procs:
        _, err = proc.communicate(timeout=90)
        assert proc.returncode == 0, err.decode()[-3000:]
    counts = tally(ledger)
    assert set(counts) == expected(events) and set(counts.values()) == {1}
