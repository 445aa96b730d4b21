"""Scraped text dumps -> article parts.

A page dump holds more than an article: the headline repeated, photo captions (often
twice, glued to the text), logo marks and share buttons on lines of their own, a
trailer naming the outlet, and sometimes a second, unrelated article appended. The
cleaner decides from evidence, not from known strings:

- *repetition*: a headline-shaped line that comes back a few lines later opens an
  article (page dumps print the headline over the photo and again over the text);
  any line already kept in the body is not kept again;
- *line shape*: headline-shaped lines are short, start with a capital and do not end
  like a sentence; captions end with a photo credit in parentheses; logo marks are
  tiny tokens without lower-case letters;
- *position*: a headline followed by captions after body text has started opens a new
  article; a first line followed by a blank line is the title; a closing
  ``Source : X`` line names the outlet.

The word lists (credits, furniture, trailer labels) live in ``data/cleaning.toml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..lexicons import CleaningLexicon, cleaning
from .published import date_span

# invisible characters, and NUL (never stored: SQLite text and most tools end a string there)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\x00"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CLOSING_PAREN = re.compile(r"\(([^()]{1,100})\)\s*$")
_SENTENCE_END = ".!?\"'”’)…:;"
_REPEAT_WINDOW = 12


@dataclass(frozen=True, kw_only=True, slots=True)
class DumpArticle:
    """The parts of one article found in a dump (not yet an ``Article``)."""

    title: str | None
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    source: str | None
    header_lines: tuple[str, ...]


@dataclass(kw_only=True, slots=True)
class _Builder:
    """One article as it is read. A paragraph is kept as its lines (joined at the end):
    growing one string line by line would copy it again for every line."""

    title: str | None = None
    paragraphs: list[list[str]] = field(default_factory=list)
    captions: dict[str, None] = field(default_factory=dict)
    source: str | None = None
    header_lines: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    joinable: bool = False

    def add_line(self, line: str, *, after_blank: bool) -> None:
        key = line.casefold()
        if key in self.seen:
            self.joinable = False
            return
        self.seen.add(key)
        if self.joinable and not after_blank and _continues(self.paragraphs[-1][-1], line):
            self.paragraphs[-1].append(line)
        else:
            self.paragraphs.append([line])
        self.joinable = True

    def add_header(self, line: str, lex: CleaningLexicon) -> None:
        self.header_lines.append(line)
        if self.source is None:
            self.source = header_outlet(line, lex)

    def add_caption(self, line: str) -> None:
        self.captions[line] = None

    def build(self) -> DumpArticle:
        return DumpArticle(
            title=self.title,
            paragraphs=tuple(" ".join(lines) for lines in self.paragraphs),
            captions=tuple(self.captions),
            source=self.source,
            header_lines=tuple(self.header_lines),
        )


def normalize_line(line: str) -> str:
    """NFC, no invisible characters, single spaces, stripped."""
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    return _SPACES.sub(" ", line).strip()


def split_dump(text: str, lexicon: CleaningLexicon | None = None) -> list[DumpArticle]:
    """Split a text dump into articles and sort each one's lines into title, body
    paragraphs, captions, header lines and outlet."""
    lex = lexicon or cleaning()
    lines = [normalize_line(line) for line in text.splitlines()]
    content = [i for i, line in enumerate(lines) if line]
    articles: list[DumpArticle] = []
    current = _Builder()
    position = 0
    while position < len(content):
        index = content[position]
        line = lines[index]
        if _opens_article(lines, content, position, current, lex):
            if current.paragraphs:
                articles.append(current.build())
                current = _Builder()
            current.title = line
            current.seen.add(line.casefold())
            position += 1
            while position < len(content):
                follower = lines[content[position]]
                if follower.casefold() == line.casefold():
                    pass
                elif is_caption(follower, lex):
                    current.add_caption(follower)
                elif is_noise(follower, lex):
                    pass
                elif is_header_line(follower, lex):
                    current.add_header(follower, lex)
                else:
                    break
                position += 1
            continue
        outlet = trailer_outlet(line, lex)
        if outlet is not None:
            current.source = outlet
        elif is_caption(line, lex):
            current.add_caption(line)
        elif is_noise(line, lex):
            pass
        elif is_header_line(line, lex) and not current.paragraphs:
            current.add_header(line, lex)
        else:
            after_blank = index == 0 or not lines[index - 1]
            current.add_line(line, after_blank=after_blank)
        position += 1
    if current.paragraphs:
        articles.append(current.build())
    elif articles and current.source and not articles[-1].source:
        # a trailer after the last body line belongs to the article before it
        last = articles[-1]
        articles[-1] = DumpArticle(
            title=last.title,
            paragraphs=last.paragraphs,
            captions=last.captions,
            source=current.source,
            header_lines=last.header_lines,
        )
    return articles


def _opens_article(
    lines: list[str], content: list[int], position: int, current: _Builder, lex: CleaningLexicon
) -> bool:
    """Whether the line at ``content[position]`` is a headline that opens an article."""
    line = lines[content[position]]
    if not is_headline_shaped(line, lex):
        return False
    following = [lines[i] for i in content[position + 1 : position + 1 + _REPEAT_WINDOW]]
    repeated = any(other.casefold() == line.casefold() for other in following)
    captioned = bool(following) and is_caption(following[0], lex)
    if not current.paragraphs and current.title is None:
        if repeated or captioned:
            return True
        # the first line of the file, set off by a blank line or followed by a byline
        # or a dated line, is a title
        index = content[position]
        next_blank = index + 1 < len(lines) and not lines[index + 1]
        header_next = bool(following) and is_header_line(following[0], lex)
        return position == 0 and bool(following) and (next_blank or header_next)
    if not current.paragraphs:
        return False
    # after body text: a new headline repeated over its photo, or set off by a gap
    # and followed by captions, starts the next article
    index = content[position]
    gap = index >= 2 and not lines[index - 1] and not lines[index - 2]
    return repeated or (captioned and gap)


def is_headline_shaped(line: str, lex: CleaningLexicon) -> bool:
    if len(line) > 200:
        return False
    words = line.split()
    if not 2 <= len(words) <= 25:
        return False
    if line[-1] in ".,;:" or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"):
        return False
    return (
        not is_caption(line, lex) and not is_noise(line, lex) and trailer_outlet(line, lex) is None
    )


def is_caption(line: str, lex: CleaningLexicon) -> bool:
    if len(line) > lex.max_caption_chars:
        return False
    lowered = line.casefold()
    if lowered.startswith(lex.caption_prefixes):
        return True
    match = _CLOSING_PAREN.search(line)
    if not match:
        return False
    for part in re.split(r"[:;,/|]|\bvia\b", match.group(1).casefold()):
        part = part.strip(" .-–—")
        if not part:
            continue
        if part in lex.caption_credits or part.split()[0] in lex.caption_credits:
            return True
    return False


def is_noise(line: str, lex: CleaningLexicon) -> bool:
    stripped = line.strip(" :|•·-–—>»«*#")
    if not stripped:
        return True
    if stripped.casefold() in lex.noise_lines:
        return True
    return len(stripped) <= lex.max_mark_chars and not any(
        c.islower() or c.isdigit() for c in stripped
    )


def is_header_line(line: str, lex: CleaningLexicon) -> bool:
    """A byline or a short dated line (``Published 4 March 2025``, ``Outlet — Monday,
    5 May 2025``): metadata, not body, when it comes before the body."""
    return _byline_outlet(line, lex) is not None or _dated_line_rest(line, lex) is not None


def header_outlet(line: str, lex: CleaningLexicon) -> str | None:
    """The outlet a header line names, if any (``By X, <outlet>``; ``<outlet> — <date>``)."""
    byline = _byline_outlet(line, lex)
    if byline is not None:
        return byline or None
    rest = _dated_line_rest(line, lex)
    return _outlet_name(rest) if rest else None


def _byline_outlet(line: str, lex: CleaningLexicon) -> str | None:
    """'' for a byline without an outlet, the outlet for ``By X, Outlet``, None otherwise."""
    lowered = line.casefold()
    prefix = next((p for p in lex.byline_prefixes if lowered.startswith(p + " ")), None)
    if prefix is None or len(line.split()) > lex.byline_max_words or line.endswith("."):
        return None
    rest = line[len(prefix) :].strip()
    if not rest or not rest[0].isupper():
        return None
    _, comma, after = rest.rpartition(",")
    return (_outlet_name(after) or "") if comma else ""


def _dated_line_rest(line: str, lex: CleaningLexicon) -> str | None:
    """For a short line carrying a full date, what is left around the date and the
    publication label; None when the line is not one."""
    if len(line) > 80:
        return None
    span = date_span(line)
    if span is None:
        return None
    rest = f"{line[: span[0]]} {line[span[1] :]}"
    words = [
        w
        for w in re.split(r"[\s,|·—–-]+", rest)
        if w
        and w.casefold().strip(".:") not in lex.weekdays
        and w.casefold().strip(".:") not in lex.published_labels
        and not re.fullmatch(r"\d{1,2}[:.]\d{2}|gmt|utc|[ap]\.?m\.?|at|on", w.casefold())
    ]
    if len(words) > 6:
        return None
    return " ".join(words)


def _outlet_name(text: str) -> str | None:
    name = text.strip(" .,;:—–-|")
    words = name.split()
    if not 1 <= len(words) <= 6 or not all(
        w[0].isupper() or w[0].isdigit() or (w.islower() and len(w) <= 3) for w in words
    ):
        return None
    return name if words[0][0].isupper() else None


def trailer_outlet(line: str, lex: CleaningLexicon) -> str | None:
    """``X`` for a ``Source : X`` or ``© 2025 X. All rights reserved.`` line, else None."""
    lowered = line.casefold()
    mark = next((m for m in lex.copyright_marks if lowered.startswith(m)), None)
    if mark is not None:
        rest = re.sub(r"^\s*\d{4}(?:\s*[-–]\s*\d{4})?", "", line[len(mark) :])
        rest = re.split(r"\.\s|all rights reserved", rest, maxsplit=1, flags=re.I)[0]
        return _outlet_name(rest)
    label, sep, rest = line.partition(":")
    if not sep:
        return None
    outlet = rest.strip(" .")
    if label.strip().casefold() not in lex.trailer_labels:
        return None
    if not outlet or len(outlet) > lex.max_outlet_chars or len(outlet.split()) > 8:
        return None
    return outlet


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` continues a hard-wrapped paragraph."""
    return previous[-1] not in _SENTENCE_END and (line[0].islower() or line[0].isdigit())
