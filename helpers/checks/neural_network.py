"""Checks for notebook 07: the forward and the backward pass of a one-hidden-layer network.

The network is X (n, d) → tanh(X W1 + b1) = A1 (n, h) → z = A1 W2 + b2 (n,), with
W1 (d, h), b1 (h,), W2 (h, 1), b2 (1,) and the mean binary cross-entropy of σ(z).
Cases mix hand-sized teaching cases with seeded random ones of different sizes (one of
them square, d = h, so a transposed weight gives wrong numbers instead of an error), and
one awkward case (24 samples, exact zeros, answers beyond ±10) that no pattern-matching
answer passes (tests/check_contract.py).
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .. import models, network
from ..checking import Case, Exercise, Mistake, awkward_numbers, check_of, run_check

Params = dict[str, np.ndarray]
TEACHING_X = np.array([[1.0, -2.0]])
TEACHING_PARAMS = {"W1": np.array([[0.5, -1.0, 0.0], [0.25, 0.5, 2.0]]), "b1": np.array([0.0, 0.1, -0.3]),
                   "W2": np.array([[1.0], [-2.0], [0.5]]), "b2": np.array([0.2])}


def random_network(n: int, d: int, h: int, seed: int) -> tuple[Params, np.ndarray, np.ndarray]:
    """Seeded params (non-zero biases, mixed signs), X (n, d) and 0/1 labels y (n,) with both classes when n > 1."""
    rng = np.random.default_rng(seed)
    params = {"W1": rng.normal(0, 0.8, (d, h)), "b1": rng.normal(0, 0.5, h),
              "W2": rng.normal(0, 0.8, (h, 1)), "b2": rng.normal(0, 0.5, 1)}
    X = rng.normal(0, 1.5, (n, d))
    y = (rng.random(n) < 0.5).astype(float)
    y[: min(n, 2)] = [1.0, 0.0][: min(n, 2)]
    return params, X, y


RANDOM_SIZES = [(7, 5, 4, 11), (6, 3, 3, 12), (13, 2, 6, 13)]  # (n, d, h, seed); (6, 3, 3) is square


def awkward_network() -> tuple[Params, np.ndarray, np.ndarray]:
    """24 samples of 3 features, 5 hidden units: non-round values of both signs with exact zeros
    (in X, W1 and W2; b2 = 0), large enough that |z| and the gradient of W1 go beyond 10 (every
    label is the opposite of the prediction). The other cases have at most 13 samples, |z| < 10."""
    rng = np.random.default_rng(70)
    params = {"W1": awkward_numbers(rng, (3, 5), scale=0.3), "b1": awkward_numbers(rng, 5, scale=0.5),
              "W2": awkward_numbers(rng, (5, 1), scale=8.0), "b2": np.array([0.0])}
    params["W2"][0, 0] = 0.0  # a hidden unit the output ignores
    X = awkward_numbers(rng, (24, 3), scale=10.0)
    y = (network.forward(params, X)[0] < 0).astype(float)
    return params, X, y


# --- forward -------------------------------------------------------------------------------

def _forward_with(hidden: Callable, *, b1: bool = True, b2: bool = True, out: Callable = lambda z: z,
                  weight: Callable = lambda W: W, column: bool = False) -> Callable:
    """A forward pass with one slip: another activation, a bias left out, σ applied, W1 transposed, z as a column."""
    def forward(params, X):
        A1 = hidden(X @ weight(params["W1"]) + (params["b1"] if b1 else 0))
        z = A1 @ params["W2"] + (params["b2"] if b2 else 0)
        return out(z if column else z[:, 0]), A1
    return forward


def _forward_exercise() -> Exercise:
    # Fixed and RANDOM_SIZES cases share: at most 13 samples, |z| < 10, no exact zero in X or W2.
    # awkward_network() breaks that: 24 samples, zeros in X, W1 and W2, |z| up to 28.
    zeros = {"W1": np.zeros((2, 3)), "b1": np.zeros(3), "W2": np.zeros((3, 1)), "b2": np.zeros(1)}
    X3 = np.array([[1.0, -2.0], [0.0, 0.0], [3.0, 0.5]])
    cases = [
        Case((zeros, X3), network.forward(zeros, X3),
             "all parameters 0 and X of shape (3, 2) (then every z is 0 and every A1 is 0)"),
        Case((TEACHING_PARAMS, TEACHING_X), network.forward(TEACHING_PARAMS, TEACHING_X),
             "one sample x = [1, -2], d = 2 features, h = 3 hidden units"),
    ]
    for n, d, h, seed in RANDOM_SIZES:
        params, X, _ = random_network(n, d, h, seed)
        cases.append(Case((params, X), network.forward(params, X),
                          f"random parameters, X of shape ({n}, {d}), {h} hidden units"))
    params, X, _ = awkward_network()
    cases.append(Case((params, X), network.forward(params, X),
                      "random parameters with some exact zeros, X of shape (24, 3), 5 hidden units (|z| up to 28)"))
    mistakes: list[Mistake] = [
        ("you returned probabilities σ(z); forward returns the logits z (the loss takes σ itself, stably)",
         _forward_with(np.tanh, out=models.sigmoid)),
        ("A1 has no activation: without tanh the two layers collapse into one linear model",
         _forward_with(lambda a: a)),
        ("that is ReLU, max(0, ·); this network's hidden layer uses tanh", _forward_with(lambda a: np.maximum(a, 0))),
        ("that is σ in the hidden layer; this network uses tanh there (values in (−1, 1))",
         _forward_with(models.sigmoid)),
        ("you applied tanh to the output too: z = A1 W2 + b2 has no activation (σ comes in the loss)",
         _forward_with(np.tanh, out=np.tanh)),
        ("the hidden layer is missing its bias b1", _forward_with(np.tanh, b1=False)),
        ("you added b1 after tanh; the bias belongs inside: A1 = tanh(X W1 + b1)",
         lambda params, X: (lambda A1: ((A1 @ params["W2"] + params["b2"])[:, 0], A1))(
             np.tanh(X @ params["W1"]) + params["b1"])),
        ("the output is missing its bias b2", _forward_with(np.tanh, b2=False)),
        ("you multiplied by W1.T: X (n, d) @ W1 (d, h) already has the shape (n, h) you need",
         _forward_with(np.tanh, weight=lambda W: W.T)),
        ("z has shape (n, 1), a column; return it as shape (n,) with [:, 0] (or .ravel())",
         _forward_with(np.tanh, column=True)),
        ("you returned A1, z; the order is `return z, A1`",
         lambda params, X: network.forward(params, X)[::-1]),
    ]
    return Exercise("forward", network.forward, cases, mistakes, returns=("z", "A1"))


@check_of(_forward_exercise)
def check_network_forward(fn: Callable[[dict, np.ndarray], tuple]) -> Callable[[dict, np.ndarray], tuple]:
    """Check a learner's ``forward(params, X) -> (z (n,), A1 (n, h))``; returns the function to use."""
    return run_check(fn, _forward_exercise())


# --- backward ------------------------------------------------------------------------------

def _backward_with(*, slope: Callable = lambda A1, Z1: 1 - A1**2, error: Callable = lambda p, y, z: p - y,
                   divide: bool = True, bias: Callable = lambda d: d.sum(axis=0),
                   W1: Callable = lambda X, dZ1: X.T @ dZ1, W2: Callable = lambda A1, Z1, dz: A1.T @ dz,
                   back: Callable = lambda dz, W2: dz @ W2.T) -> Callable:
    """The backward pass with one slip in one place (everything else right)."""
    def backward(params, X, y):
        Z1 = X @ params["W1"] + params["b1"]                 # (n, h)
        A1 = np.tanh(Z1)                                      # (n, h)
        z = (A1 @ params["W2"] + params["b2"])[:, 0]          # (n,)
        dz = error(models.sigmoid(z), y, z)[:, None] / (len(y) if divide else 1)  # (n, 1)
        dZ1 = back(dz, params["W2"]) * slope(A1, Z1)         # (n, h)
        return {"W1": W1(X, dZ1), "b1": bias(dZ1), "W2": W2(A1, Z1, dz), "b2": bias(dz)}
    return backward


def _backward_exercise() -> Exercise:
    # Fixed and RANDOM_SIZES cases share: at most 13 samples, gradients below 10, b2 ≠ 0, no exact
    # zero in X or W2. awkward_network() breaks that: 24 samples, zeros in X, W1, W2 and b2,
    # every prediction wrong so that ∂J/∂W1 goes beyond ±10.
    cases = [Case((TEACHING_PARAMS, TEACHING_X, np.array([1.0])),
                  network.gradients(TEACHING_PARAMS, TEACHING_X, np.array([1.0])),
                  "one sample x = [1, -2] with label 1, d = 2 features, h = 3 hidden units")]
    for n, d, h, seed in RANDOM_SIZES:
        params, X, y = random_network(n, d, h, seed)
        cases.append(Case((params, X, y), network.gradients(params, X, y),
                          f"random parameters, X of shape ({n}, {d}), {h} hidden units"))
    params, X, y = awkward_network()
    cases.append(Case((params, X, y), network.gradients(params, X, y),
                      "random parameters with some exact zeros, X of shape (24, 3), 5 hidden units, every "
                      "prediction wrong (∂J/∂W1 beyond ±10)"))
    mistakes: list[Mistake] = [
        ("the tanh derivative is missing: going back through A1 = tanh(Z1) multiplies by tanh'(Z1) = 1 − A1² "
         "(elementwise)", _backward_with(slope=lambda A1, Z1: 1.0)),
        ("you multiplied by A1 = tanh(Z1) itself; the derivative of tanh is 1 − tanh² = 1 − A1²",
         _backward_with(slope=lambda A1, Z1: A1)),
        ("you took tanh of A1 again: A1 is already tanh(Z1), so tanh'(Z1) = 1 − A1² (no second np.tanh)",
         _backward_with(slope=lambda A1, Z1: 1 - np.tanh(A1) ** 2)),
        ("the tanh derivative is 1 − A1², squared: you wrote 1 − A1", _backward_with(slope=lambda A1, Z1: 1 - A1)),
        ("A1(1 − A1) is σ′, the derivative of the sigmoid; this hidden layer uses tanh, whose derivative is "
         "1 − tanh²(Z1) = 1 − A1²", _backward_with(slope=lambda A1, Z1: A1 * (1 - A1))),
        ("∂J/∂A1 is missing W2: going back through z = A1 W2 + b2, each hidden unit gets dz times ITS weight in "
         "W2 (dA1 = dz @ W2.T, shape (n, h)); without W2 every hidden unit gets the same dz",
         _backward_with(back=lambda dz, W2: dz)),
        ("that is the ReLU derivative (1 where positive); this network uses tanh, whose derivative is 1 − A1²",
         _backward_with(slope=lambda A1, Z1: (Z1 > 0).astype(float))),
        ("you summed over the samples but forgot the 1/n: the loss is a mean, so every gradient is divided by n",
         _backward_with(divide=False)),
        ("∂J/∂b1 must be summed over the batch (one value per hidden unit, shape (h,)): sum dZ1 over axis 0",
         _backward_with(bias=lambda d: d)),
        ("you summed the bias gradient over everything (np.sum without axis=0): each hidden unit needs its own "
         "value, shape (h,)", _backward_with(bias=lambda d: d.sum())),
        ("you averaged the bias gradient over the batch, but dz already holds the 1/n: sum over axis 0 instead",
         _backward_with(bias=lambda d: d.mean(axis=0))),
        ("∂J/∂W1 is divided by n twice: dz already carries the 1/n of the mean, so ∂J/∂W1 = X.T @ dZ1",
         _backward_with(W1=lambda X, dZ1: X.T @ dZ1 / len(X))),
        ("∂J/∂W2 is divided by n twice: dz already carries the 1/n of the mean, so ∂J/∂W2 = A1.T @ dz",
         _backward_with(W2=lambda A1, Z1, dz: A1.T @ dz / len(A1))),
        ("∂J/∂W1 is transposed: it has the shape of W1, (d, h), so it is X.T @ dZ1",
         _backward_with(W1=lambda X, dZ1: dZ1.T @ X)),
        ("∂J/∂W2 is transposed: it has the shape of W2, (h, 1), so it is A1.T @ dz",
         _backward_with(W2=lambda A1, Z1, dz: dz.T @ A1)),
        ("∂J/∂W2 uses the pre-activations Z1; the output layer's input is A1 = tanh(Z1)",
         _backward_with(W2=lambda A1, Z1, dz: Z1.T @ dz)),
        ("the signs are flipped: ∂J/∂z = ŷ − y, not y − ŷ (gradient descent would climb)",
         _backward_with(error=lambda p, y, z: y - p)),
        ("you used z where ŷ = σ(z) belongs: ∂J/∂z = σ(z) − y", _backward_with(error=lambda p, y, z: z - y)),
        ("you multiplied by σ'(z) = ŷ(1 − ŷ): with the cross-entropy it cancels, ∂J/∂z = ŷ − y",
         _backward_with(error=lambda p, y, z: (p - y) * p * (1 - p))),
    ]
    return Exercise("backward", network.gradients, cases, mistakes,
                    exempt={"abs:y": "labels are 0 or 1, never negative"})


@check_of(_backward_exercise)
def check_network_backward(fn: Callable[[dict, np.ndarray, np.ndarray], dict]) -> Callable[..., dict]:
    """Check a learner's ``backward(params, X, y) -> {"W1", "b1", "W2", "b2"}`` (gradients); returns the one to use."""
    return run_check(fn, _backward_exercise())
