"""Checks for notebook 10: k-fold ids, the backward pass of a ReLU + softmax network, a weight-decay step.

The network is X (n, d) → Z1 = X W1 + b1 → A1 = ReLU(Z1) (n, h) → scores = A1 W2 + b2 (n, K), with the
mean softmax cross-entropy (``helpers.mlp``). Cases mix hand-sized teaching cases with seeded random
ones of different sizes (some square, d = h or h = K, so a transposed product gives wrong numbers
instead of an error) and one awkward case (24 samples, exact zeros, answers beyond ±10) that no
pattern-matching answer passes (tests/check_contract.py).
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .. import generalisation, mlp
from ..checking import Case, Exercise, Mistake, awkward_numbers, check_of, run_check

Params = dict[str, np.ndarray]

# --- k-fold ids ------------------------------------------------------------------------------


def _fold_ids_exercise() -> Exercise:
    # n from 3 to 101, k from 2 to n; remainders 0, 1 and several; one case with k = n (leave-one-out).
    sizes = [(10, 5, "n = 10 samples, k = 5 folds (2 each)"), (10, 3, "n = 10, k = 3 (sizes 4, 3, 3)"),
             (7, 7, "n = 7, k = 7: one sample per fold (leave-one-out)"), (3, 2, "n = 3, k = 2"),
             (23, 4, "n = 23, k = 4"), (101, 12, "n = 101, k = 12")]
    cases = [Case((), generalisation.fold_ids(n, k), label, kwargs={"n": n, "k": k}) for n, k, label in sizes]

    def blocks_of(size: Callable[[int, int], int]) -> Callable[..., np.ndarray]:
        return lambda n, k: np.arange(n) // size(n, k)

    mistakes: list[Mistake] = [
        ("you dealt the samples out like cards (i % k): a fair split too, but here each fold is one block of "
         "neighbouring samples, as scikit-learn's KFold makes them", lambda n, k: np.arange(n) % k),
        ("the leftover n % k samples all went into the last fold: spread them, one each to the first n % k folds",
         lambda n, k: np.minimum(np.arange(n) // (n // k), k - 1)),
        ("blocks of n // k samples give more than k folds when n % k > 0 (the leftovers form an extra fold): "
         "the first n % k folds must take one sample more", blocks_of(lambda n, k: n // k)),
        ("blocks of ⌈n / k⌉ samples leave the last folds short (or empty): the folds may differ by at most one "
         "sample, the first n % k folds taking the extra ones", blocks_of(lambda n, k: -(-n // k))),
        ("fold numbers start at 0 (folds 0 … k−1, as Python counts)", lambda n, k: generalisation.fold_ids(n, k) + 1),
        ("the extra samples went to the last n % k folds; KFold gives them to the first ones",
         lambda n, k: (k - 1) - generalisation.fold_ids(n, k)[::-1]),
    ]
    return Exercise("fold_ids", generalisation.fold_ids, cases, mistakes, exempt={
        "abs:n": "a number of samples is never negative", "abs:k": "a number of folds is never negative",
        "zero:n": "there are always samples", "zero:k": "there are always at least 2 folds",
        "round2": "fold numbers are whole numbers (no decimals to round)",
        "clip10": "fold numbers are whole numbers; the exploit only clips decimal answers"})


@check_of(_fold_ids_exercise)
def check_fold_ids(fn: Callable[[int, int], np.ndarray]) -> Callable[[int, int], np.ndarray]:
    """Check a learner's ``fold_ids(n, k) -> (n,)`` fold number of every sample; returns the function to use."""
    return run_check(fn, _fold_ids_exercise())


# --- the backward pass of the ReLU + softmax network -----------------------------------------

TEACHING_X = np.array([[1.0, -2.0]])
TEACHING_PARAMS = {"W1": np.array([[0.5, -1.0, 0.0], [0.25, 0.5, 2.0]]), "b1": np.array([0.2, 0.1, -0.3]),
                   "W2": np.array([[1.0, -0.5, 0.0], [-2.0, 0.5, 1.0], [0.5, 0.0, -1.0]]),
                   "b2": np.array([0.2, 0.0, -0.1])}   # Z1 = [0.2, -1.9, -4.3]: both sides of ReLU


def random_network(n: int, d: int, h: int, K: int, seed: int) -> tuple[Params, np.ndarray, np.ndarray]:
    """Seeded params (non-zero biases, both signs), X (n, d) and unsorted labels y (n,) in 0 … K−1 with 0 and K−1."""
    rng = np.random.default_rng(seed)
    params = {"W1": rng.normal(0, 0.8, (d, h)), "b1": rng.normal(0, 0.5, h),
              "W2": rng.normal(0, 0.8, (h, K)), "b2": rng.normal(0, 0.5, K)}
    X = rng.normal(0, 1.5, (n, d))
    y = rng.integers(0, K, n)
    y[:2] = [K - 1, 0]
    return params, X, y


RANDOM_SIZES = [(7, 5, 4, 3, 21), (6, 3, 3, 4, 22), (13, 2, 6, 6, 23)]  # (n, d, h, K, seed): d = h, then h = K


def awkward_network() -> tuple[Params, np.ndarray, np.ndarray]:
    """24 samples of 3 features, 5 hidden units, 4 classes: values of both signs with exact zeros in X,
    W1, b1, W2 and b2, large enough that ∂J/∂W1 goes beyond ±10 (each label is the class the network
    likes least). No hidden pre-activation is exactly 0, where ReLU has no derivative."""
    rng = np.random.default_rng(100)
    params = {"W1": awkward_numbers(rng, (3, 5), scale=0.4), "b1": awkward_numbers(rng, 5, scale=0.5),
              "W2": awkward_numbers(rng, (5, 4), scale=6.0), "b2": awkward_numbers(rng, 4, scale=1.0)}
    params["W1"][2, 3], params["b1"][1], params["b2"][2], params["W2"][0, 0] = 0.0, 0.0, 0.0, 0.0
    X = awkward_numbers(rng, (24, 3), scale=10.0)
    y = mlp.forward(params, X).argmin(axis=1)
    return params, X, y


def _backward_with(*, slope: Callable = lambda A1, Z1: (Z1 > 0), probs: Callable = None,
                   target: Callable = None, divide: bool = True, bias: Callable = lambda d: d.sum(axis=0),
                   W1: Callable = lambda X, dZ1: X.T @ dZ1, W2: Callable = lambda A1, Z1, dS: A1.T @ dS) -> Callable:
    """The backward pass with one slip in one place (everything else right)."""
    def backward(params, X, y):
        Z1 = X @ params["W1"] + params["b1"]                       # (n, h)
        A1 = np.maximum(Z1, 0)                                      # (n, h)
        S = A1 @ params["W2"] + params["b2"]                        # (n, K)
        P = np.exp(S - S.max(axis=1, keepdims=True))
        P = P / P.sum(axis=1, keepdims=True) if probs is None else probs(S)
        n, K = S.shape
        dS = (P - np.eye(K)[y]) if target is None else target(P, y)  # (n, K)
        dS = dS / (n if divide else 1)
        dZ1 = (dS @ params["W2"].T) * slope(A1, Z1)                # (n, h)
        return {"W1": W1(X, dZ1), "b1": bias(dZ1), "W2": W2(A1, Z1, dS), "b2": bias(dS)}
    return backward


def _columns_minus_one(P: np.ndarray, y: np.ndarray) -> np.ndarray:
    G = P.copy()
    G[:, y] -= 1
    return G


def _rows_set_to_one(P: np.ndarray, y: np.ndarray) -> np.ndarray:
    Y = np.zeros_like(P)
    Y[y] = 1
    return P - Y


def _backward_exercise() -> Exercise:
    # Fixed and RANDOM_SIZES cases share: at most 13 samples, gradients below 10, no exact zero in X.
    # awkward_network() breaks that: 24 samples, zeros in X, W1, b1, W2 and b2, ∂J/∂W1 beyond ±10.
    cases = [Case((TEACHING_PARAMS, TEACHING_X, np.array([2])), mlp.gradients(TEACHING_PARAMS, TEACHING_X, np.array([2])),
                  "one sample x = [1, -2] of class 2, d = 2 features, h = 3 hidden units, K = 3 classes")]
    for n, d, h, K, seed in RANDOM_SIZES:
        params, X, y = random_network(n, d, h, K, seed)
        cases.append(Case((params, X, y), mlp.gradients(params, X, y),
                          f"random parameters, X of shape ({n}, {d}), {h} hidden units, {K} classes"))
    params, X, y = awkward_network()
    cases.append(Case((params, X, y), mlp.gradients(params, X, y),
                      "random parameters with some exact zeros, X of shape (24, 3), 5 hidden units, 4 classes, "
                      "every prediction wrong (∂J/∂W1 beyond ±10)"))
    mistakes: list[Mistake] = [
        ("the ReLU derivative is missing, or taken from the output as A1 >= 0, which is always true (ReLU's "
         "output is never negative): ReLU'(Z1) is 1 where the INPUT Z1 = X W1 + b1 is positive, else 0",
         _backward_with(slope=lambda A1, Z1: 1.0)),
        ("you multiplied by the ReLU output A1 itself; its derivative is the 0/1 mask: 1 where the input Z1 > 0",
         _backward_with(slope=lambda A1, Z1: A1)),
        ("the ReLU mask is the wrong way round: the gradient passes where the input Z1 > 0 and stops where it is "
         "≤ 0", _backward_with(slope=lambda A1, Z1: (Z1 <= 0))),
        ("that is the tanh derivative 1 − A1²; this network uses ReLU, whose derivative is 1 where Z1 > 0, else 0",
         _backward_with(slope=lambda A1, Z1: 1 - A1**2)),
        ("you summed over the samples but forgot the 1/n: the loss is a mean, so ∂J/∂scores = (softmax − one-hot)/n",
         _backward_with(divide=False)),
        ("the one-hot is built wrong: P[:, y] -= 1 subtracts 1 in whole columns (every row, every label's "
         "column); row i needs −1 only in its own class: P[np.arange(n), y] -= 1",
         _backward_with(target=_columns_minus_one)),
        ("the one-hot is built wrong: Y[y] = 1 sets whole ROWS (row number y_i) to 1; row i needs a single 1, "
         "in column y_i: Y[np.arange(n), y] = 1 (or np.eye(K)[y])", _backward_with(target=_rows_set_to_one)),
        ("the one-hot is shifted by one class (y − 1?): labels are 0 … K−1, so row i has its 1 in column y_i",
         _backward_with(target=lambda P, y: P - np.eye(P.shape[1])[y - 1])),
        ("the one-hot is missing: ∂J/∂scores = (softmax − one-hot)/n, not softmax/n",
         _backward_with(target=lambda P, y: P)),
        ("you used the scores where the probabilities belong: ∂J/∂scores = (softmax(scores) − one-hot)/n",
         _backward_with(probs=lambda S: S)),
        ("the signs are flipped: ∂J/∂scores = softmax − one-hot, not one-hot − softmax (gradient descent would "
         "climb)", _backward_with(target=lambda P, y: np.eye(P.shape[1])[y] - P)),
        ("the bias gradient is not summed over the samples: ∂J/∂b has one value per unit, shape (h,) or (K,): "
         "sum over axis 0", _backward_with(bias=lambda d: d)),
        ("you summed the bias gradient over everything (np.sum without axis=0): each unit needs its own value",
         _backward_with(bias=lambda d: d.sum())),
        ("you averaged the bias gradient over the samples, but dS already holds the 1/n: sum over axis 0 instead",
         _backward_with(bias=lambda d: d.mean(axis=0))),
        ("∂J/∂W1 is divided by n twice: dS already carries the 1/n of the mean, so ∂J/∂W1 = X.T @ dZ1",
         _backward_with(W1=lambda X, dZ1: X.T @ dZ1 / len(X))),
        ("∂J/∂W2 is divided by n twice: dS already carries the 1/n of the mean, so ∂J/∂W2 = A1.T @ dS",
         _backward_with(W2=lambda A1, Z1, dS: A1.T @ dS / len(A1))),
        ("∂J/∂W1 is transposed: it has the shape of W1, (d, h), so it is X.T @ dZ1",
         _backward_with(W1=lambda X, dZ1: dZ1.T @ X)),
        ("∂J/∂W2 is transposed: it has the shape of W2, (h, K), so it is A1.T @ dS",
         _backward_with(W2=lambda A1, Z1, dS: dS.T @ A1)),
        ("∂J/∂W2 uses the pre-activations Z1; the output layer's input is A1 = ReLU(Z1)",
         _backward_with(W2=lambda A1, Z1, dS: Z1.T @ dS)),
    ]
    return Exercise("backward", mlp.gradients, cases, mistakes,
                    exempt={"abs:y": "class labels are never negative"})


@check_of(_backward_exercise)
def check_multiclass_backward(fn: Callable[[dict, np.ndarray, np.ndarray], dict]) -> Callable[..., dict]:
    """Check a learner's ``backward(params, X, y) -> {"W1", "b1", "W2", "b2"}`` (gradients); returns the one to use."""
    return run_check(fn, _backward_exercise())


# --- one step with weight decay --------------------------------------------------------------

def _random_step_case(shapes: list[tuple[int, ...]], seed: int, scale: float = 1.0) -> tuple[Params, Params]:
    """Seeded params W1, b1, W2, b2, ... of the given shapes (weights, then biases; at least 3 entries each)
    and their gradients, every array with a positive, then a negative entry down its first column and an exact 0."""
    rng = np.random.default_rng(seed)
    params, grads = {}, {}
    for layer, (w_shape, b_shape) in enumerate(zip(shapes[::2], shapes[1::2]), start=1):
        for key, shape in ((f"W{layer}", w_shape), (f"b{layer}", b_shape)):
            params[key] = awkward_numbers(rng, shape, scale=scale)
            grads[key] = awkward_numbers(rng, shape, scale=scale / 2)
            for array in (params[key], grads[key]):   # down the first column: +, −, ...; and an exact 0
                rows = array.reshape(len(array), -1)
                rows[0, 0], rows[1, 0] = abs(rows[0, 0]) + 0.5, -abs(rows[1, 0]) - 0.5
                rows[-1, -1] = 0.0
    return params, grads


def _step_with(*, decay: Callable = lambda eta, lam: 1 - 2 * eta * lam, biases: bool = False,
               gradient_sign: float = -1.0, after: bool = False) -> Callable:
    """One weight-decay step with one slip (everything else right)."""
    def step(params, grads, learning_rate, lam):
        factor = decay(learning_rate, lam)
        out = {}
        for key, value in params.items():
            shrink = factor if (key.startswith("W") or biases) else 1.0
            moved = value + gradient_sign * learning_rate * grads[key]
            out[key] = shrink * moved if after else shrink * value + gradient_sign * learning_rate * grads[key]
        return out
    return step


def _weight_decay_exercise() -> Exercise:
    # Fixed cases: 1 layer or 2, small round numbers; random ones: 2 or 3 layers, λ = 0 in one;
    # the awkward case: W1 with 24 rows, exact zeros, values beyond ±10.
    teaching_params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([0.5, -0.5])}
    teaching_grads = {"W1": np.array([[0.5, 1.0]]), "b1": np.array([1.0, -1.0])}
    cases = [Case((), generalisation.weight_decay_step(teaching_params, teaching_grads, 0.1, 0.5),
                  "W1 = [[1, -2]], b1 = [0.5, -0.5], η = 0.1, λ = 0.5 (the weights shrink by 1 − 2ηλ = 0.9)",
                  kwargs={"params": teaching_params, "grads": teaching_grads, "learning_rate": 0.1, "lam": 0.5})]
    for shapes, seed, eta, lam, label in [
        ([(3, 4), (4,), (4, 3), (3,)], 31, 0.3, 0.0, "random W1 (3, 4), b1, W2 (4, 3), b2, η = 0.3, λ = 0 (no decay)"),
        ([(2, 3), (3,), (3, 4), (4,), (4, 3), (3,)], 32, 0.07, 0.05, "three layers (W1, b1, ..., W3, b3), η = 0.07, λ = 0.05"),
        ([(24, 3), (3,), (3, 4), (4,)], 33, 0.9, 0.37, "W1 of shape (24, 3) with values beyond ±10, η = 0.9, "
                                                       "λ = 0.37"),
    ]:
        params, grads = _random_step_case(shapes, seed, scale=8.0 if shapes[0][0] == 24 else 1.0)
        cases.append(Case((), generalisation.weight_decay_step(params, grads, eta, lam), label,
                          kwargs={"params": params, "grads": grads, "learning_rate": eta, "lam": lam}))
    mistakes: list[Mistake] = [
        ("the penalty λ·ΣW² has the gradient 2λW: you used λW, so the weights shrink by 1 − ηλ instead of 1 − 2ηλ",
         _step_with(decay=lambda eta, lam: 1 - eta * lam)),
        ("you decayed the biases too: the penalty λ·ΣW² is on the weights (keys W1, W2, ...) only",
         _step_with(biases=True)),
        ("the decay factor is 1 − 2ηλ: the penalty's gradient 2λW is a gradient like any other, so it is "
         "multiplied by the learning rate η too", _step_with(decay=lambda eta, lam: 1 - 2 * lam)),
        ("the weights grow: the factor is 1 − 2ηλ (the step goes against the penalty's gradient 2λW)",
         _step_with(decay=lambda eta, lam: 1 + 2 * eta * lam)),
        ("you shrank the weights after the gradient step, (1 − 2ηλ)(W − η∂J/∂W): both gradients are taken at the "
         "same, old W, so W ← (1 − 2ηλ)W − η∂J/∂W", _step_with(after=True)),
        ("the gradient step is missing: after the decay, subtract η·∂J/∂θ (for every parameter)",
         _step_with(gradient_sign=0.0)),
        ("you added η·∂J/∂θ: gradient descent subtracts it (θ ← θ − η·∂J/∂θ)", _step_with(gradient_sign=1.0)),
    ]
    return Exercise("weight_decay_step", generalisation.weight_decay_step, cases, mistakes, exempt={
        "abs:learning_rate": "a learning rate is always positive",
        "zero:learning_rate": "a learning rate is never 0",
        "abs:lam": "λ is never negative"})


@check_of(_weight_decay_exercise)
def check_weight_decay_step(fn: Callable[[dict, dict, float, float], dict]) -> Callable[..., dict]:
    """Check a learner's ``weight_decay_step(params, grads, learning_rate, lam) -> new params``; returns the one to use."""
    return run_check(fn, _weight_decay_exercise())
