"""The course outside this checkout: an installed wheel, and a JupyterHub workshop pulled with nbgitpuller.

- A wheel carries every helpers subpackage and the data, and a notebook run against it (in a
  fresh environment, from a folder with no helpers/ beside it) reproduces its stored outputs.
- A pulled copy (nbgitpuller: a git checkout in the learner's home) runs its student notebooks
  with only the dependencies installed, and its own helpers/ and data/ win over an older
  installed copy of the course: notebooks/*/helpers is a link to ../../helpers, and a
  kernel puts the notebook's folder first on sys.path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from .conftest import ROOT
from .environments import dependencies_only_env, install_wheel

NOTEBOOK = "05_loss_landscapes.ipynb"  # reads the shipped breast-cancer data


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps",
                    "-w", str(out), str(ROOT)], check=True)
    (path,) = out.glob("how_models_learn-*.whl")
    return path


def test_the_distribution_has_its_own_name_and_the_import_name_stays(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert wheel.name.startswith("how_models_learn-")
    assert {n.split("/")[0] for n in names if not n.endswith((".dist-info/", ".dist-info"))} >= {"helpers"}


def test_the_wheel_carries_every_subpackage_and_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for init in (ROOT / "helpers").rglob("__init__.py"):
        assert init.relative_to(ROOT).as_posix() in names, f"{init.parent.name} is missing from the wheel"
    for csv in (ROOT / "data").glob("*.csv"):
        assert f"helpers/datasets/{csv.name}" in names
    assert "helpers/datasets/README.md" in names


def kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    return env


def test_an_installed_wheel_reproduces_a_notebook(wheel, tmp_path):
    python = dependencies_only_env(tmp_path / "env")
    install_wheel(python, wheel)
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(ROOT / "notebooks" / "instructor" / NOTEBOOK, work / NOTEBOOK)
    where = subprocess.run([str(python), "-c", "import helpers; print(helpers.__file__, helpers.data.DATA_DIR)"],
                           capture_output=True, text=True, cwd=work, check=True).stdout
    assert str(tmp_path / "env") in where and "helpers/datasets" in where, where
    run = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
                          "-c", os.devnull, str(work / NOTEBOOK)], capture_output=True, text=True, cwd=work, env=kernel_env())
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]


def pulled_copy(dest: Path) -> Path:
    """The repository's tracked files as a fresh checkout would have them (links kept)."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], capture_output=True, cwd=ROOT, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source, target = ROOT / name, dest / name
        if not source.exists() and not source.is_symlink():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)
    return dest


PROBE = ("import helpers, pathlib; print(getattr(helpers, 'PULLED_MARKER', False), "
         "pathlib.Path(helpers.__file__).resolve().parent.parent, helpers.data.DATA_DIR)")


def run_notebook(python: Path, path: Path) -> nbformat.NotebookNode:
    """Execute ``path`` in place with ``python``'s own kernel, started in the notebook's folder (as Jupyter does)."""
    run = subprocess.run([str(python), "-c", "from nbclient.cli import main; main()", "--inplace", str(path)],
                         capture_output=True, text=True, cwd=path.parent, env=kernel_env())
    assert run.returncode == 0, run.stderr[-4000:]
    return nbformat.read(path, as_version=4)


def probe_notebook(folder: Path) -> Path:
    path = folder / "probe.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def printed(notebook: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", []))


def test_a_pulled_copy_runs_with_only_the_dependencies_installed(tmp_path):
    copy = pulled_copy(tmp_path / "course")
    python = dependencies_only_env(tmp_path / "env")
    assert subprocess.run([str(python), "-c", "import helpers"], cwd=tmp_path, capture_output=True).returncode != 0
    student = copy / "notebooks" / "student"
    out = printed(run_notebook(python, probe_notebook(student)))
    assert f"False {copy} {copy / 'data'}" in out, out
    notebook = run_notebook(python, student / NOTEBOOK)
    text = printed(notebook)
    assert "not done yet" in text and "Traceback" not in text


def test_a_pulled_update_wins_over_an_installed_older_copy(wheel, tmp_path):
    copy = pulled_copy(tmp_path / "course")
    python = dependencies_only_env(tmp_path / "env")
    install_wheel(python, wheel)  # what the hub image installed when it was built
    with open(copy / "helpers" / "__init__.py", "a") as init:  # the update the learner just pulled
        init.write("\nPULLED_MARKER = True\n")
    out = printed(run_notebook(python, probe_notebook(copy / "notebooks" / "student")))
    assert f"True {copy} {copy / 'data'}" in out, out
