"""One home for the error types (xindu_plan/base/errors.py), all exported, all raised for bad input."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import xindu_plan
from xindu_plan.base import errors
from xindu_plan.base.tables import table
from xindu_plan.dataset.records import Article, Sentence, Term, record

PACKAGE = Path(xindu_plan.__file__).parent
ERRORS = {name for name, obj in vars(errors).items() if inspect.isclass(obj) and issubclass(obj, Exception)}


def test_every_error_type_is_defined_in_errors_and_exported():
    defined_elsewhere = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and (b.id.endswith("Error") or b.id == "Exception") for b in node.bases
            ):
                defined_elsewhere.append(f"{path.relative_to(PACKAGE)}:{node.name}")
    assert defined_elsewhere == []
    assert sorted(ERRORS) == sorted(errors.__all__)
    assert set(xindu_plan.__all__) >= ERRORS
    for name in ERRORS:
        assert issubclass(getattr(xindu_plan, name), xindu_plan.XinduPlanError)


@pytest.mark.parametrize(
    ("call", "error", "builtin"),
    [
        (lambda plan: xindu_plan.cite("mla"), xindu_plan.CitationError, ValueError),
        (lambda plan: plan.search(" "), xindu_plan.SearchError, ValueError),
        (lambda plan: plan.quote(10, 5), xindu_plan.SpanError, IndexError),
        (lambda plan: plan.offsets.to_raw(0, 10**9), xindu_plan.SpanError, IndexError),
        (lambda plan: plan.section("S9"), xindu_plan.NotFoundError, LookupError),
        (lambda plan: plan.mentions("place", "E01"), xindu_plan.NotFoundError, LookupError),
        (lambda plan: table("nothing"), xindu_plan.NotFoundError, LookupError),
        (lambda plan: xindu_plan.corpus.entry("nothing"), xindu_plan.NotFoundError, LookupError),
        (lambda plan: xindu_plan.parse(b"bytes"), xindu_plan.ParseError, ValueError),
        (lambda plan: xindu_plan.restore(3), xindu_plan.RestorationError, ValueError),
    ],
    ids=["cite", "search", "quote", "offsets", "lookup", "mentions", "table", "corpus", "parse", "restore"],
)
def test_bad_input_raises_the_package_type_and_the_builtin_one(plan, call, error, builtin):
    with pytest.raises(error) as caught:
        call(plan)
    assert isinstance(caught.value, builtin) and isinstance(caught.value, xindu_plan.XinduPlanError)


def test_records_are_built_by_field_name():
    row = {"term_id": "Q01", "term": "十四五", "kind": "plan_period", "gloss_en": "the 14th Five-Year Plan"}
    swapped = dict(reversed(list(row.items())))  # the same cells in another column order
    assert record(Term, table("terms"), swapped, _plan=None) == record(Term, table("terms"), row, _plan=None)
    assert record(Term, table("terms"), row, _plan=None).kind == "plan_period"
    with pytest.raises(xindu_plan.XinduPlanError, match="field term_id is not a column of table entities"):
        record(Term, table("entities"), row, _plan=None)


@pytest.mark.parametrize(
    ("cls", "name"),
    [(Article, "document"), (Sentence, "sentences"), (Term, "terms")],
    ids=["article", "sentence", "term"],
)
def test_record_fields_are_columns_of_their_table(cls, name):
    import dataclasses

    columns = set(table(name).columns)
    assert {f.name for f in dataclasses.fields(cls)} - {"_plan"} <= columns


def test_record_values_are_the_cells_of_their_row(plan):
    doc = plan.records.document
    assert (doc.plan_year, doc.date_latest, doc.author) == (2021, "2021-02-22", "许兴国")
    first = plan.records.sentences.lookup("P05.1")
    row = plan.sentences.set_index("sentence_id").loc["P05.1"]
    assert (first.start, first.end, first.cap_subtopic, first.text) == (
        int(row["start"]),
        int(row["end"]),
        int(row["cap_subtopic"]),
        row["text"],
    )


def test_renamed_names_warn_and_still_work():
    import xindu_plan.dataset.records
    import xindu_plan.derivation.schemas

    with pytest.warns(DeprecationWarning, match="Article"):
        assert xindu_plan.dataset.records.Document is Article
    with pytest.warns(DeprecationWarning, match="pandera_schema"):
        assert xindu_plan.derivation.schemas.schema("terms") is xindu_plan.derivation.schemas.pandera_schema("terms")
