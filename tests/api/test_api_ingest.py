"""POST /api/ingest on a server started with a token: the one pipeline, the token, the size limit."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from server_helpers import Server, serve

pytestmark = pytest.mark.slow

TOKEN = "s3cret-token-for-tests"
LIMIT = 64 * 1024

ARTICLE = (
    "Japan and South Korea hold talks\n\n"
    "TOKYO - Japan's foreign minister met his South Korean counterpart in Tokyo on Monday to "
    "discuss North Korea's missile launches, the foreign ministry said.\n\n"
    "The ministers agreed to meet again in Seoul later this year."
)
WIRE_LINE = {
    "id": "wire-brazil",
    "outlet": "Test Wire",
    "published": "2025-03-12",
    "title": "Brazil signs energy deal with Paraguay",
    "text": "BRASILIA - Brazil signed an agreement with Paraguay on Tuesday on the price of electricity "
    "from the Itaipu dam, the two governments said in a joint statement.",
}


@pytest.fixture(scope="module")
def writable(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with a token on a copy of the corpus database (a writer needs the file to itself)."""
    folder = tmp_path_factory.mktemp("ingest")
    db = folder / "copy.duckdb"
    shutil.copy(web_db, db)
    with serve(db, folder / "serve.log", token=TOKEN, extra=("--max-upload-bytes", str(LIMIT))) as running:
        yield running


@pytest.fixture(scope="module")
def client(writable: Server) -> Iterator[httpx.Client]:
    with writable.client() as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_api_ingest_needs_the_right_token(client: httpx.Client) -> None:
    files = {"files": ("talks.txt", ARTICLE.encode())}
    missing = client.post("/api/ingest", files=files)
    assert missing.status_code == 401 and "token" in missing.json()["error"]["message"]
    wrong = client.post("/api/ingest", files=files, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    form_wrong = client.post("/api/ingest", files=files, data={"token": "nope"})
    assert form_wrong.status_code == 401


def test_api_ingest_files_go_through_the_pipeline_into_the_store(client: httpx.Client) -> None:
    before = client.get("/api/health").json()["counts"]
    response = client.post("/api/ingest", files={"files": ("talks.txt", ARTICLE.encode())}, headers=AUTH)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["stored"] == 1 and result["events"] >= 1 and not result["failures"]
    assert result["stories"]["articles"] == 1
    after = client.get("/api/health").json()["counts"]
    assert after["articles"] == before["articles"] + 1
    # The events table (and its in-memory index) shows the new events at once.
    events = client.get("/api/events", params={"dyad": "JPN-KOR"}).json()
    assert events["total"] >= 1
    again = client.post("/api/ingest", files={"files": ("copy.txt", ARTICLE.encode())}, headers=AUTH).json()
    assert again["stored"] == 0 and again["duplicates"] == 1


def test_api_ingest_json_lines_body(client: httpx.Client) -> None:
    body = json.dumps(WIRE_LINE) + "\n" + "{not json\n"
    response = client.post(
        "/api/ingest", content=body.encode(), headers={**AUTH, "Content-Type": "application/x-ndjson"}
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["stored"] == 1
    assert [f["code"] for f in result["failures"]] == ["E107"]
    assert client.get("/api/articles/wire-brazil").json()["outlet"] == "Test Wire"


def test_api_ingest_form_token_as_the_upload_page_sends_it(client: httpx.Client) -> None:
    text = ARTICLE.replace("Monday", "Friday").replace("Tokyo", "Osaka")
    response = client.post("/ingest", files={"files": ("osaka.txt", text.encode())}, data={"token": TOKEN})
    assert response.status_code == 200 and "1 stored" in response.text


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"files": {"files": ("evil.exe", b"MZ")}}, 400),
        ({"content": b"hello", "headers": {"Content-Type": "text/plain"}}, 415),
        ({"files": {"files": ("big.txt", b"x" * (LIMIT + 1))}}, 413),
        ({"content": b"", "headers": {"Content-Type": "application/x-ndjson"}}, 400),
    ],
)
def test_api_ingest_bad_requests_are_clear_4xx(client: httpx.Client, kwargs: dict, status: int) -> None:
    headers = {**AUTH, **kwargs.pop("headers", {})}
    response = client.post("/api/ingest", headers=headers, **kwargs)
    assert response.status_code == status, response.text
    assert response.json()["error"]["message"]


def test_api_ingest_size_limit_without_content_length(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(LIMIT // 1024 + 2):
            yield b"y" * 1024

    response = client.post(
        "/api/ingest", content=chunks(), headers={**AUTH, "Content-Type": "application/x-ndjson"}
    )
    assert response.status_code == 413
