"""``briefbot brief``: print the current briefing (the channel version) from the store."""

from __future__ import annotations

import argparse
import asyncio
import sys

from briefings.briefing import briefing_card
from briefings.clock import SystemClock
from briefings.commands import CommandContext, select_story
from briefings.errors import BriefbotError
from briefings.render import Format
from briefings.store.repository import SqlEventStore
from config.settings import Settings, load_settings


async def print_brief(settings: Settings, topic: str | None, fmt: Format) -> int:
    """Print the briefing of the story ``topic`` names (else the latest); 1 when there is none."""
    from bot.console_adapter import make_console, print_card

    async with SqlEventStore(settings.database_url) as store:
        sel = await select_story(CommandContext(store=store, clock=SystemClock(), args=(topic,) if topic else ()))
    console = make_console()
    if sel.problem is not None:
        print_card(console, sel.problem, fmt)
        return 1
    print_card(console, briefing_card(sel.events, sel.title), fmt)
    return 0


def brief(args: argparse.Namespace) -> int:
    """``briefbot brief [TOPIC] [--format text|markdown|rich]``."""
    settings = load_settings()
    fmt: Format = getattr(args, "format", "rich") or "rich"
    try:
        return asyncio.run(print_brief(settings, getattr(args, "topic", None), fmt))
    except BriefbotError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return 1
