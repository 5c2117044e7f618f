"""Upcoming talks as native Discord scheduled events (``BRIEFBOT_DISCORD_EVENTS=true``).

Every stored event with a known start in the future becomes an *external* guild scheduled
event in each configured guild: name = the event's title, location = venue and city (Discord
allows 100 characters), end = start + ``BRIEFBOT_DISCORD_EVENT_MINUTES``. When the store
moves an event, the scheduled event is patched; when the talks are cancelled (or postponed
without a new time), it is cancelled. A guild holds at most 100 scheduled events, counting the
ones its members made: briefbot fills what is left with the nearest talks and removes its own
events that a nearer one pushes out.

The mapping event id -> scheduled event id per guild lives in ``discord_scheduled_events``;
each description also ends with a ``briefbot event #ID`` marker, so a crash between creating an
event and recording it adopts the event on the next sync instead of creating a second one.
Events whose start has passed are left to Discord (they are not cancelled: the talks happened).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

import discord
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.discord_adapter.format import defuse_mentions
from briefings import briefing
from briefings.clock import Clock
from briefings.model import EventStatus
from briefings.store.api import EventStore, IngestResult, StoredEvent
from briefings.store.db import sessionmaker
from briefings.store.discord_tables import DiscordScheduledEventRow

log = logging.getLogger(__name__)

GUILD_LIMIT = 100
NAME_MAX = 100
LOCATION_MAX = 100
DESCRIPTION_MAX = 1000

# Discord's scheduled-event enums
PRIVACY_GUILD_ONLY = 2
ENTITY_EXTERNAL = 3
STATUS_SCHEDULED = 1
STATUS_ACTIVE = 2
STATUS_CANCELED = 4
_LIVE = (STATUS_SCHEDULED, STATUS_ACTIVE)

_MARKER = re.compile(r"briefbot event #(\d+)\s*$")
_OFF = (EventStatus.CANCELLED, EventStatus.POSTPONED)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _naive(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def location_of(event: StoredEvent) -> str:
    """Venue and city within Discord's 100 characters (a placeholder when neither is known)."""
    return _clip(event.location or event.country or "Location to be announced", LOCATION_MAX)


def event_payload(event: StoredEvent, minutes: int) -> dict[str, Any]:
    """The scheduled-event JSON for one stored event (which must have a start)."""
    assert event.start_utc is not None, "only events with a known start become scheduled events"
    start = event.start_utc.astimezone(dt.UTC)
    marker = f"briefbot event #{event.id}"
    who = briefing.who_lines([event], full=False)
    body = "\n".join(who)
    if event.sources:
        body += ("\n" if body else "") + "Sources: " + "; ".join(briefing.source_name(s) for s in event.sources[:3])
    body = defuse_mentions(body)
    room = DESCRIPTION_MAX - len(marker) - 2
    description = (body[: room - 1] + "…" if len(body) > room else body) + ("\n\n" if body else "") + marker
    return {
        "name": _clip(defuse_mentions(event.title) or "Talks", NAME_MAX),
        "privacy_level": PRIVACY_GUILD_ONLY,
        "entity_type": ENTITY_EXTERNAL,
        "entity_metadata": {"location": location_of(event)},
        "scheduled_start_time": start.isoformat(),
        "scheduled_end_time": (start + dt.timedelta(minutes=minutes)).isoformat(),
        "description": description,
    }


def _digest(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def marked_event_id(remote: dict[str, Any]) -> int | None:
    """The briefbot event id in a scheduled event's description marker, if it has one."""
    m = _MARKER.search(remote.get("description") or "")
    return int(m.group(1)) if m else None


class ScheduledEventMap:
    """The table mapping (guild, event id) -> scheduled event id."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = sessionmaker(engine)

    async def rows(self, guild_id: int) -> dict[int, DiscordScheduledEventRow]:
        """Every mapping of one guild, by event id."""
        async with self._sessions() as session:
            found = (
                await session.execute(
                    select(DiscordScheduledEventRow).where(DiscordScheduledEventRow.guild_id == str(guild_id))
                )
            ).scalars()
            return {r.event_id: r for r in found}

    async def save(
        self, guild_id: int, event_id: int, scheduled_id: str, digest: str, start: dt.datetime, now: dt.datetime
    ) -> None:
        """Record (or update) the scheduled event that mirrors ``event_id`` in ``guild_id``."""
        async with self._sessions.begin() as session:
            row = (
                await session.execute(
                    select(DiscordScheduledEventRow).where(
                        DiscordScheduledEventRow.guild_id == str(guild_id),
                        DiscordScheduledEventRow.event_id == event_id,
                    )
                )
            ).scalar_one_or_none()
            if row is None:
                session.add(
                    DiscordScheduledEventRow(
                        guild_id=str(guild_id),
                        event_id=event_id,
                        scheduled_id=scheduled_id,
                        digest=digest,
                        start_utc=_naive(start),
                        updated_at=_naive(now),
                    )
                )
                return
            row.scheduled_id = scheduled_id
            row.digest = digest
            row.start_utc = _naive(start)
            row.updated_at = _naive(now)

    async def forget(self, guild_id: int, event_id: int) -> None:
        """Drop one mapping."""
        async with self._sessions.begin() as session:
            await session.execute(
                delete(DiscordScheduledEventRow).where(
                    DiscordScheduledEventRow.guild_id == str(guild_id), DiscordScheduledEventRow.event_id == event_id
                )
            )


class ScheduledEventSync:
    """Keeps each guild's scheduled events in line with the store; see the module docstring."""

    def __init__(
        self,
        http: discord.http.HTTPClient,
        mapping: ScheduledEventMap,
        store: EventStore,
        clock: Clock,
        guild_ids: Iterable[int],
        *,
        minutes: int = 120,
        limit: int = GUILD_LIMIT,
    ) -> None:
        self._http = http
        self._map = mapping
        self._store = store
        self._clock = clock
        self.guild_ids = tuple(guild_ids)
        self.minutes = minutes
        self.limit = limit
        self._lock = asyncio.Lock()
        self._refused: set[int] = set()

    async def on_ingested(self, result: IngestResult) -> None:
        """Listener for the service: re-sync when an article created or changed events."""
        if result.created or result.changed or result.merged:
            await self.sync()

    async def run(self, interval: float = 3600.0) -> None:
        """Sync now and every ``interval`` seconds (the nearest-100 window slides as time passes)."""
        while True:
            await self.sync()
            await self._clock.sleep(interval)

    async def sync(self) -> None:
        """Bring every guild in line; one guild's failure spares the others."""
        async with self._lock:
            events = await self._store.events()
            for guild_id in self.guild_ids:
                try:
                    await self._sync_guild(guild_id, events)
                except discord.Forbidden:
                    if guild_id not in self._refused:
                        self._refused.add(guild_id)
                        log.error("Discord guild %s refuses scheduled events: give briefbot Create Events", guild_id)
                except (discord.HTTPException, discord.RateLimited) as exc:
                    log.warning("scheduled events in guild %s not synced (%s); next sync retries", guild_id, exc)

    async def _sync_guild(self, guild_id: int, events: Sequence[StoredEvent]) -> None:
        now = self._clock.now()
        remote: list[dict[str, Any]] = [dict(r) for r in await self._http.get_scheduled_events(guild_id, False)]
        self._refused.discard(guild_id)
        remote_by_id = {str(r["id"]): r for r in remote}
        live = {sid: r for sid, r in remote_by_id.items() if r.get("status") in _LIVE}
        adoptable = {eid: r for r in live.values() if (eid := marked_event_id(r)) is not None}
        rows = await self._map.rows(guild_id)
        by_id = {e.id: e for e in events}

        # a mapping whose scheduled event is gone (deleted, ended, cancelled by a human) is forgotten
        for event_id, row in list(rows.items()):
            if row.scheduled_id not in live:
                await self._map.forget(guild_id, event_id)
                del rows[event_id]

        candidates = sorted(
            (
                e
                for e in events
                if e.start_utc is not None
                and e.start_utc > now
                and e.status not in _OFF
                and e.status != EventStatus.HELD
            ),
            key=lambda e: (e.start_utc, e.id),
        )
        candidate_ids = {e.id for e in candidates}

        # ours that are no longer upcoming: cancel the called-off ones, leave the started ones to Discord
        for event_id, row in list(rows.items()):
            if event_id in candidate_ids:
                continue
            event = by_id.get(event_id)
            if event is None or event.status in _OFF:
                await self._cancel(guild_id, row.scheduled_id, live[row.scheduled_id], event_id)
                await self._map.forget(guild_id, event_id)
                del rows[event_id]
                live.pop(row.scheduled_id, None)

        mine = {r.scheduled_id for r in rows.values() if r.event_id in candidate_ids}
        mine |= {str(r["id"]) for eid, r in adoptable.items() if eid in candidate_ids}
        others = [sid for sid in live if sid not in mine]
        budget = max(0, self.limit - len(others))
        wanted, pushed_out = candidates[:budget], candidates[budget:]

        for event in pushed_out:
            mapped = rows.get(event.id)
            sid = mapped.scheduled_id if mapped else (str(adoptable[event.id]["id"]) if event.id in adoptable else None)
            if sid is not None:
                # still on, just further away than the guild has room for: removed, re-created when it fits
                await self._http.delete_scheduled_event(guild_id, int(sid), reason="briefbot: nearer talks need room")
                await self._map.forget(guild_id, event.id)
                log.info("scheduled event for event %s removed from guild %s to make room", event.id, guild_id)

        for event in wanted:
            try:
                await self._upsert(guild_id, event, rows.get(event.id), adoptable.get(event.id), now)
            except discord.Forbidden:
                raise
            except (discord.HTTPException, discord.RateLimited) as exc:
                # one bad event (a 400 on a field) must not stop the others
                log.warning("scheduled event for event %s in guild %s failed: %s", event.id, guild_id, exc)

    async def _upsert(
        self,
        guild_id: int,
        event: StoredEvent,
        row: DiscordScheduledEventRow | None,
        adoptable: dict[str, Any] | None,
        now: dt.datetime,
    ) -> None:
        assert event.start_utc is not None
        payload = event_payload(event, self.minutes)
        digest = _digest(payload)
        if row is not None:
            if row.digest != digest:
                await self._http.edit_scheduled_event(guild_id, int(row.scheduled_id), **payload)
                await self._map.save(guild_id, event.id, row.scheduled_id, digest, event.start_utc, now)
                log.info("scheduled event %s (event %s) updated in guild %s", row.scheduled_id, event.id, guild_id)
            return
        if adoptable is not None:
            sid = str(adoptable["id"])
            await self._http.edit_scheduled_event(guild_id, int(sid), **payload)
            log.info("adopted scheduled event %s for event %s in guild %s", sid, event.id, guild_id)
        else:
            created = await self._http.create_guild_scheduled_event(guild_id, **payload)
            sid = str(created["id"])
            log.info("scheduled event %s created for event %s in guild %s", sid, event.id, guild_id)
        await self._map.save(guild_id, event.id, sid, digest, event.start_utc, now)

    async def _cancel(self, guild_id: int, scheduled_id: str, remote: dict[str, Any], event_id: int) -> None:
        if remote.get("status") != STATUS_SCHEDULED:
            return  # already under way: Discord does not cancel an active event, and the talks started
        await self._http.edit_scheduled_event(guild_id, int(scheduled_id), status=STATUS_CANCELED)
        log.info("scheduled event %s (event %s) cancelled in guild %s", scheduled_id, event_id, guild_id)


__all__ = [
    "GUILD_LIMIT",
    "ScheduledEventMap",
    "ScheduledEventSync",
    "event_payload",
    "location_of",
    "marked_event_id",
]
