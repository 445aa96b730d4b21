"""The SQLite store: schema versions, idempotent re-runs, and resuming after a kill."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

import rashomon
from rashomon.errors import StoreError
from rashomon.store import Store
from rashomon.store.schema import SCHEMA_VERSION

from .articles import write_articles
from .conftest import RASHOMON, run_cli


def test_store_new_file_has_current_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "new.db"):
        pass
    db = sqlite3.connect(tmp_path / "new.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_refuses_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer Rashomon"):
        Store(path)


def test_store_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match=r"notes\.db.*--db"):
        Store(path)


def test_store_second_run_adds_nothing(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 4)
    with rashomon.open(tmp_path / "c.db") as corpus:
        first = corpus.analyze([tmp_path / "in"])
        second = corpus.analyze([tmp_path / "in", tmp_path / "in" / "article_000.txt"])
    assert (first.documents, first.articles) == (4, 4)
    assert (second.documents, second.articles, second.mentions) == (0, 0, 0)
    assert second.duplicate_documents == 5
    assert second.corpus == first.corpus


def test_store_same_article_in_two_files_is_stored_once(tmp_path: Path) -> None:
    (paths,) = [write_articles(tmp_path / "in", 1)]
    text = paths[0].read_text(encoding="utf-8")
    # same article, other bytes: different line endings and an extra share-button line
    (tmp_path / "in" / "copy.txt").write_bytes(
        text.replace("\n\n", "\r\n\r\nShare\r\n\r\n", 1).encode()
    )
    with rashomon.open(tmp_path / "c.db") as corpus:
        report = corpus.analyze([tmp_path / "in"])
        (article,) = corpus.articles()
        assert len(corpus.origins(article.id)) == 2
    assert (report.documents, report.articles, report.duplicate_articles) == (2, 1, 1)


@pytest.mark.slow
def test_store_killed_run_resumes_to_the_same_counts(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 40)
    reference = run_cli("analyze", tmp_path / "in", "--db", tmp_path / "ref.db")
    assert reference.returncode == 0, reference.stderr

    killed_db = tmp_path / "killed.db"
    process = subprocess.Popen(
        [
            str(RASHOMON),
            "analyze",
            str(tmp_path / "in"),
            "--db",
            str(killed_db),
            "--batch-size",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if killed_db.exists():
            try:
                with sqlite3.connect(killed_db, timeout=1) as db:
                    stored = db.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 4:
                break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(killed_db) as db:
        stored_at_kill = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 4 <= stored_at_kill < 40, "the kill must land mid-batch"

    resumed = run_cli("analyze", tmp_path / "in", "--db", killed_db)
    assert resumed.returncode == 0, resumed.stderr
    assert f"skipped: {stored_at_kill} duplicate documents" in resumed.stdout
    with rashomon.open(tmp_path / "ref.db") as ref, rashomon.open(killed_db) as again:
        assert again.counts() == ref.counts()
        assert [a.id for a in again.articles()] == [a.id for a in ref.articles()]
        assert len(again.mentions()) == len(ref.mentions())


def test_store_migrates_a_version_1_file_keeping_its_articles(tmp_path: Path) -> None:
    from rashomon.store.schema import MIGRATIONS
    from rashomon.store.sqlite import _statements

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for statement in _statements(MIGRATIONS[0]):
        db.execute(statement)
    db.execute(
        "INSERT INTO documents VALUES ('d', 'old.txt', NULL, 'text/plain', 'utf-8', 10, 'x')"
    )
    db.execute(
        "INSERT INTO articles VALUES ('a1', 'd', 0, 'T', 'Outlet', NULL, NULL, NULL, NULL, 'en',"
        " '[]', 'Some text.', NULL)"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with Store(path) as store:
        (article,) = store.articles()
        assert (article.id, article.source, article.text) == ("a1", "Outlet", "Some text.")
        assert store.facts("events") == [] and store.counts().quotes == 0
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
