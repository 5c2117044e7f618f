"""SlackPublisher: the core's :class:`~briefings.ports.Publisher` over Slack's Web API.

A message reference is ``CHANNEL_ID/ts`` (``chat.update`` needs the channel's ID, while the
configured channel may be a ``#name``); edits use ``chat.update``, replies go to the thread
with ``thread_ts``. Slack errors become :class:`~briefings.errors.DeliveryError` here, at
the boundary: 429 carries ``Retry-After``, 5xx and network errors are retryable, a channel
briefbot cannot post to is permanent. slack_sdk's own retry handlers are switched off, so the
outbox is the only thing that retries (and can record each attempt).
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack_adapter.format import card_message
from briefings.cards import Card
from briefings.errors import DeliveryError

log = logging.getLogger(__name__)

# errors that no retry can fix: the channel, the token or the message itself is wrong
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "restricted_action",
        "restricted_action_read_only_channel",
        "restricted_action_thread_only_channel",
        "cannot_reply_to_message",
        "cant_update_message",
        "edit_window_closed",
        "message_not_found",
        "msg_too_long",
        "no_text",
        "invalid_blocks",
        "invalid_blocks_format",
        "too_many_attachments",
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "no_permission",
        "missing_scope",
        "team_access_not_granted",
        "ekm_access_denied",
        "not_allowed_token_type",
        "invalid_arguments",
    }
)

DEFAULT_RETRY_AFTER = 1.0


def make_web_client(token: str, base_url: str | None = None, timeout: int = 15) -> AsyncWebClient:
    """A Web API client with no built-in retries (the outbox retries) and an optional base URL."""
    kwargs: dict[str, Any] = {"token": token, "timeout": timeout, "retry_handlers": []}
    if base_url:
        kwargs["base_url"] = base_url if base_url.endswith("/") else base_url + "/"
    return AsyncWebClient(**kwargs)


def _retry_after(headers: Any) -> float:
    raw = None
    if headers is not None:
        try:
            raw = headers.get("Retry-After") or headers.get("retry-after")
        except AttributeError:
            raw = None
    try:
        return max(0.0, float(raw)) if raw is not None else DEFAULT_RETRY_AFTER
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER


def delivery_error(exc: SlackApiError, method: str) -> DeliveryError:
    """Translate a Slack API error into the core's DeliveryError (never carrying the token)."""
    response = exc.response
    status = int(getattr(response, "status_code", 0) or 0)
    data = getattr(response, "data", None)
    code = data.get("error") if isinstance(data, dict) else None
    if status == 429 or code == "ratelimited":
        wait = _retry_after(getattr(response, "headers", None))
        return DeliveryError(f"slack {method}: rate limited, retry after {wait:g} s", retry_after=wait)
    if status >= 500:
        return DeliveryError(f"slack {method}: HTTP {status}")
    if code in PERMANENT_ERRORS:
        return DeliveryError(f"slack {method}: {code}", permanent=True)
    return DeliveryError(f"slack {method}: {code or f'HTTP {status}'}")


class SlackPublisher:
    """Posts, edits and threads cards in Slack channels."""

    platform = "slack"

    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    async def _call(self, method: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = await self._client.api_call(method, json=kwargs)
        except SlackApiError as exc:
            raise delivery_error(exc, method) from None
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise DeliveryError(f"slack {method}: {type(exc).__name__}") from None
        data = response.data
        return data if isinstance(data, dict) else {}

    async def post(self, channel: str, card: Card) -> str:
        """``chat.postMessage``; returns ``CHANNEL_ID/ts``."""
        data = await self._call(
            "chat.postMessage", channel=channel, unfurl_links=False, unfurl_media=False, **card_message(card)
        )
        return make_ref(str(data.get("channel") or channel), str(data.get("ts", "")))

    async def edit(self, channel: str, ref: str, card: Card) -> None:
        """``chat.update`` of the message ``ref``."""
        where, ts = split_ref(channel, ref)
        await self._call("chat.update", channel=where, ts=ts, **card_message(card))

    async def reply(self, channel: str, ref: str, card: Card) -> str:
        """``chat.postMessage`` in the thread of ``ref``; returns the reply's ``CHANNEL_ID/ts``."""
        where, ts = split_ref(channel, ref)
        data = await self._call(
            "chat.postMessage",
            channel=where,
            thread_ts=ts,
            unfurl_links=False,
            unfurl_media=False,
            **card_message(card),
        )
        return make_ref(str(data.get("channel") or where), str(data.get("ts", "")))


def make_ref(channel_id: str, ts: str) -> str:
    """A message reference: ``C0123/1715850000.000100``."""
    return f"{channel_id}/{ts}"


def split_ref(channel: str, ref: str) -> tuple[str, str]:
    """(channel ID, ts) of a reference; a bare ``ts`` keeps the configured channel."""
    where, sep, ts = ref.rpartition("/")
    return (where, ts) if sep and where else (channel, ref)
