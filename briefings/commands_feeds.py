"""``/talks feeds``: list feeds with their health, add, remove and re-enable them (admins only).

    /talks feeds                                  list, with health
    /talks feeds add URL [every 5m] [#channel ...] [as NAME]
    /talks feeds remove URL|NAME
    /talks feeds retry NAME                       re-enable a disabled or failing feed now

Registered on the command registry with :func:`register_feed_commands`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence

from briefings.cards import Card, CardKind
from briefings.clock import Clock
from briefings.commands import CommandContext, CommandRegistry
from briefings.feeds import health_line
from briefings.feeds_config import (
    DEFAULT_INTERVAL,
    FeedConfigError,
    FeedSpec,
    check_url,
    default_name,
    format_interval,
    parse_interval,
)
from briefings.store.feed_tables import FeedRepository

log = logging.getLogger(__name__)

USAGE = "feeds [add URL [every 5m] [#channel] | remove URL|NAME | retry NAME]"
# Slack sends channel mentions as <#C0123|name>, Discord as <#123456>
_MENTION = re.compile(r"^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$")


def _channel(token: str) -> str | None:
    m = _MENTION.match(token)
    if m:
        return m.group(1)
    if token.startswith("#") and len(token) > 1:
        return token
    return None


def parse_add(args: Sequence[str], default_interval: int = DEFAULT_INTERVAL) -> FeedSpec:
    """``URL [every 5m] [#channel ...] [as NAME]`` -> a spec; :class:`FeedConfigError` says what is wrong."""
    if not args:
        raise FeedConfigError("usage: /talks feeds add URL [every 5m] [#channel] [as NAME]")
    url = check_url(args[0].strip("<>"))  # Slack wraps links in <...>
    interval = default_interval
    channels: list[str] = []
    name: str | None = None
    rest = list(args[1:])
    while rest:
        tok = rest.pop(0)
        low = tok.lower()
        if low == "every":
            if not rest:
                raise FeedConfigError("'every' needs an interval, like: every 5m")
            interval = parse_interval(rest.pop(0))
        elif low.startswith("every="):
            interval = parse_interval(tok.split("=", 1)[1])
        elif low == "as":
            name = " ".join(rest).strip() or None
            rest = []
        elif (chan := _channel(tok)) is not None:
            channels.append(chan)
        else:
            raise FeedConfigError(f"did not understand {tok!r}: use every 5m, #channel or as NAME")
    return FeedSpec(
        url=url,
        name=(name or default_name(url))[:200],
        interval=interval,
        channels=tuple(dict.fromkeys(channels)),
    )


class FeedCommands:
    """The handlers behind ``/talks feeds``; ``on_change`` hears every add, remove and retry."""

    def __init__(
        self,
        repo: FeedRepository,
        clock: Clock,
        *,
        default_interval: int = DEFAULT_INTERVAL,
        on_change: Callable[[], Awaitable[object]] | None = None,
    ) -> None:
        self.repo = repo
        self.clock = clock
        self.default_interval = default_interval
        self._on_change = on_change

    async def handle(self, ctx: CommandContext) -> Card:
        """Dispatch ``/talks feeds [add|remove|retry|list] ...``."""
        sub = ctx.args[0].lower() if ctx.args else "list"
        rest = ctx.args[1:]
        if sub in ("list", "ls", "health"):
            return await self.list_card()
        if sub == "add":
            return await self.add(rest, ctx)
        if sub in ("remove", "rm", "delete"):
            return await self.remove(rest)
        if sub in ("retry", "enable"):
            return await self.retry(rest)
        return Card(title="Unknown feeds command", lines=(f"Usage: /talks {USAGE}",), kind=CardKind.ERROR)

    async def list_card(self) -> Card:
        """Every feed with its health line."""
        feeds = await self.repo.all()
        if not feeds:
            return Card(title="No feeds yet", lines=("Add one with /talks feeds add URL [every 5m] [#channel]",))
        now = self.clock.now()
        disabled = sum(1 for f in feeds if not f.enabled)
        title = f"Feeds ({len(feeds)}" + (f", {disabled} disabled)" if disabled else ")")
        return Card(title=title, lines=tuple(health_line(f, now) for f in feeds))

    async def add(self, args: Sequence[str], ctx: CommandContext) -> Card:
        """Add a feed; its first poll marks what is there as seen and posts at most the backfill."""
        try:
            spec = parse_add(args, self.default_interval)
            state = await self.repo.add(spec, self.clock.now())
        except FeedConfigError as exc:
            return Card(title="Feed not added", lines=(str(exc),), kind=CardKind.ERROR)
        log.info("feed %s (%s) added by %s on %s", state.name, state.url, ctx.user, ctx.platform)
        await self._changed()
        where = ", ".join(spec.channels) if spec.channels else "the default channels"
        return Card(
            title=f"Feed added: {state.name}",
            lines=(
                f"{state.url}",
                f"Polled every {format_interval(spec.interval)}; new stories go to {where}.",
                "Items already in the feed are marked seen; only the newest is posted.",
            ),
            link=state.url,
        )

    async def remove(self, args: Sequence[str]) -> Card:
        """Remove a feed by URL or name."""
        key = " ".join(args).strip().strip("<>")
        if not key:
            return Card(title="Which feed?", lines=("Usage: /talks feeds remove URL|NAME",), kind=CardKind.ERROR)
        state = await self.repo.remove(key)
        if state is None:
            return Card(title="No such feed", lines=(f"No feed has the URL or name {key!r}.",), kind=CardKind.ERROR)
        await self._changed()
        return Card(title=f"Feed removed: {state.name}", lines=(state.url,))

    async def retry(self, args: Sequence[str]) -> Card:
        """Re-enable a feed and poll it at the next tick."""
        key = " ".join(args).strip().strip("<>")
        if not key:
            return Card(title="Which feed?", lines=("Usage: /talks feeds retry NAME",), kind=CardKind.ERROR)
        state = await self.repo.retry(key, self.clock.now())
        if state is None:
            return Card(title="No such feed", lines=(f"No feed has the URL or name {key!r}.",), kind=CardKind.ERROR)
        await self._changed()
        return Card(title=f"Feed re-enabled: {state.name}", lines=("It is polled again within a minute.",))

    async def _changed(self) -> None:
        if self._on_change is not None:
            try:
                await self._on_change()
            except Exception:  # a poke to the poller is a nicety; the next tick catches up anyway
                log.exception("feed change hook failed")


def register_feed_commands(
    registry: CommandRegistry,
    repo: FeedRepository,
    clock: Clock,
    *,
    default_interval: int = DEFAULT_INTERVAL,
    on_change: Callable[[], Awaitable[object]] | None = None,
) -> FeedCommands:
    """Add the admin-only ``/talks feeds`` subcommand to ``registry``."""
    cmds = FeedCommands(repo, clock, default_interval=default_interval, on_change=on_change)
    registry.register(
        "feeds",
        cmds.handle,
        help="list feeds with health; add URL [every 5m] [#channel], remove, retry NAME",
        admin=True,
        usage=USAGE,
    )
    return cmds
