"""A feed-forward network with one hidden layer and a logistic output (notebook 07's reference).

Shapes, for n samples with d features and h hidden units:
X (n, d) · W1 (d, h) + b1 (h,) → tanh → A1 (n, h) · W2 (h, 1) + b2 (1,) → z (n,) → σ(z) = P(y = 1).
The loss is the binary cross-entropy computed stably from the logits z.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize

from .losses import binary_cross_entropy_from_logits
from .models import sigmoid
from .validation import as_float_array, check_labels, check_positive_int

PARAM_SHAPES = "W1 (d, h), b1 (h,), W2 (h, 1), b2 (1,)"


def init_params(n_features: int, n_hidden: int, seed: int = 0, scale: float = 0.5) -> dict[str, np.ndarray]:
    """Small random weights N(0, scale²) and zero biases: W1 (d, h), b1 (h,), W2 (h, 1), b2 (1,)."""
    n_features, n_hidden = check_positive_int(n_features, "n_features"), check_positive_int(n_hidden, "n_hidden")
    rng = np.random.default_rng(seed)
    return {"W1": scale * rng.standard_normal((n_features, n_hidden)), "b1": np.zeros(n_hidden),
            "W2": scale * rng.standard_normal((n_hidden, 1)), "b2": np.zeros(1)}


def _checked(params: dict, X: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    if not isinstance(params, dict) or set(params) != {"W1", "b1", "W2", "b2"}:
        raise ValueError(f"params must be a dict with keys W1, b1, W2, b2 ({PARAM_SHAPES}), "
                         f"got {sorted(params) if isinstance(params, dict) else type(params).__name__}")
    X = as_float_array(X, "X", ndim=2)
    p = {k: np.asarray(v, dtype=float) for k, v in params.items()}
    d, h = X.shape[1], p["b1"].shape[0] if p["b1"].ndim == 1 else -1
    expected = {"W1": (d, h), "b1": (h,), "W2": (h, 1), "b2": (1,)}
    for key, shape in expected.items():
        if p[key].shape != shape:
            raise ValueError(f"params[{key!r}] has shape {p[key].shape}, expected {shape} for X of shape {X.shape} "
                             f"({PARAM_SHAPES})")
    return p, X


def forward(params: dict, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The logits z (n,) and the hidden activations A1 (n, h) of the network on X (n, d)."""
    p, X = _checked(params, X)
    A1 = np.tanh(X @ p["W1"] + p["b1"])       # (n, h)
    z = (A1 @ p["W2"] + p["b2"])[:, 0]         # (n,)
    return z, A1


def loss(params: dict, X: np.ndarray, y: np.ndarray) -> float:
    """Mean binary cross-entropy of the network on X (n, d) with 0/1 labels y (n,)."""
    z, _ = forward(params, X)
    return binary_cross_entropy_from_logits(y, z)


def gradients(params: dict, X: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    """∂J/∂θ for every parameter (same keys and shapes as params), by backpropagation."""
    p, X = _checked(params, X)
    y = as_float_array(y, "y")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},) to match X of shape {X.shape}, got {y.shape}")
    check_labels(y)
    z, A1 = forward(p, X)
    dz = (sigmoid(z) - y)[:, None] / len(y)                  # (n, 1): (ŷ − y)/n
    dA1 = dz @ p["W2"].T                                      # (n, h)
    dZ1 = dA1 * (1.0 - A1**2)                                 # (n, h): tanh' = 1 − tanh²
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dz, "b2": dz.sum(axis=0)}


def predict_proba(params: dict, X: np.ndarray) -> np.ndarray:
    """P(y = 1 | x) for every row of X (n, d): shape (n,)."""
    z, _ = forward(params, X)
    return sigmoid(z)


def fit_lbfgs(params: dict, X: np.ndarray, y: np.ndarray, max_iter: int = 1000) -> tuple[dict, list[float]]:
    """Train with SciPy's L-BFGS on this module's loss and gradients; returns (params, loss per iteration).

    The optimizer is borrowed (it uses curvature estimates, so it needs far fewer steps
    than plain gradient descent); the loss and the gradients are the course's own.
    """
    p, X = _checked(params, X)
    max_iter = check_positive_int(max_iter, "max_iter")
    keys = list(p)

    def unflatten(vector: np.ndarray) -> dict[str, np.ndarray]:
        pieces = np.split(vector, np.cumsum([p[k].size for k in keys])[:-1])
        return {k: piece.reshape(p[k].shape) for k, piece in zip(keys, pieces)}

    def loss_and_gradient(vector: np.ndarray) -> tuple[float, np.ndarray]:
        current = unflatten(vector)
        grads = gradients(current, X, y)
        return loss(current, X, y), np.concatenate([grads[k].ravel() for k in keys])

    history = [loss(p, X, y)]

    def record(intermediate_result) -> None:  # noqa: ANN001 - SciPy passes an OptimizeResult by this name
        history.append(float(intermediate_result.fun))

    result = minimize(loss_and_gradient, np.concatenate([p[k].ravel() for k in keys]), jac=True, method="L-BFGS-B",
                      callback=record,
                      options={"maxiter": max_iter, "gtol": 1e-10, "ftol": 1e-15})
    return unflatten(result.x), history
