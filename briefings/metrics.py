"""Every Prometheus metric briefbot exports, on one dedicated registry.

The metrics live on :data:`REGISTRY`, not on prometheus-client's global one, so importing
briefbot never adds to someone else's registry and ``/metrics`` shows exactly these.
Counters only ever go up across a process's life; tests compare values before and after
(:func:`sample`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

REGISTRY = CollectorRegistry(auto_describe=True)

NAMESPACE = "briefbot"

ARTICLES_INGESTED = Counter(
    "articles_ingested",
    "Articles stored (duplicates are counted apart)",
    ["result"],  # new | duplicate
    namespace=NAMESPACE,
    registry=REGISTRY,
)
EVENTS_EXTRACTED = Counter(
    "events_extracted",
    "Events the extractor found in ingested articles",
    namespace=NAMESPACE,
    registry=REGISTRY,
)
POSTS_SENT = Counter(
    "posts_sent", "Posts delivered to a platform", ["platform"], namespace=NAMESPACE, registry=REGISTRY
)
POSTS_FAILED = Counter(
    "posts_failed",
    "Post attempts a platform refused or that errored (retried later or given up)",
    ["platform"],
    namespace=NAMESPACE,
    registry=REGISTRY,
)
POSTS_PENDING = Gauge(
    "posts_pending", "Posts waiting in the outbox (as of the last scrape)", namespace=NAMESPACE, registry=REGISTRY
)
REMINDERS_SENT = Counter("reminders_sent", "Reminders sent", namespace=NAMESPACE, registry=REGISTRY)
REMINDERS_LATE = Counter(
    "reminders_late",
    "Reminders sent after their due time (e.g. after a restart or failover)",
    namespace=NAMESPACE,
    registry=REGISTRY,
)
REMINDERS_SKIPPED = Counter(
    "reminders_skipped",
    "Reminders not sent: too late to be useful, event cancelled or moved",
    namespace=NAMESPACE,
    registry=REGISTRY,
)
FEED_POLLS = Counter("feed_polls", "Feed fetches attempted", namespace=NAMESPACE, registry=REGISTRY)
FEED_FAILURES = Counter("feed_failures", "Feed fetches that failed", namespace=NAMESPACE, registry=REGISTRY)
COMMAND_LATENCY = Histogram(
    "command_latency_seconds",
    "Time to answer a /talks command, from parse to rendered card",
    ["command"],
    namespace=NAMESPACE,
    registry=REGISTRY,
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
LEADER = Gauge(
    "leader",
    "1 while this process holds the leader lease (runs scheduler, reminders, feed polling)",
    namespace=NAMESPACE,
    registry=REGISTRY,
)


# label values known up front get a zero sample at once, so dashboards see the series before the first event
for _result in ("new", "duplicate"):
    ARTICLES_INGESTED.labels(result=_result)
for _platform in ("slack", "discord"):
    POSTS_SENT.labels(platform=_platform)
    POSTS_FAILED.labels(platform=_platform)


@contextmanager
def time_command(command: str) -> Iterator[None]:
    """Observe how long the ``with`` body takes in the command latency histogram."""
    start = time.perf_counter()
    try:
        yield
    finally:
        COMMAND_LATENCY.labels(command=command or "help").observe(time.perf_counter() - start)


def sample(name: str, labels: dict[str, str] | None = None) -> float:
    """The current value of one sample (e.g. ``briefbot_reminders_sent_total``), 0.0 when never set."""
    value = REGISTRY.get_sample_value(name, labels or {})
    return 0.0 if value is None else value


def render() -> bytes:
    """Every metric in Prometheus text exposition format."""
    return generate_latest(REGISTRY)
