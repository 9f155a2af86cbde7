"""Distances and similarities used inside losses: each a few lines of NumPy, checked against SciPy and scikit-learn.

Vectors u, v are shape (n,). Distances are ≥ 0 and 0 for identical inputs; similarities
(cosine similarity, Pearson correlation, Jaccard index, mutual information) are larger for
more alike inputs. Logarithms are natural (mutual information in nats).
"""

from __future__ import annotations

import numpy as np

from .validation import as_finite_float, as_float_array, check_same_shape


def _pair(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    u, v = as_float_array(u, "u"), as_float_array(v, "v")
    check_same_shape(u, v, "u", "v")
    return u, v


def _norm(u: np.ndarray, name: str) -> float:
    size = float(np.sqrt(np.sum(u * u)))
    if size == 0:
        raise ValueError(f"{name} is the zero vector: it has no direction, so the cosine is undefined")
    return size


def euclidean(u: np.ndarray, v: np.ndarray) -> float:
    """Straight-line (L2) distance √Σ(u_i − v_i)²."""
    u, v = _pair(u, v)
    return float(np.sqrt(np.sum((u - v) ** 2)))


def manhattan(u: np.ndarray, v: np.ndarray) -> float:
    """City-block (L1) distance Σ|u_i − v_i|."""
    u, v = _pair(u, v)
    return float(np.sum(np.abs(u - v)))


def minkowski(u: np.ndarray, v: np.ndarray, p: float) -> float:
    """Minkowski distance (Σ|u_i − v_i|^p)^(1/p), p ≥ 1: Manhattan at p = 1, Euclidean at p = 2, max|u_i − v_i| as p → ∞."""
    u, v = _pair(u, v)
    p = as_finite_float(p, "p")
    if p < 1:
        raise ValueError(f"p must be ≥ 1 (below 1 the triangle inequality fails), got {p}")
    return float(np.sum(np.abs(u - v) ** p) ** (1 / p))


def cosine_similarity(u: np.ndarray, v: np.ndarray) -> float:
    """cos θ = u·v / (‖u‖‖v‖) in [−1, 1]: 1 same direction, 0 orthogonal, −1 opposite; blind to length."""
    u, v = _pair(u, v)
    value = float(np.sum(u * v)) / (_norm(u, "u") * _norm(v, "v"))
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
    if not np.allclose(cov, cov.T):
        raise ValueError("cov must be symmetric (a covariance matrix)")
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
    return cosine_similarity(u - u.mean(), v - v.mean())


def _binary(u: np.ndarray, name: str) -> np.ndarray:
    if isinstance(u, np.ndarray) and u.dtype == bool:
        u = u.astype(float)
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


def mutual_information(u: np.ndarray, v: np.ndarray) -> float:
    """Mutual information (nats) of two discrete labelings u, v (n,): Σ p(a, b)·log(p(a, b) / (p(a)p(b))).

    0 when knowing u tells nothing about v; as large as the entropy of u when v determines u.
    """
    u, v = _pair(u, v)
    if not (np.all(u == np.round(u)) and np.all(v == np.round(v))):
        raise ValueError("u and v must hold discrete labels (whole numbers), one per sample")
    _, a = np.unique(u, return_inverse=True)
    _, b = np.unique(v, return_inverse=True)
    joint = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(joint, (a, b), 1.0)
    joint /= u.size
    outer = joint.sum(axis=1, keepdims=True) * joint.sum(axis=0, keepdims=True)
    seen = joint > 0
    return float(max(np.sum(joint[seen] * np.log(joint[seen] / outer[seen])), 0.0))


def cosine_distance_gradient(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """∂(1 − cos θ)/∂u of ``cosine_distance(u, v)``, shape (n,): −v/(‖u‖‖v‖) + cos θ · u/‖u‖²."""
    u, v = _pair(u, v)
    size_u, size_v = _norm(u, "u"), _norm(v, "v")
    return -v / (size_u * size_v) + (float(np.sum(u * v)) / (size_u * size_v)) * u / size_u**2
