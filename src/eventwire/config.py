"""One typed configuration object, built from defaults, a TOML file and CLI flags.

Every setting is declared once in `SETTINGS` (name, default, help); `--help`, the README's
settings table and validation all read that table, and a test fails when one is undocumented.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from eventwire.errors import E, EventwireError

DEFAULT_DB = "eventwire.duckdb"
DB_ENV = "EVENTWIRE_DB"


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", DEFAULT_DB, f"DuckDB file to store into (environment: {DB_ENV})."),
    Setting("workers", 0, "Worker processes for `run`; 0 means one per CPU core."),
    Setting("batch_size", 16, "Documents per batch; each batch is written in one transaction."),
    Setting(
        "max_bytes",
        64 * 1024 * 1024,
        "Largest input file read, in bytes; larger files are recorded as failures.",
    ),
    Setting("actor_files", [], "Extra actor dictionary files (same TSV formats as the bundled ones)."),
    Setting("pattern_files", [], "Extra verb-pattern files (same TSV format as the bundled one)."),
    Setting(
        "code_events", True, "Run annotation, event coding and quotes; false stores clean articles only."
    ),
    Setting(
        "on_error",
        "record",
        "What a stage does on an unexpected error (a bug) in one document: 'record' or 'raise'. "
        "Bad input is always recorded.",
    ),
)

_CHOICES = {"on_error": ("record", "raise")}
_MINIMA = {"workers": 0, "batch_size": 1, "max_bytes": 1}


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for a run; see `SETTINGS` for what each one means."""

    db: str = DEFAULT_DB
    workers: int = 0
    batch_size: int = 16
    max_bytes: int = 64 * 1024 * 1024
    actor_files: list[str] = field(default_factory=list)
    pattern_files: list[str] = field(default_factory=list)
    code_events: bool = True
    on_error: str = "record"

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)

    def with_overrides(self, **overrides: Any) -> Config:
        """A copy with the given settings changed; `None` values are ignored (unset CLI flags)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        for key, value in given.items():
            _validate(key, value, "command line")
        return replace(self, **given)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _validate(key: str, value: Any, where: str) -> None:
    known = {s.name: s for s in SETTINGS}
    if key not in known:
        raise EventwireError(E.E501, key=key, path=where, known=", ".join(known))
    default = known[key].default
    expected = type(default)
    if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise EventwireError(E.E502, key=key, expected="an integer", value=value)
    if expected is not int and not isinstance(value, expected):
        raise EventwireError(E.E502, key=key, expected=expected.__name__, value=value)
    if key in _MINIMA and value < _MINIMA[key]:
        raise EventwireError(E.E502, key=key, expected=f"at least {_MINIMA[key]}", value=value)
    if key in _CHOICES and value not in _CHOICES[key]:
        raise EventwireError(E.E502, key=key, expected=" or ".join(_CHOICES[key]), value=value)


def load_config(path: str | Path | None = None) -> Config:
    """Defaults, then the `[eventwire]` table of a TOML file, then `EVENTWIRE_DB`.

    Raises:
        EventwireError: E501 for an unknown key, E502 for a value of the wrong type.
    """
    config = Config()
    if path is not None:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        table = data.get("eventwire", data)
        for key, value in table.items():
            _validate(key, value, str(path))
        config = replace(config, **table)
    if os.environ.get(DB_ENV):
        config = replace(config, db=os.environ[DB_ENV])
    return config
