"""Write an nbgrader course directory from the instructor notebooks (docs/grading.md).

    python -m helpers.grading                    # build/grading: nbgrader_config.py, source/<nb>/<nb>.ipynb
    python -m helpers.grading --release          # ... then `nbgrader generate_assignment` for each
    python -m helpers.grading --course-dir DIR   # another course directory (its gradebook is never touched)

Every instructor notebook becomes one assignment, named after the notebook. Its cells get
nbgrader metadata, read from the same ``### BEGIN/END SOLUTION`` markers as the student copies:

- a code cell with a solution region is a solution cell (nbgrader puts the project's stub there);
- every exercise check line ``name = checks.check_name(name)`` is followed by an autograded
  test cell worth 1 point (a tag ``points:N`` on the check cell makes it N) that gives the
  points only when the learner's function passes that same check (``helpers.autograde``);
- a written (markdown) answer is ungraded: the learner's cell gets the student copy's prompt
  and stays editable, followed by the folded model answer (read-only); ``--written-points N``
  makes each one a manually graded answer worth N, without the model answer;
- every other cell is read-only (nbgrader locks it and restores it before autograding).

Outputs, execution counts and widget state are stripped, as in the student copies.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import build

COURSE_ID = "how-models-learn"
DEFAULT_COURSE_DIR = build.ROOT / "build" / "grading"
POINTS_PER_EXERCISE = 1
CHECK_LINE = re.compile(r"^(?P<name>\w+)\s*=\s*checks\.(?P<check>check_\w+)\(\s*(?P=name)\s*\)\s*$", re.M)
POINTS_TAG = re.compile(r"^points:(\d+)$")

CONFIG = '''\
# nbgrader configuration for the course, written by `python -m helpers.grading` (`make grading`).
# Regenerating overwrites this file: put your own settings (exchange root, course id, ...)
# in nbgrader_config_local.py next to it, which is read last.
from pathlib import Path

c = get_config()  # noqa: F821 (nbgrader defines it)
c.CourseDirectory.course_id = {course_id!r}
# The stubs of the project's student copies (helpers/build.py), so the release prompts the same way.
c.ClearSolutions.code_stub = {{"python": {code_stub!r}}}
c.ClearSolutions.text_stub = {text_stub!r}
# Seconds per cell when autograding: every notebook runs in seconds; this leaves room for slow hubs.
c.Execute.timeout = 120

_local = Path(__file__).with_name("nbgrader_config_local.py")
if _local.exists():
    exec(_local.read_text())
'''


@dataclass(frozen=True)
class GradedExercise:
    """One autograded exercise: the function ``name`` must pass ``checks.<check>``."""

    name: str
    check: str
    points: int


def nbgrader_metadata(grade_id: str, *, solution: bool = False, grade: bool = False, locked: bool = False,
                      points: int = 0) -> dict:
    """The ``nbgrader`` cell metadata (schema 3) for one cell."""
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def graded_exercises(cell: nbformat.NotebookNode) -> list[GradedExercise]:
    """The exercises a code cell checks (its ``name = checks.check_name(name)`` lines), in order."""
    if cell.cell_type != "code":
        return []
    tags = [POINTS_TAG.match(tag) for tag in cell.metadata.get("tags", [])]
    points = next((int(match.group(1)) for match in tags if match), POINTS_PER_EXERCISE)
    return [GradedExercise(m["name"], m["check"], points) for m in CHECK_LINE.finditer(cell.source)]


def test_cell(exercise: GradedExercise, grade_id: str) -> nbformat.NotebookNode:
    """The locked, autograded cell worth ``exercise.points``: its value is the points earned
    (nbgrader's partial credit), all of them once the function passes its check, else 0."""
    plural = "" if exercise.points == 1 else "s"
    source = (
        f"# Autograded test ({exercise.points} point{plural}): your `{exercise.name}` earns "
        f"{'it' if exercise.points == 1 else 'them'} by passing checks.{exercise.check}, the check above.\n"
        "from helpers import checks\n"
        "from helpers.autograde import points_earned\n\n"
        f"points_earned(checks.{exercise.check}, {exercise.name}, {exercise.name!r}, points={exercise.points})"
    )
    cell = nbformat.v4.new_code_cell(source, metadata=nbgrader_metadata(
        grade_id, grade=True, locked=True, points=exercise.points))
    cell.pop("id", None)
    return cell


def banner(exercises: list[GradedExercise], written_points: int) -> nbformat.NotebookNode:
    """The read-only note at the top of a graded notebook: what is yours and what it is worth."""
    total = sum(e.points for e in exercises)
    written = (f"Written answers are graded by hand ({written_points} point{'s' if written_points != 1 else ''} "
               "each)." if written_points else "Written answers are for you and for discussion: they are not graded.")
    cell = nbformat.v4.new_markdown_cell(
        "> **Graded copy.** Work through it top to bottom; cells marked `# YOUR CODE HERE` and the "
        "written-answer prompts are yours, the other cells are read-only.\n"
        "> After each exercise, the check cell tells you what is right or wrong, and the test cell after "
        f"it gives the exercise's points once your function passes that check ({total} points in all). "
        f"{written}",
        metadata=nbgrader_metadata("graded-banner", locked=True))
    cell.pop("id", None)
    return cell


def source_notebook(instructor: nbformat.NotebookNode, name: str,
                    written_points: int = 0) -> tuple[nbformat.NotebookNode, list[GradedExercise]]:
    """One instructor notebook as an nbgrader source notebook, and the exercises it grades."""
    cells, exercises, test_ids = [], [], set()
    for index, cell in enumerate(instructor.cells):
        where = f"{name}, cell {index}"
        student = build.strip_solutions(cell.source, cell.cell_type, where)  # the student copy's text
        source = "\n".join(cell.source.splitlines())  # the same line endings, solutions kept
        if not build.has_solution(cell.source, cell.cell_type, where):
            cells.append(build.clean_cell(cell, student, nbgrader_metadata(f"cell-{index:03d}", locked=True)))
        elif cell.cell_type == "code":
            cells.append(build.clean_cell(cell, source, nbgrader_metadata(f"solution-{index:03d}", solution=True)))
        elif written_points:
            cells.append(build.clean_cell(cell, source, nbgrader_metadata(
                f"written-{index:03d}", solution=True, grade=True, points=written_points)))
        else:  # an ungraded written answer: the prompt, then the folded model answer, as in the student copy
            cells.append(build.clean_cell(cell, student))
            cells.append(nbformat.v4.new_markdown_cell(build.model_answer(cell.source, where), metadata={
                "tags": [build.MODEL_ANSWER_TAG], **nbgrader_metadata(f"model-answer-{index:03d}", locked=True)}))
            cells[-1].pop("id", None)
        for exercise in graded_exercises(cell):
            grade_id = f"test-{exercise.name}"
            while grade_id in test_ids:
                grade_id += "-again"
            test_ids.add(grade_id)
            cells.append(test_cell(exercise, grade_id))
            exercises.append(exercise)
    notebook = build.empty_copy(instructor)
    notebook.cells = [banner(exercises, written_points)] + cells
    return notebook, exercises


def config_text() -> str:
    """The course's nbgrader_config.py: course id, the project's stubs, a timeout, local overrides."""
    return CONFIG.format(course_id=COURSE_ID, code_stub="\n".join(build.CODE_STUB),
                         text_stub="\n".join(build.MARKDOWN_STUB))


def write_course(course_dir: Path = DEFAULT_COURSE_DIR, written_points: int = 0) -> dict[str, list[GradedExercise]]:
    """Write nbgrader_config.py and source/<assignment>/<notebook>.ipynb for every instructor notebook.

    Only these files are written: the gradebook, releases and submissions are left alone.
    Returns the graded exercises of each assignment.
    """
    course_dir.mkdir(parents=True, exist_ok=True)
    (course_dir / "nbgrader_config.py").write_text(config_text())
    assignments = {}
    for path in build.instructor_notebooks():
        notebook, exercises = source_notebook(nbformat.read(path, as_version=4), path.name, written_points)
        target = course_dir / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(build.render(notebook))
        assignments[path.stem] = exercises
    return assignments


def environment(python: str = sys.executable) -> dict[str, str]:
    """The environment variables with ``python``'s bin/ first on PATH."""
    return {**os.environ, "PATH": str(Path(python).parent) + os.pathsep + os.environ.get("PATH", "")}


def nbgrader(arguments: list[str], course_dir: Path, python: str = sys.executable,
             capture: bool = False) -> subprocess.CompletedProcess:
    """Run ``nbgrader <arguments>`` in ``course_dir`` with the nbgrader of ``python``'s environment
    (its bin/ goes first on PATH: nbgrader runs the ``alembic`` found there)."""
    return subprocess.run([python, "-m", "nbgrader", *arguments], cwd=course_dir, env=environment(python),
                          capture_output=capture, text=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--course-dir", type=Path, default=DEFAULT_COURSE_DIR,
                        help="the nbgrader course directory (default: build/grading)")
    parser.add_argument("--written-points", type=int, default=0, metavar="N",
                        help="make written answers manually graded, N points each (default 0: ungraded)")
    parser.add_argument("--release", action="store_true",
                        help="then run `nbgrader generate_assignment --force` for every assignment")
    args = parser.parse_args(argv)
    if args.written_points < 0:
        parser.error("--written-points must be 0 or more")
    assignments = write_course(args.course_dir, args.written_points)
    print(f"wrote {args.course_dir}/nbgrader_config.py and source/ for {len(assignments)} assignments:")
    for assignment, exercises in assignments.items():
        detail = ", ".join(f"{e.name} {e.points}" for e in exercises)
        print(f"  {assignment}: {sum(e.points for e in exercises)} points ({detail})")
    if args.release:
        for assignment in assignments:
            if nbgrader(["generate_assignment", assignment, "--force"], args.course_dir).returncode:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
