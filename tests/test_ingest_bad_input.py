"""Bad inputs: each is reported as one InputError (a reason code, the file, the line for
JSONL, a one-line message that says the cause) and the good files beside it are still
read. Every sample is written here, into the test's own temporary folder."""

from __future__ import annotations

import gzip
import os
import random
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from rashomon.clean import clean_document
from rashomon.errors import InputError
from rashomon.ingest import iter_documents
from rashomon.options import MiB, Options
from rashomon.records import Document

RASHOMON = Path(sys.executable).parent / "rashomon"

GOOD_TEXT = (
    "Harbour board approves night ferry\n"
    "\n"
    "The Ellery Bay harbour board voted on Tuesday to add a late-night ferry to Gull "
    "Island from next month, after nurses and dock staff said the last boat left too early.\n"
)

ARTICLE = """Island ferry returns after three-week repair

GULL ISLAND — The passenger ferry linking Gull Island with the mainland port of Ellery \
Bay returned to service on Monday, three weeks after a cracked propeller shaft forced \
the operator to withdraw it during a winter storm.

Harbour master Tobias Wren said the vessel, the 42-metre Marigold, completed two sea \
trials over the weekend and was cleared by inspectors on Sunday evening. About 600 \
islanders, many of them students and hospital staff, had relied on a small water taxi \
that could carry only twelve people at a time.

The regional council has promised to review its contract with the operator, Coastline \
Ferries, before it expires in September. Councillor Ada Brennan said residents deserved \
a backup vessel. “One broken shaft should not cut an island off for most of a month,” \
she said. The operator did not reply to a request for comment.
"""

NAV_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sections | Northport Ledger</title></head>
<body><nav><ul>
<li><a href="/news">News</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/culture">Culture</a></li><li><a href="/login">Sign in</a></li>
</ul></nav></body></html>
"""


def noise(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def read_all(*paths: Path | str) -> tuple[list[Document], list[InputError]]:
    documents: list[Document] = []
    errors: list[InputError] = []
    for item in iter_documents(paths, Options()):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            documents.append(item)
    return documents, errors


def with_good_file(tmp_path: Path, bad: Path) -> tuple[list[Document], list[InputError]]:
    """Read ``bad`` then a good file in one batch; the good one must still come through."""
    good = tmp_path / "zz-good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    documents, errors = read_all(bad, good)
    assert str(good) in [d.origin for d in documents]
    return documents, errors


def check_error(
    error: InputError, *, reason: str, origin: Path | str, says: str, line: int | None = None
) -> None:
    assert isinstance(error, InputError)
    assert error.reason == reason
    assert error.origin == str(origin)
    assert error.line == line
    message = str(error)
    assert "\n" not in message and "\r" not in message
    where = f"{origin}:{line}" if line is not None else str(origin)
    assert message.startswith(f"{where}: ")
    assert says in message.lower()


def half_gzip(data: bytes) -> bytes:
    blob = gzip.compress(data)
    return blob[: len(blob) // 2]


NUMBERED = "".join(f"Line {n}: the council met again to discuss the budget.\n" for n in range(2000))
CURLY = "“We are ready,” said the mayor’s spokesman on Monday. " * 20

WHOLE_FILE_CASES = [
    ("image.png", b"\x89PNG\r\n\x1a\n" + noise(4000), "binary", "png image"),
    ("notes.txt", b"Council minutes\x00\x00\x01\x00" * 40, "binary", "binary"),
    ("feed.jsonl", b"\x89PNG\r\n\x1a\n" + noise(20000), "binary", "png image"),
    ("empty.txt", b"", "empty", "empty file"),
    ("blank.txt", b"   \n\t\n\r\n    \n", "empty", "whitespace"),
    ("story.txt.gz", gzip.compress(b""), "empty", "empty after decompressing"),
    ("zero.gz", b"", "empty", "empty file"),
    ("story.txt.gz", half_gzip(NUMBERED.encode()), "truncated", "truncated gzip"),
    ("story.html.gz", b"\x1f\x8b\x08\x00" + noise(3000), "corrupt", "corrupt gzip"),
    (
        "quotes.txt",
        CURLY.encode()[:300] + b"\xff\xfe" + CURLY.encode()[300:600] + b"\xc3(" + CURLY.encode(),
        "encoding",
        "invalid utf-8",
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "reason", "says"),
    WHOLE_FILE_CASES,
    ids=[
        "png",
        "nul-bytes",
        "binary-named-jsonl",
        "empty",
        "whitespace",
        "empty-gz",
        "zero-byte-gz",
        "truncated-gz",
        "corrupt-gz",
        "invalid-utf8",
    ],
)
def test_ingest_bad_file_is_one_error(
    tmp_path: Path, name: str, data: bytes, reason: str, says: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    documents, errors = with_good_file(tmp_path, bad)
    assert len(errors) == 1
    check_error(errors[0], reason=reason, origin=bad, says=says)
    assert [d.origin for d in documents] == [str(tmp_path / "zz-good.txt")]


def test_ingest_truncated_jsonl_gz_yields_lines_before_the_cut(tmp_path: Path) -> None:
    lines = "".join(
        f'{{"text": "Record {n} on the harbour budget, {noise(30, n).hex()}"}}\n'
        for n in range(1, 401)
    )
    bad = tmp_path / "feed.jsonl.gz"
    bad.write_bytes(half_gzip(lines.encode()))
    documents, errors = with_good_file(tmp_path, bad)
    records = [d for d in documents if d.origin == str(bad)]
    assert 0 < len(records) < 400
    assert [d.line for d in records] == list(range(1, len(records) + 1))
    assert records[-1].text.startswith(f"Record {len(records)} ")
    (error,) = errors
    check_error(error, reason="truncated", origin=bad, says="truncated gzip")
    assert f"after line {len(records)}" in str(error)


def test_ingest_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    bad = tmp_path / "quotes.txt"
    bad.write_bytes(CURLY.encode()[:300] + b"\xff" + CURLY.encode()[300:])
    _, (error,) = with_good_file(tmp_path, bad)
    check_error(error, reason="encoding", origin=bad, says="re-save it as utf-8")
    assert "0xff at offset 300" in str(error)


@pytest.mark.parametrize(
    "text",
    [
        "“We are ready,” said José Peña, the mayor’s spokesman, at the café on Monday – over "
        "crème brûlée.\n",
        "“We are ready,” said José Peña, the mayor’s spokesman, outside the café on Monday – "
        "before the crème brûlée contest. The council meets again next week to discuss the "
        "budget for the new library.\n",
    ],
    ids=["short", "long"],
)
def test_ingest_legacy_cp1252_file_is_decoded_not_refused(tmp_path: Path, text: str) -> None:
    text *= 3
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(text.encode("cp1252"))
    documents, errors = with_good_file(tmp_path, legacy)
    assert errors == []
    (document,) = [d for d in documents if d.origin == str(legacy)]
    assert document.text == text
    assert document.encoding in ("cp1252", "windows-1252")
    for word in ("“We are ready,”", "José", "Peña", "mayor’s", "crème", "–"):
        assert word in document.text


def test_ingest_broken_symlink_is_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "story.txt").write_text(GOOD_TEXT, encoding="utf-8")
    for paths in ([folder], [folder / "dangling.txt", folder / "story.txt"]):
        documents, (error,) = read_all(*paths)
        check_error(
            error, reason="unreadable", origin=folder / "dangling.txt", says="broken symbolic link"
        )
        assert [d.origin for d in documents] == [str(folder / "story.txt")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_ingest_file_without_read_permission_is_unreadable(tmp_path: Path) -> None:
    bad = tmp_path / "locked.txt"
    bad.write_text(GOOD_TEXT, encoding="utf-8")
    bad.chmod(0)
    try:
        _, (error,) = with_good_file(tmp_path, bad)
    finally:
        bad.chmod(0o644)
    check_error(error, reason="unreadable", origin=bad, says="permission denied")


def test_ingest_missing_path_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "story.txt"
    _, (error,) = with_good_file(tmp_path, missing)
    check_error(error, reason="unreadable", origin=missing, says="no such file")


@pytest.mark.parametrize(
    ("bad_line", "says"),
    [
        ('{"text": "The ferry sailed at noon', "malformed json line"),
        ('{"title": "Ferry sails", "url": "https://ledger.example/ferry"}', "no non-empty"),
        ('["Ferry sails", "at noon"]', "expected a json object, got list"),
        ('"Ferry sails at noon"', "expected a json object, got str"),
    ],
    ids=["malformed", "no-text-field", "list", "string"],
)
def test_ingest_bad_jsonl_line_is_skipped_with_its_line_number(
    tmp_path: Path, bad_line: str, says: str
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"text": "The ferry to Gull Island sailed again on Monday.", "title": "Ferry"}\n'
        f"{bad_line}\n"
        "\n"
        '{"html": "<p>The harbour board met on Tuesday.</p>", "source": "Ledger"}\n',
        encoding="utf-8",
    )
    documents, (error,) = with_good_file(tmp_path, feed)
    check_error(error, reason="malformed", origin=feed, line=2, says=says)
    assert [(d.line, d.media_type) for d in documents if d.origin == str(feed)] == [
        (1, "text/plain"),
        (4, "text/html"),
    ]


def test_ingest_missing_field_error_lists_the_fields_present(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"headline": "Ferry sails", "link": "https://x.example"}\n', "utf-8")
    _, (error,) = with_good_file(tmp_path, feed)
    check_error(error, reason="malformed", origin=feed, line=1, says="'text' or 'html'")
    assert "fields present: headline, link" in str(error)


def test_clean_html_without_article_is_not_an_article(tmp_path: Path) -> None:
    page = tmp_path / "sections.html"
    page.write_text(NAV_PAGE, encoding="utf-8")
    documents, errors = with_good_file(tmp_path, page)
    assert errors == []
    nav, good = documents
    assert nav.media_type == "text/html"
    with pytest.raises(InputError) as caught:
        clean_document(nav, Options())
    check_error(caught.value, reason="not-an-article", origin=page, says="no article text")
    (article,) = clean_document(good, Options())
    assert article.title == "Harbour board approves night ferry"


def test_ingest_100_mb_text_file_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "dump.txt"
    line = b"The council met again on Tuesday to discuss the harbour budget.\n"
    chunk = (line * (MiB // len(line) + 1))[:MiB]
    with big.open("wb") as out:
        for _ in range(100):
            out.write(chunk)
    assert big.stat().st_size == 100 * MiB
    tracemalloc.start()
    try:
        documents, errors = with_good_file(tmp_path, big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (error,) = errors
    check_error(error, reason="too-large", origin=big, says="32 mib limit")
    assert peak < 40 * 1000 * 1000
    assert len(documents) == 1


@pytest.mark.slow
def test_cli_analyze_reports_each_bad_file_once_and_stores_the_good_one(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + noise(2000))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "feed.jsonl").write_text('{"text": "The ferry sailed at noon\n', "utf-8")
    db = tmp_path / "x.db"

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(RASHOMON), "analyze", str(folder), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=300,
        )

    first = run()
    assert first.returncode == 1, first.stderr
    problems = first.stderr.splitlines()
    assert len(problems) == 3, first.stderr
    assert all(p.startswith("error: ") for p in problems)
    for name in ("photo.png", "empty.txt", "feed.jsonl"):
        assert sum(str(folder / name) in p for p in problems) == 1, (name, problems)
    assert "stored: 1 documents, 1 articles" in first.stdout
    assert "errors: 3 (1 binary, 1 empty, 1 malformed)" in first.stdout
    assert f"corpus {db}: 1 documents, 1 articles" in first.stdout

    second = run()
    assert second.returncode == 1
    assert len(second.stderr.splitlines()) == 3
    assert "stored: 0 documents" in second.stdout
    assert "skipped: 1 duplicate documents" in second.stdout
    assert f"corpus {db}: 1 documents, 1 articles" in second.stdout
