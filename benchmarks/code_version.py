"""A digest of the installed Rashomon code and data files, for benchmark caches: a cache
keyed by the data alone would hand a changed extractor the annotation of the old one."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import rashomon

_KINDS = (".py", ".toml", ".tsv", ".txt")


@cache
def code_digest() -> str:
    """Sixteen hex digits over every source and data file of the package."""
    root = Path(rashomon.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in _KINDS and p.is_file()):
        digest.update(str(path.relative_to(root)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
