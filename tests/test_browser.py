"""The web UI in a real browser: Debian's chromium, headless, driven by Playwright,
against ``rashomon serve``'s app under uvicorn on 127.0.0.1, over the analyzed sample
corpus (real model, real database file). A screenshot of each page is kept in
``build/screenshots/``.

``make test`` installs chromium with apt when it is missing; outside CI a machine
without it skips these tests (in CI, CI=true, a missing browser fails them).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

import rashomon
from rashomon.analyze import AnalyzeReport
from rashomon.api import create_app

from .conftest import ROOT

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "build" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
Sample = tuple[rashomon.Corpus, AnalyzeReport]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: Path) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start in 30 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(
                f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)"
            )
        pytest.skip("chromium is not installed: `apt-get install chromium`, or run `make test`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(sample_corpus: Sample) -> Iterator[str]:
    corpus, _ = sample_corpus
    yield from _serve(corpus.store.path)  # its own connection to the same database file


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile")
    body = (
        "Protesters gathered in Velmora on Monday after the council vote. "
        "<script>window.__pwned = 1; alert(1)</script> "
        '<img src=x onerror="window.__pwned = 2"> '
        '<a href="javascript:window.__pwned=3">read more</a> '
        "The mayor, Anouk Tessel, said the vote would stand. "
        "Police said the gathering ended peacefully by nightfall."
    )
    records = [
        {
            "title": "<b onmouseover=alert(4)>Velmora vote</b>",
            "source": "North <i>Star</i>",
            "published": "2025-04-07",
            "text": body,
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
    yield from _serve(db)


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _page(browser: Any, errors: list[str]) -> Any:
    page = browser.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    return page


def test_browser_story_list_story_side_by_side_and_fact_to_sentence(
    browser: Any, site: str
) -> None:
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(site + "/")
    _shot(page, "stories")
    link = page.get_by_role("link", name="Drone strike sets Kirkuk fuel depot ablaze")
    link.first.click()
    page.wait_for_load_state()
    assert "/stories/" in page.url
    columns = page.locator("[data-outlet]")
    outlets = {columns.nth(i).get_attribute("data-outlet") for i in range(columns.count())}
    assert {"The Meridian Post", "Tigris Daily Wire"} <= outlets
    conflict = page.locator("[data-status=conflicting]").first
    assert conflict.is_visible()
    _shot(page, "story")
    fact = conflict.locator("a[href^='#s-']").first
    target = fact.get_attribute("href")
    fact.click()
    assert page.url.endswith(target)
    sentence = page.locator(f"[id='{target[1:]}']")
    assert sentence.is_visible()
    assert page.evaluate("document.querySelector(':target') !== null")
    _shot(page, "story-fact")
    assert not errors, errors


def test_browser_search_article_entity_and_events_pages(browser: Any, site: str) -> None:
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(site + "/")
    box = page.locator("input[name=q]").first
    box.fill('"fuel depot"')
    box.press("Enter")
    page.wait_for_load_state()
    assert "/search" in page.url
    marks = page.locator("mark")
    assert marks.count() > 0
    marked = {marks.nth(i).inner_text().casefold() for i in range(marks.count())}
    assert marked <= {"fuel", "depot", "fuel depot"}, marked
    _shot(page, "search")
    page.locator("a[href^='/articles/']").first.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url
    _shot(page, "article")
    entity = page.locator("a[href^='/entities/']").first
    entity.click()
    page.wait_for_load_state()
    assert "/entities/" in page.url
    _shot(page, "entity")
    page.goto(site + "/events?modality=asserted")
    assert page.locator("table tr").count() > 1
    assert page.locator("svg").count() > 0
    _shot(page, "events")
    assert not errors, errors


def test_browser_hostile_article_text_is_inert(browser: Any, hostile_site: str) -> None:
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(hostile_site + "/")
    visited = []
    for href in page.eval_on_selector_all(
        "a[href^='/stories/'], a[href^='/articles/']", "els => els.map(e => e.getAttribute('href'))"
    ):
        if href not in visited:
            visited.append(href)
    assert any(h.startswith("/stories/") for h in visited)
    for number, href in enumerate(visited[:6]):
        page.goto(hostile_site + href)
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned === undefined")
        assert page.locator("a[href^='javascript:']").count() == 0
        assert page.locator("img[onerror], b[onmouseover]").count() == 0
        text = page.inner_text("body")
        if "/articles/" in href and "Protesters gathered in Velmora on Monday" in text:
            assert "<script>" in text  # shown as text, not run
        _shot(page, f"hostile-{number}")
    assert not errors, errors
