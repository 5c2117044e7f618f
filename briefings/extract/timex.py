"""Stage 2: time expressions. Clock times with their zone word, and calendar dates resolved
against the publication date ("on Friday", "tomorrow", "May 16", "16 May 2025")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from briefings.extract import fastre
from briefings.extract.lexicon import lexicon

_AMPM = r"(?P<ap>[ap])\.?\s?m\b\.?"
_ZONE_WORDS = (
    r"GMT|UTC|BST|WEST|WET|CEST|CET|EEST|EET|MSK|TRT|EDT|EST|ET|CDT|CST|CT|MDT|MST|MT|PDT|PST|PT|AKDT|AKST"
    r"|HST|JST|KST|IST|PKT|GST|SGT|HKT|AEDT|AEST|NZDT|NZST|WIB|ICT|PHT|CAT|EAT|WAT|SAST|Z"
)
_ZONE_AFTER = fastre.compile(
    r"(?:\s+(?:tonight|today|tomorrow|on\s+\w+day)\s*,?)?"
    rf"\s*(?:hours?\b|hrs\b|h\b)?\s*\(?\s*(?:(?P<zone>{_ZONE_WORDS})\b(?:\s*[+-]\s*\d{{1,2}})?"
    r"|(?P<local>local(?:\s+time)?)\b"
    r"|(?P<named>(?:Eastern|Central|Pacific|Mountain)(?:\s+(?:Daylight|Standard))?)(?:\s+[Tt]ime\b|(?![\w-])(?!\s+[A-Z][a-z]))"
    r"|(?P<city>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+time\b)",
)
_CLOCK = fastre.compile(
    r"(?<![\w:./-])(?:"
    rf"(?P<h1>[01]?\d|2[0-3])[:.h](?P<m1>[0-5]\d)(?:\s*{_AMPM.replace('ap', 'ap1')})?"
    r"|(?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d)(?=\s*(?:hours?|hrs|h\b|GMT|UTC|Z\b|local|[A-Z]{2,4}\b|\(|[A-Z][a-z]+\s+time\b))"
    rf"|(?P<h3>1[0-2]|0?[1-9])\s*{_AMPM.replace('ap', 'ap3')}"
    r"|(?P<word>(?:12\s+)?noon|midday|midnight)"
    r"|(?P<h5>1[0-2]|0?[1-9])(?:\s+o['’]clock)?\s+in\s+the\s+(?P<part>morning|afternoon|evening)"
    r"|(?P<h6>1[0-2]|0?[1-9])\s+o['’]clock"
    # "- 3pm: multilateral meeting" is a time; "10:30:45" is not "10:30"; "5.25%", "5.25 per cent" are rates
    r")(?![\w]|:\d|\s*(?:%|per\s*cent\b|percent\b|pct\b|basis\s+points\b))",
    re.IGNORECASE,
)
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_DATE_MD = fastre.compile(
    rf"(?<![\w-])(?:{_WD},?\s+)?{_MON}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
    r"(?:\s*(?:and|-|–|to)\s*[0-3]?\d)?(?:,?\s+(?P<year>(?:19|20)\d\d))?",
    re.I,
)
_DATE_DM = fastre.compile(
    rf"(?<![\w-])(?:{_WD},?\s+)?(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?![\w])"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?",
    re.I,
)
_DATE_ISO = fastre.compile(r"(?<![\w-])(?P<year>20\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w-])")
_WEEKDAY = fastre.compile(
    rf"(?<![\w-])(?:(?P<mod>next|this|last|coming|on|by|until|from|since|before)\s+)?{_WD}"
    r"(?:'s)?(?:\s+(?P<part>morning|afternoon|evening|night))?(?![\w])",
    re.I,
)
_ORDINAL_DAY = fastre.compile(r"(?<![\w-])on\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Z])")
_RELATIVE = fastre.compile(
    r"(?<![\w-])(?P<rel>later\s+today|today|tonight|this\s+(?:morning|afternoon|evening)|tomorrow|yesterday"
    r"|the\s+day\s+after\s+tomorrow|last\s+night)(?![\w])",
    re.I,
)
_VAGUE = fastre.compile(
    r"(?<![\w-])(?P<vague>next\s+week|later\s+this\s+week|this\s+week|early\s+next\s+week|later\s+this\s+month"
    r"|next\s+month|in\s+the\s+coming\s+(?:days|weeks)|within\s+(?:days|weeks)|soon|at\s+a\s+later\s+date"
    r"|(?:with)?in\s+(?:the\s+next\s+)?(?:a|one|two|three|a\s+couple\s+of|a\s+few)\s+(?:days|weeks)"
    r"|within\s+the\s+next\s+(?:few\s+)?(?:days|weeks|month)|later\s+this\s+(?:year|autumn|fall|spring|summer|winter)"
    r"|(?:in\s+(?:early|mid|late)-?|at\s+the\s+(?:end|start|beginning)\s+of)\s*(?:january|february|march|april|may"
    r"|june|july|august|september|october|november|december))(?![\w])",
    re.I,
)
_YEAR = fastre.compile(
    r"(?<![\w-])(?:in|since|of|during|from)\s+(?:(?:early|late|mid)-?\s*)?(?:\w+\s+)?(?P<y>(?:19|20)\d\d)\b"
)


@dataclass(frozen=True, slots=True)
class ClockMention:
    """A clock time in the text and the zone word that followed it, if any."""

    start: int
    end: int
    hour: int
    minute: int
    zone: str | None  # "GMT", "ET", "local", "city:Kyiv", or None for a bare time
    text: str
    # "8 p.m. ET (0000 GMT)": the same moment in a fixed zone, which gives the minute but not the day
    equivalent: ClockMention | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A calendar day (resolved, or a weekday waiting for tense) or a vague period."""

    start: int
    end: int
    text: str
    day: date | None = None
    weekday: int | None = None  # 0 = Monday, when only a weekday was given
    modifier: str | None = None  # next/this/last/on...
    vague: str | None = None  # "next week" and the like: a period, never a day


_RANGE_START = fastre.compile(
    rf"(?<![\w:./-])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s*(?:-|–|to|until|and)\s*(?:[01]\d|2[0-3])[0-5]\d\s*(?P<zone>{_ZONE_WORDS})\b"
)


def find_clocks(text: str) -> list[ClockMention]:
    """Every clock time in ``text`` with its zone word."""
    out: list[ClockMention] = []
    # "from 1400 to 1800 GMT": the start of a range takes the zone written after its end
    for r in _RANGE_START.finditer(text):
        out.append(
            ClockMention(
                r.start(), r.end("m"), int(r.group("h")), int(r.group("m")), r.group("zone").upper(), r.group(0)
            )
        )
    for m in _CLOCK.finditer(text):
        g = m.groupdict()
        tail = _ZONE_AFTER.match(text, m.end())
        zone: str | None = None
        end = m.end()
        if tail:
            if tail.group("zone"):
                zone = tail.group("zone").upper()
            elif tail.group("local"):
                zone = "local"
            elif tail.group("named"):
                zone = {"EASTERN": "ET", "CENTRAL": "CT", "PACIFIC": "PT", "MOUNTAIN": "MT"}[
                    tail.group("named").split()[0].upper()
                ]
            elif tail.group("city") and tail.group("city").lower() in lexicon().cities:
                zone = "city:" + tail.group("city")
            if zone:
                end = tail.end()
        if g["word"]:
            hour, minute = (0, 0) if g["word"].lower() == "midnight" else (12, 0)
        elif g["h1"] is not None:
            hour, minute = int(g["h1"]), int(g["m1"])
            sep = text[m.start("h1") + len(g["h1"])]
            if g["ap1"]:
                hour = _ampm(hour, g["ap1"])
            elif sep == "." and zone is None and not re.search(r"\bat\s*$", text[max(0, m.start() - 4) : m.start()]):
                continue  # "10.30" without am/pm, zone or "at" is a number, not a time
        elif g["h2"] is not None:
            hour, minute = int(g["h2"]), int(g["m2"])
            if zone is None and not re.match(r"\s*(?:hours?|hrs|h)\b", text[m.end() :]):
                continue  # four digits with no zone word: a year or a count
        elif g.get("h5") is not None:
            hour, minute = int(g["h5"]) % 12 + (0 if g["part"].lower() == "morning" else 12), 0
        elif g.get("h6") is not None:
            if not re.search(r"\bat\s*$", text[max(0, m.start() - 4) : m.start()]):
                continue
            hour, minute = int(g["h6"]), 0
        else:
            hour, minute = _ampm(int(g["h3"]), g["ap3"]), 0
        if any(o.start == m.start() for o in out):
            continue  # already read as the start of a range
        out.append(ClockMention(m.start(), end, hour, minute, zone, text[m.start() : end]))
    out.sort(key=lambda c: c.start)
    return out


def _ampm(hour: int, ap: str) -> int:
    hour %= 12
    return hour + 12 if ap.lower().startswith("p") else hour


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date-like expression in ``text``; explicit days are resolved against ``published``."""
    lex = lexicon()
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for rx in (_DATE_ISO, _DATE_MD, _DATE_DM):
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            month = int(g["month"]) if g.get("month") else lex.months[g["mon"].lower().rstrip(".")]
            day_n = int(g["day"])
            if g.get("mon") and g["mon"].lower() == "may" and not g.get("year") and rx is _DATE_DM:
                pass
            year = int(g["year"]) if g.get("year") else _nearest_year(month, day_n, published)
            if year is None:
                continue
            try:
                d = date(year, month, day_n)
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            out.append(DateMention(m.start(), m.end(), m.group(0), day=d))
    for m in _ORDINAL_DAY.finditer(text):
        if not free(m.start(), m.end()) or published is None:
            continue
        n = int(m.group("day"))
        year, month = published.year, published.month
        if n < published.day - 7:  # "on the 2nd", written on the 28th: next month
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        try:
            d = date(year, month, n)
        except ValueError:
            continue
        taken.append((m.start(), m.end()))
        out.append(DateMention(m.start(), m.end(), m.group(0), day=d))
    for m in _RELATIVE.finditer(text):
        if not free(m.start(), m.end()) or published is None:
            continue
        rel = " ".join(m.group("rel").lower().split())
        delta = {"tomorrow": 1, "yesterday": -1, "the day after tomorrow": 2, "last night": -1}.get(rel, 0)
        taken.append((m.start(), m.end()))
        out.append(DateMention(m.start(), m.end(), m.group(0), day=published + timedelta(days=delta)))
    for m in _WEEKDAY.finditer(text):
        if not free(m.start("wd"), m.end("wd")):
            continue
        mod = (m.group("mod") or "").lower() or None
        taken.append((m.start(), m.end()))
        out.append(
            DateMention(m.start(), m.end(), m.group(0), weekday=lex.weekdays.index(m.group("wd").lower()), modifier=mod)
        )
    for m in _VAGUE.finditer(text):
        if free(m.start(), m.end()):
            out.append(DateMention(m.start(), m.end(), m.group(0), vague=" ".join(m.group("vague").lower().split())))
    out.sort(key=lambda d: d.start)
    return out


def _nearest_year(month: int, day: int, published: date | None) -> int | None:
    """The year that puts month/day nearest the publication date (news rarely looks > 6 months away)."""
    if published is None:
        return None
    best: tuple[int, int] | None = None
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            gap = abs((date(y, month, day) - published).days)
        except ValueError:
            continue
        if best is None or gap < best[0]:
            best = (gap, y)
    return best[1] if best else None


def resolve_weekday(mention: DateMention, published: date, future: bool) -> date:
    """A weekday to a day: the coming one for future events, the last one for past reports.

    A weekday equal to the publication day's is that day in both tenses: wire stories say
    "on Friday" for today.
    """
    assert mention.weekday is not None
    wd = mention.weekday
    ahead = (wd - published.weekday()) % 7
    behind = (published.weekday() - wd) % 7
    if mention.modifier == "next":
        return published + timedelta(days=ahead or 7)
    if mention.modifier == "last" or mention.modifier == "since":
        return published - timedelta(days=behind or 7)
    if mention.modifier in ("this", "coming", "until", "by", "before"):
        return published + timedelta(days=ahead)
    return published + timedelta(days=ahead) if future else published - timedelta(days=behind)


_ANY_YEAR = fastre.compile(
    r"(?<![\w$£€.,-])(?<!since\s)(?<!since\searly\s)(?<!since\slate\s)(?P<y>(?:19|20)\d\d)(?![\w%-]|,\d)"
)


def past_years(text: str, published: date | None) -> list[int]:
    """Years before the publication year named in ``text`` ("in 2022", "the 1985 summit")."""
    if published is None:
        return []
    return [int(m.group("y")) for m in _ANY_YEAR.finditer(text) if int(m.group("y")) < published.year]


def zone_for(word: str | None, venue_zone: str | None) -> ZoneInfo | timezone | None:
    """The tz a zone word stands for; "local" and bare times take the venue's zone."""
    lex = lexicon()
    if word is None or word == "local":
        return ZoneInfo(venue_zone) if venue_zone else None
    if word.startswith("city:"):
        city = lex.cities.get(word[5:].lower())
        return ZoneInfo(city.zone) if city else None
    if word in lex.zones_dynamic:
        return ZoneInfo(lex.zones_dynamic[word])
    if word in lex.zones_fixed:
        return timezone(timedelta(minutes=lex.zones_fixed[word]))
    return None


def to_utc(day: date, clock: ClockMention, venue_zone: str | None) -> datetime | None:
    """The clock time on ``day`` in its zone, as aware UTC; None when the zone is unknown."""
    tz = zone_for(clock.zone, venue_zone)
    local = datetime.combine(day, time(clock.hour, clock.minute), tzinfo=tz).astimezone(UTC) if tz else None
    eq = clock.equivalent
    if eq is None or zone_for(eq.zone, venue_zone) is None:
        return local
    if eq.zone is None and clock.zone is not None and local is not None:
        return local  # "3 p.m. ET (10 p.m. Israel time)": a zone we cannot read is no better than the one we can
    # the bracketed reading is exact to the minute; the day is the local one, so take the reading nearest it
    readings = [to_utc(day + timedelta(days=k), eq, venue_zone) for k in (-1, 0, 1)]
    if local is None:
        return readings[1]
    return min((r for r in readings if r is not None), key=lambda r: abs(r - local))
