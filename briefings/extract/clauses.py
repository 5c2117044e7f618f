"""Clause handling: where a sentence's event clause starts and ends, and who is only quoted."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from briefings.extract import fastre
from briefings.extract.lexicon import lexicon

# a new clause starts at these: what follows belongs to another verb
_CUT = fastre.compile(
    # every cut starts at ";", "," or a space: the lookahead skips all other places at once (4x faster)
    r"(?=[;,\s])(?:"
    r";|\s[-–—]{1,2}\s|,\s+but\s|\sbut\s(?:has|have|had|is|was|are|were|also|said|the|it|he|she|they)\b"
    # a relative clause after a day or time of day ("on Wednesday morning, which starts at 10:00") stays
    r"|(?<!morning|evening|ternoon|  night)(?<!Monday|Friday|Sunday)(?<!Tuesday)(?<!Thursday|Saturday)(?<!Wednesday)"
    r",\s+(?:who|which|whose|where)\s"
    # ", as scheduled, at 10:00": an aside about the plan, not another clause
    r"|,\s+while\s|\swhile\s|\s+amid\s|,\s+as\s(?!(?:scheduled|planned|expected|agreed|announced|promised)\s*,)"
    r"|\sas\s(?=(?:both|the|it|they|he|she|we)\b)"
    # "received Zelenskiy and reiterated that the Vatican was ready to host talks": a second, reported thing
    r"|\s+and\s+(?=(?:reiterated|repeated|stressed|insisted|underlined|reaffirmed|added|warned)\s+that\b)"
    # "spoke by telephone with Zelenskiy on Wednesday ..., and said Beijing would send an envoy": what he said next
    r"|,\s+and\s+(?=(?:said|says|told)\b)"
    # "..., and India said Modi would hold talks with Xi on Wednesday": another thing, told by someone else
    r"|,\s+and\s+(?=(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}\s+(?:said|says|announced|confirmed)\b)"
    r"|\s+because\s|,\s+although\s|\s+although\s|,\s+though\s|(?<!day,)(?<!day)\s+when\s|,\s+after\s|\s+whereas\s|,\s+even\s+as\s"
    r"|,\s+since\s|\s+since\s+(?=(?:the|it|they|he|she|we)\b)|\s+after\s+(?=(?:the|he|she|they|it|both|two)\s+\w+\s+(?:\w+\s+)?(?:spoke|met|held|talked|agreed))"
    # "..., a day before Russian and Ukrainian negotiators meet in Istanbul": another meeting
    r"|,\s+(?:a|one|two|three|\w+)\s+(?:day|days|week|weeks|hour|hours)\s+(?:before|after)\s"
    # "will travel to Kyiv on Monday for talks with Zelensky, and will fly on to Moscow to meet Putin": the next leg
    r"|,\s+and\s+(?=(?:will\s+|would\s+)?(?:then\s+)?(?:fly|flies|travel|travels|go|goes|head|heads|move|moves"
    r"|continue|continues|proceed|proceeds)\s+on\s+to\b)"
    # "flies to Moscow on Monday for talks with Putin, then travels on to Kyiv": two meetings
    r"|,?\s+(?:and\s+)?then\s+(?=\w+s\b|will\b|heads?\b|goes\b)|,\s+before\s+(?=\w+ing\b)|\s+before\s+(?=(?:the|they|he|she)\s+(?:\w+\s+)?(?:\w+\s+)?(?:sat|met|held|meet|hold|sit|will)\b))",
    re.I,
)
# "Tajik President Emomali Rahmon has confirmed his participation": who comes, not who tells
_CONFIRMED = r"confirmed(?!\s+(?:their|his|her|its)\s+(?:participation|attendance|presence))"
# "..., Turkish officials said." / "..., said a spokesperson" at the end of a clause
_TRAILING_ATTRIBUTION = fastre.compile(
    r",\s*(?:(?:[^,]{0,90}?)\s+(?:said|says|told\s+\w+|added|noted|announced|reported"
    r"|" + _CONFIRMED + ")"
    r"(?:\s+(?:on|late|early)\s+\w+)?(?:\s+(?:in a statement|on X|in an interview))?"
    # "..., a spokesman told a news briefing." / "told reporters on a call on Tuesday": the telling's setting
    r"(?:\s+(?!(?:that|would|will|was|were|is|are|could|had|has)\b)[\w'’.-]+){0,8}?"
    r"|(?:said|says|according to|added|told\s+\w+)\s+[^,]{0,90}?)"
    # "..., Mr Albanese told reporters in Canberra on Tuesday, calling the gathering a big moment."
    r"(?:,\s*(?:calling|saying|adding|describing|noting|citing|stressing|urging)\b[^;]{0,200}?)?\s*[.!]?\s*$",
    re.I,
)
# "X said (on Thursday) (that) ..." at the start
_LEADING_ATTRIBUTION = fastre.compile(
    # "told a regular press briefing": the briefing is part of the telling
    r"^(?P<who>[^,;]{0,120}?)\s+(?:said|says|told(?:\s+(?!that\b|on\b|in\b)\w+){0,2}"
    r"(?:\s+(?:news|press))?(?:\s+(?:conference|briefing)\b)?|announced|" + _CONFIRMED + r"|added|stated"
    r"|reported|wrote|posted|noted|indicated|insisted|warned|argued|claimed|believes|believe)"
    r"(?:\s+in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?"
    r"(?:\s+(?:on|late|early|in)\s+(?:\w+\s+){0,2}?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\w+day))?"
    r"(?:\s+(?:in a statement|on X|on Telegram|in an interview|at a news conference))?"
    r"(?:\s+that)?\s+(?=\S)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a sentence with one main verb group; ``start`` is its offset in the sentence."""

    start: int
    text: str
    attribution: str = ""  # who is quoted, removed from ``text``
    topic: bool = False  # what a meeting is about or prepares ("to prepare the summit"), not a meeting itself
    sequel: bool = False  # follows "then" / "before ...": a second meeting in the same sentence
    # the word after the comma the clause starts at, and the words it hangs on: ", who met ..." and ", whose
    # policymakers meet ..." (the words just before), ", after meeting on Sunday" (told in the past) and ", where he is
    # to hold talks" (then and there) (the whole clause before)
    link: str = ""
    antecedent: str = ""


# "to prepare the Budapest summit", "ahead of the summit": what follows is the subject of the meeting
_TOPIC_CUT = fastre.compile(
    r"\s+(?:to\s+prepare|preparing\s+for|in\s+preparation\s+for|ahead\s+of|to\s+pave\s+the\s+way\s+for)\b", re.I
)
# "The talks, which began at 1030 GMT, ...": the relative clause still tells of the meeting
_MEETING_SUBJECT = fastre.compile(
    r"(?:^|,\s*|\b(?!(?:from|of|about|on|after|before|since|at|to)\b)\w+\s+)(?:the|these|their|[A-Z][\w'’-]*['’]s)\s+"
    r"(?:[\w'’-]+\s+){0,3}"
    r"(?:talks|meeting|summit|session|negotiations|call|hearing|vote|conference|visit)"
    # "the summit of the Group of 20", "Barrot's visit to Algeria"
    # "the VII Summit of Heads of State and Government of the Community of ... States (CELAC)": a long name
    r"(?:\s+(?:of|in|with|between|to|on|over)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,16}[\w'’-]+(?:\s+\([A-Z]{2,8}\))?)?\s*$"
    # "Talks between Yemen's government and the Houthis on a prisoner swap, which had been due ...": the story's subject
    r"|^\s*(?:talks|negotiations)\s+(?:between|with|on|over)\s+(?:[\w'’-]+\s+){0,14}[\w'’-]+\s*$"
    # "before sitting down for talks, which began at 1:00 pm": talks named without an article
    r"|\b(?:for|hold|holds|held|holding|into|began|begin|opened|open)\s+(?:[\w'’-]+\s+){0,2}(?:talks|negotiations"
    r"|consultations)\s*$"
    # "The summit, hosted by Charles Michel and co-chaired by Ralph Gonsalves, who holds ...": the meeting's hosts
    r"|^\s*(?:the|their)\s+(?:[\w'’-]+\s+){0,3}(?:talks|meeting|summit|session|negotiations|conference),\s+"
    r"(?:hosted|chaired|co-chaired|organi[sz]ed|convened|led|mediated|brokered)\s+by\s+[^,;]{1,150}$",
    re.I,
)
_TELLS_TIME = fastre.compile(
    r"^\s*,?\s*(?:which|that)\s+(?:began|begins|begin|started|starts|start|opened|opens|open|will|is|are|was|were|had|has"
    r"|take\s+place|takes\s+place|get\s+under\s+way|gets\s+under\s+way|run|runs)\b",
    re.I,
)


_ASIDE = fastre.compile(r"\s[-–—]{1,2}\s([^-–—.;]{3,60}?)\s[-–—]{1,2}\s")


def clauses(sentence: str) -> tuple[Clause, ...]:
    """Split a sentence at subordinators and strip speech attributions from each piece."""
    return _clauses(sentence)


@lru_cache(maxsize=4096)  # the event and delegation stages both split every sentence with a meeting word
def _clauses(sentence: str) -> tuple[Clause, ...]:
    # "Iran and the E3 - Britain, France and Germany - will hold talks": a dashed aside, not a new clause
    sentence = _ASIDE.sub(lambda m: ", " + m.group(1) + ", ", sentence)
    sentence = _blank_asides(sentence)
    out: list[Clause] = []
    pos = 0
    topic_from: int | None = None
    t = _TOPIC_CUT.search(sentence)
    if t:
        topic_from = t.start()
    link = antecedent = ""
    sequel = False
    for m in _CUT.finditer(sentence):
        if m.start() > pos:
            piece = sentence[pos : m.start()]
            if _MEETING_SUBJECT.search(piece) and _TELLS_TIME.match(sentence[m.start() :]):
                continue  # keep "the talks, which began at 1030 GMT" together
            out.append(_linked(_strip(piece, pos), sequel, link, antecedent))
        sequel = bool(re.search(r"\b(?:then|before)\b", m.group(0), re.I))
        word = re.match(r",\s+(who|whose|after|where)\s", m.group(0))
        link = word.group(1) if word else ""
        # the one a relative clause hangs on is named just before; whoever did the main clause's thing did what
        # came before it, then and there
        antecedent = sentence[max(0, m.start() - 60) if link in ("who", "whose") else pos : m.start()] if link else ""
        pos = m.end()
    if pos < len(sentence):
        out.append(_linked(_strip(sentence[pos:], pos), sequel, link, antecedent))
    if topic_from is not None:
        split: list[Clause] = []
        for c in out:
            cut = c.start + len(c.text)
            if c.start < topic_from < cut:
                k = topic_from - c.start
                split += [
                    replace(c, text=c.text[:k], topic=False),
                    Clause(topic_from, c.text[k:], c.attribution, True),
                ]
            else:
                split.append(replace(c, topic=c.topic or c.start >= topic_from))
        out = split
    return tuple(c for c in out if c.text.strip())


def _blank_asides(sentence: str) -> str:
    """ "The plenary session on the motion, which accuses Castillo of ..., is scheduled to begin at 3 p.m.": the
    relative clause is an aside, and the main verb after it is the meeting's. The aside is blanked out (offsets
    kept) so the meeting word and its verb are one clause, and nothing said in the aside joins them."""
    if ", wh" not in sentence and ", known" not in sentence and ", dubbed" not in sentence and ", also" not in sentence:
        return sentence
    for m in _CLOSED_THEN_TOLD.finditer(sentence):
        # "The meeting, which is expected to start by 4pm ..., was confirmed": that aside tells the meeting's hour
        if _MEETING_SUBJECT.search(sentence, 0, m.start()) and not _TELLS_TIME.match(sentence[m.start() :]):
            end = m.end("aside")
            sentence = sentence[: m.start()] + " " * (end - m.start()) + sentence[end:]
    return sentence


_CLOSED_THEN_TOLD = fastre.compile(
    r"(?P<aside>,\s+(?:which|who|known\s+as|dubbed|also\s+called)\s[^;,]{1,150},)\s+(?:is|are|was|were|will|has|have|had|began|begins|started"
    r"|starts|opened|opens|ended|ends|got|gets)\s"
)


def _linked(clause: Clause, sequel: bool, link: str, antecedent: str) -> Clause:
    if not sequel and not link:
        return clause
    return replace(clause, sequel=sequel, link=link, antecedent=antecedent)


# ", the White House said on Wednesday," in the middle of a clause
_MID_ATTRIBUTION = fastre.compile(
    r",\s*(?P<who>[^,]{2,80}?)\s+(?:said|says|told\s+\w+|announced|" + _CONFIRMED + ")"
    r"(?:\s+(?:(?:on|late|early)\s+)?(?:\w+day|today|yesterday|\w+))?\s*,",
    re.I,
)


def _strip(text: str, start: int) -> Clause:
    attribution = ""
    m = _MID_ATTRIBUTION.search(text)
    if m:
        attribution = m.group(0).strip(" ,")
        text = text[: m.start()] + "," + text[m.end() :]
    m = _TRAILING_ATTRIBUTION.search(text)
    if m and m.start() > 20:
        attribution = (attribution + " " + text[m.start() :]).strip()
        text = text[: m.start()]
    m = _LEADING_ATTRIBUTION.match(text)
    # "the Assembly debates two motions after the far right said ...": a meeting before "said" is no speaker
    if m and len(text) - m.end() > 15 and not lexicon().trigger_re.search(m.group("who")):
        attribution = (m.group(0) + " " + attribution).strip()
        start += m.end()
        text = text[m.end() :]
    return Clause(start, text, attribution)
