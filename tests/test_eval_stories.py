"""Scores story tracking on the project's own story sequences (tests/data/stories) with the shared score_story.py.

Each story is ingested article by article into a fresh store through the real ``briefbot`` console script, and
the stored events are compared with the annotated state after each article.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from briefings.article import read_article_file
from tests.conftest import DATA, shared_path
from tests.test_eval_articles import check_start

STORIES = DATA / "stories"
GOLD = STORIES / "gold.json"
STATUSES = {"scheduled", "ongoing", "held", "postponed", "cancelled"}

# Floors under the measured figures (2026-11-25: tracked 0.975, status 0.90, date 0.969, time 1.0,
# venue 0.917, no duplicates; the first run gave tracked 0.875, status 0.725).
MIN_TRACKED = 0.8
MIN_STATUS_ACC = 0.65
MIN_DATE_ACC = 0.9
MIN_TIME_ACC = 0.85
MIN_LOCATION_ACC = 0.8
MAX_DUPLICATES = 0

MIN_STORIES = 8


@pytest.mark.slow
def test_story_tracking_scores(tmp_path: Path) -> None:
    """Ran score_story.py over every story with the venv's briefbot (ingest + events per article, fresh SQLite
    per story): no failures, and tracking, status, date, time and venue at or above the stated thresholds."""
    scorer = shared_path("eval", "score_story.py")
    briefbot = Path(sys.executable).parent / "briefbot"
    if not briefbot.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{briefbot} is missing: the package must be installed in the venv")
        pytest.skip(f"{briefbot} not found: install the project (pip install -e .) in this venv")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env["HOME"] = str(tmp_path)  # no stray .env or user config decides the result
    proc = subprocess.run(
        [
            sys.executable,
            str(scorer),
            "--gold",
            str(GOLD),
            "--articles",
            str(STORIES),
            "--briefbot",
            str(briefbot),
            "--timeout",
            "180",
            "-v",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    report = proc.stdout + proc.stderr
    print(report)
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["failures"] == 0, report
    floors = {
        "tracked": MIN_TRACKED,
        "status_acc": MIN_STATUS_ACC,
        "date_acc": MIN_DATE_ACC,
        "time_acc": MIN_TIME_ACC,
        "location_acc": MIN_LOCATION_ACC,
    }
    below = {k: (summary[k], v) for k, v in floors.items() if summary[k] < v}
    assert below == {}, f"below threshold (got, floor): {below}\n{report}"
    assert summary["duplicates"] <= MAX_DUPLICATES, report


def test_story_gold_is_consistent() -> None:
    """Read stories/gold.json: at least 8 stories of 2-5 articles, each file inside its story's folder and
    readable with a date line, every state after an article of its own story, statuses from the contract,
    starts whole UTC minutes with Z on their date, and history in the story's ingestion order."""
    stories = json.loads(GOLD.read_text(encoding="utf-8"))
    assert len(stories) >= MIN_STORIES
    assert len({s["story"] for s in stories}) == len(stories)
    for story in stories:
        name = story["story"]
        assert 2 <= len(story["articles"]) <= 5, name
        assert story["notes"].strip(), name
        published: list[date] = []
        for file in story["articles"]:
            assert file.startswith(f"{name}/"), f"{file} is outside the {name}/ folder"
            article = read_article_file(STORIES / file)
            assert article.published is not None, file
            published.append(article.published)
        order = {file: i for i, file in enumerate(story["articles"])}
        assert story["events"], name
        for ev in story["events"]:
            assert ev["title"] and ev["parties"] and ev["history"], f"{name}: {ev}"
            steps = [order[s["after_article"]] for s in ev["history"]]
            assert steps == sorted(set(steps)), f"{name}: {ev['title']}: history out of ingestion order"
            for state in ev["history"]:
                where = f"{name} after {state['after_article']}: {ev['title']}"
                assert state["status"] in STATUSES, where
                check_start(state["start_utc"], state["date"], where)
        # a story that lists an older article after a newer one is the out-of-order case, kept on purpose
        assert published == sorted(published) or name == "white-house-zelenskiy", (
            f"{name}: articles not in publication order"
        )
