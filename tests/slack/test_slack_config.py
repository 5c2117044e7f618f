"""Choosing Socket Mode or HTTP mode from the credentials, and refusing bad ones by name, never by value."""

from __future__ import annotations

import pytest

from bot.slack_adapter.runner import SlackConfigError, plan_slack
from config.settings import Settings


def settings(**values: str) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_modes_follow_the_credentials() -> None:
    """Nothing set -> no Slack; bot token + app token -> Socket Mode; bot token + signing secret -> HTTP mode;
    all three -> Socket Mode, with the reason saying so."""
    assert plan_slack(settings()) is None
    sock = plan_slack(settings(slack_bot_token="xoxb-1-2-abc", slack_app_token="xapp-1-A1-abc"))
    assert sock is not None and sock.mode == "socket"
    http = plan_slack(settings(slack_bot_token="xoxb-1-2-abc", slack_signing_secret="abc123"))
    assert http is not None and http.mode == "http"
    both = plan_slack(settings(slack_bot_token="xoxb-1", slack_app_token="xapp-1", slack_signing_secret="abc"))
    assert both is not None and both.mode == "socket" and "SLACK_SIGNING_SECRET" in both.reason


@pytest.mark.parametrize(
    ("values", "variable"),
    [
        ({"slack_bot_token": "xoxp-user-token-s3cr3tv4lue"}, "SLACK_BOT_TOKEN"),
        ({"slack_bot_token": "xoxb-1-s3cr3tv4lue", "slack_app_token": "xoxb-s3cr3tv4lue"}, "SLACK_APP_TOKEN"),
        ({"slack_app_token": "xapp-1-s3cr3tv4lue"}, "SLACK_BOT_TOKEN"),
        ({"slack_signing_secret": "s3cr3tv4lue"}, "SLACK_BOT_TOKEN"),
        ({"slack_bot_token": "xoxb-1-s3cr3tv4lue"}, "SLACK_SIGNING_SECRET"),
        ({"slack_bot_token": "xoxb-1 s3cr3tv4lue", "slack_app_token": "xapp-1"}, "SLACK_BOT_TOKEN"),
    ],
)
def test_bad_credentials_name_the_variable_not_the_value(values: dict[str, str], variable: str) -> None:
    """Each malformed or missing credential raises SlackConfigError naming the variable; no value leaks."""
    with pytest.raises(SlackConfigError) as err:
        plan_slack(settings(**values))
    assert variable in str(err.value)
    assert "s3cr3tv4lue" not in str(err.value)
