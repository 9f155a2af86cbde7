"""What the notebooks print: instructor solutions pass every check; untouched student copies fall back.

The student copies store no outputs, so they are run here, once each, in a fresh kernel, unless the
browser test runs (tests/test_browser.py): it runs every student copy in JupyterLab and checks the
same outputs, so running them a second time here would only cost time.
"""

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT
from .jupyterlab import BROWSER_TESTS_RUN

INSTRUCTOR = sorted((ROOT / "notebooks" / "instructor").glob("*.ipynb"))


def check_cells(notebook):
    """(cell, printed text) for every cell that calls an exercise check."""
    for cell in notebook.cells:
        if cell.cell_type == "code" and "checks.check_" in cell.source:
            text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")
            yield cell, text


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_instructor_solutions_pass_every_check(path):
    notebook = nbformat.read(path, as_version=4)
    found = list(check_cells(notebook))
    assert found, "no exercise checks in this notebook"
    for cell, text in found:
        assert text.startswith("✓") and "not right yet" not in text and "not done yet" not in text, cell.source


@pytest.mark.skipif(BROWSER_TESTS_RUN, reason="test_browser.py runs every student copy and checks the same outputs")
@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_untouched_student_copy_runs_and_every_check_says_not_done(path):
    student = nbformat.read(ROOT / "notebooks" / "student" / path.name, as_version=4)
    NotebookClient(student, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent.parent / "student")}}).execute()
    for cell, text in check_cells(student):
        assert "not done yet" in text and "reference" in text, (cell.source, text)
