"""The comparison against the hand-made relevance set (tests/eval/relevance_*.csv).

    python benchmarks/eval_compare.py [--top 10] [--sweep]

For each of the plan's 21 measures and each shipped national report (2021–2024),
annotators who never saw the code's output named the paragraph(s) a China-policy
scholar would cite as the national counterpart (graded ``counterpart`` or
``partial``), or ``none``. A returned passage is *accepted* when it contains one of
the excerpts given for that measure and report (both compared after deleting
whitespace and zero-width spaces), so a sentence run of a judged paragraph counts
when it holds the excerpt. Printed per report and overall:

* P@1: share of measures with an accepted passage (counterpart or partial) first
  (measures judged ``none`` have no passage to find and are left out);
* top-3: share with an accepted passage among the first three;
* MRR: mean reciprocal rank of the first accepted passage (0 when none in ``--top``);
* verdict accuracy: share of measures whose verdict (counterpart, partial, none)
  equals the judged one; ``none`` accuracy: share whose none / not-none decision
  is right; and the same for the unrelated texts in tests/eval/unrelated/ (every
  measure should be ``none`` there).

``--sweep`` prints the verdict accuracies over a grid of the two thresholds, the
data the shipped thresholds were chosen on. ``--cross`` prints the ranking over a
grid of BM25's length normalisation ``b`` and the heading's weight, and a
leave-one-report-out estimate: for each report, the setting best on the other three
(P@1 + top-3, then MRR) scored on the held-out one, so the shipped setting's figures
can be set beside what a setting chosen without the report reaches on it.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"
REPORTS = ("national-gwr-2021", "national-gwr-2022", "national-gwr-2023", "national-gwr-2024")
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]")


def squeeze(text: str) -> str:
    """The text without whitespace and zero-width characters, as excerpts are matched."""
    return _INVISIBLE.sub("", text)


@dataclass
class Judgement:
    """The judged verdict of one measure against one report, with its accepted excerpts."""

    verdict: str
    excerpts: dict[str, str] = field(default_factory=dict)  # squeezed excerpt → grade


def judgements() -> dict[tuple[str, str], Judgement]:
    """(measure_id, document) → Judgement, read from the relevance files."""
    out: dict[tuple[str, str], Judgement] = {}
    for path in sorted(EVAL.glob("relevance_*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                key = (row["measure_id"], row["document"])
                judged = out.setdefault(key, Judgement(row["verdict"]))
                if judged.verdict != row["verdict"]:
                    raise ValueError(f"{path.name}: {key} has two verdicts")
                if row["excerpt"]:
                    judged.excerpts[squeeze(row["excerpt"])] = row["grade"]
    return out


def _share(part: float, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass
class Scores:
    """The measures of one report (or all), counted."""

    measures: int = 0  # judged measures
    findable: int = 0  # judged counterpart or partial
    first: int = 0
    top3: int = 0
    reciprocal: float = 0.0
    verdict_right: int = 0
    none_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        """Add another report's counts to these."""
        for name in ("measures", "findable", "first", "top3", "reciprocal", "verdict_right", "none_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    @property
    def p_at_1(self) -> float:
        """Share of findable measures with an accepted passage first."""
        return _share(self.first, self.findable)

    @property
    def top_3(self) -> float:
        """Share of findable measures with an accepted passage in the first three."""
        return _share(self.top3, self.findable)

    @property
    def mrr(self) -> float:
        """Mean reciprocal rank of the first accepted passage."""
        return _share(self.reciprocal, self.findable)

    @property
    def verdict_accuracy(self) -> float:
        """Share of measures whose verdict equals the judged one."""
        return _share(self.verdict_right, self.measures)

    @property
    def none_accuracy(self) -> float:
        """Share of measures whose none / not-none decision is right."""
        return _share(self.none_right, self.measures)


@dataclass
class Result:
    """Scores per report and overall, the unrelated controls, and every decision."""

    reports: dict[str, Scores]
    overall: Scores
    unrelated: dict[str, float]  # control → share of measures judged none
    decisions: list[dict[str, Any]]  # measure, document, judged, verdict, coverage


def _score_report(document: str, comparison: Any, judged: dict[tuple[str, str], Judgement]) -> Scores:
    scores = Scores()
    passages = comparison.passages
    verdicts = comparison.decisions.set_index("unit_id")["verdict"]
    for (measure, doc), judgement in sorted(judged.items()):
        if doc != document:
            continue
        scores.measures += 1
        verdict = verdicts.get(measure, "none")
        scores.verdict_right += verdict == judgement.verdict
        scores.none_right += (verdict == "none") == (judgement.verdict == "none")
        if judgement.verdict == "none":
            continue
        scores.findable += 1
        ranked = passages[passages["unit_id"] == measure].sort_values("rank")
        hits = [r for r, t in zip(ranked["rank"], ranked["text"], strict=True) if _accepted(t, judgement.excerpts)]
        if hits:
            scores.first += hits[0] == 1
            scores.top3 += hits[0] <= 3
            scores.reciprocal += 1 / hits[0]
        if not hits or hits[0] != 1:
            scores.misses.append(f"{document} {measure}: first accepted at rank {hits[0] if hits else '-'}")
    return scores


def _accepted(text: str, excerpts: Iterable[str]) -> bool:
    squeezed = squeeze(text)
    return any(e in squeezed for e in excerpts)


def comparisons(top: int = 10) -> dict[str, Any]:
    """The plan compared with each report and each unrelated control, keeping ``top`` passages."""
    from xindu_plan import compare, corpus, load, parse

    plan = load()
    out = {name: compare(plan, corpus.document(name), top=top) for name in REPORTS}
    for path in sorted((EVAL / "unrelated").glob("*.txt")):
        out[path.stem] = compare(plan, parse(path.read_text(encoding="utf-8"), name=path.stem), top=top)
    return out


def evaluate(top: int = 10, computed: dict[str, Any] | None = None) -> Result:
    """Score the comparison against the relevance set (see the module's description)."""
    judged = judgements()
    computed = computed if computed is not None else comparisons(top)
    reports = {name: _score_report(name, computed[name], judged) for name in REPORTS}
    overall = Scores()
    for scores in reports.values():
        overall.add(scores)
    unrelated = {
        name: float((c.decisions["verdict"] == "none").mean()) for name, c in computed.items() if name not in REPORTS
    }
    decisions = []
    for name in REPORTS:
        for row in computed[name].decisions.itertuples():
            judgement = judged.get((row.unit_id, name))
            decisions.append(
                {
                    "measure_id": row.unit_id,
                    "document": name,
                    "judged": judgement.verdict if judgement else None,
                    "verdict": row.verdict,
                    "coverage": row.coverage,
                    "unrelated_coverage": row.unrelated_coverage,
                    "shared": len(row.shared_words.split("|")) if row.shared_words else 0,
                }
            )
    return Result(reports, overall, unrelated, decisions)


def sweep(result: Result) -> list[tuple[float, float, float, float]]:
    """(partial_at, counterpart_at, verdict accuracy, none accuracy) over a grid of thresholds."""
    out = []
    for partial in [i / 100 for i in range(4, 15)]:
        for counterpart in [i / 100 for i in range(10, 31, 2)]:
            if counterpart < partial:
                continue
            right = none_right = 0
            for d in result.decisions:
                cov, null = d["coverage"], d["unrelated_coverage"]
                if d["shared"] < 2:
                    cov = 0.0
                verdict = (
                    "counterpart"
                    if cov >= counterpart and cov > null
                    else "partial"
                    if cov >= partial and cov > null
                    else "none"
                )
                right += verdict == d["judged"]
                none_right += (verdict == "none") == (d["judged"] == "none")
            out.append((partial, counterpart, right / len(result.decisions), none_right / len(result.decisions)))
    return out


#: The grid of ``--cross``: BM25's ``b`` and the heading weight.
CROSS_B = (0.25, 0.3, 0.4, 0.5, 0.6, 0.75)
CROSS_HEADING = (0.5, 1.0)


def cross(top: int = 10) -> list[str]:
    """The ranking over the grid of ``b`` and heading weight, and the leave-one-report-out estimate."""
    from xindu_plan import comparison, corpus, load, retrieval

    judged = judgements()
    plan = load()
    documents = {name: corpus.document(name) for name in REPORTS}
    shipped = (retrieval.BM25_B, comparison.HEADING_WEIGHT)
    grid: dict[tuple[float, float], dict[str, Scores]] = {}
    try:
        for b in CROSS_B:
            for heading in CROSS_HEADING:
                retrieval.BM25_B, comparison.HEADING_WEIGHT = b, heading
                comparison._queries.cache_clear()  # the calibration coverage depends on the heading weight
                grid[(b, heading)] = {
                    name: _score_report(name, comparison.compare(plan, doc, top=top), judged)
                    for name, doc in documents.items()
                }
    finally:
        retrieval.BM25_B, comparison.HEADING_WEIGHT = shipped
        comparison._queries.cache_clear()

    def pooled(setting: tuple[float, float], names: Iterable[str]) -> Scores:
        total = Scores()
        for name in names:
            total.add(grid[setting][name])
        return total

    lines = [f"{'b':>5} {'heading':>7} {'P@1':>6} {'top-3':>6} {'MRR':>6}"]
    for setting in grid:
        s = pooled(setting, REPORTS)
        mark = "  (shipped)" if setting == shipped else ""
        lines.append(f"{setting[0]:5.2f} {setting[1]:7.1f} {s.p_at_1:6.3f} {s.top_3:6.3f} {s.mrr:6.3f}{mark}")
    held = Scores()
    lines.append("")
    for name in REPORTS:
        others = [r for r in REPORTS if r != name]
        trained = {setting: pooled(setting, others) for setting in grid}
        best = max(grid, key=lambda k: (trained[k].p_at_1 + trained[k].top_3, trained[k].mrr))
        s = grid[best][name]
        held.add(s)
        lines.append(
            f"held out {name}: chosen on the others b={best[0]} heading={best[1]}: "
            f"P@1 {s.p_at_1:.3f} top-3 {s.top_3:.3f} MRR {s.mrr:.3f}"
        )
    lines.append(f"leave-one-report-out estimate: P@1 {held.p_at_1:.3f} top-3 {held.top_3:.3f} MRR {held.mrr:.3f}")
    return lines


def report(result: Result) -> str:
    """The scores as a plain-text table."""
    lines = [
        f"{'report':20} {'measures':>8} {'P@1':>6} {'top-3':>6} {'MRR':>6} {'verdict':>8} {'none':>6}",
    ]
    for name, s in [*result.reports.items(), ("overall", result.overall)]:
        lines.append(
            f"{name:20} {s.measures:8d} {s.p_at_1:6.3f} {s.top_3:6.3f} {s.mrr:6.3f} "
            f"{s.verdict_accuracy:8.3f} {s.none_accuracy:6.3f}"
        )
    lines.append("")
    judged_none = [d for d in result.decisions if d["judged"] == "none"]
    said_none = [d for d in result.decisions if d["verdict"] == "none"]
    caught = sum(d["verdict"] == "none" for d in judged_none)
    listed = ", ".join(str(d["document"])[-4:] + " " + str(d["measure_id"]) for d in said_none) or "-"
    lines.append(f"none on the reports: judged {len(judged_none)}, said {len(said_none)} ({listed}), both {caught}")
    for name, share in result.unrelated.items():
        lines.append(f"unrelated {name}: {share:.3f} of measures judged none")
    lines += ["", "first passage not accepted:", *(f"  {m}" for m in result.overall.misses)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10, help="passages kept per measure (for MRR)")
    parser.add_argument("--sweep", action="store_true", help="print verdict accuracy over a grid of thresholds")
    parser.add_argument("--cross", action="store_true", help="print the ranking over a grid of b and heading weight")
    args = parser.parse_args()
    result = evaluate(args.top)
    print(report(result))
    if args.sweep:
        print("\npartial_at counterpart_at verdict_accuracy none_accuracy")
        for partial, counterpart, accuracy, none in sweep(result):
            print(f"{partial:10.2f} {counterpart:13.2f} {accuracy:16.3f} {none:13.3f}")
    if args.cross:
        print("", *cross(args.top), sep="\n")


if __name__ == "__main__":
    main()
