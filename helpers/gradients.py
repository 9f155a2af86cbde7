"""Numerical gradients: the check every hand-derived gradient in the course must pass.

No autodiff library here: we derive gradients by hand and compare them with centred
finite differences, (f(θ + ε) − f(θ − ε)) / 2ε, one coordinate at a time.
"""

from __future__ import annotations

from typing import Callable, Union

import numpy as np

from .validation import as_finite_float, check_function

Params = Union[dict[str, Union[float, np.ndarray]], np.ndarray]


def _as_params(params: Params, name: str) -> dict[str, np.ndarray]:
    """Copy params (a dict of floats/arrays, or one array) into a dict of float arrays."""
    if isinstance(params, np.ndarray):
        params = {"": params}
    if not isinstance(params, dict) or not params:
        raise TypeError(f"{name} must be a non-empty dict of parameters (or one NumPy array), "
                        f"got {type(params).__name__}")
    result = {}
    for key, value in params.items():
        array = np.array(value, dtype=float) if isinstance(value, (int, float, np.number, np.ndarray)) else None
        if array is None or isinstance(value, bool):
            raise TypeError(f"{name}[{key!r}] must be a number or a NumPy array, got {type(value).__name__}")
        if not np.all(np.isfinite(array)):
            raise ValueError(f"{name}[{key!r}] contains NaN or infinite values")
        result[key] = array
    return result


def _unwrap(values: dict[str, np.ndarray], like: Params) -> Params:
    """Give the result the structure of ``like``: one array, or a dict with floats kept as floats."""
    if isinstance(like, np.ndarray):
        return values[""]
    return {k: float(v) if np.ndim(like[k]) == 0 else v for k, v in values.items()}


def _evaluate(loss: Callable[[Params], float], params: dict[str, np.ndarray], like: Params) -> float:
    value = loss(_unwrap({k: v.copy() for k, v in params.items()}, like))
    if isinstance(value, np.ndarray) and value.size != 1:
        raise TypeError(f"loss must return a single number, got an array of shape {value.shape}")
    value = as_finite_float(np.asarray(value).item() if isinstance(value, np.ndarray) else value, "loss")
    return value


def numerical_gradient(loss: Callable[[Params], float], params: Params, eps: float = 1e-6) -> Params:
    """Centred-difference gradient of ``loss(params)``, with the same keys and shapes as params.

    Parameters
    ----------
    loss : function of the parameters returning one finite number
    params : dict of floats or arrays (e.g. {"w": 2.0, "b": 0.5}), or one array
    eps : the step ε of the centred difference
    """
    check_function(loss, "loss", "of the parameters")
    eps = as_finite_float(eps, "eps")
    if eps <= 0:
        raise ValueError(f"eps must be > 0, got {eps}")
    point = _as_params(params, "params")
    _evaluate(loss, point, params)  # fail early, and clearly, when the loss is not finite here
    gradient = {}
    for key, value in point.items():
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            original = value[index]
            value[index] = original + eps
            up = _evaluate(loss, point, params)
            value[index] = original - eps
            down = _evaluate(loss, point, params)
            value[index] = original
            grad[index] = (up - down) / (2 * eps)
        gradient[key] = grad
    return _unwrap(gradient, params)


def relative_error(analytic: Params, numeric: Params) -> float:
    """‖a − n‖ / max(‖a‖, ‖n‖) over all parameters; 0 when both are zero.

    Below about 1e-7 the hand-derived gradient is right (the numerical one has rounding error of
    its own); above about 1e-3 it is wrong.
    """
    a, n = _as_params(analytic, "analytic"), _as_params(numeric, "numeric")
    if set(a) != set(n):
        raise ValueError(f"analytic has keys {sorted(a)} but numeric has {sorted(n)}")
    for key in a:
        if a[key].shape != n[key].shape:
            raise ValueError(f"analytic[{key!r}] has shape {a[key].shape} but numeric[{key!r}] has {n[key].shape}")
    diff = np.sqrt(sum(np.sum((a[k] - n[k]) ** 2) for k in a))
    scale = max(np.sqrt(sum(np.sum(a[k] ** 2) for k in a)), np.sqrt(sum(np.sum(n[k] ** 2) for k in n)))
    return float(diff / scale) if scale > 0 else 0.0


def gradient_check(
    loss: Callable[[Params], float], params: Params, analytic: Params, eps: float = 1e-6
) -> float:
    """Relative error between a hand-derived gradient and the numerical one at ``params``.

    ``analytic`` must have the same keys and shapes as ``params`` (a ValueError says which differs).
    """
    point = _as_params(params, "params")
    grads = _as_params(analytic, "analytic")
    if set(grads) != set(point):
        raise ValueError(f"analytic has keys {sorted(grads)} but params has {sorted(point)}: "
                         "the gradient has the same structure as the parameters")
    for key in point:
        if grads[key].shape != point[key].shape:
            raise ValueError(f"analytic[{key!r}] has shape {grads[key].shape} but params[{key!r}] has "
                             f"{point[key].shape}: each gradient has the shape of its parameter")
    return relative_error(analytic, numerical_gradient(loss, params, eps))
