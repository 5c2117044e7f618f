"""Stored events in, platform-neutral cards out: briefings, answers, updates.

A story's briefing comes in two sizes: the channel version (:func:`briefing_card`) fits a phone
screen (about 8 lines, at most :data:`SHORT_LIMIT` characters); the full version
(:func:`full_briefing_card`) is what ``/talks brief`` shows. The ``/talks`` answers
(``who``, ``when``, ``where``, ``expect``, ``sources``, ``next``) each have a builder here, so
every platform shows the same facts. Text from articles goes in as plain text; adapters escape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from briefings import timefmt
from briefings.cards import Card, CardField, CardKind
from briefings.model import EventStatus, Participant
from briefings.store.api import Change, Conflict, IngestResult, SourceRef, StoredEvent

SHORT_LIMIT = 600
"""Most characters a channel briefing may take (its plain text)."""

SHORT_LINES = 8
"""Most lines a channel briefing should take."""

_MAX_SHORT_SESSIONS = 3
_TIME_FIELDS = frozenset({"start_utc", "start", "time", "new_start_utc"})
_DATE_FIELDS = frozenset({"date", "new_date"})
_FIELD_NAMES = {
    "start_utc": "time",
    "start": "time",
    "new_start_utc": "time",
    "date": "date",
    "new_date": "date",
    "venue": "venue",
    "city": "city",
    "country": "country",
    "location": "venue",
    "status": "status",
    "title": "title",
}


# --------------------------------------------------------------------------- small pieces


def order_events(events: Iterable[StoredEvent]) -> list[StoredEvent]:
    """Events in the order they happen: by start, then date; unknown times last."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)

    def key(e: StoredEvent) -> tuple[dt.datetime, int]:
        if e.start_utc is not None:
            return (e.start_utc, e.id)
        if e.date is not None:
            # a dated event without a time sorts after that day's timed ones
            return (dt.datetime.combine(e.date, dt.time(23, 59), dt.UTC), e.id)
        return (far, e.id)

    return sorted(events, key=key)


def main_event(events: Sequence[StoredEvent]) -> StoredEvent:
    """The event a story is mostly about: most delegation heads, then most people, then latest."""
    ordered = order_events(events)
    return max(
        ordered,
        key=lambda e: (sum(p.head for p in e.participants), len(e.participants), len(e.parties), ordered.index(e)),
    )


def story_title(events: Sequence[StoredEvent], title: str | None = None) -> str:
    """The title a story goes by: the store's title if given, else its main event's."""
    if title:
        return title
    return main_event(events).title if events else "Briefing"


def source_name(ref: SourceRef) -> str:
    """A short name for a source: outlet, else headline, else file name or host."""
    if ref.outlet:
        return ref.outlet
    if ref.headline:
        return _clip(ref.headline, 60)
    return _short_source(ref.source)


def source_line(ref: SourceRef) -> str:
    """One source in full: ``Reuters, Fri 16 May 2025: headline <url>``."""
    head = ref.outlet or _short_source(ref.source)
    if ref.published:
        head += f", {timefmt.day(ref.published)}"
    parts = [head]
    if ref.headline:
        parts.append(ref.headline)
    text = ": ".join(parts)
    return f"{text} <{ref.url}>" if ref.url else text


def participant_text(p: Participant, *, full: bool = True) -> str:
    """``Vladimir Medinsky (head; Kremlin aide)``; short form ``Vladimir Medinsky (head)``."""
    name = p.name or (p.role or "unnamed official")
    bits: list[str] = []
    if p.head and not (p.role and "head" in p.role.lower() and full):
        bits.append("head")
    if full and p.name and p.role:
        bits.append(p.role)
    return f"{name} ({'; '.join(bits)})" if bits else name


def sides(events: Sequence[StoredEvent]) -> list[tuple[str, list[Participant]]]:
    """Who is there, by side: sides with a delegation head first, heads first within a side.

    Parties nobody was named for come last with an empty list.
    """
    if events:
        # the main session's parties set the order: its heads' sides lead
        main = main_event(events)
        events = [main, *(e for e in events if e is not main)]
    party_order: list[str] = []
    for e in events:
        for party in e.parties:
            if party.casefold() not in (x.casefold() for x in party_order):
                party_order.append(party)
    by_side: dict[str, list[Participant]] = {}
    seen: set[tuple[str, str]] = set()
    for e in events:
        for p in e.participants:
            side = _side_name(p.affiliation, party_order)
            key = (side.casefold(), (p.name or p.role or "").casefold())
            if key in seen:
                # the same person at two sessions: keep one entry, but a head stays a head
                if p.head:
                    by_side[side] = [p if _same(q, p) else q for q in by_side[side]]
                continue
            seen.add(key)
            by_side.setdefault(side, []).append(p)
    for party in party_order:
        if not any(party.casefold() == s.casefold() for s in by_side):
            by_side[party] = []

    def rank(side: str) -> tuple[int, int]:
        people = by_side[side]
        pos = next((i for i, x in enumerate(party_order) if x.casefold() == side.casefold()), len(party_order))
        if any(p.head for p in people):
            return (0, pos)
        return (1, pos) if people else (2, pos)

    out = []
    for side in sorted(by_side, key=rank):
        people = sorted(by_side[side], key=lambda p: (not p.head, p.name is None))
        out.append((side, people))
    return out


def who_lines(events: Sequence[StoredEvent], *, full: bool = True) -> list[str]:
    """``Russia: Vladimir Medinsky (head; Kremlin aide)`` per side; unnamed parties on one ``Also`` line."""
    lines: list[str] = []
    others: list[str] = []
    for side, people in sides(events):
        if not full:
            # the phone version names people only; unnamed roles wait for /talks who
            people = [p for p in people if p.name]
        if people:
            lines.append(f"{side}: " + ", ".join(participant_text(p, full=full) for p in people))
        else:
            others.append(side)
    if others:
        lines.append("Also: " + ", ".join(others))
    return lines


def event_when(event: StoredEvent, *, year: bool = True) -> str:
    """When an event is, with its status when it is not simply scheduled."""
    text = timefmt.when(event.start_utc, event.date, event.timezone, year=year)
    if event.status is EventStatus.SCHEDULED:
        return text
    return f"{event.status.value.upper()}: {text}"


def event_where(event: StoredEvent) -> str:
    """Venue, city and country, without repeating a part."""
    parts: list[str] = []
    for part in (event.venue, event.city, event.country):
        if part and not any(part.casefold() in x.casefold() for x in parts):
            parts.append(part)
    return ", ".join(parts) if parts else "venue not announced"


def describe_change(change: Change, event: StoredEvent | None = None, *, prose: bool = False) -> str:
    """One change as a line.

    Arrow style (update cards): ``time: 09:30 GMT -> 12:30 GMT, per Reuters``;
    prose style (``/talks when``): ``moved from Thu 15 May to Fri 16 May, per Reuters``.
    """
    what = _FIELD_NAMES.get(change.field, change.field.replace("_", " "))
    old, new = _change_values(change)
    per = f", per {_source_of(change.article_id, change.source, event)}"
    if change.field == "status":
        if prose:
            return f"{new or 'status unknown'} (was {old or 'unknown'}){per}"
        return f"status: {old or 'unknown'} -> {new or 'unknown'}{per}"
    if prose:
        if old and new:
            verb = "moved" if what in ("time", "date", "venue", "city") else "changed"
            return f"{what} {verb} from {old} to {new}{per}" if what != "date" else f"moved from {old} to {new}{per}"
        if new:
            return f"{what} set to {new}{per}"
        return f"{what} {old} withdrawn{per}"
    return f"{what}: {old or 'not set'} -> {new or 'not set'}{per}"


def conflict_lines(event: StoredEvent) -> list[str]:
    """Where sources disagree: ``Sources differ on the time: Reuters: 0930 GMT; AP: 1000 GMT``."""
    by_field: dict[str, list[Conflict]] = {}
    for c in event.conflicts:
        by_field.setdefault(c.field, []).append(c)
    lines = []
    for field_name, conflicts in by_field.items():
        what = _FIELD_NAMES.get(field_name, field_name.replace("_", " "))
        odd_ids = {c.article_id for c in conflicts}
        current = _current_value(event, field_name)
        parts = []
        agreeing = next((s for s in event.sources if s.article_id not in odd_ids), None)
        if current is not None and agreeing is not None:
            parts.append(f"{source_name(agreeing)}: {current}")
        for c in conflicts:
            parts.append(f"{_source_of(c.article_id, c.source, event)}: {_display(field_name, c.value, wire=True)}")
        lines.append(f"Sources differ on the {what}: " + "; ".join(parts))
    return lines


def expectations(events: Iterable[StoredEvent]) -> list[str]:
    """Every expectation reported for these events, once each, in order."""
    out: list[str] = []
    seen: set[str] = set()
    for e in events:
        for text in e.expectations:
            key = " ".join(text.split()).casefold()
            if key and key not in seen:
                seen.add(key)
                out.append(" ".join(text.split()))
    return out


def all_sources(events: Iterable[StoredEvent]) -> list[SourceRef]:
    """Every article behind these events, once each, oldest publication first."""
    refs: dict[int, SourceRef] = {}
    for e in events:
        for s in e.sources:
            refs.setdefault(s.article_id, s)
    return sorted(refs.values(), key=lambda s: (s.published or dt.date.min, s.article_id))


# --------------------------------------------------------------------------- briefings


def briefing_card(events: Sequence[StoredEvent], title: str | None = None) -> Card:
    """The channel version of a story's briefing: about 8 lines, at most 600 characters."""
    ordered = order_events(events)
    if not ordered:
        return Card(title=story_title(ordered, title), lines=("No events reported yet.",), kind=CardKind.BRIEFING)
    main = main_event(ordered)
    fields: list[CardField] = []
    shown = ordered[:_MAX_SHORT_SESSIONS]
    if len(shown) == 1:
        fields.append(CardField("When", event_when(main), at=main.start_utc))
    else:
        for e in shown:
            fields.append(CardField(_clip(e.title, 48), event_when(e, year=False), at=e.start_utc))
    places = _distinct_places(ordered)
    if places:
        fields.append(CardField("Where", "; ".join(places[:2])))
    who = who_lines(ordered, full=False)
    if who:
        fields.append(CardField("Who", " · ".join(who)))
    lines: list[str] = []
    if len(ordered) > len(shown):
        lines.append(f"+{len(ordered) - len(shown)} more sessions: /talks when")
    expect = expectations(ordered)
    sources = tuple(dict.fromkeys(source_name(s) for s in all_sources(ordered)))
    card = Card(
        title=story_title(ordered, title),
        fields=tuple(fields),
        lines=tuple(lines),
        sources=sources[:3],
        kind=CardKind.BRIEFING,
        event_id=main.id,
    )
    return _fit(card, expect[0] if expect else None)


def event_briefing_card(event: StoredEvent) -> Card:
    """The channel briefing of one event (the outbox's per-event card)."""
    return briefing_card([event])


def full_briefing_card(events: Sequence[StoredEvent], title: str | None = None) -> Card:
    """The full briefing behind ``/talks brief``: every session with its people, changes and sources."""
    ordered = order_events(events)
    if not ordered:
        return Card(title=story_title(ordered, title), lines=("No events reported yet.",), kind=CardKind.BRIEFING)
    fields = [CardField(e.title, "\n".join(_event_detail(e)), at=e.start_utc) for e in ordered]
    lines: list[str] = []
    expect = expectations(ordered)
    if expect:
        lines.append("What is expected:")
        lines += [f"- {x}" for x in expect]
    return Card(
        title=story_title(ordered, title),
        fields=tuple(fields),
        lines=tuple(lines),
        sources=tuple(source_line(s) for s in all_sources(ordered)),
        kind=CardKind.BRIEFING,
        event_id=main_event(ordered).id,
    )


def _event_detail(e: StoredEvent) -> list[str]:
    out = [event_when(e), f"Where: {event_where(e)}"]
    out += who_lines([e], full=True)
    if e.history:
        out += [f"Changed: {describe_change(c, e)}" for c in e.history]
    out += conflict_lines(e)
    return out


def update_card(event: StoredEvent, changes: Sequence[Change]) -> Card:
    """A change to a tracked event: ``time: 09:30 GMT -> 12:30 GMT, per Reuters``."""
    status = event.status
    if status is EventStatus.CANCELLED:
        heading = "Cancelled"
    elif status is EventStatus.POSTPONED:
        heading = "Postponed"
    elif any(c.field in _TIME_FIELDS | _DATE_FIELDS for c in changes):
        heading = "Rescheduled"
    else:
        heading = "Updated"
    fields = [CardField("When", event_when(event), at=event.start_utc), CardField("Where", event_where(event))]
    return Card(
        title=f"{heading}: {event.title}",
        fields=tuple(fields),
        lines=tuple(describe_change(c, event) for c in changes),
        sources=tuple(dict.fromkeys(_source_of(c.article_id, c.source, event) for c in changes)),
        kind=CardKind.UPDATE,
        event_id=event.id,
    )


def ingest_cards(result: IngestResult) -> list[Card]:
    """What to post after one article: a briefing per story with new events, an update per change."""
    cards: list[Card] = []
    by_story: dict[str, list[StoredEvent]] = {}
    for e in result.created:
        by_story.setdefault(e.story, []).append(e)
    cards += [briefing_card(events) for events in by_story.values()]
    cards += [update_card(event, changes) for event, changes in result.changed if changes]
    return cards


# --------------------------------------------------------------------------- /talks answers


def who_card(events: Sequence[StoredEvent], title: str | None = None) -> Card:
    """``/talks who``: who meets whom at each session, by side, delegation heads first."""
    ordered = order_events(events)
    fields = []
    for e in ordered:
        value = "\n".join(who_lines([e], full=True)) or "participants not reported yet"
        fields.append(CardField(_session_label(e), value))
    return _answer(f"Who meets whom: {story_title(ordered, title)}", fields, ordered)


def when_card(events: Sequence[StoredEvent], title: str | None = None) -> Card:
    """``/talks when``: each session in UTC and venue time, the last change and any disagreement."""
    ordered = order_events(events)
    fields = [CardField(e.title, event_when(e), at=e.start_utc) for e in ordered]
    lines: list[str] = []
    for e in ordered:
        if e.history:
            lines.append(f"{e.title}: {describe_change(e.history[-1], e, prose=True)}")
        lines += [f"{e.title}: {x}" for x in conflict_lines(e)]
    return _answer(f"When: {story_title(ordered, title)}", fields, ordered, lines)


def where_card(events: Sequence[StoredEvent], title: str | None = None) -> Card:
    """``/talks where``: each session's venue, city and country."""
    ordered = order_events(events)
    fields = [CardField(e.title, event_where(e)) for e in ordered]
    return _answer(f"Where: {story_title(ordered, title)}", fields, ordered)


def expect_card(events: Sequence[StoredEvent], title: str | None = None) -> Card:
    """``/talks expect``: what is expected, hoped for or doubted."""
    ordered = order_events(events)
    expect = expectations(ordered) or ["No expectations reported yet."]
    return _answer(f"What to expect: {story_title(ordered, title)}", [], ordered, [f"- {x}" for x in expect])


def sources_card(events: Sequence[StoredEvent], title: str | None = None) -> Card:
    """``/talks sources``: every article behind the story, with date, headline and link."""
    ordered = order_events(events)
    refs = all_sources(ordered)
    lines = [f"- {source_line(s)}" for s in refs] or ["No sources recorded."]
    return Card(
        title=f"Sources: {story_title(ordered, title)}",
        lines=tuple(lines),
        kind=CardKind.ANSWER,
        event_id=main_event(ordered).id if ordered else None,
    )


def next_card(event: StoredEvent, now: dt.datetime, story: str | None = None) -> Card:
    """``/talks next``: the next event with a countdown from ``now``."""
    assert event.start_utc is not None, "next_card needs an event with a known start"
    fields = [
        CardField("When", event_when(event), at=event.start_utc),
        CardField("Starts", timefmt.countdown(event.start_utc, now)),
        CardField("Where", event_where(event)),
    ]
    who = who_lines([event], full=False)
    if who:
        fields.append(CardField("Who", "\n".join(who)))
    lines = (f"Story: {story}",) if story and story != event.title else ()
    return Card(
        title=f"Next: {event.title}",
        fields=tuple(fields),
        lines=lines,
        sources=tuple(dict.fromkeys(source_name(s) for s in event.sources)),
        kind=CardKind.ANSWER,
        event_id=event.id,
    )


def next_event(events: Iterable[StoredEvent], now: dt.datetime) -> StoredEvent | None:
    """The soonest event that has not started and is still on (scheduled, with a known start)."""
    upcoming = [
        e for e in events if e.start_utc is not None and e.start_utc > now and e.status is EventStatus.SCHEDULED
    ]
    return min(upcoming, key=lambda e: (e.start_utc, e.id)) if upcoming else None


def message_card(title: str, *lines: str, kind: CardKind = CardKind.ANSWER) -> Card:
    """A card that only says something: empty store, unknown topic, errors."""
    return Card(title=title, lines=tuple(lines), kind=kind)


# --------------------------------------------------------------------------- helpers


def _answer(title: str, fields: Sequence[CardField], events: Sequence[StoredEvent], lines: Sequence[str] = ()) -> Card:
    return Card(
        title=title,
        fields=tuple(fields),
        lines=tuple(lines),
        sources=tuple(dict.fromkeys(source_name(s) for s in all_sources(events)))[:5],
        kind=CardKind.ANSWER,
        event_id=main_event(events).id if events else None,
    )


def _session_label(e: StoredEvent) -> str:
    if e.start_utc is not None:
        return f"{e.title} ({timefmt.utc_time(e.start_utc)})"
    return e.title


def _fit(card: Card, expect: str | None) -> Card:
    """Add the expectation line, shortening it (then the who line) until the card fits a phone."""
    budget = SHORT_LIMIT - len(card.plain_text()) - 1
    if expect and budget > 40:
        text = _clip(expect, min(budget - len("Expect: "), 200))
        fields = (*card.fields, CardField("Expect", text))
        card = replace(card, fields=fields)
    while len(card.plain_text()) > SHORT_LIMIT or card.plain_text().count("\n") + 1 > SHORT_LINES:
        # too long even without the expectation: drop the least important field left
        drop = next((f for f in reversed(card.fields) if f.label in ("Expect", "Where")), None)
        if drop is None:
            longest = max(card.fields, key=lambda f: len(f.value))
            over = len(card.plain_text()) - SHORT_LIMIT
            if over <= 0 or len(longest.value) < 20:
                break
            cut = CardField(longest.label, _clip(longest.value, max(20, len(longest.value) - over)), longest.at)
            card = replace(card, fields=tuple(cut if f is longest else f for f in card.fields))
            continue
        card = replace(card, fields=tuple(f for f in card.fields if f is not drop))
    return card


def _distinct_places(events: Sequence[StoredEvent]) -> list[str]:
    """Venue and city of each event, most specific first, without one that another already covers."""
    places: list[str] = []
    for e in sorted(events, key=lambda e: e.venue is None):
        place = ", ".join(p for p in (e.venue, e.city) if p) or (e.country or "")
        if place and not any(place.casefold() in x.casefold() for x in places):
            places.append(place)
    return places


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _short_source(source: str) -> str:
    if source.startswith(("http://", "https://")):
        return urlsplit(source).netloc or source
    return PurePosixPath(source.replace("\\", "/")).name or source


def _side_name(affiliation: str | None, parties: Sequence[str]) -> str:
    if not affiliation:
        return "Others"
    for party in parties:
        if party.casefold() == affiliation.casefold():
            return party
    return affiliation


def _same(a: Participant, b: Participant) -> bool:
    return (a.name or a.role or "").casefold() == (b.name or b.role or "").casefold()


def _source_of(article_id: int, fallback: str, event: StoredEvent | None) -> str:
    if event is not None:
        for s in event.sources:
            if s.article_id == article_id:
                return source_name(s)
    return _short_source(fallback) if fallback else f"article {article_id}"


def _parse(value: str | None) -> dt.datetime | dt.date | str | None:
    if value is None or value == "":
        return None
    try:
        if "T" in value or (" " in value.strip() and ":" in value):
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


def _display(field_name: str, value: str | None, *, wire: bool = False, with_day: bool = False) -> str | None:
    parsed = _parse(value)
    if parsed is None:
        return None
    if isinstance(parsed, dt.datetime):
        text = timefmt.wire_time(parsed) if wire else f"{timefmt.hhmm(parsed.astimezone(dt.UTC))} GMT"
        return f"{timefmt.day(parsed.astimezone(dt.UTC).date(), year=False)} {text}" if with_day else text
    if isinstance(parsed, dt.date):
        return timefmt.day(parsed, year=False)
    return parsed


def _change_values(change: Change) -> tuple[str | None, str | None]:
    if change.field in _TIME_FIELDS:
        old_p, new_p = _parse(change.old), _parse(change.new)
        # name the day too when the move crosses midnight, else the line hides half the change
        with_day = (
            isinstance(old_p, dt.datetime)
            and isinstance(new_p, dt.datetime)
            and old_p.astimezone(dt.UTC).date() != new_p.astimezone(dt.UTC).date()
        )
        return (
            _display(change.field, change.old, with_day=with_day),
            _display(change.field, change.new, with_day=with_day),
        )
    return _display(change.field, change.old), _display(change.field, change.new)


def _current_value(event: StoredEvent, field_name: str) -> str | None:
    if field_name in _TIME_FIELDS:
        return timefmt.wire_time(event.start_utc) if event.start_utc else None
    if field_name in _DATE_FIELDS:
        return timefmt.day(event.date, year=False) if event.date else None
    value = getattr(event, field_name, None)
    if isinstance(value, EventStatus):
        return value.value
    return str(value) if value else None


__all__ = [
    "SHORT_LIMIT",
    "SHORT_LINES",
    "all_sources",
    "briefing_card",
    "conflict_lines",
    "describe_change",
    "event_briefing_card",
    "event_when",
    "event_where",
    "expect_card",
    "expectations",
    "full_briefing_card",
    "ingest_cards",
    "main_event",
    "message_card",
    "next_card",
    "next_event",
    "order_events",
    "participant_text",
    "sides",
    "source_line",
    "source_name",
    "sources_card",
    "story_title",
    "update_card",
    "when_card",
    "where_card",
    "who_card",
]
