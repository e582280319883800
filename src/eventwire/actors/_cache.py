"""The actor dictionary's indexes compiled once and kept on disk, so start-up does not rebuild them.

With the Phoenix data the dictionary reads some 60,000 rows; parsing them and building the
indexes takes about two seconds, loading the compiled indexes a fraction of that. The cache file
is keyed by the SHA-256 of everything the indexes are built from: this format's number,
eventwire's version, the source of the modules that build them, and the name and bytes of every
data file read (package and user files). Any change gives a new key, so a stale index is never
read. Files live in the user's cache folder (platformdirs: `$XDG_CACHE_HOME/eventwire` on
Linux); when it cannot be read or written the dictionary is simply built in memory.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

FORMAT = 1
"""Bump when the pickled layout changes in a way the module sources would not show."""
PREFIX = "actors-"
KEEP_FILES = 4
"""Cache files kept per folder (the package data alone, and a few sets of user files)."""
_BUILDERS = ("dictionary.py", "_names.py", "_tables.py", "_cache.py")


def folder() -> Path:
    import platformdirs

    return platformdirs.user_cache_path("eventwire", appauthor=False)


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _BUILDERS:
        with contextlib.suppress(OSError):
            digest.update(name.encode() + b"\0" + (here / name).read_bytes())
    try:
        digest.update(version("eventwire").encode())
    except PackageNotFoundError:
        digest.update(b"unversioned")
    return digest.digest()


def key(files: Sequence[tuple[str, bytes]]) -> str:
    """The cache key of the dictionary built from `files` ((name, bytes), in reading order)."""
    digest = hashlib.sha256(f"{FORMAT}\0".encode() + _code_digest())
    for name, data in files:
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def read(cache_key: str) -> Any | None:
    """The object stored under `cache_key`, or None when there is none or it cannot be read."""
    path = folder() / f"{PREFIX}{cache_key}.pickle"
    try:
        with path.open("rb") as fh, no_gc():
            return pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or foreign file: rebuild and replace it
        return None


def write(cache_key: str, obj: Any) -> None:
    """Store `obj` under `cache_key`; silently does nothing when the folder is not writable."""
    target = folder()
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _reducers()
    pickler.dump(obj)
    try:
        target.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as fh:
                fh.write(buffer.getvalue())
            # Atomic: another worker reading the same key sees the old file or the whole new one.
            Path(temporary).replace(target / f"{PREFIX}{cache_key}.pickle")
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(target)
    except OSError:
        return


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: building or loading some 500,000 small objects, none
    of them garbage, would otherwise set it off again and again (five times slower)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _prune(target: Path) -> None:
    files = sorted(target.glob(f"{PREFIX}*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP_FILES:]:
        old.unlink(missing_ok=True)


def _reducers() -> dict[type, Any]:
    """Frozen slotted dataclasses pickle field by field through `object.__setattr__`; rebuilding
    them with their constructors loads the 20,000 people about three times faster."""
    from eventwire.actors.dictionary import Entry, _Entity, _Title
    from eventwire.records import Actor

    return {
        Actor: lambda a: (Actor, (a.name, a.country, a.sector, a.kind)),
        Entry: lambda e: (Entry, (e.actor, e.role, e.start, e.end, e.organisation)),
        _Entity: lambda e: (_Entity, (e.kind, e.entries)),
        _Title: lambda t: (_Title, (t.role, t.countries, t.sector)),
    }
