"""The shared seed story (../shared/eval/seed-gold.json on ../shared/seed/) must be extracted perfectly."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import shared_path
from tests.test_eval_articles import score_predictions, write_predictions


def test_seed_story_scores_perfectly(tmp_path: Path) -> None:
    """Extracted the seed article in-process and scored it with the shared score.py: events F1, time, location,
    people recall and expectation recall are all exactly 1.0, with no failures."""
    gold = shared_path("eval", "seed-gold.json")
    articles = shared_path("seed")
    write_predictions(gold, articles, tmp_path)
    summary, report = score_predictions(gold, articles, tmp_path)
    print(report)
    assert summary["failures"] == 0, report
    for key in ("events_f1", "time_acc", "location_acc", "people_r", "expectations_r"):
        assert summary[key] == 1.0, f"{key} = {summary[key]}\n{report}"
