"""The bundled sample corpus, analyzed end to end (real model, real database file),
against examples/expected.json."""

from __future__ import annotations

import io
import json
from typing import Any

import pyarrow.parquet as pq
import pytest

import rashomon
from rashomon.analyze import AnalyzeReport

Sample = tuple[rashomon.Corpus, AnalyzeReport]


def _by_origin(corpus: rashomon.Corpus) -> dict[tuple[str, int], rashomon.Article]:
    """Articles keyed by (path under corpus/, index): the index is the line-1 for JSONL."""
    keyed = {}
    for article in corpus.articles():
        origin = corpus.origins(article.id)[0]
        path, _, line = (
            origin.rpartition(":") if origin.split(":")[-1].isdigit() else (origin, "", "")
        )
        relative = path.split("/corpus/", 1)[1]
        index = int(line) - 1 if line else article.position
        keyed[(relative, index)] = article
    return keyed


def test_examples_every_expected_article_is_found_clean(
    sample_corpus: Sample, expected: dict[str, Any]
) -> None:
    corpus, _ = sample_corpus
    found = _by_origin(corpus)
    for want in expected["articles"]:
        article = found[(want["file"], want["index"])]
        where = f"{want['file']}#{want['index']}"
        assert article.title == want["title"], where
        assert article.source == want["source"], where
        assert (article.published.date.isoformat() if article.published else None) == want[
            "published"
        ], where
        words = article.text.split()
        assert words[:6] == want["first_words"].split(), where
        assert words[-6:] == want["last_words"].split(), where
        assert list(article.captions) == want["captions"], where
        for caption in want["captions"]:
            assert caption not in article.text, where
        lines = [line for line in article.text.split("\n") if line]
        assert len(lines) == len(set(lines)), f"{where}: a line is repeated"


def test_examples_counts_and_duplicates(sample_corpus: Sample, expected: dict[str, Any]) -> None:
    _, report = sample_corpus
    assert report.errors == ()
    assert report.articles == len(expected["articles"])
    assert report.duplicate_documents + report.duplicate_articles == expected["duplicates"]
    assert report.corpus.sources >= 5


def test_examples_mentions_point_into_the_text(sample_corpus: Sample) -> None:
    corpus, _ = sample_corpus
    texts = {a.id: a.text for a in corpus.articles()}
    mentions = corpus.mentions()
    assert len(mentions) > 100
    for mention in mentions:
        assert texts[mention.article_id][mention.start : mention.end] == mention.text
        assert "\n" not in mention.text


def test_examples_expected_persons_are_person_mentions(
    sample_corpus: Sample, expected: dict[str, Any]
) -> None:
    corpus, _ = sample_corpus
    found = _by_origin(corpus)
    hits = total = 0
    for want in expected["articles"]:
        article = found[(want["file"], want["index"])]
        persons = {m.text for m in corpus.mentions(article_id=article.id, label="PERSON")}
        for name in want["persons"]:
            total += 1
            hits += any(name.endswith(p) or p.endswith(name) for p in persons)
    # the small English model misses some Arabic and Turkish names; most must be found
    assert hits / total >= 0.8, f"{hits}/{total} expected persons tagged PERSON"


def test_examples_sentences_cover_paragraphs(sample_corpus: Sample) -> None:
    corpus, _ = sample_corpus
    for article in corpus.articles():
        sentences = corpus.sentences(article.id)
        assert sentences, article.id
        for sentence in sentences:
            assert (
                article.text[sentence.start : sentence.end].strip()
                == article.text[sentence.start : sentence.end]
            )


@pytest.mark.parametrize("what", ["articles", "mentions"])
def test_examples_export_formats_agree(sample_corpus: Sample, what: str) -> None:
    corpus, _ = sample_corpus
    buffers = {}
    for fmt in ("jsonl", "csv", "parquet"):
        buffers[fmt] = io.BytesIO()
        corpus.export(what, fmt, buffers[fmt])
    rows = [json.loads(line) for line in buffers["jsonl"].getvalue().decode().splitlines()]
    table = pq.read_table(io.BytesIO(buffers["parquet"].getvalue())).to_pylist()
    csv_lines = buffers["csv"].getvalue().decode().splitlines()
    assert len(rows) == len(table) > 0
    assert table == rows
    assert csv_lines[0].split(",")[:2] == list(rows[0])[:2]
    if what == "articles":
        assert {"id", "title", "source", "published", "text", "captions"} <= set(rows[0])
    else:
        assert {"article_id", "start", "end", "text", "label"} <= set(rows[0])
