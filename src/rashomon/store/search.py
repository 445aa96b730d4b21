"""Full-text search (SQLite FTS5): articles by title, text and outlet, quotes by their
text and speaker, best match (bm25) first.

The indexes are schema migration 4: external-content FTS5 tables kept current by
triggers on ``articles`` and ``quotes``. Queries are read the way people type them::

    fuel depot          both words, anywhere (plain words are ANDed)
    "fuel depot"        the phrase
    drone*              a word starting with "drone" ("drone", "drones")
    drone OR missile    either (AND, OR, NOT between two terms work as in FTS5)

Every other character is text, not syntax: each word is quoted before FTS5 sees it
(``Al-Jubouri`` is the phrase "al jubouri", ``title:drone`` the phrase "title drone"),
an unclosed quote runs to the end, and a stray operator is dropped. A query with no
word left raises ``OptionsError``.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ..errors import OptionsError, StoreError

SearchWhat = Literal["all", "articles", "quotes"]
HitKind = Literal["article", "quote"]
WHATS: tuple[SearchWhat, ...] = ("all", "articles", "quotes")

HOW = 'write words (all must occur), "a phrase" in double quotes, or a prefix like drone*'

_ELLIPSIS = "…"
_WORDS_BEFORE, _WORDS_AFTER = 8, 16  # around the first match, in an excerpt
_PIECE = re.compile(r'"([^"]*)"?(\*?)|([^\s"]+)')
_WORD = re.compile(r"[^\W_]")  # what the unicode61 tokenizer keeps: letters and digits
_OPERATORS = frozenset({"AND", "OR", "NOT"})
Pieces = tuple[tuple[str, bool], ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class SearchHit:
    """One match. For an article, ``start``/``end`` is the first match in the article
    text (None when only the title or outlet matched); for a quote, the quote's span,
    so ``article.text[start:end]`` is the quote. ``snippet`` is a short excerpt as
    ``(text, is_match)`` pieces, for the caller to escape and mark up; ``rank`` is
    bm25 as FTS5 gives it: lower is better."""

    kind: HitKind
    article_id: str
    start: int | None
    end: int | None
    title: str | None
    source: str | None
    published: date | None
    speaker: str | None
    snippet: tuple[tuple[str, bool], ...]
    rank: float

    def marked(self, before: str = "[[", after: str = "]]") -> str:
        """The snippet as one string with the matches between ``before`` and ``after``."""
        return "".join(f"{before}{text}{after}" if match else text for text, match in self.snippet)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "speaker": self.speaker,
            "snippet": [{"text": text, "match": match} for text, match in self.snippet],
            "rank": self.rank,
        }


def require_fts5(db: sqlite3.Connection, path: Path) -> None:
    """Raise StoreError unless this SQLite has the FTS5 extension the store needs."""
    try:
        db.execute("SELECT fts5_source_id()")
    except sqlite3.OperationalError as exc:
        raise StoreError(
            f"{path}: the SQLite library this Python uses ({sqlite3.sqlite_version}) has no "
            "FTS5 full-text extension, which the corpus needs for search; use a Python whose "
            "sqlite3 module is built with FTS5 (python.org and most Linux distributions are)"
        ) from exc


def match_expression(query: str) -> str:
    """The FTS5 MATCH expression for a query as a user types it (see the module doc)."""
    items: list[str] = []
    for piece in _PIECE.finditer(query):
        phrase, star, word = piece.groups()
        if word is not None:
            if word in _OPERATORS:
                items.append(word)
                continue
            phrase, star = word.rstrip("*"), "*" if word.endswith("*") else ""
        if _WORD.search(phrase):
            items.append(f'"{phrase}"{star}')
    terms: list[str] = []
    for number, item in enumerate(items):
        if item in _OPERATORS:
            following = items[number + 1] if number + 1 < len(items) else None
            if not terms or terms[-1] in _OPERATORS or following in (None, *_OPERATORS):
                continue  # a stray operator: at the start, the end, or next to another
        terms.append(item)
    if not terms:
        raise OptionsError(f"nothing to search for in {query!r}: {HOW}")
    return " ".join(terms)


def search(
    db: sqlite3.Connection,
    query: str,
    *,
    what: SearchWhat = "all",
    source: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[SearchHit]:
    """Articles and/or quotes matching ``query``, best first; ``source`` keeps one
    outlet's. With ``what="all"`` the two ranked lists alternate, article first."""
    if what not in WHATS:
        raise OptionsError(f"cannot search {what!r}; choose one of: {', '.join(WHATS)}")
    if limit < 1 or offset < 0:
        raise OptionsError(f"limit must be 1 or more and offset 0 or more, not {limit}, {offset}")
    expression = match_expression(query)
    params = {"match": expression, "source": source, "n": limit + offset}
    try:
        # bm25 scores of two indexes are not on one scale (a short quote outscores the
        # article that holds it): the lists are interleaved by place, article first.
        ranked: list[tuple[int, int, float, HitKind, int]] = []
        if what in ("all", "articles"):
            rows = db.execute(_ARTICLE_RANKS.format(_source_clause(source)), params)
            ranked += [(n, 0, row[1], "article", row[0]) for n, row in enumerate(rows)]
        if what in ("all", "quotes"):
            rows = db.execute(_QUOTE_RANKS.format(_source_clause(source)), params)
            ranked += [(n, 1, row[1], "quote", row[0]) for n, row in enumerate(rows)]
        ranked.sort()
        return [
            _article_hit(db, expression, key, rank)
            if kind == "article"
            else _quote_hit(db, expression, key, rank)
            for _, _, rank, kind, key in ranked[offset : offset + limit]
        ]
    except sqlite3.OperationalError as exc:
        if re.search(r"fts5|syntax|unterminated|no such column", str(exc)):
            raise OptionsError(f"cannot search for {query!r} ({exc}): {HOW}") from exc
        raise StoreError(f"cannot search the corpus: {exc}") from exc


def _source_clause(source: str | None) -> str:
    return " AND a.source = :source COLLATE NOCASE" if source else ""


_ARTICLE_RANKS = """
    SELECT article_search.rowid, bm25(article_search, 2.0, 1.0, 1.0) AS score
    FROM article_search
    JOIN article_search_ids k ON k.id = article_search.rowid
    JOIN articles a ON a.id = k.article_id
    WHERE article_search MATCH :match{}
    ORDER BY score, a.id LIMIT :n
"""

_QUOTE_RANKS = """
    SELECT quote_search.rowid, bm25(quote_search, 1.0, 1.0) AS score
    FROM quote_search
    JOIN quote_search_ids k ON k.id = quote_search.rowid
    JOIN articles a ON a.id = k.article_id
    WHERE quote_search MATCH :match{}
    ORDER BY score, k.article_id, k.start LIMIT :n
"""


def _article_hit(db: sqlite3.Connection, expression: str, key: int, rank: float) -> SearchHit:
    row = db.execute(
        "SELECT a.id, a.title, a.source, a.published, a.text FROM article_search_ids k"
        " JOIN articles a ON a.id = k.article_id WHERE k.id = ?",
        (key,),
    ).fetchone()
    pattern = _pattern(expression)
    text = _highlight(row[4], pattern)
    start, end = _first_match(text, row[4])
    if start is None:  # only the title or the outlet matched: show that
        text = next(
            (
                p
                for p in (_highlight(row[1], pattern), _highlight(row[2], pattern))
                if _has_match(p)
            ),
            text,
        )
    return SearchHit(
        kind="article",
        article_id=row[0],
        start=start,
        end=end,
        title=row[1],
        source=row[2],
        published=date.fromisoformat(row[3]) if row[3] else None,
        speaker=None,
        snippet=_excerpt(text),
        rank=rank,
    )


def _quote_hit(db: sqlite3.Connection, expression: str, key: int, rank: float) -> SearchHit:
    row = db.execute(
        'SELECT q.article_id, q.start, q."end", q.speaker, a.title, a.source, a.published,'
        " q.text FROM quote_search_ids k"
        " JOIN quotes q ON q.article_id = k.article_id AND q.start = k.start"
        ' AND q."end" = k."end"'
        " JOIN articles a ON a.id = q.article_id WHERE k.id = ?",
        (key,),
    ).fetchone()
    return SearchHit(
        kind="quote",
        article_id=row[0],
        start=row[1],
        end=row[2],
        title=row[4],
        source=row[5],
        published=date.fromisoformat(row[6]) if row[6] else None,
        speaker=row[3],
        snippet=_excerpt(
            _highlight(row[7], _pattern(expression)),
            before=_WORDS_BEFORE * 2,
            after=_WORDS_AFTER * 2,
        ),
        rank=rank,
    )


def _pattern(expression: str) -> re.Pattern[str] | None:
    """A regular expression finding, in folded text, what the MATCH ``expression`` matches:
    each quoted phrase as its words in order with anything but letters and digits between
    them, the last word open-ended for a prefix query. (Highlighting with FTS5's
    ``highlight()`` runs the whole query again for each hit, which for a broad prefix
    costs milliseconds per hit.)"""
    alternatives = []
    for phrase, star in re.findall(r'"([^"]*)"(\*?)', expression):
        words = [w for w in re.split(r"[\W_]+", _fold(phrase)) if w]
        if not words:
            continue
        body = r"[\W_]+".join(re.escape(w) for w in words)
        end = r"[^\W_]*" if star else r"(?![^\W_])"
        alternatives.append(rf"(?<![^\W_]){body}{end}")
    return re.compile("|".join(alternatives)) if alternatives else None


def _fold(text: str) -> str:
    """Lower case without diacritics, one character for one (offsets stay valid), the way
    the ``unicode61 remove_diacritics 2`` tokenizer compares words."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        kept = "".join(c for c in base if not unicodedata.combining(c)) or ch
        out.append(kept[0].lower()[0])
    return "".join(out)


def _highlight(text: str | None, pattern: re.Pattern[str] | None) -> Pieces:
    """``text`` as (text, is_match) pieces."""
    if not text:
        return ()
    if pattern is None:
        return ((text, False),)
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(_fold(text)):
        if match.start() == match.end():
            continue
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((text[match.start() : match.end()], True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return tuple(pieces)


def _has_match(pieces: Pieces) -> bool:
    return any(match for _, match in pieces)


def _first_match(pieces: Pieces, text: str) -> tuple[int | None, int | None]:
    """The span in ``text`` of the first match in ``pieces`` (``text`` highlighted), or
    (None, None) when the text has no match or holds a mark character itself."""
    if "".join(part for part, _ in pieces) != text:
        return None, None
    position = 0
    for part, match in pieces:
        if match:
            return position, position + len(part)
        position += len(part)
    return None, None


def _excerpt(pieces: Pieces, *, before: int = _WORDS_BEFORE, after: int = _WORDS_AFTER) -> Pieces:
    """Some words before and after the first match (the first words when there is none),
    widened so that no match is cut, with an ellipsis where text was left out. Unlike
    FTS5's ``snippet()``, this never splits a phrase match and always shows the match
    the hit's span points to."""
    text = "".join(part for part, _ in pieces)
    spans, position = [], 0
    for part, match in pieces:
        spans.append((position, position + len(part), match))
        position += len(part)
    first = next(((s, e) for s, e, match in spans if match), (0, 0))
    words = [(w.start(), w.end()) for w in re.finditer(r"\S+", text)]
    opening = next((n for n, w in enumerate(words) if w[1] > first[0]), len(words))
    closing = max((n for n, w in enumerate(words) if w[0] < first[1]), default=-1)
    low = words[opening - before][0] if opening - before > 0 else 0
    high = words[closing + after][1] if closing + after < len(words) - 1 else len(text)
    for s, e, match in spans:
        if match and s < low < e:
            low = s
        if match and s < high < e:
            high = e
    excerpt = [(text[max(s, low) : min(e, high)], m) for s, e, m in spans if s < high and e > low]
    if low > 0:
        excerpt.insert(0, (_ELLIPSIS, False))
    if high < len(text):
        excerpt.append((_ELLIPSIS, False))
    return tuple(excerpt)
