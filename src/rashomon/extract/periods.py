"""Phrases that make a figure cumulative: the period it sums up ("killed 5 million people
between 1997 and 2003", "attacks have killed 3,287 since hostilities erupted a year ago",
"over the past year", "so far"). One rule for both stages that need it: a number keeps
the phrase as its period, an event with one is a summary, not an incident.

The words are data (data/event_rules.toml [modality]); this module reads the parse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .event_lexicon import EventRules

Token = Any  # a spaCy token
YEAR_DIGITS = 4


def period_phrase(nodes: Sequence[Token], lex: EventRules) -> Token | None:
    """The phrase on one of ``nodes`` (a trigger or a number and the words governing it)
    or on their objects that names a long period or a tally; None when there is none
    ("since Sunday", "during a protest on Dec. 15, 2019" are no period)."""
    objects = [c for n in nodes for c in n.children if c.dep_ in ("dobj", "nsubjpass")]
    for node in [*nodes, *objects]:
        for child in node.children:
            opens = child.lemma_.casefold()
            if child.dep_ == "advcl":
                opens = next((c.lemma_.casefold() for c in child.children if c.dep_ == "mark"), "")
            if child.dep_ in ("prep", "advcl") and _names_a_period(child, opens, lex):
                return child
            if child.dep_ in ("advmod", "prep", "npadvmod"):
                phrase = " ".join(t.lower_ for t in child.subtree)
                if phrase in lex.tally_phrases:
                    return child
    return None


def clause_nodes(token: Token) -> list[Token]:
    """A number's root and the words above it up to its clause's verb ("5 million" ->
    "people" -> "killed"), at most three."""
    nodes = [token]
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i and len(nodes) < 3:
        node = node.head
        nodes.append(node)
    return nodes


def _names_a_period(phrase: Token, opens: str, lex: EventRules) -> bool:
    words = list(phrase.subtree)
    lemmas = {w.lemma_.casefold() for w in words}
    if opens in lex.period_preps and lemmas & lex.period_words:
        return opens != "over" or bool(lemmas & lex.recent_words)
    if opens in lex.year_preps:
        years = [w for w in words if w.text.isdigit() and len(w.text) == YEAR_DIGITS]
        days = [w for w in words if w.ent_type_ == "DATE" and w.like_num and len(w.text) <= 2]
        return bool(years) and not days
    return False
