"""A LibreOffice kept running, driven through its UNO bridge: PDF pages of a deck on request.

This file runs as a script under the Python that LibreOffice's `uno` module belongs to
(Debian's python3-uno serves /usr/bin/python3, which is not the deckgen environment's Python),
so it uses nothing but the standard library and `uno`. It reads one JSON request per line on
stdin and answers one JSON line on stdout:
    {"pptx": "/abs/deck.pptx", "pdf": "/abs/out.pdf", "pages": "2,5"}
    -> {"ok": true, "seconds": 0.4}  or  {"error": "...", "fatal": false}

LibreOffice talks to it over a named pipe (no port is opened). It ends with its parent: it sets
PR_SET_PDEATHSIG for itself and for soffice, and stops when stdin closes.
"""

import ctypes
import json
import os
import signal
import subprocess
import sys
import time

PR_SET_PDEATHSIG = 1
CONNECT_SECONDS = 90
RESTART_EXIT = 81  # soffice asks to be started again after it made a fresh profile


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a no-op elsewhere)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def soffice_binary(soffice: str) -> str:
    """Return the program that is LibreOffice itself: Debian's `soffice` is a shell script that
    starts oosplash, which starts soffice.bin; only a direct child can be tied to our life."""
    real = os.path.realpath(soffice)
    direct = os.path.join(os.path.dirname(real), "soffice.bin")
    return direct if os.path.isfile(direct) else real


class Office:
    """One soffice process and the UNO desktop connected to it."""

    def __init__(self, soffice: str, profile: str, pipe: str):
        self.command = [
            soffice_binary(soffice), f"-env:UserInstallation={profile}", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--nofirststartwizard",
        ]
        self.pipe = pipe
        self.process = None
        self.desktop = None

    def start(self) -> None:
        import uno  # noqa: F401  (LibreOffice's own module: only here, under its Python)

        deadline = time.monotonic() + CONNECT_SECONDS
        self._spawn()
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        while True:
            code = self.process.poll()
            if code == RESTART_EXIT:
                self._spawn()
            elif code is not None:
                raise RuntimeError(f"LibreOffice exited with {code} while starting")
            try:
                context = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # NoConnectException: not listening yet
                if time.monotonic() > deadline:
                    raise RuntimeError(f"LibreOffice did not answer within {CONNECT_SECONDS} s")
                time.sleep(0.1)
        self.desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)

    def _spawn(self) -> None:
        linux = sys.platform.startswith("linux")  # elsewhere no death signal; stdin closing still ends us, and we end soffice
        self.process = subprocess.Popen(self.command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=die_with_parent if linux else None)

    def to_pdf(self, pptx: str, pdf: str, pages: str) -> None:
        import uno  # deferred: LibreOffice's uno loads only when this runs
        from com.sun.star.beans import PropertyValue  # deferred: LibreOffice's uno loads only when this runs

        def prop(name, value):
            p = PropertyValue()
            p.Name, p.Value = name, value
            return p

        doc = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(pptx), "_blank", 0, (prop("Hidden", True), prop("ReadOnly", True)))
        if doc is None:
            raise ValueError("LibreOffice could not open the deck")
        try:
            # backup slides (hidden) are drawn too: page N is slide N of the deck
            options = (prop("ExportHiddenSlides", True),) + ((prop("PageRange", pages),) if pages else ())
            data = uno.Any("[]com.sun.star.beans.PropertyValue", options)
            uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(pdf), (prop("FilterName", "impress_pdf_Export"), prop("FilterData", data))))
        finally:
            doc.close(True)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def main() -> int:
    die_with_parent()
    soffice, profile, pipe = sys.argv[1:4]
    office = Office(soffice, profile, pipe)
    out = sys.stdout
    try:
        office.start()
    except Exception as exc:
        out.write(json.dumps({"error": f"LibreOffice did not start: {exc}", "fatal": True}) + "\n")
        out.flush()
        office.stop()
        return 1
    out.write(json.dumps({"ready": True, "pid": office.process.pid}) + "\n")
    out.flush()
    try:
        for line in sys.stdin:  # ends when the parent closes the pipe or dies
            request = json.loads(line)
            started = time.monotonic()
            try:
                office.to_pdf(request["pptx"], request["pdf"], request.get("pages", ""))
                answer = {"ok": True, "seconds": round(time.monotonic() - started, 3)}
            except Exception as exc:  # a UNO error: LibreOffice may have gone, say which
                answer = {"error": f"{type(exc).__name__}: {exc}".strip(), "fatal": not office.alive()}
            out.write(json.dumps(answer) + "\n")
            out.flush()
            if answer.get("fatal"):
                return 1
    finally:
        office.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
