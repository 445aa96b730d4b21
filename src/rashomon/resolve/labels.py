"""A rule layer over the model's entity types, for its systematic errors: an outlet's
name is an organization, a name holding an organization word (``Kataeb Hezbollah``,
``Popular Mobilization Units``) is an organization, a name after a personal title
(``Ambassador Romanowski``) is a person, a name after a place cue (``the village of
Hermel``) is a place, and what cannot be a name (``GMT``, ``html``, ``U``) is no entity
(``NOT_A_NAME``). Word lists are in ``data/entities.toml``."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from rashomon.extract.time_words import time_words
from rashomon.records import Mention

from .lexicon import entity_lexicon
from .names import fold, same_word, words

_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")
# the label of a mention that is no name at all: callers drop it
NOT_A_NAME = ""


def corrected_label(
    mention: Mention,
    text: str,
    source: str | None = None,
    known_place: Callable[[str, int], bool] | None = None,
) -> str:
    """The entity type of ``mention`` after the rules; the model's label when none apply.
    ``known_place(name, min_population)`` says whether the gazetteer knows a place by
    that name (``rashomon.resolve.countries.known_place``)."""
    lexicon = entity_lexicon()
    label = mention.label
    if not is_name(mention.text):
        return NOT_A_NAME
    if source and fold(mention.text).removeprefix("the ") == fold(source).removeprefix("the "):
        return "ORG"
    org_word = has_org_word(mention.text)
    if label in ("PERSON", "GPE", "NORP") and len(mention.text.split()) > 1 and org_word:
        return "ORG"
    if label in ("PERSON", "NORP") and org_word:
        return "ORG"  # "Hezbollah", "Hamas" alone
    before = text[max(0, mention.start - 40) : mention.start]
    title = _WORD_BEFORE.search(before)
    if (
        label in ("ORG", "GPE", "NORP")
        and title
        and title.group(1).casefold() in lexicon.person_titles
        and mention.text[:1].isupper()
        and not org_word
    ):
        return "PERSON"
    if label in ("PERSON", "ORG", "NORP"):
        lowered = " ".join(before.casefold().split())
        if any(lowered.endswith(cue) for cue in lexicon.place_cues):
            return "GPE"
    if (
        label == "PERSON"
        and known_place is not None
        and len(mention.text.split()) <= 2
        and title
        and title.group(1).casefold() in lexicon.locatives
        and known_place(mention.text, lexicon.place_min_population)
    ):
        return "GPE"  # "flooding in Akkar"
    return label


def is_name(text: str) -> bool:
    """Whether ``text`` can be a name: a capital letter, two letters or digits or more
    (``K-1`` is an air base), and not a time zone (``data/time_words.toml``). The model
    tags web-address pieces (``nydailynews``), stray letters of split abbreviations
    (``U`` of ``U . S .``) and clock zones."""
    return (
        sum(ch.isalnum() for ch in text) >= 2
        and any(ch.isupper() for ch in text)
        and fold(text) not in _time_zones()
    )


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(fold(zone) for zone in time_words().zones)


@lru_cache(maxsize=1 << 16)  # names recur across a corpus; each test is a fuzzy scan
def has_org_word(name: str) -> bool:
    org_words = entity_lexicon().org_words
    return any(same_word(word, org) for word in words(name) for org in org_words)
