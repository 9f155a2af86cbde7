"""Reference models: functions f(x; θ) that map inputs to outputs."""

from __future__ import annotations

import numpy as np

from .validation import as_finite_float, as_float_array


def linear(x: np.ndarray, w: float, b: float) -> np.ndarray:
    """Predict ŷ = w·x + b for inputs x (n,); returns shape (n,)."""
    x = as_float_array(x, "x")
    return as_finite_float(w, "w") * x + as_finite_float(b, "b")
