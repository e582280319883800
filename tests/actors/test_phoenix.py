"""The Phoenix conversion (scripts/build_phoenix_actors.py): dates, codes, names, the project's
rows winning, and the converted files loading into the dictionary. The Phoenix-format snippets are
written here; the names in them are made up."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from eventwire.actors.dictionary import GENERIC_ROLES, ActorDictionary, _package_tables
from eventwire.records import Actor

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_phoenix_actors.py"


@pytest.fixture(scope="module")
def phoenix() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_phoenix_actors", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def project(phoenix: ModuleType):  # type: ignore[no-untyped-def]
    tables = [t for t in _package_tables() if not Path(t.path).name.endswith("_phoenix.tsv")]
    # A few lower-case English words stand for the word list the script reads at build time.
    return phoenix.project_from_tables(tables, frozenset({"male", "split", "banana", "struggle"}))


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("080508", date(2008, 5, 8)),
        ("140130", date(2014, 1, 30)),  # the source's own date: still this century
        ("150101", date(1915, 1, 1)),  # past the pivot: last century
        ("320101", date(1932, 1, 1)),
        ("19270101", date(1927, 1, 1)),
        ("20121204", date(2012, 12, 4)),
        ("1920030320", date(2003, 3, 20)),  # a century typed twice
        ("201005011", date(2010, 5, 1)),  # a stray last digit
        ("320100", date(1932, 1, 1)),  # day 00
    ],
)
def test_phoenix_dates(phoenix: ModuleType, text: str, expected: date) -> None:
    assert phoenix.parse_phoenix_date(text) == expected


@pytest.mark.parametrize("text", ["9008223", "12345", "99x101", "321301"])
def test_phoenix_bad_dates(phoenix: ModuleType, text: str) -> None:
    with pytest.raises(phoenix.PhoenixError):
        phoenix.parse_phoenix_date(text)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (">080508", (date(2008, 5, 8), None, False)),
        ("> 080508", (date(2008, 5, 8), None, False)),
        ("<990830", (None, date(1999, 8, 30), False)),
        ("620101-780427", (date(1962, 1, 1), date(1978, 4, 27), False)),
        ("730717-070723", (date(1973, 7, 17), date(2007, 7, 23), False)),
        # Read with the pivot the start would come after the end: it is 1910.
        ("100101-331108", (date(1910, 1, 1), date(1933, 11, 8), False)),
        ("20121204", (date(2012, 12, 4), None, False)),
        ("", (None, None, True)),
    ],
)
def test_phoenix_spans(phoenix: ModuleType, spec: str, expected: tuple) -> None:
    assert phoenix.parse_span(spec) == expected


def test_phoenix_span_start_after_end(phoenix: ModuleType) -> None:
    with pytest.raises(phoenix.PhoenixError):
        phoenix.parse_span("990101-980101")


# ------------------------------------------------------------------ codes and names


@pytest.mark.parametrize(
    ("code", "country", "sector"),
    [
        ("RUSGOV", "RUS", "GOV"),
        ("GBRVGBELI", "GBR", "ELI"),  # a territory's person belongs to the sovereign state
        ("USAASM", "USA", None),  # a territory itself: a country code, no sector
        ("TMPMIL", "TLS", "MIL"),  # CAMEO's own code for East Timor
        ("KSVGOVLEG", "XKX", "GOV"),
        ("USRARM", "RUS", None),
        ("IGOUNOHLHWHO", None, "IGO"),
        ("KNTGOV", None, "GOV"),  # CAMEO's fictional test country
    ],
)
def test_phoenix_read_code(
    phoenix: ModuleType, project, code: str, country: str | None, sector: str | None
) -> None:  # type: ignore[no-untyped-def]
    meaning = phoenix.read_code(code, project)
    assert meaning.country == country
    assert meaning.sector_code == sector


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("BASHAR_AL-ASSAD_", "Bashar al-Assad"),
        ("MIKE_O'DOYLE_", "Mike O'Doyle"),
        ("DUNCAN_MCFEE_", "Duncan McFee"),
        ("A.F.M._RAHMAN_", "A.F.M. Rahman"),
        ("LOUIS_XIV", "Louis XIV"),
        ("US_DEPARTMENT_OF_TESTING_", "US Department of Testing"),
    ],
)
def test_phoenix_display_names(phoenix: ModuleType, raw: str, name: str) -> None:
    assert phoenix.display_name(raw) == name


def test_phoenix_parse_entries(phoenix: ModuleType) -> None:
    text = (
        "# a comment\n"
        "OLAF_TESTSON_  # CountryInfo.txt\n"
        "+OLAV_TESTSON_\n"
        "FORMER_PRESIDENT_OLAF_TESTSON\n"
        "\t[NORELI 600101-800101]\n"
        "\t[NORGOV 800101-850101] [NORELI]\n"
        "\n"
        "UNCODED_HEAD_\n"
        "\n"
        "GRANDE_TEST_FRONT_ [NORREB] # inline code\n"
    )
    problems: Counter[str] = Counter()
    entries = phoenix.parse_actor_file(text, problems)
    assert [e.names for e in entries] == [
        ["OLAF_TESTSON_", "OLAV_TESTSON_", "FORMER_PRESIDENT_OLAF_TESTSON"],
        ["GRANDE_TEST_FRONT_"],
    ]
    first = entries[0]
    assert first.countryinfo
    assert [(c.code, c.start, c.end, c.default) for c in first.codes] == [
        ("NORELI", date(1960, 1, 1), date(1980, 1, 1), False),
        ("NORGOV", date(1980, 1, 1), date(1985, 1, 1), False),
        ("NORELI", None, None, True),
    ]


def test_phoenix_agents_expand_sets_and_plurals(phoenix: ModuleType) -> None:
    text = (
        "!PERSON! = MAN, MEN, WOMAN\n"
        "DAIRY!PERSON! [~AGR]\n"
        "TRUCK_DRIVER [~LAB]\n"
        "HARBOR_POLICE {} [~COP]\n"
        "CATTLE_THIEF {CATTLE_THIEVES} [~CRM]\n"
        "MINISTER_OF_TESTING [~GOV]\n"
        "TRUCE_MONITOR [IGO~]\n"
    )
    words = {(w.word, w.code) for w in phoenix.parse_agents(text)}
    assert ("dairyman", "~AGR") in words
    assert ("dairymen", "~AGR") in words
    assert ("dairywoman", "~AGR") in words
    assert ("truck drivers", "~LAB") in words
    assert ("harbor police", "~COP") in words
    assert ("harbor polices", "~COP") not in words
    assert ("cattle thieves", "~CRM") in words
    assert ("minister of testings", "~GOV") not in words  # the head noun is before "of"
    assert ("truce monitor", "IGO~") in words


# ------------------------------------------------------------------ a whole conversion

COUNTRIES = """\
MALI_  [MLI]
+MALLI_
+REPUBLIC_OF_MALI_
+REPUBLIQUE_DU_MALI_
+SIKASSO_
+TESSALIT_
+MALE_
+SPLIT_
OUSMANE_TRAORETEST_  # CountryInfo.txt
+OUSMAN_TRAORETEST_
+PRESIDENT_OUSMANE_TRAORETEST
+TRAORETEST_
\t[MLIELI 600101-900101]
\t[MLIGOV 900101-950101]
\t[MLIGOV >120405]
\t[MLIELI]
PRESIDENT_OF_MALI_
+MALIAN_PRESIDENT_
\t[MLIGOV]
SERGEY_LAVROV_  # CountryInfo.txt
\t[RUSGOV 920101-040309]
\t[RUSGOV >040309]
MALIAN_TEST_GUARD_
\t[MLIMIL]
"""

NONSTATE = """\
SAHEL_TEST_LIBERATION_FRONT_(STLF)_ [MLIREB] # made up
+STLF_FIGHTERS_

GLOBAL_TEST_BRIGADES_ [INTREB]
+STRUGGLE_
"""

INTERNATIONAL = """\
SAHEL_TEST_COOPERATION_ORGANIZATION_ [IGOAFR]
TEST_MEGACORP_INC_ [MNCUSA]
"""

AGENTS = """\
!PERSON! = MAN, MEN
TRUCK_DRIVER [~LAB]
SOLDIER [~MIL]
PRESIDENT [~GOV]
BUDDHIST [~BUD]
BUDDHIST_MONK [~BUD]
DEPUTY [~COP]
HARBOR_POLICE {} [~COP]
"""


@pytest.fixture(scope="module")
def converted(phoenix: ModuleType, project, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("phoenix")
    for name, text in [
        (phoenix.COUNTRIES_FILE, COUNTRIES),
        (phoenix.NONSTATE_FILE, NONSTATE),
        (phoenix.INTERNATIONAL_FILE, INTERNATIONAL),
        (phoenix.AGENTS_FILE, AGENTS),
        ("LICENSE", "The MIT License (MIT)\n\nCopyright (c) 2014 Open Event Data\n"),
    ]:
        (folder / name).write_text(text, encoding="utf-8")
    out = phoenix.convert(folder, project)
    written = folder / "out"
    written.mkdir()
    counts = phoenix.write_all(out, folder, written, project)
    return out, written, counts


def test_phoenix_country_entry_gives_aliases_and_places(converted) -> None:  # type: ignore[no-untyped-def]
    out, _, _ = converted
    assert "Republique du Mali" in out.states["MLI"]["aliases"]
    places = {out.place_names[k]: countries for k, countries in out.places.items()}
    # A near-spelling of a name this short is as likely a town's: a place, not an alias.
    assert places["Malli"] == {"MLI"}
    assert places["Sikasso"] == {"MLI"}
    assert places["Tessalit"] == {"MLI"}
    # Common words are left out of places.
    assert "Male" not in places
    assert "Split" not in places


def test_phoenix_person_rows_and_aliases(converted) -> None:  # type: ignore[no-untyped-def]
    out, _, _ = converted
    rows = [r for r in out.people if r[0] == "Ousmane Traoretest"]
    # ELI periods have no row; an open term ends on the source's date.
    assert [(r[2], r[3], r[4], r[5], r[6]) for r in rows] == [
        ("MLI", "GOV", "official", "1990-01-01", "1995-01-01"),
        ("MLI", "GOV", "official", "2012-04-05", "2014-01-30"),
    ]
    # A spelling variant stays; a title before the name and the bare surname go.
    assert rows[0][1] == "Ousman Traoretest"
    assert not any(r[0].startswith("President") for r in out.people)


def test_phoenix_project_person_keeps_only_earlier_periods(converted) -> None:  # type: ignore[no-untyped-def]
    out, _, _ = converted
    first = min(
        e.start for e in ActorDictionary.load().entries("Sergei Lavrov") if e.role not in GENERIC_ROLES
    )
    rows = [r for r in out.people if r[0] == "Sergei Lavrov"]
    assert rows, "the Phoenix spelling joins the project's person"
    for row in rows:
        assert date.fromisoformat(row[6]) < first
    assert rows[0][5] == "1992-01-01"


def test_phoenix_groups_igos_bodies(converted) -> None:  # type: ignore[no-untyped-def]
    out, _, _ = converted
    groups = {row[0]: row for row in out.groups}
    front = groups["Sahel Test Liberation Front"]
    assert front[2:] == ["MLI", "REB"]
    assert "STLF" in front[1].split("|")
    brigades = groups["Global Test Brigades"]
    assert brigades[2] == ""  # transnational: no home state
    assert "Struggle" not in brigades[1]  # a common word is not a name
    assert ["Sahel Test Cooperation Organization", ""] in out.igos
    assert ["Malian Test Guard", "", "MLI", "MIL"] in out.institutions
    assert out.skipped["company (MNC)"] == 1
    # A title entry is no body.
    assert not any("President" in row[0] for row in out.institutions)


def test_phoenix_agents_sectors(converted) -> None:  # type: ignore[no-untyped-def]
    out, _, _ = converted
    assert out.sectors["truck driver"] == "CVL"
    assert out.sectors["truck drivers"] == "CVL"
    assert out.sectors["buddhist monk"] == "CVL"
    assert out.sectors["harbor police"] == "POL"
    for word in ("soldier", "president", "buddhist", "deputy", "deputies"):
        # The project's own word, a title, a religion's label, a modifier of titles.
        assert word not in out.sectors


def test_phoenix_written_files_load(converted) -> None:  # type: ignore[no-untyped-def]
    _, written, counts = converted
    assert counts["people"] == 3  # two periods of one person, one earlier period of Lavrov
    for path in written.glob("*.tsv"):
        assert "Copyright (c) 2014 Open Event Data" in path.read_text(encoding="utf-8")
    actors = ActorDictionary.load([written])
    on = date(1993, 6, 1)
    assert actors.lookup("Ousman Traoretest", on) == Actor("Ousmane Traoretest", "MLI", "GOV", "person")
    assert actors.lookup("President Traoretest", on) == Actor("Ousmane Traoretest", "MLI", "GOV", "person")
    assert actors.lookup("Republique du Mali", on) == Actor("Mali", "MLI", "GOV", "state")
    assert actors.lookup("STLF", on) == Actor("Sahel Test Liberation Front", "MLI", "REB", "group")
    assert actors.place_country("Sikasso") == "MLI"
    assert actors.lookup("Sikasso", on) is None
    assert actors.sector_of("truck drivers") == "CVL"


def test_phoenix_script_fails_clearly_without_the_source(phoenix: ModuleType, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert phoenix.main(["--phoenix", str(tmp_path / "nowhere"), "--out", str(tmp_path)]) == 2
    assert "Phoenix dictionaries are not in" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.tsv"))
