"""`make compat`: every notebook, student and instructor, against the oldest and the newest libraries.

    python -m tests.compat              # all four environments
    python -m tests.compat --only newest-3.13

pyproject.toml states ranges; this job proves both ends. For Python 3.12 and 3.13 it keeps
two venvs in .venvs/ (git-ignored, reused from run to run):

- ``oldest``: every dependency at exactly its lower bound for that Python (the bounds are
  read from pyproject.toml, markers included, so raising one re-tests it);
- ``newest``: every dependency upgraded to the newest release the index serves, on each run.

Neither holds the course itself: a notebook imports ``helpers`` through the link beside it
(notebooks/*/helpers), as in a pulled copy. Each notebook is executed with nbclient in a
fresh kernel of that venv, in parallel; a cell that raises fails the job. Outputs are not
compared (only `make test`, on the lock file's versions, compares them strictly). The
versions and results are printed and written to test-artifacts/compat.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

from .environments import find_python

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ["3.12", "3.13"]
KINDS = ["oldest", "newest"]
# What executes the notebooks (the service's side, not the course's): always the newest.
RUNNER = ["ipykernel", "nbclient"]
NOTEBOOKS = sorted(ROOT.glob("notebooks/student/*.ipynb")) + sorted(ROOT.glob("notebooks/instructor/*.ipynb"))
REPORT = ROOT / "test-artifacts" / "compat.md"
PIP = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--only-binary=:all:"]

# Run inside the venv: execute one notebook from its own folder; print the failing cell's error.
EXECUTE = """
import sys, nbformat, nbclient
from nbclient.exceptions import CellExecutionError
path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                 resources={"metadata": {"path": sys.argv[2]}})
try:
    client.execute()
except CellExecutionError as error:
    print(str(error)[-3000:])
    sys.exit(1)
# A failing display (e.g. a widget's repr) is an error output in a cell that still "succeeds".
for index, cell in enumerate(notebook.cells):
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            print(f"cell {index}: {output.ename}: {output.evalue}")
            sys.exit(1)
views = sum("application/vnd.jupyter.widget-view+json" in output.get("data", {})
            for cell in notebook.cells for output in cell.get("outputs", []))
print("widget views:", views)
"""


def requirements(python_version: str) -> list[Requirement]:
    """pyproject.toml's dependencies that apply on ``python_version`` (e.g. "3.12")."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    environment = {"python_version": python_version, "python_full_version": python_version + ".0"}
    return [r for r in map(Requirement, declared) if r.marker is None or r.marker.evaluate(environment)]


def lower_bounds(python_version: str) -> dict[str, str]:
    """{package: its oldest allowed version} on ``python_version``: the highest ``>=`` among its lines."""
    bounds: dict[str, Version] = {}
    for requirement in requirements(python_version):
        lows = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
        if not lows:
            raise ValueError(f"pyproject.toml: {requirement} has no lower bound (>=) for make compat to test")
        bounds[requirement.name] = max([*lows, bounds.get(requirement.name, lows[0])])
    return {name: str(version) for name, version in bounds.items()}


@dataclass
class Environment:
    kind: str
    version: str
    python: Path

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.version}"


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    if done.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


def build(kind: str, version: str, interpreter: str) -> Environment:
    """The cached venv ``.venvs/compat-KIND-pyVERSION``, created or brought up to date."""
    bounds = lower_bounds(version)
    if kind == "oldest":
        wanted = [f"{name}=={low}" for name, low in sorted(bounds.items())] + RUNNER
    else:
        wanted = sorted(bounds) + RUNNER
    path = ROOT / ".venvs" / f"compat-{kind}-py{version}"
    marker = path / (".installed-" + hashlib.sha256(" ".join(wanted).encode()).hexdigest()[:12])
    python = path / "bin" / "python"
    if not marker.exists():
        run([interpreter, "-m", "venv", "--clear", path])
        run([python, *PIP, *wanted])
        marker.touch()
    elif kind == "newest":
        run([python, *PIP, "--upgrade", "--upgrade-strategy", "eager", *wanted])
    return Environment(kind, version, python)


def installed(environment: Environment, names: list[str]) -> dict[str, str]:
    code = "import json, sys, importlib.metadata as m; print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    return json.loads(run([environment.python, "-c", code, *names]).stdout)


def execute(environment: Environment, notebook: Path) -> tuple[bool, float, str]:
    """(passed, seconds, what it printed: the error, or "widget views: N") for one notebook in one environment."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    start = time.perf_counter()
    done = subprocess.run([str(environment.python), "-c", EXECUTE, str(notebook), str(notebook.parent)],
                          capture_output=True, text=True, cwd=notebook.parent, env=env)
    return done.returncode == 0, time.perf_counter() - start, (done.stdout + done.stderr[-2000:])[-3000:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", help="e.g. oldest-3.12 (repeatable); default: all four")
    parser.add_argument("--match", action="append", help="only the notebooks whose name contains this (repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="notebooks executed at once")
    args = parser.parse_args(argv)
    wanted = [(k, v) for v in PYTHONS for k in KINDS if not args.only or f"{k}-{v}" in args.only]
    interpreters = {v: find_python(v) for v in PYTHONS}
    missing = sorted({v for _, v in wanted if interpreters[v] is None})
    if missing:
        print(f"make compat needs Python {', '.join(missing)} (e.g. pyenv install {missing[0]})", file=sys.stderr)
        return 1
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(wanted)) as pool:
        environments = list(pool.map(lambda kv: build(kv[0], kv[1], interpreters[kv[1]]), wanted))
    lines = ["# make compat", "", "| environment | " + " | ".join(sorted(lower_bounds("3.12"))) + " |",
             "|---|" + "---|" * len(lower_bounds("3.12"))]
    for environment in environments:
        bounds = lower_bounds(environment.version)
        versions = installed(environment, sorted(bounds))
        if environment.kind == "oldest" and any(Version(versions[n]) != Version(v) for n, v in bounds.items()):
            print(f"{environment.name}: installed {versions}, expected the lower bounds {bounds}", file=sys.stderr)
            return 1
        lines.append(f"| {environment.name} | " + " | ".join(versions.get(n, "-") for n in sorted(lower_bounds("3.12"))) + " |")
    print(f"environments ready in {time.perf_counter() - start:.0f} s")
    notebooks = [nb for nb in NOTEBOOKS if not args.match or any(m in nb.name for m in args.match)]
    jobs = [(e, nb) for e in environments for nb in notebooks]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda job: execute(*job), jobs))
    failures = [(e.name, nb, message) for (e, nb), (ok, _, message) in zip(jobs, results) if not ok]
    # ipywidgets 7 and 8 alike: each notebook shows the same number of widgets (explorers) everywhere.
    views: dict[Path, dict[str, int]] = {}
    for (environment, notebook), (ok, _, message) in zip(jobs, results):
        if ok:
            views.setdefault(notebook, {})[environment.name] = int(re.search(r"^widget views: (\d+)$", message, re.M)[1])
    for notebook, counts in views.items():
        if len(set(counts.values())) > 1:
            failures.append(("all", notebook, f"widgets shown differ between environments: {counts}"))
    lines += ["", f"{len(jobs) - len(failures)} of {len(jobs)} notebook runs without error "
              f"({len(notebooks)} notebooks × {len(environments)} environments), "
              f"{time.perf_counter() - start:.0f} s in all, slowest {max(r[1] for r in results):.1f} s; "
              f"widget views per notebook, the same in every environment: "
              + ", ".join(f"{nb.parent.name[0]}{nb.name[:2]} {max(c.values())}" for nb, c in views.items()) + "."]
    for where, notebook, message in failures:
        lines += ["", f"## FAILED {where}: {notebook.relative_to(ROOT)}", "", "```", message.strip(), "```"]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
