"""The command line, run as a user runs it (the installed console script)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from .articles import write_articles
from .conftest import RASHOMON, run_cli


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    write_articles(folder / "in", 3)
    result = run_cli("analyze", folder / "in", "--db", folder / "cli.db")
    assert result.returncode == 0, result.stderr
    assert "stored: 3 documents, 3 articles" in result.stdout
    assert "errors: 0" in result.stdout
    return folder / "cli.db"


def test_cli_articles_lists_id_source_and_title(db: Path) -> None:
    result = run_cli("articles", "--db", db)
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and len(lines) == 3
    assert all("Water Shortage Hits" in line for line in lines)
    assert any("Harbour Ledger" in line for line in lines)
    only = run_cli("articles", "--db", db, "--source", "desert courier")
    assert len(only.stdout.splitlines()) == 1


def test_cli_show_marks_entities_and_reads_db_from_environment(db: Path) -> None:
    first_id = run_cli("articles", "--db", db).stdout.split()[0]
    env = {**os.environ, "RASHOMON_DB": str(db)}
    result = run_cli("show", first_id[:8], env=env)
    assert result.returncode == 0, result.stderr
    assert f"id:        {first_id}" in result.stdout
    assert "[Leila Nassar|PERSON]" in result.stdout or "|PERSON]" in result.stdout
    assert "|TIME " in result.stdout  # "on Monday": a date (unresolved: no publication date)
    assert "read from: " in result.stdout


def test_cli_show_unknown_id_is_one_clear_line(db: Path) -> None:
    result = run_cli("show", "ffffffffffff", "--db", db)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: no article with id 'ffffffffffff'; `rashomon articles` lists the ids"
    ]


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_cli_export_writes_files(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"mentions.{fmt}"
    result = run_cli("export", "--db", db, "--what", "mentions", "--format", fmt, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("wrote ")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    elif fmt == "parquet":
        rows = pq.read_table(out).to_pylist()
    else:
        rows = out.read_text(encoding="utf-8").splitlines()  # type: ignore[assignment]
    assert len(rows) > 10


def test_cli_bad_option_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("analyze", tmp_path, "--db", tmp_path / "x.db", "--batch-size", "0")
    assert result.returncode == 2
    assert "batch size must be at least 1" in result.stderr


def test_cli_unknown_model_says_how_to_fix(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 1)
    result = run_cli(
        "analyze", tmp_path / "in", "--db", tmp_path / "x.db", "--model", "xx_no_such_model"
    )
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert "xx_no_such_model" in line and "--model" in line


def test_cli_analyze_reads_stdin_and_draws_progress_on_request(tmp_path: Path) -> None:
    (path,) = write_articles(tmp_path / "in", 1)
    result = subprocess.run(
        [str(RASHOMON), "analyze", "-", "--db", str(tmp_path / "x.db"), "--progress"],
        input=path.read_bytes(),
        capture_output=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert b"stored: 1 documents, 1 articles" in result.stdout
    assert b"1/1" in result.stderr  # the progress bar, forced on although stderr is a pipe
    shown = run_cli("articles", "--db", tmp_path / "x.db")
    assert "Water Shortage Hits Basra for Day 0" in shown.stdout


def test_cli_articles_in_other_languages_are_stored_not_annotated(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bericht.txt").write_text(
        "Hochwasser in Sachsen\n\n"
        "Nach tagelangem Regen ist die Elbe in Dresden über die Ufer getreten. Die Stadt hat "
        "die Altstadt gesperrt, und die Feuerwehr ist mit allen Kräften im Einsatz. Nach "
        "Angaben der Behörden wurden mehr als 300 Menschen in Sicherheit gebracht, die "
        "meisten von ihnen aus Wohnungen in der Nähe des Flusses.\n",
        encoding="utf-8",
    )
    result = run_cli("analyze", folder, "--db", tmp_path / "x.db")
    assert result.returncode == 0, result.stderr
    assert "not annotated (not English): 1 de" in result.stdout
    assert "stored: 1 documents, 1 articles, 0 mentions" in result.stdout
