"""Streaming story clustering: ``StoryIndex.add`` puts each new article in the story it
reports (or opens a new one), re-clustering only the few stories near it.

One add, in order:

1. Copy check: an article whose 5-word shingles mostly match an earlier original
   (``minhash``) is a copy of it: it joins the original's story, ``duplicate_of`` names
   the original, and it adds nothing to the story's profile (one account, not two).
2. Candidates: stories sharing the article's entity keys or its highest-weighted terms,
   found through inverted indexes (key -> story ids), the best ``MAX_CANDIDATES`` by
   shared IDF weight.
3. Score against each candidate (``similarity``): the mean over (article, member) pairs
   (average linkage) of the weighted cosines of TF-IDF term vectors (document
   frequencies grow as articles arrive), of IDF-weighted entity keys and of place keys;
   of the agreement of the dates the two texts mention (a shared day pulls together; no
   date near pushes apart, unless the two were published within a day or so of each
   other; a month or day named without a year is compared on the yearly cycle); and of
   the lead person (two articles each about a different person push apart); of the
   principals (two articles each naming in the lede a participant the other never
   mentions push apart, unless published within a few days of each other: a boxer's
   two fights, ``cast_conflict``); then, when
   known, a penalty for publication dates further apart than a few days. The weights
   and the threshold are the index's ``Similarity`` (``similarity``, read from
   ``data/cluster.toml``).
4. Candidates scoring within ``NEAR_MARGIN`` of the threshold are the article's
   neighbourhood. One story there: it takes the article if it reaches the threshold;
   none: the article opens a story (its id is the article
   id). Two or more (at most ``LOCAL_STORIES``, ``MAX_LOCAL`` articles): local
   re-clustering. Their members and the new article are clustered again from single
   articles by average linkage at the same threshold (the batch result, locally: an
   article that bridges two halves of one story merges them, an earlier article that
   fits another story better moves there, a mixed story splits). Each resulting group
   keeps the id of the story it holds most of; stories emptied into the article's story
   are ``Assignment.merged``, every other change of story is ``Assignment.moved``.
   Moved articles keep their vectors.

``refine(story_id)`` is the split path: each member is scored against the rest of its
story (leave one out); members below the threshold leave and are added again, which
may open new stories. It returns the new assignments, to be stored like any other.

Member vectors are unit length under the document frequencies of one moment (the
*scale*); as the corpus grows, rarer words weigh more and early members would drift
past unit length (twice it, for the first articles of a corpus), so whenever the corpus
has grown by ``RENORM_GROWTH`` the scale is taken again and every member rescaled (the
cost, linear in the corpus, comes once per 25% of growth).

``restore`` replays stored (features, assignment) pairs through the same state update
that ``add`` uses, so an index rebuilt from the store assigns the next article exactly
as the index that never stopped would (rescaling once, at the end of the replay, gives
the state, to rounding, that the live index reached by rescaling at every step).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice
from typing import Any

import numpy as np

from .features import StoryFeatures, cast_conflict, same_lead
from .minhash import DuplicateIndex
from .similarity import Similarity, similarity_params
from .timeline import date_agreement, published_gap

# member vectors are scaled to unit length again under the IDF of the moment whenever the
# corpus has grown by this factor since the last time
RENORM_GROWTH = 1.25
# candidate generation: each member indexes its INDEXED_TERMS heaviest terms and its
# entities; a new article looks up its QUERY_TERMS heaviest terms and its entities, in
# at most the POSTING_DEPTH stories that took each key last (news stories are found by
# what is recent; a key held by more than MAX_POSTING stories says nothing), and the
# MAX_CANDIDATES stories it shares most weight with are scored
INDEXED_TERMS = 12
QUERY_TERMS = 36
POSTING_DEPTH = 1000
MAX_CANDIDATES = 40
# local re-clustering: the stories an article scores within the near margin of the
# threshold (at most LOCAL_STORIES, at most MAX_LOCAL articles in all) are clustered again
LOCAL_STORIES = 4
MAX_LOCAL = 80
MAX_POSTING = 5000
TOP_ENTITIES = 8
TOP_DATED = 24

# an article's lede dates and publication day, as the date term compares them
Dated = tuple[frozenset[str], date | None]
# an article's principals, entity keys and publication day, as the cast term compares them
Cast = tuple[frozenset[str], frozenset[str], date | None]


@dataclass(frozen=True, kw_only=True, slots=True)
class Assignment:
    """Where an article went: its story, the original it copies (if any), the score
    that decided it (the copy's Jaccard estimate for copies; 0 for a new story), the
    stories merged into its story because of it, and the earlier articles (copies
    included) that local re-clustering moved to another story, as (article id, story
    id), applied after the merges."""

    article_id: str
    story_id: str
    duplicate_of: str | None = None
    score: float = 0.0
    merged: tuple[str, ...] = ()
    moved: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "story_id": self.story_id,
            "duplicate_of": self.duplicate_of,
            "score": self.score,
            "merged": list(self.merged),
            "moved": [[article, story] for article, story in self.moved],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Assignment:
        return cls(
            article_id=str(data["article_id"]),
            story_id=str(data["story_id"]),
            duplicate_of=data.get("duplicate_of"),
            score=float(data.get("score", 0.0)),
            merged=tuple(str(s) for s in data.get("merged", ())),
            moved=tuple((str(a), str(s)) for a, s in data.get("moved", ())),
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class Story:
    """A story as a reader sees it. ``article_ids`` are the independent accounts,
    ``copies`` the syndicated copies of them; ``sources`` are the outlets of the accounts;
    ``entities`` the most mentioned names, most frequent first."""

    story_id: str
    title: str
    first: date | None
    last: date | None
    article_ids: tuple[str, ...]
    copies: tuple[str, ...]
    sources: tuple[str, ...]
    entities: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "title": self.title,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "article_ids": list(self.article_ids),
            "copies": list(self.copies),
            "sources": list(self.sources),
            "entities": list(self.entities),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Profile:
    """What the similarity compares: an article, or a story as the sum of its members.
    Each member's text, entity and place vectors are stored without IDF, scaled to unit
    length under the index's scale (see above); ``StoryIndex.similarity`` applies the
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


@dataclass(frozen=True, kw_only=True, slots=True)
class _Member:
    """A member's share of its story: vectors scaled to unit length under the index's
    scale (IDF itself is applied when comparing), and its posting keys."""

    text: dict[str, float]
    lede: dict[str, float]
    entities: dict[str, float]
    places: dict[str, float]
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Scale:
    """The document frequencies member vectors are scaled to unit length under: those
    of the last renormalization (``RENORM_GROWTH``), so that a member's scale depends on
    the corpus size at which it was computed, not on the order articles came in."""

    term_df: Counter[str]
    entity_df: Counter[str]
    originals: int

    def term_idf(self, term: str) -> float:
        return idf(self.originals, self.term_df[term])

    def entity_idf(self, key: str) -> float:
        return idf(self.originals, self.entity_df[key])


@dataclass(kw_only=True, slots=True)
class _Story:
    story_id: str
    members: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)
    text: Counter[str] = field(default_factory=Counter)
    lede: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    dated: Counter[Dated] = field(default_factory=Counter)
    published: Counter[date] = field(default_factory=Counter)
    keys: Counter[str] = field(default_factory=Counter)
    leads: Counter[str] = field(default_factory=Counter)
    casts: Counter[Cast] = field(default_factory=Counter)


@dataclass(kw_only=True, slots=True)
class StoryIndex:
    """The stories seen so far and the indexes that find candidates for a new article."""

    params: Similarity = field(default_factory=similarity_params)
    features: dict[str, StoryFeatures] = field(default_factory=dict)
    story_of: dict[str, str] = field(default_factory=dict)
    copy_of: dict[str, str] = field(default_factory=dict)
    stories: dict[str, _Story] = field(default_factory=dict)
    term_df: Counter[str] = field(default_factory=Counter)
    entity_df: Counter[str] = field(default_factory=Counter)
    originals: int = 0
    # key -> the stories holding it, the one that took it last at the end
    postings: dict[str, dict[str, None]] = field(default_factory=dict)
    duplicates: DuplicateIndex = field(default_factory=DuplicateIndex)
    _members: dict[str, _Member] = field(default_factory=dict)
    # the document frequencies members are scaled under (taken at the last renormalization)
    _scale: _Scale = field(default_factory=lambda: _Scale(Counter(), Counter(), 0))
    _renorm_at: int = 1
    _stale: bool = False
    _replaying: bool = False

    # -- the public path -----------------------------------------------------------------

    def similarity(self, a: Profile, b: Profile) -> float:
        """The one score that decides: weighted mean cosines under the current IDF, plus
        date agreement and publication recency."""
        params = self.params
        pairs = a.size * b.size
        if not pairs:
            return 0.0
        terms, names = self._term_idf, self._entity_idf
        score = params.text_weight * _dot(a.text, b.text, terms) / pairs
        if params.lede_weight:
            score += params.lede_weight * _dot(a.lede, b.lede, terms) / pairs
        score += params.entity_weight * _dot(a.entities, b.entities, names) / pairs
        score += params.place_weight * _dot(a.places, b.places, names) / pairs
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

    def add(self, item: StoryFeatures) -> Assignment:
        """Assign one new article (one already in the index is assigned again)."""
        assignment = self.decide(item)
        self.apply(item, assignment)
        return assignment

    def decide(self, item: StoryFeatures) -> Assignment:
        """Where ``add`` would put the article, without changing the index."""
        found = self.duplicates.original(item.signature, exclude=item.article_id)
        if found is not None:
            original, jaccard = found
            return Assignment(
                article_id=item.article_id,
                story_id=self.story_of[original],
                duplicate_of=original,
                score=round(jaccard, 4),
            )
        params = self.params
        profile = self._article_profile(item)
        scored = sorted(
            ((self.similarity(profile, self._story_profile(s)), s) for s in self._candidates(item)),
            reverse=True,
        )
        if not scored or scored[0][0] < params.threshold - params.near_margin:
            return Assignment(article_id=item.article_id, story_id=item.article_id)
        near = [
            s
            for score, s in scored[:LOCAL_STORIES]
            if score >= params.threshold - params.near_margin
        ]
        if len(near) == 1:
            best_score, best = scored[0]
            if best_score < self.params.threshold:
                return Assignment(article_id=item.article_id, story_id=item.article_id)
            return Assignment(article_id=item.article_id, story_id=best, score=round(best_score, 4))
        return self._recluster(item, near, {s: score for score, s in scored})

    def apply(self, item: StoryFeatures, assignment: Assignment) -> None:
        """Record a decision: the state update shared by ``add`` and ``restore``."""
        seen = item.article_id in self.features
        if item.article_id in self.story_of:
            self._detach(item.article_id)
        self.features[item.article_id] = item
        story = self.stories.get(assignment.story_id)
        if story is None:
            story = self.stories[assignment.story_id] = _Story(story_id=assignment.story_id)
        self.story_of[item.article_id] = story.story_id
        if assignment.duplicate_of is not None:
            self.copy_of[item.article_id] = assignment.duplicate_of
            story.copies.append(item.article_id)
            return
        if not seen:
            self.originals += 1
            self.term_df.update(term for term, _ in item.terms)
            self.entity_df.update(item.entities)
            self.duplicates.add(item.article_id, item.signature)
            if self.originals >= self._renorm_at:
                self._renorm_at = max(self._renorm_at + 1, int(self.originals * RENORM_GROWTH))
                self._scale = _Scale(Counter(self.term_df), Counter(self.entity_df), self.originals)
                self._stale = True
        if self._stale and not self._replaying:
            self._renormalize()
        self._join(story, item)
        for other in assignment.merged:
            if other in self.stories and other != story.story_id:
                self._merge(story, self.stories[other])
        for article_id, story_id in assignment.moved:
            self._move(article_id, story_id)

    def _recluster(
        self, item: StoryFeatures, near: list[str], scores: Mapping[str, float]
    ) -> Assignment:
        """Average linkage, from single articles, over the new article and the members
        of the stories it scores near: the batch result, locally. Each resulting group
        keeps the id of the story it holds most of (an unclaimed group takes its first
        member's id); what changed is reported as merges and moves."""
        chosen: list[str] = []
        for story_id in near:
            if (
                sum(len(self.stories[s].members) for s in chosen)
                + len(self.stories[story_id].members)
                <= MAX_LOCAL
                or not chosen
            ):
                chosen.append(story_id)
        best = near[0]
        if len(chosen) == 1 or len(self.stories[best].members) > MAX_LOCAL:
            if scores[best] < self.params.threshold:
                return Assignment(article_id=item.article_id, story_id=item.article_id)
            return Assignment(
                article_id=item.article_id, story_id=best, score=round(scores[best], 4)
            )
        ids = [m for s in chosen for m in self.stories[s].members]
        vectors = [self._members[m] for m in ids] + [self._member(item)]
        items = [self.features[m] for m in ids] + [item]
        labels = average_linkage(self._pairwise(vectors, items), self.params.threshold)
        before = [self.story_of[m] for m in ids]
        groups: dict[int, list[int]] = {}
        for position, label in enumerate(labels):
            groups.setdefault(label, []).append(position)
        overlap = Counter((label, before[position]) for position, label in enumerate(labels[:-1]))
        named: dict[int, str] = {}
        taken: set[str] = set()
        for (label, story_id), _ in sorted(
            overlap.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0])
        ):
            if label not in named and story_id not in taken:
                named[label] = story_id
                taken.add(story_id)
        everyone = [*ids, item.article_id]
        for label, positions in sorted(groups.items()):
            if label not in named:
                # a new story takes a member's id that names no story yet
                free = [everyone[p] for p in positions if everyone[p] not in self.stories]
                named[label] = next(
                    (f for f in free if f not in taken), f"{everyone[positions[0]]}~{len(taken)}"
                )
                taken.add(named[label])
        target = named[labels[-1]]
        absorbed = [
            s
            for s in chosen
            if s != target
            and s not in taken
            and all(named[labels[p]] == target for p, m in enumerate(ids) if before[p] == s)
        ]
        moved: list[tuple[str, str]] = []
        for position, member in enumerate(ids):
            story_id = named[labels[position]]
            if story_id != before[position] and not (
                before[position] in absorbed and story_id == target
            ):
                moved.append((member, story_id))
                for copy in self.stories[before[position]].copies:
                    if self.copy_of.get(copy) == member:
                        moved.append((copy, story_id))
        score = scores.get(target, 0.0) if target in self.stories else 0.0
        return Assignment(
            article_id=item.article_id,
            story_id=target,
            score=round(score, 4),
            merged=tuple(absorbed),
            moved=tuple(moved),
        )

    def _pairwise(self, vectors: list[_Member], items: list[StoryFeatures]) -> np.ndarray:
        """The similarity of every pair of these articles (``similarity`` of two single
        articles), as a matrix."""
        params = self.params
        parts = [
            math.sqrt(params.text_weight) * _weighted([v.text for v in vectors], self._term_idf),
            math.sqrt(params.lede_weight) * _weighted([v.lede for v in vectors], self._term_idf),
            math.sqrt(params.entity_weight)
            * _weighted([v.entities for v in vectors], self._entity_idf),
            math.sqrt(params.place_weight)
            * _weighted([v.places for v in vectors], self._entity_idf),
        ]
        stacked = np.hstack(parts)
        sims = stacked @ stacked.T
        dated = [(n, _dated(it)) for n, it in enumerate(items) if it.dates]
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
                    penalty = params.published_penalty * min(
                        1.0, gap / params.published_penalty_days
                    )
                    sims[a, b] -= penalty
                    sims[b, a] -= penalty
        led = [(n, it.lead) for n, it in enumerate(items) if it.lead]
        for i, (a, lead_a) in enumerate(led):
            for b, lead_b in led[i + 1 :]:
                if not same_lead(lead_a, lead_b):
                    sims[a, b] -= params.lead_conflict
                    sims[b, a] -= params.lead_conflict
        cast = [(n, _cast(it)) for n, it in enumerate(items) if it.principals]
        for i, (a, cast_a) in enumerate(cast):
            for b, cast_b in cast[i + 1 :]:
                if _cast_conflict(cast_a, cast_b, params):
                    sims[a, b] -= params.cast_conflict
                    sims[b, a] -= params.cast_conflict
        return sims

    @classmethod
    def restore(
        cls, entries: Iterable[tuple[StoryFeatures, Assignment]], params: Similarity | None = None
    ) -> StoryIndex:
        """The index as it was after these (features, assignment) pairs, in the order they
        were made, without scoring anything again."""
        index = cls(params=params or similarity_params())
        index._replaying = True
        for item, assignment in entries:
            index.apply(item, assignment)
        index._replaying = False
        if index._stale:
            index._renormalize()
        return index

    def refine(self, story_id: str) -> list[Assignment]:
        """Split what no longer coheres: members scoring below the threshold against the
        rest of their story leave it and are added again (their copies follow them)."""
        story = self.stories[story_id]
        if len(story.members) < 3:
            return []
        whole = self._story_profile(story_id)
        leaving = [
            member
            for member in story.members
            if self.similarity(
                self._member_profile(member), _without(whole, self._member_profile(member))
            )
            < self.params.threshold
        ]
        if len(leaving) == len(story.members):
            return []
        for member in leaving:
            self._detach(member)
        assignments = []
        for member in leaving:
            assignments.append(self.add(self.features[member]))
            for copy in sorted(c for c, o in self.copy_of.items() if o == member):
                assignments.append(self.add(self.features[copy]))
        return assignments

    def story(self, story_id: str) -> Story:
        """The reader's summary of one story."""
        state = self.stories[story_id]
        members = [self.features[m] for m in state.members]
        titled = sorted(
            (m for m in members if m.title),
            # a headline before a title made from a lede, then the most central article
            key=lambda m: (not m.headline, -sum(state.names[e] for e in m.entities), m.article_id),
        )
        spelled: Counter[tuple[str, str]] = Counter()
        for member in members:
            spelled.update(member.entity_names)
        written: dict[str, str] = {}
        for (key, name), _ in spelled.most_common():
            written.setdefault(key, name)
        top = tuple(written.get(k, k) for k, _ in state.names.most_common(TOP_ENTITIES))
        days = sorted(state.published)
        return Story(
            story_id=story_id,
            title=(titled[0].title or "") if titled else ", ".join(top[:3]),
            first=days[0] if days else None,
            last=days[-1] if days else None,
            article_ids=tuple(state.members),
            copies=tuple(state.copies),
            sources=tuple(sorted({m.source for m in members if m.source})),
            entities=top,
        )

    def all_stories(self) -> list[Story]:
        """Every story, largest first."""
        ordered = sorted(self.stories.values(), key=lambda s: (-len(s.members), s.story_id))
        return [self.story(s.story_id) for s in ordered if s.members or s.copies]

    # -- state updates -------------------------------------------------------------------

    def _join(self, story: _Story, item: StoryFeatures) -> None:
        self._attach(story, item, self._member(item))

    def _attach(self, story: _Story, item: StoryFeatures, member: _Member) -> None:
        self._members[item.article_id] = member
        story.members.append(item.article_id)
        story.text.update(member.text)
        story.lede.update(member.lede)
        story.entities.update(member.entities)
        story.places.update(member.places)
        story.names.update(item.entities)
        if item.dates:
            story.dated[_dated(item)] += 1
        if item.published:
            story.published[item.published] += 1
        if item.lead:
            story.leads[item.lead] += 1
        if item.principals:
            story.casts[_cast(item)] += 1
        for key in member.keys:
            _touch(self.postings.setdefault(key, {}), story.story_id)
            story.keys[key] += 1

    def _detach(self, article_id: str) -> None:
        story = self.stories[self.story_of.pop(article_id)]
        if article_id in self.copy_of:
            del self.copy_of[article_id]
            story.copies.remove(article_id)
            return
        item = self.features[article_id]
        member = self._members.pop(article_id)
        story.members.remove(article_id)
        for counter, part in (
            (story.text, member.text),
            (story.lede, member.lede),
            (story.entities, member.entities),
            (story.places, member.places),
        ):
            counter.subtract(part)
            for key in [k for k in part if counter[k] <= 1e-9]:
                del counter[key]
        _drop(story.names, item.entities)
        if item.dates:
            _drop(story.dated, (_dated(item),))
        if item.lead:
            _drop(story.leads, (item.lead,))
        if item.principals:
            _drop(story.casts, (_cast(item),))
        if item.published:
            story.published[item.published] -= 1
            if story.published[item.published] <= 0:
                del story.published[item.published]
        for key in member.keys:
            story.keys[key] -= 1
            if story.keys[key] <= 0:
                del story.keys[key]
                self.postings[key].pop(story.story_id, None)

    def _move(self, article_id: str, story_id: str) -> None:
        """Move an earlier article (its vectors as they were) to another story."""
        item = self.features[article_id]
        member = self._members.get(article_id)
        duplicate_of = self.copy_of.get(article_id)
        left = self.stories[self.story_of[article_id]]
        self._detach(article_id)
        if not left.members and not left.copies:
            del self.stories[left.story_id]
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = _Story(story_id=story_id)
        self.story_of[article_id] = story_id
        if duplicate_of is not None:
            self.copy_of[article_id] = duplicate_of
            story.copies.append(article_id)
            return
        assert member is not None
        self._attach(story, item, member)

    def _merge(self, into: _Story, other: _Story) -> None:
        for article_id in other.members + other.copies:
            self.story_of[article_id] = into.story_id
        into.members.extend(other.members)
        into.copies.extend(other.copies)
        into.text.update(other.text)
        into.lede.update(other.lede)
        into.entities.update(other.entities)
        into.places.update(other.places)
        into.names.update(other.names)
        into.dated.update(other.dated)
        into.published.update(other.published)
        into.leads.update(other.leads)
        into.casts.update(other.casts)
        for key, count in other.keys.items():
            self.postings[key].pop(other.story_id, None)
            _touch(self.postings[key], into.story_id)
            into.keys[key] += count
        del self.stories[other.story_id]

    def _renormalize(self) -> None:
        """Scale every member's vectors to unit length under the current scale and sum
        the stories again (their posting keys stay as they were)."""
        self._stale = False
        term_idf, entity_idf = _cached(self._scale.term_idf), _cached(self._scale.entity_idf)
        for article_id, member in self._members.items():
            self._members[article_id] = _Member(
                text=_unit(member.text, term_idf),
                lede=_unit(member.lede, term_idf),
                entities=_unit(member.entities, entity_idf),
                places=_unit(member.places, entity_idf),
                keys=member.keys,
            )
        for story in self.stories.values():
            story.text, story.entities, story.places = Counter(), Counter(), Counter()
            story.lede = Counter()
            for article_id in story.members:
                member = self._members[article_id]
                story.text.update(member.text)
                story.lede.update(member.lede)
                story.entities.update(member.entities)
                story.places.update(member.places)

    # -- vectors, profiles and candidates ------------------------------------------------

    def _term_idf(self, term: str) -> float:
        return idf(self.originals, self.term_df[term])

    def _entity_idf(self, key: str) -> float:
        return idf(self.originals, self.entity_df[key])

    def _member(self, item: StoryFeatures) -> _Member:
        """The article's unit vectors under the current scale, stored without the IDF."""
        scale = self._scale
        logs = {term: 1.0 + math.log(count) for term, count in item.terms}
        ranked = sorted(logs, key=lambda t: (-logs[t] * scale.term_idf(t), t))
        return _Member(
            text=_unit(logs, scale.term_idf),
            lede=_unit(
                {term: 1.0 + math.log(count) for term, count in item.lede_terms}, scale.term_idf
            ),
            entities=_unit(dict.fromkeys(item.entities, 1.0), scale.entity_idf),
            places=_unit(dict.fromkeys(item.places, 1.0), scale.entity_idf),
            keys=tuple(
                [f"t:{t}" for t in ranked[:INDEXED_TERMS]] + [f"e:{e}" for e in item.entities]
            ),
        )

    def _candidates(self, item: StoryFeatures) -> list[str]:
        """The stories worth scoring (see ``MAX_CANDIDATES``): their cost does not grow
        with the corpus."""
        weighted = [(f"t:{t}", (1.0 + math.log(c)) * self._term_idf(t)) for t, c in item.terms]
        weights = heapq.nlargest(QUERY_TERMS, weighted, key=lambda kv: (kv[1], kv[0]))
        weights += [(f"e:{e}", self._entity_idf(e)) for e in sorted(item.entities)]
        hits: dict[str, float] = {}
        for key, weight in weights:
            posting = self.postings.get(key)
            if not posting or len(posting) > MAX_POSTING:
                continue
            for story_id in islice(reversed(posting), POSTING_DEPTH):
                hits[story_id] = hits.get(story_id, 0.0) + weight
        return heapq.nsmallest(MAX_CANDIDATES, hits, key=lambda s: (-hits[s], s))

    def _article_profile(self, item: StoryFeatures) -> Profile:
        """A new article: its vectors exactly unit length under the current IDF."""
        return _single(item, self._member(item))

    def _member_profile(self, article_id: str) -> Profile:
        return _single(self.features[article_id], self._members[article_id])

    def _story_profile(self, story_id: str) -> Profile:
        """The story's members summed (a view of its counters, not a copy)."""
        story = self.stories[story_id]
        days = story.published
        return Profile(
            size=len(story.members),
            text=story.text,
            lede=story.lede,
            entities=story.entities,
            places=story.places,
            dated=story.dated,
            first=min(days) if days else None,
            last=max(days) if days else None,
            leads=story.leads,
            casts=story.casts,
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


def _dated(item: StoryFeatures) -> Dated:
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


def _cast(item: StoryFeatures) -> Cast:
    """What the cast term reads of an article: its principals, its entity keys and the
    day it was published."""
    return item.principals, item.entities, item.published


def _cast_conflict(a: Cast, b: Cast, params: Similarity) -> bool:
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
        if _cast_conflict(cast_a, cast_b, params)
    )


def _single(item: StoryFeatures, member: _Member) -> Profile:
    """One article as a profile of size one."""
    return Profile(
        size=1,
        text=member.text,
        lede=member.lede,
        entities=member.entities,
        places=member.places,
        dated={_dated(item): 1} if item.dates else {},
        first=item.published,
        last=item.published,
        leads={item.lead: 1} if item.lead else {},
        casts={_cast(item): 1} if item.principals else {},
    )


def _without(whole: Profile, part: Profile) -> Profile:
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


def _weighted(vectors: list[Mapping[str, float]], idf: Callable[[str], float]) -> np.ndarray:
    """IDF-free vectors as the rows of a dense, IDF-weighted matrix."""
    columns: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for row, vector in enumerate(vectors):
        for key, value in vector.items():
            rows.append(row)
            cols.append(columns.setdefault(key, len(columns)))
            values.append(value * idf(key))
    matrix = np.zeros((len(vectors), max(1, len(columns))))
    matrix[rows, cols] = values
    return matrix


def idf(documents: int, frequency: int) -> float:
    """Smoothed inverse document frequency of a key held by ``frequency`` of
    ``documents`` articles."""
    return math.log((1 + documents) / (1 + frequency)) + 1.0


def _touch(posting: dict[str, None], story_id: str) -> None:
    """Put the story at the recent end of a posting list."""
    posting.pop(story_id, None)
    posting[story_id] = None


def _drop(counter: Counter[Any], keys: Iterable[Any]) -> None:
    for key in keys:
        counter[key] -= 1
        if counter[key] <= 0:
            del counter[key]


def _cached(idf: Callable[[str], float]) -> Callable[[str], float]:
    """``idf`` remembered for the keys it has been asked (one rescaling pass)."""
    memo: dict[str, float] = {}

    def lookup(key: str) -> float:
        value = memo.get(key)
        if value is None:
            value = memo[key] = idf(key)
        return value

    return lookup


def _unit(vector: Mapping[str, float], idf: Callable[[str], float]) -> dict[str, float]:
    """An IDF-free vector rescaled so that, IDF-weighted, it has unit length."""
    norm = math.sqrt(sum((value * idf(key)) ** 2 for key, value in vector.items()))
    if not norm:
        return dict(vector)
    return {key: value / norm for key, value in vector.items()}


def _dot(a: Mapping[str, float], b: Mapping[str, float], idf: Callable[[str], float]) -> float:
    """The dot product of two IDF-free vectors once both are IDF-weighted."""
    if len(a) > len(b):
        a, b = b, a
    total = 0.0
    for key, weight in a.items():
        other = b.get(key)
        if other:
            total += weight * other * idf(key) ** 2
    return total


def average_linkage(similarities: np.ndarray, threshold: float) -> list[int]:
    """Group labels by average-linkage agglomeration: merge the two groups of highest mean
    pairwise similarity while it reaches the threshold (ties: lowest indexes)."""
    count = len(similarities)
    sums = similarities.astype(float).copy()
    sizes = np.ones(count)
    alive = np.ones(count, dtype=bool)
    labels = list(range(count))
    while True:
        means = sums / np.outer(sizes, sizes)
        means[~alive, :] = -np.inf
        means[:, ~alive] = -np.inf
        np.fill_diagonal(means, -np.inf)
        flat = int(np.argmax(means))
        i, j = divmod(flat, count)
        if not means[i, j] >= threshold:
            break
        i, j = min(i, j), max(i, j)
        sums[i] += sums[j]
        sums[:, i] += sums[:, j]
        sizes[i] += sizes[j]
        alive[j] = False
        labels = [i if label == j else label for label in labels]
    return labels
