"""How deeply JSON nests, found without parsing it.

``json.loads`` recurses once per level and fails with a RecursionError (or, with a raised
recursion limit, crashes the interpreter) on input like ``[[[[...]]]]``; the JSON of a
news feed nests a few levels. ``too_deep`` scans the brackets outside strings, in time
linear in the input and with C-speed loops, so that such input is refused before it is
parsed.
"""

from __future__ import annotations

import re
from array import array
from itertools import accumulate

# Nesting beyond this is refused: a feed record is an object in a list, a few levels.
MAX_JSON_DEPTH = 100

# A JSON string, or an unterminated one running to the end (which always matches, so
# no position is scanned twice).
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
# an opening bracket counts +1, a closing one -1 (0xff as a signed byte)
_STEPS = bytes.maketrans(b"[]{}", b"\x01\xff\x01\xff")


def too_deep(data: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays and objects in ``data`` nest more than ``limit`` levels."""
    if data.count(b"[") + data.count(b"{") <= limit:
        return False  # the common case: too few brackets to nest that deep at all
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    if len(brackets) <= limit:
        return False
    steps = array("b", brackets.translate(_STEPS))
    return max(accumulate(steps)) > limit
