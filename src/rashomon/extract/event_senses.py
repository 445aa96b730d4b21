"""Triggers with more than one sense: whether a word names the event here or is used in
another sense ("the photos were released", "join me for a call", "beat him in the
primary", "drug investigations"). The evidence each trigger needs is data
(data/event_senses.toml); this module reads the parse against it."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lexicons import read_data

Token = Any  # a spaCy token

_FIELDS = (
    "objects",
    "not_objects",
    "not_subjects",
    "not_partners",
    "blocked_by",
    "needs_words",
    "governed_by",
    "heads",
    "not_heads",
)
_PREP_FIELDS = ("blocked_preps", "opinion_preps", "object_preps", "bare_after", "particles")
_FLAGS = (
    "no_object",
    "needs_object",
    "plural",
    "no_predicate",
    "needs_complement",
    "only_modifying",
    "no_present_clause",
)


@dataclass(frozen=True, kw_only=True, slots=True)
class WordClass:
    """Words (lemmas, lower case) and named-entity labels (upper case) of one class."""

    words: frozenset[str]
    labels: frozenset[str]

    def holds(self, token: Token) -> bool:
        return (
            token.lemma_.casefold() in self.words
            or token.lower_ in self.words
            or token.ent_type_ in self.labels
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class Sense:
    """What one trigger needs to be the event (see data/event_senses.toml)."""

    objects: tuple[WordClass, ...] = ()
    not_objects: tuple[WordClass, ...] = ()
    not_subjects: tuple[WordClass, ...] = ()
    not_partners: tuple[WordClass, ...] = ()
    blocked_by: tuple[WordClass, ...] = ()
    needs_words: tuple[WordClass, ...] = ()
    governed_by: tuple[WordClass, ...] = ()
    heads: tuple[WordClass, ...] = ()
    not_heads: tuple[WordClass, ...] = ()
    blocked_preps: frozenset[str] = frozenset()
    opinion_preps: frozenset[str] = frozenset()
    object_preps: frozenset[str] = frozenset()
    bare_after: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    no_object: bool = False
    needs_object: bool = False
    plural: bool = False
    no_predicate: bool = False
    only_modifying: bool = False
    needs_complement: bool = False
    no_present_clause: bool = False


@cache
def _raw() -> dict[str, Any]:
    return tomllib.loads(read_data("event_senses.toml"))


@cache
def _classes() -> dict[str, WordClass]:
    raw = _raw()
    classes: dict[str, WordClass] = {}
    for name, values in raw.get("classes", {}).items():
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise ValueError(f"event_senses.toml: classes.{name} must be a list of words")
        classes[name] = WordClass(
            words=frozenset(v.casefold() for v in values if not v.isupper()),
            labels=frozenset(v for v in values if v.isupper()),
        )
    return classes


def word_class(name: str) -> WordClass:
    """One class of data/event_senses.toml [classes] ("people", "groups"...)."""
    return _classes()[name]


@cache
def senses() -> dict[str, Sense]:
    """Trigger lemma -> the evidence it needs; every entry checked on load."""
    raw = _raw()
    classes = _classes()
    table: dict[str, Sense] = {}
    for lemma, entry in raw.get("trigger", {}).items():
        where = f"event_senses.toml: trigger.{lemma}"
        unknown = set(entry) - {*_FIELDS, *_PREP_FIELDS, *_FLAGS}
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        fields: dict[str, Any] = {}
        for key in _FIELDS:
            names = entry.get(key, [])
            missing = [n for n in names if n not in classes]
            if missing:
                raise ValueError(f"{where}.{key}: no class {missing} in [classes]")
            fields[key] = tuple(classes[n] for n in names)
        for key in _PREP_FIELDS:
            fields[key] = frozenset(p.casefold() for p in entry.get(key, []))
        table[lemma.casefold()] = Sense(
            no_object=bool(entry.get("no_object", False)),
            needs_object=bool(entry.get("needs_object", False)),
            plural=bool(entry.get("plural", False)),
            no_predicate=bool(entry.get("no_predicate", False)),
            only_modifying=bool(entry.get("only_modifying", False)),
            needs_complement=bool(entry.get("needs_complement", False)),
            no_present_clause=bool(entry.get("no_present_clause", False)),
            **fields,
        )
    return table


def in_sense(lemma: str, head: Token, tokens: Iterable[Token]) -> bool:
    """Whether the trigger (first lemma ``lemma``, syntactic head ``head``, its words
    ``tokens``) is used in its event sense; True for a trigger with one sense."""
    sense = senses().get(lemma)
    if sense is None:
        return True
    words = list(tokens)
    inside = {w.i for w in words}
    children = [c for t in words for c in t.children if c.i not in inside]
    objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    if not objects and head.dep_ == "conj":  # "booked into jail and later released on bond"
        objects = [c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")]
    if head.dep_ in ("acl", "amod") and head.tag_ in ("VBN", "VBD"):
        objects.append(head.head)  # "records released by the committee", "sanctioned bodies"
    if head.dep_ in ("oprd", "xcomp", "advmod", "dobj") and head.pos_ in ("NOUN", "PROPN"):
        # "held the economy hostage": the hostage is what the verb holds
        objects += [
            c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass") and c.i != head.i
        ]
    if head.pos_ in ("NOUN", "PROPN"):  # "an assault on McCain's record"
        objects += [
            o
            for c in children
            if c.dep_ == "prep" and c.lower_ in ("on", "against")
            for o in c.children
            if o.dep_ == "pobj"
        ]
    subjects = [c for c in children if c.dep_ == "nsubj"]
    # "an emergency which threatens the safety": the relative pronoun's noun
    subjects = [
        s.head.head if s.tag_ in ("WDT", "WP") and s.head.dep_ == "relcl" else s for s in subjects
    ]
    if not subjects and head.dep_ == "conj":  # "stumbled out of the alley and collapsed"
        subjects = [c for c in head.head.children if c.dep_ == "nsubj"]
    if head.dep_ == "acl" and head.tag_ == "VBG":
        subjects.append(head.head)  # "a treaty calling for border demarcation"
    preps = {c.lower_ for c in children if c.dep_ in ("prep", "prt", "advmod")}
    # a preposition the parser hangs on the object: "targeted groups for scrutiny"
    on_object = {
        c.lower_ for o in objects if o.dep_ == "dobj" for c in o.children if c.dep_ == "prep"
    }
    if on_object & sense.object_preps:
        return False
    if sense.no_object and any(c.dep_ == "dobj" for c in children):
        return False
    if sense.no_predicate and head.dep_ == "attr" and head.head.lemma_ == "be":
        return False  # "radical Islam is a grave threat to the United States"
    if sense.plural and head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NN", "NNP"):
        return False  # "a pre-race pep talk": a speech, no negotiation
    if sense.needs_object and head.pos_ == "VERB" and not objects:
        return False  # "he recalled that ...": remembering, no envoy recalled
    bare = not any(c.dep_ in ("prep", "xcomp", "ccomp", "advcl") for c in children)
    if sense.needs_complement and head.pos_ == "VERB" and not objects and bare:
        return False  # "Aliki Meirmaridou, MSF's psychologist in Samos, agrees.": an opinion
    present = head.tag_ in ("VBZ", "VBP")
    if sense.no_present_clause and present and any(c.dep_ == "ccomp" for c in children):
        return False  # "agrees that program trading is hurting the market": a view
    if sense.objects and objects and not any(k.holds(o) for o in objects for k in sense.objects):
        return False
    if any(k.holds(o) for o in objects for k in sense.not_objects):
        return False
    if any(k.holds(s) for s in subjects for k in sense.not_subjects):
        return False
    partners = [o for c in children if c.lower_ == "with" for o in c.children if o.dep_ == "pobj"]
    if any(k.holds(p) for p in partners for k in sense.not_partners):
        return False  # "clashed with the president's son-in-law Jared Kushner": words
    if preps & sense.blocked_preps:
        return False
    if sense.particles and _figurative_particle(words[-1], sense.particles):
        return False  # "seized on the concept of shadow banning"
    if sense.opinion_preps and preps & sense.opinion_preps and not objects:
        others = preps - sense.opinion_preps
        if not others and not any(c.dep_ in ("xcomp", "ccomp") for c in children):
            return False
    if sense.blocked_by or sense.needs_words:
        clause = [t for c in children for t in c.subtree]
        if head.dep_ == "conj":
            clause.append(head.head)  # "alive or dead"
        if any(k.holds(t) for t in clause for k in sense.blocked_by):
            return False
        if head.head.i != head.i:  # and the words just above: "seized 20 kg of heroin"
            clause += [head.head, head.head.head, *head.head.children]
        if sense.needs_words and not any(k.holds(t) for t in clause for k in sense.needs_words):
            return False  # "warned that a late El Niño could knock down the forecast"
    alone = head.dep_ == "pobj" and not any(c.dep_ in ("det", "poss") for c in head.children)
    if alone and head.head.lower_ in sense.bare_after:
        return False  # "resigned in protest"
    if sense.governed_by:
        governor = head.head.head if head.head.dep_ == "prep" else head.head
        if not any(k.holds(g) for g in (head.head, governor) for k in sense.governed_by):
            return False  # "carries with it the responsibility that ..."
    # a phrase ("suicide bomber") names its event whole: the one-word sense does not apply
    modifying = head.dep_ in ("compound", "amod", "nmod") and len(words) == 1
    if sense.only_modifying and len(words) == 1 and not modifying:
        return False  # "taken off suicide watch" is no modifier of an attack
    if modifying:
        if any(k.holds(head.head) for k in sense.not_heads):
            return False  # "death threats", "the death penalty"
        if sense.heads:
            # "a suicide vehicle-borne improvised explosive device": up to the noun
            modified = [head.head]
            while modified[-1].dep_ in ("compound", "amod", "nmod") and len(modified) < 5:
                modified.append(modified[-1].head)
            return any(k.holds(m) for m in modified for k in sense.heads)
    return True


def _figurative_particle(last: Token, particles: frozenset[str]) -> bool:
    """One of ``particles`` right after the trigger, its object no place or vehicle."""
    doc = last.doc
    if last.i + 1 >= len(doc) or doc[last.i + 1].lower_ not in particles:
        return False
    objects = [c for c in doc[last.i + 1].children if c.dep_ == "pobj"]
    places, vehicles = word_class("places"), word_class("vehicles")
    return not any(places.holds(o) or vehicles.holds(o) for o in objects)
