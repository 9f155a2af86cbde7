"""What website/prepare.py makes of the repository's files (no browser, no Sphinx), and the
explorers' stored picture that the site shows."""

from __future__ import annotations

import base64

import nbformat
import numpy as np

from helpers.widgets import linear_explorer
from website import links
from website.prepare import fold_solutions, rewrite_links


def test_links_between_repository_files_become_links_between_pages():
    text = ("[01](notebooks/student/01_linear_regression_and_mse.ipynb), [grading](docs/grading.md#what-gets-generated), "
            "[data](data/README.md), [licence](LICENSE), [web](https://example.org/x), [here](#course-map)")
    assert rewrite_links(text, "README.md", "index.md") == (
        "[01](notebooks/01_linear_regression_and_mse.ipynb), [grading](instructors.md#what-gets-generated), "
        "[data](data.md), [licence](https://github.com/how-models-learn/course/blob/main/LICENSE), "
        "[web](https://example.org/x), [here](#course-map)")
    assert rewrite_links("[06](06_softmax.ipynb#7.-L2)", "notebooks/instructor/05_x.ipynb", "notebooks/05_x.ipynb") \
        == "[06](06_softmax.ipynb#7.-L2)"
    assert rewrite_links("[card](../data/README.md)", "docs/grading.md", "instructors.md") == "[card](data.md)"
    badge = "[![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.example/x)"
    assert rewrite_links(badge, "README.md", "index.md") == "[Open in Colab](https://colab.example/x)"


def test_a_code_solution_shows_the_learners_stub_then_the_worked_cell_folded():
    cell = nbformat.v4.new_code_cell("def f(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION")
    shown, folded = fold_solutions(cell, "test")
    assert shown.source == "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()"
    assert folded.cell_type == "markdown" and folded.source.startswith('<details class="solution">')
    assert "return 2 * x" in folded.source and "BEGIN SOLUTION" not in folded.source


def test_a_written_solution_is_folded_in_place():
    cell = nbformat.v4.new_markdown_cell("Why?\n### BEGIN SOLUTION\nBecause $x > 0$.\n### END SOLUTION\nNext.")
    [shown] = fold_solutions(cell, "test")
    assert shown.source.startswith("Why?\n<details class=\"solution\">\n<summary>Show solution</summary>\n\nBecause $x > 0$.")
    assert shown.source.endswith("</details>\nNext.")
    plain = nbformat.v4.new_markdown_cell("no exercise here")
    assert fold_solutions(plain, "test") == [plain]


def test_the_launch_addresses_open_the_student_copy():
    name = "03_backpropagation.ipynb"
    assert links.binder_url(name) == ("https://mybinder.org/v2/gh/how-models-learn/course/main"
                                      "?urlpath=lab/tree/notebooks/student/03_backpropagation.ipynb")
    assert links.nbgitpuller_url("https://hub.example.org/", name) == (
        "https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fhow-models-learn%2Fcourse"
        "&branch=main&urlpath=lab%2Ftree%2Fcourse%2Fnotebooks%2Fstudent%2F03_backpropagation.ipynb")


def test_an_explorer_stores_its_picture_beside_the_widget():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 5, 20)
    explorer = linear_explorer(x, 2 * x + 1, w=0.5, b=0.0)
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]) == explorer.canvas.picture()
    assert bundle["image/png"].startswith(base64.b64encode(b"\x89PNG").decode()[:4])
