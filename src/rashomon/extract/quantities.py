"""Quantities: the numbers in an article and what they count.

Numbers are found by a grammar built from data/quantities.toml (digits, number words,
scales, vague amounts, qualifiers, ranges, currency and percent marks) and read against
spaCy's parse: the noun a number counts (``3,287 people``, ``dozens of protesters``,
``five of them``) and the verb or adjective governing it (``killed``, ``wounded``,
``fled``) give its category. Casualty clauses also count determiners (``another person
was killed`` -> 1, ``None were hurt`` -> 0). Years, dates, clock times, durations,
ordinals, phone numbers and identifiers (``Route 66``, ``F-16``) are not quantities.

Everything here is a pure function of an already-parsed ``Doc``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Quantity, Ref
from .event_lexicon import rules
from .periods import clause_nodes, period_phrase
from .quantity_words import Grammar, QuantityWords, Written, grammar, quantity_words, scan

NOUNS = frozenset({"NOUN", "PROPN"})
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "NORP"}
)
# the number modifies the token it hangs from ("3,287 people", "a 2,000-strong force")
MODIFIER_DEPS = frozenset({"nummod", "quantmod", "amod", "nmod", "compound", "advmod", "det"})
# a noun in one of these relations takes its category from its head word
CLAUSE_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "dobj",
        "obj",
        "attr",
        "oprd",
        "dative",
        "csubj",
        "csubjpass",
        "npadvmod",
    }
)
# ...and through these it is still the same count ("5 soldiers and 3 civilians", "300,
# including 20 children")
CHAIN_DEPS = frozenset({"conj", "appos", "prep", *MODIFIER_DEPS})
COMPLEMENT_DEPS = frozenset({"acomp", "oprd", "xcomp"})
MODIFIER_CLAUSE_DEPS = frozenset({"amod", "acl", "relcl"})


# -- reading the parse -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    """What the parse readers need of one document, computed once per call."""

    doc: Any
    text: str  # doc.text, which spaCy rebuilds on every access
    ents: dict[int, Any]  # token index -> the entity span holding it
    words: QuantityWords
    grammar: Grammar


def find_quantities(doc: Any, *, article_id: str) -> tuple[Quantity, ...]:
    """Every quantity in a parsed article, sorted by start, non-overlapping; spans are
    character offsets into ``doc.text``."""
    ents = {t: e for e in doc.ents for t in range(e.start, e.end)}
    context = _Context(doc, doc.text, ents, quantity_words(), grammar())
    found: list[Quantity] = []
    for number in scan(context.text):
        quantity = _resolve(context, number, article_id)
        if quantity is not None:
            found.append(quantity)
    covered: set[int] = set()
    for quantity in found:
        span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        covered.update(range(span.start, span.end) if span is not None else ())
    found.extend(_determiners(context, covered, article_id))
    return tuple(sorted(found, key=lambda q: q.start))


def _resolve(context: _Context, number: Written, article_id: str) -> Quantity | None:
    """Check a written number against the parse; find what it counts and its category."""
    words, doc = context.words, context.doc
    span = doc.char_span(number.core_start, number.core_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tokens = list(span)
    inside = {t.i for t in tokens}
    root = next((t for t in reversed(tokens) if t.head.i not in inside), tokens[-1])
    if _not_a_count(context, tokens, root, number):
        return None
    unit, category, counted = number.unit, number.category, None
    if category is None:
        found = _count(context, root, tokens, number)
        if found is None:
            return None
        counted, category, unit = found
        if category is None and any(
            context.ents.get(t.i) is not None and context.ents[t.i].label_ == "MONEY"
            for t in tokens
        ):
            category = words.money_category
    text = context.text
    reading = number.reading
    return Quantity(
        article_id=article_id,
        start=number.start,
        end=number.end,
        text=text[number.start : number.end],
        value=None if reading.vague else reading.value,
        low=reading.low,
        high=reading.high,
        qualifier=number.qualifier,
        counted=counted,
        category=category,
        unit=unit,
        period=_period(context, root),
    )


def _period(context: _Context, root: Any) -> Ref | None:
    """The period a figure sums up, from its clause ("killed 5 million people between
    1997 and 2003" -> "between 1997 and 2003")."""
    phrase = period_phrase(clause_nodes(root), rules())
    if phrase is None:
        return None
    words = list(phrase.subtree)
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return Ref(text=context.text[start:end], start=start, end=end)


def _count(
    context: _Context, root: Any, tokens: list[Any], number: Written
) -> tuple[str | None, str | None, str | None] | None:
    """(counted, category, unit) of a number that names no unit itself, or None when the
    number is not a count after all (a year, a duration, a pronoun "one")."""
    words = context.words
    if _age_apposition(context, tokens, number):
        return None, words.age_category, words.age_unit
    noun = _counted_noun(root, number.strength, words)
    name = _name(noun, words) if noun is not None else None
    currency = _currency(noun, words, number.reading.value) if noun is not None else None
    if currency is not None:
        return None, words.money_category, currency or None
    if name is not None and _keys(name) & words.time_units:
        return None  # "three days": a duration, the dates extractor's business
    reading = number.reading
    year = reading.plain and words.year_min <= reading.value <= words.year_max
    if year and (noun is None or not _is_person(context, noun, name, loose=False)):
        return None  # "in 2006", "the 2006 war"
    anchor = noun if noun is not None and noun.i == root.head.i else root
    category = _category(context, root, noun, anchor, name)
    if noun is not None and _is_pronoun(noun, words) and category is None:
        name = None  # "one of them failed to detonate": them is not known to be people
    if name is None and category is None and _one_alone(number):
        return None  # "one of the largest", "the one"
    return name, category, None


def _age_apposition(context: _Context, tokens: list[Any], number: Written) -> bool:
    """ "Tom Reyes, 30, said": a plain number between commas after a person's name."""
    doc, first, last = context.doc, tokens[0], tokens[-1]
    if first.i < 2 or last.i + 1 >= len(doc) or not number.reading.plain:
        return False
    if number.reading.value > context.words.max_age:
        return False
    before, name, after = doc[first.i - 1], doc[first.i - 2], doc[last.i + 1]
    pair = False
    if before.lower_ in ("and", "or") and first.i >= 4 and doc[first.i - 2].like_num:
        # the second of "The women, 21 and 26, told police"
        before, name, pair = doc[first.i - 3], doc[first.i - 4], True
    elif after.lower_ in ("and", "or") and last.i + 3 < len(doc) and doc[last.i + 2].like_num:
        after, pair = doc[last.i + 3], True  # the first of "21 and 26,"
    person = name.ent_type_ == "PERSON" or (
        pair and name.lemma_.casefold() in context.words.person_nouns
    )
    return before.text == "," and person and after.text in (",", ";", ")")


def _one_alone(number: Written) -> bool:
    return number.reading.value == 1 and number.reading.low is None and not number.reading.plain


def _not_a_count(context: _Context, tokens: list[Any], root: Any, number: Written) -> bool:
    """Dates, times, names and identifiers that look like numbers."""
    words, doc = context.words, context.doc
    ent = context.ents.get(root.i)
    if ent is not None and number.category != words.age_category:
        if ent.label_ in ("DATE", "TIME") and _temporal(context, ent, number):
            return True
        if ent.label_ in NAME_LABELS and tokens[0].i > ent.start:
            return True  # "Resolution 1701", "Boeing 737"
    first, last = tokens[0], tokens[-1]
    if _in_idiom(doc, first, last, words) or _in_phone_number(doc, first, last, words):
        return True  # "At one point during the hearing", "+(511)242-2901"
    if _reference_mark(doc, first, last):
        return True  # "... to prevent emotional eating (21)."
    if _list_item(doc, first, last):
        return True  # "3. Keep a food diary": the number of an item in a list
    neighbours = [doc[i] for i in (first.i - 1, last.i + 1) if 0 <= i < len(doc)]
    if any(_is_month(t, context.grammar) for t in neighbours):
        return True  # "Nov. 12", "12 November"
    if number.unit is not None:
        return False
    if root.pos_ == "PROPN" and root.text[:1].isupper():
        return True  # "Zero Hedge": a number word in a name
    before = doc[first.i - 1] if first.i > 0 else None
    if before is not None:
        marker = before.lower_
        if before.text == "." and first.i > 1:  # "No. 10", the point split off
            marker = doc[first.i - 2].lower_ + "."
        if marker in words.numbering:
            return True  # "the Hungarian Rhapsody No 2", "No. 10 Downing Street"
    if (
        before is not None
        and before.pos_ == "PROPN"
        and before.text[:1].isupper()
        and not _is_month(before, context.grammar, weekdays=True)
        and (context.ents.get(before.i) is None or context.ents[before.i].label_ != "DATE")
    ):
        return True  # "Region 12", "Route 66", "Flight 17"
    head = root.head
    return (
        root.dep_ in ("nummod", "appos", "npadvmod", "compound", "nmod")
        and head.pos_ in NOUNS
        and head.i == first.i - 1
        and not _noun_category(context, head, depth=0)
    )  # "article 5", "room 12"


def _in_idiom(doc: Any, first: Any, last: Any, words: QuantityWords) -> bool:
    """The number is a word of a phrase that counts nothing ("at one point")."""
    for phrase in words.idioms:
        for offset in range(len(phrase)):
            start = first.i - offset
            if start < 0 or start + len(phrase) > len(doc) or start + len(phrase) <= last.i:
                continue
            if tuple(t.lower_ for t in doc[start : start + len(phrase)]) == phrase:
                return True
    return False


def _reference_mark(doc: Any, first: Any, last: Any) -> bool:
    """A bare number in brackets after a common word: a note or reference mark ("eating
    (21)", "[3]"); not an age after a name ("John Smith (21) was charged")."""
    if first.i < 2 or last.i + 1 >= len(doc):
        return False
    opening, closing, before = doc[first.i - 1], doc[last.i + 1], doc[first.i - 2]
    bracketed = opening.text in "([" and closing.text in ")]"
    return bracketed and first.i == last.i and before.pos_ != "PROPN" and first.like_num


def _list_item(doc: Any, first: Any, last: Any) -> bool:
    """A number that opens a line or paragraph followed by "." or ")": a list item."""
    if last.i + 1 >= len(doc) or doc[last.i + 1].text not in (".", ")"):
        return False
    text = doc.text
    before = text[max(0, first.idx - 2) : first.idx]
    return first.idx == 0 or "\n" in before


def _in_phone_number(doc: Any, first: Any, last: Any, words: QuantityWords) -> bool:
    start, end = first.idx, last.idx + len(last.text)
    text = doc.text[max(0, start - 24) : end + 24]
    base = max(0, start - 24)
    return any(
        m.start() + base < end and start < m.end() + base for m in words.phone.finditer(text)
    )


def _is_month(token: Any, grammar: Grammar, *, weekdays: bool = False) -> bool:
    word = token.text.rstrip(".")
    names = grammar.months | grammar.weekdays if weekdays else grammar.months
    return word[:1].isupper() and word.casefold() in names


def _temporal(context: _Context, ent: Any, number: Written) -> bool:
    """Whether a DATE/TIME entity around a number is really about time (spaCy's small
    model also labels plain counts as dates)."""
    words = context.words
    if number.reading.plain and words.year_min <= number.reading.value <= words.year_max:
        return True
    for token in ent:
        if _is_month(token, context.grammar, weekdays=True):
            return True
        if _keys(token.lemma_.casefold()) & words.time_units:
            return True
        if context.grammar.time_after.fullmatch(token.text):
            return True
    return False


# -- what is counted ---------------------------------------------------------------------


def _counted_noun(root: Any, strength: bool, words: QuantityWords) -> Any | None:
    """The noun a number counts: the noun it modifies ("3,287 people", "a 2,000-strong
    force") or the one after "of" ("dozens of protesters", "five of them")."""
    head = root.head
    if strength:
        for _ in range(3):
            if head.pos_ in NOUNS:
                return head
            head = head.head
        return None
    if root.dep_ in MODIFIER_DEPS and head.i > root.i and head.pos_ in NOUNS:
        return head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "out":  # "13 out of 19 crew members"
            child = next((c for c in child.children if c.dep_ == "prep"), child)
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and any(c.tag_ in ("JJS", "RBS") for c in objects[0].subtree):
                return None  # "one of the largest markets" ranks, it does not count
            if objects and objects[0].pos_ in (*NOUNS, "VERB"):  # "rolls" can be tagged a verb
                return objects[0]
            if objects and objects[0].lemma_.casefold() in words.pronouns:
                return objects[0]
    return None


def _is_pronoun(noun: Any, words: QuantityWords) -> bool:
    return noun.lemma_.casefold() in words.pronouns or noun.lower_ in words.pronouns


def _name(noun: Any, words: QuantityWords) -> str:
    lemma = noun.lemma_.casefold()
    if _is_pronoun(noun, words):
        return words.pronoun_counted
    if noun.tag_ == "NNPS" and lemma.endswith("s"):
        lemma = lemma[:-1]  # "Palestinians": the model leaves proper plurals alone
    parts = [lemma]
    modifier = noun
    while noun.pos_ == "NOUN":  # "security force personnel"
        compounds = [c for c in modifier.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
        if not compounds:
            break
        modifier = compounds[-1]
        parts.insert(0, modifier.lemma_.casefold())
    return " ".join(" ".join(parts).split())


def _keys(name: str) -> frozenset[str]:
    """A counted name and the shorter forms it is looked up by ("police officer" ->
    "officer"; "palestinians" -> "palestinian")."""
    parts = name.split()
    keys = {name, parts[-1]} if parts else set()  # a whitespace-only token has no words
    keys |= {k[:-1] for k in keys if k.endswith("s") and len(k) > 3}
    return frozenset(keys)


def _currency(noun: Any, words: QuantityWords, value: float | None = None) -> str | None:
    """The currency code a counted noun names ("" when it names money of no one
    currency), or None when it is not a currency ("pounds of explosives" is weight)."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return None
    lemma = noun.lemma_.casefold()
    weight = value is not None and value < words.max_weight
    if lemma in words.weight_currencies and weight and _weighed(noun, words):
        return None  # "the baby weighed 7 pounds", "he lost 40 pounds"
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.i < noun.i:
            code = words.currency_words.get(f"{child.lower_} {lemma}")
            if code is not None:
                return code
    if lemma in words.currency_words or noun.lower_ in words.currency_words:
        return words.currency_words.get(lemma, words.currency_words.get(noun.lower_)) or ""
    return None


def _weighed(noun: Any, words: QuantityWords) -> bool:
    """Whether a word for both money and weight is said of a weight here."""
    near = [noun.head, *noun.children, *noun.head.children]
    return any(
        t.lemma_.casefold() in words.weight_words or t.lower_ in words.weight_words for t in near
    )


def _is_person(
    context: _Context, noun: Any | None, name: str | None, *, loose: bool = True
) -> bool:
    """Whether a count is of people (a bare count is taken to be); ``loose`` also takes
    a noun with a people ending ("-ist", "-er") to be."""
    words = context.words
    if noun is None or name is None or name == words.pronoun_counted:
        return True
    keys = _keys(name)
    if keys & words.person_nouns or any(keys & c.people for c in words.categories):
        return True
    ent = context.ents.get(noun.i)
    if ent is not None and ent.label_ in ("NORP", "PERSON"):
        return True
    if any(keys & c.things for c in words.categories):
        return not loose  # "1500 rockets" is a count, not a year; rockets are not people
    last = name.split()[-1]
    return loose and any(last.endswith(e) and len(last) > len(e) + 2 for e in words.person_endings)


# -- its category ------------------------------------------------------------------------


def _category(
    context: _Context, root: Any, noun: Any | None, anchor: Any, name: str | None
) -> str | None:
    """The category of a count: its noun's, or the one the governing word gives."""
    words = context.words
    keys = _keys(name) if name else frozenset()
    for category in words.categories:
        if keys & category.things:
            return category.name
    person = _is_person(context, noun, name)
    if noun is None:
        found = _noun_category(context, root.head.head, depth=0) if _after_of(root) else None
        if found:
            return found
    if person:
        found = _governing(context, anchor, weak=False)
        if found:
            return found
    following = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    if noun is None and following is not None and following.pos_ in ("VERB", "ADJ"):
        found = _trigger(context, following, weak=False)  # "... and 1,200 injured"
        if found:
            return found
    for category in words.categories:
        if keys & category.people:
            return category.name
    if person:
        found = _governing(context, anchor, weak=True)
        if found:
            return found
    return _subject_category(context, root) if noun is None else None


def _after_of(token: Any) -> bool:
    """ "a death toll of 50", "a force of 2,000" """
    return bool(
        token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in NOUNS
    )


def _trigger(context: _Context, token: Any, *, weak: bool) -> str | None:
    keys = {token.lemma_.casefold(), token.lower_}
    for child in token.children:
        if child.dep_ == "prt":
            keys |= {f"{key} {child.lower_}" for key in list(keys)}
        if child.dep_ == "prep":  # "driven from their homes", "forced out of their homes"
            for c in child.children:
                keys.add(f"{child.lower_} {c.lemma_.casefold()}")
                keys |= {f"{child.lower_} {c.lower_} {o.lemma_.casefold()}" for o in c.children}
    for category in context.words.categories:
        if keys & (category.weak_predicates if weak else category.predicates):
            return category.name
    return None


def _predicate(context: _Context, token: Any, *, weak: bool) -> str | None:
    """The category a verb or adjective gives, with its complements ("found dead",
    "left homeless", "remain missing")."""
    found = _trigger(context, token, weak=weak)
    if found:
        return found
    for child in token.children:
        if child.dep_ in COMPLEMENT_DEPS or (child.dep_ == "advcl" and child.pos_ == "ADJ"):
            found = _trigger(context, child, weak=weak)
            if found:
                return found
    return None


def _governing(context: _Context, anchor: Any, *, weak: bool) -> str | None:
    """Walk up from a count to the word that says what happened to it: its own modifier
    ("wounded soldiers", "people killed"), or the verb it is subject or object of, through
    partitives, lists and appositions ("five of them", "20, including 3 children"). The
    subject of an active verb with a victim for object is the actor, not the victim
    ("three gunmen killed 19 people")."""
    token = anchor
    for _ in range(6):
        for child in token.children:
            if child.dep_ == "amod" or (child.dep_ in MODIFIER_CLAUSE_DEPS and child.i > token.i):
                if _has_subject(child) and _is_agent(context, child):
                    continue  # "soldiers who killed three people"
                found = _predicate(context, child, weak=weak)
                if found:
                    return found
        head = token.head
        if head.i == token.i:
            return None
        if token.dep_ in CLAUSE_DEPS:
            if token.dep_ == "nsubj" and _is_agent(context, head):
                return None
            return _predicate(context, head, weak=weak) or (
                _suffered(context, head) if token.dep_ == "nsubj" else None
            )
        if head.pos_ in ("ADJ", "VERB") and token.dep_ in (*MODIFIER_DEPS, "conj"):
            return _predicate(context, head, weak=weak)  # "seven dead", "28 people" (misparsed)
        if token.dep_ == "pobj":
            if head.head.pos_ in (*NOUNS, "PRON", "NUM"):
                token = head.head
                continue
            if head.lower_ in context.words.inclusion and head.head.pos_ == "VERB":
                return _predicate(context, head.head, weak=weak)  # "detained 34, including 4"
            return None
        if token.dep_ not in CHAIN_DEPS:
            return None
        token = head
    return None


def _has_subject(verb: Any) -> bool:
    return any(c.dep_ == "nsubj" for c in verb.children)


def _is_agent(context: _Context, verb: Any) -> bool:
    """Whether the subject of ``verb`` acts on people: it has people (or a number) for
    object ("killed 19 people", "wounded 12")."""
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            if child.pos_ == "NUM" or any(c.dep_ == "nummod" for c in child.children):
                return True
            if _is_person(context, child, _name(child, context.words)):
                return True
    return False


def _suffered(context: _Context, verb: Any) -> str | None:
    """ "three children suffered injuries", "five people lost their lives" """
    for child in verb.children:
        if child.dep_ in ("dobj", "obj") and child.pos_ in NOUNS:
            keys = _keys(_name(child, context.words))
            for category in context.words.categories:
                if category.casualty and keys & category.things:
                    return category.name
    return None


def _noun_category(context: _Context, noun: Any, *, depth: int) -> str | None:
    """The category a noun phrase names: "death toll", "a force", "the number of people
    killed"."""
    if noun.pos_ not in NOUNS:
        return None
    keys = _keys(_name(noun, context.words))
    for category in context.words.categories:
        if keys & (category.things | category.people):
            return category.name
    if depth <= 0:
        return None
    for child in noun.children:
        if child.dep_ in MODIFIER_CLAUSE_DEPS:
            found = _predicate(context, child, weak=False)
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _noun_category(context, pobj, depth=depth - 1)
                    if found:
                        return found
    return None


def _subject_category(context: _Context, root: Any) -> str | None:
    """A bare total takes its category from the verb's subject: "the death toll rose to
    50", "casualties stood at 12", "protesters numbered 5,000"."""
    if root.dep_ == "pobj" and root.head.lower_ in context.words.total_prepositions:
        verb = root.head.head
    elif root.dep_ in ("attr", "dobj", "npadvmod"):
        verb = root.head
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return _noun_category(context, child, depth=2)
    return None


# -- counts written as determiners -------------------------------------------------------


def _determiners(context: _Context, covered: set[int], article_id: str) -> list[Quantity]:
    """Casualty counts with no number written: "another person was killed" (1), "a child
    was wounded" (1), "None were hurt", "no one was killed", "no deaths" (0)."""
    words, doc = context.words, context.doc
    found = []
    for token in doc:
        if token.i in covered:
            continue
        word = token.lower_
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        end = token.idx + len(token.text)
        noun: Any | None = None
        if word == "no" and after is not None and f"no {after.lower_}" in words.zero_words:
            value, anchor, end = 0.0, after, after.idx + len(after.text)
        elif word in words.zero_words and token.dep_ == "det" and token.head.pos_ == "NOUN":
            value, anchor, noun = 0.0, token.head, token.head
        elif word in words.zero_words and token.pos_ in ("NOUN", "PRON") and token.dep_ != "det":
            value, anchor = 0.0, token
            noun = _counted_noun(token, False, words)
        elif (
            word in words.one_words
            and token.dep_ in ("det", "nummod")
            and token.head.pos_ == "NOUN"
            and token.head.tag_ == "NN"
            and token.head.i > token.i
        ):
            value, anchor, noun = 1.0, token.head, token.head
        else:
            continue
        name = _name(noun, words) if noun is not None else None
        if value == 1.0 and (name is None or not _is_person(context, noun, name)):
            continue
        category = _determiner_category(context, anchor, name)
        if category is None:
            continue
        found.append(
            Quantity(
                article_id=article_id,
                start=token.idx,
                end=end,
                text=context.text[token.idx : end],
                value=value,
                qualifier=words.additional if word in words.additional_before else None,
                counted=name,
                category=category,
            )
        )
    return found


def _determiner_category(context: _Context, anchor: Any, name: str | None) -> str | None:
    """A casualty category for a determiner count, or None."""
    casualty = {c.name for c in context.words.categories if c.casualty}
    keys = _keys(name) if name else frozenset()
    for category in context.words.categories:
        if keys & category.things:
            return category.name if category.name in casualty else None
    if name is None or _is_person(context, anchor, name):
        found = _governing(context, anchor, weak=False)
        if found in casualty:
            return found
    return None
