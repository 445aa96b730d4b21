"""Good inputs in every accepted shape: plain text, HTML, JSONL, JSON, .gz of them,
standard input and folder walks; the Documents they give and the Articles cleaned from
them. Every sample is written here, into the test's own temporary folder."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from rashomon.clean import clean_document
from rashomon.errors import InputError
from rashomon.ingest import iter_documents
from rashomon.options import Options
from rashomon.records import Article, Document

TITLE = "Council approves night ferry to Gull Island"
ARTICLE_TEXT = f"""{TITLE}

The Ellery Bay council voted seven to two on Tuesday to fund a late-night ferry to Gull \
Island, answering months of complaints from nurses and dock workers whose shifts end \
after the last boat.

The service will run on weekdays from June, councillor Ada Brennan said. “People should \
not have to sleep at work because the timetable was written in 1987,” she told the meeting.
"""

CAPTION = "Passengers wait at the Ellery Bay pier before the last evening sailing."
SITE = "The Northport Ledger"
HTML_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Storm floods Ellery Bay | {SITE}</title>
<meta property="og:site_name" content="{SITE}">
<meta property="og:title" content="Storm floods the harbour town of Ellery Bay">
<meta property="article:published_time" content="2024-03-14T08:30:00+00:00">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Storm floods the harbour town of Ellery Bay</h1>
<p class="byline">By Mara Quill</p>
<figure><img src="/img/pier.jpg" alt=""><figcaption>{CAPTION}</figcaption></figure>
<p>A late-winter storm pushed seawater into the streets of Ellery Bay on Thursday night,
forcing about 300 residents from their homes, town officials said.</p>
<p>The harbour master, Tobias Wren, said the surge peaked shortly after midnight, nearly a
metre above the spring tide mark. “We have not seen water this high since the sea wall was
built,” he told reporters.</p>
<p>The regional council has opened two shelters and promised an inspection of the sea wall
before the end of the month. Schools will stay closed on Friday.</p>
</article>
<footer>© 2024 {SITE}. All rights reserved.</footer>
</body>
</html>
"""

RECORDS: list[dict[str, Any]] = [
    {
        "text": "The Gull Island ferry resumed service on Monday after three weeks of repairs "
        "to its propeller shaft, the operator Coastline Ferries said.",
        "title": "Island ferry back in service",
        "url": "https://ledger.example/2024/04/08/ferry",
        "source": SITE,
        "published": "2024-04-08T09:15:00Z",
    },
    {
        "html": HTML_PAGE,
        "title": "Storm floods the harbour town of Ellery Bay",
        "url": "https://coastwatch.example/flood",
        "source": "Coast Watch",
        "published": "2024-03-15",
    },
]


def read_all(*paths: Path | str) -> list[Document]:
    """The Documents under ``paths``; any InputError fails the test."""
    items = list(iter_documents(paths, Options()))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert errors == []
    return [i for i in items if isinstance(i, Document)]


def only_article(document: Document) -> Article:
    (article,) = clean_document(document, Options())
    return article


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def jsonl(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def check_html_article(article: Article) -> None:
    """What the page in HTML_PAGE cleans to, whatever the page arrived in."""
    assert article.text.startswith("A late-winter storm pushed seawater")
    assert "Schools will stay closed on Friday." in article.text
    assert CAPTION in article.captions
    assert CAPTION not in article.text
    for furniture in ("Home", "Sport", "All rights reserved", "By Mara Quill"):
        assert furniture not in article.text
    assert article.language == "en"


def test_ingest_text_file_is_one_plain_document(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    data = ARTICLE_TEXT.encode("utf-8")
    path.write_bytes(data)
    (document,) = read_all(path)
    assert document.origin == str(path)
    assert document.media_type == "text/plain"
    assert (document.text, document.encoding, document.size) == (ARTICLE_TEXT, "utf-8", len(data))
    assert document.line is None
    assert document.id == sha256(data)
    assert document.fields.title is None and document.fields.source is None
    article = only_article(document)
    assert article.title == TITLE
    assert article.text.startswith("The Ellery Bay council voted")
    assert TITLE not in article.text
    assert article.document_id == document.id


def test_ingest_html_page_cleans_to_title_source_date_and_captions(tmp_path: Path) -> None:
    path = tmp_path / "storm.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    (document,) = read_all(path)
    assert document.media_type == "text/html"
    assert document.text == HTML_PAGE
    article = only_article(document)
    assert article.title == "Storm floods the harbour town of Ellery Bay"
    assert article.source == SITE
    assert article.published is not None
    assert article.published.date == date(2024, 3, 14)
    check_html_article(article)


def test_ingest_html_declared_legacy_charset_is_used(tmp_path: Path) -> None:
    page = HTML_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Mara Quill", "José Peña"
    )
    path = tmp_path / "storm.htm"
    path.write_bytes(page.encode("cp1252"))
    (document,) = read_all(path)
    assert document.encoding == "cp1252"
    assert document.text == page


def test_ingest_jsonl_records_carry_fields_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = jsonl(RECORDS).splitlines(keepends=True)
    path.write_text(lines[0] + "\n   \n" + lines[1], encoding="utf-8")
    text_doc, html_doc = read_all(path)
    assert (text_doc.line, html_doc.line) == (1, 4)
    assert (text_doc.where, html_doc.where) == (f"{path}:1", f"{path}:4")
    assert text_doc.media_type == "text/plain"
    assert html_doc.media_type == "text/html"
    assert text_doc.text == RECORDS[0]["text"]
    assert text_doc.fields.title == "Island ferry back in service"
    assert text_doc.fields.source == SITE
    assert text_doc.fields.url == "https://ledger.example/2024/04/08/ferry"
    assert text_doc.fields.published == "2024-04-08T09:15:00Z"
    assert text_doc.id == sha256(lines[0].strip().encode("utf-8"))

    article = only_article(text_doc)
    assert (article.title, article.source) == ("Island ferry back in service", SITE)
    assert article.url == "https://ledger.example/2024/04/08/ferry"
    assert article.published is not None
    assert article.published.date == date(2024, 4, 8)
    assert article.published.evidence == "feed field"

    # the record's own fields win over the page's metadata
    article = only_article(html_doc)
    assert article.title == "Storm floods the harbour town of Ellery Bay"
    assert article.source == "Coast Watch"
    assert article.url == "https://coastwatch.example/flood"
    assert article.published is not None
    assert article.published.date == date(2024, 3, 15)
    assert article.published.evidence == "feed field"
    check_html_article(article)


def test_clean_html_record_with_own_title_drops_page_headline(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl([{**RECORDS[1], "title": "Flood forces 300 from homes"}]), "utf-8")
    (document,) = read_all(path)
    article = only_article(document)
    assert article.title == "Flood forces 300 from homes"
    check_html_article(article)


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"maintext": "Body.", "headline": "H", "source_domain": "ledger.example"}, "maintext"),
        ({"body": "Body.", "title": "H", "outlet": "ledger.example", "date": 1712566500}, "body"),
    ],
    ids=["news-please", "numeric-date"],
)
def test_ingest_jsonl_accepts_other_field_names(
    tmp_path: Path, record: dict[str, Any], field: str
) -> None:
    path = tmp_path / "crawl.ndjson"
    path.write_text(jsonl([record]), encoding="utf-8")
    (document,) = read_all(path)
    assert document.text == record[field]
    assert (document.fields.title, document.fields.source) == ("H", "ledger.example")
    if "date" in record:
        assert document.fields.published == "1712566500"


def test_ingest_json_list_gives_one_document_per_object(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(RECORDS, indent=2), encoding="utf-8")
    text_doc, html_doc = read_all(path)
    assert (text_doc.line, html_doc.line) == (1, 2)
    assert (text_doc.media_type, html_doc.media_type) == ("text/plain", "text/html")
    assert text_doc.fields.title == "Island ferry back in service"
    assert html_doc.fields.source == "Coast Watch"
    assert only_article(text_doc).source == SITE

    single = tmp_path / "one.json"
    single.write_text(json.dumps(RECORDS[0]), encoding="utf-8")
    (document,) = read_all(single)
    assert document.text == text_doc.text
    assert document.id == text_doc.id


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("ferry.txt", ARTICLE_TEXT, "text/plain"),
        ("storm.html", HTML_PAGE, "text/html"),
    ],
    ids=["txt", "html"],
)
def test_ingest_gzip_file_reads_like_the_plain_one(
    tmp_path: Path, name: str, content: str, media_type: str
) -> None:
    data = content.encode("utf-8")
    plain = tmp_path / name
    plain.write_bytes(data)
    packed = tmp_path / f"{name}.gz"
    packed.write_bytes(gzip.compress(data))
    (from_plain,) = read_all(plain)
    (from_gz,) = read_all(packed)
    assert from_gz.origin == str(packed)
    assert from_gz.media_type == from_plain.media_type == media_type
    assert (from_gz.text, from_gz.size, from_gz.id) == (content, len(data), sha256(data))
    assert from_gz.id == from_plain.id
    assert only_article(from_gz) == only_article(from_plain)


def test_ingest_jsonl_gz_streams_records(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(RECORDS).encode("utf-8")))
    documents = read_all(path)
    assert [(d.line, d.media_type) for d in documents] == [(1, "text/plain"), (2, "text/html")]


@pytest.mark.parametrize(
    ("data", "media_type", "lines"),
    [
        (ARTICLE_TEXT.encode("utf-8"), "text/plain", [None]),
        (HTML_PAGE.encode("utf-8"), "text/html", [None]),
        (gzip.compress(HTML_PAGE.encode("utf-8")), "text/html", [None]),
        (jsonl(RECORDS).encode("utf-8"), "text/plain", [1, 2]),
    ],
    ids=["text", "html", "html-gz", "jsonl"],
)
def test_ingest_stdin_is_read_and_sniffed(
    monkeypatch: pytest.MonkeyPatch, data: bytes, media_type: str, lines: list[int | None]
) -> None:
    stdin = SimpleNamespace(buffer=io.BufferedReader(io.BytesIO(data)))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdin", stdin)
    documents = read_all("-")
    assert [d.line for d in documents] == lines
    assert all(d.origin == "<stdin>" for d in documents)
    assert documents[0].media_type == media_type


def test_ingest_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    (root / "b-world" / "deep").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "a.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (root / "b-world" / "storm.html").write_text(HTML_PAGE, encoding="utf-8")
    (root / "b-world" / "deep" / "feed.jsonl").write_text(jsonl(RECORDS), encoding="utf-8")
    (root / "c.md.gz").write_bytes(gzip.compress(b"# Notes\n\nThe pier reopened on Friday."))
    (root / ".draft.txt").write_text("A hidden draft, not for reading.", encoding="utf-8")
    (root / ".cache" / "old.txt").write_text("Hidden folder content.", encoding="utf-8")
    wheres = [d.where for d in read_all(root)]
    assert wheres == [
        str(root / "a.txt"),
        f"{root / 'b-world' / 'deep' / 'feed.jsonl'}:1",
        f"{root / 'b-world' / 'deep' / 'feed.jsonl'}:2",
        str(root / "b-world" / "storm.html"),
        str(root / "c.md.gz"),
    ]
    # a hidden file named explicitly is read
    (hidden,) = read_all(root / ".draft.txt")
    assert hidden.text == "A hidden draft, not for reading."


def test_ingest_symlink_loop_ends_and_reads_each_file_once(tmp_path: Path) -> None:
    root = tmp_path / "loop"
    (root / "sub").mkdir(parents=True)
    (root / "one.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (root / "sub" / "two.html").write_text(HTML_PAGE, encoding="utf-8")
    (root / "again").symlink_to(root, target_is_directory=True)
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    documents = read_all(root, root / "again")
    assert sorted(d.origin for d in documents) == [
        str(root / "one.txt"),
        str(root / "sub" / "two.html"),
    ]


def test_ingest_same_bytes_same_id_different_bytes_different_id(tmp_path: Path) -> None:
    for name in ("first.txt", "copy.txt"):
        (tmp_path / name).write_text(ARTICLE_TEXT, encoding="utf-8")
    (tmp_path / "edited.txt").write_text(ARTICLE_TEXT.replace("seven", "eight"), "utf-8")
    copy, edited, first = read_all(tmp_path)
    assert first.id == copy.id != edited.id
    assert only_article(first).id == only_article(copy).id


def test_ingest_utf8_with_bom_and_utf16_are_decoded(tmp_path: Path) -> None:
    text = "“Peña’s ferry” sails at dawn – José Brûlé reports.\n" * 3
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16"))
    bom, wide = read_all(tmp_path)
    assert (bom.text, bom.encoding) == (text, "utf-8-sig")
    assert (wide.text, wide.encoding) == (text, "utf-16")
