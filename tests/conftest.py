"""Shared fixtures: paths to the bundled sample corpus and to the seeds (when present),
and one analyzed copy of the sample corpus per session (real model, real SQLite file)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import rashomon
from rashomon.analyze import AnalyzeReport

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
RASHOMON = Path(sys.executable).parent / "rashomon"


def run_cli(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``rashomon`` console script."""
    return subprocess.run(
        [str(RASHOMON), *map(str, args)], capture_output=True, text=True, timeout=600, env=env
    )


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the seed acceptance checks need ../shared/seeds")
    return SEEDS


@pytest.fixture(scope="session")
def sample_corpus(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[rashomon.Corpus, AnalyzeReport]]:
    """The bundled sample corpus analyzed once into a fresh database file."""
    folder = tmp_path_factory.mktemp("sample")
    shutil.copytree(EXAMPLES / "corpus", folder / "corpus")
    with rashomon.open(folder / "sample.db") as corpus:
        report = corpus.analyze([folder / "corpus"])
        yield corpus, report
