"""What story clustering knows about one article: ``StoryFeatures``, built from the stored
``Article`` and ``Annotation`` alone (articles are clustered after they are stored, when
no parse is at hand).

    terms      content words of title and body (case-folded, lightly stemmed, stop words
               and reporting verbs dropped) and figures (``31-24``, ``10,000`` as
               ``10000``, ``5.4``: a score, a toll or a magnitude two reports share
               says they are one happening) with their counts; the title and the lede
               (the first paragraphs, about ``LEAD_CHARS`` characters) count twice, and
               so do the words of named entities (proper nouns say which happening;
               common words only what kind). IDF weighting happens in the index, whose
               document frequencies grow as articles arrive.
    entities   transliteration-insensitive keys (``rashomon.resolve.names.name_key``) of
               the named actors, places and events mentioned, by the name their chain
               has in the article (``named_mentions``), and the surname of each person
               named in full (``entity_names``: each as written most often, for display).
    places     the subset of entity keys that name places (GPE, LOC, FAC, geocoded).
    dates      TIMEX3 values of the DATE expressions in the lede: ``2009-03-03`` (day),
               ``2009-03`` (month) or ``2009`` (year), and days and months whose year
               is unknown (``XXXX-08-23``, ``XXXX-08``: no publication date to resolve
               them against); weekdays, seasons, references and ranges are left out.
               A report says when its happening happened in its first lines; the dates
               further down are mostly background (last season, the 1973 law, the
               previous election) and would make two reports of one happening
               conflict.
    signature  the MinHash signature of the body's word 5-gram shingles (``minhash``),
               for near-duplicate and syndicated-copy detection.
    lead       the person the article is about, when one stands out (``lead_person``):
               two reports of one kind of happening about two different people (two
               coaches fired, two players arrested) are two stories.
    principals the people the lede names who are mentioned at least
               ``PRINCIPAL_MIN_MENTIONS`` times in the article (``principals``): the
               participants of its happening. Two reports that each name a principal
               the other never mentions (one fight of a boxer against one opponent, his
               next against another) are two happenings (``signals.cast_conflict``).

The labels and the ignored words are in ``data/cluster.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from rashomon.clean.titles import lede_title
from rashomon.lexicons import read_data, stopwords, word_list
from rashomon.records import Annotation, Article
from rashomon.resolve.labels import is_name
from rashomon.resolve.names import (
    drops_middle_names,
    is_short_form,
    name_key,
)
from rashomon.resolve.names import words as name_words

from .minhash import signature, words

# the title and the lede say what happened; they count this many times
LEAD_WEIGHT = 2
# terms shorter than this (after stemming) are noise: initials, stray letters
MIN_TERM_CHARS = 3
# the lede: the first paragraphs, up to the one that reaches this many characters
LEAD_CHARS = 300
# the words of named entities (proper nouns) count this many times in the text terms
NAME_WEIGHT = 2

_DATE_VALUE = re.compile(r"^(?:\d{4}|XXXX(?=-))(?:-\d{2}(?:-\d{2})?)?$")
# "Microsoft's" is a mention of Microsoft
_POSSESSIVE = re.compile(r"['’]s$")
# a thousands separator: "10,000" is one figure
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


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
    lead: str | None = None
    lede_terms: tuple[tuple[str, int], ...] = ()
    headline: bool = True  # the title is the article's own, not its shortened lede
    principals: frozenset[str] = frozenset()

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
            "lead": self.lead,
            "lede_terms": [[term, count] for term, count in self.lede_terms],
            "headline": self.headline,
            "principals": sorted(self.principals),
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
            lead=data.get("lead"),
            lede_terms=tuple((str(t), int(c)) for t, c in data.get("lede_terms", ())),
            headline=bool(data.get("headline", True)),
            principals=frozenset(str(p) for p in data.get("principals", ())),
        )


def named_mentions(annotation: Annotation) -> list[tuple[str, str, str, int]]:
    """(name, label, text, start) of each named mention. When the entities stage ran, actors and
    places are linked within the article and carry the corrected label (``Reid`` is
    named ``Tara Reid``; ``the US ambassador`` names the ambassador); the model's other
    mentions (events, products, works) come as the model found them."""
    linked = [(m.name, m.label, m.text, m.start) for m in annotation.entity_mentions]
    spans = {(m.start, m.end) for m in annotation.entity_mentions}
    return linked + [
        (m.text, m.label, m.text, m.start)
        for m in annotation.mentions
        if (m.start, m.end) not in spans and is_name(m.text)
    ]


def story_features(article: Article, annotation: Annotation) -> StoryFeatures:
    """The clustering features of a stored article and its annotation (pure)."""
    lexicon = cluster_lexicon()
    keys: Counter[str] = Counter()
    named: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    places: set[str] = set()
    paragraphs = article.paragraphs
    lede, lede_end = "", 0
    if paragraphs:
        last = next(
            (p for p in paragraphs if p.end - paragraphs[0].start >= LEAD_CHARS), paragraphs[-1]
        )
        lede, lede_end = article.text[paragraphs[0].start : last.end], last.end
    mentions = named_mentions(annotation)
    for name, label, text, _ in mentions:
        if label not in lexicon.entity_labels:
            continue
        key = name_key(name, label)
        if not key:
            continue
        keys[key] += 1
        if label == "PERSON" and " " in key:
            # "Brennan" alone in one article is the "Dale Brennan" of another
            surname = key.rsplit(" ", 1)[1]
            keys[surname] += 1
            written.setdefault(surname, Counter())[name.split()[-1]] += 1
        named.update(terms(text, lexicon.ignored))
        written.setdefault(key, Counter())[" ".join(name.split())] += 1
        if label in lexicon.place_labels:
            places.add(key)
    for geocoded in annotation.places:
        key = name_key(geocoded.place.name, "GPE")
        if key:
            places.add(key)
    counts = Counter(terms(article.text, lexicon.ignored))
    opening = Counter(terms(article.title or "", lexicon.ignored))
    opening.update(terms(lede, lexicon.ignored))
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
            if t.type == "DATE" and t.value and _DATE_VALUE.match(t.value) and t.start < lede_end
        ),
        signature=signature(article.text),
        entity_names=tuple(sorted((key, written[key].most_common(1)[0][0]) for key in keys)),
        lead=_lead(mentions),
        lede_terms=tuple(sorted(opening.items())),
        headline=article.title is not None and article.title != lede_title(article.text),
        principals=principals(mentions, keys, lede_end),
    )


# a person the lede names is a principal of the happening when the article mentions them
# at least this many times (a passing name in the lede is not)
PRINCIPAL_MIN_MENTIONS = 2


def principals(
    mentions: list[tuple[str, str, str, int]], counts: Mapping[str, int], lede_end: int
) -> frozenset[str]:
    """The keys of the people named before ``lede_end`` whose keys ``counts`` (mentions
    in the article) holds at least ``PRINCIPAL_MIN_MENTIONS`` times."""
    found = set()
    for name, label, _, start in mentions:
        if label == "PERSON" and start < lede_end:
            key = name_key(name, label)
            if key and counts.get(key, 0) >= PRINCIPAL_MIN_MENTIONS:
                found.add(key)
    return frozenset(found)


LEAD_MIN_MENTIONS = 3
LEAD_DOMINANCE = 2.0


def lead_person(annotation: Annotation) -> str | None:
    """The person the article is mostly about, as written in full: the PERSON mentioned
    most (a surname alone counts for the one full name in the article it ends), at least
    ``LEAD_MIN_MENTIONS`` times and ``LEAD_DOMINANCE`` times as often as anyone else."""
    return _lead(named_mentions(annotation))


def _lead(mentions: list[tuple[str, str, str, int]]) -> str | None:
    """``lead_person`` from the article's ``named_mentions``."""
    people = [" ".join(n.split()) for n, label, _, _ in mentions if label == "PERSON"]
    people = [t for t in people if name_key(t)]
    full = sorted({t for t in people if len(name_words(t)) > 1}, key=lambda t: (-len(t), t))
    counts: Counter[str] = Counter()
    for text in people:
        longer = [t for t in full if is_short_form(text, t) or drops_middle_names(text, t)]
        counts[longer[0] if len(longer) == 1 else text] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < LEAD_MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[1][1] * LEAD_DOMINANCE > ranked[0][1]:
        return None
    return ranked[0][0]


def terms(text: str, ignored: frozenset[str]) -> Iterable[str]:
    """The content words of ``text``, stemmed (``killed``/``killing`` -> ``kill``), and its
    figures as written (without thousands separators)."""
    for word in words(_THOUSANDS.sub("", text)):
        word = _POSSESSIVE.sub("", word)
        if word in ignored:
            continue
        term = stem(word) if any(ch.isalpha() for ch in word) else word
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
