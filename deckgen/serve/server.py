"""Run `deckgen serve`: check the tools, bind 127.0.0.1, print the address with its token, serve until stopped."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import tempfile
import threading
from pathlib import Path
from typing import Callable

from ..errors import OutputError, Problem
from ..files import claim
from ..templating import Variables
from .office import Office, require_tools
from .session import Session

HOST = "127.0.0.1"  # never another interface: the page shows the talk's notes and drafts


def clean_stale_work() -> None:
    """Remove the work folders (pictures, LibreOffice profiles) of serve runs no longer alive:
    a run ended by SIGKILL cannot remove its own."""
    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True  # another user's: not ours to judge
        return True

    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return
    for entry in entries:
        match = re.match(r"deckgen-serve-(\d+)-", entry.name)
        if match and entry.is_dir(follow_symlinks=False) and not alive(int(match.group(1))):
            shutil.rmtree(entry.path, ignore_errors=True)


def bind(port: int) -> socket.socket:
    """Return a listening socket on 127.0.0.1:`port` (0: any free port); raise OutputError."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise OutputError(Problem(f"cannot listen on {HOST}:{port}: {exc.strerror}; choose another --port (0 picks a free one)")) from None
    sock.listen(64)
    sock.set_inheritable(False)
    return sock


def serve(
    outline: Path,
    *,
    audience: str | None = None,
    variables: Variables | None = None,
    port: int = 0,
    open_browser: bool = False,
    rehearsal: Path | None = None,
    force: bool = False,
    width: int = 1280,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve the live preview of `outline` until Ctrl-C or SIGTERM; raise ToolMissingError or OutputError first."""
    import uvicorn  # deferred: only this command needs the server

    from .app import make_app  # deferred: deckgen.serve.app loads only when this runs
    from .rehearsal import writer  # deferred: deckgen.serve.rehearsal loads only when this runs

    outline = Path(outline)
    tools = require_tools()  # exit 2 with how to install, before anything starts
    inputs = lambda: list(session.inputs)  # noqa: E731 (the session's current inputs, read when writing)
    if rehearsal is not None:
        rehearsal = Path(rehearsal)
        claim(rehearsal, [outline], force)  # refused now, not after a rehearsal
    clean_stale_work()
    sock = bind(port)
    actual = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    hosts = {f"{HOST}:{actual}", f"localhost:{actual}"}
    office = Office(tools, width)
    ignore = (rehearsal,) if rehearsal is not None else ()
    session = Session(outline, office, audience, variables, ignore=ignore)
    app, hub = make_app(session, token, lambda: hosts, writer(rehearsal, outline, audience, inputs, force) if rehearsal else None)
    session.on_change = hub.publish
    url = f"http://{HOST}:{actual}/{token}/"
    config = uvicorn.Config(app, log_level="warning", access_log=False, ws="none", lifespan="on", timeout_graceful_shutdown=2, timeout_keep_alive=5, limit_concurrency=64)
    class Server(uvicorn.Server):
        async def shutdown(self, sockets=None):
            hub.close()  # open pages' event streams end first: nothing is cancelled midway
            await super().shutdown(sockets)

    server = Server(config)
    session.start()
    echo(f"serving {outline} at {url}")
    echo(f"rehearsal view: {url}rehearse" + (f" (times written to {rehearsal})" if rehearsal else ""))
    echo("Ctrl-C stops")
    if open_browser:
        import webbrowser  # deferred: webbrowser loads only when this runs

        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        session.stop()
        sock.close()
