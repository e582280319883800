"""`eventwire serve` as a user starts it: clear one-line errors for a missing or broken database."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from server_helpers import SERVE, server_env

pytestmark = pytest.mark.slow


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SERVE, *args], env=server_env(None), capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("content", [None, b"not a database"])
def test_api_serve_refuses_a_missing_or_broken_database(tmp_path: Path, content: bytes | None) -> None:
    db = tmp_path / "x.duckdb"
    if content is not None:
        db.write_bytes(content)
    result = _serve("--db", str(db), "--port", "0")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "E401" in lines[0] and "Traceback" not in result.stderr


def test_api_serve_rejects_bad_options(tmp_path: Path) -> None:
    assert _serve("--cache-rows", "-1").returncode == 2
    assert _serve("--max-upload-bytes", "0").returncode == 2
    help_text = _serve("--help").stdout
    for option in ("--db", "--host", "--port", "--max-upload-bytes", "--cache-rows"):
        assert option in help_text
    assert "127.0.0.1" in help_text
