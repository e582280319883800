"""Mutual events read as one: "Wang Yi and Sergei Lavrov: CONSULT" instead of two rows.

A meeting is coded both ways (A CONSULT B and B CONSULT A), as the guideline wants, and the data
and exports keep both directions. What people read (pages, `story`, `compare`) shows the pair as
one line. Two events are a pair when they have the same type, the same date (or are both undated)
and swapped sides: the same act both ways on one day, which is what "A and B met" says.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Row = dict[str, Any]


def pair_mutual(
    rows: Sequence[Row], *, source: str = "source_name", target: str = "target_name", scope: str | None = None
) -> list[Row]:
    """The rows with each mutual pair's second row folded into the first.

    The first row of a pair gets `mutual: True` and `partner` (the second row); every other row
    gets `mutual: False`. Order is kept. Rows are not changed: copies are returned.

    Args:
        source, target: the keys naming each side (names or ids).
        scope: a key both rows must share besides type and date (a document, a sentence), if any.
    """
    out: list[Row] = []
    waiting: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        key = (row.get("type"), row.get("date"), row.get(scope) if scope else None)
        mirror = (*key, row.get(target), row.get(source))
        partner = waiting.pop(mirror, None)
        if partner is not None and row.get(source) != row.get(target):
            partner["mutual"] = True
            partner["partner"] = row
            continue
        copy = {**row, "mutual": False}
        waiting.setdefault((*key, row.get(source), row.get(target)), copy)
        out.append(copy)
    return out


def sides_text(row: Row, *, source: str = "source_name", target: str = "target_name") -> str:
    """ "A and B: CONSULT" for a pair, "A CONSULT B" for a one-way event."""
    if row.get("mutual"):
        return f"{row[source]} and {row[target]}: {row['type']}"
    return f"{row[source]} {row['type']} {row[target]}"
