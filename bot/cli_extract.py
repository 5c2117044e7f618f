"""``briefbot extract``: run the extractor over article files and print JSON or a readable briefing."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date
from pathlib import Path

from briefings.article import DEFAULT_MAX_BYTES, decode_article_bytes, parse_article_text, read_article_file
from briefings.errors import ArticleError
from briefings.extract import extract
from briefings.extract.serialize import to_contract_json
from briefings.model import Article, Extraction

log = logging.getLogger(__name__)


def _read(path: str, published: date | None, max_bytes: int) -> Article:
    if path == "-":
        raw = sys.stdin.buffer.read(max_bytes + 1)
        return parse_article_text(decode_article_bytes(raw, "<stdin>", max_bytes), "<stdin>", published)
    return read_article_file(Path(path), published, max_bytes)


def render_text(x: Extraction, source: str) -> str:
    """A readable summary of one extraction."""
    lines = [f"== {source}" + (f" ({x.published.isoformat()})" if x.published else "")]
    if x.headline:
        lines.append(x.headline)
    if not x.events:
        lines.append("No meetings announced or reported.")
    for e in x.events:
        when = (
            e.start_utc.strftime("%Y-%m-%d %H:%M UTC")
            if e.start_utc
            else (e.date.isoformat() if e.date else "date not given")
        )
        lines.append(f"* {e.title} [{e.status.value}] - {when}" + (f" - {e.location}" if e.location else ""))
        for p in e.participants:
            head = " (head)" if p.head else ""
            lines.append(f"    {p.name}{head}: {p.role or ''}{' / ' + p.affiliation if p.affiliation else ''}")
        for n in e.notes:
            lines.append(f"    note: {n}")
    for s in x.expectations[:3]:
        lines.append(f"  expected: {s}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Extract from every path; a bad one prints one line and makes the exit code 1, the rest go on."""
    published = None
    if args.published:
        try:
            published = date.fromisoformat(args.published)
        except ValueError:
            print(f"briefbot extract: --published {args.published!r} is not a YYYY-MM-DD date", file=sys.stderr)
            return 2
    failed = 0
    results: list[dict[str, object]] = []
    for path in args.paths:
        try:
            article = _read(path, published, DEFAULT_MAX_BYTES)
        except ArticleError as exc:
            print(f"briefbot extract: {exc}", file=sys.stderr)
            failed += 1
            continue
        try:
            x = extract(article)
        except Exception as exc:  # an extractor bug on one article must not cost the others
            log.debug("extraction failed for %s", path, exc_info=True)
            print(
                f"briefbot extract: {path}: extraction failed ({type(exc).__name__}: {exc}); please report it",
                file=sys.stderr,
            )
            failed += 1
            continue
        if args.format == "json":
            results.append({"source": article.source, **to_contract_json(x)})
        else:
            print(render_text(x, article.source))
    if args.format == "json" and results:
        # one file: the contract's single object; several: one object per line
        if len(results) == 1 and len(args.paths) == 1:
            print(json.dumps(results[0], ensure_ascii=False, indent=2))
        else:
            for r in results:
                print(json.dumps(r, ensure_ascii=False))
    return 1 if failed else 0
