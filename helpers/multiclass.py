"""Multi-class classification: softmax, its cross-entropy, the hinge loss, L2, softmax regression.

Conventions (the course's, as in notebook 06):
- scores (logits) are one row per sample and one column per class: shape (n, K);
- labels are integer class indices 0 … K−1: shape (n,), never one-hot rows;
- losses are means over the samples; the L2 penalty is R(W) = Σ W² (no ½), so the
  regularised loss is J = mean data loss + λ·Σ W² and its gradient adds 2λW.
"""

from __future__ import annotations

import numpy as np

from .information import as_distribution
from .validation import as_finite_float, as_float_array


def as_scores(scores: np.ndarray, name: str = "scores") -> np.ndarray:
    """Return ``scores`` as a finite float array (n, K) with K ≥ 2, or raise a clear error."""
    scores = as_float_array(scores, name, ndim=None)
    if scores.ndim != 2:
        raise ValueError(f"{name} must be shape (n, K): one row per sample, one column per class, "
                         f"got an array of shape {scores.shape}")
    if scores.shape[1] < 2:
        raise ValueError(f"{name} must have at least 2 classes (columns), got shape {scores.shape}")
    return scores


def as_class_labels(y: np.ndarray, n_classes: int, n_samples: int | None = None, name: str = "y") -> np.ndarray:
    """Return ``y`` as integer class labels (n,) in 0 … n_classes − 1, or raise a clear error.

    ``n_samples``, when given, is the required length (one label per row of the scores).
    """
    array = np.asarray(y)
    if array.ndim == 2 and array.shape[1] == n_classes:
        raise ValueError(f"{name} must be integer class labels of shape (n,), got shape {array.shape} "
                         "(one-hot rows?): pass the class indices, e.g. y_onehot.argmax(axis=1)")
    if array.ndim != 1:
        raise ValueError(f"{name} must be integer class labels of shape (n,), got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty: it needs at least one label")
    if array.dtype == bool or not np.issubdtype(array.dtype, np.number):
        raise TypeError(f"{name} must hold integer class labels, got dtype {array.dtype}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite values")
    if not np.issubdtype(array.dtype, np.integer):
        if np.any(array != np.round(array)):
            raise ValueError(f"{name} must hold whole class indices 0 … {n_classes - 1}, got non-integer values")
    if np.any((array < 0) | (array >= n_classes)):  # before casting: 1e20 does not fit in an int
        raise ValueError(f"{name} must hold class indices between 0 and {n_classes - 1} (there are "
                         f"{n_classes} classes), got values from {array.min():g} to {array.max():g}")
    labels = array.astype(int)
    if n_samples is not None and len(labels) != n_samples:
        raise ValueError(f"{name} must have one label per sample: {n_samples} labels, got {len(labels)}")
    return labels


def _scores_and_labels(y: np.ndarray, scores: np.ndarray, name: str = "scores") -> tuple[np.ndarray, np.ndarray]:
    scores = as_scores(scores, name)
    return as_class_labels(y, scores.shape[1], scores.shape[0]), scores


def _shifted(scores: np.ndarray) -> np.ndarray:
    """scores minus the row maximum (≤ 0): a gap beyond float range (1.7e308 − (−1.7e308)) is −inf,
    whose exponential, 0, is right to every digit, so that overflow is no warning."""
    with np.errstate(over="ignore"):
        return scores - scores.max(axis=-1, keepdims=True)


def softmax(scores: np.ndarray) -> np.ndarray:
    """softmax(s)_k = e^(s_k) / Σ_j e^(s_j) over the last axis; s (K,) or (n, K), same shape out.

    Stable: the row maximum is subtracted first (softmax does not change when every score of a
    row moves by the same amount), so scores of ±1000 never overflow.
    """
    scores = as_float_array(scores, "scores", ndim=None)
    if scores.ndim not in (1, 2):
        raise ValueError(f"scores must be shape (K,) or (n, K), got an array of shape {scores.shape}")
    exps = np.exp(_shifted(scores))
    return exps / exps.sum(axis=-1, keepdims=True)


def log_softmax(scores: np.ndarray) -> np.ndarray:
    """log softmax(s) = s − logsumexp(s) over the last axis, s (K,) or (n, K); finite for any scores."""
    scores = as_float_array(scores, "scores", ndim=None)
    if scores.ndim not in (1, 2):
        raise ValueError(f"scores must be shape (K,) or (n, K), got an array of shape {scores.shape}")
    shifted = _shifted(scores)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def one_hot(y: np.ndarray, n_classes: int) -> np.ndarray:
    """One-hot rows (n, n_classes) of integer labels y (n,): row i is 1 in column y_i, else 0."""
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 2:
        raise ValueError(f"n_classes must be a whole number ≥ 2, got {n_classes!r}")
    labels = as_class_labels(y, int(n_classes))
    out = np.zeros((len(labels), int(n_classes)))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def cross_entropy(y: np.ndarray, probs: np.ndarray, eps: float = 1e-12) -> float:
    """Mean cross-entropy −mean_i log p_i[y_i] of probabilities probs (n, K) for labels y (n,).

    Each row of probs must sum to 1. Probabilities are clipped to at least ``eps``, so a
    probability of exactly 0 for the true class costs −log(eps), not inf. When the scores
    are at hand, ``cross_entropy_from_logits`` is exact and needs no clipping.
    """
    probs = as_distribution(probs, "probs")
    if probs.ndim != 2:
        raise ValueError(f"probs must be shape (n, K), got an array of shape {probs.shape}")
    labels = as_class_labels(y, probs.shape[1], probs.shape[0])
    eps = as_finite_float(eps, "eps")
    if not 0 < eps < 0.5:
        raise ValueError(f"eps must be between 0 and 0.5 (e.g. 1e-12), got {eps}")
    true_class = probs[np.arange(len(labels)), labels]
    return float(-np.mean(np.log(np.maximum(true_class, eps))))


def cross_entropy_from_logits(y: np.ndarray, scores: np.ndarray) -> float:
    """Mean softmax cross-entropy of scores (n, K) for integer labels y (n,), computed stably.

    −log softmax(s)_y = logsumexp(s) − s_y, with logsumexp(s) = m + log Σ_j e^(s_j − m) and
    m = max_j s_j: finite and exact for scores of ±1000 (no overflow, no log 0).
    """
    labels, scores = _scores_and_labels(y, scores)
    return float(-np.mean(log_softmax(scores)[np.arange(len(labels)), labels]))


def cross_entropy_gradient(y: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Gradient of ``cross_entropy_from_logits(y, scores)`` with respect to the scores: (n, K).

    (softmax(scores) − one_hot(y)) / n: the multi-class form of "prediction minus label".
    """
    labels, scores = _scores_and_labels(y, scores)
    return (softmax(scores) - one_hot(labels, scores.shape[1])) / len(labels)


def _margins(labels: np.ndarray, scores: np.ndarray, delta: float) -> np.ndarray:
    """max(0, s_j − s_y + Δ) for every sample and class, 0 in the true class's column: (n, K)."""
    rows = np.arange(len(labels))
    margins = np.maximum(0.0, scores - scores[rows, labels][:, None] + delta)
    margins[rows, labels] = 0.0
    return margins


def hinge_loss(y: np.ndarray, scores: np.ndarray, delta: float = 1.0) -> float:
    """Mean multi-class SVM (hinge) loss of scores (n, K) for labels y (n,).

    L_i = Σ_{j ≠ y_i} max(0, s_j − s_{y_i} + Δ): every wrong class must score at least Δ below
    the true one, and costs nothing once it does.
    """
    labels, scores = _scores_and_labels(y, scores)
    return float(np.mean(_margins(labels, scores, _margin(delta)).sum(axis=1)))


def _margin(delta: float) -> float:
    delta = as_finite_float(delta, "delta")
    if delta < 0:
        raise ValueError(f"delta is a margin and must be ≥ 0, got {delta}")
    return delta


def hinge_loss_gradient(y: np.ndarray, scores: np.ndarray, delta: float = 1.0) -> np.ndarray:
    """A (sub)gradient of ``hinge_loss`` with respect to the scores: (n, K).

    Each wrong class j with a positive margin gets +1/n, the true class −(their count)/n. At a
    kink (a margin of exactly 0) the subgradient 0 is used.
    """
    labels, scores = _scores_and_labels(y, scores)
    delta = _margin(delta)
    active = (_margins(labels, scores, delta) > 0).astype(float)
    rows = np.arange(len(labels))
    active[rows, labels] = -active.sum(axis=1)
    return active / len(labels)


def l2_penalty(W: np.ndarray) -> float:
    """The L2 penalty R(W) = Σ W² over every entry of W (any shape); its gradient is 2W."""
    W = as_float_array(W, "W", ndim=None)
    return float(np.sum(W**2))


def linear_scores(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Scores X @ W + b (n, K) of inputs X (n, d) with weights W (d, K) and biases b (K,)."""
    X = as_float_array(X, "X", ndim=2)
    W = as_float_array(W, "W", ndim=2)
    b = as_float_array(b, "b")
    if W.shape[0] != X.shape[1]:
        raise ValueError(f"X has shape {X.shape} (n, d), so W must have {X.shape[1]} rows (d, K), "
                         f"got W of shape {W.shape}")
    if b.shape != (W.shape[1],):
        raise ValueError(f"W has shape {W.shape} (d, K), so b must be shape ({W.shape[1]},), got {b.shape}")
    return X @ W + b


def softmax_regression_loss(X: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray, lam: float = 0.0) -> float:
    """J(W, b) = mean cross-entropy of softmax(X @ W + b) + λ·Σ W² (biases are not penalised).

    X (n, d), integer labels y (n,), W (d, K), b (K,), λ = ``lam`` ≥ 0.
    """
    lam = _as_lambda(lam)
    return cross_entropy_from_logits(y, linear_scores(X, W, b)) + lam * l2_penalty(W)


def softmax_regression_gradients(
    X: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray, lam: float = 0.0
) -> dict[str, np.ndarray]:
    """Gradients {"W": (d, K), "b": (K,)} of ``softmax_regression_loss``.

    With G = (softmax(X @ W + b) − one_hot(y)) / n, shape (n, K): ∂J/∂W = Xᵀ G + 2λW and
    ∂J/∂b = Σ_i G_i (the column sums of G).
    """
    lam = _as_lambda(lam)
    scores = linear_scores(X, W, b)
    G = cross_entropy_gradient(y, scores)
    return {"W": np.asarray(X, dtype=float).T @ G + 2 * lam * np.asarray(W, dtype=float), "b": G.sum(axis=0)}


def _as_lambda(lam: float) -> float:
    lam = as_finite_float(lam, "lam")
    if lam < 0:
        raise ValueError(f"lam (the regularisation strength λ) must be ≥ 0, got {lam}")
    return lam
