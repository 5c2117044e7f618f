"""Building slash-command requests the way Slack signs them (v0 HMAC-SHA256 over timestamp and body)."""

from __future__ import annotations

import hashlib
import hmac
import time
from urllib.parse import urlencode

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def slash_body(
    text: str,
    *,
    user: str = "UREADER",
    trigger: str = "13345224609.738474920.8088930838d88f008e0",
    response_url: str = "https://hooks.slack.com/commands/T1/1/x",
    channel: str = "CREAD",
) -> str:
    """The form body Slack posts for ``/talks <text>``."""
    return urlencode(
        {
            "token": "legacy-verification-token",
            "team_id": "T1",
            "team_domain": "example",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": "reader",
            "command": "/talks",
            "text": text,
            "api_app_id": "A1",
            "response_url": response_url,
            "trigger_id": trigger,
        }
    )


def signed_headers(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    """Headers of a request signed with ``secret`` at ``timestamp`` (default: now, as Slack does)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
    }
