"""Notebook 09: the syllabus's facts and the notebook's own claims agree with the instructor outputs."""

import re

import nbformat

from .conftest import ROOT

NOTEBOOK = nbformat.read(ROOT / "notebooks" / "instructor" / "09_optimizers.ipynb", as_version=4)
PRINTED = "\n".join(output.get("text", "") for cell in NOTEBOOK.cells if cell.cell_type == "code"
                    for output in cell.outputs if output.output_type == "stream")
MARKDOWN = "\n".join(cell.source for cell in NOTEBOOK.cells if cell.cell_type == "markdown")


def test_scikit_learns_defaults_are_the_syllabus_ones():
    assert ("{'solver': 'adam', 'learning_rate_init': 0.001, 'beta_1': 0.9, 'beta_2': 0.999, 'epsilon': 1e-08, "
            "'momentum': 0.9, 'nesterovs_momentum': True, 'batch_size': 'auto', 'alpha': 0.0001}") in PRINTED
    assert r"$\eta = 10^{-3}$, $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\varepsilon = 10^{-8}$" in MARKDOWN


def test_the_learners_adam_matches_scikit_learn_to_the_last_printed_digit():
    rows = re.findall(r"^ +(\d) \| (-?[\d.]+) (-?[\d.]+) \| (-?[\d.]+) (-?[\d.]+)$", PRINTED, re.M)
    assert len(rows) == 5 and all(a == c and b == d for _, a, b, c, d in rows)


def test_a_batch_gradient_is_unbiased_and_its_spread_shrinks_like_one_over_root_b():
    error = float(re.search(r"full gradient\| = ([\de.+-]+)", PRINTED).group(1))
    assert error < 1e-12
    spread = {int(b): float(s) for b, s in re.findall(r"b = +(\d+): .* a single batch by ([\d.]+)", PRINTED)}
    assert 6 < spread[1] / spread[64] < 10  # √64 = 8


def test_the_race_numbers_the_text_quotes():
    assert "momentum, η = 0.01, β = 0.9: on the floor after 31 steps" in PRINTED
    assert "Adam, η = 0.05: on the floor after 46 steps" in PRINTED
    assert "gradient descent needs 113 steps to reach the floor" in PRINTED
    assert "Momentum reaches the floor in 31 steps, Adam in 46, gradient descent in 113" in MARKDOWN


def test_a_schedule_rescues_the_bouncing_end():
    rows = dict(re.findall(r"^ *(.+?) \| +([\d.]+) \| [\d.]+$", PRINTED, re.M))
    constant = float(rows["constant η = 3"])
    assert all(float(value) < 0.6 * constant for name, value in rows.items() if name != "constant η = 3")


def test_choices_are_made_on_validation_and_the_test_part_is_used_once():
    assert PRINTED.count("test loss") == 1 and "chosen on validation" in PRINTED
    wall_cells = [cell for cell in NOTEBOOK.cells if cell.cell_type == "code" and "perf_counter() - began" not in
                  cell.source and "timings[" in cell.source]
    assert wall_cells and all("nbval-ignore-output" in cell.metadata.get("tags", []) for cell in wall_cells)
