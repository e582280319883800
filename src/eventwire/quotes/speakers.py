"""From a speaker mention (a token of the parse) to the speaker's canonical name.

Names, titles and bodies are the caller's resolver's business: it gets the mention's full noun
phrase (`Span.root` is the mention's head). What it cannot know without the text around the
mention is handled here:

- relative pronouns ("Malashko, ..., who said") stand for the noun they attach to;
- subject pronouns ("he added") stand for the last person named or quoted, preferring the subject
  of the nearest sentence that names one; "it" for the last body quoted; "they" for the last
  speaker;
- a definite title with no name ("the Chancellor said", "the foreign minister wrote"), when the
  resolver does not know it, stands for the last person introduced with that title;
- "a spokesman for the ministry" and "the ministry's statement" stand for the ministry;
- a body noun with no name ("the ministry said"), when the resolver does not know it, stands for
  the last body named with the same head noun ("Germany's defence ministry").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from spacy.tokens import Span

from eventwire.actors._names import fold
from eventwire.actors.dictionary import ActorDictionary
from eventwire.quotes._lexicon import lexicon
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Resolver = Callable[[Span], "Actor | str | None"]

MAX_BACK_SENTENCES = 4
"""How many sentences back a pronoun looks for the person it stands for."""
MAX_BACK_SPEAKER_SENTENCES = 3
"""How many sentences back "it"/"they" look for the speaker they stand for."""
MIN_SAME_FIRST_NAME = 0.6
"""Similarity (0-1) above which two spellings of a first name are the same name ("Sergei",
"Sergey"); below it a dictionary person who shares only the surname is someone else."""
GENDER_CUE_WINDOW = 3
"""How many words before a name are read for a gendered title ("spokeswoman", "Mrs")."""

_NP_EXCLUDED = frozenset({"relcl", "acl", "conj", "cc", "advcl", "punct", "prep"})
_NP_KEPT_PREPS = frozenset({"of", "for"})
_ISSUER_PREPS = frozenset({"of", "for", "from", "by"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NAME_CHAIN_DEPS = frozenset({"compound", "appos", "conj", "flat"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_NAMED_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE"})
# Labels the small model gives names of people it does not know ("Varenne" as a work of art).
_NAME_LIKE_LABELS = frozenset({"PERSON", "ORG", "LOC", "WORK_OF_ART", "PRODUCT", "NORP", "FAC", "EVENT"})


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    actor: Actor | None
    is_person: bool
    how: str
    """How the mention was read: name, relative, pronoun, title, spokesperson, issuer or same-body."""


@dataclass(slots=True)
class _Said:
    sentence: int
    speaker: Speaker


def _entity_span(token: Token) -> Span | None:
    """The named entity the token belongs to, found from its IOB tags (no scan of `doc.ents`)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    left, right = token.i, token.i + 1
    while left > 0 and doc[left].ent_iob_ == "I":
        left -= 1
    while right < len(doc) and doc[right].ent_iob_ == "I":
        right += 1
    return Span(doc, left, right, label=token.ent_type_)


def noun_phrase(token: Token) -> Span:
    """The noun phrase headed by `token`, without relative clauses, conjuncts and trailing commas.

    Appositions and "of"/"for" phrases are kept ("a spokesman for China's foreign ministry").
    """
    doc = token.doc
    kept = [token.i]
    for child in token.children:
        if child.dep_ not in _NP_EXCLUDED or (child.dep_ == "prep" and child.lower_ in _NP_KEPT_PREPS):
            kept.extend(t.i for t in child.subtree)
    left, right = min(kept), max(kept)
    # Never cut through a name the parse split ("Theresa May" with "May" read as a verb).
    ent = _entity_span(token)
    if ent is not None:
        left, right = min(left, ent.start), max(right, ent.end - 1)
    # Trailing commas and the possessive "'s" of a possessor ("the ministry's statement").
    while right > left and (doc[right].is_punct or doc[right].dep_ == "case"):
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left : right + 1]


def _antecedent(token: Token) -> Token:
    """The noun a relative clause describes, lifted out of appositions and their "of" phrases
    ("Malashko, head of the regional administration, who said" -> Malashko)."""
    while True:
        if token.dep_ == "appos":
            token = token.head
        elif token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.dep_ == "appos":
            token = token.head.head
        else:
            return token


def _represented(token: Token, preps: frozenset[str] = _NP_KEPT_PREPS) -> list[Token]:
    """Heads of the body a noun works or speaks for: its possessor or its "for"/"of" object."""
    found = [c for c in token.children if c.dep_ == "poss"]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in preps):
        found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def _titled_name(title: Token) -> Token | None:
    """The proper name a title word introduces, if any."""
    if title.dep_ in ("compound", "appos") and title.head.pos_ == "PROPN":
        return title.head
    return next((c for c in title.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def _proper_chain(token: Token) -> Span:
    """A proper noun with the proper-noun compounds before it ("Olaf Scholz")."""
    left = token.i
    while (
        left > 0
        and token.doc[left - 1].pos_ == "PROPN"
        and token.doc[left - 1].head.i in range(left, token.i + 1)
    ):
        left -= 1
    return token.doc[left : token.i + 1]


def _name_token(root: Token) -> Token:
    """The token that names the person a phrase is about: the head itself, or the name apposed to
    a title head ("the spokesman, Colonel Issa Abakar"; "port director Ana Soto")."""
    if root.lemma_.lower() not in lexicon().person_titles:
        return root
    apposed = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    return apposed[0] if apposed else root


def _given_names(name: str) -> list[str]:
    """The words of a name as the text gives it, without the honorifics and titles that the model
    sometimes tags with it ("Colonel Issa Abakar" -> Issa Abakar)."""
    lex = lexicon()
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in lex.honorifics | lex.person_titles:
        words = words[1:]
    return words


def _same_first_name(a: str, b: str) -> bool:
    return SequenceMatcher(None, fold(a), fold(b)).ratio() >= MIN_SAME_FIRST_NAME


def _named_body(span: Span, found: Speaker) -> Speaker:
    """A body speaks under the name its phrase gives it, as "<demonym> <body>" ("the interior
    ministry" -> "Kenyan Interior Ministry", "Chile's Ministry of Mining" -> "Chilean Mining
    Ministry"), not as the bare sector ("Kenyan ministry") or the state that owns it."""
    actor = found.actor
    root = span.root
    if actor is None or not actor.country or actor.kind not in ("sector", "state"):
        return found
    if root.lemma_.lower() not in lexicon().body_nouns:
        return found
    dictionary = ActorDictionary.load()  # the package's (cached): only demonyms are read
    demonym = dictionary.demonym(actor.country)
    state = dictionary.state(actor.country)
    if not demonym:
        return found

    def own(token: Token) -> bool:
        # A word of the body's name, not its country ("Kenya's", "Kenyan") nor an article.
        return (
            token.pos_ in ("NOUN", "PROPN", "ADJ")
            and token.dep_ not in ("poss", "case")
            and dictionary.country_of_adjective(token.text) is None
            and (state is None or fold(token.text) not in fold(state.name).split())
        )

    words: list[Token] = []
    for token in reversed(span[: root.i - span.start]):
        if not own(token) or token.head.i not in (root.i, *(w.i for w in words)):
            break
        words.insert(0, token)
    for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < span.end):
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and own(c)):
            # "Ministry of Defence" -> "Defence Ministry"; "of Foreign Affairs" -> "Foreign".
            named = [t for t in pobj.subtree if own(t) and t.lower_ != "affairs"]
            words.extend(named)
    if not words:
        return found
    body = " ".join(w.text if w.text.isupper() else w.text.capitalize() for w in [*words, root])
    return Speaker(f"{demonym} {body}", actor, False, found.how)


def _naming_head(token: Token) -> Token:
    """Climb compound/appos/conj links to the token that takes the name's role in the clause."""
    while token.dep_ in _NAME_CHAIN_DEPS and token.head.i != token.i:
        token = token.head
    return token


@dataclass(slots=True)
class SpeakerFinder:
    """Resolves speaker mentions of one document, remembering who spoke for back-references."""

    doc: Doc
    resolve: Resolver
    quoted: Callable[[int], bool]
    """True for a token index inside a quotation: names there are not candidate speakers."""
    said: list[_Said] = field(default_factory=list)
    sentence_starts: list[int] = field(init=False)
    """Token index where each sentence starts (spaCy rebuilds `doc.sents` on every access)."""
    _sentences: list[Span] = field(init=False)
    _people: list[Span] = field(init=False)
    _names: list[Span] = field(init=False)
    """Entities of two words or more that could be a person's full name, in text order."""
    _genders: dict[str, str | None] = field(init=False)
    """Folded surname -> "m" or "f" when the text gives that person's gender, None when it is
    unknown or contradictory."""

    def __post_init__(self) -> None:
        self._sentences = list(self.doc.sents)
        self.sentence_starts = [s.start for s in self._sentences]
        self._people = [e for e in self.doc.ents if e.label_ == "PERSON"]
        self._names = [e for e in self.doc.ents if e.label_ in _NAME_LIKE_LABELS and len(e) > 1]
        self._genders = {}
        for ent in self._people:
            key = fold(ent.text.split()[-1])
            found = self._gender_cue(ent)
            known = self._genders.get(key)
            # Every person's surname is a key; contradictory cues leave the gender unknown.
            self._genders[key] = found if known is None else known if found in (None, known) else None

    def remember(self, sentence: int, speaker: Speaker) -> None:
        self.said.append(_Said(sentence, speaker))

    def last_speaker(self) -> Speaker | None:
        return self.said[-1].speaker if self.said else None

    def speaker(self, token: Token) -> Speaker | None:
        """The speaker a mention stands for, or None when it names no known person or body."""
        lex = lexicon()
        how = "name"
        if token.lower_ in _RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            token = _antecedent(token.head.head)
            how = "relative"
        kind = lex.pronouns.get(token.lower_)
        if kind is not None and token.pos_ == "PRON":
            return self._pronoun(token, kind)
        span = noun_phrase(token)
        if token.lemma_.lower() in lex.document_nouns:
            # "the ministry's statement said": the issuer speaks, when the text names one.
            for issuer in _represented(token, _ISSUER_PREPS):
                found = self._resolved(noun_phrase(issuer), "issuer")
                if found is not None:
                    return found
        found = self._resolved(span, how)
        named = self._named_person(span)
        if named is not None and (found is None or not found.is_person):
            # A person the dictionary does not know speaks under the full name the article
            # introduced them with; a place or body in the phrase does not speak for them.
            return Speaker(self._introduced(named), None, True, how)
        if found is not None and found.is_person:
            return self._as_the_text_names(span, found)
        if found is not None:
            # "a spokesman for China's foreign ministry": the body he speaks for is named.
            bodies = _represented(token) if token.lemma_.lower() in lex.person_titles else []
            return _named_body(noun_phrase(bodies[0]) if bodies else span, found)
        if token.lemma_.lower() in lex.person_titles:
            # "a spokesman for the ministry", "the Kremlin's spokesman": the body speaks through
            # its spokesman when the spokesman is not named.
            for body in _represented(token):
                found = self._resolved(noun_phrase(body), "spokesperson")
                if found is not None:
                    return found
            if not any(t.ent_type_ in _NAMED_ENTITY_TYPES for t in span):
                return self._titled(span)
        if token.lemma_.lower() in lex.body_nouns and not any(t.ent_type_ for t in span):
            return self._same_body(span)
        return None

    def _named_person(self, span: Span) -> Span | None:
        """The person's name that heads the phrase, when the dictionary does not know it: a
        PERSON entity, or capitalised proper nouns ("Pierre-Alain Dumoulin, a dairy farmer"; the
        small model also tags unknown surnames as organisations or works of art), never a title,
        a body or an acronym."""
        root = _name_token(span.root)
        ent = _entity_span(root)
        if ent is not None and ent.label_ == "PERSON":
            return ent
        if ent is not None and ent.label_ not in _NAME_LIKE_LABELS:
            return None
        candidate = ent if ent is not None else _proper_chain(root) if root.pos_ == "PROPN" else None
        if candidate is None and root.is_alpha and root.text[:1].isupper() and not root.is_sent_start:
            # A surname the parser took for another part of speech ('"...," Nduhungirehe told'
            # read as an adverb) still names the person introduced under it.
            candidate = root.doc[root.i : root.i + 1]
        if candidate is None or root.lemma_.lower() in lexicon().person_titles | lexicon().body_nouns:
            return None
        words = candidate.text.split()
        if not all(w[:1].isupper() and not w.isupper() for w in words):
            return None
        if self.resolve(candidate) is not None:
            return None  # a place, body or group the dictionary knows
        return candidate if len(words) > 1 or self._introduced(candidate) != candidate.text else None

    def _as_the_text_names(self, span: Span, found: Speaker) -> Speaker:
        """The person the text names, when the resolver's person is not certainly them.

        A dictionary person who shares no word with the name the phrase gives ("Ana Ruiz, a leader
        from San Martin" resolved through the place), or only the surname under another first
        name (an unknown "Aminata Diallo" and a famous Diallo), is someone else: the speaker is the
        person as the article names them. A spelling of the surname the dictionary does not use
        ("Tashiev" for "Tashiyev") keeps the person but takes the article's spelling.
        """
        root = _name_token(span.root)
        ent = _entity_span(root)
        if ent is None and root.pos_ != "PROPN":
            return found
        name = _proper_chain(root) if root.pos_ == "PROPN" else ent
        if ent is not None and (name is None or ent.start < name.start):
            # The model's entity may hold fewer of the name's words than the parse, or more.
            name = ent
        if name is None or root.lemma_.lower() in lexicon().person_titles:
            return found
        words = _given_names(self._introduced(name))
        if not words or not all(w[:1].isupper() for w in words):
            return found
        known = fold(found.name.replace("-", " ")).split()
        given = fold(" ".join(words).replace("-", " ")).split()
        if not set(given) & set(known):
            return Speaker(" ".join(words), None, True, found.how)
        if len(words) < 2:
            return found
        first_names = [w for w in known if w != given[-1]]
        if given[0] not in known and not any(_same_first_name(given[0], w) for w in first_names):
            return Speaker(" ".join(words), None, True, found.how)
        if given[-1] not in known:
            return Speaker(" ".join(words), found.actor, True, found.how)
        return found

    def _introduced(self, name: Span) -> str:
        """The full name the article first gave this person ("Varenne" -> "Agnes Varenne")."""
        words = name.text.split()
        for ent in self._names:
            if ent.start >= name.start:
                break
            full = ent.text.split()
            if len(full) > len(words) and full[-len(words) :] == words:
                return ent.text
        return name.text

    def _resolved(self, span: Span, how: str) -> Speaker | None:
        result = self.resolve(span)
        if result is None:
            return None
        if isinstance(result, Actor):
            return Speaker(result.name, result, result.kind == "person", how)
        is_person = any(t.ent_type_ == "PERSON" for t in span)
        return Speaker(result, None, is_person, how)

    def _person_entity(self, ent: Span, how: str) -> Speaker:
        found = self._resolved(ent, how)
        if found is not None:
            return Speaker(found.name, found.actor, True, how)
        # A PERSON entity is a name even when the resolver does not know it; a surname stands
        # for the full name the article introduced.
        return Speaker(self._introduced(ent), None, True, how)

    def _gender_cue(self, ent: Span) -> str | None:
        """The gender the text gives a named person: a gendered title or honorific by the name
        ("spokeswoman Ana Ruiz", "Mr Okafor") or the first gendered pronoun of the clause the
        person is the subject of ("Ruiz said her office ..."), when no other name comes first."""
        words = lexicon().gender_words
        head = _naming_head(ent.root)
        nearby = [*self.doc[max(0, ent.start - GENDER_CUE_WINDOW) : ent.start], *noun_phrase(head)]
        cues = {words[t.lower_] for t in nearby if t.pos_ != "PRON" and t.lower_ in words}
        if head.dep_ in _SUBJECT_DEPS:
            for t in head.head.subtree:
                if t.i < ent.end or self.quoted(t.i):
                    continue
                if t.ent_type_ == "PERSON":
                    break
                if t.pos_ == "PRON" and t.lower_ in words:
                    cues.add(words[t.lower_])
                    break
        return cues.pop() if len(cues) == 1 else None

    def _fits(self, name: str, wanted: str | None) -> bool:
        """Whether a person can be what a gendered pronoun stands for."""
        known = self._genders.get(fold(name.split()[-1])) if name.split() else None
        return wanted is None or known is None or known == wanted

    def _sentence_of(self, token: Token) -> int:
        return bisect_right(self.sentence_starts, token.i) - 1

    def _pronoun(self, token: Token, kind: str) -> Speaker | None:
        here = self._sentence_of(token)
        if kind in ("body", "any"):
            for said in reversed(self.said):
                if here - said.sentence > MAX_BACK_SPEAKER_SENTENCES:
                    break
                if kind == "any" or not said.speaker.is_person:
                    return Speaker(said.speaker.name, said.speaker.actor, said.speaker.is_person, "pronoun")
            return None
        return self._previous_person(token)

    def _previous_person(self, token: Token) -> Speaker | None:
        here = self._sentence_of(token)
        wanted = lexicon().gender_words.get(token.lower_)
        for index in range(here, max(-1, here - MAX_BACK_SENTENCES - 1), -1):
            sent = self._sentences[index]
            limit = token.i if index == here else sent.end
            people = [
                ent
                for ent in self._people
                if sent.start <= ent.start
                and ent.end <= limit
                and not self.quoted(ent.start)
                and self._fits(ent.text, wanted)
            ]
            earlier = [
                s
                for s in self.said
                if s.sentence == index and s.speaker.is_person and self._fits(s.speaker.name, wanted)
            ]
            subjects = [e for e in people if _naming_head(e.root).dep_ in _SUBJECT_DEPS]
            # A surname of someone named earlier that the model did not tag as a person
            # ("Ruiz, who ..., called on ...") is still the subject a pronoun may stand for.
            subjects += [
                self.doc[t.i : t.i + 1]
                for t in self.doc[sent.start : limit]
                if t.pos_ in ("PROPN", "NOUN")
                and t.text[:1].isupper()
                # "Ruiz, who ..., called": the parser sometimes makes the name the root.
                and (t.dep_ in _SUBJECT_DEPS or t.dep_ == "ROOT")
                and t.ent_type_ != "PERSON"
                and not self.quoted(t.i)
                and fold(t.text) in self._genders
                and self._fits(t.text, wanted)
            ]
            subjects.sort(key=lambda e: e.start)
            if subjects:
                return self._person_entity(subjects[-1], "pronoun")
            if earlier:
                last = earlier[-1].speaker
                return Speaker(last.name, last.actor, True, "pronoun")
            if people:
                return self._person_entity(people[-1], "pronoun")
        return None

    def _same_body(self, span: Span) -> Speaker | None:
        """The last body named earlier with the head noun of this phrase ("the ministry")."""
        head = span.root.lemma_.lower()
        for token in reversed(self.doc[: span.start]):
            if token.lemma_.lower() != head or self.quoted(token.i):
                continue
            earlier = noun_phrase(token)
            if any(t.ent_type_ for t in earlier):
                found = self._resolved(earlier, "same-body")
                if found is not None:
                    return found
        return None

    def _titled(self, span: Span) -> Speaker | None:
        """The last person introduced with the title this phrase uses ("the foreign minister").

        A title introduces a name as its compound ("Federal Chancellor Olaf Scholz") or in
        apposition ("Li Qiang, Premier of the State Council"); the name's entity label is not
        trusted (the small model reads some leaders' names as organisations).
        """
        title = {t.lemma_.lower() for t in span if t.pos_ in ("NOUN", "PROPN", "ADJ")}
        head = span.root.lemma_.lower()
        best: tuple[int, int, Token] | None = None
        for token in self.doc[: span.start]:
            if token.lemma_.lower() != head or self.quoted(token.i):
                continue
            name = _titled_name(token)
            if name is None:
                continue
            score = len(title & {t.lemma_.lower() for t in noun_phrase(name)})
            if best is None or score >= best[0]:
                best = (score, token.i, name)
        if best is None:
            return None
        name_span = _entity_span(best[2]) or _proper_chain(best[2])
        return self._person_entity(name_span, "title")
