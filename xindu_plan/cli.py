"""The ``xindu-plan`` command line, thin over the library.

Exit codes: 0 success, 1 a check failed, 2 bad usage or input (or a file that
cannot be read or written), 130 interrupted. A user's mistake, a full disk, a
terminal that cannot show Chinese or Ctrl-C gets one sentence on standard error,
never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from xindu_plan._version import __version__
from xindu_plan.base.errors import XinduPlanError

__all__ = ["main", "parser"]

_EPILOG = (
    "Exit status: 0 success, 1 a check failed, 2 bad usage or input (or a file that cannot be read or written), "
    "130 interrupted."
)


def _print(data: Any, as_json: bool, human: str) -> None:
    print(json.dumps(data, ensure_ascii=not _unicode_stdout(), indent=2) if as_json else human)


def _unicode_stdout() -> bool:
    """Whether standard output can show Chinese (else JSON is written with \\u escapes)."""
    return str(getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "").replace("_", "") in (
        "utf8",
        "utf16",
        "utf32",
        "gb18030",
    )


def _tolerant_streams() -> None:
    """Make standard output replace what its encoding cannot show, rather than fail."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or detached stream: nothing to do
                reconfigure(errors=errors)


def _table(rows: list[dict[str, Any]], columns: Sequence[str]) -> str:
    widths = {c: max(len(c), *(_width(str(r.get(c, ""))) for r in rows)) if rows else len(c) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
    lines.append("  ".join("-" * widths[c] for c in columns))
    for r in rows:
        lines.append("  ".join(_pad(str(r.get(c, "")), widths[c]) for c in columns))
    return "\n".join(lines)


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


def _cmd_info(args: argparse.Namespace) -> int:
    from xindu_plan.dataset.package import summary

    info = summary()
    d, counts = info["document"], info["rows"]
    data = {
        "version": info["version"],
        "content_sha256": info["content_hash"],
        "source_sha256": d["raw_sha256"],
        "text_sha256": d["text_sha256"],
        "author": d["author"],
        "author_pinyin": d["author_pinyin"],
        "office": d["author_office"],
        "characters_raw": info["characters_raw"],
        "characters_restored": info["characters_restored"],
        "annotations": counts["annotations"],
        "repairs": counts["repairs"],
        "tables": counts,
    }
    human = "\n".join(
        [
            f"xindu-plan {info['version']}",
            f"source     {d['author']} ({d['author_pinyin']}), {d['author_office']}",
            f"written    between {d['date_earliest']} and {d['date_latest']} (no date in the copy)",
            f"raw copy   sha256 {d['raw_sha256']}  ({info['characters_raw']} characters, "
            f"{counts['annotations']} pinyin annotations)",
            f"restored   sha256 {d['text_sha256']}  ({info['characters_restored']} characters, {counts['repairs']} "
            f"repairs)",
            f"content    sha256 {info['content_hash']}",
            f"structure  {counts['sections']} pillars, {counts['measures']} measures, {counts['sentences']} sentences, "
            f"{counts['targets']} numeric targets, {counts['terms']} quoted terms, {counts['entities']} named entities",
        ]
    )
    _print(data, args.json, human)
    return 0


def _root(given: str | None) -> Path | None:
    """The --root folder, refused with one sentence when it is not a folder."""
    if given is None:
        return None
    root = Path(given)
    if not root.is_dir():
        raise XinduPlanError(f"{root}: --root must be a folder holding datapackage.json")
    return root


def _cmd_verify(args: argparse.Namespace) -> int:
    from xindu_plan.dataset.integrity import verify

    report = verify(_root(args.root))
    data = {
        "ok": report.ok,
        "version": report.version,
        "content_sha256": report.content_hash,
        "checks": [{"path": c.path, "ok": c.ok, "message": c.message} for c in report.checks],
    }
    human = "\n".join(f"{'ok  ' if c.ok else 'FAIL'}  {c.path}  {c.message}" for c in report.checks)
    human += "\n" + (
        "all files match datapackage.json and the package-level rules hold"
        if report.ok
        else f"{len(report.failures)} check(s) failed"
    )
    _print(data, args.json, human)
    return 0 if report.ok else 1


def _cmd_validate(args: argparse.Namespace) -> int:
    from xindu_plan.base.errors import IntegrityError, ValidationError
    from xindu_plan.dataset.plan import load

    root = _root(args.root)
    problems: list[str] = []
    try:
        load(validate=True, root=root)
    except (IntegrityError, ValidationError) as err:
        problems.append(str(err))
    if not args.skip_frictionless:
        problems.extend(_frictionless_problems(root))
    _print(
        {"ok": not problems, "problems": problems},
        args.json,
        "\n".join(problems)
        if problems
        else "valid: "
        + ("" if args.skip_frictionless else "frictionless, ")
        + "schema, re-derivation and package checks pass"
        + (" (frictionless skipped)" if args.skip_frictionless else ""),
    )
    return 1 if problems else 0


def _frictionless_problems(root: Path | None) -> list[str]:
    from frictionless import Package

    from xindu_plan.base.resources import package_root
    from xindu_plan.dataset.package import descriptor

    base = root or package_root()
    descriptor(base)  # every resource path checked before frictionless opens anything
    try:  # not a trusted context: frictionless refuses absolute paths, '..' and remote data too
        report = Package(source=str(base / "datapackage.json")).validate()
    except Exception as err:  # frictionless raises its own types on unreadable input
        return [f"frictionless cannot read {base / 'datapackage.json'}: {err}"]
    out = []
    for task in report.tasks:
        for error in task.errors:
            out.append(f"{task.name}: {error.message}")
    out.extend(str(e.message) for e in report.errors)
    out.extend(f"warning: {w}" for w in report.warnings)
    return out


def _cmd_cite(args: argparse.Namespace) -> int:
    from xindu_plan.dataset.citation import cite

    print(cite(args.format))
    return 0


def _argument(text: str) -> str:
    """An argument as the user typed it: bytes the locale could not decode are read as UTF-8.

    Raises:
        XinduPlanError: the bytes are not UTF-8 either.
    """
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    try:
        return os.fsencode(text).decode("utf-8")
    except UnicodeError:
        raise XinduPlanError(f"the argument {text!a} is not valid UTF-8 text") from None


def _cmd_search(args: argparse.Namespace) -> int:
    from xindu_plan.dataset.search import search_package

    query = _argument(args.query)
    rows = search_package(query)
    if args.json:
        _print([{k: v for k, v in row.items() if k != "sentence"} for row in rows], True, "")
    elif not rows:
        print(f"no sentence contains {query!r}")
    else:
        print(_table(rows, ["sentence_id", "measure_id", "start", "end", "sentence"]))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from xindu_plan.analysis.export import export
    from xindu_plan.dataset.plan import load

    path = export(load(), args.format, Path(args.out), overwrite=args.overwrite)
    print(f"wrote {path}")
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from xindu_plan.derivation.build import build, check

    root = Path(args.root)
    if not (root / "data" / "curation").is_dir():
        raise XinduPlanError(f"{root}: not a source checkout (no data/curation/ folder); pass --root")
    if args.check:
        differing = check(root)
        if differing:
            print("differs from a fresh build: " + ", ".join(differing), file=sys.stderr)
            return 1
        print("data/ and datapackage.json equal a fresh build")
        return 0
    changed = build(root)
    print("wrote " + ", ".join(changed) if changed else "nothing changed")
    return 0


def _cmd_parse(args: argparse.Namespace) -> int:
    from xindu_plan.chinese.quantities import KINDS
    from xindu_plan.reading.reader import parse, read_document

    doc = parse(read_document(Path(args.file), args.max_bytes), name=_name(args.file))
    if args.table:
        frame = getattr(doc, args.table)
        print(
            frame.to_json(orient="records", force_ascii=False, indent=2) if args.json else frame.to_csv(index=False),
            end="",
        )
        return 0
    data = {
        "name": doc.name,
        "restored": doc.restored,
        "metadata": doc.metadata,
        "characters": len(doc.text),
        "paragraphs": len(doc.paragraphs),
        "headings": int((doc.paragraphs["kind"] == "heading").sum()),
        "sections": len(doc.sections),
        "sentences": len(doc.sentences),
        "quantities": len(doc.quantities),
        **{f"  {kind}": int((doc.quantities["kind"] == kind).sum()) for kind in KINDS},
        "terms": len(doc.terms),
        "cleaning": {rule: int(n) for rule, n in doc.cleaning.groupby("rule").size().items()},
    }
    human = "\n".join(f"{k:<14}{v}" for k, v in data.items())
    _print(data, args.json, human)
    return 0


def _name(file: str) -> str:
    return "stdin" if file == "-" else Path(file).stem


def _cmd_compare(args: argparse.Namespace) -> int:
    from xindu_plan import corpus
    from xindu_plan.analysis.comparison import compare, compare_many
    from xindu_plan.dataset.plan import load
    from xindu_plan.reading.reader import Document, parse, read_document

    if not args.files and not args.corpus:
        raise XinduPlanError("give at least one FILE or --corpus NAME (see xindu-plan compare --help)")
    if args.top < 1:
        raise XinduPlanError(f"--top must be at least 1, not {args.top}")
    if args.files.count("-") > 1:
        raise XinduPlanError("standard input (-) can be given only once")
    if args.format != "csv" and args.out is None:
        raise XinduPlanError(f"--format {args.format} says how --out is written; give --out DIR too")
    names = list(corpus.names()) if "all" in args.corpus else list(dict.fromkeys(args.corpus))

    def documents() -> Iterator[Document]:  # read one at a time, as compared
        for file in args.files:
            yield parse(read_document(Path(file), args.max_bytes), name=_name(file))
        for name in names:
            yield corpus.document(name)

    plan = load()
    progress = sys.stderr.isatty()
    if len(args.files) + len(names) == 1:
        result = compare(plan, next(documents()), top=args.top)
    elif args.out is not None:  # many documents: each table written as it is computed
        result = compare_many(
            plan,
            documents(),
            top=args.top,
            passage_texts=True,
            progress=progress,
            out=args.out,
            format=args.format,
            overwrite=args.overwrite,
        )
    else:
        result = compare_many(plan, documents(), top=args.top, passage_texts=True, progress=progress)
    if args.out is not None:
        parquet = args.format == "parquet"
        if not result.omitted:
            write = result.write_parquet if parquet else result.write_csv
            write(Path(args.out), overwrite=args.overwrite)
        written = ", ".join(f"{n}/*.parquet" if parquet else f"{n}.csv" for n in result.tables)
        print(f"wrote {written} and datapackage.json to {args.out}")
    elif args.json:
        print(result.to_json())
    else:
        print(result.to_markdown())
    return 0


def _cmd_scorecard(args: argparse.Namespace) -> int:
    from xindu_plan import corpus
    from xindu_plan.analysis.outcomes import scorecard
    from xindu_plan.reading.reader import Document, parse, read_document

    if args.files.count("-") > 1:
        raise XinduPlanError("standard input (-) can be given only once")
    names = list(corpus.names()) if "all" in args.corpus else list(dict.fromkeys(args.corpus))
    documents: list[Document] = [parse(read_document(Path(f), args.max_bytes), name=_name(f)) for f in args.files]
    documents += [corpus.document(name) for name in names]
    card = scorecard(documents, plan=not args.no_plan, tolerance=args.tolerance)
    if args.out is not None:
        path = card.write(Path(args.out), overwrite=args.overwrite)
        print(f"wrote scorecard.csv, datapackage.json and summary.md to {path}")
    elif args.json:
        print(card.to_json())
    else:
        print(card.to_markdown(), end="")
    return 0


def _tolerance(text: str) -> float:
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"must be from 0 up to (not including) 1, not {text}")
    return value


def _out_options(p: argparse.ArgumentParser, files: str) -> None:
    """``--out DIR`` (a new folder for ``files``) and ``--overwrite`` (only a folder xindu-plan wrote)."""
    p.add_argument("--out", metavar="DIR", help=f"write {files} into this new folder")
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an existing --out folder written by xindu-plan (never another)",
    )


def _corpus_option(p: argparse.ArgumentParser) -> None:
    """``--corpus NAME``: a document of the shipped corpus (repeatable; ``all`` for every one)."""
    from xindu_plan.corpus import names

    p.add_argument(
        "--corpus",
        action="append",
        default=[],
        choices=[*names(), "all"],
        metavar="NAME",
        help="a document of the shipped corpus (repeatable; 'all' for every one): " + ", ".join(names()),
    )


def _max_bytes(p: argparse.ArgumentParser) -> None:
    from xindu_plan.base.input import MAX_BYTES

    def size(text: str) -> int:
        try:
            value = int(text.replace("_", ""))
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number of bytes: {text!r}") from None
        if value < 1:
            raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
        return value

    p.add_argument(
        "--max-bytes",
        type=size,
        default=MAX_BYTES,
        metavar="N",
        help=f"read documents of up to N bytes (default: {MAX_BYTES:,})",
    )


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; given the ``command`` being run, the options of the others
    (some of which need a module imported to list their choices) are left out."""
    parser = argparse.ArgumentParser(
        prog="xindu-plan",
        description="The Xindu District plan for 2021 (first year of the 14th Five-Year Plan) as a validated data "
        "package.",
        epilog=_EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"xindu-plan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_, description=help_, epilog=_EPILOG)

    def full(name: str) -> bool:
        return command is None or command == name

    p = add("info", "Print the dataset version, the source hash and a summary of the text.")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(func=_cmd_info)

    p = add("verify", "Check every file's sha256 against datapackage.json (exit 1 if any differs).")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.add_argument("--root", help="a folder holding datapackage.json (default: the installed package)")
    p.set_defaults(func=_cmd_verify)

    p = add(
        "validate",
        "Validate the tables with frictionless, their schemas, re-derivation and the package-level checks "
        "(exit 1 on failure).",
    )
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.add_argument("--root", help="a folder holding datapackage.json (default: the installed package)")
    p.add_argument(
        "--skip-frictionless", action="store_true", help="run only the schema, re-derivation and package checks"
    )
    p.set_defaults(func=_cmd_validate)

    p = add("cite", "Print a citation of this dataset version and of the article it is built from.")
    if full("cite"):
        from xindu_plan.dataset.citation import FORMATS as CITATION_FORMATS

        p.add_argument(
            "--format",
            choices=CITATION_FORMATS,
            default="text",
            help="citation format, as xindu_plan.cite(format) takes it (default: text); apa and chicago need the "
            "cite extra",
        )
    p.set_defaults(func=_cmd_cite)

    p = add("search", "Find the sentences containing a word or phrase (Simplified or Traditional).")
    p.add_argument("query", help="the word or phrase, e.g. 疫情防控")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(func=_cmd_search)

    p = add("export", "Write every table, with the dataset version and content hash, in another format.")
    if full("export"):
        from xindu_plan.analysis.export import WRITERS

        p.add_argument(
            "format",
            choices=list(WRITERS),
            metavar="FORMAT",
            help="; ".join(f"{w.name}: {w.help}" for w in WRITERS.values()),
        )
    p.add_argument("out", help="the output file (sqlite, duckdb) or folder (the others); must not exist")
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an earlier export at OUT (never another file or folder, the working folder or its parents)",
    )
    p.set_defaults(func=_cmd_export)

    p = add("build", "Rebuild data/ and datapackage.json from the source copy and the curation files.")
    p.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 naming the files that differ from a fresh build"
    )
    p.add_argument("--root", default=".", help="the source checkout (default: the current folder)")
    p.set_defaults(func=_cmd_build)

    p = add("parse", "Parse another plan document (UTF-8, GB18030 or Big5 text) and print its tables or a summary.")
    p.add_argument("file", help="a text file, or - for standard input")
    p.add_argument(
        "--table",
        choices=["paragraphs", "sections", "sentences", "quantities", "targets", "terms", "cleaning"],
        help="print this table as CSV",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead")
    _max_bytes(p)
    p.set_defaults(func=_cmd_parse)

    p = add(
        "compare", "Compare the plan with later plan documents: matching passages, terms, targets, pillar coverage."
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="text files of later documents (UTF-8, GB18030 or Big5)")
    if full("compare"):
        _corpus_option(p)
    p.add_argument("--top", type=int, default=3, help="passages kept per measure, and the decisive one (default: 3)")
    p.add_argument("--json", action="store_true", help="print JSON instead of the Markdown report")
    _out_options(
        p, "decisions.csv, passages.csv, summary.csv, terms.csv, targets.csv, failures.csv and their datapackage.json"
    )
    p.add_argument(
        "--format",
        choices=("csv", "parquet"),
        default="csv",
        help="how --out is written: a CSV file a table (default), or a folder of Parquet part files a table "
        "(needs pyarrow)",
    )
    _max_bytes(p)
    p.set_defaults(func=_cmd_compare)

    p = add(
        "scorecard",
        "Follow each target of the plan and of later documents to its outcome in a later document, with a verdict.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="text files of plan documents (UTF-8, GB18030 or Big5)")
    if full("scorecard"):
        from xindu_plan.analysis.indicators import TOLERANCE

        _corpus_option(p)
        p.add_argument(
            "--tolerance",
            type=_tolerance,
            default=TOLERANCE,
            metavar="SHARE",
            help=f"how far (a share of the figure) an outcome may miss a 左右 target and be met within the hedge "
            f"(default: {TOLERANCE:g})",
        )
    p.add_argument("--no-plan", action="store_true", help="leave out the plan's own targets")
    p.add_argument("--json", action="store_true", help="print JSON instead of the Markdown summary")
    _out_options(p, "scorecard.csv, its datapackage.json and summary.md")
    _max_bytes(p)
    p.set_defaults(func=_cmd_scorecard)
    return parser


def parser() -> argparse.ArgumentParser:
    """Return the command line's argument parser (the book's command-line reference is generated from it)."""
    return _parser()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        _tolerant_streams()
        args = _parser(_command(sys.argv[1:] if argv is None else argv)).parse_args(argv)
        status: int = args.func(args)
        return status
    except XinduPlanError as err:
        return _fail(str(err), err.exit_status)
    except KeyboardInterrupt:
        return _fail("interrupted; nothing was left half-written", 130)
    except BrokenPipeError:
        return 0
    except MemoryError:
        return _fail("out of memory; the input is too large for this machine", 2)
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        return _fail(f"{where}{err.strerror or err}", 2)
    except UnicodeError as err:
        return _fail(f"text that cannot be encoded or decoded ({err})", 2)
    except Exception as err:
        import sqlite3

        if isinstance(err, sqlite3.Error):
            return _fail(f"SQLite: {err}", 2)
        raise


def _command(argv: Sequence[str]) -> str | None:
    """The command named on the line (its first word not starting with ``-``; no global option takes a value)."""
    return next((a for a in argv if not a.startswith("-")), None)


def _fail(message: str, status: int) -> int:
    print(f"xindu-plan: {message}", file=sys.stderr)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
