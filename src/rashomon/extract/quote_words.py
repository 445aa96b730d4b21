"""The quote extractor's knowledge, loaded once from data/quote_cues.toml: cue verbs by
class, source phrases, statement and outlet nouns, and how speakers are referred to."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lexicons import read_data, word_list

FILE = "quote_cues.toml"


@dataclass(frozen=True, kw_only=True, slots=True)
class QuoteWords:
    """What quote_cues.toml says, as sets of lower-case words and lemmas.

    verbs: cue verb lemma -> its class (``speech``, ``denial``, ``manner``...).
    manner_class: the class whose verbs count only beside a quotation.
    object_classes / infinitive_classes: classes whose object / to-clause is the content.
    source_phrases: word sequences whose object is a source (``according to``).
    quoting_verbs: verbs that pass on a speaker's words (``quoted X as saying``).
    images / documents: nouns that are never speakers; a document's author is.
    issued: documents that speak for their author when no author is named.
    anonymity: what an anonymous source asks for (``not to be named``), not a quote.
    """

    verbs: dict[str, str]
    manner_class: str
    object_classes: frozenset[str]
    cited_sources: frozenset[str]
    object_prepositions: frozenset[str]
    predicate_classes: frozenset[str]
    object_verbs: frozenset[str]
    cue_nouns: frozenset[str]
    colon_leads: frozenset[str]
    infinitive_classes: frozenset[str]
    refusals: frozenset[str]
    refused_acts: frozenset[str]
    particles: frozenset[str]
    particle_required: frozenset[str]
    source_phrases: tuple[tuple[str, ...], ...]
    statement_nouns: frozenset[str]
    media_prepositions: frozenset[str]
    statement_prepositions: frozenset[str]
    outlet_nouns: frozenset[str]
    addressee_verbs: frozenset[str]
    quoting_verbs: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    honorifics: frozenset[str]
    definite: frozenset[str]
    person_labels: frozenset[str]
    group_labels: frozenset[str]
    not_speakers: frozenset[str]
    inverted_cues: frozenset[str]
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    group_nouns: frozenset[str]
    generic_modifiers: frozenset[str]
    images: frozenset[str]
    documents: frozenset[str]
    issued: frozenset[str]
    author_prepositions: frozenset[str]
    place_labels: frozenset[str]
    person_relatives: frozenset[str]
    anonymity: tuple[str, ...]
    double_marks: tuple[str, ...]
    single_marks: tuple[str, ...]
    opening_marks: frozenset[str]
    dashes: tuple[str, ...]

    def verb_class(self, lemma: str) -> str | None:
        """The class of a cue verb, None when the lemma is not a cue."""
        return self.verbs.get(lemma.lower())


def _words(raw: dict[str, Any], table: str, key: str) -> frozenset[str]:
    words = word_list(raw.get(table, {}).get(key), f"{FILE}: [{table}] {key}")
    if not words:
        raise ValueError(f"{FILE}: [{table}] {key} must be a non-empty list of non-empty strings")
    return frozenset(words)


def parse_quote_words(text: str) -> QuoteWords:
    """Read the lexicon from the text of a quote_cues.toml file (checked)."""
    raw = tomllib.loads(text)
    verbs: dict[str, str] = {}
    for name in raw.get("verbs", {}):
        for lemma in _words(raw, "verbs", name):
            if lemma in verbs:
                raise ValueError(f"{FILE}: cue verb {lemma!r} is in {verbs[lemma]!r} and {name!r}")
            verbs[lemma] = name
    classes = set(raw.get("verbs", {}))
    object_classes = _words(raw, "complements", "object_classes")
    infinitive_classes = _words(raw, "complements", "infinitive_classes")
    predicate_classes = _words(raw, "complements", "predicate_classes")
    unknown = (object_classes | infinitive_classes | predicate_classes) - classes
    if unknown or "manner" not in classes:
        raise ValueError(f"{FILE}: unknown verb classes {sorted(unknown)} (or no 'manner')")
    return QuoteWords(
        verbs=verbs,
        manner_class="manner",
        object_classes=object_classes,
        object_prepositions=_words(raw, "complements", "object_prepositions"),
        predicate_classes=predicate_classes,
        object_verbs=_words(raw, "complements", "object_verbs"),
        cited_sources=_words(raw, "complements", "cited_sources"),
        cue_nouns=_words(raw, "nouns", "cues"),
        colon_leads=_words(raw, "nouns", "colon_leads"),
        infinitive_classes=infinitive_classes,
        refusals=_words(raw, "complements", "refusals"),
        refused_acts=_words(raw, "complements", "refused_acts"),
        particles=_words(raw, "complements", "particles"),
        particle_required=_words(raw, "complements", "particle_required"),
        source_phrases=tuple(
            sorted((tuple(p.split()) for p in _words(raw, "phrases", "source")), key=len)
        ),
        statement_nouns=_words(raw, "media", "statement_nouns"),
        media_prepositions=_words(raw, "media", "prepositions"),
        statement_prepositions=_words(raw, "media", "statement_prepositions"),
        outlet_nouns=_words(raw, "media", "outlet_nouns"),
        addressee_verbs=_words(raw, "media", "addressee_verbs"),
        quoting_verbs=_words(raw, "media", "quoting_verbs"),
        person_pronouns=_words(raw, "speakers", "person_pronouns"),
        group_pronouns=_words(raw, "speakers", "group_pronouns"),
        relative_pronouns=_words(raw, "speakers", "relative_pronouns"),
        honorifics=_words(raw, "speakers", "honorifics"),
        definite=_words(raw, "speakers", "definite"),
        person_labels=frozenset(v.upper() for v in _words(raw, "speakers", "person_labels")),
        group_labels=frozenset(v.upper() for v in _words(raw, "speakers", "group_labels")),
        not_speakers=_words(raw, "speakers", "not_speakers"),
        inverted_cues=_words(raw, "speakers", "inverted_cues"),
        male_titles=_words(raw, "speakers", "male_titles"),
        female_titles=_words(raw, "speakers", "female_titles"),
        group_nouns=_words(raw, "speakers", "group_nouns"),
        generic_modifiers=_words(raw, "speakers", "generic_modifiers"),
        images=_words(raw, "speakers", "images"),
        documents=_words(raw, "speakers", "documents"),
        issued=_words(raw, "speakers", "issued"),
        author_prepositions=_words(raw, "speakers", "author_prepositions"),
        place_labels=frozenset(v.upper() for v in _words(raw, "speakers", "place_labels")),
        person_relatives=_words(raw, "speakers", "person_relatives"),
        anonymity=_longest_first(_words(raw, "speakers", "anonymity")),
        double_marks=_longest_first(_words(raw, "marks", "double")),
        single_marks=_longest_first(_words(raw, "marks", "single")),
        opening_marks=_words(raw, "marks", "opening"),
        dashes=_longest_first(_words(raw, "marks", "dashes")),
    )


def _longest_first(values: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(values, key=lambda v: (-len(v), v)))


@cache
def quote_words() -> QuoteWords:
    """The lexicon from rashomon/data/quote_cues.toml, loaded once per process."""
    text = read_data(FILE)
    return parse_quote_words(text)
