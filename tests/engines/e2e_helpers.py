"""Helpers for end-to-end tests: build corpora on disk, run the real `eventwire` command, inspect the file.

Everything here goes through real processes and real DuckDB files; nothing is mocked.
The database is only opened (read-only) after the `eventwire` process has exited, because
DuckDB lets one process hold a writable file at a time.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import duckdb

# The ingest tests' WARC factory: reused, not copied, so both build archives the same way.
INGEST_TESTS = Path(__file__).resolve().parents[1] / "ingest"
if str(INGEST_TESTS) not in sys.path:
    sys.path.append(str(INGEST_TESTS))

from warc_factory import PNG_1PX, Response, write_warc  # noqa: E402

# The console script installed next to the interpreter running the tests (the project's venv).
EVENTWIRE = Path(sys.executable).with_name("eventwire")
COMMAND: list[str] = (
    [str(EVENTWIRE)]
    if EVENTWIRE.exists()
    else [sys.executable, "-c", "from eventwire.cli import main; main()"]
)

SUMMARY = re.compile(r"(\d+) documents read, (\d+) stored, (\d+) duplicates, (\d+) events, (\d+) quotes")

TABLES = (
    "documents", "articles", "events", "quotes", "actors", "failures",
    "stories", "story_articles", "article_copies", "consolidated_events",
)

# Invented places and people: the kill tests need many distinct, ordinary-looking articles.
CITIES = ("Amberton", "Brightwater", "Coldharbour", "Dunmore", "Eastvale", "Fairholm", "Greyport")
TOPICS = ("river crossings", "grain exports", "rail links", "fishing rights", "power lines", "visa rules")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

# Real countries and offices so that the spaCy pipeline finds actors and events to code.
EVENT_STORIES: tuple[tuple[str, str], ...] = (
    (
        "Germany and Poland discuss border checks",
        "BERLIN - German Chancellor Friedrich Merz met Polish Prime Minister Donald Tusk in Berlin on "
        "Wednesday to discuss checks on the border between the two countries, officials said.\n\n"
        '"Our border has to stay open to trade and to people," Tusk told reporters after the meeting.\n\n'
        "The two leaders agreed that their interior ministers would meet every month.",
    ),
    (
        "Japan and South Korea hold talks",
        "TOKYO - Japan's foreign minister met his South Korean counterpart in Tokyo on Monday to "
        "discuss North Korea's missile launches, the foreign ministry said.\n\n"
        '"Our cooperation has never been more important," the Japanese minister said.\n\n'
        "The ministers agreed to meet again in Seoul later this year.",
    ),
    (
        "Brazil signs energy deal with Paraguay",
        "BRASILIA - Brazil signed an agreement with Paraguay on Tuesday on the price of electricity "
        "from the Itaipu dam, the two governments said in a joint statement.\n\n"
        "Brazilian President Luiz Inacio Lula da Silva said the deal was fair to both countries.\n\n"
        '"This is a good day for our peoples," Paraguayan President Santiago Pena said.',
    ),
)


def story_text(i: int) -> str:
    """A plain scraped article, different for every `i` (so every file has its own content hash)."""
    city = CITIES[i % len(CITIES)]
    topic = TOPICS[i % len(TOPICS)]
    day = DAYS[i % len(DAYS)]
    return (
        f"Council of {city} reviews {topic} (report {i})\n\n"
        f"{city.upper()} - The regional council of {city} met on {day} to review plans on {topic}, "
        f"the council's spokesperson said in a statement numbered {i}.\n\n"
        f"Members spent {i % 7 + 2} hours on the proposal and asked officials for a costed plan "
        f"before the next session, which is due in {i % 11 + 3} weeks.\n\n"
        f"Local businesses said the delay of case {i} was hurting trade along the coast."
    )


def write_corpus(folder: Path, count: int, *, jsonl_share: int = 5) -> int:
    """Write `count` distinct documents under `folder`: .txt files and JSON Lines files.

    Every `jsonl_share`-th document goes into a JSON Lines file of up to 10 lines, the rest
    into one .txt file each, spread over a few subfolders.

    Returns:
        The number of documents written (`count`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    jsonl_files = 0

    def flush_jsonl() -> None:
        nonlocal jsonl_files
        if lines:
            (folder / f"wire-{jsonl_files:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            jsonl_files += 1
            lines.clear()

    for i in range(count):
        if jsonl_share and i % jsonl_share == 0:
            record = {"id": f"wire-{i:05d}", "title": f"Report {i}", "published": "2025-05-14"}
            record["text"] = story_text(i)
            lines.append(json.dumps(record))
            if len(lines) == 10:
                flush_jsonl()
        else:
            sub = folder / f"part-{i % 4}"
            sub.mkdir(exist_ok=True)
            (sub / f"story-{i:05d}.txt").write_text(story_text(i), encoding="utf-8")
    flush_jsonl()
    return count


def write_event_corpus(folder: Path, copies: int = 1) -> int:
    """Real-world-style articles that the full (spaCy) pipeline turns into events and quotes.

    Args:
        copies: how many variants of each story to write; each ends in its own reference line,
            so every file has its own content hash.
    Returns:
        The number of documents written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(copies):
        for i, (title, body) in enumerate(EVENT_STORIES):
            text = f"{title}\nWorld Desk\n\n{body}\n\nFiled under reference {copy}-{i}.\n"
            (folder / f"event-{copy}-{i}.txt").write_text(text, encoding="utf-8")
    return copies * len(EVENT_STORIES)


def clean_env(**extra: str) -> dict[str, str]:
    """The test process's environment without settings that would change what `eventwire` does."""
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_DB"}
    env.update(extra)
    return env


def run_cli(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """Run `eventwire ARGS...` to completion and capture its output."""
    return subprocess.run(
        [*COMMAND, *map(str, args)],
        cwd=cwd,
        env=env if env is not None else clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def start_cli(
    *args: str | Path, cwd: Path | None = None, stderr: IO[bytes] | None = None
) -> subprocess.Popen[bytes]:
    """Start `eventwire ARGS...` in its own process group (so worker processes can be signalled with it).

    Args:
        stderr: a file to write its standard error to; discarded when None.
    """
    return subprocess.Popen(
        [*COMMAND, *map(str, args)],
        cwd=cwd,
        env=clean_env(),
        stdout=subprocess.DEVNULL,
        stderr=stderr if stderr is not None else subprocess.DEVNULL,
        start_new_session=True,
        # As from a terminal: a test run started in the background (`make test &`) has Ctrl-C
        # ignored, which its children would inherit, and the Ctrl-C tests would see no Ctrl-C.
        preexec_fn=_sigint_default,
    )


def _sigint_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_ok(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`run_cli` that fails the test, showing stderr, when the command does not exit 0."""
    result = run_cli(*args, cwd=cwd)
    assert result.returncode == 0, f"eventwire {' '.join(map(str, args))} failed:\n{result.stderr}"
    return result


def connect(db: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(db), read_only=True)


def table_counts(db: Path) -> dict[str, int]:
    """Rows in each eventwire table."""
    with connect(db) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


# Each query counts rows that break one invariant; a consistent file gives 0 for all of them.
INVARIANTS: dict[str, str] = {
    "article without its document": (
        "SELECT count(*) FROM articles a LEFT JOIN documents d ON d.hash = a.hash AND d.doc_id = a.doc_id "
        "WHERE d.hash IS NULL"
    ),
    "document without its article": (
        "SELECT count(*) FROM documents d LEFT JOIN articles a ON a.hash = d.hash WHERE a.doc_id IS NULL"
    ),
    "event without article": (
        "SELECT count(*) FROM events e LEFT JOIN articles a ON a.doc_id = e.doc_id WHERE a.doc_id IS NULL"
    ),
    "quote without article": (
        "SELECT count(*) FROM quotes q LEFT JOIN articles a ON a.doc_id = q.doc_id WHERE a.doc_id IS NULL"
    ),
    "event actor missing": (
        "SELECT count(*) FROM events e WHERE e.source_id NOT IN (SELECT actor_id FROM actors) "
        "OR e.target_id NOT IN (SELECT actor_id FROM actors)"
    ),
    "duplicate hash": "SELECT count(*) - count(DISTINCT hash) FROM documents",
    "duplicate doc_id": "SELECT count(*) - count(DISTINCT doc_id) FROM documents",
    "duplicate article": "SELECT count(*) - count(DISTINCT hash) FROM articles",
    "duplicate event": "SELECT count(*) - count(DISTINCT event_id) FROM events",
}


def broken_invariants(db: Path) -> dict[str, int]:
    """The invariants `db` breaks, with how many rows break each; empty when the file is consistent."""
    with connect(db) as con:
        found = {name: con.execute(sql).fetchone()[0] for name, sql in INVARIANTS.items()}  # type: ignore[index]
    return {name: n for name, n in found.items() if n}


@dataclass(frozen=True)
class Snapshot:
    """What a database holds, in a form two runs can be compared on."""

    counts: dict[str, int]
    hashes: frozenset[str]
    doc_ids: frozenset[str]
    event_keys: frozenset[tuple[object, ...]]
    failure_keys: frozenset[tuple[object, ...]]
    stories: frozenset[frozenset[str]]
    """Each story as the content hashes of its articles."""


def snapshot(db: Path) -> Snapshot:
    with connect(db) as con:

        def rows(sql: str) -> list[tuple[object, ...]]:
            return con.execute(sql).fetchall()

        counts = {t: rows(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}
        return Snapshot(
            counts=counts,  # type: ignore[arg-type]
            hashes=frozenset(r[0] for r in rows("SELECT hash FROM documents")),  # type: ignore[misc]
            doc_ids=frozenset(r[0] for r in rows("SELECT doc_id FROM documents")),  # type: ignore[misc]
            event_keys=frozenset(
                rows(
                    "SELECT d.hash, e.type, e.source_id, e.target_id, e.date FROM events e "
                    "JOIN articles d ON d.doc_id = e.doc_id"
                )
            ),
            failure_keys=frozenset(rows("SELECT source, record, code FROM failures")),
            stories=frozenset(
                frozenset(r[0])  # type: ignore[arg-type]
                for r in rows(
                    "SELECT list(a.hash) FROM story_articles s JOIN articles a USING (doc_id) "
                    "GROUP BY s.story_id"
                )
            ),
        )


def failure_lines(stderr: str) -> list[str]:
    """The lines of `eventwire run`'s stderr that report a skipped input."""
    return [line for line in stderr.splitlines() if line.startswith("skipped ")]


@dataclass(frozen=True)
class BadInput:
    """A file that cannot be (fully) ingested and the failure it must be recorded as."""

    name: str
    code: str
    record: str = ""


def write_bad_inputs(folder: Path) -> list[BadInput]:
    """One of each kind of bad input the CLI must report and step over.

    The JSON Lines file also holds one good line and the WARC one whole response before its
    cut, so both still give a document each (see `BAD_INPUT_GOOD_DOCS`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.html").write_bytes(PNG_1PX)
    # No encoding reads these bytes as text: every byte is a stray UTF-8 continuation or lead byte.
    (folder / "garbage.txt").write_bytes(bytes(range(128, 256)) * 4)
    good_line = json.dumps({"id": "brief-good", "text": story_text(900_001)})
    (folder / "briefs.jsonl").write_text(good_line + "\n{not json at all\n", encoding="utf-8")
    crawl = folder / "crawl.warc.gz"
    pages = [
        Response(url=f"https://news.example/story-{i}", body=_html_page(story_text(900_100 + i)).encode())
        for i in range(2)
    ]
    offsets = write_warc(crawl, pages)
    # Cut inside the second response record: the first stays whole and readable.
    crawl.write_bytes(crawl.read_bytes()[: offsets[1] + 60])
    return [
        BadInput("empty.txt", "E102"),
        BadInput("photo.html", "E103"),
        BadInput("garbage.txt", "E104"),
        BadInput("briefs.jsonl", "E107", "line 2"),
        BadInput("crawl.warc.gz", "E105"),
    ]


BAD_INPUT_GOOD_DOCS = 2
"""Documents `write_bad_inputs` leaves readable: the good JSON line and the first WARC response."""


def _html_page(text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])
    title = text.split("\n", 1)[0]
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{paragraphs}</article></body></html>"
    )


def wal_of(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def parse_summary(stdout: str) -> dict[str, int]:
    """The counts of `eventwire run`'s closing line."""
    match = SUMMARY.search(stdout)
    assert match, f"no summary line in: {stdout!r}"
    names = ("read", "stored", "duplicates", "events", "quotes")
    return dict(zip(names, map(int, match.groups()), strict=True))
