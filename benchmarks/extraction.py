"""Score HTML ingest (read + decode + trafilatura + Rashomon's cleaning) on the
article-extraction benchmark, beside plain ``trafilatura.extract`` in the same run.

    python benchmarks/extraction.py ../shared/datasets/dev/article-extraction

Metric (the benchmark's own, see the data's README): per page, lower-cased ``\\w+``
tokens, 4-gram shingles with counts, TP/FP/FN normalized per page; precision and recall
averaged over pages; F1 from the two means. The last line is Rashomon's F1.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

import trafilatura

from rashomon.clean import clean_document
from rashomon.errors import InputError
from rashomon.ingest import InputSource, read_source
from rashomon.options import Options

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(precision(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(recall(*x) for x in rows if x[0] + x[2] > 0)
    return p, r, 2 * p * r / (p + r)


def rashomon_text(path: Path, options: Options) -> tuple[str, str | None]:
    """The first article's text as Rashomon stores it, and the error if there is none."""
    for item in read_source(InputSource(path=path), options):
        if isinstance(item, InputError):
            return "", str(item)
        try:
            articles = clean_document(item, options)
        except InputError as exc:
            return "", str(exc)
        return articles[0].text, None
    return "", "no document"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "data", type=Path, help="the article-extraction folder (ground-truth.json, html/)"
    )
    args = parser.parse_args()
    truth_file = args.data / "ground-truth.json"
    if not truth_file.exists():
        sys.exit(f"{truth_file}: not found; pass the article-extraction dataset folder")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    options = Options()
    ours, baseline, failures = [], [], []
    for key in sorted(truth):
        page = args.data / "html" / f"{key}.html.gz"
        expected = truth[key].get("articleBody", "")
        text, error = rashomon_text(page, options)
        if error:
            failures.append(error)
        ours.append(tp_fp_fn(expected, text))
        html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        baseline.append(tp_fp_fn(expected, trafilatura.extract(html) or ""))
    print(f"pages: {len(truth)}; pages with no article from Rashomon: {len(failures)}")
    for failure in failures:
        print(f"  {failure}")
    p, r, f = scores(baseline)
    print(f"trafilatura.extract (same run): precision={p:.3f} recall={r:.3f} F1={f:.3f}")
    p, r, f = scores(ours)
    print(f"rashomon ingest:                precision={p:.3f} recall={r:.3f} F1={f:.3f}")


if __name__ == "__main__":
    main()
