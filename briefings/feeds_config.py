"""Which feeds to poll: the TOML feeds file, OPML import/export, intervals and keyword filters.

The feeds file (``BRIEFBOT_FEEDS_FILE``) looks like::

    [defaults]
    every = "5m"                       # poll interval, at least 1 minute

    [[feeds]]
    url = "https://example.com/world.rss"
    name = "Example World"
    every = "10m"                      # optional, else the default
    keywords = ["talks", "peace summit"]   # optional: only items that mention one of these
    channels = ["#diplomacy"]          # optional: where its briefings go (else the default channels)

    [channels."#diplomacy"]
    keywords = ["ceasefire", "talks"]  # optional: what this channel wants, from any feed

Keywords are plain words and phrases matched case-insensitively on word boundaries; they are
never compiled into regular expressions, so no input can make matching slow.
"""

from __future__ import annotations

import re
import tomllib
import xml.parsers.expat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from briefings.errors import BriefbotError

MIN_INTERVAL = 60
DEFAULT_INTERVAL = 300
MAX_INTERVAL = 7 * 24 * 3600
MAX_OPML_BYTES = 5_000_000

_INTERVAL = re.compile(r"^\s*(\d{1,7})\s*(s|sec|secs|m|min|mins|h|hr|hrs|d)?\s*$", re.IGNORECASE)
_UNIT = {"s": 1, "sec": 1, "secs": 1, "m": 60, "min": 60, "mins": 60, "h": 3600, "hr": 3600, "hrs": 3600, "d": 86400}
_WORD = re.compile(r"\w+")


class FeedConfigError(BriefbotError):
    """A feeds file, OPML document or feed command argument is not usable."""


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed as configured: where, what to call it, how often, what to keep, where to post."""

    url: str
    name: str
    interval: int = DEFAULT_INTERVAL
    keywords: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FeedsConfig:
    """Everything the feeds file says: the feeds and each channel's keyword filter."""

    feeds: tuple[FeedSpec, ...] = ()
    channel_keywords: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def parse_interval(text: str | int) -> int:
    """``"5m"``, ``"90s"``, ``"1h"`` or a number of seconds -> seconds, at least one minute."""
    if isinstance(text, int) and not isinstance(text, bool):
        seconds = text
    else:
        m = _INTERVAL.match(str(text))
        if not m:
            raise FeedConfigError(f"bad interval {text!r}: use minutes like 5m, hours like 1h or seconds like 90s")
        seconds = int(m.group(1)) * _UNIT[(m.group(2) or "s").lower()]
    if seconds < MIN_INTERVAL:
        raise FeedConfigError(f"interval {text!r} is too short: feeds are polled at most once a minute")
    if seconds > MAX_INTERVAL:
        raise FeedConfigError(f"interval {text!r} is too long: at most 7 days")
    return seconds


def format_interval(seconds: int) -> str:
    """Seconds -> the shortest of ``90s``, ``5m``, ``2h``, ``1d``."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def check_url(url: str) -> str:
    """The URL stripped, if it is http(s) with a host; else :class:`FeedConfigError`."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedConfigError(f"not an http(s) feed URL: {url!r}")
    return url


def default_name(url: str) -> str:
    """A name for a feed nobody named: its host and path, without ``www.``."""
    parts = urlsplit(url)
    host = (parts.hostname or url).removeprefix("www.")
    path = parts.path.rstrip("/")
    return (host + path)[:120]


def clean_keywords(words: Iterable[object]) -> tuple[str, ...]:
    """Keywords as given, stripped, empty ones dropped, duplicates removed (case-insensitively)."""
    out: dict[str, str] = {}
    for w in words:
        if not isinstance(w, str):
            raise FeedConfigError(f"keyword {w!r} is not a string")
        w = " ".join(w.split())
        if w and _WORD.search(w):
            out.setdefault(w.casefold(), w)
    return tuple(out.values())


class KeywordFilter:
    """Matches plain words and phrases on word boundaries, case-insensitively, in linear time."""

    def __init__(self, keywords: Iterable[str]) -> None:
        self.keywords = tuple(keywords)
        # each phrase as its words joined by single spaces, padded so " talks " never hits "stalks"
        self._phrases = tuple(f" {' '.join(_WORD.findall(k.casefold()))} " for k in self.keywords)
        self._phrases = tuple(p for p in self._phrases if p.strip())

    def __bool__(self) -> bool:
        return bool(self._phrases)

    def matches(self, *texts: str | None) -> bool:
        """True when there are no keywords, or one of them occurs in one of the texts."""
        if not self._phrases:
            return True
        hay = " " + " ".join(" ".join(_WORD.findall(t.casefold())) for t in texts if t) + " "
        return any(p in hay for p in self._phrases)


# ---------------------------------------------------------------------------------------- TOML


def _spec_from_table(item: Mapping[str, Any], default_every: int, where: str) -> FeedSpec:
    unknown = set(item) - {"url", "name", "every", "interval", "keywords", "channels"}
    if unknown:
        raise FeedConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    if "url" not in item or not isinstance(item["url"], str):
        raise FeedConfigError(f"{where}: every feed needs a url")
    url = check_url(item["url"])
    name = item.get("name") or default_name(url)
    if not isinstance(name, str):
        raise FeedConfigError(f"{where}: name must be a string")
    every = item.get("every", item.get("interval", default_every))
    channels = item.get("channels", [])
    if isinstance(channels, str):
        channels = [channels]
    keywords = item.get("keywords", [])
    if isinstance(keywords, str):
        keywords = [keywords]
    return FeedSpec(
        url=url,
        name=" ".join(name.split())[:200],
        interval=parse_interval(every),
        keywords=clean_keywords(keywords),
        channels=tuple(str(c).strip() for c in channels if str(c).strip()),
    )


def parse_feeds_toml(text: str, source: str = "feeds file") -> FeedsConfig:
    """Parse the feeds file's TOML text; names and URLs must be unique."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FeedConfigError(f"{source}: not valid TOML: {exc}") from None
    defaults = data.get("defaults", {})
    default_every = parse_interval(defaults.get("every", defaults.get("interval", DEFAULT_INTERVAL)))
    feeds = data.get("feeds", data.get("feed", []))
    if not isinstance(feeds, list):
        raise FeedConfigError(f"{source}: 'feeds' must be an array of tables ([[feeds]])")
    specs = [_spec_from_table(item, default_every, f"{source}, feed {i + 1}") for i, item in enumerate(feeds)]
    _check_unique(specs, source)
    chans: dict[str, tuple[str, ...]] = {}
    for chan, table in (data.get("channels") or {}).items():
        words = table.get("keywords", []) if isinstance(table, dict) else table
        chans[str(chan)] = clean_keywords([words] if isinstance(words, str) else words)
    return FeedsConfig(feeds=tuple(specs), channel_keywords=chans)


def load_feeds_file(path: str | Path) -> FeedsConfig:
    """Read and parse the feeds file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FeedConfigError(f"feeds file {p} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FeedConfigError(f"feeds file {p} cannot be read: {exc}") from None
    return parse_feeds_toml(text, str(p))


def _check_unique(specs: Sequence[FeedSpec], source: str) -> None:
    urls: set[str] = set()
    names: set[str] = set()
    for s in specs:
        if s.url in urls:
            raise FeedConfigError(f"{source}: feed {s.url} is listed twice")
        if s.name.casefold() in names:
            raise FeedConfigError(f"{source}: two feeds are named {s.name!r}")
        urls.add(s.url)
        names.add(s.name.casefold())


def _toml_str(value: str) -> str:
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    out = "".join(ch if ord(ch) >= 32 else f"\\u{ord(ch):04x}" for ch in out)
    return f'"{out}"'


def dump_feeds_toml(specs: Iterable[FeedSpec]) -> str:
    """The feeds as a feeds file (the inverse of :func:`parse_feeds_toml` for the feeds part)."""
    lines: list[str] = []
    for s in specs:
        lines += ["[[feeds]]", f"url = {_toml_str(s.url)}", f"name = {_toml_str(s.name)}"]
        lines.append(f"every = {_toml_str(format_interval(s.interval))}")
        if s.keywords:
            lines.append("keywords = [" + ", ".join(_toml_str(k) for k in s.keywords) + "]")
        if s.channels:
            lines.append("channels = [" + ", ".join(_toml_str(c) for c in s.channels) + "]")
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------- OPML

# our own attributes, so an export -> import round trip keeps intervals, keywords and channels
_A_EVERY = "briefbotEvery"
_A_KEYWORDS = "briefbotKeywords"
_A_CHANNELS = "briefbotChannels"


def export_opml(specs: Iterable[FeedSpec], title: str = "briefbot feeds") -> str:
    """The feeds as an OPML 2.0 document."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_xml_text(title)}</title></head>",
        "  <body>",
    ]
    for s in specs:
        attrs = {"type": "rss", "text": s.name, "title": s.name, "xmlUrl": s.url, _A_EVERY: format_interval(s.interval)}
        if s.keywords:
            attrs[_A_KEYWORDS] = ",".join(k.replace(",", " ") for k in s.keywords)
        if s.channels:
            attrs[_A_CHANNELS] = ",".join(s.channels)
        out.append("    <outline " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items()) + "/>")
    out += ["  </body>", "</opml>", ""]
    return "\n".join(out)


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Refuse(Exception):
    pass


def _refuse(*_args: object) -> None:
    raise _Refuse("DOCTYPE and entity declarations are not accepted in OPML")


def parse_opml(data: bytes, default_interval: int = DEFAULT_INTERVAL) -> list[FeedSpec]:
    """Feeds from an OPML document, parsed safely: no DOCTYPE, no entities, no external fetches, size-capped."""
    if len(data) > MAX_OPML_BYTES:
        raise FeedConfigError(f"OPML file too large ({len(data):,} bytes; the limit is {MAX_OPML_BYTES:,})")
    found: list[dict[str, str]] = []
    saw_opml = False

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal saw_opml
        if tag == "opml":
            saw_opml = True
        elif tag == "outline" and attrs.get("xmlUrl"):
            found.append(attrs)

    # expat straight, with every declaration hook refusing: no billion laughs, no external entities
    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse  # type: ignore[assignment]
    try:
        parser.Parse(data, True)
    except _Refuse as exc:
        raise FeedConfigError(f"unsafe OPML: {exc}") from None
    except xml.parsers.expat.ExpatError as exc:
        raise FeedConfigError(f"not valid OPML: {exc}") from None
    if not saw_opml:
        raise FeedConfigError("not an OPML document (no <opml> element)")
    specs: list[FeedSpec] = []
    seen: set[str] = set()
    names: set[str] = set()
    for attrs in found:
        url = check_url(attrs["xmlUrl"])
        if url in seen:
            continue
        name = " ".join((attrs.get("title") or attrs.get("text") or default_name(url)).split())[:200]
        if name.casefold() in names:
            name = f"{name} ({default_name(url)})"[:200]
        every = attrs.get(_A_EVERY)
        specs.append(
            FeedSpec(
                url=url,
                name=name,
                interval=parse_interval(every) if every else default_interval,
                keywords=clean_keywords(attrs.get(_A_KEYWORDS, "").split(",")),
                channels=tuple(c.strip() for c in attrs.get(_A_CHANNELS, "").split(",") if c.strip()),
            )
        )
        seen.add(url)
        names.add(name.casefold())
    return specs
