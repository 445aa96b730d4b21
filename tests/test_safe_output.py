"""Safe output through the command line, on a database the real pipeline built from
hostile articles: exports replace a file only when complete, the terminal never gets
an escape sequence or control character from article text, CSV cells are no formulas,
``%`` and ``_`` in filters are literal, and bad option values are usage errors."""

from __future__ import annotations

import csv
import io
import json
import re
import resource
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from rashomon.cli import main

from .conftest import RASHOMON, run_cli

HOSTILE_TITLE = "Flood \x1b]0;pwned\x07 hits \x1b[2JBasra"
HOSTILE_SOURCE = "Evil\x1b[31m Post"
HOSTILE_TEXT = (
    "A drone strike killed four people in the village of Ras Imran on Tuesday, local "
    "officials said. \u202eThe report was denied.\n\n"
    "Interior Minister Salem Bakhit told Aden Radio that at least 11 others were wounded. "
    "\u201cWe will \x9bfind those \u202eresponsible,\u201d he said.\n\n"
    "The minister added that there was no mobilization of troops in the city."
)
RECORDS = [
    {
        "title": HOSTILE_TITLE,
        "source": HOSTILE_SOURCE,
        "published": "2025-03-12",
        "text": HOSTILE_TEXT,
    },
    {
        "title": '=HYPERLINK("http://evil.example","click")',
        "source": "@Mention Daily",
        "published": "2025-04-02",
        "text": "A car bomb killed six people in Bogota on Tuesday, police said.\n\n"
        "General Carlos Mendoza told Radio Caracol that 20 others were wounded. "
        "\u201cThis attack will not go unpunished,\u201d he said.",
    },
    {
        "title": "+Rebels seize a town near Lima",
        "source": "-Andes Wire",
        "published": "2025-04-03",
        "text": "Armed rebels seized the town of Huacho north of Lima on Wednesday, residents "
        "said.\n\nThe interior minister, Rosa Quispe, said 300 troops had been sent to the "
        "area. \u201cWe will restore order,\u201d she said.",
    },
    {  # long enough that exporting the articles writes past the file-size limit below
        "title": "Harbour Traffic Report for the Season",
        "source": "Harbour Ledger",
        "published": "2025-02-01",
        "text": "\n\n".join(
            f"On day {n} of the season, {n * 7 % 40 + 3} cargo ships entered the harbour "
            f"of Tyre and {n * 3 % 25 + 2} of them left it again before the evening tide."
            for n in range(1, 450)
        ),
    },
]
# what must never reach a terminal: C0 controls but tab and newline (ESC among them),
# DEL, C1 controls, bidi embeddings, overrides and isolates
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("safe")
    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    result = run_cli("analyze", feed, "--db", folder / "safe.db")
    assert result.returncode == 0, result.stderr
    assert "stored: 4 documents, 4 articles" in result.stdout
    return folder / "safe.db"


def cli(*args: str | Path) -> Result:
    """The command in process, output kept as a terminal gets it (no ANSI stripping)."""
    return CliRunner().invoke(main, [str(a) for a in args], color=True)


def _ids(db: Path) -> dict[str, str]:
    """Article title (as printed) -> id."""
    lines = cli("articles", "--db", db).output.splitlines()
    return {line.split("  ", 3)[3]: line.split()[0] for line in lines}


def _hostile_id(db: Path) -> str:
    (key,) = [key for title, key in _ids(db).items() if "hits" in title]
    return key


def _error_line(result: Result) -> str:
    assert "Traceback" not in result.output
    (line,) = [x for x in result.output.splitlines() if x.startswith("Error:")]
    return line


# -- exports replace a file only when complete ------------------------------------------


def _limit_file_size(limit: int) -> Callable[[], None]:
    def apply() -> None:  # in the child: a write past `limit` fails with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_safe_output_export_that_fails_when_the_disk_fills_keeps_the_previous_file(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "articles.jsonl"
    assert cli("export", "--db", db, "--what", "quotes", "-o", out).exit_code == 0
    previous = out.read_bytes()
    result = subprocess.run(
        [str(RASHOMON), "export", "--db", str(db), "--what", "articles", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_file_size(36_000),  # above SQLite's 32 KiB -shm, below the export
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"Error: cannot write {out}: File too large; any previous file of that name is unchanged"
    ]
    assert out.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.jsonl"]


def test_safe_output_export_refused_midway_keeps_the_previous_file(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "events.csv"
    assert (
        cli("export", "--db", db, "--what", "events", "--format", "csv", "-o", out).exit_code == 0
    )
    previous = out.read_bytes()
    result = cli("export", "--db", db, "--what", "quotes", "--format", "acled-csv", "-o", out)
    assert result.exit_code == 1
    assert "acled-csv exports events only" in _error_line(result)
    assert out.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


def test_safe_output_export_replaces_the_file_and_keeps_its_permissions(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "quotes.jsonl"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    result = cli("export", "--db", db, "--what", "quotes", "-o", out)
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 4 and all(json.loads(line)["article_id"] for line in lines)
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quotes.jsonl"]


def test_safe_output_export_into_a_missing_folder_says_how_to_fix(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "quotes.csv"
    result = run_cli("export", "--db", db, "--format", "csv", "-o", out)
    assert result.returncode == 1
    folder = out.parent
    assert result.stderr.splitlines() == [
        f"Error: cannot write {out}: the folder {folder} does not exist; "
        f"create it (mkdir -p {folder}) or give a file in an existing folder"
    ]
    assert not (tmp_path / "no").exists()


# -- the terminal gets no escape sequences or controls ------------------------------------


def test_safe_output_stored_data_keeps_what_the_articles_held(db: Path) -> None:
    """The hostile characters are in the database (so the tests below mean something),
    and JSON output keeps them exactly, escaped: valid JSON, nothing raw for a terminal."""
    result = cli("export", "--db", db, "--what", "articles")
    assert result.exit_code == 0
    rows = {row["title"]: row for row in map(json.loads, result.output.splitlines())}
    hostile = rows[HOSTILE_TITLE]
    assert hostile["source"] == HOSTILE_SOURCE
    assert "\x9b" in hostile["text"] and "\u202e" in hostile["text"]
    assert not FORBIDDEN.search(result.output)


def _story_id(db: Path) -> str:
    (line,) = [x for x in cli("stories", "--db", db).output.splitlines() if "hits" in x]
    return line.split()[0]


COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "articles": lambda db: ["articles"],
    "show": lambda db: ["show", _hostile_id(db)],
    "quotes": lambda db: ["quotes", "--source", HOSTILE_SOURCE],
    "events": lambda db: ["events"],
    "numbers": lambda db: ["numbers"],
    "search title": lambda db: ["search", "pwned"],
    "search quote": lambda db: ["search", "responsible", "--what", "quotes"],
    "stories": lambda db: ["stories"],
    "story": lambda db: ["story", _story_id(db)],
    "entities": lambda db: ["entities"],
    "entity": lambda db: ["entity", "Salem Bakhit"],
    "compare text": lambda db: ["compare", _story_id(db)],
    "compare md": lambda db: ["compare", _story_id(db), "--format", "md"],
    "compare html": lambda db: ["compare", _story_id(db), "--format", "html"],
    "compare json": lambda db: ["compare", _story_id(db), "--format", "json"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_safe_output_terminal_gets_no_control_characters(db: Path, command: str) -> None:
    result = cli(*COMMANDS[command](db), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.output.strip()
    assert not FORBIDDEN.search(result.output), repr(FORBIDDEN.findall(result.output))
    if command == "compare json":
        assert json.loads(result.output)["title"] == HOSTILE_TITLE


def test_safe_output_titles_keep_their_words(db: Path) -> None:
    listed = cli("articles", "--db", db).output
    assert "Flood  hits Basra" in listed and "pwned" not in listed  # the OSC went whole
    assert "Evil Post" in listed
    shown = cli("show", _hostile_id(db), "--db", db).output
    assert "local officials said. The report was" in shown
    quoted = cli("quotes", "--speaker", "Bakhit", "--db", db).output
    assert "find those responsible" in quoted


# -- CSV cells are no formulas -----------------------------------------------------------


def _csv(*args: str | Path) -> list[dict[str, str]]:
    result = cli("export", *args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_safe_output_csv_formula_cells_get_a_quote_and_numbers_stay(db: Path) -> None:
    rows = _csv("--db", db, "--format", "csv")
    titles = {row["title"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example","click")' in titles
    assert "'+Rebels seize a town near Lima" in titles
    sources = {row["source"] for row in rows}
    assert {"'@Mention Daily", "'-Andes Wire", HOSTILE_SOURCE} <= sources
    acled = _csv("--db", db, "--what", "events", "--format", "acled-csv")
    assert {"'@Mention Daily", "'-Andes Wire"} <= {row["source"] for row in acled}
    longitudes = [row["longitude"] for row in acled if row["longitude"]]
    assert longitudes and all(float(x) < 0 for x in longitudes)  # Bogota, Huacho: -74, -77


def test_safe_output_csv_raw_keeps_cells_as_stored(db: Path) -> None:
    rows = _csv("--db", db, "--format", "csv", "--raw")
    assert '=HYPERLINK("http://evil.example","click")' in {row["title"] for row in rows}
    assert {"@Mention Daily", "-Andes Wire"} <= {row["source"] for row in rows}
    acled = _csv("--db", db, "--what", "events", "--format", "acled-csv", "--raw")
    assert "-Andes Wire" in {row["source"] for row in acled}


# -- % and _ in filters are literal -------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "found"),
    [
        (["quotes", "--speaker", "Bakhit"], True),
        (["quotes", "--speaker", "Bakh_t"], False),
        (["quotes", "--speaker", "%"], False),
        (["quotes", "--speaker", "Salem%Bakhit"], False),
        (["quotes", "--speaker", "\\"], False),
        (["events", "--actor", "rebels"], True),
        (["events", "--actor", "reb_ls"], False),
        (["events", "--actor", "%"], False),
    ],
)
def test_safe_output_filter_wildcards_are_literal(db: Path, args: list[str], found: bool) -> None:
    result = cli(*args, "--db", db)
    assert result.exit_code == 0, result.output
    assert bool(result.output.strip()) is found


def test_safe_output_id_prefix_and_entity_name_wildcards_are_literal(db: Path) -> None:
    key = _hostile_id(db)
    assert cli("show", key[:6], "--db", db).exit_code == 0
    assert "no article with id" in _error_line(cli("show", key[:5] + "_", "--db", db))
    assert "no article with id" in _error_line(cli("show", key[:5] + "%", "--db", db))
    assert cli("entity", "Bakhit", "--db", db).exit_code == 0
    assert cli("entity", "Bakh_t", "--db", db).exit_code == 1


# -- bad option values are usage errors ---------------------------------------------------


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["articles", "--limit", "0"], "--limit"),
        (["articles", "--limit", "-1"], "--limit"),
        (["articles", "--limit", "many"], "--limit"),
        (["entities", "--limit", "0"], "--limit"),
        (["entities", "--limit", str(2**70)], "--limit"),
        (["search", "water", "--limit", "0"], "--limit"),
        (["quotes", "--since", "notadate"], "--since"),
        (["events", "--until", "2024-02-30"], "--until"),
        (["numbers", "--since", "2024-13"], "--since"),
        (["events", "--since", "2025", "--until", "2024"], "--since"),
        (["events", "--type", "picnic"], "--type"),
        (["numbers", "--category", "sheep"], "--category"),
        (["entities", "--label", "ANIMAL"], "--label"),
        (["quotes", "--kind", "shouted"], "--kind"),
        (["export", "--format", "xlsx"], "--format"),
        (["export", "--what", "everything"], "--what"),
        (["compare", "abcd", "--format", "pdf"], "--format"),
        (["analyze", "x", "--batch-size", "0"], "--batch-size"),
        (["analyze", "x", "--max-file-mb", "0"], "--max-file-mb"),
        (["analyze", "x", "--max-file-mb", "-5"], "--max-file-mb"),
        (["analyze", "x", "--max-file-mb", "nan"], "--max-file-mb"),
        (["serve", "--port", "0"], "--port"),
    ],
)
def test_safe_output_bad_option_values_are_usage_errors(
    db: Path, args: list[str], option: str
) -> None:
    result = cli(*args, "--db", db)
    assert result.exit_code == 2, result.output
    assert _error_line(result).startswith(f"Error: Invalid value for '{option}': ")


def test_safe_output_partial_dates_cover_their_period(db: Path) -> None:
    def events(*args: str) -> int:
        result = cli("events", "--db", db, *args)
        assert result.exit_code == 0, result.output
        return len(result.output.splitlines())

    everything = events()
    assert everything > 0
    assert events("--since", "2025", "--until", "2025") == everything
    assert events("--until", "2025-04") == everything
    assert events("--until", "2025-02") == 0
    assert events("--since", "2025-04") < everything
