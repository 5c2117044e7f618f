"""What the store hands to the rest of the core: immutable views of stored events and stories.

The SQLAlchemy tables stay inside ``briefings.store``; commands, briefings, reminders and
adapters only ever see these values and the :class:`EventStore` protocol.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from briefings.model import Article, EventStatus, Extraction, Participant


@dataclass(frozen=True, slots=True)
class SourceRef:
    """An article that reported an event."""

    article_id: int
    source: str
    headline: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """One field of an event changed: old value, new value, and which article said so.

    Values are display strings (ISO for dates and times), so a change can be posted as is.
    """

    field: str
    old: str | None
    new: str | None
    article_id: int
    source: str
    learned_at: dt.datetime
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """A source that reports a value different from the event's current one without saying it changed."""

    field: str
    value: str
    source: str
    article_id: int


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as the store knows it now, after every article read so far."""

    id: int
    story: str
    title: str
    kind: str
    status: EventStatus
    date: dt.date | None
    start_utc: dt.datetime | None
    timezone: str | None
    venue: str | None
    city: str | None
    country: str | None
    parties: tuple[str, ...]
    participants: tuple[Participant, ...]
    sources: tuple[SourceRef, ...] = ()
    history: tuple[Change, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    expectations: tuple[str, ...] = ()
    updated_at: dt.datetime | None = None

    @property
    def location(self) -> str | None:
        """Venue and city for display (the country when no city is known)."""
        parts = [p for p in (self.venue, self.city or self.country) if p]
        return ", ".join(parts) if parts else None


@dataclass(frozen=True, slots=True)
class Story:
    """A group of events about one subject (e.g. the Istanbul Russia-Ukraine talks)."""

    key: str
    title: str
    event_ids: tuple[int, ...]
    updated_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What storing one article did."""

    article_id: int | None
    duplicate: bool
    created: tuple[StoredEvent, ...] = ()
    changed: tuple[tuple[StoredEvent, tuple[Change, ...]], ...] = ()
    merged: tuple[StoredEvent, ...] = ()
    extraction: Extraction | None = field(default=None, compare=False)
    # where posts about this article go, when its source names channels (a feed's targets); empty: everywhere
    channels: tuple[str, ...] = ()


class EventStore(Protocol):
    """The store's interface as the rest of the core uses it."""

    async def add_article(self, article: Article, extraction: Extraction, now: dt.datetime) -> IngestResult:
        """Store an article and merge its events; a known article is a no-op with ``duplicate=True``."""
        ...

    async def add_articles(
        self, items: Sequence[tuple[Article, Extraction]], now: Callable[[], dt.datetime]
    ) -> list[IngestResult | Exception]:
        """Store articles in order as ``add_article`` would, together; a failed article's place holds its error."""
        ...

    async def events(self) -> list[StoredEvent]:
        """Every stored event, oldest first."""
        ...

    async def event(self, event_id: int) -> StoredEvent | None:
        """One event by id."""
        ...

    async def stories(self) -> list[Story]:
        """Every story, most recently updated first."""
        ...

    async def story_events(self, topic: str | None, now: dt.datetime) -> list[StoredEvent]:
        """Events of the story a topic names (``None``: the most recent story with upcoming events)."""
        ...

    async def story_title(self, key: str) -> str | None:
        """One story's title, if the story exists."""
        ...
