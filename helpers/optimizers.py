"""Optimizers: routines that change the parameters, step by step, to lower the loss."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .gradients import Params
from .validation import as_finite_float, as_float_array, check_count, check_function, check_positive_int

HUGE = 1e150
"""Beyond this |w|, a NaN slope counts as overflow of a diverging run, not as a broken derivative."""


def _parameters(values: dict, name: str) -> dict[str, np.ndarray]:
    """``values`` (a non-empty dict of numbers or arrays) as float arrays; errors name ``name[key]``."""
    if not isinstance(values, dict) or not values:
        raise TypeError(f"{name} must be a non-empty dict such as {{'w': 0.0, 'b': 0.0}}, got {type(values).__name__}")
    for key, value in values.items():
        if value is None or isinstance(value, (bool, str, bytes)):
            raise TypeError(f"{name}[{key!r}] must be a number or an array of numbers, got {type(value).__name__}")
    return {key: as_float_array(value, f"{name}[{key!r}]", ndim=None) for key, value in values.items()}


def _learning_rate(value: float) -> float:
    learning_rate = as_finite_float(value, "learning_rate")
    if learning_rate <= 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
    return learning_rate


def _gradient_like(grads: object, params: dict[str, np.ndarray], name: str) -> dict[str, np.ndarray]:
    """Check that a gradient has the keys and shapes of params and holds finite numbers."""
    if not isinstance(grads, dict) or set(grads) != set(params):
        verb = "return" if name == "gradient" else "be"
        raise ValueError(f"{name} must {verb} a dict with keys {sorted(params)} (the same as params), "
                         f"got {sorted(grads) if isinstance(grads, dict) else type(grads).__name__}")
    values = _parameters(grads, name)
    for key in params:
        if values[key].shape != params[key].shape:
            raise ValueError(f"{name}[{key!r}] has shape {values[key].shape} but params[{key!r}] has "
                             f"{params[key].shape}")
    return values


def gradient_descent(
    gradient: Callable[[dict], dict],
    params: dict,
    learning_rate: float,
    steps: int,
    loss: Callable[[dict], float] | None = None,
    progress: int = 0,
) -> tuple[dict, list[float]]:
    """Plain gradient descent: θ ← θ − η·∇J(θ) for every key of ``params``.

    Parameters
    ----------
    gradient : params -> dict with the same keys (and shapes) as params
    params : starting point, e.g. {"w": 0.3, "b": -1.2}; it is not modified
    learning_rate : the step size η (> 0)
    steps : how many updates
    loss : params -> float; when given, its value before each update is recorded
    progress : print the loss this many times during training (0: silent)

    Returns
    -------
    (final params, loss history of length ``steps`` + 1, or [] without ``loss``).
    Training stops early, saying so, if the loss becomes NaN or infinite.
    """
    check_function(gradient, "gradient", "params -> dict")
    if loss is not None:
        check_function(loss, "loss", "params -> float")
    current = _parameters(params, "params")
    learning_rate = _learning_rate(learning_rate)
    steps = check_positive_int(steps, "steps")
    progress = check_count(progress, "progress")
    history: list[float] = []
    report_every = max(steps // progress, 1) if progress else 0

    def record(step: int) -> bool:
        if loss is None:
            return True
        try:
            value = float(loss(_plain(current)))
        except OverflowError:  # Python floats raise instead of returning inf
            value = float("inf")
        history.append(value)
        if report_every and (step % report_every == 0 or step == steps):
            print(f"step {step:>{len(str(steps))}}/{steps}: loss {value:.6g}")
        if not np.isfinite(value):
            print(f"Stopped at step {step}: the loss is {value}. Try a smaller learning rate.")
            return False
        return True

    if not record(0):
        return _plain(current), history
    for step in range(1, steps + 1):
        try:
            grads = _gradient_like(gradient(_plain(current)), current, "gradient")
        except (TypeError, ValueError) as error:  # say when: the learner's gradient may work elsewhere
            raise type(error)(f"at step {step}: the gradient function returned a bad value: {error}") from None
        for key in current:
            current[key] = current[key] - learning_rate * grads[key]
        if not record(step):
            break
    return _plain(current), history


def _plain(params: dict[str, np.ndarray]) -> Params:
    """Copies of the parameters, with 0-d arrays turned back into floats."""
    return {k: float(v) if v.ndim == 0 else v.copy() for k, v in params.items()}


def gradient_step(params: dict, grads: dict, learning_rate: float) -> dict:
    """One update θ ← θ − η·∇J(θ) for every key; returns a new dict (the inputs are not modified).

    ``grads`` must have the same keys as ``params`` and each gradient the shape of its parameter.
    """
    values = _parameters(params, "params")
    gradients = _gradient_like(grads, values, "grads")
    learning_rate = _learning_rate(learning_rate)
    return _plain({key: values[key] - learning_rate * gradients[key] for key in values})


def gradient_descent_1d(
    derivative: Callable[[float], float], w0: float, learning_rate: float, steps: int
) -> np.ndarray:
    """Gradient descent on a function of one number: w ← w − η·f'(w), ``steps`` times.

    Returns the whole path, shape (steps + 1,), starting with w0. If w overflows (a
    learning rate far too large), the rest of the path is NaN. A derivative that returns
    something other than a number, or NaN at an ordinary w, is refused with a clear error.
    """
    check_function(derivative, "derivative", "w -> f'(w)")
    w = as_finite_float(w0, "w0")
    learning_rate = _learning_rate(learning_rate)
    steps = check_positive_int(steps, "steps")
    path = np.full(steps + 1, np.nan)
    path[0] = w
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, steps + 1):
            try:
                value = derivative(w)
            except OverflowError:
                break
            slope = _slope(value, w)
            if np.isnan(slope):
                break  # overflow of a diverging run (|w| > HUGE): the rest of the path stays NaN
            w = w - learning_rate * slope
            if not np.isfinite(w):
                break
            path[step] = w
    return path


def _slope(value: object, w: float) -> float:
    """The derivative's answer at w as a float; NaN only when it overflowed far out (|w| > HUGE)."""
    if value is None or isinstance(value, (bool, str, bytes)):
        raise TypeError(f"derivative must return a number, but derivative({w:.6g}) returned {value!r}: "
                        "did you forget the `return` statement?" if value is None else
                        f"derivative must return a number, but derivative({w:.6g}) returned {value!r}")
    try:
        slope = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"derivative must return a number, but derivative({w:.6g}) returned "
                        f"{type(value).__name__}") from None
    if slope.ndim != 0:
        raise TypeError(f"derivative must return a single number, got an array of shape {slope.shape}")
    if np.isnan(slope) and abs(w) <= HUGE:
        raise ValueError(f"derivative returned NaN at w = {w:.6g}: check the formula there (log or sqrt of a "
                         "negative number, 0/0, inf − inf?)")
    return float(slope)


VERDICTS = ("too small", "good", "zigzag, converged", "zigzag, not there yet", "bouncing", "diverging")


def classify_descent(path: np.ndarray, derivative: Callable[[float], float], tol: float = 1e-3) -> str:
    """What a 1-D gradient-descent path (n,) did within its steps, judged by the slope f'(w) along it.

    The path has **converged** (settled) when the slope at its end is below ``tol`` times the
    slope at its start; it **crossed** the minimum wherever the slope changed sign. One of
    ``VERDICTS``:

    - "too small": every step went downhill on the same side of the minimum, but it has
      not converged yet (it creeps; with more steps it may become "good");
    - "good": every step went downhill on the same side, and it converged;
    - "zigzag, converged": it overshot the minimum and flipped side, by less each time,
      and it converged;
    - "zigzag, not there yet": the same shrinking zigzag, not converged yet;
    - "bouncing": each overshoot exactly as large as the last: it flips between two points for ever;
    - "diverging": each overshoot larger than the last (or w overflowed).

    So the verdict depends on how many steps the path has: the same learning rate can be
    "too small" after 50 steps and "good" after 500.
    """
    if isinstance(path, (str, bytes)) or path is None:
        raise TypeError(f"path must be an array of numbers of shape (n,), got {type(path).__name__}")
    try:
        path = np.asarray(path, dtype=float)
    except (TypeError, ValueError):
        raise TypeError("path must be an array of numbers of shape (n,)") from None
    if path.ndim != 1 or path.size == 0:
        raise ValueError(f"path must be shape (n,) with n ≥ 1, got an array of shape {path.shape}")
    check_function(derivative, "derivative", "w -> f'(w)")
    tol = as_finite_float(tol, "tol")
    if not 0 < tol < 1:
        raise ValueError(f"tol is a fraction of the starting slope and must be between 0 and 1, got {tol}")
    if np.isnan(path[0]) or np.isinf(path[0]):
        raise ValueError(f"path must start at a finite w, got {path[0]}")
    if not np.all(np.isfinite(path)):
        return "diverging"
    with np.errstate(all="ignore"):
        slopes = np.array([_slope(derivative(float(w)), float(w)) for w in path])
    if not np.all(np.isfinite(slopes)):
        return "diverging"
    start, end = abs(slopes[0]), abs(slopes[-1])
    # slopes within rounding of 0 (1e-9 of the largest) are at the minimum and on neither side: one
    # exact step to the minimum (η = 0.5 on the parabola) lands on rounding noise of either sign
    sides = np.where(np.abs(slopes) <= 1e-9 * np.max(np.abs(slopes)), 0.0, np.sign(slopes))
    crossed = bool(np.any(sides[1:] * sides[:-1] < 0))
    if start == 0 or end <= tol * start:
        return "zigzag, converged" if crossed else "good"
    if end > start * (1 + 1e-6):
        return "diverging"
    if crossed:
        return "bouncing" if end >= start * (1 - 1e-6) else "zigzag, not there yet"
    return "too small"
