"""Reading sources (files, HTML, URLs, feeds) on a local aiohttp server, and storing them through the service."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from bot.cli_store import ingest_sources
from briefings.clock import FixedClock
from briefings.errors import ArticleError, SourceError
from briefings.ingest import IngestOptions, SourceReader, articles_from_bytes
from briefings.model import Article, Extraction
from briefings.service import BriefingService
from briefings.store.api import IngestResult
from briefings.store.repository import SqlEventStore
from tests.store.helpers import NOW, extraction, talks

HTML = b"""<!doctype html><html><head><title>Talks</title>
<link rel="canonical" href="https://wire.example/world/talks-istanbul">
<meta property="article:published_time" content="2025-05-15T10:00:00Z">
<meta property="og:site_name" content="Wire"></head>
<body><article><h1>Russia and Ukraine to meet in Istanbul</h1>
<p>Russian and Ukrainian negotiators will meet in Istanbul on Friday for their first direct talks in three years,
Turkish officials said on Thursday, adding that the delegations would gather at the Dolmabahce Palace.</p>
<p>The Russian delegation is headed by Kremlin aide Vladimir Medinsky, while the Ukrainian team is led by
Defence Minister Rustem Umerov, according to statements from both capitals.</p></article></body></html>"""

RSS = b"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire world</title>
<item><title>Talks set for Friday</title><link>https://wire.example/a1</link>
<pubDate>Thu, 15 May 2025 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Russian and Ukrainian delegations will meet in Istanbul on Friday.&lt;/p&gt;</description></item>
<item><title>Talks delayed</title><link>https://wire.example/a2</link>
<pubDate>Fri, 16 May 2025 06:00:00 GMT</pubDate>
<description>The talks in Istanbul were pushed back to the afternoon.</description></item>
</channel></rss>"""


@pytest.fixture
async def server() -> AsyncIterator[str]:
    """A local site: an article, a feed, a 404, a slow page, a binary, an HTML page served as a feed, a huge page."""

    async def slow(_: web.Request) -> web.Response:
        await asyncio.sleep(1.5)
        return web.Response(text="late")

    async def huge(_: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/plain"})
        await resp.prepare(_)
        for _i in range(100):
            await resp.write(b"x" * 10_000)
        return resp

    app = web.Application()
    app.router.add_get("/article", lambda _: web.Response(body=HTML, content_type="text/html"))
    app.router.add_get("/feed", lambda _: web.Response(body=RSS, content_type="application/rss+xml"))
    app.router.add_get("/slow", slow)
    app.router.add_get("/huge", huge)
    app.router.add_get("/image", lambda _: web.Response(body=b"\x89PNG\x00\x00", content_type="image/png"))
    app.router.add_get(
        "/notfeed", lambda _: web.Response(body=b"<?xml version='1.0'?><nope><x/></nope>", content_type="text/xml")
    )
    app.router.add_get("/empty", lambda _: web.Response(body=b"  \n", content_type="text/plain"))
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


OPTS = IngestOptions(max_bytes=200_000, timeout=0.5)


async def test_article_url_gives_text_date_and_canonical_url(server: str) -> None:
    """Fetched an HTML article: main text, headline, publication date and canonical URL from the page metadata."""
    async with SourceReader(OPTS) as reader:
        [art] = await reader.read(f"{server}/article")
    assert "Medinsky" in art.text and "<p>" not in art.text
    assert art.published == dt.date(2025, 5, 15)
    assert art.url == "https://wire.example/world/talks-istanbul" and art.outlet == "Wire"


async def test_feed_url_gives_every_entry(server: str) -> None:
    """Fetched an RSS feed: both entries became articles with their links, dates and text."""
    async with SourceReader(OPTS) as reader:
        arts = await reader.read(f"{server}/feed")
    assert [a.url for a in arts] == ["https://wire.example/a1", "https://wire.example/a2"]
    assert [a.published for a in arts] == [dt.date(2025, 5, 15), dt.date(2025, 5, 16)]
    assert arts[0].text == "Russian and Ukrainian delegations will meet in Istanbul on Friday."
    assert arts[0].outlet == "Wire world"


async def test_feed_and_html_files(tmp_path: Path) -> None:
    """A feed file and an HTML file were recognised by content and name, like their URL twins."""
    (tmp_path / "f.xml").write_bytes(RSS)
    (tmp_path / "p.html").write_bytes(HTML)
    async with SourceReader(OPTS) as reader:
        assert len(await reader.read(str(tmp_path / "f.xml"))) == 2
        [page] = await reader.read(str(tmp_path / "p.html"))
    assert page.headline and "Istanbul" in page.headline


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        ("/missing", SourceError, "HTTP 404"),
        ("/slow", SourceError, "timed out after 0.5s"),
        ("/notfeed", SourceError, "not a feed"),
        ("/empty", ArticleError, "empty"),
        ("/image", ArticleError, "binary content (image/png)"),
        ("/huge", ArticleError, "too large"),
    ],
)
async def test_bad_url_fails_alone_with_one_line(server: str, path: str, error: type[Exception], message: str) -> None:
    """Each bad URL raised its own error type with a one-line message naming the URL."""
    async with SourceReader(OPTS) as reader:
        with pytest.raises(error) as info:
            await reader.read(f"{server}{path}")
    text = str(info.value)
    assert text.startswith(f"{server}{path}: ") and message in text and "\n" not in text


def test_bad_bytes() -> None:
    """Binary, non-UTF-8, empty and oversized text were refused with their reason."""
    cases = {
        b"\x00\x01\x02binary": "binary",
        "caf\u00e9 talks".encode("latin-1"): "not UTF-8",
        b"   ": "empty",
        b"a" * 300_000: "too large",
    }
    for raw, reason in cases.items():
        with pytest.raises(ArticleError, match=reason):
            articles_from_bytes(raw, "x.txt", options=OPTS)


async def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    """A path that does not exist failed with "no such file"."""
    async with SourceReader(OPTS) as reader:
        with pytest.raises(SourceError, match="no such file"):
            await reader.read(str(tmp_path / "nope.txt"))


async def test_batch_stores_good_sources_and_reports_bad_ones(server: str, tmp_path: Path, db_url: str) -> None:
    """Good file + feed + article stored; the 404 and the binary file reported one line each; re-run adds nothing."""
    good = tmp_path / "a.txt"
    good.write_text("date 2025-05-14 Talks planned\nDelegations will meet in Istanbul on Friday.\n")
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\x00\x00")
    sources = [str(good), f"{server}/missing", str(binary), f"{server}/feed", f"{server}/article"]
    seen: list[IngestResult] = []

    async def listener(result: IngestResult) -> None:
        seen.append(result)

    async with SqlEventStore(db_url) as store:
        service = BriefingService(store, FixedClock(NOW), listeners=[listener])
        tally = await ingest_sources(sources, service, OPTS)
        again = await ingest_sources(sources, service, OPTS)
        assert await store.article_count() == 4
    assert tally.articles == 4 and tally.duplicates == 0 and len(seen) == 4
    assert [f.split(": ")[0] for f in tally.failures] == [f"{server}/missing", str(binary)]
    assert again.duplicates == 4 and len(seen) == 4  # duplicates notify no one


async def test_service_merges_and_a_failing_listener_spares_the_others(db_url: str) -> None:
    """Fixed extractor: two articles merged into one event; a listener that raised did not stop the next."""
    calls: list[int | None] = []

    async def broken(_: IngestResult) -> None:
        raise RuntimeError("post bounced")

    async def ok(result: IngestResult) -> None:
        calls.append(result.article_id)

    def fake_extract(article: Article) -> Extraction:
        return extraction(article.published, talks())

    async with SqlEventStore(db_url) as store:
        service = BriefingService(store, FixedClock(NOW), listeners=[broken], extractor=fake_extract)
        service.on_ingested(ok)
        first = await service.ingest_article(Article("one", "a", published=dt.date(2025, 5, 15)))
        second = await service.ingest_article(Article("two", "b", published=dt.date(2025, 5, 16)))
        [ev] = await store.events()
    assert len(first.created) == 1 and len(second.merged) == 1 and calls == [1, 2]
    assert [s.source for s in ev.sources] == ["a", "b"]
