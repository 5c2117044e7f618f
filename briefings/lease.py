"""A leader lease in the store: one instance at a time runs the scheduler, reminders and feed polling.

The lease is a row (name, holder, expires_at). Acquiring or renewing is one conditional UPDATE
("take it if it is mine or has expired"), and a first-ever acquire is an INSERT that ignores a
conflict, so two instances racing for it cannot both win on SQLite (writes serialise) or on
PostgreSQL (the UPDATE re-checks its WHERE after waiting for the row lock). A holder that dies
stops renewing, and another instance takes over once ``expires_at`` passes, i.e. within
``ttl`` (``BRIEFBOT_LEADER_LEASE_SECONDS``) of the last renewal.

Times come from the injected clock, so instances sharing a database need synchronised clocks
(NTP); a skew of a few seconds only shortens or lengthens a takeover by that much. Work done
under the lease should also check it in the same transaction as its claim (see
:meth:`LeaderLease.held_clause`), so a holder paused past its expiry cannot act on stale belief.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, delete, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from briefings.clock import Clock
from briefings.store.lease_tables import LeaseRow

log = logging.getLogger(__name__)

__all__ = ["LeaderLease", "LeaseInfo", "insert_ignore"]


@dataclass(frozen=True, slots=True)
class LeaseInfo:
    """Who holds a lease and until when."""

    name: str
    holder: str
    expires_at: dt.datetime
    acquired_at: dt.datetime
    term: int


class LeaderLease:
    """Acquire, renew and release one named lease for one instance."""

    def __init__(
        self,
        engine: AsyncEngine,
        holder: str,
        clock: Clock,
        ttl: float | dt.timedelta = 30.0,
        name: str = "scheduler",
    ) -> None:
        self.engine = engine
        self.holder = holder
        self.clock = clock
        self.ttl = ttl if isinstance(ttl, dt.timedelta) else dt.timedelta(seconds=ttl)
        self.name = name
        self._held_until: dt.datetime | None = None

    @property
    def held(self) -> bool:
        """Whether the last acquire/renew succeeded and its expiry has not passed on our clock."""
        return self._held_until is not None and self.clock.now() < self._held_until

    async def acquire(self) -> bool:
        """Take the lease if it is free, expired or already ours (then it is renewed); True if held."""
        now = self.clock.now()
        expires = now + self.ttl
        async with self.engine.begin() as conn:
            await insert_ignore(
                conn,
                LeaseRow.__table__,
                [{"name": self.name, "holder": self.holder, "expires_at": expires, "acquired_at": now, "term": 1}],
            )
            takeover = LeaseRow.holder != self.holder
            res = await conn.execute(
                update(LeaseRow)
                .where(
                    LeaseRow.name == self.name,
                    or_(LeaseRow.holder == self.holder, LeaseRow.expires_at <= now),
                )
                .values(
                    holder=self.holder,
                    expires_at=expires,
                    # a takeover bumps the term and restarts acquired_at; a renewal keeps both
                    acquired_at=case((takeover, now), else_=LeaseRow.acquired_at),
                    term=case((takeover, LeaseRow.term + 1), else_=LeaseRow.term),
                )
            )
            got = _rowcount(res) == 1
        was = self.held
        self._held_until = expires if got else None
        if got and not was:
            log.info("lease %r acquired by %s until %s", self.name, self.holder, expires.isoformat())
        elif was and not got:
            log.warning("lease %r lost by %s", self.name, self.holder)
        return got

    renew = acquire

    async def release(self) -> None:
        """Give the lease up now (on clean shutdown), so another instance need not wait for expiry."""
        async with self.engine.begin() as conn:
            await conn.execute(delete(LeaseRow).where(LeaseRow.name == self.name, LeaseRow.holder == self.holder))
        if self._held_until is not None:
            log.info("lease %r released by %s", self.name, self.holder)
        self._held_until = None

    async def info(self) -> LeaseInfo | None:
        """The lease as stored, whoever holds it (expired or not)."""
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(LeaseRow).where(LeaseRow.name == self.name))).one_or_none()
        if row is None:
            return None
        return LeaseInfo(row.name, row.holder, row.expires_at, row.acquired_at, row.term)

    def held_clause(self, now: dt.datetime) -> ColumnElement[bool]:
        """A SQL condition true only while this instance holds the lease at ``now``: AND it into claims."""
        return exists().where(
            and_(LeaseRow.name == self.name, LeaseRow.holder == self.holder, LeaseRow.expires_at > now)
        )


async def insert_ignore(conn: AsyncConnection, table: Any, rows: list[dict[str, Any]]) -> int:
    """INSERT rows, silently skipping any that hit a unique key; returns how many were inserted."""
    if not rows:
        return 0
    name = conn.dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Any = pg_insert(table).on_conflict_do_nothing()
    elif name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(table).on_conflict_do_nothing()
    else:  # pragma: no cover - briefbot runs on SQLite and PostgreSQL only
        raise NotImplementedError(f"no insert-ignore for {name}")
    inserted = 0
    for row in rows:
        # one statement a row: executemany does not report per-row counts on every driver
        inserted += _rowcount(await conn.execute(stmt, row))
    return inserted


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
