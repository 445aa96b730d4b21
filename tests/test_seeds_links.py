"""Acceptance on the seeds for linking across articles (skipped when ../shared/seeds is
absent): stories, entities and places, read back through the command line's exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli

Rows = list[dict[str, object]]


@pytest.fixture(scope="module")
def linked(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rows]:
    db = tmp_path_factory.mktemp("seed-links") / "seeds.db"
    analyzed = run_cli("analyze", seeds, "--db", db)
    assert analyzed.returncode == 0, analyzed.stderr
    out = {}
    for what in ("articles", "stories", "entities", "entity_mentions", "places"):
        result = run_cli("export", "--db", db, "--what", what, "--format", "jsonl")
        assert result.returncode == 0, result.stderr
        out[what] = [json.loads(line) for line in result.stdout.splitlines()]
    return out


def _article_id(linked: dict[str, Rows], starts: str) -> str:
    (found,) = [a["id"] for a in linked["articles"] if str(a["text"]).startswith(starts)]
    return str(found)


def test_seeds_two_stories_iraq_with_both_outlets_beirut_alone(linked: dict[str, Rows]) -> None:
    stories = linked["stories"]
    assert len(stories) == 2
    cradle = _article_id(linked, "US Ambassador to Iraq Alina Romanowski")
    iraq = next(s for s in stories if cradle in s["article_ids"])  # type: ignore[operator]
    assert len(iraq["article_ids"]) == 2  # type: ignore[arg-type]
    beirut = next(s for s in stories if s is not iraq)
    assert beirut["title"] == "Israeli War Planes Pound Beirut Suburb, Hezbollah Strikes Back"
    assert len(beirut["article_ids"]) == 1  # type: ignore[arg-type]


def _entity_of(linked: dict[str, Rows], text: str) -> set[object]:
    return {m["entity_id"] for m in linked["entity_mentions"] if m["text"] == text}


def test_seeds_spelling_variants_are_one_entity(linked: dict[str, Rows]) -> None:
    yaqobi = _entity_of(linked, "Khalid Al-Yaqobi") | _entity_of(linked, "Khalid Al-Yaqoubi")
    assert len(yaqobi) == 1
    kataeb = _entity_of(linked, "Kataeb Hezbollah") | _entity_of(linked, "Kataib Hezbollah")
    assert len(kataeb) == 1
    (entity,) = [e for e in linked["entities"] if e["id"] in kataeb]
    assert entity["label"] == "ORG"


def test_seeds_romanowski_is_one_entity_across_outlets(linked: dict[str, Rows]) -> None:
    ids = _entity_of(linked, "Alina Romanowski") | _entity_of(linked, "Romanowski")
    assert len(ids) == 1
    (entity,) = [e for e in linked["entities"] if e["id"] in ids]
    assert entity["name"] == "Alina Romanowski" and entity["articles"] == 2
    roles = [m for m in linked["entity_mentions"] if m["entity_id"] in ids and m["how"] == "role"]
    assert roles, "'The US ambassador' refers to her"
    texts = {a["id"]: str(a["text"]) for a in linked["articles"]}
    for mention in linked["entity_mentions"]:
        start, end = int(mention["start"]), int(mention["end"])  # type: ignore[call-overload]
        assert texts[str(mention["article_id"])][start:end] == mention["text"]


def _places(linked: dict[str, Rows], text: str) -> Rows:
    return [p for p in linked["places"] if p["text"] == text]


@pytest.mark.parametrize(("name", "country"), [("Nahariya", "IL"), ("Hermel", "LB")])
def test_seeds_towns_geocoded_in_their_country(
    linked: dict[str, Rows], name: str, country: str
) -> None:
    found = _places(linked, name)
    assert found and all(p["place_country"] == country for p in found)


def test_seeds_beirut_is_exact(linked: dict[str, Rows]) -> None:
    found = _places(linked, "Beirut")
    assert found and all(p["place_precision"] == "exact" for p in found)
    assert all(abs(float(p["place_lat"]) - 33.89) < 0.2 for p in found)  # type: ignore[arg-type]


@pytest.mark.parametrize("village", ["Baalchmay", "Tefahta"])
def test_seeds_unknown_villages_are_not_exact_pins(linked: dict[str, Rows], village: str) -> None:
    found = _places(linked, village)
    assert found, f"{village} is placed at least at country level"
    for place in found:
        assert place["place_precision"] != "exact", place
        assert place["place_country"] == "LB"
