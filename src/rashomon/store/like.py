"""SQL LIKE patterns built from what a user typed: ``%``, ``_`` and the escape character
in a filter match themselves, so ``--speaker 100%`` finds "100%" and not every speaker.
Use with ``LIKE`` (``x LIKE ? ESCAPE '\\'``)."""

from __future__ import annotations

LIKE = "LIKE ? ESCAPE '\\'"


def literal(text: str) -> str:
    """``text`` with LIKE's wildcards and its escape character escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def containing(text: str) -> str:
    """A pattern for values that contain ``text``."""
    return f"%{literal(text)}%"


def starting(text: str) -> str:
    """A pattern for values that start with ``text``."""
    return f"{literal(text)}%"
