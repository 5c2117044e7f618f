"""Reminders in ``briefbot run``: the service, its ``/talks`` commands, and the scheduler under the lease.

:mod:`bot.app` calls :func:`register_commands` while building the app (before platforms start)
and :func:`start` once the publishers exist.
"""

from __future__ import annotations

import logging
import os
import socket
from typing import TYPE_CHECKING

from bot.console_adapter import CHANNEL
from bot.scheduler import ReminderScheduler
from briefings.commands_reminders import register_reminder_commands
from briefings.lease import LeaderLease
from briefings.reminder_service import ReminderService
from briefings.reminders import Target

if TYPE_CHECKING:
    from bot.app import App
    from config.settings import Settings

log = logging.getLogger(__name__)

# one reminder service per running app (App is a dataclass with no room for feature state)
_services: dict[int, ReminderService] = {}


def instance_id(settings: Settings) -> str:
    """This instance's name in leases and claims: ``BRIEFBOT_INSTANCE_ID``, else host and pid.

    Set it to a stable name so a restarted instance takes its lease back at once instead of
    waiting for it to expire.
    """
    return settings.instance_id or f"{socket.gethostname()}-{os.getpid()}"


def targets(settings: Settings, platforms: list[str]) -> list[Target]:
    """The channels that get reminders: the configured Slack and Discord channels, or the console."""
    out = [Target("slack", c) for c in settings.slack_channels if "slack" in platforms]
    out += [Target("discord", c) for c in settings.discord_channels if "discord" in platforms]
    if "console" in platforms:
        out.append(Target("console", CHANNEL))
    return out


def service_for(app: App) -> ReminderService:
    """The app's reminder service, built on first use (publishers and channels are filled in by :func:`start`)."""
    svc = _services.get(id(app))
    if svc is None:
        svc = ReminderService(
            app.store.engine,
            app.store,
            {},
            [],
            app.settings.offsets,
            app.clock,
            instance=instance_id(app.settings),
        )
        _services[id(app)] = svc
        app.stack.callback(_services.pop, id(app), None)
    return svc


def register_commands(app: App) -> None:
    """Add ``/talks reminders`` and ``/talks remind`` to the app's registry."""
    register_reminder_commands(app.registry, service_for(app))


async def start(app: App) -> ReminderScheduler:
    """Plan from every ingest, and run the scheduler (sending only while this instance holds the lease)."""
    svc = service_for(app)
    svc.publishers = {p.platform: p for p in app.publishers}
    svc.targets = tuple(targets(app.settings, list(svc.publishers)))
    svc.lease = LeaderLease(app.store.engine, svc.instance, app.clock, app.settings.leader_lease_seconds)
    if app.service is not None:
        app.service.on_ingested(svc.on_ingest)
    scheduler = ReminderScheduler(svc, app.clock, lease=svc.lease)
    await scheduler.start()
    app.stack.push_async_callback(scheduler.stop)
    log.info("reminders: %d channel(s), offsets %s", len(svc.targets), app.settings.reminder_offsets)
    return scheduler
