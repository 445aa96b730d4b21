"""A story compared outlet by outlet: sentences aligned (``align``), items classed
(``items``), each outlet's framing (``framing``), and per sentence what the comparison
flags in it.

Sentence flags (what a reader checking one outlet's selection and wording looks at):
- ``unique``: no other outlet carries anything close to it;
- ``conflict``: an item in it conflicts with another outlet's account;
- ``framed``: it holds one of its outlet's distinctive terms of the story, or it says
  in the outlet's own voice (no quote, no attribution) something charged
  (``flags.charged_tone``);
- ``background``: it names a main actor of the story (``framing.main_actors``) and
  tells what happened before, in the perfect tense (``has long been accused``, ``had
  dodged questions``; ``[background]``);
- ``negative``: its wording reads negative, in the outlet's voice or in words it
  chose to quote (``flags.negative_tone``);
- ``quoted``: it names a main actor and holds a quotation (``flags.quote_marks``);
- ``figures``: it states a figure in digits (a count, an amount, a date, an age).
Flags need two outlets: a story one outlet tells has nothing to compare.
``background``, ``negative`` and ``quoted`` are the flags of content an outlet selected
that may sway the reader about an actor (``flags.informational``: informational bias,
Fan et al. 2019), unless the sentence also carries a flag of a record of fact
(``flags.factual``: ``figures``); the others say what the outlets share and how they
word it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lexicons import read_data, word_list
from .align import Alignment, Unit, align
from .framing import framing_and_actors, main_actors, sentence_tone
from .items import items
from .material import StoryMaterial
from .records import AlignedSentence, Comparison, Item, OutletFraming

_WORD = re.compile(r"\w+(?:[-’']\w+)*")


# the flags a sentence can carry, in the order they are listed
FLAGS = ("unique", "conflict", "framed", "background", "negative", "quoted", "figures")


@dataclass(frozen=True, kw_only=True, slots=True)
class FlagRules:
    """The ``[flags]`` and ``[background]`` entries of ``data/compare.toml``."""

    charged_tone: float
    negative_tone: float
    quote_marks: tuple[str, ...]
    informational: tuple[str, ...]
    factual: tuple[str, ...]
    perfect: re.Pattern[str]


def _rule_words(raw: Mapping[str, Any], section: str, key: str) -> tuple[str, ...]:
    try:
        return word_list(raw[section][key], f"compare.toml: {section}.{key}")
    except KeyError as error:
        raise ValueError(
            f"compare.toml: {section}.{key} is missing; add it to rashomon/data/"
        ) from error


def _tone_bar(raw: Mapping[str, Any], key: str) -> float:
    value = raw["flags"].get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"compare.toml: flags.{key} must be a number from 0 to 1, not {value!r}")
    return float(value)


@cache
def flag_rules() -> FlagRules:
    """``data/compare.toml``'s flag rules, read and checked once."""
    raw = tomllib.loads(read_data("compare.toml"))
    informational = _rule_words(raw, "flags", "informational")
    factual = _rule_words(raw, "flags", "factual")
    for key, named in (("informational", informational), ("factual", factual)):
        unknown = sorted(set(named) - set(FLAGS))
        if unknown:
            raise ValueError(
                f"compare.toml: flags.{key} names {unknown}, not flags; use some of {FLAGS}"
            )
    words = [
        "|".join(re.escape(w) for w in _rule_words(raw, "background", key))
        for key in ("auxiliaries", "between", "participles")
    ]
    return FlagRules(
        charged_tone=_tone_bar(raw, "charged_tone"),
        negative_tone=_tone_bar(raw, "negative_tone"),
        quote_marks=_rule_words(raw, "flags", "quote_marks"),
        informational=informational,
        factual=factual,
        perfect=re.compile(
            rf"\b(?:{words[0]})(?:\s+(?:{words[1]}|\w+ly))?\s+(?:{words[2]}|\w+ed)\b",
            re.IGNORECASE,
        ),
    )


def charged_tone() -> float:
    return flag_rules().charged_tone


def informational(flags: Iterable[str]) -> bool:
    """Does a sentence with these flags carry content selected to sway (see the module
    docstring)?"""
    rules = flag_rules()
    flags = set(flags)
    return bool(flags & set(rules.informational)) and not flags & set(rules.factual)


def compare(material: StoryMaterial) -> Comparison:
    """The comparison of one story (pure: reads only ``material``)."""
    alignment = align(material.accounts)
    found = items(material, alignment)
    framings, actors = framing_and_actors(material)
    return Comparison(
        story_id=material.story_id,
        title=material.title,
        outlets=material.outlets,
        article_ids=tuple(a.id for a in material.accounts),
        items=tuple(found),
        sentences=sentence_flags(material, alignment, found, framings, actors),
        framing=framings,
    )


def sentence_flags(
    material: StoryMaterial,
    alignment: Alignment,
    found: list[Item],
    framings: tuple[OutletFraming, ...],
    actors: dict[str, list[tuple[int, int]]] | None = None,
) -> tuple[AlignedSentence, ...]:
    """Each sentence with its counterparts and flags (see the module docstring);
    ``actors``: where the main actors are named (``framing.main_actors``), when known."""
    several = len(material.outlets) > 1
    texts = {a.id: a.article.text for a in material.accounts}
    conflicts: dict[str, list[tuple[int, int]]] = {}
    for item in found:
        if item.status == "conflicting":
            for account in item.accounts:
                conflicts.setdefault(account.article_id, []).append((account.start, account.end))
    distinctive = {f.outlet: {t.term.casefold() for t in f.terms} for f in framings}
    attributed = _attributed_spans(material)
    actors = main_actors(material) if actors is None else actors
    rules = flag_rules()
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
        if several:
            names_actor = _names_actor(unit, actors.get(unit.article_id, ()))
            flags += selection_flags(text, names_actor, rules)
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


def selection_flags(text: str, names_actor: bool, rules: FlagRules | None = None) -> list[str]:
    """The flags of a sentence's content that may sway the reader about an actor:
    ``background`` and ``quoted`` when it names a main actor (``names_actor``),
    ``negative`` whoever it is about; and ``figures``, the mark of a record of fact (see
    the module docstring)."""
    rules = rules or flag_rules()
    flags = []
    if names_actor and rules.perfect.search(text):
        flags.append("background")
    if sentence_tone(text) <= -rules.negative_tone:
        flags.append("negative")
    if names_actor and any(mark in text for mark in rules.quote_marks):
        flags.append("quoted")
    if any(character.isdigit() for character in text):
        flags.append("figures")
    return flags


def _names_actor(unit: Unit, spans: Sequence[tuple[int, int]]) -> bool:
    return any(unit.start <= start < unit.end for start, _ in spans)


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
