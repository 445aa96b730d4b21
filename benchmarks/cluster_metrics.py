"""Clustering and coreference metrics over item -> cluster mappings.

    b_cubed        B-cubed precision/recall/F1 (Bagga & Baldwin 1998): per item, the share
                   of its predicted cluster that is in its gold cluster, and vice versa
    adjusted_rand  adjusted Rand index (Hubert & Arabie 1985)
    muc            MUC link-based P/R/F1 (Vilain et al. 1995)
    ceaf_e         entity-based CEAF (Luo 2005): the best one-to-one alignment of gold and
                   predicted clusters (Kuhn-Munkres) under phi4 = 2|K n R| / (|K| + |R|)
    conll_f1       mean of the MUC, B-cubed and CEAF-e F1 (Pradhan et al. 2014)

Gold and predicted mappings must cover the same items (a ValueError says which differ).
Singletons count in every metric, as for document clustering.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item", bound=Hashable)


@dataclass(frozen=True, kw_only=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


def _prf(precision: float, recall: float) -> PRF:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision=precision, recall=recall, f1=f1)


def _groups(mapping: Mapping[Item, Hashable]) -> list[frozenset[Item]]:
    groups: dict[Hashable, set[Item]] = {}
    for item, cluster in mapping.items():
        groups.setdefault(cluster, set()).add(item)
    return [frozenset(g) for g in groups.values()]


def _check(gold: Mapping[Item, Hashable], predicted: Mapping[Item, Hashable]) -> None:
    if gold.keys() != predicted.keys():
        missing = sorted(map(str, gold.keys() - predicted.keys()))[:5]
        extra = sorted(map(str, predicted.keys() - gold.keys()))[:5]
        raise ValueError(
            f"gold and predicted cover different items (missing {missing}, extra {extra}); "
            "score the same items on both sides"
        )


def b_cubed(gold: Mapping[Item, Hashable], predicted: Mapping[Item, Hashable]) -> PRF:
    _check(gold, predicted)
    if not gold:
        return _prf(0.0, 0.0)
    pairs = Counter((gold[i], predicted[i]) for i in gold)
    gold_sizes = Counter(gold.values())
    predicted_sizes = Counter(predicted.values())
    precision = sum(n * n / predicted_sizes[p] for (_, p), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_sizes[g] for (g, _), n in pairs.items()) / len(gold)
    return _prf(precision, recall)


def adjusted_rand(gold: Mapping[Item, Hashable], predicted: Mapping[Item, Hashable]) -> float:
    _check(gold, predicted)

    def pairs(n: int) -> float:
        return n * (n - 1) / 2

    together = sum(pairs(n) for n in Counter((gold[i], predicted[i]) for i in gold).values())
    gold_pairs = sum(pairs(n) for n in Counter(gold.values()).values())
    predicted_pairs = sum(pairs(n) for n in Counter(predicted.values()).values())
    total = pairs(len(gold))
    if total == 0:
        return 1.0
    expected = gold_pairs * predicted_pairs / total
    best = (gold_pairs + predicted_pairs) / 2
    if best == expected:
        return 1.0
    return (together - expected) / (best - expected)


def _muc_side(keys: list[frozenset[Item]], other: Mapping[Item, Hashable]) -> float:
    numerator = denominator = 0
    for key in keys:
        parts = {other[item] for item in key}
        numerator += len(key) - len(parts)
        denominator += len(key) - 1
    return numerator / denominator if denominator else 0.0


def muc(gold: Mapping[Item, Hashable], predicted: Mapping[Item, Hashable]) -> PRF:
    _check(gold, predicted)
    recall = _muc_side(_groups(gold), predicted)
    precision = _muc_side(_groups(predicted), gold)
    return _prf(precision, recall)


def ceaf_e(gold: Mapping[Item, Hashable], predicted: Mapping[Item, Hashable]) -> PRF:
    _check(gold, predicted)
    keys, responses = _groups(gold), _groups(predicted)
    if not keys or not responses:
        return _prf(0.0, 0.0)
    scores = [[2 * len(k & r) / (len(k) + len(r)) for r in responses] for k in keys]
    total = sum(scores[i][j] for i, j in max_assignment(scores))
    return _prf(total / len(responses), total / len(keys))


def conll_f1(gold: Mapping[Item, Hashable], predicted: Mapping[Item, Hashable]) -> float:
    return (muc(gold, predicted).f1 + b_cubed(gold, predicted).f1 + ceaf_e(gold, predicted).f1) / 3


def max_assignment(scores: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """The row -> column pairs of a rectangular score matrix with the largest total, each
    row and column used at most once (Kuhn-Munkres with potentials, O(n^2 m))."""
    rows, cols = len(scores), len(scores[0]) if scores else 0
    if rows == 0 or cols == 0:
        return []
    transposed = rows > cols
    if transposed:
        scores = [list(col) for col in zip(*scores, strict=True)]
        rows, cols = cols, rows
    top = max(max(row) for row in scores)
    cost = [[top - v for v in row] for row in scores]  # minimize cost, rows <= cols
    u = [0.0] * (rows + 1)
    v = [0.0] * (cols + 1)
    match = [0] * (cols + 1)  # match[j] = row (1-based) assigned to column j
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        match[0] = i
        j0 = 0
        least = [math.inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], math.inf, 0
            for j in range(1, cols + 1):
                if used[j]:
                    continue
                current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if current < least[j]:
                    least[j], way[j] = current, j0
                if least[j] < delta:
                    delta, j1 = least[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    pairs = [(match[j] - 1, j - 1) for j in range(1, cols + 1) if match[j]]
    if transposed:
        pairs = [(j, i) for i, j in pairs]
    return sorted(pairs)
