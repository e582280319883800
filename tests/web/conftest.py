"""Fixtures of the browser tests: the API tests' corpus and server, and headless Chromium.

Chromium is Debian's (`apt-get install chromium`), driven by Playwright's Python package; no
browser is downloaded. Without /usr/bin/chromium the tests skip, unless
EVENTWIRE_REQUIRE_BROWSER=1 (set by CI), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from server_helpers import Server, serve, session_db

CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium")
REQUIRE_ENV = "EVENTWIRE_REQUIRE_BROWSER"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(os.environ.get("EVENTWIRE_SCREENSHOTS", Path(__file__).parent / "screenshots"))


def _need_browser() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = f"no Chromium at {CHROMIUM}: apt-get install chromium (or set EVENTWIRE_CHROMIUM)"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message}; {REQUIRE_ENV}=1 requires the browser tests to run")
    pytest.skip(message)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_db(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def server(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serve(web_db, tmp_path_factory.mktemp("serve-web") / "serve.log") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {SCREENSHOTS}")
    return SCREENSHOTS
