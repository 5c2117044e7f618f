"""The operations HTTP server: /healthz and /metrics on a real aiohttp server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json

import aiohttp
from aiohttp import web

from bot.http_server import Health, add_health_routes, build_http_app, engine_check, serve_http
from briefings import metrics
from briefings.store.db import create_schema, make_engine


async def _get(port: int, path: str) -> tuple[int, str, str]:
    async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}{path}") as resp:
        return resp.status, resp.headers.get("Content-Type", ""), await resp.text()


async def test_healthz_ok_when_store_scheduler_and_platforms_are_up(db_url: str) -> None:
    """Store on a real database, scheduler and two platforms up: /healthz answers 200 with every check ok."""
    engine = make_engine(db_url)
    await create_schema(engine)
    health = Health()
    health.add_check("store", engine_check(engine))
    health.add_check("scheduler", lambda: True)
    health.add_check("slack", lambda: True)
    health.add_check("discord", lambda: True)
    try:
        async with serve_http(build_http_app(health), "127.0.0.1", 0) as port:
            status, ctype, body = await _get(port, "/healthz")
    finally:
        await engine.dispose()
    assert status == 200
    assert ctype.startswith("application/json")
    data = json.loads(body)
    assert data == {
        "status": "ok",
        "down": [],
        "checks": {"store": "ok", "scheduler": "ok", "slack": "ok", "discord": "ok"},
    }


async def test_healthz_503_names_what_is_down() -> None:
    """A store whose database cannot be opened, a disconnected platform and a hung check: 503 naming all three."""
    engine = make_engine("sqlite+aiosqlite:////nonexistent-dir/for/sure/briefbot.db")

    async def hangs() -> bool:
        await asyncio.sleep(60)
        return True

    health = Health(timeout=0.2)
    health.add_check("store", engine_check(engine))
    health.add_check("scheduler", hangs)
    health.add_check("discord", lambda: False)
    health.add_check("slack", lambda: True)
    try:
        async with serve_http(build_http_app(health), "127.0.0.1", 0) as port:
            status, _, body = await _get(port, "/healthz")
    finally:
        await engine.dispose()
    data = json.loads(body)
    assert status == 503
    assert data["status"] == "down"
    assert data["down"] == ["discord", "scheduler", "store"]
    assert data["checks"]["slack"] == "ok"


async def test_metrics_in_prometheus_text_format() -> None:
    """Counted a reminder, a Slack post and a timed command, refreshed the pending gauge: /metrics shows them."""
    sent_before = metrics.sample("briefbot_reminders_sent_total")
    posts_before = metrics.sample("briefbot_posts_sent_total", {"platform": "slack"})
    metrics.REMINDERS_SENT.inc()
    metrics.POSTS_SENT.labels(platform="slack").inc(2)
    with metrics.time_command("who"):
        pass

    async def count_pending() -> None:
        metrics.POSTS_PENDING.set(7)

    health = Health()
    health.add_refresh(count_pending)
    async with serve_http(build_http_app(health), "127.0.0.1", 0) as port:
        status, ctype, body = await _get(port, "/metrics")
    assert status == 200
    assert ctype.startswith("text/plain")
    lines = body.splitlines()
    assert f"briefbot_reminders_sent_total {sent_before + 1}" in lines
    assert f'briefbot_posts_sent_total{{platform="slack"}} {posts_before + 2}' in lines
    assert "briefbot_posts_pending 7.0" in lines
    assert any(line.startswith('briefbot_command_latency_seconds_count{command="who"}') for line in lines)
    for name in (
        "briefbot_articles_ingested_total",
        "briefbot_events_extracted_total",
        "briefbot_posts_failed_total",
        "briefbot_reminders_late_total",
        "briefbot_reminders_skipped_total",
        "briefbot_feed_polls_total",
        "briefbot_feed_failures_total",
    ):
        assert f"# TYPE {name} counter" in lines, name


async def test_routes_share_an_app_with_other_handlers() -> None:
    """Added the health routes to an app that already serves /slack/events: all three answer on one port."""

    async def slack_events(_: web.Request) -> web.Response:
        return web.Response(text="slack")

    app = web.Application()
    app.router.add_post("/slack/events", slack_events)
    add_health_routes(app, Health())
    async with serve_http(app, "127.0.0.1", 0) as port:
        assert (await _get(port, "/healthz"))[0] == 200
        assert (await _get(port, "/metrics"))[0] == 200
        async with aiohttp.ClientSession() as http, http.post(f"http://127.0.0.1:{port}/slack/events") as resp:
            assert await resp.text() == "slack"


async def test_app_serves_health_and_metrics_on_its_web_app(db_url: str) -> None:
    """Opened the real app (store on a real database), a feature added a check and a route to app.web,
    then start_http served it on port 0: /healthz names the store and the feature, /metrics counts pending posts,
    and the feature's route answers on the same port."""
    import contextlib

    from bot.app import open_app, start_http
    from config.settings import Settings

    settings = Settings(_env_file=None, database_url=db_url, http_host="127.0.0.1", http_port=0)  # type: ignore[call-arg]

    async def extra(_: web.Request) -> web.Response:
        return web.Response(text="extra")

    async with contextlib.AsyncExitStack() as stack:
        app = await open_app(settings, stack)
        app.health.add_check("discord", lambda: True)
        app.web.router.add_post("/slack/events", extra)
        port = await start_http(app)
        status, _, body = await _get(port, "/healthz")
        assert status == 200
        assert json.loads(body)["checks"] == {"discord": "ok", "store": "ok"}
        status, _, body = await _get(port, "/metrics")
        assert status == 200 and "briefbot_posts_pending 0.0" in body.splitlines()
        async with aiohttp.ClientSession() as http, http.post(f"http://127.0.0.1:{port}/slack/events") as resp:
            assert await resp.text() == "extra"
