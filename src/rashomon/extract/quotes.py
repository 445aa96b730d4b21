"""Extract quotes: who said what, to whom, in which words.

``find_quotes(doc, article_id=...)`` reads one parsed article (a spaCy ``Doc`` of the
clean text) and returns its ``Quote`` records, sorted by start. Four passes:

1. Direct quotes, from quotation marks, paired per paragraph (extract/quote_marks.py:
   a quotation left open runs on into the next paragraph when that one opens with a
   mark; a quotation inside a quotation is part of it). A quotation is attributed by a cue verb
   right after it (``"...," X said``, ``"...," said X``, ``"..." ― Jane Doe``) or right
   before it (``X said: "..."``, ``According to X, "..."``, a paragraph ending ``X
   said:``); the other quotations of the paragraph share that attribution (``"...,"
   he said. "..."``). Lines opening ``NAME: ...`` are transcripts or headlines.
2. Indirect speech, from cue verbs (data/quote_cues.toml) and the parse: the complement
   clause of ``said``/``denied``/``warned`` (around a parenthetical ``X said,``), the
   object of ``denied``/``accused ... of``, the clause ``according to X`` hangs from,
   the that-clause of ``X's claim``. A complement with quoted words is ``mixed``.
   ``quoted X as saying`` is X's, not the quoting outlet's.
3. Continuations: a quotation of its own sentence that nothing attributes takes the
   last speaker of its paragraph, or of the paragraph before when it opens its own.
4. Speakers, resolved in reading order (rashomon.extract.speakers). What an anonymous
   source asked for (``who asked not to be named``) is dropped, and a quote reported
   inside another one that holds it (same speaker, or a subject borrowed from the
   other's words) counts once, as the outer one.

A quotation interrupted by its attribution (``"A," she said, "B."``) gives one record
per piece, with the same cue and speaker. Offsets are into ``doc.text`` and
``Quote.text == doc.text[start:end]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from ..records import Quote, QuoteKind
from . import speakers
from .quote_marks import Quoted, quoted_spans
from .quote_words import QuoteWords, quote_words
from .speakers import Attribution, Parsed

STOPS = frozenset({".", "!", "?", ";"})
LEAD_BREAKS = STOPS | {":"}
MAX_ATTRIBUTION_TOKENS = 40
MIN_CONTENT_TOKENS = 2
# what can follow the object of a naming verb: "called him a liar", "dubbed it 'a farce'"
PREDICATES = frozenset({"oprd", "xcomp", "acomp", "ccomp", "attr", "npadvmod", "dobj", "appos"})
# a paragraph opening "Name Name: text" (after an optional quotation mark)
LABEL = re.compile(r"[\"“'‘\s]*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})\s*(:)\s+(?=\S)")
# what may end the text before a quotation that continues a quoted paragraph
SENTENCE_ENDS = ".!?:;,—–―\"”’'"
# what ends the sentence before a quotation that is a sentence of its own
OWN_SENTENCE = (".", "!", "?", '"', "”", "’")


@dataclass(frozen=True, kw_only=True, slots=True)
class Found:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    kind: QuoteKind
    attribution: Attribution


def parse(doc: Any, words: QuoteWords, quotes: tuple[Quoted, ...]) -> Parsed:
    """The doc with its lookups: which tokens are quoted, where paragraphs are."""
    text = doc.text
    starts = tuple(t.idx for t in doc)
    inside: set[int] = set()
    for q in quotes:
        lo = max(0, bisect_right(starts, q.start) - 1)
        hi = bisect_right(starts, q.end - 1)
        inside.update(t.i for t in doc[lo:hi] if t.idx + len(t) > q.start)
    paragraphs = tuple(m.span() for m in re.finditer(r"[^\n]+", text)) or ((0, 0),)
    firsts = tuple(p[0] for p in paragraphs)
    return Parsed(doc, text, words, starts, frozenset(inside), paragraphs, firsts)


# -- pass 1: direct quotes -------------------------------------------------------------


def direct_quotes(
    art: Parsed, quotes: tuple[Quoted, ...]
) -> tuple[list[Found], dict[int, Attribution]]:
    """Quotations with their attribution; also the cue tokens they used."""
    claimed: dict[int, Attribution] = {}
    by_quote: dict[int, Attribution] = {}
    leads: dict[int, int] = {}
    for n, q in enumerate(quotes):
        attribution = (_after(art, q) if q.closed else None) or _before(art, q, claimed)
        if attribution is None:
            continue
        lead = _lead(art, q) if attribution.cue_token not in claimed else None
        if lead is not None:
            if not _lead_belongs(art, lead, attribution):
                continue
            leads[n] = lead
        by_quote[n] = attribution
        if attribution.cue_token is not None:
            claimed[attribution.cue_token] = attribution
    found: list[Found] = []
    for n, q in enumerate(quotes):
        attribution = by_quote.get(n) or _neighbour(art, quotes, n, by_quote)
        if attribution is None:
            continue
        if n in leads:
            found.append(Found(start=leads[n], end=q.end, kind="mixed", attribution=attribution))
        elif q.inner_end > q.inner_start:
            found.append(
                Found(start=q.inner_start, end=q.inner_end, kind="direct", attribution=attribution)
            )
    return found, claimed


def _after(art: Parsed, q: Quoted) -> Attribution | None:
    """A cue verb (with its subject) right after a quotation, or a dash and a name."""
    _, p_end = art.paragraph(q.end - 1)
    dashes = "|".join(re.escape(d) for d in art.words.dashes)
    dash = re.compile(r"\s*(" + dashes + r")\s*").match(art.text, q.end, p_end)
    if dash:
        return _dash_name(art, dash.span(1), dash.end(), p_end)
    between: list[Any] = []
    for token in art.tokens(q.end, p_end)[:MAX_ATTRIBUTION_TOKENS]:
        if token.idx < q.end or token.is_space:
            continue
        if token.text in STOPS or token.i in art.inside:
            return None
        if art.cue(token) is not None and _heads(token, between):
            if _own_clause(art, token) or _introduces_next(art, q, token):
                return None
            speaker = speakers.subject(token, art.words, art.inside)
            speaker = speaker or speakers.inverted_subject(token)
            if speaker is None or speaker.i in art.inside:
                return None
            return speakers.attribution(art, token, speaker)
        between.append(token)
    return None


def _heads(verb: Any, between: list[Any]) -> bool:
    """Whether every word between a quotation and a cue verb belongs to the verb's
    clause (its subject, adverbs, auxiliaries)."""
    return all(t.is_punct or t.is_space or verb.is_ancestor(t) for t in between)


def _own_clause(art: Parsed, verb: Any) -> bool:
    """Whether a cue verb reports an unquoted clause of its own right after it
    (``"Crazy." Trump said the plan was crazy.``)."""
    _, p_end = art.paragraph(verb.idx)
    return any(
        child.dep_ == "ccomp"
        and verb.i < child.i
        and child.idx < p_end
        and child.i not in art.inside
        and not art.doc[child.left_edge.i - 1].is_punct
        for child in verb.children
    )


def _introduces_next(art: Parsed, q: Quoted, verb: Any) -> bool:
    """Whether the cue after a finished quotation introduces the next one instead
    (``"... kidding." To which she said, "Thank God ..."``)."""
    if art.text[q.inner_end - 1 : q.inner_end] not in ".!?":
        return False
    following = [t for t in art.doc[verb.i + 1 : verb.i + 4] if not t.is_space]
    return (
        bool(following)
        and following[0].text in (",", ":")
        and any(t.i in art.inside for t in following)
    )


def _dash_name(
    art: Parsed, cue: tuple[int, int], name_start: int, p_end: int
) -> Attribution | None:
    """``"..." ― Jane Doe``: a name alone after a dash ends the paragraph's quotation."""
    run = []
    for token in art.tokens(name_start, p_end):
        if token.is_space or (token.is_punct and token.text not in (".", "-")):
            break
        run.append(token)
    names = [t for t in run if t.pos_ == "PROPN" or t.ent_type_ == "PERSON"]
    if not names or len(names) < len(run) - 1 or len(run) > 6:
        return None
    return Attribution(
        cue=cue, cue_token=None, speaker=names[-1], speaker_span=speakers.trimmed(run)
    )


def _before(art: Parsed, q: Quoted, claimed: dict[int, Attribution]) -> Attribution | None:
    """A cue before a quotation: ``X said: "..."``, ``X told Y, "..."``, a source phrase
    (``According to X, "..."``), or a paragraph ending ``X said:``."""
    doc = art.doc
    i = art.token_at(q.start).i - 1
    while i >= 0 and doc[i].is_space and "\n" not in doc[i].text:
        i -= 1
    if i < 0:
        return None
    if "\n" in doc[i].text:  # the quotation opens a paragraph: "X said:" before it
        i -= 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 0 or doc[i].text != ":":
            return None
        return _backwards(art, i, claimed, colon=True)
    if doc[i].text in (":", ",", "—", "–") or art.cue(doc[i]) is not None:
        return _backwards(art, i, claimed, colon=doc[i].text == ":")
    return None


def _backwards(
    art: Parsed, last: int, claimed: dict[int, Attribution], colon: bool
) -> Attribution | None:
    doc = art.doc
    between: list[Any] = []
    for j in range(last, max(-1, last - MAX_ATTRIBUTION_TOKENS), -1):
        token = doc[j]
        if "\n" in token.text or token.text in STOPS or token.i in art.inside:
            if token.i in art.inside and j == last:
                continue
            break
        source = speakers.source_phrase(art, token)
        if source is not None:
            anchor, obj = source
            if all(t.is_punct or anchor.is_ancestor(t) or t.i <= obj.right_edge.i for t in between):
                return speakers.source_attribution(art, anchor, obj)
        kind = art.cue(token)
        if kind is not None and (kind != art.words.manner_class or colon):
            if token.i in claimed:
                return claimed[token.i]
            if _heads(token, between):
                speaker = speakers.subject(token, art.words, art.inside)
                speaker = speaker or speakers.inverted_subject(token)
                if speaker is not None and speaker.i not in art.inside:
                    return speakers.attribution(art, token, speaker)
        between.append(token)
    if colon:  # "Sanders made the following comment:" -- the sentence's own verb
        root = doc[last].sent.root
        words = art.words
        leads = words.colon_leads | words.cue_nouns | words.statement_nouns
        named = any(
            t.lemma_.lower() in leads or t.lower_ in leads for t in doc[root.left_edge.i : last]
        )
        speaker = (
            speakers.subject(root, words, art.inside) if root.pos_ == "VERB" and named else None
        )
        if speaker is not None and root.i not in art.inside and root.i < last:
            return speakers.attribution(art, root, speaker)
    return None


def _lead(art: Parsed, q: Quoted) -> int | None:
    """Where the clause of a mid-sentence quotation starts, when unquoted words of it
    come before the quotation (``He was "totally against the war," X said``)."""
    doc = art.doc
    mark = art.token_at(q.start)
    first = None
    for j in range(mark.i - 1, -1, -1):
        token = doc[j]
        if "\n" in token.text or token.text in LEAD_BREAKS or token.i in art.inside:
            break
        first = token
    if first is None or doc[mark.i - 1].text == ",":
        return None
    words = [t for t in doc[first.i : mark.i] if not (t.is_punct or t.is_space)]
    return int(words[0].idx) if words else None


def _lead_belongs(art: Parsed, lead: int, attribution: Attribution) -> bool:
    """Whether the words before a quotation belong to what the cue reports (``Using the
    tax ''is a misguided approach,'' said Mr. Burman``), not to its subject or to a
    narrative sentence."""
    if attribution.cue_token is None:
        return False
    verb = art.doc[attribution.cue_token]
    for token in art.doc[art.token_at(lead).i : verb.i]:
        if token.is_punct or token.is_space:
            continue
        while token.head.i != verb.i and token.head.i != token.i:
            token = token.head
        if token.head.i != verb.i or token.dep_ in speakers.SUBJECTS:
            return False
    return True


def _neighbour(
    art: Parsed, quotes: tuple[Quoted, ...], n: int, by_quote: dict[int, Attribution]
) -> Attribution | None:
    """An unattributed quotation that starts a sentence takes the attribution of the
    quotation before it in its paragraph, or of the one right after it."""
    q = quotes[n]
    para = art.paragraph(q.start)
    before = art.text[para[0] : q.start].rstrip()
    if before and before[-1] not in SENTENCE_ENDS:
        return None  # a quotation inside a sentence of the writer's
    for m in range(n - 1, -1, -1):
        if quotes[m].start < para[0]:
            break
        if m in by_quote:
            return by_quote[m]
    if n + 1 in by_quote and not art.text[q.end : quotes[n + 1].start].strip(" \t"):
        return by_quote[n + 1]
    return None


def labelled_lines(art: Parsed, quotes: tuple[Quoted, ...], taken: list[Found]) -> list[Found]:
    """Paragraphs that open with a name and a colon: a transcript line (``PENCE: Well,
    ...``), a headline (``Sanders: Clinton needs to ...``), ``Said Ellis: ...``. A name
    in capitals that the article also writes in ordinary case is a transcript speaker,
    quoted verbatim."""
    text = art.text
    out = []
    for p_start, p_end in art.paragraphs:
        line = LABEL.match(text, p_start, p_end)
        if line is None or any(f.start < p_end and p_start < f.end for f in taken):
            continue
        name = [t for t in art.tokens(*line.span(1)) if not t.is_punct]
        cue = line.span(2)
        if len(name) > 1 and name[0].lower_ in art.words.inverted_cues:
            cue, name = (name[0].idx, name[0].idx + len(name[0])), name[1:]
        inverted = cue[1] - cue[0] > 1
        if not name or not all(_is_name(art, t) or (inverted and t.pos_ == "PROPN") for t in name):
            continue
        start, end = line.end(), p_end
        while start < end and text[start] in "\"“‘'":
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in '"“”'):
            end -= 1
        if len(text[start:end].split()) <= MIN_CONTENT_TOKENS:
            continue
        verbatim = line.group(1).isupper() and line.group(1).title() in text
        quoted = any(q.start <= start and end <= q.end for q in quotes)
        attribution = Attribution(
            cue=cue, cue_token=None, speaker=name[-1], speaker_span=speakers.trimmed(name)
        )
        kind: QuoteKind = "direct" if verbatim or quoted else "indirect"
        out.append(Found(start=start, end=end, kind=kind, attribution=attribution))
    return out


def block_quotes(art: Parsed, claimed: dict[int, Attribution], taken: list[Found]) -> list[Found]:
    """A paragraph without quotation marks after one ending ``Limbaugh added:`` is the
    words of that speaker, set off as a block."""
    text = art.text
    out = []
    for (_, a_end), (b_start, b_end) in zip(art.paragraphs, art.paragraphs[1:], strict=False):
        if text[a_end - 1] != ":" or text[b_start] in art.words.opening_marks | {'"'}:
            continue
        if any(f.start < b_end and b_start < f.end for f in taken):
            continue
        attribution = _backwards(art, art.token_at(a_end - 1).i, claimed, colon=True)
        if attribution is not None and len(text[b_start:b_end].split()) > MIN_CONTENT_TOKENS:
            out.append(Found(start=b_start, end=b_end, kind="direct", attribution=attribution))
    return out


def _is_name(art: Parsed, token: Any) -> bool:
    """A person's or organization's name, by the model or by how the article writes it
    elsewhere (``PENCE`` beside ``Mike Pence``)."""
    labels = art.words.person_labels | art.words.group_labels
    if token.ent_type_ in labels:
        return True
    if token.pos_ not in ("PROPN", "NOUN") or token.ent_type_ or not token.text[0].isupper():
        return False
    word = token.text.title() if token.text.isupper() else token.text
    return any(word in ent.text.split() for ent in art.doc.ents if ent.label_ in labels)


# -- pass 2: indirect speech -----------------------------------------------------------


def indirect_quotes(
    art: Parsed, quotes: tuple[Quoted, ...], claimed: dict[int, Attribution], taken: list[Found]
) -> list[Found]:
    """Reported speech: each cue verb, cue noun or source phrase with what it reports."""
    found: list[Found] = []
    spans = [(f.start, f.end) for f in taken]
    for token in art.doc:
        if token.i in art.inside or token.i in claimed:
            continue
        source = speakers.source_phrase(art, token)
        noun = _noun_cue(art, token)
        if source is not None:
            attribution = speakers.source_attribution(art, *source)
            content = _source_content(art, *source)
            around = set(range(source[0].i, source[1].i + 1))
        elif noun is not None:
            speaker, clause = noun
            attribution = speakers.attribution(art, token, speaker)
            content = {t.i for t in clause.subtree}
            around = {t.i for t in speaker.subtree} | {token.i}
        else:
            kind = art.cue(token)
            if kind is None or kind == art.words.manner_class or not _attributes(art, token):
                continue
            speaker = speakers.subject(token, art.words, art.inside)
            if speaker is None:
                continue
            content = _complement(art, token, kind) or _parenthetical(art, token)
            attribution = speakers.attribution(art, token, speaker)
            around = ({t.i for t in token.subtree} - content) | {t.i for t in speaker.subtree}
        p_start, p_end = art.paragraph(token.idx)
        content = {i for i in content if p_start <= art.doc[i].idx < p_end}
        if attribution.speaker is None and attribution.medium is None:
            continue  # a speaker, or at least what carried the words (leaflets)
        if attribution.speaker is not None and attribution.speaker.i in content:
            continue
        for piece in _pieces(art, content, around | {token.i}):
            item = _content(art, quotes, piece, attribution, spans)
            if item is not None:
                found.append(item)
    return found


def _attributes(art: Parsed, verb: Any) -> bool:
    """Whether a cue verb can attribute at all: not "as he said", not a relative clause
    about its own object ("the goal it pledged"), a particle where one is required."""
    children = list(verb.children)
    if verb.lemma_.lower() in art.words.particle_required and not any(
        c.dep_ in ("prt", "ccomp") for c in children
    ):
        return False
    if any(c.dep_ == "mark" and c.lower_ in ("as", "if") for c in children):
        return False
    if speakers.passes_on(verb, art.words):  # "quoted the governor as saying": his words
        return False
    if verb.dep_ == "relcl":
        return any(
            c.dep_ in speakers.SUBJECTS and c.lower_ in art.words.relative_pronouns
            for c in children
        )
    return True


def _complement(art: Parsed, verb: Any, kind: str) -> set[int]:
    """The tokens of what a cue verb reports: its complement clause (and, when that
    clause comes first, what follows the parenthetical ``X said,``), or for some
    classes its "to"-clause, its object, its prepositional object."""
    words = art.words
    children = list(verb.children)
    parts: list[Any] = []
    clauses = [c for c in children if c.dep_ == "ccomp" and _reported(c)]
    clauses += _told_that(art, verb)
    if clauses:
        after = sorted((c for c in clauses if c.i > verb.i), key=lambda c: c.i)
        parts = after[:1] or clauses[:1]
        if not after:  # "<clause>, X said, until <more of it>."
            parts += [c for c in children if c.dep_ == "advcl" and c.i > verb.i]
        return {t.i for p in parts for t in p.subtree}
    objects = [c for c in children if c.dep_ in ("dobj", "obj") and c.i > verb.i][:1]
    preps = [
        c
        for c in children
        if c.dep_ == "prep" and c.lower_ in words.object_prepositions and c.i > verb.i
    ][:1]
    if not objects:  # "called for talks", "warned of reprisals": the cue takes the "for"
        preps = [c for p in preps for c in p.children if c.dep_ in ("pobj", "pcomp")][:1]
    lemma = verb.lemma_.lower()
    infinitive = [c for c in children if c.dep_ == "xcomp" and c.i > verb.i][:1]
    refused = infinitive and infinitive[0].lemma_.lower() in words.refused_acts
    if refused and lemma in words.refusals:
        return set()  # "grabs the man's wrist and refuses to let go": an act
    if infinitive and any(c.dep_ == "auxpass" for c in children):
        return set()  # "I was asked to speak at the conference": asked of, not saying
    if infinitive and (kind in words.infinitive_classes or lemma in words.addressee_verbs):
        # "vowed to retaliate", "urged the army to withdraw"; "told his aides to ..."
        # leaves the addressee to the medium
        parts = infinitive if lemma in words.addressee_verbs else [*objects, *infinitive]
    elif kind in words.predicate_classes:
        predicates = [c for c in children if c.dep_ in PREDICATES and c.i > verb.i]
        if not infinitive:  # "called on X" only with "to ...": "called on X to resign"
            preps = [p for p in preps if (p if p.dep_ == "prep" else p.head).lower_ != "on"]
        if objects and (predicates or preps):
            parts = [*objects, *predicates, *preps]
        elif preps:
            parts = [*preps, *infinitive]
    elif kind in words.object_classes or lemma in words.object_verbs:
        parts = [*objects, *preps]
        if kind == words.verbs.get("cite") and objects and _a_source(art, objects[0]):
            parts = []  # "citing two law enforcement officials": whom, not what
    return {t.i for p in parts for t in p.subtree}


def _a_source(art: Parsed, obj: Any) -> bool:
    """The object of a citing verb names a source: a person or a group (the labels a
    speaker may have), or a word of ``cited_sources``."""
    return bool(
        obj.ent_type_ in art.words.person_labels | art.words.group_labels
        or obj.lemma_.casefold() in art.words.cited_sources
    )


def _told_that(art: Parsed, verb: Any) -> list[Any]:
    """``told a meeting of leaders that few people understood ...`` when the parser hung
    the that-clause on the addressee."""
    if verb.lemma_.lower() not in art.words.addressee_verbs:
        return []
    found = []
    for obj in (c for c in verb.children if c.dep_ in speakers.OBJECTS):
        for clause in obj.subtree:
            if (
                clause.dep_ in ("relcl", "acl")
                and clause.left_edge.lower_ == "that"
                and any(c.dep_ == "nsubj" and c.lower_ != "that" for c in clause.children)
            ):
                found.append(clause)
    return found[:1]


def _reported(clause: Any) -> bool:
    """A complement clause says what was said unless it is adverbial ("before he died")."""
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
    return not marks or marks[0] in ("that", "whether", "if")


def _parenthetical(art: Parsed, verb: Any) -> set[int]:
    """For ``<clause>, X said.`` and ``<clause>, X said, <clause>.`` parsed with the
    clause as head: the sentence around the attribution."""
    if verb.dep_ not in ("parataxis", "advcl", "conj", "ccomp") or verb.tag_ == "VBG":
        return set()
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "mark") for c in verb.children):
        return set()
    sent = verb.sent
    own = sorted(t.i for t in verb.subtree if not t.is_punct)
    before = art.doc[own[0] - 1] if own[0] > sent.start else None
    after = art.doc[own[-1] + 1] if own[-1] + 1 < sent.end else None
    if before is None or before.text != "," or (after is not None and not after.is_punct):
        return set()
    mine = {t.i for t in verb.subtree}
    # the clause it interrupts: "a depot which, it says, was used ..." reports the depot's use
    scope = verb.head.subtree if verb.dep_ == "parataxis" and verb.head.dep_ == "relcl" else sent
    return {t.i for t in scope if t.i not in mine}


def _noun_cue(art: Parsed, noun: Any) -> tuple[Any, Any] | None:
    """(speaker, clause) of a noun of speech with a possessor and a that-clause:
    ``Trump's claim that there have been "thousands of shootings"``."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in art.words.cue_nouns:
        return None
    owners = [c for c in noun.children if c.dep_ == "poss" and c.i not in art.inside]
    clauses = [
        c
        for c in noun.children
        if c.dep_ in ("acl", "ccomp", "relcl")
        and c.i > noun.i
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]
    return (owners[0], clauses[0]) if owners and clauses else None


def _source_content(art: Parsed, anchor: Any, obj: Any) -> set[int]:
    """The clause ``according to X`` belongs to: the words of its sentence before the
    phrase, or after it when the phrase opens the sentence."""
    sent = anchor.sent
    span = speakers.core(art, obj, art.inside)
    end = art.token_at(span[1] - 1).i if span else obj.i
    left = [t.i for t in sent if t.i < anchor.i]
    right = [t.i for t in sent if t.i > end]
    words = [i for i in left if not (art.doc[i].is_punct or art.doc[i].is_space)]
    return set(left if len(words) > MIN_CONTENT_TOKENS else right)


def _pieces(art: Parsed, content: set[int], attribution: set[int]) -> list[list[Any]]:
    """Runs of content tokens, broken where the attribution sits between them."""
    if not content:
        return []
    pieces: list[list[Any]] = [[]]
    for i in range(min(content), max(content) + 1):
        token = art.doc[i]
        if i in attribution or "\n" in token.text:
            if pieces[-1]:
                pieces.append([])
        elif i in content or token.is_punct:
            pieces[-1].append(token)
    return [p for p in pieces if p]


def _content(
    art: Parsed,
    quotes: tuple[Quoted, ...],
    tokens: list[Any],
    attribution: Attribution,
    taken: list[tuple[int, int]],
) -> Found | None:
    if sum(1 for t in tokens if not (t.is_punct or t.is_space)) < MIN_CONTENT_TOKENS:
        return None
    span = speakers.trimmed(tokens)
    if span is None:
        return None
    start, end = span
    for q in quotes:  # marks at either end belong to the content
        if q.start < start <= q.inner_start:
            start = q.start
        if q.inner_start < end < q.end:
            end = q.end
    if any(s < end and start < e for s, e in taken):
        return None
    inner = [q for q in quotes if start <= q.start and q.end <= end]
    kind: QuoteKind = "mixed" if inner else "indirect"
    if (
        len(inner) == 1
        and not art.text[start : inner[0].start].strip(" ,:")
        and end <= inner[0].end
    ):
        start, end, kind = inner[0].inner_start, inner[0].inner_end, "direct"
    return Found(start=start, end=end, kind=kind, attribution=attribution)


# -- pass 3: speakers, and the records -------------------------------------------------


def find_quotes(doc: Any, *, article_id: str) -> tuple[Quote, ...]:
    """The quotes of one parsed article, sorted by start (see the module docstring)."""
    words = quote_words()
    quotes = quoted_spans(doc.text, words)
    art = parse(doc, words, quotes)
    found, claimed = direct_quotes(art, quotes)
    found += labelled_lines(art, quotes, found)
    found += block_quotes(art, claimed, found)
    found += indirect_quotes(art, quotes, claimed, found)
    found += continued_quotes(art, quotes, found)
    found = [f for f in found if not _anonymity(art, f)]
    named = _speakers(art, found)
    out: dict[tuple[int, int, int], Quote] = {}
    for item, name in named:
        if _nested(item, name, named):
            continue
        a = item.attribution
        quote = Quote(
            article_id=article_id,
            start=item.start,
            end=item.end,
            text=art.text[item.start : item.end],
            kind=item.kind,
            speaker=name,
            speaker_ref=art.ref(a.speaker_span) if a.speaker_span else None,
            cue=art.ref(a.cue),
            medium=a.medium,
        )
        out.setdefault((item.start, item.end, a.cue[0]), quote)
    return tuple(sorted(out.values(), key=lambda q: (q.start, q.end, q.cue.start if q.cue else 0)))


def _speakers(art: Parsed, found: list[Found]) -> list[tuple[Found, str | None]]:
    """Each quote with the name its speaker stands for, resolved in reading order."""
    cast = speakers.cast(art)
    history: list[speakers.Known] = []
    resolved: dict[int, speakers.Known] = {}
    out: list[tuple[Found, str | None]] = []
    for item in sorted(found, key=_reading_order):
        a = item.attribution
        if a.speaker is None or a.speaker_span is None:
            out.append((item, None))
            continue
        if a.speaker.i not in resolved:
            head = speakers.antecedent(a.speaker, art.words)
            span = a.speaker_span
            if head.i != a.speaker.i:  # "..., who said": the noun it stands for
                span = speakers.phrase(art.doc, head, art.inside) or span
            written = speakers.described(art, head, span)
            known = speakers.resolve(head, written, cast, history, art.words)
            speakers.learn_gender(cast, a.speaker.lower_, known)
            resolved[a.speaker.i] = known
            history.append(known)
        out.append((item, resolved[a.speaker.i].name))
    return out


def _nested(item: Found, name: str | None, named: list[tuple[Found, str | None]]) -> bool:
    """Whether a quote is reported inside another that already holds it, so counts once:
    its cue and words lie within the other's words, and it is said by the same speaker
    (``Residents said they had warned officials ...``) or by a subject borrowed from the
    other's words (``The army said its forces had retaken the town and described ...``)."""
    a = item.attribution
    if a.cue_token is None:
        return False
    borrowed = a.speaker is not None and not _own_subject(a.speaker, a.cue_token)
    for outer, outer_name in named:
        holds = outer.start <= min(item.start, a.cue[0]) and max(item.end, a.cue[1]) <= outer.end
        longer = outer.end - outer.start > item.end - item.start
        same = name is not None and name == outer_name
        if outer is not item and holds and longer and (borrowed or same):
            return True
    return False


def _own_subject(speaker: Any, cue: int) -> bool:
    """Whether a speaker token is the cue verb's own subject or agent (``by X``)."""
    head = speaker.head
    return bool(head.i == cue or (head.dep_ == "agent" and head.head.i == cue))


def continued_quotes(art: Parsed, quotes: tuple[Quoted, ...], taken: list[Found]) -> list[Found]:
    """A quotation of its own sentence that nothing attributes continues the speaker
    quoted last before it: earlier in its paragraph, or, when it opens its paragraph,
    in the paragraph before (``X said ...`` then a paragraph ``"..."``). A quotation of
    a word or two is the writer's (scare quotes), not a quote."""
    out: list[Found] = []
    for q in quotes:
        if q.single or len(art.text[q.inner_start : q.inner_end].split()) <= MIN_CONTENT_TOKENS:
            continue
        if any(f.start < q.end and q.start < f.end for f in (*taken, *out)):
            continue
        p_start, p_end = art.paragraph(q.start)
        before = art.text[p_start : q.start].rstrip()
        if before and not before.endswith(OWN_SENTENCE):
            continue  # inside a sentence of the writer's
        after = art.text[q.end : p_end].strip(" \t")
        if any(d in after for d in art.words.dashes):
            continue  # '"..." ― Jane Doe' and the like: attributed, if at all, after it
        if after and not (after[0].isupper() or after[0] in STOPS):
            continue  # the sentence goes on: '"..." was the slogan'
        earliest = p_start
        if not before and p_start > 0:
            earliest = art.paragraph(p_start - 2)[0]  # the paragraph before
        earlier = [f for f in (*taken, *out) if earliest <= f.start and f.end <= q.start]
        if not earlier:
            continue
        last = max(earlier, key=lambda f: (f.end, -f.start))
        start, end = q.inner_start, q.inner_end
        out.append(Found(start=start, end=end, kind="direct", attribution=last.attribution))
    return out


def _anonymity(art: Parsed, found: Found) -> bool:
    """What an anonymous source asked for (``who asked not to be named``)."""
    said = art.text[found.start : found.end].lower()
    return said.startswith(art.words.anonymity)


def _reading_order(found: Found) -> tuple[int, int]:
    """Speakers are resolved in the order their names are read."""
    a = found.attribution
    return (a.speaker.idx if a.speaker is not None else found.start), found.start
