"""The two kinds of side a comparison reads, ``a`` and ``b``: the plan (its measures as units, its
sections as pillars) or a parsed document (its body paragraphs as units, its level-1 headings as
pillars), each with its quoted terms, its numeric targets and the passages a later text is cited
by (body paragraphs, one longer than :data:`LONG_PARAGRAPH` cut into runs of sentences of at most
:data:`RUN_CHARS` characters, each with the nearest heading above it and whether its paragraph is
a line of a summary list, opened by a dash).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from xindu_plan.analysis.retrieval import concepts
from xindu_plan.base.errors import CompareError
from xindu_plan.base.values import is_missing, plain_records, rows
from xindu_plan.reading.reader import Document, split_sentences

if TYPE_CHECKING:
    from xindu_plan.dataset.plan import Plan

__all__ = [
    "LONG_PARAGRAPH",
    "RUN_CHARS",
    "_Passage",
    "_Side",
    "_Unit",
    "_document_side",
    "_extra_words",
    "_passages_of",
    "_plan_side",
    "_side",
]

#: A paragraph longer than this (in characters) is cut into runs of sentences.
LONG_PARAGRAPH = 400
#: The longest run of sentences a long paragraph is cut into (a longer sentence stands alone).
RUN_CHARS = 200
#: The dashes that open a line of a summary list (——经济发展再上新台阶。; — covers ——).
_DASHES = ("—", "－－", "--")


@dataclass(frozen=True, slots=True)
class _Unit:
    unit_id: str
    label: str
    group_id: str | None
    group_label: str | None
    start: int
    end: int
    text: str
    concepts: tuple[str, ...] = ()  # national policy terms of a measure (lexicon/measure_concepts.csv)


@dataclass(frozen=True, slots=True)
class _Passage:
    passage_id: str
    paragraph_id: str
    heading: str | None
    start: int
    end: int
    text: str
    summary_line: bool = False  # a line of a summary list: its paragraph opens with a dash (——)


@dataclass(frozen=True, slots=True)
class _Side:
    name: str
    text: str
    units: tuple[_Unit, ...]
    groups: tuple[tuple[str | None, str | None, int, int], ...]  # id, label, start, end
    terms: tuple[tuple[str, str | None], ...]  # term, term id
    passages: tuple[_Passage, ...]
    targets: list[dict[str, Any]]


def _passages_of(doc: Document) -> tuple[_Passage, ...]:
    """Body paragraphs, a long one cut into runs of sentences, each with the nearest heading above it."""
    text = doc.text
    out: list[_Passage] = []
    heading: str | None = None
    for p in rows(doc.paragraphs):
        if p.kind == "heading":
            heading = str(p.text)
            continue
        if p.kind != "body":
            continue
        start, end, pid = int(p.start), int(p.end), str(p.paragraph_id)
        summary_line = text.startswith(_DASHES, start)
        if end - start <= LONG_PARAGRAPH:
            out.append(_Passage(pid, pid, heading, start, end, text[start:end], summary_line))
            continue
        runs: list[tuple[int, int]] = []
        for a, b in split_sentences(text, start, end):
            if runs and b - runs[-1][0] <= RUN_CHARS:
                runs[-1] = (runs[-1][0], b)
            else:
                runs.append((a, b))
        for n, (a, b) in enumerate(runs, start=1):
            out.append(_Passage(f"{pid}.{n}", pid, heading, a, b, text[a:b], summary_line))
    return tuple(out)


def _plan_side(plan: Plan) -> _Side:
    text = plan.text
    themes = dict(zip(plan.sections["section_id"], plan.sections["theme"], strict=True))
    national = concepts()
    units = tuple(
        _Unit(
            str(m.measure_id),
            str(m.lead),
            str(m.section_id),
            themes[m.section_id],
            int(m.start),
            int(m.end),
            text[int(m.start) : int(m.end)],
            national.get(str(m.measure_id), ()),
        )
        for m in rows(plan.measures)
    )
    groups = []
    for s in rows(plan.sections):
        inside = [u for u in units if u.group_id == s.section_id]
        end = max((u.end for u in inside), default=int(s.end))
        groups.append((str(s.section_id), str(s.theme), int(s.start), end))
    terms = tuple((str(t), str(i)) for i, t in zip(plan.terms["term_id"], plan.terms["term"], strict=True))
    passages = tuple(_Passage(u.unit_id, u.unit_id, u.group_label, u.start, u.end, u.text) for u in units)
    return _Side(
        plan.records.document.document_id, text, units, tuple(groups), terms, passages, plain_records(plan.targets)
    )


def _document_side(doc: Document) -> _Side:
    text = doc.text
    units: list[_Unit] = []
    groups: list[tuple[str | None, str | None, int, int]] = []
    group: tuple[str | None, str | None] = (None, None)
    for p in rows(doc.paragraphs):
        if p.kind == "heading" and p.level == 1:
            group = (str(p.paragraph_id), str(p.text))
            groups.append((*group, int(p.start), len(text)))
            if len(groups) > 1:
                previous = groups[-2]
                groups[-2] = (previous[0], previous[1], previous[2], int(p.start))
        elif p.kind == "body":
            if not is_missing(p.lead_end):
                label = text[int(p.start) : int(p.lead_end)]
            else:
                label = str(p.text)[:20] + ("…" if len(p.text) > 20 else "")
            units.append(_Unit(str(p.paragraph_id), label, *group, int(p.start), int(p.end), str(p.text)))
    if not groups or (units and units[0].group_id is None):
        groups.insert(0, (None, "(before the first heading)", 0, groups[0][2] if groups else len(text)))
    terms = tuple((t, None) for t in dict.fromkeys(doc.terms["term"]))
    return _Side(doc.name, text, tuple(units), tuple(groups), terms, _passages_of(doc), plain_records(doc.targets))


def _side(x: object, what: str) -> _Side:
    from xindu_plan.dataset.plan import Plan

    if isinstance(x, Plan):
        return _plan_side(x)
    if isinstance(x, Document):
        return _document_side(x)
    raise CompareError(
        f"compare() takes a Plan or a Document as {what}, not {type(x).__name__}; "
        "parse text with xindu_plan.parse() first"
    )


def _extra_words(*xs: object) -> tuple[str, ...]:
    """The plan's quoted terms, entity names and aliases: kept whole by the tokenizer."""
    from xindu_plan.dataset.plan import Plan

    found: set[str] = set()
    for x in xs:
        if isinstance(x, Plan):
            found.update(str(t) for t in x.terms["term"])
            found.update(str(n) for n in x.entities["name"])
            for aliases in x.entities["aliases"].dropna():
                found.update(a for a in str(aliases).split("|") if a)
    return tuple(sorted(w for w in found if len(w) >= 2))
