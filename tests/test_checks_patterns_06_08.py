"""Issue 8 item 2 for the checks of notebooks 06-08: wrong answers that exploit a pattern the
cases could share (a loop over the first 20 rows, Δ = 0 treated as "not given", clipping, the
sign dropped, rounding), written as a learner would. Each must be rejected."""

import numpy as np
import pytest

from helpers import checks

from .check_contract import run


def softmax_first_rows(scores):
    p = np.zeros_like(scores)
    for i in range(min(len(scores), 20)):
        e = np.exp(scores[i] - scores[i].max())
        p[i] = e / e.sum()
    return p


def softmax_rounded(scores):
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return np.round(e / e.sum(axis=1, keepdims=True), 2)


def cross_entropy_first_samples(y, scores):
    total = 0.0
    n = min(len(y), 20)
    for i in range(n):
        m = scores[i].max()
        total += m + np.log(np.sum(np.exp(scores[i] - m))) - scores[i, y[i]]
    return total / n


def gradient_first_samples(y, scores):
    grad = np.zeros_like(scores)
    for i in range(min(len(y), 20)):
        e = np.exp(scores[i] - scores[i].max())
        grad[i] = e / e.sum()
        grad[i, y[i]] -= 1
    return grad / len(y)


def hinge_delta_or_default(y, scores, delta=1.0):
    delta = delta or 1.0  # Δ = 0 is falsy: silently replaced by the default
    n = len(y)
    margins = np.maximum(0, scores - scores[np.arange(n), y][:, None] + delta)
    margins[np.arange(n), y] = 0
    return float(np.mean(margins.sum(axis=1)))


def regression_gradients_clipped(X, y, W, b, lam=0.0):
    scores = X @ W + b
    p = np.exp(scores - scores.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    G = p / len(y)
    return {"W": np.clip(X.T @ G + 2 * lam * W, -10, 10), "b": np.clip(G.sum(axis=0), -10, 10)}  # "gradient clipping"


def forward_clipped(params, X):
    A1 = np.tanh(X @ params["W1"] + params["b1"])
    z = (A1 @ params["W2"] + params["b2"])[:, 0]
    return np.clip(z, -10, 10), A1  # "to keep σ(z) from overflowing later"


def backward_clipped(params, X, y):
    A1 = np.tanh(X @ params["W1"] + params["b1"])
    p = 1 / (1 + np.exp(-(A1 @ params["W2"] + params["b2"])[:, 0]))
    dz = (p - y)[:, None] / len(y)
    dZ1 = dz @ params["W2"].T * (1 - A1**2)
    grads = {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dz, "b2": dz.sum(axis=0)}
    return {k: np.clip(v, -10, 10) for k, v in grads.items()}  # "gradient clipping"


def huber_first_residuals(a, delta):
    out = np.zeros_like(a)
    for i in range(min(len(a), 20)):
        out[i] = 0.5 * a[i] ** 2 if abs(a[i]) <= delta else delta * (abs(a[i]) - 0.5 * delta)
    return out


def huber_derivative_unsigned(a, delta):
    return np.minimum(np.abs(a), delta)


def huber_derivative_capped(a, delta):
    return np.clip(a, -min(delta, 10), min(delta, 10))


def cosine_first_coordinates(a, b):
    a, b = a[:20], b[:20]
    return float(1 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


CASES = [
    (checks.check_softmax, softmax_first_rows),
    (checks.check_softmax, softmax_rounded),
    (checks.check_cross_entropy_from_logits, cross_entropy_first_samples),
    (checks.check_cross_entropy_gradient, gradient_first_samples),
    (checks.check_hinge_loss, hinge_delta_or_default),
    (checks.check_softmax_regression_gradients, regression_gradients_clipped),
    (checks.check_network_forward, forward_clipped),
    (checks.check_network_backward, backward_clipped),
    (checks.check_huber_loss, huber_first_residuals),
    (checks.check_huber_derivative, huber_derivative_unsigned),
    (checks.check_huber_derivative, huber_derivative_capped),
    (checks.check_cosine_loss, cosine_first_coordinates),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("check, wrong", CASES, ids=[wrong.__name__ for _, wrong in CASES])
def test_pattern_exploiting_answers_are_rejected(check, wrong, capsys):
    used, out = run(check, wrong, capsys)
    assert used is not wrong and out.startswith("✗") and "not right yet" in out, out
    assert "it raised" not in out, out  # rejected by its numbers, not because it crashed


def test_huber_derivative_without_the_sign_is_named(capsys):
    _, out = run(checks.check_huber_derivative, huber_derivative_unsigned, capsys)
    assert "you dropped the sign" in out, out


def test_hinge_treating_zero_delta_as_missing_is_named(capsys):
    _, out = run(checks.check_hinge_loss, hinge_delta_or_default, capsys)
    assert "treats it as missing" in out, out
