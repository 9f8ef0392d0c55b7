"""Precision and recall of the quantity reader against the hand-made evaluation set.

    python benchmarks/eval_quantities.py [--misses]

The evaluation set (``tests/eval/quantities_*.csv``, made by reading the documents,
see ``tests/eval/README.md``) lists every quantity of the Xindu article and, in each
of the four national work reports, the main targets, the review of the past year or
period, and every quantity of a sample of paragraphs; the files of section ``rest``
add every remaining quantity of a report, and those of section ``local`` every
quantity of a local excerpt of the corpus. Each row names its place by a short exact
excerpt (``context``). A malformed row (an unknown kind or section, an amount that is
not a number, a document the corpus does not hold) is reported and not scored.

A reader row *matches* an evaluation row when its number lies inside the excerpt
and its amount (value with the magnitude of its unit, or the ends of a range) is
the same. A matched row is *right* in a field when the field agrees: ``kind``;
``indicator`` (one of the spellings given); ``amount``, ``unit`` (without
magnitude), ``comparator``, ``low``/``high``, and ``period`` (the years referred to).

Precision counts the reader's rows inside the annotated stretches (the whole
article, and the whole of every document annotated in full, listed in
``tests/eval/annotated_in_full.csv``; else from the first to the last annotated quantity of each document's main
targets and review, and the sample's paragraphs); recall counts the evaluation rows.
Both are given per kind, for a match alone and with every field right ("strict"),
and per field over the matched rows; then the goals of the evaluation, each with
whether it is met.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"
FIELDS = ("kind", "indicator", "amount", "unit", "comparator", "range", "period")
#: Words that are never an indicator on their own.
JUNK_INDICATORS = frozenset(
    [
        "在",
        "为",
        "用于",
        "比上年",
        "一次性",
        "其中",
        "同时",
        "并",
        "全年",
        "今年",
        "是",
        "的",
        "和",
        "达到",
        "实现",
        "完成",
        "赤字率拟按",
        "拟按",
        "拟",
        "按",
        "安排",
        "共",
        "累计",
        "分别",
        "均",
        "再",
        "了",
        "从",
        "由",
        "对",
        "到",
        "至",
    ]
)
#: Nouns of people: never, alone, what a target measures (14亿多中国人 is a population, not a goal).
PEOPLE = frozenset(
    ["人", "中国人", "人口", "人民", "群众", "农民", "居民", "学生", "职工", "人员", "人才", "家庭", "老人", "儿童"]
)
#: Words that name no indicator of their own: the thing measured is elsewhere in the sentence.
GENERIC = frozenset(["规模", "目标", "预期目标", "目标设定", "总量", "水平", "比重", "增幅", "增速"])
KINDS = frozenset(["target", "result", "plan_target", "other"])
SECTIONS = frozenset(["main_targets", "review", "plan_goals", "sample", "article", "rest", "local"])
#: The documents annotated in full (every quantity): precision counts all the reader's rows in them.
COMPLETE = EVAL / "annotated_in_full.csv"
COMPARATOR_VALUES = frozenset(["", "at_least", "at_most", "about", "more_than", "less_than", "range"])
#: The goals of the evaluation (issue 22): (group or field, measure, least value).
GOALS = (
    ("target", "precision", 0.95),
    ("target", "recall", 0.95),
    ("target", "strict_precision", 0.90),
    ("target", "strict_recall", 0.90),
    ("result", "strict_precision", 0.85),
    ("result", "strict_recall", 0.85),
    ("other", "recall", 0.85),
    ("plan_target", "recall", 0.95),
    ("indicator", "agreement", 0.90),
)
_SPACE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff\u3000]")


@dataclass
class Scores:
    """Counts behind precision and recall."""

    eval_rows: int = 0
    found: int = 0
    strict_found: int = 0
    reader_rows: int = 0
    correct: int = 0
    strict_correct: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.eval_rows if self.eval_rows else math.nan

    @property
    def strict_recall(self) -> float:
        return self.strict_found / self.eval_rows if self.eval_rows else math.nan

    @property
    def precision(self) -> float:
        return self.correct / self.reader_rows if self.reader_rows else math.nan

    @property
    def strict_precision(self) -> float:
        return self.strict_correct / self.reader_rows if self.reader_rows else math.nan


@dataclass
class Result:
    """Scores by group (a kind, ``main_targets`` or ``past_year_results``), field agreement and misses."""

    groups: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[str] = field(default_factory=list)
    junk: list[str] = field(default_factory=list)
    #: rows of kind target whose indicator is a noun of people, a generic word or a function word
    junk_targets: list[str] = field(default_factory=list)
    #: evaluation rows that cannot be scored, with why
    malformed: list[str] = field(default_factory=list)

    def agreement(self, name: str) -> float:
        """The share of matched rows whose field ``name`` is right."""
        ok, n = self.fields.get(name, [0, 0])
        return ok / n if n else math.nan

    def goals(self) -> list[tuple[str, float, float, bool]]:
        """Each goal of the evaluation: its name, the figure reached, the least asked, and whether it is met."""
        out = []
        for group, measure, least in GOALS:
            if measure == "agreement":
                value = self.agreement(group)
            else:
                value = getattr(self.groups.get(group, Scores()), measure)
            out.append((f"{group} {measure.replace('_', ' ')}", value, least, value >= least))
        out.append(("target rows with a junk indicator", float(len(self.junk_targets)), 0.0, not self.junk_targets))
        return out


def _documents(names: Iterable[str] = ()) -> dict[str, Any]:
    """The article and the corpus documents named (by default the four national reports), parsed."""
    from xindu_plan import corpus, parse

    docs = {
        "xindu-article": parse(
            (ROOT / "data/text/article.txt").read_text(encoding="utf-8"), name="xindu-article", year=2021
        )
    }
    wanted = {*(f"national-gwr-{year}" for year in (2021, 2022, 2023, 2024)), *names} - {"xindu-article"}
    for name in sorted(wanted & set(corpus.names())):
        docs[name] = corpus.document(name)
    return docs


def malformed(row: dict[str, str], documents: Iterable[str]) -> str | None:
    """Why an evaluation row cannot be scored, or None when it can."""
    if row.get("document") not in set(documents):
        return f"document {row.get('document')!r} is neither the article nor a corpus document"
    if row.get("kind") not in KINDS:
        return f"kind {row.get('kind')!r} is not one of {', '.join(sorted(KINDS))}"
    if row.get("section") not in SECTIONS:
        return f"section {row.get('section')!r} is not one of {', '.join(sorted(SECTIONS))}"
    if not _SPACE.sub("", row.get("context") or ""):
        return "context is empty"
    if (row.get("comparator") or "") not in COMPARATOR_VALUES:
        return f"comparator {row.get('comparator')!r} is not one of the guidelines'"
    for name in ("amount", "low", "high"):
        value = (row.get(name) or "").strip()
        try:
            if value and not math.isfinite(float(value)):
                raise ValueError
        except ValueError:
            return f"{name} {value!r} is not a plain decimal number"
    if not re.fullmatch(r"|\d{4}|\d{4}-\d{4}", (row.get("period") or "").strip()):
        return f"period {row.get('period')!r} is not a year or a span of years"
    return None


def rows() -> list[dict[str, str]]:
    """The evaluation rows of every file."""
    out: list[dict[str, str]] = []
    for path in sorted(EVAL.glob("quantities_*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                out.append(
                    {**{k: v or "" for k, v in row.items() if k is not None}, "_file": path.name, "_line": str(line)}
                )
    return out


def annotated_in_full() -> frozenset[str]:
    """The documents whose every quantity is annotated, as listed in ``tests/eval/annotated_in_full.csv``.

    A list, not the sections of the rows: a report whose remaining quantities were all
    annotated already (2023) has no row of section ``rest`` and is still annotated in full.
    """
    with COMPLETE.open(encoding="utf-8", newline="") as f:
        return frozenset(row["document"] for row in csv.DictReader(f))


#: ASCII punctuation read as its full-width form: an annotator copies a web copy's ASCII commas, the
#: reader's text has them full-width (the damage cleaned).
_MARKS = str.maketrans(",:;!?()", "，：；！？（）")


def _squeeze(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, its punctuation full-width, and where each character came from."""
    keep = [i for i, c in enumerate(text) if not _SPACE.match(c)]
    return "".join(text[i] for i in keep).translate(_MARKS), keep


def _amount(q: dict[str, Any], which: str = "value") -> float | None:
    from xindu_plan.chinese.quantities import split_unit

    v = q[which]
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    magnitude, _ = split_unit(q["unit"] or "")
    return float(v) * magnitude


def _base(q: dict[str, Any]) -> float | None:
    v = q["value_base"]
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return _amount(q)
    return float(v)


def _base_unit(unit: str) -> str | None:
    from xindu_plan.chinese.quantities import UNITS

    return UNITS[unit].base if unit in UNITS else None


def _expected_base(amount: str, unit: str) -> float | None:
    from xindu_plan.chinese.quantities import UNITS

    value = _num(amount)
    if value is None:
        return None
    return value * UNITS[unit].factor if unit in UNITS else value


def _num(text: str) -> float | None:
    return float(text) if text.strip() else None


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _period(q: dict[str, Any]) -> str:
    s, e = q["ref_start_year"], q["ref_end_year"]
    if s is None or e is None:
        return ""
    return str(s) if s == e else f"{s}-{e}"


def _field_checks(e: dict[str, str], q: dict[str, Any]) -> dict[str, bool]:
    from xindu_plan.chinese.quantities import split_unit

    indicators = {_SPACE.sub("", s) for s in e["indicator"].split("|")}
    unit = split_unit(q["unit"] or "")[1].replace("％", "%")
    expected_unit = e["unit"].replace("％", "%")
    return {
        "kind": q["kind"] == e["kind"],
        "indicator": _SPACE.sub("", q["indicator"] or "") in indicators,
        "amount": _same(_base(q), _expected_base(e["amount"], expected_unit)),
        "unit": unit == expected_unit or (q["base_unit"] is not None and q["base_unit"] == _base_unit(expected_unit)),
        "comparator": (q["comparator"] or "") == e["comparator"],
        "range": _same(_amount(q, "low"), _num(e["low"])) and _same(_amount(q, "high"), _num(e["high"])),
        "period": _period(q) == e["period"],
    }


def evaluate(
    documents: dict[str, Any] | None = None,
    evaluation: Iterable[dict[str, str]] | None = None,
    in_full: Iterable[str] | None = None,
) -> Result:
    """Score the reader on the evaluation set; see the module's docstring.

    ``in_full`` names the documents annotated in full (by default those of
    ``annotated_in_full.csv``); when the documents are not given, a listed name that is
    neither the article nor a corpus document is reported as malformed.
    """
    from xindu_plan.base.values import plain_records

    evaluation = list(evaluation if evaluation is not None else rows())
    in_full = frozenset(in_full if in_full is not None else annotated_in_full())
    docs = documents or _documents([*(r.get("document") or "" for r in evaluation), *in_full])
    result = Result()
    for name in sorted(in_full - set(docs) if documents is None else ()):
        result.malformed.append(f"{COMPLETE.name}: document {name!r} is neither the article nor a corpus document")
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    for n, e in enumerate(evaluation, start=1):
        problem = malformed(e, docs)
        if problem is not None:
            result.malformed.append(f"{e.get('_file', 'row')} {e.get('_line', n)}: {problem}")
            continue
        by_doc[e["document"]].append(e)
    for name, evals in by_doc.items():
        doc = docs[name]
        quantities = plain_records(doc.quantities)
        for q in quantities:
            if q["indicator"] in JUNK_INDICATORS:
                result.junk.append(f"{name} {q['quantity_id']}: {q['written']} indicator {q['indicator']!r}")
            if q["kind"] == "target" and q["indicator"] in JUNK_INDICATORS | PEOPLE | GENERIC | {""}:
                result.junk_targets.append(f"{name} {q['quantity_id']}: {q['written']} indicator {q['indicator']!r}")
        squeezed, index = _squeeze(doc.text)
        matched: dict[str, tuple[dict[str, str], dict[str, bool]]] = {}
        regions: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for e in evals:
            context = _SPACE.sub("", e["context"]).translate(_MARKS)
            at = squeezed.find(context)
            if at < 0:
                result.misses.append(f"{name}: context not found {e['context']!r}")
                continue
            a, b = index[at], index[at + len(context) - 1] + 1
            regions[e["section"]].append((a, b))
            candidates = [q for q in quantities if a <= q["number_start"] < b and q["quantity_id"] not in matched]
            amounts = (_num(e["amount"]), _num(e["low"]), _num(e["high"]))
            best = next(
                (
                    q
                    for q in candidates
                    if (_same(_amount(q), amounts[0]) or _same(_base(q), _expected_base(e["amount"], e["unit"])))
                    and _same(_amount(q, "low"), amounts[1])
                ),
                None,
            )
            if best is None and len(candidates) == 1 and e["amount"] == "" and e["low"] == "":
                best = candidates[0]
            groups = [e["kind"]]
            if e["section"] == "main_targets":
                groups.append("main_targets")
            if (
                e["section"] == "review"
                and e["kind"] == "result"
                and e["period"] == str((doc.metadata["year"] or 0) - 1)
            ):
                groups.append("past_year_results")
            for g in groups:
                result.groups[g].eval_rows += 1
            if best is None:
                result.misses.append(f"{name} [{e['kind']}] missed {e['as_written']!r} in {e['context']!r}")
                continue
            checks = _field_checks(e, best)
            matched[best["quantity_id"]] = (e, checks)
            for f_, ok in checks.items():
                result.fields[f_][0] += ok
                result.fields[f_][1] += 1
            wrong = [f_ for f_, ok in checks.items() if not ok]
            for g in groups:
                result.groups[g].found += checks["kind"]
                result.groups[g].strict_found += not wrong
            if wrong:
                got = {f_: best.get(f_) for f_ in ("kind", "indicator", "value", "unit", "comparator", "low", "high")}
                got["period"] = _period(best)
                result.misses.append(
                    f"{name} {e['as_written']!r}: wrong {', '.join(wrong)}; read {got}; "
                    f"expected kind={e['kind']} indicator={e['indicator']!r} amount={e['amount']} unit={e['unit']} "
                    f"comparator={e['comparator']} period={e['period']}"
                )
        # precision: the reader's rows inside the annotated stretches
        spans: list[tuple[int, int]] = []
        for section, places in regions.items():
            if section in ("main_targets", "review", "plan_goals"):
                spans.append((min(a for a, _ in places), max(b for _, b in places)))
            else:
                for a, _ in places:
                    p = doc.paragraphs[(doc.paragraphs["start"] <= a) & (doc.paragraphs["end"] >= a)]
                    spans.extend(zip(p["start"].tolist(), p["end"].tolist(), strict=True))
        if name in in_full:
            spans = [(0, len(doc.text))]
        main = (
            [(min(a for a, _ in regions["main_targets"]), max(b for _, b in regions["main_targets"]))]
            if regions["main_targets"]
            else []
        )
        for q in quantities:
            if not any(a <= q["number_start"] < b for a, b in spans):
                continue
            hit = matched.get(q["quantity_id"])
            groups = [q["kind"]]
            if any(a <= q["number_start"] < b for a, b in main):
                groups.append("main_targets")
            if q["kind"] == "result" and q["ref_start_year"] == q["ref_end_year"] == (doc.metadata["year"] or 0) - 1:
                groups.append("past_year_results")
            for g in groups:
                result.groups[g].reader_rows += 1
                if hit is not None and hit[1]["kind"]:
                    result.groups[g].correct += 1
                    result.groups[g].strict_correct += all(hit[1].values())
            if hit is None:
                result.misses.append(f"{name} extra [{q['kind']}] {q['written']!r} indicator {q['indicator']!r}")
    return result


def report(result: Result) -> str:
    """The scores as a plain-text table."""
    lines = [f"{'group':<18} {'P':>6} {'R':>6} {'P strict':>9} {'R strict':>9} {'eval':>5} {'reader':>6}"]
    for g in ("main_targets", "past_year_results", "target", "result", "plan_target", "other"):
        s = result.groups.get(g, Scores())
        lines.append(
            f"{g:<18} {s.precision:6.2f} {s.recall:6.2f} {s.strict_precision:9.2f} {s.strict_recall:9.2f} "
            f"{s.eval_rows:5d} {s.reader_rows:6d}"
        )
    lines.append("")
    lines.append("field agreement over matched rows:")
    for f_ in FIELDS:
        ok, n = result.fields.get(f_, [0, 0])
        lines.append(f"  {f_:<11} {ok / n if n else math.nan:5.2f}  ({ok}/{n})")
    lines.append(f"rows with a junk indicator: {len(result.junk)}")
    lines.append(f"evaluation rows malformed, not scored: {len(result.malformed)}")
    lines.append("")
    lines.append("goals:")
    for name, value, least, met in result.goals():
        shown = f"{value:5.0f}" if name.startswith("target rows") else f"{value:5.2f}"
        bound = "= 0" if name.startswith("target rows") else f">= {least:.2f}"
        lines.append(f"  {name:<34} {shown}  (goal {bound}: {'met' if met else 'NOT MET'})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss, wrong field and extra row")
    args = parser.parse_args()
    result = evaluate()
    print(report(result))
    if args.misses:
        print()
        print("\n".join(result.malformed + result.misses + result.junk + result.junk_targets))


if __name__ == "__main__":
    main()
