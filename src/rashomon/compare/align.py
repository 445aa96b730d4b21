"""Sentence alignment across the outlets of a story: every sentence of every account is
matched to its closest sentence in each other outlet's accounts.

A sentence is a sparse vector of
- its content words (``cluster.features.terms``: stemmed, stop and reporting words out),
- the corpus entities it mentions (``E:<id>``: ``Al-Yaqobi`` and ``Al-Yaqoubi`` are one
  feature when the linker made them one entity), weighted ``entity_weight``,
- its figures (``N:2500``: ``2,500`` and ``2500`` alike), weighted ``figure_weight``,
- the dates it names (``D:2023-08-20``), weighted ``date_weight``,
each weighted by its inverse frequency among the story's sentences (a word in half the
story's sentences says nothing about which sentence), then made unit length. Two
sentences' similarity is the cosine; a sentence's counterpart in another outlet is its
best match there when the cosine reaches ``threshold`` (``data/compare.toml``).

Candidates come from an inverted index over the features, so the cost grows with the
pairs of sentences that share a feature, not with every pair.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..cluster.features import cluster_lexicon, terms
from ..lexicons import read_data
from .material import Account
from .records import Counterpart

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True, kw_only=True, slots=True)
class AlignSettings:
    threshold: float
    entity_weight: float
    figure_weight: float
    date_weight: float
    max_term_share: float


@cache
def align_settings() -> AlignSettings:
    raw = tomllib.loads(read_data("compare.toml"))["align"]
    return AlignSettings(
        threshold=float(raw["threshold"]),
        entity_weight=float(raw["entity_weight"]),
        figure_weight=float(raw["figure_weight"]),
        date_weight=float(raw["date_weight"]),
        max_term_share=float(raw["max_term_share"]),
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class Unit:
    """One sentence of one account, as the alignment sees it."""

    index: int
    outlet: str
    article_id: str
    start: int
    end: int
    features: Mapping[str, float]


@dataclass(frozen=True, kw_only=True, slots=True)
class Alignment:
    """The story's sentences (``units``, in account and text order) and, per unit, its
    best counterpart in each other outlet at or above the threshold."""

    units: tuple[Unit, ...]
    counterparts: tuple[tuple[Counterpart, ...], ...]
    best: tuple[Mapping[str, tuple[int, float]], ...]  # outlet -> (unit index, score), any score

    def unit_at(self, article_id: str, start: int, end: int) -> Unit | None:
        """The sentence holding the span ``start:end`` of an article."""
        for unit in self.units:
            if unit.article_id == article_id and unit.start <= start and end <= unit.end:
                return unit
        return None

    def aligned(self, a: int, b: int) -> bool:
        """Are units ``a`` and ``b`` one another's counterparts (either way)?"""
        ua, ub = self.units[a], self.units[b]
        return any(
            c.article_id == ub.article_id and c.start == ub.start for c in self.counterparts[a]
        ) or any(
            c.article_id == ua.article_id and c.start == ua.start for c in self.counterparts[b]
        )


def sentence_features(account: Account) -> list[tuple[int, int, dict[str, float]]]:
    """(start, end, raw feature counts) of each sentence of ``account``."""
    settings = align_settings()
    ignored = cluster_lexicon().ignored
    text = account.article.text
    spans = [(s.start, s.end) for s in account.sentences] or [
        (p.start, p.end) for p in account.article.paragraphs
    ]
    out = []
    for start, end in spans:
        counts: dict[str, float] = defaultdict(float)
        piece = text[start:end]
        for term in terms(piece, ignored):
            if not term[0].isdigit():
                counts[term] += 1.0
        for figure in _FIGURE.findall(_THOUSANDS.sub("", piece)):
            counts[f"N:{float(figure):g}"] += settings.figure_weight
        for mention in account.entity_mentions:
            if start <= mention.start and mention.end <= end:
                entity = account.entity_ids.get((mention.start, mention.end))
                key = f"E:{entity}" if entity is not None else f"E:{mention.name.casefold()}"
                counts[key] += settings.entity_weight
        for time in account.times:
            if start <= time.start and time.end <= end and time.type == "DATE" and time.value:
                counts[f"D:{time.value}"] += settings.date_weight
        out.append((start, end, counts))
    return out


def align(accounts: Sequence[Account]) -> Alignment:
    """Every sentence of ``accounts`` with its closest sentence in each other outlet."""
    settings = align_settings()
    raw: list[tuple[Account, int, int, dict[str, float]]] = [
        (account, start, end, counts)
        for account in accounts
        for start, end, counts in sentence_features(account)
    ]
    df: Counter[str] = Counter()
    for *_, counts in raw:
        df.update(counts.keys())
    total = len(raw)
    limit = max(2, int(total * settings.max_term_share))
    units = []
    for index, (account, start, end, counts) in enumerate(raw):
        vector = {
            key: count * (math.log((total + 1) / (df[key] + 1)) + 1.0)
            for key, count in counts.items()
            if df[key] <= limit or key[:2] in ("E:", "N:", "D:")
        }
        units.append(
            Unit(
                index=index,
                outlet=account.outlet,
                article_id=account.id,
                start=start,
                end=end,
                features=_unit_length(vector),
            )
        )
    best = _best_matches(units)
    counterparts = tuple(
        tuple(
            Counterpart(
                outlet=outlet,
                article_id=units[other].article_id,
                start=units[other].start,
                end=units[other].end,
                score=round(score, 3),
            )
            for outlet, (other, score) in sorted(matches.items())
            if score >= settings.threshold
        )
        for matches in best
    )
    return Alignment(units=tuple(units), counterparts=counterparts, best=tuple(best))


def similarity(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The cosine of two unit-length sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(key, 0.0) for key, value in a.items())


def _best_matches(units: Sequence[Unit]) -> list[dict[str, tuple[int, float]]]:
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for unit in units:
        for key, value in unit.features.items():
            postings[key].append((unit.index, value))
    best: list[dict[str, tuple[int, float]]] = []
    for unit in units:
        scores: dict[int, float] = defaultdict(float)
        for key, value in unit.features.items():
            for other, weight in postings[key]:
                scores[other] += value * weight
        matches: dict[str, tuple[int, float]] = {}
        for other, score in scores.items():
            outlet = units[other].outlet
            if outlet == unit.outlet:
                continue
            if outlet not in matches or score > matches[outlet][1]:
                matches[outlet] = (other, score)
        best.append(matches)
    return best


def _unit_length(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def words_vector(texts: Iterable[str]) -> dict[str, float]:
    """The unit-length content-word vector of some texts (quotes compared by wording)."""
    ignored = cluster_lexicon().ignored
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(terms(text, ignored))
    return _unit_length(dict(counts))
