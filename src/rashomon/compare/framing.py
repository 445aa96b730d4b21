"""How each outlet frames a story (``framing``): one ``OutletFraming`` per outlet, each
figure keeping the spans it was read from.

    names      how the outlet names each actor of the story, grouped by corpus entity id
               (by the mention's name when it has none): the mentions as written and their
               *descriptors*, a mention with the lower-case words right after it (``US
               troops``, ``US occupation army``; no part-of-speech tags reach the
               comparison, so a descriptor ends at a stop word, punctuation, a capitalised
               word or a listed verb). An entity is shown when one outlet mentions it
               twice or two outlets mention it.
    terms      the words and two-word phrases distinctive of the outlet within the story:
               weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi &
               Quinn 2008, "Fightin' Words", eq. 16-22), the outlet ``i`` against all the
               other outlets ``j`` of the story::

                   delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w))
                           - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
                   z_w     = delta_w / sqrt(1 / (y_iw + a_w) + 1 / (y_jw + a_w))

               Words are the stemmed content words of ``cluster.features.terms`` (the
               keys the corpus background counts), with derivational families folded into
               one key (``fold``: ``occupation``, ``occupying``, ``occupied`` ->
               ``occup-``); a phrase is two such words side by side, kept when the
               story says it at least twice. The prior ``a_w = a0 * p_w`` spreads ``a0``
               (a share of the story's word count, so long and short stories are shrunk
               alike) over the story's vocabulary by ``p_w``, a blend of the background's
               relative document frequencies and the story's own counts (so a word the
               corpus never saw still has prior mass). A story told by one outlet has no
               distinctive terms.
    voices     whose quotes the outlet carries: quotes and quote characters per speaker,
               and their share of the outlet's text.
    tone       the outlet's tone toward each main actor of the story (the most mentioned
               people, organisations, countries and groups, ``main_actors``): the mean
               VADER compound (Hutto & Gilbert 2014) of the outlet's sentences that
               mention it (``sentence_tone``; VADER's lexicon, made for social media,
               completed with the news words of ``data/tone_words.tsv``: ``indicted``,
               ``corruption``, ``subpoena``), labelled ``pos``/``neg``/``neu``
               (``tone_label``).
    own_voice  the share of the outlet's sentences that carry no quote and no attribution;
               ``attributed`` is the rest: a sentence overlapping a quote, its cue or its
               speaker, or holding an attribution word (``said``, ``according to``).

Thresholds, caps and word lists are in ``data/framing.toml`` (``FramingLexicon``).
"""

from __future__ import annotations

import math
import re
import tomllib
import warnings
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, TypeAlias

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from rashomon.cluster.features import cluster_lexicon
from rashomon.cluster.features import terms as content_terms
from rashomon.lexicons import read_data, read_tsv, word_list
from rashomon.records import EntityMention

from .material import Account, Background, StoryMaterial
from .records import NameUse, OutletFraming, SpanRef, Term, Tone, ToneLabel, Voice

# the speaker of a quote nobody is named for
UNATTRIBUTED = "unattributed"

# an entity: its corpus id, or the mention's name when it has none
_EntityKey: TypeAlias = int | str

# the word pattern of ``cluster.minhash.words``, here for the words' offsets
_WORD = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*")
# the next word after a mention, on the same line (not the first half of "didn't")
_NEXT_WORD = re.compile(r"[^\S\n]+([^\W\d_]+(?:-[^\W\d_]+)*)(?![\w'’])")


@dataclass(frozen=True, kw_only=True, slots=True)
class FramingLexicon:
    """The entries of ``data/framing.toml``: field ``<section>_<key>`` holds ``[section]
    key`` (the file's comments say what each does)."""

    names_descriptor_words: int
    names_descriptor_stops: frozenset[str]
    names_descriptor_stop_endings: tuple[str, ...]
    names_min_mentions: int
    names_min_outlets: int
    names_max_per_outlet: int
    terms_prior_share: float
    terms_background_weight: float
    terms_min_z: float
    terms_max_per_outlet: int
    terms_max_refs: int
    terms_min_phrase_count: int
    terms_fold_suffixes: tuple[str, ...]
    terms_fold_min_root: int
    terms_loaded: frozenset[str]
    terms_loaded_min_z: float
    voices_attribution: tuple[str, ...]
    tone_labels: frozenset[str]
    tone_max_entities: int
    tone_min_mentions: int
    tone_pos: float
    tone_neg: float
    tone_person_pronouns: frozenset[str]
    tone_prior_sentences: float
    tone_thing_pronouns: frozenset[str]


def _entry(raw: Mapping[str, Any], key: str) -> Any:
    section, _, name = key.partition(".")
    try:
        return raw[section][name]
    except (KeyError, TypeError) as error:
        raise ValueError(f"framing.toml: {key} is missing; add it to rashomon/data/") from error


def _count(raw: Mapping[str, Any], key: str, low: int = 1) -> int:
    value = _entry(raw, key)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValueError(f"framing.toml: {key} must be a whole number >= {low}, not {value!r}")
    return value


def _number(raw: Mapping[str, Any], key: str, low: float, below: float) -> float:
    value = _entry(raw, key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value < below:
        raise ValueError(f"framing.toml: {key} must be a number from {low} below {below}")
    return float(value)


def _words(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return word_list(_entry(raw, key), f"framing.toml: {key}")


@cache
def framing_lexicon() -> FramingLexicon:
    """``data/framing.toml``, read and checked once."""
    raw = tomllib.loads(read_data("framing.toml"))
    return FramingLexicon(
        names_descriptor_words=_count(raw, "names.descriptor_words"),
        names_descriptor_stops=frozenset(_words(raw, "names.descriptor_stops")),
        names_descriptor_stop_endings=_words(raw, "names.descriptor_stop_endings"),
        names_min_mentions=_count(raw, "names.min_mentions"),
        names_min_outlets=_count(raw, "names.min_outlets"),
        names_max_per_outlet=_count(raw, "names.max_per_outlet"),
        terms_prior_share=_number(raw, "terms.prior_share", 1e-6, math.inf),
        terms_background_weight=_number(raw, "terms.background_weight", 0.0, 1.0),
        terms_min_z=_number(raw, "terms.min_z", 0.0, math.inf),
        terms_max_per_outlet=_count(raw, "terms.max_per_outlet"),
        terms_max_refs=_count(raw, "terms.max_refs"),
        terms_min_phrase_count=_count(raw, "terms.min_phrase_count"),
        terms_fold_suffixes=tuple(
            sorted(_words(raw, "terms.fold_suffixes"), key=lambda s: (-len(s), s))
        ),
        terms_fold_min_root=_count(raw, "terms.fold_min_root"),
        terms_loaded=frozenset(_words(raw, "terms.loaded")),
        terms_loaded_min_z=_number(raw, "terms.loaded_min_z", 0.0, math.inf),
        voices_attribution=_words(raw, "voices.attribution"),
        tone_labels=frozenset(label.upper() for label in _words(raw, "tone.labels")),
        tone_max_entities=_count(raw, "tone.max_entities"),
        tone_min_mentions=_count(raw, "tone.min_mentions"),
        tone_pos=_number(raw, "tone.pos", 0.0, 1.0),
        tone_neg=_number(raw, "tone.neg", 0.0, 1.0),
        tone_person_pronouns=frozenset(_words(raw, "tone.person_pronouns")),
        tone_prior_sentences=_number(raw, "tone.prior_sentences", 0.0, math.inf),
        tone_thing_pronouns=frozenset(_words(raw, "tone.thing_pronouns")),
    )


# -- tone ------------------------------------------------------------------------------


@cache
def tone_words() -> dict[str, float]:
    """``data/tone_words.tsv``: news words and their valence on VADER's scale (-4..4),
    each one lower-case word (VADER scores words one by one)."""
    words = {}
    for row in read_tsv("tone_words.tsv"):
        word, valence = row["word"], row["valence"]
        try:
            value = float(valence)
        except ValueError:
            value = math.nan
        if not -4.0 <= value <= 4.0 or not word.isalpha() or not word.islower():
            raise ValueError(
                f"tone_words.tsv: {word!r} {valence!r} must be one lower-case word and a "
                "valence from -4 to 4; fix the row in rashomon/data/"
            )
        words[word] = value
    return words


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    """The VADER analyzer, built once (it reads its lexicon files), with the news words
    of ``tone_words`` added to its lexicon (replacing VADER's reading where it has one:
    ``apologized`` is not a happy word in a report)."""
    with warnings.catch_warnings():
        # vaderSentiment 3.3.2 reads them with codecs.open, deprecated from Python 3.14
        warnings.filterwarnings(
            "ignore", message=r"codecs\.open\(\) is deprecated", category=DeprecationWarning
        )
        analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update(tone_words())
    return analyzer


@lru_cache(maxsize=1 << 16)  # bounded: a corpus run scores a great many sentences
def sentence_tone(text: str) -> float:
    """The VADER compound score of ``text``: -1 (most negative) to 1 (most positive)."""
    return float(_analyzer().polarity_scores(text)["compound"])


def tone_label(score: float, lexicon: FramingLexicon | None = None) -> ToneLabel:
    """``pos`` from ``tone.pos`` up, ``neg`` from minus ``tone.neg`` down, else ``neu``."""
    lexicon = lexicon or framing_lexicon()
    if score >= lexicon.tone_pos:
        return "pos"
    if score <= -lexicon.tone_neg:
        return "neg"
    return "neu"


# -- the story's entities --------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class _Mention:
    """An entity mention of the story: its outlet and entity, where it is written and, when
    lower-case words follow it, its descriptor."""

    outlet: str
    mention: EntityMention
    ref: SpanRef
    descriptor: SpanRef | None


@dataclass(frozen=True, kw_only=True, slots=True)
class _Entity:
    """An entity of the story: its most used name and label, and its mentions per outlet."""

    key: _EntityKey
    name: str
    label: str
    by_outlet: Mapping[str, tuple[_Mention, ...]]

    @property
    def id(self) -> int | None:
        return self.key if isinstance(self.key, int) else None

    @property
    def mentions(self) -> int:
        return sum(len(group) for group in self.by_outlet.values())


def _ref(account: Account, start: int, end: int) -> SpanRef:
    return SpanRef(
        article_id=account.id, start=start, end=end, text=account.article.text[start:end]
    )


def _most_common(counts: Counter[str]) -> str:
    """The most frequent value; ties go to the first in alphabetical order."""
    return min(counts, key=lambda value: (-counts[value], value))


def _descriptor(
    account: Account, mention: EntityMention, stops: frozenset[str], lexicon: FramingLexicon
) -> SpanRef | None:
    """The mention with the lower-case content words right after it, or None."""
    text, end = account.article.text, mention.end
    for _ in range(lexicon.names_descriptor_words):
        match = _NEXT_WORD.match(text, end)
        if match is None:
            break
        word = match.group(1)
        if not word.islower() or word in stops:
            break
        if word.endswith(lexicon.names_descriptor_stop_endings):
            break
        end = match.end()
    return _ref(account, mention.start, end) if end > mention.end else None


def _entities(material: StoryMaterial, lexicon: FramingLexicon) -> list[_Entity]:
    """The story's entities, their mentions grouped by corpus entity and outlet."""
    stops = cluster_lexicon().ignored | lexicon.names_descriptor_stops
    grouped: dict[_EntityKey, list[_Mention]] = defaultdict(list)
    for account in material.accounts:
        for m in account.entity_mentions:
            key = account.entity_ids.get((m.start, m.end), " ".join(m.name.split()))
            grouped[key].append(
                _Mention(
                    outlet=account.outlet,
                    mention=m,
                    ref=_ref(account, m.start, m.end),
                    descriptor=_descriptor(account, m, stops, lexicon),
                )
            )
    entities = []
    for key, group in grouped.items():
        by_outlet: dict[str, list[_Mention]] = defaultdict(list)
        for mention in group:
            by_outlet[mention.outlet].append(mention)
        entities.append(
            _Entity(
                key=key,
                name=_most_common(Counter(" ".join(m.mention.name.split()) for m in group)),
                label=_most_common(Counter(m.mention.label for m in group)),
                by_outlet={outlet: tuple(ms) for outlet, ms in by_outlet.items()},
            )
        )
    return sorted(entities, key=lambda e: (-e.mentions, e.name))


def _main(entities: Sequence[_Entity], lexicon: FramingLexicon) -> list[_Entity]:
    """The story's main actors: the most mentioned entities of the tone labels, each
    mentioned at least ``tone.min_mentions`` times, at most ``tone.max_entities``."""
    return [
        e
        for e in entities
        if e.label in lexicon.tone_labels and e.mentions >= lexicon.tone_min_mentions
    ][: lexicon.tone_max_entities]


def main_actors(
    material: StoryMaterial, *, lexicon: FramingLexicon | None = None
) -> dict[str, list[tuple[int, int]]]:
    """Where the story's main actors (the actors whose tone is measured) are named: the
    mention spans per article id."""
    lexicon = lexicon or framing_lexicon()
    return _actor_spans(_main(_entities(material, lexicon), lexicon))


def _actor_spans(main: Sequence[_Entity]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for entity in main:
        for mentions in entity.by_outlet.values():
            for m in mentions:
                spans[m.ref.article_id].append((m.mention.start, m.mention.end))
    return dict(spans)


def _names(
    outlet: str, entities: Sequence[_Entity], lexicon: FramingLexicon
) -> tuple[NameUse, ...]:
    """How ``outlet`` names the entities shown: names and descriptors with their counts."""
    shown = [
        e
        for e in entities
        if outlet in e.by_outlet
        and (
            max(len(ms) for ms in e.by_outlet.values()) >= lexicon.names_min_mentions
            or len(e.by_outlet) >= lexicon.names_min_outlets
        )
    ]
    shown.sort(key=lambda e: (-len(e.by_outlet[outlet]), e.name))
    uses = []
    for entity in shown[: lexicon.names_max_per_outlet]:
        mentions = entity.by_outlet[outlet]
        counts: Counter[str] = Counter()
        for m in mentions:
            counts[" ".join(m.ref.text.split())] += 1
            if m.descriptor is not None:
                counts[" ".join(m.descriptor.text.split())] += 1
        uses.append(
            NameUse(
                entity=entity.name,
                entity_id=entity.id,
                names=tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
                refs=tuple(m.descriptor or m.ref for m in mentions),
            )
        )
    return tuple(uses)


def _tone(
    outlet: str, accounts: Sequence[Account], main: Sequence[_Entity], lexicon: FramingLexicon
) -> tuple[Tone, ...]:
    """The outlet's tone toward each main entity it mentions: the mean VADER compound of
    the sentences about it (``_sentences_about``), shrunk toward the outlet's tone over
    all its sentences of the story as if that were ``tone.prior_sentences`` more
    sentences (one sentence's reading is noisy; an article's author shows a feeling
    toward its main actors in the whole piece, not only where they are named)."""
    about: dict[_EntityKey, list[SpanRef]] = defaultdict(list)
    overall: list[float] = []
    for account in accounts:
        for key, refs in _sentences_about(outlet, account, main, lexicon).items():
            about[key].extend(refs)
        text = account.article.text
        overall.extend(sentence_tone(text[s.start : s.end]) for s in account.sentences)
    prior = sum(overall) / len(overall) if overall else 0.0
    weight = lexicon.tone_prior_sentences
    tones = []
    for entity in main:
        refs = about.get(entity.key, [])
        if not refs:
            continue
        score = (sum(sentence_tone(r.text) for r in refs) + weight * prior) / (len(refs) + weight)
        tones.append(
            Tone(
                entity=entity.name,
                entity_id=entity.id,
                score=round(score, 4),
                label=tone_label(score, lexicon),
                sentences=len(refs),
                refs=tuple(refs),
            )
        )
    return tuple(tones)


def _sentences_about(
    outlet: str, account: Account, main: Sequence[_Entity], lexicon: FramingLexicon
) -> dict[_EntityKey, list[SpanRef]]:
    """The sentences of one article about each main entity: those that name it, and those
    that name no main entity of its kind but carry its pronoun (``he``, ``his`` for the
    last person named; ``it``, ``they`` for the last organisation or country), the way a
    report goes on about someone after naming them once."""
    starts: list[tuple[int, str, _EntityKey]] = sorted(
        (m.mention.start, _kind(entity.label), entity.key)
        for entity in main
        for m in entity.by_outlet.get(outlet, ())
        if m.ref.article_id == account.id
    )
    pronouns = {"person": lexicon.tone_person_pronouns, "thing": lexicon.tone_thing_pronouns}
    last: dict[str, _EntityKey] = {}
    about: dict[_EntityKey, list[SpanRef]] = defaultdict(list)
    text = account.article.text
    for sentence in account.sentences:
        named = [(kind, key) for at, kind, key in starts if sentence.start <= at < sentence.end]
        ref = _ref(account, sentence.start, sentence.end)
        if named:
            for key in dict.fromkeys(key for _, key in named):
                about[key].append(ref)
            for kind, key in named:
                last[kind] = key
            continue
        words = {w.casefold() for w in _WORD.findall(text, sentence.start, sentence.end)}
        for kind, key in last.items():
            if words & pronouns[kind]:
                about[key].append(ref)
    return about


def _kind(label: str) -> str:
    return "person" if label == "PERSON" else "thing"


# -- voices ----------------------------------------------------------------------------


def _voices(accounts: Sequence[Account]) -> tuple[Voice, ...]:
    """Whose quotes the outlet carries, the most quoted (in characters) first."""
    total = sum(len(a.article.text) for a in accounts)
    refs: dict[str, list[SpanRef]] = defaultdict(list)
    chars: Counter[str] = Counter()
    for account in accounts:
        for quote in account.quotes:
            speaker = " ".join(quote.speaker.split()) if quote.speaker else UNATTRIBUTED
            refs[speaker].append(_ref(account, quote.start, quote.end))
            chars[speaker] += len(quote.text)
    voices = [
        Voice(
            speaker=speaker,
            quotes=len(spans),
            chars=chars[speaker],
            share=round(chars[speaker] / total, 4) if total else 0.0,
            refs=tuple(spans),
        )
        for speaker, spans in refs.items()
    ]
    return tuple(sorted(voices, key=lambda v: (-v.chars, v.speaker)))


@lru_cache(maxsize=8)
def _attribution(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = (r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def _own_voice(accounts: Sequence[Account], lexicon: FramingLexicon) -> tuple[float, float, int]:
    """(own voice share, attributed share, sentences) of the outlet's sentences."""
    pattern = _attribution(lexicon.voices_attribution)
    sentences = attributed = 0
    for account in accounts:
        spans = [(r.start, r.end) for q in account.quotes for r in (q, q.cue, q.speaker_ref) if r]
        for s in account.sentences:
            sentences += 1
            if any(start < s.end and s.start < end for start, end in spans) or pattern.search(
                account.article.text, s.start, s.end
            ):
                attributed += 1
    if not sentences:
        return 0.0, 0.0, 0
    share = attributed / sentences
    return 1.0 - share, share, sentences


# -- distinctive terms -----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class _Token:
    """A content word (or two side by side) of an outlet: its folded key, its form as
    written (lower-cased at the start of a sentence) and where it is."""

    key: str
    surface: str
    ref: SpanRef


def fold(key: str, lexicon: FramingLexicon | None = None) -> str:
    """One key for a derivational family of stemmed keys: the root left by the first
    ``terms.fold_suffixes`` ending, marked with ``-`` (``occupation``, ``occupy``,
    ``occupi`` -> ``occup-``), when at least ``terms.fold_min_root`` characters long; the
    key itself otherwise (``nation``, ``army``)."""
    lexicon = lexicon or framing_lexicon()
    for suffix in lexicon.terms_fold_suffixes:
        if key.endswith(suffix) and len(key) - len(suffix) >= lexicon.terms_fold_min_root:
            return key[: -len(suffix)] + "-"
    return key


def _tokens(account: Account, ignored: frozenset[str], lexicon: FramingLexicon) -> list[_Token]:
    """The content words of the account's sentences and the phrases of two of them."""
    text = account.article.text
    tokens = []
    for sentence in account.sentences:
        previous: _Token | None = None
        for index, match in enumerate(_WORD.finditer(text, sentence.start, sentence.end)):
            word = match.group()
            stemmed = next(iter(content_terms(word, ignored)), None)
            if stemmed is None or not stemmed[0].isalpha():  # figures are not wording
                previous = None
                continue
            initial = index == 0 and word[:1].isupper() and word[1:].islower()
            token = _Token(
                key=fold(stemmed, lexicon),
                surface=word.casefold() if initial else word,
                ref=_ref(account, match.start(), match.end()),
            )
            tokens.append(token)
            if previous is not None and text[previous.ref.end : match.start()].isspace():
                tokens.append(
                    _Token(
                        key=f"{previous.key} {token.key}",
                        surface=f"{previous.surface} {token.surface}",
                        ref=_ref(account, previous.ref.start, match.end()),
                    )
                )
            previous = token
    return tokens


def _prior(
    story: Counter[str], background: Background, lexicon: FramingLexicon
) -> dict[str, float]:
    """``p_w`` of each word of the story: the blend of the background's relative document
    frequencies (its keys folded like the story's) and the story's own counts."""
    total = sum(story.values())
    df: Counter[str] = Counter()
    for key, count in background.term_df.items():
        folded = fold(key, lexicon)
        if folded in story:
            df[folded] += count
    df_total = sum(df.values())
    weight = lexicon.terms_background_weight if df_total else 0.0
    return {
        key: (1 - weight) * count / total + (weight * df[key] / df_total if df_total else 0.0)
        for key, count in story.items()
    }


def _z(y_i: int, y_j: int, n_i: int, n_j: int, alpha: float, alpha0: float) -> float:
    """The z-score of a word's log-odds ratio, outlet ``i`` against the others ``j``."""
    rest_i = n_i + alpha0 - y_i - alpha
    rest_j = n_j + alpha0 - y_j - alpha
    if alpha <= 0 or rest_i <= 0 or rest_j <= 0:
        return 0.0
    delta = math.log((y_i + alpha) / rest_i) - math.log((y_j + alpha) / rest_j)
    return delta / math.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))


def _distinctive(
    tokens: Mapping[str, Sequence[_Token]], background: Background, lexicon: FramingLexicon
) -> dict[str, tuple[Term, ...]]:
    """The distinctive terms of each outlet (none when the story has one outlet)."""
    if len(tokens) < 2:
        return {}
    counts = {outlet: Counter(t.key for t in ts) for outlet, ts in tokens.items()}
    story = sum(counts.values(), Counter[str]())
    for key, count in list(story.items()):
        if " " in key and count < lexicon.terms_min_phrase_count:
            del story[key]
            for own in counts.values():
                own.pop(key, None)
    prior = _prior(story, background, lexicon)
    total = sum(story.values())
    alpha0 = lexicon.terms_prior_share * total
    ignored = cluster_lexicon().ignored
    loaded = {
        fold(key, lexicon) for word in lexicon.terms_loaded for key in content_terms(word, ignored)
    }
    found = {}
    for outlet, own in counts.items():
        n_i = sum(own.values())
        z = {
            key: _z(y, story[key] - y, n_i, total - n_i, alpha0 * prior[key], alpha0)
            for key, y in own.items()
        }
        kept = [
            key
            for key in own
            if z[key] >= (lexicon.terms_loaded_min_z if key in loaded else lexicon.terms_min_z)
        ]
        phrases = [key for key in kept if " " in key]
        # a word always used in a kept phrase is said by the phrase
        kept = [
            key
            for key in kept
            if " " in key or not any(key in p.split(" ") and own[p] >= own[key] for p in phrases)
        ]
        kept.sort(key=lambda key: (-z[key], key))
        terms = []
        for key in kept[: lexicon.terms_max_per_outlet]:
            uses = [t for t in tokens[outlet] if t.key == key]
            terms.append(
                Term(  # shown as the outlet writes it most often
                    term=_most_common(Counter(t.surface for t in uses)),
                    z=round(z[key], 3),
                    count=own[key],
                    refs=tuple(t.ref for t in uses[: lexicon.terms_max_refs]),
                )
            )
        found[outlet] = tuple(terms)
    return found


# -- the outlets -----------------------------------------------------------------------


def framing(
    material: StoryMaterial, *, lexicon: FramingLexicon | None = None
) -> tuple[OutletFraming, ...]:
    """How each outlet of the story frames it (see the module docstring), by outlet name."""
    return framing_and_actors(material, lexicon=lexicon)[0]


def framing_and_actors(
    material: StoryMaterial, *, lexicon: FramingLexicon | None = None
) -> tuple[tuple[OutletFraming, ...], dict[str, list[tuple[int, int]]]]:
    """``framing`` and ``main_actors`` from one reading of the story's entities."""
    lexicon = lexicon or framing_lexicon()
    ignored = cluster_lexicon().ignored
    entities = _entities(material, lexicon)
    main = _main(entities, lexicon)  # the actors whose tone is measured
    accounts = {
        outlet: tuple(a for a in material.accounts if a.outlet == outlet)
        for outlet in material.outlets
    }
    tokens = {
        o: [t for a in own for t in _tokens(a, ignored, lexicon)] for o, own in accounts.items()
    }
    terms = _distinctive(tokens, material.background, lexicon)
    framings = []
    for outlet, own in accounts.items():
        own_voice, attributed, sentences = _own_voice(own, lexicon)
        framings.append(
            OutletFraming(
                outlet=outlet,
                article_ids=tuple(a.id for a in own),
                names=_names(outlet, entities, lexicon),
                terms=terms.get(outlet, ()),
                voices=_voices(own),
                tone=_tone(outlet, own, main, lexicon),
                own_voice=own_voice,
                attributed=attributed,
                sentences=sentences,
            )
        )
    return tuple(framings), _actor_spans(main)
