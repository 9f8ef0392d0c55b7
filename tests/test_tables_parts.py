"""The pieces of the table contract: the classes (base/contract.py) and the declarations, by concern."""

from __future__ import annotations

import hashlib

import pytest

from xindu_plan.base import article_tables, coding_tables, contract, extraction_tables, tables
from xindu_plan.base.errors import NotFoundError

# contract: the classes and the field helpers


def test_categories_come_from_labels_or_from_a_table():
    assert contract.Categories(labels={1: "one"}).resolve({}) == [{"value": 1, "label": "one"}]
    from_table = contract.Categories(table="topics", value="cap_code", label="label_en")
    assert from_table.resolve({"topics": [{"cap_code": 3, "label_en": "Health"}]}) == [{"value": 3, "label": "Health"}]
    with pytest.raises(NotFoundError, match="'topics', which was not given"):
        from_table.resolve({})


def test_a_field_gives_its_dtype_and_its_descriptor_with_every_constraint():
    field = contract.Field(
        "code",
        "string",
        "A code.",
        unique=True,
        enum=("a", "b"),
        pattern="[ab]",
        categories=contract.Categories(labels={"a": "first", "b": "second"}),
    )
    assert field.pandas_dtype == "string"
    assert field.descriptor() == {
        "name": "code",
        "type": "string",
        "description": "A code.",
        "categories": [{"value": "a", "label": "first"}, {"value": "b", "label": "second"}],
        "constraints": {"required": True, "unique": True, "enum": ["a", "b"], "pattern": "[ab]"},
    }
    optional = contract.Field("n", "integer", "A count.", required=False, minimum=0)
    assert optional.pandas_dtype == "Int64" and optional.descriptor()["constraints"] == {"minimum": 0}
    coded = contract.Field("t", "integer", "A topic.", categories=contract.Categories(table="topics"))
    assert "categories" not in coded.descriptor()  # labels read from a table need its rows


def test_a_table_gives_its_resource_and_schema():
    t = contract.Table(
        "words",
        "Words",
        "Every word.",
        (contract.Field("word_id", "string", "The word."), contract.Field("sentence_id", "string", "Its sentence.")),
        ("word_id",),
        (contract._SENTENCE_FK,),
    )
    assert t.file == "data/words.csv" and t.columns == ["word_id", "sentence_id"]
    resource = t.resource(b"word_id\n", path="other.csv")
    assert resource["path"] == "other.csv" and resource["bytes"] == 8
    assert resource["hash"] == "sha256:" + hashlib.sha256(b"word_id\n").hexdigest()
    assert resource["schema"]["$schema"] == contract.TABLE_SCHEMA_PROFILE
    assert resource["schema"]["foreignKeys"] == [
        {"fields": ["sentence_id"], "reference": {"resource": "sentences", "fields": ["sentence_id"]}}
    ]
    assert "foreignKeys" not in contract.Table("bare", "Bare", "", (), ()).schema()
    assert contract.Table("elsewhere", "", "", (), (), path="data/x/y.csv").file == "data/x/y.csv"


def test_span_and_identifier_fields():
    spans = contract._spans("the word")
    assert [f.name for f in spans] == ["start", "end", "raw_start", "raw_end"]
    assert all("the word" in f.description and f.minimum == 0 for f in spans)
    assert [f.name for f in contract._spans("the word", raw=False)] == ["start", "end"]
    identifier = contract._id("word_id", "the word", r"W\d+")
    assert (identifier.unique, identifier.pattern, identifier.description) == (
        True,
        r"W\d+",
        "Stable identifier of the word.",
    )


# the declarations, piece by piece


def test_article_tables_declare_the_structure_with_the_paragraph_kinds():
    assert [t.name for t in article_tables.ARTICLE_TABLES] == ["document", "paragraphs", "sections", "measures"]
    paragraphs = article_tables.ARTICLE_TABLES[1]
    kind = next(f for f in paragraphs.fields if f.name == "kind")
    assert kind.enum == tuple(article_tables.PARAGRAPH_KINDS) and "measure: a paragraph stating" in kind.description
    assert [fk.resource for fk in paragraphs.foreign_keys] == ["sections", "measures"]


def test_coding_tables_declare_the_codebook_and_the_two_codings():
    assert [t.name for t in coding_tables.CODING_TABLES] == [
        "topics",
        "subtopics",
        "sentences",
        "topic_codings",
        "topic_heldout_codings",
        "topic_agreement",
    ]
    assert (
        len(coding_tables.CAP_CODES) == 21 and 11 not in coding_tables.CAP_CODES and 22 not in coding_tables.CAP_CODES
    )
    fields = coding_tables._coding_fields("The sentence.", unique=True)
    assert (fields[0].name, fields[0].description, fields[0].unique) == ("sentence_id", "The sentence.", True)
    assert coding_tables._coding_fields(None)[0].description == "The coded sentence."
    assert [f.name for f in fields if f.categories is coding_tables._CAP_SUBTOPICS] == [
        "coder_1_subtopic",
        "coder_2_subtopic",
    ]
    heldout = coding_tables.CODING_TABLES[4]
    assert heldout.columns[:3] == ["sentence_id", "document", "text"] and heldout.columns[3] == "coder_1_subtopic"


def test_extraction_tables_declare_targets_terms_entities_and_the_restoration():
    assert [t.name for t in extraction_tables.EXTRACTION_TABLES] == [
        "targets",
        "terms",
        "term_mentions",
        "entities",
        "entity_mentions",
        "annotations",
        "repairs",
    ]
    targets, terms = extraction_tables.EXTRACTION_TABLES[:2]
    comparator = next(f for f in targets.fields if f.name == "comparator")
    assert comparator.enum == tuple(extraction_tables.COMPARATORS)
    kind = next(f for f in terms.fields if f.name == "kind")
    assert kind.enum == tuple(extraction_tables.TERM_KINDS) and kind.description.startswith(
        "Kind of term: pillar_theme"
    )


# tables: the declarations gathered, and the names it always gave


def test_tables_gathers_the_pieces_in_one_order_and_finds_them_by_name():
    pieces = (*article_tables.ARTICLE_TABLES, *coding_tables.CODING_TABLES, *extraction_tables.EXTRACTION_TABLES)
    assert pieces == tables.TABLES
    assert len({t.name for t in tables.TABLES}) == len(tables.TABLES) == 17
    assert tables.table("repairs") is extraction_tables.EXTRACTION_TABLES[-1]
    with pytest.raises(NotFoundError, match="no table named 'nothing'; the tables are document, paragraphs"):
        tables.table("nothing")


def test_every_key_of_every_piece_names_columns_of_the_gathered_tables():
    for t in tables.TABLES:
        assert set(t.primary_key) <= set(t.columns), t.name
        for fk in t.foreign_keys:
            assert set(fk.fields) <= set(t.columns), t.name
            assert set(fk.reference) <= set(tables.table(fk.resource).columns), (t.name, fk.resource)


def test_tables_reexports_the_classes_and_the_category_lists():
    assert tables.Table is contract.Table and tables.Field is contract.Field
    assert tables.Categories is contract.Categories and tables.ForeignKey is contract.ForeignKey
    assert tables.PANDAS_DTYPES is contract.PANDAS_DTYPES and tables.CAP_CODES is coding_tables.CAP_CODES
    assert (
        tables.PARAGRAPH_KINDS is article_tables.PARAGRAPH_KINDS
        and tables.ENTITY_TYPES is extraction_tables.ENTITY_TYPES
    )
    assert all(hasattr(tables, name) for name in tables.__all__)
