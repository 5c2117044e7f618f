"""The platform-neutral briefing card that every adapter renders in its own way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class CardKind(StrEnum):
    """What a card is for; adapters may style each differently."""

    BRIEFING = "briefing"
    ANSWER = "answer"
    HELP = "help"
    REMINDER = "reminder"
    UPDATE = "update"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class CardField:
    """A labelled value. ``at`` marks a moment, so adapters can add the reader's local time."""

    label: str
    value: str
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Card:
    """A short, structured message: title, fields, free lines and sources.

    All strings are plain text taken partly from articles: adapters must escape them
    for their markup and must never let them mention anyone.
    """

    title: str
    fields: tuple[CardField, ...] = ()
    lines: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kind: CardKind = CardKind.ANSWER
    event_id: int | None = None
    link: str | None = None

    def plain_text(self) -> str:
        """Everything on the card as plain text, for fallbacks, logs and the console."""
        out = [self.title]
        out += [f"{f.label}: {f.value}" for f in self.fields]
        out += list(self.lines)
        if self.sources:
            out.append("Sources: " + "; ".join(self.sources))
        return "\n".join(out)
