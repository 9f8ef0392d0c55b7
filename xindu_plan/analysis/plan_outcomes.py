"""What the search for the plan's own outcomes found: one reviewed finding per target.

The plan sets five targets for Xindu's 2021 (T1–T5). Whether each was met is stated,
if anywhere, in later district documents: the 2022 government work report, the 2021
statistical communiqué, the report on the 2021 plan. None of these is in the corpus;
the stored web pages searched for them (the queries are listed in
``xindu_plan/corpus/SOURCES.md``) hold none either. What was found for each target is
judgement, kept in the reviewed file ``xindu_plan/curation/plan_outcomes.csv``, one
row a target:

``target_id``
    The plan's target (``T1`` …).
``finding``
    One of :data:`FINDINGS`.
``document``, ``excerpt``
    For a near miss: the corpus document and the passage of it that comes nearest
    (checked by the tests to occur exactly once); else empty.
``note``
    What was looked for and why the passage, if any, does not settle the target.

:func:`xindu_plan.scorecard` gives the finding in the ``reason`` of a plan target
that finds no outcome among the documents given, and in the scorecard's metadata.

>>> [(f.target_id, f.finding) for f in load_plan_outcomes()][:2]
[('T1', 'no_statement'), ('T2', 'no_statement')]
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from xindu_plan.base.errors import ScorecardError

__all__ = [
    "COLUMNS",
    "FINDINGS",
    "PLAN_OUTCOMES_FILE",
    "PlanOutcome",
    "ScorecardError",
    "load_plan_outcomes",
    "read_plan_outcomes",
]

#: The reviewed file, inside the package, as parts of its path.
PLAN_OUTCOMES_FILE = ("curation", "plan_outcomes.csv")
#: Its columns, in order.
COLUMNS = ("target_id", "finding", "document", "excerpt", "note")
#: Findings, with their meaning.
FINDINGS = {
    "no_statement": "no source found states an outcome of the target's indicator, for any year",
    "different_indicator": "the nearest statement found measures something else (and cannot stand for the target)",
    "different_year": "a statement of the indicator was found, but for another year or period",
}


@dataclass(frozen=True, slots=True)
class PlanOutcome:
    """The finding for one of the plan's targets."""

    target_id: str
    finding: str
    document: str
    excerpt: str
    note: str

    def sentence(self) -> str:
        """The finding in one sentence, for a scorecard's ``reason``.

        >>> PlanOutcome("T9", "no_statement", "", "", "Nothing.").sentence()
        'no statement found, in any source searched: Nothing.'
        """
        near = f" Nearest statement: {self.document}, “{self.excerpt}”." if self.document else ""
        return f"{_LEADS[self.finding]}: {self.note}{near}"


_LEADS = {
    "no_statement": "no statement found, in any source searched",
    "different_indicator": "a different indicator is all that any source searched states",
    "different_year": "a different year is all that any source searched states",
}


def read_plan_outcomes(
    rows: Iterable[Mapping[str, str]], source: str = "the plan-outcome table"
) -> tuple[PlanOutcome, ...]:
    """Check rows of the finding table (see the module's documentation) and read them.

    Raises:
        ScorecardError: a target is listed twice or lacks a note, a finding is not one of
            :data:`FINDINGS`, or a near miss lacks its document or excerpt; the message names
            ``source`` and the row (the header is row 1).
    """
    out: list[PlanOutcome] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, start=2):
        f = PlanOutcome(*(str(row.get(c) or "").strip() for c in COLUMNS))
        if not f.target_id or not f.note:
            raise ScorecardError(f"{source}, row {n}: target_id and note must not be empty")
        if f.target_id in seen:
            raise ScorecardError(f"{source}, row {n}: {f.target_id} is listed twice")
        if f.finding not in FINDINGS:
            raise ScorecardError(f"{source}, row {n}: finding must be one of {', '.join(FINDINGS)}, not {f.finding!r}")
        if (f.finding != "no_statement") != bool(f.document and f.excerpt):
            raise ScorecardError(
                f"{source}, row {n}: a {f.finding} names the document and excerpt of its nearest statement"
                if f.finding != "no_statement"
                else f"{source}, row {n}: no_statement names no document or excerpt"
            )
        seen.add(f.target_id)
        out.append(f)
    return tuple(out)


@functools.cache
def load_plan_outcomes() -> tuple[PlanOutcome, ...]:
    """Return the reviewed findings shipped with the package (read once).

    Raises:
        ScorecardError: the shipped file is malformed.
    """
    text = resources.files("xindu_plan").joinpath(*PLAN_OUTCOMES_FILE).read_text(encoding="utf-8")
    shown = "/".join(("xindu_plan", *PLAN_OUTCOMES_FILE))
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ScorecardError(f"{shown}: the columns must be {', '.join(COLUMNS)}")
    return read_plan_outcomes(reader, shown)
