"""Build eventwire's CAMEO verb dictionary from PETRARCH-2's `CAMEO.2.0.txt`.

Reads `../shared/ontology/petrarch/CAMEO.2.0.txt` (Open Event Data Alliance, MIT) and writes
three tab-separated files under `src/eventwire/data/code/cameo/`:

- `synsets.tsv`: every synonym set (`&MILITARY` -> military | armed forces | army ...);
- `verbs.tsv`: every verb of every block, with its irregular forms, the particle or noun of a
  multi-word verb ("ask for", "take control") and its own CAMEO code;
- `patterns.tsv`: every pattern of every block: what the subject, the object and the
  prepositional phrases must hold, where the target is, and the CAMEO code(s) with the PLOVER
  type each one gives under `../shared/eval/GUIDELINE.md`.

The PLOVER type of a code comes from `src/eventwire/data/ontology/cameo.tsv` (the CAMEO->PLOVER
crosswalk, built by `scripts/build_ontology.py`), overridden where the guideline says otherwise:
statements (01) are no event; an intent (03) is no event unless the verb concludes an agreement
("agreed to", "accepted"); signing (057) is AGREE; sanctions and embargoes (163) are SANCTION.
`[---]` stays a negative pattern: when it is the best match, the verb gives no event.

Run: python scripts/build_verb_dictionary.py [--source FILE]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "ontology" / "petrarch" / "CAMEO.2.0.txt"
CROSSWALK = ROOT / "src" / "eventwire" / "data" / "ontology" / "cameo.tsv"
OUT = ROOT / "src" / "eventwire" / "data" / "code" / "cameo"

NO_EVENT = "---"
# Blocks whose intent codes (03x) record an agreement that happened: "agreed to a ceasefire",
# "accepted the plan". Everywhere else an intent ("pledged", "offered", "will give") is no event.
AGREEMENT_BLOCKS = frozenset({"AGREE", "ACCEPT", "CLINCH", "SIGN", "SETTLE", "CONCLUDE", "ENDORSE"})
# Guideline over crosswalk: signing is AGREE, sanctions are SANCTION, violent repression short of
# lethal force (tear gas, beatings at a protest: 175) is COERCE; blockade and occupation stay
# COERCE as the crosswalk has them.
TYPE_OVERRIDES = {"057": "AGREE", "163": "SANCTION", "175": "COERCE"}
# The guideline's CONCEDE is "yield, ease restrictions, release, return": CAMEO 081-085, which the
# crosswalk splits between CONCEDE and RETREAT; RETREAT keeps de-escalation (087) and the rest.
CONCEDE_PREFIXES = ("081", "082", "083", "084", "085")
# The verb alone (no pattern matching) in these blocks is not an act the guideline codes: a
# mental state, a plan, a movement, a market or legislative act. Their patterns still apply
# ("arrived for talks" is a meeting, "hoped" alone is not a request).
NOT_ACTS_ALONE = {
    "HOPE": "a hope is not an event", "SUGGEST": "mostly 'reports suggest'",
    "ARRIVE": "arriving is not meeting", "ASSEMBLE": "gathering is not meeting",
    "CONSIDER": "considering is not consulting", "GO_SOMEWHERE": "going is not visiting",
    "HEAR": "hearing is not consulting", "INTRODUCE": "introducing is not consulting",
    "INVITE": "an invitation is an intent to meet",
    "BARGAIN": "bargaining partners are named by patterns", "DISCLOSE": "not an interaction",
    "INFLUENCE": "not an interaction", "REJOICE": "not an interaction", "REASSERT": "not praise",
    "FORMALIZE": "not recognition by itself", "ALLOCATE": "budgets are not aid",
    "BOOST": "mostly economies and ties", "ENACT": "laws are not cooperation",
    "ENLIST": "not an interaction", "FACILITATE": "not an interaction", "LINK": "not an interaction",
    "MERGE": "business", "OVERSEE_MANAGE": "not an interaction", "IMPORT": "market, not cooperation",
    "PURCHASE": "the guideline: purchases are not events", "INTERVENE": "not aid by itself",
    "STABILISE": "not aid by itself", "ABANDON": "not a concession by itself",
    "ABSTAIN": "not a concession", "SUBMIT": "mostly 'submitted a proposal'",
    "DECLASSIFY": "not an interaction", "DESPAIR": "a feeling", "DISMAY": "a feeling",
    "DELAY": "not a rejection by itself", "ENDANGER": "not a threat by itself",
    "DISTURB": "not a protest", "PROVOKE": "not a protest", "BETRAY": "not a sanction",
    "DISRUPT": "not a sanction", "SPY": "not a sanction", "UNDERMINE": "not a sanction",
    "EXCLUDE": "not coercion by itself", "IMPEL": "not coercion", "EXTRACT": "not coercion",
    "DIE": "dying has no actor", "ENGAGE": "mostly 'engaged in talks'", "TARGET": "mostly figurative",
    "OFFEND": "not an interaction",
}  # fmt: skip
# Synonyms whose bare verb is mostly something else than their block's act: "needed", "pushed
# back", "pressed on", "examined the proposal", "checked". Their patterns still apply ("pushed
# into" is 192, "pressed charges" 173).
VERBS_NOT_ALONE = {
    "need": "needing is not demanding", "necessitate": "not a demand", "push": "mostly physical",
    "press": "mostly 'pressed on', 'the press'", "bid": "mostly bids and offers",
    "campaign": "campaigning is not demanding of someone", "crusade": "not a demand",
    "analyse": "not an investigation of an actor", "analyze": "not an investigation of an actor",
    "ascertain": "not an investigation", "check": "not an investigation",
    "examine": "mostly 'examined the proposal'", "explore": "mostly 'explored options'",
}  # fmt: skip
# Under the guideline an agreement reached is AGREE whatever was agreed ("agreed to re-open the
# border to X"): the block's head verb alone is 057, not CAMEO's 050.
BLOCK_CODE_OVERRIDES = {"AGREE": "057"}
# The guideline codes charges, convictions and lawsuits as ACCUSE, where CAMEO has 173 (legal
# action) for some of them.
VERB_CODE_OVERRIDES = {"convict": "1121", "indict": "1121", "prosecute": "1121", "sue": "115"}
BLOCK_LEGAL_CODES = {"SUE": {"173": "115"}, "PROSECUTE": {"173": "1121"}}
"""The same for the patterns of the blocks of suing and prosecuting ("sued X for damages")."""
# Words of a multi-word verb that attach to the verb as particles or prepositions ("ask for",
# "set up"); any other word is the verb's object noun ("take control").
PARTICLES = frozenset(
    {
        "about", "across", "after", "against", "ahead", "along", "apart", "around", "aside", "at",
        "away", "back", "behind", "by", "down", "for", "forth", "forward", "in", "into", "off", "on",
        "onto", "out", "over", "through", "to", "together", "toward", "towards", "under", "up",
        "upon", "with", "without",
    }
)  # fmt: skip
# Auxiliary-led multi-word "verbs" ("IS_DETERMINED") are adjectives after a copula: not verbs.
AUXILIARIES = frozenset({"is", "was", "be", "are", "were", "been", "am"})
LICENCE = """\
# Derived from PETRARCH-2's CAMEO verb dictionary (CAMEO.2.0.txt, last update 30 April 2015),
# converted by scripts/build_verb_dictionary.py; do not edit by hand, edit the script or add a
# file of your own (setting `pattern_files`).
# The MIT License (MIT). Copyright (c) 2015 Open Event Data Alliance.
# Permission is hereby granted, free of charge, to any person obtaining a copy of this software
# and associated documentation files (the "Software"), to deal in the Software without
# restriction, including without limitation the rights to use, copy, modify, merge, publish,
# distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
# Software is furnished to do so, subject to the following conditions: The above copyright notice
# and this permission notice shall be included in all copies or substantial portions of the
# Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
# INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE
# AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
# DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{([^}]*)\}")
_TERM = re.compile(r"\{[^}]*\}|\([^)]*\)|&\w+|[$+^%*]|[^\s{}()]+")


@dataclass(slots=True)
class Verb:
    block: str
    lemma: str
    particles: list[str]
    objects: list[str]
    forms: list[str]
    code: str
    explicit: bool
    """Whether the verb line gives a code of its own."""
    line: int
    own: bool = False
    """Whether that code is of another kind than the block's (another root): then only the
    patterns written for this verb apply ("beat" 182 in the block of "break")."""


@dataclass(slots=True)
class Pattern:
    block: str
    subject: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    preps: list[str] = field(default_factory=list)
    target: str = ""
    source: str = ""
    code: str = NO_EVENT
    written_for: str = ""
    """The verb the pattern was written for (the source's comment), if it names one."""
    line: int = 0


def words_of(text: str) -> str:
    """A source phrase in our spelling: lower case, words separated by spaces."""
    return " ".join(text.replace("_", " ").lower().split())


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """`&NAME` then `+WORD` lines, until a blank line or the next set."""
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = strip_comment(raw).strip()
        if not line and raw.strip():
            continue  # a comment line inside a set
        if line.startswith("&"):
            current = line[1:].rstrip("_").lower()
            sets[current] = []
        elif line.startswith("+") and current is not None:
            phrase = words_of(line[1:])
            if phrase and phrase not in sets[current]:
                sets[current].append(phrase)
        elif not line:
            current = None
    return sets


def split_verb(text: str) -> tuple[str, list[str], list[str]] | None:
    """ "ASK_FOR" -> ("ask", ["for"], []); "TAKE_CONTROL" -> ("take", [], ["control"])."""
    words = words_of(text.lstrip("+")).split()
    if not words or words[0] in AUXILIARIES:
        return None
    particles = [w for w in words[1:] if w in PARTICLES]
    objects = [w for w in words[1:] if w not in PARTICLES]
    return words[0], particles, objects


def read_verb_line(line: str, block: str, default: str, number: int) -> Verb | None:
    text = strip_comment(line)
    code_match = _CODE.search(text)
    code = normal_code(code_match.group(1)) if code_match else default
    forms_match = _FORMS.search(text)
    forms = []
    if forms_match:
        for form in forms_match.group(1).replace(",", " ").split():
            first = words_of(form.lstrip("+")).split()
            if first:
                forms.append(first[0])
    head = _FORMS.sub("", _CODE.sub("", text)).strip()
    if not head:
        return None
    parts = split_verb(head.split()[0])
    if parts is None:
        return None
    lemma, particles, objects = parts
    code = VERB_CODE_OVERRIDES.get(lemma, code)
    if not code_match and (block in NOT_ACTS_ALONE or lemma in VERBS_NOT_ALONE):
        code = NO_EVENT
    forms = sorted(set(forms) - {lemma})
    return Verb(block, lemma, particles, objects, forms, code, code_match is not None, number)


def normal_code(code: str) -> str:
    """ "042:043" stays; " --- " -> "---"; "110]---" style leftovers -> the digits."""
    code = code.strip()
    if code.startswith(NO_EVENT) or not code:
        return NO_EVENT
    return code


def read_pattern(line: str, block: str, number: int) -> Pattern | None:
    text = strip_comment(line)[1:]
    code_match = _CODE.search(text)
    if not code_match:
        return None
    comment = line.split("#", 1)[1].split() if "#" in line else []
    written_for = comment[0].lower() if comment and re.match(r"^[A-Z][A-Z_-]+$", comment[0]) else ""
    # "SPY_*_DEAL": a pattern written without spaces around the verb.
    body = text[: code_match.start()].replace("_*_", " * ")
    terms = _TERM.findall(body)
    if "*" not in terms:
        return None
    star = terms.index("*")
    code = normal_code(code_match.group(1))
    code = BLOCK_LEGAL_CODES.get(block, {}).get(code, code)
    pattern = Pattern(block=block, code=code, written_for=written_for, line=number)
    for term in terms[:star]:
        if term == "$":
            pattern.source = pattern.source or "subject"
        elif term == "+":
            pattern.target = "subject"
        elif term.startswith("("):
            # "DELIVERY (OF &FOOD) *": words of the subject phrase, the preposition aside.
            prep, _ = read_prep(term)
            pattern.subject.extend(t for t in (prep or "").partition(":")[2].split() if t)
        elif term not in ("^", "%"):
            pattern.subject.append(normal_term(term))
    after_that = False
    for term in terms[star + 1 :]:
        if term == "+" and after_that:
            pattern.target = "clause"  # "DEMAND THAT +": who the clause is about
            continue
        after_that = term.upper() == "THAT"
        if term.startswith("("):
            prep, marker = read_prep(term)
            if prep is None:
                continue
            pattern.preps.append(prep)
            where = "prep:" + prep.split(":", 1)[0]
            if marker == "+":
                pattern.target = where
            elif marker == "$":
                pattern.source = where
        elif term == "+":
            pattern.target = pattern.target or "object"
        elif term == "$":
            pattern.source = pattern.source or "object"
        elif term.upper() == "THAT":
            continue  # "DEMAND THAT +": marks the clause, which the target search reads
        elif term not in ("^", "%"):
            pattern.objects.append(normal_term(term))
    return pattern


def read_prep(term: str) -> tuple[str | None, str]:
    """ "(TO {BANNED PARTIES})" -> ("to:{banned parties}", ""); "(WITH +)" -> ("with:", "+")."""
    inner = _TERM.findall(term[1:-1])
    if not inner or not re.match(r"^[A-Za-z]+$", inner[0]):
        return None, ""
    marker = next((t for t in inner[1:] if t in ("+", "$")), "")
    words = [normal_term(t) for t in inner[1:] if t not in ("+", "$", "^", "%")]
    return f"{inner[0].lower()}:{' '.join(words)}", marker


def normal_term(term: str) -> str:
    """A word, a `{multi word}` phrase or a `&set`, in our spelling."""
    if term.startswith("{"):
        inner = " ".join(normal_term(t) for t in _TERM.findall(term[1:-1]) if t not in ("^", "%"))
        return "{" + inner + "}" if " " in inner else inner
    if term.startswith("&"):
        return "&" + term[1:].rstrip("_").lower()
    return words_of(term)


def synset_names(pattern: Pattern) -> list[str]:
    text = " ".join(pattern.subject + pattern.objects + pattern.preps)
    return re.findall(r"&(\w+)", text)


def read_dictionary(text: str) -> tuple[dict[str, list[str]], list[Verb], list[Pattern]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    synsets = read_synsets(lines[:start])
    verbs: list[Verb] = []
    patterns: list[Pattern] = []
    block, default = "", NO_EVENT
    defaults: dict[str, str] = {}
    for number, raw in enumerate(lines[start + 1 :], start=start + 2):
        line = raw.rstrip()
        if not strip_comment(line).strip():
            continue
        header = _BLOCK.match(line)
        if header:
            block, default = header.group(1), normal_code(header.group(2))
            default = BLOCK_CODE_OVERRIDES.get(block, default)
            defaults[block] = default
        elif line.startswith("-"):
            pattern = read_pattern(line, block, number)
            if pattern is not None:
                patterns.append(pattern)
        elif block and not line.startswith("#"):
            verb = read_verb_line(line, block, default, number)
            if verb is not None:
                verbs.append(verb)
    verbs = drop_repeated_verbs(verbs)
    mark_own_codes(verbs, defaults)
    return synsets, verbs, patterns


def drop_repeated_verbs(verbs: list[Verb]) -> list[Verb]:
    """A verb listed twice in one block ("BEAT" and "BEAT {BEATS ...} [182]") is one verb: the
    line with a code of its own (and its forms) wins."""
    best: dict[tuple[str, str, tuple[str, ...], tuple[str, ...]], Verb] = {}
    for verb in verbs:
        key = (verb.block, verb.lemma, tuple(verb.particles), tuple(verb.objects))
        kept = best.get(key)
        if kept is None or (verb.explicit and not kept.explicit):
            if kept is not None:
                verb.forms = sorted(set(verb.forms) | set(kept.forms))
            best[key] = verb
        else:
            kept.forms = sorted(set(kept.forms) | set(verb.forms))
    return [v for v in verbs if best[(v.block, v.lemma, tuple(v.particles), tuple(v.objects))] is v]


def mark_own_codes(verbs: list[Verb], defaults: dict[str, str]) -> None:
    """A verb is on its own when its code's root differs from the block's: the header's code, or
    with a `---` header the root most of the block's coded verbs share."""
    roots: dict[str, Counter[str]] = {}
    for verb in verbs:
        if verb.explicit and verb.code != NO_EVENT:
            roots.setdefault(verb.block, Counter())[verb.code[:2]] += 1
    for verb in verbs:
        if not verb.explicit or verb.code == NO_EVENT:
            continue
        header = defaults.get(verb.block, NO_EVENT)
        block_root = header[:2] if header != NO_EVENT else roots[verb.block].most_common(1)[0][0]
        # A code of its own that differs from the block's ("beat" 182 among verbs of defeat)
        # says the block's other patterns were not written with this verb in mind.
        verb.own = verb.code != header and (verb.code[:2] != block_root or header == NO_EVENT)


def crosswalk(path: Path) -> dict[str, str]:
    types: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        for row in rows:
            types[row["code"]] = row["plover"]
    return types


def plover_type(code: str, block: str, types: dict[str, str]) -> str:
    """The PLOVER type a CAMEO code gives under the guideline; "" for no event."""
    if not code or code == NO_EVENT:
        return ""
    if code.startswith("01"):
        return ""
    if code.startswith("03"):
        return "AGREE" if block in AGREEMENT_BLOCKS else ""
    if code.startswith(CONCEDE_PREFIXES):
        return "CONCEDE"
    return TYPE_OVERRIDES.get(code) or types.get(code) or types.get(code[:3]) or types.get(code[:2], "")


def coded(code: str, block: str, types: dict[str, str]) -> tuple[str, str, str, str]:
    """(code, type, reverse code, reverse type) of a possibly paired code "A:B"."""
    forward, _, reverse = code.partition(":")
    forward = forward or ""
    return forward, plover_type(forward, block, types), reverse, plover_type(reverse, block, types)


def write_tsv(path: Path, header: list[str], rows: Iterator[list[str]], note: str) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(LICENCE)
        fh.write(note)
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args()
    if not args.source.is_file():
        print(f"error: {args.source} not found (../shared/ontology beside the checkout)", file=sys.stderr)
        return 1
    synsets, verbs, patterns = read_dictionary(args.source.read_text(encoding="latin-1"))
    types = crosswalk(CROSSWALK)
    # As in PETRARCH, a pattern naming a synonym set the file never defines is ignored.
    undefined = [p for p in patterns if any(s not in synsets for s in synset_names(p))]
    patterns = [p for p in patterns if p not in undefined]
    OUT.mkdir(parents=True, exist_ok=True)
    n_sets = write_tsv(
        OUT / "synsets.tsv",
        ["set", "phrases"],
        ([name, "|".join(phrases)] for name, phrases in synsets.items()),
        "# Synonym sets: `&set` in a pattern matches any of its phrases (words or their lemmas).\n",
    )

    def verb_rows() -> Iterator[list[str]]:
        for v in verbs:
            code, ptype, reverse, rtype = coded(v.code, v.block, types)
            yield [
                v.block, v.lemma, " ".join(v.particles), " ".join(v.objects), "|".join(v.forms),
                "own" if v.own else "all", "verb" if v.explicit or v.lemma == v.block.lower() else "block",
                code, ptype, reverse,
                rtype, str(v.line),
            ]  # fmt: skip

    n_verbs = write_tsv(
        OUT / "verbs.tsv",
        ["block", "verb", "particles", "object", "forms", "patterns", "code_from", "code", "type",
         "reverse_code", "reverse_type", "line"],
        verb_rows(),
        "# Verbs: a block's verbs share its patterns. `particles` must hang on the verb (\"ask for\"),\n"
        "# `object` must be its object noun (\"take control\"). patterns: `all` of the block's apply, or\n"
        "# only those written for this verb (`own`: a verb with a code of its own, \"beat\" in the block\n"
        "# of \"break\"). code/type apply when no pattern matches; an empty type is no event. code_from:\n"
        "# `verb` (the verb's own code) or `block` (the block's, which the coder trusts less: it looks\n"
        "# for the target only in the object and counterpart phrases). `line`: in CAMEO.2.0.txt.\n",
    )

    def pattern_rows() -> Iterator[list[str]]:
        for p in patterns:
            code, ptype, reverse, rtype = coded(p.code, p.block, types)
            yield [
                p.block, p.written_for, " ".join(p.subject), " ".join(p.objects), ";".join(p.preps),
                p.target, p.source, code, ptype, reverse, rtype, str(p.line),
            ]  # fmt: skip

    n_patterns = write_tsv(
        OUT / "patterns.tsv",
        ["block", "written_for", "subject", "object", "preps", "target", "source", "code", "type",
         "reverse_code", "reverse_type", "line"],
        pattern_rows(),
        "# Patterns of each verb block, most specific match wins. Terms: a word, a {multi word} phrase\n"
        "# (consecutive), an &set. subject: terms the subject phrase holds; object: terms the object\n"
        "# phrase or the verb's particles hold; preps: `;`-separated `prep:terms` phrases hanging on the\n"
        "# verb or its object. target/source: where the pattern puts them (empty: the default search).\n"
        "# code `---` with an empty type is a negative pattern: the verb gives no event. reverse_code:\n"
        "# an event from the target back to the source (\"visited\" 042 gives the host's 043).\n",
    )
    print(f"wrote {n_sets} synonym sets, {n_verbs} verbs, {n_patterns} patterns to {OUT}")
    for p in undefined:
        print(f"  skipped line {p.line}: undefined synonym set in {p.objects + p.subject + p.preps}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
