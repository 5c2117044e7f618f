"""``/talks reminders`` (this channel's upcoming reminders) and ``/talks remind 30m,5m`` (admins: its offsets)."""

from __future__ import annotations

from briefings import timefmt
from briefings.briefing import message_card
from briefings.cards import Card, CardField, CardKind
from briefings.commands import CommandContext, CommandRegistry
from briefings.reminder_service import ReminderService
from briefings.reminders import Target, format_offset, format_offsets, parse_offsets

__all__ = ["register_reminder_commands"]


def register_reminder_commands(registry: CommandRegistry, service: ReminderService) -> None:
    """Add ``reminders`` and ``remind`` to ``registry``, bound to ``service``."""

    async def reminders(ctx: CommandContext) -> Card:
        """``/talks reminders``: the next reminders this channel will get."""
        target = Target(ctx.platform, ctx.channel or "")
        offsets = await service.channel_offsets(target)
        rows = await service.upcoming(target, limit=10)
        now = ctx.now()
        fields = []
        for r in rows:
            event = await ctx.store.event(r.event_id)
            title = event.title if event else f"event {r.event_id}"
            fields.append(
                CardField(
                    f"{timefmt.utc_time(r.due)} ({timefmt.countdown(r.due, now).replace('starting now', 'now')})",
                    f"{title}: {format_offset(r.offset)} before its {timefmt.utc_time(r.start)} start",
                    at=r.due,
                )
            )
        lines = [f"Reminder times here: {format_offsets(offsets)} before each session."]
        if not rows:
            lines.insert(0, "No reminders coming up in this channel.")
        return Card(title="Upcoming reminders", fields=tuple(fields), lines=tuple(lines), kind=CardKind.ANSWER)

    async def remind(ctx: CommandContext) -> Card:
        """``/talks remind 30m,5m`` (or ``default``): change this channel's reminder times."""
        target = Target(ctx.platform, ctx.channel or "")
        text = " ".join(ctx.args).strip()
        if not text:
            current = await service.channel_offsets(target)
            return message_card(
                "Reminder times", f"This channel: {format_offsets(current)}. Change: /talks remind 30m,5m"
            )
        if text.lower() in ("default", "reset"):
            await service.set_channel_offsets(target, None, by=ctx.user)
            offsets = service.offsets
        else:
            try:
                offsets = parse_offsets(text)
            except ValueError as exc:
                return message_card("Reminder times not changed", str(exc), kind=CardKind.ERROR)
            await service.set_channel_offsets(target, offsets, by=ctx.user)
        upcoming = await service.upcoming(target, limit=50)
        return message_card(
            "Reminder times changed",
            f"This channel now gets reminders {format_offsets(offsets)} before each session.",
            f"{len(upcoming)} reminder(s) planned; see /talks reminders.",
        )

    registry.register("reminders", reminders, help="this channel's upcoming reminders")
    registry.register(
        "remind", remind, help="change this channel's reminder times (e.g. 30m,5m)", admin=True, usage="remind 30m,5m"
    )
