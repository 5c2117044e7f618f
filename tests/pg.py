"""PostgreSQL for tests: the machine's server on 127.0.0.1:5432, a fresh database per test.

Each test that needs PostgreSQL gets its own database (created from ``template0``, dropped
afterwards), so tests never see each other's rows and can run in any order.
"""

from __future__ import annotations

import asyncio
import os
import threading
import uuid
from collections.abc import Coroutine
from typing import Any, TypeVar

import asyncpg

T = TypeVar("T")

PG_HOST = "127.0.0.1"
PG_PORT = 5432
# trust auth on the project's machines; the postgres superuser may create and drop databases
PG_USER = os.environ.get("BRIEFBOT_TEST_PG_USER", "postgres")
PREFIX = "briefbot_test_"


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to completion on a private loop in a thread, whatever loop the caller is in."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:  # handed back to the caller below
            box["error"] = exc

    thread = threading.Thread(target=target, name="pg-admin")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


async def _admin() -> asyncpg.Connection:
    return await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database="postgres", timeout=5)


async def _ping() -> str | None:
    try:
        conn = await _admin()
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        return f"{type(exc).__name__}: {exc}"
    await conn.close()
    return None


_status: list[str | None] = []


def server_problem() -> str | None:
    """``None`` when the server answers, else why not (checked once per test run)."""
    if not _status:
        _status.append(_run(_ping()))
    return _status[0]


def url_for(name: str, driver: str = "asyncpg") -> str:
    """The SQLAlchemy URL of database ``name`` on the test server."""
    return f"postgresql+{driver}://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"


async def _create(name: str) -> None:
    conn = await _admin()
    try:
        await conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        # a throwaway database need not wait for each commit to reach the disk
        await conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    finally:
        await conn.close()


async def _drop(name: str) -> None:
    conn = await _admin()
    try:
        # FORCE: a test that failed half-way may have left a connection open
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def create_database() -> str:
    """Create a fresh, uniquely named database and return its name."""
    name = PREFIX + uuid.uuid4().hex[:16]
    _run(_create(name))
    return name


def drop_database(name: str) -> None:
    """Drop database ``name`` (and any connection still open to it)."""
    _run(_drop(name))
