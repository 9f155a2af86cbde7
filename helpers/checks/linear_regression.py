"""Checks for notebook 01: linear regression and MSE."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .. import losses, models
from ..checking import Case, Exercise, Mistake, awkward_numbers, check_of, reference_cases, run_check


def _ignores_parameters(answers: list[tuple[Case, Any]]) -> str | None:
    """Name a ``predict`` that computes the same line a·x + c whatever w and b it is given."""
    xs, ys = [], []
    for case, got in answers:
        x = case.args[0]
        if not isinstance(got, np.ndarray) or got.shape != x.shape or not np.all(np.isfinite(got)):
            return None
        xs.append(x)
        ys.append(got)
    x, y = np.concatenate(xs), np.concatenate(ys)
    (a, c), *_ = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)
    if not np.allclose(a * x + c, y, rtol=1e-6, atol=1e-9):
        return None
    return (f"your predict always computes the same line {a:.4g}·x + {c:.4g}, whatever w and b it is given: "
            "use its arguments w and b (the notebook calls it with many different values), not fixed numbers")


def _predict_exercise() -> Exercise:
    # Fixed teaching cases share: x sorted, round answers, b ≥ 0, at most 11 points. The seeded
    # cases break that: unsorted x of both signs with zeros, non-round and negative w and b, 37 points.
    rng = np.random.default_rng(11)
    cases = [
        Case((np.array([0.0, 1.0, 2.0]), 2.0, 1.0), np.array([1.0, 3.0, 5.0]), "x = [0, 1, 2], w = 2, b = 1"),
        Case((np.array([-1.0, 0.5]), -3.0, 0.0), np.array([3.0, -1.5]), "x = [-1, 0.5], w = -3, b = 0"),
        Case((np.array([1.0, 2.0]), 0.0, 4.0), np.array([4.0, 4.0]), "x = [1, 2], w = 0, b = 4"),
        Case((np.linspace(0, 5, 11), 3.14, 2.72), 3.14 * np.linspace(0, 5, 11) + 2.72, "11 points, w = 3.14, b = 2.72"),
        *reference_cases(models.linear, [
            ((awkward_numbers(rng, 37), -2.3817, -4.0729), "37 unsorted random x (some negative, some 0), "
                                                            "w = -2.3817, b = -4.0729"),
            ((awkward_numbers(rng, 23, scale=10.0), 1.6180, 0.0), "23 unsorted random x, w = 1.618, b = 0"),
        ]),
    ]
    mistakes: list[Mistake] = [
        ("you left out the intercept b: the model is w·x + b", lambda x, w, b: w * x),
        ("you swapped w and b (w multiplies x, b is added), or your parameters are not in the order "
         "predict(x, w, b)", lambda x, w, b: b * x + w),
        ("you subtracted b; the model adds it: w·x + b", lambda x, w, b: w * x - b),
        ("you multiplied by b as well: the model is w·x + b, not w·x·b", lambda x, w, b: w * x * b),
    ]
    return Exercise("predict", models.linear, cases, mistakes, diagnose=_ignores_parameters)


@check_of(_predict_exercise)
def check_predict(fn: Callable[[np.ndarray, float, float], np.ndarray]) -> Callable[[np.ndarray, float, float], np.ndarray]:
    """Check a learner's ``predict(x, w, b) -> y_hat`` of shape (n,); returns the function to use."""
    return run_check(fn, _predict_exercise())


def _mse_exercise() -> Exercise:
    # Fixed cases share: small round numbers, answers below 10, at most 20 points, no zeros.
    # The seeded ones: 37 and 52 unsorted points of both signs with zeros, answers above 10.
    y, y_hat = np.array([3.0, -1.0, 2.0]), np.array([1.0, 1.0, 1.0])
    rng = np.random.default_rng(0)
    y_big, y_hat_big = rng.normal(size=20), rng.normal(size=20)
    cases = [
        Case((np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0])), 0.0, "a perfect fit (y == y_hat)"),
        Case((y, y_hat), 3.0, "y = [3, -1, 2], y_hat = [1, 1, 1]"),
        Case((np.array([5.0]), np.array([2.0])), 9.0, "a single point y = [5], y_hat = [2]"),
        Case((y_big, y_hat_big), losses.mse(y_big, y_hat_big), "20 random points"),
        *reference_cases(losses.mse, [
            ((awkward_numbers(rng, 37, scale=4.0), awkward_numbers(rng, 37, scale=4.0)),
             "37 random points (some negative, some 0)"),
            ((awkward_numbers(rng, 52) + 8.0, awkward_numbers(rng, 52) + 8.5), "52 random points around 8"),
        ]),
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
        ("np.var(y − ŷ) is not the MSE: the variance subtracts the mean residual before squaring, so a model "
         "that is off by the same amount everywhere would score 0. Square the residuals themselves and average",
         lambda y, p: np.var(y - p)),
    ]
    return Exercise("mse", losses.mse, cases, mistakes)


@check_of(_mse_exercise)
def check_mse(fn: Callable[[np.ndarray, np.ndarray], float]) -> Callable[[np.ndarray, np.ndarray], float]:
    """Check a learner's ``mse(y, y_hat) -> float``; returns the function to use from here on."""
    return run_check(fn, _mse_exercise())


def _best_constant_exercise() -> Exercise:
    # The fixed cases share: few, round values. The seeded ones: 37 unsorted values of both signs
    # with exact zeros (mean ≠ median), and 26 values around 12 (an answer beyond 10).
    rng = np.random.default_rng(14)
    skewed = np.array([1.0, 2.0, 3.0, 10.0])
    cases = [
        Case((np.array([2.0, 4.0, 9.0]),), 5.0, "y = [2, 4, 9] (the answer is 5)"),
        Case((skewed,), 4.0, "y = [1, 2, 3, 10] (one large value: the answer is 4, not the median 2.5)"),
        *reference_cases(losses.best_constant, [((awkward_numbers(rng, 37, scale=3.0) ** 3,), "37 random values"),
                                                ((rng.normal(12.0, 2.0, size=26),), "26 random values around 12")]),
    ]
    mistakes: list[Mistake] = [
        ("that is the median, the best constant under the mean ABSOLUTE error (notebook 08); under the squared "
         "error a far value pulls harder, and the best constant is the mean", lambda y: float(np.median(y))),
        ("that is the middle of the range, (min + max)/2; the MSE weighs every value, so the best constant "
         "is the mean", lambda y: float((np.min(y) + np.max(y)) / 2)),
        ("you summed the values; the best constant is their mean (divide by n)", lambda y: float(np.sum(y))),
    ]
    return Exercise("best_constant", losses.best_constant, cases, mistakes,
                    exempt={"sort:y": "the mean does not depend on the order of the values"})


@check_of(_best_constant_exercise)
def check_best_constant(fn: Callable[[np.ndarray], float]) -> Callable[[np.ndarray], float]:
    """Check a learner's ``best_constant(y) -> float`` (the c that minimises the MSE); returns the function to use."""
    return run_check(fn, _best_constant_exercise())
