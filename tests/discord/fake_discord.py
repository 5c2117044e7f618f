"""A fake Discord REST API on 127.0.0.1 (aiohttp, port 0) that records every request.

It answers the routes briefbot's Discord adapter uses with payloads shaped like Discord's, always
with exactly ``Content-Type: application/json`` (discord.py only parses JSON when the header is
exactly that). Failures are scripted per route with :meth:`FakeDiscord.fail_next`; messages sent
with ``enforce_nonce`` are de-duplicated by nonce, as Discord does.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhAbCd.abcdefghijklmnopqrstuvwxyz0123456789AB"
APP_ID = 1098765432109876543
BOT_ID = APP_ID
GUILD = 111111111111111111
CHANNEL = 222222222222222222
ADMIN_CHANNEL = 333333333333333333

_JSON = {"Content-Type": "application/json"}


@dataclass
class Recorded:
    """One request as the fake received it."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]


@dataclass
class _Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    # run the real handler first (Discord did the work, the answer was lost)
    after_handling: bool = False


@dataclass
class FakeDiscord:
    """The fake server; ``base`` is what ``BRIEFBOT_DISCORD_API_URL`` should be set to."""

    requests: list[Recorded] = field(default_factory=list)
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    scheduled: dict[int, dict[int, dict[str, Any]]] = field(default_factory=dict)
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    guilds: list[int] = field(default_factory=lambda: [GUILD])
    token: str = TOKEN
    _failures: list[_Failure] = field(default_factory=list)
    _nonces: dict[tuple[str, str], int] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(900000000000000001))
    _runner: web.AppRunner | None = None
    base: str = ""

    async def start(self) -> str:
        """Serve on 127.0.0.1, port 0; returns the API base URL."""
        app = web.Application()
        app.router.add_route("*", "/api/v10/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base = f"http://127.0.0.1:{port}/api/v10"
        return self.base

    async def close(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()

    # -- scripting and inspection ------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        *,
        times: int = 1,
        after_handling: bool = False,
    ) -> None:
        """Answer the next ``times`` matching requests with ``status`` instead of success."""
        for _ in range(times):
            self._failures.append(
                _Failure(
                    method,
                    re.compile(path_regex),
                    status,
                    body or {"message": "scripted failure", "code": 0},
                    headers or {},
                    after_handling,
                )
            )

    def rate_limit_next(self, method: str, path_regex: str, retry_after: float) -> None:
        """A Discord-style 429 (with the ``Via`` header Discord's edge adds, so clients trust it)."""
        self.fail_next(
            method,
            path_regex,
            429,
            {"message": "You are being rate limited.", "retry_after": retry_after, "global": False},
            {"Via": "1.1 google", "Retry-After": str(retry_after)},
        )

    def calls(self, method: str, path_regex: str) -> list[Recorded]:
        """Recorded requests whose method matches and whose path matches ``path_regex`` in full."""
        pattern = re.compile(path_regex)
        return [r for r in self.requests if r.method == method and pattern.fullmatch(r.path)]

    def channel_messages(self, channel: int = CHANNEL) -> list[dict[str, Any]]:
        """Messages that exist in a channel (after de-duplication), oldest first."""
        return [m for m in self.messages.values() if m["channel_id"] == str(channel)]

    def callbacks(self, interaction_id: int | None = None) -> list[dict[str, Any]]:
        """Bodies of interaction callbacks (optionally of one interaction)."""
        ident = str(interaction_id) if interaction_id else r"\d+"
        rx = rf"interactions/{ident}/[^/]+/callback"
        return [r.body for r in self.calls("POST", rx)]

    # -- payloads ----------------------------------------------------------------------------------

    @staticmethod
    def user(user_id: int = BOT_ID, name: str = "briefbot", bot: bool = True) -> dict[str, Any]:
        """A user object."""
        return {
            "id": str(user_id),
            "username": name,
            "discriminator": "0",
            "global_name": name,
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    def _message(self, channel_id: str, body: dict[str, Any], *, webhook: bool = False) -> dict[str, Any]:
        mid = next(self._ids)
        msg = {
            "id": str(mid),
            "channel_id": channel_id,
            "author": self.user(),
            "content": body.get("content") or "",
            "timestamp": "2025-05-16T06:00:00.000000+00:00",
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "pinned": False,
            "type": 19 if body.get("message_reference") else 0,
            "flags": body.get("flags", 0),
            "components": [],
        }
        if body.get("message_reference"):
            msg["message_reference"] = body["message_reference"]
        if body.get("nonce"):
            msg["nonce"] = body["nonce"]
        if webhook:
            msg["webhook_id"] = str(APP_ID)
        self.messages[mid] = msg
        return msg

    # -- the server --------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        path = request.match_info["tail"]
        raw = await request.read()
        body: Any = None
        if raw and request.content_type == "application/json":
            body = json.loads(raw)
        self.requests.append(Recorded(request.method, path, dict(request.query), body, dict(request.headers)))

        failure = next(
            (f for f in self._failures if f.method == request.method and f.pattern.fullmatch(path)),
            None,
        )
        if failure is not None:
            self._failures.remove(failure)
            if failure.after_handling:
                await self._route(request, path, body)
            return _json(failure.body, failure.status, failure.headers)
        if not path.startswith(("interactions/", "webhooks/")) and request.headers.get("Authorization") != (
            "Bot " + self.token
        ):
            return _json({"message": "401: Unauthorized", "code": 0}, 401)
        return await self._route(request, path, body)

    async def _route(self, request: web.Request, path: str, body: Any) -> web.Response:
        m = request.method
        parts = path.split("/")
        if m == "GET" and path == "users/@me":
            return _json(self.user())
        if m == "GET" and path == "users/@me/guilds":
            return _json([{"id": str(g), "name": f"guild {g}", "icon": None, "owner": False} for g in self.guilds])
        if m == "GET" and path == "oauth2/applications/@me":
            return _json(
                {
                    "id": str(APP_ID),
                    "name": "briefbot",
                    "description": "",
                    "icon": None,
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "owner": self.user(42, "owner", bot=False),
                    "verify_key": "0" * 64,
                    "flags": 0,
                    "team": None,
                }
            )
        if m == "GET" and path == "gateway/bot":
            return _json({"url": "ws://127.0.0.1:1", "shards": 1, "session_start_limit": {}})
        if m == "PUT" and parts[0] == "applications" and path.endswith("/commands"):
            guild_id = parts[3] if len(parts) == 5 else None
            self.commands[guild_id or "global"] = body
            out = []
            for cmd in body:
                item = {**cmd, "id": str(next(self._ids)), "application_id": str(APP_ID), "version": "1"}
                if guild_id:
                    item["guild_id"] = guild_id
                out.append(item)
            return _json(out)
        if parts[0] == "channels" and len(parts) >= 3 and parts[2] == "messages":
            return self._channel_messages(m, parts, body)
        if m == "POST" and parts[0] == "interactions" and parts[-1] == "callback":
            return _json({"interaction": {"id": parts[1], "type": 2}})
        if parts[0] == "webhooks" and len(parts) >= 3:
            if m == "POST":
                return _json(self._message("0", body or {}, webhook=True))
            if m == "PATCH":
                return _json(self._message("0", body or {}, webhook=True))
        if parts[0] == "guilds" and len(parts) >= 3 and parts[2] == "scheduled-events":
            return self._scheduled(m, int(parts[1]), parts[3] if len(parts) > 3 else None, body)
        return _json({"message": f"404: Not Found ({m} {path})", "code": 0}, 404)

    def _channel_messages(self, method: str, parts: list[str], body: Any) -> web.Response:
        channel_id = parts[1]
        if method == "POST" and len(parts) == 3:
            nonce = body.get("nonce") if body else None
            if nonce and body.get("enforce_nonce"):
                seen = self._nonces.get((channel_id, nonce))
                if seen is not None:
                    return _json(self.messages[seen])
            msg = self._message(channel_id, body or {})
            if nonce:
                self._nonces[(channel_id, nonce)] = int(msg["id"])
            return _json(msg)
        if method == "PATCH" and len(parts) == 4:
            msg = self.messages.get(int(parts[3]))
            if msg is None:
                return _json({"message": "Unknown Message", "code": 10008}, 404)
            msg.update({k: v for k, v in (body or {}).items() if k in ("content", "embeds")})
            msg["edited_timestamp"] = "2025-05-16T07:00:00.000000+00:00"
            return _json(msg)
        return _json({"message": "405: Method Not Allowed", "code": 0}, 405)

    def _scheduled(self, method: str, guild_id: int, event_id: str | None, body: Any) -> web.Response:
        events = self.scheduled.setdefault(guild_id, {})
        if method == "GET" and event_id is None:
            return _json(list(events.values()))
        if method == "POST" and event_id is None:
            sid = next(self._ids)
            events[sid] = {
                **body,
                "id": str(sid),
                "guild_id": str(guild_id),
                "channel_id": None,
                "creator_id": str(BOT_ID),
                "status": 1,
                "entity_id": None,
                "image": None,
            }
            return _json(events[sid])
        if event_id is None or int(event_id) not in events:
            return _json({"message": "Unknown Guild Scheduled Event", "code": 10070}, 404)
        if method == "PATCH":
            events[int(event_id)].update(body or {})
            return _json(events[int(event_id)])
        if method == "DELETE":
            del events[int(event_id)]
            return web.Response(status=204)
        return _json({"message": "405: Method Not Allowed", "code": 0}, 405)


def _json(payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # exactly application/json: aiohttp's json_response would add "; charset=utf-8"
    return web.Response(body=json.dumps(payload).encode("utf-8"), status=status, headers={**_JSON, **(headers or {})})
