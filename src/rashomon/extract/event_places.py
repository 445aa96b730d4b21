"""Where an event happened: a place entity the trigger governs (``the village of X``
first), never where someone is from, the sides of a negotiation, a topic or the actor
itself; else the place an attack fell on. Words in data/event_rules.toml [location]."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..records import Ref
from .event_lexicon import EventRules
from .event_parse import MISTAKEN_PLACE_LABELS, PLACE_LABELS, Parsed, acts, clause_tokens, span_ref
from .event_senses import word_class
from .modality import CASUALTY_LEMMAS, governors

Token = Any  # spaCy Token
Span = Any  # spaCy Span

# "(D-Calif.", "(R-" before a place: a lawmaker's party and state
_CLAUSE_LINKS = frozenset({"advcl", "ccomp", "xcomp", "relcl", "parataxis", "conj", "acl"})

_PARTY_AFFILIATION = re.compile(r"\([DRI]-\s*$")

_CONJUNCTION = re.compile(r",\s*|\s+and\s+")


def event_location(
    heads: Sequence[Token],
    sentence: Span,
    parsed: Parsed,
    lex: EventRules,
    *,
    exclude: tuple[Ref | None, ...],
    statement: bool = False,
) -> Ref | None:
    """Where the event of ``heads`` happened. For a ``statement`` (a demand, a
    condemnation) only a place on its own words counts, never one inside what it is
    about ("condemned the attacks at the embassies in Kenya" was not said in Kenya)."""
    taken = {(r.start, r.end) for r in exclude if r is not None}
    text = parsed.text
    subtree = {i for h in heads for i in clause_tokens(h)}
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
            ref = span_ref(text, name[0].idx, name[-1].idx + len(name[-1].text))
            if token.i in subtree and _where_of(token, heads, lex, statement):
                rank = 0
            elif _on_the_events_verbs(token, heads[0], lex):
                rank = 2
            else:
                continue  # "Mr. Farenthold, who represented the 27th District of Texas"
            candidates.append((rank, abs(name[0].i - heads[0].i), ref))
    for ent in parsed.ents_in(sentence):
        if not parsed.place(ent, lex):
            continue
        ref = span_ref(text, ent.start_char, ent.end_char)
        if (ref.start, ref.end) in taken or any(
            r.start <= ref.start < r.end for r in (x for x in exclude if x)
        ):
            continue
        if acts(ent.root, heads, lex):
            continue  # "Turkey's offensive", "Turkey launches assault": who, not where
        if _describes_someone(ent, parsed, lex) or _party(ent.root, lex):
            continue  # "John Delaney of Maryland", "talks between Washington and Tehran"
        governed = ent.root.head.dep_ == "prep" or ent.root.dep_ == "pobj"
        if ent.root.i in subtree and governed and _where_of(ent.root, heads, lex, statement):
            rank = 1
        elif _names_the_site(ent.root, heads, lex) or parsed.venue(ent.root, heads):
            rank = 1  # "the Kenya embassy bombing": the embassy in Kenya was bombed
        elif _on_the_events_verbs(ent.root, heads[0], lex):
            rank = 3  # "In Aleppo, rebels said forces attacked": the clause above
        else:
            continue  # elsewhere in the sentence: not where this happened
        candidates.append((rank, abs(ent.root.i - heads[0].i), ref))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]


def attacked_place(ref: Ref, sentence: Span, parsed: Parsed, lex: EventRules) -> Ref | None:
    """The first place named in ``ref`` (an attack's target): where the attack fell."""
    for ent in parsed.ents_in(sentence):
        if not (ref.start <= ent.start_char and ent.end_char <= ref.end):
            continue
        if _describes_someone(ent, parsed, lex):
            continue  # "threatening to murder a United States official"
        if ent.label_ in PLACE_LABELS or parsed.place(ent, lex):
            return span_ref(parsed.text, ent.start_char, ent.end_char)
        if parsed.is_place is None or ent.label_ not in MISTAKEN_PLACE_LABELS:
            continue
        # a name the model did not know, or two joined into one ("Douma and Eastern Ghouta")
        first = _CONJUNCTION.split(ent.text)[0]
        if parsed.is_place(first):
            return span_ref(parsed.text, ent.start_char, ent.start_char + len(first))
    return None


def _where_of(
    word: Token, heads: Sequence[Token], lex: EventRules, statement: bool = False
) -> bool:
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
        if statement and on_a_noun:
            return False  # "condemned the attacks at the embassies in Kenya"
        if on_a_noun and node.head.lemma_.casefold() in lex.claim_objects:
            on_a_noun = False  # "claimed responsibility for a car bomb in Diyarbakir"
        if node.dep_ == "prep" and on_a_noun and node.lower_ not in lex.locative_preps:
            return False
        node = node.head
    return True


def _names_the_site(root: Token, heads: Sequence[Token], lex: EventRules) -> bool:
    """A place naming the site an event noun is named after: "the Kenya embassy
    bombing", "the Nairobi hotel attack" (a town alone before it: ``Parsed.venue``)."""
    site = root.head
    return bool(
        root.dep_ == "compound"
        and site.dep_ == "compound"
        and site.lemma_.casefold() in lex.violence_sites
        and any(site.head.i == h.i for h in heads)
    )


def _describes_someone(ent: Span, parsed: Parsed, lex: EventRules) -> bool:
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
    the subject of an experiencing verb whose object the trigger is ("Charlotte
    experienced two nights of unrest"), never across a clause ("Presuming the meeting takes place,
    Helsinki will be the final stop")."""
    chain = governors(trigger)
    # not across a coordination with a subject of its own: "Officials in Hawaii have
    # certified it, but others have demanded proof" (the demand was not made in Hawaii;
    # "Police in Wiesloch fire tear gas and arrest demonstrators" arrest there)
    joined = next(
        (
            n
            for n, t in enumerate(chain)
            if t.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        ),
        len(chain),
    )
    above = {t.i for t in chain[: joined + 1] if t.pos_ in ("VERB", "AUX")}
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        if root.head.head.i in above:
            return True
        # "Fire broke out in a market in Lagos": a place in the place of the verb above
        site = root.head.head
        if (
            root.head.lower_ in lex.locative_preps
            and {site.lemma_.casefold(), site.lower_} & (lex.place_nouns | lex.violence_sites)
            and site.dep_ == "pobj"
            and site.head.lower_ in lex.locative_preps
            and site.head.head.i in above
        ):
            return True
        # "Police in Wiesloch arrest ...", "groups in Cameroon have condemned ..."
        subject = root.head.head
        return bool(
            root.head.lower_ in lex.subject_place_preps
            and subject.dep_ in ("nsubj", "nsubjpass")
            and subject.head.i in above
        )
    if root.dep_ != "nsubj" or root.head.lemma_.casefold() not in lex.experiencer_verbs:
        return False  # "Iraq is discussing negotiations": who, not where
    for node in chain[:-1]:
        if node.dep_ in _CLAUSE_LINKS:
            return False
        if node.head.i == root.head.i:
            return True
    return False
