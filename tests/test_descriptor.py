"""datapackage.json: valid under the official Data Package 2.0 schema and frictionless, credit, categories, identity."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from xindu_plan.base.tables import TABLES
from xindu_plan.derivation.build import BuildError, build, build_files

from .conftest import ROOT

PROFILES = Path(__file__).parent / "profiles"


@pytest.fixture(scope="module")
def desc() -> dict:
    return json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


def _v2_errors(descriptor: dict) -> list[str]:
    schema = json.loads((PROFILES / "datapackage-2.0" / "datapackage.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(descriptor)]


def test_valid_under_the_official_v2_schema(desc):
    assert _v2_errors(desc) == []
    assert desc["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert "profile" not in desc


def test_the_v2_schema_does_reject_a_v1_file_resource(desc):
    broken = json.loads(json.dumps(desc))
    broken["resources"][-1]["type"] = "file"
    assert any("'file' is not one of" in e for e in _v2_errors(broken))


def test_frictionless_validates_the_package():
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(ROOT / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "message"])[:5]


def test_the_dataset_is_credited_to_its_makers_and_the_article_to_its_author(desc):
    assert desc["contributors"] == [{"title": "xindu-plan contributors", "roles": ["creator"]}]
    assert all("role" not in c for c in desc["contributors"])
    article = desc["sources"][0]
    assert article["authors"][0]["title"] == "许兴国 (Xu Xingguo)"
    assert "许兴国" in article["rights"] and article["path"].startswith("data/source/")


def test_no_identifier_is_invented(desc):
    # data/curation/dataset.toml has no DOI and no address yet
    assert "id" not in desc and "homepage" not in desc


def test_coded_fields_carry_labelled_categories(desc):
    fields = {(r["name"], f["name"]): f for r in desc["resources"] if "schema" in r for f in r["schema"]["fields"]}
    coded = {key for key, f in fields.items() if "categories" in f}
    assert coded == {
        ("paragraphs", "kind"),
        ("topics", "cap_code"),
        ("sentences", "cap_code"),
        ("sentences", "cap_subtopic"),
        ("topic_codings", "coder_1_subtopic"),
        ("topic_codings", "coder_2_subtopic"),
        ("topic_heldout_codings", "coder_1_subtopic"),
        ("topic_heldout_codings", "coder_2_subtopic"),
        ("targets", "comparator"),
        ("targets", "change"),
        ("terms", "kind"),
        ("entities", "type"),
    }
    for key in coded:
        f = fields[key]
        assert all(set(c) == {"value", "label"} and c["label"] for c in f["categories"]), key
        if "enum" in f.get("constraints", {}):
            assert [c["value"] for c in f["categories"]] == f["constraints"]["enum"], key
    cap = {c["value"]: c["label"] for c in fields[("sentences", "cap_code")]["categories"]}
    assert cap[1] == "Macroeconomics" and 11 not in cap and len(cap) == 21


def test_every_table_schema_declares_the_v2_table_schema(desc):
    tables = [r for r in desc["resources"] if "schema" in r]
    assert [r["name"] for r in tables] == [t.name for t in TABLES]
    assert {r["schema"]["$schema"] for r in tables} == {"https://datapackage.org/profiles/2.0/tableschema.json"}


def _checkout(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_a_doi_and_homepage_set_in_one_file_reach_every_output(tmp_path):
    root = _checkout(tmp_path)
    path = root / "data/curation/dataset.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('doi = ""', 'doi = "10.5281/zenodo.1234567"').replace(
        'homepage = ""', 'homepage = "https://example.org/xindu-plan"'
    )
    path.write_text(text.replace('creator = "xindu-plan contributors"', 'creator = "The Xindu Data Group"'), "utf-8")
    files = build_files(root)
    desc = json.loads(files["datapackage.json"])
    assert desc["id"] == "https://doi.org/10.5281/zenodo.1234567"
    assert desc["homepage"] == "https://example.org/xindu-plan"
    assert desc["contributors"][0]["title"] == "The Xindu Data Group"
    assert _v2_errors(desc) == []
    import yaml

    cff = yaml.safe_load(files["CITATION.cff"].decode())
    assert cff["doi"] == "10.5281/zenodo.1234567" and cff["authors"] == [{"name": "The Xindu Data Group"}]
    zenodo = json.loads(files[".zenodo.json"])
    assert zenodo["doi"] == "10.5281/zenodo.1234567" and zenodo["creators"] == [{"name": "The Xindu Data Group"}]
    from xindu_plan.dataset.citation import cite

    assert "doi = {10.5281/zenodo.1234567}" in cite("bibtex", desc)
    assert "DO  - 10.5281/zenodo.1234567" in cite("ris", desc)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('doi = ""', 'doi = "zenodo 123"', "is not a bare DOI"),
        ('homepage = ""', 'homepage = "http://example.org"', "does not start with https://"),
        ('creator = "xindu-plan contributors"', 'creator = ""', "creator must be a non-empty string"),
    ],
)
def test_a_bad_dataset_file_is_named_and_nothing_is_written(tmp_path, old, new, message):
    root = _checkout(tmp_path)
    path = root / "data/curation/dataset.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(BuildError, match=message):
        build(root)
    assert not (root / "datapackage.json").exists()
