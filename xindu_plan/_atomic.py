"""Write a file or folder atomically: into a temporary sibling, then rename into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import XinduPlanError

__all__ = ["write_atomically"]


def write_atomically(
    out: Path,
    write: Callable[[Path], None],
    *,
    overwrite: bool = False,
    error: type[XinduPlanError] = XinduPlanError,
) -> Path:
    """Call ``write(tmp)`` on a temporary path beside ``out``, then rename it to ``out``.

    A failure or Ctrl-C inside ``write`` leaves nothing at ``out`` and no temporary
    file behind.

    Raises:
        error: ``out`` exists (without ``overwrite``), its folder does not exist or
            cannot be written.
    """
    out = Path(out)
    if out.exists() and not overwrite:
        raise error(f"{out} already exists; choose another path or pass --overwrite")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise error(f"{parent} is not an existing folder")
    try:
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.", suffix=".tmp"))
    except OSError as err:
        raise error(f"{parent}: cannot write there ({err.strerror})") from None
    try:
        target = tmp / "out"
        write(target)
        if out.exists():
            if out.is_dir() and not out.is_symlink():
                shutil.rmtree(out)
            else:
                out.unlink()
        os.replace(target, out)
    except OSError as err:
        raise error(f"{out}: cannot write ({err.strerror})") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out
