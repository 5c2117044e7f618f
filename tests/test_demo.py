"""`briefbot demo` as a new user runs it: sample articles in, briefing and answers out, a move shown."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _samples_or_skip() -> None:
    files = [f.name for f in resources.files("briefings").joinpath("samples").iterdir() if f.name.endswith(".txt")]
    if len(files) < 2:
        if os.environ.get("CI"):
            pytest.fail("briefings/samples/ has no sample articles: the demo cannot run")
        pytest.skip("the sample articles (briefings/samples/*.txt) have not landed yet")


def run_demo(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`briefbot demo ARGS` in a fresh process, in a directory without .env, at a fixed width."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_", "DISCORD_"))}
    env.update(COLUMNS="100", PYTHONPATH=str(ROOT), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "demo", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )


def test_demo_briefs_answers_and_shows_the_move(tmp_path: Path) -> None:
    """The demo exits 0; its output names Medinsky and Umerov, answers every /talks command, shows a
    session's time change, and is identical on a second run (no wall-clock values)."""
    _samples_or_skip()
    first = run_demo(tmp_path, "--no-reminders")
    assert first.returncode == 0, first.stdout + first.stderr
    out = first.stdout
    assert "Medinsky" in out and "Umerov" in out
    for sub in ("who", "when", "where", "expect", "next", "sources", "brief"):
        assert f"/talks {sub}" in out
    assert "UTC /" in out and "(GMT+" in out
    # the later article's change: an update card with "HH:MM GMT -> HH:MM GMT" or a "moved from" line
    assert re.search(r"\d\d:\d\d GMT -> .*\d\d:\d\d GMT|moved from", out), out
    assert "Traceback" not in first.stderr
    second = run_demo(tmp_path, "--no-reminders")
    assert second.stdout == out
    # the demo's temporary store is gone, and it wrote nothing into the working directory
    assert not list(tmp_path.iterdir())
