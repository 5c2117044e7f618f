"""Story tracking over plain values: is a reported meeting one we already know, and what does the report change?

Pure functions, no I/O: the store loads :class:`EventState` values, asks :func:`best_match` which one an
:class:`~briefings.model.ExtractedEvent` describes, and applies the :class:`Update` that :func:`merge` returns.

Matching uses who takes part (parties, named people), where (city, venue) and what kind of meeting it is;
the date only weighs lightly, because the date is what moves. The state is cumulative: only a newer article
(by publication date, then ingest order) may change a value, and only when it says the meeting changed
(postponed, moved, under way, held, cancelled); a bare contradiction becomes a conflict.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefings.extract.lexicon import parties_table
from briefings.model import EventStatus, ExtractedEvent, Participant

# the lowest score at which a report is taken to describe a stored meeting
MATCH_FLOOR = 1.5

# words that say a report is about a change of plan, not a restatement
_CHANGE_WORDS = re.compile(
    r"\b(postpon\w*|delay\w*|moved?|moving|reschedul\w*|push(ed|es)? (back|to|into)|put off|"
    r"brought forward|bring forward|instead|changed?|shifted?|now (be|take|start|begin|set|scheduled)\w*|"
    r"new date|new time|pushed|later than (planned|expected|scheduled)|earlier than (planned|expected)|"
    r"relocat\w*|switched|had been (set|scheduled|planned|expected)|originally|initially)\b",
    re.IGNORECASE,
)
# "Iran confirmed on Thursday that the second round will be held in Rome": the newer word on where settles it
_CONFIRMS = re.compile(r"\b(?:confirm(?:s|ed|ing)?|finali[sz]ed|settled\s+on|agreed\s+on)\b", re.I)
_INSTEAD = re.compile(r"\b(?:instead|in place of|replac\w+|rather than)\b", re.I)
# words that say a report is about a later day of a meeting that runs over several
_LATER_DAY = re.compile(
    r"\b(?:(?:two|three|four|five|six|seven|\d+)-day|(?:second|third|fourth|fifth|sixth|last|final)\s+day"
    r"|day\s+(?:two|three|four|five|\d+)|ended|closed|concluded|wrapped\s+up|(?:more\s+than\s+)?a\s+week\s+of)\b",
    re.I,
)
_LEADER_ROLE = re.compile(r"\b(president|prime minister|premier|chancellor|king|leader|head of state|emir)\b", re.I)
_MINISTER_ROLE = re.compile(r"\b(minister|secretary of state|foreign secretary|envoy|negotiator|aide)\b", re.I)

# statuses a newer report may move a meeting to, from each status
_TRANSITIONS: dict[EventStatus, frozenset[EventStatus]] = {
    EventStatus.SCHEDULED: frozenset(EventStatus),
    EventStatus.POSTPONED: frozenset({EventStatus.ONGOING, EventStatus.HELD, EventStatus.CANCELLED}),
    EventStatus.ONGOING: frozenset({EventStatus.HELD, EventStatus.POSTPONED, EventStatus.CANCELLED}),
    EventStatus.HELD: frozenset(),
    EventStatus.CANCELLED: frozenset({EventStatus.ONGOING, EventStatus.HELD}),
}


# ---------------------------------------------------------------- normalising names


# matching weighs every report against up to 15 stored meetings, folding the same few names each time
@lru_cache(maxsize=1 << 16)
def fold(text: str | None) -> str:
    """Lower-case ASCII with punctuation turned into spaces."""
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9']+", " ", text.lower()).strip()


@cache
def _aliases() -> dict[str, str]:
    raw = json.loads(resources.files("briefings.data").joinpath("party_aliases.json").read_text("utf-8"))
    out: dict[str, str] = {}
    for canon, phrases in raw.items():
        if canon.startswith("_"):
            continue
        out[fold(canon)] = canon
        for phrase in phrases:
            out[fold(phrase)] = canon
    # an article shows a party in its own spelling ("DR Congo"): every spelling is the one party
    for canon, spellings in parties_table().get("spellings", {}).items():
        for spelling in (canon, *spellings):
            out.setdefault(fold(spelling), canon)
    return out


@cache
def _blocs() -> frozenset[str]:
    return frozenset(fold(canonical_party(b)) for b in parties_table()["blocs"])


@cache
def canonical_party(name: str) -> str:
    """One name per party: "Turkish delegation", "Türkiye" and "Ankara" all give "Turkey"."""
    key = re.sub(r"^the ", "", fold(name).replace("'s", "")).strip()
    aliases = _aliases()
    if key in aliases:
        return aliases[key]
    toks = key.split()
    for n in range(len(toks), 0, -1):
        for i in range(len(toks) - n + 1):
            phrase = " ".join(toks[i : i + n])
            if phrase in aliases and (n > 1 or len(phrase) > 2):
                return aliases[phrase]
    return name.strip()


def party_set(names: tuple[str, ...] | list[str]) -> frozenset[str]:
    """Canonical party names, folded for comparison."""
    return frozenset(fold(canonical_party(n)) for n in names if n and n.strip())


@lru_cache(maxsize=1 << 16)
def surname(name: str | None) -> str:
    """The last word of a name, folded: people are matched by surname across outlets."""
    words = [w for w in fold(name).split() if w not in {"jr", "sr", "ii", "iii"}]
    return words[-1] if words else ""


def _words(text: str | None) -> set[str]:
    return {w for w in fold(text).split() if len(w) > 2 and w not in {"the", "and", "for", "with", "palace"}}


@lru_cache(maxsize=1 << 14)
def kind_class(kind: str, title: str, participants: tuple[Participant, ...] = ()) -> str:
    """The level of a meeting: summit, ministerial, call, vote, hearing or generic talks."""
    text = f"{kind} {title}".lower()
    roles = [p.role or "" for p in participants if p.role]
    # two or more named ministers and no leader: a ministers' meeting, whatever the report calls it
    ministers_only = len(roles) >= 2 and all(_MINISTER_ROLE.search(r) and not _LEADER_ROLE.search(r) for r in roles)
    if re.search(r"\b(phone|call|video ?call|videoconference)\b", text):
        return "call"
    if re.search(r"\bvote\b|\bballot\b|\breferendum\b", text):
        return "vote"
    if re.search(r"\bhearing\b", text):
        return "hearing"
    # checked before "summit": "foreign ministers meet to prepare the summit" is the ministers' meeting
    if ministers_only or re.search(r"(?<!prime )minist|secretar(y|ies) of state|foreign secretar", text):
        return "ministerial"
    if "summit" in text:
        return "summit"
    if roles and any(_LEADER_ROLE.search(r) for r in roles):
        return "leaders"
    if roles and all(_MINISTER_ROLE.search(r) and not _LEADER_ROLE.search(r) for r in roles):
        return "ministerial"
    return "generic"


def _kinds_compatible(a: str, b: str) -> bool:
    if a == b or "generic" in (a, b):
        return True
    # a summit is a leaders' meeting; a ministers' meeting preparing it is a different one
    return {a, b} == {"summit", "leaders"}


# ---------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class EventState:
    """What the store knows about one meeting, as tracking needs it."""

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
    # (publication date, article id) of the newest article that shaped the state
    as_of: tuple[dt.date, int]
    # (field, value) pairs the meeting has had before: an old report repeating them is stale, not a conflict
    past_values: frozenset[tuple[str, str]] = frozenset()
    conflicts: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True, slots=True)
class Report:
    """One article's account of one meeting, with where the article stands in time."""

    event: ExtractedEvent
    article_id: int
    published: dt.date
    extra_text: str = ""

    @property
    def order(self) -> tuple[dt.date, int]:
        """Newer articles sort later: publication date first, then ingest order."""
        return (self.published, self.article_id)


@dataclass(frozen=True, slots=True)
class Update:
    """What one report does to a stored meeting."""

    values: dict[str, object] = field(default_factory=dict)
    changes: tuple[tuple[str, str | None, str | None], ...] = ()
    conflicts: tuple[tuple[str, str], ...] = ()
    participants: tuple[Participant, ...] = ()
    parties: tuple[str, ...] = ()
    newer: bool = False


# ---------------------------------------------------------------- matching


def _host(city_country: str | None) -> str | None:
    return fold(canonical_party(city_country)) if city_country else None


def _parties_compatible(a: frozenset[str], b: frozenset[str], hosts: set[str], replaced: bool = False) -> bool:
    """Same sides, or one report names fewer of them.

    ``replaced``: the stored meeting was called off or put off, so a meeting of fewer sides is the
    one held instead (a five-party meeting cancelled, a four-party one held), not the same one.
    """
    if not a or not b or a == b:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not small <= large:
        # outlets name mediators and guests differently ("Egypt and Qatar mediating" vs "a U.S. envoy joining"):
        # mostly the same sides is the same meeting; Turkey-US-Ukraine vs Turkey-Russia-Ukraine (half) is not
        shared = a & b
        if len(shared) >= 2 and len(shared) / len(a | b) > 0.5:
            return True
        # "ASEAN-US summit" with Cambodia (the chair) in one report and Myanmar in another: members of a bloc come
        # and go between outlets; without a bloc (Turkey-US-Ukraine vs Turkey-Russia-Ukraine) they are two meetings
        return len(shared) >= 2 and bool(shared & _blocs()) and len(a - b) <= 1 and len(b - a) <= 1
    extra = large - small - hosts
    # "Russia-Ukraine talks" vs "Turkish, Russian and Ukrainian delegations": the host or a mediator added
    if not extra or len(small) <= 2:
        return True
    return len(extra) <= 1 and not replaced


def _people(parts: tuple[Participant, ...]) -> dict[str, str]:
    return {surname(p.name): fold(canonical_party(p.affiliation)) if p.affiliation else "" for p in parts if p.name}


def _same_place(a: str | None, b: str | None) -> bool | None:
    if not a or not b:
        return None
    wa, wb = _words(a), _words(b)
    return bool(wa & wb) or fold(a) == fold(b)


def signals_change(report: Report) -> bool:
    """Does the report say the meeting changed (moved, postponed, new slot) rather than restate it?"""
    ev = report.event
    if ev.status in (EventStatus.POSTPONED, EventStatus.CANCELLED) or ev.new_date or ev.new_start_utc:
        return True
    text = " ".join((ev.evidence, " ".join(ev.notes), report.extra_text))
    return bool(_CHANGE_WORDS.search(text))


def local_date(start: dt.datetime | None, tz: str | None) -> dt.date | None:
    """The calendar day of a UTC start in the venue's zone (UTC when unknown)."""
    if start is None:
        return None
    zone: dt.tzinfo = dt.UTC
    if tz:
        try:
            zone = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            zone = dt.UTC
    return start.astimezone(zone).date()


def _report_date(ev: ExtractedEvent) -> dt.date | None:
    return ev.date or local_date(ev.start_utc, ev.timezone)


def match_score(state: EventState, report: Report) -> float | None:
    """How well a report fits a stored meeting; ``None`` when it cannot be the same meeting."""
    ev = report.event
    old_kind = kind_class(state.kind, state.title, state.participants)
    new_kind = kind_class(ev.kind, ev.title, ev.participants)
    same_people = len(set(_people(state.participants)) & set(_people(ev.participants))) >= 2
    if not _kinds_compatible(old_kind, new_kind) and not ("call" in (old_kind, new_kind) and same_people):
        return None  # a planned meeting of the same two people that became a phone call is still that meeting
    hosts = {h for h in (_host(state.country), _host(ev.country)) if h}
    sp, ep = party_set(state.parties), party_set(ev.parties)
    replaced = len(ep) < len(sp) and (
        state.status in (EventStatus.CANCELLED, EventStatus.POSTPONED) or bool(_INSTEAD.search(ev.evidence))
    )
    # outlets list mediators and bystanders differently; the same two named negotiators settle it
    if not _parties_compatible(sp, ep, hosts, replaced) and not (same_people and len(sp & ep) >= 2):
        return None
    changed = signals_change(report)
    new_date = ev.new_date or local_date(ev.new_start_utc, ev.timezone) or _report_date(ev)
    if state.date and new_date and new_date != state.date:
        # a meeting already held is not moved: a later date for the same sides is the next round
        if state.status == EventStatus.HELD and ev.status in (EventStatus.SCHEDULED, EventStatus.POSTPONED):
            return None
        # talks under way on the 3rd and a round set for the 19th: the next round, not the talks re-dated
        if (
            state.status == EventStatus.ONGOING
            and ev.status == EventStatus.SCHEDULED
            and not changed
            and (new_date - state.date).days > 7
        ):
            return None
        # a meeting called off is not the one reported for another day, unless the report says it was moved
        if state.status == EventStatus.CANCELLED and ev.status != EventStatus.CANCELLED and not changed:
            return None
    score = 0.0
    if sp and ep:
        score += 2.0 * len(sp & ep) / len(sp | ep)
    sp_people, ep_people = _people(state.participants), _people(ev.participants)
    shared = set(sp_people) & set(ep_people)
    if shared:
        score += 1.0 + 2.0 * len(shared) / len(set(sp_people) | set(ep_people))
    elif sp_people and ep_people:
        # both name people of the same side and none coincide: a sign of two different meetings
        common_sides = {a for a in sp_people.values() if a} & {a for a in ep_people.values() if a}
        if common_sides:
            score -= 1.0
    same_city = _same_place(state.city, ev.city)
    if same_city is True:
        score += 1.0
    elif same_city is False and not changed:
        score -= 2.0
    if _same_place(state.venue, ev.venue):
        score += 0.5
    if kind_class(state.kind, state.title) == kind_class(ev.kind, ev.title):
        score += 0.5
    if old_kind == "summit" and new_kind != "summit" and len(sp) >= 5 and 0 < len(ep) <= 3:
        score -= 3.0  # two or three leaders meeting at a many-sided summit: likelier a bilateral on its sidelines
    score += 0.5 * len(_words(state.title) & _words(ev.title)) / max(1, len(_words(state.title) | _words(ev.title)))
    if state.date and new_date:
        gap = abs((state.date - new_date).days)
        if gap == 0:
            score += 0.5
        elif gap <= 14:
            score += 0.2
        elif gap > 45 and not changed:
            score -= 1.5
        if (
            gap
            and state.status == EventStatus.HELD
            and ev.status == EventStatus.HELD
            and not changed
            and not _over_days(report)
        ):
            # held on Wednesday, and a meeting of the same people held on Thursday: the next one, not a day of it
            score -= 1.0
    return score


def best_match(states: list[EventState], report: Report, floor: float = MATCH_FLOOR) -> EventState | None:
    """The stored meeting a report describes, if any fits well enough (best score, then newest)."""
    best: tuple[float, int] | None = None
    found: EventState | None = None
    for st in states:
        s = match_score(st, report)
        if s is None or s < floor:
            continue
        if best is None or (s, st.id) > best:
            best, found = (s, st.id), st
    return found


# ---------------------------------------------------------------- merging


def show(value: object) -> str | None:
    """A value as the change history shows it: ISO dates, ISO UTC times with Z."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def merge_participants(
    old: tuple[Participant, ...], new: tuple[Participant, ...]
) -> tuple[tuple[Participant, ...], bool]:
    """Union by surname, filling in roles and affiliations the first report left out."""
    out = list(old)
    index = {surname(p.name): i for i, p in enumerate(out) if p.name}
    roles = {fold(p.role) for p in out if not p.name and p.role}
    changed = False
    for p in new:
        if not p.name:
            if p.role and fold(p.role) not in roles:
                out.append(p)
                roles.add(fold(p.role))
                changed = True
            continue
        key = surname(p.name)
        if key not in index:
            index[key] = len(out)
            out.append(p)
            changed = True
            continue
        cur = out[index[key]]
        merged = Participant(
            name=cur.name if len(cur.name or "") >= len(p.name) else p.name,
            role=cur.role or p.role,
            affiliation=cur.affiliation or p.affiliation,
            head=cur.head or p.head,
        )
        if merged != cur:
            out[index[key]] = merged
            changed = True
    return tuple(out), changed


def merge_parties(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """Union of parties by canonical name, keeping the first spelling seen."""
    seen = {fold(canonical_party(p)) for p in old}
    out = list(old)
    for p in new:
        key = fold(canonical_party(p))
        if p.strip() and key not in seen:
            seen.add(key)
            out.append(canonical_party(p))
    return tuple(out)


def initial_values(report: Report) -> dict[str, object]:
    """The state of a meeting first heard of in this report."""
    ev = report.event
    status = ev.status
    date, start = _report_date(ev), ev.start_utc
    if ev.new_date or ev.new_start_utc:
        date = ev.new_date or local_date(ev.new_start_utc, ev.timezone)
        start = ev.new_start_utc
        if status == EventStatus.SCHEDULED:
            status = EventStatus.POSTPONED
    return {
        "title": ev.title,
        "kind": ev.kind,
        "status": status,
        "date": date,
        "start_utc": start,
        "timezone": ev.timezone,
        "venue": ev.venue,
        "city": ev.city,
        "country": ev.country,
    }


def _over_days(report: Report) -> bool:
    """The report tells of talks running over several days ("fourth day", "two-day", "ended")."""
    return bool(_LATER_DAY.search(" ".join((report.event.evidence, report.extra_text))))


def _later_day_of_it(state: EventState, report: Report, r_date: dt.date | None, changed_signal: bool) -> bool:
    """A report from a later day of a meeting that runs over several days ("talks entered their fourth day",
    "ended a two-day summit on Friday") keeps the day it began."""
    ev = report.event
    if changed_signal or ev.status not in (EventStatus.ONGOING, EventStatus.HELD):
        return False
    if not (state.date and r_date and state.date < r_date <= state.date + dt.timedelta(days=14)):
        return False
    if state.date > report.published:
        return False
    begun = state.status in (EventStatus.ONGOING, EventStatus.HELD)
    return begun or _over_days(report)


def merge(state: EventState, report: Report) -> Update:
    """What a report does to a stored meeting: applied changes, conflicts, and people and sides added."""
    ev = report.event
    newer = report.order > state.as_of
    changed_signal = signals_change(report)
    values: dict[str, object] = {}
    changes: list[tuple[str, str | None, str | None]] = []
    conflicts: list[tuple[str, str]] = []

    def apply(name: str, old: object, new: object) -> None:
        values[name] = new
        changes.append((name, show(old), show(new)))

    def disagree(name: str, value: object) -> None:
        shown = show(value) or ""
        if (name, shown) in state.past_values or (name, shown) in state.conflicts:
            return  # a stale repeat of an older value, or a conflict already on record
        if (name, shown) not in conflicts:
            conflicts.append((name, shown))

    # the slot the report gives: a postponement's new slot if it names one
    has_new_slot = bool(ev.new_date or ev.new_start_utc)
    if has_new_slot and ev.status == EventStatus.POSTPONED and ev.new_date and state.date and ev.new_date < state.date:
        has_new_slot = False  # "postponed" to an earlier day is a misread date, not a new slot
    if has_new_slot:
        r_date = ev.new_date or local_date(ev.new_start_utc, ev.timezone or state.timezone)
        r_start = ev.new_start_utc
    elif ev.status == EventStatus.POSTPONED:
        # put off: a date or time in the report is the new slot only if it is later than the stored one
        # (extractors often repeat the original slot, or a stray earlier day, beside "postponed")
        rd = _report_date(ev)
        r_date = rd if rd and (state.date is None or rd > state.date) else None
        later_start = ev.start_utc and (state.start_utc is None or ev.start_utc > state.start_utc)
        r_start = ev.start_utc if later_start and (r_date or rd in (None, state.date)) else None
    else:
        r_date, r_start = _report_date(ev), ev.start_utc
    if _later_day_of_it(state, report, r_date, changed_signal):
        r_date, r_start = state.date, None  # "on the fourth day of talks": not a new start

    status = state.status
    if newer and ev.status != state.status and ev.status in _TRANSITIONS[state.status]:
        status = ev.status
        if status == EventStatus.POSTPONED and r_start and not r_date and state.status == EventStatus.SCHEDULED:
            status = state.status  # pushed back within the same day: still scheduled, at a new time
    reality = ev.status in (EventStatus.ONGOING, EventStatus.HELD) and state.status not in (
        EventStatus.ONGOING,
        EventStatus.HELD,
    )
    # an old slot that passed unreported, now given again for a later day, was moved
    passed = bool(state.date and r_date and state.date < report.published <= r_date)
    may_move = newer and (
        changed_signal or reality or passed or state.status == EventStatus.POSTPONED or status == EventStatus.POSTPONED
    )

    date_moved = False
    if r_date and r_date != state.date:
        if state.date is None:
            apply("date", None, r_date)
        elif may_move and state.status not in (EventStatus.HELD,):
            apply("date", state.date, r_date)
            date_moved = True
            if r_date > state.date and status == EventStatus.SCHEDULED:
                status = EventStatus.POSTPONED  # moved to a later day
        else:
            disagree("date", r_date)
    if r_start and r_start != state.start_utc:
        if state.start_utc is None and (state.date is None or r_date in (state.date, None) or date_moved):
            apply("start_utc", None, r_start)
        elif (date_moved or may_move) and state.status != EventStatus.HELD:
            apply("start_utc", state.start_utc, r_start)
        else:
            disagree("start_utc", r_start)
    elif date_moved and state.start_utc is not None and not r_start:
        apply("start_utc", state.start_utc, None)  # the old clock time belonged to the old day

    # venue: a report naming the building narrows the city; a different building needs a change signal
    if ev.venue and fold(ev.venue) != fold(state.venue):
        if state.venue is None:
            apply("venue", None, ev.venue)
        elif _same_place(state.venue, ev.venue):
            if newer and len(ev.venue) > len(state.venue):
                values["venue"] = ev.venue  # the same place, spelt out more fully: not news
        elif newer and (changed_signal or reality):
            apply("venue", state.venue, ev.venue)
        else:
            disagree("venue", ev.venue)
    if ev.city and fold(ev.city) != fold(state.city):
        if state.city is None:
            apply("city", None, ev.city)
        elif newer and (changed_signal or _CONFIRMS.search(ev.evidence)):
            apply("city", state.city, ev.city)
            if not ev.venue and state.venue:
                apply("venue", state.venue, None)
        else:
            disagree("city", ev.city)

    if status != state.status:
        apply("status", state.status.value, status.value)
        values["status"] = status
    for name in ("timezone", "country"):
        new_v = getattr(ev, name)
        if new_v and getattr(state, name) is None:
            values[name] = new_v

    participants, people_changed = merge_participants(state.participants, ev.participants)
    parties = merge_parties(state.parties, ev.parties)
    return Update(
        values=values,
        changes=tuple(changes),
        conflicts=tuple(conflicts),
        participants=participants if people_changed else (),
        parties=parties if parties != state.parties else (),
        newer=newer,
    )


# ---------------------------------------------------------------- stories


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def core_parties(parties: tuple[str, ...], country: str | None) -> list[str]:
    """The sides a story is about: the host country drops out when two others remain."""
    canon = []
    for p in parties:
        c = canonical_party(p)
        if c not in canon:
            canon.append(c)
    host = canonical_party(country) if country else None
    core = [p for p in canon if p != host]
    return sorted(core if len(core) >= 2 else canon, key=fold)


def story_key(ev: ExtractedEvent) -> str:
    """A stable key from the core parties and the city: "russia-ukraine-istanbul"."""
    parts = [_slug(p) for p in core_parties(ev.parties, ev.country)[:4]]
    if not parts:
        parts = [_slug(w) for w in sorted(_words(ev.title))[:3]]
    if ev.city:
        parts.append(_slug(ev.city))
    return "-".join(p for p in parts if p) or "general"


def story_title(ev: ExtractedEvent) -> str:
    """A readable story title: "Russia-Ukraine talks, Istanbul"."""
    core = core_parties(ev.parties, ev.country)[:4]
    what = "summit" if "summit" in f"{ev.kind} {ev.title}".lower() else "talks"
    head = f"{'-'.join(core)} {what}" if core else ev.title
    return f"{head}, {ev.city}" if ev.city else head


def story_words(ev: ExtractedEvent) -> set[str]:
    """Words a topic may use to pick this story: parties (and their aliases), city, venue, people, title."""
    words = _words(ev.title) | _words(ev.city) | _words(ev.venue) | _words(ev.country)
    aliases = _aliases()
    for p in ev.parties:
        canon = canonical_party(p)
        words |= _words(canon)
        words |= {a for a, c in aliases.items() if c == canon and " " not in a and len(a) > 2}
    for person in ev.participants:
        if person.name:
            words |= _words(person.name)
    return words


def topic_score(topic: str, words: set[str]) -> int:
    """How many of the topic's words a story's words contain (prefixes of 4+ letters count)."""
    hits = 0
    for w in fold(topic).split():
        if w in words or (len(w) >= 4 and any(x.startswith(w) for x in words)):
            hits += 1
    return hits


def headline_weight(ev: ExtractedEvent, headline: str | None) -> int:
    """How much of an event the headline names: the main event of an article names the story."""
    text = fold(headline)
    if not text:
        return 0
    toks = set(text.split())
    hits = 0
    for p in ev.parties:
        canon = canonical_party(p)
        if any(a in toks or (" " in a and a in text) for a, c in _aliases().items() if c == canon):
            hits += 2
    hits += sum(1 for person in ev.participants if surname(person.name) and surname(person.name) in toks)
    hits += 1 if ev.city and fold(ev.city) in text else 0
    return hits
