"""The ``/talks`` application-command group: thin glue from interactions to the core's command registry.

Each subcommand of the registry becomes a Discord subcommand with a description and typed
options: the story commands take an optional ``topic`` (autocompleted over the tracked
stories), ``brief`` also takes ``share``, other registered commands (``ingest`` and whatever
features add) take their arguments as one ``text`` option. The core answers with a card, which
goes back as an embed, ephemeral unless ``brief`` is shared.

Discord wants an answer within 3 seconds: a command that has not finished after
``defer_after`` seconds (or is known to be slow, like ``ingest``) is deferred ("briefbot is
thinking...") and its card follows up when ready.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from typing import Any

import discord
from discord import app_commands

from bot.discord_adapter.publisher import message_kwargs
from briefings.cards import Card
from briefings.clock import Clock
from briefings.commands import CommandContext, CommandRegistry
from briefings.store.api import EventStore

log = logging.getLogger(__name__)

GROUP_NAME = "talks"
GROUP_DESCRIPTION = "Who meets whom, when, where, and what is expected"

# subcommands about one story: they take an optional topic
STORY_COMMANDS = frozenset({"who", "when", "where", "expect", "next", "brief", "sources"})
# known to take longer than Discord's 3 s: deferred at once
SLOW_COMMANDS = frozenset({"ingest"})
# Discord's limits on command and option text
_DESCRIPTION_MAX = 100
_CHOICES_MAX = 25
_CHOICE_MAX = 100

Callback = Callable[..., Coroutine[Any, Any, None]]


@dataclass(frozen=True, slots=True)
class AdminRoles:
    """Who counts as an admin: members with one of these roles (ids or names), or the Administrator permission."""

    ids: frozenset[int] = frozenset()
    names: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, values: Iterable[str]) -> AdminRoles:
        """Role ids (digits) and role names (anything else, matched case-insensitively)."""
        ids: set[int] = set()
        names: set[str] = set()
        for value in values:
            text = value.strip()
            if text.isdigit():
                ids.add(int(text))
            elif text:
                names.add(text.lower())
        return cls(frozenset(ids), frozenset(names))

    def allows(self, interaction: discord.Interaction[Any]) -> bool:
        """Whether the member who sent ``interaction`` is an admin here (never in DMs)."""
        user = interaction.user
        if not isinstance(user, discord.Member):
            return False
        if interaction.permissions.administrator:
            return True
        # role ids come with the interaction itself; Member.roles needs the guild cache
        role_ids = {int(r) for r in getattr(user, "_roles", ())}
        if role_ids & self.ids:
            return True
        if self.names and isinstance(interaction.guild, discord.Guild):
            return any(r.name.lower() in self.names for r in user.roles)
        return False


@dataclass
class DiscordCommands:
    """What the ``/talks`` group needs from the core, and how it answers."""

    store: EventStore
    clock: Clock
    registry: CommandRegistry
    admins: AdminRoles = field(default_factory=AdminRoles)
    # seconds a command may run before it is deferred (Discord allows 3)
    defer_after: float = 2.0
    slow_commands: frozenset[str] = SLOW_COMMANDS
    background: set[asyncio.Task[Any]] = field(default_factory=set)

    async def answer(
        self, interaction: discord.Interaction[Any], name: str, args: tuple[str, ...] = (), *, share: bool = False
    ) -> None:
        """Run one subcommand and answer the interaction with its card (deferring when slow)."""
        ephemeral = not share
        ctx = CommandContext(
            store=self.store,
            clock=self.clock,
            args=args,
            channel=str(interaction.channel_id) if interaction.channel_id else None,
            is_admin=self.admins.allows(interaction),
            platform="discord",
            user=str(interaction.user.id),
        )
        task: asyncio.Task[Card] = asyncio.create_task(self.registry.dispatch(name, ctx), name=f"talks-{name}")
        # keep a reference until it ends, even if the interaction expires under it
        self.background.add(task)
        task.add_done_callback(self.background.discard)
        if name not in self.slow_commands:
            await asyncio.wait({task}, timeout=self.defer_after)
        try:
            if task.done():
                await interaction.response.send_message(ephemeral=ephemeral, **message_kwargs(task.result()))
                return
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
            card = await task
            await interaction.followup.send(ephemeral=ephemeral, **message_kwargs(card))
        except discord.HTTPException as exc:
            # an expired interaction (10062) or a refused follow-up: nothing left to tell the user
            log.warning("answering /talks %s failed: HTTP %s %s", name, exc.status, exc.text)

    async def topics(self, interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
        """Autocomplete: tracked stories whose title or key contains what was typed, most recent first."""
        text = current.strip().lower()
        try:
            stories = await self.store.stories()
        except Exception:
            log.warning("autocomplete could not read the stories", exc_info=True)
            return []
        out: list[app_commands.Choice[str]] = []
        for story in stories:
            if text and text not in story.title.lower() and text not in story.key.lower():
                continue
            out.append(
                app_commands.Choice(name=_clip(story.title or story.key, _CHOICE_MAX), value=story.key[:_CHOICE_MAX])
            )
            if len(out) == _CHOICES_MAX:
                break
        return out

    def build_group(self) -> app_commands.Group:
        """The ``/talks`` group with one subcommand per (visible) registry command."""
        group = app_commands.Group(name=GROUP_NAME, description=GROUP_DESCRIPTION)
        for cmd in self.registry.commands():
            description = _clip(cmd.help + (" (admins)" if cmd.admin else ""), _DESCRIPTION_MAX)
            group.add_command(
                app_commands.Command(
                    name=cmd.name, description=description, callback=self._callback(cmd.name, cmd.usage)
                )
            )
        return group

    def _callback(self, name: str, usage: str | None) -> Callback:
        if name == "brief":

            @app_commands.describe(
                topic="which story, when several are tracked", share="post the briefing in the channel for everyone"
            )
            @app_commands.autocomplete(topic=self.topics)
            async def brief(
                interaction: discord.Interaction[Any], topic: str | None = None, share: bool = False
            ) -> None:
                await self.answer(interaction, name, _args(topic), share=share)

            return brief
        if name in STORY_COMMANDS:

            @app_commands.describe(topic="which story, when several are tracked")
            @app_commands.autocomplete(topic=self.topics)
            async def story(interaction: discord.Interaction[Any], topic: str | None = None) -> None:
                await self.answer(interaction, name, _args(topic))

            return story
        if name == "help":

            async def help_(interaction: discord.Interaction[Any]) -> None:
                await self.answer(interaction, name)

            return help_

        @app_commands.describe(text=_clip(f"arguments: /talks {usage}" if usage else "arguments", _DESCRIPTION_MAX))
        async def other(interaction: discord.Interaction[Any], text: str | None = None) -> None:
            await self.answer(interaction, name, tuple((text or "").split()))

        return other


def _args(topic: str | None) -> tuple[str, ...]:
    return (topic.strip(),) if topic and topic.strip() else ()


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["GROUP_NAME", "SLOW_COMMANDS", "STORY_COMMANDS", "AdminRoles", "DiscordCommands"]
