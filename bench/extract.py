"""Extraction throughput on one core: articles/s, ms per article and peak memory added.

    .venv/bin/python bench/extract.py [--repeat N] [DIR_OR_FILE ...]

With no paths it reads the annotated test articles, the demo samples and (if present)
../shared/seed. Articles shorter than ~700 words are also measured joined in threes,
so the figure for wire-length stories is printed too.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.article import read_article_file  # noqa: E402
from briefings.extract import extract  # noqa: E402
from briefings.extract.lexicon import clear_caches, lexicon  # noqa: E402
from briefings.model import Article  # noqa: E402


def _paths(args: list[str]) -> list[Path]:
    roots = [Path(a) for a in args] or [
        ROOT / "tests" / "data" / "articles",
        ROOT / "tests" / "data" / "stories",
        ROOT / "briefings" / "samples",
        ROOT.parent / "shared" / "seed",
    ]
    out: list[Path] = []
    for r in roots:
        if r.is_file():
            out.append(r)
        elif r.is_dir():
            out += sorted(r.rglob("*.txt"))
    return out


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    articles = [read_article_file(p) for p in _paths(args.paths)]
    if not articles:
        print("no articles found")
        return 1
    # wire-length articles: join short ones in threes (~700 words)
    long_ones = [
        Article(text="\n\n".join(a.text for a in articles[i : i + 3]), source="joined", published=articles[i].published)
        for i in range(0, len(articles) - 2, 3)
    ]
    before = _peak_kb()
    lexicon()
    extract(articles[0])
    for label, corpus in (("as written", articles), ("joined in threes", long_ones)):
        if not corpus:
            continue
        words = statistics.mean(len(a.text.split()) for a in corpus)
        per: list[float] = []
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            clear_caches()
            for a in corpus:
                s = time.perf_counter()
                extract(a)
                per.append(time.perf_counter() - s)
        total = time.perf_counter() - t0
        n = len(corpus) * args.repeat
        per.sort()
        print(
            f"{label:18s} {len(corpus):4d} articles x {args.repeat} (mean {words:.0f} words): "
            f"{n / total:8.1f} articles/s, {1000 * total / n:6.2f} ms/article "
            f"(p50 {1000 * per[len(per) // 2]:.2f} ms, p99 {1000 * per[int(len(per) * 0.99)]:.2f} ms)"
        )
    print(f"peak RSS {_peak_kb() / 1024:.1f} MB; added by extraction {(_peak_kb() - before) / 1024:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
