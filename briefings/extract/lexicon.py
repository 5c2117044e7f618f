"""Loads the extractor's vocabulary tables from ``briefings/data`` once, into lookup structures."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from briefings.extract import fastre


@dataclass(frozen=True, slots=True)
class City:
    """A gazetteer entry: the city's display name, IANA zone and country."""

    name: str
    zone: str
    country: str
    region: bool = False  # a state or region ("Alaska"): it contains cities, it does not rule them out


def _read(name: str) -> str:
    return resources.files("briefings.data").joinpath(name).read_text(encoding="utf-8")


_WORD_RUN = re.compile(r"[\w-]+")
_WORDS: dict[str, frozenset[str]] = {}
_SHORT = 80  # below this many characters a search is cheaper than building the text's word set


def _words(text: str) -> frozenset[str]:
    """The lower-case word runs of an ASCII ``text``, shared by every phrase regex that looks at it."""
    hit = _WORDS.get(text)
    if hit is None:
        if len(_WORDS) > 4096:
            _WORDS.clear()
        hit = _WORDS[text] = frozenset(_WORD_RUN.findall(text.lower()))
    return hit


class PhraseRegex:
    """A phrase alternation that first asks whether the text holds, for some phrase, that phrase's longest word.

    Most sentences hold none of a table's key words, and a set lookup rules them out far faster than the regex
    engine can. A match starts and ends on word boundaries (the pattern's lookarounds see to it), so each word of
    the matched phrase is a word run of the text, and the answer is the same.
    """

    __slots__ = ("keys", "regex")

    def __init__(self, regex: re.Pattern[str], keys: frozenset[str] | None) -> None:
        self.regex = regex
        self.keys = keys  # None: no shortcut (a phrase with no word, or not in ASCII)

    def _cannot(self, text: str, endpos: int | None) -> bool:
        # a search cut short at endpos may match the start of a longer word: only whole texts take the shortcut
        if self.keys is None or endpos is not None or len(text) < _SHORT or not text.isascii():
            return False
        return self.keys.isdisjoint(_words(text))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """As ``re.Pattern.search``."""
        if self._cannot(text, endpos):
            return None
        return self.regex.search(text, pos) if endpos is None else self.regex.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """As ``re.Pattern.match``."""
        if self._cannot(text, endpos):
            return None
        return self.regex.match(text, pos) if endpos is None else self.regex.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """As ``re.Pattern.fullmatch``."""
        if self._cannot(text, endpos):
            return None
        return self.regex.fullmatch(text, pos) if endpos is None else self.regex.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """As ``re.Pattern.finditer``."""
        if self._cannot(text, endpos):
            return iter(())
        return self.regex.finditer(text, pos) if endpos is None else self.regex.finditer(text, pos, endpos)


def phrase_regex(phrases: list[str], flags: int = re.IGNORECASE) -> PhraseRegex:
    """One alternation over ``phrases`` on word boundaries, the longest phrase that fits winning.

    The alternation is laid out as a trie ("meet(?:ing|s)?" rather than "meeting|meets|meet"): the regex engine
    tries alternatives one by one at every position, so shared prefixes make these searches about 4x faster.
    """
    fold = (lambda t: t.lower()) if flags & re.IGNORECASE else (lambda t: t)
    trie: dict[str, Any] = {}
    for phrase in {fold(" ".join(p.split())) for p in phrases if p.strip()}:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    regex = fastre.compile(rf"(?<![\w'’-])(?:{_trie_regex(trie)})(?![\w-])", flags)
    # every word of a phrase is a word of any text it matches in: ask for the longest, the rarest in practice
    keys = {max(_WORD_RUN.findall(p.lower()), key=len, default="") for p in _flat(phrases)}
    usable = all(keys) and all(p.isascii() for p in _flat(phrases))
    return PhraseRegex(regex, frozenset(keys) if usable else None)


def _flat(phrases: list[str]) -> list[str]:
    return [" ".join(p.split()) for p in phrases if p.strip()]


def _trie_regex(node: dict[str, Any]) -> str:
    """A trie as a regex body; greedy optional tails keep the longest phrase first, as the lookahead demands."""
    alts = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(sub) for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


@dataclass(frozen=True)
class Lexicon:
    """Every table the stages use, pre-compiled."""

    raw: dict[str, Any]
    cities: dict[str, City]  # lower-case name or alias -> City
    zones_fixed: dict[str, int]
    zones_dynamic: dict[str, str]
    party_names: dict[str, str]  # lower-case alias -> canonical (countries' names and organisations)
    party_metonyms: dict[str, str]  # lower-case capital/seat -> canonical
    titles: tuple[str, ...]
    title_words: frozenset[str]
    event_nouns: dict[str, str]
    event_verbs: dict[str, str]
    trigger_re: PhraseRegex
    status_res: dict[str, PhraseRegex]
    future_re: PhraseRegex
    hypothetical_re: PhraseRegex
    speech_re: PhraseRegex
    head_re: PhraseRegex
    member_re: PhraseRegex
    expectation_re: PhraseRegex
    strong_expectation_re: PhraseRegex
    position_re: PhraseRegex
    non_event_time_re: PhraseRegex
    venue_heads: frozenset[str]
    family_first: frozenset[str]
    venue_standalone_re: PhraseRegex
    weekdays: tuple[str, ...]
    months: dict[str, int]
    topic_re: PhraseRegex
    place_noun_re: PhraseRegex
    side_noun_re: PhraseRegex
    thing_noun_re: PhraseRegex
    mediator_re: re.Pattern[str]
    head_after_re: PhraseRegex
    member_after_re: PhraseRegex


@cache
def lexicon() -> Lexicon:
    """The tables, loaded and compiled on first use."""
    lex = json.loads(_read("lexicon.json"))
    zones = json.loads(_read("zones.json"))
    parties = parties_table()

    cities: dict[str, City] = {}
    city_names: list[str] = []
    for line in _read("cities.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        city = City(cols[0], cols[1], cols[2], region=len(cols) > 4 and cols[4] == "region")
        for alias in [cols[0], *(cols[3].split(";") if len(cols) > 3 and cols[3] else [])]:
            cities[alias.lower()] = city
            # the city index answers with the plain spelling ("Geneve" for "Genève"): both must find the city
            cities.setdefault(_plain(alias).lower(), city)
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
        for n in _both_spellings(aliases):
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

    status = {k: phrase_regex(v) for k, v in lex["status_cues"].items()}
    pc = lex["participant_cues"]
    return Lexicon(
        raw=lex,
        cities=cities,
        zones_fixed={k.upper(): int(v) for k, v in zones["fixed"].items()},
        zones_dynamic={k.upper(): v for k, v in zones["dynamic"].items()},
        party_names=names,
        party_metonyms=metonyms,
        titles=titles,
        title_words=title_words,
        event_nouns=lex["event_nouns"],
        event_verbs=lex["event_verbs"],
        trigger_re=phrase_regex(list(lex["event_nouns"]) + list(lex["event_verbs"])),
        status_res=status,
        future_re=phrase_regex(lex["future_cues"]),
        hypothetical_re=phrase_regex([c.strip() for c in lex["hypothetical_cues"]]),
        speech_re=phrase_regex(lex["speech_verbs"]),
        head_re=phrase_regex(pc["head"]),
        member_re=phrase_regex(pc["member"]),
        expectation_re=phrase_regex(lex["expectation_cues"]),
        strong_expectation_re=phrase_regex(lex["strong_expectation_cues"]),
        position_re=phrase_regex(lex["position_verbs"]),
        non_event_time_re=phrase_regex(lex["non_event_time_cues"]),
        venue_heads=frozenset(lex["venue_heads"]),
        family_first=frozenset(lex["family_first_names"]),
        venue_standalone_re=phrase_regex(lex["venue_standalone"], flags=0),
        weekdays=tuple(lex["weekdays"]),
        months=dict(lex["months"]),
        topic_re=phrase_regex(lex["topic_cues"]),
        place_noun_re=phrase_regex(lex["place_nouns"]),
        side_noun_re=phrase_regex(lex["side_nouns"]),
        thing_noun_re=phrase_regex(lex["thing_nouns"]),
        mediator_re=fastre.compile(
            "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(lex["mediator_cues"], key=len, reverse=True)),
            re.I,
        ),
        head_after_re=phrase_regex(lex["participant_after_cues"]["head"]),
        member_after_re=phrase_regex(lex["participant_after_cues"]["member"]),
    )


_TOKEN = fastre.compile(r"[^\s,;:()\[\]\"“”!?/\-–—]+")


def _plain(text: str) -> str:
    """Without accents: "Brasília", "Genève" and "Türkiye" match their plain spellings."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


_Tokens = tuple[list[re.Match[str]], list[str], list[str]]
_TOKENS: dict[str, _Tokens] = {}
_FOLDED: dict[str, tuple[str, str]] = {}


def _fold_word(raw: str) -> tuple[str, str]:
    """A token without its final stop, possessive or accents: (as written, lower-case); words repeat, so memoised."""
    hit = _FOLDED.get(raw)
    if hit is None:
        word = _plain(raw.rstrip(".").removesuffix("'s").removesuffix("’s").rstrip("'’"))
        if len(_FOLDED) > 65536:
            _FOLDED.clear()
        hit = _FOLDED[raw] = (word, word.lower())
    return hit


def _tokens(text: str) -> _Tokens:
    """Tokens of ``text`` with their folded forms (as written, lower-case), shared by every phrase index."""
    hit = _TOKENS.get(text)
    if hit is None:
        toks = list(_TOKEN.finditer(text))
        folded = [_FOLDED.get(w) or _fold_word(w) for w in _TOKEN.findall(text)]
        if len(_TOKENS) > 4096:
            _TOKENS.clear()
        hit = _TOKENS[text] = (toks, [f[0] for f in folded], [f[1] for f in folded])
    return hit


_UNSEEN: Any = object()


class PhraseIndex:
    """Finds known phrases (up to five words) by looking token n-grams up in a dict.

    Much faster than one regex alternation over hundreds of names. Aliases written in capitals
    ("US", "UN", "EU") match only in capitals, so "us" and "un" never do.
    """

    def __init__(self, phrases: dict[str, str], case_sensitive: bool = False) -> None:
        self._map: dict[str, tuple[str, str]] = {}
        self._case = case_sensitive
        for phrase, value in phrases.items():
            key = _plain(" ".join(phrase.split()))
            self._map[key if case_sensitive else key.lower()] = (phrase, value)
        # in tokens, not words: "Multi-Sectoral" is three tokens
        self._max = max((len(_TOKEN.findall(k)) + 1 for k in self._map), default=1)
        # first words of every phrase: most tokens start no phrase and are skipped at once
        # (in tokens too: "Timor-Leste" starts with the token "Timor")
        self._first = {self._fold(_TOKEN.findall(k)[0]) for k in self._map if _TOKEN.findall(k)}
        # how many tokens the phrases starting with each word have: in ASCII text a span of n tokens becomes a
        # key of n tokens, or n - 1 when its last token is a lone "'s" or "." that is cut, so only those n are tried
        lengths: dict[str, set[int]] = {}
        for k in self._map:
            toks = _TOKEN.findall(k)
            if toks:
                lengths.setdefault(self._fold(toks[0]), set()).update((len(toks), len(toks) + 1))
        self._lengths: dict[str, frozenset[int]] | None = {f: frozenset(n) for f, n in lengths.items()}
        # in any text, no phrase is longer than the longest one that starts with the same word (plus a cut token)
        self._longest: dict[str, int] = {f: max(n) + 1 for f, n in lengths.items()}
        self._cache: dict[str, list[tuple[int, int, str, str]]] = {}
        self._looked_up: dict[str, tuple[str, str, int] | None] = {}

    def _fold(self, word: str) -> str:
        word = _plain(word.rstrip(".").removesuffix("'s").removesuffix("’s").rstrip("'’"))
        return word if self._case else word.lower()

    def finditer(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, matched text, value) for each longest match, left to right."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        out = self._scan(text)
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[text] = out
        return out

    def _scan(self, text: str) -> list[tuple[int, int, str, str]]:
        toks, written, lower = _tokens(text)
        first = written if self._case else lower
        known = self._first
        out: list[tuple[int, int, str, str]] = []
        lengths = self._lengths if text.isascii() else None
        i = 0
        # most tokens start no phrase: visit only those that do
        for i0 in [k for k, f in enumerate(first) if f in known]:
            if i0 < i:
                continue  # inside the previous match
            i = i0
            hit = None
            sizes = lengths.get(first[i], frozenset()) if lengths is not None else None
            for n in range(min(self._longest.get(first[i], self._max), len(toks) - i), 0, -1):
                if sizes is not None and n not in sizes:
                    continue
                start = toks[i].start()
                end = toks[i + n - 1].end()
                raw = text[start:end]
                found = self._looked_up.get(raw, _UNSEEN)
                if found is _UNSEEN:
                    found = self._lookup(raw)
                if found is not None:
                    key, value, cut = found
                    hit = (start, end - cut, key, value, n)
                    break
            if hit:
                out.append(hit[:4])
                i += hit[4]
            else:
                i += 1
        return out

    def _lookup(self, raw: str) -> tuple[str, str, int] | None:
        """(phrase as written, value, characters cut from the end) when ``raw`` is a known phrase."""
        found: tuple[str, str, int] | None = None
        for cand, cut in self._variants(raw):
            key = _plain(" ".join(cand.split()))
            entry = self._map.get(key if self._case else key.lower())
            if entry is None:
                continue
            alias = entry[0]
            if (alias.isupper() or "." in alias) and key.replace(" ", "") != alias.replace(" ", ""):
                continue
            if not self._case and not key[0].isupper():
                continue
            found = (key, entry[1], cut)
            break
        # the same spans come back in every clause and prefix of a sentence: remember the answer
        if len(self._looked_up) > 65536:
            self._looked_up.clear()
        self._looked_up[raw] = found
        return found

    @staticmethod
    def _variants(raw: str) -> list[tuple[str, int]]:
        """The token as written, without a possessive, and without a final full stop."""
        out = [(raw, 0)]
        for suffix in ("'s", "’s", "'", "’", "."):
            if raw.endswith(suffix):
                out.append((raw[: -len(suffix)], len(suffix)))
        if raw.endswith(("'s.", "’s.")):
            out.append((raw[:-3], 3))
        return out


def clear_caches() -> None:
    """Forget per-text results (benchmarks call this so repeated texts are not free)."""
    from briefings.extract.clauses import _clauses  # clauses and events import this module
    from briefings.extract.events import _triggers

    for index in (party_index(), metonym_index(), city_index()):
        index._cache.clear()
        index._looked_up.clear()
    _TOKENS.clear()
    _FOLDED.clear()
    _WORDS.clear()
    _clauses.cache_clear()
    _triggers.cache_clear()


@cache
def party_index() -> PhraseIndex:
    """Country names, adjectives and organisations -> canonical party."""
    lex = lexicon()
    return PhraseIndex({_orig: canon for _orig, canon in _original_party_names().items()} or lex.party_names)


@cache
def parties_table() -> dict[str, Any]:
    """parties.json, read once: countries, organisations, blocs and parliaments (read only)."""
    return dict(json.loads(_read("parties.json")))


@cache
def capitals() -> dict[str, City]:
    """Country -> its capital: the first of its seats of power that the gazetteer knows as a city."""
    cities = lexicon().cities
    out: dict[str, City] = {}
    for country, entry in parties_table()["countries"].items():
        city = next((cities[m.lower()] for m in entry["metonyms"] if m.lower() in cities), None)
        if city is not None and city.country == country:
            out[country] = city
    return out


@cache
def chamber_countries() -> dict[str, str]:
    """A parliament or congress -> the country it belongs to: a vote there is that country's too."""
    return dict(parties_table().get("chamber_countries", {}))


@cache
def central_banks() -> dict[str, str]:
    """A central bank -> its country. The bank meets as itself: its country is not at the table."""
    return dict(parties_table().get("central_banks", {}))


@cache
def metonym_index() -> PhraseIndex:
    """Capitals and seats of power -> canonical party (case-sensitive)."""
    parties = parties_table()
    return PhraseIndex({m: c for c, e in parties["countries"].items() for m in e["metonyms"]}, case_sensitive=True)


@cache
def city_index() -> PhraseIndex:
    """Gazetteer city names and aliases -> display name (case-sensitive)."""
    out: dict[str, str] = {}
    for line in _read("cities.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        for alias in [cols[0], *(cols[3].split(";") if len(cols) > 3 and cols[3] else [])]:
            out[alias] = cols[0]
    return PhraseIndex(out, case_sensitive=True)


def _original_party_names() -> dict[str, str]:
    parties = parties_table()
    out = {n: c for c, e in parties["countries"].items() for n in e["names"]}
    out.update({n: c for c, al in parties["organisations"].items() for n in _both_spellings(al)})
    return out


def _both_spellings(names: list[str]) -> list[str]:
    """Each name, and its British or American twin: "World Trade Organization" and "World Trade Organisation"."""
    twins = [n.replace("Organization", "Organisation") for n in names] + [
        n.replace("Organisation", "Organization") for n in names
    ]
    return list(dict.fromkeys(names + twins))


@dataclass(frozen=True, slots=True)
class Figure:
    """A public figure from the gazetteer: full name, side and usual role, and the days the role was held."""

    name: str
    affiliation: str
    role: str
    start: date | None = None
    end: date | None = None

    def held_on(self, day: date) -> bool:
        """Whether the role was held on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def _day(cols: list[str], k: int) -> date | None:
    return date.fromisoformat(cols[k]) if len(cols) > k and cols[k] else None


@cache
def _figure_rows() -> tuple[tuple[str, Figure, tuple[str, ...]], ...]:
    """Every row of people.tsv and leaders.tsv, read once: its table, the figure and the other names it goes by."""
    rows: list[tuple[str, Figure, tuple[str, ...]]] = []
    for table in ("people.tsv", "leaders.tsv"):
        for line in _read(table).splitlines():
            if line.strip() and not line.startswith("#"):
                cols = line.split("\t")
                aliases = tuple(cols[3].split(";")) if len(cols) > 3 and cols[3] else ()
                rows.append((table, Figure(cols[0], cols[1], cols[2], _day(cols, 4), _day(cols, 5)), aliases))
    return tuple(rows)


@cache
def _offices() -> dict[str, list[Figure]]:
    """Figures with more than one office over the years ("Mark Rutte": Dutch Prime Minister, then NATO Secretary
    General), each office with its first and last day."""
    out: dict[str, list[Figure]] = {}
    for _table, fig, _aliases in _figure_rows():
        out.setdefault(fig.name, []).append(fig)
    return {name: figs for name, figs in out.items() if len(figs) > 1}


def figure_on(fig: Figure, day: date | None) -> Figure:
    """The office ``fig`` held on ``day`` where the tables list several; ``fig`` itself otherwise."""
    if day is None:
        return fig
    return next((f for f in _offices().get(fig.name, ()) if f.held_on(day)), fig)


@cache
def figures() -> dict[str, Figure]:
    """Public figures by full name and by surname (a surname shared by two figures is left out); for a figure with
    several offices, the latest (``figure_on`` gives the one held on a given day)."""
    by_name: dict[str, Figure] = {}
    surnamed: dict[str, Figure] = {}  # people.tsv's figures by full name: they alone are known by surname
    for table, fig, aliases in _figure_rows():
        name = fig.name
        if name in by_name and (by_name[name].start or date.min) > (fig.start or date.min):
            continue  # an earlier office of a figure already listed
        by_name[name] = fig
        for alias in aliases:
            by_name[alias] = fig  # "Xi" for Xi Jinping: family names that come first
        if table == "people.tsv":
            surnamed[name] = fig
    by_surname: dict[str, list[Figure]] = {}
    for fig in surnamed.values():
        by_surname.setdefault(fig.name.split()[-1], []).append(fig)
    out = dict(by_name)
    for surname, figs in by_surname.items():
        if len({f.affiliation for f in figs}) == 1 and surname not in out:
            out[surname] = figs[0]
    return out
