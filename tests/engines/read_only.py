"""Run `eventwire` against a database it may read but not write.

Unprivileged, permission bits do it. Root ignores permission bits (and CI runs as root), so
there the command runs in a private mount namespace where the file or its folder is bind
mounted read-only: even root gets "Read-only file system", and nothing changes outside.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import pytest

Lock = Literal["file", "folder"]
"""What is read-only: the database file, or the folder it is in (the file itself stays writable)."""

# $1 the folder, $2 the file, $3 the lock, then the command. Binding the file on its own after
# the folder is made read-only gives it a writable mount of its own.
_MOUNT_SCRIPT = """set -e
folder=$1; file=$2; lock=$3; shift 3
if [ "$lock" = folder ]; then
  mount --bind "$folder" "$folder"; mount -o remount,bind,ro "$folder"
  mount --bind "$file" "$file"; mount -o remount,bind,rw "$file"
else
  mount --bind "$file" "$file"; mount -o remount,bind,ro "$file"
fi
exec "$@"
"""


def _can_make_private_mounts() -> str | None:
    """None when `unshare --mount` works here, else why not."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return "no `unshare` command"
    probe = subprocess.run(
        [unshare, "--mount", "--propagation", "private", "true"], capture_output=True, text=True, check=False
    )
    return None if probe.returncode == 0 else f"`unshare --mount` failed: {probe.stderr.strip()}"


@contextmanager
def chmod_lock(db: Path, lock: Lock) -> Iterator[None]:
    """Make `db` (or its folder) read-only by permission bits while in the block."""
    target = db.parent if lock == "folder" else db
    mode = target.stat().st_mode
    target.chmod(0o555 if lock == "folder" else 0o444)
    try:
        yield
    finally:
        target.chmod(mode)


def run_read_only(
    command: list[str], db: Path, lock: Lock, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run `command` while `db` (lock="file") or its folder (lock="folder") cannot be written."""
    kwargs = {"capture_output": True, "text": True, "timeout": 120, "check": False, "env": env}
    if os.geteuid() != 0:
        with chmod_lock(db, lock):
            return subprocess.run(command, **kwargs)  # type: ignore[call-overload,no-any-return]
    why_not = _can_make_private_mounts()
    if why_not:
        pytest.skip(f"running as root, where permission bits do not stop writes, and {why_not}")
    wrapped = [
        "unshare", "--mount", "--propagation", "private",
        "sh", "-c", _MOUNT_SCRIPT, "sh", str(db.parent), str(db), lock, *command,
    ]  # fmt: skip
    return subprocess.run(wrapped, **kwargs)  # type: ignore[call-overload,no-any-return]
