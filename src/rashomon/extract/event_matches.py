"""Triggers found in a sentence and grouped into events: lexicon matches of the right part
of speech, not inside a name, not held in scare quotes, not a noun that only modifies
another; the most specific trigger of a group absorbs the generic ones linked to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .event_lexicon import EventRules, Trigger, noun_triggers, rules, triggers
from .event_senses import word_class
from .modality import CASUALTY_LEMMAS, governors
from .quote_words import quote_words

Token = Any  # spaCy Token
Span = Any  # spaCy Span

# a trigger inside a name ("the Popular Mobilization Units") is part of the name
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "NORP", "DATE", "TIME"}
)

LINK_HOPS = 3
# Said, not done: these never absorb (nor are absorbed by) the acts they talk about —

# "denied any attack" is a denial and a denied attack, two records.
VERBAL_TYPES = frozenset(
    {"REJECT", "THREATEN", "ACCUSE", "DEMAND", "DISAPPROVE", "CLAIM", "CONSULT", "AGREE"}
)

MIN_STANDALONE_WEIGHT = 3
# a sentence with more of its words capitalized than this share is a title-case headline
HEADLINE_CAPITALS = 0.6


@dataclass(frozen=True, kw_only=True, slots=True)
class Match:
    trigger: Trigger
    tokens: tuple[Token, ...]

    @property
    def head(self) -> Token:
        """The token that carries the syntax: the last noun of a noun phrase trigger,
        else the first word."""
        if self.trigger.pos == "N":
            return self.tokens[-1]
        return self.tokens[0]

    @property
    def casualty(self) -> bool:
        return self.trigger.lemmas[0] in CASUALTY_LEMMAS and len(self.trigger.lemmas) == 1


def sentence_matches(sentence: Span, lex: EventRules) -> list[Match]:
    """The triggers of a sentence that may name events: no noun that only modifies
    another (unless the sentence is a headline in title case, which the parser reads
    poorly), none held in scare quotes."""
    found = _matches(sentence)
    heads = {m.head.i for m in found}
    words = [t for t in sentence if t.is_alpha]
    headline = sum(t.text[0].isupper() for t in words) > HEADLINE_CAPITALS * len(words)
    return [
        m for m in found if (headline or not _modifier_only(m, heads, lex)) and not _scare_quoted(m)
    ]


def _matches(sentence: Span) -> list[Match]:
    """Trigger matches in a sentence, longest first at each position, not overlapping."""
    words = [t for t in sentence if not (t.is_punct and t.text in "-–")]
    lemmas = [t.lemma_.casefold() for t in words]
    index = triggers()
    found: list[Match] = []
    taken: set[int] = set()
    for i, lemma in enumerate(lemmas):
        if i in taken:
            continue
        for trigger in index.get(lemma, ()):
            n = len(trigger.lemmas)
            if tuple(lemmas[i : i + n]) != trigger.lemmas:
                continue
            tokens = tuple(words[i : i + n])
            if not _pos_fits(trigger, tokens) or tokens[0].ent_type_ in NAME_LABELS:
                continue
            found.append(Match(trigger=trigger, tokens=tokens))
            taken.update(range(i, i + n))
            break
    return found


def _scare_quoted(match: Match) -> bool:
    """A trigger alone in quotation marks: a word the writer holds at a distance
    ("holding federal workers 'hostage'", "whether his blender would be next to 'attack'
    him"), no incident; not a quoted phrase ("the 'brutal attack' left five dead")."""
    doc = match.tokens[0].doc
    first, last = match.tokens[0].i, match.tokens[-1].i
    words = quote_words()
    marks = frozenset(words.double_marks) | frozenset(words.single_marks)
    if first == 0 or doc[first - 1].text not in marks:
        return False
    after = [t.text for t in doc[last + 1 : last + 3]]
    if after[:1] and after[0] in ".,!?":
        after = after[1:]  # "hostage." with the closing mark after the full stop
    return bool(after) and after[0] in marks


def _modifier_only(match: Match, trigger_heads: set[int], lex: EventRules) -> bool:
    """A trigger noun that only modifies another noun: "an arrest warrant", "the murder
    trial", "talk-show host"; not "the bomb attack", "the chemical weapons investigation"
    (triggers both), "mob killings", "hostage-taking" (a noun of action), "the death
    toll" (data/event_rules.toml [modifiers]) nor a weapon (``_used`` reads those)."""
    head = match.head
    if match.trigger.pos == "V" or head.dep_ != "compound" or head.pos_ not in ("NOUN", "PROPN"):
        return False
    if match.trigger.lemmas[-1] in lex.weapon_nouns | lex.agent_kinds:
        return False
    node = head
    while node.dep_ == "compound" and node.head.i != node.i:
        node = node.head  # "Nepal earthquake death toll": every noun up to the last
        lemma = node.lemma_.casefold()
        if (
            node.i in trigger_heads
            or lemma in noun_triggers()
            or lemma in lex.event_heads
            or node.tag_ == "VBG"
            or node.lower_.endswith(("ing", "ings"))
        ):
            return False
    return True


def _pos_fits(trigger: Trigger, tokens: tuple[Token, ...]) -> bool:
    first = tokens[0]
    if trigger.pos == "V":
        return bool(first.pos_ in ("VERB", "AUX") or first.tag_.startswith("VB"))
    if trigger.pos == "N":
        last = tokens[-1]
        return bool(last.pos_ in ("NOUN", "PROPN") or last.tag_.startswith("NN"))
    return True


def group(matches: list[Match]) -> list[tuple[Match, list[Match]]]:
    """Main triggers with the weaker ones they absorb: a weaker trigger syntactically
    linked to a stronger one is part of the same event. A trigger linked to a casualty
    verb ("the strike killed") counts as stronger than it is."""
    casualties = [m for m in matches if m.casualty]

    def strength(match: Match) -> int:
        bonus = 2 if not match.casualty and any(_linked(match, c) for c in casualties) else 0
        return match.trigger.weight + bonus

    ordered = sorted(matches, key=lambda m: (-strength(m), m.head.i))
    lex = rules()
    groups: list[tuple[Match, list[Match]]] = []

    def host_of(match: Match) -> tuple[Match, list[Match]] | None:
        verbal = match.trigger.plover_type in VERBAL_TYPES
        for group in groups:
            if (group[0].trigger.plover_type in VERBAL_TYPES) != verbal:
                continue
            if _linked(group[0], match):
                return group
            # "killed and wounded when drones struck": coordinated tolls of one incident
            members = [group[0], *group[1]]
            if match.casualty and any(m.casualty and _coordinated(m, match) for m in members):
                return group
        return None

    pending: list[Match] = []
    weak: list[Match] = []
    for match in ordered:
        if match.casualty:
            pending.append(match)  # placed after every act they may belong to
            continue
        host = host_of(match)
        if host is not None:
            host[1].append(match)
        elif strength(match) >= MIN_STANDALONE_WEIGHT:
            groups.append((match, []))
        elif any(_linked(w, match) and _aimed(w, match) for w in weak):
            # "Israeli strikes hit Gaza": two weak words of one act, aimed at a place
            partner = next(w for w in weak if _linked(w, match) and _aimed(w, match))
            weak.remove(partner)
            groups.append((partner, [match]))
        else:
            weak.append(match)
    while pending:
        placed = [m for m in pending if host_of(m) is not None]
        for match in placed:
            host = host_of(match)
            assert host is not None
            host[1].append(match)
        pending = [m for m in pending if m not in placed]
        if not placed:
            groups.append((pending.pop(0), []))
    kept = []
    for main, absorbed in groups:
        if _hit_aircraft(main, lex):
            if not absorbed:
                continue  # "blowing up a jumbo jet": the jet was the target
            main, absorbed = absorbed[0], absorbed[1:]
        if not absorbed and not _used(main, lex):
            continue  # "ballistic missile tests": a weapon named, no attack
        kept.append((main, absorbed))
    return sorted(kept, key=lambda g: g[0].head.i)


def _used(match: Match, lex: EventRules) -> bool:
    """Whether a weapon-like trigger noun is used in an act (or needs no such use)."""
    if match.trigger.pos != "N" or match.trigger.lemmas[-1] not in lex.weapon_nouns:
        return True
    for node in governors(match.head)[1:4]:
        if node.pos_ in ("VERB", "AUX"):
            cargo = {c.lemma_.casefold() for c in node.children if c.dep_ == "dobj"}
            if cargo & lex.harmless_cargo:
                return False  # "warplanes dropped leaflets": no attack
            return node.lemma_.casefold() in (lex.use_verbs | lex.disrupt_verbs)
    return False


def _aimed(a: Match, b: Match) -> bool:
    """Two weak triggers of one type, one of them aimed at a person, a group, a place or
    a site ("strikes hit Gaza", "raids hit a market"; not "the strike hit the economy")."""
    if a.trigger.plover_type != b.trigger.plover_type:
        return False
    aims = ("people", "places", "groups", "forces")
    for match in (a, b):
        objects = [c for c in match.head.children if c.dep_ in ("dobj", "nsubjpass")]
        for obj in objects:
            if obj.lemma_.casefold() in rules().violence_sites:
                return True
            if any(word_class(k).holds(obj) for k in aims) and obj.tag_ != "PRP":
                return True
    return False


def _hit_aircraft(match: Match, lex: EventRules) -> bool:
    """An aircraft named as what a verb acted on, not flown or fired ("blowing up a jumbo
    jet over Scotland"; not "sent warplanes")."""
    head = match.head
    return bool(
        match.trigger.pos == "N"
        and match.trigger.lemmas[-1] in lex.aircraft
        and head.dep_ in ("dobj", "nsubjpass")
        and head.head.lemma_.casefold() not in lex.flying_verbs
    )


def _linked(a_match: Match, b_match: Match) -> bool:
    """Whether two triggers are close in the parse: one governs the other within a few
    steps, or they share a governor, never across a coordination (two events)."""
    a, b = a_match.head, b_match.head
    return _governs(a, b) or _governs(b, a) or (a.head == b.head and "conj" not in (a.dep_, b.dep_))


def _coordinated(a_match: Match, b_match: Match) -> bool:
    a, b = a_match.head, b_match.head
    return bool((a.dep_ == "conj" and a.head.i == b.i) or (b.dep_ == "conj" and b.head.i == a.i))


def _governs(upper: Token, lower: Token) -> bool:
    node = lower
    for _ in range(LINK_HOPS):
        if node.dep_ == "conj" or node.head.i == node.i:
            return False
        node = node.head
        if node == upper:
            return True
    return False
