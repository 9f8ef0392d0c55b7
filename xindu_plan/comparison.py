"""Compare the Xindu plan with a later plan document, or two documents with each other.

:func:`compare` answers the transmission question for one pair ``a`` → ``b``
(``a`` the earlier text, usually the plan; ``b`` a later outline, proposal or work
report parsed with :func:`xindu_plan.parse`). It returns a :class:`Comparison`
holding four pandas DataFrames, each described column by column in
:data:`COLUMNS`:

``passages``
    For each unit of ``a`` (a measure of the plan, or a body paragraph of a
    document), the ``top`` most similar body paragraphs of ``b``. Similarity is
    BM25+ (Lv and Zhai 2011, the Okapi BM25 of Robertson and Zaragoza 2009 with
    a lower bound that keeps idf positive in documents of few paragraphs;
    ``rank_bm25.BM25Plus`` with its defaults k1 = 1.5, b = 0.75, δ = 1) over jieba
    tokens in search mode (``lcut_for_search``: 制造业 also yields 制造); the query is the unit's
    tokens with those of its lead phrase counted twice, since the lead names the
    unit's subject. The plan's quoted terms,
    entity names and aliases are added to jieba's dictionary so they stay whole;
    tokens of one character, and tokens with neither a Chinese character nor a
    Latin letter, are dropped. Passages sharing no token are not listed.
    ``keywords`` lists the shared tokens by idf.
``terms``
    Every quoted term of either side (the plan's curated ``terms`` table, or the
    “…” quotations of a document), counted quoted and unquoted on both sides,
    with its status: ``continued`` (found in ``b`` in any form), ``dropped``
    (a term of ``a`` absent from ``b``) or ``new`` (quoted in ``b``, absent from ``a``).
``targets``
    Pairs of numeric targets that measure the same thing: the same base unit and
    indicators similar by :class:`difflib.SequenceMatcher` ratio (at least
    ``PAIR_THRESHOLD``), paired one to one, best first (among equals: the same
    comparator, then stated commitments before reported outcomes); with both
    values in base units and the difference ``b − a``.
``summary``
    For each pillar of ``a`` (a section of the plan; a level-1 heading of a
    document): units, units whose best passage shares at least ``MIN_SHARED``
    keywords, the share of the pillar's distinct tokens found in ``b``'s body paragraphs,
    and its quoted terms continued in ``b``.

Every table's first column is ``document``, the name of ``b``, so the tables of
many comparisons stack (:func:`compare_many`).

>>> from xindu_plan import load, parse
>>> later = parse("一、疫情防控\\n抓好常态化疫情防控。\\n二、改革\\n深化“放管服”改革。", name="later")
>>> result = compare(load(), later)
>>> best = result.passages[result.passages["rank"] == 1].set_index("unit_id")
>>> best.loc["M19", "passage_id"], best.loc["M09", "passage_id"]
('P02', 'P04')
>>> result.terms.set_index("term").loc["放管服", "status"]
'continued'
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._atomic import write_atomically
from ._values import is_missing, plain, plain_records, rows
from .errors import XinduPlanError
from .reader import Document, parse, read_document

if TYPE_CHECKING:
    import pandas as pd
    from jieba import Tokenizer

    from .plan import Plan

__all__ = [
    "COLUMNS",
    "MIN_SHARED",
    "PAIR_THRESHOLD",
    "CompareError",
    "Comparison",
    "compare",
    "compare_many",
    "concat",
]

#: Keywords a unit's best passage must share with it for the unit to count as matched.
MIN_SHARED = 3
#: Least SequenceMatcher ratio of two indicators for their targets to be paired.
PAIR_THRESHOLD = 0.5
_TOP = 3
_KEEP = re.compile(r"[\u3400-\u9fffA-Za-z]")

#: The tables of a :class:`Comparison`: column → description, in column order.
COLUMNS: dict[str, dict[str, str]] = {
    "passages": {
        "document": "Name of the other document (b).",
        "unit_id": "The unit of a: a measure id of the plan (M01…) or a paragraph id of a document.",
        "unit_label": "The unit's lead phrase (a measure's lead; a paragraph's lead or opening).",
        "group_id": "The unit's pillar: a section id of the plan, or the paragraph id of its level-1 heading.",
        "rank": "1 for the best-matching passage of b, then 2, 3 ….",
        "passage_id": "The matching body paragraph of b.",
        "heading": "The level-1 heading b's passage stands under, if any.",
        "score": "BM25+ score of the passage for the unit's tokens (higher is more similar; comparable within one b).",
        "shared": "Number of distinct tokens the unit and the passage share.",
        "keywords": "The shared tokens, most distinctive (highest idf) first, separated by |.",
        "start": "Start of the passage in b's cleaned text.",
        "end": "End of the passage in b's cleaned text.",
        "text": "The passage.",
    },
    "terms": {
        "document": "Name of the other document (b).",
        "term": "The quoted term or slogan.",
        "term_id": "The plan's term id (Q01…) when the term comes from the plan's curated terms.",
        "quoted_in": "Where it is quoted: a, b or both.",
        "a_quoted": "Occurrences in a written within “…”.",
        "a_unquoted": "Other occurrences in a (as a substring; not counted for one-character terms).",
        "b_quoted": "Occurrences in b written within “…”.",
        "b_unquoted": "Other occurrences in b.",
        "status": "continued (in a and found in b), dropped (in a, absent from b) or new (quoted in b, absent from a).",
    },
    "targets": {
        "document": "Name of the other document (b).",
        "a_target_id": "The target of a.",
        "a_indicator": "What a's target measures.",
        "a_value_base": "a's value in base units.",
        "b_target_id": "The paired target of b.",
        "b_indicator": "What b's target measures.",
        "b_value_base": "b's value in base units.",
        "base_unit": "The base unit both values are in.",
        "a_comparator": "a's comparator (at_least, at_most, about, …), if any.",
        "b_comparator": "b's comparator, if any.",
        "a_change": "a's direction of change (increase, decrease), if any.",
        "b_change": "b's direction of change, if any.",
        "a_period": "a's period as written (全年, 到2025年 …), if any.",
        "b_period": "b's period as written, if any.",
        "similarity": "SequenceMatcher ratio of the two indicators (0–1).",
        "difference": "b's value minus a's, in base units.",
    },
    "summary": {
        "document": "Name of the other document (b).",
        "group_id": "The pillar of a: a section id of the plan, or the paragraph id of a level-1 heading.",
        "group_label": "The pillar's theme (plan) or heading (document).",
        "units": "Units of a in the pillar.",
        "units_matched": f"Units whose best passage in b shares at least {MIN_SHARED} keywords.",
        "vocabulary_share": "Share of the pillar's distinct tokens found in b's body paragraphs (0–1).",
        "terms": "Quoted terms of a first quoted within the pillar.",
        "terms_continued": "Of those, the ones found in b.",
    },
}


class CompareError(XinduPlanError, ValueError):
    """Raised when something given to :func:`compare` or :func:`compare_many` is not a document."""


@dataclass(frozen=True, slots=True)
class _Unit:
    unit_id: str
    label: str
    group_id: str | None
    group_label: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Side:
    name: str
    text: str
    units: tuple[_Unit, ...]
    groups: tuple[tuple[str | None, str | None, int, int], ...]  # id, label, start, end
    terms: tuple[tuple[str, str | None], ...]  # term, term id
    targets: pd.DataFrame


@dataclass(frozen=True)
class Comparison:
    """The comparison of ``a`` with ``b``: four tables described in :data:`COLUMNS`."""

    a: str
    b: str
    passages: pd.DataFrame
    terms: pd.DataFrame
    targets: pd.DataFrame
    summary: pd.DataFrame

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The four tables by name."""
        return {name: getattr(self, name) for name in COLUMNS}

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data: its method and every table as records."""
        return {
            "a": self.a,
            "b": self.b,
            "method": _method(),
            **{name: plain_records(frame) for name, frame in self.tables.items()},
        }

    def to_json(self) -> str:
        """Return :meth:`to_dict` as a JSON string (UTF-8 characters kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_markdown(self, excerpt: int = 40) -> str:
        """Return a Markdown report: summary, best passage per unit, terms, targets."""
        out = [f"# {self.a} compared with {self.b}", "", _method()["retrieval"], ""]
        out += ["## Coverage of each pillar", "", _markdown(self.summary, list(COLUMNS["summary"])), ""]
        best = self.passages[self.passages["rank"] == 1].copy()
        best["text"] = [t if len(t) <= excerpt else t[:excerpt] + "…" for t in best["text"]]
        columns = ["document", "unit_id", "unit_label", "passage_id", "score", "keywords", "text"]
        out += ["## Best passage for each unit", "", _markdown(best, columns), ""]
        for status in ("continued", "dropped", "new"):
            rows = self.terms[self.terms["status"] == status]
            listed = "、".join(dict.fromkeys(rows["term"])) or "none"
            out += [f"## Terms {status} ({rows['term'].nunique()})", "", listed, ""]
        out += ["## Paired targets", "", _markdown(self.targets, list(COLUMNS["targets"])), ""]
        return "\n".join(out)

    def write_csv(self, folder: Path, overwrite: bool = False) -> Path:
        """Write one CSV per table into a new ``folder``, atomically, with the marker ``.xindu-plan.json``.

        ``overwrite`` replaces only a folder this method wrote (one carrying the marker).

        Raises:
            CompareError: ``folder`` exists (without ``overwrite``) or is not ours to
                replace, is a protected folder, or cannot be written.
        """

        def write(target: Path) -> None:
            target.mkdir()
            for name, frame in self.tables.items():
                frame.to_csv(target / f"{name}.csv", index=False)

        return write_atomically(Path(folder), write, overwrite=overwrite, error=CompareError, folder=True)


def _method() -> dict[str, Any]:
    return {
        "retrieval": (
            "Passages ranked by BM25+ (rank_bm25.BM25Plus, k1=1.5, b=0.75, delta=1) over jieba "
            "search-mode tokens of two or more characters, with the plan's terms and entity names "
            "in jieba's dictionary; a unit's lead phrase counts twice."
        ),
        "min_shared": MIN_SHARED,
        "pair_threshold": PAIR_THRESHOLD,
    }


def _markdown(frame: pd.DataFrame, columns: list[str]) -> str:
    def cell(value: Any) -> str:
        value = plain(value)
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:.4g}"
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows(frame[columns])]
    return "\n".join(lines) if len(frame) else "(none)"


# --- the two kinds of side -------------------------------------------------


def _plan_side(plan: Plan) -> _Side:
    text = plan.text
    themes = dict(zip(plan.sections["section_id"], plan.sections["theme"], strict=True))
    units = tuple(
        _Unit(
            str(m.measure_id),
            str(m.lead),
            str(m.section_id),
            themes[m.section_id],
            int(m.start),
            int(m.end),
            text[int(m.start) : int(m.end)],
        )
        for m in rows(plan.measures)
    )
    groups = []
    for s in rows(plan.sections):
        inside = [u for u in units if u.group_id == s.section_id]
        end = max((u.end for u in inside), default=int(s.end))
        groups.append((str(s.section_id), str(s.theme), int(s.start), end))
    terms = tuple((str(t), str(i)) for i, t in zip(plan.terms["term_id"], plan.terms["term"], strict=True))
    return _Side(plan.records.document.document_id, text, units, tuple(groups), terms, plan.targets)


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
    return _Side(doc.name, text, tuple(units), tuple(groups), terms, doc.targets)


def _side(x: object, what: str) -> _Side:
    from .plan import Plan

    if isinstance(x, Plan):
        return _plan_side(x)
    if isinstance(x, Document):
        return _document_side(x)
    raise CompareError(
        f"compare() takes a Plan or a Document as {what}, not {type(x).__name__}; "
        "parse text with xindu_plan.parse() first"
    )


# --- tokens ----------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _tokenizer(words: tuple[str, ...]) -> Tokenizer:
    import logging

    import jieba

    jieba.setLogLevel(logging.ERROR + 1)  # its messages are not the user's concern
    tokenizer = jieba.Tokenizer()
    # No dictionary cache: jieba's lives in the shared temporary folder, where anyone
    # can plant one, and is read with marshal unchecked; loading it takes as long as
    # building the prefix dictionary from jieba's own file (about half a second).
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tokenizer.initialized = True
    for word in words:
        tokenizer.add_word(word)
    return tokenizer


def _dictionary(*xs: object) -> tuple[str, ...]:
    from .plan import Plan

    words: set[str] = set()
    for x in xs:
        if isinstance(x, Plan):
            words.update(str(t) for t in x.terms["term"])
            words.update(str(n) for n in x.entities["name"])
            for aliases in x.entities["aliases"].dropna():
                words.update(a for a in str(aliases).split("|") if a)
    return tuple(sorted(words))


def _tokens(tokenizer: Tokenizer, text: str) -> list[str]:
    return [w for w in tokenizer.lcut_for_search(text) if len(w) >= 2 and _KEEP.search(w)]


@functools.lru_cache(maxsize=1024)
def _unit_tokens(words: tuple[str, ...], text: str, label: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A unit's query (its lead counted twice) and its vocabulary, memoised: the plan's
    units are tokenised once however many documents they are compared with."""
    tokenizer = _tokenizer(words)
    body = _tokens(tokenizer, text)
    return tuple(body + _tokens(tokenizer, label)), frozenset(body)


# --- the four tables -------------------------------------------------------


def compare(a: Plan | Document, b: Plan | Document, *, top: int = _TOP) -> Comparison:
    """Compare ``a`` (usually the plan) with a later document ``b``.

    Args:
        a: the earlier text: the :class:`~xindu_plan.plan.Plan` or a parsed Document.
        b: the later text, usually a :class:`~xindu_plan.reader.Document`.
        top: passages of ``b`` kept for each unit of ``a``.

    Raises:
        CompareError: ``a`` or ``b`` is neither a Plan nor a Document, or ``top`` < 1.
    """
    if not isinstance(top, int) or top < 1:
        raise CompareError(f"top must be a whole number of at least 1, not {top!r}")
    sa, sb = _side(a, "a"), _side(b, "b")
    words = _dictionary(a, b)
    tokenizer = _tokenizer(words)
    corpus = [_tokens(tokenizer, u.text) for u in sb.units]
    passages, matched = _passages(sa, sb, words, corpus, top)
    terms = _terms(sa, sb)
    summary = _summary(sa, sb, words, matched, terms, {w for tokens in corpus for w in tokens})
    return Comparison(sa.name, sb.name, passages, terms, _targets(sa, sb), summary)


def _frame(name: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=list(COLUMNS[name]))


def _passages(
    sa: _Side, sb: _Side, words: tuple[str, ...], corpus: list[list[str]], top: int
) -> tuple[pd.DataFrame, set[str]]:
    import numpy as np
    from rank_bm25 import BM25Plus

    rows: list[dict[str, Any]] = []
    matched: set[str] = set()
    if not any(corpus):
        return _frame("passages", rows), matched
    bm25 = BM25Plus(corpus)
    vocabularies = [set(tokens) for tokens in corpus]
    for unit in sa.units:
        query = list(_unit_tokens(words, unit.text, unit.label)[0])
        if not query:
            continue
        scores = bm25.get_scores(query)
        terms = set(query)
        order = [int(i) for i in np.argsort(-scores, kind="stable") if terms & vocabularies[int(i)]][:top]
        for rank, i in enumerate(order, start=1):
            passage = sb.units[i]
            shared = sorted(terms & vocabularies[i], key=lambda w: (-bm25.idf.get(w, 0.0), w))
            if rank == 1 and len(shared) >= MIN_SHARED:
                matched.add(unit.unit_id)
            rows.append(
                {
                    "document": sb.name,
                    "unit_id": unit.unit_id,
                    "unit_label": unit.label,
                    "group_id": unit.group_id,
                    "rank": rank,
                    "passage_id": passage.unit_id,
                    "heading": passage.group_label,
                    "score": round(float(scores[i]), 6),
                    "shared": len(shared),
                    "keywords": "|".join(shared[:8]),
                    "start": passage.start,
                    "end": passage.end,
                    "text": passage.text,
                }
            )
    return _frame("passages", rows), matched


def _occurrences(text: str, term: str) -> tuple[int, int]:
    quoted = text.count(f"“{term}”")
    if len(term) < 2:  # a single character unquoted is part of other words (清 in 清理)
        return quoted, 0
    return quoted, text.count(term) - quoted


def _terms(sa: _Side, sb: _Side) -> pd.DataFrame:
    ids: dict[str, str | None] = {}
    origin: dict[str, set[str]] = {}
    for side, label in ((sa, "a"), (sb, "b")):
        for term, term_id in side.terms:
            ids.setdefault(term, term_id)
            origin.setdefault(term, set()).add(label)
    rows = []
    for term, where in origin.items():
        aq, au = _occurrences(sa.text, term)
        bq, bu = _occurrences(sb.text, term)
        in_a, in_b = aq + au > 0, bq + bu > 0
        status = "continued" if in_a and in_b else "dropped" if in_a else "new"
        rows.append(
            {
                "document": sb.name,
                "term": term,
                "term_id": ids[term],
                "quoted_in": "both" if len(where) == 2 else next(iter(where)),
                "a_quoted": aq,
                "a_unquoted": au,
                "b_quoted": bq,
                "b_unquoted": bu,
                "status": status,
            }
        )
    return _frame("terms", rows)


def _targets(sa: _Side, sb: _Side) -> pd.DataFrame:
    candidates = []
    a_rows, b_rows = plain_records(sa.targets), plain_records(sb.targets)
    for i, ta in enumerate(a_rows):
        for j, tb in enumerate(b_rows):
            if ta["base_unit"] != tb["base_unit"] or not ta["indicator"] or not tb["indicator"]:
                continue
            ratio = difflib.SequenceMatcher(None, ta["indicator"], tb["indicator"], autojunk=False).ratio()
            if ratio >= PAIR_THRESHOLD:
                # ties: the same comparator first, then commitments (with a comparator) before outcomes
                unlike = ta["comparator"] != tb["comparator"]
                bare = (ta["comparator"] is None) + (tb["comparator"] is None)
                candidates.append((-ratio, unlike, bare, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    rows = []
    for negative, _, _, i, j in sorted(candidates):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        ta, tb = a_rows[i], b_rows[j]
        rows.append(
            {
                "document": sb.name,
                "a_target_id": ta["target_id"],
                "a_indicator": ta["indicator"],
                "a_value_base": ta["value_base"],
                "b_target_id": tb["target_id"],
                "b_indicator": tb["indicator"],
                "b_value_base": tb["value_base"],
                "base_unit": ta["base_unit"],
                "a_comparator": ta["comparator"],
                "b_comparator": tb["comparator"],
                "a_change": ta["change"],
                "b_change": tb["change"],
                "a_period": ta["period"],
                "b_period": tb["period"],
                "similarity": round(-negative, 6),
                "difference": tb["value_base"] - ta["value_base"],
            }
        )
    rows.sort(key=lambda r: _natural(r["a_target_id"]))
    return _frame("targets", rows)


def _natural(key: str) -> tuple[str, int]:
    m = re.match(r"(\D*)(\d+)$", key)
    return (m[1], int(m[2])) if m else (key, 0)


def _summary(
    sa: _Side, sb: _Side, words: tuple[str, ...], matched: set[str], terms: pd.DataFrame, b_tokens: set[str]
) -> pd.DataFrame:
    status = dict(zip(terms["term"], terms["status"], strict=True))
    rows = []
    for group_id, label, start, end in sa.groups:
        units = [u for u in sa.units if u.group_id == group_id]
        vocabulary = set().union(*(_unit_tokens(words, u.text, u.label)[1] for u in units))
        first_quoted = [t for t, _ in sa.terms if _first_quote(sa.text, t) in range(start, end)]
        rows.append(
            {
                "document": sb.name,
                "group_id": group_id,
                "group_label": label,
                "units": len(units),
                "units_matched": sum(u.unit_id in matched for u in units),
                "vocabulary_share": round(len(vocabulary & b_tokens) / len(vocabulary), 6) if vocabulary else None,
                "terms": len(first_quoted),
                "terms_continued": sum(status.get(t) == "continued" for t in first_quoted),
            }
        )
    return _frame("summary", rows)


def _first_quote(text: str, term: str) -> int:
    at = text.find(f"“{term}”")
    return at if at >= 0 else text.find(term)


# --- many documents --------------------------------------------------------


def _documents(items: Iterable[str | Path | Document]) -> Iterator[Document]:
    for n, item in enumerate(items, start=1):
        if isinstance(item, Document):
            yield item
        elif isinstance(item, Path):
            yield parse(read_document(item), name=item.stem)
        elif isinstance(item, str):
            yield parse(item, name=f"document-{n}")
        else:
            raise CompareError(
                f"item {n} of documents is a {type(item).__name__}; "
                "give paths (pathlib.Path), texts (str) or parsed Documents"
            )


def compare_many(
    documents: Iterable[str | Path | Document],
    plan: Plan | Document | None = None,
    *,
    top: int = _TOP,
    progress: bool | Callable[[Iterable[Document]], Iterable[Document]] = True,
) -> Comparison:
    """Compare the plan with many documents, one at a time, into one long table per kind.

    Documents are read, parsed and compared one after another and then dropped,
    so memory holds one document and the growing result tables. Nothing is shared
    between documents, so the same call runs unchanged on chunks of the list under
    a parallel engine; see the book's chapter on scale::

        from multiprocessing import Pool
        with Pool() as pool:
            parts = pool.map(compare_many, [paths[i::4] for i in range(4)])
        result = concat(parts)

    Args:
        documents: paths (``pathlib.Path``, read in UTF-8, GB18030 or Big5), texts
            (``str``, named ``document-1`` …) or parsed Documents, in any iterable,
            generators included.
        plan: the ``a`` side (default: the packaged plan, loaded once).
        top: passages kept per unit.
        progress: show a tqdm progress bar on standard error (True), none (False),
            or a wrapper of your own.

    Raises:
        ParseError: a path cannot be read; the message names it.
        CompareError: an item is neither a path, a text nor a Document.
    """
    import pandas as pd

    if plan is None:
        from .plan import load

        plan = load()
    stream: Iterable[Document] = _documents(documents)
    if progress is True:
        from tqdm import tqdm

        stream = tqdm(stream, desc="compare", unit="doc")
    elif callable(progress):
        stream = progress(stream)
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in COLUMNS}
    names = []
    for doc in stream:
        result = compare(plan, doc, top=top)
        names.append(result.b)
        for name, frame in result.tables.items():
            parts[name].append(frame)
        del doc, result  # hold no document while the next one is read
    a = _side(plan, "plan").name
    tables = {
        name: pd.concat(frames, ignore_index=True) if frames else _frame(name, []) for name, frames in parts.items()
    }
    return Comparison(a, f"{len(names)} documents", **tables)


def concat(parts: Iterable[Comparison]) -> Comparison:
    """Stack comparisons of the same ``a`` (e.g. the parts computed by parallel workers)."""
    import pandas as pd

    parts = list(parts)
    if not parts:
        raise CompareError("concat() needs at least one comparison")
    tables = {name: pd.concat([getattr(p, name) for p in parts], ignore_index=True) for name in COLUMNS}
    count = sum(len(set(p.summary["document"])) for p in parts)
    return Comparison(parts[0].a, f"{count} documents", **tables)
