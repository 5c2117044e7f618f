"""Durable Slack posting: the real outbox and SlackPublisher against a fake Slack Web API on 127.0.0.1.

Every test runs the real slack_sdk client over HTTP to a local aiohttp server standing in for
Slack (``slack_api_url``), and the real outbox on a real SQLite file. The clock is a FixedClock,
so Retry-After and backoff waits advance it instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.slack_adapter.publisher import SlackPublisher, make_web_client
from briefings.clock import FixedClock
from briefings.model import EventStatus, Participant
from briefings.outbox import FAILED, PENDING, SENT, Outbox, RetryPolicy
from briefings.store.api import Change, IngestResult, SourceRef, StoredEvent
from briefings.store.db import create_schema, make_engine
from tests.slack.fake_slack import FakeSlack

TOKEN = "xoxb-1111-2222-secrettokenvalue"
T0 = dt.datetime(2025, 5, 15, 18, 0, tzinfo=dt.UTC)
START = dt.datetime(2025, 5, 16, 9, 30, tzinfo=dt.UTC)


def talks(start: dt.datetime = START, *, title: str = "Russia-Ukraine talks", event_id: int = 2) -> StoredEvent:
    """The Istanbul session as the store would hand it over."""
    return StoredEvent(
        id=event_id,
        story="istanbul-talks",
        title=title,
        kind="talks",
        status=EventStatus.SCHEDULED,
        date=start.date(),
        start_utc=start,
        timezone="Europe/Istanbul",
        venue="Dolmabahce Palace",
        city="Istanbul",
        country="Turkey",
        parties=("Turkey", "Russia", "Ukraine"),
        participants=(
            Participant("Vladimir Medinsky", "Kremlin aide", "Russia", head=True),
            Participant("Rustem Umerov", "Defence Minister", "Ukraine", head=True),
        ),
        sources=(SourceRef(1, "reuters.txt", headline="Talks in Istanbul", outlet="Reuters"),),
    )


def moved() -> tuple[StoredEvent, tuple[Change, ...]]:
    """The same session moved from 09:30 to 12:30 GMT by a later article."""
    new_start = START.replace(hour=12)
    change = Change("start_utc", START.isoformat(), new_start.isoformat(), 2, "Reuters", T0)
    return talks(new_start), (change,)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack().start()
    yield server
    await server.stop()


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    eng = make_engine(db_url)
    await create_schema(eng)
    yield eng
    await eng.dispose()


def make_outbox(
    engine: AsyncEngine, fake: FakeSlack, clock: FixedClock, channels: list[str], policy: RetryPolicy | None = None
) -> Outbox:
    outbox = Outbox(engine, clock=clock, policy=policy)
    outbox.register(SlackPublisher(make_web_client(TOKEN, fake.base_url)), channels)
    return outbox


async def test_new_article_posts_one_briefing_per_channel(engine: AsyncEngine, fake: FakeSlack) -> None:
    """Two new sessions of one story -> one briefing (blocks + text) per channel; re-delivery of the same
    ingest result and a second flush post nothing more."""
    outbox = make_outbox(engine, fake, FixedClock(T0), ["#briefings", "#newsroom"])
    result = IngestResult(
        article_id=1,
        duplicate=False,
        created=(talks(event_id=1, title="Turkey-US-Ukraine meeting", start=START.replace(hour=7, minute=45)), talks()),
    )
    assert await outbox.on_ingested(result) == 2
    report = await outbox.flush()
    assert report.sent == 2
    assert await outbox.on_ingested(result) == 0
    await outbox.flush()
    posts = fake.messages()
    assert sorted(c.body["channel"] for c in posts) == ["#briefings", "#newsroom"]
    for call in posts:
        assert call.body["blocks"][0]["type"] == "header"
        assert "Medinsky" in call.body["text"] or "Medinsky" in json.dumps(call.body["blocks"])
        assert "<!date^" in json.dumps(call.body["blocks"])
        assert fake.of("chat.postMessage")[0].authorization == f"Bearer {TOKEN}"
    assert all(p.state == SENT for p in await outbox.posts())


async def test_time_change_edits_the_message_and_replies_in_its_thread(engine: AsyncEngine, fake: FakeSlack) -> None:
    """After the briefing is out, a time change edits that message (chat.update on its ts) and replies in its
    thread with 'time: 09:30 GMT -> 12:30 GMT, per Reuters'; the same change delivered again posts nothing."""
    outbox = make_outbox(engine, fake, FixedClock(T0), ["#briefings"])
    await outbox.on_ingested(IngestResult(1, False, created=(talks(),)))
    await outbox.flush()
    original = fake.messages()[0]
    ts = "1700000001.000100"
    event, changes = moved()
    await outbox.on_ingested(IngestResult(2, False, changed=((event, changes),)))
    await outbox.on_ingested(IngestResult(2, False, changed=((event, changes),)))
    await outbox.flush()
    updates = fake.of("chat.update")
    assert len(updates) == 1
    assert updates[0].body["ts"] == ts and updates[0].body["channel"] == "CBRIEFINGS"
    assert "12:30" in json.dumps(updates[0].body["blocks"])
    replies = [c for c in fake.messages() if c.body.get("thread_ts")]
    assert len(replies) == 1
    assert replies[0].body["thread_ts"] == ts
    # ">" travels escaped as &gt; (Slack shows it as ">")
    assert "09:30 GMT -&gt; 12:30 GMT, per Reuters" in replies[0].body["text"]
    assert len(fake.messages()) == 2 and original.body.get("thread_ts") is None
    assert await outbox.message_ref("slack", "#briefings", 2) == f"CBRIEFINGS/{ts}"


async def test_update_waits_for_its_briefing(engine: AsyncEngine, fake: FakeSlack) -> None:
    """A change queued while the briefing is still pending is sent after it, threaded under it."""
    outbox = make_outbox(engine, fake, FixedClock(T0), ["#briefings"])
    await outbox.on_ingested(IngestResult(1, False, created=(talks(),)))
    event, changes = moved()
    await outbox.on_ingested(IngestResult(2, False, changed=((event, changes),)))
    await outbox.flush()
    first, reply = fake.messages()
    assert first.body.get("thread_ts") is None
    assert reply.body["thread_ts"] == "1700000001.000100"


async def test_429_then_200_posts_exactly_once(engine: AsyncEngine, fake: FakeSlack) -> None:
    """Slack answers 429 with Retry-After: 7, then 200: one message, sent after the clock moved 7 s."""
    clock = FixedClock(T0)
    outbox = make_outbox(engine, fake, clock, ["#briefings"])
    fake.fail("chat.postMessage", 429, headers={"Retry-After": "7"})
    await outbox.on_ingested(IngestResult(1, False, created=(talks(),)))
    report = await outbox.flush()
    assert report.sent == 1 and report.retried == 1
    assert len(fake.of("chat.postMessage")) == 2
    assert len(fake.messages()) == 1
    assert clock.now() - T0 >= dt.timedelta(seconds=7)
    [post] = await outbox.posts()
    assert post.state == SENT and post.attempts == 2


async def test_three_500s_then_200_posts_exactly_once(engine: AsyncEngine, fake: FakeSlack) -> None:
    """Three 500s then 200: retried with exponential backoff (0.5 + 1 + 2 s on the clock), one message."""
    clock = FixedClock(T0)
    outbox = make_outbox(engine, fake, clock, ["#briefings"])
    fake.fail("chat.postMessage", 500, times=3)
    await outbox.on_ingested(IngestResult(1, False, created=(talks(),)))
    report = await outbox.flush()
    assert report.sent == 1 and report.retried == 3
    assert len(fake.of("chat.postMessage")) == 4
    assert len(fake.messages()) == 1
    assert clock.now() - T0 == dt.timedelta(seconds=3.5)


async def test_still_failing_post_stays_pending_and_survives_a_restart(db_url: str, fake: FakeSlack) -> None:
    """Slack keeps failing (500) past one flush's attempts: the post stays pending. A new process (new engine,
    outbox and publisher on the same SQLite file) sends it once; later flushes send nothing more."""
    clock = FixedClock(T0)
    engine1 = make_engine(db_url)
    await create_schema(engine1)
    outbox1 = make_outbox(engine1, fake, clock, ["#briefings"], RetryPolicy(attempts_per_flush=2))
    fake.fail("chat.postMessage", 500, times=2)
    await outbox1.on_ingested(IngestResult(1, False, created=(talks(),)))
    report = await outbox1.flush()
    assert report.sent == 0 and report.left_pending == 1
    assert [p.state for p in await outbox1.posts()] == [PENDING]
    await engine1.dispose()

    clock.advance(dt.timedelta(minutes=5))
    engine2 = make_engine(db_url)
    try:
        outbox2 = make_outbox(engine2, fake, clock, ["#briefings"])
        assert (await outbox2.flush()).sent == 1
        assert (await outbox2.flush()).sent == 0
        assert len(fake.messages()) == 1
    finally:
        await engine2.dispose()


async def test_restart_with_an_unsent_post_sends_it_once(db_url: str, fake: FakeSlack) -> None:
    """A post queued by a process that stopped before flushing is sent once by the next process, even when
    that process also receives the same ingest result again."""
    clock = FixedClock(T0)
    engine1 = make_engine(db_url)
    await create_schema(engine1)
    await make_outbox(engine1, fake, clock, ["#briefings"]).on_ingested(IngestResult(1, False, created=(talks(),)))
    await engine1.dispose()
    assert fake.calls == []

    engine2 = make_engine(db_url)
    try:
        outbox2 = make_outbox(engine2, fake, clock, ["#briefings"])
        await outbox2.on_ingested(IngestResult(1, False, created=(talks(),)))
        await outbox2.flush()
        await outbox2.flush()
        assert len(fake.messages()) == 1
    finally:
        await engine2.dispose()


async def test_unknown_channel_fails_alone_and_is_not_retried(engine: AsyncEngine, fake: FakeSlack) -> None:
    """channel_not_found is permanent: that post is marked failed (not retried), the other channel still gets
    its briefing, and retry_failed() re-queues it once the channel is fixed."""
    outbox = make_outbox(engine, fake, FixedClock(T0), ["#gone", "#briefings"])
    fake.fail("chat.postMessage", 200, body={"ok": False, "error": "channel_not_found"})
    await outbox.on_ingested(IngestResult(1, False, created=(talks(),)))
    report = await outbox.flush()
    assert report.sent == 1 and report.failed == 1
    assert len(fake.of("chat.postMessage")) == 2
    states = {p.channel: p.state for p in await outbox.posts()}
    assert states == {"#gone": FAILED, "#briefings": SENT}
    assert await outbox.retry_failed() == 1
    assert (await outbox.flush()).sent == 1


async def test_article_text_cannot_ping_or_forge_links(engine: AsyncEngine, fake: FakeSlack) -> None:
    """An event whose title and people carry <!channel>, @here, <@U123> and a forged <http://x|link> is posted
    with &, <, > escaped: none of those tokens reaches Slack raw."""
    outbox = make_outbox(engine, fake, FixedClock(T0), ["#briefings"])
    evil = talks(title="Talks <!channel> @here <@U0ADMIN> <https://evil.example|click> & more")
    evil = StoredEvent(
        **{
            **{f: getattr(evil, f) for f in evil.__slots__},  # type: ignore[attr-defined]
            "participants": (Participant("<!here> Ivan", "aide", "Russia", head=True),),
        }
    )
    await outbox.on_ingested(IngestResult(1, False, created=(evil,)))
    await outbox.flush()
    [call] = fake.messages()
    sent = call.body["text"] + json.dumps([b for b in call.body["blocks"] if b["type"] != "header"])
    for raw in ("<!channel>", "<!here>", "<@U0ADMIN>", "<https://evil.example"):
        assert raw not in sent
    assert "&lt;!channel&gt;" in call.body["text"]
    assert "@\u200bhere" in call.body["text"] or "@here" not in call.body["text"]
    assert "&amp; more" in call.body["text"]


async def test_tokens_never_reach_the_logs(
    engine: AsyncEngine, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """With every logger at DEBUG, a run with a 429, a 500, a permanent error and successes never logs the
    bot token, and no stored error carries it."""
    caplog.set_level(logging.DEBUG)
    outbox = make_outbox(engine, fake, FixedClock(T0), ["#gone", "#briefings"])
    fake.fail("chat.postMessage", 200, body={"ok": False, "error": "channel_not_found"})
    fake.fail("chat.postMessage", 429, headers={"Retry-After": "1"})
    fake.fail("chat.postMessage", 500)
    await outbox.on_ingested(IngestResult(1, False, created=(talks(),)))
    await outbox.flush()
    assert len(fake.messages()) == 1
    assert TOKEN not in caplog.text and "secrettokenvalue" not in caplog.text
    assert caplog.text  # the run did log
    for post in await outbox.posts():
        assert "secrettokenvalue" not in (post.last_error or "")


async def test_feed_target_channels_narrow_the_posts(engine: AsyncEngine, fake: FakeSlack) -> None:
    """An article from a feed that names its own channel (#diplomacy, given as 'diplomacy') posted its briefing
    there only, not to #newsroom; an article with no channels of its own still went to both."""
    outbox = make_outbox(engine, fake, FixedClock(T0), ["#diplomacy", "#newsroom"])
    narrowed = IngestResult(article_id=1, duplicate=False, created=(talks(event_id=1),), channels=("diplomacy",))
    assert await outbox.on_ingested(narrowed) == 1
    await outbox.flush()
    assert [c.body["channel"] for c in fake.messages()] == ["#diplomacy"]
    everywhere = IngestResult(article_id=2, duplicate=False, created=(talks(event_id=2, title="Other talks"),))
    assert await outbox.on_ingested(everywhere) == 2
    await outbox.flush()
    assert sorted(c.body["channel"] for c in fake.messages()[1:]) == ["#diplomacy", "#newsroom"]
