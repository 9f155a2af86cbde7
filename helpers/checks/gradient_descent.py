"""Checks for notebook 02: derivatives and gradient descent."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .. import calculus, data, losses, optimizers
from ..checking import (Case, Exercise, Mistake, awkward_numbers, check_of, counted, reference_cases,
                        run_check)


def _never_called(position: int, name: str) -> Callable[[list[tuple[Case, Any]]], str | None]:
    """A diagnosis for a function argument (a ``counted`` function at ``args[position]``) never called."""
    def diagnose(answers: list[tuple[Case, Any]]) -> str | None:
        functions = {id(case.args[position]): case.args[position] for case, _ in answers}
        if all(f.calls[0] == 0 for f in functions.values()):
            return (f"your function never calls its `{name}` argument, so it cannot follow the function it is "
                    f"given (each case passes a different one): call `{name}(...)` instead of a formula "
                    "written out, or a function from another cell")
        return None
    return diagnose


def _derivative_exercise() -> Exercise:
    # Fixed cases share: few values, the array one sorted and small. The seeded array is
    # unsorted, of both signs, with zeros, non-round, 29 values, answers beyond ±10.
    rng = np.random.default_rng(21)
    cases = [
        Case((0.0,), 3.0, "w = 0"),
        Case((1.0,), 5.0, "w = 1"),
        Case((-1.5,), 0.0, "w = -1.5"),
        Case((3 * np.pi,), 6 * np.pi + 3, "w = 3π"),
        Case((np.array([-2.0, 0.5, 4.0]),), np.array([-1.0, 4.0, 11.0]), "an array w = [-2, 0.5, 4] (shape (3,))"),
        *reference_cases(calculus.parabola_derivative,
                         [((awkward_numbers(rng, 29, scale=8.0),), "an array of 29 random w (shape (29,))")]),
    ]
    mistakes: list[Mistake] = [
        ("you dropped the 3: the derivative of 3w is 3, so f'(w) = 2w + 3", lambda w: 2 * w),
        ("the derivative of w² is 2w (power rule: bring the 2 down), not w", lambda w: w + 3),
        ("sign error: the derivative of +3w is +3, so f'(w) = 2w + 3", lambda w: 2 * w - 3),
        ("a constant has derivative 0: the −5 disappears, so f'(w) = 2w + 3", lambda w: 2 * w + 3 - 5),
        ("that is f(w) itself; its derivative is f'(w) = 2w + 3", lambda w: w**2 + 3 * w - 5),
        ("the derivative of 3w is 3, not 3w", lambda w: 2 * w + 3 * w),
        ("the derivative of w² is 2w, not 2w²", lambda w: 2 * w**2 + 3),
    ]
    return Exercise("derivative", calculus.parabola_derivative, cases, mistakes)


@check_of(_derivative_exercise)
def check_derivative(fn: Callable[[float], float]) -> Callable[[float], float]:
    """Check a learner's ``derivative(w)`` of f(w) = w² + 3w − 5 (a number or an array); returns the one to use."""
    return run_check(fn, _derivative_exercise())


def _path(derivative: Callable[[float], float], w0: float, learning_rate: float, steps: int) -> np.ndarray:
    """A plain gradient-descent loop, for building the known wrong answers below."""
    path = [w0]
    for _ in range(steps):
        path.append(path[-1] - learning_rate * derivative(path[-1]))
    return np.array(path)


def _gradient_descent_1d_exercise() -> Exercise:
    # Fixed cases share: w0 ≥ 0, η and answers round, |w| < 10. The last two break that: a negative,
    # non-round start beyond −10 on another function, and 1000 steps (no cap or early stop passes).
    # The functions count their calls: a learner's function that never calls `derivative` is named.
    slope = counted(lambda w: 2 * w + 3)
    bowl = counted(lambda w: 2 * w)
    quartic = counted(lambda w: 4 * w**3)
    shifted = counted(lambda w: 0.5 * (w - 2.6))
    slope.__name__, bowl.__name__, quartic.__name__, shifted.__name__ = "slope", "bowl", "quartic", "shifted"

    def case(derivative, formula, w0, learning_rate, steps, expected):
        # called exactly as the notebook calls it: derivative and w0 by position, the rest by keyword
        label = (f"gradient_descent_1d({derivative.__name__}, {w0:g}, learning_rate={learning_rate:g}, "
                 f"steps={steps}) with {derivative.__name__}(w) = {formula}")
        return Case((derivative, w0), expected, label, kwargs={"learning_rate": learning_rate, "steps": steps})

    cases = [
        case(slope, "2w + 3", 0.0, 0.1, 3, np.array([0.0, -0.3, -0.54, -0.732])),
        case(bowl, "2w", 1.0, 0.25, 2, np.array([1.0, 0.5, 0.25])),
        case(quartic, "4w³", 1.0, 0.1, 2, np.array([1.0, 0.6, 0.5136])),
        case(slope, "2w + 3", 3 * np.pi, 0.01, 1000, optimizers.gradient_descent_1d(slope, 3 * np.pi, 0.01, 1000)),
        case(shifted, "0.5·(w − 2.6)", -31.7, 0.0731, 37, optimizers.gradient_descent_1d(shifted, -31.7, 0.0731, 37)),
    ]
    for function in (slope, bowl, quartic, shifted):
        function.calls[0] = 0  # count only the learner's calls
    mistakes: list[Mistake] = [
        ("you added the step (w + η·f'(w)), which climbs uphill; go against the slope: w − η·f'(w)",
         lambda derivative, w0, learning_rate, steps: _path(lambda w: -derivative(w), w0, learning_rate, steps)),
        ("you left out the learning rate: each step is w − η·f'(w), not w − f'(w)",
         lambda derivative, w0, learning_rate, steps: _path(derivative, w0, 1.0, steps)),
        ("the history is missing the starting point: record w0 first, then w after each step (steps + 1 values)",
         lambda derivative, w0, learning_rate, steps: _path(derivative, w0, learning_rate, steps)[1:]),
        ("you took one step too many: `steps` updates give steps + 1 values, counting w0",
         lambda derivative, w0, learning_rate, steps: _path(derivative, w0, learning_rate, steps + 1)),
        ("you returned only the final w; return the whole history, an array of steps + 1 values starting with w0",
         lambda derivative, w0, learning_rate, steps: float(_path(derivative, w0, learning_rate, steps)[-1])),
        ("you stepped by η·w instead of η·f'(w): call `derivative` at the current w",
         lambda derivative, w0, learning_rate, steps: _path(lambda w: w, w0, learning_rate, steps)),
        ("you computed the slope once, at w0, and reused it: evaluate `derivative(w)` again at every step",
         lambda derivative, w0, learning_rate, steps: w0 - learning_rate * derivative(w0) * np.arange(steps + 1)),
    ]
    positive = "η > 0 and steps ≥ 1: gradient_descent_1d refuses anything else"
    return Exercise("gradient_descent_1d", optimizers.gradient_descent_1d, cases, mistakes,
                    diagnose=_never_called(0, "derivative"),
                    exempt={"abs:learning_rate": positive, "zero:learning_rate": positive, "abs:steps": positive,
                            "zero:steps": positive})


@check_of(_gradient_descent_1d_exercise)
def check_gradient_descent_1d(fn: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    """Check ``gradient_descent_1d(derivative, w0, learning_rate=..., steps=...)`` -> path (steps + 1,).

    The cases call it the way the notebook does (the last two arguments by keyword), so a
    renamed parameter fails here rather than later in the notebook. Returns the function to use.
    """
    return run_check(fn, _gradient_descent_1d_exercise())


def _mse_gradient_mistakes() -> list[Mistake]:
    def parts(x, y, p):
        return p["w"] * x + p["b"] - y, x  # ŷ − y and x

    def grad(form):
        return lambda x, y, p: form(*parts(x, y, p))

    return [
        ("you left out the factor 2 from the square: d/dŷ (y − ŷ)² = −2(y − ŷ) (without it you have the gradient of ½·MSE)",
         grad(lambda e, x: {"w": np.mean(e * x), "b": np.mean(e)})),
        ("sign error: each term is 2(ŷ_i − y_i)·∂ŷ_i/∂θ, prediction minus target, and you have target minus "
         "prediction; with the sign flipped, gradient descent would climb instead of descend",
         grad(lambda e, x: {"w": -2 * np.mean(e * x), "b": -2 * np.mean(e)})),
        ("you summed over the samples instead of averaging: the MSE is a mean, so its gradient is too (divide by n)",
         grad(lambda e, x: {"w": 2 * np.sum(e * x), "b": 2 * np.sum(e)})),
        ("∂L/∂w is missing the factor x_i: by the chain rule ∂ŷ_i/∂w = x_i",
         grad(lambda e, x: {"w": 2 * np.mean(e), "b": 2 * np.mean(e)})),
        ("∂L/∂b has a factor x_i it should not have: ∂ŷ_i/∂b = 1",
         grad(lambda e, x: {"w": 2 * np.mean(e * x), "b": 2 * np.mean(e * x)})),
        ("you swapped the two gradients: the one with x_i belongs to w, the plain one to b",
         grad(lambda e, x: {"w": 2 * np.mean(e), "b": 2 * np.mean(e * x)})),
        ("you returned one gradient per sample (arrays of shape (n,)); the gradient of the mean is the mean of "
         "those: ∂L/∂w is a single number, like w",
         grad(lambda e, x: {"w": 2 * e * x, "b": 2 * e})),
    ]


def _mse_gradient_exercise() -> Exercise:
    # Fixed cases share: x sorted and small, w > 0, at most 20 points (broken by the seeded ones).
    x_big, y_big = data.make_linear_data(n=20, seed=3)
    rng = np.random.default_rng(22)
    big = {"w": 0.3, "b": -0.2}
    cases = [
        Case((np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0]), {"w": 2.0, "b": 1.0}), {"w": 0.0, "b": 0.0},
             "a perfect fit (x = [0, 1, 2], y = [1, 3, 5], w = 2, b = 1)"),
        Case((np.array([1.0, 2.0]), np.array([0.0, 0.0]), {"w": 1.0, "b": 0.0}), {"w": 5.0, "b": 3.0},
             "x = [1, 2], y = [0, 0], w = 1, b = 0"),
        Case((np.array([-1.0, 0.0, 3.0]), np.array([2.0, -1.0, 4.0]), {"w": 0.5, "b": -1.0}),
             {"w": -14 / 3, "b": -14 / 3}, "x = [-1, 0, 3], y = [2, -1, 4], w = 0.5, b = -1"),
        Case((x_big, y_big, big), losses.mse_gradient(x_big, y_big, big), "20 points, w = 0.3, b = -0.2"),
        # seeded: unsorted x and y of both signs with zeros, more than 20 points, w < 0 and w = 0
        *reference_cases(losses.mse_gradient, [
            ((awkward_numbers(rng, 41), awkward_numbers(rng, 41, scale=5.0), {"w": -1.2345, "b": 0.0}),
             "41 random points, w = -1.2345, b = 0"),
            ((awkward_numbers(rng, 26, scale=2.0), awkward_numbers(rng, 26) + 7.0, {"w": 0.0, "b": -2.7183}),
             "26 random points, w = 0, b = -2.7183"),
        ]),
    ]
    return Exercise("mse_gradient", losses.mse_gradient, cases, _mse_gradient_mistakes())


@check_of(_mse_gradient_exercise)
def check_mse_gradient(fn: Callable[..., dict]) -> Callable[..., dict]:
    """Check ``mse_gradient(x, y, params) -> {"w": float, "b": float}``; returns the function to use."""
    return run_check(fn, _mse_gradient_exercise())


def _gradient_step_exercise() -> Exercise:
    # Fixed cases share: round numbers, few values, |θ| < 10, no zero gradient. The seeded ones
    # add zeros in θ and in ∇J, non-round η, unsorted arrays of 24 rows, values beyond ±10.
    rng = np.random.default_rng(23)
    big = ({"W": awkward_numbers(rng, (24, 3), scale=8.0), "b": awkward_numbers(rng, 3, scale=8.0)},
           {"W": awkward_numbers(rng, (24, 3)), "b": np.array([0.8317, -2.4109, 0.0])}, 0.0837)
    cases = [
        Case(({"w": 1.0, "b": 2.0}, {"w": 0.5, "b": -1.0}, 0.1), {"w": 0.95, "b": 2.1},
             "params {'w': 1, 'b': 2}, grads {'w': 0.5, 'b': -1}, η = 0.1"),
        Case(({"w": -3.0, "b": 0.0}, {"w": -2.0, "b": 4.0}, 0.5), {"w": -2.0, "b": -2.0},
             "params {'w': -3, 'b': 0}, grads {'w': -2, 'b': 4}, η = 0.5"),
        Case(({"W": np.array([1.0, -1.0]), "b": 0.5}, {"W": np.array([2.0, 2.0]), "b": 1.0}, 0.25),
             {"W": np.array([0.5, -1.5]), "b": 0.25},
             "params {'W': array([1, -1]), 'b': 0.5} (other keys than 'w': loop over the keys of params)"),
        # arrays for every value, as in later notebooks: `-=` on them would change the caller's arrays
        Case(({"W": np.array([[1.0, 2.0], [3.0, 4.0]]), "b": np.array([0.5, -0.5])},
              {"W": np.array([[1.0, 0.0], [0.0, -1.0]]), "b": np.array([2.0, 2.0])}, 0.5),
             {"W": np.array([[0.5, 2.0], [3.0, 4.5]]), "b": np.array([-0.5, -1.5])},
             "params {'W': a (2, 2) array, 'b': a (2,) array}, η = 0.5"),
        *reference_cases(optimizers.gradient_step, [
            (({"w": 0.0, "b": -13.41}, {"w": 2.2361, "b": 0.0}, 0.37),
             "params {'w': 0, 'b': -13.41}, grads {'w': 2.2361, 'b': 0}, η = 0.37"),
            (({"w": -4.3172, "b": 1.25}, {"w": 0.0, "b": -2.7183}, 1.9),
             "params {'w': -4.3172, 'b': 1.25}, grads {'w': 0, 'b': -2.7183}, η = 1.9"),
            (big, "params {'W': a random (24, 3) array, 'b': a random (3,) array}, η = 0.0837"),
        ]),
    ]

    def each(rule):
        return lambda p, g, lr: {k: rule(p[k], g[k], lr) for k in p}

    mistakes: list[Mistake] = [
        ("you added the gradient: θ + η·∇J climbs uphill; the update is θ − η·∇J",
         each(lambda v, g, lr: v + lr * g)),
        ("you left out the learning rate: the update is θ − η·∇J, not θ − ∇J", each(lambda v, g, lr: v - g)),
        ("you returned the step η·∇J instead of the new parameters θ − η·∇J", each(lambda v, g, lr: lr * g)),
        ("you divided by the learning rate: the update is θ − η·∇J", each(lambda v, g, lr: v - g / lr)),
    ]
    positive = "η > 0: gradient_step refuses anything else"
    return Exercise("gradient_step", optimizers.gradient_step, cases, mistakes,
                    exempt={"abs:learning_rate": positive, "zero:learning_rate": positive})


@check_of(_gradient_step_exercise)
def check_gradient_step(fn: Callable[[dict, dict, float], dict]) -> Callable[[dict, dict, float], dict]:
    """Check ``gradient_step(params, grads, learning_rate) -> new params dict``; returns the function to use."""
    return run_check(fn, _gradient_step_exercise())
