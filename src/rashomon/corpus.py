"""The Python API: a ``Corpus`` over one database file.

import rashomon
with rashomon.open("news.db") as corpus:
    report = corpus.analyze(["articles/"])
    for article in corpus.articles():
        print(article.id, article.source, article.title)

``rashomon.open(path)`` opens for writing: it creates the file when missing and
upgrades a corpus written by an older Rashomon. ``rashomon.open(path, mode="read")``
only reads: it never creates or changes the file, refuses a missing file or one that
is not a corpus, and reads a corpus in a read-only folder.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from . import export
from .analyze import AnalyzeReport, Progress, analyze
from .cluster.records import Story
from .compare import Comparison, compare
from .connect import Connector, StoryProfile
from .errors import OptionsError, StoreError, StoreWriteError
from .options import Options
from .records import (
    Annotation,
    Article,
    Entity,
    EntityMention,
    EntityProfile,
    Event,
    Geocoded,
    Mention,
    Quantity,
    Quote,
    Sentence,
    TimeExpr,
)
from .store import FactQuery, SearchHit, SearchWhat, Store, StoreCounts, StoreMode
from .store.rows import FACT_TABLES, to_row
from .store.schema import SCHEMA_VERSION


@dataclass(frozen=True, kw_only=True, slots=True)
class UpgradeReport:
    """What ``Corpus.upgrade`` did: the schema version the file had and has now, and the
    articles stored before it that were annotated again and linked."""

    from_version: int
    to_version: int
    annotated_again: int
    linked: int


class Corpus:
    """Articles, their annotations and everything extracted from them, in one store,
    opened for writing (the default; see ``rashomon.open``) or reading (``mode="read"``)."""

    def __init__(
        self, path: str | Path, options: Options | None = None, *, mode: StoreMode = "write"
    ):
        self.options = options or Options()
        self.store = Store(path, mode=mode)
        self._connector = Connector(self.store, self.options)

    @property
    def mode(self) -> StoreMode:
        return self.store.mode

    def analyze(
        self, paths: Sequence[str | Path], *, progress: Progress | None = None
    ) -> AnalyzeReport:
        """Read, clean, annotate and store every article under ``paths``. Articles stored
        by an older Rashomon and not linked yet are annotated again and linked first.

        A full or failing disk raises ``StoreWriteError``: what was stored before is kept,
        and its ``stored`` counts what this run had stored by then."""
        self.store.require_writing("analyze")
        before = self.store.counts()
        try:
            return analyze(paths, self.store, self.options, progress, connector=self._connector)
        except StoreWriteError as exc:
            raise StoreWriteError(
                str(exc), reason=exc.reason, stored=self._stored_since(before)
            ) from exc

    def upgrade(self) -> UpgradeReport:
        """Bring a corpus written by an older Rashomon up to date. Its schema was upgraded
        when it was opened for writing; here the articles stored before linking existed
        (or annotated before some of today's stages existed) are annotated again and
        linked. ``analyze`` does the same before its new inputs."""
        self.store.require_writing("upgrade")
        linked = self._connector.catch_up()
        return UpgradeReport(
            from_version=self.store.found_version,
            to_version=SCHEMA_VERSION,
            annotated_again=linked.annotated_again,
            linked=linked.articles,
        )

    def _stored_since(self, before: StoreCounts) -> StoreCounts | None:
        """What a run interrupted by a write error had stored (None if unreadable too)."""
        try:
            return self.store.counts().since(before)
        except (sqlite3.Error, StoreError):
            return None

    def counts(self) -> StoreCounts:
        return self.store.counts()

    def articles(self, *, source: str | None = None, limit: int | None = None) -> list[Article]:
        return list(self.store.articles(source=source, limit=limit))

    def article(self, key: str) -> Article:
        """An article by id or unique id prefix; raises NotFoundError."""
        return self.store.article(key)

    def mentions(self, *, article_id: str | None = None, label: str | None = None) -> list[Mention]:
        return list(self.store.mentions(article_id=article_id, label=label))

    def sentences(self, article_id: str) -> list[Sentence]:
        return self.store.sentences(article_id)

    def origins(self, article_id: str) -> list[str]:
        """The files (and lines) an article was read from, first the one it was stored from."""
        return self.store.origins(article_id)

    def annotation(self, article_id: str) -> Annotation:
        """Everything stored for one article: sentences, mentions and extracted facts."""
        query = FactQuery(article_id=article_id)
        article = self.store.article(article_id)
        return Annotation(
            article_id=article.id,
            model=self.store.model_of(article.id) or "",
            sentences=tuple(self.store.sentences(article.id)),
            mentions=tuple(self.store.mentions(article_id=article.id)),
            quantities=tuple(self.quantities(query)),
            times=tuple(self.times(query)),
            quotes=tuple(self.quotes(query)),
            events=tuple(self.events(query)),
            entity_mentions=tuple(self.entity_mentions(query)),
            places=tuple(self.places(query)),
        )

    def outlets(self) -> dict[str, tuple[str | None, str | None]]:
        """Article id -> (outlet, ISO publication date)."""
        return self.store.outlets()

    def outlet_names(self) -> list[str]:
        """Every outlet name in the corpus, sorted."""
        return sorted(self.store.links.outlet_names())

    def article_entity_ids(self, article_id: str) -> dict[tuple[int, int], int]:
        """Where the article names a linked entity: (start, end) -> entity id."""
        return self.store.links.article_entity_ids(article_id)

    def quotes(self, query: FactQuery | None = None) -> list[Quote]:
        """Quotes, filtered by article, outlet, date range, speaker..."""
        return self.store.facts("quotes", query)

    def quantities(self, query: FactQuery | None = None) -> list[Quantity]:
        return self.store.facts("quantities", query)

    def times(self, query: FactQuery | None = None) -> list[TimeExpr]:
        return self.store.facts("times", query)

    def events(self, query: FactQuery | None = None) -> list[Event]:
        return self.store.facts("events", query)

    def entity_mentions(self, query: FactQuery | None = None) -> list[EntityMention]:
        return self.store.facts("entity_mentions", query)

    def places(self, query: FactQuery | None = None) -> list[Geocoded]:
        """Place mentions with the gazetteer place each was resolved to."""
        return self.store.facts("places", query)

    # -- across articles ---------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every story, largest first."""
        return self._connector.index.all_stories()

    def story(self, key: str) -> StoryProfile:
        """A story by id or unique id prefix, with its incidents; raises NotFoundError."""
        return self._connector.profile(key)

    def find_story(self, key: str) -> Story:
        """A story by id or unique id prefix, without its incidents; raises NotFoundError."""
        return self._connector.find_story(key)

    def event_links(self) -> dict[tuple[str, int, int], dict[str, Any]]:
        """Per event (article_id, start, end): its incident, story, actor and target entity
        ids and geocoded place."""
        return self.store.links.event_links()

    def compare(self, key: str) -> Comparison:
        """A story (id or unique id prefix) compared outlet by outlet: aligned items
        (agreed, conflicting, unique) with every outlet's spans, sentence flags, and each
        outlet's framing; raises NotFoundError."""
        return compare(self._connector.material(key))

    def search(
        self,
        query: str,
        *,
        what: SearchWhat = "all",
        source: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Full-text search over articles (title, text, outlet) and quotes (text,
        speaker), best match first: words (all must occur), "a phrase", a prefix*. Each
        hit has its article id and span, outlet, date and a snippet as (text, is_match)
        pieces; ``what`` is all, articles or quotes; ``source`` keeps one outlet's.
        Raises OptionsError for a query with nothing to search for."""
        return self.store.search(query, what=what, source=source, limit=limit, offset=offset)

    def entities(self, *, label: str | None = None, limit: int | None = None) -> list[Entity]:
        """Entities linked across articles, most mentioned first."""
        return self.store.links.entities(label=label, limit=limit)

    def entity(self, name: str) -> list[EntityProfile]:
        """The entities called ``name`` (any spelling, or an id): aliases, mentions with
        their outlets, events; raises NotFoundError when there is none."""
        return self._connector.entity_profiles(name)

    def export(self, what: str, fmt: str, out: IO[bytes], *, raw: bool = False) -> int:
        """Write ``what`` (articles, mentions, quotes, quantities, times, events,
        entity_mentions, places, stories, entities) as ``fmt`` (jsonl, csv, parquet;
        acled-csv for events) to ``out``. Events carry their incident, story, actor and
        target entity ids and geocoded place. CSV text cells that a spreadsheet would run
        as formulas get a leading ``'`` unless ``raw`` (``rashomon.export``)."""
        if what == "articles":
            articles = (a.to_dict() for a in self.store.articles())
            return export.write(articles, what, fmt, out, raw=raw)
        if what == "mentions":
            mentions = (to_row(m) for m in self.store.mentions())
            return export.write(mentions, what, fmt, out, raw=raw)
        if what == "stories":
            rows = (
                {**s.to_dict(), "incidents": len(self._connector.incidents(s.story_id))}
                for s in self.stories()
            )
            return export.write(rows, what, fmt, out, raw=raw)
        if what == "entities":
            return export.write((to_row(e) for e in self.entities()), what, fmt, out, raw=raw)
        if what not in FACT_TABLES:
            raise OptionsError(
                f"cannot export {what!r}; choose one of: {', '.join(export.COLUMNS)}"
            )
        meta = self.store.outlets()
        records = self.store.facts(what)
        if fmt == "acled-csv":
            if what != "events":
                raise OptionsError("--format acled-csv exports events only: use --what events")
            return export.write_acled(
                ((e, *_outlet_and_date(meta[e.article_id])) for e in records),
                out,
                self.store.links.event_links(),
                raw=raw,
            )
        extra = self._extra_columns(what)
        rows = (
            {
                **to_row(r),
                "source": meta[r.article_id][0],
                "published": meta[r.article_id][1],
                **extra.get((r.article_id, r.start, r.end), {}),
            }
            for r in records
        )
        return export.write(rows, what, fmt, out, raw=raw)

    def _extra_columns(self, what: str) -> dict[tuple[str, int, int], dict[str, Any]]:
        if what == "events":
            return self.store.links.event_links()
        if what == "entity_mentions":
            return self.store.links.entity_ids()
        return {}

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _outlet_and_date(meta: tuple[str | None, str | None]) -> tuple[str | None, date | None]:
    source, published = meta
    return source, date.fromisoformat(published) if published else None


def open(
    path: str | Path = "rashomon.db", options: Options | None = None, *, mode: StoreMode = "write"
) -> Corpus:
    """Open the corpus stored in ``path``: for writing (``mode="write"``, the default:
    the file is created if missing, an older schema upgraded), or only for reading
    (``mode="read"``: nothing is ever created or changed; raises StoreError for a missing
    file, a file that is not a corpus, or a corpus that needs upgrading)."""
    return Corpus(path, options, mode=mode)
