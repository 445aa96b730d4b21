"""The Python API: a ``Corpus`` over one database file.

import rashomon
with rashomon.open("news.db") as corpus:
    report = corpus.analyze(["articles/"])
    for article in corpus.articles():
        print(article.id, article.source, article.title)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO

from . import export
from .analyze import AnalyzeReport, Progress, analyze
from .errors import OptionsError
from .options import Options
from .records import Annotation, Article, Event, Mention, Quantity, Quote, Sentence, TimeExpr
from .store import FactQuery, Store, StoreCounts
from .store.rows import FACT_TABLES, to_row


class Corpus:
    """Articles, their annotations and everything extracted from them, in one store."""

    def __init__(self, path: str | Path, options: Options | None = None):
        self.options = options or Options()
        self.store = Store(path)

    def analyze(
        self, paths: Sequence[str | Path], *, progress: Progress | None = None
    ) -> AnalyzeReport:
        """Read, clean, annotate and store every article under ``paths``."""
        return analyze(paths, self.store, self.options, progress)

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
        )

    def outlets(self) -> dict[str, tuple[str | None, str | None]]:
        """Article id -> (outlet, ISO publication date)."""
        return self.store.outlets()

    def quotes(self, query: FactQuery | None = None) -> list[Quote]:
        """Quotes, filtered by article, outlet, date range, speaker..."""
        return self.store.facts("quotes", query)

    def quantities(self, query: FactQuery | None = None) -> list[Quantity]:
        return self.store.facts("quantities", query)

    def times(self, query: FactQuery | None = None) -> list[TimeExpr]:
        return self.store.facts("times", query)

    def events(self, query: FactQuery | None = None) -> list[Event]:
        return self.store.facts("events", query)

    def export(self, what: str, fmt: str, out: IO[bytes]) -> int:
        """Write ``what`` (articles, mentions, quotes, quantities, times, events) as
        ``fmt`` (jsonl, csv, parquet; acled-csv for events) to ``out``."""
        if what == "articles":
            return export.write((a.to_dict() for a in self.store.articles()), what, fmt, out)
        if what == "mentions":
            return export.write((to_row(m) for m in self.store.mentions()), what, fmt, out)
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
                ((e, *_outlet_and_date(meta[e.article_id])) for e in records), out
            )
        rows = (
            {**to_row(r), "source": meta[r.article_id][0], "published": meta[r.article_id][1]}
            for r in records
        )
        return export.write(rows, what, fmt, out)

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


def open(path: str | Path = "rashomon.db", options: Options | None = None) -> Corpus:
    """Open (or create) the corpus stored in ``path``."""
    return Corpus(path, options)
