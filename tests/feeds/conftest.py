"""A local feed server (aiohttp on 127.0.0.1, port 0): RSS 2.0 and Atom with ETags, misbehaving on request."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from email.utils import format_datetime
from xml.sax.saxutils import escape

import pytest
from aiohttp import web

from briefings.store.db import create_schema, make_engine
from briefings.store.feed_tables import FeedRepository


@dataclass
class Item:
    """One feed item; ``summary`` is plain text, ``content`` full HTML (optional)."""

    guid: str
    title: str
    link: str
    summary: str
    published: dt.datetime
    content: str | None = None


def rss(items: list[Item], title: str = "Test wire") -> str:
    """An RSS 2.0 document."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>',
        f"<title>{escape(title)}</title><link>http://127.0.0.1/</link><description>test</description>",
    ]
    for it in items:
        out.append(
            f"<item><title>{escape(it.title)}</title><link>{escape(it.link)}</link>"
            f'<guid isPermaLink="false">{escape(it.guid)}</guid>'
            f"<pubDate>{format_datetime(it.published)}</pubDate>"
            f"<description>{escape(it.summary)}</description>"
            + (f"<content:encoded><![CDATA[{it.content}]]></content:encoded>" if it.content else "")
            + "</item>"
        )
    out.append("</channel></rss>")
    return "\n".join(out)


def atom(items: list[Item], title: str = "Test atom") -> str:
    """An Atom 1.0 document."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title><id>urn:test:{escape(title)}</id><updated>2025-05-01T00:00:00Z</updated>",
    ]
    for it in items:
        out.append(
            f"<entry><title>{escape(it.title)}</title><id>{escape(it.guid)}</id>"
            f'<link href="{escape(it.link)}"/><updated>{it.published.isoformat()}</updated>'
            f"<summary>{escape(it.summary)}</summary>"
            + (f'<content type="html">{escape(it.content)}</content>' if it.content else "")
            + "</entry>"
        )
    out.append("</feed>")
    return "\n".join(out)


def make_items(n: int, prefix: str = "item", start: dt.datetime | None = None) -> list[Item]:
    """``n`` distinct items, newest first (as feeds list them), one hour apart."""
    t0 = start or dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC)
    return [
        Item(
            guid=f"{prefix}-{i}",
            title=f"{prefix} headline {i}",
            link=f"http://news.example/{prefix}/{i}",
            summary=f"Story number {i} of {prefix}: negotiators met again to talk about talks, item {i}.",
            published=t0 - dt.timedelta(hours=i),
        )
        for i in range(n)
    ]


@dataclass
class Route:
    """What one path serves: a body with an ETag, or a misbehaviour."""

    body: str = ""
    content_type: str = "application/rss+xml"
    mode: str = "ok"  # ok | status | hang | huge | gzip
    status: int = 200
    hits: int = 0
    not_modified: int = 0
    headers_seen: list[dict[str, str]] = field(default_factory=list)


class FeedServer:
    """The server's routes, changeable while it runs."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.base = ""
        self.huge_bytes_sent = 0

    def url(self, path: str) -> str:
        """Absolute URL of ``path``."""
        return f"{self.base}{path}"

    def set(self, path: str, body: str = "", **kw: object) -> Route:
        """Serve ``body`` at ``path`` (keeps the hit counters of an existing route)."""
        old = self.routes.get(path)
        route = Route(body=body, **kw)  # type: ignore[arg-type]
        if old:
            route.hits, route.not_modified, route.headers_seen = old.hits, old.not_modified, old.headers_seen
        self.routes[path] = route
        return route

    async def handle(self, request: web.Request) -> web.StreamResponse:
        route = self.routes.get(request.path)
        if route is None:
            raise web.HTTPNotFound()
        route.hits += 1
        route.headers_seen.append(dict(request.headers))
        if route.mode == "status":
            return web.Response(status=route.status, text="boom")
        if route.mode == "hang":
            await asyncio.sleep(3600)
        if route.mode == "huge":
            return await self._huge(request)
        etag = '"' + hashlib.sha256(route.body.encode()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            route.not_modified += 1
            return web.Response(status=304, headers={"ETag": etag})
        resp = web.Response(text=route.body, content_type=route.content_type, headers={"ETag": etag})
        if route.mode == "gzip":
            resp.enable_compression(web.ContentCoding.gzip)
        return resp

    async def _huge(self, request: web.Request) -> web.StreamResponse:
        """A 100 MB body streamed from a generator, without a Content-Length."""
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await resp.prepare(request)
        chunk = b"<rss><channel>" + b"x" * (1 << 20)
        try:
            for _ in range(100):
                await resp.write(chunk)
                self.huge_bytes_sent += len(chunk)
        except (ConnectionResetError, ConnectionError):
            pass
        return resp


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    """A running local feed server."""
    server = FeedServer()
    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", server.handle)
    runner = web.AppRunner(app, handler_cancellation=True)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    server.base = f"http://127.0.0.1:{port}"
    try:
        yield server
    finally:
        await runner.cleanup()


@pytest.fixture
async def repo(db_url: str) -> AsyncIterator[FeedRepository]:
    """A feed repository on a fresh SQLite file."""
    engine = make_engine(db_url)
    await create_schema(engine)
    try:
        yield FeedRepository(engine)
    finally:
        await engine.dispose()
