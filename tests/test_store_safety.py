"""The store's safety: Rashomons opening one new file at once, commands that only read
never creating or changing a file, files that are not ours left alone, a corpus in a
read-only folder, a full or failing disk, and corpora of an older schema upgraded
(their articles annotated again and linked)."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import rashomon
from rashomon.cli import main
from rashomon.errors import StoreError, StoreWriteError
from rashomon.records import Article, Document, article_id, content_hash
from rashomon.store import Store
from rashomon.store.schema import MIGRATIONS, SCHEMA_VERSION, tables
from rashomon.store.sqlite import _statements

from .articles import write_articles
from .conftest import RASHOMON

Sample = tuple[rashomon.Corpus, Any]

# every command that only reads, with the arguments it needs
READERS = [
    ("articles",),
    ("show", "abcd1234"),
    ("quotes",),
    ("events",),
    ("numbers",),
    ("stories",),
    ("story", "abcd"),
    ("compare", "abcd"),
    ("entities",),
    ("entity", "Basra"),
    ("export", "--what", "articles"),
    ("search", "water"),
    ("serve",),
]
READER_IDS = [r[0] for r in READERS]


def cli(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def store_articles(path: Path, texts: list[str]) -> None:
    """A corpus of plain articles (stored without annotation: no model needed)."""
    with Store(path) as store:
        for number, text in enumerate(texts):
            document = Document(
                id=content_hash(text.encode()),
                origin=f"article_{number}.txt",
                media_type="text/plain",
                text=text,
                encoding="utf-8",
                size=len(text),
            )
            article = Article(
                id=article_id(text),
                document_id=document.id,
                position=0,
                text=text,
                title=f"Water shortage, day {number}",
                source="Harbour Ledger",
            )
            store.add_document(document, [article], [])


def snapshot(path: Path) -> tuple[str, int, list[str]]:
    """The file's bytes (hashed), modification time and the files beside it."""
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        path.stat().st_mtime_ns,
        sorted(p.name for p in path.parent.iterdir()),
    )


def old_database(path: Path, version: int) -> sqlite3.Connection:
    """An empty database at an older schema ``version``, as that Rashomon made it."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    for script in MIGRATIONS[:version]:
        for statement in _statements(script):
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {version}")
    return db


# -- concurrent first opens ------------------------------------------------------------


def _open_together(paths: list[Path], barrier: Any, results: Any) -> None:
    """In each process: wait for the others, open the new file, store one document."""
    for path in paths:
        barrier.wait(timeout=120)
        try:
            text = f"Process {os.getpid()} was here.\n\n" + "Some words of an article. " * 10
            store_articles(path, [text])
            results.put("ok")
        except Exception as exc:  # any failure is the test's to report
            results.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.slow
def test_store_concurrent_first_opens_all_succeed(tmp_path: Path) -> None:
    processes, rounds = 6, 6
    paths = [tmp_path / f"round{n}" / "new.db" for n in range(rounds)]
    for path in paths:
        path.parent.mkdir()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes)
    results = context.Queue()
    workers = [
        context.Process(target=_open_together, args=(paths, barrier, results))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=300) for _ in range(processes * rounds)]
    for worker in workers:
        worker.join(timeout=60)
    assert outcomes == ["ok"] * (processes * rounds), [o for o in outcomes if o != "ok"]
    for path in paths:
        db = sqlite3.connect(path)
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == processes
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        assert tables(SCHEMA_VERSION) <= names
        db.close()


def test_store_migrations_run_again_over_a_file_upgraded_part_way(tmp_path: Path) -> None:
    path = tmp_path / "part.db"
    db = old_database(path, 1)
    # part of migration 2 applied by hand, the version left at 1
    db.execute("ALTER TABLE articles ADD COLUMN stages TEXT")
    db.execute(next(s for s in _statements(MIGRATIONS[1]) if "TABLE IF NOT EXISTS quotes" in s))
    db.close()
    with Store(path) as store:
        assert store.found_version == 1
        assert store.counts().quotes == 0
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


# -- commands that only read -------------------------------------------------------------


@pytest.mark.parametrize("command", READERS, ids=READER_IDS)
def test_store_read_command_with_a_mistyped_db_creates_nothing(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    missing = tmp_path / "typo.db"
    result = cli(*command, "--db", missing)
    assert result.exit_code == 1, result.output
    assert f"no corpus at {missing}" in result.output
    assert "rashomon analyze" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_store_read_mode_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no corpus at .*typo\.db; run `rashomon analyze"):
        rashomon.open(tmp_path / "typo.db", mode="read")
    assert list(tmp_path.iterdir()) == []


def _foreign_rollback(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("INSERT INTO notes (body) VALUES ('my shopping list')")
    db.commit()
    db.close()


def _foreign_wal_with_a_version(path: Path) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE documents (id TEXT)")  # one name like ours, not our schema
    db.execute("PRAGMA user_version = 2")
    db.close()


def _not_sqlite(path: Path) -> None:
    path.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")


FOREIGN = {
    "sqlite": _foreign_rollback,
    "sqlite-wal-versioned": _foreign_wal_with_a_version,
    "text": _not_sqlite,
}


@pytest.fixture(params=sorted(FOREIGN))
def foreign(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "other.db"
    FOREIGN[request.param](path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]
    return path


@pytest.mark.parametrize("command", READERS, ids=READER_IDS)
def test_store_read_command_refuses_a_foreign_file_untouched(
    foreign: Path, command: tuple[str, ...]
) -> None:
    before = snapshot(foreign)
    result = cli(*command, "--db", foreign)
    assert result.exit_code == 1, result.output
    assert "is not a Rashomon corpus" in result.output and "--db" in result.output
    assert snapshot(foreign) == before


def test_store_write_mode_refuses_a_foreign_file_untouched(foreign: Path, tmp_path: Path) -> None:
    before = snapshot(foreign)
    with pytest.raises(StoreError, match=r"is not a Rashomon corpus .* left as it was"):
        Store(foreign)
    write_articles(tmp_path / "in", 1)
    result = cli("analyze", tmp_path / "in", "--db", foreign)
    assert result.exit_code == 1 and "is not a Rashomon corpus" in result.output
    assert snapshot(foreign)[:2] == before[:2]
    assert not list(tmp_path.glob("other.db-*"))


def test_store_read_mode_reads_and_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    store_articles(path, ["Water was short in Basra on Monday.\n\nTrucks were sent."])
    before = snapshot(path)
    with rashomon.open(path, mode="read") as corpus:
        assert corpus.mode == "read" and corpus.store.mode == "read"
        (article,) = corpus.articles()
        assert [h.article_id for h in corpus.search("trucks")] == [article.id]
        with pytest.raises(StoreError, match="open for reading only"):
            corpus.analyze([tmp_path])
        with pytest.raises(StoreError, match="open for reading only"):
            corpus.upgrade()
    assert snapshot(path)[:2] == before[:2]
    with rashomon.open(path) as corpus:
        assert corpus.mode == "write"
    with pytest.raises(ValueError, match="'read' or 'write'"):
        Store(path, mode="append")  # type: ignore[arg-type]


def test_store_read_mode_sees_what_a_writer_has_not_checkpointed(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    store_articles(path, ["The first article, about the water shortage in Basra."])
    with Store(path) as writer:
        text = "The second article, about the rains in Mosul that ended it."
        document = Document(
            id=content_hash(text.encode()),
            origin="second.txt",
            media_type="text/plain",
            text=text,
            encoding="utf-8",
            size=len(text),
        )
        article = Article(id=article_id(text), document_id=document.id, position=0, text=text)
        writer.add_document(document, [article], [])
        assert Path(f"{path}-wal").stat().st_size > 0  # the change is in the WAL only
        with Store(path, mode="read") as reader:
            assert reader.counts().articles == 2


# Runs the rest of argv as root without the capabilities that let root write where the
# permissions say no (chmod does not stop root otherwise): a read-only folder for root.
WITHOUT_OVERRIDE = """
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
for cap in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
    if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
        sys.exit(f"cannot drop capability {cap}: errno {ctypes.get_errno()}")
os.execv(sys.argv[1], sys.argv[1:])
"""


@pytest.mark.slow
def test_store_corpus_in_a_read_only_folder_is_queried_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "ro" / "c.db"
    path.parent.mkdir()
    store_articles(path, ["Water was short in Basra on Monday.\n\nTrucks were sent."])
    assert sorted(p.name for p in path.parent.iterdir()) == ["c.db"]
    as_root = [sys.executable, "-c", WITHOUT_OVERRIDE] if os.geteuid() == 0 else []
    probe = subprocess.run([*as_root, "/bin/sh", "-c", "true"], capture_output=True, text=True)
    if probe.returncode:
        pytest.skip(f"cannot run without root's overrides here: {probe.stderr.strip()}")
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        before = snapshot(path)
        for command in (["articles"], ["search", "trucks"], ["stories"], ["export"]):
            result = subprocess.run(
                [*as_root, str(RASHOMON), *command, "--db", str(path)],
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert result.returncode == 0, (command, result.stderr)
            assert "Traceback" not in result.stderr
            if command[0] in ("articles", "search"):
                assert "Harbour Ledger" in result.stdout
        assert snapshot(path) == before  # no -wal, no -shm, the same bytes and time
        writing = subprocess.run(
            [*as_root, str(RASHOMON), "analyze", str(tmp_path), "--db", str(path)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert writing.returncode == 1 and "read-only" in writing.stderr, writing.stderr
        assert "Traceback" not in writing.stderr
        assert snapshot(path) == before
    finally:
        path.parent.chmod(0o755)


# -- an older schema -------------------------------------------------------------------


def test_store_older_schema_read_only_names_the_upgrade_command(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = old_database(path, 3)
    db.execute(
        "INSERT INTO documents VALUES ('d', 'old.txt', NULL, 'text/plain', 'utf-8', 10, 'x')"
    )
    db.execute(
        "INSERT INTO articles VALUES ('a1b2c3d4e5f60718', 'd', 0, 'Depot fire', 'Outlet',"
        " NULL, NULL, NULL, NULL, 'en', '[]', 'A fuel depot burned.', NULL, NULL)"
    )
    db.close()
    before = snapshot(path)
    with pytest.raises(StoreError, match=f"rashomon upgrade --db {path}"):
        rashomon.open(path, mode="read")
    result = cli("articles", "--db", path)
    assert result.exit_code == 1
    assert "older Rashomon (schema 3" in result.output
    assert f"`rashomon upgrade --db {path}`" in result.output
    assert snapshot(path) == before

    upgraded = cli("upgrade", "--db", path)
    assert upgraded.exit_code == 0, upgraded.output
    assert f"upgraded {path}: schema 3 -> {SCHEMA_VERSION}" in upgraded.output
    assert "a1b2c3d4e5f60718" in cli("articles", "--db", path).output
    assert "a1b2c3d4e5f60718" in cli("search", "depot", "--db", path).output
    again = cli("upgrade", "--db", path)
    assert again.exit_code == 0 and "is up to date" in again.output
    assert cli("upgrade", "--db", tmp_path / "typo.db").exit_code == 1
    assert not (tmp_path / "typo.db").exists()


def _version_2_copy(sample: Path, path: Path) -> None:
    """``sample`` as Rashomon with schema 2 stored it: documents, articles and their
    annotations (stages before entities and places existed), no links."""
    db = old_database(path, 2)
    db.execute("ATTACH ? AS new", (str(sample),))
    for table in (
        "documents",
        "articles",
        "article_copies",
        "sentences",
        "mentions",
        "quotes",
        "quantities",
        "times",
        "events",
    ):
        columns = ", ".join(f'"{row[1]}"' for row in db.execute(f"PRAGMA main.table_info({table})"))
        db.execute(f"INSERT INTO main.{table} SELECT {columns} FROM new.{table}")
    db.execute("UPDATE articles SET stages = 'quantities,times,quotes,events'")
    db.execute("DETACH new")
    db.close()


@pytest.fixture
def version_2(sample_corpus: Sample, tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "v2.db"
    _version_2_copy(sample_corpus[0].store.path, path)
    yield path


def _links(corpus: rashomon.Corpus) -> tuple[list[list[str]], list[str], int]:
    stories = sorted(sorted(s.article_ids) for s in corpus.stories())
    entities = sorted(f"{e.label} {e.name}" for e in corpus.entities())
    return stories, entities, len(corpus.entity_mentions())


@pytest.mark.slow
def test_store_version_2_articles_are_annotated_again_and_linked_on_next_analyze(
    sample_corpus: Sample, version_2: Path, tmp_path: Path
) -> None:
    reference = _links(sample_corpus[0])
    with rashomon.open(version_2) as corpus:
        assert corpus.store.found_version == 2
        assert corpus.stories() == [] and corpus.entity_mentions() == []
        report = corpus.analyze([tmp_path / "nothing-new"])  # an input that is not there
        assert report.documents == 0
        assert _links(corpus) == reference
        assert corpus.counts() == sample_corpus[0].counts()


@pytest.mark.slow
def test_store_upgrade_command_annotates_again_and_links(
    sample_corpus: Sample, version_2: Path
) -> None:
    articles = sample_corpus[0].counts().articles
    result = cli("upgrade", "--db", version_2)
    assert result.exit_code == 0, result.output
    assert (
        f"schema 2 -> {SCHEMA_VERSION}; {articles} articles annotated again, {articles} linked"
    ) in result.output
    with rashomon.open(version_2, mode="read") as corpus:
        assert _links(corpus) == _links(sample_corpus[0])


# -- a full or failing disk ------------------------------------------------------------

# runs the rest of argv with a limit on file size, as a full disk would stop writing
LIMITED = """
import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), resource.RLIM_INFINITY))
os.execv(sys.argv[2], sys.argv[2:])
"""


@pytest.mark.slow
def test_store_disk_full_during_analyze_prints_what_was_stored_and_what_to_do(
    tmp_path: Path,
) -> None:
    write_articles(tmp_path / "in", 30)
    path = tmp_path / "c.db"
    limited = [sys.executable, "-c", LIMITED, "600000"]  # bytes: a few documents' worth
    result = subprocess.run(
        [*limited, str(RASHOMON), "analyze", str(tmp_path / "in"), "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert "disk I/O error" in error or "disk is full" in error
    assert "What was stored before is kept" in error and "--db" in error
    (summary,) = result.stdout.splitlines()
    assert summary.startswith("stored before the failure: ")
    stored = int(summary.split(": ")[1].split()[0])
    assert stored >= 1
    with rashomon.open(path, mode="read") as corpus:
        assert corpus.counts().documents == stored

    resumed = subprocess.run(
        [str(RASHOMON), "analyze", str(tmp_path / "in"), "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"skipped: {stored} duplicate documents" in resumed.stdout
    with rashomon.open(path, mode="read") as corpus:
        assert corpus.counts().documents == 30
        assert len(corpus.stories()) >= 1


@pytest.mark.slow
def test_store_database_full_is_a_store_write_error_with_the_counts(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 30)
    path = tmp_path / "c.db"
    with rashomon.open(path, rashomon.Options(batch_size=2)) as corpus:
        first = corpus.analyze([tmp_path / "in" / "article_000.txt"])
        pages = corpus.store._db.execute("PRAGMA page_count").fetchone()[0]
        # the test's full disk: SQLite may not grow the file by more than a few pages
        corpus.store._db.execute(f"PRAGMA max_page_count = {pages + 8}")
        with pytest.raises(StoreWriteError) as caught:
            corpus.analyze([tmp_path / "in"])
        error = caught.value
        assert error.reason == "full"
        assert "the disk is full" in str(error) and "database or disk is full" in str(error)
        assert error.stored is not None
        assert error.stored.documents == corpus.counts().documents - first.documents
        assert 1 <= error.stored.documents < 29
