"""Logging setup: one JSON object a line with BRIEFBOT_LOG_FORMAT=json, plain text otherwise."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import pytest

from bot.logs import JsonFormatter, configure_logging


def test_json_formatter_one_object_per_record() -> None:
    """Formatted a record with %-args, unicode and a traceback: one line of JSON with ts, level, logger, msg, exc."""
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("briefings.test").makeRecord(
            "briefings.test", logging.ERROR, __file__, 1, "sent %d reminders to %s", (3, "Zürich"), sys.exc_info()
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["level"] == "ERROR"
    assert data["logger"] == "briefings.test"
    assert data["msg"] == "sent 3 reminders to Zürich"
    assert data["ts"].endswith("+00:00")
    assert "ValueError: boom" in data["exc"]


def test_briefbot_log_format_json_from_the_environment() -> None:
    """Ran a child process with BRIEFBOT_LOG_FORMAT=json: each stderr line it logged parses as a JSON object."""
    code = (
        "import logging; from bot.logs import configure_logging; configure_logging();"
        "log = logging.getLogger('bot.x'); log.info('hello %s', 'world'); log.warning('multi\\nline')"
    )
    env = {"BRIEFBOT_LOG_FORMAT": "json", "BRIEFBOT_LOG_LEVEL": "INFO", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, timeout=60)
    lines = out.stderr.splitlines()
    assert [json.loads(line)["msg"] for line in lines] == ["hello world", "multi\nline"]
    assert {json.loads(line)["level"] for line in lines} == {"INFO", "WARNING"}


def test_text_format_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without BRIEFBOT_LOG_FORMAT the root handler formats plain text, not JSON."""
    monkeypatch.delenv("BRIEFBOT_LOG_FORMAT", raising=False)
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure_logging("INFO")
        assert not isinstance(root.handlers[0].formatter, JsonFormatter)
        configure_logging("INFO", "json")
        assert isinstance(root.handlers[0].formatter, JsonFormatter)
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
