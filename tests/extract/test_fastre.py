"""fastre.compile must find exactly what re.compile finds; it may only find it sooner."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.extract import fastre

# shapes the extractor uses: word lists behind \b, lookbehinds, optional and repeated openings, classes
PATTERNS = [
    (r"\b(?:news|press)\s+(?:conference|briefing)|conference\s+call|\bwithout\s+(?:a\s+)?vote\b", re.I),
    (r"(?<![\w'’-])(?:meet(?:ing|s)?|talks|summit)(?![\w-])", re.I),
    (r"(?:(?P<mod>next|this|on)\s+)?(?P<wd>monday|friday)\b", re.I),
    (r"\s+(?:and\s+)?then\s+(?=\w+s\b)|,\s+while\s|;", re.I),
    (r"\b\d{1,2}[:.]\d{2}\s*(?:GMT|UTC)?", 0),
    (r"[A-Z][a-z]+\s+(?:Palace|Hotel)", 0),
    (r"(?i:talks)|summit", 0),
]
# single characters, and every alternative of the patterns above, so that matches of each kind occur
_PIECES = [
    *"aemtlksnwdyfrio GMTUC0123456789:.,;'’-\n",
    *["talks", "meeting", "meets", "Monday", "friday", "next ", "this ", "on ", "summit", "Talks"],
    *["NEWS conference", "press briefing", "conference call", "without a vote", "without vote", ", while "],
    *["then goes", " and then meets", "Dolmabahce Palace", "Ritz Hotel", "9:30", "09.30 GMT", "1200 UTC"],
]
TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
@settings(max_examples=150, deadline=None)
@given(text=TEXT)
def test_same_matches_as_re(pattern: str, flags: int, text: str) -> None:
    """Tried: random text over the patterns' own letters and words; held: every match span is the same."""
    plain, fast = re.compile(pattern, flags), fastre.compile(pattern, flags)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert bool(fast.match(text)) == bool(plain.match(text))


def test_guard_only_where_the_engine_has_none() -> None:
    """Word alternations behind \\b get a first-character lookahead; literal, anchored and catch-all starts do not."""
    assert fastre.compile(r"\b(?:news|press) conference", re.I).pattern.startswith("(?=[")
    for pattern in (r"GMT\s+\d", r"[A-Z]\w+", r"^\s*said", r"\b\w+day", r"(?i:talks)|summit", r".*x"):
        assert fastre.compile(pattern).pattern == pattern, pattern


def test_groups_and_names_survive() -> None:
    """The guard wraps the pattern without capturing: group numbers and names stay as written."""
    m = fastre.compile(r"\b(?:on\s+)?(?P<wd>Monday|Friday)\b(\s+morning)?", re.I).search("talks on friday morning")
    assert m is not None and m.group("wd") == "friday" and m.group(2) == " morning"


_LEX_WORDS = [
    *["talks", "meeting", "to meet", "will meet", "is due to", "expected", "no illusions", "breakthrough"],
    *["held talks", "postponed", "called off", "face-to-face", "U.S.-led", "o'clock", "said", "sidelines"],
]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(
        st.sampled_from([*_LEX_WORDS, " ", ", ", ".", "-", "'", "’", "the ", "Talks", "x" * 90]), max_size=30
    )
)
def test_phrase_tables_answer_as_their_regex(pieces: list[str]) -> None:
    """Tried: texts built from table words, punctuation and long filler; held: every phrase table's shortcut
    (a set lookup of its key words) gives the same search, match and finditer answers as the bare regex."""
    from briefings.extract.lexicon import lexicon

    text = "".join(pieces)
    lex = lexicon()
    tables = [lex.trigger_re, lex.expectation_re, lex.status_res["held"], lex.status_res["cancelled"], lex.future_re]
    for table in [*tables, lex.hypothetical_re, lex.speech_re, lex.venue_standalone_re]:
        assert [m.span() for m in table.finditer(text)] == [m.span() for m in table.regex.finditer(text)]
        assert bool(table.search(text, 3)) == bool(table.regex.search(text, 3))
        assert bool(table.match(text)) == bool(table.regex.match(text))
