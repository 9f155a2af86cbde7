"""helpers.links builds the course's addresses; the README's course map has a Colab badge per student notebook."""

import re

import pytest

from helpers import build, links

from .conftest import ROOT

NAMES = [path.name for path in build.instructor_notebooks()]


def test_colab_opens_the_student_copy_on_github():
    assert links.colab_url("02_gradient_descent.ipynb") == (
        "https://colab.research.google.com/github/how-models-learn/course/blob/main/notebooks/student/02_gradient_descent.ipynb")
    assert "/blob/v0.3.0/" in links.colab_url("02_gradient_descent.ipynb", ref="v0.3.0")
    assert links.colab_badge("02_gradient_descent.ipynb") == (
        f"[![Open in Colab]({links.COLAB_BADGE})]({links.colab_url('02_gradient_descent.ipynb')})")


def test_binder_nbgitpuller_and_pip_addresses():
    assert links.binder_url() == ("https://mybinder.org/v2/gh/how-models-learn/course/main"
                                  "?urlpath=lab/tree/notebooks/student/01_linear_regression_and_mse.ipynb")
    assert links.nbgitpuller_url("https://hub.example.org/") == (
        "https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fhow-models-learn%2Fcourse"
        "&branch=main&urlpath=lab%2Ftree%2Fcourse%2Fnotebooks%2Fstudent%2F01_linear_regression_and_mse.ipynb")
    assert links.pip_source("v0.3.0") == "how-models-learn @ git+https://github.com/how-models-learn/course@v0.3.0"


@pytest.mark.parametrize("notebook, ref, message", [
    ("notebooks/student/01_linear_regression_and_mse.ipynb", "main", "notebook must be a notebook's file name"),
    ("01_linear_regression_and_mse", "main", "notebook must be a notebook's file name"),
    (1, "main", "notebook must be"),
    ("01_linear_regression_and_mse.ipynb", "", "ref must be a branch or tag name"),
    ("01_linear_regression_and_mse.ipynb", "main?x=1", "ref must be a branch or tag name"),
    ("01_linear_regression_and_mse.ipynb", None, "ref must be"),
])
def test_bad_input_is_named(notebook, ref, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        links.colab_url(notebook, ref)


def test_a_hub_address_must_be_a_web_address():
    with pytest.raises(ValueError, match="hub must be the hub's address"):
        links.nbgitpuller_url("YOUR-HUB")


@pytest.mark.parametrize("name", NAMES)
def test_the_course_map_opens_each_student_notebook_on_colab(name):
    """Each notebook's row in the README course map ends with its Colab badge, built by helpers.links."""
    readme = (ROOT / "README.md").read_text()
    rows = [line for line in readme.splitlines() if line.startswith("| ") and f"](notebooks/student/{name})" in line]
    assert rows, f"README.md: no course-map row links notebooks/student/{name}"
    assert rows[0].endswith(f" {links.colab_badge(name)} |"), \
        f"README.md: end the course-map row of {name} with the column ` {links.colab_badge(name)} |`"


def test_every_colab_link_in_the_readme_opens_a_student_notebook_that_exists():
    readme = (ROOT / "README.md").read_text()
    found = re.findall(r"colab\.research\.google\.com/github/how-models-learn/course/blob/[\w.-]+/([^)\s`]+)", readme)
    assert found
    for path in found:
        if "NAME" not in path:
            assert path.startswith("notebooks/student/") and (ROOT / path).is_file(), path
