"""Exercise checks, one ``check_<exercise>(fn)`` per exercise, grouped by notebook.

Each returns the function the rest of the notebook should use: the learner's own once
it passes every case, otherwise the reference implementation (and it says so).
Use it as ``mse = checks.check_mse(mse)`` right after the cell that defines ``mse``.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from . import backprop, calculus, data, landscape, losses, models, optimizers
from .checking import Case, Exercise, Mistake, run_check

# --- Notebook 01 ---------------------------------------------------------------------

def _predict_exercise() -> Exercise:
    cases = [
        Case((np.array([0.0, 1.0, 2.0]), 2.0, 1.0), np.array([1.0, 3.0, 5.0]), "x = [0, 1, 2], w = 2, b = 1"),
        Case((np.array([-1.0, 0.5]), -3.0, 0.0), np.array([3.0, -1.5]), "x = [-1, 0.5], w = -3, b = 0"),
        Case((np.array([1.0, 2.0]), 0.0, 4.0), np.array([4.0, 4.0]), "x = [1, 2], w = 0, b = 4"),
        Case((np.linspace(0, 5, 11), 3.14, 2.72), 3.14 * np.linspace(0, 5, 11) + 2.72, "11 points, w = 3.14, b = 2.72"),
    ]
    mistakes: list[Mistake] = [
        ("you left out the intercept b: the model is w·x + b", lambda x, w, b: w * x),
        ("you swapped w and b (w multiplies x, b is added), or your parameters are not in the order "
         "predict(x, w, b)", lambda x, w, b: b * x + w),
        ("you subtracted b; the model adds it: w·x + b", lambda x, w, b: w * x - b),
        ("you multiplied by b as well: the model is w·x + b, not w·x·b", lambda x, w, b: w * x * b),
    ]
    return Exercise("predict", models.linear, cases, mistakes)


def check_predict(fn: Callable[[np.ndarray, float, float], np.ndarray]) -> Callable[[np.ndarray, float, float], np.ndarray]:
    """Check a learner's ``predict(x, w, b) -> y_hat`` of shape (n,); returns the function to use."""
    return run_check(fn, _predict_exercise())


def _mse_exercise() -> Exercise:
    y, y_hat = np.array([3.0, -1.0, 2.0]), np.array([1.0, 1.0, 1.0])
    rng = np.random.default_rng(0)
    y_big, y_hat_big = rng.normal(size=20), rng.normal(size=20)
    cases = [
        Case((np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0])), 0.0, "a perfect fit (y == y_hat)"),
        Case((y, y_hat), 3.0, "y = [3, -1, 2], y_hat = [1, 1, 1]"),
        Case((np.array([5.0]), np.array([2.0])), 9.0, "a single point y = [5], y_hat = [2]"),
        Case((y_big, y_hat_big), losses.mse(y_big, y_hat_big), "20 random points"),
    ]
    mistakes: list[Mistake] = [
        ("you summed the squared residuals instead of averaging them (divide by n, or use np.mean)",
         lambda y, p: np.sum((y - p) ** 2)),
        ("you averaged the residuals without squaring them, so positive and negative errors cancel out",
         lambda y, p: np.mean(y - p)),
        ("that is the mean absolute error: square each residual instead of taking its absolute value",
         lambda y, p: np.mean(np.abs(y - p))),
        ("you took the square root, which gives the RMSE; the MSE stops before the root",
         lambda y, p: np.sqrt(np.mean((y - p) ** 2))),
        ("you halved the result: some texts use ½·MSE to tidy the gradient, but the MSE itself has no ½",
         lambda y, p: 0.5 * np.mean((y - p) ** 2)),
        ("you divided by n − 1; the MSE divides by n, the number of points",
         lambda y, p: np.sum((y - p) ** 2) / (len(y) - 1)),
        ("you squared the mean residual; square each residual first, then average",
         lambda y, p: np.mean(y - p) ** 2),
    ]
    return Exercise("mse", losses.mse, cases, mistakes)


def check_mse(fn: Callable[[np.ndarray, np.ndarray], float]) -> Callable[[np.ndarray, np.ndarray], float]:
    """Check a learner's ``mse(y, y_hat) -> float``; returns the function to use from here on."""
    return run_check(fn, _mse_exercise())


# --- Notebook 02 ---------------------------------------------------------------------

def _derivative_exercise() -> Exercise:
    cases = [
        Case((0.0,), 3.0, "w = 0"),
        Case((1.0,), 5.0, "w = 1"),
        Case((-1.5,), 0.0, "w = -1.5"),
        Case((3 * np.pi,), 6 * np.pi + 3, "w = 3π"),
        Case((np.array([-2.0, 0.5, 4.0]),), np.array([-1.0, 4.0, 11.0]), "an array w = [-2, 0.5, 4] (shape (3,))"),
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
    def slope(w):
        return 2 * w + 3

    def bowl(w):
        return 2 * w

    def quartic(w):
        return 4 * w**3

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
    ]
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
    return Exercise("gradient_descent_1d", optimizers.gradient_descent_1d, cases, mistakes)


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
    x_big, y_big = data.make_linear_data(n=20, seed=3)
    big = {"w": 0.3, "b": -0.2}
    cases = [
        Case((np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0]), {"w": 2.0, "b": 1.0}), {"w": 0.0, "b": 0.0},
             "a perfect fit (x = [0, 1, 2], y = [1, 3, 5], w = 2, b = 1)"),
        Case((np.array([1.0, 2.0]), np.array([0.0, 0.0]), {"w": 1.0, "b": 0.0}), {"w": 5.0, "b": 3.0},
             "x = [1, 2], y = [0, 0], w = 1, b = 0"),
        Case((np.array([-1.0, 0.0, 3.0]), np.array([2.0, -1.0, 4.0]), {"w": 0.5, "b": -1.0}),
             {"w": -14 / 3, "b": -14 / 3}, "x = [-1, 0, 3], y = [2, -1, 4], w = 0.5, b = -1"),
        Case((x_big, y_big, big), losses.mse_gradient(x_big, y_big, big), "20 points, w = 0.3, b = -0.2"),
    ]
    return Exercise("mse_gradient", losses.mse_gradient, cases, _mse_gradient_mistakes())


def check_mse_gradient(fn: Callable[..., dict]) -> Callable[..., dict]:
    """Check ``mse_gradient(x, y, params) -> {"w": float, "b": float}``; returns the function to use."""
    return run_check(fn, _mse_gradient_exercise())


def _gradient_step_exercise() -> Exercise:
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
    return Exercise("gradient_step", optimizers.gradient_step, cases, mistakes)


def check_gradient_step(fn: Callable[[dict, dict, float], dict]) -> Callable[[dict, dict, float], dict]:
    """Check ``gradient_step(params, grads, learning_rate) -> new params dict``; returns the function to use."""
    return run_check(fn, _gradient_step_exercise())


# --- Notebook 03 ---------------------------------------------------------------------

_GRAPH_POINTS = [((3.0, 4.0, 5.0), "a = 3, b = 4, c = 5"), ((1.0, 0.0, 2.0), "a = 1, b = 0, c = 2"),
                 ((-1.0, 2.0, 0.5), "a = -1, b = 2, c = 0.5"), ((0.5, -3.0, -2.0), "a = 0.5, b = -3, c = -2")]


def _forward_exercise() -> Exercise:
    cases = [Case(args, backprop.example_forward(*args), label) for args, label in _GRAPH_POINTS]

    def graph(u_of, v_of, j_of):
        def forward(a, b, c):
            u = u_of(a)
            v = v_of(u, b)
            return {"u": u, "v": v, "J": j_of(u, v, c)}
        return forward

    mistakes: list[Mistake] = [
        ("the last node multiplies v by c: J = v·c (you computed u·v)",
         graph(lambda a: 2 * a, lambda u, b: u + b, lambda u, v, c: u * v)),
        ("u = 2a: you forgot the factor 2", graph(lambda a: a, lambda u, b: u + b, lambda u, v, c: v * c)),
        ("u = 2a means two times a, not a squared", graph(lambda a: a**2, lambda u, b: u + b, lambda u, v, c: v * c)),
        ("v = u + b adds b; you multiplied", graph(lambda a: 2 * a, lambda u, b: u * b, lambda u, v, c: v * c)),
        ("J = v·c multiplies by c; you added", graph(lambda a: 2 * a, lambda u, b: u + b, lambda u, v, c: v + c)),
    ]
    return Exercise("forward", backprop.example_forward, cases, mistakes)


def check_forward(fn: Callable[[float, float, float], dict]) -> Callable[[float, float, float], dict]:
    """Check ``forward(a, b, c) -> {"u", "v", "J"}`` for J = (2a + b)·c; returns the function to use."""
    return run_check(fn, _forward_exercise())


def _backward_exercise() -> Exercise:
    cases = [Case(args, backprop.example_backward(*args), label) for args, label in _GRAPH_POINTS]

    def grads(dv, du, dc, db, da):
        def backward(a, b, c):
            v = 2 * a + b
            return {"dJ/dv": dv(v, c), "dJ/du": du(v, c), "dJ/dc": dc(v, c), "dJ/db": db(v, c), "dJ/da": da(v, c)}
        return backward

    def c_(v, c):
        return c

    mistakes: list[Mistake] = [
        ("∂J/∂a: the chain goes through u = 2a, whose local derivative is 2, so ∂J/∂a = ∂J/∂u · 2",
         grads(c_, c_, lambda v, c: v, c_, c_)),
        ("for a product J = v·c the derivative with respect to one factor is the *other* factor: ∂J/∂v = c and "
         "∂J/∂c = v (you swapped them)",
         grads(lambda v, c: v, lambda v, c: v, lambda v, c: c, lambda v, c: v, lambda v, c: 2 * v)),
        ("those are only the local derivatives (∂v/∂u = 1, ∂u/∂a = 2, ...): the chain rule multiplies each by the "
         "gradient arriving from above, e.g. ∂J/∂u = ∂J/∂v · ∂v/∂u",
         grads(c_, lambda v, c: 1.0, lambda v, c: v, lambda v, c: 1.0, lambda v, c: 2.0)),
        ("you returned the forward values (v, u, c, b, a) instead of the gradients ∂J/∂(node)",
         lambda a, b, c: {"dJ/dv": 2 * a + b, "dJ/du": 2 * a, "dJ/dc": c, "dJ/db": b, "dJ/da": a}),
    ]
    return Exercise("backward", backprop.example_backward, cases, mistakes)


def check_backward(fn: Callable[[float, float, float], dict]) -> Callable[[float, float, float], dict]:
    """Check ``backward(a, b, c)`` -> {"dJ/dv", "dJ/du", "dJ/dc", "dJ/db", "dJ/da"}; returns the function to use."""
    return run_check(fn, _backward_exercise())


def _logistic_gradient_exercise() -> Exercise:
    def sample(x, y, w, b):
        args = (np.array(x), y, {"w": np.array(w), "b": b})
        return args, backprop.logistic_gradient(*args)

    points = [
        (([1.0, 2.0], 1.0, [0.0, 0.0], 0.0), "x = [1, 2], y = 1, w = [0, 0], b = 0 (so ŷ = 0.5)"),
        (([1.0, -1.0], 0.0, [2.0, 0.5], 0.0), "x = [1, -1], y = 0, w = [2, 0.5], b = 0"),
        (([0.5, 3.0, -2.0], 1.0, [1.0, -0.5, 0.25], 0.3), "x = [0.5, 3, -2], y = 1, w = [1, -0.5, 0.25], b = 0.3"),
        (([2.0], 0.0, [-1.5], 1.0), "one feature x = [2], y = 0, w = [-1.5], b = 1"),
    ]
    cases = [Case(*sample(*point), label) for point, label in points]

    def via(dz_of):  # a wrong ∂J/∂z, pushed through ∂z/∂w = x and ∂z/∂b = 1
        def gradient(x, y, p):
            z = p["w"] @ x + p["b"]
            y_hat = 1 / (1 + np.exp(-z))
            dz = dz_of(z, y_hat, y)
            return {"w": dz * x, "b": dz}
        return gradient

    mistakes: list[Mistake] = [
        ("sign error: ∂J/∂z = ŷ − y (prediction minus label), not y − ŷ", via(lambda z, p, y: y - p)),
        ("you multiplied by σ'(z) = ŷ(1 − ŷ) once more: ∂J/∂z = ŷ − y already contains it",
         via(lambda z, p, y: (p - y) * p * (1 - p))),
        ("that is ∂J/∂ŷ; multiply it by ∂ŷ/∂z = ŷ(1 − ŷ) to get ∂J/∂z = ŷ − y",
         via(lambda z, p, y: (1 - y) / (1 - p) - y / p)),
        ("you used z where ŷ = σ(z) belongs: ∂J/∂z = σ(z) − y", via(lambda z, p, y: z - y)),
        ("∂J/∂w is missing the factor x: ∂z/∂w = x, so ∂J/∂w = (ŷ − y)·x",
         lambda x, y, p: {"w": (_sig(p["w"] @ x + p["b"]) - y) * np.ones_like(x),
                          "b": _sig(p["w"] @ x + p["b"]) - y}),
        ("you left b out of z = w·x + b when computing ŷ",
         lambda x, y, p: {"w": (_sig(p["w"] @ x) - y) * x, "b": _sig(p["w"] @ x) - y}),
    ]
    return Exercise("logistic_gradient", backprop.logistic_gradient, cases, mistakes)


def _sig(z: float) -> float:
    return 1 / (1 + np.exp(-z))


def check_logistic_gradient(fn: Callable[..., dict]) -> Callable[..., dict]:
    """Check ``logistic_gradient(x, y, params) -> {"w": (n_features,), "b": float}`` for one sample."""
    return run_check(fn, _logistic_gradient_exercise())


# --- Notebook 04 ---------------------------------------------------------------------

def _sigmoid_exercise() -> Exercise:
    wide = np.linspace(-20.0, 20.0, 9)
    extreme = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
    cases = [
        Case((np.array([0.0]),), np.array([0.5]), "z = [0] (σ(0) must be 0.5)"),
        Case((np.array([-2.0, 0.0, 2.0]),), models.sigmoid(np.array([-2.0, 0.0, 2.0])), "z = [-2, 0, 2]"),
        Case((np.array([[1.0, -1.0], [5.0, -5.0]]),), models.sigmoid(np.array([[1.0, -1.0], [5.0, -5.0]])),
             "a (2, 2) array z = [[1, -1], [5, -5]] (any shape must work)"),
        Case((wide,), models.sigmoid(wide), "9 values of z from -20 to 20"),
        # σ(−1000) is 0.0 and σ(1000) is 1.0 to float precision: any finite answer that close passes
        # (the plain 1/(1 + np.exp(-z)) does, with an overflow warning at −1000 that checks hide)
        Case((extreme,), models.sigmoid(extreme),
             "very large scores z = [-1000, -40, 0, 40, 1000] (the answer must be 0.0 and 1.0 at the ends, not nan)"),
    ]
    minus_z = ("you computed σ(−z) = 1 − σ(z), which falls from 1 to 0: e.g. e^(+z) in place of e^(−z) "
               "in 1/(1 + e^(−z)), or e^(−z) on top in e^(−z)/(1 + e^(−z)). The sigmoid is 1/(1 + e^(−z))")
    mistakes: list[Mistake] = [
        (minus_z, lambda z: 1 / (1 + np.exp(z))),
        (minus_z, lambda z: np.exp(-z) / (1 + np.exp(-z))),  # inf/inf = nan at z = −1000: a different answer
        ("np.exp(1000) overflows to inf, so e^z/(1 + e^z) is inf/inf = nan for large z, although it is σ(z) "
         "on paper: use a form that never divides inf by inf, e.g. 1/(1 + np.exp(-z)) (for z = −1000 it computes "
         "1/(1 + inf) = 0.0, the right answer; NumPy's overflow warning there is harmless)",
         lambda z: np.exp(z) / (1 + np.exp(z))),
        ("you returned e^(−z) alone; the sigmoid is 1/(1 + e^(−z))", lambda z: np.exp(-z)),
        ("you left out the 1 + in the denominator: 1/e^(−z) = e^z is not bounded by 1",
         lambda z: 1 / np.exp(-z)),
        ("you subtracted in the denominator: it is 1 + e^(−z), not 1 − e^(−z)",
         lambda z: 1 / (1 - np.exp(-z))),
        ("you returned hard 0/1 labels; σ returns a probability strictly between 0 and 1",
         lambda z: (z >= 0).astype(float)),
        ("that is tanh(z), which runs from −1 to 1; σ(z) = 1/(1 + e^(−z)) runs from 0 to 1",
         lambda z: np.tanh(z)),
    ]
    return Exercise("sigmoid", models.sigmoid, cases, mistakes)


def check_sigmoid(fn: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    """Check a learner's ``sigmoid(z)`` (any shape in, same shape out); returns the function to use."""
    return run_check(fn, _sigmoid_exercise())


def _clipped(wrong: Callable, argument: int) -> Callable:
    """``wrong`` with one argument (0: y, 1: y_hat) clipped into [1e-12, 1 − 1e-12] first."""
    def clipped(*args):
        args = list(args)
        args[argument] = np.clip(args[argument], 1e-12, 1 - 1e-12)
        return wrong(*args)
    return clipped


def _bce_mistakes() -> list[Mistake]:
    """Each wrong formula twice: with ŷ clipped away from 0 and 1, and without (then log(0) too)."""
    log_zero = "ŷ of exactly 0 or 1 gives log(0) = −inf (and 0·(−inf) = NaN): clip ŷ into [ε, 1 − ε] first"
    formulas = [  # (message, wrong formula of (y, p), which argument a careful learner clipped)
        ("you left out the minus sign: log of a probability is ≤ 0, so the loss −mean[...] is ≥ 0",
         lambda y, p: np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)), 1),
        ("you summed over the samples instead of averaging (divide by n, or use np.mean)",
         lambda y, p: -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)), 1),
        ("you swapped y and 1 − y: log ŷ belongs to the label 1, log(1 − ŷ) to the label 0",
         lambda y, p: -np.mean((1 - y) * np.log(p) + y * np.log(1 - p)), 1),
        ("you used log10; the cross-entropy uses the natural logarithm np.log",
         lambda y, p: -np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p)), 1),
        ("you left out the (1 − y)·log(1 − ŷ) term, so the samples with label 0 cost nothing",
         lambda y, p: -np.mean(y * np.log(p)), 1),
        ("you left out the y·log ŷ term, so the samples with label 1 cost nothing",
         lambda y, p: -np.mean((1 - y) * np.log(1 - p)), 1),
        ("you used log ŷ in both terms; the label-0 term is (1 − y)·log(1 − ŷ)",
         lambda y, p: -np.mean(y * np.log(p) + (1 - y) * np.log(p)), 1),
        ("you swapped the arguments: the signature is binary_cross_entropy(y, y_hat), labels first",
         lambda y, p: -np.mean(p * np.log(y) + (1 - p) * np.log(1 - y)), 0),
    ]
    survives = ("for a confidently wrong prediction (y = 1, ŷ = 0) the active term is log(0) = −inf: "
                "{how}. Clip ŷ first, with exactly ε = 1e-12: p = np.clip(y_hat, 1e-12, 1 - 1e-12); "
                "then this sample costs −log(1e-12) ≈ 27.63, large but finite")
    mistakes: list[Mistake] = [
        (log_zero + ", e.g. p = np.clip(y_hat, 1e-12, 1 - 1e-12)",
         lambda y, p: -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))),
        ("that is the mean squared error; the cross-entropy uses logarithms", lambda y, p: np.mean((y - p) ** 2)),
        (survives.format(how="np.nan_to_num turns it into −1.8e308, so the loss is astronomically large "
                         "(and any larger number overflows to inf again)"),
         lambda y, p: -np.mean(np.nan_to_num(y * np.log(p) + (1 - y) * np.log(1 - p)))),
        (survives.format(how="np.nan_to_num turns it into −1.8e308, so the loss is astronomically large "
                         "(and any larger number overflows to inf again)"),
         lambda y, p: -np.mean(y * np.nan_to_num(np.log(p)) + (1 - y) * np.nan_to_num(np.log(1 - p)))),
        (survives.format(how="picking the active term (np.where, or scipy's xlogy) avoids 0·log 0 but not "
                         "this log 0, so the loss is inf"),
         lambda y, p: -np.mean(np.where(y == 1, np.log(p), np.log(1 - p)))),
    ]
    for eps in (1e-15, np.finfo(float).eps, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2):
        mistakes.append((f"you clipped with ε = {eps:.3g}; this exercise asks for exactly ε = 1e-12, "
                         "p = np.clip(y_hat, 1e-12, 1 - 1e-12) (a confidently wrong sample then costs "
                         f"−log(1e-12) ≈ 27.63, not −log({eps:.3g}) ≈ {-np.log(eps):.2f})",
                         lambda y, p, eps=eps: losses.binary_cross_entropy(y, p, eps=eps)))
    for message, wrong, argument in formulas:
        mistakes.append((message, _clipped(wrong, argument)))
        mistakes.append((f"{message}. Also: {log_zero}", wrong))
    return mistakes


def _bce_exercise() -> Exercise:
    rng = np.random.default_rng(4)
    y_many = (rng.uniform(size=20) < 0.5).astype(float)
    p_many = rng.uniform(0.02, 0.98, size=20)
    cases = [
        Case((np.array([1.0]), np.array([0.5])), float(np.log(2)), "y = [1], y_hat = [0.5] (the answer is log 2)"),
        Case((np.array([1.0, 0.0]), np.array([0.9, 0.2])), float(-(np.log(0.9) + np.log(0.8)) / 2),
             "y = [1, 0], y_hat = [0.9, 0.2]"),
        Case((np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.1, 0.6, 0.95, 0.7])),
             losses.binary_cross_entropy(np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.1, 0.6, 0.95, 0.7])),
             "y = [0, 1, 1, 0], y_hat = [0.1, 0.6, 0.95, 0.7]"),
        Case((np.array([1.0, 0.0, 1.0]), np.array([1.0, 0.0, 1.0])), 0.0,
             "perfect predictions y = y_hat = [1, 0, 1] (the loss is 0)"),
        Case((np.array([1.0]), np.array([0.0])), float(-np.log(1e-12)),
             "a confidently wrong prediction y = [1], y_hat = [0] (clipped at ε = 1e-12: −log(1e-12) ≈ 27.63)"),
        Case((y_many, p_many), losses.binary_cross_entropy(y_many, p_many), "20 random labels and probabilities"),
    ]
    # The confidently wrong case pins ε down to 1e-12 (the exercise text says so); atol 1e-9 then
    # also accepts ε-sized differences such as −log(1 − 1e-12) ≈ 1e-12 on the perfect predictions.
    return Exercise("binary_cross_entropy", losses.binary_cross_entropy, cases, _bce_mistakes())


def check_binary_cross_entropy(fn: Callable[[np.ndarray, np.ndarray], float]) -> Callable[[np.ndarray, np.ndarray], float]:
    """Check a learner's ``binary_cross_entropy(y, y_hat) -> float``; returns the function to use."""
    return run_check(fn, _bce_exercise())


def _logistic_gradients_exercise() -> Exercise:
    x3, y3 = np.array([0.0, 1.0, 2.0]), np.array([0.0, 1.0, 1.0])
    rng = np.random.default_rng(5)
    x_many, y_many = rng.uniform(0, 5, size=15), (rng.uniform(size=15) < 0.5).astype(float)
    cases = [
        Case((np.array([2.0]), np.array([1.0]), 0.0, 0.0), {"w": -1.0, "b": -0.5},
             "x = [2], y = [1], w = 0, b = 0 (ŷ = 0.5)"),
        Case((x3, y3, 1.0, -1.0), models.logistic_gradients(x3, y3, 1.0, -1.0), "x = [0, 1, 2], y = [0, 1, 1], w = 1, b = -1"),
        Case((x_many, y_many, -2.0, 5.0), models.logistic_gradients(x_many, y_many, -2.0, 5.0),
             "15 random points, w = -2, b = 5"),
    ]

    def wrong(dw: Callable, db: Callable) -> Callable:
        def gradients(x, y, w, b):
            y_hat = models.sigmoid(w * x + b)
            return {"w": dw(x, y, y_hat, w * x + b), "b": db(x, y, y_hat, w * x + b)}
        return gradients

    mean_db = lambda x, y, p, z: np.mean(p - y)  # noqa: E731 - the right ∂J/∂b
    mistakes: list[Mistake] = [
        ("the signs are flipped: ∂J/∂z = ŷ − y, not y − ŷ (with y − ŷ, gradient descent walks uphill)",
         wrong(lambda x, y, p, z: np.mean((y - p) * x), lambda x, y, p, z: np.mean(y - p))),
        ("you summed over the samples; the cost is a mean, so its gradient is a mean too",
         wrong(lambda x, y, p, z: np.sum((p - y) * x), lambda x, y, p, z: np.sum(p - y))),
        ("∂J/∂w is missing the factor x: ∂z/∂w = x, so ∂J/∂w = mean((ŷ − y)·x)",
         wrong(lambda x, y, p, z: np.mean(p - y), mean_db)),
        ("∂J/∂b should not be multiplied by x: ∂z/∂b = 1, so ∂J/∂b = mean(ŷ − y)",
         wrong(lambda x, y, p, z: np.mean((p - y) * x), lambda x, y, p, z: np.mean((p - y) * x))),
        ("you used z where ŷ = σ(z) belongs: the error is ŷ − y, with ŷ the probability",
         wrong(lambda x, y, p, z: np.mean((z - y) * x), lambda x, y, p, z: np.mean(z - y))),
        ("that is the gradient of the mean squared error of ŷ (with a factor σ'(z) = ŷ(1 − ŷ)); "
         "for the cross-entropy σ' cancels and ∂J/∂z = ŷ − y",
         wrong(lambda x, y, p, z: np.mean(2 * (p - y) * p * (1 - p) * x),
               lambda x, y, p, z: np.mean(2 * (p - y) * p * (1 - p)))),
        ("you swapped the two gradients: ∂J/∂w = mean((ŷ − y)·x) and ∂J/∂b = mean(ŷ − y)",
         wrong(lambda x, y, p, z: np.mean(p - y), lambda x, y, p, z: np.mean((p - y) * x))),
    ]
    return Exercise("logistic_gradients", models.logistic_gradients, cases, mistakes)


def check_logistic_gradients(fn: Callable[..., dict]) -> Callable[..., dict]:
    """Check a learner's ``logistic_gradients(x, y, w, b) -> {"w": ..., "b": ...}``; returns the function to use."""
    return run_check(fn, _logistic_gradients_exercise())


# --- Notebook 05 ---------------------------------------------------------------------

def _standardize_exercise() -> Exercise:
    small = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]])
    rng = np.random.default_rng(6)
    wide = rng.normal(loc=[14.0, 19.0, 0.1, 650.0], scale=[3.5, 4.3, 0.01, 350.0], size=(6, 4))
    square = np.array([[0.0, 5.0], [4.0, 1.0]])
    cases = [
        Case((small,), data.standardize(small), "X = [[1, 10], [2, 20], [3, 60]] (3 samples, 2 features)"),
        Case((square,), np.array([[-1.0, 1.0], [1.0, -1.0]]), "X = [[0, 5], [4, 1]]"),
        Case((wide,), data.standardize(wide), "6 samples of 4 features on very different scales"),
    ]
    mistakes: list[Mistake] = [
        ("you standardised each row; each column is one feature, so use axis=0 (mean and std down the columns)",
         lambda X: (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)),
        ("you used the mean and standard deviation of the whole array; each feature (column) needs its own: axis=0",
         lambda X: (X - X.mean()) / X.std()),
        ("you did not subtract the mean: the z-score is (x − mean) / std",
         lambda X: X / X.std(axis=0)),
        ("you did not divide by the standard deviation: the z-score is (x − mean) / std",
         lambda X: X - X.mean(axis=0)),
        ("you divided by the variance; divide by the standard deviation (its square root)",
         lambda X: (X - X.mean(axis=0)) / X.var(axis=0)),
        ("you used the sample standard deviation (ddof=1); like scikit-learn's StandardScaler, use np.std's "
         "default ddof=0",
         lambda X: (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)),
        ("that is min-max scaling into [0, 1]; the z-score uses the mean and standard deviation",
         lambda X: (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))),
    ]
    # the same slip without keepdims: NumPy raises "could not be broadcast" unless X is square
    per_row = ("you took the mean or std of each row (axis=1): that gives one number per sample, shape (m,), "
               "which NumPy cannot line up with the columns of X (hence \"could not be broadcast\", or silently "
               "wrong numbers when X is square). Each column is one feature: use axis=0, so X.mean(axis=0) has "
               "shape (n_features,) and is subtracted from every row")
    mistakes += [
        (per_row, lambda X: (X - X.mean(axis=1)) / X.std(axis=1)),
        (per_row, lambda X: (X - X.mean(axis=1)) / X.std(axis=0)),
        (per_row, lambda X: (X - X.mean(axis=0)) / X.std(axis=1)),
    ]
    return Exercise("standardize", data.standardize, cases, mistakes)


def check_standardize(fn: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    """Check a learner's ``standardize(X)`` for X (m, n_features); returns the function to use."""
    return run_check(fn, _standardize_exercise())


def _numbers_only(loss: Callable[[float, float], float]) -> Callable[[float, float], float]:
    """``loss`` that refuses arrays, like a real loss over the data: one (w1, w2) pair per call."""
    def one_pair(w1: float, w2: float) -> float:
        if np.ndim(w1) or np.ndim(w2):
            raise TypeError("this loss takes one pair of numbers (w1, w2) per call, not whole arrays: "
                            "call it once per grid point (two loops, or a loop over the meshgrid)")
        return loss(w1, w2)
    return one_pair


def _loss_on_grid_exercise() -> Exercise:
    tilted = _numbers_only(lambda w1, w2: w1 + 10 * w2)
    bowl = _numbers_only(lambda w1, w2: (w1 - 1) ** 2 + 3 * (w2 + 2) ** 2 + w1 * w2)
    w1s, w2s = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0, 8.0])
    ws5, ws7 = np.linspace(-2, 2, 5), np.linspace(-4, 1, 7)
    cases = [
        Case((tilted, w1s, w2s), landscape.loss_grid(tilted, w1s, w2s),
             "loss(w1, w2) = w1 + 10·w2, w1s = [1, 2, 3], w2s = [2, 4, 6, 8] (Z has 4 rows × 3 columns)"),
        Case((bowl, ws5, ws7), landscape.loss_grid(bowl, ws5, ws7), "a bowl-shaped loss, 5 values of w1 × 7 of w2"),
    ]
    mistakes: list[Mistake] = [
        ("Z is transposed: row i must belong to w2s[i] (the vertical axis of a contour plot) and column j "
         "to w1s[j], so Z has shape (len(w2s), len(w1s)), like np.meshgrid(w1s, w2s)",
         lambda loss, a, b: landscape.loss_grid(loss, a, b).T),
        ("you called loss(w2, w1): the first argument is w1, the second w2",
         lambda loss, a, b: landscape.loss_grid(lambda u, v: loss(v, u), a, b)),
    ]
    return Exercise("loss_on_grid", landscape.loss_grid, cases, mistakes)


def check_loss_on_grid(fn: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    """Check a learner's ``loss_on_grid(loss, w1s, w2s)`` -> Z of shape (len(w2s), len(w1s))."""
    return run_check(fn, _loss_on_grid_exercise())
