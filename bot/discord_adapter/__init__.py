"""Discord adapter: ``/talks`` app commands, embeds, durable channel posts and native scheduled events.

Thin by design: interactions are parsed into the core's command registry, the core answers with
cards, :mod:`bot.discord_adapter.format` renders them as embeds. Start it with
:func:`bot.discord_adapter.runner.start_discord` (``bot.app`` does, when ``DISCORD_TOKEN`` is set).
"""
