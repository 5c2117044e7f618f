"""Starting Slack inside ``briefbot run``: pick Socket Mode or HTTP mode from the credentials set.

* ``SLACK_BOT_TOKEN`` + ``SLACK_APP_TOKEN`` -> Socket Mode (no public URL needed; preferred
  when both modes are possible).
* ``SLACK_BOT_TOKEN`` + ``SLACK_SIGNING_SECRET`` -> HTTP mode: aiohttp on
  ``BRIEFBOT_HTTP_HOST``:``BRIEFBOT_HTTP_PORT``, path ``/slack/events``.
* nothing Slack-related set -> Slack is not started.

A missing or malformed credential raises :class:`SlackConfigError` whose message names the
variable and never contains its value; ``bot/app.py`` prints it and exits without a traceback.
"""

from __future__ import annotations

import logging
import re
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Literal

from aiohttp import web
from pydantic import SecretStr
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

from bot.slack_adapter.app import (
    EVENTS_PATH,
    AnswerCache,
    IngestFn,
    SlackCommandDeps,
    add_routes,
    admin_set,
    build_bolt_app,
    register_ingest,
)
from bot.slack_adapter.publisher import SlackPublisher, make_web_client
from briefings.clock import Clock
from briefings.commands import CommandRegistry
from briefings.errors import BriefbotError
from briefings.outbox import Outbox
from briefings.store.api import EventStore, IngestResult
from config.settings import Settings

log = logging.getLogger(__name__)

Mode = Literal["socket", "http"]

_TOKEN_CHARS = re.compile(r"^[A-Za-z0-9-]+$")


class SlackConfigError(BriefbotError):
    """Slack credentials are missing or malformed; the message names the variable, never its value."""


@dataclass(frozen=True, slots=True)
class SlackPlan:
    """Which mode Slack runs in, and why (for the start-up log)."""

    mode: Mode
    reason: str


@dataclass
class SlackRuntime:
    """A running Slack adapter."""

    mode: Mode
    app: AsyncApp
    publisher: SlackPublisher
    # HTTP mode: where the server listens (the real port when 0 was asked for)
    host: str | None = None
    port: int | None = None
    socket_handler: AsyncSocketModeHandler | None = None
    answers: AnswerCache | None = None

    async def on_ingested(self, result: IngestResult) -> None:
        """Ingest listener: forget cached ``/talks`` answers once the store has changed."""
        if self.answers is not None:
            self.answers.invalidate()

    @property
    def url(self) -> str | None:
        """The events URL in HTTP mode."""
        return f"http://{self.host}:{self.port}{EVENTS_PATH}" if self.port is not None else None


def _secret(value: SecretStr | None) -> str | None:
    if value is None:
        return None
    return value.get_secret_value().strip() or None


def _check_token(value: str, variable: str, prefix: str, what: str) -> None:
    if not value.startswith(prefix):
        raise SlackConfigError(
            f"{variable} is not a {what}: it must start with '{prefix}' (check that the right token was copied)"
        )
    if not _TOKEN_CHARS.match(value):
        raise SlackConfigError(f"{variable} contains characters no Slack token has (spaces, quotes?)")


def plan_slack(settings: Settings) -> SlackPlan | None:
    """Decide Socket Mode vs HTTP mode from the credentials set; None when Slack is not configured."""
    bot = _secret(settings.slack_bot_token)
    app_token = _secret(settings.slack_app_token)
    secret = _secret(settings.slack_signing_secret)
    if not (bot or app_token or secret):
        return None
    if not bot:
        given = "SLACK_APP_TOKEN" if app_token else "SLACK_SIGNING_SECRET"
        raise SlackConfigError(f"{given} is set but SLACK_BOT_TOKEN is not: Slack needs the bot token (xoxb-...)")
    _check_token(bot, "SLACK_BOT_TOKEN", "xoxb-", "bot token")
    if app_token:
        _check_token(app_token, "SLACK_APP_TOKEN", "xapp-", "app-level token")
        why = "SLACK_APP_TOKEN is set"
        if secret:
            why += " (SLACK_SIGNING_SECRET is also set; Socket Mode is preferred, unset SLACK_APP_TOKEN for HTTP)"
        return SlackPlan("socket", why)
    if secret:
        if any(ch.isspace() for ch in secret):
            raise SlackConfigError("SLACK_SIGNING_SECRET contains whitespace: copy it again from Basic Information")
        return SlackPlan("http", "SLACK_SIGNING_SECRET is set and SLACK_APP_TOKEN is not")
    raise SlackConfigError(
        "SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is"
    )


async def start_slack(
    settings: Settings,
    stack: AsyncExitStack,
    *,
    store: EventStore,
    clock: Clock,
    registry: CommandRegistry,
    outbox: Outbox | None = None,
    ingest: IngestFn | None = None,
    web_app: web.Application | None = None,
) -> SlackRuntime | None:
    """Start Slack if configured: register its publisher with the outbox and serve ``/talks``.

    ``stack`` owns the lifetime (the HTTP server or the Socket Mode connection closes with it).
    In HTTP mode, pass ``web_app`` to add ``/slack/events`` to a server the caller runs itself
    (health, metrics); otherwise this starts its own on ``http_host``:``http_port``.
    Register the returned runtime's :meth:`SlackRuntime.on_ingested` as an ingest listener so
    cached ``/talks`` answers are dropped when the store changes (else they live 5 s at most).
    Raises :class:`SlackConfigError` on bad credentials.
    """
    plan = plan_slack(settings)
    if plan is None:
        log.info("Slack: not started (no SLACK_BOT_TOKEN, SLACK_APP_TOKEN or SLACK_SIGNING_SECRET set)")
        return None
    bot_token = _secret(settings.slack_bot_token) or ""
    client = make_web_client(bot_token, settings.slack_api_url)
    if ingest is not None:
        register_ingest(registry, ingest)
    deps = SlackCommandDeps(store=store, clock=clock, registry=registry, admins=admin_set(settings.slack_admins))
    publisher = SlackPublisher(client)
    if outbox is not None:
        outbox.register(publisher, settings.slack_channels)
        if not settings.slack_channels:
            log.warning("Slack: BRIEFBOT_SLACK_CHANNELS is empty, so no briefings will be posted to Slack")

    if plan.mode == "socket":
        app = build_bolt_app(client, deps, signing_secret=None, request_verification=False)
        handler = AsyncSocketModeHandler(app, _secret(settings.slack_app_token), web_client=client)
        await handler.connect_async()
        stack.push_async_callback(handler.close_async)
        log.info("Slack: Socket Mode connected (%s)", plan.reason)
        return SlackRuntime("socket", app, publisher, socket_handler=handler, answers=deps.cache)

    app = build_bolt_app(client, deps, signing_secret=_secret(settings.slack_signing_secret))
    if web_app is not None:
        add_routes(web_app, app)
        log.info("Slack: HTTP mode on the shared server, path %s (%s)", EVENTS_PATH, plan.reason)
        return SlackRuntime("http", app, publisher, answers=deps.cache)
    own = web.Application()
    add_routes(own, app)
    runner = web.AppRunner(own, access_log=None)
    await runner.setup()
    stack.push_async_callback(runner.cleanup)
    site = web.TCPSite(runner, settings.http_host, settings.http_port)
    await site.start()
    port = _bound_port(runner, settings.http_port)
    log.info("Slack: HTTP mode on http://%s:%d%s (%s)", settings.http_host, port, EVENTS_PATH, plan.reason)
    return SlackRuntime("http", app, publisher, host=settings.http_host, port=port, answers=deps.cache)


def _bound_port(runner: web.AppRunner, asked: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked
