"""Regexes that skip, at once, every place where no match can start.

Python's regex engine tries a pattern at each position of the text in turn. For a pattern that opens
with a literal it jumps ahead by itself, but one that opens with ``\\b``, a lookbehind or an
alternation of words ("\\b(?:news|press) conference|...") is tried alternative by alternative at
every character. Most of the extractor's patterns look like that, and they were half its time.

``compile`` works out which characters a match can begin with and puts them in front as a lookahead
(``(?=[npc...])``). The lookahead only restates what every match already starts with, so the
matches are the same; positions that cannot start one now fail after a single character test.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_p: Any
_c: Any
try:  # the parser is internal to ``re``; without it patterns are compiled as written
    _p = importlib.import_module("re._parser")
    _c = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - every supported Python has them
    _p = _c = None

# characters and classes a pattern may start with; None stands for "could be anything"
_Firsts = set[str] | None


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` with a first-character lookahead when the engine would not find one itself."""
    compiled = re.compile(pattern, flags)
    guard = _guard(compiled)
    return re.compile(f"(?={guard})(?:{pattern})", flags) if guard else compiled


def _guard(compiled: re.Pattern[str]) -> str | None:
    if _p is None or compiled.flags & re.VERBOSE:
        return None
    try:
        items = list(_p.parse(compiled.pattern, compiled.flags))
    except Exception:  # pragma: no cover - a pattern re accepted always parses
        return None
    if not items or items[0][0] in (_c.LITERAL, _c.IN):
        return None  # the engine already scans for a literal start or a class by itself
    if items[0] == (_c.AT, _c.AT_BEGINNING) or items[0] == (_c.AT, _c.AT_BEGINNING_STRING):
        return None  # anchored: tried at one place only
    firsts, nullable = _sequence(items)
    if firsts is None or nullable or not firsts:
        return None
    if any(f in ("\\w", "\\W", "\\S", "\\D") for f in firsts):
        return None  # nearly every character passes: the lookahead would only cost time
    return "[" + "".join(sorted(firsts)) + "]"


def _sequence(items: list[tuple[Any, Any]]) -> tuple[_Firsts, bool]:
    """First characters of a sequence of items, and whether the whole sequence can match nothing."""
    out: set[str] = set()
    for op, av in items:
        firsts, nullable = _item(op, av)
        if firsts is None:
            return None, False
        out |= firsts
        if not nullable:
            return out, False
    return out, True


def _item(op: Any, av: Any) -> tuple[_Firsts, bool]:
    if op is _c.LITERAL:
        return {_char(av)}, False
    if op is _c.IN:
        return _in(av), False
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero width: the next item decides
    if op is _c.SUBPATTERN:
        _group, add, delete, sub = av
        if add or delete:
            return None, False  # inline flags change how characters compare
        return _sequence(list(sub))
    if op is _c.BRANCH:
        out: set[str] = set()
        any_empty = False
        for alt in av[1]:
            firsts, nullable = _sequence(list(alt))
            if firsts is None:
                return None, False
            out |= firsts
            any_empty = any_empty or nullable
        return out, any_empty
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        firsts, nullable = _sequence(list(sub))
        return firsts, nullable or low == 0
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    return None, False  # anything else (any character, backreferences...): no guard


_CATEGORIES = {
    "CATEGORY_DIGIT": "\\d",
    "CATEGORY_NOT_DIGIT": "\\D",
    "CATEGORY_SPACE": "\\s",
    "CATEGORY_NOT_SPACE": "\\S",
    "CATEGORY_WORD": "\\w",
    "CATEGORY_NOT_WORD": "\\W",
}


def _in(items: list[tuple[Any, Any]]) -> _Firsts:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(_char(av))
        elif op is _c.RANGE:
            out.add(_char(av[0]) + "-" + _char(av[1]))
        elif op is _c.CATEGORY and str(av) in _CATEGORIES:
            out.add(_CATEGORIES[str(av)])
        else:
            return None  # a negated class or an unusual member: could start anywhere
    return out


def _char(code: int) -> str:
    return f"\\U{code:08x}"
