"""Score event typing on CASE 2021 task 2 snippets (ACLED sub-event types).

    python benchmarks/event_typing.py ../shared/datasets/dev/case2021-task2

Each snippet is parsed and run through the event extractor; the snippet's predicted
label is the CASE code (data/plover_acled.tsv) of its main event (in the first
sentence with events, the most confident one); a snippet with no event is predicted
OTHER. Printed: micro-F1 (= accuracy) and macro-F1 over the fine labels, then micro-
and macro-F1 over the six coarse ACLED event types (snippets of the non-ACLED "unseen"
classes count as one more class). The last line is the coarse micro-F1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from rashomon.annotate import load_model
from rashomon.extract.event_lexicon import acled_mappings
from rashomon.extract.events import find_events
from rashomon.resolve.countries import named_country, named_place

UNSEEN = "Non-ACLED (unseen)"


def coarse_of(code: str) -> str:
    for mapping in acled_mappings().values():
        if mapping.case_code == code and mapping.acled_type:
            return mapping.acled_type
    return UNSEEN


def f1_scores(gold: list[str], pred: list[str]) -> tuple[float, float]:
    """(micro-F1, macro-F1) for single-label classification."""
    labels = sorted(set(gold))
    tp = Counter(g for g, p in zip(gold, pred, strict=True) if g == p)
    gold_n, pred_n = Counter(gold), Counter(pred)
    f1s = []
    for label in labels:
        p = tp[label] / pred_n[label] if pred_n[label] else 0.0
        r = tp[label] / gold_n[label] if gold_n[label] else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return sum(tp.values()) / len(gold), sum(f1s) / len(f1s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the case2021-task2 folder (docs.jsonl)")
    parser.add_argument("--confusions", type=int, default=12, help="most frequent errors shown")
    parser.add_argument(
        "--predictions", type=Path, help="write each snippet's id, gold and predicted label (TSV)"
    )
    args = parser.parse_args()
    path = args.data / "docs.jsonl"
    if not path.exists():
        sys.exit(f"{path}: not found; pass the case2021-task2 dataset folder")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    model = load_model(None)
    gold, pred = [], []
    for row, doc in zip(rows, model.pipe((r["text"] for r in rows), batch_size=32), strict=True):
        events = find_events(
            doc, article_id=str(row["id"]), is_place=named_place, is_country=named_country
        )
        label = "OTHER"
        if events:
            first_sentence = events[0].sentence.start
            best = max(
                events,
                key=lambda e: (
                    e.sentence.start == first_sentence,
                    e.modality != "denied",
                    e.confidence,
                ),
            )
            mapping = acled_mappings().get(
                (best.plover_type, best.plover_mode)
            ) or acled_mappings().get((best.plover_type, None))
            label = mapping.case_code if mapping else "OTHER"
        gold.append(row["label"])
        pred.append(label)
    if args.predictions:
        lines = [f"{r['id']}\t{g}\t{p}" for r, g, p in zip(rows, gold, pred, strict=True)]
        args.predictions.write_text("id\tgold\tpredicted\n" + "\n".join(lines) + "\n")
    micro, macro = f1_scores(gold, pred)
    coarse_gold = [coarse_of(g) for g in gold]
    coarse_pred = [coarse_of(p) for p in pred]
    coarse_micro, coarse_macro = f1_scores(coarse_gold, coarse_pred)
    errors = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    print(f"snippets: {len(rows)}; labels: {len(set(gold))}")
    print("most frequent errors (gold -> predicted):")
    for (g, p), n in errors.most_common(args.confusions):
        print(f"  {n:3d}  {g} -> {p}")
    print(f"fine labels:  micro-F1 {micro:.3f}  macro-F1 {macro:.3f}")
    print(f"coarse ACLED types: macro-F1 {coarse_macro:.3f}")
    print(f"coarse ACLED types: micro-F1 {coarse_micro:.3f}")


if __name__ == "__main__":
    main()
