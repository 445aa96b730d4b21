"""No input stops a batch: each hostile file below sits between two good ones in a
folder analyzed through the real API (real model, real SQLite file). The good files are
stored, the bad one is one error line naming the file and the cause, and a second run
adds nothing and does not crash."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import pytest

import rashomon
import rashomon.analyze
import rashomon.annotate
from rashomon.analyze import AnalyzeReport, Done
from rashomon.annotate import annotate, load_model, piece_bounds
from rashomon.errors import InputError
from rashomon.ingest.depth import MAX_JSON_DEPTH
from rashomon.options import DEFAULT_STAGES, Options
from rashomon.pipeline import Stage, register
from rashomon.records import Article, Document, article_id
from tests.articles import article_text

RASHOMON = Path(sys.executable).parent / "rashomon"
GOOD = ("a_first.txt", "z_last.txt")


def folder_with(tmp_path: Path, name: str | bytes, data: bytes) -> Path:
    """A folder holding a good article, the bad file, and another good article."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / GOOD[0]).write_text(article_text(1), encoding="utf-8")
    (folder / GOOD[1]).write_text(article_text(2), encoding="utf-8")
    # a name that is not UTF-8 is made as Python keeps it: bytes as lone surrogates
    (folder / (os.fsdecode(name) if isinstance(name, bytes) else name)).write_bytes(data)
    return folder


def stored_origins(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT origin FROM documents")}


def analyze_twice(
    folder: Path, db: Path, options: Options | None = None
) -> tuple[AnalyzeReport, AnalyzeReport]:
    """Two runs over ``folder``: the first stores, the second must add nothing."""
    with rashomon.open(db, options) as corpus:
        first = corpus.analyze([folder])
    with rashomon.open(db, options) as corpus:
        second = corpus.analyze([folder])
    for good in GOOD:
        assert str(folder / good) in stored_origins(db)
    assert second.documents == 0 and second.articles == 0
    assert second.corpus == first.corpus
    return first, second


def one_line(error: InputError, *, reason: str, origin: str, says: str) -> None:
    assert error.reason == reason
    assert error.origin == origin
    message = str(error)
    assert "\n" not in message and "\r" not in message
    assert message.startswith(f"{error.where}: ")
    assert says in message
    message.encode("utf-8")  # printable and storable: no lone surrogates


@pytest.mark.slow
def test_hostile_article_over_a_million_characters_is_annotated_in_pieces(
    tmp_path: Path,
) -> None:
    # paragraphs with a long link in each: over 1,000,000 characters (spaCy's max_length)
    # with few tokens, so the test stays quick
    paragraphs = [
        f"Residents of Basra queued for water on day {n}, officials said. The record is "
        f"at https://archive.example.org/{n}/{'1234' * 1200}."
        for n in range(215)
    ]
    text = "Water Runs Out in Basra Again\n\n" + "\n\n".join(paragraphs) + "\n"
    assert len(text) > 1_000_000
    folder = folder_with(tmp_path, "long.txt", text.encode())
    first, _ = analyze_twice(folder, tmp_path / "x.db")
    assert first.errors == () and first.articles == 3
    with rashomon.open(tmp_path / "x.db") as corpus:
        (article,) = [a for a in corpus.articles() if len(a.text) > 1_000_000]
        mentions = corpus.mentions(article_id=article.id)
        sentences = corpus.sentences(article.id)
    # spans are offsets into the whole article, also past the first million characters
    assert max(m.end for m in mentions) > 1_000_000
    assert all(article.text[m.start : m.end] == m.text for m in mentions)
    assert len(sentences) >= 2 * len(paragraphs)
    assert all(0 <= s.start < s.end <= len(article.text) for s in sentences)


def test_hostile_article_over_the_length_limit_is_refused_in_one_line(tmp_path: Path) -> None:
    long = "".join(
        f"Paragraph {n} of the report says the council met again.\n\n" for n in range(90)
    )
    folder = folder_with(tmp_path, "long.txt", long.encode())
    first, second = analyze_twice(folder, tmp_path / "x.db", Options(max_article_chars=2000))
    (error,) = first.errors
    one_line(
        error,
        reason="too-long",
        origin=str(folder / "long.txt"),
        says="over the limit of 2,000 for one article",
    )
    assert second.errors_by_reason == {"too-long": 1}


def test_hostile_undecodable_file_name_is_reported_and_the_file_read(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, b"bad\xffname.txt", article_text(3).encode())
    first, second = analyze_twice(folder, tmp_path / "x.db")
    shown = f"{folder}/bad\\xffname.txt"
    (error,) = first.errors
    one_line(error, reason="file-name", origin=shown, says="not valid UTF-8")
    assert first.articles == 3
    assert shown in stored_origins(tmp_path / "x.db")
    assert second.errors_by_reason == {"file-name": 1}


def test_hostile_file_name_with_a_newline_stays_one_line(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "two\nlines.txt", article_text(3).encode())
    first, _ = analyze_twice(folder, tmp_path / "x.db")
    (error,) = first.errors
    one_line(error, reason="file-name", origin=f"{folder}/two\\x0alines.txt", says="rename it")


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_hostile_deep_json_is_one_error_not_a_recursion_error(tmp_path: Path, name: str) -> None:
    depth = 100_000
    data = b"[" * depth + b"]" * depth
    folder = folder_with(tmp_path, name, data)
    first, second = analyze_twice(folder, tmp_path / "x.db")
    (error,) = first.errors
    line = 1 if name.endswith("jsonl") else None
    assert error.line == line
    one_line(
        error,
        reason="too-deep",
        origin=str(folder / name),
        says=f"nested more than {MAX_JSON_DEPTH} levels",
    )
    assert second.errors_by_reason == {"too-deep": 1}


def test_hostile_deep_jsonl_line_is_skipped_and_the_next_lines_read(tmp_path: Path) -> None:
    deep = '{"text": ' + "[" * 5000 + "]" * 5000 + "}"
    shallow = {"text": "[[[[" + article_text(4)}  # brackets inside a string are text
    lines = [json.dumps({"text": article_text(3)}), deep, json.dumps(shallow)]
    folder = folder_with(tmp_path, "feed.jsonl", "\n".join(lines).encode())
    first, _ = analyze_twice(folder, tmp_path / "x.db")
    (error,) = first.errors
    assert (error.reason, error.line) == ("too-deep", 2)
    assert first.articles == 4


@pytest.mark.parametrize(
    ("body", "stored"),
    [("", 2), (article_text(3), 3)],
    ids=["only-blank-lines", "article-then-blank-lines"],
)
def test_hostile_flood_of_blank_lines_is_handled_in_bounded_time(
    tmp_path: Path, body: str, stored: int
) -> None:
    folder = folder_with(tmp_path, "flood.txt", body.encode() + b"\n" * 2_000_000)
    started = time.perf_counter()
    first, _ = analyze_twice(folder, tmp_path / "x.db")
    assert time.perf_counter() - started < 60
    assert first.articles == stored
    if not body:
        (error,) = first.errors
        one_line(error, reason="empty", origin=str(folder / "flood.txt"), says="whitespace")


def test_hostile_nul_bytes_in_a_text_file_make_it_binary(tmp_path: Path) -> None:
    # past the first 8 KiB that binary sniffing reads
    data = (article_text(3) * 60).encode() + b"\x00\x00 and more text\n"
    folder = folder_with(tmp_path, "nul.txt", data)
    first, _ = analyze_twice(folder, tmp_path / "x.db")
    (error,) = first.errors
    one_line(error, reason="binary", origin=str(folder / "nul.txt"), says="a NUL character")


def test_hostile_nul_and_lone_surrogates_in_json_strings_are_never_stored(
    tmp_path: Path,
) -> None:
    text = article_text(3).replace("Monday", "Mon\\u0000day \\ud800")
    record = '{"text": "' + text.replace("\n", "\\n").replace('"', '\\"') + '"'
    record += ', "title": "Water\\u0000 \\udfff", "source": "Ledger\\u0000"}'
    folder = folder_with(tmp_path, "feed.jsonl", record.encode())
    first, _ = analyze_twice(folder, tmp_path / "x.db")
    assert first.errors == () and first.articles == 3
    with sqlite3.connect(tmp_path / "x.db") as conn:
        conn.text_factory = bytes
        for table, column in (("articles", "text"), ("articles", "title")):
            values = [r[0] for r in conn.execute(f"SELECT {column} FROM {table}") if r[0]]
            assert values and not any(b"\x00" in v for v in values)
            for value in values:
                value.decode("utf-8")  # valid UTF-8: no surrogates
        titles = {r[0].decode() for r in conn.execute("SELECT title FROM articles")}
    assert "Water \ufffd" in titles


def _explode_on_marker(article: object, doc: object, annotation: object) -> tuple[object, ...]:
    if "KABOOM" in getattr(article, "text", ""):
        raise ZeroDivisionError("a stage tripped over this article")
    return ()


FRAGILE = register(
    Stage(name="fragile", needs=frozenset(), adds="quantities", run=_explode_on_marker)
)


@pytest.mark.parametrize("batch_size", [1, 32])
def test_hostile_annotation_failure_loses_only_that_document(
    tmp_path: Path, batch_size: int
) -> None:
    options = Options(batch_size=batch_size, stages=(FRAGILE.name, *DEFAULT_STAGES))
    data = article_text(3).replace("Monday", "Monday KABOOM").encode()
    folder = folder_with(tmp_path, "m_bad.txt", data)
    for number in range(4, 7):
        (folder / f"b_{number}.txt").write_text(article_text(number), encoding="utf-8")
    first, second = analyze_twice(folder, tmp_path / "x.db", options)
    (error,) = first.errors
    one_line(
        error,
        reason="failed",
        origin=str(folder / "m_bad.txt"),
        says="annotating failed (ZeroDivisionError: a stage tripped over this article)",
    )
    assert "please report it" in str(error)
    assert first.articles == 5
    assert str(folder / "m_bad.txt") not in stored_origins(tmp_path / "x.db")
    assert second.errors_by_reason == {"failed": 1}


def test_hostile_cleaning_failure_is_one_error_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = rashomon.analyze.clean_document

    def fragile_clean(document: Document, options: Options) -> list[Article]:
        if "KABOOM" in document.text:
            raise RecursionError("maximum recursion depth exceeded")
        return clean(document, options)

    monkeypatch.setattr(rashomon.analyze, "clean_document", fragile_clean)
    folder = folder_with(tmp_path, "m_bad.txt", b"KABOOM " + article_text(3).encode())
    first, second = analyze_twice(folder, tmp_path / "x.db")
    (error,) = first.errors
    one_line(
        error,
        reason="failed",
        origin=str(folder / "m_bad.txt"),
        says="cleaning failed (RecursionError: maximum recursion depth exceeded)",
    )
    assert second.errors_by_reason == {"failed": 1}


@dataclass
class Recorder:
    totals: tuple[int, int] | None = None
    seen: list[Done] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)

    def start(self, files: int, input_bytes: int) -> None:
        self.totals = (files, input_bytes)

    def advance(self, done: Done) -> None:
        self.seen.append(done)

    def problem(self, error: InputError) -> None:
        self.problems.append(error)


def test_hostile_progress_counts_articles_and_bytes_not_just_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    feed = "".join(json.dumps({"text": article_text(n)}) + "\n" for n in range(7))
    (folder / "feed.jsonl").write_text(feed, encoding="utf-8")
    (folder / "one.txt").write_text(article_text(9), encoding="utf-8")
    (folder / "broken.json").write_text("[" * 500, encoding="utf-8")
    recorder = Recorder()
    with rashomon.open(tmp_path / "x.db", Options(batch_size=2)) as corpus:
        report = corpus.analyze([folder], progress=recorder)
    size = sum(p.stat().st_size for p in folder.iterdir())
    assert recorder.totals == (3, size)
    assert [e.reason for e in recorder.problems] == ["too-deep"]
    articles = [d.articles for d in recorder.seen]
    assert articles == sorted(articles) and articles[-1] == report.articles == 8
    assert len(set(articles)) > 3  # advanced batch by batch inside the JSONL file
    read = [d.input_bytes for d in recorder.seen]
    assert read == sorted(read) and read[-1] == size
    assert recorder.seen[-1].files == 3


@pytest.mark.slow
def test_cli_analyze_hostile_folder_reports_one_line_each_and_reruns(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, b"bad\xffname.txt", article_text(3).encode())
    (folder / "deep.json").write_bytes(b"[" * 100_000)
    (folder / "nul.txt").write_bytes((article_text(4) * 60).encode() + b"\x00")
    db = tmp_path / "x.db"

    def run() -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [RASHOMON, "analyze", folder, "--db", db, "--progress"],
            capture_output=True,
            timeout=300,
        )

    for attempt in range(2):
        result = run()
        assert result.returncode == 1, result.stderr
        assert b"Traceback" not in result.stderr
        problems = [
            line for line in result.stderr.replace(b"\r", b"\n").splitlines() if b"error:" in line
        ]
        assert len(problems) == 3, result.stderr
        assert b"errors: 3 (1 binary, 1 file-name, 1 too-deep)" in result.stdout
        stored = 3 if attempt == 0 else 0
        assert f"stored: {stored} documents".encode() in result.stdout
        assert f"5/5 files, {stored} articles stored".encode() in result.stderr
    assert f"{folder}/bad\\xffname.txt" in stored_origins(db)


@pytest.mark.parametrize(
    "text",
    [
        "".join(article_text(n).split("\n\n", 1)[1] + "\n\n" for n in range(40)),
        " ".join(f"Officials in Basra said on day {n} that the pumps failed." for n in range(300)),
        "x" * 7001,
    ],
    ids=["paragraphs", "one-line", "one-token"],
)
def test_annotate_long_text_in_pieces_keeps_spans_in_the_whole_text(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = Article(
        id=article_id(text),
        document_id="d",
        position=0,
        text=text,
        title=None,
        source=None,
        published=None,
        url=None,
        captions=(),
        language="en",
    )
    model = load_model(None)
    (whole,) = annotate([article], model, Options())
    monkeypatch.setattr(rashomon.annotate, "PIECE_CHARS", 3000)
    bounds = piece_bounds(text, 3000)
    assert len(bounds) > 2 and bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(0 < end - start <= 3000 for start, end in bounds)
    assert all(a[1] == b[0] for a, b in pairwise(bounds))
    (pieced,) = annotate([article], model, Options())
    for mention in pieced.mentions:
        assert text[mention.start : mention.end] == mention.text
    for sentence in pieced.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
    if " " not in text:
        return  # cut inside a word: not comparable with the whole parse
    # the same annotation, but for a few entities where a piece was cut
    same = {(m.start, m.end, m.label) for m in whole.mentions} & {
        (m.start, m.end, m.label) for m in pieced.mentions
    }
    assert len(same) >= 0.9 * len(whole.mentions)
