"""Resolve an article's place mentions to points.

Which mentions are places:

- ``GPE``, ``LOC`` and ``FAC`` mentions the gazetteer or their context can place;
- an ``ORG`` mention whose whole name is a country, state or region, a big city, or a
  city in an admin-1 region the article's other places are in: a metonym ("Oxford said",
  "Liverpool won") still names the place; and an ``ORG`` mention after a locative word
  ("fired toward Nahariya"), which the model mistook;
- a ``NORP`` mention only when a country demonym is used as a place: followed by a
  place noun ("the Lebanese border", "Syrian territory", "an Iraqi village"), placed at
  country precision. Otherwise a demonym names people ("Israeli officials") and only
  puts its country into the article's context.

How a place is chosen, most specific evidence first:

1. An explicit frame around the mention fixes the containing area: "X, Lebanon",
   "X, Ill.", "X in southern Lebanon", "the Lebanese village of X", "X County".
   Candidates outside the frame are dropped; when none is left (or the name is unknown)
   the frame itself is returned at its own precision, with a note. An unknown name is
   never pinned exactly.
2. The article's other places are a prior. On a first, context-free pass each distinct
   name votes: a whole vote for the country and admin-1 region of its frame or of a
   clearly dominant candidate (which also becomes an anchor town), else a vote shared
   among the admin-1 regions its candidates lie in, so that the region many ambiguous
   local names have in common stands out. A candidate then gains for the votes of the
   other names in its country and region, for lying in the article's most-named
   country, and for lying near an anchor town.
3. By default bigger places win: log10 of the population, a capital bonus, and a bonus
   when the name written is the place's own name rather than an alternate one.
4. A country, US state or region carries a fixed base score above most cities, and a
   name that is both an area and a town inside it names the area ("Mexico"), so a name
   that is also a country resolves to the country unless context puts it elsewhere
   ("Lebanon" in an article about Pennsylvania towns).

Weights and cue words live in ``data/geocoding.toml``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Geocoded, Mention, Place, PlacePrecision
from .gazetteer import Entry, Gazetteer, gazetteer, name_key, precision_of

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
METONYM_LABELS = frozenset({"ORG"})
DEMONYM_LABELS = frozenset({"NORP"})

# up to four capitalized words (with dots, apostrophes, hyphens): a containing area
_AREA_WORDS = r"[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}"
_COMMA_AREA = re.compile(rf"\A,\s+(?P<area>{_AREA_WORDS})")
_WORDS_BEFORE_OF = re.compile(r"(?P<words>(?:[\w'\u2019-]+ ){1,3})of \Z")
_POSSESSIVE = re.compile(r"['\u2019]s?\Z")

# two candidates this far apart are different places, not one place's two entries
RIVAL_KM = 161.0

# the rank of each kind: a frame must be more general than the place it frames
_RANK = {"city": 0, "region": 1, "state": 2, "country": 3, "continent": 4}

Countries = defaultdict[str, float]
Admin1s = defaultdict[tuple[str, str], float]


@dataclass(frozen=True, kw_only=True, slots=True)
class Votes:
    """What one mention tells about the article's countries and admin-1 regions."""

    countries: dict[str, float]
    admin1s: dict[tuple[str, str], float]
    anchor: Entry | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Context:
    """What the rest of the article says about where it is: votes per country and
    admin-1 region, and the towns it names unambiguously (anchors)."""

    countries: Countries
    admin1s: Admin1s
    anchors: list[Entry]

    def add(self, votes: Votes, step: int) -> None:
        for country, weight in votes.countries.items():
            self.countries[country] += step * weight
        for admin1, weight in votes.admin1s.items():
            self.admin1s[admin1] += step * weight
        if votes.anchor is not None:
            if step > 0:
                self.anchors.append(votes.anchor)
            else:
                self.anchors.remove(votes.anchor)

    @staticmethod
    def empty() -> Context:
        return Context(countries=defaultdict(float), admin1s=defaultdict(float), anchors=[])


@dataclass(frozen=True, kw_only=True, slots=True)
class Frame:
    """The area an explicit pattern puts a mention in, and the words that said so."""

    area: Entry
    cue: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Reading:
    """A place mention as read in its context: the name looked up, its candidates, the
    frame around it, and whether it names a US county or a demonym used as a place."""

    mention: Mention
    name: str
    candidates: tuple[Entry, ...]
    frame: Frame | None = None
    county: bool = False
    demonym: str | None = None
    note: str | None = None


def geocode(text: str, mentions: Sequence[Mention], *, article_id: str) -> tuple[Geocoded, ...]:
    """The places of an article's mentions (see the module docstring for which), in
    mention order; a mention neither the gazetteer nor its context can place is left
    out."""
    gaz = gazetteer()
    readings = [
        reading
        for mention in mentions
        if (reading := _read(text, mention, gaz)) is not None and reading.name
    ]
    context = Context.empty()
    # a name repeated is one piece of evidence: each name votes once, and never for
    # its own repetitions
    keys = [name_key(r.name) for r in readings]
    votes: dict[str, Votes] = {}
    for key, reading in zip(keys, readings, strict=True):
        votes.setdefault(key, _vote(reading, gaz))
    for mention in mentions:
        if mention.label in DEMONYM_LABELS and (code := gaz.demonyms.get(name_key(mention.text))):
            context.countries[code] += 1
    for vote in votes.values():
        context.add(vote, 1)
    places: dict[int, Place] = {}
    # counties last: a county is placed amid the article's other places
    order = sorted(range(len(readings)), key=lambda i: readings[i].county)
    for i in order:
        reading, vote = readings[i], votes[keys[i]]
        if reading.mention.label in METONYM_LABELS and not _metonym(text, reading, gaz, context):
            continue
        context.add(vote, -1)
        place = _resolve(reading, gaz, context, tuple(places.values()))
        context.add(vote, 1)
        if place is not None:
            places[i] = place
    return tuple(
        Geocoded(
            article_id=article_id,
            start=readings[i].mention.start,
            end=readings[i].mention.end,
            text=readings[i].mention.text,
            place=place,
        )
        for i, place in sorted(places.items())
    )


# -- reading a mention in its context ---------------------------------------------------


def _read(text: str, mention: Mention, gaz: Gazetteer) -> Reading | None:
    if mention.label in DEMONYM_LABELS:
        return _demonym(text, mention, gaz)
    if mention.label not in PLACE_LABELS | METONYM_LABELS:
        return None
    name = _POSSESSIVE.sub("", mention.text.strip()).strip()
    words = name.split()
    if len(words) > 1 and words[0].casefold() in gaz.cues.articles:
        name = " ".join(words[1:])
    if name_key(name) in gaz.demonyms:
        return None
    if "." in name and name in gaz.abbreviations:
        # "W.Va." or "Ill." standing alone after a town
        return Reading(mention=mention, name=name, candidates=(gaz.abbreviations[name],))
    frame: Frame | None = None
    if ", " in name:
        head, _, tail = name.partition(", ")
        frame = _qualifier(tail, gaz)
        if frame is not None:
            name = head
    after = text[mention.end : mention.end + 80]
    words = name.split()
    next_word = after.split(maxsplit=1)[0].strip(".,;:").casefold() if after.strip() else ""
    county = bool(words) and (
        words[-1].casefold() in gaz.cues.county
        or (after[:1] == " " and next_word in gaz.cues.county)
    )
    if frame is None:
        frame = _frame_after(after, gaz)
    if frame is None:
        frame = _frame_before(text[max(0, mention.start - 60) : mention.start], gaz)
    candidates = gaz.lookup(name)
    if frame is None and not candidates:
        frame = _sentence_country(text, mention, gaz)
    note = None
    if not candidates and not county and mention.label in PLACE_LABELS:
        name, candidates, note = _shortened(name, gaz, frame)
    if frame is not None and any(
        c.kind != "city" and _RANK[c.kind] >= _RANK[frame.area.kind] for c in candidates
    ):
        # "Israel, Lebanon" or "Alaska, Hawaii": a list of areas, not a place in a frame
        frame = None
    return Reading(
        mention=mention, name=name, candidates=candidates, frame=frame, county=county, note=note
    )


def _shortened(
    name: str, gaz: Gazetteer, frame: Frame | None
) -> tuple[str, tuple[Entry, ...], str | None]:
    """An unknown name read without its formal prefix ("Republic of Armenia" ->
    Armenia), or without a leading compass word as the area it is a part of
    ("Northeast Georgia" -> the state or the country Georgia, as context decides; never
    a continent)."""
    lowered = name.casefold()
    for prefix in sorted(gaz.cues.prefixes, key=len, reverse=True):
        if lowered.startswith(prefix + " "):
            rest = name[len(prefix) + 1 :]
            if found := gaz.lookup(rest):
                return rest, found, None
    words = name.split()
    if frame is None and len(words) > 1 and words[0].casefold() in gaz.cues.directions:
        rest = " ".join(words[1:])
        # a part of a continent ("West Asia") is a region of its own: the continent's
        # point (Asia's is in Tibet) would put it far from any of it
        areas = tuple(c for c in gaz.lookup(rest) if c.kind not in ("city", "continent"))
        if areas:
            return rest, areas, f"{name}: not in gazetteer; placed at {rest}"
    return name, (), None


def _demonym(text: str, mention: Mention, gaz: Gazetteer) -> Reading | None:
    """A country demonym used as a place: "the Lebanese border", "an Iraqi village"."""
    code = gaz.demonyms.get(name_key(mention.text))
    country = gaz.countries.get(code) if code else None
    if country is None:
        return None
    following = text[mention.end : mention.end + 30].split(maxsplit=2)[:2]
    nouns = gaz.cues.place_nouns | gaz.cues.features
    for size in (2, 1):
        noun = " ".join(following[:size]).strip(".,;:").casefold()
        if len(following) >= size and noun in nouns:
            return Reading(
                mention=mention,
                name=mention.text,
                candidates=(country,),
                demonym=f"'{mention.text} {noun}'",
            )
    return None


def _qualifier(words: str, gaz: Gazetteer) -> Frame | None:
    """The area a qualifier names: an abbreviation ("Ill.", "N.Y.") or an area's name,
    longest first."""
    parts = words.split()
    for size in range(len(parts), 0, -1):
        candidate = " ".join(parts[:size])
        for form in (candidate, candidate.rstrip(",;:")):
            if form in gaz.abbreviations:
                return Frame(area=gaz.abbreviations[form], cue=form)
            area = gaz.area(form.rstrip(".,;:"))
            if area is not None:
                return Frame(area=area, cue=form.rstrip(".,;:"))
    return None


def _frame_after(after: str, gaz: Gazetteer) -> Frame | None:
    """ "X, Lebanon" / "X, Ill." / "X in southern Lebanon"."""
    match = _COMMA_AREA.match(after)
    if match:
        frame = _qualifier(match["area"], gaz)
        return Frame(area=frame.area, cue=f", {frame.cue}") if frame else None
    lowered = after.casefold()
    for word in sorted(gaz.cues.containment, key=len, reverse=True):
        prefix = f" {word} "
        if not lowered.startswith(prefix):
            continue
        rest = after[len(prefix) :].split()
        direction = []
        while rest and rest[0].casefold() in gaz.cues.directions:
            direction.append(rest.pop(0))
        if not rest or not rest[0][:1].isupper():
            return None
        # "southern Lebanon" may be an area itself; else "Lebanon"
        whole = _qualifier(" ".join(direction + rest[:4]), gaz) if direction else None
        frame = whole or _qualifier(" ".join(rest[:4]), gaz)
        if frame is None:
            return None
        return Frame(area=frame.area, cue=f"{word} {' '.join(direction)} {frame.cue}".strip())
    return None


def _frame_before(before: str, gaz: Gazetteer) -> Frame | None:
    """ "the Lebanese village of X": a demonym or area, a feature noun, then "of"."""
    match = _WORDS_BEFORE_OF.search(before)
    if match is None:
        return None
    words = match["words"].split()
    for cut in range(len(words) - 1, 0, -1):
        feature = " ".join(words[cut:]).casefold()
        if feature not in gaz.cues.features:
            continue
        for size in range(1, cut + 1):
            tail = " ".join(words[cut - size : cut])
            code = gaz.demonyms.get(name_key(tail))
            area = gaz.countries.get(code) if code else None
            frame = Frame(area=area, cue=tail) if area else _qualifier(tail, gaz)
            if frame is not None:
                return Frame(area=frame.area, cue=f"{tail} {feature}")
    return None


_FEATURE_OF = re.compile(r"\b([a-z]+)\s+of\s+$")
_CAPITALIZED = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?")


def _sentence_country(text: str, mention: Mention, gaz: Gazetteer) -> Frame | None:
    """ "a strike on the town of X in the south, Lebanon's agency said": an unknown
    place its words call a town (a feature noun, then "of") lies in the country the
    same sentence names nearest to it, when the sentence names one."""
    cue = _FEATURE_OF.search(text[max(0, mention.start - 30) : mention.start])
    if cue is None or cue.group(1) not in gaz.cues.features:
        return None
    start = max(text.rfind(". ", 0, mention.start), text.rfind("\n", 0, mention.start)) + 1
    stops = [i for i in (text.find(". ", mention.end), text.find("\n", mention.end)) if i >= 0]
    end = min(stops) if stops else len(text)
    nearest: tuple[int, Entry] | None = None
    for match in _CAPITALIZED.finditer(text, start, end):
        if mention.start <= match.start() < mention.end:
            continue
        word = _POSSESSIVE.sub("", match.group(0))
        code = gaz.demonyms.get(name_key(word))
        area = gaz.countries.get(code) if code else gaz.area(word)
        if area is None or area.kind != "country":
            continue
        distance = abs(match.start() - mention.start)
        if nearest is None or distance < nearest[0]:
            nearest = (distance, area)
    if nearest is None:
        return None
    return Frame(area=nearest[1], cue=f"{cue.group(1)} in a sentence naming {nearest[1].name}")


# -- choosing a candidate ---------------------------------------------------------------


def _inside(entry: Entry, frame: Entry) -> bool:
    if _RANK[entry.kind] >= _RANK[frame.kind]:
        return False
    if frame.kind == "continent":
        return True
    if entry.country != frame.country:
        return False
    return frame.kind == "country" or frame.admin1 is None or entry.admin1 == frame.admin1


def _score(entry: Entry, name: str, gaz: Gazetteer, context: Context) -> float:
    w = gaz.weights
    countries, admin1s = context.countries, context.admin1s
    if entry.kind == "city":
        score = math.log10(max(entry.population, w.min_population))
        score += w.capital if entry.capital else 0.0
    else:
        score = {
            "country": w.country_base,
            "state": w.state_base,
            "region": w.region_base,
            "continent": w.continent_base,
        }[entry.kind]
    if entry.kind != "city" or name_key(entry.name) == name_key(name):
        # an area's names are all curated; a city's alternate names are often not
        score += w.primary_name
    score += w.context_country * min(countries[entry.country], w.context_cap)
    if entry.admin1:
        score += w.context_admin1 * min(admin1s[(entry.country, entry.admin1)], w.context_cap)
    leader = max(countries, key=lambda c: countries[c], default=None)
    if leader is not None and countries[leader] > 0 and entry.country == leader:
        score += w.dominant_country
    if entry.kind == "city":
        distances = [_km(entry, anchor) for anchor in context.anchors if anchor != entry]
        nearest = min(distances, default=w.nearby_km)
        score += w.nearby * max(0.0, 1.0 - nearest / w.nearby_km)
    return score


def _too_close_to_call(ranked: list[tuple[float, Entry]], gaz: Gazetteer) -> bool:
    """The best candidate does not lead the best one far from it (beyond ``RIVAL_KM``)
    by the ``ambiguity_margin``."""
    best_score, best = ranked[0]
    rivals = [score for score, entry in ranked[1:] if _km(entry, best) > RIVAL_KM]
    return bool(rivals) and best_score - rivals[0] < gaz.weights.ambiguity_margin


def _km(a: Entry, b: Entry) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _ranked(reading: Reading, gaz: Gazetteer, context: Context) -> list[tuple[float, Entry]]:
    """The candidates inside the frame (or all, without one), best first, with scores."""
    candidates = reading.candidates
    if reading.frame is not None:
        frame = reading.frame.area
        candidates = tuple(c for c in candidates if _inside(c, frame))
    scored = sorted(
        ((_score(c, reading.name, gaz, context), c) for c in candidates), key=lambda p: -p[0]
    )
    if scored and scored[0][1].kind == "city":
        # a name that is both an area and a town inside it names the area ("Mexico",
        # "New York"): the area goes first
        town = scored[0][1]
        around = [p for p in scored if p[1].kind != "city" and _inside(town, p[1])]
        if around:
            scored.remove(around[0])
            scored.insert(0, around[0])
    return scored


def _vote(reading: Reading, gaz: Gazetteer) -> Votes:
    """What a mention tells about the article's countries and admin-1 regions before
    context. A frame, or a best candidate that clearly dominates (never a name several
    countries or states share, like Georgia), is a whole vote for its country and
    region; otherwise each admin-1 region holding a candidate gets a share, so that
    regions that many ambiguous names have in common stand out."""
    if reading.frame is not None:
        return _whole(reading.frame.area)
    if reading.county:
        states = gaz.counties.get(name_key(_county_name(reading, gaz)), ())
        return _shared([("US", s) for s in states], gaz)
    if reading.mention.label in METONYM_LABELS:
        return Votes(countries={}, admin1s={})
    ranked = _ranked(reading, gaz, Context.empty())
    if not ranked:
        return Votes(countries={}, admin1s={})
    areas = {(c.country, c.admin1) for _, c in ranked if c.kind != "city"}
    top = ranked[0][0]
    total = sum(10 ** (score - top) for score, _ in ranked)
    if len(areas) <= 1 and 1 / total >= gaz.weights.confident_share:
        return _whole(ranked[0][1])
    shared = _shared([(c.country, c.admin1) for _, c in ranked if c.admin1], gaz)
    nations = {c.country for _, c in ranked}
    if len(nations) == 1:
        # ambiguous within one country ("Gainesville"): still a whole vote for it
        return Votes(countries={nations.pop(): 1.0}, admin1s=shared.admin1s)
    return shared


def _whole(entry: Entry) -> Votes:
    return Votes(
        countries={entry.country: 1.0} if entry.country != "XX" else {},
        admin1s={(entry.country, entry.admin1): 1.0} if entry.admin1 else {},
        anchor=entry if entry.kind == "city" else None,
    )


def _shared(regions: Sequence[tuple[str, str | None]], gaz: Gazetteer) -> Votes:
    distinct = {(country, admin1) for country, admin1 in regions if admin1}
    if not distinct:
        return Votes(countries={}, admin1s={})
    share = gaz.weights.shared_vote / len(distinct)
    return Votes(countries={}, admin1s={(c, a): share for c, a in distinct if a})


def _metonym(text: str, reading: Reading, gaz: Gazetteer, context: Context) -> bool:
    """Whether an ORG mention names a place (see the module docstring)."""
    before = text[max(0, reading.mention.start - 12) : reading.mention.start].split()
    # after a locative word, a name that can only be in one country
    one_country = len({c.country for c in reading.candidates}) == 1
    if before and before[-1].casefold() in gaz.cues.locative and one_country:
        return True
    for entry in reading.candidates:
        if entry.kind != "city":
            return True
        if name_key(entry.name) != name_key(reading.name):
            continue
        if entry.population >= gaz.weights.org_min_population:
            return True
        if entry.admin1 and context.admin1s[(entry.country, entry.admin1)] >= 1:
            return True
    return False


def _resolve(
    reading: Reading,
    gaz: Gazetteer,
    context: Context,
    found: Sequence[Place],
) -> Place | None:
    if reading.county:
        return _county(reading, gaz, context.admin1s, found)
    ranked = _ranked(reading, gaz, context)
    if ranked and reading.frame is None and _too_close_to_call(ranked, gaz):
        return None  # "Paris" with nothing to tell France from Texas: no pin on a guess
    if ranked:
        note = f"demonym used as a place: {reading.demonym}" if reading.demonym else None
        return _place(ranked[0][1], gaz, note=note or reading.note)
    frame = reading.frame
    if frame is None:
        return None
    level = "country level" if frame.area.kind == "country" else frame.area.name
    known = "not in gazetteer" if not reading.candidates else f"none in {frame.area.name}"
    return _place(
        frame.area, gaz, note=f"{reading.name}: {known}; placed at {level} from '{frame.cue}'"
    )


def _county(
    reading: Reading, gaz: Gazetteer, admin1s: Admin1s, found: Sequence[Place]
) -> Place | None:
    """A US county (the gazetteer has no county points): placed at the middle of the
    article's places in its state when there are some, else at the state. A county name
    several states share is placed only when the article's places pick one."""
    name = _county_name(reading, gaz)
    states = gaz.counties.get(name_key(name), ())
    if reading.frame is not None and reading.frame.area.kind == "state":
        states = tuple(s for s in states if s == reading.frame.area.admin1)
    if len(states) > 1:
        states = tuple(s for s in states if admin1s[("US", s)] > 0)
        best = max((admin1s[("US", s)] for s in states), default=0)
        states = tuple(s for s in states if admin1s[("US", s)] == best)
    if len(states) != 1:
        return None
    state = next((e for e in gaz.abbreviations.values() if e.admin1 == states[0]), None)
    if state is None:
        return None
    nearby = [
        p for p in found if p.country == "US" and p.admin1 == states[0] and p.precision == "exact"
    ]
    if not nearby:
        # a county often holds a town of its name: "Orange County" and Orange
        namesakes = [
            c
            for c in gaz.lookup(" ".join(name.split()[:-1]))
            if c.kind == "city" and c.country == "US" and c.admin1 == states[0]
        ]
        if namesakes:
            town = max(namesakes, key=lambda c: c.population)
            note = f"{name}: county not in gazetteer; placed at {town.name}, a town of its name"
            return _place(town, gaz, note=note, precision=precision_of("county"))
        return _place(state, gaz, note=f"{name}: county not in gazetteer; placed at its state")
    return Place(
        name=name,
        lat=sum(p.lat for p in nearby) / len(nearby),
        lon=sum(p.lon for p in nearby) / len(nearby),
        country="US",
        country_name=gaz.country_name("US"),
        admin1=states[0],
        precision=precision_of("county"),
        geonames_id=None,
        note=f"{name}: county not in gazetteer; placed amid the article's places in {state.name}",
    )


def _county_name(reading: Reading, gaz: Gazetteer) -> str:
    name = reading.name
    return name if name.split()[-1].casefold() in gaz.cues.county else f"{name} County"


def _place(
    entry: Entry,
    gaz: Gazetteer,
    *,
    note: str | None = None,
    precision: PlacePrecision | None = None,
) -> Place:
    return Place(
        name=entry.name,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        country_name=gaz.country_name(entry.country),
        admin1=entry.admin1,
        precision=precision or entry.precision,
        geonames_id=entry.geonames_id,
        note=note,
    )
