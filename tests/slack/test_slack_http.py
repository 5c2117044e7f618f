"""The real slack-bolt app in HTTP mode, served on 127.0.0.1 by ``start_slack``, receiving signed requests.

The store is a real SQLite file holding the seed story (ingested through the real extractor), the
Web API is the fake on 127.0.0.1 (bolt calls auth.test through it), and response_url points at a
local recorder. Signatures are computed here with the signing secret, as Slack computes them.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot.slack_adapter.runner import SlackRuntime, start_slack
from briefings import briefing
from briefings.article import parse_article_text
from briefings.cards import Card
from briefings.clock import FixedClock
from briefings.commands import build_registry
from briefings.extract import extract
from briefings.store.repository import SqlEventStore
from config.settings import Settings
from tests.conftest import shared_path
from tests.slack.fake_slack import FakeSlack
from tests.slack.signing import SIGNING_SECRET, signed_headers, slash_body

NOW = dt.datetime(2025, 5, 16, 6, 0, tzinfo=dt.UTC)
ADMIN = "UADMIN"


@dataclass
class Recorder:
    """A local stand-in for response_url (and an article server for /talks ingest)."""

    responses: list[dict[str, Any]] = field(default_factory=list)
    got: asyncio.Event = field(default_factory=asyncio.Event)
    article: str = ""
    base: str = ""

    async def respond(self, request: web.Request) -> web.Response:
        self.responses.append(await request.json())
        self.got.set()
        return web.Response(text="ok")

    async def serve_article(self, request: web.Request) -> web.Response:
        return web.Response(text=self.article, content_type="text/plain")


@dataclass
class Env:
    runtime: SlackRuntime
    store: SqlEventStore
    recorder: Recorder
    session: aiohttp.ClientSession

    async def send(
        self, text: str, *, headers: dict[str, str] | None = None, body: str | None = None, **kwargs: Any
    ) -> aiohttp.ClientResponse:
        body = body if body is not None else slash_body(text, **kwargs)
        resp = await self.session.post(
            self.runtime.url or "", data=body.encode(), headers=headers or signed_headers(body)
        )
        await resp.read()
        return resp


async def _ingest_via_http(store: SqlEventStore, url: str) -> Card:
    """The ingest the composition root would pass in: fetch, extract, store (kept small for the test)."""
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        text = await resp.text()
    article = parse_article_text(text, url, url=url)
    result = await store.add_article(article, extract(article), NOW)
    return briefing.message_card("Ingested", f"{len(result.created)} new events from {url}")


@pytest.fixture
async def env(db_url: str) -> AsyncIterator[Env]:
    seed = shared_path("seed", "istanbul-talks-2025-05-16.txt").read_text(encoding="utf-8")
    fake = await FakeSlack().start()
    recorder = Recorder(article=seed)
    rec_app = web.Application()
    rec_app.router.add_post("/respond", recorder.respond)
    rec_app.router.add_get("/article.txt", recorder.serve_article)
    rec_runner = web.AppRunner(rec_app, access_log=None)
    await rec_runner.setup()
    await web.TCPSite(rec_runner, "127.0.0.1", 0).start()
    recorder.base = f"http://127.0.0.1:{rec_runner.addresses[0][1]}"
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        slack_bot_token="xoxb-test-token-value",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=fake.base_url,
        slack_admins=ADMIN,
        http_host="127.0.0.1",
        http_port=0,
        database_url=db_url,
    )
    async with contextlib.AsyncExitStack() as stack:
        store = await stack.enter_async_context(SqlEventStore(db_url))
        runtime = await start_slack(
            settings,
            stack,
            store=store,
            clock=FixedClock(NOW),
            registry=build_registry(),
            ingest=lambda url: _ingest_via_http(store, url),
        )
        assert runtime is not None and runtime.mode == "http"
        session = await stack.enter_async_context(aiohttp.ClientSession())
        yield Env(runtime, store, recorder, session)
    await rec_runner.cleanup()
    await fake.stop()


async def _seed(env: Env) -> None:
    article = parse_article_text(env.recorder.article, "seed")
    await env.store.add_article(article, extract(article), NOW)


async def test_signed_who_answers_with_blocks_naming_both_heads(env: Env) -> None:
    """After the seed story is ingested, a validly signed `/talks who` gets 200 with an ephemeral Block Kit
    answer (header, fields, sources context, text fallback) naming Medinsky and Umerov."""
    await _seed(env)
    resp = await env.send("who")
    assert resp.status == 200
    answer = json.loads(await resp.text())
    assert answer["response_type"] == "ephemeral"
    types = [b["type"] for b in answer["blocks"]]
    assert types[0] == "header" and "context" in types
    everything = answer["text"] + json.dumps(answer["blocks"])
    assert "Medinsky" in everything and "Umerov" in everything


async def test_help_and_shared_brief(env: Env) -> None:
    """`/talks` alone answers with help; `/talks brief share` answers in the channel, `/talks brief` privately."""
    await _seed(env)
    help_answer = json.loads(await (await env.send("", trigger="t-help")).text())
    assert "who" in json.dumps(help_answer["blocks"])
    shared = json.loads(await (await env.send("brief share", trigger="t-share")).text())
    private = json.loads(await (await env.send("brief", trigger="t-private")).text())
    assert shared["response_type"] == "in_channel" and private["response_type"] == "ephemeral"
    assert "<!date^" in json.dumps(shared["blocks"])


async def test_forged_signature_is_401(env: Env) -> None:
    """A request signed with the wrong secret is refused with 401 and not answered."""
    body = slash_body("who")
    resp = await env.send("who", body=body, headers=signed_headers(body, secret="not-the-secret"))
    assert resp.status == 401


async def test_five_minute_old_timestamp_is_401(env: Env) -> None:
    """A correctly signed request whose timestamp is just over five minutes old is refused with 401."""
    body = slash_body("who")
    resp = await env.send("who", body=body, headers=signed_headers(body, timestamp=int(time.time()) - 301))
    assert resp.status == 401


async def test_retried_delivery_is_processed_once(env: Env) -> None:
    """The same delivery retried by Slack (X-Slack-Retry-Num: 1, same trigger_id) gets 200 but no second answer."""
    await _seed(env)
    first = await env.send("who", trigger="t-retry")
    body = slash_body("who", trigger="t-retry")
    headers = {**signed_headers(body), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    retry = await env.send("who", body=body, headers=headers)
    assert first.status == 200 and "Medinsky" in await first.text()
    assert retry.status == 200 and await retry.text() == ""


async def test_ingest_acks_at_once_and_answers_through_response_url(env: Env) -> None:
    """An admin's `/talks ingest URL` is acked immediately ('Working on it'), the article is fetched and stored,
    and the result arrives once at response_url, even when Slack retries the delivery."""
    url = f"{env.recorder.base}/article.txt"
    respond = f"{env.recorder.base}/respond"
    ack = await env.send(f"ingest {url}", user=ADMIN, trigger="t-ingest", response_url=respond)
    assert ack.status == 200 and "Working on" in await ack.text()
    body = slash_body(f"ingest {url}", user=ADMIN, trigger="t-ingest", response_url=respond)
    await env.send("", body=body, headers={**signed_headers(body), "X-Slack-Retry-Num": "1"})
    await asyncio.wait_for(env.recorder.got.wait(), timeout=30)
    await asyncio.sleep(0.2)  # let a (wrong) second answer arrive if there were one
    assert len(env.recorder.responses) == 1
    assert "Ingested" in env.recorder.responses[0]["text"]
    assert await env.store.article_count() == 1


async def test_ingest_is_for_admins_only(env: Env) -> None:
    """A non-admin's `/talks ingest URL` is answered at once with a refusal; nothing is fetched or stored."""
    resp = await env.send(f"ingest {env.recorder.base}/article.txt", trigger="t-noadmin")
    assert resp.status == 200 and "admins" in await resp.text()
    assert await env.store.article_count() == 0


async def test_cached_answers_are_dropped_after_an_ingest(env: Env) -> None:
    """`/talks who` on an empty store says there is nothing to brief; after the seed is ingested and the ingest
    listener runs, the next `/talks who` names Medinsky (no stale cached answer)."""
    empty = await (await env.send("who", trigger="t-empty")).text()
    assert "Medinsky" not in empty
    await _seed(env)
    await env.runtime.on_ingested(None)  # type: ignore[arg-type]
    assert "Medinsky" in await (await env.send("who", trigger="t-full")).text()
