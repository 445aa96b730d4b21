"""The parameters of story similarity, read once from ``data/cluster.toml``
``[similarity]``: one ``Similarity`` object, checked when it is read, that a
``StoryIndex`` carries and a benchmark varies (``dataclasses.replace``).

    threshold          a story takes an article (and two stories merge) from here
    near_margin        stories scoring within this of the threshold are clustered again
                       around the article
    text_weight        weight of the TF-IDF cosine of the texts
    lede_weight        weight of the TF-IDF cosine of the openings (title and lede): a
                       report says which happening in its first lines, while its body
                       carries the background that reports of one kind of happening share
    entity_weight      weight of the cosine of the entity keys, each weighted by IDF and
                       by how prominent it is in the article (``StoryFeatures.salience``)
    place_weight       weight of the cosine of the place keys
    date_same_day      added when the ledes of two articles name one day
    date_conflict      subtracted when no date of one lies within ``date_conflict_days``
                       of a date of the other ...
    date_conflict_published_days
                       ... unless they were published at most this many days apart
    published_window_days, published_penalty, published_penalty_days
                       publication dates further apart than the window subtract, growing
                       to ``published_penalty`` at ``published_penalty_days``
    lead_conflict      subtracted when the two are each about a different person
    cast_conflict      subtracted when each names in its lede a participant the other
                       never mentions (``signals.cast_conflict``), unless they were
                       published within ``published_window_days`` of each other

How the values were chosen (cross-validated over halves of the ECB+ dev topics) is in
``benchmarks/stories.py``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from rashomon.lexicons import read_data


@dataclass(frozen=True, kw_only=True, slots=True)
class Similarity:
    """What the story similarity weighs and where it decides (see the module docstring)."""

    threshold: float
    near_margin: float
    text_weight: float
    lede_weight: float
    entity_weight: float
    place_weight: float
    date_same_day: float
    date_conflict: float
    date_conflict_days: int
    date_conflict_published_days: int
    published_window_days: int
    published_penalty: float
    published_penalty_days: int
    lead_conflict: float
    cast_conflict: float

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, int | float) or value < 0:
                raise ValueError(
                    f"cluster.toml: similarity.{item.name} is {value!r}; it must be a "
                    "number of at least 0"
                )
        if self.published_penalty_days < 1:
            raise ValueError(
                "cluster.toml: similarity.published_penalty_days must be at least 1 "
                f"(it is {self.published_penalty_days})"
            )

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Similarity:
        names = {item.name: item.type for item in fields(cls)}
        unknown = sorted(set(raw) - set(names))
        missing = sorted(set(names) - set(raw))
        if unknown or missing:
            raise ValueError(
                f"cluster.toml: [similarity] has unknown keys {unknown} and lacks {missing}; "
                f"the keys are {sorted(names)}"
            )
        values: dict[str, Any] = {}
        for name, kind in names.items():
            value = raw[name]
            if kind == "int" and not (isinstance(value, int) and not isinstance(value, bool)):
                raise ValueError(f"cluster.toml: similarity.{name} must be a whole number")
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"cluster.toml: similarity.{name} must be a number")
            values[name] = float(value) if kind == "float" else value
        return cls(**values)


@cache
def similarity_params() -> Similarity:
    """The shipped parameters (``data/cluster.toml`` ``[similarity]``)."""
    return Similarity.from_dict(tomllib.loads(read_data("cluster.toml"))["similarity"])
