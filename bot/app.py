"""The composition root: settings, store, service, command registry, adapters and timers, in one loop.

``briefbot run`` builds everything here and nowhere else. One ``AsyncExitStack`` owns every
resource, so whatever started is shut down in reverse order however the run ends.

Extension points, each a small function below that its feature fills in:

- :func:`register_commands`: add ``/talks`` subcommands (``registry.register(...)``).
- :func:`start_slack` / :func:`start_discord`: start a platform when its credentials are set,
  register its publisher and channels with ``app.outbox``, and return the publisher (or None).
- :func:`start_scheduler`: reminders (APScheduler as the timer, the store as the truth).
- :func:`start_feeds`: the feed poller.
- ``app.health`` / ``app.web``: a feature adds its liveness check (``app.health.add_check("slack",
  lambda: ...)``); Slack's HTTP mode adds ``/slack/events`` to ``app.web`` (pass it as ``web_app``)
  instead of starting a server of its own. When a platform runs, ``app.web`` is served on
  ``http_host:http_port`` with ``/healthz`` and ``/metrics`` (see :mod:`bot.http_server`).

Each gets the :class:`App` (settings and services; ``app.service.on_ingested(listener)`` hears
every stored article) and pushes its clean-up onto ``app.stack``; long-running loops go in with
:meth:`App.spawn`. With no platform started, the console adapter
is the embedded default: posts print to the terminal and ``/talks`` is typed at a prompt.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from rich.console import Console

from bot.console_adapter import CHANNEL, ConsolePublisher, LineReader, make_console, run_shell
from bot.http_server import Health, add_health_routes, engine_check, serve_http
from briefings import metrics
from briefings.briefing import briefing_card, ingest_cards, update_card
from briefings.clock import Clock, SystemClock
from briefings.commands import CommandRegistry, build_registry
from briefings.errors import BriefbotError
from briefings.outbox import PENDING, Outbox
from briefings.ports import Publisher
from briefings.service import BriefingService
from briefings.store.api import IngestResult
from briefings.store.repository import SqlEventStore
from config.settings import Settings, load_settings

log = logging.getLogger(__name__)

IngestListener = Callable[[IngestResult], Awaitable[object]]
"""What ``app.service.on_ingested`` takes."""


@dataclass
class App:
    """Everything a feature needs to start: settings, core services, and the stack that owns lifetimes."""

    settings: Settings
    clock: Clock
    store: SqlEventStore
    registry: CommandRegistry
    stack: contextlib.AsyncExitStack
    console: Console
    service: BriefingService
    outbox: Outbox
    publishers: list[Publisher] = field(default_factory=list)
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    health: Health = field(default_factory=Health)
    web: web.Application = field(default_factory=web.Application)

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        """Run a long-lived loop for the app's lifetime; it is cancelled (and awaited) at shutdown."""
        task = asyncio.create_task(coro, name=name)
        self.tasks.append(task)
        task.add_done_callback(_log_task_end)

        async def _cancel() -> None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

        self.stack.push_async_callback(_cancel)
        return task


# --------------------------------------------------------------------------- extension points


def register_commands(app: App) -> None:
    """Add feature subcommands to ``app.registry`` (reminders: ``reminders``/``remind``; feeds: ``feeds``)."""
    from bot import cli_feeds, reminder_app

    cli_feeds.register_commands(app)
    reminder_app.register_commands(app)


async def start_slack(app: App) -> Publisher | None:
    """Start Slack when its tokens are set (Socket Mode or HTTP mode on ``app.web``); return its publisher."""
    from bot.ingest_command import url_ingester
    from bot.slack_adapter.runner import start_slack as start

    runtime = await start(
        app.settings,
        app.stack,
        store=app.store,
        clock=app.clock,
        registry=app.registry,
        outbox=app.outbox,
        ingest=url_ingester(app.service, app.settings, app.stack),
        web_app=app.web,
    )
    if runtime is None:
        return None
    app.service.on_ingested(runtime.on_ingested)
    if runtime.socket_handler is not None:
        handler = runtime.socket_handler
        app.health.add_check("slack", lambda: bool(handler.client and handler.client.is_connected()))
    else:
        app.health.add_check("slack", lambda: True)  # HTTP mode: up while our server answers
    log.info("Slack: started in %s mode", runtime.mode)
    return runtime.publisher


async def start_discord(app: App) -> Publisher | None:
    """Start Discord when its token is set; return its publisher (registered with ``app.outbox``)."""
    if app.settings.discord_token is None:
        return None
    from bot.discord_adapter.runner import start_discord as start
    from bot.ingest_command import url_ingester

    runtime = await start(
        app.settings,
        app.stack,
        store=app.store,
        clock=app.clock,
        registry=app.registry,
        outbox=app.outbox,
        engine=app.store.engine,
        ingest=url_ingester(app.service, app.settings, app.stack),
        subscribe=app.service.on_ingested,
        spawn=app.spawn,
    )
    if runtime is None:
        return None
    client = runtime.client
    # /healthz: up once the gateway said READY, down when the client closed
    app.health.add_check("discord", lambda: client.is_ready() and not client.is_closed())
    return runtime.publisher


async def start_scheduler(app: App) -> None:
    """Start the reminder scheduler over ``app.store`` posting through ``app.publishers``. (Reminders.)"""
    from bot import reminder_app

    await reminder_app.start(app)


async def start_feeds(app: App) -> None:
    """Start polling the configured feeds into ``app.service``. (Feeds.)"""
    from bot import cli_feeds

    await cli_feeds.start_poller(app)


# --------------------------------------------------------------------------- building blocks


async def open_app(
    settings: Settings,
    stack: contextlib.AsyncExitStack,
    *,
    clock: Clock | None = None,
    console: Console | None = None,
) -> App:
    """Open the store and build the core services; every resource's clean-up goes on ``stack``."""
    clock = clock or SystemClock()
    store = await stack.enter_async_context(SqlEventStore(settings.database_url))
    # channel posts (Slack, Discord) go through the durable outbox, rendered by the core's card builders
    outbox = Outbox(store.engine, clock=clock, store=store, briefing_card=briefing_card, update_card=update_card)
    service = BriefingService(store, clock)
    service.on_ingested(outbox.on_ingested)
    app = App(
        settings=settings,
        clock=clock,
        store=store,
        registry=build_registry(),
        stack=stack,
        console=console or make_console(),
        service=service,
        outbox=outbox,
    )
    register_commands(app)
    return app


def console_listener(publisher: Publisher, channel: str = CHANNEL) -> IngestListener:
    """Post the cards an ingest produces (briefing per new story, update per change) to one channel."""

    async def listener(result: IngestResult) -> None:
        for card in ingest_cards(result):
            await publisher.post(channel, card)

    return listener


async def serve(
    settings: Settings,
    *,
    clock: Clock | None = None,
    console: Console | None = None,
    reader: LineReader | None = None,
    handle_signals: bool = True,
) -> int:
    """Run the bot until stopped: platforms if configured, else the console adapter."""
    async with contextlib.AsyncExitStack() as stack:
        app = await open_app(settings, stack, clock=clock, console=console)
        for start in (start_slack, start_discord):
            publisher = await start(app)
            if publisher is not None:
                app.publishers.append(publisher)
        console_mode = not app.publishers
        if not console_mode:
            app.spawn(app.outbox.run(), "outbox")
        if console_mode:
            publisher = ConsolePublisher(app.console)
            app.publishers.append(publisher)
            app.service.on_ingested(console_listener(publisher))
            app.console.print(
                "briefbot: no Slack or Discord credentials set, so running the console adapter: "
                "posts and reminders print here. Type /talks help, or quit to stop.",
                markup=False,
            )
        await start_scheduler(app)
        await start_feeds(app)
        if not console_mode:
            await start_http(app)
        if handle_signals:
            _stop_on_signals(app.stop)
        if console_mode:
            app.spawn(_console_loop(app, reader or LineReader()), "console-shell")
        log.info("briefbot running (%s)", ", ".join(p.platform for p in app.publishers))
        await app.stop.wait()
        log.info("briefbot stopping")
    return 0


async def start_http(app: App) -> int:
    """Serve ``app.web`` (``/healthz``, ``/metrics``, and Slack's route if added) until shutdown; the bound port."""
    app.health.add_check("store", engine_check(app.store.engine))

    async def count_pending() -> None:
        metrics.POSTS_PENDING.set(len(await app.outbox.posts(state=PENDING)))

    app.health.add_refresh(count_pending)
    add_health_routes(app.web, app.health)
    return await app.stack.enter_async_context(serve_http(app.web, app.settings.http_host, app.settings.http_port))


async def _console_loop(app: App, reader: LineReader) -> None:
    reason = await run_shell(app.registry, app.store, app.clock, console=app.console, reader=reader)
    if reason == "quit" or sys.stdin.isatty():
        app.stop.set()
    else:
        # stdin closed without a tty (a service, a container): keep serving posts until a signal
        log.info("console input closed; still running, stop with Ctrl-C or SIGTERM")


def _stop_on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)


def _log_task_end(task: asyncio.Task[Any]) -> None:
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        log.error("background task %s failed", task.get_name(), exc_info=exc)


# --------------------------------------------------------------------------- CLI entry points


def run(args: argparse.Namespace) -> int:
    """``briefbot run``: the bot, on Slack and Discord when configured, else on the console."""
    settings = load_settings()
    try:
        return asyncio.run(serve(settings))
    except BriefbotError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return 1


async def shell_session(
    settings: Settings, *, clock: Clock | None = None, console: Console | None = None, reader: LineReader | None = None
) -> int:
    """The console adapter alone: the same commands as ``run``, no platforms, no timers."""
    async with contextlib.AsyncExitStack() as stack:
        app = await open_app(settings, stack, clock=clock, console=console)
        if sys.stdin.isatty():
            app.console.print("briefbot shell: type /talks help, or quit to leave.", markup=False)
        await run_shell(app.registry, app.store, app.clock, console=app.console, reader=reader)
    return 0


def console_session(args: argparse.Namespace) -> int:
    """``briefbot shell``."""
    settings = load_settings()
    try:
        return asyncio.run(shell_session(settings))
    except BriefbotError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return 1


__all__ = [
    "App",
    "console_listener",
    "console_session",
    "open_app",
    "register_commands",
    "run",
    "serve",
    "shell_session",
    "start_discord",
    "start_feeds",
    "start_scheduler",
    "start_slack",
]
