"""The benchmark's own parts: corpus generator, measurement, summary parsing, stage profile."""

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import stage_profile  # noqa: E402
from eventwire.ingest import IngestOptions, iter_documents  # noqa: E402
from eventwire.records import Failure, RawDocument  # noqa: E402
from eventwire_run import SUMMARY, run_eventwire  # noqa: E402
from measure import MIB, BenchError, run_measured  # noqa: E402


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_corpus_same_seed_writes_same_files(tmp_path):
    corpus.write_ingest_corpus(tmp_path / "a", 60, seed=5)
    corpus.write_ingest_corpus(tmp_path / "b", 60, seed=5)
    corpus.write_ingest_corpus(tmp_path / "c", 60, seed=6)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert _tree(tmp_path / "a") != _tree(tmp_path / "c")


def test_corpus_ingest_yields_every_document_without_failures(tmp_path):
    info = corpus.write_ingest_corpus(tmp_path, 80, seed=1)
    items = list(iter_documents([tmp_path], IngestOptions()))
    failures = [i for i in items if isinstance(i, Failure)]
    documents = [i for i in items if isinstance(i, RawDocument)]
    assert failures == []
    assert len(documents) == info.documents == 80
    assert len({d.hash for d in documents}) == 80
    assert set(info.by_format) == {"txt", "html", "jsonl", "feed"}


def test_corpus_articles_reach_word_target_with_plausible_event_share(tmp_path):
    articles = corpus.write_article_corpus(tmp_path, 20, seed=3, words=600)
    assert len(list(tmp_path.glob("*.txt"))) == 20
    assert all(600 <= a.words < 700 for a in articles)
    share = sum(a.event_sentences for a in articles) / sum(a.sentences for a in articles)
    assert 0.3 <= share <= 0.5
    assert "{" not in "".join(a.text + a.title for a in articles), "an unfilled template field"


def test_measure_reports_child_peak_memory_and_time():
    grow = "x = bytearray(150 * 1024 * 1024); import time; time.sleep(0.3)"
    measured = run_measured([sys.executable, "-c", grow])
    assert measured.seconds >= 0.3
    assert measured.tree_max_bytes >= 150 * MIB
    assert measured.peak("main") >= 150 * MIB


def test_measure_raises_on_failing_command():
    with pytest.raises(BenchError, match="exited with 3"):
        run_measured([sys.executable, "-c", "import sys; sys.exit(3)"])


def test_summary_pattern_reads_the_cli_line():
    line = (
        "12 documents read, 10 stored, 2 duplicates, 31 events, 4 quotes, 1 failures "
        "in 3.4s (3.5 docs/s) -> x"
    )
    match = SUMMARY.search(line)
    assert match is not None
    assert (match["seen"], match["stored"], match["failures"], match["seconds"]) == ("12", "10", "1", "3.4")


def test_stage_profile_counts_a_sample_for_its_first_stage():
    raw = "\n".join(
        [
            "<module> (eventwire:6);run_local (eventwire/engines/local.py:1);"
            "Store.write_batch (eventwire/store/database.py:139) 7",
            "<module> (eventwire:6);Annotator.annotate (eventwire/annotate/annotator.py:109);"
            "Language.pipe (spacy/language.py:1611) 5",
            "<module> (eventwire:6);Annotator.annotate (eventwire/annotate/annotator.py:100) 2",
            "<module> (eventwire:6);sleep (time.py:1) 1",
        ]
    )
    shares = stage_profile.stage_shares(raw)
    assert shares["store: DuckDB writes"] == 7
    assert shares["annotate: spaCy parse"] == 5
    assert shares["annotate: dates and the rest"] == 2
    assert shares[stage_profile.OTHER] == 1


@pytest.mark.slow
def test_eventwire_run_figures_match_the_generated_corpus(tmp_path):
    info = corpus.write_ingest_corpus(tmp_path / "in", 40, seed=2)
    figures, _ = run_eventwire([info.folder], tmp_path / "db.duckdb", 1, articles_only=True)
    assert figures.seen == figures.stored == 40
    assert figures.failures == 0
    assert figures.wall_seconds > figures.run_seconds > 0
    assert figures.peak_main_mib > 20
