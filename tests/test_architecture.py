"""The core knows no platform: briefings/ imports nothing from adapters, config or schedulers."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "briefings"
FORBIDDEN = ("discord", "slack_bolt", "slack_sdk", "apscheduler", "bot", "config")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_imports_no_platform_code() -> None:
    """Scanned every module under briefings/: none imports Slack, Discord, APScheduler, bot or config."""
    files = sorted(CORE.rglob("*.py"))
    assert files, "no core modules found"
    offenders = {
        str(f.relative_to(CORE)): sorted(_imports(f) & set(FORBIDDEN)) for f in files if _imports(f) & set(FORBIDDEN)
    }
    assert offenders == {}
