"""Property tests: whatever bytes a file holds and whatever it is called, reading it
(``read_source``) and cleaning what was read (``clean_document``) end in Documents,
Articles or InputErrors, never another exception, and within a time bound. Inputs are
random bytes, text in broken or mixed encodings, giant lines, floods of blank lines and
deeply nested JSON."""

from __future__ import annotations

import gzip
import json
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.clean import clean_document
from rashomon.errors import InputError
from rashomon.ingest import InputSource, read_source
from rashomon.ingest.depth import MAX_JSON_DEPTH, too_deep
from rashomon.options import Options
from rashomon.records import Article, Document

SECONDS = 10  # for one input, on a busy machine; a linear pass takes well under one
OPTIONS = Options(max_file_bytes=4 * 1024 * 1024)
FUZZ = settings(
    max_examples=40,
    deadline=None,  # timed below, with a bound that a loaded machine does not trip
    database=None,  # no .hypothesis folder in the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SUFFIXES = ["", ".txt", ".html", ".json", ".jsonl", ".md", ".txt.gz", ".jsonl.gz"]
WORDS = ["The", "council", "met", "on", "Tuesday", "“We", "are", "ready,”", "said", "Peña."]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join)
BRACKETS = st.sampled_from(["[", "]", "{", "}", '"', "\\", ",", ":", "1", " ", '"a":', "\n"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Article-like text with hostile parts: control characters, blank-line floods,
    giant lines, many short lines, any Unicode."""
    parts = draw(
        st.lists(
            st.one_of(
                SENTENCE,
                st.text(max_size=200),
                st.sampled_from(["\n", "\n\n", "\r\n", "\x00", "\x0c", "\u2028", "\ufeff"]),
                st.builds(lambda n: "\n" * n, st.integers(1_000, 300_000)),
                st.builds(lambda s, n: s * n, SENTENCE, st.integers(100, 20_000)),
                st.builds(lambda s, n: (s + "\n") * n, SENTENCE, st.integers(100, 20_000)),
            ),
            max_size=12,
        )
    )
    return "".join(parts)


@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    """What a file may hold: random bytes, text in some encoding with bytes flipped,
    JSON records (fine, deep, broken), gzip of any of these."""
    kind = draw(st.sampled_from(["random", "text", "json", "jsonl", "nested"]))
    if kind == "random":
        data = draw(st.binary(max_size=20_000))
    elif kind == "text":
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
        data = draw(texts()).encode(encoding, errors="replace")
        flips = draw(st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), max_size=5))
        buffer = bytearray(data)
        for position, value in flips:
            if buffer:
                buffer[position % len(buffer)] = value
        data = bytes(buffer)
    elif kind == "json":
        data = json.dumps([{"text": draw(texts()), "title": draw(st.text(max_size=50))}]).encode()
    elif kind == "jsonl":
        records = draw(st.lists(st.dictionaries(st.sampled_from(["text", "title", "x"]), texts())))
        data = "\n".join(json.dumps(r) for r in records).encode("utf-8", "surrogatepass")
    else:
        depth = draw(st.integers(1, 50_000))
        data = ("[" * depth + '{"text": "x"}' + "]" * depth).encode()
        data += draw(st.lists(BRACKETS, max_size=200).map("".join)).encode()
    if draw(st.booleans()) and draw(st.booleans()):
        data = gzip.compress(data, compresslevel=1)
        if draw(st.booleans()):
            data = data[: len(data) // 2]
    return data


def read_and_clean(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        started = time.perf_counter()
        for item in read_source(InputSource(path=path), OPTIONS):
            assert isinstance(item, Document | InputError)
            if isinstance(item, InputError):
                assert "\n" not in str(item)
                continue
            try:
                articles = clean_document(item, OPTIONS)
            except InputError as error:
                assert "\n" not in str(error)
                continue
            for article in articles:
                assert isinstance(article, Article)
                assert "\x00" not in article.text
                article.text.encode("utf-8")  # storable: no lone surrogates
        assert time.perf_counter() - started < SECONDS


@FUZZ
@given(data=file_bytes(), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_ingest_any_file_is_documents_or_input_errors(data: bytes, suffix: str) -> None:
    read_and_clean(f"input{suffix}", data)


@FUZZ
@given(data=st.binary(max_size=5_000), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_ingest_random_bytes_never_raise(data: bytes, suffix: str) -> None:
    read_and_clean(f"input{suffix}", data)


@FUZZ
@given(text=texts(), media_type=st.sampled_from(["text/plain", "text/html"]))
def test_fuzz_clean_any_text_is_articles_or_an_input_error(text: str, media_type: str) -> None:
    if media_type == "text/html":
        text = text[:50_000]  # trafilatura's own time grows faster than the page
    document = Document(
        id="d", origin="o", media_type=media_type, text=text, encoding="utf-8", size=len(text)
    )
    started = time.perf_counter()
    try:
        articles = clean_document(document, OPTIONS)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert all("\x00" not in a.text for a in articles)
    assert time.perf_counter() - started < SECONDS


def reference_depth(data: bytes) -> int:
    """The deepest nesting of brackets outside strings, one byte at a time."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        char = chr(byte)
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


@settings(max_examples=300, database=None)
@given(st.lists(BRACKETS, max_size=400).map("".join), st.integers(0, 30))
def test_fuzz_json_depth_matches_a_byte_by_byte_scan(text: str, limit: int) -> None:
    data = text.encode()
    assert too_deep(data, limit) == (reference_depth(data) > limit)


@settings(max_examples=10, database=None, deadline=None)
@given(st.integers(MAX_JSON_DEPTH + 1, 200_000))
def test_fuzz_deep_json_is_refused_before_parsing(depth: int) -> None:
    data = b"[" * depth + b"]" * depth
    for suffix, line in ((".json", None), (".jsonl", 1)):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"deep{suffix}"
            path.write_bytes(data)
            (error,) = read_source(InputSource(path=path), OPTIONS)
            assert isinstance(error, InputError)
            assert (error.reason, error.line) == ("too-deep", line)
