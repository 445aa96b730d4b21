"""Quantities with the real model: numbers, what they count, their category and bounds."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from itertools import pairwise
from typing import Any

import pytest

from rashomon.annotate import Model, load_model
from rashomon.extract.quantities import find_quantities
from rashomon.extract.quantity_words import quantity_words
from rashomon.figures import figure
from rashomon.records import Quantity


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(None)


def _find(model: Model, text: str) -> tuple[Quantity, ...]:
    doc = next(iter(model.pipe([text], 8)))
    return find_quantities(doc, article_id="a1")


def _one(model: Model, text: str, written: str) -> Quantity:
    matches = [q for q in _find(model, text) if q.text == written]
    assert len(matches) == 1, f"{written!r} not found once in {_find(model, text)}"
    return matches[0]


def _check(q: Quantity, expected: dict[str, Any]) -> None:
    for field, value in expected.items():
        assert getattr(q, field) == value, f"{q.text!r}: {field} {getattr(q, field)!r} != {value!r}"


@pytest.mark.parametrize(
    ("text", "written", "expected"),
    [
        (
            "Artillery fire has killed at least 1,942 people in the Varden valley since March.",
            "at least 1,942",
            {"value": 1942, "low": 1942, "high": None, "qualifier": "at least"}
            | {"counted": "people", "category": "killed"},
        ),
        (
            "Two people were killed in the city of Oskar on Friday, the mayor said.",
            "Two",
            {"value": 2, "counted": "people", "category": "killed"},
        ),
        (
            "Gunmen stormed the market and killed five traders before dawn.",
            "five",
            {"value": 5, "counted": "trader", "category": "killed"},
        ),
        (
            "Five more were killed overnight in the northern suburbs.",
            "Five more",
            {"value": 5, "qualifier": "additional", "category": "killed"},
        ),
        (
            "Four of them were killed when the roof collapsed.",
            "Four",
            {"value": 4, "counted": "people", "category": "killed"},
        ),
        (
            "The shelling wounded 17 civilians, including six children.",
            "17",
            {"value": 17, "counted": "civilian", "category": "injured"},
        ),
        (
            "The shelling wounded 17 civilians, including six children.",
            "six",
            {"value": 6, "counted": "child", "category": "injured"},
        ),
        (
            "Eleven people were killed and 30 injured in the blast at the depot.",
            "30",
            {"value": 30, "counted": None, "category": "injured"},
        ),
        (
            "Dozens of protesters were detained outside the parliament in Lenz.",
            "Dozens",
            {"value": None, "low": 24, "high": 96, "counted": "protester", "category": "arrested"},
        ),
        (
            "Tens of thousands have fled their homes since the dam failed.",
            "Tens of thousands",
            {"value": None, "low": 20000, "high": 90000, "category": "displaced"},
        ),
        (
            "Some 300 families were left homeless by the floods.",
            "Some 300",
            {"value": 300, "low": 270, "high": 330, "qualifier": "some"}
            | {"counted": "family", "category": "displaced"},
        ),
        (
            "Nine aid workers remain missing after the ambush.",
            "Nine",
            {"value": 9, "counted": "aid worker", "category": "missing"},
        ),
        (
            "Rebels abducted 14 students from a boarding school in Tamsin.",
            "14",
            {"value": 14, "counted": "student", "category": "kidnapped"},
        ),
        (
            "The death toll from the quake rose to 212 on Sunday.",
            "212",
            {"value": 212, "counted": None, "category": "killed"},
        ),
        (
            "The floods have driven 40,000 people from their homes in the delta.",
            "40,000",
            {"value": 40000, "counted": "people", "category": "displaced"},
        ),
        (
            "Three soldiers were found dead near the border post.",
            "Three",
            {"value": 3, "counted": "soldier", "category": "killed"},
        ),
    ],
)
def test_quantities_casualty_counts_take_the_verbs_category(
    model: Model, text: str, written: str, expected: dict[str, Any]
) -> None:
    _check(_one(model, text, written), expected)


@pytest.mark.parametrize(
    ("text", "written", "expected"),
    [
        (
            "The ministry sent 2,500 troops and 40 armoured vehicles to the province.",
            "2,500",
            {"value": 2500, "counted": "troop", "category": "troops"},
        ),
        (
            "A 3,000-strong force crossed the river at first light.",
            "3,000-strong",
            {"value": 3000, "counted": "force", "category": "troops"},
        ),
        (
            "Hundreds of demonstrators gathered in Freedom Square on Saturday.",
            "Hundreds",
            {"value": None, "low": 200, "high": 900, "counted": "demonstrator"}
            | {"category": "protesters"},
        ),
        (
            "Militants fired twenty-three rockets at the airbase overnight.",
            "twenty-three",
            {"value": 23, "counted": "rocket", "category": "weapons"},
        ),
        (
            "The army said it shot down a dozen drones over the capital.",
            "a dozen",
            {"value": 12, "counted": "drone", "category": "weapons"},
        ),
        (
            "Half a million people live in the besieged district.",
            "Half a million",
            {"value": 500_000, "counted": "people", "category": None},
        ),
        (
            "Between 10 and 15 missiles struck the port, officials said.",
            "Between 10 and 15",
            {"value": 12.5, "low": 10, "high": 15, "counted": "missile", "category": "weapons"},
        ),
        (
            "Witnesses counted 20-25 armed men on motorbikes.",
            "20-25",
            {"value": 22.5, "low": 20, "high": 25, "counted": "man"},
        ),
        (
            "Two or three shells hit the hospital in the afternoon.",
            "Two or three",
            {"value": 2.5, "low": 2, "high": 3, "counted": "shell", "category": "weapons"},
        ),
        (
            "Between 2 and 3 million people depend on food aid.",
            "Between 2 and 3 million",
            {"value": 2_500_000, "low": 2_000_000, "high": 3_000_000, "counted": "people"},
        ),
        (
            "The census found 1.5 million residents in the region.",
            "1.5 million",
            {"value": 1_500_000, "counted": "resident"},
        ),
        (
            "Several hundred villagers attended the funeral.",
            "Several hundred",
            {"value": None, "low": 300, "high": 900, "counted": "villager"},
        ),
    ],
)
def test_quantities_number_shapes_and_what_they_count(
    model: Model, text: str, written: str, expected: dict[str, Any]
) -> None:
    _check(_one(model, text, written), expected)


@pytest.mark.parametrize(
    ("text", "written", "expected"),
    [
        ("About 100 people were evacuated.", "About 100", {"low": 90, "high": 110}),
        ("More than 1 million people were displaced.", "More than 1 million", {"low": 1e6}),
        ("Up to 40 people may have been kidnapped.", "Up to 40", {"low": None, "high": 40}),
        ("Fewer than 20 people were hurt.", "Fewer than 20", {"low": None, "high": 20}),
        ("Nearly 60 people were killed.", "Nearly 60", {"low": 54, "high": 60}),
        ("Almost 200 people were injured.", "Almost 200", {"low": 180, "high": 200}),
        ("Roughly 400 people were arrested.", "Roughly 400", {"low": 360, "high": 440}),
        ("An estimated 8,000 people fled.", "An estimated 8,000", {"low": 7200, "high": 8800}),
        ("As many as 70 people were detained.", "As many as 70", {"low": None, "high": 70}),
        ("Over 90 people were wounded.", "Over 90", {"low": 90, "high": None}),
        ("Around 500 people were displaced.", "Around 500", {"low": 450, "high": 550}),
        ("50 or more people were missing.", "50 or more", {"low": 50, "high": None}),
    ],
)
def test_quantities_qualifiers_bound_the_value(
    model: Model, text: str, written: str, expected: dict[str, Any]
) -> None:
    q = _one(model, text, written)
    prefix = written.split(" ")[0].casefold()
    assert q.qualifier is not None and (prefix in q.qualifier or "more" in q.qualifier)
    _check(q, expected)


@pytest.mark.parametrize(
    ("text", "written", "expected"),
    [
        (
            "The council approved $2.5 million in emergency aid.",
            "$2.5 million",
            {"value": 2_500_000, "category": "money", "unit": "USD", "counted": None},
        ),
        (
            "Donors pledged 40 million euros for reconstruction.",
            "40 million",
            {"value": 40_000_000, "category": "money", "unit": "EUR"},
        ),
        (
            "Families were paid 500,000 Iraqi dinars each in compensation.",
            "500,000",
            {"value": 500_000, "category": "money", "unit": "IQD"},
        ),
        (
            "Bread prices rose 12% in a month.",
            "12%",
            {"value": 12, "category": "percent", "unit": "%"},
        ),
        (
            "Turnout fell to 41 percent in the northern districts.",
            "41 percent",
            {"value": 41, "category": "percent", "unit": "%"},
        ),
        (
            "A 33-year-old man was killed by a stray bullet.",
            "33-year-old",
            {"value": 33, "category": "age", "unit": "year"},
        ),
        (
            "Maria Ortega, 41, was among the injured.",
            "41",
            {"value": 41, "category": "age", "unit": "year", "counted": None},
        ),
    ],
)
def test_quantities_money_percent_and_age_carry_a_unit(
    model: Model, text: str, written: str, expected: dict[str, Any]
) -> None:
    _check(_one(model, text, written), expected)


@pytest.mark.parametrize(
    ("text", "written", "expected"),
    [
        (
            "Another person was killed in a second strike an hour later.",
            "Another",
            {"value": 1, "counted": "person", "category": "killed", "qualifier": "additional"},
        ),
        (
            "A child was wounded by shrapnel in the courtyard.",
            "A",
            {"value": 1, "counted": "child", "category": "injured"},
        ),
        (
            "One person was killed when the bus overturned.",
            "One",
            {"value": 1, "counted": "person", "category": "killed"},
        ),
        (
            "None were hurt in the fire, the brigade said.",
            "None",
            {"value": 0, "category": "injured"},
        ),
        ("No one was killed in the collapse.", "No one", {"value": 0, "category": "killed"}),
    ],
)
def test_quantities_determiners_count_one_and_none_in_casualty_clauses(
    model: Model, text: str, written: str, expected: dict[str, Any]
) -> None:
    _check(_one(model, text, written), expected)


def test_quantities_a_or_one_outside_a_casualty_clause_is_not_a_count(model: Model) -> None:
    found = _find(model, "A reporter said one of the largest markets reopened on Monday.")
    assert found == ()


def test_quantities_actor_counts_do_not_take_the_victims_category(model: Model) -> None:
    found = {q.text: q for q in _find(model, "Three gunmen killed 19 villagers near Brask.")}
    assert found["19"].category == "killed"
    assert found["Three"].counted == "gunman" and found["Three"].category != "killed"


@pytest.mark.parametrize(
    "text",
    [
        "The ceasefire was signed in 2006 and renewed in 2024.",
        "The 2019 uprising toppled the government.",
        "Talks resume at 10 a.m. on Nov. 12 in the capital.",
        "Traffic on US-1 was diverted after the 3rd convoy passed.",
        "Call the hotline on 555-123-4567 or (202) 555-0143 for news.",
        "UN Resolution 1701 ended the war, and Route 66 reopened.",
        "The team won 3-1 after playing for three days and two hours.",
        "Pilots flew F-16 jets and COVID-19 wards were closed on 14 March.",
        "Post 783493499266084864 was deleted before the '90s revival.",
        "One in four voters backed the 2011-2012 reforms, Zero Hedge reported.",
    ],
)
def test_quantities_years_dates_times_and_codes_are_not_quantities(model: Model, text: str) -> None:
    assert _find(model, text) == ()


def test_quantities_spans_index_the_text_sorted_and_disjoint(model: Model) -> None:
    text = (
        "At least 12 people were killed and about 40 wounded in Dera on Monday.\n\n"
        "Since 2021, some 3,000 families have fled, and $4 million in aid arrived; "
        "prices rose 8%. Dozens of soldiers and a dozen drones were sent."
    )
    found = _find(model, text)
    assert [q.text for q in found] == [
        "At least 12",
        "about 40",
        "some 3,000",
        "$4 million",
        "8%",
        "Dozens",
        "a dozen",
    ]
    for q in found:
        assert text[q.start : q.end] == q.text and q.article_id == "a1"
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_quantities_are_a_pure_function_of_the_doc(model: Model) -> None:
    doc = next(iter(model.pipe(["Five people were killed and 20 injured in Kesh."], 8)))
    assert find_quantities(doc, article_id="x") == find_quantities(doc, article_id="x")
    assert {q.article_id for q in find_quantities(doc, article_id="y")} == {"y"}


def test_quantities_every_toml_entry_parses() -> None:
    raw = tomllib.loads(
        resources.files("rashomon").joinpath("data", "quantities.toml").read_text("utf-8")
    )
    words = quantity_words()
    assert len(words.numbers) == len(raw["numbers"]) and words.numbers["twenty"] == 20
    assert set(words.scales) == set(raw["scales"]) and words.scales["million"] == 1e6
    for amount in (*words.vague.values(), *words.leads.values()):
        if amount.value is None:  # a vague word: bounds only
            assert amount.low is not None and amount.high is not None
            assert 0 < amount.low <= amount.high
            continue
        assert amount.value > 0
        assert amount.low is None or amount.low <= amount.value
        assert amount.high is None or amount.high >= amount.value
    for table in (words.qualifiers, words.suffix_qualifiers):
        for phrase, bounds in table.items():
            assert phrase == phrase.strip() and bounds.name
            assert bounds.low is not None or bounds.high is not None
    assert len(words.qualifiers) == len(raw["qualifiers"])
    names = {c.name for c in words.categories}
    assert names == set(raw["categories"])
    assert {"killed", "injured", "displaced", "arrested", "troops", "money"} <= names
    for category in words.categories:
        pools = (category.predicates, category.weak_predicates, category.things, category.people)
        assert any(pools), category.name
        assert all(w and w == w.strip() and w == w.casefold() for pool in pools for w in pool)
    for code in (*words.currency_symbols.values(), *filter(None, words.currency_words.values())):
        assert re.fullmatch(r"[A-Z]{3}", code), code
    assert words.year_min < words.year_max
    assert words.time_units and words.person_nouns and words.pronouns


def test_quantities_survive_a_paragraph_break_token_as_modifier() -> None:
    from rashomon.annotate import load_model
    from rashomon.extract.quantities import find_quantities

    text = "Two \n\n people were hurt .\nThree \n\n villages flooded ."
    doc = load_model(None).nlp(text)
    find_quantities(doc, article_id="a")  # must not raise


@pytest.mark.parametrize(
    "text",
    [
        "Contact the importer by phone at +(511)242-2901 or by email.",
        "Readers can call 555-123-4567 for details.",
        "At one point during the hearing, the judge stopped his questioning.",
    ],
)
def test_quantities_phone_numbers_and_idioms_count_nothing(model: Model, text: str) -> None:
    assert not _find(model, text), _find(model, text)


@pytest.mark.parametrize(
    ("text", "written", "category"),
    [
        ("The baby weighed 7 pounds at birth.", "7", None),
        ("He lost 40 pounds in a year on the diet.", "40", None),
        ("The club lost 40 million pounds last year.", "40 million", "money"),
        ("The court fined him 500 pounds.", "500", "money"),
    ],
)
def test_quantities_pounds_weighed_are_weight_not_sterling(
    model: Model, text: str, written: str, category: str | None
) -> None:
    assert _one(model, text, written).category == category


def test_quantities_a_reference_mark_counts_nothing(model: Model) -> None:
    text = "Other research suggests that exercise can prevent emotional eating (21)."
    assert not _find(model, text)
    assert _one(model, "John Smith (21) was charged with assault.", "21").value == 21


def test_figures_keep_three_decimals() -> None:
    assert figure(2.252) == "2.252"
    assert figure(5_000_000.0) == "5,000,000"


@pytest.mark.parametrize(
    "text",
    ["Tips for eating well:\n\n3. Keep a food diary every day.", "He held the cup with one hand."],
)
def test_quantities_list_items_and_one_hand_count_nothing(model: Model, text: str) -> None:
    assert not _find(model, text), _find(model, text)
