"""Score quote extraction (rashomon.extract.quotes) on PolNeAR's attribution relations.

    python benchmarks/quotes.py ../shared/datasets/dev/polnear

Each gold attribution has content, cue and source spans (content often discontinuous).
Predicted quotes that share a cue and speaker are one predicted attribution (a quotation
interrupted by ``he said`` is two ``Quote`` records, one attribution), so both sides are
compared as token sets. Tokens are ``\\w+`` runs and single punctuation marks.

- Overlap match: a predicted and a gold span match when they share at least half of the
  tokens of the shorter one; pairs are matched one to one, largest overlap first.
- Exact match: the same word tokens (punctuation ignored: quotation marks, a trailing
  comma).
- Speaker accuracy, over content pairs matched by overlap that have a gold source: the
  predicted ``speaker_ref`` overlaps the gold source span, or the resolved ``speaker``
  equals or contains the gold source text (case-insensitive, whole words). Reported for
  direct quotes (gold content in quotation marks, ``content_in_quotes``) and the rest.

The last line is the speaker accuracy on matched direct quotes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.annotate import load_model
from rashomon.extract.quotes import find_quotes
from rashomon.records import Quote

_TOKEN = re.compile(r"\w+|[^\w\s]")
ROLES = ("content", "cue", "source")


@dataclass(frozen=True, kw_only=True, slots=True)
class Item:
    """One attribution, gold or predicted, as token sets per role."""

    content: frozenset[int]
    cue: frozenset[int]
    source: frozenset[int]
    source_chars: tuple[tuple[int, int], ...]
    source_text: str
    speaker: str | None
    direct: bool


class Tokens:
    def __init__(self, text: str) -> None:
        self.spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        self.words = frozenset(
            i for i, m in enumerate(_TOKEN.finditer(text)) if m.group()[0].isalnum()
        )

    def of(self, spans: Iterable[Sequence[int]]) -> frozenset[int]:
        out: set[int] = set()
        for start, end in spans:
            out.update(i for i, (s, e) in enumerate(self.spans) if s < end and start < e)
        return frozenset(out)


def gold_items(record: dict[str, Any], tokens: Tokens) -> list[Item]:
    items = []
    for a in record["attributions"]:

        def spans(role: str, a: dict[str, Any] = a) -> list[list[int]]:
            return [s for part in a[role] for s in part["spans"]]

        items.append(
            Item(
                content=tokens.of(spans("content")),
                cue=tokens.of(spans("cue")),
                source=tokens.of(spans("source")),
                source_chars=tuple((s, e) for s, e in spans("source")),
                source_text=" ".join(part["text"] for part in a["source"]),
                speaker=None,
                direct=bool(a["content_in_quotes"]),
            )
        )
    return items


def predicted_items(quotes: Sequence[Quote], tokens: Tokens) -> list[Item]:
    groups: dict[tuple[int, int, int, int], list[Quote]] = {}
    for q in quotes:
        cue_span = (q.cue.start, q.cue.end) if q.cue else (q.start, q.start)
        ref_span = (q.speaker_ref.start, q.speaker_ref.end) if q.speaker_ref else (-1, -1)
        groups.setdefault((*cue_span, *ref_span), []).append(q)
    items = []
    for group in groups.values():
        first = group[0]
        ref = first.speaker_ref
        items.append(
            Item(
                content=tokens.of((q.start, q.end) for q in group),
                cue=tokens.of([(first.cue.start, first.cue.end)]) if first.cue else frozenset(),
                source=tokens.of([(ref.start, ref.end)]) if ref else frozenset(),
                source_chars=((ref.start, ref.end),) if ref else (),
                source_text=ref.text if ref else "",
                speaker=first.speaker,
                direct=any(q.kind == "direct" for q in group),
            )
        )
    return items


def match(
    gold: Sequence[frozenset[int]], pred: Sequence[frozenset[int]], exact_words: frozenset[int]
) -> tuple[list[tuple[int, int]], int]:
    """One-to-one overlap matches (gold index, predicted index), and the exact count."""
    pairs = []
    for g, gs in enumerate(gold):
        for p, ps in enumerate(pred):
            shared = len(gs & ps)
            if gs and ps and shared * 2 >= min(len(gs), len(ps)):
                pairs.append((shared, g, p))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for _, g, p in pairs:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            matched.append((g, p))
    exact_g: set[int] = set()
    exact = 0
    for ps in pred:
        words = ps & exact_words
        for g, gs in enumerate(gold):
            if g not in exact_g and words and gs & exact_words == words:
                exact_g.add(g)
                exact += 1
                break
    return matched, exact


def speaker_right(gold: Item, pred: Item) -> bool:
    for gs, ge in gold.source_chars:
        for ps, pe in pred.source_chars:
            if ps < ge and gs < pe:
                return True
    if not pred.speaker or not gold.source_text.strip():
        return False
    pattern = r"(?<!\w)" + re.escape(gold.source_text.strip().casefold()) + r"(?!\w)"
    return re.search(pattern, pred.speaker.casefold()) is not None


def prf(hits: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the polnear folder (docs.jsonl)")
    parser.add_argument("--model", default=None, help="spaCy model (default: the installed one)")
    args = parser.parse_args()
    path = args.data / "docs.jsonl"
    if not path.is_file():
        sys.exit(f"error: {path} not found; pass the folder that holds PolNeAR's docs.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    model = load_model(args.model)
    started = time.perf_counter()
    docs = list(model.pipe((r["text"] for r in records), 16))
    parsed = time.perf_counter()
    quotes = [
        find_quotes(doc, article_id=r["doc_id"]) for doc, r in zip(docs, records, strict=True)
    ]
    done = time.perf_counter()

    counts = {role: [0, 0, 0, 0] for role in ROLES}  # hits, exact, predicted, gold
    speaker = {True: [0, 0], False: [0, 0]}  # direct?: [right, total]
    for record, found in zip(records, quotes, strict=True):
        tokens = Tokens(record["text"])
        gold = gold_items(record, tokens)
        pred = predicted_items(found, tokens)
        for role in ROLES:
            # the items that have this role, so that a match's indices point at them
            g_items = [g for g in gold if getattr(g, role)]
            p_items = [p for p in pred if getattr(p, role)]
            g_sets = [getattr(g, role) for g in g_items]
            p_sets = [getattr(p, role) for p in p_items]
            matched, exact = match(g_sets, p_sets, tokens.words)
            row = counts[role]
            row[0] += len(matched)
            row[1] += exact
            row[2] += len(p_sets)
            row[3] += len(g_sets)
            if role == "content":
                for g, p in matched:
                    if g_items[g].source:
                        speaker[g_items[g].direct][1] += 1
                        speaker[g_items[g].direct][0] += speaker_right(g_items[g], p_items[p])

    n_quotes = sum(len(q) for q in quotes)
    print(f"documents: {len(records)}, gold attributions: {counts['content'][3]}, ", end="")
    print(f"predicted attributions: {counts['content'][2]} ({n_quotes} quotes)")
    print(f"time: spaCy {parsed - started:.1f}s, find_quotes {done - parsed:.2f}s")
    print(f"{'role':8} {'P':>6} {'R':>6} {'F1':>6} {'exact F1':>9}   (overlap >= 50% of shorter)")
    for role in ROLES:
        hits, exact, n_pred, n_gold = counts[role]
        precision, recall, f1 = prf(hits, n_pred, n_gold)
        exact_f1 = prf(exact, n_pred, n_gold)[2]
        print(f"{role:8} {precision:6.3f} {recall:6.3f} {f1:6.3f} {exact_f1:9.3f}")
    for direct, label in ((False, "indirect/other"), (True, "direct")):
        right, total = speaker[direct]
        share = right / total if total else 0.0
        print(f"speaker accuracy on matched {label} quotes: {share:.3f} ({right}/{total})")


if __name__ == "__main__":
    main()
