"""Reading the actor dictionary's TSV files: kinds, columns, and row checks that name file:line.

A file's kind is the start of its name (`people_local.tsv` is a people file). The first line
that is neither blank nor a `#` comment is the header; it must list the kind's columns in order,
and may leave out trailing optional ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

COLUMNS: dict[str, tuple[str, ...]] = {
    "states": ("iso3", "name", "aliases", "demonyms", "capitals"),
    "igos": ("name", "aliases"),
    "groups": ("name", "aliases", "country", "sector", "start", "end"),
    "institutions": ("name", "aliases", "country", "sector"),
    "people": ("name", "aliases", "country", "sector", "role", "start", "end", "organisation"),
    "sectors": ("word", "sector"),
    "titles": ("title", "role", "countries", "sector"),
    "places": ("name", "country"),
}
"""Columns of each file kind, in order. Trailing optional columns may be left out."""

REQUIRED: dict[str, tuple[str, ...]] = {
    "states": ("iso3", "name"),
    "igos": ("name",),
    "groups": ("name", "sector"),
    "institutions": ("name", "country", "sector"),
    "people": ("name", "sector", "role", "start"),
    "sectors": ("word", "sector"),
    "titles": ("title",),
    "places": ("name", "country"),
}


@dataclass(frozen=True, slots=True)
class Row:
    path: str
    line: int
    cells: dict[str, str]

    def fail(self, problem: str) -> ValueError:
        return ValueError(f"{self.path}:{self.line}: {problem}")

    def values(self, column: str) -> list[str]:
        return [v.strip() for v in self.cells.get(column, "").split("|") if v.strip()]


@dataclass(frozen=True, slots=True)
class Table:
    path: str
    kind: str
    rows: tuple[Row, ...]


def kind_of(path: Path) -> str:
    for kind in COLUMNS:
        if path.name.startswith(kind):
            return kind
    raise ValueError(
        f"{path}:0: cannot tell the file kind from its name (start it with one of: {', '.join(COLUMNS)})"
    )


def read_table(path: Path, text: str | None = None) -> Table:
    """Parse one TSV file, checking its header and the shape of every row.

    Args:
        path: the file; its name gives the kind (`people_extra.tsv` is a people file).
        text: the content, when already read.
    Returns:
        the parsed table.
    Raises:
        ValueError: "file:line: problem" for a bad header or row.
    """
    kind = kind_of(path)
    if text is None:
        text = path.read_text(encoding="utf-8")
    columns, required = COLUMNS[kind], REQUIRED[kind]
    header: tuple[str, ...] | None = None
    rows: list[Row] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = tuple(cells)
            if header != columns[: len(header)] or len(header) < columns.index(required[-1]) + 1:
                raise ValueError(
                    f"{path}:{number}: header must be the columns {' '.join(columns)} (tab-separated)"
                )
            continue
        if len(cells) > len(header):
            raise ValueError(f"{path}:{number}: {len(cells)} columns, the header has {len(header)}")
        row = Row(
            str(path), number, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
        )
        for column in required:
            if not row.cells.get(column):
                raise row.fail(f"empty required column '{column}'")
        rows.append(row)
    if header is None:
        raise ValueError(f"{path}:1: no header row")
    return Table(str(path), kind, tuple(rows))


def user_files(paths: Iterable[Path | str]) -> list[Path]:
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(path.glob("*.tsv")))
        elif path.is_file():
            files.append(path)
        else:
            raise ValueError(f"{path}:0: no such file or folder")
    return files


def cell_date(row: Row, column: str) -> date | None:
    value = row.cells.get(column, "")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise row.fail(f"column '{column}': '{value}' is not a date YYYY-MM-DD") from None
