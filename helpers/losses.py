"""Reference loss functions: what the learners' exercises are checked against."""

from __future__ import annotations

import numpy as np

from .validation import as_float_array, check_same_shape


def mse(y: np.ndarray, y_hat: np.ndarray) -> float:
    """Mean squared error (1/n) Σ (y_i − ŷ_i)² of predictions y_hat (n,) against targets y (n,)."""
    y = as_float_array(y, "y")
    y_hat = as_float_array(y_hat, "y_hat")
    check_same_shape(y, y_hat, "y", "y_hat")
    residuals = y - y_hat
    return float(np.mean(residuals**2))


def binary_cross_entropy_from_logits(y: np.ndarray, z: np.ndarray) -> float:
    """Mean binary cross-entropy of labels y (n,) in [0, 1] given logits z = w·x + b (n,).

    Equal to −mean[y log σ(z) + (1 − y) log(1 − σ(z))], computed stably as
    mean[softplus(z) − y·z] with softplus(z) = log(1 + e^z) = np.logaddexp(0, z):
    finite for logits of ±1000, no log(0) and no overflow.
    """
    y = as_float_array(y, "y")
    z = as_float_array(z, "z")
    check_same_shape(y, z, "y", "z")
    if np.any((y < 0) | (y > 1)):
        raise ValueError("y must hold labels between 0 and 1 (usually exactly 0 or 1)")
    return float(np.mean(np.logaddexp(0.0, z) - y * z))
