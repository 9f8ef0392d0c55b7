"""The verdicts, the rules each comparator is judged by, and the scorecard table, described once.

:data:`VERDICTS` and :data:`RULES` say in words what each verdict means and how
each comparator of a target is judged; ``_KINDS`` names the kinds of quantity
that are targets; :data:`SCORECARD` describes the scorecard table column by
column, and its CSV, its Table Schema and its dtypes come from it.
"""

from __future__ import annotations

from xindu_plan.base.tables import Field, Table

__all__ = ["RULES", "SCORECARD", "VERDICTS", "_KINDS"]


#: Verdicts, with their meaning.
VERDICTS = {
    "met": "the outcome meets the target as its comparator says",
    "met_within_hedge": "the outcome misses a 左右 figure on the bad side, by no more than the tolerance",
    "not_met": "the outcome misses the target",
    "no_outcome": "no later document of the input states an outcome of the indicator for the period",
    "not_comparable": "an outcome was found, in a different unit or base, or as a bound that does not settle it",
}
#: How each comparator of a target is judged (x the outcome, T the figure, t the tolerance).
RULES = {
    "at_least": "以上, 不低于, 不少于: met if x ≥ T, else not met.",
    "more_than": "超过, 高于, 突破: met if x > T, else not met.",
    "at_most": "以内, 以下, 不超过, 不高于: met if x ≤ T, else not met.",
    "less_than": "低于, 不到, 不足: met if x < T, else not met.",
    "about": "左右, 上下, 约, 近: on a floor, met if x ≥ T, met within the hedge if x ≥ T − t·|T|; on a ceiling, "
    "met if x ≤ T, within the hedge if x ≤ T + t·|T|; with no direction recorded, met if x = T, within the "
    "hedge if |x − T| ≤ t·|T|; else not met.",
    "range": "a range L–H: on a floor met if x ≥ L, on a ceiling met if x ≤ H, with no direction met if "
    "L ≤ x ≤ H; else not met.",
    "none": "a bare figure (建设19所, 降低20%): on a floor met if x ≥ T, on a ceiling met if x ≤ T, with no "
    "direction met only if x = T; else not met.",
    "hedge": "力争, 确保, 预期, 努力 change no verdict; they are kept in the hedge column.",
    "change": "a target stated as a change (增长6%, 降低3%) is compared with an outcome stated as a change, in the "
    "target's direction (an outcome of 下降1% against 增长5% counts as −1); a level (5.5%, 降到5.5%, 提高到60%) "
    "only with a level.",
    "bound": "an outcome stated as a bound (超过40%, 不到3%) is judged at both ends of what it allows; if the "
    "verdicts differ it is not comparable.",
}


_KINDS = ("target", "plan_target")


def _span_fields(side: str, what: str) -> tuple[Field, ...]:
    return (
        Field(f"{side}_start", "integer", f"Start of {what} in its document's cleaned text (code points).", minimum=0),
        Field(f"{side}_end", "integer", f"End of {what} in its document's cleaned text.", minimum=0),
        Field(
            f"{side}_raw_start",
            "integer",
            f"Start of {what} in the document as given (the input file, or the plan's raw copy).",
            minimum=0,
        ),
        Field(f"{side}_raw_end", "integer", f"End of {what} in the document as given.", minimum=0),
    )


def _outcome_span_fields() -> tuple[Field, ...]:
    return tuple(
        Field(f.name, f.type, f.description + " Empty without an outcome.", required=False, minimum=0)
        for f in _span_fields("outcome", "the outcome")
    )


_MEASURES = {
    "level": "a level (5.5%, 1100万人, 降到5.5%)",
    "increase": "an increase by the value (增长6%)",
    "decrease": "a decrease by the value (降低3%)",
}

#: The scorecard table, described once: its CSV, its Table Schema and its dtypes come from here.
SCORECARD = Table(
    "scorecard",
    "Scorecard",
    "Each target of each document with the outcome a later document of the input states for the same indicator "
    "and period, and a verdict.",
    (
        Field("target_document", "string", "Name of the document that sets the target."),
        Field("target_id", "string", "The target's id in that document (Q… of its quantities; T… for the plan)."),
        Field(
            "target_kind", "string", "target: a goal for one year; plan_target: a goal for a plan period.", enum=_KINDS
        ),
        Field(
            "jurisdiction",
            "string",
            "Whose target it is, as the document states (全国, 成都市新都区); empty if it states none.",
            required=False,
        ),
        Field(
            "ref_start_year",
            "integer",
            "First year the target refers to; empty if the reader found none.",
            required=False,
        ),
        Field(
            "ref_end_year", "integer", "Last year the target refers to; empty if the reader found none.", required=False
        ),
        Field("indicator", "string", "What the target measures, as written."),
        Field(
            "indicator_id",
            "string",
            "The indicator's id in the synonym table, or the wording itself when the table does not list it.",
        ),
        Field(
            "direction",
            "string",
            "floor (more is better) or ceiling (less is better) for this target, from "
            "the synonym table's better and the target's measure; empty when the table records none.",
            required=False,
            enum=("floor", "ceiling"),
        ),
        Field("target_written", "string", "The target's number with its comparator and change words, as written."),
        Field(
            "comparator",
            "string",
            "The target's comparator: at_least, more_than, at_most, less_than, about, range; empty for a bare figure.",
            required=False,
        ),
        Field(
            "hedge",
            "string",
            "A commitment word before the target (力争, 确保, 预期, 努力); changes no verdict.",
            required=False,
        ),
        Field(
            "measure",
            "string",
            "What the target's number is: " + "; ".join(f"{k}: {v}" for k, v in _MEASURES.items()) + ".",
            enum=tuple(_MEASURES),
        ),
        Field("target_value", "number", "The target's figure in base units; empty for a range.", required=False),
        Field("target_low", "number", "Low end of a range target, in base units.", required=False),
        Field("target_high", "number", "High end of a range target, in base units.", required=False),
        Field(
            "base_unit", "string", "The base unit of the target's values (percent, person, kg, yuan …).", required=False
        ),
        Field(
            "band_low",
            "number",
            "Least outcome judged met or met within the hedge, in the target's terms "
            "(base units; for a reduction, its size); empty if there is no least.",
            required=False,
        ),
        Field(
            "band_high",
            "number",
            "Greatest outcome judged met or met within the hedge; empty if there is no greatest.",
            required=False,
        ),
        *_span_fields("target", "the target"),
        Field("target_excerpt", "string", "The target's text (cleaned text from target_start to target_end)."),
        Field(
            "outcome_document", "string", "Name of the document stating the outcome; empty without one.", required=False
        ),
        Field("outcome_id", "string", "The outcome's id in that document (Q…).", required=False),
        Field("outcome_indicator", "string", "What the outcome measures, as written.", required=False),
        Field(
            "outcome_written",
            "string",
            "The outcome's number with its comparator and change words, as written.",
            required=False,
        ),
        Field("outcome_comparator", "string", "The outcome's comparator (超过 → more_than …), if any.", required=False),
        Field(
            "outcome_measure",
            "string",
            "What the outcome's number is (as measure).",
            required=False,
            enum=tuple(_MEASURES),
        ),
        Field("outcome_value", "number", "The outcome in base units, as written.", required=False),
        Field("outcome_base_unit", "string", "The base unit of outcome_value.", required=False),
        Field(
            "outcome_compared",
            "number",
            "The outcome as set against the target: in the target's terms, with "
            "the sign turned when the outcome moves the other way; empty unless comparable.",
            required=False,
        ),
        *_outcome_span_fields(),
        Field(
            "outcome_excerpt",
            "string",
            "The outcome's text (cleaned text from outcome_start to outcome_end).",
            required=False,
        ),
        Field("verdict", "string", "; ".join(f"{k}: {v}" for k, v in VERDICTS.items()) + ".", enum=tuple(VERDICTS)),
        Field("reason", "string", "The verdict worked out in words, with the numbers compared."),
    ),
    ("target_document", "target_id"),
    path="scorecard.csv",
)
