"""The course in someone else's environment: a hosted notebook service (Colab, Kaggle) or a hub.

- Installing the course (``pip install --dry-run``) into an environment with newer numpy and
  SciPy than the lock, or with the oldest libraries allowed (ipywidgets 7, as several services
  ship), installs the course alone: nothing is downgraded, upgraded or added for servers or tests.
- The hosted-setup cell, first in every student notebook, played on a simulated service: a fresh
  venv over the newest libraries with a ``google.colab`` module and no course; the notebook opened
  alone (no helpers/ or data/ beside it). The cell installs the course from this checkout (GitHub
  is the real source) and the notebook runs; a library outside the course's range makes the cell
  say to restart; on a laptop, Binder or a hub the cell does nothing.

The environments are make compat's cached venvs (.venvs/compat-*, tests/compat.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from packaging.version import Version

from helpers import build
from helpers.hosted import SOURCE_VARIABLE, TAG, setup_cell_source

from . import compat
from .conftest import ROOT
from .environments import dependencies_only_env, find_python
from .test_environment import lock, normalise

NOTEBOOK = "05_loss_landscapes.ipynb"  # reads a shipped data set


def compat_python(kind: str, version: str = "3.12") -> Path:
    interpreter = find_python(version)
    if interpreter is None:
        pytest.skip(f"Python {version} is not installed here")
    return compat.build(kind, version, interpreter).python


def installed(python: Path) -> dict[str, str]:
    code = "import json, importlib.metadata as m; print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))"
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout
    return {normalise(n): v for n, v in json.loads(out).items()}


def dry_run(python: Path, *what: str) -> list[str]:
    """What ``pip install WHAT`` would do in ``python``'s environment: "name old -> new" or "name new"."""
    run = subprocess.run([str(python), "-m", "pip", "install", "--dry-run", "--quiet", "--disable-pip-version-check",
                          "--report", "-", *what], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    before = installed(python)
    report = json.loads(run.stdout)
    changes = []
    for item in report["install"]:
        name, version = normalise(item["metadata"]["name"]), item["metadata"]["version"]
        changes.append(f"{name} {before[name]} -> {version}" if name in before else f"{name} {version}")
    return sorted(changes)


def test_installing_the_course_next_to_newer_numpy_and_scipy_moves_nothing():
    python = compat_python("newest")
    have, pins = installed(python), lock()
    # The premise: this environment is ahead of the lock (else the test proves nothing).
    assert Version(have["numpy"]) > Version(pins["numpy"]), (have["numpy"], pins["numpy"])
    assert Version(have["scipy"]) > Version(pins["scipy"]), (have["scipy"], pins["scipy"])
    changes = dry_run(python, str(ROOT))
    assert [c.split()[0] for c in changes] == ["how-models-learn"], changes


def test_installing_the_course_next_to_the_oldest_allowed_libraries_moves_nothing():
    python = compat_python("oldest")
    assert installed(python)["ipywidgets"].startswith("7."), "the oldest environment should have ipywidgets 7"
    changes = dry_run(python, str(ROOT))
    assert [c.split()[0] for c in changes] == ["how-models-learn"], changes


def test_the_dry_run_check_sees_a_downgrade():
    python = compat_python("newest")
    numpy = installed(python)["numpy"]
    assert dry_run(python, f"numpy=={lock()['numpy']}") == [f"numpy {numpy} -> {lock()['numpy']}"]


# --- the hosted-setup cell -------------------------------------------------------------------

def service(path: Path, base: Path) -> Path:
    """A fresh venv that sees ``base``'s libraries (not its own course), plus a ``google.colab``
    module as Colab has: a new hosted runtime. Returns its python."""
    interpreter = find_python("3.12")
    subprocess.run([interpreter, "-m", "venv", "--without-pip", str(path)], check=True)
    python = path / "bin" / "python"
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(subprocess.run([str(python), "-c", purelib], capture_output=True, text=True, check=True).stdout.strip())
    base_site = subprocess.run([str(base), "-c", purelib], capture_output=True, text=True, check=True).stdout.strip()
    (site / "service_libraries.pth").write_text(base_site + "\n")
    (site / "google" / "colab").mkdir(parents=True)
    (site / "google" / "colab" / "__init__.py").write_text('"""Stands in for Colab in tests/test_hosted.py."""\n')
    return python


def run_cell(python: Path, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in (SOURCE_VARIABLE, "KAGGLE_KERNEL_RUN_TYPE")}
    return subprocess.run([str(python), "-c", setup_cell_source()], capture_output=True, text=True, cwd=cwd,
                          env=environment | env, timeout=600)


def test_every_student_notebook_starts_with_the_hosted_setup_cell():
    for path in build.instructor_notebooks():
        student = nbformat.read(build.STUDENT_DIR / path.name, as_version=4)
        first = student.cells[0]
        assert first.cell_type == "code" and first.metadata.get("tags") == [TAG], path.name
        assert first.source == setup_cell_source(), f"{path.name}: run `make student`"


def test_on_a_simulated_colab_the_cell_installs_the_course_and_the_notebook_runs(tmp_path):
    base = compat_python("newest")
    python = service(tmp_path / "runtime", base)
    work = tmp_path / "content"  # the notebook alone, as Colab opens it from GitHub
    work.mkdir()
    notebook = nbformat.read(build.STUDENT_DIR / NOTEBOOK, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import helpers; print('FROM', helpers.__file__, helpers.data.DATA_DIR)"))
    nbformat.write(notebook, work / NOTEBOOK)
    assert subprocess.run([str(python), "-c", "import helpers"], cwd=work, capture_output=True).returncode != 0
    before = installed(base)
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"} | {SOURCE_VARIABLE: str(ROOT)}
    code = ("import sys, nbformat, nbclient; nb = nbformat.read(sys.argv[1], 4); "
            "nbclient.NotebookClient(nb, timeout=600, kernel_name='python3').execute(); nbformat.write(nb, sys.argv[1])")
    run = subprocess.run([str(python), "-c", code, str(work / NOTEBOOK)], capture_output=True, text=True, cwd=work, env=env)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    done = nbformat.read(work / NOTEBOOK, as_version=4)
    first = "".join(o.get("text", "") for o in done.cells[0].outputs)
    assert "Installing the course from" in first and "nothing else changed" in first, first
    last = "".join(o.get("text", "") for o in done.cells[-1].outputs)
    assert f"FROM {tmp_path / 'runtime'}" in last and "helpers/datasets" in last, last
    assert not [o for c in done.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert installed(base) == before, "the service's own libraries changed"
    # Run again (the learner re-runs the notebook): the course is there now, the cell stays silent.
    again = run_cell(python, work, **{SOURCE_VARIABLE: "/nonexistent"})
    assert again.returncode == 0 and again.stdout == "", again.stdout + again.stderr


def test_a_library_outside_the_range_is_upgraded_and_the_cell_says_to_restart(tmp_path):
    python = service(tmp_path / "runtime", compat_python("newest"))
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "threadpoolctl==3.0.0"], check=True,
                   capture_output=True)
    run = run_cell(python, tmp_path, **{SOURCE_VARIABLE: str(ROOT)})
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Changed: threadpoolctl 3.0.0 -> " in run.stdout and "RESTART NOW" in run.stdout, run.stdout


def test_on_a_laptop_binder_or_hub_the_cell_does_nothing(tmp_path):
    # No service: nothing printed, no install tried (the source would fail), even without the course.
    bare = dependencies_only_env(tmp_path / "laptop")
    run = run_cell(bare, tmp_path, **{SOURCE_VARIABLE: "/nonexistent"})
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")
    # A service whose learner cloned the course (helpers importable): nothing either.
    run = run_cell(Path(sys.executable), ROOT / "notebooks" / "student",
                   **{SOURCE_VARIABLE: "/nonexistent", "KAGGLE_KERNEL_RUN_TYPE": "Interactive"})
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")


def test_on_a_service_a_failed_install_says_what_to_do(tmp_path):
    bare = dependencies_only_env(tmp_path / "runtime")
    run = run_cell(bare, tmp_path, **{SOURCE_VARIABLE: str(tmp_path / "nonexistent"), "KAGGLE_KERNEL_RUN_TYPE": "Interactive"})
    assert run.returncode != 0
    assert "Installing the course failed; check the connection and run this cell again" in run.stderr


def test_the_setup_cell_is_plain_python_with_no_course_import_before_the_install():
    source = setup_cell_source()
    compile(source, "hosted-setup", "exec")
    assert source.index("import helpers") > source.index("pip")
    assert "how-models-learn @ git+https://github.com/how-models-learn/course@main" in source
