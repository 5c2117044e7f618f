"""Feed tables (feeds and the items already seen) and the repository the poller and commands use.

Seen items are kept as three keys: the GUID (per feed, since GUIDs like "1" collide across
publishers), the canonical link and the content hash (both across feeds, so the same story in
two feeds, or one a publisher re-issued under a new GUID, is taken once).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from briefings.feeds_config import FeedConfigError, FeedSpec
from briefings.store.db import Base, sessionmaker
from briefings.store.tables import UTCDateTime

# the initial migration was generated when this module had its own copy of the type
_UtcDateTime = UTCDateTime


class FeedRow(Base):
    """A polled feed: its configuration and its polling state."""

    __tablename__ = "feeds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    interval: Mapped[int] = mapped_column(Integer, nullable=False, default=300)
    keywords: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    channels: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    origin: Mapped[str] = mapped_column(String(20), nullable=False, default="command")
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    primed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_success: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    next_poll: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    items_seen: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    items_ingested: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


class FeedItemRow(Base):
    """An item of a feed already seen (ingested, filtered out, or skipped on the first poll)."""

    __tablename__ = "feed_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False)
    guid_key: Mapped[str | None] = mapped_column(String(64))
    link_key: Mapped[str | None] = mapped_column(String(64))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    ingested: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (
        Index("ix_feed_items_guid", "feed_id", "guid_key"),
        Index("ix_feed_items_link", "link_key"),
        Index("ix_feed_items_hash", "content_hash"),
    )


@dataclass(frozen=True, slots=True)
class FeedState:
    """A feed as stored: its spec plus its health."""

    id: int
    spec: FeedSpec
    origin: str
    enabled: bool
    disabled_reason: str | None
    primed: bool
    etag: str | None
    last_modified: str | None
    failures: int
    last_success: dt.datetime | None
    last_error: str | None
    last_error_at: dt.datetime | None
    next_poll: dt.datetime | None
    items_seen: int
    items_ingested: int

    @property
    def name(self) -> str:
        """The feed's name."""
        return self.spec.name

    @property
    def url(self) -> str:
        """The feed's URL."""
        return self.spec.url


@dataclass(frozen=True, slots=True)
class ItemKeys:
    """The three keys an item is recognised by; any one of them known means seen."""

    guid: str | None
    link: str | None
    content: str | None


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll changes on a feed's row."""

    success: bool
    next_poll: dt.datetime
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    disable_reason: str | None = None
    primed: bool | None = None


def _new_row(spec: FeedSpec, name: str, origin: str, now: dt.datetime) -> FeedRow:
    """A fresh, enabled, unprimed feed row: its first poll is due at ``now``."""
    return FeedRow(
        url=spec.url,
        name=name,
        interval=spec.interval,
        keywords=json.dumps(list(spec.keywords)),
        channels=json.dumps(list(spec.channels)),
        origin=origin,
        enabled=True,
        primed=False,
        failures=0,
        items_seen=0,
        items_ingested=0,
        next_poll=now,
        created_at=now,
    )


def _state(row: FeedRow) -> FeedState:
    return FeedState(
        id=row.id,
        spec=FeedSpec(
            url=row.url,
            name=row.name,
            interval=row.interval,
            keywords=tuple(json.loads(row.keywords)),
            channels=tuple(json.loads(row.channels)),
        ),
        origin=row.origin,
        enabled=row.enabled,
        disabled_reason=row.disabled_reason,
        primed=row.primed,
        etag=row.etag,
        last_modified=row.last_modified,
        failures=row.failures,
        last_success=row.last_success,
        last_error=row.last_error,
        last_error_at=row.last_error_at,
        next_poll=row.next_poll,
        items_seen=row.items_seen,
        items_ingested=row.items_ingested,
    )


class FeedRepository:
    """Reads and writes the feed tables; every method is one short transaction."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = sessionmaker(engine)

    async def all(self) -> list[FeedState]:
        """Every feed, by name."""
        async with self._sessions() as s:
            rows = (await s.execute(select(FeedRow).order_by(func.lower(FeedRow.name)))).scalars().all()
        return [_state(r) for r in rows]

    async def get(self, key: str) -> FeedState | None:
        """A feed by URL, or by name (case-insensitively)."""
        async with self._sessions() as s:
            row = await self._find(s, key)
            return _state(row) if row else None

    async def _find(self, s: AsyncSession, key: str) -> FeedRow | None:
        key = key.strip()
        row = (await s.execute(select(FeedRow).where(FeedRow.url == key))).scalar_one_or_none()
        if row is None:
            q = select(FeedRow).where(func.lower(FeedRow.name) == key.lower())
            row = (await s.execute(q)).scalar_one_or_none()
        return row

    async def add(self, spec: FeedSpec, now: dt.datetime, origin: str = "command") -> FeedState:
        """Add a feed, due at once; :class:`FeedConfigError` when its URL or name is taken."""
        async with self._sessions() as s, s.begin():
            clash = (
                await s.execute(
                    select(FeedRow).where(or_(FeedRow.url == spec.url, func.lower(FeedRow.name) == spec.name.lower()))
                )
            ).scalar_one_or_none()
            if clash is not None:
                what = "URL" if clash.url == spec.url else "name"
                raise FeedConfigError(f"a feed with that {what} is already there: {clash.name} ({clash.url})")
            row = _new_row(spec, spec.name, origin, now)
            s.add(row)
            await s.flush()
            return _state(row)

    async def sync(self, specs: Sequence[FeedSpec], now: dt.datetime, origin: str = "file") -> list[FeedState]:
        """Make the feeds of ``origin`` match ``specs``: add new ones, update changed ones, drop removed ones.

        Polling state (seen items, ETag, health) survives an edit of the file, so a restart never floods.
        """
        by_url = {s.url: s for s in specs}
        async with self._sessions() as s, s.begin():
            rows = (await s.execute(select(FeedRow))).scalars().all()
            for row in rows:
                spec = by_url.pop(row.url, None)
                if spec is None:
                    if row.origin == origin:
                        await s.delete(row)
                    continue
                row.name = spec.name
                row.interval = spec.interval
                row.keywords = json.dumps(list(spec.keywords))
                row.channels = json.dumps(list(spec.channels))
            taken = {r.name.lower() for r in rows}
            for spec in by_url.values():
                name = spec.name if spec.name.lower() not in taken else f"{spec.name} ({spec.url})"[:200]
                taken.add(name.lower())
                s.add(_new_row(spec, name, origin, now))
        return await self.all()

    async def remove(self, key: str) -> FeedState | None:
        """Remove a feed (by URL or name) and its seen items; returns what was removed."""
        async with self._sessions() as s, s.begin():
            row = await self._find(s, key)
            if row is None:
                return None
            state = _state(row)
            await s.execute(delete(FeedItemRow).where(FeedItemRow.feed_id == row.id))
            await s.delete(row)
            return state

    async def retry(self, key: str, now: dt.datetime) -> FeedState | None:
        """Re-enable a feed, clear its failure count and make it due now."""
        async with self._sessions() as s, s.begin():
            row = await self._find(s, key)
            if row is None:
                return None
            row.enabled = True
            row.disabled_reason = None
            row.failures = 0
            row.next_poll = now
            return _state(row)

    async def due(self, now: dt.datetime) -> list[FeedState]:
        """Enabled feeds whose next poll is now or past."""
        q = select(FeedRow).where(FeedRow.enabled.is_(True), or_(FeedRow.next_poll.is_(None), FeedRow.next_poll <= now))
        async with self._sessions() as s:
            rows = (await s.execute(q.order_by(FeedRow.next_poll))).scalars().all()
        return [_state(r) for r in rows]

    async def record(self, feed_id: int, outcome: PollOutcome, now: dt.datetime) -> FeedState | None:
        """Store the outcome of one poll: health, failure count, next poll, validators."""
        async with self._sessions() as s, s.begin():
            row = await s.get(FeedRow, feed_id)
            if row is None:  # removed while it was being polled
                return None
            row.next_poll = outcome.next_poll
            if outcome.success:
                row.failures = 0
                row.last_success = now
                if outcome.etag is not None or outcome.last_modified is not None:
                    row.etag = outcome.etag
                    row.last_modified = outcome.last_modified
                if outcome.primed is not None:
                    row.primed = outcome.primed
                if outcome.error:  # a warning: parsed, but not cleanly
                    row.last_error, row.last_error_at = outcome.error, now
            else:
                row.failures += 1
                row.last_error, row.last_error_at = outcome.error, now
            if outcome.disable_reason:
                row.enabled = False
                row.disabled_reason = outcome.disable_reason
            return _state(row)

    async def seen(self, feed_id: int, keys: Sequence[ItemKeys]) -> list[bool]:
        """For each item, whether any of its keys is known (GUID in this feed; link or hash in any)."""
        guids = {k.guid for k in keys if k.guid}
        links = {k.link for k in keys if k.link}
        hashes = {k.content for k in keys if k.content}
        known_g: set[str] = set()
        known_l: set[str] = set()
        known_h: set[str] = set()
        async with self._sessions() as s:
            for chunk in _chunks(sorted(guids)):
                q = select(FeedItemRow.guid_key).where(FeedItemRow.feed_id == feed_id, FeedItemRow.guid_key.in_(chunk))
                known_g.update(x for x in (await s.execute(q)).scalars() if x)
            for chunk in _chunks(sorted(links)):
                q = select(FeedItemRow.link_key).where(FeedItemRow.link_key.in_(chunk))
                known_l.update(x for x in (await s.execute(q)).scalars() if x)
            for chunk in _chunks(sorted(hashes)):
                q = select(FeedItemRow.content_hash).where(FeedItemRow.content_hash.in_(chunk))
                known_h.update(x for x in (await s.execute(q)).scalars() if x)
        return [
            bool(
                (k.guid and k.guid in known_g) or (k.link and k.link in known_l) or (k.content and k.content in known_h)
            )
            for k in keys
        ]

    async def mark_seen(
        self, feed_id: int, items: Iterable[tuple[ItemKeys, bool]], now: dt.datetime
    ) -> FeedState | None:
        """Remember items as seen (``True``: it was ingested) and count them on the feed."""
        batch = list(items)
        async with self._sessions() as s, s.begin():
            row = await s.get(FeedRow, feed_id)
            if row is None:
                return None
            if batch:
                s.add_all(
                    FeedItemRow(
                        feed_id=feed_id,
                        guid_key=k.guid,
                        link_key=k.link,
                        content_hash=k.content,
                        ingested=ingested,
                        seen_at=now,
                    )
                    for k, ingested in batch
                )
                await s.execute(
                    update(FeedRow)
                    .where(FeedRow.id == feed_id)
                    .values(
                        items_seen=FeedRow.items_seen + len(batch),
                        items_ingested=FeedRow.items_ingested + sum(1 for _, i in batch if i),
                    )
                )
            await s.refresh(row)
            return _state(row)


def _chunks(values: Sequence[str], size: int = 400) -> Iterable[list[str]]:
    for i in range(0, len(values), size):
        yield list(values[i : i + size])
