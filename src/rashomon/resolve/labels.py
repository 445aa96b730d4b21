"""A rule layer over the model's entity types, for its systematic errors: an outlet's
name is an organization (the article's own outlet, a known outlet, a name after ``the
daily`` or ``broadcaster``), a name holding an organization word (``Kataeb Hezbollah``,
``Popular Mobilization Units``) is an organization unless it is a known place (``West
Bank``), a name after a personal title (``Ambassador Romanowski``) is a person, a name
after a place cue (``the village of Hermel``) is a place, and what cannot be a name
(``GMT``, ``html``, ``U``) is no entity (``NOT_A_NAME``). Over a whole article
(``corrected_labels``), a name tagged as a person that the article or the gazetteer
knows as a place, and never names in full as a person, is that place (``Douma was
pounded``). Word lists are in ``data/entities.toml``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Protocol

from rashomon.extract.time_words import time_words
from rashomon.records import Mention

from .lexicon import entity_lexicon
from .names import fold, same_word, words

_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+)")
# the label of a mention that is no name at all: callers drop it
NOT_A_NAME = ""
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


class KnownPlace(Protocol):
    """The country of each place the gazetteer knows by ``name`` (a country, region or
    area, or a town of ``min_population``, only under its own name with ``own_name``;
    a demonym's country), empty for none: ``rashomon.resolve.countries.known_place``."""

    def __call__(
        self, name: str, min_population: int, *, own_name: bool = False
    ) -> tuple[str, ...]: ...


def corrected_label(
    mention: Mention,
    text: str,
    source: str | None = None,
    known_place: KnownPlace | None = None,
) -> str:
    """The entity type of ``mention`` after the rules; the model's label when none apply."""
    lexicon = entity_lexicon()
    label = mention.label
    if not is_name(mention.text):
        return NOT_A_NAME
    if is_outlet(mention.text, source):
        return "ORG"
    before = text[max(0, mention.start - 40) : mention.start]
    title = _WORD_BEFORE.search(before)
    if (
        label in ("PERSON", "GPE", "NORP")
        and title
        and title.group(1).casefold() in (lexicon.outlet_cues)
    ):
        return "ORG"  # "the Kurdish broadcaster Rudaw"
    org_word = has_org_word(mention.text)
    if (
        label in ("PERSON", "GPE", "NORP")
        and len(mention.text.split()) > 1
        and org_word
        and not (label == "GPE" and _known(mention.text, 0, known_place))
    ):
        return "ORG"  # "Kataeb Hezbollah", but "the West Bank" is a place
    if label in ("PERSON", "NORP") and org_word:
        return "ORG"  # "Hezbollah", "Hamas" alone
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


def corrected_labels(
    mentions: Sequence[Mention],
    text: str,
    source: str | None = None,
    known_place: KnownPlace | None = None,
) -> tuple[str, ...]:
    """The entity type of each of an article's mentions: ``corrected_label``, then a
    name tagged PERSON is a place when the article also tags it a place, or when the
    gazetteer knows it by that name as one country, region or town of
    ``place_min_population`` in the countries the article's other places or demonyms
    name; provided the article never names it in full as a person (``Ahmed Douma``,
    ``Elizabeth Warren``), no title precedes it and no speech verb follows it (``Douma
    said``): ``Douma was pounded``, ``Rojava's administration``. The places and the
    entities stages both read these labels."""
    labels = [corrected_label(m, text, source, known_place) for m in mentions]
    places = {
        fold(_bare(m.text)) for m, label in zip(mentions, labels, strict=True) if label in _PLACES
    }
    people: dict[str, list[int]] = {}
    for i, (mention, label) in enumerate(zip(mentions, labels, strict=True)):
        if label == "PERSON" and mention.label == "PERSON":
            people.setdefault(fold(_bare(mention.text)), []).append(i)
    lexicon = entity_lexicon()
    frame: frozenset[str] | None = None  # the article's countries, found when needed
    for name, indexes in people.items():
        named = [mentions[i] for i in indexes]
        if any(titled(text, m.start) or speaks(text, m.end) for m in named):
            continue
        surface = _bare(named[0].text)
        if any(
            label in _ACTORS - _PLACES and _within(surface, _bare(m.text))
            for m, label in zip(mentions, labels, strict=True)
        ):
            continue  # "Douma" of "Ahmed Douma", "Elizabeth" of "Elizabeth Warren"
        if name not in places:
            if known_place is None:
                continue
            countries = known_place(surface, lexicon.place_min_population, own_name=True)
            if not countries:
                continue
            if frame is None:
                frame = _frame(mentions, labels, known_place)
            if sum(country in frame for country in countries) != 1:
                continue  # "Obama" is a town in Japan; "Alexandria" three in the US
        for i in indexes:
            labels[i] = "GPE"
    return tuple(labels)


def _frame(
    mentions: Sequence[Mention], labels: Sequence[str], known_place: KnownPlace
) -> frozenset[str]:
    """The countries the article's places and demonyms name, each place that can be
    in one country only (``Syria``, ``Syrian``, ``Eastern Ghouta``)."""
    countries: set[str] = set()
    min_population = entity_lexicon().place_min_population
    for name in {
        _bare(m.text)
        for m, label in zip(mentions, labels, strict=True)
        if label in _PLACES or label == "NORP"
    }:
        found = set(known_place(name, min_population, own_name=True))
        if len(found) == 1:
            countries |= found
    return frozenset(countries)


def _within(part: str, whole: str) -> bool:
    """The words of ``part`` are words of the longer name ``whole``, in a row."""
    small, big = words(part), words(whole)
    if not small or len(small) >= len(big):
        return False
    return any(
        all(same_word(a, b) for a, b in zip(small, big[i : i + len(small)], strict=True))
        for i in range(len(big) - len(small) + 1)
    )


def _known(name: str, min_population: int, known_place: KnownPlace | None) -> bool:
    """The gazetteer knows a place by this very name."""
    return known_place is not None and bool(known_place(_bare(name), min_population, own_name=True))


def is_outlet(name: str, source: str | None = None) -> bool:
    """``name`` is the article's outlet (``source``) or a known news outlet."""
    folded = fold(_bare(name))
    if source and folded == fold(_bare(source)):
        return True
    return folded in _outlets()


@cache
def _outlets() -> frozenset[str]:
    return frozenset(fold(_bare(outlet)) for outlet in entity_lexicon().outlets)


def _bare(name: str) -> str:
    """A name without a leading ``the`` and a trailing possessive."""
    return re.sub(r"['’]s$", "", re.sub(r"^(?:the|The)\s+", "", name.strip()))


def titled(text: str, start: int) -> bool:
    """A personal title ends right before ``start`` (``Ambassador Romanowski``)."""
    title = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return title is not None and title.group(1).casefold() in entity_lexicon().person_titles


def speaks(text: str, end: int) -> bool:
    """A speech verb follows ``end`` (``Erdoğan said``)."""
    following = _WORD_AFTER.match(text, end)
    return following is not None and (
        following.group(1).casefold() in entity_lexicon().person_verbs
    )


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
