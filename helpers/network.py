"""A feed-forward network with one hidden layer and a logistic output (notebook 07's reference).

Shapes, for n samples with d features and h hidden units:
X (n, d) · W1 (d, h) + b1 (h,) → tanh (or ReLU) → A1 (n, h) · W2 (h, 1) + b2 (1,) → z (n,) → σ(z) = P(y = 1).
The loss is the binary cross-entropy computed stably from the logits z. Every function
takes ``activation="tanh"`` or ``"relu"`` for the hidden layer (tanh by default).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit  # σ, stable, without input checks: for the inner loop

from .losses import binary_cross_entropy_from_logits
from .models import sigmoid
from .validation import as_finite_float, as_float_array, check_binary_labels, check_labels, check_positive_int

PARAM_SHAPES = "W1 (d, h), b1 (h,), W2 (h, 1), b2 (1,)"
ACTIVATIONS = ("tanh", "relu")


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
    for key, value in p.items():   # NaN or inf would flow silently into the logits and the gradients
        if not np.isfinite(value).all():
            raise ValueError(f"params[{key!r}] contains NaN or infinite values")
    d = X.shape[1]   # h, the hidden width: b1's length, or W1's columns when b1 is not 1-D (then b1 is named)
    h = p["b1"].shape[0] if p["b1"].ndim == 1 else p["W1"].shape[1] if p["W1"].ndim == 2 else -1
    expected = {"W1": (d, h), "b1": (h,), "W2": (h, 1), "b2": (1,)}
    for key, shape in expected.items():
        if p[key].shape != shape:
            raise ValueError(f"params[{key!r}] has shape {p[key].shape}, expected {shape} for X of shape {X.shape} "
                             f"({PARAM_SHAPES})")
    return p, X


def _activation(name: str) -> str:
    if name not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {name!r}")
    return name


def _hidden(pre: np.ndarray, activation: str) -> np.ndarray:
    """tanh or ReLU of the pre-activations (n, h)."""
    return np.tanh(pre) if activation == "tanh" else np.maximum(pre, 0.0)


def _slope(A1: np.ndarray, activation: str) -> np.ndarray:
    """The activation's derivative, written with its output A1 (n, h): 1 − tanh², or 1 where ReLU > 0."""
    return 1.0 - A1**2 if activation == "tanh" else (A1 > 0).astype(float)


def _forward(p: dict[str, np.ndarray], X: np.ndarray, activation: str) -> tuple[np.ndarray, np.ndarray]:
    A1 = _hidden(X @ p["W1"] + p["b1"], activation)   # (n, h)
    z = (A1 @ p["W2"] + p["b2"])[:, 0]                 # (n,)
    return z, A1


def _gradients(p: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray, activation: str) -> dict[str, np.ndarray]:
    return _backprop(p, X, y, activation)[0]


def _backprop(p: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray,
              activation: str) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """(the gradients, the logits z (n,) they were computed at)."""
    z, A1 = _forward(p, X, activation)
    dz = (expit(z) - y)[:, None] / len(y)                    # (n, 1): (ŷ − y)/n
    dA1 = dz @ p["W2"].T                                      # (n, h)
    dZ1 = dA1 * _slope(A1, activation)                        # (n, h)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dz, "b2": dz.sum(axis=0)}, z


def _checked_labels(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    y = as_float_array(y, "y")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},) to match X of shape {X.shape}, got {y.shape}")
    check_labels(y)
    return y


def forward(params: dict, X: np.ndarray, activation: str = "tanh") -> tuple[np.ndarray, np.ndarray]:
    """The logits z (n,) and the hidden activations A1 (n, h) of the network on X (n, d)."""
    p, X = _checked(params, X)
    return _forward(p, X, _activation(activation))


def loss(params: dict, X: np.ndarray, y: np.ndarray, activation: str = "tanh") -> float:
    """Mean binary cross-entropy of the network on X (n, d) with 0/1 labels y (n,)."""
    z, _ = forward(params, X, activation)
    return binary_cross_entropy_from_logits(y, z)


def gradients(params: dict, X: np.ndarray, y: np.ndarray, activation: str = "tanh") -> dict[str, np.ndarray]:
    """∂J/∂θ for every parameter (same keys and shapes as params), by backpropagation."""
    p, X = _checked(params, X)
    return _gradients(p, X, _checked_labels(X, y), _activation(activation))


def predict_proba(params: dict, X: np.ndarray, activation: str = "tanh") -> np.ndarray:
    """P(y = 1 | x) for every row of X (n, d): shape (n,)."""
    z, _ = forward(params, X, activation)
    return sigmoid(z)


def accuracy(params: dict, X: np.ndarray, y: np.ndarray, activation: str = "tanh") -> float:
    """Share of rows of X (n, d) whose predicted class (1 where P(y = 1) ≥ 0.5, i.e. z ≥ 0) equals y (n,)."""
    p, X = _checked(params, X)
    y = _checked_labels(X, y)
    check_binary_labels(y)   # 0.7 is a soft label, not a class: no prediction can equal it
    z, _ = _forward(p, X, _activation(activation))
    return float(np.mean((z >= 0) == (y == 1)))


def _descend(params: dict, X: np.ndarray, y: np.ndarray, learning_rate: float, steps: int,
             activation: str, history: list[float] | None) -> dict[str, np.ndarray]:
    """The loop of ``descend`` and ``train``: appends the loss before each step (and at the end) to history."""
    p, X = _checked(params, X)
    y, activation = _checked_labels(X, y), _activation(activation)
    learning_rate = as_finite_float(learning_rate, "learning_rate")
    if learning_rate <= 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
    for step in range(1, check_positive_int(steps, "steps") + 1):
        with np.errstate(over="ignore", invalid="ignore"):  # reported in words below
            grads, z = _backprop(p, X, y, activation)
            p = {k: p[k] - learning_rate * grads[k] for k in p}
        if not (np.all(np.isfinite(z)) and all(np.all(np.isfinite(v)) for v in p.values())):
            raise FloatingPointError(f"the logits or the parameters became NaN or infinite at step {step}: "
                                     f"the learning rate {learning_rate} is too large")
        if history is not None:  # z is the forward pass before this step; a huge z gives an honest inf
            with np.errstate(over="ignore"):
                history.append(binary_cross_entropy_from_logits(y, z))
    if history is not None:
        history.append(loss(p, X, y, activation))
    return p


def descend(params: dict, X: np.ndarray, y: np.ndarray, learning_rate: float, steps: int,
            activation: str = "tanh") -> dict[str, np.ndarray]:
    """``steps`` full-batch gradient-descent steps θ ← θ − η·∇J(θ) from params; returns the new params only.

    params is not modified. Raises FloatingPointError (naming the step) when a parameter or a
    logit stops being finite, i.e. the learning rate is too large. ``train`` does the same and
    also returns the loss history, like ``optimizers.gradient_descent``.
    """
    return _descend(params, X, y, learning_rate, steps, activation, history=None)


def train(params: dict, X: np.ndarray, y: np.ndarray, learning_rate: float, steps: int,
          activation: str = "tanh") -> tuple[dict[str, np.ndarray], list[float]]:
    """``descend``, recording the loss: returns (params, history) like ``optimizers.gradient_descent``.

    history has length ``steps`` + 1: the mean cross-entropy on (X, y) before each step, then at the end.
    """
    history: list[float] = []
    return _descend(params, X, y, learning_rate, steps, activation, history), history


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
