"""The course's thread default: one BLAS/OpenMP thread, because every problem here is small.

``import helpers`` calls ``limit_threads()`` once. Small matrix products gain nothing from a
second thread, but on a busy laptop or a hub pod that reports many cores and gets a
fraction of one, a thread per core makes the same fits 10–20× slower. One thread also
keeps every printed number independent of the machine's core count.

To use more threads, set ``OMP_NUM_THREADS`` or ``OPENBLAS_NUM_THREADS`` before starting
Jupyter: the course then leaves the thread counts alone.
"""

from __future__ import annotations

import os

from threadpoolctl import threadpool_limits

USER_SETTINGS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def limit_threads() -> bool:
    """Use one thread in BLAS and OpenMP unless the user chose a number; True when it limited.

    Sets the variables for libraries loaded later (e.g. SciPy's own BLAS) and limits the
    ones already loaded (NumPy's) with threadpoolctl.
    """
    if any(os.environ.get(name) for name in USER_SETTINGS):
        return False
    for name in USER_SETTINGS:
        os.environ[name] = "1"
    threadpool_limits(limits=1)
    return True
