"""Writing files that survive a crash, a power cut or a full disk, and saying clearly when they cannot.

A save is durable, not only atomic: data is written and fsynced, then renamed into place, then the
folder itself is fsynced so the rename is on disk too. Files follow the user's umask (a shared export
must be readable by others when the user's umask allows it).
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import save_file

from ..words import integer, number, translate


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once: os.umask can only be read by setting it


class DiskWriteError(OSError):
    """A save that failed (disk full, read-only, no permission). The message names the folder and what to
    do, for the user; `folder` and `needed_bytes` let a caller offer another place."""

    def __init__(self, message: str, folder: Path, needed_bytes: int = 0, cause: OSError | None = None):
        super().__init__(cause.errno if cause else errno.EIO, message)
        self.message, self.folder, self.needed_bytes = message, folder, needed_bytes

    def __str__(self) -> str:
        return self.message


def _size_words(n: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{number(n / size, 1)} {unit}"
    return translate("durable", "{count} bytes").format(count=integer(n))


def write_failure(folder: Path, error: OSError, needed_bytes: int = 0) -> DiskWriteError:
    """The one sentence a user reads when a save fails."""
    if isinstance(error, DiskWriteError):
        return error
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        try:
            free = shutil.disk_usage(folder if folder.exists() else folder.parent).free
        except OSError:
            free = 0
        if needed_bytes:
            message = translate("durable", "The disk is full: nothing more can be saved in {folder}. It needs "
                                           "about {needed} free; {free} are free. Free some space or save "
                                           "elsewhere.").format(folder=folder, needed=_size_words(needed_bytes),
                                                                free=_size_words(free))
        else:
            message = translate("durable", "The disk is full: nothing more can be saved in {folder}. Free some "
                                           "space or save elsewhere.").format(folder=folder)
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        message = translate("durable", "{folder} cannot be written (permission denied or read-only). Choose "
                                       "another folder.").format(folder=folder)
    else:
        message = translate("durable", "Saving to {folder} failed ({why}). Choose another folder.").format(
            folder=folder, why=error.strerror or error)
    return DiskWriteError(message, folder, needed_bytes, error)


def apply_umask(path: Path, directory: bool = False) -> None:
    """Give a file made by mkstemp (always 0600) the permissions a normal file would have."""
    os.chmod(path, (0o777 if directory else 0o666) & ~_UMASK)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable (a no-op where folders cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_text(path: Path, text: str, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, fsync, rename over, fsync the folder: readers see the old
    text or the new one, before and after a crash. `durable=False` skips the fsyncs (still atomic): for
    progress updates rewritten every few seconds, where a crash may lose the last one but never the file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        apply_umask(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


_OS_ERROR = re.compile(r"\(os error (\d+)\)")


def save_tensors(tensors: dict[str, torch.Tensor], path: Path, metadata: dict[str, str] | None = None) -> None:
    """safetensors' save_file, failing as an OSError: a full disk reaches us as a SafetensorError
    ("I/O error: No space left on device (os error 28)"), which handlers of OSError never see."""
    try:
        save_file(tensors, str(path), metadata=metadata)
    except SafetensorError as e:
        found = _OS_ERROR.search(str(e))
        if found is None:
            raise
        Path(path).unlink(missing_ok=True)
        code = int(found.group(1))
        raise OSError(code, os.strerror(code), str(path)) from e
