"""Cards from stored events: the phone-sized briefing, the full one, answers, updates, conflicts."""

from __future__ import annotations

import datetime as dt

from briefings import briefing
from briefings.cards import CardKind
from briefings.model import EventStatus, Participant
from briefings.render import render_markdown, render_rich, render_text
from briefings.store.api import Change, Conflict, IngestResult, SourceRef, StoredEvent

UTC = dt.UTC
STORY = "istanbul-talks"
REUTERS = SourceRef(
    article_id=1,
    source="seed/istanbul-talks-2025-05-16.txt",
    headline="Russia and Ukraine to hold first direct peace talks in over three years",
    outlet="Reuters",
    published=dt.date(2025, 5, 16),
)
EXPECT = (
    "Expectations for a major breakthrough, already low, were dented further on Thursday when Trump said "
    "there would be no movement without a meeting between himself and Russia's President Vladimir Putin."
)


def seed_events(**changes: object) -> list[StoredEvent]:
    """The seed story as the store would hold it: the 07:45 and 09:30 GMT sessions in Istanbul."""
    officials = StoredEvent(
        id=1,
        story=STORY,
        title="Turkish, US and Ukrainian officials meet",
        kind="meeting",
        status=EventStatus.SCHEDULED,
        date=dt.date(2025, 5, 16),
        start_utc=dt.datetime(2025, 5, 16, 7, 45, tzinfo=UTC),
        timezone="Europe/Istanbul",
        venue=None,
        city="Istanbul",
        country="Turkey",
        parties=("Turkey", "United States", "Ukraine"),
        participants=(
            Participant("Michael Anton", "director of policy planning, US State Department", "United States"),
        ),
        sources=(REUTERS,),
        expectations=(EXPECT,),
    )
    talks = StoredEvent(
        id=2,
        story=STORY,
        title="Russia-Ukraine peace talks",
        kind="talks",
        status=EventStatus.SCHEDULED,
        date=dt.date(2025, 5, 16),
        start_utc=dt.datetime(2025, 5, 16, 9, 30, tzinfo=UTC),
        timezone="Europe/Istanbul",
        venue="Dolmabahce Palace",
        city="Istanbul",
        country="Turkey",
        parties=("Turkey", "Russia", "Ukraine"),
        participants=(
            Participant(None, "deputy defence minister", "Russia"),
            Participant("Rustem Umerov", "Defence Minister", "Ukraine", head=True),
            Participant("Vladimir Medinsky", "Kremlin aide", "Russia", head=True),
        ),
        sources=(REUTERS,),
        expectations=(EXPECT,),
    )
    if changes:
        from dataclasses import replace

        talks = replace(talks, **changes)  # type: ignore[arg-type]
    return [talks, officials]  # deliberately out of order


def test_short_briefing_fits_a_phone_and_has_every_part() -> None:
    """The channel briefing of the seed story: <= 600 chars, <= 8 lines, both sessions in UTC and
    Istanbul time, the venue, heads by side, the expectation and the source."""
    card = briefing.briefing_card(seed_events(), "Russia-Ukraine talks in Istanbul")
    text = card.plain_text()
    assert len(text) <= briefing.SHORT_LIMIT
    assert len(text.splitlines()) <= briefing.SHORT_LINES
    assert card.kind is CardKind.BRIEFING
    assert card.title == "Russia-Ukraine talks in Istanbul"
    assert "07:45 UTC / 10:45 Istanbul (GMT+3)" in text
    assert "09:30 UTC / 12:30 Istanbul (GMT+3)" in text
    assert text.index("07:45") < text.index("09:30")
    assert "Dolmabahce Palace, Istanbul" in text
    assert "Russia: Vladimir Medinsky (head)" in text
    assert "Ukraine: Rustem Umerov (head)" in text
    assert "Expect" in text and "breakthrough" in text
    assert card.sources == ("Reuters",)
    assert card.event_id == 2  # the session with the delegation heads
    assert [f.at for f in card.fields if f.at] == [
        dt.datetime(2025, 5, 16, 7, 45, tzinfo=UTC),
        dt.datetime(2025, 5, 16, 9, 30, tzinfo=UTC),
    ]


def test_short_briefing_stays_short_with_a_crowd() -> None:
    """Twelve sessions with long titles and many people still fit the phone budget."""
    base = seed_events()[0]
    from dataclasses import replace

    many = [
        replace(
            base,
            id=i,
            title=f"Very long session title number {i} about an important working group on prisoners",
            start_utc=dt.datetime(2025, 5, 16, 6 + i, 0, tzinfo=UTC),
            participants=tuple(Participant(f"Person Number{i}{j}", "minister", f"Country{j}") for j in range(6)),
            expectations=(EXPECT * 3,),
        )
        for i in range(12)
    ]
    text = briefing.briefing_card(many).plain_text()
    assert len(text) <= briefing.SHORT_LIMIT
    assert len(text.splitlines()) <= briefing.SHORT_LINES
    assert "+9 more sessions" in text


def test_sides_put_heads_first() -> None:
    """Sides with a delegation head come first, heads lead their side, unnamed parties come last."""
    result = briefing.sides(seed_events())
    assert [s for s, _ in result][:2] == ["Russia", "Ukraine"]
    russia = dict(result)["Russia"]
    assert russia[0].name == "Vladimir Medinsky" and russia[0].head
    assert dict(result)["Turkey"] == []
    lines = briefing.who_lines(seed_events())
    assert lines[0] == "Russia: Vladimir Medinsky (head; Kremlin aide), deputy defence minister"
    assert lines[-1] == "Also: Turkey"


def test_who_and_when_answers() -> None:
    """`who` names Medinsky and Umerov by side per session; `when` gives both times in UTC and Istanbul."""
    who = briefing.who_card(seed_events()).plain_text()
    assert "Russia: Vladimir Medinsky (head; Kremlin aide)" in who
    assert "Ukraine: Rustem Umerov (head; Defence Minister)" in who
    when = briefing.when_card(seed_events())
    text = when.plain_text()
    for t in ("07:45 UTC", "09:30 UTC", "10:45 Istanbul", "12:30 Istanbul", "Fri 16 May 2025"):
        assert t in text


def test_when_shows_last_change_and_conflicts() -> None:
    """A moved session shows "moved from Thu 15 May to Fri 16 May, per Reuters"; disagreeing
    sources show as "Reuters: 0930 GMT; AP: 1000 GMT"."""
    ap = SourceRef(article_id=3, source="ap.txt", outlet="AP", published=dt.date(2025, 5, 16))
    learned = dt.datetime(2025, 5, 16, 5, 0, tzinfo=UTC)
    events = seed_events(
        history=(Change("date", "2025-05-15", "2025-05-16", 1, REUTERS.source, learned),),
        conflicts=(Conflict("start_utc", "2025-05-16T10:00:00+00:00", "ap.txt", 3),),
        sources=(REUTERS, ap),
    )
    text = briefing.when_card(events).plain_text()
    assert "Russia-Ukraine peace talks: moved from Thu 15 May to Fri 16 May, per Reuters" in text
    assert "Sources differ on the time: Reuters: 0930 GMT; AP: 1000 GMT" in text


def test_update_card_for_a_time_change() -> None:
    """A time change reads "time: 09:30 GMT -> 12:30 GMT, per <source>" under a Rescheduled title."""
    later = SourceRef(article_id=5, source="samples/03-moved.txt", outlet="Reuters", published=dt.date(2025, 5, 16))
    change = Change(
        "start_utc",
        "2025-05-16T09:30:00+00:00",
        "2025-05-16T12:30:00+00:00",
        5,
        later.source,
        dt.datetime(2025, 5, 16, 8, 0, tzinfo=UTC),
    )
    event = seed_events(start_utc=dt.datetime(2025, 5, 16, 12, 30, tzinfo=UTC), sources=(REUTERS, later))[0]
    card = briefing.update_card(event, [change])
    assert card.kind is CardKind.UPDATE
    assert card.title == "Rescheduled: Russia-Ukraine peace talks"
    assert "time: 09:30 GMT -> 12:30 GMT, per Reuters" in card.lines
    assert card.fields[0].value == "Fri 16 May 2025, 12:30 UTC / 15:30 Istanbul (GMT+3)"
    # a move across midnight names both days
    overnight = Change("start_utc", "2025-05-15T09:30:00Z", "2025-05-16T09:30:00Z", 9, "x/feed.xml", change.learned_at)
    assert briefing.describe_change(overnight) == "time: Thu 15 May 09:30 GMT -> Fri 16 May 09:30 GMT, per feed.xml"
    assert briefing.describe_change(overnight, prose=True).startswith("time moved from Thu 15 May 09:30 GMT to")


def test_ingest_cards() -> None:
    """New events give one briefing for their story; each changed event gives one update."""
    events = seed_events()
    change = Change("status", "scheduled", "postponed", 1, "a.txt", dt.datetime(2025, 5, 16, tzinfo=UTC))
    result = IngestResult(article_id=1, duplicate=False, created=tuple(events), changed=((events[0], (change,)),))
    cards = briefing.ingest_cards(result)
    assert [c.kind for c in cards] == [CardKind.BRIEFING, CardKind.UPDATE]


def test_full_briefing_has_detail() -> None:
    """`/talks brief` carries every session, roles, the whole expectation and the full source line."""
    card = briefing.full_briefing_card(seed_events())
    text = render_text(card)
    assert "deputy defence minister" in text
    assert "director of policy planning" in text
    assert EXPECT in text
    assert "Reuters, Fri 16 May 2025: Russia and Ukraine to hold first direct peace talks" in text


def test_next_card_counts_down() -> None:
    """The next session after 06:15 UTC is the 07:45 meeting, "in 1 h 30 min"; after 09:30 nothing is left."""
    now = dt.datetime(2025, 5, 16, 6, 15, tzinfo=UTC)
    event = briefing.next_event(seed_events(), now)
    assert event is not None and event.id == 1
    assert dict((f.label, f.value) for f in briefing.next_card(event, now).fields)["Starts"] == "in 1 h 30 min"
    assert briefing.next_event(seed_events(), dt.datetime(2025, 5, 16, 9, 31, tzinfo=UTC)) is None
    cancelled = seed_events(status=EventStatus.CANCELLED)
    assert briefing.next_event(cancelled, dt.datetime(2025, 5, 16, 8, 0, tzinfo=UTC)) is None


def test_renderers_keep_article_text_inert() -> None:
    """Markdown escapes article text (no injected links); rich shows [bold] literally rather than as markup."""
    events = seed_events(title="Talks [click](http://evil.example) *now* [bold]x[/bold]")
    card = briefing.who_card(events)
    md = render_markdown(card)
    assert "[click](http" not in md and r"\[click\]" in md
    rich = render_rich(card)
    assert "[bold]x[/bold]" in rich
    assert "Medinsky" in rich
