"""The deterministic build of ``data/`` and ``datapackage.json``.

Inputs: the raw copy in ``data/source/`` and the reviewed curation files in
``data/curation/``. Outputs: the restored text ``data/text/article.txt``, one CSV
per table of :data:`xindu_plan.tables.TABLES`, ``datapackage.json`` (Data Package
2.0) with the bytes and sha256 of every file, and what is generated from it:
``CITATION.cff``, ``.zenodo.json`` and ``CODEBOOK.md``. Building twice gives identical bytes; nothing is
written unless the whole build succeeds (files are written to a temporary folder,
then moved into place).

Run it as ``xindu-plan build [--check] [--root DIR]``.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import _values, coding, curation, mentions, translations
from . import tables as T
from ._digest import sha256
from ._values import plain_records, row_dicts
from ._version import __release_date__, __version__
from .citation import cite, zenodo
from .codebook import codebook
from .curation import CURATION
from .errors import BuildError
from .quantities import HEDGES
from .reader import PILLAR, Document, parse
from .text import Repair, Restoration, check_annotation, restore

__all__ = ["SOURCE_FILE", "BuildError", "build", "build_files", "check"]

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
    """The reader's sentences, with the adjudicated CAP code and the translation of each (xindu_plan.coding,
    xindu_plan.translations)."""
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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _csv_bytes(table: T.Table, rows: Sequence[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in rows:
        if set(row) != set(table.columns):
            raise BuildError(
                f"table {table.name}: a row has columns {sorted(set(row) ^ set(table.columns))} that the contract "
                f"does not"
            )
        writer.writerow([_cell(row[c]) for c in table.columns])
    return out.getvalue().encode("utf-8")


#: The Data Package 2.0 profile the descriptor declares.
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
DATASET_FILE = f"{CURATION}/dataset.toml"
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def _dataset(root: Path) -> dict[str, str]:
    """Read ``data/curation/dataset.toml``: title, creator, doi and homepage (the last two may be empty)."""
    data = curation.read_toml(root, DATASET_FILE.removeprefix(f"{CURATION}/"))
    out = {}
    for key in ("title", "creator", "doi", "homepage"):
        value = data.get(key, "")
        if not isinstance(value, str) or (key in ("title", "creator") and not value.strip()):
            raise BuildError(
                f"{DATASET_FILE}: {key} must be {'a non-empty' if key in ('title', 'creator') else 'a'} string"
            )
        out[key] = value.strip()
    if out["doi"] and not _DOI.match(out["doi"]):
        raise BuildError(f"{DATASET_FILE}: doi {out['doi']!r} is not a bare DOI such as 10.5281/zenodo.1234567")
    if out["homepage"] and not out["homepage"].startswith("https://"):
        raise BuildError(f"{DATASET_FILE}: homepage {out['homepage']!r} does not start with https://")
    return out


def _descriptor(
    files: dict[str, bytes], raw_sha: str, rows: dict[str, list[dict[str, Any]]], dataset: dict[str, str]
) -> dict[str, Any]:
    resources = []
    for table in T.TABLES:
        resources.append(table.resource(files[table.file], schema=table.schema(rows)))
    text = files[TEXT_FILE]
    resources.append(
        {
            "name": "article",
            "path": TEXT_FILE,
            "title": "Restored text",
            "description": "The article restored to standard Simplified Chinese, one paragraph per line, no final "
            "line break. Offsets in every table count code points of this file.",
            "format": "txt",
            "mediatype": "text/plain",
            "encoding": "utf-8",
            "bytes": len(text),
            "hash": f"sha256:{sha256(text)}",
        }
    )
    raw = files[SOURCE_FILE]
    resources.append(
        {
            "name": "source",
            "path": SOURCE_FILE,
            "title": "The article as received",
            "description": "The damaged copy as received, byte for byte: Traditional characters with bracketed pinyin "
            "and ASCII commas.",
            "format": "txt",
            "mediatype": "text/plain",
            "encoding": "utf-8",
            "bytes": len(raw),
            "hash": f"sha256:{raw_sha}",
        }
    )
    doc = rows["document"][0]
    family, given = str(doc["author_pinyin"]).split(" ", 1)
    identity: dict[str, Any] = {}
    if dataset["doi"]:
        identity["id"] = f"https://doi.org/{dataset['doi']}"
    if dataset["homepage"]:
        identity["homepage"] = dataset["homepage"]
    return {
        "$schema": PACKAGE_PROFILE,
        "name": "xindu-plan",
        **identity,
        "title": dataset["title"],
        "description": (
            f"An article by {doc['author']} ({doc['author_pinyin']}), Party Secretary of Xindu District, Chengdu, "
            "setting out the district's priorities for 2021, the first year of the 14th Five-Year Plan, under six "
            "pillars with 21 measures and numeric targets; restored from a damaged copy and published as linked "
            "tables, every text-bearing row with its span in the restored text and the raw copy. The copy has no "
            "headline, venue or date."
        ),
        "version": __version__,
        "keywords": [
            "China",
            "14th Five-Year Plan",
            "local government",
            "policy text",
            "Chengdu",
            "Xindu",
            "Comparative Agendas Project",
        ],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0: the derived tables, curation files and restored-text "
                "structure (see LICENSE-DATA)",
            },
        ],
        "rights": (
            f"The article's text is the work of its author, {doc['author']} ({doc['author_pinyin']}); its copyright "
            "stays with him and is not licensed by this package. It is included for research and quotation (see "
            "NOTICE-SOURCE.md). Our tables and annotations are CC-BY-4.0; our code is MIT."
        ),
        "sources": [
            {
                "title": str(doc["title"]),
                "path": SOURCE_FILE,
                "hash": f"sha256:{raw_sha}",
                "description": "The article as received: a damaged copy in Traditional characters with bracketed "
                f"pinyin and ASCII commas; no headline, venue or date; written between {doc['date_earliest']} and "
                f"{doc['date_latest']} (see data/document.csv).",
                "authors": [
                    {
                        "title": f"{doc['author']} ({doc['author_pinyin']})",
                        "familyName": family,
                        "givenName": given,
                        "organization": "中共成都市新都区委 (CPC Xindu District Committee), Party Secretary",
                    }
                ],
                "language": str(doc["language"]),
                "dateEarliest": str(doc["date_earliest"]),
                "dateLatest": str(doc["date_latest"]),
                "rights": f"© {doc['author']} ({doc['author_pinyin']}); not licensed by this package, included for "
                "research and quotation (NOTICE-SOURCE.md).",
            },
            {
                "title": "Comparative Agendas Project, Master Codebook (major topics and subtopics)",
                "path": "https://www.comparativeagendas.net/pages/master-codebook",
                "description": "Bevan, S. (2019). Gone Fishing: The Creation of the Comparative Agendas Project "
                "Master Codebook. In F. R. Baumgartner, C. Breunig & E. Grossman (Eds.), Comparative "
                "Policy Agendas: Theory, Tools, Data. Oxford University Press.",
            },
            {
                "title": "politicaldata (R package): cap_subtopics, a transcription of the CAP master codebook's "
                "subtopics",
                "path": "https://github.com/elliottmorris/politicaldata",
                "description": "Morris, G. E. (2019). politicaldata: Tools for Acquiring and Analyzing Political Data "
                "(CRAN 0.1.x), file ext/data/cap_subtopics.csv: the 213 subtopic numbers and English labels that "
                "data/curation/cap_subtopics.csv follows.",
            },
            {
                "title": "Web copy of the same damaged text, dated 22 February 2021",
                "path": "http://www.victorzhang.cn/page/2021/0222/7583443.shtml",
                "description": "Evidence for date_latest (2021-02-22): the address's path carries the date 2021/0222 "
                "and the page holds the same damaged text as the copy received. Not archived by this package: "
                "what the address shows today cannot be checked from the package.",
            },
            {
                "title": "GB/T 2260 Codes for the administrative divisions of the People's Republic of China",
                "path": "https://www.mca.gov.cn/mzsj/xzqh/2020/20201201.html",
                "description": "Source of jurisdiction_code 510114 (成都市新都区).",
            },
            {
                "title": "OpenCC t2s, pypinyin and cn2an",
                "path": "https://github.com/BYVoid/OpenCC",
                "description": "Script conversion (OpenCC t2s), readings for the annotation check and author/entity "
                "pinyin (pypinyin), Chinese numerals (cn2an).",
            },
        ],
        "contributors": [{"title": dataset["creator"], "roles": ["creator"]}],
        "created": f"{__release_date__}T00:00:00Z",
        "resources": resources,
    }


def build_files(root: Path) -> dict[str, bytes]:
    """Return every built file (relative path → bytes) without writing anything.

    Raises:
        BuildError: an input is missing or inconsistent.
    """
    inputs = _inputs(root)
    restoration, rows = tables_from(inputs)
    files: dict[str, bytes] = {TEXT_FILE: restoration.text.encode("utf-8")}
    for table in T.TABLES:
        files[table.file] = _csv_bytes(table, rows[table.name])
    files[SOURCE_FILE] = (root / SOURCE_FILE).read_bytes()
    descriptor = _descriptor(files, sha256(files[SOURCE_FILE]), rows, _dataset(root))
    del files[SOURCE_FILE]  # an input, never rewritten
    files["datapackage.json"] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["CITATION.cff"] = cite("cff", descriptor).encode("utf-8")
    files[".zenodo.json"] = (json.dumps(zenodo(descriptor), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["CODEBOOK.md"] = codebook(descriptor).encode("utf-8")
    return files


def check(root: Path) -> list[str]:
    """Return the files under ``root`` that differ from a fresh build (empty when equal)."""
    return [
        name
        for name, data in build_files(root).items()
        if not (root / name).is_file() or (root / name).read_bytes() != data
    ]


def build(root: Path) -> list[str]:
    """Build into ``root``, writing only files that change; return their names.

    All files are built in memory first, so a failed build writes nothing; the
    changed files are then written to a temporary folder and swapped in all
    together (``datapackage.json`` last), so ``data/`` and the descriptor never
    disagree. Files are written with mode 0644.
    """
    from ._atomic import replace_files

    files = build_files(root)
    changed = [
        name for name, data in files.items() if not ((root / name).is_file() and (root / name).read_bytes() == data)
    ]
    changed.sort(key=lambda name: name == "datapackage.json")  # the descriptor goes in last
    if changed:
        replace_files(root, {name: files[name] for name in changed}, error=BuildError)
    return changed
