"""Geocoding: place mentions resolved with the offline gazetteer, read in context."""

from __future__ import annotations

import csv
import tomllib

import pytest

from rashomon.annotate import load_model
from rashomon.geocode import gazetteer, geocode
from rashomon.lexicons import read_data
from rashomon.records import Geocoded, Mention, PlacePrecision


def mentions(text: str, *spans: tuple[str, str]) -> list[Mention]:
    """Mentions of the given (text, label) pairs, at their first occurrence."""
    found = []
    for name, label in spans:
        start = text.index(name)
        found.append(
            Mention(article_id="a", start=start, end=start + len(name), text=name, label=label)
        )
    return found


def place_of(text: str, name: str, *spans: tuple[str, str]) -> Geocoded:
    places = geocode(text, mentions(text, *spans), article_id="a")
    return next(p for p in places if p.text == name)


@pytest.mark.parametrize(
    ("text", "name", "country", "precision"),
    [
        ("Smoke rose over Beirut on Sunday.", "Beirut", "LB", "exact"),
        ("Sirens sounded in Nahariya overnight.", "Nahariya", "IL", "exact"),
        ("Aid trucks reached Hermel at dawn.", "Hermel", "LB", "exact"),
        ("Talks resumed in Lebanon.", "Lebanon", "LB", "country"),
        ("Crowds gathered in the Gaza Strip.", "the Gaza Strip", "PS", "region"),
    ],
)
def test_geocode_resolves_known_places(
    text: str, name: str, country: str, precision: PlacePrecision
) -> None:
    place = place_of(text, name, (name, "GPE")).place
    assert (place.country, place.precision) == (country, precision)
    assert place.note is None


def test_geocode_places_an_unknown_village_at_its_country() -> None:
    text = "Shells fell on the Lebanese village of Zzyzxq before noon."
    place = place_of(text, "Zzyzxq", ("Zzyzxq", "GPE")).place
    assert place.country == "LB"
    assert place.precision == "country"
    assert place.note is not None and "Zzyzxq" in place.note and "Lebanese village" in place.note


def test_geocode_places_an_unknown_name_in_a_named_region() -> None:
    text = "A drone struck Qqzbarra in southern Lebanon."
    place = place_of(text, "Qqzbarra", ("Qqzbarra", "GPE")).place
    assert place.country == "LB"
    assert place.precision != "exact"


def test_geocode_leaves_out_an_unknown_name_without_context() -> None:
    text = "Officials in Qqzbarrazz said nothing."
    assert geocode(text, mentions(text, ("Qqzbarrazz", "GPE")), article_id="a") == ()


def test_geocode_reads_a_state_after_a_comma() -> None:
    text = "She grew up in Paris, Texas, before moving on."
    place = place_of(text, "Paris", ("Paris", "GPE"), ("Texas", "GPE")).place
    assert (place.country, place.admin1) == ("US", "TX")


def test_geocode_takes_the_bigger_paris_in_a_french_article() -> None:
    text = "French police in Paris and Lyon arrested three men."
    place = place_of(text, "Paris", ("French", "NORP"), ("Paris", "GPE"), ("Lyon", "GPE")).place
    assert place.country == "FR"


@pytest.mark.parametrize("state", ["Illinois", "Ill."])
def test_geocode_reads_springfield_illinois(state: str) -> None:
    text = f"The governor spoke in Springfield, {state} on Monday."
    place = place_of(text, "Springfield", ("Springfield", "GPE")).place
    assert (place.country, place.admin1) == ("US", "IL")


def test_geocode_reads_a_list_of_countries_as_a_list() -> None:
    text = "Envoys from Israel, Lebanon and Syria met."
    spans = (("Israel", "GPE"), ("Lebanon", "GPE"), ("Syria", "GPE"))
    countries = [g.place.country for g in geocode(text, mentions(text, *spans), article_id="a")]
    assert countries == ["IL", "LB", "SY"]


def test_geocode_prefers_a_country_over_a_homonymous_town() -> None:
    text = "Jordan closed its border crossing."
    assert place_of(text, "Jordan", ("Jordan", "GPE")).place.country == "JO"


def test_geocode_reads_a_demonym_only_when_it_is_a_place() -> None:
    text = "Israeli officials said rockets hit the Lebanese border."
    spans = (("Israeli", "NORP"), ("Lebanese", "NORP"))
    places = geocode(text, mentions(text, *spans), article_id="a")
    assert [(g.text, g.place.country, g.place.precision) for g in places] == [
        ("Lebanese", "LB", "country")
    ]


def test_geocode_with_the_model_finds_and_places_cities() -> None:
    text = "Rockets were fired from southern Lebanon toward Nahariya, Israeli police said."
    doc = load_model().nlp(text)
    found = [
        Mention(article_id="a", start=e.start_char, end=e.end_char, text=e.text, label=e.label_)
        for e in doc.ents
    ]
    places = {g.text: g.place.country for g in geocode(text, found, article_id="a")}
    assert places.get("Nahariya") == "IL"


def test_geocode_reads_a_country_name_as_the_country() -> None:
    text = "Mexico raised tariffs on steel."
    place = place_of(text, "Mexico", ("Mexico", "GPE")).place
    assert (place.country, place.precision) == ("MX", "country")


def test_geocode_drops_a_formal_prefix() -> None:
    text = "Envoys of the Republic of Armenia met."
    name = "the Republic of Armenia"
    assert place_of(text, name, (name, "GPE")).place.country == "AM"


def test_geocode_lets_local_places_outvote_a_country() -> None:
    text = "Fans drove from Hershey, Harrisburg and Palmyra to Lebanon for the game."
    spans = [(n, "GPE") for n in ("Hershey", "Harrisburg", "Palmyra", "Lebanon")]
    place = place_of(text, "Lebanon", *spans).place
    assert (place.country, place.admin1, place.precision) == ("US", "PA", "exact")


def test_geocode_places_a_county_amid_the_article_places() -> None:
    text = "Deputies in Cook County, Chicago and Evanston searched."
    spans = [("Cook County", "GPE"), ("Chicago", "GPE"), ("Evanston", "GPE")]
    place = place_of(text, "Cook County", *spans).place
    assert (place.admin1, place.precision) == ("IL", "district")
    assert place.note is not None and "Cook County" in place.note


def test_geocode_places_part_of_a_state_at_the_state() -> None:
    text = "Storms hit Northeast Georgia, near Atlanta and Athens."
    spans = [("Northeast Georgia", "LOC"), ("Atlanta", "GPE"), ("Athens", "GPE")]
    place = place_of(text, "Northeast Georgia", *spans).place
    assert (place.country, place.admin1, place.precision) == ("US", "GA", "region")
    assert place.note is not None


# -- knowledge files ---------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in read_data(name).splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_geocode_places_file_entries_parse() -> None:
    rows = _rows("places.tsv")
    assert rows
    for row in rows:
        assert None not in row and all(v is not None for v in row.values()), row
        assert row["kind"] in {"country", "state", "region"}, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert len(row["country"]) == 2 and row["country"].isupper(), row
        assert row["precision"] in {"exact", "district", "region", "country"}, row
    assert {row["country"] for row in rows if row["kind"] == "country"} <= set(
        gazetteer().countries
    )


def test_geocode_demonyms_file_entries_parse() -> None:
    countries = gazetteer().countries
    for row in _rows("demonyms.tsv"):
        assert row["demonym"].strip() and row["country"] in countries, row


def test_geocode_settings_file_parses() -> None:
    raw = tomllib.loads(read_data("geocoding.toml"))
    gaz = gazetteer()
    assert gaz.cues.features and gaz.cues.containment and gaz.cues.place_nouns
    assert set(raw["weights"]) == set(type(gaz.weights).__slots__)
    assert set(raw["precision"].values()) <= {"exact", "district", "region", "country"}
