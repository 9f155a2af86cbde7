"""helpers.multiclass and helpers.information against SciPy and scikit-learn, their gradients, and bad input."""

import numpy as np
import pytest
from scipy.spatial.distance import jensenshannon
from scipy.special import log_softmax as scipy_log_softmax
from scipy.special import logsumexp
from scipy.special import softmax as scipy_softmax
from scipy.stats import entropy as scipy_entropy
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import hinge_loss as sklearn_hinge_loss
from sklearn.metrics import log_loss

from helpers import information, multiclass
from helpers.gradients import gradient_check, numerical_gradient, relative_error

RNG = np.random.default_rng(2026)
SCORES = RNG.normal(0.0, 3.0, size=(15, 4))
LABELS = RNG.integers(0, 4, size=15)
EXTREME = np.array([[1000.0, 999.0, 0.0], [-1000.0, -1001.0, -1002.0], [0.0, -1000.0, 5.0]])


# --- softmax and friends vs SciPy ---------------------------------------------------------------

@pytest.mark.parametrize("scores", [SCORES, EXTREME, SCORES[0], np.array([[0.0, 0.0]])], ids=["random", "extreme", "1-d", "two"])
def test_softmax_and_log_softmax_match_scipy(scores):
    np.testing.assert_allclose(multiclass.softmax(scores), scipy_softmax(scores, axis=-1), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(multiclass.log_softmax(scores), scipy_log_softmax(scores, axis=-1), rtol=1e-12)


@pytest.mark.filterwarnings("error")
def test_softmax_never_overflows_and_rows_sum_to_one():
    probs = multiclass.softmax(EXTREME)
    assert np.all(np.isfinite(probs)) and np.allclose(probs.sum(axis=1), 1.0)


def test_two_class_softmax_is_the_sigmoid():
    z = np.linspace(-30, 30, 13)
    probs = multiclass.softmax(np.column_stack([np.zeros_like(z), z]))
    np.testing.assert_allclose(probs[:, 1], 1 / (1 + np.exp(-z)), rtol=1e-12)


def test_one_hot():
    np.testing.assert_array_equal(multiclass.one_hot(np.array([2, 0, 1, 2]), 3), np.eye(3)[[2, 0, 1, 2]])


# --- cross-entropy vs SciPy and scikit-learn ----------------------------------------------------

def test_cross_entropy_from_logits_matches_logsumexp_and_log_loss():
    expected = np.mean(logsumexp(SCORES, axis=1) - SCORES[np.arange(15), LABELS])
    assert multiclass.cross_entropy_from_logits(LABELS, SCORES) == pytest.approx(expected, rel=1e-12)
    probs = scipy_softmax(SCORES, axis=1)
    assert multiclass.cross_entropy(LABELS, probs) == pytest.approx(log_loss(LABELS, probs, labels=range(4)), rel=1e-9)
    assert multiclass.cross_entropy(LABELS, probs) == pytest.approx(expected, rel=1e-9)


@pytest.mark.filterwarnings("error")
def test_cross_entropy_from_logits_is_exact_for_extreme_scores():
    value = multiclass.cross_entropy_from_logits(np.array([0, 2, 1]), EXTREME)
    expected = np.mean(logsumexp(EXTREME, axis=1) - EXTREME[np.arange(3), [0, 2, 1]])
    assert value == pytest.approx(expected, rel=1e-12)
    assert multiclass.cross_entropy_from_logits(np.array([1]), EXTREME[2:]) == pytest.approx(1005.0, rel=1e-4)


def test_cross_entropy_of_probabilities_clips_a_zero_probability():
    probs = np.array([[1.0, 0.0], [0.5, 0.5]])
    assert multiclass.cross_entropy(np.array([1, 0]), probs) == pytest.approx((-np.log(1e-12) + np.log(2)) / 2)


def test_untrained_loss_is_log_k_and_untrained_hinge_is_k_minus_1():
    y = RNG.integers(0, 10, size=20)
    assert multiclass.cross_entropy_from_logits(y, np.zeros((20, 10))) == pytest.approx(np.log(10))
    assert multiclass.hinge_loss(y, np.zeros((20, 10))) == pytest.approx(9.0)


# --- hinge vs scikit-learn ------------------------------------------------------------------------

def test_hinge_loss_matches_the_cat_example_and_scikit_learn():
    assert multiclass.hinge_loss(np.array([0]), np.array([[3.2, 5.1, -1.7]])) == pytest.approx(2.9)
    # scikit-learn's multi-class hinge_loss is Crammer–Singer (only the largest violation): equal to ours
    # when at most one wrong class violates the margin, so compare on such scores
    scores = np.array([[2.0, 1.5, -3.0], [0.0, 4.0, 0.5], [-1.0, -1.2, 0.3]])
    y = np.array([0, 1, 2])
    assert multiclass.hinge_loss(y, scores) == pytest.approx(sklearn_hinge_loss(y, scores, labels=[0, 1, 2]))


def test_hinge_loss_by_loops():
    delta = 0.7
    expected = np.mean([sum(max(0.0, s[j] - s[k] + delta) for j in range(4) if j != k) for s, k in zip(SCORES, LABELS)])
    assert multiclass.hinge_loss(LABELS, SCORES, delta=delta) == pytest.approx(expected, rel=1e-12)


# --- gradients against the numerical gradient ----------------------------------------------------

def test_cross_entropy_gradient_matches_the_numerical_gradient():
    # judged element by element against the numerical gradient's own error: an entry of 3e-6 next to
    # entries of 0.06 is rounding-limited in plain relative error (about 1e-6 here)
    result = gradient_check(lambda s: multiclass.cross_entropy_from_logits(LABELS, s), SCORES,
                            multiclass.cross_entropy_gradient(LABELS, SCORES))
    assert result.passed, result.message


def test_hinge_gradient_matches_the_numerical_gradient_away_from_kinks():
    analytic = multiclass.hinge_loss_gradient(LABELS, SCORES)
    numeric = numerical_gradient(lambda s: multiclass.hinge_loss(LABELS, s), SCORES, eps=1e-6)
    assert relative_error(analytic, numeric) < 1e-7


def test_softmax_regression_gradients_match_the_numerical_gradient_with_and_without_l2():
    X, W, b = RNG.normal(size=(12, 5)), RNG.normal(size=(5, 3)), RNG.normal(size=3)
    y = RNG.integers(0, 3, size=12)
    for lam in (0.0, 0.5):
        analytic = multiclass.softmax_regression_gradients(X, y, W, b, lam=lam)
        numeric = numerical_gradient(lambda p: multiclass.softmax_regression_loss(X, y, p["W"], p["b"], lam),
                                     {"W": W, "b": b})
        assert relative_error(analytic, numeric) < 1e-7


def test_the_regularised_minimum_is_scikit_learns():
    """λ·Σ W² on a mean loss is scikit-learn's C = 1/(2λn) on a summed loss: the same minimiser."""
    X, y = RNG.normal(size=(60, 3)), RNG.integers(0, 3, size=60)
    lam = 0.01
    reference = LogisticRegression(C=1 / (2 * lam * len(y)), tol=1e-12, max_iter=10_000).fit(X, y)
    grads = multiclass.softmax_regression_gradients(X, y, reference.coef_.T, reference.intercept_, lam=lam)
    assert np.abs(grads["W"]).max() < 1e-6 and np.abs(grads["b"]).max() < 1e-6


def test_l2_penalty_of_the_w1_w2_example():
    x = np.ones(4)
    W1, W2 = np.array([1.0, 0, 0, 0]), np.full(4, 0.25)
    assert W1 @ x == W2 @ x == 1.0
    assert multiclass.l2_penalty(W1) == 1.0 and multiclass.l2_penalty(W2) == 0.25


# --- information --------------------------------------------------------------------------------

P, Q = np.array([0.9, 0.1]), np.array([0.6, 0.4])


def test_worked_numbers_and_scipy():
    assert information.cross_entropy_of_distributions(P, Q) == pytest.approx(0.5514, abs=5e-5)
    assert information.kl_divergence(P, Q) == pytest.approx(0.2263, abs=5e-5)
    assert information.entropy(P) == pytest.approx(0.3251, abs=5e-5)
    assert information.kl_divergence(Q, P) == pytest.approx(0.3112, abs=5e-5)
    assert information.js_divergence(P, Q) == pytest.approx(0.0633, abs=5e-5)
    assert information.entropy(P) == pytest.approx(scipy_entropy(P), rel=1e-12)
    assert information.kl_divergence(P, Q) == pytest.approx(scipy_entropy(P, Q), rel=1e-12)
    assert information.js_divergence(P, Q) == pytest.approx(jensenshannon(P, Q) ** 2, rel=1e-9)


def test_identities_on_random_distributions():
    for _ in range(20):
        p, q = RNG.dirichlet(np.ones(6)), RNG.dirichlet(np.ones(6))
        h_pq = information.cross_entropy_of_distributions(p, q)
        assert h_pq == pytest.approx(information.entropy(p) + information.kl_divergence(p, q), rel=1e-12)
        assert information.kl_divergence(p, q) >= 0 and information.kl_divergence(p, p) == 0.0
        assert information.js_divergence(p, q) == pytest.approx(information.js_divergence(q, p), rel=1e-12)
        assert information.js_divergence(p, q) == pytest.approx(jensenshannon(p, q) ** 2, rel=1e-9)


def test_zeros_and_disjoint_supports():
    p, q = np.array([0.5, 0.5, 0.0, 0.0]), np.array([0.0, 0.0, 0.3, 0.7])
    assert information.entropy(np.array([1.0, 0.0])) == 0.0  # 0·log 0 = 0
    assert information.kl_divergence(p, q) == np.inf and information.cross_entropy_of_distributions(p, q) == np.inf
    assert information.js_divergence(p, q) == pytest.approx(np.log(2))


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("call, error, words", [
    (lambda: multiclass.cross_entropy_from_logits(np.array([0, 3]), np.zeros((2, 3))), ValueError,
     "y must hold class indices between 0 and 2"),
    (lambda: multiclass.cross_entropy_from_logits(np.array([0, -1]), np.zeros((2, 3))), ValueError, "between 0 and 2"),
    (lambda: multiclass.cross_entropy_from_logits(np.eye(3)[[0, 1]], np.zeros((2, 3))), ValueError, "one-hot rows?"),
    (lambda: multiclass.cross_entropy_from_logits(np.array([0, 1, 2]), np.zeros((2, 3))), ValueError,
     "one label per sample"),
    (lambda: multiclass.cross_entropy_from_logits(np.array([0.5]), np.zeros((1, 3))), ValueError, "whole class indices"),
    (lambda: multiclass.cross_entropy_from_logits(np.array([0]), np.array([[0.0, np.nan]])), ValueError,
     "scores contains NaN"),
    (lambda: multiclass.cross_entropy_from_logits(np.array([0]), np.zeros(3)), ValueError, "scores must be shape (n, K)"),
    (lambda: multiclass.cross_entropy_from_logits(np.array([], dtype=int), np.zeros((0, 3))), ValueError, "empty"),
    (lambda: multiclass.cross_entropy_from_logits(np.array(["a"]), np.zeros((1, 3))), TypeError, "y must hold integer"),
    (lambda: multiclass.cross_entropy(np.array([0]), np.array([[0.5, 0.6]])), ValueError, "probs must sum to 1"),
    (lambda: multiclass.cross_entropy(np.array([0]), np.array([[2.0, -1.0]])), ValueError, "pass them through softmax"),
    (lambda: multiclass.hinge_loss(np.array([0]), np.zeros((1, 3)), delta=-1.0), ValueError, "delta is a margin"),
    (lambda: multiclass.softmax("abc"), TypeError, "scores must be a NumPy array"),
    (lambda: multiclass.softmax(np.zeros((2, 2, 2))), ValueError, "scores must be shape (K,) or (n, K)"),
    (lambda: multiclass.one_hot(np.array([0, 1]), 1), ValueError, "n_classes must be a whole number ≥ 2"),
    (lambda: multiclass.linear_scores(np.zeros((4, 3)), np.zeros((2, 5)), np.zeros(5)), ValueError,
     "W must have 3 rows"),
    (lambda: multiclass.linear_scores(np.zeros((4, 3)), np.zeros((3, 5)), np.zeros(4)), ValueError,
     "b must be shape (5,)"),
    (lambda: multiclass.softmax_regression_loss(np.zeros((2, 1)), np.array([0, 1]), np.zeros((1, 2)), np.zeros(2),
                                                lam=-1.0), ValueError, "lam (the regularisation strength λ) must be ≥ 0"),
    (lambda: information.kl_divergence(P, np.array([0.2, 0.3, 0.5])), ValueError, "p and q must have the same shape"),
    (lambda: information.kl_divergence(P, np.array([0.6, 0.5])), ValueError, "q must sum to 1"),
    (lambda: information.entropy(np.array([1.2, -0.2])), ValueError, "p must hold probabilities between 0 and 1"),
    (lambda: information.entropy(np.array([np.nan, 1.0])), ValueError, "p contains NaN"),
    (lambda: information.js_divergence(P, 0.5), ValueError, "q must be an array of probabilities"),
])
def test_bad_input_is_refused_clearly(call, error, words):
    with pytest.raises(error) as caught:
        call()
    assert words in str(caught.value), str(caught.value)
