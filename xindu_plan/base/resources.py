"""The one place that finds the files shipped with the package.

The published data package (``datapackage.json`` and ``data/``) sits at the top of
a source checkout. In a wheel the same files are installed inside the package as
``xindu_plan/_package/``. :func:`package_root` returns whichever is present, so a
wheel, a source checkout and an editable install all read the same files through
the same code path.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["corpus_root", "lexicon", "package_root", "read_bytes", "read_text"]

_INSTALLED = "_package"
_DESCRIPTOR = "datapackage.json"


def package_root() -> Path:
    """Return the folder holding ``datapackage.json`` and ``data/``.

    Raises:
        FileNotFoundError: neither an installed nor a checkout copy exists.

    >>> (package_root() / "datapackage.json").is_file()
    True
    """
    here = resources.files("xindu_plan")
    installed = here / _INSTALLED
    if installed.joinpath(_DESCRIPTOR).is_file():
        return Path(str(installed))
    checkout = Path(str(here)).parent
    if (checkout / _DESCRIPTOR).is_file() and (checkout / "data").is_dir():
        return checkout
    raise FileNotFoundError(
        "the xindu-plan data package was not found: neither xindu_plan/_package/ "
        "(installed wheel) nor datapackage.json beside the xindu_plan folder (checkout)"
    )


def corpus_root() -> Traversable:
    """Return the folder of the comparison corpus shipped inside the package."""
    return resources.files("xindu_plan") / "corpus"


def lexicon(name: str) -> list[dict[str, str]]:
    """Return the rows of a word list shipped in ``xindu_plan/lexicon/`` (a CSV file with a header).

    >>> lexicon("numbered_formulas.csv")[0]["formula"]
    '八项规定'
    """
    import csv
    import io

    data = (resources.files("xindu_plan") / "lexicon" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(data)))


def read_bytes(relative: str) -> bytes:
    """Read a file of the data package by its path relative to ``datapackage.json``."""
    return (package_root() / relative).read_bytes()


def read_text(relative: str) -> str:
    """Read a UTF-8 file of the data package by its relative path."""
    return read_bytes(relative).decode("utf-8")
