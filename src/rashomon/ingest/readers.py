"""Read one input source into Documents: plain text, HTML, JSONL / JSON records, and
gzip-compressed versions of each. Memory stays bounded: whole-file formats are read up
to ``Options.max_file_bytes`` and refused beyond it; JSONL is streamed line by line.

JSON nested deeper than ``depth.MAX_JSON_DEPTH`` is refused before it is parsed. The
strings taken from a JSON record lose any NUL (``\\u0000``) and have lone surrogates
(``\\ud800`` escapes without their pair) replaced by U+FFFD, so that what is stored is
valid text; NUL bytes in a text or HTML file make it binary (``decode``)."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import re
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, cast

from ..errors import InputError
from ..lexicons import feed_fields
from ..options import Options
from ..records import Document, FeedFields, content_hash
from .decode import binary_error, binary_format, declared_charset, decode, encoding_error
from .depth import MAX_JSON_DEPTH, too_deep
from .paths import InputSource

Kind = Literal["text", "html", "jsonl", "json"]

_EXTENSIONS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".json": "json",
}
_GZIP_MAGIC = b"\x1f\x8b"
# what a JSON string may hold that cannot be stored as text: NUL and lone surrogates
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
_FIELDS_SHOWN = 20
_CHUNK = 1 << 20


def read_source(source: InputSource, options: Options) -> Iterator[Document | InputError]:
    """Yield the Documents in one source, and an InputError for each part that is bad.

    A bad line of a JSONL file is reported and the following lines are still read.
    """
    origin = source.origin
    try:
        raw = (
            cast(io.BufferedReader, sys.stdin.buffer)
            if source.path is None
            else source.path.open("rb")
        )
    except OSError as exc:
        yield InputError(origin, "unreadable", f"cannot read: {exc.strerror or exc}")
        return
    try:
        yield from _read_stream(raw, source, options)
    except OSError as exc:
        yield InputError(origin, "unreadable", f"cannot read: {exc.strerror or exc}")
    finally:
        if source.path is not None:
            raw.close()


def _read_stream(
    buffered: io.BufferedReader, source: InputSource, options: Options
) -> Iterator[Document | InputError]:
    origin = source.origin
    head = buffered.peek(2)[:2]
    if not head:
        yield InputError(origin, "empty", "empty file")
        return
    name = source.path.name.lower() if source.path else ""
    stream: io.BufferedReader | gzip.GzipFile = buffered
    compressed = head == _GZIP_MAGIC
    if compressed:
        stream = gzip.GzipFile(fileobj=buffered, mode="rb")
        name = name.removesuffix(".gz")
    try:
        sniffed = _peek(stream)
        kind = _kind(name, sniffed)
        if kind == "jsonl":
            # refused whole here: read line by line, a binary file gives an error per "line"
            what = binary_format(sniffed)
            if what is not None:
                yield binary_error(origin, what)
                return
            yield from _read_jsonl(stream, origin, options)
            return
        data = stream.read(options.max_file_bytes + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield _gzip_error(origin, exc)
        return
    if len(data) > options.max_file_bytes:
        limit = options.max_file_bytes // (1024 * 1024)
        yield InputError(
            origin,
            "too-large",
            f"file is larger than the {limit} MiB limit for one text/HTML file; split it "
            "into one file per article, convert it to JSONL, or raise --max-file-mb",
        )
        return
    if not data.strip():
        what = "empty after decompressing" if compressed else "empty file (only whitespace)"
        yield InputError(origin, "empty", what)
        return
    if kind == "json":
        yield from _read_json(data, origin)
        return
    try:
        declared = declared_charset(data) if kind == "html" else None
        text, encoding = decode(data, origin, declared=declared)
    except InputError as exc:
        yield exc
        return
    yield Document(
        id=content_hash(data),
        origin=origin,
        media_type="text/html" if kind == "html" else "text/plain",
        text=text,
        encoding=encoding,
        size=len(data),
    )


def _peek(stream: io.BufferedReader | gzip.GzipFile) -> bytes:
    return stream.peek(512)[:512]


def _kind(name: str, head: bytes) -> Kind:
    for suffix, kind in _EXTENSIONS.items():
        if name.endswith(suffix):
            return kind
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) or (
        start.startswith(b"<") and b"<html" in head.lower()
    ):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def _gzip_error(origin: str, exc: Exception) -> InputError:
    if isinstance(exc, EOFError):
        return InputError(
            origin,
            "truncated",
            "truncated gzip: the compressed data ends early (an interrupted download or "
            "copy?); fetch the file again",
        )
    return InputError(origin, "corrupt", f"corrupt gzip data ({exc}); fetch the file again")


def _read_jsonl(
    stream: io.BufferedReader | gzip.GzipFile, origin: str, options: Options
) -> Iterator[Document | InputError]:
    number = records = 0
    limit = options.max_file_bytes
    try:
        while True:
            line = stream.readline(limit + 1)
            if not line:
                break
            number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                    pass
                yield InputError(
                    origin,
                    "too-large",
                    f"line is longer than the {limit // (1024 * 1024)} MiB limit; skipped",
                    line=number,
                )
                continue
            stripped = line.strip()
            if not stripped:
                continue
            records += 1
            try:
                yield _record_document(stripped, origin, number)
            except InputError as exc:
                yield exc
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        error = _gzip_error(origin, exc)
        error.message += f" (after line {number})"
        yield error
        return
    if records == 0:
        yield InputError(origin, "empty", "no records: the file holds only blank lines")


def _read_json(data: bytes, origin: str) -> Iterator[Document | InputError]:
    if too_deep(data):
        yield _too_deep(origin, None)
        return
    try:
        parsed = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield InputError(
            origin, "malformed", f"malformed JSON ({exc}); expected an object or a list of objects"
        )
        return
    except ValueError as exc:  # a number longer than Python reads (4300 digits)
        yield _unreadable_value(origin, None, exc)
        return
    items = parsed if isinstance(parsed, list) else [parsed]
    for number, item in enumerate(items, start=1):
        # the record's bytes, for its id: lone surrogates kept as they were written
        encoded = json.dumps(item, sort_keys=True, ensure_ascii=False).encode(
            "utf-8", "surrogatepass"
        )
        try:
            yield _record_from_object(item, encoded, origin, number)
        except InputError as exc:
            yield exc


def _record_document(line: bytes, origin: str, number: int) -> Document:
    try:
        text = line.decode("utf-8-sig" if line.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        raise encoding_error(origin, number, exc, "UTF-8 (JSONL must be UTF-8)") from exc
    if too_deep(line):
        raise _too_deep(origin, number)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            origin,
            "malformed",
            f"malformed JSON line ({exc.msg} at column {exc.colno}); skipped",
            line=number,
        ) from exc
    except ValueError as exc:  # a number longer than Python reads (4300 digits)
        raise _unreadable_value(origin, number, exc) from exc
    return _record_from_object(obj, line, origin, number)


def _too_deep(origin: str, line: int | None) -> InputError:
    return InputError(
        origin,
        "too-deep",
        f"JSON nested more than {MAX_JSON_DEPTH} levels deep; a news record is an object "
        "of fields (in a list, or one per line): this is not a feed of articles",
        line=line,
    )


def _unreadable_value(origin: str, line: int | None, exc: ValueError) -> InputError:
    said = str(exc).split(":", 1)[0]
    return InputError(
        origin, "malformed", f"JSON holds a value that cannot be read ({said})", line=line
    )


def _record_from_object(obj: Any, raw: bytes, origin: str, number: int) -> Document:
    if not isinstance(obj, dict):
        raise InputError(
            origin, "malformed", f"expected a JSON object, got {type(obj).__name__}", line=number
        )
    names = feed_fields()
    text = _first_string(obj, names.text)
    html = _first_string(obj, names.html)
    if text is None and html is None:
        wanted = " or ".join(repr(n) for n in (*names.text[:1], *names.html[:1]))
        raise InputError(
            origin,
            "malformed",
            f"record has no non-empty {wanted} field (fields present: {_field_names(obj)})",
            line=number,
        )
    fields = FeedFields(
        title=_first_string(obj, names.title),
        url=_first_string(obj, names.url),
        source=_first_string(obj, names.source),
        published=_first_string(obj, names.published),
    )
    body = text if text is not None else html
    assert body is not None
    return Document(
        id=content_hash(raw),
        origin=origin,
        line=number,
        media_type="text/plain" if text is not None else "text/html",
        text=body,
        encoding="utf-8",
        size=len(raw),
        fields=fields,
    )


def _field_names(obj: dict[str, Any]) -> str:
    """The record's field names for a message: a few, each on one line."""
    names = [_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", k[:40]) for k in sorted(obj)]
    more = len(names) - _FIELDS_SHOWN
    shown = ", ".join(names[:_FIELDS_SHOWN]) or "none"
    return f"{shown} and {more} more" if more > 0 else shown


def _storable(value: str) -> str:
    """``value`` without NUL, and with lone surrogates as U+FFFD (SQLite takes neither)."""
    return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)


def _first_string(obj: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = obj.get(name)
        if isinstance(value, str):
            value = _storable(value)
        if isinstance(value, str) and value.strip():
            return value
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and name in ("published", "date")
        ):
            return str(value)
    return None


def read_bytes(data: bytes, origin: str, options: Options) -> Iterator[Document | InputError]:
    """The Documents in one file's bytes (read elsewhere, e.g. by Spark), exactly as
    ``read_source`` reads the file; ``origin`` names it (its path)."""
    name = origin.rsplit("/", 1)[-1]
    source = InputSource(path=Path(name))  # named only: the bytes are already read
    buffered = cast(io.BufferedReader, io.BufferedReader(cast(io.RawIOBase, io.BytesIO(data))))
    for item in _read_stream(buffered, source, options):
        if isinstance(item, InputError):
            yield InputError(origin, item.reason, item.message, line=item.line)
        else:
            yield dataclasses.replace(item, origin=origin)
