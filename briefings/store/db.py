"""Engine, declarative base and schema creation shared by every table module.

Each feature keeps its tables in its own module under ``briefings.store`` (events,
reminders, posts, feeds); they all register on :class:`Base`, and
:func:`create_schema` imports them so one call creates everything.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from sqlalchemy import Integer, String, event, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

# table modules, imported by create_schema so their tables exist on Base.metadata
TABLE_MODULES = (
    "briefings.store.tables",
    "briefings.store.reminder_tables",
    "briefings.store.post_tables",
    "briefings.store.feed_tables",
    "briefings.store.lease_tables",
    "briefings.store.discord_tables",
)


class Base(DeclarativeBase):
    """Declarative base for every briefbot table."""


class SchemaVersion(Base):
    """One row recording the schema version the database was created at."""

    __tablename__ = "schema_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str] = mapped_column(String(200), default="")


def load_table_modules() -> None:
    """Import every table module that exists, so Base.metadata is complete."""
    for name in TABLE_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine for ``url``; SQLite gets WAL, a busy timeout and foreign keys."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": 30})
    engine = create_async_engine(url, **kwargs)
    if url.startswith("sqlite"):

        @event.listens_for(engine.sync_engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

    return engine


def sessionmaker(engine: AsyncEngine) -> async_sessionmaker[Any]:
    """A session factory whose objects stay readable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


# any constant unlikely to collide with another application's advisory locks ("briefbot" in ASCII)
_SCHEMA_LOCK_KEY = 0x6272696566626F74


async def schema_lock(conn: AsyncConnection) -> None:
    """Serialise schema changes between processes sharing one PostgreSQL database (until the transaction ends)."""
    if conn.dialect.name == "postgresql":
        await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK_KEY})


async def create_schema(engine: AsyncEngine) -> None:
    """Create (or migrate) every table to the newest schema and record the schema version.

    A fresh database gets ``create_all`` and is stamped at the newest Alembic revision, so
    ``briefbot db upgrade`` on it is a no-op; one stamped at an older revision is migrated
    (see :mod:`briefings.migrations`).
    """
    load_table_modules()
    from briefings.migrations import ensure_schema

    async with engine.begin() as conn:
        await schema_lock(conn)
        await conn.run_sync(lambda sync: ensure_schema(sync, Base.metadata))
        row = (await conn.execute(select(SchemaVersion.version))).scalar_one_or_none()
        if row is None:
            await conn.execute(insert(SchemaVersion).values(id=1, version=SCHEMA_VERSION, note="created"))
        elif row > SCHEMA_VERSION:
            from briefings.errors import StoreError

            raise StoreError(
                f"database schema version {row} is newer than this briefbot ({SCHEMA_VERSION}): upgrade briefbot"
            )
