"""The analyze run: ingest -> clean -> annotate -> store, document by document.

Documents stream in from the inputs; their articles are annotated in batches of about
``options.batch_size`` (one ``nlp.pipe`` pass per batch, for speed) and each document
is then committed in its own transaction, and each batch linked into the corpus's
entities, stories and incidents (``rashomon.connect``). A document already stored (same bytes) is
skipped before any work; an article already stored (same text) is recorded as a copy
of the stored one, not stored twice. Bad inputs are reported, counted and skipped.

No input stops a run: an unexpected exception while cleaning, annotating or storing one
document becomes an InputError for that document (reason ``failed``, naming the stage
and the exception) and the rest go on. When a batch's annotation fails, its documents
are annotated again one by one, so only the one that fails is left out. Only errors of
the run itself (the model cannot load, the database cannot be written) stop it.
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
from .errors import InputError, RashomonError
from .ingest import InputSource, list_sources, read_source
from .options import Options
from .records import Annotation, Article, Document
from .store import Store, StoreCounts

ANNOTATED_LANGUAGES = frozenset({"en"})


@dataclass(frozen=True, kw_only=True, slots=True)
class Done:
    """How far a run has got: files finished and articles stored (exact), and bytes of
    input read, which is what an estimate of the time left can go by (a file holds any
    number of articles; a compressed file counts its size on disk)."""

    files: int = 0
    articles: int = 0
    input_bytes: int = 0


class Progress(Protocol):
    """Receives progress while a run goes on (the CLI draws a bar from it)."""

    def start(self, files: int, input_bytes: int) -> None:
        """The run's totals: files to read and their size (0 when unknown: stdin)."""

    def advance(self, done: Done) -> None:
        """Called when a file is finished and when a batch of articles is stored."""

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
    progress: Progress | None = None
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
    files: int = 0
    input_bytes: int = 0

    def problem(self, error: InputError) -> None:
        self.errors.append(error)
        if self.progress:
            self.progress.problem(error)

    def advance(self, file_bytes: int = 0) -> None:
        if self.progress:
            self.progress.advance(
                Done(
                    files=self.files,
                    articles=self.articles,
                    input_bytes=self.input_bytes + file_bytes,
                )
            )

    def read(self, source: InputSource, size: int) -> None:
        """Every document in one source; its errors are reported and the run goes on."""
        read = 0
        for item in read_source(source, self.options):
            if isinstance(item, InputError):
                self.problem(item)
                continue
            read = min(size, read + item.size)
            try:
                self.take(item)
            except InputError as error:
                self.problem(error)
            if self.pending_articles >= self.options.batch_size:
                self.flush()
                self.advance(read)
        self.files += 1
        self.input_bytes += size
        self.advance()

    def take(self, document: Document) -> None:
        if document.id in self.pending_ids or self.store.has_document(document.id):
            self.duplicate_documents += 1
            return
        try:
            articles = clean_document(document, self.options)
        except RashomonError:
            raise
        except Exception as exc:  # one document's failure must not stop the run
            raise failed(document.origin, document.line, "cleaning", exc) from exc
        stored = self.store.stored_articles([a.id for a in articles])
        known = stored | {a.id for p in self.pending for a in p.new}
        new: list[Article] = []
        copies: list[Article] = []
        for article in articles:
            if article.id in known:
                copies.append(article)
            else:
                new.append(article)
                known.add(article.id)
        self.duplicate_articles += len(copies)
        self.pending.append(_Pending(document=document, new=new, copies=copies))
        self.pending_ids.add(document.id)
        self.pending_articles += len(new)

    def flush(self) -> None:
        pending, self.pending = self.pending, []
        self.pending_ids.clear()
        self.pending_articles = 0
        if not pending:
            return
        groups = [[a for a in p.new if a.language in ANNOTATED_LANGUAGES] for p in pending]
        annotations: list[Annotation] = []
        failures: dict[int, Exception] = {}
        if any(groups):
            if self.model is None:
                self.model = load_model(self.options.model)
            annotations, failures = annotate_groups(groups, self.model, self.options)
        by_id = {x.article_id: x for x in annotations}
        lost: dict[str, InputError] = {}  # article id -> the error it was lost with
        linked: list[tuple[Article, Annotation]] = []
        for index, item in enumerate(pending):
            document = item.document
            repeated = next((lost[c.id] for c in item.copies if c.id in lost), None)
            error = None
            if index in failures:
                error = failed(document.origin, document.line, "annotating", failures[index])
            elif repeated is not None:
                error = InputError(
                    document.origin,
                    "failed",
                    f"repeats an article of {repeated.where}, which failed (see that error)",
                    line=document.line,
                )
            if error is not None:
                lost.update(dict.fromkeys((a.id for a in item.new), error))
                self.problem(error)
                continue
            mine = [by_id[a.id] for a in item.new if a.id in by_id]
            try:
                self.store.add_document(
                    document, item.new, mine, item.copies, stages=self.options.stages
                )
            except RashomonError:
                raise
            except Exception as exc:  # the store rolled this document back
                error = failed(document.origin, document.line, "storing", exc)
                lost.update(dict.fromkeys((a.id for a in item.new), error))
                self.problem(error)
                continue
            linked.extend((a, by_id[a.id]) for a in item.new if a.id in by_id)
            self.documents += 1
            self.articles += len(item.new)
            self.mentions += sum(len(x.mentions) for x in mine)
            self.quotes += sum(len(x.quotes) for x in mine)
            self.events += sum(len(x.events) for x in mine)
            self.not_annotated.update(
                a.language for a in item.new if a.language not in ANNOTATED_LANGUAGES
            )
        if linked and self.connector is not None:
            self.connector.link(linked)


def annotate_groups(
    groups: Sequence[Sequence[Article]], model: Model, options: Options
) -> tuple[list[Annotation], dict[int, Exception]]:
    """Annotations of every group's articles in one pass; when that fails, each group
    is annotated on its own, and the groups that still fail are returned (by index)
    with the exception, the others' annotations kept."""
    articles = [a for group in groups for a in group]
    try:
        return annotate(articles, model, options), {}
    except RashomonError:
        raise
    except Exception as exc:
        if sum(1 for group in groups if group) == 1:
            return [], {i: exc for i, group in enumerate(groups) if group}
    annotations: list[Annotation] = []
    failures: dict[int, Exception] = {}
    for index, group in enumerate(groups):
        if not group:
            continue
        try:
            annotations.extend(annotate(group, model, options))
        except RashomonError:
            raise
        except Exception as exc:  # this group alone is lost
            failures[index] = exc
    return annotations, failures


def failed(origin: str, line: int | None, stage: str, exc: BaseException) -> InputError:
    """The one-line error for an unexpected exception at ``stage`` of one input."""
    said = " ".join(str(exc).split())
    said = said[:300] + "..." if len(said) > 300 else said
    said = said.encode("utf-8", "backslashreplace").decode("utf-8")
    return InputError(
        origin,
        "failed",
        f"{stage} failed ({type(exc).__name__}: {said}); the rest of the run went on. This "
        "is a bug in Rashomon: please report it with this input",
        line=line,
    )


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
    sizes = [_size(s) if isinstance(s, InputSource) else 0 for s in sources]
    if progress:
        progress.start(sum(isinstance(s, InputSource) for s in sources), sum(sizes))
    connector = connector or Connector(store)
    connector.catch_up()
    run = _Run(store=store, options=options, progress=progress, connector=connector)
    for source, size in zip(sources, sizes, strict=True):
        if isinstance(source, InputError):
            run.problem(source)
        else:
            run.read(source, size)
    run.flush()
    run.advance()
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


def _size(source: InputSource) -> int:
    if source.path is None:
        return 0
    try:
        return source.path.stat().st_size
    except OSError:
        return 0  # reading it will say why


def annotate_batch(
    articles: Sequence[Article], options: Options
) -> tuple[list[Annotation], dict[str, BaseException]]:
    """Annotations of the articles in a language the model reads (the model loaded once
    per process), and what went wrong with each article that could not be annotated
    (by article id; a batch that fails is annotated again article by article)."""
    chosen = [a for a in articles if a.language in ANNOTATED_LANGUAGES]
    if not chosen:
        return [], {}
    annotations, failures = annotate_groups(
        [[a] for a in chosen], load_model(options.model), options
    )
    return annotations, {chosen[i].id: exc for i, exc in failures.items()}
