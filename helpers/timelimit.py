"""A time limit for one call of a learner's function, so an infinite loop becomes a message.

``with time_limit(3):`` raises ``TimeLimitExceeded`` in the code inside once it has run for
3 s (wall clock). It uses SIGALRM, so it works in the main thread on Linux and macOS (where
Jupyter runs cells); elsewhere (Windows, a worker thread) the code runs without a limit.
``TimeLimitExceeded`` is not an ``Exception``, so a learner's ``except Exception`` does not
swallow it, and it is raised again every quarter second until the code gives up.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

REPEAT_SECONDS = 0.25


class TimeLimitExceeded(BaseException):
    """The code inside ``time_limit`` ran past its limit."""


def available() -> bool:
    """True where ``time_limit`` can interrupt code: SIGALRM exists and this is the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in the body once it has run ``seconds`` (a positive number)."""
    if not isinstance(seconds, (int, float)) or not seconds > 0:
        raise ValueError(f"time_limit: seconds must be a positive number, got {seconds!r}")
    if not available():
        yield
        return

    def interrupt(signum, frame):
        raise TimeLimitExceeded(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
