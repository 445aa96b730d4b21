"""Links an article's entity chains to the corpus's entities, incrementally.

A chain (the mentions of one name in one article) joins an existing entity when:
- one of the entity's spellings is the same name (``same_name``: ``Khaled Al-Rudaini`` =
  ``Khalid Al-Rudainy``), for an entity of the same kind; or
- it is a person name and exactly one person entity is known by a name it is part of
  or that is part of it, last word kept (``Erdoğan``, ``Tayyip Erdogan``, ``Recep
  Tayyip Erdoğan``; ``Raad al-Khafaji``, ``Raad Hussein al-Khafaji``), and by no name
  that does not fit (an entity also known as ``Emine Erdoğan`` is not ``Recep Tayyip
  Erdoğan``).
A name that is one of the corpus's outlets is an organization whatever the model said.
Otherwise it becomes a new entity. Conservative by design: two people who share a
surname stay apart, and a bare surname shared by two known people links to neither.
The ``EntityIndex`` protocol is the store's side (``rashomon.store.sqlite``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from rashomon.records import EntityMention

from .names import (
    fold,
    is_part_of,
    name_key,
    same_name,
    skeleton,
    words,
)

# entity kinds that may link: the model confuses GPE, LOC and FAC, and keeps NORP apart
_KINDS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


def kind(label: str) -> str:
    return _KINDS.get(label, label)


@dataclass(frozen=True, kw_only=True, slots=True)
class KnownName:
    """One spelling of a known entity."""

    entity_id: int
    name: str
    label: str


class EntityIndex(Protocol):
    def by_key(self, key: str) -> list[KnownName]: ...
    def by_last_key(self, key: str) -> list[KnownName]: ...
    def new_entity(self, name: str, label: str) -> int: ...
    def add_name(self, entity_id: int, name: str) -> None: ...


@dataclass(frozen=True, kw_only=True, slots=True)
class NameKeys:
    key: str
    last_key: str
    words: int


def name_keys(name: str) -> NameKeys:
    parts = words(name)
    return NameKeys(
        key=name_key(name),
        last_key=skeleton(parts[-1]) if parts else "",
        words=len(parts),
    )


def link_chains(
    mentions: Sequence[EntityMention],
    index: EntityIndex,
    outlets: frozenset[str] = frozenset(),
) -> dict[str, int]:
    """Chain name -> entity id for one article's mentions (new entities are created).
    ``outlets`` are the corpus's outlet names, folded (``fold``)."""
    chains: dict[str, str] = {}
    for mention in mentions:
        label = "ORG" if fold(mention.name).removeprefix("the ") in outlets else mention.label
        chains.setdefault(mention.name, label)
    # full names first, so that a surname in the same batch finds its person
    ordered = sorted(chains.items(), key=lambda item: -len(words(item[0])))
    linked: dict[str, int] = {}
    for name, label in ordered:
        if not words(name):
            continue
        entity_id = _existing(name, label, index)
        if entity_id is None:
            entity_id = index.new_entity(name, label)
        index.add_name(entity_id, name)
        linked[name] = entity_id
    return linked


def _existing(name: str, label: str, index: EntityIndex) -> int | None:
    keys = name_keys(name)
    same = _ids(
        known
        for known in index.by_key(keys.key)
        if kind(known.label) == kind(label) and same_name(known.name, name)
    )
    if same:
        return min(same)
    if label == "PERSON":
        return _one_person(name, keys, index)
    return None


def _one_person(name: str, keys: NameKeys, index: EntityIndex) -> int | None:
    """The one known person ``name`` is a part of, or who is a part of it: ``Tayyip
    Erdogan`` and ``Erdoğan`` of ``Recep Tayyip Erdoğan`` and the other way round. A
    person known by a name that does not fit (``Emine Erdoğan``, ``Hafez al-Assad``)
    is someone else; two people who fit make the name ambiguous, and it links to
    neither. Fuller names decide first: a bare surname known on its own is the fallback."""
    last = words(name)[-1]
    fuller = [k for k in index.by_last_key(keys.last_key) if k.label == "PERSON"]
    bare = [
        k for k in index.by_key(keys.last_key) if k.label == "PERSON" and same_name(k.name, last)
    ]
    misfit = {k.entity_id for k in [*fuller, *bare] if not _fits(name, k.name)}
    for known in (fuller, bare):
        owners = {k.entity_id for k in known if _fits(name, k.name)} - misfit
        if owners:
            return owners.pop() if len(owners) == 1 else None
    return None


def _fits(name: str, known: str) -> bool:
    return same_name(known, name) or is_part_of(name, known) or is_part_of(known, name)


def _ids(names: Iterable[KnownName]) -> set[int]:
    return {known.entity_id for known in names}


class MemoryIndex:
    """An ``EntityIndex`` in memory, for evaluation and for callers without a store."""

    def __init__(self) -> None:
        self.names: dict[int, list[str]] = {}
        self.labels: dict[int, str] = {}
        self._by_key: dict[str, list[KnownName]] = {}
        self._by_last: dict[str, list[KnownName]] = {}

    def by_key(self, key: str) -> list[KnownName]:
        return self._by_key.get(key, [])

    def by_last_key(self, key: str) -> list[KnownName]:
        return self._by_last.get(key, [])

    def new_entity(self, name: str, label: str) -> int:
        entity_id = len(self.labels) + 1
        self.labels[entity_id] = label
        self.names[entity_id] = []
        return entity_id

    def add_name(self, entity_id: int, name: str) -> None:
        if name in self.names[entity_id]:
            return
        self.names[entity_id].append(name)
        known = KnownName(entity_id=entity_id, name=name, label=self.labels[entity_id])
        keys = name_keys(name)
        self._by_key.setdefault(keys.key, []).append(known)
        if keys.words > 1:
            self._by_last.setdefault(keys.last_key, []).append(known)
