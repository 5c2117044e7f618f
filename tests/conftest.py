"""Shared fixtures: where the shared eval material lives, and a real SQLite file per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"

# pg_url and the postgres marker (tests/conftest_pg.py)
pytest_plugins = ["tests.conftest_pg"]


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or skip (never in CI, where its absence is a failure)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing in CI: the shared eval material must be beside the clone")
        pytest.skip(f"{path} not found: ../shared/ is only beside the project's own checkouts")
    return path


@pytest.fixture
def db_url(tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh SQLite file for one test, or a fresh PostgreSQL database when BRIEFBOT_TEST_DB=postgres."""
    if os.environ.get("BRIEFBOT_TEST_DB") == "postgres":
        url: str = request.getfixturevalue("pg_url")
        return url
    return f"sqlite+aiosqlite:///{tmp_path / 'briefbot.db'}"
