"""The declarations of the topic-coding tables: the CAP codebook, the sentences and their two codings.

:data:`CODING_TABLES` declares, in the order of :data:`xindu_plan.base.tables.TABLES`,
the CAP major topics (:data:`CAP_CODES`) and subtopics, the sentences with their
published topic and translation, the two coders' codings of the article and of a
held-out sample (their columns built by :func:`_coding_fields`), and the agreement
of the two codings.

>>> [t.name for t in CODING_TABLES][:3], len(_coding_fields(None))
(['topics', 'subtopics', 'sentences'], 13)
"""

from __future__ import annotations

from xindu_plan.base.contract import (
    _MEASURE_FK,
    _PARAGRAPH_FK,
    _SECTION_FK,
    _SENTENCE_FK,
    Categories,
    Field,
    ForeignKey,
    Table,
    _id,
    _spans,
)

__all__ = ["CAP_CODES", "CODING_TABLES"]

CAP_CODES = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23)
#: CAP major topic codes are labelled from the topics table (data/curation/cap_topics.csv).
_CAP_TOPICS = Categories(table="topics", value="cap_code", label="label_en")
_CAP_SUBTOPICS = Categories(table="subtopics", value="cap_subtopic", label="label_en")


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


CODING_TABLES: tuple[Table, ...] = (
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
        "resamples, seeded), computed from topic_codings and topic_heldout_codings by xindu_plan.dataset.coding.",
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
)
