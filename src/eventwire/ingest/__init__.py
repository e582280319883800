"""ingest stage: files, folders, globs and files' bytes in; `RawDocument`s (and `Failure`s) out."""

from eventwire.ingest._common import Blob, bytes_to_text, parse_date
from eventwire.ingest._failures import Rejected
from eventwire.ingest.options import SUPPORTED_SUFFIXES, IngestOptions, IngestStats
from eventwire.ingest.reader import iter_documents

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Blob",
    "IngestOptions",
    "IngestStats",
    "Rejected",
    "bytes_to_text",
    "iter_documents",
    "parse_date",
]
