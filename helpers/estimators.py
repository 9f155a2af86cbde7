"""The course's network as a scikit-learn estimator (notebook 10), so that scikit-learn's model-selection
tools (``cross_val_score``, ``validation_curve``, ...) can run it.

Kept out of ``import helpers`` on purpose: importing scikit-learn takes a second, and only notebook 10
needs it. Import it as ``from helpers.estimators import NumpyMLPClassifier``.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from .mlp import init_params, predict, train
from .validation import as_float_array


class NumpyMLPClassifier(ClassifierMixin, BaseEstimator):
    """helpers.mlp's network with one ReLU hidden layer as a scikit-learn estimator (fit, predict, score),
    so that scikit-learn's ``cross_val_score`` and ``validation_curve`` can run it."""

    def __init__(self, hidden: int = 32, learning_rate: float = 0.1, epochs: int = 30, lam: float = 0.0,
                 batch_size: int = 64, seed: int = 0) -> None:
        self.hidden, self.learning_rate, self.epochs = hidden, learning_rate, epochs
        self.lam, self.batch_size, self.seed = lam, batch_size, seed

    def fit(self, X: np.ndarray, y: np.ndarray) -> "NumpyMLPClassifier":
        """Train from He-scaled random weights (seeded) on X (n, d) and labels y (n,)."""
        X = as_float_array(X, "X", ndim=2)
        self.classes_, labels = np.unique(np.asarray(y), return_inverse=True)
        start = init_params([X.shape[1], self.hidden, max(len(self.classes_), 2)], "he", self.seed)
        self.params_, _ = train(start, X, labels, self.learning_rate, self.epochs, lam=self.lam,
                                batch_size=self.batch_size, seed=self.seed)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The predicted class of every row of X (n, d): shape (n,)."""
        return self.classes_[predict(self.params_, X)]
