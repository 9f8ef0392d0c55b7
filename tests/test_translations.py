"""Every sentence is translated, with the reviewed glosses of the terms it mentions."""

from __future__ import annotations

import pytest

from xindu_plan.dataset.translations import TranslationError, gloss_head, gloss_problems, read_translations
from xindu_plan.derivation.build.inputs import _inputs

from .conftest import ROOT


def test_every_sentence_has_a_translation(plan):
    assert plan.sentences["translation_en"].notna().all()
    assert (plan.sentences["translation_en"].str.strip() != "").all()
    assert plan.sentences.set_index("sentence_id").loc["P01.1", "translation_en"] == "Xu Xingguo"


def test_each_translation_uses_its_terms_glosses_or_records_why_not(plan):
    sentences = plan.sentences.set_index("sentence_id")
    glosses = dict(zip(plan.terms["term_id"], plan.terms["gloss_en"], strict=True))
    for m in plan.term_mentions.itertuples():
        translation = sentences.loc[m.sentence_id, "translation_en"]
        note = sentences.loc[m.sentence_id, "translation_note"]
        used = gloss_head(glosses[m.term_id]).lower() in translation.lower()
        assert used or (isinstance(note, str) and f"{m.term_id}:" in note), (m.term_id, m.sentence_id)


def test_contested_glosses_are_gone_and_referenced(plan):
    terms = plan.terms.set_index("term")
    assert "common prosperity" not in terms.loc["协同共兴", "gloss_en"]
    assert "共同富裕" in terms.loc["协同共兴", "gloss_reference"]
    assert "application scenarios" in terms.loc["场景营城·产品赋能", "gloss_en"]
    assert all("raising quality" in g for g in plan.sections["gloss_en"])  # 攻坚提质 keeps 提质
    assert "carriers" in plan.measures.set_index("measure_id").loc["M07", "gloss_en"]


def test_the_descriptor_says_the_translation_is_our_own(plan):
    fields = {
        f["name"]: f for r in plan.descriptor["resources"] if r["name"] == "sentences" for f in r["schema"]["fields"]
    }
    assert "not an official translation" in fields["translation_en"]["description"]


def test_a_missing_gloss_without_a_note_is_named():
    assert gloss_problems({"P1.1": ("x", {"Q01": "kept in Chinese"})}, {"Q01": "a (b)"}, [("Q01", "P1.1")]) == []
    [problem] = gloss_problems({"P1.1": ("x", {})}, {"Q01": "a plan (b)"}, [("Q01", "P1.1")])
    assert "P1.1 mentions Q01" in problem and "'a plan'" in problem


def test_bad_translation_rows_are_named():
    rows = _inputs(ROOT).curation["translations"]
    sentences = {r["sentence_id"]: r["text"] for r in rows}
    with pytest.raises(TranslationError, match=r"no translation for sentence P37\.1"):
        read_translations(rows[:-1], sentences)
    bad = [dict(r) for r in rows]
    bad[0]["note"] = "just because"
    with pytest.raises(TranslationError, match="row 2: the note should read"):
        read_translations(bad, sentences)
