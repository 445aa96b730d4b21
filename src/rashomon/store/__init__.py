"""Store: the corpus database (SQLite by default), opened for reading or writing."""

from .search import SearchHit, SearchWhat
from .sqlite import FactQuery, Store, StoreCounts, StoreMode

__all__ = ["FactQuery", "SearchHit", "SearchWhat", "Store", "StoreCounts", "StoreMode"]
