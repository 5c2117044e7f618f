"""A test-only reminder process for the crash tests: the real service, lease and scheduler on a SQLite file.

    python -m tests.reminder_worker --db URL --ledger FILE --t0 ISO --anchor EPOCH --speed N --instance ID

Its clock is a SimulatedClock running ``speed`` times fast: anchored to wall time (``t0`` at the wall
moment ``anchor``) so sibling processes agree on the time, or starting at ``t0`` when the process is
ready (the crash test then resumes each restart where the killed process stopped, so downtime costs
no simulated time and the test is about crashes, not about the late rule).
Posts go to a :class:`tests.reminder_support.LedgerPublisher` (one fsynced JSON line each). The
process exits 0 once the simulated time is past ``--until`` and no reminder is pending or sending.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import os
import sys
import time
from pathlib import Path

from bot.scheduler import ReminderScheduler
from briefings.clock import SimulatedClock
from briefings.lease import LeaderLease
from briefings.reminder_service import ReminderService
from briefings.reminders import State, Target, parse_offsets
from briefings.store.repository import SqlEventStore
from tests.reminder_support import LedgerPublisher

CHANNELS = ("C1", "C2")


async def main(args: argparse.Namespace) -> int:
    t0 = dt.datetime.fromisoformat(args.t0)
    # anchored: every process agrees on the time; unanchored: this process starts the clock at t0 now
    start = t0 + dt.timedelta(seconds=(time.time() - args.anchor) * args.speed) if args.anchor else t0
    clock = SimulatedClock(start, speed=args.speed)
    if args.ready:
        with open(args.ready, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {time.time()!r} {start.isoformat()}\n")
            fh.flush()
            os.fsync(fh.fileno())
    until = dt.datetime.fromisoformat(args.until)
    async with SqlEventStore(args.db) as store:
        pub = LedgerPublisher(Path(args.ledger), who=args.instance, checkable=args.checkable, clock=clock)
        lease = LeaderLease(store.engine, args.instance, clock, ttl=args.lease)
        svc = ReminderService(
            store.engine,
            store,
            {"slack": pub},
            [Target("slack", c) for c in CHANNELS],
            parse_offsets(args.offsets),
            clock,
            instance=args.instance,
            lease=lease,
        )
        sched = ReminderScheduler(svc, clock, lease=lease, speed=args.speed, tick_seconds=0.5)
        await sched.start()
        try:
            while True:
                await asyncio.sleep(0.1)
                if clock.now() > until and not await svc.reminders(states=[State.PENDING, State.SENDING]):
                    break
        finally:
            await sched.stop()
    return 0


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser()
    p.add_argument("--db", required=True)
    p.add_argument("--ledger", required=True)
    p.add_argument("--t0", required=True)
    p.add_argument("--anchor", type=float, default=None, help="wall time (epoch) at which the clock read t0")
    p.add_argument("--ready", default=None, help="append 'pid wall-time simulated-start' here once started")
    p.add_argument("--speed", type=float, default=300.0)
    p.add_argument("--until", required=True)
    p.add_argument("--instance", default="worker")
    p.add_argument("--offsets", default="60m,15m")
    p.add_argument("--lease", type=float, default=30.0, help="lease seconds (simulated)")
    p.add_argument("--checkable", action="store_true")
    return p.parse_args(argv)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(process)d %(name)s %(message)s")
    sys.exit(asyncio.run(main(parse(sys.argv[1:]))))
