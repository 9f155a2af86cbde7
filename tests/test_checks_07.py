"""Checks of notebook 07: the network's forward and backward passes pass right answers and name wrong ones."""

import numpy as np
import pytest

from helpers import checks, network

from .check_contract import contract_tests, run


def right_forward(params, X):
    A1 = np.tanh(X @ params["W1"] + params["b1"])   # (n, h)
    z = A1 @ params["W2"][:, 0] + params["b2"][0]   # (n,)
    return z, A1


def right_forward_einsum(params, X):  # another correct way: einsum, and .ravel() for the column
    A1 = np.tanh(np.einsum("nd,dh->nh", X, params["W1"]) + params["b1"])
    return (A1 @ params["W2"] + params["b2"]).ravel(), A1


def right_backward(params, X, y):
    A1 = np.tanh(X @ params["W1"] + params["b1"])
    z = (A1 @ params["W2"] + params["b2"])[:, 0]
    dz = (1 / (1 + np.exp(-z)) - y)[:, None] / len(y)
    dZ1 = dz @ params["W2"].T * (1 - A1**2)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dz, "b2": dz.sum(axis=0)}


def right_backward_loops(params, X, y):  # one sample at a time, averaged: slow but right
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    for x_i, y_i in zip(X, y):
        a = np.tanh(x_i @ params["W1"] + params["b1"])
        dz = 1 / (1 + np.exp(-(a @ params["W2"][:, 0] + params["b2"][0]))) - y_i
        da = dz * params["W2"][:, 0] * (1 - a**2)
        grads["W1"] += np.outer(x_i, da) / len(y)
        grads["b1"] += da / len(y)
        grads["W2"] += a[:, None] * dz / len(y)
        grads["b2"] += dz / len(y)
    return grads


CHECKS = [
    (checks.check_network_forward, right_forward, network.forward),
    (checks.check_network_forward, right_forward_einsum, network.forward),
    (checks.check_network_backward, right_backward, network.gradients),
    (checks.check_network_backward, right_backward_loops, network.gradients),
]

(
    test_right_answer_passes_and_is_used,
    test_reference_passes_its_own_cases,
    test_stub_and_reruns_fall_back_to_the_reference,
    test_cases_defeat_pattern_matching_answers,
) = contract_tests(CHECKS)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


WRONG_FORWARD = [
    (lambda p, X: (sigmoid((np.tanh(X @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"])[:, 0]),
                   np.tanh(X @ p["W1"] + p["b1"])), "you returned probabilities σ(z)"),
    (lambda p, X: ((X @ p["W1"] + p["b1"]) @ p["W2"][:, 0] + p["b2"][0], X @ p["W1"] + p["b1"]), "no activation"),
    (lambda p, X: ((np.maximum(X @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"])[:, 0],
                   np.maximum(X @ p["W1"] + p["b1"], 0)), "that is ReLU"),
    (lambda p, X: ((sigmoid(X @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"])[:, 0], sigmoid(X @ p["W1"] + p["b1"])),
     "that is σ in the hidden layer"),
    (lambda p, X: ((np.tanh(X @ p["W1"]) @ p["W2"] + p["b2"])[:, 0], np.tanh(X @ p["W1"])), "missing its bias b1"),
    (lambda p, X: ((np.tanh(X @ p["W1"] + p["b1"]) @ p["W2"])[:, 0], np.tanh(X @ p["W1"] + p["b1"])),
     "missing its bias b2"),
    (lambda p, X: (((np.tanh(X @ p["W1"]) + p["b1"]) @ p["W2"] + p["b2"])[:, 0], np.tanh(X @ p["W1"]) + p["b1"]),
     "you added b1 after tanh"),
    (lambda p, X: ((np.tanh(X @ p["W1"].T + p["b1"]) @ p["W2"] + p["b2"])[:, 0], np.tanh(X @ p["W1"].T + p["b1"])),
     "W1.T"),
    (lambda p, X: (np.tanh(X @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"], np.tanh(X @ p["W1"] + p["b1"])),
     "z has shape (n, 1)"),
    (lambda p, X: tuple(reversed(right_forward(p, X))), "the order is `return z, A1`"),
    (lambda p, X: right_forward(p, X)[0], "forward must return two arrays"),
    (lambda p, X: None, "forward must return two arrays"),
    (lambda p, X: None, "did you forget the `return` statement?"),
    (lambda p, X: right_forward(p, X) + (X,), "but it returned a tuple of 3 values"),
    (lambda p, X: list(right_forward(p, X)), "but it returned a list of 2 values"),
    (lambda p, X: (right_forward(p, X)[0] * 1.1, right_forward(p, X)[1]), "expected"),  # unnamed slip
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, words", WRONG_FORWARD)
def test_wrong_forward_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_network_forward, wrong, capsys)
    assert used is network.forward, out
    assert "not right yet" in out and words in out, out
    assert "helpers.network.forward" in out  # the fallback is named by its real place


def backward_with(slope=lambda A1: 1 - A1**2, divide=True, bias=lambda d: d.sum(axis=0), error=None,
                  W1=lambda X, d: X.T @ d, W2=lambda A1, d: A1.T @ d):
    def backward(params, X, y):
        A1 = np.tanh(X @ params["W1"] + params["b1"])
        p = sigmoid((A1 @ params["W2"] + params["b2"])[:, 0])
        dz = ((p - y) if error is None else error(p, y))[:, None] / (len(y) if divide else 1)
        dZ1 = dz @ params["W2"].T * slope(A1)
        return {"W1": W1(X, dZ1), "b1": bias(dZ1), "W2": W2(A1, dz), "b2": bias(dz)}
    return backward


def in_place(params, X, y):
    grads = right_backward(params, X, y)
    params.update(grads)  # "saves" the gradients in params: the parameters are lost
    return params


def in_place_update(params, X, y):
    grads = right_backward(params, X, y)
    params["W1"] -= 0.0 * grads["W1"] + 1e-3  # a sneaky update inside the backward pass
    return grads


def dz_as_vector(params, X, y):
    """dz kept with shape (n,): it lines up with the hidden units, not the samples."""
    A1 = np.tanh(X @ params["W1"] + params["b1"])
    dz = (sigmoid((A1 @ params["W2"] + params["b2"])[:, 0]) - y) / len(y)  # (n,)
    dZ1 = dz * params["W2"].T * (1 - A1**2)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dz[:, None], "b2": dz.sum(keepdims=True)}


WRONG_BACKWARD = [
    # the slips the issue names
    (backward_with(slope=lambda A1: 1.0), "the tanh derivative is missing"),
    (backward_with(W1=lambda X, d: d.T @ X), "∂J/∂W1 is transposed"),
    (backward_with(W2=lambda A1, d: d.T @ A1), "∂J/∂W2 is transposed"),
    (backward_with(divide=False), "forgot the 1/n"),
    (backward_with(bias=lambda d: d), "must be summed over the batch"),
    (backward_with(bias=lambda d: d.sum()), "np.sum without axis=0"),
    (backward_with(bias=lambda d: d.mean(axis=0)), "averaged the bias gradient"),
    (in_place, "changed its inputs in place"),
    (in_place_update, "changed its inputs in place"),
    # more slips, each named
    (backward_with(slope=lambda A1: A1), "you multiplied by A1 = tanh(Z1) itself"),
    (backward_with(slope=lambda A1: 1 - A1), "you wrote 1 − A1"),
    (backward_with(error=lambda p, y: y - p), "the signs are flipped"),
    (backward_with(error=lambda p, y: (p - y) * p * (1 - p)), "σ'(z)"),
    (backward_with(slope=lambda A1: 1 - np.tanh(A1) ** 2), "you took tanh of A1 again"),
    (backward_with(W1=lambda X, d: X.T @ d / len(X)), "∂J/∂W1 is divided by n twice"),
    (backward_with(W2=lambda A1, d: A1.T @ d / len(A1)), "∂J/∂W2 is divided by n twice"),
    (dz_as_vector, "keep a column as (n, 1)"),
    # unnamed: generic message, never a wrong name
    (backward_with(slope=lambda A1: 1 - A1**3), "expected"),
    (lambda params, X, y: {k: v for k, v in right_backward(params, X, y).items() if k != "b2"}, "has keys"),
    (lambda params, X, y: None, "forget the `return`"),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, words", WRONG_BACKWARD)
def test_wrong_backward_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_network_backward, wrong, capsys)
    assert used is network.gradients, out
    assert "not right yet" in out and words in out, out


def test_backward_generic_slip_is_not_misnamed(capsys):
    _, out = run(checks.check_network_backward, backward_with(slope=lambda A1: 1 - A1**3), capsys)
    for name in ("derivative", "1/n", "transposed", "bias", "signs", "σ'"):
        assert name not in out, out


def test_every_case_is_seeded_and_varied():
    from helpers.checks.neural_network import _backward_exercise
    first, second = _backward_exercise(), _backward_exercise()
    shapes = set()
    for a, b in zip(first.cases, second.cases):
        params, X, y = a.args
        np.testing.assert_array_equal(X, b.args[1])  # the same cases every run
        shapes.add((X.shape, params["W1"].shape))
        if X.shape[0] > 1:
            assert set(np.unique(y)) == {0.0, 1.0} and (X < 0).any() and (params["b1"] != 0).all()
    assert len(shapes) == len(first.cases)
    assert any(W1[0] == W1[1] for _, W1 in shapes)  # a square W1: a transpose gives numbers, not an error


def test_sigmoid_derivative_for_tanh_is_named(capsys):
    used, out = run(checks.check_network_backward, backward_with(slope=lambda A1: A1 * (1 - A1)), capsys)
    assert used is network.gradients and "σ′" in out and "1 − A1²" in out, out


def test_dA1_without_W2_is_named(capsys):
    def without_W2(params, X, y):
        A1 = np.tanh(X @ params["W1"] + params["b1"])
        dz = ((sigmoid((A1 @ params["W2"] + params["b2"])[:, 0]) - y) / len(y))[:, None]
        dZ1 = dz * (1 - A1**2)                       # dA1 = dz, W2 left out
        return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dz, "b2": dz.sum(axis=0)}
    used, out = run(checks.check_network_backward, without_W2, capsys)
    assert used is network.gradients and "missing W2" in out, out
