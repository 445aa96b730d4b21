"""Event coreference: one incident per happening, every account kept, figures side by side."""

from __future__ import annotations

from rashomon.coref import Report, incidents
from rashomon.records import Event, Modality, Ref


def _event(
    article: str,
    start: int,
    *,
    place: str | None = "Kirkuk",
    date: str | None = "2025-03-02",
    killed: int | None = None,
    kind: str = "ASSAULT",
    modality: Modality = "asserted",
) -> Event:
    return Event(
        article_id=article,
        start=start,
        end=start + 6,
        trigger="strike",
        sentence=Ref(text="...", start=start - 10, end=start + 40),
        plover_type=kind,
        plover_mode=None,
        acled_type=None,
        acled_subtype=None,
        modality=modality,
        location=Ref(text=place, start=start + 10, end=start + 10 + len(place)) if place else None,
        date=date,
        fatalities=killed,
        fatalities_ref=Ref(text=f"{killed} people", start=start + 20, end=start + 29)
        if killed is not None
        else None,
    )


def _report(event: Event, source: str) -> Report:
    return Report(event=event, source=source, published="2025-03-03")


def test_coref_outlets_reporting_one_strike_make_one_incident_with_every_figure() -> None:
    reports = [
        _report(_event("a", 100, killed=7), "Meridian"),
        _report(_event("b", 50, killed=9, date=None), "Tigris"),
        _report(_event("c", 70, killed=9), "Levant"),
        _report(_event("d", 10, killed=11, date="2025-03-03"), "Gulf"),
    ]
    (incident,) = incidents("s", reports)
    assert incident.sources == ("Gulf", "Levant", "Meridian", "Tigris")
    tally = incident.fatalities
    assert tally is not None
    assert (tally.low, tally.best, tally.high) == (7, 9, 11)
    assert sorted(f.source or "" for f in tally.figures) == ["Gulf", "Levant", "Meridian", "Tigris"]


def test_coref_strikes_in_two_towns_stay_two_incidents() -> None:
    reports = [
        _report(_event("a", 100, place="Baalchmay", killed=5), "X"),
        _report(_event("a", 300, place="Tefahta", killed=5), "X"),
    ]
    assert len(incidents("s", reports)) == 2


def test_coref_background_and_denied_events_do_not_join_the_incident() -> None:
    reports = [
        _report(_event("a", 100), "X"),
        _report(_event("b", 100, date="2023-10"), "Y"),
        _report(_event("c", 100, modality="denied"), "Z"),
        _report(_event("d", 100, kind="PROTEST"), "W"),
    ]
    assert len(incidents("s", reports)) == 4


def test_coref_one_figure_read_twice_counts_once() -> None:
    first = _event("a", 100, killed=7)
    second = Event(**{**{f: getattr(first, f) for f in first.__dataclass_fields__}, "start": 102})
    (incident,) = incidents("s", [_report(first, "X"), _report(second, "X")])
    assert incident.fatalities is not None and len(incident.fatalities.figures) == 1
