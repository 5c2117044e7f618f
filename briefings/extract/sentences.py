"""Stage 1: the article body as paragraphs and sentences, with the dateline and footers set aside."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefings.extract import fastre
from briefings.extract.lexicon import lexicon

# tokens after which a full stop does not end a sentence
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "sen",
        "rep",
        "gov",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "adm",
        "capt",
        "sgt",
        "prof",
        "rev",
        "fr",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.n",
        "u.k",
        "e.u",
        "a.m",
        "p.m",
        "inc",
        "corp",
        "co",
        "ltd",
    ]
)
_ZONE_AFTER = fastre.compile(
    r"\s*(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|JST|local|\(|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"(?:Eastern|Central|Pacific|Mountain|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+time)\b"
)
_BOUNDARY = fastre.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_DATELINE = fastre.compile(
    r"^\s*(?P<city>[A-ZÀ-Þ][A-ZÀ-Þ'’.\- ]{1,40}?)(?:/[A-ZÀ-Þ][A-ZÀ-Þ'’.\- ]{1,30}?)?"  # "WASHINGTON/BEIJING"
    r"(?:\s*,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}(?:\s+\d{1,2}(?:\s*,\s*\d{4})?)?){0,2}"  # ", Belarus, March 1, 2024"
    r"\s*(?:\((?P<agency>[^)\n]{1,40})\)\.?)?\s*(?:[-–—]{1,2}\s+|--(?=[A-Z]))"
)
# "SHEPHERDSTOWN, W.Va. (AP) -", "PALM BEACH, Florida -": what follows the town
_STATE_AFTER = fastre.compile(r"\s*,\s*((?:[A-Z][a-z]*\.?\s?){1,2}[A-Z]?[a-z]*\.?)(?=\s*[(,\-–—])")
# AFP and others: "Kyiv (AFP) -", "Brasília, Jan 22 (Reuters) -": mixed case, but the agency in brackets
_DATELINE_MIXED = fastre.compile(
    r"^\s*(?P<city>[A-Z][\w'’.\-]+(?:\s[A-Z][\w'’.\-]+){0,2})(?:\s*,\s*[A-Z][\w.]*(?:\s+[A-Z\d][\w.]*){0,2})?"
    r"\s*\((?P<agency>[^)\n]{1,40})\)\.?\s*(?:[-–—]{1,2}\s+|--(?=[A-Z]))"  # EFE: "Madrid, May 30 (EFE).- "
)
# PTI and others: "Accra, Jul 2 (PTI) Prime Minister ...": with a date before the agency, no dash is needed
# (KNA: "Nairobi, Thursday, October 24, 2024 (KNA) The ...", with the weekday and the year)
_DATELINE_DATED = fastre.compile(
    r"^\s*(?P<city>[A-Z][\w'’.\-]+(?:\s[A-Z][\w'’.\-]+){0,2}),\s*(?:[A-Z][a-z]{2,5}day,\s*)?[A-Z][a-z]{2,8}\.?\s+"
    r"\d{1,2}(?:,\s*\d{4})?"
    r"\s*\((?P<agency>[A-Z][^)\n]{1,39})\)\s+(?=[A-Z\"“])"
)
# TASS: "ANTALYA, March 10. /TASS/. Russian Foreign Minister ..."
_DATELINE_SLASHED = fastre.compile(
    r"^\s*(?P<city>[A-Z][A-Z'’.\- ]{1,40}?),\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\.\s*/(?P<agency>[A-Za-z-]{2,20})/\.?\s*"
)
# South Asian and other papers: "New Delhi:" / "ISLAMABAD:", and "Rabat - " (only a city the gazetteer knows, so
# "Update:" is none)
_DATELINE_COLON = fastre.compile(
    r"^\s*(?P<city>[A-Z][\w'’.\-]+(?:\s[A-Z][\w'’.\-]+){0,2})(?:\s*:|\s+[-–—])\s+(?=[A-Z\"“])"
)
# state agencies: "Islamabad, IRNA - ", "Ankara, June 22, 2022, SPA -- " (only a city the gazetteer knows)
_DATELINE_COMMA = fastre.compile(
    r"^\s*(?P<city>[A-Z][\w'’.\-]+(?:\s[A-Z][\w'’.\-]+){0,2})(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r",\s*(?P<agency>[A-Z]{2,6})\s*(?:[-–—]{1,2}\s+|--(?=[A-Z]))"
)
# a live blog entry's own time: "0905 GMT - ...", "7.58pm ET: ...", "10:45 a.m. EDT - ..." (not a "- 3pm:" list item)
_LIVE_STAMP = fastre.compile(
    r"^\s*(?P<stamp>(?:[012]\d[0-5]\d\s*(?:GMT|UTC)|(?:1[0-2]|0?[1-9])[.:][0-5]\d\s*(?:[ap]\.?m\.?)\s*"
    r"(?:ET|EDT|EST|GMT|UTC|BST|CET|CEST)?|(?:[01]?\d|2[0-3]):[0-5]\d\s*(?:GMT|UTC|ET|EDT|EST|BST|CET|CEST)))"
    r"\s*[-–—:]\s+",
    re.I,
)
_FOOTER = fastre.compile(
    r"^\s*\(?\s*(?:reporting|additional reporting|writing|editing|compiled) by\b|^\s*\(?\s*(?:updated|published)\s",
    re.I,
)


# A photo caption copied with the page ("... March 21, 2023. REUTERS/Name/File Photo"): it describes a picture,
# often an old one, and its "X meets Y" is no news of a meeting.
_CAPTION = fastre.compile(
    r"\bREUTERS/|\bvia REUTERS\b|\bFile Photo\b|Licensing Rights|\(AP Photo|\bAP Photo/|Getty Images|\bAFP/|/AFP\b"
    r"|\bEPA-EFE\b|\bPhotograph:|\(Photo by\b|"
    r"^\s*(?:Photo(?:\s+caption)?|Caption|Image|Picture)\s*:|^\s*\[\d+/\d+\]|^\s*Item \d+ of \d+\b"
    r"|\bPool via\b|\bPool Photo\b"
)
# every _CAPTION alternative contains one of these: most paragraphs are let through without the regex
_CAPTION_KEYS = (
    "REUTERS",
    "Photo",
    "Rights",
    "Getty",
    "AFP",
    "EPA-EFE",
    "Photograph",
    "Caption",
    "Image",
    "Picture",
    "[",
    "Item ",
    "Pool",
)
# Web-page furniture around the story: nothing in it is news of a meeting.
_CHROME = fastre.compile(
    r"^\s*(?:advertisement\b|scroll to continue|sign up here|read more\b|share this\b|listen to (?:this )?article"
    r"|our standards:|summary$|companies$|related (?:stories|coverage|content)|recommended (?:stories|topics)"
    r"|get a look at the day ahead)",
    re.I,
)
# a page's own time stamp on a line of its own: "June 10, 20252:57 PM UTCUpdated 3 hours ago", or after the
# outlet's name: "KYODO NEWS - Nov 15, 2024 | World" (a dateline's dash, but no story after it)
_STAMP_LINE = fastre.compile(
    r"^\s*(?:[A-Z][A-Za-z.&' ]{1,30}?\s*[-–—|]\s*)?(?:(?:published|updated|last updated)\s*:?\s*)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}).{0,60}$",
    re.I,
)


# pasted into a paragraph: "... said on Monday.Advertisement · Scroll to continue", "(link), opens new tab"
_INLINE_CHROME = fastre.compile(r",?\s*opens new tab\b|(?<=\S)Advertisement\s*·\s*Scroll to continue", re.I)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text, position and paragraph."""

    index: int
    paragraph: int
    text: str
    stamp: str | None = None  # a live blog entry's own time ("0905 GMT - Talks have begun")


@dataclass(frozen=True, slots=True)
class Body:
    """The body split into sentences, plus the dateline's city and agency if any."""

    sentences: tuple[Sentence, ...]
    dateline_city: str | None
    agency: str | None
    dateline_state: str | None = None  # "SHEPHERDSTOWN, W.Va.", "BUKA, Papua New Guinea": what follows the town


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, respecting abbreviations, initials and a.m./p.m. before zones."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        before = paragraph[start : m.start() + 1]
        last = re.split(r"\s+", before.strip())[-1].rstrip(".").lower() if before.strip() else ""
        if last in _ABBREV or re.fullmatch(r"[a-z]", last) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", last):
            # "a.m. EDT" keeps going; "a.m. The talks" is a new sentence
            if last not in ("a.m", "p.m") or _ZONE_AFTER.match(paragraph, m.end() - 1):
                continue
        piece = paragraph[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def split_body(text: str) -> Body:
    """Paragraphs -> sentences; the first paragraph's dateline and any reporting footers removed."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    dateline_city: str | None = None
    dateline_state: str | None = None
    agency: str | None = None
    sentences: list[Sentence] = []
    for pi, para in enumerate(paragraphs):
        if _FOOTER.match(para) or _CHROME.match(para) or _STAMP_LINE.match(para):
            continue
        if any(k in para for k in _CAPTION_KEYS) and _CAPTION.search(para):
            continue
        low = para.lower()
        if "opens new tab" in low or "scroll to continue" in low:
            para = _INLINE_CHROME.sub("", para)
        if dateline_city is None:
            m = (
                _DATELINE.match(para)
                or _DATELINE_MIXED.match(para)
                or _DATELINE_DATED.match(para)
                or _DATELINE_SLASHED.match(para)
            )
            if (
                m
                and len(m.group("city").strip()) > 2
                and (m.group("city").strip().upper() == m.group("city").strip() or m.group("agency"))
            ):
                dateline_city = m.group("city").strip().title()
                agency = m.group("agency")
                if state := _STATE_AFTER.match(para, m.end("city")):
                    dateline_state = state.group(1).strip()
                para = para[m.end() :]
            elif (
                pi < 3
                and (c := _DATELINE_COLON.match(para) or _DATELINE_COMMA.match(para))
                and c.group("city").lower() in lexicon().cities
            ):
                dateline_city = c.group("city")
                agency = c.groupdict().get("agency")
                para = para[c.end() :]
        stamp = None
        live = _LIVE_STAMP.match(para)
        if live:
            stamp = live.group("stamp")
            para = para[live.end() :]
        for s in split_sentences(para):
            sentences.append(Sentence(len(sentences), pi, s, stamp))
    return Body(tuple(sentences), dateline_city, agency, dateline_state)
