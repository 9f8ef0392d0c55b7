"""The deterministic build (xindu_plan/derivation/build/) and the published package."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from xindu_plan.derivation.build import BuildError, build, build_files, check

from .conftest import ROOT


def test_committed_package_equals_a_fresh_build():
    assert check(ROOT) == []


def test_a_second_build_changes_no_byte():
    assert build_files(ROOT) == build_files(ROOT)


def test_source_copy_is_pinned_by_hash():
    data = (ROOT / "data/source/000_660c768c808e59a5.txt").read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    assert digest == "114e475419cb4f19767ddd0008a0a3609571e6460d6c7272537f2718381dfa75"
    desc = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["sources"][0]["hash"] == f"sha256:{digest}"


def _checkout(tmp_path: Path) -> Path:
    for name in ("data",):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "datapackage.json", tmp_path / "datapackage.json")
    for name in ("CITATION.cff", "CODEBOOK.md", ".zenodo.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_check_names_a_changed_file(tmp_path):
    root = _checkout(tmp_path)
    path = root / "data/targets.csv"
    path.write_bytes(path.read_bytes().replace(b"at_least", b"at_most", 1))
    assert check(root) == ["data/targets.csv"]
    assert build(root) == ["data/targets.csv"]
    assert check(root) == []


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("measures.csv", "M01,构建区域协同枢纽", "M01,构建区域协同", "measures.csv: M01 should have lead"),
        ("terms.csv", "Q05,产业升级,pillar_theme", "Q05,产业升级,theme", "Q05 has kind 'theme'"),
        (
            "topic_coding_1.csv",
            "article:P05.1,2001,20,",
            "article:P05.1,1100,11,",
            "cap_subtopic 1100 is not a subtopic",
        ),
        (
            "topic_coding_2.csv",
            "article:P05.1,2001,20,",
            "article:P05.1,2001,14,",
            "cap_major '14' does not follow from cap_subtopic 2001",
        ),
        ("topic_coding_1.csv", "article:P05.1,2001,20,", "article:P05.2,2001,20,", "where the sentence list has"),
        (
            "topic_adjudication.csv",
            "article:P05.4,100,",
            "article:P05.1,100,",
            "'P05.1' is not a sentence the coders disagree on",
        ),
        ("topic_adjudication.csv", "article:P05.4,100,", "article:P05.4,1100,", "cap_subtopic 1100 is not a subtopic"),
        ("entities.csv", "E10,欧亚,", "E10,欧亚大陆,", "entities not in the text: E10"),
        ("repairs.csv", "R001,著力,着力", "R001,著作,着作", "rules that match nothing: R001"),
        ("translations.csv", "P02.1,成都市委", "P02.1,成都市", "sentence P02.1 reads"),
        ("translations.csv", "“dual circulation”", "“double cycle”", "P04.1 mentions Q03 but its translation lacks"),
        ("terms.csv", "Q26,大格局,catchword,grand pattern", "Q26,大格局,catchword,grand layout", "P21.2 mentions Q26"),
    ],
)
def test_inconsistent_curation_fails_naming_the_file(tmp_path, file, old, new, message):
    root = _checkout(tmp_path)
    path = root / "data/curation" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = {p: p.read_bytes() for p in (root / "data").glob("*.csv")}
    with pytest.raises(BuildError, match=message.replace("(", r"\(").replace(")", r"\)")):
        build(root)
    assert {p: p.read_bytes() for p in (root / "data").glob("*.csv")} == before  # nothing half-written


def test_missing_source_is_named(tmp_path):
    root = _checkout(tmp_path)
    (root / "data/source/000_660c768c808e59a5.txt").unlink()
    with pytest.raises(BuildError, match="raw copy is missing"):
        build_files(root)


def test_pinyin_overrides_are_the_builds_own(tmp_path):
    """The readings of data/curation/pinyin.csv change the build's names only, and only while listed."""
    from pypinyin import Style, lazy_pinyin

    own = lazy_pinyin("新都", style=Style.TONE)
    assert own != ["xīn", "dū"]  # pypinyin's own reading, which the override corrects
    root = _checkout(tmp_path)

    def xindu() -> str:
        rows = build_files(root)["data/entities.csv"].decode("utf-8").splitlines()
        return next(r for r in rows if r.startswith("E02,")).split(",")[4]

    assert xindu() == "xīn dū qū"
    assert lazy_pinyin("新都", style=Style.TONE) == own  # no one else in the process reads differently
    (root / "data/curation/pinyin.csv").write_text("phrase,pinyin,reason\n", encoding="utf-8")
    assert xindu() == " ".join(lazy_pinyin("新都区", style=Style.TONE))  # the removed override is gone


def test_a_pinyin_override_is_read_wherever_its_phrase_occurs():
    from pypinyin import Style, lazy_pinyin

    from xindu_plan.derivation.build.inputs import _pinyin_name

    xindu = {"新都": ["xīn", "dū"]}
    assert _pinyin_name("新都人", xindu, person=True) == "Xin Duren"  # the tones dropped for a person
    assert _pinyin_name("大新都", xindu) == " ".join([*lazy_pinyin("大", style=Style.TONE), "xīn", "dū"])
    both = {"长安": ["cháng", "ān"], "安全局": ["ān", "quán", "jú"]}
    assert _pinyin_name("长安全局", both) == "cháng ān " + " ".join(lazy_pinyin("全局", style=Style.TONE))
