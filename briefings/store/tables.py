"""Tables of the event store: articles, events and the articles reporting them, people, expectations,
change history, conflicts and stories. Only :mod:`briefings.store.repository` touches them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from briefings.store.db import Base


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, whatever the backend keeps."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; the core keeps aware UTC times")
        value = value.astimezone(dt.UTC)
        # SQLite has no zone type: keep naive UTC there
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class ArticleRow(Base):
    """One ingested article; unique by canonical URL, else by content hash."""

    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(2000))
    url: Mapped[str | None] = mapped_column(String(2000), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    headline: Mapped[str | None] = mapped_column(String(1000))
    outlet: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[dt.date | None] = mapped_column(Date)
    ingested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # deferred: source lists and histories need the metadata, never the body
    text: Mapped[str] = mapped_column(Text, deferred=True)


class StoryRow(Base):
    """A group of events about one subject, keyed by core parties and city."""

    __tablename__ = "stories"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    words: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class EventRow(Base):
    """A meeting's current state after every article read so far."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_key: Mapped[str] = mapped_column(ForeignKey("stories.key"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    start_utc: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    timezone: Mapped[str | None] = mapped_column(String(100))
    venue: Mapped[str | None] = mapped_column(String(500))
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(200))
    parties: Mapped[list[str]] = mapped_column(JSON, default=list)
    # publication date and id of the newest article that shaped the state (older ones never roll it back)
    as_of_published: Mapped[dt.date] = mapped_column(Date)
    as_of_article: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    sources: Mapped[list[EventSourceRow]] = relationship(order_by="EventSourceRow.article_id", lazy="raise")
    participants: Mapped[list[ParticipantRow]] = relationship(order_by="ParticipantRow.position", lazy="raise")
    expectations: Mapped[list[ExpectationRow]] = relationship(order_by="ExpectationRow.id", lazy="raise")
    changes: Mapped[list[EventChangeRow]] = relationship(order_by="EventChangeRow.id", lazy="raise")
    conflicts: Mapped[list[ConflictRow]] = relationship(order_by="ConflictRow.id", lazy="raise")


class EventSourceRow(Base):
    """An article that reported an event."""

    __tablename__ = "event_sources"
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    evidence: Mapped[str] = mapped_column(Text, default="")
    article: Mapped[ArticleRow] = relationship(lazy="raise")


class ParticipantRow(Base):
    """A person (or unnamed role) taking part in an event, merged across its sources."""

    __tablename__ = "participants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[str | None] = mapped_column(String(500))
    affiliation: Mapped[str | None] = mapped_column(String(300))
    head: Mapped[bool] = mapped_column(Boolean, default=False)


class ExpectationRow(Base):
    """What an article says is expected of an event."""

    __tablename__ = "expectations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)


class EventChangeRow(Base):
    """One change of one field of an event: old, new, and the article that said so."""

    __tablename__ = "event_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(50))
    old: Mapped[str | None] = mapped_column(String(500))
    new: Mapped[str | None] = mapped_column(String(500))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    learned_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    article: Mapped[ArticleRow] = relationship(lazy="raise")


class ConflictRow(Base):
    """A source reporting a value other than the event's without saying it changed."""

    __tablename__ = "conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(50))
    value: Mapped[str] = mapped_column(String(500))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    article: Mapped[ArticleRow] = relationship(lazy="raise")


class EventKeyRow(Base):
    """Index of what an event can be found by (a party, a city, a person), so matching loads few candidates."""

    __tablename__ = "event_keys"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)

    __table_args__ = (Index("ix_event_keys_event", "event_id"),)
