"""The package-level rules, checked over plain rows: what frictionless cannot express.

One definition of each rule serves :func:`xindu_plan.load` (on the rows of the
files it has just read), ``xindu-plan verify`` (which never imports pandas) and
:func:`xindu_plan.derivation.schemas.package_problems` (on a loaded plan's DataFrames). A
table is a list of dicts, one a row, whose cells are plain Python values and
``None`` where empty (:func:`xindu_plan.dataset.package.read_rows`).

>>> from xindu_plan.dataset.package import descriptor, verify_file
>>> from xindu_plan.base.resources import package_root
>>> root = package_root()
>>> package_problems(contents(descriptor(root), lambda r: verify_file(root, r)))
[]
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence, Sized
from dataclasses import dataclass
from typing import Any, TypeVar

from xindu_plan.base.digest import sha256
from xindu_plan.base.errors import DescriptorError, ValidationError
from xindu_plan.base.tables import CAP_CODES, TABLES, Table
from xindu_plan.dataset.package import read_rows

__all__ = [
    "Contents",
    "contents",
    "derivation_problems",
    "gather",
    "package_problems",
    "problems_message",
    "utf8",
]

#: A table as rows: one dict a row, keyed by column name.
Rows = Sequence[Mapping[str, Any]]
_T = TypeVar("_T", bound=Sized)


@dataclass(frozen=True, slots=True)
class Contents:
    """What the rules look at: every table's rows, the restored text, the raw copy and the descriptor."""

    tables: Mapping[str, Rows]
    text: str
    raw: str
    descriptor: Mapping[str, Any]


def contents(desc: Mapping[str, Any], read: Callable[[dict[str, Any]], bytes]) -> Contents:
    """Read every table (:func:`~xindu_plan.dataset.package.read_rows`) and the two texts named by ``desc``.

    ``read`` returns a resource's bytes and does the integrity check. No rule is
    checked here.

    Raises:
        DescriptorError: a table the contract names, or a text, has no resource.
        ValidationError: a file cannot be read as the contract says, or
            ``document.csv`` does not hold exactly one row.
    """
    tables, text, raw = gather(desc, read, read_rows)
    return Contents(tables, text, raw, desc)


def gather(
    desc: Mapping[str, Any], read: Callable[[dict[str, Any]], bytes], read_table: Callable[[Table, bytes], _T]
) -> tuple[dict[str, _T], str, str]:
    """Every table named by ``desc``, read by ``read_table`` (as rows or as a DataFrame), and the two texts.

    Raises:
        DescriptorError: a table the contract names, or a text, has no resource.
        ValidationError: a file cannot be read as the contract says, or
            ``document.csv`` does not hold exactly one row.
    """
    by_name = {r.get("name"): r for r in desc["resources"]}
    missing = [name for name in (*(t.name for t in TABLES), "article", "source") if name not in by_name]
    if missing:
        raise DescriptorError(f"datapackage.json has no resource named {', '.join(map(repr, missing))}")
    tables: dict[str, _T] = {}
    for contract in TABLES:
        try:
            tables[contract.name] = read_table(contract, read(by_name[contract.name]))
        except (ValueError, UnicodeDecodeError) as err:
            raise ValidationError(f"{contract.file}: cannot be read as the contract says ({err})") from None
    rows = len(tables["document"])
    if rows != 1:
        raise ValidationError(f"data/document.csv: has {rows} rows, the package describes one article")
    text, raw = (utf8(str(by_name[name]["path"]), read(by_name[name])) for name in ("article", "source"))
    return tables, text, raw


def utf8(path: str, data: bytes) -> str:
    """Decode a text file of the package.

    Raises:
        ValidationError: it is not UTF-8; the message names the file and the byte.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValidationError(f"{path}: not UTF-8 (byte {err.start})") from None


def problems_message(problems: list[str]) -> str:
    """Join the first five problems into one message, counting the rest."""
    return "; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else "")


def _natural(value: Any) -> tuple[tuple[int, int | str], ...]:
    """Sort key reading digit runs as numbers (P05.2 before P05.10)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", str(value)))


def _reads(text: str, start: Any, end: Any, expected: Any) -> bool:
    """Whether ``text[start:end]`` is ``expected`` (False for a missing offset)."""
    return isinstance(start, int) and isinstance(end, int) and text[start:end] == expected


def package_problems(c: Contents) -> list[str]:
    """Return every package-level rule the contents break.

    Spans read their text, foreign keys resolve, primary keys are unique and in
    order, mentions lie inside their sentences and read their term or name, counts
    agree, the coding tables follow from the two codings (their agreement figures
    recomputed, the bootstrap intervals only checked to be ordered: ``validate=True``
    re-derives them; :func:`xindu_plan.dataset.coding.coding_problems`), and everything
    :func:`derivation_problems` checks.
    """
    from xindu_plan.dataset.coding import coding_problems

    problems = derivation_problems(c)  # first: they name the cause, the rest its effects
    text, t = c.text, c.tables
    keys = {table.name: table for table in TABLES}
    for table in TABLES:
        rows = t[table.name]
        first = table.columns[0]
        if {"start", "end", "text"} <= set(table.columns):
            for r in rows:
                if not _reads(text, r["start"], r["end"], r["text"]):
                    problems.append(
                        f"{table.file}: row {r[first]} differs from data/text/article.txt at [{r['start']}, {r['end']})"
                    )
        for fk in table.foreign_keys:
            ref_keys = {tuple(r[c] for c in fk.reference) for r in t[fk.resource]}
            for number, r in enumerate(rows, start=1):
                key = tuple(r[c] for c in fk.fields)
                if None not in key and key not in ref_keys:
                    problems.append(
                        f"{table.file}: row {number}: {', '.join(fk.fields)} {key} is not in {keys[fk.resource].file}"
                    )
        pk = [tuple(r[c] for c in table.primary_key) for r in rows]
        sort_keys = [tuple(_natural(v) for v in key) for key in pk]
        for number, (before, after) in enumerate(itertools.pairwise(sort_keys), start=2):
            if after < before:
                problems.append(
                    f"{table.file}: row {number} is out of primary-key order ({', '.join(table.primary_key)})"
                )
                break
        seen: set[tuple[Any, ...]] = set()
        for key in pk:
            if key in seen:
                problems.append(f"{table.file}: primary key {list(key)} is duplicated")
                break
            seen.add(key)
    sentences = {r["sentence_id"]: (r["start"], r["end"]) for r in t["sentences"]}
    for name in ("term_mentions", "entity_mentions"):
        first = keys[name].columns[0]
        for r in t[name]:
            bounds = sentences.get(r["sentence_id"])
            if bounds is None or not (bounds[0] <= r["start"] and r["end"] <= bounds[1]):
                problems.append(
                    f"{keys[name].file}: row {r[first]} occurrence {r['occurrence']} lies outside "
                    f"sentence {r['sentence_id']}"
                )
    for name, mentions, column in (
        ("terms", "term_mentions", "term_id"),
        ("entities", "entity_mentions", "entity_id"),
    ):
        counts = Counter(r[column] for r in t[mentions] if r[column] is not None)
        for r in t[name]:
            found = counts.get(r[column], 0)
            if found != r["mentions"]:
                problems.append(
                    f"{keys[name].file}: {r[column]} says {r['mentions']} mentions, {keys[mentions].file} has {found}"
                )
    terms = {r["term_id"]: r["term"] for r in t["terms"]}
    for r in t["term_mentions"]:
        if not _reads(text, r["start"], r["end"], terms.get(r["term_id"])):
            problems.append(
                f"data/term_mentions.csv: {r['term_id']} occurrence {r['occurrence']} does not read its term"
            )
    for r in t["entity_mentions"]:
        if not _reads(text, r["start"], r["end"], r["surface"]):
            problems.append(
                f"data/entity_mentions.csv: {r['entity_id']} occurrence {r['occurrence']} "
                f"does not read {r['surface']!r}"
            )
    for r in t["targets"]:
        if not _reads(text, r["indicator_start"], r["indicator_end"], r["indicator"]) or not (
            r["start"] <= r["number_start"] < r["end"]
        ):
            problems.append(f"data/targets.csv: {r['target_id']} spans do not read its indicator and number")
    problems.extend(
        coding_problems(
            t["sentences"], t["topic_codings"], t["topic_agreement"], t["topic_heldout_codings"], intervals=False
        )
    )
    if len(t["sections"]) != 6 or len(t["measures"]) != 21:
        problems.append(
            f"data/measures.csv: {len(t['measures'])} measures in {len(t['sections'])} sections, the text has 21 in 6"
        )
    doc = t["document"][0]
    if not _reads(text, doc["author_start"], doc["author_end"], doc["author"]):
        problems.append("data/document.csv: author does not read the byline span")
    return problems


def derivation_problems(c: Contents) -> list[str]:
    """Return what no longer follows from the raw copy the way ``xindu-plan build`` derives it.

    The restored text is the raw copy restored with the ``repairs`` table's rules;
    the hashes in ``document`` are those of the two texts; every annotation of the
    copy, every quoted expression and every numeric target of the text has its row;
    paragraphs are the lines of the text and their sentences tile them; ``topics``
    holds the CAP major topics. A file edited (and re-hashed) by hand fails here.
    """
    from xindu_plan.chinese.quantities import Frame, find_quantities
    from xindu_plan.chinese.quotes import QUOTE
    from xindu_plan.chinese.text import find_annotations, restored_text
    from xindu_plan.reading.curation import repair_rules

    problems: list[str] = []
    text, raw, t = c.text, c.raw, c.tables
    doc = t["document"][0]
    if sha256(raw) != doc["raw_sha256"]:
        source = next((r["path"] for r in c.descriptor["resources"] if r.get("name") == "source"), "source")
        problems.append(f"{source}: sha256 differs from raw_sha256 in data/document.csv")
    if sha256(text) != doc["text_sha256"]:
        problems.append("data/text/article.txt: sha256 differs from text_sha256 in data/document.csv")
    restored, applied = restored_text(raw, repair_rules(t["repairs"]))
    if restored != text:
        at = next((i for i, (a, b) in enumerate(zip(restored, text, strict=False)) if a != b), len(text))
        problems.append(
            f"data/text/article.txt: differs from the raw copy restored with data/repairs.csv at character {at}"
        )
    if applied != len(t["repairs"]):
        problems.append(f"data/repairs.csv: {len(t['repairs'])} rows, the rules apply {applied} times")
    found = [a.raw_start for a in find_annotations(raw)]
    if found != [r["raw_start"] for r in t["annotations"]]:
        problems.append(
            f"data/annotations.csv: {len(t['annotations'])} rows, the raw copy has {len(found)} annotations"
        )
    quoted = sorted({m.group(1) for m in QUOTE.finditer(text)})
    if quoted != sorted(str(r["term"]) for r in t["terms"]):
        problems.append(f"data/terms.csv: {len(t['terms'])} terms, the text quotes {len(quoted)} distinct expressions")
    year = int(doc["plan_year"])
    spans = [(q.start, q.end) for q in find_quantities(text, year, Frame("year", year, year)) if q.kind == "target"]
    if spans != [(r["start"], r["end"]) for r in t["targets"]]:
        problems.append(f"data/targets.csv: {len(t['targets'])} rows, the text states {len(spans)} targets")
    if len(text.split("\n")) != len(t["paragraphs"]):
        problems.append(
            f"data/paragraphs.csv: {len(t['paragraphs'])} rows, the text has {len(text.split(chr(10)))} lines"
        )
    ends = {r["paragraph_id"]: r["start"] for r in t["paragraphs"]}
    for r in t["sentences"]:
        expected = ends.get(r["paragraph_id"])
        if expected is not None and r["start"] != expected:
            problems.append(f"data/sentences.csv: {r['sentence_id']} does not follow on from the sentence before it")
            break
        ends[r["paragraph_id"]] = r["end"]
    for p in t["paragraphs"]:
        if ends.get(p["paragraph_id"]) != p["end"]:
            problems.append(f"data/sentences.csv: the sentences of {p['paragraph_id']} do not reach its end")
            break
    if sorted(r["cap_code"] for r in t["topics"]) != list(CAP_CODES):
        problems.append(f"data/topics.csv: {len(t['topics'])} rows, the CAP codebook has {len(CAP_CODES)} major topics")
    return problems
