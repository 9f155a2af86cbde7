"""The information view of losses: entropy, cross-entropy, KL and Jensen–Shannon divergence.

Distributions are 1-D arrays of probabilities (K,) that are ≥ 0 and sum to 1. Logarithms
are natural (nats). By convention 0·log 0 = 0, so a class with probability 0 under P adds
nothing; a class with p > 0 but q = 0 makes H(P, Q) and KL(P‖Q) infinite (honestly so).
"""

from __future__ import annotations

import numpy as np
from scipy.special import xlogy

from .validation import as_float_array, check_same_shape


def _sum_tolerance(p: object, atol: float) -> float:
    """``atol``, or more for low-precision input: a float16 softmax sums to 1 only within a few 1e-3."""
    dtype = np.asarray(p).dtype if not isinstance(p, (str, bytes, dict, set)) and p is not None else None
    if dtype is None or not np.issubdtype(dtype, np.floating):
        return atol
    K = max(np.shape(p)[-1] if np.ndim(p) else 1, 1)
    return max(atol, 4 * (1 + np.log2(K)) * float(np.finfo(dtype).eps))  # rounding of a normalised sum


def as_distribution(p: np.ndarray, name: str, atol: float = 1e-6) -> np.ndarray:
    """Return ``p`` as a float array of probabilities along its last axis, or raise a clear error.

    Every entry must be in [0, 1] and each distribution (the last axis) must sum to 1
    within ``atol`` (more for float16 or float32 input, whose rounding is larger). Works for
    one distribution (K,) or a batch of them (n, K).
    """
    atol = _sum_tolerance(p, atol)
    p = as_float_array(p, name, ndim=None)
    if p.ndim == 0:
        raise ValueError(f"{name} must be an array of probabilities (K,), got a single number")
    if np.any((p < 0) | (p > 1)):
        raise ValueError(f"{name} must hold probabilities between 0 and 1, got values from {p.min():.4g} "
                         f"to {p.max():.4g} (scores? pass them through softmax first)")
    totals = p.sum(axis=-1)
    if not np.allclose(totals, 1.0, rtol=0, atol=atol):
        worst = float(np.ravel(totals)[np.argmax(np.abs(np.ravel(totals) - 1))])
        raise ValueError(f"{name} must sum to 1 over its last axis (a probability distribution), "
                         f"but a sum is {worst:.6g}")
    return p


def _pair(p: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p, q = as_distribution(p, "p"), as_distribution(q, "q")
    check_same_shape(p, q, "p", "q")
    return p, q


def entropy(p: np.ndarray) -> float:
    """Entropy H(P) = −Σ p log p of one distribution p (K,), in nats (0·log 0 = 0)."""
    p = as_distribution(p, "p")
    if p.ndim != 1:
        raise ValueError(f"p must be one distribution of shape (K,), got shape {p.shape}")
    return float(-np.sum(xlogy(p, p)))


def cross_entropy_of_distributions(p: np.ndarray, q: np.ndarray) -> float:
    """Cross-entropy H(P, Q) = −Σ p log q of distributions p (K,) and q (K,), in nats.

    The cost of coding samples of P with a code built for Q; ≥ H(P), equal when Q = P.
    Infinite when some class has p > 0 and q = 0. With a one-hot p it is −log q_true.
    """
    p, q = _pair(p, q)
    if p.ndim != 1:
        raise ValueError(f"p and q must be single distributions of shape (K,), got shape {p.shape}")
    with np.errstate(divide="ignore"):
        return float(-np.sum(xlogy(p, q)))


def kl_divergence(p: np.ndarray, q: np.ndarray) -> float:
    """Kullback–Leibler divergence KL(P‖Q) = Σ p log(p/q) of p (K,) and q (K,), in nats.

    ≥ 0, and 0 only when P = Q; not symmetric (KL(P‖Q) ≠ KL(Q‖P) in general), so not a
    distance. H(P, Q) = H(P) + KL(P‖Q). Infinite when some class has p > 0 and q = 0.
    """
    p, q = _pair(p, q)
    if p.ndim != 1:
        raise ValueError(f"p and q must be single distributions of shape (K,), got shape {p.shape}")
    with np.errstate(divide="ignore"):
        terms = xlogy(p, p) - xlogy(p, q)  # p log p − p log q, with 0·log 0 = 0
    return float(max(np.sum(terms), 0.0))  # rounding can give −1e-17 for P = Q


def js_divergence(p: np.ndarray, q: np.ndarray) -> float:
    """Jensen–Shannon divergence ½KL(P‖M) + ½KL(Q‖M), M = (P + Q)/2, of p (K,) and q (K,).

    Symmetric, finite, between 0 (P = Q) and log 2 (P and Q never put mass on the same
    class). Its square root is a distance (scipy.spatial.distance.jensenshannon).
    """
    p, q = _pair(p, q)
    m = (p + q) / 2
    return float(min(0.5 * kl_divergence(p, m) + 0.5 * kl_divergence(q, m), np.log(2)))
