"""Reference models: functions f(x; θ) that map inputs to outputs."""

from __future__ import annotations

import numpy as np

from .validation import as_finite_float, as_float_array


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
