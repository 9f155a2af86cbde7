"""Checks of notebooks 04 and 05: each passes the right answer and names plausible wrong ones."""

import numpy as np
from sklearn.metrics import log_loss
import pytest
from scipy.special import xlogy

from helpers import checks, data, landscape, losses, models

from .check_contract import contract_tests, run


def right_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def right_bce(y, y_hat):
    p = np.clip(y_hat, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def right_bce_shifted(y, y_hat):  # log(ŷ + ε) instead of clipping: the same numbers with ε = 1e-12
    return float(-np.mean(y * np.log(y_hat + 1e-12) + (1 - y) * np.log(1 - y_hat + 1e-12)))


def right_bce_maximum(y, y_hat):  # each log's argument kept at or above ε = 1e-12
    return float(-np.mean(y * np.log(np.maximum(y_hat, 1e-12)) + (1 - y) * np.log(np.maximum(1 - y_hat, 1e-12))))


def right_sigmoid_tanh(z):  # σ(z) = (1 + tanh(z/2)) / 2: no overflow at all
    return 0.5 * (1.0 + np.tanh(z / 2))


def right_sigmoid_two_branches(z):  # the stable form with np.where (both branches are computed: warnings only)
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def right_gradients(x, y, w, b):
    error = right_sigmoid(w * x + b) - y
    return {"w": float(np.mean(error * x)), "b": float(np.mean(error))}


def right_standardize(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def right_loss_on_grid(loss, w1s, w2s):
    W1, W2 = np.meshgrid(w1s, w2s)
    Z = np.empty(W1.shape)
    for i in range(W1.shape[0]):
        for j in range(W1.shape[1]):
            Z[i, j] = loss(W1[i, j], W2[i, j])
    return Z


def right_loss_on_grid_loops(loss, w1s, w2s):
    return np.array([[loss(w1, w2) for w1 in w1s] for w2 in w2s])


CHECKS = [
    (checks.check_sigmoid, right_sigmoid, models.sigmoid),
    (checks.check_sigmoid, right_sigmoid_tanh, models.sigmoid),
    (checks.check_sigmoid, right_sigmoid_two_branches, models.sigmoid),
    (checks.check_binary_cross_entropy, right_bce, losses.binary_cross_entropy),
    (checks.check_binary_cross_entropy, right_bce_shifted, losses.binary_cross_entropy),
    (checks.check_binary_cross_entropy, right_bce_maximum, losses.binary_cross_entropy),
    (checks.check_logistic_gradients, right_gradients, models.logistic_gradients),
    (checks.check_standardize, right_standardize, data.standardize),
    (checks.check_loss_on_grid, right_loss_on_grid, landscape.loss_grid),
    (checks.check_loss_on_grid, right_loss_on_grid_loops, landscape.loss_grid),
]


(
    test_right_answer_passes_and_is_used,
    test_reference_passes_its_own_cases,
    test_stub_and_reruns_fall_back_to_the_reference,
    test_cases_defeat_pattern_matching_answers,
) = contract_tests(CHECKS)


# --- sigmoid -------------------------------------------------------------------------

MINUS_Z = "you computed σ(−z) = 1 − σ(z)"

WRONG_SIGMOID = [
    (lambda z: 1 / (1 + np.exp(z)), MINUS_Z),
    (lambda z: 1 - 1 / (1 + np.exp(-z)), MINUS_Z),
    (lambda z: np.exp(-z) / (1 + np.exp(-z)), MINUS_Z),  # e^(−z) on top: nan at z = −1000 as well
    # σ(z) on paper, but inf/inf = nan at z = 1000
    (lambda z: np.exp(z) / (1 + np.exp(z)), "np.exp(1000) overflows to inf"),
    (lambda z: np.exp(z) / (np.exp(z) + 1), "np.exp(1000) overflows to inf"),
    (lambda z: np.exp(-z), "e^(−z) alone"),
    (lambda z: 1 / np.exp(-z), "left out the 1 +"),
    (lambda z: 1 / (1 - np.exp(-z)), "subtracted in the denominator"),
    (lambda z: (z >= 0).astype(float), "hard 0/1 labels"),
    (lambda z: np.tanh(z), "that is tanh(z)"),
    (lambda z: 1 / (1 + np.exp(-z)) + 0.1, "expected"),  # unnamed: the generic value message
    (lambda z: list(1 / (1 + np.exp(-z))), "expected a NumPy array"),
    (lambda z: float(np.mean(1 / (1 + np.exp(-z)))), "expected a NumPy array"),
    (lambda z: (1 / (1 + np.exp(-z))).ravel(), "has shape (4,) but expected (2, 2)"),
    (lambda z: None, "forget the `return`"),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, words", WRONG_SIGMOID)
def test_wrong_sigmoid_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_sigmoid, wrong, capsys)
    assert used is models.sigmoid, out
    assert "not right yet" in out and words in out, out


def test_sigmoid_minus_z_message_names_the_shape_of_the_slip(capsys):
    _, out = run(checks.check_sigmoid, lambda z: np.exp(-z) / (1 + np.exp(-z)), capsys)
    assert "e^(−z) on top" in out and "e^(+z) in place of e^(−z)" in out, out
    assert "you wrote e^(+z)" not in out


def test_overflowing_sigmoid_fails_on_the_large_scores_and_says_why(capsys):
    _, out = run(checks.check_sigmoid, lambda z: np.exp(z) / (1 + np.exp(z)), capsys)
    assert "for very large scores z = [-1000, -40, 0, 40, 1000]" in out, out
    assert "inf/inf = nan" in out and "1/(1 + np.exp(-z))" in out, out


@pytest.mark.filterwarnings("error")  # the overflow warning of the plain formula must stay inside the check
def test_plain_sigmoid_passes_the_large_scores_without_leaking_its_overflow_warning(capsys):
    with np.errstate(over="warn"):
        used, out = run(checks.check_sigmoid, right_sigmoid, capsys)
    assert used is right_sigmoid and out.startswith("✓"), out
    with np.errstate(over="ignore"):
        np.testing.assert_array_equal(right_sigmoid(np.array([-1000.0, 1000.0])), [0.0, 1.0])


def test_sigmoid_in_place_is_caught(capsys):
    def in_place(z):
        z *= -1
        return 1 / (1 + np.exp(z))

    used, out = run(checks.check_sigmoid, in_place, capsys)
    assert used is models.sigmoid and "changed its inputs in place" in out


# --- binary cross-entropy ------------------------------------------------------------

def clip(p):
    return np.clip(p, 1e-12, 1 - 1e-12)


WRONG_BCE = [
    # the slips the issue names
    (lambda y, p: float(np.mean(y * np.log(clip(p)) + (1 - y) * np.log(1 - clip(p)))), "left out the minus sign"),
    (lambda y, p: float(-np.sum(y * np.log(clip(p)) + (1 - y) * np.log(1 - clip(p)))), "summed over the samples"),
    (lambda y, p: float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))), "log(0) = −inf"),
    # more slips, each named
    (lambda y, p: float(-np.mean((1 - y) * np.log(clip(p)) + y * np.log(1 - clip(p)))), "swapped y and 1 − y"),
    (lambda y, p: float(-np.mean(y * np.log10(clip(p)) + (1 - y) * np.log10(1 - clip(p)))), "log10"),
    (lambda y, p: float(-np.mean(y * np.log(clip(p)))), "left out the (1 − y)·log(1 − ŷ) term"),
    (lambda y, p: float(-np.mean((1 - y) * np.log(1 - clip(p)))), "left out the y·log ŷ term"),
    (lambda y, p: float(-np.mean(y * np.log(clip(p)) + (1 - y) * np.log(clip(p)))), "log ŷ in both terms"),
    (lambda y, p: float(-np.mean(p * np.log(clip(y)) + (1 - p) * np.log(1 - clip(y)))), "swapped the arguments"),
    (lambda y, p: float(np.mean((y - p) ** 2)), "mean squared error"),
    # two slips at once: the formula's slip is named, and log(0) too
    (lambda y, p: float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))), "left out the minus sign"),
    (lambda y, p: float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))), "Also: ŷ of exactly 0 or 1"),
    (lambda y, p: float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))), "summed over the samples"),
    (lambda y, p: float(-np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p))), "log10"),
    # type and shape problems
    (lambda y, p: -(y * np.log(clip(p)) + (1 - y) * np.log(1 - clip(p))), "forget to average"),
    (lambda y, p: None, "forget the `return`"),
    (lambda y, p: str(right_bce(y, p)), "expected a single number"),
    # a slip no mistake describes: the generic value message, never a wrong name
    (lambda y, p: right_bce(y, p) * 1.5, "expected"),
    # no clipping, the log(0) repaired afterwards or avoided for the inactive term only: fine on a perfect
    # prediction, but a confidently wrong one (y = 1, ŷ = 0) is inf or astronomically large
    (lambda y, p: float(-np.mean(np.nan_to_num(y * np.log(p) + (1 - y) * np.log(1 - p)))), "np.nan_to_num"),
    (lambda y, p: float(-np.mean(y * np.nan_to_num(np.log(p)) + (1 - y) * np.nan_to_num(np.log(1 - p)))),
     "np.nan_to_num"),
    (lambda y, p: float(-np.mean(np.where(y == 1, np.log(p), np.log(1 - p)))), "np.where"),
    (lambda y, p: float(-np.mean(np.where(y == 1, np.log(p), np.log(1 - p)))), "any ε from 1e-15 to 1e-6"),
    (lambda y, p: float(-np.mean(xlogy(y, p) + xlogy(1 - y, 1 - p))), "xlogy"),
    # an ε so coarse that it changes the answers
    (lambda y, p: losses.binary_cross_entropy(y, p, eps=1e-5), "you clipped with ε = 1e-05"),
    (lambda y, p: losses.binary_cross_entropy(y, p, eps=1e-2), "you clipped with ε = 0.01"),
    (lambda y, p: losses.binary_cross_entropy(y, p, eps=3e-5), "yours corresponds to a coarse ε"),
    (lambda y, p: float(-np.mean(y * np.log(np.maximum(p, 1e-20)) + (1 - y) * np.log(np.maximum(1 - p, 1e-20)))),
     "beyond −log ε for any sensible ε"),
    (lambda y, p: losses.binary_cross_entropy(y, p, eps=1e-300), "did you take log(0)"),  # 1 − 1e-300 == 1
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, words", WRONG_BCE)
def test_wrong_bce_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_binary_cross_entropy, wrong, capsys)
    assert used is losses.binary_cross_entropy, out
    assert "not right yet" in out and words in out, out


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_bce_generic_slip_is_not_misnamed(capsys):
    _, out = run(checks.check_binary_cross_entropy, lambda y, p: right_bce(y, p) * 1.5, capsys)
    for name in ("minus sign", "summed", "swapped", "log10", "left out", "mean squared error", "log(0)"):
        assert name not in out, out


@pytest.mark.filterwarnings("error")  # huge values from np.nan_to_num must not leak an overflow warning
def test_bce_confidently_wrong_case_gives_the_finite_clipped_loss(capsys):
    used, out = run(checks.check_binary_cross_entropy,
                    lambda y, p: float(-np.mean(np.nan_to_num(y * np.log(p) + (1 - y) * np.log(1 - p)))), capsys)
    assert used is losses.binary_cross_entropy
    assert "a confidently wrong prediction and a perfect one" in out and "27.63" in out, out
    assert right_bce(np.array([1.0]), np.array([0.0])) == pytest.approx(-np.log(1e-12))


def _clipped_bce(eps):
    def binary_cross_entropy(y, y_hat):
        p = np.clip(y_hat, eps, 1 - eps)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    return binary_cross_entropy


@pytest.mark.parametrize("answer", [
    _clipped_bce(1e-15), _clipped_bce(np.finfo(float).eps), _clipped_bce(1e-12), _clipped_bce(3e-12),
    _clipped_bce(1e-9), _clipped_bce(1e-7), _clipped_bce(1e-6),  # Keras' ε, and the notebook's coarser example
    lambda y, y_hat: log_loss(y, y_hat),  # scikit-learn clips at the machine epsilon
    lambda y, y_hat: log_loss(y, y_hat, labels=[0, 1]),
], ids=["1e-15", "machine-eps", "1e-12", "3e-12", "1e-9", "keras-1e-7", "1e-6", "log_loss", "log_loss-labels"])
def test_bce_accepts_every_reasonable_clipping_and_the_library_call(answer, capsys):
    used, out = run(checks.check_binary_cross_entropy, answer, capsys)
    assert used is answer and out.startswith("✓"), out


def test_bce_clipping_far_too_coarse_is_caught(capsys):
    def coarse(y, y_hat):
        p = np.clip(y_hat, 0.01, 0.99)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    used, out = run(checks.check_binary_cross_entropy, coarse, capsys)
    assert used is losses.binary_cross_entropy and "perfect predictions" in out, out


# --- logistic gradients --------------------------------------------------------------

def gradients_from(dw, db):
    def gradients(x, y, w, b):
        z = w * x + b
        p = right_sigmoid(z)
        return {"w": dw(x, y, p, z), "b": db(x, y, p, z)}
    return gradients


WRONG_GRADIENTS = [
    (gradients_from(lambda x, y, p, z: np.mean((y - p) * x), lambda x, y, p, z: np.mean(y - p)), "signs are flipped"),
    (gradients_from(lambda x, y, p, z: np.sum((p - y) * x), lambda x, y, p, z: np.sum(p - y)), "summed over the samples"),
    (gradients_from(lambda x, y, p, z: np.mean(p - y), lambda x, y, p, z: np.mean(p - y)), "missing the factor x"),
    (gradients_from(lambda x, y, p, z: np.mean((p - y) * x), lambda x, y, p, z: np.mean((p - y) * x)),
     "should not be multiplied by x"),
    (gradients_from(lambda x, y, p, z: np.mean((z - y) * x), lambda x, y, p, z: np.mean(z - y)), "you used z where"),
    (gradients_from(lambda x, y, p, z: np.mean(2 * (p - y) * p * (1 - p) * x),
                    lambda x, y, p, z: np.mean(2 * (p - y) * p * (1 - p))), "mean squared error"),
    (gradients_from(lambda x, y, p, z: np.mean(p - y), lambda x, y, p, z: np.mean((p - y) * x)), "swapped the two"),
    (lambda x, y, w, b: {"dw": 0.0, "db": 0.0}, "has keys ['db', 'dw'], expected ['b', 'w']"),
    (lambda x, y, w, b: (0.0, 0.0), "expected a dict with keys ['b', 'w']"),
    (lambda x, y, w, b: {"w": (right_sigmoid(w * x + b) - y) * x, "b": 0.0}, "average them (np.mean)"),
]


@pytest.mark.parametrize("wrong, words", WRONG_GRADIENTS)
def test_wrong_gradients_are_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_logistic_gradients, wrong, capsys)
    assert used is models.logistic_gradients, out
    assert "not right yet" in out and words in out, out


# --- standardize ---------------------------------------------------------------------

WRONG_STANDARDIZE = [
    (lambda X: (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True), "standardised each row"),
    (lambda X: (X - X.mean()) / X.std(), "of the whole array"),
    (lambda X: X / X.std(axis=0), "did not subtract the mean"),
    (lambda X: X - X.mean(axis=0), "did not divide by the standard deviation"),
    (lambda X: (X - X.mean(axis=0)) / X.var(axis=0), "divided by the variance"),
    (lambda X: (X - X.mean(axis=0)) / X.std(axis=0, ddof=1), "ddof=1"),
    (lambda X: (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0)), "min-max scaling"),
    # per row without keepdims: NumPy's broadcasting error on most shapes, named as the axis slip
    (lambda X: (X - X.mean(axis=1)) / X.std(axis=1), "use axis=0"),
    (lambda X: (X - X.mean(1)) / X.std(1), "use axis=0"),
    (lambda X: (X - X.mean(axis=1)) / X.std(axis=0), "use axis=0"),
    (lambda X: (X - X.mean(axis=0)) / X.std(axis=1), "use axis=0"),
    (lambda X: ((X - X.mean(axis=0)) / X.std(axis=0)).T, "has shape (2, 3) but expected (3, 2)"),
]


@pytest.mark.parametrize("wrong, words", WRONG_STANDARDIZE)
def test_wrong_standardize_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_standardize, wrong, capsys)
    assert used is data.standardize, out
    assert "not right yet" in out and words in out, out


def test_standardize_per_row_without_keepdims_is_not_blamed_on_an_outside_variable(capsys):
    _, out = run(checks.check_standardize, lambda X: (X - X.mean(axis=1)) / X.std(axis=1), capsys)
    assert "each row (axis=1)" in out and "could not be broadcast" in out and "use axis=0" in out, out
    assert "variable from outside" not in out, out


def test_standardize_in_place_is_caught(capsys):
    def in_place(X):
        X -= X.mean(axis=0)
        X /= X.std(axis=0)
        return X

    used, out = run(checks.check_standardize, in_place, capsys)
    assert used is data.standardize and "changed its inputs in place" in out


# --- loss on a grid ------------------------------------------------------------------

WRONG_GRID = [
    (lambda loss, a, b: right_loss_on_grid(loss, a, b).T, "Z is transposed"),
    (lambda loss, a, b: np.array([[loss(w1, w2) for w2 in b] for w1 in a]), "Z is transposed"),
    (lambda loss, a, b: right_loss_on_grid(lambda u, v: loss(v, u), a, b), "you called loss(w2, w1)"),
    (lambda loss, a, b: loss(*np.meshgrid(a, b)), "one pair of numbers (w1, w2) per call"),
    (lambda loss, a, b: np.array([loss(u, v) for u, v in zip(a, b)]), "expected (4, 3)"),
]


@pytest.mark.parametrize("wrong, words", WRONG_GRID)
def test_wrong_loss_on_grid_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_loss_on_grid, wrong, capsys)
    assert used is landscape.loss_grid, out
    assert "not right yet" in out and words in out, out
