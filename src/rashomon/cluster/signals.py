"""What two reports are compared on, and the one score that decides whether they tell
one story: ``profile_similarity`` of an article and a story (or of two articles), and
``pairwise_similarity``, the same score for every pair of a few articles at once.

The score is the mean over (member of a, member of b) pairs (average linkage) of:

- the weighted cosines of TF-IDF term vectors (of the whole text and of the opening), of
  IDF-weighted entity keys and of place keys;
- the agreement of the dates the two texts mention: a shared day pulls together; no date
  near pushes apart, unless the two were published within a day or so of each other (a
  month or day named without a year is compared on the yearly cycle, ``timeline``);
- the lead person: two articles each about a different person push apart
  (``same_lead``);
- the principals: two articles each naming in the lede a participant the other never
  mentions push apart, unless published within a few days of each other (a boxer's two
  fights, ``cast_conflict``);

then, when known, a penalty for publication dates further apart than a few days. The
weights are a ``Similarity`` (``similarity``, read from ``data/cluster.toml``); the IDF
is the caller's (the story index's document frequencies grow as articles arrive).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np

from rashomon.resolve.names import drops_middle_names, is_short_form, same_name

from .features import StoryFeatures
from .similarity import Similarity
from .timeline import date_agreement, published_gap
from .vectors import Vectors, dot, weighted_matrix

# the date term compares the TOP_DATED most common (dates, day) of each side
TOP_DATED = 24

# an article's lede dates and publication day, as the date term compares them
Dated = tuple[frozenset[str], date | None]
# an article's principals, entity keys and publication day, as the cast term compares them
Cast = tuple[frozenset[str], frozenset[str], date | None]


@dataclass(frozen=True, kw_only=True, slots=True)
class Profile:
    """What the similarity compares: an article, or a story as the sum of its members.
    Each member's text, entity and place vectors are stored without IDF, scaled to unit
    length under the index's scale (``stories``); ``profile_similarity`` applies the
    current IDF, so a dot product over ``size * size`` is the mean cosine between the
    members of the two sides: average linkage, which does not let a large, loose story
    attract everything the way a centroid does."""

    size: int
    text: Mapping[str, float]
    lede: Mapping[str, float]
    entities: Mapping[str, float]
    places: Mapping[str, float]
    dated: Mapping[Dated, int]  # each dated member's dates and day: how many members
    first: date | None
    last: date | None
    leads: Mapping[str, int] = field(default_factory=dict)  # lead person: how many members
    casts: Mapping[Cast, int] = field(default_factory=dict)  # members with principals


def profile_similarity(
    a: Profile,
    b: Profile,
    params: Similarity,
    term_idf: Callable[[str], float],
    entity_idf: Callable[[str], float],
) -> float:
    """The one score that decides: weighted mean cosines under the IDF given, plus date
    agreement, publication recency and the lead and cast conflicts."""
    pairs = a.size * b.size
    if not pairs:
        return 0.0
    score = params.text_weight * dot(a.text, b.text, term_idf) / pairs
    if params.lede_weight:
        score += params.lede_weight * dot(a.lede, b.lede, term_idf) / pairs
    score += params.entity_weight * dot(a.entities, b.entities, entity_idf) / pairs
    score += params.place_weight * dot(a.places, b.places, entity_idf) / pairs
    if a.dated and b.dated:
        score += _date_shifts(a.dated, b.dated, params) / pairs
    gap = published_gap(a.first, a.last, b.first, b.last)
    if gap is not None and gap > params.published_window_days:
        score -= params.published_penalty * min(1.0, gap / params.published_penalty_days)
    if a.leads and b.leads:
        score -= params.lead_conflict * _lead_conflicts(a.leads, b.leads) / pairs
    if a.casts and b.casts and params.cast_conflict:
        score -= params.cast_conflict * _cast_conflicts(a.casts, b.casts, params) / pairs
    return score


def pairwise_similarity(
    vectors: Sequence[Vectors],
    items: Sequence[StoryFeatures],
    params: Similarity,
    term_idf: Callable[[str], float],
    entity_idf: Callable[[str], float],
) -> np.ndarray:
    """The similarity of every pair of these articles (``profile_similarity`` of two
    single articles), as a matrix."""
    parts = [
        math.sqrt(params.text_weight) * weighted_matrix([v.text for v in vectors], term_idf),
        math.sqrt(params.lede_weight) * weighted_matrix([v.lede for v in vectors], term_idf),
        math.sqrt(params.entity_weight)
        * weighted_matrix([v.entities for v in vectors], entity_idf),
        math.sqrt(params.place_weight) * weighted_matrix([v.places for v in vectors], entity_idf),
    ]
    stacked = np.hstack(parts)
    sims = stacked @ stacked.T
    dated = [(n, dated_key(it)) for n, it in enumerate(items) if it.dates]
    for i, (a, dates_a) in enumerate(dated):
        for b, dates_b in dated[i + 1 :]:
            shift = _date_shift(dates_a, dates_b, params)
            sims[a, b] += shift
            sims[b, a] += shift
    published = [(n, it.published) for n, it in enumerate(items) if it.published]
    for i, (a, day_a) in enumerate(published):
        for b, day_b in published[i + 1 :]:
            gap = abs((day_a - day_b).days)
            if gap > params.published_window_days:
                penalty = params.published_penalty * min(1.0, gap / params.published_penalty_days)
                sims[a, b] -= penalty
                sims[b, a] -= penalty
    led = [(n, it.lead) for n, it in enumerate(items) if it.lead]
    for i, (a, lead_a) in enumerate(led):
        for b, lead_b in led[i + 1 :]:
            if not same_lead(lead_a, lead_b):
                sims[a, b] -= params.lead_conflict
                sims[b, a] -= params.lead_conflict
    cast = [(n, cast_key(it)) for n, it in enumerate(items) if it.principals]
    for i, (a, cast_a) in enumerate(cast):
        for b, cast_b in cast[i + 1 :]:
            if _in_cast_conflict(cast_a, cast_b, params):
                sims[a, b] -= params.cast_conflict
                sims[b, a] -= params.cast_conflict
    return sims


def single_profile(item: StoryFeatures, vectors: Vectors) -> Profile:
    """One article as a profile of size one."""
    return Profile(
        size=1,
        text=vectors.text,
        lede=vectors.lede,
        entities=vectors.entities,
        places=vectors.places,
        dated={dated_key(item): 1} if item.dates else {},
        first=item.published,
        last=item.published,
        leads={item.lead: 1} if item.lead else {},
        casts={cast_key(item): 1} if item.principals else {},
    )


def profile_without(whole: Profile, part: Profile) -> Profile:
    """A story's profile less one of its members (leave one out)."""

    def less(a: Mapping[str, float], b: Mapping[str, float]) -> dict[str, float]:
        return {k: v - b.get(k, 0.0) for k, v in a.items() if v - b.get(k, 0.0) > 1e-9}

    return Profile(
        size=whole.size - part.size,
        text=less(whole.text, part.text),
        lede=less(whole.lede, part.lede),
        entities=less(whole.entities, part.entities),
        places=less(whole.places, part.places),
        dated={
            k: v - part.dated.get(k, 0) for k, v in whole.dated.items() if v > part.dated.get(k, 0)
        },
        first=whole.first,
        last=whole.last,
        leads={
            k: v - part.leads.get(k, 0) for k, v in whole.leads.items() if v > part.leads.get(k, 0)
        },
        casts={
            k: v - part.casts.get(k, 0) for k, v in whole.casts.items() if v > part.casts.get(k, 0)
        },
    )


def _date_shifts(a: Mapping[Dated, int], b: Mapping[Dated, int], params: Similarity) -> float:
    """The date term summed over (member of a, member of b) pairs, from the
    ``TOP_DATED`` most common (dates, day) of each side, scaled up to all dated members."""
    top_a = _most(a)
    top_b = _most(b)
    total = sum(
        count_a * count_b * _date_shift(dates_a, dates_b, params)
        for dates_a, count_a in top_a
        for dates_b, count_b in top_b
    )
    if not total:
        return 0.0
    scale_a = sum(a.values()) / sum(c for _, c in top_a)
    scale_b = sum(b.values()) / sum(c for _, c in top_b)
    return total * scale_a * scale_b


def _most(dated: Mapping[Dated, int]) -> list[tuple[Dated, int]]:
    """The ``TOP_DATED`` most common date sets (all of them, unsorted, when few)."""
    if len(dated) <= TOP_DATED:
        return list(dated.items())
    return sorted(dated.items(), key=lambda kv: -kv[1])[:TOP_DATED]


def dated_key(item: StoryFeatures) -> Dated:
    """What the date term reads of an article: the dates its lede mentions and the day
    it was published."""
    return item.dates, item.published


@lru_cache(maxsize=1 << 16)
def _date_shift(a: Dated, b: Dated, params: Similarity) -> float:
    """What the dates two articles mention add to their similarity: a shared day pulls
    together; no date near pushes apart, unless the two were published within
    ``date_conflict_published_days`` of each other (reports of one moment: their lede
    dates far apart are background, not two happenings)."""
    agreement = date_agreement(a[0], b[0], conflict_days=params.date_conflict_days)
    if agreement > 0:
        return params.date_same_day
    gap = published_gap(a[1], a[1], b[1], b[1])
    if agreement < 0 and (gap is None or gap > params.date_conflict_published_days):
        return -params.date_conflict
    return 0.0


def _lead_conflicts(a: Mapping[str, int], b: Mapping[str, int]) -> int:
    """How many (member of a, member of b) pairs are led by two different people."""
    return sum(
        count_a * count_b
        for lead_a, count_a in a.items()
        for lead_b, count_b in b.items()
        if not same_lead(lead_a, lead_b)
    )


def cast_key(item: StoryFeatures) -> Cast:
    """What the cast term reads of an article: its principals, its entity keys and the
    day it was published."""
    return item.principals, item.entities, item.published


def _in_cast_conflict(a: Cast, b: Cast, params: Similarity) -> bool:
    """Two articles each name a principal the other never mentions, and were not
    published within ``published_window_days`` of each other: reports of one moment
    that lead with different people (a tax deal told through Obama by one outlet,
    through Bush by another) are one happening told two ways."""
    gap = published_gap(a[2], a[2], b[2], b[2])
    if gap is not None and gap <= params.published_window_days:
        return False
    return cast_conflict(a[0], a[1], b[0], b[1])


def _cast_conflicts(a: Mapping[Cast, int], b: Mapping[Cast, int], params: Similarity) -> int:
    """How many (member of a, member of b) pairs are in a cast conflict."""
    return sum(
        count_a * count_b
        for cast_a, count_a in a.items()
        for cast_b, count_b in b.items()
        if _in_cast_conflict(cast_a, cast_b, params)
    )


def cast_conflict(
    principals_a: frozenset[str],
    entities_a: frozenset[str],
    principals_b: frozenset[str],
    entities_b: frozenset[str],
) -> bool:
    """Each of two articles has a principal (``principals``) the other never mentions,
    neither by the key nor by the surname: one happening with different participants
    (a boxer's two fights, two arrests by one police force)."""
    return _absent(principals_a, entities_b) and _absent(principals_b, entities_a)


def _absent(people: frozenset[str], entities: frozenset[str]) -> bool:
    """Some of these people's keys is not among the entities, nor is their surname."""
    return any(p not in entities and p.rsplit(" ", 1)[-1] not in entities for p in people)


def same_lead(a: str, b: str) -> bool:
    """Two lead names name one person: one spelling, a surname of the other, or the
    other without its middle names."""
    return (
        same_name(a, b)
        or is_short_form(a, b)
        or is_short_form(b, a)
        or drops_middle_names(a, b)
        or drops_middle_names(b, a)
    )
