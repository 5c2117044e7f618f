"""The console adapter driven as a user would: `briefbot shell`, `brief` and `run` as subprocesses."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console_adapter import ConsolePublisher, make_console
from briefings.cards import Card, CardField
from briefings.commands import EMPTY_STORE
from tests.conftest import ROOT, shared_path

SEED = ("seed", "istanbul-talks-2025-05-16.txt")


def _env(db_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "SLACK_", "DISCORD_"))}
    env.update(BRIEFBOT_DATABASE_URL=db_url, COLUMNS="100", PYTHONPATH=str(ROOT), NO_COLOR="1")
    return env


def briefbot(
    args: list[str], db_url: str, cwd: Path, stdin: str = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `briefbot ARGS` in a fresh process (cwd without a .env), feeding ``stdin``."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(db_url),
        cwd=cwd,
        timeout=timeout,
    )


def seed_store(db_url: str) -> None:
    """Ingest the seed story into the SQLite file through the real extractor and store."""
    from briefings.article import read_article_file
    from briefings.extract import extract
    from briefings.store.repository import SqlEventStore

    async def go() -> None:
        async with SqlEventStore(db_url) as store:
            article = read_article_file(shared_path(*SEED))
            await store.add_article(article, extract(article), dt.datetime(2025, 5, 16, 5, tzinfo=dt.UTC))

    asyncio.run(go())


def test_shell_answers_talks_commands(db_url: str, tmp_path: Path) -> None:
    """Typing `/talks who`, `when`, `help` and a typo at the prompt, then `quit`: who names Medinsky and
    Umerov by side, when gives both sessions in UTC and Istanbul time, help lists every subcommand."""
    seed_store(db_url)
    proc = briefbot(["shell"], db_url, tmp_path, "/talks who\nwhen\n\nhelp\n/talks nonsense\nquit\n/talks who\n")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Russia: Vladimir Medinsky (head" in out
    assert "Ukraine: Rustem Umerov (head" in out
    for t in ("07:45 UTC / 10:45 Istanbul (GMT+3)", "09:30 UTC / 12:30 Istanbul (GMT+3)"):
        assert t in out
    for sub in ("who", "when", "where", "expect", "next", "brief", "sources", "help"):
        assert f"/talks {sub}" in out
    assert "Unknown command: nonsense" in out
    # the shell stopped at `quit`: the last /talks who was never answered
    assert out.count("Who meets whom") == 1
    assert "Traceback" not in proc.stderr


def test_shell_ends_at_eof_and_empty_store_is_friendly(db_url: str, tmp_path: Path) -> None:
    """On an empty store `/talks who` points to `briefbot ingest`; end of input ends the shell with 0."""
    proc = briefbot(["shell"], db_url, tmp_path, "/talks who\n")
    assert proc.returncode == 0, proc.stderr
    assert "No stories tracked yet" in proc.stdout
    assert "briefbot ingest" in proc.stdout
    assert EMPTY_STORE.startswith("No stories tracked yet")


def test_brief_prints_the_channel_briefing(db_url: str, tmp_path: Path) -> None:
    """`briefbot brief --format text` prints the phone-sized briefing; on an empty store it exits 1."""
    empty = briefbot(["brief", "--format", "text"], db_url, tmp_path)
    assert empty.returncode == 1 and "briefbot ingest" in empty.stdout
    seed_store(db_url)
    proc = briefbot(["brief", "--format", "text"], db_url, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Medinsky" in proc.stdout and "Umerov" in proc.stdout
    assert "09:30 UTC / 12:30 Istanbul (GMT+3)" in proc.stdout
    assert len(proc.stdout.strip()) <= 600
    md = briefbot(["brief", "istanbul", "--format", "markdown"], db_url, tmp_path)
    assert md.returncode == 0 and "**Who:**" in md.stdout


def test_run_without_credentials_runs_the_console(db_url: str, tmp_path: Path) -> None:
    """`briefbot run` with no Slack or Discord token says it runs the console adapter, answers /talks and
    stops cleanly at `quit`."""
    seed_store(db_url)
    proc = briefbot(["run"], db_url, tmp_path, "/talks who\nquit\n")
    assert proc.returncode == 0, proc.stderr
    assert "running the console adapter" in proc.stdout
    assert "Medinsky" in proc.stdout


async def test_console_publisher_prints_posts() -> None:
    """The ConsolePublisher satisfies Publisher: post/edit/reply print the card and return references."""
    import io

    buf = io.StringIO()
    pub = ConsolePublisher(make_console(buf), fmt="text")
    card = Card(title="Talks [bold]x[/bold]", fields=(CardField("When", "09:30 UTC"),))
    ref = await pub.post("console", card)
    await pub.edit("console", ref, card)
    reply = await pub.reply("console", ref, card)
    assert (ref, reply) == ("console-1", "console-2")
    out = buf.getvalue()
    assert "Talks [bold]x[/bold]" in out and "When: 09:30 UTC" in out
    assert "[edit of console-1 in #console]" in out


@pytest.mark.parametrize("line", ["exit", "quit", ":q"])
def test_quit_words(db_url: str, tmp_path: Path, line: str) -> None:
    """Each quit word ends the shell at once with exit code 0."""
    proc = briefbot(["shell"], db_url, tmp_path, f"{line}\n/talks help\n")
    assert proc.returncode == 0
    assert "/talks who" not in proc.stdout
