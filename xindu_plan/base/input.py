"""Reading another plan document's bytes safely: regular files or standard input, within a size limit.

A pipe, device or socket given as a file could block forever or never end
(``/dev/zero``), so only regular files are read; standard input (``-``) is read
up to the same limit. Empty content and binary content (NUL bytes) are refused.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from xindu_plan.base.errors import XinduPlanError

__all__ = ["MAX_BYTES", "read_input"]

#: The largest document read by default (20 MB; a full five-year plan outline is about 0.2 MB).
MAX_BYTES = 20_000_000


def read_input(path: str | Path, error: type[XinduPlanError], max_bytes: int = MAX_BYTES) -> bytes:
    """Return the bytes of a regular file, or of standard input for ``-``.

    Raises:
        error: the file is missing, a folder, not a regular file, unreadable,
            larger than ``max_bytes``, empty, or binary; the message names it.
    """
    if str(path) == "-":
        name = "standard input"
        try:
            data = sys.stdin.buffer.read(max_bytes + 1)
        except OSError as err:
            raise error(f"{name}: cannot be read ({err.strerror})") from None
    else:
        name = str(path)
        try:  # non-blocking: opening a FIFO with no writer must not hang
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        except FileNotFoundError:
            raise error(f"{name}: no such file") from None
        except IsADirectoryError:
            raise error(f"{name}: is a folder, not a text file") from None
        except PermissionError:
            raise error(f"{name}: permission denied") from None
        except (OSError, ValueError) as err:  # ValueError: a NUL character in the path
            raise error(f"{name}: cannot be read ({getattr(err, 'strerror', None) or err})") from None
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise error(f"{name}: is a folder, not a text file")
            if not stat.S_ISREG(info.st_mode):
                raise error(
                    f"{name}: not a regular file (a pipe, device or socket); give its text on standard input (-)"
                )
            if info.st_size > max_bytes:
                raise error(
                    f"{name}: {info.st_size:,} bytes, more than the limit of {max_bytes:,}; raise it with --max-bytes"
                )
        except BaseException:
            os.close(fd)
            raise
        with os.fdopen(fd, "rb") as f:
            try:
                data = f.read(max_bytes + 1)
            except OSError as err:
                raise error(f"{name}: cannot be read ({err.strerror})") from None
    if len(data) > max_bytes:
        raise error(f"{name}: more than the limit of {max_bytes:,} bytes; raise it with --max-bytes")
    if not data.strip():
        raise error(f"{name}: is empty (no text)")
    if b"\x00" in data:
        raise error(f"{name}: binary data (NUL bytes), not text in UTF-8, GB18030 or Big5")
    return data
