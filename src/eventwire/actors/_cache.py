"""The actor dictionary's compiled cache: which sources build it and how its records pickle.

With the Phoenix data the dictionary reads some 60,000 rows; parsing them and building the
indexes takes about two seconds, loading the compiled indexes a fraction of that.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventwire.compiled_cache import CompiledCache


def _reducers() -> dict[type, Any]:
    from eventwire.actors.index import Entity, Entry, TitleRow
    from eventwire.records import Actor

    return {
        Actor: lambda a: (Actor, (a.name, a.country, a.sector, a.kind)),
        Entry: lambda e: (Entry, (e.actor, e.role, e.start, e.end, e.organisation)),
        Entity: lambda e: (Entity, (e.kind, e.entries)),
        TitleRow: lambda t: (TitleRow, (t.role, t.countries, t.sector)),
    }


_HERE = Path(__file__).parent
CACHE = CompiledCache(
    "actors-",
    tuple(_HERE / name for name in ("dictionary.py", "index.py", "_names.py", "_tables.py", "_cache.py")),
    _reducers,
)
