"""Starting Discord inside ``briefbot run`` when ``DISCORD_TOKEN`` is set.

Order: check the token's shape, point discord.py at ``BRIEFBOT_DISCORD_API_URL`` (if set), log in
over REST (this syncs ``/talks``), register the publisher with the outbox for the channels in
``BRIEFBOT_DISCORD_CHANNELS``, start scheduled events if asked, then connect to the gateway in
the background (interactions arrive there). Everything closes with the caller's exit stack.

A malformed or rejected token raises :class:`DiscordConfigError`, whose message names
``DISCORD_TOKEN`` and never contains its value.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any

import discord
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.discord_adapter.client import BriefbotClient, configure_api_base, parse_guild_ids, restore_api_base
from bot.discord_adapter.commands import AdminRoles, DiscordCommands
from bot.discord_adapter.publisher import DiscordPublisher, admin_channel_notifier
from bot.discord_adapter.scheduled_events import ScheduledEventMap, ScheduledEventSync
from bot.ingest_command import IngestFn, register_ingest
from briefings import briefing
from briefings.clock import Clock
from briefings.commands import CommandRegistry
from briefings.errors import BriefbotError
from briefings.store.api import EventStore, IngestResult
from config.settings import Settings

log = logging.getLogger(__name__)

Listener = Callable[[IngestResult], Awaitable[object]]
Spawn = Callable[[Any, str], object]

# a bot token: three base64url parts joined by dots (id, timestamp, HMAC)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{17,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$")


class DiscordConfigError(BriefbotError):
    """Discord settings are missing, malformed or rejected; the message names the variable, never its value."""


def check_token(raw: str) -> str:
    """The token stripped, or a DiscordConfigError saying what is wrong with it (without quoting it)."""
    token = raw.strip().strip("\"'")
    if not token:
        raise DiscordConfigError("DISCORD_TOKEN is empty")
    if token.lower().startswith("bot "):
        raise DiscordConfigError("DISCORD_TOKEN starts with 'Bot ': give the token alone, briefbot adds the prefix")
    if any(ch.isspace() for ch in token):
        raise DiscordConfigError("DISCORD_TOKEN contains whitespace: copy it again from the Developer Portal (Bot tab)")
    if not _TOKEN.match(token):
        raise DiscordConfigError(
            "DISCORD_TOKEN does not look like a bot token (three dot-separated parts): "
            "copy the Bot token, not the application id, public key or client secret"
        )
    return token


@dataclass
class DiscordRuntime:
    """A started Discord adapter."""

    client: BriefbotClient
    publisher: DiscordPublisher
    commands: DiscordCommands
    events: ScheduledEventSync | None = None
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)


async def start_discord(
    settings: Settings,
    stack: AsyncExitStack,
    *,
    store: EventStore,
    clock: Clock,
    registry: CommandRegistry,
    outbox: Any = None,
    engine: AsyncEngine | None = None,
    ingest: IngestFn | None = None,
    subscribe: Callable[[Listener], object] | None = None,
    spawn: Spawn | None = None,
    connect: bool = True,
) -> DiscordRuntime | None:
    """Start Discord if ``DISCORD_TOKEN`` is set; None otherwise. Raises :class:`DiscordConfigError`.

    ``outbox`` (a :class:`briefings.outbox.Outbox`) gets the publisher and the channels; without
    one, briefings are posted straight from an ingest listener (not durable). ``subscribe``
    adds an ingest listener (``service.on_ingested``). ``engine`` is the store's database,
    needed for scheduled events. ``spawn(coro, name)`` runs background loops (default: tasks
    cancelled by ``stack``). ``connect=False`` skips the gateway (tests).
    """
    if settings.discord_token is None:
        log.info("Discord: not started (DISCORD_TOKEN is not set)")
        return None
    token = check_token(settings.discord_token.get_secret_value())
    try:
        guild_ids = parse_guild_ids(settings.discord_guilds)
    except ValueError as exc:
        raise DiscordConfigError(str(exc)) from None
    bad = [c for c in settings.discord_channels if not c.strip().isdigit()]
    if bad:
        raise DiscordConfigError(f"BRIEFBOT_DISCORD_CHANNELS: {bad[0]!r} is not a channel id (Copy Channel ID)")

    previous_base = configure_api_base(settings.discord_api_url)
    stack.callback(restore_api_base, previous_base)
    client = BriefbotClient(guild_ids=guild_ids)
    stack.push_async_callback(client.close)

    if ingest is not None:
        register_ingest(registry, ingest)
    commands = DiscordCommands(
        store=store, clock=clock, registry=registry, admins=AdminRoles.parse(settings.discord_admin_roles)
    )
    client.add_group(commands.build_group())

    try:
        await client.login(token)
    except discord.LoginFailure:
        raise DiscordConfigError(
            "DISCORD_TOKEN was rejected by Discord (401): reset the token in the Developer Portal and set it again"
        ) from None
    except discord.HTTPException as exc:
        raise DiscordConfigError(
            f"Discord login failed: HTTP {exc.status} (check DISCORD_TOKEN and the network)"
        ) from None
    except OSError as exc:
        raise DiscordConfigError(f"cannot reach Discord to log in: {type(exc).__name__}") from None
    log.info(
        "Discord: logged in as %s; /talks synced to %s",
        client.user,
        ", ".join(map(str, guild_ids)) if guild_ids else "every guild (global)",
    )

    publisher = DiscordPublisher(client, notify_admins=admin_channel_notifier(client, settings.admin_channel))
    runtime = DiscordRuntime(client=client, publisher=publisher, commands=commands)
    channels = [c.strip() for c in settings.discord_channels if c.strip()]
    if outbox is not None:
        outbox.register(publisher, channels)
    elif channels and subscribe is not None:
        log.warning("Discord: no outbox, so channel posts are sent directly (not retried after a crash)")
        subscribe(_direct_listener(publisher, channels))
    if not channels:
        log.info("Discord: no BRIEFBOT_DISCORD_CHANNELS, so no briefings are posted (commands still work)")

    def _spawn(coro: Any, name: str) -> object:
        if spawn is not None:
            return spawn(coro, name)
        task = asyncio.create_task(coro, name=name)
        runtime.tasks.append(task)

        async def _cancel() -> None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

        stack.push_async_callback(_cancel)
        return task

    if settings.discord_events:
        if engine is None:
            raise DiscordConfigError("BRIEFBOT_DISCORD_EVENTS=true needs the SQL store (no database engine given)")
        event_guilds = guild_ids or await _member_guilds(client)
        runtime.events = ScheduledEventSync(
            client.http,
            ScheduledEventMap(engine),
            store,
            clock,
            event_guilds,
            minutes=settings.discord_event_minutes,
        )
        if subscribe is not None:
            subscribe(runtime.events.on_ingested)
        _spawn(runtime.events.run(), "discord-scheduled-events")
        log.info("Discord: scheduled events on in %d guild(s)", len(event_guilds))

    if connect:
        _spawn(client.connect(reconnect=True), "discord-gateway")
    return runtime


async def _member_guilds(client: discord.Client) -> list[int]:
    """The guilds the bot is in, over REST (no gateway cache needed)."""
    found = await client.http.get_guilds(200)
    return [int(g["id"]) for g in found]


def _direct_listener(publisher: DiscordPublisher, channels: list[str]) -> Listener:
    async def listener(result: IngestResult) -> None:
        for card in briefing.ingest_cards(result):
            for channel in channels:
                try:
                    await publisher.post(channel, card)
                except BriefbotError as exc:
                    log.warning("Discord post to %s failed: %s", channel, exc)

    return listener


__all__ = [
    "DiscordConfigError",
    "DiscordRuntime",
    "check_token",
    "register_ingest",
    "start_discord",
]
