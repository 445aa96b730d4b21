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
    cradle = [a for a in articles if a["source"] == "The Cradle"]
    assert len(cradle) == 1 and str(cradle[0]["text"]).startswith(
        "US Ambassador to Iraq Alina Romanowski"
    )
    # the dump's headlines; the Cradle article has none: its lede, shortened, titles it
    assert {a["title"] for a in articles if a is not cradle[0]} == TITLES
    assert str(cradle[0]["title"]).startswith("US Ambassador to Iraq Alina Romanowski")
    # the dump names no outlet but its text does: "told Asharq Al-Awsat" (the interviewer)
    assert {a["source"] for a in articles if a is not cradle[0]} == {"Asharq Al-Awsat"}
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


@pytest.fixture(scope="module")
def facts(
    seeds: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[dict[str, object]]]:
    db = tmp_path_factory.mktemp("seed-facts") / "seeds.db"
    assert run_cli("analyze", seeds, "--db", db).returncode == 0
    out = {}
    for what in ("articles", "quotes", "quantities", "times", "events"):
        result = run_cli("export", "--db", db, "--what", what, "--format", "jsonl")
        out[what] = [json.loads(line) for line in result.stdout.splitlines()]
    return out


def test_seeds_quotes_have_their_speakers_and_media(
    facts: dict[str, list[dict[str, object]]],
) -> None:
    quotes = facts["quotes"]
    speakers = {q["speaker"] for q in quotes}
    assert {
        "Khalid Al-Yaqobi",
        "Khalid Al-Yaqoubi",
        "Ihsan Al-Shammari",
        "Israel Katz",
        "Gideon Saar",
    } <= speakers
    media = {(q["speaker"], q["medium"]) for q in quotes if q["medium"]}
    assert ("Khalid Al-Yaqobi", "Al-Iraqiya News") in media
    assert any(s == "Khalid Al-Yaqoubi" and "Iraqi News Agency" in str(m) for s, m in media)
    texts = {a["id"]: str(a["text"]) for a in facts["articles"]}
    for quote in quotes:
        start, end = int(quote["start"]), int(quote["end"])  # type: ignore[call-overload]
        assert texts[quote["article_id"]][start:end] == quote["text"]


@pytest.mark.parametrize(
    ("place", "killed"),
    [("Baalchmay", 5), ("Tefahta", 5), ("Hermel", 1), ("Nahariya", 2)],
)
def test_seeds_casualty_events_with_places(
    facts: dict[str, list[dict[str, object]]], place: str, killed: int
) -> None:
    found = [e for e in facts["events"] if e["location"] == place and e["fatalities"] == killed]
    assert found, [(e["trigger"], e["location"], e["fatalities"]) for e in facts["events"]]
    assert all(e["modality"] == "asserted" for e in found)


def test_seeds_a_cumulative_toll_is_a_number_not_an_incident(
    facts: dict[str, list[dict[str, object]]],
) -> None:
    # "Since hostilities erupted a year ago, Israeli attacks have killed at least 3,287
    # people in Lebanon": a year's total, kept as a number, not an event's toll
    assert any(q["value"] == 3287 and q["category"] == "killed" for q in facts["quantities"])
    assert all(e["fatalities"] != 3287 for e in facts["events"])


def test_seeds_weekdays_resolve_against_the_caption_date(
    facts: dict[str, list[dict[str, object]]],
) -> None:
    beirut = next(a for a in facts["articles"] if a["published"] == "2024-11-12")
    times = {(t["text"], t["value"]) for t in facts["times"] if t["article_id"] == beirut["id"]}
    assert ("Tuesday", "2024-11-12") in times
    assert ("Monday", "2024-11-11") in times


def test_seeds_denied_buildup_is_not_an_asserted_mobilization(
    facts: dict[str, list[dict[str, object]]],
) -> None:
    mobilizations = [e for e in facts["events"] if e["plover_type"] == "MOBILIZE"]
    denied = [e for e in mobilizations if e["trigger"] in ("buildup", "mobilization")]
    assert denied and all(e["modality"] == "denied" for e in denied)
