"""The one place where the stages are chained.

A document's trip through `Pipeline.process_batch`:

1. ingest (before the pipeline): a source file becomes `RawDocument`s (`eventwire.ingest`).
2. extract: the main text, title, outlet and publication date become an `Article`; HTML goes
   through trafilatura, already-scraped text through our line classifier. Its language is
   named; a page that is not English is recorded (E203) and not coded.
3. annotate: sentences that can hold an event or a quote are parsed with spaCy; dates in
   them are resolved against the publication date.
4. code: verb patterns over the parse give `Event`s between canonical actors.
5. geocode: each event's place (else the country of the action) becomes a gazetteer feature with
   coordinates, the article's dateline and countries deciding between places of one name.
6. quotes: direct quotes and their speakers give `Quote`s.

The result is plain records; writing them (`eventwire.store`) is the caller's job, so that
the CLI, the local multi-process engine and a Spark runner can all call this.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from eventwire.config import Config
from eventwire.errors import E, EventwireError
from eventwire.extract import extract_article
from eventwire.extract.language import require_english
from eventwire.records import Article, BatchResult, Event, Failure, Processed, Quote, RawDocument

if TYPE_CHECKING:
    from eventwire.actors import ActorDictionary, DocumentActors
    from eventwire.annotate.annotator import Annotated, Annotator
    from eventwire.code import EventCoder, PatternBook
    from eventwire.geo import Geocoder

log = logging.getLogger(__name__)
BUG_DETAIL_CHARS = 200
"""How much of an unexpected exception's message a failure record keeps."""
T = TypeVar("T")


@dataclass(slots=True)
class Stages:
    """The NLP stages and the resources they share (spaCy model, actor dictionary, patterns)."""

    annotator: Annotator
    coder: EventCoder
    dictionary: ActorDictionary
    geocoder: Geocoder

    @classmethod
    def build(cls, config: Config) -> Stages:
        # Imported here: spaCy and the actor data cost time and memory that `--articles-only`
        # runs and the CLI's other commands do not need.
        from eventwire.actors.cues import ActorCues
        from eventwire.annotate.annotator import Annotator
        from eventwire.annotate.entities import EntityLabeller, dictionary_labels
        from eventwire.annotate.model import load_nlp
        from eventwire.code import EventCoder
        from eventwire.geo import Geocoder

        patterns, dictionary = load_data_files(config)
        nlp = load_nlp()
        labeller = EntityLabeller(nlp, dictionary_labels(dictionary))
        cues = ActorCues(dictionary)
        annotator = Annotator(nlp, patterns.actors_needed, labeller=labeller, names_actor=cues)
        return cls(
            annotator=annotator, coder=EventCoder(patterns), dictionary=dictionary, geocoder=Geocoder()
        )

    def document_actors(self, article: Article) -> DocumentActors:
        from eventwire.actors import DocumentActors

        return DocumentActors(self.dictionary, article.published)

    def quotes(self, annotated: Annotated, actors: DocumentActors) -> list[Quote]:
        from eventwire.quotes import extract_quotes

        quotes = extract_quotes(annotated.doc, annotated.article.doc_id, actors.speaker)
        for quote in quotes:
            # The quotes stage counts the parsed sentences; records count all of the article's.
            if 0 <= quote.sentence_index < len(annotated.parsed):
                quote.sentence_index = annotated.parsed[quote.sentence_index][0]
        return quotes


def load_data_files(config: Config) -> tuple[PatternBook, ActorDictionary]:
    """The verb patterns and the actor dictionary, bundled and the user's.

    Raises:
        EventwireError: E601 naming the file and line of a bad row.
    """
    from eventwire.actors import ActorDictionary
    from eventwire.code import PatternBook

    try:
        return PatternBook.load(config.pattern_files), ActorDictionary.load(
            [Path(p) for p in config.actor_files]
        )
    except (ValueError, OSError) as exc:
        raise EventwireError(E.E601, detail=str(exc)) from exc


class Pipeline:
    """The stages and the heavy resources they share, built once per worker."""

    def __init__(self, config: Config | None = None) -> None:
        """Build the stages; missing packages or data fail here, not in the middle of a run.

        Raises:
            EventwireError: E301/E302 when the spaCy model is missing or modified.
        """
        self.config = config or Config()
        self.stages: Stages | None = Stages.build(self.config) if self.config.code_events else None

    def process_batch(self, raw_docs: Iterable[RawDocument]) -> BatchResult:
        """Run every stage over each document; one broken document never stops the rest.

        The chosen sentences of the whole batch go through spaCy in one `nlp.pipe` call, which
        is faster than one call a document; should that call fail, each document is annotated
        on its own so that the failure is pinned to the document that caused it.

        Returns:
            The processed documents and a `Failure` for each document a stage rejected.

        Raises:
            Exception: only when `config.on_error == "raise"`.
        """
        result = BatchResult()
        extracted: list[tuple[RawDocument, Article]] = []
        for raw in raw_docs:
            article = self._guarded(raw, "extract", _extract, raw)
            if not isinstance(article, Failure) and self.stages is not None:
                # The coder reads English only: another language is recorded, not coded.
                article = self._guarded(raw, "language", _english, article)
            if isinstance(article, Failure):
                result.failures.append(article)
            else:
                extracted.append((raw, article))
        if self.stages is None:
            result.processed.extend(Processed(document=raw, article=article) for raw, article in extracted)
            return result
        stages = self.stages
        try:
            annotated: list[Annotated | None] = list(
                stages.annotator.annotate_many([a for _, a in extracted])
            )
        except Exception:
            if self.config.on_error == "raise":
                raise
            annotated = [None] * len(extracted)
        for (raw, article), prepared in zip(extracted, annotated, strict=True):
            ready = prepared or self._guarded(raw, "annotate", stages.annotator.annotate, article)
            if isinstance(ready, Failure):
                result.failures.append(ready)
                continue
            coded = self._guarded(raw, "code", self._code, ready)
            if isinstance(coded, Failure):
                result.failures.append(coded)
            else:
                events, quotes = coded
                result.processed.append(
                    Processed(document=raw, article=article, events=events, quotes=quotes)
                )
        return result

    def code_article(self, article: Article) -> tuple[list[Event], list[Quote]]:
        """Stages 3-6 on a clean article: annotate, code events, geocode them, find quotes.

        Raises:
            RuntimeError: when the pipeline was built with `code_events=False`.
        """
        if self.stages is None:
            raise RuntimeError("this pipeline was built with code_events=False")
        return self._code(self.stages.annotator.annotate(article))

    def _code(self, annotated: Annotated) -> tuple[list[Event], list[Quote]]:
        assert self.stages is not None
        actors = self.stages.document_actors(annotated.article)
        events = self.stages.coder.code(annotated, actors)
        self.stages.geocoder.place_events(events, annotated.dateline_place)
        quotes = self.stages.quotes(annotated, actors)
        return events, quotes

    def _guarded(self, raw: RawDocument, stage: str, fn: Callable[..., T], *args: object) -> T | Failure:
        """Run one stage on one document; a rejection or a bug becomes that document's Failure."""
        try:
            return fn(*args)
        except EventwireError as exc:
            log.debug("rejected %s at %s: %s", raw.source, stage, exc)
            return Failure(
                source=raw.source, record=raw.record, stage=stage, code=exc.code, reason=exc.detail
            )
        except Exception as exc:
            if self.config.on_error == "raise":
                raise
            log.warning("bug in stage %s on %s: %r", stage, raw.source, exc)
            return Failure(
                source=raw.source,
                record=raw.record,
                stage=stage,
                code=E.E900.name,
                reason=E.E900.value.format(
                    kind=type(exc).__name__, stage=stage, detail=str(exc)[:BUG_DETAIL_CHARS]
                ),
            )


def _extract(raw: RawDocument) -> Article:
    try:
        article = extract_article(raw)
    except EventwireError as exc:
        if exc.code == E.E201.name and raw.format == "text":
            # "no main text" in a page of another script says less than its language does.
            require_english(raw.text)
        raise
    _check(article, Article, "extract")
    return article


def _english(article: Article) -> Article:
    require_english(article.text)
    return article


def _check(value: object, expected: type, stage: str) -> None:
    if not isinstance(value, expected):
        raise TypeError(f"stage {stage} returned {type(value).__name__}, expected {expected.__name__}")
