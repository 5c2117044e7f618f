"""The event store on a real SQLite file, fed constructed extractions (independent of the extractor)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from briefings.model import EventStatus, ExtractedEvent, Participant
from briefings.store.repository import SqlEventStore, canonical_url
from briefings.store.tables import ArticleRow, EventRow
from tests.store.helpers import NOW, UMEROV, article, at, d, extraction, talks, us_meeting


@pytest.fixture
async def store(db_url: str) -> AsyncIterator[SqlEventStore]:
    async with SqlEventStore(db_url) as st:
        yield st


async def _count(store: SqlEventStore, table: type) -> int:
    async with store.engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(table))).scalar_one())


async def test_seed_like_article_gives_two_events_in_one_story(store: SqlEventStore) -> None:
    """Stored the 0745 US meeting and the 0930 talks from one article: two events, one story named by topic."""
    res = await store.add_article(
        article("a1", d(16)), extraction(d(16), us_meeting(), talks(), expectations=("low hopes",)), NOW
    )
    assert not res.duplicate and len(res.created) == 2
    events = await store.events()
    assert [e.start_utc for e in events] == [at(16, 9, 30), at(16, 7, 45)] or len(events) == 2
    stories = await store.stories()
    assert [s.key for s in stories] == ["russia-ukraine-istanbul"]
    assert await store.story_title("russia-ukraine-istanbul") == stories[0].title
    assert await store.story_title("no-such-story") is None
    picked = await store.story_events("istanbul", NOW)
    assert [e.start_utc for e in picked] == [at(16, 7, 45), at(16, 9, 30)]
    assert await store.story_events("medinsky", NOW) == picked
    assert await store.story_events("kyiv", NOW) == picked  # an alias of a party
    assert await store.story_events("gaza", NOW) == []
    main = picked[1]
    assert main.location == "Dolmabahce Palace, Istanbul"
    assert [p.name for p in main.participants] == ["Vladimir Medinsky", "Rustem Umerov"]
    assert main.expectations == ("low hopes",)
    assert main.sources[0].source == "a1"


async def test_second_outlet_merges_into_one_event_with_two_sources(store: SqlEventStore) -> None:
    """A second article saying "Russia-Ukraine talks in Istanbul" merged: one event, two sources, people unioned."""
    await store.add_article(article("a1", d(16)), extraction(d(16), talks(participants=(UMEROV,))), NOW)
    other = ExtractedEvent(
        title="Russian and Ukrainian negotiators meet",
        kind="negotiations",
        date=d(16),
        city="Istanbul",
        parties=("Russian", "Ukrainian"),
        participants=(Participant("Medinsky", "presidential aide", "Russian", head=True),),
    )
    res = await store.add_article(article("a2", d(16)), extraction(d(16), other), NOW)
    assert not res.created and len(res.merged) == 1
    [ev] = await store.events()
    assert [s.source for s in ev.sources] == ["a1", "a2"]
    assert {p.name for p in ev.participants} == {"Rustem Umerov", "Medinsky"}
    assert ev.start_utc == at(16, 9, 30) and ev.history == ()


async def test_later_article_moving_the_time_records_the_change(store: SqlEventStore) -> None:
    """A later article saying the talks were pushed back to 1130 GMT moved start_utc and recorded old/new/article."""
    await store.add_article(article("a1", d(15)), extraction(d(15), talks()), NOW)
    moved = talks(start_utc=at(16, 11, 30), evidence="The talks were pushed back to 1130 GMT")
    later = NOW + dt.timedelta(hours=1)
    res = await store.add_article(article("a2", d(16)), extraction(d(16), moved), later)
    [(ev, changes)] = res.changed
    assert ev.start_utc == at(16, 11, 30) and ev.status == EventStatus.SCHEDULED
    [change] = changes
    assert (change.field, change.old, change.new, change.source) == (
        "start_utc",
        "2025-05-16T09:30:00Z",
        "2025-05-16T11:30:00Z",
        "a2",
    )
    assert change.learned_at == later and change.published == d(16)


async def test_reingest_stores_nothing_new(store: SqlEventStore) -> None:
    """The same article twice (same URL, different tracking params) and the same text twice: stored once."""
    first = await store.add_article(
        article("a1", d(16), url="https://News.example/a?utm_source=x#top"), extraction(d(16), talks()), NOW
    )
    again = await store.add_article(article("a1-copy", d(16), url="https://news.example/a"), extraction(d(16)), NOW)
    same_text = await store.add_article(article("other-name", d(16), text="body of a1"), extraction(d(16)), NOW)
    assert again.duplicate and same_text.duplicate and again.article_id == first.article_id
    assert await _count(store, ArticleRow) == 1 and await _count(store, EventRow) == 1
    assert canonical_url("HTTPS://X.org/p/?utm_medium=a&id=3#f") == "https://x.org/p?id=3"


async def test_older_article_never_rolls_back(store: SqlEventStore) -> None:
    """Ingested the newer report (moved to 11:30) first, then the older one (09:30): state kept at 11:30."""
    await store.add_article(article("old", d(14)), extraction(d(14), talks(start_utc=None)), NOW)
    await store.add_article(
        article("new", d(16)),
        extraction(d(16), talks(start_utc=at(16, 11, 30), evidence="moved to 1130 GMT")),
        NOW,
    )
    await store.add_article(article("older", d(15)), extraction(d(15), talks(start_utc=at(16, 9, 30))), NOW)
    [ev] = await store.events()
    assert ev.start_utc == at(16, 11, 30)
    assert [c.new for c in ev.history] == ["2025-05-16T11:30:00Z"]
    assert [(c.field, c.value) for c in ev.conflicts] == [("start_utc", "2025-05-16T09:30:00Z")]
    assert [s.source for s in ev.sources] == ["old", "new", "older"]


async def test_old_value_repeated_by_an_older_article_is_not_a_conflict(store: SqlEventStore) -> None:
    """After a recorded move 09:30 -> 11:30, an older article repeating 09:30 is stale, not a conflict."""
    await store.add_article(article("a", d(15)), extraction(d(15), talks()), NOW)
    await store.add_article(
        article("b", d(16)), extraction(d(16), talks(start_utc=at(16, 11, 30), evidence="delayed to 1130 GMT")), NOW
    )
    await store.add_article(article("c", d(15), text="another early report"), extraction(d(15), talks()), NOW)
    [ev] = await store.events()
    assert ev.start_utc == at(16, 11, 30) and ev.conflicts == ()


async def test_contradiction_without_change_signal_is_a_conflict(store: SqlEventStore) -> None:
    """A newer article saying 1000 GMT with no word of a change: recorded as a conflict, state stays 09:30."""
    await store.add_article(article("a", d(15)), extraction(d(15), talks()), NOW)
    res = await store.add_article(
        article("b", d(16)), extraction(d(16), talks(start_utc=at(16, 10), evidence="talks at 1000 GMT")), NOW
    )
    [ev] = await store.events()
    assert ev.start_utc == at(16, 9, 30) and ev.history == ()
    assert [(c.field, c.value, c.source) for c in ev.conflicts] == [("start_utc", "2025-05-16T10:00:00Z", "b")]
    assert len(res.changed) == 1  # a new conflict is news for /talks when


async def test_failed_article_leaves_nothing_half_written(store: SqlEventStore) -> None:
    """An extraction with a naive time fails inside the transaction: no article, event or story left behind."""
    bad = talks(start_utc=dt.datetime(2025, 5, 16, 9, 30))  # noqa: DTZ001 - naive on purpose
    with pytest.raises(Exception, match="naive"):
        await store.add_article(article("bad", d(16)), extraction(d(16), us_meeting(), bad), NOW)
    assert await _count(store, ArticleRow) == 0 and await _count(store, EventRow) == 0
    assert await store.stories() == []


async def test_story_events_without_topic_prefers_upcoming(store: SqlEventStore) -> None:
    """Two stories: the one with an upcoming meeting is picked without a topic even if the other is newer."""
    await store.add_article(article("ist", d(16)), extraction(d(16), talks(date=d(25), start_utc=None)), NOW)
    past = ExtractedEvent(
        title="Israel-Hamas talks",
        kind="talks",
        status=EventStatus.HELD,
        date=d(1),
        city="Doha",
        parties=("Israel", "Hamas"),
    )
    await store.add_article(article("doha", d(17)), extraction(d(17), past), NOW + dt.timedelta(hours=1))
    picked = await store.story_events(None, NOW + dt.timedelta(hours=2))
    assert [e.city for e in picked] == ["Istanbul"]
    after = await store.story_events(None, dt.datetime(2025, 7, 1, tzinfo=dt.UTC))
    assert [e.city for e in after] == ["Doha"]  # nothing upcoming: the most recently updated story
    assert next(s.key for s in await store.stories()) == "hamas-israel-doha"


async def test_reopening_the_file_keeps_everything(db_url: str) -> None:
    """Closed the store and opened the same file again: events, history and the schema version survived."""
    async with SqlEventStore(db_url) as st:
        await st.add_article(article("a", d(15)), extraction(d(15), talks()), NOW)
    async with SqlEventStore(db_url) as st:
        [ev] = await st.events()
        assert ev.title == "Russia-Ukraine peace talks" and await st.article_count() == 1
        assert (await st.event(ev.id)) == ev and await st.event(999) is None
