"""How long ``rashomon compare`` takes on a large story.

    python benchmarks/compare_scale.py [--articles 50] [--runs 5]

Writes ``--articles`` synthetic reports of one happening (a dam breach, told by as many
outlets, each picking its own sentences, figures, quotes and wording from a pool),
analyzes them into a fresh corpus through the production path, then times
``Corpus.compare`` on the largest story: the first call in a new process (it restores
the story index from the store) and the median of ``--runs`` further calls, beside the
time the store takes to load the story's facts alone (the baseline of the same run).
The last line is the median compare time in seconds.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import rashomon

LEDES = [
    "The Arvel dam in northern Velmora burst on Tuesday, flooding {n} villages and killing "
    "at least {k} people, {who} said.",
    "At least {k} people died after the Arvel dam gave way on Tuesday, sending water through "
    "{n} villages in northern Velmora, according to {who}.",
    "A wall of water swept through {n} villages when the Arvel dam collapsed on Tuesday; "
    "{who} put the death toll at {k}.",
]
POOL = [
    "Rescue teams from Kessing and Dorow searched flooded houses through the night.",
    "Governor Anouk Tessel told {medium} that the breach was caused by weeks of heavy rain.",
    '"We warned the ministry about cracks in the wall two years ago," said engineer Pavel Ruud.',
    "The Ministry of Water denied that it had received any warning about the dam.",
    "About {d} people have been displaced and are sheltering in schools in Kessing.",
    "Opposition leader Mira Haldan called the collapse a crime of neglect by the government.",
    "The dam, built in 1974, supplied water to farms across the Arvel valley.",
    "Prime Minister Joren Vasko said the army would deliver food and tents by Thursday.",
    "Residents said the water rose more than two metres in less than an hour.",
    "The regime has ignored the region for decades, local activists claimed.",
    "Insurance companies estimate the damage at {m} million euros.",
    "Police arrested {a} people suspected of looting abandoned shops in Dorow.",
    "The Red Crescent said {i} people were injured, many of them children.",
    "Engineers will inspect two other dams on the Arvel river next week.",
    "Farmers fear the floods have destroyed this year's wheat harvest.",
]
OUTLETS = [f"Outlet {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(200)]


def article(rng: random.Random, index: int) -> dict[str, str]:
    values = {
        "n": str(rng.choice([11, 12, 12, 14])),
        "k": str(rng.choice([23, 25, 25, 27, 30])),
        "who": rng.choice(["officials", "the health ministry", "rescue workers"]),
        "medium": rng.choice(["state television", "Radio Velmora", "the Velmora Times"]),
        "d": rng.choice(["4,000", "4,500", "5,000"]),
        "m": rng.choice(["120", "150"]),
        "a": rng.choice(["6", "8"]),
        "i": rng.choice(["80", "95", "110"]),
    }
    sentences = [rng.choice(LEDES), *rng.sample(POOL, rng.randint(7, 12))]
    paragraphs = [s.format(**values) for s in sentences]
    return {
        "title": f"Arvel dam collapse kills {values['k']} in northern Velmora",
        "source": OUTLETS[index],
        "published": "2025-04-08",
        "text": "\n\n".join(paragraphs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "story.jsonl"
        feed.write_text(
            "\n".join(json.dumps(article(rng, i)) for i in range(args.articles)) + "\n",
            encoding="utf-8",
        )
        db = Path(folder) / "story.db"
        started = time.perf_counter()
        with rashomon.open(db) as corpus:
            corpus.analyze([feed])
        print(f"analyzed {args.articles} articles in {time.perf_counter() - started:.1f} s")
        with rashomon.open(db) as corpus:
            story = corpus.stories()[0]
            t0 = time.perf_counter()
            comparison = corpus.compare(story.story_id)
            first = time.perf_counter() - t0
            loads, runs = [], []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                corpus._connector.material(story.story_id)  # the baseline
                loads.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                comparison = corpus.compare(story.story_id)
                runs.append(time.perf_counter() - t0)
        counts = comparison.counts()
        print(
            f"largest story: {len(story.article_ids)} articles, {len(comparison.outlets)} outlets, "
            f"{len(comparison.sentences)} sentences, {counts['agreed']} agreed / "
            f"{counts['conflicting']} conflicting / {counts['unique']} unique items"
        )
        print(f"first compare in a new process (restores the story index): {first:.2f} s")
        print(
            f"loading the story's facts alone: median {statistics.median(loads):.2f} s; "
            f"compare: median {statistics.median(runs):.2f} s, max {max(runs):.2f} s "
            f"over {args.runs} runs"
        )
        print(f"compare seconds (median): {statistics.median(runs):.2f}")


if __name__ == "__main__":
    main()
