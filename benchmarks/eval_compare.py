"""The comparison against the hand-made relevance set (tests/eval/relevance_*.csv).

    python benchmarks/eval_compare.py [--top 10] [--grid] [--cross] [--summary]

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
* MRR: mean reciprocal rank of the first accepted passage among those kept (``--top``, and
  further down to the passage a decision rests on; 0 when none is accepted);
* verdict accuracy: share of measures whose verdict (counterpart, partial, none)
  equals the judged one; ``none`` accuracy: share whose none / not-none decision
  is right; and the same for the unrelated texts in tests/eval/unrelated/ (every
  measure should be ``none`` there).

The decision is scored on every judged pair (tests/eval/relevance_*.csv: the four
national reports, the local excerpts of the corpus and three calibration reports):
of the recent pairs judged ``none``, the share called none; of those judged
``counterpart``, the share called none; and on the fourteen calibration reports of
1978–1994 the share of measures taken up (counterpart or partial), in sample and
leave-one-report-out (each report's decision calibrated on the other thirteen).
The issue's goals are printed with whether each is met.

``--grid`` prints the same figures at other levels of the two chances, for a reader
who wants to see what the stated levels trade. ``--cross`` prints the ranking over a
grid of BM25's length normalisation ``b`` and the heading's weight, and a
leave-one-report-out estimate: for each report, the setting best on the other three
(P@1 + top-3, then MRR) scored on the held-out one, so the shipped setting's figures
can be set beside what a setting chosen without the report reaches on it. ``--summary`` does the
same over a grid of the weight of a summary list's lines (``SUMMARY_WEIGHT``).
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
#: The local excerpts of the corpus judged for all 21 measures (tests/eval/relevance_local.csv).
LOCAL = (
    "xindu-14fyp-outline-resolution-excerpt",
    "chengdu-14fyp-outline-excerpt",
    "chengdu-cpc-proposal-2020-excerpt",
    "chengdu-gwr-2022-excerpt",
)
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


@dataclass
class Decisions:
    """The decision's figures on the judged pairs and the calibration reports."""

    rows: list[dict[str, Any]]  # every decision: document, measure, judged, verdict, chance, chance_other
    loro: dict[str, float]  # calibration report → share taken up, calibrated without it
    in_sample: dict[str, float]  # calibration report → share taken up, calibrated with all fourteen

    def share(self, judged: str, verdict: str, documents: Iterable[str]) -> tuple[int, int]:
        """Of the pairs of ``documents`` judged ``judged``, how many have ``verdict`` (none: verdict none)."""
        names = frozenset(documents)
        picked = [r for r in self.rows if r["document"] in names and r["judged"] == judged]
        return sum((r["verdict"] == "none") == (verdict == "none") for r in picked), len(picked)


def _verdicts(comparison: Any, document: str, judged: dict[tuple[str, str], Judgement]) -> list[dict[str, Any]]:
    out = []
    for row in comparison.decisions.itertuples():
        j = judged.get((row.unit_id, document))
        out.append(
            {
                "document": document,
                "measure_id": row.unit_id,
                "judged": j.verdict if j else None,
                "verdict": row.verdict,
                "chance": row.chance,
                "chance_other": row.chance_other,
                "evidence": bool(row.evidence_words),
                "decision": row.reason,
            }
        )
    return out


def decisions() -> Decisions:
    """Compare the plan with every judged recent document and every calibration report (in sample and
    leave-one-report-out) and gather the decisions."""
    import dataclasses

    from xindu_plan import calibration, compare, corpus, load
    from xindu_plan.analysis.chance import Null
    from xindu_plan.analysis.comparison import pair, queries, report, sides

    judged = judgements()
    plan = load()
    rows: list[dict[str, Any]] = []
    for name in (*REPORTS, *LOCAL):
        rows += _verdicts(compare(plan, corpus.document(name), top=1), name, judged)
    sa = sides._plan_side(plan)
    built = queries._queries(sides._extra_words(plan), sa.units)
    loro, in_sample = {}, {}
    for name in calibration.names():
        doc = calibration.document(name)
        found = compare(plan, doc, top=1)
        in_sample[name] = float((found.decisions["verdict"] != "none").mean())
        scored = queries.calibration_scores(built, without=[name])
        null = Null.from_coverage([c for _, c, _ in scored], [h for _, _, h in scored])
        held_out = report._frames(
            sa.name,
            name,
            pair._compare(sa, sides._side(doc, "b"), dataclasses.replace(built, null=null), 1, False),
        )
        loro[name] = float((held_out.decisions["verdict"] != "none").mean())
        rows += _verdicts(held_out, name, judged)
    return Decisions(rows, loro, in_sample)


def _level(rows: list[dict[str, Any]], counterpart: float, partial: float) -> list[dict[str, Any]]:
    """The rows with verdicts redone at other levels of the two chances (other rules unchanged)."""
    out = []
    for r in rows:
        verdict = r["verdict"]
        if r["evidence"] and "chance" in r["decision"]:
            verdict = (
                "counterpart"
                if r["chance_other"] <= counterpart and r["chance"] <= 0.5
                else "partial"
                if r["chance"] <= partial
                else "none"
            )
        out.append({**r, "verdict": verdict})
    return out


#: The goals of the decision: (label, figure's key, at least or at most, bound).
GOALS = (
    ("recent pairs judged none, share called none", "none_of_none", ">=", 0.75),
    ("recent pairs judged counterpart, share called none", "none_of_counterpart", "<=", 0.05),
    ("calibration reports, share of measures taken up (leave-one-report-out)", "taken_up_loro", "<=", 0.20),
)


def decision_figures(d: Decisions) -> dict[str, float]:
    """The figures the goals are stated on, and others beside them."""
    import statistics

    recent = (*REPORTS, *LOCAL)
    old = [n for n in d.loro]
    a, n = d.share("none", "none", recent)
    b, m = d.share("counterpart", "none", recent)
    c, k = d.share("none", "none", REPORTS)
    e, f = d.share("none", "none", old)
    g, h = d.share("counterpart", "none", old)
    return {
        "none_of_none": _share(a, n),
        "none_of_none_n": n,
        "none_of_none_national": _share(c, k),
        "none_of_none_national_n": k,
        "none_of_counterpart": _share(b, m),
        "none_of_counterpart_n": m,
        "taken_up_loro": statistics.fmean(d.loro.values()),
        "taken_up_loro_max": max(d.loro.values()),
        "taken_up_in_sample": statistics.fmean(d.in_sample.values()),
        "old_none_of_none": _share(e, f),
        "old_none_of_none_n": f,
        "old_none_of_counterpart": _share(g, h),
        "old_none_of_counterpart_n": h,
    }


def decision_report(d: Decisions) -> str:
    """The decision's figures and goals as plain text."""
    fig = decision_figures(d)
    lines = [
        f"recent pairs judged none (national reports and local excerpts): {fig['none_of_none_n']}, "
        f"called none {fig['none_of_none']:.3f} (national reports alone: {fig['none_of_none_national']:.3f} "
        f"of {fig['none_of_none_national_n']})",
        f"recent pairs judged counterpart: {fig['none_of_counterpart_n']}, "
        f"called none {fig['none_of_counterpart']:.3f}",
        f"calibration reports, measures taken up: in sample {fig['taken_up_in_sample']:.3f}, "
        f"leave-one-report-out {fig['taken_up_loro']:.3f} (highest report {fig['taken_up_loro_max']:.3f})",
        f"calibration pairs judged none: {fig['old_none_of_none_n']}, called none {fig['old_none_of_none']:.3f}; "
        f"judged counterpart: {fig['old_none_of_counterpart_n']}, called none {fig['old_none_of_counterpart']:.3f}",
        "",
    ]
    lines += [f"  {name}: taken up {d.in_sample[name]:.3f} in sample, {d.loro[name]:.3f} held out" for name in d.loro]
    lines.append("")
    for label, key, op, bound in GOALS:
        value = fig[key]
        met = value >= bound if op == ">=" else value <= bound
        lines.append(f"goal {label} {op} {bound}: {value:.3f} {'met' if met else 'NOT MET'}")
    return "\n".join(lines)


#: The grid of ``--cross``: BM25's ``b`` and the heading weight.
CROSS_B = (0.25, 0.3, 0.4, 0.5, 0.6, 0.75)
CROSS_HEADING = (0.5, 1.0)


def cross(top: int = 10) -> list[str]:
    """The ranking over the grid of ``b`` and heading weight, and the leave-one-report-out estimate."""
    from xindu_plan import corpus, load
    from xindu_plan.analysis import comparison, retrieval
    from xindu_plan.analysis.comparison import queries  # where the heading weight is looked up

    judged = judgements()
    plan = load()
    documents = {name: corpus.document(name) for name in REPORTS}
    shipped = (retrieval.BM25_B, queries.HEADING_WEIGHT)
    grid: dict[tuple[float, float], dict[str, Scores]] = {}
    try:
        for b in CROSS_B:
            for heading in CROSS_HEADING:
                retrieval.BM25_B, queries.HEADING_WEIGHT = b, heading
                queries._queries.cache_clear()  # the calibration coverage depends on the heading weight
                grid[(b, heading)] = {
                    name: _score_report(name, comparison.compare(plan, doc, top=top), judged)
                    for name, doc in documents.items()
                }
    finally:
        retrieval.BM25_B, queries.HEADING_WEIGHT = shipped
        queries._queries.cache_clear()

    lines = [f"{'b':>5} {'heading':>7} {'P@1':>6} {'top-3':>6} {'MRR':>6}"]
    for setting in grid:
        s = _pooled(grid[setting], REPORTS)
        mark = "  (shipped)" if setting == shipped else ""
        lines.append(f"{setting[0]:5.2f} {setting[1]:7.1f} {s.p_at_1:6.3f} {s.top_3:6.3f} {s.mrr:6.3f}{mark}")
    return lines + _held_out(grid, lambda best: f"b={best[0]} heading={best[1]}")


def _pooled(by_report: dict[str, Scores], names: Iterable[str]) -> Scores:
    total = Scores()
    for name in names:
        total.add(by_report[name])
    return total


def _held_out(grid: dict[Any, dict[str, Scores]], setting: Any) -> list[str]:
    """Each report scored with the setting of ``grid`` best on the other three (P@1 + top-3, then MRR), and
    the pooled estimate; ``setting`` names a setting."""
    held = Scores()
    lines = [""]
    for name in REPORTS:
        others = [r for r in REPORTS if r != name]
        trained = {k: _pooled(grid[k], others) for k in grid}
        best = max(grid, key=lambda k: (trained[k].p_at_1 + trained[k].top_3, trained[k].mrr))
        s = grid[best][name]
        held.add(s)
        lines.append(
            f"held out {name}: chosen on the others {setting(best)}: "
            f"P@1 {s.p_at_1:.3f} top-3 {s.top_3:.3f} MRR {s.mrr:.3f}"
        )
    lines.append(f"leave-one-report-out estimate: P@1 {held.p_at_1:.3f} top-3 {held.top_3:.3f} MRR {held.mrr:.3f}")
    return lines


SUMMARY_GRID = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5)


def summary_weights(top: int = 10, grid: Iterable[float] = SUMMARY_GRID) -> list[str]:
    """The ranking over a grid of the summary lines' weight, and the leave-one-report-out estimate."""
    from xindu_plan import corpus, load
    from xindu_plan.analysis import comparison, retrieval

    judged = judgements()
    plan = load()
    documents = {name: corpus.document(name) for name in REPORTS}
    shipped = retrieval.SUMMARY_WEIGHT
    scored: dict[float, dict[str, Scores]] = {}
    try:
        for weight in grid:
            retrieval.SUMMARY_WEIGHT = weight
            scored[weight] = {
                name: _score_report(name, comparison.compare(plan, doc, top=top), judged)
                for name, doc in documents.items()
            }
    finally:
        retrieval.SUMMARY_WEIGHT = shipped

    lines = [f"{'summary':>7} {'P@1':>6} {'top-3':>6} {'MRR':>6}"]
    for weight in scored:
        s = _pooled(scored[weight], REPORTS)
        mark = "  (shipped)" if weight == shipped else ""
        lines.append(f"{weight:7.2f} {s.p_at_1:6.3f} {s.top_3:6.3f} {s.mrr:6.3f}{mark}")
    return lines + _held_out(scored, str)


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
    for what, value, least in (("P@1", result.overall.p_at_1, 0.85), ("top-3", result.overall.top_3, 0.95)):
        lines.append(
            f"goal {what} on the recent reports >= {least}: {value:.3f} {'met' if value >= least else 'NOT MET'}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10, help="passages kept per measure (for MRR)")
    parser.add_argument("--grid", action="store_true", help="print the decision's figures at other levels")
    parser.add_argument("--cross", action="store_true", help="print the ranking over a grid of b and heading weight")
    parser.add_argument("--summary", action="store_true", help="print the ranking over a grid of the summary weight")
    args = parser.parse_args()
    result = evaluate(args.top)
    print(report(result))
    d = decisions()
    print("", decision_report(d), sep="\n")
    if args.grid:
        print("\ncounterpart partial  none|none  none|counterpart  taken-up (LORO)")
        for counterpart in (0.001, 0.01, 0.05):
            for partial in (0.01, 0.05, 0.1, 0.2):
                redone = Decisions(_level(d.rows, counterpart, partial), {}, {})
                old = [r for r in redone.rows if r["document"] in d.loro]
                up = sum(r["verdict"] != "none" for r in old) / len(old)
                fig = decision_figures(Decisions(redone.rows, {k: up for k in d.loro}, {k: up for k in d.loro}))
                figures = f"{fig['none_of_none']:10.3f} {fig['none_of_counterpart']:17.3f} {up:16.3f}"
                print(f"{counterpart:11} {partial:7} {figures}")
    if args.cross:
        print("", *cross(args.top), sep="\n")
    if args.summary:
        print("", *summary_weights(args.top), sep="\n")


if __name__ == "__main__":
    main()
