"""The running example of notebook 02, f(w) = w² + 3w − 5, its derivatives and tangent lines.

Each function takes a number (and returns a float) or an array of any shape (and
returns an array of the same shape).
"""

from __future__ import annotations

from typing import Callable, Union

import numpy as np

from .validation import as_finite_float, as_float_array

Number = Union[float, np.ndarray]


def _as_input(w: Number, name: str) -> Number:
    """A finite float, or a finite float array of any shape."""
    if isinstance(w, np.ndarray) and w.ndim > 0:
        return as_float_array(w, name, ndim=None)
    return as_finite_float(w, name)


def parabola(w: Number) -> Number:
    """f(w) = w² + 3w − 5, elementwise; its minimum is f(−1.5) = −7.25."""
    w = _as_input(w, "w")
    return w**2 + 3 * w - 5


def parabola_derivative(w: Number) -> Number:
    """f'(w) = 2w + 3, the slope of f(w) = w² + 3w − 5, elementwise; zero at w = −1.5."""
    w = _as_input(w, "w")
    return 2 * w + 3


def parabola_second_derivative(w: Number) -> Number:
    """f''(w) = 2 everywhere: positive, so f curves upwards (a "smile") and −1.5 is a minimum."""
    w = _as_input(w, "w")
    return 2.0 if isinstance(w, float) else np.full_like(w, 2.0)


def tangent_line(f: Callable[[float], float], derivative: Callable[[float], float], w0: float, w: Number) -> Number:
    """The first-order Taylor approximation f(w0) + (w − w0)·f'(w0), evaluated at w (a number or an array)."""
    if not callable(f) or not callable(derivative):
        raise TypeError("f and derivative must be functions of one number")
    w0 = as_finite_float(w0, "w0")
    w = _as_input(w, "w")
    return as_finite_float(f(w0), "f(w0)") + (w - w0) * as_finite_float(derivative(w0), "derivative(w0)")
