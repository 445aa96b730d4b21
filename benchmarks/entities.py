"""Entity mentions on GUM news (Wikinews): Rashomon's ``entities`` stage (the model's
mentions after the rule layer of ``rashomon.resolve.labels`` and linking) against the
bare spaCy model's ``doc.ents``, same model, same documents.

    python benchmarks/entities.py ../shared/datasets/dev/gum-news

Gold mentions are the proper-name mentions with a CoNLL type (``conll_type``: PER, ORG,
LOC, MISC; the README's derivation). GUM marks each mention's full noun phrase and its
minimal span, so a predicted mention matches a gold one when it lies inside the gold
span and covers the gold minimal span (the README's suggested metric); each gold and
each predicted mention is matched at most once, tightest gold span first. A match counts
when the types agree: PERSON is PER; ORG is ORG; GPE, LOC and FAC are LOC; NORP is MISC.
Both sides keep only the labels the ``entities`` stage keeps (persons, organizations,
places, groups): the comparison is of the rule layer, not of which labels are stored.
Role references (``the US ambassador``) are no names and are left out. The bare model's
score over all its labels (events, works, laws ... as MISC) is printed for reference.

Printed: precision, recall and F1 per type and overall, for the bare model and for
Rashomon; the last line is Rashomon's overall F1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.annotate import annotate, load_model
from rashomon.options import Options
from rashomon.records import Article

TYPES = ("PER", "ORG", "LOC", "MISC")
# spaCy's labels as CoNLL types; DATE, CARDINAL and the other numeric labels are no names
CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "LANGUAGE": "MISC",
}
# the labels the entities stage keeps (rashomon.resolve.chains)
ACTORS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
SOURCE = "Wikinews"  # the outlet of every document


@dataclass(frozen=True, kw_only=True, slots=True)
class Span:
    start: int
    end: int
    text: str
    kind: str  # a CoNLL type


@dataclass(frozen=True, kw_only=True, slots=True)
class Gold:
    start: int
    end: int
    min_start: int
    min_end: int
    text: str
    kind: str


@dataclass(kw_only=True, slots=True)
class Tally:
    predicted: Counter[str]
    gold: Counter[str]
    correct: Counter[str]

    @classmethod
    def empty(cls) -> Tally:
        return cls(predicted=Counter(), gold=Counter(), correct=Counter())


def gold_mentions(record: dict[str, Any]) -> list[Gold]:
    return [
        Gold(
            start=m["start"],
            end=m["end"],
            min_start=m["min_start"],
            min_end=m["min_end"],
            text=m["text"],
            kind=m["conll_type"],
        )
        for m in record["mentions"]
        if m["conll_type"] in TYPES
    ]


def match(gold: Sequence[Gold], predicted: Sequence[Span]) -> list[tuple[Gold, Span]]:
    """One-to-one pairs (gold, predicted) where the prediction lies inside the gold span
    and covers its minimal span, whatever the types; tightest gold span first."""
    pairs = [
        (g.end - g.start, p.end - p.start, i, j)
        for i, g in enumerate(gold)
        for j, p in enumerate(predicted)
        if g.start <= p.start and p.end <= g.end and p.start <= g.min_start and g.min_end <= p.end
    ]
    pairs.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    out = []
    for _, _, i, j in pairs:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            out.append((gold[i], predicted[j]))
    return out


def score(gold: Sequence[Gold], predicted: Sequence[Span], tally: Tally) -> list[str]:
    """Add one document to ``tally``; return its errors, one line each."""
    tally.gold.update(g.kind for g in gold)
    tally.predicted.update(p.kind for p in predicted)
    pairs = match(gold, predicted)
    errors = []
    for g, p in pairs:
        if g.kind == p.kind:
            tally.correct[g.kind] += 1
        else:
            errors.append(f"type  {p.text!r} {p.kind}, gold {g.kind}")
    matched_gold = {id(g) for g, _ in pairs}
    matched_pred = {id(p) for _, p in pairs}
    errors += [f"miss  {g.text!r} {g.kind}" for g in gold if id(g) not in matched_gold]
    errors += [f"extra {p.text!r} {p.kind}" for p in predicted if id(p) not in matched_pred]
    return errors


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def overall_f1(tally: Tally) -> float:
    return prf(
        sum(tally.correct.values()), sum(tally.predicted.values()), sum(tally.gold.values())
    )[2]


def report(name: str, tally: Tally) -> list[str]:
    lines = []
    for kind in (*TYPES, "all"):
        if kind == "all":
            counts = (
                sum(tally.correct.values()),
                sum(tally.predicted.values()),
                sum(tally.gold.values()),
            )
        else:
            counts = (tally.correct[kind], tally.predicted[kind], tally.gold[kind])
        precision, recall, f1 = prf(*counts)
        lines.append(
            f"{name:22} {kind:4}  gold {counts[2]:4d} predicted {counts[1]:4d} "
            f"correct {counts[0]:4d}  P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"
        )
    return lines


def bare_spans(doc: Any, labels: Iterable[str]) -> list[Span]:
    """The model's entities as the annotation keeps them (no entity across a line)."""
    kept = frozenset(labels)
    return [
        Span(start=e.start_char, end=e.end_char, text=e.text, kind=CONLL[e.label_])
        for e in doc.ents
        if e.label_ in kept and e.text.strip() and "\n" not in e.text
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the gum-news folder (docs.jsonl)")
    parser.add_argument("--errors", action="store_true", help="print each document's errors")
    args = parser.parse_args()
    path = args.data / "docs.jsonl"
    if not path.exists():
        sys.exit(f"{path}: not found; pass the gum-news dataset folder")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    model = load_model(None)
    # the production stages, as `analyze` runs them: places first, then entities
    options = Options(stages=("places", "entities"))
    articles = [
        Article(id=d["doc_id"], document_id=d["doc_id"], position=0, text=d["text"], source=SOURCE)
        for d in docs
    ]
    annotations = annotate(articles, model, options)
    parsed = model.parse([d["text"] for d in docs], batch_size=options.batch_size)
    bare, bare_all, ours = Tally.empty(), Tally.empty(), Tally.empty()
    for record, annotation, doc in zip(docs, annotations, parsed, strict=True):
        gold = gold_mentions(record)
        score(gold, bare_spans(doc, CONLL), bare_all)
        bare_errors = score(gold, bare_spans(doc, ACTORS), bare)
        predicted = [
            Span(start=m.start, end=m.end, text=m.text, kind=CONLL[m.label])
            for m in annotation.entity_mentions
            if m.how != "role" and m.label in CONLL
        ]
        our_errors = score(gold, predicted, ours)
        if args.errors:
            print(f"== {record['doc_id']}")
            for line in sorted(set(our_errors) - set(bare_errors)):
                print(f"  ours only: {line}")
            for line in sorted(set(bare_errors) - set(our_errors)):
                print(f"  bare only: {line}")
    print(f"documents: {len(docs)}  model: {model.name}")
    for line in report("bare model, all labels", bare_all):
        print(line)
    for line in report("bare model", bare):
        print(line)
    for line in report("rashomon", ours):
        print(line)
    print(
        f"bare model entity mention F1: {overall_f1(bare):.3f} "
        f"(all labels: {overall_f1(bare_all):.3f})"
    )
    print(f"rashomon entity mention F1: {overall_f1(ours):.3f}")


if __name__ == "__main__":
    main()
