"""Choosing a model honestly (notebook 10): k-fold splits, weight decay, inverted dropout, random search.

Conventions: samples are rows; labels are integer classes (n,); parameters live in a dict whose
weights are the keys starting with "W" (W1, W2, ...) and whose biases start with "b". The L2
penalty is λ·Σ W² over the weights only (no ½, as in ``helpers.multiclass``), so its gradient is 2λW.
"""

from __future__ import annotations

import numpy as np

from .validation import as_finite_float, as_float_array, check_positive_int, check_seed


def fold_ids(n: int, k: int) -> np.ndarray:
    """The fold (0 … k−1) of each of n samples, in contiguous blocks: shape (n,).

    The folds differ in size by at most one: the first n % k folds get n // k + 1 samples, the
    others n // k, as scikit-learn's ``KFold(k)`` (without shuffling) splits them.
    """
    n, k = check_positive_int(n, "n"), check_positive_int(k, "k")
    if not 2 <= k <= n:
        raise ValueError(f"k (the number of folds) must be between 2 and n = {n}, got {k}")
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    return np.repeat(np.arange(k), sizes)


def k_fold_splits(n: int, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train indices, validation indices) for each of k folds of n samples (see ``fold_ids``).

    The list can be passed as ``cv=`` to scikit-learn's ``cross_val_score`` to use the same folds.
    """
    ids = fold_ids(n, k)
    return [(np.flatnonzero(ids != fold), np.flatnonzero(ids == fold)) for fold in range(k)]


def _weights_and_biases(params: dict, name: str) -> dict[str, np.ndarray]:
    if not isinstance(params, dict) or not params or not all(str(k)[:1] in ("W", "b") for k in params):
        raise ValueError(f"{name} must be a dict of weights W1, W2, ... and biases b1, b2, ..., got "
                         f"{sorted(params) if isinstance(params, dict) else type(params).__name__}")
    return {k: as_float_array(v, f"{name}[{k!r}]", ndim=None) for k, v in params.items()}


def weight_decay_step(params: dict, grads: dict, learning_rate: float, lam: float) -> dict[str, np.ndarray]:
    """One gradient step on J + λ·Σ W²: W ← (1 − 2ηλ)·W − η·∂J/∂W for the weights, b ← b − η·∂J/∂b.

    ``grads`` holds the gradients of the data loss J only (same keys and shapes as params); the
    penalty's gradient 2λW is added here, which shrinks every weight by the factor (1 − 2ηλ) before
    the usual step: hence "weight decay". Biases are not penalised. Returns a new dict.
    """
    values, gradients = _weights_and_biases(params, "params"), _weights_and_biases(grads, "grads")
    if set(values) != set(gradients):
        raise ValueError(f"grads has keys {sorted(gradients)} but params has {sorted(values)}")
    for key in values:
        if values[key].shape != gradients[key].shape:
            raise ValueError(f"grads[{key!r}] has shape {gradients[key].shape}, params[{key!r}] {values[key].shape}")
    learning_rate, lam = as_finite_float(learning_rate, "learning_rate"), as_finite_float(lam, "lam")
    if learning_rate <= 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
    if lam < 0:
        raise ValueError(f"lam (the L2 strength λ) must be ≥ 0, got {lam}")
    return decayed_step(values, gradients, learning_rate, lam)


def decayed_step(params: dict[str, np.ndarray], grads: dict[str, np.ndarray], learning_rate: float,
                 lam: float) -> dict[str, np.ndarray]:
    """``weight_decay_step`` without its input checks, for training loops that checked them once."""
    decay = 1.0 - 2.0 * learning_rate * lam
    return {k: (decay * v if k.startswith("W") else v) - learning_rate * grads[k] for k, v in params.items()}


def inverted_dropout(A: np.ndarray, keep: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Keep each entry of A (any shape) with probability ``keep`` and scale the kept ones by 1/keep.

    Returns (A · mask, mask) with mask = (uniform < keep)/keep, of A's shape: on average the output
    equals A, so nothing changes at evaluation time, when dropout is simply off.
    """
    A = as_float_array(A, "A", ndim=None)
    keep = as_finite_float(keep, "keep")
    if not 0 < keep <= 1:
        raise ValueError(f"keep (the probability of keeping a unit) must be in (0, 1], got {keep}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a NumPy Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    mask = (rng.random(A.shape) < keep) / keep
    return A * mask, mask


def log_uniform(low: float, high: float, size: int, seed: int = 0) -> np.ndarray:
    """``size`` numbers spread evenly on a log scale between low and high (10^uniform): shape (size,).

    For a learning rate or λ, whose useful values span several powers of ten.
    """
    low, high = as_finite_float(low, "low"), as_finite_float(high, "high")
    if not 0 < low < high:
        raise ValueError(f"need 0 < low < high, got low = {low}, high = {high}")
    rng = np.random.default_rng(check_seed(seed))
    return 10.0 ** rng.uniform(np.log10(low), np.log10(high), check_positive_int(size, "size"))
