"""Files read within limits and written whole or not at all, never over a file deckgen did not make.

Every output goes through `write_output`: it refuses a path that is one of the command's
inputs (the outline, a variables file, the template, a picture, a code file) and a file that
exists but was not written by deckgen, or was changed since (a deck edited in PowerPoint).
Which files deckgen wrote, their size and SHA-256, is kept per folder in MANIFEST, each entry
with a MAC under this user's key (deckgen.localkey) over the folder's identity (device, inode
and path), the name, the size and the digest: a record shipped with a folder, copied from
another folder or another machine, or edited by hand does not verify and is not trusted. Writes go to a
temporary file beside the target and are renamed into place; temporary files left by a killed
run are found by their name (they carry the writer's process id) and removed by the next one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
from pathlib import Path
from typing import Callable, Iterable

from .errors import OutputError, Problem, did_you_mean

MANIFEST = ".deckgen-written"
_TEMP = re.compile(r"^\.deckgen-(\d+)-[0-9a-f]{8}\.tmp$")


def regular_file(path: Path, what: str) -> os.stat_result:
    """Return `path`'s status if it is a regular file; raise ValueError saying what it is otherwise.

    Checked before opening: opening a FIFO blocks until someone writes to it, and a device such
    as /dev/zero never ends.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise ValueError(f"no such {what}") from None
    except OSError as exc:
        raise ValueError(f"cannot read: {exc.strerror}") from None
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise ValueError(f"is a folder, not a {what}")
    if stat.S_ISFIFO(mode):
        raise ValueError(f"is a named pipe (FIFO), not a regular {what}")
    if not stat.S_ISREG(mode):
        raise ValueError(f"is a device or socket, not a regular {what}")
    return status


def read_limited(path: Path, limit: int, what: str, plural: str) -> bytes:
    """Return the bytes of regular file `path` (a `what`); raise ValueError if it is not one or
    holds more than `limit` (`plural` are limited to it).

    The limit is checked before reading (a file past it is not read at all) and while reading:
    a file that grows as it is read stops at limit + 1.
    """
    regular_file(path, what)
    try:
        with open(path, "rb") as handle:
            too_large = os.fstat(handle.fileno()).st_size > limit
            data = b"" if too_large else handle.read(limit + 1)
    except OSError as exc:
        raise ValueError(f"cannot read: {exc.strerror}") from None
    if too_large or len(data) > limit:
        raise ValueError(f"is larger than {_size(limit)}; {plural} are limited to {_size(limit)}")
    return data


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MiB" if count >= 1024 * 1024 else f"{count // 1024} KiB"


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(os.path.abspath(a)) == Path(os.path.abspath(b))


def _digest_file(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest() if hasattr(hashlib, "file_digest") else hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


MAX_MANIFEST_BYTES = 4 * 1024 * 1024


def read_regular(path: Path, limit: int) -> bytes | None:
    """Return the bytes of `path` if it is a regular file (not a link, a FIFO or a device)
    of at most `limit` bytes, else None. Opened without following a link and without blocking,
    then checked on the open file, so nothing swapped in between is read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) <= limit else None


def _folder_identity(folder: Path) -> tuple[int, int, str] | None:
    """Return (device, inode, real path) of `folder`, or None if it cannot be read."""
    try:
        status = os.stat(folder)
        return status.st_dev, status.st_ino, os.path.realpath(folder)
    except OSError:
        return None


def _entry_mac(identity: tuple[int, int, str], name: str, size: int, digest: str, secret: bytes | None = None) -> str:
    from .localkey import mac  # deferred: the key is read only when a record is

    device, inode, real = identity
    return mac("deckgen-written/1", device, inode, real, name, size, digest, secret=secret)


def _manifest(folder: Path) -> dict[str, tuple[int, str]]:
    """Return {name: (size, SHA-256)} for the entries of `folder`'s record whose MAC verifies
    (written here, by this user, for this folder); anything else in it is not trusted."""
    raw = read_regular(folder / MANIFEST, MAX_MANIFEST_BYTES)
    if raw is None:
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:
        return {}
    identity = _folder_identity(folder)
    if not isinstance(data, dict) or identity is None:
        return {}
    from .localkey import same  # deferred: as in _entry_mac

    trusted: dict[str, tuple[int, str]] = {}
    for name, entry in data.items():
        if not (isinstance(name, str) and isinstance(entry, dict)):
            continue
        size, digest, tag = entry.get("size"), entry.get("sha256"), entry.get("mac")
        if not (isinstance(size, int) and not isinstance(size, bool) and isinstance(digest, str) and isinstance(tag, str)):
            continue
        if same(tag, _entry_mac(identity, name, size, digest)):
            trusted[name] = (size, digest)
    return trusted


def recorded_digest(path: Path) -> str | None:
    """Return the SHA-256 `path`'s folder record trusts for it, if any."""
    entry = _manifest(path.parent).get(path.name)
    return entry[1] if entry else None


def written_by_deckgen(path: Path) -> bool:
    """Return whether `path` is a file deckgen wrote and nobody changed since: its folder's
    record names it with a MAC that verifies, and its size and digest are the recorded ones."""
    recorded = _manifest(path.parent).get(path.name)
    if recorded is None:
        return False
    try:
        status = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(status.st_mode) or status.st_size != recorded[0]:
        return False
    return recorded[1] == _digest_file(path)


def claim(path: Path, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """Raise OutputError unless deckgen may write `path`: not an input, and new or deckgen's own."""
    path = Path(path)
    for source in inputs:
        if _same(path, source):
            raise OutputError(Problem("is one of this command's inputs; choose another output", str(path)))
    if not os.path.lexists(path) or force:
        return
    if path.is_dir():
        raise OutputError(Problem("is a folder; give a file name", str(path)))
    if not path.is_file() or not written_by_deckgen(path):
        raise OutputError(Problem("exists and was not written by deckgen (or was changed since); pass --force to replace it, or choose another output", str(path)))


def write_output(path: Path, write: Callable, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """Write `path` with `write(stream)` if deckgen may (see `claim`), atomically, and record it."""
    path = Path(path)
    claim(path, inputs, force)
    digest = write_atomic(path, write)
    try:
        size = os.stat(path).st_size
    except OSError:
        return
    _record(path.parent, {path.name: (size, digest)})


def forget(path: Path) -> None:
    """Remove `path` if deckgen wrote it and nobody changed it since; keep anything else."""
    path = Path(path)
    if written_by_deckgen(path):
        try:
            path.unlink()
        except OSError:
            return
        _record(path.parent, {path.name: None})


def _record(folder: Path, entries: dict[str, tuple[int, str] | None]) -> None:
    identity = _folder_identity(folder)
    if identity is None:
        return
    manifest = _manifest(folder)  # entries that do not verify are dropped, never carried on
    for name, entry in entries.items():
        if entry is None:
            manifest.pop(name, None)
        else:
            manifest[name] = entry
    signed = {name: {"size": size, "sha256": digest, "mac": _entry_mac(identity, name, size, digest)} for name, (size, digest) in manifest.items()}
    text = json.dumps(signed, indent=1, sort_keys=True) + "\n"
    try:
        write_atomic(folder / MANIFEST, lambda stream: stream.write(text.encode("utf-8")))
    except OutputError:
        pass  # the output itself is written; only the record of it could not be


class _Hashing:
    """A write-only stream that hashes what goes through it."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def write(self, data) -> int:
        self.digest.update(data)
        return self.handle.write(data)


def write_atomic(path: Path, write) -> str:
    """Call `write(stream)` into a temporary file beside `path`, rename it into place; return its SHA-256.

    A failure, SIGTERM (the CLI turns it into an exit) or Ctrl-C midway leaves whatever was at
    `path` untouched and removes the temporary file; one left by SIGKILL is removed by the next
    write into the same folder.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _clean_stale(path.parent)
        tmp = path.parent / f".deckgen-{os.getpid()}-{secrets.token_hex(4)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        raise OutputError(Problem(f"cannot write here: {exc.strerror}", str(path))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            stream = _Hashing(handle)
            write(stream)
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
    return stream.digest.hexdigest()


def _clean_stale(folder: Path) -> None:
    """Remove temporary files that runs no longer alive left in `folder`."""
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.startswith(".deckgen-")]
    except OSError:
        return
    for name in names:
        match = _TEMP.match(name)
        if match and not _alive(int(match.group(1))):
            _remove(folder / name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _remove(tmp) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def confine(name: str, base: Path, within: Path | None = None) -> Path:
    """Return `name`, relative to folder `base`, resolved inside folder `within` (default `base`),
    or raise ValueError saying why it may not be used."""
    if "://" in name or name.startswith(("data:", "file:")):
        raise ValueError("must be a file in the outline's folder, not a URL")
    candidate = Path(name)
    if candidate.is_absolute() or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise ValueError("must be a path relative to the outline's folder, not an absolute path")
    base = base.resolve()
    resolved = (base / candidate).resolve()
    within = within.resolve() if within is not None else base
    if resolved != within and within not in resolved.parents:
        raise ValueError("points outside the outline's folder (through '..' or a link)")
    return resolved


def similar_file(path: Path) -> str:
    """Return ' (did you mean X?)' naming a file beside `path` whose name is close to its name."""
    try:
        names = [p.name for p in path.parent.iterdir() if p.is_file()][:1000] if path.parent.is_dir() else []
    except OSError:
        return ""
    return did_you_mean(path.name, names)
