"""The one call that runs up across the layers: ``load(validate=True)`` → the validation.

Loading a plan (the dataset layer) never imports the build or the schemas (the
derivation layer above it). The package registers the derivation layer's check
here when it is imported (:mod:`xindu_plan`), and :func:`~xindu_plan.dataset.plan.load`
calls it through :func:`validator`; the check itself is imported only when it runs.

>>> callable(validator())
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["register_validator", "validator"]

_VALIDATOR: list[Callable[..., None]] = []


def register_validator(check: Callable[..., None]) -> None:
    """Set the check that ``load(validate=True)`` runs on a loaded plan (replacing any earlier one)."""
    _VALIDATOR[:] = [check]


def validator() -> Callable[..., Any]:
    """Return the registered check.

    Raises:
        RuntimeError: none is registered (the package :mod:`xindu_plan` registers it on import,
            so this means the module was loaded outside the package).
    """
    if not _VALIDATOR:
        raise RuntimeError("no validation is registered: import xindu_plan, which registers it")
    return _VALIDATOR[0]
