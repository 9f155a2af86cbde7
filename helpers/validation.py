"""Input checks shared by every helper: clear errors that name the bad argument."""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np


def as_float_array(value: Any, name: str, ndim: int | None = 1) -> np.ndarray:
    """Return ``value`` as a finite, non-empty float array, or raise a clear error.

    Parameters
    ----------
    value : array-like of numbers
    name : the argument's name, used in the error message
    ndim : the required number of dimensions (None accepts any)
    """
    if isinstance(value, (str, bytes, dict, set)) or value is None:
        raise TypeError(f"{name} must be a NumPy array of numbers, got {type(value).__name__}")
    array = np.asarray(value)
    if array.dtype == bool or not np.issubdtype(array.dtype, np.number):
        raise TypeError(f"{name} must hold numbers, got an array of dtype {array.dtype}")
    if np.issubdtype(array.dtype, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers, got complex values")
    if ndim is not None and array.ndim != ndim:
        shape_hint = {0: "a single number", 1: "shape (n,)", 2: "shape (n, k)"}.get(ndim, f"{ndim} dimensions")
        raise ValueError(f"{name} must be {shape_hint}, got an array of shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty: it needs at least one value")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return array.astype(float)


def as_finite_float(value: Any, name: str) -> float:
    """Return ``value`` as a finite Python float, or raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, (Real, np.number)):
        if isinstance(value, np.ndarray) and value.ndim == 0:
            return as_finite_float(value.item(), name)
        raise TypeError(f"{name} must be a single real number, got {type(value).__name__}")
    result = float(value)
    if not np.isfinite(result):
        raise ValueError(f"{name} must be finite, got {result}")
    return result


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise a ValueError naming both arguments when their shapes differ."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}"
        )


def check_positive_int(value: Any, name: str) -> int:
    """Return ``value`` if it is an int ≥ 1, or raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return int(value)


def check_seed(value: Any, name: str = "seed") -> int:
    """Return ``value`` if it is a whole number ≥ 0 (a random seed), or raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number ≥ 0 (a random seed), got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be ≥ 0, got {value}")
    return int(value)


def check_count(value: Any, name: str) -> int:
    """Return ``value`` if it is a whole number ≥ 0, or raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number ≥ 0, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be ≥ 0, got {value}")
    return int(value)


def check_function(value: Any, name: str, what: str) -> None:
    """Raise a TypeError unless ``value`` is callable: "{name} must be a function {what}, got ...".

    ``what`` describes the expected function, e.g. "loss(y, y_hat) -> float".
    """
    if not callable(value):
        raise TypeError(f"{name} must be a function {what}, got {type(value).__name__}")


def check_binary_labels(y: np.ndarray, name: str = "y") -> None:
    """Raise a ValueError unless every label in ``y`` is exactly 0 or 1 (classes, not probabilities)."""
    bad = ~np.isin(y, (0.0, 1.0))
    if np.any(bad):
        raise ValueError(f"{name} must hold class labels, exactly 0 or 1, got {np.unique(y[bad])[:5].tolist()}")


def check_range(value: Any, name: str, positive: bool = False) -> tuple[float, float]:
    """Return ``value`` as (low, high) with finite low < high (and 0 < low if ``positive``), or raise."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) != 2:
        raise TypeError(f"{name} must be a pair (low, high), got {value!r}")
    low, high = (as_finite_float(v, name) for v in value)
    if not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high, got {tuple(value)}: is it reversed?")
    if positive and low <= 0:
        raise ValueError(f"{name} must be (low, high) with 0 < low < high, got {tuple(value)}")
    return low, high


def check_inside(value: float, bounds: tuple[float, float], name: str, range_name: str) -> float:
    """Return ``value`` if it lies in ``bounds``, else raise a ValueError naming both arguments."""
    low, high = bounds
    if not low <= value <= high:
        raise ValueError(f"{name} = {value:g} is outside {range_name} = ({low:g}, {high:g}): the slider cannot show "
                         f"it; choose {name} inside the range or widen {range_name}")
    return value


def check_labels(y: np.ndarray, name: str = "y") -> None:
    """Raise a ValueError unless every label in ``y`` lies in [0, 1]."""
    if np.any((y < 0) | (y > 1)):
        raise ValueError(f"{name} must hold labels between 0 and 1 (usually exactly 0 or 1)")
