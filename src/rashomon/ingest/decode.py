"""Bytes to text: refuse binary data, detect the encoding, never guess silently.

UTF-8 is tried first (with or without a byte-order mark); a file that is mostly valid
UTF-8 with some broken bytes is refused (it is corrupt or mixes encodings, and any guess
would garble names); a file with no UTF-8 multi-byte sequences at all is a legacy
single-byte encoding (cp1252, latin-1, ...) and is detected with charset-normalizer,
preferring the charset an HTML page declares.

A NUL character anywhere in the text makes the file binary, as one in its first bytes
does: text is never stored with NULs (SQLite and most tools end a string there).
"""

from __future__ import annotations

import codecs
import re
from typing import Any

import charset_normalizer

from ..errors import InputError
from ..lexicons import binary_signatures, legacy_encodings

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_SNIFF = 8192


def binary_format(data: bytes) -> str | None:
    """What binary format ``data`` looks like, or None when it may be text."""
    head = data[:_SNIFF]
    for signature, name in binary_signatures():
        if head.startswith(signature):
            return name
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in head or len(_CONTROL.findall(head)) > max(8, len(head) // 20):
        return "binary data"
    return None


def declared_charset(html: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(html[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(
    data: bytes, origin: str, *, line: int | None = None, declared: str | None = None
) -> tuple[str, str]:
    """Decode ``data``; return (text, encoding name) or raise InputError."""
    what = binary_format(data)
    if what is not None:
        raise binary_error(origin, what, line)
    text, encoding = _decode(data, origin, line, declared)
    nul = text.find("\x00")
    if nul >= 0:
        raise binary_error(origin, f"a NUL character at offset {nul} of the text", line)
    return text, encoding


def _decode(data: bytes, origin: str, line: int | None, declared: str | None) -> tuple[str, str]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise encoding_error(origin, line, exc, encoding) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        valid = len(_UTF8_MULTIBYTE.findall(data))
        invalid = data.decode("utf-8", errors="replace").count("\ufffd")
        if valid >= invalid:
            raise encoding_error(origin, line, exc, "utf-8") from exc
        first_error = exc
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    candidates = legacy_encodings()
    matches = charset_normalizer.from_bytes(data, cp_isolation=list(candidates))
    best = matches.best()
    if best is None or best.encoding is None:
        raise encoding_error(origin, line, first_error, "any known encoding")
    # Equally plausible decodings come back in table order (cp1250 before cp1252, which
    # would turn "Peña" into "Peńa"): among ties, take the most preferred candidate.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]

    def rank(match: Any) -> int:
        names = [codecs.lookup(n).name for n in match.could_be_from_charset]
        ranks = [i for i, c in enumerate(candidates) if codecs.lookup(c).name in names]
        return min(ranks, default=len(candidates))

    chosen = min(tied, key=rank)
    preferred = rank(chosen)
    encoding = candidates[preferred] if preferred < len(candidates) else str(chosen.encoding)
    return str(chosen), encoding


def binary_error(origin: str, what: str, line: int | None = None) -> InputError:
    return InputError(
        origin,
        "binary",
        f"binary file ({what}); Rashomon reads text, HTML and JSONL files, or .gz of them",
        line=line,
    )


def encoding_error(
    origin: str, line: int | None, exc: UnicodeDecodeError, encoding: str
) -> InputError:
    byte = exc.object[exc.start : exc.start + 1].hex()
    return InputError(
        origin,
        "encoding",
        f"invalid {encoding} (byte 0x{byte} at offset {exc.start}): the file is corrupt or "
        "mixes encodings; re-save it as UTF-8",
        line=line,
    )
