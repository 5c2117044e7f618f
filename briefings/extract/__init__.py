"""The extractor: wire-story text in, events with exact UTC times out.

A pipeline of small stages (sentences, time expressions, places and zones, people and roles,
parties, events, expectations), each in its own module, with vocabulary in ``briefings/data``.
"""

from __future__ import annotations

from briefings.model import Article, Extraction


def extract(article: Article) -> Extraction:
    """Every event the article announces or reports, plus its expectations and positions."""
    # placeholder while the pipeline lands: an honest "nothing found"
    return Extraction(published=article.published, headline=article.headline)


__all__ = ["extract"]
