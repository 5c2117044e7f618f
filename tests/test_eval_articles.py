"""Scores the extractor on the project's own annotated articles (tests/data/articles) with the shared scorer.

Predictions are made in-process (one extractor call per article, no subprocess each) and written as STEM.json
files; ``../shared/eval/score.py --predictions`` then scores them exactly as it scores the real held-out set.
The gold files themselves are checked too, without ../shared/: they must stay honest and self-consistent.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from briefings.article import read_article_file
from tests.conftest import DATA, shared_path

ARTICLES = DATA / "articles"
GOLD = ARTICLES / "gold.json"

# Floors a little under what the extractor reaches on these articles (2026-11-25: events F1 0.983, time 1.0,
# location 0.964, parties F1 0.849, people recall 0.871, expectation recall 0.949, negatives 1.0).
MIN_EVENTS_F1 = 0.9
MIN_TIME_ACC = 0.9
MIN_LOCATION_ACC = 0.9
MIN_PARTIES_F1 = 0.78
MIN_PEOPLE_R = 0.82
MIN_EXPECTATIONS_R = 0.9
MIN_NEGATIVES_CLEAN = 0.8

MIN_ARTICLES = 24
MIN_NO_EVENT = 5


def load_scorer(name: str = "score.py") -> ModuleType:
    """Import one of the shared scorers from ../shared/eval/ (skips where ../shared/ is absent)."""
    path = shared_path("eval", name)
    spec = importlib.util.spec_from_file_location(f"shared_eval_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_predictions(gold_path: Path, art_dir: Path, out_dir: Path) -> None:
    """Run the extractor in-process on every article named in a gold file; write STEM.json contract dicts."""
    from briefings.extract import extract
    from briefings.extract.serialize import to_contract_json

    out_dir.mkdir(parents=True, exist_ok=True)
    for doc in json.loads(gold_path.read_text(encoding="utf-8")):
        article = read_article_file(art_dir / doc["file"])
        contract = to_contract_json(extract(article))
        (out_dir / (Path(doc["file"]).stem + ".json")).write_text(json.dumps(contract), encoding="utf-8")


def score_predictions(gold_path: Path, art_dir: Path, pred_dir: Path) -> tuple[dict[str, Any], str]:
    """Run the shared score.py on a predictions folder; return its JSON summary and its full report."""
    scorer = load_scorer()
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        scorer.main(["--gold", str(gold_path), "--articles", str(art_dir), "--predictions", str(pred_dir), "-v"])
    report = buf.getvalue()
    return json.loads(report.strip().splitlines()[-1]), report


def test_extractor_scores_on_own_articles(tmp_path: Path) -> None:
    """Extracted every annotated article in-process and scored it with the shared scorer: no failures, and every
    figure at or above the thresholds stated at the top of this file (the report is printed with -s)."""
    shared_path("eval", "score.py")
    write_predictions(GOLD, ARTICLES, tmp_path)
    summary, report = score_predictions(GOLD, ARTICLES, tmp_path)
    print(report)
    assert summary["failures"] == 0, report
    assert summary["articles"] >= MIN_ARTICLES
    floors = {
        "events_f1": MIN_EVENTS_F1,
        "time_acc": MIN_TIME_ACC,
        "location_acc": MIN_LOCATION_ACC,
        "parties_f1": MIN_PARTIES_F1,
        "people_r": MIN_PEOPLE_R,
        "expectations_r": MIN_EXPECTATIONS_R,
        "negatives_clean": MIN_NEGATIVES_CLEAN,
    }
    below = {k: (summary[k], v) for k, v in floors.items() if summary[k] < v}
    assert below == {}, f"below threshold (got, floor): {below}\n{report}"


# --- the gold itself ------------------------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    """Folded words of a text, like the scorer's (kept local so this check runs without ../shared/)."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode("ascii", "ignore").decode()
    stop = {"the", "of", "and", "a", "an", "in", "on", "at", "to", "for", "with", "by", "s"}
    return {w for w in re.sub(r"[^a-z0-9]+", " ", text.lower()).split() if w not in stop and len(w) > 1}


def check_start(start: str | None, day: str | None, where: str) -> None:
    """A gold start is UTC with a Z, exact to the minute, and falls on the gold date."""
    if start is None:
        return
    assert start.endswith("Z"), f"{where}: {start} is not UTC with Z"
    moment = datetime.fromisoformat(start.replace("Z", "+00:00"))
    assert moment.utcoffset() == timedelta(0)
    assert moment.second == 0, f"{where}: {start} is not a whole minute"
    assert day is not None and start[:10] == day, f"{where}: {start} is not on {day}"


def test_article_gold_is_consistent() -> None:
    """Read gold.json and every article: each file exists with a date line matching `published`, the set is large
    and varied enough, starts are whole UTC minutes with Z on their date, time_known follows start_utc,
    no_event follows the events, and each expectation fragment is (nearly word for word) in its article."""
    docs = json.loads(GOLD.read_text(encoding="utf-8"))
    assert len(docs) >= MIN_ARTICLES
    assert sum(1 for d in docs if d["no_event"]) >= MIN_NO_EVENT
    assert len({Path(d["file"]).stem for d in docs}) == len(docs), "prediction files are named by stem"
    on_disk = {p.name for p in ARTICLES.glob("*.txt")}
    assert on_disk == {d["file"] for d in docs}, "every article is annotated and every annotation has its file"
    keys = {"file", "published", "events", "expectations", "no_event", "notes"}
    for doc in docs:
        assert set(doc) == keys, doc["file"]
        article = read_article_file(ARTICLES / doc["file"])
        assert article.published == date.fromisoformat(doc["published"]), doc["file"]
        assert doc["notes"].strip(), f"{doc['file']}: notes explain the annotation"
        assert doc["no_event"] == (not doc["events"]), doc["file"]
        body = _words(article.text)
        for fragment in doc["expectations"]:
            want = _words(fragment)
            assert want and len(want & body) / len(want) >= 0.9, f"{doc['file']}: not in the text: {fragment!r}"
        for ev in doc["events"]:
            where = f"{doc['file']}: {ev['title']}"
            assert ev["time_known"] == (ev["start_utc"] is not None), where
            check_start(ev["start_utc"], ev["date"], where)
            assert ev["parties"], where
            for person in ev["participants"]:
                assert person["name"] in article.text, f"{where}: {person['name']} is not named in the article"
