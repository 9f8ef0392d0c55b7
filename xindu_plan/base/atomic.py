"""Write a file or folder atomically, and replace only what this program wrote.

Output is written into a temporary folder *beside* the target (never inside it)
and renamed into place. ``overwrite`` replaces an existing target only when it is
what this program writes: a regular file that passes the caller's test (for
SQLite, its application id), or a folder carrying the marker file
:data:`MARKER` and nothing it does not list. The working folder, its parents,
the home folder and ``/`` are never replaced. Two writers racing for the same
target: the first to finish wins; the others find the target changed since they
started, leave it alone and say so.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from xindu_plan._version import __version__
from xindu_plan.base.errors import XinduPlanError

__all__ = ["MARKER", "replace_files", "write_atomically"]

#: The file that marks a folder as written by xindu-plan; it lists the folder's files.
MARKER = ".xindu-plan.json"


def _protected(out: Path) -> str | None:
    """Why ``out`` may never be replaced, or None."""
    resolved = out.resolve()
    cwd = Path.cwd().resolve()
    if resolved == cwd:
        return "is the working folder"
    if resolved in cwd.parents:
        return "is a parent of the working folder"
    try:
        home: Path | None = Path.home().resolve()
    except (RuntimeError, KeyError, OSError):  # no home folder known
        home = None
    if resolved == home:
        return "is the home folder"
    if resolved == Path(resolved.anchor):
        return "is the root of the file system"
    return None


def _marked_files(folder: Path) -> set[str] | None:
    """The files a folder's marker lists, or None when it has no readable marker of ours."""
    try:
        data = json.loads((folder / MARKER).read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("written_by") != "xindu-plan" or not isinstance(data.get("files"), list):
        return None
    return {str(f) for f in data["files"]}


def _refusal(out: Path, folder: bool, is_ours: Callable[[Path], bool] | None) -> str | None:
    """Why an existing ``out`` is not ours to replace, or None."""
    info = out.lstat()
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link"
    if folder:
        if not stat.S_ISDIR(info.st_mode):
            return "is not a folder this program wrote"
        listed = _marked_files(out)
        if listed is None:
            return f"is a folder this program did not write (it has no {MARKER})"
        return _unlisted(out, listed)
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
        return f"is {kind}, not a file this program wrote"
    if is_ours is not None and not is_ours(out):
        return "is a file this program did not write"
    return None


def _unlisted(folder: Path, listed: set[str], prefix: str = "") -> str | None:
    """Why ``folder`` holds something its marker does not list (files by relative path), or None."""
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        name = prefix + entry.name
        if name == MARKER:
            continue
        if entry.is_dir(follow_symlinks=False) and any(f.startswith(name + "/") for f in listed):
            why = _unlisted(Path(entry.path), listed, name + "/")
            if why:
                return why
        elif name not in listed or not entry.is_file(follow_symlinks=False):
            return f"holds {name}, which this program did not write"
    return None


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    return (info.st_dev, info.st_ino, info.st_mtime_ns)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` while the target is swapped (POSIX; elsewhere a no-op)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def write_atomically(
    out: Path,
    write: Callable[[Path], None],
    *,
    overwrite: bool = False,
    error: type[XinduPlanError] = XinduPlanError,
    folder: bool = False,
    is_ours: Callable[[Path], bool] | None = None,
) -> Path:
    """Call ``write(tmp)`` on a temporary path beside ``out``, then rename it to ``out``.

    ``folder=True``: ``write`` makes a folder, to which the marker :data:`MARKER`
    is added (listing every file in it, by path relative to it). ``is_ours``: for
    a single file, whether an existing file is one this program wrote. A failure
    or Ctrl-C inside ``write`` leaves nothing at ``out`` and no temporary file behind.

    Raises:
        error: ``out`` exists (without ``overwrite``) or is not ours to replace,
            is a protected folder, its folder does not exist or cannot be
            written, or another writer replaced it meanwhile.
    """
    given = Path(out)
    shown = str(out) or "."
    out = Path(os.path.abspath(out))
    why = _protected(out)
    if why:
        raise error(f"{shown} {why}; refusing to write there, choose a new path")
    parent = out.parent
    if not parent.is_dir():
        raise error(f"{parent} is not an existing folder")
    before = _identity(out)
    if before is not None:
        if not overwrite:
            raise error(f"{shown} already exists; choose another path or pass --overwrite")
        why = _refusal(out, folder, is_ours)
        if why:
            raise error(f"{shown} {why}; --overwrite replaces only output of xindu-plan, so it was left as it is")
    try:
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.", suffix=".tmp"))
    except OSError as err:
        raise error(f"{parent}: cannot write there ({err.strerror})") from None
    try:
        target = tmp / "out"
        write(target)
        if folder:
            files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if not p.is_dir())
            marker = {"written_by": "xindu-plan", "version": __version__, "files": files}
            (target / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        with _locked(parent):
            if _identity(out) != before:
                raise error(f"{shown} was written by another process while this one ran; it was left as it is")
            if before is not None and folder:
                os.rename(out, tmp / "old")  # ours, checked above; removed with tmp below
                try:
                    os.rename(target, out)
                except OSError:
                    os.rename(tmp / "old", out)
                    raise
            else:
                os.replace(target, out)
    except OSError as err:
        raise error(f"{shown}: cannot write ({err.strerror or err})") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return given


def replace_files(root: Path, files: Mapping[str, bytes], *, error: type[XinduPlanError] = XinduPlanError) -> None:
    """Replace several files under ``root`` all together, or none of them.

    Every file is first written (mode 0644) into a temporary folder beside them
    in ``root``; then each is swapped in, the old one kept aside until all are in
    place. A failure part-way puts every old file back. Files are swapped in the
    order given, so give the one that describes the others (``datapackage.json``)
    last.

    Raises:
        error: a file cannot be written; nothing under ``root`` has changed.
    """
    try:
        staging = Path(tempfile.mkdtemp(dir=root, prefix=".xindu-plan-build.", suffix=".tmp"))
    except OSError as err:
        raise error(f"{root}: cannot write there ({err.strerror})") from None
    done: list[tuple[Path, Path | None]] = []  # (target, its old copy or None when it is new)
    made: list[Path] = []  # folders created for new files
    try:
        for n, data in enumerate(files.values()):
            new = staging / "new" / str(n)
            new.parent.mkdir(exist_ok=True)
            fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(new, 0o644)  # whatever the umask: the published files are world-readable
        (staging / "old").mkdir()
        for n, name in enumerate(files):
            target = root / name
            for folder in reversed([*target.relative_to(root).parents][:-1]):
                if not (root / folder).is_dir():
                    (root / folder).mkdir()
                    made.append(root / folder)
            old: Path | None = None
            if os.path.lexists(target):
                old = staging / "old" / str(n)
                os.replace(target, old)
            done.append((target, old))
            os.replace(staging / "new" / str(n), target)
    except BaseException as err:
        for target, old in reversed(done):
            if old is not None:
                os.replace(old, target)
            else:
                target.unlink(missing_ok=True)
        for folder in reversed(made):
            folder.rmdir()
        if isinstance(err, OSError):
            what = err.filename or "a file"
            raise error(f"{root}: cannot write {what} ({err.strerror}); nothing was changed") from None
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
