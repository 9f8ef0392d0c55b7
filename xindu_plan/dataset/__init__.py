"""The data package: reading it, the plan and its records, its rules, citation and codings.

The descriptor and its files (:mod:`~xindu_plan.dataset.package`), the loaded
:class:`~xindu_plan.dataset.plan.Plan` with its records and search, the
package-level rules checked on every load, the integrity check, the citation,
the codebook, the translations and the topic codings with their agreement.
Loading never reaches the build: ``load(validate=True)`` calls the derivation
layer through the one hook of :mod:`xindu_plan.base.hooks`. A module here
imports only the layers below (base, chinese, reading) and this one.
"""
