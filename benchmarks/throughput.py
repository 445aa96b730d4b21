"""Throughput of ``analyze`` against the bare spaCy pass over the same article texts,
timed in the same process with the same loaded model.

    python benchmarks/throughput.py ../shared/datasets/dev/polnear/docs.jsonl
    python benchmarks/throughput.py examples/corpus --repeat 3

The data path is anything ``rashomon analyze`` reads. "analyze" is the whole run
(read, decode, clean, annotate, store into a fresh SQLite file); "bare" is
``nlp.pipe`` over the clean texts alone. Each is run ``--repeat`` times and the best
time kept; the model is loaded (and warmed up) before either clock starts. The last
line is the ratio analyze/bare of articles per second (target >= 0.7).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from rashomon.analyze import analyze
from rashomon.annotate import load_model
from rashomon.clean import clean_document
from rashomon.errors import InputError
from rashomon.ingest import iter_documents
from rashomon.options import Options
from rashomon.store import Store


def article_texts(paths: list[str], options: Options) -> list[str]:
    texts: dict[str, str] = {}
    for item in iter_documents(paths, options):
        if isinstance(item, InputError):
            continue
        try:
            for article in clean_document(item, options):
                texts.setdefault(article.id, article.text)
        except InputError:
            continue
    return list(texts.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="files or folders to analyze")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best is kept")
    parser.add_argument("--model", default=None, help="spaCy model [default: first installed]")
    args = parser.parse_args()
    options = Options(model=args.model)
    model = load_model(options.model)
    texts = article_texts(args.paths, options)
    if not texts:
        raise SystemExit(f"no articles found in {' '.join(args.paths)}")
    words = sum(len(t.split()) for t in texts)
    list(model.pipe(texts[:8], batch_size=options.batch_size))  # warm-up

    bare_times, full_times = [], []
    stored = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        for _doc in model.pipe(texts, batch_size=options.batch_size):
            pass
        bare_times.append(time.perf_counter() - start)
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
            start = time.perf_counter()
            report = analyze(args.paths, store, options)
            full_times.append(time.perf_counter() - start)
            stored = report.articles
    bare, full = min(bare_times), min(full_times)
    print(
        f"model: {model.name}; articles: {len(texts)} ({words} words); stored by analyze: {stored}"
    )
    print(f"bare nlp.pipe: {len(texts) / bare:.2f} articles/s ({words / bare:.0f} words/s)")
    print(f"analyze:       {stored / full:.2f} articles/s ({words / full:.0f} words/s)")
    print(f"ratio analyze/bare: {(stored / full) / (len(texts) / bare):.2f}")


if __name__ == "__main__":
    main()
