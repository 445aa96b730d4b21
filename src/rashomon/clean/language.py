"""A cheap language guess from function-word coverage (data/stopwords.tsv)."""

from __future__ import annotations

import re

from ..lexicons import stopwords

_WORD = re.compile(r"[^\W\d_]+")
UNDETERMINED = "und"


def guess_language(text: str, *, sample_words: int = 400) -> str:
    """ISO 639-1 code of the best-covered language, or ``und`` when nothing fits."""
    words = [w.casefold() for w in _WORD.findall(text[: sample_words * 12])][:sample_words]
    if len(words) < 5:
        return UNDETERMINED
    best, best_share = UNDETERMINED, 0.0
    for lang, vocabulary in stopwords().items():
        share = sum(1 for w in words if w in vocabulary) / len(words)
        if share > best_share:
            best, best_share = lang, share
    return best if best_share >= 0.12 else UNDETERMINED
