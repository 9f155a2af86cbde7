"""helpers.distance_plots (notebook 08): unit circles at distance 1, Mahalanobis rings, bad input named."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import distances
from helpers.distance_plots import plot_mahalanobis_rings, plot_unit_circles, unit_circle


@pytest.mark.parametrize("p", [1, 2, 3.5, np.inf])
def test_every_point_of_a_unit_circle_is_at_minkowski_distance_1(p):
    ring = unit_circle(p, n_points=181)
    assert ring.shape == (181, 2)
    for point in ring[::10]:
        assert distances.minkowski(point, np.zeros(2), p) == pytest.approx(1.0, rel=1e-12)


def test_unit_circles_are_drawn_with_their_labels():
    fig, ax = plt.subplots()
    lines = plot_unit_circles([1, np.inf], ax=ax)
    assert [line.get_label() for line in lines] == ["p = 1", "p = ∞ (max)"]
    assert np.max(np.abs(lines[1].get_xydata())) == pytest.approx(1.0) and ax.get_aspect() == 1.0
    plt.close(fig)


def test_mahalanobis_rings_label_each_point_with_both_distances():
    cov = np.array([[4.0, 1.8], [1.8, 1.0]])
    cloud = np.random.default_rng(0).multivariate_normal([0, 0], cov, size=200)
    fig, ax = plt.subplots()
    rings = plot_mahalanobis_rings(cloud, np.zeros(2), cov, {"A": np.array([2.0, 0.9])}, ax=ax)
    assert list(rings.levels) == [1, 2, 3]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    expected = distances.mahalanobis(np.array([2.0, 0.9]), np.zeros(2), cov)
    assert labels[0] == f"A: Euclidean {np.hypot(2, 0.9):.2f}, Mahalanobis {expected:.2f}"
    plt.close(fig)


@pytest.mark.parametrize("call, message", [
    (lambda: unit_circle(0.5), "p must be ≥ 1"),
    (lambda: plot_unit_circles([]), "at least one"),
    (lambda: plot_mahalanobis_rings(np.zeros((5, 3)), np.zeros(2), np.eye(2), {}), "cloud must be"),
    (lambda: plot_mahalanobis_rings(np.zeros((5, 2)), np.zeros(2), np.eye(2), {"A": [np.nan, 0]}), "points"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
    plt.close("all")
