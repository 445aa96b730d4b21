"""What a story comparison is made of: aligned items (each with every outlet's account and
its class), the sentence alignment under them, and each outlet's framing.

Every record points back to the text: an ``Account`` is an article id and a character
span; a framing figure keeps the spans it was read from. ``to_dict`` is for JSON only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

ItemKind = Literal["statement", "quote", "figure", "event", "date", "place"]
ItemStatus = Literal["agreed", "conflicting", "unique"]
Conflict = Literal["figure", "date", "medium", "speaker", "modality", "place"]
ToneLabel = Literal["pos", "neg", "neu"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Account:
    """One outlet's version of an item: where it says it and, when the item is compared on
    a value, the value it gives (a figure, an ISO date, a medium, a speaker, a modality)."""

    outlet: str
    article_id: str
    start: int
    end: int
    text: str
    value: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Item:
    """One aligned thing the outlets say (or one says alone): ``agreed`` when two or more
    outlets give it compatibly, ``conflicting`` when they differ on ``conflict``,
    ``unique`` when one outlet alone carries it."""

    id: str
    kind: ItemKind
    status: ItemStatus
    about: str
    accounts: tuple[Account, ...]
    conflict: Conflict | None = None
    note: str | None = None

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({a.outlet for a in self.accounts}))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "about": self.about,
            "conflict": self.conflict,
            "note": self.note,
            "outlets": list(self.outlets),
            "accounts": [asdict(a) for a in self.accounts],
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Counterpart:
    """The closest sentence to another in one other outlet's articles, and how close."""

    outlet: str
    article_id: str
    start: int
    end: int
    score: float


@dataclass(frozen=True, kw_only=True, slots=True)
class AlignedSentence:
    """A sentence of one article with its closest counterpart in each other outlet (those
    at or above the alignment threshold) and what the comparison flags in it: ``unique``
    (no counterpart), ``conflict`` (an item in it conflicts), ``framed`` (loaded or
    distinctive wording, an outlet's own charged voice)."""

    outlet: str
    article_id: str
    start: int
    end: int
    counterparts: tuple[Counterpart, ...]
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "flags": list(self.flags),
            "counterparts": [asdict(c) for c in self.counterparts],
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class SpanRef:
    """A piece of text a framing figure was read from."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class NameUse:
    """How an outlet names one entity: each name or descriptor and how often."""

    entity: str
    entity_id: int | None
    names: tuple[tuple[str, int], ...]
    refs: tuple[SpanRef, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Term:
    """A word or two-word phrase distinctive of an outlet within the story: the weighted
    log-odds ``z`` score against the other outlets, with an informative Dirichlet prior
    from the whole corpus (Monroe, Colaresi & Quinn 2008)."""

    term: str
    z: float
    count: int
    refs: tuple[SpanRef, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Voice:
    """Whose words an outlet carries: quotes and the share of its text they take."""

    speaker: str
    quotes: int
    chars: int
    share: float
    refs: tuple[SpanRef, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Tone:
    """An outlet's tone toward an entity: the mean sentence sentiment (VADER compound,
    -1..1) over the sentences about it (``refs``: naming it, or its pronoun after it was
    named), shrunk toward the outlet's tone over the whole story (``compare.framing``),
    and its label."""

    entity: str
    entity_id: int | None
    score: float
    label: ToneLabel
    sentences: int
    refs: tuple[SpanRef, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class OutletFraming:
    """How one outlet tells the story: names, distinctive terms, voices, tone, and how
    much it says in its own voice (``own_voice``: share of sentences with no quote or
    attribution) rather than through others (``attributed``)."""

    outlet: str
    article_ids: tuple[str, ...]
    names: tuple[NameUse, ...]
    terms: tuple[Term, ...]
    voices: tuple[Voice, ...]
    tone: tuple[Tone, ...]
    own_voice: float
    attributed: float
    sentences: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, kw_only=True, slots=True)
class Comparison:
    """A story compared outlet by outlet."""

    story_id: str
    title: str
    outlets: tuple[str, ...]
    article_ids: tuple[str, ...]
    items: tuple[Item, ...]
    sentences: tuple[AlignedSentence, ...]
    framing: tuple[OutletFraming, ...]

    def counts(self) -> dict[str, int]:
        out = {"agreed": 0, "conflicting": 0, "unique": 0}
        for item in self.items:
            out[item.status] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "title": self.title,
            "outlets": list(self.outlets),
            "article_ids": list(self.article_ids),
            "counts": self.counts(),
            "items": [i.to_dict() for i in self.items],
            "framing": [f.to_dict() for f in self.framing],
            "sentences": [s.to_dict() for s in self.sentences],
        }
