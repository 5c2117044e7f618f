"""The core's error tree: one root, so adapters can catch briefbot failures as one kind."""

from __future__ import annotations


class BriefbotError(Exception):
    """Root of every error the core raises on purpose."""


class ArticleError(BriefbotError):
    """An article could not be read: empty, binary, not UTF-8, too large, missing."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SourceError(BriefbotError):
    """A source (URL, feed, file) failed as a whole: 404, timeout, not a feed."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(BriefbotError):
    """The store could not be reached or is at an unknown schema version."""


class DeliveryError(BriefbotError):
    """A platform refused or failed a post.

    ``retry_after`` is set when the platform said when to try again (HTTP 429);
    ``permanent`` is set when retrying cannot help (missing permission, unknown channel).
    """

    def __init__(self, message: str, *, retry_after: float | None = None, permanent: bool = False) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent
