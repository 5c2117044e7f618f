"""A fake Slack Web API on 127.0.0.1 (aiohttp, port 0) that records every call and answers from a script."""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Call:
    """One Web API call the fake received."""

    method: str
    body: dict[str, Any]
    authorization: str | None


@dataclass
class FakeSlack:
    """Records calls; ``fail(method, status, ...)`` queues error answers before the normal ones."""

    calls: list[Call] = field(default_factory=list)
    script: dict[str, deque[tuple[int, dict[str, str], dict[str, Any] | None]]] = field(default_factory=dict)
    runner: web.AppRunner | None = None
    base_url: str = ""
    _ts: int = 0

    def fail(
        self,
        method: str,
        status: int,
        *,
        times: int = 1,
        headers: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with ``status`` (and optional headers/body)."""
        for _ in range(times):
            self.script.setdefault(method, deque()).append((status, headers or {}, body))

    def of(self, method: str) -> list[Call]:
        """Calls of one method, in order."""
        return [c for c in self.calls if c.method == method]

    def messages(self) -> list[Call]:
        """Successful chat.postMessage calls (those answered ok)."""
        return [c for c in self.calls if c.method == "chat.postMessage" and c.body.get("_ok")]

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.read()
        body: dict[str, Any]
        if request.content_type == "application/json" and raw:
            body = json.loads(raw)
        else:
            body = dict((await request.post()).items()) if raw else {}
        call = Call(method, body, request.headers.get("Authorization"))
        self.calls.append(call)
        queued = self.script.get(method)
        if queued:
            status, headers, answer = queued.popleft()
            if answer is None:
                answer = {"ok": False, "error": "ratelimited" if status == 429 else "internal_error"}
            return web.json_response(answer, status=status, headers=headers)
        body["_ok"] = True
        if method == "auth.test":
            return web.json_response(
                {
                    "ok": True,
                    "user_id": "UBOT",
                    "bot_id": "BBOT",
                    "team_id": "T1",
                    "user": "briefbot",
                    "url": "https://example.invalid/",
                }
            )
        if method in ("chat.postMessage", "chat.update"):
            channel = str(body.get("channel", ""))
            cid = channel if channel.startswith("C") else "C" + channel.lstrip("#").upper()
            if method == "chat.update":
                return web.json_response({"ok": True, "channel": cid, "ts": body.get("ts")})
            self._ts += 1
            return web.json_response({"ok": True, "channel": cid, "ts": f"17000000{self._ts:02d}.000100"})
        return web.json_response({"ok": True})

    async def start(self) -> FakeSlack:
        """Serve on 127.0.0.1, port 0; ``base_url`` is what ``slack_api_url`` should be."""
        app = web.Application()
        app.router.add_post("/api/{method}", self._handle)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = self.runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}/api/"
        return self

    async def stop(self) -> None:
        """Shut the server down."""
        if self.runner is not None:
            await self.runner.cleanup()
