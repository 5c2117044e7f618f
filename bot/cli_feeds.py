"""Feeds on the bot side: ``briefbot feeds import|export|list`` and the poller's wiring into ``briefbot run``.

The poller runs as a job in the bot's own process: every ``TICK`` seconds the instance holding the
``feeds`` leader lease polls whatever is due (each feed keeps its own interval and backoff).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import random
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.cards import Card
from briefings.clock import Clock, SystemClock
from briefings.commands_feeds import register_feed_commands
from briefings.errors import BriefbotError
from briefings.feeds import FeedPoller, PollerConfig, health_line
from briefings.feeds_config import FeedConfigError, export_opml, load_feeds_file, parse_opml
from briefings.model import Article
from briefings.store.feed_tables import FeedRepository
from briefings.store.repository import SqlEventStore
from config.settings import Settings, load_settings

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

TICK = 20.0  # seconds between looks at what is due; feeds themselves are polled at most once a minute


def poller_config(settings: Settings, channel_keywords: dict[str, tuple[str, ...]] | None = None) -> PollerConfig:
    """The poller's knobs from the settings (and the feeds file's channel keyword filters)."""
    return PollerConfig(
        backfill=settings.feed_backfill,
        max_failures=settings.feed_max_failures,
        timeout=settings.fetch_timeout,
        max_bytes=settings.max_article_bytes,
        user_agent=settings.user_agent,
        admin_channel=settings.admin_channel,
        channel_keywords=channel_keywords or {},
    )


# --------------------------------------------------------------------------- briefbot run


def register_commands(app: App) -> None:
    """Add ``/talks feeds`` to the app's registry (call from ``bot.app.register_commands``)."""
    repo = FeedRepository(app.store.engine)
    register_feed_commands(app.registry, repo, app.clock, default_interval=app.settings.feed_poll_seconds)


async def start_poller(app: App, *, tick: float = TICK, rng: random.Random | None = None) -> FeedPoller:
    """Sync the feeds file into the store and run the poller for the app's lifetime (call from ``start_feeds``)."""
    settings = app.settings
    repo = FeedRepository(app.store.engine)
    channel_keywords: dict[str, tuple[str, ...]] = {}
    if settings.feeds_file:
        cfg = load_feeds_file(settings.feeds_file)
        specs = list(cfg.feeds)
        await repo.sync(specs, app.clock.now(), origin="file")
        channel_keywords = dict(cfg.channel_keywords)
        log.info("feeds file %s: %d feeds", settings.feeds_file, len(specs))

    async def ingest(article: Article, channels: tuple[str, ...]) -> object:
        # a feed with its own target channels posts only there (among the subscribed channels)
        return await app.service.ingest_article(article, channels)

    async def notify(channel: str, card: Card) -> None:
        for publisher in app.publishers:
            try:
                await publisher.post(channel, card)
            except Exception:  # one platform without that channel must not hide the notice on the other
                log.warning("could not post the feed notice to %s on %s", channel, publisher.platform, exc_info=True)

    poller = FeedPoller(
        repo,
        ingest,
        app.clock,
        poller_config(settings, channel_keywords),
        notify=notify,
        rng=rng,
        # a poll's new items are stored in one transaction, then posted in order
        ingest_many=app.service.ingest_articles,
    )
    app.stack.push_async_callback(poller.close)
    app.spawn(poll_forever(poller, app, tick), "feed-poller")
    return poller


async def poll_forever(poller: FeedPoller, app: App, tick: float = TICK) -> None:
    """Every ``tick`` seconds: hold the feeds lease, then poll what is due; errors are logged, never fatal."""
    from briefings.lease import LeaderLease

    settings = app.settings
    holder = settings.instance_id or f"briefbot-{uuid.uuid4().hex[:8]}"
    lease = LeaderLease(app.store.engine, holder, app.clock, settings.leader_lease_seconds, name="feeds")
    try:
        while not app.stop.is_set():
            try:
                if await lease.acquire():
                    await poller.run_due()
            except Exception:  # the store blinked or a bug: try again next tick
                log.exception("feed poll tick failed")
            # the tick is real time (a simulated or fixed clock would spin); due-ness uses the clock
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(app.stop.wait(), timeout=tick)
    finally:
        with contextlib.suppress(Exception):
            await lease.release()


# --------------------------------------------------------------------------- briefbot feeds


async def _with_repo(settings: Settings, clock: Clock, args: argparse.Namespace, data: bytes = b"") -> int:
    async with SqlEventStore(settings.database_url) as store:
        repo = FeedRepository(store.engine)
        cmd = args.feeds_cmd
        if cmd == "import":
            specs = parse_opml(data, settings.feed_poll_seconds)
            added, skipped = 0, 0
            for spec in specs:
                try:
                    await repo.add(spec, clock.now(), origin="opml")
                    added += 1
                except FeedConfigError as exc:
                    print(f"skipped: {exc}", file=sys.stderr)
                    skipped += 1
            print(f"imported {added} feed(s)" + (f", skipped {skipped}" if skipped else ""))
            return 0
        feeds = await repo.all()
        if cmd == "export":
            sys.stdout.write(export_opml([f.spec for f in feeds]))
            return 0
        if not feeds:
            print("no feeds")
        now = clock.now()
        for f in feeds:
            print(health_line(f, now))
            print(f"    {f.url}")
        return 0


def feeds(args: argparse.Namespace, *, settings: Settings | None = None, clock: Clock | None = None) -> int:
    """``briefbot feeds import FILE.opml | export | list``."""
    if settings is None:
        settings = load_settings()
    try:
        data = b""
        if args.feeds_cmd == "import":
            data = Path(args.file).read_bytes() if args.file != "-" else sys.stdin.buffer.read()
        return asyncio.run(_with_repo(settings, clock or SystemClock(), args, data))
    except (BriefbotError, OSError) as exc:
        print(f"briefbot feeds: {exc}", file=sys.stderr)
        return 1
