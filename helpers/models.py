"""Reference models: functions f(x; θ) that map inputs to outputs."""

from __future__ import annotations

import numpy as np

from .validation import as_finite_float, as_float_array, check_binary_labels


def linear(x: np.ndarray, w: float, b: float) -> np.ndarray:
    """Predict ŷ = w·x + b for inputs x (n,); returns shape (n,)."""
    x = as_float_array(x, "x")
    return as_finite_float(w, "w") * x + as_finite_float(b, "b")


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function σ(z) = 1 / (1 + e^(−z)), elementwise, any shape; no overflow.

    For z < 0 it uses the equal form e^z / (1 + e^z), so e^(−z) is never computed for
    very negative z (σ(−1000) is 0.0 with no warning, σ(1000) is 1.0).
    """
    z = as_float_array(z, "z", ndim=None)
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1.0 + e)
    return out


def _logistic_inputs(x: np.ndarray, w: float | np.ndarray) -> tuple[np.ndarray, float | np.ndarray]:
    """Validate x (n,) with a float w, or x (n, n_features) with w (n_features,)."""
    x = as_float_array(x, "x", ndim=None)
    if x.ndim == 1:
        return x, as_finite_float(w, "w")
    if x.ndim != 2:
        raise ValueError(f"x must be shape (n,) or (n, n_features), got an array of shape {x.shape}")
    w = as_float_array(w, "w")
    if w.shape != (x.shape[1],):
        raise ValueError(f"x has shape {x.shape} (n, n_features), so w must be shape ({x.shape[1]},), "
                         f"got {w.shape}")
    return x, w


def logistic_logits(x: np.ndarray, w: float | np.ndarray, b: float) -> np.ndarray:
    """The logits z = w·x + b, shape (n,).

    x is (n,) with a float w (one feature), or (n, n_features) with w (n_features,),
    one row per sample: then z = x @ w + b.
    """
    x, w = _logistic_inputs(x, w)
    b = as_finite_float(b, "b")
    return x * w + b if x.ndim == 1 else x @ w + b


def logistic(x: np.ndarray, w: float | np.ndarray, b: float) -> np.ndarray:
    """Logistic regression ŷ = σ(w·x + b) = P(y = 1 | x), shape (n,); x as in ``logistic_logits``."""
    return sigmoid(logistic_logits(x, w, b))


def logistic_gradients(x: np.ndarray, y: np.ndarray, w: float | np.ndarray, b: float) -> dict:
    """Gradient of the mean binary cross-entropy of ŷ = σ(w·x + b) against labels y (n,).

    With ŷ − y = ∂J/∂z per sample: ∂J/∂w = mean((ŷ − y)·x), ∂J/∂b = mean(ŷ − y).
    x is (n,) with a float w, or (n, n_features) with w (n_features,); returns
    {"w": float or array (n_features,), "b": float}, the structure of the parameters.
    """
    x, w = _logistic_inputs(x, w)
    y = as_float_array(y, "y")
    if y.shape != (x.shape[0],):
        raise ValueError(f"y must be shape ({x.shape[0]},), one label per sample of x, got {y.shape}")
    check_binary_labels(y)
    error = logistic(x, w, b) - y  # ∂J/∂z for each sample, shape (n,)
    if x.ndim == 1:
        return {"w": float(np.mean(error * x)), "b": float(np.mean(error))}
    return {"w": x.T @ error / len(error), "b": float(np.mean(error))}
