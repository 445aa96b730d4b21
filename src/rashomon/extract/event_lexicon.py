"""The event extractor's knowledge, loaded once from data/event_triggers.tsv,
data/plover_acled.tsv and data/event_rules.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from ..lexicons import read_data, read_tsv, word_list

TRIGGER_POS = frozenset({"V", "N", "*"})


@dataclass(frozen=True, kw_only=True, slots=True)
class Trigger:
    """One lexicon entry: a lemma sequence and the event it names."""

    lemmas: tuple[str, ...]
    pos: str
    plover_type: str
    plover_mode: str | None
    weight: int


@dataclass(frozen=True, kw_only=True, slots=True)
class AcledMapping:
    acled_type: str | None
    acled_subtype: str | None
    case_code: str


@dataclass(frozen=True, kw_only=True, slots=True)
class EventRules:
    negators: frozenset[str]
    denial_verbs: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_verbs: frozenset[str]
    plan_preps: frozenset[str]
    threat_verbs: frozenset[str]
    background_marks: frozenset[str]
    directive_verbs: frozenset[str]
    discussion_verbs: frozenset[str]
    directed_preps: frozenset[str]
    topic_preps: frozenset[str]
    question_marks: frozenset[str]
    presupposing_marks: frozenset[str]
    conditional_verbs: frozenset[str]
    presupposing_preps: frozenset[str]
    implicative_verbs: frozenset[str]
    negative_implicative_verbs: frozenset[str]
    abstention_verbs: frozenset[str]
    expressive_acts: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    period_preps: frozenset[str]
    period_words: frozenset[str]
    recent_words: frozenset[str]
    year_preps: frozenset[str]
    tally_phrases: frozenset[str]
    future_aux: frozenset[str]
    protest_intervention: frozenset[str]
    protest_force: frozenset[str]
    protest_violent: frozenset[str]
    state_actor_words: frozenset[str]
    non_state_words: frozenset[str]
    weapon_objects: frozenset[str]
    weapon_nouns: frozenset[str]
    harmless_cargo: frozenset[str]
    reception_words: frozenset[str]
    disrupt_verbs: frozenset[str]
    use_verbs: frozenset[str]
    military_targets: frozenset[str]
    regain_lemmas: frozenset[str]
    base_objects: frozenset[str]
    accident_words: frozenset[str]
    accident_triggers: frozenset[str]
    mishap_words: frozenset[str]
    event_heads: frozenset[str]
    violence_max_weight: int
    violence_gated: frozenset[str]
    violence_physical: frozenset[str]
    violence_legal: frozenset[str]
    lifeless_pronouns: frozenset[str]
    violence_sites: frozenset[str]
    violence_weapons: frozenset[str]
    agent_kinds: frozenset[str]
    place_nouns: frozenset[str]
    hosting_verbs: frozenset[str]
    locative_preps: frozenset[str]
    origin_preps: frozenset[str]
    party_preps: frozenset[str]
    subject_place_preps: frozenset[str]
    definite_determiners: frozenset[str]
    support_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    claim_objects: frozenset[str]
    not_actor_labels: frozenset[str]
    relative_pronouns: frozenset[str]
    aerial_evidence: frozenset[str]
    air_words: frozenset[str]
    pending_nouns: frozenset[str]
    occurrence_verbs: frozenset[str]
    realis_marks: frozenset[str]
    statement_types: frozenset[str]
    realis_infinitive_marks: frozenset[str]
    illness_words: frozenset[str]
    tally_heads: frozenset[str]
    violent_deaths: frozenset[str]
    hypothetical_determiners: frozenset[str]
    said_nouns: frozenset[str]
    visit_lemmas: frozenset[str]
    protesters: frozenset[str]
    experiencer_verbs: frozenset[str]
    aircraft: frozenset[str]
    flying_verbs: frozenset[str]
    pending_marks: frozenset[str]
    chemical_agents: frozenset[str]
    crowd_control: frozenset[str]
    reporting_verbs: frozenset[str]
    only_words: frozenset[str]
    topic_gerund_preps: frozenset[str]


def split_phrase(phrase: str) -> tuple[str, ...]:
    """Lemmas of a phrase: words split on spaces and hyphens, lower-cased."""
    return tuple(part for part in re.split(r"[\s\-]+", phrase.casefold()) if part)


@cache
def triggers() -> dict[str, tuple[Trigger, ...]]:
    """Triggers indexed by their first lemma, longest phrases first."""
    index: dict[str, list[Trigger]] = {}
    for row in read_tsv("event_triggers.tsv"):
        lemmas = split_phrase(row["phrase"])
        if not lemmas or row["pos"] not in TRIGGER_POS or not row["type"]:
            raise ValueError(f"event_triggers.tsv: bad row {row}")
        trigger = Trigger(
            lemmas=lemmas,
            pos=row["pos"],
            plover_type=row["type"],
            plover_mode=row["mode"] or None,
            weight=int(row["weight"]),
        )
        index.setdefault(lemmas[0], []).append(trigger)
    return {k: tuple(sorted(v, key=lambda t: -len(t.lemmas))) for k, v in index.items()}


@cache
def noun_triggers() -> frozenset[str]:
    """The one-word triggers that may be nouns ("attack", "investigation")."""
    return frozenset(
        t.lemmas[0]
        for entries in triggers().values()
        for t in entries
        if len(t.lemmas) == 1 and t.pos in ("N", "*")
    )


@cache
def acled_mappings() -> dict[tuple[str, str | None], AcledMapping]:
    """(PLOVER type, mode or None for the type's default) -> ACLED mapping."""
    table = {}
    for row in read_tsv("plover_acled.tsv"):
        table[(row["plover_type"], row["plover_mode"] or None)] = AcledMapping(
            acled_type=row["acled_type"] or None,
            acled_subtype=row["acled_subtype"] or None,
            case_code=row["case_code"],
        )
    return table


def acled_for(plover_type: str, mode: str | None) -> AcledMapping | None:
    table = acled_mappings()
    return table.get((plover_type, mode)) or table.get((plover_type, None))


@cache
def rules() -> EventRules:
    raw = tomllib.loads(read_data("event_rules.toml"))

    def words(section: str, key: str) -> frozenset[str]:
        return frozenset(word_list(raw[section][key], f"event_rules.toml: {section}.{key}"))

    return EventRules(
        negators=words("modality", "negators"),
        denial_verbs=words("modality", "denial_verbs"),
        conditional_marks=words("modality", "conditional_marks"),
        hypothetical_aux=words("modality", "hypothetical_aux"),
        hypothetical_verbs=words("modality", "hypothetical_verbs"),
        plan_preps=words("modality", "plan_preps"),
        threat_verbs=words("modality", "threat_verbs"),
        background_marks=words("modality", "background_marks"),
        directive_verbs=words("modality", "directive_verbs"),
        discussion_verbs=words("modality", "discussion_verbs"),
        directed_preps=words("modality", "directed_preps"),
        topic_preps=words("modality", "topic_preps"),
        question_marks=words("modality", "question_marks"),
        presupposing_marks=words("modality", "presupposing_marks"),
        conditional_verbs=words("modality", "conditional_verbs"),
        presupposing_preps=words("modality", "presupposing_preps"),
        implicative_verbs=words("modality", "implicative_verbs"),
        negative_implicative_verbs=words("modality", "negative_implicative_verbs"),
        abstention_verbs=words("modality", "abstention_verbs"),
        expressive_acts=words("modality", "expressive_acts"),
        hypothetical_modifiers=words("modality", "hypothetical_modifiers"),
        period_preps=words("modality", "period_preps"),
        period_words=words("modality", "period_words"),
        recent_words=words("modality", "recent_words"),
        year_preps=words("modality", "year_preps"),
        tally_phrases=words("modality", "tally_phrases"),
        future_aux=words("modality", "future_aux"),
        protest_intervention=words("protest", "intervention"),
        protest_force=words("protest", "force"),
        protest_violent=words("protest", "violent"),
        state_actor_words=words("territory", "state_actor_words"),
        non_state_words=words("territory", "non_state_words"),
        weapon_objects=words("weapons", "objects"),
        weapon_nouns=words("weapons", "weapon_nouns"),
        harmless_cargo=words("weapons", "harmless_cargo"),
        reception_words=words("consult", "reception_words"),
        disrupt_verbs=words("weapons", "disrupt_verbs"),
        use_verbs=words("weapons", "use_verbs"),
        military_targets=words("battle", "military_targets"),
        regain_lemmas=words("territory", "regain_lemmas"),
        base_objects=words("base", "objects"),
        accident_words=words("disaster", "accident_words"),
        accident_triggers=words("disaster", "accident_triggers"),
        mishap_words=words("disaster", "mishap_words"),
        event_heads=words("modifiers", "event_heads"),
        violence_max_weight=int(raw["violence"]["max_weight"]),
        violence_gated=words("violence", "gated"),
        violence_physical=words("violence", "physical"),
        violence_legal=words("violence", "legal"),
        lifeless_pronouns=words("violence", "lifeless_pronouns"),
        violence_sites=words("violence", "sites"),
        violence_weapons=words("violence", "weapons"),
        agent_kinds=words("modifiers", "agent_kinds"),
        place_nouns=words("location", "place_nouns"),
        hosting_verbs=words("location", "hosting_verbs"),
        locative_preps=words("location", "locative_preps"),
        origin_preps=words("location", "origin_preps"),
        party_preps=words("location", "party_preps"),
        subject_place_preps=words("location", "subject_place_preps"),
        definite_determiners=words("modality", "definite_determiners"),
        support_verbs=words("arguments", "support_verbs"),
        claim_verbs=words("arguments", "claim_verbs"),
        claim_objects=words("arguments", "claim_objects"),
        not_actor_labels=frozenset(w.upper() for w in words("arguments", "not_actor_labels")),
        relative_pronouns=words("arguments", "relative_pronouns"),
        aerial_evidence=words("aerial", "needs_evidence"),
        air_words=words("aerial", "air_words"),
        pending_nouns=words("modality", "pending_nouns"),
        occurrence_verbs=words("modality", "occurrence_verbs"),
        realis_marks=words("modality", "realis_marks"),
        chemical_agents=words("weapons", "chemical_agents"),
        crowd_control=words("weapons", "crowd_control"),
        aircraft=words("weapons", "aircraft"),
        flying_verbs=words("weapons", "flying_verbs"),
        pending_marks=words("modality", "pending_marks"),
        experiencer_verbs=words("location", "experiencer_verbs"),
        protesters=words("protest", "protesters"),
        violent_deaths=words("violence", "violent_deaths"),
        hypothetical_determiners=words("modality", "hypothetical_determiners"),
        said_nouns=words("modality", "said_nouns"),
        visit_lemmas=words("location", "visit_lemmas"),
        illness_words=words("violence", "illness_words"),
        tally_heads=words("modality", "tally_heads"),
        realis_infinitive_marks=words("modality", "realis_infinitive_marks"),
        statement_types=frozenset(w.upper() for w in words("location", "statement_types")),
        reporting_verbs=words("modality", "reporting_verbs"),
        only_words=words("modality", "only_words"),
        topic_gerund_preps=words("modality", "topic_gerund_preps"),
    )
