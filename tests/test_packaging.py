"""The installed package carries its data: a wheel (as the Dockerfile builds) holds every table the extractor reads."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_is_declared_as_package_data() -> None:
    """Walked briefings/ and bot/ for files that are not Python (a README aside) and matched each against the
    package-data globs in pyproject.toml: a table left out (cities.tsv once was) would be missing from
    `pip install .` and the Docker image, while the editable install used in development still finds it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]
    missing = []
    for package in ("briefings", "bot"):
        base = ROOT / package
        for path in base.rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".py", ".pyc"):
                continue
            if path.name == "README.md":
                continue
            rel = path.relative_to(base).as_posix()
            if not any(fnmatch(rel, g) for g in globs.get(package, [])):
                missing.append(f"{package}/{rel}")
    assert missing == []
