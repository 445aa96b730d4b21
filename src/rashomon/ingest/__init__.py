"""Ingest: paths -> Documents. See ``paths`` (what to read), ``readers`` (formats),
``decode`` (bytes to text)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..options import Options
from ..records import Document
from .paths import InputSource, list_sources
from .readers import read_bytes, read_source

__all__ = ["InputSource", "iter_documents", "list_sources", "read_bytes", "read_source"]


def iter_documents(
    paths: Iterable[str | Path], options: Options
) -> Iterator[Document | InputError]:
    """Every Document under ``paths``, with an InputError in place of each bad input."""
    for source in list_sources(paths):
        if isinstance(source, InputError):
            yield source
        else:
            yield from read_source(source, options)
