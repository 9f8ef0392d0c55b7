"""The codebook (xindu_plan/dataset/codebook.py): generated from datapackage.json, committed as CODEBOOK.md."""

from __future__ import annotations

import json

from xindu_plan.base.tables import TABLES
from xindu_plan.dataset.codebook import codebook

from .conftest import ROOT


def test_committed_codebook_equals_a_fresh_generation():
    desc = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert (ROOT / "CODEBOOK.md").read_text(encoding="utf-8") == codebook(desc)


def test_every_table_and_column_is_described_with_its_type():
    text = codebook()
    for table in TABLES:
        assert f"\n## {table.name}\n" in text
        for f in table.fields:
            assert f"| `{f.name}` | {f.type} | {'yes' if f.required else 'no'} |" in text, (table.name, f.name)


def test_categories_are_listed_with_their_labels():
    text = codebook()
    assert "Categories of `comparator`:" in text and "| `at_least` | at least the value |" in text
    assert "| `1` | Macroeconomics |" in text


def test_a_pipe_in_a_description_does_not_break_its_row():
    # entities.aliases: "separated by |"
    row = next(line for line in codebook().splitlines() if line.startswith("| `aliases`"))
    assert row.count(" | ") == 4 and "\\|" in row


def test_the_codebook_follows_the_descriptor_not_the_code():
    desc = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    desc["resources"][0]["schema"]["fields"][0]["description"] = "A changed description."
    assert "A changed description." in codebook(desc)
