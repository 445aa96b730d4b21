"""Events: who did what to whom, where, when, with what toll, sentence by sentence.

A trigger lexicon (data/event_triggers.tsv) names the events; in each sentence the most
specific triggers become events and the generic ones linked to them (``killed`` beside
``air strike``) are absorbed into them. The dependency parse gives the actor (subject,
``by`` agent, possessor or national adjective), the target (object or passive subject)
and the place (a place entity governed by the trigger, ``the village of X`` first).
Dates come from the time expressions and tolls from the quantities found in the same
sentence. Modality comes from the parse too: negated or denied, conditional, threatened
or hypothetical events are kept and marked; background clauses (``since hostilities
erupted``) are not new events and are dropped. Rules live in data/event_rules.toml.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Event, Quantity, Ref, TimeExpr
from .event_lexicon import EventRules, Trigger, acled_for, noun_triggers, rules, triggers
from .event_senses import in_sense, word_class
from .modality import CASUALTY_LEMMAS, governors
from .modality import modality as modality_of

Token = Any  # spaCy Token
Span = Any  # spaCy Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# labels the small model gives place names it does not know ("in Aleppo": LANGUAGE)
MISTAKEN_PLACE_LABELS = frozenset({"LANGUAGE", "NORP", "PERSON", "ORG", "PRODUCT", "WORK_OF_ART"})
# "(D-Calif.", "(R-" before a place: a lawmaker's party and state
_CLAUSE_LINKS = frozenset({"advcl", "ccomp", "xcomp", "relcl", "parataxis", "conj", "acl"})
_PARTY_AFFILIATION = re.compile(r"\([DRI]-\s*$")
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
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
DATE_VALUE_PREFIX_LENGTH = 4


@dataclass(frozen=True, kw_only=True, slots=True)
class _Match:
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


@dataclass(frozen=True, slots=True)
class _Parsed:
    """What every event of an article reads, computed once: spaCy rebuilds ``doc.text``
    and ``doc.ents`` from the tokens on every access (costly on a long article)."""

    text: str
    ents: tuple[Span, ...]
    starts: tuple[int, ...]  # token index where each entity starts, ascending
    ent_at: dict[int, Span]  # token index -> the entity it is in
    is_place: Callable[[str], bool] | None = None

    @classmethod
    def of(cls, doc: Any, is_place: Callable[[str], bool] | None = None) -> _Parsed:
        ents = tuple(doc.ents)
        ent_at = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        return cls(doc.text, ents, tuple(e.start for e in ents), ent_at, is_place)

    def place(self, ent: Span, lex: EventRules) -> bool:
        """Whether an entity names a place: tagged one, or a name the model tagged
        otherwise after a locative preposition that the gazetteer knows as a place ("a
        market in Aleppo", Aleppo tagged LANGUAGE)."""
        if ent.label_ in PLACE_LABELS:
            return True
        root = ent.root
        return bool(
            self.is_place is not None
            and ent.label_ in MISTAKEN_PLACE_LABELS
            and root.dep_ == "pobj"
            and root.head.lower_ in lex.locative_preps
            and self.is_place(ent.text)
        )

    def ents_in(self, span: Span) -> tuple[Span, ...]:
        """The entities wholly inside ``span``, as ``span.ents`` gives them."""
        first = bisect_left(self.starts, span.start)
        found = []
        for ent in self.ents[first:]:
            if ent.end > span.end:
                break
            found.append(ent)
        return tuple(found)


def find_events(
    doc: Any,
    *,
    article_id: str,
    quantities: Sequence[Quantity] = (),
    times: Sequence[TimeExpr] = (),
    is_place: Callable[[str], bool] | None = None,
) -> tuple[Event, ...]:
    """Events in a parsed article (spaCy Doc), with tolls from ``quantities`` and dates
    from ``times`` (both found earlier in the same text); ``is_place`` says whether the
    gazetteer knows a name as a place (for names the model tags otherwise)."""
    events: list[Event] = []
    parsed = _Parsed.of(doc, is_place)
    lex = rules()
    for sentence in doc.sents:
        found = _matches(sentence)
        heads = {m.head.i for m in found}
        words = [t for t in sentence if t.is_alpha]
        headline = sum(t.text[0].isupper() for t in words) > 0.6 * len(words)
        matches = [
            m
            for m in found
            if (headline or not _modifier_only(m, heads, lex)) and not _scare_quoted(m)
        ]
        if not matches:
            continue
        for main, absorbed in _group(matches):
            event = _event(main, absorbed, sentence, parsed, article_id, quantities, times)
            if event is not None:
                events.append(event)
    return tuple(events)


# -- triggers ---------------------------------------------------------------------------


def _matches(sentence: Span) -> list[_Match]:
    """Trigger matches in a sentence, longest first at each position, not overlapping."""
    words = [t for t in sentence if not (t.is_punct and t.text in "-–")]
    lemmas = [t.lemma_.casefold() for t in words]
    index = triggers()
    found: list[_Match] = []
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
            found.append(_Match(trigger=trigger, tokens=tokens))
            taken.update(range(i, i + n))
            break
    return found


_OPENING_QUOTES = frozenset({'"', "“", "‘", "'", "«"})
_CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "»"})


def _scare_quoted(match: _Match) -> bool:
    """A trigger alone in quotation marks: a word the writer holds at a distance
    ("holding federal workers 'hostage'", "whether his blender would be next to 'attack'
    him"), no incident; not a quoted phrase ("the 'brutal attack' left five dead")."""
    doc = match.tokens[0].doc
    first, last = match.tokens[0].i, match.tokens[-1].i
    if first == 0 or doc[first - 1].text not in _OPENING_QUOTES:
        return False
    after = [t.text for t in doc[last + 1 : last + 3]]
    if after[:1] and after[0] in ".,!?":
        after = after[1:]  # "hostage." with the closing mark after the full stop
    return bool(after) and after[0] in _CLOSING_QUOTES


def _modifier_only(match: _Match, trigger_heads: set[int], lex: EventRules) -> bool:
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


def _group(matches: list[_Match]) -> list[tuple[_Match, list[_Match]]]:
    """Main triggers with the weaker ones they absorb: a weaker trigger syntactically
    linked to a stronger one is part of the same event. A trigger linked to a casualty
    verb ("the strike killed") counts as stronger than it is."""
    casualties = [m for m in matches if m.casualty]

    def strength(match: _Match) -> int:
        bonus = 2 if not match.casualty and any(_linked(match, c) for c in casualties) else 0
        return match.trigger.weight + bonus

    ordered = sorted(matches, key=lambda m: (-strength(m), m.head.i))
    lex = rules()
    groups: list[tuple[_Match, list[_Match]]] = []

    def host_of(match: _Match) -> tuple[_Match, list[_Match]] | None:
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

    pending: list[_Match] = []
    for match in ordered:
        if match.casualty:
            pending.append(match)  # placed after every act they may belong to
            continue
        host = host_of(match)
        if host is not None:
            host[1].append(match)
        elif strength(match) >= MIN_STANDALONE_WEIGHT:
            groups.append((match, []))
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
        if not absorbed and not _used(main, lex):
            continue  # "ballistic missile tests": a weapon named, no attack
        kept.append((main, absorbed))
    return sorted(kept, key=lambda g: g[0].head.i)


def _used(match: _Match, lex: EventRules) -> bool:
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


def _linked(a_match: _Match, b_match: _Match) -> bool:
    """Whether two triggers are close in the parse: one governs the other within a few
    steps, or they share a governor, never across a coordination (two events)."""
    a, b = a_match.head, b_match.head
    return _governs(a, b) or _governs(b, a) or (a.head == b.head and "conj" not in (a.dep_, b.dep_))


def _coordinated(a_match: _Match, b_match: _Match) -> bool:
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


# -- one event --------------------------------------------------------------------------


def _event(
    main: _Match,
    absorbed: list[_Match],
    sentence: Span,
    parsed: _Parsed,
    article_id: str,
    quantities: Sequence[Quantity],
    times: Sequence[TimeExpr],
) -> Event | None:
    lex = rules()
    modality = modality_of(main.head, lex)
    if modality is None:
        return None
    heads = [main.head, *(m.head for m in absorbed)]
    plover_type, mode = _refine(main, heads, sentence, lex)
    if plover_type == "NONE":
        return None
    # a trigger in a relative clause speaks of someone else ("protested against the regime
    # that has killed their relatives"): its subject and object are not this event's
    own = [main.head, *(m.head for m in absorbed if m.head.dep_ != "relcl")]
    actor = _actor(own, lex, parsed)
    if actor is not None and actor.start <= main.head.idx < actor.end:
        actor = None  # "hit by a missile": the trigger is the agent, not an actor
    target = _target(own, actor, parsed)
    if plover_type == "FIGHT" and mode == "occupy":
        mode = _occupier(actor, main.trigger, lex)
    location = _location(heads, sentence, parsed, lex, exclude=(actor, target))
    if location is None and target is not None and plover_type in ("ASSAULT", "FIGHT"):
        location = _place_in(target, sentence, parsed, lex)  # "shelled Douma and Ghouta"
    time, date = _time(main.head, sentence, times)
    fatalities, fatalities_ref = _toll(heads, sentence, quantities, "killed")
    injured, injured_ref = _toll(heads, sentence, quantities, "injured")
    evident = bool(absorbed or location or fatalities is not None or injured is not None)
    if plover_type in ("ASSAULT", "FIGHT") and not evident and not _violent(main, lex):
        return None  # "it invites future attacks", "dead on arrival in the Senate"
    mapping = acled_for(plover_type, mode)
    start, end = main.tokens[0].idx, main.tokens[-1].idx + len(main.tokens[-1].text)
    text = parsed.text
    confidence = min(
        0.95,
        0.3
        + 0.05 * main.trigger.weight
        + (0.1 if actor else 0.0)
        + (0.1 if location else 0.0)
        + (0.05 if absorbed else 0.0)
        + (0.05 if fatalities is not None or injured is not None else 0.0),
    )
    return Event(
        article_id=article_id,
        start=start,
        end=end,
        trigger=text[start:end],
        sentence=_ref(text, sentence.start_char, sentence.end_char),
        plover_type=plover_type,
        plover_mode=mode,
        acled_type=mapping.acled_type if mapping else None,
        acled_subtype=mapping.acled_subtype if mapping else None,
        modality=modality,
        actor=actor,
        target=target,
        location=location,
        time=time,
        date=date,
        fatalities=fatalities,
        fatalities_ref=fatalities_ref,
        injured=injured,
        injured_ref=injured_ref,
        confidence=round(confidence, 2),
    )


def _refine(
    main: _Match, heads: Sequence[Token], sentence: Span, lex: EventRules
) -> tuple[str, str | None]:
    """Type and mode, adjusted by the words around the trigger."""
    plover_type, mode = main.trigger.plover_type, main.trigger.plover_mode
    lemmas = {t.lemma_.casefold() for t in sentence} | {t.text.casefold() for t in sentence}
    head = main.head
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    if head.dep_ == "acl" and head.tag_ in ("VBN", "VBD"):
        objects.append(head.head)  # "weapons seized on a boat"
    objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
    object_lemmas = {o.lemma_.casefold() for o in objects}
    object_words = {t.lemma_.casefold() for o in objects for t in o.subtree}
    if mode == "base" and main.trigger.pos == "V" and not object_words & lex.base_objects:
        return "NONE", None  # "established a fundraising pact" is no base
    if not in_sense(main.trigger.lemmas[0], head, main.tokens):
        return "NONE", None  # "the photos were released", "join me for a call"
    if plover_type == "CONSULT" and main.trigger.lemmas[0] == "meet":
        met = {c.lemma_.casefold() for t in main.tokens for c in t.children if c.dep_ == "pobj"}
        passive = any(c.dep_ == "auxpass" for c in head.children)
        if met & lex.reception_words or passive:
            return "NONE", None  # "were met with tear gas": received, not a meeting
    if plover_type == "PROTEST" and any(c.dep_ == "ccomp" for c in head.children):
        return "NONE", None  # "demonstrating that ...": showing, not protesting
    if plover_type == "PROTEST":
        actor_words = {c.lemma_.casefold() for c in head.children if c.dep_ == "nsubj"}
        if actor_words & (lex.state_actor_words | lex.military_targets):
            return "MOBILIZE", "troops"  # troops "marching" are moving, not protesting
        if mode in (None, "demo"):
            own = {t.lemma_.casefold() for t in _own_clause(head)}
            own |= {t.text.casefold() for t in _own_clause(head)}
            if own & lex.protest_force and _casualties_near(sentence):
                mode = "demo-force"
            elif lemmas & lex.protest_violent:
                mode = "riot"
            elif lemmas & lex.protest_intervention:
                mode = "demo-intervention"
    if mode in ("destroy", "occupy", "confiscate") or main.trigger.lemmas[0] in (
        "discover",
        "find",
    ):
        if object_lemmas & lex.weapon_objects:
            return "COERCE", "disrupt-weapons"
        if mode == "occupy" and any(o.ent_type_ == "PERSON" or o.like_num for o in objects):
            return "COERCE", "arrest"  # "two others were captured alive"
    disrupted = head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.casefold() in (
        lex.disrupt_verbs
    )
    if plover_type == "ASSAULT" and main.trigger.pos == "N" and disrupted:
        return "COERCE", "disrupt-weapons"  # "seized two landmines"
    places = any(
        o.ent_type_ in PLACE_LABELS or o.lemma_.casefold() in lex.place_nouns for o in objects
    )
    if plover_type == "RETREAT" and mode == "release" and places:
        return "FIGHT", "occupy"  # "freed several villages"
    accident = lemmas & lex.accident_words and not _has_attacker(head, lex)
    said = " " + " ".join(t.lemma_.casefold() for t in sentence) + " "
    mishap = any(f" {w} " in said for w in lex.mishap_words)
    if main.casualty and mishap and not _has_attacker(head, lex):
        return "DISASTER", "man-made"  # "a man is dead after his car lost control"
    if plover_type == "ASSAULT" and main.trigger.lemmas[-1] in lex.accident_triggers and accident:
        return "DISASTER", "man-made"
    if plover_type == "ASSAULT" and mode is None and main.trigger.lemmas[0] == "attack":
        # "Trump attacked Clinton for ...", "vowed to attack Democratic candidates": words
        # aimed at a person or a public figure, no weapon, no toll
        figures = word_class("public_figures")
        aimed = [v for v in _victims(head) if figures.holds(v) or v.tag_ == "PRP"]
        weapons = lex.weapon_objects | lex.violence_weapons
        if aimed and not _casualties_near(sentence) and not lemmas & weapons:
            return "DISAPPROVE", None
    if plover_type == "ASSAULT" and mode in (None, "firearms", "beat"):
        # armed men on both sides: a battle, not violence against civilians
        victims = [v for h in heads for v in _victims(h)]
        victims += [v for t in main.tokens for v in _victims(t)]
        targets = {t.lemma_.casefold() for v in victims for t in v.subtree}
        targets |= {t.text.casefold() for v in victims for t in v.subtree}
        if targets & (lex.military_targets | lex.non_state_words):
            return "FIGHT", "clash"
    return plover_type, mode


_NAMING = frozenset({"compound", "appos", "nummod", "poss"})


def _violent(main: _Match, lex: EventRules) -> bool:
    """Whether a violent trigger reads as violence in its clause: a specific trigger
    ("massacre", "airstrike"), a weapon, an armed actor, or a victim that is a person, a
    group, a place or a site (data/event_rules.toml [violence])."""
    gated = main.trigger.lemmas[0] in lex.violence_gated and len(main.trigger.lemmas) == 1
    if main.trigger.weight > lex.violence_max_weight and not gated:
        return True
    head = main.head
    if head.pos_ in ("NOUN", "PROPN") and any(
        (c.dep_ == "det" and c.lower_ in lex.definite_determiners) or c.dep_ == "poss"
        for c in head.children
    ):
        return True  # "the attack", "Friday's shooting": a happening the text has told of
    if main.trigger.lemmas[-1] in lex.violence_physical:
        return True  # "heard a large explosion": a physical happening in any sense
    near = governors(head)[1:4]
    legal = any(t.lemma_.casefold() in lex.violence_legal for t in near) or (
        head.dep_ == "compound" and head.head.lemma_.casefold() in lex.violence_legal
    )
    if legal and not _victims(head):
        return True  # "charged with first-degree murder", "murder charges": one happened
    if (
        main.casualty
        and head.pos_ in ("NOUN", "PROPN")
        and not any(c.lower_ == "of" for c in head.children)
    ):
        return True  # "officials reported deaths": deaths are of people
    people, places = word_class("people"), word_class("places")
    armed = lex.state_actor_words | lex.non_state_words | lex.military_targets
    clause = [t for t in _own_clause(head) if t.i in _clause(head) or t.head.i == head.i]
    words = {t.lemma_.casefold() for t in clause} | {t.lower_ for t in clause}
    if words & (lex.violence_weapons | armed):
        return True
    victims = _victims(head)
    if head.dep_ == "conj" and not victims:  # "she was struck and killed by a motorist"
        victims = _victims(head.head)
    if main.casualty:  # "he died", "two people are dead": the subject is the victim
        victims += [c for c in head.children if c.dep_ == "nsubj"]
        verb = head.head  # "was declared dead", "is presumed dead", "leaving 40 people dead"
        if head.pos_ == "ADJ" or head.dep_ in ("acomp", "oprd", "xcomp", "ccomp"):
            victims += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        if head.dep_ == "conj":
            victims += [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if head.dep_ in ("acl", "amod") or (head.dep_ == "conj" and head.head.dep_ == "acl"):
        victims.append(head.head)  # "civilians killed in the strike"
    if head.pos_ in ("NOUN", "PROPN"):  # "the murder of 21 Christians"
        victims += [o for c in head.children if c.lower_ == "of" for o in c.children]
    if head.dep_ == "nsubj":  # "the attack left the village in ruins"
        victims += [c for c in head.head.children if c.dep_ == "dobj"]
    # the victim's own noun and what names it, not its modifiers ("Republican-held seats")
    named = [t for v in victims for t in (v, *v.children) if t is v or t.dep_ in _NAMING]
    named += [c for v in victims for c in v.children if c.dep_ == "conj"]
    if main.casualty and victims:
        # someone died unless what died is a thing ("the bill is dead on arrival")
        things = [word_class(name) for name in ("documents", "agreements", "stakes", "animals")]
        return not any(
            k.holds(v) or v.lower_ in lex.lifeless_pronouns for v in victims for k in things
        )
    return any(
        people.holds(t)
        or places.holds(t)
        or t.lemma_.casefold() in lex.violence_sites
        or t.ent_type_ in ("ORG", "FAC")
        for t in named
    )


def _victims(head: Token) -> list[Token]:
    """What an attack is aimed at: its object, passive subject, or "on"/"against" object."""
    found = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lemma_.casefold() in ("on", "against"):
            found += [c for c in prep.children if c.dep_ == "pobj"]
    return found


def _casualties_near(sentence: Span) -> bool:
    return any(t.lemma_.casefold() in CASUALTY_LEMMAS or t.lemma_ == "shoot" for t in sentence)


def _has_attacker(token: Token, lex: EventRules) -> bool:
    """A named actor as the subject or agent: not an accident ("Fireworks exploded" is
    no actor, whatever the model tags it)."""
    return any(
        c.dep_ in ("nsubj", "agent")
        and c.ent_type_ in ACTOR_LABELS
        and c.lower_ not in lex.accident_words
        for c in token.children
    )


def _occupier(actor: Ref | None, trigger: Trigger, lex: EventRules) -> str:
    words = set(actor.text.casefold().replace("-", " ").split()) if actor else set()
    if words & lex.state_actor_words and not words & lex.non_state_words:
        return "occupy-state"
    if words & lex.non_state_words:
        return "occupy-nonstate"
    # a pronoun or no actor: regaining is what governments do, seizing what others do
    return "occupy-state" if trigger.lemmas[0] in lex.regain_lemmas else "occupy-nonstate"


# -- arguments ----------------------------------------------------------------------------


def _actor(heads: Iterable[Token], lex: EventRules, parsed: _Parsed) -> Ref | None:
    heads = list(heads)
    for head in heads:
        for child in head.children:
            if child.dep_ in ("nsubj", "csubj"):
                doer = _doer(child, lex)
                if doer is not None:
                    return _phrase(doer, parsed)
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and _doer(pobj, lex) is not None:
                    return _phrase(pobj, parsed)
        if head.pos_ in ("NOUN", "PROPN"):
            for child in head.children:
                if child.tag_ in ("PRP$", "PRP", "WP$") or child.ent_type_ in lex.not_actor_labels:
                    continue
                if child.dep_ == "poss" or (
                    child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ACTOR_LABELS
                ):
                    return _modifier_phrase(child, parsed)
    for head in heads:
        owner = _owner(head, lex)
        if owner is not None:
            return _phrase(owner, parsed)
    return None


def _acts(word: Token, heads: Sequence[Token], lex: EventRules) -> bool:
    """A place named as the one who acts: the possessor of the trigger ("Turkey's
    offensive"), the subject of the trigger verb or of a verb whose object it is ("Turkey
    launches assault", "Pyongyang fired missiles"), a conjunct included. The subject of
    other verbs stays a place ("Charlotte experienced unrest")."""
    while word.dep_ == "conj" and word.head.i != word.i:
        word = word.head
    verb = word.head
    if word.dep_ == "poss":
        return any(verb.i == h.i for h in heads)
    if word.dep_ != "nsubj":
        return False
    if any(verb.i == h.i for h in heads):
        return True
    lemma = verb.lemma_.casefold()
    return lemma in lex.support_verbs | lex.use_verbs and any(
        h.dep_ == "dobj" and h.head.i == verb.i for h in heads
    )


def _doer(token: Token, lex: EventRules) -> Token | None:
    """The word that names who acted, for a subject or agent: the noun a relative
    pronoun stands for ("a leader who has killed"), the group a share of it belongs to
    ("62 percent of Republicans"); None for a date, a number or a time ("Monday saw",
    "12 were")."""
    if token.lower_ in lex.relative_pronouns and token.head.dep_ == "relcl":
        token = token.head.head
    if token.ent_type_ in lex.not_actor_labels or token.pos_ == "NUM":
        # "Sixty-two percent of Republicans", "two of the gunmen": the group acts
        group = next(
            (
                pobj
                for prep in token.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ),
            None,
        )
        if group is None or group.ent_type_ in lex.not_actor_labels or group.pos_ == "NUM":
            return None
        return group
    if token.lower_ in lex.relative_pronouns:
        return None
    return token


def _owner(head: Token, lex: EventRules) -> Token | None:
    """The actor of a noun trigger named through another verb: the subject of a support
    verb ("Turkey launched an assault"), the agent of a claim ("the attack was claimed
    by X"), the claimant of responsibility ("X claimed responsibility for the attack")."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    governor = head.head
    subject = None
    if head.dep_ == "dobj" and governor.lemma_.casefold() in lex.support_verbs:
        subject = next((c for c in governor.children if c.dep_ == "nsubj"), None)
    elif head.dep_ == "nsubjpass" and governor.lemma_.casefold() in lex.claim_verbs:
        agent = next((c for c in governor.children if c.dep_ == "agent"), None)
        if agent is not None:
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None)
    elif head.dep_ == "pobj" and governor.lower_ == "for":
        owned = governor.head
        verb = owned.head
        if (
            owned.lemma_.casefold() in lex.claim_objects
            and owned.dep_ == "dobj"
            and verb.lemma_.casefold() in lex.claim_verbs
        ):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return _doer(subject, lex) if subject is not None else None


def _target(heads: Iterable[Token], actor: Ref | None, parsed: _Parsed) -> Ref | None:
    # the victims of a casualty verb first ("five more were killed in a strike on X")
    heads = sorted(heads, key=lambda h: h.lemma_.casefold() not in CASUALTY_LEMMAS)
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                ref = _phrase(child, parsed)
                if actor is None or ref.start != actor.start:
                    return ref
        if head.pos_ in ("NOUN", "PROPN"):
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lemma_.casefold() in ("on", "against"):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return _phrase(pobj, parsed)
    return None


def _location(
    heads: Sequence[Token],
    sentence: Span,
    parsed: _Parsed,
    lex: EventRules,
    *,
    exclude: tuple[Ref | None, ...],
) -> Ref | None:
    taken = {(r.start, r.end) for r in exclude if r is not None}
    text = parsed.text
    subtree = {i for h in heads for i in _clause(h)}
    candidates: list[tuple[int, int, Ref]] = []
    doc = sentence.doc
    for token in sentence:
        # "the village of X", "the town of X": the proper name after a place noun
        if token.lemma_.casefold() not in lex.place_nouns or token.i + 2 >= sentence.end:
            continue
        if doc[token.i + 1].lower_ != "of":
            continue
        name: list[Token] = []
        for word in doc[token.i + 2 : sentence.end]:
            if word.pos_ == "PROPN" or (name and word.text in "-'’" and word.whitespace_ == ""):
                name.append(word)
            else:
                break
        if name:
            ref = _ref(text, name[0].idx, name[-1].idx + len(name[-1].text))
            if token.i in subtree and _where_of(token, heads, lex):
                rank = 0
            elif _on_the_events_verbs(token, heads[0], lex):
                rank = 2
            else:
                continue  # "Mr. Farenthold, who represented the 27th District of Texas"
            candidates.append((rank, abs(name[0].i - heads[0].i), ref))
    for ent in parsed.ents_in(sentence):
        if not parsed.place(ent, lex):
            continue
        ref = _ref(text, ent.start_char, ent.end_char)
        if (ref.start, ref.end) in taken or any(
            r.start <= ref.start < r.end for r in (x for x in exclude if x)
        ):
            continue
        if _acts(ent.root, heads, lex):
            continue  # "Turkey's offensive", "Turkey launches assault": who, not where
        if _describes_someone(ent, parsed, lex) or _party(ent.root, lex):
            continue  # "John Delaney of Maryland", "talks between Washington and Tehran"
        governed = ent.root.head.dep_ == "prep" or ent.root.dep_ == "pobj"
        if ent.root.i in subtree and governed and _where_of(ent.root, heads, lex):
            rank = 1
        elif _on_the_events_verbs(ent.root, heads[0], lex):
            rank = 3  # "In Aleppo, rebels said forces attacked": the clause above
        else:
            continue  # elsewhere in the sentence: not where this happened
        candidates.append((rank, abs(ent.root.i - heads[0].i), ref))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]


_CONJUNCTION = re.compile(r",\s*|\s+and\s+")


def _place_in(ref: Ref, sentence: Span, parsed: _Parsed, lex: EventRules) -> Ref | None:
    """The first place named in ``ref`` (an attack's target): where the attack fell."""
    for ent in parsed.ents_in(sentence):
        if not (ref.start <= ent.start_char and ent.end_char <= ref.end):
            continue
        if ent.label_ in PLACE_LABELS or parsed.place(ent, lex):
            return _ref(parsed.text, ent.start_char, ent.end_char)
        if parsed.is_place is None or ent.label_ not in MISTAKEN_PLACE_LABELS:
            continue
        # a name the model did not know, or two joined into one ("Douma and Eastern Ghouta")
        first = _CONJUNCTION.split(ent.text)[0]
        if parsed.is_place(first):
            return _ref(parsed.text, ent.start_char, ent.start_char + len(first))
    return None


def _where_of(word: Token, heads: Sequence[Token], lex: EventRules) -> bool:
    """Whether a place word under the trigger says where the trigger happened: on the
    trigger (or its verbs) by any preposition, on another noun only by a locative one
    ("an attack on a market in Aleppo", not "an investigation into ties to Russia"), and
    never from inside a relative clause ("a strategy that supports jobs across Europe")."""
    own = {h.i for h in heads}
    node = word
    while node.i not in own and node.head.i != node.i:
        # a relative clause on the trigger, or one that tells a toll, tells this event
        # ("the protest that took place in Omdurman", "a bomb that killed dozens in X")
        describes = node.head.i in own or node.lemma_.casefold() in CASUALTY_LEMMAS
        describes = describes or node.lemma_.casefold() in lex.hosting_verbs
        purpose = any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children)
        if node.dep_ in ("relcl", "acl") and (purpose or not describes):
            return False  # "an agreement to mine diamonds in South Venezuela": its content
        on_a_noun = node.head.i not in own and node.head.pos_ in ("NOUN", "PROPN")
        if on_a_noun and node.head.lemma_.casefold() in lex.claim_objects:
            on_a_noun = False  # "claimed responsibility for a car bomb in Diyarbakir"
        if node.dep_ == "prep" and on_a_noun and node.lower_ not in lex.locative_preps:
            return False
        node = node.head
    return True


def _describes_someone(ent: Span, parsed: _Parsed, lex: EventRules) -> bool:
    """A place that says where a person is from or whom they represent: "Rep. John
    Delaney of Maryland", "a 28-year-old from Damascus", "Maryland Rep. John Delaney",
    "Rep. Ted Lieu (D-Calif.)"."""
    root = ent.root
    from_where = root.dep_ == "pobj" and root.head.lower_ in lex.origin_preps
    holder = root.head.head if from_where else None
    if root.dep_ in ("compound", "nmod", "appos", "npadvmod"):
        holder = root.head
    if holder is not None and (
        holder.ent_type_ == "PERSON" or word_class("people").holds(holder) or holder.pos_ == "NUM"
    ):
        return True
    before = parsed.text[max(0, ent.start_char - 4) : ent.start_char]
    return bool(_PARTY_AFFILIATION.search(before))


def _party(root: Token, lex: EventRules) -> bool:
    """A place among the sides of something: "negotiations between Washington and
    Tehran", "negotiate with Iran" (the capitals and countries stand for governments)."""
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return bool(root.dep_ == "pobj" and root.head.lower_ in lex.party_preps)


def _on_the_events_verbs(root: Token, trigger: Token, lex: EventRules) -> bool:
    """A place in a phrase on one of the verbs above the trigger, not inside a noun; or
    the subject of the verb whose object the trigger is ("Charlotte experienced two
    nights of unrest"), never across a clause ("Presuming the meeting takes place,
    Helsinki will be the final stop")."""
    chain = governors(trigger)
    above = {t.i for t in chain if t.pos_ in ("VERB", "AUX")}
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        if root.head.head.i in above:
            return True
        # "Police in Wiesloch arrest ...", "groups in Cameroon have condemned ..."
        subject = root.head.head
        return bool(
            root.head.lower_ in lex.subject_place_preps
            and subject.dep_ in ("nsubj", "nsubjpass")
            and subject.head.i in above
        )
    if root.dep_ != "nsubj":
        return False
    for node in chain[:-1]:
        if node.dep_ in _CLAUSE_LINKS:
            return False
        if node.head.i == root.head.i:
            return True
    return False


def _own_clause(head: Token) -> list[Token]:
    """The words of a trigger's clause, or of the sentence's main clause when the trigger
    is its subject or object, without relative clauses (another statement: "protested
    against the regime that has killed their relatives")."""
    top = head
    while top.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "prep", "compound", "amod"):
        top = top.head
    inner = {t.i for t in top.subtree if t.dep_ == "relcl" for t in t.subtree}
    return [t for t in top.subtree if t.i not in inner]


def _clause(head: Token) -> set[int]:
    """Token indices under ``head``, without the coordinated clauses (other events)."""
    indices = {head.i}
    for child in head.children:
        if child.dep_ != "conj":
            indices.update(t.i for t in child.subtree)
    return indices


def _time(
    trigger: Token, sentence: Span, times: Sequence[TimeExpr]
) -> tuple[Ref | None, str | None]:
    inside = [
        t
        for t in times
        if sentence.start_char <= t.start < sentence.end_char and t.type in ("DATE", "TIME")
    ]
    if not inside:
        return None, None
    best = min(inside, key=lambda t: abs(t.start - trigger.idx))
    ref = Ref(text=best.text, start=best.start, end=best.end)
    value = best.value if best.resolved and best.value else None
    if value is not None and not value[:DATE_VALUE_PREFIX_LENGTH].isdigit():
        value = None
    return ref, value


def _toll(
    heads: Sequence[Token], sentence: Span, quantities: Sequence[Quantity], category: str
) -> tuple[int | None, Ref | None]:
    """The figure of ``category`` in the event's own clause (a noun trigger's clause is
    the verb it is the subject of, or the casualty verb it is the agent or cause of: "the
    strike left 12 dead", "29 wounded by a bomb", "five were killed in a strike"), nearest
    the trigger; a figure of another clause ("accused a leader who has
    killed ...") is not its toll."""
    trigger = heads[0]
    clause: set[int] = set()
    for head in heads:
        clause |= _clause(head)
        # "shooting and killing X": a casualty verb coordinated with the trigger
        for conj in head.children:
            if conj.dep_ == "conj" and conj.lemma_.casefold() in CASUALTY_LEMMAS:
                clause |= _clause(conj)
        verb = head.head
        if (
            head.pos_ in ("NOUN", "PROPN")
            and head.dep_ == "pobj"
            and head.head.dep_ in ("agent", "prep")
            and head.head.head.lemma_.casefold() in CASUALTY_LEMMAS
        ):
            verb = head.head.head  # "29 wounded by a bomb", "five were killed in a strike"
        elif not (head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubj", "nsubjpass")):
            continue
        clause |= _clause(verb)
        if verb.dep_ in ("acl", "relcl"):  # "the 29 New Yorkers wounded by a bomb"
            clause |= {c.i for c in verb.head.children if c.dep_ == "nummod"}
    # a relative clause inside is another statement ("accused a leader who has killed"),
    # unless it describes the trigger itself ("a night of shelling that killed a soldier")
    own = {h.i for h in heads}
    for token in sentence:
        if token.dep_ == "relcl" and token.i in clause and not {token.i, token.head.i} & own:
            clause -= {t.i for t in token.subtree}
    offsets = [t.idx for t in sentence]

    def token_at(offset: int) -> int:  # the index of the token holding ``offset``
        return int(sentence.start) + bisect_right(offsets, offset) - 1

    inside = [
        q
        for q in quantities
        if sentence.start_char <= q.start < sentence.end_char
        and q.category == category
        and token_at(q.start) in clause
    ]
    if not inside:
        return None, None
    best = min(inside, key=lambda q: abs(q.start - trigger.idx))
    # a vague toll ("dozens were killed") counts at its low bound, as ACLED codes it
    toll = best.value if best.value is not None else best.low
    if toll is None:
        return None, None
    return int(toll), Ref(text=best.text, start=best.start, end=best.end)


def _modifier_phrase(token: Token, parsed: _Parsed) -> Ref:
    """A modifier's own words: the entity it is in, else its subtree without a final 's."""
    text = parsed.text
    ent = parsed.ent_at.get(token.i)
    if ent is not None:
        return _ref(text, ent.start_char, ent.end_char)
    words = [t for t in token.subtree if t.tag_ != "POS"]
    return _ref(text, words[0].idx, words[-1].idx + len(words[-1].text))


def _phrase(token: Token, parsed: _Parsed) -> Ref:
    """The entity or noun phrase a token stands for."""
    doc, text = token.doc, parsed.text
    ent = parsed.ent_at.get(token.i)
    if ent is not None:
        return _ref(text, ent.start_char, ent.end_char)
    # the sentence's noun chunks, not the article's (doc.noun_chunks parses them all)
    chunks = doc.noun_chunks_iterator(token.sent) if doc.noun_chunks_iterator else ()
    for start, end, _ in chunks:
        if start <= token.i < end:
            last = doc[end - 1]
            return _ref(text, doc[start].idx, last.idx + len(last.text))
    return _ref(text, token.idx, token.idx + len(token.text))


def _ref(text: str, start: int, end: int) -> Ref:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Ref(text=text[start:end], start=start, end=end)
