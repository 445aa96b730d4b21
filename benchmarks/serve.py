"""Latency of ``rashomon serve``: story pages and search, through a real server.

    python benchmarks/serve.py                      # the bundled sample corpus
    python benchmarks/serve.py --articles 10000     # a synthetic 10k-article corpus

The corpus is the sample corpus analyzed through the production path, or N synthetic
articles stored and linked through the production store and linker (as in
``link_scale.py``: no NLP model, so no quotes). The app runs under uvicorn on
127.0.0.1 in this process; a client on the same machine asks for story pages of stories
drawn at random (repeats included, so the first, uncached view of a story is counted
like any other) and for search queries made of words of the corpus (plain, prefix
``word*`` and two-word phrase). Printed: the server's first answer (it restores the story
index), then p50 / p95 / max per kind of request. The last line is the story page p95.
"""

from __future__ import annotations

import argparse
import random
import shutil
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx2 as httpx
import uvicorn

import rashomon
from rashomon.api import create_app
from rashomon.connect import Connector
from rashomon.store import Store

ROOT = Path(__file__).resolve().parent.parent


def sample_db(folder: Path) -> Path:
    db = folder / "sample.db"
    shutil.copytree(ROOT / "examples" / "corpus", folder / "corpus")
    with rashomon.open(db) as corpus:
        corpus.analyze([folder / "corpus"])
    return db


def synthetic_db(folder: Path, count: int) -> Path:
    from link_scale import _store, articles

    db = folder / "synthetic.db"
    with Store(db) as store:
        connector = Connector(store)
        batch = []
        for item in articles(count):
            batch.append(item)
            if len(batch) == 64:
                _store(store, connector, batch)
                batch = []
        if batch:
            _store(store, connector, batch)
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def line(name: str, times: list[float]) -> str:
    ms = [1000 * t for t in times]
    return (
        f"{name}: p50 {statistics.median(ms):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms, "
        f"max {max(ms):.1f} ms over {len(ms)} requests"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=0, help="0: the sample corpus")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", type=Path, default=None, help="use (or keep) this corpus")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        if args.db and args.db.exists():
            db = args.db
        elif args.articles:
            db = synthetic_db(folder, args.articles)
        else:
            db = sample_db(folder)
        if args.db and not args.db.exists():
            shutil.copy(db, args.db)
        print(f"corpus ready in {time.perf_counter() - started:.1f} s: {db.name}")
        with rashomon.open(db) as corpus:
            stories = [s.story_id for s in corpus.stories()]
            texts = [a.text for a in corpus.articles(limit=500)]
            counts = corpus.counts()
        print(f"{counts.articles} articles, {len(stories)} stories")
        words = [w.strip(".,") for t in texts for w in t.split() if len(w.strip(".,")) > 4]
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=60) as client:
            t0 = time.perf_counter()
            client.get("/").raise_for_status()
            first = time.perf_counter() - t0
            print(f"first answer (story list; restores the story index): {first:.2f} s")
            pages, searches = [], []
            for _ in range(args.requests):
                story = rng.choice(stories)
                t0 = time.perf_counter()
                client.get(f"/stories/{story}").raise_for_status()
                pages.append(time.perf_counter() - t0)
            for n in range(args.requests):
                word = rng.choice(words)
                query = (word, word[:4] + "*", f'"{word} {rng.choice(words)}"')[n % 3]
                t0 = time.perf_counter()
                client.get("/search", params={"q": query}).raise_for_status()
                searches.append(time.perf_counter() - t0)
            api = []
            for _ in range(args.requests // 2):
                t0 = time.perf_counter()
                client.get(f"/api/stories/{rng.choice(stories)}/compare").raise_for_status()
                api.append(time.perf_counter() - t0)
        server.should_exit = True
        thread.join(timeout=10)
        print(line("search page", searches))
        print(line("comparison JSON", api))
        print(line("story page", pages))
        print(f"story page p95 ms: {1000 * percentile(pages, 0.95):.1f}")


if __name__ == "__main__":
    main()
