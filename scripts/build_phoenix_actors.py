"""Build eventwire's actor data from the Phoenix dictionaries in ../shared/ontology/phoenix.

The Phoenix/PETRARCH-2 actor dictionaries (Open Event Data Alliance, MIT; built in January 2014
from CountryInfo) are read and written again in eventwire's own formats, under
`src/eventwire/data/actors/`:

    people_phoenix.tsv        one row per dated role (Phoenix.Countries, Phoenix.International)
    states_phoenix.tsv        extra names of existing states, and Hong Kong
    places_phoenix.tsv        cities and regions listed under a country: give a country, never act
    institutions_phoenix.tsv  named state bodies (Phoenix.Countries)
    groups_phoenix.tsv        armed non-state groups (Phoenix.MilNonState), NGOs, named parties
    igos_phoenix.tsv          international organisations (Phoenix.International)
    sectors_phoenix.tsv       agent words ("Israeli troops") with their sector (Phoenix.agents)

The project's own rows win wherever both speak: a name, alias or sector word the project
already has is never written again, and a person the project already knows keeps the Phoenix
rows only for the periods before the project's first row for them.

Run: python scripts/build_phoenix_actors.py [--phoenix DIR] [--out DIR]
(rerunnable; the output files are replaced).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pycountry

from eventwire.actors._names import NOT_CURRENT, SUBORDINATE, fold, surname_keys
from eventwire.actors._tables import Table, read_table

ROOT = Path(__file__).resolve().parent.parent
PHOENIX = ROOT.parent / "shared" / "ontology" / "phoenix"
OUT = ROOT / "src" / "eventwire" / "data" / "actors"
SUFFIX = "_phoenix.tsv"

COUNTRIES_FILE = "Phoenix.Countries.actors.txt"
INTERNATIONAL_FILE = "Phoenix.International.actors.txt"
NONSTATE_FILE = "Phoenix.MilNonState.actors.txt"
AGENTS_FILE = "Phoenix.agents.txt"

SOURCE_DATE = date(2014, 1, 30)
"""The date of CountryInfo.140130, which the Phoenix people were built from: what it says was
in force "since" a date is known to be so up to this day, not after."""

CENTURY_PIVOT = 14
"""Two-digit years up to this one are 20yy, later ones 19yy: the files stop in January 2014 and
go back to the 1930s (a few 8-digit dates reach further back)."""

# ------------------------------------------------------------------ mapping tables

CAMEO_COUNTRIES = {
    "TMP": "TLS",  # East Timor's CAMEO code
    "KSV": "XKX",  # Kosovo: the project uses the user-assigned XKX, as the EU and World Bank do
    "USR": "RUS",  # the Soviet Union: Russia is its continuator state
    "SUN": "RUS",
    "YUG": "SRB",  # Yugoslavia, FR Yugoslavia, Serbia and Montenegro: Serbia continues them
    "FRY": "SRB",
    "SCG": "SRB",
    "DDR": "DEU",  # East Germany joined the Federal Republic in 1990
    "SRP": "BIH",  # Republika Srpska is part of Bosnia and Herzegovina
    "FRN": "FRA",  # a typo in the source (Wallis and Futuna)
    "ANG": "AGO",  # a typo in the source (UNITA)
}
"""CAMEO country codes that are not ISO 3166-1 alpha-3 codes of a state the project lists.
Left out on purpose: CSK (Czechoslovakia had two successors, neither a continuator), KRJ (the
Krajina republic), KNT (Kinakuta, CAMEO's fictional test country)."""

TERRITORY_SOVEREIGN = {
    "ABW": "NLD", "AIA": "GBR", "ANT": "NLD", "ASM": "USA", "BMU": "GBR", "COK": "NZL", "CYM": "GBR",
    "FLK": "GBR", "FRO": "DNK", "GGY": "GBR", "GIB": "GBR", "GLP": "FRA", "GRL": "DNK", "GUF": "FRA",
    "GUM": "USA", "IMN": "GBR", "IMY": "GBR", "MAC": "CHN", "MSR": "GBR", "MTQ": "FRA", "NCL": "FRA",
    "NIU": "NZL", "PCN": "GBR", "PRI": "USA", "PYF": "FRA", "REU": "FRA", "SHN": "GBR", "TKL": "NZL",
    "VGB": "GBR", "VIR": "USA", "WLF": "FRA", "MYT": "FRA", "JEY": "GBR",
}  # fmt: skip
"""Territories that are not states: their people and places belong to the sovereign state, as
CAMEO's own six-letter codes say (USAPRI is the United States; GBRVGB the United Kingdom).
IMY is CAMEO's code for the Isle of Man (ISO IMN)."""

NEW_STATES = {"HKG": ("Hong Kong", "Hongkonger|Hongkongers|Hong Konger|Hong Kongers")}
"""Codes the Phoenix files use that the project's states file lacks but the guideline names:
"Hong Kong, Taiwan and Palestine take their ISO codes"."""

STATUS_CODES = frozenset({"UNR", "OCC", "UNO", "AUT", "GZA", "SSD", "EUR"})
"""Chunks of a country code that say something about the territory (unrecognised, occupied,
UN-administered, autonomous, Gaza, a region), not the sector: skipped when reading a code."""

SECTOR_OF_CODE: dict[str, str | None] = {
    "GOV": "GOV",  # government
    "LEG": "GOV",  # legislators: parliaments are government in this project (sectors.tsv)
    "SPY": "GOV",  # intelligence services are GOV in institutions.tsv
    "MIL": "MIL",
    "COP": "POL",  # police
    "JUD": "JUD",
    "REB": "REB",
    "INS": "REB",  # insurgents
    "SEP": "REB",  # separatists
    "UAF": "REB",  # "unaffiliated armed forces": gunmen, militias, armed groups
    "RAD": "REB",  # extremists, radicals (armed ones in the agents file)
    "IMG": "REB",  # international militarised groups
    "OPP": "OPP",
    "BUS": "BUS",
    "MNC": "BUS",
    "MED": "MED",
    "CVL": "CVL",
    "EDU": "CVL",  # students, teachers
    "HLH": "CVL",  # doctors, nurses
    "AGR": "CVL",  # farmers, herders
    "LAB": "CVL",  # workers, trade unionists
    "REF": "CVL",  # refugees
    "ENV": "CVL",  # environmental activists
    "NGO": "NGO",
    "HRI": "NGO",  # human-rights groups
    "DEV": "NGO",  # development and aid workers
    "IGO": "IGO",
    "ELI": None,  # elites: former officials, spouses, celebrities; not a sector of their own
    "PTY": None,  # parties: ruling or opposition depends on the date, which the word does not say
    "CRM": None,  # criminals: acts between private people are not events under the guideline
    "PPL": None,  # "man", "people": too generic to name an actor
}
"""CAMEO sector (and CAMEO agent) codes -> eventwire sectors. None: no row. Religious codes (REL,
CHR, MUS, JEW, BUD, HIN, ...) are read with `RELIGIOUS_PEOPLE` and `ARMED_NOUNS`."""

RELIGION_CODES = frozenset(
    {"REL", "CHR", "MUS", "JEW", "BUD", "HIN", "CTH", "ORT", "PRO", "SHI", "SUN", "ALE"}
)
RELIGIOUS_PEOPLE = frozenset(
    {"cleric", "clerics", "imam", "imams", "priest", "priests", "bishop", "bishops", "archbishop",
     "archbishops", "monk", "monks", "nun", "nuns", "pastor", "pastors", "rabbi", "rabbis", "mullah",
     "mullahs", "ayatollah", "ayatollahs", "missionary", "missionaries", "pilgrim", "pilgrims", "clergy",
     "clergyman", "clergymen", "preacher", "preachers", "abbot", "abbots", "lama", "lamas", "sadhu",
     "sadhus", "mufti", "muftis", "sheikh", "sheikhs"}
)  # fmt: skip
"""A religious agent word names actors when it ends with one of these (they act: they preach,
march, mediate): CVL. A religion's label alone ("Hindu", "Anglican", "archdiocese") names no actor."""

ARMED_NOUNS = frozenset(
    {"militant", "militants", "extremist", "extremists", "fundamentalist", "fundamentalists",
     "hardliner", "hardliners", "radical", "radicals", "fighter", "fighters", "jihadist", "jihadists",
     "insurgent", "insurgents", "guerrilla", "guerrillas", "warrior", "warriors", "terrorist", "terrorists"}
)  # fmt: skip
"""A religious agent word ending with one of these names armed people: REB."""

ROLE_OF_SECTOR = {
    "GOV": "official",
    "MIL": "military_officer",
    "REB": "rebel_figure",
    "OPP": "opposition_figure",
    "POL": "police_officer",
    "JUD": "judicial_officer",
    "IGO": "igo_official",
    "NGO": "ngo_figure",
    "BUS": "business_figure",
    "MED": "media_figure",
    "CVL": "civilian",
}
"""Phoenix gives no office, only a sector: these generic roles are never the role of a title
(titles.tsv), so "the Russian Foreign Minister" is still resolved from the project's own rows."""

IGO_ORGANISATIONS = {
    "UNO": "United Nations", "NAT": "NATO", "EEC": "European Union", "WHO": "World Health Organization",
    "IAE": "International Atomic Energy Agency", "ILO": "International Labour Organization",
    "HCR": "UNHCR", "FAO": "Food and Agriculture Organization", "WBK": "World Bank",
    "IMF": "International Monetary Fund", "ARL": "Arab League", "ASN": "ASEAN",
    "OAS": "Organization of American States", "KID": "UNICEF", "WFP": "World Food Programme",
    "ITP": "Interpol", "AFU": "African Union", "OAU": "African Union", "WTO": "World Trade Organization",
    "OPC": "OPEC", "GCC": "Gulf Cooperation Council",
}  # fmt: skip
"""The organisation a Phoenix IGO person works for, by the most specific chunk of their code
(IGOUNOHLHWHO: WHO, then UNO). Names are the project's own igos.tsv names."""

TITLE_WORDS = frozenset(
    {"president", "presidents", "vice", "former", "ex", "congressman", "congresswoman", "representative",
     "rep", "senator", "sen", "governor", "gov", "general", "gen", "secretary", "chief", "leader", "premier",
     "minister", "prime", "chairman", "chairwoman", "king", "queen", "prince", "princess", "emir", "amir",
     "sheikh", "sultan", "commander", "colonel", "col", "lieutenant", "lt", "major", "maj", "captain",
     "capt", "admiral", "adm", "marshal", "field", "brigadier", "mr", "mrs", "ms", "dr", "sir", "lord",
     "lady",
     "foreign", "defence", "defense", "interior", "finance", "state", "elect", "acting", "interim", "party",
     "communist", "soviet", "speaker", "ambassador", "envoy", "deputy", "first", "head", "director",
     "supreme", "grand", "ayatollah", "mullah", "pope", "cardinal", "bishop", "reverend", "rev", "judge",
     "justice", "attorney", "spokesman", "spokeswoman", "mayor", "ruler", "monarch", "dictator", "strongman",
     "commander-in-chief", "in", "of", "the", "and", "to", "for", "us", "u", "s", "un", "eu", "de", "facto",
     "nato", "opposition", "rebel", "military", "army", "junta", "cabinet", "government", "regime"}
)  # fmt: skip
"""Words that make up titles and styles in Phoenix names ("FORMER_PRESIDENT_GERALD_R._FORD",
"MOSCOW_PARTY_CHIEF_BORIS_N._YELTSIN"); with the project's titles, modifiers, state names and
organisation names they are stripped to find the name a titled alias stands for."""

INSTITUTION_WORDS = frozenset(
    {"army", "forces", "force", "party", "council", "assembly", "ministry", "department", "bureau", "agency",
     "commission", "administration", "congress", "court", "house", "palace", "front", "movement", "brigade",
     "brigades", "coalition", "declaration", "university", "team", "service", "intelligence", "guard",
     "guards", "rifles", "police", "community", "reserve", "government", "parliament", "office", "committee",
     "union", "organization", "organisation", "federation", "alliance", "league", "authority", "directorate",
     "cabinet", "senate", "observatory", "institute", "bank", "fund", "corporation", "company", "group",
     "network", "radio", "television", "news", "times", "post", "tribunal", "republic", "kingdom", "state",
     "states", "emirate", "regional", "national", "federal", "military", "security", "ansar", "jaish",
     "jaysh", "jabhat", "harakat", "hizb", "tanzim", "kataib", "liwa", "the", "task", "center", "centre",
     "foundation", "society", "association", "mission", "legion", "militia", "militias", "battalion"}
)  # fmt: skip
"""Words that say a name is a body, not a person (for the entries without the CountryInfo mark)."""

FUZZY_MIN_CHARS = 6
FUZZY_MIN_RATIO = 85
"""A misspelt state name ("Afghanestan", "Bangaldesh") is this close to the name (rapidfuzz ratio);
shorter names are too easily close to a city's ("Zabul", "Kabul")."""

SHORT_AGENT = 5
SHORT_AGENTS = frozenset({"ceo", "ceos", "tv", "tvs"})
"""Single agent words this short are abbreviations ("capts", "lts", "gens") unless they are
English words or one of these."""

MIN_ACRONYM = 3
"""Shorter acronyms ("AQ", "SF") mostly mean something else."""

# ------------------------------------------------------------------ the Phoenix format


class PhoenixError(ValueError):
    """A Phoenix file or value that cannot be read."""


@dataclass(frozen=True, slots=True)
class Code:
    """One `[CODE dates]` of an entry."""

    code: str
    start: date | None = None
    end: date | None = None
    default: bool = False
    """No dates: in force wherever no dated code of the entry is."""


@dataclass(slots=True)
class PhoenixEntry:
    """A head name with its `+` synonyms and its codes."""

    names: list[str]
    codes: list[Code] = field(default_factory=list)
    line: int = 0
    countryinfo: bool = False
    """Marked `# CountryInfo.txt`: a person from the CountryInfo lists."""


_CODE = re.compile(r"\[([^\]]*)\]")
_DIGITS = re.compile(r"\d+")


def parse_phoenix_date(text: str) -> date:
    """A Phoenix date: `yymmdd` (two-digit years pivot at `CENTURY_PIVOT`) or `yyyymmdd`.

    The source has a few typed-twice centuries ("1920030320" for 2003-03-20) and a trailing extra
    digit ("201005011"): the valid 8-digit date inside is taken. Day or month 00 reads as 01.

    Raises:
        PhoenixError: for anything else.
    """
    digits = text.strip()
    if not digits.isdigit():
        raise PhoenixError(f"'{text}' is not a date")
    if len(digits) == 6:
        yy = int(digits[:2])
        candidates = [f"{2000 + yy if yy <= CENTURY_PIVOT else 1900 + yy}{digits[2:]}"]
    elif len(digits) == 8:
        candidates = [digits]
    elif len(digits) == 10 and digits[:2] in ("19", "20"):
        candidates = [digits[2:]]
    elif len(digits) == 9:
        candidates = [digits[:8]]
    else:
        raise PhoenixError(f"'{text}' is not a date (yymmdd or yyyymmdd)")
    for value in candidates:
        year, month, day = int(value[:4]), max(int(value[4:6]), 1), max(int(value[6:8]), 1)
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise PhoenixError(f"'{text}' is not a valid date")


def parse_span(spec: str) -> tuple[date | None, date | None, bool]:
    """The dates of a code: `>start`, `<end`, `start-end`, a lone date (a start), or nothing.

    Returns:
        (start, end, default): default is True when no date is given.
    Raises:
        PhoenixError: for a date that cannot be read.
    """
    spec = "".join(spec.split())
    if not spec:
        return None, None, True
    if spec.startswith(">"):
        return parse_phoenix_date(spec[1:]), None, False
    if spec.startswith("<"):
        return None, parse_phoenix_date(spec[1:]), False
    if "-" in spec:
        first, _, last = spec.partition("-")
        start, end = parse_phoenix_date(first), parse_phoenix_date(last)
        if start > end and len(first) == 6 and start.year >= 2000:
            # "100101-331108": someone in a role from 1910, not 2010 (the pivot read it late).
            start = start.replace(year=start.year - 100)
        if start > end:
            raise PhoenixError(f"'{spec}': start after end")
        return start, end, False
    return parse_phoenix_date(spec), None, False


def _codes(text: str, problems: Counter[str]) -> list[Code]:
    found = []
    for inside in _CODE.findall(text):
        parts = inside.split(None, 1)
        if not parts:
            continue
        letters = parts[0].strip()
        try:
            start, end, default = parse_span(parts[1] if len(parts) > 1 else "")
        except PhoenixError:
            problems["unreadable date"] += 1
            continue
        found.append(Code(letters, start, end, default))
    return found


def parse_actor_file(text: str, problems: Counter[str] | None = None) -> list[PhoenixEntry]:
    """Entries of a Phoenix actor file.

    A line that does not start with `+`, a tab or a space is a head name, with its codes on the
    same line or on the indented lines after its `+` synonyms. Consecutive heads without codes
    share the codes that follow (the TABARI convention: "GERALD_R._FORD_", then "FORMER_PRESIDENT_
    GERALD_R._FORD", then the codes); a blank line ends such a run. `#` starts a comment.
    """
    problems = problems if problems is not None else Counter()
    entries: list[PhoenixEntry] = []
    run: PhoenixEntry | None = None
    """The entry being read; it gets later heads as synonyms until it has codes."""
    for number, raw in enumerate(text.splitlines(), start=1):
        body, _, comment = raw.partition("#")
        if not body.strip():
            if not raw.strip() and run is not None and not run.codes:
                run = None
            continue
        name, _, codes = body.partition("[")
        codes = "[" + codes if codes else ""
        if body.startswith("+"):
            if run is not None:
                run.names.extend(n.strip() for n in name[1:].split("+") if n.strip())
                run.codes.extend(_codes(codes, problems))
        elif body[0] in " \t":
            if run is not None:
                run.codes.extend(_codes(codes, problems))
        elif run is not None and not run.codes:
            run.names.extend(n.strip() for n in name.split("+") if n.strip())
            run.codes.extend(_codes(codes, problems))
            run.countryinfo = run.countryinfo or "CountryInfo" in comment
        else:
            names = [n.strip() for n in name.split("+") if n.strip()]
            if not names:
                continue
            run = PhoenixEntry(names, _codes(codes, problems), number, "CountryInfo" in comment)
            entries.append(run)
    return [e for e in entries if e.codes]


@dataclass(frozen=True, slots=True)
class AgentWord:
    word: str
    code: str


PLURAL_NONE_ENDINGS = (
    "s",
    "men",
    "people",
    "police",
    "personnel",
    "staff",
    "clergy",
    "military",
    "leadership",
)


def plural(word: str) -> str | None:
    """The regular plural the Phoenix agents format leaves out ("rebel" -> "rebels"); None for a
    phrase whose head noun comes before a preposition ("minister of finance": the substitution
    sets already list "ministers")."""
    if set(word.split()) & PREPOSITIONS:
        return None
    if word.endswith(PLURAL_NONE_ENDINGS) or word.endswith(("ic", "ese", "ish")):
        return None
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def parse_agents(text: str) -> list[AgentWord]:
    """Agent words with their codes, substitution sets and plurals expanded.

    Format: `WORD [~CODE]`, `WORD {PLURAL} [~CODE]` (an irregular plural; `{}`: none),
    `!SET! = A, B` substitution sets used inside words ("CATTLE!PERSON!"), `[CODE~]` for agents
    written before a name (peacekeepers of an IGO).
    """
    sets: dict[str, list[str]] = {}
    words: list[AgentWord] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            name, _, values = line.partition("=")
            sets[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        match = re.match(r"^(?P<word>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]", line)
        if not match:
            continue
        code = match.group("code").strip()
        plurals = match.group("plural")
        for word in _expand(match.group("word"), sets):
            forms = [word]
            if plurals is None:
                extra = plural(word)
                forms += [extra] if extra else []
            else:
                forms += [_agent_text(p) for p in plurals.split(",") if _agent_text(p)]
            words.extend(AgentWord(form, code) for form in forms)
    return words


def _agent_text(raw: str) -> str:
    return " ".join(raw.replace("_", " ").lower().split())


def _expand(word: str, sets: dict[str, list[str]]) -> list[str]:
    for name, values in sets.items():
        if name in word:
            return [w for v in values for w in _expand(word.replace(name, v, 1), sets)]
    text = _agent_text(word)
    return [text] if text else []


# ------------------------------------------------------------------ names


PARTICLES = frozenset(
    {"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "bin", "ibn", "bint", "ben", "de", "da", "das",
     "do", "dos", "del", "della", "di", "du", "des", "la", "le", "van", "von", "der", "den", "ter", "y", "e",
     "of", "the", "and", "for", "in", "on", "wa", "wal"}
)  # fmt: skip
ROMAN = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xii", "xiii", "xiv", "xv", "xvi"})
"""Regnal numbers; "xi" is left out: it is Mr Xi's name far more often."""
ACRONYMS = frozenset({"us", "un", "eu", "uk", "usa", "nato", "opec", "asean", "ussr", "sfsr", "prc", "drc"})
"""Words written in capitals inside names ("US Department of Justice")."""
PREPOSITIONS = frozenset({"of", "for", "in", "on", "to", "with", "de", "del", "du", "des", "against"})
STATE_FORM_WORDS = frozenset(
    {"republic", "kingdom", "state", "states", "democratic", "islamic", "people's", "peoples", "federal",
     "federation", "union", "united", "socialist", "arab", "of", "the", "commonwealth", "principality",
     "grand", "duchy", "sultanate", "emirate", "plurinational", "bolivarian", "cooperative", "independent",
     "popular", "hashemite", "dem", "rep", "democratique", "republique", "du", "de", "la", "el", "al",
     "and", "nation", "territory", "country"}
)  # fmt: skip
"""Words around a state's name in its formal names ("Islamic Republic of Afghanistan")."""


def display_name(raw: str, acronym: bool = False) -> str:
    """A Phoenix NAME_ in news case: "BASHAR_AL-ASSAD" -> "Bashar al-Assad", "O'BRIEN" -> "O'Brien"."""
    text = " ".join(raw.replace("_", " ").split()).strip(" ,;:")
    if acronym or (len(text) <= MIN_ACRONYM and text.isalpha()):
        return text.upper()
    words = []
    for i, word in enumerate(text.split(" ")):
        parts = word.split("-")
        cased = [_case_part(p, first=(i == 0 and j == 0)) for j, p in enumerate(parts)]
        words.append("-".join(cased))
    return " ".join(words)


def _case_part(part: str, first: bool) -> str:
    low = part.lower()
    if not low:
        return part
    if low in ROMAN:
        return low.upper()
    if low in PARTICLES and not first:
        return low
    if low.startswith("mc") and len(low) > 2:
        return "Mc" + low[2:].capitalize()
    if "'" in low:
        head, _, tail = low.partition("'")
        if len(head) == 1 and tail:
            return head.upper() + "'" + tail.capitalize()
        return head.capitalize() + "'" + tail
    if "." in low and all(len(piece) <= 2 for piece in low.split(".")):
        return low.upper()  # initials: "A.F.M.", "U.S."
    if low in ACRONYMS or (len(low) >= 2 and not re.search("[aeiouy0-9]", low)):
        return low.upper()  # "US", "NSC"
    return low.capitalize()


def clean_raw(raw: str) -> tuple[str, list[str]]:
    """A raw Phoenix name without its parenthesised parts, and the acronyms they held:
    "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" -> ("ADEN_ABYAN_ISLAMIC_ARMY_", ["AAIA"])."""
    acronyms = []
    for inner in re.findall(r"\(([^)]*)\)", raw):
        token = inner.strip(" _")
        if token.isalpha() and token.isupper() and len(token) >= MIN_ACRONYM:
            acronyms.append(token)
    text = re.sub(r"\([^)]*\)", " ", raw)
    text = re.sub(r"^A\.?K\.?A\.?_|_AKA_?$", "", text)
    return text, acronyms


# ------------------------------------------------------------------ what the project has


@dataclass(slots=True)
class Project:
    """What the project's own files say, which wins over Phoenix."""

    states: set[str]
    state_keys: dict[str, str]
    """Folded state names, aliases, demonyms and capitals -> ISO3."""
    state_names: dict[str, tuple[list[str], list[str]]]
    """ISO3 -> (folded names and aliases, folded demonyms)."""
    state_display: dict[str, str]
    """ISO3 -> the state's name as written."""
    names: dict[str, str]
    """Folded names and aliases of every named actor -> "kind:canonical"."""
    people: dict[str, list[tuple[str, set[str | None], date]]]
    """Folded person name or alias -> (canonical, countries, first start)."""
    sectors: set[str]
    titles: set[str]
    title_roles: set[str]
    org_words: set[str]
    """Folded organisation names and aliases (stripped from titled names: "UN Secretary-General")."""
    common_words: frozenset[str]
    """English words written in lower case: a single word that is one is not a name."""


def load_project(folder: Path, common_words: frozenset[str]) -> Project:
    tables = [read_table(path) for path in sorted(folder.glob("*.tsv")) if not path.name.endswith(SUFFIX)]
    return project_from_tables(tables, common_words)


def project_from_tables(tables: Iterable[Table], common_words: frozenset[str]) -> Project:
    project = Project(set(), {}, {}, {}, {}, defaultdict(list), set(), set(), set(), set(), common_words)
    people: dict[str, tuple[set[str | None], date, list[str]]] = {}
    for table in tables:
        for row in table.rows:
            cells = row.cells
            if table.kind == "states":
                project.states.add(cells["iso3"])
                project.state_display.setdefault(cells["iso3"], cells["name"])
                names, demonyms = project.state_names.setdefault(cells["iso3"], ([], []))
                names += [fold(v) for v in [cells["name"], *row.values("aliases")]]
                demonyms += [fold(v) for v in row.values("demonyms")]
                for column in ("name", "aliases", "demonyms", "capitals"):
                    for value in row.values(column):
                        project.state_keys.setdefault(fold(value), cells["iso3"])
                        project.names.setdefault(fold(value), "state:" + cells["iso3"])
            elif table.kind in ("igos", "groups", "institutions"):
                for value in [cells["name"], *row.values("aliases")]:
                    project.names.setdefault(fold(value), f"{table.kind}:{cells['name']}")
                    project.org_words.add(fold(value))
            elif table.kind == "people":
                countries, first, surfaces = people.get(cells["name"], (set(), date.max, []))
                countries.add(cells.get("country") or None)
                start = date.fromisoformat(cells["start"])
                people[cells["name"]] = (countries, min(first, start), surfaces + row.values("aliases"))
            elif table.kind == "sectors":
                project.sectors.add(fold(cells["word"]))
            elif table.kind == "titles":
                project.titles.add(fold(cells["title"]))
                if cells.get("role"):
                    project.title_roles.add(cells["role"])
    for name, (countries, first, aliases) in people.items():
        for surface in [name, *aliases]:
            project.people[fold(surface)].append((name, countries, first))
            project.names.setdefault(fold(surface), "person:" + name)
    return project


def common_english_words() -> frozenset[str]:
    """Lower-case English words (Webster's Second, through the english-words package): "male",
    "nice" and "split" are words before they are places or names."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False) if w.islower())


# ------------------------------------------------------------------ reading codes


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a Phoenix code says: a country, the chunks after it, the first sector chunk."""

    country: str | None
    head: str
    sector_code: str | None
    rest: tuple[str, ...]


def read_code(code: str, project: Project) -> Meaning:
    """ "RUSGOV" -> Russia, GOV; "GBRVGBELI" -> United Kingdom, ELI; "IGOUNOHLHWHO" -> no country,
    IGO; "USAASM" -> the United States (a territory, no sector)."""
    letters = code.strip().upper()
    chunks = tuple(letters[i : i + 3] for i in range(0, len(letters), 3))
    if not chunks:
        return Meaning(None, "", None, ())
    head = chunks[0]
    country = map_country(head, project)
    sector = None
    if head in SECTOR_OF_CODE or head in RELIGION_CODES:
        sector = head
    else:
        for chunk in chunks[1:]:
            if chunk in SECTOR_OF_CODE or chunk in RELIGION_CODES:
                sector = chunk
                break
            if chunk in STATUS_CODES or map_country(chunk, project) or chunk in TERRITORY_SOVEREIGN:
                continue
            break
    return Meaning(country, head, sector, chunks[1:])


def map_country(code: str, project: Project) -> str | None:
    """A CAMEO country code -> an ISO3 code of a state the project lists (or a new one)."""
    if code in project.states or code in NEW_STATES:
        return code
    if code in CAMEO_COUNTRIES:
        return CAMEO_COUNTRIES[code]
    if code in TERRITORY_SOVEREIGN:
        return TERRITORY_SOVEREIGN[code]
    if pycountry.countries.get(alpha_3=code) is not None and code in project.states:
        return code
    return None


# ------------------------------------------------------------------ the conversion


@dataclass(slots=True)
class Output:
    """The rows of every file, and counts of what was left out and why."""

    people: list[list[str]] = field(default_factory=list)
    states: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    places: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    place_names: dict[str, str] = field(default_factory=dict)
    institutions: list[list[str]] = field(default_factory=list)
    groups: list[list[str]] = field(default_factory=list)
    igos: list[list[str]] = field(default_factory=list)
    sectors: dict[str, str] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)


class Converter:
    """Phoenix entries -> eventwire rows, with the project's data to defer to."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.out = Output()
        self.strip_words = (
            set(TITLE_WORDS)
            | set(NOT_CURRENT)
            | set(SUBORDINATE)
            | {w for t in project.titles for w in t.split()}
            | {w for key in project.state_keys for w in key.split()}
            | {w for key in project.org_words if len(key.split()) == 1 for w in key.split()}
        )
        self.single_word_states = {k for k in project.state_keys if " " not in k}
        self.claimed: dict[str, str] = {}
        """Folded surfaces this conversion wrote -> "kind:canonical", so no two actors share one."""
        self.pending_people: list[_Person] = []

    # -------------------------------------------------------------- names

    def core(self, tokens: list[str]) -> list[str]:
        """The tokens of a name without the titles, styles, states and bodies in front of it."""
        i = 0
        while i < len(tokens) and tokens[i] in self.strip_words:
            i += 1
        return tokens[i:]

    def is_common_word(self, surface: str) -> bool:
        words = fold(surface).split()
        return len(words) == 1 and words[0] in self.project.common_words

    def free(self, surface: str, owner: str) -> bool:
        """Whether a folded surface may be written for `owner`: the project does not have it for
        another actor, and no other Phoenix actor took it."""
        key = fold(surface)
        if not key:
            return False
        theirs = self.project.names.get(key)
        if theirs is not None and theirs != owner:
            return False
        claimed = self.claimed.get(key)
        return claimed is None or claimed == owner

    def claim(self, surfaces: Iterable[str], owner: str) -> list[str]:
        kept = []
        for surface in surfaces:
            if self.free(surface, owner):
                self.claimed[fold(surface)] = owner
                kept.append(surface)
        return kept

    # -------------------------------------------------------------- countries file

    def countries_file(self, entries: list[PhoenixEntry]) -> None:
        for entry in entries:
            meanings = [(code, read_code(code.code, self.project)) for code in entry.codes]
            if all(m.sector_code is None for _, m in meanings):
                self.country_entry(entry, meanings)
            elif entry.countryinfo or self.looks_like_person(entry):
                self.person(entry, meanings)
            else:
                self.body(entry, meanings)
        self.flush_people()

    def looks_like_person(self, entry: PhoenixEntry, strict: bool = False) -> bool:
        """Whether an entry without the CountryInfo mark is a person: no word of a body's name,
        and two words or more or dated roles. `strict` (no dates to go by): two to five words,
        letters only, at most one of them an English word ("Jan Erik Wilhelmsen", not "Anarchist
        Struggle")."""
        raw, _ = clean_raw(entry.names[0])
        words = fold(raw).split()
        tokens = self.core(words)
        if not tokens or any(t in INSTITUTION_WORDS for t in words):
            return False
        if strict:
            common = [t for t in tokens if t in self.project.common_words and t not in PARTICLES]
            return 2 <= len(tokens) <= 5 and all(t.isalpha() for t in tokens) and len(common) <= 1
        dated = any(not c.default for c in entry.codes)
        return len(tokens) >= 2 or dated

    def country_entry(self, entry: PhoenixEntry, meanings: list[tuple[Code, Meaning]]) -> None:
        """A country's names: variants of the state's name become aliases, the rest places."""
        current = [m for c, m in meanings if c.end is None and m.country]
        countries = {m.country for m in current} or {m.country for _, m in meanings if m.country}
        if len(countries) != 1:
            self.out.skipped["country entry without one country"] += 1
            return
        iso3 = next(iter(countries))
        assert iso3 is not None
        territory = any(m.head in TERRITORY_SOVEREIGN or m.rest for _, m in meanings)
        for raw in entry.names:
            name = display_name(clean_raw(raw)[0])
            key = fold(name)
            if not key or "\ufffd" in name:
                continue
            if self.project.state_keys.get(key) is not None:
                continue  # the project has it (for this state or another one)
            column = None if territory else self.state_name_column(key, iso3)
            if column:
                self.add_state_alias(iso3, name, column)
            else:
                self.add_place(name, iso3)

    def state_name_column(self, key: str, iso3: str) -> str | None:
        """ "aliases" for a spelling of the state's own name ("AFGHANESTAN") or a formal name
        ("ISLAMIC_REPUBLIC_OF_AFGHANISTAN"), "demonyms" for a spelling of its demonym, None for
        a city, a region or anything else under it."""
        from rapidfuzz import fuzz

        names, demonyms = self.project.state_names.get(iso3, ((), ()))
        words = key.split()
        for known in names:
            known_words = known.split()
            for i in range(len(words) - len(known_words) + 1):
                if words[i : i + len(known_words)] == known_words:
                    rest = words[:i] + words[i + len(known_words) :]
                    if rest and all(w in STATE_FORM_WORDS for w in rest):
                        return "aliases"
        if len(key) < FUZZY_MIN_CHARS:
            return None
        best = max(
            ((fuzz.ratio(k, key), "aliases") for k in names if len(k) >= FUZZY_MIN_CHARS), default=(0, "")
        )
        best = max([best, *((fuzz.ratio(k, key), "demonyms") for k in demonyms if len(k) >= FUZZY_MIN_CHARS)])
        return best[1] if best[0] >= FUZZY_MIN_RATIO else None

    def add_state_alias(self, iso3: str, name: str, column: str) -> None:
        if not self.free(name, "state:" + iso3):
            return
        self.claim([name], "state:" + iso3)
        self.out.states.setdefault(iso3, {"aliases": [], "demonyms": []})[column].append(name)

    def add_place(self, name: str, iso3: str) -> None:
        key = fold(name)
        if self.is_common_word(name) or len(key) < 3:
            self.out.skipped["place that is a common word"] += 1
            return
        if key in self.project.names or key in self.project.people:
            self.out.skipped["place that names an actor"] += 1
            return
        self.out.places[key].add(iso3)
        self.out.place_names.setdefault(key, name)

    def body(self, entry: PhoenixEntry, meanings: list[tuple[Code, Meaning]]) -> None:
        """A named body in the countries file: a state institution, or a group."""
        chosen = _latest(meanings)
        if chosen is None:
            self.out.skipped["body without a country and sector"] += 1
            return
        _, meaning = chosen
        sector = self.sector(meaning)
        if sector is None or meaning.country is None:
            self.out.skipped["body without a country and sector"] += 1
            return
        kind = "institutions" if sector in ("GOV", "MIL", "POL", "JUD") else "groups"
        self.named(kind, entry, meaning.country, sector)

    def sector(self, meaning: Meaning) -> str | None:
        if meaning.sector_code is None:
            return None
        if meaning.sector_code in RELIGION_CODES:
            return None
        return SECTOR_OF_CODE.get(meaning.sector_code)

    def named(self, kind: str, entry: PhoenixEntry, country: str | None, sector: str) -> None:
        surfaces: list[str] = []
        for raw in entry.names:
            text, acronyms = clean_raw(raw)
            if "\ufffd" in text:
                continue
            parenthesised = re.findall(r"\(([^)]*)\)", raw)
            name = display_name(text, acronym=_is_acronym(text))
            if parenthesised and not acronyms:
                # "PEOPLE'S_REVOLUTIONARY_ARMY_(COLOMBIA)_": the bracket tells two groups apart.
                name = f"{name} ({display_name(parenthesised[0])})"
            surfaces += [name, *acronyms]
        surfaces = [s for s in dict.fromkeys(surfaces) if s and not self.is_common_word(s)]
        surfaces = [s for s in surfaces if len(fold(s).replace(" ", "")) >= MIN_ACRONYM]
        # A title with a state ("US Secretary of State") is the title reader's, and a body of an
        # organisation the project knows ("UN Mission in Sudan", "ASEAN countries") is found
        # inside the phrase by the resolver.
        surfaces = [s for s in surfaces if not self.is_title(s) and not self.inside_known_org(s)]
        if not surfaces or fold(surfaces[0]) != fold(display_name(clean_raw(entry.names[0])[0])):
            self.out.skipped[f"{kind} without a usable name"] += 1
            return
        owner = f"{kind}:{surfaces[0]}"
        if fold(surfaces[0]) in self.project.names:
            self.out.skipped[f"{kind} the project has"] += 1
            return
        kept = self.claim(surfaces, owner)
        if not kept or kept[0] != surfaces[0]:
            self.out.skipped[f"{kind} whose name another actor has"] += 1
            return
        aliases = "|".join(kept[1:])
        if kind == "igos":
            self.out.igos.append([kept[0], aliases])
        elif kind == "institutions":
            self.out.institutions.append([kept[0], aliases, country or "", sector])
        else:
            self.out.groups.append([kept[0], aliases, country or "", sector])

    def is_title(self, surface: str) -> bool:
        return all(t in self.strip_words for t in fold(surface).split())

    def inside_known_org(self, surface: str) -> bool:
        words = fold(surface).split()
        for size in range(1, len(words)):
            for i in range(len(words) - size + 1):
                if " ".join(words[i : i + size]) in self.project.org_words:
                    return True
        return False

    # -------------------------------------------------------------- people

    def person(self, entry: PhoenixEntry, meanings: list[tuple[Code, Meaning]]) -> None:
        rows = []
        for code, meaning in meanings:
            if meaning.sector_code == "ELI":
                continue  # a person outside office keeps the identity of their nearest term
            sector = self.sector(meaning)
            if sector is None:
                continue
            organisation = ""
            country = meaning.country
            if sector == "IGO" or meaning.head == "IGO":
                sector = "IGO"
                organisation = igo_organisation(meaning)
                country = None
                if not organisation:
                    continue
            elif country is None and sector != "REB":
                continue  # a person with no state is an IGO's official or a transnational rebel
            rows.append((code, country, sector, organisation))
        if not rows:
            self.out.skipped["person with no usable code"] += 1
            return
        names = self.person_names(entry)
        if names is None:
            self.out.skipped["title, not a person"] += 1
            return
        self.pending_people.append(_Person(names, rows, entry.line))

    def person_names(self, entry: PhoenixEntry) -> list[str] | None:
        """The canonical name first, then the spelling variants; None for a title entry
        ("PRESIDENT_OF_THE_UNITED_STATES_")."""
        plain: list[list[str]] = []
        titled: list[list[str]] = []
        for raw in entry.names:
            text, _ = clean_raw(raw)
            if "\ufffd" in text:
                continue
            tokens = fold(display_name(text)).split()
            if not tokens:
                continue
            (plain if self.core(tokens) == tokens else titled).append(tokens)
        if not plain:
            cores = [self.core(t) for t in titled]
            plain = [c for c in cores if len(c) >= 2]
            if not plain:
                return None
        canonical = plain[0]
        keys = {" ".join(t) for t in plain} | surname_keys(" ".join(canonical), None)
        variants = []
        for tokens in titled:
            core = self.core(tokens)
            if any(" ".join(tokens[i:]) in keys for i in range(1, len(tokens))):
                continue  # a title before a name the entry has: the resolver reads titles itself
            if len(core) >= 2:
                variants.append(core)
        names: list[str] = []
        originals = {fold(display_name(clean_raw(r)[0])): display_name(clean_raw(r)[0]) for r in entry.names}
        surnames = surname_keys(" ".join(canonical), None)
        for tokens in [*plain, *variants]:
            key = " ".join(tokens)
            if len(tokens) == 1 and (key in surnames or key in self.project.common_words):
                continue  # "NIXON": the dictionary derives surnames itself
            if len(tokens) == 1 and len(key) < MIN_ACRONYM:
                continue
            names.append(originals.get(key) or display_name(key.replace(" ", "_")))
        names = list(dict.fromkeys(names))
        return names or None

    def flush_people(self) -> None:
        """Merge the people read so far (same name and country: one person), defer to the
        project's people, and write their rows."""
        merged: dict[str, _Person] = {}
        order: list[str] = []
        for person in self.pending_people:
            key = fold(person.names[0])
            countries = person.countries()
            same = merged.get(key)
            if same is not None and (same.countries() & countries or not countries):
                same.names += [n for n in person.names if n not in same.names]
                same.rows += person.rows
            elif same is not None:
                same.ambiguous = True
            else:
                merged[key] = person
                order.append(key)
        self.pending_people = []
        # Words of everyone's full names: a one-word name that is also part of someone's full name
        # ("HASSAN_", Jordan's prince, and Samia Suluhu Hassan) would take every bare "Hassan".
        name_words = {w for k in self.project.people for w in k.split() if " " in k}
        name_words |= {w for m in merged.values() for n in m.names if " " in n for w in fold(n).split()}
        for key in order:
            person = merged[key]
            if person.ambiguous:
                self.out.skipped["person name shared by people of two countries"] += 1
                continue
            person.names = [n for n in person.names if " " in n.strip() or fold(n) not in name_words]
            if not person.names:
                self.out.skipped["one-word name that is part of other people's names"] += 1
                continue
            self.write_person(person)

    def write_person(self, person: _Person) -> None:
        countries = person.countries()
        known = self.project_person(person, countries)
        if known is not None:
            canonical, first = known
            owner = "person:" + canonical
            rows = _before(person.rows, first)
            if not rows:
                self.out.skipped["person the project has, no earlier period"] += 1
                return
            self.out.skipped["person the project has, earlier periods kept"] += 1
            names = [canonical] + [n for n in person.names if fold(n) != fold(canonical)]
        else:
            canonical = person.names[0]
            owner = "person:" + canonical
            if not self.free(canonical, owner):
                self.out.skipped["person whose name another actor has"] += 1
                return
            rows = person.rows
            names = person.names
        kept = self.claim(names, owner) if known is None else [canonical, *self.claim(names[1:], owner)]
        aliases = "|".join(n for n in kept[1:] if fold(n) != fold(canonical))
        for code, country, sector, organisation in _periods(rows):
            start, end = code
            self.out.people.append(
                [canonical, aliases, country or "", sector, ROLE_OF_SECTOR[sector], start.isoformat(),
                 end.isoformat() if end else "", organisation]
            )  # fmt: skip

    def project_person(self, person: _Person, countries: set[str | None]) -> tuple[str, date] | None:
        for name in person.names:
            for canonical, their_countries, first in self.project.people.get(fold(name), []):
                if their_countries & countries or None in their_countries or not countries:
                    return canonical, first
        return None

    # -------------------------------------------------------------- other files

    def international_file(self, entries: list[PhoenixEntry]) -> None:
        for entry in entries:
            meanings = [(code, read_code(code.code, self.project)) for code in entry.codes]
            heads = {m.head for _, m in meanings}
            if "MNC" in heads:
                self.out.skipped["company (MNC)"] += 1
                continue
            dated = any(not c.default for c, _ in meanings)
            if self.looks_like_person(entry, strict=not dated):
                self.person(entry, meanings)
            elif "IGO" in heads:
                self.named("igos", entry, None, "IGO")
            elif "NGO" in heads:
                country = next((m.rest and map_country(m.rest[0], self.project) for _, m in meanings), None)
                self.named("groups", entry, country or None, "NGO")
            elif heads & {"MED"}:
                self.named("groups", entry, None, "MED")
            else:
                self.out.skipped["international entry of another kind"] += 1
        self.flush_people()

    def nonstate_file(self, entries: list[PhoenixEntry]) -> None:
        for entry in entries:
            chosen = _latest([(code, read_code(code.code, self.project)) for code in entry.codes])
            if chosen is None:
                continue
            _, meaning = chosen
            sector = self.sector(meaning) or "REB"
            country = meaning.country
            named = self.country_in_name(entry.names[0])
            if self.looks_like_person(entry, strict=True):
                self.person(entry, [(Code(c.code, c.start, c.end, c.default), meaning) for c in entry.codes])
                continue
            # The guideline: armed non-state groups take their home state; transnational ones none.
            self.named("groups", entry, named or country, sector)

    def country_in_name(self, raw: str) -> str | None:
        for inner in re.findall(r"\(([^)]*)\)", raw):
            code = self.project.state_keys.get(fold(inner.replace("_", " ")))
            if code:
                return code
        return None

    def agents_file(self, words: list[AgentWord]) -> None:
        for agent in words:
            code = agent.code.strip()
            if code.endswith("~"):
                self.out.skipped["agent written before a name (IGO~)"] += 1
                continue
            letters = code.lstrip("~")
            sector = self.agent_sector(agent.word, letters)
            key = fold(agent.word)
            if sector is None:
                self.out.skipped["agent with no eventwire sector"] += 1
                continue
            if (
                key in self.out.sectors
                or {key, fold(plural(key) or ""), key.removesuffix("s")} & self.project.sectors
            ):
                continue  # the project's word, or its singular or plural, wins
            words = {form for word in key.split() for form in _singulars(word)}
            if (
                self.names_title(key)
                or words & self.single_word_states
                or words & (NOT_CURRENT | SUBORDINATE)
            ):
                # "presidents", "deputy", "former premier": the title reader's words, and words that
                # make a title another office; "American troops" is read as a state plus "troops".
                self.out.skipped["agent that is a title or names a state"] += 1
                continue
            if key in self.project.names:
                self.out.skipped["agent that names an actor"] += 1
                continue
            if (
                " " not in key
                and len(key) <= SHORT_AGENT
                and key not in self.project.common_words | SHORT_AGENTS
            ):
                self.out.skipped["agent that is an abbreviation"] += 1  # "capts", "ens", "lts"
                continue
            self.out.sectors[key] = sector

    def names_title(self, key: str) -> bool:
        """Whether an agent word is, or holds, a title of the project ("presidents", "minister
        for lands"): titles are resolved to office holders, not to a sector."""
        return any(_singulars(word) & self.project.titles for word in [key, *key.split()])

    @staticmethod
    def agent_sector(word: str, letters: str) -> str | None:
        head = letters[:3]
        last = word.split()[-1] if word.split() else ""
        if head in RELIGION_CODES:
            if last in ARMED_NOUNS:
                return "REB"
            return "CVL" if last in RELIGIOUS_PEOPLE else None
        return SECTOR_OF_CODE.get(head)


@dataclass(slots=True)
class _Person:
    names: list[str]
    rows: list[tuple[Code, str | None, str, str]]
    line: int
    ambiguous: bool = False

    def countries(self) -> set[str | None]:
        return {country for _, country, _, _ in self.rows}


def _singulars(word: str) -> set[str]:
    """A word with the forms its singular may take ("deputies" -> "deputy", "spokesmen")."""
    return {
        word,
        word.removesuffix("s"),
        word.removesuffix("es"),
        re.sub("ies$", "y", word),
        re.sub("men$", "man", word),
    }


def _is_acronym(text: str) -> bool:
    word = text.replace("_", "").replace(".", "").strip()
    return (
        word.isalpha()
        and " " not in text.strip("_ ")
        and (len(word) <= MIN_ACRONYM or not re.search("[AEIOUY]", word))
    )


def _latest(meanings: list[tuple[Code, Meaning]]) -> tuple[Code, Meaning] | None:
    """The code in force last (open-ended or undated first, then the latest end)."""
    usable = [(c, m) for c, m in meanings if m.sector_code is not None]
    if not usable:
        return None
    return max(usable, key=lambda cm: (cm[0].end is None, cm[0].end or date.min, cm[0].start or date.min))


def igo_organisation(meaning: Meaning) -> str:
    for chunk in reversed(meaning.rest):
        if chunk in IGO_ORGANISATIONS:
            return IGO_ORGANISATIONS[chunk]
    return ""


def _before(
    rows: list[tuple[Code, str | None, str, str]], first: date
) -> list[tuple[Code, str | None, str, str]]:
    """Rows cut to end before `first` (the project's first row for the person)."""
    kept = []
    last_day = first - timedelta(days=1)
    for code, country, sector, organisation in rows:
        start = code.start or code.end
        if code.default or start is None or start > last_day:
            continue
        end = min(code.end or SOURCE_DATE, last_day)
        kept.append((Code(code.code, start, end), country, sector, organisation))
    return kept


def _periods(
    rows: list[tuple[Code, str | None, str, str]],
) -> Iterator[tuple[tuple[date, date | None], str | None, str, str]]:
    """Dated rows for a person: a dated code as it is (open ends close on `SOURCE_DATE`, a `<end`
    code starts on its end); undated codes fill the time after the last dated one up to the source
    date, or, alone, stand for that one day."""
    dated = [r for r in rows if not r[0].default]
    seen: set[tuple[date, date | None, str | None, str]] = set()
    for code, country, sector, organisation in sorted(
        dated, key=lambda r: r[0].start or r[0].end or date.min
    ):
        start = code.start or code.end
        assert start is not None
        end = code.end or SOURCE_DATE
        if end < start:
            end = start
        if (start, end, country, sector) in seen:
            continue
        seen.add((start, end, country, sector))
        yield (start, end), country, sector, organisation
    defaults = [r for r in rows if r[0].default]
    if defaults:
        code, country, sector, organisation = defaults[-1]
        last_end = max((r[0].end or SOURCE_DATE for r in dated), default=None)
        if last_end is None:
            yield (SOURCE_DATE, SOURCE_DATE), country, sector, organisation
        elif last_end < SOURCE_DATE:
            yield (last_end + timedelta(days=1), SOURCE_DATE), country, sector, organisation


# ------------------------------------------------------------------ writing


def licence_header(phoenix: Path, what: str, columns: str) -> str:
    notice = (phoenix / "LICENSE").read_text(encoding="utf-8").strip().splitlines()
    lines = [
        f"# {what}",
        "# Built by scripts/build_phoenix_actors.py from the Phoenix actor dictionaries",
        "# (Open Event Data Alliance, January 2014); do not edit by hand: rerun the script.",
        f"# Columns: {columns}.",
        "# The source's licence notice:",
        "#",
        *(f"# {line}".rstrip() for line in notice),
    ]
    return "\n".join(lines) + "\n"


def write_tsv(path: Path, header: str, columns: list[str], rows: Iterable[list[str]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(header)
        fh.write("\t".join(columns) + "\n")
        for row in rows:
            fh.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
            count += 1
    return count


def convert(phoenix: Path, project: Project) -> Output:
    problems: Counter[str] = Counter()
    converter = Converter(project)
    converter.countries_file(parse_actor_file(_read(phoenix / COUNTRIES_FILE), problems))
    converter.international_file(parse_actor_file(_read(phoenix / INTERNATIONAL_FILE), problems))
    converter.nonstate_file(parse_actor_file(_read(phoenix / NONSTATE_FILE), problems))
    converter.agents_file(parse_agents(_read(phoenix / AGENTS_FILE)))
    converter.out.skipped.update(problems)
    return converter.out


def _read(path: Path) -> str:
    # Two lines of the countries file hold stray non-UTF-8 bytes: read them as U+FFFD, which
    # drops those names.
    return path.read_bytes().decode("utf-8", errors="replace")


def places_rows(out: Output) -> list[list[str]]:
    rows = []
    for key, countries in sorted(out.places.items()):
        if len(countries) == 1:
            rows.append([out.place_names[key], next(iter(countries))])
        else:
            out.skipped["place under two countries"] += 1
    return rows


def write_all(out: Output, phoenix: Path, folder: Path, project: Project) -> dict[str, int]:
    counts = {}

    def header(what: str, columns: str) -> str:
        return licence_header(phoenix, what, columns)

    counts["people"] = write_tsv(
        folder / f"people{SUFFIX}",
        header(
            "People with dated roles from Phoenix (CountryInfo): generic roles (official, ...), never"
            " a title's role; ELI (out of office) periods have no row; open terms end on 2014-01-30.",
            "name, aliases, country, sector, role, start, end, organisation",
        ),
        ["name", "aliases", "country", "sector", "role", "start", "end", "organisation"],
        sorted(out.people, key=lambda r: (r[0], r[5])),
    )
    state_rows = [[iso3, NEW_STATES[iso3][0], "", NEW_STATES[iso3][1], ""] for iso3 in sorted(NEW_STATES)] + [
        [iso3, project.state_display[iso3], "|".join(row["aliases"]), "|".join(row["demonyms"]), ""]
        for iso3, row in sorted(out.states.items())
    ]
    counts["states"] = write_tsv(
        folder / f"states{SUFFIX}",
        header(
            "More names of states from Phoenix (a row for an existing code adds its names); Hong Kong.",
            "iso3, name, aliases, demonyms, capitals",
        ),
        ["iso3", "name", "aliases", "demonyms", "capitals"],
        state_rows,
    )
    counts["places"] = write_tsv(
        folder / f"places{SUFFIX}",
        header(
            "Cities and regions from Phoenix's country entries: they give a country to sector words and"
            ' "in X" phrases, never act. Left out: common English words, names of actors, places'
            " listed under two countries.",
            "name, country",
        ),
        ["name", "country"],
        places_rows(out),
    )
    counts["institutions"] = write_tsv(
        folder / f"institutions{SUFFIX}",
        header("Named state bodies from Phoenix.", "name, aliases, country, sector"),
        ["name", "aliases", "country", "sector"],
        sorted(out.institutions),
    )
    counts["groups"] = write_tsv(
        folder / f"groups{SUFFIX}",
        header(
            "Armed non-state groups (Phoenix.MilNonState; home state as country, transnational ones"
            " none), NGOs and named movements from Phoenix.",
            "name, aliases, country, sector",
        ),
        ["name", "aliases", "country", "sector"],
        sorted(out.groups),
    )
    counts["igos"] = write_tsv(
        folder / f"igos{SUFFIX}",
        header("International organisations from Phoenix.International.", "name, aliases"),
        ["name", "aliases"],
        sorted(out.igos),
    )
    counts["sectors"] = write_tsv(
        folder / f"sectors{SUFFIX}",
        header(
            "Agent words from Phoenix.agents (substitution sets and plurals expanded) with eventwire's"
            " sector; see SECTOR_OF_CODE in the script for each choice.",
            "word, sector",
        ),
        ["word", "sector"],
        sorted([w, s] for w, s in out.sectors.items()),
    )
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phoenix", type=Path, default=PHOENIX, help="folder of the Phoenix files")
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write the TSV files to")
    args = parser.parse_args(argv)
    missing = [n for n in (COUNTRIES_FILE, INTERNATIONAL_FILE, NONSTATE_FILE, AGENTS_FILE, "LICENSE")
               if not (args.phoenix / n).is_file()]  # fmt: skip
    if missing:
        print(
            f"error: the Phoenix dictionaries are not in {args.phoenix} (missing: {', '.join(missing)}); "
            "they come with ../shared/ontology/phoenix beside the repository",
            file=sys.stderr,
        )
        return 2
    project = load_project(OUT, common_english_words())
    out = convert(args.phoenix, project)
    counts = write_all(out, args.phoenix, args.out, project)
    people = len({row[0] for row in out.people})
    print(
        f"wrote to {args.out}: "
        + ", ".join(f"{kind} {n}" for kind, n in counts.items())
        + f" ({people} people)"
    )
    for reason, n in out.skipped.most_common():
        print(f"  {n:6d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
