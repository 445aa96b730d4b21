"""Streaming story clustering: ``StoryIndex.add`` puts each new article in the story it
reports (or opens a new one), re-clustering only the few stories near it.

One add, in order:

1. Copy check: an article whose 5-word shingles mostly match an earlier original
   (``minhash``) is a copy of it: it joins the original's story, ``duplicate_of`` names
   the original, and it adds nothing to the story's profile (one account, not two).
2. Candidates: stories sharing the article's entity keys or its highest-weighted terms,
   found through inverted indexes (key -> story ids), the best ``MAX_CANDIDATES`` by
   shared IDF weight.
3. Score against each candidate (``similarity``, which is ``signals.profile_similarity``):
   the mean over (article, member) pairs (average linkage) of the weighted cosines of
   TF-IDF term vectors (document frequencies grow as articles arrive), of IDF-weighted
   entity keys and of place keys, moved by what the dates, the lead person, the
   principals and the publication days of the two say (see ``signals``). The weights and
   the threshold are the index's ``Similarity`` (``similarity``, read from
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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

import numpy as np

from .features import StoryFeatures
from .minhash import DuplicateIndex
from .records import Assignment, Story
from .signals import (
    Cast,
    Dated,
    Profile,
    cast_key,
    dated_key,
    pairwise_similarity,
    profile_similarity,
    profile_without,
    single_profile,
)
from .similarity import Similarity, similarity_params
from .vectors import cached_idf, idf, unit

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
        """The one score that decides (``signals.profile_similarity``) under the current
        IDF."""
        return profile_similarity(a, b, self.params, self._term_idf, self._entity_idf)

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
        labels = average_linkage(
            pairwise_similarity(vectors, items, self.params, self._term_idf, self._entity_idf),
            self.params.threshold,
        )
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
                self._member_profile(member), profile_without(whole, self._member_profile(member))
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
            story.dated[dated_key(item)] += 1
        if item.published:
            story.published[item.published] += 1
        if item.lead:
            story.leads[item.lead] += 1
        if item.principals:
            story.casts[cast_key(item)] += 1
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
            _drop(story.dated, (dated_key(item),))
        if item.lead:
            _drop(story.leads, (item.lead,))
        if item.principals:
            _drop(story.casts, (cast_key(item),))
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
        term_idf, entity_idf = cached_idf(self._scale.term_idf), cached_idf(self._scale.entity_idf)
        for article_id, member in self._members.items():
            self._members[article_id] = _Member(
                text=unit(member.text, term_idf),
                lede=unit(member.lede, term_idf),
                entities=unit(member.entities, entity_idf),
                places=unit(member.places, entity_idf),
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
            text=unit(logs, scale.term_idf),
            lede=unit(
                {term: 1.0 + math.log(count) for term, count in item.lede_terms}, scale.term_idf
            ),
            entities=unit(dict.fromkeys(item.entities, 1.0), scale.entity_idf),
            places=unit(dict.fromkeys(item.places, 1.0), scale.entity_idf),
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
        return single_profile(item, self._member(item))

    def _member_profile(self, article_id: str) -> Profile:
        return single_profile(self.features[article_id], self._members[article_id])

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


def _touch(posting: dict[str, None], story_id: str) -> None:
    """Put the story at the recent end of a posting list."""
    posting.pop(story_id, None)
    posting[story_id] = None


def _drop(counter: Counter[Any], keys: Iterable[Any]) -> None:
    for key in keys:
        counter[key] -= 1
        if counter[key] <= 0:
            del counter[key]


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
