"""The JSON API against a real `eventwire serve` process on a database built by `run_local`."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from server_helpers import CORPUS, XSS_IMG, XSS_SCRIPT, Server

pytestmark = pytest.mark.slow


def _items(api: httpx.Client, path: str, **params: object) -> list[dict]:
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body["items"], list)
    return body["items"]


def test_api_lists_are_pages_with_items_and_totals(api: httpx.Client) -> None:
    for path in ("/api/stories", "/api/events", "/api/articles", "/api/actors", "/api/dyads", "/api/quotes"):
        body = api.get(path).json()
        assert {"items", "total", "limit", "offset", "next", "prev"} <= set(body), path
        assert body["items"], path
    assert api.get("/api/articles").json()["total"] == len(CORPUS)


def test_api_stories_newest_first_with_outlets_and_comparison(api: httpx.Client) -> None:
    stories = _items(api, "/api/stories")
    dates = [s["last_published"] for s in stories]
    assert dates == sorted(dates, reverse=True)
    energy = next(s for s in stories if s["n_articles"] == 2)
    assert set(energy["outlets"]) == {"Northern Wire", "Eastern Herald"}
    detail = api.get(f"/api/stories/{energy['id']}").json()
    assert {a["id"] for a in detail["articles"]} == {"energy-northern", "energy-eastern"}
    assert detail["events"] and all(e["reports"] for e in detail["events"])
    assert any(e["n_outlets"] == 2 for e in detail["events"])
    compare = api.get(f"/api/stories/{energy['id']}/compare").json()
    outlets = {o["outlet"]: o for o in compare["outlets"]}
    assert set(outlets) == {"Northern Wire", "Eastern Herald"}
    # Both tell of the signing; each quotes its own leader.
    assert any(e["shared"] for e in outlets["Northern Wire"]["events"])
    assert not any(q["shared"] for q in outlets["Eastern Herald"]["quotes"])
    assert outlets["Eastern Herald"]["unique_passages"]


def test_api_events_filters(api: httpx.Client) -> None:
    everything = api.get("/api/events").json()
    assert everything["total"] == len(everything["items"]) > 0
    dyad = _items(api, "/api/events", dyad="RUS-CHN")
    assert dyad and all({e["source"]["country"], e["target"]["country"]} == {"CHN", "RUS"} for e in dyad)
    assert len(_items(api, "/api/events", dyad="CHN-RUS")) == len(dyad)
    accuse = _items(api, "/api/events", type="accuse")
    assert accuse and all(e["type"] == "ACCUSE" for e in accuse)
    germany = _items(api, "/api/events", country="DEU")
    assert [e["article"]["id"] for e in germany] == ["xss-page"]
    march = _items(api, "/api/events", since="2025-03-10", until="2025-03-12")
    assert march and all("2025-03-10" <= e["date"] <= "2025-03-12" for e in march)
    lavrov = _items(api, "/api/events", actor="lavrov")
    assert lavrov and all("Lavrov" in (e["source"]["name"] + e["target"]["name"]) for e in lavrov)
    lavrov_id = next(e["source"]["id"] for e in lavrov if e["source"]["name"] == "Sergei Lavrov")
    as_source = _items(api, "/api/events", actor=lavrov_id, role="source")
    assert as_source and all(e["source"]["id"] == lavrov_id for e in as_source)
    assert _items(api, "/api/events", doc="river-accusation")[0]["article"]["id"] == "river-accusation"


def test_api_events_paging_links_walk_every_event(api: httpx.Client) -> None:
    total = api.get("/api/events").json()["total"]
    seen: list[str] = []
    url: str | None = "/api/events?limit=3"
    while url:
        body = api.get(url).json()
        seen += [e["id"] for e in body["items"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == total


def test_api_event_links_to_its_evidence(api: httpx.Client) -> None:
    event = _items(api, "/api/events", country="DEU")[0]
    one = api.get(event["links"]["api"]).json()
    assert one["evidence"] == event["evidence"] and one["rule"] and one["date_reason"]
    assert one["links"]["evidence"] == f"/articles/xss-page?event={event['id']}#evidence"
    article = api.get("/api/articles/xss-page").json()
    assert event["evidence"] in article["text"]
    assert [e["id"] for e in article["events"]] == [event["id"]]


def test_api_actor_and_dyad_pages(api: httpx.Client) -> None:
    wang = next(a for a in _items(api, "/api/actors", name="wang") if a["name"] == "Wang Yi")
    detail = api.get(f"/api/actors/{wang['id']}").json()
    assert detail["kind"] == "person" and detail["country"] == "CHN"
    assert any(r["role"] == "foreign_minister" for r in detail["roles"])
    assert detail["n_source"] >= 1 and detail["monthly"]
    assert any("cooperation" in q["text"] for q in detail["quotes"])
    dyad = api.get("/api/dyads/CHN/RUS").json()
    assert dyad["a"]["name"] == "China" and dyad["b"]["name"] == "Russia"
    dated = [w for w in dyad["weeks"] if w["n"]]
    assert len(dated) == 3 and dyad["total"] == sum(w["n"] for w in dyad["weeks"]) + dyad["undated"]
    assert dated[-1]["by_type"] == {"ACCUSE": 1} and dated[-1]["goldstein"] < 0 < dated[0]["goldstein"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_api_downloads_every_filtered_row(api: httpx.Client, fmt: str) -> None:
    total = api.get("/api/events", params={"dyad": "CHN-RUS"}).json()["total"]
    response = api.get("/api/events", params={"dyad": "CHN-RUS", "format": fmt, "limit": 1})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert rows[0].keys() >= {"event_id", "date", "type", "source_name", "target_name", "evidence"}
    else:
        rows = [json.loads(line) for line in response.text.splitlines()]
        assert rows[0]["links"]["evidence"].startswith("/articles/")
    assert len(rows) == total
    for table in ("articles", "actors", "quotes", "dyads", "stories"):
        download = api.get(f"/api/{table}", params={"format": fmt})
        assert download.status_code == 200 and download.text.strip(), table


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"since": "2025-13-01"}, "since"),
        ({"until": "yesterday"}, "until"),
        ({"limit": "0"}, "limit"),
        ({"limit": "5000"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"type": "HUG"}, "type"),
        ({"country": "Russia"}, "country"),
        ({"dyad": "CHN"}, "dyad"),
        ({"role": "source"}, "role"),
        ({"since": "2025-04-01", "until": "2025-03-01"}, "since"),
        ({"format": "xml"}, "format"),
    ],
)
def test_api_bad_parameters_are_400_json_naming_the_parameter(
    api: httpx.Client, params: dict[str, str], param: str
) -> None:
    response = api.get("/api/events", params=params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["param"] == param and error["message"].startswith(param)


@pytest.mark.parametrize(
    "path",
    ["/api/events/e000", "/api/articles/nope", "/api/stories/nope", "/api/actors/nope", "/api/nothing"],
)
def test_api_unknown_things_are_404_json(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["message"]


def test_api_openapi_schema_documents_the_endpoints_and_filters(api: httpx.Client) -> None:
    schema = api.get("/api/openapi.json").json()
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/events", "/api/events/{event_id}",
                 "/api/articles", "/api/articles/{doc_id}", "/api/actors/{actor_id}", "/api/dyads/{a}/{b}",
                 "/api/ingest", "/api/overview", "/api/search", "/api/map"):  # fmt: skip
        assert path in schema["paths"], path
    names = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "country", "dyad", "type", "since", "until", "limit", "offset", "format"} <= names


def test_api_article_text_is_data_in_json_and_escaped_in_html(api: httpx.Client) -> None:
    article = api.get("/api/articles/xss-page").json()
    assert XSS_SCRIPT in article["text"] and XSS_IMG in article["text"]
    page = api.get("/articles/xss-page")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert XSS_SCRIPT not in html and XSS_IMG not in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for path in ("/", "/events", "/articles", f"/stories/{_xss_story(api)}"):
        assert "<script>alert" not in api.get(path).text, path


def _xss_story(api: httpx.Client) -> str:
    return next(s["id"] for s in _items(api, "/api/stories") if s["articles"] == ["xss-page"])


def test_api_read_only_server_refuses_ingest(api: httpx.Client, server: Server) -> None:
    response = api.post("/api/ingest", files={"files": ("a.txt", b"text")})
    assert response.status_code == 403
    assert "EVENTWIRE_TOKEN" in response.json()["error"]["message"]
    assert api.get("/api/health").json()["read_only"] is True
    assert f"on http://127.0.0.1:{server.port}/" in server.log.read_text(encoding="utf-8")


def test_api_overview_counts_match_the_tables(api: httpx.Client) -> None:
    body = api.get("/api/overview").json()
    assert body["totals"]["articles"] == len(CORPUS)
    events = api.get("/api/events").json()["total"]
    assert body["totals"]["events"] == events == sum(t["n"] for t in body["types"])
    series = body["over_time"]["series"]
    assert body["over_time"]["period"] == "day"  # the corpus spans three weeks
    assert sum(p["n"] for p in series) == body["over_time"]["dated"] <= events
    assert body["chart"]["labels"] == [p["start"] for p in series]
    assert body["dyads"][0]["a"] == "CHN" and body["dyads"][0]["b"] == "RUS"
    assert body["stories"][0]["n_outlets"] == 2  # the most-covered story first
    outlets = {o["outlet"]: o["n_articles"] for o in body["outlets"]}
    assert outlets["Northern Wire"] == outlets["Eastern Herald"] == 2


def test_api_search_finds_actors_stories_and_articles(api: httpx.Client) -> None:
    found = api.get("/api/search", params={"q": "wang yi"}).json()
    assert [a["name"] for a in found["actors"]] == ["Wang Yi"]
    assert [a["id"] for a in found["articles"]] == ["talks-beijing"]
    assert "Wang Yi" in found["articles"][0]["snippet"]
    assert found["stories"] and found["stories"][0]["n_matching"] == 1
    pipeline = api.get("/api/search", params={"q": "PIPELINE mongolia"}).json()
    assert {a["id"] for a in pipeline["articles"]} == {"energy-northern", "energy-eastern"}
    assert pipeline["stories"][0]["n_matching"] == 2 and not pipeline["actors"]
    # Words are text, not patterns: "%" matches nothing rather than everything.
    assert api.get("/api/search", params={"q": "%"}).json()["articles"] == []
    assert api.get("/api/search", params={"q": ""}).status_code == 400


def test_api_map_points_by_place_with_the_event_filters(api: httpx.Client) -> None:
    everything = api.get("/api/map").json()["points"]
    assert sum(p["n"] for p in everything) == api.get("/api/events").json()["total"]
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in everything)
    beijing = next(p for p in everything if p["place_name"] == "Beijing")
    assert beijing["feature_type"] == "city" and beijing["place_country"] == "CHN"
    accusations = api.get("/api/map", params={"type": "ACCUSE"}).json()["points"]
    n_accusations = api.get("/api/events", params={"type": "ACCUSE"}).json()["total"]
    assert sum(p["n"] for p in accusations) == n_accusations
    there = api.get("/api/map", params={"place": beijing["key"]}).json()["place"]
    assert there["total"] == beijing["n"] == len(there["events"])
    assert all(e["place"]["name"] == "Beijing" for e in there["events"])
    story = next(s["id"] for s in _items(api, "/api/stories") if s["n_articles"] == 2)
    points = api.get("/api/map", params={"story": story}).json()["points"]
    assert points and sum(p["n"] for p in points) <= len(everything) * 100
    assert api.get("/api/map", params={"story": "nosuchstory"}).status_code == 404
