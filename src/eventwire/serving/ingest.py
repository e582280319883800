"""Ingest over HTTP: uploaded files or JSON Lines go through the one pipeline into the store.

The uploaded files' bytes are handed to `run_local` with the server's own `Pipeline` (built on
the first ingest, then kept: the spaCy model takes seconds to load), so an upload is read,
extracted, coded, stored and grouped into stories exactly as `eventwire run` would do it. One
ingest runs at a time (DuckDB has one writer); readers keep reading meanwhile.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from fastapi import Request
from starlette.datastructures import UploadFile

from eventwire.config import Config
from eventwire.engines.local import run_local
from eventwire.errors import EventwireError
from eventwire.ingest import SUPPORTED_SUFFIXES, Blob
from eventwire.pipeline import Pipeline
from eventwire.serving.database import Database
from eventwire.serving.errors import ApiError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 100
"""Longest file name kept from an upload (the suffix is always kept)."""
JSONL_NAME = "request.jsonl"
"""What a JSON Lines request body is called in failures."""
JSONL_TYPES = (
    "application/x-ndjson",
    "application/jsonl",
    "application/json-lines",
    "application/x-jsonlines",
)


def _suffix(name: str) -> str | None:
    lowered = name.lower()
    return next((s for s in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True) if lowered.endswith(s)), None)


def safe_name(name: str, index: int) -> str:
    """A file name safe to write under our folder: the client's base name, tamed, with its suffix.

    Raises:
        ApiError: 400 when the suffix is not one `eventwire run` reads.
    """
    base = Path(name.replace("\\", "/")).name
    suffix = _suffix(base)
    if suffix is None:
        raise ApiError(
            400,
            f"files: {name!r} is not a supported file type (supported: {', '.join(SUPPORTED_SUFFIXES)})",
            param="files",
        )
    stem = _UNSAFE.sub("_", base[: -len(suffix)]).strip("._")[:MAX_NAME] or "upload"
    # The index keeps two uploads of the same name apart.
    return f"{index:03d}-{stem}{suffix}"


class Ingestor:
    """Runs uploads through the pipeline into the server's database."""

    def __init__(self, database: Database, config: Config) -> None:
        self.database = database
        self.config = config.with_overrides(workers=1)
        self._pipeline: Pipeline | None = None
        self._build_lock = threading.Lock()

    def pipeline(self) -> Pipeline:
        """The server's pipeline, built on first use.

        Raises:
            ApiError: 503 when the pipeline cannot be built (model not installed or modified).
        """
        with self._build_lock:
            if self._pipeline is None:
                try:
                    self._pipeline = Pipeline(self.config)
                except EventwireError as exc:
                    raise ApiError(503, f"ingest unavailable: {exc}") from exc
            return self._pipeline

    def ingest(self, uploads: list[Blob]) -> dict[str, Any]:
        """Store the uploads; returns what the run did, failures named by upload name."""
        if not uploads:
            raise ApiError(400, "files: nothing to ingest (send files, or a JSON Lines body)", param="files")
        files = [Blob(safe_name(u.name, i), u.data) for i, u in enumerate(uploads)]
        pipeline = self.pipeline()
        with self.database.writer() as store:
            summary = run_local(files, self.config, store, pipeline=pipeline)
        given = {f.name: u.name for f, u in zip(files, uploads, strict=True)}
        return {
            "documents": summary.seen,
            "stored": summary.stored,
            "duplicates": summary.duplicates,
            "events": summary.events,
            "quotes": summary.quotes,
            "failures": [
                {
                    "file": given.get(f.source, Path(f.source).name),
                    "record": f.record,
                    "stage": f.stage,
                    "code": f.code,
                    "reason": f.reason,
                }
                for f in summary.failures
            ],
            "stories": {
                "articles": summary.stories.articles,
                "copies": summary.stories.copies,
                "new_stories": summary.stories.new_stories,
                "joined": summary.stories.joined,
                "consolidated_events": summary.stories.consolidated_events,
            },
            "seconds": round(summary.seconds, 3),
        }


async def read_uploads(request: Request) -> tuple[list[Blob], str | None]:
    """The uploaded files of a request, and a token sent as a form field.

    Raises:
        ApiError: 415 for a body that is neither multipart nor JSON Lines.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        form = await request.form()
        uploads = []
        for value in form.getlist("files"):
            if isinstance(value, UploadFile):
                uploads.append(Blob(value.filename or "upload", await value.read()))
        token = form.get("token")
        return uploads, token if isinstance(token, str) and token else None
    if content_type in JSONL_TYPES:
        body = await request.body()
        return ([Blob(JSONL_NAME, body)] if body.strip() else []), None
    raise ApiError(
        415,
        f"send files as multipart/form-data (field 'files') or JSON Lines as {JSONL_TYPES[0]}, "
        f"not {content_type or 'no content type'}",
    )
