"""The Data Package descriptor, ``datapackage.json``, and the dataset's curated identity.

:func:`_dataset` reads ``data/curation/dataset.toml`` (title, creator, DOI and
homepage) and checks it; :func:`_descriptor` writes the Data Package 2.0
descriptor: every table's resource with its bytes, hash and schema, the restored
text and the raw copy, the description, licences, rights and sources.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from xindu_plan._version import __release_date__, __version__
from xindu_plan.base import tables as T
from xindu_plan.base.digest import sha256
from xindu_plan.base.errors import BuildError
from xindu_plan.derivation.build.inputs import SOURCE_FILE, TEXT_FILE
from xindu_plan.reading import curation
from xindu_plan.reading.curation import CURATION

__all__ = ["DATASET_FILE", "PACKAGE_PROFILE", "_dataset", "_descriptor"]


#: The Data Package 2.0 profile the descriptor declares.
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
DATASET_FILE = f"{CURATION}/dataset.toml"
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def _dataset(root: Path) -> dict[str, str]:
    """Read ``data/curation/dataset.toml``: title, creator, doi and homepage (the last two may be empty)."""
    data = curation.read_toml(root, DATASET_FILE.removeprefix(f"{CURATION}/"))
    out = {}
    for key in ("title", "creator", "doi", "homepage"):
        value = data.get(key, "")
        if not isinstance(value, str) or (key in ("title", "creator") and not value.strip()):
            raise BuildError(
                f"{DATASET_FILE}: {key} must be {'a non-empty' if key in ('title', 'creator') else 'a'} string"
            )
        out[key] = value.strip()
    if out["doi"] and not _DOI.match(out["doi"]):
        raise BuildError(f"{DATASET_FILE}: doi {out['doi']!r} is not a bare DOI such as 10.5281/zenodo.1234567")
    if out["homepage"] and not out["homepage"].startswith("https://"):
        raise BuildError(f"{DATASET_FILE}: homepage {out['homepage']!r} does not start with https://")
    return out


def _descriptor(
    files: dict[str, bytes], raw_sha: str, rows: dict[str, list[dict[str, Any]]], dataset: dict[str, str]
) -> dict[str, Any]:
    resources = []
    for table in T.TABLES:
        resources.append(table.resource(files[table.file], schema=table.schema(rows)))
    text = files[TEXT_FILE]
    resources.append(
        {
            "name": "article",
            "path": TEXT_FILE,
            "title": "Restored text",
            "description": "The article restored to standard Simplified Chinese, one paragraph per line, no final "
            "line break. Offsets in every table count code points of this file.",
            "format": "txt",
            "mediatype": "text/plain",
            "encoding": "utf-8",
            "bytes": len(text),
            "hash": f"sha256:{sha256(text)}",
        }
    )
    raw = files[SOURCE_FILE]
    resources.append(
        {
            "name": "source",
            "path": SOURCE_FILE,
            "title": "The article as received",
            "description": "The damaged copy as received, byte for byte: Traditional characters with bracketed pinyin "
            "and ASCII commas.",
            "format": "txt",
            "mediatype": "text/plain",
            "encoding": "utf-8",
            "bytes": len(raw),
            "hash": f"sha256:{raw_sha}",
        }
    )
    doc = rows["document"][0]
    family, given = str(doc["author_pinyin"]).split(" ", 1)
    identity: dict[str, Any] = {}
    if dataset["doi"]:
        identity["id"] = f"https://doi.org/{dataset['doi']}"
    if dataset["homepage"]:
        identity["homepage"] = dataset["homepage"]
    return {
        "$schema": PACKAGE_PROFILE,
        "name": "xindu-plan",
        **identity,
        "title": dataset["title"],
        "description": (
            f"An article by {doc['author']} ({doc['author_pinyin']}), Party Secretary of Xindu District, Chengdu, "
            "setting out the district's priorities for 2021, the first year of the 14th Five-Year Plan, under six "
            "pillars with 21 measures and numeric targets; restored from a damaged copy and published as linked "
            "tables, every text-bearing row with its span in the restored text and the raw copy. The copy has no "
            "headline, venue or date."
        ),
        "version": __version__,
        "keywords": [
            "China",
            "14th Five-Year Plan",
            "local government",
            "policy text",
            "Chengdu",
            "Xindu",
            "Comparative Agendas Project",
        ],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0: the derived tables, curation files and restored-text "
                "structure (see LICENSE-DATA)",
            },
        ],
        "rights": (
            f"The article's text is the work of its author, {doc['author']} ({doc['author_pinyin']}); its copyright "
            "stays with him and is not licensed by this package. It is included for research and quotation (see "
            "NOTICE-SOURCE.md). Our tables and annotations are CC-BY-4.0; our code is MIT."
        ),
        "sources": [
            {
                "title": str(doc["title"]),
                "path": SOURCE_FILE,
                "hash": f"sha256:{raw_sha}",
                "description": "The article as received: a damaged copy in Traditional characters with bracketed "
                f"pinyin and ASCII commas; no headline, venue or date; written between {doc['date_earliest']} and "
                f"{doc['date_latest']} (see data/document.csv).",
                "authors": [
                    {
                        "title": f"{doc['author']} ({doc['author_pinyin']})",
                        "familyName": family,
                        "givenName": given,
                        "organization": "中共成都市新都区委 (CPC Xindu District Committee), Party Secretary",
                    }
                ],
                "language": str(doc["language"]),
                "dateEarliest": str(doc["date_earliest"]),
                "dateLatest": str(doc["date_latest"]),
                "rights": f"© {doc['author']} ({doc['author_pinyin']}); not licensed by this package, included for "
                "research and quotation (NOTICE-SOURCE.md).",
            },
            {
                "title": "Comparative Agendas Project, Master Codebook (major topics and subtopics)",
                "path": "https://www.comparativeagendas.net/pages/master-codebook",
                "description": "Bevan, S. (2019). Gone Fishing: The Creation of the Comparative Agendas Project "
                "Master Codebook. In F. R. Baumgartner, C. Breunig & E. Grossman (Eds.), Comparative "
                "Policy Agendas: Theory, Tools, Data. Oxford University Press.",
            },
            {
                "title": "politicaldata (R package): cap_subtopics, a transcription of the CAP master codebook's "
                "subtopics",
                "path": "https://github.com/elliottmorris/politicaldata",
                "description": "Morris, G. E. (2019). politicaldata: Tools for Acquiring and Analyzing Political Data "
                "(CRAN 0.1.x), file ext/data/cap_subtopics.csv: the 213 subtopic numbers and English labels that "
                "data/curation/cap_subtopics.csv follows.",
            },
            {
                "title": "Web copy of the same damaged text, dated 22 February 2021",
                "path": "http://www.victorzhang.cn/page/2021/0222/7583443.shtml",
                "description": "Evidence for date_latest (2021-02-22): the address's path carries the date 2021/0222 "
                "and the page holds the same damaged text as the copy received. Not archived by this package: "
                "what the address shows today cannot be checked from the package.",
            },
            {
                "title": "GB/T 2260 Codes for the administrative divisions of the People's Republic of China",
                "path": "https://www.mca.gov.cn/mzsj/xzqh/2020/20201201.html",
                "description": "Source of jurisdiction_code 510114 (成都市新都区).",
            },
            {
                "title": "OpenCC t2s, pypinyin and cn2an",
                "path": "https://github.com/BYVoid/OpenCC",
                "description": "Script conversion (OpenCC t2s), readings for the annotation check and author/entity "
                "pinyin (pypinyin), Chinese numerals (cn2an).",
            },
        ],
        "contributors": [{"title": dataset["creator"], "roles": ["creator"]}],
        "created": f"{__release_date__}T00:00:00Z",
        "resources": resources,
    }
