"""Time formatting: UTC beside venue time with the right DST offset, weekday dates, countdowns."""

from __future__ import annotations

import datetime as dt

import pytest

from briefings import timefmt

UTC = dt.UTC


def at(y: int, mo: int, d: int, h: int, mi: int) -> dt.datetime:
    return dt.datetime(y, mo, d, h, mi, tzinfo=UTC)


def test_seed_times_in_utc_and_istanbul() -> None:
    """09:30 and 07:45 UTC on 16 May 2025 -> 12:30 and 10:45 Istanbul at GMT+3."""
    assert timefmt.utc_and_local(at(2025, 5, 16, 9, 30), "Europe/Istanbul") == "09:30 UTC / 12:30 Istanbul (GMT+3)"
    assert timefmt.utc_and_local(at(2025, 5, 16, 7, 45), "Europe/Istanbul") == "07:45 UTC / 10:45 Istanbul (GMT+3)"


@pytest.mark.parametrize(
    ("moment", "tz", "expected"),
    [
        (at(2025, 1, 15, 12, 0), "Europe/London", "12:00 UTC / 12:00 London (GMT)"),
        (at(2025, 7, 15, 12, 0), "Europe/London", "12:00 UTC / 13:00 London (GMT+1)"),
        (at(2025, 1, 15, 17, 0), "America/New_York", "17:00 UTC / 12:00 New York (GMT-5)"),
        (at(2025, 7, 15, 16, 0), "America/New_York", "16:00 UTC / 12:00 New York (GMT-4)"),
        (at(2025, 3, 1, 6, 30), "Asia/Kolkata", "06:30 UTC / 12:00 Kolkata (GMT+5:30)"),
        # the day summer time starts in Europe (30 March 2025, 01:00 UTC): before and after
        (at(2025, 3, 30, 0, 30), "Europe/Berlin", "00:30 UTC / 01:30 Berlin (GMT+1)"),
        (at(2025, 3, 30, 1, 30), "Europe/Berlin", "01:30 UTC / 03:30 Berlin (GMT+2)"),
    ],
)
def test_dst_offsets(moment: dt.datetime, tz: str, expected: str) -> None:
    """The offset shown is the zone's offset at that very moment, across DST changes and half-hour zones."""
    assert timefmt.utc_and_local(moment, tz) == expected


def test_utc_or_unknown_zone_shows_utc_only() -> None:
    """A UTC venue zone, no zone, or a zone name zoneinfo does not know all give UTC alone."""
    t = at(2025, 5, 16, 9, 30)
    assert timefmt.utc_and_local(t, None) == "09:30 UTC"
    assert timefmt.utc_and_local(t, "UTC") == "09:30 UTC"
    assert timefmt.utc_and_local(t, "Mars/Olympus_Mons") == "09:30 UTC"


def test_dates_have_weekdays_and_local_day() -> None:
    """Dates read "Fri 16 May 2025"; a late-UTC start shows the venue's calendar day."""
    assert timefmt.day(dt.date(2025, 5, 16)) == "Fri 16 May 2025"
    assert timefmt.day(dt.date(2025, 5, 15), year=False) == "Thu 15 May"
    late = at(2025, 5, 16, 22, 30)
    assert timefmt.when(late, None, "Europe/Istanbul") == "Sat 17 May 2025, 22:30 UTC / 01:30 Istanbul (GMT+3)"
    assert timefmt.when(None, dt.date(2025, 5, 16), "Europe/Istanbul") == "Fri 16 May 2025, time not announced"
    assert timefmt.when(None, None, None) == "date not announced"


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (dt.timedelta(hours=1, minutes=15), "in 1 h 15 min"),
        (dt.timedelta(minutes=45), "in 45 min"),
        (dt.timedelta(minutes=14, seconds=30), "in 15 min"),
        (dt.timedelta(hours=2), "in 2 h"),
        (dt.timedelta(days=1, hours=3), "in 1 day 3 h"),
        (dt.timedelta(days=3), "in 3 days"),
        (dt.timedelta(seconds=20), "starting now"),
        (-dt.timedelta(minutes=20), "started 20 min ago"),
    ],
)
def test_countdown(delta: dt.timedelta, expected: str) -> None:
    """Countdowns read naturally and round partial minutes up (never "in 0 min")."""
    now = at(2025, 5, 16, 6, 0)
    assert timefmt.countdown(now + delta, now) == expected


def test_wire_time() -> None:
    """Wire style for source disagreements: 0930 GMT."""
    assert timefmt.wire_time(at(2025, 5, 16, 9, 30)) == "0930 GMT"
