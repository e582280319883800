"""Indexes compiled once and kept on disk, so a process's start does not rebuild them.

The actor dictionary (some 60,000 rows) and the gazetteer (34,000 cities with their alternate
names) each take one to two seconds to build and a fraction of that to load once pickled. A cache
file is keyed by the SHA-256 of everything its object is built from: the format's number,
eventwire's version, the source of the modules that build it, and the name and bytes of every
data file read. Any change gives a new key, so a stale index is never read. Files live in the
user's cache folder (platformdirs: `$XDG_CACHE_HOME/eventwire` on Linux); when it cannot be read
or written the object is simply built in memory.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
FORMAT = 1
"""Bump when the pickled layouts change in a way the module sources would not show."""
KEEP_FILES = 4
"""Cache files kept per kind (the package data alone, and a few sets of user files)."""


def folder() -> Path:
    import platformdirs

    return platformdirs.user_cache_path("eventwire", appauthor=False)


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


@dataclass
class CompiledCache:
    """The disk cache of one kind of compiled object."""

    prefix: str
    """File name prefix of this kind ("actors-")."""
    builders: Sequence[Path]
    """The modules whose source decides what is built: editing one invalidates every file."""
    reducers: Callable[[], dict[type, Any]] = dict
    """Pickle reducers for this kind's classes: rebuilding frozen slotted dataclasses with their
    constructors loads them about three times faster than field by field."""
    _code: bytes | None = field(default=None, init=False, repr=False)

    def key(self, files: Sequence[tuple[str, bytes]]) -> str:
        """The cache key of the object built from `files` ((name, bytes), in reading order)."""
        digest = hashlib.sha256(f"{FORMAT}\0{self.prefix}\0".encode() + self._code_digest())
        for name, data in files:
            digest.update(f"\0{name}\0{len(data)}\0".encode())
            digest.update(data)
        return digest.hexdigest()

    def read(self, cache_key: str) -> Any | None:
        """The object stored under `cache_key`, or None when there is none or it cannot be read."""
        try:
            with self._path(folder(), cache_key).open("rb") as fh, no_gc():
                return pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # a truncated or foreign file: rebuild and replace it
            return None

    def write(self, cache_key: str, obj: object) -> None:
        """Store `obj` under `cache_key`; silently does nothing when the folder is not writable."""
        target = folder()
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = self.reducers()
        pickler.dump(obj)
        try:
            target.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target, prefix=".tmp-", suffix=".pickle")
            try:
                with os.fdopen(handle, "wb") as fh:
                    fh.write(buffer.getvalue())
                # Atomic: another worker reading the same key sees the old file or the whole new one.
                Path(temporary).replace(self._path(target, cache_key))
            except OSError:
                Path(temporary).unlink(missing_ok=True)
                raise
            self._prune(target)
        except OSError:
            return

    def load(self, files: Sequence[tuple[str, bytes]], kind: type[T], build: Callable[[], T]) -> T:
        """The object built from `files`: from the cache when it holds one of `kind`, else built
        (with the collector paused) and stored for the next start."""
        cache_key = self.key(files)
        found = self.read(cache_key)
        if isinstance(found, kind):
            return found
        with no_gc():
            built = build()
        self.write(cache_key, built)
        return built

    def _path(self, target: Path, cache_key: str) -> Path:
        return target / f"{self.prefix}{cache_key}.pickle"

    def _code_digest(self) -> bytes:
        if self._code is None:
            digest = hashlib.sha256(Path(__file__).read_bytes())
            for path in self.builders:
                with contextlib.suppress(OSError):
                    digest.update(path.name.encode() + b"\0" + path.read_bytes())
            try:
                digest.update(version("eventwire").encode())
            except PackageNotFoundError:
                digest.update(b"unversioned")
            self._code = digest.digest()
        return self._code

    def _prune(self, target: Path) -> None:
        files = sorted(target.glob(f"{self.prefix}*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP_FILES:]:
            old.unlink(missing_ok=True)
