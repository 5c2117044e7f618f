"""How briefbot writes times: UTC beside the venue's local time, dates with weekdays, countdowns.

Every function takes aware datetimes (UTC inside the core) and IANA zone names; nothing here
reads the clock. Venue-local offsets come from ``zoneinfo``, so summer time is right on the day.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z", "Zulu", "Universal", "Etc/Universal"})


@lru_cache(maxsize=256)
def zone(name: str | None) -> ZoneInfo | None:
    """The zone for an IANA name, or None when the name is empty or unknown (logged once)."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r: showing UTC only", name)
        return None


def is_utc_zone(name: str | None) -> bool:
    """True when ``name`` is UTC under another name, so a local time would only repeat it."""
    return bool(name) and name in _UTC_NAMES


def zone_label(name: str) -> str:
    """A reader-friendly place for a zone: ``Europe/Istanbul`` -> ``Istanbul``."""
    return name.rsplit("/", 1)[-1].replace("_", " ")


def gmt_offset(moment: dt.datetime, tz: str) -> str:
    """The zone's offset at that moment: ``GMT+3``, ``GMT-4``, ``GMT+5:30``, ``GMT``."""
    info = zone(tz)
    if info is None:
        return "GMT"
    offset = _aware(moment).astimezone(info).utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "GMT"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"GMT{sign}{hours}" + (f":{mins:02d}" if mins else "")


def hhmm(moment: dt.datetime) -> str:
    """``09:30``."""
    return moment.strftime("%H:%M")


def utc_time(moment: dt.datetime) -> str:
    """``09:30 UTC``."""
    return f"{hhmm(_aware(moment).astimezone(dt.UTC))} UTC"


def local_time(moment: dt.datetime, tz: str | None) -> str | None:
    """``12:30 Istanbul (GMT+3)``, or None when there is no (non-UTC) zone to show."""
    info = zone(tz)
    if info is None or tz is None or is_utc_zone(tz):
        return None
    local = _aware(moment).astimezone(info)
    return f"{hhmm(local)} {zone_label(tz)} ({gmt_offset(moment, tz)})"


def utc_and_local(moment: dt.datetime, tz: str | None) -> str:
    """``09:30 UTC / 12:30 Istanbul (GMT+3)``; UTC alone when the venue's zone is unknown."""
    local = local_time(moment, tz)
    return f"{utc_time(moment)} / {local}" if local else utc_time(moment)


def local_date(moment: dt.datetime, tz: str | None) -> dt.date:
    """The calendar day at the venue (UTC's day when the zone is unknown)."""
    info = zone(tz)
    aware = _aware(moment)
    return aware.astimezone(info).date() if info else aware.astimezone(dt.UTC).date()


def day(d: dt.date, *, year: bool = True) -> str:
    """``Fri 16 May 2025`` (or ``Fri 16 May`` without the year)."""
    text = f"{d.strftime('%a')} {d.day} {d.strftime('%b')}"
    return f"{text} {d.year}" if year else text


def when(start: dt.datetime | None, date: dt.date | None, tz: str | None, *, year: bool = True) -> str:
    """The whole "when" of an event: ``Fri 16 May 2025, 09:30 UTC / 12:30 Istanbul (GMT+3)``.

    With only a date: ``Fri 16 May 2025, time not announced``; with neither: ``date not announced``.
    """
    if start is not None:
        return f"{day(local_date(start, tz), year=year)}, {utc_and_local(start, tz)}"
    if date is not None:
        return f"{day(date, year=year)}, time not announced"
    return "date not announced"


def countdown(start: dt.datetime, now: dt.datetime) -> str:
    """``in 1 h 15 min``, ``in 2 days 3 h``, ``starting now``, ``started 20 min ago``."""
    seconds = (_aware(start) - _aware(now)).total_seconds()
    if -60 < seconds < 60:
        return "starting now"
    text = duration(dt.timedelta(seconds=abs(seconds)))
    return f"in {text}" if seconds > 0 else f"started {text} ago"


def duration(delta: dt.timedelta) -> str:
    """``1 h 15 min``, ``45 min``, ``2 days 3 h`` (whole minutes, rounded up below a day)."""
    total_min = int(-(-delta.total_seconds() // 60))  # ceil: "in 1 min" rather than "in 0 min"
    days, rest = divmod(total_min, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        out = f"{days} day" + ("s" if days != 1 else "")
        return f"{out} {hours} h" if hours else out
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def wire_time(moment: dt.datetime) -> str:
    """The wire-service style: ``0930 GMT``."""
    return _aware(moment).astimezone(dt.UTC).strftime("%H%M") + " GMT"


def _aware(moment: dt.datetime) -> dt.datetime:
    # the core promises aware datetimes; a naive one that slips through is taken as UTC, not local
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


__all__ = [
    "countdown",
    "day",
    "duration",
    "gmt_offset",
    "hhmm",
    "is_utc_zone",
    "local_date",
    "local_time",
    "utc_and_local",
    "utc_time",
    "when",
    "wire_time",
    "zone",
    "zone_label",
]
