"""The student copies are generated from the instructor sources and must never drift or leak."""

import json
import re

import nbformat
import pytest

from helpers import build
from helpers.build import BEGIN, END, strip_solutions

from .conftest import ROOT

INSTRUCTOR = sorted((ROOT / "notebooks" / "instructor").glob("*.ipynb"))
STUDENT = sorted((ROOT / "notebooks" / "student").glob("*.ipynb"))


def test_every_instructor_notebook_has_a_student_copy():
    assert INSTRUCTOR, "no instructor notebooks found"
    assert [p.name for p in STUDENT] == [p.name for p in INSTRUCTOR]


def test_regenerating_student_copies_changes_nothing():
    assert build.stale_copies() == [], "run `make student` (python -m helpers.build) and commit the result"


def solution_lines(notebook) -> set[str]:
    """Lines inside solution regions that appear nowhere else in the instructor notebook."""
    inside, outside = set(), set()
    for cell in notebook.cells:
        within = False
        for line in cell.source.splitlines():
            text = line.strip()
            if text in (BEGIN, END):
                within = text == BEGIN
            elif len(text) >= 6:
                (inside if within else outside).add(text)
    return inside - outside


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_student_copy_leaks_no_solution(path):
    student_text = (ROOT / "notebooks" / "student" / path.name).read_text()
    student = nbformat.reads(student_text, as_version=4)
    assert "BEGIN SOLUTION" not in student_text and "END SOLUTION" not in student_text
    sources = "\n".join(cell.source for cell in student.cells
                        if build.MODEL_ANSWER_TAG not in cell.metadata.get("tags", []))
    secret = solution_lines(nbformat.read(path, as_version=4))
    assert secret, "an instructor notebook without a single exercise?"
    assert [line for line in secret if line in sources] == []
    # written ("think") answers are there for self-study, but only folded, in their own cell after the prompt
    for index, cell in enumerate(student.cells):
        if build.MODEL_ANSWER_TAG in cell.metadata.get("tags", []):
            assert cell.source.startswith("<details>") and cell.source.endswith("</details>")
            assert student.cells[index - 1].source.endswith(build.MARKDOWN_STUB[0])


def test_code_solutions_never_reach_a_model_answer():
    folded = build.model_answer("Why?\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION", "t")
    assert folded.startswith("<details>") and "\nBecause.\n" in folded and "SOLUTION" not in folded
    assert build.model_answer("No exercise here.", "t") is None


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: p.name)
def test_student_copy_has_no_outputs_and_a_stub_per_exercise(path):
    notebook = json.loads(path.read_text())
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
    instructor_text = (ROOT / "notebooks" / "instructor" / path.name).read_text()
    assert path.read_text().count("raise NotImplementedError()") == len(
        re.findall(r"^\s+### BEGIN SOLUTION", "\n".join(
            c.source for c in nbformat.reads(instructor_text, as_version=4).cells if c.cell_type == "code"), re.M))


def test_strip_solutions_keeps_indentation_and_context():
    source = "def f(x):\n    '''Doc.'''\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION\n\nf(1)"
    assert strip_solutions(source, "code", "t") == (
        "def f(x):\n    '''Doc.'''\n    # YOUR CODE HERE\n    raise NotImplementedError()\n\nf(1)")


def test_strip_solutions_markdown_gets_a_prompt():
    assert strip_solutions("Why?\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION", "markdown", "t") == (
        "Why?\n" + build.MARKDOWN_STUB[0])


@pytest.mark.parametrize(
    "source, words",
    [
        ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "top level of a code cell would make the student copy crash"),
        ("def f():\n    ### BEGIN SOLUTION\n    return 1", "never closed"),
        ("def f():\n    return 1\n    ### END SOLUTION", "without"),
        ("def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n    ### END SOLUTION", "inside another"),
    ],
)
def test_strip_solutions_refuses_broken_regions(source, words):
    with pytest.raises(ValueError, match=words):
        strip_solutions(source, "code", "nb.ipynb, cell 3")
