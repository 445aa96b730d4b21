"""Acceptance on the seeds for the comparison (skipped when ../shared/seeds is absent):
the Iraq story of The Cradle and the unnamed second outlet, read through
``rashomon compare --format json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import run_cli


@pytest.fixture(scope="module")
def iraq(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("seed-compare") / "seeds.db"
    analyzed = run_cli("analyze", seeds, "--db", db)
    assert analyzed.returncode == 0, analyzed.stderr
    stories = run_cli("export", "--db", db, "--what", "stories", "--format", "jsonl")
    rows = [json.loads(line) for line in stories.stdout.splitlines()]
    (story,) = [s for s in rows if "The Cradle" in s["sources"]]
    compared = run_cli("compare", story["story_id"][:8], "--db", db, "--format", "json")
    assert compared.returncode == 0, compared.stderr
    data: dict[str, Any] = json.loads(compared.stdout)
    return data


def _items(data: dict[str, Any], kind: str, status: str) -> list[dict[str, Any]]:
    return [i for i in data["items"] if i["kind"] == kind and i["status"] == status]


def _texts(item: dict[str, Any]) -> str:
    return " | ".join(a["text"] for a in item["accounts"])


def test_seeds_compare_advisor_denial_conflicts_on_medium_in_one_statement(
    iraq: dict[str, Any],
) -> None:
    (denial,) = [
        i for i in iraq["items"] if i["kind"] == "quote" and "units present in Syria" in _texts(i)
    ]
    assert denial["status"] == "conflicting" and denial["conflict"] == "medium"
    values = sorted(a["value"] for a in denial["accounts"])
    assert any("Al-Iraqiya News" in v for v in values)
    assert any("Iraqi News Agency" in v for v in values)
    # both wordings (replacement / rotation) are this one aligned statement
    assert "replacement for US units" in _texts(denial)
    assert "rotation of American units" in _texts(denial)
    assert len(denial["outlets"]) == 2


def test_seeds_compare_facts_only_the_cradle_carries_are_unique(iraq: dict[str, Any]) -> None:
    figures = [i for i in _items(iraq, "figure", "unique") if i["outlets"] == ["The Cradle"]]
    values = {a["value"] for i in figures for a in i["accounts"]}
    assert {"over 6,000", "3,000", "2,500"} <= {v.removeprefix("some ") for v in values}
    statements = [i for i in _items(iraq, "statement", "unique") if i["outlets"] == ["The Cradle"]]
    assert any("2020 Iraqi Parliament vote" in _texts(i) for i in statements)


def test_seeds_compare_facts_only_the_other_outlet_carries_are_unique(
    iraq: dict[str, Any],
) -> None:
    other = [o for o in iraq["outlets"] if o != "The Cradle"]
    statements = [i for i in _items(iraq, "statement", "unique") if i["outlets"] == other]
    assert any("Al-Hol camp" in _texts(i) for i in statements)
    assert any("Al-Shammari" in _texts(i) for i in statements)
    quotes = [i for i in _items(iraq, "quote", "unique") if i["outlets"] == other]
    assert any("Ihsan Al-Shammari" in i["about"] for i in quotes)


def test_seeds_compare_shared_account_is_agreed(iraq: dict[str, Any]) -> None:
    agreed = _items(iraq, "statement", "agreed")
    assert any(
        "nearly daily reports, images, and videos" in _texts(i) and len(i["outlets"]) == 2
        for i in agreed
    )


def test_seeds_compare_occupation_is_distinctive_of_the_cradle(iraq: dict[str, Any]) -> None:
    (cradle,) = [f for f in iraq["framing"] if f["outlet"] == "The Cradle"]
    terms = {t["term"].casefold() for t in cradle["terms"]}
    assert "occupation" in terms
    (other,) = [f for f in iraq["framing"] if f["outlet"] != "The Cradle"]
    assert "occupation" not in {t["term"].casefold() for t in other["terms"]}
    # naming: the same entity, called differently
    names = {n["entity"]: dict(n["names"]) for n in cradle["names"]}
    assert "United States" in names
