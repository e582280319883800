"""Which words of the parse name the speaker of a quotation.

1. Climb the dependency tree from the quotation's words to the nearest speech verb outside it
   ("...," Lavrov said; X described the move as "..."; X accused Y of "..."): its subject is the
   speaker. A speech verb without a subject (a participle: "..., saying there could be no talks
   '...'") hands over to the next verb up that has one. A passive speech verb takes its "by" agent.
2. Otherwise an "according to X" in the quotation's sentence.
3. Otherwise a speech verb right next to the marks, in case the parser split the sentence there
   or lost the link: after the closing mark ("," he said), or just before the opening mark in the
   same sentence or after a colon that ends the paragraph before.
4. Optionally (quotations of several words), a named person who is the subject of the nearest
   verb above the quotation, whatever the verb.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.quotes._lexicon import lexicon

if TYPE_CHECKING:
    from collections.abc import Collection

    from spacy.tokens import Doc, Token

ADJACENT_WINDOW_TOKENS = 14
"""How far from a mark the adjacent-attribution fallback looks for a speech verb."""

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_VERBAL = frozenset({"VERB", "AUX"})
_SENTENCE_END = frozenset({".", "!", "?"})
_MARK_CHARS = frozenset("\"“”«»‘’'")
_PERSON_PRONOUNS = frozenset({"he", "she"})
_NOMINAL = frozenset({"PROPN", "NOUN", "DET", "ADJ", "PART", "PUNCT"})


@dataclass(frozen=True, slots=True)
class Attribution:
    mention: Token
    """Head token of the speaker mention (a subject, an agent or the object of 'according to')."""
    verb: Token | None
    how: str
    """parse, according-to, adjacent, headline-colon or governing."""


def is_speech_verb(token: Token) -> bool:
    return token.pos_ in _VERBAL and token.lemma_.lower() in lexicon().speech_verbs


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _subject(verb: Token, inside: Collection[int]) -> Token | None:
    # The subject nearest the verb: a wire dateline ("TEHRAN, July 3 -") is sometimes parsed as
    # a second subject further away.
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i not in inside]
    return min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None


def _misparsed_name(verb: Token, inside: Collection[int]) -> Token | None:
    """A name right after the closing mark that the parser did not take for the subject
    ('"...," Nduhungirehe told reporters' with the unknown name read as an adverb)."""
    if verb.i < 2 or verb.i - 1 in inside:
        return None
    before = verb.doc[verb.i - 1]
    if before.head.i != verb.i or before.dep_ in _SUBJECT_DEPS or not before.text[:1].isupper():
        return None
    if before.pos_ == "PRON" or verb.doc[verb.i - 2].text not in _MARK_CHARS:
        return None
    # Right after the closing mark, a capitalised word is no sentence opener: it is a name.
    return before if before.is_alpha and before.pos_ not in ("DET", "CCONJ", "ADP", "AUX") else None


def _speech_subject(verb: Token, inside: Collection[int]) -> tuple[Token | None, bool]:
    """(speaker token, usable): a passive verb speaks through its agent ("was described by X")."""
    if _is_passive(verb):
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            objects = [c for c in agent.children if c.dep_ == "pobj" and c.i not in inside]
            if objects:
                return objects[0], True
        if verb.lemma_.lower() == "quote":
            # "X was quoted as saying ..." : the subject is the speaker.
            return _subject(verb, inside), True
        return None, False
    return _subject(verb, inside) or _misparsed_name(verb, inside), True


def _crosses_sentence(verb: Token, inside: Collection[int]) -> bool:
    """True when a sentence ends between the verb and the quotation: the parser ran two
    sentences together ('X said the boats were seized. "..." the director said')."""
    first, last = min(inside), max(inside)
    doc = verb.doc
    words = [i for i in inside if not doc[i].is_space]
    closing = max(words) if words else last
    if verb.i > last and any(doc[i].text == "." for i in range(closing - 1, closing + 1)):
        # A quoted sentence closed with a full stop ends the sentence ('"A," X said. "B."' and
        # then "Y said ..."): an attribution after it would have ended the quotation with a comma.
        return True
    between = doc[verb.i + 1 : first] if verb.i < first else doc[last + 1 : verb.i]
    return any(t.text in _SENTENCE_END for t in between)


def _reported(verb: Token) -> bool:
    """A clause reported by a speech verb ("X said the march had been banned"): its subject is
    what was talked about, not the speaker."""
    return verb.dep_ == "ccomp" and is_speech_verb(verb.head)


def _according_to(token: Token, inside: Collection[int]) -> Token | None:
    """The object of an 'according to' attached to this token."""
    if token.lower_ != "according" or token.i in inside:
        return None
    for to in token.children:
        if to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj" and obj.i not in inside:
                    return obj
    return None


def _climb(heads: list[Token], inside: Collection[int], within: range) -> Attribution | None:
    """Climb from each head of the quotation to a speech verb; `within` bounds the characters
    the verb may sit in (the quotation's paragraphs: the parser sometimes runs across them)."""
    for head in heads:
        token = head
        handed_over: Token | None = None
        while token.head.i != token.i:
            token = token.head
            if token.i in inside:
                continue
            if token.idx not in within or _crosses_sentence(token, inside):
                break
            if is_speech_verb(token):
                speaker, usable = _speech_subject(token, inside)
                if speaker is not None:
                    return Attribution(speaker, token, "parse")
                if usable and handed_over is None:
                    handed_over = token
            elif handed_over is not None and token.pos_ in _VERBAL and not _reported(token):
                speaker = _subject(token, inside)
                if speaker is not None:
                    return Attribution(speaker, handed_over, "parse")
    return None


def _governing(heads: list[Token], inside: Collection[int], within: range) -> Attribution | None:
    """The subject of the nearest verb above the quotation, when it is a named person or he/she
    ("Kishida hoped the talks would bring "a new era of trust""): no speech verb, but the
    quotation is the person's words."""
    for head in heads:
        token = head
        while token.head.i != token.i:
            token = token.head
            if token.i in inside:
                continue
            if token.idx not in within:
                break
            if token.pos_ not in _VERBAL:
                continue
            subject = _subject(token, inside)
            if subject is None:
                continue
            if subject.ent_type_ == "PERSON" or subject.lower_ in _PERSON_PRONOUNS:
                return Attribution(subject, token, "governing")
            break
    return None


def _according_in(doc: Doc, first: int, last: int, inside: Collection[int]) -> Attribution | None:
    sentence_start = doc[first].sent.start
    sentence_end = doc[last].sent.end
    for token in doc[sentence_start:sentence_end]:
        obj = _according_to(token, inside)
        if obj is not None:
            return Attribution(obj, None, "according-to")
    return None


def _adjacent(doc: Doc, first: int, last: int, inside: Collection[int]) -> Attribution | None:
    after: list[Token] = []
    for token in doc[last + 1 : last + 1 + ADJACENT_WINDOW_TOKENS]:
        if token.text in _SENTENCE_END or token.text in _MARK_CHARS or "\n" in token.text:
            break
        after.append(token)
    # Before the opening mark: a speech verb of the same sentence, or of the paragraph that
    # introduces the quotation with a colon ("Lavrov said on Friday:").
    before: list[Token] = []
    for token in reversed(doc[max(0, first - ADJACENT_WINDOW_TOKENS) : first]):
        if token.text in _SENTENCE_END or token.text in _MARK_CHARS:
            break
        if "\n" in token.text and doc[max(0, token.i - 1)].text != ":":
            break
        before.append(token)
    for token in [*after, *before]:
        if is_speech_verb(token) and not _crosses_sentence(token, inside):
            speaker, _ = _speech_subject(token, inside)
            if speaker is not None:
                return Attribution(speaker, token, "adjacent")
    return _headline_colon(before)


def _headline_colon(before: list[Token]) -> Attribution | None:
    """'Lavrov: "..."' (headline style): a bare noun phrase and a colon open the sentence."""
    if len(before) < 2 or before[0].text != ":":
        return None
    phrase = list(reversed(before[1:]))
    first = phrase[0]
    starts_line = first.i == 0 or first.is_sent_start or "\n" in first.nbor(-1).text
    if not starts_line or any(t.pos_ not in _NOMINAL for t in phrase):
        return None
    names = [t for t in phrase if t.pos_ == "PROPN" or t.ent_type_]
    if not names:
        return None
    return Attribution(names[-1], None, "headline-colon")


def find_attribution(
    doc: Doc, inside: Collection[int], text: str | None = None, *, governing: bool = False
) -> Attribution | None:
    """The speaker mention of the quotation made of the tokens `inside` (words and marks).

    Args:
        doc: the parsed document.
        inside: indices of the quotation's tokens, marks included.
        text: `doc.text`, when the caller has it (spaCy rebuilds it on every access).
        governing: also accept a named person governing the quotation through any verb (for
            quotations long enough not to be scare quotes).

    Returns:
        The attribution, or None when nothing in the parse names a speaker.
    """
    if not inside:
        return None
    first, last = min(inside), max(inside)
    text = doc.text if text is None else text
    par_start = text.rfind("\n", 0, doc[first].idx) + 1
    par_end = text.find("\n", doc[last].idx)
    within = range(par_start, len(text) if par_end < 0 else par_end)
    heads = [doc[i] for i in sorted(inside) if doc[i].head.i not in inside or doc[i].head.i == i]
    found = (
        _climb(heads, inside, within)
        or _according_in(doc, first, last, inside)
        or _adjacent(doc, first, last, inside)
    )
    if found is None and governing:
        found = _governing(heads, inside, within)
    return found
