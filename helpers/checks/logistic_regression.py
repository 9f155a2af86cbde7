"""Checks for notebook 04: logistic regression and binary cross-entropy."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .. import losses, models
from ..checking import (Case, Exercise, Mistake, awkward_numbers, check_of, compare, reference_cases,
                        run_check)


def _sigmoid_exercise() -> Exercise:
    # Fixed cases share: sorted, round z, at most 9 values; the seeded one has 33 unsorted,
    # non-round values of both signs with zeros, in a (3, 11) array.
    rng = np.random.default_rng(41)
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
        *reference_cases(models.sigmoid, [((awkward_numbers(rng, 33, scale=6.0),), "33 random scores z"),
                                          ((awkward_numbers(rng, (3, 11), scale=6.0),), "a random (3, 11) array z")]),
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
    return Exercise("sigmoid", models.sigmoid, cases, mistakes,
                    exempt={"clip10": "σ(z) lies between 0 and 1"})


@check_of(_sigmoid_exercise)
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
                "{how}. Clip ŷ first, e.g. p = np.clip(y_hat, 1e-12, 1 - 1e-12) (any ε from 1e-15 to 1e-6 "
                "will do); then this sample costs −log(1e-12) ≈ 27.63, large but finite")
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
    for eps in (1e-5, 1e-4, 1e-3, 1e-2):  # any ε from machine epsilon to 1e-6 passes (see _bce_exercise)
        mistakes.append((f"you clipped with ε = {eps:g}, which is coarse enough to change the answers: a "
                         f"confidently wrong prediction costs only −log({eps:g}) ≈ {-np.log(eps):.2f}, and a perfect "
                         f"one −log(1 − {eps:g}) ≈ {-np.log1p(-eps):.2g} instead of (almost) 0. Clip with a tiny ε, "
                         "anywhere from 1e-15 to 1e-6, e.g. p = np.clip(y_hat, 1e-12, 1 - 1e-12)",
                         lambda y, p, eps=eps: losses.binary_cross_entropy(y, p, eps=eps)))
    for message, wrong, argument in formulas:
        mistakes.append((message, _clipped(wrong, argument)))
        mistakes.append((f"{message}. Also: {log_zero}", wrong))
    return mistakes


# A confidently wrong prediction costs −log ε: from −log(1e-6) ≈ 13.82 (the notebook's coarser example;
# Keras uses 1e-7) to −log(2.2e-16) ≈ 36.04 (scikit-learn's log_loss clips at the machine epsilon).
# Any answer in that range shows a clipped, finite loss; the check tests that understanding, not
# one convention for ε.
_WRONG_LOW, _WRONG_HIGH = -np.log(1e-6) * (1 - 1e-6), -np.log(np.finfo(float).eps) * (1 + 1e-6)
_PERFECT_HIGH = 2e-6  # −log(1 − 1e-6) ≈ 1e-6: the cost of a perfect prediction after clipping


def _between(low: float, high: float, too_low: str, too_high: str) -> Callable[[object], str | None]:
    """A judge accepting a single finite number in [low, high]."""
    def judge(got: object) -> str | None:
        problem = compare(got, (low + high) / 2, rtol=0.0, atol=np.inf)  # type and finiteness only
        if problem:
            return problem
        value = float(got)  # type: ignore[arg-type]
        if value < low:
            return too_low.format(value=value)
        if value > high:
            return too_high.format(value=value)
        return None
    return judge


def _bce_exercise() -> Exercise:
    # The fixed cases share: few samples, round probabilities, answers below 10; the seeded ones
    # have 47 unsorted samples, probabilities close to 0 and 1. Every case holds both labels, so
    # scikit-learn's log_loss(y, y_hat) can be used as the answer, too.
    rng = np.random.default_rng(4)
    y_many = (rng.uniform(size=20) < 0.5).astype(float)
    p_many = rng.uniform(0.02, 0.98, size=20)
    y_47 = rng.permutation(np.arange(47) % 2).astype(float)
    p_47 = np.clip(rng.beta(0.4, 0.4, size=47), 1e-6, 1 - 1e-6)
    # one confidently wrong sample of two: the loss is half of −log ε, from 6.91 to 18.02
    wrong = _between(_WRONG_LOW / 2, _WRONG_HIGH / 2,
                     "it returned {value:.4g}: a confidently wrong prediction must cost a lot, −log ε for a tiny "
                     "clipping ε (ε from 1e-15 to 1e-6 gives 34.5 to 13.8, so half of that here); yours "
                     "corresponds to a coarse ε. Clip ŷ into [ε, 1 − ε] with a tiny ε, e.g. 1e-12",
                     "it returned {value:.4g}: large, as it should be, but beyond −log ε for any sensible ε "
                     "(at most −log(2.2e-16) ≈ 36.04 per sample): clip ŷ into [ε, 1 − ε] with ε from 1e-15 to 1e-6")
    perfect = _between(-1e-9, _PERFECT_HIGH,
                       "it returned {value:.4g}: a loss is never negative",
                       "it returned {value:.4g}: perfect predictions cost (almost) nothing, −log(1 − ε) ≈ ε for "
                       "a clipping ε; yours corresponds to a coarse ε. Clip with a tiny ε, from 1e-15 to 1e-6")
    sure_y, sure_p = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.0]), np.array([1e-6, 3e-6, 2e-5, 1e-6, 5e-6, 0.4])
    cases = [
        Case((np.array([1.0, 0.0]), np.array([0.5, 0.5])), float(np.log(2)),
             "y = [1, 0], y_hat = [0.5, 0.5] (the answer is log 2)"),
        Case((np.array([1.0, 0.0]), np.array([0.9, 0.2])), float(-(np.log(0.9) + np.log(0.8)) / 2),
             "y = [1, 0], y_hat = [0.9, 0.2]"),
        Case((np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.1, 0.6, 0.95, 0.7])),
             losses.binary_cross_entropy(np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.1, 0.6, 0.95, 0.7])),
             "y = [0, 1, 1, 0], y_hat = [0.1, 0.6, 0.95, 0.7]"),
        Case((np.array([1.0, 0.0, 1.0]), np.array([1.0, 0.0, 1.0])), 0.0,
             "perfect predictions y = y_hat = [1, 0, 1] (the loss is 0, or about ε after clipping)", judge=perfect),
        Case((np.array([1.0, 0.0]), np.array([0.0, 0.0])), float(-np.log(1e-12) / 2),
             "y = [1, 0], y_hat = [0, 0]: a confidently wrong prediction and a perfect one (clipped at ε, the "
             "wrong one costs −log ε, e.g. −log(1e-12) ≈ 27.63, so the mean is about 13.8)", judge=wrong),
        Case((sure_y, sure_p), losses.binary_cross_entropy(sure_y, sure_p),
             "y = [1, 1, 1, 1, 1, 0], y_hat = [1e-6, 3e-6, 2e-5, 1e-6, 5e-6, 0.4]: nearly certain mistakes, "
             "each costs about −log(1e-6) ≈ 13.8 (no clipping needed)"),
        Case((y_many, p_many), losses.binary_cross_entropy(y_many, p_many), "20 random labels and probabilities"),
        Case((y_47, p_47), losses.binary_cross_entropy(y_47, p_47),
             "47 random labels and probabilities, some within 1e-6 of 0 or 1"),
    ]
    # Ordinary cases are compared with the reference (ε = 1e-12); no probability in them is below
    # 1e-6 or above 1 − 1e-6, so any ε ≤ 1e-6 leaves them alone. The two judged cases accept every
    # ε from 2.2e-16 to 1e-6.
    probabilities = "labels are 0 or 1 and probabilities lie in [0, 1]: neither is ever negative"
    return Exercise("binary_cross_entropy", losses.binary_cross_entropy, cases, _bce_mistakes(),
                    exempt={"abs:y": probabilities, "abs:y_hat": probabilities})


@check_of(_bce_exercise)
def check_binary_cross_entropy(fn: Callable[[np.ndarray, np.ndarray], float]) -> Callable[[np.ndarray, np.ndarray], float]:
    """Check a learner's ``binary_cross_entropy(y, y_hat) -> float``; returns the function to use."""
    return run_check(fn, _bce_exercise())


def _logistic_gradients_exercise() -> Exercise:
    # Fixed cases share: x ≥ 0, at most 15 points, gradients below 10. The seeded ones: 43 unsorted
    # x of both signs with zeros, and 24 points far out (x ≈ 25) whose gradient exceeds 10.
    x3, y3 = np.array([0.0, 1.0, 2.0]), np.array([0.0, 1.0, 1.0])
    rng = np.random.default_rng(5)
    x_many, y_many = rng.uniform(0, 5, size=15), (rng.uniform(size=15) < 0.5).astype(float)
    x_43, y_43 = awkward_numbers(rng, 43, scale=4.0), rng.permutation(np.arange(43) % 2).astype(float)
    x_far, y_far = 25.0 + awkward_numbers(rng, 24), (np.arange(24) % 5 == 0).astype(float)
    cases = [
        Case((np.array([2.0]), np.array([1.0]), 0.0, 0.0), {"w": -1.0, "b": -0.5},
             "x = [2], y = [1], w = 0, b = 0 (ŷ = 0.5)"),
        Case((x3, y3, 1.0, -1.0), models.logistic_gradients(x3, y3, 1.0, -1.0), "x = [0, 1, 2], y = [0, 1, 1], w = 1, b = -1"),
        Case((x_many, y_many, -2.0, 5.0), models.logistic_gradients(x_many, y_many, -2.0, 5.0),
             "15 random points, w = -2, b = 5"),
        *reference_cases(models.logistic_gradients, [
            ((x_43, y_43, -0.617, 0.0), "43 random points, w = -0.617, b = 0"),
            ((x_far, y_far, 0.2, -1.234), "24 points around x = 25, w = 0.2, b = -1.234"),
        ]),
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
    return Exercise("logistic_gradients", models.logistic_gradients, cases, mistakes,
                    exempt={"abs:y": "labels are 0 or 1, never negative"})


@check_of(_logistic_gradients_exercise)
def check_logistic_gradients(fn: Callable[..., dict]) -> Callable[..., dict]:
    """Check a learner's ``logistic_gradients(x, y, w, b) -> {"w": ..., "b": ...}``; returns the function to use."""
    return run_check(fn, _logistic_gradients_exercise())


def _bce_from_logits_exercise() -> Exercise:
    """Fixed teaching cases (log 2, ±1000, a mean not a sum) and seeded random logits of every size."""
    rng = np.random.default_rng(104)
    y_many = (rng.uniform(size=41) < 0.4).astype(float)
    z_many = rng.normal(0.0, 6.0, size=41)
    z_many[[3, 17]] = [0.0, -55.5]
    y_wide = np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0])
    z_wide = np.array([-745.5, 36.9, -37.2, 800.25, 0.003, -1.5, 12.0])

    def case(y: np.ndarray, z: np.ndarray, label: str) -> Case:
        return Case((y, z), losses.binary_cross_entropy_from_logits(y, z), label)

    cases = [
        case(np.array([1.0, 0.0]), np.array([0.0, 0.0]), "labels y = [1, 0], logits z = [0, 0] (expected log 2)"),
        case(np.array([1.0, 0.0]), np.array([-1000.0, 1000.0]),
             "two confidently wrong answers, y = [1, 0], z = [-1000, 1000] (expected 1000, finite)"),
        case(np.array([1.0, 0.0, 1.0]), np.array([1000.0, -1000.0, 2.5]),
             "two confidently right answers and one ordinary, y = [1, 0, 1], z = [1000, -1000, 2.5]"),
        case(y_wide, z_wide, "7 logits from -745.5 to 800.25, around the points where σ rounds to 0 or 1"),
        case(y_many, z_many, "41 random labels and logits (standard deviation 6)"),
    ]

    def softplus_naive(z):
        return np.log(1 + np.exp(z))

    mistakes: list[Mistake] = [
        ("for large |z| your formula meets infinity: σ(z) rounds to exactly 0.0 or 1.0 so a log(0) follows, or "
         "np.exp(±1000) overflows. Write −log σ(z) and −log(1 − σ(z)) without σ, as softplus terms log(1 + e^t), "
         "and compute those with np.logaddexp(0, t)",
         lambda y, z: float(-np.mean(y * np.log(models.sigmoid(z)) + (1 - y) * np.log(1 - models.sigmoid(z))))),
        *[("you clipped σ(z): that stays finite but caps a confidently wrong sample at −log ε (27.6 for ε = 1e-12) "
           "instead of its true loss (1000 at z = −1000 for y = 1). Compute the loss from z without σ",
           lambda y, z, eps=eps: losses.binary_cross_entropy(y, models.sigmoid(z), eps=eps))
          for eps in (1e-6, 1e-7, 1e-12, 1e-15)],
        ("log(1 + np.exp(z)) is the right formula, but np.exp(1000) overflows to inf: compute log(e^0 + e^z) "
         "with np.logaddexp(0, z), which factors out the larger exponent first",
         lambda y, z: float(np.mean(softplus_naive(z) - y * z))),
        ("the sign of the y·z term is wrong: the loss of one sample is softplus(z) − y·z",
         lambda y, z: float(np.mean(np.logaddexp(0, z) + y * z))),
        ("you left out the −y·z term: softplus(z) alone is the loss of a sample labelled 0 only",
         lambda y, z: float(np.mean(np.logaddexp(0, z)))),
        ("you swapped the labels: y = 1 goes with softplus(−z) = −log σ(z), y = 0 with softplus(z)",
         lambda y, z: float(np.mean(np.logaddexp(0, z) - (1 - y) * z))),
        ("you summed over the samples instead of averaging (np.mean)",
         lambda y, z: float(np.sum(np.logaddexp(0, z) - y * z))),
        ("you used log(1 + e^(−z)) for both labels; for y = 0 the loss is −log(1 − σ(z)) = log(1 + e^z)",
         lambda y, z: float(np.mean(np.logaddexp(0, -z)))),
    ]
    return Exercise("bce_from_logits", losses.binary_cross_entropy_from_logits, cases, mistakes,
                    exempt={"abs:y": "labels are 0 or 1, never negative"})


@check_of(_bce_from_logits_exercise)
def check_bce_from_logits(fn: Callable[[np.ndarray, np.ndarray], float]) -> Callable[[np.ndarray, np.ndarray], float]:
    """Check a learner's ``bce_from_logits(y, z)`` for labels y (n,) and logits z (n,); returns the function to use."""
    return run_check(fn, _bce_from_logits_exercise())
