"""A small corpus, a real database built from it by `run_local`, and real `eventwire serve` processes.

Shared by the API tests and the browser tests (tests/web adds this folder to sys.path). The
database is built once per test session under pytest's base temporary folder; servers are
started as subprocesses on free loopback ports and stopped by their own process id.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from eventwire.config import Config
from eventwire.engines.local import run_local
from eventwire.store import Store

STARTUP_SECONDS = 90.0
SERVE = [sys.executable, "-c", "from eventwire.cli import main; main()", "serve"]

# Scraped pages carry markup; the UI must show it as text and never run it.
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(2)>"
XSS_TITLE = "Berlin summons envoy <script>alert('title')</script>"

# (id, outlet, published, title, text): real names so that the pipeline codes events. The two
# "energy" articles tell one story from two outlets, each with something the other lacks.
CORPUS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "talks-beijing",
        "Northern Wire",
        "2025-03-04",
        "Wang Yi meets Lavrov in Beijing",
        "BEIJING - Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in "
        "Beijing on Monday to discuss trade and security, the Chinese foreign ministry said.\n\n"
        '"Our cooperation has never been closer," Wang told reporters after the meeting.\n\n'
        "The two ministers agreed to meet again in Moscow before the summer.",
    ),
    (
        "energy-northern",
        "Northern Wire",
        "2025-03-12",
        "Russia and China sign gas supply agreement",
        "MOSCOW - Russia and China signed an agreement on Tuesday on gas supplies through a new "
        "pipeline across Mongolia, the Kremlin said in a statement.\n\n"
        '"This agreement serves both our peoples," Russian President Vladimir Putin said.\n\n'
        "The pipeline is due to carry gas from western Siberia from 2030, officials said.\n\n"
        "Analysts in Moscow said the price had not been agreed.",
    ),
    (
        "energy-eastern",
        "Eastern Herald",
        "2025-03-12",
        "China, Russia sign pipeline gas deal",
        "BEIJING - China and Russia signed an agreement on Tuesday on gas supplies through a new "
        "pipeline across Mongolia, state media reported.\n\n"
        '"The deal is a milestone for our energy security," Chinese Premier Li Qiang said.\n\n'
        "Mongolia will receive transit fees, the Mongolian government said.\n\n"
        "The pipeline is due to carry gas from western Siberia from 2030.",
    ),
    (
        "river-accusation",
        "Eastern Herald",
        "2025-03-20",
        "China accuses Russia over river shipping",
        "BEIJING - China accused Russia on Wednesday of breaking an agreement on shipping on the "
        "Amur river, the Chinese foreign ministry said.\n\n"
        "Russia rejected the accusation, the Russian foreign ministry said in Moscow.",
    ),
    (
        "xss-page",
        "Scraped Daily",
        "2025-03-21",
        XSS_TITLE,
        "BERLIN - Germany summoned the Russian ambassador on Friday over a hacking campaign, the "
        "German foreign ministry said.\n\n"
        f"Protesters outside the embassy held a sign reading {XSS_SCRIPT} and another reading "
        f"{XSS_IMG} for the cameras.\n\n"
        "The ambassador left the ministry after an hour without comment.",
    ),
)


def write_corpus(folder: Path) -> Path:
    """The corpus as one JSON Lines file (how a wire feed or a scraper hands it over)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corpus.jsonl"
    lines = [
        json.dumps({"id": i, "outlet": o, "published": p, "title": t, "text": x}) for i, o, p, t, x in CORPUS
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build_db(folder: Path) -> Path:
    """A database holding the corpus, written by the same `run_local` as `eventwire run`."""
    db = folder / "web.duckdb"
    corpus = write_corpus(folder / "corpus")
    config = Config(db=str(db), workers=1)
    with Store(db) as store:
        summary = run_local([corpus], config, store)
    assert summary.stored == len(CORPUS), summary.failures
    return db


def session_db(base: Path) -> Path:
    """The session's database, built on first use (the API and the browser tests share it)."""
    folder = base / "eventwire-web"
    db = folder / "web.duckdb"
    ready = folder / "ready"
    if not ready.exists():
        shutil.rmtree(folder, ignore_errors=True)
        build_db(folder)
        ready.touch()
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running `eventwire serve`."""

    process: subprocess.Popen[str]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120)


def server_env(token: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("EVENTWIRE_TOKEN", "EVENTWIRE_DB")}
    if token is not None:
        env["EVENTWIRE_TOKEN"] = token
    return env


@contextmanager
def serve(db: Path, log: Path, *, token: str | None = None, extra: tuple[str, ...] = ()) -> Iterator[Server]:
    """Start `eventwire serve` on `db`, wait until it answers, stop it afterwards."""
    port = free_port()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [*SERVE, "--db", str(db), "--port", str(port), "--log-level", "warning", *extra],
            env=server_env(token),
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
    server = Server(process, port, log)
    try:
        _wait(server)
        yield server
    finally:
        stop(process)


def _wait(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"eventwire serve exited:\n{server.log.read_text(encoding='utf-8')}")
        try:
            if httpx.get(f"{server.url}/api/health", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"eventwire serve did not answer:\n{server.log.read_text(encoding='utf-8')}")


def stop(process: subprocess.Popen[str]) -> None:
    """SIGTERM to the server's own process group (it has no children), SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
