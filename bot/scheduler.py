"""The reminder timer: APScheduler 3.x (``AsyncIOScheduler``) wakes the reminder service, nothing more.

The store is the source of truth (see :mod:`briefings.reminder_service`); APScheduler only holds
three in-memory jobs:

- ``wake``: a date job at the next due time, re-armed after every pass and whenever planning
  creates an earlier reminder;
- ``tick``: a periodic safety pass, in case a wake-up was missed (clock jumps, lost callbacks);
- ``lease``: renews the leader lease. Only the lease holder sends; when this instance becomes
  leader it first recovers rows a dead leader left in ``sending`` and re-plans from the store.

APScheduler runs on wall time while the service runs on the injected clock; ``speed`` (simulated
seconds per real second, 1 in production) converts between the two, so a demo on a fast
:class:`~briefings.clock.SimulatedClock` wakes at the right real moment.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import types

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from briefings import metrics
from briefings.clock import Clock
from briefings.lease import LeaderLease
from briefings.reminder_service import ReminderService

log = logging.getLogger(__name__)

__all__ = ["ReminderScheduler"]


class ReminderScheduler:
    """Wakes :class:`ReminderService` at due times while this instance holds the leader lease."""

    def __init__(
        self,
        service: ReminderService,
        clock: Clock,
        *,
        lease: LeaderLease | None = None,
        speed: float = 1.0,
        tick_seconds: float = 30.0,
    ) -> None:
        self.service = service
        self.clock = clock
        self.lease = lease
        self.speed = speed if speed > 0 else 1.0
        self.tick_seconds = tick_seconds
        self.leader = lease is None
        self.passes = 0
        self._sched: AsyncIOScheduler | None = None
        self._lock = asyncio.Lock()
        self._became_leader = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        service.add_wake_listener(self.poke)

    # ------------------------------------------------------------------ lifetime

    async def start(self) -> None:
        """Start the timer jobs; take the lease (or wait for it) and send whatever is due already."""
        sched = AsyncIOScheduler(timezone=dt.UTC)
        self._sched = sched
        sched.add_job(
            self._pass,
            "interval",
            seconds=self.tick_seconds,
            id="tick",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        if self.lease is not None:
            # renew three times per lease period (in real seconds), so one missed renewal does not lose it
            every = max(0.05, self.lease.ttl.total_seconds() / 3 / self.speed)
            sched.add_job(
                self._heartbeat,
                "interval",
                seconds=every,
                id="lease",
                coalesce=True,
                max_instances=1,
                misfire_grace_time=None,
            )
        sched.start()
        if self.lease is not None:
            await self._heartbeat()
        else:
            await self._become_leader()

    async def stop(self, *, release: bool = True) -> None:
        """Stop the timer and give the lease up, so a standby takes over at once (``release=False``: it expires)."""
        if self._sched is not None:
            if self._sched.running:
                self._sched.shutdown(wait=False)
            self._sched = None
        # let a pass in flight finish: cancelling it mid-post would leave a row in `sending`
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        async with self._lock:
            if self.lease is not None and self.leader and release:
                try:
                    await self.lease.release()
                except Exception:
                    log.exception("releasing the leader lease failed; it expires by itself")
            self.leader = self.lease is None
            metrics.LEADER.set(0)

    async def __aenter__(self) -> ReminderScheduler:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: types.TracebackType | None
    ) -> None:
        await self.stop()

    @property
    def running(self) -> bool:
        """Whether the timer is running (health checks)."""
        return self._sched is not None and self._sched.running

    async def wait_leader(self) -> None:
        """Return once this instance holds the lease (tests, demos)."""
        if not self.leader:
            await self._became_leader.wait()

    # ------------------------------------------------------------------ jobs

    async def _heartbeat(self) -> None:
        assert self.lease is not None
        try:
            held = await self.lease.acquire()
        except Exception:
            log.exception("renewing the leader lease failed")
            held = False
        if held and not self.leader:
            await self._become_leader()
        elif not held and self.leader:
            log.warning("no longer the leader: reminders paused on this instance")
            self.leader = False
            metrics.LEADER.set(0)
            self._became_leader.clear()
            self._unarm()

    async def _become_leader(self) -> None:
        async with self._lock:
            self.leader = True
            metrics.LEADER.set(1)
            try:
                await self.service.recover()
                await self.service.replan_all()
            except Exception:
                log.exception("recovering reminders at start-up failed; sending what is due anyway")
        self._became_leader.set()
        log.info("this instance sends reminders (%s)", self.service.instance)
        await self._pass()

    async def _pass(self) -> None:
        """Send what is due, then arm the wake job for the next due time."""
        if not self.leader:
            return
        async with self._lock:
            try:
                await self.service.send_due()
            except Exception:
                log.exception("sending due reminders failed; the next tick tries again")
            self.passes += 1
            try:
                nxt = await self.service.next_due()
            except Exception:
                log.exception("reading the next due time failed")
                nxt = None
        if nxt is not None:
            self._arm(nxt)

    # ------------------------------------------------------------------ waking

    def poke(self, due: dt.datetime) -> None:
        """Planning created a row due at ``due``: make sure the timer wakes by then."""
        if self.leader:
            self._arm(due, earlier_only=True)

    def _arm(self, due: dt.datetime, *, earlier_only: bool = False) -> None:
        sched = self._sched
        if sched is None or not sched.running:
            return
        delay = max(0.0, (due - self.clock.now()).total_seconds() / self.speed)
        run_at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delay)
        job = sched.get_job("wake")
        if job is not None and earlier_only and job.next_run_time is not None and job.next_run_time <= run_at:
            return
        sched.add_job(
            self._kick,
            "date",
            run_date=run_at,
            id="wake",
            replace_existing=True,
            misfire_grace_time=None,
        )

    async def _kick(self) -> None:
        # the wake job only starts the pass: a job that re-arms itself while still running would
        # have its next run skipped by APScheduler ("maximum number of running instances")
        task = asyncio.create_task(self._pass(), name="reminders-pass")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _unarm(self) -> None:
        if self._sched is not None and self._sched.get_job("wake") is not None:
            self._sched.remove_job("wake")
