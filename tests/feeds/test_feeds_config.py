"""The feeds file, OPML import/export, intervals and keyword matching."""

from __future__ import annotations

import time

import pytest

from briefings.feeds_config import (
    FeedConfigError,
    FeedSpec,
    KeywordFilter,
    clean_keywords,
    dump_feeds_toml,
    export_opml,
    parse_feeds_toml,
    parse_interval,
    parse_opml,
)

FILE = """
[defaults]
every = "10m"

[[feeds]]
url = "https://wire.example/world.rss"
name = "Wire World"
keywords = ["talks", "peace summit"]
channels = ["#diplomacy"]

[[feeds]]
url = "https://other.example/atom.xml"
every = "1h"

[channels."#diplomacy"]
keywords = ["ceasefire"]
"""


def test_feeds_file_parses_with_defaults() -> None:
    """Defaults applied, a missing name derived from the URL, channel keywords read."""
    cfg = parse_feeds_toml(FILE)
    assert cfg.feeds == (
        FeedSpec("https://wire.example/world.rss", "Wire World", 600, ("talks", "peace summit"), ("#diplomacy",)),
        FeedSpec("https://other.example/atom.xml", "other.example/atom.xml", 3600),
    )
    assert cfg.channel_keywords == {"#diplomacy": ("ceasefire",)}
    assert parse_feeds_toml(dump_feeds_toml(cfg.feeds)).feeds == cfg.feeds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[feeds]]\nurl = "ftp://x/y"', "not an http"),
        ('[[feeds]]\nurl = "https://x/y"\nevery = "30s"', "at most once a minute"),
        ('[[feeds]]\nurl = "https://x/y"\n[[feeds]]\nurl = "https://x/y"', "listed twice"),
        ('[[feeds]]\nurl = "https://x/y"\nregex = "a+"', "unknown key"),
        ("[[feeds]\n", "not valid TOML"),
    ],
)
def test_feeds_file_errors_say_what_is_wrong(text: str, message: str) -> None:
    """Bad URLs, too-short intervals, duplicates, unknown keys and broken TOML are refused with a reason."""
    with pytest.raises(FeedConfigError, match=message):
        parse_feeds_toml(text)


def test_intervals() -> None:
    """5m, 90s, 1h and bare seconds parse; below a minute is refused."""
    assert [parse_interval(x) for x in ("5m", "90s", "1h", "300", 120, "2 min")] == [300, 90, 3600, 300, 120, 120]
    for bad in ("59s", "0", "soon", "5x"):
        with pytest.raises(FeedConfigError):
            parse_interval(bad)


def test_opml_round_trip() -> None:
    """Exported OPML imported again gives the same feeds, intervals, keywords and channels."""
    specs = [
        FeedSpec("https://a.example/rss?x=1&y=2", 'A & "B" <news>', 300, ("talks",), ("#c1", "#c2")),
        FeedSpec("https://b.example/atom", "B", 3600),
    ]
    assert parse_opml(export_opml(specs).encode()) == specs


def test_opml_from_another_reader_with_folders() -> None:
    """A typical reader's export (nested folders, no briefbot attributes) imports with the default interval."""
    doc = b"""<?xml version="1.0"?><opml version="1.0"><head/><body>
      <outline text="News"><outline text="Wire" type="rss" xmlUrl="https://w.example/feed"/></outline>
      <outline text="Not a feed"/></body></opml>"""
    assert parse_opml(doc) == [FeedSpec("https://w.example/feed", "Wire", 300)]


@pytest.mark.parametrize(
    "doc",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        b'<opml><body><outline xmlUrl="https://x/&lol2;"/></body></opml>',
        b'<?xml version="1.0"?><!DOCTYPE opml SYSTEM "http://evil.example/x.dtd"><opml/>',
    ],
)
def test_unsafe_opml_is_refused(doc: bytes) -> None:
    """OPML with a DOCTYPE or entity declarations (billion laughs, external DTD) is refused, never expanded."""
    with pytest.raises(FeedConfigError, match="unsafe OPML"):
        parse_opml(doc)


def test_broken_opml_is_refused() -> None:
    """Not XML, or XML that is not OPML: refused with a reason."""
    with pytest.raises(FeedConfigError, match="not valid OPML"):
        parse_opml(b"<opml><body>")
    with pytest.raises(FeedConfigError, match="not an OPML"):
        parse_opml(b"<rss/>")


def test_keyword_filter_is_plain_words() -> None:
    """Words and phrases match on word boundaries, case-insensitively; regex syntax is only text."""
    f = KeywordFilter(["Talks", "peace summit", "a+b"])
    assert f.matches("Peace talks resume")
    assert f.matches("the PEACE   Summit opened")
    assert not f.matches("heron stalks fish", "peace, then summit")
    assert clean_keywords([".*", " ", "a+b"]) == ("a+b",)  # no word in it: dropped, not a match-all pattern
    assert not f.matches("a plus b")
    assert KeywordFilter([]).matches("anything")


def test_keyword_filter_is_linear_on_hostile_input() -> None:
    """A classic ReDoS pattern given as a keyword, against a long hostile text, is just words: fast."""
    f = KeywordFilter(["(b+)+$", "a a a a a a a a a a a a b"])
    text = "a " * 200_000 + "!"
    started = time.perf_counter()
    assert not f.matches(text)
    assert time.perf_counter() - started < 5  # generous: a backtracking regex would take ages
