"""Reading plain-text articles: validation (empty, binary, not UTF-8, too large) and the date line."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from briefings.errors import ArticleError
from briefings.model import Article

DEFAULT_MAX_BYTES = 2_000_000

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*([^\n]*)\n?")


def decode_article_bytes(raw: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Bytes to text, refusing what is not an article: too large, empty, binary, not UTF-8."""
    if len(raw) > max_bytes:
        raise ArticleError(source, f"too large ({len(raw):,} bytes; the limit is {max_bytes:,})")
    if not raw.strip():
        raise ArticleError(source, "empty article")
    if b"\x00" in raw[:65536]:
        raise ArticleError(source, "binary file, not a text article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(source, f"not UTF-8 text (bad byte at offset {exc.start})") from None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:65536]) // 100):
        raise ArticleError(source, "binary data, not a text article")
    return text


def parse_article_text(text: str, source: str, published: date | None = None, url: str | None = None) -> Article:
    """Split an optional ``date YYYY-MM-DD <headline>`` first line from the body."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    headline: str | None = None
    m = _DATE_LINE.match(text)
    if m:
        try:
            published = date.fromisoformat(m.group(1))
        except ValueError:
            raise ArticleError(source, f"bad date line: {m.group(1)!r} is not a calendar date") from None
        headline = m.group(2).strip() or None
        text = text[m.end() :]
    if not text.strip() and not headline:
        raise ArticleError(source, "empty article")
    return Article(text=text, source=source, headline=headline, published=published, url=url)


def read_article_file(path: Path, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read and validate one plain-text article file."""
    source = str(path)
    try:
        if path.is_dir():
            raise ArticleError(source, "is a directory, not an article file")
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(source, f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(source, "no such file") from None
    except PermissionError:
        raise ArticleError(source, "permission denied") from None
    return parse_article_text(decode_article_bytes(raw, source, max_bytes), source, published)
