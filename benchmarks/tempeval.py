"""Score time extraction and normalization (``rashomon.extract.times``) on TempEval-3
(TimeBank + AQUAINT, the data's docs.jsonl with gold TIMEX3 spans and values).

    python benchmarks/tempeval.py ../shared/datasets/dev/tempeval3

Metric (TempEval-3 Task A): extraction precision/recall/F1 with exact spans (strict)
and with overlapping spans (relaxed, one-to-one); type accuracy on relaxed matches;
value F1: a value counts as correct on a relaxed match with the gold value, value
P = correct / predicted, R = correct / gold. The same value scores "given gold spans"
(each gold span normalized in its context) are printed as a diagnostic. The last line
is the value F1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rashomon.extract.times import find_times, normalize_time
from rashomon.records import TimeExpr


@dataclass(frozen=True, kw_only=True, slots=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Doc:
    id: str
    anchor: date
    text: str
    gold: tuple[Gold, ...]


@dataclass(kw_only=True, slots=True)
class Tally:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    typed: int = 0
    valued: int = 0


def load(folder: Path) -> list[Doc]:
    docs = []
    with (folder / "docs.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            gold = tuple(
                Gold(
                    start=t["start"], end=t["end"], text=t["text"], type=t["type"], value=t["value"]
                )
                for t in row["timexes"]
            )
            docs.append(
                Doc(
                    id=row["doc_id"],
                    anchor=date.fromisoformat(row["dct"][:10]),
                    text=row["text"],
                    gold=gold,
                )
            )
    return docs


def match(gold: tuple[Gold, ...], predicted: tuple[TimeExpr, ...]) -> list[tuple[Gold, TimeExpr]]:
    """Relaxed one-to-one matching: each gold span pairs with the unused prediction that
    overlaps it most."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        best, overlap = None, 0
        for index, p in enumerate(predicted):
            shared = min(g.end, p.end) - max(g.start, p.start)
            if index not in used and shared > overlap:
                best, overlap = index, shared
        if best is not None:
            used.add(best)
            pairs.append((g, predicted[best]))
    return pairs


def score(docs: list[Doc], errors: Counter[tuple[str, str, str]]) -> Tally:
    tally = Tally()
    for doc in docs:
        predicted = find_times(doc.text, doc.anchor, article_id=doc.id)
        tally.gold += len(doc.gold)
        tally.predicted += len(predicted)
        spans = {(p.start, p.end) for p in predicted}
        tally.strict += sum((g.start, g.end) in spans for g in doc.gold)
        pairs = match(doc.gold, predicted)
        tally.relaxed += len(pairs)
        tally.typed += sum(g.type == p.type for g, p in pairs)
        tally.valued += sum(g.value == p.value for g, p in pairs)
        for g, p in pairs:
            if g.value != p.value:
                errors[(g.text, str(g.value), str(p.value))] += 1
    return tally


def given_gold_spans(docs: list[Doc]) -> tuple[int, int, int]:
    """(gold, normalized, correct) when each gold span is normalized in its context."""
    gold = normalized = correct = 0
    for doc in docs:
        for g in doc.gold:
            gold += 1
            expr = normalize_time(doc.text, g.start, g.end, doc.anchor, article_id=doc.id)
            if expr is not None:
                normalized += 1
                correct += expr.value == g.value
    return gold, normalized, correct


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def line(label: str, scores: tuple[float, float, float]) -> str:
    p, r, f = scores
    return f"{label:<34} P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="folder holding the TempEval-3 docs.jsonl")
    parser.add_argument("--errors", type=int, default=0, help="print the N commonest value errors")
    args = parser.parse_args()
    if not (args.data / "docs.jsonl").is_file():
        print(
            f"error: no docs.jsonl in {args.data}; pass the tempeval3 data folder", file=sys.stderr
        )
        return 2
    docs = load(args.data)
    chars = sum(len(d.text) for d in docs)
    errors: Counter[tuple[str, str, str]] = Counter()
    find_times("warm-up: the grammar is compiled once per process", None, article_id="-")
    started = time.perf_counter()
    tally = score(docs, errors)
    elapsed = time.perf_counter() - started
    gold, normalized, correct = given_gold_spans(docs)
    print(f"documents {len(docs)}  gold timexes {tally.gold}  predicted {tally.predicted}")
    per_1000 = elapsed * 1e6 / chars
    print(f"time: {elapsed:.2f} s for {chars:,} characters ({per_1000:.2f} ms per 1,000)")
    for (text, want, got), count in errors.most_common(args.errors):
        print(f"  {count:>3}x {text!r}: gold {want}, got {got}")
    print(line("strict extraction", prf(tally.strict, tally.predicted, tally.gold)))
    print(line("relaxed extraction", prf(tally.relaxed, tally.predicted, tally.gold)))
    accuracy = tally.typed / tally.relaxed if tally.relaxed else 0.0
    print(f"{'type accuracy (relaxed matches)':<34} {accuracy:.3f}")
    print(line("value, given gold spans", prf(correct, normalized, gold)))
    value = prf(tally.valued, tally.predicted, tally.gold)
    print(line("value", value))
    print(f"value F1 {value[2]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
