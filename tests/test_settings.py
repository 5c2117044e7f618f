"""Settings: every variable is documented in .env.example, lists parse from commas, bad values name themselves."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from config.settings import Settings, parse_offsets

ROOT = Path(__file__).resolve().parent.parent


def _env_names() -> set[str]:
    names = set()
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        choices = getattr(alias, "choices", None)
        names.add(str(choices[0]) if choices else f"BRIEFBOT_{name.upper()}")
    return names


def test_every_setting_is_documented_in_env_example() -> None:
    """Compared the Settings fields with the variables in .env.example: each one is there, none is stale."""
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", text, flags=re.M))
    assert documented == _env_names()


def test_env_example_loads_as_settings(tmp_path: Path) -> None:
    """Loaded .env.example itself as an env file: it is a valid configuration (the documented defaults)."""
    s = Settings(_env_file=str(ROOT / ".env.example"))  # type: ignore[call-arg]
    assert s.offsets == [timedelta(minutes=60), timedelta(minutes=15)]
    assert s.slack_bot_token is None and s.discord_token is None


def test_lists_and_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Comma lists split and trim; tokens are SecretStr and never show in repr."""
    monkeypatch.setenv("BRIEFBOT_SLACK_CHANNELS", " C1, C2 ,")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret")
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.slack_channels == ["C1", "C2"]
    assert "very-secret" not in repr(s)


@pytest.mark.parametrize("bad", ["soon", "60x", "", "99999m"])
def test_bad_reminder_offsets_are_refused(bad: str) -> None:
    """Offsets that are not minutes/hours, empty, or over a week: a ValidationError naming the field."""
    with pytest.raises(ValidationError, match="reminder_offsets"):
        Settings(_env_file=None, reminder_offsets=bad)  # type: ignore[call-arg]


def test_offsets_parse_largest_first() -> None:
    """'15m,1h,0m' gives 60, 15 and 0 minutes, largest first."""
    assert parse_offsets("15m,1h,0m") == [timedelta(hours=1), timedelta(minutes=15), timedelta(0)]
