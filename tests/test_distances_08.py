"""Notebook 08's distances, cross-checked against scipy.spatial.distance, scipy.stats and sklearn.metrics."""

import numpy as np
import pytest
from scipy.spatial import distance as sd
from scipy.stats import pearsonr
from sklearn.metrics import jaccard_score, mutual_info_score
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine_similarity

from helpers import distances

RNG = np.random.default_rng(7)
PAIRS = [
    (np.array([1.0, -2.0, 3.5, 0.0]), np.array([2.0, 0.5, 3.0, -1.0])),  # the notebook's example
    (RNG.normal(size=9), RNG.normal(size=9)),
    (RNG.uniform(-50, 50, size=31), RNG.uniform(-1, 1, size=31)),
    (np.array([0.0, 0.0, 3.0]), np.array([0.0, 0.0, -7.0])),
]


@pytest.mark.parametrize("u, v", PAIRS)
def test_coordinate_distances_match_scipy(u, v):
    assert distances.euclidean(u, v) == pytest.approx(sd.euclidean(u, v), rel=1e-12)
    assert distances.manhattan(u, v) == pytest.approx(sd.cityblock(u, v), rel=1e-12)
    for p in (1, 1.5, 2, 3, 10):
        assert distances.minkowski(u, v, p) == pytest.approx(sd.minkowski(u, v, p), rel=1e-10)


@pytest.mark.parametrize("u, v", PAIRS)
def test_cosine_matches_scipy_and_scikit_learn(u, v):
    assert distances.cosine_distance(u, v) == pytest.approx(sd.cosine(u, v), abs=1e-12)
    assert distances.cosine_similarity(u, v) == pytest.approx(sk_cosine_similarity([u], [v])[0, 0], abs=1e-12)


def test_cosine_ignores_length_but_not_direction():
    u = RNG.normal(size=6)
    assert distances.cosine_distance(u, 0.01 * u) == pytest.approx(0.0, abs=1e-12)
    assert distances.cosine_distance(u, -3 * u) == pytest.approx(2.0)
    assert distances.cosine_distance(np.array([1.0, 0.0]), np.array([0.0, 2.0])) == pytest.approx(1.0)


@pytest.mark.parametrize("u, v", PAIRS[:3])
def test_pearson_matches_scipy_stats_and_the_correlation_distance(u, v):
    assert distances.pearson_correlation(u, v) == pytest.approx(pearsonr(u, v)[0], abs=1e-12)
    assert 1 - distances.pearson_correlation(u, v) == pytest.approx(sd.correlation(u, v), abs=1e-12)


def test_mahalanobis_matches_scipy_and_is_euclidean_for_the_identity():
    cloud = RNG.multivariate_normal([0, 0, 0], [[3, 1, 0.5], [1, 2, 0.2], [0.5, 0.2, 1]], size=200)
    cov = np.cov(cloud, rowvar=False)
    u, v = cloud[0], cloud[1]
    assert distances.mahalanobis(u, v, cov) == pytest.approx(sd.mahalanobis(u, v, np.linalg.inv(cov)), rel=1e-10)
    assert distances.mahalanobis(u, v, np.eye(3)) == pytest.approx(sd.euclidean(u, v))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_jaccard_matches_scipy_and_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, 2, size=25), rng.integers(0, 2, size=25)
    assert distances.jaccard_index(a, b) == pytest.approx(jaccard_score(a, b))
    assert 1 - distances.jaccard_index(a.astype(bool), b.astype(bool)) == pytest.approx(sd.jaccard(a, b))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mutual_information_matches_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 4, size=60)
    b = np.where(rng.uniform(size=60) < 0.6, a, rng.integers(0, 3, size=60)) * 10 - 7  # related, other names
    assert distances.mutual_information(a, b) == pytest.approx(mutual_info_score(a, b), abs=1e-12)
    assert distances.mutual_information(a, a) == pytest.approx(mutual_info_score(a, a))


def test_mutual_information_of_the_notebook_examples():
    clusters = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2])
    assert distances.mutual_information(clusters, clusters) == pytest.approx(np.log(3))
    assert distances.mutual_information(clusters, np.tile([0, 1, 2], 3)) == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize("call, words", [
    (lambda: distances.euclidean(np.zeros(3), np.zeros(2)), "u and v must have the same shape"),
    (lambda: distances.manhattan([1.0, np.inf], [1.0, 2.0]), "u contains NaN or infinite"),
    (lambda: distances.minkowski(np.zeros(2), np.ones(2), 0.5), "p must be ≥ 1"),
    (lambda: distances.cosine_distance(np.zeros(3), np.ones(3)), "u is the zero vector"),
    (lambda: distances.cosine_similarity(np.ones(3), np.zeros(3)), "v is the zero vector"),
    (lambda: distances.mahalanobis(np.zeros(2), np.ones(2), np.eye(3)), r"cov must have shape \(n, n\)"),
    (lambda: distances.mahalanobis(np.zeros(2), np.ones(2), np.array([[1.0, 2.0], [0.0, 1.0]])), "cov must be symmetric"),
    (lambda: distances.mahalanobis(np.zeros(2), np.ones(2), np.array([[1.0, 2.0], [2.0, 1.0]])), "positive definite"),
    (lambda: distances.pearson_correlation(np.ones(4), np.arange(4.0)), "u is constant"),
    (lambda: distances.pearson_correlation(np.ones(1), np.ones(1)), "at least two values"),
    (lambda: distances.jaccard_index(np.array([0, 2]), np.array([0, 1])), "u must hold 0/1"),
    (lambda: distances.jaccard_index(np.zeros(3), np.zeros(3)), "both empty sets"),
    (lambda: distances.mutual_information(np.array([[0, 1]]), np.array([0, 1])), "u must be labels of shape"),
    (lambda: distances.mutual_information(np.array([0.5, np.nan]), np.array([0, 1])), "u contains NaN"),
    (lambda: distances.euclidean("abc", np.zeros(3)), "u must be a NumPy array"),
])
def test_bad_input_is_refused_with_the_argument_named(call, words):
    with pytest.raises((TypeError, ValueError), match=words):
        call()
