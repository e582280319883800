"""The verb-pattern dictionary: data rows that say which words make which events.

The format is documented at the top of `data/code/verbs.tsv`; users add rows in files of the
same format (setting `pattern_files`), tried before the bundled ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.coder.forms import word_forms
from eventwire.coder.ontology import cameo_codes
from eventwire.datafiles import data_rows, data_text, data_words

if TYPE_CHECKING:
    from eventwire.coder.verb_dictionary import VerbDictionary

PLOVER_TYPES = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
)
TARGET_KINDS = (
    "dobj", "prep", "xcomp", "dative", "home", "subject", "clause", "condition", "place", "grievance",
    "site", "border", "consequence",
)
REQUIREMENTS = frozenset(
    {"oprd", "no-oprd", "armed", "unarmed", "armed-source", "civilian-source", "plural", "word", "argument"}
)


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """Where a pattern finds its target: a dependency (and preposition), searched deep or not."""

    kind: str
    prep: str | None = None
    deep: bool = False


@dataclass(frozen=True, slots=True)
class Pattern:
    """One row of the pattern dictionary."""

    lemma: str
    """The trigger word's lemma (verb, or noun when `nominal`)."""
    type: str
    cameo: str
    targets: tuple[TargetSpec, ...]
    mutual: bool
    objects: frozenset[str] = frozenset()
    star: bool = False
    """Mutual between the doer and each target only: a mediator and each party it mediates
    between, who need not have met each other."""
    """For light verbs ("hold talks"): object nouns that must be present."""
    needs_prep: str | None = None
    """For phrasal verbs ("call on"): a preposition or particle the verb must have."""
    nominal: bool = False
    requires: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()
    """For `word:` requirements: one of these must be in the sentence."""
    source: str = ""
    """file:line the row came from."""
    label: str = ""
    """The rule id when it is not made from the trigger (the CAMEO dictionary's "@cameo:LINE")."""

    @property
    def rule(self) -> str:
        return self.rule_with(sorted(self.objects)[0] if self.objects else None)

    def rule_with(self, light_object: str | None) -> str:
        """The rule id as it fired: "hold+talks/CONSULT", "call>on/REQUEST", "n:visit/CONSULT",
        "kill/ASSAULT @cameo:5533" (a row of the CAMEO verb dictionary)."""
        if self.label:
            return f"{self.lemma}/{self.type} {self.label}"
        trigger = self.lemma + (f"+{light_object}" if light_object else "")
        trigger += f">{self.needs_prep}" if self.needs_prep else ""
        return f"{'n:' if self.nominal else ''}{trigger}/{self.type}"


def _parse_targets(text: str, where: str) -> tuple[TargetSpec, ...]:
    specs = []
    for part in filter(None, (p.strip() for p in text.split("|"))):
        deep = part.endswith("*")
        part = part.rstrip("*")
        kind, _, prep = part.partition(":")
        if kind not in TARGET_KINDS:
            raise ValueError(f"{where}: unknown target {part!r} (known: {', '.join(TARGET_KINDS)})")
        specs.append(TargetSpec(kind=kind, prep=prep or None, deep=deep))
    return tuple(specs)


def parse_row(row: dict[str, str], where: str) -> Pattern:
    """One TSV row -> a Pattern.

    Raises:
        ValueError: naming `where` (file:line) and what is wrong.
    """
    trigger = (row.get("trigger") or "").strip()
    ptype = (row.get("type") or "").strip().upper()
    if not trigger:
        raise ValueError(f"{where}: empty trigger")
    if ptype not in PLOVER_TYPES:
        raise ValueError(f"{where}: unknown type {ptype!r} (one of {', '.join(sorted(PLOVER_TYPES))})")
    cameo = (row.get("cameo") or "").strip()
    if cameo not in cameo_codes():
        raise ValueError(f"{where}: unknown CAMEO code {cameo!r} (see data/ontology/cameo.tsv)")
    nominal = trigger.startswith("n:")
    trigger = trigger.removeprefix("n:")
    lemma, _, objects = trigger.partition("+")
    lemma, _, needs_prep = lemma.partition(">")
    if "_" in lemma:
        # "set_up": the verb with the particle it needs.
        lemma, _, needs_prep = lemma.partition("_")
    requires: list[str] = []
    words: frozenset[str] = frozenset()
    for item in filter(None, (r.strip() for r in (row.get("requires") or "").split(","))):
        name, _, value = item.partition(":")
        if name not in REQUIREMENTS:
            raise ValueError(
                f"{where}: unknown requirement {name!r} (known: {', '.join(sorted(REQUIREMENTS))})"
            )
        requires.append(name)
        if name == "word":
            words = frozenset(w.lower() for w in value.split("/") if w)
    return Pattern(
        lemma=lemma.lower(),
        type=ptype,
        cameo=cameo,
        targets=_parse_targets(row.get("targets") or "", where),
        mutual=(row.get("mutual") or "").strip().lower() in ("yes", "star"),
        star=(row.get("mutual") or "").strip().lower() == "star",
        objects=frozenset(o.lower() for o in objects.split("|") if o),
        needs_prep=needs_prep or None,
        nominal=nominal,
        requires=tuple(requires),
        words=words,
        source=where,
    )


def read_patterns(text: str, name: str) -> list[Pattern]:
    lines = [
        (n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")
    ]
    if not lines:
        return []
    header = lines[0][1].split("\t")
    patterns = []
    for n, line in lines[1:]:
        values = line.split("\t")
        row = dict(zip(header, values + [""] * (len(header) - len(values)), strict=False))
        patterns.append(parse_row(row, f"{name}:{n}"))
    return patterns


@lru_cache(maxsize=1)
def bundled_patterns() -> tuple[Pattern, ...]:
    return tuple(read_patterns(data_text("code", "verbs.tsv"), "verbs.tsv"))


# Speech verbs whose reported clause can carry an accusation ("said India had committed aggression").
REPORTING_VERBS = frozenset(
    {"say", "tell", "state", "add", "declare", "insist", "charge", "write", "announce", "warn", "stress",
     "conclude", "argue"}
)  # fmt: skip
REPORTED_ACCUSATION = Pattern(
    lemma="say", type="ACCUSE", cameo="112", targets=(), mutual=False, source="coder: reported accusation"
)


REPORTED_DEMAND = Pattern(
    lemma="say", type="REQUEST", cameo="100", targets=(), mutual=False, source="coder: reported demand"
)
DICTIONARY_ACTORS = 2
"""Actors a sentence must name for the CAMEO dictionary alone to make it worth parsing."""
# Modals of obligation: "X said Y must withdraw" is X's demand on Y.
OBLIGATION_WORDS = frozenset({"must", "should"})


class PatternBook:
    """Patterns indexed by trigger lemma, user rows first; and the CAMEO verb dictionary, tried
    when none of them fires."""

    def __init__(self, patterns: Iterable[Pattern], dictionary: VerbDictionary | None = None) -> None:
        self.dictionary = dictionary
        self.verbs: dict[str, list[Pattern]] = {}
        self.nouns: dict[str, list[Pattern]] = {}
        for pattern in patterns:
            index = self.nouns if pattern.nominal else self.verbs
            index.setdefault(pattern.lemma, []).append(pattern)

    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = ()) -> PatternBook:
        from eventwire.coder.verb_dictionary import VerbDictionary

        user = [p for f in extra_files for p in read_patterns(Path(f).read_text(encoding="utf-8"), str(f))]
        return cls([*user, *bundled_patterns()], VerbDictionary.bundled())

    def could_fire(self, words: set[str]) -> bool:
        """Whether a sentence with these lower-cased words could make some pattern fire."""
        return self.actors_needed(words) is not None

    def actors_needed(self, words: set[str]) -> int | None:
        """How many actors a sentence with these lower-cased words must name to be worth parsing:
        1 when a hand-written pattern could fire (a form of its trigger is there, and so are its
        object noun and required words), 2 when only the CAMEO dictionary could (its verbs are
        many and common, and an event needs a source and a target), None when nothing could."""
        if words & self._reporting_forms and (words & accusation_words() or words & OBLIGATION_WORDS):
            return 1
        for word in words & self._needs.keys():
            for objects, required in self._needs[word]:
                if (not objects or objects & words) and (not required or required & words):
                    return 1
        if self.dictionary is not None:
            needs = self.dictionary.needs
            for word in words & needs.keys():
                if any(not required or required & words for required in needs[word]):
                    return DICTIONARY_ACTORS
        return None

    @cached_property
    def _reporting_forms(self) -> frozenset[str]:
        return frozenset(f for lemma in REPORTING_VERBS for f in word_forms(lemma))

    @cached_property
    def _needs(self) -> dict[str, list[tuple[frozenset[str], frozenset[str]]]]:
        needs: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
        for index in (self.verbs, self.nouns):
            for lemma, patterns in index.items():
                for pattern in patterns:
                    objects = frozenset(f for o in pattern.objects for f in (o, o + "s", o.removesuffix("s")))
                    for form in word_forms(lemma):
                        needs.setdefault(form, []).append((objects, pattern.words))
        return needs


@lru_cache(maxsize=1)
def civilian_places() -> frozenset[str]:
    """Nouns for places whose attack is an attack on the civilians there ("a market", "homes")."""
    return frozenset(word.lower() for word in data_words("code", "civilian_places.txt"))


@lru_cache(maxsize=1)
def implied_agents() -> dict[str, str]:
    """Verbs whose doer a passive need not name ("was arrested": the police) -> its sector."""
    return dict(data_rows("code", "implied_agents.tsv"))


@lru_cache(maxsize=1)
def verbal_objects() -> frozenset[str]:
    """Things said, decided or proposed: attacking them is criticism, not force."""
    return frozenset(word.lower() for word in data_words("code", "verbal_objects.txt"))


@lru_cache(maxsize=1)
def protest_nouns() -> frozenset[str]:
    """Nouns for protests and protesters, whose demands are part of the protest."""
    return frozenset(word.lower() for word in data_words("code", "protest_nouns.txt"))


@lru_cache(maxsize=1)
def accusation_words() -> frozenset[str]:
    """Words that turn a reported statement about an actor into an accusation."""
    return frozenset(word.lower() for word in data_words("code", "accusation_words.txt"))


@lru_cache(maxsize=1)
def event_noun_types() -> dict[str, frozenset[str]]:
    """Nouns that refer back to an event ("the shelling") -> the PLOVER types they can name."""
    return {noun: frozenset(types.split("|")) for noun, types in data_rows("code", "event_nouns.tsv")}
