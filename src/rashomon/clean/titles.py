"""Article titles: a page title without the outlet around it, and a title for an
article that came without one (its lede, shortened).

A page's ``<title>`` often carries the outlet and a section: ``Syria war: X | World news
| The Guardian``, ``Reuters - X``, ``X - apolut.net``. A part at either end that names
the outlet (its site name, the outlet table's names, the page's domain, or any domain)
goes; between pipes, short section labels around a long headline go too. A dash inside a
headline is kept unless what it sets off is an outlet.

The word lists and lengths live in ``[title]`` of ``data/cleaning.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..lexicons import read_data, word_list
from .outlets import outlet_key, outlet_table

_DOMAIN_LIKE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.I)
# a dateline opening a lede: "BEIRUT (Reuters) - ", "KIRKUK, Iraq — "
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][\w.'’ -]{1,30})?(?:\s*\([^()]{1,40}\))?\s*[-–—:]\s+"
)
# the end of a sentence: not after an initial, a title or a one-letter abbreviation
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bMrs)[.!?][”\"’']?\s+(?=[“\"‘'A-Z0-9])"
)
_SECTION_WORDS = 3
# a name part shorter than this matches an outlet only whole
_MIN_PARTIAL = 5


@dataclass(frozen=True, kw_only=True, slots=True)
class TitleLexicon:
    separators: tuple[str, ...]
    lede_max_chars: int
    lede_min_chars: int
    trailing_words: frozenset[str]
    clause_breaks: tuple[str, ...]


@cache
def title_lexicon() -> TitleLexicon:
    raw = tomllib.loads(read_data("cleaning.toml"))["title"]
    separators = raw["separators"]
    breaks = raw["clause_breaks"]
    for key, values in (("separators", separators), ("clause_breaks", breaks)):
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise ValueError(f"cleaning.toml: title.{key} must be a list of non-empty strings")
    return TitleLexicon(
        separators=tuple(separators),
        lede_max_chars=int(raw["lede_max_chars"]),
        lede_min_chars=int(raw["lede_min_chars"]),
        trailing_words=frozenset(word_list(raw["trailing_words"], "cleaning.toml: title")),
        clause_breaks=tuple(breaks),
    )


@cache
def _splitter() -> re.Pattern[str]:
    marks = "|".join(re.escape(s) for s in title_lexicon().separators)
    return re.compile(rf"\s+({marks})\s+")


def without_outlet(title: str, outlets: Iterable[str | None] = ()) -> str:
    """``title`` without the outlet (and section labels) a page puts around a headline.
    ``outlets`` are the names this page goes by (site name, domain), beside the table's."""
    pieces = _splitter().split(title)
    parts, marks = pieces[0::2], pieces[1::2]
    if len(parts) == 1:
        return title
    keys = {outlet_key(o) for o in outlets if o}
    for outlet in outlets:
        if outlet and _DOMAIN_LIKE.match(outlet):
            # a domain's names: its labels but the last (foren.myoos.de: foren, myoos)
            keys |= {outlet_key(label) for label in outlet.split(".")[:-1]}
    keys.discard("")
    start, end = 0, len(parts)
    while end - start > 1 and _names_outlet(parts[end - 1], keys):
        end -= 1
    while end - start > 1 and _names_outlet(parts[start], keys):
        start += 1
    stripped = end - start < len(parts)
    kept, kept_marks = parts[start:end], marks[start : end - 1]
    if len(kept) > 1 and all(m == "|" for m in kept_marks):
        # "Headline | Section": pipes set off labels; keep the headline when the rest are
        # short labels, or the last short part when nothing was recognised (the outlet)
        longest = max(kept, key=len)
        others = [p for p in kept if p is not longest]
        if all(len(p.split()) <= _SECTION_WORDS for p in others) and (
            stripped or len(longest.split()) > _SECTION_WORDS
        ):
            return longest
    return _joined(kept, kept_marks)


def _names_outlet(part: str, keys: set[str]) -> bool:
    key = outlet_key(part)
    if not key:
        return False
    if key in keys or key in outlet_table().by_key or _DOMAIN_LIKE.match(part.strip()):
        return True
    # a site name is often a longer or shorter form of the title's part ("Teufel Blog" in
    # "Das Lautsprecher Teufel Blog")
    if len(key) < _MIN_PARTIAL or not (part[0].isupper() or part[0].isdigit()):
        return False
    return any(len(k) >= _MIN_PARTIAL and (key in k or k in key) for k in keys)


def _joined(parts: list[str], marks: list[str]) -> str:
    out = parts[0]
    for mark, part in zip(marks, parts[1:], strict=True):
        out += f" {mark} {part}"
    return out


def lede_title(text: str) -> str | None:
    """A title for an article that has none: its first sentence, or when that is long, the
    sentence cut at a clause (or a word) with an ellipsis. Never ends on a function word."""
    lex = title_lexicon()
    paragraph = text.strip().split("\n", 1)[0].strip()
    paragraph = _DATELINE.sub("", paragraph, count=1)
    if not paragraph:
        return None
    sentence = _SENTENCE_END.split(paragraph, maxsplit=1)[0].strip()
    if len(sentence) <= lex.lede_max_chars:
        return sentence.rstrip(".") or None
    head = sentence[: lex.lede_max_chars + 1]
    cut = max(
        (head.rfind(mark) for mark in lex.clause_breaks if head.rfind(mark) >= lex.lede_min_chars),
        default=-1,
    )
    if cut < 0:
        cut = head.rfind(" ")
    if cut < lex.lede_min_chars:
        cut = lex.lede_max_chars
    words = sentence[:cut].split()
    while len(words) > 1 and words[-1].casefold().strip(",;:“”\"'‘’") in lex.trailing_words:
        words.pop()
    short = " ".join(words).rstrip(",;:—–- ")
    if short.count("“") > short.count("”"):
        opened = short.rfind("“")
        short = short[:opened].rstrip(",;:—–- ") if opened >= lex.lede_min_chars else short
        short = short.replace("“", "")
    return f"{short}…"
