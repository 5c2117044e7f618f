"""Which Discord scheduled event mirrors which briefbot event, per guild.

Written only by ``bot.discord_adapter.scheduled_events``; it lives here so
:func:`briefings.store.db.create_schema` creates it with every other table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from briefings.store.db import Base


class DiscordScheduledEventRow(Base):
    """One guild scheduled event created for one stored event."""

    __tablename__ = "discord_scheduled_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[str] = mapped_column(String(32), nullable=False)
    event_id: Mapped[int] = mapped_column(Integer, nullable=False)
    scheduled_id: Mapped[str] = mapped_column(String(32), nullable=False)
    # what was last sent, so an unchanged event is not patched again
    digest: Mapped[str] = mapped_column(String(64), nullable=False)
    # naive UTC, as every briefbot table stores it
    start_utc: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)

    __table_args__ = (UniqueConstraint("guild_id", "event_id", name="uq_discord_sched_guild_event"),)
