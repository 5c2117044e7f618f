"""The Discord adapter end to end: the real discord.py client against a fake Discord REST API on 127.0.0.1.

No gateway: the client logs in over REST (``/users/@me``), syncs ``/talks`` in ``setup_hook``,
and interactions are built from gateway-shaped payloads and dispatched through the real command
tree. Articles go through the real extractor and the real SQLite store; channel posts go through
the real outbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import itertools
import json
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
from discord.http import Route

from bot.discord_adapter.client import DEFAULT_API_BASE
from bot.discord_adapter.format import card_to_embed
from bot.discord_adapter.runner import DiscordConfigError, DiscordRuntime, check_token, start_discord
from briefings.article import parse_article_text
from briefings.cards import Card, CardField, CardKind
from briefings.clock import FixedClock
from briefings.commands import CommandContext, CommandRegistry, build_registry
from briefings.errors import DeliveryError
from briefings.outbox import Outbox
from briefings.service import BriefingService
from briefings.store.api import IngestResult
from briefings.store.repository import SqlEventStore
from config.settings import Settings
from tests.conftest import DATA, shared_path
from tests.discord.fake_discord import ADMIN_CHANNEL, APP_ID, CHANNEL, GUILD, TOKEN, FakeDiscord

ADMIN_ROLE = 444444444444444444
USER_ID = 555555555555555555
BUILTINS = ["who", "when", "where", "expect", "next", "brief", "sources", "help"]

SEED_NOW = dt.datetime(2025, 5, 16, 5, 0, tzinfo=dt.UTC)

GENEVA = """date 2025-06-02 Armenian and Azerbaijani foreign ministers to meet in Geneva on Tuesday

GENEVA (Wire) - Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun Bayramov will \
hold talks in Geneva on Tuesday, the Swiss foreign ministry said.

The meeting at the Palais des Nations is due to start at 10:00 local time, a ministry spokesperson said. \
@everyone and <@&{role}> should read the statement, said a post signed @here.
"""

GENEVA_CANCELLED = """date 2025-06-02 Geneva talks between Armenia and Azerbaijan cancelled

GENEVA (Wire) - Talks between Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun \
Bayramov planned for Tuesday in Geneva have been cancelled, the Swiss foreign ministry said on Monday.
"""


# --------------------------------------------------------------------------- fixtures


@dataclasses.dataclass
class Bot:
    """Everything one test needs: the fake, the started adapter, the store, the outbox and the service."""

    fake: FakeDiscord
    runtime: DiscordRuntime
    store: SqlEventStore
    clock: FixedClock
    outbox: Outbox
    service: BriefingService
    registry: CommandRegistry

    @property
    def client(self) -> discord.Client:
        return self.runtime.client

    async def ingest(self, text: str, source: str) -> IngestResult:
        return await self.service.ingest_article(parse_article_text(text, source))


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    yield server
    await server.close()
    # the adapter restores discord.py's REST base on shutdown; make sure no test leaks the fake's
    assert Route.BASE == DEFAULT_API_BASE


def _settings(fake: FakeDiscord, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "discord_token": TOKEN,
        "discord_api_url": fake.base,
        "discord_guilds": str(GUILD),
        "discord_channels": str(CHANNEL),
        "discord_admin_roles": str(ADMIN_ROLE),
        "discord_events": True,
        "discord_event_minutes": 90,
        "admin_channel": str(ADMIN_CHANNEL),
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@contextlib.asynccontextmanager
async def started(fake: FakeDiscord, db_url: str, now: dt.datetime = SEED_NOW, **overrides: Any) -> AsyncIterator[Bot]:
    clock = FixedClock(now)
    async with contextlib.AsyncExitStack() as stack:
        store = await stack.enter_async_context(SqlEventStore(db_url))
        outbox = Outbox(store.engine, clock=clock, store=store)
        registry = build_registry()
        service = BriefingService(store, clock, listeners=[outbox.on_ingested])
        runtime = await start_discord(
            _settings(fake, **overrides),
            stack,
            store=store,
            clock=clock,
            registry=registry,
            outbox=outbox,
            engine=store.engine,
            subscribe=service.on_ingested,
            # no background loops in tests: each test syncs and flushes when it means to
            spawn=lambda coro, name: coro.close(),
            connect=False,
        )
        assert runtime is not None
        yield Bot(fake, runtime, store, clock, outbox, service, registry)


_ids = itertools.count(700000000000000001)


def interaction_payload(
    sub: str,
    options: list[dict[str, Any]] | None = None,
    *,
    kind: int = 2,
    roles: tuple[int, ...] = (),
    permissions: int = 0,
) -> dict[str, Any]:
    """A gateway INTERACTION_CREATE payload for ``/talks <sub>`` in the test guild's channel."""
    iid = next(_ids)
    return {
        "id": str(iid),
        "application_id": str(APP_ID),
        "type": kind,
        "token": f"itoken-{iid}",
        "version": 1,
        "guild_id": str(GUILD),
        "channel_id": str(CHANNEL),
        "channel": {
            "id": str(CHANNEL),
            "type": 0,
            "guild_id": str(GUILD),
            "name": "briefings",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
        },
        "member": {
            "user": FakeDiscord.user(USER_ID, "reader", bot=False),
            "roles": [str(r) for r in roles],
            "joined_at": "2025-01-01T00:00:00.000000+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "permissions": str(permissions),
        },
        "data": {
            "id": "800000000000000001",
            "name": "talks",
            "type": 1,
            "guild_id": str(GUILD),
            "options": [{"name": sub, "type": 1, "options": options or []}],
        },
        "locale": "en-US",
        "guild_locale": "en-US",
        "app_permissions": "0",
        "attachment_size_limit": 8388608,
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(GUILD)},
        "context": 0,
    }


async def dispatch(bot: Bot, payload: dict[str, Any]) -> dict[str, Any]:
    """Run one interaction through the real command tree; return the callback the fake received."""
    interaction: discord.Interaction[Any] = discord.Interaction(data=payload, state=bot.client._connection)  # type: ignore[arg-type]
    await bot.client.tree._call(interaction)  # type: ignore[attr-defined]
    calls = bot.fake.callbacks(int(payload["id"]))
    assert len(calls) == 1, calls
    return calls[0]


def embed_text(embed: dict[str, Any]) -> str:
    parts = [embed.get("title", ""), embed.get("description", "")]
    parts += [f"{f['name']} {f['value']}" for f in embed.get("fields", [])]
    parts.append(embed.get("footer", {}).get("text", ""))
    return "\n".join(parts)


async def ingest_seed(bot: Bot) -> IngestResult:
    text = shared_path("seed", "istanbul-talks-2025-05-16.txt").read_text(encoding="utf-8")
    return await bot.ingest(text, "istanbul-talks-2025-05-16.txt")


# --------------------------------------------------------------------------- start-up


async def test_login_and_command_sync_payload(fake: FakeDiscord, db_url: str) -> None:
    """Login hits /users/@me with the bot token; /talks syncs to the guild with every subcommand typed and described."""
    async with started(fake, db_url) as bot:
        me = fake.calls("GET", "users/@me")
        assert me and me[0].headers["Authorization"] == f"Bot {TOKEN}"
        assert bot.client.user is not None and bot.client.user.id == APP_ID

        puts = fake.calls("PUT", rf"applications/{APP_ID}/guilds/{GUILD}/commands")
        assert len(puts) == 1
        assert not fake.calls("PUT", rf"applications/{APP_ID}/commands"), "guilds configured: no global sync"
        (talks,) = puts[0].body
        assert talks["name"] == "talks" and talks["description"]
        subs = {o["name"]: o for o in talks["options"]}
        assert list(subs) == BUILTINS
        for name, sub in subs.items():
            assert sub["type"] == 1 and 0 < len(sub["description"]) <= 100, name
        for name in ("who", "when", "where", "expect", "next", "brief", "sources"):
            topic = {o["name"]: o for o in subs[name]["options"]}["topic"]
            assert topic["type"] == 3 and topic.get("required", False) is False and topic["autocomplete"] is True
            assert topic["description"]
        share = {o["name"]: o for o in subs["brief"]["options"]}["share"]
        assert share["type"] == 5 and share.get("required", False) is False
        assert subs["help"].get("options", []) == []


async def test_global_sync_without_guilds(fake: FakeDiscord, db_url: str) -> None:
    """With no BRIEFBOT_DISCORD_GUILDS the tree syncs globally, once."""
    async with started(fake, db_url, discord_guilds="", discord_events=False):
        assert len(fake.calls("PUT", rf"applications/{APP_ID}/commands")) == 1
        assert not fake.calls("PUT", rf"applications/{APP_ID}/guilds/\d+/commands")


def test_malformed_token_is_named_not_shown() -> None:
    """Malformed tokens give an error naming DISCORD_TOKEN that never quotes the value."""
    for bad in ("Bot " + TOKEN, "not a token", "abc.def", TOKEN[:-30] + " " + TOKEN[-29:]):
        with pytest.raises(DiscordConfigError) as err:
            check_token(bad)
        assert "DISCORD_TOKEN" in str(err.value)
        assert bad.strip() not in str(err.value) and TOKEN[-20:] not in str(err.value)
    assert check_token(f"  {TOKEN}\n") == TOKEN


async def test_rejected_token_is_a_clear_error(fake: FakeDiscord, db_url: str) -> None:
    """A well-formed token Discord rejects (401) raises DiscordConfigError naming DISCORD_TOKEN, not quoting it."""
    wrong = TOKEN[:-4] + "WXYZ"
    with pytest.raises(DiscordConfigError) as err:
        async with started(fake, db_url, discord_token=wrong):
            pass
    assert "DISCORD_TOKEN" in str(err.value) and "rejected" in str(err.value)
    assert wrong not in str(err.value)


# --------------------------------------------------------------------------- commands


async def test_every_subcommand_answers_through_the_tree(fake: FakeDiscord, db_url: str) -> None:
    """After the seed story is ingested, each /talks subcommand dispatched as a real Interaction answers with an embed.

    who names Medinsky and Umerov; answers are ephemeral (flags 64) except brief with share=True; no answer can ping.
    """
    async with started(fake, db_url) as bot:
        result = await ingest_seed(bot)
        assert result.created, "the seed story should produce events"
        for sub in BUILTINS:
            cb = await dispatch(bot, interaction_payload(sub))
            assert cb["type"] == 4, sub
            data = cb["data"]
            assert data["flags"] & 64, f"{sub} should be ephemeral"
            assert data["allowed_mentions"]["parse"] == []
            (embed,) = data["embeds"]
            assert embed["title"], sub
            if sub == "who":
                text = embed_text(embed)
                assert "Medinsky" in text and "Umerov" in text
            if sub in ("when", "next"):
                assert "<t:" in embed_text(embed) and ":R>" in embed_text(embed)

        shared = await dispatch(bot, interaction_payload("brief", [{"name": "share", "type": 5, "value": True}]))
        assert shared["type"] == 4 and not shared["data"].get("flags", 0) & 64
        assert shared["data"]["allowed_mentions"]["parse"] == []

        topic = await dispatch(bot, interaction_payload("who", [{"name": "topic", "type": 3, "value": "istanbul"}]))
        assert "Umerov" in embed_text(topic["data"]["embeds"][0])


async def test_topic_autocomplete_lists_tracked_stories(fake: FakeDiscord, db_url: str) -> None:
    """An autocomplete interaction on topic answers (type 8) with the tracked stories matching what was typed."""
    async with started(fake, db_url) as bot:
        await ingest_seed(bot)
        stories = await bot.store.stories()
        payload = interaction_payload("who", [{"name": "topic", "type": 3, "value": "", "focused": True}], kind=4)
        cb = await dispatch(bot, payload)
        assert cb["type"] == 8
        assert [c["value"] for c in cb["data"]["choices"]] == [s.key for s in stories][:25]
        miss = interaction_payload("who", [{"name": "topic", "type": 3, "value": "zzzz", "focused": True}], kind=4)
        assert (await dispatch(bot, miss))["data"]["choices"] == []


async def test_slow_command_defers_then_follows_up(fake: FakeDiscord, db_url: str) -> None:
    """A command slower than the defer budget is deferred (type 5) and its card follows up through the webhook."""
    async with started(fake, db_url) as bot:
        release = asyncio.Event()

        async def slow(ctx: CommandContext) -> Card:
            await release.wait()
            return Card(title="done slowly", lines=("after the wait",))

        bot.registry.register("slow", slow, help="a slow test command")
        bot.runtime.commands.defer_after = 0.01
        bot.client.tree.clear_commands(guild=discord.Object(GUILD))
        bot.client.add_group(bot.runtime.commands.build_group())

        payload = interaction_payload("slow")
        task = asyncio.create_task(dispatch(bot, payload))
        while not fake.callbacks(int(payload["id"])):
            await asyncio.sleep(0.005)
        assert fake.callbacks(int(payload["id"]))[0] == {"type": 5, "data": {"flags": 64}}
        assert not fake.calls("POST", rf"webhooks/{APP_ID}/.+")
        release.set()
        await task
        (follow,) = fake.calls("POST", rf"webhooks/{APP_ID}/{payload['token']}")
        assert follow.body["embeds"][0]["title"] == "done slowly"
        assert follow.body["allowed_mentions"]["parse"] == [] and follow.body["flags"] & 64


async def test_admin_only_subcommand_checks_roles(fake: FakeDiscord, db_url: str) -> None:
    """An admin-only subcommand refuses a member without an admin role and runs for one with it (or Administrator)."""
    async with started(fake, db_url) as bot:
        ran: list[bool] = []

        async def secret(ctx: CommandContext) -> Card:
            ran.append(ctx.is_admin)
            return Card(title="admin thing done")

        bot.registry.register("secret", secret, help="admins only", admin=True)
        bot.client.tree.clear_commands(guild=discord.Object(GUILD))
        bot.client.add_group(bot.runtime.commands.build_group())

        refused = await dispatch(bot, interaction_payload("secret"))
        assert "admins" in refused["data"]["embeds"][0]["title"] and not ran
        allowed = await dispatch(bot, interaction_payload("secret", roles=(ADMIN_ROLE,)))
        assert allowed["data"]["embeds"][0]["title"] == "admin thing done"
        by_permission = await dispatch(bot, interaction_payload("secret", permissions=8))
        assert by_permission["data"]["embeds"][0]["title"] == "admin thing done"
        assert ran == [True, True]


# --------------------------------------------------------------------------- channel posts


async def test_new_story_posts_once_per_channel_without_mentions(fake: FakeDiscord, db_url: str) -> None:
    """Ingesting the seed queues a briefing in the outbox; a flush posts one embed with allowed_mentions parse []."""
    async with started(fake, db_url) as bot:
        await ingest_seed(bot)
        report = await bot.outbox.flush()
        assert report.sent == 1
        (post,) = fake.calls("POST", rf"channels/{CHANNEL}/messages")
        assert post.body["allowed_mentions"] == {"parse": []}
        assert post.body["embeds"][0]["title"]
        assert len(fake.channel_messages()) == 1
        await ingest_seed(bot)  # the same article again: nothing new
        assert (await bot.outbox.flush()).sent == 0
        assert len(fake.channel_messages()) == 1


async def test_everyone_in_an_article_pings_nobody(fake: FakeDiscord, db_url: str) -> None:
    """An article containing @everyone, @here and a role mention posts with parse [] and no live mention text."""
    async with started(fake, db_url, now=dt.datetime(2025, 6, 2, 6, tzinfo=dt.UTC)) as bot:
        await bot.ingest(GENEVA.format(role=ADMIN_ROLE), "geneva.txt")
        assert (await bot.outbox.flush()).sent == 1
        posts = fake.calls("POST", rf"channels/{CHANNEL}/messages")
        assert posts
        for post in posts:
            assert post.body["allowed_mentions"]["parse"] == []
            raw = json.dumps(post.body, ensure_ascii=False)
            assert "@everyone" not in raw and "@here" not in raw and f"<@&{ADMIN_ROLE}>" not in raw

        # the same text on a card the adapter renders directly: defused, and still sent with parse []
        card = Card(
            title="@everyone look", lines=(f"<@&{ADMIN_ROLE}> and @here",), fields=(CardField("Who", "@everyone"),)
        )
        await bot.runtime.publisher.post(str(CHANNEL), card)
        last = fake.calls("POST", rf"channels/{CHANNEL}/messages")[-1]
        assert last.body["allowed_mentions"]["parse"] == []
        text = embed_text(last.body["embeds"][0])
        assert "@\u200beveryone" in text and "@\u200bhere" in text and f"<\u200b@&{ADMIN_ROLE}>" in text


async def test_rate_limit_then_success_posts_once(fake: FakeDiscord, db_url: str) -> None:
    """A 429 with a short retry_after, then success: discord.py retries the same request, exactly one message exists."""
    async with started(fake, db_url) as bot:
        fake.rate_limit_next("POST", rf"channels/{CHANNEL}/messages", 0.01)
        await ingest_seed(bot)
        report = await bot.outbox.flush()
        assert report.sent == 1
        assert len(fake.calls("POST", rf"channels/{CHANNEL}/messages")) == 2
        assert len(fake.channel_messages()) == 1
        assert [p.state for p in await bot.outbox.posts(platform="discord")] == ["sent"]


async def test_long_rate_limit_is_retried_by_the_outbox_once(fake: FakeDiscord, db_url: str) -> None:
    """A 429 longer than the client waits inline becomes DeliveryError(retry_after); the outbox posts it once later."""
    async with started(fake, db_url) as bot:
        fake.rate_limit_next("POST", rf"channels/{CHANNEL}/messages", 60.0)
        await ingest_seed(bot)
        first = await bot.outbox.flush()
        assert first.sent == 0 and first.left_pending == 1
        assert fake.channel_messages() == []
        (pending,) = await bot.outbox.posts(platform="discord")
        assert pending.state == "pending" and "rate limited" in (pending.last_error or "")
        assert (await bot.outbox.flush()).sent == 0, "not due before retry_after"
        bot.clock.advance(dt.timedelta(seconds=61))
        assert (await bot.outbox.flush()).sent == 1
        assert len(fake.channel_messages()) == 1


async def test_lost_response_does_not_double_the_post(fake: FakeDiscord, db_url: str) -> None:
    """Discord stores the message but the answer is a 500: discord.py resends, the nonce makes it one message."""
    async with started(fake, db_url) as bot:
        fake.fail_next("POST", rf"channels/{CHANNEL}/messages", 500, after_handling=True)
        ref = await bot.runtime.publisher.post(str(CHANNEL), Card(title="once"))
        assert len(fake.calls("POST", rf"channels/{CHANNEL}/messages")) == 2
        assert [m["id"] for m in fake.channel_messages()] == [ref]


async def test_forbidden_is_permanent_logged_and_told_to_admins(
    fake: FakeDiscord, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A 403 on a channel fails the post for good (no crash), logs it, and tells the admin channel once."""
    async with started(fake, db_url) as bot:
        fake.fail_next(
            "POST", rf"channels/{CHANNEL}/messages", 403, {"message": "Missing Permissions", "code": 50013}, times=2
        )
        await ingest_seed(bot)
        report = await bot.outbox.flush()
        assert report.failed == 1 and report.sent == 0
        assert [p.state for p in await bot.outbox.posts(platform="discord")] == ["failed"]
        assert any("missing permission" in r.getMessage() for r in caplog.records)
        (told,) = fake.channel_messages(ADMIN_CHANNEL)
        assert str(CHANNEL) in told["embeds"][0]["description"]
        with pytest.raises(DeliveryError) as err:
            await bot.runtime.publisher.post(str(CHANNEL), Card(title="again"))
        assert err.value.permanent
        assert len(fake.channel_messages(ADMIN_CHANNEL)) == 1, "admins are told once per channel"


async def test_change_edits_the_briefing_and_replies(fake: FakeDiscord, db_url: str) -> None:
    """A time change edits the original briefing message and replies to it (message_reference), without mentions."""
    muscat = DATA / "stories" / "muscat-time-moved"
    async with started(fake, db_url, now=dt.datetime(2025, 4, 11, 12, tzinfo=dt.UTC)) as bot:
        await bot.ingest((muscat / "01-saturday-noon.txt").read_text(encoding="utf-8"), "01-saturday-noon.txt")
        assert (await bot.outbox.flush()).sent == 1
        (original,) = fake.channel_messages()
        moved = await bot.ingest((muscat / "02-pushed-back.txt").read_text(encoding="utf-8"), "02-pushed-back.txt")
        assert moved.changed, "the second article should move the start"
        assert (await bot.outbox.flush()).sent == 1

        (edit,) = fake.calls("PATCH", rf"channels/{CHANNEL}/messages/{original['id']}")
        assert edit.body["allowed_mentions"]["parse"] == []
        reply = fake.calls("POST", rf"channels/{CHANNEL}/messages")[-1]
        assert str(reply.body["message_reference"]["message_id"]) == original["id"]
        assert reply.body["message_reference"]["fail_if_not_exists"] is False
        assert reply.body["allowed_mentions"]["parse"] == []
        assert reply.body["allowed_mentions"].get("replied_user", False) is False
        assert len(fake.channel_messages()) == 2


# --------------------------------------------------------------------------- scheduled events


async def test_scheduled_events_created_patched_and_cancelled(fake: FakeDiscord, db_url: str) -> None:
    """Events with a start become external scheduled events; a moved start patches, a cancellation cancels."""
    muscat = DATA / "stories" / "muscat-time-moved"
    async with started(fake, db_url, now=dt.datetime(2025, 4, 11, 12, tzinfo=dt.UTC)) as bot:
        sync = bot.runtime.events
        assert sync is not None
        await bot.ingest((muscat / "01-saturday-noon.txt").read_text(encoding="utf-8"), "01-saturday-noon.txt")
        (created,) = fake.calls("POST", rf"guilds/{GUILD}/scheduled-events")
        body = created.body
        (event,) = await bot.store.events()
        assert event.start_utc is not None
        assert body["entity_type"] == 3 and body["privacy_level"] == 2
        assert body["entity_metadata"]["location"] == event.location and len(body["entity_metadata"]["location"]) <= 100
        start = dt.datetime.fromisoformat(body["scheduled_start_time"])
        assert start == event.start_utc
        assert dt.datetime.fromisoformat(body["scheduled_end_time"]) - start == dt.timedelta(minutes=90)
        assert body["description"].endswith(f"briefbot event #{event.id}")

        await sync.sync()  # nothing changed: no new request that writes
        assert len(fake.calls("POST", rf"guilds/{GUILD}/scheduled-events")) == 1
        assert not fake.calls("PATCH", rf"guilds/{GUILD}/scheduled-events/\d+")

        await bot.ingest((muscat / "02-pushed-back.txt").read_text(encoding="utf-8"), "02-pushed-back.txt")
        (moved,) = await bot.store.events()
        (patch,) = fake.calls("PATCH", rf"guilds/{GUILD}/scheduled-events/\d+")
        assert dt.datetime.fromisoformat(patch.body["scheduled_start_time"]) == moved.start_utc != event.start_utc
        assert len(fake.scheduled[GUILD]) == 1

    async with started(fake, db_url.replace(".db", "-2.db"), now=dt.datetime(2025, 6, 2, 6, tzinfo=dt.UTC)) as bot:
        await bot.ingest(GENEVA.format(role=ADMIN_ROLE), "geneva.txt")
        (sid,) = [k for k, v in fake.scheduled[GUILD].items() if "Geneva" in v["entity_metadata"]["location"]]
        assert "@everyone" not in json.dumps(fake.scheduled[GUILD][sid])
        await bot.ingest(GENEVA_CANCELLED, "geneva-cancelled.txt")
        cancel = fake.calls("PATCH", rf"guilds/{GUILD}/scheduled-events/{sid}")
        assert cancel and cancel[-1].body == {"status": 4}
        assert fake.scheduled[GUILD][sid]["status"] == 4


async def test_scheduled_events_respect_the_guild_limit(fake: FakeDiscord, db_url: str) -> None:
    """In a guild nearly full of members' events only the nearest talks get one; a full guild gets none."""
    muscat = DATA / "stories" / "muscat-time-moved"
    # 99 events members made: room for one more
    fake.scheduled[GUILD] = {
        i: {"id": str(i), "status": 1, "name": f"member event {i}", "description": ""} for i in range(1, 100)
    }
    async with started(fake, db_url, now=dt.datetime(2025, 4, 11, 12, tzinfo=dt.UTC)) as bot:
        sync = bot.runtime.events
        assert sync is not None
        await bot.ingest((muscat / "01-saturday-noon.txt").read_text(encoding="utf-8"), "01-saturday-noon.txt")
        await bot.ingest(GENEVA.format(role=ADMIN_ROLE), "geneva.txt")
        events = sorted((e for e in await bot.store.events() if e.start_utc), key=lambda e: e.start_utc)  # type: ignore[arg-type,return-value]
        assert len(events) == 2
        ours = [v for v in fake.scheduled[GUILD].values() if "briefbot event" in (v.get("description") or "")]
        assert [v["description"].rsplit("#", 1)[1] for v in ours] == [str(events[0].id)], "nearest first"
        assert len(fake.scheduled[GUILD]) == 100

        # a member adds the 100th: briefbot's own event makes way, none is created
        fake.scheduled[GUILD][100] = {"id": "100", "status": 1, "name": "member event 100", "description": ""}
        await sync.sync()
        assert len(fake.scheduled[GUILD]) == 100
        assert not [v for v in fake.scheduled[GUILD].values() if "briefbot event" in (v.get("description") or "")]
        assert fake.calls("DELETE", rf"guilds/{GUILD}/scheduled-events/\d+")


# --------------------------------------------------------------------------- format


def test_embed_stays_within_discord_limits() -> None:
    """A card far over every limit renders to an embed within title 256, field 1024, 25 fields and 6000 in total."""
    at = dt.datetime(2025, 5, 16, 9, 30, tzinfo=dt.UTC)
    card = Card(
        title="T" * 500,
        fields=tuple(CardField(f"label {i} " + "x" * 300, "v" * 2000, at=at if i % 2 else None) for i in range(40)),
        lines=tuple("line " + "y" * 500 for i in range(30)),
        sources=tuple(f"source {i} " + "z" * 200 for i in range(30)),
        kind=CardKind.BRIEFING,
    )
    embed = card_to_embed(card)
    assert len(embed.title or "") <= 256
    assert len(embed.fields) <= 25
    assert all(len(f.value or "") <= 1024 and len(f.name or "") <= 256 for f in embed.fields)
    assert len(embed.description or "") <= 4096
    assert len(embed.footer.text or "") <= 2048
    assert len(embed) <= 6000
    assert embed.fields


def test_embed_fields_and_timestamps() -> None:
    """Fields keep their labels; a moment gets <t:UNIX:F> and <t:UNIX:R> beside its text; sources go in the footer."""
    at = dt.datetime(2025, 5, 16, 9, 30, tzinfo=dt.UTC)
    card = Card(
        title="Russia-Ukraine talks",
        fields=(
            CardField("When", "Fri 16 May 09:30 UTC (12:30 Istanbul)", at=at),
            CardField("Where", "Dolmabahce Palace, Istanbul"),
            CardField("Who", "Russia: Vladimir Medinsky · Ukraine: Rustem Umerov"),
        ),
        lines=("Expectations: *low*",),
        sources=("Reuters", "AP"),
    )
    embed = card_to_embed(card)
    fields = {f.name: f.value for f in embed.fields}
    assert list(fields) == ["When", "Where", "Who"]
    unix = int(at.timestamp())
    assert f"<t:{unix}:F>" in fields["When"] and f"<t:{unix}:R>" in fields["When"]
    assert "09:30 UTC" in fields["When"] and "12:30 Istanbul" in fields["When"]
    assert embed.footer.text == "Sources: Reuters; AP"
    assert embed.description == "Expectations: \\*low\\*"


async def test_publisher_rejects_non_numeric_channel(fake: FakeDiscord, db_url: str) -> None:
    """A channel that is not a Discord id is a permanent delivery error, raised before any request."""
    async with started(fake, db_url) as bot:
        before = len(fake.requests)
        with pytest.raises(DeliveryError) as err:
            await bot.runtime.publisher.post("#general", Card(title="x"))
        assert err.value.permanent
        assert len(fake.requests) == before


# --------------------------------------------------------------------------- inside briefbot run


async def test_briefbot_app_starts_discord_and_ingests_by_command(fake: FakeDiscord, db_url: str) -> None:
    """bot.app.start_discord on a real App: publisher registered with the outbox for the configured channel,
    an admin's deferred '/talks ingest text:URL' fetches a local article, and the briefing is posted once."""
    from aiohttp import web

    from bot import app as app_module

    seed = shared_path("seed", "istanbul-talks-2025-05-16.txt").read_bytes()

    async def article(request: web.Request) -> web.Response:
        return web.Response(body=seed, headers={"Content-Type": "text/plain; charset=utf-8"})

    site_app = web.Application()
    site_app.router.add_get("/seed.txt", article)
    runner = web.AppRunner(site_app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        settings = _settings(fake, database_url=db_url, discord_events=False)
        async with contextlib.AsyncExitStack() as stack:
            app = await app_module.open_app(settings, stack, clock=FixedClock(SEED_NOW))
            publisher = await app_module.start_discord(app)
            assert publisher is not None and publisher.platform == "discord"
            assert app.outbox.channels()["discord"] == (str(CHANNEL),)
            assert (await app.health.run())["discord"] is False, "no gateway READY in this test"
            ingest = app.registry.get("ingest")
            assert ingest is not None and ingest.admin
            (talks,) = fake.calls("PUT", rf"applications/{APP_ID}/guilds/{GUILD}/commands")[-1].body
            assert "ingest" in [o["name"] for o in talks["options"]]

            client = publisher._client
            payload = interaction_payload(
                "ingest",
                [{"name": "text", "type": 3, "value": f"http://127.0.0.1:{port}/seed.txt"}],
                roles=(ADMIN_ROLE,),
            )
            interaction: discord.Interaction[Any] = discord.Interaction(data=payload, state=client._connection)  # type: ignore[arg-type]
            await client.tree._call(interaction)  # type: ignore[attr-defined]
            assert fake.callbacks(int(payload["id"])) == [{"type": 5, "data": {"flags": 64}}]
            (follow,) = fake.calls("POST", rf"webhooks/{APP_ID}/{payload['token']}")
            assert follow.body["embeds"][0]["title"].startswith("Ingested 1 article")
            assert await app.store.events()
            assert (await app.outbox.flush()).sent == 1
            assert len(fake.channel_messages()) == 1
    finally:
        await runner.cleanup()
