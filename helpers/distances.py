"""Distances and similarities used inside losses: each a few lines of NumPy, checked against SciPy and scikit-learn.

Vectors u, v are shape (n,). Distances are ≥ 0 and 0 for identical inputs; similarities
(cosine similarity, Pearson correlation, Jaccard index, mutual information) are larger for
more alike inputs. Logarithms are natural (mutual information in nats).

Vectors are divided by their largest |entry| before anything is squared or raised to a power,
so that 1e200 does not overflow and 1e-160 does not underflow (the answer is the same).
"""

from __future__ import annotations

import numpy as np

from .validation import as_finite_float, as_float_array, check_same_shape


def _pair(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    u, v = as_float_array(u, "u"), as_float_array(v, "v")
    check_same_shape(u, v, "u", "v")
    return u, v


def _difference(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """|u − v|, or a clear error when it overflows (entries near ±1.8e308 of opposite signs)."""
    with np.errstate(over="ignore"):
        d = np.abs(u - v)
    if not np.all(np.isfinite(d)):
        raise OverflowError("u − v overflows float64 (entries beyond ±1.8e308): scale u and v down first")
    return d


def _scaled(u: np.ndarray) -> tuple[np.ndarray, float]:
    """u / max|u_i| and max|u_i| (u itself and 0 for the zero vector): nothing overflows when squared."""
    top = float(np.max(np.abs(u)))
    return (u / top, top) if top > 0 else (u, 0.0)


def _power_sum_root(d: np.ndarray, p: float) -> float:
    """(Σ d_i^p)^(1/p) of d ≥ 0, computed as m·(Σ (d_i/m)^p)^(1/p) with m = max d_i (no overflow)."""
    d, top = _scaled(d)
    return top * float(np.sum(d**p) ** (1 / p)) if top > 0 else 0.0


def _nonzero(u: np.ndarray, name: str) -> np.ndarray:
    """u / max|u_i| (same direction, no overflow when squared), or an error for the zero vector."""
    u, top = _scaled(u)
    if top == 0:
        raise ValueError(f"{name} is the zero vector: it has no direction, so the cosine is undefined")
    return u


def euclidean(u: np.ndarray, v: np.ndarray) -> float:
    """Straight-line (L2) distance √Σ(u_i − v_i)²."""
    u, v = _pair(u, v)
    return _power_sum_root(_difference(u, v), 2.0)


def manhattan(u: np.ndarray, v: np.ndarray) -> float:
    """City-block (L1) distance Σ|u_i − v_i|."""
    u, v = _pair(u, v)
    return float(np.sum(np.abs(u - v)))


def minkowski(u: np.ndarray, v: np.ndarray, p: float) -> float:
    """Minkowski distance (Σ|u_i − v_i|^p)^(1/p), p ≥ 1: Manhattan at p = 1, Euclidean at p = 2,
    and at p = np.inf its limit, the Chebyshev distance max|u_i − v_i|."""
    u, v = _pair(u, v)
    if isinstance(p, (float, np.floating)) and p == np.inf:
        return float(np.max(_difference(u, v)))
    p = as_finite_float(p, "p")
    if p < 1:
        raise ValueError(f"p must be ≥ 1 (below 1 the triangle inequality fails), got {p}")
    return _power_sum_root(_difference(u, v), p)


def cosine_similarity(u: np.ndarray, v: np.ndarray) -> float:
    """cos θ = u·v / (‖u‖‖v‖) in [−1, 1]: 1 same direction, 0 orthogonal, −1 opposite; blind to length."""
    u, v = _pair(u, v)
    u, v = _nonzero(u, "u"), _nonzero(v, "v")
    value = float(np.sum(u * v) / np.sqrt(np.sum(u * u) * np.sum(v * v)))
    return float(np.clip(value, -1.0, 1.0))  # rounding can give 1.0000000000000002


def cosine_distance(u: np.ndarray, v: np.ndarray) -> float:
    """The cosine loss 1 − cos θ, in [0, 2]: 0 for the same direction, 2 for opposite ones."""
    return 1.0 - cosine_similarity(u, v)


def mahalanobis(u: np.ndarray, v: np.ndarray, cov: np.ndarray) -> float:
    """√((u − v)ᵀ Σ⁻¹ (u − v)) for a covariance matrix Σ = cov (n, n): Euclidean distance in units of the spread.

    Along a direction where the data vary a lot, a step counts for little; with cov = I it is Euclidean.
    """
    u, v = _pair(u, v)
    cov = as_float_array(cov, "cov", ndim=2)
    if cov.shape != (u.size, u.size):
        raise ValueError(f"cov must have shape (n, n) = {(u.size, u.size)} for vectors of length {u.size}, "
                         f"got {cov.shape}")
    asymmetry = float(np.max(np.abs(cov - cov.T)))
    if asymmetry > 1e-10 * float(np.max(np.abs(cov))):
        raise ValueError(f"cov must be symmetric (a covariance matrix), but cov and cov.T differ by up to "
                         f"{asymmetry:.3g}")
    if np.any(np.linalg.eigvalsh(cov) <= 0):
        raise ValueError("cov must be positive definite (all eigenvalues > 0), or it cannot be inverted")
    d = u - v
    return float(np.sqrt(d @ np.linalg.solve(cov, d)))


def pearson_correlation(u: np.ndarray, v: np.ndarray) -> float:
    """Pearson's r = cosine similarity of the centred vectors, in [−1, 1]; 1 − r is a distance-like loss."""
    u, v = _pair(u, v)
    if u.size < 2:
        raise ValueError("u and v need at least two values each for a correlation")
    for name, values in (("u", u), ("v", v)):
        if np.all(values == values[0]):
            raise ValueError(f"{name} is constant: its correlation with anything is undefined")
    (u, _), (v, _) = _scaled(u), _scaled(v)   # the mean of 1e308's would overflow
    return cosine_similarity(u - u.mean(), v - v.mean())


def _binary(u: np.ndarray, name: str) -> np.ndarray:
    if not isinstance(u, (str, bytes, dict, set)) and np.asarray(u).dtype == bool:  # arrays and lists of booleans
        u = np.asarray(u).astype(float)
    values = as_float_array(u, name)
    if not np.all((values == 0) | (values == 1)):
        raise ValueError(f"{name} must hold 0/1 (or True/False) values: which items are in the set")
    return values.astype(bool)


def jaccard_index(u: np.ndarray, v: np.ndarray) -> float:
    """Jaccard index |A ∩ B| / |A ∪ B| of two sets given as 0/1 vectors (n,); 1 − it is the Jaccard distance."""
    a, b = _binary(u, "u"), _binary(v, "v")
    check_same_shape(a, b, "u", "v")
    union = np.sum(a | b)
    if union == 0:
        raise ValueError("u and v are both empty sets: the Jaccard index 0/0 is undefined")
    return float(np.sum(a & b) / union)


def _labels(u: np.ndarray, name: str) -> np.ndarray:
    """Discrete labels (n,) of any kind (integers, strings, codes like 0.5): only equality matters."""
    if isinstance(u, (str, bytes, dict, set)) or u is None:
        raise TypeError(f"{name} must be an array of labels (n,), got {type(u).__name__}")
    labels = np.asarray(u)
    if labels.ndim != 1:
        raise ValueError(f"{name} must be labels of shape (n,), got an array of shape {labels.shape}")
    if labels.size == 0:
        raise ValueError(f"{name} is empty: it needs at least one label")
    if labels.dtype == object:
        labels = labels.astype(str)
    if np.issubdtype(labels.dtype, np.inexact) and not np.all(np.isfinite(labels)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return labels


def mutual_information(u: np.ndarray, v: np.ndarray) -> float:
    """Mutual information (nats) of two discrete labelings u, v (n,): Σ p(a, b)·log(p(a, b) / (p(a)p(b))).

    0 when knowing u tells nothing about v; as large as the entropy of u when v determines u.
    Labels can be anything that compares equal (integers, strings, float codes), as in scikit-learn.
    """
    u, v = _labels(u, "u"), _labels(v, "v")
    check_same_shape(u, v, "u", "v")
    _, a = np.unique(u, return_inverse=True)
    _, b = np.unique(v, return_inverse=True)
    joint = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(joint, (a, b), 1.0)
    joint /= u.size
    outer = joint.sum(axis=1, keepdims=True) * joint.sum(axis=0, keepdims=True)
    seen = joint > 0
    return float(max(np.sum(joint[seen] * np.log(joint[seen] / outer[seen])), 0.0))
