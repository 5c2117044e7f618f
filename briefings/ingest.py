"""Reading sources into articles: text files, stdin, HTML pages, article URLs and RSS/Atom feeds.

    async with SourceReader(IngestOptions(max_bytes=2_000_000, timeout=20)) as reader:
        articles = await reader.read("https://example.org/feed.xml")

Each source fails alone with :class:`~briefings.errors.SourceError` (404, timeout, not a feed) or
:class:`~briefings.errors.ArticleError` (empty, binary, not UTF-8, too large), whose message is one line
naming the source. Storing is not done here: see :class:`briefings.service.BriefingService`.
"""

from __future__ import annotations

import asyncio
import calendar
import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import aiohttp

from briefings.article import DEFAULT_MAX_BYTES, decode_article_bytes, parse_article_text
from briefings.errors import ArticleError, SourceError
from briefings.model import Article

log = logging.getLogger(__name__)

_FEED_TYPES = ("rss", "atom", "rdf")
_BINARY_TYPES = re.compile(r"^(image|audio|video|font)/|application/(octet-stream|pdf|zip|gzip|x-)", re.I)
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr")


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Limits and defaults for reading sources."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0
    user_agent: str = "briefbot/0.1"
    # publication date for plain text without a date line (and pages without metadata)
    published: dt.date | None = None


def is_url(source: str) -> bool:
    """An http(s) URL rather than a file path."""
    return source.lower().startswith(("http://", "https://"))


def _sniff(raw: bytes, name: str, content_type: str | None) -> str:
    """ "feed", "html" or "text", from the content type, the name and the first bytes."""
    ctype = (content_type or "").lower()
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(f"{t}+xml" in ctype for t in _FEED_TYPES) or (
        head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and re.search(rb"<(rss|feed|rdf:rdf)\b", head)
    ):
        return "feed"
    if "xml" in ctype or head.startswith(b"<?xml") or name.lower().endswith((".rss", ".atom", ".xml")):
        return "feed"  # XML that is not a known feed: feedparser decides, and says "not a feed"
    if "html" in ctype or name.lower().endswith((".html", ".htm")) or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def _check_raw(raw: bytes, source: str, max_bytes: int) -> None:
    if len(raw) > max_bytes:
        raise ArticleError(source, f"too large ({len(raw):,} bytes; the limit is {max_bytes:,})")
    if not raw.strip():
        raise ArticleError(source, "empty")
    if b"\x00" in raw[:65536]:
        raise ArticleError(source, "binary file, not a text article")


def articles_from_bytes(
    raw: bytes,
    source: str,
    *,
    options: IngestOptions = IngestOptions(),
    url: str | None = None,
    content_type: str | None = None,
) -> list[Article]:
    """Turn a source's bytes into articles: one for text or HTML, one per entry for a feed."""
    kind = _sniff(raw, url or source, content_type)
    if kind == "text":
        text = decode_article_bytes(raw, source, options.max_bytes)
        return [parse_article_text(text, source, options.published, url)]
    _check_raw(raw, source, options.max_bytes)
    if kind == "html":
        return [html_article(raw, source, url=url, published=options.published)]
    return feed_articles(raw, source)


def html_article(raw: bytes | str, source: str, *, url: str | None = None, published: dt.date | None = None) -> Article:
    """The main text of an HTML page with its headline, canonical URL, outlet and publication date."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises many types on junk; the page is unreadable either way
        raise ArticleError(source, f"cannot read the HTML page ({exc.__class__.__name__})") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise ArticleError(source, "no article text found in the page")
    page_date = _iso_date(getattr(doc, "date", None))
    return Article(
        text=text,
        source=source,
        headline=getattr(doc, "title", None) or None,
        published=page_date or published,
        url=getattr(doc, "url", None) or url,
        outlet=getattr(doc, "sitename", None) or None,
    )


def _iso_date(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (feed content or summary), blocks on their own lines."""
    if "<" not in html:
        import html as html_mod

        return html_mod.unescape(html).strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises several types on junk; strip tags crudely instead
        return re.sub(r"<[^>]+>", " ", html).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        st = entry.get(key)
        if st:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(st), dt.UTC).date()
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def feed_articles(raw: bytes, source: str) -> list[Article]:
    """Every entry of an RSS/Atom feed as an article, full text from its content or summary."""
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        raise SourceError(source, "not a feed" + (f" ({str(why).splitlines()[0][:120]})" if why else ""))
    outlet = parsed.feed.get("title") or None
    out: list[Article] = []
    for i, entry in enumerate(parsed.entries):
        bodies = [c.get("value", "") for c in entry.get("content", []) or []]
        bodies.append(entry.get("summary", "") or "")
        body = max((fragment_text(b) for b in bodies if b), key=len, default="")
        title = fragment_text(entry.get("title", "") or "") or None
        link = entry.get("link") or None
        name = f"{source}#{link or i + 1}"
        if not body.strip():
            log.warning("%s: entry without text, skipped", name)
            continue
        out.append(
            Article(
                text=body, source=link or name, headline=title, published=_entry_date(entry), url=link, outlet=outlet
            )
        )
    return out


async def read_capped(resp: aiohttp.ClientResponse, cap: int) -> bytes | None:
    """The body of ``resp``, or None when it is over ``cap`` bytes, as declared or as read.

    Decompressed chunks are counted and reading stops past the cap, so a gzip bomb is cut the same way.
    """
    if resp.content_length is not None and resp.content_length > cap:
        return None
    body = bytearray()
    async for chunk in resp.content.iter_chunked(65536):
        body += chunk
        if len(body) > cap:
            return None
    return bytes(body)


class SourceReader:
    """Reads sources (paths, ``http(s)://`` URLs) into articles; owns one HTTP session."""

    def __init__(self, options: IngestOptions = IngestOptions()) -> None:
        self.options = options
        self._http: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> SourceReader:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the HTTP session if one was opened."""
        if self._http is not None:
            await self._http.close()
            self._http = None

    def _session(self) -> aiohttp.ClientSession:
        if self._http is None:
            self._http = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.options.timeout),
                headers={"User-Agent": self.options.user_agent},
            )
        return self._http

    async def read(self, source: str) -> list[Article]:
        """The articles in one source (a feed gives one per entry)."""
        if is_url(source):
            raw, ctype, final = await self.fetch(source)
            return await asyncio.to_thread(
                articles_from_bytes, raw, source, options=self.options, url=final, content_type=ctype
            )
        raw = await asyncio.to_thread(self._read_file, Path(source))
        return await asyncio.to_thread(articles_from_bytes, raw, source, options=self.options)

    def _read_file(self, path: Path) -> bytes:
        source = str(path)
        try:
            if path.is_dir():
                raise ArticleError(source, "is a directory, not an article file")
            size = path.stat().st_size
            if size > self.options.max_bytes:
                raise ArticleError(source, f"too large ({size:,} bytes; the limit is {self.options.max_bytes:,})")
            return path.read_bytes()
        except FileNotFoundError:
            raise SourceError(source, "no such file") from None
        except PermissionError:
            raise SourceError(source, "permission denied") from None

    async def fetch(self, url: str) -> tuple[bytes, str | None, str]:
        """GET a URL with the size cap and timeout: (body, content type, final URL)."""
        cap = self.options.max_bytes
        try:
            async with self._session().get(url, allow_redirects=True) as resp:
                if resp.status >= 400:
                    raise SourceError(url, f"HTTP {resp.status} {resp.reason or ''}".strip())
                ctype = resp.headers.get("Content-Type")
                if ctype and _BINARY_TYPES.search(ctype):
                    raise ArticleError(url, f"binary content ({ctype.split(';')[0]}), not an article")
                body = await read_capped(resp, cap)
                if body is None:
                    raise ArticleError(url, f"too large (over the limit of {cap:,} bytes)")
                return body, ctype, str(resp.url)
        except TimeoutError:
            raise SourceError(url, f"timed out after {self.options.timeout:g}s") from None
        except aiohttp.ClientError as exc:
            reason = str(exc).splitlines()[0][:200] if str(exc) else exc.__class__.__name__
            raise SourceError(url, f"cannot fetch: {reason}") from None
