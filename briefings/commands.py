"""The ``/talks`` commands, platform-neutral: parse nothing, render nothing, answer with cards.

Adapters (console, Slack, Discord) turn a user's input into a subcommand name and arguments,
build a :class:`CommandContext`, call :meth:`CommandRegistry.dispatch` and render the card.

Features add subcommands without touching the dispatch::

    registry = build_registry()
    registry.register("reminders", list_reminders, help="this channel's upcoming reminders")
    registry.register("remind", set_offsets, help="change this channel's reminder times", admin=True,
                      usage="remind 30m,5m")

A handler is ``async def handler(ctx: CommandContext) -> Card``; a feature that needs its own
service binds it with a closure or ``functools.partial`` when it registers.
"""

from __future__ import annotations

import datetime as dt
import logging
import shlex
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace

from briefings import briefing, metrics
from briefings.cards import Card, CardField, CardKind
from briefings.clock import Clock
from briefings.errors import BriefbotError
from briefings.store.api import EventStore, StoredEvent, Story

log = logging.getLogger(__name__)

COMMAND = "/talks"

EMPTY_STORE = "No stories tracked yet — ingest an article with `briefbot ingest`."


@dataclass(frozen=True, slots=True)
class CommandContext:
    """What a handler gets: its arguments, who asked where, and the core services it may use."""

    store: EventStore
    clock: Clock
    args: tuple[str, ...] = ()
    channel: str | None = None
    is_admin: bool = False
    platform: str = "console"
    user: str | None = None
    command: str = ""

    @property
    def topic(self) -> str | None:
        """The arguments as one topic (``/talks who istanbul`` -> ``"istanbul"``), or None."""
        text = " ".join(a for a in self.args if a.strip()).strip()
        return text or None

    def now(self) -> dt.datetime:
        """The injected clock's time."""
        return self.clock.now()


Handler = Callable[[CommandContext], Awaitable[Card]]


@dataclass(frozen=True, slots=True)
class Command:
    """One registered subcommand."""

    name: str
    handler: Handler
    help: str
    admin: bool = False
    usage: str | None = None
    hidden: bool = False

    @property
    def synopsis(self) -> str:
        """``/talks who [topic]``."""
        return f"{COMMAND} {self.usage or self.name}"


@dataclass
class CommandRegistry:
    """The subcommands ``/talks`` knows, in the order they were registered (help lists them so)."""

    _commands: dict[str, Command] = field(default_factory=dict)
    _aliases: dict[str, str] = field(default_factory=dict)

    def register(
        self,
        name: str,
        handler: Handler,
        *,
        help: str,
        admin: bool = False,
        usage: str | None = None,
        aliases: Sequence[str] = (),
        hidden: bool = False,
        replace: bool = False,
    ) -> Command:
        """Add a subcommand; names are lower-case words. ``replace=True`` swaps an existing one."""
        key = name.strip().lower()
        if not key or not key.replace("-", "").replace("_", "").isalnum():
            raise ValueError(f"bad subcommand name {name!r}")
        if key in self._commands and not replace:
            raise ValueError(f"subcommand {key!r} is already registered")
        cmd = Command(key, handler, help, admin, usage, hidden)
        self._commands[key] = cmd
        for alias in aliases:
            self._aliases[alias.lower()] = key
        return cmd

    def command(
        self, name: str, *, help: str, admin: bool = False, usage: str | None = None
    ) -> Callable[[Handler], Handler]:
        """Decorator form of :meth:`register`."""

        def wrap(handler: Handler) -> Handler:
            self.register(name, handler, help=help, admin=admin, usage=usage)
            return handler

        return wrap

    def get(self, name: str) -> Command | None:
        """The subcommand called ``name`` (or one of its aliases)."""
        key = name.lower()
        return self._commands.get(self._aliases.get(key, key))

    def commands(self, *, include_hidden: bool = False) -> list[Command]:
        """Every subcommand, in registration order."""
        return [c for c in self._commands.values() if include_hidden or not c.hidden]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    async def dispatch(self, name: str | None, ctx: CommandContext) -> Card:
        """Run a subcommand; no name or an unknown one answers with help, failures with an error card."""
        cmd = self.get(name) if name else None
        if cmd is None:
            card = help_card(self, ctx.is_admin)
            if name:
                return Card(
                    title=f"Unknown command: {name}",
                    fields=card.fields,
                    lines=card.lines,
                    kind=CardKind.HELP,
                )
            return card
        if cmd.admin and not ctx.is_admin:
            return briefing.message_card(
                f"{cmd.synopsis} is for admins", "Ask an admin of this channel to run it.", kind=CardKind.ERROR
            )
        ctx = replace(ctx, command=cmd.name)
        started = time.perf_counter()
        try:
            return await cmd.handler(ctx)
        except BriefbotError as exc:
            log.warning("%s %s failed: %s", COMMAND, cmd.name, exc)
            return briefing.message_card(f"{cmd.synopsis} failed", str(exc), kind=CardKind.ERROR)
        except Exception:
            # one bad answer must not take the adapter down: log it whole, tell the user briefly
            log.exception("%s %s crashed", COMMAND, cmd.name)
            return briefing.message_card(
                f"{cmd.synopsis} failed", "Something went wrong; the error was logged.", kind=CardKind.ERROR
            )
        finally:
            metrics.COMMAND_LATENCY.labels(command=cmd.name).observe(time.perf_counter() - started)

    async def run_text(
        self,
        text: str,
        *,
        store: EventStore,
        clock: Clock,
        channel: str | None = None,
        is_admin: bool = False,
        platform: str = "console",
        user: str | None = None,
    ) -> Card:
        """Parse ``"/talks who istanbul"`` (or ``"who istanbul"``) and dispatch it."""
        name, args = parse_command(text)
        ctx = CommandContext(
            store=store, clock=clock, args=args, channel=channel, is_admin=is_admin, platform=platform, user=user
        )
        return await self.dispatch(name, ctx)


def parse_command(text: str) -> tuple[str | None, tuple[str, ...]]:
    """``"/talks who istanbul"`` -> ``("who", ("istanbul",))``; ``"/talks"`` -> ``(None, ())``."""
    try:
        words = shlex.split(text)
    except ValueError:
        # an unbalanced quote in a topic is the user's typo, not an error worth refusing
        words = text.split()
    if words and words[0].lower() in (COMMAND, COMMAND.lstrip("/")):
        words = words[1:]
    if not words:
        return None, ()
    return words[0].lower(), tuple(words[1:])


# --------------------------------------------------------------------------- help


def help_card(registry: CommandRegistry, is_admin: bool = True) -> Card:
    """Every subcommand with a one-line description (admin-only ones marked)."""
    fields = []
    # help goes last even when features register after it
    for cmd in sorted(registry.commands(), key=lambda c: c.name == "help"):
        note = " (admins)" if cmd.admin else ""
        fields.append(CardField(cmd.synopsis, cmd.help + note))
    return Card(
        title=f"{COMMAND}: who meets whom, when, where, and what is expected",
        fields=tuple(fields),
        lines=("Add a topic to pick a story, e.g. `/talks who istanbul`; without one, the latest story is used.",),
        kind=CardKind.HELP,
    )


# --------------------------------------------------------------------------- picking the story


@dataclass(frozen=True, slots=True)
class Selection:
    """The story a command is about, or the card explaining why there is none."""

    events: tuple[StoredEvent, ...] = ()
    title: str | None = None
    problem: Card | None = None


async def select_story(ctx: CommandContext) -> Selection:
    """The story the topic names, else the most recent with upcoming events, else the most recent."""
    now = ctx.now()
    topic = ctx.topic
    events = await ctx.store.story_events(topic, now)
    stories: list[Story] | None = None
    if not events and topic is None:
        # no story has anything upcoming: fall back to the most recently updated one
        stories = await ctx.store.stories()
        if stories:
            events = [e for e in (await ctx.store.events()) if e.story == stories[0].key]
    if not events:
        stories = stories if stories is not None else await ctx.store.stories()
        if not stories:
            return Selection(problem=briefing.message_card("Nothing to brief", EMPTY_STORE))
        names = ", ".join(s.title for s in stories[:5])
        return Selection(
            problem=briefing.message_card(
                f"No story matches {topic!r}" if topic else "No events tracked yet",
                f"Tracked stories: {names}." if names else EMPTY_STORE,
            )
        )
    key = events[0].story
    if stories is not None:
        title = next((s.title for s in stories if s.key == key), None)
    else:
        title = await ctx.store.story_title(key)  # one row, not every story: this runs on every /talks answer
    return Selection(events=tuple(events), title=title)


def story_handler(build: Callable[[Sequence[StoredEvent], str | None], Card]) -> Handler:
    """A handler that picks the story and hands its events to a card builder."""

    async def handler(ctx: CommandContext) -> Card:
        sel = await select_story(ctx)
        if sel.problem is not None:
            return sel.problem
        return build(sel.events, sel.title)

    handler.__doc__ = build.__doc__
    return handler


# --------------------------------------------------------------------------- built-in handlers

who = story_handler(briefing.who_card)
when = story_handler(briefing.when_card)
where = story_handler(briefing.where_card)
expect = story_handler(briefing.expect_card)
sources = story_handler(briefing.sources_card)
brief = story_handler(briefing.full_briefing_card)


async def next_(ctx: CommandContext) -> Card:
    """``/talks next``: the soonest upcoming event (in the topic's story, else any) with a countdown."""
    now = ctx.now()
    if ctx.topic:
        sel = await select_story(ctx)
        if sel.problem is not None:
            return sel.problem
        pool: Sequence[StoredEvent] = sel.events
        title = sel.title
    else:
        pool = await ctx.store.events()
        if not pool:
            return briefing.message_card("Nothing to brief", EMPTY_STORE)
        title = None
    event = briefing.next_event(pool, now)
    if event is None:
        where = f" in {title}" if title else ""
        return briefing.message_card(
            "Nothing coming up", f"No upcoming talks with a known start time{where}.", "Try `/talks when`."
        )
    if title is None:
        stories = await ctx.store.stories()
        title = next((s.title for s in stories if s.key == event.story), None)
    return briefing.next_card(event, now, title)


def build_registry() -> CommandRegistry:
    """A registry holding the built-in subcommands; features register theirs on top."""
    reg = CommandRegistry()
    reg.register("who", who, help="who meets whom, by side, delegation heads first", usage="who [topic]")
    reg.register("when", when, help="when each session starts, in UTC and venue time", usage="when [topic]")
    reg.register("where", where, help="venue and city of each session", usage="where [topic]")
    reg.register("expect", expect, help="what is expected, hoped for or doubted", usage="expect [topic]")
    reg.register("next", next_, help="the next session with a countdown", usage="next [topic]")
    reg.register("brief", brief, help="the full briefing", usage="brief [topic]")
    reg.register("sources", sources, help="the articles behind the briefing", usage="sources [topic]")

    async def help_(ctx: CommandContext) -> Card:
        """``/talks help``."""
        return help_card(reg, ctx.is_admin)

    reg.register("help", help_, help="this list", aliases=("?",))
    return reg


__all__ = [
    "COMMAND",
    "EMPTY_STORE",
    "Command",
    "CommandContext",
    "CommandRegistry",
    "Handler",
    "Selection",
    "build_registry",
    "help_card",
    "parse_command",
    "select_story",
    "story_handler",
]
