"""The slack-bolt app: ``/talks`` parsed, handed to the platform-neutral registry, answered in Block Kit.

Thin on purpose: parse -> :meth:`CommandRegistry.dispatch` -> :func:`format.slash_response`.
Every command is acknowledged within Slack's 3 s: a fast answer rides on the ack itself; a
slow one (``/talks ingest URL``, or any handler still running after ``ack_budget`` seconds)
acks at once and answers later through ``response_url``.

Answers are ephemeral (only the caller sees them) unless ``/talks brief share`` (or
``public``) asks to share. Request signatures and timestamps are checked by bolt's own
verification middleware (bad signature or a timestamp over 5 minutes old -> 401); a delivery
Slack retries (``X-Slack-Retry-Num``) is answered 200 without being processed a second time.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.ingest_command import IngestFn, register_ingest  # noqa: F401  (the runner imports them from here)
from bot.slack_adapter.format import escape, slash_response
from briefings.cards import Card
from briefings.clock import Clock
from briefings.commands import CommandContext, CommandRegistry, parse_command
from briefings.store.api import EventStore

log = logging.getLogger(__name__)

COMMAND = "/talks"
EVENTS_PATH = "/slack/events"
SHARE_WORDS = frozenset({"share", "public"})
# subcommands that may take longer than Slack's 3 s: ack first, answer via response_url
SLOW_COMMANDS = frozenset({"ingest"})

# read-only subcommands whose answers depend only on the store (and coarsely on the time)
CACHEABLE = frozenset({None, "who", "when", "where", "expect", "next", "brief", "sources", "help"})


class AnswerCache:
    """Recent answers to read-only commands, shared by concurrent identical requests.

    During live talks many people ask the same ``/talks who`` at once; each answer costs a store
    query. Answers are kept ``ttl`` seconds (so ``next``'s countdown is at most that stale),
    identical requests in flight wait for one computation, and :meth:`invalidate` (an ingest
    listener) drops everything as soon as the store changes.
    """

    def __init__(self, ttl: float = 5.0, size: int = 512) -> None:
        self.ttl = ttl
        self._size = size
        self._entries: OrderedDict[tuple[Any, ...], tuple[float, asyncio.Future[Card]]] = OrderedDict()

    async def get(self, key: tuple[Any, ...], compute: Callable[[], Awaitable[Card]]) -> Card:
        """The cached answer for ``key``, else ``compute()``'s (computed once for concurrent callers)."""
        now = time.monotonic()
        hit = self._entries.get(key)
        if hit is not None and now - hit[0] < self.ttl:
            return await asyncio.shield(hit[1])
        future: asyncio.Future[Card] = asyncio.get_running_loop().create_future()
        self._entries[key] = (now, future)
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)
        try:
            card = await compute()
        except BaseException as exc:
            self._entries.pop(key, None)
            future.set_exception(exc)
            future.exception()  # retrieved here, so waiters alone see it
            raise
        future.set_result(card)
        return card

    def invalidate(self, *_: object) -> None:
        """Forget every answer (call after each ingest)."""
        self._entries.clear()

    async def on_ingested(self, result: object) -> None:
        """Ingest listener: the store changed, so cached answers are stale."""
        self.invalidate()


@dataclass
class SlackCommandDeps:
    """What the Slack app needs from the core: the store, the clock and the ``/talks`` registry."""

    store: EventStore
    clock: Clock
    registry: CommandRegistry
    admins: frozenset[str] = frozenset()
    # seconds a command may run before it is acked and answered later (Slack allows 3)
    ack_budget: float = 2.0
    slow_commands: frozenset[str] = SLOW_COMMANDS
    cache: AnswerCache | None = field(default_factory=AnswerCache)
    background: set[asyncio.Task[Any]] = field(default_factory=set)


class DeliveryDeduper:
    """Remembers recent deliveries (slash ``trigger_id``, event ``event_id``) so a retry is not run twice."""

    def __init__(self, size: int = 10_000) -> None:
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def first_time(self, key: str) -> bool:
        """True the first time ``key`` is seen."""
        if key in self._seen:
            self._seen.move_to_end(key)
            return False
        self._seen[key] = None
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return True


def delivery_key(body: dict[str, Any]) -> str | None:
    """What identifies one delivery of a request across Slack's retries."""
    for name in ("event_id", "trigger_id"):
        value = body.get(name)
        if isinstance(value, str) and value:
            return f"{name}:{value}"
    return None


def build_bolt_app(
    client: AsyncWebClient,
    deps: SlackCommandDeps,
    *,
    signing_secret: str | None,
    request_verification: bool = True,
) -> AsyncApp:
    """The bolt app with the ``/talks`` command and retry de-duplication, over ``client``."""
    app = AsyncApp(
        client=client,
        signing_secret=signing_secret or "",
        request_verification_enabled=request_verification,
        # url_verification and ssl_check stay on: Slack uses them when the request URL is set
        logger=logging.getLogger("bot.slack_adapter.bolt"),
    )
    deduper = DeliveryDeduper()

    @app.middleware
    async def skip_retried_deliveries(
        req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse:
        # runs after bolt's signature check, so a forged request cannot poison the cache
        key = delivery_key(req.body) if isinstance(req.body, dict) else None
        if key is not None and not deduper.first_time(key):
            retry = (req.headers.get("x-slack-retry-num") or ["?"])[0]
            log.info("slack: delivery %s seen before (retry %s); not processing it again", key, retry)
            return BoltResponse(status=200, body="")
        return await next()

    @app.command(COMMAND)
    async def talks(ack: Any, command: dict[str, Any], respond: Any) -> None:
        await handle_talks(deps, command, ack, respond)

    return app


def _context(
    deps: SlackCommandDeps, command: dict[str, Any], name: str | None, args: tuple[str, ...]
) -> CommandContext:
    user = command.get("user_id")
    return CommandContext(
        store=deps.store,
        clock=deps.clock,
        args=args,
        channel=command.get("channel_id"),
        is_admin=bool(user) and user in deps.admins,
        platform="slack",
        user=user,
    )


async def handle_talks(deps: SlackCommandDeps, command: dict[str, Any], ack: Any, respond: Any) -> None:
    """Answer one ``/talks`` invocation, acking within Slack's 3 s whatever the handler costs."""
    name, args = parse_command(command.get("text") or "")
    public = False
    if name == "brief" and args and args[-1].lower() in SHARE_WORDS:
        public, args = True, args[:-1]
    ctx = _context(deps, command, name, args)

    if name in deps.slow_commands and ctx.is_admin:
        await ack(response_type="ephemeral", text=f"Working on `/talks {escape(command.get('text') or '')}`…")
        card = await deps.registry.dispatch(name, ctx)
        await _respond(respond, card, public=False)
        return

    task = asyncio.ensure_future(_answer(deps, name, ctx))
    done, _ = await asyncio.wait({task}, timeout=deps.ack_budget)
    if done:
        await ack(**slash_response(task.result(), public=public))
        return
    # slower than the ack budget: ack now, answer through response_url when ready
    await ack(response_type="ephemeral", text="Working on it…")
    log.info("slack: /talks %s took over %.1f s; answering via response_url", name, deps.ack_budget)
    await _respond(respond, await task, public=public)


async def _answer(deps: SlackCommandDeps, name: str | None, ctx: CommandContext) -> Card:
    if deps.cache is None or name not in CACHEABLE or (name not in deps.registry and name is not None):
        return await deps.registry.dispatch(name, ctx)
    key = (name, ctx.args, ctx.is_admin, ctx.channel)
    return await deps.cache.get(key, lambda: deps.registry.dispatch(name, ctx))


async def _respond(respond: Any, card: Card, *, public: bool) -> None:
    try:
        await respond(**slash_response(card, public=public), replace_original=False)
    except Exception:
        # response_url expired or unreachable: nothing else to answer to; keep the bot running
        log.exception("slack: could not answer through response_url")


def add_routes(web_app: web.Application, bolt_app: AsyncApp, path: str = EVENTS_PATH) -> None:
    """Serve Slack's requests (commands, events, interactivity) on ``path`` of an aiohttp app."""

    async def slack_events(request: web.Request) -> web.Response:
        bolt_resp = await bolt_app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_resp)

    web_app.router.add_post(path, slack_events)


def admin_set(admins: Iterable[str]) -> frozenset[str]:
    """Admin user IDs from settings (``U0123``; a leading ``@`` is ignored)."""
    return frozenset(a.strip().lstrip("@") for a in admins if a.strip())
