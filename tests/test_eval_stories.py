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
STATUSES = {"scheduled", "ongoing", "held", "postponed", "cancelled"}

# Floors under the measured figures. stories (2026-11-27: tracked 1.0, status 1.0, date 1.0, time 1.0, venue 1.0;
# the first run on 2026-11-25 gave tracked 0.875, status 0.725). stories2 was written blind on 2026-11-27 (six
# stories: a time added, a postponement with a new date, a cancellation, a venue moved beside a second meeting, two
# outlets on one day, a call held then mentioned in passing); its first run gave tracked 1.0, status 0.68, date 0.91,
# time 0.82, venue 1.0 with 2 duplicates, and after fixes for the general gaps it showed, status 0.86, date 0.95,
# time 1.0, with 4 stored events that the scorer takes for copies (mostly a visit and its talks kept apart).
SETS = {
    "stories": (STORIES, {"tracked": 0.9, "status_acc": 0.9, "date_acc": 0.9, "time_acc": 0.9, "location_acc": 0.9}, 0),
    "stories2": (
        DATA / "stories2",
        {"tracked": 0.9, "status_acc": 0.8, "date_acc": 0.85, "time_acc": 0.9, "location_acc": 0.9},
        4,
    ),
    # stories3, written blind later the same day (a venue that moves city, a summit postponed then re-dated, one
    # moment given in two zones, a cancelled visit, talks that run over several days, ministers the day before
    # the leaders): first run tracked 1.0, status 0.60, date 0.88, time 0.77, venue 0.68, 6 copies; after the
    # bloc, held-once-put-off and later-day-of-it fixes, status 0.63, date 0.88, 4 copies.
    # Session 7's leaders table gives "Treasury Secretary Janet Yellen" her country, so her airport welcome for Xi
    # is kept apart from the summit: one more copy (4).
    "stories3": (
        DATA / "stories3",
        {"tracked": 0.9, "status_acc": 0.6, "date_acc": 0.8, "time_acc": 0.7, "location_acc": 0.72},
        4,
    ),
    # stories4, written blind in session 4 (outlets that disagree on a start, a venue moved to a cosmodrome, a
    # summit cancelled while its members meet elsewhere, a vote put off four times, a three-day summit reported on
    # its second day, a preparatory meeting apart from the summit): first run tracked 0.98, status 0.67, date 0.73,
    # time 0.48, venue 0.88, 6 copies; after the fixes it showed, tracked 0.93, status 0.73, date 0.75, time 0.62,
    # venue 0.91, 3 copies. Session 4 also took stories3 to status 0.66, venue 0.79, 2 copies.
    "stories4": (
        DATA / "stories4",
        {"tracked": 0.88, "status_acc": 0.66, "date_acc": 0.68, "time_acc": 0.55, "location_acc": 0.85},
        4,
    ),
    # stories5, written blind in session 5 (a start given in local time then in GMT, talks that run two days, a
    # trip put off with no date then re-dated, a four-way meeting beside a bilateral, a summit cancelled while
    # another is held, rounds moved between cities, outlets naming sides by their capitals): first run tracked
    # 0.85, status 0.54, date 0.60, time 0.30, venue 0.58, 1 copy; after the session's rules tracked 0.84, status
    # 0.57, date 0.78, time 0.70, venue 0.73 (stories4 then: tracked 0.97, status 0.80, date 0.84, venue 0.95, 2
    # copies; stories3: status 0.69, date 0.91, 3 copies). The weakest set: re-dated trips are where tracking fails.
    "stories5": (
        DATA / "stories5",
        {"tracked": 0.8, "status_acc": 0.52, "date_acc": 0.7, "time_acc": 0.6, "location_acc": 0.66},
        2,
    ),
    # stories6, written blind in session 6 (a start announced late then moved by minutes, a visit put off twice
    # then held, talks cancelled while the same trip's other meeting goes ahead, talks extended to a third day, a
    # summit moved online, a venue narrowed to a hotel beside other bilaterals, talks moved a day): first run, after
    # the session's first three commits, tracked 0.93, status 0.69, date 0.79, time 0.63, venue 0.81, 3 copies;
    # 4 copies after the session's last rule (stories4 went to status 0.75, stories5 to status 0.57, date 0.82).
    # After session 7's leaders table: status 0.73, 5 copies (a ministers' meeting with a new side kept apart).
    "stories6": (
        DATA / "stories6",
        {"tracked": 0.88, "status_acc": 0.64, "date_acc": 0.73, "time_acc": 0.55, "location_acc": 0.75},
        5,
    ),
    # stories7, written blind in session 7 (a start told in local time then in GMT, rounds extended and one called
    # off, a summit moved to another city and hall with a meeting on its sidelines, a state visit put off with no
    # date then re-dated, a start in two zones that then slips, IMF talks extended, a sitting moved to another
    # building): measured only, its misses not looked at. First run, after the session's third commit: tracked
    # 0.93, status 0.58, date 0.69, time 0.58, venue 0.87, 2 copies.
    "stories7": (
        DATA / "stories7",
        {"tracked": 0.88, "status_acc": 0.52, "date_acc": 0.63, "time_acc": 0.5, "location_acc": 0.8},
        # 3 until session 11: telling a meeting held one day from one held the next left a fourth copy (and
        # raised the venue from 0.89 to 0.91)
        4,
    ),
    # stories8, written blind in session 8 (a climate conference put on hold then moved to another country, a
    # summit running days over, a House vote moved a day then pulled, a summit venue narrowed to a town, talks put
    # off then cancelled while a later round is held in a castle, a conference timed in two ways, talks suspended
    # then re-dated): measured only, its misses not looked at. First run, before the session's rules: tracked 0.86,
    # status 0.51, date 0.67, time 0.60, venue 0.87, 4 copies; after them tracked 0.92, status 0.55, date 0.62,
    # time 0.55, venue 0.88, 4 copies.
    "stories8": (
        DATA / "stories8",
        {"tracked": 0.85, "status_acc": 0.45, "date_acc": 0.55, "time_acc": 0.5, "location_acc": 0.8},
        4,
    ),
    # stories9, written blind in session 9 (a surprise stopover timed late and narrowed to an estate, a start moved
    # by three hours, a conference's opening moved to another city and its first joint session put back a day, a
    # hearing put on hold then re-dated and a committee vote with it, a summit cancelled with a stop elsewhere in its
    # place, talks across a daylight-saving switch with a plenary moved by hours, a generals' meeting dated then put
    # off): measured only, its misses not looked at. First run, after the session's first commits: tracked 0.93,
    # status 0.46, date 0.59, time 0.57, venue 0.71, 4 copies.
    "stories9": (
        DATA / "stories9",
        {"tracked": 0.88, "status_acc": 0.4, "date_acc": 0.52, "time_acc": 0.5, "location_acc": 0.64},
        5,
    ),
    # stories10, written blind in session 10 (a council vote put off then forced a day later, talks rounds moved by
    # a day in two capitals, a meeting cancelled for another in its slot, a parliament's two votes, a meeting told in
    # two cities' clocks, a visit a day earlier than planned, two outlets at odds over a summit's hour and venue):
    # studied. First run: tracked 0.95, status 0.52, date 0.73, time 0.39, venue 0.80, 1 copy. Session 12 ("South and
    # North Korea" as two sides): tracked 0.97, status 0.65, time 0.48, venue 0.92.
    "stories10": (
        DATA / "stories10",
        {"tracked": 0.88, "status_acc": 0.45, "date_acc": 0.66, "time_acc": 0.33, "location_acc": 0.72},
        2,
    ),
    # stories11, written blind in session 11 (peace processes of 2000-2020: open-ended rounds with a day off, a
    # summit put off for floods, a final session moved by hours, rounds shelved then re-dated, a meeting held by video
    # instead, a White House meeting moved twice): studied. First run: tracked 1.0, status 0.48, date 0.72, time
    # 0.15, venue 0.75, 6 copies; after the session's rules: tracked 1.0, status 0.57, date 0.75, time 0.49, venue
    # 0.76, 4 copies. After session 12 (rounds that run over days, the next round kept apart): status 0.65, time 0.51,
    # 3 copies.
    "stories11": (
        DATA / "stories11",
        {"tracked": 0.92, "status_acc": 0.5, "date_acc": 0.68, "time_acc": 0.42, "location_acc": 0.69},
        5,
    ),
    # stories12, written blind in session 12 (a central bank's emergency meeting timed late in two zones, a
    # parliament's levy vote put off then re-dated, two summits cancelled when protesters stormed the venue, a new
    # parliament's first sitting moved to another city, a six-day ministerial told day by day, calls and rounds
    # between two governments, strike talks with a follow-up at the presidency): measured only, its misses not looked
    # at. First run, after the session's first commits: tracked 0.84, status 0.56, date 0.78, time 0.60, venue 0.80,
    # 3 copies.
    "stories12": (
        DATA / "stories12",
        {"tracked": 0.8, "status_acc": 0.5, "date_acc": 0.72, "time_acc": 0.55, "location_acc": 0.75},
        4,
    ),
}

MIN_STORIES = 6


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SETS))
def test_story_tracking_scores(name: str, tmp_path: Path) -> None:
    """Ran score_story.py over every story with the venv's briefbot (ingest + events per article, fresh SQLite
    per story): no failures, and tracking, status, date, time and venue at or above the stated thresholds."""
    folder, floors, max_duplicates = SETS[name]
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
            str(folder / "gold.json"),
            "--articles",
            str(folder),
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
    below = {k: (summary[k], v) for k, v in floors.items() if summary[k] < v}
    assert below == {}, f"below threshold (got, floor): {below}\n{report}"
    assert summary["duplicates"] <= max_duplicates, report


@pytest.mark.parametrize("name", sorted(SETS))
def test_story_gold_is_consistent(name: str) -> None:
    """Read each set's gold.json: at least 6 stories of 2-7 articles, each file inside its story's folder and
    readable with a date line, every state after an article of its own story, statuses from the contract,
    starts whole UTC minutes with Z on their date, and history in the story's ingestion order."""
    folder = SETS[name][0]
    stories = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    assert len(stories) >= MIN_STORIES
    assert len({s["story"] for s in stories}) == len(stories)
    for story in stories:
        name = story["story"]
        assert 2 <= len(story["articles"]) <= 7, name
        assert story["notes"].strip(), name
        published: list[date] = []
        for file in story["articles"]:
            assert file.startswith(f"{name}/"), f"{file} is outside the {name}/ folder"
            article = read_article_file(folder / file)
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
