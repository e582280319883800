"""The README's Monitoring section works as written: its sources and alerts files load, and the
service's command line uses options that `eventwire serve` has."""

from __future__ import annotations

import re
from pathlib import Path

import click
import typer.main

from eventwire.cli import app
from eventwire.watch import load_alerts, load_sources

README = Path(__file__).resolve().parents[2] / "README.md"


def _block(marker: str, fence: str = "toml") -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"<!-- {marker}")
    match = re.compile(rf"```{fence}\n(.*?)```", re.DOTALL).search(text, start)
    assert match is not None, f"no ```{fence} block after the {marker} marker"
    return match.group(1)


def test_readme_sources_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(_block("monitoring-sources"), encoding="utf-8")
    plan = load_sources(path)
    assert len(plan.sources) == 3
    assert [s.pages for s in plan.sources] == [True, True, False]
    assert plan.sources[0].name == "Example Times"


def test_readme_alerts_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "alerts.toml"
    path.write_text(_block("monitoring-alerts"), encoding="utf-8")
    plan = load_alerts(path)
    assert {r.kind for r in plan.rules} == {"event", "story", "goldstein", "new_pair"}
    assert plan.jsonl == tmp_path / "alerts.jsonl" and plan.webhooks


def test_readme_service_uses_options_serve_has() -> None:
    text = README.read_text(encoding="utf-8")
    exec_start = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    serve = typer.main.get_command(app).commands["serve"]  # type: ignore[attr-defined]
    known = {opt for param in serve.params if isinstance(param, click.Option) for opt in param.opts}
    used = set(re.findall(r"(--[a-z-]+)", exec_start))
    assert used and used <= known, used - known
