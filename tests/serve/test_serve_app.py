"""The HTTP API against a real uvicorn server on loopback: every endpoint, the filters (the same
rows as the Python API), pagination, bad requests as 4xx with the parameter named, the bearer
token, POST /code with and without storing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from serving import running

import polemos
from polemos.serve import create_app


def get(url: str, path: str, **params: Any) -> httpx.Response:
    return httpx.get(url + path, params=params, timeout=30)


def test_app_health_names_the_store(api_url: str, coded_store: Path) -> None:
    body = get(api_url, "/health").json()
    assert body["status"] == "ok" and body["store"] == str(coded_store)
    assert body["models"] == "ready" and body["copy_age_seconds"] >= 0


def test_app_events_lists_every_mention_in_date_order(api_url: str) -> None:
    body = get(api_url, "/events", limit=500).json()
    assert body["total"] == len(body["items"]) == 7 and body["next_offset"] is None
    published = [m["published"] for m in body["items"] if m["date"]]
    assert published == sorted(published)
    assert body["items"][-1]["doc_id"] == "inc-6"  # undated last
    assert {"trigger", "actors", "location", "text"} <= set(body["items"][0])


@pytest.mark.parametrize(("params", "docs"), [
    ({"type": "ASSAULT"}, {"inc-1", "inc-2", "inc-4"}),
    ({"since": "2024-03-04"}, {"inc-3", "inc-4"}),
    ({"until": "2023"}, {"inc-5"}),
    ({"actor": "RUS"}, {"inc-5"}),
    ({"recipient": "KEN"}, {"inc-6"}),
    ({"country": "Kenya"}, {"inc-6"}),
    ({"province": "borno"}, {"inc-1", "inc-2", "inc-4"}),
    ({"place": "Abuja"}, {"inc-3"}),
    ({"quad_class": 1}, {"inc-5"}),
    ({"bbox": "30,-5,40,5"}, {"inc-6"}),
    ({"q": "PRISONERS"}, {"inc-5"}),
    ({"type": "ASSAULT", "since": "2024-03-10"}, {"inc-4"}),
])
def test_app_events_filters(api_url: str, params: dict[str, Any], docs: set[str]) -> None:
    body = get(api_url, "/events", **params).json()
    assert {m["doc_id"] for m in body["items"]} == docs
    assert body["total"] == len(body["items"])


def test_app_incidents_match_the_python_api(api_url: str, coded_store: Path) -> None:
    for params in ({}, {"type": "ASSAULT"}, {"since": "2024-03", "place": "NGA"}, {"actor": "UKR"}):
        body = get(api_url, "/incidents", **params).json()
        lib = polemos.incidents(coded_store, **{"event_type" if k == "type" else k: v
                                                for k, v in params.items()})
        assert [i["id"] for i in body["items"]] == [i["id"] for i in lib]
        assert body["total"] == len(lib) > 0


def test_app_pages_cover_the_list_once(api_url: str) -> None:
    seen, offset = [], 0
    while offset is not None:
        body = get(api_url, "/events", limit=2, offset=offset).json()
        assert len(body["items"]) <= 2 and body["total"] == 7
        seen += [m["id"] for m in body["items"]]
        offset = body["next_offset"]
    assert seen == [m["id"] for m in get(api_url, "/events").json()["items"]]


def test_app_incident_has_sentences_offsets_and_articles(api_url: str) -> None:
    listed = get(api_url, "/incidents", type="ASSAULT", place="Maiduguri").json()["items"]
    biggest = max(listed, key=lambda i: i["n_mentions"])
    body = get(api_url, f"/incidents/{biggest['id']}").json()
    assert body["id"] == biggest["id"] and len(body["mentions"]) == biggest["n_mentions"] >= 2
    for mention in body["mentions"]:
        trigger = mention["trigger"]
        assert mention["text"] and trigger["end"] > trigger["start"] >= 0
        assert mention["article"]["id"] == mention["doc_id"]
        assert {"title", "source", "url"} <= set(mention["article"])
    missing = get(api_url, "/incidents/no-such-id")
    assert missing.status_code == 404 and "no-such-id" in missing.json()["error"]["message"]


def test_app_trends_and_alerts_are_the_library_s(api_url: str, coded_store: Path) -> None:
    body = get(api_url, "/trends", by="month", place="NGA").json()
    lib = polemos.trend(coded_store, place="NGA", by="month").to_dicts()
    assert [p["incidents"] for p in body["items"]] == [p["incidents"] for p in lib]
    assert sum(p["incidents"] for p in body["items"]) >= 2
    alerts = get(api_url, "/alerts", by="day", min_count=1, threshold=0.5).json()
    lib_alerts = polemos.alerts(coded_store, by="day", min_count=1, threshold=0.5)
    assert alerts["total"] == len(lib_alerts) == len(alerts["items"])


@pytest.mark.parametrize(("path", "params", "parameter"), [
    ("/events", {"limit": "ten"}, "limit"),
    ("/events", {"limit": 501}, "limit"),
    ("/events", {"offset": -1}, "offset"),
    ("/events", {"since": "2024-13"}, "since"),
    ("/events", {"since": "2024-03", "until": "2024-01"}, "until"),
    ("/events", {"type": "BOMBING"}, "type"),
    ("/events", {"quad_class": 7}, "quad_class"),
    ("/events", {"country": "Atlantis"}, "country"),
    ("/events", {"bbox": "200,0,210,1"}, "bbox"),
    ("/events", {"dyad": "RUS"}, "dyad"),
    ("/events", {"colour": "red"}, "colour"),
    ("/incidents", {"q": "x" * 300}, "q"),
    ("/trends", {"by": "fortnight"}, "by"),
    ("/trends", {"actor": "Atlantis"}, "actor"),
    ("/alerts", {"threshold": "inf"}, "threshold"),
    ("/alerts", {"actor": "RUS"}, "recipient"),
])
def test_app_bad_request_names_the_parameter(api_url: str, path: str, params: dict[str, Any],
                                             parameter: str) -> None:
    response = get(api_url, path, **params)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["status"] == 400 and error["parameter"] == parameter and error["message"]


def test_app_openapi_docs_and_index(api_url: str) -> None:
    spec = get(api_url, "/openapi.json").json()
    assert {"/events", "/incidents", "/incidents/{incident_id}", "/trends", "/alerts", "/code",
            "/health"} <= set(spec["paths"])
    assert "since" in {p["name"] for p in spec["paths"]["/events"]["get"]["parameters"]}
    assert get(api_url, "/docs").status_code == 200
    index = get(api_url, "/")
    assert index.status_code == 200 and 'src="app.js"' in index.text  # the dashboard
    assert 'href="docs"' in index.text


def test_app_code_plain_text_without_storing(api_url: str) -> None:
    text = "date 2024-02-03\nRebels shelled Goma on Monday, killing three civilians."
    response = httpx.post(api_url + "/code", content=text.encode(), timeout=60,
                          headers={"content-type": "text/plain"}, params={"id": "goma"})
    body = response.json()
    assert response.status_code == 200 and body["stored"] is False
    assert [m["event_type"] for m in body["items"]] == ["ASSAULT"]
    assert body["items"][0]["doc_id"] == "goma" and body["items"][0]["published"] == "2024-02-03"
    assert get(api_url, "/events", q="goma").json()["total"] == 0


@pytest.mark.parametrize(("content", "kind", "parameter"), [
    (b"", "text/plain", "body"),
    (b"{not json", "application/json", "body"),
    (b"\xff\xfe text", "text/plain", "body"),
    (b"Rebels shelled Goma.", "image/png", "content-type"),
    (b'{"id": "a", "text": "Rebels shelled Goma.", "date": "2024-02-31"}', "application/json",
     "date"),
])
def test_app_code_bad_body_is_a_400(api_url: str, content: bytes, kind: str,
                                    parameter: str) -> None:
    response = httpx.post(api_url + "/code", content=content, headers={"content-type": kind},
                          timeout=30)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["parameter"] == parameter


def test_app_code_refuses_a_huge_body(api_url: str) -> None:
    response = httpx.post(api_url + "/code", content=b"a " * 4_100_000, timeout=30,
                          headers={"content-type": "text/plain"})
    assert response.status_code == 413 and "bytes" in response.json()["error"]["message"]


def test_app_code_store_true_is_served_next(own_store: Path, knowledge: Any) -> None:
    articles = [{"id": "gz-1", "date": "2024-01-03", "title": "Strike", "source": "Wire",
                 "text": "Israeli jets struck Gaza City on Tuesday, killing four people."},
                {"id": "bad", "text": ""}]
    with running(create_app(own_store, knowledge=knowledge)) as url:
        response = httpx.post(url + "/code", json=articles, params={"store": "true"}, timeout=60)
        body = response.json()
        assert response.status_code == 200 and body["stored"] is True
        assert body["counts"]["articles_coded"] == 1 and [f["field"] for f in body["failures"]] == ["text"]
        events = get(url, "/events", q="gaza city").json()
        assert events["total"] == 1 and events["items"][0]["doc_id"] == "gz-1"
        incidents = get(url, "/incidents", country="PSE").json()["items"]
        assert len(incidents) == 1
    with polemos.open_store(own_store, read_only=True) as store:
        assert store.counts()["articles"] == 7


def test_app_token_is_required_on_every_request(coded_store: Path, knowledge: Any) -> None:
    with running(create_app(coded_store, token="s3cret", knowledge=knowledge)) as url:
        for path in ("/health", "/events", "/openapi.json", "/docs", "/incidents/x", "/nowhere"):
            refused = httpx.get(url + path, timeout=30)
            assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
            assert refused.json()["error"]["parameter"] == "authorization"
        # the dashboard's own files hold no data: they load, then the page asks for the token
        for path in ("/", "/index.html", "/app.js", "/countries.geojson"):
            assert httpx.get(url + path, timeout=30).status_code == 200, path
        assert httpx.post(url + "/", timeout=30).status_code == 401
        wrong = httpx.get(url + "/events", headers={"Authorization": "Bearer guess"}, timeout=30)
        assert wrong.status_code == 401
        right = httpx.get(url + "/events", headers={"Authorization": "Bearer s3cret"}, timeout=30)
        assert right.status_code == 200 and right.json()["total"] == 7
