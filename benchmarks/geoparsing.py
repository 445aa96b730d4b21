"""Geoparsing on GeoWebNews and LGL news: the production spaCy model finds place names,
``rashomon.geocode`` resolves them to points.

    python benchmarks/geoparsing.py ../shared/datasets/dev/geoparsing

Gold places are the toponyms with coordinates. Printed per corpus and overall:
geotagging span precision/recall/F1 (a predicted place matches a gold one it overlaps),
accuracy within 161 km over all gold places (a missed place is wrong) and over the gold
places found, and the mean and median error in km of the found ones. The last line is
the overall accuracy@161km over found places.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rashomon.annotate import annotate, load_model
from rashomon.geocode import gazetteer
from rashomon.options import Options
from rashomon.records import Article, Geocoded

KM = 161.0
EARTH_KM = 6371.0


@dataclass(kw_only=True, slots=True)
class Tally:
    """Counts for one corpus."""

    predicted: int = 0
    predicted_matched: int = 0
    gold: int = 0
    found: int = 0
    errors: list[float] = field(default_factory=list)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def score(record: dict[str, Any], places: tuple[Geocoded, ...], tally: Tally) -> None:
    gold = [t for t in record["toponyms"] if t["lat"] is not None]
    tally.gold += len(gold)
    tally.predicted += len(places)
    for place in places:
        tally.predicted_matched += any(
            t["start"] < place.end and place.start < t["end"] for t in gold
        )
    for toponym in gold:
        hits = [p for p in places if toponym["start"] < p.end and p.start < toponym["end"]]
        if not hits:
            continue
        tally.found += 1
        best = hits[0].place
        tally.errors.append(distance_km(toponym["lat"], toponym["lon"], best.lat, best.lon))


def report(name: str, tally: Tally) -> str:
    precision = tally.predicted_matched / tally.predicted if tally.predicted else 0.0
    recall = tally.found / tally.gold if tally.gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    within = sum(e <= KM for e in tally.errors)
    over_all = within / tally.gold if tally.gold else 0.0
    over_found = within / tally.found if tally.found else 0.0
    mean = statistics.fmean(tally.errors) if tally.errors else 0.0
    median = statistics.median(tally.errors) if tally.errors else 0.0
    return (
        f"{name:10} gold {tally.gold:5d}  tagging P {precision:.3f} R {recall:.3f} "
        f"F1 {f1:.3f}  acc@161 all {over_all:.3f} found {over_found:.3f}  "
        f"error km mean {mean:.0f} median {median:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the geoparsing folder (docs.jsonl)")
    args = parser.parse_args()
    path = args.data / "docs.jsonl"
    if not path.exists():
        sys.exit(f"{path}: not found; pass the geoparsing dataset folder")
    lines = path.read_text(encoding="utf-8").split("\n")
    docs = [json.loads(line) for line in lines if line.strip()]
    started = time.perf_counter()
    gazetteer()
    print(f"gazetteer loaded in {time.perf_counter() - started:.1f} s")
    model = load_model(None)
    options = Options(stages=("places",))  # the production stage, as `analyze` runs it
    articles = [
        Article(id=d["doc_id"], document_id=d["doc_id"], position=0, text=d["text"]) for d in docs
    ]
    tallies: defaultdict[str, Tally] = defaultdict(Tally)
    for record, annotation in zip(docs, annotate(articles, model, options), strict=True):
        for key in (record["corpus"], "overall"):
            score(record, annotation.places, tallies[key])
    print(f"documents: {len(docs)}")
    for key in ("geowebnews", "lgl", "overall"):
        print(report(key, tallies[key]))
    overall = tallies["overall"]
    found = sum(e <= KM for e in overall.errors) / overall.found if overall.found else 0.0
    print(f"accuracy@161km over found, overall: {found:.3f}")


if __name__ == "__main__":
    main()
