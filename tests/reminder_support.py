"""Helpers for the reminder tests: events into the real store, and publishers that record what they post."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefings.cards import Card
from briefings.clock import Clock
from briefings.model import Article, EventStatus, ExtractedEvent, Extraction, Participant
from briefings.store.api import IngestResult
from briefings.store.repository import SqlEventStore

START = dt.datetime(2025, 5, 16, 9, 30, tzinfo=dt.UTC)
_article_no = itertools.count(1)


def talks(**kw: Any) -> ExtractedEvent:
    """An extracted Istanbul session; keyword arguments override its fields."""
    base: dict[str, Any] = {
        "title": "Russia-Ukraine peace talks",
        "kind": "talks",
        "date": START.date(),
        "start_utc": START,
        "timezone": "Europe/Istanbul",
        "venue": "Dolmabahce Palace",
        "city": "Istanbul",
        "country": "Turkey",
        "parties": ("Russia", "Ukraine", "Turkey"),
        "participants": (
            Participant("Vladimir Medinsky", "Kremlin aide", "Russia", head=True),
            Participant("Rustem Umerov", "Defence Minister", "Ukraine", head=True),
        ),
        "evidence": "talks at 0930 GMT",
    }
    base.update(kw)
    return ExtractedEvent(**base)


async def report(
    store: SqlEventStore, now: dt.datetime, *events: ExtractedEvent, expectations: tuple[str, ...] = ()
) -> IngestResult:
    """Store one article reporting ``events`` (a fresh text each call, so never a duplicate)."""
    n = next(_article_no)
    day = now.date()
    article = Article(f"report {n} {os.getpid()} {now.isoformat()}", f"article-{n}", published=day)
    return await store.add_article(article, Extraction(day, f"headline {n}", events, expectations), now)


async def moved(store: SqlEventStore, now: dt.datetime, new_start: dt.datetime, **kw: Any) -> IngestResult:
    """Report that the talks moved to ``new_start``."""
    return await report(store, now, talks(status=EventStatus.POSTPONED, new_start_utc=new_start, **kw))


async def cancelled(store: SqlEventStore, now: dt.datetime, **kw: Any) -> IngestResult:
    """Report that the talks were cancelled."""
    return await report(store, now, talks(status=EventStatus.CANCELLED, start_utc=None, **kw))


@dataclass
class Recorder:
    """A Publisher that keeps every card it is asked to post."""

    platform: str = "slack"
    posts: list[tuple[str, Card]] = field(default_factory=list)
    fail_next: list[Exception] = field(default_factory=list)

    async def post(self, channel: str, card: Card) -> str:
        if self.fail_next:
            raise self.fail_next.pop(0)
        self.posts.append((channel, card))
        return f"{self.platform}-{len(self.posts)}"

    async def edit(self, channel: str, ref: str, card: Card) -> None:
        raise AssertionError("reminders never edit")

    async def reply(self, channel: str, ref: str, card: Card) -> str:
        raise AssertionError("reminders never reply")


class LedgerPublisher:
    """A Publisher that appends one JSON line per post to a file and fsyncs it: the crash tests' ground truth.

    With ``checkable`` it also tags posts with a key and can find them again (like Slack metadata or a
    Discord nonce), which makes crash recovery exactly-once.
    """

    def __init__(
        self, path: Path, platform: str = "slack", who: str = "", checkable: bool = False, clock: Clock | None = None
    ) -> None:
        self.path = path
        self.clock = clock
        self.platform = platform
        self.who = who
        if checkable:
            self.post_keyed = self._post_keyed  # type: ignore[method-assign]
            self.find_posted = self._find_posted  # type: ignore[method-assign]

    def _append(self, channel: str, card: Card, key: str | None) -> str:
        line: dict[str, Any] = {"channel": channel, "event": card.event_id, "kind": str(card.kind), "title": card.title}
        start = next((f.at for f in card.fields if f.at is not None), None)
        if start is not None and self.clock is not None:
            # how long before the start it went out: tells a 60m reminder from a 15m one
            line["before_s"] = (start - self.clock.now()).total_seconds()
        line.update({"key": key, "who": self.who, "pid": os.getpid()})
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(line) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        return f"{self.platform}-{os.getpid()}-{key}"

    async def post(self, channel: str, card: Card) -> str:
        return self._append(channel, card, None)

    async def _post_keyed(self, channel: str, card: Card, key: str) -> str:
        return self._append(channel, card, key)

    async def _find_posted(self, channel: str, key: str, since: dt.datetime) -> str | None:
        for entry in read_ledger(self.path):
            if entry["channel"] == channel and entry.get("key") == key:
                return f"{self.platform}-found-{key}"
        return None

    async def edit(self, channel: str, ref: str, card: Card) -> None:
        raise AssertionError("reminders never edit")

    async def reply(self, channel: str, ref: str, card: Card) -> str:
        raise AssertionError("reminders never reply")


def read_ledger(path: Path) -> list[dict[str, Any]]:
    """Every complete line of a ledger file (a line cut by SIGKILL mid-write is not a post)."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out
