"""The codebook: every table and column of ``datapackage.json`` as Markdown.

``xindu-plan build`` writes it to ``CODEBOOK.md`` from the descriptor it has just
built, so the codebook is never written twice: types, constraints, categories and
descriptions all come from the table contract (:mod:`xindu_plan.base.tables`) through
the descriptor. The book's codebook page includes the same file.

>>> text = codebook()
>>> text.startswith("# Codebook")
True
>>> "| `cap_code` | integer |" in text
True
"""

from __future__ import annotations

from typing import Any

from xindu_plan.dataset.package import content_hash, descriptor

__all__ = ["codebook"]


def _cell(value: Any) -> str:
    """A Markdown table cell: pipes escaped, line breaks flattened."""
    return str(value).replace("|", "\\|").replace("\n", " ")


def _constraints(field: dict[str, Any]) -> str:
    c = field.get("constraints", {})
    out = []
    if c.get("unique"):
        out.append("unique")
    if "minimum" in c:
        out.append(f"≥ {c['minimum']}")
    if "pattern" in c:
        out.append(f"pattern `{c['pattern']}`")
    if "enum" in c and "categories" not in field:
        out.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
    if "categories" in field:
        out.append("categories below")
    return "; ".join(out)


def codebook(desc: dict[str, Any] | None = None) -> str:
    """Return the codebook of a data package descriptor (default: the shipped one) as Markdown."""
    desc = desc or descriptor()
    tables = [r for r in desc["resources"] if "schema" in r]
    files = [r for r in desc["resources"] if "schema" not in r]
    lines = [
        "# Codebook",
        "",
        f"{desc['title']}, version {desc['version']} (content sha256 `{content_hash(desc)}`).",
        "",
        "Generated from `datapackage.json` by `xindu-plan build`; do not edit by hand. Every table is a UTF-8 CSV "
        "file with a header row; an empty cell is a missing value; booleans are `true`/`false`; dates are "
        "`YYYY-MM-DD`. Offsets count Unicode code points from 0.",
        "",
        "| table | file | description |",
        "|---|---|---|",
        *[f"| [`{r['name']}`](#{r['name']}) | `{r['path']}` | {_cell(r['title'])} |" for r in tables],
        "",
        "Other files: " + "; ".join(f"`{r['path']}` ({r['title'].lower()})" for r in files) + ".",
        "",
    ]
    for r in tables:
        schema = r["schema"]
        lines += [f"## {r['name']}", "", f"**{r['title']}** (`{r['path']}`). {r['description']}", ""]
        lines.append("Primary key: " + ", ".join(f"`{k}`" for k in schema["primaryKey"]) + ".")
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            lines.append(
                f"Foreign key: {', '.join(f'`{f}`' for f in fk['fields'])} → `{ref['resource']}`"
                f" ({', '.join(f'`{f}`' for f in ref['fields'])})."
            )
        lines += ["", "| column | type | required | constraints | description |", "|---|---|---|---|---|"]
        for f in schema["fields"]:
            required = "yes" if f.get("constraints", {}).get("required") else "no"
            lines.append(
                f"| `{f['name']}` | {f['type']} | {required} | {_cell(_constraints(f))} | {_cell(f['description'])} |"
            )
        for f in schema["fields"]:
            if "categories" in f:
                lines += ["", f"Categories of `{f['name']}`:", "", "| value | label |", "|---|---|"]
                lines += [f"| `{c['value']}` | {_cell(c['label'])} |" for c in f["categories"]]
        lines.append("")
    return "\n".join(lines)
