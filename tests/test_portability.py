"""Stored outputs do not depend on the CPU: the instructor notebooks under other kernels and thread counts.

nbval compares the instructor notebooks strictly with their stored outputs. Machines of
one kind still differ in CPU: with AVX-512 OpenBLAS selects its SkylakeX kernels, without
it Haswell (or older), and NumPy dispatches its own loops (exp, log, tanh, sums) to
AVX-512 or AVX2 code. Each variant adds numbers in another order, so the last digits of a
long computation can differ. This test runs every instructor notebook under nbval with two
kernel families this CPU can execute, each with 1 and 2 threads, emulating the older CPU by
switching off NumPy's newer dispatch targets too (NPY_DISABLE_CPU_FEATURES).

It is part of `make test` on purpose: CI runs on whichever CPU it gets, so a notebook that
prints an unstable digit must fail here, on the author's machine, not later on somebody
else's. It costs four nbval runs of the instructor notebooks (about 2-3 minutes).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

# OpenBLAS kernel -> the CPU flag it needs, and NumPy dispatch targets such a CPU would not have.
KERNELS = {
    "SkylakeX": ("avx512f", []),
    "Haswell": ("avx2", ["X86_V4", "AVX512_ICL", "AVX512_SPR"]),
    "Sandybridge": ("avx", ["X86_V3", "X86_V4", "AVX512_ICL", "AVX512_SPR"]),
}


def cpu_flags() -> set[str]:
    cpuinfo = Path("/proc/cpuinfo")
    if not cpuinfo.is_file():
        return set()
    for line in cpuinfo.read_text().splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def two_kernels() -> list[str]:
    """The two newest kernel families this CPU can run (one of them is usually its own)."""
    flags = cpu_flags()
    return [name for name, (flag, _) in KERNELS.items() if flag in flags][:2]


def environment(kernel: str, threads: int) -> dict[str, str]:
    env = {**os.environ, "OPENBLAS_CORETYPE": kernel, "OPENBLAS_NUM_THREADS": str(threads),
           "OMP_NUM_THREADS": str(threads)}
    env.pop("OPENBLAS_L2_SIZE", None)
    env.pop("MPLBACKEND", None)
    dispatched = json.loads(subprocess.run(
        [sys.executable, "-c", "import json; from numpy._core import _multiarray_umath as m; "
                               "print(json.dumps(m.__cpu_dispatch__))"],
        capture_output=True, text=True, check=True).stdout)
    disabled = [target for target in KERNELS[kernel][1] if target in dispatched]
    if disabled:
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(disabled)
    return env


CONFIGS = [(kernel, threads) for kernel in two_kernels() for threads in (1, 2)]


@pytest.mark.skipif(len(CONFIGS) < 4, reason="needs an x86-64 CPU with at least AVX (two OpenBLAS kernel families)")
@pytest.mark.parametrize("kernel, threads", CONFIGS, ids=[f"{k}-{t}thread" for k, t in CONFIGS])
def test_instructor_outputs_are_the_same_under(kernel, threads):
    env = environment(kernel, threads)
    probe = subprocess.run(
        [sys.executable, "-c", "import numpy, helpers, threadpoolctl; "
                               "print([(i['architecture'], i['num_threads']) for i in threadpoolctl.threadpool_info()])"],
        capture_output=True, text=True, env=env, check=True).stdout
    assert f"('{kernel}', {threads})" in probe, f"OpenBLAS did not take the requested kernel/threads: {probe}"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", str(ROOT / "notebooks" / "instructor")],  # pyproject adds --nbval
        capture_output=True, text=True, env=env, cwd=ROOT)
    assert run.returncode == 0, f"nbval under {kernel}, {threads} thread(s):\n{run.stdout[-6000:]}"
