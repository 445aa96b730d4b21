"""Store: the corpus database (SQLite by default)."""

from .search import SearchHit, SearchWhat
from .sqlite import FactQuery, Store, StoreCounts

__all__ = ["FactQuery", "SearchHit", "SearchWhat", "Store", "StoreCounts"]
