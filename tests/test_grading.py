"""The nbgrader course directory generated from the instructor notebooks (helpers.grading).

The first tests need no nbgrader. The end-to-end tests drive nbgrader in its own
environment, .venv-grading (`make test` sets it up): generate and release every
assignment, then autograde the submissions of several learners: every solution filled in
(full marks), the untouched release (zero, and the autograder still finishes), notebook 01
with one wrong answer (only that exercise's point lost), and the cheats of issue 24, a
deleted cell, files handed in beside the notebook and an infinite loop. What the test cells
do with each cheat is tested without nbgrader in test_grading_tamper.py.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from helpers import build, grading, grading_kernel

from .conftest import ROOT

INSTRUCTOR = build.instructor_notebooks()
GRADING_PYTHON = Path(os.environ.get("NBGRADER_PYTHON", ROOT / ".venv-grading" / "bin" / "python"))
KERNEL_PYTHON = str(GRADING_PYTHON) if GRADING_PYTHON.exists() else sys.executable


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> tuple[Path, dict[str, list[grading.GradedExercise]]]:
    course_dir = tmp_path_factory.mktemp("course")
    return course_dir, grading.write_course(course_dir, python=KERNEL_PYTHON)


def source(course_dir: Path, path: Path) -> nbformat.NotebookNode:
    return nbformat.read(course_dir / "source" / path.stem / path.name, as_version=4)


def meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


# --- the generated sources (no nbgrader needed) -------------------------------------------

def test_every_instructor_notebook_becomes_an_assignment(course):
    course_dir, assignments = course
    assert INSTRUCTOR, "no instructor notebooks found"
    assert sorted(assignments) == [p.stem for p in INSTRUCTOR]
    assert sorted(p.relative_to(course_dir / "source").as_posix() for p in course_dir.glob("source/*/*.ipynb")) == [
        f"{p.stem}/{p.name}" for p in INSTRUCTOR]
    compile((course_dir / "nbgrader_config.py").read_text(), "nbgrader_config.py", "exec")


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_cells_carry_nbgrader_metadata_and_nothing_else(course, path):
    course_dir, assignments = course
    text = (course_dir / "source" / path.stem / path.name).read_text()
    notebook = nbformat.reads(text, as_version=4)
    instructor = nbformat.read(path, as_version=4)
    assert set(notebook.metadata) <= {"kernelspec", "language_info"}, "widget state must be stripped"
    assert "application/vnd.jupyter.widget" not in text
    ids = [meta(c)["grade_id"] for c in notebook.cells if meta(c)]
    assert len(ids) == len(set(ids)), "grade ids must be unique"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
        if cell.cell_type == "code" and build.BEGIN in cell.source:
            assert meta(cell) == {"grade": False, "grade_id": meta(cell)["grade_id"], "locked": False,
                                  "schema_version": 3, "solution": True}
        elif cell.cell_type == "markdown" and not meta(cell):  # a written answer: ungraded, the student prompt
            assert cell.source.strip().endswith(build.MARKDOWN_STUB[0])
        elif meta(cell)["grade"]:
            assert meta(cell)["locked"] and meta(cell)["points"] == 1
            assert re.search(r"^grade\('\w+', 'check_\w+', points=1, earlier=\(.*\)\)$", cell.source, re.M)
        else:
            assert meta(cell)["locked"] and not meta(cell)["solution"] and build.BEGIN not in cell.source
    # the instructor's cells, in order, with one test cell after each check line (and a folded model answer
    # after each ungraded written answer, as in the student copy)
    kept = [c for c in notebook.cells[1:] if not meta(c).get("grade")
            and build.MODEL_ANSWER_TAG not in c.metadata.get("tags", [])]
    assert [c.cell_type for c in kept] == [c.cell_type for c in instructor.cells]
    checks_in_order = [m["check"] for c in instructor.cells if c.cell_type == "code"
                       for m in grading.CHECK_LINE.finditer(c.source)]
    tests = [c for c in notebook.cells if meta(c).get("grade")]
    assert [re.search(r"checks\.(check_\w+)", c.source)[1] for c in tests] == checks_in_order
    for index, cell in enumerate(notebook.cells):
        if meta(cell).get("grade"):
            previous = notebook.cells[index - 1]
            assert grading.CHECK_LINE.search(previous.source) or meta(previous).get("grade")
    assert sum(e.points for e in assignments[path.stem]) == len(tests) > 0


def student_body(student: nbformat.NotebookNode) -> list:
    """The student copy without its own first cells (the hosted-setup cell, the banner), which a release does not have."""
    return [c for c in student.cells if not {"hosted-setup", "student-banner"} & set(c.metadata.get("tags", []))]


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_cells_outside_solutions_read_exactly_like_the_student_copy(course, path):
    notebook = source(course[0], path)
    student = nbformat.read(ROOT / "notebooks" / "student" / path.name, as_version=4)
    kept = [c for c in notebook.cells[1:] if not meta(c).get("grade")]
    body = student_body(student)
    assert len(student.cells) - len(body) == 2 and len(kept) == len(body)
    for ours, theirs in zip(kept, body):
        if not meta(ours).get("solution"):
            assert ours.source == theirs.source


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_every_exercise_function_is_autograded(path):
    """A function with a solution region must be checked (and so graded) somewhere in its notebook."""
    instructor = nbformat.read(path, as_version=4)
    graded = {e.name for cell in instructor.cells for e in grading.graded_exercises(cell)}
    for index, cell in enumerate(instructor.cells):
        if cell.cell_type == "code" and build.BEGIN in cell.source:
            defined = re.findall(r"^def (\w+)", cell.source, re.M)
            assert defined and set(defined) <= graded, f"cell {index} defines {defined}; graded: {sorted(graded)}"


def tiny_instructor(check_tags: list[str]) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("from helpers import checks"),
        nbformat.v4.new_code_cell("def mse(y, y_hat):\n    ### BEGIN SOLUTION\n    return 0.0\n    ### END SOLUTION"),
        nbformat.v4.new_code_cell("mse = checks.check_mse(mse)", metadata={"tags": check_tags}),
        nbformat.v4.new_markdown_cell("### BEGIN SOLUTION\nBecause.\n### END SOLUTION"),
    ])


def test_points_rule_one_per_check_or_a_points_tag():
    _, exercises = grading.source_notebook(tiny_instructor([]), "t.ipynb")
    assert exercises == [grading.GradedExercise("mse", "check_mse", 1)]
    notebook, exercises = grading.source_notebook(tiny_instructor(["points:3"]), "t.ipynb")
    assert exercises == [grading.GradedExercise("mse", "check_mse", 3)]
    assert meta(notebook.cells[4]) == {"grade": True, "grade_id": "test-mse", "locked": True, "points": 3,
                                       "schema_version": 3, "solution": False}
    assert "(3 points)" in notebook.cells[4].source and "3 points in all" in notebook.cells[0].source


def test_written_answers_are_ungraded_unless_given_points():
    notebook, _ = grading.source_notebook(tiny_instructor([]), "t.ipynb")
    assert notebook.cells[-2].source == build.MARKDOWN_STUB[0] and not meta(notebook.cells[-2])
    folded = notebook.cells[-1]  # ungraded: the folded model answer follows, read-only, as in the student copy
    assert folded.source.startswith("<details>") and "Because." in folded.source and meta(folded)["locked"]
    notebook, _ = grading.source_notebook(tiny_instructor([]), "t.ipynb", written_points=2)
    assert "Because." in notebook.cells[-1].source  # nbgrader replaces it with the same prompt on release
    assert meta(notebook.cells[-1]) == {"grade": True, "grade_id": "written-003", "locked": False, "points": 2,
                                        "schema_version": 3, "solution": True}


CONFIG_VALUES = """
import json, sys
from pathlib import Path
from traitlets.config import Config
config = Config()
path = Path(sys.argv[1])
exec(path.read_text(), {"get_config": lambda: config, "__file__": str(path)})
print(json.dumps({"course_id": config.CourseDirectory.course_id, "code_stub": config.ClearSolutions.code_stub,
                  "text_stub": config.ClearSolutions.text_stub, "timeout": config.Execute.timeout,
                  "kernel": config.Execute.kernel_name, "autograde": config.TrustedTests.autograde,
                  "sanitize": [p.__name__ for p in config.Autograde.sanitize_preprocessors],
                  "run": [p.__name__ for p in config.Autograde.autograde_preprocessors]}))
"""


def test_config_sets_the_project_stubs_the_timeout_and_reads_a_local_file_last(course, tmp_path):
    course_dir, _ = course
    (tmp_path / "course-code").symlink_to(course_dir / "course-code")
    path = tmp_path / "nbgrader_config.py"
    path.write_text(grading.config_text())
    (tmp_path / "nbgrader_config_local.py").write_text('c.CourseDirectory.course_id = "spring-workshop"\n')
    if subprocess.run([KERNEL_PYTHON, "-c", "import nbgrader"], capture_output=True).returncode:
        pytest.skip("the configuration imports nbgrader's preprocessors: needs .venv-grading")
    done = subprocess.run([KERNEL_PYTHON, "-c", CONFIG_VALUES, str(path)], capture_output=True, text=True, check=True)
    config = json.loads(done.stdout)
    assert config["course_id"] == "spring-workshop"
    assert config["code_stub"] == {"python": "\n".join(build.CODE_STUB)}
    assert config["text_stub"] == "\n".join(build.MARKDOWN_STUB)
    assert config["timeout"] == grading.CELL_TIMEOUT == 30 and config["kernel"] == grading.KERNEL_NAME
    assert config["autograde"] == str(tmp_path / "course-code" / "helpers" / "autograde.py")
    assert config["sanitize"].index("RestoreDeletedCells") == config["sanitize"].index("OverwriteCells") + 1
    assert config["run"][:3] == ["TrustedTests", "Execute", "RestoreTestSource"]
    assert config["run"].index("FlagForReview") == config["run"].index("SaveAutoGrades") + 1


def test_the_course_code_copy_and_the_fenced_kernel_spec(course):
    course_dir, _ = course
    copy = course_dir / "course-code"
    assert (copy / "helpers" / "autograde.py").read_text() == (ROOT / "helpers" / "autograde.py").read_text()
    assert sorted(p.name for p in (copy / "data").glob("*.csv")) == sorted(p.name for p in (ROOT / "data").glob("*.csv"))
    assert not list(copy.rglob("__pycache__"))
    assert all(not os.stat(p).st_mode & 0o222 for p in copy.rglob("*") if p.is_file()), "read-only files"
    spec = json.loads((course_dir / "jupyter" / "kernels" / grading.KERNEL_NAME / "kernel.json").read_text())
    assert spec["argv"][:2] == [KERNEL_PYTHON, "-P"] and spec["argv"][-2:] == ["-f", "{connection_file}"]
    launcher = Path(spec["argv"][2].replace("{resource_dir}", str(course_dir / "jupyter" / "kernels" / grading.KERNEL_NAME)))
    assert launcher.resolve() == (copy / "helpers" / "grading_kernel.py").resolve()
    grading.write_course(course_dir, python=KERNEL_PYTHON)  # regenerating replaces the read-only copy


def test_broken_markers_are_refused_with_the_cell_named():
    broken = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("def f():\n    ### BEGIN SOLUTION\n")])
    with pytest.raises(ValueError, match="t.ipynb, cell 0: ### BEGIN SOLUTION is never closed"):
        grading.source_notebook(broken, "t.ipynb")


# --- end to end with nbgrader ---------------------------------------------------------------

needs_nbgrader = pytest.mark.skipif(
    not GRADING_PYTHON.exists() or subprocess.run(
        [str(GRADING_PYTHON), "-c", "import nbgrader"], capture_output=True).returncode != 0,
    reason=f"nbgrader is not installed in {GRADING_PYTHON}: run `make test` or `make grading` "
           "(they set up .venv-grading), or point NBGRADER_PYTHON at a Python that has nbgrader")

SCORES = """
import json, sys
from nbgrader.api import Gradebook
scores = {}
with Gradebook("sqlite:///gradebook.db", course_id=sys.argv[1]) as gb:
    for assignment in gb.assignments:
        for submission in assignment.submissions:
            cells = {g.name: [g.score, g.max_score] for nb in submission.notebooks for g in nb.grades}
            flagged = sorted(g.name for nb in submission.notebooks for g in nb.grades if g.needs_manual_grade)
            scores.setdefault(assignment.name, {})[submission.student.id] = {
                "score": submission.score, "max": submission.max_score,
                "manual": submission.needs_manual_grade, "cells": cells, "flagged": flagged}
print(json.dumps(scores))
"""


CHEATS = {  # notebook: (the learner's cell to replace, by its first line; the cheat), from issue 24
    "01": ("def mse(", "import helpers.autograde\nhelpers.autograde.grade = lambda *a, **k: 1\n"
                      "def mse(y, y_hat):\n    return 0.0"),
    "02": ("def derivative(", "def derivative(w):\n    return checks.check_derivative(None)(w)"),
    "06": ("def softmax(", "import helpers\ndef softmax(scores):\n    return helpers.multiclass.softmax(scores)"),
    "07": ("def backward(", "checks.check_network_backward = lambda f: f\n"
                           "def backward(params, X, y):\n    return {k: np.zeros_like(v) for k, v in params.items()}"),
}
TRESPASS = """
import os
for target in [TARGETS]:
    try:
        with open(target, "a") as file:
            file.write("# written by a submission")
        print("wrote", target)
    except OSError as error:
        print("could not write", target, type(error).__name__)
try:
    print("read", len(open(SOLUTIONS).read()), "characters of the solutions")
except OSError as error:
    print("could not read the solutions", type(error).__name__)
import helpers
print("helpers from", helpers.__file__)
"""


def replace_cell(notebook: nbformat.NotebookNode, first_line: str, source: str) -> nbformat.NotebookNode:
    """A copy of ``notebook`` with the cell starting with ``first_line`` replaced by ``source``."""
    changed = copy.deepcopy(notebook)
    next(c for c in changed.cells if c.source.startswith(first_line)).source = source
    return changed


def solved(release: nbformat.NotebookNode, source_notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The release with every solution cell filled in from the source (markers removed)."""
    answers = {meta(c)["grade_id"]: c.source for c in source_notebook.cells if meta(c).get("solution")}
    filled = copy.deepcopy(release)
    for cell in filled.cells:
        if meta(cell).get("solution"):
            cell.source = "\n".join(line for label, line in build.solution_lines(
                answers[meta(cell)["grade_id"]], cell.cell_type, "source") if label in ("kept", "solution"))
    return filled


def read_scores(course_dir: Path) -> dict:
    """{assignment: {learner: {"score", "max", "manual", "cells"}}} from the course's gradebook."""
    done = subprocess.run([str(GRADING_PYTHON), "-c", SCORES, grading.COURSE_ID], cwd=course_dir,
                          env=grading.environment(str(GRADING_PYTHON)), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def run_nbgrader(arguments: list[str], course_dir: Path) -> subprocess.CompletedProcess:
    done = grading.nbgrader(arguments, course_dir, python=str(GRADING_PYTHON), capture=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "[ERROR]" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done


def submit(course_dir: Path, student: str, assignment: str, notebook: nbformat.NotebookNode) -> Path:
    target = course_dir / "submitted" / student / assignment / f"{assignment}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return target


@pytest.fixture(scope="module")
def graded(course) -> tuple[Path, dict, dict[str, list[grading.GradedExercise]]]:
    """Release every assignment, submit the learners' work, autograde, and read the gradebook."""
    course_dir, assignments = course
    wrong_mse = "def mse(y, y_hat):\n    return float(np.sum((y - y_hat) ** 2))"  # summed, not averaged
    # one nbgrader run per step for every assignment ("*" is a glob): nbgrader takes 2 s just to start
    run_nbgrader(["generate_assignment", "*", "--force"], course_dir)
    for path in INSTRUCTOR:
        release = nbformat.read(course_dir / "release" / path.stem / path.name, as_version=4)
        full = solved(release, source(course_dir, path))
        submissions = {"full": full, "untouched": release}
        number = path.name[:2]
        if number in CHEATS:
            submissions["cheat"] = replace_cell(full, *CHEATS[number])
        if number == "01":
            submissions["one-wrong"] = replace_cell(full, "def mse(", wrong_mse)
            trespass = TRESPASS.replace("TARGETS", ", ".join(repr(str(p)) for p in [
                course_dir / "gradebook.db", course_dir / "course-code" / "helpers" / "autograde.py",
                ROOT / "helpers" / "autograde.py", course_dir / "trespass.txt"])).replace(
                "SOLUTIONS", repr(str(course_dir / "source" / path.stem / path.name)))
            if grading_kernel.landlock_version():  # unfenced, it would write to those files
                submissions["trespass"] = replace_cell(full, "def mse(", wrong_mse + "\n" + trespass)
            deleted = copy.deepcopy(full)
            deleted.cells = [c for c in deleted.cells if not c.source.startswith("predict = checks.check_predict")
                             and meta(c).get("grade_id") != "test-mse"]
            submissions["deleted"] = deleted
        for student, notebook in submissions.items():
            submit(course_dir, student, path.stem, notebook)
        if "trespass" in submissions:  # a fake package handed in beside the notebook: autograde copies it along
            fake = course_dir / "submitted" / "trespass" / path.stem / "helpers"
            fake.mkdir()
            (fake / "__init__.py").write_text("raise SystemExit('the fake helpers were imported')\n")
    # two autograders at once, on halves of the learners (--student is a glob): the gradebook is SQLite,
    # which makes a writer wait for the other's short transactions
    halves = ["[fc]*", "[!fc]*"]  # full and cheat: 14 notebooks; untouched, one-wrong, trespass, deleted: 13
    assert {student for half in halves for student in (course_dir / "submitted").glob(half)} == \
        set((course_dir / "submitted").iterdir())
    with ThreadPoolExecutor(len(halves)) as pool:
        list(pool.map(lambda half: run_nbgrader(["autograde", "*", "--student", half, "--force"], course_dir), halves))
    return course_dir, read_scores(course_dir), assignments


def outputs(course_dir: Path, student: str, path: Path) -> str:
    """The text a learner's autograded notebook printed, cell after cell."""
    notebook = nbformat.read(course_dir / "autograded" / student / path.stem / path.name, as_version=4)
    return "\n".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)


@needs_nbgrader
@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_release_strips_solutions_and_keeps_the_student_prompts(graded, path):
    course_dir, _, _ = graded
    text = (course_dir / "release" / path.stem / path.name).read_text()
    assert "BEGIN SOLUTION" not in text and "YOUR ANSWER HERE" not in text
    release = nbformat.reads(text, as_version=4)
    student = nbformat.read(ROOT / "notebooks" / "student" / path.name, as_version=4)
    ours = [c.source for c in release.cells[1:] if not meta(c).get("grade")]
    assert ours == [c.source for c in student_body(student)], "the release must read like the student copy"


@needs_nbgrader
@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_all_solutions_get_full_marks(graded, path):
    _, scores, assignments = graded
    full = scores[path.stem]["full"]
    total = sum(e.points for e in assignments[path.stem])
    assert full["max"] == total > 0 and full["score"] == total and not full["manual"], full


@needs_nbgrader
@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_untouched_release_gets_zero_and_is_graded_to_the_end(graded, path):
    course_dir, scores, assignments = graded
    untouched = scores[path.stem]["untouched"]
    assert untouched["score"] == 0 and untouched["max"] == sum(e.points for e in assignments[path.stem])
    assert len(untouched["cells"]) == len(assignments[path.stem])
    autograded = nbformat.read(course_dir / "autograded" / "untouched" / path.stem / path.name, as_version=4)
    code = [c for c in autograded.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "the autograder stopped before the end"
    assert [o for c in code for o in c.outputs if o.output_type == "error"] == [], "Run All must reach the end"
    earned = [o.data["text/plain"] for c in code if meta(c).get("grade") for o in c.outputs
              if o.output_type == "execute_result"]
    assert earned == ["0"] * len(assignments[path.stem])


@needs_nbgrader
def test_one_wrong_answer_loses_only_its_points(graded):
    course_dir, scores, _ = graded
    one_wrong = scores["01_linear_regression_and_mse"]["one-wrong"]
    assert one_wrong["cells"] == {"test-predict": [1.0, 1.0], "test-mse": [0.0, 1.0], "test-best_constant": [1.0, 1.0]}
    assert one_wrong["score"] == 2 and one_wrong["max"] == 3
    autograded = (course_dir / "autograded" / "one-wrong" / "01_linear_regression_and_mse"
                  / "01_linear_regression_and_mse.ipynb").read_text()
    assert "summed the squared residuals" in autograded, "the learner's feedback names the mistake"


@needs_nbgrader
@pytest.mark.parametrize("number", sorted(CHEATS))
def test_every_cheat_of_issue_24_scores_zero_and_is_flagged(graded, number):
    course_dir, scores, _ = graded
    path = next(p for p in INSTRUCTOR if p.name.startswith(number))
    cheat, full = scores[path.stem]["cheat"], scores[path.stem]["full"]
    test_id = "test-" + CHEATS[number][0][4:-1]
    assert cheat["cells"][test_id][0] == 0 and cheat["manual"], cheat
    assert test_id in cheat["flagged"], cheat
    assert full["flagged"] == [] and not full["manual"]
    assert "⚑ Flagged for the instructor's review" in outputs(course_dir, "cheat", path)


@needs_nbgrader
def test_a_submission_cannot_write_to_the_course_or_read_the_solutions(graded):
    course_dir, scores, _ = graded
    first = INSTRUCTOR[0]
    if not grading_kernel.landlock_version():
        pytest.skip("no Landlock on this machine: the kernel runs unfenced (docs/grading.md)")
    printed = outputs(course_dir, "trespass", first)
    assert "helpers from" in printed and "the fake helpers" not in printed
    assert "course-code" not in printed.split("helpers from")[1].splitlines()[0], "the notebook's own helpers"
    assert "wrote" not in printed and printed.count("could not write") == 4, printed
    assert "could not read the solutions PermissionError" in printed
    assert not (course_dir / "trespass.txt").exists()
    assert "written by a submission" not in (ROOT / "helpers" / "autograde.py").read_text()
    assert scores[first.stem]["trespass"]["cells"] == {"test-predict": [1.0, 1.0], "test-mse": [0.0, 1.0],
                                                     "test-best_constant": [1.0, 1.0]}


@needs_nbgrader
def test_deleted_cells_are_put_back_graded_and_reported(graded):
    course_dir, scores, _ = graded
    first = INSTRUCTOR[0]
    deleted = scores[first.stem]["deleted"]
    assert deleted["cells"] == {"test-predict": [1.0, 1.0], "test-mse": [1.0, 1.0], "test-best_constant": [1.0, 1.0]}, \
        "graded as if never deleted"
    # the deleted cells' tests are flagged (later exercises of a notebook with deleted cells may be too)
    assert {"test-mse", "test-predict"} <= set(deleted["flagged"]) and deleted["manual"]
    autograded = nbformat.read(course_dir / "autograded" / "deleted" / first.stem / first.name, as_version=4)
    assert autograded.cells[0].source.startswith("**⚠ Cells were deleted from this notebook**")
    assert "test-mse" in autograded.cells[0].source
    run_nbgrader(["generate_feedback", first.stem, "--student", "deleted", "--force"], course_dir)
    feedback = (course_dir / "feedback" / "deleted" / first.stem / f"{first.stem}.html").read_text()
    assert "Cells were deleted from this notebook" in feedback


@needs_nbgrader
def test_an_infinite_loop_costs_its_exercise_only_and_seconds(graded):
    """Issue 24: `while True: pass` in softmax took 1,569 s and the points of the exercises calling it."""
    course_dir, scores, assignments = graded
    path = next(p for p in INSTRUCTOR if p.name.startswith("06"))
    full = nbformat.read(course_dir / "submitted" / "full" / path.stem / path.name, as_version=4)
    looping = replace_cell(full, "def softmax(", "def softmax(scores):\n    while True:\n        pass")
    submit(course_dir, "looping", path.stem, looping)
    start = time.perf_counter()
    run_nbgrader(["autograde", path.stem, "--student", "looping", "--force"], course_dir)
    seconds = time.perf_counter() - start
    result = read_scores(course_dir)[path.stem]["looping"]
    total = sum(e.points for e in assignments[path.stem])
    assert result["cells"]["test-softmax"][0] == 0 and result["score"] == total - 1, result
    assert result["flagged"] == []
    assert "still running after 3 s" in outputs(course_dir, "looping", path)
    assert seconds < 60, f"autograding took {seconds:.0f} s"


@needs_nbgrader
def test_written_answers_with_points_are_released_with_the_student_prompt(tmp_path):
    grading.write_course(tmp_path, written_points=2)
    first = INSTRUCTOR[0]
    run_nbgrader(["generate_assignment", first.stem], tmp_path)
    release = nbformat.read(tmp_path / "release" / first.stem / first.name, as_version=4)
    written = [c for c in release.cells if c.cell_type == "markdown" and meta(c).get("solution")]
    instructor_answers = [c for c in nbformat.read(first, as_version=4).cells
                          if c.cell_type == "markdown" and build.BEGIN in c.source]
    assert len(written) == len(instructor_answers) > 0
    assert all(c.source == build.MARKDOWN_STUB[0] and meta(c)["points"] == 2 for c in written)


@needs_nbgrader
def test_feedback_shows_the_check_and_the_score(graded):
    course_dir, _, _ = graded
    run_nbgrader(["generate_feedback", "01_linear_regression_and_mse", "--force"], course_dir)
    feedback = (course_dir / "feedback" / "one-wrong" / "01_linear_regression_and_mse"
                / "01_linear_regression_and_mse.html").read_text()
    assert "summed the squared residuals" in feedback and "has not passed its check yet" in feedback
    assert re.search(r"Score:\s*2(\.0)?\s*/\s*3", re.sub(r"<[^>]+>", " ", feedback))
    shutil.rmtree(course_dir / "feedback")


@needs_nbgrader
def test_files_from_an_lms_are_collected_with_the_documented_pattern(graded):
    """docs/grading.md, step 3: files an LMS named <learner>_<n>_<n>_<notebook>.ipynb, in
    downloaded/<assignment>/archive/, reach submitted/ with the pattern the doc gives, user
    names with digits included."""
    course_dir, _, _ = graded
    first = INSTRUCTOR[0]
    pattern = re.search(r'^\s*(c\.FileNameCollectorPlugin\.named_regexp = r".*")$',
                        (ROOT / "docs" / "grading.md").read_text(), re.M).group(1)
    (course_dir / "nbgrader_config_local.py").write_text(pattern + "\n")
    archive = course_dir / "downloaded" / first.stem / "archive"
    archive.mkdir(parents=True)
    for learner in ["carol", "dave2", "s1234567"]:  # user names with digits too
        shutil.copy(course_dir / "submitted" / "full" / first.stem / first.name,
                    archive / f"{learner}_48213_1234567_{first.name}")
    try:
        done = run_nbgrader(["zip_collect", first.stem], course_dir)
        for learner in ["carol", "dave2", "s1234567"]:
            assert (course_dir / "submitted" / learner / first.stem / first.name).is_file(), done.stdout + done.stderr
    finally:
        (course_dir / "nbgrader_config_local.py").unlink()


@needs_nbgrader
def test_the_exchange_releases_fetches_submits_and_collects(graded, tmp_path):
    """docs/grading.md, steps 2-4 through nbgrader's exchange, with its root set in
    nbgrader_config_local.py: a learner fetches the release, submits it solved, the instructor
    collects it into submitted/<learner>/ and autogrades it (on a copy of the course)."""
    course_dir = shutil.copytree(graded[0], tmp_path / "course")
    first, exchange, learner = INSTRUCTOR[0], tmp_path / "exchange", tmp_path / "learner"
    exchange.mkdir()
    learner.mkdir()
    (course_dir / "nbgrader_config_local.py").write_text(f"c.Exchange.root = {str(exchange)!r}\n")
    as_learner = [first.stem, "--course", grading.COURSE_ID, f"--Exchange.root={exchange}",
                  f"--Exchange.cache={tmp_path / 'cache'}"]  # not the user's own nbgrader cache
    run_nbgrader(["release_assignment", first.stem], course_dir)
    run_nbgrader(["fetch_assignment", *as_learner], learner)
    fetched = learner / first.stem / first.name
    assert fetched.read_text() == (course_dir / "release" / first.stem / first.name).read_text()
    assert not (learner / first.stem / "helpers").exists(), "docs/grading.md: a fetched folder has no helpers link"
    # the learners' image (docs/grading.md): nbgrader and the course package installed; the notebook runs there
    ran = subprocess.run([str(GRADING_PYTHON), "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                          "--output", "ran.ipynb", first.name], cwd=fetched.parent,
                         env=grading.environment(str(GRADING_PYTHON)), capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr[-2000:]
    (fetched.parent / "ran.ipynb").unlink()
    shutil.copy(course_dir / "submitted" / "full" / first.stem / first.name, fetched)  # the learner's work
    run_nbgrader(["submit", *as_learner], learner)
    run_nbgrader(["collect", first.stem], course_dir)
    collected = list((course_dir / "submitted").glob(f"*/{first.stem}/timestamp.txt"))
    assert len(collected) == 1, "collect must bring in exactly the one exchange submission"
    student = collected[0].parent.parent.name
    run_nbgrader(["autograde", first.stem, "--student", student], course_dir)
    result = read_scores(course_dir)[first.stem][student]
    assert result["score"] == result["max"] == 3, result


@needs_nbgrader
def test_the_graded_nbgitpuller_repository_has_the_documented_layout_and_runs(graded, tmp_path):
    """docs/grading.md, "With nbgitpuller workshops": `make grading NBGITPULLER=DIR` lays out DIR."""
    course_dir, _, assignments = graded
    target = tmp_path / "workshop"
    (target / ".git").mkdir(parents=True)  # an existing clone: kept
    published = grading.publish_nbgitpuller(course_dir, target)
    assert published == sorted(assignments) and (target / ".git").is_dir()
    assert sorted(p.name for p in target.iterdir()) == sorted([".git", "README.md", "data", "helpers", *published])
    for name in published:
        folder = target / name
        assert sorted(p.name for p in folder.iterdir()) == sorted(["helpers", f"{name}.ipynb"])
        assert os.readlink(folder / "helpers") == os.path.join("..", "helpers")
        assert (folder / f"{name}.ipynb").read_text() == (course_dir / "release" / name / f"{name}.ipynb").read_text()
    first = target / published[0]
    where = subprocess.run([sys.executable, "-c", "import helpers; print(helpers.__file__)"], cwd=first,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).resolve() == (target / "helpers" / "__init__.py").resolve(), "the published copy"
    ran = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                          "--output", "ran.ipynb", f"{published[0]}.ipynb"], cwd=first, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr[-2000:]
    make = subprocess.run(["make", "-n", "grading", "NBGITPULLER=../workshop"], cwd=ROOT, capture_output=True, text=True)
    assert "--release --nbgitpuller ../workshop" in make.stdout, make.stdout
