"""Storing articles in batches (one transaction each) gives what storing them one by one gives."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from briefings.article import read_article_file
from briefings.extract import extract
from briefings.model import Article, Extraction
from briefings.service import BriefingService
from briefings.store.api import IngestResult, StoredEvent
from briefings.store.repository import SqlEventStore, _BatchMemo
from briefings.store.tables import ArticleRow, EventRow
from tests import pg
from tests.conftest import DATA
from tests.store.helpers import MEDINSKY, NOW, article, at, d, extraction, talks, us_meeting

STORIES = DATA / "stories"


@pytest.fixture
def other_db_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second fresh database on the same backend as ``db_url``."""
    if db_url.startswith("postgresql"):
        name = pg.create_database()
        try:
            yield pg.url_for(name)
        finally:
            pg.drop_database(name)
    else:
        yield f"sqlite+aiosqlite:///{tmp_path / 'other.db'}"


def ticking() -> Callable[[], dt.datetime]:
    """A clock one second further on each call, so times in results and histories can be compared."""
    n = itertools.count()
    return lambda: NOW + dt.timedelta(seconds=next(n))


def story_articles() -> list[tuple[Article, Extraction]]:
    """Every story sequence of tests/data/stories in order (several stories in one store), then repeats."""
    paths = [p for d in sorted(STORIES.iterdir()) if d.is_dir() for p in sorted(d.glob("*.txt"))]
    articles = [read_article_file(p) for p in paths]
    # a repeat of an earlier article and one repeated inside a batch: both duplicates
    articles += [articles[0], articles[-1]]
    return [(a, extract(a)) for a in articles]


async def _count(store: SqlEventStore, table: type) -> int:
    async with store.engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(table))).scalar_one())


@pytest.mark.parametrize("size", [4, 100])
async def test_batches_store_what_one_by_one_stores(db_url: str, other_db_url: str, size: int) -> None:
    """The story sequences stored in batches of 4 (and all at once) gave the same result for every article
    (created, changed with its changes, merged, duplicates) and the same events, histories, conflicts,
    sources, expectations and stories as storing them one by one."""
    items = story_articles()
    one_clock, batch_clock = ticking(), ticking()
    async with SqlEventStore(db_url) as one:
        expected = [await one.add_article(a, e, one_clock()) for a, e in items]
        events, stories = await one.events(), await one.stories()
    async with SqlEventStore(other_db_url) as many:
        got: list[IngestResult | Exception] = []
        for k in range(0, len(items), size):
            got += await many.add_articles(items[k : k + size], batch_clock)
        assert got == expected
        assert await many.events() == events
        assert await many.stories() == stories
    assert sum(r.duplicate for r in expected) == 2
    assert any(r.changed for r in expected) and any(r.merged for r in expected)
    assert any(e.history for e in events) and any(e.conflicts for e in events)


def content(ev: StoredEvent) -> tuple[object, ...]:
    """An event without its ids (PostgreSQL spends sequence numbers on a rolled-back batch too)."""
    return (
        ev.story,
        ev.title,
        ev.status,
        ev.date,
        ev.start_utc,
        ev.location,
        ev.parties,
        ev.participants,
        [s.source for s in ev.sources],
        [(c.field, c.old, c.new, c.source) for c in ev.history],
        [(c.field, c.value, c.source) for c in ev.conflicts],
        ev.expectations,
    )


async def test_a_bad_article_in_a_batch_costs_only_itself(db_url: str, other_db_url: str) -> None:
    """An article that cannot be stored (a naive time) in the middle of a batch: its place holds the error,
    the articles before and after it are stored as if it had never been sent, and nothing of it is left."""
    naive = dt.datetime(2025, 5, 16, 9, 30)  # noqa: DTZ001 - naive on purpose
    good1 = (article("a1", d(15)), extraction(d(15), talks(), expectations=("low hopes",)))
    bad = (article("bad", d(15)), extraction(d(15), talks(), us_meeting(start_utc=naive)))
    good2 = (article("a2", d(16)), extraction(d(16), talks(start_utc=at(16, 10), participants=(MEDINSKY,))))
    async with SqlEventStore(db_url) as many:
        got = await many.add_articles([good1, bad, good2], lambda: NOW)
        assert isinstance(got[1], Exception) and "naive" in str(got[1])
        assert await _count(many, ArticleRow) == 2 and await _count(many, EventRow) == 1
        events = await many.events()
    async with SqlEventStore(other_db_url) as one:
        first = await one.add_article(*good1, NOW)
        second = await one.add_article(*good2, NOW)
        assert [content(e) for e in await one.events()] == [content(e) for e in events]
    assert isinstance(got[0], IngestResult) and isinstance(got[2], IngestResult)
    shape = [(len(r.created), len(r.changed), len(r.merged)) for r in (got[0], got[2])]
    assert shape == [(len(r.created), len(r.changed), len(r.merged)) for r in (first, second)] == [(1, 0, 0), (0, 1, 0)]
    assert [c.value for c in events[0].conflicts] == ["2025-05-16T10:00:00Z"]


async def test_service_batch_notifies_in_order_and_isolates_an_extractor_failure(db_url: str) -> None:
    """ingest_articles: an article the extractor fails on gets its exception, the others are stored and
    each listener call comes after the batch is stored, in article order; a duplicate notifies no one."""
    heard: list[int | None] = []

    async def listener(result: IngestResult) -> None:
        heard.append(result.article_id)

    def extractor(a: Article) -> Extraction:
        if a.source == "boom":
            raise RuntimeError("extractor bug")
        return extraction(d(16), talks(title=f"talks {a.source}"))

    class Clock:
        now = staticmethod(ticking())

    async with SqlEventStore(db_url) as store:
        service = BriefingService(store, Clock(), listeners=[listener], extractor=extractor)
        arts = [article("a1", d(16)), article("boom", d(16)), article("a2", d(16)), article("a1", d(16))]
        got = await service.ingest_articles(arts, channels=("C1",))
    assert isinstance(got[1], RuntimeError)
    ok = [r for r in got if isinstance(r, IngestResult)]
    assert [r.duplicate for r in ok] == [False, False, True]
    assert all(r.channels == ("C1",) for r in ok)
    assert heard == [ok[0].article_id, ok[1].article_id]


async def test_candidates_ranked_from_the_batch_key_index_match_the_database_ranking(db_url: str) -> None:
    """Before each batch of the story sets (stories, stories2, stories3; batches of 5), every report's
    candidates ranked from the batch's key index (read once) were the ones the database's own ranking
    (count of shared keys, newest first, one query per report) gave, in the same order. How the index is
    kept up to date within a batch is held by the batch-versus-one-by-one test above."""
    paths = [
        p
        for name in ("stories", "stories2", "stories3")
        for d in sorted((DATA / name).iterdir())
        if d.is_dir()
        for p in sorted(d.glob("*.txt"))
    ]
    items = [(a, extract(a)) for a in (read_article_file(p) for p in paths)]
    compared = 0
    async with SqlEventStore(db_url) as store:
        for k in range(0, len(items), 5):
            batch = items[k : k + 5]
            async with store._session() as s:
                indexed = _BatchMemo()
                await store._read_keys(s, indexed, [x for _, x in batch])
                for _, x in batch:
                    for ev in x.events:
                        via_index = [st.id for st in await store._candidates(s, indexed, ev, {})]
                        via_query = [st.id for st in await store._candidates(s, _BatchMemo(), ev, {})]
                        assert via_index == via_query, ev.title
                        compared += bool(via_query)
            await store.add_articles(batch, ticking())
    assert compared > 50  # most reports had stored meetings to weigh
