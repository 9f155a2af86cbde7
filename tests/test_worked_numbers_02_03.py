"""The syllabus's worked numbers for notebooks 02 and 03 appear in the instructor outputs."""

import nbformat
import pytest

from .conftest import ROOT


def printed(name: str) -> str:
    notebook = nbformat.read(ROOT / "notebooks" / "instructor" / name, as_version=4)
    return "\n".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                     for output in cell.outputs if output.output_type == "stream")


@pytest.mark.parametrize(
    "name, lines",
    [
        ("02_gradient_descent.ipynb", [
            "f'(-1.5) = 0.0   f(-1.5) = -7.25",                   # the analytic minimum
            "f''(-1.5) ≈ 2.0000",                                 # second-derivative test
            "shape of the history: (1001,)",                      # 1000 steps of 0.01 from 3π ...
            "after 1000 steps: w = -1.49999998",                  # ... converge to −1.5
            "0.5            -1.500000         0.00   good",       # η = 0.5: one step to the minimum
            "1.0             9.424778        -1.00   bouncing",   # η = 1 bounces for ever
            "the gradient check passes: True",                    # the MSE gradient passes the check
            "error of a gradient with ∂L/∂b's sign flipped: 2.000, worst element: b",  # judged per element
            "at the minimum the check passes too: True",          # near-zero gradients pass
            "least squares       3.24467   2.47747",              # closed form ...
            "gradient descent    3.24467   2.47747",              # ... and gradient descent agree
        ]),
        ("03_backpropagation.ipynb", [
            "u = 2a    = 6", "v = u + b = 10", "J = v·c   = 50",  # forward pass
            "∂J/∂v = 5", "∂J/∂u = 5", "∂J/∂c = 10", "∂J/∂b = 5", "∂J/∂a = 10",  # backward pass
            "∂J/∂z = ŷ − y                    by hand  -0.76852   numerical  -0.76852",
            "the gradient check of notebook 02 passes: True",
        ]),
    ],
)
def test_worked_numbers_are_printed(name, lines):
    text = printed(name)
    for line in lines:
        assert line in text, line
