"""Ranges in pyproject.toml, exact pins in one lock file (constraints.txt), and every install reads the lock.

pyproject.toml says what `import helpers` needs, as ranges with tested lower bounds (make compat
runs the oldest and the newest); constraints.txt pins every package the tests and stored outputs
come from; make, .ci/run, the public CI, Binder and conda all install with ``-c constraints.txt``.
"""

import importlib.metadata
import re
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from .conftest import ROOT

LOCK = ROOT / "constraints.txt"
# What a hosted service or a hub provides itself, and what only the tests need: never in the base dependencies.
NOT_FOR_LEARNERS = {"jupyterlab", "notebook", "jupyter-server", "jupyter", "nbval", "pytest", "coverage",
                    "pytest-cov", "nbclient", "nbformat", "playwright", "nbgrader", "pyyaml"}


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def lock() -> dict[str, str]:
    """{normalised name: version} from constraints.txt; every line a comment or name==version."""
    pins = {}
    for number, line in enumerate(LOCK.read_text().splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([\w.+]+)", line)
            assert match, f"constraints.txt, line {number}: {line!r} is not name==version"
            pins[normalise(match[1])] = match[2]
    return pins


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_base_dependencies_are_ranges_with_a_lower_bound_and_nothing_for_servers_or_tests():
    assert project()["requires-python"] == ">=3.11,<3.14"
    requirements = [Requirement(d) for d in project()["dependencies"]]
    names = {normalise(r.name) for r in requirements}
    assert names >= {"numpy", "pandas", "scipy", "scikit-learn", "matplotlib", "ipywidgets", "threadpoolctl"}
    assert not names & NOT_FOR_LEARNERS, names & NOT_FOR_LEARNERS
    for requirement in requirements:
        operators = {s.operator for s in requirement.specifier}
        assert operators == {">="}, f"{requirement}: state a tested lower bound (>=) and no pin or upper bound"


def test_every_declared_package_is_pinned_in_the_lock_inside_its_range():
    pins = lock()
    declared = project()["dependencies"] + [d for extra in project()["optional-dependencies"].values() for d in extra]
    for requirement in map(Requirement, declared):
        if requirement.marker is not None and not requirement.marker.evaluate({"python_version": "3.11"}):
            continue
        name = normalise(requirement.name)
        assert name in pins, f"{name} is declared but not pinned in constraints.txt"
        assert requirement.specifier.contains(Version(pins[name]), prereleases=True), \
            f"constraints.txt pins {name}=={pins[name]}, outside pyproject's {requirement}"


def test_this_environment_has_exactly_the_locked_versions():
    """What `make` built (and so what the stored outputs are compared against) is the lock."""
    pins = lock()
    installed = {normalise(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    assert installed["numpy"] == pins["numpy"]
    differ = {n: (v, pins[n]) for n, v in installed.items() if n in pins and Version(v) != Version(pins[n])}
    assert not differ, f"installed versions differ from constraints.txt (run `make install`): {differ}"


def conda_environment(path) -> tuple[list[str], list[str]]:
    """(what conda installs, what pip installs) in a conda environment file."""
    env = yaml.safe_load(path.read_text())
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [item for d in env["dependencies"] if isinstance(d, dict) for item in d["pip"]]
    return conda, pip


def test_every_install_reads_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert "LOCK := constraints.txt" in makefile and "-c $(LOCK)" in makefile
    # `make lab` installs the course and JupyterLab only; `make test` adds the test extras to that venv
    lab = re.search(r"^\$\(INSTALLED\):.*?\n\n", makefile, re.M | re.S).group()
    assert re.search(r"\$\(BIN\)/\$\(PIP_INSTALL\) (--no-compile )?-e '\.\[lab\]'", lab) and "test]" not in lab
    assert re.search(r"^\$\(TEST_INSTALLED\): \$\(INSTALLED\)\n\t\$\(BIN\)/\$\(PIP_INSTALL\) -e '\.\[lab,test\]'", makefile, re.M)
    assert re.search(r"^lab: \$\(INSTALLED\)$", makefile, re.M) and re.search(r"^test: \$\(TEST_INSTALLED\) ", makefile, re.M)
    assert re.search(r"\$\(GRADING_VENV\)/bin/\$\(PIP_INSTALL\) -e '\.\[grading\]'", makefile)
    assert re.search(r"^pip install [^\n]*-c constraints\.txt -e '\.\[lab\]'$", (ROOT / "binder" / "postBuild").read_text(), re.M)
    assert conda_environment(ROOT / "environment.yml")[1] == ["-c constraints.txt", "-e .[lab]"]
    workflow = (ROOT / ".github" / "workflows" / "test.yml").read_text()
    assert "run: bash binder/postBuild" in workflow
    assert "constraints.txt" in (ROOT / "tests" / "environments.py").read_text()


def test_conda_provides_only_python_and_pip():
    """Python 3.11 (the most tested) from conda; everything else from pip at the locked versions, so no
    conda matplotlib (which would pull in Qt) and no version that conda-forge has not built."""
    for path in (ROOT / "environment.yml", ROOT / "binder" / "environment.yml"):
        assert conda_environment(path)[0] == ["python=3.11", "pip"], path
    # repo2docker builds binder/environment.yml before it copies the repository: no pip part there.
    assert conda_environment(ROOT / "binder" / "environment.yml")[1] == []


def test_binder_installs_the_course_package_and_fails_loudly():
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert post_build.startswith("#!/bin/bash") and "set -e" in post_build
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


def test_ci_runs_the_readme_test_command_the_compatibility_job_and_the_matrix():
    readme = (ROOT / "README.md").read_text()
    assert all(f"make {target}" in readme for target in ("test", "lab", "compat", "matrix"))
    ci = (ROOT / ".ci" / "run").read_text()
    assert all(re.search(rf"^make {target}$", ci, re.M) for target in ("test", "compat", "matrix"))
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^compat: ", makefile, re.M) and re.search(r"^matrix: ", makefile, re.M)
    # what make test leaves out, make matrix runs: together they are the whole suite
    matrix = re.search(r"^MATRIX := (.*)$", makefile, re.M).group(1).split()
    assert matrix and all((ROOT / path).is_file() for path in matrix)
    assert re.search(r"^\t\$\(BIN\)/python -m pytest -n \$\(WORKERS\) \$\(addprefix --ignore=,\$\(MATRIX\)\)$", makefile, re.M)
    assert re.search(r"^\t\$\(BIN\)/python -m pytest -n \$\(WORKERS\) \$\(MATRIX\)$", makefile, re.M)


def test_what_the_code_imports_is_declared():
    """Third-party modules imported by helpers/ and tests/ are declared (not only pulled in by others)."""
    declared = {normalise(Requirement(d).name) for d in
                project()["dependencies"] + [d for extra in project()["optional-dependencies"].values() for d in extra]}
    module_to_package = {"yaml": "pyyaml", "nbformat": "nbformat", "nbclient": "nbclient", "threadpoolctl": "threadpoolctl",
                         "sklearn": "scikit-learn", "scipy": "scipy", "ipywidgets": "ipywidgets", "playwright": "playwright",
                         "pandas": "pandas", "matplotlib": "matplotlib", "numpy": "numpy", "pytest": "pytest",
                         "PIL": "pillow", "IPython": "ipython", "packaging": "packaging"}
    sources = [*ROOT.glob("helpers/**/*.py"), *ROOT.glob("tests/**/*.py")]
    imported = set()
    for path in sources:
        imported |= set(re.findall(r"^\s*(?:from|import) (\w+)", path.read_text(), re.M))
    for module in sorted(imported & set(module_to_package)):
        assert module_to_package[module] in declared, f"{module} is imported but {module_to_package[module]} is not declared"


def test_the_public_ci_runs_the_readme_test_command():
    workflow = (ROOT / ".github" / "workflows" / "test.yml").read_text()
    assert all(re.search(rf"run: make {target}\b", workflow) for target in ("test", "compat", "matrix"))
    assert "actions/workflows/test.yml/badge.svg" in (ROOT / "README.md").read_text()
    assert (ROOT / "LICENSE").is_file() and "CC BY 4.0" in (ROOT / "LICENSE").read_text()
