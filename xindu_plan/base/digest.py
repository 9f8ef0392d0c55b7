"""The one sha256 helper: every hash of the package is computed here."""

from __future__ import annotations

import hashlib

__all__ = ["sha256"]


def sha256(data: bytes | str) -> str:
    """Return the hex sha256 of bytes, or of a string encoded as UTF-8.

    >>> sha256("") == sha256(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    True
    """
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()
