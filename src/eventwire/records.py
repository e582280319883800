"""The plain records that flow one way through the pipeline.

sources -> RawDocument -> Article -> (annotated spaCy Doc) -> Event + Quote -> store

Every stage takes one of these and returns one (or a `Failure`), so each stage can be
tested alone by building its input by hand.
"""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

DocFormat = Literal["text", "html"]


def normalise_text(text: str) -> str:
    """Unicode NFC with runs of whitespace collapsed: the form content identity is computed on."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text: two copies of one document share it."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def _to_jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_jsonable(v) for k, v in value.items()}
    return value


def _parse_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(slots=True)
class RawDocument:
    """One document as read from a source, decoded to text but otherwise untouched."""

    text: str
    """The decoded content: page text for `format="text"`, markup for `format="html"`."""
    format: DocFormat
    source: str
    """The file the document came from."""
    record: str | None = None
    """Where inside `source` (WARC record id, feed item or JSONL line number); None for whole files."""
    doc_id: str | None = None
    """An id given by the source (gold files, JSONL `id`); otherwise the content hash prefix is used."""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    """A publication date given by the container (feed item, JSONL, gold file)."""
    fetched_at: datetime | None = None
    encoding: str | None = None
    """The character encoding the bytes were decoded from."""
    hash: str = ""
    """Content hash of the normalised text; filled in by `__post_init__` when empty."""

    def __post_init__(self) -> None:
        if not self.hash:
            self.hash = content_hash(self.text)
        if not self.doc_id:
            self.doc_id = self.hash[:16]

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RawDocument:
        data = dict(data)
        data["published"] = _parse_date(data.get("published"))
        if data.get("fetched_at") and not isinstance(data["fetched_at"], datetime):
            data["fetched_at"] = datetime.fromisoformat(data["fetched_at"])
        return cls(**data)


@dataclass(slots=True)
class Article:
    """The clean article extracted from a `RawDocument`: main text without page furniture."""

    doc_id: str
    text: str
    """Paragraphs separated by blank lines."""
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None
    source: str = ""
    record: str | None = None
    hash: str = ""
    """The content hash of the document this article came from."""

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        data["published"] = _parse_date(data.get("published"))
        return cls(**data)


@dataclass(slots=True, frozen=True)
class Actor:
    """A canonical actor: a person, a state, an organisation or a sector of a state."""

    name: str
    country: str | None = None
    """ISO 3166-1 alpha-3 of the state the actor belongs to or acts for; None for IGOs."""
    sector: str | None = None
    """GOV, MIL, REB, OPP, BUS, MED, CVL, IGO, JUD, POL, NGO or None."""
    kind: str = "state"
    """person | state | igo | group | sector."""

    def key(self) -> str:
        """What the scorer compares: the country, or the lower-cased name for stateless actors."""
        return self.country or "~" + self.name.lower()

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(**data)


@dataclass(slots=True, frozen=True)
class Place:
    """Where an event happened, resolved to a gazetteer feature with coordinates."""

    name: str
    """The feature's name ("Kremlin", "Moscow", "Russia")."""
    feature: str
    """venue | city | region | state | country."""
    country: str | None
    """ISO 3166-1 alpha-3 of the country the feature is in."""
    geonames_id: int | None = None
    """GeoNames id of the feature; of its city for a venue; None for regions we name ourselves."""
    admin1: str | None = None
    """GeoNames admin1 code (first-level division) of the feature, where known."""
    lat: float | None = None
    lon: float | None = None
    reason: str = ""
    """How the place was found, in words a reader can check (and a fallback says so)."""

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        return cls(**data)


@dataclass(slots=True)
class Event:
    """One asserted interaction between a source and a target actor, with its evidence."""

    doc_id: str
    type: str
    """One of the 16 PLOVER types."""
    source: Actor
    target: Actor
    cameo: str
    """CAMEO code (at least the two-digit root)."""
    goldstein: float
    mode: str | None = None
    date: date | None = None
    date_precision: str | None = None
    """day | month | None."""
    date_reason: str | None = None
    """How the date was found, in words a reader can check."""
    location: str | None = None
    evidence: str = ""
    sentence_index: int = 0
    rule: str = ""
    """The pattern id that produced the event."""
    confidence: float = 0.0
    place: Place | None = None
    """`location` (or, when there is none, the country of the action) resolved by `eventwire.geo`."""

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        data = dict(data)
        data["source"] = Actor.from_dict(data["source"])
        data["target"] = Actor.from_dict(data["target"])
        data["date"] = _parse_date(data.get("date"))
        if data.get("place"):
            data["place"] = Place.from_dict(data["place"])
        return cls(**data)


@dataclass(slots=True)
class Quote:
    """Direct speech in quotation marks with the actor it is attributed to."""

    doc_id: str
    speaker: str
    """Canonical name of the speaker (person or body)."""
    text: str
    """The words inside the marks."""
    speaker_actor: Actor | None = None
    sentence_index: int = 0
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        data = dict(data)
        if data.get("speaker_actor"):
            data["speaker_actor"] = Actor.from_dict(data["speaker_actor"])
        return cls(**data)


@dataclass(slots=True)
class Failure:
    """A document or record that could not be processed, and why; the run goes on."""

    source: str
    stage: str
    code: str
    """An error code from `eventwire.errors` (E1xx ingest, E2xx extract, ...)."""
    reason: str
    record: str | None = None

    def message(self) -> str:
        where = f"{self.source}" + (f" [{self.record}]" if self.record else "")
        return f"{where}: {self.code} {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)


@dataclass(slots=True)
class Processed:
    """Everything the pipeline produced from one raw document."""

    document: RawDocument
    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass(slots=True)
class BatchResult:
    """The output of `Pipeline.process_batch`: processed documents and the failures met."""

    processed: list[Processed] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
