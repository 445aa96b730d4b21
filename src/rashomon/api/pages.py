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

from collections import defaultdict
from datetime import date
from functools import cache
from typing import Any, cast, get_args

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from ..compare import Comparison
from ..corpus import Corpus
from ..errors import NotFoundError, OptionsError
from ..records import Event, Modality
from ..store import FactQuery, SearchHit, SearchWhat
from .drawing import spots, story_maps, timeline
from .marks import Anchors, Mark, anchor, event_kind, fact_marks, marked, safe_url, sentence_marks
from .routes import plover_types

router = APIRouter(include_in_schema=False)

PAGE = 100  # rows per page of a long list
ITEM_STATUSES = ("conflicting", "unique", "agreed")


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


def event_day(event: Event, published: str | None) -> date | None:
    """The event's own day when it has one, else its article's publication day."""
    for value in (event.date, published):
        if value and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


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
    entity_ids = corpus.article_entity_ids(article.id)
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
        sources=corpus.outlet_names(),
    )
