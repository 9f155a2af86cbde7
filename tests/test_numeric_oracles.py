"""Issue 25: the helpers of notebooks 06–08 at the edges of float64, against independent oracles.

Each case is one the issue found returning inf, NaN, 0 or a misleading error where the answer
is an ordinary number (or a clear refusal); the correct value comes from SciPy, scikit-learn or
exact arithmetic (``decimal`` with 60 digits).
"""

import inspect
import warnings
from decimal import Decimal, getcontext

import numpy as np
import pytest
import scipy.spatial.distance as sd
from scipy.special import entr
from scipy.special import softmax as scipy_softmax
from scipy.stats import linregress, pearsonr
from sklearn.metrics import accuracy_score, jaccard_score, mutual_info_score

from helpers import distances, images, information, multiclass, network
from helpers import regression_losses as rl
from helpers.gradients import gradient_check
from helpers.playground import Playground

getcontext().prec = 60

U, V = np.array([1.0, -2.0, 3.5, 0.0]), np.array([2.0, 0.5, 3.0, -1.0])   # notebook 08's u and v


def _exact_minkowski(u, v, p: int) -> float:
    total = sum(abs(Decimal(a) - Decimal(b)) ** p for a, b in zip(u, v))
    return float(total ** (Decimal(1) / Decimal(p)))


def _quietly(call):
    """call() with every warning an error: the course's own settings for helpers."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return call()


# --- distances ---

@pytest.mark.parametrize("p", [1, 2, 3, 50, 1000])
def test_minkowski_for_large_p_against_exact_arithmetic(p):
    assert distances.minkowski(U, V, p) == pytest.approx(_exact_minkowski(U, V, p), rel=1e-12)
    assert distances.minkowski(U, V, 1000) == pytest.approx(2.5, rel=1e-3)


def test_minkowski_of_one_coordinate_and_p_infinity():
    assert distances.minkowski([0.5], [0.0], 1100) == pytest.approx(0.5)
    assert distances.minkowski(U, V, np.inf) == sd.chebyshev(U, V) == 2.5


@pytest.mark.parametrize("call, expected", [
    (lambda: distances.euclidean([1e160], [0.0]), 1e160),
    (lambda: distances.euclidean([3e-200, 4e-200], [0.0, 0.0]), 5e-200),
    (lambda: distances.cosine_similarity([1e200] * 2, [1e200] * 2), 1.0),
    (lambda: distances.cosine_similarity([1e-160], [1e160]), 1.0),
    (lambda: distances.pearson_correlation([0.0, 1e200, 3e200], [1.0, 2.0, 3.0]),
     pearsonr([0.0, 1.0, 3.0], [1.0, 2.0, 3.0])[0]),
])
def test_huge_and_tiny_vectors(call, expected):
    assert _quietly(call) == pytest.approx(expected, rel=1e-12, abs=0)


def test_tiny_vectors_are_not_the_zero_vector():
    u, v = np.array([1.0, 2.0, -0.5]), np.array([0.3, -1.0, 2.0])
    assert distances.cosine_similarity(u * 1e-170, v * 1e-170) == pytest.approx(1 - sd.cosine(u, v), rel=1e-12)
    assert distances.pearson_correlation(u * 1e-170, v * 1e-170) == pytest.approx(pearsonr(u, v)[0], rel=1e-12)


def test_mahalanobis_refuses_a_clearly_non_symmetric_covariance():
    with pytest.raises(ValueError, match="cov must be symmetric"):
        distances.mahalanobis([1.0, 0.0], [0.0, 0.0], [[1e-9, 1e-9], [0.0, 1e-9]])
    cov = np.array([[2e-9, 0.5e-9], [0.5e-9, 1e-9]])   # symmetric and tiny: fine
    assert distances.mahalanobis([1.0, 0.0], [0.0, 0.0], cov) == pytest.approx(
        sd.mahalanobis([1.0, 0.0], [0.0, 0.0], np.linalg.inv(cov)))


def test_jaccard_takes_a_list_of_booleans():
    a, b = [True, False, True, True], [True, True, False, True]
    assert distances.jaccard_index(a, b) == pytest.approx(jaccard_score(a, b))


@pytest.mark.parametrize("u, v", [
    (["cat", "dog", "cat", "bird", "dog", "cat"], [0, 1, 0, 1, 1, 0]),
    ([0.5, 1.5, 0.5, 2.5, 1.5, 0.5], ["x", "y", "x", "y", "y", "y"]),
])
def test_mutual_information_of_string_labels_and_float_codes(u, v):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # scikit-learn warns that float codes look continuous
        expected = mutual_info_score(u, v)
    assert distances.mutual_information(u, v) == pytest.approx(expected, abs=1e-12)


# --- regression losses ---

def test_irls_far_from_the_origin():
    assert rl.fit_line_irls(1e8 + np.arange(3.0), np.arange(3.0)) == pytest.approx((1.0, -1e8), rel=1e-9)
    x = 1.7e9 + np.arange(10.0)
    y = 2.0 * np.arange(10.0) + 1.0
    least = linregress(x, y)
    assert rl.fit_line_irls(x, y) == pytest.approx((least.slope, least.intercept), rel=1e-9)
    w, b = rl.fit_line_irls(x, y, delta=0.5)
    assert w == pytest.approx(2.0, rel=1e-9) and b == pytest.approx(least.intercept, rel=1e-9)


def test_cauchy_at_the_edges_of_float64():
    assert _quietly(lambda: rl.cauchy_loss(1e200, 1.0)) == pytest.approx(200 * np.log(10), rel=1e-12)  # 460.517
    assert _quietly(lambda: rl.cauchy_loss(1.0, 1e-200)) == 0.0   # ½c²·log(1 + 1e400) ≈ 5e-398 underflows to 0
    assert _quietly(lambda: rl.cauchy_derivative(1e200, 1.0)) == pytest.approx(1e-200, rel=1e-12, abs=0)
    a = np.array([-30.0, -1.0, 0.0, 0.3, 2.0, 1e3])
    np.testing.assert_allclose(rl.cauchy_loss(a, 2.0), 2.0 * np.log1p((a / 2.0) ** 2), rtol=1e-13)
    np.testing.assert_allclose(rl.cauchy_derivative(a, 2.0), a / (1 + (a / 2.0) ** 2), rtol=1e-13)


def test_huber_of_a_huge_residual_without_a_warning():
    assert _quietly(lambda: rl.huber_loss(1e200, 1.0)) == pytest.approx(1e200)
    a = np.array([-3.0, -1.0, -0.2, 0.0, 0.7, 1.0, 5.0])
    np.testing.assert_allclose(rl.huber_loss(a, 1.0),
                               np.where(np.abs(a) <= 1, 0.5 * a**2, np.abs(a) - 0.5), rtol=1e-15)


# --- images ---

def test_total_variation_gradient_with_a_vanishing_eps():
    assert np.array_equal(_quietly(lambda: images.total_variation_gradient(np.ones((3, 3)), eps=1e-200)),
                          np.zeros((3, 3)))


def test_total_variation_and_its_gradient_share_one_default_eps():
    value = inspect.signature(images.total_variation).parameters["eps"].default
    gradient = inspect.signature(images.total_variation_gradient).parameters["eps"].default
    assert value == gradient


def test_total_variation_with_beta_above_1_is_differentiable_where_neighbours_are_equal():
    image = np.random.default_rng(0).normal(size=(4, 5))
    image[1, 2] = image[2, 1] = image[1, 1]   # pixel (1, 1) equals its neighbours: r = 0 there
    grad = _quietly(lambda: images.total_variation_gradient(image, beta=1.5, eps=0.0))
    result = gradient_check(lambda p: images.total_variation(p, beta=1.5), image, grad)
    assert result.passed, result.message
    with pytest.raises(ValueError, match="eps must be > 0 for beta ≤ 1"):
        images.total_variation_gradient(image, beta=1.0, eps=0.0)


# --- softmax, labels, hinge, distributions ---

def test_softmax_of_a_gap_beyond_float_range_without_a_warning():
    assert np.array_equal(_quietly(lambda: multiclass.softmax([1.7e308, -1.7e308])), [1.0, 0.0])
    scores = np.array([[1000.0, -1000.0, 3.0], [0.1, 0.2, 0.3]])
    np.testing.assert_allclose(multiclass.softmax(scores), scipy_softmax(scores, axis=1), rtol=1e-14)


def test_huge_labels_are_reported_as_they_are():
    with pytest.raises(ValueError, match=r"from 0 to 1e\+20") as error:
        multiclass.cross_entropy_from_logits(np.array([0.0, 1e20]), np.zeros((2, 3)))
    assert "-9223372036854775808" not in str(error.value)


def test_hinge_gradient_refuses_a_negative_margin_like_the_loss():
    y, s = np.array([0, 1]), np.array([[1.0, 2.0], [0.5, 0.1]])
    for function in (multiclass.hinge_loss, multiclass.hinge_loss_gradient):
        with pytest.raises(ValueError, match="delta is a margin and must be ≥ 0"):
            function(y, s, delta=-1)


@pytest.mark.parametrize("K", [3, 10, 50])
def test_float16_distributions_are_accepted(K):
    s = np.random.default_rng(K).normal(0, 2, K).astype(np.float16)
    p = np.exp(s - s.max())
    p = p / p.sum()
    assert p.dtype == np.float16 and abs(float(p.astype(float).sum()) - 1) > 1e-6   # the old tolerance
    assert information.entropy(p) == pytest.approx(np.sum(entr(p.astype(float))), rel=1e-12)   # not renormalised
    with pytest.raises(ValueError, match="must sum to 1"):
        information.entropy(np.array([0.5, 0.6], dtype=np.float16))
    with pytest.raises(ValueError, match="must sum to 1"):
        information.entropy(np.array([0.5, 0.5001]))   # float64 keeps its 1e-6


# --- the network and the playground ---

def _network():
    X = np.random.default_rng(0).normal(size=(4, 2))
    return network.init_params(2, 3), X, np.array([0.0, 1.0, 1.0, 0.0])


@pytest.mark.parametrize("key, value", [("W1", np.full((2, 3), np.nan)), ("b2", np.array([np.inf]))])
def test_a_non_finite_parameter_is_named(key, value):
    params, X, y = _network()
    params[key] = value
    for call in (lambda: network.forward(params, X), lambda: network.gradients(params, X, y),
                 lambda: network.descend(params, X, y, 0.1, 5)):
        with pytest.raises(ValueError, match=rf"params\['{key}'\] contains NaN or infinite") as error:
            call()
        assert "learning rate" not in str(error.value)


def test_a_bias_of_the_wrong_shape_is_named():
    params, X, y = _network()
    params["b1"] = np.zeros((1, 3))
    with pytest.raises(ValueError, match=r"params\['b1'\] has shape \(1, 3\), expected \(3,\)"):
        network.forward(params, X)


def test_accuracy_refuses_soft_labels_as_scikit_learn_does():
    params, X, _ = _network()
    with pytest.raises(ValueError):
        accuracy_score([0.7, 0.3], [1, 0])
    with pytest.raises(ValueError, match="exactly 0 or 1"):
        network.accuracy(params, X[:2], [0.7, 0.3])


@pytest.mark.parametrize("kwargs, words", [({"n": 1}, "n must be at least 4"), ({"seed": -1}, "seed must be ≥ 0"),
                                           ({"seed": 1.5}, "seed must be a whole number")])
def test_playground_names_its_bad_argument(kwargs, words):
    with pytest.raises((TypeError, ValueError), match=words):
        Playground(**kwargs)
