"""The syllabus's worked numbers for notebook 06 appear in the instructor outputs."""

import nbformat

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "instructor" / "06_softmax_and_multiclass_losses.ipynb"


def printed() -> str:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    return "\n".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                     for output in cell.outputs if output.output_type == "stream")


def test_worked_numbers_are_printed():
    text = printed()
    for line in [
        "scores [[1000, 999, 0]]:  RuntimeWarning: overflow encountered in exp",  # the naive softmax overflows
        "without the alarm:         [[nan nan  0.]]",
        "scores [[1000, 999, 0]] -> [[0.7311 0.2689 0.    ]]",                    # the stable one does not
        "the hopeless sample (from s):    1005.0067",                              # exact, not inf, not 27.6
        "all scores equal, 10 classes:    2.3026   (log 10 = 2.3026)",             # untrained loss = log K
        "= 2.9 + 0.0 = 2.9",                                                       # the cat's hinge loss
        "W1 = [1. 0. 0. 0.]: score w·x = 1.00, L2 penalty Σw² = 1.00",             # same score ...
        "W2 = [0.25 0.25 0.25 0.25]: score w·x = 1.00, L2 penalty Σw² = 0.25",     # ... smaller penalty
        "H(P, Q)  = 0.5514", "KL(P‖Q)  = 0.2263", "H(P)     = 0.3251", "KL(Q‖P)  = 0.3112",
        "H(P) + KL(P‖Q) = 0.5514  equals H(P, Q): True",
        "= 0.0633",                                                                # JS(P, Q)
        "shift 60: JS = 0.6931",                                                   # the log 2 plateau
        "loss at the start: 2.3026",                                               # zero weights: log 10
        "train: (1347, 64)  validation: (225, 64)  test: (225, 64)",               # the split, stated
        "chosen on validation: λ = 0",                                             # chosen on validation ...
        "λ = 0: test accuracy 0.956 (215 of 225)",                                 # ... the test figure, once
    ]:
        assert line in text, line
    assert text.count("relative error below 1e-7: True") == 8 and "False" not in text
