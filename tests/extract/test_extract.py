"""The whole extractor on short wire-style texts written for these tests, and on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.extract import extract
from briefings.extract.events import mentions_in
from briefings.extract.parties import find_parties, sides_in
from briefings.extract.places import find_places
from briefings.model import Article, EventStatus, Extraction


def _x(text: str, published: date, headline: str | None = None):  # type: ignore[no-untyped-def]
    return extract(Article(text=text, source="t", published=published, headline=headline))


def test_summit_with_local_time_and_gmt_equivalent() -> None:
    """A venue-local time with its GMT equivalent in brackets gives one exact UTC start; both leaders join."""
    x = _x(
        "WASHINGTON (Wire) - U.S. President Donald Trump will meet Russian President Vladimir Putin in "
        "Anchorage on Friday, the White House said on Wednesday.\n\nThe summit is set to begin at 11 a.m. "
        "local time (1900 GMT).",
        date(2025, 8, 13),
    )
    assert len(x.events) == 1
    e = x.events[0]
    assert e.start_utc == datetime(2025, 8, 15, 19, 0, tzinfo=UTC)
    assert e.city == "Anchorage" and set(e.parties) == {"United States", "Russia"}
    assert {p.name for p in e.participants} == {"Donald Trump", "Vladimir Putin"}


def test_delegation_heads_named_after_the_names() -> None:
    """ "X and Y will lead their delegations" marks both as heads with their sides."""
    x = _x(
        "Iran and the United States will hold talks in Muscat on Saturday, officials said.\n\n"
        "U.S. special envoy Steve Witkoff and Iranian Foreign Minister Abbas Araqchi will lead their delegations.",
        date(2025, 4, 10),
    )
    e = x.events[0]
    assert e.date == date(2025, 4, 12)
    heads = {p.name: p.affiliation for p in e.participants if p.head}
    assert heads == {"Steve Witkoff": "United States", "Abbas Araqchi": "Iran"}


def test_cancellation_and_hypothetical_and_background() -> None:
    """A cancelled summit is reported as cancelled; a conditional meeting and a 2022 round are not events."""
    x = _x(
        "Trump said on Wednesday he had cancelled a planned summit with Russian President Vladimir Putin in "
        "Budapest.\n\nThere would be no deal without a meeting between the two leaders, he said.\n\n"
        "The last talks took place in Istanbul in 2022.",
        date(2025, 10, 22),
    )
    assert [e.status for e in x.events] == [EventStatus.CANCELLED]
    assert x.events[0].city == "Budapest"


def test_article_without_event_yields_nothing() -> None:
    """Market news with a publication time and a vague mention of talks yields no events."""
    x = _x(
        "LONDON (Wire) - Oil rose on Thursday. Brent was up 40 cents at $76.44 a barrel by 1105 GMT. "
        "Analysts said markets were calm.",
        date(2025, 2, 20),
    )
    assert x.events == ()


def test_next_week_stays_dateless_with_a_note() -> None:
    """A meeting "next week" has no day and says so."""
    x = _x("Armenian and Azerbaijani foreign ministers will meet in Abu Dhabi next week.", date(2025, 7, 7))
    assert len(x.events) == 1
    assert x.events[0].date is None and x.events[0].start_utc is None
    assert any("next week" in n for n in x.events[0].notes)


def test_expectations_are_sentences_of_hope_or_doubt() -> None:
    """Sentences that doubt a breakthrough are returned whole."""
    x = _x(
        "Russian and Ukrainian negotiators will meet in Istanbul on Friday. Diplomats played down hopes of a "
        "breakthrough.",
        date(2025, 5, 15),
    )
    assert x.expectations == ("Diplomats played down hopes of a breakthrough.",)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_random_text_never_crashes(text: str) -> None:
    """Random unicode text of any shape: the extractor returns an Extraction and never raises."""
    x = _x(text, date(2025, 5, 16))
    assert isinstance(x.events, tuple)


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["0930 GMT ", "talks ", "Mr. ", "a.m. ", "May 16 ", "Ukrainian ", ", ", "said ", "(", "A "]),
    st.integers(min_value=100, max_value=4000),
)
def test_pathological_repetition_is_handled(piece: str, times: int) -> None:
    """Long runs of one token (the shapes that make regexes backtrack) are processed to the end."""
    x = _x(piece * times, date(2025, 5, 16))
    assert isinstance(x.events, tuple)


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    exe = Path(sys.executable).parent / "briefbot"
    return subprocess.run([str(exe), *args], input=stdin, capture_output=True, timeout=120)


def test_cli_bad_inputs_fail_alone(tmp_path: Path) -> None:
    """Empty, binary, non-UTF-8 and missing files each print one line naming the file; the good file still prints."""
    good = tmp_path / "good.txt"
    good.write_text("date 2025-05-16 Talks\n\nRussian and Ukrainian negotiators will meet at 0930 GMT on Friday.\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 talks".encode("latin-1"))
    r = _cli(
        "extract", str(empty), str(binary), str(latin), str(tmp_path / "missing.txt"), str(good), "--format", "json"
    )
    assert r.returncode == 1
    errs = r.stderr.decode().strip().splitlines()
    assert len(errs) == 4
    for name, word in (
        ("empty.txt", "empty"),
        ("bin.txt", "binary"),
        ("latin.txt", "UTF-8"),
        ("missing.txt", "no such"),
    ):
        assert any(name in e and word in e for e in errs), (name, errs)
    rows = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert len(rows) == 1 and rows[0]["events"][0]["start_utc"] == "2025-05-16T09:30:00Z"


def test_cli_json_contract_on_one_file(tmp_path: Path) -> None:
    """One file prints one JSON object with the contract's fields."""
    f = tmp_path / "a.txt"
    f.write_text("  date 2025-05-16 Talks today\n\nTurkish, Russian and Ukrainian delegations will meet at 0930 GMT.\n")
    r = _cli("extract", str(f), "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["published"] == "2025-05-16"
    ev = doc["events"][0]
    assert set(ev) >= {"title", "start_utc", "date", "location", "parties", "participants"}


def test_cli_published_flag_and_stdin() -> None:
    """Stdin without a date line takes --published."""
    r = _cli(
        "extract",
        "-",
        "--published",
        "2025-05-15",
        "--format",
        "json",
        stdin=b"Russian and Ukrainian negotiators will meet in Istanbul tomorrow at 0930 GMT.",
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["events"][0]["start_utc"] == "2025-05-16T09:30:00Z"


def test_moved_to_a_later_day_is_postponed_with_the_new_date() -> None:
    """'initially set for Tuesday, will now take place on Thursday': postponed, dated Thursday."""
    x = _x(
        "The meeting between Serbian and Kosovo leaders, initially set for Tuesday, will now take place on "
        "Thursday, the EU said.",
        date(2025, 3, 3),
    )
    e = x.events[0]
    assert (e.status, e.date, e.new_date) == (EventStatus.POSTPONED, date(2025, 3, 6), date(2025, 3, 6))


def test_dashed_aside_keeps_the_sides_in_the_clause() -> None:
    """'Iran and the E3 - Britain, France and Germany - will hold talks': all four sides, not a broken clause."""
    x = _x("Iran and the E3 - Britain, France and Germany - will hold talks in Istanbul on Friday.", date(2025, 7, 21))
    assert set(x.events[0].parties) == {"Iran", "United Kingdom", "France", "Germany"}
    assert x.events[0].city == "Istanbul"


def test_live_blog_entry_time_starts_the_talks() -> None:
    """'0905 GMT - Talks have begun at a hotel in Jeddah': the talks started at 09:05 UTC that day."""
    x = _x(
        "1210 GMT - Rubio says the teams will break for lunch.\n\n"
        "0905 GMT - Talks between US and Ukrainian officials have begun at a hotel in Jeddah.",
        date(2025, 3, 11),
    )
    starts = [e.start_utc for e in x.events]
    assert datetime(2025, 3, 11, 9, 5, tzinfo=UTC) in starts


_VOCAB = st.sampled_from(
    [
        *[
            "talks",
            "meet",
            "will",
            "on",
            "Friday",
            "at",
            "0930",
            "GMT",
            "in",
            "Istanbul",
            "Russian",
            "and",
            "Ukrainian",
            "delegations",
            "the",
            "said",
            "(",
            ")",
            "-",
            "—",
            "p.m.",
            "10",
            "a.m.",
            "local",
            "time",
            "postponed",
            "to",
            "from",
            "1400",
            "1800",
            "Kremlin",
            "President",
            "Vladimir",
            "Putin",
            ",",
            ".",
            "which",
            "began",
            "who",
            "met",
            "before",
            "then",
            "after",
            "Were",
            "Xi",
            "years",
            "ago",
            "today",
            "midnight",
            "noon",
            "14h30",
            "9",
            "Washington",
            "E3",
            "Britain",
            "'s",
        ],
        "\n\n",
        "in the morning",
        "on the 22nd",
        "Washington time",
        "1205 GMT -",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_VOCAB, max_size=80), st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
def test_word_salad_of_its_own_vocabulary_never_crashes(words: list[str], published: date) -> None:
    """Random sequences of the words the stages react to (times, zones, cues, names), on random days: every
    combination returns events whose starts are aware UTC datetimes."""
    x = _x(" ".join(words), published)
    for e in x.events:
        assert e.start_utc is None or e.start_utc.utcoffset() is not None


def test_a_meeting_near_a_city_is_the_meeting_in_the_town_beside_it() -> None:
    """Tried: the headline says "near San Francisco", the story "at Filoli, a country estate in Woodside".
    Held: one meeting, placed at the described venue in the town rather than at the landmark city, with its
    Pacific-time start; "San Francisco, their first talks in a year" is not read as a person with a role."""
    x = _x(
        "WOODSIDE, Calif. (Wire) - The two presidents will meet on Wednesday at a historic estate south of "
        "San Francisco, their first talks in a year, officials said on Tuesday.\n\n"
        "The meeting at Filoli, a country estate in Woodside, is set to begin at 11 a.m. Pacific time.",
        date(2023, 11, 14),
        headline="U.S. and Chinese leaders to meet Wednesday near San Francisco",
    )
    assert len(x.events) == 1
    e = x.events[0]
    assert e.start_utc == datetime(2023, 11, 15, 19, 0, tzinfo=UTC)
    assert (e.venue, e.city) == ("Filoli", "Woodside")
    assert "San Francisco" not in {p.name for p in e.participants}


def test_talk_of_a_meeting_with_no_time_at_all_is_not_an_event() -> None:
    """Tried: a retrospective whose only forward-looking meeting words are a host "asked whether" it could host
    talks ("no such plans existed") and a columnist's "will be under pressure to talk to" a leader. Held: no event.
    A summit announced "within the next two weeks" keeps its vague timing and stays an event."""
    x = _x(
        "HELSINKI (Wire) - Asked whether Finland could once again play host to talks between Moscow and the West, "
        "the president said no such plans existed.\n\nWhoever wins the election will be under pressure to talk "
        "to Russian President Vladimir Putin about Ukraine.",
        date(2025, 8, 1),
    )
    assert x.events == ()
    y = _x(
        "WASHINGTON (Wire) - President Donald Trump said on Thursday he would meet Russian President Vladimir Putin "
        "in Budapest. The summit could take place within the next two weeks, he said.",
        date(2025, 10, 16),
    )
    assert len(y.events) == 1 and y.events[0].city == "Budapest" and y.events[0].date is None
    assert any("next two weeks" in n for n in y.events[0].notes)


def test_expectations_include_reported_forecasts_and_plain_doubts() -> None:
    """ "Not expecting deliverables", "no illusions", "we'll have a trilat" and "said X would sign" are what
    people expect of a meeting; the strongest cues come first."""
    texts = [
        '"We are not expecting a big set of deliverables out of this meeting," an official said.',
        'Asked about a three-way meeting, Trump said: "If everything works out well today, we\'ll have a trilat."',
        "The White House said the president would sign the package immediately.",
        "The talks began at noon.",
    ]
    from briefings.extract.expectations import expectations

    got = expectations(texts)
    assert got[0] == texts[0]
    assert set(got) == set(texts[:3])


def test_opening_talks_with_mediators_and_a_spokesman_attribution() -> None:
    """Tried: talks that opened "on Tuesday, the first formal negotiations since a war broke out almost two years
    ago", a time given in a sentence ending "..., a spokesman for the host told a news briefing", and mediators who
    are former presidents of other countries. Held: one ongoing meeting with its exact start; the war's "years ago"
    does not make the talks history; neither the spokesman's country nor the mediators' home countries are sides."""
    x = _x(
        "PRETORIA (Wire) - Delegations from the Ethiopian government and the Tigray People's Liberation Front began "
        "peace talks in South Africa on Tuesday, the first formal negotiations since a war broke out almost two "
        "years ago.\n\nThe talks opened at 1100 local (0900 GMT) at a venue in the capital Pretoria, South African "
        "presidential spokesman Vincent Magwenya told a news briefing.\n\nThe negotiations are mediated by the "
        "African Union's envoy, former Nigerian President Olusegun Obasanjo.",
        date(2022, 10, 25),
    )
    assert len(x.events) == 1
    e = x.events[0]
    assert e.start_utc == datetime(2022, 10, 25, 9, 0, tzinfo=UTC) and e.status is EventStatus.ONGOING
    assert {"Ethiopia", "TPLF"} <= set(e.parties)
    assert not {"South Africa", "Nigeria"} & set(e.parties)


def test_confirmation_hearing_before_a_committee() -> None:
    """Tried: "will go before the Senate Armed Services Committee on Tuesday at 9:30 a.m. EST" from a nominee
    "to lead the Pentagon", and "will appear before" another committee the next day. Held: "Armed" is not a past
    tense that would turn Tuesday backwards; each hearing is its own event with its committee as a side; the
    Pentagon, named as an institution, is no venue."""
    x = _x(
        "WASHINGTON (Wire) - Pete Hegseth, the nominee to lead the Pentagon, will go before the Senate Armed "
        "Services Committee on Tuesday at 9:30 a.m. EST.\n\nSen. Marco Rubio is scheduled to appear before the "
        "Senate Foreign Relations Committee on Wednesday.",
        date(2025, 1, 13),
    )
    by_day = {e.date: e for e in x.events}
    first, second = by_day[date(2025, 1, 14)], by_day[date(2025, 1, 15)]
    assert first.start_utc == datetime(2025, 1, 14, 14, 30, tzinfo=UTC) and first.venue != "Pentagon"
    assert "Senate Armed Services Committee" in first.parties
    assert "Senate Foreign Relations Committee" in second.parties and second.kind == "hearing"


def test_summit_with_a_called_off_mission_and_a_rough_follow_up() -> None:
    """Tried: a summit "due to open at 10 a.m. local time" whose next paragraph says it "comes after an ultimatum
    issued on July 30 ... expired at midnight on Sunday", a mission that "On Tuesday ... was called off", a
    follow-up "expected to meet again in the Ghanaian capital Accra next week", and a photo caption of a rally.
    Held: the summit keeps its own hour and day; the mission is cancelled on the Tuesday just gone; the follow-up
    is its own dateless event in Accra; the caption adds nothing."""
    x = _x(
        "ABUJA (Wire) - West African leaders will gather in Abuja on Thursday for an emergency summit on Niger.\n\n"
        "The summit of the bloc's heads of state is due to open at 10 a.m. local time at the State House in "
        "Abuja.\n\nThe meeting comes after an ultimatum issued by the bloc on July 30 expired at midnight on "
        "Sunday.\n\nOn Tuesday, a planned joint mission by ECOWAS, the African Union and the United Nations to "
        "Niamey was called off.\n\nThe bloc's defence chiefs are expected to meet again in the Ghanaian capital "
        "Accra next week.\n\nPhoto caption: Supporters of the junta gather in Niamey on August 6, 2023.",
        date(2023, 8, 9),
    )
    summit = next(e for e in x.events if e.kind == "summit")
    assert summit.start_utc == datetime(2023, 8, 10, 9, 0, tzinfo=UTC) and summit.city == "Abuja"
    mission = next(e for e in x.events if e.status is EventStatus.CANCELLED)
    assert mission.date == date(2023, 8, 8)
    follow_up = next(e for e in x.events if e.city == "Accra")
    assert follow_up.date is None and follow_up.notes
    assert len(x.events) == 3


def test_a_start_time_belongs_to_the_meeting_ahead_not_the_one_just_held() -> None:
    """Tried: a summit announced for Monday, a separate sentence "talks were scheduled to begin at 1pm local time
    at Putin's residence in the city", and preparatory talks "held in Moscow on Thursday". Held: the hour joins
    Monday's summit in Sochi (Moscow time), not the talks already held."""
    x = _x(
        "ANKARA (Wire) - Turkish President Recep Tayyip Erdogan will travel to Sochi on Monday for talks with "
        "Russian President Vladimir Putin, the Kremlin said.\n\nA Turkish official said talks were scheduled to "
        "begin at 1pm local time at Putin's residence in the city.\n\nTurkish Foreign Minister Hakan Fidan held "
        "talks in Moscow with Russian Foreign Minister Sergei Lavrov on Thursday.",
        date(2023, 9, 1),
    )
    summit = next(e for e in x.events if e.date == date(2023, 9, 4))
    assert summit.start_utc == datetime(2023, 9, 4, 10, 0, tzinfo=UTC) and summit.city == "Sochi"
    held = next(e for e in x.events if e.date == date(2023, 8, 31))
    assert held.start_utc is None and held.status is EventStatus.HELD


def test_title_case_headline_and_a_side_mentioned_in_passing() -> None:
    """Tried: a Title Case headline ("EU Leaders Wrangle Over Gaza Before Brussels Summit") and a sentence in
    which a leader "who met Russian President Vladimir Putin in Beijing last week, is expected to raise objections"
    at the summit. Held: "Wrangle Over" is no person; Russia, named only through that aside, is not a side."""
    x = _x(
        "BRUSSELS (Wire) - The summit of the 27 European Union leaders opens on Thursday at 3pm Brussels time.\n\n"
        "Hungarian Prime Minister Viktor Orban, who met Russian President Vladimir Putin in Beijing last week, is "
        "expected to raise objections at the summit.",
        date(2023, 10, 25),
        headline="EU Leaders Wrangle Over Gaza Before Brussels Summit",
    )
    assert len(x.events) == 1
    e = x.events[0]
    assert e.start_utc == datetime(2023, 10, 26, 13, 0, tzinfo=UTC)
    assert "Wrangle Over" not in {p.name for p in e.participants}
    assert "Russia" not in e.parties and "European Union" in e.parties


def test_live_blog_entry_stamps_and_a_schedule_list() -> None:
    """Tried: a live blog whose entries start "7.58pm ET:" and "3.04pm ET:", a meeting that "had been set for 3pm
    and started on time", and a schedule list "- 1:15pm: Trump meets Zelenskiy in the Oval Office". Held: entry
    stamps are not start times; the kept 3pm slot and the listed 1:15pm are, in Washington's daylight time."""
    x = _x(
        "Live updates. Times are US Eastern (ET).\n\n7.58pm ET: Kremlin confirms Trump-Putin call\n\n"
        "3.04pm ET: European leaders take their seats\n\nTrump has opened the multilateral meeting in the East Room "
        "of the White House with the European leaders. The meeting had been set for 3pm and started on time.\n\n"
        "Schedule:\n\n- 1:15pm: Trump meets Zelenskiy in the Oval Office",
        date(2025, 8, 18),
    )
    starts = {e.start_utc for e in x.events}
    assert datetime(2025, 8, 18, 19, 0, tzinfo=UTC) in starts
    assert datetime(2025, 8, 18, 17, 15, tzinfo=UTC) in starts
    assert datetime(2025, 8, 18, 23, 58, tzinfo=UTC) not in starts


def test_no_confidence_debate_with_a_television_interview_hour() -> None:
    """Tried: "the government appeared certain to fall on Wednesday, when the National Assembly debates two
    no-confidence motions after the far right said it would join the left", a debate "scheduled to open at
    4:00 pm (1500 GMT)", and the prime minister "due to give a television interview ... at 8:00 pm on Tuesday".
    Held: the debate's clause is not taken for a speaker's attribution; the meeting is Wednesday at 1500 GMT; the
    interview's hour is not its start."""
    x = _x(
        "PARIS (Wire) - French Prime Minister Michel Barnier's government appeared all but certain to fall on "
        "Wednesday, when the National Assembly debates two no-confidence motions after the far right said it "
        "would join the left in voting to bring him down.\n\nThe debate is scheduled to open at 4:00 pm (1500 GMT) "
        "in the lower house.\n\nBarnier is also due to give a television interview to two channels at 8:00 pm on "
        "Tuesday.",
        date(2024, 12, 3),
    )
    starts = {e.start_utc for e in x.events}
    assert datetime(2024, 12, 4, 15, 0, tzinfo=UTC) in starts
    assert datetime(2024, 12, 3, 19, 0, tzinfo=UTC) not in starts


def test_papal_audience_at_a_summer_retreat() -> None:
    """Tried: "Pope Leo received Ukrainian President Volodymyr Zelenskiy at the papal summer retreat of Castel
    Gandolfo on Wednesday morning and reiterated that the Vatican was ready to host direct talks between Russia
    and Ukraine", under a headline "Vatican offers ... venue for talks", with "the first U.S.-born pope" later.
    Held: one held audience on Wednesday at Castel Gandolfo; the offer to host talks adds neither Russia nor a
    venue; "U.S.-born" is no person."""
    x = _x(
        "CASTEL GANDOLFO (Wire) - Pope Leo received Ukrainian President Volodymyr Zelenskiy at the papal summer "
        "retreat of Castel Gandolfo on Wednesday morning and reiterated that the Vatican was ready to host direct "
        "talks between Russia and Ukraine, the Holy See said.\n\nIt was the second meeting between Zelenskiy and "
        "Leo, the first U.S.-born pope.",
        date(2025, 7, 9),
        headline="Pope receives Zelenskiy, Vatican offers itself as venue for talks",
    )
    assert len(x.events) == 1
    e = x.events[0]
    assert (e.date, e.city, e.status) == (date(2025, 7, 9), "Castel Gandolfo", EventStatus.HELD)
    assert "Russia" not in e.parties and e.venue is None
    assert "U.S.-born" not in {p.name for p in e.participants}


def test_side_meeting_and_an_undated_announced_summit() -> None:
    """Tried: a four-way ministers' meeting with "a bilateral meeting with Lavrov on the sidelines of the
    gathering", and, in another story, "Trump and Putin will hold a summit in Budapest" with no day. Held: the
    bilateral is its own event on the gathering's day; the undated summit is kept, being announced with its sides
    and city, while "will continue to talk with" someone is not."""
    x = _x(
        "MOSCOW (Wire) - Turkish Foreign Minister Mevlut Cavusoglu will travel to Moscow on Wednesday for a "
        "quadrilateral meeting with his Russian, Syrian and Iranian counterparts.\n\nCavusoglu is also expected to "
        "hold a bilateral meeting with Russian Foreign Minister Sergey Lavrov on the sidelines of the gathering.",
        date(2023, 5, 8),
    )
    assert len(x.events) == 2
    side = next(e for e in x.events if set(e.parties) == {"Turkey", "Russia"})
    assert side.date == date(2023, 5, 10)
    y = _x(
        "WASHINGTON (Wire) - US President Donald Trump and Russian President Vladimir Putin will hold a summit in "
        "Budapest, the White House said on Friday.\n\nThe German chancellor will continue to talk with the "
        "Ukrainian president, his spokesman said.",
        date(2025, 10, 17),
    )
    assert [(e.city, e.date) for e in y.events] == [("Budapest", None)]


def test_held_talks_apart_from_the_commanders_meeting_ahead() -> None:
    """Tried: leaders who "agreed Monday to a ceasefire, after their leaders met in Malaysia", talks "with the US
    ambassador and China's envoy also in the room", and "military commanders of both sides would hold informal
    meetings on Tuesday morning". Held: the held talks are Monday's, without the observers as sides; the
    commanders' meeting is its own event on Tuesday, without the leaders named before as its people."""
    x = _x(
        "PUTRAJAYA (Wire) - Thailand and Cambodia agreed Monday to an immediate ceasefire, after their leaders met "
        "in Malaysia. Malaysian Prime Minister Anwar Ibrahim hosted Cambodian Prime Minister Hun Manet and Thai "
        "acting Prime Minister Phumtham Wechayachai, with the US ambassador and China's envoy also in the room.\n\n"
        "Anwar said military commanders of both sides would hold informal meetings on Tuesday morning.",
        date(2025, 7, 28),
    )
    held = next(e for e in x.events if e.status is EventStatus.HELD)
    assert held.date == date(2025, 7, 28) and not {"United States", "China"} & set(held.parties)
    ahead = next(e for e in x.events if e.date == date(2025, 7, 29))
    assert ahead.status is EventStatus.SCHEDULED and not {p.name for p in ahead.participants} & {"Hun Manet"}


def test_the_talks_take_the_day_of_the_meeting_just_named() -> None:
    """ "will meet ... on Friday. The talks are set for 2 pm Warsaw time": one meeting, Friday at 2 pm local."""
    x = _x(
        "Lithuanian President Gitanas Nauseda held talks with Latvian President Edgars Rinkevics in Riga on "
        "Wednesday, his office said.\n\nNauseda will meet Polish President Andrzej Duda in Warsaw on Friday. "
        "The talks are set for 2 pm Warsaw time at the Belweder Palace, an aide said.",
        date(2024, 3, 13),
    )
    timed = [(e.city, e.date, e.start_utc) for e in x.events if e.start_utc]
    assert timed == [("Warsaw", date(2024, 3, 15), datetime(2024, 3, 15, 13, 0, tzinfo=UTC))]


def test_a_meeting_under_way_is_not_put_on_the_later_day_the_story_looks_to() -> None:
    """Talks that began at 11 a.m. stay on the publication day, though the story's main meeting is on Friday."""
    x = _x(
        "Turkish President Tayyip Erdogan is due in Budapest on Friday for talks with Hungarian Prime Minister "
        "Viktor Orban, his office said.\n\nErdogan and Serbian President Aleksandar Vucic began talks in Belgrade "
        "at 11 a.m. local time, Serbian state television reported.",
        date(2024, 1, 17),
    )
    belgrade = [e for e in x.events if e.city == "Belgrade"]
    assert [(e.date, e.start_utc) for e in belgrade] == [(date(2024, 1, 17), datetime(2024, 1, 17, 10, 0, tzinfo=UTC))]


def test_a_city_and_colon_dateline_gives_bare_times_their_zone() -> None:
    """ "Islamabad: ..." opens many South Asian reports; a bare "1400 hours" is then Pakistan time."""
    x = _x(
        "Islamabad: Pakistani and Afghan officials will hold talks over a video link at 1400 hours today, "
        "the foreign office said.",
        date(2025, 3, 4),
    )
    assert [e.start_utc for e in x.events] == [datetime(2025, 3, 4, 9, 0, tzinfo=UTC)]


def test_countries_a_meeting_covers_are_topics_not_sides() -> None:
    """ "a meeting ... covering trade, Iran and Venezuela": Iran and Venezuela are on the agenda, not at the table."""
    x = _x(
        "Brazilian President Luiz Inacio Lula da Silva will meet Chinese President Xi Jinping in Beijing on "
        "Tuesday for a meeting covering trade, Iran and Venezuela, officials said.",
        date(2024, 9, 2),
    )
    assert [set(e.parties) for e in x.events] == [{"Brazil", "China"}]


def test_a_persons_heritage_is_no_side_and_joining_the_meeting_is_no_new_one() -> None:
    """ "the daughter of Korean immigrants" names no side; "will join the meeting" joins the one reported."""
    x = _x(
        "U.S. Trade Representative Katherine Tai will meet Japanese Economy Minister Yasutoshi Nishimura in Tokyo "
        "on Monday, officials said.\n\nForeign Minister Yoko Kamikawa will join the meeting.\n\n"
        "Tai, the daughter of Taiwanese immigrants and a fluent Mandarin speaker, is on her first trip to Asia "
        "this year.",
        date(2023, 10, 20),
    )
    assert [(set(e.parties), e.date) for e in x.events] == [({"United States", "Japan"}, date(2023, 10, 23))]
    assert "Yoko Kamikawa" in {p.name for p in x.events[0].participants}


def test_a_call_held_then_a_plan_announced_in_the_same_sentence() -> None:
    """ "spoke by phone ... on Tuesday, and said Madrid would send a minister": the call was held."""
    x = _x(
        "Spanish Prime Minister Pedro Sanchez spoke by phone with Moroccan King Mohammed VI on Tuesday for the "
        "first time in a year, and said Madrid would send its foreign minister to Rabat.",
        date(2022, 3, 15),
    )
    calls = [e for e in x.events if e.kind == "call"]
    assert [(e.status, e.date) for e in calls] == [(EventStatus.HELD, date(2022, 3, 15))]


def test_the_call_that_put_a_summit_off_is_an_event_of_its_own() -> None:
    """ "agreed during a phone call on Monday" to postpone the summit: the call was held that day, the summit
    is postponed with no new date, and they are two events."""
    x = _x(
        "The summit between the African Union and Japan that Kenya was due to host in Nairobi in September has "
        "been postponed, officials said.\n\nKenyan President William Ruto and Japanese Prime Minister Fumio "
        "Kishida had agreed on the delay during a phone call on Monday, a spokesman said.",
        date(2023, 6, 7),
    )
    got = sorted((e.kind, e.status, e.date) for e in x.events)
    assert got == [("call", EventStatus.HELD, date(2023, 6, 5)), ("summit", EventStatus.POSTPONED, None)]


def test_what_a_session_is_on_is_its_subject_not_its_sides() -> None:
    """ "a session on the Israeli-Palestinian conflict": the Council meets; the two sides are its subject."""
    x = _x(
        "The U.N. Security Council will hold an emergency session on the Israeli-Palestinian conflict on Wednesday "
        "in New York, diplomats said.",
        date(2023, 10, 9),
    )
    assert [set(e.parties) for e in x.events] == [{"United Nations"}]


def test_a_bracketed_time_in_a_zone_we_cannot_read_does_not_override_the_one_we_can() -> None:
    """ "3 p.m. ET (10 p.m. Israel time)": the Eastern time gives the start; the bracket is not read as Eastern."""
    x = _x(
        "Israeli Prime Minister Benjamin Netanyahu will meet U.S. President Donald Trump at the White House on "
        "Tuesday. The two leaders are scheduled to sit down at 3 p.m. ET (10 p.m. Israel time).",
        date(2025, 2, 3),
    )
    timed = [e.start_utc for e in x.events if e.start_utc]
    assert timed == [datetime(2025, 2, 4, 20, 0, tzinfo=UTC)]


def test_they_are_due_to_open_gives_the_time_of_the_talks_just_named() -> None:
    """ "Talks ... on Tuesday. They are due to open at 10 a.m.": the time is the talks', in the venue's zone."""
    x = _x(
        "Vietnamese and Cambodian officials will hold border talks in Hanoi on Tuesday, the foreign ministry said. "
        "They are due to open at 10 a.m. at a government guesthouse, an official said.",
        date(2024, 4, 1),
    )
    assert [e.start_utc for e in x.events] == [datetime(2024, 4, 2, 3, 0, tzinfo=UTC)]


def test_a_summit_once_put_off_that_has_now_taken_place_is_held() -> None:
    """ "The summit, postponed from March, opened on Thursday": held, not postponed."""
    x = _x(
        "Pacific island leaders and Japanese Prime Minister Fumio Kishida ended a two-day summit in Tokyo on Friday. "
        "The summit, postponed from March, opened on Thursday with a dinner hosted by Kishida.",
        date(2024, 7, 19),
    )
    assert [e.status for e in x.events] == [EventStatus.HELD]


def test_a_leader_hosting_others_on_a_day_is_a_meeting() -> None:
    """ "Chancellor X is hosting Y and Z in Vienna on Monday": a meeting on that day, with all three."""
    x = _x(
        "Austrian Chancellor Karl Nehammer is hosting Czech Prime Minister Petr Fiala and Slovak Prime Minister "
        "Robert Fico in Vienna on Monday to discuss migration.",
        date(2024, 6, 3),
    )
    assert [(e.date, e.city) for e in x.events] == [(date(2024, 6, 3), "Vienna")]
    assert {"Austria", "Czech Republic", "Slovakia"} <= set(x.events[0].parties) or len(x.events[0].parties) >= 2


def test_the_hour_of_statements_to_the_press_is_not_the_talks_hour() -> None:
    """ "talks at 11 a.m., followed by statements to the press at about 1 p.m.": the talks start at 11."""
    x = _x(
        "Madrid (EFE) - Spain's prime minister will receive the Portuguese premier at the Moncloa Palace on "
        "Thursday. The two will hold talks at 11 a.m., followed by statements to the press at about 1 p.m.",
        date(2024, 10, 8),
    )
    assert [e.start_utc for e in x.events] == [datetime(2024, 10, 10, 9, 0, tzinfo=UTC)]


def test_a_dated_pti_style_dateline_without_a_dash() -> None:
    """ "Nairobi, Mar 4 (PTI) The minister ...": the dateline is read (and removed), so bare times take Nairobi's
    zone and the city is the dateline's, not a city the story mentions in passing."""
    x = _x(
        "Nairobi, Mar 4 (PTI) External Affairs Minister S Jaishankar will hold talks with his Kenyan counterpart "
        "here on Wednesday at 1000 hours local time. He flew in from New Delhi on Tuesday.",
        date(2025, 3, 4),
    )
    assert [(e.city, e.start_utc) for e in x.events] == [("Nairobi", datetime(2025, 3, 5, 7, 0, tzinfo=UTC))]


def test_a_country_named_as_the_place_is_kept_and_the_dateline_city_not_guessed() -> None:
    """Talks on ending the war in Yemen "opened in Sweden" under a STOCKHOLM dateline, no venue city named: the
    location is Sweden (the war's country is a topic), the zone Stockholm's; a refusal "will not negotiate"
    is no meeting, so the Hodeidah it names does not become the place."""
    x = _x(
        "STOCKHOLM (Wire) - Talks between Yemen's government and the Houthi movement on ending the war in Yemen "
        "opened in Sweden on Thursday at 10 a.m. local time.\n\nA Houthi official said his side would not "
        "negotiate on Hodeidah port before a truce in Hodeidah.",
        date(2018, 12, 6),
    )
    [e] = x.events
    assert (e.city, e.country, e.location) == (None, "Sweden", "Sweden")
    assert e.start_utc == datetime(2018, 12, 6, 9, 0, tzinfo=UTC)


def test_talks_on_a_subject_in_the_capital_named_by_its_adjective() -> None:
    """ "talks on Tehran's nuclear programme in the Omani capital": the topic before it does not make Muscat a
    subject; it is where the talks are."""
    x = _x(
        "Iran and the United States will hold talks on Tehran's nuclear programme in the Omani capital on "
        "Saturday, diplomats said.",
        date(2025, 4, 11),
    )
    assert [e.city for e in x.events] == ["Muscat"]


def test_citizens_voting_in_an_election_is_no_meeting() -> None:
    """ "registered to vote in Sunday's election" and "vote in the run-off" are the people at the polls; a
    parliament's "will vote on Friday" is still a vote."""
    x = _x(
        "More than 50 million people are registered to vote in Sunday's election, the commission said. Those who "
        "lose will not vote in the run-off.",
        date(2024, 5, 30),
    )
    assert x.events == ()
    y = _x("The Knesset will vote on Friday on the budget, officials said.", date(2024, 5, 30))
    assert [e.kind for e in y.events] == ["vote"]


def test_talks_extended_beyond_their_last_day_are_under_way_and_keep_no_end_day() -> None:
    """ "have been extended beyond Sunday, when they had been due to end": under way, and Sunday is when they
    were to finish, not their day."""
    x = _x(
        "NAIROBI (Wire) - Talks in Jeddah between Sudan's army and the Rapid Support Forces have been extended "
        "beyond Sunday, when they had been due to end, the mediators said on Monday.",
        date(2023, 5, 22),
    )
    [e] = x.events
    assert (e.status, e.date, e.city) == (EventStatus.ONGOING, None, "Jeddah")


def test_a_surname_that_starts_a_city_name_is_the_city() -> None:
    """ "Dar es Salaam" holds the surname of a foreign minister in the gazetteer: it is a city, nobody attends."""
    x = _x(
        "East African leaders will meet in Dar es Salaam on Saturday for a summit on the crisis, officials said.",
        date(2025, 2, 6),
    )
    [e] = x.events
    assert e.city == "Dar es Salaam" and e.participants == () and "Pakistan" not in e.parties


def test_regional_blocs_are_named_as_parties() -> None:
    """Organisations of the gazetteer beyond the usual few: a summit of the Pacific Islands Forum, talks
    mediated by the East African Community (EAC)."""
    x = _x(
        "Leaders of the Pacific Islands Forum will hold their annual summit in Nuku'alofa on Tuesday.",
        date(2024, 8, 26),
    )
    assert [e.parties for e in x.events] == [("Pacific Islands Forum",)]
    y = _x(
        "Envoys of the East African Community (EAC) and the Southern African Development Community will meet in "
        "Harare on Friday.",
        date(2025, 2, 5),
    )
    assert [set(e.parties) for e in y.events] == [{"East African Community", "Southern African Development Community"}]


def test_a_clause_opened_by_when_takes_the_date_before_it() -> None:
    """ "Relations hit bottom on March 3, when ... a planned signing was called off": the cancellation belongs
    to March 3, not to the talks the article announces for Thursday."""
    x = _x(
        "Foreign ministers of Serbia and Kosovo will meet in Brussels on Thursday, the EU said. Relations hit "
        "bottom on March 3, when a planned signing of a trade accord between them was called off.",
        date(2025, 3, 10),
    )
    talks = [e for e in x.events if e.date == date(2025, 3, 13)]
    assert [e.status for e in talks] == [EventStatus.SCHEDULED]
    assert all(e.date != date(2025, 3, 13) for e in x.events if e.status is EventStatus.CANCELLED)


def test_after_hours_of_talks_the_talks_are_over_on_the_day_the_outcome_was_told() -> None:
    """ "After nine hours of talks in Doha, the two sides said on Sunday they would ...": held, on Sunday."""
    x = _x(
        "After nine hours of talks in Doha, Rwanda and Congo said on Sunday they were ready to sign a framework "
        "for peace.",
        date(2025, 3, 17),
    )
    [e] = x.events
    assert (e.status, e.date, e.city) == (EventStatus.HELD, date(2025, 3, 16), "Doha")


def test_an_attribution_followed_by_calling_is_still_an_attribution() -> None:
    """ "..., the prime minister told reporters at Parliament House in Canberra on Tuesday, calling it a big
    moment": neither Canberra nor Tuesday is the summit's."""
    x = _x(
        "Leaders of Japan and India will meet in Sydney on Friday, May 26. Both are expected to attend, the prime "
        "minister told reporters at Parliament House in Canberra on Tuesday, calling the gathering a big moment.",
        date(2023, 5, 9),
    )
    assert [(e.date, e.city) for e in x.events] == [(date(2023, 5, 26), "Sydney")]


def test_a_vote_put_off_again_is_now_expected_on_the_day_named() -> None:
    """A headline's passive "vote put off again, now expected Thursday", and a body's "delayed the vote on
    Tuesday ..., with diplomats saying the council would try again on Thursday": postponed to Thursday."""
    head = _x(
        "Diplomats kept bargaining over the text.",
        date(2024, 4, 9),
        "UN vote on Haiti put off again, now expected Thursday",
    )
    assert [(e.status, e.date, e.new_date) for e in head.events] == [
        (EventStatus.POSTPONED, date(2024, 4, 11), date(2024, 4, 11))
    ]
    body = _x(
        "NEW YORK (Wire) - The UN Security Council on Tuesday delayed a vote on a Haiti resolution, as members "
        "kept bargaining, with diplomats saying the council would try again on Thursday.",
        date(2024, 4, 9),
    )
    assert [(e.status, e.new_date) for e in body.events] == [(EventStatus.POSTPONED, date(2024, 4, 11))]


def test_a_council_adopting_a_resolution_held_its_vote_at_the_hour_it_really_began() -> None:
    """ "adopted a resolution on Friday" is the vote held; "was called for 10 a.m. but started late, at
    11:15 a.m." began at 11:15."""
    x = _x(
        "UNITED NATIONS (Wire) - The U.N. Security Council on Friday adopted a resolution on aid to Sudan. The "
        "meeting was called for 10 a.m. but started late, at 11:15 a.m., as envoys argued over the text.",
        date(2024, 3, 8),
    )
    [e] = x.events
    assert (e.status, e.start_utc) == (EventStatus.HELD, datetime(2024, 3, 8, 16, 15, tzinfo=UTC))


def test_what_someone_else_said_after_and_is_another_clause() -> None:
    """ "the summit got under way on Tuesday, and India said Modi would hold talks with Xi on Wednesday": the
    summit is under way on Tuesday (the day of the clause before "as"), the talks are Wednesday's; a leader
    who "cancelled his trip" to the summit does not cancel it."""
    x = _x(
        "KAZAN, Oct 22 (Wire) - Leaders began arriving in Kazan on Tuesday as the BRICS summit got under way, "
        "and India said Prime Minister Narendra Modi would hold talks with Chinese President Xi Jinping on the "
        "sidelines on Wednesday. Brazilian President Luiz Inacio Lula da Silva cancelled his trip after an "
        "accident at home.",
        date(2024, 10, 22),
    )
    by_day = {e.date: e for e in x.events}
    assert by_day[date(2024, 10, 22)].status is EventStatus.ONGOING
    assert set(by_day[date(2024, 10, 23)].parties) == {"India", "China"}
    assert all(e.status is not EventStatus.CANCELLED for e in x.events if "BRICS" in e.parties)


def test_a_zone_named_by_another_city_is_the_clock_not_the_place() -> None:
    """ "began at 5:30 p.m. Moscow time" in a story from Kazan: the meeting is in Kazan, on Moscow's clock."""
    x = _x(
        "KAZAN, Russia (Wire) - Indian Prime Minister Narendra Modi and Chinese President Xi Jinping held talks in "
        "Kazan on Wednesday. The meeting began at 5:30 p.m. Moscow time.",
        date(2024, 10, 23),
    )
    [e] = x.events
    assert (e.city, e.start_utc) == ("Kazan", datetime(2024, 10, 23, 14, 30, tzinfo=UTC))


def test_a_day_before_another_meeting_dates_that_meeting() -> None:
    """ "met the crown prince on Monday evening, a day before Ukrainian and U.S. officials sit down in the same
    city": the officials meet on Tuesday, not Monday; "two days after" counts back."""
    x = _x(
        "JEDDAH (Wire) - Zelenskiy held talks with the Saudi crown prince in Jeddah on Monday evening, a day "
        "before Ukrainian and U.S. officials sit down in the same city.",
        date(2025, 3, 10),
    )
    assert sorted(e.date for e in x.events) == [date(2025, 3, 10), date(2025, 3, 11)]
    y = _x(
        "The foreign ministers of India and Pakistan will meet in Astana on Friday, two days after the "
        "national security advisers of India and Pakistan held talks in Almaty.",
        date(2024, 7, 1),
    )
    assert sorted(e.date for e in y.events) == [date(2024, 7, 3), date(2024, 7, 5)]


def test_the_day_in_a_second_clock_is_that_clock_s_day() -> None:
    """ "4:30 p.m. local time (6:30 a.m. Saturday, Japan time)" in Lima is Friday afternoon in Lima: the
    Saturday belongs to the Tokyo clock. The outlet's stamp line ("KYODO NEWS - Nov 15, 2024 | World") is not a
    dateline, so "LIMA -" below it still is, and "the Peruvian capital" is Lima."""
    x = _x(
        "KYODO NEWS - Nov 15, 2024 | World, Japan\n\nLIMA - Japan's prime minister will hold talks with China's "
        "president on Friday in the Peruvian capital.\n\nThe meeting is scheduled to begin at 4:30 p.m. local "
        "time (6:30 a.m. Saturday, Japan time), an official said.",
        date(2024, 11, 15),
    )
    assert [(e.date, e.start_utc, e.city) for e in x.events] == [
        (date(2024, 11, 15), datetime(2024, 11, 15, 21, 30, tzinfo=UTC), "Lima")
    ]


def test_a_family_name_written_first_is_that_person_later() -> None:
    """ "Foreign Minister Park Jin ... Park will also hold talks with Kamikawa": Park is a venue word too, but here
    a minister of South Korea, so the talks are South Korea's and Japan's; "Peace Memorial Park" is nobody."""
    x = _x(
        "SEOUL (Wire) - South Korean Foreign Minister Park Jin will host Japanese Foreign Minister Yoko Kamikawa in "
        "Busan on Sunday.\n\nPark will also hold talks with Kamikawa at 10 a.m. on Sunday at a hotel.\n\n"
        "Both ministers laid wreaths at the Peace Memorial Park last year.",
        date(2023, 11, 24),
    )
    assert [set(e.parties) for e in x.events] == [{"South Korea", "Japan"}]
    assert {p.name for p in x.events[0].participants} == {"Park Jin", "Yoko Kamikawa"}


def test_talks_and_a_summit_with_other_sides_on_one_day_stay_apart() -> None:
    """Ishiba-Xi talks at 4:30 p.m. and a Japan-US-South Korea summit the same Friday are two meetings: each names a
    side the other lacks. Egyptian and Qatari mediators at the Israel-Hamas talks are go-betweens of one meeting."""
    x = _x(
        "LIMA (Wire) - Japanese Prime Minister Shigeru Ishiba will hold talks with Chinese President Xi Jinping on "
        "Friday at 4:30 p.m. local time.\n\nEarlier on Friday, Ishiba will join U.S. President Joe Biden and South "
        "Korean President Yoon Suk Yeol for a trilateral summit in Lima.",
        date(2024, 11, 15),
    )
    assert sorted(sorted(e.parties) for e in x.events) == [
        ["China", "Japan"],
        ["Japan", "South Korea", "United States"],
    ]
    y = _x(
        "CAIRO (Wire) - Israeli and Hamas delegations will start indirect talks in Sharm el-Sheikh on Monday.\n\n"
        "The talks will open at 14:00 local time, with Egyptian and Qatari mediators carrying proposals between the "
        "two sides.",
        date(2025, 10, 5),
    )
    assert len(y.events) == 1
    assert {"Israel", "Hamas"} <= set(y.events[0].parties)


def test_a_bare_senate_abroad_is_not_the_us_senate() -> None:
    """From Madrid (EFE's "Madrid, May 30 (EFE).- " dateline), "the Senate's veto" is Spain's Senate: the sitting
    is not a US Senate vote in Washington; "Spain's Congress of Deputies" is a chamber of Spain."""
    x = _x(
        "Madrid, May 30 (EFE).- Spain's Congress of Deputies will vote on Thursday on the amnesty law.\n\n"
        "The plenary session begins at 9.00 am (0700 GMT) with a debate on the Senate's veto of the bill.",
        date(2024, 5, 30),
    )
    assert [e.start_utc for e in x.events] == [datetime(2024, 5, 30, 7, 0, tzinfo=UTC)]
    assert "US Senate" not in x.events[0].parties and x.events[0].city != "Washington"
    assert "Congress of Deputies" in x.events[0].parties
    y = _x("WASHINGTON (Wire) - The Senate will vote on the bill at 2 p.m. on Thursday.", date(2024, 5, 28))
    assert "US Senate" in y.events[0].parties


def test_talks_in_a_sentence_about_decades_ago_are_history() -> None:
    """An obituary: "After 13 days of tense talks ... they signed the accords that led to the 1979 treaty" is not
    a meeting held the day the obituary ran."""
    x = _x(
        "Carter died on Sunday.\n\nIn September 1978 he brought Egyptian President Anwar Sadat and Israeli Prime "
        "Minister Menachem Begin to Camp David, Maryland. After 13 days of tense talks, during which Carter shuttled "
        "between the two men's cabins, they signed the Camp David Accords, which led to the 1979 peace treaty "
        "between Egypt and Israel - still in force today.",
        date(2024, 12, 29),
    )
    assert x.events == ()


def test_a_minister_acting_as_mediator_and_a_bilateral_adjective() -> None:
    """ "Omani Foreign Minister Badr Albusaidi will act as mediator" makes Oman a go-between, so the timed session
    is the US-Iran talks; "pressing for a bilateral arrangement" after a suspended duty is no meeting put off."""
    x = _x(
        "MUSCAT (Wire) - Washington and Tehran will hold talks in Oman on Saturday.\n\nOmani Foreign Minister Badr "
        "Albusaidi will act as mediator, and the session is scheduled to begin at 3:30 pm local time in Muscat.\n\n"
        "Switzerland was hit with a 31% duty in April, since suspended, and Bern has been pressing for a bilateral "
        "arrangement.",
        date(2025, 4, 10),
    )
    assert len(x.events) == 1
    e = x.events[0]
    assert {"United States", "Iran"} <= set(e.parties) and e.status is EventStatus.SCHEDULED
    assert e.start_utc == datetime(2025, 4, 12, 11, 30, tzinfo=UTC)


def test_talks_that_run_on_keep_the_day_they_began() -> None:
    """ "stretched into Saturday evening and will continue on Sunday": the talks began on Saturday, Sunday is a
    later day of them. Two days later, "a joint statement issued on Monday, after two days of talks" and "held
    on Saturday and Sunday at Villa Saladin, the residence of the Swiss ambassador": still Saturday's talks, and
    the ambassador's country is not a side."""
    x = _x(
        "GENEVA (Wire) - Talks between Washington and Beijing stretched into Saturday evening at a residence in "
        "Geneva and will continue on Sunday, sources said.\n\nThe delegations began meeting at about 0800 GMT.",
        date(2025, 5, 10),
    )
    assert [(e.date, e.start_utc) for e in x.events] == [(date(2025, 5, 10), datetime(2025, 5, 10, 8, 0, tzinfo=UTC))]
    y = _x(
        "GENEVA (Wire) - The United States and China agreed to cut tariffs, according to a joint statement issued on "
        "Monday, after two days of talks in Geneva.\n\nThe negotiations, held on Saturday and Sunday at Villa "
        "Saladin, the residence of the Swiss ambassador to the United Nations, ended on Sunday evening.",
        date(2025, 5, 12),
    )
    assert [e.date for e in y.events] == [date(2025, 5, 10)]
    assert "Switzerland" not in y.events[0].parties


def test_a_trip_rescheduled_its_next_stop_and_last_november() -> None:
    """ "rescheduling a trip that was called off in February" is a trip moved, not dropped; "before continuing to
    London" is the next stop, not the meeting's city; told in February, "met in Bali in November" is last year."""
    x = _x(
        "WASHINGTON (Wire) - Secretary of State Antony Blinken will visit Beijing on Sunday, rescheduling a trip "
        "that was called off in February.\n\nHe will meet senior Chinese officials on Monday before continuing to "
        "London.",
        date(2023, 6, 14),
    )
    assert [e.status for e in x.events if e.kind == "visit"] == [EventStatus.POSTPONED]
    assert "London" not in {e.city for e in x.events}
    y = _x(
        "Blinken will follow up on commitments made when President Joe Biden and Xi met on the sidelines of the "
        "Group of 20 summit in Bali, Indonesia, in November.",
        date(2023, 2, 3),
    )
    assert [e for e in y.events if e.city == "Bali" or "Indonesia" in e.parties] == []


def test_the_day_a_visit_was_put_off_and_a_campaign_trip() -> None:
    """ "Biden on Tuesday postponed his visit to Germany": Tuesday is when it was decided, not the visit's day;
    "also cancelled a planned campaign trip to Wisconsin" is no diplomatic meeting, so the visit stays put off."""
    x = _x(
        "WASHINGTON (Wire) - President Joe Biden on Tuesday postponed his visit to Germany, including a leaders' "
        "meeting on Ukraine at Ramstein Air Base.\n\nBiden also cancelled a planned campaign trip to Wisconsin.",
        date(2024, 10, 8),
    )
    assert [(e.status, e.date) for e in x.events] == [(EventStatus.POSTPONED, None)]


def test_a_rescheduled_visit_on_friday_is_ahead_and_made_up_for() -> None:
    """ "to make rescheduled Berlin visit on Friday", told on a Monday: "rescheduled" qualifies the visit, it is no
    past tense, so Friday is ahead; "making up a trip he called off last week" is a trip put off, not cancelled;
    "a four-way meeting on Ukraine" is about Ukraine."""
    x = _x(
        "U.S. President Joe Biden will visit Berlin on Friday for talks with Chancellor Olaf Scholz, making up a trip "
        "he called off last week.\n\nThe two leaders will be joined by French President Emmanuel Macron for a "
        "three-way meeting on Ukraine.",
        date(2024, 10, 14),
        headline="Biden to make rescheduled Berlin visit on Friday",
    )
    assert {(e.status, e.date) for e in x.events} == {(EventStatus.POSTPONED, date(2024, 10, 18))}
    assert all("Ukraine" not in e.parties for e in x.events)


def test_a_summit_that_was_to_meet_tomorrow_and_an_attack_s_date() -> None:
    """ "Jordan on Tuesday cancelled a summit that was to bring together ... in Amman on Wednesday": the slot is the
    Wednesday after the news; "after the Hamas attack of Oct. 7" dates the attack, not Biden's summit."""
    x = _x(
        "AMMAN (Wire) - Jordan on Tuesday cancelled a summit that was to bring together U.S. President Joe Biden and "
        "the leaders of Jordan, Egypt and the Palestinian Authority in Amman on Wednesday.",
        date(2023, 10, 17),
    )
    assert [(e.status, e.date) for e in x.events] == [(EventStatus.CANCELLED, date(2023, 10, 18))]
    y = _x(
        "U.S. President Joe Biden will travel to Israel to show solidarity after the Hamas attack of Oct. 7 and will "
        "then fly to Jordan for a summit with King Abdullah.",
        date(2023, 10, 17),
    )
    assert all(e.date != date(2023, 10, 7) for e in y.events)


def test_a_day_put_first_before_who_said_it_is_the_telling() -> None:
    """ "Earlier on Friday, Foreign Minister Sergei Lavrov said Moscow would be ready for talks": Friday is when he
    said it; "On Friday, Xi and Biden met and said ..." still dates the meeting."""
    x = _x(
        "Earlier on Friday, Foreign Minister Sergei Lavrov said Moscow would be ready for talks with Ukraine in Minsk.",
        date(2022, 2, 25),
    )
    assert all(e.date != date(2022, 2, 25) for e in x.events)
    y = _x("On Friday, Xi and Biden met in Bali and said ties must improve.", date(2022, 11, 18))
    assert [e.date for e in y.events] == [date(2022, 11, 18)]


def test_talks_held_then_agreed_to_meet_again_on_a_border() -> None:
    """ "GOMEL REGION, Belarus, March 1 (Wire) -" is a dateline; "held almost five hours of talks ... on Monday ...
    and agreed to meet again": the talks were held that Monday, the future is the next round's; "on the
    Polish-Belarusian border" names no side; "Ukraine agreed on Sunday to send a delegation" dates the agreement."""
    x = _x(
        "GOMEL REGION, Belarus, March 1 (Wire) - Russian and Ukrainian negotiators held almost five hours of talks "
        "near the border on Monday, the first direct contact since the invasion, and agreed to meet again.\n\n"
        "The next meeting would take place on the Polish-Belarusian border.",
        date(2022, 3, 1),
    )
    held = [e for e in x.events if e.status is EventStatus.HELD]
    assert [(e.date, sorted(e.parties)) for e in held] == [(date(2022, 2, 28), ["Russia", "Ukraine"])]
    assert all("Poland" not in e.parties for e in x.events)
    y = _x(
        "KYIV (Wire) - Ukraine agreed on Sunday to send a delegation to meet Russian officials on the border. The "
        "talks were expected to begin on Monday morning.",
        date(2022, 2, 27),
    )
    assert [e.date for e in y.events] == [date(2022, 2, 28)]


def test_the_day_a_meeting_had_been_expected_is_its_old_slot() -> None:
    """ "had been expected to take place on Thursday but will now be held on Friday": Thursday is the slot it
    left, Friday the new one."""
    x = _x(
        "BRUSSELS (Wire) - The EU summit with China had been expected to take place on Thursday but will now be held "
        "on Friday, officials said.",
        date(2025, 1, 13),
    )
    assert [(e.status, e.date) for e in x.events] == [(EventStatus.POSTPONED, date(2025, 1, 17))]


def test_a_meeting_ahead_on_a_policy_set_years_ago() -> None:
    """Jiji's "Tokyo, March 17 (Jiji Press)--The Bank ..." is a dateline; "will hold a two-day meeting from Monday
    ... to end the policy introduced eight years ago" is a meeting ahead, the years date the policy."""
    x = _x(
        "Tokyo, March 17 (Jiji Press)--The Bank of Japan will hold a two-day monetary policy meeting from Monday, with "
        "its board members set to discuss whether to end the negative interest rate policy introduced eight years ago.",
        date(2024, 3, 17),
    )
    assert [(e.date, e.city) for e in x.events] == [(date(2024, 3, 18), "Tokyo")]
    y = _x("The two leaders held their first summit ten years ago in Geneva.", date(2024, 3, 17))
    assert y.events == ()


def test_talks_that_have_begun_and_the_trip_before() -> None:
    """ "has begun talks with Vietnamese President To Lam" is under way; "Putin's visit to Vietnam follows his trip
    to North Korea": North Korea is where the trip before went, not a side in Hanoi."""
    x = _x(
        "HANOI (Wire) - Russian President Vladimir Putin has begun talks with Vietnamese President To Lam at the "
        "Presidential Palace in Hanoi.\n\nPutin's visit to Vietnam follows his trip to North Korea.",
        date(2024, 6, 20),
    )
    hanoi = [e for e in x.events if e.city == "Hanoi"]
    assert [e.status for e in hanoi] == [EventStatus.ONGOING]
    assert "North Korea" not in hanoi[0].parties


def test_second_cities_place_talks_and_a_speech_is_no_meeting() -> None:
    """Chandigarh is in the gazetteer, so "6 pm" there is IST; "will travel to Jaipur, where he is due to speak at a
    conference on Tuesday" is a speech, not a meeting of sides."""
    x = _x(
        "Chandigarh, Feb 17 (PTI) Protesting farmers and three Union ministers will meet in Chandigarh on Sunday for "
        "a fourth round of talks. The meeting will be held at 6 pm, officials said.",
        date(2024, 2, 17),
    )
    assert [(e.city, e.start_utc) for e in x.events] == [("Chandigarh", datetime(2024, 2, 18, 12, 30, tzinfo=UTC))]
    y = _x("Vance will travel to Jaipur, where he is due to speak at a conference on Tuesday.", date(2025, 4, 21))
    assert y.events == ()


def test_which_opens_at_noon_times_the_meeting_just_named() -> None:
    """ "a summit of the European Political Community, which opens at noon": the summit's hour (CET in Budapest); a
    ", which opens at" far from any meeting word times nothing."""
    x = _x(
        "BERLIN (Wire) - On Thursday, Scholz is due to travel to Budapest for a summit of the European Political "
        "Community, which opens at noon and brings together around 45 European leaders.",
        date(2024, 11, 5),
    )
    assert [e.start_utc for e in x.events] == [datetime(2024, 11, 7, 11, 0, tzinfo=UTC)]
    y = _x(
        "BUDAPEST (Wire) - Scholz will hold talks with Orban on Thursday, after a walk through the old town and a "
        "visit to the city's central market hall, which opens at 6 a.m.",
        date(2024, 11, 5),
    )
    assert [e.start_utc for e in y.events] == [None]


def test_held_talks_timed_in_the_next_sentence_take_the_day_just_told() -> None:
    """ "Venezuela and Guyana agreed on Thursday ..., after a meeting in St Vincent. Maduro and Ali met for talks that
    began at 1700 GMT": the talks were that Thursday, not the day the story ran; St Vincent is a country, no one's
    name."""
    x = _x(
        "KINGSTOWN, Dec 15 (Wire) - Venezuela and Guyana agreed on Thursday that they would not use force against "
        "each other, after a meeting between their presidents in St Vincent.\n\nNicolas Maduro and Irfaan Ali met at "
        "Argyle International Airport for talks that began at 1700 GMT.",
        date(2023, 12, 15),
    )
    timed = [e for e in x.events if e.start_utc]
    assert [e.start_utc for e in timed] == [datetime(2023, 12, 14, 17, 0, tzinfo=UTC)]
    assert all(p.name != "St Vincent" for e in x.events for p in e.participants)


def test_a_call_on_thursday_that_failed_and_a_mountain_summit() -> None:
    """ "after a last-ditch telephone call between X and Y on Thursday failed to produce a deal", told on Friday: last
    Thursday's call, not next week's; "the summit of Mount Mitchell" and "we are at the summit of Africa" are tops."""
    x = _x(
        "Switzerland woke up to a 39% tariff, after a last-ditch telephone call between Swiss President Karin "
        "Keller-Sutter and US President Donald Trump on Thursday failed to produce a deal.",
        date(2025, 8, 1),
    )
    assert [e.date for e in x.events] == [date(2025, 7, 31)]
    y = _x(
        'Even the summit of Mount Mitchell was closed. "Tonight we are at the summit of Africa," the coach said.',
        date(2024, 9, 30),
    )
    assert y.events == ()


def test_a_summit_attended_on_wednesday_and_a_press_conference_hour() -> None:
    """ "In Riyadh on Wednesday, Mr Trump attended a summit with leaders of the Gulf Co-operation Council", told on
    Thursday: held the day before, with the GCC (in the article's spelling); "a closing press conference expected
    at around 4pm" is not the conference's start."""
    x = _x(
        "In Riyadh on Wednesday, US President Donald Trump attended a summit with leaders of the Gulf Co-operation "
        "Council.",
        date(2025, 5, 15),
    )
    assert [(e.status, e.date, "Gulf Co-operation Council" in e.parties) for e in x.events] == [
        (EventStatus.HELD, date(2025, 5, 14), True)
    ]
    y = _x(
        "PARIS (Wire) - An international conference on Lebanon opens in Paris on Thursday. The conference wraps up "
        "in the afternoon, with a closing press conference by Barrot expected at around 4pm.",
        date(2024, 10, 23),
    )
    assert [e.start_utc for e in y.events] == [None]


def test_a_central_bank_owns_its_next_meeting() -> None:
    """ "The RBA's next scheduled policy meeting is March 31": the Reserve Bank of Australia meets, as itself;
    "giving Governor Michele Bullock room to cut" puts the meeting in no room; "must call an election" is no call."""
    x = _x(
        "SYDNEY (Wire) - Australia's central bank begins a two-day meeting on Monday, with cooling inflation giving "
        "Governor Michele Bullock room to cut. The treasurer must call an election by May. The RBA's next scheduled "
        "policy meeting is March 31 to April 1.",
        date(2025, 2, 16),
    )
    later = [e for e in x.events if e.date == date(2025, 3, 31)]
    assert [set(e.parties) for e in later] == [{"Reserve Bank of Australia"}]
    assert all(e.venue is None for e in x.events) and all(e.kind != "call" for e in x.events)


def test_a_session_that_reconvenes_and_its_closing_day() -> None:
    """ "Countries reconvene in Rome on Tuesday": a session; "opens at 10:00 am (0900 GMT) ... and is scheduled to
    close on Thursday": Thursday is its last day, the start stays Tuesday."""
    x = _x(
        "Rome (AFP) - Countries reconvene in Rome on Tuesday to finish the UN biodiversity talks.\n\nThe resumed "
        "session opens at 10:00 am (0900 GMT) at the headquarters of the Food and Agriculture Organization and is "
        "scheduled to close on Thursday.",
        date(2025, 2, 25),
    )
    assert [e.start_utc for e in x.events] == [datetime(2025, 2, 25, 9, 0, tzinfo=UTC)]


def test_a_party_keeps_the_spelling_the_article_gives_it() -> None:
    """Outlets write some names more than one way ("DR Congo", "Democratic Republic of the Congo"; "Organization"
    or "Organisation"): the event shows the article's own spelling, the one it writes most, and a store still
    takes every spelling for the same party."""
    from briefings.tracking import canonical_party

    x = _x(
        "LUANDA (Wire) - The presidents of DR Congo and Rwanda will meet in Luanda on Sunday, Angola said.\n\n"
        "DR Congo accuses its neighbour of backing the rebels; the Democratic Republic of Congo and Rwanda have "
        "not met at this level since March.",
        date(2024, 12, 12),
    )
    assert [e.parties for e in x.events] == [("DR Congo", "Rwanda")]
    assert x.events[0].title.startswith("DR Congo-Rwanda")
    y = _x(
        "ASTANA (Wire) - Leaders of the Shanghai Cooperation Organization gather in Astana on Thursday for a "
        "two-day summit, the host said.",
        date(2024, 7, 2),
    )
    assert "Shanghai Cooperation Organization" in y.events[0].parties
    assert canonical_party("DR Congo") == canonical_party("Democratic Republic of the Congo")
    assert canonical_party("Shanghai Cooperation Organization") == canonical_party("Shanghai Cooperation Organisation")


def test_a_central_bank_meets_as_itself_and_owns_what_its_policymakers_do() -> None:
    """A central bank is the side at its own meeting, not its country: "Brazil's central bank" is the Central Bank
    of Brazil; in "the US Federal Reserve, whose rate-setters gather on ...", the Fed (named before the comma) holds
    the meeting and "US" is only its country; "cut US rates" names no side; "its next meeting, scheduled for
    June 17-18" takes that day even though the clause is about waiting for it."""
    x = _x(
        "Brazil's central bank opens a two-day meeting on Tuesday, with most economists expecting a hike.\n\n"
        "Traders are also eyeing the US Federal Reserve, whose rate-setters gather on Wednesday and are expected to "
        "cut US rates.\n\nSome think the Brazilian central bank may hold fire until its next meeting, scheduled "
        "for June 17-18.",
        date(2025, 5, 5),
    )
    by_day = {e.date: e.parties for e in x.events}
    assert by_day[date(2025, 5, 6)] == ("Central Bank of Brazil",)
    assert by_day[date(2025, 5, 7)] == ("Federal Reserve",)
    assert by_day[date(2025, 6, 17)] == ("Central Bank of Brazil",)


def test_a_country_s_parliament_sits_and_side_meetings_share_the_gathering_s_city() -> None:
    """ "Lebanon's parliament will meet on Thursday": the country is the side. Two conferences "on the margins of
    a meeting of EU ministers in Luxembourg" are in Luxembourg, the dateline's city, even though the story also
    says where the summit two days later will be and what "many in Brussels" think."""
    x = _x(
        "BEIRUT (Wire) - Lebanon's parliament will meet on Thursday to try once more to elect a president.",
        date(2025, 1, 8),
    )
    assert [e.parties for e in x.events] == [("Lebanon",)]
    y = _x(
        "LUXEMBOURG (Wire) - The EU opens membership talks with Albania on Tuesday.\n\n"
        "The talks open at an intergovernmental conference held on the margins of a meeting of EU ministers in "
        "Luxembourg.\n\nThe conference is due to start at 15h30 (1330 GMT).\n\nThe ministers will also prepare "
        "the June 27 summit in Brussels.\n\nMany in Brussels see the timetable as ambitious.",
        date(2024, 6, 24),
    )
    timed = [e for e in y.events if e.start_utc is not None]
    assert [(e.start_utc, e.city) for e in timed] == [(datetime(2024, 6, 25, 13, 30, tzinfo=UTC), "Luxembourg")]


def test_one_leader_s_two_bilaterals_on_a_day_and_words_that_only_look_like_sides_or_calls() -> None:
    """Modi meets Xi in the evening and held talks with Pezeshkian in the afternoon: two meetings, each with its
    counterpart; "at 3.30pm local time (4.30pm Singapore time)" names a clock, not Singapore as a side; "expected
    to call again for an end to violence" is a demand, not a telephone call; "Recap: Modi-Putin meeting on Tuesday"
    is the two leaders' meeting, already held."""
    x = _x(
        "KAZAN (Wire) - Indian Prime Minister Narendra Modi will meet Chinese President Xi Jinping at the summit "
        "this evening.\n\nModi held talks with Iranian President Masoud Pezeshkian this afternoon.\n\n"
        "Recap: Modi-Putin meeting on Tuesday\n\nThe Indian leader praised Russian President Vladimir Putin's "
        "hospitality.",
        date(2024, 10, 23),
    )
    sides = sorted(sorted(e.parties) for e in x.events)
    assert sides == [["China", "India"], ["India", "Iran"], ["India", "Russia"]]
    recap = next(e for e in x.events if "Russia" in e.parties)
    assert (recap.status, recap.date) == (EventStatus.HELD, date(2024, 10, 22))
    assert {p.name for p in recap.participants} == {"Narendra Modi", "Vladimir Putin"}
    y = _x(
        "VIENTIANE (Wire) - US Secretary of State Antony Blinken will meet Chinese Foreign Minister Wang Yi on "
        "Friday.\n\nThe meeting is scheduled for 3.30pm local time (4.30pm Singapore time).\n\nThe ministers are "
        "expected to call again for an end to the violence in Myanmar.",
        date(2024, 7, 24),
    )
    assert [(e.parties, e.start_utc, e.kind) for e in y.events] == [
        (("United States", "China"), datetime(2024, 7, 26, 8, 30, tzinfo=UTC), "meeting")
    ]


def test_a_body_named_like_the_un_s_is_not_the_un() -> None:
    """ "the session of the CSTO Collective Security Council" is the CSTO's, not the UN Security Council's; "the
    Kenyan Senate votes on Tuesday" is Kenya's Senate, not the US Senate; a bare "the Security Council" is the
    UN's."""
    x = _x(
        "ASTANA (Wire) - Astana will host the session of the CSTO Collective Security Council on Thursday.",
        date(2024, 11, 26),
    )
    assert [e.parties for e in x.events] == [("CSTO",)]
    y = _x("NAIROBI (Wire) - The Kenyan Senate votes on the bill on Tuesday.", date(2024, 10, 14))
    assert [e.parties for e in y.events] == [("Senate of Kenya", "Kenya")]
    z = _x("NEW YORK (Wire) - The Security Council will vote on the draft on Friday.", date(2024, 10, 14))
    assert [e.parties for e in z.events] == [("United Nations",)]


def test_the_gathering_a_bilateral_is_held_beside_is_not_a_side_of_it() -> None:
    """ "talks with Xi on Friday on the fringes of the Asia-Pacific Economic Cooperation forum": Japan and China
    meet; APEC only hosts the gathering the talks are held beside."""
    x = _x(
        "LIMA (Wire) - Prime Minister Shigeru Ishiba of Japan will hold talks with Chinese President Xi Jinping on "
        "Friday on the fringes of the Asia-Pacific Economic Cooperation forum.",
        date(2024, 11, 14),
    )
    assert [set(e.parties) for e in x.events] == [{"Japan", "China"}]


def test_who_attends_listed_in_a_sentence_of_its_own_and_about_a_number() -> None:
    """ "Envoys of about 15 countries and the African Union will meet" names the AU as a side ("about" counts, it
    does not give the topic); "Delegations confirmed so far include those of Kenya, Egypt and Qatar" lists who
    comes to that conference, though the sentence has no meeting word of its own."""
    x = _x(
        "ADDIS ABABA (Wire) - Envoys of about 15 countries and the African Union will meet on Monday at a conference "
        "on the war in Sudan.\n\nDelegations confirmed so far include those of Kenya, Egypt and Qatar.",
        date(2024, 5, 3),
    )
    assert [set(e.parties) for e in x.events] == [{"African Union", "Kenya", "Egypt", "Qatar"}]


def test_agreed_after_meeting_on_sunday_and_a_candidate_is_a_person() -> None:
    """ "X and former presidential candidate Y agreed to ..., after meeting for the first time on Sunday", told on
    Monday: the meeting was the day before (the clause after ", after" tells the past), and the candidate is a
    participant like the president."""
    x = _x(
        "MAPUTO (Wire) - Mozambican President Daniel Chapo and former presidential candidate Venancio Mondlane "
        "agreed to work to end the unrest, after meeting for the first time on Sunday.\n\nThe meeting, held at "
        "the presidency in Maputo, lasted two hours.",
        date(2025, 3, 24),
    )
    assert [(e.status, e.date) for e in x.events] == [(EventStatus.HELD, date(2025, 3, 23))]
    assert {p.name for p in x.events[0].participants} == {"Daniel Chapo", "Venancio Mondlane"}


def test_a_summit_ahead_after_a_call_held_and_a_headline_clock_without_its_zone() -> None:
    """ "Trump said he would meet Putin in Budapest, after a phone call that lasted two hours": the call is held,
    the summit still ahead, not taken for held. A headline "Biden-Xi summit set for Filoli, 11 a.m. start" is the
    story's "talks due to begin at 11 a.m. Pacific time": Xi Jinping, whose family name comes first, is found by
    "Xi", and a clock without a zone is the same clock as the story's zoned one."""
    x = _x(
        "WASHINGTON (Wire) - President Donald Trump said on Thursday he would meet Russian President Vladimir "
        "Putin in Budapest, after a phone call with the Russian leader that lasted more than two hours.",
        date(2025, 10, 16),
    )
    budapest = [e for e in x.events if e.city == "Budapest"]
    assert [(e.kind, e.status) for e in budapest] == [("meeting", EventStatus.SCHEDULED)]
    y = _x(
        "SAN FRANCISCO (Wire) - President Joe Biden will meet Chinese leader Xi Jinping at Filoli, a country "
        "estate in Woodside, with the talks due to begin at 11 a.m. Pacific time on Wednesday.",
        date(2023, 11, 14),
        headline="Biden-Xi summit set for Filoli estate in Woodside, 11 a.m. start",
    )
    assert [(e.start_utc, set(e.parties)) for e in y.events] == [
        (datetime(2023, 11, 15, 19, 0, tzinfo=UTC), {"United States", "China"})
    ]


def test_later_that_day_with_someone_else_and_deliveries_to_a_capital() -> None:
    """Talks with the prime minister at 1300 local time, then "Later on Monday, Erdogan will be received by Iraqi
    President Rashid": a second meeting. "since Washington paused weapons deliveries to Kyiv" does not put a
    meeting in Kyiv, so the conference keeps Rome's clock."""
    x = _x(
        "BAGHDAD (Wire) - Turkish President Recep Tayyip Erdogan will hold talks with Iraqi Prime Minister "
        "Mohammed Shia al-Sudani at 1300 local time (1000 GMT) on Monday.\n\nLater on Monday, Erdogan will be "
        "received by Iraqi President Abdul Latif Rashid at the Baghdad Palace.",
        date(2024, 4, 21),
    )
    assert len(x.events) == 2
    assert sorted(e.start_utc is not None for e in x.events) == [False, True]
    y = _x(
        "ROME (Wire) - The conference opened in Rome at 9.30am on Thursday.\n\nIt is the first meeting since "
        "Washington paused some weapons deliveries to Kyiv last week.",
        date(2025, 7, 10),
    )
    assert [(e.city, e.start_utc) for e in y.events] == [("Rome", datetime(2025, 7, 10, 7, 30, tzinfo=UTC))]


def test_long_names_regnal_numbers_and_a_speaker_after_a_comma() -> None:
    """ "Emir Sheikh Tamim bin Hamad Al Thani" (four name words and their particles), "Hassan Sheikh Mohamud"
    (an honorific inside the name) and "King Charles III" (a regnal number) are people; "..., Ecuador's ambassador
    Jose Javier De La Gasca, told members that the vote would take place" is who told of the vote, not a side."""
    x = _x(
        "DOHA (Wire) - Qatar's Emir Sheikh Tamim bin Hamad Al Thani will meet Somali President Hassan Sheikh Mohamud "
        "on Sunday.\n\nKing Charles III will open the Commonwealth summit on Friday.",
        date(2024, 10, 18),
    )
    names = {p.name for e in x.events for p in e.participants}
    assert {"Tamim bin Hamad Al Thani", "Hassan Sheikh Mohamud", "Charles III"} <= names
    y = _x(
        "UNITED NATIONS (Wire) - The council's president for December, Ecuador's ambassador Jose Javier De La Gasca, "
        "told members that the vote would take place at 10am on Friday.",
        date(2023, 12, 21),
    )
    assert not any("Ecuador" in e.parties or e.participants for e in y.events)


def test_where_he_is_to_hold_talks_takes_the_main_clause_s_day_and_subject() -> None:
    """ "US President Donald Trump is in Abu Dhabi on Thursday ..., where he is to hold talks with President Sheikh
    Mohamed bin Zayed": the talks are Trump's and on that Thursday; in "The White House said on Thursday that X will
    be hosted on Friday for a meeting, where the two leaders are expected to sign", the day of the telling does
    not frame the signing."""
    x = _x(
        "ABU DHABI (Wire) - US President Donald Trump is in Abu Dhabi on Thursday for the last stop of his tour, "
        "where he is to hold talks with UAE President Sheikh Mohamed bin Zayed.",
        date(2025, 5, 15),
    )
    assert [(e.date, set(e.parties)) for e in x.events] == [
        (date(2025, 5, 15), {"United States", "United Arab Emirates"})
    ]
    y = _x(
        "WASHINGTON (Wire) - The White House said on Thursday that Azerbaijan's President Ilham Aliyev and "
        "Armenia's Prime Minister Nikol Pashinyan will be hosted by Donald Trump on Friday for a trilateral "
        "meeting, where the two leaders are expected to sign agreements with the United States.",
        date(2025, 8, 7),
    )
    assert {e.date for e in y.events} == {date(2025, 8, 8)}


def test_a_court_s_votes_are_a_ruling_not_a_meeting() -> None:
    """ "Justice Carmen Lucia cast the decisive third vote on Thursday" and "the justices voted 4-1" are a court
    ruling; a story about a verdict reports no meeting. A senate's vote on a judge still is one."""
    x = _x(
        "BRASILIA (Wire) - Justice Carmen Lucia cast the decisive third vote on Thursday, and the justices voted "
        "4-1 to convict the former president.",
        date(2025, 9, 11),
    )
    assert x.events == ()
    y = _x(
        "WASHINGTON (Wire) - The Senate will vote on Judge Amy Coney Barrett's nomination on Monday.",
        date(2020, 10, 23),
    )
    assert [e.kind for e in y.events] == ["vote"]


def test_chambers_in_a_story_that_never_names_the_us_are_not_the_us_congress() -> None:
    """No dateline, no US anywhere: "the House of Representatives and the Senate" meeting in a joint sitting are the
    story's own chambers, not the US Congress in Washington. The story's only city gives the sitting its place and
    the bare "9.30am" its zone; "the Movement Party" leader is no person called "Movement"."""
    x = _x(
        "Deputies of the House of Representatives and the Senate will convene in a joint sitting on Friday to "
        "choose a prime minister, with New Dawn Party leader Arun Sakda the sole candidate.\n\n"
        "House Speaker Somsak Prasert has called the joint sitting for 9.30am.\n\n"
        "Lecturers at a Bangkok university expect a long debate.",
        date(2024, 3, 6),
    )
    assert len(x.events) == 1
    e = x.events[0]
    assert set(e.parties) == {"House of Representatives", "Senate"}
    assert e.city == "Bangkok" and e.start_utc == datetime(2024, 3, 8, 2, 30, tzinfo=UTC)
    assert "New Dawn" not in {p.name for p in e.participants}
    us = _x("The Senate will vote on the bill at 2 p.m. on Thursday, Republicans said.", date(2024, 5, 28))
    assert "US Senate" in us.events[0].parties


def test_a_bare_congress_in_a_story_from_abroad_is_the_home_countrys() -> None:
    """From Lima, "Congress President X scheduled the plenary debate" is Peru's Congress: X is not affiliated to the
    US Congress and no US chamber joins the sides."""
    x = _x(
        "LIMA, Peru (Wire) - Peru's Congress agreed on Thursday to debate a motion against the president.\n\n"
        "Congress President Rosa Quispe scheduled the plenary debate for 10 p.m. local time on Thursday.",
        date(2025, 3, 6),
    )
    assert x.events and all("US Congress" not in e.parties for e in x.events)
    people = {p.name: p.affiliation for e in x.events for p in e.participants}
    assert people.get("Rosa Quispe") == "Peru"


def test_first_lady_is_a_title_not_part_of_a_name() -> None:
    """ "accompanied by First Lady Amina Bello": the name is Amina Bello."""
    x = _x(
        "President Musa Bello, accompanied by First Lady Amina Bello, will hold talks with President Ali Karim "
        "in Nairobi on Tuesday.",
        date(2024, 6, 3),
    )
    names = {p.name for e in x.events for p in e.participants}
    assert "Amina Bello" in names and not any(n.startswith("Lady") for n in names)


def test_the_story_s_most_named_city_places_only_its_own_countrys_meetings() -> None:
    """No dateline and no meeting placed: the city the story names most lends a meeting its place only when it is
    in the sides' country. "Aid to Gaza" three times does not put a UN vote in Gaza; Tehran does place the
    parliament of Iran's session."""
    un = _x(
        "The United Nations Security Council will vote on Friday on a text to raise aid to Gaza.\n\n"
        "Aid to Gaza has slowed for weeks. Trucks wait at the crossing into Gaza.",
        date(2023, 12, 21),
    )
    assert un.events and un.events[0].city != "Gaza"
    ir = _x(
        "Iran's parliament will hold a session on Sunday at 9 a.m. to question the economy minister.\n\n"
        "Prices in Tehran rose again. Traders in Tehran blame the currency.",
        date(2025, 2, 27),
    )
    assert ir.events[0].city == "Tehran" and ir.events[0].start_utc == datetime(2025, 3, 2, 5, 30, tzinfo=UTC)


def test_the_day_of_a_message_posted_is_not_the_sessions_day() -> None:
    """ "... at 11 a.m., the speaker said in a message posted shortly after 8 p.m. on Monday": Monday is when it was
    told; the session is on the day the story gives it (Tuesday), and the street after the venue names no person."""
    x = _x(
        "MEXICO CITY (Wire) - The Senate will debate the reform on Tuesday.\n\n"
        "The plenary session is scheduled to open at 11 a.m. at the Senate building on Calle de la Paz, Senate "
        "President Ramon Ortiz said in a message posted shortly after 8 p.m. on Monday.",
        date(2024, 9, 10),
    )
    assert [e.date for e in x.events] == [date(2024, 9, 10)]
    assert x.events[0].start_utc == datetime(2024, 9, 10, 17, 0, tzinfo=UTC)
    assert "Calle de la Paz" not in {p.name for p in x.events[0].participants}


def test_organisations_the_tables_do_not_know_are_sides_where_they_meet() -> None:
    """ "meet the leadership of the Farmworkers Congress and the Dockers Union": both unions are sides; "the Trade
    and Industry Council" inside a list is not cut to "Industry Council"; a day after "since ... walked out on" is
    the strike's, not the talks'."""
    x = _x(
        "President Ana Ruiz will on Thursday meet the leadership of the Farmworkers Congress and the Dockers Union "
        "in the capital.",
        date(2024, 7, 17),
    )
    assert {"Farmworkers Congress", "Dockers Union"} <= set(x.events[0].parties)
    y = _x(
        "The company and the union will meet with the Federal Mediation and Conciliation Service on Tuesday, the "
        "first talks since workers walked off the job on Sept. 13.",
        date(2024, 9, 23),
    )
    assert [e.date for e in y.events] == [date(2024, 9, 24)]
    assert "Federal Mediation and Conciliation Service" in y.events[0].parties


def test_a_title_word_can_be_a_surname_and_an_employer_is_no_person() -> None:
    """ "Dana Pope, chief executive of Harbor Freight Lines, will take part": Dana Pope is the person (a title word as
    a surname, with no name after it) and the company after "chief executive of" is nobody."""
    x = _x(
        "The carrier and the drivers will resume talks on Tuesday. Dana Pope, chief executive of Harbor Freight "
        "Lines, will take part in the talks.",
        date(2024, 9, 23),
    )
    names = {p.name for e in x.events for p in e.participants}
    assert "Dana Pope" in names and "Harbor Freight Lines" not in names


def test_a_summit_that_runs_until_a_day_does_not_start_that_day() -> None:
    """ "The summit runs until Friday": Friday is its last day, not a meeting on Friday."""
    x = _x("The summit in Beijing runs until Friday.", date(2024, 9, 4))
    assert date(2024, 9, 6) not in {e.date for e in x.events}


def test_it_had_been_called_off_cancels_the_meeting_just_named() -> None:
    """ "Tusk had called a summit for 6:00 pm, but announced on Sunday that it had been called off"."""
    x = _x(
        "BRUSSELS (Wire) - Tusk had also called a summit of all EU leaders for 6:00 pm, but announced early on Sunday "
        "that it had been called off.",
        date(2015, 7, 12),
    )
    assert [e.status.value for e in x.events] == ["cancelled"]


def test_a_venue_or_a_relative_clause_names_no_person() -> None:
    """ "in the Council's Justus Lipsius building" is a venue; "the Unity Platform, which groups the parties that back
    opposition leader X" is no person with that role."""
    x = _x(
        "BRUSSELS (Wire) - The ministers will meet at 11:00 am in the Council's Justus Lipsius building on Sunday, "
        "while the Unity Platform, which groups the parties that back opposition leader Ana Lopez, joins the talks.",
        date(2015, 7, 11),
    )
    names = {p.name for e in x.events for p in e.participants}
    assert "Justus Lipsius" not in names and "Unity Platform" not in names


def test_british_spelling_of_an_organisation_and_a_previous_meeting() -> None:
    """ "The World Trade Organisation's ministerial" is the WTO's (British "-isation" as well as "-ization"); "the
    previous ministerial in Geneva in 2022", in a sentence that also says "would", is background, so the 10am
    session takes Abu Dhabi's clock."""
    x = _x(
        "The World Trade Organisation's ministerial conference in Abu Dhabi has been extended by a day.\n\n"
        "Ministers will gather for a heads-of-delegation meeting at 10am on Friday.\n\n"
        "A deal would build on an agreement reached at the previous ministerial in Geneva in 2022.",
        date(2024, 3, 1),
    )
    assert any("WTO" in e.parties for e in x.events)
    assert "Geneva" not in {e.city for e in x.events}
    assert datetime(2024, 3, 1, 6, 0, tzinfo=UTC) in {e.start_utc for e in x.events}


def test_a_session_that_has_started_as_scheduled_is_under_way_today() -> None:
    """Live copy: "The plenary session has started, as scheduled, at 10:00 (06:00 GMT)" is under way today at 06:00
    GMT ("as scheduled" is an aside, no plan ahead), apart from Wednesday's meeting; "which critics call a
    Russian-style law" is no phone call."""
    x = _x(
        "Lawmakers are debating the bill, which critics call a Russian-style law.\n\n"
        "An envoy will meet Prime Minister Irakli Kobakhidze on Wednesday.\n\n"
        "The plenary session of Georgia's parliament has started, as scheduled, at 10:00 (06:00 GMT).",
        date(2024, 5, 14),
    )
    session = [e for e in x.events if e.start_utc is not None]
    assert [(e.date, e.start_utc, e.status.value) for e in session] == [
        (date(2024, 5, 14), datetime(2024, 5, 14, 6, 0, tzinfo=UTC), "ongoing")
    ]
    assert not any(e.kind == "call" for e in x.events)


def test_the_hour_given_for_another_city_does_not_place_the_meeting_there() -> None:
    """ "set for 10am Washington time (5pm in Nairobi)": the ceremony is in Washington; Nairobi only tells the hour
    at home."""
    x = _x(
        "WASHINGTON (Wire) - President William Ruto will be welcomed by President Joe Biden at an arrival ceremony "
        "on Thursday, set for 10am Washington time (5pm in Nairobi).",
        date(2024, 5, 22),
    )
    assert [(e.city, e.start_utc) for e in x.events] == [("Washington", datetime(2024, 5, 23, 14, 0, tzinfo=UTC))]


def test_a_leader_named_without_a_country_takes_the_side_from_the_leaders_table() -> None:
    """ "President Joko Widodo ... Jokowi is scheduled to meet Putin": the leaders table knows Widodo's country and
    his usual short name, so Indonesia is a side of the Kremlin talks."""
    x = _x(
        "KYIV (Wire) - President Joko Widodo held talks with Ukrainian President Volodymyr Zelenskiy on Wednesday."
        "\n\nJokowi is scheduled to meet Putin at the Kremlin on Thursday.",
        date(2022, 6, 29),
    )
    kremlin = [e for e in x.events if e.date == date(2022, 6, 30)]
    assert kremlin and {"Indonesia", "Russia"} <= set(kremlin[0].parties)
    assert "Joko Widodo" in {p.name for p in kremlin[0].participants}


def test_a_tass_dateline_and_moscow_time_in_a_city_on_the_same_clock() -> None:
    """ "ANTALYA, March 10. /TASS/." is a dateline; "11:00 Moscow time" in Antalya (UTC+3 too) names the clock,
    not the place; the hour of a press conference "after the talks, at around midday" is not the talks'; a
    delegation head "in the Verkhovna Rada" sits at talks for Ukraine; a call "discussed ... on Sunday" was held
    last Sunday; leaders who "were supposed to meet" in May never did."""
    x = _x(
        "ANTALYA, March 10. /TASS/. Russian Foreign Minister Sergey Lavrov and Ukrainian Foreign Minister Dmitry "
        "Kuleba will hold talks in Antalya on Thursday.\n\n"
        "The meeting is scheduled to begin at 11:00 Moscow time at a hotel in the Belek resort area.\n\n"
        "Lavrov is expected to hold a press conference after the talks, at around midday Moscow time.\n\n"
        "The third round of the talks took place on Monday in Belarus.\n\n"
        "The Ukrainian delegation was led by David Arakhamia, head of a faction in the Verkhovna Rada.\n\n"
        "Turkish President Recep Tayyip Erdogan discussed the war with Vladimir Putin in a telephone "
        "conversation on Sunday.\n\n"
        "The two ministers were supposed to meet in Geneva in May.",
        date(2022, 3, 10),
    )
    talks = [e for e in x.events if e.date == date(2022, 3, 10)]
    assert [(e.city, e.start_utc) for e in talks] == [("Antalya", datetime(2022, 3, 10, 8, 0, tzinfo=UTC))]
    assert not any("Verkhovna Rada" in e.parties for e in x.events)
    call = [e for e in x.events if "Turkey" in e.parties and "Ukraine" not in e.parties]
    assert [(e.date, e.status.value) for e in call] == [(date(2022, 3, 6), "held")]
    assert "Geneva" not in {e.city for e in x.events}


def test_a_day_told_before_a_past_tense_and_the_way_home() -> None:
    """ "Earlier on Sunday, Biden had visited the border": last Sunday, not next; "The summit will conclude on
    Tuesday, and Biden is scheduled to return to Washington on Wednesday": Washington is the way home, not the
    summit's place; but delegations that "will return to Istanbul for a third round of talks" meet there."""
    x = _x(
        "MEXICO CITY (Wire) - The leaders' summit opens on Monday.\n\n"
        "Earlier on Sunday, Biden had visited the border in El Paso, his first visit there.\n\n"
        "The summit will conclude on Tuesday evening, and Biden is scheduled to return to Washington on Wednesday.",
        date(2023, 1, 9),
    )
    assert date(2023, 1, 15) not in {e.date for e in x.events}
    assert "Washington" not in {e.city for e in x.events}
    y = _x(
        "ISLAMABAD: Pakistani and Afghan delegations will return to Istanbul on Thursday for a third round of talks.",
        date(2025, 11, 4),
    )
    assert [e.city for e in y.events] == ["Istanbul"]


def test_a_committee_gavels_in_and_yesterday_s_mock_sessions_are_over() -> None:
    """ "The House Judiciary Committee is scheduled to gavel in at 8:30 a.m.": a session today, the day of the
    hearing, not on the day of the "mock sessions" members "spent Tuesday afternoon in", which are over;
    "Robert Mueller, the former special counsel who spent 22 months ..." is a person with a role."""
    x = _x(
        "WASHINGTON (Wire) - Robert Mueller, the former special counsel who spent 22 months investigating the "
        "campaign, testifies on Wednesday.\n\n"
        "The House Judiciary Committee is scheduled to gavel in at 8:30 a.m.\n\n"
        "Several members spent Tuesday afternoon in mock sessions with their staff.",
        date(2019, 7, 24),
    )
    assert [(e.date, e.start_utc) for e in x.events if e.start_utc] == [
        (date(2019, 7, 24), datetime(2019, 7, 24, 12, 30, tzinfo=UTC))
    ]
    assert "Robert Mueller" in {p.name for e in x.events for p in e.participants}


def test_a_meeting_on_a_day_gone_by_with_nothing_ahead_is_held() -> None:
    """ "Ukrainian and Russian negotiators spent Monday in talks in Istanbul", told on Wednesday: past, so held."""
    x = _x("Ukrainian and Russian negotiators spent Monday in talks in Istanbul.", date(2025, 6, 4))
    assert [(e.date, e.status.value) for e in x.events] == [(date(2025, 6, 2), "held")]


def test_a_figure_named_without_a_title_is_not_made_former_by_the_table() -> None:
    """ "President Biden will speak with Russian President Vladimir Putin by phone" in 2021: the table fills in Biden's
    side, and only an article's own "former" would keep his country off the call."""
    x = _x(
        "President Biden will speak with Russian President Vladimir Putin by phone at 3:30 p.m. ET today.",
        date(2021, 12, 30),
    )
    assert {"United States", "Russia"} <= set(x.events[0].parties)


def test_a_board_that_reconvenes_at_an_hour_meets_today_not_the_day_it_opened() -> None:
    """ "The 35-member board was due to reconvene at 3 pm (1300 GMT)" told on Thursday, after "The board's quarterly
    meeting opened on Monday": the session at 1300 GMT is Thursday's."""
    x = _x(
        "VIENNA (Wire) - The IAEA board was due to reconvene at 3 pm (1300 GMT) to take up a draft resolution tabled "
        "by Britain, France and Germany.\n\nThe board's quarterly meeting opened on Monday.",
        date(2025, 6, 12),
    )
    assert datetime(2025, 6, 12, 13, 0, tzinfo=UTC) in {e.start_utc for e in x.events}


def test_a_forum_proposed_by_someone_is_no_hypothetical_meeting() -> None:
    """ "The four leaders met late on October 6 on the sidelines of the summit of the European Political Community,
    a new forum proposed by Macron": a meeting held, not one only proposed."""
    x = _x(
        "PRAGUE (Wire) - The four leaders met late on October 6 on the sidelines of the inaugural summit of the "
        "European Political Community, a new forum proposed by Macron.",
        date(2022, 10, 7),
    )
    assert date(2022, 10, 6) in {e.date for e in x.events}


def test_the_day_of_a_journey_does_not_date_the_meeting_it_is_for() -> None:
    """ "The chancellor flies to Ottawa on Tuesday for talks with the prime minister on Wednesday": the talks are
    Wednesday's; the flight only takes her there."""
    x = _x(
        "BERLIN (Wire) - The German chancellor flies to Ottawa on Tuesday for talks with Canadian Prime Minister "
        "Mark Carney on Wednesday, officials said.",
        date(2025, 8, 18),
    )
    assert [e.date for e in x.events] == [date(2025, 8, 20)]


def test_a_landing_hour_is_not_the_meeting_s_however_long_the_airport_s_name() -> None:
    """ "landed at Faleolo International Airport outside the capital at 2.40pm on Tuesday, local time, for the forum
    meeting": the plane's hour, so the meeting has no clock time of its own."""
    x = _x(
        "APIA (Wire) - The New Zealand prime minister landed at Faleolo International Airport outside the capital at "
        "2.40pm on Tuesday, local time, for the Pacific Islands Forum leaders' meeting.",
        date(2024, 8, 27),
    )
    assert x.events and all(e.start_utc is None for e in x.events)


def test_the_one_who_chairs_or_presides_over_a_session_takes_part_in_it() -> None:
    """ "Speaker Anna Lindqvist will preside over the sitting" and "Jonas Berg will chair the proceedings", in
    sentences with no meeting word of their own: both are in the room for the vote."""
    x = _x(
        "STOCKHOLM (Wire) - Sweden's parliament will vote on Tuesday on the government's budget bill.\n\n"
        "Speaker Anna Lindqvist will preside over the sitting.\n\n"
        "Finance committee chairman Jonas Berg will chair the proceedings in the afternoon.",
        date(2025, 11, 24),
    )
    names = {p.name for e in x.events for p in e.participants}
    assert {"Anna Lindqvist", "Jonas Berg"} <= names


def test_a_month_inside_a_since_clause_does_not_make_the_meeting_background() -> None:
    """ "The call, the first between the two leaders since Lula took office in January, began at 9 a.m. Brasilia
    time": January is when Lula took office; the call is today's."""
    x = _x(
        "BRASILIA (Wire) - Brazil's president spoke with the U.S. president by video call on Monday. The call, the "
        "first between the two leaders since Lula took office in January, began at 9 a.m. Brasilia time and lasted "
        "half an hour.",
        date(2025, 10, 6),
    )
    assert datetime(2025, 10, 6, 12, 0, tzinfo=UTC) in {e.start_utc for e in x.events}


def test_talks_back_at_the_table_keep_their_hour_and_not_the_hour_they_ran_until() -> None:
    """ "Negotiators for the airline and the cabin crew unions from Finland and Estonia returned to the table at 1000
    local time at the offices of the Confederation of Finnish Industries in Helsinki, where talks had run until
    shortly before midnight on Sunday": talks at 0700 GMT today; neither the unions' countries nor the lobby's
    adjective are sides, and midnight on Sunday is when the last round stopped."""
    x = _x(
        "HELSINKI (Wire) - Negotiators for the airline and the cabin crew unions from Finland and Estonia returned to "
        "the table at 1000 local time at the offices of the Confederation of Finnish Industries in Helsinki, where "
        "talks had run until shortly before midnight on Sunday without a deal, the mediator said.",
        date(2022, 7, 18),
    )
    assert [(e.start_utc, e.parties) for e in x.events] == [(datetime(2022, 7, 18, 7, 0, tzinfo=UTC), ())]


def test_a_parliament_that_sits_at_an_hour_holds_a_session_then() -> None:
    """ "the motion is the first item on the order paper when the Solomon Islands parliament sits at 9.30am on
    Monday": the sitting starts at 2230 GMT on Sunday."""
    x = _x(
        "HONIARA (Wire) - The clerk confirmed that the no-confidence motion is the first item on the order paper "
        "when the Solomon Islands parliament sits at 9.30am on Monday.",
        date(2021, 12, 5),
    )
    assert datetime(2021, 12, 5, 22, 30, tzinfo=UTC) in {e.start_utc for e in x.events}


def test_a_future_inside_a_who_clause_is_not_the_meeting_s() -> None:
    """ "Foreign ministers wrapped up two days of talks on Thursday, during which they elected the commissioners who
    will serve alongside the new chairperson", told on Friday: Thursday gone by, and the talks held."""
    x = _x(
        "ADDIS ABABA (Wire) - African Union foreign ministers wrapped up two days of talks on Thursday, during which "
        "they elected the commissioners who will serve alongside the new chairperson.",
        date(2025, 2, 14),
    )
    assert [(e.date, e.status.value) for e in x.events] == [(date(2025, 2, 13), "held")]


def test_a_where_clause_about_the_visit_before_this_one_is_not_this_visit() -> None:
    """ "The visit comes one week after the emir's state visit to Jordan, where he held talks with King Abdullah in
    Amman": the talks in Amman were last week's, so Amman does not place today's talks in Turkey."""
    x = _x(
        "The emir of Qatar arrived in Turkey on Sunday on a two-day state visit. He and President Tayyip Erdogan will "
        "hold official talks at 1 pm Doha time, the Qatar News Agency reported.\n\nThe visit comes one week after "
        "the emir's state visit to Jordan, where he held talks with King Abdullah in Amman.",
        date(2023, 5, 28),
    )
    assert x.events and all(e.location != "Amman" for e in x.events)


def test_a_relative_clause_aside_does_not_cut_the_meeting_from_its_verb() -> None:
    """ "The plenary session on the impeachment motion, which accuses the president of moral incapacity, is
    scheduled to begin at 4 p.m. local time in the Legislative Palace in Quito": the session's hour and venue, and
    the evidence reads without the aside."""
    x = _x(
        "QUITO (Wire) - The plenary session on the impeachment motion, which accuses the president of moral "
        "incapacity, is scheduled to begin at 4 p.m. local time on Tuesday in the Legislative Palace in Quito.",
        date(2023, 5, 15),
    )
    [e] = x.events
    assert e.start_utc == datetime(2023, 5, 16, 21, 0, tzinfo=UTC)
    assert e.evidence.startswith("The plenary session on the impeachment motion is scheduled to begin at 4 p.m.")


def test_told_a_news_conference_is_the_telling_not_a_conference() -> None:
    """ "The foreign minister told a news conference on Friday that the bloc hoped to agree on a way out": the whole
    "told a news conference" is the attribution, so no conference is left behind as a meeting."""
    x = _x(
        "JAKARTA (Wire) - Indonesian Foreign Minister Retno Marsudi told a news conference on Friday that the bloc "
        "hoped to agree on the best solution for the people of Myanmar.",
        date(2021, 4, 23),
    )
    assert x.events == ()


def test_a_spokeswoman_s_regular_press_briefing_city_does_not_place_the_talks() -> None:
    """ "The spokeswoman told a regular press briefing in Beijing that the two sides held peace talks in Kunming on
    Wednesday and Thursday": the briefing was in Beijing, the talks in Kunming."""
    x = _x(
        "Chinese Foreign Ministry spokeswoman Mao Ning told a regular press briefing in Beijing that representatives "
        "of the Myanmar military and of the alliance held peace talks in Kunming on Wednesday and Thursday.",
        date(2024, 1, 12),
    )
    assert x.events and all(e.location == "Kunming" for e in x.events)


def test_someone_who_will_chair_the_talks_joins_the_talks_already_reported() -> None:
    """ "Vietnam will be represented by Prime Minister Pham Minh Chinh, and Brunei's Sultan Hassanal Bolkiah will
    chair the talks": both at the leaders' meeting on Saturday reported before, not a second, undated one."""
    x = _x(
        "JAKARTA (Wire) - ASEAN leaders will meet Myanmar junta chief Min Aung Hlaing in Jakarta on Saturday at 1300 "
        "hours Jakarta time, in the first international effort to ease the crisis.\n\nVietnam will be represented "
        "by Prime Minister Pham Minh Chinh, and Brunei's Sultan Hassanal Bolkiah will chair the talks.",
        date(2021, 4, 23),
    )
    [e] = x.events
    assert {"Pham Minh Chinh", "Hassanal Bolkiah"} <= {p.name for p in e.participants}


def test_rumours_of_a_round_are_no_round() -> None:
    """ "Rumours of a new round had circulated on social media since Tuesday": talk about talks, no meeting."""
    text = "Rumours of a new round had circulated on social media since Tuesday, when envoys crossed the border."
    assert mentions_in(0, text, date(2024, 1, 12), {}) == []


def test_a_first_name_that_is_a_city_after_a_title_is_a_person() -> None:
    """ "Host President Santiago Pena will open Monday's session": Santiago is his first name here, not Chile's
    capital, so he takes part."""
    x = _x(
        "ASUNCION (Wire) - Mercosur leaders meet in Asuncion on Monday. Host President Santiago Pena will open "
        "Monday's session at 10:00 local time.",
        date(2024, 7, 7),
    )
    assert "Santiago Pena" in {p.name for e in x.events for p in e.participants}


def test_leaders_who_confirmed_their_participation_attend() -> None:
    """ "Kyrgyz President Sadyr Japarov and Tajik President Emomali Rahmon have confirmed their participation":
    they come to the meeting; "confirmed" here is no attribution."""
    x = _x(
        "ASTANA (Wire) - Central Asian leaders will meet in Astana on Friday at 10:00 Astana time.\n\nKyrgyz "
        "President Sadyr Japarov and Tajik President Emomali Rahmon have confirmed their participation.",
        date(2024, 8, 8),
    )
    assert {"Sadyr Japarov", "Emomali Rahmon"} <= {p.name for e in x.events for p in e.participants}


def test_separate_talks_on_a_summit_s_sidelines_are_a_meeting_of_their_own() -> None:
    """ "On the sidelines of the summit on Friday, he is expected to hold separate talks with Tokayev": a second
    meeting beside the leaders' summit, not the summit told again."""
    x = _x(
        "ASTANA (Wire) - Central Asian leaders will hold their annual summit in Astana on Friday at 10:00 local "
        "time, hosted by Kazakh President Kassym-Jomart Tokayev.\n\nAzerbaijani President Ilham Aliyev will attend "
        "as a guest. On the sidelines of the summit on Friday, he is expected to hold separate talks with Tokayev.",
        date(2024, 8, 8),
    )
    assert len([e for e in x.events if e.date == date(2024, 8, 9)]) == 2


def test_south_american_leaders_are_not_the_united_states() -> None:
    """ "South American leaders were arriving in Asuncion for a summit of the Mercosur trade bloc": American here is
    the continent's, so the United States is no side of the summit."""
    x = _x(
        "ASUNCION (Wire) - South American leaders were arriving in Paraguay's capital on Sunday for a summit of the "
        "Mercosur trade bloc on Monday.",
        date(2024, 7, 7),
    )
    assert x.events and all("United States" not in e.parties for e in x.events)


def test_a_security_council_vote_with_no_city_named_is_in_new_york() -> None:
    """ "The U.N. Security Council will vote on Friday on a resolution", in a story datelined Rabat: the council
    sits in New York, not where the reporter is."""
    x = _x(
        "RABAT (Wire) - The U.N. Security Council will vote on Friday on a resolution extending the mandate of the "
        "mission in Western Sahara.",
        date(2025, 10, 29),
    )
    assert [e.location for e in x.events] == ["New York"]


def test_a_weekday_in_a_clause_told_in_the_past_is_gone_by() -> None:
    """ "Macron had already cut short his participation in the EU summit in Brussels on Friday", told on a
    Tuesday: the Friday before, not the next one."""
    x = _x(
        "PARIS (Wire) - Macron had already cut short his participation in the EU summit in Brussels on Friday.",
        date(2023, 7, 4),
    )
    assert [e.date for e in x.events] == [date(2023, 6, 30)]


def test_a_call_made_on_a_weekday_is_last_week_s_but_a_summit_called_for_one_is_ahead() -> None:
    """ "The Pakistani DGMO called his Indian counterpart at 1535 hours on Saturday", told on a Monday: last
    Saturday. "Tusk called a summit of all EU leaders for Sunday", told on a Saturday: tomorrow."""
    past = _x(
        "NEW DELHI: The Pakistani DGMO called his Indian counterpart for talks on the hotline at 1535 hours on "
        "Saturday.",
        date(2025, 5, 12),
    )
    assert [e.date for e in past.events] == [date(2025, 5, 10)]
    ahead = _x("BRUSSELS (Wire) - Tusk called a summit of all EU leaders for Sunday.", date(2015, 7, 11))
    assert [e.date for e in ahead.events] == [date(2015, 7, 12)]


def test_a_vote_in_the_senate_of_a_story_abroad_is_not_placed_in_the_us_senate() -> None:
    """ "before this evening's vote in the Senate" in a story from Rome that never names the US: "in the Senate" is
    the chamber, not a country, so the vote is not located in the "US Senate"."""
    x = _x(
        "ROME (Wire) - Italian Prime Minister Mario Draghi faces a confidence vote in the Senate on Wednesday.",
        date(2022, 7, 19),
    )
    assert x.events and all("US Senate" not in (e.location or "") for e in x.events)


def test_a_leader_who_spoke_with_another_held_a_call() -> None:
    """A readout: "Today, the President spoke with President-elect Lula of Brazil to congratulate him": a call."""
    x = _x(
        "Today, U.S. President Joe Biden spoke with President-elect Luiz Inacio Lula da Silva of Brazil to "
        "congratulate him on his election.",
        date(2022, 10, 31),
    )
    assert [(e.kind, set(e.parties)) for e in x.events] == [("call", {"United States", "Brazil"})]


def test_a_figure_s_side_is_the_office_held_on_the_article_s_day() -> None:
    """ "Rutte met the other coalition leaders on Friday" told in July 2023: the Dutch prime minister, so the
    Netherlands, not NATO, whose secretary general he became in October 2024; in 2025 the same words name NATO's."""
    text = "THE HAGUE (Wire) - Mark Rutte will meet Ukrainian President Volodymyr Zelenskiy in The Hague on Monday."
    then = _x(text, date(2023, 7, 8))
    now = _x(text, date(2025, 6, 20))
    assert "Netherlands" in then.events[0].parties and "NATO" not in then.events[0].parties
    assert "NATO" in now.events[0].parties


def test_talks_that_went_on_past_midnight_began_the_night_before() -> None:
    """ "The negotiating teams met again in Cape Town on Wednesday night, in talks that went on past midnight",
    told on Thursday: Wednesday's talks, with no start hour (midnight is when they ended)."""
    x = _x(
        "CAPE TOWN (Wire) - Negotiating teams from the ANC and the Democratic Alliance met again in Cape Town on "
        "Wednesday night, in talks that went on past midnight.",
        date(2024, 6, 13),
    )
    assert [(e.date, e.start_utc) for e in x.events] == [(date(2024, 6, 12), None)]


def test_a_long_summit_name_keeps_its_which_will_open_clause_and_a_handover_is_no_place() -> None:
    """ "take part in the VII Summit of Heads of State and Government of the Community of Latin American and
    Caribbean States (CELAC), which will open at 10 a.m. at the Sheraton hotel": the summit's hour and venue, in
    Buenos Aires; "will hand it over to Saint Vincent and the Grenadines" names who takes the chair, not where."""
    x = _x(
        "BUENOS AIRES (Wire) - On Tuesday both leaders will take part in the VII Summit of Heads of State and "
        "Government of the Community of Latin American and Caribbean States (CELAC), which will open at 10 a.m. at "
        "the Sheraton hotel. Argentina holds the pro tempore presidency and will hand it over at the end of the "
        "summit to Saint Vincent and the Grenadines.",
        date(2023, 1, 23),
    )
    [e] = [e for e in x.events if e.kind == "summit"]
    assert (e.start_utc, e.location) == (datetime(2023, 1, 24, 13, 0, tzinfo=UTC), "Sheraton hotel, Buenos Aires")


def test_a_state_agency_s_visit_story_dates_today_s_talks_today() -> None:
    """ "Doha, June 22, 2022, QNA -- The Emir arrived today in Ankara ... will hold official talks, scheduled to
    begin at 18:00 local time", after "On Tuesday he held talks with King Abdullah in Amman": the dateline is read,
    and the Ankara talks are today's at 1500 GMT, not Tuesday's, whatever was told of the airport welcome."""
    x = _x(
        "Ankara, June 22, 2022, QNA -- The Emir of Qatar arrived today in Ankara on an official visit. He was "
        "received at the airport by the Turkish finance minister.\n\nPresident Recep Tayyip Erdogan will hold an "
        "official reception for the Emir, after which the two sides will hold official talks, scheduled to begin at "
        "18:00 local time.\n\nThe Emir arrived from Amman, where on Tuesday he held official talks with King "
        "Abdullah II.",
        date(2022, 6, 22),
    )
    assert datetime(2022, 6, 22, 15, 0, tzinfo=UTC) in {e.start_utc for e in x.events}


def test_a_meeting_later_on_the_day_with_someone_new_is_another_meeting() -> None:
    """ "He will hold talks with Prime Minister Shehbaz Sharif at 1200 hours local time." then "The Iranian president
    is also scheduled to meet President Asif Ali Zardari at the Aiwan-e-Sadr later on Monday": two meetings."""
    x = _x(
        "ISLAMABAD (Wire) - Iranian President Ebrahim Raisi will hold talks with Prime Minister Shehbaz Sharif at "
        "the Prime Minister's House on Monday at 1200 hours local time.\n\nThe Iranian president is also scheduled "
        "to meet President Asif Ali Zardari at the Aiwan-e-Sadr later on Monday.",
        date(2024, 4, 22),
    )
    assert len(x.events) == 2


def test_a_timed_meeting_still_ahead_keeps_today_when_today_has_a_meeting_of_the_story() -> None:
    """ "Zelenskiy met Scholz at Ramstein on Friday morning. The contact group meeting is set to begin at 13:00 Kyiv
    time. On Saturday, Zelenskiy will hold talks with Meloni", told on Friday: the contact group meets today, not
    on the day of the Italian talks the story goes on to."""
    x = _x(
        "KYIV (Wire) - Zelenskiy met German Chancellor Olaf Scholz at the Ramstein air base in Germany on Friday "
        "morning.\n\nThe Ukraine Defense Contact Group meeting, chaired by U.S. Defense Secretary Lloyd Austin, is "
        "set to begin at 13:00 Kyiv time.\n\nOn Saturday, Zelenskiy will hold talks with Italian Prime Minister "
        "Giorgia Meloni in Cernobbio.\n\nThe Italian leader will host a lunch for him.",
        date(2024, 9, 6),
    )
    assert datetime(2024, 9, 6, 10, 0, tzinfo=UTC) in {e.start_utc for e in x.events}


def test_countries_a_side_supports_are_not_at_its_table() -> None:
    """ "Wang told Lavrov that China supports Russia and Ukraine in continuing peace talks": the talks Wang and
    Lavrov hold are China's and Russia's; Ukraine is what China backs, not a side in the room."""
    sides = [p.canonical for p in sides_in("China supports Russia and Ukraine in continuing peace talks.")]
    assert "Ukraine" not in sides and "Russia" not in sides


def test_talks_told_without_a_day_are_on_the_day_the_visitor_arrived() -> None:
    """ "Modi arrived in Tashkent on March 19 for a visit that will include talks with Mirziyoyev and an SCO summit.
    After a welcome ceremony the two leaders will hold talks at 14:00 local time. On March 20 the SCO session opens at
    10 a.m.", told on March 19: the talks are the 19th's (09:00 GMT), not on the summit's day."""
    x = _x(
        "TASHKENT (Wire) - Indian Prime Minister Narendra Modi arrived in Tashkent on March 19 for a two-day state "
        "visit that will include talks with Uzbek President Shavkat Mirziyoyev and a summit of the Shanghai "
        "Cooperation Organisation.\n\nAfter a welcome ceremony at the Kuksaroy residence, the two leaders will hold "
        "talks at 14:00 local time.\n\nOn March 20, Tashkent will host the session of the SCO Council of Heads of "
        "State, which will open at 10 a.m. local time.",
        date(2026, 3, 19),
    )
    starts = {e.start_utc for e in x.events}
    assert datetime(2026, 3, 19, 9, 0, tzinfo=UTC) in starts
    assert datetime(2026, 3, 20, 5, 0, tzinfo=UTC) in starts


def test_a_legislature_meets_under_its_formal_name_beside_its_country() -> None:
    """ "Sri Lanka's parliament will vote on Wednesday", "The Senate will hold a confidence vote" told from Rome, "The
    National Assembly will vote next Tuesday" told from Cape Town: the chamber meets, named as "Parliament of Sri
    Lanka", "Senate of Italy", "National Assembly of South Africa", beside its country; the World Health Assembly
    (the WHO's) and the European Parliament are nobody's national chamber."""

    def parties(text: str) -> list[tuple[str, ...]]:
        return [e.parties for e in _x(text, date(2024, 5, 6)).events]

    assert parties("COLOMBO (Wire) - Sri Lanka's parliament will vote on Wednesday to elect a new president.") == [
        ("Parliament of Sri Lanka", "Sri Lanka")
    ]
    assert parties("ROME (Wire) - The Senate will hold a confidence vote on Wednesday.") == [
        ("Senate of Italy", "Italy")
    ]
    assert parties("CAPE TOWN (Wire) - The National Assembly will vote next Tuesday on the panel report.") == [
        ("National Assembly of South Africa", "South Africa")
    ]
    assert parties("MANILA (Wire) - The Philippine Senate will hold a hearing on Monday with the mayor.") == [
        ("Senate of the Philippines", "Philippines")
    ]
    assert parties("NAIROBI (Wire) - The European Parliament will vote on Wednesday on the trade deal.") == [
        ("European Parliament",)
    ]
    assert parties("GENEVA (Wire) - The World Health Assembly will vote on Tuesday on the pandemic accord.") == [
        ("World Health Organization",)
    ]


def test_the_final_day_of_hearings_does_not_date_their_opening() -> None:
    """ "The two days of hearings at the tribunal open at 10 am ... The final day, Friday, is set aside for replies",
    told on Thursday: the hearings open today at 10 am (09:00 GMT in The Hague), not on the final day."""
    x = _x(
        "THE HAGUE (Wire) - The two days of public hearings at the Permanent Court of Arbitration in the case "
        "brought by Ukraine against Russia open at 10 am at the Peace Palace.\n\nThe final day, Friday, is set "
        "aside for a second round of arguments between Ukraine and Russia.",
        date(2024, 3, 14),
    )
    assert datetime(2024, 3, 14, 9, 0, tzinfo=UTC) in {e.start_utc for e in x.events}


def test_leaders_meeting_on_a_day_said_gives_that_day_and_a_reaction_day_does_not() -> None:
    """ "Gulf leaders meeting in Doha on Tuesday said ..., but Iran on Wednesday rejected the summit's statement.
    The summit opened at 10am local time": told on Wednesday, the summit was Tuesday's (07:00 GMT), not the day of
    Iran's reaction."""
    x = _x(
        "Gulf Cooperation Council leaders meeting in Doha on Tuesday said they had agreed on a joint security plan, "
        "but Iran on Wednesday rejected the summit's final statement.\n\nThe summit of the Gulf Cooperation Council "
        "opened at 10am local time at a hotel in the Qatari capital, chaired by the emir.",
        date(2024, 12, 4),
    )
    assert [e.start_utc for e in x.events] == [datetime(2024, 12, 3, 7, 0, tzinfo=UTC)]


def test_discussions_are_talks_and_a_courtesy_call_is_a_meeting_in_a_room() -> None:
    """ "A World Bank team on Monday started discussions with officials in Lusaka ... The team will pay a courtesy
    call on President Hakainde Hichilema at State House on Tuesday", told on Monday: talks that began today, and
    a meeting at State House tomorrow, not a telephone call."""
    x = _x(
        "LUSAKA (Wire) - A World Bank team on Monday started discussions with Zambian officials in Lusaka on a new "
        "budget support loan.\n\nThe team will pay a courtesy call on Zambian President Hakainde Hichilema at State "
        "House on Tuesday, officials said.",
        date(2024, 6, 3),
    )
    got = {(e.date, e.kind) for e in x.events}
    assert (date(2024, 6, 3), "talks") in got
    assert (date(2024, 6, 4), "meeting") in got


def test_the_summit_named_after_a_summit_level_meeting_is_that_meeting() -> None:
    """ "Ramaphosa will on Tuesday take part in the first summit-level meeting of the G20's African members, with
    Tinubu and Ruto, by video. The online summit is scheduled to begin at 1400 hours SAST, with Ramaphosa hosting",
    under a headline on Tinubu's part in it: one summit, on Tuesday at 12:00 GMT, with all three sides."""
    x = _x(
        "PRETORIA (Wire) - South African President Cyril Ramaphosa will on Tuesday take part in the first "
        "summit-level meeting of African G20 members, joining Nigerian President Bola Tinubu and Kenyan President "
        "William Ruto in a virtual format, officials said.\n\nThe online summit is scheduled to begin at 1400 hours "
        "SAST, with Ramaphosa hosting the meeting from the Union Buildings.",
        date(2025, 3, 10),
        headline="Tinubu to join first African G20 leaders' summit on Tuesday",
    )
    timed = [e for e in x.events if e.start_utc]
    assert [e.start_utc for e in timed] == [datetime(2025, 3, 11, 12, 0, tzinfo=UTC)]
    assert {"South Africa", "Nigeria", "Kenya"} <= set(timed[0].parties)


def test_a_session_at_a_body_s_headquarters_is_that_body_s_and_disaster_countries_are_not_sides() -> None:
    """ "Ministers gathered at the African Union's headquarters in Addis Ababa on Friday for an emergency session on
    the war in Sudan": the session is the African Union's (and Sudan's). "Friday's session builds on contacts that
    grew after the floods that struck Libya and Chad": those countries are what happened, not sides. "A draft
    resolution circulated on Saturday evening would restore its seat at league meetings" dates the draft."""
    x = _x(
        "ADDIS ABABA (Wire) - Foreign ministers gathered at the African Union's headquarters in Addis Ababa on "
        "Friday for an emergency session on the war in Sudan.\n\nFriday's session builds on contacts with Khartoum "
        "that grew after the floods that struck Libya and Chad in September.",
        date(2024, 10, 11),
    )
    assert [(e.date, e.parties) for e in x.events] == [(date(2024, 10, 11), ("African Union", "Sudan"))]
    draft = "A draft resolution circulated on Saturday evening would restore Syria's seat at league meetings."
    assert [m.day for m in mentions_in(0, draft, date(2023, 5, 7), {})] == [None]


def test_the_past_of_the_people_met_does_not_make_the_meeting_history() -> None:
    """ "A mediation team arrived in Conakry on Saturday for talks with the officers who seized power earlier this
    week": the talks are news, whatever the officers did this week; and "the ministers detained since Tuesday"
    does not date the regional summit told in the same sentence."""
    text = (
        "A mediation team from the Economic Community of West African States, led by former Ghanaian president "
        "John Mahama, arrived in Conakry on Saturday for talks with the military officers who seized power earlier "
        "this week."
    )
    assert [m.kind for m in mentions_in(0, text, date(2021, 9, 11), {})] == ["talks"]
    summit = (
        "The team's brief, set by regional leaders at a video summit earlier this week, is to press for the release "
        "of the president and the ministers detained since Tuesday."
    )
    assert [m.day for m in mentions_in(0, summit, date(2021, 9, 11), {})] == [None]


def test_a_city_named_once_for_one_meeting_does_not_place_the_others() -> None:
    """A story from Johannesburg: the sherpas meet at the Sandton Convention Centre from 09:00 on Monday, and Xi is
    received in Pretoria on Tuesday. The sherpas' meeting is in Johannesburg (07:00 GMT), the talks in Pretoria;
    "whether Modi and Xi will meet on the margins remains unclear" is no meeting at all."""
    x = _x(
        "Johannesburg - Senior officials of the BRICS group have begun preparations for the summit, with the bloc's "
        "sherpas meeting at the Sandton Convention Centre from 09:00 on Monday.\n\nRamaphosa will receive Chinese "
        "President Xi Jinping at the Union Buildings in Pretoria on Tuesday, where the two leaders are due to hold "
        "official talks at noon.\n\nWhether Indian Prime Minister Narendra Modi and Xi will hold a bilateral meeting "
        "on the margins of the summit remains unclear.",
        date(2023, 8, 21),
    )
    by_day = {e.date: e for e in x.events}
    assert set(by_day) == {date(2023, 8, 21), date(2023, 8, 22)}
    assert (by_day[date(2023, 8, 21)].city, by_day[date(2023, 8, 22)].city) == ("Johannesburg", "Pretoria")
    assert by_day[date(2023, 8, 21)].start_utc == datetime(2023, 8, 21, 7, 0, tzinfo=UTC)


def test_a_central_bank_rate_decision_is_the_bank_s_meeting() -> None:
    """ "The Central Bank of Nigeria will announce its interest rate decision on Tuesday ... due at 14:00 local time":
    the bank's meeting, on Tuesday at 13:00 GMT, the bank as its side (not Nigeria)."""
    x = _x(
        "ABUJA (Wire) - The Central Bank of Nigeria will announce its interest rate decision on Tuesday, with "
        "analysts expecting a further hike.\n\nThe bank's Monetary Policy Committee, chaired by Governor Olayemi "
        "Cardoso, is meeting in Abuja and its decision is due at 14:00 local time.",
        date(2024, 5, 20),
    )
    assert [(e.parties, e.start_utc) for e in x.events] == [
        (("Central Bank of Nigeria",), datetime(2024, 5, 21, 13, 0, tzinfo=UTC))
    ]


def test_a_slot_that_had_been_set_is_kept_and_a_closing_hour_is_not_a_start() -> None:
    """ "The ministers' video meeting had been due to start at 1400 GMT, but the chair said it had been called off":
    the cancelled meeting keeps its 1400 GMT slot (no new hour is told). "The summit had been scheduled to close at
    6 p.m." is when it was to end, not when it began."""
    x = _x(
        "OPEC+ ministers on Thursday abandoned a video meeting on output.\n\nThe meeting of the oil producers had been "
        "due to start at 1400 GMT, but the chair told delegates shortly before noon that it had been called off.",
        date(2021, 7, 1),
    )
    assert [e.start_utc for e in x.events] == [datetime(2021, 7, 1, 14, 0, tzinfo=UTC)]
    closing = mentions_in(0, "The summit had been scheduled to close at 6 p.m. on Friday.", date(2024, 11, 23), {})
    assert [m.clock for m in closing] == [None]


def test_leaders_listed_as_present_or_taking_part_are_participants() -> None:
    """ "The summit of the East African Community opened in Arusha on Friday. Among the leaders present are
    Uganda's Yoweri Museveni and Rwanda's Paul Kagame. Executive Secretary Veronica Nduva also took part.": all
    three are at the summit, the first two named only as their country's."""
    x = _x(
        "ARUSHA (Wire) - The summit of the East African Community opened in Arusha on Friday.\n\nAmong the leaders "
        "present are Uganda's Yoweri Museveni and Rwanda's Paul Kagame.\n\nThe bloc's Secretary General Veronica "
        "Nduva also took part.",
        date(2024, 11, 29),
    )
    [event] = x.events
    assert {"Yoweri Museveni", "Paul Kagame", "Veronica Nduva"} <= {p.name for p in event.participants}


def test_a_day_inside_a_reduced_relative_clause_is_not_the_meeting_s() -> None:
    """ "The meeting will also give ministers a chance to answer concerns voiced on Friday by the Hungarian premier":
    Friday is when the concerns were voiced, not the meeting's day; "The talks were postponed on Friday" keeps its
    day (the postponement is the talks' own news)."""
    concerns = (
        "The meeting will also give ministers a chance to answer concerns voiced on Friday by Hungarian Prime "
        "Minister Viktor Orban."
    )
    assert [m.day for m in mentions_in(0, concerns, date(2024, 6, 17), {})] == [None]
    moved = mentions_in(0, "The talks were postponed on Friday to next week.", date(2024, 6, 17), {})
    assert [m.day for m in moved] == [date(2024, 6, 14)]


def test_talks_named_without_an_article_keep_their_hour_and_an_hour_elsewhere_places_nothing() -> None:
    """ "the two leaders toured a shipyard before sitting down for talks, which began at 11:00 am local time" keeps
    the talks' hour; "would begin talks at 1 p.m. local time, or 7 a.m. in Moscow" does not put them in Moscow."""
    began = mentions_in(
        0,
        "The two leaders toured a shipyard before sitting down for talks, which began at 11:00 am local time.",
        date(2024, 6, 19),
        {},
    )
    assert [(m.clock.hour if m.clock else None) for m in began] == [11]
    elsewhere = mentions_in(
        0, "The leaders would begin talks at 1 p.m. local time, or 7 a.m. in Moscow.", date(2023, 9, 13), {}
    )
    assert [m.city for m in elsewhere] == [None]


def test_an_hour_and_day_told_on_another_city_s_clock_after_the_venue_are_not_the_meeting_s() -> None:
    """ "The talks at Lancaster House in London are scheduled to begin at 9 p.m. on Monday in Tokyo and Seoul": the
    hour, the day and the cities are Tokyo's and Seoul's clock, not the talks' start or sides; "The talks will begin
    at 10 a.m. on Thursday in Geneva" names the venue's hour."""
    other = mentions_in(
        0,
        "The talks at Lancaster House in London are scheduled to begin at 9 p.m. on Monday in Tokyo and Seoul.",
        date(2024, 6, 3),
        {},
    )
    assert [(m.clock, m.day, m.parties) for m in other] == [(None, None, [])]
    here = mentions_in(0, "The talks will begin at 10 a.m. on Thursday in Geneva.", date(2024, 6, 3), {})
    assert [(m.clock.hour if m.clock else None, m.day) for m in here] == [(10, date(2024, 6, 6))]


def test_talks_held_today_stay_held_beside_an_undated_word_of_other_talks_suspended() -> None:
    """ "Modi and Sharif met in Lahore on Friday ... He said the countries would restore the foreign secretaries'
    talks that were suspended in 2016": the Friday meeting was held; the undated suspended talks are no new date
    for it."""
    x = _x(
        "LAHORE (Wire) - Indian Prime Minister Narendra Modi and Pakistani Prime Minister Nawaz Sharif met in Lahore "
        "on Friday for talks lasting about two hours.\n\nModi said the countries would restore the foreign "
        "secretaries' talks that were suspended in 2016, without giving a date.",
        date(2017, 12, 25),
    )
    friday = [e for e in x.events if e.date == date(2017, 12, 22)]
    assert [e.status for e in friday] == [EventStatus.HELD]


def test_talks_that_came_to_a_close_as_the_news_was_told_are_held_that_day() -> None:
    """ "The sides agreed to swap prisoners, the UN said on Thursday, as eleven days of talks in Montreux came to a
    close": the talks are reported held, on the Thursday they ended, not dropped for want of a day of their own."""
    x = _x(
        "MONTREUX (Wire) - Sudan's army and the Rapid Support Forces have agreed to swap 300 prisoners, the United "
        "Nations said on Thursday, as eleven days of talks in Montreux came to a close.",
        date(2024, 8, 22),
    )
    assert [(e.status, e.date) for e in x.events] == [(EventStatus.HELD, date(2024, 8, 22))]


def test_a_trip_put_off_is_not_the_phone_call_made_the_same_day() -> None:
    """ "Baerbock postpones her trip to Beijing" (headline), "Baerbock on Friday postponed her trip to Beijing ... She
    spoke by phone with Wang Yi on Friday": a trip put off and a call held, two events, whatever the headline says
    of the trip."""
    x = _x(
        "BERLIN (Wire) - German Foreign Minister Annalena Baerbock on Friday postponed her trip to Beijing, which was "
        "due to begin on Sunday, officials said.\n\nBaerbock spoke by phone with Chinese Foreign Minister Wang Yi on "
        "Friday, a ministry spokesman said.",
        date(2023, 2, 3),
        headline="Baerbock postpones China trip over spy balloon; no new date set",
    )
    assert sorted(e.status.value for e in x.events) == ["held", "postponed"]


def test_the_first_sitting_of_a_parliament_is_a_session() -> None:
    """ "Parliament's officials said the first sitting will get under way at 10am on Friday": a session at 10am,
    though "sitting" alone is no meeting word ("the sitting president")."""
    sitting = mentions_in(
        0,
        "Parliament's officials said the first sitting will get under way at 10am on Friday.",
        date(2022, 9, 6),
        {},
    )
    assert [(m.kind, m.clock.hour if m.clock else None) for m in sitting] == [("session", 10)]
    assert mentions_in(0, "The sitting president said he would travel on Friday.", date(2022, 9, 6), {}) == []


def test_a_meeting_that_lasted_an_hour_was_held_on_the_day_gone_by() -> None:
    """ "Draghi saw Mattarella again at the Quirinale on Tuesday afternoon, in a meeting that lasted about an hour",
    told on Wednesday: held, on Tuesday, not a meeting next Tuesday."""
    ms = mentions_in(
        0,
        "Draghi saw Mattarella again at the Quirinale on Tuesday afternoon, in a meeting that lasted about an hour.",
        date(2022, 7, 20),
        {},
    )
    assert [(m.status, m.day) for m in ms] == [(EventStatus.HELD, date(2022, 7, 19))]


def test_a_senate_hearing_told_from_manila_is_the_philippine_senate_s() -> None:
    """A story from Manila: "The Senate committee on women will resume its inquiry at 10 a.m. on Monday ... Quiboloy
    has been ordered to attend and will be escorted to the Senate": the hearing is the Senate of the Philippines',
    at 02:00 GMT; nobody in it is taken for the US Senate."""
    x = _x(
        "MANILA, Philippines - Former pastor Apollo Quiboloy will be brought before the Senate on Monday.\n\n"
        "The Senate committee on women, chaired by Sen. Risa Hontiveros, will resume its inquiry at 10 a.m. on "
        "Monday at the Senate building in Pasay City.\n\nApollo Quiboloy has been ordered to attend, and police "
        "will escort him to the Senate.",
        date(2024, 9, 8),
    )
    [event] = x.events
    assert event.start_utc == datetime(2024, 9, 9, 2, 0, tzinfo=UTC)
    assert "US Senate" not in event.parties and "Senate of the Philippines" in event.parties
    assert all(p.affiliation != "US Senate" for p in event.participants)


def test_a_parliament_vote_told_from_its_capital_sits_there_beside_a_meeting_abroad() -> None:
    """A story from Tirana: "Albania's parliament will vote on Saturday on the deal", and "Rama will then attend the
    intergovernmental conference in Brussels on Tuesday". The vote sits in Tirana, not only "Albania"; the
    conference stays in Brussels."""
    x = _x(
        "TIRANA, Albania (Wire) - Albania's parliament will vote on Saturday on the compromise with Greece, officials "
        "said.\n\nPrime Minister Edi Rama will then attend the first intergovernmental conference with the European "
        "Union in Brussels on Tuesday.",
        date(2022, 7, 15),
    )
    by_kind = {e.kind: e for e in x.events}
    assert by_kind["vote"].city == "Tirana"
    assert by_kind["conference"].city == "Brussels"


def test_an_undated_trip_to_another_country_does_not_place_a_dated_meeting() -> None:
    """ "VIENTIANE - The ASEAN Regional Forum meets on Saturday with Blinken attending. After Laos, Blinken will travel
    to Japan for security talks with US allies.": the forum is in Vientiane, not "Japan"."""
    x = _x(
        "VIENTIANE (Wire) - Foreign ministers of ASEAN and the United States will meet at the ASEAN Regional Forum on "
        "Saturday, with Secretary of State Antony Blinken attending.\n\nAfter Laos, Blinken will travel to Japan for "
        "security talks with key US allies.",
        date(2024, 7, 26),
    )
    forum = [e for e in x.events if e.date == date(2024, 7, 27)]
    assert [e.city for e in forum] == ["Vientiane"]


def test_a_meeting_told_in_the_past_on_a_date_still_ahead_is_history() -> None:
    """ "The conference closed on April 24 with a communique", told on April 18 in a feature on its seventieth
    anniversary: the date is a year gone by, not next week; "will open on April 24" is next week."""
    past = mentions_in(0, "The conference closed on April 24 with a communique.", date(2025, 4, 18), {})
    assert past == []
    ahead = mentions_in(0, "The conference will open on April 24.", date(2025, 4, 18), {})
    assert [m.day for m in ahead] == [date(2025, 4, 24)]


def test_the_council_a_vote_names_is_the_one_the_story_named_before() -> None:
    """ "The U.N. Security Council meets on Friday over Mali ... The 15-member council is due to vote at 10 a.m. EDT
    on a French-drafted text": the vote is the Security Council's (United Nations), not France's alone; and the
    African Union's Peace and Security Council is the AU's organ, not the UN's."""
    x = _x(
        "UNITED NATIONS (Wire) - The U.N. Security Council is poised on Friday to wind up the peacekeeping mission "
        "in Mali, diplomats said.\n\nThe 15-member council is due to vote at 10 a.m. EDT (1400 GMT) on Friday on a "
        "French-drafted resolution, according to its schedule.",
        date(2023, 6, 29),
    )
    [vote] = [e for e in x.events if e.kind == "vote"]
    assert vote.parties[0] == "United Nations"
    assert vote.start_utc == datetime(2023, 6, 30, 14, 0, tzinfo=UTC)
    assert [p.canonical for p in find_parties("Leaders on the AU Peace and Security Council met")] == [
        "AU Peace and Security Council"
    ]


def test_the_assembly_of_a_health_vote_is_the_world_health_organization_s() -> None:
    """ "Delegates at the World Health Assembly approved the accord on Monday. The Assembly's plenary will adopt it
    on Tuesday in a session starting at 9:00": both are the WHO's, whose assembly sits in Geneva."""
    x = _x(
        "GENEVA (Wire) - Delegates at the World Health Assembly approved the accord in a committee vote on Monday."
        "\n\nThe Assembly's plenary will adopt it on Tuesday, in a session starting at 9:00.",
        date(2025, 5, 19),
    )
    assert {e.kind for e in x.events} == {"vote", "session"}
    assert all(e.parties[0] == "World Health Organization" for e in x.events)


def test_the_co_chairs_of_a_called_off_meeting_are_its_participants() -> None:
    """ "The ministers' video call had been due at 1300 GMT but was called off. Its co-chairs, Saudi Energy Minister
    Prince Abdulaziz bin Salman and Russian Deputy Prime Minister Alexander Novak, saw no point in meeting": the
    co-chairs were to lead it."""
    x = _x(
        "LONDON (Wire) - OPEC+ ministers on Monday called off a video conference on output, officials said.\n\nThe "
        "meeting had been due to start at 1300 GMT.\n\nDelegates said the co-chairs, Saudi Energy Minister Prince "
        "Abdulaziz bin Salman and Russian Deputy Prime Minister Alexander Novak, saw no point in going ahead.",
        date(2021, 7, 5),
    )
    [event] = x.events
    assert {p.name for p in event.participants} >= {"Abdulaziz bin Salman", "Alexander Novak"}


def test_talks_there_are_in_the_city_the_sentence_before_named_on_its_day() -> None:
    """A Gulf tour told from Istanbul: "The last leg takes the president to Abu Dhabi on Wednesday. His talks there
    with the UAE president are set for 1530 hours local time": in Abu Dhabi, on Wednesday, 11:30 UTC; and "X is to
    be received by Y at the palace, where the two leaders will meet" is the pair of the clause before."""
    x = _x(
        "ISTANBUL (Wire) - Turkish President Recep Tayyip Erdogan left on Monday for a tour of Saudi Arabia, Qatar "
        "and the United Arab Emirates.\n\nIn Jeddah, Erdogan is to be received late Monday by Saudi Crown Prince "
        "Mohammed bin Salman at Al-Salam Palace, where the two leaders will hold talks.\n\nThe last leg takes the "
        "president to Abu Dhabi on Wednesday. His talks there with UAE President Sheikh Mohamed bin Zayed Al Nahyan "
        "are set for 1530 hours local time.",
        date(2023, 7, 17),
    )
    timed = [e for e in x.events if e.start_utc is not None]
    assert [(e.city, e.date, e.start_utc) for e in timed] == [
        ("Abu Dhabi", date(2023, 7, 19), datetime(2023, 7, 19, 11, 30, tzinfo=UTC))
    ]
    jeddah = [e for e in x.events if e.city == "Jeddah"]
    assert [set(e.parties) for e in jeddah] == [{"Saudi Arabia", "Turkey"}]


def test_talks_which_are_expected_to_get_under_way_at_an_hour_take_that_hour() -> None:
    """ "From Abu Dhabi he will fly to Riyadh. There he is to hold talks with Saudi Crown Prince and Prime Minister
    Mohammed bin Salman, which are expected to get under way at around 20:00 Moscow time": in Riyadh, at 17:00 UTC."""
    x = _x(
        "ABU DHABI (Wire) - Russian President Vladimir Putin arrived in the UAE on Wednesday.\n\nFrom Abu Dhabi, the "
        "Russian leader will fly to Riyadh. There he is to hold talks with Saudi Crown Prince and Prime Minister "
        "Mohammed bin Salman, which are expected to get under way at around 20:00 Moscow time.",
        date(2023, 12, 6),
    )
    riyadh = [e for e in x.events if e.city == "Riyadh"]
    assert [e.start_utc for e in riyadh] == [datetime(2023, 12, 6, 17, 0, tzinfo=UTC)]


def test_a_visitor_who_left_for_the_capital_today_holds_the_undated_talks_today() -> None:
    """ "The president left Tehran for Baghdad on Wednesday morning ... The prime minister will welcome him at the
    government palace at 11 in the morning, followed by talks", beside a stop in Basra "late Thursday": the talks
    are Wednesday's, the day he set out on a short flight, not the later stop's."""
    x = _x(
        "TEHRAN (Wire) - Iranian President Masoud Pezeshkian left Tehran for Baghdad on Wednesday morning.\n\nIraqi "
        "Prime Minister Mohammed Shia al-Sudani will welcome Pezeshkian at the government palace in Baghdad at 11 in "
        "the morning local time, followed by talks between the two delegations.\n\nHe is expected to reach the "
        "southern city of Basra late Thursday for a visit.",
        date(2024, 9, 11),
    )
    timed = [e for e in x.events if e.start_utc is not None]
    assert [(e.date, e.start_utc) for e in timed] == [(date(2024, 9, 11), datetime(2024, 9, 11, 8, 0, tzinfo=UTC))]


def test_a_programme_told_day_by_day_keeps_its_meetings_apart() -> None:
    """A visit's programme: talks at 11 in the morning today; "In the afternoon, he is to meet the president" (today,
    not the 11 a.m. talks); "The following day, he will travel to Erbil, where he will hold talks with Barzani"
    (tomorrow, in Erbil)."""
    x = _x(
        "TEHRAN (Wire) - Iranian President Masoud Pezeshkian left Tehran for Baghdad on Wednesday morning.\n\nIraqi "
        "Prime Minister Mohammed Shia al-Sudani will welcome Pezeshkian at the government palace in Baghdad at 11 in "
        "the morning local time, followed by talks between the two delegations.\n\nIn the afternoon, the Iranian "
        "president is scheduled to meet Iraqi President Abdul Latif Rashid at the presidential palace.\n\nThe "
        "following day, Pezeshkian will travel to Erbil, where he will hold talks with the region's president, "
        "Nechirvan Barzani.",
        date(2024, 9, 11),
    )
    met = {p.name: (e.date, e.city, e.start_utc is not None) for e in x.events for p in e.participants}
    assert met["Mohammed Shia al-Sudani"] == (date(2024, 9, 11), "Baghdad", True)
    assert met["Abdul Latif Rashid"][:2] == (date(2024, 9, 11), "Baghdad") and not met["Abdul Latif Rashid"][2]
    assert met["Nechirvan Barzani"][:2] == (date(2024, 9, 12), "Erbil")


def test_a_city_people_are_posted_in_is_not_where_the_meeting_is() -> None:
    """ "The ministerial session in Kuala Lumpur opens at 10 am on Thursday ... observers posted in Bangkok and Phnom
    Penh will keep working until the meeting ends": the session stays in Kuala Lumpur, at 02:00 UTC; but talks
    "held in Doha" are in Doha."""
    x = _x(
        "KUALA LUMPUR (Wire) - The ministerial session of Thailand and Cambodia will open at 10 am on Thursday.\n\n"
        "ASEAN observers posted in Bangkok and Phnom Penh will keep working until the end of the meeting.",
        date(2025, 8, 2),
    )
    [event] = x.events
    assert (event.city, event.start_utc) == ("Kuala Lumpur", datetime(2025, 8, 7, 2, 0, tzinfo=UTC))
    [posted] = mentions_in(
        0,
        "The envoy said observers from ASEAN states posted in Bangkok would keep working until the end of the meeting.",
        date(2025, 8, 2),
        {},
    )
    assert posted.city is None
    [doha] = mentions_in(0, "Talks between Israel and Hamas will be held in Doha on Sunday.", date(2024, 1, 5), {})
    assert doha.city is not None and doha.city.name == "Doha"


def test_a_sultan_named_without_his_country_is_brunei_s() -> None:
    """ "talks with Sultan Haji Hassanal Bolkiah at Istana Nurul Iman": the leaders' table knows the Sultan of
    Brunei, so Brunei is a side though the sentence never names it."""
    [m] = mentions_in(
        0,
        "On Wednesday, Modi will hold talks with Sultan Haji Hassanal Bolkiah at Istana Nurul Iman.",
        date(2024, 9, 2),
        {},
    )
    x = _x(
        "NEW DELHI (Wire) - On Wednesday, Prime Minister Narendra Modi will hold talks with Sultan Haji Hassanal "
        "Bolkiah at Istana Nurul Iman.",
        date(2024, 9, 2),
    )
    assert m.people and "Brunei" in x.events[0].parties


def test_a_timed_meeting_he_will_then_hold_is_on_the_day_of_the_one_before() -> None:
    """ "On Friday, Sanchez will first meet Premier Li at noon Beijing time. He will then be received by Xi at 4:30
    p.m. local time": both on Friday, the second at 08:30 UTC."""
    x = _x(
        "BOAO, China (Wire) - Spanish Prime Minister Pedro Sanchez on Thursday addressed an economic forum, on the "
        "eve of a meeting with Chinese President Xi Jinping.\n\nOn Friday, Sanchez will first meet Chinese Premier "
        "Li Qiang at noon Beijing time at the Great Hall of the People.\n\nHe will then be received by Xi at 4:30 "
        "p.m. local time.",
        date(2023, 3, 30),
    )
    starts = sorted(e.start_utc for e in x.events if e.start_utc is not None)
    assert starts == [datetime(2023, 3, 31, 4, 0, tzinfo=UTC), datetime(2023, 3, 31, 8, 30, tzinfo=UTC)]


def test_a_vote_withdrawn_from_a_scheduled_slot_on_a_weekday_is_the_weekday_gone_by() -> None:
    """ "Egypt had withdrawn the resolution from a scheduled vote on Thursday", told on Saturday: "a scheduled vote"
    names a plan, it is no future tense, so Thursday is two days ago, not next week."""
    [m] = mentions_in(
        0,
        "Egypt had withdrawn the resolution from a scheduled vote on Thursday under pressure from Israel.",
        date(2016, 12, 24),
        {},
    )
    assert m.day == date(2016, 12, 22)


def test_a_meeting_named_for_its_city_is_there() -> None:
    """ "The Astana meeting, held on Monday and Tuesday at the Rixos President Hotel", told from Moscow: in Astana,
    not in the dateline's city."""
    [m] = mentions_in(
        0,
        "The Astana meeting, held on Monday and Tuesday at the Rixos President Hotel, produced no direct talks.",
        date(2017, 1, 27),
        {},
    )
    assert m.city is not None and m.city.name == "Astana"


def test_proceedings_set_to_begin_at_an_hour_time_the_session_and_a_palazzo_is_nobody() -> None:
    """ "The working session will take place on Monday in the Senate's Palazzo Madama, where proceedings are set to
    begin at 10:30 a.m. (0930 GMT)": the session starts at 09:30 UTC, and "Palazzo Madama" is a building, no one
    taking part."""
    x = _x(
        "ROME (Wire) - The working session of the Italy-Africa summit will take place on Monday, 29 January, in the "
        "Senate's Palazzo Madama, where proceedings are set to begin at 10:30 a.m. (0930 GMT).",
        date(2024, 1, 28),
    )
    [event] = x.events
    assert event.start_utc == datetime(2024, 1, 29, 9, 30, tzinfo=UTC)
    assert all("Madama" not in p.name for p in event.participants if p.name)


def test_talks_where_the_final_stop_is_are_there_but_not_a_stop_already_made() -> None:
    """ "The final stop will be Maputo, where Kishida will hold talks with President Filipe Nyusi on Thursday": in
    Maputo. "landed late on Thursday after visiting Tokyo, where he attended the G7 meeting": a stop already made,
    no meeting of this story."""
    [maputo] = mentions_in(
        0,
        "The final stop will be Maputo, where Kishida will hold talks with Mozambican President Filipe Nyusi on "
        "Thursday.",
        date(2023, 4, 29),
        {},
    )
    assert maputo.city is not None and maputo.city.name == "Maputo"
    tokyo = mentions_in(
        0,
        "Blinken landed late on Thursday after visiting Tokyo, where he attended the G7 foreign ministers' meeting.",
        date(2023, 11, 10),
        {},
    )
    assert tokyo == []


def test_the_palestinian_side_is_named_palestine() -> None:
    """ "Palestinian President Mahmoud Abbas will hold talks with Putin", "the State of Palestine": the side is
    Palestine, the name the UN and most copy give the state; the Palestinian Authority stays its own body."""
    assert [p.canonical for p in find_parties("Palestinian President Mahmoud Abbas met Putin")] == ["Palestine"]
    assert [p.canonical for p in find_parties("the State of Palestine")] == ["Palestine"]
    assert [p.canonical for p in find_parties("the Palestinian Authority")] == ["Palestinian Authority"]


def test_a_long_list_after_accompanied_by_is_the_delegation() -> None:
    """ "The President is accompanied by Secretary-General of the PLO Executive Committee Hussein al-Sheikh, head of
    General Intelligence Majed Faraj, diplomatic adviser to the President Majdi al-Khalidi": every name of the list
    is in the delegation, however far it stands from "accompanied by"."""
    x = _x(
        "MOSCOW (Wire) - Palestinian President Mahmoud Abbas will hold talks with Russian President Vladimir Putin in "
        "the Kremlin on Tuesday.\n\nThe President is accompanied by Secretary-General of the PLO Executive Committee "
        "Hussein al-Sheikh, head of General Intelligence Majed Faraj, diplomatic adviser to the President Majdi "
        "al-Khalidi, and a number of officials.",
        date(2024, 8, 12),
    )
    [talks] = x.events
    assert {"Majed Faraj", "Majdi al-Khalidi"} <= {p.name for p in talks.participants}


def test_a_span_that_opens_a_sentence_with_from_is_the_meeting_s_days() -> None:
    """ "From Jan. 16 to 17, Wang will be in Lome for talks with Togolese Foreign Minister Robert Dussey": the talks
    start on Jan. 16; a capital "From" is the same span as "from", not the old slot of a move."""
    [m] = mentions_in(
        0,
        "From Jan. 16 to 17, Wang will be in Lome for talks with Togolese Foreign Minister Robert Dussey.",
        date(2024, 1, 12),
        {},
    )
    assert m.day == date(2024, 1, 16)


def test_a_tour_told_stop_by_stop_is_no_meeting_of_all_its_hosts() -> None:
    """ "Wang Yi will pay official visits to Egypt, Tunisia, Togo and Cote d'Ivoire from Jan. 13 to 18 ... On Jan. 14
    he holds talks with Egyptian Foreign Minister Sameh Shoukry ... he is due to hold talks with Tunisian Foreign
    Minister Nabil Ammar on Jan. 15": the stops are the meetings; the tour is not a five-party visit."""
    x = _x(
        "BEIJING (Wire) - Chinese Foreign Minister Wang Yi will pay official visits to Egypt, Tunisia, Togo and Cote "
        "d'Ivoire from Jan. 13 to 18, a spokeswoman said.\n\nOn Sunday, Jan. 14, he is scheduled to hold talks with "
        "Egyptian Foreign Minister Sameh Shoukry in Cairo.\n\nIn Tunis, he is due to hold talks with Tunisian Foreign "
        "Minister Nabil Ammar on Jan. 15.",
        date(2024, 1, 12),
    )
    assert all(len(e.parties) <= 2 for e in x.events)
    assert {e.date for e in x.events} >= {date(2024, 1, 14), date(2024, 1, 15)}


def test_a_bloc_is_named_as_the_article_writes_it_most() -> None:
    """Regional blocs go by their initials in most copy ("SADC", "EAC", "GCC", "CSTO"): a story that writes "the
    Southern African Development Community (SADC)" once and "SADC" after names the side SADC; one that only spells
    the name out keeps it."""
    x = _x(
        "MAPUTO (Wire) - Leaders of the Southern African Development Community (SADC) will hold an extraordinary "
        "summit in Maputo on Wednesday.\n\nThe SADC summit follows a meeting of SADC ministers on Tuesday.",
        date(2021, 6, 21),
    )
    assert all("SADC" in e.parties for e in x.events)
    y = _x(
        "DOHA (Wire) - Leaders of the Gulf Cooperation Council will meet in Doha on Tuesday for their annual summit.",
        date(2024, 12, 1),
    )
    assert [e.parties for e in y.events] == [("Gulf Cooperation Council",)]


def test_two_bodies_named_by_their_initials_are_the_sides() -> None:
    """ "Under the agreement, the GDL and DB will hold intensive negotiations starting on February 5": the union and
    the rail operator, by their initials, are the sides; "the US and EU" stay the parties the tables know."""
    [m] = mentions_in(
        0,
        "Under the agreement, the GDL and DB will hold intensive negotiations starting on February 5.",
        date(2024, 1, 27),
        {},
    )
    assert {"GDL", "DB"} <= set(m.parties)
    [n] = mentions_in(0, "The US and EU will hold talks on Friday.", date(2024, 1, 27), {})
    assert set(n.parties) == {"United States", "European Union"}


def test_talks_expected_to_continue_on_later_days_are_not_dated_by_them() -> None:
    """ "The discussions are expected to continue on Sunday and possibly Monday", told on the Saturday they opened:
    Sunday and Monday are later days of talks already told, not the day they start."""
    [m] = mentions_in(
        0, "The discussions are expected to continue on Sunday and possibly Monday.", date(2020, 8, 22), {}
    )
    assert m.day is None


def test_a_foreign_minister_named_bare_brings_her_country() -> None:
    """ "Penny Wong will hold talks with Wang Yi in Beijing on Wednesday": the leaders' table knows Australia's
    foreign minister, so Australia is a side the sentence never names."""
    x = _x(
        "BEIJING (Wire) - Penny Wong will hold talks with Wang Yi in Beijing on Wednesday, officials said.",
        date(2022, 12, 19),
    )
    [talks] = x.events
    assert {"Australia", "China"} <= set(talks.parties)


def test_the_pope_and_the_patriarch_are_people_with_their_churches() -> None:
    """ "The meeting of Patriarch Kirill of Moscow and All Russia with Pope Francis at Havana's airport": both are
    participants, for the Holy See (the name annotators give the Vatican's side) and the Russian Orthodox Church."""
    x = _x(
        "MOSCOW (Wire) - The meeting of Patriarch Kirill of Moscow and All Russia with Pope Francis at Havana's Jose "
        "Marti International Airport will begin at 14:00 local time on Friday, February 12.",
        date(2016, 2, 10),
    )
    [meeting] = x.events
    assert {p.name for p in meeting.participants} >= {"Patriarch Kirill", "Pope Francis"}
    assert {"Holy See", "Russian Orthodox Church"} <= set(meeting.parties)


def test_a_meeting_timed_on_a_city_s_clock_is_placed_by_it() -> None:
    """ "EU ambassadors will meet again on Monday at noon Brussels time": no side the tables know and no city
    named, but the clock's city places the meeting, so it is kept, at 11:00 UTC."""
    x = _x(
        "LONDON (Wire) - Ambassadors will meet again on Monday at noon Brussels time to decide on the extension.",
        date(2019, 10, 25),
    )
    assert [e.start_utc for e in x.events] == [datetime(2019, 10, 28, 11, 0, tzinfo=UTC)]


def test_a_meeting_in_the_evening_is_not_the_morning_talks() -> None:
    """ "Talks at the Government Palace begin at 10 a.m. ... Later on Monday he flies to Erbil, where he is due to meet
    Nechirvan Barzani in the evening": the evening meeting in Erbil is not the 10 a.m. talks in Baghdad."""
    x = _x(
        "BAGHDAD (Wire) - Turkish President Recep Tayyip Erdogan arrived in Baghdad on Monday.\n\nThe two leaders "
        "are scheduled to hold a one-on-one meeting at 1300 local time (1000 GMT) at the Government Palace.\n\nLater "
        "on Monday, Erdogan will fly to Erbil, where he is due to meet Nechirvan Barzani, the president of the "
        "Kurdistan Region, in the evening.",
        date(2024, 4, 21),
    )
    timed = [e for e in x.events if e.start_utc is not None]
    assert [e.city for e in timed] == ["Baghdad"]
    assert any(e.city == "Erbil" and e.start_utc is None for e in x.events)


def test_a_stop_the_trip_goes_on_to_does_not_place_the_story() -> None:
    """A summit story with no city of its own: "Lula will travel on Wednesday to Montevideo, where he is scheduled to
    meet Lacalle Pou" places that meeting in Montevideo, not the summit too."""
    x = _x(
        "Leaders of CELAC will open their summit at the Sheraton hotel at 10 a.m. on Tuesday.\n\nAfterwards, Lula "
        "will travel on Wednesday to Montevideo, where he is scheduled to meet Uruguayan President Luis Lacalle Pou.",
        date(2023, 1, 23),
    )
    cities = {e.kind: e.city for e in x.events}
    assert cities.get("summit") != "Montevideo"
    assert "Montevideo" in cities.values()


def test_the_day_someone_arrived_is_not_the_day_of_the_session_he_spoke_at() -> None:
    """ "Sanchez, who arrived on the island late Wednesday after a long flight, was one of the main speakers at the
    opening plenary", told on Thursday: Wednesday is his arrival, not next Wednesday's session."""
    found = mentions_in(
        1,
        "Sanchez, who arrived on the southern island of Hainan late Wednesday after a long flight, was one of the main "
        "speakers at the opening plenary of the forum's annual conference.",
        date(2023, 3, 30),
        {},
    )
    assert all(m.day != date(2023, 4, 5) for m in found)


def test_a_likely_agenda_item_and_an_open_question_are_expectations() -> None:
    """ "Nuclear energy is also likely to be discussed." and "The question is whether the Gulf states will pay":
    forecasts and doubts about what the meeting brings, with no meeting word or modal of their own."""
    from briefings.extract.expectations import expectations

    assert expectations(["Nuclear energy is also likely to be discussed."])
    assert expectations(["The question is whether the Gulf states are willing to pay for reconstruction."])
    assert not expectations(["The ministry building is on the river."])


def test_risks_slim_chances_and_careful_leaders_are_expectations() -> None:
    """ "There's a real risk they disappoint.", "The chances of a thaw were always slim.", "Both will be careful about
    what they put in writing.": doubts about the meeting's outcome, each a strong cue of its own."""
    from briefings.extract.expectations import expectations

    for sentence in (
        "There's a real risk they disappoint.",
        "The chances of a thaw before the election were always slim.",
        "Markets are bracing for a large increase.",
    ):
        assert expectations([sentence]), sentence


def test_a_reported_forecast_without_a_meeting_word_is_a_weak_expectation() -> None:
    """ "A union official said the truckers would defy any such order.": a forecast somebody reported, kept after the
    ones that name the meeting; a plain statement of fact is not one."""
    from briefings.extract.expectations import expectations

    out = expectations(
        [
            "Talks are expected to make little progress.",
            "A union official said the truckers would defy any such order.",
            "The union has 40,000 members.",
        ]
    )
    assert out == [
        "Talks are expected to make little progress.",
        "A union official said the truckers would defy any such order.",
    ]


def test_no_date_yet_and_little_chance_are_expectations() -> None:
    """ "No date has been set for a signing.", "Experts see little chance of reviving the format.", "The deal has yet
    to be ratified.": outlooks for a meeting that is not coming soon."""
    from briefings.extract.expectations import expectations

    for sentence in (
        "No date has been set for a signing.",
        "Experts say there is little chance of reviving the six-party format.",
        "The agreement has yet to be ratified.",
    ):
        assert expectations([sentence]), sentence


def test_a_well_known_seat_of_government_places_the_meeting_in_its_city() -> None:
    """ "talks at Qasr Al Watan", "received at Saadabad Palace", told from elsewhere: the venue table knows Abu Dhabi
    and Tehran."""
    x = _x(
        "DUBAI (Wire) - Putin will hold talks with UAE President Mohamed bin Zayed at Qasr Al Watan on Wednesday.",
        date(2023, 12, 5),
    )
    assert [e.city for e in x.events] == ["Abu Dhabi"]
    y = _x(
        "MUSCAT (Wire) - The Sultan of Oman will be received by President Raisi at Saadabad Palace on Sunday.",
        date(2023, 5, 27),
    )
    assert [e.city for e in y.events] == ["Tehran"]


def test_a_meeting_held_with_a_then_president_gives_no_participant_now() -> None:
    """ "when he held talks with then-President X": a past office names who met then, not who meets now."""
    x = _x(
        "ULAANBAATAR (Wire) - Putin will hold talks with President Ukhnaagiin Khurelsukh on Tuesday. His last visit was"
        " in 2019, when he held talks with then-President Khaltmaagiin Battulga.",
        date(2024, 9, 2),
    )
    assert [p.name for e in x.events for p in e.participants if "Battulga" in p.name] == []
    assert any("Khurelsukh" in p.name for e in x.events for p in e.participants)


def test_talks_that_open_on_a_day_ahead_are_scheduled_beside_an_earlier_meeting() -> None:
    """ "peace talks that open on Monday", told on Sunday in the present tense, with the sides' last meeting in
    December recalled further down: the talks are still ahead."""
    x = _x(
        "WASHINGTON (Wire) - Israeli and Syrian negotiators gathered on Sunday for peace talks that open on Monday in"
        " Shepherdstown. Barak and Shara last met in Washington in December. That encounter, largely ceremonial, ended"
        " with an agreement to return for intensive negotiations after the New Year holiday.",
        date(2000, 1, 2),
    )
    [talks] = [e for e in x.events if e.date == date(2000, 1, 3)]
    assert talks.status is EventStatus.SCHEDULED


def test_one_leader_telling_another_by_phone_is_a_call_that_took_place() -> None:
    """ "Putin told Macron by phone on Thursday that ...", on a Friday: a call held the day before, not one ahead."""
    x = _x(
        "MOSCOW (Wire) - Putin told French President Emmanuel Macron by phone on Thursday that Russia would reach its"
        " goals, the Elysee said.",
        date(2022, 3, 4),
    )
    [call] = x.events
    assert (call.status, call.date) == (EventStatus.HELD, date(2022, 3, 3))


def test_cities_of_summits_and_front_lines_added_to_the_gazetteer_give_their_zones() -> None:
    """Agra (India, UTC+5:30), Nagato (Japan) and Bahir Dar (Ethiopia) host meetings in wire copy; a time told there
    is local time."""
    x = _x(
        "AGRA, India (Wire) - Indian Prime Minister Atal Bihari Vajpayee and Pakistani President Pervez Musharraf will"
        " hold talks at 11 a.m. on Sunday.",
        date(2001, 7, 14),
    )
    assert [e.start_utc for e in x.events] == [datetime(2001, 7, 15, 5, 30, tzinfo=UTC)]
    y = _x("TOKYO (Wire) - Abe will host Putin in Nagato at 4 p.m. on Thursday.", date(2016, 12, 13))
    assert [e.start_utc for e in y.events] == [datetime(2016, 12, 15, 7, 0, tzinfo=UTC)]


def test_a_meeting_at_the_end_of_last_month_is_past_not_a_plan() -> None:
    """ "security consultations in Hurghada at the end of September", told in October: held, and no meeting of the
    story ahead takes its place or its sides."""
    x = _x(
        "GENEVA (Wire) - Libyan military delegations resume UN-led talks in Geneva on Monday at 10:00. The track was"
        " revived after consultations between the sides in the Egyptian city of Hurghada at the end of September and"
        " talks between the two legislatures in Bouznika, Morocco. Separately, the Libyan Political Dialogue Forum"
        " will hold its first session by video call on Oct. 26.",
        date(2020, 10, 19),
    )
    talks = x.events[0]
    assert (talks.city, talks.status, talks.date) == ("Geneva", EventStatus.SCHEDULED, date(2020, 10, 19))
    assert "Morocco" not in talks.parties


def test_people_set_on_a_day_to_take_part_in_talks_have_them_ahead() -> None:
    """ "were set on Thursday to take part in talks hosted by Arias": a plan for the day, not talks held (the
    "hosted by" describes the talks), so the time the next sentence gives is theirs."""
    x = _x(
        "SAN JOSE (Wire) - Zelaya and Micheletti were set on Thursday to take part in talks hosted by Costa Rican"
        " President Oscar Arias. The talks will begin at 10:00 am at Arias's home in San Jose.",
        date(2009, 7, 9),
    )
    assert [(e.status, e.start_utc) for e in x.events] == [
        (EventStatus.SCHEDULED, datetime(2009, 7, 9, 16, 0, tzinfo=UTC))
    ]


def test_a_round_of_protests_is_no_round_of_talks() -> None:
    """ "called off a new round of street protests planned for this week": nothing of the leaders' meeting is
    cancelled, and "the latest round of sanctions" is no meeting."""
    x = _x(
        "NAIROBI (Wire) - Kenyan President Mwai Kibaki and opposition leader Raila Odinga will meet on Thursday, Kofi"
        " Annan said. The opposition called off a new round of street protests planned for this week.",
        date(2008, 1, 23),
    )
    assert [(e.date, e.status) for e in x.events] == [(date(2008, 1, 24), EventStatus.SCHEDULED)]
    assert _x("The EU agreed the latest round of sanctions on Monday.", date(2024, 2, 20)).events == ()


def test_another_meeting_s_city_named_once_does_not_replace_the_dateline() -> None:
    """ "PYONGYANG - ... as envoys of the US, China, Japan and Russia meet in Beijing": that city, named once for a
    meeting with none of the headline's sides, is not where the Koreas' summit is; the dateline's city is."""
    x = _x(
        "PYONGYANG, North Korea (Wire) - South Korean President Roh Moo-hyun walked across the border on Tuesday and"
        " was greeted by North Korean leader Kim Jong Il as the two Koreas opened their second summit. The formal"
        " summit talks will be held on Wednesday at the guest house where Roh is staying. The summit comes as envoys"
        " from the two Koreas, the U.S., China, Japan and Russia meet in Beijing.",
        date(2007, 10, 2),
        headline="Roh walks across DMZ, greeted by Kim Jong Il as summit opens",
    )
    summit = next(e for e in x.events if e.date == date(2007, 10, 3))
    assert summit.city == "Pyongyang"


def test_a_town_the_gazetteer_does_not_know_keeps_its_state_s_zone_from_the_dateline() -> None:
    """ "SHEPHERDSTOWN, W.Va. (AP)" with "set for 3 p.m.": Eastern time (20:00 UTC in January), in that town."""
    x = _x(
        "SHEPHERDSTOWN, W.Va. (AP) - President Clinton will open a new round of Israeli-Syrian peace negotiations here"
        " on Monday. The opening session is set for 3 p.m. at the Clarion Hotel.",
        date(2000, 1, 3),
    )
    assert [(e.city, e.start_utc) for e in x.events] == [("Shepherdstown", datetime(2000, 1, 3, 20, 0, tzinfo=UTC))]


def test_a_hotel_named_after_the_leaders_fly_to_a_city_is_in_that_city() -> None:
    """ "On Sunday the two leaders will fly to Agra. The one-on-one meeting ... at the Jaypee Palace Hotel": the
    hotel is in Agra, not in the dateline's capital."""
    x = _x(
        "NEW DELHI (Wire) - On Sunday the two leaders will fly to Agra, where the visitor will stay at another hotel."
        " The one-on-one meeting of Pakistani President Pervez Musharraf with Indian Prime Minister Atal Bihari"
        " Vajpayee is scheduled to begin at 11am on Sunday at the Jaypee Palace Hotel.",
        date(2001, 7, 12),
    )
    assert [(e.city, e.venue) for e in x.events if e.start_utc] == [("Agra", "Jaypee Palace Hotel")]


def test_an_afternoon_sitting_is_a_session_dated_by_the_day_told_before_it() -> None:
    """ "would be taken up on Tuesday, March 11, during the afternoon sitting, which begins at 2.30pm": a session of
    the House on that day at that hour (Nairobi, UTC+3)."""
    x = _x(
        "NAIROBI (Wire) - Kenya's Parliament will take up the two Bills on Tuesday, March 11, during the afternoon"
        " sitting, which begins at 2.30pm.",
        date(2008, 3, 7),
    )
    assert [e.start_utc for e in x.events] == [datetime(2008, 3, 11, 11, 30, tzinfo=UTC)]


def test_a_town_the_gazetteer_does_not_know_takes_the_zone_of_its_one_zone_country() -> None:
    """ "BUKA, Papua New Guinea": a town unknown to the gazetteer, in a country with one zone (UTC+10), so 10 a.m.
    there is midnight UTC; a country with several zones (Russia) gives none."""
    x = _x(
        "BUKA, Papua New Guinea (Wire) - Prime Minister James Marape and Bougainville President Ishmael Toroama will"
        " hold talks at 10 a.m. on Monday.",
        date(2021, 7, 9),
    )
    assert [(e.city, e.start_utc) for e in x.events] == [("Buka", datetime(2021, 7, 12, 0, 0, tzinfo=UTC))]
    from briefings.extract.events import dateline_home

    assert dateline_home("Novo-Ogaryovo", "Russia") is None


def test_two_days_of_talks_that_ended_on_sunday_began_on_saturday() -> None:
    """ "Two days of talks ... ended in Geneva on Sunday" and "The talks, which opened at 10 a.m. on Saturday": one
    meeting, held, that began on the Saturday."""
    x = _x(
        "GENEVA (Wire) - Two days of talks between the Sri Lankan government and the Tamil Tigers ended in Geneva on"
        " Sunday without agreement. The talks, which opened at 10 a.m. local time on Saturday under Norwegian"
        " facilitation, broke down over a highway.",
        date(2006, 10, 29),
    )
    assert [(e.status, e.date) for e in x.events] == [(EventStatus.HELD, date(2006, 10, 28))]


def test_the_day_an_announcement_was_made_with_an_adverb_is_not_the_summit_s() -> None:
    """ "will travel to Pyongyang later this month for a summit ..., the two Koreas announced simultaneously
    Wednesday": Wednesday is the day of the announcement, not of the summit later this month."""
    x = _x(
        "SEOUL (Wire) - South Korean President Roh Moo-hyun will travel to Pyongyang later this month for a summit with"
        " North Korean leader Kim Jong-il, the two Koreas announced simultaneously Wednesday, in what will be only the"
        " second meeting between leaders of the peninsula.",
        date(2007, 8, 8),
    )
    assert [e.date for e in x.events] == [None]


def test_a_generic_word_for_the_chamber_takes_the_name_the_story_gives_it() -> None:
    """ "Cambodia's newly elected National Assembly held its first session ... The assembly will reconvene at 8
    a.m. on Tuesday to elect its president": the vote is the National Assembly's, not an "Assembly of Cambodia"."""
    x = _x(
        "PHNOM PENH (Wire) - Cambodia's newly elected National Assembly held its first session on Monday morning. The"
        " assembly will reconvene at 8 a.m. on Tuesday to elect its president and vote on Hun Manet as prime"
        " minister.",
        date(2023, 8, 21),
    )
    vote = next(e for e in x.events if e.start_utc)
    assert "National Assembly of Cambodia" in vote.parties


def test_a_central_bank_announcing_its_decision_at_an_hour_is_an_event() -> None:
    """ "Banxico ... will announce its decision at 1 p.m. Mexico City time on Thursday": the board's decision, at
    19:00 UTC (Mexico keeps no summer time)."""
    x = _x(
        "MEXICO CITY (Wire) - Banxico, as the Bank of Mexico is known, will announce its decision at 1 p.m. Mexico City"
        " time on Thursday.",
        date(2024, 3, 19),
    )
    assert [(e.parties, e.start_utc) for e in x.events] == [
        (("Bank of Mexico",), datetime(2024, 3, 21, 19, 0, tzinfo=UTC))
    ]


def test_two_central_banks_deciding_in_one_week_are_two_meetings() -> None:
    """ "Banxico will announce its decision at 1 p.m. Mexico City time on Thursday" and "Brazil's central bank will
    announce its decision after markets close in Brasilia": different banks never make one meeting, so Banxico's
    stays in Mexico City."""
    x = _x(
        "Banxico, as the Bank of Mexico is known, will announce its decision at 1 p.m. Mexico City time on Thursday."
        " Brazil's central bank will announce its decision after markets close in Brasilia.",
        date(2024, 3, 19),
    )
    banxico = next(e for e in x.events if "Bank of Mexico" in e.parties)
    assert (banxico.city, "Central Bank of Brazil" in banxico.parties) == ("Mexico City", False)


def test_a_timetable_in_the_present_tense_for_a_day_ahead_is_a_plan() -> None:
    """ "Tuesday's plenary session begins at noon Moscow time", told on Monday: scheduled, not under way."""
    x = _x(
        "MOSCOW (Wire) - Russia's State Duma will debate the bill. Tuesday's plenary session begins at noon Moscow"
        " time.",
        date(2023, 10, 16),
    )
    assert [(e.status, e.start_utc) for e in x.events] == [
        (EventStatus.SCHEDULED, datetime(2023, 10, 17, 9, 0, tzinfo=UTC))
    ]


def test_the_audience_for_a_move_is_no_audience_with_anyone() -> None:
    """ "The audience for this is in Washington": whom a move addresses, not an audience held in Washington;
    "will grant him an audience" still is one."""
    assert mentions_in(3, '"The audience for this is in Washington," an analyst said.', date(2023, 10, 16), {}) == []
    assert mentions_in(3, "The Pope will grant him an audience on Friday.", date(2023, 10, 16), {}) != []


def test_suspending_standing_orders_postpones_nothing() -> None:
    """ "after Speaker Job Pomat suspended standing orders to allow a special sitting": the rules are suspended, the
    sitting is on."""
    x = _x(
        "PORT MORESBY (Wire) - Albanese will hold talks with Prime Minister James Marape on Thursday. The sitting was"
        " arranged after Speaker Job Pomat suspended standing orders to allow a special sitting for the occasion.",
        date(2023, 1, 11),
    )
    assert EventStatus.POSTPONED not in {e.status for e in x.events}


def test_a_leader_due_to_address_parliament_at_an_hour_is_an_event() -> None:
    """ "He is scheduled to address Parliament at 10am tomorrow": a sitting at that hour (Port Moresby, UTC+10)."""
    x = _x(
        "PORT MORESBY (Wire) - Australian Prime Minister Anthony Albanese is scheduled to address Parliament at 10am"
        " tomorrow.",
        date(2023, 1, 11),
    )
    assert [e.start_utc for e in x.events] == [datetime(2023, 1, 12, 0, 0, tzinfo=UTC)]


def test_a_trip_told_in_the_past_to_chair_a_meeting_means_the_meeting_was_held() -> None:
    """ "On Thursday, Carney returned to Ottawa ... to chair a meeting of the cabinet committee", told on Friday:
    held on that Thursday, not planned for the next."""
    x = _x(
        "OTTAWA (Wire) - On Thursday, Prime Minister Mark Carney returned to Ottawa from the campaign trail to chair a"
        " meeting of the cabinet committee on Canada-U.S. relations.",
        date(2025, 3, 28),
    )
    assert [(e.status, e.date) for e in x.events] == [(EventStatus.HELD, date(2025, 3, 27))]


def test_a_list_of_attendees_runs_on_past_an_aside_about_the_first() -> None:
    """ "Among those attending are Indonesian President Joko Widodo, whose country holds the rotating ASEAN chair,
    Malaysian Prime Minister Anwar Ibrahim and Thai Prime Minister Srettha Thavisin": all three attend."""
    from briefings.extract.events import delegation_people

    found = delegation_people(
        "Among those attending are Indonesian President Joko Widodo, whose country holds the rotating ASEAN chair,"
        " Malaysian Prime Minister Anwar Ibrahim and Thai Prime Minister Srettha Thavisin.",
        {},
    )
    assert [p.name for p, _head, _side in found] == ["Joko Widodo", "Anwar Ibrahim", "Srettha Thavisin"]


def test_talks_that_entered_their_third_day_are_under_way_since_two_days_before() -> None:
    """ "Border talks between the two neighbours entered their third day on Thursday", told on Thursday: ongoing,
    and begun on the Tuesday."""
    x = _x(
        "GENEVA (Wire) - Border talks between Armenia and Azerbaijan entered their third day on Thursday with no"
        " sign of a deal.",
        date(2024, 5, 16),
    )
    assert [(e.status, e.date) for e in x.events] == [(EventStatus.ONGOING, date(2024, 5, 14))]


def test_talks_that_broke_up_after_eight_days_began_a_week_before_they_ended() -> None:
    """ "The negotiations broke up on Sunday after eight days", told on Tuesday: held, from the Sunday before."""
    x = _x(
        "OSLO (Wire) - The negotiations between Colombia and the ELN rebels in Oslo broke up on Sunday after eight"
        " days without a deal.",
        date(2024, 5, 14),
    )
    assert [(e.status, e.date) for e in x.events] == [(EventStatus.HELD, date(2024, 5, 5))]


def test_where_someone_flew_home_to_is_neither_the_place_nor_the_day_of_the_talks() -> None:
    """ "Blinken, who returned to Washington on Monday, is expected back at the talks later in the week": the
    talks are not in Washington, and Monday is the day of the flight home."""
    x = _x(
        "DOHA (Wire) - Blinken, who returned to Washington late on Monday, was expected to come back to the talks"
        " with Qatar later in the week.",
        date(2024, 5, 15),
    )
    assert all(e.city != "Washington" and e.date != date(2024, 5, 13) for e in x.events)


def test_a_meeting_in_december_told_in_january_is_background() -> None:
    """ "A ceremonial meeting between Vucic and Kurti at the Elysee Palace in December paved the way", told in
    January beside their meeting on Friday: last month's, so the Friday meeting is not placed at the Elysee."""
    for month in ("in December", "in mid-December"):
        x = _x(
            "BRUSSELS (Wire) - Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti will meet on"
            f" Friday. A ceremonial meeting between Vucic and Kurti at the Elysee Palace {month} paved the way for"
            " the round.",
            date(2024, 1, 9),
        )
        assert [(e.date, e.venue, e.city) for e in x.events] == [(date(2024, 1, 12), None, "Brussels")], month


def test_a_border_year_does_not_make_a_postponement_background() -> None:
    """ "Damascus has put off the talks ..., demanding a pledge to withdraw to the 1967 frontier": 1967 names the
    border, not when the talks were; the headline's "puts off" is a postponement too."""
    x = _x(
        "JERUSALEM (Wire) - Syria has put off the resumption of negotiations with Israel that had been due on"
        " Wednesday, demanding that Israel first pledge to withdraw to the 1967 frontier, officials said Monday.",
        date(2000, 1, 17),
        headline="Syria puts off talks with Israel",
    )
    assert [e.status for e in x.events] == [EventStatus.POSTPONED]
    head = _x("JERUSALEM (Wire) - No comment was given.", date(2000, 1, 17), headline="Syria puts off the talks")
    assert [e.status for e in head.events] == [EventStatus.POSTPONED]


def test_a_week_named_after_since_dates_what_the_call_follows_not_the_call() -> None:
    """ "The call, which began at about 8 p.m. Seoul time, was the first between the two since Washington raised
    tariffs last week": held that evening (11:00 UTC), not background from last week."""
    x = _x(
        "SEOUL (Wire) - The phone talks, which began at about 8 p.m. Seoul time and lasted half an hour, were the"
        " first between President Yoon Suk Yeol and U.S. President Joe Biden since Washington raised tariffs last"
        " week.",
        date(2024, 3, 4),
    )
    assert [e.start_utc for e in x.events] == [datetime(2024, 3, 4, 11, 0, tzinfo=UTC)]


def test_being_prepared_to_visit_at_an_appropriate_time_is_no_plan() -> None:
    """ "He was prepared to visit Washington himself at an appropriate time if necessary": a readiness, no trip."""
    said = "Kishida also said he was prepared to visit the United States himself at an appropriate time if necessary."
    assert mentions_in(0, said, date(2024, 3, 4), {}) == []


def test_that_december_meeting_told_in_january_is_not_the_meeting_of_the_day() -> None:
    """ "That December meeting itself was delayed by two days", beside talks resuming today: the delay was the
    earlier meeting's, so today's talks are not postponed."""
    x = _x(
        "VIENNA (Wire) - OPEC and its allies will resume their talks by videoconference on Tuesday. Ministers last"
        " met in early December. That December meeting itself was delayed by two days.",
        date(2021, 1, 5),
    )
    assert [(e.status, e.date) for e in x.events] == [(EventStatus.SCHEDULED, date(2021, 1, 5))]


def test_a_day_after_which_will_open_is_the_meeting_s_day() -> None:
    """ "will chair the meeting, which will open with an inaugural session at 10.30 am on Friday": Friday at
    10.30 in Bengaluru (05:00 UTC), not today."""
    x = _x(
        "Bengaluru, Feb 23 (Wire) Finance Minister Nirmala Sitharaman will chair the G20 meeting, which will open"
        " with an inaugural session at 10.30 am on Friday and conclude on Saturday evening.",
        date(2023, 2, 23),
    )
    assert [e.start_utc for e in x.events] == [datetime(2023, 2, 24, 5, 0, tzinfo=UTC)]


def test_a_long_subject_before_a_past_verb_puts_the_weekday_behind() -> None:
    """ "French Finance Minister Bruno Le Maire and his German counterpart Christian Lindner reached a compromise
    over dinner in Paris on Tuesday evening", told on Wednesday: the Tuesday just gone."""
    x = _x(
        "BRUSSELS (Wire) - French Finance Minister Bruno Le Maire and his German counterpart Christian Lindner"
        " reached a compromise over dinner in Paris on Tuesday evening.",
        date(2023, 12, 20),
    )
    assert [e.date for e in x.events] == [date(2023, 12, 19)]


def test_a_summit_in_november_told_in_february_is_background() -> None:
    """ "the wording agreed at the Bali leaders' summit in November", told in February: three months gone."""
    said = "Western countries want to keep the wording agreed at the Bali leaders' summit in November."
    assert mentions_in(0, said, date(2023, 2, 23), {}) == []


def test_the_same_hour_in_another_city_after_which_is_does_not_move_the_meeting() -> None:
    """ "The session will begin at 9:00 local time, ..., which is 8:00 in Mexico City": the meeting stays in
    Cancun (UTC-5 all year), at 14:00 UTC."""
    x = _x(
        "Mexico City, Jul 6 (Wire).- Trade ministers of Mexico, the United States and Canada will meet on Friday in"
        " Cancun. The ministerial session will begin at 9:00 local time, the Ministry of Economy said in a statement"
        " on Thursday, which is 8:00 in Mexico City because the state keeps the same hour all year.",
        date(2023, 7, 6),
    )
    assert [(e.city, e.start_utc) for e in x.events] == [("Cancun", datetime(2023, 7, 7, 14, 0, tzinfo=UTC))]


def test_a_meeting_pushed_back_by_a_day_is_on_the_day_after_the_one_first_planned() -> None:
    """ "The talks, originally planned for Saturday, June 1, were pushed back by a day": on Sunday, June 2."""
    x = _x(
        "RIYADH (Wire) - The OPEC+ talks, originally planned as an online conference on Saturday, June 1, were pushed"
        " back by a day.",
        date(2024, 5, 31),
    )
    assert [e.date for e in x.events] == [date(2024, 6, 2)]


def test_previous_rounds_of_talks_are_background() -> None:
    """ "Previous rounds of talks, in Brussels and Moscow, produced statements" and "the group's last full
    ministerial meeting was delayed": earlier meetings, not this one."""
    for said in (
        "Previous rounds of talks, in Brussels and Moscow, produced statements that were quickly overtaken.",
        "The group's last full ministerial meeting, in late November, was delayed by several days.",
    ):
        assert mentions_in(0, said, date(2024, 5, 31), {}) == [], said


def test_a_court_delivering_its_judgment_sits_as_the_country_s_court() -> None:
    """ "Nairobi, Thursday, October 24, 2024 (KNA) The Supreme Court will on Friday deliver its judgment ... at 0900
    hours": a sitting of Kenya's Supreme Court on Friday at 06:00 UTC, the dateline read with its weekday and year."""
    x = _x(
        "Nairobi, Thursday, October 24, 2024 (KNA) The Supreme Court will on Friday deliver its judgment in the appeal"
        " against the Finance Act. The judgment will be delivered at 0900 hours at the Supreme Court building.",
        date(2024, 10, 24),
    )
    assert [(e.start_utc, e.city) for e in x.events] == [(datetime(2024, 10, 25, 6, 0, tzinfo=UTC), "Nairobi")]
    assert "Supreme Court of Kenya" in x.events[0].parties
    assert not x.events[0].evidence.startswith("Nairobi")


def test_an_organisation_s_committee_makes_it_a_side_but_a_country_s_council_does_not() -> None:
    """ "The IMF's policy-steering committee is due to meet on Thursday": the IMF meets; "Sudan's ruling military
    council" is a faction at the table, not Sudan."""
    assert [p.canonical for p in sides_in("The IMF's policy-steering committee is due to meet on Thursday.")] == ["IMF"]
    assert sides_in("Sudan's ruling military council will meet protest leaders on Sunday.") == []


def test_the_session_told_after_a_meeting_is_that_meeting_not_one_named_later() -> None:
    """ "... were among those who left the session", told right after the G20 meeting and before the IMF committee
    that meets on Thursday: the G20's session, so its walkers-out are that meeting's people."""
    x = _x(
        "WASHINGTON (Wire) - U.S. Treasury Secretary Janet Yellen walked out of a Group of 20 meeting in Washington on"
        " Wednesday when Russia's representative began to speak. The meeting of G20 finance ministers, hosted by"
        " Indonesia, began at 8 a.m. EDT. British finance minister Rishi Sunak and ECB President Christine Lagarde"
        " were among those who left the session. The IMF's policy-steering committee is due to meet on Thursday,"
        " chaired by Spanish Economy Minister Nadia Calvino.",
        date(2022, 4, 20),
    )
    thursday = [e for e in x.events if e.date == date(2022, 4, 21)]
    assert [p.name for e in thursday for p in e.participants] == ["Nadia Calvino"]
    assert "Rishi Sunak" in {p.name for e in x.events if e.date == date(2022, 4, 20) for p in e.participants}


def test_walking_out_of_a_meeting_when_someone_began_to_speak_means_it_was_held() -> None:
    """ "Yellen walked out of a G20 meeting on Wednesday when Russia's representative began to speak": held, the
    "began" is the speech's."""
    x = _x(
        "WASHINGTON (Wire) - U.S. Treasury Secretary Janet Yellen walked out of a Group of 20 meeting on Wednesday"
        " when Russia's representative began to speak.",
        date(2022, 4, 20),
    )
    assert [e.status for e in x.events] == [EventStatus.HELD]


def test_a_weekday_close_is_when_a_meeting_ends_not_another_meeting() -> None:
    """ "few would rule out the meeting running past its scheduled Wednesday close", told on the Sunday it opened:
    the day it ends, so no meeting on Wednesday."""
    said = "Few would rule out the meeting running past its scheduled Wednesday close."
    assert [m.day for m in mentions_in(0, said, date(2022, 6, 12), {})] == [None]


def test_a_city_after_the_subject_of_the_talks_is_where_they_are() -> None:
    """ "ended a second round of talks on Tehran's nuclear programme in Rome on Saturday": the talks were in Rome;
    "the war in Gaza" and "the fighting in the eastern city of Goma" still name the topic's place."""
    x = _x(
        "DUBAI (Wire) - Iran and the United States ended a second round of talks on Tehran's nuclear programme in Rome"
        " on Saturday.",
        date(2025, 4, 19),
    )
    assert [e.city for e in x.events] == ["Rome"]
    from briefings.extract.events import _venue_city

    for text in ("They held talks on the war in Gaza.", "talks on the fighting in the eastern city of Goma"):
        assert not [p for p in find_places(text) if p.city and _venue_city(text, p.start, p.preposition, p.end)]


def test_put_back_by_hours_postpones_but_back_on_track_does_not() -> None:
    """ "The final session was put back by six hours" is a postponement; "talks were put back on track" is not."""
    put_back = "The final session of talks between the two leaders was put back by six hours on Monday."
    on_track = "The talks were put back on track on Monday."
    assert [m.status for m in mentions_in(0, put_back, date(2001, 7, 16), {})] == [EventStatus.POSTPONED]
    assert [m.status for m in mentions_in(0, on_track, date(2001, 7, 16), {})] == [EventStatus.SCHEDULED]


def test_whoever_presides_over_a_court_or_session_heads_it() -> None:
    """ "The court, presided over by Lebanese judge Nawaf Salam, is not expected to rule for months": its head."""
    from briefings.extract.events import delegation_people

    found = delegation_people(
        "The court, presided over by Lebanese judge Nawaf Salam, is not expected to deliver its opinion for months.", {}
    )
    assert [(p.name, head) for p, head, _side in found] == [("Nawaf Salam", True)]


def test_a_two_day_gathering_that_concluded_on_a_day_began_the_day_before() -> None:
    """ "follows a two-day gathering of G20 deputies which concluded in the city on Thursday afternoon", told on
    Thursday: the deputies' meeting began on the Wednesday."""
    said = (
        "The ministerial meeting follows a two-day gathering of G20 finance and central bank deputies which concluded"
        " in the city on Thursday afternoon."
    )
    assert [m.day for m in mentions_in(2, said, date(2023, 2, 23), {})] == [date(2023, 2, 22)]


def test_cli_an_extractor_bug_on_one_file_costs_only_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An article the extractor raises on (as "Conférences Genève" once did) prints one line naming the file and
    the error, the exit code is 1, and the next file's JSON is still printed."""
    from bot import cli_extract
    from bot.cli import main

    real = cli_extract.extract

    def flaky(article: Article) -> Extraction:
        if article.source.endswith("bad.txt"):
            raise KeyError("geneve")
        return real(article)

    monkeypatch.setattr(cli_extract, "extract", flaky)
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    for f in (bad, good):
        f.write_text("date 2025-05-16 Talks\n\nRussian and Ukrainian negotiators will meet at 0930 GMT on Friday.\n")
    assert main(["extract", str(bad), str(good), "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert err.strip().splitlines() == [
        f"briefbot extract: {bad}: extraction failed (KeyError: 'geneve'); please report it"
    ]
    assert [json.loads(line)["events"][0]["start_utc"] for line in out.splitlines()] == ["2025-05-16T09:30:00Z"]


def test_a_meeting_that_would_now_take_place_at_a_new_hour_is_one_meeting_at_that_hour() -> None:
    """ "had been due to meet at 10:00 am ... the meeting would now take place at 4:00 pm": one meeting, at 4 pm in
    Agra (10:30 UTC), not a second one."""
    x = _x(
        "AGRA, July 16 (Wire) - The leaders of India and Pakistan had been due to meet at 10:00 am on Monday at the"
        " Jaypee Palace Hotel. Officials said in mid-morning that the meeting would now take place at 4:00 pm.",
        date(2001, 7, 16),
    )
    assert [e.start_utc for e in x.events] == [datetime(2001, 7, 16, 10, 30, tzinfo=UTC)]
