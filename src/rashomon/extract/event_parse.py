"""What the event stages read of a parsed article, computed once, and the clause helpers
they share: which entities are places, a word's own clause, who acts in a clause."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Ref
from .event_lexicon import EventRules

Token = Any  # spaCy Token
Span = Any  # spaCy Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# labels the small model gives place names it does not know ("in Aleppo": LANGUAGE)
MISTAKEN_PLACE_LABELS = frozenset({"LANGUAGE", "NORP", "PERSON", "ORG", "PRODUCT", "WORK_OF_ART"})


@dataclass(frozen=True, slots=True)
class Parsed:
    """What every event of an article reads, computed once: spaCy rebuilds ``doc.text``
    and ``doc.ents`` from the tokens on every access (costly on a long article)."""

    text: str
    ents: tuple[Span, ...]
    starts: tuple[int, ...]  # token index where each entity starts, ascending
    ent_at: dict[int, Span]  # token index -> the entity it is in
    is_place: Callable[[str], bool] | None = None
    is_country: Callable[[str], bool] | None = None

    @classmethod
    def of(
        cls,
        doc: Any,
        is_place: Callable[[str], bool] | None = None,
        is_country: Callable[[str], bool] | None = None,
    ) -> Parsed:
        ents = tuple(doc.ents)
        ent_at = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        return cls(doc.text, ents, tuple(e.start for e in ents), ent_at, is_place, is_country)

    def venue(self, word: Token, heads: Sequence[Token]) -> bool:
        """A town or region named before an event noun: where it happened, not who did it
        ("the Nairobi bombing", "last year's Madrid summit"); a country there may be the
        actor ("U.S. airstrikes"), so only what the gazetteer knows as no country."""
        return bool(
            self.is_country is not None
            and word.dep_ == "compound"
            and word.ent_type_ in ("GPE", "LOC")
            and any(word.head.i == h.i and h.pos_ in ("NOUN", "PROPN") for h in heads)
            and (ent := self.ent_at.get(word.i)) is not None
            and not self.is_country(ent.text)
        )

    def place(self, ent: Span, lex: EventRules) -> bool:
        """Whether an entity names a place: tagged one, or a name the model tagged
        otherwise after a locative preposition that the gazetteer knows as a place ("a
        market in Aleppo", Aleppo tagged LANGUAGE)."""
        if ent.label_ in PLACE_LABELS:
            return True
        root = ent.root
        return bool(
            self.is_place is not None
            and ent.label_ in MISTAKEN_PLACE_LABELS
            and root.dep_ == "pobj"
            and root.head.lower_ in lex.locative_preps
            and self.is_place(ent.text)
        )

    def ents_in(self, span: Span) -> tuple[Span, ...]:
        """The entities wholly inside ``span``, as ``span.ents`` gives them."""
        first = bisect_left(self.starts, span.start)
        found = []
        for ent in self.ents[first:]:
            if ent.end > span.end:
                break
            found.append(ent)
        return tuple(found)


def acts(word: Token, heads: Sequence[Token], lex: EventRules) -> bool:
    """A place named as the one who acts: the possessor of the trigger ("Turkey's
    offensive"), the subject of the trigger verb or of a verb whose object it is ("Turkey
    launches assault", "Pyongyang fired missiles"), a conjunct included. The subject of
    other verbs stays a place ("Charlotte experienced unrest")."""
    while word.dep_ == "conj" and word.head.i != word.i:
        word = word.head
    verb = word.head
    if word.dep_ == "poss":
        return any(verb.i == h.i for h in heads)
    if word.dep_ != "nsubj":
        return False
    if any(verb.i == h.i for h in heads):
        return True
    lemma = verb.lemma_.casefold()
    return lemma in lex.support_verbs | lex.use_verbs and any(
        h.dep_ == "dobj" and h.head.i == verb.i for h in heads
    )


def own_clause(head: Token) -> list[Token]:
    """The words of a trigger's clause, or of the sentence's main clause when the trigger
    is its subject or object, without relative clauses (another statement: "protested
    against the regime that has killed their relatives")."""
    top = head
    while top.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "prep", "compound", "amod"):
        top = top.head
    inner = {t.i for t in top.subtree if t.dep_ == "relcl" for t in t.subtree}
    return [t for t in top.subtree if t.i not in inner]


def clause_tokens(head: Token) -> set[int]:
    """Token indices under ``head``, without the coordinated clauses (other events)."""
    indices = {head.i}
    for child in head.children:
        if child.dep_ != "conj":
            indices.update(t.i for t in child.subtree)
    return indices


def span_ref(text: str, start: int, end: int) -> Ref:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Ref(text=text[start:end], start=start, end=end)
