"""Linking across articles on the bundled sample corpus (real model, real database):
stories against examples/expected.json, entities across spellings, incidents with
conflicting figures side by side, the commands, incremental adds and catching up."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import rashomon
from rashomon.analyze import AnalyzeReport
from rashomon.annotate import annotate, load_model
from rashomon.clean import clean_document
from rashomon.connect import Connector
from rashomon.ingest import read_source
from rashomon.ingest.paths import list_sources
from rashomon.options import Options

from .conftest import EXAMPLES, run_cli

Sample = tuple[rashomon.Corpus, AnalyzeReport]


def _stories_by_letter(corpus: rashomon.Corpus, expected: dict[str, Any]) -> dict[str, set[str]]:
    by_words = {
        (" ".join(a.text.split()[:6]), " ".join(a.text.split()[-6:])): a.id
        for a in corpus.articles()
    }
    letters: dict[str, set[str]] = {}
    for want in expected["articles"]:
        key = (want["first_words"], want["last_words"])
        letters.setdefault(want["story"], set()).add(by_words[key])
    return letters


def test_links_sample_stories_are_the_four_happenings(
    sample_corpus: Sample, expected: dict[str, Any]
) -> None:
    corpus, _ = sample_corpus
    want = sorted(sorted(ids) for ids in _stories_by_letter(corpus, expected).values())
    got = sorted(sorted(s.article_ids) for s in corpus.stories())
    assert got == want
    for story in corpus.stories():
        assert story.title and story.sources


def test_links_sample_spellings_are_one_entity(sample_corpus: Sample) -> None:
    corpus, _ = sample_corpus
    (rudaini,) = corpus.entity("Khaled Al-Rudaini")
    assert {"Khalid Al-Rudainy", "Khaled al-Rudaini"} <= {
        rudaini.entity.name,
        *rudaini.entity.aliases,
    }
    assert len(rudaini.entity.sources) >= 4
    (nasr,) = corpus.entity("Kataib al-Nasr")
    assert nasr.entity.label == "ORG"
    assert {"Kataeb Al-Nasr", "Kata'ib al-Nasr"} <= {nasr.entity.name, *nasr.entity.aliases}
    texts = {a.id: a.text for a in corpus.articles()}
    for _, mention in rudaini.mentions:
        assert texts[mention.article_id][mention.start : mention.end] == mention.text


def test_links_sample_incident_keeps_conflicting_tolls_side_by_side(
    sample_corpus: Sample, expected: dict[str, Any]
) -> None:
    corpus, _ = sample_corpus
    kirkuk = _stories_by_letter(corpus, expected)["A"]
    story = next(s for s in corpus.stories() if set(s.article_ids) & kirkuk)
    profile = corpus.story(story.story_id)
    tallies = [i.fatalities for i in profile.incidents if i.fatalities is not None]
    assert tallies, [i.plover_type for i in profile.incidents]
    widest = max(tallies, key=lambda t: len({f.source for f in t.figures}))
    assert widest.low < widest.high
    assert len({f.source for f in widest.figures}) >= 3
    assert widest.low <= widest.best <= widest.high
    texts = {a.id: a.text for a in corpus.articles()}
    for figure in widest.figures:
        assert texts[figure.article_id][figure.ref.start : figure.ref.end] == figure.ref.text


def test_links_commands_show_stories_entities_and_exports(sample_corpus: Sample) -> None:
    corpus, _ = sample_corpus
    db = corpus.store.path
    listed = run_cli("stories", "--db", db)
    assert listed.returncode == 0, listed.stderr
    first = listed.stdout.split()[0]
    shown = run_cli("story", first, "--db", db)
    assert shown.returncode == 0 and "incidents:" in shown.stdout
    entities = run_cli("entities", "--db", db, "--label", "PERSON")
    assert "Al-Rudain" in entities.stdout
    entity = run_cli("entity", "Khalid Al-Rudaini", "--db", db)
    assert entity.returncode == 0 and "mentions per source" in entity.stdout
    missing = run_cli("entity", "Nobody Anywhere", "--db", db)
    assert missing.returncode == 1 and "no entity called" in missing.stderr
    for what, field in (
        ("stories", "story_id"),
        ("entities", "aliases"),
        ("events", "incident_id"),
    ):
        exported = run_cli("export", "--db", db, "--what", what)
        rows = [json.loads(line) for line in exported.stdout.splitlines()]
        assert rows and all(field in row for row in rows), what
    events = [
        json.loads(x) for x in run_cli("export", "--db", db, "--what", "events").stdout.splitlines()
    ]
    assert any(e["incident_id"] and e["story_id"] for e in events)


def test_links_article_added_later_joins_its_story(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(EXAMPLES / "corpus", corpus_dir)
    later = corpus_dir / "html" / "meridian_post_kirkuk.html"
    held = tmp_path / "later.html"
    later.rename(held)
    with rashomon.open(tmp_path / "c.db") as corpus:
        corpus.analyze([corpus_dir])
        before = {s.story_id: set(s.article_ids) for s in corpus.stories()}
        corpus.analyze([held])
        after = {s.story_id: set(s.article_ids) for s in corpus.stories()}
    (new_id,) = set().union(*after.values()) - set().union(*before.values())
    home = next(key for key, ids in after.items() if new_id in ids)
    assert len(after[home]) > 1, "it joined an existing story"
    assert len(after) == len(before)


def test_links_catch_up_links_articles_stored_but_not_linked(tmp_path: Path) -> None:
    options = Options()
    with rashomon.open(tmp_path / "c.db") as corpus:
        source = next(
            iter(list_sources([EXAMPLES / "corpus" / "html" / "meridian_post_kirkuk.html"]))
        )
        (document,) = [d for d in read_source(source, options) if not isinstance(d, Exception)]
        articles = clean_document(document, options)
        annotations = annotate(articles, load_model(None), options)
        corpus.store.add_document(document, articles, annotations, stages=options.stages)
        assert corpus.stories() == []
        report = Connector(corpus.store).catch_up()
        assert report.articles == 1
        assert [s.article_ids for s in rashomon.open(tmp_path / "c.db").stories()] == [
            (articles[0].id,)
        ]


def test_links_restored_index_matches_the_stored_membership(sample_corpus: Sample) -> None:
    corpus, _ = sample_corpus
    restored = Connector(corpus.store).index
    stored: dict[str, set[str]] = {}
    for features, assignment in corpus.store.links.story_entries():
        stored.setdefault(assignment["story_id"], set()).add(features["article_id"])
    by_story = {s.story_id: {*s.article_ids, *s.copies} for s in restored.all_stories()}
    assert sorted(map(sorted, by_story.values())) == sorted(map(sorted, stored.values()))
