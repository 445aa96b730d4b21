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
The last line is subtopic B-cubed F1 of the StoryIndex with its default threshold.

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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cluster_metrics import adjusted_rand, b_cubed
from rashomon.annotate import annotate, load_model
from rashomon.cluster import StoryFeatures, StoryIndex, story_features
from rashomon.options import Options
from rashomon.records import Annotation, Article

SEED = 13
# what story features read: the model's entities and the stages below (the others,
# quantities, quotes and events, are not needed)
STAGES = ("times", "places", "entities")
SEEDS = (1, 2, 3, 4, 5)


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
    cache = Path(tempfile.gettempdir()) / f"rashomon_ecbplus_{digest}_{model.name}_{tag}.pkl"
    if cache.exists():
        cached: list[tuple[Article, Annotation]] = pickle.loads(cache.read_bytes())
        return cached
    articles = [article(d) for d in docs]
    annotations = annotate(articles, model, Options(batch_size=16, stages=STAGES))
    pairs = list(zip(articles, annotations, strict=True))
    cache.write_bytes(pickle.dumps(pairs))
    return pairs


def stream(features: Sequence[StoryFeatures], seed: int) -> dict[str, str]:
    order = list(features)
    random.Random(seed).shuffle(order)
    index = StoryIndex()
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


def report(name: str, gold: dict[str, str], predicted: dict[str, str]) -> None:
    score = b_cubed(gold, predicted)
    print(
        f"{name:36} B3 P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}  "
        f"ARI {adjusted_rand(gold, predicted):.3f}  clusters {len(set(predicted.values()))}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the ecbplus folder (docs.jsonl)")
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
    _, best_threshold, best_cut = max(
        (b_cubed(story, dict(zip(ids, map(str, cut), strict=True))).f1, t, cut)
        for t, cut in zip(thresholds, cuts, strict=True)
    )
    baseline = dict(zip(ids, map(str, best_cut), strict=True))
    report(f"baseline TF-IDF avg-link @{best_threshold:.2f} story", story, baseline)
    report(f"baseline TF-IDF avg-link @{best_threshold:.2f} topic", topic, baseline)
    sizes = Counter(Counter(predicted.values()).values())
    print(f"StoryIndex cluster sizes (size: count): {dict(sorted(sizes.items()))}")
    print(f"subtopic B-cubed F1, StoryIndex default threshold: {b_cubed(story, predicted).f1:.3f}")


if __name__ == "__main__":
    main()
