"""Files written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError, Problem


def write_atomic(path: Path, write) -> None:
    """Call `write(stream)` into a temporary file beside `path`, then rename it into place.

    A failure (or a kill) midway leaves whatever was at `path` untouched.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(Problem(f"cannot write here: {exc.strerror}", str(path))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(Problem(f"cannot write here: {exc.strerror}", str(path))) from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
