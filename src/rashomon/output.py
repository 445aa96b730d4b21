"""What Rashomon hands to a user: files that appear only when complete, and text a
terminal shows without acting on it.

    with replace_file(Path("quotes.csv")) as out:  # a hidden temporary file beside it
        out.write(data)                            # renamed over quotes.csv at the end
    click.echo(printable(article.title))           # no escape sequences, no controls

Article text is untrusted: a title can carry an escape sequence that retitles the
terminal window or clears the screen, or a bidi override that shows text reversed.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .errors import OutputError

# -- files -------------------------------------------------------------------------------


@contextmanager
def replace_file(path: Path) -> Iterator[IO[bytes]]:
    """A binary stream that becomes ``path`` when the block ends without an error.

    It is a temporary file in the same folder, renamed over ``path`` (``os.replace``,
    atomic within a file system) once written and synced, so a reader never sees half a
    file and a failed write leaves any previous file byte for byte as it was, with no
    temporary file behind. The new file keeps the old one's permissions. A path that
    exists but is no regular file (``/dev/stdout``, a named pipe) is written directly.
    Raises OutputError, naming the path and the fix, when the folder is missing, cannot
    be written to, or the disk fails.
    """
    target = Path(os.path.realpath(path))  # through a symlink, to the file it names
    if target.exists() and not target.is_file():
        with _failing_as_output_error(path), target.open("wb") as out:
            yield out
        return
    temp, handle = _create_temporary(path, target)
    try:
        with _failing_as_output_error(path), os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        with _failing_as_output_error(path):
            if target.exists():
                temp.chmod(stat.S_IMODE(target.stat().st_mode))
            temp.replace(target)  # os.replace: atomic, over any previous file
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _create_temporary(path: Path, target: Path) -> tuple[Path, int]:
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(
            f"cannot write {path}: the folder {folder} does not exist; "
            f"create it (mkdir -p {folder}) or give a file in an existing folder"
        )
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(
            f"cannot write {path}: the file is read-only; make it writable "
            f"(chmod u+w {path}) or give another file"
        )
    while True:
        temp = folder / f".{target.name[:200]}.{secrets.token_hex(4)}.tmp"
        try:
            # 0o666 less the umask, as for any new file; O_EXCL: never someone else's file
            return temp, os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except PermissionError as exc:
            raise OutputError(
                f"cannot write {path}: no permission to create files in {folder}; "
                "give a file in a folder you can write to"
            ) from exc
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc


@contextmanager
def _failing_as_output_error(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; any previous file of that name "
            "is unchanged"
        ) from exc


# -- terminal text -------------------------------------------------------------------------

# ESC-introduced sequences, removed whole: CSI (colours, cursor moves, screen clears);
# OSC, DCS, SOS, PM and APC strings (window titles, hyperlinks, clipboard writes) up to
# their terminator (BEL or ESC \) or the end of the line; two- and three-byte escapes.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]"
)
# C0 controls but tab and newline, DEL, C1 controls (U+0080-U+009F: 8-bit CSI, OSC...),
# and the bidi embeddings, overrides and isolates that make text display reordered
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[{_CONTROL}]")
# what json.dumps(..., ensure_ascii=False) leaves raw of those (it escapes C0 itself)
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` without terminal escape sequences, control characters (but newline and
    tab) or bidi overrides: safe to print, whatever an article held."""
    return _CONTROLS.sub("", _SEQUENCE.sub("", text))


def printable_json(text: str) -> str:
    """JSON text with the characters ``json.dumps(..., ensure_ascii=False)`` leaves raw
    and a terminal could act on (DEL, C1 controls, bidi overrides) written as ``\\uXXXX``
    escapes: the same JSON value, safe to print."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
