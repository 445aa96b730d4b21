"""What story clustering knows about one article: ``StoryFeatures``, built from the stored
``Article`` and ``Annotation`` alone (articles are clustered after they are stored, when
no parse is at hand).

    terms      content words of title and body (case-folded, lightly stemmed, stop words
               and reporting verbs dropped) with their counts; the title and the lede
               (the first paragraphs, about ``LEAD_CHARS`` characters) count twice, and
               so do the words of named entities (proper nouns say which happening;
               common words only what kind). IDF weighting happens in the index, whose
               document frequencies grow as articles arrive.
    entities   transliteration-insensitive keys (``rashomon.resolve.names.name_key``) of
               the named actors, places and events mentioned (``entity_names``: each as
               written most often, for display).
    places     the subset of entity keys that name places (GPE, LOC, FAC, geocoded).
    dates      resolved TIMEX3 values of DATE expressions: ``2009-03-03`` (day),
               ``2009-03`` (month) or ``2009`` (year); unresolved values (``XXXX-08-23``)
               and ranges are left out.
    signature  the MinHash signature of the body's word 5-gram shingles (``minhash``),
               for near-duplicate and syndicated-copy detection.

The labels and the ignored words are in ``data/cluster.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from rashomon.lexicons import read_data, stopwords, word_list
from rashomon.records import Annotation, Article
from rashomon.resolve.names import name_key

from .minhash import signature, words

# the title and the lede say what happened; they count this many times
LEAD_WEIGHT = 2
# terms shorter than this (after stemming) are noise: initials, stray letters
MIN_TERM_CHARS = 3
# the lede: the first paragraphs, up to the one that reaches this many characters
LEAD_CHARS = 300
# the words of named entities (proper nouns) count this many times in the text terms
NAME_WEIGHT = 2
KEEP_NUMBERS = False

_DATE_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True, kw_only=True, slots=True)
class ClusterLexicon:
    entity_labels: frozenset[str]
    place_labels: frozenset[str]
    ignored: frozenset[str]


@cache
def cluster_lexicon() -> ClusterLexicon:
    raw = tomllib.loads(read_data("cluster.toml"))
    labels = raw["labels"]
    return ClusterLexicon(
        entity_labels=frozenset(
            v.upper() for v in word_list(labels["entities"], "cluster.toml: labels.entities")
        ),
        place_labels=frozenset(
            v.upper() for v in word_list(labels["places"], "cluster.toml: labels.places")
        ),
        ignored=frozenset(word_list(raw["terms"]["ignore"], "cluster.toml: terms.ignore"))
        | stopwords().get("en", frozenset()),
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class StoryFeatures:
    """One article as the story index sees it (see the module docstring)."""

    article_id: str
    source: str | None
    published: date | None
    title: str | None
    terms: tuple[tuple[str, int], ...]
    entities: frozenset[str]
    places: frozenset[str]
    dates: frozenset[str]
    signature: tuple[int, ...]
    entity_names: tuple[tuple[str, str], ...] = ()

    @property
    def names(self) -> dict[str, str]:
        """Entity key -> the name as most often written in this article."""
        return dict(self.entity_names)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "terms": [[term, count] for term, count in self.terms],
            "entities": sorted(self.entities),
            "places": sorted(self.places),
            "dates": sorted(self.dates),
            "signature": list(self.signature),
            "entity_names": [[key, name] for key, name in self.entity_names],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryFeatures:
        published = data.get("published")
        return cls(
            article_id=str(data["article_id"]),
            source=data.get("source"),
            published=date.fromisoformat(published) if published else None,
            title=data.get("title"),
            terms=tuple((str(t), int(c)) for t, c in data["terms"]),
            entities=frozenset(str(e) for e in data["entities"]),
            places=frozenset(str(p) for p in data["places"]),
            dates=frozenset(str(d) for d in data["dates"]),
            signature=tuple(int(h) for h in data["signature"]),
            entity_names=tuple((str(k), str(n)) for k, n in data.get("entity_names", ())),
        )


def story_features(article: Article, annotation: Annotation) -> StoryFeatures:
    """The clustering features of a stored article and its annotation (pure)."""
    lexicon = cluster_lexicon()
    keys: Counter[str] = Counter()
    named: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    places: set[str] = set()
    for mention in annotation.mentions:
        if mention.label not in lexicon.entity_labels:
            continue
        key = name_key(mention.text, mention.label)
        if not key:
            continue
        keys[key] += 1
        named.update(terms(mention.text, lexicon.ignored))
        written.setdefault(key, Counter())[" ".join(mention.text.split())] += 1
        if mention.label in lexicon.place_labels:
            places.add(key)
    for geocoded in annotation.places:
        key = name_key(geocoded.place.name, "GPE")
        if key:
            places.add(key)
    paragraphs = article.paragraphs
    lede = ""
    if paragraphs:
        last = next(
            (p for p in paragraphs if p.end - paragraphs[0].start >= LEAD_CHARS), paragraphs[-1]
        )
        lede = article.text[paragraphs[0].start : last.end]
    counts = Counter(terms(article.text, lexicon.ignored))
    for _ in range(LEAD_WEIGHT):
        counts.update(terms(article.title or "", lexicon.ignored))
    for _ in range(LEAD_WEIGHT - 1):
        counts.update(terms(lede, lexicon.ignored))
    for _ in range(NAME_WEIGHT - 1):
        counts.update(named)
    return StoryFeatures(
        article_id=article.id,
        source=article.source,
        published=article.published.date if article.published else None,
        title=article.title,
        terms=tuple(sorted(counts.items())),
        entities=frozenset(keys),
        places=frozenset(places),
        dates=frozenset(
            t.value
            for t in annotation.times
            if t.type == "DATE" and t.value and _DATE_VALUE.match(t.value)
        ),
        signature=signature(article.text),
        entity_names=tuple(sorted((key, written[key].most_common(1)[0][0]) for key in keys)),
    )


def terms(text: str, ignored: frozenset[str]) -> Iterable[str]:
    """The content words of ``text``, stemmed (``killed``/``killing`` -> ``kill``)."""
    for word in words(text):
        if word in ignored or (KEEP_NUMBERS is False and not any(ch.isalpha() for ch in word)):
            continue
        term = stem(word)
        if len(term) >= MIN_TERM_CHARS and term not in ignored:
            yield term


def stem(word: str) -> str:
    """A light English suffix stripper: plurals, ``-ed``, ``-ing``, ``-ly`` (enough to
    match the inflections of one word; not a linguistic stemmer)."""
    if len(word) <= 4:
        return word
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word
