"""briefbot's platform-neutral core: ingest, extract, store, render, commands, reminders.

Nothing in this package imports Slack, Discord, APScheduler, ``bot`` or ``config``.
"""

__version__ = "0.1.0"
