"""Acceptance on the two real scraped dumps in ../shared/seeds (skipped when absent):
analyzed and exported through the command line, as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli

TITLES = {
    "Washington: US Military Movements Are not Linked to the Iraqi Interior",
    "Israeli War Planes Pound Beirut Suburb, Hezbollah Strikes Back",
}


@pytest.fixture(scope="module")
def exported(
    seeds: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[dict[str, object]]]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    analyzed = run_cli("analyze", seeds, "--db", db)
    assert analyzed.returncode == 0, analyzed.stderr
    out = {}
    for what in ("articles", "mentions"):
        result = run_cli("export", "--db", db, "--what", what, "--format", "jsonl")
        assert result.returncode == 0, result.stderr
        out[what] = [json.loads(line) for line in result.stdout.splitlines()]
    return out


def test_seeds_three_articles_with_titles_source_and_date(
    exported: dict[str, list[dict[str, object]]],
) -> None:
    articles = exported["articles"]
    assert len(articles) == 3
    assert {a["title"] for a in articles if a["title"]} == TITLES
    cradle = [a for a in articles if a["source"] == "The Cradle"]
    assert len(cradle) == 1 and str(cradle[0]["text"]).startswith(
        "US Ambassador to Iraq Alina Romanowski"
    )
    beirut = next(
        a
        for a in articles
        if a["title"] == "Israeli War Planes Pound Beirut Suburb, Hezbollah Strikes Back"
    )
    assert beirut["published"] == "2024-11-12"


def test_seeds_bodies_hold_no_furniture(exported: dict[str, list[dict[str, object]]]) -> None:
    for article in exported["articles"]:
        text = str(article["text"])
        lines = [line for line in text.split("\n") if line.strip()]
        assert len(lines) == len(set(lines)), f"{article['title']}: a line is repeated"
        assert "TT" not in lines
        assert "Source :" not in text
        assert "(AP)" not in text and "File photo" not in text
        for caption in article["captions"]:  # type: ignore[attr-defined]
            assert caption not in text
        if article["title"]:
            assert article["title"] not in lines


def test_seeds_person_mentions(exported: dict[str, list[dict[str, object]]]) -> None:
    persons = {m["text"] for m in exported["mentions"] if m["label"] == "PERSON"}
    assert {"Alina Romanowski", "Fuad Hussein"} <= persons
    texts = {a["id"]: str(a["text"]) for a in exported["articles"]}
    for mention in exported["mentions"]:
        start, end = int(mention["start"]), int(mention["end"])  # type: ignore[call-overload]
        assert texts[mention["article_id"]][start:end] == mention["text"]
