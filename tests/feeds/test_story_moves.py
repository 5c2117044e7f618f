"""End to end: a feed whose later item moves the talks -> one update post and reminders moved.

Real parts throughout: local feed server, poller, BriefingService with the real extractor,
SqlEventStore, the Outbox and the ReminderService on the same SQLite file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefings.article import parse_article_text
from briefings.cards import Card
from briefings.clock import FixedClock
from briefings.feeds import FeedPoller, PollerConfig
from briefings.feeds_config import FeedSpec
from briefings.model import Article
from briefings.outbox import Outbox
from briefings.reminder_service import ReminderService
from briefings.reminders import State, Target
from briefings.service import BriefingService
from briefings.store.feed_tables import FeedRepository
from briefings.store.repository import SqlEventStore

from .conftest import FeedServer, Item, rss

SAMPLES = Path(__file__).resolve().parents[2] / "briefings" / "samples"
NOW = dt.datetime(2025, 5, 16, 5, 0, tzinfo=dt.UTC)
TARGET = Target("slack", "C1")


class Publisher:
    """Records posts, edits and replies as a platform would receive them."""

    platform = "slack"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, Card]] = []

    async def post(self, channel: str, card: Card) -> str:
        self.sent.append(("post", channel, card))
        return f"m{len(self.sent)}"

    async def edit(self, channel: str, ref: str, card: Card) -> None:
        self.sent.append(("edit", channel, card))

    async def reply(self, channel: str, ref: str, card: Card) -> str:
        self.sent.append(("reply", channel, card))
        return f"m{len(self.sent)}"


def sample_item(name: str, guid: str, published: dt.datetime) -> Item:
    article = parse_article_text((SAMPLES / name).read_text(encoding="utf-8"), name)
    html = "".join(f"<p>{p}</p>" for p in article.text.split("\n\n") if p.strip())
    return Item(guid, article.headline or name, f"http://wire.example/{guid}", article.text[:200], published, html)


async def test_time_change_in_a_later_item_posts_one_update_and_moves_reminders(
    db_url: str, feed_server: FeedServer
) -> None:
    """Item 1 set the session for 0930 GMT (briefing posted, reminders planned for 0830 and 0915); item 2 in a
    later poll moved it to 1230: exactly one update was posted, no second briefing, and the pending reminders
    now fall due before 1230 while the old ones were cancelled."""
    clock = FixedClock(NOW)
    first = sample_item("02-schedule.txt", "s-1", NOW - dt.timedelta(hours=2))
    moved = sample_item("03-moved.txt", "s-2", NOW)
    feed_server.set("/wire.rss", rss([first]))
    async with SqlEventStore(db_url) as store:
        pub = Publisher()
        outbox = Outbox(store.engine, clock=clock, store=store)
        outbox.register(pub, [TARGET.channel])
        offsets = [dt.timedelta(minutes=60), dt.timedelta(minutes=15)]
        reminders = ReminderService(store.engine, store, {"slack": pub}, [TARGET], offsets, clock)
        service = BriefingService(store, clock, listeners=[outbox.on_ingested, reminders])
        repo = FeedRepository(store.engine)
        await repo.add(FeedSpec(feed_server.url("/wire.rss"), "Wire"), clock.now())

        async def ingest(article: Article, channels: tuple[str, ...]) -> object:
            return await service.ingest_article(article)

        async with FeedPoller(repo, ingest, clock, PollerConfig(timeout=5)) as poller:
            await poller.run_due()
            await outbox.flush()
            briefings = [s for s in pub.sent if s[0] == "post"]
            assert len(briefings) == 1
            pending = await reminders.upcoming(TARGET)
            session = next(e for e in await store.events() if e.start_utc and e.start_utc.hour == 9)
            before = sorted(r.due for r in pending if r.event_id == session.id)
            assert before == [
                dt.datetime(2025, 5, 16, 8, 30, tzinfo=dt.UTC),
                dt.datetime(2025, 5, 16, 9, 15, tzinfo=dt.UTC),
            ]
            assert session.start_utc == dt.datetime(2025, 5, 16, 9, 30, tzinfo=dt.UTC)

            feed_server.set("/wire.rss", rss([moved, first]))
            clock.advance(dt.timedelta(minutes=10))
            (report,) = await poller.run_due()
            assert report.ingested == 1
            await outbox.flush()
            clock.advance(dt.timedelta(minutes=10))
            assert [(r.status, r.ingested) for r in await poller.run_due()] == [("not-modified", 0)]
            await outbox.flush()

        after = pub.sent[len(briefings) :]
        # the update: one threaded reply, plus the briefing edited in place; no second top-level post
        assert [(how, card.kind.value) for how, _, card in after if how != "edit"] == [("reply", "update")]
        assert "09:30 GMT -> 12:30 GMT" in next(c for how, _, c in after if how == "reply").plain_text()
        pending = [r for r in await reminders.upcoming(TARGET) if r.event_id == session.id]
        assert sorted(r.due for r in pending) == [
            dt.datetime(2025, 5, 16, 11, 30, tzinfo=dt.UTC),
            dt.datetime(2025, 5, 16, 12, 15, tzinfo=dt.UTC),
        ]
        cancelled = await reminders.reminders(event_id=session.id, states=[State.CANCELLED])
        assert {r.due.hour for r in cancelled} >= {8, 9}
