"""Write the student copies of the notebooks from the instructor sources.

    python -m helpers.build            # write notebooks/student/*.ipynb
    python -m helpers.build --check    # exit 1 if any student copy is out of date

The instructor notebook is the one source. In it, solutions sit between the nbgrader
markers ``### BEGIN SOLUTION`` and ``### END SOLUTION``. In the student copy each code
region becomes a stub that raises NotImplementedError (which the exercise checks report
as "not done yet"), each markdown region becomes a prompt, and all outputs are cleared.
Every student copy starts with the hosted-setup cell (helpers/hosted.py): on Colab and similar
services it installs the course; anywhere else it does nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from .hosted import TAG as HOSTED_TAG, setup_cell_source

ROOT = Path(__file__).resolve().parent.parent
INSTRUCTOR_DIR = ROOT / "notebooks" / "instructor"
STUDENT_DIR = ROOT / "notebooks" / "student"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
CODE_STUB = ["# YOUR CODE HERE", "raise NotImplementedError()"]
MARKDOWN_STUB = ["_Your answer here: double-click to edit this cell._"]
KEPT_CELL_METADATA = ("tags",)


def solution_lines(source: str, cell_type: str, where: str) -> list[tuple[str, str]]:
    """Label each line of one cell's source: "begin" or "end" (a marker), "solution" (inside
    a region) or "kept"; raise ValueError, naming ``where``, on a broken or misplaced region."""
    labelled, inside = [], False
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if stripped == BEGIN:
            if inside:
                raise ValueError(f"{where}, line {number}: {BEGIN} inside another solution region")
            if cell_type == "code" and line == line.lstrip():
                raise ValueError(
                    f"{where}, line {number}: a solution region at the top level of a code cell "
                    "would make the student copy crash on Run All; put the exercise inside a function"
                )
            inside = True
            labelled.append(("begin", line))
        elif stripped == END:
            if not inside:
                raise ValueError(f"{where}, line {number}: {END} without {BEGIN}")
            inside = False
            labelled.append(("end", line))
        else:
            labelled.append(("solution" if inside else "kept", line))
    if inside:
        raise ValueError(f"{where}: {BEGIN} is never closed by {END}")
    return labelled


def has_solution(source: str, cell_type: str, where: str) -> bool:
    """True when one cell's source holds a (well-formed) solution region."""
    return any(label == "begin" for label, _ in solution_lines(source, cell_type, where))


def strip_solutions(source: str, cell_type: str, where: str) -> str:
    """Replace every BEGIN/END SOLUTION region of one cell's source with its stub."""
    out = []
    for label, line in solution_lines(source, cell_type, where):
        if label == "begin":
            indent = line[: len(line) - len(line.lstrip())]
            out.extend(indent + s for s in (CODE_STUB if cell_type == "code" else MARKDOWN_STUB))
        elif label == "kept":
            out.append(line)
    return "\n".join(out)


def clean_cell(cell: nbformat.NotebookNode, source: str, metadata: dict | None = None) -> nbformat.NotebookNode:
    """A copy of ``cell`` with a new source, no outputs, and only its tags (plus ``metadata``) kept."""
    kept = {k: cell.metadata[k] for k in KEPT_CELL_METADATA if k in cell.metadata}
    kept.update(metadata or {})
    new = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
           "raw": nbformat.v4.new_raw_cell}[cell.cell_type](source, metadata=kept)
    new.pop("id", None)
    return new


def empty_copy(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A notebook with no cells and only the kernel metadata of ``notebook`` (no widget state)."""
    return nbformat.v4.new_notebook(metadata={
        key: notebook.metadata[key] for key in ("kernelspec", "language_info") if key in notebook.metadata
    })


def instructor_notebooks() -> list[Path]:
    """Every instructor notebook, in course order."""
    return sorted(INSTRUCTOR_DIR.glob("*.ipynb"))


def student_notebook(instructor: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The student copy of one instructor notebook: the hosted-setup cell, then the banner and every
    cell with solutions stubbed and outputs cleared."""
    student = empty_copy(instructor)
    setup = nbformat.v4.new_code_cell(setup_cell_source(), metadata={"tags": [HOSTED_TAG]})
    setup.pop("id", None)
    banner = nbformat.v4.new_markdown_cell(
        f"> **Student copy.** Work through it top to bottom; cells marked `# YOUR CODE HERE` are yours.\n"
        f"> Stuck? The worked solutions are in [`../instructor/{name}`](../instructor/{name})."
    )
    banner.metadata = {"tags": ["student-banner"]}
    banner.pop("id", None)
    student.cells = [setup, banner] + [
        clean_cell(cell, strip_solutions(cell.source, cell.cell_type, f"{name}, cell {index}"))
        for index, cell in enumerate(instructor.cells)
    ]
    return student


def render(notebook: nbformat.NotebookNode) -> str:
    """Serialise a notebook exactly as it is committed (stable ids, trailing newline)."""
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:03d}"
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    return nbformat.writes(notebook) + "\n"


def student_copies() -> dict[Path, str]:
    """Every student copy, as the text that should be on disk."""
    copies = {}
    for path in instructor_notebooks():
        instructor = nbformat.read(path, as_version=4)
        copies[STUDENT_DIR / path.name] = render(student_notebook(instructor, path.name))
    return copies


def stale_copies() -> list[str]:
    """Student copies that are missing, out of date, or have no instructor source."""
    expected = student_copies()
    stale = [p.name for p, text in expected.items() if not p.exists() or p.read_text() != text]
    stale += [p.name + " (no instructor source)" for p in STUDENT_DIR.glob("*.ipynb") if p not in expected]
    return sorted(stale)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report out-of-date student copies")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_copies()
        for name in stale:
            print(f"out of date: notebooks/student/{name}  (run: python -m helpers.build)")
        if not stale:
            print(f"all {len(student_copies())} student copies are up to date")
        return 1 if stale else 0
    STUDENT_DIR.mkdir(parents=True, exist_ok=True)
    copies = student_copies()
    changed = [path for path, text in copies.items() if not path.exists() or path.read_text() != text]
    for path in changed:
        path.write_text(copies[path])
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"{len(copies) - len(changed)} of {len(copies)} student copies were already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
