"""Build small WARC files for tests and for the bundled sample crawl.

Tests call `write_warc` to make archives in `tmp_path`; run as a script, it rebuilds the
sample `src/eventwire/data/sample/crawl.warc.gz` from the pages under
`tests/ingest/data/warc_pages/` so the committed archive can always be regenerated:

    .venv/bin/python tests/ingest/warc_factory.py

Record ids and dates are derived from the URLs, so the output is byte-for-byte stable.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parents[2]
PAGES = Path(__file__).resolve().parent / "data" / "warc_pages"
SAMPLE_WARC = REPO / "src" / "eventwire" / "data" / "sample" / "crawl.warc.gz"

# A 1x1 transparent PNG: the non-HTML response every sample crawl carries.
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000105"
    "7c8f0e1e0000000049454e44ae426082"
)


@dataclass(frozen=True)
class Response:
    """One HTTP response to archive."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    date: str = "2025-06-02T08:00:00Z"
    status: int = 200


def record_id(url: str, kind: str = "response") -> str:
    """A stable WARC-Record-ID for `url` (uuid5, so reruns give the same archive)."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + ':' + url)}>"


def write_warc(path: Path, responses: Sequence[Response], *, gzip: bool = True) -> list[int]:
    """Write a warcinfo record, then a request and a response record per `responses`.

    Returns:
        The byte offset of each response record, in order (useful to cut an archive).
    """
    offsets: list[int] = []
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip, warc_version="1.0")
        info = writer.create_warcinfo_record(
            path.name,
            {"software": "eventwire test factory", "format": "WARC File Format 1.0"},
        )
        info.rec_headers.replace_header("WARC-Record-ID", record_id(path.name, "warcinfo"))
        info.rec_headers.replace_header("WARC-Date", "2025-06-02T07:59:00Z")
        writer.write_record(info)
        for resp in responses:
            request = writer.create_warc_record(
                resp.url,
                "request",
                payload=io.BytesIO(_request_head(resp.url)),
                warc_headers_dict={"WARC-Record-ID": record_id(resp.url, "request"), "WARC-Date": resp.date},
            )
            writer.write_record(request)
            http = StatusAndHeaders(
                f"{resp.status} {'OK' if resp.status == 200 else 'Other'}",
                [("Content-Type", resp.content_type), ("Content-Length", str(len(resp.body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                resp.url,
                "response",
                payload=io.BytesIO(resp.body),
                http_headers=http,
                warc_headers_dict={"WARC-Record-ID": record_id(resp.url), "WARC-Date": resp.date},
            )
            out.flush()
            offsets.append(out.tell())
            writer.write_record(record)
    return offsets


def _request_head(url: str) -> bytes:
    parts = urlsplit(url)
    return f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode()


def sample_responses() -> list[Response]:
    """The sample crawl: every page under `data/warc_pages/` plus one PNG."""
    responses = []
    for i, page in enumerate(sorted(PAGES.glob("*.html"))):
        responses.append(
            Response(
                url=f"https://www.balkan-ledger.example/politics/{page.stem}",
                body=page.read_bytes(),
                date=f"2025-06-0{2 + i}T08:00:00Z",
            )
        )
    responses.append(
        Response(
            url="https://www.balkan-ledger.example/static/pixel.png", body=PNG_1PX, content_type="image/png"
        )
    )
    return responses


if __name__ == "__main__":
    write_warc(SAMPLE_WARC, sample_responses())
    print(f"wrote {SAMPLE_WARC}")
