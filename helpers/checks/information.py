"""Checks for notebook 06's information view: the entropy and the KL divergence, written by the learner."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .. import information
from ..checking import Case, Exercise, Mistake, check_of, reference_cases, run_check

ZERO_LOG_ZERO = ("0·log 0 is nan in NumPy (0 × −inf), but by convention it counts as 0: a class that P never "
                 "takes adds nothing. Leave those entries out (e.g. only where p > 0) or use scipy.special.xlogy")
PROBABILITIES = "probabilities are never negative"
NOT_A_DISTRIBUTION = ("the changed input no longer sums to 1, which the reference refuses; the cases with zeros and "
                      "with more than 20 classes catch these slips by value")


def _distribution(rng: np.random.Generator, k: int, zeros: int) -> np.ndarray:
    """A seeded, unsorted distribution over k classes with ``zeros`` exact zeros."""
    p = rng.gamma(0.7, size=k)
    p[rng.choice(k, size=zeros, replace=False)] = 0.0
    return p / p.sum()


def _plogp(p: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return p * np.log(p)


def _entropy_exercise() -> Exercise:
    # Fixed cases share: at most 4 classes, round probabilities. The seeded ones: 30 unsorted
    # probabilities with 6 exact zeros, and 23 without.
    rng = np.random.default_rng(66)
    cases = [
        Case((np.array([0.5, 0.5]),), float(np.log(2)), "p = [0.5, 0.5] (the answer is log 2 ≈ 0.6931)"),
        Case((np.array([0.9, 0.1]),), information.entropy(np.array([0.9, 0.1])), "p = [0.9, 0.1] (≈ 0.3251)"),
        Case((np.array([0.0, 1.0, 0.0]),), 0.0, "p = [0, 1, 0] (a certain outcome: the answer is 0, not nan)"),
        Case((np.full(4, 0.25),), float(np.log(4)), "p uniform over 4 classes (log 4)"),
        *reference_cases(information.entropy, [((_distribution(rng, 30, 6),), "30 random probabilities, 6 of them 0"),
                                               ((_distribution(rng, 23, 0),), "23 random probabilities")]),
    ]
    mistakes: list[Mistake] = [
        (ZERO_LOG_ZERO, lambda p: -np.sum(_plogp(p))),
        ("you left out the minus sign: log p ≤ 0, so H(P) = −Σ p log p is ≥ 0", lambda p: np.nansum(_plogp(p))),
        ("you used log2 (bits); this course uses the natural log np.log (nats)",
         lambda p: -np.nansum(_plogp(p)) / np.log(2)),
        ("you used log10; this course uses the natural log np.log", lambda p: -np.nansum(_plogp(p)) / np.log(10)),
        ("you averaged over the classes: the entropy is a sum, −Σ_k p_k log p_k", lambda p: -np.nanmean(_plogp(p))),
        ("you left out the weights p: the entropy is −Σ p log p, not −Σ log p",
         lambda p: -np.sum(np.log(p[p > 0]))),
    ]
    return Exercise("entropy", information.entropy, cases, mistakes,
                    exempt={"abs:p": PROBABILITIES,
                            "sort:p": "the entropy does not depend on the order of the classes",
                            "zero:p": NOT_A_DISTRIBUTION, "first20": NOT_A_DISTRIBUTION,
                            "clip10": "an entropy above 10 nats needs more than 22,000 classes"})


@check_of(_entropy_exercise)
def check_entropy(fn: Callable[[np.ndarray], float]) -> Callable[[np.ndarray], float]:
    """Check a learner's ``entropy(p) -> float`` for one distribution p (K,); returns the function to use."""
    return run_check(fn, _entropy_exercise())


def _kl(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return p * np.log(p / q)


def _kl_exercise() -> Exercise:
    # Fixed cases share: 2 or 3 classes, round probabilities. The seeded ones: 27 unsorted classes
    # with zeros in p (q > 0 there), and 24 classes where both are positive.
    rng = np.random.default_rng(67)
    p27, q27 = _distribution(rng, 27, 5), _distribution(rng, 27, 0)
    p24, q24 = _distribution(rng, 24, 0), _distribution(rng, 24, 0)
    P, Q = np.array([0.9, 0.1]), np.array([0.6, 0.4])
    K = information.kl_divergence
    cases = [
        Case((P, Q), K(P, Q), "p = [0.9, 0.1], q = [0.6, 0.4] (≈ 0.2263)"),
        Case((Q, P), K(Q, P), "p = [0.6, 0.4], q = [0.9, 0.1] (≈ 0.3112: KL is not symmetric)"),
        Case((P, P), 0.0, "p = q = [0.9, 0.1] (the answer is 0)"),
        Case((np.array([1.0, 0.0]), np.array([0.5, 0.5])), float(np.log(2)),
             "p = [1, 0], q = [0.5, 0.5] (log 2; the class p never takes adds 0, not nan)"),
        Case((np.array([0.5, 0.5, 0.0]), np.array([0.0, 0.5, 0.5])), float("inf"),
             "p = [0.5, 0.5, 0], q = [0, 0.5, 0.5] (q = 0 where p > 0: the answer is inf, honestly)"),
        *reference_cases(K, [((p27, q27), "27 random classes, p with 5 zeros"), ((p24, q24), "24 random classes")]),
    ]
    mistakes: list[Mistake] = [
        (ZERO_LOG_ZERO, lambda p, q: np.sum(_kl(p, q))),
        ("you computed KL(Q‖P): the arguments are the wrong way round (KL is not symmetric); "
         "KL(P‖Q) = Σ p log(p/q), weighted by p", lambda p, q: np.nansum(_kl(q, p))),
        ("the ratio is upside down: KL(P‖Q) = Σ p log(p/q), and it is never negative",
         lambda p, q: np.nansum(-_kl(p, q))),
        ("you left out the weights p: KL(P‖Q) = Σ p log(p/q), not Σ log(p/q)",
         lambda p, q: (lambda keep: np.sum(np.log(p[keep] / q[keep])))(p > 0)),
        ("you took the absolute value of each term; terms can be negative while the sum is ≥ 0: no abs",
         lambda p, q: np.nansum(np.abs(_kl(p, q)))),
        ("you used log2 (bits); this course uses the natural log np.log (nats)",
         lambda p, q: np.nansum(_kl(p, q)) / np.log(2)),
    ]
    return Exercise("kl_divergence", information.kl_divergence, cases, mistakes,
                    exempt={"abs:p": PROBABILITIES, "abs:q": PROBABILITIES, "zero:p": NOT_A_DISTRIBUTION,
                            "zero:q": NOT_A_DISTRIBUTION, "first20": NOT_A_DISTRIBUTION,
                            "clip10": "a finite KL above 10 needs q below e^(−10) where p is large; the infinite "
                                      "case is checked instead"})


@check_of(_kl_exercise)
def check_kl_divergence(fn: Callable[[np.ndarray, np.ndarray], float]) -> Callable[[np.ndarray, np.ndarray], float]:
    """Check a learner's ``kl_divergence(p, q) -> float`` for distributions p (K,), q (K,); returns the function to use."""
    return run_check(fn, _kl_exercise())
