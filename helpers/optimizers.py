"""Optimizers: routines that change the parameters, step by step, to lower the loss."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .gradients import Params
from .validation import as_finite_float, check_function, check_positive_int


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
    if not isinstance(params, dict) or not params:
        raise TypeError(f"params must be a non-empty dict such as {{'w': 0.0, 'b': 0.0}}, got {type(params).__name__}")
    learning_rate = as_finite_float(learning_rate, "learning_rate")
    if learning_rate <= 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
    steps = check_positive_int(steps, "steps")
    current = {k: np.array(v, dtype=float) for k, v in params.items()}
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
        grads = gradient(_plain(current))
        if not isinstance(grads, dict) or set(grads) != set(current):
            raise ValueError(f"gradient must return a dict with keys {sorted(current)} (the same as params), "
                             f"got {sorted(grads) if isinstance(grads, dict) else type(grads).__name__}")
        for key in current:
            step_value = np.asarray(grads[key], dtype=float)
            if step_value.shape != current[key].shape:
                raise ValueError(f"gradient[{key!r}] has shape {step_value.shape} but params[{key!r}] has "
                                 f"{current[key].shape}")
            current[key] = current[key] - learning_rate * step_value
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
    if not isinstance(params, dict) or not params:
        raise TypeError(f"params must be a non-empty dict such as {{'w': 0.0, 'b': 0.0}}, got {type(params).__name__}")
    if not isinstance(grads, dict) or set(grads) != set(params):
        raise ValueError(f"grads must be a dict with keys {sorted(params)} (the same as params), "
                         f"got {sorted(grads) if isinstance(grads, dict) else type(grads).__name__}")
    learning_rate = as_finite_float(learning_rate, "learning_rate")
    if learning_rate <= 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
    new = {}
    for key, value in params.items():
        value, grad = np.asarray(value, dtype=float), np.asarray(grads[key], dtype=float)
        if grad.shape != value.shape:
            raise ValueError(f"grads[{key!r}] has shape {grad.shape} but params[{key!r}] has {value.shape}")
        new[key] = value - learning_rate * grad
    return _plain(new)


def gradient_descent_1d(
    derivative: Callable[[float], float], w0: float, learning_rate: float, steps: int
) -> np.ndarray:
    """Gradient descent on a function of one number: w ← w − η·f'(w), ``steps`` times.

    Returns the whole path, shape (steps + 1,), starting with w0. If w overflows (a
    learning rate far too large), the rest of the path is NaN.
    """
    check_function(derivative, "derivative", "w -> f'(w)")
    w = as_finite_float(w0, "w0")
    learning_rate = as_finite_float(learning_rate, "learning_rate")
    if learning_rate <= 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
    steps = check_positive_int(steps, "steps")
    path = np.full(steps + 1, np.nan)
    path[0] = w
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, steps + 1):
            try:
                slope = np.asarray(derivative(w), dtype=float)
            except OverflowError:
                break
            if slope.ndim != 0:
                raise TypeError(f"derivative must return a single number, got an array of shape {slope.shape}")
            w = w - learning_rate * float(slope)
            if not np.isfinite(w):
                break
            path[step] = w
    return path


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
    if not np.all(np.isfinite(path)):
        return "diverging"
    with np.errstate(all="ignore"):
        slopes = np.array([float(derivative(float(w))) for w in path])
    if not np.all(np.isfinite(slopes)):
        return "diverging"
    start, end = abs(slopes[0]), abs(slopes[-1])
    crossed = bool(np.any(np.sign(slopes[1:]) * np.sign(slopes[:-1]) < 0))
    if start == 0 or end <= tol * start:
        return "zigzag, converged" if crossed else "good"
    if end > start * (1 + 1e-6):
        return "diverging"
    if crossed:
        return "bouncing" if end >= start * (1 - 1e-6) else "zigzag, not there yet"
    return "too small"
