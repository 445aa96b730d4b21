"""Facts on sentences of real news (issue 12): who acted and where it happened,
regions placed as regions, figures written as figures. The phrases the issue quotes
from Guardian reports on Syria (which no rule here was written from) are kept in each
sentence."""

from __future__ import annotations

import pytest

from rashomon.annotate import load_model
from rashomon.extract.quantities import find_quantities
from rashomon.geocode import geocode
from rashomon.records import Event
from rashomon.render import number_line

from . import test_extract_events
from .test_extract_events import Run
from .test_geocode import mentions

run = test_extract_events.run  # the same fixture: events of a sentence, with the model


def _by_trigger(events: tuple[Event, ...], trigger: str) -> Event:
    found = [e for e in events if e.trigger.casefold() == trigger]
    assert len(found) == 1, [(e.trigger, e.plover_type) for e in events]
    return found[0]


def _text(ref: object) -> str | None:
    return getattr(ref, "text", None)


def test_events_real_news_the_actors_country_is_not_where_it_happened(run: Run) -> None:
    event = _by_trigger(run("Turkey launches assault on Kurdish-held town"), "assault")
    assert _text(event.actor) == "Turkey"
    assert _text(event.location) != "Turkey"


def test_events_real_news_a_possessive_actor_is_not_the_place(run: Run) -> None:
    text = "Turkey's offensive against the Kurdish militia began on Saturday."
    event = _by_trigger(run(text), "offensive")
    assert _text(event.actor) == "Turkey"
    assert event.location is None


def test_events_real_news_the_place_in_the_clause_is_where_it_happened(run: Run) -> None:
    text = "Turkey's offensive against Kurdish fighters in Afrin has forced thousands to flee."
    event = _by_trigger(run(text), "offensive")
    assert _text(event.actor) == "Turkey"
    assert _text(event.location) == "Afrin"


def test_events_real_news_the_subject_of_a_support_verb_is_the_actor(run: Run) -> None:
    text = "Turkish forces launched an assault on the town of Manbij on Sunday."
    event = _by_trigger(run(text), "assault")
    assert _text(event.actor) == "Turkish forces"
    assert _text(event.location) == "Manbij"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The bombing in Kabul was claimed by Islamic State.", "bombing"),
        ("Islamic State claimed responsibility for the bombing in Kabul.", "bombing"),
    ],
)
def test_events_real_news_the_claimant_is_the_actor(run: Run, text: str, trigger: str) -> None:
    event = _by_trigger(run(text), trigger)
    assert _text(event.actor) == "Islamic State"
    assert _text(event.location) == "Kabul"


def test_events_real_news_a_relative_pronoun_is_never_the_actor(run: Run) -> None:
    event = _by_trigger(run("Residents fled the fighters who stormed the village."), "stormed")
    assert _text(event.actor) == "the fighters"


@pytest.mark.parametrize(
    "text",
    [
        "The war in Congo killed 5 million people between 1997 and 2003, aid groups say.",
        "Attacks have killed at least 3,287 people since hostilities erupted a year ago.",
        "Protesters denounced a leader who has killed nearly one million of his citizens.",
        "At least 707 people have been killed by police so far this year.",
    ],
)
def test_events_real_news_cumulative_figures_are_no_incident(run: Run, text: str) -> None:
    events = run(text)
    assert all(e.fatalities is None for e in events), [(e.trigger, e.fatalities) for e in events]
    doc = next(iter(load_model(None).pipe([text], 8)))
    assert [q for q in find_quantities(doc, article_id="t") if q.category == "killed"]


def test_events_real_news_a_toll_since_a_recent_day_is_an_incident(run: Run) -> None:
    text = "Israeli strikes have killed 12 people since Sunday, the ministry said."
    assert any(e.fatalities == 12 for e in run(text))


def test_events_real_news_a_weekday_is_never_the_actor(run: Run) -> None:
    text = "Monday's attack on the convoy killed five soldiers near Idlib."
    event = _by_trigger(run(text), "attack")
    assert event.actor is None or "Monday" not in event.actor.text


def test_events_real_news_a_share_of_a_group_names_the_group(run: Run) -> None:
    event = _by_trigger(run("Three of the rebels shelled the village on Sunday."), "shelled")
    assert _text(event.actor) == "the rebels"


def test_events_real_news_a_place_that_suffers_stays_the_place(run: Run) -> None:
    text = "Charlotte experienced two nights of unrest after the police shooting."
    event = _by_trigger(run(text), "unrest")
    assert _text(event.location) == "Charlotte"


@pytest.mark.parametrize(
    ("text", "name", "country", "precision"),
    [
        ("Iran has spread its influence across West Asia.", "West Asia", "XX", "region"),
        ("Kurdish-led forces hold much of Rojava.", "Rojava", "SY", "region"),
        ("Shelling hit Eastern Ghouta again on Tuesday.", "Eastern Ghouta", "SY", "district"),
    ],
)
def test_events_real_news_regions_are_regions(
    text: str, name: str, country: str, precision: str
) -> None:
    (found,) = geocode(text, mentions(text, (name, "LOC")), article_id="a")
    assert (found.place.country, found.place.precision) == (country, precision)
    assert found.place.note is None


def test_events_real_news_a_part_of_a_continent_is_never_its_point() -> None:
    text = "Protests spread across Southern Europe."
    found = geocode(text, mentions(text, ("Southern Europe", "LOC")), article_id="a")
    assert all(p.place.name != "Europe" for p in found)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("The war killed 5 million people between 1997 and 2003.", "5,000,000"),
        ("Billions of dollars in aid were pledged for the reconstruction.", ".."),
    ],
)
def test_events_real_news_figures_are_never_in_scientific_notation(text: str, written: str) -> None:
    doc = next(iter(load_model(None).pipe([text], 8)))
    lines = [number_line(q) for q in find_quantities(doc, article_id="t")]
    assert lines and all("e+" not in line for line in lines)
    assert any(written in line for line in lines)
