"""Store: the corpus database (SQLite by default)."""

from .sqlite import FactQuery, Store, StoreCounts

__all__ = ["FactQuery", "Store", "StoreCounts"]
