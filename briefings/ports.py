"""The core's ports: what it needs from the outside world, as structural types.

Adapters (Slack, Discord, console, test recorders) satisfy these without inheriting.
"""

from __future__ import annotations

from typing import Protocol

from briefings.cards import Card
from briefings.clock import Clock

__all__ = ["Clock", "Publisher"]


class Publisher(Protocol):
    """Posts cards to channels of one platform.

    Methods raise :class:`briefings.errors.DeliveryError` on failure, with
    ``retry_after`` for rate limits and ``permanent`` when retrying cannot help.
    """

    platform: str

    async def post(self, channel: str, card: Card) -> str:
        """Post a new message; returns the platform's reference to it."""
        ...

    async def edit(self, channel: str, ref: str, card: Card) -> None:
        """Replace a message posted earlier."""
        ...

    async def reply(self, channel: str, ref: str, card: Card) -> str:
        """Reply to a message posted earlier (a thread on Slack, a reply on Discord)."""
        ...
