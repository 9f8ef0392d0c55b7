"""The declarations of the tables of the article and its structure: document, paragraphs, sections, measures.

:data:`ARTICLE_TABLES` declares, in the order of :data:`xindu_plan.base.tables.TABLES`,
the one row describing the source article and the tables of its paragraphs (kinds
in :data:`PARAGRAPH_KINDS`), its six pillars and its 21 measures.

>>> [t.name for t in ARTICLE_TABLES]
['document', 'paragraphs', 'sections', 'measures']
"""

from __future__ import annotations

from xindu_plan.base.contract import _MEASURE_FK, _PARAGRAPH_FK, _SECTION_FK, Categories, Field, Table, _id, _spans

__all__ = ["ARTICLE_TABLES", "PARAGRAPH_KINDS"]

#: Paragraph kinds of the plan, with their meaning.
PARAGRAPH_KINDS = {
    "byline": "the author's name above the text",
    "lead": "an opening paragraph before the first pillar",
    "section_heading": "the heading of a pillar (围绕“…”攻坚提质，…)",
    "section_intro": "a paragraph of a pillar that states no measure",
    "measure": "a paragraph stating a measure, opened by its lead phrase",
    "signature": "the signature at the end (作者 and the author's office)",
}

ARTICLE_TABLES: tuple[Table, ...] = (
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
)
