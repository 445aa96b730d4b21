"""How ``StoryIndex.add`` scales: synthetic articles streamed into indexes of growing size.

    python benchmarks/story_scale.py            # 1k, 10k and 30k articles
    python benchmarks/story_scale.py --sizes 1000 10000 100000

Synthetic ``StoryFeatures`` (no model): each story draws its own topic words and actors
from Zipf-distributed vocabularies of 20,000 words and 5,000 names, each article of a
story mixes story words with background words, stories are of varied size (1 to ~60)
and run over a few days of a year. Printed per corpus size: total and per-article add
time, stories opened, peak memory of the Python heap (tracemalloc, so the timings of
that run are slower than without it; the timings are from a separate, untraced run).
Then the time to rescale every member of a 10,000-article index (it happens inside the
add that crosses each 25% of growth) and to add one more article to it. The last line is
that figure.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

from rashomon.cluster import StoryFeatures, StoryIndex
from rashomon.cluster.stories import RENORM_GROWTH

VOCABULARY = 20_000
NAMES = 5_000
SEED = 7


def _zipf(rng: random.Random, size: int) -> int:
    """A rank from a Zipf(1.1)-like distribution over 0..size-1."""
    return min(int(rng.paretovariate(0.1 + 1.0)) - 1, size - 1) if size else 0


def synthetic(count: int, seed: int = SEED) -> Iterator[StoryFeatures]:
    rng = random.Random(seed)
    made = 0
    story = 0
    while made < count:
        story += 1
        size = min(count - made, max(1, int(rng.paretovariate(1.2))))
        size = min(size, 60)
        words = [f"w{rng.randrange(VOCABULARY)}" for _ in range(30)]
        actors = [f"n{_zipf(rng, NAMES) * 7 + rng.randrange(7)}" for _ in range(6)]
        places = [f"p{rng.randrange(800)}" for _ in range(2)]
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        for _ in range(size):
            terms: Counter[str] = Counter(rng.choice(words) for _ in range(60))
            terms.update(f"w{_zipf(rng, VOCABULARY)}" for _ in range(90))
            entities = {rng.choice(actors) for _ in range(4)} | set(places)
            yield StoryFeatures(
                article_id=f"a{made}",
                source=f"outlet{rng.randrange(200)}",
                published=day + timedelta(days=rng.randrange(4)),
                title=None,
                terms=tuple(sorted(terms.items())),
                entities=frozenset(entities),
                places=frozenset(places),
                dates=frozenset({day.isoformat()}),
                signature=tuple(rng.randrange(1 << 32) for _ in range(64)),
            )
            made += 1


def timed_run(count: int) -> tuple[float, int, StoryIndex, list[StoryFeatures]]:
    items = list(synthetic(count))
    index = StoryIndex()
    started = time.perf_counter()
    for item in items:
        index.add(item)
    return time.perf_counter() - started, len(index.stories), index, items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 30_000])
    args = parser.parse_args()
    for count in args.sizes:
        elapsed, stories, _, _ = timed_run(count)
        print(
            f"{count:>7} articles: total {elapsed:8.1f}s  per article "
            f"{elapsed / count * 1000:6.2f} ms  stories {stories:>6}",
            flush=True,
        )
        tracemalloc.start()
        timed_run(count)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{count:>7} articles: peak memory {peak / 2**20:7.1f} MiB", flush=True)
    _, _, index, _ = timed_run(10_000)
    probes = list(synthetic(10_050, seed=SEED))[10_000:]
    times = []
    for probe in probes:
        started = time.perf_counter()
        index.add(probe)
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    index._renormalize()
    rescale = time.perf_counter() - started
    print(
        f"rescaling every member of the 10,000-article index (once per "
        f"{RENORM_GROWTH - 1:.0%} of growth, inside the add that crosses it): {rescale:.2f} s"
    )
    print(
        f"one add to a 10,000-article index: median {statistics.median(times) * 1000:.2f} ms, "
        f"max {max(times) * 1000:.2f} ms over {len(times)} articles"
    )


if __name__ == "__main__":
    main()
