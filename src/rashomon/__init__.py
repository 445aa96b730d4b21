"""Rashomon: one event, many accounts.

``rashomon.open(path)`` gives a ``Corpus``; see ``rashomon.corpus``.
"""

from .corpus import Corpus, open
from .errors import (
    InputError,
    ModelError,
    NotFoundError,
    OptionsError,
    RashomonError,
    StoreError,
)
from .options import Options
from .records import Annotation, Article, Document, Mention, Published, Sentence

__version__ = "0.1.0"

__all__ = [
    "Annotation",
    "Article",
    "Corpus",
    "Document",
    "InputError",
    "Mention",
    "ModelError",
    "NotFoundError",
    "Options",
    "OptionsError",
    "Published",
    "RashomonError",
    "Sentence",
    "StoreError",
    "open",
]
