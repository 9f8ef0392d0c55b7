"""The scorecard as a result: its table, counts, descriptor, CSV, JSON and Markdown, and writing them.

:func:`_table` makes the table from the rows, typed as
:data:`~xindu_plan.analysis.outcomes.table.SCORECARD` says; :class:`Scorecard`
holds it with the documents read and the tolerance, and gives the counts per
verdict, the plan's findings, the Data Package descriptor, the CSV, the JSON and
the Markdown summary, and writes the three files into a new folder atomically;
:func:`_method` states the method in words.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xindu_plan._version import __version__
from xindu_plan.analysis.outcomes.table import RULES, SCORECARD, VERDICTS
from xindu_plan.analysis.plan_outcomes import FINDINGS, PlanOutcome
from xindu_plan.base.atomic import write_atomically
from xindu_plan.base.errors import ScorecardError
from xindu_plan.base.values import plain, plain_records

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Scorecard", "_method", "_table"]


def _table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    data = {f.name: pd.Series([plain(r.get(f.name)) for r in rows], dtype=f.pandas_dtype) for f in SCORECARD.fields}
    return pd.DataFrame(data, columns=SCORECARD.columns)


@dataclass(frozen=True)
class Scorecard:
    """Targets with their outcomes: :attr:`table` (described by :data:`SCORECARD`) and how it was made."""

    table: pd.DataFrame
    documents: tuple[tuple[str, int | None, str | None], ...]  # name, year, jurisdiction
    tolerance: float
    #: What the search for the plan's own outcomes found, target by target (empty without the plan).
    plan_outcomes: tuple[PlanOutcome, ...] = ()

    def findings(self) -> list[dict[str, str]]:
        """The plan's findings as plain rows (target_id, finding, meaning, document, excerpt, note)."""
        return [
            {
                "target_id": f.target_id,
                "finding": f.finding,
                "meaning": FINDINGS[f.finding],
                "document": f.document,
                "excerpt": f.excerpt,
                "note": f.note,
            }
            for f in self.plan_outcomes
        ]

    def counts(self) -> dict[str, int]:
        """Rows per verdict, every verdict listed."""
        seen = Counter(self.table["verdict"])
        return {v: int(seen[v]) for v in VERDICTS}

    def descriptor(self, data: bytes | None = None) -> dict[str, Any]:
        """Return the Data Package (2.0) descriptor of the table; ``data``: the CSV, for its size and hash."""
        resource = SCORECARD.resource(data)
        return {
            "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": "xindu-plan-scorecard",
            "title": "Targets and their outcomes",
            "description": _method(self.tolerance),
            "version": __version__,
            "sources": [
                {"title": name, "description": f"year {year or 'unknown'}, jurisdiction {place or 'unknown'}"}
                for name, year, place in self.documents
            ],
            "planOutcomes": self.findings(),
            "resources": [resource],
        }

    def to_csv(self) -> bytes:
        """Return the table as UTF-8 CSV, as written to ``scorecard.csv``."""
        return self.table.to_csv(index=False, lineterminator="\n").encode("utf-8")

    def to_json(self) -> str:
        """Return the method, the counts and every row as JSON (UTF-8 characters kept)."""
        data = {
            "method": _method(self.tolerance),
            "rules": RULES,
            "tolerance": self.tolerance,
            "counts": self.counts(),
            "plan_outcomes": self.findings(),
            "rows": plain_records(self.table),
        }
        return json.dumps(data, ensure_ascii=False, indent=2)

    def to_markdown(self) -> str:
        """Return a Markdown summary: the method, counts, and each target with its outcome and verdict."""
        out = ["# Targets and their outcomes", "", _method(self.tolerance), ""]
        out += ["How each comparator is judged:", ""]
        out += [f"- **{k}**: {v}" for k, v in RULES.items()]
        out += ["", "## Verdicts", "", "| verdict | rows |", "|---|---|"]
        out += [f"| {k} | {n} |" for k, n in self.counts().items()]
        for name, year, place in self.documents:
            rows = self.table[self.table["target_document"] == name]
            out += ["", f"## Targets of {name} ({year or 'year unknown'}, {place or 'jurisdiction unknown'})", ""]
            if not len(rows):
                out += ["(no targets)"]
                continue
            out += ["| target | indicator | year | target | outcome | verdict |", "|---|---|---|---|---|---|"]
            for r in plain_records(rows):
                years = (
                    r["ref_start_year"]
                    if r["ref_start_year"] == r["ref_end_year"]
                    else (f"{r['ref_start_year']}–{r['ref_end_year']}")
                )
                outcome = (
                    f"{r['outcome_written']} ({r['outcome_document']} {r['outcome_id']})"
                    if r["outcome_document"]
                    else ""
                )
                cells = [r["target_id"], r["indicator"], years, r["target_written"], outcome, r["verdict"]]
                out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
        if self.plan_outcomes:
            out += ["", "## What the search for the plan's own outcomes found", ""]
            out += [f"- **{f.target_id}**, {f.finding}: {f.note}" for f in self.plan_outcomes]
        return "\n".join(out) + "\n"

    def write(self, folder: Path, overwrite: bool = False) -> Path:
        """Write ``scorecard.csv``, its ``datapackage.json`` and ``summary.md`` into a new ``folder``, atomically.

        ``overwrite`` replaces only a folder written by xindu-plan (one carrying its marker).

        Raises:
            ScorecardError: ``folder`` exists (without ``overwrite``) or is not ours to
                replace, is a protected folder, or cannot be written.
        """
        data = self.to_csv()
        descriptor = json.dumps(self.descriptor(data), ensure_ascii=False, indent=2) + "\n"
        summary = self.to_markdown()

        def write(target: Path) -> None:
            target.mkdir()
            (target / SCORECARD.file).write_bytes(data)
            (target / "datapackage.json").write_text(descriptor, encoding="utf-8")
            (target / "summary.md").write_text(summary, encoding="utf-8")

        return write_atomically(Path(folder), write, overwrite=overwrite, error=ScorecardError, folder=True)


def _method(tolerance: float) -> str:
    return (
        "Each target (a goal for the year or for a plan period) is followed to a result in a later document (a "
        "greater year) of the same jurisdiction, for the same indicator (the same wording, or wordings the "
        "reviewed synonym table calls one) and the same years. A 左右 figure is met within the hedge when the "
        f"outcome falls on its bad side by at most {tolerance:g} of the figure; floor or ceiling come from the "
        "synonym table. Spans are in each document's cleaned text (start, end) and in the document as given "
        "(raw_start, raw_end)."
    )
