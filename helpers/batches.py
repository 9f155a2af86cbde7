"""Mini-batches for stochastic gradient descent (notebook 09), and a training loop that uses them."""

from __future__ import annotations

from typing import Callable, Iterator

import numpy as np

from .update_rules import Optimizer
from .validation import as_float_array, check_positive_int


def _inputs(X: np.ndarray, y: np.ndarray, batch_size: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, int]:
    X = as_float_array(X, "X", ndim=None)
    if X.ndim not in (1, 2):
        raise ValueError(f"X must be shape (n,) or (n, d), got an array of shape {X.shape}")
    y = as_float_array(y, "y", ndim=1)
    if len(y) != len(X):
        raise ValueError(f"y must have one value per row of X: X has {len(X)} rows, y has {len(y)} values")
    batch_size = check_positive_int(batch_size, "batch_size")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a NumPy random generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    return X, y, batch_size


def minibatches(X: np.ndarray, y: np.ndarray, batch_size: int,
                rng: np.random.Generator) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """One epoch: shuffle the rows with one permutation drawn from ``rng``, then yield
    (X_batch (b, d), y_batch (b,)) of ``batch_size`` rows each; the last batch keeps the
    n % batch_size rows left over (it is smaller). Each call draws a new permutation."""
    X, y, batch_size = _inputs(X, y, batch_size, rng)
    for rows in batch_indices(len(y), batch_size, rng):
        yield X[rows], y[rows]


def batch_indices(n: int, batch_size: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """One epoch over n samples as index arrays (batch_size,) from one permutation; the last holds n % batch_size."""
    n, batch_size = check_positive_int(n, "n"), check_positive_int(batch_size, "batch_size")
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


Gradient = Callable[[dict, np.ndarray, np.ndarray], dict]


def train(gradient: Gradient, params: dict, X: np.ndarray, y: np.ndarray, optimizer: Optimizer, batch_size: int,
          evaluations: int, seed: int = 0, record: Callable[[dict], float] | None = None,
          every: int = 1) -> tuple[dict, list[float]]:
    """Mini-batch training: ``gradient(params, X_batch, y_batch)`` and ``optimizer.step`` until
    ``evaluations`` gradients have been computed (epochs reshuffled by one seeded generator).

    Returns (final params, [record(params) at the start and after every ``every`` steps]).
    """
    evaluations, every = check_positive_int(evaluations, "evaluations"), check_positive_int(every, "every")
    rng = np.random.default_rng(seed)
    history = [record(params)] if record else []
    done = 0
    while done < evaluations:
        for X_batch, y_batch in minibatches(X, y, batch_size, rng):
            params = optimizer.step(params, gradient(params, X_batch, y_batch))
            done += 1
            if record and done % every == 0:
                history.append(record(params))
            if done == evaluations:
                break
    return params, history
