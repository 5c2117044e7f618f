"""The extraction contract (``../shared/eval/README.md``): an Extraction as a JSON-ready dict."""

from __future__ import annotations

from typing import Any

from briefings.model import ExtractedEvent, Extraction, Participant


def _participant(p: Participant) -> dict[str, Any]:
    return {"name": p.name, "role": p.role, "affiliation": p.affiliation, "head": p.head}


def event_json(e: ExtractedEvent) -> dict[str, Any]:
    """One event in the contract's shape, with our extra fields."""
    return {
        "title": e.title,
        "kind": e.kind,
        "status": e.status.value,
        "date": e.date.isoformat() if e.date else None,
        "start_utc": e.start_utc.strftime("%Y-%m-%dT%H:%M:%SZ") if e.start_utc else None,
        "time_known": e.start_utc is not None,
        "timezone": e.timezone,
        "location": e.location,
        "venue": e.venue,
        "city": e.city,
        "country": e.country,
        "parties": list(e.parties),
        "participants": [_participant(p) for p in e.participants if p.name],
        "evidence": e.evidence,
        "notes": list(e.notes),
        "new_date": e.new_date.isoformat() if e.new_date else None,
    }


def to_contract_json(x: Extraction) -> dict[str, Any]:
    """The whole extraction as the contract's JSON object."""
    return {
        "published": x.published.isoformat() if x.published else None,
        "headline": x.headline,
        "events": [event_json(e) for e in x.events],
        "expectations": list(x.expectations),
        "positions": [{"side": p.side, "statement": p.statement} for p in x.positions],
    }
