"""annotate: an `Article` becomes an `Annotated` document, parsing only what can hold an event.

1. Paragraphs are split into sentences by punctuation (tokenizer + sentencizer, cheap).
2. A sentence is worth parsing when it holds an event trigger word (any form of a pattern
   lemma) or a quotation; the rest is never parsed. This is what makes the full pipeline
   faster than running spaCy on every sentence.
3. The chosen sentences are parsed in one `nlp.pipe` call and joined into one Doc, each
   remembering its index among all the article's sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

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
ALWAYS_PARSE_WORDS = frozenset({"according", "said", "says", "told", "added", "stressed", "warned"})


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

    def parsed_sentences(self) -> Iterator[tuple[int, Span]]:
        for index, start, end in self.parsed:
            yield index, self.doc[start:end]

    def sentence_index_of(self, token_i: int) -> int:
        for index, start, end in self.parsed:
            if start <= token_i < end:
                return index
        return -1


def dateline_place(text: str) -> str | None:
    """The city of a wire dateline at the start of the text, in title case ("CAMP DAVID" -> Camp David)."""
    first = " ".join(text.lstrip().split("\n", 1)[0].split())
    match = WIRE_DATELINE.match(first)
    if not match:
        return None
    city = re.split(r"[,(\-–—]", match.group(0), maxsplit=1)[0].strip()
    return city.title() if city else None


@lru_cache(maxsize=1)
def _irregular_forms() -> dict[str, tuple[str, ...]]:
    text = (files("eventwire") / "data" / "code" / "irregular_verbs.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {lemma: tuple(forms.split("|")) for lemma, forms in rows[1:]}


def word_forms(lemma: str) -> set[str]:
    """The lemma's inflected forms, by rule plus the irregular table."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms |= set(_irregular_forms().get(lemma, ()))
    return forms


class Annotator:
    """Splits, selects and parses; holds the spaCy pipeline (loaded once per worker)."""

    def __init__(self, nlp: Language, trigger_lemmas: Iterable[str], *, select: bool = True) -> None:
        self.nlp = nlp
        self.select = select
        self.sentencizer = Sentencizer()
        self.trigger_forms = (
            frozenset(f for lemma in trigger_lemmas for f in word_forms(lemma)) | ALWAYS_PARSE_WORDS
        )

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
        words = re.findall(r"[a-z]+", sentence.lower())
        return any(w in self.trigger_forms for w in words)

    def annotate(self, article: Article) -> Annotated:
        paragraphs = self.paragraphs(article.text)
        sentences = [s for paragraph in paragraphs for s in paragraph]
        chosen = [i for i, s in enumerate(sentences) if not self.select or self.worth_parsing(s)]
        docs = list(self.nlp.pipe(sentences[i] for i in chosen))
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
        )
