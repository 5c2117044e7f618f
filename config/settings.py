"""Settings read once from the environment and ``.env`` (prefix ``BRIEFBOT_``) and passed down.

Platform tokens keep the names their platforms document (``SLACK_BOT_TOKEN``, ``DISCORD_TOKEN``);
every variable is listed and explained in ``.env.example``.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

CsvList = Annotated[list[str], NoDecode]

_OFFSET = re.compile(r"^\s*(\d{1,4})\s*([mh]?)\s*$")


def parse_offsets(text: str) -> list[timedelta]:
    """Parse ``"60m,15m,0m"`` (or ``"1h,15"``) into reminder offsets, largest first."""
    out: set[timedelta] = set()
    for part in text.split(","):
        if not part.strip():
            continue
        m = _OFFSET.match(part)
        if not m:
            raise ValueError(f"bad reminder offset {part.strip()!r}: use minutes like 60m or hours like 1h")
        n = int(m.group(1))
        out.add(timedelta(hours=n) if m.group(2) == "h" else timedelta(minutes=n))
    if not out:
        raise ValueError("no reminder offsets given")
    if any(o > timedelta(days=7) for o in out):
        raise ValueError("reminder offsets are at most 7 days")
    return sorted(out, reverse=True)


def _csv(value: object) -> object:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return value


class Settings(BaseSettings):
    """Every knob briefbot has. Build with ``load_settings()``; tests pass values directly."""

    model_config = SettingsConfigDict(
        env_prefix="BRIEFBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        # "SLACK_BOT_TOKEN=" (as in .env.example) means unset, not an empty token
        env_ignore_empty=True,
    )

    # store
    database_url: str = "sqlite+aiosqlite:///briefbot.db"

    # ingest
    max_article_bytes: int = Field(default=2_000_000, ge=1_000)
    fetch_timeout: float = Field(default=20.0, gt=0)
    user_agent: str = "briefbot/0.1 (+https://example.invalid/briefbot)"

    # reminders
    reminder_offsets: str = "60m,15m"
    timezone_display: str | None = None

    # HTTP server (Slack HTTP mode, health, metrics)
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=3000, ge=0, le=65535)

    # Slack
    slack_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_BOT_TOKEN", "BRIEFBOT_SLACK_BOT_TOKEN")
    )
    slack_app_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_APP_TOKEN", "BRIEFBOT_SLACK_APP_TOKEN")
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "BRIEFBOT_SLACK_SIGNING_SECRET")
    )
    slack_api_url: str | None = None
    slack_channels: CsvList = Field(default_factory=list)
    slack_admins: CsvList = Field(default_factory=list)

    # Discord
    discord_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("DISCORD_TOKEN", "BRIEFBOT_DISCORD_TOKEN")
    )
    discord_api_url: str | None = None
    discord_guilds: CsvList = Field(default_factory=list)
    discord_channels: CsvList = Field(default_factory=list)
    discord_admin_roles: CsvList = Field(default_factory=list)
    discord_events: bool = False
    discord_event_minutes: int = Field(default=120, ge=1, le=24 * 60)

    # feeds
    feeds_file: str | None = None
    feed_backfill: int = Field(default=1, ge=0, le=100)
    feed_poll_seconds: int = Field(default=300, ge=60)
    feed_max_failures: int = Field(default=8, ge=1)
    admin_channel: str | None = None

    # operations
    instance_id: str | None = None
    leader_lease_seconds: float = Field(default=30.0, gt=0)
    log_format: Literal["text", "json"] = "text"
    log_level: str = "INFO"

    _split = field_validator(
        "slack_channels",
        "slack_admins",
        "discord_guilds",
        "discord_channels",
        "discord_admin_roles",
        mode="before",
    )(_csv)

    @field_validator("reminder_offsets")
    @classmethod
    def _check_offsets(cls, value: str) -> str:
        parse_offsets(value)
        return value

    @property
    def offsets(self) -> list[timedelta]:
        """Reminder offsets as timedeltas, largest first."""
        return parse_offsets(self.reminder_offsets)


def load_settings(env_file: str | None = ".env") -> Settings:
    """Read settings from the environment (and ``env_file`` if it exists), once, at start-up."""
    return Settings(_env_file=env_file)  # type: ignore[call-arg]
