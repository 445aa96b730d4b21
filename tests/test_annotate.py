"""Annotation with the real spaCy model: spans into the clean text, paragraph-safe."""

from __future__ import annotations

import pytest

from rashomon.annotate import annotate, load_model, resolve_model_name
from rashomon.errors import ModelError
from rashomon.options import DEFAULT_MODELS, Options
from rashomon.records import Article, article_id

TEXT = (
    "Foreign Minister Leila Nassar met her Jordanian counterpart in Amman on Monday.\n\n"
    "The two ministers discussed water sharing on the Yarmouk River. Talks resume in May.\n\n"
    "Omar Haddad, a spokesman for the ministry, said 40 experts would join the next round"
)


def _article(text: str) -> Article:
    return Article(id=article_id(text), document_id="d", position=0, text=text)


def test_annotate_default_model_is_an_installed_english_model() -> None:
    assert resolve_model_name(None) in DEFAULT_MODELS
    assert resolve_model_name("my_model") == "my_model"


def test_annotate_loads_the_model_once_with_only_needed_components() -> None:
    model = load_model(None)
    assert load_model(None) is model
    names = set(model.nlp.pipe_names)
    assert {"ner", "parser", "lemmatizer", "tagger"} <= names
    assert "senter" not in names  # the parser splits sentences; the senter would be wasted work


def test_annotate_spans_index_the_clean_text() -> None:
    article = _article(TEXT)
    (annotation,) = annotate([article], load_model(None), Options())
    labels = {(m.text, m.label) for m in annotation.mentions}
    assert ("Leila Nassar", "PERSON") in labels and ("Amman", "GPE") in labels
    for mention in annotation.mentions:
        assert TEXT[mention.start : mention.end] == mention.text
    for sentence in annotation.sentences:
        chunk = TEXT[sentence.start : sentence.end]
        assert chunk == chunk.strip() and "\n\n" not in chunk
    assert len(annotation.sentences) >= 4


def test_annotate_keeps_only_the_requested_labels() -> None:
    article = _article(TEXT)
    (annotation,) = annotate([article], load_model(None), Options(labels=frozenset({"PERSON"})))
    assert annotation.mentions and {m.label for m in annotation.mentions} == {"PERSON"}


def test_annotate_unknown_model_raises_model_error() -> None:
    with pytest.raises(ModelError, match="--model"):
        load_model("xx_not_a_model_anywhere")
