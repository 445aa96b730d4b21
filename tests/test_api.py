"""The REST API through an in-process ASGI client over the analyzed sample corpus: every
list is paged and filtered, every fact carries its span, every error has one shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import rashomon
from rashomon.analyze import AnalyzeReport
from rashomon.api import check_host, create_app
from rashomon.errors import OptionsError

from .conftest import run_cli

Sample = tuple[rashomon.Corpus, AnalyzeReport]


@pytest.fixture(scope="module")
def client(sample_corpus: Sample) -> Iterator[TestClient]:
    corpus, _ = sample_corpus
    with TestClient(create_app(corpus.store.path, corpus=corpus)) as test_client:
        yield test_client


def _error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def _kirkuk(client: TestClient) -> dict[str, Any]:
    stories = client.get("/api/stories").json()["items"]
    (story,) = [s for s in stories if "Kirkuk" in s["title"]]
    return dict(story)


def test_api_openapi_schema_lists_the_endpoints(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/stories/{story_id}/compare", "/api/events", "/api/search"} <= set(schema["paths"])


def test_api_articles_are_paged_with_a_total(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 5}).json()
    second = client.get("/api/articles", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] >= 10
    assert len(first["items"]) == 5
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    assert all("text" not in a for a in first["items"])


def test_api_article_facts_point_into_its_text(client: TestClient) -> None:
    listed = client.get("/api/articles", params={"source": "The Meridian Post"}).json()
    article = client.get(f"/api/articles/{listed['items'][0]['id'][:8]}").json()
    text = article["text"]
    assert article["quotes"] and article["events"]
    for kind in ("mentions", "quotes", "quantities", "events"):
        for fact in article[kind]:
            assert text[fact["start"] : fact["end"]] == (fact.get("text") or fact["trigger"])


def test_api_story_and_comparison(client: TestClient) -> None:
    story = _kirkuk(client)
    detail = client.get(f"/api/stories/{story['story_id'][:8]}").json()
    assert detail["incidents"] and set(detail["article_ids"]) == set(story["article_ids"])
    compared = client.get(f"/api/stories/{story['story_id']}/compare").json()
    statuses = {i["status"] for i in compared["items"]}
    assert statuses == {"agreed", "conflicting", "unique"}
    assert len(compared["outlets"]) >= 3


def test_api_events_filter_by_story_type_and_modality(client: TestClient) -> None:
    story = _kirkuk(client)
    found = client.get(
        "/api/events",
        params={"story": story["story_id"], "type": "assault", "modality": "asserted"},
    ).json()
    assert found["total"] > 0
    for event in found["items"]:
        assert event["plover_type"] == "ASSAULT" and event["modality"] == "asserted"
        assert event["article_id"] in story["article_ids"] + story["copies"]


def test_api_events_filter_by_country_and_entity(client: TestClient) -> None:
    iraq = client.get("/api/events", params={"country": "IQ"}).json()
    lebanon = client.get("/api/events", params={"country": "Lebanon"}).json()
    assert iraq["total"] > 0 and lebanon["total"] > 0
    assert not {(e["article_id"], e["start"]) for e in iraq["items"]} & {
        (e["article_id"], e["start"]) for e in lebanon["items"]
    }
    entities = client.get("/api/entities", params={"label": "GPE"}).json()["items"]
    kirkuk = next(e for e in entities if e["name"] == "Kirkuk")
    profile = client.get(f"/api/entities/{kirkuk['id']}").json()
    assert profile["mentions"] and profile["name"] == "Kirkuk"
    by_entity = client.get("/api/events", params={"entity": kirkuk["id"], "limit": 500}).json()
    assert by_entity["total"] == len(profile["events"])


def test_api_quotes_numbers_places_filters(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "Rud", "kind": "indirect"}).json()
    assert quotes["total"] > 0
    assert all("Rud" in q["speaker"] and q["kind"] == "indirect" for q in quotes["items"])
    killed = client.get("/api/numbers", params={"category": "killed"}).json()
    assert killed["total"] > 0 and all(n["category"] == "killed" for n in killed["items"])
    places = client.get("/api/places", params={"country": "LB"}).json()
    assert places["total"] > 0 and all(p["place"]["country"] == "LB" for p in places["items"])


def test_api_unknown_ids_are_404_in_one_shape(client: TestClient) -> None:
    for url in ("/api/stories/ffffffff", "/api/articles/ffffffff", "/api/entities/999999"):
        error = _error(client.get(url), 404)
        assert error["code"] == "not_found"
    assert _error(client.get("/api/nothing-here"), 404)["code"] == "not_found"


def test_api_bad_filter_values_are_422_naming_the_allowed_values(client: TestClient) -> None:
    modality = _error(client.get("/api/events", params={"modality": "maybe"}), 422)
    assert "asserted" in modality["message"] and "modality" in modality["message"]
    kind = _error(client.get("/api/events", params={"type": "PICNIC"}), 422)
    assert "ASSAULT" in kind["message"]
    paging = _error(client.get("/api/articles", params={"limit": 0}), 422)
    assert "limit" in paging["message"]
    day = _error(client.get("/api/events", params={"since": "yesterday"}), 422)
    assert "since" in day["message"]


def test_api_security_headers_on_every_answer(client: TestClient) -> None:
    for url in ("/api/stories", "/api/stories/ffffffff"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_api_loopback_hosts_are_allowed(host: str) -> None:
    check_host(host, allow_remote=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "example.org", "::"])
def test_api_remote_hosts_need_allow_remote(host: str) -> None:
    with pytest.raises(OptionsError, match="--allow-remote"):
        check_host(host, allow_remote=False)
    check_host(host, allow_remote=True)


def test_api_missing_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OptionsError, match="rashomon analyze"):
        create_app(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.slow
def test_api_serve_refuses_a_remote_host_and_says_why(tmp_path: Path) -> None:
    result = run_cli("serve", "--db", tmp_path / "x.db", "--host", "0.0.0.0")
    assert result.returncode != 0
    assert "--allow-remote" in result.stderr and "Traceback" not in result.stderr
