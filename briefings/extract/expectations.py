"""Stage 7: expectations and positions: what is expected, hoped for or doubted, and what each side wants."""

from __future__ import annotations

import re

from briefings.extract.lexicon import lexicon
from briefings.extract.parties import find_parties
from briefings.model import Position

_MAX = 12
# "officials said the disputes would not be resolved": a reported view of what comes next
_FORWARD = re.compile(
    r"\b(?:said|says|believe[sd]?|think|thinks|thought|cautioned|warned|feared|argued|predicted|noted)\b"
    r"[^.;]{0,120}?\b(?:would|will|won't|wouldn't|could|might|may|is\s+likely|are\s+likely|is\s+unlikely)\b",
    re.I,
)


def expectations(sentences: list[str]) -> list[str]:
    """Sentences that state an expectation, hope or doubt: the strongest first, then reported forecasts."""
    lex = lexicon()
    strong: list[str] = []
    forward: list[str] = []
    weak: list[str] = []
    for s in sentences:
        if lex.strong_expectation_re.search(s):
            strong.append(s)
        elif not lex.expectation_re.search(s):
            continue  # the cheap test first: most sentences stop here
        elif _FORWARD.search(s):
            forward.append(s)
        elif lex.trigger_re.search(s):
            weak.append(s)
    return (strong + forward + weak)[:_MAX]


def positions(sentences: list[str]) -> list[Position]:
    """Sentences where a side states what it demands, rejects or seeks."""
    lex = lexicon()
    out: list[Position] = []
    for s in sentences:
        verb = lex.position_re.search(s)
        if not verb:
            continue
        sides = [p for p in find_parties(s[: verb.start()]) if verb.start() - p.end < 60]
        if sides:
            out.append(Position(sides[0].canonical, s))
    return out
