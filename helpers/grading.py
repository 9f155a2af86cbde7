"""Write an nbgrader course directory from the instructor notebooks (docs/grading.md).

    python -m helpers.grading                    # build/grading: nbgrader_config.py, source/<nb>/<nb>.ipynb
    python -m helpers.grading --release          # ... then `nbgrader generate_assignment` for each
    python -m helpers.grading --course-dir DIR   # another course directory (its gradebook is never touched)
    python -m helpers.grading --release --nbgitpuller DIR   # ... and the graded nbgitpuller repository in DIR

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

Next to ``source/`` it writes what makes autograding trustworthy (docs/grading.md): the
course code copy the test cells load (``course-code/``), the kernel spec of the fenced
kernel nbgrader runs them in (``jupyter/kernels/``, ``helpers.grading_kernel``), and the
preprocessors in nbgrader_config.py (``helpers.grading_nbgrader``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import build

COURSE_ID = "how-models-learn"
DEFAULT_COURSE_DIR = build.ROOT / "build" / "grading"
POINTS_PER_EXERCISE = 1
CELL_TIMEOUT = 30
"""Seconds nbgrader lets one cell run while autograding: the slowest cell takes about 2 s; a learner's
function that loops forever is stopped by its check after 3 s a case, so only a loop outside any
function (at a cell's top level) reaches this limit."""
KERNEL_NAME = "how-models-learn-autograde"
CHECK_LINE = re.compile(r"^(?P<name>\w+)\s*=\s*checks\.(?P<check>check_\w+)\(\s*(?P=name)\s*\)\s*$", re.M)
POINTS_TAG = re.compile(r"^points:(\d+)$")

CONFIG = '''\
# nbgrader configuration for the course, written by `python -m helpers.grading` (`make grading`).
# Regenerating overwrites this file: put your own settings (exchange root, course id, ...)
# in nbgrader_config_local.py next to it, which is read last.
import importlib.util
import os
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearOutput, DeduplicateIds, Execute,
                                    IgnorePattern, LimitOutput, OverwriteCells, OverwriteKernelspec, SaveAutoGrades)

here = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("grading_nbgrader", here / "course-code" / "helpers" / "grading_nbgrader.py")
_preprocessors = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_preprocessors)
FlagForReview, RestoreDeletedCells = _preprocessors.FlagForReview, _preprocessors.RestoreDeletedCells
RestoreTestSource, TrustedTests = _preprocessors.RestoreTestSource, _preprocessors.TrustedTests
c = get_config()  # noqa: F821 (nbgrader defines it)
c.CourseDirectory.course_id = {course_id!r}
# The stubs of the project's student copies (helpers/build.py), so the release prompts the same way.
c.ClearSolutions.code_stub = {{"python": {code_stub!r}}}
c.ClearSolutions.text_stub = {text_stub!r}
# Seconds per cell when autograding. Every cell runs in about 2 s at most, and a learner's function
# that never returns is stopped by its check after {case_seconds:g} s a case; this limit is for a loop
# written outside any function. A notebook with such a loop is graded in under a minute.
c.Execute.timeout = {timeout}
# The test cells and the kernel (docs/grading.md, "What a submission cannot do"):
# a fenced kernel (helpers/grading_kernel.py) started from this folder's kernel spec ...
c.Execute.kernel_name = {kernel!r}
os.environ["JUPYTER_PATH"] = os.pathsep.join([str(here / "jupyter"), *filter(None, [os.environ.get("JUPYTER_PATH")])])
# ... deleted read-only cells put back, test cells run against course-code/, flags marked for review.
c.RestoreDeletedCells.course_dir = str(here)
c.TrustedTests.autograde = str(here / "course-code" / "helpers" / "autograde.py")
c.Autograde.sanitize_preprocessors = [ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells,
                                      RestoreDeletedCells, CheckCellMetadata]
c.Autograde.autograde_preprocessors = [TrustedTests, Execute, RestoreTestSource, IgnorePattern,
                                       ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades, FlagForReview,
                                       AssignLatePenalties, CheckCellMetadata]

_local = here / "nbgrader_config_local.py"
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


def test_cell(exercise: GradedExercise, grade_id: str, earlier: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    """The locked, autograded cell worth ``exercise.points``: its value is the points earned
    (nbgrader's partial credit), all of them once the function passes its check, else 0.
    ``earlier``: the functions checked before it in the notebook (``helpers.autograde.grade``)."""
    plural = "" if exercise.points == 1 else "s"
    source = (
        f"# Autograded test ({exercise.points} point{plural}): your `{exercise.name}` earns "
        f"{'it' if exercise.points == 1 else 'them'} by passing checks.{exercise.check}, the check above.\n"
        "from helpers.autograde import grade\n\n"
        f"grade({exercise.name!r}, {exercise.check!r}, points={exercise.points}, earlier={earlier!r})"
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
            earlier = tuple(dict.fromkeys(e.name for e in exercises if e.name != exercise.name))
            cells.append(test_cell(exercise, grade_id, earlier))
            exercises.append(exercise)
    notebook = build.empty_copy(instructor)
    notebook.cells = [banner(exercises, written_points)] + cells
    return notebook, exercises


def config_text() -> str:
    """The course's nbgrader_config.py: course id, the project's stubs, the timeout, the fenced
    kernel and the trusted test cells, local overrides."""
    from .checking import CASE_SECONDS
    return CONFIG.format(course_id=COURSE_ID, code_stub="\n".join(build.CODE_STUB),
                         text_stub="\n".join(build.MARKDOWN_STUB), timeout=CELL_TIMEOUT, case_seconds=CASE_SECONDS,
                         kernel=KERNEL_NAME)


def copy_course_code(target: Path, read_only: bool = True) -> None:
    """``target``/helpers and ``target``/data: the course package as it is now (Python files and
    data), replacing those two folders (nothing else in ``target``); files read-only unless
    ``read_only`` is False."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ["helpers", "data"]:
        destination = target / name
        if destination.exists():
            for path in [destination, *destination.rglob("*")]:
                path.chmod(0o755 if path.is_dir() else 0o644)
            shutil.rmtree(destination)
        shutil.copytree(build.ROOT / name, destination, ignore=ignore)
        for path in destination.rglob("*"):
            if path.is_file() and read_only:
                path.chmod(0o444)


def kernel_spec(python: str = sys.executable) -> dict:
    """The kernel spec of the fenced autograding kernel (``helpers.grading_kernel``), run from the
    course code copy by ``python`` (``-P``: the notebook's folder is not on its path)."""
    launcher = "{resource_dir}/../../../course-code/helpers/grading_kernel.py"
    return {"argv": [python, "-P", launcher, "-f", "{connection_file}"],
            "display_name": "Python 3 (autograding, fenced)", "language": "python"}


def write_course(course_dir: Path = DEFAULT_COURSE_DIR, written_points: int = 0,
                 python: str = sys.executable) -> dict[str, list[GradedExercise]]:
    """Write nbgrader_config.py and source/<assignment>/<notebook>.ipynb for every instructor notebook.

    Also course-code/ (the copy the test cells load while autograding) and the kernel spec of the
    fenced kernel, run by ``python``. Only these files are written: the gradebook, releases and
    submissions are left alone. Returns the graded exercises of each assignment.
    """
    course_dir.mkdir(parents=True, exist_ok=True)
    (course_dir / "nbgrader_config.py").write_text(config_text())
    copy_course_code(course_dir / "course-code")
    spec_dir = course_dir / "jupyter" / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    (spec_dir / "kernel.json").write_text(json.dumps(kernel_spec(python), indent=1) + "\n")
    assignments = {}
    for path in build.instructor_notebooks():
        notebook, exercises = source_notebook(nbformat.read(path, as_version=4), path.name, written_points)
        target = course_dir / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(build.render(notebook))
        assignments[path.stem] = exercises
    return assignments


NBGITPULLER_README = """\
# {course_id}: graded notebooks

Written by `python -m helpers.grading --release --nbgitpuller DIR` (docs/grading.md, "With
nbgitpuller workshops"). Each folder is one assignment as nbgrader released it; its `helpers`
link reaches the course package beside it, so the notebooks run wherever this repository is
pulled. Learners work in these copies; collect them from the hub into `submitted/`.
"""


def publish_nbgitpuller(course_dir: Path, target: Path) -> list[str]:
    """Lay out ``target`` as the repository a graded nbgitpuller workshop pulls: every released
    assignment at ``<assignment>/<notebook>.ipynb`` with a link ``helpers -> ../helpers``, and the
    course package (``helpers/``, ``data/``) beside them. Other files in ``target`` (.git, ...) are
    kept. Returns the assignments, in order."""
    releases = sorted(p for p in (course_dir / "release").glob("*") if p.is_dir())
    if not releases:
        raise FileNotFoundError(f"{course_dir / 'release'} has no assignments: run with --release first")
    target.mkdir(parents=True, exist_ok=True)
    copy_course_code(target, read_only=False)
    for release in releases:
        folder = target / release.name
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(release, folder)
        (folder / "helpers").symlink_to(Path("..") / "helpers", target_is_directory=True)
    (target / "README.md").write_text(NBGITPULLER_README.format(course_id=COURSE_ID))
    return [release.name for release in releases]


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
    parser.add_argument("--nbgitpuller", type=Path, metavar="DIR",
                        help="then lay out DIR as the repository of a graded nbgitpuller workshop (needs --release)")
    args = parser.parse_args(argv)
    if args.nbgitpuller and not args.release:
        parser.error("--nbgitpuller needs --release (it publishes the release)")
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
    if args.nbgitpuller:
        published = publish_nbgitpuller(args.course_dir, args.nbgitpuller)
        print(f"wrote {args.nbgitpuller}: {len(published)} assignments, helpers/ and data/ (docs/grading.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
