"""``briefbot db``: schema maintenance (``briefbot db upgrade``)."""

from __future__ import annotations

import argparse
import asyncio
import logging

from briefings.migrations import ensure_schema, head_revision
from briefings.store.db import Base, load_table_modules, make_engine, schema_lock
from config.settings import load_settings

log = logging.getLogger(__name__)


async def upgrade_database(url: str) -> str:
    """Bring the database at ``url`` to the newest schema; returns what was done."""
    load_table_modules()
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            await schema_lock(conn)
            outcome: str = await conn.run_sync(lambda sync: ensure_schema(sync, Base.metadata, fresh="migrate"))
        return outcome
    finally:
        await engine.dispose()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def db(args: argparse.Namespace) -> int:
    """Run a ``briefbot db`` subcommand."""
    settings = load_settings()
    if args.db_cmd == "upgrade":
        outcome = asyncio.run(upgrade_database(settings.database_url))
        messages = {
            "current": "already at",
            "migrated": "migrated to",
            "created": "created at",
            "adopted": "adopted existing tables at",
        }
        print(f"{_safe(settings.database_url)}: schema {messages.get(outcome, outcome)} revision {head_revision()}")
        return 0
    print(f"unknown db command {args.db_cmd!r}")
    return 2
