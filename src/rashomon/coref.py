"""Event coreference: the events of one story that report the same incident become one
``Incident`` holding every account — each source's numbers, date, wording and span.

Two reports can be one incident when nothing conflicts:
- the type family differs (``data/incidents.toml``: ASSAULT and FIGHT are violence; a
  report that only counts the dead, "nine dead", fits any family that kills);
- one is asserted and the other denied or hypothetical;
- their dates are more than a day apart (a month or a year conflicts only with dates
  outside it; a time of day is read as its day);
- their places differ and neither lies inside the other (a town the gazetteer lacks is
  its own place, not the country standing in for it);
- they are two tolls of one article, in two sentences, that differ (an article does not
  contradict itself: those are two happenings).

Reports of a physical happening (violence, disaster, arrest...) that do not conflict are
one incident — unless both are placed or dated accounts in one text, which tells one
happening once;
statements (ACCUSE, DEMAND...) join only on positive agreement: the same sentence, place,
day, actor or target. Where several incidents fit, the one agreeing
most is taken. A report with no toll, date or place (and, for a statement, no named
actor or target) says too little to stand alone: it joins the incident it fits nearest
in its own article, else the largest it fits. Every member of an incident is free of
conflict with every other (so a chain of weak links cannot join two strikes in two
towns). Conflicting figures stay side by side (``Tally``: low, best, high and who
reported each).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from .lexicons import read_data, word_list
from .records import Event, Place, Ref
from .resolve.names import same_name, words

_FACTUAL = frozenset({"asserted", "reported"})
_TIME_OF_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2}|XXXX-\d{2}-\d{2})T")
# a place's precision, coarsest last: a place contains those finer than it
_PRECISION_RANK = {"exact": 0, "district": 1, "region": 2, "country": 3}


@dataclass(frozen=True, kw_only=True, slots=True)
class Report:
    """One event as one source told it, with where it stands in the corpus."""

    event: Event
    source: str | None
    published: str | None
    place: str | None = None  # the geocoded place of the event's location, when known
    where: Place | None = None  # that place itself: which places it lies in


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


@dataclass(frozen=True, kw_only=True, slots=True)
class CorefLexicon:
    """What ``data/incidents.toml`` says about types and happenings."""

    families: dict[str, str]  # PLOVER type -> family
    happenings: frozenset[str]  # families that merge on compatibility alone
    casualty_type: str
    casualty_triggers: frozenset[str]
    casualty_families: frozenset[str]
    openers: frozenset[str]  # words opening an actor that names nobody in particular


@cache
def coref_lexicon() -> CorefLexicon:
    raw = tomllib.loads(read_data("incidents.toml"))
    families: dict[str, str] = {}
    for family, types in raw["families"].items():
        for kind in word_list(types, f"incidents.toml: families.{family}"):
            families[kind.upper()] = family
    happenings = frozenset(word_list(raw["happenings"]["families"], "incidents.toml"))
    casualty = raw["casualty"]
    casualty_families = frozenset(word_list(casualty["families"], "incidents.toml: casualty"))
    unknown = (happenings | casualty_families) - set(families.values())
    if unknown:
        raise ValueError(
            f"incidents.toml names families it does not define: {', '.join(sorted(unknown))}; "
            "add them under [families]"
        )
    return CorefLexicon(
        families=families,
        happenings=happenings,
        casualty_type=str(casualty["type"]).upper(),
        casualty_triggers=frozenset(word_list(casualty["triggers"], "incidents.toml: casualty")),
        casualty_families=casualty_families,
        openers=frozenset(word_list(raw["unnamed"]["openers"], "incidents.toml: unnamed")),
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class _Item:
    """A report as clustering sees it: its position in the story and what it says."""

    index: int
    report: Report
    family: str
    casualty: bool  # only counts the dead or hurt: fits any family that kills
    weak: bool  # says too little to stand alone


def incidents(story_id: str, reports: Sequence[Report]) -> tuple[Incident, ...]:
    """The story's events grouped into incidents, in order of their first report."""
    lex = coref_lexicon()
    items = [_item(index, report, lex) for index, report in enumerate(reports)]
    clusters: list[list[_Item]] = []
    for item in (i for i in items if not i.weak):
        _place(item, clusters, _strong_choice(item, clusters, lex))
    for item in (i for i in items if i.weak):
        _place(item, clusters, _weak_choice(item, clusters, lex))
    clusters.sort(key=lambda cluster: min(i.index for i in cluster))
    return tuple(
        _incident(story_id, [i.report for i in sorted(c, key=lambda i: i.index)], lex)
        for c in clusters
    )


def _item(index: int, report: Report, lex: CorefLexicon) -> _Item:
    event = report.event
    family = lex.families.get(event.plover_type, event.plover_type)
    casualty = _counts_only(event, lex)
    vague = (
        event.fatalities is None
        and event.injured is None
        and not event.date
        and not (report.place or event.location)
    )
    if family not in lex.happenings:
        vague = vague and not any(r and _named(r.text, lex) for r in (event.actor, event.target))
    return _Item(index=index, report=report, family=family, casualty=casualty, weak=vague)


def _place(item: _Item, clusters: list[list[_Item]], chosen: list[_Item] | None) -> None:
    if chosen is None:
        clusters.append([item])
    else:
        chosen.append(item)


def _strong_choice(
    item: _Item, clusters: list[list[_Item]], lex: CorefLexicon
) -> list[_Item] | None:
    """The cluster agreeing most with ``item`` among those it fits; a statement needs
    some agreement, a physical happening only needs to fit."""
    loose = item.family in lex.happenings
    best, best_score = None, 0 if loose else 1
    for cluster in clusters:
        if not _fits(item, cluster, lex):
            continue
        score = max(_agreement(item.report, other.report, lex) for other in cluster)
        if score == 0 and _located(item) and any(_twin(item, o) for o in cluster):
            continue  # one text tells one happening once: two full accounts in it are two
        if score > best_score or (best is None and score >= best_score):
            best, best_score = cluster, score
    return best


def _weak_choice(item: _Item, clusters: list[list[_Item]], lex: CorefLexicon) -> list[_Item] | None:
    """The cluster ``item`` fits with a report nearest to it in its own article (one
    before it counts as half as far: a text refers back), else the largest it fits (the
    most sources, then reports), else the first."""
    event = item.report.event
    best, best_key = None, None
    for order, cluster in enumerate(clusters):
        if not _fits(item, cluster, lex):
            continue
        distances = [
            event.start - other.report.event.start
            if other.report.event.start <= event.start
            else (other.report.event.start - event.start) * 2
            for other in cluster
            if other.report.event.article_id == event.article_id
        ]
        sources = len({other.report.source or other.report.event.article_id for other in cluster})
        key = (min(distances) if distances else float("inf"), -sources, -len(cluster), order)
        if best_key is None or key < best_key:
            best, best_key = cluster, key
    return best


def _located(item: _Item) -> bool:
    """Whether the report places its event itself: a place or a date of its own."""
    event = item.report.event
    return bool(event.date or item.report.place or event.location)


def _twin(item: _Item, other: _Item) -> bool:
    """Another placed account of the same text, in another sentence."""
    x, y = item.report.event, other.report.event
    return x.article_id == y.article_id and x.sentence != y.sentence and _located(other)


def _fits(item: _Item, cluster: list[_Item], lex: CorefLexicon) -> bool:
    return not any(_conflict(item, other, lex) for other in cluster)


def _conflict(a: _Item, b: _Item, lex: CorefLexicon) -> bool:
    if not _families_fit(a, b, lex):
        return True
    x, y = a.report.event, b.report.event
    if (x.modality in _FACTUAL) != (y.modality in _FACTUAL):
        return True
    if x.date and y.date and not dates_agree(x.date, y.date):
        return True
    if _places_differ(a.report, b.report):
        return True
    return (
        x.article_id == y.article_id
        and x.sentence != y.sentence
        and x.fatalities is not None
        and y.fatalities is not None
        and x.fatalities != y.fatalities
    )


def _families_fit(a: _Item, b: _Item, lex: CorefLexicon) -> bool:
    if a.family == b.family:
        return True
    if a.casualty and b.family in lex.casualty_families:
        return True
    return b.casualty and a.family in lex.casualty_families


def _places_differ(a: Report, b: Report) -> bool:
    """Two places, neither inside the other. Two towns the gazetteer lacks, each standing
    in as its country (Baalchmay and Tefahta as Lebanon), are two places."""
    place_a, place_b = a.place or _text(a.event.location), b.place or _text(b.event.location)
    if not (place_a and place_b):
        return False
    if not names_match(place_a, place_b):
        return not (
            a.where and b.where and (_inside(a.where, b.where) or _inside(b.where, a.where))
        )
    text_a, text_b = _text(a.event.location), _text(b.event.location)
    return bool(
        text_a and text_b and _stands_in(a) and _stands_in(b) and not names_match(text_a, text_b)
    )


def _stands_in(report: Report) -> bool:
    """Whether the report's place is a coarser place standing in for the one it names."""
    text = _text(report.event.location)
    return bool(report.place and text and not names_match(report.place, text))


def _inside(inner: Place, outer: Place) -> bool:
    """Whether ``inner`` lies in ``outer`` (a town in its region or country)."""
    if _PRECISION_RANK[inner.precision] >= _PRECISION_RANK[outer.precision]:
        return False
    if inner.country != outer.country:
        return False
    return outer.precision == "country" or (
        outer.admin1 is not None and inner.admin1 == outer.admin1
    )


def _agreement(a: Report, b: Report, lex: CorefLexicon) -> int:
    """How much two fitting reports agree: the same sentence most, then the same place,
    actor or target, then the same day, the same toll or a place inside the other's."""
    x, y = a.event, b.event
    score = 0
    if x.article_id == y.article_id and x.sentence == y.sentence:
        score += 3
    place_a, place_b = a.place or _text(x.location), b.place or _text(y.location)
    if place_a and place_b:
        score += 2 if names_match(place_a, place_b) else 1
    day_x, day_y = _day(x.date), _day(y.date)
    if day_x and day_y and len(day_x) == len(day_y) == 10 and day_x == day_y:
        score += 1
    for left, right in ((x.actor, y.actor), (x.target, y.target)):
        if left and right and _named(left.text, lex) and names_match(left.text, right.text):
            score += 2
    if x.fatalities is not None and x.fatalities == y.fatalities:
        score += 1
    return score


def _incident(story_id: str, cluster: list[Report], lex: CorefLexicon) -> Incident:
    first = cluster[0].event
    key = f"{story_id}:{first.article_id}:{first.start}:{first.end}"
    dates = Counter(_day(r.event.date) for r in cluster if r.event.date)
    places = Counter(r.place or _text(r.event.location) for r in cluster)
    places.pop(None, None)
    # the incident's type: the most told among the reports that say what happened (a
    # report that only counts the dead names no type of its own)
    telling = [r.event for r in cluster if not _counts_only(r.event, lex)] or [first]
    kind = Counter(e.plover_type for e in telling).most_common(1)[0][0]  # ties: the first
    typed = next(e for e in telling if e.plover_type == kind)
    return Incident(
        id=hashlib.sha256(key.encode()).hexdigest()[:12],
        story_id=story_id,
        plover_type=kind,
        acled_type=typed.acled_type,
        date=max(dates, key=lambda d: (dates[d], len(d or ""))) if dates else None,
        place=places.most_common(1)[0][0] if places else None,
        reports=tuple(cluster),
        fatalities=_tally(cluster, "fatalities"),
        injured=_tally(cluster, "injured"),
    )


def _counts_only(event: Event, lex: CorefLexicon) -> bool:
    """Whether the event only counts the dead or hurt ("nine dead"): no type of its own."""
    return (
        event.plover_type == lex.casualty_type
        and event.plover_mode is None
        and " ".join(event.trigger.casefold().split()) in lex.casualty_triggers
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


def _named(text: str, lex: CorefLexicon) -> bool:
    """Whether an actor or target names someone: a capital past a leading determiner."""
    words = text.split()
    if words and words[0].casefold() in lex.openers:
        words = words[1:]
    return any(ch.isupper() for word in words for ch in word)


def _day(value: str | None) -> str | None:
    """An ISO date without its time of day (``2025-03-02TAF`` is ``2025-03-02``)."""
    if not value:
        return value
    match = _TIME_OF_DAY.match(value)
    return match.group(1) if match else value


def names_match(a: str, b: str) -> bool:
    if same_name(a, b):
        return True
    left, right = set(words(a)), set(words(b))
    return bool(left and right and (left <= right or right <= left))


def dates_agree(a: str, b: str) -> bool:
    """ISO dates or prefixes (``2024-11``, ``2024``): within a day, or one inside the other;
    a date whose year is unknown (``XXXX-08-23``) is read in the other's year; a time of
    day (``2025-03-02TEV``) is read as its day."""
    a, b = _day(a) or a, _day(b) or b
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
