"""Events on sentences written for these tests, with the real parser."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.annotate import load_model
from rashomon.extract.event_lexicon import acled_for, acled_mappings, rules, triggers
from rashomon.extract.events import find_events
from rashomon.extract.quantities import find_quantities
from rashomon.extract.times import find_times
from rashomon.records import Event
from rashomon.resolve.countries import named_country, named_place

Run = Callable[[str], tuple[Event, ...]]


@pytest.fixture(scope="module")
def run() -> Run:
    model = load_model(None)

    def events(text: str) -> tuple[Event, ...]:
        doc = next(iter(model.pipe([text], 8)))
        quantities = find_quantities(doc, article_id="t")
        times = find_times(text, None, article_id="t")
        return find_events(
            doc,
            article_id="t",
            quantities=quantities,
            times=times,
            is_place=named_place,
            is_country=named_country,
        )

    return events


def _only(events: tuple[Event, ...], plover_type: str) -> Event:
    found = [e for e in events if e.plover_type == plover_type]
    assert len(found) == 1, [(e.trigger, e.plover_type) for e in events]
    return found[0]


def test_events_airstrike_with_actor_place_and_toll(run: Run) -> None:
    text = (
        "A Turkish drone strike killed four fighters in the Syrian town of Qamishli "
        "on 3 March 2025."
    )
    event = _only(run(text), "ASSAULT")
    assert (event.plover_mode, event.acled_subtype) == ("aerial", "Air/drone strike")
    assert event.actor is not None and "Turkish" in event.actor.text
    assert event.location is not None and event.location.text == "Qamishli"
    assert event.fatalities == 4 and event.fatalities_ref is not None
    assert event.date == "2025-03-03"
    assert event.modality == "asserted"
    assert text[event.start : event.end] == event.trigger
    assert text[event.sentence.start : event.sentence.end] == event.sentence.text


@pytest.mark.parametrize(
    ("text", "plover_type", "modality"),
    [
        (
            "There was no deployment of foreign troops near the border, the minister said.",
            "MOBILIZE",
            "denied",
        ),
        ("The spokesman denied any attack on the village.", "ASSAULT", "denied"),
        (
            "The group would launch rockets at the port if the talks collapsed.",
            "ASSAULT",
            "conditional",
        ),
        ("The militia threatened to attack the airport.", "ASSAULT", "threatened"),
        ("The army plans to deploy 500 soldiers to the province.", "MOBILIZE", "hypothetical"),
        ("Police arrested 12 people after the march in the capital.", "COERCE", "asserted"),
    ],
)
def test_events_modality(run: Run, text: str, plover_type: str, modality: str) -> None:
    event = _only(run(text), plover_type)
    assert event.modality == modality


def test_events_background_clause_is_not_a_new_event(run: Run) -> None:
    events = run(
        "Since the war erupted two years ago, shelling has killed at least 900 people "
        "in the region."
    )
    assert all(e.trigger != "war" for e in events)
    # two years' shelling is a cumulative figure, not the toll of an incident (issue 12)
    assert all(e.fatalities != 900 for e in events), [(e.trigger, e.fatalities) for e in events]


@pytest.mark.parametrize(
    ("text", "case_code"),
    [
        ("Rebels and government troops clashed overnight outside the town of Bor.", "ARMED_CLASH"),
        ("Gunmen attacked a village, killing nine civilians.", "ATTACK"),
        (
            "Thousands of protesters marched peacefully through the capital on Sunday.",
            "PEACE_PROTEST",
        ),
        (
            "Police fired tear gas to disperse protesters in front of parliament.",
            "PROTEST_WITH_INTER",
        ),
        ("A roadside bomb exploded near a bus, wounding six passengers.", "REM_EXPLOS"),
        ("A suicide bomber blew himself up at a checkpoint.", "SUIC_BOMB"),
        ("Soldiers seized a weapons cache hidden in a farmhouse.", "DISR_WEAP"),
        (
            "Government forces recaptured the town of Ras Abu after a week of fighting.",
            "GOV_REGAINS_TERIT",
        ),
        ("A magnitude 6.1 earthquake struck the coastal province on Friday.", "NATURAL_DISASTER"),
    ],
)
def test_events_acled_sub_event_types(run: Run, text: str, case_code: str) -> None:
    events = run(text)
    mappings = [acled_for(e.plover_type, e.plover_mode) for e in events]
    codes = {m.case_code for m in mappings if m is not None}
    assert case_code in codes, [(e.trigger, e.plover_type, e.plover_mode) for e in events]


def test_events_weapon_named_without_use_is_no_event(run: Run) -> None:
    events = run("The council discussed the ballistic missile programme for an hour.")
    assert not [e for e in events if e.plover_type == "ASSAULT"]


def test_event_lexicon_entries_parse_and_map() -> None:
    index = triggers()
    assert index and all(t.weight >= 1 for ts in index.values() for t in ts)
    for entries in index.values():
        for trigger in entries:
            assert acled_for(trigger.plover_type, trigger.plover_mode) is not None, trigger
    assert all(m.case_code for m in acled_mappings().values())
    lex = rules()
    assert lex.negators and lex.place_nouns and lex.military_targets and lex.disrupt_verbs


def test_events_spans_index_the_text(run: Run) -> None:
    text = (
        "Israeli jets struck a depot in Tyre on Monday.\n\nTwo people were wounded, rescuers said."
    )
    for event in run(text):
        assert text[event.start : event.end] == event.trigger
        for ref in (event.actor, event.target, event.location, event.time):
            if ref is not None:
                assert text[ref.start : ref.end] == ref.text


def test_events_verbal_attack_on_a_person_is_disapproval(run: Run) -> None:
    events = run("The senator attacked Maria Lopez for her vote on the budget.")
    assert [e.plover_type for e in events] == ["DISAPPROVE"]
    events = run("Gunmen attacked Maria Lopez outside her home, wounding her.")
    assert "ASSAULT" in {e.plover_type for e in events}
