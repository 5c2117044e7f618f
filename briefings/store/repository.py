"""The event store on SQLAlchemy 2 async: stores articles, merges their events, answers story queries.

    async with SqlEventStore("sqlite+aiosqlite:///briefbot.db") as store:
        result = await store.add_article(article, extraction, now)

Matching and merging are decided by :mod:`briefings.tracking` over plain values; this module only loads
and saves. Each article is written in one transaction, so a failure leaves nothing half-written;
``add_articles`` writes many in one transaction with the same outcome for each, and when that batch fails
stores its articles one by one, so a bad article costs only itself.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import ColumnElement, delete, func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from briefings import tracking
from briefings.errors import StoreError
from briefings.model import Article, EventStatus, ExtractedEvent, Extraction, Participant
from briefings.store.api import Change, Conflict, IngestResult, SourceRef, StoredEvent, Story
from briefings.store.db import create_schema, make_engine, sessionmaker
from briefings.store.tables import (
    ArticleRow,
    ConflictRow,
    EventChangeRow,
    EventKeyRow,
    EventRow,
    EventSourceRow,
    ExpectationRow,
    ParticipantRow,
    StoryRow,
)

log = logging.getLogger(__name__)

# how many stored events at most are weighed against one report
_MAX_CANDIDATES = 15
# how many of an event's sources and expectation sentences a view carries (newest kept): cards show a few
_MAX_SOURCES = 25
_MAX_EXPECTATIONS = 25
_UPCOMING = (EventStatus.SCHEDULED.value, EventStatus.POSTPONED.value, EventStatus.ONGOING.value)
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|ocid|cmpid|ref|rss|taid)$", re.I)


def canonical_url(url: str | None) -> str | None:
    """An article URL without fragment, tracking parameters or trailing slash, scheme and host lower-cased."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return url.strip()
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)]
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _event_keys(ev: ExtractedEvent) -> set[str]:
    keys = {f"party:{tracking.fold(tracking.canonical_party(p))}" for p in ev.parties if p.strip()}
    if ev.city:
        keys.add(f"city:{tracking.fold(ev.city)}")
    keys |= {f"person:{tracking.surname(p.name)}" for p in ev.participants if p.name and tracking.surname(p.name)}
    return {k[:300] for k in keys}


def _ranked(event_col: Any, key_col: Any, event_ids: Sequence[int], *extra: Any) -> Any:
    """The rows of these events numbered newest first per event (``rank``, from 1), as a subquery with
    ``event_id``, ``key`` and the extra columns."""
    return (
        select(
            event_col.label("event_id"),
            key_col.label("key"),
            *extra,
            func.row_number().over(partition_by=event_col, order_by=key_col.desc()).label("rank"),
        )
        .where(event_col.in_(event_ids))
        .subquery()
    )


def _index_keys(memo: _BatchMemo, event_id: int, keys: Iterable[str]) -> None:
    """Keep the batch's key index as the database now has it, after writing an event's new keys."""
    if memo.found_by is not None:
        for k in keys:
            if k in memo.found_by:
                memo.found_by[k].add(event_id)


@dataclass(slots=True)
class _Parts:
    """The growing parts of one event's view, as ``_load_views`` would read them now."""

    sources: list[SourceRef]
    expectations: list[str]
    history: list[Change]
    conflicts: list[Conflict]


@dataclass(slots=True)
class _BatchMemo:
    """What the articles of one transaction know of the events they read or wrote, and the rows they will add.

    Every entry equals what a fresh query would give at that point, so an article of a batch is merged and
    reported exactly as if it were stored alone; the child rows (sources, changes, conflicts, expectations,
    participants) are written once, at the end of the batch, in the order one-by-one storing would write them.
    """

    # event states as tracking sees them, and their rows, kept for the whole batch
    states: dict[int, tracking.EventState] = field(default_factory=dict)
    rows: dict[int, EventRow] = field(default_factory=dict)
    # per event: its participants as stored, (field, old value) of each change, (field, value) of each conflict
    people: dict[int, tuple[Participant, ...]] = field(default_factory=dict)
    past: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    disputed: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    # search keys per event, once read or written
    keys: dict[int, set[str]] = field(default_factory=dict)
    # the events each search key of the batch's reports finds, read once per batch and kept up to date as the
    # batch writes keys: candidates are then ranked here instead of by one query per report
    found_by: dict[str, set[int]] | None = None
    # (event, text) of every stored expectation whose text one of the batch's articles has: read once per batch
    texts: set[tuple[int, str]] = field(default_factory=set)
    parts: dict[int, _Parts] = field(default_factory=dict)
    stories: dict[str, StoryRow] = field(default_factory=dict)
    # the batch's articles as sources and history name them: (source, published)
    articles: dict[int, tuple[str, dt.date | None]] = field(default_factory=dict)
    # rows to write at the end of the batch
    sources: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    expectations: list[dict[str, Any]] = field(default_factory=list)
    sources_added: set[tuple[int, int]] = field(default_factory=set)
    people_changed: set[int] = field(default_factory=set)

    def state(self, event_id: int) -> tracking.EventState:
        """The state of an event of the batch as a fresh load would build it."""
        r = self.rows[event_id]
        return tracking.EventState(
            **_common(r, tuple(r.parties or ()), self.people[event_id]),
            as_of=(r.as_of_published, r.as_of_article),
            past_values=frozenset(self.past[event_id]),
            conflicts=frozenset(self.disputed[event_id]),
        )

    def view(self, event_id: int) -> StoredEvent:
        """The event as ``_load_views`` would read it now."""
        r = self.rows[event_id]
        p = self.parts[event_id]
        return StoredEvent(
            **_common(r, tuple(r.parties or ()), self.people[event_id]),
            sources=tuple(p.sources[-_MAX_SOURCES:]),
            history=tuple(p.history),
            conflicts=tuple(p.conflicts),
            expectations=tuple(p.expectations[-_MAX_EXPECTATIONS:]),
            updated_at=r.updated_at,
        )


class SqlEventStore:
    """:class:`briefings.store.api.EventStore` on a SQL database (SQLite file or PostgreSQL)."""

    def __init__(self, engine_or_url: AsyncEngine | str) -> None:
        if isinstance(engine_or_url, str):
            self._engine: AsyncEngine | None = None
            self._url: str | None = engine_or_url
        else:
            self._engine, self._url = engine_or_url, None
        self._owns_engine = isinstance(engine_or_url, str)
        self._sessions: async_sessionmaker[AsyncSession] | None = None
        # one writer at a time: SQLite allows no more, and merging must see the previous article's result
        self._write_lock = asyncio.Lock()
        # story answers by (newest article id, topic, day); see story_events
        self._answers: dict[tuple[int | None, str, dt.date], tuple[StoredEvent, ...]] = {}

    # ------------------------------------------------------------ lifetime

    @property
    def engine(self) -> AsyncEngine:
        """The engine, once open."""
        if self._engine is None:
            raise StoreError("the store is not open: call 'await store.open()' first")
        return self._engine

    async def open(self) -> SqlEventStore:
        """Connect and create the tables that do not exist yet."""
        if self._sessions is not None:
            return self
        if self._engine is None:
            assert self._url is not None
            self._engine = make_engine(self._url)
        try:
            await create_schema(self._engine)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"cannot open the store: {exc.__class__.__name__}: {exc}") from exc
        self._sessions = sessionmaker(self._engine)
        return self

    async def close(self) -> None:
        """Release connections (the engine too if the store made it)."""
        if self._engine is not None and self._owns_engine:
            await self._engine.dispose()
            self._engine = None
        self._sessions = None

    async def __aenter__(self) -> SqlEventStore:
        return await self.open()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def _session(self) -> AsyncSession:
        if self._sessions is None:
            raise StoreError("the store is not open: call 'await store.open()' first")
        return self._sessions()

    # ------------------------------------------------------------ writing

    async def has_article(self, article: Article) -> int | None:
        """The id of an article already stored (same canonical URL or same text), else None."""
        async with self._session() as s:
            return await self._find_article(s, article)

    async def _find_article(self, s: AsyncSession, article: Article) -> int | None:
        url = canonical_url(article.url)
        cond = ArticleRow.content_hash == article.content_hash
        if url:
            cond = or_(cond, ArticleRow.url == url)
        return (await s.execute(select(ArticleRow.id).where(cond).limit(1))).scalar_one_or_none()

    async def add_article(self, article: Article, extraction: Extraction, now: dt.datetime) -> IngestResult:
        """Store an article and merge its events, in one transaction; a known article is a no-op."""
        if now.tzinfo is None:
            raise ValueError("add_article needs an aware 'now'")
        async with self._write_lock, self._session() as s, s.begin():
            known = await self._find_article(s, article)
            if known is not None:
                return IngestResult(article_id=known, duplicate=True, extraction=extraction)
            memo = _BatchMemo()
            with s.no_autoflush:
                await self._read_texts(s, memo, [extraction])
                await self._read_keys(s, memo, [extraction])
                result = await self._store_new(s, memo, article, extraction, now)
                await self._write_memo(s, memo)
            return result

    async def add_articles(
        self, items: Sequence[tuple[Article, Extraction]], now: Callable[[], dt.datetime]
    ) -> list[IngestResult | Exception]:
        """Store articles in order in one transaction, with the results ``add_article`` one by one would give.

        ``now()`` is asked once per article. If the batch fails, each article is stored on its own, so a bad
        article costs only itself: its place in the returned list holds its exception.
        """
        if not items:
            return []
        try:
            async with self._write_lock, self._session() as s, s.begin():
                return list(await self._store_batch(s, items, now))
        except Exception:
            log.info("a batch of %d articles failed; storing them one by one", len(items), exc_info=True)
        out: list[IngestResult | Exception] = []
        for article, extraction in items:
            try:
                out.append(await self.add_article(article, extraction, now()))
            except Exception as exc:
                out.append(exc)
        return out

    async def _store_batch(
        self, s: AsyncSession, items: Sequence[tuple[Article, Extraction]], now: Callable[[], dt.datetime]
    ) -> list[IngestResult]:
        memo = _BatchMemo()
        # one look-up for every article's duplicates instead of one per article
        hashes = {a.content_hash for a, _ in items}
        urls = {u for a, _ in items if (u := canonical_url(a.url))}
        cond: ColumnElement[bool] = ArticleRow.content_hash.in_(hashes)
        if urls:
            cond = or_(cond, ArticleRow.url.in_(urls))
        by_hash: dict[str, int] = {}
        by_url: dict[str, int] = {}
        for aid, url, chash in await s.execute(
            select(ArticleRow.id, ArticleRow.url, ArticleRow.content_hash).where(cond).order_by(ArticleRow.id)
        ):
            by_hash.setdefault(chash, aid)
            if url:
                by_url.setdefault(url, aid)
        out: list[IngestResult] = []
        with s.no_autoflush:
            await self._read_texts(s, memo, [x for _, x in items])
            await self._read_keys(s, memo, [x for _, x in items])
            for article, extraction in items:
                moment = now()
                if moment.tzinfo is None:
                    raise ValueError("add_articles needs an aware 'now'")
                url = canonical_url(article.url)
                chash = article.content_hash
                found = [i for i in (by_hash.get(chash), by_url.get(url) if url else None) if i is not None]
                if found:
                    out.append(IngestResult(article_id=min(found), duplicate=True, extraction=extraction))
                    continue
                result = await self._store_new(s, memo, article, extraction, moment)
                assert result.article_id is not None
                by_hash[chash] = result.article_id
                if url:
                    by_url[url] = result.article_id
                out.append(result)
            await self._write_memo(s, memo)
        return out

    async def _store_new(
        self, s: AsyncSession, memo: _BatchMemo, article: Article, extraction: Extraction, now: dt.datetime
    ) -> IngestResult:
        """Write one article not stored yet and merge its events (in the caller's transaction, no autoflush)."""
        # the database hands times back in UTC: keep them so, and the memo's views equal a fresh read
        now = now.astimezone(dt.UTC)
        published = article.published or extraction.published or now.date()
        values: dict[str, Any] = {
            "source": article.source[:2000],
            "url": canonical_url(article.url),
            "content_hash": article.content_hash,
            "headline": article.headline or extraction.headline,
            "outlet": article.outlet,
            "published": article.published or extraction.published,
            "ingested_at": now,
            "text": article.text,
        }
        article_id = (await s.execute(insert(ArticleRow).values(values).returning(ArticleRow.id))).scalar_one()
        memo.articles[article_id] = (article.source[:2000], article.published or extraction.published)
        created, changed, merged = await self._merge_events(
            s, memo, article_id, published, extraction, now, article.headline, values
        )
        touched = [*created, *changed, *merged]
        for eid in touched:
            memo.states[eid] = memo.state(eid)
        views = {i: memo.view(i) for i in touched}
        return IngestResult(
            article_id=article_id,
            duplicate=False,
            created=tuple(views[i] for i in created),
            changed=tuple(
                (views[i], tuple(c for c in views[i].history if c.article_id == article_id)) for i in changed
            ),
            merged=tuple(views[i] for i in merged),
            extraction=extraction,
        )

    async def _write_memo(self, s: AsyncSession, memo: _BatchMemo) -> None:
        """Write the rows the batch collected, each table in one statement, in the order they were made."""
        if memo.people_changed:
            await s.execute(delete(ParticipantRow).where(ParticipantRow.event_id.in_(sorted(memo.people_changed))))
            people = [
                {
                    "event_id": eid,
                    "position": i,
                    "name": p.name,
                    "role": p.role,
                    "affiliation": p.affiliation,
                    "head": p.head,
                }
                for eid in sorted(memo.people_changed)
                for i, p in enumerate(memo.people[eid])
            ]
            if people:
                await s.execute(insert(ParticipantRow), people)
        for table, rows in (
            (EventSourceRow, memo.sources),
            (EventChangeRow, memo.changes),
            (ConflictRow, memo.conflicts),
            (ExpectationRow, memo.expectations),
        ):
            if rows:
                await s.execute(insert(table), rows)
        await s.flush()

    async def _merge_events(
        self,
        s: AsyncSession,
        memo: _BatchMemo,
        article_id: int,
        published: dt.date,
        extraction: Extraction,
        now: dt.datetime,
        headline: str | None,
        article: dict[str, Any],
    ) -> tuple[list[int], list[int], list[int]]:
        created: list[int] = []
        changed: list[int] = []
        merged: list[int] = []
        live: dict[int, tracking.EventState] = {}
        stories_touched: dict[str, set[str]] = {}
        # the event the headline is about goes first, so it names a new story
        headline = headline or extraction.headline or ""
        order = sorted(extraction.events, key=lambda e: (-tracking.headline_weight(e, headline), -len(e.participants)))
        # one article reports each stored meeting at most once: pair reports and meetings best score first,
        # so a multilateral meeting does not take the bilateral's place just because it was read first
        scored: list[tuple[float, int, int]] = []
        candidates: dict[int, list[tracking.EventState]] = {}
        for i, ev in enumerate(order):
            report = tracking.Report(ev, article_id, published)
            candidates[i] = await self._candidates(s, memo, ev, live)
            for st in candidates[i]:
                sc = tracking.match_score(st, report)
                if sc is not None and sc >= tracking.MATCH_FLOOR:
                    scored.append((sc, i, st.id))
        paired: dict[int, int] = {}
        for _score, i, sid in sorted(scored, key=lambda t: (-t[0], t[1], -t[2])):
            if i not in paired and sid not in paired.values():
                paired[i] = sid
        await self._load_parts(s, memo, list(paired.values()))
        source = SourceRef(
            article_id,
            article["source"],
            article["headline"],
            article["url"],
            article["outlet"],
            article["published"],
        )
        for i, ev in enumerate(order):
            report = tracking.Report(ev, article_id, published)
            match = live.get(paired[i]) if i in paired else None
            if match is None:
                # meetings created from this article a moment ago can share its story
                nearby = [*candidates[i], *(live[e] for e in created if e in live)]
                event_id, story = await self._create(s, memo, report, nearby, live, now)
                created.append(event_id)
            else:
                event_id, story, did_change = await self._apply(s, memo, match, report, live, now)
                if event_id in created or event_id in changed:
                    pass
                elif did_change:
                    if event_id in merged:
                        merged.remove(event_id)
                    changed.append(event_id)
                elif event_id not in merged:
                    merged.append(event_id)
            stories_touched.setdefault(story, set()).update(tracking.story_words(ev))
            # the article is new, so only this article can have linked the event already (two reports of one meeting)
            if (event_id, article_id) not in memo.sources_added:
                memo.sources_added.add((event_id, article_id))
                memo.sources.append({"event_id": event_id, "article_id": article_id, "evidence": ev.evidence})
                memo.parts[event_id].sources.append(source)
        for event_id in dict.fromkeys([*created, *changed, *merged]):
            self._add_expectations(memo, event_id, article_id, extraction.expectations)
        for key, words in stories_touched.items():
            story_row = await self._story_row(s, memo, key)
            if story_row is not None:
                story_row.words = " ".join(sorted(set(story_row.words.split()) | words))
                story_row.updated_at = now
        return created, changed, merged

    async def _candidates(
        self, s: AsyncSession, memo: _BatchMemo, ev: ExtractedEvent, live: dict[int, tracking.EventState]
    ) -> list[tracking.EventState]:
        keys = _event_keys(ev)
        # the events sharing most of the report's sides, place and people, newest first
        index = memo.found_by
        if keys and index is not None and all(k in index for k in keys):
            hits: dict[int, int] = {}
            for k in keys:
                for eid in index[k]:
                    hits[eid] = hits.get(eid, 0) + 1
            ids = sorted(hits, key=lambda e: (-hits[e], -e))[:_MAX_CANDIDATES]
        else:
            count = func.count(EventKeyRow.key)
            q = select(EventKeyRow.event_id).group_by(EventKeyRow.event_id)
            if keys:
                q = q.where(EventKeyRow.key.in_(keys))
            q = q.order_by(count.desc(), EventKeyRow.event_id.desc()).limit(_MAX_CANDIDATES)
            ids = list((await s.execute(q)).scalars())
        for i in ids:
            # an earlier article of this batch has loaded or written it: its state is already known
            if i not in live and i in memo.states:
                live[i] = memo.states[i]
        need = [i for i in ids if i not in live]
        if need:
            # events no article of the batch has touched yet: the database has them as they are
            loaded = await s.execute(
                select(EventRow).where(EventRow.id.in_(need)).options(selectinload(EventRow.participants))
            )
            # the view parts too: what tracking needs of history and conflicts comes from them, and a report
            # merged into one of these meetings then finds its sources and history already read
            parts = await self._read_parts(s, need)
            keys_of: dict[int, set[str]] = {i: set() for i in need}
            for eid, key in await s.execute(
                select(EventKeyRow.event_id, EventKeyRow.key).where(EventKeyRow.event_id.in_(need))
            ):
                keys_of[eid].add(key)
            for r in loaded.scalars():
                memo.rows[r.id] = r
                memo.people[r.id] = _participants(r)
                memo.parts[r.id] = parts[r.id]
                memo.keys[r.id] = keys_of[r.id]
                memo.past[r.id] = {(c.field, c.old) for c in parts[r.id].history if c.old is not None}
                memo.disputed[r.id] = {(c.field, c.value) for c in parts[r.id].conflicts}
                live[r.id] = memo.states[r.id] = memo.state(r.id)
        return [live[i] for i in dict.fromkeys([*ids, *live]) if i in live]

    async def _load_parts(self, s: AsyncSession, memo: _BatchMemo, event_ids: list[int]) -> None:
        """Read the sources, expectations, history and conflicts of events the batch has not read yet."""
        need = [i for i in event_ids if i not in memo.parts]
        if not need:
            return
        memo.parts.update(await self._read_parts(s, need))

    async def _create(
        self,
        s: AsyncSession,
        memo: _BatchMemo,
        report: tracking.Report,
        nearby: list[tracking.EventState],
        live: dict[int, tracking.EventState],
        now: dt.datetime,
    ) -> tuple[int, str]:
        ev = report.event
        story = await self._story_for(s, memo, ev, nearby, now)
        values = tracking.initial_values(report)
        parties = tracking.merge_parties((), ev.parties)
        participants, _ = tracking.merge_participants((), ev.participants)
        row = EventRow(
            story_key=story,
            parties=list(parties),
            as_of_published=report.published,
            as_of_article=report.article_id,
            created_at=now,
            updated_at=now,
            **{k: _stored(v) for k, v in values.items()},
        )
        s.add(row)
        await s.flush()
        keys = _event_keys(ev)
        if keys:
            await s.execute(insert(EventKeyRow), [{"key": k, "event_id": row.id} for k in sorted(keys)])
            _index_keys(memo, row.id, keys)
        memo.rows[row.id] = row
        memo.people[row.id] = _stored_people(participants)
        memo.people_changed.add(row.id)
        memo.past[row.id], memo.disputed[row.id], memo.keys[row.id] = set(), set(), keys
        memo.parts[row.id] = _Parts([], [], [], [])
        live[row.id] = tracking.EventState(**_common(row, parties, participants), as_of=report.order)
        return row.id, story

    async def _story_row(self, s: AsyncSession, memo: _BatchMemo, key: str) -> StoryRow | None:
        # the session forgets unchanged rows it no longer references: the memo keeps them for the batch
        row = memo.stories.get(key)
        if row is None:
            row = await s.get(StoryRow, key)
            if row is not None:
                memo.stories[key] = row
        return row

    async def _story_for(
        self,
        s: AsyncSession,
        memo: _BatchMemo,
        ev: ExtractedEvent,
        nearby: list[tracking.EventState],
        now: dt.datetime,
    ) -> str:
        """The story a new meeting belongs to: one whose meetings share its city and a side, else its own."""
        core = {tracking.fold(p) for p in tracking.core_parties(ev.parties, ev.country)}
        best: tuple[int, int] | None = None
        found: str | None = None
        for st in nearby:
            same_city = bool(ev.city and st.city and tracking.fold(ev.city) == tracking.fold(st.city))
            shared = len(core & {tracking.fold(p) for p in tracking.core_parties(st.parties, st.country)})
            if same_city and (shared or not core) and (best is None or (shared, st.id) > best):
                best, found = (shared, st.id), st.story
        if found:
            return found
        key = tracking.story_key(ev)[:200]
        if await self._story_row(s, memo, key) is None:
            row = StoryRow(key=key, title=tracking.story_title(ev)[:500], words="", created_at=now, updated_at=now)
            s.add(row)
            await s.flush()
            memo.stories[key] = row
        return key

    async def _apply(
        self,
        s: AsyncSession,
        memo: _BatchMemo,
        state: tracking.EventState,
        report: tracking.Report,
        live: dict[int, tracking.EventState],
        now: dt.datetime,
    ) -> tuple[int, str, bool]:
        row = memo.rows[state.id]
        parts = memo.parts[row.id]
        source, published = memo.articles[report.article_id]
        upd = tracking.merge(state, report)
        for name, value in upd.values.items():
            setattr(row, name, _stored(value))
        for name, old, new in upd.changes:
            memo.changes.append(
                {
                    "event_id": row.id,
                    "field": name,
                    "old": old,
                    "new": new,
                    "article_id": report.article_id,
                    "learned_at": now,
                }
            )
            parts.history.append(Change(name, old, new, report.article_id, source, now, published))
            if old is not None:
                memo.past[row.id].add((name, old))
        for name, value in upd.conflicts:
            memo.conflicts.append(
                {"event_id": row.id, "field": name, "value": value[:500], "article_id": report.article_id}
            )
            parts.conflicts.append(Conflict(name, value[:500], source, report.article_id))
            memo.disputed[row.id].add((name, value[:500]))
        participants = upd.participants or state.participants
        if upd.participants:
            memo.people[row.id] = _stored_people(upd.participants)
            memo.people_changed.add(row.id)
        parties = upd.parties or state.parties
        if upd.parties:
            row.parties = list(upd.parties)
        new_keys = _event_keys(report.event)
        if new_keys:
            have = memo.keys.get(row.id)
            if have is None:
                have = set((await s.execute(select(EventKeyRow.key).where(EventKeyRow.event_id == row.id))).scalars())
            # written at once, not with the batch's other rows: the next article's candidates are found by them
            if new_keys - have:
                await s.execute(insert(EventKeyRow), [{"key": k, "event_id": row.id} for k in sorted(new_keys - have)])
                _index_keys(memo, row.id, new_keys - have)
            memo.keys[row.id] = have | new_keys
        as_of = report.order if upd.newer else state.as_of
        row.as_of_published, row.as_of_article = as_of
        row.updated_at = now
        past = set(state.past_values) | {(n, o) for n, o, _ in upd.changes if o is not None}
        live[row.id] = tracking.EventState(
            **_common(row, parties, participants),
            as_of=as_of,
            past_values=frozenset(past),
            conflicts=state.conflicts | frozenset(upd.conflicts),
        )
        return row.id, row.story_key, bool(upd.changes or upd.conflicts)

    async def _read_texts(self, s: AsyncSession, memo: _BatchMemo, extractions: Iterable[Extraction]) -> None:
        """Which events already have the expectation texts these articles bring (one query for a batch)."""
        texts = {t.strip() for x in extractions for t in x.expectations if t and t.strip()}
        if texts:
            found = await s.execute(
                select(ExpectationRow.event_id, ExpectationRow.text).where(ExpectationRow.text.in_(sorted(texts)))
            )
            memo.texts.update((eid, text) for eid, text in found)

    async def _read_keys(self, s: AsyncSession, memo: _BatchMemo, extractions: Iterable[Extraction]) -> None:
        """Which stored events each search key of these articles' reports finds (one query for a batch)."""
        keys = sorted({k for x in extractions for ev in x.events for k in _event_keys(ev)})
        index: dict[str, set[int]] = {k: set() for k in keys}
        if keys:
            for key, eid in await s.execute(
                select(EventKeyRow.key, EventKeyRow.event_id).where(EventKeyRow.key.in_(keys))
            ):
                index[key].add(eid)
        memo.found_by = index

    def _add_expectations(self, memo: _BatchMemo, event_id: int, article_id: int, texts: Iterable[str]) -> None:
        texts = [t.strip() for t in texts if t and t.strip()]
        if not texts:
            return
        for t in dict.fromkeys(texts):
            if (event_id, t) not in memo.texts:
                memo.expectations.append({"event_id": event_id, "article_id": article_id, "text": t})
                memo.parts[event_id].expectations.append(t)
                memo.texts.add((event_id, t))

    # ------------------------------------------------------------ reading

    async def _load_views(
        self, s: AsyncSession, ids: Sequence[int] | None = None, story: str | None = None
    ) -> list[StoredEvent]:
        q = select(EventRow).options(selectinload(EventRow.participants))
        if ids is not None:
            q = q.where(EventRow.id.in_(ids))
        if story is not None:
            q = q.where(EventRow.story_key == story)
        rows = (await s.execute(q.order_by(EventRow.id).execution_options(populate_existing=True))).scalars().all()
        if not rows:
            return []
        parts = await self._read_parts(s, [r.id for r in rows])
        return [
            _view(
                r,
                tuple(parts[r.id].sources),
                tuple(parts[r.id].expectations),
                tuple(parts[r.id].history),
                tuple(parts[r.id].conflicts),
            )
            for r in rows
        ]

    async def _read_parts(self, s: AsyncSession, event_ids: Sequence[int]) -> dict[int, _Parts]:
        """Sources and expectations (newest, capped, oldest first), history and conflicts of each event."""
        # sources and expectations grow with every report: read them as plain columns, newest first, capped
        # (reading every source row and capping here made a busy meeting cost more with each report: the
        # articles table's rows, texts and all, were read for all of them)
        sources: dict[int, list[SourceRef]] = {}
        newest = _ranked(EventSourceRow.event_id, EventSourceRow.article_id, event_ids)
        src_q = (
            select(
                newest.c.event_id,
                ArticleRow.id,
                ArticleRow.source,
                ArticleRow.headline,
                ArticleRow.url,
                ArticleRow.outlet,
                ArticleRow.published,
            )
            .join(ArticleRow, ArticleRow.id == newest.c.key)
            .where(newest.c.rank <= _MAX_SOURCES)
            .order_by(newest.c.key.desc())
        )
        for eid, aid, source, headline, url, outlet, published in await s.execute(src_q):
            sources.setdefault(eid, []).append(SourceRef(aid, source, headline, url, outlet, published))
        expectations: dict[int, list[str]] = {}
        newest_e = _ranked(ExpectationRow.event_id, ExpectationRow.id, event_ids, ExpectationRow.text)
        exp_q = (
            select(newest_e.c.event_id, newest_e.c.text)
            .where(newest_e.c.rank <= _MAX_EXPECTATIONS)
            .order_by(newest_e.c.key.desc())
        )
        for eid, text in await s.execute(exp_q):
            expectations.setdefault(eid, []).append(text)
        history: dict[int, list[Change]] = {}
        for eid, name, old, new, aid, learned, source, published in await s.execute(
            select(
                EventChangeRow.event_id,
                EventChangeRow.field,
                EventChangeRow.old,
                EventChangeRow.new,
                EventChangeRow.article_id,
                EventChangeRow.learned_at,
                ArticleRow.source,
                ArticleRow.published,
            )
            .join(ArticleRow, ArticleRow.id == EventChangeRow.article_id)
            .where(EventChangeRow.event_id.in_(event_ids))
            .order_by(EventChangeRow.id)
        ):
            history.setdefault(eid, []).append(Change(name, old, new, aid, source, learned, published))
        conflicts: dict[int, list[Conflict]] = {}
        for eid, name, value, aid, source in await s.execute(
            select(
                ConflictRow.event_id, ConflictRow.field, ConflictRow.value, ConflictRow.article_id, ArticleRow.source
            )
            .join(ArticleRow, ArticleRow.id == ConflictRow.article_id)
            .where(ConflictRow.event_id.in_(event_ids))
            .order_by(ConflictRow.id)
        ):
            conflicts.setdefault(eid, []).append(Conflict(name, value, source, aid))
        return {
            eid: _Parts(
                list(reversed(sources.get(eid, []))),
                list(reversed(expectations.get(eid, []))),
                history.get(eid, []),
                conflicts.get(eid, []),
            )
            for eid in event_ids
        }

    async def events(self) -> list[StoredEvent]:
        """Every stored event, oldest first."""
        async with self._session() as s:
            return await self._load_views(s)

    async def event(self, event_id: int) -> StoredEvent | None:
        """One event by id."""
        async with self._session() as s:
            found = await self._load_views(s, [event_id])
        return found[0] if found else None

    async def stories(self) -> list[Story]:
        """Every story, most recently updated first."""
        async with self._session() as s:
            stories = (await s.execute(select(StoryRow).order_by(StoryRow.updated_at.desc(), StoryRow.key))).scalars()
            ids: dict[str, list[int]] = {}
            for key, eid in await s.execute(select(EventRow.story_key, EventRow.id).order_by(EventRow.id)):
                ids.setdefault(key, []).append(eid)
            return [
                Story(key=r.key, title=r.title, event_ids=tuple(ids.get(r.key, ())), updated_at=r.updated_at)
                for r in stories
            ]

    async def story_title(self, key: str) -> str | None:
        """One story's title, if the story exists."""
        async with self._session() as s:
            title: str | None = (
                await s.execute(select(StoryRow.title).where(StoryRow.key == key))
            ).scalar_one_or_none()
            return title

    async def find_story(self, topic: str | None, now: dt.datetime) -> Story | None:
        """The story a topic names (title, parties, city, people); without one, the latest with upcoming events."""
        async with self._session() as s:
            key = await self._pick_story(s, topic, now)
            if key is None:
                return None
            row = await s.get(StoryRow, key)
            ids = (
                await s.execute(select(EventRow.id).where(EventRow.story_key == key).order_by(EventRow.id))
            ).scalars()
            assert row is not None
            return Story(key=row.key, title=row.title, event_ids=tuple(ids), updated_at=row.updated_at)

    async def _pick_story(self, s: AsyncSession, topic: str | None, now: dt.datetime) -> str | None:
        if topic and topic.strip():
            best: tuple[int, dt.datetime] | None = None
            found: str | None = None
            for skey, title, words, updated in await s.execute(
                select(StoryRow.key, StoryRow.title, StoryRow.words, StoryRow.updated_at)
            ):
                pool = set(words.split()) | set(skey.split("-")) | set(tracking.fold(title).split())
                score = tracking.topic_score(topic, pool)
                if score and (best is None or (score, updated) > best):
                    best, found = (score, updated), skey
            return found
        today = now.astimezone(dt.UTC).date()
        upcoming = (
            select(StoryRow.key)
            .join(EventRow, EventRow.story_key == StoryRow.key)
            .where(EventRow.status.in_(_UPCOMING))
            .where(or_(EventRow.date.is_(None), EventRow.date >= today - dt.timedelta(days=1)))
            .order_by(StoryRow.updated_at.desc())
            .limit(1)
        )
        key: str | None = (await s.execute(upcoming)).scalar_one_or_none()
        if key is None:
            key = (
                await s.execute(select(StoryRow.key).order_by(StoryRow.updated_at.desc()).limit(1))
            ).scalar_one_or_none()
        return key

    async def story_events(self, topic: str | None, now: dt.datetime) -> list[StoredEvent]:
        """Events of the story a topic names (``None``: the most recent story with upcoming events), by date."""
        async with self._session() as s:
            # events change only when an article is stored, by this instance or another one on the same
            # database: the newest article id says whether a remembered answer still holds
            version = (await s.execute(select(func.max(ArticleRow.id)))).scalar_one_or_none()
            cache_key = (version, (topic or "").strip().lower(), now.astimezone(dt.UTC).date())
            cached = self._answers.get(cache_key)
            if cached is not None:
                return list(cached)
            key = await self._pick_story(s, topic, now)
            if key is None:
                return []
            views = await self._load_views(s, story=key)
        far = dt.date.max
        out = sorted(views, key=lambda e: (e.date or far, e.start_utc or dt.datetime.max.replace(tzinfo=dt.UTC), e.id))
        if len(self._answers) > 256:
            self._answers.clear()
        self._answers[cache_key] = tuple(out)
        return out

    async def article_count(self) -> int:
        """How many articles are stored."""
        async with self._session() as s:
            return int((await s.execute(select(func.count(ArticleRow.id)))).scalar_one())


# ---------------------------------------------------------------- row -> value


def _stored(value: object) -> object:
    """A tracking value as its column holds it (and hands it back)."""
    if isinstance(value, EventStatus):
        return value.value
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    return value


def _stored_people(people: Sequence[Participant]) -> tuple[Participant, ...]:
    """Participants as their rows hold them (and hand them back)."""
    return tuple(
        Participant(
            name=(p.name or None) and p.name[:300],
            role=(p.role or None) and p.role[:500],
            affiliation=(p.affiliation or None) and p.affiliation[:300],
            head=p.head,
        )
        for p in people
    )


def _participants(r: EventRow) -> tuple[Participant, ...]:
    return tuple(Participant(name=p.name, role=p.role, affiliation=p.affiliation, head=p.head) for p in r.participants)


def _common(
    r: EventRow,
    parties: tuple[str, ...] | None = None,
    participants: tuple[Participant, ...] | None = None,
) -> dict[str, Any]:
    """The fields an event row gives both to tracking's state and to the public view.

    ``parties`` and ``participants`` override the row's own while a transaction is still writing them.
    """
    return {
        "id": r.id,
        "story": r.story_key,
        "title": r.title,
        "kind": r.kind,
        "status": EventStatus(r.status),
        "date": r.date,
        "start_utc": r.start_utc,
        "timezone": r.timezone,
        "venue": r.venue,
        "city": r.city,
        "country": r.country,
        "parties": parties if parties is not None else tuple(r.parties or ()),
        "participants": participants if participants is not None else _participants(r),
    }


def _state(
    r: EventRow, past_values: frozenset[tuple[str, str]], conflicts: frozenset[tuple[str, str]]
) -> tracking.EventState:
    return tracking.EventState(
        **_common(r), as_of=(r.as_of_published, r.as_of_article), past_values=past_values, conflicts=conflicts
    )


def _view(
    r: EventRow,
    sources: tuple[SourceRef, ...],
    expectations: tuple[str, ...],
    history: tuple[Change, ...],
    conflicts: tuple[Conflict, ...],
) -> StoredEvent:
    return StoredEvent(
        **_common(r),
        sources=sources,
        history=history,
        conflicts=conflicts,
        expectations=expectations,
        updated_at=r.updated_at,
    )
