"""The tables of the article's structure: paragraphs, sections, measures, sentences and targets.

:func:`_structure` makes the paragraphs, the sections (the six pillars) and the
measures from the reader's paragraphs, joined with their curated glosses;
:func:`_sentences` makes the sentences with their adjudicated CAP code and
translation; :func:`_targets` makes the plan's targets with their curated
glosses. Each checks the curation rows against what the text holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xindu_plan.base import values as _values
from xindu_plan.base.errors import BuildError
from xindu_plan.base.values import plain_records, row_dicts
from xindu_plan.chinese.quantities import HEDGES
from xindu_plan.dataset import coding, translations
from xindu_plan.derivation.build.inputs import _expect, _keyed
from xindu_plan.reading.curation import CURATION
from xindu_plan.reading.reader import PILLAR, Document

__all__ = ["_Spans", "_sentences", "_structure", "_targets"]


_Spans = Callable[[int, int], dict[str, int]]


def _structure(
    doc: Document, cur: dict[str, list[dict[str, str]]], spans: _Spans
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Paragraphs, sections (pillars) and measures from the reader's paragraphs, joined with the curation."""
    section_cur = _keyed(cur["sections"], "section_id", "sections.csv")
    measure_cur = _keyed(cur["measures"], "measure_id", "measures.csv")
    paragraphs: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []
    measures: list[dict[str, Any]] = []
    section_id: str | None = None
    for p in row_dicts(doc.paragraphs):
        pid, start, end, line = str(p["paragraph_id"]), int(p["start"]), int(p["end"]), str(p["text"])
        measure_id = None
        pillar = PILLAR.match(line) if p["kind"] == "heading" else None
        if p["kind"] == "byline":
            kind = "byline"
        elif p["kind"] == "signature":
            kind, section_id = "signature", None
        elif pillar:
            kind = "section_heading"
            section_id = f"S{len(sections) + 1}"
            if section_id not in section_cur:
                raise BuildError(f"{CURATION}/sections.csv: no row for {section_id} ({pillar['theme']})")
            if section_cur[section_id]["theme"] != pillar["theme"]:
                raise BuildError(
                    f"{CURATION}/sections.csv: {section_id} has theme {section_cur[section_id]['theme']!r}, the "
                    f"text {pillar['theme']!r}"
                )
            sections.append(
                {
                    "section_id": section_id,
                    "order": len(sections) + 1,
                    "theme": pillar["theme"],
                    "heading": line,
                    "aim": pillar["aim"],
                    "gloss_en": section_cur[section_id]["gloss_en"],
                    "paragraph_id": pid,
                    "theme_start": start + pillar.start("theme"),
                    "theme_end": start + pillar.end("theme"),
                    "aim_start": start + pillar.start("aim"),
                    "aim_end": start + pillar.end("aim"),
                    **spans(start, end),
                }
            )
        elif section_id is None:
            kind = "lead"
        elif not _values.is_missing(p["lead_end"]):
            kind = "measure"
            measure_id = f"M{len(measures) + 1:02d}"
            lead_end = int(p["lead_end"]) - 1  # the reader's lead ends after its 。
            lead = line[: lead_end - start]
            curated = measure_cur.get(measure_id)
            if curated is None or curated["lead"] != lead:
                raise BuildError(f"{CURATION}/measures.csv: {measure_id} should have lead {lead!r}")
            measures.append(
                {
                    "measure_id": measure_id,
                    "section_id": section_id,
                    "order": sum(1 for m in measures if m["section_id"] == section_id) + 1,
                    "lead": lead,
                    "body": line[lead_end + 1 - start :],
                    "gloss_en": curated["gloss_en"],
                    "paragraph_id": pid,
                    "lead_end": lead_end,
                    **spans(start, end),
                }
            )
        else:
            kind = "section_intro"
        paragraphs.append(
            {
                "paragraph_id": pid,
                "order": int(p["order"]),
                "kind": kind,
                "section_id": section_id,
                "measure_id": measure_id,
                "text": line,
                **spans(start, end),
            }
        )
    _expect((s["section_id"] for s in sections), section_cur, "sections.csv", "section")
    _expect((m["measure_id"] for m in measures), measure_cur, "measures.csv", "measure")
    return paragraphs, sections, measures


def _sentences(
    doc: Document, paragraphs: list[dict[str, Any]], cur: dict[str, list[dict[str, str]]], spans: _Spans
) -> tuple[list[dict[str, Any]], coding.Codings, dict[str, translations.Translation]]:
    """The reader's sentences, with the adjudicated CAP code and the translation of each (xindu_plan.dataset.coding,
    xindu_plan.dataset.translations)."""
    by_paragraph = {p["paragraph_id"]: p for p in paragraphs}
    sentences: list[dict[str, Any]] = []
    for row in row_dicts(doc.sentences):
        p = by_paragraph[str(row["paragraph_id"])]
        sentences.append(
            {
                "sentence_id": str(row["sentence_id"]),
                "paragraph_id": p["paragraph_id"],
                "section_id": p["section_id"],
                "measure_id": p["measure_id"],
                "order": int(row["order"]),
                "text": str(row["text"]),
                "cap_code": None,
                "cap_subtopic": None,
                "translation_en": None,
                "translation_note": None,
                **spans(int(row["start"]), int(row["end"])),
            }
        )
    body = {p["paragraph_id"] for p in paragraphs if p["kind"] not in ("byline", "signature")}
    try:
        codings = coding.read_codings(
            cur, {x["sentence_id"]: x["text"] for x in sentences if x["paragraph_id"] in body}
        )
        translated = translations.read_translations(
            cur["translations"], {x["sentence_id"]: x["text"] for x in sentences}
        )
    except (coding.CodingError, translations.TranslationError) as err:
        raise BuildError(str(err)) from None
    for sentence in sentences:
        sid = sentence["sentence_id"]
        code = codings.code(sid) if sid in codings.first else None
        if code is not None:
            sentence["cap_subtopic"] = code
            sentence["cap_code"] = coding.major(code)
        sentence["translation_en"] = translated[sid].translation_en
        sentence["translation_note"] = translated[sid].note or None
    return sentences, codings, translated


def _targets(
    doc: Document,
    cur: dict[str, list[dict[str, str]]],
    sentence_at: Callable[[int], dict[str, Any]],
    spans: _Spans,
) -> list[dict[str, Any]]:
    """The plan's targets: the reader's quantities of kind ``target``, with their curated glosses."""
    target_cur = _keyed(cur["targets"], "target_id", "targets.csv")
    targets: list[dict[str, Any]] = []
    for t in plain_records(doc.targets):
        tid = str(t["target_id"])
        sentence = sentence_at(int(t["number_start"]))
        curated = target_cur.get(tid)
        if curated is None or curated["indicator"] != t["indicator"]:
            raise BuildError(f"{CURATION}/targets.csv: {tid} should have indicator {t['indicator']!r}")
        if sentence["measure_id"] is None:
            raise BuildError(f"target {tid} ({t['indicator']}) lies outside every measure")
        row = {
            "target_id": tid,
            "measure_id": sentence["measure_id"],
            "sentence_id": sentence["sentence_id"],
            **{
                name: t[name]
                for name in (
                    "indicator",
                    "number",
                    "value",
                    "unit",
                    "value_base",
                    "base_unit",
                    "comparator",
                    "comparator_written",
                    "change",
                    "change_written",
                    "action",
                    "hedge",
                )
            },
            "hedge_en": HEDGES.get(t["hedge"] or ""),
            "period": t["period"],
            "period_start_year": t["period_start_year"],
            "period_end_year": t["period_end_year"],
            "gloss_en": curated["gloss_en"],
            "indicator_start": t["indicator_start"],
            "indicator_end": t["indicator_end"],
            "number_start": t["number_start"],
            **spans(int(t["start"]), int(t["end"])),
        }
        targets.append(row)
    _expect((t["target_id"] for t in targets), target_cur, "targets.csv", "target")
    return targets
