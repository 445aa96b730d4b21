"""Event coreference: the events of one story that report the same incident become one
``Incident`` holding every account — each source's numbers, date, wording and span.

Two events report one incident when nothing conflicts and something agrees:
- conflicts: different event types; dates more than a day apart (a month or a year
  conflicts only with dates outside it); different named places that are not one place;
  one asserted and the other denied or hypothetical;
- agreement: the same sentence; the same place; the same date; the same actor or target;
  the same toll.
Clusters grow by single links but every member must be free of conflict with the event
joining (so a chain of weak links cannot join two strikes in two towns). Conflicting
figures stay side by side (``Tally``: low, best, high and who reported each).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .records import Event, Ref
from .resolve.names import same_name, words

_FACTUAL = frozenset({"asserted", "reported"})


@dataclass(frozen=True, kw_only=True, slots=True)
class Report:
    """One event as one source told it, with where it stands in the corpus."""

    event: Event
    source: str | None
    published: str | None
    place: str | None = None  # the geocoded place of the event's location, when known


@dataclass(frozen=True, kw_only=True, slots=True)
class Figure:
    value: int
    article_id: str
    source: str | None
    ref: Ref


@dataclass(frozen=True, kw_only=True, slots=True)
class Tally:
    """Reported figures side by side, each once: ``best`` is the figure the most sources
    give (the highest among equals), never an average."""

    low: int
    best: int
    high: int
    figures: tuple[Figure, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Incident:
    id: str
    story_id: str
    plover_type: str
    acled_type: str | None
    date: str | None
    place: str | None
    reports: tuple[Report, ...]
    fatalities: Tally | None
    injured: Tally | None

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({r.source or "?" for r in self.reports}))


def incidents(story_id: str, reports: Sequence[Report]) -> tuple[Incident, ...]:
    """The story's events grouped into incidents, in order of their first report."""
    clusters: list[list[Report]] = []
    for report in reports:
        best = None
        for cluster in clusters:
            if any(_conflict(report, other) for other in cluster):
                continue
            if any(_agree(report, other) for other in cluster):
                best = cluster
                break
        if best is None:
            clusters.append([report])
        else:
            best.append(report)
    return tuple(_incident(story_id, cluster) for cluster in clusters)


def _incident(story_id: str, cluster: list[Report]) -> Incident:
    first = cluster[0].event
    key = f"{story_id}:{first.article_id}:{first.start}:{first.end}"
    dates = Counter(r.event.date for r in cluster if r.event.date)
    places = Counter(r.place or _text(r.event.location) for r in cluster)
    places.pop(None, None)
    return Incident(
        id=hashlib.sha256(key.encode()).hexdigest()[:12],
        story_id=story_id,
        plover_type=first.plover_type,
        acled_type=first.acled_type,
        date=max(dates, key=lambda d: (dates[d], len(d))) if dates else None,
        place=places.most_common(1)[0][0] if places else None,
        reports=tuple(cluster),
        fatalities=_tally(cluster, "fatalities"),
        injured=_tally(cluster, "injured"),
    )


def _tally(cluster: list[Report], what: str) -> Tally | None:
    figures: dict[tuple[str, int, int], Figure] = {}
    for report in cluster:
        value = getattr(report.event, what)
        ref = getattr(report.event, f"{what}_ref")
        key = (report.event.article_id, ref.start, ref.end) if ref is not None else None
        if value is not None and key is not None and key not in figures:
            figures[key] = Figure(
                value=value, article_id=report.event.article_id, source=report.source, ref=ref
            )
    if not figures:
        return None
    backers: dict[int, set[str]] = {}
    for figure in figures.values():
        backers.setdefault(figure.value, set()).add(figure.source or figure.article_id)
    best = max(backers, key=lambda v: (len(backers[v]), v))
    values = [f.value for f in figures.values()]
    return Tally(low=min(values), best=best, high=max(values), figures=tuple(figures.values()))


def _text(ref: Ref | None) -> str | None:
    return ref.text if ref is not None else None


def _conflict(a: Report, b: Report) -> bool:
    x, y = a.event, b.event
    if x.plover_type != y.plover_type:
        return True
    if (x.modality in _FACTUAL) != (y.modality in _FACTUAL):
        return True
    if x.date and y.date and not dates_agree(x.date, y.date):
        return True
    place_a, place_b = a.place or _text(x.location), b.place or _text(y.location)
    return bool(place_a and place_b and not names_match(place_a, place_b))


def _agree(a: Report, b: Report) -> bool:
    x, y = a.event, b.event
    if x.article_id == y.article_id and x.sentence == y.sentence:
        return True
    place_a, place_b = a.place or _text(x.location), b.place or _text(y.location)
    if place_a and place_b and names_match(place_a, place_b):
        return True
    if x.date and y.date and len(x.date) == len(y.date) == 10 and x.date == y.date:
        return True
    for left, right in ((x.actor, y.actor), (x.target, y.target)):
        if left and right and names_match(left.text, right.text) and _named(left.text):
            return True
    return x.fatalities is not None and x.fatalities == y.fatalities


def _named(text: str) -> bool:
    return any(ch.isupper() for ch in text)


def names_match(a: str, b: str) -> bool:
    if same_name(a, b):
        return True
    left, right = set(words(a)), set(words(b))
    return bool(left and right and (left <= right or right <= left))


def dates_agree(a: str, b: str) -> bool:
    """ISO dates or prefixes (``2024-11``, ``2024``): within a day, or one inside the other;
    a date whose year is unknown (``XXXX-08-23``) is read in the other's year."""
    if a.startswith("XXXX") and b[:4].isdigit():
        a = b[:4] + a[4:]
    elif b.startswith("XXXX") and a[:4].isdigit():
        b = a[:4] + b[4:]
    if len(a) == len(b) == 10:
        try:
            return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= 1
        except ValueError:
            return a == b
    short, long = sorted((a, b), key=len)
    return long.startswith(short)
