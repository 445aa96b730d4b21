"""Rashomon's exceptions.

Every error a user can meet is one of these, carrying enough context (file, line,
stage) to say what went wrong and what to do about it::

    RashomonError
     ├── InputError      one input (a file, a JSONL line) cannot be read as an article;
     │                   the batch goes on without it. `reason` is a short code that is
     │                   counted in the run's report (binary, empty, encoding, ...).
     ├── OptionsError    an option has a value that cannot work (the fix is in the message)
     ├── ModelError      the spaCy model cannot be loaded
     ├── StoreError      the database cannot be opened, migrated or written
     │    └── StoreWriteError  writing stopped part way (disk full, I/O error);
     │                   what was committed before is kept
     ├── OutputError     a file asked for (export -o) cannot be written; any previous
     │                   file of that name is left as it was
     └── NotFoundError   an id or name asked for is not in the corpus

Errors from outside (spaCy, SQLite, gzip, JSON) are re-raised as one of these with
``raise ... from``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .store import StoreCounts


class RashomonError(Exception):
    """Base class: catch this to catch anything Rashomon raises on purpose."""


class InputError(RashomonError):
    """An input that cannot become an article: says which file (and line) and why."""

    def __init__(self, origin: str, reason: str, message: str, *, line: int | None = None):
        self.origin = origin
        self.reason = reason
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str], dict[str, int | None]]:
        # rebuilt from its fields when pickled (Spark sends errors between processes)
        return (type(self), (self.origin, self.reason, self.message), {"line": self.line})

    @property
    def where(self) -> str:
        return f"{self.origin}:{self.line}" if self.line is not None else self.origin

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class OptionsError(RashomonError):
    """An option value that cannot work."""


class ModelError(RashomonError):
    """The NLP model is missing or unusable."""


class StoreError(RashomonError):
    """The database cannot be opened, migrated or written."""


class StoreWriteError(StoreError):
    """Writing stopped part way: the disk is full (``reason`` "full") or failed ("io").
    Every transaction committed before is kept. ``stored`` is what the interrupted run
    had stored by then, when known (``Corpus.analyze`` fills it in)."""

    def __init__(
        self, message: str, *, reason: Literal["full", "io"], stored: StoreCounts | None = None
    ):
        self.reason: Literal["full", "io"] = reason
        self.stored = stored
        super().__init__(message)


class OutputError(RashomonError):
    """A file the user asked for cannot be written: says which and what to do."""


class NotFoundError(RashomonError):
    """An article id (or other key) that the corpus does not hold."""
