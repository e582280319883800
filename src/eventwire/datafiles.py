"""Reading the package's data files (`src/eventwire/data`): TSV tables and word lists with `#`
comment lines, and TOML tables. Every stage reads its data through here."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from typing import Any


def data_text(*parts: str) -> str:
    """The text of `src/eventwire/data/<parts...>`."""
    return files("eventwire").joinpath("data", *parts).read_text(encoding="utf-8")


def data_files(*parts: str, suffix: str) -> tuple[tuple[str, bytes], ...]:
    """(name, bytes) of every file of a data folder with this suffix, in name order."""
    folder = files("eventwire").joinpath("data", *parts)
    found = sorted((f for f in folder.iterdir() if f.name.endswith(suffix)), key=lambda f: f.name)
    return tuple((f.name, f.read_bytes()) for f in found)


def data_rows(*parts: str, header: bool = True) -> list[list[str]]:
    """The rows of a tab-separated data file (below its header, when it has one); comments and
    blank lines skipped."""
    lines = [line for line in data_text(*parts).splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1 if header else 0 :]]


def data_toml(*parts: str) -> dict[str, Any]:
    """The tables of a TOML data file."""
    return tomllib.loads(data_text(*parts))


def data_words(*parts: str) -> list[str]:
    """A word list, one entry a line, comments and blank lines skipped."""
    return [
        line.strip() for line in data_text(*parts).splitlines() if line.strip() and not line.startswith("#")
    ]
