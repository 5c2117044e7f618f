"""The Discord client: minimal intents, an app-command tree, and command sync on start.

discord.py builds every REST URL from :attr:`discord.http.Route.BASE`; :func:`configure_api_base`
is the one place that changes it (``BRIEFBOT_DISCORD_API_URL``, for a proxy or a test's fake).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import discord
from discord import app_commands
from discord.http import Route

log = logging.getLogger(__name__)

DEFAULT_API_BASE = Route.BASE

# a Retry-After longer than this is not slept through inside discord.py: the outbox retries later
MAX_INLINE_RATELIMIT = 30.0


def configure_api_base(url: str | None) -> str:
    """Point discord.py's REST client at ``url`` (None: Discord itself); returns the previous base."""
    previous = Route.BASE
    Route.BASE = url.rstrip("/") if url else DEFAULT_API_BASE
    if url:
        log.info("Discord REST base set to %s", Route.BASE)
    return previous


def restore_api_base(base: str) -> None:
    """Put back a base returned by :func:`configure_api_base`."""
    Route.BASE = base


def intents() -> discord.Intents:
    """Only what briefbot uses: guild structure. No members, presences or message content."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    return wanted


def parse_guild_ids(values: Iterable[str]) -> list[int]:
    """Guild ids from settings; a value that is not a number is an error naming the variable."""
    out: list[int] = []
    for value in values:
        text = value.strip()
        if not text:
            continue
        if not text.isdigit():
            raise ValueError(f"BRIEFBOT_DISCORD_GUILDS: {text!r} is not a guild id (right-click the server, Copy ID)")
        out.append(int(text))
    return out


class BriefbotClient(discord.Client):
    """A ``discord.Client`` with a command tree; ``setup_hook`` syncs it to the configured guilds (else globally)."""

    def __init__(self, *, guild_ids: Iterable[int] = (), max_ratelimit_timeout: float = MAX_INLINE_RATELIMIT) -> None:
        super().__init__(
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            max_ratelimit_timeout=max_ratelimit_timeout,
        )
        self.tree: app_commands.CommandTree[BriefbotClient] = app_commands.CommandTree(self)
        self.guild_ids: tuple[int, ...] = tuple(guild_ids)
        self.synced: dict[int | None, list[app_commands.AppCommand]] = {}

    def add_group(self, group: app_commands.Group) -> None:
        """Add a command group to each configured guild (commands appear at once), else globally."""
        if self.guild_ids:
            self.tree.add_command(group, guilds=[discord.Object(id=g) for g in self.guild_ids])
        else:
            self.tree.add_command(group)

    async def setup_hook(self) -> None:
        """Sync the command tree; a guild that refuses (bot not invited with ``applications.commands``) is logged."""
        targets: list[int | None] = list(self.guild_ids) or [None]
        for guild_id in targets:
            where = f"guild {guild_id}" if guild_id is not None else "globally (may take up to an hour to show)"
            try:
                guild = discord.Object(id=guild_id) if guild_id is not None else None
                self.synced[guild_id] = await self.tree.sync(guild=guild)
            except discord.Forbidden:
                log.error("cannot sync /talks to %s: invite briefbot there with the applications.commands scope", where)
            except discord.HTTPException as exc:
                log.error("syncing /talks to %s failed: HTTP %s %s", where, exc.status, exc.text)
            else:
                log.info("synced /talks to %s", where)


__all__ = [
    "DEFAULT_API_BASE",
    "MAX_INLINE_RATELIMIT",
    "BriefbotClient",
    "configure_api_base",
    "intents",
    "parse_guild_ids",
    "restore_api_base",
]
