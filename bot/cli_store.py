"""``briefbot ingest`` and ``briefbot events``: sources into the store, and the store's events out."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import logging
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

from briefings.clock import SystemClock
from briefings.errors import BriefbotError, StoreError
from briefings.ingest import IngestOptions, SourceReader, articles_from_bytes
from briefings.model import Article
from briefings.service import BriefingService
from briefings.store.api import StoredEvent
from briefings.store.repository import SqlEventStore
from config.settings import Settings, load_settings

log = logging.getLogger(__name__)

# from this many sources on, a progress bar is shown (on a terminal, without --quiet)
PROGRESS_FROM = 5
# sources read ahead of the one being stored
_READ_AHEAD = 8
# articles stored in one transaction (a bad one falls back to one-by-one for its batch only)
_BATCH = 256


@dataclass
class IngestTally:
    """What a whole ``briefbot ingest`` run did."""

    articles: int = 0
    duplicates: int = 0
    created: int = 0
    changed: int = 0
    merged: int = 0
    failures: list[str] = field(default_factory=list)


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BriefbotError(f"--published {value!r}: use YYYY-MM-DD") from None


async def _read(reader: SourceReader, source: str) -> list[Article]:
    if source == "-":
        raw = await asyncio.to_thread(sys.stdin.buffer.read)
        return articles_from_bytes(raw, "-", options=reader.options)
    return await reader.read(source)


@contextlib.contextmanager
def _progress(total: int, quiet: bool) -> Iterator[Any]:
    """A rich progress bar on stderr when it is a terminal and there are many sources, else a no-op."""
    if quiet or total < PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        yield bar


async def ingest_sources(
    sources: list[str], service: BriefingService, options: IngestOptions, *, quiet: bool = True
) -> IngestTally:
    """Read every source (a few ahead, concurrently) and store them in the order given; failures are tallied."""
    tally = IngestTally()
    sem = asyncio.Semaphore(_READ_AHEAD)
    async with SourceReader(options) as reader:

        async def read(source: str) -> list[Article]:
            async with sem:
                return await _read(reader, source)

        async def in_order() -> AsyncIterator[tuple[str, asyncio.Task[list[Article]]]]:
            pending: list[tuple[str, asyncio.Task[list[Article]]]] = []
            it = iter(sources)
            for source in it:
                pending.append((source, asyncio.create_task(read(source))))
                if len(pending) >= _READ_AHEAD * 2:
                    yield pending.pop(0)
            while pending:
                yield pending.pop(0)

        pending: list[Article] = []

        async def store() -> None:
            batch = pending[:]
            pending.clear()
            for article, result in zip(batch, await service.ingest_articles(batch), strict=True):
                if isinstance(result, StoreError):
                    raise result
                if isinstance(result, BriefbotError):
                    tally.failures.append(str(result))
                elif isinstance(result, Exception):  # an extractor bug on one article must not stop the batch
                    log.debug("ingest of %s failed", article.source, exc_info=result)
                    tally.failures.append(f"{article.source}: failed: {result.__class__.__name__}: {result}")
                else:
                    tally.articles += 1
                    tally.duplicates += int(result.duplicate)
                    tally.created += len(result.created)
                    tally.changed += len(result.changed)
                    tally.merged += len(result.merged)

        with _progress(len(sources), quiet) as bar:
            task_id = bar.add_task("ingest", total=len(sources)) if bar is not None else None
            async for _source, task in in_order():
                try:
                    pending.extend(await task)
                except BriefbotError as exc:
                    await store()  # failures are listed in source order
                    tally.failures.append(str(exc))
                if len(pending) >= _BATCH:
                    await store()
                if bar is not None:
                    bar.advance(task_id)
            await store()
    return tally


async def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    options = IngestOptions(
        max_bytes=settings.max_article_bytes,
        timeout=settings.fetch_timeout,
        user_agent=settings.user_agent,
        published=_published(getattr(args, "published", None)),
    )
    async with SqlEventStore(settings.database_url) as store:
        service = BriefingService(store, SystemClock())
        tally = await ingest_sources(list(args.sources), service, options, quiet=bool(getattr(args, "quiet", False)))
    for line in tally.failures:
        print(f"briefbot: {line}", file=sys.stderr)
    if not getattr(args, "quiet", False):
        new = tally.articles - tally.duplicates
        print(
            f"{new} article{'s' if new != 1 else ''} stored ({tally.duplicates} already known): "
            f"{tally.created} new events, {tally.changed} changed, {tally.merged} confirmed"
            + (f"; {len(tally.failures)} failed" if tally.failures else ""),
            file=sys.stderr,
        )
    return 1 if tally.failures else 0


def ingest(args: argparse.Namespace) -> int:
    """``briefbot ingest SOURCE...``: exit 0 when every source was read, 1 when any failed, 2 on a store error."""
    try:
        return asyncio.run(_ingest(args, load_settings()))
    except BriefbotError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return 2


# ------------------------------------------------------------------------------------ events


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def event_json(ev: StoredEvent) -> dict[str, Any]:
    """One stored event in the ``briefbot events --format json`` contract (see the eval README)."""
    return {
        "id": ev.id,
        "story": ev.story,
        "title": ev.title,
        "kind": ev.kind,
        "status": ev.status.value,
        "date": ev.date.isoformat() if ev.date else None,
        "start_utc": _iso(ev.start_utc),
        "timezone": ev.timezone,
        "location": ev.location,
        "venue": ev.venue,
        "city": ev.city,
        "country": ev.country,
        "parties": list(ev.parties),
        "participants": [
            {"name": p.name, "role": p.role, "affiliation": p.affiliation, "head": p.head} for p in ev.participants
        ],
        "sources": [
            {
                "article_id": s.article_id,
                "source": s.source,
                "headline": s.headline,
                "url": s.url,
                "outlet": s.outlet,
                "published": s.published.isoformat() if s.published else None,
            }
            for s in ev.sources
        ],
        "history": [
            {
                "field": c.field,
                "old": c.old,
                "new": c.new,
                "source": c.source,
                "article_id": c.article_id,
                "published": c.published.isoformat() if c.published else None,
                "learned_at": _iso(c.learned_at),
            }
            for c in ev.history
        ],
        "conflicts": [
            {"field": c.field, "value": c.value, "source": c.source, "article_id": c.article_id} for c in ev.conflicts
        ],
        "expectations": list(ev.expectations),
        "updated_at": _iso(ev.updated_at),
    }


def event_text(ev: StoredEvent) -> list[str]:
    """A readable timeline of one event: current state, then each change and conflict with its source."""
    when = ev.start_utc.strftime("%a %d %b %Y %H:%M UTC") if ev.start_utc else None
    when = when or (ev.date.strftime("%a %d %b %Y") if ev.date else "date not known")
    out = [f"#{ev.id} {ev.title} [{ev.status.value}]", f"  when:  {when}", f"  where: {ev.location or 'not known'}"]
    if ev.parties:
        out.append(f"  sides: {', '.join(ev.parties)}")
    people = [p for p in ev.participants if p.name]
    if people:
        out.append(
            "  who:   " + "; ".join(f"{p.name}" + (f" ({p.affiliation})" if p.affiliation else "") for p in people)
        )
    for s in ev.sources:
        day = s.published.isoformat() if s.published else "undated"
        reported = [c for c in ev.history if c.article_id == s.article_id]
        what = ", ".join(f"{c.field} {c.old or '-'} -> {c.new or '-'}" for c in reported) or "reported"
        out.append(f"  {day}  {s.headline or s.source}: {what}")
    for c in ev.conflicts:
        out.append(f"  conflict: {c.source} says {c.field} {c.value}")
    return out


async def _events(args: argparse.Namespace, settings: Settings) -> int:
    async with SqlEventStore(settings.database_url) as store:
        events = await store.events()
    if args.format == "json":
        json.dump({"events": [event_json(e) for e in events]}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        if not events:
            print("no events stored yet: briefbot ingest FILE... first")
        for i, ev in enumerate(events):
            if i:
                print()
            print("\n".join(event_text(ev)))
    return 0


def events(args: argparse.Namespace) -> int:
    """``briefbot events [--format json|text]``: every stored event with its history."""
    try:
        return asyncio.run(_events(args, load_settings()))
    except BriefbotError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return 2
