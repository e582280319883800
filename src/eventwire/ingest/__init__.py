"""ingest stage: files, folders and globs in; `RawDocument`s (and `Failure`s) out."""

from eventwire.ingest.options import SUPPORTED_SUFFIXES, IngestOptions, IngestStats
from eventwire.ingest.reader import iter_documents

__all__ = ["SUPPORTED_SUFFIXES", "IngestOptions", "IngestStats", "iter_documents"]
