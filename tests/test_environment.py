"""pyproject.toml, environment.yml and binder/ list the same packages at the same pins."""

import re
import tomllib

import yaml

from .conftest import ROOT


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = dict(re.fullmatch(r"([A-Za-z0-9_.-]+)==([\w.]+)", dep).groups() for dep in project["dependencies"])
    assert project["requires-python"] == ">=3.11,<3.14"
    return pins


def conda_environment(path) -> tuple[list[str], list[str]]:
    """(what conda installs, what pip installs) in a conda environment file."""
    env = yaml.safe_load(path.read_text())
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [item for d in env["dependencies"] if isinstance(d, dict) for item in d["pip"]]
    return conda, pip


def test_every_pin_is_exact_and_the_same_everywhere():
    pins = pyproject_pins()
    assert set(pins) >= {"jupyterlab", "notebook", "numpy", "pandas", "scikit-learn", "matplotlib", "ipywidgets",
                         "nbval", "threadpoolctl", "nbformat"}
    _, binder_pip = conda_environment(ROOT / "binder" / "environment.yml")
    assert dict(item.split("==") for item in binder_pip) == pins
    # The local environment installs the package itself, so it gets pyproject's pins.
    assert conda_environment(ROOT / "environment.yml")[1] == ["-e ."]


def test_conda_provides_only_python_and_pip():
    """Python 3.11 (the most tested) from conda; everything else from pip at the tested pins, so no
    conda matplotlib (which would pull in Qt) and no version that conda-forge has not built."""
    for path in (ROOT / "environment.yml", ROOT / "binder" / "environment.yml"):
        assert conda_environment(path)[0] == ["python=3.11", "pip"], path


def test_binder_installs_the_course_package_and_fails_loudly():
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert post_build.startswith("#!/bin/bash") and "set -e" in post_build
    assert re.search(r"^pip install --no-deps -e \.$", post_build, re.M)
    assert "cp binder/jupyterlab-overrides.json" in post_build
    assert (ROOT / "binder" / "postBuild").stat().st_mode & 0o111


def test_readme_binder_link_opens_the_first_student_notebook():
    readme = (ROOT / "README.md").read_text()
    links = re.findall(r"https://mybinder\.org/v2/gh/[^)\s`]+", readme)
    assert links, "no Binder link in README.md"
    for link in links:
        path = re.search(r"urlpath=lab/tree/([^&)\s`]+)", link).group(1).replace("%2F", "/")
        assert path == "notebooks/student/01_linear_regression_and_mse.ipynb"
        assert (ROOT / path).is_file()


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), re.M)


def test_what_the_code_imports_is_declared():
    """Third-party modules imported by helpers/ and tests/ are declared (not only pulled in by others)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {re.split(r"[=<>\[]", d)[0].lower() for d in
                project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]}
    module_to_package = {"yaml": "pyyaml", "nbformat": "nbformat", "nbclient": "nbclient", "threadpoolctl": "threadpoolctl",
                         "sklearn": "scikit-learn", "scipy": "scipy", "ipywidgets": "ipywidgets", "playwright": "playwright",
                         "pandas": "pandas", "matplotlib": "matplotlib", "numpy": "numpy", "pytest": "pytest"}
    sources = [*ROOT.glob("helpers/**/*.py"), *ROOT.glob("tests/**/*.py")]
    imported = set()
    for path in sources:
        imported |= set(re.findall(r"^\s*(?:from|import) (\w+)", path.read_text(), re.M))
    for module in sorted(imported & set(module_to_package)):
        assert module_to_package[module] in declared, f"{module} is imported but {module_to_package[module]} is not declared"


def released_versions() -> set[str]:
    return set(re.findall(r"^## \[(\d+\.\d+\.\d+)\]", (ROOT / "CHANGELOG.md").read_text(), re.M))


def test_the_changelog_releases_the_package_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert version in released_versions()


def test_binder_and_hub_links_point_at_main_or_a_release():
    readme = (ROOT / "README.md").read_text()
    refs = re.findall(r"mybinder\.org/v2/gh/[\w-]+/[\w-]+/([\w.]+)\?", readme)
    refs += re.findall(r"git-pull\?[^\s`]*branch=([\w.]+)", readme)
    assert "main" in refs and len(refs) >= 3
    for ref in refs:
        assert ref == "main" or ref.removeprefix("v") in released_versions(), ref


def test_the_public_ci_runs_the_readme_test_command():
    workflow = (ROOT / ".github" / "workflows" / "test.yml").read_text()
    assert re.search(r"run: make test\b", workflow)
    assert "actions/workflows/test.yml/badge.svg" in (ROOT / "README.md").read_text()
    assert (ROOT / "LICENSE").is_file() and "CC BY 4.0" in (ROOT / "LICENSE").read_text()
