"""Derivation: the build of every table from the source and the curation files, and validation.

:func:`~xindu_plan.derivation.build.build_files` derives the published files;
re-derivation and the schemas (:mod:`~xindu_plan.derivation.schemas`) take a
loaded plan and prove it equal to a fresh derivation. A module here imports the
layers below (base, chinese, reading, dataset) and this one, never the analysis
beside it.
"""
