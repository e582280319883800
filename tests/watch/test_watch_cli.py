"""`eventwire watch`, `sources` and `alerts` as a user runs them, against a real site on loopback:
the issue's contract, and a watch killed with SIGKILL in the middle of a cycle."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import duckdb
import pytest
from site_server import Route, SiteServer
from watch_helpers import Feed

ENGINE_TESTS = Path(__file__).resolve().parents[1] / "engines"
if str(ENGINE_TESTS) not in sys.path:
    sys.path.append(str(ENGINE_TESTS))

from e2e_helpers import broken_invariants, run_cli, snapshot  # noqa: E402
from kill_helpers import run_and_kill  # noqa: E402

SUMMARY_START = "watch: "


def _sources_file(folder: Path, *feeds: str, extra: str = "") -> Path:
    path = folder / "sources.toml"
    tables = "".join(f'\n[[source]]\nurl = "{url}"\n' for url in feeds)
    path.write_text(
        f"[fetch]\nhost_delay = 0.0\nretries = 0\ntimeout = 2.0\n{extra}\n{tables}", encoding="utf-8"
    )
    return path


def test_watch_cli_contract(site: SiteServer, tmp_path: Path) -> None:
    feed = Feed(site, "/feed.xml", "Test Wire")
    for i in range(4):
        feed.add_filler(i)
    site.set("/robots.txt", Route(body=b"User-agent: *\nAllow: /\n", content_type="text/plain"))
    db = tmp_path / "watch.duckdb"

    first = run_cli("watch", "--feed", feed.url, "--once", "--db", db, "--articles-only")
    pages_after_first = site.page_hits()
    again = run_cli("watch", "--feed", feed.url, "--once", "--db", db, "--articles-only")
    listed = run_cli("alerts", "--db", db, "--json")
    sources = run_cli("sources", "--db", db, "--json")

    assert first.returncode == 0, first.stderr
    lines = first.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(SUMMARY_START)
    assert "4 new items, 4 pages fetched (0 failed), 4 stored" in lines[0]
    assert again.returncode == 0, again.stderr
    assert "1 not modified" in again.stdout and "0 new items, 0 pages fetched" in again.stdout
    assert "0 stored" in again.stdout
    assert site.page_hits() == pages_after_first == 4
    assert site.not_modified["/feed.xml"] == 1
    assert listed.returncode == 0 and listed.stdout == ""
    rows = [json.loads(line) for line in sources.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["stored"] == 4 and rows[0]["status"] == "not modified"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 4


def test_watch_cli_reports_source_errors_and_fails_when_nothing_could_be_polled(
    site: SiteServer, tmp_path: Path
) -> None:
    site.set("/down.xml", Route(body=b"busy", status=500))
    result = run_cli(
        "watch",
        "--sources",
        _sources_file(tmp_path, site.url("/down.xml")),
        "--once",
        "--db",
        tmp_path / "w.duckdb",
        "--articles-only",
    )
    assert result.returncode == 1
    assert "E801 HTTP 500" in result.stderr
    assert "1 errors" in result.stdout


def test_watch_cli_bad_sources_file_is_one_coded_line(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nurl = "not a url"\n', encoding="utf-8")
    result = run_cli("watch", "--sources", path, "--once", "--db", tmp_path / "w.duckdb")
    assert result.returncode == 1
    assert "E811" in result.stderr and "Traceback" not in result.stderr


ITEMS = 40
BATCH = 4


def _store_state(db: Path) -> tuple[object, ...]:
    with duckdb.connect(str(db), read_only=True) as con:
        urls = con.execute(
            "SELECT url, source_url, status, code, attempts, doc_hash FROM watch_urls ORDER BY url"
        ).fetchall()
        sources = con.execute(
            "SELECT url, kind, etag, last_modified, last_status FROM watch_sources"
        ).fetchall()
        order = con.execute(
            "SELECT a.hash FROM story_articles s JOIN articles a USING (doc_id) ORDER BY s.seq"
        ).fetchall()
    return urls, sources, order


@pytest.mark.slow
def test_watch_killed_mid_cycle_then_restarted_ends_like_an_uninterrupted_run(
    site: SiteServer, tmp_path: Path
) -> None:
    northern, eastern = (
        Feed(site, "/northern.xml", "Northern Wire"),
        Feed(site, "/eastern.xml", "Eastern Herald"),
    )
    for i in range(ITEMS):
        (northern if i % 2 else eastern).add_filler(i, published=f"2025-05-{1 + i % 20:02d}")
    northern.add(
        "broken",
        "Broken",
        ["unused"],
        "2025-05-02",
        route=Route(body=b"%PDF-1.4", content_type="application/pdf"),
    )
    sources = _sources_file(tmp_path, northern.url, eastern.url)

    def args(db: Path) -> list[str | Path]:
        return [
            "watch",
            "--sources",
            sources,
            "--once",
            "--db",
            db,
            "--batch-size",
            str(BATCH),
            "--articles-only",
        ]

    clean = tmp_path / "clean.duckdb"
    reference = run_and_kill(args(clean), clean, at_wal_bytes=None)
    assert reference.returncode == 0, reference.stderr
    expected = snapshot(clean)
    assert expected.counts["documents"] == ITEMS

    killed = tmp_path / "killed.duckdb"
    watched = run_and_kill(args(killed), killed, at_wal_bytes=max(1, reference.wal_bytes // 2))
    assert watched.killed and watched.returncode == -signal.SIGKILL
    assert broken_invariants(killed) == {}
    with duckdb.connect(str(killed), read_only=True) as con:
        partial = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        settled = con.execute("SELECT count(*) FROM watch_urls WHERE status = 'stored'").fetchone()[0]
    assert 0 < partial < ITEMS
    assert settled == partial  # each stored page's URL was committed with it
    hits_before = site.page_hits()

    resumed = run_and_kill(args(killed), killed, at_wal_bytes=None)
    assert resumed.returncode == 0, resumed.stderr
    assert broken_invariants(killed) == {}
    assert snapshot(killed) == expected
    assert _store_state(killed) == _store_state(clean)
    # No page stored before the kill was fetched again (the PDF was refused before any article).
    assert site.page_hits() - hits_before <= (ITEMS + 1) - partial


def test_watch_cli_runs_until_sigterm_each_source_on_its_interval(site: SiteServer, tmp_path: Path) -> None:
    import subprocess
    import time

    from e2e_helpers import COMMAND, clean_env

    fast, slow = Feed(site, "/fast.xml", "Fast Wire"), Feed(site, "/slow.xml", "Slow Wire")
    fast.add_filler(1)
    slow.add_filler(2)
    sources = tmp_path / "sources.toml"
    sources.write_text(
        "[fetch]\nhost_delay = 0.0\n\n"
        f'[[source]]\nurl = "{fast.url}"\ninterval = 1\n\n[[source]]\nurl = "{slow.url}"\ninterval = 3600\n',
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [*COMMAND, "watch", "--sources", str(sources), "--db", str(tmp_path / "w.duckdb"), "--articles-only"],
        env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while site.hits["/fast.xml"] < 3 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        fast.add_filler(3)  # published while the watch runs: the next poll of the fast feed takes it
        while site.page_hits() < 3 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, stderr
    assert site.hits["/fast.xml"] >= 3 and site.hits["/slow.xml"] == 1
    assert site.page_hits() == 3
    assert "stopped after" in stderr and "3 new articles" in stderr
    assert all(line.startswith(SUMMARY_START) for line in stdout.splitlines())
