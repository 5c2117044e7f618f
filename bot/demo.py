"""``briefbot demo``: the whole product on the sample articles that ship with the package, no tokens.

A temporary store, a fixed simulated clock, the console adapter: the sample articles go in, the
briefing and every ``/talks`` answer come out, then a later article moves a session and the
update shows what changed. The output is deterministic: no wall-clock time appears in it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import logging
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from rich.console import Console
from rich.rule import Rule

from bot.app import console_listener
from bot.console_adapter import CHANNEL, ConsolePublisher, make_console, print_card
from briefings import timefmt
from briefings.article import decode_article_bytes, parse_article_text
from briefings.briefing import briefing_card
from briefings.clock import FixedClock
from briefings.commands import CommandContext, CommandRegistry, build_registry, select_story
from briefings.errors import BriefbotError
from briefings.model import Article
from briefings.service import BriefingService
from briefings.store.api import IngestResult
from briefings.store.repository import SqlEventStore

log = logging.getLogger(__name__)

DEMO_COMMANDS = ("who", "when", "where", "expect", "next", "sources", "brief")

# the simulated clock stands this long before the first session while the commands are answered
_LEAD = dt.timedelta(hours=1, minutes=15)


@dataclass
class DemoContext:
    """What the demo's stages share (and what the reminder morning gets)."""

    store: SqlEventStore
    service: BriefingService
    clock: FixedClock
    registry: CommandRegistry
    publisher: ConsolePublisher
    console: Console
    speed: float


def sample_articles(folder: Traversable | None = None) -> list[Article]:
    """The sample articles shipped in ``briefings/samples`` (package data), in file-name order."""
    folder = folder or resources.files("briefings").joinpath("samples")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".txt")), key=lambda f: f.name)
    return [parse_article_text(decode_article_bytes(f.read_bytes(), f.name), f.name) for f in files]


async def ingest(ctx: DemoContext, article: Article) -> IngestResult:
    """Extract and store one article at the simulated clock's time, through the service."""
    return await ctx.service.ingest_article(article)


def _summary(article: Article, result: IngestResult) -> str:
    parts = []
    if result.duplicate:
        parts.append("already stored")
    if result.created:
        parts.append(f"{len(result.created)} new event" + ("s" if len(result.created) != 1 else ""))
    if result.merged:
        parts.append(f"{len(result.merged)} merged")
    if result.changed:
        parts.append(f"{len(result.changed)} changed")
    return f"{article.source}: " + (", ".join(parts) or "no events")


def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(Rule(text, align="left"))


async def _ask(ctx: DemoContext, command: str) -> None:
    _heading(ctx.console, f"/talks {command}")
    card = await ctx.registry.run_text(command, store=ctx.store, clock=ctx.clock, channel=CHANNEL, is_admin=True)
    print_card(ctx.console, card)


async def _reminder_morning(ctx: DemoContext) -> None:
    """Hook for the reminders feature: play the event morning on a simulated clock.

    Left empty here. The reminders engineer fills it in: start the scheduler over ``ctx.store``
    with a :class:`~briefings.clock.SimulatedClock` running ``ctx.speed`` times fast from before
    the first session, post reminders through ``ctx.publisher``, then show a rescheduled session.
    """
    from bot.reminder_demo import run_reminder_morning

    _heading(ctx.console, "The morning of the talks: reminders")
    await run_reminder_morning(ctx.store, ctx.publisher, CHANNEL, ctx.console, speed=ctx.speed)


async def run_demo(
    *,
    console: Console | None = None,
    samples: Sequence[Article] | None = None,
    speed: float = 600.0,
    reminders: bool = True,
) -> int:
    """The demo itself; returns the exit code."""
    console = console or make_console()
    articles = list(samples) if samples is not None else sample_articles()
    if len(articles) < 2:
        console.print("briefbot demo: the sample articles are missing from this installation.", markup=False)
        return 1
    first, later = articles[:-1], articles[-1]
    with tempfile.TemporaryDirectory(prefix="briefbot-demo-") as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'demo.db'}"
        async with contextlib.AsyncExitStack() as stack:
            store = await stack.enter_async_context(SqlEventStore(url))
            clock = FixedClock(_clock_start(first[0]))
            ctx = DemoContext(
                store=store,
                service=BriefingService(store, clock),
                clock=clock,
                registry=build_registry(),
                publisher=ConsolePublisher(console),
                console=console,
                speed=speed,
            )
            console.print(
                "briefbot demo: sample articles into a temporary store, answers on the console. "
                "The clock is simulated, so this output is the same every run.",
                markup=False,
            )
            _heading(console, "Ingesting the sample articles")
            for article in first:
                console.print("  " + _summary(article, await ingest(ctx, article)), markup=False)

            sel = await select_story(CommandContext(store=store, clock=ctx.clock))
            if sel.problem is not None:
                print_card(console, sel.problem)
                return 1
            # answer as on the morning of the talks: shortly before the first session
            starts = [e.start_utc for e in sel.events if e.start_utc is not None]
            if starts and min(starts) - _LEAD > ctx.clock.now():
                ctx.clock.set(min(starts) - _LEAD)
            now = ctx.clock.now()
            console.print(f"  simulated clock: {timefmt.day(now.date())}, {timefmt.utc_time(now)}", markup=False)

            _heading(console, "The briefing, as posted to a channel")
            print_card(console, briefing_card(sel.events, sel.title))
            for command in DEMO_COMMANDS:
                await _ask(ctx, command)

            _heading(console, f"Later: {later.source} arrives")
            # from here on, what the service stores is posted to the channel, as in `briefbot run`
            ctx.service.on_ingested(console_listener(ctx.publisher))
            result = await ingest(ctx, later)
            console.print("  " + _summary(later, result), markup=False)
            if not result.changed:
                console.print("  (no change to a tracked session was found in it)", markup=False)
            await _ask(ctx, "when")

            if reminders:
                await _reminder_morning(ctx)
    console.print()
    console.print("Try it on your own articles: briefbot ingest FILE... then briefbot shell.", markup=False)
    return 0


def _clock_start(article: Article) -> dt.datetime:
    """Early morning (UTC) of the first article's publication day: a fixed point, never the wall clock."""
    day = article.published or dt.date(2025, 5, 16)
    return dt.datetime.combine(day, dt.time(4, 0), dt.UTC)


def demo(args: argparse.Namespace) -> int:
    """``briefbot demo [--speed N] [--no-reminders]``."""
    try:
        return asyncio.run(
            run_demo(speed=getattr(args, "speed", 600.0), reminders=not getattr(args, "no_reminders", False))
        )
    except BriefbotError as exc:
        print(f"briefbot demo: {exc}")
        return 1
