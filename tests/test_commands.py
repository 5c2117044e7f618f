"""The platform-neutral /talks handlers and their registry.

Unit tests run the handlers over a small in-memory fake of the ``EventStore`` port (the port's
contract, not our SQL store); the end-to-end tests at the bottom use the real store on a SQLite
file once it exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from briefings.cards import Card, CardKind
from briefings.clock import FixedClock
from briefings.commands import EMPTY_STORE, CommandContext, CommandRegistry, build_registry, parse_command
from briefings.model import Article, EventStatus, Extraction
from briefings.store.api import IngestResult, StoredEvent, Story
from tests.test_briefing import seed_events

if TYPE_CHECKING:
    from briefings.store.repository import SqlEventStore

UTC = dt.UTC
MORNING = dt.datetime(2025, 5, 16, 6, 30, tzinfo=UTC)


class FakeStore:
    """Just enough of the EventStore port: a fixed list of events grouped into stories."""

    def __init__(self, events: list[StoredEvent], stories: list[Story]) -> None:
        self._events = events
        self._stories = stories

    async def add_article(self, article: Article, extraction: Extraction, now: dt.datetime) -> IngestResult:
        raise NotImplementedError("handlers never write")

    async def events(self) -> list[StoredEvent]:
        return list(self._events)

    async def event(self, event_id: int) -> StoredEvent | None:
        return next((e for e in self._events if e.id == event_id), None)

    async def stories(self) -> list[Story]:
        return list(self._stories)

    async def story_title(self, key: str) -> str | None:
        return next((s.title for s in self._stories if s.key == key), None)

    async def story_events(self, topic: str | None, now: dt.datetime) -> list[StoredEvent]:
        for story in self._stories:
            events = [e for e in self._events if e.story == story.key]
            if topic is None:
                if any(e.start_utc and e.start_utc > now for e in events):
                    return events
            elif any(topic.lower() in x.lower() for x in (story.key, story.title, *(e.city or "" for e in events))):
                return events
        return []


def geneva_event() -> StoredEvent:
    base = seed_events()[1]
    return replace(
        base,
        id=10,
        story="geneva",
        title="US-Iran nuclear talks",
        start_utc=dt.datetime(2025, 6, 2, 8, 0, tzinfo=UTC),
        date=dt.date(2025, 6, 2),
        timezone="Europe/Zurich",
        venue=None,
        city="Geneva",
        country="Switzerland",
        parties=("United States", "Iran"),
        participants=(),
        expectations=(),
    )


def store_with_seed() -> FakeStore:
    stories = [Story("istanbul-talks", "Russia-Ukraine talks in Istanbul", (1, 2))]
    return FakeStore(seed_events(), stories)


async def ask(store: FakeStore, text: str, now: dt.datetime = MORNING, registry: CommandRegistry | None = None) -> Card:
    reg = registry or build_registry()
    return await reg.run_text(text, store=store, clock=FixedClock(now), channel="C1", platform="test")


async def test_who_and_when_after_the_seed_story() -> None:
    """`who` names Medinsky (Russia, head) and Umerov (Ukraine, head); `when` gives 07:45/09:30 UTC and
    10:45/12:30 Istanbul."""
    who = (await ask(store_with_seed(), "/talks who")).plain_text()
    assert "Russia: Vladimir Medinsky (head; Kremlin aide)" in who
    assert "Ukraine: Rustem Umerov (head; Defence Minister)" in who
    when = (await ask(store_with_seed(), "/talks when")).plain_text()
    for t in ("07:45 UTC", "09:30 UTC", "10:45 Istanbul (GMT+3)", "12:30 Istanbul (GMT+3)"):
        assert t in when


@pytest.mark.parametrize("sub", ["where", "expect", "brief", "sources"])
async def test_every_story_command_answers(sub: str) -> None:
    """where/expect/brief/sources each answer about the seed story with an answer or briefing card."""
    card = await ask(store_with_seed(), f"/talks {sub}")
    assert card.kind in (CardKind.ANSWER, CardKind.BRIEFING)
    text = card.plain_text()
    expected = {"where": "Dolmabahce", "expect": "breakthrough", "brief": "Medinsky", "sources": "Reuters"}[sub]
    assert expected in text


async def test_next_counts_down_from_the_injected_clock() -> None:
    """At 06:30 UTC the next session is the 07:45 meeting, in 1 h 15 min; at 08:00 it is the 09:30 talks."""
    card = await ask(store_with_seed(), "/talks next")
    fields = {f.label: f.value for f in card.fields}
    assert card.title == "Next: Turkish, US and Ukrainian officials meet"
    assert fields["Starts"] == "in 1 h 15 min"
    later = await ask(store_with_seed(), "/talks next", dt.datetime(2025, 5, 16, 8, 0, tzinfo=UTC))
    assert later.title == "Next: Russia-Ukraine peace talks"
    assert {f.label: f.value for f in later.fields}["Starts"] == "in 1 h 30 min"
    done = await ask(store_with_seed(), "/talks next", dt.datetime(2025, 5, 16, 12, 0, tzinfo=UTC))
    assert done.title == "Nothing coming up"


async def test_help_for_bare_and_unknown_commands() -> None:
    """`/talks` alone and `/talks help` list every subcommand; an unknown one says so and lists them too."""
    for text in ("/talks", "/talks help", "", "talks"):
        card = await ask(store_with_seed(), text)
        assert card.kind is CardKind.HELP
        labels = [f.label for f in card.fields]
        for sub in ("who", "when", "where", "expect", "next", "brief", "sources", "help"):
            assert any(label.startswith(f"/talks {sub}") for label in labels), (text, sub)
    unknown = await ask(store_with_seed(), "/talks frobnicate")
    assert unknown.kind is CardKind.HELP and unknown.title == "Unknown command: frobnicate"


async def test_empty_store_is_friendly() -> None:
    """With nothing ingested, story commands point to `briefbot ingest` instead of failing."""
    empty = FakeStore([], [])
    for sub in ("who", "when", "brief", "next"):
        card = await ask(empty, f"/talks {sub}")
        assert EMPTY_STORE in card.plain_text(), sub


async def test_topic_picks_the_story() -> None:
    """With two stories, `/talks who geneva` answers about Geneva, no topic about the latest upcoming one,
    and a topic that matches nothing lists the tracked stories."""
    stories = [
        Story("istanbul-talks", "Russia-Ukraine talks in Istanbul", (1, 2)),
        Story("geneva", "US-Iran talks in Geneva", (10,)),
    ]
    store = FakeStore([*seed_events(), geneva_event()], stories)
    assert (await ask(store, "/talks where geneva")).title == "Where: US-Iran talks in Geneva"
    assert (await ask(store, "/talks where")).title == "Where: Russia-Ukraine talks in Istanbul"
    # once Istanbul is over, the story with something upcoming wins
    after = dt.datetime(2025, 5, 20, tzinfo=UTC)
    assert (await ask(store, "/talks where", after)).title == "Where: US-Iran talks in Geneva"
    missing = await ask(store, "/talks who minsk")
    assert missing.title == "No story matches 'minsk'"
    assert "Russia-Ukraine talks in Istanbul" in missing.plain_text()


async def test_no_upcoming_falls_back_to_latest_story() -> None:
    """When every event is past, `who` still answers about the most recent story."""
    card = await ask(store_with_seed(), "/talks who", dt.datetime(2026, 1, 1, tzinfo=UTC))
    assert "Medinsky" in card.plain_text()


async def test_registry_extension_and_admin_gate() -> None:
    """A feature registers a subcommand without touching dispatch: it shows in help, gets its context,
    and an admin-only one refuses non-admins."""
    reg = build_registry()
    seen: list[CommandContext] = []

    async def remind(ctx: CommandContext) -> Card:
        seen.append(ctx)
        return Card(title=f"offsets now {ctx.args[0]}")

    reg.register("remind", remind, help="change this channel's reminder times", admin=True, usage="remind 30m,5m")
    with pytest.raises(ValueError, match="already registered"):
        reg.register("remind", remind, help="again")
    help_labels = [f.label for f in (await ask(store_with_seed(), "/talks help", registry=reg)).fields]
    assert "/talks remind 30m,5m" in help_labels
    assert help_labels[-1] == "/talks help"
    denied = await ask(store_with_seed(), "/talks remind 30m", registry=reg)
    assert denied.kind is CardKind.ERROR and not seen
    card = await reg.run_text(
        "/talks remind 30m,5m", store=store_with_seed(), clock=FixedClock(MORNING), channel="C9", is_admin=True
    )
    assert card.title == "offsets now 30m,5m"
    assert seen[0].channel == "C9" and seen[0].command == "remind" and seen[0].args == ("30m,5m",)


async def test_a_crashing_handler_answers_with_an_error_card(caplog: pytest.LogCaptureFixture) -> None:
    """A handler that raises gives the user an error card and logs the traceback; dispatch survives."""
    reg = build_registry()

    async def boom(ctx: CommandContext) -> Card:
        raise RuntimeError("kaput")

    reg.register("boom", boom, help="explodes", hidden=True)
    card = await ask(store_with_seed(), "/talks boom", registry=reg)
    assert card.kind is CardKind.ERROR
    assert "kaput" in caplog.text
    assert "boom" not in [c.name for c in reg.commands()]


def test_parse_command() -> None:
    """Parsing strips `/talks`, lower-cases the subcommand, keeps quoted topics and survives stray quotes."""
    assert parse_command("/talks who istanbul") == ("who", ("istanbul",))
    assert parse_command("/talks WHO 'new york'") == ("who", ("new york",))
    assert parse_command("when") == ("when", ())
    assert parse_command("/talks") == (None, ())
    assert parse_command('who "unbalanced') == ("who", ('"unbalanced',))


async def test_postponed_event_shows_status() -> None:
    """A postponed session says so in `when`."""
    events = [replace(e, status=EventStatus.POSTPONED) if e.id == 2 else e for e in seed_events()]
    store = FakeStore(events, [Story("istanbul-talks", "Istanbul", (1, 2))])
    assert "POSTPONED: Fri 16 May 2025" in (await ask(store, "/talks when")).plain_text()


# --------------------------------------------------------------------------- end to end, real SQLite store

SEED_NAME = "istanbul-talks-2025-05-16.txt"


async def _seeded_store(db_url: str) -> SqlEventStore:
    from briefings.article import read_article_file
    from briefings.extract import extract
    from briefings.store.repository import SqlEventStore
    from tests.conftest import shared_path

    store = await SqlEventStore(db_url).open()
    seed = read_article_file(shared_path("seed", SEED_NAME))
    result = await store.add_article(seed, extract(seed), dt.datetime(2025, 5, 16, 5, 0, tzinfo=UTC))
    assert len(result.created) == 2
    return store


async def test_e2e_seed_story_answers(db_url: str) -> None:
    """The seed story ingested into a real SQLite store: `who` names Medinsky and Umerov by side, `when`
    gives 07:45/09:30 UTC and 10:45/12:30 Istanbul, `next` counts down from the injected clock."""
    store = await _seeded_store(db_url)
    try:
        reg = build_registry()
        clock = FixedClock(MORNING)
        who = (await reg.run_text("/talks who", store=store, clock=clock)).plain_text()
        assert "Russia: Vladimir Medinsky (head" in who
        assert "Ukraine: Rustem Umerov (head" in who
        when = (await reg.run_text("/talks when istanbul", store=store, clock=clock)).plain_text()
        for t in ("07:45 UTC / 10:45 Istanbul (GMT+3)", "09:30 UTC / 12:30 Istanbul (GMT+3)"):
            assert t in when
        nxt = await reg.run_text("/talks next", store=store, clock=clock)
        assert {f.label: f.value for f in nxt.fields}["Starts"] == "in 1 h 15 min"
        for sub in ("where", "expect", "brief", "sources", "help"):
            card = await reg.run_text(f"/talks {sub}", store=store, clock=clock)
            assert card.kind is not CardKind.ERROR, sub
        assert "No story matches" in (await reg.run_text("/talks who zanzibar", store=store, clock=clock)).title
    finally:
        await store.close()


async def test_e2e_moved_session_shows_in_when(db_url: str) -> None:
    """A later report that moves the 09:30 session to 12:30 GMT (a real store merge) shows in `/talks when`
    as "time moved from 09:30 GMT to 12:30 GMT, per <source>" and in the update card."""
    from briefings.briefing import update_card
    from briefings.model import ExtractedEvent, Participant

    store = await _seeded_store(db_url)
    try:
        moved = ExtractedEvent(
            title="Russia-Ukraine talks",
            kind="talks",
            date=dt.date(2025, 5, 16),
            start_utc=dt.datetime(2025, 5, 16, 12, 30, tzinfo=UTC),
            timezone="Europe/Istanbul",
            venue="Dolmabahce Palace",
            city="Istanbul",
            country="Turkey",
            parties=("Turkey", "Russia", "Ukraine"),
            participants=(Participant("Vladimir Medinsky", "Kremlin aide", "Russia", head=True),),
            evidence="The talks at Dolmabahce Palace have been moved to 1230 GMT from 0930 GMT.",
        )
        article = Article(
            text=moved.evidence, source="later.txt", headline="Istanbul talks moved", published=dt.date(2025, 5, 16)
        )
        extraction = Extraction(published=article.published, headline=article.headline, events=(moved,))
        result = await store.add_article(article, extraction, dt.datetime(2025, 5, 16, 6, 0, tzinfo=UTC))
        assert result.changed, "the store did not record the move"
        event, changes = result.changed[0]
        card = update_card(event, changes)
        assert any("09:30 GMT -> 12:30 GMT, per Istanbul talks moved" in line for line in card.lines)
        when = (await build_registry().run_text("/talks when", store=store, clock=FixedClock(MORNING))).plain_text()
        assert "moved from 09:30 GMT to 12:30 GMT, per Istanbul talks moved" in when
        assert "12:30 UTC / 15:30 Istanbul (GMT+3)" in when
    finally:
        await store.close()


async def test_e2e_empty_store(db_url: str) -> None:
    """A fresh real store answers with the friendly empty-store message."""
    from briefings.store.repository import SqlEventStore

    async with SqlEventStore(db_url) as store:
        card = await build_registry().run_text("/talks who", store=store, clock=FixedClock(MORNING))
    assert EMPTY_STORE in card.plain_text()
