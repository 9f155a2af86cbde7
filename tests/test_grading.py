"""The nbgrader course directory generated from the instructor notebooks (helpers.grading).

The first tests need no nbgrader. The end-to-end tests drive nbgrader in its own
environment, .venv-grading (`make test` sets it up): generate and release every
assignment, then autograde three submissions of each: every solution filled in (full
marks), the untouched release (zero, and the autograder still finishes), and notebook 01
with one wrong answer (only that exercise's point lost).
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from helpers import autograde, build, checks, grading, losses, models

from .conftest import ROOT

INSTRUCTOR = build.instructor_notebooks()
GRADING_PYTHON = Path(os.environ.get("NBGRADER_PYTHON", ROOT / ".venv-grading" / "bin" / "python"))


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> tuple[Path, dict[str, list[grading.GradedExercise]]]:
    course_dir = tmp_path_factory.mktemp("course")
    return course_dir, grading.write_course(course_dir)


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
            assert meta(cell)["locked"] and meta(cell)["points"] == 1 and "points_earned(checks.check_" in cell.source
        else:
            assert meta(cell)["locked"] and not meta(cell)["solution"] and build.BEGIN not in cell.source
    # the instructor's cells, in order, with one test cell after each check line
    kept = [c for c in notebook.cells[1:] if not meta(c).get("grade")]
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
    assert notebook.cells[-1].source == build.MARKDOWN_STUB[0] and not meta(notebook.cells[-1])
    notebook, _ = grading.source_notebook(tiny_instructor([]), "t.ipynb", written_points=2)
    assert "Because." in notebook.cells[-1].source  # nbgrader replaces it with the same prompt on release
    assert meta(notebook.cells[-1]) == {"grade": True, "grade_id": "written-003", "locked": False, "points": 2,
                                        "schema_version": 3, "solution": True}


def test_config_sets_the_project_stubs_and_reads_a_local_file_last(tmp_path):
    from traitlets.config import Config
    path = tmp_path / "nbgrader_config.py"
    path.write_text(grading.config_text())
    (tmp_path / "nbgrader_config_local.py").write_text('c.CourseDirectory.course_id = "spring-workshop"\n')
    config = Config()
    exec(path.read_text(), {"get_config": lambda: config, "__file__": str(path)})
    assert config.CourseDirectory.course_id == "spring-workshop"
    assert config.ClearSolutions.code_stub == {"python": "\n".join(build.CODE_STUB)}
    assert config.ClearSolutions.text_stub == "\n".join(build.MARKDOWN_STUB)


def test_broken_markers_are_refused_with_the_cell_named():
    broken = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("def f():\n    ### BEGIN SOLUTION\n")])
    with pytest.raises(ValueError, match="t.ipynb, cell 0: ### BEGIN SOLUTION is never closed"):
        grading.source_notebook(broken, "t.ipynb")


# --- what the test cells run (no nbgrader needed) -----------------------------------------

def test_a_right_answer_earns_the_points(capsys):
    def mse(y, y_hat):
        return float(((y - y_hat) ** 2).mean())
    used = checks.check_mse(mse)
    assert autograde.points_earned(checks.check_mse, used, "mse", points=2) == 2
    assert capsys.readouterr().out.splitlines()[-1] == "✓ `mse` passes its check: 2 points."


def test_a_wrong_answer_after_its_check_earns_nothing(capsys):
    used = checks.check_mse(lambda y, y_hat: float(((y - y_hat) ** 2).sum()))  # summed: the check falls back
    assert used is losses.mse
    capsys.readouterr()
    assert autograde.points_earned(checks.check_mse, used, "mse") == 0
    assert "has not passed its check yet" in capsys.readouterr().out


def test_a_wrong_answer_that_skipped_its_check_earns_nothing_and_hears_why(capsys):
    assert autograde.points_earned(checks.check_mse, lambda y, y_hat: float(((y - y_hat) ** 2).sum()), "mse") == 0
    assert "summed the squared residuals" in capsys.readouterr().out


def test_the_reference_and_a_stub_earn_nothing(capsys):
    assert autograde.points_earned(checks.check_predict, models.linear, "predict") == 0

    def stub(x, w, b):
        raise NotImplementedError()
    assert autograde.points_earned(checks.check_predict, stub, "predict") == 0
    assert "not done yet" in capsys.readouterr().out


def test_a_warning_from_the_learners_code_does_not_reach_stderr(capsys):
    import warnings

    def noisy(y, y_hat):
        warnings.warn("deprecated", DeprecationWarning)
        return float(((y - y_hat) ** 2).mean())
    assert autograde.points_earned(checks.check_mse, noisy, "mse") == 1
    assert capsys.readouterr().err == ""  # nbgrader would score a cell that writes to stderr as 0


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
            scores.setdefault(assignment.name, {})[submission.student.id] = {
                "score": submission.score, "max": submission.max_score,
                "manual": submission.needs_manual_grade, "cells": cells}
print(json.dumps(scores))
"""


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


@pytest.fixture(scope="module")
def graded(course) -> tuple[Path, dict, dict[str, list[grading.GradedExercise]]]:
    """Release every assignment, submit three learners' work, autograde, and read the gradebook."""
    course_dir, assignments = course
    wrong_mse = "def mse(y, y_hat):\n    return float(np.sum((y - y_hat) ** 2))"  # summed, not averaged
    for path in INSTRUCTOR:
        run_nbgrader(["generate_assignment", path.stem, "--force"], course_dir)
        release = nbformat.read(course_dir / "release" / path.stem / path.name, as_version=4)
        full = solved(release, source(course_dir, path))
        submissions = {"full": full, "untouched": release}
        if path.stem.startswith("01_"):
            one_wrong = copy.deepcopy(full)
            cell = next(c for c in one_wrong.cells if c.source.startswith("def mse("))
            cell.source = wrong_mse
            submissions["one-wrong"] = one_wrong
        for student, notebook in submissions.items():
            target = course_dir / "submitted" / student / path.stem / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, target)
        run_nbgrader(["autograde", path.stem, "--force"], course_dir)
    return course_dir, read_scores(course_dir), assignments


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
    assert one_wrong["cells"] == {"test-predict": [1.0, 1.0], "test-mse": [0.0, 1.0]}
    assert one_wrong["score"] == 1 and one_wrong["max"] == 2
    autograded = (course_dir / "autograded" / "one-wrong" / "01_linear_regression_and_mse"
                  / "01_linear_regression_and_mse.ipynb").read_text()
    assert "summed the squared residuals" in autograded, "the learner's feedback names the mistake"


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
    assert re.search(r"Score:\s*1(\.0)?\s*/\s*2", re.sub(r"<[^>]+>", " ", feedback))
    shutil.rmtree(course_dir / "feedback")


@needs_nbgrader
def test_files_from_an_lms_are_collected_with_the_documented_pattern(graded):
    """docs/grading.md, step 3: files an LMS named <learner>_<n>_<n>_<notebook>.ipynb, in
    downloaded/<assignment>/archive/, reach submitted/ with the pattern the doc gives."""
    course_dir, _, _ = graded
    first = INSTRUCTOR[0]
    pattern = re.search(r'^\s*(c\.FileNameCollectorPlugin\.named_regexp = r".*")$',
                        (ROOT / "docs" / "grading.md").read_text(), re.M).group(1)
    (course_dir / "nbgrader_config_local.py").write_text(pattern + "\n")
    archive = course_dir / "downloaded" / first.stem / "archive"
    archive.mkdir(parents=True)
    shutil.copy(course_dir / "submitted" / "full" / first.stem / first.name,
                archive / f"carol_48213_1234567_{first.name}")
    try:
        done = run_nbgrader(["zip_collect", first.stem], course_dir)
        assert (course_dir / "submitted" / "carol" / first.stem / first.name).is_file(), done.stdout + done.stderr
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
    shutil.copy(course_dir / "submitted" / "full" / first.stem / first.name, fetched)  # the learner's work
    run_nbgrader(["submit", *as_learner], learner)
    run_nbgrader(["collect", first.stem], course_dir)
    collected = list((course_dir / "submitted").glob(f"*/{first.stem}/timestamp.txt"))
    assert len(collected) == 1, "collect must bring in exactly the one exchange submission"
    student = collected[0].parent.parent.name
    run_nbgrader(["autograde", first.stem, "--student", student], course_dir)
    result = read_scores(course_dir)[first.stem][student]
    assert result["score"] == result["max"] == 2, result
