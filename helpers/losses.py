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
