"""Checks for notebook 08: a field guide to loss functions (Huber, its derivative, the cosine loss and its
gradient, the Minkowski distance)."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .. import distances, regression_losses
from ..checking import Case, Exercise, Mistake, awkward_numbers, check_of, reference_cases, run_check


def _residual_cases(reference: Callable[[np.ndarray, float], np.ndarray]) -> list[Case]:
    """Fixed teaching cases (inside, at and beyond ±δ, both signs, zero) and seeded random ones."""
    # The fixed cases share: sorted, round residuals, at most 7 of them, answers below 10. The
    # seeded ones are unsorted, non-round, of both signs, up to 37 residuals; the last has exact
    # zeros and residuals beyond ±10 inside a δ of 15, so both the loss and the slope exceed 10.
    teaching = np.array([-3.0, -1.0, -0.5, 0.0, 0.25, 1.0, 2.0])
    rng = np.random.default_rng(8)
    wide = rng.normal(0.0, 3.0, size=37)   # unsorted, both signs, non-round
    small = rng.normal(0.0, 0.2, size=12)  # mostly inside a δ of 0.3
    large = awkward_numbers(rng, 29, scale=12.0)
    cases = [
        (np.array([0.5]), 1.0, "a = [0.5], delta = 1 (inside ±δ)"),
        (np.array([3.0]), 1.0, "a = [3], delta = 1 (beyond ±δ)"),
        (np.array([-3.0]), 1.0, "a = [-3], delta = 1 (beyond ±δ, negative)"),
        (teaching, 1.0, "a = [-3, -1, -0.5, 0, 0.25, 1, 2], delta = 1"),
        (teaching, 2.5, "a = [-3, -1, -0.5, 0, 0.25, 1, 2], delta = 2.5"),
        (wide, 1.7, "37 random residuals (spread 3), delta = 1.7"),
        (small, 0.3, "12 random residuals (spread 0.2), delta = 0.3"),
        (wide, 12.0, "37 random residuals, delta = 12 (larger than every |a|)"),
        (large, 15.0, "29 random residuals (spread 12, some 0), delta = 15"),
    ]
    return [Case((), reference(a, delta), label, kwargs={"a": a, "delta": delta}) for a, delta, label in cases]


_POSITIVE_DELTA = {f"{exploit}:delta": "δ is a threshold on |a| and must be positive (δ ≤ 0 is refused)"
                   for exploit in ("abs", "zero")}


def _per_residual_slips(reference: Callable[[np.ndarray, float], np.ndarray], what: str) -> list[Mistake]:
    """Slips that keep the right formula but not one value per residual, or branch with `if` on a whole array."""
    def with_if(a, delta):
        bool(np.abs(a) <= delta)  # what `if np.abs(a) <= delta:` does: raises for more than one residual
        return reference(a, delta)  # and with one residual, either branch gives the right value

    per_residual = f"return the {what} of each residual, an array of shape (n,) like a"
    return [
        (f"you averaged: {per_residual}, not their mean", lambda a, delta: np.mean(reference(a, delta))),
        (f"you summed: {per_residual}, not their sum", lambda a, delta: np.sum(reference(a, delta))),
        ("`if` on a whole array does not work element by element (it fails as soon as a has more than one "
         "value): pick between the two formulas for every residual at once with np.where(condition, inside, outside)",
         with_if),
    ]


def _huber_exercise() -> Exercise:
    half = 0.5
    mistakes: list[Mistake] = [
        ("the quadratic part is ½a², not a²: with a² the two pieces do not meet at |a| = δ",
         lambda a, delta: np.where(np.abs(a) <= delta, a**2, delta * (np.abs(a) - half * delta))),
        ("the linear part is δ(|a| − ½δ): you left out the − ½δ, so the two pieces do not meet at |a| = δ",
         lambda a, delta: np.where(np.abs(a) <= delta, half * a**2, delta * np.abs(a))),
        ("the linear part uses |a|: with a itself, large negative residuals get a negative loss",
         lambda a, delta: np.where(np.abs(a) <= delta, half * a**2, delta * (a - half * delta))),
        ("compare |a| with δ, not a: a large negative residual must land in the linear part too",
         lambda a, delta: np.where(a <= delta, half * a**2, delta * (np.abs(a) - half * delta))),
        ("the branches are swapped: ½a² belongs inside |a| ≤ δ, the linear part outside",
         lambda a, delta: np.where(np.abs(a) <= delta, delta * (np.abs(a) - half * delta), half * a**2)),
        ("the constant is ½δ² (= δ·½δ), not δ²: the linear part is δ(|a| − ½δ) = δ|a| − ½δ²",
         lambda a, delta: np.where(np.abs(a) <= delta, half * a**2, delta * np.abs(a) - delta**2)),
        ("that is the pseudo-Huber loss δ²(√(1 + (a/δ)²) − 1), a smooth look-alike; "
         "this exercise asks for the Huber loss itself, with its two pieces",
         lambda a, delta: delta**2 * (np.sqrt(1 + (a / delta) ** 2) - 1)),
        ("you returned the derivative (a clipped to [−δ, δ]); this function returns the loss itself",
         lambda a, delta: np.clip(a, -delta, delta)),
        ("you used δ = 1 instead of the delta argument (it is 1 in the first cases only): "
         "the threshold and the linear part both use the delta you are given",
         lambda a, delta: regression_losses.huber_loss(a, 1.0)),
        ("the condition uses δ = 1 instead of the delta argument: compare |a| with the delta you are given",
         lambda a, delta: np.where(np.abs(a) <= 1.0, half * a**2, delta * (np.abs(a) - half * delta))),
        *_per_residual_slips(regression_losses.huber_loss, "loss"),
    ]
    return Exercise("huber_loss", regression_losses.huber_loss, _residual_cases(regression_losses.huber_loss), mistakes,
                    exempt={"abs:a": "the Huber loss is even, huber(−a) = huber(a): |a| gives the same answer",
                            **_POSITIVE_DELTA})


@check_of(_huber_exercise)
def check_huber_loss(fn: Callable[[np.ndarray, float], np.ndarray]) -> Callable[[np.ndarray, float], np.ndarray]:
    """Check a learner's ``huber_loss(a, delta)`` (the loss of each residual, shape (n,)); returns the function to use."""
    return run_check(fn, _huber_exercise())


def _huber_derivative_exercise() -> Exercise:
    mistakes: list[Mistake] = [
        ("beyond ±δ the slope is δ·sign(a): you left out the sign, so negative residuals are pushed the wrong way",
         lambda a, delta: np.where(np.abs(a) <= delta, a, delta)),
        ("you dropped the sign: np.minimum(|a|, δ) is only the size of the slope; a negative residual has a "
         "negative slope (a inside ±δ, δ·sign(a) outside), e.g. np.clip(a, -delta, delta)",
         lambda a, delta: np.minimum(np.abs(a), delta)),
        ("beyond ±δ the slope is δ·sign(a), not sign(a) (that is the MAE's slope; Huber's linear part is δ|a| − ½δ²)",
         lambda a, delta: np.where(np.abs(a) <= delta, a, np.sign(a))),
        ("inside ±δ the slope of ½a² is a, not 2a (2a is the slope of a²)",
         lambda a, delta: np.where(np.abs(a) <= delta, 2 * a, delta * np.sign(a))),
        ("compare |a| with δ, not a: a large negative residual gets the slope −δ",
         lambda a, delta: np.where(a <= delta, a, delta * np.sign(a))),
        ("the branches are swapped: the slope is a inside |a| ≤ δ and δ·sign(a) outside",
         lambda a, delta: np.where(np.abs(a) <= delta, delta * np.sign(a), a)),
        ("inside ±δ the slope is a, not δ·a", lambda a, delta: np.where(np.abs(a) <= delta, delta * a, delta * np.sign(a))),
        ("you clipped to [−1, 1], a fixed δ = 1: the slope is capped at ±δ, with the delta argument you are given "
         "(δ = 1 only in the first cases)", lambda a, delta: np.clip(a, -1.0, 1.0)),
        ("you returned the loss; this function returns its derivative (slope) at each residual",
         regression_losses.huber_loss),
        ("that is the derivative of the pseudo-Huber loss, a / √(1 + (a/δ)²); the Huber slope is a inside ±δ "
         "and exactly δ·sign(a) outside", lambda a, delta: a / np.sqrt(1 + (a / delta) ** 2)),
        *_per_residual_slips(regression_losses.huber_derivative, "slope"),
    ]
    return Exercise("huber_derivative", regression_losses.huber_derivative,
                    _residual_cases(regression_losses.huber_derivative), mistakes, exempt=_POSITIVE_DELTA)


@check_of(_huber_derivative_exercise)
def check_huber_derivative(fn: Callable[[np.ndarray, float], np.ndarray]) -> Callable[[np.ndarray, float], np.ndarray]:
    """Check a learner's ``huber_derivative(a, delta)`` (the slope at each residual, shape (n,)); returns the function to use."""
    return run_check(fn, _huber_derivative_exercise())


def _cosine_loss_exercise() -> Exercise:
    # The fixed cases share: short, round vectors. The seeded ones are unsorted, non-round, of
    # both signs, up to 50 long (answers lie in [0, 2]); the orthogonal case has exact zeros.
    rng = np.random.default_rng(11)
    u10, v10 = rng.normal(size=10), rng.normal(size=10)
    u50 = rng.normal(size=50)
    v50 = -0.3 * u50 + rng.normal(size=50)
    pairs = [
        (np.array([1.0, 2.0]), np.array([2.0, 4.0]), "a = [1, 2], b = [2, 4] (same direction, twice as long)"),
        (np.array([3.0, -1.0]), np.array([-6.0, 2.0]), "a = [3, -1], b = [-6, 2] (opposite directions)"),
        (np.array([1.0, 0.0, 0.0]), np.array([0.0, 5.0, 0.0]), "a = [1, 0, 0], b = [0, 5, 0] (orthogonal)"),
        (np.array([1.0, 1.0]), np.array([0.0, 2.0]), "a = [1, 1], b = [0, 2] (45° apart)"),
        (u10, v10, "two random vectors of length 10"),
        (u50, v50, "two random vectors of length 50 (negatively related)"),
        (np.array([0.01, -0.02, 0.03]), np.array([200.0, -100.0, 50.0]), "a tiny a = [0.01, -0.02, 0.03] and a long b"),
    ]
    cases = [Case((a, b), distances.cosine_distance(a, b), label) for a, b, label in pairs]

    def norm(v):
        return np.sqrt(np.sum(v * v))

    mistakes: list[Mistake] = [
        ("you returned the cosine similarity itself; the loss is 1 − cos θ (0 for the same direction)",
         lambda a, b: np.sum(a * b) / (norm(a) * norm(b))),
        ("you left out the lengths: 1 − a·b depends on how long the vectors are; divide a·b by ‖a‖‖b‖",
         lambda a, b: 1 - np.sum(a * b)),
        ("divide by the product of both lengths ‖a‖‖b‖, not by one of them",
         lambda a, b: 1 - np.sum(a * b) / norm(a)),
        ("divide by the product of both lengths ‖a‖‖b‖, not by one of them",
         lambda a, b: 1 - np.sum(a * b) / norm(b)),
        ("‖a‖ is the square root of Σa²: you divided by the squared lengths",
         lambda a, b: 1 - np.sum(a * b) / (np.sum(a * a) * np.sum(b * b))),
        ("divide by the product ‖a‖·‖b‖, not the sum ‖a‖ + ‖b‖",
         lambda a, b: 1 - np.sum(a * b) / (norm(a) + norm(b))),
        ("the loss is 1 − cos θ, not 1 + cos θ (that one is 0 for opposite vectors)",
         lambda a, b: 1 + np.sum(a * b) / (norm(a) * norm(b))),
        ("that is the Euclidean distance, which depends on length; the cosine loss looks at direction only",
         lambda a, b: norm(a - b)),
        ("that is 1 − |cos θ|: opposite vectors must get the largest loss, 2, not 0",
         lambda a, b: 1 - np.abs(np.sum(a * b)) / (norm(a) * norm(b))),
        ("you returned one value per coordinate: the dot product a·b is the sum Σ a_i·b_i (np.sum(a * b), "
         "or a @ b), one number", lambda a, b: 1 - a * b / (norm(a) * norm(b))),
        ("that is the angle θ itself (arccos); the loss is 1 − cos θ",
         lambda a, b: np.arccos(np.clip(np.sum(a * b) / (norm(a) * norm(b)), -1, 1))),
    ]
    # atol 1e-7: the usual guard ‖a‖‖b‖ + 1e-8 in the denominator moves the answer by about 1e-8/(‖a‖‖b‖),
    # far less than any slip above (they are off by 0.1 or more)
    return Exercise("cosine_loss", distances.cosine_distance, cases, mistakes, atol=1e-7,
                    exempt={"clip10": "1 − cos θ lies in [0, 2]"})


@check_of(_cosine_loss_exercise)
def check_cosine_loss(fn: Callable[[np.ndarray, np.ndarray], float]) -> Callable[[np.ndarray, np.ndarray], float]:
    """Check a learner's ``cosine_loss(a, b) -> float`` (1 − cos θ of vectors of shape (n,)); returns the function to use."""
    return run_check(fn, _cosine_loss_exercise())


def _cosine_gradient_exercise() -> Exercise:
    # Fixed cases share: short, round vectors, answers below 10. The seeded ones: 50 unsorted values of
    # both signs with exact zeros in a, and a tiny a (≈ 0.04 long) whose gradient goes beyond ±10.
    rng = np.random.default_rng(12)
    a50, b50 = awkward_numbers(rng, 50), rng.normal(size=50)
    G = distances.cosine_distance_gradient
    cases = [
        Case((np.array([1.0, 0.0]), np.array([0.0, 2.0])), np.array([0.0, -1.0]),
             "a = [1, 0], b = [0, 2] (orthogonal: the answer is [0, -1])"),
        Case((np.array([1.0, 2.0]), np.array([2.0, 4.0])), np.zeros(2),
             "a = [1, 2], b = [2, 4] (same direction: the minimum, gradient 0)"),
        Case((np.array([1.0, 1.0]), np.array([0.0, 2.0])), G(np.array([1.0, 1.0]), np.array([0.0, 2.0])),
             "a = [1, 1], b = [0, 2] (45° apart)"),
        Case((np.array([0.01, -0.02, 0.03]), np.array([200.0, -100.0, 50.0])),
             G(np.array([0.01, -0.02, 0.03]), np.array([200.0, -100.0, 50.0])),
             "a tiny a = [0.01, -0.02, 0.03] and a long b (the gradient goes beyond ±10)"),
        *reference_cases(G, [((a50, b50), "two random vectors of length 50, some zeros in a")]),
    ]

    def norm(v):
        return np.sqrt(np.sum(v * v))

    def cos(a, b):
        return np.sum(a * b) / (norm(a) * norm(b))

    mistakes: list[Mistake] = [
        ("the second term is missing: ‖a‖ depends on a too, so differentiating 1/‖a‖ adds cos θ · a/‖a‖²",
         lambda a, b: -b / (norm(a) * norm(b))),
        ("the signs are flipped: the loss is 1 − cos θ, so its gradient is minus the gradient of cos θ",
         lambda a, b: b / (norm(a) * norm(b)) - cos(a, b) * a / norm(a) ** 2),
        ("∂‖a‖/∂a = a/‖a‖, so the derivative of 1/‖a‖ is −a/‖a‖³: the second term is cos θ · a/‖a‖², "
         "not cos θ · a/‖a‖", lambda a, b: -b / (norm(a) * norm(b)) + cos(a, b) * a / norm(a)),
        ("that is the gradient with respect to b; this exercise asks for ∂/∂a (swap the roles)",
         lambda a, b: -a / (norm(a) * norm(b)) + cos(a, b) * b / norm(b) ** 2),
        ("you differentiated 1 − a·b alone, as if the lengths were constants: −b",
         lambda a, b: -b),
    ]
    return Exercise("cosine_loss_gradient", G, cases, mistakes, atol=1e-7)


@check_of(_cosine_gradient_exercise)
def check_cosine_loss_gradient(fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Check a learner's ``cosine_loss_gradient(a, b)``: ∂(1 − cos θ)/∂a, shape (n,); returns the function to use."""
    return run_check(fn, _cosine_gradient_exercise())


def _minkowski_exercise() -> Exercise:
    # Fixed cases share: 2 to 4 coordinates, whole-number p. The seeded ones: 30 unsorted
    # coordinates of both signs with exact zeros, p = 1.5 and p = 3.7, distances beyond 10.
    rng = np.random.default_rng(13)
    u30, v30 = awkward_numbers(rng, 30, scale=4.0), awkward_numbers(rng, 30, scale=4.0)
    M = distances.minkowski
    u, v = np.array([1.0, -2.0, 3.5, 0.0]), np.array([2.0, 0.5, 3.0, -1.0])
    cases = [
        Case((np.array([0.0, 0.0]), np.array([3.0, 4.0])), 5.0, "u = [0, 0], v = [3, 4], p = 2 (the answer is 5)",
             kwargs={"p": 2.0}),
        Case((np.array([0.0, 0.0]), np.array([3.0, -4.0])), 7.0, "u = [0, 0], v = [3, -4], p = 1 (the answer is 7)",
             kwargs={"p": 1.0}),
        Case((u, v), M(u, v, 3.0), "u = [1, -2, 3.5, 0], v = [2, 0.5, 3, -1], p = 3", kwargs={"p": 3.0}),
        *reference_cases(M, [((u30, v30), "30 random coordinates, p = 1.5")], p=1.5),
        *reference_cases(M, [((v30, u30 * 3), "30 random coordinates, p = 3.7")], p=3.7),
    ]
    mistakes: list[Mistake] = [
        ("you left out the absolute value: for an odd or fractional p a negative difference must count as "
         "positive, |u_i − v_i|^p", lambda u, v, p: np.sum((u - v) ** p) ** (1 / p)),
        ("you left out the p-th root: the distance is (Σ|u_i − v_i|^p)^(1/p)", lambda u, v, p: np.sum(np.abs(u - v) ** p)),
        ("you took the square root whatever p is: the root is the p-th, (…)^(1/p)",
         lambda u, v, p: np.sqrt(np.sum(np.abs(u - v) ** p))),
        ("you used p = 2 whatever p is given: use the argument p", lambda u, v, p: np.sqrt(np.sum((u - v) ** 2))),
        ("you took the root of each coordinate before summing: the sum comes first, then the p-th root",
         lambda u, v, p: np.sum((np.abs(u - v) ** p) ** (1 / p))),
    ]
    return Exercise("minkowski", M, cases, mistakes,
                    exempt={"abs:p": "p ≥ 1 (below 1 it is not a distance, and minkowski refuses it)",
                            "zero:p": "p ≥ 1 (p = 0 is refused)"})


@check_of(_minkowski_exercise)
def check_minkowski(fn: Callable[..., float]) -> Callable[..., float]:
    """Check a learner's ``minkowski(u, v, p) -> float``, (Σ|u_i − v_i|^p)^(1/p); returns the function to use."""
    return run_check(fn, _minkowski_exercise())
