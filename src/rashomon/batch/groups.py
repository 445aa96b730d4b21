"""What lets stories and entities be worked out in independent groups, and the work done
inside one group, with the same code ``analyze`` runs (``StoryIndex``, ``link_chains``).

Stories: an article can only join a story that shares one of its index keys (its
``INDEXED_TERMS`` rarest-weighted terms, its entity keys) or, as a copy, one of its
MinHash bands; articles linked through such keys form a group. Keys held by more than
``MAX_POSTING`` articles are not followed (the story index does not follow them either).
Each group is clustered by a ``StoryIndex`` that starts with the document frequencies of
the rest of the corpus, as if the other groups had been read before it, and takes the
group's articles in input order.

Entities: a chain (one name in one article) can only join an entity found through its
name key, or, for a person, its last-word key; chains linked through such keys form a
group, and each group is linked article by article, in input order, by ``link_chains``
over an in-memory index. The decisions are those ``analyze`` makes: a chain never sees
an entity of another group.

Pure functions over records; the Spark job (``spark.py``) does the grouping.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..cluster.features import StoryFeatures
from ..cluster.minhash import PERMUTATIONS, bands
from ..cluster.records import Story
from ..cluster.stories import INDEXED_TERMS, MAX_POSTING, StoryIndex
from ..cluster.vectors import idf
from ..records import EntityMention
from ..resolve.linker import MemoryIndex, link_chains, name_keys
from ..resolve.names import words

__all__ = [
    "MAX_POSTING",
    "ArticleChains",
    "Frequencies",
    "LinkedEntity",
    "Membership",
    "chain_keys",
    "cluster_group",
    "link_group",
    "link_order",
    "story_keys",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Frequencies:
    """Document frequencies over the whole input (originals only)."""

    articles: int
    terms: dict[str, int]
    entities: dict[str, int]


@dataclass(frozen=True, kw_only=True, slots=True)
class Membership:
    """Where one article went."""

    article_id: str
    story_id: str
    duplicate_of: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class LinkedEntity:
    """An entity made in one group: ``local_id`` numbers it within the group, ``first``
    is the input position of its first chain (so ids can be given in creation order)."""

    local_id: int
    label: str
    names: tuple[str, ...]
    first: tuple[int, int]


def story_keys(features: StoryFeatures, frequencies: Frequencies) -> list[str]:
    """The keys through which the story index could bring this article together with
    another: its best-weighted terms, its entities, its MinHash bands."""
    weighted = {
        term: (1.0 + math.log(count)) * idf(frequencies.articles, frequencies.terms.get(term, 0))
        for term, count in features.terms
    }
    ranked = sorted(weighted, key=lambda t: (-weighted[t], t))[:INDEXED_TERMS]
    keys = [f"t:{t}" for t in ranked] + [f"e:{e}" for e in sorted(features.entities)]
    if len(features.signature) == PERMUTATIONS:
        keys += [f"m:{band}:{value}" for band, value in bands(features.signature)]
    return keys


def cluster_group(
    items: Iterable[tuple[int, StoryFeatures]], frequencies: Frequencies
) -> tuple[list[Membership], list[Story]]:
    """Cluster one group's articles (``(input position, features)``) into stories."""
    ordered = [features for _, features in sorted(items, key=lambda item: item[0])]
    local_terms: Counter[str] = Counter()
    local_entities: Counter[str] = Counter()
    for features in ordered:
        local_terms.update(term for term, _ in features.terms)
        local_entities.update(features.entities)
    index = StoryIndex(
        term_df=_rest(frequencies.terms, local_terms),
        entity_df=_rest(frequencies.entities, local_entities),
        originals=max(0, frequencies.articles - len(ordered)),
    )
    for features in ordered:
        index.add(features)
    members = [
        Membership(
            article_id=features.article_id,
            story_id=index.story_of[features.article_id],
            duplicate_of=index.copy_of.get(features.article_id),
        )
        for features in ordered
    ]
    return members, index.all_stories()


def _rest(whole: dict[str, int], part: Counter[str]) -> Counter[str]:
    """The frequencies of the corpus outside the group."""
    return Counter({key: whole.get(key, 0) - count for key, count in part.items()}) + Counter(
        {key: count for key, count in whole.items() if key not in part}
    )


def chain_keys(mention: EntityMention) -> list[str]:
    """The keys through which a chain could meet a known entity."""
    keys = name_keys(mention.name)
    found = [f"k:{keys.key}"]
    if mention.label == "PERSON" and keys.last_key:
        found.append(f"l:{keys.last_key}")
    return found


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleChains:
    """The chains of one article that fall in one group: its input position, its
    mentions of those chains, and each chain's place in the order ``link_chains`` links
    the whole article's chains (full names first)."""

    position: int
    article_id: str
    mentions: tuple[EntityMention, ...]
    ranks: tuple[tuple[str, int], ...]


def link_order(mentions: Sequence[EntityMention]) -> dict[str, int]:
    """Chain name -> its place in the order ``link_chains`` takes an article's chains."""
    names = list(dict.fromkeys(m.name for m in mentions))
    ordered = sorted(names, key=lambda name: -len(words(name)))
    return {name: rank for rank, name in enumerate(ordered)}


def link_group(
    chains: Iterable[ArticleChains], outlets: frozenset[str]
) -> tuple[dict[tuple[str, str], int], list[LinkedEntity]]:
    """Link one group's chains, article by article in input order. Returns (article id,
    chain name) -> local entity id, and the entities made."""
    index = MemoryIndex()
    firsts: dict[int, tuple[int, int]] = {}
    linked: dict[tuple[str, str], int] = {}
    for article in sorted(chains, key=lambda item: item.position):
        ranks = dict(article.ranks)
        for name, entity_id in link_chains(article.mentions, index, outlets).items():
            linked[(article.article_id, name)] = entity_id
            firsts.setdefault(entity_id, (article.position, ranks.get(name, 0)))
    entities = [
        LinkedEntity(
            local_id=entity_id,
            label=index.labels[entity_id],
            names=tuple(index.names[entity_id]),
            first=firsts[entity_id],
        )
        for entity_id in sorted(index.labels)
        if entity_id in firsts
    ]
    return linked, entities


def group_chains(mentions: Sequence[EntityMention]) -> Iterator[tuple[str, list[EntityMention]]]:
    """An article's entity mentions by chain name, in order of first mention."""
    chains: dict[str, list[EntityMention]] = {}
    for mention in mentions:
        chains.setdefault(mention.name, []).append(mention)
    yield from chains.items()
