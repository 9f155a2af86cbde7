"""Checks of notebook 06: each passes right answers (plain and creative) and names plausible wrong ones."""

import numpy as np
import pytest
from scipy.special import log_softmax as scipy_log_softmax
from scipy.special import logsumexp
from scipy.special import softmax as scipy_softmax

from helpers import checks, information, multiclass

from .check_contract import contract_tests, run


# --- right answers ---------------------------------------------------------------------------

def right_softmax(scores):
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def right_softmax_scipy(scores):  # a creative one: SciPy's softmax over the right axis
    return scipy_softmax(scores, axis=1)


def right_softmax_logsumexp(scores):  # e^(s − logsumexp(s))
    return np.exp(scores - logsumexp(scores, axis=-1, keepdims=True))


def right_cross_entropy(y, scores):
    m = scores.max(axis=1, keepdims=True)
    log_probs = scores - m - np.log(np.exp(scores - m).sum(axis=1, keepdims=True))
    return float(-np.mean(log_probs[np.arange(len(y)), y]))


def right_cross_entropy_loop(y, scores):  # one sample at a time, with the max added back
    total = 0.0
    for label, row in zip(y, scores):
        m = row.max()
        total += m + np.log(np.sum(np.exp(row - m))) - row[label]
    return total / len(y)


def right_cross_entropy_one_hot(y, scores):  # builds one-hot rows and sums them against log p
    onehot = np.eye(scores.shape[1])[y]
    return float(-np.sum(onehot * scipy_log_softmax(scores, axis=1)) / len(y))


def right_gradient(y, scores):
    p = right_softmax(scores)
    p[np.arange(len(y)), y] -= 1
    return p / len(y)


def right_gradient_eye(y, scores):
    return (scipy_softmax(scores, axis=1) - np.eye(scores.shape[1])[y]) / scores.shape[0]


def right_hinge(y, scores, delta=1.0):
    n = len(y)
    margins = np.maximum(0, scores - scores[np.arange(n), y][:, None] + delta)
    margins[np.arange(n), y] = 0
    return float(margins.sum() / n)


def right_hinge_loops(y, scores, delta=1.0):  # CS231n's naive loop
    loss = 0.0
    for i in range(len(y)):
        for j in range(scores.shape[1]):
            if j != y[i]:
                loss += max(0.0, scores[i, j] - scores[i, y[i]] + delta)
    return loss / len(y)


def right_hinge_subtract_delta(y, scores, delta=1.0):  # all classes, then take away the Δ of the true class
    margins = np.maximum(0, scores - scores[np.arange(len(y)), y][:, None] + delta)
    return float(np.mean(margins.sum(axis=1) - delta))


def right_regression_gradients(X, y, W, b, lam):
    G = right_gradient(y, X @ W + b)
    return {"W": X.T @ G + 2 * lam * W, "b": G.sum(axis=0)}


def right_regression_gradients_mean(X, y, W, b, lam):  # (p − onehot) without 1/n, then means
    diff = right_softmax(X @ W + b) - np.eye(W.shape[1])[y]
    return {"W": X.T @ diff / len(y) + lam * 2 * W, "b": diff.mean(axis=0)}


CHECKS = [
    (checks.check_softmax, right_softmax, multiclass.softmax),
    (checks.check_softmax, right_softmax_scipy, multiclass.softmax),
    (checks.check_softmax, right_softmax_logsumexp, multiclass.softmax),
    (checks.check_cross_entropy_from_logits, right_cross_entropy, multiclass.cross_entropy_from_logits),
    (checks.check_cross_entropy_from_logits, right_cross_entropy_loop, multiclass.cross_entropy_from_logits),
    (checks.check_cross_entropy_from_logits, right_cross_entropy_one_hot, multiclass.cross_entropy_from_logits),
    (checks.check_cross_entropy_gradient, right_gradient, multiclass.cross_entropy_gradient),
    (checks.check_cross_entropy_gradient, right_gradient_eye, multiclass.cross_entropy_gradient),
    (checks.check_hinge_loss, right_hinge, multiclass.hinge_loss),
    (checks.check_hinge_loss, right_hinge_loops, multiclass.hinge_loss),
    (checks.check_hinge_loss, right_hinge_subtract_delta, multiclass.hinge_loss),
    (checks.check_softmax_regression_gradients, right_regression_gradients, multiclass.softmax_regression_gradients),
    (checks.check_softmax_regression_gradients, right_regression_gradients_mean,
     multiclass.softmax_regression_gradients),
]

(
    test_right_answer_passes_and_is_used,
    test_reference_passes_its_own_cases,
    test_stub_and_reruns_fall_back_to_the_reference,
    test_cases_defeat_pattern_matching_answers,
) = contract_tests(CHECKS)


def assert_named(check, wrong, words, reference, capsys):
    used, out = run(check, wrong, capsys)
    assert used is reference, out
    assert "not right yet" in out and words in out, out


# --- softmax -----------------------------------------------------------------------------------

def softmax_axis(scores, max_axis, sum_axis, keepdims=True):
    e = np.exp(scores - scores.max(axis=max_axis, keepdims=keepdims))
    return e / e.sum(axis=sum_axis, keepdims=keepdims)


WRONG_SOFTMAX = [
    (lambda s: np.exp(s) / np.exp(s).sum(axis=1, keepdims=True), "np.exp(1000) overflows to inf"),
    (lambda s: np.exp(s) / np.sum(np.exp(s), axis=-1, keepdims=True), "np.exp(1000) overflows to inf"),
    (lambda s: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(s - np.max(s))), "maximum of the whole batch"),
    (lambda s: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(s - s.mean(axis=1, keepdims=True))),
     "subtracted the row's mean"),
    (lambda s: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(s - s[:, [0]])), "subtracted the row's first score"),
    (lambda s: softmax_axis(s, 0, 0), "you normalised over axis 0"),
    (lambda s: scipy_softmax(s, axis=0), "you normalised over axis 0"),
    (lambda s: scipy_softmax(s), "you divided by the sum over the whole batch"),
    (lambda s: softmax_axis(s, 1, 0), "you summed over axis 0"),
    (lambda s: softmax_axis(s, 0, 1), "you subtracted each column's maximum"),
    (lambda s: (lambda e: e / np.sum(e))(np.exp(s - s.max(axis=1, keepdims=True))), "sum over the whole batch"),
    (lambda s: (lambda e: e / e.sum(axis=1))(np.exp(s - s.max(axis=1, keepdims=True))), "keepdims=True"),
    (lambda s: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(s - s.max(axis=1))), "keepdims=True"),
    (lambda s: softmax_axis(s, 1, 1, keepdims=False), "keepdims=True"),
    (lambda s: np.exp(s - s.max(axis=1, keepdims=True)), "did not divide by the row sums"),
    (lambda s: 1 / (1 + np.exp(-s)), "sigmoid of each score on its own"),
    (lambda s: scipy_log_softmax(s, axis=1), "log-probabilities"),
    (lambda s: s / s.sum(axis=1, keepdims=True), "without exponentiating"),
    (lambda s: right_softmax(s).ravel(), "has shape"),
    (lambda s: right_softmax(s)[0], "has shape"),
    (lambda s: right_softmax(s).tolist(), "expected a NumPy array"),
    (lambda s: right_softmax(s) + 0.01, "expected"),  # unnamed: the generic value message
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, words", WRONG_SOFTMAX)
def test_wrong_softmax_is_caught_and_named(wrong, words, capsys):
    assert_named(checks.check_softmax, wrong, words, multiclass.softmax, capsys)


def test_naive_softmax_is_named_for_the_large_scores(capsys):
    _, out = run(checks.check_softmax, lambda s: np.exp(s) / np.exp(s).sum(axis=1, keepdims=True), capsys)
    assert "for large scores [[1000, 999, 0]]" in out and "inf/inf is nan" in out, out


def test_softmax_in_place_is_caught(capsys):
    def in_place(s):
        s -= s.max(axis=1, keepdims=True)
        np.exp(s, out=s)
        s /= s.sum(axis=1, keepdims=True)
        return s

    used, out = run(checks.check_softmax, in_place, capsys)
    assert used is multiclass.softmax and "changed its inputs in place" in out, out


# --- cross-entropy from the scores --------------------------------------------------------

def log_p(s, axis=1):
    return scipy_log_softmax(s, axis=axis)


def rows(s):
    return np.arange(s.shape[0])


WRONG_CROSS_ENTROPY = [
    # no max subtraction
    (lambda y, s: np.mean(np.log(np.sum(np.exp(s), axis=1)) - s[rows(s), y]), "np.exp(1000) overflows"),
    (lambda y, s: -np.mean(np.log((np.exp(s) / np.exp(s).sum(axis=1, keepdims=True))[rows(s), y])),
     "np.exp(1000) overflows"),
    (lambda y, s: np.mean(np.log(np.sum(np.exp(s - s.max(axis=1, keepdims=True)), axis=1)) - s[rows(s), y]),
     "did not add it back"),
    # log(0) and its repairs
    (lambda y, s: -np.mean(np.log(scipy_softmax(s, axis=1)[rows(s), y])), "underflows to exactly 0"),
    (lambda y, s: -np.mean(np.log(np.clip(scipy_softmax(s, axis=1), 1e-12, 1)[rows(s), y])), "clipped the probability"),
    (lambda y, s: -np.mean(np.log(scipy_softmax(s, axis=1)[rows(s), y] + 1e-9)), "(ε = 1e-09)"),
    (lambda y, s: -np.mean(np.log(np.maximum(scipy_softmax(s, axis=1), 1e-7)[rows(s), y])), "clipped"),
    # softmax over the wrong axis
    (lambda y, s: float(np.mean(s.max() + np.log(np.exp(s - s.max()).sum(axis=1)) - s[rows(s), y])),
     "maximum of the whole batch"),
    (lambda y, s: float(np.mean(np.max(s, axis=1) + np.log(np.exp(s - np.max(s, axis=1)).sum(axis=1))
                                - s[rows(s), y])), "keepdims=True"),
    (lambda y, s: -np.mean(log_p(s, axis=0)[rows(s), y]), "softmax over axis 0"),
    (lambda y, s: np.mean(logsumexp(s, axis=0) - s[rows(s), y]), "log-sum-exp over axis 0"),
    # log of the wrong entry
    (lambda y, s: -np.mean(log_p(s)[:, y]), "q[:, y]"),
    (lambda y, s: -np.mean(np.max(log_p(s), axis=1)), "highest probability"),
    (lambda y, s: -np.mean(log_p(s)), "averaged log q over every class"),
    (lambda y, s: -np.mean(log_p(s)[y]), "picks whole ROWS"),
    # one-hot vs integer labels
    (lambda y, s: -np.mean(np.sum(y * log_p(s), axis=1)), "as if they were one-hot rows"),
    (lambda y, s: -np.mean(y[:, None] * log_p(s)), "as if they were one-hot rows"),
    (lambda y, s: -np.sum(y.reshape(-1, 1) * log_p(s)) / len(y), "as if they were one-hot rows"),
    # sum, sign, base
    (lambda y, s: -np.sum(log_p(s)[rows(s), y]), "summed over the samples"),
    (lambda y, s: np.mean(log_p(s)[rows(s), y]), "left out the minus sign"),
    (lambda y, s: -np.mean(log_p(s)[rows(s), y]) / np.log(10), "log10"),
    (lambda y, s: np.mean(logsumexp(s, axis=1)), "left out − s_y"),
    # types and shapes
    (lambda y, s: -log_p(s)[rows(s), y], "average them"),
    (lambda y, s: None, "forget the `return`"),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, words", WRONG_CROSS_ENTROPY)
def test_wrong_cross_entropy_is_caught_and_named(wrong, words, capsys):
    assert_named(checks.check_cross_entropy_from_logits, wrong, words, multiclass.cross_entropy_from_logits, capsys)


def test_cross_entropy_log_zero_is_named_on_the_hopeless_sample(capsys):
    _, out = run(checks.check_cross_entropy_from_logits,
                 lambda y, s: -np.mean(np.log(scipy_softmax(s, axis=1)[rows(s), y])), capsys)
    assert "for a hopeless true class" in out and "log 0 = −inf" in out, out


# --- gradient with respect to the scores --------------------------------------------------

def onehot(y, s):
    return np.eye(s.shape[1])[y]


def column_slip(y, s):
    p = scipy_softmax(s, axis=1)
    p[:, y] -= 1
    return p / len(y)


WRONG_GRADIENT = [
    (lambda y, s: scipy_softmax(s, axis=1) - onehot(y, s), "did not divide by n"),
    (lambda y, s: (scipy_softmax(s, axis=1) - onehot(y, s)) / len(y) ** 2, "divided by n twice"),
    (lambda y, s: (scipy_softmax(s, axis=1) - onehot(y, s)) / s.size, "divided by n·K"),
    (lambda y, s: (onehot(y, s) - scipy_softmax(s, axis=1)) / len(y), "the sign is flipped"),
    (lambda y, s: scipy_softmax(s, axis=1) / len(y), "left out the one-hot label"),
    (lambda y, s: (scipy_softmax(s, axis=1) - 1) / len(y), "subtracted 1 from every entry"),
    (column_slip, "in the columns y of EVERY row"),
    (lambda y, s: (scipy_softmax(s, axis=1) - y[:, None]) / len(y), "subtracted the label numbers"),
    (lambda y, s: -onehot(y, s) * (1 - scipy_softmax(s, axis=1)) / len(y), "reacts to its own score"),
    (lambda y, s: (lambda p: (p - onehot(y, s)) * p * (1 - p) / len(y))(scipy_softmax(s, axis=1)),
     "reacts to its own score"),
    (lambda y, s: (lambda p: p * (1 - p) / len(y))(scipy_softmax(s, axis=1)), "reacts to its own score"),
    (lambda y, s: (lambda p: p * (1 - p))(scipy_softmax(s, axis=1)), "reacts to its own score"),
    (lambda y, s: (np.exp(s) / np.exp(s).sum(axis=1, keepdims=True) - onehot(y, s)) / len(y), "overflows to inf"),
    (lambda y, s: (scipy_softmax(s, axis=0) - onehot(y, s)) / len(y), "softmax over axis 0"),
    (lambda y, s: (scipy_softmax(s, axis=1) - np.eye(*s.shape)[y]) / len(y), "np.eye(K)[y]"),
    (lambda y, s: (lambda p: (p * (1 - p) - onehot(y, s)) / len(y))(scipy_softmax(s, axis=1)),
     "reacts to its own score"),
    (lambda y, s: ((scipy_softmax(s, axis=1) - onehot(y, s)) / len(y)).T, "has shape"),
    (lambda y, s: float(np.sum(scipy_softmax(s, axis=1) - onehot(y, s))), "expected a NumPy array"),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, words", WRONG_GRADIENT)
def test_wrong_gradient_is_caught_and_named(wrong, words, capsys):
    assert_named(checks.check_cross_entropy_gradient, wrong, words, multiclass.cross_entropy_gradient, capsys)


# --- hinge ----------------------------------------------------------------------------------

def margins(y, s, delta):
    return s - s[np.arange(len(y)), y][:, None] + delta


def off_true(m, y):
    m = m.copy()
    m[np.arange(len(y)), y] = 0
    return m


WRONG_HINGE = [
    (lambda y, s, delta=1.0: np.mean(np.sum(np.maximum(0, margins(y, s, delta)), axis=1)), "also counted the true class"),
    (lambda y, s, delta=1.0: np.sum(off_true(np.maximum(0, margins(y, s, delta)), y)), "summed over the samples"),
    (lambda y, s, delta=1.0: np.mean(off_true(margins(y, s, delta), y).sum(axis=1)), "left out the max(0, ·)"),
    (lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, s[np.arange(len(y)), y][:, None] - s + delta), y).sum(axis=1)),
     "wrong way round"),
    (lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, margins(y, s, 0)) + delta, y).sum(axis=1)),
     "Δ outside the max"),
    (lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, margins(y, s, -delta)), y).sum(axis=1)), "subtracted Δ"),
    (lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, margins(y, s, 1.0)), y).sum(axis=1)),
     "ignored the delta argument"),
    (lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, margins(y, s, delta)) ** 2, y).sum(axis=1)), "squared"),
    (lambda y, s, delta=1.0: np.mean(off_true(np.maximum(0, margins(y, s, delta)), y).max(axis=1)),
     "only the largest violation"),
    (lambda y, s: right_hinge(y, s), "unexpected keyword argument"),  # no delta parameter at all
    (lambda y, s, margin=1.0: right_hinge(y, s, margin), "keep the parameter names"),
    (lambda y, s, delta=1.0: off_true(np.maximum(0, margins(y, s, delta)), y).sum(axis=1), "average them"),
]


@pytest.mark.parametrize("wrong, words", WRONG_HINGE)
def test_wrong_hinge_is_caught_and_named(wrong, words, capsys):
    assert_named(checks.check_hinge_loss, wrong, words, multiclass.hinge_loss, capsys)


def test_hinge_including_the_true_class_is_named_on_the_cat(capsys):
    _, out = run(checks.check_hinge_loss, WRONG_HINGE[0][0], capsys)
    assert "for the cat example" in out, out


# --- softmax regression gradients -----------------------------------------------------------

def regression(dW, db):
    def gradients(X, y, W, b, lam):
        G = (scipy_softmax(X @ W + b, axis=1) - np.eye(W.shape[1])[y]) / len(y)
        return {"W": dW(X, G, W, lam), "b": db(G, b, lam)}
    return gradients


RIGHT_DW = lambda X, G, W, lam: X.T @ G + 2 * lam * W  # noqa: E731
RIGHT_DB = lambda G, b, lam: G.sum(axis=0)  # noqa: E731

def no_bias_in_scores(X, y, W, b, lam=0.0):
    G = (scipy_softmax(X @ W, axis=1) - onehot(y, X @ W)) / len(y)
    return {"W": X.T @ G + 2 * lam * W, "b": G.sum(axis=0)}


WRONG_REGRESSION = [
    (regression(lambda X, G, W, lam: X.T @ G + lam * W, RIGHT_DB), "you added λW"),
    (regression(lambda X, G, W, lam: X.T @ G, RIGHT_DB), "left out the penalty's gradient"),
    (regression(lambda X, G, W, lam: X.T @ G - 2 * lam * W, RIGHT_DB), "wrong sign"),
    (regression(RIGHT_DW, lambda G, b, lam: G.sum(axis=0) + 2 * lam * b), "penalised the biases"),
    (regression(lambda X, G, W, lam: X.T @ G + 2 * lam * W / len(X), RIGHT_DB), "divided the penalty's gradient by n"),
    (no_bias_in_scores, "the scores are missing the bias"),
    (regression(lambda X, G, W, lam: X.T @ G * len(X) + 2 * lam * W, lambda G, b, lam: G.sum(axis=0) * len(G)),
     "did not divide by n"),
    (regression(RIGHT_DW, lambda G, b, lam: G.mean(axis=0)), "∂J/∂b is averaged twice"),
    (regression(lambda X, G, W, lam: X.T @ G / len(X) + 2 * lam * W, RIGHT_DB), "∂J/∂W is averaged twice"),
    (regression(lambda X, G, W, lam: G.T @ X + 2 * lam * W.T, RIGHT_DB), "the shape of W"),
    (regression(RIGHT_DW, lambda G, b, lam: G.sum()), "one entry per class"),
    (regression(RIGHT_DW, lambda G, b, lam: G.sum(axis=1)), "not over the classes"),
    (regression(lambda X, G, W, lam: -X.T @ G + 2 * lam * W, lambda G, b, lam: -G.sum(axis=0)), "signs are flipped"),
    (regression(lambda X, G, W, lam: X @ G + 2 * lam * W, RIGHT_DB), "it raised ValueError"),  # (n, d) @ (n, K)
    (lambda X, y, W, b, lam: {"W": right_regression_gradients(X, y, W, b, lam)["W"]}, "has keys"),
    (lambda X, y, W, b, reg: right_regression_gradients(X, y, W, b, reg), "keep the parameter names"),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, words", WRONG_REGRESSION)
def test_wrong_regression_gradients_are_caught_and_named(wrong, words, capsys):
    assert_named(checks.check_softmax_regression_gradients, wrong, words, multiclass.softmax_regression_gradients,
                 capsys)


# --- issue 22: extended precision, the row minimum, float32 along the chain, one-hot off by one ---------

def longdouble_softmax(s):  # the textbook formula in extended precision: no max subtracted
    e = np.exp(s.astype(np.longdouble))
    return e / e.sum(axis=1, keepdims=True)


def longdouble_softmax_as_float(s):
    return longdouble_softmax(s).astype(float)


def longdouble_cross_entropy(y, s):
    return float(np.mean(np.log(np.exp(s.astype(np.longdouble)).sum(axis=1)) - s[np.arange(len(y)), y]))


EXTENDED = np.finfo(np.longdouble).max > np.finfo(float).max  # false where np.longdouble is plain float64


@pytest.mark.parametrize("wrong", [longdouble_softmax, longdouble_softmax_as_float])
def test_softmax_in_longdouble_without_the_maximum_is_rejected(wrong, capsys):
    # rejected on every computer; named as extended precision where it is extended, as the overflow elsewhere
    assert_named(checks.check_softmax, wrong, "np.longdouble" if EXTENDED else "overflows", multiclass.softmax, capsys)


def test_cross_entropy_in_longdouble_without_log_sum_exp_is_rejected(capsys):
    assert_named(checks.check_cross_entropy_from_logits, longdouble_cross_entropy,
                 "np.longdouble" if EXTENDED else "overflows", multiclass.cross_entropy_from_logits, capsys)


@pytest.mark.skipif(not EXTENDED, reason="np.longdouble is float64 here")
def test_a_right_softmax_returned_in_longdouble_is_asked_for_float64(capsys):
    assert_named(checks.check_softmax, lambda s: right_softmax(s).astype(np.longdouble), "float64",
                 multiclass.softmax, capsys)


def test_row_minimum_softmax_is_told_about_the_overflow_not_log0(capsys):
    wrong = lambda s: (lambda e: e / e.sum(axis=1, keepdims=True))(np.exp(s - s.min(axis=1, keepdims=True)))  # noqa: E731
    assert_named(checks.check_softmax, wrong, "row's minimum", multiclass.softmax, capsys)
    assert "log(0)" not in capsys.readouterr().out


def test_float32_softmax_is_stopped_at_the_softmax_with_a_named_message(capsys):
    """The chain softmax → gradient: float32 is refused at the first step, so the gradient built on it
    is never the first to complain with two arrays that look the same."""
    assert_named(checks.check_softmax, lambda s: right_softmax(s.astype(np.float32)), "dtype float32",
                 multiclass.softmax, capsys)
    gradient = lambda y, s: (lambda p: (p - np.eye(s.shape[1])[y]) / len(y))(right_softmax(s.astype(np.float32)))  # noqa: E731
    used, out = run(checks.check_cross_entropy_gradient, gradient, capsys)
    assert used is multiclass.cross_entropy_gradient and "float32" in out, out


@pytest.mark.parametrize("shift", [
    lambda y, K: np.eye(K)[y - 1],
    lambda y, K: np.eye(K + 1)[y][:, 1:],
    lambda y, K: np.eye(K + 1)[y + 1][:, :-1],
])
def test_one_hot_off_by_one_is_named(shift, capsys):
    wrong = lambda y, s: (right_softmax(s) - shift(y, s.shape[1])) / len(y)  # noqa: E731
    assert_named(checks.check_cross_entropy_gradient, wrong, "off by one", multiclass.cross_entropy_gradient, capsys)


# --- the hinge loss's gradient (derived by the learner) ------------------------------------------

def right_hinge_gradient(y, scores, delta=1.0):
    n = len(y)
    margins = scores - scores[np.arange(n), y][:, None] + delta
    active = (margins > 0).astype(float)
    active[np.arange(n), y] = 0.0
    active[np.arange(n), y] = -active.sum(axis=1)
    return active / n


def right_hinge_gradient_loop(y, scores, delta=1.0):  # CS231n's loop: one sample and one class at a time
    grad = np.zeros(scores.shape)
    for i, label in enumerate(y):
        for j in range(scores.shape[1]):
            if j != label and scores[i, j] - scores[i, label] + delta > 0:
                grad[i, j] += 1
                grad[i, label] -= 1
    return grad / len(y)


LATER_CHECKS_0 = [
    (checks.check_hinge_gradient, right_hinge_gradient, multiclass.hinge_loss_gradient),
    (checks.check_hinge_gradient, right_hinge_gradient_loop, multiclass.hinge_loss_gradient),
]

(
    test_hinge_gradient_right_answer_passes,
    test_hinge_gradient_reference_passes,
    test_hinge_gradient_stub_falls_back,
    test_hinge_gradient_cases_defeat_patterns,
) = contract_tests(LATER_CHECKS_0)


def _hinge_slip(true_entry, scale=True, values=False, sign=1.0):
    def gradient(y, s, delta=1.0):
        n = len(y)
        m = s - s[np.arange(n), y][:, None] + delta
        g = np.maximum(0, m) if values else (m > 0).astype(float)
        g[np.arange(n), y] = 0.0
        g[np.arange(n), y] = true_entry(g)
        return sign * g / (n if scale else 1)
    return gradient


@pytest.mark.parametrize("wrong, words", [
    (_hinge_slip(lambda g: 0.0), "true class is missing"),
    (_hinge_slip(lambda g: -(g.sum(axis=1) > 0)), "EACH active term"),
    (_hinge_slip(lambda g: -g.sum(axis=1) - 1), "own term"),
    (_hinge_slip(lambda g: -g.sum(axis=1), scale=False), "did not divide by n"),
    (_hinge_slip(lambda g: -g.sum(axis=1), sign=-1.0), "signs are flipped"),
    (_hinge_slip(lambda g: -g.sum(axis=1), values=True), "not m itself"),
])
def test_wrong_hinge_gradient_is_caught_and_named(wrong, words, capsys):
    assert_named(checks.check_hinge_gradient, wrong, words, multiclass.hinge_loss_gradient, capsys)


# --- entropy and KL, written by the learner -------------------------------------------------------

def right_entropy(p):
    nonzero = p[p > 0]
    return float(-np.sum(nonzero * np.log(nonzero)))


def right_entropy_xlogy(p):  # SciPy's xlogy makes 0·log 0 = 0
    from scipy.special import xlogy
    return -np.sum(xlogy(p, p))


def right_kl(p, q):
    keep = p > 0
    return float(np.sum(p[keep] * np.log(p[keep] / q[keep])))


def right_kl_scipy(p, q):  # scipy.stats.entropy(p, q) is KL(P‖Q)
    from scipy.stats import entropy as scipy_entropy
    return float(scipy_entropy(p, q))


LATER_CHECKS_1 = [
    (checks.check_entropy, right_entropy, information.entropy),
    (checks.check_entropy, right_entropy_xlogy, information.entropy),
    (checks.check_kl_divergence, right_kl, information.kl_divergence),
    (checks.check_kl_divergence, right_kl_scipy, information.kl_divergence),
]

(
    test_information_right_answer_passes,
    test_information_reference_passes,
    test_information_stub_falls_back,
    test_information_cases_defeat_patterns,
) = contract_tests(LATER_CHECKS_1)


@pytest.mark.parametrize("check, wrong, words, reference", [
    (checks.check_entropy, lambda p: -np.sum(p * np.log(p)), "0·log 0", information.entropy),
    (checks.check_entropy, lambda p: np.sum(p[p > 0] * np.log(p[p > 0])), "minus sign", information.entropy),
    (checks.check_entropy, lambda p: -np.sum(p[p > 0] * np.log2(p[p > 0])), "log2", information.entropy),
    (checks.check_entropy, lambda p: -np.mean(p[p > 0] * np.log(p[p > 0])) * 0 - np.sum(np.log(p[p > 0])),
     "weights p", information.entropy),
    (checks.check_kl_divergence, lambda p, q: np.sum(p * np.log(p / q)), "0·log 0", information.kl_divergence),
    (checks.check_kl_divergence, lambda p, q: right_kl(q, p), "KL(Q‖P)", information.kl_divergence),
    (checks.check_kl_divergence, lambda p, q: -right_kl(p, q), "upside down", information.kl_divergence),
    (checks.check_kl_divergence, lambda p, q: float(np.sum(np.abs(p[p > 0] * np.log(p[p > 0] / q[p > 0])))),
     "absolute value", information.kl_divergence),
])
def test_wrong_entropy_and_kl_are_caught_and_named(check, wrong, words, reference, capsys):
    assert_named(check, wrong, words, reference, capsys)
