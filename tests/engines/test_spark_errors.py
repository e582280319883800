"""Clear, coded messages when Spark cannot run or a folder is not a dataset (no Spark started)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from e2e_helpers import run_cli

from eventwire.engines.spark_dataset import MANIFEST
from eventwire.engines.spark_load import load_dataset
from eventwire.engines.spark_session import java_major, require_java
from eventwire.errors import EventwireError
from eventwire.store import Store
from eventwire.store.schema import SCHEMA_VERSION


def test_spark_session_without_pyspark_names_the_extra() -> None:
    # A real interpreter in which pyspark cannot be imported (as in a base install).
    code = (
        "import sys; sys.modules['pyspark'] = None\n"
        "from eventwire.engines.spark_session import require_pyspark\n"
        "from eventwire.errors import EventwireError\n"
        "try:\n    require_pyspark()\nexcept EventwireError as exc:\n    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("E701 ")
    assert "eventwire[spark]" in done.stdout


def test_spark_session_without_java_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk"))
    with pytest.raises(EventwireError) as caught:
        require_java()
    assert caught.value.code == "E702"
    assert "JAVA_HOME" in str(caught.value)


def test_spark_session_with_old_java_says_which(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in `java` that answers like Java 8 does.
    home = tmp_path / "jdk8"
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text("#!/bin/sh\necho 'openjdk version \"1.8.0_392\"' >&2\n", encoding="utf-8")
    java.chmod(0o755)
    assert java_major(str(java)) == 8
    monkeypatch.setenv("JAVA_HOME", str(home))
    with pytest.raises(EventwireError) as caught:
        require_java()
    assert caught.value.code == "E702"
    assert "Java 8" in str(caught.value)


def test_spark_load_refuses_a_folder_that_is_not_a_dataset(tmp_path: Path) -> None:
    (tmp_path / "ds").mkdir()
    with Store(tmp_path / "t.duckdb") as store, pytest.raises(EventwireError) as caught:
        load_dataset(tmp_path / "ds", store)
    assert caught.value.code == "E703"


def test_spark_load_refuses_another_schema_version(tmp_path: Path) -> None:
    manifest = tmp_path / "ds" / MANIFEST
    manifest.mkdir(parents=True)
    (manifest / "part-00000.txt").write_text(
        json.dumps({"eventwire_schema_version": SCHEMA_VERSION + 1}), encoding="utf-8"
    )
    with Store(tmp_path / "t.duckdb") as store, pytest.raises(EventwireError) as caught:
        load_dataset(tmp_path / "ds", store)
    assert caught.value.code == "E704"


def test_spark_load_cli_error_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "ds").mkdir()
    result = run_cli("load", tmp_path / "ds", "--db", tmp_path / "t.duckdb")
    assert result.returncode == 1
    assert "E703" in result.stderr
    assert "Traceback" not in result.stderr
