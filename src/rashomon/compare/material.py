"""What a comparison reads: each account of a story (an article, its outlet and every
fact stored for it, with the corpus-level links: entity ids, incident ids) and the
corpus background the framing terms are weighed against. Built by the corpus from the
store; the comparison itself never touches the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..records import (
    Article,
    EntityMention,
    Event,
    Geocoded,
    Quantity,
    Quote,
    Sentence,
    TimeExpr,
)

# an article without a named outlet is its own account, shown as this and its id's start
UNKNOWN_OUTLET = "?"


@dataclass(frozen=True, kw_only=True, slots=True)
class Account:
    """One article of a story with everything stored for it. ``entity_ids`` maps an
    entity mention's (start, end) to its corpus entity; ``incidents`` an event's
    (start, end) to its incident in the story."""

    article: Article
    sentences: tuple[Sentence, ...]
    entity_mentions: tuple[EntityMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    events: tuple[Event, ...] = ()
    places: tuple[Geocoded, ...] = ()
    entity_ids: Mapping[tuple[int, int], int] = field(default_factory=dict)
    incidents: Mapping[tuple[int, int], str] = field(default_factory=dict)

    @property
    def outlet(self) -> str:
        return self.article.source or f"{UNKNOWN_OUTLET} {self.article.id[:8]}"

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(frozen=True, kw_only=True, slots=True)
class Background:
    """The whole corpus as the prior of the framing terms: in how many articles each term
    occurs (``term_df``), out of ``articles``. Empty when the story is the corpus."""

    term_df: Mapping[str, int] = field(default_factory=dict)
    articles: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class StoryMaterial:
    story_id: str
    title: str
    accounts: tuple[Account, ...]
    background: Background = field(default_factory=Background)

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({a.outlet for a in self.accounts}))
