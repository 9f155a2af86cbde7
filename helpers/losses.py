"""Reference loss functions: what the learners' exercises are checked against."""

from __future__ import annotations

import numpy as np

from .validation import as_finite_float, as_float_array, check_labels, check_same_shape


def mse(y: np.ndarray, y_hat: np.ndarray) -> float:
    """Mean squared error (1/n) Σ (y_i − ŷ_i)² of predictions y_hat (n,) against targets y (n,)."""
    y = as_float_array(y, "y")
    y_hat = as_float_array(y_hat, "y_hat")
    check_same_shape(y, y_hat, "y", "y_hat")
    residuals = y - y_hat
    return float(np.mean(residuals**2))


def best_constant(y: np.ndarray) -> float:
    """The constant prediction c that minimises the MSE of y (n,): the mean of y.

    (1/n)Σ(y_i − c)² = (1/n)Σ(y_i − ȳ)² + (ȳ − c)², smallest at c = ȳ (notebook 01, Exercise 4).
    """
    y = as_float_array(y, "y")
    if y.size == 0:
        raise ValueError("y is empty: the best constant of no data is undefined")
    return float(np.mean(y))


def binary_cross_entropy_from_logits(y: np.ndarray, z: np.ndarray) -> float:
    """Mean binary cross-entropy of labels y (n,) in [0, 1] given logits z = w·x + b (n,).

    Equal to −mean[y log σ(z) + (1 − y) log(1 − σ(z))], computed stably as
    mean[softplus(z) − y·z] with softplus(z) = log(1 + e^z) = np.logaddexp(0, z):
    finite for logits of ±1000, no log(0) and no overflow.
    """
    y = as_float_array(y, "y")
    z = as_float_array(z, "z")
    check_same_shape(y, z, "y", "z")
    check_labels(y)
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def binary_cross_entropy(y: np.ndarray, y_hat: np.ndarray, eps: float = 1e-12) -> float:
    """Mean binary cross-entropy −mean[y log ŷ + (1 − y) log(1 − ŷ)] of probabilities y_hat (n,).

    ŷ is first clipped into [eps, 1 − eps], so a prediction of exactly 0 or 1 (σ(z)
    rounds to 1.0 for z above about 37) never gives log(0): the clipped loss is finite,
    but a confidently wrong point costs at most −log(eps). When the logits z are at hand,
    ``binary_cross_entropy_from_logits`` is exact and needs no clipping.
    """
    y = as_float_array(y, "y")
    y_hat = as_float_array(y_hat, "y_hat")
    check_same_shape(y, y_hat, "y", "y_hat")
    check_labels(y)
    if np.any((y_hat < 0) | (y_hat > 1)):
        raise ValueError("y_hat must hold probabilities between 0 and 1: pass σ(z), not the logits z")
    eps = as_finite_float(eps, "eps")
    if not 0 < eps < 0.5:
        raise ValueError(f"eps must be between 0 and 0.5 (e.g. 1e-12), got {eps}")
    p = np.clip(y_hat, eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def mse_gradient(x: np.ndarray, y: np.ndarray, params: dict) -> dict[str, float]:
    """Gradient of the MSE of the line ŷ = w·x + b on data x (n,), y (n,) at params {"w", "b"}.

    ∂L/∂w = (2/n) Σ (ŷ_i − y_i)·x_i and ∂L/∂b = (2/n) Σ (ŷ_i − y_i); returns
    {"w": float, "b": float}, the same keys as params.
    """
    x, y = as_float_array(x, "x"), as_float_array(y, "y")
    check_same_shape(x, y, "x", "y")
    if not isinstance(params, dict) or set(params) != {"w", "b"}:
        raise ValueError(f"params must be a dict with keys ['b', 'w'], got "
                         f"{sorted(params) if isinstance(params, dict) else type(params).__name__}")
    w, b = as_finite_float(params["w"], "params['w']"), as_finite_float(params["b"], "params['b']")
    error = w * x + b - y  # ŷ − y, shape (n,)
    return {"w": float(2 * np.mean(error * x)), "b": float(2 * np.mean(error))}
