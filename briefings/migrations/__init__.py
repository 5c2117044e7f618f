"""Schema migrations (Alembic), kept inside the package so an installed briefbot can migrate itself.

There is no ``alembic.ini``: :func:`alembic_config` sets ``script_location`` in code, and every
operation runs on a connection the caller already holds (``config.attributes["connection"]``),
so it works from async code via ``conn.run_sync``. Both SQLite and PostgreSQL use these
migrations; :func:`ensure_schema` is what ``create_schema`` and ``briefbot db upgrade`` share:

- a fresh database: ``create_schema`` does ``create_all`` and stamps head (fast, for tests and the
  embedded default); ``briefbot db upgrade`` runs the migrations from the start;
- a database stamped at an older revision: both upgrade it to head;
- a database at head: both do nothing;
- tables from before migrations existed (no ``alembic_version``): ``create_all`` adds what is
  missing and head is stamped (adoption).

A new revision: change a table module, then
``python -c "from briefings.migrations import autogenerate; autogenerate('sqlite+aiosqlite:///x.db', 'what changed')"``
against a database at head, and review the generated file under ``versions/``.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, inspect

from briefings.errors import StoreError

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
VERSION_TABLE = "alembic_version"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at this package's migrations, bound to ``connection`` if given."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("version_table", VERSION_TABLE)
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def head_revision() -> str:
    """The newest revision shipped with this briefbot."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is stamped at (``None``: never stamped)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Run the migrations on ``connection`` up to ``revision``."""
    command.upgrade(alembic_config(connection), revision)


def stamp(connection: Connection, revision: str = "head") -> None:
    """Record ``revision`` as the database's schema without running anything."""
    command.stamp(alembic_config(connection), revision)


def ensure_schema(connection: Connection, metadata: MetaData, *, fresh: str = "create_all") -> str:
    """Bring the database to head; returns what was done (``created``, ``migrated``, ``adopted``, ``current``).

    ``fresh`` says how an empty database is built: ``"create_all"`` (then stamp) or ``"migrate"``.
    """
    current = current_revision(connection)
    head = head_revision()
    if current == head:
        return "current"
    if current is not None:
        known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
        if current not in known:
            raise StoreError(
                f"database schema revision {current} is newer than this briefbot ({head}): upgrade briefbot"
            )
        log.info("migrating the database schema from %s to %s", current, head)
        upgrade(connection)
        return "migrated"
    ours = set(metadata.tables)
    existing = set(inspect(connection).get_table_names()) & ours
    if not existing and fresh == "migrate":
        log.info("creating the database schema by migration to %s", head)
        upgrade(connection)
        return "migrated"
    # empty (fast path) or made by create_all before migrations: create what is missing, then stamp
    metadata.create_all(connection)
    stamp(connection)
    return "adopted" if existing else "created"


def autogenerate(url: str, message: str, rev_id: str | None = None) -> None:
    """Write a new revision for the difference between the database at ``url`` and the tables (dev tool)."""
    from briefings.store.db import Base, load_table_modules, make_engine

    load_table_modules()

    async def run() -> None:
        engine = make_engine(url)
        try:
            async with engine.begin() as conn:
                await conn.run_sync(
                    lambda sync: command.revision(
                        alembic_config(sync), message=message, autogenerate=True, rev_id=rev_id
                    )
                )
        finally:
            await engine.dispose()

    assert Base.metadata.tables
    asyncio.run(run())
