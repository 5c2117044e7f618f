"""The reminders ledger and per-channel offsets: the store is the source of truth for reminders.

One row per (event, platform, channel, kind, offset, planned start). The unique key is what makes
each reminder exist once however often, and by however many instances, an event is planned; the
planned start is part of it so that a moved event gets fresh rows while the cancelled ones stay as
history. ``state`` moves pending -> sending (claimed, in a transaction, before the post) -> sent,
or to cancelled/skipped with a reason. Only :mod:`briefings.reminder_service` writes here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from briefings.store.db import Base
from briefings.store.tables import UTCDateTime


class ReminderRow(Base):
    """One reminder (or Rescheduled/Cancelled notice) for one event in one channel."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(Integer, nullable=False)
    platform: Mapped[str] = mapped_column(String(32), nullable=False)
    channel: Mapped[str] = mapped_column(String(128), nullable=False)
    # reminder | rescheduled | cancelled | postponed
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="reminder")
    offset_s: Mapped[int] = mapped_column(Integer, nullable=False)
    start_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    # the event's status when the row was planned: tells "postponed to a new time" from "postponed"
    event_status: Mapped[str] = mapped_column(String(16), nullable=False, default="scheduled")
    prev_start_utc: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # pending | sending | sent | cancelled | skipped
    state: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # how often a claim left in `sending` by a dead process was taken back (at most once is resent)
    recoveries: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    retry_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    message_ref: Mapped[str | None] = mapped_column(String(128), nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (
        UniqueConstraint("event_id", "platform", "channel", "kind", "offset_s", "start_utc", name="uq_reminder"),
        Index("ix_reminders_state_due", "state", "due_at"),
        Index("ix_reminders_channel", "platform", "channel", "state"),
    )


class ChannelOffsetsRow(Base):
    """A channel's own reminder offsets (``/talks remind 30m,5m``), overriding the global ones."""

    __tablename__ = "reminder_channel_offsets"

    platform: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel: Mapped[str] = mapped_column(String(128), primary_key=True)
    # "30m,5m" as parse_offsets reads it
    offsets: Mapped[str] = mapped_column(String(200), nullable=False)
    set_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
