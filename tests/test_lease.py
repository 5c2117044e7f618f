"""The leader lease on SQLite and PostgreSQL: one holder, renewals, takeover after expiry, release."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from briefings.clock import FixedClock
from briefings.lease import LeaderLease
from briefings.store.db import create_schema, make_engine

T0 = dt.datetime(2025, 5, 16, 6, 0, tzinfo=dt.UTC)


async def _exercise(url: str) -> None:
    engine = make_engine(url)
    try:
        await create_schema(engine)
        clock = FixedClock(T0)
        a = LeaderLease(engine, "a", clock, ttl=30)
        b = LeaderLease(engine, "b", clock, ttl=30)
        # both race for a free lease: exactly one wins
        got = await asyncio.gather(a.acquire(), b.acquire())
        assert sorted(got) == [False, True]
        holder, other = (a, b) if got[0] else (b, a)
        first = await holder.info()
        assert first is not None and first.holder == holder.holder
        clock.advance(dt.timedelta(seconds=20))
        assert await holder.renew() and not await other.acquire()
        # the holder dies: no renewal; within ttl of its last renewal the other takes over
        clock.advance(dt.timedelta(seconds=29))
        assert not await other.acquire()
        clock.advance(dt.timedelta(seconds=2))
        assert await other.acquire() and not await holder.renew()
        info = await other.info()
        assert info is not None and info.holder == other.holder and info.term == first.term + 1
        # a clean shutdown releases at once
        await other.release()
        assert await holder.acquire()
    finally:
        await engine.dispose()


async def test_lease_on_sqlite(db_url: str) -> None:
    """Two instances on one SQLite file: one wins the race, renewals hold it, takeover only after expiry."""
    await _exercise(db_url)


@pytest.mark.postgres
async def test_lease_on_postgres(pg_url: str) -> None:
    """The same on PostgreSQL (the machine's server; skipped outside CI when none answers)."""
    await _exercise(pg_url)
