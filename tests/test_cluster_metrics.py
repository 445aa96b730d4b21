"""The clustering metrics of benchmarks/cluster_metrics.py against hand-computed values."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest


def _load() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "cluster_metrics.py"
    spec = importlib.util.spec_from_file_location("cluster_metrics", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["cluster_metrics"] = module
    spec.loader.exec_module(module)
    return module


metrics = _load()


def _mapping(clusters: list[str]) -> dict[str, int]:
    return {item: number for number, cluster in enumerate(clusters) for item in cluster}


# Pradhan et al. 2014 (ACL), "Scoring coreference partitions of predicted mentions",
# Figure 1 / section 3: key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}. Their
# example has twinless mentions (h, i in the response only; e in the key only); here
# every mention is on both sides, so e, h and i are singletons where they are missing.
KEY = _mapping(["abc", "defg", "h", "i"])
RESPONSE = _mapping(["ab", "cd", "fghi", "e"])


def test_cluster_metrics_muc_counts_links() -> None:
    # recall: key abc -> 2 parts (3-2=1), defg -> 3 parts (4-3=1), h, i -> 0 of 0
    #         = 2 / (2 + 3) = 0.4
    # precision: ab -> 1 part (1), cd -> 2 parts (0), fghi -> 3 parts (1), e -> 0
    #            = 2 / (1 + 1 + 3) = 0.4
    score = metrics.muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(2 / 5)
    assert score.precision == pytest.approx(2 / 5)


def test_cluster_metrics_b_cubed_by_hand() -> None:
    # recall per item: a,b 2/3; c 1/3; d 1/4; e 1/4; f,g 2/4; h,i 1 -> sum 5.1666 / 9
    # precision per item: a,b 1; c,d 1/2; e 1; f,g 2/4; h,i 1/4 -> sum 5.5 / 9
    score = metrics.b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx((2 * 2 / 3 + 1 / 3 + 1 / 4 + 1 / 4 + 2 * 2 / 4 + 2) / 9)
    assert score.precision == pytest.approx(5.5 / 9)


def test_cluster_metrics_ceaf_e_aligns_one_to_one() -> None:
    # phi4: abc~ab 0.8, defg~fghi 0.5, defg~cd 1/3, h~fghi 0.4, i~fghi 0.4, defg~e 0.4
    # best alignment: abc-ab 0.8 + defg-fghi 0.5 (fghi used) ... or defg-e 0.4 and
    # h-fghi 0.4: 0.8 + 0.4 + 0.4 = 1.6 > 1.3; total 1.6 over 4 key and 4 response
    score = metrics.ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(1.6 / 4)
    assert score.precision == pytest.approx(1.6 / 4)


def test_cluster_metrics_conll_is_the_mean() -> None:
    expected = (
        metrics.muc(KEY, RESPONSE).f1
        + metrics.b_cubed(KEY, RESPONSE).f1
        + metrics.ceaf_e(KEY, RESPONSE).f1
    ) / 3
    assert metrics.conll_f1(KEY, RESPONSE) == pytest.approx(expected)


@pytest.mark.parametrize("name", ["muc", "b_cubed", "ceaf_e"])
def test_cluster_metrics_identity_scores_one(name: str) -> None:
    gold = _mapping(["abc", "de", "f"])
    score = getattr(metrics, name)(gold, dict(gold))
    # MUC has no links to find in a singleton, but the others still score 1
    assert score.f1 == pytest.approx(1.0)


def test_cluster_metrics_adjusted_rand_by_hand() -> None:
    # gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}: contingency ab=2, c=1, de=2
    # index = 1 + 0 + 1 = 2; gold pairs 3 + 1 = 4; predicted pairs 1 + 3 = 4; total 10
    # expected = 4 * 4 / 10 = 1.6; max = 4; ARI = (2 - 1.6) / (4 - 1.6) = 1/6
    gold = _mapping(["abc", "de"])
    predicted = _mapping(["ab", "cde"])
    assert metrics.adjusted_rand(gold, predicted) == pytest.approx(1 / 6)
    assert metrics.adjusted_rand(gold, dict(gold)) == pytest.approx(1.0)


def test_cluster_metrics_assignment_beats_greedy() -> None:
    # greedy takes 0.9 first and is left with 0.1; the best pairing is 0.8 + 0.7
    scores = [[0.9, 0.8], [0.7, 0.1]]
    assert metrics.max_assignment(scores) == [(0, 1), (1, 0)]
    tall = [[0.1], [0.5], [0.2]]
    assert metrics.max_assignment(tall) == [(1, 0)]


def test_cluster_metrics_refuse_different_items() -> None:
    with pytest.raises(ValueError, match="different items"):
        metrics.b_cubed({"a": 1}, {"b": 1})
