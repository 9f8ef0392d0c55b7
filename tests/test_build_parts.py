"""The pieces of xindu_plan/derivation/build/, each on inputs of its own."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
from pathlib import Path
from typing import Any

import pytest

from xindu_plan.base import tables as T
from xindu_plan.chinese.text import Repair, restore
from xindu_plan.dataset import coding
from xindu_plan.derivation import build as package
from xindu_plan.derivation.build.article import _sentences, _structure, _targets
from xindu_plan.derivation.build.derive import tables_from
from xindu_plan.derivation.build.descriptor import PACKAGE_PROFILE, _dataset, _descriptor
from xindu_plan.derivation.build.files import _csv_bytes, build, build_files, check
from xindu_plan.derivation.build.inputs import (
    SOURCE_FILE,
    TEXT_FILE,
    _expect,
    _Inputs,
    _inputs,
    _keyed,
    _pinyin_name,
    _pinyin_overrides,
)
from xindu_plan.reading.reader import Document, parse

from .conftest import ROOT


def _spans(start: int, end: int) -> dict[str, int]:
    return {"start": start, "end": end, "raw_start": start, "raw_end": end}


@pytest.fixture(scope="module")
def inputs() -> _Inputs:
    return _inputs(ROOT)


@pytest.fixture(scope="module")
def doc(inputs: _Inputs) -> Document:
    return parse(restore(inputs.raw, inputs.repairs).text, name="plan", year=2021, repairs=())


@pytest.fixture(scope="module")
def derived(inputs: _Inputs) -> dict[str, list[dict[str, Any]]]:
    return tables_from(inputs)[1]


def test_the_package_still_gives_every_public_name() -> None:
    assert package.__all__ == ["SOURCE_FILE", "BuildError", "build", "build_files", "check"]
    assert package.build is build and package.build_files is build_files and package.check is check
    assert package.SOURCE_FILE == SOURCE_FILE == "data/source/000_660c768c808e59a5.txt"


# --- inputs ----------------------------------------------------------------


def test_curated_rows_are_keyed_and_held_to_the_text() -> None:
    rows = [{"id": "A", "x": "1"}, {"id": "B", "x": "2"}]
    assert _keyed(rows, "id", "f.csv") == {"A": rows[0], "B": rows[1]}
    with pytest.raises(package.BuildError, match=r"f\.csv row 3: id 'A' is duplicated"):
        _keyed([rows[0], rows[0]], "id", "f.csv")
    with pytest.raises(package.BuildError, match=r"f\.csv row 2: id is empty"):
        _keyed([{"id": ""}], "id", "f.csv")
    _expect(["A", "B"], {"B": 1, "A": 2}, "f.csv", "thing")
    with pytest.raises(package.BuildError, match=r"f\.csv: no row for thing C"):
        _expect(["A", "C"], ["A"], "f.csv", "thing")
    with pytest.raises(package.BuildError, match=r"f\.csv: rows for thing not in the text: B"):
        _expect(["A"], ["A", "B"], "f.csv", "thing")


def test_pinyin_readings_are_checked_and_applied() -> None:
    readings = _pinyin_overrides([{"phrase": "新都", "pinyin": "xīn dū"}])
    assert readings == {"新都": ["xīn", "dū"]}
    assert _pinyin_name("新都区", readings).startswith("xīn dū ")
    assert _pinyin_name("新都", readings, person=True) == "Xin Du"
    with pytest.raises(package.BuildError, match="has 2 characters but 1 syllables"):
        _pinyin_overrides([{"phrase": "新都", "pinyin": "xīn"}])


def test_the_raw_copy_must_be_there_and_in_utf8(tmp_path: Path) -> None:
    with pytest.raises(package.BuildError, match="the raw copy is missing"):
        _inputs(tmp_path)
    (tmp_path / SOURCE_FILE).parent.mkdir(parents=True)
    (tmp_path / SOURCE_FILE).write_bytes("新都".encode() + b"\xff")
    with pytest.raises(package.BuildError, match="not UTF-8 at byte 6"):
        _inputs(tmp_path)


def test_the_inputs_hold_every_curation_file(inputs: _Inputs) -> None:
    assert {"repairs", "sections", "measures", "targets", "terms", "entities", "translations"} <= set(inputs.curation)
    assert [r.repair_id for r in inputs.repairs] == [row["repair_id"] for row in inputs.curation["repairs"]]
    assert inputs.raw.encode("utf-8") == (ROOT / SOURCE_FILE).read_bytes()  # the raw copy as given, decoded


# --- article ---------------------------------------------------------------


def test_the_structure_of_the_article(inputs: _Inputs, doc: Document) -> None:
    paragraphs, sections, measures = _structure(doc, inputs.curation, _spans)
    assert [s["order"] for s in sections] == [1, 2, 3, 4, 5, 6]
    assert [m["measure_id"] for m in measures] == [f"M{n:02d}" for n in range(1, 22)]
    assert paragraphs[0]["kind"] == "byline" and paragraphs[-1]["kind"] == "signature"
    kinds = {p["paragraph_id"]: p["kind"] for p in paragraphs}
    assert all(kinds[m["paragraph_id"]] == "measure" for m in measures)
    assert all(doc.text[m["start"] : m["end"]].startswith(m["lead"]) for m in measures)
    cur = {**inputs.curation, "sections": [{**inputs.curation["sections"][0], "theme": "别的"}]}
    with pytest.raises(package.BuildError, match=r"sections\.csv: S1 has theme '别的'"):
        _structure(doc, cur, _spans)


def test_sentences_carry_their_codes_and_translations_and_targets_their_measure(inputs: _Inputs, doc: Document) -> None:
    paragraphs, _, _ = _structure(doc, inputs.curation, _spans)
    sentences, codings, translated = _sentences(doc, paragraphs, inputs.curation, _spans)
    assert set(translated) == {s["sentence_id"] for s in sentences}
    coded = [s for s in sentences if s["cap_subtopic"] is not None]
    assert coded and all(s["cap_code"] == coding.major(s["cap_subtopic"]) for s in coded)
    assert all(codings.code(s["sentence_id"]) == s["cap_subtopic"] for s in coded)
    assert all(s["translation_en"] for s in sentences)

    def sentence_at(pos: int) -> dict[str, Any]:
        return next(s for s in sentences if s["start"] <= pos < s["end"])

    targets = _targets(doc, inputs.curation, sentence_at, _spans)
    assert [t["target_id"] for t in targets] == ["T1", "T2", "T3", "T4", "T5"]
    assert all(t["measure_id"] is not None and t["gloss_en"] for t in targets)
    with pytest.raises(package.BuildError, match=r"targets\.csv: T1 should have indicator"):
        _targets(doc, {**inputs.curation, "targets": inputs.curation["targets"][1:]}, sentence_at, _spans)


# --- derive ----------------------------------------------------------------


def test_every_table_is_derived(derived: dict[str, list[dict[str, Any]]]) -> None:
    assert set(derived) == {t.name for t in T.TABLES}
    for table in T.TABLES:
        assert all(set(row) == set(table.columns) for row in derived[table.name]), table.name
    terms = {t["term_id"]: t["mentions"] for t in derived["terms"]}
    for term_id, n in terms.items():
        assert sum(1 for m in derived["term_mentions"] if m["term_id"] == term_id) == n
    assert (
        len(derived["document"]) == 1
        and derived["document"][0]["jurisdiction"] in derived["document"][0]["author_office"]
    )


def test_a_repair_that_matches_nothing_stops_the_derivation(inputs: _Inputs) -> None:
    stale = dataclasses.replace(inputs, repairs=[*inputs.repairs, Repair("R999", "不在文中的字串", "x", "test")])
    with pytest.raises(package.BuildError, match=r"repairs\.csv: rules that match nothing: R999"):
        tables_from(stale)


# --- descriptor ------------------------------------------------------------


def _dataset_root(tmp_path: Path, text: str) -> Path:
    (tmp_path / "data/curation").mkdir(parents=True)
    (tmp_path / "data/curation/dataset.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_dataset_identity_is_checked(tmp_path: Path) -> None:
    good = 'title = " A "\ncreator = "B"\ndoi = ""\nhomepage = "https://example.org"\n'
    assert _dataset(_dataset_root(tmp_path / "a", good)) == {
        "title": "A",
        "creator": "B",
        "doi": "",
        "homepage": "https://example.org",
    }
    with pytest.raises(package.BuildError, match=r"doi '10\.5281' is not a bare DOI"):
        _dataset(_dataset_root(tmp_path / "b", 'title = "A"\ncreator = "B"\ndoi = "10.5281"\n'))
    with pytest.raises(package.BuildError, match="homepage 'http://x' does not start with https://"):
        _dataset(_dataset_root(tmp_path / "c", 'title = "A"\ncreator = "B"\nhomepage = "http://x"\n'))
    with pytest.raises(package.BuildError, match="creator must be a non-empty string"):
        _dataset(_dataset_root(tmp_path / "d", 'title = "A"\ncreator = " "\n'))


def test_the_descriptor_lists_every_file_with_its_bytes(derived: dict[str, list[dict[str, Any]]]) -> None:
    files = {table.file: f"{table.name}\n".encode() for table in T.TABLES}
    files[TEXT_FILE], files[SOURCE_FILE] = "文本".encode(), b"raw"
    dataset = {"title": "T", "creator": "C", "doi": "10.5281/zenodo.1", "homepage": ""}
    d = _descriptor(files, "abc", derived, dataset)
    assert d["$schema"] == PACKAGE_PROFILE and d["id"] == "https://doi.org/10.5281/zenodo.1" and "homepage" not in d
    assert [r["name"] for r in d["resources"]] == [*(t.name for t in T.TABLES), "article", "source"]
    assert d["resources"][-2]["bytes"] == 6 and d["resources"][-1]["hash"] == "sha256:abc"
    assert d["contributors"] == [{"title": "C", "roles": ["creator"]}]
    assert "id" not in _descriptor(files, "abc", derived, {**dataset, "doi": ""})


# --- files -----------------------------------------------------------------


def test_a_table_is_written_as_csv_in_its_contract_order() -> None:
    table = T.Table(
        "t",
        "T",
        "A table.",
        (T.Field("a", "string", "A."), T.Field("b", "boolean", "B.", required=False), T.Field("c", "number", "C.")),
        ("a",),
    )
    rows: list[dict[str, Any]] = [{"c": 0.1, "b": True, "a": "x,y"}, {"a": "z", "b": None, "c": 2.0}]
    assert _csv_bytes(table, rows) == b'a,b,c\n"x,y",true,0.1\nz,,2.0\n'
    with pytest.raises(package.BuildError, match=r"table t: a row has columns \['d'\]"):
        _csv_bytes(table, [{"a": "x", "b": None, "c": 1.0, "d": 1}])


def _checkout(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for name in ("datapackage.json", "CITATION.cff", "CODEBOOK.md", ".zenodo.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_build_writes_only_what_changed_and_leaves_the_rest(tmp_path: Path) -> None:
    root = _checkout(tmp_path)
    files = build_files(root)
    assert SOURCE_FILE not in files and TEXT_FILE in files and "datapackage.json" in files
    assert check(root) == [] and build(root) == []
    (root / "data/notes.txt").write_text("mine", encoding="utf-8")  # not ours: kept
    path = root / "data/curation/sections.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0]["gloss_en"] += " (revised)"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    stale = check(root)
    assert "data/sections.csv" in stale and "datapackage.json" in stale and "data/measures.csv" not in stale
    changed = build(root)
    assert sorted(changed) == sorted(stale) and changed[-1] == "datapackage.json"
    assert check(root) == [] and (root / "data/notes.txt").read_text(encoding="utf-8") == "mine"
