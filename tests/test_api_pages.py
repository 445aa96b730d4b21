"""The web UI through an in-process ASGI client over the analyzed sample corpus: every
page answers with the CSP, the story page puts outlets side by side with each fact one
link from its sentence, unknown ids are 404 pages, and hostile article text stays text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import rashomon
from rashomon.analyze import AnalyzeReport
from rashomon.api import create_app
from rashomon.api.drawing import timeline
from rashomon.api.marks import Mark, marked

Sample = tuple[rashomon.Corpus, AnalyzeReport]


class Page(HTMLParser):
    """What the tests look at in a page: element ids, the outlet columns, the links inside
    each item of a given status, the texts of marked entities, every href and every
    attribute name, and the text a reader sees."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.outlets: list[str] = []
        self.hrefs: list[str] = []
        self.item_links: dict[str, list[str]] = {}
        self.entity_texts: list[str] = []
        self.attributes: set[str] = set()
        self.text = ""  # unescaped, tags left out
        self._items: list[tuple[str, int]] = []  # (status, depth) of the open items
        self._entity_depth: int | None = None
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag not in ("meta", "link", "input", "br", "img", "rect", "circle", "line", "path"):
            self._depth += 1
        if "id" in found:
            self.ids.add(found["id"])
        if "data-outlet" in found:
            self.outlets.append(found["data-outlet"])
        if "data-status" in found:
            self._items.append((found["data-status"], self._depth))
        if "href" in found:
            self.hrefs.append(found["href"])
            for status, _ in self._items:
                self.item_links.setdefault(status, []).append(found["href"])
        self.attributes.update(found)
        if "m-entity" in found.get("class", "").split() and "title" in found:  # not the legend
            self._entity_depth = self._depth
            self.entity_texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._items and self._items[-1][1] == self._depth:
            self._items.pop()
        if self._entity_depth == self._depth:
            self._entity_depth = None
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._entity_depth is not None:
            self.entity_texts[-1] += data


@pytest.fixture(scope="module")
def client(sample_corpus: Sample) -> Iterator[TestClient]:
    corpus, _ = sample_corpus
    with TestClient(create_app(corpus.store.path, corpus=corpus)) as test_client:
        yield test_client


def _kirkuk(corpus: rashomon.Corpus) -> str:
    (story,) = [s for s in corpus.stories() if "Kirkuk" in s.title]
    return story.story_id


def _html(response: Any, status: int = 200) -> str:
    assert response.status_code == status, response.text[:2000]
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "style-src 'self'" in response.headers["content-security-policy"]
    text: str = response.text
    assert " style=" not in text and "<style" not in text and "<script>" not in text
    return text


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/stories/{story}",
        "/stories/{story_prefix}",
        "/articles/{article}",
        "/entities",
        "/entities/{entity}",
        "/events",
        "/events?modality=asserted&type=ASSAULT&since=2025-03-01&until=2025-03-31",
        "/search?q=drone*",
        "/search",
    ],
)
def test_pages_answer_html_with_the_csp(
    client: TestClient, sample_corpus: Sample, path: str
) -> None:
    corpus, _ = sample_corpus
    story = _kirkuk(corpus)
    ids = {
        "story": story,
        "story_prefix": story[:6],
        "article": corpus.find_story(story).article_ids[0],
        "entity": corpus.entities()[0].id,
    }
    _html(client.get(path.format(**ids)))


def test_pages_story_puts_outlets_side_by_side_and_links_conflicts_to_sentences(
    client: TestClient, sample_corpus: Sample
) -> None:
    corpus, _ = sample_corpus
    story = _kirkuk(corpus)
    page = Page(_html(client.get(f"/stories/{story}")))
    assert {"The Meridian Post", "Tigris Daily Wire"} <= set(page.outlets)
    links = [h for h in page.item_links["conflicting"] if h.startswith("#s-")]
    assert links, "a conflicting item links to its sentences"
    assert all(h[1:] in page.ids for h in links), "every link lands on a sentence of the page"
    assert all(h[1:] in page.ids for h in page.item_links["unique"] if h.startswith("#"))
    assert f"/api/stories/{story}/compare" in page.hrefs
    assert f"/api/events?story={story}&limit=500" in page.hrefs


def test_pages_story_flags_sentences_and_maps_places(
    client: TestClient, sample_corpus: Sample
) -> None:
    corpus, _ = sample_corpus
    html = _html(client.get(f"/stories/{_kirkuk(corpus)}"))
    assert 'class="s f-conflict' in html
    assert '<path class="country" d="M' in html
    assert html.count('<circle class="spot') >= 2
    assert ">Kirkuk</text>" in html


def test_pages_article_marks_entities_as_links(client: TestClient, sample_corpus: Sample) -> None:
    corpus, _ = sample_corpus
    (article,) = corpus.articles(source="The Meridian Post", limit=1)
    page = Page(_html(client.get(f"/articles/{article.id}")))
    mentions = {m.text for m in corpus.mentions(article_id=article.id)}
    assert "Kirkuk" in page.entity_texts
    assert set(page.entity_texts) <= mentions
    assert any(h.startswith("/entities/") for h in page.hrefs)
    sentence = corpus.sentences(article.id)[1]
    assert f"s-{article.id}-{sentence.start}" in page.ids


def test_pages_search_marks_matched_words_and_links_to_the_sentence(client: TestClient) -> None:
    html = _html(client.get("/search", params={"q": '"fuel depot"'}))
    assert "<mark>fuel depot</mark>" in html
    hit = next(h for h in Page(html).hrefs if h.startswith("/articles/") and "#s-" in h)
    path, target = hit.split("#")
    assert target in Page(_html(client.get(path))).ids


@pytest.mark.parametrize(
    ("days", "unit", "bins"),
    [
        ([date(2025, 3, 2), date(2025, 3, 5), date(2025, 3, 5)], "day", 4),
        ([date(2024, 1, 31), date(2025, 3, 2)], "month", 15),
        ([date(1991, 1, 17), date(2025, 3, 2)], "year", 35),
    ],
)
def test_pages_timeline_bins_by_day_month_or_year(days: list[date], unit: str, bins: int) -> None:
    drawn = timeline([*days, None])
    assert drawn is not None
    assert (drawn.unit, drawn.undated, len(drawn.bars)) == (unit, 1, 2)
    assert drawn.bars[0].width == round(drawn.width / bins * 0.8, 1)  # one slot per bin
    assert drawn.peak == (2 if unit == "day" else 1)


def test_pages_events_show_a_timeline_and_say_what_filter_was_ignored(client: TestClient) -> None:
    html = _html(client.get("/events", params={"modality": "asserted", "until": "soon"}))
    assert '<rect class="bar"' in html
    assert "until: &#39;soon&#39; is not a date" in html
    assert 'class="modality"' not in html  # only asserted events, which carry no modality tag


@pytest.mark.parametrize(
    "path", ["/stories/nosuchstory", "/articles/nosuchid", "/entities/999999", "/entities/abc"]
)
def test_pages_unknown_id_is_a_404_page(client: TestClient, path: str) -> None:
    html = _html(client.get(path), 404)
    assert "Not found" in html


def test_pages_marked_text_nests_crossing_spans() -> None:
    text = "one two three four"
    marks = [
        Mark(start=0, end=7, depth=0, classes="s", anchor="a"),
        Mark(start=4, end=13, depth=1, classes="q", anchor="b"),
    ]
    pieces = marked(text, marks)
    assert "".join(p.text for p in pieces) == text
    opened: list[str] = []
    for p in pieces:
        if p.kind == "open":
            opened.append(p.classes)
        elif p.kind == "close":
            opened.pop()
    assert not opened
    assert [p.anchor for p in pieces if p.kind == "open"] == ["a", "b", ""]


HOSTILE = (
    "Protesters gathered in Velmora on Monday after the council vote. "
    "<script>alert(1)</script> <img src=x onerror=alert(2)> "
    '<a href="javascript:alert(3)">x</a> '
    "The mayor, Anouk Tessel, said the vote would stand. "
    "Police said the gathering ended peacefully by nightfall."
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    folder = tmp_path_factory.mktemp("hostile")
    records = [
        {
            "title": "<b onmouseover=alert(4)>Velmora vote</b>",
            "source": "North <i>Star</i>",
            "url": "javascript:alert(5)",
            "published": "2025-04-07",
            "text": HOSTILE,
        },
        {
            "title": "Velmora council vote stands",
            "source": "South Wind",
            "published": "2025-04-07",
            "text": "The Velmora council vote will stand, mayor Anouk Tessel said on Monday. "
            "Protesters gathered outside the town hall after the vote. Police said the "
            "gathering ended peacefully.",
        },
    ]
    feed = folder / "hostile.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = folder / "hostile.db"
    with rashomon.open(db) as corpus:
        corpus.analyze([feed])
        (article,) = [a for a in corpus.articles() if "Velmora on Monday" in a.text]
        with TestClient(create_app(Path(db), corpus=corpus)) as test_client:
            yield test_client, article.id


def test_pages_hostile_article_text_is_escaped(hostile: tuple[TestClient, str]) -> None:
    client, article_id = hostile
    index = Page(_html(client.get("/")))
    pages = [h for h in index.hrefs if h.startswith(("/stories/", "/entities/"))]
    pages += [f"/articles/{article_id}", "/search?q=Velmora", "/events", "/entities"]
    seen_script = False
    for path in pages:
        html = _html(client.get(path))
        for raw in ("<script", "<img", "<b ", "<i>", 'href="javascript:'):
            assert raw not in html, (path, raw)
        page = Page(html)
        assert not any(h.strip().casefold().startswith("javascript:") for h in page.hrefs)
        assert not {a for a in page.attributes if a.startswith("on")}, path
        seen_script = seen_script or "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert seen_script
    article = _html(client.get(f"/articles/{article_id}"))
    assert "&lt;script&gt;" in article and "&lt;img src=x onerror=alert(" in article
    assert "&lt;a href=&#34;javascript:alert(" in article
    shown = Page(article).text  # as the reader sees it (numbers inside are marked)
    assert "<script>alert(1)</script> <img src=x onerror=alert(2)>" in shown
    assert '<a href="javascript:alert(3)">x</a>' in shown
    assert "<b onmouseover=alert(4)>Velmora vote</b>" in shown
    assert "North <i>Star</i>" in shown
    assert "javascript:alert(5)" in shown  # the URL, as text: not a link
