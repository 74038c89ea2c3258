"""Writing output files safely: whole or not at all, with the right mode, never over a device.

Every file polgraph writes (graphs, reports, pages, exports) goes through
:func:`open_output` or :func:`write_output`:

* a regular file (or a new one) is written to a temporary file beside it and renamed over
  it (``os.replace``): a reader never sees half a file, and a failed write leaves the old
  file as it was;
* the new file keeps the mode (and, for root, the owner) of the file it replaces; a new file
  gets ``0666`` minus the umask, like any file a shell redirection creates (``mkstemp`` alone would give ``0600``);
* a symbolic link is followed: the file it points to is replaced, the link stays;
* a FIFO or a character device (``/dev/stdout``, ``/dev/null``) is written through, in place;
  it is never replaced by a regular file;
* anything else (a folder, a block device, a socket) is refused.

Operating-system failures (full disk, read-only folder, permission denied) become
:class:`~polgraph.errors.OutputError` naming the file and the reason in words.
"""
from __future__ import annotations

import contextlib
import logging
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from polgraph.errors import OutputError

__all__ = ["open_output", "write_output"]

logger = logging.getLogger(__name__)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target(out: Path) -> tuple[Path, os.stat_result | None]:
    """The path to write (symbolic links resolved) and its current status, or None if new."""
    try:
        real = Path(os.path.realpath(out, strict=False))
    except (OSError, RuntimeError) as exc:  # a loop of symbolic links
        raise OutputError(str(out), f"cannot resolve the path ({exc})") from exc
    try:
        status = os.stat(real)
    except FileNotFoundError:
        return real, None
    except OSError as exc:
        raise OutputError(str(out), _words(exc)) from exc
    return real, status


def _words(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    hints = {
        28: "the disk is full; free some space or write elsewhere",  # ENOSPC
        30: "the file system is read-only; write elsewhere",  # EROFS
        13: "permission denied; check the folder's permissions or write elsewhere",  # EACCES
        1: "operation not permitted; check the permissions or write elsewhere",  # EPERM
        122: "the disk quota is exceeded; free some space or write elsewhere",  # EDQUOT
        36: "the file name is too long; choose a shorter one",  # ENAMETOOLONG
    }
    hint = hints.get(exc.errno or 0)
    return f"{reason} ({hint})" if hint else reason


@contextlib.contextmanager
def open_output(out: Path) -> Iterator[IO[bytes]]:
    """Open ``out`` for writing bytes, safely (see the module's description).

    The file is complete when the ``with`` block ends without an exception; if the block
    raises, a regular target is left untouched.

    Raises:
        OutputError: ``out`` is a folder or another kind of file that cannot be written, or
            the operating system refuses the write (full disk, read-only, permissions).
    """
    out = Path(out)
    real, status = _target(out)
    if status is not None and not stat.S_ISREG(status.st_mode):
        if stat.S_ISDIR(status.st_mode):
            raise OutputError(str(out), "it is a folder; give a file name")
        if stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode):
            logger.debug("writing through %s (not a regular file)", out)
            try:
                with open(real, "wb") as handle:
                    yield handle
            except OSError as exc:
                raise OutputError(str(out), _words(exc)) from exc
            return
        raise OutputError(str(out), "it is neither a regular file, a FIFO nor a character device; "
                                    "polgraph will not replace it. Give a file name")
    mode = stat.S_IMODE(status.st_mode) if status is not None else 0o666 & ~_umask()
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name[:200]}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise OutputError(str(out), _words(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if status is not None and (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
            with contextlib.suppress(OSError):  # only root may give a file away; others keep their own
                os.chown(tmp, status.st_uid, status.st_gid)
        os.replace(tmp, real)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(str(out), _words(exc)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(out: Path, data: bytes) -> int:
    """Write ``data`` to ``out`` with :func:`open_output`; return the number of bytes written."""
    with open_output(out) as handle:
        handle.write(data)
    return len(data)
