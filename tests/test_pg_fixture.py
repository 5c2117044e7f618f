"""The PostgreSQL test fixture: a fresh database per test, dropped afterwards."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from briefings.store.db import make_engine
from tests import pg


async def test_pg_url_is_a_fresh_empty_database(pg_url: str) -> None:
    """Connected to the database pg_url names: it answers and has no tables of ours yet."""
    engine = make_engine(pg_url)
    try:
        async with engine.connect() as conn:
            assert (await conn.execute(text("select 1"))).scalar_one() == 1
            tables = (
                await conn.execute(text("select count(*) from information_schema.tables where table_schema='public'"))
            ).scalar_one()
            assert tables == 0
    finally:
        await engine.dispose()


def test_created_database_is_dropped() -> None:
    """Created a database by hand and dropped it: afterwards the server no longer lists it."""
    if pg.server_problem() is not None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL does not answer in CI")
        pytest.skip("no PostgreSQL server answers on 127.0.0.1:5432")
    name = pg.create_database()
    pg.drop_database(name)

    async def exists() -> bool:
        conn = await pg._admin()
        try:
            return bool(await conn.fetchval("select count(*) from pg_database where datname=$1", name))
        finally:
            await conn.close()

    assert pg._run(exists()) is False


def test_db_url_follows_briefbot_test_db(db_url: str) -> None:
    """db_url is SQLite by default and PostgreSQL when BRIEFBOT_TEST_DB=postgres."""
    expect = "postgresql+asyncpg://" if os.environ.get("BRIEFBOT_TEST_DB") == "postgres" else "sqlite+aiosqlite:///"
    assert db_url.startswith(expect)
