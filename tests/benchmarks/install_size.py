"""How big each environment that `make` builds is on disk: the learner's, and what the tests add.

    python tests/benchmarks/install_size.py     (or: make benchmark)

`make lab` builds .venv with the course and its `lab` extra only; `make test` adds the `test`
extra to that same .venv, and builds .venv-grading (nbgrader) and .venv-site (Sphinx) beside
it. The learner's share of .venv is measured as the whole folder (du) minus the files of every
distribution that only the `test` extra brings in (their RECORD, byte-compiled files included),
so it is the size `make lab` alone leaves, whether or not `make test` has run since.
Sizes in MiB, as `du -m` counts them. Asserts nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DISTRIBUTION = "how-models-learn"

# Runs inside the environment measured: the distributions a set of extras pulls in (markers evaluated
# there), and each installed distribution's files in bytes.
CLOSURE = r"""
import json, os, sys
from importlib import metadata
from packaging.requirements import Requirement

def closure(extras):
    seen, todo = set(), [(sys.argv[1], frozenset(extras))]
    while todo:
        name, wanted = todo.pop()
        key = (name.lower().replace("_", "-"), wanted)
        if key in seen:
            continue
        seen.add(key)
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            req = Requirement(line)
            if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in (wanted or {""})):
                todo.append((req.name, frozenset(req.extras)))
    return sorted({name for name, _ in seen})

def size(dist):
    total = 0
    for file in dist.files or []:
        path = dist.locate_file(file)
        if os.path.isfile(path):
            total += os.path.getsize(path)
    return total

sizes = {d.metadata["Name"].lower().replace("_", "-"): size(d) for d in metadata.distributions()}
print(json.dumps({"lab": closure(["lab"]), "test": closure(["lab", "test"]), "sizes": sizes}))
"""


def du_mib(path: Path) -> float:
    """Disk usage of ``path`` in MiB, as ``du -m`` counts it (blocks, each file once)."""
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0]) / 1024


def main() -> None:
    venv = ROOT / ".venv"
    python = venv / "bin" / "python"
    if not python.exists():
        sys.exit("no .venv here: run `make lab` or `make test` first")
    found = json.loads(subprocess.run([str(python), "-c", CLOSURE, DISTRIBUTION], capture_output=True, text=True,
                                      check=True).stdout)
    test_only = sorted(set(found["test"]) - set(found["lab"]))
    present = [name for name in test_only if name in found["sizes"]]
    test_mib = sum(found["sizes"][name] for name in present) / 2**20
    total = du_mib(venv)
    rows = [("make lab", ".venv: the course, JupyterLab", total - test_mib, "target: at most 700"),
            ("make test adds", ".venv: the test extra", test_mib, ", ".join(present) or "not installed")]
    for folder, what in ((".venv-grading", "nbgrader (make test, make grading)"), (".venv-site", "Sphinx (make site, make test)")):
        if (ROOT / folder).is_dir():
            rows.append(("make test adds", f"{folder}: {what}", du_mib(ROOT / folder), ""))
    print("environment sizes on disk (MiB, as du -m counts them):")
    for command, what, mib, remark in rows:
        print(f"  {command:15s} {what:50s} {mib:6.0f}   {remark}")
    if os.environ.get("VERBOSE"):
        for name in sorted(found["lab"], key=lambda n: -found["sizes"].get(n, 0))[:15]:
            print(f"    {name:28s} {found['sizes'].get(name, 0) / 2**20:6.1f}")


if __name__ == "__main__":
    main()
