"""The demo's reminder morning: the real reminder service and scheduler on a fast simulated clock.

``briefbot demo`` calls :func:`run_reminder_morning` after the sample articles are in. The store
then already knows about the move (the last sample), so the morning is replayed from the event
history: reminders are planned for the times as first announced, they go out as the simulated
clock passes them, and at ``move_at`` the change is applied as the service would have heard it
from the article: a "Rescheduled" notice and reminders for the new time. The clock is injected
(a :class:`~briefings.clock.SimulatedClock`); idle stretches are skipped with ``advance``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import replace

from rich.console import Console

from bot.scheduler import ReminderScheduler
from briefings import timefmt
from briefings.cards import Card
from briefings.clock import SimulatedClock
from briefings.model import EventStatus
from briefings.ports import Publisher
from briefings.reminder_service import ReminderService
from briefings.reminders import Target
from briefings.store.api import StoredEvent
from briefings.store.repository import SqlEventStore

log = logging.getLogger(__name__)

__all__ = ["as_first_announced", "run_reminder_morning"]

_OFFSETS = (dt.timedelta(minutes=60), dt.timedelta(minutes=15))
# how close to a due time the fast-forward stops, so the timer (not the jump) delivers it
_LANDING = dt.timedelta(seconds=20)


class _Stamped:
    """Prints the simulated time before each post, then hands it to the real publisher."""

    def __init__(self, inner: Publisher, clock: SimulatedClock, console: Console) -> None:
        self.inner, self.clock, self.console = inner, clock, console
        self.platform = inner.platform
        self.count = 0

    async def post(self, channel: str, card: Card) -> str:
        self.count += 1
        minute = self.clock.now().replace(second=0, microsecond=0)
        self.console.print(f"  {timefmt.utc_time(minute)} (simulated)", markup=False, style="dim")
        return await self.inner.post(channel, card)

    async def edit(self, channel: str, ref: str, card: Card) -> None:
        await self.inner.edit(channel, ref, card)

    async def reply(self, channel: str, ref: str, card: Card) -> str:
        return await self.inner.reply(channel, ref, card)


class _BeforeTheMove:
    """The store as the service would have seen it before the move was reported: first-announced times."""

    def __init__(self, store: SqlEventStore, before: dict[int, StoredEvent]) -> None:
        self.store = store
        self.before = before

    async def event(self, event_id: int) -> StoredEvent | None:
        return self.before.get(event_id) or await self.store.event(event_id)

    async def events(self) -> list[StoredEvent]:
        return [self.before.get(e.id, e) for e in await self.store.events()]


def as_first_announced(event: StoredEvent) -> StoredEvent:
    """The event as it stood before its start time was first changed (from its history)."""
    for change in event.history:
        if change.field == "start_utc" and change.old:
            old = dt.datetime.fromisoformat(change.old.replace("Z", "+00:00"))
            return replace(event, start_utc=old, date=old.date(), status=EventStatus.SCHEDULED, history=())
    return event


async def run_reminder_morning(
    store: SqlEventStore,
    publisher: Publisher,
    channel: str,
    console: Console,
    *,
    speed: float = 600.0,
    start: dt.datetime | None = None,
) -> int:
    """Play the event morning: reminders as first planned, then the move and its corrected reminders.

    Returns how many cards were posted.
    """
    events = [e for e in await store.events() if e.start_utc is not None]
    if not events:
        console.print("  (no session with a known start: no reminders to show)", markup=False)
        return 0
    before = [as_first_announced(e) for e in events]
    moved = [e for e, b in zip(events, before, strict=True) if e.start_utc != b.start_utc]
    first = min(b.start_utc for b in before if b.start_utc is not None)
    clock = SimulatedClock(start or first - dt.timedelta(minutes=65), speed=speed)
    stamped = _Stamped(publisher, clock, console)
    view = _BeforeTheMove(store, {b.id: b for b in before})
    svc = ReminderService(
        store.engine,
        view,  # type: ignore[arg-type]  # the service reads events only through event() and events()
        {publisher.platform: stamped},
        [Target(publisher.platform, channel)],
        _OFFSETS,
        clock,
        instance="demo",
    )
    for b in before:
        await svc.plan_event(b)
    # the move is heard ten minutes before the session was first due to start
    old_starts = [b.start_utc for e, b in zip(events, before, strict=True) if e in moved and b.start_utc]
    move_at = min(old_starts) - dt.timedelta(minutes=10) if old_starts else None
    console.print(
        f"  simulated clock from {timefmt.utc_time(clock.now())}, {speed:.0f}x, idle stretches skipped",
        markup=False,
    )
    sched = ReminderScheduler(svc, clock, speed=speed, tick_seconds=1.0)
    await sched.start()
    try:
        while True:
            now = clock.now()
            if move_at is not None and now >= move_at:
                console.print(f"  {timefmt.utc_time(move_at)} (simulated): the move is reported", markup=False)
                view.before.clear()
                for event in moved:
                    await svc.plan_event(event)
                move_at = None
                continue
            nxt = await svc.next_due()
            targets = [t for t in (nxt, move_at) if t is not None]
            if not targets:
                break
            soonest = min(targets)
            if soonest - now > _LANDING * 2:
                clock.advance(soonest - now - _LANDING)
                sched.poke(soonest)
            await asyncio.sleep(0.02)
    finally:
        await sched.stop()
    return stamped.count
