"""The console adapter: ``/talks`` at a terminal prompt, and a publisher that prints posts.

Like the Slack and Discord adapters it only parses, calls the core and renders: the answers come
from :mod:`briefings.commands`, the cards from :mod:`briefings.briefing`.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import queue
import threading
from collections.abc import Callable

from rich.console import Console

from briefings.cards import Card
from briefings.clock import Clock
from briefings.commands import CommandRegistry
from briefings.render import Format, render_markdown, render_text, rich_card
from briefings.store.api import EventStore

log = logging.getLogger(__name__)

PROMPT = "talks> "
CHANNEL = "console"

SHELL_HELP = (
    "Type a /talks command, e.g. `/talks who`, `/talks when istanbul` (the `/talks` may be left out).\n"
    "`help` lists the commands; `quit` or Ctrl-D leaves."
)


def make_console(file: object | None = None) -> Console:
    """A rich console for the terminal: colour on a TTY, plain characters when piped."""
    return Console(file=file, highlight=False, soft_wrap=False)  # type: ignore[arg-type]


def print_card(console: Console, card: Card, fmt: Format = "rich") -> None:
    """Print one card in the chosen format."""
    if fmt == "rich":
        console.print(rich_card(card))
    elif fmt == "markdown":
        console.print(render_markdown(card), markup=False, highlight=False)
    else:
        console.print(render_text(card), markup=False, highlight=False)


class ConsolePublisher:
    """A :class:`briefings.ports.Publisher` whose channel is the terminal."""

    platform = "console"

    def __init__(self, console: Console | None = None, fmt: Format = "rich") -> None:
        self._console = console or make_console()
        self._fmt = fmt
        self._ids = itertools.count(1)
        self.posted: list[tuple[str, Card]] = []

    def _ref(self) -> str:
        return f"console-{next(self._ids)}"

    async def post(self, channel: str, card: Card) -> str:
        """Print the card as a new post; returns ``console-N``."""
        ref = self._ref()
        self._console.print(f"[post to #{channel}]", markup=False, style="dim")
        print_card(self._console, card, self._fmt)
        self.posted.append((channel, card))
        return ref

    async def edit(self, channel: str, ref: str, card: Card) -> None:
        """Print the replacement of an earlier post."""
        self._console.print(f"[edit of {ref} in #{channel}]", markup=False, style="dim")
        print_card(self._console, card, self._fmt)
        self.posted.append((channel, card))

    async def reply(self, channel: str, ref: str, card: Card) -> str:
        """Print a reply to an earlier post."""
        new = self._ref()
        self._console.print(f"[reply to {ref} in #{channel}]", markup=False, style="dim")
        print_card(self._console, card, self._fmt)
        self.posted.append((channel, card))
        return new


class LineReader:
    """Reads prompt lines on a daemon thread, so a blocked ``input()`` never holds up shutdown."""

    def __init__(self, read_line: Callable[[str], str] = input) -> None:
        self._read = read_line
        self._requests: queue.SimpleQueue[tuple[str, asyncio.AbstractEventLoop, asyncio.Future[str | None]]] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._eof = False

    def _run(self) -> None:
        while True:
            prompt, loop, fut = self._requests.get()
            line: str | None
            try:
                line = self._read(prompt)
            except (EOFError, KeyboardInterrupt):
                line = None
            except Exception:
                log.exception("reading the console failed")
                line = None
            try:
                loop.call_soon_threadsafe(_set_result, fut, line)
            except RuntimeError:  # the loop closed while we waited for the user
                return
            if line is None:
                return

    async def readline(self, prompt: str = PROMPT) -> str | None:
        """The next line without its newline, or None at end of input."""
        if self._eof:
            return None
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="console-input", daemon=True)
            self._thread.start()
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[str | None] = loop.create_future()
        self._requests.put((prompt, loop, fut))
        line = await fut
        if line is None:
            self._eof = True
        return line


def _set_result(fut: asyncio.Future[str | None], line: str | None) -> None:
    if not fut.done():
        fut.set_result(line)


async def run_shell(
    registry: CommandRegistry,
    store: EventStore,
    clock: Clock,
    *,
    console: Console | None = None,
    reader: LineReader | None = None,
    fmt: Format = "rich",
    prompt: str = PROMPT,
) -> str:
    """The prompt loop. Returns ``"quit"`` when the user left, ``"eof"`` at end of input."""
    console = console or make_console()
    reader = reader or LineReader()
    while True:
        line = await reader.readline(prompt)
        if line is None:
            return "eof"
        text = line.strip()
        if not text:
            continue
        if text.lower() in ("quit", "exit", ":q", "/quit", "/exit"):
            return "quit"
        if text.lower() in ("?", "shell-help"):
            console.print(SHELL_HELP, markup=False)
            continue
        # the console's user is the local operator, so admin-only subcommands are open to them
        card = await registry.run_text(text, store=store, clock=clock, channel=CHANNEL, is_admin=True)
        print_card(console, card, fmt)


def shell(args: argparse.Namespace) -> int:
    """``briefbot shell``: type /talks commands at a prompt over the configured store."""
    from bot.app import console_session

    return console_session(args)


__all__ = ["CHANNEL", "PROMPT", "ConsolePublisher", "LineReader", "make_console", "print_card", "run_shell", "shell"]
