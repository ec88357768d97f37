"""Slide pictures from one LibreOffice kept running for the session, restarted when it stops."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..errors import DeckgenError, ToolMissingError
from ..export import INSTALL_POPPLER, SOFFICE_TIMEOUT, require_soffice

BRIDGE = Path(__file__).with_name("bridge.py")
INSTALL_UNO = (
    "LibreOffice's Python bridge (UNO) is needed for `deckgen serve`: install it (Debian/Ubuntu: "
    "`sudo apt-get install python3-uno`; LibreOffice's own installers bring it), or set DECKGEN_UNO_PYTHON "
    "to a Python that can `import uno`"
)
START_SECONDS = 120  # a first start makes a fresh profile: slow on a busy machine


def _die_with_parent() -> None:
    """Tie a child to this process: Linux kills it when the thread that started it ends."""
    if sys.platform.startswith("linux"):
        import ctypes  # deferred: ctypes loads only when this runs

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def uno_python(soffice: str, candidates: list[str | None] | None = None) -> str:
    """Return a Python that can import LibreOffice's `uno`; raise ToolMissingError saying how to get one.

    Tried in order: DECKGEN_UNO_PYTHON, this Python, Debian's (python3-uno serves it), and the
    one LibreOffice's own installers put beside soffice.
    """
    program = Path(os.path.realpath(soffice)).parent
    if candidates is None:
        candidates = [os.environ.get("DECKGEN_UNO_PYTHON"), sys.executable, "/usr/bin/python3", str(program / "python"), str(program / "python.exe")]
    for candidate in filter(None, candidates):
        if not (os.path.isfile(candidate) and os.access(candidate, os.X_OK)):
            continue
        try:
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return candidate
    raise ToolMissingError(INSTALL_UNO)


def require_tools() -> tuple[str, str, str]:
    """Return soffice, a Python with `uno`, and pdftoppm; raise ToolMissingError naming the first missing."""
    soffice = require_soffice()
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ToolMissingError(INSTALL_POPPLER)
    return soffice, uno_python(soffice), pdftoppm


class OfficeStopped(DeckgenError):
    """LibreOffice stopped or hung while drawing; it is started again on the next request."""


class Office:
    """A bridge process (bridge.py) and the soffice it runs; every call from one thread.

    The thread that starts it must live as long as the session: the bridge is tied to it by
    PR_SET_PDEATHSIG, and it also stops when its stdin (our pipe) closes.
    """

    def __init__(self, tools: tuple[str, str, str], width: int = 1280):
        self.soffice, self.python, self.pdftoppm = tools
        self.width = width
        self.work = Path(tempfile.mkdtemp(prefix=f"deckgen-serve-{os.getpid()}-office-"))
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self.lock = threading.Lock()

    def start(self) -> None:
        """Start (or start again) the bridge and its LibreOffice; raise OfficeStopped."""
        self.stop()
        profile = self.work / f"profile-{self.starts}"
        self.starts += 1
        pipe = f"deckgen-{os.getpid()}-{secrets.token_hex(8)}"
        self.process = subprocess.Popen(
            [self.python, str(BRIDGE), self.soffice, profile.as_uri(), pipe],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
        answer = self._answer(START_SECONDS)
        if not answer.get("ready"):
            self.stop()
            raise OfficeStopped(answer.get("error") or "LibreOffice did not start")
        self.soffice_pid = answer.get("pid")

    def _answer(self, seconds: float) -> dict:
        """Return the bridge's next line, waiting at most `seconds`; raise OfficeStopped."""
        result: list[str] = []
        stdout = self.process.stdout

        def read() -> None:
            try:
                result.append(stdout.readline())
            except (OSError, ValueError):  # the pipe was closed by stop(): no answer
                result.append("")

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(seconds)
        if reader.is_alive():
            self.stop()  # the reader ends with the pipe
            raise OfficeStopped(f"LibreOffice did not answer within {seconds:.0f} s")
        line = result[0] if result else ""
        if not line:
            code = self.process.poll() if self.process else None
            self.stop()
            raise OfficeStopped(f"LibreOffice stopped (bridge exit {code})")
        try:
            return json.loads(line)
        except ValueError:
            self.stop()
            raise OfficeStopped("LibreOffice's bridge said something unreadable") from None

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def pdf(self, pptx: Path, pdf: Path, pages: list[int]) -> None:
        """Write the PDF of `pages` (1-based) of `pptx`; raise OfficeStopped or DeckgenError."""
        if not self.running():
            self.start()
        request = {"pptx": str(pptx), "pdf": str(pdf), "pages": ",".join(map(str, pages))}
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            self.stop()
            raise OfficeStopped("LibreOffice stopped") from None
        answer = self._answer(SOFFICE_TIMEOUT)
        if answer.get("fatal"):
            self.stop()
            raise OfficeStopped(f"LibreOffice stopped: {answer.get('error')}")
        if not answer.get("ok"):
            raise DeckgenError(f"LibreOffice could not draw the deck: {answer.get('error')}")

    def draw(self, pptx: Path, pages: list[int], out: list[Path]) -> None:
        """Draw `pages` (1-based) of `pptx` to the PNG files `out`, one each, `width` pixels wide.

        A LibreOffice that stopped is started again and asked once more; raise OfficeStopped
        when the second try fails too, DeckgenError for a deck it cannot draw.
        """
        with self.lock, tempfile.TemporaryDirectory(dir=self.work, prefix="draw-") as job:
            pdf = Path(job, "pages.pdf")
            try:
                self.pdf(pptx, pdf, pages)
            except OfficeStopped:
                self.start()
                self.pdf(pptx, pdf, pages)
            if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
                raise DeckgenError("LibreOffice did not write the slides' PDF")
            subprocess.run(
                [self.pdftoppm, "-png", "-scale-to-x", str(self.width), "-scale-to-y", "-1", str(pdf), str(Path(job, "p"))],
                check=True, capture_output=True, timeout=SOFFICE_TIMEOUT, preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
            drawn = sorted(Path(job).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
            if len(drawn) != len(pages):
                raise DeckgenError(f"LibreOffice drew {len(drawn)} pages for {len(pages)} slides")
            for page, target in zip(drawn, out):
                os.replace(page, target)

    def stop(self) -> None:
        """End the bridge (which ends its LibreOffice with it)."""
        process, self.process = self.process, None
        if process is None:
            return
        try:
            process.stdin.close()
        except OSError:
            pass
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.work, ignore_errors=True)
