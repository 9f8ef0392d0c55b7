"""The English translation of every sentence, and the rule that it uses the terms' glosses.

``data/curation/translations.csv`` holds one English translation per sentence:
this package's own, not an official translation. Where a sentence mentions a
quoted term (a row of ``term_mentions``), its translation must contain the head of
the term's reviewed gloss (``terms.gloss_en`` up to the first " (", compared
without regard to case), or its ``note`` must say why not, as ``Q18: reason``
(several separated by ``; ``).

>>> gloss_head("dual circulation (domestic and international cycles)")
'dual circulation'
>>> gloss_problems({"P1.1": ("Build dual circulation.", {})}, {"Q03": "dual circulation (…)"}, [("Q03", "P1.1")])
[]
>>> [problem] = gloss_problems({"P1.1": ("Build it.", {})}, {"Q03": "dual circulation (…)"}, [("Q03", "P1.1")])
>>> problem.split(": ", 1)[1]
"P1.1 mentions Q03 but its translation lacks 'dual circulation' and its note says nothing of Q03"
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from xindu_plan.base.errors import TranslationError

__all__ = ["TRANSLATIONS_FILE", "Translation", "TranslationError", "gloss_head", "gloss_problems", "read_translations"]

TRANSLATIONS_FILE = "data/curation/translations.csv"
_NOTE = re.compile(r"(Q\d{2}): ([^;]+)")


@dataclass(frozen=True, slots=True)
class Translation:
    """A sentence's English translation and the notes on glosses it does not use."""

    sentence_id: str
    translation_en: str
    note: str = ""
    gloss_notes: dict[str, str] = field(default_factory=dict)


def gloss_head(gloss: str) -> str:
    """Return the part of a gloss a translation must contain: the gloss up to its first " (".

    >>> gloss_head("city-building through parks (Chengdu's park-city model)")
    'city-building through parks'
    """
    return gloss.split(" (", 1)[0].strip()


def read_translations(rows: list[dict[str, str]], sentences: Mapping[str, str]) -> dict[str, Translation]:
    """Check the translations file against the sentences (id → text); return id → translation.

    Raises:
        TranslationError: a sentence has no row or two, a row's text differs from its
            sentence, a translation is empty, or a note is not of the form ``Qnn: reason``.
    """
    out: dict[str, Translation] = {}
    for number, row in enumerate(rows, start=2):
        sid, where = row.get("sentence_id") or "", f"{TRANSLATIONS_FILE} row {number}"
        if sid not in sentences:
            raise TranslationError(f"{where}: {sid!r} is not a sentence")
        if sid in out:
            raise TranslationError(f"{where}: sentence {sid} is translated twice")
        if row["text"] != sentences[sid]:
            raise TranslationError(f"{where}: sentence {sid} reads {sentences[sid]!r}, the file {row['text']!r}")
        if not row["translation_en"].strip():
            raise TranslationError(f"{where}: sentence {sid} has no translation")
        note = row.get("note") or ""
        notes = dict(_NOTE.findall(note))
        if note and not notes:
            raise TranslationError(f"{where}: the note should read 'Qnn: why the gloss is not used', not {note!r}")
        out[sid] = Translation(sid, row["translation_en"], note, notes)
    if missing := [s for s in sentences if s not in out]:
        raise TranslationError(f"{TRANSLATIONS_FILE}: no translation for sentence {', '.join(missing)}")
    return {s: out[s] for s in sentences}


def gloss_problems(
    translations: Mapping[str, tuple[str, Mapping[str, str]]],
    glosses: Mapping[str, str],
    mentions: Iterable[tuple[str, str]],
) -> list[str]:
    """Return every (term, sentence) mention whose translation neither uses the gloss nor says why.

    Args:
        translations: sentence id → (translation, term id → reason the gloss is not used).
        glosses: term id → gloss.
        mentions: (term id, sentence id) pairs, as in ``term_mentions``.
    """
    problems = []
    for term_id, sid in sorted(set(mentions)):
        translation, notes = translations[sid]
        head = gloss_head(glosses[term_id])
        if head.lower() not in translation.lower() and term_id not in notes:
            problems.append(
                f"{TRANSLATIONS_FILE}: {sid} mentions {term_id} but its translation lacks {head!r} "
                f"and its note says nothing of {term_id}"
            )
    return problems
