"""Plots for classifiers: the confusion-matrix heat map and the one-axes image row compose and refuse bad input."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.classification_plots import plot_confusion_matrix, plot_image_row


def test_confusion_matrix_writes_every_nonzero_count_in_its_cell():
    matrix = np.array([[5, 1, 0], [0, 7, 2], [1, 0, 9]])
    fig, (left, right) = plt.subplots(1, 2)
    image = plot_confusion_matrix(matrix, labels=["a", "b", "c"], ax=right)
    texts = {(t.get_position(), t.get_text()) for t in right.texts}
    assert texts == {((j, i), str(matrix[i, j])) for i, j in zip(*np.nonzero(matrix))}
    assert [t.get_text() for t in right.get_xticklabels()] == ["a", "b", "c"]
    assert image.get_array().shape == (3, 3) and not left.images  # drawn where asked


def test_confusion_matrix_of_fractions():
    plot_confusion_matrix(np.array([[0.75, 0.25], [0.5, 0.5]]))
    assert sorted(t.get_text() for t in plt.gca().texts) == ["0.25", "0.50", "0.50", "0.75"]


def test_image_row_puts_every_image_on_one_axes_with_gaps():
    images = np.arange(3 * 2 * 2, dtype=float).reshape(3, 2, 2)
    fig, ax = plt.subplots()
    shown = plot_image_row(images, labels=["x", "y", "z"], ax=ax, vmin=0, vmax=11)
    mosaic = np.ma.filled(shown.get_array(), np.nan)
    assert mosaic.shape == (2, 8) and len(ax.images) == 1
    np.testing.assert_array_equal(mosaic[:, 3:5], images[1])
    assert np.all(np.isnan(mosaic[:, [2, 5]]))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x", "y", "z"]
    assert shown.get_clim() == (0, 11)


@pytest.mark.parametrize("call, words", [
    (lambda: plot_confusion_matrix(np.zeros((2, 3))), "matrix must be square"),
    (lambda: plot_confusion_matrix(-np.eye(2)), "counts (or fractions) ≥ 0"),
    (lambda: plot_confusion_matrix(np.eye(2), labels=["a"]), "labels must name the 2 classes"),
    (lambda: plot_image_row(np.zeros((4, 4))), "images must be 3 dimensions"),
    (lambda: plot_image_row(np.zeros((2, 3, 3)), labels=["a"]), "labels must name the 2 images"),
    (lambda: plot_image_row(np.full((1, 2, 2), np.nan)), "images contains NaN"),
])
def test_bad_input(call, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        call()
