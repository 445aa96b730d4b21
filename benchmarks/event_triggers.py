"""Coverage of the event extractor on ECB+ news: how many gold ACTION_* mentions lie in
sentences the extractor reports events for, and how many it hits with a trigger.

    python benchmarks/event_triggers.py ../shared/datasets/dev/ecbplus

A rough check of coverage, not of typing: ECB+ annotates every action (``checked
into``, ``said``, ``announced``), while Rashomon reports political and conflict events.
Printed per mention type group: sentence-level recall (the gold mention's sentence has
at least one reported event) and trigger recall (a reported trigger overlaps it). The
last line is the sentence-level recall over all ACTION_* mentions.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from rashomon.annotate import load_model
from rashomon.extract.events import find_events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the ecbplus folder (docs.jsonl)")
    args = parser.parse_args()
    path = args.data / "docs.jsonl"
    if not path.exists():
        sys.exit(f"{path}: not found; pass the ecbplus dataset folder")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    model = load_model(None)
    total: Counter[str] = Counter()
    in_sentence: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for record, doc in zip(docs, model.pipe((d["text"] for d in docs), batch_size=16), strict=True):
        events = find_events(doc, article_id=record["doc_id"])
        covered = [(e.sentence.start, e.sentence.end) for e in events]
        triggers = [(e.start, e.end) for e in events]
        for mention in record["mentions"]:
            kind = mention["type"]
            if "ACTION" not in kind:
                continue
            group = "ACTION_OCCURRENCE" if kind == "ACTION_OCCURRENCE" else "other ACTION_*"
            start, end = mention["start"], mention["end"]
            for key in (group, "all ACTION_*"):
                total[key] += 1
                in_sentence[key] += any(s <= start < e for s, e in covered)
                hit[key] += any(s < end and start < e for s, e in triggers)
    print(f"documents: {len(docs)}")
    for key in ("ACTION_OCCURRENCE", "other ACTION_*", "all ACTION_*"):
        print(
            f"{key:18} mentions {total[key]:5d}  trigger recall {hit[key] / total[key]:.3f}  "
            f"sentence recall {in_sentence[key] / total[key]:.3f}"
        )
    overall = in_sentence["all ACTION_*"] / total["all ACTION_*"]
    print(f"sentence-level recall, all ACTION_*: {overall:.3f}")


if __name__ == "__main__":
    main()
