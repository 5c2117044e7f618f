"""Stage 5: parties. Countries and organisations named by name, adjective or (in a list of sides) capital."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from briefings.extract import fastre
from briefings.extract.lexicon import (
    central_banks,
    chamber_countries,
    lexicon,
    metonym_index,
    parties_table,
    party_index,
)


@dataclass(frozen=True, slots=True)
class PartyMention:
    """A side named in the text."""

    start: int
    end: int
    canonical: str
    text: str
    metonym: bool = False


_COMMITTEE = fastre.compile(
    r"\b(?P<name>(?:House|Senate)(?:\s+(?:[A-Z][\w-]*|and|of)){1,5}\s+(?:Committee|Subcommittee)"
    r"(?:\s+on\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?)"
)
# a country that backs, funds or houses something else ("brokered", "led" and "hosted" stay: mediators take part)
_BACKER = fastre.compile(
    r"-(?:backed|funded|financed|supported|sponsored|aligned|allied|based|born|made|owned|armed)\b", re.I
)
_LOCATIVE = fastre.compile(
    r"\b(?:in|at|inside|near|outside|across|throughout|to|into|toward|towards)\s+(?:the\s+)?$", re.I
)
_CONTINENT_BEFORE = fastre.compile(r"\b(?:South|Latin|North|Central|Pan|Native|Meso)[\s-]$")
_SIDES = fastre.compile(r"\b(?:between|with)\b[^.;]{0,80}$", re.I)


_NAMED_BEFORE = fastre.compile(r"(?<![\w.])(?!(?:The|A|An)\s)[A-Z][\w'’-]*\s+$")
_AND_BEFORE = fastre.compile(r"(?<![\w.])([A-Z][a-z]+)\s+and\s+$")


def _another_bodys(text: str, start: int) -> bool:
    """A generic body name ("Security Council", "Senate") that a capitalised word before it makes another body's:
    "the CSTO Collective Security Council", "ECOWAS's Mediation and Security Council" (but "Russia and Security
    Council members" still names the UN's)."""
    if _NAMED_BEFORE.search(text, max(0, start - 30), start):
        return True
    joined = _AND_BEFORE.search(text, max(0, start - 30), start)
    return joined is not None and joined.group(1).lower() not in lexicon().party_names


_ABOUT_A_NUMBER = fastre.compile(
    r"(?:about|over)\s+(?:\d|a\s+dozen|dozens|scores|hundreds|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|twenty|thirty|forty|fifty|sixty)\b)",
    re.I,
)
# "Doha's West Bay district", "Beijing's Great Hall of the People": a place in the city, not its government
_PLACE_IN_CITY = fastre.compile(
    r"['’]s\s+(?:[A-Z][\w'’-]*\s+){1,3}(?i:district|square|hall|palace|hotel|airport|cent(?:re|er)|street|avenue"
    r"|quarter|area|building|bay|island|park|stadium|house)\b"
)
_ZONE_AFTER = fastre.compile(r"\s+(?:standard\s+|summer\s+|daylight\s+)?time\b")
_CENTRAL_BANK = fastre.compile(r"(?:['’]s)?\s+central\s+bank\b", re.I)


@cache
def _generic_names() -> frozenset[str]:
    return frozenset(parties_table().get("generic_names", ()))


def _owner_of(institution: str) -> str | None:
    return chamber_countries().get(institution) or central_banks().get(institution)


@cache
def _banks_of() -> dict[str, str]:
    return {country: bank for bank, country in central_banks().items()}


def find_parties(text: str) -> list[PartyMention]:
    """Every party named in ``text``: names and adjectives always, capitals only as sides.

    "in Turkey" is a place, not a side; "Moscow and Kyiv" after "between" are sides.
    """
    out: list[PartyMention] = []
    # "the Senate Banking Committee": the committee, named as written, is who holds the hearing
    committees = [(m.start("name"), m.end("name"), m.group("name")) for m in _COMMITTEE.finditer(text)]
    out += [PartyMention(a, b, " ".join(name.split()), name) for a, b, name in committees]
    hits = party_index().finditer(text)
    for k, (start, end, word, canon) in enumerate(hits):
        nxt = hits[k + 1] if k + 1 < len(hits) else None
        if nxt is not None and _owner_of(nxt[3]) == canon and text[end : nxt[0]] in (" ", "'s ", "’s "):
            continue  # "the US Federal Reserve", "Japan's Bank of Japan": the institution is the side
        if _ZONE_AFTER.match(text, end):
            continue  # "4.30pm Singapore time": a clock, not a side
        if word in _generic_names() and _another_bodys(text, start):
            continue  # "the CSTO Collective Security Council", "the Kenyan Senate": another body of that name
        bank = _CENTRAL_BANK.match(text, end)
        if bank and canon in _banks_of():
            # "Australia's central bank", "the Brazilian central bank": the bank meets, as itself
            out.append(PartyMention(start, bank.end(), _banks_of()[canon], text[start : bank.end()]))
            continue
        before = text[max(0, start - 14) : start]
        if _CONTINENT_BEFORE.search(before):
            continue  # "South American leaders", "Latin American debt": a continent's people, not the United States
        if before.lower().endswith(("pro-", "anti-", "non-", "former ", "ex-")):
            continue  # "former Nigerian President Obasanjo" mediates; Nigeria is not a side
        if _BACKER.match(text, end):
            continue  # "the Saudi-backed government", "Iran-backed Houthis": the backer is not the one at the table
        after = text[end : end + 2]
        is_adjective = word.lower() != canon.lower()
        if _LOCATIVE.search(before) and not is_adjective and not after.startswith(("'", "’")):
            continue
        out.append(PartyMention(start, end, canon, word))
        if (pair := _POINTS_BEFORE.search(text, max(0, start - 20), start)) and " " in word:
            # "South and North Korea", "North and South Korean officials": the first point takes the second's noun
            other = lexicon().party_names.get(f"{pair.group(1)} {word.split(' ', 1)[1]}".lower())
            if other is not None and other != canon:
                out.append(PartyMention(pair.start(1), pair.end(1), other, pair.group(1)))
    for start, end, word, canon in metonym_index().finditer(text):
        if any(p.start <= start < p.end for p in out) or _ZONE_AFTER.match(text, end):
            continue
        before = text[max(0, start - 100) : start]
        after = text[end : end + 12]
        in_sides = bool(_SIDES.search(before)) and not _LOCATIVE.search(before[-14:])
        # "Moscow's position" speaks for the government; "Doha's West Bay district" is a place in the city
        possessive = after.startswith(("'s", "’s")) and not _PLACE_IN_CITY.match(text, end)
        as_subject = bool(re.match(r"\s+(?:and|,)\s", after)) and not _LOCATIVE.search(before[-14:])
        seat_speaks = word in ("Kremlin", "White House", "State Department") and not _LOCATIVE.search(before[-14:])
        # "Washington and Beijing will sit down": the second of a pair of sides
        paired = any(p.metonym and re.fullmatch(r"\s*(?:,|and|,\s*and)\s+", text[p.end : start]) for p in out)
        if (
            in_sides or possessive or as_subject or seat_speaks or paired
        ):  # "the Kremlin said" speaks; "in the Kremlin" is a place
            out.append(PartyMention(start, end, canon, word, metonym=True))
    out.sort(key=lambda p: p.start)
    return out


_POINTS_BEFORE = fastre.compile(r"\b(North|South|East|West)\s+and\s+$")


@cache
def _spellings() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, list[str]] = parties_table().get("spellings", {})
    owner = {s: canon for canon, spellings in table.items() for s in (canon, *spellings)}
    words = "|".join(re.escape(s) for s in sorted(owner, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{words})(?![\w-])"), owner


def article_spellings(text: str) -> dict[str, str]:
    """Party -> the way ``text`` writes its name where outlets differ ("DR Congo", "Holy See", "Shanghai
    Cooperation Organization"): the most written, the first on a tie; only where that is not our own name."""
    pattern, owner = _spellings()
    seen = Counter(m.group() for m in pattern.finditer(text))
    chosen: dict[str, str] = {}
    for spelling, _n in seen.most_common():  # most_common keeps first-seen order among equals
        chosen.setdefault(owner[spelling], spelling)
    return {canon: spelling for canon, spelling in chosen.items() if spelling != canon}


_HYPHENATED = fastre.compile(
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


_VENUE_APPOSITIVE = fastre.compile(
    r",\s+(?:a|an|the)\s+[^,]{0,60}?\b(?:office|residence|mansion|palace|building|home|seat|venue|headquarters|house"
    r"|hotel|villa|complex|estate|guest\s+house)\b"
    r"(?:\s+of\s+[^,;]{0,50})?",  # "Villa Saladin, the residence of the Swiss ambassador to the UN": whose it is
    re.I,
)


def sides_in(text: str) -> list[PartyMention]:
    """The parties of a meeting clause: names that are places ("the Saudi city of"), topics ("the war
    with Russia") or owners of things ("Tehran's nuclear programme") are left out."""
    lex = lexicon()
    countries = parties_table()["countries"]
    out: list[PartyMention] = []
    described = [(m.start(), m.end()) for m in _VENUE_APPOSITIVE.finditer(text)]
    dropped_at: int | None = None
    for pm in find_parties(text):
        if any(a <= pm.start < b for a, b in described):
            continue  # "Rosenbad, the Swedish prime minister's office": a description of the venue
        after = text[pm.end : pm.end + 30]
        before = text[max(0, pm.start - 30) : pm.start]
        modified = re.match(r"\s+(?:[a-z][\w-]*\s+)?", after)
        if modified and (lex.place_noun_re.match(after.strip()) or lex.place_noun_re.match(after[modified.end() :])):
            continue  # "the Saudi city of", "the Swiss lakeside town of Montreux": a place
        if pm.text.lower() != pm.canonical.lower() and _LOBBY_OF.search(before) and re.match(r"\s+[A-Z]", after):
            continue  # "the Confederation of Swedish Enterprise", "Confederation of British Industry": a lobby's name
        pair = re.match(r"-[A-Z][\w]+\s+", text[pm.end : pm.end + 40])
        if pair and lex.place_noun_re.match(text[pm.end + pair.end() : pm.end + pair.end() + 30]):
            continue  # "on the Polish-Belarusian border": a place between two countries
        topics = list(lex.topic_re.finditer(before))
        topic = topics[-1] if topics else None
        if topic is not None and _ABOUT_A_NUMBER.match(before, topic.start()):
            topic = None  # "about 20 countries and the European Union": how many, not what the talks are about
        if topic is not None and not re.search(
            r"\b(?:talks|meeting|meet|summit|call|between|with|among|involving)\b", before[topic.end() :]
        ):
            dropped_at = pm.end
            continue
        if dropped_at is not None and re.fullmatch(
            r"(?:['’]s)?(?:\s+[\w-]+){0,3}?\s*(?:,|\band\b|\bor\b)\s*(?:the\s+)?", text[dropped_at : pm.start]
        ):
            dropped_at = pm.end
            continue  # "borders both Russia's Kaliningrad exclave and Belarus": the list goes on as it began
        owner = re.match(r"\s+(?:[A-Z][\w.-]*\s+){1,4}[A-Z][\w-]*['’]s\s+(\w+)", text[pm.end : pm.end + 80])
        if owner and not lex.side_noun_re.match(owner.group(1)):
            continue  # "U.S. President Donald Trump's plan": the country owns a plan, it is not at the table
        if re.match(r"\s+[a-z]", after) and lex.thing_noun_re.match(after.strip()):
            continue  # "U.S. policy", "Russian forces": a thing of the country, not a side at the table
        # "the African Union's yearly summit": the owner of a meeting is its side
        if re.match(
            r"(?:\s*(?:,|and)\s*(?:the\s+)?[A-Z][\w.-]*)*\s+(?:in\s+focus|on\s+the\s+agenda|at\s+stake|on\s+the\s+table)",
            text[pm.end : pm.end + 60],
        ):
            continue  # "with China and Ukraine in focus": what they will talk about
        # "The IMF's policy-steering committee ... is due to meet": an organisation's own organ; but "Sudan's ruling
        # military council" is a faction, not the country
        owned = _OWNED_MEETING.match(text[pm.end : pm.end + 60])
        owns_meeting = owned is not None and (owned.group("organ") is None or pm.canonical not in countries)
        # "Yemen's internationally recognised government": a side, behind its modifiers
        own_side = lex.side_noun_re.match(_MODIFIERS.sub("", text[pm.end + 2 : pm.end + 60].strip()))
        if after.startswith(("'s", "’s")) and not owns_meeting and not own_side:
            if not re.match(r"\s*(?:[A-Z][\w.-]*\s+){1,4}", after[2:]):
                continue
        if _OBSERVER_AFTER.match(text, pm.end) or _OBSERVER_BEFORE.search(text[max(0, pm.start - 40) : pm.start]):
            continue  # "with the US and Chinese ambassadors attending as observers": present, not a side
        out.append(pm)
        dropped_at = None
    return out


_OWNED_MEETING = fastre.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,3}?(?:summit|talks|meeting|assembly|session|conference|(?P<organ>committee|board|council))\b"
)
_LOBBY_OF = fastre.compile(
    r"\b(?:Confederation|Federation|Association|Chamber|Institute|Society|League|Union)\s+of\s+(?:the\s+)?$"
)
_MODIFIERS = fastre.compile(
    r"^(?:(?:internationally|officially|newly|democratically|formally)\s+)?"
    r"(?:recogni[sz]ed|elected|appointed|new|interim|transitional|exiled)\s+",
    re.I,
)
_OBSERVER_AFTER = fastre.compile(
    r"[^.;]{0,70}?(?:\b(?:attend\w*|present|sitting\s+in|looking\s+on)?\s*as\s+(?:an?\s+)?observers?\b"
    r"|\balso\s+(?:in\s+the\s+room|present|attended|attending)\b)"
)
_OBSERVER_BEFORE = fastre.compile(r"\bobservers?\s+(?:from|of)\s+(?:the\s+)?(?:[\w-]+\s+(?:and|,)\s+)*$", re.I)


@cache
def _body_re() -> re.Pattern[str]:
    heads = "|".join(lexicon().raw["body_heads"])
    word = r"[A-Z][\w'’&.-]*"
    return fastre.compile(
        # "and the": a second side; a bare "and" may sit inside a name ("Agriculture and Fisheries Council")
        r"\b(?:(?:meet|meets|met|meeting|with|between|hosts?|hosted|receives?|received)\s+(?:the\s+)?|and\s+the\s+)"
        r"(?:(?:leadership|leaders|heads|representatives|officials|chiefs|delegations?)\s+of\s+(?:the\s+)?)?"
        rf"(?P<name>(?:{word}\s+(?:(?:of|for|and|on)\s+)?){{1,5}}(?:{heads}))\b"
        r"(?!\s+(?:of|for)\s+(?:the\s+)?[A-Z])"  # "International Committee of the Red Cross" goes on
    )


def named_bodies(text: str) -> list[tuple[int, int, str]]:
    """Organisations the tables do not know, where they stand as sides: "will meet the leadership of the Trade Union
    Congress", "talks with the Federal Mediation and Conciliation Service", "the GDL and DB will hold talks". Spans and
    names as written."""
    spans = [m.span("name") for m in _body_re().finditer(text)]
    for m in _ACRONYM_PAIR.finditer(text):
        spans += [m.span("a"), m.span("b")]
    if not spans:
        return []  # most clauses name no body: no need for the parties' places
    known = [(pm.start, pm.end) for pm in find_parties(text)]
    out: list[tuple[int, int, str]] = []
    for start, end in spans:
        if any(a == start or b == end for a, b in known):
            continue  # "the African Union", "UN Security Council": a party the tables name
        out.append((start, end, text[start:end]))
    return out


# "the GDL and DB will hold intensive negotiations", "talks between the KMPDU and the CoG": two bodies by initials
_ACRONYM_PAIR = fastre.compile(
    r"\b(?P<a>[A-Z][A-Za-z]?[A-Z]{1,5})\s+and\s+(?:the\s+)?(?P<b>[A-Z][A-Za-z]?[A-Z]{1,5})\b"
    r"(?=\s+(?:will|would|are|were|have|had|agreed|held|hold|met|meet|resumed|resume|to)\b|\s*[,.;]|\s*$)"
)


# a country's own legislature by its common English head noun; "of"/"party" after it is another body's name
_LEGISLATURE = fastre.compile(
    r"\b(?:(?:[Nn]ational\s+)?(?:[Pp]arliament|[Aa]ssembly|[Cc]ongress|[Ss]enate|[Ll]egislature)"
    r"|House\s+of\s+(?:Representatives|Assembly)|Chamber\s+of\s+Deputies"
    # a country's top court sits for a hearing as its chambers do: "The Supreme Court will deliver its judgment"
    r"|(?P<court>(?:Supreme|Constitutional|High)\s+Court))\b(?!\s+(?:of|[Pp]arty)\b)"
)
_CAPITALISED_BEFORE = fastre.compile(r"\b((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*?)(?:['’]s)?\s+$")


@cache
def _definite_countries() -> frozenset[str]:
    return frozenset(parties_table().get("definite_article", ()))


def legislature(texts: list[str], country: str, at_home: bool, courts: bool = False) -> str | None:
    """ "Sri Lanka's parliament will vote", "the Senate" in a story from Rome: the chamber as its formal English name
    ("Parliament of Sri Lanka", "Senate of Italy"); with ``courts``, a top court too ("Supreme Court of Kenya", for
    a hearing). A chamber another word owns ("the European Parliament", "the
    African National Congress", "the World Health Assembly") is not the country's; a bare one counts only where the
    meeting is held in the country (``at_home``)."""
    for text in texts:
        for m in _LEGISLATURE.finditer(text):
            if m.group("court") and not courts:
                continue
            owner = _CAPITALISED_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if owner is not None and owner.group(1) != "The":
                named = [p.canonical for p in find_parties(text[owner.start() : m.start()])]
                if named != [country]:
                    continue  # someone else's chamber, or a name the head noun ends
            elif not at_home:
                continue
            head = " ".join(w if w == "of" else w[:1].upper() + w[1:] for w in m.group(0).split())
            article = "the " if country in _definite_countries() else ""
            return f"{head} of {article}{country}"
    return None
