"""Stage 5: parties. Countries and organisations named by name, adjective or (in a list of sides) capital."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefings.extract.lexicon import lexicon


@dataclass(frozen=True, slots=True)
class PartyMention:
    """A side named in the text."""

    start: int
    end: int
    canonical: str
    text: str
    metonym: bool = False


_LOCATIVE = re.compile(r"\b(?:in|at|inside|near|outside|across|throughout|to|into|toward|towards)\s+(?:the\s+)?$", re.I)
_SIDES = re.compile(r"\b(?:between|with)\b[^.;]{0,80}$", re.I)


def find_parties(text: str) -> list[PartyMention]:
    """Every party named in ``text``: names and adjectives always, capitals only as sides.

    "in Turkey" is a place, not a side; "Moscow and Kyiv" after "between" are sides.
    """
    lex = lexicon()
    out: list[PartyMention] = []
    for m in lex.party_re.finditer(text):
        canon = lex.party_names.get(m.group(0).lower()) or lex.party_names.get(" ".join(m.group(0).lower().split()))
        if not canon:
            continue
        before = text[max(0, m.start() - 14) : m.start()]
        if before.lower().endswith(("pro-", "anti-", "non-")):
            continue
        after = text[m.end() : m.end() + 2]
        is_adjective = not m.group(0)[0].isupper() or m.group(0).lower() != canon.lower()
        if _LOCATIVE.search(before) and not is_adjective and not after.startswith("'"):
            continue
        out.append(PartyMention(m.start(), m.end(), canon, m.group(0)))
    for m in lex.metonym_re.finditer(text):
        if any(p.start <= m.start() < p.end for p in out):
            continue
        canon = lex.party_metonyms[m.group(0).lower()]
        before = text[max(0, m.start() - 100) : m.start()]
        after = text[m.end() : m.end() + 12]
        in_sides = bool(_SIDES.search(before)) and not _LOCATIVE.search(before[-14:])
        possessive = after.startswith(("'s", "’s"))
        as_subject = bool(re.match(r"\s+(?:and|,)\s", after)) and not _LOCATIVE.search(before[-14:])
        if in_sides or possessive or as_subject or m.group(0) in ("Kremlin", "White House", "State Department"):
            out.append(PartyMention(m.start(), m.end(), canon, m.group(0), metonym=True))
    out.sort(key=lambda p: p.start)
    return out


_HYPHENATED = re.compile(
    r"(?<![\w-])([A-Z][\w.]+(?:-[A-Z][\w.]+)+)(?=\s+(?:\w+\s+)?(?:talks|summit|meeting|negotiations|call|deal|truce|ceasefire|dialogue))"
)


def hyphenated_sides(text: str) -> list[str]:
    """Sides joined by hyphens before a meeting word: "Russia-Ukraine talks", "U.S.-China trade talks"."""
    lex = lexicon()
    out: list[str] = []
    for m in _HYPHENATED.finditer(text):
        for part in m.group(1).split("-"):
            canon = lex.party_names.get(part.lower()) or lex.party_metonyms.get(part.lower())
            if canon and canon not in out:
                out.append(canon)
    return out
