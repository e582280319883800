"""Coded messages. Tests assert on the codes; users search for them.

E1xx ingest, E2xx extract, E3xx annotate/models, E4xx store, E5xx config, E6xx data files,
E7xx the Spark runner, E8xx watching sources and alerts, E900 an unexpected error inside a stage
(a bug, recorded and skipped).
Each message is one line and is formatted with the keyword arguments shown in braces.
"""

from __future__ import annotations

from enum import StrEnum


class E(StrEnum):
    # ingest
    E101 = "path does not exist"
    E102 = "empty file"
    E103 = "binary content, not text or HTML (looks like {kind})"
    E104 = "cannot decode text (tried {tried})"
    E105 = "truncated or corrupt WARC: {detail}"
    E106 = "not a feed: {detail}"
    E107 = "line {line}: not JSON: {detail}"
    E108 = "line {line}: no 'text' or 'html' field"
    E109 = "folder holds no readable files (supported: {suffixes})"
    E110 = "unsupported file type {suffix} (supported: {suffixes})"
    E111 = "cannot read file: {detail}"
    E112 = "WARC holds {skipped} non-HTML record(s), skipped"
    E113 = "file too large: {size} bytes (limit {limit}, setting max_bytes)"
    E114 = "not a gold/document JSON object: {detail}"
    E115 = "no supported files match the pattern (supported: {suffixes})"
    E116 = "feed item has no content or summary"
    E117 = "gzipped {what} expands past {limit} bytes (setting max_bytes): a gzip bomb or too large"
    E118 = "corrupt or truncated gzip data: {detail}"
    # extract
    E201 = "no main text found"
    E202 = "HTML could not be parsed: {detail}"
    E203 = "not English: detected {language} (the coder reads English only)"
    # annotate and models
    E301 = "spaCy model package '{package}' is not installed: pip install {package}=={version}"
    E302 = "spaCy model '{package}' does not match the pinned files ({detail})"
    # store
    E401 = "cannot open database {path}: {detail}"
    E402 = "database {path} is read-only: {detail}"
    E403 = "database {path} has schema version {found}, this eventwire needs {expected}"
    E404 = "cannot write {path}: {detail}"
    # actors and patterns data
    E601 = "bad data file: {detail}"
    # bugs
    E900 = "unexpected {kind} in {stage}: {detail}"
    # config
    E501 = "unknown setting '{key}' in {path} (known: {known})"
    E502 = "setting '{key}' must be {expected}, got {value!r}"
    # the Spark runner (eventwire spark, load, spark-env)
    E701 = "pyspark is not installed: pip install 'eventwire[spark]' (Spark 4, Java 17 or newer)"
    E702 = "Spark needs Java {needed} or newer: {detail} (install a JDK or set JAVA_HOME)"
    E703 = "not an eventwire Spark dataset: {path}: {detail}"
    E704 = "dataset {path} has schema version {found}, this eventwire needs {expected}"
    E705 = "the Spark job failed: {detail}"
    E706 = "cannot build the environment archive {path}: {detail}"
    # watching sources (eventwire watch) and alerts
    E801 = "HTTP {status} from {url}"
    E802 = "timed out after {seconds:g}s waiting for {url}"
    E803 = "body too slow: {url} sent {size} bytes in {seconds:g}s (limit {limit:g}s)"
    E804 = "malformed XML in {url}: {detail}"
    E805 = "compressed body of {url} inflates past {limit} bytes (a compression bomb?)"
    E806 = "redirect loop or more than {limit} redirects from {url}"
    E807 = "too large: {url} is over {limit} bytes"
    E808 = "not an HTML or XML page: {url} is {content_type}"
    E809 = "robots.txt of {host} disallows {url}"
    E810 = "cannot connect to {url}: {detail}"
    E811 = "bad sources in {path}: {detail}"
    E812 = "bad alerts file {path}: {detail}"
    E813 = "not a feed or a sitemap: {url}: {detail}"
    E814 = "no sources to watch: pass --feed URL or --sources FILE"
    E815 = "feed item without a link to fetch in {url}"
    E816 = "delivery of alert {key} to {channel} failed: {detail}"


class EventwireError(Exception):
    """A user-facing error: carries its code and a one-line message."""

    def __init__(self, code: E, **kwargs: object) -> None:
        self.code = code.name
        self.detail = code.value.format(**kwargs)
        super().__init__(f"{self.code} {self.detail}")
