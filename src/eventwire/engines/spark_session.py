"""Starting Spark: check pyspark and Java first, then build a session the runner can use.

Spark fails on a missing or old Java with a page of JVM output; checking before we start gives
one coded line instead (E701 no pyspark, E702 no usable Java).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import E, EventwireError
from eventwire.stories.windows import WINDOW_WIDTH_DAYS

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

JAVA_NEEDED = 17
"""Spark 4 runs on Java 17 or 21."""
JAVA_VERSION = re.compile(r'version "(\d+)(?:\.(\d+))?')
JAVA_CHECK_SECONDS = 30
APP_NAME = "eventwire"


@dataclass(frozen=True, slots=True)
class SparkOptions:
    """Where and how to run: the flags of `eventwire spark` that are about Spark itself."""

    master: str | None = None
    """local[N], spark://host:port, yarn; None leaves it to spark-submit or `local[*]`."""
    partitions: int | None = None
    """Processing partitions (tasks); None means two per core Spark reports."""
    conf: dict[str, str] = field(default_factory=dict)
    """Extra Spark settings (spark.driver.memory, spark.ui.enabled, ...)."""
    story_window_days: int = WINDOW_WIDTH_DAYS
    """Days of articles a story task clusters after its warm-up (see `stories.windows`)."""


def require_pyspark() -> None:
    """Raises: EventwireError E701 when pyspark cannot be imported."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise EventwireError(E.E701) from exc


def java_command() -> str | None:
    """The `java` Spark will start: $JAVA_HOME/bin/java when set, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        return str(candidate) if candidate.exists() else None
    return shutil.which("java")


def java_major(command: str) -> int | None:
    """The major version `command -version` reports (8 for "1.8.0_292"), None when it says none."""
    try:
        done = subprocess.run(
            [command, "-version"], capture_output=True, text=True, timeout=JAVA_CHECK_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = JAVA_VERSION.search(done.stderr + done.stdout)
    if match is None:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def require_java() -> None:
    """Raises: EventwireError E702 when no Java 17+ can be found."""
    command = java_command()
    if command is None:
        where = "JAVA_HOME has no bin/java" if os.environ.get("JAVA_HOME") else "no `java` on PATH"
        raise EventwireError(E.E702, needed=JAVA_NEEDED, detail=where)
    major = java_major(command)
    if major is None or major < JAVA_NEEDED:
        found = f"{command} is Java {major}" if major else f"{command} does not run"
        raise EventwireError(E.E702, needed=JAVA_NEEDED, detail=found)


def start_session(options: SparkOptions) -> SparkSession:
    """A SparkSession for the runner (or the one spark-submit already made).

    On a local master, executors run this interpreter unless PYSPARK_PYTHON says otherwise; on a
    cluster, the one `spark.pyspark.python` (or PYSPARK_PYTHON) names.

    Raises:
        EventwireError: E701 without pyspark, E702 without Java 17+.
    """
    require_pyspark()
    # On a cluster, spark-submit has started the JVM already; only a fresh one needs our Java.
    if not os.environ.get("SPARK_ENV_LOADED") and "PYSPARK_GATEWAY_PORT" not in os.environ:
        require_java()
    # Started from Python (not spark-submit), executors run the interpreter PYSPARK_PYTHON names:
    # spark.pyspark.python if given; on a local master, this one (the environment eventwire is in).
    python = options.conf.get("spark.pyspark.python")
    if python:
        os.environ["PYSPARK_PYTHON"] = python
    elif (options.master or "local").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(APP_NAME)
    if options.master:
        builder = builder.master(options.master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:
        builder = builder.master("local[*]")
    for key, value in options.conf.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def partition_count(session: SparkSession, options: SparkOptions) -> int:
    """Processing partitions: the given number, or two per core so a slow task has company."""
    if options.partitions:
        return options.partitions
    return max(2, 2 * session.sparkContext.defaultParallelism)
