"""The base: what every other layer stands on.

The table contract (:mod:`~xindu_plan.base.tables`, :mod:`~xindu_plan.base.contract`),
the error types, plain values, digests, the package's own resources, the atomic
writing of outputs, the bounded reading of inputs, the local process pool, and
the one hook by which the dataset layer reaches the validation above it. A module
here imports only the standard library, third-party packages, ``xindu_plan._version``
and other modules of the base.
"""
