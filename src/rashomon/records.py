"""The typed records passed between pipeline stages.

ingest -> ``Document``; clean -> ``Article``; annotate -> ``Annotation`` (``Sentence``,
``Mention``). All character offsets are into ``Article.text``, the clean text, which is
the reference for every later stage. Dict conversion happens only at the store and
export edge (``to_dict``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

DatePrecision = Literal["day", "month", "year"]

_SPACES = re.compile(r"\s+")


def content_hash(data: bytes) -> str:
    """The id of a Document: sha256 of its bytes."""
    return hashlib.sha256(data).hexdigest()


def article_id(text: str) -> str:
    """The id of an Article: a hash of its whitespace- and case-normalized text, so the
    same article arriving from two files (or twice) gets one id."""
    normalized = _SPACES.sub(" ", text).strip().casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, kw_only=True, slots=True)
class FeedFields:
    """Metadata that came with the input (a JSONL record's fields, an HTML page's URL)."""

    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Document:
    """One unit of raw input: a file, or one line of a JSONL file."""

    id: str
    origin: str
    media_type: Literal["text/plain", "text/html"]
    text: str
    encoding: str
    size: int
    line: int | None = None
    fields: FeedFields = field(default_factory=FeedFields)

    @property
    def where(self) -> str:
        return f"{self.origin}:{self.line}" if self.line is not None else self.origin


@dataclass(frozen=True, kw_only=True, slots=True)
class Published:
    """A publication date with its precision and the evidence it was read from."""

    date: date
    precision: DatePrecision
    evidence: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Article:
    """One clean news article. ``text`` holds the body paragraphs joined by blank lines;
    title, captions and trailers are metadata, not body."""

    id: str
    document_id: str
    position: int
    text: str
    title: str | None = None
    source: str | None = None
    published: Published | None = None
    url: str | None = None
    captions: tuple[str, ...] = ()
    language: str = "en"

    @property
    def paragraphs(self) -> tuple[Span, ...]:
        spans = []
        for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", self.text):
            spans.append(Span(start=match.start(), end=match.end()))
        return tuple(spans)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document_id": self.document_id,
            "position": self.position,
            "title": self.title,
            "source": self.source,
            "published": self.published.date.isoformat() if self.published else None,
            "published_precision": self.published.precision if self.published else None,
            "published_evidence": self.published.evidence if self.published else None,
            "url": self.url,
            "language": self.language,
            "captions": list(self.captions),
            "text": self.text,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Sentence:
    article_id: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, kw_only=True, slots=True)
class Mention:
    """A named-entity mention: ``text == article.text[start:end]``."""

    article_id: str
    start: int
    end: int
    text: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- extraction records (quotes, numbers, times, events) -------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Ref:
    """A piece of an article that a fact points to: its text and character span."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


QuoteKind = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Quote:
    """Something someone said (or wrote, denied, claimed). ``start``/``end`` is the
    content span; ``speaker`` is the resolved name (a PERSON/ORG/GPE as written at its
    fullest in the article), ``speaker_ref`` the attribution as written (``he``, ``the
    minister``, ``Yaqobi``); ``medium`` is the outlet or addressee (``told Al-Iraqiya
    News``)."""

    article_id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None
    speaker_ref: Ref | None
    cue: Ref | None
    medium: Ref | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Quantity:
    """A number and what it counts. ``value`` is the number read; ``low``/``high``
    bound it when the wording implies a range (``at least 5`` -> low 5). A vague amount
    has bounds and no value (``tens of thousands`` -> 20000-90000, value None): nothing
    in the text says which number is meant. ``counted`` is the noun counted (``people``,
    ``troops``); ``category`` the normalized class from data/quantities.toml
    (``killed``, ``injured``, ``displaced``, ``troops``, ``money``...). ``period`` is
    the phrase naming the period a cumulative figure sums up ("killed 5 million people
    between 1997 and 2003", "since hostilities erupted a year ago", "so far")."""

    article_id: str
    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    counted: str | None = None
    category: str | None = None
    unit: str | None = None
    period: Ref | None = None  # the period it sums up: "between 1997 and 2003"


TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, kw_only=True, slots=True)
class TimeExpr:
    """A temporal expression normalized TIMEX3-style. ``value`` is the TIMEX3 value
    (``2024-11-12``, ``2024-W46``, ``P2W``, ``XXXX-08-23`` when the year is unknown);
    ``anchor`` the ISO date it was resolved against (None when no anchor was known,
    in which case ``resolved`` is False and nothing is invented)."""

    article_id: str
    start: int
    end: int
    text: str
    type: TimeType
    value: str | None
    granularity: str
    anchor: str | None
    resolved: bool
    mod: str | None = None
    begins: str | None = None  # ISO days a period up to the time of writing covers:
    ends: str | None = None  # "the past year" on 2024-11-12 -> 2023-11-12..2024-11-12


Modality = Literal["asserted", "denied", "hypothetical", "conditional", "threatened", "reported"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Event:
    """Who did what to whom, where, when, with what toll; ``start``/``end`` is the
    trigger span. PLOVER type and mode; ACLED type/sub-type through
    data/plover_acled.tsv. ``modality`` says whether the text asserts it happened."""

    article_id: str
    start: int
    end: int
    trigger: str
    sentence: Ref
    plover_type: str
    plover_mode: str | None
    acled_type: str | None
    acled_subtype: str | None
    modality: Modality
    actor: Ref | None = None
    target: Ref | None = None
    location: Ref | None = None
    time: Ref | None = None
    date: str | None = None
    fatalities: int | None = None
    fatalities_ref: Ref | None = None
    injured: int | None = None
    injured_ref: Ref | None = None
    confidence: float = 0.5


EntityHow = Literal["name", "short", "acronym", "alias", "metonym", "demonym", "role"]


@dataclass(frozen=True, kw_only=True, slots=True)
class EntityMention:
    """A mention of an actor or place, linked within its article: ``name`` is the fullest
    name of its chain in this article (``Romanowski`` and ``the US ambassador`` both name
    ``Alina Romanowski``), ``label`` the corrected entity type, ``how`` the link that
    gave the name. Linking across articles happens in the store (entity ids)."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    name: str
    how: EntityHow = "name"


PlacePrecision = Literal["exact", "district", "region", "country"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Place:
    """A point in the gazetteer and how precisely it stands for the mention: ``exact`` (the
    town itself), ``district``, ``region`` (admin-1) or ``country``; ``note`` says why a
    coarser place stands in (``Tefahta: not in the gazetteer``)."""

    name: str
    lat: float
    lon: float
    country: str
    country_name: str
    admin1: str | None
    precision: PlacePrecision
    geonames_id: int | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Geocoded:
    """A place mention and the place it was resolved to."""

    article_id: str
    start: int
    end: int
    text: str
    place: Place


@dataclass(frozen=True, kw_only=True, slots=True)
class Annotation:
    """Everything found in one article: the model's sentences and mentions, then what
    the extraction stages add (see ``rashomon.pipeline``)."""

    article_id: str
    model: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    entity_mentions: tuple[EntityMention, ...] = ()
    places: tuple[Geocoded, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Entity:
    """One actor or place across the corpus: its fullest name, every spelling met
    (``aliases``: names and mention texts), and how much it is mentioned, by whom."""

    id: int
    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: int
    articles: int
    sources: tuple[str, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class EntityProfile:
    """An entity with its mentions (each with the article's outlet) and the events in
    which one of its mentions is the actor, the target or the place."""

    entity: Entity
    mentions: tuple[tuple[str | None, EntityMention], ...]
    events: tuple[Event, ...]
