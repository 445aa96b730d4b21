"""A story compared outlet by outlet: sentences aligned (``align``), items classed
(``items``), each outlet's framing (``framing``), and per sentence what the comparison
flags in it.

Sentence flags (what a reader checking one outlet's selection and wording looks at):
- ``unique``: no other outlet carries anything close to it;
- ``conflict``: an item in it conflicts with another outlet's account;
- ``framed``: it holds one of its outlet's distinctive terms of the story, or it says
  in the outlet's own voice (no quote, no attribution) something charged
  (``flags.charged_tone``).
Flags need two outlets: a story one outlet tells has nothing to compare.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache

from ..lexicons import read_data
from .align import Alignment, Unit, align
from .framing import framing, sentence_tone
from .items import items
from .material import StoryMaterial
from .records import AlignedSentence, Comparison, Item, OutletFraming

_WORD = re.compile(r"\w+(?:[-’']\w+)*")


@cache
def charged_tone() -> float:
    return float(tomllib.loads(read_data("compare.toml"))["flags"]["charged_tone"])


def compare(material: StoryMaterial) -> Comparison:
    """The comparison of one story (pure: reads only ``material``)."""
    alignment = align(material.accounts)
    found = items(material, alignment)
    framings = framing(material)
    return Comparison(
        story_id=material.story_id,
        title=material.title,
        outlets=material.outlets,
        article_ids=tuple(a.id for a in material.accounts),
        items=tuple(found),
        sentences=sentence_flags(material, alignment, found, framings),
        framing=framings,
    )


def sentence_flags(
    material: StoryMaterial,
    alignment: Alignment,
    found: list[Item],
    framings: tuple[OutletFraming, ...],
) -> tuple[AlignedSentence, ...]:
    """Each sentence with its counterparts and flags (see the module docstring)."""
    several = len(material.outlets) > 1
    texts = {a.id: a.article.text for a in material.accounts}
    conflicts: dict[str, list[tuple[int, int]]] = {}
    for item in found:
        if item.status == "conflicting":
            for account in item.accounts:
                conflicts.setdefault(account.article_id, []).append((account.start, account.end))
    distinctive = {f.outlet: {t.term.casefold() for t in f.terms} for f in framings}
    attributed = _attributed_spans(material)
    out = []
    for unit, counterparts in zip(alignment.units, alignment.counterparts, strict=True):
        flags = []
        text = texts[unit.article_id][unit.start : unit.end]
        if several and not counterparts:
            flags.append("unique")
        if _overlaps(unit, conflicts.get(unit.article_id, ())):
            flags.append("conflict")
        if several and _framed(unit, text, distinctive.get(unit.outlet, set()), attributed):
            flags.append("framed")
        out.append(
            AlignedSentence(
                outlet=unit.outlet,
                article_id=unit.article_id,
                start=unit.start,
                end=unit.end,
                counterparts=counterparts,
                flags=tuple(flags),
            )
        )
    return tuple(out)


def _framed(
    unit: Unit, text: str, terms: set[str], attributed: dict[str, list[tuple[int, int]]]
) -> bool:
    words = {w.casefold() for w in _WORD.findall(text)}
    if words & terms:
        return True
    own = not _overlaps(unit, attributed.get(unit.article_id, ()))
    return own and abs(sentence_tone(text)) >= charged_tone()


def _attributed_spans(material: StoryMaterial) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for account in material.accounts:
        for quote in account.quotes:
            spans.setdefault(account.id, []).append((quote.start, quote.end))
    return spans


def _overlaps(unit: Unit, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < unit.end and unit.start < end for start, end in spans)
