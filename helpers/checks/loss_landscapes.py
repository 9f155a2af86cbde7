"""Checks for notebook 05: loss landscapes."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .. import data, landscape
from ..checking import Case, Exercise, Mistake, awkward_numbers, check_of, counted, reference_cases, run_check


def _standardize_exercise() -> Exercise:
    # Fixed cases share: positive values, at most 6 rows, |z| < 10. The seeded one has 120 rows of
    # both signs with zeros, on different scales, and an outlier whose z-score exceeds 10.
    small = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]])
    rng = np.random.default_rng(6)
    wide = rng.normal(loc=[14.0, 19.0, 0.1, 650.0], scale=[3.5, 4.3, 0.01, 350.0], size=(6, 4))
    square = np.array([[0.0, 5.0], [4.0, 1.0]])
    tall = awkward_numbers(rng, (120, 3)) * np.array([1.0, 0.01, 250.0])
    tall[17, 1] = 0.9  # about 11 standard deviations out
    cases = [
        Case((small,), data.standardize(small), "X = [[1, 10], [2, 20], [3, 60]] (3 samples, 2 features)"),
        Case((square,), np.array([[-1.0, 1.0], [1.0, -1.0]]), "X = [[0, 5], [4, 1]]"),
        Case((wide,), data.standardize(wide), "6 samples of 4 features on very different scales"),
        *reference_cases(data.standardize, [((tall,), "120 random samples of 3 features, one far out")]),
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
    per_row = ("you took the mean or std of each row (axis=1): that gives one number per sample, shape (n,), "
               "which NumPy cannot line up with the columns of X (hence \"could not be broadcast\", or silently "
               "wrong numbers when X is square). Each column is one feature: use axis=0, so X.mean(axis=0) has "
               "shape (n_features,) and is subtracted from every row")
    mistakes += [
        (per_row, lambda X: (X - X.mean(axis=1)) / X.std(axis=1)),
        (per_row, lambda X: (X - X.mean(axis=1)) / X.std(axis=0)),
        (per_row, lambda X: (X - X.mean(axis=0)) / X.std(axis=1)),
    ]
    return Exercise("standardize", data.standardize, cases, mistakes)


@check_of(_standardize_exercise)
def check_standardize(fn: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    """Check a learner's ``standardize(X)`` for X (n, n_features); returns the function to use."""
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
    # Fixed grids share: sorted, round, at most 7 values, no zero in w2s; the seeded grid is
    # unsorted, non-round, with zeros and 23 values of w1. The losses count their calls, so a
    # function that never calls `loss` (a loss from another cell) is named.
    tilted = counted(_numbers_only(lambda w1, w2: w1 + 10 * w2))
    bowl = counted(_numbers_only(lambda w1, w2: (w1 - 1) ** 2 + 3 * (w2 + 2) ** 2 + w1 * w2))
    cubic = counted(_numbers_only(lambda w1, w2: (w1 - 0.3) ** 2 + 2.5 * w1 * w2 + w2**3))
    rng = np.random.default_rng(51)
    w1_23, w2_6 = awkward_numbers(rng, 23), np.array([1.37, 0.0, -2.21, 0.58, -0.91, 2.64])
    w1s, w2s = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0, 8.0])
    ws5, ws7 = np.linspace(-2, 2, 5), np.linspace(-4, 1, 7)
    cases = [
        Case((tilted, w1s, w2s), landscape.loss_grid(tilted, w1s, w2s),
             "loss(w1, w2) = w1 + 10·w2, w1s = [1, 2, 3], w2s = [2, 4, 6, 8] (Z has 4 rows × 3 columns)"),
        Case((bowl, ws5, ws7), landscape.loss_grid(bowl, ws5, ws7), "a bowl-shaped loss, 5 values of w1 × 7 of w2"),
        Case((cubic, w1_23, w2_6), landscape.loss_grid(cubic, w1_23, w2_6),
             "loss(w1, w2) = (w1 − 0.3)² + 2.5·w1·w2 + w2³ on 23 unsorted random values of w1 × 6 of w2"),
    ]
    for loss in (tilted, bowl, cubic):
        loss.calls[0] = 0  # count only the learner's calls
    mistakes: list[Mistake] = [
        ("Z is transposed: row i must belong to w2s[i] (the vertical axis of a contour plot) and column j "
         "to w1s[j], so Z has shape (len(w2s), len(w1s)), like np.meshgrid(w1s, w2s)",
         lambda loss, a, b: landscape.loss_grid(loss, a, b).T),
        ("you called loss(w2, w1): the first argument is w1, the second w2",
         lambda loss, a, b: landscape.loss_grid(lambda u, v: loss(v, u), a, b)),
    ]
    def never_called(answers: list) -> str | None:
        if tilted.calls[0] == bowl.calls[0] == cubic.calls[0] == 0:
            return ("your function never calls its `loss` argument: use loss(w1, w2), the function it is given "
                    "(each case passes a different one), not a loss defined in another cell")
        return None

    return Exercise("loss_on_grid", landscape.loss_grid, cases, mistakes, diagnose=never_called)


@check_of(_loss_on_grid_exercise)
def check_loss_on_grid(fn: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    """Check a learner's ``loss_on_grid(loss, w1s, w2s)`` -> Z of shape (len(w2s), len(w1s))."""
    return run_check(fn, _loss_on_grid_exercise())


def _to_raw_units_exercise() -> Exercise:
    """Fixed teaching cases and seeded random ones (negative means, a zero weight, many features)."""
    rng = np.random.default_rng(105)
    many = (rng.normal(0.0, 3.0, size=7), float(rng.normal(0.0, 2.0)),
            rng.normal(0.0, 50.0, size=7), rng.uniform(0.05, 40.0, size=7))
    many[0][3] = 0.0
    wide = (rng.normal(0.0, 2.0, size=26), float(rng.normal(0.0, 2.0)),
            rng.normal(0.0, 20.0, size=26), rng.uniform(0.05, 20.0, size=26))
    cases = [
        Case((np.array([2.0]), 1.0, np.array([3.0]), np.array([0.5])), {"w": np.array([4.0]), "b": -11.0},
             "one feature: w' = [2], b' = 1, mean = [3], std = [0.5] (expected w = [4], b = -11)"),
        Case((np.array([3.722, 0.937]), -0.708, np.array([14.13, 19.29]), np.array([3.52, 4.3])),
             data.to_raw_units(np.array([3.722, 0.937]), -0.708, np.array([14.13, 19.29]), np.array([3.52, 4.3])),
             "the breast-cancer fit, rounded: w' = [3.722, 0.937], b' = -0.708, mean = [14.13, 19.29], "
             "std = [3.52, 4.3]"),
        Case((np.array([-1.5, 0.25, 4.0]), 0.0, np.array([-2.0, 0.0, 7.5]), np.array([2.0, 0.1, 3.0])),
             data.to_raw_units(np.array([-1.5, 0.25, 4.0]), 0.0, np.array([-2.0, 0.0, 7.5]), np.array([2.0, 0.1, 3.0])),
             "three features with a negative mean and b' = 0"),
        Case(many, data.to_raw_units(*many), "7 random features (negative means, one zero weight, stds from 0.05 to 40)"),
        Case(wide, data.to_raw_units(*wide), "26 random features"),
    ]

    def raw(w_of, b_of):
        return lambda w, b, mean, std: {"w": w_of(w, mean, std), "b": float(b_of(w, b, mean, std))}

    right_w, right_b = (lambda w, m, s: w / s), (lambda w, b, m, s: b - np.sum(w * m / s))
    mistakes: list[Mistake] = [
        ("you multiplied the weights by the standard deviations; x' = (x − mean)/std divides x by std, "
         "so each raw weight is w'/std", raw(lambda w, m, s: w * s, right_b)),
        ("you multiplied the weights by the standard deviations (and the means too): x' = (x − mean)/std divides "
         "by std, so each raw weight is w'/std", raw(lambda w, m, s: w * s, lambda w, b, m, s: b - np.sum(w * m * s))),
        ("you kept the standardised intercept; the constant terms −w'·mean/std of every feature belong to b too",
         raw(right_w, lambda w, b, m, s: b)),
        ("the sign of the constant terms is wrong: w'·(x − mean)/std contributes −w'·mean/std to b",
         raw(right_w, lambda w, b, m, s: b + np.sum(w * m / s))),
        ("you left out the division by std in the intercept: the constant term of each feature is w'·mean/std",
         raw(right_w, lambda w, b, m, s: b - np.sum(w * m))),
        ("you averaged the constant terms over the features (np.mean); they add up (np.sum)",
         raw(right_w, lambda w, b, m, s: b - np.mean(w * m / s))),
        ("you returned the constant terms per feature; b is one number: add them up with np.sum",
         lambda w, b, mean, std: {"w": w / std, "b": b - w * mean / std}),
        ("you subtracted the means from the weights; the means move into the intercept, the weights are only "
         "divided by std", raw(lambda w, m, s: (w - m) / s, right_b)),
    ]
    positive = "a standard deviation is > 0"
    return Exercise("to_raw_units", data.to_raw_units, cases, mistakes,
                    exempt={"abs:std": positive, "zero:std": positive})


@check_of(_to_raw_units_exercise)
def check_to_raw_units(fn: Callable[..., dict]) -> Callable[..., dict]:
    """Check a learner's ``to_raw_units(w, b, mean, std)`` -> {"w": (n_features,), "b": float}."""
    return run_check(fn, _to_raw_units_exercise())
