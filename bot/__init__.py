"""briefbot's outside world: CLI, platform adapters, scheduler wiring, composition root."""
