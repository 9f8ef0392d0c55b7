"""Citations (xindu_plan/dataset/citation.py): every format read back by a strict parser of that format."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
import yaml

import xindu_plan
from xindu_plan.cli import main
from xindu_plan.dataset.citation import FORMATS, CitationError, cite, csl_items, zenodo

from .conftest import ROOT

PROFILES = Path(__file__).parent / "profiles"


def test_bibtex_parses_into_two_complete_entries_and_nothing_else(plan):
    library = bibtexparser.parse_string(cite("bibtex"))
    # a brace closing an entry early leaves the rest as an implicit comment: none allowed
    assert [type(b).__name__ for b in library.blocks] == ["Entry", "Entry"]
    assert library.failed_blocks == []
    dataset, article = library.entries
    assert dataset.entry_type == "dataset" and article.entry_type == "misc"
    fields = dataset.fields_dict
    assert fields["version"].value == plan.version
    assert plan.content_hash in fields["note"].value
    assert fields["author"].value == "{xindu-plan contributors}"
    assert article.fields_dict["author"].value == "Xu, Xingguo"


def test_ris_reads_back_as_a_dataset_and_a_generic_work(plan):
    text = cite("ris")
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in text.splitlines() if line)
    dataset, article = rispy.loads(text)
    assert dataset["type_of_reference"] == "DATA" and dataset["edition"] == plan.version
    assert plan.content_hash in dataset["notes"][0]
    assert article["type_of_reference"] == "GEN" and article["authors"] == ["Xu, Xingguo"]
    assert rispy.loads(rispy.dumps([dataset, article])) == [dataset, article]


def test_csl_json_is_accepted_by_citeproc_without_a_warning(plan):
    from citeproc.source.json import CiteProcJSON

    items = json.loads(cite("csl-json"))
    assert items == csl_items()
    assert [i["type"] for i in items] == ["dataset", "document"]
    assert items[0]["version"] == plan.version and items[1]["author"] == [{"family": "Xu", "given": "Xingguo"}]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # citeproc-py warns on every key CSL does not define
        source = CiteProcJSON(items)
    assert set(source) == {i["id"] for i in items}


@pytest.mark.parametrize("fmt", ["apa", "chicago"])
def test_apa_and_chicago_are_rendered_by_citeproc(plan, fmt):
    lines = cite(fmt).splitlines()
    assert len(lines) == 2
    dataset = next(line for line in lines if line.startswith("xindu-plan contributors"))
    assert plan.version in dataset and plan.content_hash[:12] in dataset
    assert any(line.startswith("Xu, X.") for line in lines)


def test_citation_cff_is_valid_under_the_cff_schema():
    schema = json.loads((PROFILES / "cff-1.2.0" / "schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["authors"] == [{"name": "xindu-plan contributors"}]
    assert data["references"][0]["authors"][0]["alias"] == "许兴国"
    broken = dict(data, authors=[{"nickname": "x"}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(broken)


def test_citation_cff_agrees_with_cite():
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == cite("cff")


def test_zenodo_json_agrees_with_the_descriptor(plan):
    data = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert data == zenodo()
    assert data["upload_type"] == "dataset" and data["license"] == "cc-by-4.0" and data["version"] == plan.version
    assert data["description"] == plan.descriptor["description"]
    assert all(r["identifier"].startswith("https://") for r in data["related_identifiers"])
    assert "doi" not in data  # none minted yet: nothing invented


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_cli_and_the_library_give_the_same_citation(fmt, capsys):
    assert main(["cite", "--format", fmt]) == 0
    assert capsys.readouterr().out == cite(fmt) + "\n"


def test_every_format_names_the_version(plan):
    for fmt in FORMATS:
        assert plan.version in cite(fmt), fmt


def test_an_unknown_format_is_refused_and_style_still_works():
    with pytest.raises(CitationError, match="unknown citation format 'mla'"):
        cite("mla")
    with pytest.raises(ValueError):
        cite("mla")
    with pytest.warns(DeprecationWarning):
        assert xindu_plan.cite(style="bibtex") == cite("bibtex")


def test_apa_without_citeproc_names_the_extra(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_citeproc(name, *args, **kwargs):
        if name.startswith("citeproc"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_citeproc)
    with pytest.raises(CitationError, match=r"pip install 'xindu-plan\[cite\]'"):
        cite("apa")


def test_python_dash_m_runs_the_command_line():
    out = subprocess.run(
        [sys.executable, "-m", "xindu_plan", "cite", "--format", "bibtex"], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0 and out.stdout == cite("bibtex") + "\n"
