"""Loads the extractor's vocabulary tables from ``briefings/data`` once, into lookup structures."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class City:
    """A gazetteer entry: the city's display name, IANA zone and country."""

    name: str
    zone: str
    country: str


def _read(name: str) -> str:
    return resources.files("briefings.data").joinpath(name).read_text(encoding="utf-8")


def _phrase_regex(phrases: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One alternation over ``phrases`` (longest first) on word boundaries."""
    alts = sorted({p for p in phrases if p}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alts)
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w-])", flags)


@dataclass(frozen=True)
class Lexicon:
    """Every table the stages use, pre-compiled."""

    raw: dict[str, Any]
    cities: dict[str, City]  # lower-case name or alias -> City
    city_re: re.Pattern[str]
    zones_fixed: dict[str, int]
    zones_dynamic: dict[str, str]
    party_names: dict[str, str]  # lower-case alias -> canonical (countries' names and organisations)
    party_metonyms: dict[str, str]  # lower-case capital/seat -> canonical
    party_re: re.Pattern[str]
    metonym_re: re.Pattern[str]
    titles: tuple[str, ...]
    title_words: frozenset[str]
    event_nouns: dict[str, str]
    event_verbs: dict[str, str]
    trigger_re: re.Pattern[str]
    status_res: dict[str, re.Pattern[str]]
    future_re: re.Pattern[str]
    hypothetical_re: re.Pattern[str]
    speech_re: re.Pattern[str]
    head_re: re.Pattern[str]
    member_re: re.Pattern[str]
    expectation_re: re.Pattern[str]
    strong_expectation_re: re.Pattern[str]
    position_re: re.Pattern[str]
    non_event_time_re: re.Pattern[str]
    venue_heads: frozenset[str]
    venue_standalone_re: re.Pattern[str]
    weekdays: tuple[str, ...]
    months: dict[str, int]


@cache
def lexicon() -> Lexicon:
    """The tables, loaded and compiled on first use."""
    lex = json.loads(_read("lexicon.json"))
    zones = json.loads(_read("zones.json"))
    parties = json.loads(_read("parties.json"))

    cities: dict[str, City] = {}
    city_names: list[str] = []
    for line in _read("cities.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        city = City(cols[0], cols[1], cols[2])
        for alias in [cols[0], *(cols[3].split(";") if len(cols) > 3 and cols[3] else [])]:
            cities[alias.lower()] = city
            city_names.append(alias)

    names: dict[str, str] = {}
    metonyms: dict[str, str] = {}
    metonym_names: list[str] = []
    for canon, entry in parties["countries"].items():
        for n in entry["names"]:
            names[n.lower()] = canon
        for m in entry["metonyms"]:
            metonyms[m.lower()] = canon
            metonym_names.append(m)
    for canon, aliases in parties["organisations"].items():
        for n in aliases:
            names[n.lower()] = canon

    titles = tuple(t.strip() for t in _read("titles.txt").splitlines() if t.strip() and not t.lstrip().startswith("#"))
    # function words inside multi-word titles ("Secretary of State") are not titles on their own
    title_words = frozenset(w.lower().rstrip(".") for t in titles for w in t.split()) - {
        "of",
        "the",
        "state",
        "staff",
        "u.s",
        "general-",
        "house",
    }

    # case-sensitive for short all-caps aliases ("US", "UN", "EU") so "us"/"un" never match
    party_re = re.compile(
        "|".join(
            rf"(?<![\w'’]){re.escape(a).replace(chr(92) + ' ', chr(92) + 's+')}(?![\w]|\.\w)"
            if a.isupper() or "." in a
            else rf"(?i:(?<![\w'’]){re.escape(a).replace(chr(92) + ' ', chr(92) + 's+')}(?![\w]))"
            for a in sorted(
                {n for canon, e in parties["countries"].items() for n in e["names"]}
                | {n for al in parties["organisations"].values() for n in al},
                key=len,
                reverse=True,
            )
        )
    )

    status = {k: _phrase_regex(v) for k, v in lex["status_cues"].items()}
    pc = lex["participant_cues"]
    return Lexicon(
        raw=lex,
        cities=cities,
        city_re=_phrase_regex(city_names, flags=0),
        zones_fixed={k.upper(): int(v) for k, v in zones["fixed"].items()},
        zones_dynamic={k.upper(): v for k, v in zones["dynamic"].items()},
        party_names=names,
        party_metonyms=metonyms,
        party_re=party_re,
        metonym_re=_phrase_regex(metonym_names, flags=0),
        titles=titles,
        title_words=title_words,
        event_nouns=lex["event_nouns"],
        event_verbs=lex["event_verbs"],
        trigger_re=_phrase_regex(list(lex["event_nouns"]) + list(lex["event_verbs"])),
        status_res=status,
        future_re=_phrase_regex(lex["future_cues"]),
        hypothetical_re=_phrase_regex([c.strip() for c in lex["hypothetical_cues"]]),
        speech_re=_phrase_regex(lex["speech_verbs"]),
        head_re=_phrase_regex(pc["head"]),
        member_re=_phrase_regex(pc["member"]),
        expectation_re=_phrase_regex(lex["expectation_cues"]),
        strong_expectation_re=_phrase_regex(lex["strong_expectation_cues"]),
        position_re=_phrase_regex(lex["position_verbs"]),
        non_event_time_re=_phrase_regex(lex["non_event_time_cues"]),
        venue_heads=frozenset(lex["venue_heads"]),
        venue_standalone_re=_phrase_regex(lex["venue_standalone"], flags=0),
        weekdays=tuple(lex["weekdays"]),
        months=dict(lex["months"]),
    )
