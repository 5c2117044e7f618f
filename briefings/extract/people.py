"""Stage 4: people and roles. Named people with the title or appositive that introduces them,
their affiliation when the text gives it, and surname coreference across the article."""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from importlib import resources

from briefings.extract import fastre
from briefings.extract.lexicon import Figure, city_index, figure_on, figures, lexicon, metonym_index, party_index

_TOKEN = fastre.compile(r"[A-Za-z\u00C0-\u024F][\w'’.\u00C0-\u024F-]*|\d+|[^\w\s]")
_PARTICLES = frozenset({"bin", "bint", "ibn", "al", "el", "de", "da", "van", "von", "der", "la", "le", "abu", "du"})
_STOP_LEFT = frozenset(
    [
        "between",
        "among",
        "the",
        "a",
        "an",
        "by",
        "with",
        "and",
        "or",
        "to",
        "for",
        "from",
        "that",
        "will",
        "would",
        "said",
        "says",
        "told",
        "as",
        "at",
        "in",
        "on",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "who",
        "which",
        "when",
        "while",
        "after",
        "before",
        "than",
        "but",
        "if",
        "of'",
        "its",
        "their",
        "his",
        "her",
        "led",
        "headed",
        "includes",
        "include",
        "including",
        "meet",
        "met",
        "meets",
        "meeting",
        "represent",
        "attend",
        "join",
        "joined",
    ]
)
_MODIFIERS = frozenset(
    [
        "deputy",
        "special",
        "senior",
        "acting",
        "former",
        "top",
        "chief",
        "lead",
        "foreign",
        "defence",
        "defense",
        "interior",
        "finance",
        "trade",
        "presidential",
        "national",
        "vice",
        "assistant",
        "under",
        "executive",
        "permanent",
    ]
)
_VERB_LEFT = fastre.compile(r"[a-z]+ed|(?:thank|urge|praise|visit|host|call|welcome|invite|greet|phone|receive)s")
_SPEECH_AFTER = fastre.compile(
    r"^\s*(?:,\s*[^,]{1,80},\s*)?(?:said|says|told|added|wrote|noted|stated|insisted|warned)\b"
)
# ", which groups the parties ...": a relative clause, no role
_FINITE = fastre.compile(r"\b(?:will|would|shall|has|have|had|is|are|was|were)\b")
_APPOSITIVE = fastre.compile(
    r"^\s*,(?!\s*(?:which|that|who|whose|where|when)\b)\s*(?:(?:the|a|an)\s+)?(?P<role>[^,.;()]{3,90}?)"
    # ", the former special counsel who spent 22 months ...": the role ends where a relative clause starts
    r"\s*(?:[,.;)]|$|\s(?=(?:who|which|whose)\s))"
)


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named in a sentence."""

    start: int
    end: int
    name: str
    role: str | None = None
    affiliation: str | None = None
    possessive: bool = False

    @property
    def surname(self) -> str:
        """The last word of the name, used for coreference."""
        return self.name.split()[-1]


@cache
def _nonnames() -> frozenset[str]:
    text = resources.files("briefings.data").joinpath("nonnames.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


# title words that only qualify a title ("first", "peace", "trade"): "their first face-to-face talks" names no office
_QUALIFIERS = frozenset(
    [
        "first",
        "home",
        "field",
        "high",
        "peace",
        "national",
        "security",
        "trade",
        "energy",
        "lead",
        "war",
        "council",
        "commerce",
        "finance",
        "foreign",
        "interior",
        "senior",
        "special",
        "press",
        "supreme",
        "crown",
        "executive",
        "deputy",
        "vice",
        "defence",
        "defense",
        "opposition",
        "presidential",
        "kremlin",
        "treasury",
    ]
)


def _names_office(words: list[str]) -> bool:
    """True when a phrase holds a title that names an office ("the foreign minister"), not only a qualifier."""
    return any(_is_title_word(w) and w.lower() not in _QUALIFIERS for w in words)


def _is_title_word(word: str) -> bool:
    low = word.lower().rstrip(".").rstrip("'s").rstrip("’s")
    if low in lexicon().title_words:
        return True
    # "Minister-elect", "Then-president", "Vice-President": a title joined to a word that qualifies it
    return "-" in low and any(part in lexicon().title_words and part not in _QUALIFIERS for part in low.split("-"))


@lru_cache(maxsize=65536)
def _name_token(tok: str) -> bool:
    lex = lexicon()
    bare = tok.rstrip(".").removesuffix("'s").removesuffix("’s")
    if re.match(r"(?:al|el|ad|as|bin|ben)-[A-Z]", bare):
        bare = bare.split("-", 1)[1]  # "al-Hayya"
    if not bare or not bare[0].isupper() or bare in _nonnames() or tok in _nonnames():
        return False
    if re.search(r"-(?:born|based|led|backed|brokered|made|owned|run|style|era|bound|allied|funded)$", bare, re.I):
        return False  # "the first U.S.-born pope": a description, not a name
    if bare in lex.venue_heads:
        return False
    low = bare.lower()
    short_caps_alias = len(bare) <= 3 and bare != bare.upper()  # "Un" in "Kim Jong Un" is not the UN
    if (low in lex.party_names and not short_caps_alias) or low in lex.party_metonyms or low in lex.cities:
        return False
    if _is_title_word(bare):
        return False
    return not (bare.isupper() and len(bare) > 1 and not re.fullmatch(r"[A-Z]\.?", bare))


def affiliation_in(text: str, last: bool = False) -> str | None:
    """The first (or, with ``last``, the nearest to the end) side that ``text`` names."""
    hits = sorted(party_index().finditer(text) + metonym_index().finditer(text))
    if not hits:
        return None
    return hits[-1][3] if last else hits[0][3]


class KnownPeople(dict[str, PersonMention]):
    """Surname -> first full mention, once the whole article has been read; remembers answers per text."""

    def __init__(self, people: dict[str, PersonMention]) -> None:
        super().__init__(people)
        self.memo: dict[str, list[PersonMention]] = {}


def find_people(text: str, known: dict[str, PersonMention] | None = None) -> list[PersonMention]:
    """Named people in ``text``; ``known`` (surname -> earlier mention) resolves bare surnames."""
    if isinstance(known, KnownPeople):
        hit = known.memo.get(text)
        if hit is None:
            hit = known.memo[text] = _find_people(text, known)
        return list(hit)
    return _find_people(text, known or {})


def _starts_city(text: str, start: int, end: int) -> bool:
    """ "Dar es Salaam": a surname of the gazetteer that is only the first word of a city's name."""
    return any(a == 0 and b > end - start for a, b, _w, _n in city_index().finditer(text[start : start + 40]))


def _city_first_name(toks: list[str], k: int) -> bool:
    """ "President Santiago Pena", "Commissioner Florence Mwangi": a first name that is also a city, right after a
    title and before a name."""
    return (
        0 < k < len(toks) - 1
        and toks[k].lower() in lexicon().cities
        and _is_title_word(toks[k - 1])
        and _name_token(toks[k + 1])
    )


# the day of the article being read: a figure's office is the one held then ("Mark Rutte" in 2023 is the Dutch
# prime minister, not NATO's secretary general); set by the extractor for the length of one article
ARTICLE_DAY: ContextVar[date | None] = ContextVar("article_day", default=None)


def _figure(name: str) -> Figure | None:
    fig = figures().get(name)
    if fig is None and "l-" in name:
        # "Abdel Fattah el-Sisi" is the table's "al-Sisi": outlets transliterate the article both ways
        fig = figures().get(_ARTICLE.sub(lambda a: "al-" if a.group(0) == "el-" else "el-", name))
    return figure_on(fig, ARTICLE_DAY.get()) if fig is not None else None


_ARTICLE = re.compile(r"(?<![\w-])[ae]l-")


_OWNER_BEFORE = fastre.compile(r"\b([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)['’]s\s+$")


def _find_people(text: str, known: dict[str, PersonMention]) -> list[PersonMention]:
    toks = _TOKEN.findall(text)
    out: list[PersonMention] = []
    # a name word starts with a capital, or with "al-" and a capital ("al-Hayya"): a cheap test before the full one
    firsts = [
        k
        for k, t in enumerate(toks)
        if (t[0].isupper() or t.startswith(_NAME_PREFIXES))
        and (
            _name_token(t)
            or _family_then_name(toks, k)
            or (t in known and t in lexicon().family_first)
            or _city_first_name(toks, k)
        )
    ]
    if not firsts:
        return out  # most clauses name nobody: no need for the tokens' places
    places = list(_TOKEN.finditer(text))
    i = 0
    for i0 in firsts:
        if i0 < i:
            continue  # part of the name before
        i = j = i0
        while j + 1 < len(toks) and (
            _name_token(toks[j + 1])
            or _particles_then_name(toks, j + 1)
            # "Hassan Sheikh Mohamud": the honorific inside a name, between two of its words
            or (toks[j + 1] == "Sheikh" and j + 2 < len(toks) and _name_token(toks[j + 2]))
            # "Vice Premier Liu He": a given name spelt like a pronoun, after a family name and inside a sentence
            or (toks[j + 1] == "He" and toks[j] in lexicon().family_first)
            # "King Charles III", "Pope Leo XIV": the regnal number is part of the name
            or _REGNAL.fullmatch(toks[j + 1]) is not None
            or _title_surname(toks, j + 1)
        ):
            if toks[j].endswith(("'s", "’s")):
                break
            j += 1
            if _REGNAL.fullmatch(toks[j]):
                break  # nothing follows the number in a name
        words = toks[i : j + 1]
        start, end = places[i].start(), places[j].end()
        if words[-1].endswith(".") and len(words[-1]) > 2:
            words[-1] = words[-1].rstrip(".")
            end -= 1
        possessive = words[-1].endswith(("'s", "’s"))
        if possessive:
            words[-1] = words[-1][:-2]
            end -= 2
        name = " ".join(w for w in words)
        i = j + 1
        if _PARTY_AFTER.match(text, end) or _VENUE_AFTER.match(text, end):
            # "Move Forward Party leader Pita", "the Justus Lipsius building": a party's or a venue's name
            continue
        if all(w.lower() in _party_words() for w in words) and any(
            a <= start and end <= b for a, b, _w, _c in party_index().finditer(text)
        ):
            continue  # "Technical and Economic Cooperation" inside the name of BIMSTEC is nobody
        if len(words) == 1:
            prev = known.get(words[0])
            fig = _figure(words[0])
            if prev is not None:
                out.append(replace(prev, start=start, end=end, possessive=possessive))
            elif fig is not None and not _starts_city(text, start, end):
                out.append(PersonMention(start, end, fig.name, fig.role, fig.affiliation, possessive))
            elif "-" in words[0] and (role1 := _left_role(text[:start])) and _names_office(role1.split()):
                # a one-word name with a title: "Dutch King Willem-Alexander"
                out.append(PersonMention(start, end, words[0], role1, affiliation_in(role1), possessive))
            continue
        # "Tamim bin Hamad Al Thani" is four name words and their particles
        if sum(w.lower() not in _PARTICLES for w in words) > 4 or name.lower() in lexicon().cities:
            continue  # "San Francisco" is a city, whatever follows it
        if _OF_BEFORE.search(text, max(0, start - 5), start) and not figures().get(name):
            continue  # "chief executive of Boeing Commercial Airplanes": whose officer, not who
        role = _left_role(text[:start])
        if role is None:
            pre = re.search(r"(?:^|[,;(]|\b(?:and|by|with))\s*(?:the\s+|a\s+)?(?P<r>[^,;()]{3,70}),\s*$", text[:start])
            if pre and _names_office(re.findall(r"[\w.]+", pre.group("r"))):
                role = pre.group("r").strip()
        if role is None:
            app = _APPOSITIVE.match(text[end:])
            # "on Paseo de la Reforma, Senate President X said": the words after the comma are another speaker
            if (
                app
                and not lexicon().speech_re.search(app.group("role"))
                # "Dismissed Bamban, Tarlac mayor Alice Guo will be brought before the Senate": a clause, not a title
                and not _FINITE.search(app.group("role"))
                and _names_office(re.findall(r"[\w.]+", app.group("role")))
            ):
                role = app.group("role").strip()
        surname = words[-1]
        fig = (
            _figure(name)
            # "Seyyed Ebrahim Raisi", "Sheikh Tamim bin Hamad": an honorific before the name the table knows
            or (_figure(" ".join(words[-2:])) if len(words) >= 3 else None)
            or (_figure(surname) if surname in known or role is None else None)
        )
        if fig is not None and _ARTICLE.sub("al-", fig.name.split()[-1]) != _ARTICLE.sub("al-", surname):
            fig = None
        if role is None and surname in known:
            prev = known[surname]
            out.append(replace(prev, start=start, end=end, possessive=possessive))
            continue
        owner = _OWNER_BEFORE.search(text, max(0, start - 40), start) if role is None and fig is None else None
        country = lexicon().party_names.get(owner.group(1).lower()) if owner else None
        if country is not None:
            # "Argentina's Alberto Fernandez, Chile's Gabriel Boric": a country's own, named as its leader
            out.append(PersonMention(start, end, name, None, country, possessive))
            continue
        if (
            role is None
            and fig is None
            and not _SPEECH_AFTER.match(text[end:])
            and not re.search(
                r"\b(?:by|with|and|between|meet|met|meets|envoy|aide|host|hosts|join|joins|joined|welcome|welcomes|greet|greets)\s+$",
                text[:start],
            )
        ):
            continue
        affiliation = affiliation_in(role) if role else None
        if fig is not None:
            role = role or fig.role
            affiliation = affiliation or fig.affiliation
        out.append(PersonMention(start, end, name, role, affiliation, possessive))
    return out


@cache
def _party_words() -> frozenset[str]:
    """Words of the parties' names ("st", "vincent", "economic", "cooperation"): a name made only of these may be
    part of one."""
    return frozenset(w for alias in lexicon().party_names for w in alias.split())


def _family_then_name(toks: list[str], k: int) -> bool:
    """ "Park Jin": a family name that is also a venue word ("Park") starts a name when a name word follows."""
    return toks[k] in lexicon().family_first and k + 1 < len(toks) and _name_token(toks[k + 1])


def _title_surname(toks: list[str], k: int) -> bool:
    """ "Stephanie Pope, chief executive": a one-word title after a name, with no name after it, is a surname."""
    return (
        toks[k] in _SURNAME_TITLES
        and _name_token(toks[k - 1])
        and (k + 1 == len(toks) or not toks[k + 1][:1].isupper())
    )


def _particles_then_name(toks: list[str], k: int) -> bool:
    """True when tokens from ``k`` are name particles ("von der") followed by a name word."""
    n = k
    while n < len(toks) and toks[n].lower().rstrip("-") in _PARTICLES:
        n += 1
    return n > k and n < len(toks) and _name_token(toks[n])


_REGNAL = fastre.compile(r"(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)(?:['’]s)?")
_SURNAME_TITLES = frozenset({"Pope", "King", "Prince", "Judge", "Bishop"})
_OF_BEFORE = fastre.compile(r"\bof\s+$")
_PARTY_AFTER = fastre.compile(r"\s+Party\b")
_VENUE_AFTER = fastre.compile(
    r"\s+(?:building|palace|hotel|centre|center|hall|headquarters|residence|complex|stadium|airport)\b", re.I
)
_NAME_PREFIXES = ("al-", "el-", "ad-", "as-", "bin-", "ben-")


def _left_role(before: str) -> str | None:
    """The title phrase right before a name: "Kremlin aide", "US State Department's director of policy planning"."""
    toks = re.findall(r"[\w'’.\-]+|[^\w\s]", before[-160:])
    picked: list[str] = []
    for tok in reversed(toks):
        if not re.match(r"[\w]", tok) or tok.lower() in _STOP_LEFT or len(picked) >= 9:
            break
        if tok[0].islower() and _VERB_LEFT.fullmatch(tok) and not _is_title_word(tok) and tok not in _MODIFIERS:
            break  # "The Indian leader praised Russian President Putin": the title starts after the verb
        picked.append(tok)
    picked.reverse()
    while picked and picked[-1].lower() == "of":
        picked.pop()
    # "will host Azerbaijan's President": leading verbs are not part of the title
    while picked and picked[0][0].islower() and not _is_title_word(picked[0]) and picked[0].lower() not in _MODIFIERS:
        picked.pop(0)
    if not picked or not any(_is_title_word(w) for w in picked):
        return None
    # the title must be close to the name: at most an "of ..." phrase between them
    last_title = max(k for k, w in enumerate(picked) if _is_title_word(w))
    between = picked[last_title + 1 :]
    if between and (between[0].lower() != "of" or len(between) > 4):
        return None
    return " ".join(picked)
