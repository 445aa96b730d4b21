"""The analyze run: ingest -> clean -> annotate -> store, document by document.

Documents stream in from the inputs; their articles are annotated in batches of about
``options.batch_size`` (one ``nlp.pipe`` pass per batch, for speed) and each document
is then committed in its own transaction, and each batch linked into the corpus's
entities, stories and incidents (``rashomon.connect``). A document already stored (same bytes) is
skipped before any work; an article already stored (same text) is recorded as a copy
of the stored one, not stored twice. Bad inputs are reported, counted and skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .annotate import Model, annotate, load_model
from .clean import clean_document
from .connect import Connector
from .errors import InputError
from .ingest import list_sources, read_source
from .options import Options
from .records import Annotation, Article, Document
from .store import Store, StoreCounts

ANNOTATED_LANGUAGES = frozenset({"en"})


class Progress(Protocol):
    """Receives progress while a run goes on (the CLI draws a bar from it)."""

    def start(self, total_sources: int) -> None: ...

    def advance(self, origin: str) -> None: ...

    def problem(self, error: InputError) -> None: ...


@dataclass(frozen=True, kw_only=True, slots=True)
class AnalyzeReport:
    """What one run did. ``corpus`` is the state of the whole store after it."""

    documents: int
    articles: int
    mentions: int
    quotes: int
    events: int
    duplicate_documents: int
    duplicate_articles: int
    not_annotated: dict[str, int]
    errors: tuple[InputError, ...]
    corpus: StoreCounts

    @property
    def errors_by_reason(self) -> dict[str, int]:
        return dict(Counter(e.reason for e in self.errors))


@dataclass(kw_only=True, slots=True)
class _Pending:
    document: Document
    new: list[Article]
    copies: list[Article]


@dataclass(kw_only=True, slots=True)
class _Run:
    store: Store
    options: Options
    model: Model | None = None
    connector: Connector | None = None
    pending: list[_Pending] = field(default_factory=list)
    pending_ids: set[str] = field(default_factory=set)
    pending_articles: int = 0
    documents: int = 0
    articles: int = 0
    mentions: int = 0
    quotes: int = 0
    events: int = 0
    duplicate_documents: int = 0
    duplicate_articles: int = 0
    not_annotated: Counter[str] = field(default_factory=Counter)
    errors: list[InputError] = field(default_factory=list)

    def take(self, document: Document) -> None:
        if document.id in self.pending_ids or self.store.has_document(document.id):
            self.duplicate_documents += 1
            return
        articles = clean_document(document, self.options)
        stored = self.store.stored_articles([a.id for a in articles])
        batch_ids = {a.id for p in self.pending for a in p.new}
        new: list[Article] = []
        copies: list[Article] = []
        for article in articles:
            if (
                article.id in stored
                or article.id in batch_ids
                or any(a.id == article.id for a in new)
            ):
                copies.append(article)
            else:
                new.append(article)
        self.duplicate_articles += len(copies)
        self.pending.append(_Pending(document=document, new=new, copies=copies))
        self.pending_ids.add(document.id)
        self.pending_articles += len(new)
        if self.pending_articles >= self.options.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        to_annotate = [a for p in self.pending for a in p.new if a.language in ANNOTATED_LANGUAGES]
        annotations = []
        if to_annotate:
            if self.model is None:
                self.model = load_model(self.options.model)
            annotations = annotate(to_annotate, self.model, self.options)
        linked: list[tuple[Article, Annotation]] = []
        for pending in self.pending:
            ids = {a.id for a in pending.new}
            mine = [x for x in annotations if x.article_id in ids]
            by_id = {x.article_id: x for x in mine}
            linked.extend((a, by_id[a.id]) for a in pending.new if a.id in by_id)
            self.store.add_document(
                pending.document, pending.new, mine, pending.copies, stages=self.options.stages
            )
            self.documents += 1
            self.articles += len(pending.new)
            self.mentions += sum(len(x.mentions) for x in mine)
            self.quotes += sum(len(x.quotes) for x in mine)
            self.events += sum(len(x.events) for x in mine)
            self.not_annotated.update(
                a.language for a in pending.new if a.language not in ANNOTATED_LANGUAGES
            )
        if linked and self.connector is not None:
            self.connector.link(linked)
        self.pending.clear()
        self.pending_ids.clear()
        self.pending_articles = 0


def analyze(
    paths: Sequence[str | Path],
    store: Store,
    options: Options,
    progress: Progress | None = None,
    *,
    connector: Connector | None = None,
) -> AnalyzeReport:
    """Ingest, clean, annotate and store everything under ``paths``."""
    sources = list(list_sources(paths))
    if progress:
        progress.start(len(sources))
    connector = connector or Connector(store)
    connector.catch_up()
    run = _Run(store=store, options=options, connector=connector)
    for source in sources:
        if isinstance(source, InputError):
            _problem(run, progress, source)
        else:
            for item in read_source(source, options):
                if isinstance(item, InputError):
                    _problem(run, progress, item)
                    continue
                try:
                    run.take(item)
                except InputError as error:
                    _problem(run, progress, error)
        if progress:
            progress.advance(source.origin)
    run.flush()
    return AnalyzeReport(
        documents=run.documents,
        articles=run.articles,
        mentions=run.mentions,
        quotes=run.quotes,
        events=run.events,
        duplicate_documents=run.duplicate_documents,
        duplicate_articles=run.duplicate_articles,
        not_annotated=dict(run.not_annotated),
        errors=tuple(run.errors),
        corpus=store.counts(),
    )


def _problem(run: _Run, progress: Progress | None, error: InputError) -> None:
    run.errors.append(error)
    if progress:
        progress.problem(error)
