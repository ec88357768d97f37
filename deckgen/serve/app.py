"""The web side of `deckgen serve`: a Starlette app behind a token and a Host check, with server-sent events."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
from pathlib import Path
from typing import Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from .session import Session

STATIC = Path(__file__).with_name("static")
PAGES = {"": "index.html", "rehearse": "rehearse.html"}
ASSETS = {"page.js": "text/javascript", "rehearse.js": "text/javascript", "page.css": "text/css", "icon.svg": "image/svg+xml"}
MAX_CLIENTS = 32  # event streams open at once: each holds a connection
MAX_BODY = 256 * 1024  # a rehearsal's times: a few numbers per slide
KEEPALIVE_SECONDS = 15
# the page loads nothing but its own files: no third-party script, style or font, and no framing
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "referrer-policy": "no-referrer",  # the address carries the token
    "x-content-type-options": "nosniff",
    "cross-origin-resource-policy": "same-origin",
}


class Guard:
    """ASGI middleware: refuse (403) every request whose Host is not this server's own address
    (so a DNS-rebinding page cannot reach it) or whose path does not start with the token."""

    def __init__(self, app, token: str, hosts: Callable[[], set[str]]):
        self.app, self.token, self.hosts = app, token, hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1").lower()
        path = scope.get("path", "")
        prefix, _, rest = path.lstrip("/").partition("/")
        if scope["type"] != "http" or host not in self.hosts() or not hmac.compare_digest(prefix.encode(), self.token.encode()):
            response = PlainTextResponse("forbidden: open the address `deckgen serve` printed, with its token\n", status_code=403, headers=SECURITY_HEADERS)
            return await response(scope, receive, send)
        if path == f"/{self.token}":  # the page's relative addresses need the trailing slash
            response = Response(status_code=307, headers={"location": f"/{self.token}/"})
            return await response(scope, receive, send)
        scope = dict(scope, path="/" + rest, raw_path=("/" + rest).encode())
        return await self.app(scope, receive, send)


class Hub:
    """Wakes every event stream when the session publishes a new state (from any thread)."""

    def __init__(self):
        self.loop: asyncio.AbstractEventLoop | None = None
        self.event = asyncio.Event()
        self.clients = 0
        self.closing = False

    def close(self) -> None:
        """End every event stream, so the server can stop without cutting them off (in the loop)."""
        self.closing = True
        self._fire()

    def publish(self) -> None:
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._fire)

    def _fire(self) -> None:
        self.event.set()
        self.event = asyncio.Event()


def make_app(session: Session, token: str, hosts: Callable[[], set[str]], rehearsal: Callable[[dict], str] | None = None) -> tuple[Guard, Hub]:
    """Return the guarded ASGI app of `session` and the Hub to wake its event streams."""
    hub = Hub()

    def headers(extra: dict | None = None) -> dict:
        return SECURITY_HEADERS | (extra or {})

    async def page(request: Request) -> Response:
        name = PAGES[request.url.path.strip("/")]
        return FileResponse(STATIC / name, media_type="text/html; charset=utf-8", headers=headers({"cache-control": "no-store"}))

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return PlainTextResponse("not found\n", status_code=404, headers=headers())
        return FileResponse(STATIC / name, media_type=ASSETS[name], headers=headers({"cache-control": "no-store"}))

    async def state(request: Request) -> Response:
        return JSONResponse(session.state.as_json(), headers=headers({"cache-control": "no-store"}))

    async def picture(request: Request) -> Response:
        found = session.picture(request.path_params["digest"])
        if found is None:
            return PlainTextResponse("not found\n", status_code=404, headers=headers())
        # named by their content: a picture never changes under its name
        return FileResponse(found, media_type="image/png", headers=headers({"cache-control": "private, max-age=86400, immutable"}))

    async def events(request: Request) -> Response:
        if hub.clients >= MAX_CLIENTS:
            return PlainTextResponse("too many open pages\n", status_code=503, headers=headers())

        async def stream():
            hub.clients += 1
            try:
                sent = -1
                while not hub.closing:
                    current = session.state
                    if current.version != sent:
                        sent = current.version
                        yield f"event: state\ndata: {json.dumps(current.as_json(), separators=(',', ':'))}\n\n"
                    event = hub.event
                    if session.state.version != sent:
                        continue
                    try:
                        await asyncio.wait_for(event.wait(), KEEPALIVE_SECONDS)
                    except asyncio.TimeoutError:
                        yield ": still here\n\n"
                if hub.closing:
                    yield "event: bye\ndata: {}\n\n"
            finally:
                hub.clients -= 1

        return StreamingResponse(stream(), media_type="text/event-stream", headers=headers({"cache-control": "no-store", "x-accel-buffering": "no"}))

    async def times(request: Request) -> Response:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return JSONResponse({"error": "too large"}, status_code=413, headers=headers())
        try:
            data = json.loads(body)
        except ValueError:
            return JSONResponse({"error": "not JSON"}, status_code=400, headers=headers())
        if rehearsal is None:
            return JSONResponse({"saved": "", "note": "times are kept on this page only: start serve with --rehearsal FILE.yaml to write them"}, headers=headers())
        try:
            where = await asyncio.to_thread(rehearsal, data)
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400, headers=headers())
        except Exception as exc:  # a refused or failed write: said on the page, the server goes on
            return JSONResponse({"error": str(exc)}, status_code=409, headers=headers())
        return JSONResponse({"saved": where}, headers=headers())

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        hub.loop = asyncio.get_running_loop()
        hub.event = asyncio.Event()
        yield

    routes = [
        Route("/", page),
        Route("/rehearse", page),
        Route("/static/{name}", asset),
        Route("/state", state),
        Route("/events", events),
        Route("/slide/{digest}.png", picture),
        Route("/times", times, methods=["POST"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    return Guard(app, token, hosts), hub
