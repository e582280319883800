"""The story commands end to end: real subprocesses over the bundled sample corpus."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from engines.e2e_helpers import run_cli, run_ok

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "sample"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("stories") / "sample.duckdb"
    result = run_ok("run", SAMPLE, "--db", db, "--workers", "1")
    assert "stories:" in result.stdout
    return db


def _stories(db: Path) -> list[dict]:
    return [json.loads(line) for line in run_ok("stories", "--db", db, "--json").stdout.splitlines()]


def test_stories_json_lists_articles_and_outlets(sample_db: Path) -> None:
    stories = _stories(sample_db)
    listing = run_ok("articles", "--db", sample_db, "--json").stdout
    articles = {json.loads(line)["id"] for line in listing.splitlines()}
    assert {"id", "title", "first_published", "last_published", "articles", "outlets"} <= stories[0].keys()
    listed = [a for s in stories for a in s["articles"]]
    # Every article is in exactly one story, and the ids are the ones `articles --json` gives.
    assert sorted(listed) == sorted(articles)
    # The two reports of the Itaipu talks (a wire and a newspaper) are one story.
    itaipu = [s for s in stories if "Itaipu" in (s["title"] or "")]
    assert len(itaipu) == 1 and len(itaipu[0]["articles"]) >= 2


def test_story_shows_timeline_and_sourced_events(sample_db: Path) -> None:
    story = max(_stories(sample_db), key=lambda s: len(s["articles"]))
    shown = run_ok("story", story["id"][:8], "--db", sample_db).stdout
    assert story["id"] in shown
    assert "consolidated events (a mutual pair on one line" in shown
    for article in story["articles"]:
        assert article in shown
    detail = json.loads(run_ok("story", story["id"], "--db", sample_db, "--json").stdout)
    assert detail["articles"][0]["id"] == story["articles"][0]


@pytest.mark.parametrize("fmt", ["text", "md", "json", "html"])
def test_compare_writes_every_format(tmp_path: Path, sample_db: Path, fmt: str) -> None:
    story = max(_stories(sample_db), key=lambda s: len(s["outlets"]))
    out = tmp_path / f"compare.{fmt}"
    run_ok("compare", story["id"], "--format", fmt, "--out", out, "--db", sample_db)
    text = out.read_text(encoding="utf-8")
    for outlet in story["outlets"]:
        shown = outlet.replace("&", "&amp;").replace("'", "&#x27;") if fmt == "html" else outlet
        assert shown in text
    if fmt == "json":
        comparison = json.loads(text)
        assert comparison["story"] == story["id"]
        for outlet in comparison["outlets"]:
            assert {"outlet", "articles", "events", "quotes", "unique_passages"} <= outlet.keys()
            keys = {"id", "type", "source", "target", "date", "shared"}
            assert all(keys <= e.keys() for e in outlet["events"])
    if fmt == "html":
        assert "<script" not in text


def test_compare_unknown_story_and_format_fail_clearly(sample_db: Path) -> None:
    missing = run_cli("compare", "nosuchstory", "--db", sample_db)
    assert missing.returncode == 1 and "no single story" in missing.stderr
    bad = run_cli("compare", "s", "--format", "pdf", "--db", sample_db)
    assert bad.returncode == 2 and "unknown format" in bad.stderr


def test_consolidated_events_count_reports_and_outlets(sample_db: Path) -> None:
    listing = run_ok("events", "--consolidated", "--json", "--db", sample_db).stdout
    rows = [json.loads(line) for line in listing.splitlines()]
    assert rows
    assert all(r["n_reports"] >= 1 and r["n_outlets"] >= 1 for r in rows)
    # The syndicated Germany-Poland call is coded once and counted for both outlets.
    assert any(r["n_articles"] > r["n_reports"] or r["n_outlets"] >= 2 for r in rows)
    table = run_ok("events", "--consolidated", "--db", sample_db).stdout
    assert f"{len(rows)} consolidated events" in table


def test_exports_of_stories_and_consolidated_events(tmp_path: Path, sample_db: Path) -> None:
    stories = _stories(sample_db)
    run_ok("export", "--what", "stories", "--format", "csv", "--out", tmp_path / "s.csv", "--db", sample_db)
    with (tmp_path / "s.csv").open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(stories)
    run_ok("export", "--what", "stories", "-f", "jsonl", "-o", tmp_path / "s.jsonl", "--db", sample_db)
    assert len((tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()) == len(stories)
    run_ok("export", "--what", "consolidated", "--format", "parquet", "--out", tmp_path / "c.parquet",
           "--db", sample_db)
    with duckdb.connect() as con:
        consolidated = con.execute(f"SELECT count(*) FROM '{tmp_path / 'c.parquet'}'").fetchone()[0]
    assert consolidated > 0

    run_ok("export", "--what", "consolidated", "-f", "gdelt", "-o", tmp_path / "g.tsv", "--db", sample_db)
    rows = [line.split("\t") for line in (tmp_path / "g.tsv").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == consolidated
    assert {len(r) for r in rows} == {61}
    for row in rows:
        assert row[0].isdigit() and len(row[1]) == 8  # GLOBALEVENTID, SQLDATE
        assert row[26:29] == [row[26], row[26][:3], row[26][:2]]  # EventCode, base, root
        assert row[29] in {"1", "2", "3", "4"}  # QuadClass
        assert int(row[31]) >= 1 and int(row[32]) >= 1 and int(row[33]) >= 1  # mentions, sources, articles


def test_export_refuses_gdelt_for_plain_events_and_unknown_tables(tmp_path: Path, sample_db: Path) -> None:
    wrong = run_cli("export", "--what", "stories", "-f", "gdelt", "-o", tmp_path / "x", "--db", sample_db)
    assert wrong.returncode == 2 and "not offered" in wrong.stderr
    unknown = run_cli("export", "--what", "people", "-f", "csv", "-o", tmp_path / "x", "--db", sample_db)
    assert unknown.returncode == 2 and "unknown table" in unknown.stderr


def test_rerunning_the_corpus_adds_no_story(sample_db: Path) -> None:
    before = _stories(sample_db)
    result = run_ok("run", SAMPLE, "--db", sample_db, "--workers", "1")
    assert "stories:" not in result.stdout
    assert _stories(sample_db) == before


# GDELT 2.0 Event table columns, in the order GDELT publishes them (its codebook).
GDELT_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
               "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
GDELT_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_HEADER = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in GDELT_ACTOR] + [f"Actor2{f}" for f in GDELT_ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{f}" for f in GDELT_GEO] + [f"Actor2Geo_{f}" for f in GDELT_GEO]
    + [f"ActionGeo_{f}" for f in GDELT_GEO] + ["DATEADDED", "SOURCEURL"]
)


def _gdelt_rows(tmp_path: Path, db: Path) -> list[dict[str, str]]:
    out = tmp_path / "events.gdelt.tsv"
    run_ok("export", "--what", "consolidated", "-f", "gdelt", "-o", out, "--db", db)
    with out.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, fieldnames=GDELT_HEADER, delimiter="\t"))


def test_gdelt_export_places_the_seed_events(tmp_path: Path, sample_db: Path) -> None:
    rows = _gdelt_rows(tmp_path, sample_db)
    assert all(None not in r and r["SOURCEURL"] for r in rows)  # exactly 61 columns a row
    talks = [r for r in rows if {r["Actor1Name"], r["Actor2Name"]} == {"WANG YI", "SERGEI LAVROV"}
             and r["EventRootCode"] == "04"]
    assert len(talks) == 2  # the data keeps both directions of the meeting
    for row in talks:
        # Moscow (GeoNames 524901), a world city in Russia (FIPS RS), Moscow City (ADM1 48).
        assert row["ActionGeo_Type"] == "4" and row["ActionGeo_CountryCode"] == "RS"
        assert row["ActionGeo_FullName"] == "Moscow, Russia" and row["ActionGeo_ADM1Code"] == "RS48"
        assert abs(float(row["ActionGeo_Lat"]) - 55.75) < 0.05
        assert abs(float(row["ActionGeo_Long"]) - 37.62) < 0.05
        assert row["ActionGeo_FeatureID"] == "524901"
        geo = {row["Actor1Geo_CountryCode"], row["Actor2Geo_CountryCode"]}
        assert geo == {"CH", "RS"} and {row["Actor1Geo_Type"], row["Actor2Geo_Type"]} == {"1"}
    kremlin = [r for r in rows if "VLADIMIR PUTIN" in (r["Actor1Name"], r["Actor2Name"])
               and r["EventRootCode"] == "04"]
    assert kremlin and all(r["ActionGeo_FullName"] == "Kremlin, Moscow, Russia" for r in kremlin)
    assert all(abs(float(r["ActionGeo_Lat"]) - 55.752) < 0.01 for r in kremlin)
    # Every event gets at least a country: its place, or the country of the action.
    assert all(r["ActionGeo_CountryCode"] for r in rows)


def test_story_about_the_seeds_reads_mutual_events_as_one_line(sample_db: Path) -> None:
    shown = run_ok("story", "--about", "Wang Yi", "--db", sample_db).stdout
    assert "2 articles from 2 outlets" in shown and "TBP" in shown and "Embassy" in shown
    meeting = [line for line in shown.splitlines() if "Lavrov" in line and "CONSULT" in line]
    assert meeting and all(" and " in line and ": CONSULT" in line for line in meeting)
    assert not any("Wang Yi CONSULT Sergei Lavrov" in line for line in shown.splitlines())
    story_id = shown.split()[1].rstrip(":")
    detail = json.loads(run_ok("story", story_id, "--json", "--db", sample_db).stdout)
    directions = {(e["source_name"], e["target_name"]) for e in detail["events"] if e["type"] == "CONSULT"}
    assert {("Wang Yi", "Sergei Lavrov"), ("Sergei Lavrov", "Wang Yi")} <= directions
    compared = run_ok("compare", story_id, "--db", sample_db).stdout
    assert "Sergei Lavrov: CONSULT" in compared or "Wang Yi: CONSULT" in compared
    assert "Wang Yi CONSULT Sergei Lavrov" not in compared


def test_story_needs_an_id_or_about(sample_db: Path) -> None:
    assert run_cli("story", "--db", sample_db).returncode == 2
    missing = run_cli("story", "--about", "nothing-like-this-anywhere", "--db", sample_db)
    assert missing.returncode == 1 and "no story mentions" in missing.stderr
