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

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..records import Event, Quantity, Ref, TimeExpr
from .event_lexicon import EventRules, Trigger, acled_for, rules
from .event_matches import Match, group, sentence_matches
from .event_parse import PLACE_LABELS, Parsed, clause_tokens, own_clause, span_ref
from .event_places import attacked_place, event_location
from .event_senses import in_sense, word_class
from .modality import CASUALTY_LEMMAS, definite, governors
from .modality import modality as modality_of

Token = Any  # spaCy Token
Span = Any  # spaCy Span

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})

DATE_VALUE_PREFIX_LENGTH = 4


def find_events(
    doc: Any,
    *,
    article_id: str,
    quantities: Sequence[Quantity] = (),
    times: Sequence[TimeExpr] = (),
    is_place: Callable[[str], bool] | None = None,
    is_country: Callable[[str], bool] | None = None,
) -> tuple[Event, ...]:
    """Events in a parsed article (spaCy Doc), with tolls from ``quantities`` and dates
    from ``times`` (both found earlier in the same text); ``is_place`` says whether the
    gazetteer knows a name as a place (for names the model tags otherwise),
    ``is_country`` whether it is a country (a town before an event noun is its venue)."""
    events: list[Event] = []
    parsed = Parsed.of(doc, is_place, is_country)
    lex = rules()
    for sentence in doc.sents:
        matches = sentence_matches(sentence, lex)
        if not matches:
            continue
        for main, absorbed in group(matches):
            event = _event(main, absorbed, sentence, parsed, article_id, quantities, times)
            if event is not None:
                events.append(event)
    return tuple(events)


# -- one event --------------------------------------------------------------------------


def _event(
    main: Match,
    absorbed: list[Match],
    sentence: Span,
    parsed: Parsed,
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
    statement = plover_type in lex.statement_types
    location = event_location(
        heads, sentence, parsed, lex, exclude=(actor, target), statement=statement
    )
    if location is None and target is not None and plover_type in ("ASSAULT", "FIGHT"):
        location = attacked_place(target, sentence, parsed, lex)  # "shelled Douma and Ghouta"
    if target is not None and main.trigger.lemmas[0] in lex.visit_lemmas:
        location = attacked_place(target, sentence, parsed, lex) or location  # "visiting Nevada"
    time, date = _time(main.head, sentence, times)
    fatalities, fatalities_ref = _toll(heads, sentence, quantities, "killed")
    injured, injured_ref = _toll(heads, sentence, quantities, "injured")
    ill = main.casualty and not absorbed and _of_illness(main, sentence, lex)
    evident = bool(absorbed or location or fatalities is not None or injured is not None)
    unseen = not evident and not _violent(main, lex)
    if plover_type in ("ASSAULT", "FIGHT") and (ill or unseen):
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
        sentence=span_ref(text, sentence.start_char, sentence.end_char),
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
    main: Match, heads: Sequence[Token], sentence: Span, lex: EventRules
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
            own = {t.lemma_.casefold() for t in own_clause(head)}
            own |= {t.text.casefold() for t in own_clause(head)}
            if own & lex.protest_force and _casualties_near(sentence):
                mode = "demo-force"
            elif _said_of_the_protest(sentence) & lex.protest_violent:
                mode = "riot"
            elif (acted := _policed(sentence, lex)) is not None:
                # "riot police chase demonstrators", "officers beat a protester"
                mode = "demo-force" if acted in lex.protest_force else "demo-intervention"
            elif lemmas & lex.protest_intervention:
                mode = "demo-intervention"
    if mode in ("destroy", "occupy", "confiscate") or main.trigger.lemmas[0] in (
        "discover",
        "find",
    ):
        if object_lemmas & lex.weapon_objects:
            return "COERCE", "disrupt-weapons"
        people = word_class("people")
        if mode == "occupy" and any(
            o.ent_type_ == "PERSON" or o.like_num or people.holds(o) for o in objects
        ):
            subject = {
                t.lemma_.casefold() for c in head.children if c.dep_ == "nsubj" for t in c.subtree
            }
            if subject & lex.non_state_words:
                return "ASSAULT", "abduct"  # "militants seized two soldiers"
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
    if main.casualty and _mishap(sentence, lex) and not _has_attacker(head, lex):
        return "DISASTER", "man-made"  # "a man is dead after his car lost control"
    if plover_type == "ASSAULT" and main.trigger.lemmas[-1] in lex.accident_triggers and accident:
        return "DISASTER", "man-made"
    planted = main.trigger.lemmas[0] in lex.aerial_evidence and not lemmas & lex.air_words
    if mode == "aerial" and planted and not _state_actor(head, lex):
        mode = "explosives"  # "extremists have bombed two towns", "the bombed embassy"
    if plover_type == "ASSAULT" and mode is None and _gassed(head, lex):
        return "ASSAULT", "chemical"  # "launched an attack with suspected poisonous gas"
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


def _of_illness(main: Match, sentence: Span, lex: EventRules) -> bool:
    """Deaths told with an illness and no other sign of violence: "3,248 cases reported
    worldwide, including 584 deaths", "the outbreak of cholera killed 30 people"."""
    own = {t.i for t in main.tokens}
    said = {t.lemma_.casefold() for t in sentence if t.i not in own}
    return bool(said & lex.illness_words and not said & (lex.violence_weapons | lex.violent_deaths))


def _said_of_the_protest(sentence: Span) -> set[str]:
    """The words of a sentence that may tell of the protest itself: not a noun's modifier
    ("riot police deployed to break up a protest rally" tells of no riot)."""
    kept = (t for t in sentence if t.dep_ != "compound")
    return {w for t in kept for w in (t.lemma_.casefold(), t.lower_)}


def _policed(sentence: Span, lex: EventRules) -> str | None:
    """What a state force did to the protesters in the sentence (the verb's lemma), if
    anything: "riot police chase demonstrators"."""
    for verb in sentence:
        if verb.pos_ != "VERB":
            continue
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
        if not any(t.lemma_.casefold() in lex.state_actor_words for d in doers for t in d.subtree):
            continue
        done_to = [c for c in verb.children if c.dep_ in ("dobj", "prep")]
        words = {t.lemma_.casefold() for c in done_to for t in c.subtree}
        if words & lex.protesters:
            return str(verb.lemma_.casefold())
    return None


def _gassed(head: Token, lex: EventRules) -> bool:
    """An attack done "with" a chemical agent, not with tear gas."""
    words = {
        t.lemma_.casefold()
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for t in c.subtree
    }
    return bool(words & lex.chemical_agents and not words & lex.crowd_control)


def _state_actor(head: Token, lex: EventRules) -> bool:
    """Whether the verb's subject (or its "by" agent) is a country or a state force."""
    agents = [c for c in head.children if c.dep_ == "nsubj"]
    agents += [o for c in head.children if c.dep_ == "agent" for o in c.children]
    return any(
        a.ent_type_ == "GPE" or any(t.lemma_.casefold() in lex.state_actor_words for t in a.subtree)
        for a in agents
    )


_NAMING = frozenset({"compound", "appos", "nummod", "poss"})


def _violent(main: Match, lex: EventRules) -> bool:
    """Whether a violent trigger reads as violence in its clause: a specific trigger
    ("massacre", "airstrike"), a weapon, an armed actor, or a victim that is a person, a
    group, a place or a site (data/event_rules.toml [violence])."""
    gated = main.trigger.lemmas[0] in lex.violence_gated and len(main.trigger.lemmas) == 1
    if main.trigger.weight > lex.violence_max_weight and not gated:
        return True
    head = main.head
    if main.casualty and any(c.dep_ == "poss" for c in head.children):
        # "before Jeffrey Epstein's death", "their father's death": one person died; an
        # attack only with a sign of one ("his death in an airstrike")
        said = {t.lemma_.casefold() for t in main.head.sent}
        return bool(said & (lex.violence_weapons | lex.violent_deaths))
    if definite(head, lex):
        return True  # "the attack", "Friday's shooting": a happening the text has told of
    if main.trigger.lemmas[-1] in lex.violence_physical:
        return True  # "heard a large explosion": a physical happening in any sense
    if _gassed(head, lex):
        return True  # "an attack with suspected poisonous gas"
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
        and not {t.lemma_.casefold() for t in head.sent} & lex.illness_words
    ):
        return True  # "officials reported deaths": deaths are of people (not of a disease)
    people, places = word_class("people"), word_class("places")
    armed = lex.state_actor_words | lex.non_state_words | lex.military_targets
    clause = [t for t in own_clause(head) if t.i in clause_tokens(head) or t.head.i == head.i]
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


def _mishap(sentence: Span, lex: EventRules) -> bool:
    """A fall, a crash, a hit and run in the sentence (data/event_rules.toml
    [disaster] mishap_words, phrases included)."""
    said = " " + " ".join(t.lemma_.casefold() for t in sentence) + " "
    return any(f" {w} " in said for w in lex.mishap_words)


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


def _actor(heads: Iterable[Token], lex: EventRules, parsed: Parsed) -> Ref | None:
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
                if parsed.venue(child, heads):
                    continue  # "the Nairobi bombing": where, not who
                if child.dep_ == "poss" or (
                    child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ACTOR_LABELS
                ):
                    return _modifier_phrase(child, parsed)
    for head in heads:
        owner = _owner(head, lex)
        if owner is not None:
            return _phrase(owner, parsed)
    return None


def _doer(token: Token, lex: EventRules) -> Token | None:
    """The word that names who acted, for a subject or agent: the noun a relative
    pronoun stands for ("a leader who has killed"), the group a share of it belongs to
    ("62 percent of Republicans"); None for a date, a number or a time ("Monday saw",
    "12 were") or no one ("nobody claimed")."""
    if token.lower_ in lex.relative_pronouns and token.head.dep_ == "relcl":
        token = token.head.head
    negative = any(c.dep_ == "det" and c.lemma_.casefold() in lex.negators for c in token.children)
    if negative or token.lemma_.casefold() in lex.negators:
        return None  # "no one has claimed responsibility for the blast"
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


def _target(heads: Iterable[Token], actor: Ref | None, parsed: Parsed) -> Ref | None:
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
        clause |= clause_tokens(head)
        # "shooting and killing X": a casualty verb coordinated with the trigger
        for conj in head.children:
            if conj.dep_ == "conj" and conj.lemma_.casefold() in CASUALTY_LEMMAS:
                clause |= clause_tokens(conj)
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
        clause |= clause_tokens(verb)
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


def _modifier_phrase(token: Token, parsed: Parsed) -> Ref:
    """A modifier's own words: the entity it is in, else its subtree without a final 's."""
    text = parsed.text
    ent = parsed.ent_at.get(token.i)
    if ent is not None:
        return span_ref(text, ent.start_char, ent.end_char)
    words = [t for t in token.subtree if t.tag_ != "POS"]
    return span_ref(text, words[0].idx, words[-1].idx + len(words[-1].text))


def _phrase(token: Token, parsed: Parsed) -> Ref:
    """The entity or noun phrase a token stands for."""
    doc, text = token.doc, parsed.text
    ent = parsed.ent_at.get(token.i)
    if ent is not None:
        return span_ref(text, ent.start_char, ent.end_char)
    # the sentence's noun chunks, not the article's (doc.noun_chunks parses them all)
    chunks = doc.noun_chunks_iterator(token.sent) if doc.noun_chunks_iterator else ()
    for start, end, _ in chunks:
        if start <= token.i < end:
            last = doc[end - 1]
            return span_ref(text, doc[start].idx, last.idx + len(last.text))
    return span_ref(text, token.idx, token.idx + len(token.text))
