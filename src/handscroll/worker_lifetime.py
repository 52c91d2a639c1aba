"""Import workers die with the process that started them (issue 10 item 8).

A SIGKILLed `import` cannot shut its pool down, and its workers used to run
on. Each worker, as it starts, asks Linux to kill it when its parent dies
(`prctl(PR_SET_PDEATHSIG)`), and also watches its parent's pid: the fallback
on other systems, and the cover for a parent that died before the request.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5
"""How often a worker checks that its parent is still alive (the fallback)."""


def die_with_parent(parent_pid: int, by_thread_death: bool) -> None:
    """Pool initializer: end this worker as soon as `parent_pid` is gone.

    `by_thread_death` is False when the pool was started from a thread other
    than the main one: Linux sends the death signal when the *thread* that
    created the child ends, which would kill workers of a living parent.
    """
    if by_thread_death and sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl here: the watchdog below still ends the worker
    if os.getppid() != parent_pid:
        os._exit(1)  # the parent died before the request took effect
    threading.Thread(target=_watch, args=(parent_pid,), name="parent-watchdog", daemon=True).start()


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_SECONDS)
    os._exit(1)  # orphaned: nobody will read what this worker would produce


def initializer_args() -> tuple[int, bool]:
    """The arguments for `die_with_parent`, taken in the process (and thread) that starts the pool."""
    return os.getpid(), threading.current_thread() is threading.main_thread()


_PR_SET_NAME = 15


def name_process(name: str) -> None:
    """Name this process in `/proc/PID/comm` (Linux, 15 bytes): tools tell it from a pool's workers."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # unnamed, it runs the same
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_NAME, name.encode()[:15], 0, 0, 0)
