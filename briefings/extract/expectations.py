"""Stage 7: expectations and positions: what is expected, hoped for or doubted, and what each side wants."""

from __future__ import annotations

from briefings.extract.lexicon import lexicon
from briefings.extract.parties import find_parties
from briefings.model import Position

_MAX = 8


def expectations(sentences: list[str]) -> list[str]:
    """Sentences that state an expectation, hope or doubt, strongest cues first kept in text order."""
    lex = lexicon()
    strong = [s for s in sentences if lex.strong_expectation_re.search(s)]
    weak = [s for s in sentences if s not in strong and lex.expectation_re.search(s) and lex.trigger_re.search(s)]
    picked = strong[:_MAX] + weak[: max(0, _MAX - len(strong))]
    return [s for s in sentences if s in picked]


def positions(sentences: list[str]) -> list[Position]:
    """Sentences where a side states what it demands, rejects or seeks."""
    lex = lexicon()
    out: list[Position] = []
    for s in sentences:
        verb = lex.position_re.search(s)
        if not verb:
            continue
        sides = [p for p in find_parties(s[: verb.start()]) if verb.start() - p.end < 60]
        if not sides:
            people = s[: verb.start()].split()
            if not people:
                continue
            continue
        out.append(Position(sides[0].canonical, s))
    return out
