"""pyproject.toml, environment.yml and binder/ list the same packages at the same pins."""

import re
import tomllib

import yaml

from .conftest import ROOT

CONDA_NAMES = {"python", "pip"}


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = dict(re.fullmatch(r"([A-Za-z0-9_.-]+)==([\w.]+)", dep).groups() for dep in project["dependencies"])
    assert project["requires-python"].startswith(">=3.11")
    return pins


def conda_pins(path) -> dict[str, str]:
    env = yaml.safe_load(path.read_text())
    assert env["channels"] == ["conda-forge"]
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, _, version = dep.partition("=")
            pins[name] = version
    assert pins.pop("python") == "3.11" and "pip" in pins
    pins.pop("pip")
    return pins


def test_every_pin_is_exact_and_the_same_everywhere():
    pins = pyproject_pins()
    assert set(pins) >= {"jupyterlab", "numpy", "pandas", "scikit-learn", "matplotlib", "ipywidgets", "nbval"}
    assert conda_pins(ROOT / "environment.yml") == pins
    assert conda_pins(ROOT / "binder" / "environment.yml") == pins


def test_local_conda_environment_installs_the_course_package():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_items = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert pip_items == [{"pip": ["-e ."]}]


def test_binder_installs_the_course_package_and_fails_loudly():
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert post_build.startswith("#!/bin/bash") and "set -e" in post_build
    assert re.search(r"^pip install --no-deps -e \.$", post_build, re.M)
    assert (ROOT / "binder" / "postBuild").stat().st_mode & 0o111


def test_readme_binder_link_opens_the_first_student_notebook():
    readme = (ROOT / "README.md").read_text()
    links = re.findall(r"https://mybinder\.org/v2/gh/[^)\s]+", readme)
    assert links, "no Binder link in README.md"
    for link in links:
        path = re.search(r"urlpath=lab/tree/([^&)\s]+)", link).group(1).replace("%2F", "/")
        assert path == "notebooks/student/01_linear_regression_and_mse.ipynb"
        assert (ROOT / path).is_file()


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), re.M)
