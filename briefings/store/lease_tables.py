"""The leader lease: one row per lease name saying which instance holds it and until when."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from briefings.store.db import Base
from briefings.store.tables import UTCDateTime


class LeaseRow(Base):
    """A lease such as ``scheduler``: held by ``holder`` until ``expires_at`` unless renewed."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128), nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    acquired_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    # bumped on every change of holder: a fencing number for whoever wants one
    term: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
