"""The deterministic build of ``data/`` and ``datapackage.json``.

Inputs: the raw copy in ``data/source/`` and the reviewed curation files in
``data/curation/``. Outputs: the restored text ``data/text/article.txt``, one CSV
per table of :data:`xindu_plan.base.tables.TABLES`, ``datapackage.json`` (Data Package
2.0) with the bytes and sha256 of every file, and what is generated from it:
``CITATION.cff``, ``.zenodo.json`` and ``CODEBOOK.md``. Building twice gives identical bytes; nothing is
written unless the whole build succeeds (files are written to a temporary folder,
then moved into place).

Run it as ``xindu-plan build [--check] [--root DIR]``.
"""

from __future__ import annotations

from xindu_plan.base.errors import BuildError
from xindu_plan.derivation.build.files import build, build_files, check
from xindu_plan.derivation.build.inputs import SOURCE_FILE

__all__ = ["SOURCE_FILE", "BuildError", "build", "build_files", "check"]
