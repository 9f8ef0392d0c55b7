"""``python -m xindu_plan`` runs the command line (:func:`xindu_plan.cli.main`)."""

from __future__ import annotations

import sys

from xindu_plan.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main())
