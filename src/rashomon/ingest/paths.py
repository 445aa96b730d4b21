"""Which inputs a list of command-line paths names: files, folders walked recursively
(each real folder once, so symlink loops end), and ``-`` for standard input.

A path is shown (in errors, and stored as a document's origin) as valid UTF-8 text on
one line: the bytes of a file name that are not UTF-8, and control characters (a newline
in a name), are written as ``\\xNN`` escapes; the file is still read, and the name is
reported once so that it can be renamed."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

STDIN = "-"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, kw_only=True, slots=True)
class InputSource:
    """A file to read, or standard input when ``path`` is None."""

    path: Path | None

    @property
    def origin(self) -> str:
        return "<stdin>" if self.path is None else shown(self.path)


def shown(path: Path) -> str:
    """``path`` as valid UTF-8 text on one line: bytes of a file name that are not UTF-8
    (which Python keeps as lone surrogates, and which SQLite and terminals refuse) and
    control characters become ``\\xNN`` escapes."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def list_sources(paths: Iterable[str | Path]) -> Iterator[InputSource | InputError]:
    """Expand paths into input sources, in a stable (sorted) order.

    Hidden files and folders inside a walked folder are skipped; a path named explicitly
    is always read. A path that does not exist is reported, and the rest go on.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        if str(raw) == STDIN:
            yield InputSource(path=None)
            continue
        yield from _expand(Path(raw), seen_dirs, named=True)


def _expand(
    path: Path, seen_dirs: set[tuple[int, int]], *, named: bool
) -> Iterator[InputSource | InputError]:
    """One path: a folder is walked, a file is a source, anything else an error (inside
    a walked folder, sockets and devices are passed over silently)."""
    if path.is_dir():
        yield from _walk(path, seen_dirs)
    elif path.is_file():
        origin = shown(path)
        if origin != str(path):
            yield InputError(
                origin,
                "file-name",
                "the file name is not valid UTF-8 or holds control characters (shown and "
                "stored with \\xNN escapes); the file is read all the same: rename it to "
                "keep its name readable",
            )
        yield InputSource(path=path)
    elif path.is_symlink():
        yield InputError(shown(path), "unreadable", "cannot read: broken symbolic link")
    elif named and path.exists():
        yield InputError(shown(path), "unreadable", "not a regular file or folder")
    elif named:
        yield InputError(shown(path), "unreadable", "no such file or folder")


def _walk(root: Path, seen_dirs: set[tuple[int, int]]) -> Iterator[InputSource | InputError]:
    try:
        info = root.stat()
    except OSError as exc:
        yield InputError(shown(root), "unreadable", f"cannot read folder: {exc.strerror}")
        return
    key = (info.st_dev, info.st_ino)
    if key in seen_dirs:
        return
    seen_dirs.add(key)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(shown(root), "unreadable", f"cannot read folder: {exc.strerror}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        yield from _expand(Path(entry.path), seen_dirs, named=False)
