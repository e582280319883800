"""Named entities, from the actor dictionary where it knows every name, from spaCy's NER elsewhere.

spaCy's NER is almost half of the small pipeline's parsing time. Most sentences that can hold
an event name people, states and organisations the actor dictionary already knows, so their
entities are set from the dictionary; only sentences with a proper noun the dictionary does not
know (a town, an unknown official) go through the statistical NER.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventwire.datafiles import data_words


class NameBook(Protocol):
    """What labelling asks of the actor dictionary (`actors.ActorDictionary`), which sits above
    this stage: the actor a name stands for, and whether a word is a known person's surname."""

    def lookup(self, name: str, /) -> Any: ...

    def lookup_surname(self, name: str, /) -> Any: ...


NameLabel = Callable[[str], str | None]
"""Maps a name to PERSON, GPE or ORG when the dictionary knows it, else None."""

RUN_TAGS = frozenset({"NNP", "NNPS"})
LABEL_OF_KIND = {"person": "PERSON", "state": "GPE", "igo": "ORG", "group": "ORG", "sector": "NORP"}


def dictionary_labels(dictionary: NameBook) -> NameLabel:
    """Name -> entity label from the actor dictionary; a bare known surname counts as a person."""

    @lru_cache(maxsize=65536)
    def label(name: str) -> str | None:
        actor = dictionary.lookup(name)
        if actor is not None:
            return LABEL_OF_KIND.get(actor.kind)
        if " " not in name and dictionary.lookup_surname(name):
            return "PERSON"
        return None

    return label


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    words: set[str] = set()
    for name in ("months.tsv", "weekdays.tsv"):
        words |= {line.split("\t")[0] for line in data_words("dates", name)}
    return frozenset(words)


class EntityLabeller:
    """Sets `doc.ents` on parsed sentences: by dictionary when it can, by NER when it must."""

    def __init__(self, nlp: Language, name_label: NameLabel) -> None:
        self.ner = nlp.get_pipe("ner")
        self.name_label = name_label

    def label(self, docs: Iterable[Doc]) -> int:
        """Label every doc in place.

        Returns:
            How many docs needed the statistical NER.
        """
        unknown = []
        for doc in docs:
            spans = self._dictionary_spans(doc)
            if spans is None:
                unknown.append(doc)
            else:
                doc.ents = tuple(filter_spans(spans))  # type: ignore[assignment]  # spaCy stubs say tuple[Span]
        for _ in self.ner.pipe(unknown):  # type: ignore[attr-defined]  # a spaCy pipe, typed as a callable
            pass
        return len(unknown)

    def _dictionary_spans(self, doc: Doc) -> list[Span] | None:
        """Entity spans for every proper-noun run, or None when some run is not known."""
        spans: list[Span] = []
        for start, end in _proper_runs(doc):
            if doc[start].text in _date_words():
                end_date = end
                while end_date < len(doc) and (doc[end_date].like_num or doc[end_date].text == ","):
                    end_date += 1
                spans.append(Span(doc, start, end_date, label="DATE"))
                continue
            span = self._name_span(doc, start, end)
            if span is None:
                return None
            spans.append(span)
        return spans

    def _name_span(self, doc: Doc, start: int, end: int) -> Span | None:
        """The known name that ends the run, without the titles before a person's name
        ("President Vladimir Putin" -> Vladimir Putin, as the NER would mark it)."""
        for i in range(start, end):
            label = self.name_label(doc[i:end].text)
            if not label:
                continue
            if label == "PERSON":
                # The shortest suffix of two words or more that is still a known person.
                for j in range(i + 1, end - 1):
                    if self.name_label(doc[j:end].text) == "PERSON":
                        i = j
            return Span(doc, i, end, label=label)
        return None


def entity_spans(span: Span, label: str) -> list[Span]:
    """The entities of one label inside a span, read from IOB tags: `Span.ents` and `Doc.ents`
    rebuild every entity of the document on each access, which the coder cannot afford."""
    found, start = [], None
    doc = span.doc
    for tok in span:
        if tok.ent_iob_ == "B" or (tok.ent_iob_ == "I" and start is None):
            if start is not None:
                found.append(doc[start : tok.i])
            start = tok.i if tok.ent_type_ == label else None
        elif tok.ent_iob_ != "I" and start is not None:
            found.append(doc[start : tok.i])
            start = None
    if start is not None:
        found.append(doc[start : span.end])
    return [Span(doc, s.start, s.end, label=label) for s in found]


def _proper_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of proper nouns (hyphens inside them kept: "Frank-Walter Steinmeier")."""
    runs, start = [], None
    for tok in doc:
        inside = tok.tag_ in RUN_TAGS or (start is not None and tok.tag_ == "HYPH")
        if inside and start is None:
            start = tok.i
        elif not inside and start is not None:
            runs.append((start, tok.i))
            start = None
    if start is not None:
        runs.append((start, len(doc)))
    return [(s, e) for s, e in runs if doc[e - 1].tag_ != "HYPH"]
