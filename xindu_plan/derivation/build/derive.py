"""Every table derived from the inputs, with no I/O: :func:`tables_from`.

:func:`tables_from` restores the text, has the reader parse it, takes the
structure, sentences and targets from :mod:`~xindu_plan.derivation.build.article`,
and derives here the terms and their mentions, the entities and their mentions,
the annotations, the repairs, the topics and the document row, checking each
against its curation file.
"""

from __future__ import annotations

import bisect
from typing import Any

from xindu_plan.base import tables as T
from xindu_plan.base.digest import sha256
from xindu_plan.base.errors import BuildError
from xindu_plan.chinese import mentions
from xindu_plan.chinese.text import Restoration, check_annotation, restore
from xindu_plan.dataset import translations
from xindu_plan.derivation.build.article import _sentences, _structure, _targets
from xindu_plan.derivation.build.inputs import _expect, _Inputs, _keyed, _pinyin_name, _pinyin_overrides
from xindu_plan.reading.curation import CURATION
from xindu_plan.reading.reader import parse

__all__ = ["tables_from"]


def tables_from(inputs: _Inputs) -> tuple[Restoration, dict[str, list[dict[str, Any]]]]:
    """Derive every table from the inputs (no I/O)."""
    r = restore(inputs.raw, inputs.repairs)
    text = r.text
    readings = _pinyin_overrides(inputs.curation["pinyin"])
    applied = {a.repair.repair_id for a in r.repairs}
    if stale := [rep.repair_id for rep in inputs.repairs if rep.repair_id not in applied]:
        raise BuildError(f"{CURATION}/repairs.csv: rules that match nothing: {', '.join(stale)}")
    span = r.offsets.to_raw

    def spans(start: int, end: int) -> dict[str, int]:
        raw_start, raw_end = span(start, end)
        return {"start": start, "end": end, "raw_start": raw_start, "raw_end": raw_end}

    cur = inputs.curation
    doc = parse(text, name=str(inputs.document["document_id"]), year=int(inputs.document["plan_year"]), repairs=())
    if doc.text != text:
        raise BuildError("the reader changed the restored text while cleaning it; the build needs it unchanged")
    paragraphs, sections, measures = _structure(doc, cur, spans)
    sentences, codings, translated = _sentences(doc, paragraphs, cur, spans)
    by_start = [s["start"] for s in sentences]

    def sentence_at(pos: int) -> dict[str, Any]:
        i = bisect.bisect_right(by_start, pos) - 1
        if i < 0 or pos >= sentences[i]["end"]:
            raise BuildError(f"character {pos} of the restored text lies in no sentence")
        return sentences[i]

    targets = _targets(doc, cur, sentence_at, spans)
    # --- terms ------------------------------------------------------------------
    term_cur = _keyed(cur["terms"], "term_id", "terms.csv")
    by_term = {row["term"]: row for row in term_cur.values()}
    quoted_spans = mentions.quoted_spans(text)
    boundaries = mentions.word_boundaries(text, own_dictionary=True)
    _expect((text[a:b] for a, b in quoted_spans), by_term, "terms.csv", "quoted term")
    term_mentions: list[dict[str, Any]] = []
    for row in term_cur.values():
        if row["kind"] not in T.TERM_KINDS:
            raise BuildError(
                f"{CURATION}/terms.csv: {row['term_id']} has kind {row['kind']!r}, not one of {', '.join(T.TERM_KINDS)}"
            )
        for n, (a, b, quoted) in enumerate(mentions.term_spans(text, row["term"], quoted_spans, boundaries), start=1):
            term_mentions.append(
                {
                    "term_id": row["term_id"],
                    "occurrence": n,
                    "sentence_id": sentence_at(a)["sentence_id"],
                    "quoted": quoted,
                    **spans(a, b),
                }
            )
    term_counts = _count(term_mentions, "term_id")
    if unglossed := translations.gloss_problems(
        {sid: (t.translation_en, t.gloss_notes) for sid, t in translated.items()},
        {row["term_id"]: row["gloss_en"] for row in term_cur.values()},
        ((m["term_id"], m["sentence_id"]) for m in term_mentions),
    ):
        raise BuildError("; ".join(unglossed))
    terms = [
        {
            "term_id": r["term_id"],
            "term": r["term"],
            "kind": r["kind"],
            "gloss_en": r["gloss_en"],
            "gloss_reference": r["gloss_reference"] or None,
            "mentions": term_counts[r["term_id"]],
        }
        for r in sorted(term_cur.values(), key=lambda r: r["term_id"])
    ]
    # --- entities ---------------------------------------------------------------
    entity_cur = _keyed(cur["entities"], "entity_id", "entities.csv")
    forms: list[tuple[str, str]] = []
    for row in entity_cur.values():
        if row["type"] not in T.ENTITY_TYPES:
            raise BuildError(
                f"{CURATION}/entities.csv: {row['entity_id']} has type {row['type']!r}, not one "
                f"of {', '.join(T.ENTITY_TYPES)}"
            )
        forms.append((row["name"], row["entity_id"]))
        forms.extend((alias, row["entity_id"]) for alias in filter(None, row["aliases"].split("|")))
    taken = mentions.entity_spans(text, forms)
    entity_mentions: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for s, e, form, eid in taken:
        seen[eid] = seen.get(eid, 0) + 1
        entity_mentions.append(
            {
                "entity_id": eid,
                "occurrence": seen[eid],
                "surface": form,
                "sentence_id": sentence_at(s)["sentence_id"],
                **spans(s, e),
            }
        )
    entity_mentions.sort(key=lambda m: (m["entity_id"], m["occurrence"]))
    if unseen := sorted(set(entity_cur) - set(seen)):
        raise BuildError(f"{CURATION}/entities.csv: entities not in the text: {', '.join(unseen)}")
    entities = [
        {
            "entity_id": r["entity_id"],
            "name": r["name"],
            "aliases": r["aliases"] or None,
            "type": r["type"],
            "name_pinyin": _pinyin_name(r["name"], readings),
            "name_en": r["name_en"],
            "mentions": seen[r["entity_id"]],
        }
        for r in sorted(entity_cur.values(), key=lambda r: r["entity_id"])
    ]
    # --- annotations, repairs, topics ---------------------------------------------
    annotations = []
    for n, ann in enumerate(r.annotations, start=1):
        start = r.offsets.to_restored(ann.raw_start, ann.raw_start + 1)[0]
        fits, known = check_annotation(ann.reading, text[start])
        annotations.append(
            {
                "annotation_id": f"A{n:03d}",
                "raw_start": ann.raw_start,
                "raw_end": ann.raw_end,
                "char_raw": ann.char,
                "reading": ann.reading,
                "start": start,
                "char": text[start],
                "fits": fits,
                "known_readings": "|".join(known) or None,
            }
        )
    repairs = [
        {
            "repair_id": a.repair.repair_id,
            "occurrence": a.occurrence,
            "found": a.repair.found,
            "replacement": a.repair.replacement,
            "reason": a.repair.reason,
            **spans(a.start, a.end),
        }
        for a in r.repairs
    ]
    topics = [
        {"cap_code": int(row["cap_code"]), "label_en": row["label_en"], "label_zh": row["label_zh"]}
        for row in cur["cap_topics"]
    ]
    # --- document -----------------------------------------------------------------
    d = inputs.document
    byline = doc.paragraphs.iloc[0]
    signature = doc.paragraphs.iloc[-1]
    if byline["kind"] != "byline" or signature["kind"] != "signature":
        raise BuildError("the article should open with a byline and close with the signed office")
    author_start, author_end = int(byline["start"]), int(byline["end"])
    office_start, office_end, office = int(signature["start"]), int(signature["end"]), str(signature["text"])
    jurisdiction = str(d["jurisdiction"])
    if jurisdiction not in office:
        raise BuildError(
            f"{CURATION}/document.toml: jurisdiction {jurisdiction!r} is not in the signed office {office!r}"
        )
    document = [
        {
            "document_id": d["document_id"],
            "title": d["title"],
            "title_zh": d["title_zh"],
            "headline": d["headline"] or None,
            "venue": d["venue"] or None,
            "date_published": d["date_published"] or None,
            "date_earliest": d["date_earliest"],
            "date_latest": d["date_latest"],
            "date_evidence": d["date_evidence"],
            "author": text[author_start:author_end],
            "author_pinyin": _pinyin_name(text[author_start:author_end], readings, person=True),
            "author_office": office,
            "jurisdiction": jurisdiction,
            "jurisdiction_code": d["jurisdiction_code"],
            "plan_period_start": d["plan_period_start"],
            "plan_period_end": d["plan_period_end"],
            "plan_year": d["plan_year"],
            "language": d["language"],
            "raw_sha256": sha256(inputs.raw),
            "text_sha256": sha256(text),
            "raw_characters": len(inputs.raw),
            "text_characters": len(text),
            "author_start": author_start,
            "author_end": author_end,
            "office_start": office_start,
            "office_end": office_end,
        }
    ]
    return r, {
        "document": document,
        "paragraphs": paragraphs,
        "sections": sections,
        "measures": measures,
        "topics": topics,
        "subtopics": codings.subtopic_rows(),
        "sentences": sentences,
        "topic_codings": codings.coding_rows(),
        "topic_heldout_codings": codings.held_out_rows(),
        "topic_agreement": codings.agreement_rows(),
        "targets": targets,
        "terms": terms,
        "term_mentions": term_mentions,
        "entities": entities,
        "entity_mentions": entity_mentions,
        "annotations": annotations,
        "repairs": repairs,
    }


def _count(rows: list[dict[str, Any]], key: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows:
        out[row[key]] = out.get(row[key], 0) + 1
    return out
