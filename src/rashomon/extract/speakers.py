"""Speakers of quotes: the attribution as written, the medium it went through, and the
name it stands for.

rashomon.extract.quotes finds where a quote is attributed (a cue verb, ``according
to``, a dash, a ``Name:`` line); this module reads the attribution:

- ``speaker_ref``: the speaker phrase as written (``Khalid Al-Yaqobi, the security
  advisor``, ``he``, ``the US official``, ``Lebanon's health ministry``);
- ``medium``: who heard it or carried it (``told Al-Iraqiya News``, ``in statements to
  the official Iraqi News Agency``, ``in an interview with Gulf Radio``, ``state TV
  quoted X as saying``, ``leaflets dropped by the army read``: the army speaks);
- ``speaker``: the name it stands for. A name is written at its fullest form in the
  article (``Yaqobi`` -> ``Khalid Al-Yaqobi``); a pronoun takes the most recent speaker
  or subject of its kind (a person for he/she, a group for it/they); a definite
  description (``the minister``) takes the person or organization introduced earlier
  with that role word (``Israel's defense minister Israel Katz``); a relative ``who``
  takes the noun it stands for, never a place (``an official in Kirkuk, who ...``);
  anything else stays as written. Pictures (``footage ... showed``) never speak.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Ref
from .quote_words import QuoteWords

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# a verb without a subject of its own borrows its head's: "..., saying", "and added"
BORROWS_SUBJECT = frozenset({"conj", "advcl", "xcomp", "pcomp", "acl", "prep"})
OBJECTS = frozenset({"dobj", "dative", "iobj", "obj"})
# an inverted subject as the parser may label it: "..., said the US official"
INVERTED = frozenset({"dobj", "attr", "npadvmod", "nsubj", "appos", "oprd"})
DESCRIPTION_CUTS = frozenset({"relcl", "appos", "acl", "punct", "cc", "conj", "advcl"})
# clauses that may be set off by a comma deeper in a phrase ("in Kirkuk, who asked ...")
SET_OFF = frozenset({"relcl", "appos", "acl", "advcl"})
# a past participle heading these modifies a noun or the sentence; it reports nothing
MODIFIERS = frozenset({"advcl", "acl"})
NOT_OUTLETS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "GPE", "LOC"})
GENDER_OF = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "hers": "she"}
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Parsed:
    """One parsed article with the lookups every pass needs: its text (``doc.text`` is
    rebuilt on each access), token starts, its paragraphs and which tokens are quoted."""

    doc: Any
    text: str
    words: QuoteWords
    starts: tuple[int, ...]
    inside: frozenset[int]  # tokens inside a quotation, marks included
    paragraphs: tuple[Span, ...]
    paragraph_starts: tuple[int, ...]

    def token_at(self, char: int) -> Any:
        return self.doc[max(0, bisect_right(self.starts, char) - 1)]

    def tokens(self, start: int, end: int) -> list[Any]:
        """The tokens overlapping text[start:end]."""
        lo = max(0, bisect_right(self.starts, start) - 1)
        hi = bisect_right(self.starts, end - 1)
        return [t for t in self.doc[lo:hi] if t.idx + len(t) > start]

    def paragraph(self, char: int) -> Span:
        i = bisect_right(self.paragraph_starts, char) - 1
        return self.paragraphs[max(0, i)]

    def cue(self, token: Any) -> str | None:
        """The class of a cue verb outside quotation marks, else None."""
        if token.pos_ not in ("VERB", "AUX") or token.i in self.inside:
            return None
        if token.tag_ == "VBN" and token.dep_ in MODIFIERS:
            return None  # "Described as "a catastrophe", the siege ...": the writer's words
        return self.words.verb_class(token.lemma_)

    def ref(self, span: Span) -> Ref:
        """The text at a span, as a record field."""
        return Ref(text=self.text[span[0] : span[1]], start=span[0], end=span[1])


@dataclass(frozen=True, kw_only=True, slots=True)
class Attribution:
    """Who said it and how: the cue's span (and token, when it is a word of the parse),
    the speaker's head token and phrase, the medium."""

    cue: Span
    cue_token: int | None
    speaker: Any | None
    speaker_span: Span | None
    medium: Ref | None = None


# -- reading an attribution ------------------------------------------------------------


def trimmed(tokens: Sequence[Any]) -> Span | None:
    """The character span of a token run without punctuation or space at either end."""
    words = [i for i, t in enumerate(tokens) if not (t.is_punct or t.is_space)]
    while words and tokens[words[-1]].tag_ == "POS":
        words.pop()
    if not words:
        return None
    first, last = words[0], words[-1]
    opened = sum(t.text == "(" for t in tokens[first:last]) - sum(
        t.text == ")" for t in tokens[first:last]
    )
    if opened > 0 and last + 1 < len(tokens) and tokens[last + 1].text == ")":
        last += 1  # "(PMU)"
    return tokens[first].idx, tokens[last].idx + len(tokens[last])


def phrase(doc: Any, head: Any, blocked: frozenset[int]) -> Span | None:
    """The noun phrase of ``head`` as written: its contiguous subtree around it, never
    running into ``blocked`` tokens (quoted words, the cue) or across a line."""
    subtree = {t.i for t in head.subtree} - _when(head)
    lo = hi = head.i
    while lo - 1 in subtree and lo - 1 not in blocked and "\n" not in doc[lo - 1].text:
        lo -= 1
    while hi + 1 in subtree and hi + 1 not in blocked and "\n" not in doc[hi + 1].text:
        hi += 1
    return trimmed(doc[lo : hi + 1])


def _when(head: Any) -> set[int]:
    """Time phrases the parser hung on a noun (``Alina Romanowski on 23 August``)."""
    out: set[int] = set()
    for child in head.rights:
        words = [t for t in child.subtree if not t.is_punct]
        if words and all(t.ent_type_ in ("DATE", "TIME") or t.pos_ == "ADP" for t in words):
            out |= {t.i for t in child.subtree}
    return out


def attribution(art: Parsed, verb: Any, speaker: Any | None) -> Attribution:
    """The attribution made by a cue word (a verb and its particle, or a noun)."""
    cue_tokens = [verb, *(c for c in verb.children if c.dep_ == "prt")]
    if _takes_preposition(art, verb):  # "called for", "warned of"
        cue_tokens += [
            c
            for c in verb.children
            if c.dep_ == "prep" and c.i == verb.i + 1 and c.lower_ in art.words.object_prepositions
        ]
    cue = trimmed(sorted(cue_tokens, key=lambda t: t.i)) or (verb.idx, verb.idx + len(verb))
    blocked = frozenset(art.inside | {t.i for t in cue_tokens})
    through = medium(art, verb, blocked) or _quoted_by(art, speaker, blocked)
    if speaker is not None and is_document(speaker, art.words):
        through = _ref_of(art, speaker, blocked)  # "Leaflets dropped by the army read: ..."
        speaker = author(art, speaker)
    elif speaker is not None and _is_issued(speaker, art.words):
        writer = author(art, speaker)  # "a report by Amnesty said ..."
        if writer is not None:
            through, speaker = _ref_of(art, speaker, blocked), writer
    return Attribution(
        cue=cue,
        cue_token=verb.i,
        speaker=speaker,
        speaker_span=phrase(art.doc, speaker, blocked) if speaker is not None else None,
        medium=through,
    )


def _quoted_by(art: Parsed, speaker: Any | None, blocked: frozenset[int]) -> Ref | None:
    """The medium named beside the speaker: ``the ministry, quoted by Sana, said ...``."""
    for clause in speaker.children if speaker is not None else ():
        if clause.dep_ == "acl" and clause.lemma_.lower() in art.words.quoting_verbs:
            for agent in (c for c in clause.children if c.dep_ == "agent"):
                for obj in (c for c in agent.children if c.dep_ == "pobj"):
                    return _ref_of(art, obj, blocked)
    return None


def is_document(token: Any, words: QuoteWords) -> bool:
    """A written thing that carries words (``leaflets``, ``a banner``), not a speaker."""
    return bool(token.pos_ == "NOUN" and token.lemma_.lower() in words.documents)


def _is_issued(token: Any, words: QuoteWords) -> bool:
    """A document issued in someone's name (``a statement``, ``the report``)."""
    return bool(token.pos_ == "NOUN" and token.lemma_.lower() in words.issued)


def author(art: Parsed, document: Any, depth: int = 0) -> Any | None:
    """Who wrote a document: ``leaflets dropped by the army``, ``a note from the
    group``, ``the army's leaflets``; for ``the leaflets``, the subject that dropped
    them, said something in them (``the ministry said in a statement``) or wrote the
    last such document before."""
    words = art.words
    preps: list[Any] = []
    for child in document.children:
        if child.i in art.inside:
            continue
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in words.author_prepositions:
            preps.append(child)
        if child.dep_ == "acl":  # "leaflets dropped by the army"
            preps += [c for c in child.children if c.dep_ == "agent" or c.lower_ == "by"]
    if document.dep_ in SUBJECTS and document.head.tag_ in ("VBD", "VBN"):
        # the same, parsed as a clause of its own: "Leaflets [dropped by the army] read:"
        preps += [c for c in document.head.children if c.dep_ == "agent" or c.lower_ == "by"]
    for prep in preps:
        found = [c for c in prep.children if c.dep_ == "pobj" and c.i not in art.inside]
        if found and not _carrier(found[0], words):
            return found[0]
    if depth > 0 or not _is_definite(document, words):
        return None
    lemma = document.lemma_.lower()
    for earlier in reversed(art.doc[: document.i]):
        if earlier.lemma_.lower() != lemma or earlier.i in art.inside:
            continue
        verb = earlier.head.head if earlier.dep_ == "pobj" else earlier.head
        if earlier.dep_ in OBJECTS or (earlier.dep_ == "pobj" and verb.pos_ == "VERB"):
            # "the army dropped leaflets", "the ministry said in a statement"
            maker = subject(verb, words, art.inside)
            return maker if maker is not None and not _carrier(maker, words) else None
        return author(art, earlier, depth + 1)
    return None


def _carrier(token: Any, words: QuoteWords) -> bool:
    return is_document(token, words) or _is_issued(token, words)


def described(art: Parsed, head: Any, within: Span) -> str:
    """The speaker as a description, for when it names no one: the head with its
    modifiers, without appositives and relative clauses (``one Democratic source on
    the panel``, not ``..., who asked not to be named``), within the written phrase."""
    outside = {t.i for t in head.subtree if not within[0] <= t.idx < within[1]}
    span = core(art, head, frozenset(art.inside | outside))
    return art.text[span[0] : span[1]] if span else str(head.text)


def core(art: Parsed, head: Any, blocked: frozenset[int]) -> Span | None:
    """A noun phrase without its appositives, relative and other clauses."""
    keep = {head.i}
    for child in head.children:
        # hyphens and apostrophes hold names together: "Al-Iraqiya", "Asharq Al-Awsat"
        joiner = child.is_punct and child.text in "-'’"
        # a name right after its noun belongs to it: "the state news agency Sana"
        named = child.dep_ == "appos" and child.pos_ == "PROPN" and child.i == head.i + 1
        if (child.dep_ not in DESCRIPTION_CUTS and not child.is_punct) or joiner or named:
            keep |= {t.i for t in child.subtree} - _set_off(child)
    lo = hi = head.i
    while lo - 1 in keep and lo - 1 not in blocked:
        lo -= 1
    while hi + 1 in keep and hi + 1 not in blocked:
        hi += 1
    return trimmed(art.doc[lo : hi + 1])


def _set_off(token: Any) -> set[int]:
    """Clauses set off by a comma below a word of a phrase: ``in Kirkuk, who asked not
    to be named``, ``for the group, an offshoot of ...``."""
    out: set[int] = set()
    doc = token.doc
    for t in token.subtree:
        if t.i != token.i and t.dep_ in SET_OFF and doc[max(0, t.left_edge.i - 1)].text == ",":
            out |= {u.i for u in t.subtree}
    return out


def source_phrase(art: Parsed, token: Any) -> tuple[Any, Any] | None:
    """(first word, object) of a source phrase starting at ``token``: ``according to
    X``, ``in the words of X``."""
    doc = art.doc
    for words in art.words.source_phrases:
        n = len(words)
        if token.i + n > len(doc) or token.lower_ != words[0]:
            continue
        if tuple(t.lower_ for t in doc[token.i : token.i + n]) != words:
            continue
        objects = [c for c in doc[token.i + n - 1].children if c.dep_ == "pobj"]
        if objects and objects[0].i not in art.inside:
            return token, objects[0]
    return None


def source_attribution(art: Parsed, anchor: Any, obj: Any) -> Attribution:
    """``according to X``: the phrase is the cue, X the speaker (up to a comma)."""
    n = next(len(p) for p in art.words.source_phrases if anchor.lower_ == p[0])
    last = art.doc[anchor.i + n - 1]
    blocked = set(art.inside | set(range(anchor.i, anchor.i + n)))
    comma = next((t.i for t in art.doc[obj.i : obj.right_edge.i + 1] if t.text == ","), None)
    if comma is not None:
        blocked |= set(range(comma, obj.right_edge.i + 1))
    return Attribution(
        cue=(anchor.idx, last.idx + len(last)),
        cue_token=anchor.i,
        speaker=obj,
        speaker_span=core(art, obj, frozenset(blocked)),
    )


def _takes_preposition(art: Parsed, verb: Any) -> bool:
    """Whether a cue verb says what it reports through a preposition (``warned of``),
    having no object of its own."""
    words = art.words
    kind = words.verb_class(verb.lemma_)
    takes = (
        kind in words.object_classes
        or kind in words.predicate_classes
        or verb.lemma_.lower() in words.object_verbs
    )
    return takes and not any(c.dep_ in OBJECTS for c in verb.children)


def subject(
    verb: Any, words: QuoteWords, skip: frozenset[int] = frozenset(), depth: int = 0
) -> Any | None:
    """The speaker token of a cue verb: its subject (the agent of a passive), else the
    subject of the verb it hangs from (``..., saying``; ``was quoted as saying``).
    Tokens in ``skip`` (quoted words) are never the speaker, nor is a picture (``footage
    ... showed``); ``quoted X as saying`` is said by X."""
    passed = quoting(verb, words)
    if passed is not None:
        return passed[0] if passed[0].i not in skip else None
    children = [c for c in verb.children if c.i not in skip]
    if any(c.dep_ in SUBJECTS and c.lemma_.lower() in words.images for c in children):
        return None
    for child in children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in children:
        if child.dep_ in ("nsubj", "csubj") and child.lower_ not in words.not_speakers:
            return child
    # "was described in the filing as a consultant": who is named, not who named him
    named = words.verbs.get(verb.lemma_.lower()) in words.predicate_classes
    if (depth > 0 or verb.tag_ in ("VBG", "VBN") or verb.dep_ == "conj") and not named:
        for child in children:
            if child.dep_ == "nsubjpass":
                return child
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head  # "footage of Trump saying ..."
    if depth < 3 and verb.dep_ in BORROWS_SUBJECT and verb.head.i != verb.i:
        return subject(verb.head, words, skip, depth + 1)
    return None


def quoting(verb: Any, words: QuoteWords) -> tuple[Any, Any | None] | None:
    """(speaker, medium) of a cue verb passed on by a quoting verb: ``state TV quoted
    the governor as saying``, ``the governor was quoted by Sana as saying``."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.i == prep.head.i:
        return None
    outer = prep.head
    if outer.pos_ != "VERB" or outer.lemma_.lower() not in words.quoting_verbs:
        return None
    children = list(outer.children)
    speaker = next((c for c in children if c.dep_ in OBJECTS or c.dep_ == "nsubjpass"), None)
    if speaker is None:
        return None
    through = next((c for c in children if c.dep_ == "nsubj"), None)
    for agent in (c for c in children if c.dep_ == "agent" and through is None):
        through = next((c for c in agent.children if c.dep_ == "pobj"), None)
    return speaker, through


def passes_on(verb: Any, words: QuoteWords) -> bool:
    """Whether a quoting verb only passes on a speaker's words (``quoted X as saying``)."""
    return any(
        quoting(c, words) is not None
        for prep in verb.children
        if prep.dep_ == "prep"
        for c in prep.children
    )


def inverted_subject(verb: Any) -> Any | None:
    """The speaker after the verb when the parser did not call it a subject."""
    for child in verb.rights:
        if child.dep_ in INVERTED and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child
    return None


def medium(art: Parsed, verb: Any, blocked: frozenset[int]) -> Ref | None:
    """Who the cue verb's words went to: the addressee of ``told``, the object of "to",
    "with" or "on" after a statement noun (``in an interview with X``), an outlet after
    ``to``/``on`` (``said on Gulf Radio``)."""
    words = art.words
    passed = quoting(verb, words)
    if passed is not None and passed[1] is not None and passed[1].i not in blocked:
        return _ref_of(art, passed[1], blocked)
    if verb.lemma_.lower() in words.addressee_verbs:
        for child in verb.children:
            if (
                child.dep_ in OBJECTS
                and child.i not in blocked
                and child.pos_ in ("NOUN", "PROPN", "PRON")
                and child.lower_ not in ("that", "it")
            ):
                return _ref_of(art, child, blocked)
    for prep in _preps(verb):
        found = _medium_after(art, prep, blocked, depth=0)
        if found is not None:
            return found
    return None


def _preps(verb: Any) -> Iterable[Any]:
    for child in verb.children:
        if child.dep_ == "prep":
            yield child
        elif child.dep_ == "advcl" and child.tag_ == "VBG":  # "speaking to reporters"
            yield from (c for c in child.children if c.dep_ == "prep")


def _medium_after(art: Parsed, prep: Any, blocked: frozenset[int], depth: int) -> Ref | None:
    objects = [c for c in prep.children if c.dep_ == "pobj" and c.i not in blocked]
    if not objects or prep.i in blocked:
        return None
    obj, word = objects[0], prep.lower_
    if _is_statement(obj, art.words):
        if depth == 0 and word not in art.words.statement_prepositions:
            return None
        for inner in obj.children:
            if inner.dep_ == "prep" and depth < 2:
                found = _medium_after(art, inner, blocked, depth + 1)
                if found is not None:
                    return found
        return None
    if depth > 0 and word in art.words.media_prepositions:
        return _ref_of(art, obj, blocked)
    if (word == "to" or (word == "on" and obj.ent_type_ != "PERSON")) and _is_outlet(
        obj, art.words
    ):
        return _ref_of(art, obj, blocked)
    return None


def _is_statement(token: Any, words: QuoteWords) -> bool:
    lemma = token.lemma_.lower()
    if lemma in words.statement_nouns:
        return True
    left = [c.lemma_.lower() for c in token.lefts if c.dep_ == "compound"]
    return bool(left) and f"{left[-1]} {lemma}" in words.statement_nouns


def _is_outlet(token: Any, words: QuoteWords) -> bool:
    if token.ent_type_ in NOT_OUTLETS:
        return False
    if token.lemma_.lower() in words.outlet_nouns:
        return True
    return token.ent_type_ in ("ORG", "WORK_OF_ART") or (
        token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON")
    )


def _ref_of(art: Parsed, token: Any, blocked: frozenset[int]) -> Ref | None:
    span = core(art, token, blocked)
    return art.ref(span) if span else None


# -- resolving a speaker to a name -----------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Known:
    """A speaker met so far: where, who, and whether a person or a group."""

    position: int
    name: str
    kind: str  # "person", "group", "other"
    plural: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Name:
    position: int
    text: str
    key: tuple[str, ...]
    kind: str
    gender: str | None = None  # "he"/"she" when a title tells ("Mr.", "first lady")


@dataclass(frozen=True, kw_only=True, slots=True)
class Cast:
    """What the article says about its people and organizations, gathered once per doc:
    names with their match keys, role words introduced with them, subjects by position,
    genders told by titles, and which entity each token belongs to."""

    names: tuple[Name, ...]
    # role word -> (position, name, kind, all the words of its title)
    roles: dict[str, tuple[tuple[int, str, str, frozenset[str]], ...]]
    subjects: tuple[Known, ...]
    genders: dict[str, str]  # last name -> he/she; grows as pronouns are resolved
    entity_of: dict[int, tuple[Any, str]]  # token -> (entity, its name)


def cast(art: Parsed) -> Cast:
    words, text = art.words, art.text
    names: list[Name] = []
    roles: dict[str, list[tuple[int, str, str, frozenset[str]]]] = {}
    subjects: list[Known] = []
    genders: dict[str, str] = {}
    entity_of: dict[int, tuple[Any, str]] = {}
    for ent in art.doc.ents:
        kind = _kind(ent.label_, words)
        if kind == "other":
            continue
        name = _entity_name(text, ent)
        for i in range(ent.start, ent.end):
            entity_of[i] = (ent, name)
        key = _key(ent, words)
        if not key:
            continue
        role_words, title_words = _role_words(ent, kind)
        gender = _gender(ent, title_words, words)
        names.append(Name(position=ent.start_char, text=name, key=key, kind=kind, gender=gender))
        title = frozenset(title_words)
        for word in role_words:
            roles.setdefault(word, []).append((ent.start_char, name, kind, title))
        honorific = ent.doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
        if honorific in words.male_titles or honorific in words.female_titles:
            genders[key[-1]] = "he" if honorific in words.male_titles else "she"
        if ent.root.dep_ in SUBJECTS and ent.root.i not in art.inside:
            subjects.append(Known(position=ent.start_char, name=name, kind=kind))
    draft = Cast(
        names=tuple(names),
        roles={k: tuple(v) for k, v in roles.items()},
        subjects=(),
        genders=genders,
        entity_of=entity_of,
    )
    full = tuple(
        Known(
            position=s.position, name=fullest(draft, s.name, s.position, s.kind, words), kind=s.kind
        )
        for s in subjects
    )
    return Cast(
        names=draft.names, roles=draft.roles, subjects=full, genders=genders, entity_of=entity_of
    )


def _kind(label: str, words: QuoteWords) -> str:
    if label in words.person_labels:
        return "person"
    if label in words.group_labels:
        return "group"
    return "other"


def _entity_name(text: str, ent: Any) -> str:
    """An entity as written, without a leading "the" or a trailing possessive."""
    tokens = list(ent)
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens.pop()
    if len(tokens) > 1 and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    if not tokens:
        return str(text[ent.start_char : ent.end_char])
    return text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]


def _key(tokens: Iterable[Any], words: QuoteWords) -> tuple[str, ...]:
    """A name as lower-case words without titles, possessives and hyphens."""
    return _strip_titles(
        [t.lower_ for t in tokens if not t.is_punct and t.tag_ != "POS" and t.lower_ != "the"],
        words,
    )


def _key_of_text(name: str, words: QuoteWords) -> tuple[str, ...]:
    plain = name.replace("-", " ").replace("’s", "").replace("'s", "")
    return _strip_titles([w.lower() for w in plain.split() if w.lower() != "the"], words)


def _strip_titles(out: list[str], words: QuoteWords) -> tuple[str, ...]:
    out = [w.rstrip(".") for w in out if w.rstrip(".")]
    while len(out) > 1 and out[0] in words.honorifics:
        out.pop(0)
    return tuple(out)


def _role_words(ent: Any, kind: str) -> tuple[set[str], set[str]]:
    """The role words introduced with an entity, and all the words of its titles: its
    title (``defense minister Israel Katz``), its appositive (``Khalid Al-Yaqobi, the
    security advisor``), and, for an organization, the head of its own name (``the
    Health Ministry`` is ``the ministry``, ``US Military Movements`` no ``military``)."""
    title = list(_title_before(ent))
    roles: set[str] = set(title)
    words: set[str] = set(title)
    heads = []
    root = ent.root
    if kind == "group" and root.pos_ in ("NOUN", "PROPN"):
        heads.append(root)
    heads += [
        c
        for c in root.children
        if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and not c.ent_type_
    ]
    head = root.head
    if root.dep_ == "appos" and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ != ent.label_:
        heads.append(head)
    for head in heads:
        roles.add(head.lemma_.lower())
        words.add(head.lemma_.lower())
        words |= {c.lemma_.lower() for c in head.lefts if c.dep_ in ("compound", "amod")}
    return roles, words


def _title_before(ent: Any) -> Iterable[str]:
    """The nouns of a title written right before a name, read leftwards while the words
    can belong to a title (``US Ambassador to Iraq``, ``Israel's new defense minister``)."""
    doc = ent.doc
    for j in range(ent.start - 1, max(-1, ent.start - 9), -1):
        token = doc[j]
        if token.pos_ in ("NOUN", "PROPN", "ADJ"):
            if token.ent_type_ == "PERSON":
                return
            yield token.lemma_.lower()
        elif not (token.tag_ == "POS" or token.lower_ in ("of", "to", "for")):
            return


def _gender(ent: Any, title_words: Iterable[str], words: QuoteWords) -> str | None:
    """The gender a title tells of an entity: "Mr. Trump", "first lady Melania Trump"."""
    told = set(title_words)
    if ent.start > 0:
        told.add(ent.doc[ent.start - 1].lower_.rstrip("."))
    if told & words.female_titles:
        return "she"
    if told & words.male_titles:
        return "he"
    return None


def fullest(
    cast: Cast,
    name: str,
    position: int,
    kind: str,
    words: QuoteWords,
    gender: str | None = None,
) -> str:
    """The fullest form of a name in the article: the longest name whose words end with
    this name's words, preferring one of the same kind written before ``position``; never
    one a title gives the other gender ("Mr. Trump" is not "first lady Melania Trump")."""
    key = _key_of_text(name, words)
    if not key:
        return name
    best: tuple[int, int, int] | None = None
    found = name
    told = {n.key: n.gender for n in cast.names if n.gender is not None}
    for other in cast.names:
        if len(other.key) <= len(key) or other.key[-len(key) :] != key:
            continue
        if gender is not None and told.get(other.key, gender) != gender:
            continue
        rank = (int(other.kind == kind), int(other.position < position), len(other.key))
        if best is None or rank > best:
            best, found = rank, other.text
    return found


def resolve(
    head: Any,
    written: str,
    cast: Cast,
    history: Sequence[Known],
    words: QuoteWords,
) -> Known:
    """The speaker a head token stands for, given the speakers met before it."""
    position = head.left_edge.idx
    lower = head.lower_
    plural = head.tag_ in ("NNS", "NNPS") or lower in ("they", "them", "their")
    if head.pos_ == "PRON":
        if lower in words.person_pronouns:
            return _pronoun(position, lower, "person", cast, history, written)
        if lower in words.group_pronouns:
            return _pronoun(position, lower, "group", cast, history, written)
        return Known(position=position, name=written, kind="other", plural=plural)
    kind, name = _name_at(head, cast, words)
    if head.pos_ == "NOUN" and head.lemma_.lower() in words.group_nouns:
        kind = "group"  # "the faction Kataeb al-Nasr", whatever the tagger took the name for
    if name is not None:
        gender = _mention_gender(head, cast, words)
        full = fullest(cast, name, position, kind, words, gender)
        return Known(position=position, name=full, kind=kind)
    if head.pos_ == "NOUN" and _is_definite(head, words):
        modifiers = {
            c.lemma_.lower()
            for c in head.lefts
            if (c.dep_ == "compound" and c.pos_ == "NOUN")
            or (c.dep_ == "amod" and c.pos_ == "ADJ" and not c.ent_type_)
        } - words.generic_modifiers
        for where, text, role_kind, title in reversed(cast.roles.get(head.lemma_.lower(), ())):
            if where < position and modifiers <= title:
                return Known(position=position, name=text, kind=role_kind, plural=plural)
        for known in reversed(history):  # "the military" after "the Israeli military"
            named = known.name.lower().replace("’s", " ").replace("'s", " ").split()
            same = bool(named) and named[-1] == lower and modifiers <= set(named)
            if same and known.position < position:
                return Known(position=position, name=known.name, kind=known.kind)
    grouped = plural or _groupish(head, cast, words)
    return Known(
        position=position, name=written, kind="group" if grouped else "other", plural=plural
    )


def antecedent(head: Any, words: QuoteWords) -> Any:
    """The noun a relative pronoun stands for (``a security official in Kirkuk, who
    ...``); a person's ``who`` passes over the places the clause follows. Any other
    token stands for itself."""
    lower = head.lower_
    if lower not in words.relative_pronouns or head.head.i == head.i:
        return head
    noun = head.head.head if head.dep_ in SUBJECTS else head.head
    if lower in words.person_relatives:
        while (
            noun.ent_type_ in words.place_labels
            and noun.dep_ == "pobj"
            and noun.head.head.pos_ in ("NOUN", "PROPN")
        ):
            noun = noun.head.head  # "in Kirkuk" -> the official
    while noun.dep_ == "appos" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "Hamid Al-Lami, a farmer who says ..." -> Hamid Al-Lami
    return noun if noun.pos_ in ("NOUN", "PROPN") else head


def _name_at(head: Any, cast: Cast, words: QuoteWords) -> tuple[str, str | None]:
    """The entity (or flat proper name) a head token belongs to, with its kind. An
    entity that is a common noun phrase (``health ministry``) is a description."""
    for token in (head, *(c for c in head.children if c.dep_ == "appos")):
        found = cast.entity_of.get(token.i)
        if found is not None and found[0].root.pos_ == "PROPN" and _capitalized(found[0]):
            return _kind(found[0].label_, words), found[1]
    if head.pos_ == "NOUN":  # "the governor of Hama, Mohammad Tareq Kreishati"
        for token in _deeper_appositives(head):
            found = cast.entity_of.get(token.i)
            if found is not None and _kind(found[0].label_, words) == "person":
                return "person", found[1]
    if head.pos_ == "PROPN" and head.text[:1].isupper():
        doc = head.doc
        first = head.i
        while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].pos_ == "PROPN":
            first -= 1
        return "person", "".join(t.text_with_ws for t in doc[first : head.i]) + head.text
    return "other", None


def _mention_gender(head: Any, cast: Cast, words: QuoteWords) -> str | None:
    """The gender the title of this mention tells ("Mr. Trump wrote")."""
    found = cast.entity_of.get(head.i)
    if found is None:
        return None
    return _gender(found[0], _title_before(found[0]), words)


def _deeper_appositives(head: Any) -> Iterable[Any]:
    """Appositives the parser hung on the object of a role's preposition."""
    for prep in (c for c in head.children if c.dep_ == "prep"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            yield from (c for c in obj.children if c.dep_ == "appos")


def _capitalized(tokens: Iterable[Any]) -> bool:
    return any(t.text[:1].isupper() and t.lower_ != "the" for t in tokens)


def _is_definite(head: Any, words: QuoteWords) -> bool:
    return any(
        (c.dep_ == "det" and c.lower_ in words.definite) or c.dep_ == "poss" for c in head.lefts
    )


def _groupish(head: Any, cast: Cast, words: QuoteWords) -> bool:
    """Whether a description names a group: by its noun (``the ministry``), or by the
    name of an organization or a state before it; a people's adjective does not make
    one (an ``Iraqi security official`` is a person)."""
    if head.lemma_.lower() in words.group_nouns:
        return True
    return any(
        (found := cast.entity_of.get(t.i)) is not None
        and _kind(found[0].label_, words) == "group"
        and found[0].label_ != "NORP"
        for t in head.lefts
    )


def _pronoun(
    position: int,
    pronoun: str,
    kind: str,
    cast: Cast,
    history: Sequence[Known],
    written: str,
) -> Known:
    """The most recent speaker or subject of the pronoun's kind before it, the previous
    quote's speaker winning a tie; a person of the other known gender is skipped."""
    gender = GENDER_OF.get(pronoun)
    pool = [(k.position, 1, k) for k in history if k.position < position]
    pool += [(s.position, 0, s) for s in cast.subjects if s.position < position]
    pool.sort(key=lambda item: item[:2])
    for _, quoted, known in reversed(pool):
        # "A security official said ... He added": a described speaker, when no name
        described = quoted and known.kind == "other" and not known.plural
        if kind == "person" and known.kind != "person" and not described:
            continue
        if kind == "group" and not (known.kind == "group" or known.plural):
            continue
        if gender and cast.genders.get(_last(known.name), gender) != gender:
            continue
        return Known(position=position, name=known.name, kind=known.kind, plural=known.plural)
    return Known(position=position, name=written, kind="other")


def _last(name: str) -> str:
    words = name.replace("-", " ").split()
    return words[-1].lower() if words else ""


def learn_gender(cast: Cast, pronoun: str, known: Known) -> None:
    """Remember that a person was called he or she, for the pronouns after."""
    if known.kind == "person" and pronoun in ("he", "she", "him", "her"):
        cast.genders.setdefault(
            _last(known.name), {"him": "he", "her": "she"}.get(pronoun, pronoun)
        )
