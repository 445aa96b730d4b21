"""What entity resolution asks the gazetteer: the country of a demonym or country-name
variant (``Israeli`` -> Israel, ``Iraqis`` -> Iraq), and where a name is a known place."""

from __future__ import annotations

from ..geocode.gazetteer import gazetteer, name_key
from .lexicon import entity_lexicon
from .names import same_name


def country_of(name: str) -> str | None:
    """The country a demonym or country name denotes, by its gazetteer name."""
    gaz = gazetteer()
    key = name_key(name)
    code = gaz.demonyms.get(key) or (gaz.demonyms.get(key[:-1]) if key.endswith("s") else None)
    if code is None:
        area = gaz.area(name)
        code = area.country if area is not None and area.kind == "country" else None
    return gaz.country_name(code) if code else None


def known_place(name: str, min_population: int, *, own_name: bool = False) -> tuple[str, ...]:
    """The country (ISO code) of each place ``name`` is: a country, region or area, or a
    town of at least ``min_population``; empty when it is none. With ``own_name``, a town
    counts only under its own name, not one of its alternate names (GeoNames knows
    Topeka as ``Google`` and Sadr City as ``Sadr``). A country's name and a demonym name
    that country only (``Lebanon``, ``Syrian``)."""
    gaz = gazetteer()
    demonym = gaz.demonyms.get(name_key(name))
    if demonym is not None:
        return (demonym,)
    area = gaz.area(name)
    if area is not None and area.kind == "country":
        return (area.country,)  # "Lebanon" is the country, not a town in Pennsylvania
    return tuple(
        entry.country
        for entry in gaz.lookup(name)
        if entry.kind != "city"
        or (entry.population >= min_population and (not own_name or same_name(entry.name, name)))
    )


def named_country(name: str) -> bool:
    """Whether ``name`` names a country (``Kenya``, ``U.S.``), by name or demonym."""
    return country_of(name) is not None


def named_place(name: str) -> bool:
    """Whether ``name`` is a place under its own name (a country, region or a town of the
    entity lexicon's ``place_min_population``), not a demonym or a language ("in
    Kurdish"): for place names the model tags as something else ("in Aleppo")."""
    if gazetteer().demonyms.get(name_key(name)) is not None:
        return False
    return bool(known_place(name, entity_lexicon().place_min_population, own_name=True))
