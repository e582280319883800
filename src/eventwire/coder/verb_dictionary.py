"""The CAMEO verb dictionary at scale: verb blocks, synonym sets and patterns over the parse.

The data (`data/code/cameo/*.tsv`, converted from PETRARCH-2's CAMEO dictionary by
`scripts/build_verb_dictionary.py`) groups about 1,800 verbs into blocks that share patterns.
A pattern says what the subject phrase, the object phrase (or the verb's particles) and the
prepositional phrases must hold for a CAMEO code: "staged rallies" is 141, "staged an attack"
190, "called off the talks" 164. For a verb in the parse:

1. its dictionary entry is found by lemma (or an irregular form), a multi-word verb's particle
   or object noun checked ("ask for", "take control");
2. every pattern of its block is matched; the most specific match wins (the one that checks the
   most words), and a negative pattern (`---`) that wins means no event;
3. with no pattern matching, the verb's own code applies ("kill" is 190, "say" none).

The match gives the PLOVER type (already resolved under the guideline by the conversion), the
CAMEO code, where the source and target are found, and a reverse event when the code is a pair
("visited" 042 gives the host's 043 back). The coder tries the project's hand-written patterns
first and this dictionary only when none of them fires.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from spacy.tokens import Token

from eventwire.coder.arguments import conjuncts, is_passive, subjects
from eventwire.coder.forms import word_forms
from eventwire.coder.patterns import TargetSpec
from eventwire.datafiles import data_rows, data_text

Phrase = tuple[str, ...]

# Dependents of a verb whose words make up its "object side": what the pattern's object terms
# are matched against ("staged rallies", "set free", "put on alert").
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "acomp", "prt", "advmod", "xcomp", "npadvmod"})
PREP_DEPS = frozenset({"prep", "agent", "dative"})
COMMON_PREPOSITIONS = frozenset({"to", "in", "on", "for", "with", "of", "at", "by", "from", "into", "over"})
PREP_CHAIN_DEPTH = 2
"""How far prepositional phrases are followed: "added to the list of banned parties"."""
# Where a target is looked for when the pattern does not say, in order: the object (and inside
# it: "a proposal by Britain"), an indirect object, then phrases that name a counterpart. "in"
# and "at" name places, not targets, and are left out.
COUNTERPART_PREPS = (
    "against", "with", "to", "on", "upon", "from", "for", "into", "over", "toward", "towards",
    "between", "among",
)  # fmt: skip
DEFAULT_TARGETS = (
    TargetSpec("dobj", deep=True),
    TargetSpec("dative"),
    *(TargetSpec("prep", prep, deep=True) for prep in COUNTERPART_PREPS),
    # "threatened to launch an offensive unless Baghdad accepted": who the condition is about.
    TargetSpec("condition"),
    TargetSpec("xcomp", deep=True),
    # "demanded that the US cancel the sale": who the clause is about.
    TargetSpec("clause"),
)
# A reading that a verb only inherits from its block ("examine" from "inspect") is trusted less:
# its target must be named in the object or a counterpart phrase itself, not found deeper.
SHALLOW_TARGETS = tuple(TargetSpec(s.kind, s.prep) for s in DEFAULT_TARGETS)


@dataclass(frozen=True, slots=True)
class Term:
    """One pattern term: a word, a consecutive phrase or a synonym set (any of its phrases)."""

    phrases: tuple[Phrase, ...]

    @property
    def words(self) -> frozenset[str]:
        return frozenset(w for p in self.phrases for w in p)

    def in_chunk(self, chunk: list[Token]) -> bool:
        """Whether some phrase occurs, word after word, in the chunk (word or lemma)."""
        for phrase in self.phrases:
            size = len(phrase)
            for i in range(len(chunk) - size + 1):
                if all(_same(chunk[i + k], phrase[k]) for k in range(size)):
                    return True
        return False


@dataclass(frozen=True, slots=True)
class PrepTerm:
    """A prepositional phrase a pattern needs: the preposition and terms in its object."""

    prep: str
    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class Coding:
    """What a verb codes as: CAMEO code and PLOVER type forward, and the reverse event if any."""

    code: str
    type: str
    reverse_code: str
    reverse_type: str
    targets: tuple[TargetSpec, ...]
    """Where the target is looked for, in order."""
    source: TargetSpec | None
    """Where the source is when not the subject ("protests from X")."""
    rule: str
    """Where the coding comes from: "@cameo:LINE", the line in CAMEO.2.0.txt."""

    @property
    def negative(self) -> bool:
        return not self.type and not self.reverse_type


@dataclass(frozen=True, slots=True)
class DictionaryPattern:
    block: str
    written_for: str
    """The verb the pattern was written for, "" when the source does not say."""
    subject: tuple[Term, ...]
    objects: tuple[Term, ...]
    preps: tuple[PrepTerm, ...]
    coding: Coding
    needs: tuple[frozenset[str], ...] = field(default=(), compare=False)
    """For each term and preposition, the words one of which the verb's surroundings must hold:
    the cheap test before the full match (filled in by `__post_init__`)."""

    def __post_init__(self) -> None:
        terms = [*self.subject, *self.objects, *(t for p in self.preps for t in p.terms)]
        needs = [t.words for t in terms] + [frozenset({p.prep}) for p in self.preps]
        object.__setattr__(self, "needs", tuple(needs))

    def could_fit(self, words: set[str]) -> bool:
        return all(not need.isdisjoint(words) for need in self.needs)

    @property
    def specificity(self) -> int:
        """How much a match checks: its terms and prepositions (the most specific match wins)."""
        return len(self.subject) + len(self.objects) + sum(1 + len(p.terms) for p in self.preps)

    @property
    def words_checked(self) -> int:
        """How many word terms a match checks, bare prepositions left out."""
        return len(self.subject) + len(self.objects) + sum(len(p.terms) for p in self.preps)

    def required_words(self) -> frozenset[str]:
        """Words one of which a sentence must hold for this pattern to match (for pre-selection):
        its rarest need. A pattern that needs only a common preposition ("- * (WITH)") does not
        make a sentence worth parsing on its own: almost every sentence would be."""
        needs = [n for n in self.needs if not n <= COMMON_PREPOSITIONS]
        return min(needs, key=len) if needs else frozenset()

    @property
    def anchor(self) -> frozenset[str]:
        """The need the index files the pattern under: its rarest, a preposition if it has no word."""
        return min(self.needs, key=len) if self.needs else frozenset()


@dataclass(frozen=True, slots=True)
class DictionaryVerb:
    block: str
    lemma: str
    particles: tuple[str, ...]
    objects: tuple[str, ...]
    forms: tuple[str, ...]
    coding: Coding
    own: bool
    """A verb with a code of another kind than its block's uses only the patterns written for it."""
    inherited: bool = False
    """Whether its code is only its block's ("examine" in the block of "inspect"): such a reading
    is trusted less, and does not by itself make a sentence worth parsing."""

    @property
    def specificity(self) -> int:
        return len(self.particles) + len(self.objects)

    def uses(self, pattern: DictionaryPattern) -> bool:
        """A pattern that checks no word is its verb's own reading ("- * +" for "mock"): it
        applies to that verb only, as do all patterns for a verb with a code of its own. So does
        one that checks only a bare preposition: "head for" is a journey, "control for" is not."""
        if self.own or not pattern.words_checked:
            return pattern.written_for in ("", self.lemma)
        return True


@dataclass(frozen=True, slots=True)
class Match:
    """The dictionary's reading of one verb in its sentence."""

    coding: Coding
    specificity: int


class VerbDictionary:
    """Verb entries by lemma and the patterns of each block."""

    def __init__(self, verbs: Iterable[DictionaryVerb], patterns: Iterable[DictionaryPattern]) -> None:
        self.by_lemma: dict[str, list[DictionaryVerb]] = {}
        self.by_form: dict[str, str] = {}
        self.blocks: dict[str, list[DictionaryPattern]] = {}
        for verb in verbs:
            self.by_lemma.setdefault(verb.lemma, []).append(verb)
            for form in verb.forms:
                self.by_form.setdefault(form, verb.lemma)
        for pattern in patterns:
            self.blocks.setdefault(pattern.block, []).append(pattern)
        for block in self.blocks.values():
            block.sort(key=lambda p: -p.specificity)  # stable: file order among equals
        # Per block, its patterns filed under each word of their rarest need: a verb's scene then
        # looks at the few patterns its words can satisfy, not at the whole block.
        self._index: dict[str, dict[str, list[int]]] = {}
        self._bare: dict[str, list[int]] = {}
        for name, block in self.blocks.items():
            index: dict[str, list[int]] = {}
            for rank, pattern in enumerate(block):
                if not pattern.needs:
                    self._bare.setdefault(name, []).append(rank)
                for word in pattern.anchor:
                    index.setdefault(word, []).append(rank)
            self._index[name] = index

    def _candidates(self, block: str, words: set[str]) -> list[DictionaryPattern]:
        """The block's patterns that the scene's words could satisfy, most specific first."""
        index = self._index.get(block, {})
        ranks = set(self._bare.get(block, ()))
        for word in words & index.keys():
            ranks.update(index[word])
        patterns = self.blocks.get(block, [])
        return [patterns[r] for r in sorted(ranks)]

    @classmethod
    def bundled(cls) -> VerbDictionary:
        return _bundled()

    def entries(self, token: Token) -> list[DictionaryVerb]:
        lemma = token.lemma_.lower()
        found = self.by_lemma.get(lemma)
        if found is None and token.lower_ in self.by_form:
            found = self.by_lemma.get(self.by_form[token.lower_])
        return found or []

    def match(self, token: Token) -> Match | None:
        """The best coding of `token` in its sentence, or None when the dictionary has no verb
        entry for it. A negative match (`coding.negative`) says the verb gives no event here."""
        entries = [e for e in self.entries(token) if _verb_fits(e, token)]
        if not entries:
            return None
        scene = _Scene(token)
        best: Match | None = None
        for entry in entries:
            found = Match(entry.coding, entry.specificity)
            for pattern in self._candidates(entry.block, scene.words):  # most specific first
                if pattern.could_fit(scene.words) and entry.uses(pattern) and _pattern_fits(pattern, scene):
                    found = Match(pattern.coding, pattern.specificity + entry.specificity)
                    break
            if best is None or found.specificity > best.specificity:
                best = found
        return best

    @cached_property
    def needs(self) -> dict[str, list[frozenset[str]]]:
        """For each inflected form of a verb that can give an event: the word sets one word of
        which must also be in the sentence (an empty set: nothing more is needed)."""
        needs: dict[str, list[frozenset[str]]] = {}
        for lemma, entries in self.by_lemma.items():
            wanted: list[frozenset[str]] = []
            for entry in entries:
                extra = frozenset(entry.particles + entry.objects)
                if not entry.coding.negative and not entry.inherited:
                    wanted.append(extra)
                for pattern in self.blocks.get(entry.block, []):
                    required = pattern.required_words()
                    if entry.uses(pattern) and not pattern.coding.negative and required:
                        wanted.append(required | extra if extra else required)
            if not wanted:
                continue
            merged = _merge_needs(wanted)
            for form in word_forms(lemma) | {f for e in entries for f in e.forms}:
                needs.setdefault(form, []).extend(merged)
        return needs


class _Scene:
    """The words around one verb that patterns are matched against, gathered once.

    Built eagerly: most verbs are matched against a few patterns, and every match needs all of
    it (Python's cached_property would take a lock on every read)."""

    __slots__ = ("objects", "preps", "subject", "verb", "words")

    def __init__(self, verb: Token) -> None:
        self.verb = verb
        # The subject's whole phrase: "delivery of food" carries its words after the head too.
        self.subject = [list(head.subtree) for head in subjects(verb)]
        self.objects = _object_chunks(verb)
        self.preps = _prep_chunks(verb)
        chunks = [*self.subject, *self.objects, *(chunk for _, chunk in self.preps)]
        found = {w for chunk in chunks for t in chunk for w in (t.lower_, t.lemma_.lower())}
        self.words = found | {prep for prep, _ in self.preps}


def _object_chunks(verb: Token) -> list[list[Token]]:
    chunks = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            chunks.append(_chunk(child) if child.pos_ in ("NOUN", "PROPN", "PRON", "NUM") else [child])
            # "suspended part of its military aid", "staged a series of attacks": what the
            # quantity is of is the object too.
            chunks.extend(_chunk(o) for p in child.children if p.lower_ == "of" for o in p.children)
            if child.dep_ == "xcomp":
                chunks.extend(_chunk(c) for c in child.children if c.dep_ == "dobj")
    if is_passive(verb):
        # "sanctions were imposed on Iran": the passive subject is the verb's object.
        chunks.extend(_chunk(c) for c in verb.children if c.dep_ == "nsubjpass")
    return chunks


def _prep_chunks(verb: Token) -> list[tuple[str, list[Token]]]:
    """(preposition, its object's chunk) for phrases on the verb, on its objects, and on those
    phrases' objects in turn."""
    found: list[tuple[str, list[Token]]] = []
    holders = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    for _ in range(PREP_CHAIN_DEPTH):
        following = []
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ not in PREP_DEPS:
                    continue
                objects = [o for o in prep.children if o.dep_ in ("pobj", "pcomp")]
                found.append((prep.lower_, [t for o in objects for t in _chunk(o)]))
                following.extend(objects)
        holders = following
    return found


def _chunk(head: Token) -> list[Token]:
    """The head with its left modifiers and coordinated heads: "the first mock air attacks"."""
    tokens = [t for t in head.doc[head.left_edge.i : head.i + 1] if not t.is_punct]
    for other in conjuncts(head)[1:]:
        tokens.extend(t for t in head.doc[other.left_edge.i : other.i + 1] if not t.is_punct)
    return tokens


def _same(token: Token, word: str) -> bool:
    return token.lower_ == word or token.lemma_.lower() == word


def _verb_fits(entry: DictionaryVerb, verb: Token) -> bool:
    for particle in entry.particles:
        if not any(c.lower_ == particle and c.dep_ in ("prt", "prep", "advmod") for c in verb.children):
            return False
    for noun in entry.objects:
        if not any(c.dep_ in ("dobj", "nsubjpass") and _same(c, noun) for c in verb.children):
            return False
    return True


def _pattern_fits(pattern: DictionaryPattern, scene: _Scene) -> bool:
    for term in pattern.subject:
        if not any(term.in_chunk(chunk) for chunk in scene.subject):
            return False
    for term in pattern.objects:
        if not any(term.in_chunk(chunk) for chunk in scene.objects):
            return False
    for prep in pattern.preps:
        if not any(
            word == prep.prep and all(term.in_chunk(chunk) for term in prep.terms)
            for word, chunk in scene.preps
        ):
            return False
    return True


def _merge_needs(wanted: list[frozenset[str]]) -> list[frozenset[str]]:
    if any(not w for w in wanted):
        return [frozenset()]
    return [frozenset().union(*wanted)]


# ----------------------------------------------------------------- reading the data files


def read_synsets(rows: Iterable[list[str]]) -> dict[str, tuple[Phrase, ...]]:
    return {row[0]: tuple(tuple(p.split()) for p in row[1].split("|") if p) for row in rows if len(row) > 1}


def read_terms(text: str, synsets: dict[str, tuple[Phrase, ...]], where: str) -> tuple[Term, ...]:
    """ "series {air raid} &military" -> three terms. Raises ValueError for an unknown set."""
    terms: list[Term] = []
    for part in _split_terms(text):
        if part.startswith("{"):
            words = part[1:-1].split()
            phrases: list[Phrase] = [()]
            for word in words:
                options = _term_options(word, synsets, where)
                phrases = [p + o for p in phrases for o in options]
            terms.append(Term(tuple(phrases)))
        else:
            terms.append(Term(_term_options(part, synsets, where)))
    return tuple(terms)


def _term_options(word: str, synsets: dict[str, tuple[Phrase, ...]], where: str) -> tuple[Phrase, ...]:
    if word.startswith("&"):
        if word[1:] not in synsets:
            raise ValueError(f"{where}: unknown synonym set {word!r}")
        return synsets[word[1:]] or ((word[1:],),)
    return ((word,),)


def _split_terms(text: str) -> Iterator[str]:
    depth, current = 0, ""
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        if char == " " and depth == 0:
            if current:
                yield current
            current = ""
        else:
            current += char
    if current:
        yield current


def _coding(row: dict[str, str], preps: tuple[PrepTerm, ...] = (), *, shallow: bool = False) -> Coding:
    return Coding(
        code=row["code"],
        type=row["type"],
        reverse_code=row["reverse_code"],
        reverse_type=row["reverse_type"],
        targets=SHALLOW_TARGETS if shallow else _targets(row.get("target", ""), preps),
        source=_spec(row.get("source", "")),
        rule=f"@cameo:{row['line']}",
    )


def _spec(where: str) -> TargetSpec | None:
    if where == "object":
        return TargetSpec("dobj", deep=True)
    if where in ("subject", "clause"):
        return TargetSpec(where)
    if where.startswith("prep:"):
        return TargetSpec("prep", where[5:], deep=True)
    return None


def _targets(where: str, preps: tuple[PrepTerm, ...]) -> tuple[TargetSpec, ...]:
    """The pattern's own target position first; else a bare phrase the pattern asks for ("(WITH)",
    "(AGAINST)") names the counterpart; then the default search."""
    first = _spec(where)
    if first is not None:
        return (first, *DEFAULT_TARGETS) if first.kind != "subject" else (first,)
    bare = tuple(TargetSpec("prep", p.prep, deep=True) for p in preps if not p.terms)
    return bare + DEFAULT_TARGETS


def _table(name: str) -> list[dict[str, str]]:
    """The rows of `data/code/cameo/<name>` as dicts keyed by its header."""
    text = data_text("code", "cameo", name)
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


@lru_cache(maxsize=1)
def _bundled() -> VerbDictionary:
    synsets = read_synsets(data_rows("code", "cameo", "synsets.tsv"))
    verbs = [
        DictionaryVerb(
            block=row["block"],
            lemma=row["verb"],
            particles=tuple(row["particles"].split()),
            objects=tuple(row["object"].split()),
            forms=tuple(f for f in row["forms"].split("|") if f),
            coding=_coding(row, shallow=row["code_from"] == "block"),
            own=row["patterns"] == "own",
            inherited=row["code_from"] == "block",
        )
        for row in _table("verbs.tsv")
    ]
    patterns = []
    for row in _table("patterns.tsv"):
        where = f"patterns.tsv (CAMEO.2.0.txt line {row['line']})"
        preps = []
        for part in filter(None, row["preps"].split(";")):
            prep, _, terms = part.partition(":")
            preps.append(PrepTerm(prep, read_terms(terms, synsets, where)))
        patterns.append(
            DictionaryPattern(
                block=row["block"],
                written_for=row["written_for"],
                subject=read_terms(row["subject"], synsets, where),
                objects=read_terms(row["object"], synsets, where),
                preps=tuple(preps),
                coding=_coding(row, tuple(preps)),
            )
        )
    return VerbDictionary(verbs, patterns)
