"""The composition root with Slack configured: one process, one HTTP server, Slack's route beside health."""

from __future__ import annotations

import contextlib
import json

import aiohttp

from bot.app import open_app, start_http, start_slack
from config.settings import Settings
from tests.slack.fake_slack import FakeSlack
from tests.slack.signing import SIGNING_SECRET, signed_headers, slash_body


async def test_slack_http_mode_shares_the_app_server(db_url: str) -> None:
    """Built the real app with SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET (HTTP mode) against a fake Slack Web API:
    start_slack registered the publisher and /slack/events on app.web, start_http served it on one port.
    A signed `/talks help` answered 200 with the help card, a forged one 401, and /healthz listed slack and store."""
    fake = await FakeSlack().start()
    try:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            database_url=db_url,
            http_host="127.0.0.1",
            http_port=0,
            slack_bot_token="xoxb-test-token",
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=fake.base_url,
            slack_channels=["CNEWS"],
        )
        async with contextlib.AsyncExitStack() as stack:
            app = await open_app(settings, stack)
            publisher = await start_slack(app)
            assert publisher is not None and publisher.platform == "slack"
            port = await start_http(app)
            body = slash_body("help")
            async with aiohttp.ClientSession() as http:
                url = f"http://127.0.0.1:{port}/slack/events"
                async with http.post(url, data=body, headers=signed_headers(body)) as resp:
                    assert resp.status == 200
                    answer = await resp.json()
                assert "who" in json.dumps(answer)
                forged = signed_headers(body, secret="not-the-secret")
                async with http.post(url, data=body, headers=forged) as resp:
                    assert resp.status == 401
                async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
                    health = await resp.json()
            assert health["checks"]["slack"] == "ok" and health["checks"]["store"] == "ok"
    finally:
        await fake.stop()
