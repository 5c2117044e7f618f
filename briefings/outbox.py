"""Durable channel posts, shared by every platform: recorded before sending, sent once, never dropped.

How a post travels:

1. :meth:`Outbox.on_ingested` (a :class:`~briefings.store.api.IngestResult` listener) turns new
   events into ``new`` posts and changed events into ``update`` posts, one per subscribed
   channel of each platform, each written to the ``posts`` table as ``pending`` under a unique
   dedupe key (so the same briefing or change is never queued twice).
2. :meth:`Outbox.flush` takes due pending posts in order, *claims* each one (a conditional
   UPDATE pending -> sending, so two flushers or two processes never both send it), sends it
   through the platform's :class:`~briefings.ports.Publisher` and marks it ``sent`` with the
   platform's message reference.
3. A :class:`~briefings.errors.DeliveryError` with ``retry_after`` (HTTP 429) is retried after
   that delay; other retryable failures (5xx, network) back off exponentially; a post still
   failing stays ``pending`` with its next attempt time, for a later flush. ``permanent``
   failures (unknown channel, missing permission) become ``failed`` and are logged, to be
   re-queued with :meth:`Outbox.retry_failed` once fixed.

An update edits the event's original message with the refreshed briefing and replies in its
thread with what changed; its two steps are recorded separately, so a retry never replies twice.
A crash *inside* a send (after the platform accepted the message, before ``sent`` is written)
leaves a ``sending`` claim; after ``claim_timeout`` it is retried, so such a crash can cause at
most one duplicate and never a loss.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from briefings import briefing, metrics
from briefings.cards import Card, CardField, CardKind
from briefings.clock import Clock
from briefings.errors import DeliveryError
from briefings.ports import Publisher
from briefings.store.api import Change, EventStore, IngestResult, StoredEvent
from briefings.store.db import create_schema, sessionmaker
from briefings.store.post_tables import PostRow

log = logging.getLogger(__name__)

NEW = "new"
UPDATE = "update"

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"

# a story's briefing for some of its events, and the card saying what changed in one event
BriefingCardFn = Callable[[Sequence[StoredEvent]], Card]
UpdateCardFn = Callable[[StoredEvent, Sequence[Change]], Card]


def _default_briefing_card(events: Sequence[StoredEvent]) -> Card:
    return briefing.briefing_card(events)


# ---------------------------------------------------------------------------------------------
# cards as JSON (the payload stored with each post)


def card_to_json(card: Card) -> str:
    """A card as JSON, times as ISO strings, so a post survives a restart unchanged."""
    data: dict[str, Any] = {
        "title": card.title,
        "fields": [
            {"label": f.label, "value": f.value, "at": f.at.isoformat() if f.at is not None else None}
            for f in card.fields
        ],
        "lines": list(card.lines),
        "sources": list(card.sources),
        "kind": str(card.kind),
        "event_id": card.event_id,
        "link": card.link,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def card_from_json(text: str) -> Card:
    """The card :func:`card_to_json` wrote."""
    data = json.loads(text)
    return Card(
        title=data["title"],
        fields=tuple(
            CardField(f["label"], f["value"], dt.datetime.fromisoformat(f["at"]) if f.get("at") else None)
            for f in data.get("fields", ())
        ),
        lines=tuple(data.get("lines", ())),
        sources=tuple(data.get("sources", ())),
        kind=CardKind(data.get("kind", CardKind.ANSWER)),
        event_id=data.get("event_id"),
        link=data.get("link"),
    )


# ---------------------------------------------------------------------------------------------
# public values


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard one flush tries, and how long a failed post waits before the next flush tries it."""

    attempts_per_flush: int = 5
    backoff_base: float = 0.5
    backoff_max: float = 600.0
    # a Retry-After longer than this is not slept through inside a flush: a later flush sends it
    max_inline_wait: float = 30.0
    # a 'sending' claim older than this belongs to a process that died inside a send
    claim_timeout: float = 300.0

    def backoff(self, attempts: int) -> float:
        """Delay after the ``attempts``-th failed try: base, 2x base, 4x base ... capped."""
        return float(min(self.backoff_max, self.backoff_base * (2 ** max(0, attempts - 1))))


@dataclass(frozen=True, slots=True)
class PostView:
    """A post as the ledger holds it."""

    id: int
    platform: str
    channel: str
    event_id: int | None
    kind: str
    dedupe_key: str
    state: str
    attempts: int
    message_ref: str | None
    parent_ref: str | None
    last_error: str | None
    card: Card


@dataclass(slots=True)
class FlushReport:
    """What one :meth:`Outbox.flush` did."""

    sent: int = 0
    failed: int = 0
    retried: int = 0
    left_pending: int = 0
    sent_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Outcome:
    done: bool
    retry_in: float | None = None  # retryable failure: seconds until it may be tried again
    skipped: bool = False  # not sent now (claimed elsewhere, or waiting on its parent post)


def _naive_utc(moment: dt.datetime) -> dt.datetime:
    """UTC wall time without tzinfo, as stored (SQLite keeps no offsets)."""
    if moment.tzinfo is None:
        raise ValueError("the outbox needs aware datetimes")
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _changes_digest(changes: Sequence[Change]) -> str:
    parts = sorted(f"{c.field}\x1f{c.old}\x1f{c.new}\x1f{c.article_id}" for c in changes)
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()[:24]


def dedupe_key(platform: str, channel: str, event_ids: Iterable[int], kind: str, changes: Sequence[Change] = ()) -> str:
    """The unique key of a post: one briefing per set of new events and channel, one update per set of changes."""
    ids = ",".join(str(i) for i in sorted(set(event_ids)))
    base = f"{platform}|{channel}|events:{ids}|{kind}"
    return f"{base}:{_changes_digest(changes)}" if kind == UPDATE else base


def _ids_text(event_ids: Iterable[int]) -> str:
    return "," + ",".join(str(i) for i in sorted(set(event_ids))) + ","


def _ids_of(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


# ---------------------------------------------------------------------------------------------


class Outbox:
    """The durable post queue for every platform; see the module docstring for the guarantees."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        clock: Clock,
        store: EventStore | None = None,
        briefing_card: BriefingCardFn = _default_briefing_card,
        update_card: UpdateCardFn = briefing.update_card,
        policy: RetryPolicy | None = None,
    ) -> None:
        self._engine = engine
        self._store = store
        self._sessions = sessionmaker(engine)
        self._clock = clock
        self._briefing_card = briefing_card
        self._update_card = update_card
        self.policy = policy or RetryPolicy()
        self._publishers: dict[str, Publisher] = {}
        self._channels: dict[str, tuple[str, ...]] = {}
        self._flush_lock = asyncio.Lock()
        self._wake = asyncio.Event()

    # -- set-up ---------------------------------------------------------------------------------

    async def ensure_schema(self) -> None:
        """Create the posts table (and every other table) if it does not exist yet."""
        await create_schema(self._engine)

    def register(self, publisher: Publisher, channels: Iterable[str] | None = None) -> None:
        """Send ``publisher.platform``'s posts through ``publisher``; optionally set its channels."""
        self._publishers[publisher.platform] = publisher
        if channels is not None:
            self.subscribe(publisher.platform, channels)

    def subscribe(self, platform: str, channels: Iterable[str]) -> None:
        """Set the channels of ``platform`` that receive briefings and updates."""
        self._channels[platform] = tuple(dict.fromkeys(c.strip() for c in channels if c.strip()))

    def channels(self) -> Mapping[str, tuple[str, ...]]:
        """Subscribed channels by platform."""
        return dict(self._channels)

    # -- enqueueing -----------------------------------------------------------------------------

    async def on_ingested(self, result: IngestResult) -> int:
        """Listener for the service: one briefing per story with new events, one update per changed event.

        Returns how many posts were queued (over every platform and channel).
        """
        queued = 0
        targets = self._narrowed(result.channels) if result.channels else None
        by_story: dict[str, list[StoredEvent]] = {}
        for event in result.created:
            by_story.setdefault(event.story, []).append(event)
        for events in by_story.values():
            queued += len(await self.enqueue_briefing(events, targets))
        for event, changes in result.changed:
            if changes:
                queued += len(await self.enqueue_update(event, changes, targets))
        if queued:
            self.wake()
        return queued

    def _narrowed(self, wanted: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Subscribed channels that a source asked for (by id or #name), per platform."""
        keys = {w.strip().lstrip("#").strip("<>") for w in wanted if w.strip()}
        return {
            platform: tuple(c for c in chans if c.lstrip("#") in keys)
            for platform, chans in self._channels.items()
            if any(c.lstrip("#") in keys for c in chans)
        }

    def _targets(self, channels: Mapping[str, Iterable[str]] | None) -> list[tuple[str, str]]:
        source = channels if channels is not None else self._channels
        return [(platform, channel) for platform, chans in source.items() for channel in chans]

    async def enqueue_briefing(
        self, events: Sequence[StoredEvent], channels: Mapping[str, Iterable[str]] | None = None
    ) -> list[int]:
        """Queue one briefing of ``events`` (one story) per channel (default: every subscribed one).

        Returns the ids of the rows queued; a briefing already queued for a channel is not queued again.
        """
        if not events:
            return []
        card = self._briefing_card(events)
        ids = [e.id for e in events]
        main = card.event_id if card.event_id is not None else ids[0]
        rows = [
            {
                "platform": p,
                "channel": c,
                "kind": NEW,
                "event_id": main,
                "event_ids": _ids_text(ids),
                "dedupe_key": dedupe_key(p, c, ids, NEW),
                "card_json": card_to_json(card),
            }
            for p, c in self._targets(channels)
        ]
        return await self._insert(rows)

    async def enqueue_update(
        self,
        event: StoredEvent,
        changes: Sequence[Change],
        channels: Mapping[str, Iterable[str]] | None = None,
    ) -> list[int]:
        """Queue an update per channel: edit the message that briefed the event, reply with what changed.

        The edited message is rebuilt from the store's current state of every event it covers
        (when the outbox has a store), so a story briefing stays whole after one session moves.
        """
        change = card_to_json(self._update_card(event, changes))
        rows: list[dict[str, Any]] = []
        for platform, channel in self._targets(channels):
            covered = await self._covered_events(platform, channel, event)
            rows.append(
                {
                    "platform": platform,
                    "channel": channel,
                    "kind": UPDATE,
                    "event_id": event.id,
                    "event_ids": _ids_text([event.id]),
                    "dedupe_key": dedupe_key(platform, channel, [event.id], UPDATE, changes),
                    "card_json": change,
                    "edit_card_json": card_to_json(self._briefing_card(covered)),
                }
            )
        return await self._insert(rows)

    async def _covered_events(self, platform: str, channel: str, event: StoredEvent) -> list[StoredEvent]:
        """The events (current state) of the briefing that announced ``event`` in this channel."""
        root = await self._root_row(platform, channel, event.id)
        if root is None or self._store is None:
            return [event]
        out: list[StoredEvent] = []
        for event_id in _ids_of(root.event_ids):
            found = event if event_id == event.id else await self._store.event(event_id)
            if found is not None:
                out.append(found)
        return out or [event]

    async def _root_row(self, platform: str, channel: str, event_id: int) -> PostRow | None:
        """The first briefing (sent or not) in this channel that covers ``event_id``."""
        async with self._sessions() as session:
            return (
                await session.execute(
                    select(PostRow)
                    .where(
                        PostRow.platform == platform,
                        PostRow.channel == channel,
                        PostRow.kind == NEW,
                        PostRow.event_ids.like(f"%,{int(event_id)},%"),
                        PostRow.state != FAILED,
                    )
                    .order_by(PostRow.id)
                    .limit(1)
                )
            ).scalar_one_or_none()

    async def _insert(self, rows: list[dict[str, Any]]) -> list[int]:
        if not rows:
            return []
        now = _naive_utc(self._clock.now())
        ids: list[int] = []
        dialect = self._engine.dialect.name
        async with self._sessions.begin() as session:
            for row in rows:
                values = {
                    **row,
                    "state": PENDING,
                    "attempts": 0,
                    "edited": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
                # insert-or-ignore on the dedupe key: a second enqueue of the same post is a no-op
                stmt: Any
                if dialect == "postgresql":
                    stmt = (
                        postgresql.insert(PostRow)
                        .values(**values)
                        .on_conflict_do_nothing(index_elements=["dedupe_key"])
                    )
                else:
                    stmt = sqlite.insert(PostRow).values(**values).on_conflict_do_nothing(index_elements=["dedupe_key"])
                res = await session.execute(stmt.returning(PostRow.id))
                new_id = res.scalar_one_or_none()
                if new_id is not None:
                    ids.append(new_id)
                    log.debug("queued %s post %s for %s %s", row["kind"], new_id, row["platform"], row["channel"])
        return ids

    # -- sending --------------------------------------------------------------------------------

    def wake(self) -> None:
        """Ask :meth:`run` to flush now."""
        self._wake.set()

    async def run(self, interval: float = 30.0) -> None:
        """Flush whenever woken and at least every ``interval`` seconds, until cancelled."""
        while True:
            try:
                await self.flush()
            except Exception:
                # a broken flush (database down) must not end the loop: the posts stay pending
                log.exception("outbox flush failed; retrying in %.0f s", interval)
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=interval)

    async def flush(self) -> FlushReport:
        """Send every due pending post of the registered platforms, oldest first."""
        async with self._flush_lock:
            report = FlushReport()
            await self._release_stale_claims()
            now = _naive_utc(self._clock.now())
            async with self._sessions() as session:
                due = (
                    await session.execute(
                        select(PostRow.id)
                        .where(
                            PostRow.state == PENDING,
                            PostRow.next_attempt_at <= now,
                            PostRow.platform.in_(list(self._publishers)),
                        )
                        .order_by(PostRow.id)
                    )
                ).scalars()
                ids = list(due)
            for post_id in ids:
                await self._send_with_retries(post_id, report)
            async with self._sessions() as session:
                report.left_pending = (
                    await session.execute(select(func.count()).select_from(PostRow).where(PostRow.state == PENDING))
                ).scalar_one()
            if report.sent or report.failed or report.left_pending:
                log.info(
                    "outbox flush: %d sent, %d failed, %d retries, %d pending",
                    report.sent,
                    report.failed,
                    report.retried,
                    report.left_pending,
                )
            return report

    async def _send_with_retries(self, post_id: int, report: FlushReport) -> None:
        for attempt in range(1, self.policy.attempts_per_flush + 1):
            outcome = await self._deliver(post_id)
            if outcome.done:
                report.sent += 1
                report.sent_ids.append(post_id)
                return
            if outcome.skipped:
                return
            if outcome.retry_in is None:
                report.failed += 1
                return
            if attempt == self.policy.attempts_per_flush or outcome.retry_in > self.policy.max_inline_wait:
                return
            report.retried += 1
            await self._clock.sleep(outcome.retry_in)

    async def _release_stale_claims(self) -> None:
        cutoff = _naive_utc(self._clock.now() - dt.timedelta(seconds=self.policy.claim_timeout))
        async with self._sessions.begin() as session:
            res = await session.execute(
                update(PostRow)
                .where(PostRow.state == SENDING, PostRow.claimed_at < cutoff)
                .values(state=PENDING, claim_token=None)
            )
            stale = int(getattr(res, "rowcount", 0) or 0)
            if stale:
                log.warning("outbox: %d posts were claimed by a process that stopped mid-send; retrying them", stale)

    async def _claim(self, post_id: int) -> tuple[PostRow, str] | None:
        """pending -> sending, atomically; None when someone else has it or it is not due."""
        token = uuid.uuid4().hex
        now = _naive_utc(self._clock.now())
        async with self._sessions.begin() as session:
            res = await session.execute(
                update(PostRow)
                .where(PostRow.id == post_id, PostRow.state == PENDING, PostRow.next_attempt_at <= now)
                .values(state=SENDING, claim_token=token, claimed_at=now, attempts=PostRow.attempts + 1)
            )
            if getattr(res, "rowcount", 0) != 1:
                return None
            row = (await session.execute(select(PostRow).where(PostRow.id == post_id))).scalar_one()
        return row, token

    async def _save(self, post_id: int, token: str, **values: Any) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                update(PostRow).where(PostRow.id == post_id, PostRow.claim_token == token).values(**values)
            )

    async def _root_ref(self, row: PostRow) -> tuple[str | None, bool]:
        """The message that briefed this update's event here, and whether that briefing is still on its way."""
        if row.event_id is None:
            return None, False
        root = await self._root_row(row.platform, row.channel, row.event_id)
        if root is not None and root.id < row.id:
            if root.state == SENT and root.message_ref:
                return root.message_ref, False
            if root.state in (PENDING, SENDING):
                return None, True
        # no briefing here: an earlier update may have posted the event's message itself
        async with self._sessions() as session:
            ref = (
                await session.execute(
                    select(PostRow.parent_ref)
                    .where(
                        PostRow.platform == row.platform,
                        PostRow.channel == row.channel,
                        PostRow.event_id == row.event_id,
                        PostRow.kind == UPDATE,
                        PostRow.parent_ref.is_not(None),
                        PostRow.id < row.id,
                    )
                    .order_by(PostRow.id)
                    .limit(1)
                )
            ).scalar_one_or_none()
        return ref, False

    async def _deliver(self, post_id: int) -> _Outcome:
        publisher_row = await self._claim(post_id)
        if publisher_row is None:
            return _Outcome(done=False, skipped=True)
        row, token = publisher_row
        publisher = self._publishers[row.platform]
        try:
            if row.kind == NEW:
                ref = await publisher.post(row.channel, card_from_json(row.card_json))
                await self._mark_sent(row, token, ref)
                return _Outcome(done=True)
            return await self._deliver_update(row, token, publisher)
        except DeliveryError as exc:
            return await self._failed(row, token, exc)
        except Exception as exc:
            # an adapter bug or a network error it did not translate: keep the post, try later
            log.exception("outbox: unexpected error sending post %s to %s %s", row.id, row.platform, row.channel)
            return await self._failed(row, token, DeliveryError(f"{type(exc).__name__}: {exc}"))

    async def _deliver_update(self, row: PostRow, token: str, publisher: Publisher) -> _Outcome:
        parent = row.parent_ref
        if parent is None:
            parent, waiting = await self._root_ref(row)
            if parent is None and waiting:
                # the briefing it updates is not out yet: try again after it, without counting an attempt
                await self._save(row.id, token, state=PENDING, claim_token=None, attempts=row.attempts - 1)
                return _Outcome(done=False, skipped=True)
            if parent is None:
                # nothing of this event was ever posted here: post the current briefing as the root
                parent = await publisher.post(row.channel, card_from_json(row.edit_card_json or row.card_json))
                await self._save(row.id, token, parent_ref=parent, edited=1)
                row.edited = 1
            else:
                await self._save(row.id, token, parent_ref=parent)
        if not row.edited and row.edit_card_json:
            await publisher.edit(row.channel, parent, card_from_json(row.edit_card_json))
            await self._save(row.id, token, edited=1)
        ref = await publisher.reply(row.channel, parent, card_from_json(row.card_json))
        await self._mark_sent(row, token, ref)
        return _Outcome(done=True)

    async def _mark_sent(self, row: PostRow, token: str, ref: str) -> None:
        await self._save(
            row.id,
            token,
            state=SENT,
            message_ref=ref,
            sent_at=_naive_utc(self._clock.now()),
            claim_token=None,
            last_error=None,
        )
        metrics.POSTS_SENT.labels(platform=row.platform).inc()
        log.info("posted %s for event %s to %s %s", row.kind, row.event_id, row.platform, row.channel)

    async def _failed(self, row: PostRow, token: str, exc: DeliveryError) -> _Outcome:
        metrics.POSTS_FAILED.labels(platform=row.platform).inc()
        reason = str(exc)[:500]
        if exc.permanent:
            await self._save(row.id, token, state=FAILED, claim_token=None, last_error=reason)
            log.error(
                "post %s to %s %s failed for good (%s); fix it and run retry_failed()",
                row.id,
                row.platform,
                row.channel,
                reason,
            )
            return _Outcome(done=False)
        delay = exc.retry_after if exc.retry_after is not None else self.policy.backoff(row.attempts)
        delay = max(0.0, float(delay))
        next_at = _naive_utc(self._clock.now() + dt.timedelta(seconds=delay))
        await self._save(row.id, token, state=PENDING, claim_token=None, last_error=reason, next_attempt_at=next_at)
        log.warning(
            "post %s to %s %s failed (attempt %d: %s); retrying in %.1f s",
            row.id,
            row.platform,
            row.channel,
            row.attempts,
            reason,
            delay,
        )
        return _Outcome(done=False, retry_in=delay)

    # -- inspection and repair ------------------------------------------------------------------

    async def retry_failed(self, platform: str | None = None) -> int:
        """Put permanently failed posts back in the queue (after fixing a channel or permission)."""
        now = _naive_utc(self._clock.now())
        async with self._sessions.begin() as session:
            stmt = update(PostRow).where(PostRow.state == FAILED)
            if platform is not None:
                stmt = stmt.where(PostRow.platform == platform)
            res = await session.execute(stmt.values(state=PENDING, next_attempt_at=now, attempts=0))
            count = int(getattr(res, "rowcount", 0) or 0)
        if count:
            self.wake()
        return count

    async def posts(self, *, state: str | None = None, platform: str | None = None) -> list[PostView]:
        """Posts in the ledger, oldest first, optionally of one state or platform."""
        async with self._sessions() as session:
            stmt = select(PostRow).order_by(PostRow.id)
            if state is not None:
                stmt = stmt.where(PostRow.state == state)
            if platform is not None:
                stmt = stmt.where(PostRow.platform == platform)
            rows = (await session.execute(stmt)).scalars().all()
        return [
            PostView(
                id=r.id,
                platform=r.platform,
                channel=r.channel,
                event_id=r.event_id,
                kind=r.kind,
                dedupe_key=r.dedupe_key,
                state=r.state,
                attempts=r.attempts,
                message_ref=r.message_ref,
                parent_ref=r.parent_ref,
                last_error=r.last_error,
                card=card_from_json(r.card_json),
            )
            for r in rows
        ]

    async def message_ref(self, platform: str, channel: str, event_id: int) -> str | None:
        """The message that carries an event's briefing in a channel (to thread notices under), if posted."""
        root = await self._root_row(platform, channel, event_id)
        if root is not None and root.state == SENT and root.message_ref:
            return root.message_ref
        async with self._sessions() as session:
            return (
                await session.execute(
                    select(PostRow.parent_ref)
                    .where(
                        PostRow.platform == platform,
                        PostRow.channel == channel,
                        PostRow.event_id == event_id,
                        PostRow.kind == UPDATE,
                        PostRow.parent_ref.is_not(None),
                    )
                    .order_by(PostRow.id)
                    .limit(1)
                )
            ).scalar_one_or_none()


__all__ = [
    "FAILED",
    "NEW",
    "PENDING",
    "SENDING",
    "SENT",
    "UPDATE",
    "FlushReport",
    "Outbox",
    "PostView",
    "RetryPolicy",
    "card_from_json",
    "card_to_json",
    "dedupe_key",
]
