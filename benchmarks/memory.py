"""Peak memory of ``analyze`` by article size, against the same run on a small article.

    python benchmarks/memory.py ../shared/datasets/dev/polnear/docs.jsonl
    python benchmarks/memory.py examples/corpus --sizes 10000 100000

Articles of each size are built from the real article texts under the data path
(anything ``rashomon analyze`` reads), joined paragraph by paragraph until the size is
reached, and each is analyzed alone (read, clean, annotate, store into a fresh SQLite
file) in a fresh process that reports its own peak resident memory. The baseline is the
same run on a 2,000-character article: the model, the libraries and the store, loaded
alike. Printed per size: the time, the peak, the peak above the baseline and that excess
per 100,000 characters. Articles past 100,000 characters are annotated in pieces, so the
excess should grow with the size and not jump at the model's own limit (1,000,000). The
last line is the excess per 100,000 characters of the largest article.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rashomon.options import Options

BASELINE = 2_000
SIZES = (10_000, 100_000, 300_000, 1_000_000, 2_000_000)


def build_article(texts: list[str], size: int) -> str:
    """Real paragraphs up to ``size`` characters. Past the end of the data each paragraph
    is joined to another one (a different pairing each round), so that no paragraph
    repeats: the cleaner drops repeated lines as page furniture."""
    paragraphs = [p.strip() for t in texts for p in t.split("\n") if p.strip()]
    out: list[str] = []
    length = 0
    rounds = 0
    while length < size:
        for i, paragraph in enumerate(paragraphs):
            if length >= size:
                break
            if rounds:
                paragraph += " " + paragraphs[(i + rounds) % len(paragraphs)]
            out.append(paragraph)
            length += len(paragraph) + 2
        rounds += 1
    return "\n\n".join(out)[:size]


def child(path: str, model: str | None) -> None:
    """Analyze one file into a fresh database; print seconds and peak RSS as JSON."""
    from rashomon.analyze import analyze
    from rashomon.annotate import load_model
    from rashomon.store import Store

    options = Options(model=model)
    load_model(options.model)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "m.db") as store:
        start = time.perf_counter()
        report = analyze([path], store, options)
        seconds = time.perf_counter() - start
        stored = sum(len(a.text) for a in store.articles())
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    errors = [str(e) for e in report.errors]
    result = {"seconds": seconds, "peak": peak_kib * 1024, "stored": stored, "errors": errors}
    print(json.dumps(result))


def measure(text: str, folder: Path, model: str | None) -> dict[str, float]:
    path = folder / f"article-{len(text)}.txt"
    path.write_text(text, encoding="utf-8")
    command = [sys.executable, __file__, "--child", str(path)]
    if model:
        command += ["--model", model]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"the run on {len(text)} characters failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    if result["errors"]:
        raise SystemExit(f"the run on {len(text)} characters reported: {result['errors']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="files or folders of real articles")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--model", default=None, help="spaCy model [default: first installed]")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.model)
        return
    if not args.paths:
        parser.error("give the data path: files or folders of real articles")
    from throughput import article_texts  # beside this script

    texts = article_texts(args.paths, Options(model=args.model))
    if not texts:
        raise SystemExit(f"no articles found in {' '.join(args.paths)}")
    mib = 1024 * 1024
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = measure(build_article(texts, BASELINE), folder, args.model)
        print(
            f"baseline ({BASELINE:,} chars): {base['seconds']:.1f} s,"
            f" peak {base['peak'] / mib:.0f} MiB"
        )
        excess = 0.0
        for size in sorted(args.sizes):
            run = measure(build_article(texts, size), folder, args.model)
            excess = (run["peak"] - base["peak"]) / mib
            print(
                f"{size:>9,} chars ({run['stored']:,} stored): {run['seconds']:6.1f} s,"
                f" peak {run['peak'] / mib:5.0f} MiB,"
                f" +{excess:5.0f} MiB over the baseline,"
                f" {excess / size * 100_000:5.1f} MiB per 100k chars"
            )
        largest = max(args.sizes)
        print(
            f"excess peak per 100k characters at {largest:,}: {excess / largest * 100_000:.1f} MiB"
        )


if __name__ == "__main__":
    main()
