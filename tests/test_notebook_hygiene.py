"""Small things a newcomer or a maintainer meets: build messages, clean diffs, links that resolve."""

import json
import re

import nbformat
import pytest

from helpers import build

from .conftest import ROOT

INSTRUCTOR = sorted((ROOT / "notebooks" / "instructor").glob("*.ipynb"))


def test_build_check_says_so_when_everything_is_up_to_date(capsys):
    assert build.main(["--check"]) == 0
    assert f"all {len(INSTRUCTOR)} student copies are up to date" in capsys.readouterr().out


def test_build_writes_only_what_changed(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(build, "STUDENT_DIR", tmp_path)
    first = INSTRUCTOR[0].name
    assert build.main([]) == 0
    assert capsys.readouterr().out.count("wrote") == len(INSTRUCTOR)
    (tmp_path / first).write_text("{}")
    assert build.main([]) == 0
    out = capsys.readouterr().out
    assert out.count("wrote") == 1 and first in out
    assert f"{len(INSTRUCTOR) - 1} of {len(INSTRUCTOR)} student copies were already up to date" in out


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_stored_notebooks_carry_no_run_timing(path):
    """Per-cell timestamps change on every run and would turn each re-execution into a diff of every cell."""
    notebook = nbformat.read(path, as_version=4)
    assert not [i for i, cell in enumerate(notebook.cells) if "execution" in cell.metadata]


@pytest.mark.parametrize("folder", ["student", "instructor"])
def test_each_notebook_folder_finds_the_helpers_beside_it(folder):
    link = ROOT / "notebooks" / folder / "helpers"
    assert link.is_symlink() and link.readlink().as_posix() == "../../helpers"
    assert (link / "__init__.py").is_file()


def test_the_lab_settings_turn_off_the_news_popup():
    overrides = json.loads((ROOT / "binder" / "jupyterlab-overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert "binder/jupyterlab-overrides.json" in (ROOT / "Makefile").read_text()


def test_the_data_card_names_only_notebooks_that_exist():
    card = (ROOT / "data" / "README.md").read_text()
    existing = {p.name[:2] for p in INSTRUCTOR}
    for sentence in re.findall(r"notebooks? [^.\n]*", card):
        for number in re.findall(r"\b(0\d)\b", sentence):
            assert number in existing, f"data/README.md names notebook {number}, which does not exist"


def jupyterlab_heading_id(heading: str) -> str:
    """The id JupyterLab gives a markdown heading (data-jupyter-id): its text, spaces as dashes."""
    text = re.sub(r"[$*`]", "", heading.lstrip("#").strip())
    return text.replace(" ", "-")


def headings(path) -> set[str]:
    notebook = nbformat.read(path, as_version=4)
    return {jupyterlab_heading_id(line) for cell in notebook.cells if cell.cell_type == "markdown"
            for line in cell.source.splitlines() if line.startswith("#")}


def test_heading_ids_follow_jupyterlab():
    """The ids the real JupyterLab gave notebook 06's headings (read in the browser test)."""
    assert jupyterlab_heading_id("## 3. The cross-entropy for $K$ classes") == "3.-The-cross-entropy-for-K-classes"
    assert jupyterlab_heading_id("## 7. L2 regularisation: prefer small, spread-out weights") == \
        "7.-L2-regularisation:-prefer-small,-spread-out-weights"


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_links_between_notebooks_reach_a_notebook_and_section_that_exist(path):
    text = path.read_text()
    links = re.findall(r"\]\((\d\d_\w+\.ipynb)(?:#([^)]*))?\)", text)
    for name, fragment in links:
        target = path.parent / name
        assert target.exists(), f"{path.name} links to {name}, which does not exist"
        if fragment:
            assert fragment in headings(target), f"{path.name} links to {name}#{fragment}: no such heading"
