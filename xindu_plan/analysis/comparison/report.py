"""The result of a comparison, :class:`Comparison`: its tables, and what is made of them: JSON, the
findings in sentences, a Markdown report, the ``datapackage.json`` and the CSV or Parquet files;
the statement of the method the descriptions and reports give; and the Comparison built from the
rows or frames of its tables.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xindu_plan.analysis.chance import GENERIC_SHARE, TAIL_SHARE
from xindu_plan.analysis.comparison.decision import (
    COUNTERPART_CHANCE,
    COUNTERPART_CHANCE_ALL,
    MIN_EVIDENCE_WORDS,
    MIN_SHARED_WORDS,
    PARTIAL_CHANCE,
)
from xindu_plan.analysis.comparison.frames import _frame
from xindu_plan.analysis.comparison.output import _ParquetOut, _pyarrow, _resource
from xindu_plan.analysis.comparison.queries import CONCEPT_WEIGHT, HEADING_WEIGHT, LEAD_WEIGHT
from xindu_plan.analysis.comparison.schema import _BY_NAME, COLUMNS, TABLES
from xindu_plan.analysis.comparison.sides import LONG_PARAGRAPH, RUN_CHARS
from xindu_plan.analysis.comparison.terms import PAIR_THRESHOLD
from xindu_plan.analysis.retrieval import BM25_B, BM25_K1
from xindu_plan.base.atomic import write_atomically
from xindu_plan.base.errors import CompareError
from xindu_plan.base.values import plain, plain_records, rows

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Comparison",
    "_comparison",
    "_frames",
]


@dataclass(frozen=True)
class Comparison:
    """The comparison of ``a`` with ``b``: five tables declared in :data:`TABLES`, and ``failures``.

    ``omitted`` names the tables :func:`compare_many` was asked not to keep (its
    ``keep`` and ``out`` options): they are empty here, not because ``b`` has no rows.
    ``documents`` counts the documents compared (1 for :func:`compare`). ``failures``
    lists the documents :func:`compare_many` could not compare (``errors="record"``;
    empty otherwise).
    """

    a: str
    b: str
    decisions: pd.DataFrame
    passages: pd.DataFrame
    summary: pd.DataFrame
    terms: pd.DataFrame
    targets: pd.DataFrame
    omitted: tuple[str, ...] = ()
    documents: int = 1
    failures: pd.DataFrame = dataclasses.field(default_factory=lambda: _frame("failures", []))

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name (the five, then ``failures``)."""
        return {name: getattr(self, name) for name in COLUMNS}

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data: its method and every table as records."""
        omitted = {"omitted": list(self.omitted)} if self.omitted else {}
        return {
            "a": self.a,
            "b": self.b,
            "method": _method(),
            **omitted,
            **{name: plain_records(frame) for name, frame in self.tables.items()},
        }

    def to_json(self) -> str:
        """Return :meth:`to_dict` as a JSON string (UTF-8 characters kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def findings(self) -> list[str]:
        """Return the findings in sentences, one a document: which pillars b takes up and which it does not.

        A document that could not be compared (:attr:`failures`) gets its sentence at the end.
        """
        failed = [str(message) for message in self.failures["message"]]
        missing = [name for name in ("decisions", "summary") if name in self.omitted]
        if missing:
            return [
                f"The {' and '.join(missing)} of {self.b} were not kept in memory (compare_many's keep or out "
                "option); with out, they are in the files written.",
                *failed,
            ]
        out = []
        for document, decisions in self.decisions.groupby("document", sort=False, observed=True):
            summary = self.summary[self.summary["document"] == document]
            found = decisions["verdict"] != "none"
            if not len(decisions):
                continue
            if "no body paragraphs" in " ".join(decisions["reason"]):
                out.append(f"{document} has no body paragraphs to compare: every unit is judged none.")
                continue
            taken = [str(r.pillar_label) for r in rows(summary) if r.counterparts + r.partials]
            left = [str(r.pillar_label) for r in rows(summary) if r.units and not r.counterparts + r.partials]
            sentence = (
                f"{document} takes up {int(found.sum())} of {len(decisions)} units of {self.a} "
                f"({int((decisions['verdict'] == 'counterpart').sum())} with a counterpart, "
                f"{int((decisions['verdict'] == 'partial').sum())} partly)"
            )
            if not found.any():
                sentence += ": no passage covers any unit beyond what unrelated text does."
            else:
                sentence += f"; pillars taken up: {'、'.join(taken) or 'none'}"
                sentence += f"; not taken up: {'、'.join(left)}." if left else "; every pillar is taken up."
            out.append(sentence)
            none = decisions.loc[~found, "unit_label"].tolist()
            if none and found.any():
                out.append(f"Units without a counterpart in {document}: {'、'.join(map(str, none))}.")
        return out + failed

    def to_markdown(self, excerpt: int = 40) -> str:
        """Return a Markdown report: findings in sentences, then decisions, passages, summary, terms, targets."""
        out = [f"# {self.a} compared with {self.b}", "", "## Findings", ""]
        out += [f"- {s}" for s in self.findings()] or ["- Nothing was compared."]
        out += ["", _method()["retrieval"], "", _method()["verdict"], ""]

        def kept(*names: str) -> bool:
            missing = [name for name in names if name in self.omitted]
            if missing:
                out.extend([f"The {' and '.join(missing)} table(s) were not kept (compare_many's keep or out).", ""])
            return not missing

        out += ["## Coverage of each pillar", ""]
        if kept("summary"):
            out += [_markdown(self.summary, list(COLUMNS["summary"])), ""]
        out += ["## Decision and best passage for each unit", ""]
        if kept("decisions", "passages"):
            decisions = ["document", "unit_id", "unit_label", "verdict", "coverage", "unrelated_coverage"]
            best = self.passages[["document", "unit_id", "passage_id", "heading", "text"]].copy()
            best["text"] = [t if len(t) <= excerpt else t[:excerpt] + "…" for t in best["text"].fillna("")]
            joined = self.decisions[[*decisions, "best_passage_id", "shared_words"]].merge(
                best.rename(columns={"passage_id": "best_passage_id"}),
                on=["document", "unit_id", "best_passage_id"],
                how="left",
            )
            columns = [*decisions, "best_passage_id", "heading", "shared_words", "text"]
            out += [_markdown(joined, columns), ""]
        if "terms" in self.omitted:
            out += ["## Terms", ""]
            kept("terms")
        for status in () if "terms" in self.omitted else ("continued", "dropped", "new", "new_unrelated"):
            chosen = self.terms[self.terms["status"] == status]
            if status.startswith("new"):
                chosen = chosen.sort_values("relevance", ascending=False, kind="stable")
            listed = "、".join(dict.fromkeys(chosen["term"])) or "none"
            out += [f"## Terms {status.replace('_', ' ')} ({chosen['term'].nunique()})", "", listed, ""]
        out += ["## Paired targets", ""]
        if kept("targets"):
            out += [_markdown(self.targets, list(COLUMNS["targets"])), ""]
        return "\n".join(out)

    def datapackage(self, format: str = "csv", parts: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
        """Return the ``datapackage.json`` describing the files :meth:`write_csv` or :meth:`write_parquet` writes.

        ``format`` is ``csv`` (one file a table) or ``parquet`` (a folder a table, its
        part files the resource's ``path``); ``parts`` gives each table's part files
        (default: one, ``part-00000.parquet``).
        """
        method = _method()
        return {
            "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": "xindu-plan-comparison",
            "title": f"{self.a} compared with {self.b}",
            "description": " ".join(
                [
                    "Which units of a (the Xindu plan's measures) a later document b takes up.",
                    method["retrieval"],
                    method["verdict"],
                ]
            ),
            "resources": [_resource(table, format, parts) for table in TABLES],
        }

    def write_csv(self, folder: Path, overwrite: bool = False) -> Path:
        """Write one CSV per table and their ``datapackage.json`` into a new ``folder``, atomically.

        The folder gets the marker ``.xindu-plan.json``; ``overwrite`` replaces only a
        folder this method wrote (one carrying the marker).

        Raises:
            CompareError: ``folder`` exists (without ``overwrite``) or is not ours to
                replace, is a protected folder, or cannot be written; or a table
                was not kept (:attr:`omitted`).
        """
        if self.omitted:
            raise CompareError(
                f"this comparison did not keep its {', '.join(self.omitted)} table(s), so it cannot be written "
                "as a whole; give compare_many(..., out=folder) to write every table as it is computed"
            )

        def write(target: Path) -> None:
            target.mkdir()
            for name, frame in self.tables.items():
                frame.to_csv(target / _BY_NAME[name].file, index=False, lineterminator="\n")
            self._write_datapackage(target)

        return write_atomically(Path(folder), write, overwrite=overwrite, error=CompareError, folder=True)

    def write_parquet(self, folder: Path, overwrite: bool = False) -> Path:
        """Write each table as Parquet (a folder a table, ``decisions/part-00000.parquet`` …) and their
        ``datapackage.json`` into a new ``folder``, atomically, as :meth:`write_csv` does (needs pyarrow).

        ``pandas.read_parquet(folder / "decisions")`` or DuckDB's
        ``read_parquet('folder/decisions/*.parquet')`` reads a table whole.

        Raises:
            CompareError: as :meth:`write_csv`.
        """
        if self.omitted:
            raise CompareError(
                f"this comparison did not keep its {', '.join(self.omitted)} table(s), so it cannot be written "
                "as a whole; give compare_many(..., out=folder, format='parquet') to write every table as it is "
                "computed"
            )
        _pyarrow()

        def write(target: Path) -> None:
            target.mkdir()
            sink = _ParquetOut(target)
            for name, frame in self.tables.items():
                sink.add(name, frame)
            self._write_datapackage(target, "parquet", sink.close())

        return write_atomically(Path(folder), write, overwrite=overwrite, error=CompareError, folder=True)

    def _write_datapackage(
        self, folder: Path, format: str = "csv", parts: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        (folder / "datapackage.json").write_text(
            json.dumps(self.datapackage(format, parts), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def _method() -> dict[str, Any]:
    return {
        "retrieval": (
            "Passages (body paragraphs; runs of sentences of at most "
            f"{RUN_CHARS} characters inside paragraphs longer than {LONG_PARAGRAPH}) are ranked by Okapi BM25 "
            f"(k1={BM25_K1}, b={BM25_B}) over whole jieba words (accurate mode, HMM off; the plan's terms and "
            "names and "
            "the fixed policy names of xindu_plan/lexicon/names.csv kept whole; generic policy words of "
            "xindu_plan/lexicon/stopwords.csv dropped), with weights (idf) from a fixed reference: the shipped "
            f"corpus and the plan; a unit's lead phrase counts {LEAD_WEIGHT} times, each national policy term "
            f"of a measure (xindu_plan/lexicon/measure_concepts.csv) {CONCEPT_WEIGHT}, the passage's heading "
            f"{HEADING_WEIGHT}."
        ),
        "verdict": (
            "Verdict per unit from the chance of its best passage's coverage (the passage of b covering the unit "
            "most) among the passages of the fourteen "
            "State Council work reports of 1978-1994 (xindu_plan/calibration/; xindu_plan.analysis.chance), "
            f"for a document of b's length: counterpart when chance_other <= {COUNTERPART_CHANCE} and chance <= "
            f"{COUNTERPART_CHANCE_ALL}, partial when chance <= {PARTIAL_CHANCE}, none otherwise, and none whenever "
            f"the best passage shares fewer than {MIN_SHARED_WORDS} words with the unit, fewer than "
            f"{MIN_EVIDENCE_WORDS} words not found in {GENERIC_SHARE:.0%} or more of the calibration passages, "
            "or covers the unit no more than the unrelated "
            "control texts (xindu_plan/lexicon/controls/) do."
        ),
        "counterpart_chance": COUNTERPART_CHANCE,
        "counterpart_chance_all": COUNTERPART_CHANCE_ALL,
        "partial_chance": PARTIAL_CHANCE,
        "generic_share": GENERIC_SHARE,
        "tail_share": TAIL_SHARE,
        "min_shared_words": MIN_SHARED_WORDS,
        "min_evidence_words": MIN_EVIDENCE_WORDS,
        "pair_threshold": PAIR_THRESHOLD,
    }


def _markdown(frame: pd.DataFrame, columns: list[str]) -> str:
    def cell(value: Any) -> str:
        value = plain(value)
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:.3g}"
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows(frame[columns])]
    return "\n".join(lines) if len(frame) else "(none)"


def _frames(a: str, b: str, parts: dict[str, list[tuple[Any, ...]]]) -> Comparison:
    import pandas as pd

    tables = {name: pd.DataFrame(parts[name], columns=list(COLUMNS[name])) for name in COLUMNS}
    return _comparison(a, b, tables)


def _comparison(
    a: str, b: str, tables: dict[str, pd.DataFrame], omitted: tuple[str, ...] = (), documents: int = 1
) -> Comparison:
    return Comparison(
        a,
        b,
        decisions=tables["decisions"],
        passages=tables["passages"],
        summary=tables["summary"],
        terms=tables["terms"],
        targets=tables["targets"],
        omitted=omitted,
        documents=documents,
        failures=tables["failures"],
    )
