"""annotate: an `Article` becomes an `Annotated` document, parsing only what can hold an event.

1. Paragraphs are split into sentences by punctuation (tokenizer + sentencizer, cheap).
2. A sentence is worth parsing when it holds an event trigger word (any form of a pattern
   lemma) and can name an actor (a name, sector word, demonym, title or pronoun), or holds a
   quotation; the rest is never parsed. This is what makes the full pipeline faster than running
   spaCy on every sentence.
3. The chosen sentences are parsed in one `nlp.pipe` call and joined into one Doc, each
   remembering its index among all the article's sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from eventwire.annotate.entities import EntityLabeller
from eventwire.records import Article

QUOTE_MARKS = re.compile(r"[\"“”„«»]")
# A wire dateline opening a paragraph: "MOSCOW, June 6 (Global Wire) - ", "OSLO - ". It is not part
# of the sentence and it spoils the parse of the lead, so it is cut off before splitting.
WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,40}"  # CITY
    r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})?"  # , Region
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # , June 6
    r"\s*(?:\([^)]{1,40}\))?\s*[-–—]+\s+(?=[A-Z\"“])"  # (Agency) -
)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
WORD = re.compile(r"[a-z]+")
PIPE_BATCH_SIZE = 64
"""Sentences per spaCy batch: measured faster here than spaCy's default of 1,000 (and lighter)."""


@dataclass(slots=True)
class Annotated:
    """An article with the sentences that can hold events parsed."""

    article: Article
    sentences: list[str]
    """Every sentence of the article, in order."""
    doc: Doc
    """The parsed sentences, joined."""
    parsed: list[tuple[int, int, int]] = field(default_factory=list)
    """(sentence index, first token, end token) of each parsed sentence within `doc`."""
    dateline_place: str | None = None
    """The place of a wire dateline opening the article ("MOSCOW, June 6 (Wire) -" -> Moscow)."""
    lead_sentences: int = 0
    """How many sentences the article's first paragraph has."""
    paragraph_starts: tuple[int, ...] = ()
    """The index of each paragraph's first sentence."""

    def parsed_sentences(self) -> Iterator[tuple[int, Span]]:
        for index, start, end in self.parsed:
            yield index, self.doc[start:end]


def dateline_place(text: str) -> str | None:
    """The city of a wire dateline at the start of the text, in title case ("CAMP DAVID" -> Camp David)."""
    first = " ".join(text.lstrip().split("\n", 1)[0].split())
    match = WIRE_DATELINE.match(first)
    if not match:
        return None
    city = re.split(r"[,(\-–—]", match.group(0), maxsplit=1)[0].strip()
    return city.title() if city else None


class Annotator:
    """Splits, selects and parses; holds the spaCy pipeline (loaded once per worker)."""

    def __init__(
        self,
        nlp: Language,
        could_fire: Callable[[set[str]], int | bool | None],
        *,
        select: bool = True,
        labeller: EntityLabeller | None = None,
        names_actor: Callable[[str, set[str]], int] | None = None,
    ) -> None:
        """
        Args:
            nlp: the spaCy pipeline.
            could_fire: whether a sentence's lower-cased words could make some pattern fire,
                and then how many actors it must name (`PatternBook.actors_needed`; True counts
                as one): the cheap test that decides what is parsed.
            select: False parses every sentence (for measuring what selection saves).
            labeller: sets entities from the actor dictionary, running spaCy's NER only on
                sentences with names it does not know; None runs the NER on every sentence.
            names_actor: how many actors a sentence (its text and lower-cased words) could name
                (`actors.cues.ActorCues`); one naming fewer than the patterns need is not parsed.
        """
        self.names_actor = names_actor
        self.labeller = labeller
        self.nlp = nlp
        self.select = select
        self.sentencizer = Sentencizer()
        self.could_fire = could_fire

    def split(self, text: str) -> list[str]:
        return [s for paragraph in self.paragraphs(text) for s in paragraph]

    def paragraphs(self, text: str) -> list[list[str]]:
        """The article's paragraphs as lists of sentences, wire datelines cut off."""
        paragraphs = []
        for paragraph in PARAGRAPH_BREAK.split(text):
            paragraph = WIRE_DATELINE.sub("", " ".join(paragraph.split()), count=1)
            if not paragraph:
                continue
            doc = self.sentencizer(self.nlp.make_doc(paragraph))
            sentences = [s.text for s in doc.sents if s.text.strip()]
            if sentences:
                paragraphs.append(sentences)
        return paragraphs

    def worth_parsing(self, sentence: str) -> bool:
        if QUOTE_MARKS.search(sentence):
            return True
        words = set(WORD.findall(sentence.lower()))
        needed = self.could_fire(words)
        if not needed:
            return False
        return self.names_actor is None or self.names_actor(sentence, words) >= int(needed)

    def annotate(self, article: Article) -> Annotated:
        return self.annotate_many([article])[0]

    def _choose(self, paragraphs: list[list[str]]) -> list[int]:
        """Indices of the sentences to parse: those where a pattern could fire, and every
        sentence of a paragraph with a quotation (a quote may run over sentences that carry no
        mark of their own)."""
        chosen, index = [], 0
        for paragraph in paragraphs:
            quoted = any(QUOTE_MARKS.search(s) for s in paragraph)
            for sentence in paragraph:
                if not self.select or quoted or self.worth_parsing(sentence):
                    chosen.append(index)
                index += 1
        return chosen

    def annotate_many(self, articles: list[Article]) -> list[Annotated]:
        """Annotate several articles with one `nlp.pipe` call over all their chosen sentences."""
        plans = []
        for article in articles:
            paragraphs = self.paragraphs(article.text)
            sentences = [s for paragraph in paragraphs for s in paragraph]
            chosen = self._choose(paragraphs)
            plans.append((article, paragraphs, sentences, chosen))
        texts = [sentences[i] for _, _, sentences, chosen in plans for i in chosen]
        if self.labeller is None:
            parsed = list(self.nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE))
        else:
            parsed = list(self.nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE, disable=["ner"]))
            self.labeller.label(parsed)
        docs = iter(parsed)
        return [
            self._assemble(article, paragraphs, sentences, chosen, [next(docs) for _ in chosen])
            for article, paragraphs, sentences, chosen in plans
        ]

    def _assemble(
        self,
        article: Article,
        paragraphs: list[list[str]],
        sentences: list[str],
        chosen: list[int],
        docs: list[Doc],
    ) -> Annotated:
        parsed, offset = [], 0
        for index, doc in zip(chosen, docs, strict=True):
            parsed.append((index, offset, offset + len(doc)))
            offset += len(doc)
        joined = Doc.from_docs(docs, ensure_whitespace=True) if docs else self.nlp.make_doc("")
        return Annotated(
            article=article,
            sentences=sentences,
            doc=joined,
            parsed=parsed,
            dateline_place=dateline_place(article.text),
            lead_sentences=len(paragraphs[0]) if paragraphs else 0,
            paragraph_starts=_starts(paragraphs),
        )


def _starts(paragraphs: list[list[str]]) -> tuple[int, ...]:
    starts, index = [], 0
    for paragraph in paragraphs:
        starts.append(index)
        index += len(paragraph)
    return tuple(starts)
