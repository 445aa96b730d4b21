"""Incidents on news written like real reports: three outlets' accounts of one market
strike, through the real pipeline (model, database, linking), make one incident with
every outlet's figures, the vague mentions ("two more were found dead") inside it and a
separate bombing elsewhere apart; and the merging rules one by one on reports. Also: every
story id ``rashomon stories`` prints is one ``story`` and ``compare`` accept."""

from __future__ import annotations

from pathlib import Path

import pytest

import rashomon
from rashomon.coref import Report, coref_lexicon, incidents
from rashomon.records import Event, Modality, Place, Ref

from .conftest import run_cli

ACCOUNTS = {
    "orontes.txt": (
        "Drone strike on Hama market kills 12\n\n"
        "Hama — A drone strike hit a crowded vegetable market in the Syrian city of Hama on "
        "Tuesday, killing 12 people and wounding 30, the local health directorate said.\n"
        "Witnesses said the drone struck shortly before noon as traders were setting up "
        "their stalls.\n"
        "Two more people were found dead under the rubble in the evening.\n"
        "In a separate attack, a roadside bomb killed three soldiers near Raqqa on Tuesday, "
        "the army said.\n"
        "Source : Orontes Daily\n"
    ),
    "observer.txt": (
        "Fourteen killed as drone hits Hama market\n\n"
        "At least 14 people were killed when a drone struck a vegetable market in Hama on "
        "Tuesday, civil defence workers said.\n"
        "The attack wounded dozens, some of them children, and destroyed a row of shops.\n"
        "Rescuers said the dead included four traders.\n"
        "Source : Levant Observer\n"
    ),
    "dispatch.txt": (
        "Hama market strike toll rises to 15\n\n"
        "The death toll from Tuesday's drone strike on a market in Hama rose to 15, a "
        "hospital director said on Wednesday.\n"
        "Many of the wounded were in critical condition, he said.\n"
        "Source : Gulf Dispatch\n"
    ),
}


@pytest.fixture(scope="module")
def market(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("market")
    for name, text in ACCOUNTS.items():
        (folder / "in").mkdir(exist_ok=True)
        (folder / "in" / name).write_text(text, encoding="utf-8")
    db = folder / "market.db"
    with rashomon.open(db) as corpus:
        corpus.analyze([folder / "in"])
    return db


def test_incidents_real_news_one_strike_told_three_ways_is_one_incident(market: Path) -> None:
    with rashomon.open(market, mode="read") as corpus:
        (story,) = corpus.stories()
        profile = corpus.story(story.story_id)
    strikes = [i for i in profile.incidents if {"Hama", "Ḩamāh"} & {i.place}]
    assert len(strikes) == 1
    (strike,) = strikes
    assert strike.sources == ("Gulf Dispatch", "Levant Observer", "Orontes Daily")
    assert strike.fatalities is not None
    assert {f.value for f in strike.fatalities.figures} >= {12, 14}
    # the vague mentions (no toll, date or place) are accounts of it, not incidents
    assert {r.event.trigger for r in strike.reports} >= {"dead"}
    assert all(len(i.reports) > 1 for i in profile.incidents)


def test_incidents_real_news_a_bombing_elsewhere_stays_apart(market: Path) -> None:
    with rashomon.open(market, mode="read") as corpus:
        (story,) = corpus.stories()
        profile = corpus.story(story.story_id)
    raqqa = [
        i
        for i in profile.incidents
        if any(
            "Raqqa" in (r.place or "")
            or (r.event.location is not None and "Raqqa" in r.event.location.text)
            for r in i.reports
        )
    ]
    assert len(raqqa) == 1 and raqqa[0].sources == ("Orontes Daily",)
    assert raqqa[0].fatalities is not None and raqqa[0].fatalities.best == 3


def test_incidents_real_news_listed_story_ids_are_accepted(market: Path) -> None:
    listed = run_cli("stories", "--db", market)
    assert listed.returncode == 0, listed.stderr
    ids = [line.split()[0] for line in listed.stdout.splitlines() if line.strip()]
    assert ids and len(set(ids)) == len(ids)
    for key in ids:
        for command in ("story", "compare"):
            shown = run_cli(command, key, "--db", market)
            assert shown.returncode == 0, shown.stderr
            assert key in shown.stdout


# -- the rules, one by one ----------------------------------------------------------------


def _event(
    article: str,
    start: int,
    *,
    trigger: str = "strike",
    kind: str = "ASSAULT",
    mode: str | None = "aerial",
    place: str | None = None,
    date: str | None = None,
    killed: int | None = None,
    actor: str | None = None,
    modality: Modality = "asserted",
    sentence: int | None = None,
) -> Event:
    at = sentence if sentence is not None else start
    return Event(
        article_id=article,
        start=start,
        end=start + len(trigger),
        trigger=trigger,
        sentence=Ref(text=f"sentence {at}", start=at, end=at + 80),
        plover_type=kind,
        plover_mode=mode,
        acled_type=None,
        acled_subtype=None,
        modality=modality,
        actor=Ref(text=actor, start=start - 20, end=start - 20 + len(actor)) if actor else None,
        location=Ref(text=place, start=start + 10, end=start + 10 + len(place)) if place else None,
        date=date,
        fatalities=killed,
        fatalities_ref=Ref(text=str(killed), start=start + 30, end=start + 32)
        if killed is not None
        else None,
    )


def _report(event: Event, source: str, where: Place | None = None) -> Report:
    place = event.location.text if event.location else None
    return Report(event=event, source=source, published=None, place=place, where=where)


def test_incidents_real_news_the_dead_of_a_flood_join_the_flood() -> None:
    flood = _event("a", 10, trigger="flash floods", kind="DISASTER", mode="natural", place="Akkar")
    dead = _event("b", 10, trigger="died", mode=None, place="Akkar", killed=14)
    (incident,) = incidents("s", [_report(dead, "B"), _report(flood, "A")])
    assert incident.plover_type == "DISASTER"
    assert incident.fatalities is not None and incident.fatalities.best == 14


def test_incidents_real_news_a_time_of_day_is_its_day() -> None:
    night = _event("a", 10, place="Hama", date="2025-03-04TNI")
    day = _event("b", 10, place="Hama", date="2025-03-04")
    assert len(incidents("s", [_report(night, "A"), _report(day, "B")])) == 1


def test_incidents_real_news_two_tolls_of_one_article_are_two_happenings() -> None:
    first = _event("a", 10, killed=5)
    second = _event("a", 400, killed=3)
    assert len(incidents("s", [_report(first, "A"), _report(second, "A")])) == 2


def test_incidents_real_news_a_town_inside_the_country_is_one_place() -> None:
    syria = Place(
        name="Syria",
        lat=35.0,
        lon=38.0,
        country="SY",
        country_name="Syria",
        admin1=None,
        precision="country",
    )
    hama = Place(
        name="Hama",
        lat=35.1,
        lon=36.8,
        country="SY",
        country_name="Syria",
        admin1="10",
        precision="exact",
    )
    lebanon = Place(
        name="Lebanon",
        lat=33.9,
        lon=35.9,
        country="LB",
        country_name="Lebanon",
        admin1=None,
        precision="country",
    )
    town = _report(_event("a", 10, place="Hama", killed=12), "A", hama)
    country = _report(_event("b", 10, place="Syria", date="2025-03-04"), "B", syria)
    elsewhere = _report(_event("c", 10, place="Lebanon"), "C", lebanon)
    found = incidents("s", [town, country, elsewhere])
    assert [len(i.reports) for i in found] == [2, 1]


def test_incidents_real_news_statements_need_agreement_and_vague_ones_join() -> None:
    condemn = _event("a", 10, trigger="condemned", kind="DISAPPROVE", mode=None, actor="Jordan")
    other = _event("b", 10, trigger="condemned", kind="DISAPPROVE", mode=None, actor="Egypt")
    same = _event("c", 10, trigger="denounced", kind="DISAPPROVE", mode=None, actor="Jordan")
    vague = _event("c", 200, trigger="condemned", kind="DISAPPROVE", mode=None, actor="The group")
    found = incidents(
        "s", [_report(condemn, "A"), _report(other, "B"), _report(same, "C"), _report(vague, "C")]
    )
    assert [sorted(r.source or "" for r in i.reports) for i in found] == [
        ["A", "C", "C"],
        ["B"],
    ]


def test_incidents_real_news_denied_and_background_events_stay_apart() -> None:
    strike = _event("a", 10, place="Hama", date="2025-03-04", killed=12)
    denied = _event("b", 10, place="Hama", modality="denied")
    old = _event("c", 10, place="Hama", date="2023-10")
    assert (
        len(incidents("s", [_report(e, s) for e, s in ((strike, "A"), (denied, "B"), (old, "C"))]))
        == 3
    )


def test_incidents_real_news_every_family_entry_parses() -> None:
    lex = coref_lexicon()
    assert lex.families["ASSAULT"] == lex.families["FIGHT"] == "violence"
    assert lex.happenings <= set(lex.families.values())
    assert lex.casualty_families <= lex.happenings
    assert {"killed", "dead", "died"} <= lex.casualty_triggers
    assert "the" in lex.openers
