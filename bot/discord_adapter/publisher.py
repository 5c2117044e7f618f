"""``DiscordPublisher``: the core's :class:`~briefings.ports.Publisher` over discord.py's REST client.

Only REST is used (``PartialMessageable``), so posting needs no gateway connection and no cache.
Every message goes out with ``AllowedMentions.none()``: no article can ping ``@everyone``, a role
or a user. discord.py's own errors are translated here, at the boundary:

* 429: discord.py sleeps through a short ``retry_after`` and retries the same request itself
  (the net effect is one message); a wait longer than the client's ``max_ratelimit_timeout``
  raises :class:`discord.RateLimited`, which becomes ``DeliveryError(retry_after=...)`` so the
  outbox retries later instead of blocking.
* ``Forbidden`` (missing permission) and ``NotFound`` (unknown channel or message) are permanent:
  logged, told to admins once per channel, never raised as a crash.
* 5xx and network failures are retryable.

Each new message carries a nonce derived from its channel and content with ``enforce_nonce``, so
Discord itself drops a resend of the same post within its dedupe window (a retry after a lost
response does not double it).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
import discord

from bot.discord_adapter.format import card_to_embed
from briefings.cards import Card
from briefings.errors import DeliveryError

log = logging.getLogger(__name__)

T = TypeVar("T")

NO_MENTIONS = discord.AllowedMentions.none()

# told (channel, reason): an admin hears about a broken channel once per process, not per post
AdminNotifier = Callable[[str, str], Awaitable[None]]


def snowflake(value: str, what: str = "channel") -> int:
    """A Discord id from its text form; a permanent DeliveryError when it is not one."""
    text = value.strip()
    if not text.isdigit():
        raise DeliveryError(f"discord {what} {value!r} is not a numeric id", permanent=True)
    return int(text)


def post_nonce(channel: str, card: Card, kind: str = "post") -> str:
    """A stable nonce (at most 25 characters) for one card in one channel."""
    digest = hashlib.sha256(f"{kind}\x1f{channel}\x1f{card.plain_text()}".encode()).hexdigest()
    return digest[:25]


def _retry_after(exc: discord.HTTPException) -> float | None:
    header = exc.response.headers.get("Retry-After") if exc.response is not None else None
    try:
        return float(header) if header is not None else None
    except ValueError:
        return None


class DiscordPublisher:
    """Posts, edits and replies with embeds in Discord channels (ids as strings)."""

    platform = "discord"

    def __init__(self, client: discord.Client, *, notify_admins: AdminNotifier | None = None) -> None:
        self._client = client
        self._notify_admins = notify_admins
        self._told: set[tuple[str, str]] = set()

    def _channel(self, channel: str) -> discord.PartialMessageable:
        return self._client.get_partial_messageable(snowflake(channel))

    async def post(self, channel: str, card: Card) -> str:
        """Send a new embed; returns the message id."""
        target = self._channel(channel)
        message = await self._call(
            "post",
            channel,
            lambda: target.send(
                embed=card_to_embed(card), allowed_mentions=NO_MENTIONS, nonce=post_nonce(channel, card)
            ),
        )
        return str(message.id)

    async def edit(self, channel: str, ref: str, card: Card) -> None:
        """Replace the embed of a message posted earlier."""
        message = self._channel(channel).get_partial_message(snowflake(ref, "message"))
        await self._call("edit", channel, lambda: message.edit(embed=card_to_embed(card), allowed_mentions=NO_MENTIONS))

    async def reply(self, channel: str, ref: str, card: Card) -> str:
        """Reply to a message posted earlier (a Discord reply; still sent if the original is gone)."""
        target = self._channel(channel)
        reference = discord.MessageReference(
            message_id=snowflake(ref, "message"), channel_id=snowflake(channel), fail_if_not_exists=False
        )
        message = await self._call(
            "reply",
            channel,
            lambda: target.send(
                embed=card_to_embed(card),
                reference=reference,
                allowed_mentions=NO_MENTIONS,
                mention_author=False,
                nonce=post_nonce(channel, card, f"reply:{ref}"),
            ),
        )
        return str(message.id)

    async def _call(self, what: str, channel: str, send: Callable[[], Awaitable[T]]) -> T:
        try:
            return await send()
        except discord.RateLimited as exc:
            # longer than the client waits inline: the outbox retries after it
            raise DeliveryError(f"discord {what} to {channel}: rate limited", retry_after=exc.retry_after) from exc
        except discord.Forbidden as exc:
            reason = f"missing permission in channel {channel} ({exc.text or exc.status})"
            await self._tell_admins(channel, what, reason)
            raise DeliveryError(f"discord {what}: {reason}", permanent=True) from exc
        except discord.NotFound as exc:
            reason = f"unknown channel or message in {channel} ({exc.text or exc.status})"
            await self._tell_admins(channel, what, reason)
            raise DeliveryError(f"discord {what}: {reason}", permanent=True) from exc
        except discord.DiscordServerError as exc:
            raise DeliveryError(f"discord {what} to {channel}: server error {exc.status}") from exc
        except discord.HTTPException as exc:
            if exc.status == 429:
                # a 429 discord.py would not retry (no Via header: a Cloudflare limit)
                raise DeliveryError(
                    f"discord {what} to {channel}: rate limited", retry_after=_retry_after(exc) or 5.0
                ) from exc
            # 400 and friends: the same request will fail the same way
            raise DeliveryError(f"discord {what} to {channel}: HTTP {exc.status} {exc.text}", permanent=True) from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise DeliveryError(f"discord {what} to {channel}: {type(exc).__name__}: {exc}") from exc

    async def _tell_admins(self, channel: str, what: str, reason: str) -> None:
        log.error("discord %s failed: %s", what, reason)
        key = (channel, reason.split(" (", 1)[0])
        if self._notify_admins is None or key in self._told:
            return
        self._told.add(key)
        try:
            await self._notify_admins(channel, reason)
        except Exception:
            # telling admins is best effort: the failure itself is already logged
            log.warning("could not tell admins about channel %s", channel, exc_info=True)


def admin_channel_notifier(client: discord.Client, admin_channel: str | None) -> AdminNotifier | None:
    """A notifier that posts a plain warning to ``admin_channel`` (a Discord channel id), if one is set."""
    if not admin_channel or not admin_channel.strip().isdigit():
        return None
    target = client.get_partial_messageable(int(admin_channel.strip()))

    async def notify(channel: str, reason: str) -> None:
        if channel.strip() == admin_channel.strip():
            return  # cannot tell admins in the channel that refuses us
        embed = discord.Embed(
            title="briefbot cannot post in a channel",
            description=f"<#{snowflake(channel)}>: {reason}.\nGive briefbot *View Channel*, *Send Messages* and "
            "*Embed Links* there, or remove the channel from BRIEFBOT_DISCORD_CHANNELS.",
            colour=0xEF4444,
        )
        await target.send(embed=embed, allowed_mentions=NO_MENTIONS)

    return notify


def message_kwargs(card: Card) -> dict[str, Any]:
    """Keyword arguments for an interaction answer or follow-up carrying ``card``."""
    return {"embed": card_to_embed(card), "allowed_mentions": NO_MENTIONS}


__all__ = ["NO_MENTIONS", "DiscordPublisher", "admin_channel_notifier", "message_kwargs", "post_nonce", "snowflake"]
