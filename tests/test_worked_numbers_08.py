"""Notebook 08's instructor outputs state the facts the syllabus asks for, with numbers SciPy / scikit-learn agree with."""

import nbformat
import numpy as np
from scipy.spatial import distance as sd
from scipy.stats import pearsonr
from sklearn.metrics import jaccard_score, mutual_info_score

from helpers import regression_losses

from .conftest import ROOT

NAME = "08_loss_functions_field_guide.ipynb"


def printed() -> str:
    notebook = nbformat.read(ROOT / "notebooks" / "instructor" / NAME, as_version=4)
    return "\n".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                     for output in cell.outputs if output.output_type == "stream")


def test_huber_lines_show_larger_delta_is_mse_and_smaller_delta_approaches_mae():
    text = printed()
    x, y, _ = regression_losses.make_line_with_outliers()
    w_mse, b_mse = np.polyfit(x, y, 1)
    assert f"  MSE | {w_mse:5.2f} | {b_mse:5.2f} |" in text
    assert f"30.00 | {w_mse:5.2f} | {b_mse:5.2f} | 30 of 30" in text   # a large δ: the MSE fit exactly
    assert f"largest residual of the MSE fit: {np.max(np.abs(w_mse * x + b_mse - y)):.2f}" in text
    assert " 0.03 |  2.89 |" in text and "MAE (Huber, δ = 1e-4): w = 2.91" in text  # a small δ: near the MAE fit


def test_gradient_checks_and_gram_facts_are_printed():
    text = printed()
    assert "relative error below 1e-7: True" in text
    assert "total-variation gradient, relative error below 1e-7: True" in text
    assert "symmetric: True" in text
    assert "Gram matrix of the shuffled maps equal to the original (up to rounding): True" in text


def test_cosine_loss_ignores_magnitude_in_the_outputs():
    text = printed()
    target = np.array([3.0, 4.0])
    assert f"       10 × target |  50.00 | {sd.cosine(target, 10 * target):11.4f} |" in text
    assert f"           −target |   5.00 | {sd.cosine(target, -target):11.4f} |" in text
    assert "target turned 30° |   5.00 |      0.1340 |" in text   # 1 − cos 30°


def test_printed_distances_agree_with_scipy_and_scikit_learn():
    text = printed()
    u, v = np.array([1.0, -2.0, 3.5, 0.0]), np.array([2.0, 0.5, 3.0, -1.0])
    assert f"Euclidean  √Σ(u−v)²        {sd.euclidean(u, v):7.4f}" in text
    assert f"Manhattan  Σ|u−v|          {sd.cityblock(u, v):7.4f}" in text
    for p in (1, 2, 3, 10):
        assert f"Minkowski  p = {p:<2}           {sd.minkowski(u, v, p):7.4f}" in text
    assert f"           max|u−v|        {sd.chebyshev(u, v):7.4f}" in text
    assert f"cosine     1 − cos θ       {sd.cosine(u, v):7.4f}" in text
    signal = np.array([1.0, 3.0, 2.0, 5.0, 4.0])
    assert f"Pearson r(signal, [2, 1, 4, 3, 5]) = {pearsonr(signal, [2.0, 1.0, 4.0, 3.0, 5.0])[0]:.4f}" in text
    masks = [0, 1, 1, 1, 0, 0, 1, 0], [0, 1, 1, 0, 0, 1, 1, 0]
    assert f"Jaccard index of two masks (IoU)  = {jaccard_score(*masks):.4f}" in text
    clusters = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2])
    assert f"a labeling with itself      = {mutual_info_score(clusters, clusters):.4f} nats (= log 3)" in text
    assert f"{np.log(3):.4f}" == "1.0986"


def test_local_and_global_minima_are_both_reached():
    text = printed()
    assert "start w = -3.00 → ends at w = -0.94" in text and "start w =  4.00 → ends at w =  2.01" in text
