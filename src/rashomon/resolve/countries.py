"""What entity resolution asks the gazetteer: the country of a demonym or country-name
variant (``Israeli`` -> Israel, ``Iraqis`` -> Iraq), and whether a name is a known place."""

from __future__ import annotations

from ..geocode.gazetteer import gazetteer, name_key


def country_of(name: str) -> str | None:
    """The country a demonym or country name denotes, by its gazetteer name."""
    gaz = gazetteer()
    key = name_key(name)
    code = gaz.demonyms.get(key) or (gaz.demonyms.get(key[:-1]) if key.endswith("s") else None)
    if code is None:
        area = gaz.area(name)
        code = area.country if area is not None and area.kind == "country" else None
    return gaz.country_name(code) if code else None


def known_place(name: str, min_population: int) -> bool:
    """``name`` is a country, region or area, or a town of at least ``min_population``."""
    return any(
        entry.kind != "city" or entry.population >= min_population
        for entry in gazetteer().lookup(name)
    )
