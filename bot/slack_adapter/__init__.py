"""The Slack adapter: ``/talks`` over slack-bolt, Block Kit formatting, and the outbox's Slack publisher.

``bot/app.py`` calls :func:`bot.slack_adapter.runner.start_slack`; nothing in ``briefings/``
imports this package.
"""

from __future__ import annotations
