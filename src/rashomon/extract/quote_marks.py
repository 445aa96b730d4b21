"""Quotation marks: the stretches of an article between them, paired per paragraph (a
quotation left open runs on into the next paragraph when that one opens with a mark; a
quotation inside a quotation is part of it; single marks only where they face each
other, not in "don't" or "the '90s"). The first pass of ``extract.quotes``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quote_words import QuoteWords, quote_words

OPEN_PUNCT = "([{—–-―/:;,…"
CLOSE_PUNCT = ".,;:!?)]}—–-―…"


@dataclass(frozen=True, kw_only=True, slots=True)
class Quoted:
    """A stretch of text between quotation marks: ``start``/``end`` include the marks,
    ``inner_start``/``inner_end`` do not (nor a trailing comma)."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    single: bool
    closed: bool


def quoted_spans(text: str, words: QuoteWords | None = None) -> tuple[Quoted, ...]:
    """The quotations of a text, in order. Double marks pair within a paragraph (any
    double mark closes any other: writers mix them); a quotation left open at the end of
    a paragraph runs on when the next paragraph opens with a mark, and otherwise ends
    with its paragraph. A quotation inside a quotation is part of it (unless the marks
    leave one open: then an opening mark inside a quotation was stray). Curly single marks
    pair outside double quotations."""
    words = words or quote_words()
    marks = sorted((*words.double_marks, *words.single_marks), key=lambda m: -len(m))
    pattern = re.compile("|".join(re.escape(m) for m in marks))
    chars = "".join(sorted({c for m in marks for c in m}))
    found: list[Quoted] = []
    pending: tuple[int, int, int] | None = None  # start, inner start, end of its paragraph
    for paragraph in re.finditer(r"[^\n]+", text):
        p_start, p_end = paragraph.span()
        matches = list(pattern.finditer(text, p_start, p_end))
        doubles = [m for m in matches if m.group() in words.double_marks]
        pending_at: tuple[int, int, int] | None = None
        if pending is not None:
            if doubles and not text[p_start : doubles[0].start()].strip():
                pending_at, doubles = (pending[0], pending[1], 0), doubles[1:]
            else:
                found.append(_quoted(text, pending[0], pending[1], pending[2], None))
            pending = None
        paired, open_at = _pair(text, doubles, pending_at, words, chars, nested=True)
        if open_at is not None:  # left open: an opening mark inside was stray, not nested
            paired, open_at = _pair(text, doubles, pending_at, words, chars, nested=False)
        found.extend(paired)
        if open_at is not None:
            pending = (open_at[0], open_at[1], p_end)
        found.extend(_singles(text, matches, words, found, chars))
    if pending is not None:
        found.append(_quoted(text, pending[0], pending[1], pending[2], None))
    return tuple(sorted(found, key=lambda q: q.start))


def _pair(
    text: str,
    doubles: list[re.Match[str]],
    open_at: tuple[int, int, int] | None,
    words: QuoteWords,
    chars: str,
    nested: bool,
) -> tuple[list[Quoted], tuple[int, int, int] | None]:
    """Pair the double marks of a paragraph: the quotations closed in it, and the one
    left open (its opening mark, and how many quotations are open inside it). With
    ``nested``, an opening mark inside a quotation opens a quotation within it (``"They
    shouted "leave" and fired"``), which is part of the outer one; without, the earlier
    mark was stray."""
    found = []
    for m in doubles:
        opens, closes = _facing(text, m.start(), m.end(), chars)
        if open_at is None:
            if opens or (not closes and m.group() in words.opening_marks):
                open_at = (m.start(), m.end(), 0)
        elif closes or not opens:
            if open_at[2] > 0:
                open_at = (open_at[0], open_at[1], open_at[2] - 1)
            else:
                found.append(_quoted(text, open_at[0], open_at[1], m.start(), m.end()))
                open_at = None
        elif nested:
            open_at = (open_at[0], open_at[1], open_at[2] + 1)
        else:
            open_at = (m.start(), m.end(), 0)  # the earlier mark was stray
    return found, open_at


def _facing(text: str, start: int, end: int, marks: str) -> tuple[bool, bool]:
    """Whether a mark at text[start:end] can open, and can close, a quotation."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    opens = (before.isspace() or before in OPEN_PUNCT or before in marks) and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in CLOSE_PUNCT or after in marks)
    return opens, closes


def _singles(
    text: str, matches: list[re.Match[str]], words: QuoteWords, doubles: list[Quoted], chars: str
) -> list[Quoted]:
    out = []
    open_at: re.Match[str] | None = None
    for m in matches:
        if m.group() not in words.single_marks or any(q.start < m.start() < q.end for q in doubles):
            continue
        opens, closes = _facing(text, m.start(), m.end(), chars)
        after = text[m.end()] if m.end() < len(text) else " "
        if open_at is None:
            if opens and m.group() in words.opening_marks:
                open_at = m
        elif closes and not after.isalnum():  # not the apostrophe of "don’t"
            out.append(_quoted(text, open_at.start(), open_at.end(), m.start(), m.end(), True))
            open_at = None
    return out


def _quoted(
    text: str, start: int, inner: int, close: int, end: int | None, single: bool = False
) -> Quoted:
    """A quotation from its opening mark to its closing mark (``end`` None: unclosed,
    running to ``close``, the end of its paragraph)."""
    lo, hi = inner, close
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] == ","):
        hi -= 1
    return Quoted(
        start=start,
        end=hi if end is None else end,
        inner_start=lo,
        inner_end=hi,
        single=single,
        closed=end is not None,
    )
