"""Store: the corpus database (SQLite by default)."""

from .sqlite import Store, StoreCounts

__all__ = ["Store", "StoreCounts"]
