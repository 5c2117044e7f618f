"""One briefbot instance for the failover test: leader lease + reminder service on a shared database.

    python -m tests.failover_worker DB_URL LEDGER HOLDER T0_ISO WALL0 SPEED TTL CHECKABLE OFFSETS_MIN

Time is shared by every worker: ``now = T0 + (wall - WALL0) * SPEED``, so several processes
agree on what is due while a test minute passes in a fraction of a real second. The loop is
what the scheduler does: renew the lease; on becoming leader, recover rows a dead leader left
in ``sending``; while leader, send what is due. Posts go to a fsynced JSON-lines ledger
(:class:`tests.reminder_support.LedgerPublisher`). Each state change is printed to stdout.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import time
from pathlib import Path

from briefings.lease import LeaderLease
from briefings.reminder_service import ReminderService
from briefings.reminders import Target
from briefings.store.repository import SqlEventStore
from tests.reminder_support import LedgerPublisher

TARGET = Target("slack", "C1")


class SharedClock:
    """Wall-clock time, shifted to ``t0`` at ``wall0`` and running ``speed`` times faster."""

    def __init__(self, t0: dt.datetime, wall0: float, speed: float) -> None:
        self.t0, self.wall0, self.speed = t0, wall0, speed

    def now(self) -> dt.datetime:
        return self.t0 + dt.timedelta(seconds=(time.time() - self.wall0) * self.speed)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds / self.speed)


def say(*parts: object) -> None:
    print(*parts, flush=True)


async def main(argv: list[str]) -> None:
    url, ledger, holder, t0, wall0, speed, ttl, checkable, offsets = argv
    clock = SharedClock(dt.datetime.fromisoformat(t0), float(wall0), float(speed))
    async with SqlEventStore(url) as store:
        lease = LeaderLease(store.engine, holder, clock, ttl=float(ttl))
        pub = LedgerPublisher(Path(ledger), "slack", who=holder, checkable=checkable == "1")
        service = ReminderService(
            store.engine,
            store,
            {"slack": pub},
            [TARGET],
            [dt.timedelta(minutes=int(m)) for m in offsets.split(",")],
            clock,
            instance=holder,
            lease=lease,
        )
        say("ready", holder)
        leader = False
        while True:
            held = await lease.acquire()
            if held and not leader:
                say("leader", holder, clock.now().isoformat())
                await service.recover()
            leader = held
            if leader:
                await service.send_due()
            await asyncio.sleep(0.05)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
