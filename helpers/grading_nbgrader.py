"""nbgrader's side of the course's autograding: preprocessors named in the nbgrader_config.py
that ``helpers.grading`` writes (docs/grading.md), which loads this file from the course code
copy. They run in nbgrader's process, which no submission can reach; only the grading
environment has nbgrader.

- ``RestoreDeletedCells`` (before running): read-only cells a submission lacks (a check, a test,
  any instructor cell) are put back from the release, and a note at the top says which;
- ``TrustedTests`` (before running): each test cell ``grade(...)`` becomes a call of the trusted
  copy of ``helpers/autograde.py`` in the course directory (``grade(..., trusted=True)``);
- ``RestoreTestSource`` (after running): the test cells read as released again, for the feedback;
- ``FlagForReview`` (after the scores are saved): a test cell whose output has a FLAG line, and the
  tests of a notebook that lost cells, are marked "needs manual grading", and nbgrader's log says why.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

# nbgrader_config.py loads this file on its own (not the whole course package, which takes seconds)
FLAG = runpy.run_path(str(Path(__file__).with_name("autograde.py")))["FLAG"]

TEST_CALL = re.compile(r"^grade\((?P<arguments>.*)\)\s*$", re.M)
DELETED_NOTE = "**⚠ Cells were deleted from this notebook**"
STASH = "how_models_learn_tests"


def _nbgrader(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


class RestoreDeletedCells(NbGraderPreprocessor):
    """Put back the read-only cells a submission lacks, from the released notebook."""

    course_dir = Unicode("", help="The course directory (its release/ holds the notebooks as released)").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        release = Path(self.course_dir) / "release" / info["assignment"] / f"{info['notebook']}.ipynb"
        if not release.is_file():
            self.log.warning("Cannot check for deleted cells: %s is missing (run `make grading`)", release)
            return nb, resources
        released = nbformat.read(release, as_version=4).cells
        present = {_nbgrader(c).get("grade_id") for c in nb.cells} - {None}
        restored, lost = [], []
        position = 0  # where the next restored cell goes: after the last released cell found so far
        for cell in released:
            grade_id = _nbgrader(cell).get("grade_id")
            if grade_id in present:
                position = next(i for i, c in enumerate(nb.cells) if _nbgrader(c).get("grade_id") == grade_id) + 1
            elif grade_id and _nbgrader(cell).get("locked"):
                nb.cells.insert(position, cell)
                position += 1
                restored.append(grade_id)
            elif grade_id:
                lost.append(grade_id)
        if restored or lost:
            parts = []
            if restored:
                parts.append(f"read-only cells put back before grading: {', '.join(restored)}")
            if lost:
                parts.append(f"your own cells that are missing (graded as empty): {', '.join(lost)}")
            note = nbformat.v4.new_markdown_cell(f"{DELETED_NOTE} ({'; '.join(parts)}). Your instructor has been told.")
            if nb.get("nbformat_minor", 0) < 5:
                note.pop("id", None)
            nb.cells.insert(0, note)
            self.log.warning("%s deleted cells from %s: %s", info["student"], info["notebook"], "; ".join(parts))
        return nb, resources


class TrustedTests(NbGraderPreprocessor):
    """Make each test cell call the course directory's trusted copy of ``helpers/autograde.py``."""

    autograde = Unicode("", help="helpers/autograde.py of the course code copy").tag(config=True)

    def preprocess(self, nb, resources):
        stash = resources.setdefault(STASH, {})
        for cell in nb.cells:
            match = TEST_CALL.search(cell.source) if _nbgrader(cell).get("grade") and cell.cell_type == "code" else None
            if match:
                stash[_nbgrader(cell)["grade_id"]] = cell.source
                cell.source = (f"# {cell.source.splitlines()[0].lstrip('# ')}\n"
                               f"__import__('runpy').run_path({self.autograde!r}, run_name='trusted_autograde')"
                               f"['grade']({match['arguments']}, trusted=True)")
        return nb, resources


class RestoreTestSource(NbGraderPreprocessor):
    """Give the test cells back the source they were released with (after running them)."""

    def preprocess(self, nb, resources):
        stash = resources.get(STASH, {})
        for cell in nb.cells:
            original = stash.get(_nbgrader(cell).get("grade_id"))
            if original is not None and cell.cell_type == "code":
                cell.source = original
        return nb, resources


class FlagForReview(NbGraderPreprocessor):
    """Mark "needs manual grading" the tests that printed a FLAG line, and every test of a
    notebook that lost cells; say why in nbgrader's log."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        deleted = bool(nb.cells) and nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith(DELETED_NOTE)
        flagged = {}
        for cell in nb.cells:
            meta = _nbgrader(cell)
            if not (meta.get("grade") and cell.cell_type == "code"):
                continue
            text = "".join(out.get("text", "") for out in cell.get("outputs", []) if out.get("output_type") == "stream")
            reasons = [line[len(FLAG):].strip() for line in text.splitlines() if line.startswith(FLAG)]
            if deleted:
                reasons.append("cells were deleted from the notebook")
            if reasons:
                flagged[meta["grade_id"]] = reasons
        if flagged:
            with Gradebook(info["db_url"]) as gradebook:
                for grade_id, reasons in flagged.items():
                    grade = gradebook.find_grade(grade_id, info["notebook"], info["assignment"], info["student"])
                    grade.needs_manual_grade = True
                    self.log.warning("FLAGGED for review: %s, %s, %s: %s", info["student"], info["notebook"],
                                     grade_id, " ".join(reasons))
                gradebook.db.commit()
        return nb, resources
