"""Direct quotations and their speakers, from a parsed article.

1. Find the quotations by their marks (`marks.find_marked`), dropping quoted names and scare
   quotes ("the so-called 'Belt and Road'").
2. Join a quotation split by its attribution inside one sentence ("A," she said, "b.") into one.
3. Find the speaker mention in the parse (`attribution.find_attribution`) and turn it into a
   speaker (`speakers.SpeakerFinder`: the caller's resolver plus pronoun and title back-references).
4. A whole quoted sentence with no attribution of its own that follows the previous quotation
   closely ("A," she said. "B.") keeps the previous speaker.
5. Quotations whose speaker cannot be named (a document, "analysts") are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from eventwire.quotes._lexicon import lexicon
from eventwire.quotes.attribution import Attribution, find_attribution, is_speech_verb
from eventwire.quotes.marks import Marked, find_marked
from eventwire.quotes.speakers import Resolver, Speaker, SpeakerFinder
from eventwire.records import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.annotate.annotator import Annotated

__all__ = ["annotated_quotes", "extract_quotes"]

MAX_SPLIT_GAP_CHARS = 80
"""Longest attribution between the two halves of a split quotation ("A," she said, "b.")."""
MAX_CONTINUATION_GAP_CHARS = 160
"""Longest text between a quotation and a following unattributed one that keeps its speaker."""
MIN_GOVERNED_WORDS = 4
"""A quotation needs this many words to be attributed without a speech verb (not a scare quote)."""
MAX_NAME_WORDS = 4
"""A quoted Title Case phrase of at most this many words is a name, not speech."""
SCARE_CUE_CHARS = 24
"""How much text before the opening mark is read for a scare-quote cue."""

_TERMINAL = re.compile(r"[.!?…]$")
_SENTENCE_BREAK = re.compile(r"[.!?…]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _is_name_or_scare(marked: Marked, text: str) -> bool:
    lex = lexicon()
    words = _WORD.findall(marked.text(text))
    if not words:
        return True
    before = text[max(0, marked.open_at - SCARE_CUE_CHARS) : marked.open_at].lower().rstrip()
    if any(before.endswith(cue) for cue in lex.scare_cues):
        return True
    quoted = marked.text(text)
    if len(words) <= MAX_NAME_WORDS and not re.search(r"[,.!?;:]", quoted):
        return all(w[0].isupper() or w.lower() in lex.name_words for w in words)
    return False


def _token_range(starts: list[int], a: int, b: int) -> range:
    """Indices of the tokens overlapping the characters [a, b); `starts` holds each token's offset."""
    return range(max(0, bisect_right(starts, a) - 1), bisect_left(starts, b))


def _token_indices(starts: list[int], marked: Marked) -> set[int]:
    """Tokens of the quotation, its marks included (not the attribution between split parts)."""
    indices: set[int] = set()
    for a, b in marked.parts:
        indices.update(_token_range(starts, a - 1, b + 1))
    return indices


def _outermost(marked: list[Marked]) -> list[Marked]:
    """Drop quotations nested in another one (a double-quoted word inside a single-quoted passage)."""
    return [
        m
        for m in marked
        if not any(o is not m and o.open_at < m.open_at and m.close_at < o.close_at for o in marked)
    ]


def _split_gap_has_attribution(doc: Doc, text: str, starts: list[int], first: Marked, second: Marked) -> bool:
    gap = text[first.close_at + 1 : second.open_at]
    if second.style != first.style or len(gap) > MAX_SPLIT_GAP_CHARS or "\n" in gap:
        return False
    if _SENTENCE_BREAK.search(gap) or not gap.rstrip().endswith(","):
        return False
    if _TERMINAL.search(first.text(text)):
        return False
    return any(is_speech_verb(doc[i]) for i in _token_range(starts, first.close_at + 1, second.open_at))


def _group(doc: Doc, text: str, starts: list[int], marked: list[Marked]) -> list[Marked]:
    """Join split quotations into single Marked items whose parts are the pieces."""
    groups: list[Marked] = []
    for item in marked:
        prev = groups[-1] if groups else None
        if prev is not None and _split_gap_has_attribution(doc, text, starts, prev, item):
            groups[-1] = Marked(prev.parts + item.parts, prev.open_at, item.close_at, prev.style)
        else:
            groups.append(item)
    return groups


def _starts_sentence(text: str, marked: Marked) -> bool:
    before = text[: marked.open_at].rstrip()
    return not before or before[-1] in "\n.!?:”\"’'" or text[marked.open_at - 1 : marked.open_at] == "\n"


def _continues(text: str, prev: Marked | None, item: Marked) -> bool:
    """True for a whole quoted sentence that follows the previous quotation closely."""
    if prev is None or not _starts_sentence(text, item):
        return False
    quoted = item.text(text)
    if not quoted[:1].isupper():
        return False
    gap = text[prev.close_at + 1 : item.open_at]
    return (
        len(gap) <= MAX_CONTINUATION_GAP_CHARS
        and len(_SENTENCE_BREAK.findall(gap)) <= 1
        and gap.count("\n") <= 2
    )


def _rule(text: str, item: Marked, found: Attribution, inside: set[int]) -> str:
    quoted = item.text(text)
    if found.how in ("according-to", "headline-colon", "governing"):
        return found.how
    partial = not (quoted[:1].isupper() and re.search(r"[,.!?…:;—–-]$", quoted))
    verb = found.verb
    if partial:
        return "partial"
    if verb is not None and verb.i > min(inside):
        return "quote-said-after"
    before = text[: item.open_at].rstrip()
    return "colon-before" if before.endswith(":") else "said-before"


def extract_quotes(doc: Doc, doc_id: str, resolve_speaker: Resolver) -> list[Quote]:
    """Direct quotations of a parsed article, each with its speaker.

    Args:
        doc: spaCy Doc of the clean article text (parsed, with entities).
        doc_id: id copied into every Quote.
        resolve_speaker: maps a speaker mention (the full noun phrase; `span.root` is its head)
            to an Actor or a canonical name, or None when it names no known person or body.

    Returns:
        Quotes in text order; `rule` says which attribution pattern fired, with the way the
        speaker mention was read after a "/" when it was not a plain name (pronoun, title, ...).
    """
    text = doc.text
    marked = [m for m in _outermost(find_marked(text)) if not _is_name_or_scare(m, text)]
    starts = [token.idx for token in doc]
    items = _group(doc, text, starts, marked)
    all_inside = [_token_indices(starts, m) for m in items]
    quoted_tokens = set().union(*all_inside) if all_inside else set()
    finder = SpeakerFinder(doc, resolve_speaker, quoted_tokens.__contains__)
    sentence_starts = finder.sentence_starts
    quotes: list[Quote] = []
    prev: Marked | None = None
    for item, inside in zip(items, all_inside, strict=True):
        if not inside:
            continue
        first = min(inside)
        sentence_index = bisect_right(sentence_starts, first) - 1
        found = find_attribution(
            doc, inside, text, governing=len(_WORD.findall(item.text(text))) >= MIN_GOVERNED_WORDS
        )
        speaker: Speaker | None = finder.speaker(found.mention) if found is not None else None
        rule = ""
        if speaker is not None and found is not None:
            rule = _rule(text, item, found, inside)
            if speaker.how != "name":
                rule += "/" + speaker.how
        elif _continues(text, prev, item) and finder.last_speaker() is not None:
            speaker = finder.last_speaker()
            rule = "continuation-prev-speaker"
        if speaker is None:
            prev = None
            continue
        finder.remember(sentence_index, speaker)
        quotes.append(
            Quote(
                doc_id=doc_id,
                speaker=speaker.name,
                text=item.text(text),
                speaker_actor=speaker.actor,
                sentence_index=sentence_index,
                rule=rule,
            )
        )
        prev = item
    return quotes


def annotated_quotes(annotated: Annotated, resolve_speaker: Resolver) -> list[Quote]:
    """The quotes stage: `extract_quotes` over an annotated article's parse, each quote placed at
    its sentence among all the article's (the parse holds only the sentences chosen for it)."""
    quotes = extract_quotes(annotated.doc, annotated.article.doc_id, resolve_speaker)
    for quote in quotes:
        if 0 <= quote.sentence_index < len(annotated.parsed):
            quote.sentence_index = annotated.parsed[quote.sentence_index][0]
    return quotes
