"""A time budget for one piece of work: past it, the Python code running it is
interrupted with :class:`Overdue`, wherever it is (a rule stuck in a loop, an
extractor on a pathological text).

On the main thread of a process that has not claimed ``SIGALRM`` for itself, a
timer signal does it, which also wakes a blocking sleep. On any other thread (the
server's workers, a Dask worker, an API call from a thread) a watchdog thread
raises the exception asynchronously in the working thread; it lands at the next
Python instruction, so a call blocked in C code ends when that call returns.
Neither way stops code that never returns to Python.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["Overdue", "interrupted_at", "time_limit"]


class Overdue(BaseException):
    """Raised in the work that outlived its budget. Not an ``Exception``, so that
    neither a plugin's ``except Exception`` nor the engine's crash handling takes it
    for a plugin's own error and goes on."""


_alarm_armed = False


def _on_alarm(signum: int, frame: object) -> None:
    if _alarm_armed:
        raise Overdue


def _signal_usable() -> bool:
    """Whether the timer signal is free to use here: the main thread, and no handler
    of someone else's installed (an embedding program may use it)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None, _on_alarm)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Run the body within ``seconds``; past them :class:`Overdue` is raised in it.
    ``None`` or 0: no limit."""
    if not seconds:
        yield
        return
    if _signal_usable():
        with _by_signal(seconds):
            yield
    else:
        with _by_watchdog(seconds):
            yield


@contextmanager
def _by_signal(seconds: float) -> Iterator[None]:
    global _alarm_armed
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _alarm_armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _alarm_armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _by_watchdog(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["armed"]:
                state["fired"] = True
                _raise_in(target, Overdue)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["armed"] = False
        timer.cancel()
        if state["fired"]:
            _raise_in(target, None)  # not delivered yet: take it back, the work is over


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Have ``thread_id`` raise ``exc`` at its next Python instruction (None: clear
    a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else ctypes.c_void_p(0)
    )


def interrupted_at(exc: BaseException) -> str:
    """``file:line`` of the code the budget interrupted (not this module's)."""
    here = Path(__file__).name
    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).name not in (here, "contextlib.py")
    ]
    if not frames:
        return ""
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}"
