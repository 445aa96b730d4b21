"""IDF-free vectors. An article's text, opening, entity and place vectors are stored
without IDF, because the story index's document frequencies grow as articles arrive, and
weighted when they are compared: ``idf`` of a key, a vector scaled to unit length under
an IDF (``unit``), the dot product of two once both are weighted (``dot``), and a few as
the rows of a dense weighted matrix (``weighted_matrix``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Protocol

import numpy as np


class Vectors(Protocol):
    """An article's text, opening, entity and place vectors, stored without IDF."""

    @property
    def text(self) -> Mapping[str, float]: ...
    @property
    def lede(self) -> Mapping[str, float]: ...
    @property
    def entities(self) -> Mapping[str, float]: ...
    @property
    def places(self) -> Mapping[str, float]: ...


def idf(documents: int, frequency: int) -> float:
    """Smoothed inverse document frequency of a key held by ``frequency`` of
    ``documents`` articles."""
    return math.log((1 + documents) / (1 + frequency)) + 1.0


def cached_idf(idf: Callable[[str], float]) -> Callable[[str], float]:
    """``idf`` remembered for the keys it has been asked (one rescaling pass)."""
    memo: dict[str, float] = {}

    def lookup(key: str) -> float:
        value = memo.get(key)
        if value is None:
            value = memo[key] = idf(key)
        return value

    return lookup


def unit(vector: Mapping[str, float], idf: Callable[[str], float]) -> dict[str, float]:
    """An IDF-free vector rescaled so that, IDF-weighted, it has unit length."""
    norm = math.sqrt(sum((value * idf(key)) ** 2 for key, value in vector.items()))
    if not norm:
        return dict(vector)
    return {key: value / norm for key, value in vector.items()}


def dot(a: Mapping[str, float], b: Mapping[str, float], idf: Callable[[str], float]) -> float:
    """The dot product of two IDF-free vectors once both are IDF-weighted."""
    if len(a) > len(b):
        a, b = b, a
    total = 0.0
    for key, weight in a.items():
        other = b.get(key)
        if other:
            total += weight * other * idf(key) ** 2
    return total


def weighted_matrix(vectors: list[Mapping[str, float]], idf: Callable[[str], float]) -> np.ndarray:
    """IDF-free vectors as the rows of a dense, IDF-weighted matrix."""
    columns: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for row, vector in enumerate(vectors):
        for key, value in vector.items():
            rows.append(row)
            cols.append(columns.setdefault(key, len(columns)))
            values.append(value * idf(key))
    matrix = np.zeros((len(vectors), max(1, len(columns))))
    matrix[rows, cols] = values
    return matrix
