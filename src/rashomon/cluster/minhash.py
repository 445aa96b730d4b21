"""Near-duplicate detection: MinHash signatures of word 5-gram shingles, and an LSH index
that finds, among the articles seen so far, those whose shingle sets overlap a new one.

A syndicated copy (the same wire story republished by another outlet, perhaps with a
different headline, byline or last paragraph) shares most of its 5-word shingles with
the original; two independent reports of one event share almost none. The estimated
Jaccard similarity of two shingle sets is the share of signature positions that agree.

The LSH index splits each signature into ``BANDS`` bands of ``ROWS`` rows; two articles
are candidates when one band agrees entirely, which happens with probability
``1 - (1 - J**ROWS)**BANDS`` (about 0.99 at J = 0.7, under 0.05 at J = 0.2).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

SHINGLE_WORDS = 5
PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
# estimated Jaccard similarity of shingle sets from which an article is a copy
DUPLICATE_JACCARD = 0.6

_PRIME = (1 << 61) - 1
_MASK = (1 << 32) - 1
_WORD = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*")


def _coefficients() -> tuple[np.ndarray, np.ndarray]:
    """Fixed permutation coefficients (derived from a hash, so every process agrees)."""
    seeds = hashlib.sha256(b"rashomon-minhash").digest()
    generator = np.random.default_rng(int.from_bytes(seeds[:8], "little"))
    a = generator.integers(1, _MASK, size=PERMUTATIONS, dtype=np.uint64)
    b = generator.integers(0, _MASK, size=PERMUTATIONS, dtype=np.uint64)
    return a, b


_A, _B = _coefficients()


def words(text: str) -> list[str]:
    """Case-folded words of ``text`` (hyphenated and dotted words kept whole)."""
    return _WORD.findall(text.casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The word ``size``-grams of ``text`` (the whole text when it is shorter)."""
    tokens = words(text)
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature of the text's shingles (empty text: empty signature)."""
    found = shingles(text)
    if not found:
        return ()
    hashes = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "little")
            for s in found
        ),
        dtype=np.uint64,
        count=len(found),
    )
    # (a * x + b) mod p with x, a, b < 2**32 fits in 64 bits
    permuted = (np.outer(hashes, _A) + _B) % np.uint64(_PRIME) & np.uint64(_MASK)
    return tuple(int(v) for v in permuted.min(axis=0))


def jaccard(first: Sequence[int], second: Sequence[int]) -> float:
    """The Jaccard similarity of two shingle sets, estimated from their signatures."""
    if not first or len(first) != len(second):
        return 0.0
    return sum(x == y for x, y in zip(first, second, strict=True)) / len(first)


@dataclass(kw_only=True, slots=True)
class DuplicateIndex:
    """The signatures seen so far, banded for lookup. Only originals are indexed: a copy
    of a copy is found through the original they share."""

    signatures: dict[str, tuple[int, ...]] = field(default_factory=dict)
    buckets: dict[tuple[int, int], list[str]] = field(default_factory=dict)

    def add(self, article_id: str, sig: tuple[int, ...]) -> None:
        if len(sig) != PERMUTATIONS:
            return
        self.signatures[article_id] = sig
        for band in bands(sig):
            self.buckets.setdefault(band, []).append(article_id)

    def remove(self, article_id: str) -> None:
        sig = self.signatures.pop(article_id, None)
        if sig is None:
            return
        for band in bands(sig):
            members = self.buckets.get(band, [])
            if article_id in members:
                members.remove(article_id)

    def original(self, sig: tuple[int, ...], *, exclude: str = "") -> tuple[str, float] | None:
        """The indexed article (other than ``exclude``) that ``sig`` most likely copies,
        with the estimated Jaccard similarity, when it reaches ``DUPLICATE_JACCARD``; ties
        go to the earliest."""
        if len(sig) != PERMUTATIONS:
            return None
        seen: dict[str, None] = {}
        for band in bands(sig):
            for candidate in self.buckets.get(band, ()):
                if candidate != exclude:
                    seen.setdefault(candidate)
        best: tuple[str, float] | None = None
        for candidate in seen:
            similarity = jaccard(sig, self.signatures[candidate])
            if similarity >= DUPLICATE_JACCARD and (best is None or similarity > best[1]):
                best = (candidate, similarity)
        return best


def bands(sig: tuple[int, ...]) -> Iterable[tuple[int, int]]:
    """The LSH band keys of a signature: (band, hash of its rows)."""
    for band in range(BANDS):
        rows = sig[band * ROWS : (band + 1) * ROWS]
        yield band, hash(rows)
