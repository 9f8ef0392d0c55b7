"""The declarations of the tables of what the text names and how it was restored: targets, terms, entities, fixes.

:data:`EXTRACTION_TABLES` declares, in the order of :data:`xindu_plan.base.tables.TABLES`,
the numeric targets (their comparators and changes in :data:`COMPARATORS` and
:data:`CHANGES`), the quoted terms (:data:`TERM_KINDS`) and named entities
(:data:`ENTITY_TYPES`) with their mentions, and the pinyin annotations and
repairs of the restoration.

>>> [t.name for t in EXTRACTION_TABLES][-2:]
['annotations', 'repairs']
"""

from __future__ import annotations

from xindu_plan.base.contract import _MEASURE_FK, _SENTENCE_FK, Categories, Field, ForeignKey, Table, _id, _spans

__all__ = ["CHANGES", "COMPARATORS", "ENTITY_TYPES", "EXTRACTION_TABLES", "TERM_KINDS"]

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

EXTRACTION_TABLES: tuple[Table, ...] = (
    Table(
        "targets",
        "Numeric targets",
        "Every quantitative commitment, extracted by the grammar in xindu_plan.chinese.quantities.",
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
                "(xindu_plan.chinese.mentions).",
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
        "inside “…” quotes only a whole item of the quoted expression (xindu_plan.chinese.mentions).",
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
