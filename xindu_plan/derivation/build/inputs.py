"""What the build reads, and the checks of the curation files every table shares.

``SOURCE_FILE`` and ``TEXT_FILE`` name the raw copy and the restored text;
:func:`_inputs` reads the raw copy and every curation file (``_Inputs``);
:func:`_keyed` keys curated rows by their id and :func:`_expect` holds the ids
found in the text equal to the curated ones; :func:`_pinyin_overrides` reads the
curated readings and :func:`_pinyin_name` spells a name in pinyin with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xindu_plan.base.errors import BuildError
from xindu_plan.chinese.text import Repair
from xindu_plan.dataset import coding
from xindu_plan.reading import curation
from xindu_plan.reading.curation import CURATION

__all__ = [
    "SOURCE_FILE",
    "TEXT_FILE",
    "_Inputs",
    "_expect",
    "_inputs",
    "_keyed",
    "_pinyin_name",
    "_pinyin_overrides",
]


#: The raw copy as received, relative to the package root.
SOURCE_FILE = "data/source/000_660c768c808e59a5.txt"
TEXT_FILE = "data/text/article.txt"


@dataclass(frozen=True, slots=True)
class _Inputs:
    raw: str
    document: dict[str, Any]
    repairs: list[Repair]
    curation: dict[str, list[dict[str, str]]]


def _inputs(root: Path) -> _Inputs:
    source = root / SOURCE_FILE
    try:
        raw = source.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise BuildError(f"{source}: the raw copy is missing") from None
    except UnicodeDecodeError as err:
        raise BuildError(f"{source}: not UTF-8 at byte {err.start}") from None
    document = curation.read_toml(root, "document.toml")
    files = {
        name: curation.read_csv(root, f"{name}.csv")
        for name in (
            "repairs",
            "pinyin",
            "cap_topics",
            "sections",
            "measures",
            "targets",
            "terms",
            "entities",
            "translations",
            *(file.removesuffix(".csv") for file in coding.CODING_FILES.values()),
        )
    }
    return _Inputs(raw, document, list(curation.repair_rules(files["repairs"])), files)


def _keyed(rows: list[dict[str, str]], key: str, file: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows, start=2):
        value = row.get(key) or ""
        if not value:
            raise BuildError(f"{CURATION}/{file} row {number}: {key} is empty")
        if value in out:
            raise BuildError(f"{CURATION}/{file} row {number}: {key} {value!r} is duplicated")
        out[value] = row
    return out


def _expect(found: Iterable[str], curated: Iterable[str], file: str, what: str) -> None:
    found_set, curated_set = set(found), set(curated)
    if missing := sorted(found_set - curated_set):
        raise BuildError(f"{CURATION}/{file}: no row for {what} {', '.join(missing)}")
    if extra := sorted(curated_set - found_set):
        raise BuildError(f"{CURATION}/{file}: rows for {what} not in the text: {', '.join(extra)}")


def _pinyin_overrides(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    """The readings of ``data/curation/pinyin.csv``: phrase to tone-marked syllables, one per character."""
    phrases = {}
    for number, row in enumerate(rows, start=2):
        syllables = row["pinyin"].split()
        if len(syllables) != len(row["phrase"]):
            raise BuildError(
                f"{CURATION}/pinyin.csv row {number}: {row['phrase']!r} has {len(row['phrase'])} characters "
                f"but {len(syllables)} syllables"
            )
        phrases[row["phrase"]] = syllables
    return phrases


def _pinyin_name(name: str, overrides: dict[str, list[str]], person: bool = False) -> str:
    """Pinyin of a name: ``Xu Xingguo`` for a person, tone-marked syllables otherwise.

    A phrase of ``overrides`` is read as given wherever it occurs in the name (the
    leftmost first; of two starting at one place, the longer), and each piece between
    by pypinyin on its own. pypinyin's own dictionaries are left as they are, so no
    other user of pypinyin in the process reads differently.

    >>> _pinyin_name("新都区", {"新都": ["xīn", "dū"]})
    'xīn dū qū'
    >>> _pinyin_name("许兴国", {}, person=True)
    'Xu Xingguo'
    """
    from pypinyin import Style, lazy_pinyin
    from pypinyin.contrib.tone_convert import to_normal

    style = Style.NORMAL if person else Style.TONE
    phrases = "|".join(re.escape(p) for p in sorted(overrides, key=lambda p: (-len(p), p)))
    pieces = re.split(f"({phrases})", name) if phrases else [name]
    syllables: list[str] = []
    for number, piece in enumerate(pieces):
        if number % 2:  # a phrase of the overrides
            syllables += [to_normal(s) if person else s for s in overrides[piece]]
        elif piece:
            syllables += lazy_pinyin(piece, style=style, errors="default")
    if person:
        return syllables[0].capitalize() + " " + "".join(syllables[1:]).capitalize()
    return " ".join(syllables)
