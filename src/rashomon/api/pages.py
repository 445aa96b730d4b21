"""The web UI: server-rendered pages over the same ``Corpus`` as the JSON API.

    GET /                   stories (title, outlets, time span, articles), search, links
    GET /stories/{id}       the outlets side by side, sentences flagged; items grouped as
                            conflicting / unique / agreed, each account one click from its
                            sentence; framing per outlet; a map of the places; exports
    GET /articles/{id}      metadata, the text with facts marked, its quotes and events
    GET /entities           entities, most mentioned first (?label)
    GET /entities/{id}      aliases, mentions by outlet, events
    GET /events             a filtered table (?source&type&modality&since&until&story)
                            under a timeline drawn server-side
    GET /search             ?q: hits with their matched words marked

Article text is untrusted. Templates are autoescaped and nothing derived from an
article is marked safe: marked text reaches the template as ``Piece`` tokens (open a
span, a run of text, close it), so the markup is the template's and the text is only
ever escaped; a search snippet arrives as (text, is_match) pieces and only the template
adds the ``<mark>``. An article's URL becomes a link only when it is http(s); every
other link is built here from ids. The map and the timeline are SVG made of numbers
computed here (``<path d>``, ``<circle cx cy>``, ``<rect>``); styling is by class from
``static/rashomon.css``, as the CSP allows no inline style or script.

An unknown id is a 404 *page* here (the JSON API keeps its JSON error shape).
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any, Literal, cast, get_args
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from ..compare import Comparison
from ..corpus import Corpus
from ..errors import NotFoundError, OptionsError
from ..records import Annotation, Event, Geocoded, Modality, Sentence
from ..store import FactQuery, SearchHit, SearchWhat
from .routes import plover_types

router = APIRouter(include_in_schema=False)

PAGE = 100  # rows per page of a long list
ITEM_STATUSES = ("conflicting", "unique", "agreed")
SENTENCE_FLAGS = frozenset({"unique", "conflict", "framed"})
MAP_WIDTH = 720
MAP_PAD = 3.0  # degrees of margin around the places, at least
TIMELINE_WIDTH, TIMELINE_HEIGHT, TIMELINE_AXIS = 720, 140, 22
CLASS_WORD = re.compile(r"[^a-z0-9]+")


@cache
def templates() -> Environment:
    env = Environment(
        loader=PackageLoader("rashomon", "api/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["outlet"] = outlet_name
    env.filters["anchor"] = anchor
    return env


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates().get_template(name).render(**context), status_code=status)


def not_found(exc: NotFoundError | str) -> HTMLResponse:
    return render("error.html", 404, title="Not found", message=str(exc))


def corpus_of(request: Request) -> Corpus:
    corpus: Corpus = request.app.state.corpus
    return corpus


def outlet_name(outlet: str | None) -> str:
    return outlet or "(unknown outlet)"


def anchor(article_id: str, start: int) -> str:
    """The id of a sentence's element, on the story page and on the article page."""
    return f"s-{article_id}-{start}"


def css_word(value: str) -> str:
    """A label or type as a class-name part (letters and digits only)."""
    return CLASS_WORD.sub("-", value.casefold()).strip("-")


# -- marked text -------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Mark:
    """A span to mark in a text; a lower ``depth`` is the outer element where two meet."""

    start: int
    end: int
    depth: int
    classes: str
    title: str = ""
    anchor: str = ""
    href: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Piece:
    """One token of marked text for the template: open an element (a link when it has an
    ``href``), a run of text (always escaped by the template), or close the last element
    opened."""

    kind: Literal["open", "text", "close"]
    text: str = ""
    classes: str = ""
    title: str = ""
    anchor: str = ""
    href: str = ""


def marked(text: str, marks: Iterable[Mark]) -> list[Piece]:
    """``text`` cut at every mark boundary into well-nested elements: a mark that crosses
    an outer one is closed before the outer one ends and opened again after it (its
    anchor stays on its first piece)."""
    spans = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    by_start: dict[int, list[int]] = defaultdict(list)
    for index, mark in enumerate(spans):
        by_start[mark.start].append(index)
    pieces: list[Piece] = []
    active: list[int] = []  # indexes into spans, outermost first
    opened: list[int] = []
    for low, high in pairwise(cuts):
        active = [i for i in active if spans[i].end > low] + by_start.get(low, [])
        active.sort(key=lambda i: (spans[i].depth, spans[i].start, -spans[i].end, i))
        keep = 0
        while keep < min(len(opened), len(active)) and opened[keep] == active[keep]:
            keep += 1
        pieces += [Piece(kind="close", href=spans[i].href) for i in reversed(opened[keep:])]
        for i in active[keep:]:
            m = spans[i]
            again = m.start < low  # reopened after an outer element closed
            pieces.append(
                Piece(
                    kind="open",
                    classes=m.classes,
                    title=m.title,
                    href=m.href,
                    anchor="" if again else m.anchor,
                )
            )
        opened = list(active)
        pieces.append(Piece(kind="text", text=text[low:high]))
    pieces += [Piece(kind="close", href=spans[i].href) for i in reversed(opened)]
    return pieces


class Anchors:
    """Sentence anchors by character offset, reading each article's sentences once."""

    def __init__(self, corpus: Corpus, known: dict[str, list[Sentence]] | None = None):
        self.corpus = corpus
        self.sentences = dict(known or {})

    def at(self, article_id: str, offset: int) -> str:
        """The anchor of the sentence holding ``offset`` (or the last one before it)."""
        if article_id not in self.sentences:
            self.sentences[article_id] = self.corpus.sentences(article_id)
        found = self.sentences[article_id]
        index = max(0, bisect_right([s.start for s in found], offset) - 1)
        return anchor(article_id, found[index].start if found else offset)


def sentence_marks(
    sentences: Iterable[Sentence], flags: dict[tuple[str, int], tuple[str, ...]]
) -> list[Mark]:
    """Each sentence as the outermost mark, anchored, with the comparison's flags as
    classes (``f-unique``, ``f-conflict``, ``f-framed``)."""
    marks = []
    for s in sentences:
        found = flags.get((s.article_id, s.start), ())
        classes = " ".join(["s", *(f"f-{f}" for f in found if f in SENTENCE_FLAGS)])
        marks.append(
            Mark(
                start=s.start,
                end=s.end,
                depth=0,
                classes=classes,
                title=", ".join(found),
                anchor=anchor(s.article_id, s.start),
            )
        )
    return marks


def fact_marks(facts: Annotation, entity_ids: dict[tuple[int, int], int]) -> list[Mark]:
    """Quotes, then one mark per place where entities, numbers, dates and event triggers
    overlap (the more specific kept: trigger, date, number, entity), as in ``render``."""
    names = {(m.start, m.end): m.name for m in facts.entity_mentions}
    ranked: list[tuple[int, Mark]] = []
    for e in facts.events:
        title = f"event {event_kind(e)}" + ("" if e.modality == "asserted" else f" ({e.modality})")
        ranked.append(
            (0, Mark(start=e.start, end=e.end, depth=2, classes="m m-event", title=title))
        )
    for t in facts.times:
        title = f"date {t.value or '?'}" + ("" if t.resolved else " (unresolved)")
        ranked.append((1, Mark(start=t.start, end=t.end, depth=2, classes="m m-date", title=title)))
    for q in facts.quantities:
        title = f"number {q.category + '=' if q.category else ''}{q.value:g}"
        ranked.append(
            (2, Mark(start=q.start, end=q.end, depth=2, classes="m m-number", title=title))
        )
    for m in facts.mentions:
        name = names.get((m.start, m.end))
        entity = entity_ids.get((m.start, m.end))
        mark = Mark(
            start=m.start,
            end=m.end,
            depth=2,
            classes=f"m m-entity m-{css_word(m.label)}",
            title=f"{m.label} {name}" if name and name != m.text else m.label,
            href=f"/entities/{int(entity)}" if entity is not None else "",
        )
        ranked.append((3, mark))
    kept: list[Mark] = []
    for _, mark in sorted(ranked, key=lambda pair: (pair[0], pair[1].start)):
        if all(mark.end <= k.start or mark.start >= k.end for k in kept):
            kept.append(mark)
    for n, quote in enumerate(sorted(facts.quotes, key=lambda q: q.start), start=1):
        title = f"Q{n} {quote.kind} quote, {quote.speaker or 'speaker unknown'}"
        classes = f"q q-{quote.kind}"
        kept.append(
            Mark(
                start=quote.start,
                end=quote.end,
                depth=1,
                classes=classes,
                title=title,
                anchor=f"q-{n}",
            )
        )
    return kept


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None (never a ``javascript:`` link)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.casefold()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


# -- the map -----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Outline:
    """One ring of a country's outline, with its box (west, south, east, north)."""

    name: str
    box: tuple[float, float, float, float]
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Spot:
    """One place of a story on its map: where, how precisely, how often, by whom."""

    name: str
    country: str
    precision: str
    lat: float
    lon: float
    mentions: int
    outlets: tuple[str, ...]
    x: float = 0.0
    y: float = 0.0
    r: float = 0.0


@dataclass(frozen=True, kw_only=True, slots=True)
class Label:
    x: float
    y: float
    text: str
    left: bool  # set to the left of its spot (text-anchor end)


@dataclass(frozen=True, kw_only=True, slots=True)
class WorldMap:
    caption: str
    degrees: float  # how wide the frame is, in longitude
    width: int
    height: int
    countries: tuple[tuple[str, str], ...]  # (name, path d)
    graticule: str  # path d
    spots: tuple[Spot, ...]
    labels: tuple[Label, ...]


@cache
def world() -> tuple[Outline, ...]:
    """The shipped country outlines (``static/world.json``, see ``static/README.md``)."""
    path = resources.files("rashomon").joinpath("api", "static", "world.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for country in data["countries"]:
        for ring in country["rings"]:
            lons, lats = [p[0] for p in ring], [p[1] for p in ring]
            out.append(
                Outline(
                    name=country["name"],
                    box=(min(lons), min(lats), max(lons), max(lats)),
                    points=tuple((p[0], p[1]) for p in ring),
                )
            )
    return tuple(out)


def spots(places: Iterable[tuple[str, Geocoded]]) -> list[Spot]:
    """(outlet, geocoded mention) pairs as one spot per gazetteer place."""
    grouped: dict[tuple[str, float, float], list[tuple[str, Geocoded]]] = defaultdict(list)
    for outlet, g in places:
        grouped[(g.place.name, g.place.lat, g.place.lon)].append((outlet, g))
    out = []
    for (name, lat, lon), found in grouped.items():
        place = found[0][1].place
        out.append(
            Spot(
                name=name,
                country=place.country_name,
                precision=place.precision,
                lat=lat,
                lon=lon,
                mentions=len(found),
                outlets=tuple(sorted({o for o, _ in found})),
            )
        )
    return sorted(out, key=lambda s: (-s.mentions, s.name))


def _fit(low: float, high: float, floor: float, ceiling: float) -> tuple[float, float]:
    span = high - low
    if span >= ceiling - floor:
        return floor, ceiling
    if low < floor:
        return floor, floor + span
    if high > ceiling:
        return ceiling - span, ceiling
    return low, high


def world_map(places: Sequence[Spot], caption: str) -> WorldMap | None:
    """The places on an equirectangular map framed around them (2:1, at least
    ``MAP_PAD`` degrees of margin), with the country outlines that fall in the frame."""
    if not places:
        return None
    west, east = min(p.lon for p in places), max(p.lon for p in places)
    south, north = min(p.lat for p in places), max(p.lat for p in places)
    pad = max(MAP_PAD, 0.25 * max(east - west, north - south))
    west, east, south, north = west - pad, east + pad, south - pad, north + pad
    if east - west < 2 * (north - south):
        grow = (2 * (north - south) - (east - west)) / 2
        west, east = west - grow, east + grow
    else:
        grow = ((east - west) / 2 - (north - south)) / 2
        south, north = south - grow, north + grow
    west, east = _fit(west, east, -180.0, 180.0)
    south, north = _fit(south, north, -90.0, 90.0)
    scale = MAP_WIDTH / (east - west)
    height = round((north - south) * scale)

    def point(lon: float, lat: float) -> str:
        return f"{(lon - west) * scale:.1f} {(north - lat) * scale:.1f}"

    paths: dict[str, list[str]] = defaultdict(list)
    for ring in world():
        w, s, e, n = ring.box
        if e >= west and w <= east and n >= south and s <= north:
            paths[ring.name].append("M" + "L".join(point(x, y) for x, y in ring.points) + "Z")
    countries = [(name, "".join(d)) for name, d in paths.items()]
    step = next(s for s in (1, 2, 5, 10, 30) if (east - west) / s <= 16)
    lines = [
        f"M{point(lon, north)}L{point(lon, south)}"
        for lon in range(math.ceil(west / step) * step, math.floor(east) + 1, step)
    ] + [
        f"M{point(west, lat)}L{point(east, lat)}"
        for lat in range(math.ceil(south / step) * step, math.floor(north) + 1, step)
    ]
    placed = tuple(
        replace(
            p,
            x=round((p.lon - west) * scale, 1),
            y=round((north - p.lat) * scale, 1),
            r=round(min(12.0, 3.0 + 1.5 * math.sqrt(p.mentions)), 1),
        )
        for p in places
    )
    return WorldMap(
        caption=caption,
        degrees=east - west,
        width=MAP_WIDTH,
        height=height,
        countries=tuple(countries),
        graticule="".join(lines),
        spots=placed,
        labels=labels(placed),
    )


def labels(placed: Sequence[Spot]) -> tuple[Label, ...]:
    """Names beside the spots, most mentioned first, right of the spot or else left of
    it; a name that would cover one already set, or run off the map, is left to the
    spot's tooltip."""
    boxes: list[tuple[float, float, float, float]] = []
    out = []
    for spot in placed:
        wide = 6.5 * len(spot.name)
        for left in (False, True):
            x = spot.x - spot.r - 3 if left else spot.x + spot.r + 3
            box = (x - wide if left else x, spot.y - 8, x if left else x + wide, spot.y + 5)
            inside = box[0] >= 0 and box[2] <= MAP_WIDTH
            if inside and all(
                box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in boxes
            ):
                boxes.append(box)
                out.append(Label(x=round(x, 1), y=round(spot.y + 4, 1), text=spot.name, left=left))
                break
    return tuple(out)


def story_maps(places: Sequence[Spot]) -> list[WorldMap]:
    """The map of all the places, and when it is wide (a far capital named in passing), a
    close-up of the places around the most mentioned one."""
    whole = world_map(places, "All the places named")
    if whole is None:
        return []
    top = places[0]
    near = [p for p in places if abs(p.lon - top.lon) <= 8 and abs(p.lat - top.lat) <= 8]
    if whole.degrees > 40 and 1 < len(near) < len(places):
        close = world_map(near, f"Around {top.name}")
        if close is not None:
            return [close, whole]
    return [whole]


# -- the timeline ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Timeline:
    width: int
    height: int
    axis: int
    unit: str
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]
    peak: int
    undated: int


def timeline(days: Sequence[date | None]) -> Timeline | None:
    """Events per day as bars; per month past three months of span, per year past six
    years."""
    known = [d for d in days if d is not None]
    if not known:
        return None
    first, last = min(known), max(known)
    span = (last - first).days
    unit = "day" if span <= 92 else "month" if span <= 6 * 366 else "year"

    def floor(d: date) -> date:
        return d if unit == "day" else d.replace(day=1) if unit == "month" else date(d.year, 1, 1)

    def name(d: date) -> str:
        return (
            d.isoformat()
            if unit == "day"
            else d.strftime("%Y-%m")
            if unit == "month"
            else str(d.year)
        )

    counts = Counter(floor(d) for d in known)
    bins = [floor(first)]
    while bins[-1] < floor(last):
        bins.append(floor(bins[-1] + timedelta(days={"day": 1, "month": 32, "year": 366}[unit])))
    peak = max(counts.values())
    plot = TIMELINE_HEIGHT - TIMELINE_AXIS
    width = TIMELINE_WIDTH / len(bins)
    bars = []
    for n, day in enumerate(bins):
        count = counts.get(day, 0)
        if count:
            tall = plot * count / peak
            bars.append(
                Bar(
                    x=round(n * width + width * 0.1, 1),
                    y=round(plot - tall, 1),
                    width=round(max(width * 0.8, 1.0), 1),
                    height=round(tall, 1),
                    label=f"{name(day)}: {count} event{'s' if count != 1 else ''}",
                )
            )
    every = max(1, math.ceil(len(bins) / 8))
    ticks = tuple(
        (round(n * width + width / 2, 1), name(day)) for n, day in enumerate(bins) if n % every == 0
    )
    return Timeline(
        width=TIMELINE_WIDTH,
        height=TIMELINE_HEIGHT,
        axis=TIMELINE_AXIS,
        unit=unit,
        bars=tuple(bars),
        ticks=ticks,
        peak=peak,
        undated=len(days) - len(known),
    )


def event_day(event: Event, published: str | None) -> date | None:
    """The event's own day when it has one, else its article's publication day."""
    for value in (event.date, published):
        if value and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def event_kind(event: Event) -> str:
    return f"{event.plover_type}/{event.plover_mode}" if event.plover_mode else event.plover_type


def number(value: str | None, default: int = 0) -> int:
    try:
        return max(0, int(value)) if value else default
    except ValueError:
        return default


def blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value[:200] or None


# -- pages -------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
async def index(request: Request, offset: str | None = None) -> HTMLResponse:
    corpus = corpus_of(request)
    stories = corpus.stories()
    start = number(offset)
    return render(
        "index.html",
        title="Stories",
        stories=stories[start : start + PAGE],
        total=len(stories),
        offset=start,
        page=PAGE,
        entities=corpus.entities(limit=24),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(story_id: str, request: Request) -> HTMLResponse:
    corpus = corpus_of(request)
    try:
        comparison = corpus.compare(story_id)
        story = corpus.find_story(comparison.story_id)
    except NotFoundError as exc:
        return not_found(exc)
    outlet_of = article_outlets(comparison)
    articles = {aid: corpus.article(aid) for aid in comparison.article_ids}
    sentences = {aid: corpus.sentences(aid) for aid in comparison.article_ids}
    flags = {(s.article_id, s.start): s.flags for s in comparison.sentences}
    conflicting: dict[str, list[Mark]] = defaultdict(list)
    for item in comparison.items:
        if item.status == "conflicting":
            for a in item.accounts:
                title = f"{item.about}: {a.value}" if a.value else item.about
                conflicting[a.article_id].append(
                    Mark(start=a.start, end=a.end, depth=1, classes="acct", title=title)
                )
    columns = []
    for outlet in comparison.outlets:
        shown = []
        for aid in (a for a in comparison.article_ids if outlet_of[a] == outlet):
            article = articles[aid]
            marks = sentence_marks(sentences[aid], flags) + conflicting[aid]
            shown.append({"article": article, "pieces": marked(article.text, marks)})
        columns.append({"outlet": outlet, "articles": shown})

    anchors = Anchors(corpus, sentences)
    groups: dict[str, list[dict[str, Any]]] = {status: [] for status in ITEM_STATUSES}
    for item in comparison.items:
        accounts = [
            {
                "account": a,
                "href": ("" if a.article_id in articles else f"/articles/{a.article_id}")
                + f"#{anchors.at(a.article_id, a.start)}",
            }
            for a in item.accounts
        ]
        groups[item.status].append({"item": item, "accounts": accounts})
    located = [
        (outlet_of[aid], g)
        for aid in comparison.article_ids
        for g in corpus.places(FactQuery(article_id=aid))
    ]
    places = spots(located)
    return render(
        "story.html",
        title=comparison.title,
        comparison=comparison,
        story=story,
        columns=columns,
        groups=groups,
        counts=comparison.counts(),
        framing=comparison.framing,
        places=places,
        maps=story_maps(places),
    )


def article_outlets(comparison: Comparison) -> dict[str, str]:
    """Article id -> the outlet the comparison files it under."""
    out = {s.article_id: s.outlet for s in comparison.sentences}
    for framing in comparison.framing:
        out.update(dict.fromkeys(framing.article_ids, framing.outlet))
    for account in (a for item in comparison.items for a in item.accounts):
        out.setdefault(account.article_id, account.outlet)
    fallback = comparison.outlets[0] if comparison.outlets else "?"
    return {aid: out.get(aid, fallback) for aid in comparison.article_ids}


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(article_id: str, request: Request) -> HTMLResponse:
    corpus = corpus_of(request)
    try:
        article = corpus.article(article_id)
    except NotFoundError as exc:
        return not_found(exc)
    facts = corpus.annotation(article.id)
    entity_ids = corpus.store.links.article_entity_ids(article.id)
    marks = sentence_marks(facts.sentences, {}) + fact_marks(facts, entity_ids)
    quotes = sorted(facts.quotes, key=lambda q: q.start)
    return render(
        "article.html",
        title=article.title or article.id,
        article=article,
        url=safe_url(article.url),
        origins=corpus.origins(article.id),
        pieces=marked(article.text, marks),
        quotes=[{"n": n, "quote": q} for n, q in enumerate(quotes, start=1)],
        events=sorted(facts.events, key=lambda e: e.start),
        kinds={(e.start, e.end): event_kind(e) for e in facts.events},
    )


@router.get("/entities", response_class=HTMLResponse)
async def entities_page(
    request: Request, label: str | None = None, offset: str | None = None
) -> HTMLResponse:
    corpus = corpus_of(request)
    label = blank(label)
    found = corpus.entities(label=label.upper() if label else None)
    start = number(offset)
    return render(
        "entities.html",
        title="Entities",
        entities=found[start : start + PAGE],
        total=len(found),
        offset=start,
        page=PAGE,
        label=label or "",
        labels=("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"),
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
async def entity_page(entity_id: str, request: Request) -> HTMLResponse:
    corpus = corpus_of(request)
    if not entity_id.isdigit():
        return not_found(f"no entity with id {entity_id!r}: entity ids are numbers; see /entities")
    try:
        profiles = [p for p in corpus.entity(entity_id) if p.entity.id == int(entity_id)]
    except NotFoundError as exc:
        return not_found(exc)
    if not profiles:
        return not_found(f"no entity with id {entity_id}; see /entities")
    profile = profiles[0]
    by_article: dict[str, list[Any]] = defaultdict(list)
    outlets: dict[str, str | None] = {}
    for source, mention in profile.mentions:
        by_article[mention.article_id].append(mention)
        outlets[mention.article_id] = source
    shown = sorted(by_article, key=lambda a: (outlet_name(outlets[a]), a))[:PAGE]
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    anchors = Anchors(corpus)
    for aid in shown:
        mentions = [
            {"mention": m, "anchor": anchors.at(aid, m.start)}
            for m in sorted(by_article[aid], key=lambda m: m.start)
        ]
        grouped[outlet_name(outlets[aid])].append(
            {"article": corpus.article(aid), "mentions": mentions}
        )
    return render(
        "entity.html",
        title=profile.entity.name,
        entity=profile.entity,
        outlets=sorted(grouped.items()),
        hidden=len(by_article) - len(shown),
        events=sorted(profile.events, key=lambda e: (e.date or "", e.article_id, e.start)),
    )


@router.get("/events", response_class=HTMLResponse)
async def events_page(
    request: Request,
    source: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    since: str | None = None,
    until: str | None = None,
    story: str | None = None,
    offset: str | None = None,
) -> HTMLResponse:
    corpus = corpus_of(request)
    problems: list[str] = []
    chosen = {"source": blank(source), "type": blank(type), "modality": blank(modality)}
    days: dict[str, str | None] = {"since": blank(since), "until": blank(until)}
    for name, value in days.items():
        if value is not None:
            try:
                days[name] = date.fromisoformat(value).isoformat()
            except ValueError:
                problems.append(f"{name}: {value!r} is not a date (YYYY-MM-DD); ignored")
                days[name] = None
    kind = chosen["type"].upper() if chosen["type"] else None
    if kind is not None and kind not in plover_types():
        problems.append(f"type: {kind!r} is not a PLOVER type; ignored")
        kind = None
    modalities = get_args(Modality)
    if chosen["modality"] is not None and chosen["modality"] not in modalities:
        problems.append(
            f"modality: {chosen['modality']!r} is not one of {', '.join(modalities)}; ignored"
        )
        chosen["modality"] = None
    equals = tuple(
        (k, v) for k, v in (("plover_type", kind), ("modality", chosen["modality"])) if v
    )
    query = FactQuery(
        source=chosen["source"], since=days["since"], until=days["until"], equals=equals
    )
    found = corpus.events(query)
    story_key, story_title = blank(story), None
    if story_key is not None:
        try:
            member = corpus.find_story(story_key)
        except NotFoundError as exc:
            problems.append(f"{exc}; the story filter is ignored")
        else:
            ids = {*member.article_ids, *member.copies}
            found = [e for e in found if e.article_id in ids]
            story_key, story_title = member.story_id, member.title
    meta = corpus.outlets()
    dated = [event_day(e, meta.get(e.article_id, (None, None))[1]) for e in found]
    rows = sorted(
        zip(found, dated, strict=True),
        key=lambda pair: (pair[1] or date.max, pair[0].article_id, pair[0].start),
    )
    start = number(offset)
    filters = {**chosen, "type": kind, **days, "story": story_key}
    return render(
        "events.html",
        title="Events",
        rows=[
            {
                "event": e,
                "day": d,
                "outlet": outlet_name(meta.get(e.article_id, (None, None))[0]),
                "kind": event_kind(e),
            }
            for e, d in rows[start : start + PAGE]
        ],
        total=len(rows),
        offset=start,
        page=PAGE,
        timeline=timeline(dated),
        problems=problems,
        filters=filters,
        params={k: v for k, v in filters.items() if v},
        story_title=story_title,
        sources=sorted({o for o, _ in meta.values() if o}),
        types=plover_types(),
        modalities=modalities,
    )


@router.get("/search", response_class=HTMLResponse)
async def search_page(
    request: Request,
    q: str | None = None,
    what: str | None = None,
    source: str | None = None,
    offset: str | None = None,
) -> HTMLResponse:
    corpus = corpus_of(request)
    query, scope, start = blank(q), blank(what) or "all", number(offset)
    problems: list[str] = []
    if scope not in get_args(SearchWhat):
        problems.append(f"what: {scope!r} is not one of all, articles, quotes; searching all")
        scope = "all"
    found: list[SearchHit] = []
    if query is not None:
        try:
            found = corpus.search(
                query,
                what=cast(SearchWhat, scope),
                source=blank(source),
                limit=PAGE + 1,
                offset=start,
            )
        except OptionsError as exc:
            problems.append(str(exc))
    anchors = Anchors(corpus)
    hits = [
        {"hit": h, "anchor": anchors.at(h.article_id, h.start) if h.start is not None else ""}
        for h in found[:PAGE]
    ]
    return render(
        "search.html",
        title=f"Search: {query}" if query else "Search",
        q=query or "",
        what=scope,
        source=blank(source) or "",
        hits=hits,
        offset=start,
        page=PAGE,
        more=len(found) > PAGE,
        problems=problems,
        sources=sorted(corpus.store.links.outlet_names()),
    )
