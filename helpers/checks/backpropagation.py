"""Checks for notebook 03: computation graphs and backpropagation."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .. import backprop
from ..checking import Case, Exercise, Mistake, awkward_numbers, check_of, reference_cases, run_check


# The first four points share round values and no zero a or c; the others break that: a = 0,
# c = 0 (where J/c in place of v fails), non-round values of both signs, answers beyond ±10.
_GRAPH_POINTS = [((3.0, 4.0, 5.0), "a = 3, b = 4, c = 5"), ((1.0, 0.0, 2.0), "a = 1, b = 0, c = 2"),
                 ((-1.0, 2.0, 0.5), "a = -1, b = 2, c = 0.5"), ((0.5, -3.0, -2.0), "a = 0.5, b = -3, c = -2"),
                 ((0.0, -1.371, 2.718), "a = 0, b = -1.371, c = 2.718"),
                 ((1.7321, 2.2361, 0.0), "a = 1.7321, b = 2.2361, c = 0"),
                 ((-2.3517, 0.4503, -13.817), "a = -2.3517, b = 0.4503, c = -13.817")]


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


@check_of(_forward_exercise)
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
        *[(f"∂J/∂{node} = {local:g} is only the local derivative ∂{parent}/∂{node}: multiply it by the upstream "
           f"gradient ∂J/∂{parent} arriving from above (the chain rule): ∂J/∂{node} = ∂J/∂{parent} · {local:g}",
           grads(*[(lambda v, c, k=local: k) if name == node else right for name, right in
                   zip("vucba", (c_, c_, lambda v, c: v, c_, lambda v, c: 2 * c))]))
          for node, parent, local in (("a", "u", 2.0), ("b", "v", 1.0), ("u", "v", 1.0))],
        ("∂J/∂a = 2 and ∂J/∂b = 1 are only the local derivatives ∂u/∂a and ∂v/∂b: multiply each by the upstream "
         "gradient arriving from above (the chain rule): ∂J/∂a = ∂J/∂u · 2 and ∂J/∂b = ∂J/∂v · 1",
         grads(c_, c_, lambda v, c: v, lambda v, c: 1.0, lambda v, c: 2.0)),
        ("you returned the forward values (v, u, c, b, a) instead of the gradients ∂J/∂(node)",
         lambda a, b, c: {"dJ/dv": 2 * a + b, "dJ/du": 2 * a, "dJ/dc": c, "dJ/db": b, "dJ/da": a}),
    ]
    return Exercise("backward", backprop.example_backward, cases, mistakes)


def _branch_exercise() -> Exercise:
    # The first two points are round; the others break that: a = 0, b = 0, both signs,
    # non-round values, ∂J/∂a beyond ±10.
    points = [((3.0, 4.0), "a = 3, b = 4 (the answer has ∂J/∂a = 10)"), ((1.0, -2.0), "a = 1, b = -2"),
              ((0.0, 2.718), "a = 0, b = 2.718"), ((-1.7321, 0.0), "a = -1.7321, b = 0"),
              ((12.613, -3.1416), "a = 12.613, b = -3.1416")]
    cases = [Case(args, backprop.branch_backward(*args), label) for args, label in points]

    def grads(da: Callable) -> Callable:
        return lambda a, b: {"dJ/ds": a, "dJ/db": a, "dJ/da": da(a, a + b)}

    mistakes: list[Mistake] = [
        ("∂J/∂a counts only the path through s; a also enters J = s·a directly. Where a value feeds two nodes, "
         "the gradients from both paths ADD: ∂J/∂a = ∂J/∂s·∂s/∂a + (the direct path)", grads(lambda a, s: a)),
        ("∂J/∂a counts only the direct path J = s·a (holding s fixed); a also changes s = a + b. Where a value "
         "feeds two nodes, the gradients from both paths ADD", grads(lambda a, s: s)),
        ("you multiplied the two paths' gradients; paths that meet at a value ADD (the multivariable chain rule)",
         grads(lambda a, s: a * s)),
        ("for a product J = s·a the derivative with respect to s is the other factor, a (not s)",
         lambda a, b: {"dJ/ds": a + b, "dJ/db": a + b, "dJ/da": (a + b) + (a + b)}),
    ]
    return Exercise("branch_backward", backprop.branch_backward, cases, mistakes)


@check_of(_branch_exercise)
def check_branch_backward(fn: Callable[[float, float], dict]) -> Callable[[float, float], dict]:
    """Check ``branch_backward(a, b)`` -> {"dJ/ds", "dJ/db", "dJ/da"} of J = (a + b)·a; returns the function to use."""
    return run_check(fn, _branch_exercise())


@check_of(_backward_exercise)
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
    # the fixed samples share: at most 3 features, no zero in x, b ≥ 0, small answers; seeded ones break it
    rng = np.random.default_rng(31)
    for y, size, scale, b in ((1.0, 26, 15.0, -0.731), (0.0, 7, 1.5, 2.2)):
        x, w = awkward_numbers(rng, size, scale=scale), awkward_numbers(rng, size, scale=0.03)
        cases += reference_cases(backprop.logistic_gradient, [((x, y, {"w": w, "b": b}),
                                 f"a random sample of {size} features, y = {y:g}, b = {b:g}")])

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
    return Exercise("logistic_gradient", backprop.logistic_gradient, cases, mistakes,
                    exempt={"abs:y": "a label is 0 or 1, never negative"})


def _sig(z: float) -> float:
    return 1 / (1 + np.exp(-z))


@check_of(_logistic_gradient_exercise)
def check_logistic_gradient(fn: Callable[..., dict]) -> Callable[..., dict]:
    """Check ``logistic_gradient(x, y, params) -> {"w": (n_features,), "b": float}`` for one sample."""
    return run_check(fn, _logistic_gradient_exercise())
