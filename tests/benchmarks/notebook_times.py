"""How long each notebook takes top to bottom, kernel start included: idle, then under CPU load.

Run with ``make benchmark`` (or ``python tests/benchmarks/notebook_times.py [--no-load] [names]``).
Each notebook, instructor and student copy, is executed once with nbclient in a fresh
kernel, as "Restart & Run All" does. The second pass runs the same while one busy
process per core competes for the CPU (a shared laptop, a hub pod). The course target is
under 8 s per notebook on an idle 2-core machine. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]


def run_seconds(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    # The kernel's stderr only carries ipykernel's notice about its local TCP ports; errors in
    # the notebook still stop the run (execute raises CellExecutionError).
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute(stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def burn(stop: multiprocessing.Event) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def measure(paths: list[Path]) -> dict[Path, float]:
    return {path: run_seconds(path) for path in paths}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="notebook name prefixes, e.g. 05 (default: all)")
    parser.add_argument("--no-load", action="store_true", help="skip the pass under CPU load")
    args = parser.parse_args()
    os.environ.pop("MPLBACKEND", None)
    paths = [p for folder in ("instructor", "student") for p in sorted((ROOT / "notebooks" / folder).glob("*.ipynb"))
             if not args.names or p.name.startswith(tuple(args.names))]
    idle = measure(paths)
    loaded: dict[Path, float] = {}
    if not args.no_load:
        stop = multiprocessing.Event()
        burners = [multiprocessing.Process(target=burn, args=(stop,)) for _ in range(os.cpu_count() or 2)]
        for process in burners:
            process.start()
        try:
            loaded = measure(paths)
        finally:
            stop.set()
            for process in burners:
                process.join()
    print(f"{'notebook':<48} {'idle s':>7} {'loaded s':>9}")
    for path in paths:
        under_load = f"{loaded[path]:9.1f}" if path in loaded else f"{'-':>9}"
        print(f"{path.parent.name + '/' + path.name:<48} {idle[path]:7.1f} {under_load}")


if __name__ == "__main__":
    main()
