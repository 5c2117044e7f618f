"""The feed poller: fetch RSS/Atom politely, keep only what is new, hand new articles to ingestion.

One :class:`FeedPoller` runs inside the bot's process as a scheduled job (only on the leader).
Each call of :meth:`FeedPoller.run_due` polls the feeds that are due, all at once but at most a few
per host, each isolated: a feed that times out, answers 500, sends garbage or a 100 MB body is
recorded in its health and backed off, and never stops the others.

New items are recognised by GUID, canonical link and content hash, so a publisher that edits a
title, date or GUID does not cause a repost. The first poll of a feed marks what is there as seen
and ingests only the ``backfill`` newest items, so adding a feed never floods a channel.
"""

from __future__ import annotations

import asyncio
import calendar
import datetime as dt
import hashlib
import itertools
import logging
import random
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import aiohttp
import feedparser
from multidict import CIMultiDict

from briefings import metrics
from briefings.cards import Card, CardKind
from briefings.clock import Clock
from briefings.errors import ArticleError, SourceError
from briefings.feeds_config import KeywordFilter, format_interval
from briefings.ingest import fragment_text, html_article, read_capped
from briefings.model import Article
from briefings.store.feed_tables import FeedRepository, FeedState, ItemKeys, PollOutcome

log = logging.getLogger(__name__)

# ingest one article for these target channels (empty: the default channels); returns what storing did
IngestFn = Callable[[Article, tuple[str, ...]], Awaitable[object]]
# ingest articles in order for these target channels, in one store transaction; each result or exception in order
IngestManyFn = Callable[[Sequence[Article], tuple[str, ...]], Awaitable[Sequence[object]]]
# send a card to a channel (the admins' notice of a disabled feed)
NotifyFn = Callable[[str, Card], Awaitable[object]]

# query parameters that only track the reader, never name the article
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "taid", "at_medium", "at_campaign")
# below this much text a content hash says too little ("Read more.") to recognise an item by
_MIN_HASH_CHARS = 40


@dataclass(frozen=True, slots=True)
class PollerConfig:
    """The poller's knobs; the bot builds it from its settings."""

    backfill: int = 1
    max_failures: int = 8
    timeout: float = 20.0
    max_bytes: int = 2_000_000
    user_agent: str = "briefbot"
    per_host: int = 2
    max_concurrent: int = 16
    admin_channel: str | None = None
    channel_keywords: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    base_backoff: float = 300.0
    max_backoff: float = 86400.0
    jitter: float = 0.1
    full_text: bool = True
    # a summary shorter than this (and no content) makes the poller fetch the article itself
    full_text_below: int = 600


@dataclass(frozen=True, slots=True)
class PollReport:
    """What one poll of one feed did."""

    feed: str
    status: str  # "ok", "not-modified", "error", "disabled"
    ingested: int = 0
    skipped: int = 0
    error: str | None = None


@dataclass(slots=True)
class _Candidate:
    """A parsed entry not known yet, before its article is built."""

    keys: ItemKeys
    title: str | None
    link: str | None
    guid: str | None
    summary: str
    has_content: bool
    published: dt.datetime | None
    order: int


@dataclass(frozen=True, slots=True)
class _Fetched:
    status: int
    body: bytes
    headers: Mapping[str, str]
    url: str


# ---------------------------------------------------------------------------------------- helpers


def canonical_link(url: str | None) -> str | None:
    """The link with what does not name the article removed: scheme, ``www.``, fragment, tracking, trailing slash."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return url.strip()
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith(_TRACKING)
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", host + port, path, urlencode(query), ""))


def _key(text: str | None) -> str | None:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] if text else None


def content_hash(text: str) -> str | None:
    """Hash of the normalised text, or None when there is too little text to tell items apart."""
    norm = " ".join(text.split()).casefold()
    if len(norm) < _MIN_HASH_CHARS:
        return None
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def _entry_time(entry: Any) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        st = entry.get(key)
        if st:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(st), dt.UTC)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def parse_feed_document(body: bytes, url: str) -> tuple[list[_Candidate], str | None]:
    """Parse a feed body into candidates (in document order) and a warning for a sloppy document.

    Raises :class:`SourceError` when the body is not a feed at all.
    """
    # no sanitising or URI resolving: we keep plain text only, and they cost half of feedparser's time
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    warning = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        reason = f"{type(exc).__name__}: {exc}" if exc else "malformed"
        if not parsed.entries and not parsed.get("version"):
            raise SourceError(url, f"not a feed ({reason})"[:300])
        if not parsed.entries:
            raise SourceError(url, f"malformed feed ({reason})"[:300])
        warning = f"malformed feed, read leniently ({reason})"[:300]
    elif not parsed.get("version") and not parsed.entries:
        raise SourceError(url, "not an RSS or Atom feed")
    out: list[_Candidate] = []
    for i, entry in enumerate(parsed.entries):
        contents = entry.get("content") or []
        body_html = "\n".join(c.get("value", "") for c in contents if c.get("value"))
        has_content = bool(body_html.strip())
        summary = fragment_text(body_html if has_content else entry.get("summary", "") or "")
        title = " ".join((entry.get("title") or "").split()) or None
        link = entry.get("link") or None
        guid = entry.get("id") or None
        out.append(
            _Candidate(
                keys=ItemKeys(guid=_key(guid), link=_key(canonical_link(link)), content=content_hash(summary)),
                title=title,
                link=link,
                guid=guid,
                summary=summary,
                has_content=has_content,
                published=_entry_time(entry),
                order=i,
            )
        )
    return out, warning


def backoff_delay(failures: int, base: float = 300.0, cap: float = 86400.0) -> float:
    """Seconds to wait after ``failures`` consecutive failures: base, doubling, capped."""
    return float(min(cap, base * 2 ** max(0, min(failures - 1, 30))))


def _ago(moment: dt.datetime | None, now: dt.datetime) -> str:
    if moment is None:
        return "never"
    secs = int((now - moment).total_seconds())
    if secs < 0:
        return "in " + _span(-secs)
    return _span(secs) + " ago"


def _span(secs: int) -> str:
    if secs < 90:
        return f"{secs}s"
    if secs < 90 * 60:
        return f"{round(secs / 60)}m"
    if secs < 36 * 3600:
        return f"{round(secs / 3600)}h"
    return f"{round(secs / 86400)}d"


def health_line(feed: FeedState, now: dt.datetime) -> str:
    """One line of health for ``/talks feeds`` and ``briefbot feeds list``."""
    head = f"{feed.name} — every {format_interval(feed.spec.interval)}"
    if feed.spec.channels:
        head += " → " + ", ".join(feed.spec.channels)
    if feed.spec.keywords:
        head += " [" + ", ".join(feed.spec.keywords) + "]"
    if not feed.enabled:
        status = f"DISABLED: {feed.disabled_reason or 'disabled'}"
    elif feed.failures:
        status = f"failing ({feed.failures}x), next try {_ago(feed.next_poll, now)}"
    else:
        status = "ok" if feed.last_success else "not polled yet"
        status += f", next poll {_ago(feed.next_poll, now) if feed.next_poll and feed.next_poll > now else 'now'}"
    parts = [
        status,
        f"last success {_ago(feed.last_success, now)}",
        f"items seen {feed.items_seen} (posted {feed.items_ingested})",
    ]
    if feed.last_error:
        parts.append(f"last error {_ago(feed.last_error_at, now)}: {feed.last_error}")
    return f"{head}: " + "; ".join(parts)


# ---------------------------------------------------------------------------------------- fetching


class Fetcher:
    """HTTP GETs with a timeout, a body-size cap (streamed, cut past the cap) and a per-host limit."""

    def __init__(self, config: PollerConfig, session: aiohttp.ClientSession | None = None) -> None:
        self._config = config
        self._session = session
        self._own_session = session is None
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def session(self) -> aiohttp.ClientSession:
        """The shared client session, created on first use."""
        if self._session is None:
            self._session = aiohttp.ClientSession(
                headers={"User-Agent": self._config.user_agent, "Accept-Encoding": "gzip, deflate"},
                connector=aiohttp.TCPConnector(limit=max(4, self._config.max_concurrent * 2), ttl_dns_cache=300),
            )
        return self._session

    async def close(self) -> None:
        """Close the session if this fetcher made it."""
        if self._session is not None and self._own_session:
            await self._session.close()
        self._session = None

    def _host_gate(self, url: str) -> asyncio.Semaphore:
        parts = urlsplit(url)
        host = f"{(parts.hostname or '').lower()}:{parts.port or ''}"
        gate = self._hosts.get(host)
        if gate is None:
            gate = self._hosts[host] = asyncio.Semaphore(self._config.per_host)
        return gate

    async def get(self, url: str, headers: Mapping[str, str] | None = None, accept: str | None = None) -> _Fetched:
        """GET ``url``; raises :class:`SourceError` on network errors, timeouts and oversize bodies."""
        cap = self._config.max_bytes
        hdrs = dict(headers or {})
        if accept:
            hdrs["Accept"] = accept
        session = await self.session()
        timeout = aiohttp.ClientTimeout(total=self._config.timeout)
        async with self._host_gate(url):
            try:
                async with session.get(url, headers=hdrs, timeout=timeout, max_redirects=5) as resp:
                    if resp.status == 304 or resp.status >= 400:
                        return _Fetched(resp.status, b"", CIMultiDict(resp.headers), str(resp.url))
                    body = await read_capped(resp, cap)
                    if body is None:
                        raise SourceError(url, f"body larger than the cap of {cap:,} bytes")
                    return _Fetched(resp.status, body, CIMultiDict(resp.headers), str(resp.url))
            except TimeoutError:
                raise SourceError(url, f"timed out after {self._config.timeout:g}s") from None
            except aiohttp.ClientError as exc:
                raise SourceError(url, f"{type(exc).__name__}: {exc}"[:300]) from None


async def fetch_full_text(fetcher: Fetcher, url: str) -> str | None:
    """The article at ``url`` as plain text via trafilatura, or None when it cannot be had."""
    try:
        got = await fetcher.get(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
    except SourceError as exc:
        log.info("full text of %s not fetched: %s", url, exc.reason)
        return None
    if got.status >= 300 or not got.body:
        log.info("full text of %s not fetched: HTTP %s", url, got.status)
        return None
    return await asyncio.to_thread(_extract_html, got.body, url)


def _extract_html(body: bytes, url: str) -> str | None:
    try:
        return html_article(body, url, url=url).text
    except ArticleError as exc:
        log.info("full text of %s not extracted: %s", url, exc.reason)
        return None


# ---------------------------------------------------------------------------------------- the poller


class FeedPoller:
    """Polls due feeds and ingests their new items; one per process, used only by the leader."""

    def __init__(
        self,
        repo: FeedRepository,
        ingest: IngestFn,
        clock: Clock,
        config: PollerConfig | None = None,
        *,
        notify: NotifyFn | None = None,
        rng: random.Random | None = None,
        session: aiohttp.ClientSession | None = None,
        ingest_many: IngestManyFn | None = None,
    ) -> None:
        self.repo = repo
        self.config = config or PollerConfig()
        self._ingest = ingest
        self._ingest_many = ingest_many
        self._clock = clock
        self._notify = notify
        self._rng = rng or random.Random()  # jitter, not security
        self._fetcher = Fetcher(self.config, session)
        self._gate = asyncio.Semaphore(self.config.max_concurrent)
        self._busy: set[int] = set()
        self._inflight: set[str] = set()
        self._channel_filters = {c: KeywordFilter(k) for c, k in self.config.channel_keywords.items()}

    async def __aenter__(self) -> FeedPoller:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the HTTP session."""
        await self._fetcher.close()

    async def run_due(self) -> list[PollReport]:
        """Poll every feed that is due now; one feed's failure never stops the others."""
        due = [f for f in await self.repo.due(self._clock.now()) if f.id not in self._busy]
        if not due:
            return []
        return list(await asyncio.gather(*(self._poll_guarded(f) for f in due)))

    async def poll_now(self, key: str) -> PollReport | None:
        """Poll one feed (by name or URL) now, due or not."""
        feed = await self.repo.get(key)
        if feed is None:
            return None
        return await self._poll_guarded(feed)

    async def _poll_guarded(self, feed: FeedState) -> PollReport:
        metrics.FEED_POLLS.inc()
        self._busy.add(feed.id)
        try:
            async with self._gate:
                return await self.poll(feed)
        except Exception as exc:  # a bug on one feed must not stop the rest; record it like any failure
            log.exception("polling feed %s failed unexpectedly", feed.name)
            return await self._failed(feed, f"internal error: {type(exc).__name__}: {exc}"[:300])
        finally:
            self._busy.discard(feed.id)

    def _jittered(self, seconds: float) -> dt.timedelta:
        j = self.config.jitter
        factor = 1.0 + self._rng.uniform(-j, j) if j else 1.0
        return dt.timedelta(seconds=max(60.0, seconds * factor))

    async def poll(self, feed: FeedState) -> PollReport:
        """Poll one feed: conditional GET, parse, dedupe, ingest what is new, record health."""
        headers: dict[str, str] = {}
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
        accept = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
        try:
            got = await self._fetcher.get(feed.url, headers, accept=accept)
        except SourceError as exc:
            return await self._failed(feed, exc.reason)
        if got.status == 304:
            await self.repo.record(feed.id, self._ok(feed), self._clock.now())
            return PollReport(feed.name, "not-modified")
        if got.status >= 400 or got.status < 200:
            retry_after = _retry_after(got.headers.get("Retry-After"))
            return await self._failed(feed, f"HTTP {got.status}", retry_after)
        try:
            candidates, warning = await asyncio.to_thread(parse_feed_document, got.body, feed.url)
        except SourceError as exc:
            return await self._failed(feed, exc.reason)
        ingested, skipped = await self._take(feed, candidates)
        outcome = self._ok(feed, got.headers.get("ETag"), got.headers.get("Last-Modified"), warning)
        await self.repo.record(feed.id, outcome, self._clock.now())
        return PollReport(feed.name, "ok", ingested, skipped, warning)

    def _ok(
        self, feed: FeedState, etag: str | None = None, modified: str | None = None, warning: str | None = None
    ) -> PollOutcome:
        return PollOutcome(
            success=True,
            next_poll=self._clock.now() + self._jittered(feed.spec.interval),
            error=warning,
            etag=etag,
            last_modified=modified,
            primed=True,
        )

    async def _failed(self, feed: FeedState, reason: str, retry_after: float | None = None) -> PollReport:
        metrics.FEED_FAILURES.inc()
        now = self._clock.now()
        failures = feed.failures + 1
        delay = backoff_delay(failures, self.config.base_backoff, self.config.max_backoff)
        if retry_after:
            delay = max(delay, min(retry_after, self.config.max_backoff))
        disable = None
        if failures >= self.config.max_failures:
            disable = f"{failures} consecutive failures, last: {reason}"
        log.warning("feed %s failed (%d in a row): %s", feed.name, failures, reason)
        outcome = PollOutcome(
            success=False, next_poll=now + self._jittered(delay), error=reason, disable_reason=disable
        )
        await self.repo.record(feed.id, outcome, now)
        if disable:
            await self._notice_disabled(feed, disable)
            return PollReport(feed.name, "disabled", error=reason)
        return PollReport(feed.name, "error", error=reason)

    async def _notice_disabled(self, feed: FeedState, reason: str) -> None:
        log.error("feed %s disabled: %s", feed.name, reason)
        channel = self.config.admin_channel
        if not channel or self._notify is None:
            return
        card = Card(
            title=f"Feed disabled: {feed.name}",
            kind=CardKind.ERROR,
            lines=(reason, f"URL: {feed.url}", f"Re-enable it with: /talks feeds retry {feed.name}"),
            link=feed.url,
        )
        try:
            await self._notify(channel, card)
        except Exception:  # the notice is best effort; the health line says the same
            log.exception("could not post the disabled-feed notice for %s", feed.name)

    # ------------------------------------------------------------------ selecting and ingesting

    async def _take(self, feed: FeedState, candidates: Sequence[_Candidate]) -> tuple[int, int]:
        """Dedupe, filter and ingest; returns (ingested, skipped)."""
        if not candidates:
            return 0, 0
        known = await self.repo.seen(feed.id, [c.keys for c in candidates])
        fresh: list[_Candidate] = []
        batch_keys: set[str] = set()
        for cand, was_seen in zip(candidates, known, strict=True):
            ks = {
                k
                for k in (
                    cand.keys.guid and "g" + cand.keys.guid,
                    cand.keys.link and "l" + cand.keys.link,
                    cand.keys.content and "h" + cand.keys.content,
                )
                if k
            }
            # seen before, twice in one document, or taken by another feed's poll running right now
            if was_seen or ks & batch_keys or ks & self._inflight:
                continue
            batch_keys |= ks
            fresh.append(cand)
        if not fresh:
            return 0, 0
        # links and hashes are shared across feeds: claim them until they are marked seen
        shared = {k for k in batch_keys if not k.startswith("g")}
        self._inflight |= shared
        try:
            return await self._take_fresh(feed, fresh)
        finally:
            self._inflight -= shared

    async def _take_fresh(self, feed: FeedState, fresh: list[_Candidate]) -> tuple[int, int]:
        feed_filter = KeywordFilter(feed.spec.keywords)
        wanted: list[tuple[_Candidate, tuple[str, ...]]] = []
        unwanted: list[_Candidate] = []
        for cand in fresh:
            targets = self._targets(feed, feed_filter, cand)
            if targets is None:
                unwanted.append(cand)
            else:
                wanted.append((cand, targets))
        # newest first by date when dates exist, else document order (feeds list newest first)
        wanted.sort(key=lambda w: (-(w[0].published.timestamp() if w[0].published else 0.0), w[0].order))
        if not feed.primed:
            held = wanted[: self.config.backfill]
            unwanted += [c for c, _ in wanted[self.config.backfill :]]
            wanted = held
        # oldest first, so a later correction lands after the report it corrects
        wanted.reverse()
        now = self._clock.now()
        done: list[tuple[ItemKeys, bool]] = [(c.keys, False) for c in unwanted]
        ingested = 0
        if self._ingest_many is None:
            for cand, targets in wanted:
                ok = await self._ingest_one(feed, cand, targets)
                if ok is None:  # failed for a reason that may pass: leave it unseen, try again next poll
                    continue
                done.append((cand.keys, ok))
                ingested += int(ok)
        else:
            built: list[tuple[_Candidate, tuple[str, ...], Article]] = []
            for cand, targets in wanted:
                article = await self._article(feed, cand)
                if article is None:
                    done.append((cand.keys, False))
                else:
                    built.append((cand, targets, article))
            # the poll's new items in one store transaction per run of items for the same channels, oldest first
            for targets, run in itertools.groupby(built, key=lambda b: b[1]):
                group = list(run)
                try:
                    results: Sequence[object] = await self._ingest_many([a for _, _, a in group], targets)
                except Exception as exc:  # store down...: every item of the run stays unseen
                    results = [exc] * len(group)
                for (cand, _, article), result in zip(group, results, strict=True):
                    ok = self._outcome(feed, article, result)
                    if ok is None:
                        continue
                    done.append((cand.keys, ok))
                    ingested += int(ok)
        await self.repo.mark_seen(feed.id, done, now)
        return ingested, len(done) - ingested

    def _targets(self, feed: FeedState, feed_filter: KeywordFilter, cand: _Candidate) -> tuple[str, ...] | None:
        """The channels this item goes to (empty: default channels), or None when no one wants it."""
        if not feed_filter.matches(cand.title, cand.summary):
            return None
        if not feed.spec.channels:
            return ()
        out = tuple(
            ch
            for ch in feed.spec.channels
            if ch not in self._channel_filters or self._channel_filters[ch].matches(cand.title, cand.summary)
        )
        return out or None

    async def _ingest_one(self, feed: FeedState, cand: _Candidate, targets: tuple[str, ...]) -> bool | None:
        article = await self._article(feed, cand)
        if article is None:
            return False
        try:
            result: object = await self._ingest(article, targets)
        except Exception as exc:
            result = exc
        return self._outcome(feed, article, result)

    def _outcome(self, feed: FeedState, article: Article, result: object) -> bool | None:
        """True: ingested; False: never readable, count it seen; None: failed for a reason that may pass."""
        if isinstance(result, ArticleError):
            log.info("feed %s: item %s not ingested: %s", feed.name, article.source, result.reason)
            return False
        if isinstance(result, Exception):  # store down, a bug in extraction...: log, keep it unseen to retry
            log.error("feed %s: ingesting %s failed", feed.name, article.source, exc_info=result)
            return None
        return True

    async def _article(self, feed: FeedState, cand: _Candidate) -> Article | None:
        """The article of an item (its full text fetched when the feed gives only a summary), None if empty."""
        text = cand.summary
        if (
            self.config.full_text
            and not cand.has_content
            and cand.link
            and len(text) < self.config.full_text_below
            and urlsplit(cand.link).scheme in ("http", "https")
        ):
            full = await fetch_full_text(self._fetcher, cand.link)
            if full and len(full) > len(text):
                text = full
        if not text.strip() and not cand.title:
            return None
        return Article(
            text=text or (cand.title or ""),
            source=cand.link or f"{feed.url}#{cand.guid or cand.order}",
            headline=cand.title,
            published=cand.published.date() if cand.published else None,
            url=cand.link,
            outlet=feed.name,
        )


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def config_from(values: Mapping[str, Any], channel_keywords: Mapping[str, Iterable[str]] | None = None) -> PollerConfig:
    """A :class:`PollerConfig` from plain values (the bot passes its settings' fields)."""
    fields = set(PollerConfig.__dataclass_fields__)
    kw = {k: v for k, v in values.items() if k in fields}
    if channel_keywords is not None:
        kw["channel_keywords"] = {c: tuple(k) for c, k in channel_keywords.items()}
    return PollerConfig(**kw)
