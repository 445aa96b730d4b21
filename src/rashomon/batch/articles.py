"""The per-article pipeline inside partitions: input files (as bytes) -> documents
(``read_files``), spread over the cluster -> clean articles -> annotations
(``process_documents``), with the functions ``analyze`` runs (``read_bytes``,
``clean_document``, ``annotate_batch``). The model is loaded once per worker process
(``load_model`` caches it); a bad file or article is an ``InputError`` row, never the
end of the partition."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..analyze import annotate_batch, failed
from ..clean import clean_document
from ..errors import InputError
from ..ingest import read_bytes
from ..options import Options
from ..records import Annotation, Article, Document

# (position of the input argument, path parts): the order ``analyze`` walks inputs in
FileOrder = tuple[int, tuple[str, ...]]
Read = tuple[FileOrder, Document]


@dataclass(frozen=True, kw_only=True, slots=True)
class InputFile:
    """One file's bytes, where it was read from, and its place in the input."""

    order: FileOrder
    origin: str
    data: bytes


@dataclass(frozen=True, kw_only=True, slots=True)
class Processed:
    """One input document after the per-article pipeline. ``order`` is its place in the
    input (file, line), the order ``analyze`` reads in."""

    order: tuple[FileOrder, int]
    document: Document
    articles: tuple[Article, ...]
    annotations: tuple[Annotation, ...]


def read_files(files: Iterable[InputFile], options: Options) -> Iterator[Read | InputError]:
    """Each file's documents (a JSONL file holds many), with their place in the input.
    Cheap: the documents are spread over the cluster before the costly stages."""
    for file in files:
        for item in read_bytes(file.data, file.origin, options):
            yield item if isinstance(item, InputError) else (file.order, item)


def process_documents(
    items: Iterable[Read | InputError], options: Options
) -> Iterator[Processed | InputError]:
    """Each document cleaned and annotated, in batches of about ``options.batch_size``
    articles; errors pass through."""
    pending: list[tuple[FileOrder, Document, list[Article]]] = []
    size = 0
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        order, document = item
        try:
            articles = clean_document(document, options)
        except InputError as error:
            yield error
            continue
        pending.append((order, document, articles))
        size += len(articles)
        if size >= options.batch_size:
            yield from _annotated(pending, options)
            pending, size = [], 0
    yield from _annotated(pending, options)


def _annotated(
    pending: list[tuple[FileOrder, Document, list[Article]]], options: Options
) -> Iterator[Processed | InputError]:
    if not pending:
        return
    articles = [a for _, _, found in pending for a in found]
    annotations, failures = annotate_batch(articles, options)
    by_id = {a.article_id: a for a in annotations}
    for order, document, found in pending:
        failure = next(((a.id, failures[a.id]) for a in found if a.id in failures), None)
        if failure is not None:
            # as analyze does: the document is not stored, its error says why
            article_id, exc = failure
            yield failed(document.origin, document.line, f"annotating article {article_id}", exc)
            continue
        yield Processed(
            order=(order, document.line or 0),
            document=document,
            articles=tuple(found),
            annotations=tuple(by_id[a.id] for a in found if a.id in by_id),
        )
