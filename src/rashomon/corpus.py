"""The Python API: a ``Corpus`` over one database file.

import rashomon
with rashomon.open("news.db") as corpus:
    report = corpus.analyze(["articles/"])
    for article in corpus.articles():
        print(article.id, article.source, article.title)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from . import export
from .analyze import AnalyzeReport, Progress, analyze
from .options import Options
from .records import Article, Mention, Sentence
from .store import Store, StoreCounts


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

    def export(self, what: str, fmt: str, out: IO[bytes]) -> int:
        """Write ``what`` (articles, mentions) as ``fmt`` (jsonl, csv, parquet) to ``out``."""
        if what == "articles":
            rows = (a.to_dict() for a in self.store.articles())
        else:
            rows = (m.to_dict() for m in self.store.mentions())
        return export.write(rows, what, fmt, out)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def open(path: str | Path = "rashomon.db", options: Options | None = None) -> Corpus:
    """Open (or create) the corpus stored in ``path``."""
    return Corpus(path, options)
