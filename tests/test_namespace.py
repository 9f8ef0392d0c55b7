"""The public namespace: functions and modules do not collide; every table is a DataFrame attribute."""

from __future__ import annotations

import importlib
import types

import pandas as pd

import xindu_plan
from xindu_plan.base.tables import TABLES


def test_public_functions_are_functions_and_modules_are_importable():
    for name in ("compare", "compare_many", "parse", "cite", "load", "verify", "restore"):
        assert callable(getattr(xindu_plan, name)) and not isinstance(getattr(xindu_plan, name), types.ModuleType)
    for module in (
        "analysis.comparison",
        "reading.reader",
        "dataset.citation",
        "dataset.codebook",
        "analysis.export",
        "dataset.plan",
        "base.tables",
    ):
        imported = importlib.import_module(f"xindu_plan.{module}")
        assert isinstance(imported, types.ModuleType)
    import xindu_plan.analysis.comparison as c

    assert c.compare is xindu_plan.compare


def test_no_public_name_is_also_a_submodule():
    import pkgutil

    modules = {m.name for m in pkgutil.iter_modules(xindu_plan.__path__)}
    clashes = [
        n for n in xindu_plan.__all__ if n in modules and not isinstance(getattr(xindu_plan, n), types.ModuleType)
    ]
    assert clashes == []


def test_every_table_is_a_dataframe_attribute_named_after_it(plan):
    for table in TABLES:
        frame = getattr(plan, table.name)
        assert isinstance(frame, pd.DataFrame) and frame is plan.tables[table.name]
    assert plan.records.document.author == plan.document["author"].iloc[0] == "许兴国"
    assert not hasattr(plan, "document_table")
