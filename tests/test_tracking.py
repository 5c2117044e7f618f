"""Matching and merging rules of story tracking, over plain values (no store, no extractor)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from briefings import tracking
from briefings.model import EventStatus, ExtractedEvent, Participant
from briefings.tracking import EventState, Report, best_match, canonical_party, match_score, merge
from tests.store.helpers import at, d, talks, us_meeting

TRUMP = Participant("Donald Trump", "President", "United States", head=True)
PUTIN = Participant("Vladimir Putin", "President", "Russia", head=True)
RUBIO = Participant("Marco Rubio", "Secretary of State", "United States", head=True)
LAVROV = Participant("Sergei Lavrov", "Foreign Minister", "Russia", head=True)


def state_of(
    ev: ExtractedEvent, event_id: int = 1, published: dt.date | None = None, article_id: int = 1
) -> EventState:
    """The stored state a first report creates."""
    report = Report(ev, article_id, published or d(14))
    v = tracking.initial_values(report)
    return EventState(
        id=event_id,
        story="s",
        title=ev.title,
        kind=ev.kind,
        status=v["status"],  # type: ignore[arg-type]
        date=v["date"],  # type: ignore[arg-type]
        start_utc=v["start_utc"],  # type: ignore[arg-type]
        timezone=ev.timezone,
        venue=ev.venue,
        city=ev.city,
        country=ev.country,
        parties=tracking.merge_parties((), ev.parties),
        participants=ev.participants,
        as_of=report.order,
    )


def applied(state: EventState, upd: tracking.Update) -> EventState:
    """The state after an update (what the store writes)."""
    vals = {k: v for k, v in upd.values.items() if k in {f.name for f in dataclasses.fields(EventState)}}
    return dataclasses.replace(state, **vals)  # type: ignore[arg-type]


def test_party_aliases_fold_to_one_name() -> None:
    """Demonyms, capitals and spellings of one side gave one canonical party; unknown names were kept."""
    assert {canonical_party(x) for x in ("Turkish", "Türkiye", "Ankara", "the Turkish delegation")} == {"Turkey"}
    assert canonical_party("U.S.") == "United States" and canonical_party("Kremlin") == "Russia"
    assert canonical_party("Wakanda") == "Wakanda"


def test_wording_differs_same_meeting_matches() -> None:
    """ "Turkish, Russian and Ukrainian delegations" matched "Russia-Ukraine talks in Istanbul" without a date."""
    st = state_of(talks())
    other = ExtractedEvent("Russia-Ukraine talks", "talks", city="Istanbul", parties=("Russia", "Ukraine"))
    assert best_match([st], Report(other, 2, d(15))) == st


def test_parallel_sessions_with_other_sides_stay_apart() -> None:
    """The Turkey-US-Ukraine meeting did not match the Turkey-Russia-Ukraine talks the same morning."""
    st = state_of(talks())
    assert match_score(st, Report(us_meeting(), 2, d(16))) is None
    assert best_match([st, state_of(us_meeting(), 2)], Report(us_meeting(participants=()), 3, d(16))).id == 2  # type: ignore[union-attr]


def test_summit_and_preparing_ministers_meeting_stay_distinct() -> None:
    """A Trump-Putin summit in Budapest and the Rubio-Lavrov meeting preparing it were kept as two meetings."""
    summit = ExtractedEvent(
        "Trump-Putin summit", "summit", city="Budapest", parties=("US", "Russia"), participants=(TRUMP, PUTIN)
    )
    prep = ExtractedEvent(
        "Rubio and Lavrov meet", "meeting", city="Budapest", parties=("US", "Russia"), participants=(RUBIO, LAVROV)
    )
    foreign = ExtractedEvent("Foreign ministers meet to prepare summit", "meeting", parties=("United States", "Russia"))
    assert match_score(state_of(summit), Report(prep, 2, d(16))) is None
    assert match_score(state_of(summit), Report(foreign, 2, d(16))) is None
    again = ExtractedEvent("Budapest meeting of Trump and Putin", "meeting", city="Budapest", parties=("Russia", "US"))
    assert best_match([state_of(summit)], Report(again, 3, d(17))) is not None


def test_five_party_and_four_party_meeting_instead_stay_distinct() -> None:
    """A five-party meeting and the four-party one held instead did not merge."""
    five = ExtractedEvent(
        "Five-party talks", "talks", city="Geneva", parties=("US", "Russia", "Ukraine", "France", "Germany")
    )
    four = ExtractedEvent(
        "Four-party talks",
        "talks",
        city="Geneva",
        parties=("Russia", "Ukraine", "France", "Germany"),
        evidence="Russia, Ukraine, France and Germany met in a four-party format instead",
    )
    assert match_score(state_of(five), Report(four, 2, d(16))) is None
    cancelled = state_of(dataclasses.replace(five, status=EventStatus.CANCELLED))
    assert match_score(cancelled, Report(dataclasses.replace(four, evidence="talks in Geneva"), 2, d(16))) is None


def test_outlet_leaving_out_one_mediator_is_the_same_meeting() -> None:
    """Four of the same five sides, with no word of a replacement: one outlet left a mediator out; it matched."""
    five = ExtractedEvent(
        "Gaza talks", "talks", city="Sharm el-Sheikh", parties=("Israel", "Hamas", "Egypt", "Qatar", "US")
    )
    four = ExtractedEvent("Gaza talks", "talks", city="Sharm el-Sheikh", parties=("Israel", "Hamas", "Egypt", "Qatar"))
    assert (match_score(state_of(five), Report(four, 2, d(16))) or 0) >= 1.5


def test_held_meeting_and_next_round_stay_distinct() -> None:
    """After a round was reported held, a same-sides meeting on a later date was a new round, not a move."""
    held = state_of(talks(status=EventStatus.HELD))
    nxt = talks(date=d(2, 6), start_utc=None, status=EventStatus.SCHEDULED)
    assert match_score(held, Report(nxt, 2, d(28))) is None


def test_talks_under_way_and_a_round_set_weeks_later_stay_distinct() -> None:
    """Talks reported under way on the 16th, then a report of a round set for the 2nd of next month with nothing
    saying the talks were moved: the next round, not the talks re-dated. A round a few days on may still be them."""
    ongoing = state_of(talks(status=EventStatus.ONGOING, start_utc=None))
    nxt = talks(date=d(2, 6), start_utc=None, status=EventStatus.SCHEDULED)
    assert match_score(ongoing, Report(nxt, 2, d(20))) is None
    soon = talks(date=d(18), start_utc=None, status=EventStatus.SCHEDULED)
    assert match_score(ongoing, Report(soon, 2, d(17))) is not None


def test_day_moved_is_postponed_with_new_date_then_held() -> None:
    """Thursday talks pushed to Friday became postponed with the new date; the held report then set held + time."""
    st = state_of(talks(date=d(15), start_utc=None, venue=None), published=d(13))
    moved = talks(date=d(15), start_utc=None, venue=None, status=EventStatus.POSTPONED, new_date=d(16))
    upd = merge(st, Report(moved, 2, d(15)))
    st2 = applied(st, upd)
    assert (st2.status, st2.date) == (EventStatus.POSTPONED, d(16))
    assert ("date", "2025-05-15", "2025-05-16") in upd.changes
    st2 = dataclasses.replace(st2, as_of=(d(15), 2))
    held = talks(status=EventStatus.HELD, evidence="the talks were held at Dolmabahce Palace")
    upd = merge(st2, Report(held, 3, d(16)))
    st3 = applied(st2, upd)
    assert (st3.status, st3.date, st3.start_utc, st3.venue) == (
        EventStatus.HELD,
        d(16),
        at(16, 9, 30),
        "Dolmabahce Palace",
    )


def test_day_moved_by_wording_only() -> None:
    """ "The talks were delayed to Friday" (no status from the extractor) moved the date and marked postponed."""
    st = state_of(talks(date=d(15), start_utc=None))
    upd = merge(st, Report(talks(date=d(16), start_utc=None, evidence="The talks were delayed to Friday"), 2, d(15)))
    assert (upd.values["date"], upd.values["status"]) == (d(16), EventStatus.POSTPONED)


def test_time_moved_same_day_stays_scheduled() -> None:
    """A time pushed back the same afternoon changed start_utc only; status stayed scheduled."""
    st = state_of(talks())
    upd = merge(st, Report(talks(new_start_utc=at(16, 12, 30)), 2, d(16)))
    assert upd.changes == (("start_utc", "2025-05-16T09:30:00Z", "2025-05-16T12:30:00Z"),)
    assert "status" not in upd.values


def test_postponed_without_new_date_keeps_the_slot_date() -> None:
    """ "Put on hold" with no new date: status postponed, the date stays as it was."""
    st = state_of(talks())
    upd = merge(st, Report(talks(status=EventStatus.POSTPONED, date=None, start_utc=None), 2, d(16)))
    assert upd.values == {"status": EventStatus.POSTPONED}
    assert upd.changes == (("status", "scheduled", "postponed"),)


def test_cancelled_keeps_date_and_is_final_for_scheduled_repeats() -> None:
    """Cancelled kept the slot's date; a later repeat of the old announcement did not bring it back."""
    st = applied(state_of(talks()), merge(state_of(talks()), Report(talks(status=EventStatus.CANCELLED), 2, d(17))))
    assert (st.status, st.date) == (EventStatus.CANCELLED, d(16))
    st = dataclasses.replace(st, as_of=(d(17), 2))
    assert "status" not in merge(st, Report(talks(), 3, d(18))).values


def test_ongoing_then_held_and_never_back() -> None:
    """Under way -> held applied in order; a later "scheduled" report did not take a held meeting back."""
    st = state_of(talks())
    st = dataclasses.replace(
        applied(st, merge(st, Report(talks(status=EventStatus.ONGOING), 2, d(16)))), as_of=(d(16), 2)
    )
    assert st.status == EventStatus.ONGOING
    st = dataclasses.replace(applied(st, merge(st, Report(talks(status=EventStatus.HELD), 3, d(16)))), as_of=(d(16), 3))
    assert st.status == EventStatus.HELD
    upd = merge(st, Report(talks(status=EventStatus.SCHEDULED), 4, d(17)))
    assert "status" not in upd.values


def test_older_report_cannot_change_status_or_time() -> None:
    """An older report (by publication date) only filled blanks; values it contradicted became conflicts."""
    st = dataclasses.replace(state_of(talks(venue=None)), as_of=(d(16), 5))
    upd = merge(st, Report(talks(status=EventStatus.POSTPONED, new_start_utc=at(16, 13), venue="Palace"), 6, d(15)))
    assert "status" not in upd.values and "start_utc" not in upd.values
    assert upd.values["venue"] == "Palace" and not upd.newer
    assert upd.conflicts == (("start_utc", "2025-05-16T13:00:00Z"),)


def test_venue_narrowed_and_changed() -> None:
    """City-only state narrowed to a palace (a change from none); a different venue needed a change signal."""
    st = state_of(talks(venue=None))
    upd = merge(st, Report(talks(), 2, d(16)))
    assert upd.changes == (("venue", None, "Dolmabahce Palace"),)
    st = applied(st, upd)
    assert merge(st, Report(talks(venue="Ciragan Palace"), 3, d(16))).conflicts == (("venue", "Ciragan Palace"),)
    moved = merge(st, Report(talks(venue="Ciragan Palace", evidence="talks moved to Ciragan Palace"), 3, d(16)))
    assert moved.values["venue"] == "Ciragan Palace"


def test_story_key_and_title() -> None:
    """The story key came from the core sides (host country dropped) and the city."""
    assert tracking.story_key(talks()) == "russia-ukraine-istanbul"
    assert tracking.story_title(talks()) == "Russia-Ukraine talks, Istanbul"
    assert tracking.topic_score("istanbul talks", tracking.story_words(talks())) == 2


def test_a_blocs_summit_with_members_listed_differently_is_one_meeting() -> None:
    """ "ASEAN-US summit" with Cambodia (the chair) in one report and Myanmar in the other matched; the same change
    without a bloc (Turkey-US-Ukraine vs Turkey-Russia-Ukraine) still did not."""
    first = ExtractedEvent("summit", "summit", city="Washington", parties=("ASEAN", "United States", "Myanmar"))
    later = ExtractedEvent("summit", "summit", city="Washington", parties=("United States", "ASEAN", "Cambodia"))
    assert match_score(state_of(first), Report(later, 2, d(15))) is not None
    assert match_score(state_of(talks()), Report(us_meeting(), 2, d(16))) is None


def test_a_later_day_of_talks_running_over_several_days_keeps_the_day_they_began() -> None:
    """Talks under way since the 16th, reported "on the fourth day" on the 19th, and a two-day summit reported
    "ended on Friday": the start day stays; an undated plan first given for the 15th and then reported held on the
    16th with no sign it ran over days still moves."""
    st = dataclasses.replace(state_of(talks(date=d(16), status=EventStatus.ONGOING), published=d(16)), as_of=(d(16), 1))
    day4 = talks(date=d(19), start_utc=None, status=EventStatus.ONGOING, evidence="the talks entered their fourth day")
    upd = merge(st, Report(day4, 2, d(19)))
    assert applied(st, upd).date == d(16) and not upd.conflicts
    planned = dataclasses.replace(state_of(talks(date=d(15), start_utc=None), published=d(13)), as_of=(d(13), 1))
    held = talks(date=d(16), start_utc=None, status=EventStatus.HELD, evidence="the two sides met in Istanbul")
    assert applied(planned, merge(planned, Report(held, 2, d(16)))).date == d(16)


def test_a_meeting_called_off_is_not_the_one_reported_for_another_day() -> None:
    """Talks cancelled for the 15th, then a report of the same sides meeting on the 18th with no word of a new
    date: not matched (another meeting). "rescheduled for the 18th" still matches and moves them."""
    off = state_of(talks(date=d(15), start_utc=None, status=EventStatus.CANCELLED), published=d(14))
    later = talks(date=d(18), start_utc=None, evidence="the delegations will meet in Istanbul on Sunday")
    assert match_score(off, Report(later, 2, d(16))) is None
    moved = talks(date=d(18), start_utc=None, evidence="the talks were rescheduled for Sunday")
    assert match_score(off, Report(moved, 2, d(16))) is not None


def test_a_bilateral_at_a_many_sided_summit_does_not_take_the_summit_s_place() -> None:
    """A stored BRICS summit in Kazan with its leaders named; a later article reports the summit opening (BRICS alone)
    and Modi-Xi talks there the same day. The summit report fits the summit better than the two leaders' talks do,
    though the talks share more named people with it."""
    leaders = tuple(
        Participant(name, "President", side)
        for name, side in [
            ("Vladimir Putin", "Russia"),
            ("Xi Jinping", "China"),
            ("Narendra Modi", "India"),
            ("Masoud Pezeshkian", "Iran"),
            ("Cyril Ramaphosa", "South Africa"),
        ]
    )
    summit = ExtractedEvent(
        "BRICS summit",
        "summit",
        date=d(22, 10),
        city="Kazan",
        country="Russia",
        parties=("BRICS", "Russia", "China", "India", "Iran", "South Africa"),
        participants=leaders,
    )
    st = state_of(summit, published=d(20, 10))
    opening = ExtractedEvent("BRICS summit", "summit", date=d(22, 10), city="Kazan", parties=("BRICS",))
    bilateral = ExtractedEvent(
        "India-China talks",
        "talks",
        date=d(22, 10),
        city="Kazan",
        parties=("India", "China"),
        participants=(leaders[1], leaders[2]),
    )
    on_summit = match_score(st, Report(opening, 2, d(22, 10)))
    on_talks = match_score(st, Report(bilateral, 2, d(22, 10)))
    assert on_summit is not None and (on_talks is None or on_talks < on_summit)


def test_a_newer_confirmation_of_the_city_moves_the_meeting_and_a_bare_other_city_is_a_conflict() -> None:
    """Stored: talks in Muscat on Saturday. A newer article: "Iran confirmed on Thursday that the round will be held
    in Rome on Saturday" moves it to Rome; another that only says Rome, with no word of confirming or moving, is
    kept as a conflict between sources."""
    st = state_of(talks(city="Muscat", venue=None, country="Oman", parties=("Iran", "United States")), published=d(14))
    confirmed = talks(
        city="Rome",
        venue=None,
        country="Italy",
        parties=("Iran", "United States"),
        evidence="Iran confirmed on Thursday that its second round of talks will be held in Rome on Saturday",
    )
    upd = merge(st, Report(confirmed, 2, d(15)))
    assert upd.values.get("city") == "Rome" and not upd.conflicts
    bare = dataclasses.replace(confirmed, evidence="the second round of talks will be held in Rome on Saturday")
    upd = merge(st, Report(bare, 3, d(15)))
    assert "city" not in upd.values and ("city", "Rome") in upd.conflicts


def test_a_meeting_held_on_the_next_day_goes_to_the_plan_for_that_day_not_to_the_one_held_before() -> None:
    """A mediator met both leaders on the 15th (held) and they agreed to meet on the 16th (a plan whose list of
    people picked up bystanders); the report of the 16th meeting, held, fits the plan better than the meeting of
    the day before, which ran over no days."""
    held_before = state_of(
        talks(date=d(15), start_utc=None, status=EventStatus.HELD, parties=("Russia", "Ukraine", "United Nations")),
        published=d(15),
    )
    plan = state_of(
        talks(
            date=d(16),
            start_utc=None,
            parties=("Russia", "Ukraine", "Belarus"),
            participants=(*talks().participants, Participant("Anna Petrova", None, "Belarus")),
        ),
        event_id=2,
        published=d(15),
    )
    report = talks(date=d(16), status=EventStatus.HELD, parties=("Russia", "Ukraine"), evidence="the two men met")
    assert best_match([held_before, plan], Report(report, 2, d(16))) == plan
