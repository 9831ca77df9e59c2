"""Reading files that may be damaged or hostile: run records, checkpoints, lesson files.

A file someone hands us can be a FIFO (open() would block forever), a link to /dev/zero (read()
would never end) or to a file elsewhere on the machine, or simply huge. Everything the app reads
back from disk goes through `read_regular_file`, which refuses all of these with a reason.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from ..words import integer, translate


class UntrustedFileError(ValueError):
    """A file that is not a plain, readable, reasonably sized file; the message says why."""


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a plain file that is not a link, at most `max_bytes` long."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise UntrustedFileError(translate("untrusted", "{name} is missing").format(name=path.name)) from None
    except OSError as e:
        raise UntrustedFileError(translate("untrusted", "{name} cannot be read ({value})").format(name=path.name, value=e.strerror or e)) from None
    if stat.S_ISLNK(st.st_mode):
        raise UntrustedFileError(translate("untrusted", "{name} is a link, not a file (links are not followed)").format(name=path.name))
    if not stat.S_ISREG(st.st_mode):
        raise UntrustedFileError(translate("untrusted", "{name} is not a plain file (it is a folder, pipe or device)").format(name=path.name))
    if st.st_size > max_bytes:
        raise UntrustedFileError(translate("untrusted", "{name} is {st_size} bytes, more than the {max_bytes} "
                                                        "it may be")
                                                                .format(name=path.name, st_size=integer(st.st_size), max_bytes=integer(max_bytes)))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise UntrustedFileError(translate("untrusted", "{name} cannot be read ({value})").format(name=path.name, value=e.strerror or e)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for something else since the lstat
            raise UntrustedFileError(translate("untrusted", "{name} is not a plain file").format(name=path.name))
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise UntrustedFileError(translate("untrusted", "{name} cannot be read ({value})").format(name=path.name, value=e.strerror or e)) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise UntrustedFileError(translate("untrusted", "{name} is larger than the {max_bytes} bytes it may be")
                                     .format(name=path.name, max_bytes=integer(max_bytes)))
    return data


def plain_file_inside(folder: Path, name: object) -> Path | None:
    """`folder / name` when `name` is a bare file name (no folders, no '..') of a plain file there."""
    if not isinstance(name, str) or not name or name in (".", "..") or "/" in name or "\\" in name \
            or "\x00" in name or Path(name).name != name:
        return None
    path = folder / name
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return path if stat.S_ISREG(st.st_mode) else None
