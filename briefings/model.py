"""Domain values shared by every stage: small, immutable, platform-neutral."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class EventStatus(StrEnum):
    """Where a meeting stands, as the news last reported it."""

    SCHEDULED = "scheduled"
    ONGOING = "ongoing"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as ingested: plain text body plus what we know about it."""

    text: str
    source: str
    headline: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None

    @property
    def content_hash(self) -> str:
        """Stable hash of the normalised body, for de-duplication when no canonical URL exists."""
        norm = " ".join(self.text.split()).lower()
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Participant:
    """A person taking part in a meeting; ``name`` is None for unnamed roles."""

    name: str | None
    role: str | None = None
    affiliation: str | None = None
    head: bool = False


@dataclass(frozen=True, slots=True)
class ExtractedEvent:
    """A meeting as one article describes it."""

    title: str
    kind: str
    status: EventStatus = EventStatus.SCHEDULED
    date: date | None = None
    start_utc: datetime | None = None
    timezone: str | None = None
    venue: str | None = None
    city: str | None = None
    country: str | None = None
    parties: tuple[str, ...] = ()
    participants: tuple[Participant, ...] = ()
    evidence: str = ""
    notes: tuple[str, ...] = ()
    # a postponement that names the new slot: (new date, new start) in that order
    new_date: dt.date | None = None
    new_start_utc: datetime | None = None

    @property
    def location(self) -> str | None:
        """Venue and city joined for display: "Dolmabahce Palace, Istanbul" (the country when no city is known)."""
        parts = [p for p in (self.venue, self.city or self.country) if p]
        return ", ".join(parts) if parts else None


@dataclass(frozen=True, slots=True)
class Position:
    """A side's stated position, quoted or reported."""

    side: str
    statement: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one article tells us: its events and the article-level context."""

    published: date | None
    headline: str | None
    events: tuple[ExtractedEvent, ...] = ()
    expectations: tuple[str, ...] = ()
    positions: tuple[Position, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
