"""The course on every Python it supports: 3.11 runs the whole suite; 3.12 and 3.13 run here.

Hosted notebooks (Colab, many hubs) run newer Pythons than 3.11. For each other supported
version found on this machine, a venv gets the course at the locked versions (constraints.txt),
then the unit tests of helpers and a strict nbval run of the instructor notebooks (the same
stored outputs must come out). Other library versions, oldest and newest, are `make compat`'s
job (tests/compat.py: errors only). A version that is not installed is skipped, saying so; at least one
must be there in CI.
"""

import os
import subprocess
import sys
import tomllib

import pytest

from .conftest import ROOT, SLOW_FILES
from .environments import cached_course_env, find_python

SUPPORTED = ["3.11", "3.12", "3.13"]
OTHERS = [v for v in SUPPORTED if v != "%d.%d" % sys.version_info[:2]]
FOUND = {v: find_python(v) for v in OTHERS}
# The unit tests of helpers; the slow suites (servers, browsers, kernels, other environments) stay in the main run.
UNIT_TESTS = sorted(str(p) for p in (ROOT / "tests").glob("test_*.py") if p.name not in SLOW_FILES)


def test_pyproject_states_the_supported_versions():
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.11,<3.14"
    assert "3.11, 3.12 or 3.13" in (ROOT / "Makefile").read_text()


def test_at_least_one_other_version_is_tested_in_ci():
    if os.environ.get("CI"):
        assert any(FOUND.values()), f"none of {OTHERS} found: CI must test a second Python version"


@pytest.mark.parametrize("version", OTHERS)
def test_the_course_runs_on(version):
    python = FOUND[version]
    if python is None:
        pytest.skip(f"Python {version} is not installed here")
    env_python = cached_course_env(version, python)
    run = subprocess.run([str(env_python), "-m", "pytest", "-q", "-x", *UNIT_TESTS, str(ROOT / "notebooks" / "instructor")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, f"Python {version}:\n{run.stdout[-6000:]}\n{run.stderr[-2000:]}"


def test_an_unsupported_python_is_refused_with_advice(tmp_path):
    old = find_python("3.10")
    if old is None:
        pytest.skip("no Python 3.10 here to try")
    run = subprocess.run(["make", "-s", "install", f"PYTHON={old}", f"VENV={tmp_path / 'venv'}"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode != 0
    assert "needs Python 3.11, 3.12 or 3.13" in run.stderr and "make lab PYTHON=" in run.stderr and "Binder" in run.stderr
    assert not (tmp_path / "venv").exists()
