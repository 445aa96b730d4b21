"""The entity knowledge files, loaded once: ``data/entities.toml`` (label corrections,
role nouns, metonym verbs) and ``data/aliases.tsv`` (acronyms, aliases, metonyms)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Literal

from rashomon.lexicons import read_data, read_tsv, word_list

from .names import fold, words

AliasKind = Literal["alias", "acronym", "metonym"]
LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


@dataclass(frozen=True, kw_only=True, slots=True)
class Alias:
    alias: str
    name: str
    label: str
    kind: AliasKind


@dataclass(frozen=True, kw_only=True, slots=True)
class EntityLexicon:
    org_words: frozenset[str]
    outlets: tuple[str, ...]
    outlet_cues: frozenset[str]
    person_titles: frozenset[str]
    person_verbs: frozenset[str]
    place_cues: tuple[str, ...]
    locatives: frozenset[str]
    place_min_population: int
    role_nouns: tuple[str, ...]
    role_modifiers_max: int
    places_of_office: tuple[str, ...]
    not_current: frozenset[str]
    acronym_skip: frozenset[str]
    metonym_verbs: frozenset[str]
    aliases: dict[str, Alias]  # by folded alias


@cache
def entity_lexicon() -> EntityLexicon:
    raw = tomllib.loads(read_data("entities.toml"))
    labels, roles = raw["labels"], raw["roles"]
    return EntityLexicon(
        org_words=frozenset(
            w
            for entry in word_list(labels["org_words"], "entities.toml: labels.org_words")
            for w in words(entry)
        ),
        outlets=word_list(labels["outlets"], "entities.toml: labels.outlets"),
        outlet_cues=frozenset(
            word_list(labels["outlet_cues"], "entities.toml: labels.outlet_cues")
        ),
        person_titles=frozenset(
            word_list(labels["person_titles"], "entities.toml: labels.person_titles")
        ),
        person_verbs=frozenset(
            word_list(labels["person_verbs"], "entities.toml: labels.person_verbs")
        ),
        place_cues=word_list(labels["place_cues"], "entities.toml: labels.place_cues"),
        locatives=frozenset(word_list(labels["locatives"], "entities.toml: labels.locatives")),
        place_min_population=int(labels["place_min_population"]),
        role_nouns=tuple(
            sorted(word_list(roles["nouns"], "entities.toml: roles.nouns"), key=len, reverse=True)
        ),
        role_modifiers_max=int(roles["modifiers_max"]),
        places_of_office=word_list(
            roles["places_of_office"], "entities.toml: roles.places_of_office"
        ),
        not_current=frozenset(word_list(roles["not_current"], "entities.toml: roles.not_current")),
        acronym_skip=frozenset(
            word_list(roles["acronym_skip"], "entities.toml: roles.acronym_skip")
        ),
        metonym_verbs=frozenset(
            word_list(raw["metonyms"]["verbs"], "entities.toml: metonyms.verbs")
        ),
        aliases=_aliases(),
    )


def _aliases() -> dict[str, Alias]:
    table: dict[str, Alias] = {}
    for number, row in enumerate(read_tsv("aliases.tsv"), start=1):
        alias, name, label, kind = (row.get(k) or "" for k in ("alias", "name", "label", "kind"))
        if (
            not alias
            or not name
            or label not in LABELS
            or kind not in ("alias", "acronym", "metonym")
        ):
            raise ValueError(
                f"aliases.tsv data row {number}: need alias, name, a label of "
                f"{', '.join(sorted(LABELS))} and a kind alias|acronym|metonym; got {row}"
            )
        table[fold(alias)] = Alias(alias=alias, name=name, label=label, kind=kind)  # type: ignore[arg-type]
    return table
