"""Places (a country, never an actor), the Phoenix data in the package, and the compiled
dictionary cache: hit, invalidation when a file changes, unwritable or broken cache folders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire import compiled_cache
from eventwire.actors._cache import CACHE
from eventwire.actors.dictionary import GENERIC_ROLES, ActorDictionary, _package_files, _package_tables
from eventwire.records import Actor

D2012 = date(2012, 5, 1)


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "eventwire"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ places


@pytest.mark.parametrize(
    ("name", "country"),
    [("Herat", "AFG"), ("Kandahar", "AFG"), ("Mosul", "IRQ"), ("Aleppo", "SYR"), ("Kabul", "AFG"),
     ("Syria", "SYR"), ("Nice", None), ("nowhere town", None), ("Syrian", None)],
)  # fmt: skip
def test_place_country(actors: ActorDictionary, name: str, country: str | None) -> None:
    # A state's name or capital, or a city or region; not a demonym; not a common word.
    assert actors.place_country(name) == country


def test_places_do_not_act(actors: ActorDictionary) -> None:
    assert actors.lookup("Herat", D2012) is None
    assert actors.country_of_adjective("Herat") is None
    assert actors.country_of_adjective("Kabul") == "AFG"  # a capital stands for its government
    assert dict(actors.names())["Herat"] == "place"


def test_user_places_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "places_local.tsv", "name\tcountry\nNorth Testburg\tMLI\n")
    actors = ActorDictionary.load([path])
    assert actors.place_country("North Testburg") == "MLI"
    assert actors.lookup("North Testburg", D2012) is None
    bad = _write(tmp_path, "places_bad.tsv", "name\tcountry\nSouth Testburg\tZZZ\n")
    with pytest.raises(ValueError, match=r"places_bad\.tsv:2: unknown country code .ZZZ."):
        ActorDictionary.load([bad])


# ------------------------------------------------------------------ the Phoenix data in the package


def test_phoenix_people_resolve(actors: ActorDictionary) -> None:
    karzai = actors.lookup("Hamid Karzai", date(2005, 1, 1))
    assert karzai is not None
    assert karzai.country == "AFG"
    # A Phoenix-only person answers to a title and surname, not to the bare surname.
    reagan = actors.lookup("President Reagan", date(1985, 1, 1))
    assert reagan is not None
    assert (reagan.name, reagan.country) == ("Ronald Reagan", "USA")
    assert actors.lookup_surname("Reagan", date(1985, 1, 1)) == []


def test_phoenix_rows_answer_no_title(actors: ActorDictionary) -> None:
    titles = [t for t in _package_tables() if t.kind == "titles"]
    assert not {row.cells.get("role") for t in titles for row in t.rows} & GENERIC_ROLES
    # Titles still resolve from the project's own rows only.
    assert actors.lookup("the Russian Foreign Minister", date(2017, 5, 27)).name == "Sergei Lavrov"
    phoenix = [e for e in actors.iter_entries("person") if e.role in GENERIC_ROLES]
    assert len({e.actor.name for e in phoenix}) > 15_000


def test_phoenix_rows_never_overlap_project_terms(actors: ActorDictionary) -> None:
    # For a person in both, the Phoenix rows end before the project's first row.
    for name in ("Hamid Karzai", "Vladimir Putin", "Sergei Lavrov", "Bashar al-Assad"):
        entries = actors.entries(name)
        own = [e.start for e in entries if e.role not in GENERIC_ROLES and e.start]
        generic = [e for e in entries if e.role in GENERIC_ROLES]
        assert own, name
        for entry in generic:
            assert entry.end is not None and entry.end < min(own), (name, entry)


def test_phoenix_sector_words_and_states(actors: ActorDictionary) -> None:
    assert actors.sector_of("schoolteachers") == "CVL"
    assert actors.sector_of("rebels") == "REB"  # the project's own word
    assert actors.sector_of("deputy") is None  # a title modifier, not the police
    assert actors.lookup("Hong Kong", D2012) == Actor("Hong Kong", "HKG", "GOV", "state")
    assert actors.lookup("Afghanestan", D2012) == Actor("Afghanistan", "AFG", "GOV", "state")


# ------------------------------------------------------------------ the compiled cache


def test_cache_is_written_and_read(tmp_path: Path, cache_home: Path) -> None:
    path = _write(tmp_path, "sectors_local.tsv", "word\tsector\nteapot makers\tBUS\n")
    built = ActorDictionary.load([path])
    files = list(cache_home.glob("actors-*.pickle"))
    assert len(files) == 1
    key = CACHE.key((*_package_files(), (str(path), path.read_bytes())))
    assert files[0].name == f"actors-{key}.pickle"
    cached = CACHE.read(key)
    assert isinstance(cached, ActorDictionary)
    assert cached is not built
    for text in ("Sergei Lavrov", "the Russian Foreign Minister", "Syrian rebels", "Hamid Karzai"):
        assert cached.lookup(text, D2012) == built.lookup(text, D2012)
    assert cached.sector_of("teapot makers") == "BUS"
    assert cached.place_country("Herat") == "AFG"


def test_cache_invalidated_when_a_file_changes(tmp_path: Path, cache_home: Path) -> None:
    path = _write(tmp_path, "sectors_local.tsv", "word\tsector\nteapot makers\tBUS\n")
    assert ActorDictionary.load([path]).sector_of("teapot makers") == "BUS"
    _write(tmp_path, "sectors_local.tsv", "word\tsector\nteapot makers\tCVL\n")
    # Same file name and size: the key is the content's hash, so the new row is read.
    assert ActorDictionary.load([path]).sector_of("teapot makers") == "CVL"
    assert len(list(cache_home.glob("actors-*.pickle"))) == 2


def test_user_file_still_overrides_with_cache(tmp_path: Path, cache_home: Path) -> None:
    path = _write(tmp_path, "sectors_local.tsv", "word\tsector\nrebels\tOPP\n")
    for _ in range(2):  # built, then from the cache
        actors = ActorDictionary.load([path])
        assert actors.sector_of("rebels") == "OPP"
    assert ActorDictionary.load().sector_of("rebels") == "REB"


def test_cache_folder_not_writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = _write(tmp_path, "not-a-folder", "a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = _write(tmp_path, "sectors_local.tsv", "word\tsector\nteapot makers\tBUS\n")
    assert ActorDictionary.load([path]).sector_of("teapot makers") == "BUS"


def test_broken_cache_file_is_rebuilt(tmp_path: Path, cache_home: Path) -> None:
    path = _write(tmp_path, "sectors_local.tsv", "word\tsector\nteapot makers\tBUS\n")
    key = CACHE.key((*_package_files(), (str(path), path.read_bytes())))
    cache_home.mkdir(parents=True)
    (cache_home / f"actors-{key}.pickle").write_bytes(b"not a pickle")
    assert ActorDictionary.load([path]).sector_of("teapot makers") == "BUS"
    assert isinstance(CACHE.read(key), ActorDictionary)


def test_cache_keeps_few_files(tmp_path: Path, cache_home: Path) -> None:
    path = tmp_path / "sectors_local.tsv"
    for n in range(compiled_cache.KEEP_FILES + 2):
        _write(tmp_path, "sectors_local.tsv", f"word\tsector\nteapot makers {n}\tBUS\n")
        ActorDictionary.load([path])
    assert len(list(cache_home.glob("actors-*.pickle"))) == compiled_cache.KEEP_FILES


def test_bad_user_row_is_still_reported(tmp_path: Path, cache_home: Path) -> None:
    path = _write(tmp_path, "sectors_bad.tsv", "word\tsector\nteapots\tTEA\n")
    for _ in range(2):  # nothing is cached for a load that failed
        with pytest.raises(ValueError, match=r"sectors_bad\.tsv:2: unknown sector"):
            ActorDictionary.load([path])
    assert not list(cache_home.glob("actors-*.pickle"))


# ------------------------------------------------------------------ the resolver


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Rebels in Herat attacked a police post on Monday.", "AFG", "REB"),
        ("Gunmen in Mosul killed two soldiers at a checkpoint.", "IRQ", "REB"),
        ("Police in Mazar-i-Sharif fired tear gas at the crowd.", "AFG", "POL"),
    ],
)
def test_sector_word_takes_the_country_of_a_place(
    actors: ActorDictionary, text: str, country: str, sector: str
) -> None:
    from eventwire.actors import DocumentActors
    from eventwire.annotate.model import load_nlp

    doc = load_nlp()(text)
    subject = next(t for t in doc if t.dep_ == "nsubj")
    found = DocumentActors(actors, D2012).resolve(subject)
    assert [(m.actor.country, m.actor.sector) for m in found] == [(country, sector)]
