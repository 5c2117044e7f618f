"""Clocks: the core never reads the wall clock itself, it is handed one of these."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Tells the time (aware, UTC) and sleeps on the same time line."""

    def now(self) -> datetime: ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current time in UTC."""
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        """Sleep for real."""
        await asyncio.sleep(max(0.0, seconds))


class SimulatedClock:
    """A clock that starts at a chosen moment and runs ``speed`` times faster than real time.

    Used by ``briefbot demo`` so a morning of reminders plays out in seconds, and by tests
    that need time to pass without waiting. ``advance`` jumps it forward.
    """

    def __init__(self, start: datetime, speed: float = 1.0) -> None:
        if start.tzinfo is None:
            raise ValueError("SimulatedClock needs an aware start time")
        self._start = start.astimezone(UTC)
        self._speed = speed
        self._offset = timedelta(0)
        self._loop_t0: float | None = None

    def _elapsed(self) -> float:
        loop = asyncio.get_running_loop() if _has_loop() else None
        if loop is None:
            return 0.0
        if self._loop_t0 is None:
            self._loop_t0 = loop.time()
        return (loop.time() - self._loop_t0) * self._speed

    def now(self) -> datetime:
        """Simulated now: start + offset + scaled real elapsed time."""
        return self._start + self._offset + timedelta(seconds=self._elapsed())

    def advance(self, delta: timedelta) -> None:
        """Jump forward (never back)."""
        if delta < timedelta(0):
            raise ValueError("a clock does not run backwards")
        self._offset += delta

    async def sleep(self, seconds: float) -> None:
        """Sleep ``seconds`` of simulated time."""
        await asyncio.sleep(max(0.0, seconds) / self._speed if self._speed else 0)


class FixedClock:
    """A clock that only moves when told to: for unit tests."""

    def __init__(self, now: datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("FixedClock needs an aware time")
        self._now = now.astimezone(UTC)

    def now(self) -> datetime:
        """The set time."""
        return self._now

    def set(self, now: datetime) -> None:
        """Move to ``now``."""
        self._now = now.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        """Move forward by ``delta``."""
        self._now += delta

    async def sleep(self, seconds: float) -> None:
        """Advance instead of sleeping, then yield to the loop."""
        self._now += timedelta(seconds=max(0.0, seconds))
        await asyncio.sleep(0)


def _has_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True
