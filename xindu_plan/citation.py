"""Citation of the dataset in plain text, BibTeX, APA and CFF.

Every style names the dataset version and its content hash
(:func:`xindu_plan.integrity.content_hash`) and credits the source article's author.

>>> "Xu, Xingguo" in cite("bibtex")
True
"""

from __future__ import annotations

from typing import Any

from .integrity import content_hash, descriptor

__all__ = ["STYLES", "cite"]

STYLES = ("text", "bibtex", "apa", "cff")
_TITLE = (
    "xindu-plan: Xindu District's priorities for the first year of the 14th Five-Year Plan, restored and structured"
)
_AUTHOR = "xindu-plan contributors"


def cite(style: str = "text", desc: dict[str, Any] | None = None) -> str:
    """Return a citation of the dataset in ``style`` (text, bibtex, apa or cff).

    Raises:
        ValueError: the style is unknown.
    """
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}")
    desc = desc or descriptor()
    version = str(desc["version"])
    digest = content_hash(desc)
    year = str(desc.get("created", ""))[:4]
    date = str(desc.get("created", ""))[:10]
    if style == "text":
        return (
            f"{_AUTHOR} ({year}). {_TITLE} (version {version}, content sha256 {digest[:12]}) [Data set]. "
            f"Source: 许兴国 (Xu Xingguo), article on Xindu District's priorities for 2021."
        )
    if style == "apa":
        return (
            f"xindu-plan contributors. ({year}). *{_TITLE}* (Version {version}; content sha256 {digest[:12]}) "
            f"[Data set]. Derived from an article by Xu, X. (许兴国)."
        )
    if style == "bibtex":
        return "\n".join(
            [
                f"@dataset{{xindu_plan_{version.replace('.', '_')},",
                f"  title = {{{_TITLE}}},",
                f"  author = {{{{{_AUTHOR}}}}},",
                f"  year = {{{year}}},",
                f"  version = {{{version}}},",
                f"  note = {{Content sha256 {digest}. Source article by Xu, Xingguo (许兴国), "
                "Party Secretary of Xindu District, Chengdu.}},",
                "}",
            ]
        )
    return "\n".join(
        [
            "# Written by `xindu-plan build` from the package metadata; do not edit by hand.",
            "cff-version: 1.2.0",
            'message: "If you use this dataset, please cite it as below."',
            "type: dataset",
            f'title: "{_TITLE}"',
            f'version: "{version}"',
            f'date-released: "{date}"',
            "authors:",
            f'  - name: "{_AUTHOR}"',
            "license: CC-BY-4.0",
            "identifiers:",
            "  - type: other",
            f'    value: "sha256:{digest}"',
            "    description: Content hash over every published file of this version.",
            "keywords:",
            *[f'  - "{k}"' for k in desc.get("keywords", [])],
            "references:",
            "  - type: article",
            "    title: \"Xindu District's priorities for the first year of the 14th Five-Year Plan (descriptive "
            'title; the copy has no headline)"',
            "    authors:",
            "      - family-names: Xu",
            "        given-names: Xingguo",
            '        alias: "许兴国"',
            '        affiliation: "中共成都市新都区委 (CPC Xindu District Committee), Party Secretary"',
            "    languages:",
            "      - zh",
            '    notes: "The copy has no headline, venue or date; written between 2020-12-27 and 2021-02-22. '
            'Copyright remains with the author."',
            "",
        ]
    )
