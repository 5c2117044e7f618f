"""Shared by the held-out scoring tests: extract a folder in-process, score it with ../shared/eval/score.py,
and check that a gold file is self-consistent."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from briefings.article import read_article_file
from tests.conftest import shared_path


@dataclass(frozen=True)
class GoldSet:
    """A folder of annotated articles with its gold.json and what the set promises to cover."""

    folder: Path
    min_articles: int
    min_no_event: int
    min_with_clock_time: int
    min_words: int = 200
    max_words: int = 600

    @property
    def gold(self) -> Path:
        return self.folder / "gold.json"

    def docs(self) -> list[dict[str, Any]]:
        """The gold entries."""
        docs: list[dict[str, Any]] = json.loads(self.gold.read_text(encoding="utf-8"))
        return docs


def norm(text: str) -> str:
    """Lower-case ASCII with runs of whitespace collapsed, so a fragment matches across line breaks and accents."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text.lower()).strip()


def score_extractor(gs: GoldSet, pred_dir: Path) -> tuple[dict[str, Any], str]:
    """Extract every article in-process into STEM.json files and score them; the JSON summary and the report."""
    from briefings.extract import extract
    from briefings.extract.serialize import to_contract_json

    path = shared_path("eval", "score.py")
    for doc in gs.docs():
        contract = to_contract_json(extract(read_article_file(gs.folder / doc["file"])))
        (pred_dir / (Path(doc["file"]).stem + ".json")).write_text(json.dumps(contract), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"shared_eval_score_{gs.folder.name}", path)
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        scorer.main(["--gold", str(gs.gold), "--articles", str(gs.folder), "--predictions", str(pred_dir), "-v"])
    report = buf.getvalue()
    return json.loads(report.strip().splitlines()[-1]), report


def assert_floors(summary: dict[str, Any], report: str, floors: dict[str, float]) -> None:
    """Every figure at or above its floor (the report is printed for -s runs)."""
    print(report)
    print(json.dumps(summary))
    assert summary["failures"] == 0, report
    for key, minimum in floors.items():
        assert summary[key] >= minimum, f"{key} = {summary[key]} < {minimum}\n{report}"


def check_gold(gs: GoldSet) -> None:
    """Each file exists with a 'date YYYY-MM-DD headline' line equal to `published` and a body of the promised length;
    each clock time is a UTC '...Z' minute on the event's `date` with time_known set; no_event matches an empty event
    list; every participant name and expectation fragment appears in the text; the set has its promised size."""
    docs = gs.docs()
    assert len(docs) >= gs.min_articles
    assert len({d["file"] for d in docs}) == len(docs), "duplicate file entries"
    listed = {p.name for p in gs.folder.glob("*.txt")}
    assert listed == {d["file"] for d in docs}, (
        f"articles without gold or gold without articles: {listed ^ {d['file'] for d in docs}}"
    )
    no_event = with_time = 0
    for doc in docs:
        name = doc["file"]
        path = gs.folder / name
        raw = path.read_text(encoding="utf-8")
        first, _, body = raw.partition("\n")
        m = re.match(r"\s*date (\d{4}-\d{2}-\d{2}) \S", first)
        assert m, f"{name}: first line must be 'date YYYY-MM-DD headline'"
        assert m.group(1) == doc["published"], name
        n_words = len(body.split())
        assert gs.min_words <= n_words <= gs.max_words, f"{name}: {n_words} words"
        article = read_article_file(path)
        assert article.published == date.fromisoformat(doc["published"]), (
            f"{name}: published read as {article.published}"
        )
        text = norm(raw)
        assert doc["no_event"] == (not doc["events"]), name
        assert doc.get("notes"), f"{name}: notes must explain the annotation"
        no_event += int(doc["no_event"])
        with_time += int(any(e.get("time_known") for e in doc["events"]))
        for ev in doc["events"]:
            assert ev["title"] and ev["parties"], f"{name}: {ev}"
            start = ev.get("start_utc")
            assert bool(start) == bool(ev.get("time_known")), f"{name}: start_utc and time_known disagree"
            if start:
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z", start), f"{name}: {start}"
                datetime.fromisoformat(start.replace("Z", "+00:00"))
                # the date is the venue's day: an evening session in New York starts on the next UTC day
                gap = abs((date.fromisoformat(start[:10]) - date.fromisoformat(ev["date"])).days)
                assert gap <= 1, f"{name}: {start} is not on {ev['date']}"
            if ev.get("date"):
                date.fromisoformat(ev["date"])
            for person in ev["participants"]:
                assert norm(person["name"]) in text, f"{name}: participant {person['name']!r} not in the text"
        for fragment in doc["expectations"]:
            assert norm(fragment) in text, f"{name}: expectation not in the text: {fragment[:60]!r}"
    assert no_event >= gs.min_no_event
    assert with_time >= gs.min_with_clock_time
