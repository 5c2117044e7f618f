"""The extractor: wire-story text in, events with exact UTC times out.

A pipeline of small stages, each in its own module and tested on its own:
sentences -> time expressions -> places and zones -> people and roles -> parties ->
events -> expectations. Vocabulary lives in ``briefings/data``, not in code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from briefings.extract import fastre
from briefings.extract.events import (
    BARE_CHAMBERS,
    CHAMBER_KINDS,
    Group,
    Mention,
    _event_clocks,
    _family,
    _kind,
    arrives_on,
    dateline_home,
    delegation_people,
    event_day,
    group_mentions,
    home_chamber,
    home_side,
    is_former,
    main_city,
    mentions_in,
    recent_day,
    us_named,
)
from briefings.extract.expectations import expectations, positions
from briefings.extract.lexicon import (
    City,
    central_banks,
    chamber_countries,
    city_index,
    figures,
    lexicon,
    parties_table,
)
from briefings.extract.parties import article_spellings, find_parties, legislature, sides_in
from briefings.extract.people import ARTICLE_DAY, KnownPeople, PersonMention, find_people
from briefings.extract.places import find_places
from briefings.extract.sentences import split_body
from briefings.extract.timex import find_clocks, find_dates, resolve_weekday, to_utc
from briefings.model import Article, EventStatus, ExtractedEvent, Extraction, Participant

__all__ = ["extract"]

_MAX_CHARS = 400_000  # longer bodies are cut: no wire story is this long, and time stays bounded


def extract(article: Article) -> Extraction:
    """Every event the article announces or reports, plus its expectations and positions."""
    token = ARTICLE_DAY.set(article.published)
    try:
        return _extract(article)
    finally:
        ARTICLE_DAY.reset(token)


def _extract(article: Article) -> Extraction:
    body = split_body(article.text[:_MAX_CHARS])
    texts = [s.text for s in body.sentences]
    published = article.published

    known = KnownPeople(_known_people(texts))
    mentions: list[Mention] = []
    if article.headline:
        head = [m for m in mentions_in(-1, article.headline, published, known) if m.parties]
        if _title_case(article.headline):
            # "EU Leaders Wrangle Over Gaza": capitals mark every word, so only people the story names are people
            for m in head:
                m.people = [p for p in m.people if p.surname in known]
        mentions += head
    delegates: list[tuple[int, PersonMention, bool, str | None]] = []
    attending: list[tuple[int, list[str]]] = []
    had_mentions: set[int] = set()
    for s in body.sentences:
        found = mentions_in(s.index, s.text, published, known)
        if s.stamp:
            _stamp_start(found, s.stamp)
        for k, m in enumerate(found):
            if m.clock is not None and m.day is None:
                _day_of_the_meeting_before(m, mentions, s.index)
            if m.day is None and m.clock is not None and _THEN.search(m.clause.text):
                # "On Friday he will first meet the premier at noon. He will then be received by Xi at 4:30 p.m."
                before = [x.day for x in mentions if x.sentence == s.index - 1 and x.day is not None]
                if before:
                    m.day = before[-1]
            if m.day is None and m.clock is None and published and (rel := _RELATIVE_DAY.match(s.text)):
                # a visitor who came today, with no day named since: the programme starts today
                today = published if any(arrives_on(t, published) for t in texts[: s.index]) else None
                _day_after_the_last(m, mentions, rel.group(1) is not None, today)
                m.hours = _PART_OF_DAY.get(rel.group(0).split()[-1].rstrip(",").lower())
            if m.clock is None and m.hours is None and (part := _IN_THE_PART.search(m.clause.text)):
                m.hours = _PART_OF_DAY[part.group(1).lower()]  # "due to meet Barzani ... in the evening"
            if m.city is None and s.index > 0 and _THERE.search(m.clause.text):
                _place_of_the_sentence_before(m, texts[s.index - 1], published)
            if m.city is None and m.venue is not None and s.index > 0:
                # "The two leaders will fly to Agra. The meeting ... at the Jaypee Palace Hotel": a hotel there
                m.city = _one_city(texts[s.index - 1], going_only=True)
            if m.clock is not None and m.day is None and _begun(m) and s.index - 1 in had_mentions and published:
                # "X and Y agreed on Thursday ..., after a meeting. They met for talks that began at 1700 GMT"
                m.day = recent_day(texts[s.index - 1], published)
            if m.clock is not None and m.day is None and _begun(m) and _HAS_BEGUN.search(m.clause.text):
                m.day = published  # "The plenary session has started at 10:00": today's
            if m.clock is not None and m.day is None and _RECONVENES.search(m.clause.text):
                m.day = published  # "The board was due to reconvene at 3 pm": today, not the day it opened
            if m.kind in CHAMBER_KINDS and (anaphor := _BODY_ANAPHOR.search(m.clause.text)):
                # "The 15-member council is scheduled to vote": the council the story named before
                council = _body_named_before([article.headline or "", *texts[: s.index + 1]], anaphor.group(1).lower())
                if council is not None and council not in m.parties:
                    m.parties.insert(0, council)
            # "the two leaders will meet", or "..., the delegations said": the sides named just before
            if _PLURAL_REF.search(m.clause.text) or _PLURAL_REF.search(m.clause.attribution):
                # "X is to be received by Y at the palace, where the two leaders will meet": the clause before
                pair = [x for x in found[:k] if len(x.parties) >= 2 and len(x.people) >= 2]
                if pair:
                    _resolve_plural_reference(m, pair[-1].people, pair[-1].parties)
                else:
                    people, sides = _named_before(texts, s.index, known, had_mentions)
                    _resolve_plural_reference(m, people, sides)
        if found:
            had_mentions.add(s.index)
        mentions += found
        if not found:
            delegates += [(s.index, *d) for d in delegation_people(s.text, known)]
            if _ATTENDANCE.search(s.text):
                sides = [p.canonical for p in sides_in(s.text)]
                if len(sides) >= 2:
                    attending.append((s.index, sides))
            if s.index - 1 in had_mentions:
                _time_for_the_meeting_before(s.text, mentions, s.index)
    home = lexicon().cities.get((body.dateline_city or "").lower())
    if home is not None or not us_named(f"{article.headline or ''}\n{article.text[:_MAX_CHARS]}"):
        for m in mentions:
            home_chamber(m, home.country if home else None)
        if home is not None and home.country != "United States":
            # "has been ordered to attend ... escorted to the Senate", in a story from Manila: the Philippine Senate's
            delegates = [(i, p, head, home_side(side, home.country)) for i, p, head, side in delegates]
    groups = group_mentions(mentions)
    city = main_city(mentions, dateline_home(body.dateline_city, body.dateline_state))
    # no dateline and no meeting placed: "a Bangkok university" is still the city the story knows best
    named = _most_named_city(texts) if city is None else None
    doc_day = _main_day(groups)
    days = frozenset(g.day for g in groups if g.day)
    if published and any(arrives_on(t, published) for t in texts):
        # a visitor who came today holds the talks told without a day today, not on the summit day after
        days |= {published}
    _assign_delegates(groups, delegates)
    _assign_attending(groups, attending)
    # no meeting of the story is placed in a city: the city is the dateline's, where the reporter is
    from_dateline = not any(m.city for m in mentions)
    spelled = article_spellings(f"{article.headline or ''}\n{article.text[:_MAX_CHARS]}")
    events = [
        _spelled(e, spelled)
        for e in (
            _event(g, published, doc_day, city or _at_home(named, g), known, from_dateline, days, home, texts)
            for g in groups
        )
        if not _untimed_plan(e)
    ]
    events = [e for e in events if not _tour(e, events)]
    events.sort(key=lambda e: (e.date or date.max, e.start_utc.isoformat() if e.start_utc else "~"))
    return Extraction(
        published=published,
        headline=article.headline,
        events=tuple(events),
        expectations=tuple(expectations(texts)),
        positions=tuple(positions(texts)),
    )


def _same_clock(a: City, b: City, day: date | None) -> bool:
    """Whether two cities keep the same time on ``day`` (on 1 January when no day is known)."""
    if a.zone == b.zone:
        return True
    when = datetime.combine(day or date(2000, 1, 1), time(12))
    return ZoneInfo(a.zone).utcoffset(when) == ZoneInfo(b.zone).utcoffset(when)


def _most_named_city(texts: list[str]) -> City | None:
    """The city (not a region) a story names most often, in any sentence; None when it names none."""
    cities = lexicon().cities
    counts = Counter(
        name for t in texts for _a, _b, _w, name in city_index().finditer(t) if not cities[name.lower()].region
    )
    if not counts:
        return None
    return cities[counts.most_common(1)[0][0].lower()]


def _at_home(city: City | None, g: Group) -> City | None:
    """``city`` when it is in the country of the group's sides (a central bank's or a parliament's country counts),
    or the sides name no country: "humanitarian aid to Gaza" does not put a UN vote in Gaza."""
    if city is None:
        return None
    sides = {p for m in g.mentions for p in m.parties}
    if sides <= BARE_CHAMBERS:
        return city
    homes = {chamber_countries().get(p) or central_banks().get(p) or p for p in sides}
    return city if city.country in homes else None


def _title_case(headline: str) -> bool:
    """A headline Written Like This, where capitals say nothing about names."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", headline) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_PLURAL_REF = fastre.compile(
    r"\b(?:the|both|all)\s+(?:(?:two|three|four|five|six|seven)\s+)?(?:leaders|sides|delegations|negotiators|presidents|men|women|countries|"
    r"governments|teams|ministers|neighbours|neighbors|rivals|allies)\b",
    re.I,
)


_RECONVENES = fastre.compile(r"\b(?:reconvene|reconvenes|resume|resumes)\s+(?:at|around|shortly)\b", re.I)
_HAS_BEGUN = fastre.compile(r"\b(?:has|have)\s+(?:now\s+|just\s+)?(?:started|begun|opened|got\s+under\s*way)\b", re.I)
_OTHER_RANKS = fastre.compile(r"\b(?:commanders|generals|officers|officials|diplomats|envoys|experts|deputies)\b", re.I)
_BEGUN = fastre.compile(
    r"\b(?:begun|began|begin|begins|started|starts|opened|opens|under\s*way|got\s+going|kicked\s+off)\b", re.I
)


def _stamp_start(mentions: list[Mention], stamp: str) -> None:
    """A live blog's "0905 GMT - Talks have begun": the entry's time is when the meeting started."""
    for m in mentions:
        if m.clock is None and _BEGUN.search(m.clause.text):
            m.clock = find_clocks(stamp)[0]


def _named_before(
    texts: list[str], index: int, known: KnownPeople, had_mentions: set[int]
) -> tuple[list[PersonMention], list[str]]:
    """The people (two or more) and sides named in the nearest sentences before ``index``."""
    people: list[PersonMention] = []
    sides: list[str] = []
    for i in range(index, -1, -1):
        if not people:
            here = find_people(texts[i], known)
            if len({p.name for p in here}) >= 2:
                people = here
        if not sides:
            named = list(dict.fromkeys(p.canonical for p in sides_in(texts[i])))
            if len(named) >= 2 or (named and i in had_mentions):
                sides = named
        if people and sides:
            break
    return people, sides


_BODY_ANAPHOR = fastre.compile(
    r"\b[Tt]he\s+(?:\d+-(?:member|nation)\s+)?([Cc]ouncil|[Bb]oard|[Aa]ssembly)\b(?!\s+(?:of|for|on)\b)"
)


def _body_named_before(texts: list[str], head: str) -> str | None:
    """The party whose name, told last in ``texts``, ends in ``head`` ("U.N. Security Council" for "council")."""
    for text in reversed(texts):
        for pm in reversed(find_parties(text)):
            if pm.text.split()[-1].lower() == head:
                return pm.canonical
    return None


_THEN = fastre.compile(r"\b(?:will|would|is\s+to|are\s+to)\s+then\b|\bthen\s+(?:be|meet|hold|travel|head|fly)\b")
# the hours a part of the day can mean, for telling a meeting "in the afternoon" from one at 10:30 a.m.
_PART_OF_DAY = {"afternoon": (12, 18), "evening": (17, 24)}
_IN_THE_PART = fastre.compile(r"\bin\s+the\s+(afternoon|evening)\s*[.,;]?\s*$")
# a tour's programme told day by day: "The following day, he will travel to Erbil", "In the afternoon, he is to meet"
_RELATIVE_DAY = fastre.compile(
    r"\s*(?:(The\s+(?:following|next)\s+day|The\s+day\s+after)|In\s+the\s+(?:afternoon|evening)"
    r"|Later\s+(?:in\s+the|that)\s+day),",
)


def _day_after_the_last(m: Mention, before: list[Mention], next_day: bool, today: date | None) -> None:
    """The day of the last dated meeting told before (else ``today``), or the day after it."""
    dated = [x.day for x in before if x.day is not None and x.sentence >= 0]
    day = dated[-1] if dated else today
    if day is not None:
        m.day = day + timedelta(days=1) if next_day else day


# "His talks there with ...": the place the sentence before took him to ("There will be talks" is no place)
_THERE = fastre.compile(
    r"(?<=\w )there\b(?!\s+(?:is|are|was|were|will|would|could|might|may|had|has|have|be|been|seems?|appears?)\b)"
    r"|^There\s+(?:he|she|they|the\s+(?:two|leaders?|president|minister))\b"
)


def _place_of_the_sentence_before(m: Mention, before: str, published: date | None) -> None:
    """ "The last leg takes him to Abu Dhabi on Wednesday. His talks there ... at 1530": Abu Dhabi, on Wednesday."""
    city = _one_city(before, going_only=False)
    if city is None:
        return
    m.city = city
    if m.day is None and published is not None:
        dates = [d for d in find_dates(before, published) if d.day or d.weekday is not None]
        if len(dates) == 1:
            d = dates[0]
            m.day = d.day or resolve_weekday(d, published, m.future or m.status is EventStatus.SCHEDULED)
            m.day_from_weekday = d.day is None


def _one_city(before: str, going_only: bool) -> City | None:
    """The one city a sentence takes someone to ("From Abu Dhabi, he will fly to Riyadh": Riyadh), else, unless
    ``going_only``, the one city it names; None where there are several."""
    places = [p for p in find_places(before) if p.city is not None]
    going = [p for p in places if (p.preposition or "").lower() == "to"]
    cities = {p.city.name: p.city for p in (going if going_only else going or places) if p.city is not None}
    return next(iter(cities.values())) if len(cities) == 1 else None


def _resolve_plural_reference(m: Mention, people: list[PersonMention], sides: list[str]) -> None:
    """ "The two leaders will speak again": the people and sides named just before; "commanders of both
    sides" are the sides', not the leaders named before."""
    if len(m.parties) < 2:
        m.parties += [p for p in sides if p not in m.parties]
    text = m.clause.text + " " + m.clause.attribution
    if _OTHER_RANKS.search(text):
        return
    if len(m.people) < 2:
        have = {p.name for p in m.people}
        m.people += [p for p in people if p.name not in have]


# "Modi will meet Zelensky in Kyiv on Friday. The talks are scheduled for 1 pm": the talks just named
_THE_MEETING = fastre.compile(
    r"\s*(?:the|these|those|their)\s+(?:\w+\s+)?(?:talks|meeting|summit|session|negotiations|call|visit|dinner)\b"
    r"(?!\s+of\b)",
    re.I,
)


def _day_of_the_meeting_before(m: Mention, before: list[Mention], index: int) -> None:
    """A timed "the talks ..." with no day of its own takes the day of the meeting reported just before."""
    if not _THE_MEETING.match(m.clause.text):
        return
    for prev in reversed(before):
        if prev.sentence < index - 3 or prev.sentence < 0:
            return
        # "the first summit-level meeting of the Quad ... The online summit is scheduled to begin at 1900 hours":
        # "meeting" is the word for any kind
        if prev.day is None or (_family(prev.kind) != _family(m.kind) and "meeting" not in (prev.kind, m.kind)):
            continue
        if m.parties and prev.parties and not set(m.parties) & set(prev.parties):
            continue  # "The meeting with the Russian leader": not the Kyiv talks named last
        # "will sign on Friday ... Their talks started at noon": one has begun, the other is still ahead
        if _begun(prev) != _begun(m):
            return
        m.day = prev.day
        return


# "... will be co-chaired by X and Y. They are due to open at 9:30 a.m.": the meeting just named, by pronoun
_IT_OPENS = fastre.compile(
    r"\s*(?:They|It|The\s+(?:two|three|four)\s+sides)\s+(?:(?:are|is|will\s+be|were|was)\s+(?:due|scheduled|set|expected|"
    r"slated)\s+to|will)\s+(?:open|begin|start|resume|convene|get\s+under\s*way|take\s+place|be\s+held)\b"
)


def _time_for_the_meeting_before(text: str, mentions: list[Mention], index: int) -> None:
    """A sentence that only gives the time of the meeting named in the sentence before it."""
    if not _IT_OPENS.match(text):
        return
    before = [m for m in mentions if m.sentence == index - 1]
    clocks = _event_clocks(text)
    target = before[-1] if before else None
    if target is not None and clocks and target.clock is None and not _begun(target):
        target.clock = clocks[0]


def _begun(m: Mention) -> bool:
    return m.status in (EventStatus.HELD, EventStatus.ONGOING) and not m.future


def _known_people(texts: list[str]) -> dict[str, PersonMention]:
    known: dict[str, PersonMention] = {}
    family_first = lexicon().family_first
    by_family: dict[str, set[str]] = {}
    for t in texts:
        for p in find_people(t, known):
            first = p.name.split()[0]
            if first in family_first and first != p.surname:
                by_family.setdefault(first, set()).add(p.name)
            prev = known.get(p.surname)
            if prev is None or (prev.role is None and p.role) or (prev.affiliation is None and p.affiliation):
                known[p.surname] = (
                    p
                    if prev is None
                    else type(p)(
                        p.start,
                        p.end,
                        prev.name if len(prev.name) > len(p.name) else p.name,
                        p.role or prev.role,
                        p.affiliation or prev.affiliation,
                    )
                )
    # "Park Jin", then "Park will also hold talks": the family name alone, when one person of the story bears it
    # and no public figure goes by it ("Kim" alone stays Kim Jong Un)
    for family, names in by_family.items():
        if len(names) == 1 and family not in known and family not in figures():
            known[family] = known[next(iter(names)).split()[-1]]
    return known


def _main_day(groups: list[Group]) -> date | None:
    days = [g.day for g in sorted(groups, key=lambda g: -g.weight) if g.day]
    return days[0] if days else None


_DELEGATION_KINDS = {"talks": 2, "summit": 2, "session": 1, "conference": 1, "meeting": 1}


def _assign_delegates(groups: list[Group], delegates: list[tuple[int, PersonMention, bool, str | None]]) -> None:
    """Attach delegation members to the meeting their side takes part in (the most reported one)."""
    if not groups:
        return
    for index, person, head, side in delegates:
        fits = [g for g in groups if side and side in g.parties] or ([] if side else groups)
        if not fits:
            before = [g for g in groups if min(m.sentence for m in g.mentions) <= index]
            # the meeting reported last before this sentence is the one "will attend" refers to
            fits = (
                [
                    max(
                        before,
                        key=lambda g: max((m.sentence, m.clause.start) for m in g.mentions if m.sentence <= index),
                    )
                ]
                if before
                else []
            )
        if not fits:
            continue
        # a delegation is sent to talks still ahead rather than to a meeting already held
        target = _likeliest(fits, _DELEGATION_KINDS).mentions[0]
        if side and person.affiliation is None:
            person = PersonMention(person.start, person.end, person.name, person.role, side, person.possessive)
        target.people.append(person)
        if head:
            target.heads.add(person.name)


def _likeliest(groups: list[Group], kinds: dict[str, int]) -> Group:
    """The meeting a delegation or a list of guests goes to: one still ahead, then by kind, then the most reported."""
    return max(groups, key=lambda g: (_group_status(g) is not EventStatus.HELD, kinds.get(_kind(g), 0), g.weight))


# "The delegations confirmed so far include those of the United States, Mexico, ...": who comes to the meeting
_ATTENDANCE = fastre.compile(
    r"\b(?:delegations?|representatives|heads\s+of\s+(?:state|government)|participants|attendees)\b[^.;]{0,60}?"
    r"\b(?:include|includes|included|including|are\s+expected|will\s+attend|attending|confirmed|taking\s+part)\b",
    re.I,
)


_GATHERING_KINDS = {"summit": 2, "conference": 2, "session": 1}


def _assign_attending(groups: list[Group], attending: list[tuple[int, list[str]]]) -> None:
    """A list of who attends, in a sentence of its own, belongs to the story's gathering: of the meetings named
    before it, one still ahead rather than held, a summit or conference rather than talks, the most reported."""
    for index, sides in attending:
        before = [g for g in groups if min(m.sentence for m in g.mentions) <= index]
        if not before:
            continue
        target = _likeliest(before, _GATHERING_KINDS).mentions[0]
        target.parties += [p for p in sides if p not in target.parties]


def _event(
    g: Group,
    published: date | None,
    doc_day: date | None,
    city_default: object,
    known: dict[str, PersonMention],
    from_dateline: bool = False,
    days: frozenset[date] = frozenset(),
    home: City | None = None,
    texts: list[str] | None = None,
) -> ExtractedEvent:
    from briefings.extract.events import _kind
    from briefings.extract.lexicon import City, lexicon

    kind = _kind(g)
    status = _group_status(g, published)
    day = event_day(g, published, doc_day, days)
    if day is None and any(m.beside for m in g.mentions):
        day = doc_day  # "on the sidelines of the gathering": on the gathering's day
    # where it is rather than what it is near: "in Woodside" over "near San Francisco"
    cities = [m.city for m in sorted(g.mentions, key=lambda m: m.near) if m.city]
    city = next((c for c in cities if not c.region), cities[0] if cities else None)
    if city is None and any(_UN_ORGAN.search(m.clause.text) for m in g.mentions):
        city = lexicon().cities.get("new york")  # the Security Council and the General Assembly sit in New York
    zone_word = g.clock.zone if g.clock is not None else None
    if city is None and zone_word and zone_word.startswith("city:"):
        city = lexicon().cities.get(zone_word[5:].lower())  # "at 1330 Brussels time": it happens there
        if city is not None and isinstance(city_default, City) and _same_clock(city_default, city, day):
            # "5:30 p.m. Moscow time" in a story from Kazan, or from Antalya (UTC+3 too): Moscow names the clock,
            # not the place
            city = city_default
    # a phone call happens nowhere: the article's city gives a bare time its zone, not the call a venue
    zone_city = city or (city_default if isinstance(city_default, City) else None)
    # "After Laos, Blinken will travel to Japan for talks", undated, beside the forum dated in Vientiane: a country
    # told by a mention with no day of its own does not place a meeting that has dated ones
    dated = any(m.anchored for m in g.mentions)
    abroad = {m.abroad for m in g.mentions if m.abroad and (m.anchored or not dated)}
    if city is None and zone_city is not None and abroad and zone_city.country not in abroad:
        # "talks in Malaysia" under a Bangkok dateline: not in Bangkok, and no city is known; but "North Macedonia's
        # parliament will vote" told from Skopje, beside a Brussels meeting, sits in the dateline's city
        zone_city = home if home is not None and home.country in abroad and kind in CHAMBER_KINDS else None
    sides = {p for m in g.mentions for p in m.parties}
    if (
        city is None
        and kind in CHAMBER_KINDS
        and home is not None
        and zone_city is not None
        and zone_city.country not in sides
        and home.country in sides
    ):
        zone_city = home  # "Albania's parliament will vote on Saturday", told from Tirana beside a Brussels meeting
    # "got under way in Switzerland" under a Geneva dateline: the country is what the story says, the dateline's
    # city only lends its clock
    guess = from_dateline and zone_city is not None and zone_city.country in abroad
    if city is None and kind != "call" and not guess:
        city = zone_city
    # a name ("Filoli") over a description ("California estate")
    venues = sorted((m.venue for m in g.mentions if m.venue), key=lambda v: v.split()[-1][:1].islower())
    venue = venues[0] if venues else None
    clock = g.clock
    start = to_utc(day, clock, zone_city.zone if zone_city else None) if clock and day else None
    participants: dict[str, Participant] = {}
    heads = set().union(*(m.heads for m in g.mentions))
    members = _members(g)
    parties: list[str] = []
    for m in members:
        parties += [p for p in m.parties if p not in parties]
    for m in g.mentions:
        for p in m.people:
            if (p.role or "").lower().startswith(("then-", "then ")):
                continue  # "when he held talks with then-President X": told of a meeting long past
            full = known.get(p.surname, p)
            name = full.name if len(full.name) >= len(p.name) else p.name
            aff = p.affiliation or full.affiliation
            if aff in chamber_countries() and kind not in CHAMBER_KINDS:
                aff = chamber_countries()[aff]  # "head of a faction in the Verkhovna Rada" at talks: for Ukraine
            if name in participants:
                continue
            participants[name] = Participant(name, p.role or full.role, aff, head=p.name in heads or name in heads)
            if aff and aff not in parties and not is_former(p) and not is_former(full) and m in members:
                parties = [*parties, aff]
    if kind in CHAMBER_KINDS and len(parties) == 1 and parties[0] in parties_table()["countries"]:
        # "Sri Lanka's parliament will vote": the chamber meets, for its country
        at_home = city is not None and city.country == parties[0]
        chamber = legislature([m.clause.text for m in g.mentions], parties[0], at_home, courts=kind == "hearing")
        if chamber and chamber.split(" of ")[0] in _GENERIC_CHAMBERS:
            # "The assembly will reconvene", "the parliament building", in a story about "Senegal's National
            # Assembly": the chamber the story names
            named = legislature(texts or [], parties[0], at_home)
            chamber = named if named and " " in named.split(" of ")[0] else chamber
        if chamber:
            parties = [chamber, *parties]
    people = sorted(
        participants.values(),
        key=lambda p: (not p.head, parties.index(p.affiliation) if p.affiliation in parties else 99),
    )
    notes: list[str] = []
    vague = next((m.vague for m in g.mentions if m.vague), None)
    if day is None and vague:
        notes.append(f"expected {vague}; no day given")
    if clock and day and start is None:
        notes.append(f"clock time {clock.text} given but the venue's time zone is unknown")
    new_day = next((m.new_day for m in g.mentions if m.new_day), None)
    evidence = " ".join(g.mentions[0].clause.text.split())  # an aside blanked out of the clause leaves a gap
    return ExtractedEvent(
        title=_title(parties, kind, city.name if city else None),
        kind=kind,
        status=status,
        date=day,
        start_utc=start,
        timezone=zone_city.zone if zone_city else None,
        venue=venue,
        city=city.name if city else None,
        # "got under way in Switzerland" with no city named: the country is all that is known of the place
        country=city.country if city else (next(iter(abroad)) if len(abroad) == 1 and kind != "call" else None),
        parties=tuple(parties),
        participants=tuple(people),
        evidence=evidence,
        notes=tuple(notes),
        new_date=new_day,
        new_start_utc=start if status is EventStatus.POSTPONED and new_day else None,
    )


_UN_ORGAN = fastre.compile(
    r"\b(?:U\.?N\.?|United\s+Nations)\s+(?:Security\s+Council|General\s+Assembly)\b"
    r"|\b[Tt]he\s+(?:15-member\s+|15-nation\s+)?Security\s+Council\b"
)


def _tour(e: ExtractedEvent, events: list[ExtractedEvent]) -> bool:
    """ "will pay visits to Egypt, Tunisia, Togo and Cote d'Ivoire from Jan. 13 to 18", with the talks at two or more
    of its stops told as meetings of their own: the tour is their frame, not a meeting of all five."""
    if e.kind != "visit" or len(e.parties) < 3:
        return False
    stops = [o for o in events if o is not e and o.parties and set(o.parties) < set(e.parties) and o.date != e.date]
    return len({o.date for o in stops}) >= 2


def _spelled(e: ExtractedEvent, spelled: dict[str, str]) -> ExtractedEvent:
    """The event with its parties named as the article names them ("DR Congo" in a story that writes it so)."""
    if not spelled or not any(p in spelled for p in e.parties):
        return e
    parties = tuple(spelled.get(p, p) for p in e.parties)
    people = tuple(
        replace(p, affiliation=spelled.get(p.affiliation, p.affiliation)) if p.affiliation else p
        for p in e.participants
    )
    return replace(e, parties=parties, participants=people, title=_title(list(parties), e.kind, e.city))


def _members(g: Group) -> list[Mention]:
    """The mentions whose sides and people count: those with a day, an hour or a headline of their own, and the
    rest only when they share a side with those (or name none): "Orban, who met Putin last week, will object" is
    at the summit, Putin is not."""
    core = [m for m in g.mentions if m.anchored or m.sentence < 0]
    sides = {p for m in core for p in m.parties}
    if not core or not sides:
        return g.mentions
    return [m for m in g.mentions if m in core or not m.parties or sides & set(m.parties)]


def _untimed_plan(e: ExtractedEvent) -> bool:
    """A meeting still to come with no day, no hour and not even "next week": talk of a meeting, not a plan.

    Wire copy dates what is really scheduled; "will be under pressure to talk to Putin" or "would consider
    hosting talks" name no time at all. A postponed or cancelled meeting keeps its place without one.
    """
    if e.status is not EventStatus.SCHEDULED or e.date is not None or e.start_utc is not None or e.notes:
        return False
    # "Trump and Putin will hold a summit in Budapest": who, with whom, where and a plain "will meet" announce it
    announced = e.city and len(e.parties) >= 2 and len(e.participants) >= 2 and _ANNOUNCES.search(e.evidence)
    return not announced


_ANNOUNCES = fastre.compile(
    r"\b(?:will|would|to|shall|plans?\s+to|agreed\s+to)\s+(?:hold|host|meet|visit|attend|convene|sit\s+down)\b", re.I
)


def _group_status(g: Group, published: date | None = None) -> EventStatus:
    order = [EventStatus.CANCELLED, EventStatus.POSTPONED, EventStatus.HELD, EventStatus.ONGOING]
    held = [m for m in g.mentions if m.status is EventStatus.HELD and (m.anchored or m.sentence < 0)]
    put_off = [m for m in g.mentions if m.status is EventStatus.POSTPONED]
    if held and put_off and not any(m.new_day or (m.future and m.anchored) for m in put_off):
        # "The gathering, postponed from late March, opened on Thursday": put off once, it has now taken place; and
        # "would restore the talks that were suspended" with no day is no new date for the talks held on Wednesday
        return EventStatus.HELD
    # "talks that open on Monday", told on Sunday: a day still ahead is a plan, whatever the tense
    future = any(
        m.status is EventStatus.SCHEDULED
        and ((m.future and m.anchored) or (published is not None and m.day is not None and m.day > published))
        for m in g.mentions
    )
    # an undated "met"/"began" beside a dated announcement is background, not this meeting's state
    found = {
        m.status
        for m in g.mentions
        if m.anchored or not future or m.status not in (EventStatus.HELD, EventStatus.ONGOING)
    }
    for s in order:
        if s in found:
            return s
    return EventStatus.SCHEDULED


_GENERIC_CHAMBERS = frozenset({"Parliament", "Assembly", "Legislature"})


def _title(parties: list[str], kind: str, city: str | None) -> str:
    short = {
        "United States": "US",
        "United Kingdom": "UK",
        "European Union": "EU",
        "United Nations": "UN",
        "United Arab Emirates": "UAE",
    }
    # "Parliament of Sri Lanka" and "Sri Lanka": the chamber names its country already
    names = [short.get(p, p) for p in parties if not any(q.endswith((f" of {p}", f" of the {p}")) for q in parties)][:5]
    noun = {
        "talks": "talks",
        "meeting": "meeting",
        "summit": "summit",
        "call": "call",
        "visit": "visit",
        "vote": "vote",
        "hearing": "hearing",
        "session": "session",
        "conference": "conference",
    }.get(kind, kind)
    if names:
        return f"{'-'.join(names)} {noun}"
    return f"{noun.capitalize()} in {city}" if city else noun.capitalize()
