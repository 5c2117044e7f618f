"""The phrase index tries only the span lengths its phrases have; it must find what trying every length finds."""

from __future__ import annotations

import copy

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefings.extract.lexicon import city_index, metonym_index, party_index

_PIECES = [
    *["Russia", "Russia's", "U.S.", "US", "United States", "European Union", "Bosnia-Herzegovina", "Saudi"],
    *["Arabia", "Hamas", "Kremlin", "White House", "New York", "Abu Dhabi", "Kuala Lumpur", "Chinese", "Turkish"],
    *[" ", " ", ", ", ".", "-", "'s", "'", "(", ")", " and ", " the ", "talks", "Türkiye", "São Paulo", "—"],
]


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=25))
@example(pieces=["talks with ", "Russia", " ", "'s", " envoy"])  # a lone "'s" token: the key is one token shorter
@example(pieces=["Bosnia-Herzegovina", " and ", "Abu Dhabi", "."])
def test_length_shortcut_finds_the_same_phrases(pieces: list[str]) -> None:
    """Tried: texts of country, city and seat names with possessives, stops, dashes and accents; held: each index
    finds the same spans, names and values with the shortcut as when every span length is tried."""
    text = "".join(pieces)
    for index in (party_index(), metonym_index(), city_index()):
        plain = copy.copy(index)
        plain._lengths = None
        plain._cache, plain._looked_up = {}, {}
        assert index._scan(text) == plain._scan(text)


def test_a_hyphenated_name_is_found_by_its_first_token() -> None:
    """ "Timor-Leste", "Guinea-Bissau" and "Congo-Brazzaville" start with the tokens "Timor", "Guinea" and "Congo":
    the index that skips words starting no phrase must know them by those tokens (it once held "timor-leste"
    and so never looked)."""
    from briefings.extract.lexicon import party_index

    found = [canon for _s, _e, _w, canon in party_index().finditer("Timor-Leste, Guinea-Bissau and Congo-Brazzaville")]
    assert found == ["Timor-Leste", "Guinea-Bissau", "Republic of Congo"]
