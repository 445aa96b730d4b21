"""How ``StoryIndex.add`` scales: synthetic articles streamed into indexes of growing size.

    python benchmarks/story_scale.py            # 1k, 10k and 100k articles
    python benchmarks/story_scale.py --sizes 1000 10000

Synthetic ``StoryFeatures`` (no model): each story draws its own topic words and actors
from Zipf-distributed vocabularies of 20,000 words and 5,000 names, each article of a
story mixes story words with background words, stories are of varied size (1 to ~60)
and run over a few days of a year. Each corpus size runs in a fresh process, so that its
peak resident memory is its own (the features it streams included). Printed per size:
total and per-article add time, the per-add time of the last tenth of the stream (what
an add costs at that size), its ratio to the smallest size's, stories opened, peak
resident memory. Then, for the largest index, the time to rescale every member (it
happens inside the add that crosses each 25% of growth) and to add one more article to
it. The last line is that figure.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
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


def run(count: int, probes: int) -> dict[str, float]:
    """Stream ``count`` articles into a new index, then time ``probes`` more adds and a
    rescaling, in this process."""
    items = list(synthetic(count + probes))
    index = StoryIndex()
    tail_from = count - count // 10
    started = time.perf_counter()
    for position, item in enumerate(items[:count]):
        if position == tail_from:
            tail_started = time.perf_counter()
        index.add(item)
    finished = time.perf_counter()
    times = []
    for probe in items[count:]:
        before = time.perf_counter()
        index.add(probe)
        times.append(time.perf_counter() - before)
    before = time.perf_counter()
    index._renormalize()
    rescale = time.perf_counter() - before
    return {
        "total": finished - started,
        "tail": (finished - tail_started) / (count - tail_from),
        "stories": len(index.stories),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rescale": rescale,
        "median": statistics.median(times),
        "max": max(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--probes", type=int, default=50, help="adds timed after the stream")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run(args.one, args.probes)))
        return
    first = None
    last: dict[str, float] = {}
    for count in sorted(args.sizes):
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(count), "--probes", str(args.probes)],
            check=True,
            capture_output=True,
            text=True,
        )
        last = json.loads(child.stdout)
        first = first or last["tail"]
        print(
            f"{count:>7} articles: total {last['total']:8.1f}s  per add "
            f"{last['total'] / count * 1000:6.2f} ms, last tenth {last['tail'] * 1000:6.2f} ms "
            f"(x{last['tail'] / first:.2f})  stories {int(last['stories']):>6}  "
            f"peak resident {last['peak_mib']:7.0f} MiB",
            flush=True,
        )
    size = max(args.sizes)
    print(
        f"rescaling every member of the {size:,}-article index (once per "
        f"{RENORM_GROWTH - 1:.0%} of growth, inside the add that crosses it): "
        f"{last['rescale']:.2f} s"
    )
    print(
        f"one add to a {size:,}-article index: median {last['median'] * 1000:.2f} ms, "
        f"max {last['max'] * 1000:.2f} ms over {args.probes} articles"
    )


if __name__ == "__main__":
    main()
