"""Numerical gradients: the check every hand-derived gradient in the course must pass.

No autodiff library here: we derive gradients by hand and compare them with centred
finite differences, (L(θ + h) − L(θ − h)) / 2h, one coordinate at a time.

The rule of ``gradient_check`` (explained in notebook 02), for every element i of every parameter:

    error_i = |a_i − n_i| / max(|a_i|, |n_i|, floor_i),   floor_i = |L| / (100·max(1, |θ_i|))

with a the hand-derived gradient, n the numerical one, and |L| the largest loss value seen
while differencing θ_i. The gradient passes when the worst error_i is below ``TOLERANCE``.

- Each element on its own (like torch.autograd.gradcheck), so a wrong small gradient cannot
  hide behind a large one, as it can in one norm over all parameters (CS231n's notes).
- Relative error max(|a|, |n|) where the gradient is large (CS231n): it does not depend on
  the units of the loss.
- A floor where both are tiny: n comes from two loss values that agree in nearly all their
  digits, so at a minimum it is rounding noise of size about 1e-16·|L|/h. Measured against
  1% of |L|/max(1, |θ|), the slope that would take the loss to 0 over one unit of θ, a correct
  gradient scores about 1e-9 there; a difference below 1e-9 of that slope counts as agreement
  (torch's atol plays this role; SciPy's check_grad returns the plain norm and leaves the
  judgement to you).
- A step that scales with the parameter, h = eps·max(1, |θ_i|) (as scipy.optimize's
  approx_derivative does): a fixed h = 1e-6 does not even change θ = 1e10.
"""

from __future__ import annotations

from typing import Callable, Union

import numpy as np

from .validation import as_finite_float, check_function

Params = Union[dict[str, Union[float, np.ndarray]], np.ndarray]

TOLERANCE = 1e-7
"""The one threshold of the course: a gradient with ``gradient_check(...) < TOLERANCE`` is right."""

FLOOR = 1e-2
"""Gradients smaller than FLOOR·|L|/max(1, |θ|) are compared with that floor, not with their own size."""

STEP = 1e-5
"""Relative step of the centred differences: h = STEP·max(1, |θ|) (CS231n's h for |θ| ≤ 1)."""


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


def _check_step(eps: float) -> float:
    eps = as_finite_float(eps, "eps")
    if not 0 < eps < 1:
        raise ValueError(f"eps is the relative step of the centred differences and must be in (0, 1), got {eps}")
    return eps


def _differences(
    loss: Callable[[Params], float], params: Params, eps: float
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The numerical gradient and, per element, the largest |loss| seen while differencing it."""
    check_function(loss, "loss", "of the parameters")
    eps = _check_step(eps)
    point = _as_params(params, "params")
    centre = abs(_evaluate(loss, point, params))  # fail early, and clearly, when the loss is not finite here
    gradient, scale = {}, {}
    for key, value in point.items():
        grad, size = np.zeros_like(value), np.zeros_like(value)
        for index in np.ndindex(value.shape):
            original = value[index]
            h = eps * max(1.0, abs(original))
            value[index] = original + h
            up, h_up = _evaluate(loss, point, params), value[index] - original  # the step really taken
            value[index] = original - h
            down, h_down = _evaluate(loss, point, params), original - value[index]
            value[index] = original
            grad[index] = (up - down) / (h_up + h_down)
            size[index] = max(centre, abs(up), abs(down))
        gradient[key], scale[key] = grad, size
    return gradient, scale


def numerical_gradient(loss: Callable[[Params], float], params: Params, eps: float = STEP) -> Params:
    """Centred-difference gradient of ``loss(params)``, with the same keys and shapes as params.

    Parameters
    ----------
    loss : function of the parameters returning one finite number
    params : dict of floats or arrays (e.g. {"w": 2.0, "b": 0.5}), or one array
    eps : relative step: each θ_i moves by h = eps·max(1, |θ_i|) up and down
    """
    gradient, _ = _differences(loss, params, eps)
    return _unwrap(gradient, params)


def _matching(analytic: Params, reference: dict[str, np.ndarray], name: str) -> dict[str, np.ndarray]:
    """``analytic`` as float arrays, after checking it has the keys and shapes of ``reference``."""
    grads = _as_params(analytic, "analytic")
    if set(grads) != set(reference):
        raise ValueError(f"analytic has keys {sorted(grads)} but {name} has {sorted(reference)}: "
                         "the gradient has the same structure as the parameters")
    for key in reference:
        if grads[key].shape != reference[key].shape:
            raise ValueError(f"analytic[{key!r}] has shape {grads[key].shape} but {name}[{key!r}] has "
                             f"{reference[key].shape}: each gradient has the shape of its parameter")
    return grads


def _element_errors(a: np.ndarray, n: np.ndarray, floor: np.ndarray | float) -> np.ndarray:
    """|a − n| / max(|a|, |n|, floor), elementwise; 0 where all of them are 0."""
    scale = np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(scale > 0, np.abs(a - n) / np.where(scale > 0, scale, 1.0), 0.0)


class GradientCheck(float):
    """The result of ``gradient_check``: the worst element's error, as a float (so
    ``gradient_check(...) < 1e-7`` works), with the details as attributes.

    Attributes
    ----------
    worst : the element with the largest error, e.g. "w[2]" or "b"
    analytic, numeric : the two gradients at that element
    errors : dict of the error of every element, arrays with the parameters' shapes
    passed : whether the error is below ``TOLERANCE``
    """

    worst: str
    analytic: float
    numeric: float
    errors: dict[str, np.ndarray]

    def __new__(cls, errors: dict[str, np.ndarray], grads: dict[str, np.ndarray],
                numeric: dict[str, np.ndarray]) -> "GradientCheck":
        key = max(errors, key=lambda k: float(np.max(errors[k])))  # first key among ties
        index = np.unravel_index(int(np.argmax(errors[key])), errors[key].shape)
        result = super().__new__(cls, float(errors[key][index]))
        name = key if key else "θ"
        result.worst = f"{name}[{', '.join(map(str, index))}]" if errors[key].ndim else name
        result.analytic, result.numeric = float(grads[key][index]), float(numeric[key][index])
        result.errors = errors
        return result

    @property
    def passed(self) -> bool:
        """True when the worst error is below ``TOLERANCE`` (1e-7)."""
        return float(self) < TOLERANCE

    @property
    def message(self) -> str:
        """One line for the learner: the verdict and the worst element."""
        verdict = "right" if self.passed else "wrong"
        return (f"gradient {verdict}: worst element {self.worst}, by hand {self.analytic:.6g}, numerical "
                f"{self.numeric:.6g}, error {float(self):.1e} ({'below' if self.passed else 'above'} "
                f"{TOLERANCE:g})")


def relative_error(analytic: Params, numeric: Params) -> float:
    """The worst elementwise |a − n| / max(|a|, |n|) over all parameters; 0 where both are 0.

    Without the loss it has no floor: near a minimum, where both gradients are rounding
    noise, use ``gradient_check``.
    """
    a, n = _as_params(analytic, "analytic"), _as_params(numeric, "numeric")
    _matching(analytic, n, "numeric")
    return max(float(np.max(_element_errors(a[k], n[k], 0.0))) for k in a)


def gradient_check(
    loss: Callable[[Params], float], params: Params, analytic: Params, eps: float = STEP
) -> GradientCheck:
    """How far a hand-derived gradient is from the numerical one at ``params``, element by element.

    Each element i gets error_i = |a_i − n_i| / max(|a_i|, |n_i|, |L| / (100·max(1, |θ_i|))); the
    result is the worst of them, a float (below ``TOLERANCE`` = 1e-7: right) that also names
    the worst element (``.worst``, ``.message``; see ``GradientCheck``).

    Parameters
    ----------
    loss : function of the parameters returning one finite number
    params : dict of floats or arrays, or one array: the point where the gradient is checked
    analytic : the hand-derived gradient, with the keys and shapes of ``params``
    eps : relative step of the centred differences, h = eps·max(1, |θ_i|)
    """
    point = _as_params(params, "params")
    grads = _matching(analytic, point, "params")
    numeric, scale = _differences(loss, params, eps)
    floors = {k: FLOOR * scale[k] / np.maximum(1.0, np.abs(point[k])) for k in point}
    errors = {k: _element_errors(grads[k], numeric[k], floors[k]) for k in point}
    return GradientCheck(errors, grads, numeric)
