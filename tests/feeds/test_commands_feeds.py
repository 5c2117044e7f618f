"""``/talks feeds`` through the real command registry, and ``briefbot feeds import|export|list``."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.cli_feeds import feeds
from briefings.cards import CardKind
from briefings.clock import FixedClock
from briefings.commands import build_registry
from briefings.commands_feeds import parse_add, register_feed_commands
from briefings.feeds_config import FeedConfigError, FeedSpec, export_opml
from briefings.store.feed_tables import FeedRepository, PollOutcome
from briefings.store.repository import SqlEventStore
from config.settings import Settings

T0 = dt.datetime(2025, 5, 2, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
async def store(db_url: str) -> AsyncIterator[SqlEventStore]:
    async with SqlEventStore(db_url) as s:
        yield s


def test_parse_add() -> None:
    """URL, interval, Slack/Discord channel mentions and a name parse; a too-short interval is refused."""
    spec = parse_add(
        ["<https://w.example/rss>", "every", "10m", "<#C0123|talks>", "<#998877>", "#news", "as", "W", "X"]
    )
    assert spec == FeedSpec("https://w.example/rss", "W X", 600, (), ("C0123", "998877", "#news"))
    assert parse_add(["https://w.example/rss"]).name == "w.example/rss"
    with pytest.raises(FeedConfigError, match="once a minute"):
        parse_add(["https://w.example/rss", "every", "10s"])
    with pytest.raises(FeedConfigError, match="did not understand"):
        parse_add(["https://w.example/rss", "hourly"])


async def test_feeds_commands_add_list_retry_remove(store: SqlEventStore) -> None:
    """An admin added a feed, saw it listed with health, re-enabled it after it was disabled, removed it;
    a non-admin was refused; a duplicate add was refused with a reason."""
    clock = FixedClock(T0)
    repo = FeedRepository(store.engine)
    registry = build_registry()
    register_feed_commands(registry, repo, clock)

    async def run(text: str, admin: bool = True) -> str:
        card = await registry.run_text(text, store=store, clock=clock, is_admin=admin, channel="C1")
        return card.plain_text()

    assert "for admins" in await run("/talks feeds", admin=False)
    assert "No feeds yet" in await run("/talks feeds")
    out = await run("/talks feeds add https://w.example/rss every 10m #diplomacy as Wire")
    assert "Feed added: Wire" in out and "every 10m" in out and "#diplomacy" in out
    assert "already there" in await run("/talks feeds add https://w.example/rss")
    listing = await run("/talks feeds")
    assert "Wire — every 10m → #diplomacy: not polled yet" in listing
    (f,) = await repo.all()
    await repo.record(f.id, PollOutcome(False, T0, error="HTTP 500", disable_reason="8 consecutive failures"), T0)
    assert "DISABLED: 8 consecutive failures" in await run("/talks feeds")
    assert "Feed re-enabled: Wire" in await run("/talks feeds retry wire")
    (f,) = await repo.all()
    assert f.enabled and f.failures == 0
    assert "No such feed" in await run("/talks feeds remove Nope")
    assert "Feed removed: Wire" in await run("/talks feeds remove https://w.example/rss")
    card = await registry.run_text("/talks feeds frobnicate", store=store, clock=clock, is_admin=True)
    assert card.kind == CardKind.ERROR


def test_cli_import_export_list(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """briefbot feeds import read an OPML file (a second import skipped the duplicates), export printed OPML
    with the same feeds, list printed a health line per feed."""
    settings = Settings(_env_file=None, database_url=db_url)  # type: ignore[call-arg]
    opml = tmp_path / "feeds.opml"
    specs = [FeedSpec("https://a.example/rss", "A", 600, ("talks",), ("#c",)), FeedSpec("https://b.example/x", "B")]
    opml.write_text(export_opml(specs), encoding="utf-8")
    clock = FixedClock(T0)
    assert feeds(argparse.Namespace(feeds_cmd="import", file=str(opml)), settings=settings, clock=clock) == 0
    assert "imported 2 feed(s)" in capsys.readouterr().out
    assert feeds(argparse.Namespace(feeds_cmd="import", file=str(opml)), settings=settings, clock=clock) == 0
    assert "imported 0 feed(s), skipped 2" in capsys.readouterr().out
    assert feeds(argparse.Namespace(feeds_cmd="export"), settings=settings, clock=clock) == 0
    assert capsys.readouterr().out == export_opml(specs)
    assert feeds(argparse.Namespace(feeds_cmd="list"), settings=settings, clock=clock) == 0
    out = capsys.readouterr().out
    assert "A — every 10m → #c [talks]: not polled yet" in out and "https://b.example/x" in out
    bad = tmp_path / "bad.opml"
    bad.write_bytes(b'<!DOCTYPE x [<!ENTITY a "b">]><opml/>')
    assert feeds(argparse.Namespace(feeds_cmd="import", file=str(bad)), settings=settings, clock=clock) == 1
    assert "unsafe OPML" in capsys.readouterr().err
