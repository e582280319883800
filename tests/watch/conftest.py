"""Fixtures of the watch tests: a real HTTP server on loopback, and helpers to fill it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from site_server import SiteServer


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer() as server:
        yield server
