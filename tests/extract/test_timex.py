"""Time expressions: every clock format and zone the issue lists, and dates against the publication day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from briefings.extract.timex import find_clocks, find_dates, resolve_weekday, to_utc

FRI = date(2025, 5, 16)


@pytest.mark.parametrize(
    ("text", "day", "venue", "expected"),
    [
        ("at 0930 GMT", FRI, None, "2025-05-16T09:30"),
        ("at 09:30 GMT", FRI, None, "2025-05-16T09:30"),
        ("at 2100 GMT", FRI, None, "2025-05-16T21:00"),
        ("at 9:30 a.m. ET", date(2025, 1, 15), None, "2025-01-15T14:30"),  # EST in January
        ("at 9:30 a.m. ET", date(2025, 7, 15), None, "2025-07-15T13:30"),  # EDT in July
        ("at 5 p.m. EDT", date(2025, 6, 3), None, "2025-06-03T21:00"),
        ("at 10.30 am", FRI, "Europe/Istanbul", "2025-05-16T07:30"),
        ("at 1200 hours", FRI, "Europe/Moscow", "2025-05-16T09:00"),
        ("at 14:00 local time", FRI, "Europe/Istanbul", "2025-05-16T11:00"),
        ("at 12:00 local time (11:00 Kyiv time)", FRI, "Europe/Moscow", "2025-05-16T09:00"),
        ("at noon", date(2025, 3, 28), "Europe/Brussels", "2025-03-28T11:00"),  # CET before the change
        ("at noon", date(2025, 3, 31), "Europe/Brussels", "2025-03-31T10:00"),  # CEST after it
        ("at midnight", FRI, "Europe/London", "2025-05-15T23:00"),
        ("at 1500 BST", FRI, None, "2025-05-16T14:00"),
        ("at 10:00 CET", date(2025, 2, 1), None, "2025-02-01T09:00"),
        ("at 10:00 CEST", FRI, None, "2025-05-16T08:00"),
        ("at 10:00 EET", date(2025, 2, 1), None, "2025-02-01T08:00"),
        ("at 10:00 EEST", FRI, None, "2025-05-16T07:00"),
        ("at 10:00 MSK", FRI, None, "2025-05-16T07:00"),
        ("at 10 a.m. CT", FRI, None, "2025-05-16T15:00"),
        ("at 10 a.m. PT", FRI, None, "2025-05-16T17:00"),
        ("at 10 a.m. JST", FRI, None, "2025-05-16T01:00"),
        ("at 10:00 UTC", FRI, None, "2025-05-16T10:00"),
    ],
)
def test_clock_formats_resolve_to_utc(text: str, day: date, venue: str | None, expected: str) -> None:
    """Each listed format, read in its zone (or the venue's) on that day, gives the right UTC minute."""
    clocks = find_clocks(text)
    assert clocks, text
    got = to_utc(day, clocks[0], venue)
    assert got is not None and got.tzinfo is not None
    assert got.astimezone(UTC).strftime("%Y-%m-%dT%H:%M") == expected


def test_bare_time_without_known_zone_is_not_guessed() -> None:
    """A bare time with no venue zone stays unknown instead of being read as UTC."""
    assert to_utc(FRI, find_clocks("at 14:00")[0], None) is None


@pytest.mark.parametrize("text", ["in 2022", "rose 10.30 percent", "a 1945 treaty", "about 1500 troops"])
def test_numbers_that_are_not_times(text: str) -> None:
    """Years, decimals and counts are not read as clock times."""
    assert find_clocks(text) == []


def test_dates_resolve_against_publication_day() -> None:
    """Explicit, relative and weekday dates resolve; a week without a day stays vague."""
    got = {d.text: d for d in find_dates("May 16, 16 May 2025, Monday, February 27, tomorrow, next week", FRI)}
    assert got["May 16"].day == FRI
    assert got["16 May 2025"].day == FRI
    assert got["Monday, February 27"].day == date(2025, 2, 27)
    assert got["tomorrow"].day == date(2025, 5, 17)
    assert got["next week"].vague == "next week" and got["next week"].day is None


def test_weekday_follows_tense() -> None:
    """ "will meet on Friday" looks ahead, "said on Thursday" looks back; today's weekday is today."""
    thursday = find_dates("on Thursday", FRI)[0]
    assert resolve_weekday(thursday, FRI, future=True) == date(2025, 5, 22)
    assert resolve_weekday(thursday, FRI, future=False) == date(2025, 5, 15)
    friday = find_dates("on Friday", FRI)[0]
    assert resolve_weekday(friday, FRI, future=True) == FRI
    nxt = find_dates("next Monday", FRI)[0]
    assert resolve_weekday(nxt, FRI, future=True) == date(2025, 5, 19)


def test_to_utc_returns_aware_datetimes() -> None:
    """Results are aware and in UTC."""
    got = to_utc(FRI, find_clocks("0930 GMT")[0], None)
    assert got == datetime(2025, 5, 16, 9, 30, tzinfo=UTC)


def test_bracketed_gmt_reading_keeps_the_local_day() -> None:
    """'8 p.m. ET (0000 GMT)' on a Tuesday: the start is 00:00 UTC on Wednesday, not on Tuesday."""
    from briefings.extract import extract
    from briefings.model import Article

    x = extract(
        Article(
            text="US and Chinese negotiators will meet in Washington at 8 p.m. ET (0000 GMT) on Tuesday.",
            source="t",
            published=date(2025, 5, 13),
        )
    )
    assert x.events[0].start_utc == datetime(2025, 5, 14, 0, 0, tzinfo=UTC)


def test_ordinal_day_of_the_month() -> None:
    """'on the 22nd' written on the 13th is the 22nd of that month; written on the 28th, '2nd' is next month's."""
    assert find_dates("they meet on the 22nd", date(2025, 5, 13))[0].day == date(2025, 5, 22)
    assert find_dates("they meet on the 2nd", date(2025, 5, 28))[0].day == date(2025, 6, 2)


def test_weekday_and_bracketed_gmt_after_pm() -> None:
    """'at 1 p.m. Tuesday (1700 GMT)' stays one sentence and one moment: 17:00 UTC on Tuesday."""
    from briefings.extract import extract
    from briefings.model import Article

    x = extract(
        Article(
            text="US and Chinese officials will meet at 1 p.m. Tuesday (1700 GMT) in Washington.",
            source="t",
            published=date(2025, 5, 12),
        )
    )
    assert x.events[0].start_utc == datetime(2025, 5, 13, 17, 0, tzinfo=UTC)


def test_range_start_takes_the_zone_after_its_end() -> None:
    """'from 1400 to 1800 GMT': the meeting starts at 14:00 GMT."""
    clocks = find_clocks("The joint session is scheduled to run from 1400 to 1800 GMT.")
    assert [(c.hour, c.zone) for c in clocks] == [(14, "GMT"), (18, "GMT")]


def test_a_rate_is_no_clock_time() -> None:
    """ "hold the key rate at 5.25%", "at 5.25 per cent": rates; "meets at 5.25 on Thursday" is still a time."""
    from briefings.extract.timex import find_clocks

    assert find_clocks("The committee is forecast to hold the key rate at 5.25%, a 16-year high.") == []
    assert find_clocks("It cut the rate to 5.25 per cent and 5.5 percent.") == []
    assert [c.text for c in find_clocks("The board meets at 5.25 on Thursday.")] == ["5.25"]
