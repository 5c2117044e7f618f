"""The HTTP server for operations: ``/healthz`` and ``/metrics``, shared with Slack's HTTP mode.

One aiohttp application serves everything: the composition root builds it with
:func:`build_http_app` (or adds the routes to an app it already has with
:func:`add_health_routes`), Slack's HTTP mode adds ``/slack/events`` to the same app, and
:func:`serve_http` runs it on ``http_host:http_port``. When only Discord or Socket Mode runs,
the same app simply has no Slack route.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from briefings import metrics

log = logging.getLogger(__name__)

# a check answers True (up) or False (down), sync or async; raising counts as down
Check = Callable[[], bool | Awaitable[bool]]
# run before /metrics renders, e.g. to count pending posts in the outbox
Refresh = Callable[[], Awaitable[None]]

HEALTH_KEY: web.AppKey[Health] = web.AppKey("briefbot_health")


@dataclass
class Health:
    """Named liveness checks (``store``, ``scheduler``, ``slack``, ``discord``) that ``/healthz`` runs."""

    timeout: float = 2.0
    checks: dict[str, Check] = field(default_factory=dict)
    refreshers: list[Refresh] = field(default_factory=list)

    def add_check(self, name: str, check: Check) -> None:
        """Register (or replace) the check called ``name``."""
        self.checks[name] = check

    def add_refresh(self, refresh: Refresh) -> None:
        """Run ``refresh`` before each ``/metrics`` scrape (gauges that are read, not counted)."""
        self.refreshers.append(refresh)

    async def _one(self, name: str, check: Check) -> bool:
        try:
            result = check()
            if inspect.isawaitable(result):
                result = await asyncio.wait_for(result, self.timeout)
            return bool(result)
        except Exception:
            # a check that raises or hangs means "down"; say why in the log, not in the response
            log.warning("health check %s failed", name, exc_info=True)
            return False

    async def run(self) -> dict[str, bool]:
        """Every check's result, run concurrently, each bounded by ``timeout``."""
        names = list(self.checks)
        results = await asyncio.gather(*(self._one(n, self.checks[n]) for n in names))
        return dict(zip(names, results, strict=True))


def engine_check(engine: AsyncEngine) -> Check:
    """A check that the store's database answers ``SELECT 1``."""

    async def store_reachable() -> bool:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return True

    return store_reachable


async def _healthz(request: web.Request) -> web.Response:
    results = await request.app[HEALTH_KEY].run()
    down = sorted(name for name, ok in results.items() if not ok)
    body = {
        "status": "down" if down else "ok",
        "down": down,
        "checks": {name: "ok" if ok else "down" for name, ok in results.items()},
    }
    return web.Response(
        status=503 if down else 200, text=json.dumps(body), content_type="application/json", charset="utf-8"
    )


async def _metrics(request: web.Request) -> web.Response:
    for refresh in request.app[HEALTH_KEY].refreshers:
        try:
            await refresh()
        except Exception:
            log.warning("metrics refresh failed", exc_info=True)
    resp = web.Response(body=metrics.render())
    # prometheus' content type carries its own version parameter; set the header as is
    resp.headers["Content-Type"] = CONTENT_TYPE_LATEST
    return resp


def add_health_routes(app: web.Application, health: Health) -> None:
    """Add ``GET /healthz`` and ``GET /metrics`` to ``app`` (e.g. the app Slack's HTTP mode serves)."""
    app[HEALTH_KEY] = health
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/metrics", _metrics)


def build_http_app(health: Health) -> web.Application:
    """A new aiohttp app serving ``/healthz`` and ``/metrics``; other routes may be added before serving."""
    app = web.Application()
    add_health_routes(app, health)
    return app


@asynccontextmanager
async def serve_http(app: web.Application, host: str, port: int) -> AsyncIterator[int]:
    """Serve ``app`` on ``host:port`` for the ``async with`` body; yields the bound port (useful with 0)."""
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
        addresses = runner.addresses
        bound = int(addresses[0][1]) if addresses else port
        log.info("HTTP server on %s:%s (/healthz, /metrics)", host, bound)
        yield bound
    finally:
        await runner.cleanup()
