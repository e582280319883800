"""Fixtures of the API tests: the corpus database and a read-only server on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from server_helpers import Server, serve, session_db


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_db(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def server(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A read-only server (no token) on the corpus database."""
    with serve(web_db, tmp_path_factory.mktemp("serve") / "serve.log") as running:
        yield running


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client
