"""Story clustering on ECB+: do the articles the production ``StoryIndex`` puts together
report the same happening?

    python benchmarks/stories.py ../shared/datasets/dev/ecbplus

Each document is annotated with the production model (entities and times; ECB+ has no
publication dates, so only dates the text spells out are resolved), turned into
``StoryFeatures`` by the production ``story_features`` and streamed through one
``StoryIndex`` in a shuffled order. Printed: B-cubed P/R/F1 and adjusted Rand index
against the gold ``story`` (subtopic: this earthquake vs. that one) and ``topic``
(earthquakes), for a fixed seed and as the spread over several seeds (streaming depends
on order); then a baseline, TF-IDF cosine with average-linkage agglomerative clustering
at the threshold that scores best on this very data (an upper bound for that method).

Then cross-validation over topic halves (``--no-cv`` skips it, a few minutes): the dev
topics are split in two halves at random (``SPLITS`` seeds); on each half in turn the
StoryIndex parameters (threshold, the text/lede split of the text weight and the cast
conflict weight, the grid of ``THRESHOLDS``, ``LEDE_SHARES`` and ``CAST_WEIGHTS``,
everything else as shipped) are chosen by B-cubed F1 on that half, streamed in
the fixed order, and scored on the other half; so is the baseline's threshold. Printed:
the mean held-out F1 with its range, and the per-fold choices, whose median is what
``data/cluster.toml`` ships. The dev figure of the shipped parameters is tuned on the
data it is scored on; the cross-validated one is what to expect on unseen topics.

The last line is subtopic B-cubed F1 of the StoryIndex with its shipped parameters.

Annotations are cached under the system temp folder, keyed by the data's hash and the
model; delete the file to annotate again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import pickle
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from cluster_metrics import adjusted_rand, b_cubed
from code_version import code_digest
from rashomon.annotate import annotate, load_model
from rashomon.cluster import (
    Similarity,
    StoryFeatures,
    StoryIndex,
    similarity_params,
    story_features,
)
from rashomon.options import Options
from rashomon.records import Annotation, Article

SEED = 13
# what story features read: the model's entities and the stages below (the others,
# quantities, quotes and events, are not needed)
STAGES = ("times", "places", "entities")
SEEDS = (1, 2, 3, 4, 5)
# cross-validation: the seeds of the random topic halves, and the parameter grid (each
# lede share moves that part of the shipped text weight to the opening's cosine)
SPLITS = (1, 2, 3, 4, 5)
THRESHOLDS = (0.1, 0.12, 0.14, 0.16, 0.18)
LEDE_SHARES = (0.0, 0.2, 0.4)
CAST_WEIGHTS = (0.0, 0.1, 0.2)
BASELINE_THRESHOLDS = tuple(round(0.02 * k, 2) for k in range(1, 40))


@dataclass(frozen=True, kw_only=True, slots=True)
class Doc:
    doc_id: str
    topic: int
    story: str
    text: str


def load(folder: Path) -> tuple[list[Doc], str]:
    path = folder / "docs.jsonl"
    if not path.exists():
        sys.exit(f"{path}: not found; pass the ecbplus dataset folder")
    data = path.read_bytes()
    docs = []
    for line in data.decode("utf-8").splitlines():
        if line:
            row = json.loads(line)
            docs.append(
                Doc(doc_id=row["doc_id"], topic=row["topic"], story=row["story"], text=row["text"])
            )
    return docs, hashlib.sha256(data).hexdigest()[:16]


def article(doc: Doc) -> Article:
    # one sentence a line: each line becomes a paragraph, so no sentence runs across two
    return Article(
        id=doc.doc_id, document_id=doc.doc_id, position=0, text=doc.text.replace("\n", "\n\n")
    )


def annotated(docs: list[Doc], digest: str) -> list[tuple[Article, Annotation]]:
    model = load_model(None)
    tag = "-".join(STAGES)
    name = f"rashomon_ecbplus_{digest}_{code_digest()}_{model.name}_{tag}.pkl"
    cache = Path(tempfile.gettempdir()) / name  # data and code: no stale annotation
    if cache.exists():
        cached: list[tuple[Article, Annotation]] = pickle.loads(cache.read_bytes())
        return cached
    articles = [article(d) for d in docs]
    annotations = annotate(articles, model, Options(batch_size=16, stages=STAGES))
    pairs = list(zip(articles, annotations, strict=True))
    cache.write_bytes(pickle.dumps(pairs))
    return pairs


def stream(
    features: Sequence[StoryFeatures], seed: int, params: Similarity | None = None
) -> dict[str, str]:
    order = list(features)
    random.Random(seed).shuffle(order)
    index = StoryIndex(params=params or similarity_params())
    for item in order:
        index.add(item)
    return {item.article_id: index.story_of[item.article_id] for item in features}


def tfidf_matrix(features: Sequence[StoryFeatures]) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    for item in features:
        for term, _ in item.terms:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = np.zeros((len(features), len(vocabulary)))
    for row, item in enumerate(features):
        for term, count in item.terms:
            matrix[row, vocabulary[term]] = 1.0 + math.log(count)
    df = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(features)) / (1 + df)) + 1.0
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True).clip(min=1e-12)
    return matrix


def average_linkage(similarities: np.ndarray, thresholds: Sequence[float]) -> list[list[int]]:
    """Labels at each threshold (descending merge order): merge the two clusters of
    highest average similarity while it is at least the threshold."""
    n = len(similarities)
    sims = similarities.astype(float).copy()
    np.fill_diagonal(sims, -np.inf)
    sizes = np.ones(n)
    labels = list(range(n))
    alive = np.ones(n, dtype=bool)
    cuts: dict[float, list[int]] = {}
    pending = sorted(thresholds, reverse=True)
    while pending:
        flat = int(np.argmax(sims))
        i, j = divmod(flat, n)
        best = sims[i, j]
        while pending and best < pending[0]:
            cuts[pending.pop(0)] = list(labels)
        if not pending or not np.isfinite(best):
            break
        merged = (sims[i] * sizes[i] + sims[j] * sizes[j]) / (sizes[i] + sizes[j])
        sims[i], sims[:, i] = merged, merged
        sims[i, i] = -np.inf
        sims[j], sims[:, j] = -np.inf, -np.inf
        sizes[i] += sizes[j]
        alive[j] = False
        labels = [i if label == j else label for label in labels]
    for threshold in pending:
        cuts[threshold] = list(labels)
    return [cuts[t] for t in thresholds]


def grid(shipped: Similarity) -> list[Similarity]:
    """The parameter sets cross-validation chooses from (see ``THRESHOLDS``)."""
    text = shipped.text_weight + shipped.lede_weight
    return [
        replace(
            shipped,
            threshold=threshold,
            text_weight=round(text * (1 - share), 4),
            lede_weight=round(text * share, 4),
            cast_conflict=cast,
        )
        for cast in CAST_WEIGHTS
        for share in LEDE_SHARES
        for threshold in THRESHOLDS
    ]


def halves(topics: Sequence[int], seed: int) -> tuple[set[int], set[int]]:
    shuffled = sorted(topics)
    random.Random(seed).shuffle(shuffled)
    middle = len(shuffled) // 2
    return set(shuffled[:middle]), set(shuffled[middle:])


@dataclass(frozen=True, kw_only=True, slots=True)
class Fold:
    split: int
    chosen: int  # the grid position chosen on the training half
    held_out: float  # its B-cubed F1 on the other half


def cross_validate(scores: Callable[[set[int]], list[float]], topics: Sequence[int]) -> list[Fold]:
    """For each split and each way round: the grid position that scores best on one half
    (``scores(half)``: B-cubed F1 of each grid position) and its F1 on the other."""
    folds = []
    for split in SPLITS:
        first, second = halves(topics, split)
        table = {0: scores(first), 1: scores(second)}
        for train, test in ((0, 1), (1, 0)):
            chosen = max(range(len(table[train])), key=lambda k: (table[train][k], -k))
            folds.append(Fold(split=split, chosen=chosen, held_out=table[test][chosen]))
    return folds


def index_scores(
    features: Sequence[StoryFeatures],
    gold: dict[str, str],
    topic_of: dict[str, int],
    candidates: Sequence[Similarity],
) -> Callable[[set[int]], list[float]]:
    def scores(half: set[int]) -> list[float]:
        part = [f for f in features if topic_of[f.article_id] in half]
        truth = {f.article_id: gold[f.article_id] for f in part}
        return [b_cubed(truth, stream(part, SEED, params)).f1 for params in candidates]

    return scores


def baseline_scores(
    features: Sequence[StoryFeatures], gold: dict[str, str], topic_of: dict[str, int]
) -> Callable[[set[int]], list[float]]:
    def scores(half: set[int]) -> list[float]:
        part = [f for f in features if topic_of[f.article_id] in half]
        ids = [f.article_id for f in part]
        truth = {i: gold[i] for i in ids}
        matrix = tfidf_matrix(part)
        cuts = average_linkage(matrix @ matrix.T, BASELINE_THRESHOLDS)
        return [b_cubed(truth, dict(zip(ids, map(str, cut), strict=True))).f1 for cut in cuts]

    return scores


def summary(folds: Sequence[Fold]) -> str:
    held_out = [f.held_out for f in folds]
    return (
        f"mean {statistics.mean(held_out):.3f} (min {min(held_out):.3f} max "
        f"{max(held_out):.3f}, {len(folds)} folds)"
    )


def report(name: str, gold: dict[str, str], predicted: dict[str, str]) -> None:
    score = b_cubed(gold, predicted)
    print(
        f"{name:36} B3 P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}  "
        f"ARI {adjusted_rand(gold, predicted):.3f}  clusters {len(set(predicted.values()))}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the ecbplus folder (docs.jsonl)")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = parser.parse_args()
    docs, digest = load(args.data)
    started = time.perf_counter()
    pairs = annotated(docs, digest)
    features = [story_features(a, n) for a, n in pairs]
    print(
        f"documents {len(docs)}  gold stories {len({d.story for d in docs})}  "
        f"topics {len({d.topic for d in docs})}  (annotated+features "
        f"{time.perf_counter() - started:.1f}s)"
    )
    story = {d.doc_id: d.story for d in docs}
    topic = {d.doc_id: str(d.topic) for d in docs}

    started = time.perf_counter()
    predicted = stream(features, SEED)
    elapsed = time.perf_counter() - started
    print(f"StoryIndex, seed {SEED}: {elapsed / len(features) * 1000:.2f} ms per article")
    report("StoryIndex vs story (subtopic)", story, predicted)
    report("StoryIndex vs topic", topic, predicted)
    spread = [b_cubed(story, stream(features, seed)).f1 for seed in SEEDS]
    print(
        f"StoryIndex subtopic B3 F1 over seeds {SEEDS}: mean {statistics.mean(spread):.3f} "
        f"min {min(spread):.3f} max {max(spread):.3f}"
    )

    matrix = tfidf_matrix(features)
    thresholds = [round(0.02 * k, 2) for k in range(1, 40)]
    cuts = average_linkage(matrix @ matrix.T, thresholds)
    ids = [f.article_id for f in features]
    best_f1, best_threshold, best_cut = max(
        (b_cubed(story, dict(zip(ids, map(str, cut), strict=True))).f1, t, cut)
        for t, cut in zip(thresholds, cuts, strict=True)
    )
    baseline = dict(zip(ids, map(str, best_cut), strict=True))
    report(f"baseline TF-IDF avg-link @{best_threshold:.2f} story", story, baseline)
    report(f"baseline TF-IDF avg-link @{best_threshold:.2f} topic", topic, baseline)
    sizes = Counter(Counter(predicted.values()).values())
    print(f"StoryIndex cluster sizes (size: count): {dict(sorted(sizes.items()))}")
    dev = b_cubed(story, predicted).f1
    if not args.no_cv:
        started = time.perf_counter()
        shipped = similarity_params()
        candidates = grid(shipped)
        topic_of = {d.doc_id: d.topic for d in docs}
        topics = sorted(set(topic_of.values()))
        folds = cross_validate(index_scores(features, story, topic_of, candidates), topics)
        base_folds = cross_validate(baseline_scores(features, story, topic_of), topics)
        chosen = [candidates[f.chosen] for f in folds]
        print(
            f"cross-validated over topic halves ({len(SPLITS)} splits x 2, "
            f"{time.perf_counter() - started:.0f}s):"
        )
        print(f"  StoryIndex, parameters chosen on the other half: {summary(folds)}")
        print(
            "    chosen (threshold/lede weight/cast conflict): "
            + " ".join(
                f"{c.threshold:.2f}/{c.lede_weight:.2f}/{c.cast_conflict:.2f}" for c in chosen
            )
            + f"; median {statistics.median(c.threshold for c in chosen):.2f}"
            f"/{statistics.median(c.lede_weight for c in chosen):.2f}"
            f"/{statistics.median(c.cast_conflict for c in chosen):.2f}"
        )
        print(f"  baseline TF-IDF avg-link, threshold chosen likewise: {summary(base_folds)}")
        print(
            "    chosen thresholds: "
            + " ".join(f"{BASELINE_THRESHOLDS[f.chosen]:.2f}" for f in base_folds)
        )
        index_cv = statistics.mean(f.held_out for f in folds)
        base_cv = statistics.mean(f.held_out for f in base_folds)
        print(
            f"  shipped parameters: threshold {shipped.threshold:.2f}, lede weight "
            f"{shipped.lede_weight:.2f}, cast conflict {shipped.cast_conflict:.2f}; "
            f"StoryIndex dev {dev:.3f} / cross-validated "
            f"{index_cv:.3f}; baseline dev (tuned on dev) {best_f1:.3f} / cross-validated "
            f"{base_cv:.3f}; lead over the baseline dev {dev - best_f1:+.3f} / "
            f"cross-validated {index_cv - base_cv:+.3f}"
        )
    print(f"subtopic B-cubed F1, StoryIndex shipped parameters: {dev:.3f}")


if __name__ == "__main__":
    main()
