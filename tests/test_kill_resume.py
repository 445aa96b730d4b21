"""A run killed hard (``kill -9``) part way leaves a corpus that the next run completes:
every article stored exactly once, with its facts, and linked into a story once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.articles import write_articles

RASHOMON = Path(sys.executable).parent / "rashomon"
ARTICLES = 30


def count(db: Path, sql: str) -> int:
    """One number from the database, read while another process may be writing it."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            value: int = conn.execute(sql).fetchone()[0]
            return value
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.slow
def test_kill_resume_rerun_after_kill_stores_every_article_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, ARTICLES)
    db = tmp_path / "x.db"
    command = [RASHOMON, "analyze", folder, "--db", db, "--batch-size", "2", "--no-progress"]

    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as run:
        deadline = time.monotonic() + 240
        while count(db, "SELECT COUNT(*) FROM documents") < 3:
            assert run.poll() is None, run.stderr.read() if run.stderr else ""
            assert time.monotonic() < deadline, "no document was committed in time"
            time.sleep(0.05)
        run.kill()  # SIGKILL: no cleanup, no rollback, no last commit
        run.wait(timeout=30)
    stored = count(db, "SELECT COUNT(*) FROM articles")
    assert 3 <= stored < ARTICLES, "the kill should land part way through the run"

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped: {stored} duplicate documents" in rerun.stdout
    assert count(db, "SELECT COUNT(*) FROM documents") == ARTICLES
    assert count(db, "SELECT COUNT(*) FROM articles") == ARTICLES
    assert count(db, "SELECT COUNT(DISTINCT text) FROM articles") == ARTICLES
    assert count(db, "SELECT COUNT(*) FROM article_copies") == 0
    assert count(db, "SELECT COUNT(*) FROM articles WHERE model IS NULL") == 0
    assert count(db, "SELECT COUNT(DISTINCT article_id) FROM mentions") == ARTICLES
    # each article placed in a story once, the killed run's too (linked by the rerun)
    assert count(db, "SELECT COUNT(*) FROM story_members") == ARTICLES
    assert count(db, "SELECT COUNT(DISTINCT article_id) FROM story_members") == ARTICLES

    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"skipped: {ARTICLES} duplicate documents" in again.stdout
    assert count(db, "SELECT COUNT(*) FROM articles") == ARTICLES
