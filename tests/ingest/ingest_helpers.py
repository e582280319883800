"""Small helpers shared by the ingest tests."""

from __future__ import annotations

from pathlib import Path

from eventwire.ingest import IngestOptions, IngestStats, iter_documents
from eventwire.records import Failure, RawDocument

PARAGRAPH = (
    "The foreign minister of Ruritania met her counterpart from Freedonia in the capital on "
    "Tuesday to discuss a border dispute, officials said."
)


def ingest(
    *paths: str | Path, options: IngestOptions | None = None, stats: IngestStats | None = None
) -> tuple[list[RawDocument], list[Failure]]:
    """Everything `iter_documents` yields for `paths`, split into documents and failures."""
    docs: list[RawDocument] = []
    failures: list[Failure] = []
    for item in iter_documents(list(paths), options or IngestOptions(), stats):
        (failures if isinstance(item, Failure) else docs).append(item)  # type: ignore[arg-type]
    return docs, failures


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    """Write `content` (text in `encoding`, or bytes as is), creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def page(body: str, title: str = "Talks on the border", head: str = "", charset: str | None = "utf-8") -> str:
    """A minimal HTML page around `body`."""
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<!DOCTYPE html><html><head>{meta}<title>{title}</title>{head}</head><body>{body}</body></html>"
