"""Reading the package's data files: TSV tables and word lists with `#` comment lines."""

from __future__ import annotations

from importlib.resources import files


def data_text(*parts: str) -> str:
    """The text of `src/eventwire/data/<parts...>`."""
    return files("eventwire").joinpath("data", *parts).read_text(encoding="utf-8")


def data_rows(*parts: str) -> list[list[str]]:
    """The rows of a tab-separated data file below its header; comments and blank lines skipped."""
    lines = [line for line in data_text(*parts).splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def data_words(*parts: str) -> list[str]:
    """A word list, one entry a line, comments and blank lines skipped."""
    return [
        line.strip() for line in data_text(*parts).splitlines() if line.strip() and not line.startswith("#")
    ]
