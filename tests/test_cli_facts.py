"""Quotes, events and numbers through the command line, on a report written for tests."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .articles import CONFLICT_TEXT, write_conflict_feed
from .conftest import run_cli


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("facts")
    feed = write_conflict_feed(folder / "feed.jsonl")
    result = run_cli("analyze", feed, "--db", folder / "facts.db")
    assert result.returncode == 0, result.stderr
    return folder / "facts.db"


def test_cli_quotes_resolve_the_pronoun_and_the_medium(db: Path) -> None:
    result = run_cli("quotes", "--db", db, "--speaker", "Bakhit")
    assert result.returncode == 0, result.stderr
    assert "Salem Bakhit (as “he”)" in result.stdout
    assert "We will find those responsible" in result.stdout
    assert "to: Aden Radio" in result.stdout


def test_cli_events_filter_by_type_and_date(db: Path) -> None:
    result = run_cli("events", "--db", db, "--type", "assault", "--since", "2025-03-11")
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and lines, result.stderr
    strike = next(line for line in lines if "“strike”" in line or "“drone strike”" in line)
    assert strike.startswith("2025-03-11")  # "on Tuesday", the day before publication
    assert "@ Ras Imran" in strike and "killed=4" in strike
    # the wounded are reported in another sentence: an event of their own
    assert any("injured=11" in line for line in lines)
    before = run_cli("events", "--db", db, "--type", "assault", "--until", "2025-03-10")
    assert before.stdout == ""


def test_cli_events_keep_denials_apart(db: Path) -> None:
    denied = run_cli("events", "--db", db, "--modality", "denied").stdout
    assert "MOBILIZE" in denied
    asserted = run_cli("events", "--db", db, "--modality", "asserted").stdout
    assert "MOBILIZE" not in asserted


def test_cli_numbers_by_category(db: Path) -> None:
    killed = run_cli("numbers", "--db", db, "--category", "killed").stdout
    assert "4  people (killed)" in killed
    wounded = run_cli("numbers", "--db", db, "--category", "injured").stdout
    assert "11 [11..]" in wounded


def test_cli_show_marks_facts_in_the_text(db: Path) -> None:
    article_id = run_cli("articles", "--db", db).stdout.split()[0]
    shown = run_cli("show", article_id, "--db", db).stdout
    assert "[Tuesday|TIME 2025-03-11]" in shown
    assert (
        "«We will find those responsible,»{Q" in shown
        or "«We will find those responsible»{Q" in shown
    )
    assert "|EVENT ASSAULT/aerial]" in shown
    assert "quotes:" in shown and "events:" in shown


@pytest.mark.parametrize("what", ["quotes", "quantities", "times", "events"])
def test_cli_export_facts_carry_their_span(db: Path, what: str) -> None:
    result = run_cli("export", "--db", db, "--what", what, "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, what
    for row in rows:
        assert row["source"] == "Gulf Ledger" and row["published"] == "2025-03-12"
        assert {"article_id", "start", "end"} <= set(row)
        text = CONFLICT_TEXT[row["start"] : row["end"]]
        expected = row.get("text") or row.get("trigger")
        assert text == expected


def test_cli_export_acled_csv_holds_asserted_events_with_provenance(db: Path) -> None:
    result = run_cli("export", "--db", db, "--what", "events", "--format", "acled-csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows
    strike = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert strike["event_date"] == "2025-03-11" and strike["time_precision"] == "1"
    assert strike["fatalities"] == "4" and strike["location"] == "Ras Imran"
    assert strike["source"] == "Gulf Ledger"
    assert all(r["modality"] == "asserted" for r in rows)
    assert int(strike["start"]) < int(strike["end"])
    wrong = run_cli("export", "--db", db, "--what", "quotes", "--format", "acled-csv")
    assert wrong.returncode == 1 and "events only" in wrong.stderr
