"""Analysis: comparing the plan with other documents, and following targets to outcomes.

Retrieval of candidate passages, the comparison and its calibrated decision,
the scorecard of targets and outcomes (with the recorded search for the plan's
own outcomes, ``plan_outcomes``), indicator synonyms, the chance scale and the
export of the plan's tables to other formats. A module here imports the layers below (base, chinese,
reading, dataset) and this one, never the derivation beside it.
"""
