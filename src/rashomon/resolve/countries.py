"""Country names for demonyms and country-name variants, from the gazetteer
(``data/demonyms.tsv``, GeoNames countries): ``Israeli`` -> Israel, ``Iraqis`` -> Iraq."""

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
