"""A secret kept by this user on this machine, that binds what deckgen records to where it wrote it.

deckgen trusts two things it finds on disk: the `.deckgen-written` record of a folder (which
files it may replace without --force) and the entries of its cache folder (pictures it embeds
without drawing them again). Either could come from someone else: a folder shipped with a talk
carries its own record, a cache folder may be shared or writable by others. So both carry an
HMAC-SHA256 under a key only this user can read, kept in the user's state folder
($XDG_STATE_HOME/deckgen/key, else ~/.local/state/deckgen/key, mode 0600, made on first use).
A record or an entry whose MAC does not verify under that key was not written here, by this
user, and is not trusted.

When the state folder cannot be written (a read-only home), a key held in memory for this
process is used instead: nothing deckgen finds on disk verifies, so every existing output needs
--force and every picture is drawn again; nothing is trusted that should not be.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

KEY_BYTES = 32
_cached: tuple[str, bytes] | None = None


def state_dir() -> Path:
    """Return deckgen's state folder: $XDG_STATE_HOME/deckgen, else ~/.local/state/deckgen."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "deckgen"


def _read(path: Path) -> bytes | None:
    """Return the key at `path` if it is a regular file of this user, readable by no one else,
    of the right length; None otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size != KEY_BYTES:
            return None
        if hasattr(os, "geteuid") and (status.st_uid != os.geteuid() or status.st_mode & 0o077):
            return None
        data = os.read(fd, KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) == KEY_BYTES else None


def _create(path: Path) -> bytes | None:
    """Make a new key at `path` (0600, never over an existing file); None if it cannot be made."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        return _read(path)  # another run made it a moment ago
    except OSError:
        return None
    key = secrets.token_bytes(KEY_BYTES)
    tmp_ok = False
    try:
        os.write(fd, key)
        os.fsync(fd)
        tmp_ok = True
    except OSError:
        pass
    finally:
        os.close(fd)
    if not tmp_ok:
        try:
            os.unlink(path)
        except OSError:
            pass
        return None
    return key


def key() -> bytes:
    """Return this user's key, making it on first use."""
    global _cached
    path = state_dir() / "key"
    if _cached is not None and _cached[0] == str(path):
        return _cached[1]
    found = _read(path)
    if found is None and not os.path.lexists(path):
        found = _create(path)
    if found is None:  # unreadable, not ours, or not writable: trust nothing found on disk
        found = secrets.token_bytes(KEY_BYTES)
    _cached = (str(path), found)
    return found


def mac(purpose: str, *parts: str | bytes | int, secret: bytes | None = None) -> str:
    """Return the hex HMAC-SHA256, under this user's key (or `secret`), of `purpose` and
    `parts`, each length-prefixed so no two different lists of parts give the same message."""
    digest = hmac.new(key() if secret is None else secret, digestmod=hashlib.sha256)
    for part in (purpose, *parts):
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogateescape")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def same(a: str, b: str) -> bool:
    """Compare two MACs in constant time."""
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))
