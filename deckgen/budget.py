"""Budgets the operating system enforces on the work an outline asks for.

An outline, its templates, the files it includes, its CSV and code files come from strangers.
deckgen checks each known way to ask for too much where it happens (a template's `'a' * 10**9`,
a range of a million lines, a CSV of 20000 series) and answers with a located message. A list
of checks can be walked around, so under them the commands that read an outline run their work
in a child process with limits no Python operation can escape:

- memory: the child's address space is limited (RLIMIT_AS) to MEMORY_MIB; past it every
  allocation fails (MemoryError), and the command ends with a located exit 2;
- time: SECONDS of CPU time (RLIMIT_CPU: SIGXCPU, then the kernel's SIGKILL two seconds
  later);
- waiting: a wall-clock deadline, WALL_FACTOR times the CPU time and at least WALL_MIN seconds
  (a timer in the child, and the parent kills the child a moment later if it did not stop by
  itself). It is a backstop for work that waits rather than computes (a read that blocks):
  what bounds computing is the CPU time, which time spent waiting for a core does not count,
  so a busy machine does not trip it on an outline that would pass on an idle one;
- the child ends when the parent does (PR_SET_PDEATHSIG), and so do its own workers.

The child keeps, in memory shared with the parent, where it is working (the field being
rendered, the slide being planned), so whichever budget trips the answer names the budget and
the place: `talk.yaml:12:14: slides[3].notes: stopped: ...`. Once the deck is made, work that
depends on deckgen alone (LibreOffice converting it to PDF) runs outside the budget (`release`).

DECKGEN_TIME_BUDGET (seconds of CPU time), DECKGEN_WALL_BUDGET (seconds of wall-clock time,
the backstop above unless set) and DECKGEN_MEMORY_BUDGET (MiB) change the limits, for a talk large enough
to need more or a machine too busy for the default; DECKGEN_TIME_BUDGET=0 turns the child
process off (and the limits with it).
"""

from __future__ import annotations

import mmap
import os
import signal
import sys
import time

MEMORY_MIB = 768
SECONDS = 8.0
WALL_FACTOR = 4.0  # the wall-clock backstop is this many times the CPU time...
WALL_MIN = 30.0  # ...and at least this many seconds
GRACE = 1.5  # seconds the parent waits past the deadline before it kills the child
_WHERE_SIZE = 4096


class BudgetExceeded(BaseException):
    """The work passed a budget. A BaseException, like KeyboardInterrupt: code that turns any
    Exception into a located problem and carries on must not swallow it."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


_where: mmap.mmap | None = None
_child = False
_released = False
_settings: tuple[float, int, float] = (SECONDS, MEMORY_MIB, SECONDS)


def at(where: str) -> None:
    """Record that the work is now at `where` (a located prefix, "file:line:col: field")."""
    if _where is None:
        return
    data = where.encode("utf-8", "replace")[: _WHERE_SIZE - 8]
    _where[8 : 8 + len(data)] = data
    _where[0:4] = len(data).to_bytes(4, "little")


def where() -> str:
    """Return the place recorded last (empty before any)."""
    if _where is None:
        return ""
    size = int.from_bytes(_where[0:4], "little")
    return _where[8 : 8 + min(size, _WHERE_SIZE - 8)].decode("utf-8", "replace")


def message(budget: str) -> str:
    """Return the located line that says which budget stopped the work, and where."""
    seconds, memory, wall = _settings
    said = {
        "time": f"stopped: the work this outline asks for waited more than {wall:g} s of wall-clock time (the wall-clock budget; DECKGEN_WALL_BUDGET sets it)",
        "cpu": f"stopped: the work this outline asks for used more than {seconds:g} s of CPU time (the time budget; DECKGEN_TIME_BUDGET sets it)",
        "memory": f"stopped: the work this outline asks for needed more than {memory} MiB of memory (the memory budget; DECKGEN_MEMORY_BUDGET sets it)",
    }[budget]
    place = where()
    return f"{place}: {said}" if place else f"error: {said}"


def settings() -> tuple[float, int, float]:
    """Return (CPU seconds, MiB, wall-clock seconds) from the environment, or the defaults."""

    def number(name: str, default: float) -> float:
        try:
            value = float(os.environ.get(name, default))
        except ValueError:
            return default
        return value if value == value and 0 <= value < 1e6 else default

    seconds = number("DECKGEN_TIME_BUDGET", SECONDS)
    memory = int(number("DECKGEN_MEMORY_BUDGET", MEMORY_MIB))
    backstop = max(seconds * WALL_FACTOR, WALL_MIN)
    wall = number("DECKGEN_WALL_BUDGET", backstop) or backstop
    return seconds, max(memory, 64), wall


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Ask the kernel to send `sig` to this process when its parent ends (Linux); elsewhere,
    nothing. Checked once after, so a parent that ended already is not waited for."""
    parent = os.getppid()
    try:
        import ctypes  # deferred: only processes that must end with their parent need it

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(sig), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os.kill(os.getpid(), sig)


def run_bounded() -> None:
    """Go on in a child process under the budgets; the parent waits for it and exits as it did.

    Returns in the child only. Nothing happens when the budgets are off (DECKGEN_TIME_BUDGET=0)
    or where processes cannot fork.
    """
    global _where, _child, _settings
    _settings = settings()
    seconds, memory, wall = _settings
    if seconds == 0 or not hasattr(os, "fork") or _child:
        return
    _where = mmap.mmap(-1, _WHERE_SIZE)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _child = True
        die_with_parent(signal.SIGTERM)
        _limit(seconds, memory, wall)
        return
    _wait(pid, wall)


def _limit(seconds: float, memory: int, wall: float) -> None:
    import resource  # deferred: the limits are set in the child process only

    def soft(which: int, value: int) -> None:
        _, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        try:
            resource.setrlimit(which, (value, hard))
        except (ValueError, OSError):
            pass

    soft(resource.RLIMIT_AS, memory << 20)
    cpu = max(1, int(seconds + 0.999))
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    try:
        # the soft limit sends SIGXCPU (a located message); the hard one, SIGKILL
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2 if hard == resource.RLIM_INFINITY else min(cpu + 2, hard)))
    except (ValueError, OSError):
        pass

    def over(budget: str):
        def handler(signum, frame):
            if not _released:
                raise BudgetExceeded(budget)

        return handler

    signal.signal(signal.SIGXCPU, over("cpu"))
    signal.signal(signal.SIGALRM, over("time"))
    signal.setitimer(signal.ITIMER_REAL, wall)


def release() -> None:
    """End the budgets for the rest of the command: what follows depends on deckgen alone
    (LibreOffice converting the deck that was just made), not on what the outline asks."""
    global _released
    if not _child or _released:
        return
    _released = True
    import resource  # deferred: as in _limit

    signal.setitimer(signal.ITIMER_REAL, 0)
    for which in (resource.RLIMIT_AS, resource.RLIMIT_CPU):
        _, hard = resource.getrlimit(which)
        try:
            resource.setrlimit(which, (hard, hard))
        except (ValueError, OSError):
            pass
    if _where is not None:
        _where[4] = 1  # tells the parent: no deadline now


def _released_in_child() -> bool:
    return _where is not None and _where[4] == 1


def _wait(pid: int, seconds: float) -> None:
    """Wait for the child; kill it past its deadline; exit with its code, or 2 and the budget
    that stopped it."""
    # Ctrl-C reaches the child too (one process group): the parent waits for it to unwind
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, frame: _forward(pid, signum))
    deadline = time.monotonic() + seconds + GRACE
    killed = False
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if not killed and not _released_in_child() and time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            killed = True
        time.sleep(0.02)
    if os.WIFEXITED(status):
        os._exit(os.WEXITSTATUS(status))
    sig = os.WTERMSIG(status)
    if sig == signal.SIGTERM and _terminated:
        os._exit(128 + sig)
    if killed or (sig == signal.SIGALRM and not _released_in_child()):
        budget = "time"
    elif sig in (signal.SIGXCPU, signal.SIGKILL) and not _released_in_child():
        budget = "cpu" if sig == signal.SIGXCPU or _cpu_spent() else "memory"
    else:
        print(f"internal error: the work ended with signal {sig}", file=sys.stderr)
        os._exit(1)
    print(message(budget), file=sys.stderr)
    sys.stderr.flush()
    os._exit(2)


_terminated = False


def _forward(pid: int, signum: int) -> None:
    global _terminated
    _terminated = True
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _cpu_spent() -> bool:
    """Return True when the child that was killed had used its CPU time (the hard RLIMIT_CPU)."""
    import resource  # deferred: as in _limit

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime >= max(1, int(_settings[0] + 0.999))
