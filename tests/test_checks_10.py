"""Checks of notebook 10: fold ids, the ReLU + softmax backward pass and the weight-decay step pass right
answers, name the wrong ones, and reject answers that exploit a pattern of the cases."""

import numpy as np
import pytest

from helpers import checks, generalisation, mlp

from .check_contract import contract_tests, run


def right_fold_ids(n, k):
    sizes = [n // k + (1 if fold < n % k else 0) for fold in range(k)]
    return np.repeat(np.arange(k), sizes)


def right_fold_ids_array_split(n, k):  # another correct way: np.array_split makes the same blocks
    ids = np.zeros(n, dtype=int)
    for fold, block in enumerate(np.array_split(np.arange(n), k)):
        ids[block] = fold
    return ids


def softmax(S):
    P = np.exp(S - S.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True)


def right_backward(params, X, y):
    Z1 = X @ params["W1"] + params["b1"]            # (n, h)
    A1 = np.maximum(Z1, 0)                          # (n, h)
    S = A1 @ params["W2"] + params["b2"]            # (n, K)
    dS = softmax(S)
    dS[np.arange(len(y)), y] -= 1
    dS /= len(y)
    dZ1 = (dS @ params["W2"].T) * (Z1 > 0)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dS, "b2": dS.sum(axis=0)}


def right_backward_cs231n(params, X, y):  # the mask from the output, written CS231n's way: also right
    A1 = np.maximum(0, X @ params["W1"] + params["b1"])
    S = A1 @ params["W2"] + params["b2"]
    Y = np.zeros_like(S)
    Y[np.arange(len(y)), y] = 1
    dS = (softmax(S) - Y) / len(y)
    dA1 = dS @ params["W2"].T
    dA1[A1 <= 0] = 0
    return {"W1": X.T @ dA1, "b1": np.sum(dA1, axis=0), "W2": A1.T @ dS, "b2": np.sum(dS, axis=0)}


def right_weight_decay_step(params, grads, learning_rate, lam):
    return {key: (1 - 2 * learning_rate * lam) * value - learning_rate * grads[key] if key.startswith("W")
            else value - learning_rate * grads[key] for key, value in params.items()}


def right_weight_decay_step_penalty_gradient(params, grads, learning_rate, lam):  # θ − η(∇J + 2λW)
    new = {}
    for key in params:
        penalty = 2 * lam * params[key] if key[0] == "W" else 0.0
        new[key] = params[key] - learning_rate * (grads[key] + penalty)
    return new


CHECKS = [
    (checks.check_fold_ids, right_fold_ids, generalisation.fold_ids),
    (checks.check_fold_ids, right_fold_ids_array_split, generalisation.fold_ids),
    (checks.check_multiclass_backward, right_backward, mlp.gradients),
    (checks.check_multiclass_backward, right_backward_cs231n, mlp.gradients),
    (checks.check_weight_decay_step, right_weight_decay_step, generalisation.weight_decay_step),
    (checks.check_weight_decay_step, right_weight_decay_step_penalty_gradient, generalisation.weight_decay_step),
]

(
    test_right_answer_passes_and_is_used,
    test_reference_passes_its_own_cases,
    test_stub_and_reruns_fall_back_to_the_reference,
    test_cases_defeat_pattern_matching_answers,
) = contract_tests(CHECKS)


WRONG_FOLDS = [
    (lambda n, k: np.arange(n) % k, "like cards"),
    (lambda n, k: np.minimum(np.arange(n) // (n // k), k - 1), "all went into the last fold"),
    (lambda n, k: np.arange(n) // (n // k), "more than k folds"),
    (lambda n, k: np.arange(n) // int(np.ceil(n / k)), "leave the last folds short"),
    (lambda n, k: right_fold_ids(n, k) + 1, "start at 0"),
    (lambda n, k: np.sort((k - 1) - right_fold_ids(n, k)), "to the first ones"),
    (lambda n, k: np.array_split(np.arange(n), k), "expected a NumPy array"),
    (lambda n, k: np.repeat(np.arange(k), n // k), "has shape"),
]


@pytest.mark.parametrize("wrong, words", WRONG_FOLDS)
def test_wrong_fold_ids_are_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_fold_ids, wrong, capsys)
    assert used is generalisation.fold_ids and "not right yet" in out and words in out, out


def backward_with(mask=lambda Z1, A1: Z1 > 0, onehot=None, divide=True, bias=lambda d: d.sum(axis=0)):
    def backward(params, X, y):
        Z1 = X @ params["W1"] + params["b1"]
        A1 = np.maximum(Z1, 0)
        S = A1 @ params["W2"] + params["b2"]
        P = softmax(S)
        if onehot is None:
            P[np.arange(len(y)), y] -= 1
        else:
            P = onehot(P, y)
        dS = P / (len(y) if divide else 1)
        dZ1 = (dS @ params["W2"].T) * mask(Z1, A1)
        return {"W1": X.T @ dZ1, "b1": bias(dZ1), "W2": A1.T @ dS, "b2": bias(dS)}
    return backward


def columns_minus_one(P, y):
    P[:, y] -= 1
    return P


def rows_of_ones(P, y):
    Y = np.zeros_like(P)
    Y[y] = 1
    return P - Y


WRONG_BACKWARD = [
    # the slips the issue names
    (backward_with(mask=lambda Z1, A1: A1 >= 0), "taken from the output as A1 >= 0"),
    (backward_with(mask=lambda Z1, A1: A1), "you multiplied by the ReLU output A1 itself"),
    (backward_with(divide=False), "forgot the 1/n"),
    (backward_with(onehot=columns_minus_one), "P[:, y] -= 1"),
    (backward_with(onehot=rows_of_ones), "Y[y] = 1"),
    (backward_with(onehot=lambda P, y: P - np.eye(P.shape[1])[y - 1]), "shifted by one class"),
    (backward_with(bias=lambda d: d), "the bias gradient is not summed"),
    (backward_with(bias=lambda d: d.sum()), "np.sum without axis=0"),
    (backward_with(bias=lambda d: d.mean(axis=0)), "averaged the bias gradient"),
    # more slips, each named
    (backward_with(mask=lambda Z1, A1: 1.0), "the ReLU derivative is missing"),
    (backward_with(mask=lambda Z1, A1: Z1 <= 0), "the wrong way round"),
    (backward_with(mask=lambda Z1, A1: 1 - A1**2), "that is the tanh derivative"),
    (backward_with(onehot=lambda P, y: P), "the one-hot is missing"),
    (backward_with(onehot=lambda P, y: np.eye(P.shape[1])[y] - P), "the signs are flipped"),
    # unnamed: the generic message, never a wrong name
    (backward_with(mask=lambda Z1, A1: (Z1 > 0) * 0.5), "expected"),
    (lambda params, X, y: None, "forget the `return`"),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("wrong, words", WRONG_BACKWARD)
def test_wrong_backward_is_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_multiclass_backward, wrong, capsys)
    assert used is mlp.gradients and "not right yet" in out and words in out, out


def test_backward_generic_slip_is_not_misnamed(capsys):
    _, out = run(checks.check_multiclass_backward, backward_with(mask=lambda Z1, A1: (Z1 > 0) * 0.5), capsys)
    for name in ("ReLU", "1/n", "one-hot", "bias", "transposed", "signs"):
        assert name not in out, out


def step_with(factor=lambda eta, lam: 1 - 2 * eta * lam, biases=False, sign=-1.0):
    def step(params, grads, learning_rate, lam):
        return {k: (factor(learning_rate, lam) if k.startswith("W") or biases else 1.0) * v
                + sign * learning_rate * grads[k] for k, v in params.items()}
    return step


def in_place_step(params, grads, learning_rate, lam):
    for key in params:
        params[key] -= learning_rate * (grads[key] + (2 * lam * params[key] if key[0] == "W" else 0))
    return params


WRONG_STEPS = [
    (step_with(factor=lambda eta, lam: 1 - eta * lam), "you used λW"),
    (step_with(biases=True), "you decayed the biases too"),
    (step_with(factor=lambda eta, lam: 1 - 2 * lam), "multiplied by the learning rate η too"),
    (step_with(factor=lambda eta, lam: 1 + 2 * eta * lam), "the weights grow"),
    (lambda params, grads, learning_rate, lam: {
        k: (1 - 2 * learning_rate * lam if k[0] == "W" else 1) * (v - learning_rate * grads[k])
        for k, v in params.items()}, "after the gradient step"),
    (step_with(sign=0.0), "the gradient step is missing"),
    (step_with(sign=1.0), "gradient descent subtracts it"),
    (lambda params, grads, learning_rate, lam: {  # only W1 and W2 decayed: the 3-layer case shows it
        k: (1 - 2 * learning_rate * lam) * v - learning_rate * grads[k] if k in ("W1", "W2")
        else v - learning_rate * grads[k] for k, v in params.items()}, "W3'] is"),
    (in_place_step, "changed its inputs in place"),
]


@pytest.mark.parametrize("wrong, words", WRONG_STEPS)
def test_wrong_weight_decay_steps_are_caught_and_named(wrong, words, capsys):
    used, out = run(checks.check_weight_decay_step, wrong, capsys)
    assert used is generalisation.weight_decay_step and "not right yet" in out and words in out, out
    assert "it raised" not in out or words == "changed its inputs in place", out


def backward_clipped(params, X, y):  # "gradient clipping" hidden in the backward pass
    return {k: np.clip(v, -10, 10) for k, v in right_backward(params, X, y).items()}


def backward_first_samples(params, X, y):  # a loop with a hard-coded size
    grads = right_backward(params, X[:20], y[:20])
    return {k: v * min(len(y), 20) / len(y) for k, v in grads.items()}


def weight_decay_rounded(params, grads, learning_rate, lam):
    return {k: np.round(v, 2) for k, v in right_weight_decay_step(params, grads, learning_rate, lam).items()}


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("check, wrong", [(checks.check_multiclass_backward, backward_clipped),
                                          (checks.check_multiclass_backward, backward_first_samples),
                                          (checks.check_weight_decay_step, weight_decay_rounded)],
                         ids=["backward_clipped", "backward_first_samples", "weight_decay_rounded"])
def test_pattern_exploiting_answers_are_rejected(check, wrong, capsys):
    used, out = run(check, wrong, capsys)
    assert used is not wrong and out.startswith("✗") and "it raised" not in out, out


def test_every_backward_case_is_seeded_and_varied():
    from helpers.checks.generalisation import _backward_exercise
    first, second = _backward_exercise(), _backward_exercise()
    shapes = set()
    for a, b in zip(first.cases, second.cases):
        params, X, y = a.args
        np.testing.assert_array_equal(X, b.args[1])
        shapes.add((X.shape, params["W1"].shape, params["W2"].shape))
        Z1 = X @ params["W1"] + params["b1"]
        assert np.all(Z1 != 0), "ReLU has no derivative at exactly 0: no case may sit there"
        if len(y) > 1:
            assert (X < 0).any() and not np.all(np.diff(y) >= 0)  # negative inputs, unsorted labels
    assert len(shapes) == len(first.cases)
    assert any(W1[0] == W1[1] for _, W1, _ in shapes) and any(W2[0] == W2[1] for _, _, W2 in shapes)
