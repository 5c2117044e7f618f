"""Pytest plugin: the ``pg_url`` fixture (a fresh PostgreSQL database per test).

Outside CI a missing server skips the test with the reason; in CI (``CI`` set) it fails,
because the PostgreSQL tests are part of what CI must prove.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests import pg


def require_postgres() -> None:
    """Skip (outside CI) or fail (in CI) when no PostgreSQL server answers on 127.0.0.1:5432."""
    problem = pg.server_problem()
    if problem is None:
        return
    where = f"{pg.PG_HOST}:{pg.PG_PORT}"
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL at {where} does not answer in CI ({problem}); .ci/run should have started it")
    pytest.skip(f"no PostgreSQL server answers at {where} ({problem}); CI runs these tests")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (asyncpg URL), dropped afterwards."""
    require_postgres()
    name = pg.create_database()
    try:
        yield pg.url_for(name)
    finally:
        pg.drop_database(name)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses ``pg_url`` as ``postgres``, so ``-m postgres`` selects them.

    With ``BRIEFBOT_TEST_DB=postgres`` (CI's second run), tests that use no database at all are
    deselected: they already ran on the SQLite pass and would prove nothing new.
    """
    on_pg = os.environ.get("BRIEFBOT_TEST_DB") == "postgres"
    keep: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "pg_url" in names:
            item.add_marker(pytest.mark.postgres)
        if on_pg and not ({"db_url", "pg_url"} & set(names)):
            dropped.append(item)
        else:
            keep.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture(params=["sqlite", "postgres"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: object) -> str:
    """Each test runs twice: on a fresh SQLite file and on a fresh PostgreSQL database."""
    if request.param == "postgres":
        url: str = request.getfixturevalue("pg_url")
        return url
    return f"sqlite+aiosqlite:///{tmp_path}/briefbot.db"
