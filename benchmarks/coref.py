"""Cross-document entity and event coreference on ECB+, through the production path:
each document is annotated (entities and events stages), stored in a temporary SQLite
file and linked by ``rashomon.connect.Connector`` (entity linking, stories, incidents),
exactly as ``rashomon analyze`` does after cleaning.

    python benchmarks/coref.py ../shared/datasets/dev/ecbplus [--limit N]

Scored on the gold mentions that carry a cross-document ``cluster`` id (CoNLL F1 = mean
of MUC, B-cubed, CEAF-e). A gold mention takes the entity (or incident) of a predicted
mention that overlaps it; a gold mention nothing overlaps is a singleton, so the figures
count what Rashomon does not link. Entities: HUMAN_PART_*, NON_HUMAN_PART*, LOC_*;
events: ACTION_* and NEG_ACTION_*. Also printed: the all-singletons baseline, and the
scores over the gold mentions Rashomon found. The last line is entity CoNLL F1.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_metrics import b_cubed, ceaf_e, conll_f1, muc
from rashomon.annotate import annotate, load_model
from rashomon.connect import Connector
from rashomon.options import Options
from rashomon.records import Article, Document, article_id, content_hash
from rashomon.store import Store

ENTITY_TYPES = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")
EVENT_TYPES = ("ACTION_", "NEG_ACTION_")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the ecbplus folder (docs.jsonl)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    args = parser.parse_args()
    path = args.data / "docs.jsonl"
    if not path.exists():
        sys.exit(f"{path}: not found; pass the ecbplus dataset folder")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    docs = docs[: args.limit] if args.limit else docs
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "ecb.db") as store:
        ids = _analyze(docs, store)
        entity_of, incident_of = _predictions(store)
    for name, types, predicted in (
        ("events", EVENT_TYPES, incident_of),
        ("entities", ENTITY_TYPES, entity_of),
    ):
        gold, pred, found = _score_items(docs, ids, types, predicted)
        singletons = {item: item for item in gold}
        print(f"{name}: {len(gold)} gold mentions with a cluster, {len(found)} found")
        _print_scores("  singletons baseline", gold, singletons)
        _print_scores(
            "  found mentions only", {i: gold[i] for i in found}, {i: pred[i] for i in found}
        )
        _print_scores("  rashomon", gold, pred)
    gold, pred, _ = _score_items(docs, ids, ENTITY_TYPES, entity_of)
    print(f"entity coreference CoNLL F1 (ECB+ dev, gold mentions): {conll_f1(gold, pred):.3f}")


def _analyze(docs: Sequence[dict[str, Any]], store: Store) -> list[str]:
    """Annotate, store and link every document as its own article; the article ids."""
    model = load_model(None)
    options = Options()
    connector = Connector(store)
    ids = []
    for start in range(0, len(docs), 32):
        batch = docs[start : start + 32]
        articles = []
        for record in batch:
            data = record["text"].encode("utf-8")
            document = Document(
                id=content_hash(data),
                origin=record["doc_id"],
                media_type="text/plain",
                text=record["text"],
                encoding="utf-8",
                size=len(data),
            )
            article = Article(
                id=article_id(record["doc_id"] + record["text"]),
                document_id=document.id,
                position=0,
                text=record["text"],
            )
            articles.append((document, article))
        annotations = annotate([a for _, a in articles], model, options)
        for (document, article), annotation in zip(articles, annotations, strict=True):
            store.add_document(document, [article], [annotation], stages=options.stages)
        connector.link([(a, x) for (_, a), x in zip(articles, annotations, strict=True)])
        ids.extend(a.id for _, a in articles)
    return ids


def _predictions(store: Store) -> tuple[dict[str, list[tuple[int, int, Hashable]]], ...]:
    entity_of: dict[str, list[tuple[int, int, Hashable]]] = {}
    for key, links in store.links.entity_ids().items():
        if links["entity_id"] is not None:
            entity_of.setdefault(key[0], []).append((key[1], key[2], f"E{links['entity_id']}"))
    incident_of: dict[str, list[tuple[int, int, Hashable]]] = {}
    for key, links in store.links.event_links().items():
        if links["incident_id"] is not None:
            incident_of.setdefault(key[0], []).append((key[1], key[2], links["incident_id"]))
    return entity_of, incident_of


def _score_items(
    docs: Sequence[dict[str, Any]],
    ids: Sequence[str],
    types: tuple[str, ...],
    predicted: dict[str, list[tuple[int, int, Hashable]]],
) -> tuple[dict[Hashable, Hashable], dict[Hashable, Hashable], set[Hashable]]:
    gold: dict[Hashable, Hashable] = {}
    pred: dict[Hashable, Hashable] = {}
    found: set[Hashable] = set()
    for record, key in zip(docs, ids, strict=True):
        spans = predicted.get(key, [])
        for mention in record["mentions"]:
            if not mention.get("cluster") or not mention["type"].startswith(types):
                continue
            item = (record["doc_id"], mention["m_id"])
            gold[item] = mention["cluster"]
            hits = [
                (min(e, mention["end"]) - max(s, mention["start"]), c)
                for s, e, c in spans
                if s < mention["end"] and mention["start"] < e
            ]
            if hits:
                pred[item] = max(hits, key=lambda h: h[0])[1]
                found.add(item)
            else:
                pred[item] = ("singleton", item)
    return gold, pred, found


def _print_scores(
    label: str, gold: dict[Hashable, Hashable], pred: dict[Hashable, Hashable]
) -> None:
    if not gold:
        print(f"{label}: no mentions")
        return
    m, b, c = muc(gold, pred), b_cubed(gold, pred), ceaf_e(gold, pred)
    print(
        f"{label}: MUC P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}  "
        f"B3 P {b.precision:.3f} R {b.recall:.3f} F1 {b.f1:.3f}  CEAF-e F1 {c.f1:.3f}  "
        f"CoNLL F1 {conll_f1(gold, pred):.3f}"
    )


if __name__ == "__main__":
    main()
