"""Stage 6: events. Event mentions (a meeting word in a clause, with its time, day, sides, place and
people), then one event per real meeting by merging the mentions that describe it."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache, lru_cache

from briefings.extract import fastre
from briefings.extract.clauses import Clause, clauses
from briefings.extract.lexicon import (
    City,
    PhraseRegex,
    _plain,
    central_banks,
    chamber_countries,
    city_index,
    lexicon,
    parties_table,
    party_index,
    phrase_regex,
)
from briefings.extract.parties import find_parties, hyphenated_sides, legislature, named_bodies, sides_in
from briefings.extract.people import PersonMention, affiliation_in, find_people
from briefings.extract.places import capital_phrase_at, find_places
from briefings.extract.timex import (
    ClockMention,
    DateMention,
    find_clocks,
    find_dates,
    past_years,
    resolve_weekday,
)
from briefings.model import EventStatus

# kinds ranked by how specific a title they make
_KIND_RANK = {
    "summit": 6,
    "talks": 5,
    "hearing": 5,
    "vote": 5,
    "call": 4,
    "visit": 4,
    "session": 3,
    "conference": 3,
    "meeting": 2,
}
_OLD_DATE = fastre.compile(
    r"(?:originally|initially|previously|first\s+(?:set|scheduled|planned|due)|had\s+been)\s+(?:\w+\s+){0,4}?"
    r"(?:for|on|at)?\s*$|\bfrom\s+$",
    re.I,
)
_NEW_DATE = fastre.compile(r"(?:\bto|\buntil|\btill|\bfor|\bon)\s+$", re.I)
_SPEECH_BEFORE = fastre.compile(
    r"(?:said|says|told\s+(?:\w+\s+){0,4}|announced|confirmed|added|stated|proposed|reported|wrote|posted|noted)\s+"
    r"(?:(?:\w+ly|late|early)\s+)?$"  # "announced simultaneously Wednesday", "said late Tuesday"
    # "told reporters on a call on Tuesday", "said in a statement on Monday": the telling's own circumstances
    r"|\b(?:said|says|told\s+\w+|announced|confirmed|added|wrote|posted)\s+(?:(?:in|on|during|at|via)\s+(?:a|an|the)\s+"
    r"(?:\w+\s+)?(?:call|statement|briefing|interview|post|conference|speech|letter|message)\s+)+"
    # "said in a message posted shortly after 8 p.m. on Monday"
    r"(?:(?:posted|released|issued|published|sent)\s+(?:(?:shortly|just|late|early)\s+)?(?:(?:before|after|at)\s+)?"
    r"(?:[\d:.]+\s*(?:a\.?m\.?|p\.?m\.?)\s+)?)?(?:on\s+)?$",
    re.I,
)
_SPEECH_AFTER = fastre.compile(
    r"^\s*,?\s*(?:he|she|they|it)?\s*(?:said|says|told|announced|confirmed|added|proposed|suggested|offered|wrote|"
    r"posted|noted|signalled|signaled|indicated)\b",
    re.I,
)
# history whatever else the clause says ("forty years ago today", "an anniversary")
_HISTORY = fastre.compile(r"\b(?:years|decades)\s+ago\b|\banniversary\b", re.I)
# "no Japanese leader has met a North Korean leader", "the two have not met since": no meeting is reported
_NEGATED = fastre.compile(
    r"\b(?:no|neither|nor)\s+(?:[\w-]+\s+){0,3}(?:has|have|had|will|would)\s+(?:ever\s+)?(?:met|meet|held|hold|visited|spoken)\b"
    r"|\b(?:has|have|had)\s+not\s+(?:yet\s+)?(?:met|held|visited|spoken)\b"
    # "his forces will not negotiate until ...": a refusal, not a meeting
    r"|\b(?:will|would|did|does|do)\s+not\s+(?:meet|negotiate)\b|\b(?:won['’]t|wouldn['’]t|didn['’]t)\s+(?:meet|negotiate)\b",
    re.I,
)
# "the first talks since a war broke out two years ago": the years date the war, not the talks
_SINCE_AGO = fastre.compile(r"\bsince\b[^.;]{0,80}?\b(?:years|decades)\s+ago\b", re.I)
_LONG_AGO = fastre.compile(
    r"\b(?:years?\s+ago|last\s+year|decades?\s+ago|in\s+the\s+past|previous\s+round|earlier\s+rounds?"
    r"|last\s+(?:met|spoke|talked|held)|(?:several|many|more|multiple|numerous|two|three|four|five)\s+(?:more\s+)?times"
    r"|twice|on\s+several\s+occasions|that\s+(?:year|month|week)|the\s+following\s+(?:year|month)"
    r"|(?:last|previous|earlier|prior|former)\s+(?:\w+\s+){0,2}?(?:visit|meeting|summit|round|talks|call|encounter|"
    r"session|trip|negotiations)(?!\s+(?:will|is|are|since))"
    r"|months?\s+ago|weeks\s+ago|in\s+recent\s+years|over\s+the\s+years|for\s+years)\b",
    re.I,
)
# a past period: background unless the clause also announces something ahead
_RECENT_PAST = fastre.compile(
    r"\b(?:last\s+(?:week|month)|earlier\s+this\s+(?:week|month|year)|in\s+recent\s+(?:days|weeks|months))\b", re.I
)
# words that place an undated report of a held meeting in the news cycle, not in history
_RECENT = fastre.compile(
    r"\b(?:overnight|today|tonight|yesterday|this\s+(?:morning|afternoon|evening|week)|earlier\s+today|late\s+on"
    r"|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|just|now|after\s+\w+\s+(?:days|hours))\b",
    re.I,
)
_MONTH_ONLY = fastre.compile(
    r"\b(?:(?:in|since|during|last)\s+|in\s+(?:early|mid|late)-?\s*"
    # "That December meeting itself was delayed": the month names which meeting
    r"|(?:[Tt]hat|[Tt]he|[Ii]ts|[Tt]heir|[Ll]ast)\s+(?=[A-Z][a-z]+\s+(?:meeting|summit|session|talks|round|conference)\b))"
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b(?!\s+\d)"
)
_DELEGATION = fastre.compile(r"\b(?:delegation|delegations|team|negotiators|negotiating|side|envoys?)\b", re.I)
_FAR_PAST_DAYS = 4


@dataclass
class Mention:
    """One clause's report of a meeting."""

    sentence: int
    clause: Clause
    kind: str
    clock: ClockMention | None = None
    new_clock: ClockMention | None = None
    day: date | None = None
    day_from_weekday: bool = False
    new_day: date | None = None
    vague: str | None = None
    hours: tuple[int, int] | None = None  # "in the afternoon": the part of the day it is told in, no clock
    parties: list[str] = field(default_factory=list)
    city: City | None = None
    venue: str | None = None
    status: EventStatus = EventStatus.SCHEDULED
    future: bool = False
    people: list[PersonMention] = field(default_factory=list)
    heads: set[str] = field(default_factory=set)
    mediators: set[str] = field(default_factory=set)  # "mediated by Turkey and Qatar": sides, but not the ones at odds
    near: bool = False  # "near San Francisco", "south of Cairo": the city is a landmark, the meeting is close by
    beside: bool = False  # "a bilateral meeting on the sidelines of the gathering": its own meeting, not the gathering
    abroad: str | None = None  # "peace negotiations in Malaysia": the country it happens in, when no city is named
    onward: bool = False  # "will travel on to Montevideo, where he meets ...": a stop the trip goes on to

    @property
    def anchored(self) -> bool:
        """Has a clock time or a day of its own."""
        return self.clock is not None or self.day is not None


@dataclass
class Group:
    """Mentions merged into one real meeting."""

    mentions: list[Mention]

    @property
    def clock(self) -> ClockMention | None:
        return next((m.clock for m in self.mentions if m.clock), None)

    @property
    def day(self) -> date | None:
        days = [m.day for m in self.mentions if m.day and not m.day_from_weekday]
        days = days or [m.day for m in self.mentions if m.day]
        return days[0] if days else None

    @property
    def parties(self) -> list[str]:
        out: list[str] = []
        for m in self.mentions:
            out += [p for p in m.parties if p not in out]
        return out

    @property
    def weight(self) -> int:
        return len(self.mentions)


_ACTIVE_CHANGE = fastre.compile(
    r"^(?:delay|postpone|postpones|cancel|cancels|scrap|scrap the|call off|put off|push back)$", re.I
)


_RELATIVE_BEFORE = fastre.compile(r"(\w+)\s+(?:that|which)\s+(?:[\w'’-]+\s+){1,3}$")


_RESCHEDULING = fastre.compile(
    r"\b(?:reschedul(?:e|es|ed|ing)|making\s+up(?:\s+for)?)\s+(?:a|an|the|his|her|their|its)\s+(?:\w+\s+)?(?:trip|visit|meeting|talks|summit)\b"
)


_OTHER_OBJECT = fastre.compile(
    r"\s+(?:the\s+|its\s+)?(?:standing\s+orders|rules|constitution|sanctions|aid|flights|operations|production"
    r"|trading|exports|imports|payments|deliveries|funding)\b"
)


def _changes_meeting(text: str, cue: re.Match[str]) -> bool:
    """An active "delay"/"cancel" counts only when a meeting is what it acts on ("to delay new sanctions" is not)."""
    rel = _RELATIVE_BEFORE.search(text, max(0, cue.start() - 60), cue.start())
    if rel and not lexicon().trigger_re.fullmatch(rel.group(1)):
        return False  # "communications that Beijing suspended": the change is to something else
    if re.search(r"\bsince\b", text[: cue.start()]) or re.match(r"\s+[A-Z]", text[cue.end() : cue.end() + 2]):
        return False  # "since a call with suspended Prime Minister X": background, or a word qualifying a name
    if _OTHER_OBJECT.match(text, cue.end()):
        return False  # "suspended standing orders to allow a special sitting": the change is to the rules
    if not _ACTIVE_CHANGE.match(cue.group(0)):
        return True  # "postponed", "called off", "on hold": said of the meeting
    after = text[cue.end() : cue.end() + 40]
    if re.match(
        r"\s*(?:[,.;]|$|(?:again|until|till|indefinitely|amid|over|after|as)\b)", after
    ) and lexicon().trigger_re.search(text, max(0, cue.start() - 25), cue.start()):
        return True  # a headline's "Gaza vote at UN put off again": the meeting just named, in the passive
    return bool(
        lexicon().trigger_re.search(after) or re.match(r"\s+(?:it|them|the\s+(?:meeting|talks|summit|visit))\b", after)
    )


def _first_day(day: date, text: str) -> date:
    """The day talks began, from the day told when ``text`` says it was the last of several ("Two days of talks ...
    ended in Geneva on Sunday": the Saturday)."""
    span = _DAYS_ENDED.search(text)
    return day - timedelta(days=_COUNTS[(span.group(1) or span.group(2)).lower()] - 1) if span else day


# "agreed on the delay during a phone call on Monday": the call is where it was decided, and it took place
_SETTING = fastre.compile(
    r"\b(?:during|in)\s+(?:a|an|the|their|his|her)\s+(?:\w+\s+)?(?:call|meeting|talks|conversation)\b", re.I
)


# "Two days of talks ... ended", "the two-day summit closed on Friday": the day told is the last of several
_DAYS_ENDED = fastre.compile(
    r"\b(two|three|four|five|[2-5])(?:\s+days\s+of|-day)\s+(?:[\w-]+\s+){0,2}?(?:talks|negotiations|summit|meeting|"
    r"meetings|discussions|conference|gathering|session|sessions|consultations|dialogue|round)\b[^.;]{0,120}?"
    r"\b(?:ended|concluded|closed|wrapped\s+up)\b"
    # "The talks broke up on Monday after eight days"
    r"|\b(?:ended|concluded|closed|wrapped\s+up|broke\s+up)\b[^.;]{0,40}?\bafter\s+(two|three|four|five|six|seven|eight|"
    r"nine|ten|[2-9])\s+days\b",
    re.I,
)


def _month_gone(vague: str, published: date) -> bool:
    """Whether a part of a month ("in late September") lies in the six months before the month of ``published``."""
    month = lexicon().months.get(vague.rsplit(maxsplit=1)[-1].rsplit("-", 1)[-1])
    return month is not None and 0 < (published.month - month) % 12 <= 6


# "X told Y by phone that ...": the speech verb is cut off as the attribution, the call is in the clause
_TOLD_BY_PHONE = fastre.compile(r"\b(?:told|assured|warned|informed|urged|reassured)\b")
_BY_PHONE = fastre.compile(r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:by\s+(?:tele)?phone|in\s+an?\s+(?:tele)?phone\s+call)\b")


# a trip told in the past tense, made to hold a meeting: the meeting is past too
_WENT_TO_CHAIR = fastre.compile(
    r"\b(?:returned|flew|travell?ed|arrived|went|came|headed|rushed|hurried)\b[^.;]{0,80}?\bto\s+"
    r"(?:chair|attend|hold|join|lead|host)\s+(?:a|an|the|his|her|their)\b"
)


def _status(text: str, future: bool) -> EventStatus:
    lex = lexicon()
    if _AFTER_TALKS.search(text):
        return EventStatus.HELD  # "After eight hours of talks, Ukraine said it was prepared to ...": over
    if not future and _SETTING.search(text) and lex.status_res["held"].search(text):
        return EventStatus.HELD
    if _RESCHEDULING.search(text):
        return EventStatus.POSTPONED  # "rescheduling a trip that was called off in February": moved, not dropped
    if any(_changes_meeting(text, c) for c in lex.status_res["cancelled"].finditer(text)):
        return EventStatus.CANCELLED
    if any(_changes_meeting(text, c) for c in lex.status_res["postponed"].finditer(text)):
        return EventStatus.POSTPONED
    ongoing = (lex.status_res["ongoing"].search(text) or _NTH_DAY.search(text)) and not future
    # "concluded that it was not the time": a judgement, not talks that ended
    held_cues = lex.status_res["held"].finditer(text)
    held = not future and any(not re.match(r"\s+that\b", text[h.end() :]) for h in held_cues)
    if ongoing and (not held or _NOW.search(text)):
        return EventStatus.ONGOING  # "are under way", "are holding talks": happening as reported
    if held:
        return EventStatus.HELD  # "met ..., which began at 0730 GMT": over, the start is a detail
    return EventStatus.SCHEDULED


_NOW = fastre.compile(
    r"\b(?:under\s*way|are|is)\s+(?:\w+\s+)?(?:holding|meeting|talking|negotiating|underway)\b|under\s*way|continu",
    re.I,
)


# "a press conference", "news briefing": the briefing after a meeting, never the meeting
_PRESS = r"\b(?:news|press)\s+(?:conference|briefing)"
_NOT_MEETINGS = fastre.compile(
    _PRESS + r"|conference\s+call|earnings\s+call|margin\s+call"
    # "to call again for an end to the violence": a demand, not a telephone call
    r"|call(?:ed|s|ing)?\s+(?:(?:again|once\s+more|anew|repeatedly|publicly|jointly)\s+)?(?:for|on)\b"
    r"|call(?:ed|s|ing)?\s+(?:an?\s+|the\s+)?(?:snap\s+|early\s+|general\s+)?(?:election|referendum|strike)s?\b"
    # "was met on the tarmac at Jacksons International Airport by the prime minister": a welcome, not talks
    r"|\b(?:was|were)\s+met(?=\s+(?:on\s+the\s+tarmac|at\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,3}[Aa]irport))"
    # "a bill, which critics call a Russian-style law": the verb after its subject
    r"|\b(?:critics|they|we|you|some|many|others|opponents|supporters|analysts|people)\s+(?:\w+ly\s+)?call\b"
    # "a new round of street protests", "the latest round of sanctions": a bout of something else, not talks
    r"|\brounds?\s+of\s+(?:[\w-]+\s+){0,2}?(?:protests?|demonstrations?|strikes?|sanctions|tariffs|fighting|clashes"
    r"|violence|shelling|air\s*strikes|strikes|elections?|voting|layoffs|cuts|hikes|tests?|drills|exercises|arrests"
    r"|lockdowns?|price\s+rises|rate\s+(?:hikes|cuts))\b"
    r"|wage\s+talks|contract\s+talks|pay\s+talks|merger\s+talks|due\s+(?:at|in)\s+(?:\d|around|about|noon|midnight)"
    # "forced the budget through without a vote": a meeting that does not happen
    r"|\bwithout\s+(?:a\s+|any\s+)?(?:\w+\s+)?(?:vote|meeting|talks|summit|debate)\b"
    # "the election must be held by June 3": a vote of the people is no meeting
    r"|\b(?:elections?|polls?|referendum|ballot|primary|primaries)\b[^.;,]{0,30}?\bheld\b"
    # "will travel to Jaipur, where he is due to speak at a conference": a speech, not a meeting of sides
    r"|\b(?:speak|speaks|spoke|speaking|lecture|deliver\s+(?:a\s+)?(?:speech|lecture|keynote))\s+(?:at|to)\s+"
    r"(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:conference|forum|event|gathering|seminar)\b"
    # "Justice Carmen Lucia cast the decisive third vote", "the justices voted 4-1": a court's ruling, not a meeting
    r"|\b(?:Justices?|Judges?|justices|judges|jurors)(?:\s+[A-Z][\w'’-]*){0,3}\s+cast(?:s|ing)?\s+(?:[\w-]+\s+){0,3}votes?\b"
    r"|\b(?:justices|judges|jurors)\s+vot(?:ed|es?|ing)\b"
    # "the summit of Mount Mitchell", "we are at the summit of Africa": a top, not a meeting
    r"|\bsummit\s+of\s+(?:Mount|Mt\.?|the\s+(?:mountain|hill|peak|world|game))\b"
    r"|\b(?:at|reach|reached|reaching|to)\s+the\s+summit\s+of\s+(?!the\s+(?:G\d|leaders|heads))[A-Z][a-z]+\s*[.!?\"”]"
    # "cancelled a planned campaign trip to Wisconsin": electioneering, not diplomacy
    r"|\bcampaign\s+(?:trip|stop|visit|event|rally|swing)s?\b"
    # "The audience for this is in Washington": the people addressed, not a papal audience
    r"|\baudience\s+(?:for|of)\s+(?:this|that|these|those|the\s+(?:move|speech|message|decision|show))\b"
    # "a bilateral arrangement", "bilateral trade": the adjective, not "a bilateral with Modi"
    r"|\bbilateral\s+(?:arrangements?|trade|ties|relations(?:hip)?|deals?|agreements?|accords?|issues|cooperation"
    r"|investment|disputes?|treaty|pact|frameworks?|visits?\s+programme)\b",
    re.I,
)


@lru_cache(maxsize=512)  # a clause is asked twice: whether it has a meeting word, then which
def _triggers(text: str) -> tuple[re.Match[str], ...]:
    """Meeting words in ``text``, leaving out phrases that only look like meetings ("news conference")."""
    lex = lexicon()
    found = list(lex.trigger_re.finditer(text))
    if not found:
        return ()
    masked = [(m.start(), m.end()) for m in _NOT_MEETINGS.finditer(text)]
    return tuple(t for t in found if not any(a <= t.start() < b for a, b in masked))


def _hypothetical(text: str) -> bool:
    lex = lexicon()
    if re.match(r"\s*(?:Were|Should|Had)\s+(?:the\s+)?[A-Z]", text):
        return True  # "Were Modi and Xi to hold a meeting, ...": an inverted conditional
    if re.match(r"\s*Whether\s", text):
        return True  # "Whether Modi and Xi will hold a bilateral meeting ... remains unclear": not yet a plan
    trigs = list(lex.trigger_re.finditer(text))
    upto = trigs[-1].end() + 12 if trigs else len(text)
    for m in lex.hypothetical_re.finditer(text, 0, upto):
        if re.search(r"\b(?:the|a|an)\s+$", text[max(0, m.start() - 4) : m.start()]):
            continue  # "the proposed summit" names a planned meeting
        if m.group(0).lower() in ("proposed", "suggested") and re.match(r"\s+by\b", text[m.end() :]):
            continue  # "a new forum proposed by Macron": what the forum is, not a meeting only proposed
        return True
    return False


_PRESS_EVENT = fastre.compile(_PRESS + r"s?\b", re.I)


def _event_clocks(text: str) -> list[ClockMention]:
    """Clock times that can be an event's: not arrival/publication times, parenthetical equivalents dropped."""
    lex = lexicon()
    kept: list[ClockMention] = []
    called_off = bool(lex.status_res["cancelled"].search(text))
    postponed = bool(lex.status_res["postponed"].search(text))
    clocks = find_clocks(text)
    for c in clocks:
        if lex.non_event_time_re.search(text[max(0, c.start - 30) : c.start]):
            continue
        if _COMES_AFTER.search(text[: c.start]) or _NON_EVENT_VERB.search(text[max(0, c.start - 40) : c.start]):
            continue  # "comes after an ultimatum that expired at midnight": another thing's hour
        if " in " in text[c.end : c.end + 30] and _elsewhere_end(text, c.end) is not None:
            continue  # "at 3 a.m. on Thursday in Beijing", after the venue: the hour on another clock
        if _CLOSES_AT.search(text, max(0, c.start - 30), c.start):
            continue  # "had been scheduled to close at 6 p.m. on Friday": when it was to end, not begin
        if _UNTIL_HOUR_AT.search(text, max(0, c.start - 40), c.start) and not postponed:
            continue  # "talks had run until shortly before midnight": when they stopped, not when they began
        flight = _FLIGHT.search(text, max(0, c.start - 100), c.start)
        if flight and not lex.trigger_re.search(text, flight.end(), c.start):
            continue  # "landed at Fua'amotu International Airport at 3.10pm": the plane's hour, however long the name
        press = _PRESS_EVENT.search(text, max(0, c.start - 60), c.start)
        if press and not lex.trigger_re.search(text, press.end(), c.start):
            continue  # "with a closing press conference by Barrot expected at around 4pm": the briefing's hour
        occasion = _OTHER_OCCASION.search(text[max(0, c.start - 70) : c.start])
        if occasion and not lex.trigger_re.search(occasion.group(0)):
            continue  # "due to give a television interview to two channels at 8:00 pm": the interview's hour
        before = text[max(0, c.start - 40) : c.start]
        if (
            _OLD_DATE.search(before)
            and not (re.search(r"\bfrom\s+$", before, re.I) and not lex.status_res["postponed"].search(text))
            and not called_off  # a cancelled meeting keeps the slot it had
            and not _KEPT_SLOT.match(text, c.end)  # "had been set for 3pm and started on time"
            # "had been due to start at 1300 GMT" with no new hour or move told: the slot it has (or had)
            and (postponed or clocks[-1] is not c)
        ):
            continue  # the slot it had before a move
        if kept and re.fullmatch(
            r"\s*(?:,\s*)?(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s*)?\(\s*",
            text[kept[-1].end : c.start],
        ):
            # "12:30 local time (0930 GMT)": one moment, said twice; keep both readings
            if kept[-1].equivalent is None and kept[-1].zone != c.zone:
                kept[-1] = dataclasses.replace(kept[-1], equivalent=c)
            continue
        if (
            kept
            and kept[-1].zone is None
            and c.zone
            and re.fullmatch(r"\s*(?:-|–|to|until|and)\s*", text[kept[-1].end : c.start])
        ):
            kept[-1] = ClockMention(kept[-1].start, kept[-1].end, kept[-1].hour, kept[-1].minute, c.zone, kept[-1].text)
        if kept and _STARTED_LATE.search(text, max(0, c.start - 40), c.start):
            kept = []  # "was called for 10 a.m. but started late, at 11:30": the hour it really began
        kept.append(c)
    return kept


# "until shortly before midnight on Sunday", "till late on Friday", "until 2 a.m.": where something stopped
# "shortly before", "just after", "around": how near the hour or day something ran to
_ROUGHLY = r"(?:(?:shortly|just|well|long)\s+)?(?:(?:before|after|past)\s+|about\s+|around\s+)?"
_CLOSES_AT = fastre.compile(
    r"\b(?:close|closes|closed|end|ends|ended|conclude|concludes|concluded|finish|finishes|finished|wrap\s+up"
    r"|wraps\s+up)\s+(?:at|by|around|about)\s+$",
    re.I,
)
_UNTIL_HOUR_AT = fastre.compile(
    r"\b(?:until|till|through)\s+" + _ROUGHLY + "$"
    # "in talks that went on past midnight": the hour they ran to
    r"|\b(?:went\s+on|go(?:es)?\s+on|ran|runs?|continued|dragged\s+on|stretched|lasted)\s+(?:well\s+|long\s+)?"
    r"(?:past|beyond|into)\s+(?:the\s+)?$"
)
_UNTIL_HOUR = fastre.compile(
    r"\b(?:until|till)\s+" + _ROUGHLY + r"(?:late\s+|early\s+)?"
    r"(?:midnight|noon|dawn|\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?|GMT|hours)?|the\s+early\s+hours)?\s+(?:on\s+)?$"
)
_FLIGHT = fastre.compile(
    r"\b(?:arrived|arrives|landed|lands|touched\s+down|touches\s+down|flew\s+out|fly\s+out|flies\s+out|took\s+off"
    r"|departed|departs)\b[^,;()]{0,90}$",
    re.I,
)
_STARTED_LATE = fastre.compile(
    r"\bbut\s+(?:only\s+)?(?:started|began|opened|got\s+under\s*way)\s+(?:\w+\s+){0,2}?(?:late\s*,?\s*)?(?:at\s+)?$",
    re.I,
)


def _segments(clause: Clause, clocks: list[ClockMention]) -> list[tuple[Clause, list[ClockMention]]]:
    """One piece per distinct clock time that has a meeting word of its own."""
    if len(clocks) < 2:
        return [(clause, clocks)]
    trig = lexicon().trigger_re
    pieces: list[tuple[int, int, list[ClockMention]]] = []
    pos = 0
    for c in clocks:
        seg_has_trigger = bool(trig.search(clause.text, pos, c.end))
        if pieces and not seg_has_trigger:
            s, _, cl = pieces[-1]
            pieces[-1] = (s, c.end, [*cl, c])
        else:
            pieces.append((pos, c.end, [c]))
        pos = c.end
    s, _, cl = pieces[-1]
    pieces[-1] = (s, len(clause.text), cl)
    return [(Clause(clause.start + a, clause.text[a:b], clause.attribution), cl) for a, b, cl in pieces]


def _venue_city(text: str, start: int, prep: str | None, end: int) -> bool:
    """A city named as where something happens: "in Doha", "the resort of Sharm el-Sheikh", not "the war in Gaza"."""
    lex = lexicon()
    if prep == "in" and _POSTED_IN.search(text, max(0, start - 30), start):
        return False  # "defence attaches posted in Bangkok": where people are stationed, not where they meet
    if prep in ("in", "at") and capital_phrase_at(text, start):
        return True  # "talks on the nuclear programme in the Omani capital": a seat of power, not a war zone
    before = text[max(0, start - 40) : start]
    topics = list(lex.topic_re.finditer(before))
    if topics and not lex.trigger_re.search(before[topics[-1].end() :]):
        # "the war in Gaza", "fighting in the eastern city of Goma": the topic's own place; but in "talks on trade
        # in Geneva" or "talks on Tehran's nuclear programme in Rome" the topic ended and "in" places the talks
        if prep not in ("in", "at") or _LOCATIVE_END.search(topics[-1].group(0)) or not _TALKS_ON.search(before):
            return False
    if re.search(
        r"\b(?:capital|city|town|resort|port|village|retreat|residence|estate)\s+(?:of\s+)?$|\bvisit(?:s|ing|ed)?\s+$",
        before,
        re.I,
    ):
        return True  # "the Qatari capital Doha", "the resort of Sharm el-Sheikh"
    if _NEAR.search(before):
        return True
    if prep is None and _NAMED_FOR.match(text, end):
        return True  # "The Astana meeting, held on Monday", "the Geneva talks": named for where they are
    if prep == "of":
        return False
    if prep == "to" and _THINGS_TO.search(before):
        return False  # "paused some weapons deliveries to Kyiv": where things go, not where anyone meets
    return prep in ("in", "at", "to", "near", "outside")


_LOCATIVE_END = fastre.compile(r"\b(?:in|at|near|inside|across)$", re.I)
# a meeting word with its subject after it: "talks on", "a meeting about", "discussions over"
_TALKS_ON = fastre.compile(
    r"\b(?:talks|negotiations|meeting|meetings|summit|discussions|consultations|conference|session)\s+"
    r"(?:on|about|over|concerning)\b",
    re.I,
)
_POSTED_IN = fastre.compile(
    r"\b(?:posted|stationed|based|accredited|deployed|resident|living|jailed|detained|imprisoned|exiled)\s+in\s+"
    r"(?:the\s+)?$"
)


_NAMED_FOR = fastre.compile(r"\s+(?:\w+\s+)?(?:meeting|talks|summit|round|negotiations|conference)\b")
_THINGS_TO = fastre.compile(
    r"\b(?:deliver(?:y|ies)|shipments?|supplies|aid|exports?|weapons|arms|access|ambassadors?|threats?|links|ties"
    r"|loans?|payments?|transfers?|pipelines?|flights|routes?|remittances)\s+(?:[\w'’-]+\s+){0,2}?to\s+(?:the\s+)?$",
    re.I,
)


_NEAR = fastre.compile(
    r"\b(?:near|outside|(?:just\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of"
    r"|outskirts\s+of|(?:miles|km|kilometres|kilometers)\s+(?:from|of))\s+"
    # "north of the Pacific port city of Vladivostok"
    r"(?:the\s+(?:[\w-]+\s+){0,3}(?:city|port|town|capital|resort)\s+of\s+)?$",
    re.I,
)


_STRONG_FUTURE = fastre.compile(
    r"\b(?:will|would|'ll|is\s+to|are\s+to|due\s+to|set\s+to|scheduled\s+(?:to|for)|expected\s+to|slated|to\s+be\s+held"
    r"|upcoming|next)\b",
    re.I,
)
_SPEAKER = fastre.compile(
    # "..., Ecuador's ambassador Jose De La Gasca, told members that the vote would ...": the one telling
    r"^\s*(?:,[^,]{1,60},\s*|,\s*)?(?:said|says|saying|told|wrote|added|argued|warned|insisted|posted)\b",
    re.I,
)
_SPEAKER_MEETS = fastre.compile(
    r"^\s*(?:said|says|told\s+\w+)\s+(?:that\s+)?(?:he|she|they)\s+(?:would|will|was\s+going\s+to|plans\s+to|hoped\s+to)"
    r"\s+(?:meet|attend|hold|travel|visit|host|speak|join|lead)",
    re.I,
)
_NON_EVENT_VERB = fastre.compile(
    r"\b(?:arrived|arrives|arriving|landed|lands|flew|flying|left|departed|took\s+effect|took\s+office|"
    r"expired|killed|died|struck|attacked|elected|sworn\s+in|(?:statement|communiqu[eé]|declaration)\s+(?:was\s+)?"
    r"(?:issued|released|published)|(?:draft|text|resolution|proposal|document)\s+(?:was\s+)?circulated)\b[^,;]{0,40}$",
    re.I,
)
_WAS_CALLED_OFF = fastre.compile(
    r"\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:called\s+off|cancell?ed|scrapped|axed|abandoned)\b",
    re.I,
)
_OTHER_OCCASION = fastre.compile(
    r"\b(?:interviews?|speech(?:es)?|address|news\s+conferences?|press\s+conferences?|briefings?|statements?|broadcasts?)\b"
    r"[^.;]{0,60}$",
    re.I,
)
_KEPT_SLOT = fastre.compile(
    r"[^.;]{0,30}?\b(?:and|but)\s+(?:\w+\s+)?(?:started|began|opened)\s+(?:on\s+time|as\s+planned)"
)
# "After more than eight hours of talks in Jeddah, Ukraine said on Tuesday ...": the talks are over, and they ended
# on the day their outcome was told
_AFTER_TALKS = fastre.compile(
    r"^\s*(?:After|Following|At\s+the\s+end\s+of)\s+(?:more\s+than\s+|nearly\s+|almost\s+|about\s+|some\s+)?"
    r"(?:\w+\s+)?(?:hours|days)\s+of\s+(?:\w+\s+)?(?:talks|negotiations)\b"
)
# "put off again, now expected Wednesday", "would try again on Wednesday": the day a put-off meeting moves to
_AGAIN_ON = fastre.compile(
    r"\b(?:now\s+(?:expected|due|set|scheduled)|(?:try|vote|meet|convene|sit)\s+again)(?:\s+(?:on|for))?\s+$", re.I
)


def _moved_to(text: str, d: DateMention) -> bool:
    """The date a postponement names as the new one: "pushed to Friday", "now expected Wednesday"."""
    return bool(
        _NEW_DATE.search(text[max(0, d.start - 8) : d.start]) or _AGAIN_ON.search(text[max(0, d.start - 30) : d.start])
    )


_DAYS_APART = fastre.compile(r",\s+(a|one|two|three|four|five|six|seven|\d)\s+days?\s+(before|after)\s+$", re.I)
# "Talks entered their third day on Wednesday": under way, and begun two days before the day told
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_NTH_DAY = fastre.compile(
    r"\b(?:entered|enter|enters|entering|went\s+into|go(?:es)?\s+into|moved\s+into|stretched\s+into)\s+"
    rf"(?:its|their|a|the)\s+({'|'.join(_ORDINALS)})\s+(?:straight\s+|consecutive\s+|full\s+)?day\b",
    re.I,
)
_MOVED_BY = fastre.compile(
    r"\b(?:pushed\s+back|postponed|delayed|put\s+off|moved\s+back|deferred)\s+by\s+(a|one|two|three|four|five|six|seven|"
    r"[1-7])\s+(days?|weeks?)\b(?!\s*(?:,\s*)?(?:to|until|till)\b)",
    re.I,
)
_COUNT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_COUNTS = {"a": 1} | {w: i for i, w in enumerate(_COUNT_WORDS, 1)} | {str(i): i for i in range(1, 10)}
_WHEN_BEFORE = fastre.compile(r",\s+when\s+$")
_AS_BEFORE = fastre.compile(r"\s+as\s+$")
_BALLOT = fastre.compile(
    r"\b(?:registered|eligible|went|go|going|turned\s+out|queued)\s+to\s+vote\b"
    r"|\bvote\s+in\s+(?:[\w'’-]+\s+){0,3}(?:elections?|polls|referendum|primar(?:y|ies)|run-?offs?)\b",
    re.I,
)
_IN_COUNTRY = fastre.compile(r"\b(?:in|to)\s+(?:the\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\b(?!['’]s)")
_VISIT_TO = fastre.compile(
    r"\b(?:visit|visits|trip|travel|travels|travelled|traveled)\s+to\s+(?:the\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)"
)
_BESIDE_OF = r"\b(?:on|at)\s+the\s+(?:sidelines|margins|fringes?)\s+of\b"
_BESIDE = fastre.compile(_BESIDE_OF, re.I)
# the gathering's name after it, in capitals: "on the fringes of the Asia-Pacific Economic Cooperation forum"
_BESIDE_NAME = fastre.compile(
    _BESIDE_OF + r"\s+(?:the\s+|a\s+|an\s+)?((?:[A-Z0-9][\w.'’&-]*\s+(?:of\s+|and\s+|for\s+)?)*[A-Z0-9][\w.'’&-]*)"
)
# the way home: "and Biden is scheduled to return to Washington on Wednesday"
_RETURN = r"\b(?:return|returns|returned|returning|fly\s+back|flies\s+back|head\s+back|heads\s+back)"
_HOME_AGAIN = fastre.compile(_RETURN + r"\s+(?:home\s+)?(?:to\s+[^,;]{1,30}?)?\s*(?:on\s+)?$")
_SINCE_DONE = fastre.compile(
    r"\bsince\s+(?:[\w'’-]+\s+){1,4}?(?:[a-z]\w*ed|took|began|went|left|came|met|held|broke|struck|fell|won|lost)\b"
    r"[^,;]{0,40}$"
)
# the "where" hangs on a meeting that came before this one
_WHERE_BEFORE = fastre.compile(
    r"\b(?:comes?|came|follows?|followed)\s+(?:[\w-]+\s+){0,3}?(?:after|following)\s+[^,;]{0,60}"
    r"\b(?:visit|trip|tour|talks|summit|meeting)\s+(?:to|in|with)\s+[^,;]{1,40}$"
    # "landed late on Thursday after visiting Tokyo, where he attended the G7 meeting": the stop before
    r"|\b(?:after|since)\s+(?:visiting|a\s+stop\s+in|stopping\s+in|a\s+visit\s+to)\s+[^,;]{1,40}$"
)
_COMES_AFTER = fastre.compile(
    r"\b(?:comes?|came|follows?|followed)\s+(?:\w+\s+){0,2}?(?:after|since|following)\b", re.I
)
# lower-case only: "Armed" in "the Senate Armed Services Committee on Tuesday" is a name, not a past tense
_PAST_VERB = fastre.compile(
    r"\b(?:[a-z]\w*ed|took|met|held|said|began|was|were|had|spoke|came|went|made|gave|agreed|signed|won|lost|saw|told"
    r"|sent|wrote|brought|left|led|sought|struck|stood|sat|flew|ran|rang|threw|chose|drew|broke|fought|kept|felt|built"
    r"|paid|laid|meant|heard|found|got|became|thought|taught|caught|bought|sold|shook|rose|fell|spent)\s+"
    r"(?:\w+\s+){0,3}$"
)


# "Regional leaders meeting in Djibouti on Saturday said": the day of the meeting the speakers were at
_MEETING_THERE = fastre.compile(r"\b(?:meeting|gathered|gathering|assembled)\s+(?:in|at)\s+(?:[A-Z][\w'’-]*\s+){1,3}$")


# a noun, then a past participle that is not a meeting's own: "objections raised on Friday", "the text agreed
# on Monday by envoys"
_REDUCED_RELATIVE = fastre.compile(
    r"\b(?!(?:was|were|is|are|be|been|being|has|have|had|it|they|he|she|talks|meeting|summit|session|vote)\b)"
    r"[a-z]{3,}\s+(?!(?:scheduled|planned|slated|postponed|delayed|moved|rescheduled|called|convened|held|expected"
    r"|arranged|announced|confirmed|pencilled|penciled|pushed|brought|put|set|due|hosted|chaired|organi[sz]ed"
    r"|opened|started|launched|resumed|extended|shifted)\b)(?:[a-z]+ed|made|taken|given|sent|shown|voiced|drawn)"
    r"\s+(?:on\s+)?$"
)


def _told_on(text: str, d: DateMention) -> bool:
    """ "said on Thursday", "on Monday, officials said": the day something was told, not a meeting's day."""
    if _SPEECH_BEFORE.search(text[max(0, d.start - 80) : d.start]):
        return True
    if _SPEECH_AFTER.match(text[d.end :]):
        return not _MEETING_THERE.search(text[max(0, d.start - 60) : d.start])
    # "Earlier on Friday, Foreign Minister Sergei Lavrov said Moscow would be ready for talks"
    fronted = d.start <= 12 and _FRONTED_SPEAKER.match(text, d.end)
    return bool(fronted and not lexicon().trigger_re.search(fronted.group(0)))


_FRONTED_SPEAKER = fastre.compile(
    r"\s*,\s*(?:[\w.'’-]+\s+){1,7}?(?:said|told|announced|confirmed|stated|added|wrote|posted|declared)\b"
)


def _pick_days(text: str, dates: list[DateMention]) -> tuple[list[DateMention], list[DateMention]]:
    """Split a clause's dates into the event's and the old ones ("originally set for Thursday")."""
    event: list[DateMention] = []
    old: list[DateMention] = []
    trig = lexicon().trigger_re.search(text)
    for d in dates:
        before = text[max(0, d.start - 40) : d.start]
        if _told_on(text, d):
            continue  # the day something was said, not the day of the meeting
        if _NAMES_ANOTHER_EVENT.search(before):
            continue  # "after the Hamas attack of Oct. 7": the date names the attack
        if _AGREED_ON.search(before) and re.match(r"\s*,?\s+to\s+[a-z]", text[d.end :]):
            continue  # "Ukraine agreed on Sunday to send a delegation": the day of the agreement
        if _DECIDED_ON.match(text, d.end):
            continue  # "Biden on Tuesday postponed his visit": the day of the decision, not of the visit
        if _in_zone_conversion(text, d):
            continue  # "4:30 p.m. local time (6:30 a.m. Saturday, Japan time)": the other zone's day
        if _ENDS_ON.search(before) or _CLOSE_AFTER.match(text, d.end):
            continue  # "opens at 10:00 am ... and is scheduled to close on Thursday": the last day, not the first
        if _GOES_ON.search(before) and (lexicon().status_res["ongoing"].search(text) or _STRETCHED.search(text)):
            continue  # "stretched into the evening and will continue on Sunday": a later day of talks under way
        if _CONTINUE_ON.search(before) and _THE_TALKS.match(text):
            continue  # "The discussions are expected to continue on Sunday": a later day of the talks told before
        if (
            d.modifier == "until"
            or re.search(r"\b(?:into|through|till|until|beyond)\s+(?:the\s+)?(?:planned\s+|scheduled\s+)?$", before)
            or _UNTIL_HOUR.search(before)
        ) and not lexicon().status_res["postponed"].search(text):
            continue  # "could continue into Friday", "extended beyond Sunday": where it ends, not when it starts
        if d.modifier == "since" and (trig is None or not trig.start() < d.start <= trig.end() + 40):
            continue  # "the officials detained since Tuesday": since when something else has lasted
        if _WHO_TRAVELLED.search(text, 0, d.start):
            continue  # "Sanchez, who arrived on the island late Wednesday after a long flight, spoke at": his arrival
        if _NON_EVENT_VERB.search(before) and (trig is None or trig.start() > d.start or trig.end() < d.start - 40):
            continue  # "arrived on Monday", "took effect on Saturday"
        if trig is not None and trig.end() <= d.start and _COMES_AFTER.search(text[trig.end() : d.start]):
            continue  # "The meeting comes after an ultimatum issued on July 30": the day of what came before
        if trig is not None and trig.end() <= d.start and _HOME_AGAIN.search(text[trig.end() : d.start]):
            continue  # "The summit will conclude on Tuesday, and Biden will return to Washington on Wednesday"
        if trig is not None and trig.end() <= d.start and _REDUCED_RELATIVE.search(text, trig.end(), d.start):
            continue  # "will address objections raised on Friday by Erdogan": the day of the objections
        if trig is not None and trig.end() <= d.start and _SINCE_DONE.search(text[trig.end() : d.start]):
            continue  # "the first talks since workers walked out on Sept. 13": the day of what they follow
        if trig is not None and d.end <= trig.start() and re.search(r"\bthat\b", text[d.end : trig.start()]):
            continue  # "Trump on Thursday put ... telling a reporter that the meeting": the day of the telling
        moved_to = _NEW_DATE.search(text[max(0, d.start - 8) : d.start]) and lexicon().status_res["postponed"].search(
            text[max(0, d.start - 40) : d.start]
        )
        if (
            trig is not None
            and not moved_to
            and d.start > trig.end()
            and re.search(r"\b(?:that|which|who)\b", text[trig.end() : d.start])
        ):
            if not re.search(
                r"\b(?:that|which)\s+(?:(?:will|is|are|was|were)\s+(?:due|set|scheduled|held|expected|to|open|start|begin"
                r"|take\s+place|get\s+under\s+way)\b"
                r"|had\s+been\s+(?:due|set|scheduled|expected)|start|starts|begin|begins"
                r"|open|opens|take\s+place|takes\s+place|run|runs)",
                text[trig.end() : d.start],
            ):
                continue  # a day inside a relative clause about something else
        if _OLD_DATE.search(before) and not (
            re.search(r"\bfrom\s+$", before, re.I) and not lexicon().status_res["postponed"].search(text)
        ):
            old.append(d)  # "from March 20 to 22" is a span, not the slot before a move
        else:
            event.append(d)
    return event, old


_WAS_TO = fastre.compile(
    r"\b(?:was|were)\s+(?:due\s+)?to\s+(?:have\s+)?\w+|\bhad\s+been\s+(?:due|set|scheduled|expected)\b"
)
_NAMES_ANOTHER_EVENT = fastre.compile(
    r"\b(?:attacks?|assault|massacre|raid|invasion|bombings?|uprising|coup|revolution|earthquake|elections?)\s+"
    r"(?:of|on)\s+$",
    re.I,
)
_PAST_AFTER = fastre.compile(r"\s+(?:failed|ended|broke\s+up|collapsed|yielded|produced|went|was|were|had)\b")
# a verb that says the meeting happened, just before its date: "closed on April 24"
_HAPPENED_ON = fastre.compile(
    r"\b(?:closed|ended|concluded|opened|began|started|met|took\s+place|wrapped\s+up|adopted|signed|finished)"
    r"\s+(?:\w+\s+){0,2}$"
)
# a clause told in the past: a subject of up to twelve words ("French Finance Minister Bruno Le Maire and his German
# counterpart Christian Lindner reached"), then a past verb
_DETERMINER_BEFORE = fastre.compile(r"\b(?:a|an|the|its|their|his|her)\s+$", re.I)
_MAIN_PAST = fastre.compile(
    r"\s*(?:[\w.'’,-]+\s+){1,12}?(?:had\s+(?:already\s+|just\s+)?\w+|arrived|met|held|visited|attended|spent|left|flew"
    r"|returned|travelled|traveled|hosted|received|cut\s+short|called|reached|struck|clinched|sealed|signed"
    # "was held", not "were arriving ... for a summit on Monday" nor "was due to"
    r"|(?:was|were)(?!\s+(?:\w+ing|due|set|scheduled|expected|to|slated|planned|going|about)\b))\b"
)
_PRESENT_AHEAD = fastre.compile(
    # "called a summit for Sunday": a day planned for
    r"\b(?:resume|resumes|begin|begins|start|starts|open|opens|meet|meets|hold|holds|is|are)\b|\bfor\s+$"
)
_PARTICIPLE_NOUN = fastre.compile(
    r"[a-z]\w*ed\s+(?:[A-Z][\w-]*\s+|[a-z]\w*\s+)?(?:visit|trip|talks|meeting|summit|session|vote|call|round)\b"
)
_AGREED_ON = fastre.compile(r"\b(?:agreed|decided|offered|proposed|promised|pledged|vowed)\s+(?:on\s+)?$")
_DECIDED_ON = fastre.compile(
    r"\s+(?:abruptly\s+|suddenly\s+|also\s+)?(?:postponed|cancell?ed|called\s+off|scrapped|delayed|put\s+off|"
    r"pulled\s+out\s+of|announced|confirmed"
    # "the government on Sunday disputed the summit's communique": the day of a reaction to the meeting
    r"|disputed|rejected|welcomed|critici[sz]ed|condemned|hailed|questioned|endorsed)\b"
)
_FRONTED_PAST = fastre.compile(r"\s*,\s*(?:[A-Z][\w.'’-]*\s+){1,4}(?:had|was|were|did)\s")
_ONWARD = fastre.compile(
    r"\b(?:before|then|and)\s+(?:continuing|heading|travell?ing|flying|moving\s+on|going\s+on|leaving)\s+(?:on\s+)?"
    r"(?:to|for)\s+(?:the\s+)?$"
)
_RETURN_TO = fastre.compile(_RETURN + r"\s+(?:home\s+)?to\s+$")
# "Clinton, who returned to Washington late on Monday, was expected back at the talks": his way home, in a clause of
# its own (or one the splitter cut at "who")
_WHO_RETURNED = r"(?:\bwho\s+(?:had\s+)?|^\s*)(?:returned|flew\s+back|headed\s+back)"
_WHO_RETURNED_TO = fastre.compile(_WHO_RETURNED + r"\s+(?:home\s+)?to\s+$")
_ENDS_ON = fastre.compile(
    r"\b(?:close|closes|end|ends|conclude|concludes|wrap\s+up|wraps\s+up)\s+(?:on\s+)?$"
    # "The final day, Thursday, is reserved for a second round": the last day of the meeting, not its first; but
    # "will attend the outreach session on the final day, Thursday" is that session's day
    r"|(?<![Oo]n\sthe\s)\b(?:[Ff]inal|[Ll]ast|[Cc]losing)\s+day\s*(?:,|of\s+\w+\s*,|will\s+be|is|falls\s+on|on)?\s*$"
)
# "the meeting running past its scheduled Wednesday close": the day it ends
_CLOSE_AFTER = fastre.compile(r"\s+(?:close|closing|finish|end)\b(?!\s+(?:of|to)\b)")
_WHO_TRAVELLED = fastre.compile(
    r"(?:\bwho\s+|^\s*)(?:arrived|landed|flew\s+in|touched\s+down)\b[^,;]*$"
    r"|" + _WHO_RETURNED + r"\b(?!\s+to\s+(?:the\s+)?(?:negotiating\s+)?table)[^,;]*$"
)
_CONTINUE_ON = fastre.compile(r"\bcontinue[sd]?\b[^.;]{0,40}$")
_THE_TALKS = fastre.compile(r"\s*The\s+(?:talks|discussions|negotiations|consultations|meetings)\b")
_GOES_ON = fastre.compile(r"\b(?:continue|continues|resume|resumes|reconvene|reconvenes|go\s+on)\s+(?:on\s+)?$")
_STRETCHED = fastre.compile(
    r"\b(?:stretch(?:es|ed)?|r[au]ns?|drag(?:s|ged)?|went|goes|continu(?:e|es|ed)|spill(?:s|ed)?)\s+(?:on\s+)?into\b"
    r"|\bongoing\b"
)
_CLOCK_IN = fastre.compile(r"\d[:.]?\d\d\s*(?:GMT|UTC|[ap]\.?m\.?|hours?\b)|\d\s*[ap]\.?m\.?|\btime\b", re.I)


# "The talks at the Filoli estate in Woodside are scheduled to begin at 3 a.m. on Thursday in Beijing and Singapore":
# the hour and day on another city's clock, told after the venue
_HOUR_ELSEWHERE = fastre.compile(
    r"\s*(?:on\s+[A-Z][a-z]+day\s+)?in\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"(?:\s*(?:,|and)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)*\s*(?:[.,;]|$)"
)


_DIGIT_IN = fastre.compile(r"\d[^;]{0,30}\sin\s[A-Z]")


def _elsewhere_end(text: str, end: int) -> int | None:
    """Where "on Thursday in Beijing" after an hour ends, when the clause named another city before the hour."""
    m = _HOUR_ELSEWHERE.match(text, end)
    if m is None:
        return None
    cities = lexicon().cities
    there = cities.get(m.group("place").lower())
    if there is None:
        return None
    before = [w for _a, b, _w, w in city_index().finditer(text) if b <= end]
    if not before or all(cities[name.lower()].zone == there.zone for name in before):
        return None
    return m.end()


def _in_zone_conversion(text: str, d: DateMention) -> bool:
    """A day inside the brackets that give the same moment on another clock: "(0100 GMT Saturday)", or told with
    another city's hour ("at 3 a.m. on Thursday in Beijing")."""
    if " in " in text[d.end : d.end + 4]:
        start = max(0, d.start - 20)
        if any(_elsewhere_end(text, start + c.end) is not None for c in find_clocks(text[start : d.start])):
            return True
    opened = text.rfind("(", max(0, d.start - 30), d.start)
    closed = text.find(")", d.end, d.end + 30)
    if opened < 0 or closed < 0 or ")" in text[opened : d.start]:
        return False
    return bool(_CLOCK_IN.search(text, opened, closed))


_PREVIOUS = fastre.compile(r"\b(?:previous|prior|earlier)\s+(?:[\w-]+\s+)?$", re.I)


def _future_of(text: str, trig: re.Match[str]) -> bool:
    """A future cue that governs the meeting word: not one inside a "that" clause after it ("promised at their
    2008 summit that Ukraine would one day join"). "The previous ministerial" is one held before, whatever the tense."""
    if _PREVIOUS.search(text, max(0, trig.start() - 25), trig.start()):
        return False
    for f in _STRONG_FUTURE.finditer(text):
        if f.start() < trig.start() or not re.search(r"\bthat\b", text[trig.end() : f.start()]):
            return True
    return False


def recent_day(sentence: str, published: date, *, told: bool = False) -> date | None:
    """A day of the last few days named in the sentence: the news a held meeting belongs to. With ``told``, the
    day something was said instead ("Ukraine said on Tuesday", after hours of talks that ended then)."""
    for d in find_dates(sentence, published):
        if _told_on(sentence, d) != told:
            continue  # without ``told``: "mediators said on Thursday" is the day of the telling
        if _NON_EVENT_VERB.search(sentence[max(0, d.start - 40) : d.start]):
            continue  # "a joint statement issued on Monday, after two days of talks": not the talks' day
        day = _past_day(d, published)
        if day is not None and 0 <= (published - day).days <= 3:
            return day
    return None


# "left Tehran for Baghdad on Wednesday", "flew to Hanoi on Monday": a short trip arrives the day it sets out
_ARRIVAL = (
    r"\b(?:arrived|arrives|landed|lands|touched\s+down|touches\s+down|left\s+(?:[A-Z][\w-]+\s+)?for|leaves\s+for"
    r"|flew\s+(?:in)?to|departed\s+for|set\s+off\s+for)\b"
)
_ARRIVAL_WORD = fastre.compile(_ARRIVAL, re.I)
_ARRIVED = fastre.compile(_ARRIVAL + r"[^.;]{0,70}$", re.I)


def arrives_on(sentence: str, published: date) -> bool:
    """ "Putin arrived in Astana on Nov. 27 for a two-day state visit": a visitor came on the publication day."""
    if not _ARRIVAL_WORD.search(sentence):
        return False  # most sentences: no need to read their dates
    for d in find_dates(sentence, published):
        if _ARRIVED.search(sentence[max(0, d.start - 80) : d.start]) and _past_day(d, published) == published:
            return True
    return False


def _past_day(d: DateMention, published: date) -> date | None:
    """A date's day, a bare weekday read as the latest one on or before publication."""
    return d.day or (resolve_weekday(d, published, False) if d.weekday is not None else None)


_OWN_CLAUSE = fastre.compile(
    r"\b(?:that|how|whether|who|so\s+that|in\s+order\s+to|to\s+(?:work|discuss|decide|agree|find|see))\b"
    # "extended beyond Sunday, when they had been due to end": what was planned for that day
    r"|,\s*when\b"
)


_AND_THEN = fastre.compile(r",?\s+and\s+(?:[a-z]+ed)\s+$")


def _governs(text: str, cue: re.Match[str], trig: re.Match[str]) -> bool:
    """ "the upcoming review of the pact": an adjective looks forward only for the noun it qualifies; "met on
    Tuesday to work out how the truce would be monitored": a modal inside a clause of its own is not the meeting's."""
    if cue.start() > trig.end() and _OWN_CLAUSE.search(text, trig.end(), cue.start()):
        return False
    if cue.start() > trig.end() and _AND_THEN.search(text, trig.end(), cue.start()):
        return False  # "held five hours of talks on Monday ... and agreed to meet again": the next meeting's future
    if cue.group(0).lower() not in ("upcoming", "next"):
        return True
    after = text[cue.end() : cue.end() + 25]
    return bool(lexicon().trigger_re.match(after.lstrip()) or re.match(r"\s*(?:week|month|day|year|round)\b", after))


def _distance(text: str, d: DateMention, t: re.Match[str]) -> float:
    """How far a date stands from the clause's meeting word; a date after it ("meet on Friday") is closer, and one
    before it across "and"/"but" ("crossed the border on Tuesday and will hold talks") belongs to the other verb."""
    if d.start >= t.end():
        return d.start - t.end()
    # "flies to San Diego on Sunday for a meeting ... on Monday": the day of the journey, not of the meeting
    apart = re.search(r"\b(?:and|but|then)\b", text[d.end : t.start()]) or _TRAVEL_BEFORE.search(text, 0, d.start)
    return 3 * (t.start() - d.end) + (1000 if apart else 0)


_TRAVEL_BEFORE = fastre.compile(
    r"\b(?:fl(?:y|ies|ew)|travel(?:s|led|ed)?|heads?|headed|leaves?|left|departs?|departed|sets?\s+off)\s+"
    r"(?:to|for|from)\b[^,;]{0,40}$"
)


_PROCEEDINGS_AT = fastre.compile(
    r"\s*(?:proceedings|deliberations|work|the\s+opening\s+ceremony)\s+(?:(?:is|are|will\s+be)\s+)?"
    r"(?:(?:due|set|scheduled|expected|slated)\s+to\s+|will\s+)?(?:begin|start|open|get\s+under\s*way|resume)\s+at\s+"
)
_OPENS_AT = fastre.compile(
    r"\s*(?:will\s+|is\s+(?:due|set|scheduled|expected)\s+to\s+|(?P<are>are)\s+(?:due|set|scheduled|expected)\s+to\s+)?"
    r"(?:open|opens|begin|begins|start|starts|get\s+under\s*way|gets\s+under\s*way|convene|convenes)"
    r"\s+at\s+(?:(?:around|about)\s+)?"
)


@cache
def _venue_words() -> frozenset[str]:
    """Words that head a place: what a ", which opens at" after them is said of."""
    lex = lexicon()
    return frozenset(h.lower() for h in lex.venue_heads) | frozenset(lex.raw["landmark_nouns"])


def _ends_on_meeting(text: str, reach: int = 60) -> bool:
    """The clause closes on its meeting word's phrase ("for a summit of the European Political Community"), so a
    ", which opens at noon" after it is said of that meeting."""
    found = _triggers(text)
    if not found or len(text) - found[-1].end() > reach:
        return False
    # "a visit to the city's market hall, which opens at 6 a.m.": the hall opens, not the visit
    tail = {w.lower() for w in re.findall(r"[A-Za-z]+", text[found[-1].end() :])}
    return not tail & _venue_words()


# "withdraw to the 1967 frontier", "the pre-1967 lines": a year that names a border the talks are about, not
# when something happened (an agreement, an edition or an election of that year is background)
_TOPIC_YEAR = fastre.compile(
    r"\b(?:the|its|their)\s+(?:(?:pre|post)-)?(?:1[89]|20)\d\d\s+"
    r"(?:frontiers?|borders?|lines|boundary|boundaries|ceasefire\s+lines?|armistice\s+lines?)\b"
)


_SINCE_AFTER = fastre.compile(r"\bsince\b")
_WHO_AFTER = fastre.compile(r"\b(?:who|whom)\s[^,;]*$")


def mentions_in(index: int, sentence: str, published: date | None, known: dict[str, PersonMention]) -> list[Mention]:
    """Every event mention in one sentence."""
    lex = lexicon()
    out: list[Mention] = []
    if not lex.trigger_re.search(sentence):
        return out
    for clause in clauses(sentence):
        text = clause.text
        trig = next(iter(_triggers(text)), None)
        if (
            not trig
            and out
            and out[-1].clock is None
            and (opens := _OPENS_AT.match(text))
            # "talks with the Saudi crown prince and prime minister, which are expected to get under way at 20:00":
            # a plural verb is the talks', however long the names between
            and _ends_on_meeting(out[-1].clause.text, 90 if opens.group("are") else 60)
        ):
            # "a summit of the European Political Community, which opens at noon": the summit's hour
            opening = _event_clocks(text)
            if opening:
                out[-1].clock = opening[0]
            continue
        if not trig and out and out[-1].clock is None and _PROCEEDINGS_AT.match(text):
            # "in the Senate's Palazzo Madama, where proceedings are set to begin at 10:30 a.m.": the session's hour
            opening = _event_clocks(text)
            if opening:
                out[-1].clock = opening[0]
            continue
        if not trig and out and (called_off := _it_is_off(text)):
            out[
                -1
            ].status = called_off  # "Tusk had called a summit for 6 pm, but announced that it had been called off"
            continue
        if not trig or clause.topic:
            continue
        if _hypothetical(text) or _NEGATED.search(text):
            continue
        hist = _HISTORY.search(text)
        ahead_first = hist is not None and "ago" in hist.group(0) and trig.end() < hist.start()
        if hist and not _SINCE_AGO.search(text) and not (ahead_first and _future_of(text[: trig.end()], trig)):
            continue  # history, unless a meeting ahead comes first: "will hold a meeting on a policy set years ago"

        # background ("the 2022 talks", "than earlier rounds") unless this clause dates a meeting now (see below)
        # "for talks with the officers who overthrew the president earlier this week": the people's past, not the
        # meeting's
        people_past = _WHO_AFTER.search(text, trig.end())
        told = text[: people_past.start()] if people_past else text
        # "the first phone talks since Trump announced tariffs last week": the week dates what they follow
        since = _SINCE_AFTER.search(told, trig.end())
        background = bool(
            past_years(_TOPIC_YEAR.sub(" ", told), published)
            or _RECENT_PAST.search(told, 0, since.start() if since else len(told))
            or _LONG_AGO.search(told)
        ) and not _future_of(text, trig)
        for seg, clocks in _segments(clause, _event_clocks(text)):
            m = _mention(index, seg, clocks, published, known)
            if (
                m is not None
                and background
                and (m.day is None or published is None or abs((published - m.day).days) > 7)
            ):
                continue  # "the 2022 talks", "met last month": background, unless this clause dates a meeting now
            if (
                m is not None
                and m.day is None
                and m.status is EventStatus.HELD
                and published is not None
                and any(y <= published.year - 2 for y in past_years(sentence, published))
            ):
                continue  # "After 13 days of talks ... they signed the accords that led to the 1979 treaty": history
            if m is not None and m.day is None and published and _WHEN_BEFORE.search(sentence, 0, seg.start):
                # "reached a low point on Feb. 28, when ... a planned signing was called off": that day's event
                said = [d.day for d in find_dates(sentence[: seg.start], published) if d.day]
                if said:
                    m.day = said[-1]
                    if (published - m.day).days > 21:
                        continue
            elif m is not None and m.day is None and published and m.status in (EventStatus.ONGOING, EventStatus.HELD):
                # "Leaders began arriving on Tuesday as the summit got under way": at the same time, so that day
                if _AS_BEFORE.search(sentence, 0, seg.start):
                    named = find_dates(sentence[: seg.start], published)
                    days = [d for d in named if not _told_on(sentence, d)]
                    if not days and m.status is EventStatus.HELD:
                        # "the UN said on Wednesday, as nine days of negotiations came to a close": said as it ended
                        days = named
                    if days:
                        m.day = _past_day(days[-1], published)
            if m is not None and out and out[-1].day is not None and published:
                # "held talks on Monday, a day before Ukrainian and U.S. officials sit down": the day after Monday
                off = _DAYS_APART.search(sentence, 0, seg.start)
                if off:
                    n = _COUNTS.get(off.group(1).lower(), 1)
                    m.day = out[-1].day + timedelta(days=n if off.group(2).lower() == "before" else -n)
            if m is not None:
                if m.clause.sequel and m.day is None and out and out[-1].day is not None:
                    m.day = out[-1].day  # "met on Monday before the two leaders sat down with ...": the same day
                if m.status is EventStatus.POSTPONED and m.new_day is None and published is not None:
                    # "delayed the vote on Tuesday, as ..., with diplomats saying the council would try again on
                    # Wednesday": the later clause names the new day
                    rest = sentence[seg.start + len(seg.text) :]
                    again = [
                        d for d in find_dates(rest, published) if _AGAIN_ON.search(rest[max(0, d.start - 30) : d.start])
                    ]
                    if again:
                        d0 = again[0]
                        m.day = m.new_day = d0.day or resolve_weekday(d0, published, True)
                if m.day is None and m.status is EventStatus.HELD and published is not None:
                    m.day = recent_day(sentence, published)  # "agreed Monday to a truce, after their leaders met"
                    if m.day is None and _AFTER_TALKS.search(m.clause.text):
                        m.day = recent_day(sentence, published, told=True)
                    if m.day and m.clock is None:
                        # "a two-day gathering of deputies which concluded on Thursday": begun on the Wednesday
                        m.day = _first_day(m.day, m.clause.text)
                out.append(m)
    return out


_IT_IS = fastre.compile(r"\b(?:it|this)\s+(?:had\s+been|has\s+been|was|is|would\s+be|will\s+be)\s+", re.I)


def _it_is_off(text: str) -> EventStatus | None:
    """ "that it had been called off", "it was postponed": the status the lexicon's cue right after "it was" gives."""
    lex = lexicon()
    for it in _IT_IS.finditer(text):
        for status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
            if lex.status_res[status.value].match(text, it.end()):
                return status
    return None


# "10am Washington time (5pm in Nairobi)", "at 1 p.m. local time, or 7 a.m. in Moscow": the hour elsewhere
_CLOCK_ELSEWHERE = fastre.compile(
    r"(?:\(|\bor\s|\b(?:which|that)\s+(?:is|was|will\s+be)\s)[^();,]{0,12}\d[^();,]{0,14}\bin\s+$"
)
_AFTER_IT = fastre.compile(r"\b(?:after|following)\s+(?:the|their|its|his|her)\s+(?:[\w-]+\s+)?$", re.I)
_AS_PLANNED = fastre.compile(r",\s*as\s+(?:scheduled|planned|expected|agreed|announced|promised)\s*,")
_HYPHENATED_PEOPLE = fastre.compile(
    r"(?<![\w-])([A-Z][\w'’]+(?:-[A-Z][\w'’]+)+)(?=\s+(?:\w+\s+)?(?:talks|summit|meeting|call|bilateral|encounter)\b)"
)
_DURING = fastre.compile(r",?\s+(?:during|at|in)\s+(?:the|a|an|its|their)\s+")
_SET_FOR = fastre.compile(r",?\s+(?:scheduled|set|due|slated|planned|pencilled|penciled)\s+(?:for|on)\s+(?:the\s+)?$")


def _written_against(text: str, trig: re.Match[str], d: DateMention) -> bool:
    """ "Friday's summit", "the summit on Friday", "its next meeting, scheduled for April 25-26": the day is the
    meeting's."""
    if -3 <= trig.start() - d.end <= 3 or 0 <= d.start - trig.end() <= 4:
        return True
    if 0 <= trig.start() - d.end <= 30 and _DURING.fullmatch(text, d.end, trig.start()):
        return True  # "on Tuesday, March 11, during the afternoon sitting"
    return 0 <= d.start - trig.end() <= 30 and bool(_SET_FOR.match(text[trig.end() : d.start]))


_SEAT_AFTER = fastre.compile(r"['’]s\s+(?:headquarters|secretariat|head\s+office|seat)\b")
_SEAT_BEFORE = fastre.compile(r"\b(?:headquarters|secretariat|seat)\s+of\s+(?:the\s+)?$")


def _mention(
    index: int, clause: Clause, clocks: list[ClockMention], published: date | None, known: dict[str, PersonMention]
) -> Mention | None:
    lex = lexicon()
    text = clause.text
    if clause.link == "where" and _WHERE_BEFORE.search(clause.antecedent):
        return None  # "comes a week after his state visit to Egypt, where he held talks": told of the visit before
    triggers = _triggers(text)
    # "Before the summit, the ministers will meet": the summit only dates the meeting
    own = [
        t
        for t in triggers
        if not re.search(
            r"\b(?:before|after|ahead\s+of|since|until|following|follows|followed|during"
            r"|(?:sidelines|margins|venue|site|eve)\s+of)\s+"
            r"(?:the\s+|a\s+|their\s+|his\s+|her\s+|its\s+)?"
            r"(?:\w+\s+)?$",
            text[max(0, t.start() - 30) : t.start()],
            re.I,
        )
    ]
    kinds = [
        lex.event_nouns.get(t.group(0).lower()) or lex.event_verbs.get(" ".join(t.group(0).lower().split()), "meeting")
        for t in (own or triggers)
    ]
    if not kinds:
        return None
    kind = max(kinds, key=lambda k: _KIND_RANK.get(k, 1))
    if kind == "vote" and _BALLOT.search(text):
        return None  # "registered to vote in Wednesday's elections": citizens at the polls, not a body meeting
    first = (own or triggers)[0]
    asides = [a.span() for a in _AS_PLANNED.finditer(text)]  # "has started, as scheduled, at 10:00": no plan ahead
    cues = {
        c.group(0).lower()
        for c in lex.future_re.finditer(text)
        if _governs(text, c, first)
        and not any(a <= c.start() < b for a, b in asides)
        # "Egypt had withdrawn the resolution from a scheduled vote on Thursday": a plan named, not a future tense
        and not (
            c.group(0).lower().endswith("ed") and _DETERMINER_BEFORE.search(text, max(0, c.start() - 8), c.start())
        )
    }
    # "A meeting in Florida would give Trump the stage": "would" with nobody reporting it is a conditional
    if cues == {"would"} and not lex.speech_re.search(clause.attribution + " " + text):
        cues = set()
    future = bool(cues)
    status = _status(text, future)
    if not future and _TOLD_BY_PHONE.search(clause.attribution) and _BY_PHONE.match(text):
        status = EventStatus.HELD  # "Putin told Macron by phone on Thursday that ...": the call took place
    if not future and status is EventStatus.SCHEDULED and _WENT_TO_CHAIR.search(text):
        status = EventStatus.HELD  # "On Thursday, Carney returned to Ottawa to chair a meeting": it took place
    if clause.link == "after" and not future and status is EventStatus.SCHEDULED:
        status = EventStatus.HELD  # "agreed to end the violence, after meeting for the first time on Sunday"
    m = Mention(index, clause, kind, status=status, future=future)
    m.beside = bool(own) and bool(_BESIDE.search(text))
    if clocks:
        m.clock = clocks[0]
        if status is EventStatus.POSTPONED and len(clocks) > 1:
            m.clock, m.new_clock = clocks[-1], clocks[-1]
    dates = find_dates(text, published)
    if not own:
        # "will address deputies before the vote and give an interview on Tuesday": the clause is about something
        # else; only a day written against the meeting word ("Friday's summit", "the summit on Friday") dates it
        dates = [d for d in dates if any(_written_against(text, t, d) for t in triggers)]
        # "will hold a press conference after the talks, at around midday": the hour of what follows the talks
        timed = [t for t in triggers if not _AFTER_IT.search(text, max(0, t.start() - 25), t.start())]
        if not any(0 <= c.start - t.end() <= 12 for c in clocks for t in timed):
            m.clock = None
    event_days, old_days = _pick_days(text, dates)
    concrete = [d for d in event_days if d.day or d.weekday is not None]
    if status in (EventStatus.CANCELLED, EventStatus.POSTPONED) and len(concrete) > 1:
        cue = lex.status_res[status.value].search(text)
        if cue is not None:
            near = [
                d
                for d in concrete
                # "on Thursday cancelled" / "cancelled on Thursday": when it was called off
                if (0 <= cue.start() - d.end < 20 or (0 <= d.start - cue.end() < 6 and d.modifier == "on"))
                and not _NEW_DATE.search(text[max(0, d.start - 8) : d.start])
            ]
            concrete = [d for d in concrete if d not in near] or concrete
    if published is not None and concrete:
        chosen = concrete[-1] if status is EventStatus.POSTPONED else concrete[0]
        if m.clock is not None and len(concrete) > 1 and status is not EventStatus.POSTPONED:
            chosen = min(concrete, key=lambda d: abs(d.start - m.clock.start))  # type: ignore[union-attr]
        elif len(concrete) > 1 and status is not EventStatus.POSTPONED and own:
            # "crossed the border on Tuesday and will hold talks ... on Wednesday": the day nearest the meeting word
            chosen = min(concrete, key=lambda d: _distance(text, d, own[0]))
        if status is EventStatus.POSTPONED and old_days and len(concrete) >= 1:
            chosen = concrete[-1]
        if chosen.day:
            m.day = chosen.day
            if (
                published
                and chosen.day > published
                and not future
                and _HAPPENED_ON.search(text, max(0, chosen.start - 40), chosen.start)
            ):
                return None  # "The conference closed on April 24", told on April 18: a year gone by, history
        else:
            ahead = future or status is EventStatus.SCHEDULED
            moved = status is EventStatus.POSTPONED and _moved_to(text, chosen)
            window = text[max(0, chosen.start - 40) : chosen.start]
            past = _PAST_VERB.search(window)
            if past and _PARTICIPLE_NOUN.match(window, past.start()):
                past = None  # "to make a rescheduled Berlin visit on Friday": an adjective, not a past tense
            if past and not lex.future_re.search(window):
                ahead = False
            elif not future and _MAIN_PAST.match(text, 0, chosen.start) and not _PRESENT_AHEAD.search(window):
                # "Biden arrived at the venue shortly before 10:30 a.m. after a day of meetings on Friday"
                ahead = False
            if moved or _AGAIN_ON.search(text[max(0, chosen.start - 30) : chosen.start]):
                ahead = True  # "pushed back to Friday", "now expected Wednesday" look forward
            if status is EventStatus.CANCELLED and _WAS_CALLED_OFF.search(text, chosen.end):
                ahead = False  # "On Tuesday, a planned mission ... was called off": a day already gone
            if ahead and not future and _PAST_AFTER.match(text, chosen.end):
                ahead = False  # "a last-ditch call with Trump on Thursday failed to produce a deal": gone by
            if ahead and re.match(r"\s*,?\s*(?:said|told|announced|agreed)\b", text[chosen.end :]):
                ahead = False  # "leaders meeting in Djibouti on Saturday said": the meeting they were at
            if ahead and not future and chosen.start < 20 and _FRONTED_PAST.match(text, chosen.end):
                ahead = False  # "Earlier on Sunday, Biden had visited the border": a day gone by
            if (chosen.text.endswith(("'s", "’s")) and chosen.modifier is None) or (
                not ahead and _WAS_TO.search(text, 0, chosen.start)
            ):
                # "Tuesday's vote": no verb to give a tense; "a summit that was to bring them together on
                # Wednesday": a plan told in the past, for a day either side of the news. The nearest such day
                fwd, back = resolve_weekday(chosen, published, True), resolve_weekday(chosen, published, False)
                m.day = fwd if (fwd - published) <= (published - back) else back
            else:
                m.day = resolve_weekday(chosen, published, ahead)
            m.day_from_weekday = True
        if status is EventStatus.POSTPONED and m.day and (by := _MOVED_BY.search(text, chosen.end)):
            # "originally planned for Saturday, June 1, were pushed back by a day": now on the Sunday
            n = _COUNTS[by.group(1).lower()] * (7 if by.group(2).lower().startswith("week") else 1)
            m.day = m.new_day = m.day + timedelta(days=n)
        elif status is EventStatus.POSTPONED and _moved_to(text, chosen):
            m.new_day = m.day
        if m.clock is not None and m.clock.text.lower().startswith("midnight") and m.day is not None:
            m.day = m.day + timedelta(days=1)  # "midnight tonight" is the start of the next day
    if m.day is None and not event_days and clause.link == "where" and published is not None:
        # "is in Abu Dhabi on Thursday ..., where he is to hold talks": the main clause's day frames the talks
        told, _old = _pick_days(clause.antecedent, find_dates(clause.antecedent, published))
        framing = [d for d in told if d.day or d.weekday is not None]
        if framing:
            d = framing[0]
            m.day = d.day or resolve_weekday(d, published, future or status is EventStatus.SCHEDULED)
            m.day_from_weekday = d.day is None
    vague = [d.vague for d in event_days if d.vague]
    m.vague = vague[0] if vague else None
    if m.vague and published and status is EventStatus.SCHEDULED and not future and _month_gone(m.vague, published):
        # "consultations in Hurghada at the end of September", told in October: background, like a year gone by
        return None
    if m.day and published and m.day < published and status is EventStatus.SCHEDULED and not future and not old_days:
        # "members spent Tuesday afternoon in mock sessions": a day gone by with nothing still ahead is over
        m.status = status = EventStatus.HELD
    if m.day and published and m.day > published and status is EventStatus.ONGOING:
        # "Tuesday's plenary session begins at noon", told on Monday: the present tense of a timetable
        m.status = status = EventStatus.SCHEDULED
    if m.day and published and status in (EventStatus.HELD, EventStatus.ONGOING):
        if (published - m.day).days > _FAR_PAST_DAYS:
            return None  # a past meeting recalled as background
    if m.day and published and (published - m.day).days > 21:
        return None  # a meeting weeks or years before the article is background
    # how recent a meeting is goes by the day told, which may be its last; its start is what is kept
    if m.day and status is EventStatus.HELD and m.clock is None:
        m.day = _first_day(m.day, text)
    if m.day and status is EventStatus.ONGOING and (nth := _NTH_DAY.search(text)) and m.clock is None:
        m.day -= timedelta(days=_ORDINALS[nth.group(1).lower()] - 1)
    if (
        status is EventStatus.SCHEDULED
        and old_days
        and m.day is not None
        and published is not None
        and any(
            (d.day or resolve_weekday(d, published, True)) < m.day for d in old_days if d.day or d.weekday is not None
        )
    ):
        # "initially set for Tuesday, will now take place on Thursday": moved to a later day
        m.status = status = EventStatus.POSTPONED
        m.new_day = m.day
    if status is EventStatus.POSTPONED and m.clock is not None and m.new_day is None:
        moved_to = _NEW_DATE.search(text[max(0, m.clock.start - 8) : m.clock.start])
        if moved_to or re.search(r"\b(?:pushed|moved|brought|rescheduled|delayed|shifted)\b", text, re.I):
            if not (m.day and published and m.day > published and old_days):
                m.status = EventStatus.SCHEDULED
                m.new_clock = m.clock
    # "The call, the first since Trump returned to the White House in January, began at 10:30": the month of what
    # the meeting comes after, not its own
    mo = next(
        (x for x in _MONTH_ONLY.finditer(text) if not re.search(r"\bsince\b", text[first.end() : x.start()])),
        None,
    )
    month = lexicon().months[mo.group("mon").lower()] if mo else 0
    if (
        published is not None
        and mo
        and m.day is None
        and (not future or status is EventStatus.HELD)
        and (
            month < published.month
            # "met in Bali in November", told in February: November of last year
            or (status is EventStatus.HELD and month > published.month)
            # "A meeting at the White House in December paved the way", told in January: months ago, not ahead
            or 0 < (published.month - month) % 12 <= 3
        )
    ):
        return None  # "in February": an earlier meeting told as background
    # sides
    for p in hyphenated_sides(text):
        if p not in m.parties:
            m.parties.append(p)
    for where in _IN_COUNTRY.finditer(text):
        # "talks on the war in Sudan got under way in Switzerland": the country it happens in, not the topic's
        country = lex.party_names.get(where.group(1).lower())
        if country is None or country in chamber_countries():
            continue  # "the vote in the Senate": a chamber, not a country the meeting is in
        if _HANDED_TO.search(text, max(0, where.start() - 60), where.start() + 3):
            continue  # "will hand it over to Saint Vincent and the Grenadines": who gets the chair, not where
        # a topic phrase ending in this very preposition ("war in"): the place is what the talks are about
        head = text[max(0, where.start() - 40) : where.start() + len(where.group(0).split()[0])]
        if any(t.end() == len(head) for t in lex.topic_re.finditer(head)):
            continue
        m.abroad = country
        break
    if kind == "visit":
        # "Barrot's visit to Algeria": the country visited receives the visitor, it is a side
        for v in _VISIT_TO.finditer(text):
            if any(t.start() == v.start() for t in triggers if own and t not in own):
                continue  # "follows his trip to North Korea": the trip before this one
            host = lex.party_names.get(v.group(1).lower())
            if host and host not in m.parties:
                m.parties.append(host)
    # "from the venue of the APEC summit": the owner of another meeting that only places this one
    others = [t.start() for t in triggers if own and t not in own]
    other_ends = [t.end() for t in triggers if own and t not in own]
    gatherings = [g.span(1) for g in _BESIDE_NAME.finditer(text)]
    elsewhere = (
        [(c.end, e) for c in find_clocks(text) if (e := _elsewhere_end(text, c.end)) is not None]
        if _DIGIT_IN.search(text)
        else []
    )
    for pm in sides_in(text):
        if any(0 <= start - pm.end <= 3 for start in others):
            continue
        if any(a <= pm.start < b for a, b in elsewhere):
            continue  # "at 3 a.m. on Thursday in Beijing and Singapore": whose clock, not who meets
        if any(a <= pm.start and pm.end <= b for a, b in gatherings):
            continue  # "on the fringes of the Asia-Pacific Economic Cooperation forum": whose gathering hosts it
        if any(re.fullmatch(r"\s+(?:to|in)\s+(?:the\s+)?", text[end : pm.start]) for end in other_ends):
            continue  # "Putin's visit to Vietnam follows his trip to North Korea": where the other trip went
        if pm.canonical not in m.parties:
            m.parties.append(pm.canonical)
        if (
            re.search(
                r"\b(?:mediated|brokered|facilitated|hosted)\s+by\s+(?:[\w'’-]+(?:,\s*|\s+and\s+|\s+)){0,4}$",
                text[max(0, pm.start - 50) : pm.start],
            )
            or _MEDIATORS_AFTER.match(text, pm.end)
            or _ACTS_AS_MEDIATOR.match(text, pm.end)
        ):
            m.mediators.add(pm.canonical)
        _chamber(m, pm.canonical)
    for _start, _end, body in named_bodies(text):
        if body not in m.parties:
            m.parties.append(body)
    if not m.parties and kind in ("session", "meeting", "summit", "conference"):
        # "ministers gathered at the Arab League's headquarters for an extraordinary session": no one else is named,
        # so the body whose seat it is holds the session
        for pm in find_parties(text):
            if pm.canonical in parties_table()["organisations"] and (
                _SEAT_AFTER.match(text, pm.end) or _SEAT_BEFORE.search(text, max(0, pm.start - 30), pm.start)
            ):
                m.parties.append(pm.canonical)
                break
    if not m.parties and kind in CHAMBER_KINDS:
        # "the vote ... in the House of Commons": a chamber where a vote is held is the one voting
        for _start, _end, _word, canon in party_index().finditer(text):
            if canon in chamber_countries() and canon not in m.parties:
                m.parties.append(canon)
                _chamber(m, canon)
    # places: a capital counted as a side is not the venue
    side_spans = {(pm.start, pm.end) for pm in find_parties(text) if pm.metonym}
    for pl in find_places(text):
        if (pl.start, pl.end) in side_spans:
            continue
        last = [t for t in triggers if t.end() <= pl.start]
        if own and last and last[-1] not in own and not m.beside:
            # "since their talks in the resort of Sochi": where the earlier meeting was; but "on the margins of a
            # meeting in Luxembourg" is where this one is too
            continue
        if re.search(
            r"\b(?:after|since|following|before|than)\s+(?:the\s+|a\s+|their\s+|last\s+\w+'s\s+)?$",
            text[max(0, pl.start - 30) : pl.start],
            re.I,
        ):
            continue  # "after the Oval Office clash": a place in an earlier event, not this one's
        if _ONWARD.search(text, max(0, pl.start - 40), pl.start):
            continue  # "will meet Chinese officials before continuing to London": the next stop
        if _RETURN_TO.search(text, max(0, pl.start - 30), pl.start) and any(t.end() <= pl.start for t in triggers):
            continue  # "The summit ends on Tuesday, and Biden returns to Washington": the way home, told after it
        if _WHO_RETURNED_TO.search(text, max(0, pl.start - 50), pl.start):
            continue  # "Clinton, who returned to Washington on Monday, is expected back": where he went home to
        if _CLOCK_ELSEWHERE.search(text, max(0, pl.start - 30), pl.start):
            continue  # "10am Washington time (5pm in Nairobi)": the hour elsewhere, not the venue
        if pl.is_venue and m.venue is None:
            m.venue = pl.name
            home = lex.raw["venue_cities"].get(pl.name)
            if home and m.city is None and home.lower() in lex.cities:
                m.city = lex.cities[home.lower()]
            if pl.city is None:
                after = text[pl.end : pl.end + 40]
                hits = city_index().finditer(after)
                if hits and re.match(r"^\s*(?:in|,)\s", after):
                    m.city = lex.cities[hits[0][2].lower()]
        elif pl.city and m.city is None and _venue_city(text, pl.start, pl.preposition, pl.end):
            m.city = pl.city
            m.near = bool(_NEAR.search(text[max(0, pl.start - 60) : pl.start]))
    if m.city is None and clause.link == "where":
        # "will travel to Erbil, the capital of the Kurdistan Region, where he will hold talks": there
        # "The final stop will be Maputo, where ...": the city that ends the clause before
        closing = len(clause.antecedent.rstrip(" ,"))
        went = [
            p
            for p in find_places(clause.antecedent)
            if p.city is not None and (p.preposition == "to" or (p.end == closing and p.preposition is None))
        ]
        if went:
            m.city = went[-1].city
            m.onward = True
    # people
    for person in find_people(text, known):
        after_name = text[person.end : person.end + 80]
        if _SPEAKER.match(after_name) and not _SPEAKER_MEETS.match(after_name):
            continue  # quoted, not meeting
        if person.possessive and not re.match(r"\s*(?:delegation|team|side)\b", text[person.end + 2 : person.end + 14]):
            if not lex.trigger_re.search(text[person.end : person.end + 40]):
                continue
        m.people.append(person)
        if _is_head(text, person):
            m.heads.add(person.name)
    # "the Modi-Xi talks": two people the story has named, joined by a hyphen before the meeting word
    for pair in _HYPHENATED_PEOPLE.finditer(text):
        whole = pair.group(1)
        for surname in [whole] if whole in known else whole.split("-"):
            # "Biden-Xi summit": Xi Jinping, whose family name comes first, is known by his last word
            named = known.get(surname) or next(
                (p for p in known.values() if surname in lex.family_first and p.name.split()[0] == surname), None
            )
            if named is not None and named.name not in {p.name for p in m.people}:
                m.people.append(replace(named, start=pair.start(), end=pair.end(), possessive=False))
    # "X and Y agreed ..., after meeting on Sunday": all who agreed met (not so "..., after a call with Putin",
    # which names its own sides); "Zelenskiy, who met": the one named
    # "Trump is in Abu Dhabi, where he is to hold talks": the one the main clause is about
    takes_part = (
        clause.link == "who"
        or (clause.link == "after" and re.match(r"\s*(?:first\s+)?\w+ing\b", text))
        or (clause.link == "where" and re.match(r"\s*(?:he|she|they)\b", text, re.I))
    )
    if takes_part and clause.antecedent:
        before_who = find_people(clause.antecedent, known)
        for person in before_who if clause.link == "after" else before_who[-1:]:
            if person.name not in {p.name for p in m.people}:
                m.people.insert(0, person)
                if person.affiliation and person.affiliation not in m.parties:
                    m.parties.append(person.affiliation)
    # "the Federal Reserve, whose policymakers meet next week": what the relative clause hangs on holds the meeting
    if clause.link == "whose":
        owners = sides_in(clause.antecedent)
        if owners and owners[-1].canonical not in m.parties:
            m.parties.insert(0, owners[-1].canonical)
    # "Trump said he would meet ...": the speaker is the one meeting (sides follow the people, below)
    if re.match(r"\s*(?:he|she)\s+(?:will|would|had|has|is|was|plans|planned|hopes|intends|expects)\b", text, re.I):
        speakers = find_people(clause.attribution, known)
        if speakers and speakers[0].name not in {p.name for p in m.people}:
            m.people.insert(0, speakers[0])
    for person in m.people:
        if person.affiliation and person.affiliation not in m.parties and not is_former(person):
            m.parties.append(person.affiliation)  # "Macron flies to Moscow for talks with Putin": France and Russia
    return m


CHAMBER_KINDS = ("vote", "session", "hearing")


def _chamber(m: Mention, side: str) -> None:
    """A parliament among the sides: its country votes too ("the House of Commons votes": the UK's vote), and a
    vote, session or hearing takes place where it sits."""
    country = chamber_countries().get(side)
    if country and country not in m.parties:
        m.parties.append(country)
    home = lexicon().raw["venue_cities"].get(side)
    if home and m.city is None and home.lower() in lexicon().cities and m.kind in CHAMBER_KINDS:
        m.city = lexicon().cities[home.lower()]


# each US chamber by the bare name a story from anywhere may give its own
_BARE_CHAMBER = {
    "US Senate": "Senate",
    "US Congress": "Congress",
    "US House of Representatives": "House of Representatives",
}
_US_CHAMBERS = frozenset(_BARE_CHAMBER)
BARE_CHAMBERS = frozenset(_BARE_CHAMBER.values())
_US_WORDS = r"U\.S\.|US|USA|American|United States|Washington|Capitol"
_US_NAMED = fastre.compile(rf"\b(?:{_US_WORDS})\b")
# the whole story: a bare "Senate" in a story that never names the US, its parties or its capital is not the US one
_US_STORY = fastre.compile(rf"\b(?:{_US_WORDS}|Americans|White House|Republicans?|Democrats?|GOP)\b")


def us_named(text: str) -> bool:
    """Whether a story names the United States, its capital or its parties anywhere."""
    return _US_STORY.search(text) is not None


def home_side(side: str | None, home_country: str | None) -> str | None:
    """A side told as a US chamber ("Senate") in a story from elsewhere: the home country's, or the bare chamber."""
    if side not in _US_CHAMBERS:
        return side
    return home_country or _BARE_CHAMBER[side]


def home_chamber(m: Mention, home_country: str | None) -> None:
    """ "the Senate's veto" in a story from Madrid is Spain's Senate: a bare chamber name abroad is not the US
    Congress, nor does it put the meeting in Washington. ``home_country`` None: a story that never names the US."""
    if home_country == "United States" or _US_NAMED.search(m.clause.text):
        return
    if (
        home_country
        and not m.parties
        and m.kind in CHAMBER_KINDS
        and legislature([m.clause.text], home_country, True, courts=m.kind == "hearing")
    ):
        m.parties.append(home_country)  # "The National Assembly will vote next Tuesday", told from Cape Town
    # "Congress President José Jerí" in a story from Lima presides over Peru's Congress
    m.people[:] = [
        replace(p, affiliation=home_side(p.affiliation, home_country)) if p.affiliation in _US_CHAMBERS else p
        for p in m.people
    ]
    if not _US_CHAMBERS & set(m.parties):
        return
    # "the Senate's veto" is the chamber's act, not the chamber meeting
    chambers = [
        bare
        for p in m.parties
        if p in _US_CHAMBERS and not re.search(rf"\b{(bare := _BARE_CHAMBER[p])}['’]s\b", m.clause.text)
    ]
    m.parties[:] = [p for p in m.parties if p not in _US_CHAMBERS and p != "United States"]
    if not m.parties and chambers:
        # "the House of Representatives and the Senate will gather": the home country's chambers, or, where the
        # story never says which country it is in, the chambers by name
        m.parties[:] = [home_country] if home_country else chambers
    if m.city is not None and m.city.name == "Washington":
        m.city = None


def is_former(person: PersonMention) -> bool:
    """A former president mediates or advises: his country is not at the table through him."""
    return (person.role or "").lower().startswith(("former", "ex-", "then-", "then "))


def _is_head(text: str, person: PersonMention) -> bool:
    lex = lexicon()
    if lex.head_re.search(text[max(0, person.start - 100) : person.start]):
        return True
    after = text[person.end : person.end + 90]
    # "X and Y will lead their delegations": the cue follows a list of names
    m = lex.head_after_re.search(after)
    return m is not None and not re.search(r"[.;]|\b(?:said|told)\b", after[: m.start()])


@cache
def _participation_gate() -> PhraseRegex:
    """Any word that says someone takes part (leads, joins, attends...), in one pattern: most sentences fail it."""
    pc = lexicon().raw["participant_cues"]
    after = lexicon().raw["participant_after_cues"]
    words = [w for w in pc["head"] + pc["member"] + after["head"] + after["member"] if not w.startswith("includ")]
    return phrase_regex(words)


def _listed_after_cue(text: str, start: int) -> bool:
    """ "is accompanied by Secretary-General X, head of intelligence Y, adviser Z": a long list after one cue."""
    window = text[max(0, start - 300) : start]
    cues = list(lexicon().member_re.finditer(window))
    return bool(cues) and not _LIST_BREAK.search(window, cues[-1].end())


_LIST_BREAK = fastre.compile(r"[.;:]\s|\b(?:said|says|told|who|which|while|but|after|before)\b")


def delegation_people(sentence: str, known: dict[str, PersonMention]) -> list[tuple[PersonMention, bool, str | None]]:
    """People named as leading or joining a delegation in a sentence without a meeting word of its own."""
    lex = lexicon()
    if not (_DELEGATION.search(sentence) or _participation_gate().search(sentence)):
        return []
    out: list[tuple[PersonMention, bool, str | None]] = []
    for clause in clauses(sentence):
        text = clause.text
        if _hypothetical(text):
            continue
        for person in find_people(text, known):
            before = text[max(0, person.start - 110) : person.start]
            after = text[person.end : person.end + 90]
            head = _is_head(text, person)
            later = lex.member_after_re.search(text[person.end : person.end + 240])
            member = (
                head
                or bool(lex.member_re.search(before))
                or _listed_after_cue(text, person.start)
                # "Among those attending are X, whose country holds the chair, Y, Z": the list runs on past the aside
                or (clause.link == "whose" and _listed_after_cue(sentence, clause.start + person.start))
                or (
                    later is not None
                    and not re.search(
                        r"[.;]|\b(?:said|told|who|which)\b", text[person.end : person.end + later.start()]
                    )
                )
            )
            if not member:
                continue
            side = (
                person.affiliation
                or affiliation_in(text[: person.start], last=True)
                or affiliation_in(after[:60])
                or affiliation_in(clause.attribution)
            )
            if side is None:
                for other in find_people(clause.attribution, known):
                    side = side or other.affiliation
            out.append((person, head, side))
    return out


def _off_hours(hours: tuple[int, int] | None, clock: ClockMention | None) -> bool:
    return hours is not None and clock is not None and not hours[0] <= clock.hour < hours[1]


def _other_bodies(a: set[str], b: set[str]) -> bool:
    """Two sets of bodies that meet as themselves (central banks, chambers) sharing none: two meetings ("Banxico
    will announce its decision", "Copom will announce its decision")."""

    def own(parties: set[str]) -> bool:
        return all(p in central_banks() or p in chamber_countries() for p in parties)

    return bool(a) and bool(b) and not a & b and own(a) and own(b)


def _compatible(g: Group, m: Mention) -> float:
    """How well a mention fits a group; 0 means it is another meeting."""
    gc, gd = g.clock, g.day
    if _off_hours(m.hours, gc) or any(_off_hours(x.hours, m.clock) for x in g.mentions):
        return 0.0  # "In the afternoon, he meets the president" is not the talks at 11 a.m.
    if (
        m.clock
        and gc
        and (
            (m.clock.hour, m.clock.minute) != (gc.hour, gc.minute)
            # "11 a.m. start" in a headline and "11 a.m. Pacific time" in the story are one clock
            or (m.clock.zone != gc.zone and m.clock.zone is not None and gc.zone is not None)
        )
    ):
        return 0.0
    if m.day and gd and m.day != gd and m.status is not EventStatus.POSTPONED:
        return 0.0
    # mediators do not tell two meetings apart: compare the sides at odds
    gp = set(g.parties) - {x for y in g.mentions for x in y.mediators}
    mp = set(m.parties) - m.mediators
    score = 0.5
    if gp and mp:
        jac = len(gp & mp) / len(gp | mp)
        if jac == 0 and ((len(gp) > 1 and len(mp) > 1) or _family(m.kind) != _family(_kind(g))):
            return 0.0
        if _other_bodies(gp, mp):
            return 0.0
        if _other_sides(g, m):
            return 0.0
        if m.clock and gc is None and any(x.clock for x in g.mentions) is False and len(mp - gp) and len(gp - mp):
            score -= 0.25
        score += 2 * jac
    if _two_meetings(g, m):
        return 0.0
    if m.clock and gc:
        score += 3
    if m.day and gd and m.day == gd:
        score += 1
    gcities = {x.city.name for x in g.mentions if x.city}
    if m.city and gcities:
        if m.city.name in gcities:
            score += 0.5
        elif not _places_agree(g, m):
            return 0.0
    if m.kind == "summit" and all(x.kind != "summit" for x in g.mentions) and g.clock is None:
        score -= 0.2
    if not (gp and mp):
        # one side names no parties: same kind of meeting, or a day for a timed one, is what links them
        if any(_family(x.kind) == _family(m.kind) for x in g.mentions):
            score += 0.5
        if m.day and gd is None and gc is not None:
            score += 0.5
    elif m.day and gd is None and gc is not None and m.clock is None and gp & mp:
        score += 0.5  # a dated report and a timed one that share sides complete each other
    return score


# "with Egyptian and Qatari mediators carrying proposals": the sides named just before are the go-betweens
_MEDIATORS_AFTER = fastre.compile(r"(?:(?:\s*,\s*|\s+and\s+)[A-Z][\w'’-]+){0,3}\s+(?:mediators?|mediation)\b")
# "Omani Foreign Minister Badr Albusaidi will act as mediator": the subject's side is the go-between
_ACTS_AS_MEDIATOR = fastre.compile(
    r"[^,;]{0,60}?\b(?:will|would|to|is\s+to)\s+(?:act|serve)\s+as\s+(?:a\s+|the\s+)?(?:mediator|go-between|facilitator)"
    r"|[^,;]{0,60}?\b(?:will|would)\s+mediate\b"
)


def _other_sides(g: Group, m: Mention) -> bool:
    """Japan-China talks and a Japan-US-South Korea summit on the same day: each names a side the other lacks, and
    one names two. Mediators do not count."""
    gp = set(g.parties) - {x for y in g.mentions for x in y.mediators}
    mp = set(m.parties) - m.mediators
    if len(gp) < 2 or len(mp) < 2:
        return False
    if gp - mp and mp - gp and max(len(gp - mp), len(mp - gp)) >= 2:
        return True
    # Modi with Xi, then Modi with Pezeshkian: two bilaterals of one side, each with its own counterpart named
    if len(gp) == len(mp) == 2 and len(gp & mp) == 1:
        theirs = {p.affiliation for x in g.mentions for p in x.people}
        ours = {p.affiliation for p in m.people}
        return bool(theirs & (gp - mp)) and bool(ours & (mp - gp))
    return False


def _places_agree(g: Group, m: Mention) -> bool:
    """The mention's city can be the group's: the same, inside it, or near it ("in Woodside", "near San Francisco")."""
    others = [x for x in g.mentions if x.city]
    if m.city is None or not others:
        return True
    if m.near or any(x.near for x in others):
        return all(x.city.country == m.city.country for x in others if x.city)
    return _within(m.city, [x.city for x in others if x.city])


def _within(city: City, others: list[City]) -> bool:
    """Alaska and Anchorage, or the same city twice: places that can both be right."""
    return all(c.name == city.name or ((c.region or city.region) and c.country == city.country) for c in others)


_DEFINITE = fastre.compile(
    r"\s*(?:The|These|Those|Their)\s+(?:\w+\s+)?(?:talks|meeting|summit|session|negotiations|call)\b"
)


# "..., and Brunei's Sultan Hassanal Bolkiah will chair the talks.": the talks already reported
_ENDS_ON_THE = fastre.compile(
    r"\b(?:the|these|those)\s+(?:\w+\s+)?(?:talks|meeting|summit|session|negotiations|call)\W*$", re.I
)
# "Foreign Minister X will join the meeting": someone taking part in the meeting already reported
_JOINS_THE = fastre.compile(
    r"\b(?:join|joins|joined|joining|attend|attends|attended|attending|participate\s+in|participates\s+in"
    r"|take\s+part\s+in|takes\s+part\s+in|took\s+part\s+in|sit\s+in\s+on|be\s+part\s+of)\s+"
    r"(?:the|these|this|that)\s+(?:\w+\s+)?(?:talks|meeting|summit|session|negotiations|call)\b",
    re.I,
)


def _family(kind: str) -> str:
    """Talks, meetings and sessions are the same sort of thing; summits, calls, votes are each their own."""
    return "talks" if kind in ("talks", "meeting", "session", "conference") else kind


def _ahead_of_held(g: Group, m: Mention) -> bool:
    """A meeting still to come is not the one just reported held ("spoke on Monday; will visit next month")."""
    if _family(m.kind) == _family(_kind(g)):
        return False
    held = any(x.status is EventStatus.HELD for x in g.mentions)
    if held and m.future and m.status is EventStatus.SCHEDULED:
        return True
    # and the other way round: "would meet Putin in Budapest, after a phone call that lasted two hours"
    ahead = all(x.future and x.status is EventStatus.SCHEDULED for x in g.mentions)
    return ahead and m.status is EventStatus.HELD and not m.future


def _two_meetings(g: Group, m: Mention) -> bool:
    """Signs that a mention is another meeting than the group, whatever else they share."""
    return (
        _other_people_other_kind(g, m)
        or _sequel_of(g, m)
        or _ahead_of_held(g, m)
        or _tenses_clash(g, m)
        or _side_meeting_apart(g, m)
        or _call_about_it(g, m)
        or _ahead_of_called_off(g, m)
        or _trip_to_the_summit(g, m)
        or _call_and_a_room(g, m)
        or _later_with_someone_else(g, m)
    )


_LATER = fastre.compile(
    r"^\s*(?:Later|Afterwards|Afterward)\b(?:\s+(?:on|in|that|this)\s+\w+(?:\s+\w+)?)?\s*,"
    # "is also scheduled to meet President Zardari at the Aiwan-e-Sadr later on Monday"
    r"|\b(?:later\s+(?:on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|in\s+the\s+day|that\s+day|today)"
    r"|afterwards|afterward)\b",
    re.I,
)


def _later_with_someone_else(g: Group, m: Mention) -> bool:
    """ "Later on Monday, Erdogan will be received by the president": after the talks just told, with someone the
    story has not put at them, another meeting."""
    if not _LATER.search(m.clause.text) or not any(x.sentence < m.sentence for x in g.mentions):
        return False
    there = {p.name for x in g.mentions for p in x.people}
    return any(p.name not in there for p in m.people)


def _call_and_a_room(g: Group, m: Mention) -> bool:
    """ "Kremlin confirms Trump-Putin call" and "Trump meets Zelenskiy in the Oval Office": a telephone call between
    two sides, one of them not at the meeting, is not a meeting that has a room."""
    if m.kind == "call":
        sides = set(m.parties)
        return (
            len(sides) >= 2 and bool(sides - set(g.parties)) and _kind(g) != "call" and any(x.venue for x in g.mentions)
        )
    calls = [x for x in g.mentions if x.kind == "call"]
    sides = {p for x in calls for p in x.parties}
    return m.venue is not None and len(calls) == len(g.mentions) and len(sides) >= 2 and bool(sides - set(m.parties))


def _trip_to_the_summit(g: Group, m: Mention) -> bool:
    """ "Lula cancelled his trip" to a summit: one leader's journey called off, not the summit, nor the talks
    of two other sides there."""
    changed = m.status in (EventStatus.CANCELLED, EventStatus.POSTPONED)
    if not changed or m.kind not in ("visit", "call"):
        return False
    return _kind(g) == "summit" or bool(m.parties and g.parties and not set(m.parties) & set(g.parties))


def _ahead_of_called_off(g: Group, m: Mention) -> bool:
    """ "a planned signing was called off on Feb. 28" and "the talks are meant to explore ...": a dated
    cancellation is not the meeting the story looks ahead to."""
    return (
        m.future
        and m.status is EventStatus.SCHEDULED
        and m.day is None
        and all(x.status is EventStatus.CANCELLED and x.day is not None for x in g.mentions)
    )


def _call_about_it(g: Group, m: Mention) -> bool:
    """ "agreed during a telephone call on Wednesday" to put the summit off: the call is not the summit."""
    changed = (EventStatus.POSTPONED, EventStatus.CANCELLED)
    if m.kind == "call" and m.status is EventStatus.HELD:
        return _kind(g) != "call" and any(x.status in changed for x in g.mentions)
    if m.kind != "call" and m.status in changed:
        calls = [x for x in g.mentions if x.kind == "call"]
        return _kind(g) == "call" and all(x.status is EventStatus.HELD for x in calls)
    return False


_HANDED_TO = fastre.compile(
    r"\b(?:hand|hands|handed|handing|pass|passes|passed|passing|give|gives|gave|transfer|transfers|transferred)\b"
    r"[^,;.]{0,40}\bto\s$"
)
_SEPARATE = fastre.compile(r"\bseparate(?:ly)?\s+(?:\w+\s+)?(?:talks|meeting|meetings|bilateral)\b", re.I)


def _side_meeting_apart(g: Group, m: Mention) -> bool:
    """A bilateral "on the sidelines of the gathering" and the wider gathering are two events; the same two sides
    reported twice are one."""
    if m.beside == any(x.beside for x in g.mentions):
        return False
    one = m if m.beside else next(x for x in g.mentions if x.beside)
    if _SEPARATE.search(one.clause.text):
        return True  # "on the sidelines of the summit, he is expected to hold separate talks with Tokayev"
    if not m.parties:
        return False
    wide, narrow = (set(g.parties), set(m.parties)) if m.beside else (set(m.parties), set(g.parties))
    return bool(narrow) and bool(wide - narrow)


def _tenses_clash(g: Group, m: Mention) -> bool:
    """ "Talks are scheduled to begin at 1pm" is not the talks "held in Moscow on Thursday"; "their leaders met"
    is not the commanders' meetings "to be held on Tuesday"."""
    if m.status is EventStatus.HELD and m.day is not None:
        # "will hold official talks, scheduled to begin at 18:00" is not the talks "held on Tuesday" in another
        # capital, whatever else was told of the visit in the past ("was received at the airport")
        timed = [x for x in g.mentions if x.clock] or g.mentions
        return all(x.future and x.status is EventStatus.SCHEDULED and x.day is None for x in timed)
    if m.status is EventStatus.HELD and bool(m.parties or m.people):
        return all(x.future and x.status is EventStatus.SCHEDULED and x.day is not None for x in g.mentions)
    return False


def _other_people_other_kind(g: Group, m: Mention) -> bool:
    """Different people at a different kind of meeting: the leaders' summit and the ministers' meeting before it."""
    g_people = {p.name.split()[-1] for x in g.mentions for p in x.people if p.name}
    m_people = {p.name.split()[-1] for p in m.people if p.name}
    return bool(g_people and m_people and not g_people & m_people and _family(m.kind) != _family(_kind(g)))


def _sequel_of(g: Group, m: Mention) -> bool:
    """ "Met in the Oval Office before the two leaders sat down with ...": the second meeting of a sentence."""
    return m.clause.sequel and any(x.sentence == m.sentence and x.clause.start < m.clause.start for x in g.mentions)


def _no_conflict(g: Group, m: Mention) -> bool:
    """Nothing says these are different meetings: no other city, no disjoint lists of sides."""
    if _two_meetings(g, m) or not _places_agree(g, m):
        return False
    gp, mp = set(g.parties), set(m.parties)
    if _other_bodies(gp, mp):
        return False
    return not (len(gp) > 1 and len(mp) > 1 and not gp & mp)


def _kind(g: Group) -> str:
    """The kind the group's best-anchored mention gives."""
    ranked = sorted(g.mentions, key=lambda m: (0 if m.clock else 1 if m.day else 2, -_KIND_RANK.get(m.kind, 1)))
    kind = ranked[0].kind
    if kind in ("session", "meeting"):
        # "the first session" of talks, "the meeting" at a summit: the wider word names the event
        kind = max((m.kind for m in g.mentions), key=lambda k: _KIND_RANK.get(k, 1))
    return kind


def group_mentions(mentions: list[Mention]) -> list[Group]:
    """Merge mentions into meetings: timed ones first, then dated, then the rest join the best fit."""
    groups: list[Group] = []

    def rank(m: Mention) -> tuple[int, int]:
        return (0 if m.clock else 1 if m.day else 2, m.sentence)

    for m in sorted(mentions, key=rank):
        best: tuple[float, Group] | None = None
        for g in groups:
            s = _compatible(g, m)
            if s > 0 and (best is None or s > best[0]):
                best = (s, g)
        if best is not None and (best[0] >= 1.0 or not m.anchored):
            best[1].mentions.append(m)
            continue
        if m.clock is not None and groups and _NOW_AT.search(m.clause.text):
            # "had been due to meet at 10:00 am ... the meeting would now take place at 4:00 pm": the new hour of the
            # timed meeting told before, on its day
            timed = [
                g
                for g in groups
                if g.clock is not None and _told_by(g, m.sentence) and (m.day is None or g.day in (None, m.day))
            ]
            if timed:
                latest = max(timed, key=lambda g: _told_by(g, m.sentence) or (-1, -1))
                for x in latest.mentions:
                    x.clock = None
                latest.mentions.insert(0, m)
                continue
        said_of_one = (
            _DEFINITE.match(m.clause.text) or _JOINS_THE.search(m.clause.text) or _ENDS_ON_THE.search(m.clause.text)
        )
        if not m.anchored and said_of_one and groups:
            same = [g for g in groups if any(_family(x.kind) == _family(m.kind) for x in g.mentions)]
            if same:
                # "the session" is the one named last before it, not one the story comes to later
                before = [g for g in same if _told_by(g, m.sentence)]
                if before:
                    latest = max(before, key=lambda g: _told_by(g, m.sentence) or (-1, -1))
                else:
                    latest = max(same, key=lambda g: max((x.sentence, x.clause.start) for x in g.mentions))
                latest.mentions.append(m)
                continue
        if best is None and not m.anchored:
            relaxed = [g for g in groups if _no_conflict(g, m)]
            if relaxed:
                # an undated report in an article that already has a meeting is about that meeting
                max(relaxed, key=lambda g: (len(set(g.parties) & set(m.parties)), g.weight)).mentions.append(m)
                continue
        standalone = (
            m.anchored
            or (m.future and m.status is EventStatus.SCHEDULED and (len(m.parties) >= 2 or bool(m.people)))
            # "are expected to meet again in Accra next week": a place and a time, however rough, make a plan
            or (m.future and m.status is EventStatus.SCHEDULED and m.city is not None and m.vague is not None)
            or (m.beside and len(m.people) >= 2)
            or m.status in (EventStatus.POSTPONED, EventStatus.CANCELLED)
            or (
                m.status in (EventStatus.HELD, EventStatus.ONGOING)
                and (len(m.parties) >= 2 or len(m.people) >= 2)
                and (m.status is EventStatus.ONGOING or bool(_RECENT.search(m.clause.text)))
            )
        )
        if standalone:
            if best is not None and not m.anchored:
                best[1].mentions.append(m)
            else:
                groups.append(Group([m]))
        elif best is not None:
            best[1].mentions.append(m)
    # a dated "talks" that no mention ties to a side, a person or a place is too thin to be a meeting
    # ("at noon Brussels time" places it as well as a city named would)
    return [g for g in groups if any(x.parties or x.people or x.city or x.venue or _city_clock(x) for x in g.mentions)]


_NOW_AT = fastre.compile(
    r"\b(?:would|will)\s+now\s+(?:take\s+place|be\s+held|start|begin|open|go\s+ahead)\s+at\b|\bnow\s+(?:set|due|scheduled)"
    r"\s+(?:to\s+(?:start|begin|open)\s+)?(?:for|at)\s+\d"
)


def _told_by(g: Group, sentence: int) -> tuple[int, int] | None:
    """Where a group's meeting was last told, up to ``sentence``; None if not yet."""
    return max(((x.sentence, x.clause.start) for x in g.mentions if x.sentence <= sentence), default=None)


def _city_clock(m: Mention) -> bool:
    return m.clock is not None and (m.clock.zone or "").startswith("city:")


def dateline_home(dateline: str | None, state: str | None = None) -> City | None:
    """The dateline's city: from the gazetteer, or a town the gazetteer does not know, in the zone of the US state
    or the one-zone country written after it ("SHEPHERDSTOWN, W.Va.", "BUKA, Papua New Guinea")."""
    if not dateline:
        return None
    lex = lexicon()
    home = lex.cities.get(_plain(lex.raw["dateline_places"].get(dateline.upper(), dateline)).lower())
    if home is not None or not state:
        return home
    if (zone := lex.raw["dateline_states"].get(state)) is not None:
        return City(dateline, zone, "United States")
    country = lex.party_names.get(state.lower())
    zones = {c.zone for c in set(lex.cities.values()) if lex.party_names.get(c.country.lower()) == country}
    if country is not None and len(zones) == 1:
        return City(dateline, zones.pop(), country)
    return None


def main_city(mentions: list[Mention], home: City | None) -> City | None:
    """The city the article's meetings happen in, by mentions, else ``home``, the dateline's."""
    # a stop the trip goes on to ("travel to Montevideo, where ...") is not where the story's meetings are
    counts = Counter(m.city.name for m in mentions if m.city and not m.onward)
    lex = lexicon()
    if not counts:
        return home
    if home is not None and home.name in counts:
        # the reporter is where a meeting the story names is: that city has one more say, and wins a tie
        counts[home.name] += 1
        best = max(counts.values())
        if counts[home.name] == best:
            return home
    top = lex.cities[counts.most_common(1)[0][0].lower()]
    headline = {p for m in mentions if m.sentence < 0 for p in m.parties}
    there = {p for m in mentions if m.city is top for p in m.parties}
    if home is not None and max(counts.values()) == 1 and headline and there and not headline & there:
        # "PYONGYANG - ... as envoys of the US, China, Japan and Russia meet in Beijing": another meeting's city,
        # named once, with none of the sides the headline is about
        return home
    if home is not None and max(counts.values()) == 1 and top.country == home.country and not top.region:
        # "will receive him in Pretoria", once, in a story from Johannesburg: that one meeting's city, not the
        # story's; a city abroad named once is still where a story from the capital looks ("LONDON - the King will
        # visit Paris")
        return home
    return top


def event_day(
    group: Group, published: date | None, doc_day: date | None, dated: frozenset[date] = frozenset()
) -> date | None:
    """A group's day: its own, else the article's main meeting day for a timed meeting (the day of publication
    for one still ahead when another meeting of the story is dated that day: ``dated`` holds their days), else
    none."""
    if group.day:
        return group.day
    if group.clock is not None:
        under_way = any(m.status in (EventStatus.HELD, EventStatus.ONGOING) for m in group.mentions)
        if under_way and not any(m.future for m in group.mentions) and doc_day and published and doc_day > published:
            return published  # "the meeting started at noon": it has begun, so not on the later day the story looks to
        ahead = any(m.future for m in group.mentions if m.clock)
        if ahead and doc_day and published and (doc_day < published or published in dated):
            # "will hold talks at 18:00" in a story whose main dated meeting was yesterday's, or after a welcome
            # told for today while the trip goes on to Lahore tomorrow
            return published
        return doc_day or published
    return None


def shift(day: date, days: int) -> date:
    """``day`` moved by ``days``."""
    return day + timedelta(days=days)
