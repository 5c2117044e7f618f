"""``briefbot ingest`` and ``briefbot events`` end to end, in-process, on a real SQLite file.

Assertions on who/when need the real extractor (it has landed); store-level rules are also covered with
constructed extractions in tests/store and tests/test_tracking.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from tests.conftest import shared_path

# one paragraph per line, as articles come
LATER = (
    "date 2025-05-16 Istanbul talks pushed back to 1130 GMT\n"
    "ISTANBUL (Agency) - Talks between Russian and Ukrainian delegations at the Dolmabahce Palace in Istanbul were "
    "pushed back to 1130 GMT on Friday, Turkish officials said. Kremlin aide Vladimir Medinsky leads the Russian side "
    "and Defence Minister Rustem Umerov the Ukrainian one.\n"
)

OTHER_OUTLET = (
    "date 2025-05-16 Russia-Ukraine talks open in Istanbul\n"
    "ISTANBUL (Agency) - Russian and Ukrainian delegations will meet at 0930 GMT on Friday at the Dolmabahce Palace "
    "in Istanbul, with Turkish mediators present. Vladimir Medinsky heads the Russian team; Rustem Umerov leads "
    "Ukraine's.\n"
)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_url: str) -> Path:
    """A working directory without .env, and the store in the test's SQLite file."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", db_url)
    monkeypatch.setenv("BRIEFBOT_MAX_ARTICLE_BYTES", "50000")
    return tmp_path


def _events(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["events", "--format", "json"]) == 0
    events: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["events"]
    return events


def _talks(events: list[dict[str, Any]]) -> dict[str, Any]:
    [ev] = [e for e in events if "Russia" in e["parties"]]
    return ev


def test_seed_then_second_outlet_then_time_move(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Seed ingested: two sessions, 07:45 and 09:30 UTC, Medinsky and Umerov by side; a second outlet merged
    (two sources, one event); a later article moved the time and the change names it; re-ingest added nothing."""
    seed = shared_path("seed", "istanbul-talks-2025-05-16.txt")
    assert main(["ingest", "-q", str(seed)]) == 0
    events = _events(capsys)
    assert sorted(e["start_utc"] for e in events) == ["2025-05-16T07:45:00Z", "2025-05-16T09:30:00Z"]
    talks = _talks(events)
    people = {p["name"]: p["affiliation"] for p in talks["participants"]}
    assert people.get("Vladimir Medinsky") == "Russia" and people.get("Rustem Umerov") == "Ukraine"
    assert "Dolmabahce" in talks["location"] and talks["status"] == "scheduled"

    (env / "other.txt").write_text(OTHER_OUTLET)
    assert main(["ingest", "-q", "other.txt"]) == 0
    talks = _talks(_events(capsys))
    assert [s["source"] for s in talks["sources"]] == [str(seed), "other.txt"]

    (env / "later.txt").write_text(LATER)
    assert main(["ingest", "-q", "later.txt"]) == 0
    talks = _talks(_events(capsys))
    assert talks["start_utc"] == "2025-05-16T11:30:00Z"
    [change] = [h for h in talks["history"] if h["field"] == "start_utc"]
    assert (change["old"], change["new"], change["source"]) == (
        "2025-05-16T09:30:00Z",
        "2025-05-16T11:30:00Z",
        "later.txt",
    )

    before = _events(capsys)
    assert main(["ingest", str(seed), "later.txt"]) == 0
    assert "0 articles stored (2 already known)" in capsys.readouterr().err
    assert _events(capsys) == before

    assert main(["events"]) == 0
    text = capsys.readouterr().out
    assert "start_utc 2025-05-16T09:30:00Z -> 2025-05-16T11:30:00Z" in text


def test_bad_sources_fail_alone(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Empty, binary, non-UTF-8, too large and missing files: one stderr line each naming it, exit 1,
    and the good file among them still stored."""
    (env / "good.txt").write_text("date 2025-05-14 Talks\nRussian and Ukrainian delegations will meet in Istanbul.\n")
    (env / "empty.txt").write_text("  \n")
    (env / "bin.txt").write_bytes(b"\x00\x01\x02")
    (env / "latin.txt").write_bytes("caf\u00e9 au lait".encode("latin-1"))
    (env / "big.txt").write_text("word " * 20_000)
    bad = ["empty.txt", "bin.txt", "latin.txt", "big.txt", "missing.txt"]
    assert main(["ingest", "good.txt", *bad]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    failed = [line for line in err if line.startswith("briefbot: ")]
    assert [line.split(": ")[1] for line in failed] == bad
    assert "1 article stored" in err[-1] and "5 failed" in err[-1]
    assert main(["events", "--format", "json"]) == 0  # the store stayed readable


def test_stdin_and_published_flag(
    env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'-' read the article from stdin; --published dated it; a bad --published was refused with exit 2."""
    import io
    import sys

    body = "Russian and Ukrainian delegations will meet in Istanbul on Friday at 0930 GMT.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body.encode())))
    assert main(["ingest", "-q", "--published", "2025-05-14", "-"]) == 0
    events = _events(capsys)
    assert all(s["published"] == "2025-05-14" for e in events for s in e["sources"])
    assert main(["ingest", "--published", "14/05/2025", "x"]) == 2
    assert "--published" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["ingest", "x.txt"], ["events"], ["brief"], ["db", "upgrade"], ["feeds", "list"]])
def test_bad_setting_is_named_not_traced(
    argv: list[str], env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tried: each store-opening subcommand with BRIEFBOT_REMINDER_OFFSETS=abc. Held: exit 2 and one
    "bad settings" message naming the variable, no traceback, and nothing written to the working directory."""
    monkeypatch.setenv("BRIEFBOT_REMINDER_OFFSETS", "abc")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefbot: bad settings:")
    assert "reminder_offsets" in err
    assert "Traceback" not in err
    assert list(env.iterdir()) == []
