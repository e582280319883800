"""The one place where the stages are chained.

A document's trip through `Pipeline.process_batch`, the stages in the order `build_stages` lists
them (each takes one record and gives one, or rejects the document with a coded error that its
`Failure` files under the stage's name):

0. ingest (before the pipeline): a source file becomes `RawDocument`s (`eventwire.ingest`).
1. extract (`RawDocument` -> `Article`): the main text, title, outlet and publication date;
   HTML goes through trafilatura, already-scraped text through our line classifier.
2. language (`Article` -> `Article`): the coder reads English only; a page in another language
   is recorded (E203) and not coded.
3. annotate (`Article` -> `Annotated`): sentences that can hold an event or a quote are parsed
   with spaCy, a whole batch in one call; dates in them are resolved against the publication date.
4. code (`Annotated` -> `Coded`): verb patterns over the parse give `Event`s between canonical
   actors, read with the document's memory of the actors it named (`actors.DocumentActors`).
5. geocode (`Coded` -> `Coded`): each event's place (else the country of the action) becomes a
   gazetteer feature with coordinates, the article's dateline and countries deciding between
   places of one name.
6. quotes (`Coded` -> `Coded`): direct quotes and their speakers give `Quote`s.

With `code_events=False` only extract runs. The result is plain records; writing them
(`eventwire.store`) is the caller's job, so that the CLI, the local multi-process engine, the
server's ingest and the Spark runner can all call this.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.config import Config
from eventwire.errors import E, EventwireError
from eventwire.extract import extract_article
from eventwire.extract.language import require_english
from eventwire.records import Article, BatchResult, Event, Failure, Processed, Quote, RawDocument

if TYPE_CHECKING:
    from eventwire.actors import ActorDictionary, DocumentActors
    from eventwire.annotate.annotator import Annotated, Annotator
    from eventwire.coder import PatternBook

log = logging.getLogger(__name__)
BUG_DETAIL_CHARS = 200
"""How much of an unexpected exception's message a failure record keeps."""


@dataclass(slots=True)
class Coded:
    """An annotated article with what the stages after annotation found in it."""

    annotated: Annotated
    actors: DocumentActors
    """The actors the article named, remembered for back-references (pronouns, titles)."""
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of a document's trip: a name, the record it takes and the one it gives."""

    name: str
    takes: type
    gives: type
    run: Callable[[Any], Any]
    run_many: Callable[[list[Any]], list[Any]] | None = None
    """The same over a batch at once, where that is faster (one spaCy call for every article)."""


def build_stages(config: Config) -> tuple[Stage, ...]:
    """The stages in order, their resources (spaCy model, actor dictionary, patterns) loaded once.

    Raises:
        EventwireError: E301/E302 when the spaCy model is missing or modified, E601 for a bad
            data file.
    """
    extract = Stage("extract", RawDocument, Article, _extract)
    if not config.code_events:
        return (extract,)
    # Imported here: spaCy and the actor data cost time and memory that `--articles-only`
    # runs and the CLI's other commands do not need.
    from eventwire.actors import DocumentActors
    from eventwire.annotate.annotator import Annotated
    from eventwire.coder import EventCoder
    from eventwire.geo import Geocoder
    from eventwire.quotes import annotated_quotes

    patterns, dictionary = load_data_files(config)
    annotator = build_annotator(patterns, dictionary)
    coder, geocoder = EventCoder(patterns), Geocoder()

    def code(annotated: Annotated) -> Coded:
        actors = DocumentActors(dictionary, annotated.article.published)
        return Coded(annotated, actors, coder.code(annotated, actors))

    def geocode(coded: Coded) -> Coded:
        geocoder.place_events(coded.events, coded.annotated.dateline_place)
        return coded

    def quotes(coded: Coded) -> Coded:
        coded.quotes = annotated_quotes(coded.annotated, coded.actors.speaker)
        return coded

    return (
        extract,
        Stage("language", Article, Article, _english),
        Stage("annotate", Article, Annotated, annotator.annotate, annotator.annotate_many),
        Stage("code", Annotated, Coded, code),
        Stage("geocode", Coded, Coded, geocode),
        Stage("quotes", Coded, Coded, quotes),
    )


def build_annotator(patterns: PatternBook, dictionary: ActorDictionary) -> Annotator:
    """The annotate stage's annotator: the spaCy model, with the entity labels and the cues of
    actors the dictionary knows, parsing what the patterns could code."""
    from eventwire.actors.cues import ActorCues
    from eventwire.annotate.annotator import Annotator
    from eventwire.annotate.entities import EntityLabeller, dictionary_labels
    from eventwire.annotate.model import load_nlp

    nlp = load_nlp()
    labeller = EntityLabeller(nlp, dictionary_labels(dictionary))
    return Annotator(nlp, patterns.actors_needed, labeller=labeller, names_actor=ActorCues(dictionary))


def load_data_files(config: Config) -> tuple[PatternBook, ActorDictionary]:
    """The verb patterns and the actor dictionary, bundled and the user's.

    Raises:
        EventwireError: E601 naming the file and line of a bad row.
    """
    from eventwire.actors import ActorDictionary
    from eventwire.coder import PatternBook

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
        self.stages = build_stages(self.config)
        for before, after in itertools.pairwise(self.stages):
            if not issubclass(before.gives, after.takes):
                raise TypeError(f"stage {after.name} takes {after.takes.__name__}, {before.name} gives "
                                f"{before.gives.__name__}")

    def process_batch(self, raw_docs: Iterable[RawDocument]) -> BatchResult:
        """Run every stage over each document; one broken document never stops the rest.

        A stage with a batch form (annotation: the chosen sentences of the whole batch go
        through spaCy in one `nlp.pipe` call) runs over every document at once; should that
        fail, each document goes through it on its own, so that the failure is pinned to the
        document that caused it. Runs of the other stages take one document at a time.

        Returns:
            The processed documents and a `Failure` for each document a stage rejected.

        Raises:
            Exception: only when `config.on_error == "raise"`.
        """
        result = BatchResult()
        items: list[tuple[RawDocument, Any]] = [(raw, raw) for raw in raw_docs]
        for stages in _runs(self.stages):
            if stages[0].run_many is not None:
                items = self._batched(stages[0], items, result.failures)
                continue
            done = []
            for raw, value in items:
                for stage in stages:
                    value = self._guarded(raw, stage, value)
                    if isinstance(value, Failure):
                        result.failures.append(value)
                        break
                else:
                    done.append((raw, value))
            items = done
        result.processed.extend(_processed(raw, value) for raw, value in items)
        return result

    def code_article(self, article: Article) -> tuple[list[Event], list[Quote]]:
        """The stages from annotation on, over a clean article: its events and quotes.

        Raises:
            RuntimeError: when the pipeline was built with `code_events=False`.
            Exception: whatever a stage raises.
        """
        names = [s.name for s in self.stages]
        if "annotate" not in names:
            raise RuntimeError("this pipeline was built with code_events=False")
        value: Any = article
        for stage in self.stages[names.index("annotate") :]:
            value = _checked(stage, stage.run(value))
        return value.events, value.quotes

    def _batched(
        self, stage: Stage, items: list[tuple[RawDocument, Any]], failures: list[Failure]
    ) -> list[tuple[RawDocument, Any]]:
        assert stage.run_many is not None
        try:
            values = [_checked(stage, v) for v in stage.run_many([value for _, value in items])]
        except Exception:
            if self.config.on_error == "raise":
                raise
            values = [self._guarded(raw, stage, value) for raw, value in items]
        done = []
        for (raw, _), value in zip(items, values, strict=True):
            if isinstance(value, Failure):
                failures.append(value)
            else:
                done.append((raw, value))
        return done

    def _guarded(self, raw: RawDocument, stage: Stage, value: Any) -> Any:
        """Run one stage on one document; a rejection or a bug becomes that document's Failure."""
        try:
            return _checked(stage, stage.run(value))
        except EventwireError as exc:
            log.debug("rejected %s at %s: %s", raw.source, stage.name, exc)
            return Failure(
                source=raw.source, record=raw.record, stage=stage.name, code=exc.code, reason=exc.detail
            )
        except Exception as exc:
            if self.config.on_error == "raise":
                raise
            log.warning("bug in stage %s on %s: %r", stage.name, raw.source, exc)
            return Failure(
                source=raw.source,
                record=raw.record,
                stage=stage.name,
                code=E.E900.name,
                reason=E.E900.value.format(
                    kind=type(exc).__name__, stage=stage.name, detail=str(exc)[:BUG_DETAIL_CHARS]
                ),
            )


def _runs(stages: Sequence[Stage]) -> list[tuple[Stage, ...]]:
    """The stages cut where a batch stage stands alone: [extract, language], [annotate], [code, ...]."""
    runs: list[list[Stage]] = []
    for stage in stages:
        if stage.run_many is not None or not runs or runs[-1][0].run_many is not None:
            runs.append([stage])
        else:
            runs[-1].append(stage)
    return [tuple(run) for run in runs]


def _checked(stage: Stage, value: Any) -> Any:
    if not isinstance(value, stage.gives):
        raise TypeError(
            f"stage {stage.name} returned {type(value).__name__}, expected {stage.gives.__name__}"
        )
    return value


def _processed(raw: RawDocument, value: Any) -> Processed:
    if isinstance(value, Coded):
        return Processed(raw, value.annotated.article, events=value.events, quotes=value.quotes)
    return Processed(raw, value)


def _extract(raw: RawDocument) -> Article:
    try:
        return extract_article(raw)
    except EventwireError as exc:
        if exc.code == E.E201.name and raw.format == "text":
            # "no main text" in a page of another script says less than its language does.
            require_english(raw.text)
        raise


def _english(article: Article) -> Article:
    require_english(article.text)
    return article
