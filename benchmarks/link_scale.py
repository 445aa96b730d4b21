"""The production path for one more article in a large corpus: a store of N synthetic
articles linked by ``rashomon.connect.Connector`` (entities, stories, incidents), then a
new run (fresh connector, as ``rashomon analyze`` starts) adds single articles.

    python benchmarks/link_scale.py [--articles 10000] [--db PATH]

No NLP model: each synthetic article is text built from its story's words and names
(Zipf vocabularies, stories of 1 to ~60 articles over a year) with its name mentions
given, passed through the production entities stage (``link_mentions``) and stored with
``Store.add_document``. Printed: the time to build and link the corpus, the time a new
run takes to restore the story index from the store (once per run), and the time to
store and link one more article (median over 20). The last line is that median.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from rashomon.connect import Connector
from rashomon.records import (
    Annotation,
    Article,
    Document,
    Mention,
    Published,
    article_id,
    content_hash,
)
from rashomon.resolve.chains import link_mentions
from rashomon.store import Store

VOCABULARY = 20_000
NAMES = 5_000
SEED = 7


def _zipf(rng: random.Random, size: int) -> int:
    return min(int(rng.paretovariate(1.1)) - 1, size - 1)


def _name(number: int) -> str:
    letters = "bcdfghklmnprstvz"
    word = "".join(letters[int(d, 16)] + "a" for d in f"{number:04x}")
    return word.capitalize()


def articles(count: int, seed: int = SEED) -> Iterator[tuple[Article, Annotation, Document]]:
    rng = random.Random(seed)
    made = 0
    while made < count:
        size = min(count - made, max(1, int(rng.paretovariate(1.2))), 60)
        words = [f"w{rng.randrange(VOCABULARY)}" for _ in range(30)]
        actors = [
            f"{_name(_zipf(rng, NAMES))} {_name(NAMES + rng.randrange(NAMES))}" for _ in range(4)
        ]
        place = _name(2 * NAMES + rng.randrange(800))
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        for _ in range(size):
            yield _article(rng, words, actors, place, day + timedelta(days=rng.randrange(4)))
            made += 1


def _article(
    rng: random.Random, words: list[str], actors: list[str], place: str, day: date
) -> tuple[Article, Annotation, Document]:
    parts: list[str] = []
    names: list[tuple[str, str]] = []
    for sentence in range(8):
        body = [rng.choice(words) if rng.random() < 0.4 else f"w{_zipf(rng, VOCABULARY)}"]
        body += [f"w{_zipf(rng, VOCABULARY)}" for _ in range(12)]
        name, label = (rng.choice(actors), "PERSON") if sentence % 3 else (place, "GPE")
        names.append((name, label))
        parts.append(f"{name} " + " ".join(body) + ".")
    text = " ".join(parts)
    key = article_id(text)
    data = text.encode()
    document = Document(
        id=content_hash(data),
        origin="synthetic",
        media_type="text/plain",
        text=text,
        encoding="utf-8",
        size=len(data),
    )
    mentions, cursor = [], 0
    for name, label in names:
        start = text.index(name, cursor)
        cursor = start + len(name)
        mentions.append(Mention(article_id=key, start=start, end=cursor, text=name, label=label))
    article = Article(
        id=key,
        document_id=document.id,
        position=0,
        text=text,
        title=" ".join(text.split()[:8]),
        source=f"outlet{rng.randrange(200)}",
        published=Published(date=day, precision="day", evidence="synthetic"),
    )
    annotation = Annotation(
        article_id=key,
        model="synthetic",
        sentences=(),
        mentions=tuple(mentions),
        entity_mentions=link_mentions(text, mentions, article_id=key, source=article.source),
    )
    return article, annotation, document


def _store(
    store: Store, connector: Connector, batch: list[tuple[Article, Annotation, Document]]
) -> None:
    for article, annotation, document in batch:
        store.add_document(document, [article], [annotation], stages=("entities",))
    connector.link([(a, x) for a, x, _ in batch])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size")
    parser.add_argument("--db", type=Path, default=None, help="keep the store here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "scale.db"
        stream = articles(args.articles + 20)
        with Store(path) as store:
            connector = Connector(store)
            started = time.perf_counter()
            batch: list[tuple[Article, Annotation, Document]] = []
            for _ in range(args.articles):
                batch.append(next(stream))
                if len(batch) == 64:
                    _store(store, connector, batch)
                    batch = []
            if batch:
                _store(store, connector, batch)
            built = time.perf_counter() - started
            stories = len(connector.index.all_stories())
        print(
            f"{args.articles} articles stored and linked in {built:.1f}s "
            f"({1000 * built / args.articles:.1f} ms per article), {stories} stories"
        )
        with Store(path) as store:
            connector = Connector(store)
            started = time.perf_counter()
            connector.index  # noqa: B018 - restore the index, as a new run does once
            print(f"new run: story index restored in {time.perf_counter() - started:.2f}s")
            times = []
            for _ in range(20):
                one = [next(stream)]
                started = time.perf_counter()
                _store(store, connector, one)
                times.append(time.perf_counter() - started)
        print(f"one article stored and linked: max {1000 * max(times):.0f} ms")
        print(
            f"add one article to a {args.articles}-article corpus (store + entities + story "
            f"+ incidents), median: {1000 * statistics.median(times):.0f} ms"
        )


if __name__ == "__main__":
    main()
