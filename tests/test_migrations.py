"""Alembic migrations: the initial migration builds exactly the tables the code defines, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, select

from bot.cli import main
from bot.cli_db import upgrade_database
from briefings.migrations import current_revision, head_revision, upgrade
from briefings.store.db import TABLE_MODULES, Base, SchemaVersion, create_schema, load_table_modules, make_engine


def _diffs(sync: Connection) -> list[Any]:
    return list(compare_metadata(MigrationContext.configure(sync), Base.metadata))


async def _inspect(url: str) -> tuple[list[Any], str | None, set[str], list[int]]:
    """Differences from Base.metadata, the stamped revision, the table names and schema_version rows."""
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            diffs = await conn.run_sync(_diffs)
            rev = await conn.run_sync(current_revision)
            tables = set(await conn.run_sync(lambda s: inspect(s).get_table_names()))
            versions = list((await conn.execute(select(SchemaVersion.version))).scalars())
        return diffs, rev, tables, versions
    finally:
        await engine.dispose()


def test_every_table_module_is_in_the_metadata() -> None:
    """Imported every module in TABLE_MODULES: each one that exists put at least one table on Base.metadata."""
    load_table_modules()
    owners = {t.name: t for t in Base.metadata.sorted_tables}
    assert "schema_version" in owners
    assert len(owners) > 1


async def test_upgrade_on_empty_database_matches_the_code(any_db_url: str) -> None:
    """Ran 'db upgrade' on an empty database: the migrated schema has no differences from Base.metadata."""
    assert await upgrade_database(any_db_url) == "migrated"
    diffs, rev, tables, versions = await _inspect(any_db_url)
    assert diffs == []
    assert rev == head_revision()
    load_table_modules()
    assert set(Base.metadata.tables) <= tables
    assert versions == [1]
    # a second upgrade finds nothing to do
    assert await upgrade_database(any_db_url) == "current"


async def test_create_schema_then_upgrade_is_a_no_op(any_db_url: str) -> None:
    """Built the schema with create_schema (create_all + stamp): db upgrade then does nothing, no diffs."""
    engine = make_engine(any_db_url)
    try:
        await create_schema(engine)
        await create_schema(engine)  # idempotent on every start
    finally:
        await engine.dispose()
    assert await upgrade_database(any_db_url) == "current"
    diffs, rev, _, versions = await _inspect(any_db_url)
    assert (diffs, rev, versions) == ([], head_revision(), [1])


async def test_upgrade_then_create_schema_starts_cleanly(any_db_url: str) -> None:
    """Migrated first (as an operator would), then the app started: create_schema leaves it at head."""
    await upgrade_database(any_db_url)
    engine = make_engine(any_db_url)
    try:
        await create_schema(engine)
    finally:
        await engine.dispose()
    diffs, rev, _, versions = await _inspect(any_db_url)
    assert (diffs, rev, versions) == ([], head_revision(), [1])


async def test_tables_from_before_migrations_are_adopted(any_db_url: str) -> None:
    """Tables made by plain create_all with no alembic_version: db upgrade adopts them and stamps head."""
    load_table_modules()
    engine = make_engine(any_db_url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
    finally:
        await engine.dispose()
    assert await upgrade_database(any_db_url) == "adopted"
    diffs, rev, _, _ = await _inspect(any_db_url)
    assert (diffs, rev) == ([], head_revision())


async def test_downgrade_to_base_removes_every_table(any_db_url: str) -> None:
    """Upgraded then downgraded to base: only alembic's own version table is left."""
    await upgrade_database(any_db_url)
    engine = make_engine(any_db_url)
    try:
        async with engine.begin() as conn:
            from alembic import command

            from briefings.migrations import alembic_config

            await conn.run_sync(lambda s: command.downgrade(alembic_config(s), "base"))
            tables = set(await conn.run_sync(lambda s: inspect(s).get_table_names()))
            # and back up again, so upgrade after downgrade works too
            await conn.run_sync(upgrade)
    finally:
        await engine.dispose()
    assert tables <= {"alembic_version"}
    diffs, rev, _, _ = await _inspect(any_db_url)
    assert (diffs, rev) == ([], head_revision())


def test_briefbot_db_upgrade_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    """Ran 'briefbot db upgrade' with BRIEFBOT_DATABASE_URL set: exit 0, it says what it did, twice safely."""
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'ops.db'}")
    assert main(["db", "upgrade"]) == 0
    assert f"migrated to revision {head_revision()}" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    assert "already at" in capsys.readouterr().out


def test_table_modules_listed() -> None:
    """The migration covers the modules the store registers (this list is what the migration was made from)."""
    assert "briefings.store.tables" in TABLE_MODULES
