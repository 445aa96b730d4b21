"""``rashomon batch --engine spark`` in local mode against ``rashomon analyze`` in one
process, on the same input, each run as the user runs it (the console script, cold:
start-up and model loading included).

    python benchmarks/spark_batch.py ../shared/datasets/dev/polnear/docs.jsonl
    python benchmarks/spark_batch.py examples/corpus --masters 'local[1]' 'local[2]'

The data path is anything both commands read. Printed: the one-process ``analyze`` time,
then per Spark master the ``batch`` time, the ``load`` time of its output into a fresh
database, and the articles each stored (they must agree). The last line is the speed-up
of ``batch`` on the last master over the one-process run (one-process seconds / batch
seconds); above 1, Spark finished first. Needs pyspark and Java 17.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RASHOMON = Path(sys.executable).parent / "rashomon"


def timed(command: list[str]) -> tuple[float, str]:
    env = {**os.environ, "SPARK_LOCAL_IP": os.environ.get("SPARK_LOCAL_IP", "127.0.0.1")}
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    # analyze and batch exit 1 when some input was bad; a crash has no summary line
    if done.returncode not in (0, 1) or not done.stdout.strip():
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return seconds, done.stdout


def articles(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        count: int = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="files or folders to analyze")
    parser.add_argument("--masters", nargs="+", default=["local[2]"], help="Spark masters")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        one_db = folder / "one.db"
        single, _ = timed(
            [str(RASHOMON), "analyze", *args.paths, "--db", str(one_db), "--no-progress"]
        )
        stored = articles(one_db)
        print(
            f"analyze, one process: {single:.1f} s for {stored} articles ({stored / single:.2f}/s)"
        )
        speedup = 0.0
        for number, master in enumerate(args.masters):
            out = folder / f"out{number}"
            batch, report = timed(
                [str(RASHOMON), "batch", *args.paths, "--out", str(out), "--master", master]
            )
            db = folder / f"loaded{number}.db"
            load, _ = timed([str(RASHOMON), "load", str(out), "--db", str(db)])
            written = re.search(r"(\d+) articles", report)
            loaded = articles(db)
            if loaded != stored:
                raise SystemExit(f"{master}: load stored {loaded} articles, analyze {stored}")
            speedup = single / batch
            print(
                f"batch {master}: {batch:.1f} s ({written.group(1) if written else '?'} articles,"
                f" {stored / batch:.2f}/s), load {load:.1f} s; batch + load {batch + load:.1f} s;"
                f" speed-up over one process {speedup:.2f}"
            )
        print(f"speed-up of batch {args.masters[-1]} over one process: {speedup:.2f}")


if __name__ == "__main__":
    main()
