"""The JSON API (read only). Lists are paged (``limit``, ``offset``; the answer says the
``total``) and filtered; every fact carries its ``article_id`` and character span.

    GET /api/articles                  ?source&since&until&story
    GET /api/articles/{id}             the article, its text and every fact found in it
    GET /api/stories                   largest first
    GET /api/stories/{id}              articles, incidents with every outlet's report
    GET /api/stories/{id}/compare      agreed / conflicting / unique items, framing
    GET /api/entities                  ?label
    GET /api/entities/{id}             aliases, mentions by outlet, events
    GET /api/events                    ?source&since&until&story&entity&country&type&modality
    GET /api/quotes                    ?source&since&until&story&speaker&kind
    GET /api/numbers                   ?source&since&until&story&category
    GET /api/places                    ?source&story&country
    GET /api/search                    ?q&what  (phrase "..." and prefix word* queries)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from functools import cache
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from ..corpus import Corpus
from ..errors import NotFoundError, OptionsError
from ..lexicons import read_tsv
from ..store import FactQuery

router = APIRouter(prefix="/api", tags=["corpus"])

Limit = Annotated[int, Query(ge=1, le=500, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many items.")]
Day = Annotated[date | None, Query(description="ISO date, YYYY-MM-DD.")]
Text = Annotated[str | None, Query(max_length=200)]
Modality = Literal["asserted", "denied", "hypothetical", "conditional", "threatened", "reported"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Label = Literal["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"]


def corpus_of(request: Request) -> Corpus:
    corpus: Corpus = request.app.state.corpus
    return corpus


CorpusDep = Annotated[Corpus, Depends(corpus_of)]


@cache
def plover_types() -> tuple[str, ...]:
    """The PLOVER event types the extractor knows (``data/plover_acled.tsv``)."""
    return tuple(sorted({row["plover_type"] for row in read_tsv("plover_acled.tsv")}))


def page(items: Sequence[Any], limit: int, offset: int) -> dict[str, Any]:
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": [_plain(i) for i in items[offset : offset + limit]],
    }


def _plain(item: Any) -> Any:
    if hasattr(item, "to_dict"):
        return item.to_dict()
    if hasattr(item, "__dataclass_fields__"):
        return asdict(item)
    return item


def _query(
    source: str | None, since: date | None, until: date | None, **equals: str | None
) -> FactQuery:
    return FactQuery(
        source=source,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        equals=tuple((k, v) for k, v in equals.items() if v is not None),
    )


def _in_story(corpus: Corpus, items: list[Any], story: str | None) -> list[Any]:
    if story is None:
        return items
    found = corpus.find_story(story)
    members = {*found.article_ids, *found.copies}
    return [i for i in items if i.article_id in members]


@router.get("/articles")
async def articles(
    corpus: CorpusDep,
    source: Text = None,
    since: Day = None,
    until: Day = None,
    story: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stored articles (metadata only; the text is in ``/api/articles/{id}``)."""
    found = corpus.articles(source=source)
    if since or until:
        low, high = (since or date.min), (until or date.max)
        found = [a for a in found if a.published and low <= a.published.date <= high]
    if story is not None:
        members = set(corpus.find_story(story).article_ids) | set(corpus.find_story(story).copies)
        found = [a for a in found if a.id in members]
    summaries = [{k: v for k, v in a.to_dict().items() if k != "text"} for a in found]
    return page(summaries, limit, offset)


@router.get("/articles/{article_id}")
async def article(article_id: str, corpus: CorpusDep) -> dict[str, Any]:
    """One article (id or unique prefix): its text and every fact found in it, each with
    its character span in ``text``."""
    found = corpus.article(article_id)
    annotation = corpus.annotation(found.id)
    facts = {
        name: [asdict(r) for r in getattr(annotation, name)]
        for name in (
            "sentences",
            "mentions",
            "entity_mentions",
            "quotes",
            "quantities",
            "times",
            "events",
            "places",
        )
    }
    return {**found.to_dict(), "origins": corpus.origins(found.id), **facts}


@router.get("/stories")
async def stories(corpus: CorpusDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Stories, largest first."""
    return page(corpus.stories(), limit, offset)


@router.get("/stories/{story_id}")
async def story(story_id: str, corpus: CorpusDep) -> dict[str, Any]:
    """One story (id or unique prefix) with its incidents, each holding every outlet's
    report and the tolls side by side."""
    profile = corpus.story(story_id)
    return {
        **profile.story.to_dict(),
        "incidents": [
            {
                "id": i.id,
                "plover_type": i.plover_type,
                "acled_type": i.acled_type,
                "date": i.date,
                "place": i.place,
                "sources": list(i.sources),
                "fatalities": asdict(i.fatalities) if i.fatalities else None,
                "injured": asdict(i.injured) if i.injured else None,
                "reports": [asdict(r) for r in i.reports],
            }
            for i in profile.incidents
        ],
    }


@router.get("/stories/{story_id}/compare")
async def compare(story_id: str, corpus: CorpusDep) -> dict[str, Any]:
    """The story outlet by outlet: agreed, conflicting and unique items with every
    outlet's span, sentence flags, and each outlet's framing."""
    return corpus.compare(story_id).to_dict()


@router.get("/entities")
async def entities(
    corpus: CorpusDep, label: Label | None = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Entities linked across articles, most mentioned first."""
    return page(corpus.entities(label=label), limit, offset)


@router.get("/entities/{entity_id}")
async def entity(entity_id: int, corpus: CorpusDep) -> dict[str, Any]:
    """One entity by id: aliases, mentions with their outlets, events."""
    profiles = [p for p in corpus.entity(str(entity_id)) if p.entity.id == entity_id]
    if not profiles:
        raise NotFoundError(f"no entity with id {entity_id}; list them at /api/entities")
    profile = profiles[0]
    return {
        **asdict(profile.entity),
        "mentions": [{"source": s, **asdict(m)} for s, m in profile.mentions],
        "events": [asdict(e) for e in profile.events],
    }


@router.get("/events")
async def events(
    corpus: CorpusDep,
    source: Text = None,
    since: Day = None,
    until: Day = None,
    story: Text = None,
    entity: int | None = None,
    country: Text = None,
    type: Text = None,
    modality: Modality | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events with their type, modality, actor, target, place, date and toll."""
    if type is not None and type.upper() not in plover_types():
        raise OptionsError(
            f"type: {type!r} is not a PLOVER type; choose one of {', '.join(plover_types())}"
        )
    found = corpus.events(
        _query(source, since, until, plover_type=type.upper() if type else None, modality=modality)
    )
    found = _in_story(corpus, found, story)
    if entity is not None:
        keys = {
            (e.article_id, e.start, e.end) for p in corpus.entity(str(entity)) for e in p.events
        }
        found = [e for e in found if (e.article_id, e.start, e.end) in keys]
    if country is not None:
        links = corpus.event_links()
        wanted = country.casefold()
        found = [
            e
            for e in found
            if wanted
            in {
                str(links.get((e.article_id, e.start, e.end), {}).get(k) or "").casefold()
                for k in ("place_country", "place_country_name")
            }
        ]
    return page(found, limit, offset)


@router.get("/quotes")
async def quotes(
    corpus: CorpusDep,
    source: Text = None,
    since: Day = None,
    until: Day = None,
    story: Text = None,
    speaker: Text = None,
    kind: QuoteKind | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Quotes with their resolved speaker, cue and medium."""
    query = _query(source, since, until, kind=kind)
    if speaker:
        query = FactQuery(
            source=query.source,
            since=query.since,
            until=query.until,
            equals=query.equals,
            contains=(("speaker", speaker),),
        )
    return page(_in_story(corpus, corpus.quotes(query), story), limit, offset)


@router.get("/numbers")
async def numbers(
    corpus: CorpusDep,
    source: Text = None,
    since: Day = None,
    until: Day = None,
    story: Text = None,
    category: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Numbers with their value, bounds, counted noun and category."""
    found = corpus.quantities(_query(source, since, until, category=category))
    return page(_in_story(corpus, found, story), limit, offset)


@router.get("/places")
async def places(
    corpus: CorpusDep,
    source: Text = None,
    story: Text = None,
    country: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Place mentions with the gazetteer place each was resolved to."""
    found = _in_story(corpus, corpus.places(FactQuery(source=source)), story)
    if country is not None:
        wanted = country.casefold()
        found = [
            g
            for g in found
            if wanted in (g.place.country.casefold(), g.place.country_name.casefold())
        ]
    return page(found, limit, offset)


@router.get("/search")
async def search(
    corpus: CorpusDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description='words, "a phrase", pref*')],
    what: Literal["all", "articles", "quotes"] = "all",
    source: Text = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Full-text search over articles and quotes, best first, with snippets."""
    hits = corpus.search(q, what=what, source=source, limit=limit, offset=offset)
    return {"limit": limit, "offset": offset, "items": [_plain(h) for h in hits]}
