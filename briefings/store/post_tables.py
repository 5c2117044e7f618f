"""The post ledger: every channel post briefbot makes, recorded before it is sent.

One row per (platform, channel, what) under a unique ``dedupe_key``, so the same briefing or
update can never be queued twice; ``state`` moves pending -> sending -> sent (or failed when
the platform says retrying cannot help). :mod:`briefings.outbox` is the only writer.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from briefings.store.db import Base


class PostRow(Base):
    """One durable post: a new briefing, or an update (edit the original and reply in its thread)."""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(32), nullable=False)
    channel: Mapped[str] = mapped_column(String(128), nullable=False)
    # the main event of the post, and every event it covers as ",3,4," (a story briefing covers several)
    event_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    event_ids: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    # "new": post the card; "update": edit the event's message with edit_card, reply with card
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    dedupe_key: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)
    card_json: Mapped[str] = mapped_column(Text, nullable=False)
    edit_card_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    # pending | sending | sent | failed
    state: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # naive UTC: SQLite keeps no offsets, so the outbox stores and compares UTC wall times
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    claim_token: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # the platform's reference of the message this row posted (new) or replied with (update)
    message_ref: Mapped[str | None] = mapped_column(String(128), nullable=True)
    # update rows: the message they edit and thread under, and whether the edit is done
    parent_ref: Mapped[str | None] = mapped_column(String(128), nullable=True)
    edited: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    __table_args__ = (
        Index("ix_posts_state_due", "state", "next_attempt_at"),
        Index("ix_posts_event", "platform", "channel", "event_id", "kind"),
    )
