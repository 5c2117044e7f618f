"""Builders for articles and extractions, so store tests do not depend on the extractor's quality."""

from __future__ import annotations

import datetime as dt

from briefings.model import Article, EventStatus, ExtractedEvent, Extraction, Participant

UTC = dt.UTC
NOW = dt.datetime(2025, 5, 20, 12, 0, tzinfo=UTC)

MEDINSKY = Participant("Vladimir Medinsky", "Kremlin aide", "Russia", head=True)
UMEROV = Participant("Rustem Umerov", "Defence Minister", "Ukraine", head=True)
ANTON = Participant("Michael Anton", "director of policy planning", "United States")


def at(day: int, hour: int, minute: int = 0, month: int = 5) -> dt.datetime:
    """An aware UTC moment in 2025."""
    return dt.datetime(2025, month, day, hour, minute, tzinfo=UTC)


def talks(**kw: object) -> ExtractedEvent:
    """The Russia-Ukraine talks in Istanbul, with any field overridden."""
    base: dict[str, object] = dict(
        title="Russia-Ukraine peace talks",
        kind="talks",
        date=dt.date(2025, 5, 16),
        start_utc=at(16, 9, 30),
        timezone="Europe/Istanbul",
        venue="Dolmabahce Palace",
        city="Istanbul",
        country="Turkey",
        parties=("Turkey", "Russia", "Ukraine"),
        participants=(MEDINSKY, UMEROV),
        evidence="talks between Turkish, Russian and Ukrainian delegations at 0930 GMT",
    )
    base.update(kw)
    return ExtractedEvent(**base)  # type: ignore[arg-type]


def us_meeting(**kw: object) -> ExtractedEvent:
    """The Turkey-US-Ukraine meeting before the talks."""
    base: dict[str, object] = dict(
        title="Turkish, US and Ukrainian officials meet",
        kind="meeting",
        date=dt.date(2025, 5, 16),
        start_utc=at(16, 7, 45),
        timezone="Europe/Istanbul",
        city="Istanbul",
        country="Turkey",
        parties=("Turkey", "United States", "Ukraine"),
        participants=(ANTON,),
        evidence="a meeting between Turkish, US and Ukrainian officials would take place at 0745 GMT",
    )
    base.update(kw)
    return ExtractedEvent(**base)  # type: ignore[arg-type]


def article(name: str, published: dt.date | None, text: str | None = None, url: str | None = None) -> Article:
    """An article whose body is unique to its name unless ``text`` is given."""
    return Article(text=text or f"body of {name}", source=name, headline=name, published=published, url=url)


def extraction(published: dt.date | None, *events: ExtractedEvent, expectations: tuple[str, ...] = ()) -> Extraction:
    """An extraction of the given events."""
    return Extraction(published=published, headline=None, events=events, expectations=expectations)


def d(day: int, month: int = 5) -> dt.date:
    """A 2025 date."""
    return dt.date(2025, month, day)


__all__ = [
    "ANTON",
    "MEDINSKY",
    "NOW",
    "UMEROV",
    "EventStatus",
    "article",
    "at",
    "d",
    "extraction",
    "talks",
    "us_meeting",
]
