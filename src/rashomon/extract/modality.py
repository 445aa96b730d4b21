"""How the text presents an event: as having happened (asserted), denied, asked for or
possible (hypothetical), on a condition, threatened; or not as an incident at all (a
background clause, a cumulative summary). The words are data (data/event_rules.toml
[modality]); this module reads the parse."""

from __future__ import annotations

from typing import Any

from ..records import Modality
from .event_lexicon import EventRules
from .periods import period_phrase

Token = Any  # a spaCy token

CASUALTY_LEMMAS = frozenset({"kill", "die", "dead", "death", "wound", "injure", "casualty"})


def governors(token: Token, depth: int = 6) -> list[Token]:
    """The token and the words above it, up to the root of its sentence."""
    chain = [token]
    node = token
    while node.head.i != node.i and len(chain) <= depth:
        node = node.head
        chain.append(node)
    return chain


def modality(token: Token, lex: EventRules) -> Modality | None:
    """How the text presents the event whose trigger is ``token``; None for a background
    clause or a cumulative summary."""
    chain = governors(token)
    if _background(token, chain, lex) or _cumulative(chain[:2], lex):
        return None
    chain = _own_statement(chain, lex)
    if token.dep_ == "compound" and token.head.lemma_.casefold() in lex.tally_heads:
        return "denied" if _negated(chain[1:], lex) else "asserted"  # "the death toll may be"
    # inside the condition itself: "... if they did not withdraw" is no denial
    if any(_marked(node, lex.conditional_marks) for node in chain[:2]):
        return "conditional"
    # asked for, advised against, talked about: "urged Ankara not to attack", "advised
    # Turkey against launching an offensive", "discussed a possible offensive"
    directed = _directed(token, lex)
    about = token.dep_ == "pobj" and token.head.lower_ in lex.topic_preps
    if (directed in lex.discussion_verbs or about) and _presupposed(token, lex):
        directed = None  # "discussing the attack on Benghazi", "asked about the
        # investigation": it happened
    if _pending(token, lex):
        return "hypothetical"  # "there was no decision on a meeting"
    if directed is not None or any(
        c.dep_ == "amod"
        and (
            c.lemma_.casefold() in lex.hypothetical_modifiers
            or c.lower_ in lex.hypothetical_modifiers
        )
        for c in token.children
    ):
        return "hypothetical"
    # a question: "asking whether his blender would be next"; not one about a known
    # happening ("whether the attack was politically motivated")
    asked = any(_marked(node, lex.question_marks) for node in chain[:3])
    if asked and not _presupposed(token, lex):
        return "hypothetical"
    if _negated(chain, lex) or _abstained(token, chain, lex):
        # "should not be deported", "would not attack": advice or a forecast, no denial
        modal = any(_modal(node, lex, future=False) for node in chain[:2])
        return "hypothetical" if modal else "denied"
    if any(c.dep_ == "det" and c.lower_ in lex.hypothetical_determiners for c in token.children):
        return "hypothetical"  # "any final agreement needs to be made with her team"
    if _conditional(chain, lex):
        return "conditional"
    if _yet_to_come(chain[:2], lex):
        return "hypothetical"  # "until it retreats from Kuwait"
    # a happening the sentence takes as given: "amid ongoing negotiations", "sought to
    # counter Mr. Brat's accusations" (what governs it does not make it possible)
    if _expected_to_happen(token, lex):
        return "hypothetical"  # "the attack is expected to take place on Monday"
    if token.dep_ == "dobj" and token.head.lemma_.casefold() in lex.support_verbs:
        started = _infinitive(token.head, lex)  # "picked Saturday to start the offensive"
        if started is not None:
            return started
    if _presupposed(token, lex):
        return "asserted"
    if _threatened(chain, lex):
        return "threatened"
    if token.dep_ == "pcomp" and token.head.lower_ in lex.topic_gerund_preps:
        return "hypothetical"  # "will stand together on arresting the terrorists"
    infinitive = _infinitive(token, lex)
    acted = token.dep_ == "dobj" and token.pos_ in ("NOUN", "PROPN") and not _agent_noun(token)
    if infinitive is None and acted:
        infinitive = _infinitive(token.head, lex)  # "as to launch meaningful negotiations"
    if infinitive is not None:
        return infinitive
    # a modal on the telling hedges the telling: "I can confirm that he was arrested"
    hedged = [n for n in chain[:3] if n.lemma_.casefold() not in lex.reporting_verbs]
    if any(_modal(node, lex) for node in hedged):
        return "hypothetical"
    # planned, tried, hoped for: the verbs just above ("trying to do what ... failed
    # to ..., going on offense with an attack" is no attempt to attack)
    if any(_planned(chain, n, lex) for n in range(1, min(4, len(chain)))):
        return "hypothetical"
    return "asserted"


def _planned(chain: list[Token], n: int, lex: EventRules) -> bool:
    """Whether ``chain[n]`` makes the event a plan or an attempt: a verb ("planned to
    attack"), or a noun the event completes ("plans to attack", "the threat of attacks");
    not a noun the event merely sits beside ("told supporters of his plans in a phone
    call")."""
    node = chain[n]
    if node.lemma_.casefold() not in lex.hypothetical_verbs:
        return False
    below = chain[n - 1]
    if below.dep_ == "conj":
        return False  # "considers the US biased and has rejected it": two statements
    if node.pos_ not in ("NOUN", "PROPN"):
        # what is expected of something that is there: "the death toll was expected to
        # rise" (the deaths happened), not "the attack is expected to take place"
        said = [c.lemma_.casefold() for c in node.children if c.dep_ == "xcomp"]
        subject = below.dep_ in ("nsubj", "nsubjpass") and n > 1
        return not (subject and said and said[0] not in lex.occurrence_verbs)
    return below.dep_ in ("acl", "relcl") or (
        below.dep_ == "prep" and below.lower_ in lex.plan_preps
    )


def _threatened(chain: list[Token], lex: EventRules) -> bool:
    """Under a threat verb, and not told as past below it ("warns that such groups grew
    last year by recruiting" reports what happened)."""
    for n, node in enumerate(chain[1:], start=1):
        if node.lemma_.casefold() in lex.threat_verbs:
            # "warns that such groups grew", "warned that he is under investigation"
            return not any(_realis(below, lex) or _present(below, lex) for below in chain[:n])
    return False


def _present(verb: Token, lex: EventRules) -> bool:
    """A verb in the present tense with no modal: a state of things told as fact."""
    return bool(verb.tag_ in ("VBZ", "VBP") and not _modal(verb, lex))


def _pending(token: Token, lex: EventRules) -> bool:
    """The topic of a decision or word still awaited: "no decision on a meeting"."""
    if token.dep_ != "pobj" or token.head.lower_ not in lex.directed_preps:
        return False
    return bool(token.head.head.lemma_.casefold() in lex.pending_nouns)


def _own_statement(chain: list[Token], lex: EventRules) -> list[Token]:
    """The chain up to a clause that states a fact of its own: a relative clause in the
    past or the perfect ("if it wins the votes of the senators who have criticized the
    declaration": they did criticize it; the condition is about the votes), or a verb in
    the past joined to one in the present ("... if Congress passes the agreement and
    urged lawmakers to ...": the parser's "and" joins the wrong verbs)."""
    seen_relcl = False
    for n, node in enumerate(chain[:-1]):
        above = chain[n + 1]
        if node.dep_ == "conj" and node.tag_ == "VBD" and above.tag_ in ("VBZ", "VBP"):
            return chain[: n + 1]
        opened = any(
            c.dep_ in ("mark", "advmod") and c.lemma_.casefold() in lex.realis_marks
            for c in node.children
        )
        if node.dep_ == "advcl" and opened and _realis(node, lex):
            return chain[: n + 1]  # "trying to cross to Florida when the boat capsized"
        if node.dep_ != "relcl" or seen_relcl:
            continue
        seen_relcl = True
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in node.children)
        if node.tag_ == "VBD" or perfect:
            return chain[: n + 1]
    return chain


def _abstained(token: Token, chain: list[Token], lex: EventRules) -> bool:
    """Held back from: "stopped short of calling for", "refrained from attacking",
    "without warning"."""
    if token.dep_ in ("pobj", "pcomp") and token.head.lemma_.casefold() in lex.negators:
        return True
    for node in chain[1:4]:
        lemma = node.lemma_.casefold()
        said = {lemma, f"{node.head.lemma_.casefold()} {lemma}"}  # "stopped short"
        said |= {f"{lemma} {c.lemma_.casefold()}" for c in node.children if c.dep_ == "prt"}
        if said & lex.abstention_verbs:
            return True
    return False


def _marked(node: Token, marks: frozenset[str]) -> bool:
    return any(c.dep_ == "mark" and c.lemma_.casefold() in marks for c in node.children)


def _background(token: Token, chain: list[Token], lex: EventRules) -> bool:
    """In a clause opened by a background mark ("since hostilities erupted")."""
    for node in chain:
        if _marked(node, lex.background_marks):
            return True
        if node.dep_ == "prep" and node.lemma_.casefold() in lex.background_marks:
            return True
    return bool(token.head.dep_ == "prep" and token.head.lemma_.casefold() in lex.background_marks)


def _cumulative(nodes: list[Token], lex: EventRules) -> bool:
    """The trigger or its verb sums up a long period (``periods.period_phrase``); or a
    relative clause in the perfect describes someone by a toll ("a leader who has
    killed", "voters who have died")."""
    if period_phrase(nodes, lex) is not None:
        return True
    verb = nodes[0]
    return bool(
        verb.dep_ == "relcl"
        and verb.lemma_.casefold() in CASUALTY_LEMMAS
        and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    )


def _directed(token: Token, lex: EventRules) -> str | None:
    """The directive or discussion verb the event is directly about, if any: the event is
    its object, its complement, the object of its preposition ("urged the release",
    "advised against launching an offensive"); not an event named inside another noun
    ("urged an end to the siege": the siege goes on), nor its subject ("a deal ... calls
    for")."""
    node = token
    for _ in range(4):
        if node.head.i == node.i or node.dep_ in ("nsubj", "nsubjpass", "conj", "advcl"):
            # the subject of "calls for" is no thing called for; "called for the report to
            # be made public, but also urged ...": a second act, not one called for
            return None
        if node.dep_ == "prep" and node.lower_ not in lex.directed_preps:
            return None  # "to call for better pay in a protest": the protest is the setting
        node = node.head
        lemma = node.lemma_.casefold()
        if lemma in lex.directive_verbs | lex.discussion_verbs and node.pos_ in ("VERB", "AUX"):
            named = any(c.dep_ in ("oprd", "acomp") for c in node.children)
            return None if named else str(lemma)  # "called the murder wrong": a naming
        if node.pos_ in ("NOUN", "PROPN", "PRON"):
            return None
    return None


def _negated(chain: list[Token], lex: EventRules) -> bool:
    """Negated: the trigger or its verb ("did not attack"), a negative subject ("no one
    has claimed responsibility"), under a denial verb; not a negated verb that says
    something else of the event ("the raid is not linked with the probe")."""
    for n, node in enumerate(chain[:2]):
        said_of = n == 1 and chain[0].dep_ in ("nsubj", "nsubjpass")
        if said_of and node.lemma_.casefold() not in lex.occurrence_verbs:
            continue
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(_nobody(s, lex) for s in subjects):
            return True
        if any(
            c.dep_ in ("neg", "det", "advmod", "preconj")
            and c.lemma_.casefold() in lex.negators
            and not _not_only(c, lex)
            for c in node.children
        ):
            return True
    if chain[0].lemma_.casefold() in lex.said_nouns:
        return False  # "deny accusations of brutality": the accusations were made
    return any(
        node.lemma_.casefold() in lex.denial_verbs or node.lemma_.casefold() == "denial"
        for node in chain[1:]
    )


def _expected_to_happen(token: Token, lex: EventRules) -> bool:
    """The subject of a plan or forecast to occur: "the attack is expected to take
    place", "the meeting is planned to begin at noon"."""
    verb = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.casefold() not in (
        lex.hypothetical_verbs
    ):
        return False
    said = [c.lemma_.casefold() for c in verb.children if c.dep_ == "xcomp"]
    return bool(said and said[0] in lex.occurrence_verbs)


def _agent_noun(token: Token) -> bool:
    """A noun naming people by what they do ("protesters", "rioters"): they exist, what
    is planned is done to them ("to persuade protesters")."""
    return bool(token.tag_ in ("NNS", "NNPS") and token.lower_.endswith(("ers", "ors", "ists")))


def _yet_to_come(nodes: list[Token], lex: EventRules) -> bool:
    """A present-tense clause opened by "until", "before", "once": not yet happened."""
    return any(
        node.dep_ == "advcl" and node.tag_ in ("VBZ", "VBP") and _marked(node, lex.pending_marks)
        for node in nodes
    )


def _not_only(negator: Token, lex: EventRules) -> bool:
    """ "not only", "not just": no negation."""
    doc = negator.doc
    after = doc[negator.i + 1] if negator.i + 1 < len(doc) else None
    return after is not None and after.lower_ in lex.only_words


def _nobody(subject: Token, lex: EventRules) -> bool:
    """A negative subject: "no one", "nobody", "no group"."""
    if subject.lemma_.casefold() in lex.negators:
        return True
    return any(c.dep_ == "det" and c.lemma_.casefold() in lex.negators for c in subject.children)


def _conditional(chain: list[Token], lex: EventRules) -> bool:
    """Inside a condition ("if the talks collapsed", "presuming the meeting takes
    place"), or the main clause of one ("would launch rockets ... if ...")."""
    if any(_marked(node, lex.conditional_marks) for node in chain):
        return True
    if any(node.lemma_.casefold() in lex.conditional_verbs for node in chain[1:]):
        return True
    return any(
        clause.dep_ == "advcl" and _marked(clause, lex.conditional_marks) and not _realis(node, lex)
        for node in chain[:3]
        for clause in node.children
    )


def _realis(verb: Token, lex: EventRules) -> bool:
    """A verb in the past or the perfect with no modal: it happened, whatever an if-clause
    on it says ("has rejected the US as a mediator if peace talks are ever revived")."""
    if _modal(verb, lex):
        return False
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    passive = any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children)
    return bool(verb.tag_ == "VBD" or (verb.tag_ == "VBN" and (perfect or passive)))


def _presupposed(token: Token, lex: EventRules) -> bool:
    """A happening the sentence refers to as known: a noun trigger with "the" or a
    possessor ("Mr. Brat's accusations"), one after "amid", "despite", "after", or a
    clause opened by "as", "while", "because"."""
    if token.dep_ == "pobj" and token.head.lemma_.casefold() in lex.presupposing_preps:
        # "will elect a chairman during its meeting in January": as future as its verb
        return not _modal(token.head.head, lex)
    # "as they negotiate with Iran", "while troops shelled the town"
    if _marked(token, lex.presupposing_marks):
        return True
    return definite(token, lex)


def definite(token: Token, lex: EventRules) -> bool:
    """A noun trigger with "the" or a possessor: a happening the text has told of ("the
    attack on Benghazi", "Mr. Brat's accusations", "Friday's shooting")."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        (c.dep_ == "det" and c.lower_ in lex.definite_determiners) or c.dep_ == "poss"
        for c in token.children
    )


def _modal(verb: Token, lex: EventRules, *, future: bool = True) -> bool:
    """Whether a verb carries a modal ("would", "could") or, with ``future``, a future
    auxiliary ("will")."""
    words = lex.hypothetical_aux | lex.future_aux if future else lex.hypothetical_aux
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_.casefold() in words for c in verb.children)


def _infinitive(token: Token, lex: EventRules) -> Modality | None:
    """A verb trigger in the infinitive: what the verb above it makes of it ("managed
    to escape" happened, "failed to reach" did not, "left to meet with" and "agreed to
    withdraw" are yet to happen); None when the trigger is no infinitive."""
    if token.dep_ == "conj" and not any(c.tag_ == "TO" for c in token.children):
        token = token.head  # "prayed for him to have a heart attack and die"
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return None
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children):
        return None  # "the only two states to have signed peace treaties": done
    marks = lex.realis_infinitive_marks
    if any(c.dep_ == "advmod" and c.lower_ in marks for c in token.children):
        return None  # "returned to Cuba later that year, only to be jailed"
    above = token.head.lemma_.casefold()
    if above in lex.implicative_verbs:
        # "managed to force them to flee" happened; "filed suit to force the agency to
        # cooperate" is as yet to happen as the forcing
        return _infinitive(token.head, lex) if token.head.i != token.i else None
    if _expressed(token, lex):
        return None  # "millions took to the streets to demand Park's ouster"
    if above in lex.negative_implicative_verbs:
        return "denied"
    return "hypothetical"


def _expressed(token: Token, lex: EventRules) -> bool:
    """An act of expression in the purpose clause of a past act: done by doing it."""
    verb = token.head
    return bool(
        token.dep_ == "advcl"
        and verb.tag_ == "VBD"
        and not _modal(verb, lex)
        and token.lemma_.casefold() in lex.expressive_acts
    )
