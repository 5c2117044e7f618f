"""Reminders, durable: plan them into the store's ledger, and send what is due exactly once.

The store is the source of truth; a timer (``bot.scheduler``) only says *when* to call
:meth:`ReminderService.send_due`. The life of a ledger row:

1. **Planned** when an event is created or changes (:meth:`ReminderService.on_ingest`, a listener
   of the briefing service) and again from the store when an instance becomes leader
   (:meth:`ReminderService.replan_all`). Planning is idempotent: rows have a unique key, inserts
   ignore conflicts, cancels and revivals are conditional updates.
2. **Claimed** (pending -> sending, attempts + 1, claimed_by = this process) in a transaction that
   also checks this instance still holds the leader lease. Only one claimer can win a row.
3. **Posted**, then **marked sent** with the platform's message reference.

A crash between 2 and 3 leaves the row in ``sending``. :meth:`ReminderService.recover` (run when
an instance becomes leader, i.e. at start-up and at takeover) handles such rows:

* if the publisher can look a post up by key (:class:`CheckablePublisher`), it asks; a post found
  marks the row sent, none found puts it back to pending: **exactly once**;
* otherwise the row goes back to pending once (``recoveries`` = 1) and is resent, so a crash
  after the platform accepted the post gives **at most one duplicate**; a row found in
  ``sending`` again after that resend is marked sent unconfirmed rather than sent a third time.

A resent reminder still obeys the late rule: never after the event's start.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import Row, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from briefings import metrics
from briefings.cards import Card
from briefings.clock import Clock
from briefings.errors import DeliveryError
from briefings.lease import LeaderLease, insert_ignore
from briefings.ports import Publisher
from briefings.reminders import (
    Decision,
    ExistingRow,
    Kind,
    Planned,
    Reconciliation,
    State,
    Target,
    format_offsets,
    notice_card,
    parse_offsets,
    reconcile,
    reminder_card,
    send_decision,
)
from briefings.store.api import EventStore, IngestResult, StoredEvent
from briefings.store.reminder_tables import ChannelOffsetsRow, ReminderRow

log = logging.getLogger(__name__)

__all__ = ["CheckablePublisher", "ReminderService", "ReminderView", "SendReport"]

_BATCH = 500
_MAX_BACKOFF = 300.0


@runtime_checkable
class CheckablePublisher(Protocol):
    """A publisher that can tag a post with a key and later find it: makes crash recovery exactly-once.

    Slack can carry the key in message metadata and find it with ``conversations.history``;
    Discord can send it as an enforced nonce and look through recent channel messages.
    """

    platform: str

    async def post_keyed(self, channel: str, card: Card, key: str) -> str:
        """Post ``card`` tagged with ``key``; returns the message reference."""
        ...

    async def find_posted(self, channel: str, key: str, since: dt.datetime) -> str | None:
        """The reference of a message tagged ``key`` posted since ``since``, or None."""
        ...


@dataclass(frozen=True, slots=True)
class ReminderView:
    """A ledger row as the rest of the core sees it."""

    id: int
    event_id: int
    target: Target
    kind: Kind
    offset: dt.timedelta
    start: dt.datetime
    due: dt.datetime
    state: State
    reason: str | None
    attempts: int
    recoveries: int
    message_ref: str | None
    sent_at: dt.datetime | None
    prev_start: dt.datetime | None = None


@dataclass
class SendReport:
    """What one :meth:`ReminderService.send_due` pass did."""

    sent: list[ReminderView] = field(default_factory=list)
    skipped: int = 0
    failed: int = 0
    late: int = 0


def row_key(row_id: int) -> str:
    """The idempotency key a checkable publisher tags a ledger row's post with."""
    return f"briefbot-reminder-{row_id}"


class ReminderService:
    """Plans reminders into the ledger and sends the due ones through the platform publishers."""

    def __init__(
        self,
        engine: AsyncEngine,
        store: EventStore,
        publishers: Mapping[str, Publisher],
        targets: Iterable[Target],
        offsets: Sequence[dt.timedelta],
        clock: Clock,
        *,
        instance: str = "briefbot",
        lease: LeaderLease | None = None,
        link_for: Callable[[StoredEvent], str | None] | None = None,
        concurrency: int = 8,
        max_attempts: int = 5,
    ) -> None:
        self.engine = engine
        self.store = store
        self.publishers = dict(publishers)
        self.targets = tuple(dict.fromkeys(targets))
        self.offsets = tuple(sorted(set(offsets), reverse=True))
        self.clock = clock
        self.instance = instance
        # a fresh token per process: rows claimed by an earlier life of this instance are someone else's
        self.token = f"{instance}#{secrets.token_hex(4)}"
        self.lease = lease
        self.link_for = link_for
        self.concurrency = max(1, concurrency)
        self.max_attempts = max(1, max_attempts)
        self._wake: list[Callable[[dt.datetime], None]] = []
        self._send_lock = asyncio.Lock()
        # SQLite has one writer: channel workers queueing here is far cheaper than SQLite's busy-wait sleeps
        self._write_lock: asyncio.Lock | contextlib.nullcontext[None] = (
            asyncio.Lock() if engine.dialect.name == "sqlite" else contextlib.nullcontext()
        )

    # ------------------------------------------------------------------ wiring

    def add_wake_listener(self, callback: Callable[[dt.datetime], None]) -> None:
        """Call ``callback(due)`` whenever planning creates a pending row due at ``due`` (the timer re-arms)."""
        self._wake.append(callback)

    async def __call__(self, result: IngestResult) -> None:
        """The briefing service's listener form: same as :meth:`on_ingest`."""
        await self.on_ingest(result)

    async def on_ingest(self, result: IngestResult) -> None:
        """Plan or re-plan every event an article created, changed or merged; one failure does not stop the rest."""
        events = [*result.created, *(e for e, _ in result.changed), *result.merged]
        for event in {e.id: e for e in events}.values():
            try:
                await self.plan_event(event)
            except Exception:
                log.exception("planning reminders for event %s failed", event.id)

    # ------------------------------------------------------------------ planning

    async def plan_event(self, event: StoredEvent) -> Reconciliation:
        """Bring one event's ledger rows in line with the event as it is now."""
        now = self.clock.now()
        async with self.engine.begin() as conn:
            offsets = await self._target_offsets(conn)
            rec = await self._reconcile(conn, event, offsets, now)
        self._notify(rec)
        return rec

    async def replan_all(self) -> int:
        """Re-plan every stored event (at start-up or takeover); returns how many events' rows changed."""
        now = self.clock.now()
        changed = 0
        async with self.engine.connect() as conn:
            offsets = await self._target_offsets(conn)
        for event in await self.store.events():
            try:
                async with self.engine.begin() as conn:
                    rec = await self._reconcile(conn, event, offsets, now)
            except Exception:
                log.exception("re-planning reminders for event %s failed", event.id)
                continue
            if not rec.empty:
                changed += 1
                self._notify(rec)
        log.info("re-planned reminders from the store: %d event(s) changed", changed)
        return changed

    async def _reconcile(
        self,
        conn: AsyncConnection,
        event: StoredEvent,
        offsets: Mapping[Target, Sequence[dt.timedelta]],
        now: dt.datetime,
    ) -> Reconciliation:
        rows = (await conn.execute(select(ReminderRow.__table__).where(ReminderRow.event_id == event.id))).all()
        existing = [
            ExistingRow(
                r.id,
                Target(r.platform, r.channel),
                Kind(r.kind),
                dt.timedelta(seconds=r.offset_s),
                r.start_utc,
                State(r.state),
                r.reason,
                r.event_status,
            )
            for r in rows
        ]
        rec = reconcile(event, existing, offsets, now)
        for row_id, reason in rec.cancel:
            await conn.execute(
                update(ReminderRow)
                .where(ReminderRow.id == row_id, ReminderRow.state == State.PENDING)
                .values(state=State.CANCELLED, reason=reason)
            )
        for rv in rec.revive:
            await conn.execute(
                update(ReminderRow)
                .where(ReminderRow.id == rv.row_id, ReminderRow.state == State.CANCELLED)
                .values(state=rv.state, reason=rv.reason, due_at=rv.due, retry_at=None)
            )
        await insert_ignore(conn, ReminderRow.__table__, [_row_values(p, now) for p in rec.insert])
        if rec.cancel:
            log.info("event %s: %d pending reminder(s) cancelled (%s)", event.id, len(rec.cancel), rec.cancel[0][1])
        for p in rec.insert:
            if p.kind is not Kind.REMINDER:
                log.info("event %s: %s notice planned for %s", event.id, p.kind.value, p.target)
        return rec

    def _notify(self, rec: Reconciliation) -> None:
        dues = [p.due for p in rec.insert if p.state is State.PENDING] + [
            r.due for r in rec.revive if r.state is State.PENDING
        ]
        if dues and self._wake:
            first = min(dues)
            for cb in self._wake:
                try:
                    cb(first)
                except Exception:
                    log.exception("wake listener failed")

    # ------------------------------------------------------------------ offsets per channel

    async def _target_offsets(self, conn: AsyncConnection) -> dict[Target, tuple[dt.timedelta, ...]]:
        overrides = {
            Target(r.platform, r.channel): r.offsets
            for r in (await conn.execute(select(ChannelOffsetsRow.__table__))).all()
        }
        out: dict[Target, tuple[dt.timedelta, ...]] = {}
        for target in self.targets:
            text = overrides.get(target)
            try:
                out[target] = parse_offsets(text) if text else self.offsets
            except ValueError:
                log.warning("channel %s has unreadable offsets %r: using the defaults", target, text)
                out[target] = self.offsets
        return out

    async def channel_offsets(self, target: Target) -> tuple[dt.timedelta, ...]:
        """The offsets a channel gets reminders at (its own, else the global ones)."""
        async with self.engine.connect() as conn:
            text = (
                await conn.execute(
                    select(ChannelOffsetsRow.offsets).where(
                        ChannelOffsetsRow.platform == target.platform, ChannelOffsetsRow.channel == target.channel
                    )
                )
            ).scalar_one_or_none()
        return parse_offsets(text) if text else self.offsets

    async def set_channel_offsets(
        self, target: Target, offsets: Sequence[dt.timedelta] | None, by: str | None = None
    ) -> int:
        """Give a channel its own offsets (None: back to the global ones) and re-plan; returns events re-planned."""
        now = self.clock.now()
        async with self.engine.begin() as conn:
            cond = and_(ChannelOffsetsRow.platform == target.platform, ChannelOffsetsRow.channel == target.channel)
            res = await conn.execute(
                update(ChannelOffsetsRow)
                .where(cond)
                .values(offsets=format_offsets(offsets) if offsets else "", set_by=by, updated_at=now)
            )
            if offsets and not res.rowcount:
                await insert_ignore(
                    conn,
                    ChannelOffsetsRow.__table__,
                    [
                        {
                            "platform": target.platform,
                            "channel": target.channel,
                            "offsets": format_offsets(offsets),
                            "set_by": by,
                            "updated_at": now,
                        }
                    ],
                )
        log.info("channel %s reminder offsets set to %s by %s", target, format_offsets(offsets or self.offsets), by)
        if target not in self.targets:
            self.targets = (*self.targets, target)
        n = 0
        for event in await self.store.events():
            if event.start_utc is not None and event.start_utc > now:
                await self.plan_event(event)
                n += 1
        return n

    # ------------------------------------------------------------------ reading the ledger

    async def reminders(
        self,
        *,
        event_id: int | None = None,
        target: Target | None = None,
        states: Iterable[State] | None = None,
    ) -> list[ReminderView]:
        """Ledger rows, oldest due first, optionally for one event, channel or set of states."""
        q = select(ReminderRow.__table__)
        if event_id is not None:
            q = q.where(ReminderRow.event_id == event_id)
        if target is not None:
            q = q.where(ReminderRow.platform == target.platform, ReminderRow.channel == target.channel)
        if states is not None:
            q = q.where(ReminderRow.state.in_([s.value for s in states]))
        async with self.engine.connect() as conn:
            rows = (await conn.execute(q.order_by(ReminderRow.due_at, ReminderRow.id))).all()
        return [_view(r) for r in rows]

    async def upcoming(self, target: Target, limit: int = 20) -> list[ReminderView]:
        """A channel's pending reminders, soonest first."""
        rows = await self.reminders(target=target, states=[State.PENDING])
        return [r for r in rows if r.kind is Kind.REMINDER][:limit]

    async def next_due(self) -> dt.datetime | None:
        """When the next pending row falls due (or may be retried), if any."""
        when = func.coalesce(ReminderRow.retry_at, ReminderRow.due_at)
        async with self.engine.connect() as conn:
            value = (
                await conn.execute(select(func.min(when)).where(ReminderRow.state == State.PENDING))
            ).scalar_one_or_none()
        if value is None:
            return None
        if isinstance(value, str):  # SQLite hands aggregates back untyped
            value = dt.datetime.fromisoformat(value)
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)

    # ------------------------------------------------------------------ recovery

    async def recover(self) -> int:
        """Settle rows a dead process left in ``sending`` (see the module docstring); returns how many."""
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(ReminderRow.__table__).where(
                        ReminderRow.state == State.SENDING,
                        or_(ReminderRow.claimed_by.is_(None), ReminderRow.claimed_by != self.token),
                    )
                )
            ).all()
        n = 0
        for row in rows:
            try:
                n += await self._recover_row(row)
            except Exception:
                log.exception("recovering reminder %s failed; it stays in sending", row.id)
        if n:
            log.warning("recovered %d reminder(s) left in sending by a crash", n)
        return n

    async def _recover_row(self, row: Row[Any]) -> int:
        now = self.clock.now()
        pub = self.publishers.get(row.platform)
        values: dict[str, Any]
        if isinstance(pub, CheckablePublisher) and row.claimed_at is not None:
            ref = await pub.find_posted(row.channel, row_key(row.id), row.claimed_at - dt.timedelta(seconds=5))
            if ref is not None:
                values = {"state": State.SENT, "message_ref": ref, "sent_at": now, "reason": "confirmed after a crash"}
            else:
                values = {"state": State.PENDING, "reason": "not posted before a crash", "claimed_by": None}
        elif row.recoveries == 0:
            # we cannot tell whether the platform got it: send once more (at most one duplicate)
            values = {"state": State.PENDING, "reason": "resent after a crash during the send", "claimed_by": None}
        else:
            # it was already resent once and crashed again: a third copy is worse than an unconfirmed one
            values = {"state": State.SENT, "sent_at": now, "reason": "unconfirmed: crashed during the resend"}
        cond = [ReminderRow.id == row.id, ReminderRow.state == State.SENDING]
        cond.append(
            ReminderRow.claimed_by.is_(None) if row.claimed_by is None else ReminderRow.claimed_by == row.claimed_by
        )
        async with self.engine.begin() as conn:
            res = await conn.execute(
                update(ReminderRow).where(*cond).values(recoveries=ReminderRow.recoveries + 1, **values)
            )
        if res.rowcount:
            log.warning(
                "reminder %s (event %s, %s:%s) was left in sending by %s: now %s (%s)",
                row.id,
                row.event_id,
                row.platform,
                row.channel,
                row.claimed_by,
                values["state"],
                values["reason"],
            )
        return int(res.rowcount or 0)

    # ------------------------------------------------------------------ sending

    async def send_due(self) -> SendReport:
        """Send every row that is due now (claim, post, mark sent); skip what the late rule forbids."""
        report = SendReport()
        async with self._send_lock:
            for _ in range(100):  # bounded: a pass that re-planned events looks again for their new rows
                n, replanned = await self._send_batch(report)
                if n < _BATCH and not replanned:
                    break
        metrics.REMINDERS_SENT.inc(len(report.sent))
        metrics.REMINDERS_LATE.inc(report.late)
        metrics.REMINDERS_SKIPPED.inc(report.skipped)
        return report

    async def _send_batch(self, report: SendReport) -> tuple[int, bool]:
        now = self.clock.now()
        due = or_(ReminderRow.retry_at.is_(None), ReminderRow.retry_at <= now)
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(ReminderRow.__table__)
                    .where(ReminderRow.state == State.PENDING, ReminderRow.due_at <= now, due)
                    .order_by(ReminderRow.due_at, ReminderRow.id)
                    .limit(_BATCH)
                )
            ).all()
        if not rows:
            return 0, False
        events: dict[int, StoredEvent | None] = {}
        for eid in dict.fromkeys(r.event_id for r in rows):
            events[eid] = await self.store.event(eid)
        # several offsets of one event and channel due together (we were down): only the closest is sent
        closest: dict[tuple[int, str, str, dt.datetime], int] = {}
        for r in rows:
            if r.kind == Kind.REMINDER:
                key = (r.event_id, r.platform, r.channel, r.start_utc)
                closest[key] = min(closest.get(key, r.offset_s), r.offset_s)
        to_send: dict[Target, list[Row[Any]]] = defaultdict(list)
        replan: dict[int, StoredEvent] = {}
        for r in rows:
            event = events[r.event_id]
            decision, reason = send_decision(
                event,
                Kind(r.kind),
                dt.timedelta(seconds=r.offset_s),
                r.start_utc,
                now,
                closer_offset_due=r.kind == Kind.REMINDER
                and closest[(r.event_id, r.platform, r.channel, r.start_utc)] < r.offset_s,
                planned_status=r.event_status,
            )
            if decision is Decision.SEND and r.platform not in self.publishers:
                decision, reason = Decision.SKIP, f"no publisher for {r.platform}"
            if decision is Decision.SEND:
                to_send[Target(r.platform, r.channel)].append(r)
            elif decision is Decision.REPLAN and event is not None:
                replan[event.id] = event
            else:
                await self._skip(r, reason or "skipped", now)
                report.skipped += 1
        for event in replan.values():
            log.info("event %s changed before its reminders were re-planned: re-planning now", event.id)
            await self.plan_event(event)
        sem = asyncio.Semaphore(self.concurrency)

        async def channel_worker(target: Target, items: list[Row[Any]]) -> None:
            # one channel's posts in order; channels in parallel
            async with sem:
                # a notice goes before reminders due with it: "Rescheduled", then the reminder for the new time
                for r in sorted(items, key=lambda r: r.kind == Kind.REMINDER):
                    await self._send_one(r, events[r.event_id], report)

        await asyncio.gather(*(channel_worker(t, items) for t, items in to_send.items()))
        return len(rows), bool(replan)

    async def _skip(self, row: Row[Any], reason: str, now: dt.datetime) -> None:
        async with self._write_lock, self.engine.begin() as conn:
            await conn.execute(
                update(ReminderRow)
                .where(ReminderRow.id == row.id, ReminderRow.state == State.PENDING)
                .values(state=State.SKIPPED, reason=reason)
            )
        log.warning(
            "reminder %s (event %s, %s before, %s:%s, due %s) skipped at %s: %s",
            row.id,
            row.event_id,
            format_offsets([dt.timedelta(seconds=row.offset_s)]),
            row.platform,
            row.channel,
            row.due_at.isoformat(),
            now.isoformat(),
            reason,
        )

    async def _claim(self, row: Row[Any], now: dt.datetime) -> bool:
        cond = [ReminderRow.id == row.id, ReminderRow.state == State.PENDING]
        if self.lease is not None:
            cond.append(self.lease.held_clause(now))
        async with self._write_lock, self.engine.begin() as conn:
            res = await conn.execute(
                update(ReminderRow)
                .where(*cond)
                .values(
                    state=State.SENDING,
                    attempts=ReminderRow.attempts + 1,
                    claimed_by=self.token,
                    claimed_at=now,
                )
            )
        return bool(res.rowcount)

    async def _finish(self, row: Row[Any], values: dict[str, Any]) -> bool:
        async with self._write_lock, self.engine.begin() as conn:
            res = await conn.execute(
                update(ReminderRow)
                .where(
                    ReminderRow.id == row.id,
                    ReminderRow.state == State.SENDING,
                    ReminderRow.claimed_by == self.token,
                )
                .values(**values)
            )
        return bool(res.rowcount)

    async def _send_one(self, row: Row[Any], event: StoredEvent | None, report: SendReport) -> None:
        assert event is not None
        now = self.clock.now()
        if not await self._claim(row, now):
            log.debug("reminder %s was claimed elsewhere or the lease is gone", row.id)
            return
        target = Target(row.platform, row.channel)
        pub = self.publishers[row.platform]
        try:
            card = await self._card(row, event, now)
            if isinstance(pub, CheckablePublisher):
                ref = await pub.post_keyed(row.channel, card, row_key(row.id))
            else:
                ref = await pub.post(row.channel, card)
        except Exception as exc:
            await self._failed(row, exc, report)
            return
        sent_at = self.clock.now()
        if not await self._finish(row, {"state": State.SENT, "message_ref": ref, "sent_at": sent_at}):
            log.warning("reminder %s was posted but its claim was taken meanwhile (lease lost?)", row.id)
        lateness = (sent_at - row.due_at).total_seconds()
        if row.kind == Kind.REMINDER and lateness > 60:
            report.late += 1
            log.info("reminder %s sent %.0f s late (event %s has not started)", row.id, lateness, row.event_id)
        report.sent.append(_view(row, state=State.SENT, message_ref=ref, sent_at=sent_at, attempts=row.attempts + 1))
        log.info("reminder %s sent: event %s, %s, %s", row.id, row.event_id, row.kind, target)

    async def _failed(self, row: Row[Any], exc: Exception, report: SendReport) -> None:
        report.failed += 1
        attempts = row.attempts + 1
        permanent = isinstance(exc, DeliveryError) and exc.permanent
        if permanent or attempts >= self.max_attempts:
            log.error("reminder %s not delivered after %d attempt(s): %s", row.id, attempts, exc)
            await self._finish(row, {"state": State.SKIPPED, "reason": f"delivery failed: {exc}"[:200]})
            return
        wait = exc.retry_after if isinstance(exc, DeliveryError) and exc.retry_after else None
        wait = wait if wait is not None else min(_MAX_BACKOFF, 5.0 * 2 ** (attempts - 1))
        retry_at = self.clock.now() + dt.timedelta(seconds=wait)
        if isinstance(exc, DeliveryError):
            log.warning("reminder %s: delivery failed (%s), retrying in %.0f s", row.id, exc, wait)
        else:
            log.exception("reminder %s: publisher crashed, retrying in %.0f s", row.id, wait, exc_info=exc)
        await self._finish(
            row, {"state": State.PENDING, "retry_at": retry_at, "claimed_by": None, "reason": str(exc)[:200]}
        )
        for cb in self._wake:
            cb(retry_at)

    async def _card(self, row: Row[Any], event: StoredEvent, now: dt.datetime) -> Card:
        link = self.link_for(event) if self.link_for else None
        kind = Kind(row.kind)
        if kind is Kind.REMINDER:
            return reminder_card(event, dt.timedelta(seconds=row.offset_s), now, link)
        async with self.engine.connect() as conn:
            offsets = (await self._target_offsets(conn)).get(Target(row.platform, row.channel), self.offsets)
        return notice_card(event, kind, row.start_utc, row.prev_start_utc, offsets, link)


def _row_values(p: Planned, now: dt.datetime) -> dict[str, Any]:
    return {
        "event_id": p.event_id,
        "platform": p.target.platform,
        "channel": p.target.channel,
        "kind": p.kind.value,
        "offset_s": int(p.offset.total_seconds()),
        "start_utc": p.start,
        "due_at": p.due,
        "event_status": p.event_status,
        "prev_start_utc": p.prev_start,
        "state": p.state.value,
        "reason": p.reason,
        "attempts": 0,
        "recoveries": 0,
        "created_at": now,
    }


def _view(row: Row[Any], **over: Any) -> ReminderView:
    values: dict[str, Any] = {
        "id": row.id,
        "event_id": row.event_id,
        "target": Target(row.platform, row.channel),
        "kind": Kind(row.kind),
        "offset": dt.timedelta(seconds=row.offset_s),
        "start": row.start_utc,
        "due": row.due_at,
        "state": State(row.state),
        "reason": row.reason,
        "attempts": row.attempts,
        "recoveries": row.recoveries,
        "message_ref": row.message_ref,
        "sent_at": row.sent_at,
        "prev_start": row.prev_start_utc,
    }
    values.update(over)
    return ReminderView(**values)
