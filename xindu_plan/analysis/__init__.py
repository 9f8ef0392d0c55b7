"""Analysis: comparing the plan with other documents, and following targets to outcomes.

Retrieval of candidate passages, the comparison and its calibrated decision,
the scorecard of targets and outcomes, indicator synonyms, the chance scale and
the export of results. A module here imports the layers below (base, chinese,
reading, dataset) and this one, never the derivation beside it.
"""
