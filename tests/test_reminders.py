"""Pure reminder planning: due times, late rules, moves, cancellations, offsets and cards."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from briefings.cards import CardKind
from briefings.model import EventStatus, Participant
from briefings.reminders import (
    Decision,
    ExistingRow,
    Kind,
    State,
    Target,
    format_offsets,
    parse_offsets,
    plan_reminders,
    reconcile,
    reminder_card,
    rescheduled_card,
    send_decision,
)
from briefings.store.api import StoredEvent

M = dt.timedelta(minutes=1)
START = dt.datetime(2025, 5, 16, 9, 30, tzinfo=dt.UTC)
SLACK = Target("slack", "C1")
DISCORD = Target("discord", "42")


def event(**kw: object) -> StoredEvent:
    base = StoredEvent(
        id=7,
        story="istanbul",
        title="Russia-Ukraine peace talks",
        kind="talks",
        status=EventStatus.SCHEDULED,
        date=START.date(),
        start_utc=START,
        timezone="Europe/Istanbul",
        venue="Dolmabahce Palace",
        city="Istanbul",
        country="Turkey",
        parties=("Russia", "Ukraine", "Turkey"),
        participants=(
            Participant("Vladimir Medinsky", "Kremlin aide", "Russia", head=True),
            Participant("Rustem Umerov", "Defence Minister", "Ukraine", head=True),
            Participant("Alexander Fomin", "deputy defence minister", "Russia"),
        ),
        expectations=("expectations for a major breakthrough are low",),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def rows_from(plans: list, state: State = State.PENDING, first_id: int = 1) -> list[ExistingRow]:
    return [
        ExistingRow(first_id + i, p.target, p.kind, p.offset, p.start, state, None, p.event_status)
        for i, p in enumerate(plans)
    ]


def test_plan_each_target_and_offset_once() -> None:
    """Planned 60m and 15m for two channels two hours ahead: four pending rows at start minus offset."""
    plans = plan_reminders(event(), {SLACK: (60 * M, 15 * M), DISCORD: (60 * M, 15 * M)}, START - 120 * M)
    assert sorted((str(p.target), p.offset, p.due, p.state) for p in plans) == sorted(
        (str(t), o, START - o, State.PENDING) for t in (SLACK, DISCORD) for o in (60 * M, 15 * M)
    )


def test_plan_late_keeps_only_the_closest_past_offset() -> None:
    """Learned of the event 10 minutes before: the 15m reminder stays pending (sent at once), 60m is skipped."""
    plans = {p.offset: p for p in plan_reminders(event(), {SLACK: (60 * M, 15 * M, 0 * M)}, START - 10 * M)}
    assert plans[60 * M].state is State.SKIPPED
    assert plans[15 * M].state is State.PENDING
    assert plans[0 * M].state is State.PENDING and plans[0 * M].due == START


def test_plan_nothing_for_started_or_timeless_events() -> None:
    """An event that has started, or has no time, gets no reminders."""
    assert plan_reminders(event(), {SLACK: (15 * M,)}, START) == []
    assert plan_reminders(event(start_utc=None), {SLACK: (15 * M,)}, START - 60 * M) == []


def test_reconcile_is_idempotent() -> None:
    """Reconciled an event against the rows its own plan made: nothing to do."""
    now = START - 120 * M
    targets = {SLACK: (60 * M, 15 * M)}
    first = reconcile(event(), [], targets, now)
    assert len(first.insert) == 2
    assert reconcile(event(), rows_from(list(first.insert)), targets, now).empty


def test_reconcile_move_cancels_plans_and_notices_once() -> None:
    """Moved 09:30 -> 11:00 after the 60m reminder went out: pending 15m cancelled, two new rows, one notice."""
    now = START - 30 * M
    targets = {SLACK: (60 * M, 15 * M)}
    plans = list(reconcile(event(), [], targets, START - 120 * M).insert)
    rows = [replace(r, state=State.SENT) if r.offset == 60 * M else r for r in rows_from(plans)]
    new_start = START + 90 * M
    rec = reconcile(event(start_utc=new_start), rows, targets, now)
    assert [reason for _, reason in rec.cancel] == ["moved"]
    reminders = [p for p in rec.insert if p.kind is Kind.REMINDER]
    notices = [p for p in rec.insert if p.kind is Kind.RESCHEDULED]
    assert sorted(p.due for p in reminders) == [new_start - 60 * M, new_start - 15 * M]
    assert len(notices) == 1 and notices[0].prev_start == START and notices[0].start == new_start
    # the notice row now exists: re-planning again posts no second notice
    after = [*rows, *rows_from(list(rec.insert), first_id=100)]
    again = reconcile(event(start_utc=new_start), after, targets, now)
    assert not [p for p in again.insert if p.kind is Kind.RESCHEDULED]


def test_reconcile_move_back_revives_cancelled_rows() -> None:
    """Moved away and back: the rows cancelled by the move come back instead of new ones."""
    now = START - 120 * M
    targets = {SLACK: (15 * M,)}
    row = rows_from(list(reconcile(event(), [], targets, now).insert))[0]
    back = reconcile(event(), [replace(row, state=State.CANCELLED, reason="moved")], targets, now)
    assert [r.row_id for r in back.revive] == [row.id] and back.revive[0].state is State.PENDING


@pytest.mark.parametrize(
    ("status", "kind"), [(EventStatus.CANCELLED, Kind.CANCELLED), (EventStatus.POSTPONED, Kind.POSTPONED)]
)
def test_reconcile_cancelled_or_postponed_without_time(status: EventStatus, kind: Kind) -> None:
    """Cancelled, or postponed keeping the old time: every pending reminder cancelled, one notice per channel."""
    now = START - 120 * M
    targets = {SLACK: (60 * M, 15 * M)}
    rows = rows_from(list(reconcile(event(), [], targets, now).insert))
    rec = reconcile(event(status=status), rows, targets, now)
    assert sorted(i for i, _ in rec.cancel) == [r.id for r in rows]
    assert [(p.kind, p.target) for p in rec.insert] == [(kind, SLACK)]


def test_postponed_to_a_new_time_is_a_move() -> None:
    """Postponed with a new start: reminders move to it and a Rescheduled notice is planned."""
    now = START - 120 * M
    targets = {SLACK: (15 * M,)}
    rows = rows_from(list(reconcile(event(), [], targets, now).insert))
    new = START + dt.timedelta(days=1)
    rec = reconcile(event(status=EventStatus.POSTPONED, start_utc=new), rows, targets, now)
    assert {p.kind for p in rec.insert} == {Kind.REMINDER, Kind.RESCHEDULED}
    assert [p.due for p in rec.insert if p.kind is Kind.REMINDER] == [new - 15 * M]


def test_reconcile_channel_offsets_change() -> None:
    """A channel switched from 60m,15m to 30m,5m: old pending offsets cancelled, new ones planned."""
    now = START - 120 * M
    rows = rows_from(list(reconcile(event(), [], {SLACK: (60 * M, 15 * M)}, now).insert))
    rec = reconcile(event(), rows, {SLACK: (30 * M, 5 * M)}, now)
    assert sorted(reason for _, reason in rec.cancel) == ["offsets changed"] * 2
    assert sorted(p.offset for p in rec.insert) == [5 * M, 30 * M]


def test_send_decision_late_rule() -> None:
    """Due while down: sent while the event has not started, skipped at or after the start, never sent after."""
    ev = event()
    assert send_decision(ev, Kind.REMINDER, 15 * M, START, START - 5 * M)[0] is Decision.SEND
    assert send_decision(ev, Kind.REMINDER, 15 * M, START, START)[0] is Decision.SKIP
    assert send_decision(ev, Kind.REMINDER, 60 * M, START, START - 5 * M, closer_offset_due=True)[0] is Decision.SKIP
    # the event moved since this row was planned: re-plan rather than send a stale reminder
    assert send_decision(event(start_utc=START + 60 * M), Kind.REMINDER, 15 * M, START, START - 20 * M)[0] is (
        Decision.REPLAN
    )
    assert send_decision(None, Kind.REMINDER, 15 * M, START, START - 20 * M)[0] is Decision.SKIP


def test_reminder_card_says_what_matters() -> None:
    """Built a late 15m reminder: countdown from now, UTC and Istanbul time, venue, parties, heads, expectation."""
    card = reminder_card(event(), 15 * M, START - 5 * M)
    text = card.plain_text()
    assert card.kind is CardKind.REMINDER and card.event_id == 7
    assert "in 5 min" in card.title
    for bit in ("09:30 UTC", "12:30 Istanbul (GMT+3)", "Dolmabahce Palace", "Russia, Ukraine, Turkey"):
        assert bit in text
    assert "Vladimir Medinsky" in text and "Rustem Umerov" in text and "Fomin" not in text
    assert "breakthrough" in text and "/talks brief" in text
    assert next(f for f in card.fields if f.label == "When").at == START


def test_rescheduled_card() -> None:
    """The notice names the old and new time and when the reminders now come."""
    card = rescheduled_card(event(start_utc=START + 120 * M), START, (60 * M, 15 * M))
    text = card.plain_text()
    assert card.title.startswith("Rescheduled:") and "09:30 UTC" in text and "11:30 UTC" in text
    assert "1 h before and 15 min before" in text


def test_parse_and_format_offsets() -> None:
    """Offsets read as minutes by default, hours with h; nonsense is refused."""
    assert parse_offsets("30m, 5") == (30 * M, 5 * M)
    assert parse_offsets("1h,0m") == (60 * M, 0 * M)
    assert format_offsets(parse_offsets("2h,15m,0m")) == "2h,15m,0m"
    for bad in ("", "soon", "9999h"):
        with pytest.raises(ValueError):
            parse_offsets(bad)
