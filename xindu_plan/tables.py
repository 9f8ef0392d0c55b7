"""The table contract: every table and column described once.

``datapackage.json`` (written by :mod:`xindu_plan.build`), the pandera schemas
(:mod:`xindu_plan.schemas`) and the dtypes :func:`xindu_plan.load` reads with are
all generated from :data:`TABLES`. Importing this module is cheap: it holds data only.

>>> [t.name for t in TABLES][:3]
['document', 'paragraphs', 'sections']
>>> table("targets").primary_key
('target_id',)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._digest import sha256
from .errors import NotFoundError

__all__ = [
    "CHANGES",
    "COMPARATORS",
    "ENTITY_TYPES",
    "PANDAS_DTYPES",
    "PARAGRAPH_KINDS",
    "TABLES",
    "TABLE_SCHEMA_PROFILE",
    "TERM_KINDS",
    "Categories",
    "Field",
    "ForeignKey",
    "Table",
    "table",
]

#: Paragraph kinds of the plan, with their meaning.
PARAGRAPH_KINDS = {
    "byline": "the author's name above the text",
    "lead": "an opening paragraph before the first pillar",
    "section_heading": "the heading of a pillar (围绕“…”攻坚提质，…)",
    "section_intro": "a paragraph of a pillar that states no measure",
    "measure": "a paragraph stating a measure, opened by its lead phrase",
    "signature": "the signature at the end (作者 and the author's office)",
}
#: Comparators of numeric targets, with their meaning.
COMPARATORS = {
    "at_least": "at least the value",
    "at_most": "at most the value",
    "more_than": "more than the value",
    "less_than": "less than the value",
    "about": "about the value",
    "equal": "exactly the value",
}
#: Directions of a target stated as a change, with their meaning.
CHANGES = {"increase": "an increase by the value", "decrease": "a decrease by the value"}
#: Kinds of quoted terms, with their meaning.
TERM_KINDS = {
    "pillar_theme": "the theme of one of the six pillars (协同共兴 …)",
    "plan_period": "a planning period (十四五)",
    "strategy": "a national or regional strategy (双循环, 双城记)",
    "reform": "an administrative or institutional reform (放管服, 医联体)",
    "programme": "a named programme, action or plan (香城英才计划, 五绿润城)",
    "project": "a named project or place-brand to be built (沸腾里, 一院五馆)",
    "service_model": "a model of public service delivery (一次办, 企业管家)",
    "slogan": "a multi-part slogan or motto",
    "catchword": "a word quoted for emphasis (大手笔, 亲, 清)",
}
#: Types of named entities, with their meaning.
ENTITY_TYPES = {
    "administrative_area": "a city, district or county",
    "zone": "a planned zone, area or new town",
    "place": "a geographical region or landscape",
    "organisation": "a Party or government body",
    "event": "a meeting or an event",
    "venue": "a building for sport, culture or worship",
    "park": "a park or park scene",
    "firm": "a company",
    "project": "a named construction or investment project",
    "product": "a manufactured product",
}
#: Table Schema type → the pandas dtype of a column (when required, when optional).
PANDAS_DTYPES = {
    "string": ("string", "string"),
    "integer": ("int64", "Int64"),
    "number": ("float64", "float64"),
    "boolean": ("boolean", "boolean"),
    "date": ("datetime64[ns]", "datetime64[ns]"),
}
#: The Table Schema 2.0 profile every table's schema declares.
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
CAP_CODES = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23)


@dataclass(frozen=True, slots=True)
class Categories:
    """The labelled values of a coded field (Table Schema 2.0 ``categories``).

    The labels are either listed here (``labels``: value → label) or read from a
    table of the package: its ``value`` and ``label`` columns (the CAP major topics
    come from ``topics``, built from ``data/curation/cap_topics.csv``).

    >>> Categories(labels={"a": "first"}).resolve({})
    [{'value': 'a', 'label': 'first'}]
    >>> Categories(table="t", value="code", label="name").resolve({"t": [{"code": 1, "name": "one"}]})
    [{'value': 1, 'label': 'one'}]
    """

    labels: Mapping[Any, str] | None = None
    table: str | None = None
    value: str = ""
    label: str = ""

    def resolve(self, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[dict[str, Any]]:
        """Return the ``categories`` list, reading table-based labels from ``rows`` (table name → rows).

        Raises:
            NotFoundError: the labels come from a table that ``rows`` does not hold.
        """
        if self.labels is not None:
            return [{"value": v, "label": label} for v, label in self.labels.items()]
        if self.table not in rows:
            raise NotFoundError(f"the categories come from table {self.table!r}, which was not given")
        return [{"value": r[self.value], "label": r[self.label]} for r in rows[str(self.table)]]


@dataclass(frozen=True, slots=True)
class Field:
    """A column: Table Schema type, description and constraints."""

    name: str
    type: str  # string | integer | number | boolean | date
    description: str
    required: bool = True
    unique: bool = False
    enum: tuple[Any, ...] | None = None
    minimum: int | None = None
    pattern: str | None = None
    categories: Categories | None = None

    @property
    def pandas_dtype(self) -> str:
        """The pandas dtype the column is loaded and validated with."""
        return PANDAS_DTYPES[self.type][0 if self.required else 1]

    def descriptor(self, rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> dict[str, Any]:
        """Return the Table Schema field descriptor.

        ``rows`` (table name → rows) gives the labels of categories read from a
        table; without it such categories are left out.
        """
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.pattern is not None:
            constraints["pattern"] = self.pattern
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.categories is not None and (self.categories.labels is not None or rows is not None):
            out["categories"] = self.categories.resolve(rows or {})
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True, slots=True)
class ForeignKey:
    """Columns of this table referring to the primary key of another."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the data package."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    path: str = field(default="")

    @property
    def file(self) -> str:
        """The path of the table's CSV file, relative to ``datapackage.json``."""
        return self.path or f"data/{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        """The column names in order."""
        return [f.name for f in self.fields]

    def resource(
        self,
        data: bytes | None = None,
        *,
        path: str | None = None,
        encoding: str = "utf-8",
        schema: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Return the table's Data Package resource: a CSV file with this table's schema.

        ``data`` (the file's bytes) adds its size and sha256; ``path`` replaces
        :attr:`file`; ``schema`` replaces :meth:`schema` (one with resolved categories).
        """
        out: dict[str, Any] = {
            "name": self.name,
            "type": "table",
            "path": path or self.file,
            "title": self.title,
            "description": self.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": encoding,
        }
        if data is not None:
            out["bytes"] = len(data)
            out["hash"] = f"sha256:{sha256(data)}"
        out["schema"] = schema if schema is not None else self.schema()
        return out

    def schema(self, rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> dict[str, Any]:
        """Return the Table Schema (2.0) descriptor; ``rows`` as for :meth:`Field.descriptor`."""
        out: dict[str, Any] = {
            "$schema": TABLE_SCHEMA_PROFILE,
            "fields": [f.descriptor(rows) for f in self.fields],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }
        if self.foreign_keys:
            out["foreignKeys"] = [
                {"fields": list(fk.fields), "reference": {"resource": fk.resource, "fields": list(fk.reference)}}
                for fk in self.foreign_keys
            ]
        return out


def _spans(what: str, raw: bool = True) -> tuple[Field, ...]:
    out: tuple[Field, ...] = (
        Field(
            "start",
            "integer",
            f"Offset of the first character of {what} in the restored text (data/text/article.txt), counted in "
            f"Unicode code points from 0.",
            minimum=0,
        ),
        Field("end", "integer", f"Offset just after the last character of {what} in the restored text.", minimum=0),
    )
    if raw:
        out += (
            Field(
                "raw_start",
                "integer",
                f"Offset of the first character of {what} in the raw copy (data/source/), in code points.",
                minimum=0,
            ),
            Field(
                "raw_end",
                "integer",
                f"Offset just after {what} in the raw copy, including a trailing pinyin annotation.",
                minimum=0,
            ),
        )
    return out


def _id(name: str, what: str, pattern: str) -> Field:
    return Field(name, "string", f"Stable identifier of {what}.", unique=True, pattern=pattern)


#: CAP major topic codes are labelled from the topics table (data/curation/cap_topics.csv).
_CAP_TOPICS = Categories(table="topics", value="cap_code", label="label_en")
_CAP_SUBTOPICS = Categories(table="subtopics", value="cap_subtopic", label="label_en")
_SECTION_FK = ForeignKey(("section_id",), "sections", ("section_id",))
_MEASURE_FK = ForeignKey(("measure_id",), "measures", ("measure_id",))
_SENTENCE_FK = ForeignKey(("sentence_id",), "sentences", ("sentence_id",))


def _coding_fields(sentence: str | None, unique: bool = False) -> tuple[Field, ...]:
    """The columns of a table of two codings and their published code (the first is the sentence id)."""
    return (
        Field("sentence_id", "string", sentence or "The coded sentence.", unique=unique),
        Field(
            "coder_1_subtopic",
            "integer",
            categories=_CAP_SUBTOPICS,
            description="Coder 1's subtopic (empty: no code, the reason in the note).",
            required=False,
        ),
        Field("coder_1_major", "integer", "Coder 1's major topic (the subtopic's leading digits).", required=False),
        Field("coder_1_note", "string", "Coder 1's note on a hard choice.", required=False),
        Field(
            "coder_2_subtopic",
            "integer",
            categories=_CAP_SUBTOPICS,
            description="Coder 2's subtopic, coded apart from coder 1 (empty: no code).",
            required=False,
        ),
        Field("coder_2_major", "integer", "Coder 2's major topic.", required=False),
        Field("coder_2_note", "string", "Coder 2's note on a hard choice.", required=False),
        Field("agree_subtopic", "boolean", "Whether the two subtopics are the same."),
        Field("agree_major", "boolean", "Whether the two major topics are the same."),
        Field(
            "cap_subtopic",
            "integer",
            "The published subtopic: the agreed one, else the adjudicated one.",
            required=False,
        ),
        Field("cap_code", "integer", "The published major topic.", required=False),
        Field(
            "adjudication_rule",
            "string",
            "For a disagreement: the rule of the coding protocol that decides it.",
            required=False,
        ),
        Field("adjudication_reason", "string", "For a disagreement: why.", required=False),
    )


_PARAGRAPH_FK = ForeignKey(("paragraph_id",), "paragraphs", ("paragraph_id",))

TABLES: tuple[Table, ...] = (
    Table(
        "document",
        "Document",
        "One row describing the source article: author, office, jurisdiction, plan period and the hashes of the raw "
        "and restored texts. The copy has no headline, venue or date; those columns are empty and the date is given "
        "as an inferred range with its evidence.",
        (
            Field("document_id", "string", "Stable identifier of the document.", unique=True),
            Field("title", "string", "A descriptive English title, marked as such: the copy has no headline."),
            Field("title_zh", "string", "A descriptive Chinese title, marked as such."),
            Field(
                "headline", "string", "The article's headline as published: empty, the copy has none.", required=False
            ),
            Field("venue", "string", "Where the article was published: empty, the copy does not say.", required=False),
            Field("date_published", "date", "Date of publication: empty, the copy does not say.", required=False),
            Field(
                "date_earliest",
                "date",
                "Earliest date the article can have been written (inferred, see date_evidence).",
            ),
            Field(
                "date_latest", "date", "Latest date the article can have been written (inferred, see date_evidence)."
            ),
            Field("date_evidence", "string", "The evidence for date_earliest and date_latest."),
            Field("author", "string", "The author as written in the byline."),
            Field("author_pinyin", "string", "The author's name in pinyin (pypinyin, surname first)."),
            Field("author_office", "string", "The author's office as signed at the end of the article."),
            Field("jurisdiction", "string", "The jurisdiction the plan covers, as written in the signature."),
            Field(
                "jurisdiction_code",
                "string",
                "GB/T 2260 administrative division code of the jurisdiction.",
                pattern=r"\d{6}",
            ),
            Field("plan_period_start", "integer", "First year of the five-year plan period."),
            Field("plan_period_end", "integer", "Last year of the five-year plan period."),
            Field(
                "plan_year", "integer", "The year the article's targets refer to (全年): the first year of the plan."
            ),
            Field("language", "string", "BCP 47 language tag of the restored text.", enum=("zh-Hans",)),
            Field(
                "raw_sha256", "string", "SHA-256 of the raw copy as received (data/source/).", pattern="[0-9a-f]{64}"
            ),
            Field(
                "text_sha256",
                "string",
                "SHA-256 of the restored text (data/text/article.txt, UTF-8).",
                pattern="[0-9a-f]{64}",
            ),
            Field("raw_characters", "integer", "Length of the raw copy in code points.", minimum=0),
            Field("text_characters", "integer", "Length of the restored text in code points.", minimum=0),
            Field("author_start", "integer", "Offset of the author's name in the restored text.", minimum=0),
            Field("author_end", "integer", "Offset just after the author's name in the restored text.", minimum=0),
            Field("office_start", "integer", "Offset of the signed office in the restored text.", minimum=0),
            Field("office_end", "integer", "Offset just after the signed office in the restored text.", minimum=0),
        ),
        ("document_id",),
    ),
    Table(
        "paragraphs",
        "Paragraphs",
        "Every paragraph (line) of the restored text with its kind, order, section and measure.",
        (
            _id("paragraph_id", "the paragraph", r"P\d{2}"),
            Field("order", "integer", "Position of the paragraph in the text, from 1.", unique=True, minimum=1),
            Field(
                "kind",
                "string",
                "Kind of paragraph: " + "; ".join(f"{k}: {v}" for k, v in PARAGRAPH_KINDS.items()) + ".",
                enum=tuple(PARAGRAPH_KINDS),
                categories=Categories(labels=PARAGRAPH_KINDS),
            ),
            Field(
                "section_id",
                "string",
                "The pillar the paragraph belongs to; empty before the first and for the signature.",
                required=False,
            ),
            Field("measure_id", "string", "The measure the paragraph states, for kind measure.", required=False),
            Field("text", "string", "The paragraph as in the restored text."),
            *_spans("the paragraph"),
        ),
        ("paragraph_id",),
        (_SECTION_FK, _MEASURE_FK),
    ),
    Table(
        "sections",
        "Sections (pillars)",
        "The six pillars, each introduced by a heading 围绕“theme”攻坚提质，aim.",
        (
            _id("section_id", "the pillar", r"S[1-9]"),
            Field("order", "integer", "Position of the pillar, from 1.", unique=True, minimum=1),
            Field("theme", "string", "The quoted theme of the heading (协同共兴 …).", unique=True),
            Field("heading", "string", "The full heading."),
            Field("aim", "string", "The clause after the comma (以高水平开放合作服务发展大局 …)."),
            Field("gloss_en", "string", "English gloss of the heading (curated)."),
            Field("paragraph_id", "string", "The heading paragraph.", unique=True),
            Field("theme_start", "integer", "Offset of the theme in the restored text.", minimum=0),
            Field("theme_end", "integer", "Offset just after the theme.", minimum=0),
            Field("aim_start", "integer", "Offset of the aim in the restored text.", minimum=0),
            Field("aim_end", "integer", "Offset just after the aim.", minimum=0),
            *_spans("the heading"),
        ),
        ("section_id",),
        (_PARAGRAPH_FK,),
    ),
    Table(
        "measures",
        "Measures",
        "The 21 concrete measures: paragraphs opening with a lead phrase ended by 。.",
        (
            _id("measure_id", "the measure", r"M\d{2}"),
            Field("section_id", "string", "The pillar of the measure."),
            Field("order", "integer", "Position of the measure within its pillar, from 1.", minimum=1),
            Field("lead", "string", "The lead phrase before the first 。 (构建区域协同枢纽 …).", unique=True),
            Field("body", "string", "The text after the lead phrase."),
            Field("gloss_en", "string", "English gloss of the lead phrase (curated)."),
            Field("paragraph_id", "string", "The paragraph of the measure.", unique=True),
            Field(
                "lead_end",
                "integer",
                "Offset just after the lead phrase (before its 。) in the restored text.",
                minimum=0,
            ),
            *_spans("the measure's paragraph"),
        ),
        ("measure_id",),
        (_SECTION_FK, _PARAGRAPH_FK),
    ),
    Table(
        "topics",
        "CAP major topics",
        "The major topics of the Comparative Agendas Project master codebook, with English labels from the codebook "
        "and Chinese labels of ours.",
        (
            Field(
                "cap_code",
                "integer",
                "CAP major topic code (1–21 and 23; there is no 11 or 22).",
                unique=True,
                enum=CAP_CODES,
                categories=_CAP_TOPICS,
            ),
            Field("label_en", "string", "The codebook's English label."),
            Field("label_zh", "string", "A Chinese label (ours)."),
        ),
        ("cap_code",),
    ),
    Table(
        "subtopics",
        "CAP subtopics",
        "The subtopics of the Comparative Agendas Project master codebook with the codebook's English labels "
        "(transcribed in data/curation/cap_subtopics.csv).",
        (
            Field("cap_subtopic", "integer", "CAP subtopic code; its leading digits are the major topic.", unique=True),
            Field("cap_code", "integer", "The major topic.", enum=CAP_CODES),
            Field("label_en", "string", "The codebook's English label."),
        ),
        ("cap_subtopic",),
        (ForeignKey(("cap_code",), "topics", ("cap_code",)),),
    ),
    Table(
        "sentences",
        "Sentences",
        "Every sentence, split at 。！？ (a heading or a line without one is one sentence), with its CAP topic "
        "(subtopic and major topic) and an English translation of this package's own.",
        (
            _id("sentence_id", "the sentence (paragraph id . order)", r"P\d{2}\.\d+"),
            Field("paragraph_id", "string", "The paragraph of the sentence."),
            Field("section_id", "string", "The pillar of the sentence, if any.", required=False),
            Field("measure_id", "string", "The measure of the sentence, if any.", required=False),
            Field("order", "integer", "Position of the sentence within its paragraph, from 1.", minimum=1),
            Field("text", "string", "The sentence as in the restored text."),
            Field(
                "cap_code",
                "integer",
                "CAP major topic: the leading digits of cap_subtopic; empty for the byline and signature.",
                required=False,
                categories=_CAP_TOPICS,
            ),
            Field(
                "cap_subtopic",
                "integer",
                "CAP master-codebook subtopic, as agreed by the two coders or adjudicated (see topic_codings); "
                "empty for the byline and signature.",
                required=False,
                categories=_CAP_SUBTOPICS,
            ),
            Field(
                "translation_en",
                "string",
                "English translation of the sentence: this package's own, not an official translation; quoted terms "
                "are rendered with their glosses in terms.gloss_en.",
            ),
            Field(
                "translation_note",
                "string",
                "Where the translation does not use a term's gloss: the term and why (Qnn: reason).",
                required=False,
            ),
            *_spans("the sentence"),
        ),
        ("sentence_id",),
        (
            _PARAGRAPH_FK,
            _SECTION_FK,
            _MEASURE_FK,
            ForeignKey(("cap_code",), "topics", ("cap_code",)),
            ForeignKey(("cap_subtopic",), "subtopics", ("cap_subtopic",)),
        ),
    ),
    Table(
        "topic_codings",
        "Topic codings",
        "The two independent codings of every body sentence of the article by CAP subtopic "
        "(data/curation/CODING_PROTOCOL.md; how they were kept apart: data/curation/CODING_RECORD.md), whether "
        "they agree, and the published code: the agreed one, or the one adjudicated with the rule of the protocol "
        "that decides it.",
        _coding_fields("The coded sentence.", unique=True),
        ("sentence_id",),
        (
            _SENTENCE_FK,
            ForeignKey(("coder_1_subtopic",), "subtopics", ("cap_subtopic",)),
            ForeignKey(("coder_2_subtopic",), "subtopics", ("cap_subtopic",)),
            ForeignKey(("cap_subtopic",), "subtopics", ("cap_subtopic",)),
        ),
    ),
    Table(
        "topic_heldout_codings",
        "Topic codings of held-out sentences",
        "The same two coders' codings of a held-out sample of 100 sentences of the four national work reports "
        "shipped in the corpus (25 of each, drawn with a seed: data/curation/CODING_RECORD.md), text the protocol "
        "was not written for; coded in the same session as the article, with the disagreements adjudicated.",
        (
            Field(
                "sentence_id",
                "string",
                "The sentence: its document and its id in the reader's sentences of that document "
                "(national-gwr-2021:P11.2).",
                unique=True,
            ),
            Field("document", "string", "The corpus document (xindu_plan.corpus) the sentence is from."),
            Field("text", "string", "The sentence as the reader gives it."),
            *_coding_fields(None)[1:],
        ),
        ("sentence_id",),
        (
            ForeignKey(("coder_1_subtopic",), "subtopics", ("cap_subtopic",)),
            ForeignKey(("coder_2_subtopic",), "subtopics", ("cap_subtopic",)),
            ForeignKey(("cap_subtopic",), "subtopics", ("cap_subtopic",)),
        ),
    ),
    Table(
        "topic_agreement",
        "Topic coding agreement",
        "Agreement of the two codings before adjudication, on the article's body sentences and on the held-out "
        "sample of national-report sentences, for subtopics and major topics: percent agreement, Cohen's kappa and "
        "Krippendorff's alpha (nominal), each with a 95% percentile bootstrap interval over sentences (2,000 "
        "resamples, seeded), computed from topic_codings and topic_heldout_codings by xindu_plan.coding.",
        (
            Field(
                "sample",
                "string",
                "article (the article's body sentences) or held_out (the sample of topic_heldout_codings).",
                enum=("article", "held_out"),
            ),
            Field("level", "string", "subtopic or major.", enum=("subtopic", "major")),
            Field(
                "measure",
                "string",
                "percent_agreement, cohens_kappa or krippendorff_alpha.",
                enum=("percent_agreement", "cohens_kappa", "krippendorff_alpha"),
            ),
            Field("value", "number", "The figure, rounded to 4 decimals."),
            Field("ci_low", "number", "Lower end of the 95% bootstrap interval (2.5th percentile)."),
            Field("ci_high", "number", "Upper end of the 95% bootstrap interval (97.5th percentile)."),
            Field(
                "units", "integer", "Sentences coded by both coders (a sentence left uncoded is a category).", minimum=1
            ),
            Field("agreed", "integer", "Sentences the coders coded alike at this level.", minimum=0),
            Field("categories", "integer", "Distinct codes used by either coder at this level.", minimum=1),
        ),
        ("sample", "level", "measure"),
    ),
    Table(
        "targets",
        "Numeric targets",
        "Every quantitative commitment, extracted by the grammar in xindu_plan.quantities.",
        (
            _id("target_id", "the target", r"T\d+"),
            Field("measure_id", "string", "The measure the target is in."),
            Field("sentence_id", "string", "The sentence the target is in."),
            Field("indicator", "string", "The indicator as written (签约引进市级重大项目 …)."),
            Field("number", "string", "The number as written."),
            Field("value", "number", "The number's value."),
            Field("unit", "string", "The unit as written, with its magnitude (亿元, 个, %)."),
            Field("value_base", "number", "The value in the base unit (亿元 → yuan)."),
            Field("base_unit", "string", "The base unit: yuan, count, percent, person, kg …"),
            Field(
                "comparator",
                "string",
                "at_least, at_most, more_than, less_than, about or equal; empty for an exact count.",
                required=False,
                enum=tuple(COMPARATORS),
                categories=Categories(labels=COMPARATORS),
            ),
            Field("comparator_written", "string", "The comparator as written (以上 …).", required=False),
            Field(
                "change",
                "string",
                "increase or decrease when the target is a change (增长 …).",
                required=False,
                enum=tuple(CHANGES),
                categories=Categories(labels=CHANGES),
            ),
            Field("change_written", "string", "The change word as written.", required=False),
            Field("action", "string", "The verb before the number for targets of the form 建设19所….", required=False),
            Field("hedge", "string", "The hedge verb as written (力争), when there is one.", required=False),
            Field("hedge_en", "string", "English meaning of the hedge.", required=False),
            Field("period", "string", "The period as written (全年), when the text says.", required=False),
            Field("period_start_year", "integer", "First year of the period.", required=False),
            Field("period_end_year", "integer", "Last year of the period.", required=False),
            Field("gloss_en", "string", "English gloss of the target (curated)."),
            Field("indicator_start", "integer", "Offset of the indicator in the restored text.", minimum=0),
            Field("indicator_end", "integer", "Offset just after the indicator.", minimum=0),
            Field("number_start", "integer", "Offset of the number in the restored text.", minimum=0),
            *_spans("the target's clause"),
        ),
        ("target_id",),
        (_MEASURE_FK, _SENTENCE_FK),
    ),
    Table(
        "terms",
        "Quoted terms",
        "Every distinct expression the text puts in “…” quotes: slogans, programme names, brands.",
        (
            _id("term_id", "the term (curated)", r"Q\d{2}"),
            Field("term", "string", "The expression as written inside the quotes.", unique=True),
            Field(
                "kind",
                "string",
                "Kind of term: " + "; ".join(f"{k}: {v}" for k, v in TERM_KINDS.items()) + ".",
                enum=tuple(TERM_KINDS),
                categories=Categories(labels=TERM_KINDS),
            ),
            Field("gloss_en", "string", "English gloss (curated)."),
            Field(
                "gloss_reference",
                "string",
                "For a contested gloss: the English-language usage it follows or avoids, with its reference.",
                required=False,
            ),
            Field(
                "mentions",
                "integer",
                "Number of rows in term_mentions: quoted occurrences, and unquoted ones that stand as a word "
                "(xindu_plan.mentions).",
                minimum=1,
            ),
        ),
        ("term_id",),
    ),
    Table(
        "term_mentions",
        "Term mentions",
        "One row per occurrence of a term in the text: every quoted one, and every unquoted one whose first "
        "and last characters fall on jieba token boundaries (a single-character term counts only in quotes).",
        (
            Field("term_id", "string", "The term."),
            Field("occurrence", "integer", "Occurrence number of the term, from 1.", minimum=1),
            Field("sentence_id", "string", "The sentence of the occurrence."),
            Field("quoted", "boolean", "Whether this occurrence stands in “…” quotes."),
            *_spans("the occurrence"),
        ),
        ("term_id", "occurrence"),
        (ForeignKey(("term_id",), "terms", ("term_id",)), _SENTENCE_FK),
    ),
    Table(
        "entities",
        "Named entities",
        "Places, organisations, firms, venues, parks, projects and events the text names.",
        (
            _id("entity_id", "the entity (curated)", r"E\d{2}"),
            Field("name", "string", "The name as written.", unique=True),
            Field("aliases", "string", "Other forms in the text, separated by |.", required=False),
            Field(
                "type",
                "string",
                "Type: " + "; ".join(f"{k}: {v}" for k, v in ENTITY_TYPES.items()) + ".",
                enum=tuple(ENTITY_TYPES),
                categories=Categories(labels=ENTITY_TYPES),
            ),
            Field(
                "name_pinyin",
                "string",
                "The name in tone-marked pinyin syllables (pypinyin, with the overrides in data/curation/pinyin.csv); "
                "Latin names as written.",
            ),
            Field("name_en", "string", "English name (curated)."),
            Field("mentions", "integer", "Number of rows in entity_mentions.", minimum=1),
        ),
        ("entity_id",),
    ),
    Table(
        "entity_mentions",
        "Entity mentions",
        "One row per occurrence of an entity's name or alias: the longest name at a position, no overlaps, and "
        "inside “…” quotes only a whole item of the quoted expression (xindu_plan.mentions).",
        (
            Field("entity_id", "string", "The entity."),
            Field("occurrence", "integer", "Occurrence number of the entity, from 1.", minimum=1),
            Field("surface", "string", "The form as written."),
            Field("sentence_id", "string", "The sentence of the occurrence."),
            *_spans("the occurrence"),
        ),
        ("entity_id", "occurrence"),
        (ForeignKey(("entity_id",), "entities", ("entity_id",)), _SENTENCE_FK),
    ),
    Table(
        "annotations",
        "Pinyin annotations",
        "Every bracketed pinyin reading the converter appended in the raw copy, checked against the readings pypinyin "
        "knows for the restored character.",
        (
            _id("annotation_id", "the annotation", r"A\d{3}"),
            Field("raw_start", "integer", "Offset of the annotated character in the raw copy.", minimum=0),
            Field("raw_end", "integer", "Offset just after the closing bracket in the raw copy.", minimum=0),
            Field("char_raw", "string", "The annotated character as in the raw copy."),
            Field("reading", "string", "The reading in the brackets."),
            Field("start", "integer", "Offset of the restored character in the restored text.", minimum=0),
            Field("char", "string", "The restored character."),
            Field(
                "fits",
                "boolean",
                "Whether the reading is one pypinyin knows for the restored character (heteronyms allowed).",
            ),
            Field(
                "known_readings",
                "string",
                "The readings pypinyin knows, separated by |; empty when it knows none.",
                required=False,
            ),
        ),
        ("annotation_id",),
    ),
    Table(
        "repairs",
        "Repairs",
        "Every place where a reviewed repair rule (data/curation/repairs.csv) changed the text after script "
        "conversion.",
        (
            Field("repair_id", "string", "The rule."),
            Field("occurrence", "integer", "Occurrence number of the rule, from 1.", minimum=1),
            Field("found", "string", "The phrase found after script conversion."),
            Field("replacement", "string", "The phrase written instead."),
            Field("reason", "string", "Why a character-level conversion cannot recover it."),
            *_spans("the repaired phrase"),
        ),
        ("repair_id", "occurrence"),
    ),
)

_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    """Return the table called ``name``.

    Raises:
        LookupError: there is no such table.
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise NotFoundError(f"no table named {name!r}; the tables are {', '.join(_BY_NAME)}") from None
