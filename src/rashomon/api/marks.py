"""Marked text for the web UI: an article's text cut into ``Piece`` tokens (open a span,
a run of text, close it) so that the template owns the markup and the text is only ever
escaped; sentence and fact marks; anchors; safe links.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal
from urllib.parse import urlsplit

from ..compare.story import FLAGS
from ..corpus import Corpus
from ..figures import amount
from ..records import Annotation, Event, Sentence

SENTENCE_FLAGS = frozenset(FLAGS)
CLASS_WORD = re.compile(r"[^a-z0-9]+")


def anchor(article_id: str, start: int) -> str:
    """The id of a sentence's element, on the story page and on the article page."""
    return f"s-{article_id}-{start}"


def event_kind(event: Event) -> str:
    return f"{event.plover_type}/{event.plover_mode}" if event.plover_mode else event.plover_type


def css_word(value: str) -> str:
    """A label or type as a class-name part (letters and digits only)."""
    return CLASS_WORD.sub("-", value.casefold()).strip("-")


# -- marked text -------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Mark:
    """A span to mark in a text; a lower ``depth`` is the outer element where two meet."""

    start: int
    end: int
    depth: int
    classes: str
    title: str = ""
    anchor: str = ""
    href: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Piece:
    """One token of marked text for the template: open an element (a link when it has an
    ``href``), a run of text (always escaped by the template), or close the last element
    opened."""

    kind: Literal["open", "text", "close"]
    text: str = ""
    classes: str = ""
    title: str = ""
    anchor: str = ""
    href: str = ""


def marked(text: str, marks: Iterable[Mark]) -> list[Piece]:
    """``text`` cut at every mark boundary into well-nested elements: a mark that crosses
    an outer one is closed before the outer one ends and opened again after it (its
    anchor stays on its first piece)."""
    spans = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    by_start: dict[int, list[int]] = defaultdict(list)
    for index, mark in enumerate(spans):
        by_start[mark.start].append(index)
    pieces: list[Piece] = []
    active: list[int] = []  # indexes into spans, outermost first
    opened: list[int] = []
    for low, high in pairwise(cuts):
        active = [i for i in active if spans[i].end > low] + by_start.get(low, [])
        active.sort(key=lambda i: (spans[i].depth, spans[i].start, -spans[i].end, i))
        keep = 0
        while keep < min(len(opened), len(active)) and opened[keep] == active[keep]:
            keep += 1
        pieces += [Piece(kind="close", href=spans[i].href) for i in reversed(opened[keep:])]
        for i in active[keep:]:
            m = spans[i]
            again = m.start < low  # reopened after an outer element closed
            pieces.append(
                Piece(
                    kind="open",
                    classes=m.classes,
                    title=m.title,
                    href=m.href,
                    anchor="" if again else m.anchor,
                )
            )
        opened = list(active)
        pieces.append(Piece(kind="text", text=text[low:high]))
    pieces += [Piece(kind="close", href=spans[i].href) for i in reversed(opened)]
    return pieces


class Anchors:
    """Sentence anchors by character offset, reading each article's sentences once."""

    def __init__(self, corpus: Corpus, known: dict[str, list[Sentence]] | None = None):
        self.corpus = corpus
        self.sentences = dict(known or {})

    def at(self, article_id: str, offset: int) -> str:
        """The anchor of the sentence holding ``offset`` (or the last one before it)."""
        if article_id not in self.sentences:
            self.sentences[article_id] = self.corpus.sentences(article_id)
        found = self.sentences[article_id]
        index = max(0, bisect_right([s.start for s in found], offset) - 1)
        return anchor(article_id, found[index].start if found else offset)


def sentence_marks(
    sentences: Iterable[Sentence], flags: dict[tuple[str, int], tuple[str, ...]]
) -> list[Mark]:
    """Each sentence as the outermost mark, anchored, with the comparison's flags as
    classes (``f-unique``, ``f-conflict``, ``f-framed``, ``f-background``, ...)."""
    marks = []
    for s in sentences:
        found = flags.get((s.article_id, s.start), ())
        classes = " ".join(["s", *(f"f-{f}" for f in found if f in SENTENCE_FLAGS)])
        marks.append(
            Mark(
                start=s.start,
                end=s.end,
                depth=0,
                classes=classes,
                title=", ".join(found),
                anchor=anchor(s.article_id, s.start),
            )
        )
    return marks


def fact_marks(facts: Annotation, entity_ids: dict[tuple[int, int], int]) -> list[Mark]:
    """Quotes, then one mark per place where entities, numbers, dates and event triggers
    overlap (the more specific kept: trigger, date, number, entity), as in ``render``."""
    names = {(m.start, m.end): m.name for m in facts.entity_mentions}
    ranked: list[tuple[int, Mark]] = []
    for e in facts.events:
        title = f"event {event_kind(e)}" + ("" if e.modality == "asserted" else f" ({e.modality})")
        ranked.append(
            (0, Mark(start=e.start, end=e.end, depth=2, classes="m m-event", title=title))
        )
    for t in facts.times:
        title = f"date {t.value or '?'}" + ("" if t.resolved else " (unresolved)")
        ranked.append((1, Mark(start=t.start, end=t.end, depth=2, classes="m m-date", title=title)))
    for q in facts.quantities:
        title = f"number {q.category + '=' if q.category else ''}{amount(q.value, q.low)}"
        ranked.append(
            (2, Mark(start=q.start, end=q.end, depth=2, classes="m m-number", title=title))
        )
    for m in facts.mentions:
        name = names.get((m.start, m.end))
        entity = entity_ids.get((m.start, m.end))
        mark = Mark(
            start=m.start,
            end=m.end,
            depth=2,
            classes=f"m m-entity m-{css_word(m.label)}",
            title=f"{m.label} {name}" if name and name != m.text else m.label,
            href=f"/entities/{int(entity)}" if entity is not None else "",
        )
        ranked.append((3, mark))
    kept: list[Mark] = []
    for _, mark in sorted(ranked, key=lambda pair: (pair[0], pair[1].start)):
        if all(mark.end <= k.start or mark.start >= k.end for k in kept):
            kept.append(mark)
    for n, quote in enumerate(sorted(facts.quotes, key=lambda q: q.start), start=1):
        title = f"Q{n} {quote.kind} quote, {quote.speaker or 'speaker unknown'}"
        classes = f"q q-{quote.kind}"
        kept.append(
            Mark(
                start=quote.start,
                end=quote.end,
                depth=1,
                classes=classes,
                title=title,
                anchor=f"q-{n}",
            )
        )
    return kept


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None (never a ``javascript:`` link)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.casefold()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None
