"""Slack HTTP-mode latency: briefbot's `/talks who` vs a bare slack-bolt app that only acks "ok".

Both apps run in this process on 127.0.0.1 behind aiohttp, with bolt's signature check on and
auth.test answered by a local fake Web API. 500 signed requests at concurrency 20 go to each;
the script prints p50/p99 latency and requests/s for both, and briefbot's ratio to the floor.
Targets: p99 within 1.5x of the floor's, and under 50 ms.

    .venv/bin/python bench/slack_latency.py [--requests 500] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.async_app import AsyncApp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.slack_adapter.app import add_routes  # noqa: E402
from bot.slack_adapter.publisher import make_web_client  # noqa: E402
from bot.slack_adapter.runner import start_slack  # noqa: E402
from briefings.article import parse_article_text  # noqa: E402
from briefings.clock import FixedClock  # noqa: E402
from briefings.commands import build_registry  # noqa: E402
from briefings.extract import extract  # noqa: E402
from briefings.store.repository import SqlEventStore  # noqa: E402
from config.settings import Settings  # noqa: E402
from tests.slack.fake_slack import FakeSlack  # noqa: E402
from tests.slack.signing import SIGNING_SECRET, signed_headers, slash_body  # noqa: E402

NOW = dt.datetime(2025, 5, 16, 6, 0, tzinfo=dt.UTC)
SEED = ROOT.parent / "shared" / "seed" / "istanbul-talks-2025-05-16.txt"
SAMPLES = ROOT / "briefings" / "samples"


def _seed_text() -> str:
    if SEED.exists():
        return SEED.read_text(encoding="utf-8")
    samples = sorted(SAMPLES.glob("*.txt"))
    if not samples:
        raise SystemExit("no seed story (../shared/seed) and no packaged samples to brief from")
    return samples[0].read_text(encoding="utf-8")


async def _serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events"


async def _load(
    url: str, n: int, concurrency: int, tag: str, check: Callable[[str], bool]
) -> tuple[list[float], float]:
    latencies: list[float] = []
    counter = iter(range(n))
    errors = 0

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal errors
        for i in counter:
            body = slash_body("who", trigger=f"{tag}-{i}")
            headers = signed_headers(body)
            t0 = time.perf_counter()
            async with session.post(url, data=body.encode(), headers=headers) as resp:
                text = await resp.text()
            latencies.append(time.perf_counter() - t0)
            if resp.status != 200 or not check(text):
                errors += 1

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        start = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
        wall = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{tag}: {errors} of {n} requests failed or answered wrongly")
    return latencies, wall


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _bare_app(fake: FakeSlack) -> web.Application:
    bolt = AsyncApp(client=make_web_client("xoxb-bench-floor", fake.base_url), signing_secret=SIGNING_SECRET)

    @bolt.command("/talks")
    async def ok(ack: Callable[..., Awaitable[Any]]) -> None:
        await ack("ok")

    app = web.Application()
    add_routes(app, bolt)
    return app


async def main(n: int, concurrency: int) -> int:
    fake = await FakeSlack().start()
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            slack_bot_token="xoxb-bench-token",
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=fake.base_url,
            http_host="127.0.0.1",
            http_port=0,
            database_url=db_url,
        )
        async with contextlib.AsyncExitStack() as stack:
            store = await stack.enter_async_context(SqlEventStore(db_url))
            article = parse_article_text(_seed_text(), "seed")
            await store.add_article(article, extract(article), NOW)
            runtime = await start_slack(settings, stack, store=store, clock=FixedClock(NOW), registry=build_registry())
            assert runtime is not None and runtime.url
            floor_runner, floor_url = await _serve(_bare_app(fake))
            stack.push_async_callback(floor_runner.cleanup)

            def is_who(text: str) -> bool:
                return "Medinsky" in text

            def is_ok(text: str) -> bool:
                return "ok" in text

            # warm both (auth.test, first queries, connection pools)
            await _load(runtime.url, 40, concurrency, "warm-bot", is_who)
            await _load(floor_url, 40, concurrency, "warm-floor", is_ok)
            floor, floor_wall = await _load(floor_url, n, concurrency, "floor", is_ok)
            bot, bot_wall = await _load(runtime.url, n, concurrency, "bot", is_who)
            # the same without the answer cache: every request runs the store query
            assert runtime.answers is not None
            runtime.answers.ttl = 0.0
            raw, raw_wall = await _load(runtime.url, n, concurrency, "raw", is_who)
    await fake.stop()

    rows = [
        ("bare bolt (ack ok)", floor, floor_wall),
        ("briefbot /talks who", bot, bot_wall),
        ("  same, cache off", raw, raw_wall),
    ]
    print(f"{n} signed /talks requests, concurrency {concurrency}, loopback, one process")
    print(f"{'':22} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'req/s':>8}")
    for name, lat, wall in rows:
        print(
            f"{name:22} {_pct(lat, 0.5) * 1e3:8.2f} {_pct(lat, 0.99) * 1e3:8.2f} "
            f"{statistics.fmean(lat) * 1e3:8.2f} {len(lat) / wall:8.0f}"
        )
    ratio = _pct(bot, 0.99) / _pct(floor, 0.99)
    p99 = _pct(bot, 0.99) * 1e3
    print(f"p99 ratio briefbot/floor: {ratio:.2f}x (target <= 1.5x); briefbot p99 {p99:.1f} ms (target < 50 ms)")
    print(f"cache off: p99 {_pct(raw, 0.99) * 1e3:.1f} ms, {_pct(raw, 0.99) / _pct(floor, 0.99):.2f}x the floor")
    print(f"throughput ratio briefbot/floor: {(len(bot) / bot_wall) / (len(floor) / floor_wall):.2f}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=20)
    ns = parser.parse_args()
    raise SystemExit(asyncio.run(main(ns.requests, ns.concurrency)))
