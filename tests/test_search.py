"""Full-text search: phrase and prefix queries, bm25 ranking, quote spans, queries
FTS5 cannot parse, databases from before the search migration, and the CLI."""

from __future__ import annotations

import contextlib
import json
import random
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import rashomon
from rashomon.analyze import AnalyzeReport
from rashomon.errors import OptionsError, StoreError
from rashomon.store.schema import tables
from rashomon.store.search import match_expression, require_fts5

from .conftest import run_cli
from .test_store_safety import old_database

ARTICLES = [
    {
        "title": "Fire Destroys Fuel Depot in Basra",
        "source": "Harbour Ledger",
        "published": "2025-03-10",
        "text": "A fire destroyed the main fuel depot in Basra on Sunday, officials said.\n\n"
        "Firefighters fought the blaze at the fuel depot for six hours. The fuel depot "
        "supplied most of the city's generators.\n\n"
        "“The fuel depot will be rebuilt within weeks,” said Governor Asaad Al-Eidani.",
    },
    {
        "title": "Fuel Prices Rise in Mosul",
        "source": "Desert Courier",
        "published": "2025-03-11",
        "text": "Fuel prices rose sharply in Mosul on Monday as traders blamed shortages.\n\n"
        "A grain depot near the river was closed for repairs, the trade ministry said.\n\n"
        "“Prices will fall when the roads reopen,” said trader Omar Haddad.",
    },
    {
        "title": "Drones Seen Over Tyre",
        "source": "Coastal Times",
        "published": "2025-03-12",
        "text": "Residents of Tyre reported drones flying over the harbour at night.\n\n"
        "The army said a drone had been shot down near the port and that no one was hurt.\n\n"
        "“We heard a loud bang and then silence,” said fisherman Yusuf Karimi.",
    },
    {
        "title": "Schools Reopen in Irbid",
        "source": "River Post",
        "published": "2025-03-13",
        "text": "Schools in Irbid reopened on Tuesday after a two-week closure caused by "
        "flooding.\n\nTeachers said attendance was high on the first day.\n\n"
        "“The children were happy to be back,” said headteacher Leila Nassar.",
    },
    {
        "title": "Harvest Festival Draws Crowds in Zarqa",
        "source": "River Post",
        "published": "2025-03-14",
        "text": "Thousands of visitors came to the harvest festival in Zarqa on Friday.\n\n"
        "Farmers sold olives, figs and honey from stalls along the main square.",
    },
    {
        "title": "New Bridge Opens in Homs",
        "source": "Coastal Times",
        "published": "2025-03-15",
        "text": "A new bridge over the Orontes opened to traffic in Homs on Saturday.\n\n"
        "Engineers said the bridge would cut journey times across the city by half.",
    },
]


def write_feed(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[rashomon.Corpus]:
    folder = tmp_path_factory.mktemp("search")
    with rashomon.open(folder / "search.db") as corpus:
        report = corpus.analyze([write_feed(folder / "feed.jsonl")])
        assert report.articles == len(ARTICLES) and not report.errors
        yield corpus


def outlets(hits: list[rashomon.store.SearchHit]) -> list[str | None]:
    return [hit.source for hit in hits]


def test_search_phrase_matches_the_phrase_only(corpus: rashomon.Corpus) -> None:
    words = corpus.search("fuel depot", what="articles")
    phrase = corpus.search('"fuel depot"', what="articles")
    assert sorted(outlets(words)) == ["Desert Courier", "Harbour Ledger"]  # "fuel" ... "depot"
    (hit,) = phrase
    assert (hit.kind, hit.source, hit.title) == ("article", "Harbour Ledger", ARTICLES[0]["title"])
    assert hit.published is not None and hit.published.isoformat() == "2025-03-10"
    assert hit.start is not None and hit.end is not None
    text = corpus.article(hit.article_id).text
    assert text[hit.start : hit.end] == "fuel depot"
    assert text.index("fuel depot") == hit.start  # the first match, to link the sentence
    assert ("fuel depot", True) in hit.snippet
    assert "[[fuel depot]]" in hit.marked()
    assert json.loads(json.dumps(hit.to_dict()))["snippet"][1] == {
        "text": "fuel depot",
        "match": True,
    }


def test_search_prefix_query_matches_word_starts(corpus: rashomon.Corpus) -> None:
    assert [h.marked() for h in corpus.search("drone", what="quotes")] == [
        "a [[drone]] had been shot down near the port and that no one was hurt"
    ]
    assert len(corpus.search("drone*", what="quotes")) == 2  # "drones" too
    (article,) = corpus.search("drone*", what="articles")
    assert article.source == "Coastal Times"
    assert {piece for piece, match in article.snippet if match} == {"drones", "drone"}


def test_search_ranks_the_article_with_more_matches_first(corpus: rashomon.Corpus) -> None:
    hits = corpus.search("depot", what="articles")
    assert outlets(hits) == ["Harbour Ledger", "Desert Courier"]  # three matches, then one
    assert hits[0].rank < hits[1].rank


def test_search_quote_hit_has_the_quote_span_and_speaker(corpus: rashomon.Corpus) -> None:
    (hit,) = corpus.search("rebuilt", what="quotes")
    assert (hit.kind, hit.speaker, hit.source) == ("quote", "Asaad Al-Eidani", "Harbour Ledger")
    assert hit.start is not None and hit.end is not None
    text = corpus.article(hit.article_id).text
    assert text[hit.start : hit.end] == "The fuel depot will be rebuilt within weeks"
    (by_speaker,) = corpus.search("Eidani", what="quotes")  # the speaker is indexed too
    assert (by_speaker.start, by_speaker.end) == (hit.start, hit.end)


def test_search_snippet_never_cuts_a_phrase_match(
    sample_corpus: tuple[rashomon.Corpus, AnalyzeReport],
) -> None:
    corpus, _ = sample_corpus
    hits = corpus.search('"fuel depot"', limit=50)
    assert len(hits) > 5
    for hit in hits:
        assert {text.casefold() for text, match in hit.snippet if match} == {"fuel depot"}
        if hit.kind == "article" and hit.start is not None:
            shown = next(text for text, match in hit.snippet if match)
            assert corpus.article(hit.article_id).text[hit.start : hit.end] == shown


def test_search_all_merges_articles_and_quotes(corpus: rashomon.Corpus) -> None:
    hits = corpus.search('"fuel depot"')
    articles = [h for h in hits if h.kind == "article"]
    quotes = [h for h in hits if h.kind == "quote"]
    assert articles and quotes
    # each list best first; bm25 of two indexes is not one scale, so they alternate
    assert [h.rank for h in articles] == sorted(h.rank for h in articles)
    assert [h.rank for h in quotes] == sorted(h.rank for h in quotes)
    both = 2 * min(len(articles), len(quotes))
    assert [h.kind for h in hits[:both]] == ["article", "quote"] * (both // 2)


def test_search_source_limit_and_offset(corpus: rashomon.Corpus) -> None:
    everything = corpus.search("said")
    assert len(everything) > 3
    assert set(outlets(corpus.search("said", source="coastal times"))) == {"Coastal Times"}
    assert corpus.search("said", limit=2, offset=1) == everything[1:3]


def test_search_plain_word_that_is_not_there_finds_nothing(corpus: rashomon.Corpus) -> None:
    assert corpus.search("zebra") == []


HARBOUR, DESERT, COASTAL = {"Harbour Ledger"}, {"Desert Courier"}, {"Coastal Times"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"fuel depot', HARBOUR),  # an unclosed quote runs to the end
        ("fuel depot AND", HARBOUR | DESERT),  # a stray operator is dropped
        ("OR fuel depot", HARBOUR | DESERT),
        ("fuel AND AND depot", HARBOUR | DESERT),
        ("Al-Eidani", HARBOUR),  # a hyphen is not FTS5's NOT
        ("title:Tyre", set()),  # a colon is not a column filter: the phrase "title tyre"
        ("Tyre:", COASTAL),
        ("(Tyre", COASTAL),
        ("NEAR(Tyre", set()),
        ("^Tyre", COASTAL),
        ("Tyre -", COASTAL),
        ("city's", HARBOUR),
        ("*drone", COASTAL),
        ("drone**", COASTAL),
        ("fuel OR drone*", HARBOUR | DESERT | COASTAL),  # operators between words work
        ("fuel NOT grain", HARBOUR),
    ],
)
def test_search_query_as_users_type_it_is_not_fts5_syntax(
    corpus: rashomon.Corpus, query: str, expected: set[str]
) -> None:
    assert set(outlets(corpus.search(query, what="articles"))) == expected


@pytest.mark.parametrize("query", ["", "   ", '"', '""', "-", ":", "*", "AND", "NOT OR", "_"])
def test_search_query_without_words_says_how_to_write_one(
    corpus: rashomon.Corpus, query: str
) -> None:
    with pytest.raises(
        OptionsError, match=r'"a phrase" in double quotes, or a prefix like drone\*'
    ):
        corpus.search(query)


def test_search_random_queries_never_raise_sqlite_errors(corpus: rashomon.Corpus) -> None:
    pieces = ['"', "*", "-", ":", "^", "(", ")", "+", "AND", "OR", "NOT", "NEAR", "fuel", " "]
    chooser = random.Random(7)
    for _ in range(300):
        query = "".join(chooser.choice(pieces) for _ in range(chooser.randint(1, 8)))
        with contextlib.suppress(OptionsError):  # a query with no word in it
            corpus.search(query)


def test_search_match_expression_quotes_every_word() -> None:
    assert match_expression('Al-Eidani drone* "fuel depot" OR title:x AND') == (
        '"Al-Eidani" "drone"* "fuel depot" OR "title:x"'
    )


@pytest.mark.parametrize(
    "options", [{"what": "events"}, {"limit": 0}, {"offset": -1}], ids=["what", "limit", "offset"]
)
def test_search_bad_options_are_options_errors(
    corpus: rashomon.Corpus, options: dict[str, object]
) -> None:
    with pytest.raises(OptionsError):
        corpus.search("fuel", **options)  # type: ignore[arg-type]


def test_search_without_fts5_says_so(tmp_path: Path) -> None:
    class NoFts5:
        def execute(self, sql: str) -> None:
            raise sqlite3.OperationalError("no such function: fts5_source_id")

    with pytest.raises(StoreError, match="no FTS5 full-text extension"):
        require_fts5(NoFts5(), tmp_path / "c.db")  # type: ignore[arg-type]


def test_search_database_from_before_the_migration_is_indexed_on_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    with rashomon.open(tmp_path / "new.db") as new:
        new.analyze([write_feed(tmp_path / "feed.jsonl")])
    db = old_database(path, 3)  # Rashomon before search, holding the same corpus
    db.execute("ATTACH ? AS new", (str(tmp_path / "new.db"),))
    for table in sorted(tables(3)):
        columns = ", ".join(f'"{row[1]}"' for row in db.execute(f"PRAGMA main.table_info({table})"))
        db.execute(f"INSERT INTO main.{table} SELECT {columns} FROM new.{table}")
    db.execute("DETACH new")
    assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    assert db.execute(
        "SELECT count(*) FROM sqlite_master WHERE name LIKE '%search%'"
    ).fetchone() == (0,)
    db.close()
    with rashomon.open(path) as upgraded:
        assert outlets(upgraded.search('"fuel depot"', what="articles")) == ["Harbour Ledger"]
        (quote,) = upgraded.search("rebuilt", what="quotes")
        assert quote.speaker == "Asaad Al-Eidani"


def test_search_index_follows_updated_and_deleted_rows(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with rashomon.open(path) as corpus:
        corpus.analyze([write_feed(tmp_path / "feed.jsonl")])
        (hit,) = corpus.search('"fuel depot"', what="articles")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("UPDATE articles SET title = 'Fuel Prices Soar' WHERE source = 'Desert Courier'")
    db.execute("UPDATE quotes SET speaker = 'Omar Haddad Jr' WHERE speaker = 'Omar Haddad'")
    db.execute("DELETE FROM quotes WHERE article_id = ?", (hit.article_id,))
    db.execute("DELETE FROM articles WHERE id = ?", (hit.article_id,))
    for index in ("article_search", "quote_search"):
        db.execute(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")
    db.close()
    with rashomon.open(path) as corpus:
        assert corpus.search('"fuel depot"') == []
        assert outlets(corpus.search("depot", what="articles")) == ["Desert Courier"]
        assert outlets(corpus.search("soar", what="articles")) == ["Desert Courier"]
        assert corpus.search("rise", what="articles") == []
        assert [h.speaker for h in corpus.search("Jr", what="quotes")] == ["Omar Haddad Jr"]


@pytest.mark.slow
def test_search_cli_prints_hits_with_provenance(corpus: rashomon.Corpus) -> None:
    result = run_cli("search", '"fuel depot"', "--what", "articles", "--db", corpus.store.path)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith("article  Harbour Ledger ")
    assert "2025-03-10" in line and "[[fuel depot]]" in line
    found = re.search(r"\[([0-9a-f]{16}):(\d+)-(\d+)\]", line)
    assert found, line
    text = corpus.article(found[1]).text
    assert text[int(found[2]) : int(found[3])] == "fuel depot"


@pytest.mark.slow
def test_search_cli_no_matches_and_bad_query(corpus: rashomon.Corpus) -> None:
    none = run_cli("search", "zebra", "--db", corpus.store.path)
    assert (none.returncode, none.stdout, none.stderr) == (0, "", "no matches\n")
    bad = run_cli("search", '"', "--db", corpus.store.path)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().splitlines() == [
        "Error: nothing to search for in '\"': write words (all must occur), "
        '"a phrase" in double quotes, or a prefix like drone*'
    ]
