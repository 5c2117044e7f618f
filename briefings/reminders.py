"""Reminder planning, pure: from a stored event, channels, offsets and ``now`` to what the ledger should hold.

Nothing here touches the database or a platform. :mod:`briefings.reminder_service` loads the ledger
rows of one event, asks :func:`reconcile` what to insert, cancel or revive, applies that in a
transaction, and later asks :func:`send_decision` whether a due row is sent, sent late, or skipped.

The rules, in one place:

* An event gets reminders while it has a known start, is scheduled (or postponed *to a new time*)
  and has not started. Each (event, channel, offset, planned start) gets one ledger row.
* A reminder already due when it is planned (briefbot learned of the event late) is not sent for
  every offset at once: only the one closest to the start is kept (it says "starts in 10 min"),
  the others are recorded as skipped.
* A reminder that fell due while briefbot was down is sent late only while the event has not
  started; after the start it is skipped and logged, never sent. When several offsets of one event
  and channel are due together, only the one closest to the start is sent.
* Event moved: pending reminders for the old start are cancelled, new ones planned, one
  "Rescheduled" notice per channel that had reminders. Cancelled, or postponed without a new time:
  pending reminders cancelled, one notice per channel.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from briefings import briefing, timefmt
from briefings.cards import Card, CardField, CardKind
from briefings.model import EventStatus
from briefings.store.api import StoredEvent

__all__ = [
    "NOTICE_WINDOW",
    "Decision",
    "ExistingRow",
    "Kind",
    "Planned",
    "Reconciliation",
    "State",
    "Target",
    "cancelled_card",
    "format_offset",
    "format_offsets",
    "notice_card",
    "parse_offsets",
    "plan_reminders",
    "reconcile",
    "reminder_card",
    "rescheduled_card",
    "send_decision",
]

NOTICE_WINDOW = dt.timedelta(hours=12)
"""How long after the (old) start a Rescheduled/Cancelled notice is still worth posting."""

_MAX_OFFSET = dt.timedelta(days=7)
_OFFSET = re.compile(r"^\s*(\d{1,4})\s*([smh]?)\s*$")


class State(StrEnum):
    """Where a ledger row stands."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"


class Kind(StrEnum):
    """What a ledger row posts: a reminder, or a notice that the plan changed."""

    REMINDER = "reminder"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


# why a row was cancelled; rows cancelled for these may come back when the plan returns to them
REASON_MOVED = "moved"
REASON_OFFSETS = "offsets changed"
REVIVABLE = frozenset({REASON_MOVED, REASON_OFFSETS})

LIVE = frozenset({State.PENDING, State.SENDING, State.SENT})


@dataclass(frozen=True, slots=True, order=True)
class Target:
    """A channel on a platform that gets reminders."""

    platform: str
    channel: str

    def __str__(self) -> str:
        return f"{self.platform}:{self.channel}"


@dataclass(frozen=True, slots=True)
class Planned:
    """A ledger row to create: a reminder (offset before ``start``) or a notice (offset 0, due now)."""

    event_id: int
    target: Target
    kind: Kind
    offset: dt.timedelta
    start: dt.datetime
    due: dt.datetime
    state: State = State.PENDING
    reason: str | None = None
    prev_start: dt.datetime | None = None
    event_status: str = EventStatus.SCHEDULED.value


@dataclass(frozen=True, slots=True)
class ExistingRow:
    """What planning needs to know about a ledger row already stored for the event."""

    id: int
    target: Target
    kind: Kind
    offset: dt.timedelta
    start: dt.datetime
    state: State
    reason: str | None = None
    event_status: str = EventStatus.SCHEDULED.value


@dataclass(frozen=True, slots=True)
class Revive:
    """A row cancelled by a move or an offset change that the plan wants again."""

    row_id: int
    due: dt.datetime
    state: State
    reason: str | None


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """What to do to an event's ledger rows."""

    insert: tuple[Planned, ...] = ()
    cancel: tuple[tuple[int, str], ...] = ()
    revive: tuple[Revive, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing to do."""
        return not (self.insert or self.cancel or self.revive)


# --------------------------------------------------------------------------- offsets


def parse_offsets(text: str) -> tuple[dt.timedelta, ...]:
    """``"60m,15m,0m"`` (or ``"1h, 15"``) -> offsets, largest first; raises ValueError on nonsense."""
    out: set[dt.timedelta] = set()
    for part in text.replace(" ", ",").split(","):
        if not part.strip():
            continue
        m = _OFFSET.match(part)
        if not m:
            raise ValueError(f"bad reminder offset {part.strip()!r}: use minutes like 30m or hours like 1h")
        n, unit = int(m.group(1)), m.group(2) or "m"
        out.add(dt.timedelta(**{{"s": "seconds", "m": "minutes", "h": "hours"}[unit]: n}))
    if not out:
        raise ValueError("no reminder offsets given")
    if any(o > _MAX_OFFSET for o in out):
        raise ValueError("reminder offsets are at most 7 days")
    return tuple(sorted(out, reverse=True))


def format_offset(offset: dt.timedelta) -> str:
    """``60m``, ``2h``, ``0m``, ``30s``: the form ``/talks remind`` takes."""
    seconds = int(offset.total_seconds())
    if seconds % 60:
        return f"{seconds}s"
    minutes = seconds // 60
    return f"{minutes // 60}h" if minutes >= 120 and minutes % 60 == 0 else f"{minutes}m"


def format_offsets(offsets: Iterable[dt.timedelta]) -> str:
    """``60m,15m``."""
    return ",".join(format_offset(o) for o in sorted(offsets, reverse=True))


def _before(offset: dt.timedelta) -> str:
    if offset <= dt.timedelta(0):
        return "at the start"
    return f"{timefmt.duration(offset)} before"


# --------------------------------------------------------------------------- planning


def remind_start(event: StoredEvent, existing: Sequence[ExistingRow] = ()) -> dt.datetime | None:
    """The start reminders should be planned for, or None when the event gets none now.

    Postponed counts as "on" only when the postponement gave a new time: a postponed event whose
    start is the one its reminders were planned for while it was scheduled has no new time yet.
    """
    start = event.start_utc
    if start is None or event.status in (EventStatus.CANCELLED, EventStatus.HELD, EventStatus.ONGOING):
        return None
    if event.status is EventStatus.POSTPONED and any(
        r.kind is Kind.REMINDER and r.start == start and r.event_status == EventStatus.SCHEDULED.value for r in existing
    ):
        return None
    return start


def plan_reminders(
    event: StoredEvent,
    targets: Mapping[Target, Sequence[dt.timedelta]],
    now: dt.datetime,
    start: dt.datetime | None = None,
) -> list[Planned]:
    """The reminders an event should have, per target and offset, with each one's due time.

    Offsets already past at ``now`` are recorded as skipped, except the one closest to the start,
    which stays pending so it goes out at once ("starts in 10 min"). An event that has started
    gets none.
    """
    start = start if start is not None else event.start_utc
    if start is None or start <= now:
        return []
    out: list[Planned] = []
    for target in sorted(targets):
        offsets = sorted(set(targets[target]), reverse=True)
        past = [o for o in offsets if start - o <= now]
        keep_late = min(past) if past else None
        for offset in offsets:
            due = start - offset
            state, reason = State.PENDING, None
            if due <= now and offset != keep_late:
                state, reason = State.SKIPPED, "already due when planned"
            out.append(
                Planned(
                    event.id,
                    target,
                    Kind.REMINDER,
                    offset,
                    start,
                    due,
                    state,
                    reason,
                    event_status=event.status.value,
                )
            )
    return out


def reconcile(
    event: StoredEvent,
    existing: Sequence[ExistingRow],
    targets: Mapping[Target, Sequence[dt.timedelta]],
    now: dt.datetime,
) -> Reconciliation:
    """Compare what an event's ledger holds with what it should hold now; return the difference.

    ``targets`` maps each subscribed channel to its offsets. Rows are never deleted: cancelled
    rows stay as history, and a cancelled row is revived when a move or offset change is undone.
    """
    start = remind_start(event, existing)
    reminders = [r for r in existing if r.kind is Kind.REMINDER]
    cancel: list[tuple[int, str]] = []
    insert: list[Planned] = []
    revive: list[Revive] = []
    notices = {(r.target, r.kind, r.start) for r in existing if r.kind is not Kind.REMINDER}

    if start is None:
        reason = _off_reason(event)
        cancel += [(r.id, reason) for r in reminders if r.state is State.PENDING]
        kind = {EventStatus.CANCELLED: Kind.CANCELLED, EventStatus.POSTPONED: Kind.POSTPONED}.get(event.status)
        if kind is not None:
            for target, planned_start in _live_starts(reminders).items():
                if now < planned_start + NOTICE_WINDOW and (target, kind, planned_start) not in notices:
                    insert.append(
                        Planned(
                            event.id,
                            target,
                            kind,
                            dt.timedelta(0),
                            planned_start,
                            now,
                            event_status=event.status.value,
                        )
                    )
        return Reconciliation(tuple(insert), tuple(cancel), ())

    # moved: cancel what is pending for another start, tell channels that had reminders for it
    cancel += [(r.id, REASON_MOVED) for r in reminders if r.start != start and r.state is State.PENDING]
    for target, old_start in _live_starts([r for r in reminders if r.start != start]).items():
        if (target, Kind.RESCHEDULED, start) not in notices and now < old_start + NOTICE_WINDOW:
            insert.append(
                Planned(
                    event.id,
                    target,
                    Kind.RESCHEDULED,
                    dt.timedelta(0),
                    start,
                    now,
                    prev_start=old_start,
                    event_status=event.status.value,
                )
            )

    by_key = {(r.target, r.offset): r for r in reminders if r.start == start}
    for plan in plan_reminders(event, targets, now, start):
        row = by_key.get((plan.target, plan.offset))
        if row is None:
            insert.append(plan)
        elif row.state is State.CANCELLED and row.reason in REVIVABLE:
            revive.append(Revive(row.id, plan.due, plan.state, plan.reason))
    # offsets a channel no longer wants
    for (target, offset), row in by_key.items():
        if row.state is State.PENDING and offset not in set(targets.get(target, (offset,))):
            cancel.append((row.id, REASON_OFFSETS))
    return Reconciliation(tuple(insert), tuple(cancel), tuple(revive))


def _live_starts(rows: Iterable[ExistingRow]) -> dict[Target, dt.datetime]:
    """Per target, the latest start it has live (pending, sending or sent) reminders for."""
    out: dict[Target, dt.datetime] = {}
    for r in rows:
        if r.state in LIVE and (r.target not in out or r.start > out[r.target]):
            out[r.target] = r.start
    return out


def _off_reason(event: StoredEvent) -> str:
    if event.start_utc is None:
        return "start time no longer known"
    return f"event {event.status.value}"


# --------------------------------------------------------------------------- sending


class Decision(StrEnum):
    """What to do with a due row."""

    SEND = "send"
    SKIP = "skip"
    REPLAN = "replan"


def send_decision(
    event: StoredEvent | None,
    kind: Kind,
    offset: dt.timedelta,
    start: dt.datetime,
    now: dt.datetime,
    *,
    closer_offset_due: bool = False,
    planned_status: str = EventStatus.SCHEDULED.value,
) -> tuple[Decision, str | None]:
    """Send, skip (with the reason to log) or re-plan a due row, looking at the event as stored now.

    A reminder goes out only while its event is on, at the planned start, and not started; a
    notice goes out within :data:`NOTICE_WINDOW` of the start it is about.
    """
    if event is None:
        return Decision.SKIP, "event no longer stored"
    if kind is not Kind.REMINDER:
        if now >= start + NOTICE_WINDOW:
            return Decision.SKIP, "notice too old"
        return Decision.SEND, None
    existing = [ExistingRow(0, Target("", ""), kind, offset, start, State.PENDING, event_status=planned_status)]
    if remind_start(event, existing) != start:
        return Decision.REPLAN, "event changed since the reminder was planned"
    if now >= start:
        return Decision.SKIP, "event already started"
    if closer_offset_due:
        return Decision.SKIP, "superseded by a later reminder due at the same time"
    return Decision.SEND, None


# --------------------------------------------------------------------------- cards


def reminder_card(event: StoredEvent, offset: dt.timedelta, now: dt.datetime, link: str | None = None) -> Card:
    """The reminder: title, countdown, when (UTC and venue time), where, parties, heads, what is expected."""
    start = event.start_utc
    assert start is not None, "a reminder needs an event with a known start"
    countdown = timefmt.countdown(start, now)
    fields = [
        CardField("Starts", countdown),
        CardField("When", timefmt.when(start, event.date, event.timezone), at=start),
    ]
    where = briefing.event_where(event)
    if where:
        fields.append(CardField("Where", where))
    if event.parties:
        fields.append(CardField("Parties", ", ".join(event.parties)))
    heads = [briefing.participant_text(p, full=True) for p in event.participants if p.head]
    if heads:
        fields.append(CardField("Delegation heads", "; ".join(heads)))
    if event.expectations:
        fields.append(CardField("Expected", _clip(event.expectations[0], 240)))
    lines = ("Full briefing: /talks brief",) if link is None else ()
    return Card(
        title=f"Reminder: {event.title} — {countdown}",
        fields=tuple(fields),
        lines=lines,
        kind=CardKind.REMINDER,
        event_id=event.id,
        link=link,
    )


def rescheduled_card(
    event: StoredEvent,
    prev_start: dt.datetime | None,
    offsets: Sequence[dt.timedelta],
    link: str | None = None,
) -> Card:
    """The "Rescheduled" notice: old and new time, and when the reminders now come."""
    fields: list[CardField] = []
    if prev_start is not None:
        fields.append(CardField("Was", timefmt.when(prev_start, None, event.timezone), at=prev_start))
    fields.append(CardField("Now", timefmt.when(event.start_utc, event.date, event.timezone), at=event.start_utc))
    where = briefing.event_where(event)
    if where:
        fields.append(CardField("Where", where))
    lines: tuple[str, ...] = ()
    if offsets:
        lines = ("Reminders moved to " + " and ".join(_before(o) for o in sorted(offsets, reverse=True)) + ".",)
    return Card(
        title=f"Rescheduled: {event.title}",
        fields=tuple(fields),
        lines=lines,
        kind=CardKind.UPDATE,
        event_id=event.id,
        link=link,
    )


def cancelled_card(event: StoredEvent, kind: Kind, planned_start: dt.datetime, link: str | None = None) -> Card:
    """The notice for a cancelled event, or one postponed without a new time: its reminders are off."""
    word = "Postponed" if kind is Kind.POSTPONED else "Cancelled"
    lines = (
        ("No new time announced yet; reminders are off until there is one.",)
        if kind is Kind.POSTPONED
        else ("Its reminders are cancelled.",)
    )
    return Card(
        title=f"{word}: {event.title}",
        fields=(CardField("Was", timefmt.when(planned_start, None, event.timezone), at=planned_start),),
        lines=lines,
        kind=CardKind.UPDATE,
        event_id=event.id,
        link=link,
    )


def notice_card(
    event: StoredEvent,
    kind: Kind,
    start: dt.datetime,
    prev_start: dt.datetime | None,
    offsets: Sequence[dt.timedelta],
    link: str | None = None,
) -> Card:
    """The card for a notice row of ``kind``."""
    if kind is Kind.RESCHEDULED:
        return rescheduled_card(event, prev_start, offsets, link)
    return cancelled_card(event, kind, start, link)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
