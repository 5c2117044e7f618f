"""Stage 7: expectations and positions: what is expected, hoped for or doubted, and what each side wants."""

from __future__ import annotations

import re

from briefings.extract import fastre
from briefings.extract.lexicon import lexicon
from briefings.extract.parties import find_parties
from briefings.model import Position

_MAX = 12
# "expected to meet": the scheduling sense of "expect", not a forecast of the outcome
_SCHEDULING = fastre.compile(
    r"\b(?:is|are|was|were)\s+expected\s+(?:to\s+(?:hold|meet|attend|begin|start|take\s+place|travel|arrive|sign|host|visit"
    r"|resume|open|vote|testify|join|lead|last|continue)|at|in|on)\b",
    re.I,
)
_DOUBT = fastre.compile(
    r"\b(?:breakthrough|doubt\w*|hope\w*|little|no\s+progress|unlikely|low|sceptic\w*|skeptic\w*|fear\w*)\b", re.I
)
# "officials said the disputes would not be resolved": a reported view of what comes next
_FORWARD = fastre.compile(
    r"\b(?:said|says|believe[sd]?|think|thinks|thought|cautioned|warned|feared|argued|predicted|noted)\b"
    r"[^.;]{0,120}?(?:\b(?:would|will|won't|wouldn't|could|might|may|is\s+likely|are\s+likely|is\s+unlikely)\b|'ll\b)",
    re.I,
)


_LIKELY = fastre.compile(r"\b(?:is|are)\s+(?:also\s+|not\s+)?(?:likely|unlikely)\s+to\b")
_OPEN_QUESTION = fastre.compile(
    r"\b(?:[Tt]he\s+(?:question|test|challenge|issue)\s+(?:is|will\s+be)\s+(?:whether|how|to)|remains\s+to\s+be\s+seen)\b"
)
# what every _FORWARD match contains, in one cheap test: most sentences have none of these words
_FORWARD_GATE = fastre.compile(r"\b(?:will|would|won't|wouldn't|could|might|may|likely|unlikely)\b|'ll\b", re.I)
# lower-case "may": "May 16" is a date
_MODAL = fastre.compile(r"\b(?:[Ww]ill|[Ww]ould|[Ww]on't|[Ww]ouldn't|[Cc]ould|[Mm]ight|may)\b|'ll\b")


def expectations(sentences: list[str]) -> list[str]:
    """Sentences that state an expectation, hope or doubt: the strongest first, then reported forecasts."""
    lex = lexicon()
    strong: list[str] = []
    forward: list[str] = []
    weak: list[str] = []
    weakest: list[str] = []
    for s in sentences:
        if _SCHEDULING.search(s) and not _DOUBT.search(s):
            # "are expected to hold talks in Istanbul" announces the meeting; keep it, after the real forecasts
            weak.append(s)
        elif lex.strong_expectation_re.search(s):
            strong.append(s)
        elif not lex.expectation_re.search(s):
            # the cheap test first: most sentences stop here, but "said the president would sign the deal" is a
            # forecast about the meeting without any cue word
            if _FORWARD_GATE.search(s) and _FORWARD.search(s):
                # "a union official said the truckers would defy any such order": a reported forecast, weaker without
                # a meeting word in it
                (forward if lex.trigger_re.search(s) else weakest).append(s)
        elif _FORWARD.search(s):
            forward.append(s)
        elif lex.trigger_re.search(s) or lex.speech_re.search(s) or _MODAL.search(s) or _LIKELY.search(s):
            # about the meeting, somebody's stated view, or a forecast ("the motion will fail", "energy is also
            # likely to be discussed")
            weak.append(s)
        elif _OPEN_QUESTION.search(s):
            weak.append(s)  # "The question is whether the Gulf states are willing to pay": a doubt about what comes
    return (strong + forward + weak + weakest)[:_MAX]


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
