"""What the story index hands out: an ``Assignment`` (where an article went, and what
moved because of it: stored, and replayed by ``StoryIndex.restore``) and a ``Story`` (a
story as a reader sees it). ``to_dict``/``from_dict`` are for JSON and storage only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, kw_only=True, slots=True)
class Assignment:
    """Where an article went: its story, the original it copies (if any), the score
    that decided it (the copy's Jaccard estimate for copies; 0 for a new story), the
    stories merged into its story because of it, and the earlier articles (copies
    included) that local re-clustering moved to another story, as (article id, story
    id), applied after the merges."""

    article_id: str
    story_id: str
    duplicate_of: str | None = None
    score: float = 0.0
    merged: tuple[str, ...] = ()
    moved: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "story_id": self.story_id,
            "duplicate_of": self.duplicate_of,
            "score": self.score,
            "merged": list(self.merged),
            "moved": [[article, story] for article, story in self.moved],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Assignment:
        return cls(
            article_id=str(data["article_id"]),
            story_id=str(data["story_id"]),
            duplicate_of=data.get("duplicate_of"),
            score=float(data.get("score", 0.0)),
            merged=tuple(str(s) for s in data.get("merged", ())),
            moved=tuple((str(a), str(s)) for a, s in data.get("moved", ())),
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class Story:
    """A story as a reader sees it. ``article_ids`` are the independent accounts,
    ``copies`` the syndicated copies of them; ``sources`` are the outlets of the accounts;
    ``entities`` the most mentioned names, most frequent first."""

    story_id: str
    title: str
    first: date | None
    last: date | None
    article_ids: tuple[str, ...]
    copies: tuple[str, ...]
    sources: tuple[str, ...]
    entities: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "title": self.title,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "article_ids": list(self.article_ids),
            "copies": list(self.copies),
            "sources": list(self.sources),
            "entities": list(self.entities),
        }
