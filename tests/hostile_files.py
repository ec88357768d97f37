"""Files a hostile case lays out before it runs, and what a folder holds, to compare after."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def mpo() -> bytes:
    """Return a multi-picture JPEG, as phone cameras write (a picture and a depth map, say)."""
    from PIL import Image

    out = io.BytesIO()
    first, second = Image.new("RGB", (16, 12), (20, 90, 160)), Image.new("RGB", (16, 12), (0, 0, 0))
    first.save(out, format="MPO", save_all=True, append_images=[second])
    return out.getvalue()


def make(folder: Path, files: dict[str, str | bytes]) -> None:
    from deckgen.theme import template_path

    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content == "<fifo>":
            os.mkfifo(path)
        elif isinstance(content, str) and content.startswith("-> "):
            path.symlink_to(content[3:])
        elif content == "<png>":
            path.write_bytes(png())
        elif content == "<mpo>":
            path.write_bytes(mpo())
        elif content == "<template>":
            path.write_bytes(template_path().read_bytes())
        else:
            path.write_bytes(content.encode() if isinstance(content, str) else content)


def snapshot(folder: Path, dirs: bool = False) -> dict[str, bytes | str]:
    """Return what `folder` holds: bytes of files, "-> target" of links, "<fifo>", and with `dirs` "<dir>"."""
    out: dict[str, bytes | str] = {}
    for path in folder.rglob("*"):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_fifo():
            out[rel] = "<fifo>"
        elif path.is_dir():
            if dirs:
                out[rel] = "<dir>"
        elif path.is_file():
            out[rel] = path.read_bytes()
    return out


@dataclass
class Measured:
    code: int  # -1 when it had to be killed at the backstop
    stdout: str
    stderr: str
    cpu: float  # seconds of CPU time, the command and every process it waited for
    peak: int  # bytes, the largest resident set among them
    seconds: float  # wall-clock time, for a case about blocking only


# Run through a small Python that forks and execs the command, waits for it with wait4 and
# writes its resource usage to the file named first. A process forked from pytest starts with
# pytest's own resident set as its high-water mark (Linux keeps it across exec), so wait4 on a
# direct child reports the test process's size, not the command's; a grandchild forked from this
# small launcher starts from the launcher's few megabytes.
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
if os.WIFSIGNALED(status):
    os.kill(os.getpid(), os.WTERMSIG(status))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(args: list[str], cwd: Path, env: dict, backstop: float, preexec_fn=None) -> Measured:
    """Run `args` and return what it said with the CPU time and peak memory it used (from
    wait4's resource usage of this one process and those it waited for, so cases run side by
    side do not mix); kill it past `backstop` seconds of wall-clock time, a limit for blocked
    work that a busy machine does not reach. `preexec_fn`'s limits hold for the command (they
    are inherited across the launcher's fork and exec)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as spare:
        report = Path(spare, "usage")
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(report), *args], cwd=cwd, env=env, stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, preexec_fn=preexec_fn, start_new_session=True)

        def kill() -> None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the launcher and the command it runs
            except OSError:
                pass

        timer = threading.Timer(backstop, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        took = time.monotonic() - start
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL and took >= backstop
        cpu, peak = usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024
        if report.is_file() and report.read_text().strip():
            measured_cpu, measured_peak = report.read_text().split()
            cpu, peak = float(measured_cpu), int(measured_peak) * 1024
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if killed:
        stderr += f"\nkilled after {backstop:g} s of wall-clock time"
    return Measured(-1 if killed else proc.returncode, stdout, stderr, cpu, peak, took)
