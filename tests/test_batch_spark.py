"""``rashomon batch --engine spark`` in Spark local mode against ``analyze`` on the same
input (the sample corpus plus one bad file): the same documents, articles, facts,
stories and entities; ``rashomon load`` builds the same corpus; a bad file is one error
row and the batch goes on; a batch killed part way is started over by the next run and
writes the same tables.

Needs pyspark and Java; outside CI a machine without them skips these tests (in CI,
CI=true, they fail instead).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import rashomon
from rashomon.analyze import AnalyzeReport

from .conftest import EXAMPLES, RASHOMON, run_cli

pytestmark = pytest.mark.slow


def _spark_missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -e '.[spark]')"
    if shutil.which("java") is None:
        return "java is not installed (Spark needs Java 17)"
    return None


@dataclass(frozen=True, slots=True)
class Runs:
    folder: Path
    analyzed: Path
    report: AnalyzeReport
    out: Path
    batch_output: str
    batch_status: int
    loaded: Path


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    missing = _spark_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Spark test: {missing}")
        pytest.skip(missing)
    folder = tmp_path_factory.mktemp("batch")
    corpus = folder / "corpus"
    shutil.copytree(EXAMPLES / "corpus", corpus)
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    analyzed = folder / "analyzed.db"
    with rashomon.open(analyzed) as stored:
        report = stored.analyze([corpus])
    out = folder / "out"
    env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"}
    result = run_cli("batch", corpus, "--out", out, "--master", "local[2]", env=env)
    loaded = folder / "loaded.db"
    load = run_cli("load", out, "--db", loaded)
    assert load.returncode == 0, load.stderr
    yield Runs(
        folder=folder,
        analyzed=analyzed,
        report=report,
        out=out,
        batch_output=result.stdout + result.stderr,
        batch_status=result.returncode,
        loaded=loaded,
    )


def _parquet(out: Path, table: str) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for part in sorted((out / table).glob("*.parquet")):
        rows += pq.read_table(part).to_pylist()
    return rows


def _rows(db: Path, sql: str) -> set[tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return {tuple(row) for row in connection.execute(sql)}


def _partition(members: list[tuple[str, str]]) -> set[frozenset[str]]:
    stories: dict[str, set[str]] = {}
    for article_id, story_id in members:
        stories.setdefault(story_id, set()).add(article_id)
    return {frozenset(ids) for ids in stories.values()}


def test_batch_spark_reports_the_bad_file_and_goes_on(runs: Runs) -> None:
    assert runs.batch_status == 1
    lines = [line for line in runs.batch_output.splitlines() if "broken.txt" in line]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "binary" in lines[0]
    errors = _parquet(runs.out, "errors")
    assert [e["reason"] for e in errors] == [e.reason for e in runs.report.errors] == ["binary"]
    assert "wrote" in runs.batch_output and "16 articles" in runs.batch_output


def test_batch_spark_stores_the_same_documents_and_articles_as_analyze(runs: Runs) -> None:
    documents = {r["id"] for r in _parquet(runs.out, "documents")}
    assert documents == {r[0] for r in _rows(runs.analyzed, "SELECT id FROM documents")}
    articles = _parquet(runs.out, "articles")
    stored = _rows(runs.analyzed, "SELECT id, title, source, published, text FROM articles")
    assert {(a["id"], a["title"], a["source"], a["published"], a["text"]) for a in articles} == (
        stored
    )
    assert len(articles) == runs.report.articles == 16
    # input order kept: seq numbers follow the documents' order of storing in analyze
    order = [
        r[0]
        for r in sorted(_rows(runs.analyzed, "SELECT id, rowid FROM documents"), key=lambda r: r[1])
    ]
    assert [
        r["id"] for r in sorted(_parquet(runs.out, "documents"), key=lambda r: r["seq"])
    ] == order


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        (
            "events",
            ("article_id", "start", "end", "plover_type", "acled_type", "modality", "actor"),
        ),
        ("quotes", ("article_id", "start", "end", "speaker", "kind")),
        ("quantities", ("article_id", "start", "end", "value", "category")),
        ("times", ("article_id", "start", "end", "value")),
        ("places", ("article_id", "start", "end", "place_name")),
        ("mentions", ("article_id", "start", "end", "label")),
        ("sentences", ("article_id", "start", "end")),
    ],
)
def test_batch_spark_finds_the_same_facts_as_analyze(
    runs: Runs, table: str, columns: tuple[str, ...]
) -> None:
    batch = {tuple(row[c] for c in columns) for row in _parquet(runs.out, table)}
    quoted = ", ".join(f'"{c}"' for c in columns)
    assert batch == _rows(runs.analyzed, f"SELECT {quoted} FROM {table}")
    assert batch


def test_batch_spark_makes_the_same_stories_as_analyze(runs: Runs) -> None:
    members = [(m["article_id"], m["story_id"]) for m in _parquet(runs.out, "story_members")]
    stored = sorted(_rows(runs.analyzed, "SELECT article_id, story_id FROM story_members"))
    assert _partition(members) == _partition(stored)
    assert {s for _, s in members} == {s for _, s in stored}
    stories = {s["story_id"]: s for s in _parquet(runs.out, "stories")}
    profiles = {s.story_id: s for s in rashomon.open(runs.analyzed).stories()}
    assert {k: (v["title"], tuple(v["sources"])) for k, v in stories.items()} == {
        k: (v.title, v.sources) for k, v in profiles.items()
    }


def test_batch_spark_links_the_same_entities_as_analyze(runs: Runs) -> None:
    names = {e["entity_id"]: (e["name"], e["label"]) for e in _parquet(runs.out, "entities")}
    batch = {
        (m["article_id"], m["start"], names[m["entity_id"]])
        for m in _parquet(runs.out, "entity_mentions")
        if m["entity_id"] is not None
    }
    stored = {
        (article, start, (name, label))
        for article, start, name, label in _rows(
            runs.analyzed,
            "SELECT m.article_id, m.start, e.name, e.label FROM entity_mentions m"
            " JOIN entities e ON e.id = m.entity_id",
        )
    }
    assert batch == stored
    assert len(names) == len(_rows(runs.analyzed, "SELECT id FROM entities"))


def test_load_builds_the_corpus_analyze_builds(runs: Runs) -> None:
    for sql in (
        "SELECT id, document_id, position, text FROM articles",
        'SELECT article_id, start, "end", plover_type, acled_type, modality,'
        " actor, target FROM events",
        'SELECT article_id, start, "end", speaker, medium FROM quotes',
        "SELECT article_id, story_id, duplicate_of FROM story_members",
        "SELECT entity_id, article_id, start FROM entity_mentions",
        "SELECT id, name, label FROM entities",
        "SELECT article_id, start, incident_id, story_id FROM incidents",
        "SELECT article_id, document_id FROM article_copies",
    ):
        assert _rows(runs.loaded, sql) == _rows(runs.analyzed, sql), sql
    loaded = run_cli("stories", "--db", runs.loaded)
    analyzed = run_cli("stories", "--db", runs.analyzed)
    assert loaded.returncode == 0 and loaded.stdout == analyzed.stdout


def test_load_twice_stores_nothing_twice(runs: Runs) -> None:
    before = _rows(runs.loaded, "SELECT COUNT(*) FROM articles")
    again = run_cli("load", runs.out, "--db", runs.loaded)
    assert again.returncode == 0, again.stderr
    assert "0 documents," in again.stdout and "already stored" in again.stdout
    assert _rows(runs.loaded, "SELECT COUNT(*) FROM articles") == before


def test_batch_spark_refuses_an_existing_output_folder(runs: Runs) -> None:
    result = run_cli(
        "batch",
        runs.folder / "corpus",
        "--out",
        runs.out,
        "--master",
        "local[1]",
        env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"},
    )
    assert result.returncode == 1
    assert "finished batch" in result.stderr and "Traceback" not in result.stderr


def test_batch_spark_killed_then_rerun_writes_the_same_output(runs: Runs) -> None:
    out = runs.folder / "killed"
    command = [str(RASHOMON), "batch", str(runs.folder / "corpus"), "--out", str(out)]
    command += ["--master", "local[2]"]
    env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"}
    # its own session, so that the kill reaches the Spark JVM and the Python workers too
    with subprocess.Popen(
        command, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as run:
        deadline = time.monotonic() + 300
        while not (out / "articles" / "_SUCCESS").exists():
            assert run.poll() is None, run.stderr.read() if run.stderr else ""
            assert time.monotonic() < deadline, "the batch wrote no table in time"
            time.sleep(0.1)
        os.killpg(run.pid, signal.SIGKILL)  # no cleanup, no last write
        run.wait(timeout=30)
    assert not (out / "_RASHOMON_DONE").exists(), "the kill should land part way through"

    refused = run_cli("load", out, "--db", runs.folder / "killed.db")
    assert refused.returncode == 1 and "did not finish" in refused.stderr

    rerun = run_cli(*command[1:], env=env)
    assert rerun.returncode == 1, rerun.stderr  # the bad file, as in the first run
    assert "removing the unfinished output" in rerun.stderr
    for table, key in (("documents", "id"), ("articles", "id"), ("story_members", "article_id")):
        again = sorted(_parquet(out, table), key=lambda r: r[key])
        assert again == sorted(_parquet(runs.out, table), key=lambda r: r[key]), table


def test_batch_spark_refuses_a_folder_that_is_not_its_own(runs: Runs) -> None:
    foreign = runs.folder / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli(
        "batch",
        runs.folder / "corpus",
        "--out",
        foreign,
        "--master",
        "local[1]",
        env={**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"},
    )
    assert result.returncode == 1 and "not a batch output" in result.stderr
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_load_refuses_a_folder_that_is_not_a_batch_output(tmp_path: Path) -> None:
    result = run_cli("load", tmp_path, "--db", tmp_path / "x.db")
    assert result.returncode == 1
    assert "not a batch output" in result.stderr and "Traceback" not in result.stderr
