"""How long the last whole-suite run took (`make test`): pytest's wall time, as tests/conftest.py recorded it.

    python tests/benchmarks/suite_time.py     (or: make benchmark)

Running the suite here would take minutes, so this prints the record the last `make test` left in
test-artifacts/test-run.json (set-up excluded: the environments, Chromium and the site build).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.conftest import TEST_RUN  # noqa: E402


def main() -> None:
    if not TEST_RUN.is_file():
        print("make test: no run recorded yet (run make test, then make benchmark)")
        return
    run = json.loads(TEST_RUN.read_text())
    minutes, seconds = divmod(round(run["seconds"]), 60)
    counts = ", ".join(f"{n} {kind}" for kind, n in run["counts"].items() if n)
    left_out = f"; left out for make matrix: {', '.join(Path(p).name for p in run['ignored'])}" if run["ignored"] else ""
    print(f"make test (pytest, last run {run['finished']}): {minutes} min {seconds:02d} s with {run['workers']} worker(s) "
          f"on {run['cpus']} CPUs, {counts} (target: at most 5 min){left_out}")


if __name__ == "__main__":
    main()
