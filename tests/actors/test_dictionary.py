"""The actor dictionary: package data, lookups by name, title and date, user files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pycountry
import pytest

from eventwire.actors.dictionary import ActorDictionary, _package_tables
from eventwire.records import Actor

# Codes that are in use for states but not in ISO 3166-1 (Kosovo, as the EU and World Bank write it).
NON_ISO_CODES = {"XKX"}
SECTORS = {"GOV", "MIL", "REB", "OPP", "BUS", "MED", "CVL", "IGO", "JUD", "POL", "NGO"}
D2017 = date(2017, 5, 27)


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ people by name


@pytest.mark.parametrize(
    "text",
    [
        "Sergei Lavrov",
        "Sergey Lavrov",
        "Sergei Viktorovich Lavrov",
        "Foreign Minister Sergei Lavrov",
        "Russian Foreign Minister Sergey Lavrov",
        "Russia's Foreign Minister Sergei Lavrov",
        "Mr Lavrov",
        "sergey lavrov",
        "Sergei Lavrov's",
    ],
)
def test_dictionary_lavrov_variants(actors: ActorDictionary, text: str) -> None:
    assert actors.lookup(text, D2017) == Actor("Sergei Lavrov", "RUS", "GOV", "person")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky", "UKR"),
        ("Vladimir Zelensky", "Volodymyr Zelensky", "UKR"),
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "TUR"),
        ("Mohammad bin Salman", "Mohammed bin Salman", "SAU"),
        ("MBS", "Mohammed bin Salman", "SAU"),
        ("Kim Jong-un", "Kim Jong Un", "PRK"),
        ("Félix Tshisekedi", "Felix Tshisekedi", "COD"),
        ("Juan Guaidó", "Juan Guaido", "VEN"),
        ("Xi Jinping", "Xi Jinping", "CHN"),
        ("President Xi", "Xi Jinping", "CHN"),
        ("Chinese President Xi Jinping", "Xi Jinping", "CHN"),
        ("King Salman", "Salman bin Abdulaziz", "SAU"),
        ("Chairman Kim", "Kim Jong Un", "PRK"),
        ("former President Barack Obama", "Barack Obama", "USA"),
    ],
)
def test_dictionary_person_spellings(actors: ActorDictionary, text: str, name: str, country: str) -> None:
    actor = actors.lookup(text, D2017)
    assert actor is not None
    assert (actor.name, actor.country, actor.kind) == (name, country, "person")


def test_dictionary_person_keeps_identity_outside_terms(actors: ActorDictionary) -> None:
    # Before and after office the person is still that person.
    assert actors.lookup("Sergei Lavrov", date(1990, 1, 1)) == actors.lookup("Sergei Lavrov", D2017)
    assert actors.lookup("Barack Obama", date(2023, 1, 1)).name == "Barack Obama"


def test_dictionary_person_actor_follows_office(actors: ActorDictionary) -> None:
    # Ban Ki-moon was South Korea's foreign minister, then UN Secretary-General.
    assert actors.lookup("Ban Ki-moon", date(2005, 6, 1)) == Actor("Ban Ki-moon", "KOR", "GOV", "person")
    assert actors.lookup("Ban Ki-moon", date(2012, 6, 1)) == Actor("Ban Ki-moon", None, "IGO", "person")


@pytest.mark.parametrize(
    ("surname", "on", "first"),
    [
        ("Lavrov", D2017, "Sergei Lavrov"),
        ("Xi", D2017, "Xi Jinping"),
        ("al-Assad", D2017, "Bashar al-Assad"),
        ("von der Leyen", date(2021, 1, 1), "Ursula von der Leyen"),
        ("Wang", D2017, "Wang Yi"),
    ],
)
def test_dictionary_lookup_surname(actors: ActorDictionary, surname: str, on: date, first: str) -> None:
    found = actors.lookup_surname(surname, on)
    assert found
    assert found[0].name == first


def test_dictionary_lookup_surname_prefers_office_holder(actors: ActorDictionary) -> None:
    # Several Kims; on this date only Kim Jong Un leads North Korea, and he comes first.
    found = actors.lookup_surname("Kim", D2017)
    assert len(found) > 1
    assert found[0].name in {"Kim Jong Un", "Kim Yo Jong", "Kim Yong-nam", "Kim Song"}
    assert actors.lookup_surname("Nosuchname", D2017) == []


# ------------------------------------------------------------------ office holders by date


@pytest.mark.parametrize(
    ("country", "role", "on", "name"),
    [
        ("RUS", "foreign_minister", D2017, "Sergei Lavrov"),
        ("CHN", "foreign_minister", D2017, "Wang Yi"),
        ("CHN", "foreign_minister", date(2023, 3, 1), "Qin Gang"),
        ("USA", "head_of_state", D2017, "Donald Trump"),
        ("USA", "head_of_state", date(2015, 1, 1), "Barack Obama"),
        ("USA", "head_of_state", date(2022, 1, 1), "Joe Biden"),
        ("USA", "head_of_state", date(2025, 6, 1), "Donald Trump"),
        ("USA", "foreign_minister", D2017, "Rex Tillerson"),
        ("RUS", "head_of_state", date(2010, 1, 1), "Dmitry Medvedev"),
        ("RUS", "head_of_state", date(2012, 5, 7), "Vladimir Putin"),
        ("RUS", "head_of_government", date(2010, 1, 1), "Vladimir Putin"),
        ("GBR", "head_of_government", date(2019, 9, 1), "Boris Johnson"),
        ("DEU", "head_of_government", D2017, "Angela Merkel"),
        ("IRN", "supreme_leader", D2017, "Ali Khamenei"),
        ("IRN", "head_of_state", D2017, "Hassan Rouhani"),
        ("ISR", "head_of_government", date(2022, 1, 1), "Naftali Bennett"),
        ("NATO", "secretary_general", D2017, "Jens Stoltenberg"),
        ("United Nations", "secretary_general", date(2010, 1, 1), "Ban Ki-moon"),
        ("EU", "foreign_minister", date(2022, 1, 1), "Josep Borrell"),
    ],
)
def test_dictionary_holder(actors: ActorDictionary, country: str, role: str, on: date, name: str) -> None:
    holder = actors.holder(country, role, on)
    assert holder is not None
    assert holder.name == name


def test_dictionary_holder_unknown_or_ambiguous(actors: ActorDictionary) -> None:
    assert actors.holder("RUS", "foreign_minister", None) is None  # two holders ever
    assert actors.holder("TUV", "foreign_minister", D2017) is None  # no data
    assert actors.holder("ZZZ", "head_of_state", D2017) is None  # no such state
    # Gbagbo and Ouattara both claimed the Ivorian presidency in early 2011.
    assert actors.holder("CIV", "head_of_state", date(2011, 1, 15)) is None
    assert actors.holder("CIV", "head_of_state", date(2015, 1, 1)).name == "Alassane Ouattara"


@pytest.mark.parametrize(
    ("text", "on", "name"),
    [
        ("the Russian Foreign Minister", D2017, "Sergei Lavrov"),
        ("Russia's foreign minister", D2017, "Sergei Lavrov"),
        ("the US President", D2017, "Donald Trump"),
        ("the Secretary of State", D2017, "Rex Tillerson"),
        ("the Chinese foreign minister", D2017, "Wang Yi"),
        ("the German chancellor", date(2023, 1, 1), "Olaf Scholz"),
        ("Iran's supreme leader", D2017, "Ali Khamenei"),
        ("the Emir of Qatar", D2017, "Tamim bin Hamad Al Thani"),
        ("the Kremlin spokesman", D2017, "Dmitry Peskov"),
        ("the UN chief", D2017, "Antonio Guterres"),
        ("NATO chief", date(2025, 1, 1), "Mark Rutte"),
        ("Hezbollah leader", D2017, "Hassan Nasrallah"),
    ],
)
def test_dictionary_title_by_date(actors: ActorDictionary, text: str, on: date, name: str) -> None:
    actor = actors.lookup(text, on)
    assert actor is not None
    assert actor.name == name


def test_dictionary_title_without_holder(actors: ActorDictionary) -> None:
    # Not current, or a lower office: never the holder of the named one.
    assert actors.lookup("former US president", D2017) is None
    russia = Actor("Russia", "RUS", "GOV", "state")
    assert actors.lookup("the Russian deputy foreign minister", D2017) == russia
    # No holder listed: the state itself, in the title's sector.
    assert actors.lookup("the Tuvaluan foreign minister", D2017) == Actor("Tuvalu", "TUV", "GOV", "state")
    assert actors.lookup("an Iranian general", D2017) == Actor("Iran", "IRN", "MIL", "sector")


@pytest.mark.parametrize(
    ("title", "country", "role"),
    [
        ("Foreign Minister", None, "foreign_minister"),
        ("foreign secretary", "GBR", "foreign_minister"),
        ("Secretary of State", "USA", "foreign_minister"),
        ("Secretary of Defense", None, "defence_minister"),
        ("President", None, "head_of_state"),
        ("Prime Minister", "ISR", "head_of_government"),
        ("Chancellor", "DEU", "head_of_government"),
        ("Chancellor", "GBR", "finance_minister"),
        ("Supreme Leader", "IRN", "supreme_leader"),
        ("leader", "GBR", "head_of_government"),
        ("Mr", None, None),
        ("plumber", None, None),
    ],
)
def test_dictionary_title_role(
    actors: ActorDictionary, title: str, country: str | None, role: str | None
) -> None:
    assert actors.title_role(title, country) == role


# ------------------------------------------------------------------ states, organisations, groups


@pytest.mark.parametrize(
    "text", ["China", "Beijing", "Chinese", "PRC", "People's Republic of China", "Beijing's", "P.R.C."]
)
def test_dictionary_china_forms(actors: ActorDictionary, text: str) -> None:
    assert actors.lookup(text, D2017) == Actor("China", "CHN", "GOV", "state")


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("the Kremlin", Actor("Kremlin", "RUS", "GOV", "state")),
        ("the Pentagon", Actor("Pentagon", "USA", "MIL", "state")),
        ("IDF", Actor("Israel Defense Forces", "ISR", "MIL", "state")),
        ("NATO", Actor("NATO", None, "IGO", "igo")),
        ("U.N.", Actor("United Nations", None, "IGO", "igo")),
        ("the European Union", Actor("European Union", None, "IGO", "igo")),
        ("Hamas", Actor("Hamas", "PSE", "REB", "group")),
        ("Boko Haram", Actor("Boko Haram", "NGA", "REB", "group")),
        ("ISIS", Actor("Islamic State", None, "REB", "group")),
        ("Xinhua", Actor("Xinhua", "CHN", "MED", "group")),
        ("U.S.", Actor("United States", "USA", "GOV", "state")),
        ("Washington", Actor("United States", "USA", "GOV", "state")),
        ("Syrian rebels", Actor("Syria", "SYR", "REB", "sector")),
        ("Russian troops", Actor("Russia", "RUS", "MIL", "sector")),
        ("the Syrian government", Actor("Syria", "SYR", "GOV", "state")),
        ("Hamas fighters", Actor("Hamas", "PSE", "REB", "group")),
    ],
)
def test_dictionary_named_actors(actors: ActorDictionary, text: str, actor: Actor) -> None:
    assert actors.lookup(text, D2017) == actor


@pytest.mark.parametrize("text", ["us", "who", "Who", "turkey", "chad", "rebels", "", "Sergeyevich Nobody"])
def test_dictionary_case_and_unknown(actors: ActorDictionary, text: str) -> None:
    # Acronyms and single proper names need their capitals; bare sector words name no actor.
    assert actors.lookup(text, D2017) is None


def test_dictionary_group_sector_changes_by_date(actors: ActorDictionary) -> None:
    assert actors.lookup("Taliban", D2017).sector == "REB"
    assert actors.lookup("Taliban", date(2022, 1, 1)).sector == "GOV"
    assert actors.lookup("RSF", date(2020, 1, 1)).sector == "MIL"
    assert actors.lookup("RSF", date(2024, 1, 1)).sector == "REB"


@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("rebels", "REB"),
        ("riot police", "POL"),
        ("security forces", "POL"),
        ("troops", "MIL"),
        ("protesters", "CVL"),
        ("the opposition", "OPP"),
        ("judges", "JUD"),
        ("journalists", "MED"),
        ("rights groups", "NGO"),
        ("Officials", "GOV"),
        ("teapot", None),
    ],
)
def test_dictionary_sector_of(actors: ActorDictionary, word: str, sector: str | None) -> None:
    assert actors.sector_of(word) == sector


@pytest.mark.parametrize(
    ("word", "code"),
    [("Chinese", "CHN"), ("U.S.", "USA"), ("American", "USA"), ("British", "GBR"), ("Russia's", "RUS"),
     ("South Korean", "KOR"), ("North Korean", "PRK"), ("Nigerien", "NER"), ("Nigerian", "NGA"),
     ("English", None)],
)  # fmt: skip
def test_dictionary_country_of_adjective(actors: ActorDictionary, word: str, code: str | None) -> None:
    assert actors.country_of_adjective(word) == code


def test_dictionary_demonym_and_state(actors: ActorDictionary) -> None:
    assert actors.demonym("CHN") == "Chinese"
    assert actors.demonym("VAT") == "Holy See"
    assert actors.state("RUS") == Actor("Russia", "RUS", "GOV", "state")
    assert actors.state("ZZZ") is None


def test_dictionary_names_for_matcher(actors: ActorDictionary) -> None:
    names = dict(actors.names())
    assert names["Sergey Lavrov"] == "person"
    assert names["Beijing"] == "capital"
    assert names["Chinese"] == "demonym"
    assert names["NATO"] == "igo"
    assert names["Kremlin"] == "institution"
    assert names["Hamas"] == "group"
    assert names["riot police"] == "sector"
    assert names["foreign minister"] == "title"


# ------------------------------------------------------------------ the data itself


def test_dictionary_every_un_member_present(actors: ActorDictionary) -> None:
    codes = [state.country for state in actors.states()]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code in NON_ISO_CODES or pycountry.countries.get(alpha_3=code) is not None, code
    # 193 UN members, plus Palestine, the Holy See, Kosovo, Taiwan and Western Sahara.
    assert len(codes) >= 198
    for code in ("USA", "RUS", "CHN", "PRK", "KOR", "PSE", "XKX", "TWN", "VAT", "ESH", "SSD", "TUV"):
        assert code in codes


def test_dictionary_people_rows_valid(actors: ActorDictionary) -> None:
    states = {state.country for state in actors.states()}
    people = list(actors.iter_entries("person"))
    assert len(people) >= 1000
    for entry in people:
        assert entry.start is not None, entry
        assert entry.end is None or entry.start <= entry.end, entry
        assert entry.end is None or entry.end <= date(2026, 12, 31), entry
        assert entry.actor.country is None or entry.actor.country in states, entry
        assert entry.actor.sector in SECTORS, entry
        assert entry.role
        if entry.actor.country is None:
            assert entry.organisation or entry.actor.sector == "REB", entry


def test_dictionary_people_cover_major_countries(actors: ActorDictionary) -> None:
    major = ["USA", "RUS", "CHN", "GBR", "FRA", "DEU", "JPN", "IND", "PAK", "IRN", "ISR", "PSE", "SYR", "TUR",
             "SAU", "UKR", "KOR", "PRK", "IRQ", "AFG", "EGY", "BRA", "CAN", "AUS", "ITA", "ESP", "POL", "MEX",
             "VEN", "NGA", "ZAF", "ETH", "SDN", "LBY", "YEM", "QAT", "ARE", "IDN", "PHL", "VNM"]  # fmt: skip
    covered = {(e.actor.country, e.role) for e in actors.iter_entries("person")}
    for code in major:
        leaders = {"head_of_state", "head_of_government", "supreme_leader"}
        assert any((code, role) in covered for role in leaders), code
        assert (code, "foreign_minister") in covered, code


def test_dictionary_load_is_memoised() -> None:
    # One dictionary per process for the package data (start-up time is measured in bench/).
    assert ActorDictionary.load() is ActorDictionary.load()
    assert len(_package_tables()) >= 14


# ------------------------------------------------------------------ user files


def test_dictionary_user_file_adds_person(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "people_local.tsv",
        "# a user's own people\n"
        "name\taliases\tcountry\tsector\trole\tstart\tend\n"
        "Jane Q. Example\tJane Example|J. Q. Example\tTUV\tGOV\tforeign_minister\t2016-01-01\t\n",
    )
    actors = ActorDictionary.load([path])
    expected = Actor("Jane Q. Example", "TUV", "GOV", "person")
    assert actors.lookup("Jane Example", D2017) == expected
    assert actors.holder("TUV", "foreign_minister", D2017) == expected
    assert actors.lookup("the Tuvaluan foreign minister", D2017) == expected
    # The package data is still there, and the default dictionary is untouched.
    assert actors.lookup("Sergei Lavrov", D2017).country == "RUS"
    assert ActorDictionary.load().lookup("Jane Example", D2017) is None


def test_dictionary_user_folder_adds_group_and_state_alias(tmp_path: Path) -> None:
    _write(tmp_path, "groups_local.tsv", "name\taliases\tcountry\tsector\nRiver Front\tRF\tMLI\tREB\n")
    states = "iso3\tname\taliases\tdemonyms\tcapitals\nMLI\tMali\tMalian Republic\t\t\n"
    _write(tmp_path, "states_local.tsv", states)
    actors = ActorDictionary.load([tmp_path])
    assert actors.lookup("River Front", D2017) == Actor("River Front", "MLI", "REB", "group")
    assert actors.lookup("Malian Republic", D2017) == Actor("Mali", "MLI", "GOV", "state")


PEOPLE_HEADER = "name\taliases\tcountry\tsector\trole\tstart\tend\torganisation\n"


def _person(**cells: str) -> str:
    """A people file with one row: a valid one unless a cell is overridden."""
    row = {"name": "A Person", "aliases": "", "country": "RUS", "sector": "GOV", "role": "foreign_minister",
           "start": "2017-01-01", "end": "", "organisation": ""} | cells  # fmt: skip
    return PEOPLE_HEADER + "\t".join(row.values()) + "\n"


@pytest.mark.parametrize(
    ("name", "text", "line", "problem"),
    [
        ("people_bad.tsv", _person(start="2017-13-01"), 2, "not a date"),
        (
            "people_bad.tsv",
            _person(country="ZZZ").replace("\nA", "\n\n# note\nA"),
            4,
            "unknown country code 'ZZZ'",
        ),
        ("people_bad.tsv", _person(sector="GOVT"), 2, "unknown sector"),
        ("people_bad.tsv", _person(end="2016-01-01"), 2, "is after end"),
        ("people_bad.tsv", _person(role="Foreign Minister"), 2, "role"),
        ("people_bad.tsv", _person(start=""), 2, "empty required column 'start'"),
        ("people_bad.tsv", _person(country="", organisation="No Such Org"), 2, "unknown organisation"),
        ("people_bad.tsv", _person(organisation="NATO\textra"), 2, "columns"),
        ("people_bad.tsv", "name\tcountry\n", 1, "header"),
        ("groups_bad.tsv", "name\taliases\tcountry\tsector\nX Front\t\tRUS\tREBEL\n", 2, "unknown sector"),
        ("states_bad.tsv", "iso3\tname\nru\tRussia\n", 2, "ISO3"),
        ("titles_bad.tsv", "title\trole\tcountries\tsector\nboss\tboss\tZZZ\tGOV\n", 2, "unknown country"),
        ("stuff.tsv", "a\tb\n", 0, "file kind"),
    ],
)
def test_dictionary_bad_user_row_names_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, problem: str
) -> None:
    path = _write(tmp_path, name, text)
    with pytest.raises(ValueError) as raised:
        ActorDictionary.load([path])
    message = str(raised.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert problem in message


def test_dictionary_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such file"):
        ActorDictionary.load([tmp_path / "people_missing.tsv"])


def test_dictionary_an_organisations_office_is_held_in_its_own_bodies_only(tmp_path: Path) -> None:
    # Invented bodies: a union with a rights office of its own, and an armed group with a spokesman.
    _write(
        tmp_path,
        "igos_local.tsv",
        "name\taliases\nSouthern Ocean Union\tSOU\nSouthern Ocean Union Rights Office\tSOU rights office\n"
        "Coral Sea Forum\tCSF\n",
    )
    _write(tmp_path, "groups_local.tsv", "name\taliases\tcountry\tsector\nReef Front\t\tFJI\tREB\n")
    _write(
        tmp_path,
        "people_local.tsv",
        PEOPLE_HEADER
        + "Tala Ocean\t\t\tIGO\thuman_rights_chief\t2010-01-01\t\tSouthern Ocean Union Rights Office\n"
        + "Sione Reef\t\tFJI\tREB\tspokesperson\t2010-01-01\t\tReef Front\n",
    )
    actors = ActorDictionary.load([tmp_path])
    assert actors.lookup("the SOU human rights chief", D2017) == Actor("Tala Ocean", None, "IGO", "person")
    # The forum has no spokesperson on file: the forum itself speaks, never the group's man.
    forum = Actor("Coral Sea Forum", None, "IGO", "igo")
    assert actors.lookup("the Coral Sea Forum spokesperson", D2017) == forum
