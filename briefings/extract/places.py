"""Stage 3: places. Cities from the gazetteer (with their IANA zone) and named venues."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefings.extract import fastre
from briefings.extract.lexicon import City, capitals, city_index, lexicon

_CAP = r"[A-Z][\w'’.-]*"
_STOP = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December|On|In|At|And|But|The)\b"
)
_VENUE = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A city or venue named in a sentence."""

    start: int
    end: int
    name: str
    city: City | None = None  # set for cities
    is_venue: bool = False
    preposition: str | None = None  # "in", "at", "to"... the word before it


def _venue_re() -> re.Pattern[str]:
    global _VENUE
    if _VENUE is None:
        heads = "|".join(sorted((re.escape(h) for h in lexicon().venue_heads), key=len, reverse=True))
        # lower-case heads follow a name ("the Ritz-Carlton hotel"), but "giving Governor Bullock room to" is idiom
        low = "|".join(
            sorted((re.escape(h.lower()) for h in lexicon().venue_heads if h != "Room"), key=len, reverse=True)
        )
        _VENUE = fastre.compile(
            rf"(?<![\w])(?:the\s+)?(?P<name>(?:{_CAP}\s+(?:(?:ten|de|des|du|la|le|van|von|al|el)\s+)?){{1,4}}"
            rf"(?:(?:{heads})(?:\s+(?!{_STOP})[A-Z][\w'’-]+){{0,2}}"
            rf"|(?:(?:convention|conference|exhibition|congress|guest|press|state)\s+)?(?:{low})))(?![\w])"
        )
    return _VENUE


# "at Filoli, a historic estate", "at Rosenbad, the prime minister's office": a name the gazetteer cannot know,
# described as a venue right after it
_DESCRIBED_VENUE = fastre.compile(
    r"\b(?:at|in|inside)\s+(?:the\s+)?(?P<name>[A-Z][\w'’.-]+(?:\s+(?:de\s+|la\s+|of\s+)?[A-Z][\w'’.-]+){0,3}),\s+"
    r"(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?(?:estate|palace|mansion|resort|hotel|residence|villa|castle|retreat"
    r"|compound|lodge|chateau|château|office|headquarters|ranch|manor|guest\s*house|conference\s+cent(?:re|er)"
    r"|house|garden|gardens|hall)\b"
)
_PREP = fastre.compile(r"(?:\b(in|at|to|near|inside|outside|from|for|of|on)\s+(?:the\s+)?)$", re.I)
_NOT_VENUE_START = frozenset({"The", "A", "An", "But", "And", "Security", "General", "UN", "U.N.", "National"})


def find_places(text: str) -> list[PlaceMention]:
    """Cities and venues in ``text``, in order; a venue's name is kept as written."""
    lex = lexicon()
    out: list[PlaceMention] = []
    for m in lex.venue_standalone_re.finditer(text):
        prep = _prep(text, m.start())
        if prep is None and not lex.trigger_re.match(text[m.end() : m.end() + 20].lstrip()):
            continue  # "to lead the Pentagon", "Vatican offers", "the Kremlin said": the institution, not a place
        out.append(PlaceMention(m.start(), m.end(), m.group(0), is_venue=True, preposition=prep))
    for m in _venue_re().finditer(text):
        name = m.group("name")
        words = name.split()
        while words and (words[0] in _NOT_VENUE_START or words[0].lower() in lex.party_names):
            words = words[1:]
        if len(words) < 2 or any(o.start <= m.start("name") < o.end for o in out):
            continue
        city_owner = None
        if words[0].endswith(("'s", "’s")) and words[0][:-2].lower() in lex.cities:
            city_owner = lex.cities[words[0][:-2].lower()]  # "Istanbul's Dolmabahce Palace"
            words = words[1:]
        if len(words) < 2:
            continue
        name = " ".join(words)
        if name.split()[-1].islower() and re.match(r"\s+of\s", text[m.end("name") :]):
            continue  # "the Red Sea resort of Sharm el-Sheikh" describes a city, it names no venue
        start = m.start("name") + m.group("name").index(words[0])
        out.append(PlaceMention(start, m.end("name"), name, is_venue=True, preposition=_prep(text, start)))
        if city_owner is not None:
            out.append(PlaceMention(m.start("name"), start, city_owner.name, city=city_owner, preposition="in"))
    for m in _DESCRIBED_VENUE.finditer(text):
        name = m.group("name")
        if any(o.start <= m.start("name") < o.end for o in out) or name.lower() in lex.cities:
            continue
        if name.lower() in lex.party_names or name.split()[0] in _NOT_VENUE_START:
            continue
        out.append(
            PlaceMention(m.start("name"), m.end("name"), name, is_venue=True, preposition=_prep(text, m.start("name")))
        )
    for m in _CAPITAL_OF.finditer(text):
        capital = capitals().get(lex.party_names.get(m.group("adj").lower(), ""))
        if capital is not None and not any(o.start <= m.start() < o.end for o in out):
            # "in the Omani capital": Muscat, though the sentence never names it
            out.append(PlaceMention(m.start(), m.end(), capital.name, city=capital, preposition=_prep(text, m.start())))
    for start, end, word, _name in city_index().finditer(text):
        if any(o.start <= start < o.end for o in out):
            continue
        city = lex.cities[word.lower()]
        # "Washington" as a capital in "Washington and Moscow" is a side, not a place: the caller decides
        out.append(PlaceMention(start, end, city.name, city=city, preposition=_prep(text, start)))
    out.sort(key=lambda p: p.start)
    return out


_CAPITAL_OF = fastre.compile(
    r"\bthe\s+(?P<adj>[A-Z][\w'’.-]+)\s+capital\b(?!\s+(?:markets?|gains?|flight|controls?|of\b))"
)


def capital_phrase_at(text: str, start: int) -> bool:
    """Whether ``text`` names a capital by its country's adjective at ``start`` ("the Omani capital")."""
    return _CAPITAL_OF.match(text, start) is not None


def _prep(text: str, start: int) -> str | None:
    m = _PREP.search(text[max(0, start - 12) : start])
    return m.group(1).lower() if m else None


def city_named(name: str | None) -> City | None:
    """The gazetteer entry for a city name (any case), if known."""
    if not name:
        return None
    return lexicon().cities.get(name.lower())
